//! `jiedu export …`: files made from a pack.

use crate::args::Target;
use crate::args::{ChartFormat, ExportArgs, ExportTarget};
use crate::error::CliError;
use crate::output::Output;
use crate::write::write_atomically;
use jiedu_core::media::MediaLibrary;
use jiedu_render::{
    chart_svg, media_kit, png, ChartStyle, FontSet, KitOptions, KitProgress, PdfOptions,
};
use jiedu_store::UnsignedPdf;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Serialize)]
struct Exported {
    file: PathBuf,
    bytes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pages: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fallback_chars: Vec<char>,
}

/// Renders a pack's PDF with its current signature and the bundled fonts: PDF/A-2u with tags,
/// or the plain form when `archival` is off.
pub fn pack_pdf(
    pack: &jiedu_core::Pack,
    archival: bool,
    media: MediaLibrary,
) -> Result<jiedu_render::PdfOutput, CliError> {
    let mut options = PdfOptions::dated_now(FontSet::bundled()?).with_media(media);
    options.archival = archival;
    Ok(jiedu_render::pdf(pack, pack.signature.as_ref(), &options)?)
}

/// Renders a pack's OFD. A signed pack is laid out as the document that was signed (its state
/// at signing, dated at the signature, with the unit its signed PDF's certificate names), so
/// that the OFD is the signed PDF page for page, whatever happened to the pack since.
pub fn pack_ofd(
    pack: &jiedu_core::Pack,
    signed_pdf: Option<&[u8]>,
    media: MediaLibrary,
) -> Result<jiedu_render::OfdOutput, CliError> {
    let options = PdfOptions::dated_now(FontSet::bundled()?).with_media(media);
    let unit = signed_pdf.map(jiedu_pades::named_signer_unit);
    Ok(jiedu_render::export_ofd(
        pack,
        pack.signature.as_ref(),
        &options,
        unit.as_deref(),
    )?)
}

/// What `Store::sign` renders for the leader to sign: the pack's PDF as signed, with the
/// bundled fonts and the pack's images (loaded beforehand: signing renders inside the store's
/// transaction).
pub fn unsigned_pdf<'a>(
    fonts: &'a FontSet,
    media: &'a MediaLibrary,
) -> impl FnOnce(&jiedu_core::Pack, &jiedu_core::pack::SignRecord, &str) -> Result<UnsignedPdf, String>
       + 'a {
    move |pack, record, unit| {
        jiedu_render::pdf_for_signing(pack, record, fonts, unit, media)
            .map(UnsignedPdf::from)
            .map_err(|e| e.to_string())
    }
}

/// Builds a signed pack's media kit, reporting progress on stderr unless output is JSON.
pub fn pack_kit(
    pack: &jiedu_core::Pack,
    signed_pdf: Option<Vec<u8>>,
    contact: &str,
    quiet: bool,
    media: MediaLibrary,
) -> Result<jiedu_render::KitOutput, CliError> {
    let record = jiedu_render::kit::kit_record(pack)?;
    let progress = |p: KitProgress| {
        if !quiet {
            eprintln!("  [{}/{}] {}", p.done, p.total, p.file);
        }
    };
    let mut options = KitOptions::new(FontSet::bundled()?, chrono::Utc::now());
    options.release_at = jiedu_render::kit::release_time(pack);
    options.contact = contact.to_string();
    options.progress = &progress;
    options.signer_unit = signed_pdf
        .as_deref()
        .map(jiedu_pades::named_signer_unit)
        .unwrap_or_default();
    options.signed_pdf = signed_pdf;
    options.media = media;
    Ok(media_kit(pack, record, &options)?)
}

/// Runs one export.
pub async fn run(db: &Target, args: ExportArgs, out: &Output) -> Result<ExitCode, CliError> {
    let store = db.open().await?;
    let exported = match args.target {
        ExportTarget::Kit(a) => {
            let pack = store.get_pack(&a.pack).await?;
            let signed = store.signed_pdf(&a.pack).await?;
            let media = store.media_library(&pack.content, false).await?;
            let output = pack_kit(&pack, signed, &a.contact, out.is_json(), media)?;
            write_atomically(&a.out, &output.bytes)?;
            Exported {
                file: a.out,
                bytes: output.bytes.len(),
                pages: None,
                fallback_chars: Vec::new(),
            }
        }
        ExportTarget::Ofd(a) => {
            let pack = store.get_pack(&a.pack).await?;
            let signed = store.signed_pdf(&a.pack).await?;
            let media = store.media_library(&pack.content, true).await?;
            let output = pack_ofd(&pack, signed.as_deref(), media)?;
            write_atomically(&a.out, &output.bytes)?;
            Exported {
                file: a.out,
                bytes: output.bytes.len(),
                pages: Some(output.pages),
                fallback_chars: Vec::new(),
            }
        }
        ExportTarget::Portal(a) => {
            let output = super::publish::portal_zip(&store, &a.pack).await?;
            write_atomically(&a.out, &output.bytes)?;
            Exported {
                file: a.out,
                bytes: output.bytes.len(),
                pages: Some(output.manifest.pages.len()),
                fallback_chars: Vec::new(),
            }
        }
        ExportTarget::Pdf(a) => match store.signed_pdf(&a.pack).await? {
            Some(_) if a.no_pdfa => {
                return Err(CliError::SignedPdfAsIs { pack: a.pack });
            }
            // A signed pack's PDF is the one signed in its bytes when the leader signed;
            // rendering it again would give other bytes, which the signature does not cover.
            Some(signed) => {
                write_atomically(&a.out, &signed)?;
                Exported {
                    file: a.out,
                    bytes: signed.len(),
                    pages: jiedu_render::record::page_count(&signed).ok(),
                    fallback_chars: Vec::new(),
                }
            }
            None => {
                let pack = store.get_pack(&a.pack).await?;
                let media = store.media_library(&pack.content, true).await?;
                let output = pack_pdf(&pack, !a.no_pdfa, media)?;
                write_atomically(&a.out, &output.bytes)?;
                Exported {
                    file: a.out,
                    bytes: output.bytes.len(),
                    pages: Some(output.pages),
                    fallback_chars: output.fallback_chars,
                }
            }
        },
        ExportTarget::Chart {
            pack,
            chart,
            format,
            width,
            out: file,
        } => {
            let pack = store.get_pack(&pack).await?;
            let spec = pack
                .content
                .materials
                .charts
                .iter()
                .find(|c| c.id == chart)
                .ok_or_else(|| CliError::ChartNotFound {
                    pack: pack.id.clone(),
                    chart: chart.clone(),
                    known: pack
                        .content
                        .materials
                        .charts
                        .iter()
                        .map(|c| c.id.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            let fonts = FontSet::bundled()?;
            let svg = chart_svg(spec, &ChartStyle::new(fonts.clone()))?;
            let bytes = match format {
                ChartFormat::Svg => svg.into_bytes(),
                ChartFormat::Png => png(&svg, width, &fonts)?,
            };
            write_atomically(&file, &bytes)?;
            Exported {
                file,
                bytes: bytes.len(),
                pages: None,
                fallback_chars: Vec::new(),
            }
        }
    };
    store.close().await;
    out.emit(&exported, || {
        let pages = exported.pages.map(|p| format!("，{p} 页 pages")).unwrap_or_default();
        println!(
            "已导出 exported {}（{} 字节 bytes{pages}）",
            exported.file.display(),
            exported.bytes
        );
        if !exported.fallback_chars.is_empty() {
            let chars: String = exported.fallback_chars.iter().collect();
            println!("提示：以下字符不在内置字体中，已用备用字体排印 characters drawn from the fallback font: {chars}");
        }
    });
    Ok(ExitCode::SUCCESS)
}
