//! Portal publication: the unit's portal settings, the 索引号 of the 政府信息公开目录, and a
//! policy's validity over time as later packs amend or repeal it (修改/废止).

use crate::concern::ConcernSettings;
use crate::deadlines::DeadlineSettings;
use crate::gongwen::Validity;
use crate::text::Bilingual;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The portal package's page of images, audio and video; the PDF links to it for playback.
pub const MEDIA_PAGE: &str = "media.html";

/// How the unit's portal shows its publications; an admin edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct PortalSettings {
    /// The unit's organisation code, the front of every 索引号 (e.g. `000014349`).
    pub org_code: String,
    /// The site path the package is published under, e.g. `/zwgk/zcjd/`.
    pub base_path: String,
    /// The site's name, shown in every page's header, e.g. 某某市人民政府门户网站.
    pub site_name: String,
    /// The column, e.g. 政策解读.
    pub column: String,
    /// The footer line (主办单位, 网站标识码, ICP 备案号…).
    pub footer: String,
}

/// Everything an admin sets for a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct UnitSettings {
    /// The portal.
    pub portal: PortalSettings,
    /// Working-day limits.
    pub deadlines: DeadlineSettings,
    /// Public-concern clock hours.
    pub concerns: ConcernSettings,
}

/// Why unit settings are refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}：{message}")]
pub struct SettingsError {
    /// The field, e.g. `portal.org_code`.
    pub field: String,
    /// What is wrong, Chinese then English.
    pub message: String,
}

impl UnitSettings {
    /// Checks what an admin entered.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let err = |field: &str, zh: &str, en: &str| SettingsError {
            field: field.to_string(),
            message: format!("{zh} / {en}"),
        };
        let code = &self.portal.org_code;
        let well_formed = (6..=20).contains(&code.len())
            && code
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || c == '-');
        if !code.is_empty() && !well_formed {
            return Err(err(
                "portal.org_code",
                "组织机构代码应为 6–20 位数字或大写字母",
                "the organisation code is 6–20 digits or capital letters",
            ));
        }
        let base = &self.portal.base_path;
        if !base.is_empty()
            && (!base.starts_with('/') || base.contains("..") || base.contains(char::is_whitespace))
        {
            return Err(err(
                "portal.base_path",
                "站点路径应以 / 开头，且不含空格和 ..",
                "the site path starts with / and has no spaces or ..",
            ));
        }
        let d = &self.deadlines;
        if d.interpretation_lag_days > 30 {
            return Err(err(
                "deadlines.interpretation_lag_days",
                "解读时限不应超过 30 个工作日",
                "the interpretation limit is at most 30 working days",
            ));
        }
        if d.disclosure_days == 0 || d.disclosure_days > 60 {
            return Err(err(
                "deadlines.disclosure_days",
                "公开时限应为 1–60 个工作日",
                "the disclosure limit is 1–60 working days",
            ));
        }
        let c = &self.concerns;
        for (field, hours) in [
            (
                "concerns.authoritative_info_hours",
                c.authoritative_info_hours,
            ),
            ("concerns.press_conference_hours", c.press_conference_hours),
            ("concerns.response_hours", c.response_hours),
        ] {
            if hours == 0 || hours > 240 {
                return Err(err(
                    field,
                    "时限应为 1–240 小时",
                    "the limit is 1–240 hours",
                ));
            }
        }
        Ok(())
    }
}

/// The 索引号: the organisation code, `/`, the year, `-` and a five-digit serial, e.g.
/// `000014349/2026-00001`.
pub fn index_number(org_code: &str, year: i32, serial: u32) -> String {
    format!("{org_code}/{year}-{serial:05}")
}

/// What a later policy does to an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SupersessionKind {
    /// 修改: the earlier policy stays in force as amended.
    Amend,
    /// 废止: the earlier policy is repealed.
    Repeal,
}

impl SupersessionKind {
    /// The Chinese word.
    pub fn label_zh(self) -> &'static str {
        match self {
            SupersessionKind::Amend => "修改",
            SupersessionKind::Repeal => "废止",
        }
    }
}

/// A clause of a new policy that amends or repeals an earlier pack's policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Supersession {
    /// The earlier pack.
    pub pack_id: String,
    /// Amend or repeal.
    pub kind: SupersessionKind,
    /// From when.
    pub effective_on: NaiveDate,
}

/// Another pack a publication page links to: one this pack amends or repeals, or one that
/// amends or repeals it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedPack {
    /// Its id; its package is published beside this one, under the same base path.
    pub pack_id: String,
    /// Its policy title.
    pub title: String,
}

/// A recorded change to a pack's validity, made when the pack that causes it is deployed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValidityChange {
    /// The pack whose policy changed.
    pub pack_id: String,
    /// Amended or repealed.
    pub kind: SupersessionKind,
    /// From when.
    pub effective_on: NaiveDate,
    /// The pack that amends or repeals it.
    pub by_pack: String,
    /// That pack's policy title.
    pub by_title: String,
    /// That pack's 发文字号.
    #[serde(default)]
    pub by_doc_number: Option<String>,
    /// When the change was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// A pack's publication facts beyond its content: its 索引号 and what later packs did to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PublicationRecord {
    /// The 索引号 allocated at deployment, or the one the imported document carries.
    pub index_number: Option<String>,
    /// Validity changes, oldest first.
    #[serde(default)]
    pub changes: Vec<ValidityChange>,
}

impl PublicationRecord {
    /// The 有效性 on `on`: repealed once a repeal is in effect, else as imported, else valid.
    pub fn validity(&self, imported: Option<Validity>, on: NaiveDate) -> Validity {
        if self
            .changes
            .iter()
            .any(|c| c.kind == SupersessionKind::Repeal && c.effective_on <= on)
        {
            Validity::Repealed
        } else {
            imported.unwrap_or(Validity::Valid)
        }
    }

    /// The 废止日期, once repealed.
    pub fn repealed_on(&self) -> Option<NaiveDate> {
        self.changes
            .iter()
            .filter(|c| c.kind == SupersessionKind::Repeal)
            .map(|c| c.effective_on)
            .min()
    }

    /// The notices shown on the original, e.g. 本文件已于2026年12月1日被《…》废止。
    pub fn notices(&self) -> Vec<Bilingual> {
        self.changes
            .iter()
            .map(|c| {
                let number = c
                    .by_doc_number
                    .as_deref()
                    .map(|n| format!("（{n}）"))
                    .unwrap_or_default();
                Bilingual::new(
                    format!(
                        "本文件已自{}起被《{}》{number}{}。",
                        c.effective_on.format("%Y年%-m月%-d日"),
                        c.by_title,
                        c.kind.label_zh()
                    ),
                    format!(
                        "{} by {} from {}.",
                        match c.kind {
                            SupersessionKind::Amend => "Amended",
                            SupersessionKind::Repeal => "Repealed",
                        },
                        c.by_title,
                        c.effective_on
                    ),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(kind: SupersessionKind, on: NaiveDate) -> ValidityChange {
        ValidityChange {
            pack_id: "old".into(),
            kind,
            effective_on: on,
            by_pack: "new".into(),
            by_title: "关于废止某办法的决定".into(),
            by_doc_number: Some("某政发〔2026〕9号".into()),
            recorded_at: DateTime::<Utc>::UNIX_EPOCH,
        }
    }

    #[test]
    fn the_index_number_has_five_digits_after_the_year() {
        assert_eq!(index_number("000014349", 2017, 110), "000014349/2017-00110");
    }

    #[test]
    fn a_repeal_takes_effect_on_its_day_and_an_amendment_keeps_it_valid() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("date");
        let mut record = PublicationRecord::default();
        record
            .changes
            .push(change(SupersessionKind::Amend, d(3, 1)));
        assert_eq!(record.validity(None, d(12, 1)), Validity::Valid);
        record
            .changes
            .push(change(SupersessionKind::Repeal, d(12, 1)));
        assert_eq!(record.validity(None, d(11, 30)), Validity::Valid);
        assert_eq!(record.validity(None, d(12, 1)), Validity::Repealed);
        assert_eq!(record.repealed_on(), Some(d(12, 1)));
        let notices = record.notices();
        assert!(notices[1].zh.contains("废止"), "{}", notices[1].zh);
        assert!(notices[1].zh.contains("2026年12月1日"), "{}", notices[1].zh);
    }

    #[test]
    fn settings_name_the_field_they_refuse() {
        let mut s = UnitSettings::default();
        assert_eq!(s.validate(), Ok(()));
        s.portal.org_code = "abc 123".into();
        assert_eq!(
            s.validate().map_err(|e| e.field),
            Err("portal.org_code".into())
        );
        s.portal.org_code = "000014349".into();
        s.concerns.response_hours = 0;
        assert_eq!(
            s.validate().map_err(|e| e.field),
            Err("concerns.response_hours".into())
        );
    }
}
