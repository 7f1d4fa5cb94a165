//! Publication facts kept beside the packs: each unit's settings, the calendar years an admin
//! imported, the 索引号 allocated at deployment, and the validity changes (修改/废止) a
//! deployment makes to earlier packs.

use crate::accounts::Session;
use crate::audit::{self, now_text, time_text, Entry};
use crate::db::{sql, Tx};
use crate::error::StoreError;
use crate::people::ensure_unit;
use crate::workflow::load_pack;
use crate::Store;
use chrono::{DateTime, Datelike, Utc};
use jiedu_core::calendar::{CalendarYear, WorkCalendar};
use jiedu_core::deadlines::china_date;
use jiedu_core::pack::{Pack, PackState};
use jiedu_core::permissions::{authorize, Action};
use jiedu_core::publication::{index_number, PublicationRecord, UnitSettings, ValidityChange};
use jiedu_core::workflow::WorkflowError;
use serde_json::json;

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        what: what.to_string(),
    }
}

fn may(session: &Session, action: Action) -> Result<(), StoreError> {
    authorize(session.user(), action, None)
        .map_err(|e| StoreError::Workflow(WorkflowError::Permission(e)))
}

/// A unit's settings inside a transaction; the defaults when never set.
pub(crate) async fn settings_in(conn: &mut Tx, unit_id: &str) -> Result<UnitSettings, StoreError> {
    let text: Option<String> = sql("SELECT settings FROM unit_settings WHERE unit_id = $1")
        .bind(unit_id)
        .scalar_optional(&mut *conn)
        .await?;
    text.map(|t| {
        serde_json::from_str(&t)
            .map_err(|e| corrupt(format!("单位设置 unit settings {unit_id}: {e}")))
    })
    .transpose()
    .map(Option::unwrap_or_default)
}

/// Allocates the pack's 索引号 inside the deployment's transaction, unless it has one (its own
/// from an imported document, or one allocated before). The serial is the next of the unit and
/// year; rows are never deleted, so no serial is given twice. Without an organisation code in
/// the unit's settings nothing is allocated, and the portal export says what to set.
pub(crate) async fn allocate_index_number(
    conn: &mut Tx,
    pack: &Pack,
    at: DateTime<Utc>,
) -> Result<Option<String>, StoreError> {
    if !pack.policy().portal.index_number.trim().is_empty() {
        return Ok(Some(pack.policy().portal.index_number.clone()));
    }
    let existing: Option<String> = sql("SELECT number FROM index_numbers WHERE pack_id = $1")
        .bind(&pack.id)
        .scalar_optional(&mut *conn)
        .await?;
    if existing.is_some() {
        return Ok(existing);
    }
    let settings = settings_in(conn, &pack.unit_id).await?;
    let code = settings.portal.org_code.trim();
    if code.is_empty() {
        return Ok(None);
    }
    let year = pack
        .policy()
        .written_on
        .map(|d| d.year())
        .unwrap_or_else(|| china_date(at).year());
    let last: Option<i64> =
        sql("SELECT MAX(serial) FROM index_numbers WHERE unit_id = $1 AND year = $2")
            .bind(&pack.unit_id)
            .bind(i64::from(year))
            .scalar_optional(&mut *conn)
            .await?
            .flatten();
    let serial = last.unwrap_or(0) + 1;
    let number = index_number(code, year, u32::try_from(serial).unwrap_or(u32::MAX));
    sql(
        "INSERT INTO index_numbers (pack_id, unit_id, year, serial, number, allocated_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&pack.id)
    .bind(&pack.unit_id)
    .bind(i64::from(year))
    .bind(serial)
    .bind(&number)
    .bind(now_text())
    .execute(&mut *conn)
    .await?;
    Ok(Some(number))
}

/// Checks and records what the deployed pack amends or repeals, inside the deployment's
/// transaction, with one audit row on each earlier pack. Returns the changes.
pub(crate) async fn apply_supersessions(
    conn: &mut Tx,
    pack: &Pack,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<Vec<ValidityChange>, StoreError> {
    let mut changes = Vec::new();
    for (i, s) in pack.policy().supersedes.iter().enumerate() {
        let field = format!("policy.supersedes[{i}].pack_id");
        let refused = |detail: String| StoreError::Supersession {
            field: field.clone(),
            detail,
        };
        if s.pack_id == pack.id {
            return Err(refused(
                "解读包不能修改或废止自身 / a pack cannot amend or repeal itself".into(),
            ));
        }
        let (_, earlier) = match load_pack(conn, &s.pack_id).await {
            Ok(found) => found,
            Err(StoreError::PackNotFound { .. }) => {
                return Err(refused(format!(
                    "没有编号为“{}”的解读包 / there is no pack {}",
                    s.pack_id, s.pack_id
                )))
            }
            Err(e) => return Err(e),
        };
        if earlier.state != PackState::Deployed {
            return Err(refused(format!(
                "“{}”尚未发布，无需修改或废止 / {} was never released",
                s.pack_id, s.pack_id
            )));
        }
        let change = ValidityChange {
            pack_id: s.pack_id.clone(),
            kind: s.kind,
            effective_on: s.effective_on,
            by_pack: pack.id.clone(),
            by_title: pack.policy().title.clone(),
            by_doc_number: pack.policy().doc_number.clone(),
            recorded_at: at,
        };
        let record = serde_json::to_string(&change).map_err(|e| corrupt(e.to_string()))?;
        sql(
            "INSERT INTO validity_changes (pack_id, by_pack, record) VALUES ($1, $2, $3)
             ON CONFLICT (pack_id, by_pack) DO UPDATE SET record = excluded.record",
        )
        .bind(&s.pack_id)
        .bind(&pack.id)
        .bind(record)
        .execute(&mut *conn)
        .await?;
        audit::append(
            conn,
            Entry {
                actor,
                action: "pack.validity",
                pack_id: Some(&s.pack_id),
                revision: Some(earlier.revision),
                content_hash: None,
                detail: json!({
                    "kind": s.kind,
                    "label": s.kind.label_zh(),
                    "effective_on": s.effective_on,
                    "by_pack": pack.id,
                    "by_title": pack.policy().title,
                    "at": time_text(at),
                }),
            },
        )
        .await?;
        changes.push(change);
    }
    Ok(changes)
}

/// Appends the audit row of an admin's change that concerns no pack, and commits both.
async fn commit_with_row(
    mut tx: Tx,
    session: &Session,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    audit::append(
        &mut tx,
        Entry {
            actor: &session.user().id,
            action,
            pack_id: None,
            revision: None,
            content_hash: None,
            detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

impl Store {
    /// A unit's settings (the defaults when an admin never set them).
    pub async fn unit_settings(&self, unit_id: &str) -> Result<UnitSettings, StoreError> {
        let mut tx = self.db().begin_read().await?;
        settings_in(&mut tx, unit_id).await
    }

    /// Every unit's settings, by unit id; units never set are left out.
    pub async fn all_unit_settings(&self) -> Result<Vec<(String, UnitSettings)>, StoreError> {
        let rows = sql("SELECT unit_id, settings FROM unit_settings ORDER BY unit_id")
            .fetch_all(self.db())
            .await?;
        rows.iter()
            .map(|r| {
                let unit: String = r.get("unit_id")?;
                let settings = serde_json::from_str(&r.get::<String>("settings")?)
                    .map_err(|e| corrupt(format!("单位设置 unit settings {unit}: {e}")))?;
                Ok((unit, settings))
            })
            .collect()
    }

    /// An admin sets a unit's settings, checked first ([`UnitSettings::validate`]).
    pub async fn set_unit_settings(
        &self,
        session: &Session,
        unit_id: &str,
        settings: &UnitSettings,
    ) -> Result<(), StoreError> {
        may(session, Action::ManageSettings)?;
        settings
            .validate()
            .map_err(|e| StoreError::InvalidSetting {
                field: e.field.clone(),
                detail: e.message.clone(),
            })?;
        let mut tx = self.db().begin_write().await?;
        ensure_unit(&mut tx, unit_id).await?;
        let text = serde_json::to_string(settings).map_err(|e| corrupt(e.to_string()))?;
        sql("INSERT INTO unit_settings (unit_id, settings, updated_by, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (unit_id) DO UPDATE SET settings = excluded.settings,
                 updated_by = excluded.updated_by, updated_at = excluded.updated_at")
        .bind(unit_id)
        .bind(text)
        .bind(&session.user().id)
        .bind(now_text())
        .execute(&mut tx)
        .await?;
        commit_with_row(
            tx,
            session,
            "unit.settings",
            json!({ "unit_id": unit_id, "settings": settings }),
        )
        .await
    }

    /// The working-day calendar: the bundled years, and those an admin imported over them.
    pub async fn calendar(&self) -> Result<WorkCalendar, StoreError> {
        Ok(WorkCalendar::with_years(
            self.imported_calendar_years().await?,
        ))
    }

    /// The years an admin imported, oldest first.
    pub async fn imported_calendar_years(&self) -> Result<Vec<CalendarYear>, StoreError> {
        let rows = sql("SELECT year, record FROM calendar_years ORDER BY year")
            .fetch_all(self.db())
            .await?;
        rows.iter()
            .map(|r| {
                let year: i64 = r.get("year")?;
                serde_json::from_str(&r.get::<String>("record")?)
                    .map_err(|e| corrupt(format!("日历 calendar {year}: {e}")))
            })
            .collect()
    }

    /// An admin imports (or replaces) one year of the calendar, checked first.
    pub async fn import_calendar_year(
        &self,
        session: &Session,
        year: &CalendarYear,
    ) -> Result<(), StoreError> {
        may(session, Action::ManageSettings)?;
        year.validate()?;
        let mut tx = self.db().begin_write().await?;
        let text = serde_json::to_string(year).map_err(|e| corrupt(e.to_string()))?;
        sql("INSERT INTO calendar_years (year, record, imported_by, imported_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (year) DO UPDATE SET record = excluded.record,
                 imported_by = excluded.imported_by, imported_at = excluded.imported_at")
        .bind(i64::from(year.year))
        .bind(text)
        .bind(&session.user().id)
        .bind(now_text())
        .execute(&mut tx)
        .await?;
        commit_with_row(
            tx,
            session,
            "calendar.import",
            json!({
                "year": year.year,
                "source": year.source,
                "holidays": year.holidays.len(),
                "workdays": year.workdays.len(),
            }),
        )
        .await
    }

    /// A pack's publication record: its 索引号 and the validity changes later packs made. A
    /// released pack that got no 索引号 (its unit had no organisation code then) gets one now,
    /// once the code is set.
    pub async fn publication_record(&self, pack_id: &str) -> Result<PublicationRecord, StoreError> {
        let pack = self.get_pack(pack_id).await?;
        let mut allocated: Option<String> =
            sql("SELECT number FROM index_numbers WHERE pack_id = $1")
                .bind(pack_id)
                .scalar_optional(self.db())
                .await?;
        if allocated.is_none() && pack.state == PackState::Deployed {
            let mut tx = self.db().begin_write().await?;
            let (_, current) = load_pack(&mut tx, pack_id).await?;
            let at = current
                .deployment
                .as_ref()
                .map_or_else(Utc::now, |d| d.policy_released_at);
            allocated = allocate_index_number(&mut tx, &current, at).await?;
            if let Some(number) = &allocated {
                audit::append(
                    &mut tx,
                    Entry {
                        actor: "jiedu",
                        action: "pack.index_number",
                        pack_id: Some(pack_id),
                        revision: Some(current.revision),
                        content_hash: None,
                        detail: json!({ "index_number": number }),
                    },
                )
                .await?;
            }
            tx.commit().await?;
        }
        let own = Some(pack.policy().portal.index_number.clone()).filter(|n| !n.trim().is_empty());
        let rows = sql("SELECT record FROM validity_changes WHERE pack_id = $1 ORDER BY id")
            .bind(pack_id)
            .fetch_all(self.db())
            .await?;
        let changes = rows
            .iter()
            .map(|r| {
                serde_json::from_str(&r.get::<String>("record")?)
                    .map_err(|e| corrupt(format!("有效性 validity of {pack_id}: {e}")))
            })
            .collect::<Result<Vec<ValidityChange>, StoreError>>()?;
        Ok(PublicationRecord {
            index_number: own.or(allocated),
            changes,
        })
    }
}
