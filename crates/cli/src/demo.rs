//! The demo data in `resources/demo/`: people, the seed policy's pack and an incomplete pack.
//!
//! The files are compiled in so that `jiedu demo` works from any folder; `--from DIR` reads the
//! same files from disk instead (for editing the demo, and for testing bad data).

use crate::error::CliError;
use jiedu_core::pack::Pack;
use jiedu_core::people::{Unit, User};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::path::{Path, PathBuf};

const PEOPLE: &str = "people.json";
const PACKS: [&str; 3] = [
    "seed-pack.json",
    "incomplete-pack.json",
    "chart-gallery-pack.json",
];

const BUILT_IN: [(&str, &str); 4] = [
    (PEOPLE, include_str!("../../../resources/demo/people.json")),
    (
        "seed-pack.json",
        include_str!("../../../resources/demo/seed-pack.json"),
    ),
    (
        "incomplete-pack.json",
        include_str!("../../../resources/demo/incomplete-pack.json"),
    ),
    (
        "chart-gallery-pack.json",
        include_str!("../../../resources/demo/chart-gallery-pack.json"),
    ),
];

/// Units and users of the demo.
#[derive(Debug, Deserialize)]
pub struct People {
    /// Units.
    pub units: Vec<Unit>,
    /// Users.
    pub users: Vec<User>,
    /// The passphrase every demo user gets (documented in the README).
    #[serde(default = "demo_passphrase")]
    pub passphrase: String,
}

fn demo_passphrase() -> String {
    "jiedu-demo".to_string()
}

/// Everything `jiedu demo` writes.
#[derive(Debug)]
pub struct DemoData {
    /// Units and users.
    pub people: People,
    /// The demo packs.
    pub packs: Vec<Pack>,
}

/// Loads the demo data from `dir`, or the built-in copy when `dir` is `None`.
pub fn load(dir: Option<&Path>) -> Result<DemoData, CliError> {
    let people = parse(dir, PEOPLE)?;
    let packs = PACKS
        .iter()
        .map(|name| parse(dir, name))
        .collect::<Result<_, _>>()?;
    Ok(DemoData { people, packs })
}

fn parse<T: DeserializeOwned>(dir: Option<&Path>, name: &str) -> Result<T, CliError> {
    let (path, text) = match dir {
        Some(dir) => {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path).map_err(|source| CliError::ReadFile {
                path: path.clone(),
                source,
            })?;
            (path, text)
        }
        None => {
            let text = BUILT_IN
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| (*t).to_string())
                .unwrap_or_default();
            (PathBuf::from("resources/demo").join(name), text)
        }
    };
    parse_json(&path, &text)
}

/// Parses JSON, naming the file, the position and the field path of any error.
pub fn parse_json<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, CliError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        let detail = if field == "." || field.is_empty() {
            inner.to_string()
        } else {
            format!("字段 field `{field}`: {inner}")
        };
        CliError::BadJson {
            path: path.to_path_buf(),
            line: inner.line(),
            column: inner.column(),
            detail,
        }
    })
}

/// The day the demo's dates were written for: `jiedu demo` moves every date by the days since,
/// so that on any day the demo has one planned release overdue and one due the next day.
pub const DATES_WRITTEN_FOR: (i32, u32, u32) = (2026, 12, 2);

/// Moves every date of the demo packs by `days`.
pub fn shift_dates(data: &mut DemoData, days: i64) {
    let shift = |d: &mut Option<chrono::NaiveDate>| {
        if let Some(day) = d {
            *day += chrono::Duration::days(days);
        }
    };
    for pack in &mut data.packs {
        let policy = &mut pack.content.policy;
        shift(&mut policy.written_on);
        shift(&mut policy.colophon.printed_on);
        shift(&mut policy.portal.published_on);
        for s in &mut policy.supersedes {
            s.effective_on += chrono::Duration::days(days);
        }
        if let Some(plan) = &mut pack.content.plan {
            shift(&mut plan.release_due_on);
        }
    }
}

/// The demo units' portal settings: fictional organisation codes in the 索引号 format.
pub fn unit_settings(unit_id: &str, index: usize) -> jiedu_core::publication::UnitSettings {
    let mut s = jiedu_core::publication::UnitSettings::default();
    s.portal.org_code = format!("00001{:04}", 4349 + index);
    s.portal.base_path = "/zwgk/zcjd/".into();
    s.portal.site_name = "演示市人民政府门户网站".into();
    s.portal.column = "政策解读".into();
    s.portal.footer = format!("主办：演示市人民政府办公厅　网站标识码：DEMO000001（{unit_id}）");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiedu_core::rules::{check, RuleId};

    #[test]
    fn the_built_in_demo_parses_and_fails_exactly_where_intended() {
        let demo = load(None).expect("built-in demo data");
        assert!(demo.people.users.len() >= 5);
        let seed = &demo.packs[0];
        assert!(
            check(seed).passes(),
            "{:?}",
            check(seed).blocking_failures()
        );
        assert!(seed.content.materials.qa.len() >= 8);
        assert_eq!(seed.content.materials.charts.len(), 2);
        let failing = check(&demo.packs[1]).blocking_failures();
        assert_eq!(
            failing,
            [RuleId::WhoeverDraftsInterprets, RuleId::OrganizedTogether]
        );
    }

    #[test]
    fn malformed_json_names_file_line_and_field() {
        let err = parse_json::<People>(
            Path::new("people.json"),
            "{\"units\": [{\"id\": 1, \"name\": \"办公厅\"}], \"users\": []}",
        )
        .expect_err("bad");
        let text = err.to_string();
        assert!(text.contains("people.json"), "{text}");
        assert!(text.contains("units[0].id"), "{text}");
        assert!(text.contains("第 1 行"), "{text}");
    }
}
