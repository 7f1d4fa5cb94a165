//! `jiedu deadlines`: what is due and what is overdue, over every pack, on China's
//! working-day calendar. Exit 1 when a deadline cannot be counted (a calendar year missing).

use crate::args::Target;
use crate::error::CliError;
use crate::output::Output;
use chrono::NaiveDate;
use clap::Args;
use jiedu_core::deadlines::{china_date, pack_deadlines, Deadline, DeadlineStatus};
use serde::Serialize;
use std::process::ExitCode;

/// Options of `jiedu deadlines`.
#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    /// 只看此单位。Only this unit's packs.
    #[arg(long)]
    pub unit: Option<String>,
    /// 列出全部时限（含进行中与已完成）。List every deadline, open and met ones too.
    #[arg(long)]
    pub all: bool,
    /// 按此日期判断（YYYY-MM-DD，北京时间；默认今天）。Judge on this day (default today, Beijing time).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

/// One deadline of one pack.
#[derive(Debug, Serialize)]
pub struct PackDeadline {
    /// The pack.
    pub pack_id: String,
    /// Its policy title.
    pub title: String,
    /// Its unit.
    pub unit_id: String,
    /// The deadline.
    #[serde(flatten)]
    pub deadline: Deadline,
}

/// The day deadlines are judged on: `--today`, else today in Beijing.
pub fn judge_day(today: Option<&str>) -> Result<NaiveDate, CliError> {
    match today {
        None => Ok(china_date(chrono::Utc::now())),
        Some(text) => {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| CliError::BadValue {
                what_zh: "日期".into(),
                what: "date".into(),
                value: text.to_string(),
                hint_zh: "格式为 YYYY-MM-DD。".into(),
                hint_en: "Use YYYY-MM-DD.".into(),
            })
        }
    }
}

fn order(status: DeadlineStatus) -> u8 {
    match status {
        DeadlineStatus::Unknown => 0,
        DeadlineStatus::Overdue => 1,
        DeadlineStatus::DueSoon => 2,
        DeadlineStatus::Open => 3,
        DeadlineStatus::Waiting => 4,
        DeadlineStatus::Late => 5,
        DeadlineStatus::Met => 6,
    }
}

/// Runs `jiedu deadlines`.
pub async fn run(db: &Target, args: DeadlinesArgs, out: &Output) -> Result<ExitCode, CliError> {
    let today = judge_day(args.today.as_deref())?;
    let backend = db.open().await?;
    let calendar = backend.calendar().await?;
    let book = backend.settings_book().await?;
    let packs = backend.all_packs().await?;
    backend.close().await;
    let mut list: Vec<PackDeadline> = Vec::new();
    for pack in packs
        .iter()
        .filter(|p| args.unit.as_deref().is_none_or(|u| u == p.unit_id))
    {
        let settings = book.of(&pack.unit_id);
        for deadline in pack_deadlines(pack, &calendar, &settings.deadlines, today) {
            let shown = args.all
                || matches!(
                    deadline.status,
                    DeadlineStatus::Overdue | DeadlineStatus::DueSoon | DeadlineStatus::Unknown
                );
            if shown {
                list.push(PackDeadline {
                    pack_id: pack.id.clone(),
                    title: pack.policy().title.clone(),
                    unit_id: pack.unit_id.clone(),
                    deadline,
                });
            }
        }
    }
    list.sort_by_key(|d| {
        (
            order(d.deadline.status),
            d.deadline.due_on,
            d.pack_id.clone(),
        )
    });
    let unknown = list
        .iter()
        .any(|d| d.deadline.status == DeadlineStatus::Unknown);
    #[derive(Serialize)]
    struct Report<'a> {
        today: NaiveDate,
        overdue: usize,
        due: usize,
        deadlines: &'a [PackDeadline],
    }
    let count = |s: DeadlineStatus| list.iter().filter(|d| d.deadline.status == s).count();
    let report = Report {
        today,
        overdue: count(DeadlineStatus::Overdue),
        due: count(DeadlineStatus::DueSoon),
        deadlines: &list,
    };
    out.emit(&report, || {
        println!(
            "时限 deadlines — {today}：逾期 {} 项 overdue，即将到期 {} 项 due",
            report.overdue, report.due
        );
        for d in &list {
            let mark = match d.deadline.status {
                DeadlineStatus::Overdue | DeadlineStatus::Unknown => "✗",
                DeadlineStatus::DueSoon => "!",
                DeadlineStatus::Met => "✓",
                _ => "·",
            };
            let due = d
                .deadline
                .due_on
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into());
            println!(
                "{mark} {} {}（{}）{} {} — {}",
                d.deadline.status.label().zh,
                d.deadline.label.zh,
                d.deadline.status.label().en,
                due,
                d.pack_id,
                d.title
            );
            if let Some(problem) = &d.deadline.problem {
                println!("      {problem}");
            }
        }
    });
    Ok(if unknown {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
