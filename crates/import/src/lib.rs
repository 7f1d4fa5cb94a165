//! Import of policy documents from Word (.docx), plain text and Markdown into a
//! [`jiedu_core::Policy`], the way a careful clerk would: title, 发文字号, issuing authority,
//! 成文日期, the four heading levels, run-in headings and attachments are detected, and the junk
//! of pasted web pages (breadcrumbs, repeated titles, page-break splits, site furniture) is
//! cleaned up.
//!
//! Cleanup never drops policy text: only lines recognised as site furniture are removed, and the
//! [`ImportReport`] lists every removal, every joined line break, every normalization and every
//! field taken from the text, for the user to confirm. Every input, however malformed, gives a
//! result or an [`ImportError`] naming the file, in bounded memory; nothing panics.

mod attachments;
mod block;
mod cjk;
mod cleanup;
mod colophon;
mod dates;
mod decode;
mod docnumber;
mod docx;
mod error;
mod front;
mod headings;
mod html;
mod join;
pub mod limits;
mod markdown;
mod normalize;
mod numerals;
mod oneline;
mod outline;
mod portal;
mod recorder;
pub mod report;
mod signature;
mod sniff;
mod structure;

pub use error::ImportError;
use report::NormalizationKind;
pub use report::{DocumentKind, ImportReport};

use jiedu_core::Policy;
use recorder::Recorder;
use serde::{Deserialize, Serialize};
use sniff::Sniffed;
use std::path::Path;

/// The name errors give to text that did not come from a file.
pub const PASTED_TEXT: &str = "粘贴的文本 pasted text";
/// The name errors give to a .docx that did not come from a named file.
pub const UNNAMED_DOCX: &str = "document.docx";

/// The two kinds of text input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Plain text, e.g. copied from a web page.
    Txt,
    /// Markdown.
    Markdown,
}

/// The user's corrections of a detected frame, by source line: "this line is the title", "this
/// line is junk". An import with corrections reads the text again, honouring them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Corrections {
    /// Lines that together are the title, whatever the detection said.
    #[serde(default)]
    pub title_lines: Vec<usize>,
    /// Lines that are not part of the document.
    #[serde(default)]
    pub junk_lines: Vec<usize>,
}

impl Corrections {
    /// Whether there is nothing to correct.
    pub fn is_empty(&self) -> bool {
        self.title_lines.is_empty() && self.junk_lines.is_empty()
    }
}

/// What an import gives: the policy as detected and the report of everything done to the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportResult {
    /// The detected policy: title, number, authority, date, preamble, sections, attachments.
    pub policy: Policy,
    /// What was removed, joined, normalized and detected, for the user to confirm.
    pub report: ImportReport,
}

/// Imports pasted or already-decoded text.
pub fn import_text(text: &str, format: SourceFormat) -> Result<ImportResult, ImportError> {
    text_named(text, format, PASTED_TEXT, "UTF-8", &Corrections::default())
}

/// Imports pasted text again with the user's corrections of the detected frame.
pub fn import_text_corrected(
    text: &str,
    format: SourceFormat,
    corrections: &Corrections,
) -> Result<ImportResult, ImportError> {
    text_named(text, format, PASTED_TEXT, "UTF-8", corrections)
}

/// Imports a Word document from its bytes.
pub fn import_docx(bytes: &[u8]) -> Result<ImportResult, ImportError> {
    import_bytes(bytes, UNNAMED_DOCX)
}

/// Imports a file from disk, choosing the reader by content first and extension second, within
/// the size limits of [`limits`].
pub fn import_file(path: &Path) -> Result<ImportResult, ImportError> {
    import_file_corrected(path, &Corrections::default())
}

/// Imports a file from disk again, with the user's corrections of the detected frame.
pub fn import_file_corrected(
    path: &Path,
    corrections: &Corrections,
) -> Result<ImportResult, ImportError> {
    let file = path.display().to_string();
    let head = limits::read_head(path, &file)?;
    let limit = match sniff::sniff(&head) {
        Sniffed::Zip => limits::MAX_DOCX_BYTES,
        Sniffed::Text => limits::MAX_TEXT_BYTES,
        // Refused by its first bytes alone, however large it is.
        Sniffed::Ole | Sniffed::Other(..) | Sniffed::Unsupported(_) => {
            return import_bytes(&head, &file)
        }
    };
    let bytes = limits::read_file(path, &file, limit)?;
    bytes_corrected(&bytes, &file, corrections)
}

/// Imports the bytes of a file named `file` (a path or a file name, used in errors and to pick
/// Markdown by its extension). Use it when the bytes come from elsewhere, e.g. a drop in the UI.
pub fn import_bytes(bytes: &[u8], file: &str) -> Result<ImportResult, ImportError> {
    bytes_corrected(bytes, file, &Corrections::default())
}

fn bytes_corrected(
    bytes: &[u8],
    file: &str,
    corrections: &Corrections,
) -> Result<ImportResult, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty {
            file: file.to_string(),
        });
    }
    let extension = Path::new(file)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match sniff::sniff(bytes) {
        Sniffed::Zip => {
            limits::check_size(bytes.len(), file, limits::MAX_DOCX_BYTES)?;
            let doc = docx::read(bytes, file)?;
            let mut rec = doc.recorder;
            // Text pasted into Word keeps what the web gave it: markup, lost line breaks.
            let (blocks, markup) = html::strip_blocks(doc.blocks);
            rec.source_lines(&blocks);
            rec.normalized(NormalizationKind::HtmlMarkup, 1, markup);
            let (blocks, restored) = oneline::split(blocks);
            rec.normalized(NormalizationKind::LineBreaksRestored, 1, restored);
            let policy =
                structure::detect(blocks, doc.images, corrections, &mut rec).ok_or_else(|| {
                    ImportError::Empty {
                        file: file.to_string(),
                    }
                })?;
            Ok(ImportResult {
                policy,
                report: rec.finish(),
            })
        }
        Sniffed::Ole => Err(ImportError::EncryptedOrLegacy {
            file: file.to_string(),
        }),
        Sniffed::Other(found_zh, found_en) => Err(ImportError::NotADocument {
            file: file.to_string(),
            found_zh: found_zh.to_string(),
            found_en: found_en.to_string(),
        }),
        Sniffed::Unsupported(kind) => Err(ImportError::Unsupported {
            file: file.to_string(),
            extension: kind.to_string(),
        }),
        Sniffed::Text if UNSUPPORTED_EXTENSIONS.contains(&extension.as_str()) => {
            Err(ImportError::Unsupported {
                file: file.to_string(),
                extension,
            })
        }
        Sniffed::Text => {
            limits::check_size(bytes.len(), file, limits::MAX_TEXT_BYTES)?;
            let decoded = decode::decode(bytes).ok_or_else(|| ImportError::Encoding {
                file: file.to_string(),
            })?;
            let format = match extension.as_str() {
                "md" | "markdown" => SourceFormat::Markdown,
                _ => SourceFormat::Txt,
            };
            text_named(&decoded.text, format, file, decoded.encoding, corrections)
        }
    }
}

/// Extensions of formats that are text-like but not readable as policy text.
const UNSUPPORTED_EXTENSIONS: [&str; 4] = ["pdf", "doc", "wps", "rtf"];

fn text_named(
    text: &str,
    format: SourceFormat,
    file: &str,
    encoding: &str,
    corrections: &Corrections,
) -> Result<ImportResult, ImportError> {
    limits::check_size(text.len(), file, limits::MAX_TEXT_BYTES)?;
    let kind = match format {
        SourceFormat::Txt => DocumentKind::Txt,
        SourceFormat::Markdown => DocumentKind::Markdown,
    };
    let mut rec = Recorder::new(kind, encoding);
    if encoding != "UTF-8" {
        rec.note(
            report::NoteKind::Encoding,
            None,
            format!("文件不是 UTF-8 编码，已按 {encoding} 读取。"),
            format!("The file is not UTF-8; it was read as {encoding}."),
        );
    }
    let stripped = html::looks_like_html(text).then(|| html::strip(text));
    let text = match &stripped {
        Some(s) => {
            rec.normalized(NormalizationKind::HtmlMarkup, 1, s.tags + s.entities);
            rec.note(
                report::NoteKind::Html,
                None,
                format!(
                    "文本是 HTML：已删除 {} 个标签、还原 {} 个字符实体；行号按去除标签后的文本计。",
                    s.tags, s.entities
                ),
                format!(
                    "The text is HTML: {} tags removed and {} entities decoded; line numbers count the text without tags.",
                    s.tags, s.entities
                ),
            );
            s.text.as_str()
        }
        None => text,
    };
    let blocks = match format {
        SourceFormat::Txt => block::lines(text),
        SourceFormat::Markdown => markdown::blocks(text),
    };
    rec.source_lines(&blocks);
    let (blocks, restored) = oneline::split(blocks);
    if restored > 0 {
        rec.normalized(NormalizationKind::LineBreaksRestored, 1, restored);
    }
    let policy = structure::detect(blocks, Vec::new(), corrections, &mut rec).ok_or_else(|| {
        ImportError::Empty {
            file: file.to_string(),
        }
    })?;
    Ok(ImportResult {
        policy,
        report: rec.finish(),
    })
}
