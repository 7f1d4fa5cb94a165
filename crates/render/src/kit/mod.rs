//! The media kit (媒体包) for press officers: one zip with everything for release day, every
//! file traceable to the signed pack.
//!
//! [`media_kit`] is a pure function of the pack, its signature and [`KitOptions`]: no clock, no
//! file I/O beyond the fonts already loaded, the zip returned as bytes. The kit holds, in this
//! order: `pack.pdf` (with the signed record attached); per chart `charts/<id>.svg`,
//! `charts/<id>-1080.png` (WeChat width) and `charts/<id>-2160.png` (print); `qa.md` and
//! `qa.docx` (when the pack has Q&A); `press-release.md` and `press-release.docx` (a draft for
//! the press officer); per image, audio or video file `media/<stem>.<ext>` (the original), and
//! per image `media/<stem>-wechat.jpg` and `-weibo.jpg`; `yitu-dudong.png` (the 一图读懂 long
//! image); and `manifest.json` with the SHA-256 of every other file. [`verify_kit`] checks a kit later without any database.

pub(crate) mod archive;
mod doc;
mod docx;
mod embargo;
mod long_image;
mod manifest;
mod media_files;
mod texts;
mod verify;

pub(crate) use manifest::seal;
pub use manifest::{sha256_hex, KitFile, KitManifest, KitMedia, KIT_FORMAT, MANIFEST_FILE};
pub use texts::DRAFT_MARK;
pub(crate) use verify::{problems_en, problems_zh, read_sealed, unpack_against_manifest};
pub use verify::{verify_kit, KitProblem, KitVerification};

use crate::chart::{chart_drawing, ChartStyle};
use crate::error::RenderError;
use crate::fonts::FontSet;
use crate::raster;
use crate::PdfOptions;
use chrono::{DateTime, Utc};
use jiedu_core::media::MediaLibrary;
use jiedu_core::pack::{Pack, PackState, SignRecord};
use std::collections::HashSet;

/// The PDF pack's name in the kit.
pub const PDF_FILE: &str = "pack.pdf";
/// The OFD file's name in the kit: the same pages as the PDF, for receiving systems that take
/// OFD (GB/T 33190).
pub const OFD_FILE: &str = "pack.ofd";
/// The Q&A as Markdown.
pub const QA_MD: &str = "qa.md";
/// The Q&A as Word.
pub const QA_DOCX: &str = "qa.docx";
/// The draft press release as Markdown.
pub const PRESS_MD: &str = "press-release.md";
/// The draft press release as Word.
pub const PRESS_DOCX: &str = "press-release.docx";
/// The 一图读懂 long image.
pub const LONG_IMAGE: &str = "yitu-dudong.png";
/// Chart PNG widths: the WeChat article width, and twice it for print.
pub const CHART_WIDTHS: [u32; 2] = [1080, 2160];

/// How far an export has got: reported after each file is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KitProgress {
    /// Files made so far, this one included.
    pub done: usize,
    /// Files the kit will hold.
    pub total: usize,
    /// The file just made.
    pub file: String,
}

/// Options of the media kit export.
pub struct KitOptions<'a> {
    /// The fonts (see [`FontSet::bundled`]).
    pub fonts: FontSet,
    /// The time of the export, supplied by the caller; it dates the files and decides the
    /// embargo.
    pub now: DateTime<Utc>,
    /// When policy and interpretation are (to be) released; see [`release_time`]. Before it,
    /// every human-readable file carries the 禁发时间 notice.
    pub release_at: Option<DateTime<Utc>>,
    /// The press office's contact line for the press release, e.g. `新闻办公室 吴志强 010-1234`.
    pub contact: String,
    /// Called after each file is made.
    pub progress: &'a dyn Fn(KitProgress),
    /// Asked before each file; when it answers true the export stops with
    /// [`RenderError::Cancelled`] and returns nothing.
    pub cancelled: &'a dyn Fn() -> bool,
    /// The PDF made and PAdES-signed when the leader signed: the kit carries exactly those
    /// bytes (a PDF rendered now would not carry the leader's signature). `None` renders one.
    pub signed_pdf: Option<Vec<u8>>,
    /// The unit the signed PDF's certificate names, so that the kit's OFD is laid out exactly
    /// as the signed PDF (its signature field shows the unit).
    pub signer_unit: String,
    /// The bytes of the pack's images, audio and video.
    pub media: MediaLibrary,
}

fn no_progress(_: KitProgress) {}

fn never_cancelled() -> bool {
    false
}

impl KitOptions<'_> {
    /// Options with no release time, no contact, no progress reports and no cancelling.
    pub fn new(fonts: FontSet, now: DateTime<Utc>) -> KitOptions<'static> {
        KitOptions {
            fonts,
            now,
            release_at: None,
            contact: String::new(),
            progress: &no_progress,
            cancelled: &never_cancelled,
            signed_pdf: None,
            signer_unit: String::new(),
            media: MediaLibrary::new(),
        }
    }
}

/// A finished kit.
#[derive(Debug, Clone)]
pub struct KitOutput {
    /// The zip file.
    pub bytes: Vec<u8>,
    /// Its manifest, as written into it.
    pub manifest: KitManifest,
}

/// The signature a media kit is made under: only signed or deployed packs have one.
pub fn kit_record(pack: &Pack) -> Result<&SignRecord, RenderError> {
    match (&pack.signature, pack.state) {
        (Some(r), PackState::Signed | PackState::Deployed) => Ok(r),
        _ => Err(RenderError::KitUnsigned {
            pack: pack.id.clone(),
            state: pack.state.label_zh().to_string(),
        }),
    }
}

/// The release time of a deployed pack: the earlier of its policy and interpretation releases.
pub fn release_time(pack: &Pack) -> Option<DateTime<Utc>> {
    pack.deployment
        .as_ref()
        .map(|d| d.policy_released_at.min(d.interpretation_released_at))
}

/// The files made so far, with the cancellation check before each and a report after.
struct Files<'o, 'a> {
    options: &'o KitOptions<'a>,
    total: usize,
    made: Vec<(String, Vec<u8>)>,
}

impl Files<'_, '_> {
    fn add(
        &mut self,
        name: String,
        make: impl FnOnce() -> Result<Vec<u8>, RenderError>,
    ) -> Result<(), RenderError> {
        if (self.options.cancelled)() {
            return Err(RenderError::Cancelled);
        }
        let bytes = make()?;
        self.made.push((name.clone(), bytes));
        (self.options.progress)(KitProgress {
            done: self.made.len(),
            total: self.total,
            file: name,
        });
        Ok(())
    }
}

/// `text` as a kit file-name stem: anything but letters, digits, `-` and `_` replaced by `-`,
/// at most `max` characters, no `-` at either end (so no path separator survives).
fn safe_stem(text: &str, max: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(max)
        .collect();
    clean.trim_matches('-').to_string()
}

/// `base`, else `base-2`, `base-3`…: the first that `used` does not hold yet, now added to it.
fn unique_stem(used: &mut HashSet<String>, base: String) -> String {
    let mut stem = base.clone();
    let mut n = 2;
    while !used.insert(stem.clone()) {
        stem = format!("{base}-{n}");
        n += 1;
    }
    stem
}

/// File-name stems for the charts: the id made safe ([`safe_stem`]), else its position, unique.
fn chart_stems(ids: &[&str]) -> Vec<String> {
    let mut used = HashSet::new();
    ids.iter()
        .enumerate()
        .map(|(i, id)| {
            let clean = safe_stem(id, usize::MAX);
            let base = if clean.is_empty() {
                format!("chart-{}", i + 1)
            } else {
                clean
            };
            unique_stem(&mut used, base)
        })
        .collect()
}

/// Names the file in a rasterising error.
fn raster_error(file: &str) -> impl Fn(RenderError) -> RenderError + '_ {
    move |e| match e {
        RenderError::Raster { detail, .. } => RenderError::Raster {
            chart: file.to_string(),
            detail,
        },
        other => other,
    }
}

/// Makes the media kit of a signed pack. Refuses a pack that is not signed or deployed, and a
/// pack whose content is not what `record` signed.
pub fn media_kit(
    pack: &Pack,
    record: &SignRecord,
    options: &KitOptions<'_>,
) -> Result<KitOutput, RenderError> {
    if !matches!(pack.state, PackState::Signed | PackState::Deployed) {
        return Err(RenderError::KitUnsigned {
            pack: pack.id.clone(),
            state: pack.state.label_zh().to_string(),
        });
    }
    let actual = pack.content_hash();
    if actual != record.content_hash {
        return Err(RenderError::KitContentChanged {
            pack: pack.id.clone(),
            signed: record.content_hash.0.clone(),
            actual: actual.0,
        });
    }
    let now = options.now;
    let facts = texts::Facts {
        pack,
        record,
        release_at: options.release_at,
        embargo: embargo::embargo_until(now, options.release_at),
        contact: &options.contact,
    };
    let materials = &pack.content.materials;
    let has_qa = !materials.qa.is_empty();
    let total = 2
        + 3 * materials.charts.len()
        + media_files::file_count(&materials.media)
        + if has_qa { 2 } else { 0 }
        + 2
        + 1
        + 1;
    let mut files = Files {
        options,
        total,
        made: Vec::with_capacity(total),
    };

    let pdf_options = PdfOptions {
        fonts: options.fonts.clone(),
        generated_at: now.format("%Y-%m-%d %H:%M UTC").to_string(),
        created_unix: now.timestamp(),
        attach_record: true,
        archival: true,
        signer_unit: None,
        media: options.media.clone(),
        portal_base: None,
    };
    files.add(PDF_FILE.to_string(), || match &options.signed_pdf {
        Some(signed) => Ok(signed.clone()),
        None => crate::pdf(pack, Some(record), &pdf_options).map(|out| out.bytes),
    })?;
    // The OFD has the PDF's pages: those signed, or those just rendered.
    files.add(OFD_FILE.to_string(), || {
        let signed_by = options
            .signed_pdf
            .as_ref()
            .map(|_| options.signer_unit.as_str());
        crate::export_ofd(pack, Some(record), &pdf_options, signed_by).map(|out| out.bytes)
    })?;

    let style = ChartStyle::new(options.fonts.clone());
    let svg_options = raster::svg_options(&options.fonts);
    let ids: Vec<&str> = materials.charts.iter().map(|c| c.id.as_str()).collect();
    let mut drawings = Vec::with_capacity(materials.charts.len());
    for (spec, stem) in materials.charts.iter().zip(chart_stems(&ids)) {
        let drawing = chart_drawing(spec, &style)?;
        let svg = drawing.to_svg();
        files.add(format!("charts/{stem}.svg"), || Ok(svg.as_bytes().to_vec()))?;
        for width in CHART_WIDTHS {
            let name = format!("charts/{stem}-{width}.png");
            files.add(name.clone(), || {
                raster::png_with(&svg, width, &svg_options).map_err(raster_error(&name))
            })?;
        }
        drawings.push(drawing);
    }
    let media = media_files::add_media(&mut files, &materials.media, &options.media)?;

    if has_qa {
        let qa = texts::qa_doc(&facts);
        files.add(QA_MD.to_string(), || Ok(qa.to_markdown().into_bytes()))?;
        files.add(QA_DOCX.to_string(), || docx::to_docx(&qa, QA_DOCX, now))?;
    }
    let press = texts::press_release_doc(&facts);
    files.add(PRESS_MD.to_string(), || {
        Ok(press.to_markdown().into_bytes())
    })?;
    files.add(PRESS_DOCX.to_string(), || {
        docx::to_docx(&press, PRESS_DOCX, now)
    })?;

    files.add(LONG_IMAGE.to_string(), || {
        let placed: Vec<long_image::PlacedChart<'_>> = materials
            .charts
            .iter()
            .zip(&drawings)
            .map(|(spec, drawing)| long_image::PlacedChart { spec, drawing })
            .collect();
        let points = facts.key_points(3, usize::MAX);
        let image =
            long_image::long_image(&facts, &placed, &media.pictures, &points, &options.fonts);
        raster::png_with(&image.to_svg(), 1080, &svg_options).map_err(raster_error(LONG_IMAGE))
    })?;

    let manifest = KitManifest {
        format: KIT_FORMAT.to_string(),
        pack_id: pack.id.clone(),
        revision: record.revision,
        title: pack.policy().title.clone(),
        content_hash: record.content_hash.clone(),
        signer_id: record.signer_id.clone(),
        signer_name: record.signer_name.clone(),
        signed_at: record.signed_at,
        signature: record.clone(),
        release_at: options.release_at,
        embargo_until: facts.embargo,
        embargo_notice: facts.embargo_notice(),
        generated_at: now,
        files: files
            .made
            .iter()
            .map(|(name, bytes)| KitFile::of(name, bytes))
            .collect(),
        media: media.entries,
        manifest_sha256: String::new(),
    };
    let (manifest, json) = manifest.to_json()?;
    files.add(MANIFEST_FILE.to_string(), || Ok(json))?;

    if (options.cancelled)() {
        return Err(RenderError::Cancelled);
    }
    let entries: Vec<(&str, &[u8])> = files
        .made
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    let bytes = archive::write_zip("media-kit.zip", &entries, now)?;
    Ok(KitOutput { bytes, manifest })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_stems_are_safe_and_unique() {
        let stems = chart_stems(&[
            "key-areas",
            "../etc/passwd",
            "a b",
            "",
            "key-areas",
            "图表1",
        ]);
        assert_eq!(
            stems,
            [
                "key-areas",
                "etc-passwd",
                "a-b",
                "chart-4",
                "key-areas-2",
                "图表1"
            ]
        );
    }
}
