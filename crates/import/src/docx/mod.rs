//! Word documents (.docx): the archive is opened within limits, the main document part found
//! (through `_rels/.rels` when it is not `word/document.xml`), styles and relationships read,
//! and the paragraphs turned into blocks for the same detection as text.

mod archive;
mod document;
mod rels;
mod styles;
mod xml;

use crate::block::Block;
use crate::error::ImportError;
use crate::limits::{MAX_AUX_PART_BYTES, MAX_DOCUMENT_XML_BYTES};
use crate::recorder::Recorder;
use crate::report::{DocumentKind, NoteKind, RemovalReason};
use archive::Archive;
use document::Parsed;
use jiedu_core::Attachment;
use rels::Rels;
use styles::Styles;

/// The usual name of the main document part.
const MAIN_PART: &str = "word/document.xml";

/// A .docx read into blocks.
pub(crate) struct Docx {
    /// Paragraphs and table rows.
    pub blocks: Vec<Block>,
    /// Images, as attachments.
    pub images: Vec<Attachment>,
    /// The report so far: tracked deletions and notes.
    pub recorder: Recorder,
}

/// Reads a .docx; `file` names it in errors.
pub(crate) fn read(bytes: &[u8], file: &str) -> Result<Docx, ImportError> {
    let mut zip = Archive::open(bytes, file)?;
    let main = main_part(&mut zip)?;
    let (folder, name) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let xml = text_part(&mut zip, &main, MAX_DOCUMENT_XML_BYTES)?.ok_or_else(|| {
        ImportError::MissingPart {
            file: file.to_string(),
            part: main.clone(),
        }
    })?;
    let base = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let rels_part = format!("{base}_rels/{name}.rels");
    let rels = text_part(&mut zip, &rels_part, MAX_AUX_PART_BYTES)?
        .map(|x| Rels::parse(&x, &base))
        .unwrap_or_default();
    let styles_part = rels
        .target_of_type("/styles")
        .map_or_else(|| format!("{base}styles.xml"), str::to_string);
    let styles = text_part(&mut zip, &styles_part, MAX_AUX_PART_BYTES)?
        .map(|x| Styles::parse(&x))
        .unwrap_or_default();
    let parsed = document::parse(&xml, &styles).map_err(|detail| ImportError::BadXml {
        file: file.to_string(),
        part: main.clone(),
        detail,
    })?;
    let has_comments = rels.target_of_type("/comments").is_some();
    let mut recorder = Recorder::new(DocumentKind::Docx, "UTF-8");
    let images = images(&parsed, &rels, &mut recorder);
    report(&parsed, has_comments, &mut recorder);
    Ok(Docx {
        blocks: parsed.blocks,
        images,
        recorder,
    })
}

/// The main document part: `word/document.xml`, or what `_rels/.rels` names.
fn main_part(zip: &mut Archive<'_>) -> Result<String, ImportError> {
    if zip.has(MAIN_PART) {
        return Ok(MAIN_PART.to_string());
    }
    let root = text_part(zip, "_rels/.rels", MAX_AUX_PART_BYTES)?.map(|x| Rels::parse(&x, ""));
    root.as_ref()
        .and_then(|r| r.target_of_type("/officeDocument"))
        .filter(|t| t.ends_with(".xml") && zip.has(t))
        .map(str::to_string)
        .ok_or_else(|| ImportError::MissingPart {
            file: zip.file().to_string(),
            part: MAIN_PART.to_string(),
        })
}

/// Reads an XML part as text, within `limit`.
fn text_part(zip: &mut Archive<'_>, part: &str, limit: u64) -> Result<Option<String>, ImportError> {
    let Some(bytes) = zip.part(part, limit)? else {
        return Ok(None);
    };
    xml::part_text(&bytes)
        .map(Some)
        .ok_or_else(|| ImportError::BadXml {
            file: zip.file().to_string(),
            part: part.to_string(),
            detail: "not UTF-8 or UTF-16".to_string(),
        })
}

/// Each image becomes an attachment named after its media part.
fn images(parsed: &Parsed, rels: &Rels, rec: &mut Recorder) -> Vec<Attachment> {
    parsed
        .images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            let target = rels.target(&image.rel_id);
            let file_name = target.map(|t| t.rsplit('/').next().unwrap_or(t).to_string());
            let title = image
                .title
                .clone()
                .unwrap_or_else(|| format!("图片 {}", i + 1));
            rec.note(
                NoteKind::ImageAttachment,
                Some(image.line),
                format!(
                    "第 {} 段的图片“{title}”（{}）已作为附件。",
                    image.line,
                    target.unwrap_or("未找到图片文件")
                ),
                format!(
                    "The image {title} in paragraph {} ({}) became an attachment.",
                    image.line,
                    target.unwrap_or("image part not found")
                ),
            );
            Attachment {
                title,
                paragraphs: Vec::new(),
                sections: Vec::new(),
                file_name,
            }
        })
        .collect()
}

/// Removals and notes for what the document part held besides plain paragraphs.
fn report(parsed: &Parsed, has_comments: bool, rec: &mut Recorder) {
    for (line, text) in &parsed.deletions {
        rec.removed(*line, text, RemovalReason::TrackedDeletion);
    }
    if !parsed.deletions.is_empty() || parsed.insertions > 0 {
        rec.note(
            NoteKind::TrackedChangesAccepted,
            None,
            format!("文档含修订，已全部接受：保留 {} 处插入，删除 {} 处（删除的文字见上）。", parsed.insertions, parsed.deletions.len()),
            format!("Tracked changes were accepted: {} insertions kept, {} deletions applied (the deleted text is listed above).", parsed.insertions, parsed.deletions.len()),
        );
    }
    if parsed.comments > 0 || has_comments {
        rec.note(
            NoteKind::CommentsIgnored,
            None,
            format!("文档中的批注（{} 处）未导入。", parsed.comments),
            format!("Comments ({}) were not imported.", parsed.comments),
        );
    }
    if parsed.notes > 0 {
        rec.note(
            NoteKind::NotesIgnored,
            None,
            format!(
                "文档中的脚注、尾注（{} 处）未导入，请另行核对。",
                parsed.notes
            ),
            format!(
                "Footnotes and endnotes ({}) were not imported; check them separately.",
                parsed.notes
            ),
        );
    }
    if parsed.text_box_paragraphs > 0 {
        rec.note(
            NoteKind::TextBoxes,
            None,
            format!(
                "文本框中的 {} 段文字已作为正文段落保留。",
                parsed.text_box_paragraphs
            ),
            format!(
                "{} paragraphs in text boxes were kept as body paragraphs.",
                parsed.text_box_paragraphs
            ),
        );
    }
    for table in &parsed.tables {
        rec.note(
            NoteKind::TableAsText,
            Some(table.line),
            format!("第 {} 段起的表格（{} 行）已按行保留为文字，单元格以制表符分隔。", table.line, table.rows),
            format!("The table at paragraph {} ({} rows) was kept as text, one paragraph per row, cells separated by tabs.", table.line, table.rows),
        );
    }
    if parsed.auto_numbered > 0 {
        rec.note(
            NoteKind::AutoNumbering,
            None,
            format!("有 {} 段使用 Word 自动编号，编号不在文字中，未导入编号，请核对层次。", parsed.auto_numbered),
            format!("{} paragraphs use Word's automatic numbering; the numbers are not in the text and were not imported. Check the outline.", parsed.auto_numbered),
        );
    }
}
