//! The import pipeline shared by text and Word documents: cleanup, front matter, attachments,
//! signature, joins, outline; then the policy and the notes on what was not found.

use crate::attachments;
use crate::block::{Block, Hint};
use crate::cjk::{ends_sentence, tail};
use crate::cleanup;
use crate::docnumber::FoundNumber;
use crate::front;
use crate::join;
use crate::outline;
use crate::recorder::Recorder;
use crate::report::{NormalizationKind, NoteKind};
use crate::signature;
use jiedu_core::{Attachment, Policy};

/// Detects the structure of `blocks`. `None` when nothing is left after cleanup.
pub(crate) fn detect(
    blocks: Vec<Block>,
    extra_attachments: Vec<Attachment>,
    rec: &mut Recorder,
) -> Option<Policy> {
    let cleaned = cleanup::clean(blocks, rec);
    if cleaned.is_empty() && extra_attachments.is_empty() {
        return None;
    }
    let (front, body) = front::take(cleaned, rec);
    let (body, sections) = attachments::split_sections(body, rec);
    let (signature, body) = signature::take(body, rec);
    let (body, list) = attachments::take_list(body, rec);
    let body = join::join(body, rec);
    if signature.date.is_none() {
        note_truncation(&body, rec);
    }
    let outline = outline::build(body, rec);
    let sections = sections
        .into_iter()
        .map(|mut s| {
            let blocks = std::mem::take(&mut s.blocks);
            let paragraphs = join::join(blocks, rec)
                .into_iter()
                .map(|b| b.text)
                .collect();
            (s, paragraphs)
        })
        .collect();
    let mut attachments = attachments::assemble(list, sections);
    attachments.extend(extra_attachments);
    let doc_number = front
        .doc_number
        .map(|(found, line)| doc_number(found, line, rec));
    let policy = Policy {
        title: front.title.unwrap_or_default(),
        doc_number,
        issuing_authority: signature
            .authority
            .or(front.header_authority)
            .unwrap_or_default(),
        written_on: signature.date,
        preamble: outline.preamble,
        sections: outline.sections,
        attachments,
        ..Policy::default()
    };
    note_missing(&policy, rec);
    Some(policy)
}

/// The 发文字号 as stored, with its bracket normalization and form check reported.
fn doc_number(found: FoundNumber, line: usize, rec: &mut Recorder) -> String {
    if found.brackets_changed {
        rec.normalized(NormalizationKind::DocNumberBrackets, line, 1);
    }
    if let Err(e) = &found.check {
        let text = e.to_string();
        let (zh, en) = text.split_once('\n').unwrap_or((text.as_str(), ""));
        rec.note(
            NoteKind::DocNumberMalformed,
            Some(line),
            format!("发文字号“{}”不规范：{zh}", found.text),
            format!(
                "The document number {} is not in the official form: {en}",
                found.text
            ),
        );
    }
    found.text
}

/// A note when the body ends mid-sentence and no signature follows: the copy may be cut off.
fn note_truncation(body: &[Block], rec: &mut Recorder) {
    let Some(last) = body
        .last()
        .filter(|b| b.hint != Hint::TableRow && !ends_sentence(&b.text))
    else {
        return;
    };
    let end = tail(&last.text, 10);
    rec.note(
        NoteKind::MaybeTruncated,
        Some(last.line),
        format!("正文最后一段以“{end}”结束，没有句末标点，原文可能不完整，请核对。"),
        format!("The last paragraph ends with “{end}” and no sentence-ending punctuation: the text may be cut off. Please check."),
    );
}

/// Notes for each field the import could not find.
fn note_missing(policy: &Policy, rec: &mut Recorder) {
    let missing = [
        (
            policy.title.is_empty(),
            NoteKind::TitleNotFound,
            "标题",
            "title",
        ),
        (
            policy.doc_number.is_none(),
            NoteKind::DocNumberNotFound,
            "发文字号",
            "document number",
        ),
        (
            policy.issuing_authority.is_empty(),
            NoteKind::AuthorityNotFound,
            "发文机关",
            "issuing authority",
        ),
        (
            policy.written_on.is_none(),
            NoteKind::DateNotFound,
            "成文日期",
            "date of writing",
        ),
        (
            policy.sections.is_empty(),
            NoteKind::NoHeadings,
            "“一、”“（一）”等层次标题",
            "numbered headings (一、, （一） …)",
        ),
    ];
    for (is_missing, kind, zh, en) in missing {
        if is_missing {
            rec.note(
                kind,
                None,
                format!("未识别到{zh}，请在导入后补充或核对。"),
                format!("No {en} was found; add or check it after the import."),
            );
        }
    }
}
