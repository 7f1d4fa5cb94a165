//! `jiedu import FILE`: a policy from a Word (.docx), text or Markdown file, with its structure
//! detected and web junk removed; prints the structure and the import report (every removal),
//! then saves it as a new pack or as a new revision of an existing pack's policy.

use crate::args::Target;
use crate::auth;
use crate::error::CliError;
use crate::output::Output;
use clap::Args;
use jiedu_client::Backend;
use jiedu_core::pack::{PackContent, PackState};
use jiedu_core::policy::Policy;
use jiedu_import::report::{DocumentKind, ImportReport};
use jiedu_import::{import_file_corrected, Corrections, ImportResult};
use jiedu_store::{NewPack, StoreError};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// The actor recorded in the audit log for imports from the command line.
const ACTOR: &str = "import";

/// Options of `jiedu import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 要导入的文件（.docx、.txt、.md、.html）。The file to import (.docx, .txt, .md, .html).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// 保存到的解读包：已有的编号则保存为其政策文件的新版本（保留解读方案和材料），新编号则新建解读包。
    /// Pack to save into: an existing id gets a new revision of its policy (plan and materials
    /// kept), a new id makes a new pack. Default: a new pack named import-<date>-<time>.
    #[arg(long, value_name = "PACK")]
    pub pack: Option<String>,
    /// 新建解读包的所属单位（默认：第一个单位）。Unit of a new pack (default: the first unit).
    #[arg(long, value_name = "UNIT_ID")]
    pub unit: Option<String>,
    /// 只显示识别结果和导入报告，不保存。Show the result and the report; save nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// 更正识别：这一行是标题（可重复，多行标题）。Correct the detection: this line is the
    /// title (repeat for a title over several lines). Line numbers as the report gives them.
    #[arg(long = "title-line", value_name = "LINE")]
    pub title_lines: Vec<usize>,
    /// 更正识别：这一行不是正文（可重复）。Correct the detection: this line is junk (repeatable).
    #[arg(long = "junk-line", value_name = "LINE")]
    pub junk_lines: Vec<usize>,
}

/// Where the import was saved.
#[derive(Debug, Serialize)]
struct Saved {
    pack: String,
    created: bool,
    revision: i64,
    changed: bool,
    content_hash: String,
}

#[derive(Serialize)]
struct ImportOutput<'a> {
    file: String,
    policy: &'a Policy,
    report: &'a ImportReport,
    saved: Option<Saved>,
}

/// Imports the file, prints what was found and done, and saves unless `--dry-run`.
pub async fn run(
    db: &Target,
    args: ImportArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let corrections = Corrections {
        title_lines: args.title_lines.clone(),
        junk_lines: args.junk_lines.clone(),
    };
    let ImportResult { policy, report } = import_file_corrected(&args.file, &corrections)?;
    let saved = if args.dry_run {
        None
    } else {
        Some(save(db, &args, &policy, actor).await?)
    };
    let output = ImportOutput {
        file: args.file.display().to_string(),
        policy: &policy,
        report: &report,
        saved,
    };
    out.emit(&output, || {
        print_structure(&output.file, output.policy, output.report);
        print_report(output.report);
        print_saved(output.saved.as_ref());
    });
    Ok(ExitCode::SUCCESS)
}

/// Saves into the pack named by `--pack` (new revision) or a new pack.
async fn save(
    db: &Target,
    args: &ImportArgs,
    policy: &Policy,
    actor: Option<&str>,
) -> Result<Saved, CliError> {
    let mut store = db.open().await?;
    // Locally the import is recorded as `import`; a server records who imported.
    let signed_in = match &store {
        Backend::Local(_) => None,
        Backend::Remote(_) => Some(auth::session(&mut store, actor, "import").await?),
    };
    let saved = match &args.pack {
        Some(id) if store.pack_exists(id).await? => {
            let pack = store.get_pack(id).await?;
            if !matches!(pack.state, PackState::Drafting | PackState::Returned) {
                eprintln!(
                    "注意：解读包“{id}”的状态是“{}”，保存新版本后原审签不再覆盖当前内容。\nNote: pack {id} is {}; after this new revision its signature no longer covers the content.",
                    pack.state.label_zh(),
                    pack.state.as_str()
                );
            }
            let content = PackContent {
                policy: merge(&pack.content.policy, policy),
                ..pack.content
            };
            let r = match (&store, &signed_in) {
                (_, Some(who)) => store.save(who, id, pack.revision, &content).await?,
                (Backend::Local(s), None) => {
                    s.save_content(id, pack.revision, &content, ACTOR).await?
                }
                (Backend::Remote(_), None) => unreachable_actor()?,
            };
            Saved {
                pack: r.pack_id,
                created: false,
                revision: r.revision,
                changed: r.changed,
                content_hash: r.content_hash,
            }
        }
        named => {
            let id = match named {
                Some(id) => id.clone(),
                None => free_id(&store).await?,
            };
            let units = store.list_units().await?;
            let unit = match &args.unit {
                Some(u) => units.iter().find(|x| &x.id == u).cloned(),
                None => units.first().cloned(),
            };
            let Some(unit) = unit else {
                if units.is_empty() {
                    eprintln!("数据库中还没有单位：请先运行 `jiedu demo` 或添加单位。\nThe database has no units: run `jiedu demo` or add one first.");
                }
                return Err(StoreError::UnitNotFound {
                    id: args.unit.clone().unwrap_or_else(|| "(default)".to_string()),
                }
                .into());
            };
            let content = PackContent {
                policy: Policy {
                    drafting_unit: unit.name.clone(),
                    ..policy.clone()
                },
                ..PackContent::default()
            };
            let new = NewPack {
                id,
                unit_id: unit.id,
                content,
            };
            let r = match (&store, &signed_in) {
                (_, Some(who)) => store.create_pack(who, &new).await?,
                (Backend::Local(s), None) => s.create_pack(&new, ACTOR).await?,
                (Backend::Remote(_), None) => unreachable_actor()?,
            };
            Saved {
                pack: r.pack_id,
                created: true,
                revision: r.revision,
                changed: r.changed,
                content_hash: r.content_hash,
            }
        }
    };
    store.close().await;
    Ok(saved)
}

/// The existing policy with the imported text: title, number, authority and date where the
/// import found them, and the body and attachments; the drafting unit, drafter, disclosure,
/// importance and category stay as they were.
fn merge(old: &Policy, new: &Policy) -> Policy {
    let pick = |imported: &str, kept: &str| {
        if imported.is_empty() {
            kept.to_string()
        } else {
            imported.to_string()
        }
    };
    Policy {
        title: pick(&new.title, &old.title),
        doc_number: new.doc_number.clone().or_else(|| old.doc_number.clone()),
        issuing_authority: pick(&new.issuing_authority, &old.issuing_authority),
        written_on: new.written_on.or(old.written_on),
        preamble: new.preamble.clone(),
        sections: new.sections.clone(),
        attachments: new.attachments.clone(),
        ..old.clone()
    }
}

/// `import-<date>-<time>`, with a suffix if that id is taken.
async fn free_id(store: &Backend) -> Result<String, CliError> {
    let base = format!("import-{}", chrono::Local::now().format("%Y%m%d-%H%M%S"));
    let mut id = base.clone();
    let mut n = 1;
    while store.pack_exists(&id).await? {
        n += 1;
        id = format!("{base}-{n}");
    }
    Ok(id)
}

fn or_dash(s: &str) -> &str {
    if s.trim().is_empty() {
        "—"
    } else {
        s
    }
}

fn print_structure(file: &str, p: &Policy, report: &ImportReport) {
    let kind = match report.kind {
        DocumentKind::Txt => "文本 text",
        DocumentKind::Markdown => "Markdown",
        DocumentKind::Docx => "Word .docx",
    };
    println!("导入 Import: {file}（{kind}，{}）", report.encoding);
    println!("  标题 title     {}", or_dash(&p.title));
    println!(
        "  发文字号       {}",
        or_dash(p.doc_number.as_deref().unwrap_or(""))
    );
    println!("  发文机关       {}", or_dash(&p.issuing_authority));
    println!(
        "  成文日期       {}",
        p.written_on.map_or("—".to_string(), |d| d
            .format("%Y年%-m月%-d日")
            .to_string())
    );
    super::show::print_elements(p);
    println!();
    println!(
        "正文 Policy text（{} 段导语 preamble paragraphs，{} 个标题 headings）",
        p.preamble.len(),
        p.sections.len()
    );
    for s in &p.sections {
        let indent = "  ".repeat(s.level.depth() + 1);
        let paragraphs = if s.paragraphs.is_empty() {
            String::new()
        } else {
            format!("  [{} 段]", s.paragraphs.len())
        };
        println!("{indent}{}{}{paragraphs}", s.number, s.heading);
    }
    if !p.attachments.is_empty() {
        println!("附件 Attachments");
        for (i, a) in p.attachments.iter().enumerate() {
            let file = a
                .file_name
                .as_deref()
                .map_or(String::new(), |f| format!("（{f}）"));
            println!(
                "  {}. {}{file}  [{} 段]",
                i + 1,
                or_dash(&a.title),
                a.paragraphs.len()
            );
        }
    }
    println!();
}

fn print_report(r: &ImportReport) {
    let unit = r.kind.line_unit_zh();
    println!("导入报告 Import report");
    println!("  删除 Removed（{}）", r.removals.len());
    for x in &r.removals {
        let reason = x.reason.label();
        println!(
            "    第 {} {unit}  {} {}：“{}”",
            x.line, reason.zh, reason.en, x.text
        );
    }
    println!("  合并断行 Joined line breaks（{}）", r.joins.len());
    for j in &r.joins {
        println!(
            "    第 {}–{} {unit}  …{}⏎{}…",
            j.line, j.next_line, j.before, j.after
        );
    }
    println!("  规范化 Normalized");
    for n in &r.normalizations {
        let label = n.kind.label();
        let lines: Vec<String> = n.lines.iter().map(usize::to_string).collect();
        let more = if n.count > n.lines.len() { "…" } else { "" };
        println!(
            "    {} {}：{} 处（第 {}{more} {unit}）",
            label.zh,
            label.en,
            n.count,
            lines.join("、")
        );
    }
    println!("  识别 Detected");
    for d in &r.detected {
        let field = d.field.label();
        println!(
            "    第 {} {unit}  {} {}：{}",
            d.line, field.zh, field.en, d.value
        );
    }
    if !r.notes.is_empty() {
        println!("  提示 Notes");
        for n in &r.notes {
            println!("    · {}", n.message.zh);
            println!("      {}", n.message.en);
        }
    }
    println!();
}

fn print_saved(saved: Option<&Saved>) {
    match saved {
        None => println!("未保存（--dry-run）。Nothing saved (--dry-run)."),
        Some(s) if s.created => println!(
            "已新建解读包 {}（第 {} 版）。Created pack {} (revision {}).",
            s.pack, s.revision, s.pack, s.revision
        ),
        Some(s) if s.changed => println!(
            "已保存为解读包 {} 的第 {} 版。Saved as revision {} of pack {}.",
            s.pack, s.revision, s.revision, s.pack
        ),
        Some(s) => println!(
            "内容未变，解读包 {} 仍为第 {} 版。Unchanged: pack {} stays at revision {}.",
            s.pack, s.revision, s.pack, s.revision
        ),
    }
}

/// A server import always signs in first; this is the error should that ever not hold.
fn unreachable_actor() -> Result<jiedu_store::SavedRevision, CliError> {
    Err(CliError::NeedsActor {
        command: "import".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiedu_core::disclosure::DisclosureAttribute;

    #[test]
    fn merge_keeps_metadata_and_replaces_the_text() {
        let mut old = Policy {
            title: "旧标题".into(),
            drafter: "张伟".into(),
            doc_number: Some("国土资发〔2016〕1号".into()),
            preamble: vec!["旧导语。".into()],
            ..Policy::default()
        };
        old.disclosure.attribute = Some(DisclosureAttribute::Proactive);
        let new = Policy {
            title: "新标题".into(),
            preamble: vec!["新导语。".into()],
            ..Policy::default()
        };
        let merged = merge(&old, &new);
        assert_eq!(merged.title, "新标题");
        assert_eq!(merged.preamble, ["新导语。"]);
        assert_eq!(merged.drafter, "张伟");
        assert_eq!(merged.doc_number.as_deref(), Some("国土资发〔2016〕1号"));
        assert_eq!(
            merged.disclosure.attribute,
            Some(DisclosureAttribute::Proactive)
        );
    }
}
