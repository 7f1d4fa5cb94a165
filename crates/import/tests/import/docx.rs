//! Word documents: the LibreOffice-written fixture, and each Word feature on a built document.

use crate::build::{docx, p, styled};
use jiedu_core::HeadingLevel;
use jiedu_import::report::{NoteKind, RemovalReason};
use jiedu_import::{import_docx, import_file};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn libreoffice_docx_has_the_structure_of_the_text_version() {
    let text = import_file(&fixture("seed.txt")).expect("text");
    let word = import_file(&fixture("seed.docx")).expect("docx");
    assert_eq!(word.policy.title, text.policy.title);
    assert_eq!(word.policy.preamble, text.policy.preamble);
    assert_eq!(word.policy.sections, text.policy.sections);
    assert_eq!(word.policy.sections.len(), 20);
    let web = import_file(&fixture("seed-web.txt")).expect("seed");
    assert_eq!(word.policy.sections, web.policy.sections);
    assert!(word.report.removals.is_empty() && word.report.joins.is_empty());
}

#[test]
fn headings_by_style_get_numbers_and_text_numbers_win() {
    let body = [
        styled("Title", "关于做好政策解读工作的通知"),
        p("各单位："),
        styled("Heading1", "总体要求"),
        styled("Heading2", "工作目标。到2020年，全面实现政策解读制度化。"),
        styled("Heading1", "二、主要任务"),
        styled("Heading2", "（一）加强解读。按照要求做好解读。"),
        styled("Heading3", "（二）回应关切。"),
    ]
    .concat();
    let result = import_docx(&docx(&body, &[])).expect("import");
    let got: Vec<(HeadingLevel, &str, &str)> = result
        .policy
        .sections
        .iter()
        .map(|s| (s.level, s.number.as_str(), s.heading.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (HeadingLevel::L1, "一、", "总体要求"),
            (HeadingLevel::L2, "（一）", "工作目标。"),
            (HeadingLevel::L1, "二、", "主要任务"),
            (HeadingLevel::L2, "（一）", "加强解读。"),
            (HeadingLevel::L2, "（二）", "回应关切。"),
        ]
    );
    assert_eq!(result.policy.title, "关于做好政策解读工作的通知");
    assert_eq!(result.policy.addressee, "各单位");
    assert!(result.policy.preamble.is_empty());
    assert!(result
        .report
        .notes
        .iter()
        .any(|n| n.kind == NoteKind::StyleLevelMismatch));
}

#[test]
fn tables_images_tracked_changes_and_comments() {
    let body = [
        p("关于公布办事指南的通知"),
        "<w:p><w:r><w:t>一、</w:t></w:r><w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>原有</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>办事</w:t></w:r></w:ins><w:r><w:t>事项</w:t></w:r><w:commentReference w:id=\"0\"/></w:p>".to_string(),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>事项</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>时限</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1.登记</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>5日</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".to_string(),
        "<w:p><w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"图片 1\" descr=\"办事流程图\"/><a:graphic><a:graphicData><a:blip r:embed=\"rId7\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>".to_string(),
    ]
    .concat();
    let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;
    let bytes = docx(
        &body,
        &[
            ("word/_rels/document.xml.rels", rels),
            ("word/media/image1.png", b"\x89PNG\r\n\x1a\n"),
            ("word/comments.xml", b"<w:comments/>"),
        ],
    );
    let result = import_docx(&bytes).expect("import");
    let section = &result.policy.sections[0];
    assert_eq!(
        (section.number.as_str(), section.heading.as_str()),
        ("一、", "办事事项")
    );
    assert_eq!(section.paragraphs, ["事项\t时限", "1.登记\t5日"]);
    let image = &result.policy.attachments[0];
    assert_eq!(image.title, "办事流程图");
    assert_eq!(image.file_name.as_deref(), Some("image1.png"));
    let report = &result.report;
    assert_eq!(report.removals.len(), 1);
    assert_eq!(report.removals[0].text, "原有");
    assert_eq!(report.removals[0].reason, RemovalReason::TrackedDeletion);
    for kind in [
        NoteKind::TrackedChangesAccepted,
        NoteKind::CommentsIgnored,
        NoteKind::TableAsText,
        NoteKind::ImageAttachment,
    ] {
        assert!(report.notes.iter().any(|n| n.kind == kind), "{kind:?}");
    }
}

#[test]
fn main_part_found_through_package_relationships() {
    let document = format!(
        r#"<w:document xmlns:w="w"><w:body>{}{}</w:body></w:document>"#,
        p("标题"),
        p("正文。")
    );
    let root_rels = br#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/></Relationships>"#;
    let bytes = crate::build::zip(&[
        ("_rels/.rels", root_rels),
        ("word/document2.xml", document.as_bytes()),
    ]);
    let result = import_docx(&bytes).expect("import");
    assert_eq!(result.policy.title, "标题");
    assert_eq!(result.policy.preamble, ["正文。"]);
}
