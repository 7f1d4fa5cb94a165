//! The pack's images, audio and video in the kit: each original under `media/`, and for each
//! image a JPEG for WeChat (`-wechat.jpg`) and one for Weibo (`-weibo.jpg`), listed in the
//! manifest with caption, alt text and credit. Images chosen for the 一图读懂 are placed in it
//! from their WeChat version.

use super::long_image::PlacedPicture;
use super::manifest::KitMedia;
use super::{safe_stem, unique_stem, Files};
use crate::error::RenderError;
use crate::layout::media::media_bytes;
use base64::Engine as _;
use jiedu_core::media::{MediaKind, MediaLibrary, MediaRef};
use std::collections::HashSet;
use std::sync::Arc;

/// What the media part of the kit made: the manifest entries and the long image's pictures.
pub(super) struct MediaFiles {
    pub entries: Vec<KitMedia>,
    pub pictures: Vec<PlacedPicture>,
}

/// How many files the media part adds: the original, and two versions of each image.
pub(super) fn file_count(refs: &[MediaRef]) -> usize {
    refs.iter()
        .map(|m| if m.kind() == MediaKind::Image { 3 } else { 1 })
        .sum()
}

/// Kit file stems: the id and the file's own stem, with path separators and controls replaced,
/// unique within the kit.
fn stems(refs: &[MediaRef]) -> Vec<String> {
    let mut used = HashSet::new();
    refs.iter()
        .map(|m| {
            let name = m.file_name.rsplit(['/', '\\']).next().unwrap_or_default();
            let own = name.rsplit_once('.').map_or(name, |(s, _)| s);
            let clean = safe_stem(own, 40);
            let id: String = m.id.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            let base = if clean.is_empty() {
                id
            } else {
                format!("{id}-{clean}")
            };
            unique_stem(&mut used, base)
        })
        .collect()
}

fn derivative_error(media: &MediaRef) -> impl Fn(jiedu_media::MediaError) -> RenderError + '_ {
    move |e| RenderError::MediaUnreadable {
        file: media.file_name.clone(),
        detail: e.to_string(),
    }
}

/// The caption line under a picture of the long image.
fn picture_caption(media: &MediaRef) -> String {
    let mut line = media.caption.trim().to_string();
    if !media.credit.trim().is_empty() {
        if !line.is_empty() {
            line.push('　');
        }
        line.push_str(media.credit.trim());
    }
    line
}

/// Adds every media file of the pack to `files`.
pub(super) fn add_media(
    files: &mut Files<'_, '_>,
    refs: &[MediaRef],
    library: &MediaLibrary,
) -> Result<MediaFiles, RenderError> {
    let mut out = MediaFiles {
        entries: Vec::with_capacity(refs.len()),
        pictures: Vec::new(),
    };
    for (media, stem) in refs.iter().zip(stems(refs)) {
        let bytes = media_bytes(media, library)?;
        let original = format!("media/{stem}.{}", media.info.format.extension());
        files.add(original.clone(), || Ok(bytes.to_vec()))?;
        let mut entry = KitMedia {
            id: media.id.clone(),
            kind: media.kind().name().to_string(),
            file_name: media.file_name.clone(),
            caption: media.caption.clone(),
            alt: media.alt.clone(),
            credit: media.credit.clone(),
            sha256: media.info.sha256.clone(),
            duration_ms: media.info.duration_ms,
            original,
            wechat: None,
            weibo: None,
        };
        if media.kind() == MediaKind::Image {
            let wechat_name = format!("media/{stem}-wechat.jpg");
            let mut wechat = Vec::new();
            files.add(wechat_name.clone(), || {
                wechat = jiedu_media::wechat_jpeg(bytes, media.info.format, &media.file_name)
                    .map_err(derivative_error(media))?;
                Ok(wechat.clone())
            })?;
            let weibo_name = format!("media/{stem}-weibo.jpg");
            files.add(weibo_name.clone(), || {
                jiedu_media::weibo_jpeg(bytes, media.info.format, &media.file_name)
                    .map_err(derivative_error(media))
            })?;
            if media.in_long_image {
                let (width, height) =
                    jpeg_size(&wechat).ok_or_else(|| RenderError::MediaUnreadable {
                        file: wechat_name.clone(),
                        detail: "JPEG".into(),
                    })?;
                let href = format!(
                    "data:image/jpeg;base64,{}",
                    base64::engine::general_purpose::STANDARD.encode(&wechat)
                );
                out.pictures.push(PlacedPicture {
                    href: Arc::from(href),
                    width,
                    height,
                    caption: picture_caption(media),
                });
            }
            entry.wechat = Some(wechat_name);
            entry.weibo = Some(weibo_name);
        }
        out.entries.push(entry);
    }
    Ok(out)
}

/// The pixel size of a JPEG we made.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    image::ImageReader::with_format(std::io::Cursor::new(bytes), image::ImageFormat::Jpeg)
        .into_dimensions()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiedu_core::{MediaFormat, MediaInfo};

    fn media(id: &str, name: &str) -> MediaRef {
        MediaRef::new(
            id.into(),
            name,
            MediaInfo {
                sha256: "0".repeat(64),
                format: MediaFormat::Png,
                byte_len: 1,
                width: None,
                height: None,
                duration_ms: None,
                codecs: Vec::new(),
            },
        )
    }

    #[test]
    fn stems_are_safe_unique_and_keep_chinese_names() {
        let refs = [
            media("m1", "发布会现场.jpg"),
            media("m2", "../../etc/passwd"),
            media("m1", "发布会现场.jpg"),
            media("m3", ".png"),
        ];
        assert_eq!(
            stems(&refs),
            ["m1-发布会现场", "m2-passwd", "m1-发布会现场-2", "m3"]
        );
    }
}
