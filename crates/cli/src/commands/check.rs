//! `jiedu check PACK`: the gate-rule checklist; exit 0 when every blocking rule passes.

use crate::args::Target;
use crate::error::CliError;
use crate::output::Output;
use jiedu_core::deadlines::{pack_deadlines, Deadline, DeadlineStatus};
use jiedu_core::rules::{check, CheckStatus, Checklist, RuleId, Severity};

use serde::Serialize;
use std::process::ExitCode;

#[derive(Serialize)]
struct CheckReport<'a> {
    passes: bool,
    blocking_failures: Vec<RuleId>,
    #[serde(flatten)]
    checklist: &'a Checklist,
    /// The pack's deadlines on the day asked.
    deadlines: &'a [Deadline],
}

/// Runs the gate rules on the pack and prints the checklist and its deadlines.
pub async fn run(
    db: &Target,
    id: &str,
    today: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let today = super::deadlines::judge_day(today)?;
    let store = db.open().await?;
    let pack = store.get_pack(id).await?;
    let calendar = store.calendar().await?;
    let settings = store.unit_settings(&pack.unit_id).await?;
    store.close().await;
    let checklist = check(&pack);
    let deadlines = pack_deadlines(&pack, &calendar, &settings.deadlines, today);
    let report = CheckReport {
        passes: checklist.passes(),
        blocking_failures: checklist.blocking_failures(),
        checklist: &checklist,
        deadlines: &deadlines,
    };
    out.emit(&report, || {
        print_checklist(&pack.content.policy.title, &checklist);
        print_deadlines(&deadlines);
    });
    Ok(if report.passes {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_checklist(title: &str, list: &Checklist) {
    println!("关口检查 Checklist — {title}");
    println!("内容哈希 content hash {}", list.content_hash);
    for item in &list.items {
        let mark = match (item.status, item.severity) {
            (CheckStatus::Pass, _) => "✓",
            (CheckStatus::NotApplicable, _) => "–",
            (CheckStatus::Fail, Severity::Blocking) => "✗",
            (CheckStatus::Fail, _) => "!",
        };
        let number = if item.rule_no > 0 {
            format!("{}.", item.rule_no)
        } else {
            "  ".to_string()
        };
        println!(
            "{mark} {number} {} {} [{}]",
            item.title.zh,
            item.title.en,
            item.id.as_str()
        );
        if item.findings.is_empty() {
            println!("      {}", item.message.zh);
        }
        for f in &item.findings {
            println!("      {}（{}）", f.message.zh, f.field);
            println!("      {}", f.message.en);
        }
    }
    if list.passes() {
        println!("结果：全部阻断性规则通过。Result: every blocking rule passes.");
    } else {
        let ids: Vec<&str> = list
            .blocking_failures()
            .iter()
            .map(|r| r.as_str())
            .collect();
        println!(
            "结果：未通过 {}。Result: blocked by {}.",
            ids.join("、"),
            ids.join(", ")
        );
    }
}

fn print_deadlines(deadlines: &[Deadline]) {
    if deadlines.is_empty() {
        return;
    }
    println!("时限 Deadlines");
    for d in deadlines {
        let mark = match d.status {
            DeadlineStatus::Met => "✓",
            DeadlineStatus::Overdue | DeadlineStatus::Unknown | DeadlineStatus::Late => "✗",
            DeadlineStatus::DueSoon => "!",
            DeadlineStatus::Open | DeadlineStatus::Waiting => "·",
        };
        let due = d
            .due_on
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into());
        println!(
            "{mark} {} {}：{}（{}）",
            d.label.zh,
            due,
            d.status.label().zh,
            d.status.label().en
        );
        println!("      {}", d.rule.zh);
        if let Some(problem) = &d.problem {
            println!("      {problem}");
        }
    }
}
