//! The pack's images, audio and video in the PDF: each image placed at the block's width (or
//! less), tagged as a Figure with its alternative text, its caption and credit under it; each
//! audio or video file as a framed placeholder with its title, duration, format and the portal
//! page where it plays. A pure-Rust build has no video decoder, so there is no poster frame.

use super::flow::Flow;
use super::geometry::{BLOCK_H, BLOCK_W, LEFT, PITCH};
use super::linebreak::{break_paragraph, Measure, Span};
use super::policy::centred;
use super::{Item, Rgb, Role, Tag};
use crate::error::RenderError;
use crate::fonts::FontRole;
use jiedu_core::media::{MediaKind, MediaLibrary, MediaRef};
use jiedu_core::pack::Pack;
use std::sync::Arc;

/// Longest edge, in pixels, of an image as the PDF embeds it: about 260 dpi across the block.
pub const PLACED_MAX_PX: u32 = 1600;
/// The most of the block's height one image may take.
const IMAGE_MAX_H: f32 = 0.55;
const SMALL: f32 = 14.0;
const SMALL_PITCH: f32 = 22.0;

/// An image decoded for placing: 8-bit RGBA, at most [`PLACED_MAX_PX`] on its long edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Raster {
    /// The stored file's SHA-256; the PDF embeds each file once however often it is placed.
    pub key: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// RGBA samples, row by row.
    pub rgba: Vec<u8>,
    /// A photograph (the file was a JPEG): embedded as JPEG, where a PNG stays lossless.
    pub photo: bool,
}

impl Raster {
    /// The colour samples (RGB) and, when any pixel is not opaque, the alpha samples.
    pub fn rgb_and_alpha(&self) -> (Vec<u8>, Option<Vec<u8>>) {
        let mut rgb = Vec::with_capacity(self.rgba.len() / 4 * 3);
        let mut alpha = Vec::with_capacity(self.rgba.len() / 4);
        for px in self.rgba.chunks_exact(4) {
            rgb.extend_from_slice(&px[..3]);
            alpha.push(px[3]);
        }
        let opaque = alpha.iter().all(|a| *a == 255);
        (rgb, (!opaque).then_some(alpha))
    }

    /// The image as PNG, for the OFD package and the page preview.
    pub fn png(&self) -> Result<Vec<u8>, RenderError> {
        let mut out = Vec::new();
        image::ImageEncoder::write_image(
            image::codecs::png::PngEncoder::new(&mut out),
            &self.rgba,
            self.width,
            self.height,
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| RenderError::Pdf {
            detail: format!("PNG: {e}"),
        })?;
        Ok(out)
    }
}

/// The stored bytes of `media`, or an error naming the file when the caller did not load them.
pub fn media_bytes<'l>(
    media: &MediaRef,
    library: &'l MediaLibrary,
) -> Result<&'l [u8], RenderError> {
    library
        .get(&media.info.sha256)
        .ok_or_else(|| RenderError::MediaMissing {
            file: media.file_name.clone(),
            sha256: media.info.sha256.clone(),
        })
}

/// Decodes an image of the pack for placing; names the file when its bytes are missing or do
/// not decode.
pub fn decode(media: &MediaRef, library: &MediaLibrary) -> Result<Raster, RenderError> {
    let bytes = media_bytes(media, library)?;
    let img = jiedu_media::decode_rgba(bytes, media.info.format, &media.file_name, PLACED_MAX_PX)
        .map_err(|e| RenderError::MediaUnreadable {
        file: media.file_name.clone(),
        detail: e.to_string(),
    })?;
    Ok(Raster {
        key: media.info.sha256.clone(),
        width: img.width(),
        height: img.height(),
        rgba: img.into_raw(),
        photo: media.info.format == jiedu_core::MediaFormat::Jpeg,
    })
}

/// The portal page where a file of the pack is shown or plays: `base` is the unit's site path
/// (`/zwgk/zcjd/`); without one, the path inside the publication package.
pub fn portal_link(base: Option<&str>, pack_id: &str, media_id: &str) -> String {
    let page = format!(
        "{pack_id}/{}#{media_id}",
        jiedu_core::publication::MEDIA_PAGE
    );
    match base.map(str::trim).filter(|b| !b.is_empty()) {
        Some(b) => format!(
            "{}/{page}",
            if b.starts_with('/') {
                b.trim_end_matches('/').to_string()
            } else {
                format!("/{}", b.trim_end_matches('/'))
            }
        ),
        None => format!("门户发布包 {page}"),
    }
}

/// The section 图片与音视频: every image placed, then every audio and video placeholder, in the
/// order the interpreters gave them.
pub(super) fn media_section(
    flow: &mut Flow<'_>,
    pack: &Pack,
    library: &MediaLibrary,
    portal_base: Option<&str>,
) -> Result<(), RenderError> {
    let mut figure = 0;
    for media in &pack.content.materials.media {
        match media.kind() {
            MediaKind::Image => {
                figure += 1;
                image(flow, media, decode(media, library)?, figure);
            }
            MediaKind::Audio | MediaKind::Video => {
                // Only the reference is needed: the PDF does not carry the recording.
                placeholder(flow, media, &portal_link(portal_base, &pack.id, &media.id));
            }
        }
        flow.advance(PITCH * 0.5);
    }
    Ok(())
}

fn caption_line(media: &MediaRef, figure: usize) -> String {
    let mut line = format!("图{figure}　{}", media.title());
    if !media.credit.trim().is_empty() {
        line.push_str(&format!("（{}）", media.credit.trim()));
    }
    line
}

fn image(flow: &mut Flow<'_>, media: &MediaRef, raster: Raster, figure: usize) {
    let (pw, ph) = (raster.width.max(1) as f32, raster.height.max(1) as f32);
    // Never enlarged past 1 px = 0.75 pt (96 dpi), so a small image stays sharp.
    let scale = (BLOCK_W / pw)
        .min(BLOCK_H * IMAGE_MAX_H / ph)
        .min(0.75_f32.max(BLOCK_W / 3.0 / pw));
    let (w, h) = (pw * scale, ph * scale);
    // The image and the first line of its caption stay on one page.
    flow.ensure(h + PITCH);
    let alt = if media.alt.trim().is_empty() {
        media.title().to_string()
    } else {
        media.alt.trim().to_string()
    };
    let tag = Tag::Node {
        id: flow.node(Role::Figure, Some(alt)),
        label: 0,
    };
    let y = flow.y;
    flow.push(Item::Image {
        x: LEFT + (BLOCK_W - w) / 2.0,
        y,
        w,
        h,
        raster: Arc::new(raster),
        tag,
    });
    flow.advance(h + 4.0);
    centred(
        flow,
        &caption_line(media, figure),
        FontRole::Kai,
        SMALL,
        Rgb::GREY,
        SMALL_PITCH,
    );
}

/// The lines of an audio or video placeholder: title, what it is, where it plays.
fn placeholder_lines(media: &MediaRef, link: &str) -> Vec<(String, FontRole, f32)> {
    let kind = match media.kind() {
        MediaKind::Audio => "音频",
        _ => "视频",
    };
    let mut facts = vec![media.info.format.label_zh().to_string()];
    if let Some(d) = media.duration_label() {
        facts.insert(0, format!("时长 {d}"));
    }
    if let (Some(w), Some(h)) = (media.info.width, media.info.height) {
        facts.push(format!("{w}×{h}"));
    }
    facts.push(size_label(media.info.byte_len));
    let mut lines = vec![
        (format!("【{kind}】{}", media.title()), FontRole::Hei, 16.0),
        (facts.join("　"), FontRole::Fang, SMALL),
    ];
    if !media.credit.trim().is_empty() {
        lines.push((media.credit.trim().to_string(), FontRole::Fang, SMALL));
    }
    lines.push((format!("播放：{link}"), FontRole::Fang, SMALL));
    lines
}

/// A size as people read it: `3.4 MB`, `820 KB`.
fn size_label(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn placeholder(flow: &mut Flow<'_>, media: &MediaRef, link: &str) {
    const PAD: f32 = 12.0;
    let inner = BLOCK_W - 2.0 * PAD;
    let mut set = Vec::new();
    for (text, role, size) in placeholder_lines(media, link) {
        for line in break_paragraph(
            flow.fonts,
            &[Span::new(text.as_str(), role, size)],
            Measure::plain(inner),
        ) {
            set.push((line, size));
        }
    }
    let pitch = |size: f32| size * 1.6;
    let h = 2.0 * PAD + set.iter().map(|(_, s)| pitch(*s)).sum::<f32>();
    flow.ensure(h);
    let top = flow.y;
    flow.push(Item::Rect {
        x: LEFT,
        y: top,
        w: BLOCK_W,
        h,
        fill: Some(Rgb::PALE),
        stroke: Some((Rgb::GREY, 0.6)),
    });
    let mut y = top + PAD;
    flow.tagged(Role::P, |flow| {
        for (line, size) in set {
            flow.push(Item::Text {
                x: LEFT + PAD,
                y: y + pitch(size) * 0.72,
                spans: line.spans,
                spacing: 0.0,
                color: Rgb::INK,
                tag: Tag::Auto,
            });
            y += pitch(size);
        }
    });
    flow.advance(h);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portal_link_names_the_media_page_and_the_file() {
        assert_eq!(
            portal_link(Some("zwgk/zcjd/"), "p1", "m2"),
            "/zwgk/zcjd/p1/media.html#m2"
        );
        assert_eq!(
            portal_link(Some("/zwgk/zcjd"), "p1", "m2"),
            "/zwgk/zcjd/p1/media.html#m2"
        );
        assert_eq!(portal_link(None, "p1", "m2"), "门户发布包 p1/media.html#m2");
    }

    #[test]
    fn opaque_images_carry_no_alpha_and_others_do() {
        let mut r = Raster {
            key: "k".into(),
            width: 2,
            height: 1,
            rgba: vec![1, 2, 3, 255, 4, 5, 6, 255],
            photo: false,
        };
        assert_eq!(r.rgb_and_alpha(), (vec![1, 2, 3, 4, 5, 6], None));
        r.rgba[7] = 0;
        assert_eq!(r.rgb_and_alpha().1, Some(vec![255, 0]));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_label(1536), "2 KB");
        assert_eq!(size_label(3 * 1024 * 1024 + 400 * 1024), "3.4 MB");
    }
}
