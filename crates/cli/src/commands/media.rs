//! `jiedu media add|list|remove|get`: images, audio and video in a pack's materials.

use crate::args::Target;
use crate::auth;
use crate::error::CliError;
use crate::output::Output;
use clap::{Args, Subcommand};
use jiedu_core::media::{MediaNotes, MediaRef};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `jiedu media`.
#[derive(Debug, Args)]
pub struct MediaArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: MediaAction,
}

/// The media jobs.
#[derive(Debug, Subcommand)]
pub enum MediaAction {
    /// 添加图片、音频或视频（按内容检查类型，去除 GPS 位置）。Add an image, audio or video file.
    Add {
        /// 解读包编号 Pack id.
        pack: String,
        /// 文件 The file (PNG, JPEG, WebP, SVG, MP3, M4A, MP4, WebM).
        file: PathBuf,
        /// 题注（音视频的标题）。Caption (the title of audio and video).
        #[arg(long, default_value = "")]
        caption: String,
        /// 替代文本（图片必填，供读屏软件朗读）。Alternative text (required for images).
        #[arg(long, default_value = "")]
        alt: String,
        /// 来源或署名，如“摄影：张三”。Credit line.
        #[arg(long, default_value = "")]
        credit: String,
        /// 放入一图读懂长图（仅图片）。Place in the 一图读懂 long image (images only).
        #[arg(long)]
        long_image: bool,
    },
    /// 列出解读包中的图片与音视频。List a pack's media.
    List {
        /// 解读包编号 Pack id.
        pack: String,
    },
    /// 从解读包中移除（文件本身仍保留，供历史版本引用）。Remove from the pack (the bytes stay for older revisions).
    Remove {
        /// 解读包编号 Pack id.
        pack: String,
        /// 素材编号，如 m1。Media id, e.g. m1.
        id: String,
    },
    /// 取出存储的文件。Write a stored file out.
    Get {
        /// 解读包编号 Pack id.
        pack: String,
        /// 素材编号，如 m1。Media id, e.g. m1.
        id: String,
        /// 输出文件 Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Serialize)]
struct Added<'a> {
    pack_id: &'a str,
    revision: i64,
    media: &'a MediaRef,
    stripped: &'a [String],
    existed: bool,
}

fn size_label(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}

fn print_item(m: &MediaRef) {
    let mut facts = vec![
        m.info.format.label_zh().to_string(),
        size_label(m.info.byte_len),
    ];
    if let (Some(w), Some(h)) = (m.info.width, m.info.height) {
        facts.push(format!("{w}×{h}"));
    }
    if let Some(d) = m.duration_label() {
        facts.push(d);
    }
    println!("  {}  {}  （{}）", m.id, m.file_name, facts.join("，"));
    if !m.caption.is_empty() {
        println!("      题注 caption：{}", m.caption);
    }
    if !m.alt.is_empty() {
        println!("      替代文本 alt：{}", m.alt);
    }
    if !m.credit.is_empty() {
        println!("      来源 credit：{}", m.credit);
    }
    println!("      SHA-256 {}", m.info.sha256);
}

fn find<'a>(media: &'a [MediaRef], pack: &str, id: &str) -> Result<&'a MediaRef, CliError> {
    media
        .iter()
        .find(|m| m.id == id)
        .ok_or_else(|| CliError::BadValue {
            what_zh: "素材编号".into(),
            what: "media id".into(),
            value: id.to_string(),
            hint_zh: format!("解读包“{pack}”中没有此编号；请用 jiedu media list {pack} 查看。"),
            hint_en: format!("Pack {pack} has no such media; see jiedu media list {pack}."),
        })
}

/// Runs `jiedu media`.
pub async fn run(
    db: &Target,
    args: MediaArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    match args.action {
        MediaAction::Add {
            pack,
            file,
            caption,
            alt,
            credit,
            long_image,
        } => {
            let file_name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| file.display().to_string());
            // Refused by content before anyone is asked for a passphrase.
            jiedu_client::inspect_media(&file, &file_name).await?;
            let mut backend = db.open().await?;
            let session = auth::session(&mut backend, actor, "media add").await?;
            let quiet = out.is_json();
            let progress = move |done: u64, total: u64| {
                if !quiet && total > 8 * 1024 * 1024 {
                    eprint!("\r  {} / {}", size_label(done), size_label(total));
                }
            };
            let notes = MediaNotes {
                caption,
                alt,
                credit,
                in_long_image: long_image,
            };
            let (saved, added) = backend
                .add_media_to_pack(&session, &pack, &file, &file_name, &notes, &progress)
                .await?;
            backend.close().await;
            out.emit(
                &Added {
                    pack_id: &pack,
                    revision: saved.revision,
                    media: &added.media,
                    stripped: &added.stripped,
                    existed: added.existed,
                },
                || {
                    println!(
                        "已添加到解读包 {pack} 第 {} 版 added to revision {}:",
                        saved.revision, saved.revision
                    );
                    print_item(&added.media);
                    for line in &added.stripped {
                        println!("  ！{line}");
                    }
                    if added.existed {
                        println!(
                            "  相同文件已存储，未重复保存。The same bytes were already stored."
                        );
                    }
                },
            );
        }
        MediaAction::List { pack } => {
            let backend = db.open().await?;
            let p = backend.get_pack(&pack).await?;
            backend.close().await;
            let media = &p.content.materials.media;
            out.emit(media, || {
                if media.is_empty() {
                    println!("解读包 {pack} 中没有图片与音视频。No media in pack {pack}.");
                }
                for m in media {
                    print_item(m);
                }
            });
        }
        MediaAction::Remove { pack, id } => {
            let mut backend = db.open().await?;
            let session = auth::session(&mut backend, actor, "media remove").await?;
            let p = backend.get_pack(&pack).await?;
            find(&p.content.materials.media, &pack, &id)?;
            let mut content = p.content.clone();
            content.materials.media.retain(|m| m.id != id);
            let saved = backend.save(&session, &pack, p.revision, &content).await?;
            backend.close().await;
            out.emit(&saved, || {
                println!(
                    "已从解读包 {pack} 移除 {id}，保存为第 {} 版；文件仍保留供历史版本引用。Removed {id}; the bytes stay for older revisions.",
                    saved.revision
                )
            });
        }
        MediaAction::Get {
            pack,
            id,
            out: path,
        } => {
            let backend = db.open().await?;
            let p = backend.get_pack(&pack).await?;
            let m = find(&p.content.materials.media, &pack, &id)?.clone();
            let bytes = backend.media_bytes(&m.info.sha256).await?;
            backend.close().await;
            crate::write::write_atomically(&path, &bytes)?;
            out.emit(&m, || println!("已写出 wrote {}", path.display()));
        }
    }
    Ok(ExitCode::SUCCESS)
}
