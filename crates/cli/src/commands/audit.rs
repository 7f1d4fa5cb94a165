//! `jiedu audit PACK`: the pack's timeline. `jiedu audit --verify`: checks the whole hash chain
//! and every stored revision against its hash; exit 1 naming the first broken row.

use crate::args::Target;
use crate::error::CliError;
use crate::output::Output;
use clap::Args;
use jiedu_store::{AuditEvent, AuditVerification, MediaVerification, RevisionVerification};
use serde::Serialize;
use serde_json::Value;
use std::process::ExitCode;

/// Options of `jiedu audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// 解读包编号（显示其时间线）。Pack id (shows its timeline).
    pub pack: Option<String>,
    /// 校验整条审计链和全部版本内容；有断点时退出码为 1。
    /// Check the whole audit chain and every revision; exit 1 on a break.
    #[arg(long)]
    pub verify: bool,
}

#[derive(Serialize)]
struct Verification {
    ok: bool,
    audit: AuditVerification,
    revisions: RevisionVerification,
    media: MediaVerification,
    enrolments: jiedu_client::EnrolmentReport,
}

#[derive(Serialize)]
struct AuditReport {
    #[serde(skip_serializing_if = "Option::is_none")]
    timeline: Option<Vec<AuditEvent>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verification: Option<Verification>,
}

/// The Chinese name of an audit action.
fn action_zh(action: &str) -> &str {
    match action {
        "pack.create" => "创建",
        "pack.save" => "保存",
        "pack.submit" => "报送审签",
        "pack.return" => "退回",
        "pack.resolve_comment" => "处理意见",
        "pack.review_disclosure" => "公开属性审查",
        "pack.sign" => "审签",
        "pack.deploy" => "部署",
        "pack.signature_void" => "签名失效",
        "user.add" => "添加用户",
        "user.credentials" => "设置口令",
        "user.upsert" => "更新用户",
        "unit.upsert" => "更新单位",
        "media.store" => "存储文件",
        other => other,
    }
}

fn summary(detail: &Value) -> String {
    let text = |k: &str| detail.get(k).and_then(Value::as_str).unwrap_or("");
    let mut parts = Vec::new();
    if let (Some(from), Some(to)) = (detail.get("from"), detail.get("to")) {
        if from != to {
            parts.push(format!(
                "{}→{}",
                from.as_str().unwrap_or(""),
                to.as_str().unwrap_or("")
            ));
        }
    }
    if !text("part").is_empty() {
        parts.push(format!("[{}]", text("part")));
    }
    if !text("comment").is_empty() {
        parts.push(format!("“{}”", text("comment")));
    }
    if let Some(channels) = detail.get("channels").and_then(Value::as_array) {
        let names: Vec<&str> = channels.iter().filter_map(Value::as_str).collect();
        parts.push(names.join("、"));
    }
    if let Some(approved) = detail.get("approved").and_then(Value::as_bool) {
        parts.push(if approved { "同意" } else { "不同意" }.to_string());
    }
    parts.join(" ")
}

fn short(hash: Option<&str>) -> &str {
    let Some(hash) = hash else { return "—" };
    let hex = hash.strip_prefix("sha256:").unwrap_or(hash);
    &hex[..hex.len().min(12)]
}

/// Prints a pack's timeline, checks the chain, or both.
pub async fn run(db: &Target, args: AuditArgs, out: &Output) -> Result<ExitCode, CliError> {
    if args.pack.is_none() && !args.verify {
        return Err(CliError::AuditWhat);
    }
    let store = db.open().await?;
    let timeline = match &args.pack {
        Some(pack) => {
            store.get_pack(pack).await?;
            Some(store.audit_for_pack(pack).await?)
        }
        None => None,
    };
    let verification = if args.verify {
        let checked = store.verify().await?;
        let (audit, revisions, media) = (checked.audit, checked.revisions, checked.media);
        // The chain of enrolments is checked here, against this client's pinned admin key,
        // not by the server: the server's operator is who it guards against.
        let enrolments = store.check_enrolments().await?;
        Some(Verification {
            ok: audit.first_broken.is_none()
                && revisions.first_broken.is_none()
                && media.first_broken.is_none()
                && enrolments.ok(),
            audit,
            revisions,
            media,
            enrolments,
        })
    } else {
        None
    };
    store.close().await;
    let ok = verification.as_ref().is_none_or(|v| v.ok);
    let report = AuditReport {
        timeline,
        verification,
    };
    out.emit(&report, || print(&report));
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print(report: &AuditReport) {
    if let Some(events) = &report.timeline {
        println!("审计时间线 Audit timeline");
        for e in events {
            let at = e.at.get(..19).unwrap_or(&e.at).replace('T', " ");
            println!(
                "#{:<4} {at}Z  {:<10} {:<8} {:<22} r{:<3} {}  {}",
                e.seq,
                e.actor,
                action_zh(&e.action),
                e.action,
                e.revision.map_or("-".to_string(), |r| r.to_string()),
                short(e.content_hash.as_deref()),
                summary(&e.detail)
            );
        }
    }
    if let Some(v) = &report.verification {
        match &v.audit.first_broken {
            None => println!(
                "✓ 审计链完整：{} 条记录。The audit chain holds: {} rows.",
                v.audit.rows, v.audit.rows
            ),
            Some(b) => {
                let (zh, en) = b.reason.split_once('\n').unwrap_or((&b.reason, ""));
                println!("✗ 审计链在第 {} 条记录处断开：{zh}", b.seq);
                println!("  The audit chain breaks at row #{}: {en}", b.seq);
            }
        }
        match &v.revisions.first_broken {
            None => println!(
                "✓ 版本内容与哈希一致：{} 个版本。Every revision matches its hash: {}.",
                v.revisions.revisions, v.revisions.revisions
            ),
            Some(p) => {
                let (zh, en) = p.reason.split_once('\n').unwrap_or((&p.reason, ""));
                println!("✗ 解读包 {} 第 {} 版被改动：{zh}", p.pack_id, p.revision);
                println!(
                    "  Pack {} revision {} was altered: {en}",
                    p.pack_id, p.revision
                );
            }
        }
        match &v.media.first_broken {
            None => println!(
                "✓ 图片与音视频文件与其 SHA-256 一致：{} 个文件。Every stored media file matches its SHA-256: {}.",
                v.media.files, v.media.files
            ),
            Some(p) => {
                let (zh, en) = p.reason.split_once('\n').unwrap_or((&p.reason, ""));
                println!(
                    "✗ 解读包 {} 的文件“{}”（{}）：{zh}",
                    p.pack_id, p.file_name, p.sha256
                );
                println!("  File {} of pack {}: {en}", p.file_name, p.pack_id);
            }
        }
        print_enrolments(&v.enrolments);
    }
}

/// Prints what checking the enrolment chain found.
pub(crate) fn print_enrolments(r: &jiedu_client::EnrolmentReport) {
    if let Some(root) = &r.pinned_admin {
        if r.pinned_now {
            println!(
                "！首次连接：已固定管理员 {} 的公钥 {}（{}）。请与管理员核对。\n  First connection: pinned the key of admin {}; check it with them.",
                root.user_id, root.public_key, r.pin_file, root.user_id
            );
        }
    }
    if r.problems.is_empty() {
        println!(
            "✓ 登记链完整：{} 人的公钥均由受信任的管理员签署登记。Every key of {} people is enrolled by the trusted admin.",
            r.people, r.people
        );
    }
    for p in &r.problems {
        let (zh, en) = p.message.split_once('\n').unwrap_or((&p.message, ""));
        println!("✗ {zh}");
        println!("  {en}");
    }
}
