//! `jiedu demo`: create the demo database, idempotently.

use crate::args::DemoArgs;
use crate::args::Target;
use crate::demo;
use crate::demo_flow;
use crate::error::CliError;
use crate::output::Output;
use jiedu_core::pack::PackState;
use jiedu_store::NewPack;
use jiedu_store::Store;
use serde::Serialize;
use std::process::ExitCode;

/// The actor recorded in the audit log for demo set-up.
const ACTOR: &str = "demo";

#[derive(Serialize)]
struct DemoReport {
    database: String,
    units: usize,
    users: usize,
    created: Vec<String>,
    existing: Vec<String>,
    keys_created: Vec<String>,
    released: PackState,
}

/// Writes the demo units, users and packs that are not there yet.
pub async fn run(db: &Target, args: DemoArgs, out: &Output) -> Result<ExitCode, CliError> {
    // Parse everything before touching the database, so bad data changes nothing.
    let mut data = demo::load(args.from.as_deref())?;
    let (y, m, d) = demo::DATES_WRITTEN_FOR;
    if let Some(written) = chrono::NaiveDate::from_ymd_opt(y, m, d) {
        let today = jiedu_core::deadlines::china_date(chrono::Utc::now());
        demo::shift_dates(&mut data, (today - written).num_days());
    }
    let db = db.local(
        "demo",
        "演示数据须在服务器所用的数据库上创建：jiedu demo --db postgres://…",
    )?;
    let store = Store::open(db).await?;
    let units = store.list_units().await?;
    for unit in &data.people.units {
        if !units.contains(unit) {
            store.upsert_unit(unit, ACTOR).await?;
        }
    }
    let users = store.list_users().await?;
    for user in &data.people.users {
        if !users.contains(user) {
            store.upsert_user(user, ACTOR).await?;
        }
    }
    let keys_created = demo_flow::ensure_credentials(&store, &data, ACTOR).await?;
    demo_flow::ensure_certificates(&store, &data).await?;
    demo_flow::ensure_enrolments(&store, &data).await?;
    demo_flow::ensure_unit_settings(&store, &data).await?;
    let mut report = DemoReport {
        database: db.to_string(),
        units: data.people.units.len(),
        users: data.people.users.len(),
        created: Vec::new(),
        existing: Vec::new(),
        keys_created,
        released: PackState::Drafting,
    };
    if let Some(seed) = data.packs.first() {
        let (state, created) = demo_flow::ensure_released(&store, &data, seed, ACTOR).await?;
        let list = if created {
            &mut report.created
        } else {
            &mut report.existing
        };
        list.push(demo_flow::RELEASED_ID.to_string());
        report.released = state;
    }
    demo_flow::ensure_concern(&store, &data).await?;
    for pack in data.packs {
        if store.pack_exists(&pack.id).await? {
            report.existing.push(pack.id);
            continue;
        }
        let new = NewPack {
            id: pack.id.clone(),
            unit_id: pack.unit_id,
            content: pack.content,
        };
        store.create_pack(&new, ACTOR).await?;
        report.created.push(pack.id);
    }
    store.close().await;
    out.emit(&report, || {
        println!("演示数据库 Demo database: {}", report.database);
        println!("单位 units: {}，人员 users: {}", report.units, report.users);
        for id in &report.created {
            println!("  新建 created  {id}");
        }
        for id in &report.existing {
            println!("  已有 existing {id}");
        }
        if !report.keys_created.is_empty() {
            println!(
                "  签名密钥 signing keys: {}（口令 passphrase: 见 README）",
                report.keys_created.join(", ")
            );
        }
        println!(
            "  {} 状态 state: {}",
            demo_flow::RELEASED_ID,
            report.released.label_zh()
        );
    });
    Ok(ExitCode::SUCCESS)
}
