//! The workflow commands: save, submit, return, comments, resolve, review-disclosure, sign and
//! deploy. Each signs in the `--as` user and calls one store step; the store asks the core.

use crate::args::Target;
use crate::auth;
use crate::demo::parse_json;
use crate::error::CliError;
use crate::output::Output;
use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use clap::Args;
use jiedu_core::pack::PackContent;
use jiedu_core::parts::Part;
use jiedu_core::plan::Channel;
use jiedu_store::StepOutcome;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A command that names one pack.
#[derive(Debug, Args)]
pub struct PackArg {
    /// 解读包编号 Pack id.
    pub pack: String,
}

/// Options of `jiedu submit`.
#[derive(Debug, Args)]
pub struct SubmitArgs {
    /// 解读包编号 Pack id.
    pub pack: String,
    /// 版本 Revision.
    #[command(flatten)]
    pub at_revision: RevisionArg,
}

/// Options of `jiedu save`.
#[derive(Debug, Args)]
pub struct SaveArgs {
    /// 解读包编号 Pack id.
    pub pack: String,
    /// JSON 文件：解读包内容（policy/plan/materials），或 `jiedu show --json` 的输出。
    /// JSON file: pack content, or the output of `jiedu show --json`.
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
    /// 所依据的版本号（默认取文件中 `show --json` 的 revision）；若期间他人已保存新版本则拒绝保存。
    /// The revision this content was based on (default: the `revision` in a `show --json` file);
    /// the save is refused if someone saved a newer one since.
    #[arg(long, value_name = "REV")]
    pub base: Option<i64>,
}

/// The revision a workflow step acts on.
#[derive(Debug, Args)]
pub struct RevisionArg {
    /// 操作针对的版本号（默认为当前版本）；若已有更新的版本则拒绝。
    /// The revision acted on (default: the current one); refused if a newer one exists.
    #[arg(long, value_name = "REV")]
    pub revision: Option<i64>,
}

/// Options of `jiedu return`.
#[derive(Debug, Args)]
pub struct ReturnArgs {
    /// 解读包编号 Pack id.
    pub pack: String,
    /// 退回意见 The comment.
    #[arg(long)]
    pub comment: String,
    /// 意见针对的部分：policy.sections[N]、plan、text.sections[N]、chart:ID、qa:ID 或 pack。
    /// The part commented on.
    #[arg(long, value_name = "PART", default_value = "pack")]
    pub on: String,
    /// 版本 Revision.
    #[command(flatten)]
    pub at_revision: RevisionArg,
}

/// Options of `jiedu resolve`.
#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// 解读包编号 Pack id.
    pub pack: String,
    /// 意见编号 Comment id (see `jiedu comments`).
    pub comment: i64,
}

/// Options of `jiedu review-disclosure`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// 解读包编号 Pack id.
    pub pack: String,
    /// 同意拟定的公开属性。Approve the proposed attribute.
    #[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
    pub approve: bool,
    /// 不同意，须修改。Reject it.
    #[arg(long)]
    pub reject: bool,
    /// 审查意见 Comment.
    #[arg(long, default_value = "")]
    pub comment: String,
    /// 版本 Revision.
    #[command(flatten)]
    pub at_revision: RevisionArg,
}

/// Options of `jiedu sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// 解读包编号 Pack id.
    pub pack: String,
    /// 审签意见 Comment.
    #[arg(long, default_value = "")]
    pub comment: String,
    /// 版本 Revision.
    #[command(flatten)]
    pub at_revision: RevisionArg,
}

/// Options of `jiedu deploy`.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// 解读包编号 Pack id.
    pub pack: String,
    /// 发布渠道，逗号分隔（门户网站,微博,微信,客户端,报刊,公报）。Channels, comma-separated.
    #[arg(long, value_name = "LIST")]
    pub channels: String,
    /// 发布时间：RFC 3339，或 `YYYY-MM-DD HH:MM`（北京时间）；默认为现在。
    /// Release time: RFC 3339, or `YYYY-MM-DD HH:MM` in Beijing time; default now.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// 版本 Revision.
    #[command(flatten)]
    pub at_revision: RevisionArg,
    /// 将门户发布包写入此目录（本包及被其修改、废止的文件各一个 <编号>.portal.zip）。
    /// Write the portal packages into this folder: this pack's and those it amends or repeals.
    #[arg(long, value_name = "DIR")]
    pub portal: Option<std::path::PathBuf>,
}

fn print_outcome(o: &StepOutcome, zh: &str) {
    println!(
        "{zh}：{} {} → {}（第 {} 版 revision {}，{}）",
        o.pack_id,
        o.from.label_zh(),
        o.to.label_zh(),
        o.revision,
        o.revision,
        short(&o.content_hash)
    );
}

fn short(hash: &str) -> &str {
    let hex = hash.strip_prefix("sha256:").unwrap_or(hash);
    &hex[..hex.len().min(12)]
}

/// The content in a JSON file, with the revision it came from when the file is a whole pack as
/// `jiedu show --json` prints it.
fn read_content(path: &Path) -> Result<(PackContent, Option<i64>), CliError> {
    #[derive(Deserialize)]
    struct WholePack {
        content: PackContent,
        revision: Option<i64>,
    }
    let text = std::fs::read_to_string(path).map_err(|source| CliError::ReadFile {
        path: path.to_path_buf(),
        source,
    })?;
    let value: serde_json::Value = parse_json(path, &text)?;
    if value.get("content").is_some() && value.get("policy").is_none() {
        let whole = parse_json::<WholePack>(path, &text)?;
        Ok((whole.content, whole.revision))
    } else {
        Ok((parse_json(path, &text)?, None))
    }
}

/// The revision a step acts on: the one named, else the current one.
async fn revision_of(
    store: &jiedu_client::Backend,
    pack: &str,
    arg: &RevisionArg,
) -> Result<i64, CliError> {
    match arg.revision {
        Some(revision) => Ok(revision),
        None => Ok(store.get_pack(pack).await?.revision),
    }
}

/// `jiedu save PACK --from FILE --as DRAFTER`.
pub async fn save(
    db: &Target,
    args: SaveArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let (content, file_revision) = read_content(&args.from)?;
    let base = args
        .base
        .or(file_revision)
        .ok_or_else(|| CliError::NoBaseRevision {
            path: args.from.clone(),
        })?;
    let mut store = db.open().await?;
    let session = auth::session(&mut store, actor, "save").await?;
    let saved = store.save(&session, &args.pack, base, &content).await?;
    let state = store.get_pack(&args.pack).await?.state;
    store.close().await;
    out.emit(&saved, || {
        if saved.changed {
            println!(
                "已保存 saved {} 第 {} 版 revision {}（{}），状态 state {}",
                saved.pack_id,
                saved.revision,
                saved.revision,
                short(&saved.content_hash),
                state.label_zh()
            );
        } else {
            println!(
                "内容未变，未写入新版本。Content unchanged; no new revision ({}).",
                saved.revision
            );
        }
    });
    Ok(ExitCode::SUCCESS)
}

/// `jiedu submit PACK --as DRAFTER`.
pub async fn submit(
    db: &Target,
    args: SubmitArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let mut store = db.open().await?;
    let session = auth::session(&mut store, actor, "submit").await?;
    let revision = revision_of(&store, &args.pack, &args.at_revision).await?;
    let outcome = store.submit(&session, &args.pack, revision).await?;
    store.close().await;
    out.emit(&outcome, || print_outcome(&outcome, "已报送审签 submitted"));
    Ok(ExitCode::SUCCESS)
}

/// `jiedu return PACK --comment .. [--on PART] --as LEADER`.
pub async fn ret(
    db: &Target,
    args: ReturnArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let part = Part::parse(&args.on)?;
    let mut store = db.open().await?;
    let session = auth::session(&mut store, actor, "return").await?;
    let revision = revision_of(&store, &args.pack, &args.at_revision).await?;
    let (outcome, comment) = store
        .return_pack(&session, &args.pack, revision, &part, &args.comment)
        .await?;
    store.close().await;
    let report = serde_json::json!({ "outcome": outcome, "comment": comment });
    out.emit(&report, || {
        print_outcome(&outcome, "已退回 returned");
        println!(
            "  意见 comment #{} [{}] {}",
            comment.id, comment.part, comment.body
        );
    });
    Ok(ExitCode::SUCCESS)
}

/// `jiedu comments PACK`.
pub async fn comments(db: &Target, args: PackArg, out: &Output) -> Result<ExitCode, CliError> {
    let store = db.open().await?;
    let comments = store.comments(&args.pack).await?;
    let pack = store.get_pack(&args.pack).await?;
    store.close().await;
    out.emit(&comments, || {
        if comments.is_empty() {
            println!("（没有审签意见。No comments.）");
        }
        for c in &comments {
            let status = match (&c.resolved_by, c.resolved_revision) {
                (Some(by), Some(rev)) => format!("已处理 resolved by {by} @r{rev}"),
                _ => "未处理 open".to_string(),
            };
            println!(
                "#{:<3} {status}  [{}] {}",
                c.id,
                c.part,
                c.part.label(&pack.content)
            );
            println!(
                "     {}（{}，第 {} 版 revision {}）",
                c.body, c.author, c.revision, c.revision
            );
        }
    });
    Ok(ExitCode::SUCCESS)
}

/// `jiedu resolve PACK COMMENT --as DRAFTER`.
pub async fn resolve(
    db: &Target,
    args: ResolveArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let mut store = db.open().await?;
    let session = auth::session(&mut store, actor, "resolve").await?;
    let comment = store
        .resolve_comment(&session, &args.pack, args.comment)
        .await?;
    store.close().await;
    out.emit(&comment, || {
        println!(
            "意见 #{} 已处理 resolved [{}] {}",
            comment.id, comment.part, comment.body
        );
    });
    Ok(ExitCode::SUCCESS)
}

/// `jiedu review-disclosure PACK --approve|--reject --as OFFICE`.
pub async fn review(
    db: &Target,
    args: ReviewArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let mut store = db.open().await?;
    let session = auth::session(&mut store, actor, "review-disclosure").await?;
    let revision = revision_of(&store, &args.pack, &args.at_revision).await?;
    let saved = store
        .review_disclosure(
            &session,
            &args.pack,
            revision,
            args.approve && !args.reject,
            &args.comment,
        )
        .await?;
    store.close().await;
    out.emit(&saved, || {
        let verdict = if args.approve {
            "同意 approved"
        } else {
            "不同意 rejected"
        };
        println!(
            "公开属性审查 disclosure review {verdict}：{} 第 {} 版 revision {}（{}）",
            saved.pack_id,
            saved.revision,
            saved.revision,
            short(&saved.content_hash)
        );
    });
    Ok(ExitCode::SUCCESS)
}

/// `jiedu sign PACK --as LEADER [--comment ..]`.
pub async fn sign(
    db: &Target,
    args: SignArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let mut store = db.open().await?;
    let session = auth::session(&mut store, actor, "sign").await?;
    let fonts = jiedu_render::FontSet::bundled()?;
    let revision = revision_of(&store, &args.pack, &args.at_revision).await?;
    let media = store.images_for_signing(&args.pack).await?;
    let record = store
        .sign(
            &session,
            &args.pack,
            revision,
            &args.comment,
            crate::commands::export::unsigned_pdf(&fonts, &media),
        )
        .await?;
    store.close().await;
    out.emit(&record, || {
        println!(
            "已审签 signed：{} 第 {} 版 revision {}",
            record.pack_id, record.revision, record.revision
        );
        println!(
            "  签署人 signer   {}（{}）",
            record.signer_name, record.signer_id
        );
        println!("  时间 time       {}", record.signed_at.to_rfc3339());
        println!("  内容哈希 hash   {}", record.content_hash);
        println!("  公钥 public key ed25519:{}", record.public_key);
        println!(
            "  PDF 已以 PAdES 签名并保存 the PDF is PAdES-signed and stored: jiedu export pdf {}",
            record.pack_id
        );
        println!(
            "  签名 signature  {}…",
            &record.signature[..record.signature.len().min(32)]
        );
    });
    Ok(ExitCode::SUCCESS)
}

fn bad_value(what_zh: &str, what: &str, value: &str, hint_zh: &str, hint_en: &str) -> CliError {
    CliError::BadValue {
        what_zh: what_zh.into(),
        what: what.into(),
        value: value.into(),
        hint_zh: hint_zh.into(),
        hint_en: hint_en.into(),
    }
}

/// Reads `门户网站,微信` (Chinese names or ids, comma or 、 separated).
pub fn parse_channels(list: &str) -> Result<Vec<Channel>, CliError> {
    list.split([',', '，', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            Channel::parse(s).ok_or_else(|| {
                bad_value(
                    "发布渠道",
                    "channel",
                    s,
                    "可用：门户网站、微博、微信、客户端、报刊、公报。",
                    "Use 门户网站, 微博, 微信, 客户端, 报刊 or 公报 (or portal, weibo, wechat, app, newspaper, gazette).",
                )
            })
        })
        .collect()
}

/// Reads RFC 3339, or `YYYY-MM-DD HH:MM[:SS]` in Beijing time (UTC+8).
pub fn parse_time(text: &str) -> Result<DateTime<Utc>, CliError> {
    let t = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Ok(at.with_timezone(&Utc));
    }
    let beijing = FixedOffset::east_opt(8 * 3600);
    for format in ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let (Ok(naive), Some(zone)) = (NaiveDateTime::parse_from_str(t, format), beijing) {
            if let Some(at) = naive.and_local_timezone(zone).single() {
                return Ok(at.with_timezone(&Utc));
            }
        }
    }
    Err(bad_value(
        "时间",
        "time",
        text,
        "请用 RFC 3339（如 2026-12-01T09:00:00+08:00）或 `2026-12-01 09:00`（北京时间）。",
        "Use RFC 3339 (e.g. 2026-12-01T09:00:00+08:00) or `2026-12-01 09:00` (Beijing time).",
    ))
}

/// `jiedu deploy PACK --channels 门户网站,微信 [--at TIME] --as PRESS`.
pub async fn deploy(
    db: &Target,
    args: DeployArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let channels = parse_channels(&args.channels)?;
    let at = match &args.at {
        Some(text) => parse_time(text)?,
        None => Utc::now(),
    };
    let mut store = db.open().await?;
    let session = auth::session(&mut store, actor, "deploy").await?;
    let revision = revision_of(&store, &args.pack, &args.at_revision).await?;
    let deployment = store
        .deploy(&session, &args.pack, revision, &channels, at)
        .await?;
    // The release is recorded; a package that cannot be written now is made again later with
    // `jiedu export portal`.
    let packages = match &args.portal {
        Some(dir) => super::publish::write_after_deploy(&store, &args.pack, dir).await?,
        None => Vec::new(),
    };
    store.close().await;
    out.emit(&deployment, || {
        for file in &packages {
            println!("门户发布包 portal package: {}", file.display());
        }
        let names: Vec<&str> = deployment.channels.iter().map(|c| c.label_zh()).collect();
        println!("已部署 deployed：{}", args.pack);
        println!(
            "  政策文件与解读材料同步发布 released together at {}",
            deployment.policy_released_at.to_rfc3339()
        );
        println!("  渠道 channels   {}", names.join("、"));
        println!("  内容哈希 hash   {}", deployment.content_hash);
    });
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_and_times_read_as_people_write_them() {
        assert_eq!(
            parse_channels("门户网站,微信").expect("channels"),
            [Channel::Portal, Channel::Wechat]
        );
        assert_eq!(
            parse_channels("门户网站、 wechat").expect("channels"),
            [Channel::Portal, Channel::Wechat]
        );
        let err = parse_channels("门户网站,抖音").expect_err("unknown");
        assert!(err.to_string().contains("抖音"));
        let a = parse_time("2026-12-01 09:00").expect("beijing");
        let b = parse_time("2026-12-01T01:00:00Z").expect("rfc3339");
        assert_eq!(a, b);
        assert!(parse_time("明天上午").is_err());
    }
}
