//! Publication, deadlines and public concerns through either backend: unit settings, the
//! working-day calendar, 索引号 and validity records, concerns and their responses, and what
//! the deadlines and the annual figures are computed from.

use crate::backend::{local_only, Actor, Backend};
use crate::error::ClientError;
use jiedu_api::{CalendarResponse, UnitSettingsEntry};
use jiedu_core::calendar::{CalendarYear, WorkCalendar};
use jiedu_core::concern::{ConcernResponse, PublicConcern};
use jiedu_core::pack::Pack;
use jiedu_core::publication::{LinkedPack, PublicationRecord, UnitSettings};
use jiedu_core::report::{annual_report, AnnualReport};
use jiedu_store::NewConcern;
use std::collections::HashMap;

/// Every unit's settings, the defaults for units never set.
#[derive(Debug, Clone, Default)]
pub struct SettingsBook {
    by_unit: HashMap<String, UnitSettings>,
}

impl SettingsBook {
    /// The settings of `unit_id`.
    pub fn of(&self, unit_id: &str) -> UnitSettings {
        self.by_unit.get(unit_id).cloned().unwrap_or_default()
    }
}

/// What a pack's publication package is made from, besides the pack.
#[derive(Debug, Clone)]
pub struct PublicationInputs {
    /// The pack.
    pub pack: Pack,
    /// Its 索引号 and validity changes.
    pub record: PublicationRecord,
    /// Its unit's settings.
    pub settings: UnitSettings,
    /// The packs it amends or repeals, with their titles.
    pub supersedes: Vec<LinkedPack>,
}

impl Backend {
    /// A unit's settings.
    pub async fn unit_settings(&self, unit_id: &str) -> Result<UnitSettings, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.unit_settings(unit_id).await?),
            Backend::Remote(r) => r.get(&format!("/units/{unit_id}/settings")).await,
        }
    }

    /// Every unit's settings.
    pub async fn settings_book(&self) -> Result<SettingsBook, ClientError> {
        let entries: Vec<(String, UnitSettings)> = match self {
            Backend::Local(s) => s.all_unit_settings().await?,
            Backend::Remote(r) => r
                .get::<Vec<UnitSettingsEntry>>("/settings")
                .await?
                .into_iter()
                .map(|e| (e.unit_id, e.settings))
                .collect(),
        };
        Ok(SettingsBook {
            by_unit: entries.into_iter().collect(),
        })
    }

    /// An admin sets a unit's settings.
    pub async fn set_unit_settings(
        &self,
        actor: &Actor,
        unit_id: &str,
        settings: &UnitSettings,
    ) -> Result<(), ClientError> {
        match self {
            Backend::Local(s) => Ok(s
                .set_unit_settings(local_only(actor)?, unit_id, settings)
                .await?),
            Backend::Remote(r) => {
                let _: UnitSettings = r
                    .put(&format!("/units/{unit_id}/settings"), settings)
                    .await?;
                Ok(())
            }
        }
    }

    /// The working-day calendar: bundled years and those imported.
    pub async fn calendar(&self) -> Result<WorkCalendar, ClientError> {
        Ok(WorkCalendar::with_years(
            self.imported_calendar_years().await?,
        ))
    }

    /// The years an admin imported.
    pub async fn imported_calendar_years(&self) -> Result<Vec<CalendarYear>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.imported_calendar_years().await?),
            Backend::Remote(r) => Ok(r.get::<CalendarResponse>("/calendar").await?.imported),
        }
    }

    /// An admin imports a calendar year.
    pub async fn import_calendar_year(
        &self,
        actor: &Actor,
        year: &CalendarYear,
    ) -> Result<(), ClientError> {
        match self {
            Backend::Local(s) => Ok(s.import_calendar_year(local_only(actor)?, year).await?),
            Backend::Remote(r) => {
                let _: CalendarYear = r.post("/calendar", year).await?;
                Ok(())
            }
        }
    }

    /// A pack's 索引号 and validity changes.
    pub async fn publication_record(&self, id: &str) -> Result<PublicationRecord, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.publication_record(id).await?),
            Backend::Remote(r) => r.get(&format!("/packs/{id}/publication")).await,
        }
    }

    /// Everything a pack's publication package is made from.
    pub async fn publication_inputs(&self, id: &str) -> Result<PublicationInputs, ClientError> {
        let pack = self.get_pack(id).await?;
        let record = self.publication_record(id).await?;
        let settings = self.unit_settings(&pack.unit_id).await?;
        let mut supersedes = Vec::new();
        for s in &pack.policy().supersedes {
            let title = match self.get_pack(&s.pack_id).await {
                Ok(other) => other.policy().title.clone(),
                Err(_) => s.pack_id.clone(),
            };
            supersedes.push(LinkedPack {
                pack_id: s.pack_id.clone(),
                title,
            });
        }
        Ok(PublicationInputs {
            pack,
            record,
            settings,
            supersedes,
        })
    }

    /// Every pack in full, for deadlines and the annual figures.
    pub async fn all_packs(&self) -> Result<Vec<Pack>, ClientError> {
        let mut packs = Vec::new();
        for summary in self.list_packs().await? {
            packs.push(self.get_pack(&summary.id).await?);
        }
        Ok(packs)
    }

    /// The annual figures of `year` (one unit, when given), from every pack and concern, each
    /// unit's limits and the calendar, judged at `now`.
    pub async fn annual_report(
        &self,
        year: i32,
        unit: Option<&str>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<AnnualReport, ClientError> {
        let calendar = self.calendar().await?;
        let book = self.settings_book().await?;
        let packs = self.all_packs().await?;
        let concerns = self.concerns().await?;
        Ok(annual_report(
            year,
            unit,
            &packs,
            &concerns,
            &calendar,
            &|u| book.of(u),
            now,
        ))
    }

    /// Every public concern, newest first.
    pub async fn concerns(&self) -> Result<Vec<PublicConcern>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.concerns().await?),
            Backend::Remote(r) => r.get("/concerns").await,
        }
    }

    /// A press officer records a concern.
    pub async fn add_concern(
        &self,
        actor: &Actor,
        new: &NewConcern,
    ) -> Result<PublicConcern, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.add_concern(local_only(actor)?, new).await?),
            Backend::Remote(r) => r.post("/concerns", new).await,
        }
    }

    /// A press officer records a response.
    pub async fn respond_concern(
        &self,
        actor: &Actor,
        id: &str,
        response: &ConcernResponse,
    ) -> Result<PublicConcern, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.respond_concern(local_only(actor)?, id, response).await?),
            Backend::Remote(r) => r.post(&format!("/concerns/{id}/respond"), response).await,
        }
    }
}
