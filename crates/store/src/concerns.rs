//! Public concerns and their responses, recorded by press officers. Each write has its audit
//! row, which in team mode reaches every desktop as a live event.

use crate::accounts::Session;
use crate::audit::{self, time_text, Entry};
use crate::db::{sql, Tx};
use crate::error::StoreError;
use crate::people::ensure_unit;
use crate::publication::settings_in;
use crate::Store;
use chrono::{DateTime, Duration, Utc};
use jiedu_core::concern::{ClockKind, ConcernResponse, ConcernSeverity, PublicConcern};
use jiedu_core::permissions::{authorize, Action};
use jiedu_core::workflow::WorkflowError;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// How far in the future a recorded time may be (clock differences between desks).
const FUTURE_SLACK_MINUTES: i64 = 10;

/// A concern as a press officer records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewConcern {
    /// The pack it concerns, if any.
    #[serde(default)]
    pub pack_id: Option<String>,
    /// The unit responsible; the pack's unit when on a pack, else the recorder's unit.
    #[serde(default)]
    pub unit_id: Option<String>,
    /// What the concern is.
    pub what: String,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// How serious.
    pub severity: ConcernSeverity,
    /// Where it was seen.
    pub source: String,
}

fn invalid(field: &str, zh: &str, en: &str) -> StoreError {
    StoreError::InvalidConcern {
        field: field.to_string(),
        detail: format!("{zh} / {en}"),
    }
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        what: what.to_string(),
    }
}

fn not_in_future(field: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
    if at > Utc::now() + Duration::minutes(FUTURE_SLACK_MINUTES) {
        return Err(invalid(
            field,
            "时间不能晚于现在",
            "the time is in the future",
        ));
    }
    Ok(())
}

async fn load_concern(conn: &mut Tx, id: &str) -> Result<PublicConcern, StoreError> {
    let record: Option<String> = sql("SELECT record FROM concerns WHERE id = $1")
        .bind(id)
        .scalar_optional(&mut *conn)
        .await?;
    let record = record.ok_or_else(|| StoreError::ConcernNotFound { id: id.to_string() })?;
    let mut concern: PublicConcern = serde_json::from_str(&record)
        .map_err(|e| corrupt(format!("社会关切 concern {id}: {e}")))?;
    let rows = sql("SELECT record FROM concern_responses WHERE concern_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    for row in rows {
        concern.responses.push(
            serde_json::from_str(&row.get::<String>("record")?)
                .map_err(|e| corrupt(format!("社会关切 concern {id}: {e}")))?,
        );
    }
    Ok(concern)
}

impl Store {
    /// A press officer records a public concern; its clocks start at `started_at`.
    pub async fn add_concern(
        &self,
        session: &Session,
        new: &NewConcern,
    ) -> Result<PublicConcern, StoreError> {
        authorize(session.user(), Action::RecordConcern, None)
            .map_err(|e| StoreError::Workflow(WorkflowError::Permission(e)))?;
        if new.what.trim().is_empty() {
            return Err(invalid(
                "what",
                "请写明关切的内容",
                "say what the concern is",
            ));
        }
        if new.source.trim().is_empty() {
            return Err(invalid(
                "source",
                "请写明来源（如微博、媒体报道）",
                "give the source",
            ));
        }
        not_in_future("started_at", new.started_at)?;
        let mut tx = self.db().begin_write().await?;
        let unit_id = match &new.pack_id {
            Some(pack_id) => {
                crate::workflow::load_pack(&mut tx, pack_id)
                    .await?
                    .1
                    .unit_id
            }
            None => new
                .unit_id
                .clone()
                .unwrap_or_else(|| session.user().unit_id.clone()),
        };
        ensure_unit(&mut tx, &unit_id).await?;
        let count: i64 = sql("SELECT COUNT(*) FROM concerns").scalar(&mut tx).await?;
        let id = format!(
            "gz-{}-{:04}",
            jiedu_core::deadlines::china_date(new.started_at).format("%Y%m%d"),
            count + 1
        );
        let concern = PublicConcern {
            id: id.clone(),
            pack_id: new.pack_id.clone(),
            unit_id: unit_id.clone(),
            what: new.what.trim().to_string(),
            started_at: new.started_at,
            severity: new.severity,
            source: new.source.trim().to_string(),
            recorded_by: session.user().id.clone(),
            responses: Vec::new(),
        };
        let record = serde_json::to_string(&concern).map_err(|e| corrupt(e.to_string()))?;
        sql("INSERT INTO concerns (id, unit_id, pack_id, started_at, record) VALUES ($1, $2, $3, $4, $5)")
            .bind(&id)
            .bind(&unit_id)
            .bind(new.pack_id.as_deref())
            .bind(time_text(new.started_at))
            .bind(record)
            .execute(&mut tx)
            .await?;
        let settings = settings_in(&mut tx, &unit_id).await?.concerns;
        let clocks = concern.clocks(&settings, Utc::now());
        audit::append(
            &mut tx,
            Entry {
                actor: &session.user().id,
                action: "concern.add",
                pack_id: new.pack_id.as_deref(),
                revision: None,
                content_hash: None,
                detail: json!({
                    "id": id,
                    "what": concern.what,
                    "severity": concern.severity,
                    "source": concern.source,
                    "started_at": time_text(concern.started_at),
                    "unit_id": unit_id,
                    "clocks": clocks.iter().map(|c| json!({
                        "kind": c.kind, "due_at": time_text(c.due_at)
                    })).collect::<Vec<_>>(),
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(concern)
    }

    /// Records a response to a concern, closing the clock it answers.
    pub async fn respond_concern(
        &self,
        session: &Session,
        concern_id: &str,
        response: &ConcernResponse,
    ) -> Result<PublicConcern, StoreError> {
        authorize(session.user(), Action::RecordConcern, None)
            .map_err(|e| StoreError::Workflow(WorkflowError::Permission(e)))?;
        if response.what.trim().is_empty() {
            return Err(invalid(
                "what",
                "请写明回应内容",
                "say what was released or said",
            ));
        }
        if response.venue.trim().is_empty() {
            return Err(invalid("where", "请写明回应渠道或地点", "say where"));
        }
        not_in_future("at", response.at)?;
        let mut tx = self.db().begin_write().await?;
        let mut concern = load_concern(&mut tx, concern_id).await?;
        if response.at < concern.started_at {
            return Err(invalid(
                "at",
                "回应时间早于关切开始时间",
                "the response is before the concern started",
            ));
        }
        let fits = match concern.severity {
            ConcernSeverity::Other => response.clock == ClockKind::Response,
            _ => response.clock != ClockKind::Response,
        };
        if !fits {
            return Err(invalid(
                "clock",
                "重大事件须回应“发布权威信息”或“举行新闻发布会”，其他关切须回应“回应关切”",
                "a major incident is answered by authoritative_info or press_conference, any other concern by response",
            ));
        }
        let response = ConcernResponse {
            by: session.user().id.clone(),
            what: response.what.trim().to_string(),
            venue: response.venue.trim().to_string(),
            ..response.clone()
        };
        let record = serde_json::to_string(&response).map_err(|e| corrupt(e.to_string()))?;
        sql("INSERT INTO concern_responses (concern_id, record) VALUES ($1, $2)")
            .bind(concern_id)
            .bind(record)
            .execute(&mut tx)
            .await?;
        concern.responses.push(response.clone());
        let settings = settings_in(&mut tx, &concern.unit_id).await?.concerns;
        let clocks = concern.clocks(&settings, Utc::now());
        audit::append(
            &mut tx,
            Entry {
                actor: &session.user().id,
                action: "concern.respond",
                pack_id: concern.pack_id.as_deref(),
                revision: None,
                content_hash: None,
                detail: json!({
                    "id": concern_id,
                    "clock": response.clock,
                    "what": response.what,
                    "where": response.venue,
                    "at": time_text(response.at),
                    "clocks": clocks.iter().map(|c| json!({
                        "kind": c.kind, "status": c.status
                    })).collect::<Vec<_>>(),
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(concern)
    }

    /// Every concern with its responses, newest first.
    pub async fn concerns(&self) -> Result<Vec<PublicConcern>, StoreError> {
        let mut tx = self.db().begin_read().await?;
        let ids: Vec<String> = sql("SELECT id FROM concerns ORDER BY started_at DESC, id DESC")
            .scalars(&mut tx)
            .await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(load_concern(&mut tx, &id).await?);
        }
        Ok(out)
    }

    /// One concern.
    pub async fn concern(&self, id: &str) -> Result<PublicConcern, StoreError> {
        let mut tx = self.db().begin_read().await?;
        load_concern(&mut tx, id).await
    }
}
