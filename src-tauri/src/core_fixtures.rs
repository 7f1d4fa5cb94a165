//! The UI's test double answers with what `jiedu-core` decides, never with rules of its own:
//! this test asks the core about the demo packs (and the contents the UI tests make, in
//! `ui/tests/fixtures/contents/`) and writes its answers to
//! `ui/src/backend/fixtures/core-answers.json`. It fails when the committed file differs, as
//! the ts-rs types do; `JIEDU_UPDATE_FIXTURES=1 cargo test -p jiedu-app core_fixtures`
//! rewrites it.
//!
//! What is recorded, each with the core's own code and bilingual message:
//! - `authorize[user][unit][action]`: whether each demo person may take each action on a pack
//!   of each unit (`null` when allowed);
//! - `transitions[state][step]`: the state each step leads to, or why it cannot be taken;
//! - `contents[hash]`: for each known content, its checklist in every state (unsigned and
//!   signed, a deployed one with its deployment), the submit gate (without and with open
//!   comments, their ids an `{ids}` hole) and the sign gate;
//! - `deploy`: the deploy gate's refusals, the stale one with `{signed}`/`{current}` holes.

use jiedu_core::pack::{Deployment, Pack, PackContent, PackState, SignRecord};
use jiedu_core::people::{Role, User};
use jiedu_core::permissions::{authorize, Action};
use jiedu_core::plan::Channel;
use jiedu_core::signing::{self, SignInput};
use jiedu_core::workflow::{deploy_gate, next_state, sign_gate, submit_gate, Step};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

/// An open comment id no message contains otherwise, replaced by `{ids}`.
const OPEN_IDS_SENTINEL: i64 = 987_654_321;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn refusal(e: impl std::fmt::Display, code: &str) -> Value {
    json!({ "code": code, "message": e.to_string() })
}

fn wire<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The demo packs and the UI tests' extra contents.
fn packs() -> Vec<Pack> {
    let demo = root().join("resources/demo");
    let mut packs: Vec<Pack> = [
        "seed-pack.json",
        "incomplete-pack.json",
        "chart-gallery-pack.json",
    ]
    .iter()
    .map(|name| {
        let text = std::fs::read_to_string(demo.join(name)).expect("demo pack");
        serde_json::from_str(&text).expect("demo pack JSON")
    })
    .collect();
    let extra = root().join("ui/tests/fixtures/contents");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&extra)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
    {
        let text = std::fs::read_to_string(file).expect("content fixture");
        let value: Value = serde_json::from_str(&text).expect("content fixture JSON");
        let unit = value["unit_id"]
            .as_str()
            .unwrap_or("general-office")
            .to_string();
        let content: PackContent =
            serde_json::from_value(value["content"].clone()).expect("a PackContent");
        packs.push(Pack {
            id: file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            unit_id: unit,
            state: PackState::Drafting,
            revision: 1,
            content,
            signature: None,
            deployment: None,
        });
    }
    packs
}

fn people() -> (Vec<User>, Vec<String>) {
    let text = std::fs::read_to_string(root().join("resources/demo/people.json")).expect("people");
    let value: Value = serde_json::from_str(&text).expect("people JSON");
    let users = serde_json::from_value(value["users"].clone()).expect("users");
    let units = value["units"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|u| u["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    (users, units)
}

fn signed_record(pack: &Pack, content: &PackContent) -> SignRecord {
    let signer = User {
        id: "li.hua".into(),
        name: "李华".into(),
        unit_id: pack.unit_id.clone(),
        role: Role::Leader,
    };
    signing::sign(
        &[7u8; 32],
        SignInput {
            pack_id: &pack.id,
            revision: pack.revision,
            content,
            signer: &signer,
            signed_at: chrono::DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z")
                .map(|t| t.with_timezone(&chrono::Utc))
                .unwrap_or_default(),
            comment: "",
        },
    )
}

fn answers() -> Value {
    let (users, units) = people();
    let mut by_user = Map::new();
    for user in &users {
        let mut by_unit = Map::new();
        for unit in &units {
            let mut by_action = Map::new();
            for action in Action::ALL {
                let answer = match authorize(user, action, Some(unit)) {
                    Ok(()) => Value::Null,
                    Err(e) => refusal(&e, e.code()),
                };
                by_action.insert(wire(&action), answer);
            }
            by_unit.insert(unit.clone(), Value::Object(by_action));
        }
        by_user.insert(user.id.clone(), Value::Object(by_unit));
    }

    let mut transitions = Map::new();
    for state in PackState::ALL {
        let mut by_step = Map::new();
        for step in Step::ALL {
            let answer = match next_state(state, step) {
                Ok(next) => json!(next),
                Err(e) => refusal(&e, e.code()),
            };
            by_step.insert(wire(&step), answer);
        }
        transitions.insert(wire(&state), Value::Object(by_step));
    }

    let mut contents = Map::new();
    for pack in packs() {
        let hash = pack.content_hash().0;
        let mut checklists = Map::new();
        for state in PackState::ALL {
            for signed in [false, true] {
                let mut p = pack.clone();
                p.state = state;
                p.signature = signed.then(|| signed_record(&pack, &pack.content));
                // A deployed pack carries its deployment of exactly this content.
                if signed && state == PackState::Deployed {
                    let at = p
                        .signature
                        .as_ref()
                        .map(|s| s.signed_at)
                        .unwrap_or_default();
                    p.deployment = Some(Deployment {
                        deployed_by: "chen.jing".into(),
                        policy_released_at: at,
                        interpretation_released_at: at,
                        channels: vec![Channel::Portal],
                        content_hash: pack.content_hash(),
                    });
                }
                checklists.insert(
                    format!("{}|{signed}", wire(&state)),
                    json!(jiedu_core::check(&p)),
                );
            }
        }
        let gate = |r: Result<(), jiedu_core::WorkflowError>| match r {
            Ok(()) => Value::Null,
            Err(e) => refusal(&e, e.code()),
        };
        let mut submit = Map::new();
        for state in [PackState::Drafting, PackState::Returned] {
            let mut p = pack.clone();
            p.state = state;
            submit.insert(wire(&state), gate(submit_gate(&p, &[])));
            // Recorded with a sentinel id, left as an `{ids}` hole for the open comments.
            let mut open = gate(submit_gate(&p, &[OPEN_IDS_SENTINEL]));
            if let Some(Value::String(m)) = open.get_mut("message") {
                *m = m.replace(&OPEN_IDS_SENTINEL.to_string(), "{ids}");
            }
            submit.insert(format!("{}|open", wire(&state)), open);
        }
        contents.insert(
            hash,
            json!({
                "pack": pack.id,
                "checklists": checklists,
                "submit_gate": submit,
                "sign_gate": gate(sign_gate(&pack)),
            }),
        );
    }

    // The deploy gate's refusals; the stale one names two hashes, left as holes.
    let mut pack = packs().remove(0);
    let not_signed = match deploy_gate(&pack) {
        Err(e) => refusal(&e, e.code()),
        Ok(_) => Value::Null,
    };
    let mut other = pack.content.clone();
    other.policy.title.push('。');
    let record = signed_record(&pack, &other);
    let (signed, current) = (record.content_hash.0.clone(), pack.content_hash().0);
    pack.signature = Some(record);
    let stale = match deploy_gate(&pack) {
        Err(e) => json!({
            "code": e.code(),
            "message": e.to_string().replace(&signed, "{signed}").replace(&current, "{current}"),
        }),
        Ok(_) => Value::Null,
    };
    json!({
        "authorize": by_user,
        "transitions": transitions,
        "contents": contents,
        "deploy": { "not_signed": not_signed, "signature_stale": stale },
    })
}

#[test]
fn the_ui_test_double_answers_with_the_cores_decisions() {
    let file = root().join("ui/src/backend/fixtures/core-answers.json");
    let text = format!(
        "{}\n",
        serde_json::to_string_pretty(&answers()).expect("serialise")
    );
    if std::env::var_os("JIEDU_UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
        std::fs::write(&file, &text).expect("write fixtures");
        return;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == text,
        "{} is stale: the core decides differently now. Run JIEDU_UPDATE_FIXTURES=1 cargo test -p jiedu-app core_fixtures",
        file.display()
    );
}
