//! `jiedu concern add|respond|list`: public concerns and their response clocks.

use crate::args::Target;
use crate::auth;
use crate::commands::workflow::parse_time;
use crate::error::CliError;
use crate::output::Output;
use clap::{Args, Subcommand};
use jiedu_core::concern::{
    Clock, ClockKind, ClockStatus, ConcernResponse, ConcernSeverity, PublicConcern,
};
use jiedu_core::deadlines::china_time;
use jiedu_store::NewConcern;
use serde::Serialize;
use std::process::ExitCode;

/// Options of `jiedu concern`.
#[derive(Debug, Args)]
pub struct ConcernArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: ConcernAction,
}

/// The concern jobs.
#[derive(Debug, Subcommand)]
pub enum ConcernAction {
    /// 登记社会关切（新闻发言人）。Record a public concern (press officers).
    Add {
        /// 关切内容 What the concern is.
        #[arg(long)]
        what: String,
        /// 严重程度：特别重大、重大、其他（或 extraordinarily_major, major, other）。Severity.
        #[arg(long, default_value = "other")]
        severity: String,
        /// 来源，如 微博、媒体报道。Source.
        #[arg(long)]
        source: String,
        /// 开始时间（默认现在）。When it started (default now).
        #[arg(long, value_name = "TIME")]
        started: Option<String>,
        /// 相关解读包。The pack it concerns.
        #[arg(long)]
        pack: Option<String>,
        /// 负责单位（无解读包时；默认本人单位）。Unit responsible when on no pack.
        #[arg(long)]
        unit: Option<String>,
    },
    /// 登记回应。Record a response.
    Respond {
        /// 关切编号 Concern id.
        id: String,
        /// 回应类别：authoritative_info（发布权威信息）、press_conference（新闻发布会）、response（回应关切）；默认按严重程度。
        /// The clock answered; default by severity.
        #[arg(long)]
        clock: Option<String>,
        /// 回应内容 What was released or said.
        #[arg(long)]
        what: String,
        /// 渠道或地点 Where.
        #[arg(long = "where")]
        venue: String,
        /// 回应时间（默认现在）。When (default now).
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// 列出社会关切及其时限。List concerns and their clocks.
    List {
        /// 只看未回应完的。Only those with a clock still open.
        #[arg(long)]
        open: bool,
    },
}

#[derive(Serialize)]
struct ConcernView<'a> {
    #[serde(flatten)]
    concern: &'a PublicConcern,
    clocks: Vec<Clock>,
}

fn print(c: &PublicConcern, clocks: &[Clock]) {
    println!(
        "{} [{}] {}（来源 {}，开始 {}）",
        c.id,
        c.severity.label_zh(),
        c.what,
        c.source,
        china_time(c.started_at).format("%Y-%m-%d %H:%M")
    );
    for k in clocks {
        let (mark, state) = match k.status {
            ClockStatus::Met => ("✓", "按时 met"),
            ClockStatus::Late => ("!", "超时回应 late"),
            ClockStatus::Running => ("·", "计时中 running"),
            ClockStatus::Overdue => ("✗", "已超时 overdue"),
        };
        let left = k
            .minutes_left
            .map(|m| {
                format!(
                    "，剩余 {} 小时 {} 分 left",
                    m.div_euclid(60),
                    m.rem_euclid(60)
                )
            })
            .unwrap_or_default();
        println!(
            "    {mark} {}（{} 小时，至 {}）{state}{left}",
            k.label.zh,
            k.hours,
            china_time(k.due_at).format("%Y-%m-%d %H:%M")
        );
    }
}

/// Prints a concern just recorded with its clocks as they stand now, and closes the backend.
async fn emit_recorded(
    backend: jiedu_client::Backend,
    concern: &PublicConcern,
    heading: &str,
    out: &Output,
) -> Result<(), CliError> {
    let settings = backend.unit_settings(&concern.unit_id).await?.concerns;
    backend.close().await;
    let clocks = concern.clocks(&settings, chrono::Utc::now());
    out.emit(
        &ConcernView {
            concern,
            clocks: clocks.clone(),
        },
        || {
            println!("{heading}");
            print(concern, &clocks);
        },
    );
    Ok(())
}

/// Runs `jiedu concern`.
pub async fn run(
    db: &Target,
    args: ConcernArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let now = chrono::Utc::now();
    match args.action {
        ConcernAction::Add {
            what,
            severity,
            source,
            started,
            pack,
            unit,
        } => {
            let severity = ConcernSeverity::parse(&severity).ok_or_else(|| CliError::BadValue {
                what_zh: "严重程度".into(),
                what: "severity".into(),
                value: severity.clone(),
                hint_zh: "可用：特别重大、重大、其他。".into(),
                hint_en: "Use extraordinarily_major, major or other.".into(),
            })?;
            let started_at = match started {
                Some(t) => parse_time(&t)?,
                None => now,
            };
            let mut backend = db.open().await?;
            let session = auth::session(&mut backend, actor, "concern add").await?;
            let new = NewConcern {
                pack_id: pack,
                unit_id: unit,
                what,
                started_at,
                severity,
                source,
            };
            let concern = backend.add_concern(&session, &new).await?;
            emit_recorded(backend, &concern, "已登记 recorded:", out).await?;
        }
        ConcernAction::Respond {
            id,
            clock,
            what,
            venue,
            at,
        } => {
            let at = match at {
                Some(t) => parse_time(&t)?,
                None => now,
            };
            let mut backend = db.open().await?;
            let session = auth::session(&mut backend, actor, "concern respond").await?;
            let clock = match clock {
                Some(text) => ClockKind::parse(&text).ok_or_else(|| CliError::BadValue {
                    what_zh: "回应类别".into(),
                    what: "clock".into(),
                    value: text.clone(),
                    hint_zh: "可用：authoritative_info、press_conference、response。".into(),
                    hint_en: "Use authoritative_info, press_conference or response.".into(),
                })?,
                // The first clock of the concern still unanswered (else its first).
                None => {
                    let concern = backend
                        .concerns()
                        .await?
                        .into_iter()
                        .find(|c| c.id == id)
                        .ok_or_else(|| jiedu_store::StoreError::ConcernNotFound {
                            id: id.clone(),
                        })?;
                    let settings = backend.unit_settings(&concern.unit_id).await?.concerns;
                    let clocks = concern.clocks(&settings, now);
                    clocks
                        .iter()
                        .find(|c| c.answered_at.is_none())
                        .or(clocks.first())
                        .map_or(ClockKind::Response, |c| c.kind)
                }
            };
            let response = ConcernResponse {
                clock,
                what,
                venue,
                at,
                by: session.user().id.clone(),
            };
            let concern = backend.respond_concern(&session, &id, &response).await?;
            emit_recorded(backend, &concern, "已登记回应 response recorded:", out).await?;
        }
        ConcernAction::List { open } => {
            let backend = db.open().await?;
            let concerns = backend.concerns().await?;
            let book = backend.settings_book().await?;
            backend.close().await;
            let views: Vec<ConcernView<'_>> = concerns
                .iter()
                .map(|c| ConcernView {
                    concern: c,
                    clocks: c.clocks(&book.of(&c.unit_id).concerns, now),
                })
                .filter(|v| !open || v.clocks.iter().any(|k| k.answered_at.is_none()))
                .collect();
            out.emit(&views, || {
                if views.is_empty() {
                    println!("没有社会关切 no concerns");
                }
                for v in &views {
                    print(v.concern, &v.clocks);
                }
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}
