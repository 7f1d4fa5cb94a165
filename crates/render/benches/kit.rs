//! Times the media kit of the demo pack with its charts copied to 20 (median of 5 runs), and
//! where the time goes, from the progress reports.

#![allow(missing_docs)]

use chrono::{TimeZone, Utc};
use jiedu_core::pack::{Pack, PackState, SignRecord};
use jiedu_render::{media_kit, FontSet, KitOptions, KitProgress};
use std::cell::RefCell;
use std::time::{Duration, Instant};

fn pack() -> (Pack, SignRecord) {
    let mut pack: Pack =
        serde_json::from_str(include_str!("../../../resources/demo/seed-pack.json"))
            .expect("demo pack");
    let base = pack.content.materials.charts.clone();
    pack.content.materials.charts = (0..20)
        .map(|i| {
            let mut chart = base[i % base.len()].clone();
            chart.id = format!("{}-{}", chart.id, i + 1);
            chart
        })
        .collect();
    pack.state = PackState::Signed;
    pack.revision = 3;
    let record: SignRecord = serde_json::from_value(serde_json::json!({
        "pack_id": pack.id,
        "signer_id": "li.hua",
        "signer_name": "李华",
        "signed_at": "2026-11-28T01:30:00Z",
        "revision": 3,
        "content_hash": pack.content_hash().0,
        "algorithm": "ed25519",
        "public_key": "00".repeat(32),
        "signature": "5a".repeat(64),
    }))
    .expect("record");
    (pack, record)
}

fn main() {
    let (pack, record) = pack();
    let fonts = FontSet::bundled().expect("fonts");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 30, 8, 30, 0)
        .single()
        .expect("time");
    let mut runs = Vec::new();
    let mut phases: Vec<(String, Duration)> = Vec::new();
    for _ in 0..5 {
        let marks: RefCell<Vec<(String, Instant)>> = RefCell::new(Vec::new());
        let mark = |p: KitProgress| marks.borrow_mut().push((p.file, Instant::now()));
        let mut options = KitOptions::new(fonts.clone(), now);
        options.release_at = Some(now + chrono::Duration::days(1));
        options.progress = &mark;
        let started = Instant::now();
        let kit = media_kit(&pack, &record, &options).expect("kit");
        let total = started.elapsed();
        runs.push(total);
        let marks = marks.into_inner();
        let mut last = started;
        let mut by_kind: Vec<(String, Duration)> = Vec::new();
        for (file, at) in &marks {
            let kind = if file.ends_with("-1080.png") {
                "chart PNG 1080 px"
            } else if file.ends_with("-2160.png") {
                "chart PNG 2160 px"
            } else if file.ends_with(".svg") {
                "chart SVG"
            } else {
                file.as_str()
            };
            match by_kind.iter_mut().find(|(k, _)| k == kind) {
                Some((_, d)) => *d += *at - last,
                None => by_kind.push((kind.to_string(), *at - last)),
            }
            last = *at;
        }
        by_kind.push(("zip".into(), started + total - last));
        if phases.is_empty() || total <= runs.iter().copied().min().unwrap_or(total) {
            phases = by_kind;
        }
        eprintln!(
            "run: {:.2} s, {:.1} MB",
            total.as_secs_f64(),
            kit.bytes.len() as f64 / 1e6
        );
    }
    runs.sort();
    println!(
        "media kit, demo pack with 20 charts: median {:.2} s over {} runs (goal < 3 s)",
        runs[runs.len() / 2].as_secs_f64(),
        runs.len()
    );
    println!("fastest run by part:");
    for (kind, d) in phases {
        println!("  {kind:<20} {:>8.1} ms", d.as_secs_f64() * 1e3);
    }
}
