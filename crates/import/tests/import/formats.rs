//! Text formats and the parts of an official document: red header, 发文字号, signature, date,
//! attachments; Markdown; GB18030 and UTF-16 files.

use chrono::NaiveDate;
use jiedu_core::HeadingLevel;
use jiedu_import::report::{Field, NoteKind};
use jiedu_import::{import_bytes, import_text, SourceFormat};

const OFFICIAL: &str = "国土资源部文件

国土资发[2016]141号

国土资源部关于印发国土资源信息化
“十三五”规划的通知

各省、自治区、直辖市国土资源主管部门：

现将《国土资源信息化“十三五”规划》印发给你们，请认真贯彻执行。

一、总体要求

(一)指导思想。全面贯彻落实党的十八大精神。

1.加强组织领导

(1)明确责任。各级国土资源主管部门要明确分工。

附件：1. 国土资源信息化“十三五”规划
      2. 重点工程项目表

国土资源部
二〇一六年十二月三十日

（此件公开发布）

附件1

国土资源信息化“十三五”规划

一、发展现状
“十二五”期间，国土资源信息化取得显著成效。

附件2

重点工程项目表
";

#[test]
fn an_official_document_gives_every_field() {
    let result = import_text(OFFICIAL, SourceFormat::Txt).expect("import");
    let policy = &result.policy;
    assert_eq!(
        policy.title,
        "国土资源部关于印发国土资源信息化“十三五”规划的通知"
    );
    assert_eq!(policy.doc_number.as_deref(), Some("国土资发〔2016〕141号"));
    assert_eq!(policy.issuing_authority, "国土资源部");
    assert_eq!(policy.written_on, NaiveDate::from_ymd_opt(2016, 12, 30));
    assert_eq!(policy.addressee, "各省、自治区、直辖市国土资源主管部门");
    assert_eq!(
        policy.preamble,
        ["现将《国土资源信息化“十三五”规划》印发给你们，请认真贯彻执行。"]
    );
    let levels: Vec<(HeadingLevel, &str)> = policy
        .sections
        .iter()
        .map(|s| (s.level, s.number.as_str()))
        .collect();
    assert_eq!(
        levels,
        [
            (HeadingLevel::L1, "一、"),
            (HeadingLevel::L2, "（一）"),
            (HeadingLevel::L3, "1."),
            (HeadingLevel::L4, "（1）"),
        ]
    );
    assert_eq!(
        policy.sections[3].paragraphs,
        ["各级国土资源主管部门要明确分工。"]
    );
    let titles: Vec<&str> = policy
        .attachments
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles, ["国土资源信息化“十三五”规划", "重点工程项目表"]);
    let first = &policy.attachments[0];
    assert!(first.paragraphs.is_empty());
    assert_eq!(first.sections[0].number, "一、");
    assert_eq!(first.sections[0].heading, "发展现状");
    assert_eq!(
        first.sections[0].paragraphs,
        ["“十二五”期间，国土资源信息化取得显著成效。"]
    );
    let fields: Vec<Field> = result.report.detected.iter().map(|d| d.field).collect();
    for field in [
        Field::IssuingAuthority,
        Field::DocNumber,
        Field::Title,
        Field::Attachment,
        Field::WrittenOn,
        Field::DisclosureMarker,
    ] {
        assert!(fields.contains(&field), "{field:?}");
    }
    assert!(result.report.notes.is_empty(), "{:?}", result.report.notes);
}

#[test]
fn a_malformed_number_is_kept_with_a_note() {
    let result =
        import_text("中办发〔2016〕第08号\n标题\n正文。", SourceFormat::Txt).expect("import");
    assert_eq!(
        result.policy.doc_number.as_deref(),
        Some("中办发〔2016〕第08号")
    );
    assert!(result
        .report
        .notes
        .iter()
        .any(|n| n.kind == NoteKind::DocNumberMalformed));
}

#[test]
fn markdown_headings_and_emphasis() {
    let md = "# 关于做好政策解读的意见\n\n为做好解读，制定本意见。\n\n## 一、**总体**要求\n\n- （一）坚持原则。谁起草、谁解读。\n";
    let result = import_text(md, SourceFormat::Markdown).expect("import");
    assert_eq!(result.policy.title, "关于做好政策解读的意见");
    assert_eq!(result.policy.sections[0].heading, "总体要求");
    assert_eq!(result.policy.sections[1].paragraphs, ["谁起草、谁解读。"]);
}

#[test]
fn gbk_and_utf16_files_are_read_and_the_encoding_reported() {
    let text = "关于全面推进政务公开工作的实施意见\n\n一、总体要求\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let result = import_bytes(&gbk, "seed-gbk.txt").expect("gbk");
    assert_eq!(result.policy.title, "关于全面推进政务公开工作的实施意见");
    assert_eq!(result.report.encoding, "GB18030");
    assert!(result
        .report
        .notes
        .iter()
        .any(|n| n.kind == NoteKind::Encoding));
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let result = import_bytes(&utf16, "seed-utf16.txt").expect("utf16");
    assert_eq!(result.policy.sections[0].heading, "总体要求");
    assert_eq!(result.report.encoding, "UTF-16LE");
}
