//! Jiedu rendering: pure functions from the domain model to bytes.
//!
//! Charts are drawn once, as a display list ([`chart_drawing`]); SVG ([`chart_svg`]), PNG
//! ([`png`]) and the PDF's vector pages are all made from it. The PDF pack is laid out into
//! pages of positioned boxes first ([`layout`]), then written ([`pdf`]) or rasterised as page
//! images for the in-app preview ([`pdf_preview`]).

pub mod chart;
mod error;
pub mod fonts;
pub mod kit;
pub mod layout;
mod ofd_writer;
mod pdf_archive;
mod pdf_tags;
mod pdf_writer;
pub mod portal;
mod preview;
pub mod raster;
pub mod record;
mod truetype;

pub use chart::{chart_drawing, chart_svg, ChartStyle};
pub use error::RenderError;
pub use fonts::{FontRole, FontSet};
pub use kit::{media_kit, verify_kit, KitOptions, KitOutput, KitProgress, KitVerification};
pub use portal::{portal_package, verify_portal, PortalOptions, PortalOutput};
pub use preview::{page_svg, pdf_preview};

pub use raster::png;
pub use record::{embedded_record, SignedRecord};

use jiedu_core::media::MediaLibrary;
use jiedu_core::pack::{Pack, SignRecord};

/// Options of the PDF export.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The fonts (see [`FontSet::bundled`]).
    pub fonts: FontSet,
    /// Export time shown on the cover, e.g. `2026-11-27 10:00 UTC`.
    pub generated_at: String,
    /// Creation date written into the document information, as a Unix timestamp.
    pub created_unix: i64,
    /// Whether to attach the signed record (content and signature) for offline verification.
    pub attach_record: bool,
    /// PDF/A-2u with tags (PDF/UA-1), the default; off gives the plain form (`--no-pdfa`).
    pub archival: bool,
    /// The signing leader's unit, shown in the signature field of a signed pack.
    pub signer_unit: Option<String>,
    /// The bytes of the pack's images, audio and video (the renderers do no I/O); a file the
    /// pack refers to and this lacks is refused by name.
    pub media: MediaLibrary,
    /// The unit's portal site path, e.g. `/zwgk/zcjd/`, for the audio and video links.
    pub portal_base: Option<String>,
}

impl PdfOptions {
    /// The options a pack is laid out with when signed: dated at the signature, with the record
    /// attached and the leader's unit in the signature field. The signed PDF and any later
    /// rendering of the signed pack (its OFD) share them, so every position matches.
    pub fn as_signed(
        record: &SignRecord,
        fonts: &FontSet,
        signer_unit: &str,
        media: &MediaLibrary,
    ) -> PdfOptions {
        PdfOptions {
            fonts: fonts.clone(),
            generated_at: record.signed_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            created_unix: record.signed_at.timestamp(),
            attach_record: true,
            archival: true,
            signer_unit: Some(signer_unit.to_string()),
            media: media.clone(),
            portal_base: None,
        }
    }

    /// These options with the pack's media loaded.
    pub fn with_media(mut self, media: MediaLibrary) -> PdfOptions {
        self.media = media;
        self
    }

    /// Options for an export made now: the time on the cover and in the document information,
    /// and the signed record attached.
    pub fn dated_now(fonts: FontSet) -> PdfOptions {
        let now = chrono::Utc::now();
        PdfOptions {
            fonts,
            generated_at: now.format("%Y-%m-%d %H:%M UTC").to_string(),
            created_unix: now.timestamp(),
            attach_record: true,
            archival: true,
            signer_unit: None,
            media: MediaLibrary::new(),
            portal_base: None,
        }
    }
}

/// A finished PDF and what the export noticed.
#[derive(Debug, Clone)]
pub struct PdfOutput {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// Characters missing from the bundled fonts, drawn from the fallback font instead.
    pub fallback_chars: Vec<char>,
    /// Where a signed pack's visible signature field goes: page index from 0, and
    /// `[x0, y0, x1, y1]` in PDF points from the page's bottom-left corner.
    pub signature_field: Option<(usize, [f32; 4])>,
}

/// The pages of the PDF; the preview lays out through here too, so it cannot drift from the PDF.
fn layout_document(
    pack: &Pack,
    record: Option<&SignRecord>,
    options: &PdfOptions,
) -> Result<layout::Document, RenderError> {
    let layout_options = layout::LayoutOptions {
        generated_at: options.generated_at.clone(),
        signer_unit: options.signer_unit.clone(),
        media: options.media.clone(),
        portal_base: options.portal_base.clone(),
    };
    layout::layout_pack(pack, record, &options.fonts, &layout_options)
}

/// The subject both the PDF's and the OFD's document information give.
fn pack_subject(policy: &jiedu_core::Policy) -> String {
    format!("《{}》政策解读包", policy.title)
}

/// Renders the interpretation pack as PDF. Pure: no file I/O beyond the fonts already loaded.
pub fn pdf(
    pack: &Pack,
    record: Option<&SignRecord>,
    options: &PdfOptions,
) -> Result<PdfOutput, RenderError> {
    let doc = layout_document(pack, record, options)?;
    let policy = pack.policy();
    let attachment = if options.attach_record {
        let signed = SignedRecord {
            format: record::RECORD_FORMAT.into(),
            pack_id: pack.id.clone(),
            revision: pack.revision,
            content: pack.content.clone(),
            signature: record.cloned(),
        };
        let json = serde_json::to_vec(&signed).map_err(|e| RenderError::Pdf {
            detail: e.to_string(),
        })?;
        Some((
            record::RECORD_FILE.to_string(),
            "Jiedu signed record".to_string(),
            json,
        ))
    } else {
        None
    };
    let info = pdf_writer::DocInfo {
        title: policy.title.clone(),
        author: policy.drafting_unit.clone(),
        subject: pack_subject(policy),
        keywords: vec![
            "政策解读".into(),
            "解读包".into(),
            policy.category.label_zh().into(),
            pack.id.clone(),
        ],
        created_unix: options.created_unix,
        attachment,
        archival: options.archival,
    };
    refuse_missing_glyphs(&doc, &options.fonts)?;
    let (bytes, fallback_chars) = pdf_writer::write_pdf(&doc, &options.fonts, &info)?;
    let signature_field = doc.signature_field.map(|f| {
        let bottom = layout::geometry::PAGE_H - (f.y + f.h);
        (f.page, [f.x, bottom, f.x + f.w, bottom + f.h])
    });
    Ok(PdfOutput {
        bytes,
        pages: doc.pages.len(),
        fallback_chars,
        signature_field,
    })
}

/// Refuses a document with a character that no font has, naming it, its page and its line:
/// every format (PDF, OFD, the kit) would otherwise show an empty box where it stands.
fn refuse_missing_glyphs(doc: &layout::Document, fonts: &FontSet) -> Result<(), RenderError> {
    for (index, page) in doc.pages.iter().enumerate() {
        for line in page.text_lines() {
            let missing = line.chars().find(|c| !fonts.can_draw(*c));
            if let Some(ch) = missing {
                return Err(RenderError::MissingGlyph {
                    ch,
                    code: ch as u32,
                    page: index + 1,
                    context: line.chars().take(40).collect(),
                });
            }
        }
    }
    Ok(())
}

/// The OFD file of a pack: what [`pdf`] lays out, written as OFD (GB/T 33190), with the
/// 文号, 索引号 and 成文日期 as custom data.
pub fn ofd(
    pack: &Pack,
    record: Option<&SignRecord>,
    options: &PdfOptions,
) -> Result<OfdOutput, RenderError> {
    let doc = layout_document(pack, record, options)?;
    refuse_missing_glyphs(&doc, &options.fonts)?;
    let policy = pack.policy();
    let time = chrono::DateTime::from_timestamp(options.created_unix, 0).unwrap_or_default();
    let custom = vec![
        (
            "文号".to_string(),
            policy.doc_number.clone().unwrap_or_default(),
        ),
        ("索引号".to_string(), policy.portal.index_number.clone()),
        (
            "成文日期".to_string(),
            policy.written_on.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("发文机关".to_string(), policy.issuing_authority.clone()),
        ("解读包".to_string(), pack.id.clone()),
        ("版本".to_string(), pack.revision.to_string()),
    ];
    let info = ofd_writer::OfdInfo {
        title: policy.title.clone(),
        author: policy.drafting_unit.clone(),
        subject: pack_subject(policy),
        keywords: vec!["政策解读".into(), policy.category.label_zh().into()],
        created_on: time.format("%Y-%m-%d").to_string(),
        custom,
    };
    let bytes = ofd_writer::write_ofd(&doc, &options.fonts, &info, time)?;
    Ok(OfdOutput {
        bytes,
        pages: doc.pages.len(),
    })
}

/// The OFD to export beside a pack's PDF. When the PDF is the stored signed one
/// (`signed_by_unit` is the unit its certificate names), the OFD is the document that was
/// signed: its state at signing (signed, not yet deployed), with the options the signed PDF was
/// made with ([`PdfOptions::as_signed`]), so that it matches the signed PDF page for page
/// whatever happened to the pack since. Otherwise it is rendered with `options`, as the PDF is.
pub fn export_ofd(
    pack: &Pack,
    record: Option<&SignRecord>,
    options: &PdfOptions,
    signed_by_unit: Option<&str>,
) -> Result<OfdOutput, RenderError> {
    match (record, signed_by_unit) {
        (Some(record), Some(unit)) => {
            let mut signed = pack.clone();
            signed.state = jiedu_core::pack::PackState::Signed;
            signed.deployment = None;
            let as_signed = PdfOptions::as_signed(record, &options.fonts, unit, &options.media);
            ofd(&signed, Some(record), &as_signed)
        }
        _ => ofd(pack, record, options),
    }
}

/// An OFD file and its page count.
#[derive(Debug, Clone)]
pub struct OfdOutput {
    /// The OFD package (a zip).
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
}

/// The PDF a leader's PAdES signature is made over: `pack` as signed (its state signed and
/// `record` its signature), dated at the signature, with the record attached and the leader's
/// unit in the signature field. Returns the bytes, the sign-off page (from 0) and the field's
/// rectangle in PDF points from the page's bottom-left corner.
pub fn pdf_for_signing(
    pack: &Pack,
    record: &SignRecord,
    fonts: &FontSet,
    signer_unit: &str,
    media: &MediaLibrary,
) -> Result<(Vec<u8>, usize, [f32; 4]), RenderError> {
    let out = pdf(
        pack,
        Some(record),
        &PdfOptions::as_signed(record, fonts, signer_unit, media),
    )?;
    let (page, rect) = out.signature_field.ok_or_else(|| RenderError::Pdf {
        detail: format!(
            "解读包“{}”未处于已签署状态，没有签名栏 the pack is not laid out as signed",
            pack.id
        ),
    })?;
    Ok((out.bytes, page, rect))
}
