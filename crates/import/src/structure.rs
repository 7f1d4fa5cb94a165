//! The import pipeline shared by text and Word documents. It reads the document as a whole:
//! cleanup and the portal's metadata, the 版记 at the foot, the head (版头, title, 主送机关),
//! the attachments or the forwarded document, the signature and 附注, the 附件说明; then the
//! joins and the outline, and the policy with notes on what was not found.

use crate::attachments;
use crate::block::{Block, Hint};
use crate::cjk::{ends_sentence, tail};
use crate::cleanup;
use crate::colophon;
use crate::docnumber::FoundNumber;
use crate::front::{self, TitleLines};
use crate::join;
use crate::outline;
use crate::portal::Metadata;
use crate::recorder::Recorder;
use crate::report::{Field, NormalizationKind, NoteKind};
use crate::signature;
use crate::Corrections;
use jiedu_core::gongwen::{ABOUT, FORWARDING_VERBS};
use jiedu_core::{Attachment, DocType, Forwarding, Policy, PortalMetadata};

/// Detects the structure of `blocks`. `None` when nothing is left after cleanup.
pub(crate) fn detect(
    blocks: Vec<Block>,
    extra_attachments: Vec<Attachment>,
    corrections: &Corrections,
    rec: &mut Recorder,
) -> Option<Policy> {
    let mut meta = Metadata::default();
    let cleaned = cleanup::clean(blocks, &corrections.junk_lines, &mut meta, rec);
    if cleaned.is_empty() && extra_attachments.is_empty() {
        return None;
    }
    if !corrections.is_empty() {
        rec.note(
            NoteKind::Corrected,
            None,
            "已按您的标注重新识别。".into(),
            "Read again with your corrections.".into(),
        );
    }
    let (cleaned, glued) = crate::oneline::split_glued_head(cleaned);
    if glued > 0 {
        rec.normalized(NormalizationKind::LineBreaksRestored, 1, glued);
    }
    let (colophon, cleaned) = colophon::take(cleaned, rec);
    let (front, body) = front::take(cleaned, &TitleLines(corrections.title_lines.clone()), rec);
    let title = front
        .title
        .clone()
        .or_else(|| meta.title.clone())
        .or_else(|| meta.lead_title.clone())
        .unwrap_or_default();
    let (body, mut sections) = attachments::split_sections(body, rec);
    // The title says it (`关于印发《X》的通知`), or the notice's first lines do (`现将《X》印发
    // 给你们`) when a copy lost its title.
    let announced = announced_in_body(&body);
    let forwarding = Forwarding::from_title(&title).or(announced.as_ref().map(|(f, _)| *f));
    let name = forwarded_name(&title).or(announced.map(|(_, n)| n));
    let (body, forwarded) = if sections.is_empty() && forwarding.is_some() {
        split_forwarded(body, name.as_deref(), rec)
    } else {
        (body, None)
    };
    let (title_note_date, body) = title_note_date(body, rec);
    let (order_date, body) = order_signature(body, rec);
    let title_note_date = title_note_date.or(order_date);
    let (signature, body) = signature::take(body, rec);
    let (body, contacts) = take_contacts(body, rec);
    let (body, list) = attachments::take_list(body, rec);
    let body = join::join(body, rec);
    if signature.date.is_none() && forwarded.is_none() {
        note_truncation(&body, rec);
    }
    let outline = outline::build(body, rec);
    let forwarded_at = forwarded.is_some().then(|| list.len() + sections.len());
    if let Some(f) = forwarded {
        sections.push(f);
    }
    let sections = sections
        .into_iter()
        .map(|mut s| {
            let blocks = std::mem::take(&mut s.blocks);
            let (_, blocks) = signature::take(blocks, rec);
            let outline = outline::build(join::join(blocks, rec), rec);
            (s, outline)
        })
        .collect();
    let mut attachments = attachments::assemble(list, sections);
    if let Some(i) = forwarded_at.filter(|i| *i < attachments.len()) {
        let forwarded = attachments.remove(i);
        // The 附件说明 may name the forwarded document too: one attachment, not two.
        attachments.retain(|a| {
            !(a.title == forwarded.title && a.paragraphs.is_empty() && a.sections.is_empty())
        });
        attachments.insert(0, forwarded);
    }
    attachments.extend(extra_attachments);
    let doc_number = front
        .doc_number
        .map(|(found, line)| doc_number(found, line, rec))
        .or(front.order_number.clone())
        .or(meta.doc_number.clone());
    let mut authorities = signature.authorities.clone();
    if authorities.is_empty() {
        authorities = front.mark_authorities.clone();
    }
    if authorities.is_empty() {
        authorities = meta.authority.iter().cloned().collect();
    }
    if authorities.is_empty() {
        // A 令 names its authority: `广西壮族自治区人民政府令 第116号`.
        authorities = front
            .order_number
            .as_deref()
            .and_then(|n| n.split_once('令'))
            .map(|(a, _)| vec![a.trim().to_string()])
            .unwrap_or_default();
    }
    if authorities.is_empty() {
        authorities = authorities_in_title(if front.title_raw.is_empty() {
            &title
        } else {
            &front.title_raw
        });
        // The portal's 发布机构 wins when it is the fuller name (`区人民政府办公室` in the title,
        // `蔡甸区人民政府办公室` on the portal). A 发布机构 alone is not the issuing authority.
        if let Some(publisher) = &meta.publisher {
            let fuller =
                matches!(authorities.as_slice(), [one] if publisher.ends_with(one.as_str()));
            if fuller {
                authorities = vec![publisher.clone()];
            }
        }
    }
    let mut annotation: Vec<String> = contacts;
    annotation.extend(signature.annotation);
    let mut authorities = authorities.into_iter();
    let policy = Policy {
        doc_type: DocType::from_title(&title),
        forwarding: forwarding.filter(|_| !attachments.is_empty()),
        title,
        doc_number,
        issuing_authority: authorities.next().unwrap_or_default(),
        co_issuers: authorities.collect(),
        written_on: signature.date.or(meta.written_on).or(title_note_date),
        preamble: outline.preamble,
        sections: outline.sections,
        attachments,
        copy_number: front.copy_number.unwrap_or_default(),
        secrecy: front.secrecy,
        urgency: front.urgency,
        issuer_mark: front.issuer_mark.unwrap_or_default(),
        sign_off_by: front.sign_off_by,
        addressee: front.addressee.unwrap_or_default(),
        annotation: annotation.join("\n"),
        colophon,
        portal: PortalMetadata {
            index_number: meta.index_number.unwrap_or_default(),
            subject: meta.subject.unwrap_or_default(),
            published_on: meta.published_on.or(front.page_date),
            validity: meta.validity,
            repealed_on: meta.repealed_on,
        },
        ..Policy::default()
    };
    note_missing(&policy, rec);
    Some(policy)
}

/// For a notice that issues or forwards a document without an `附件` line (`…现印发给你们…`,
/// the 署名, the date, then the document itself): the document, found by the name the
/// notice's title gives it, else as the first title after the notice's date.
fn split_forwarded(
    mut body: Vec<Block>,
    name: Option<&str>,
    rec: &mut Recorder,
) -> (Vec<Block>, Option<attachments::Section>) {
    let by_name = name.and_then(|name| {
        body.iter().enumerate().skip(1).find_map(|(i, b)| {
            let bare = b.text.replace(['《', '》'], "");
            let text = bare.as_str();
            let (n, len) = (name.chars().count(), text.chars().count());
            let close = front::is_title_candidate(b)
                && !text.starts_with("附件")
                && !text.starts_with("关于")
                && ((text.contains(name) && len <= n + 8)
                    || (name.contains(text)
                        && len * 3 >= n * 2
                        && DocType::from_title(text).is_some()));
            (text == name || close).then_some(i)
        })
    });
    let start = by_name.or_else(|| after_first_date(&body));
    let Some(start) = start.filter(|s| *s < body.len() && front::is_title_candidate(&body[*s]))
    else {
        return (body, None);
    };
    // `鹤岗市人民政府 鹤岗市中级人民法院` above `关于…的意见`: the authorities are part of the
    // forwarded document's title.
    let with_authority = start > 0
        && ["关于", "關於", "關于"]
            .iter()
            .any(|a| body[start].text.starts_with(a))
        && front::is_authority_name(&body[start - 1].text);
    let start = if with_authority { start - 1 } else { start };
    let mut rest = body.split_off(start);
    let first = rest.remove(0);
    let mut title = first.text.clone();
    let mut raw = first.raw.clone();
    if with_authority && !rest.is_empty() {
        let next = rest.remove(0);
        title.push_str(&next.text);
        raw = format!("{raw}\n{}", next.raw);
    }
    // A long title broken over up to four lines: join while it is unfinished.
    for _ in 0..3 {
        let Some(next) = rest.first() else { break };
        let unfinished = front::open_pair(&title) || DocType::from_title(&title).is_none();
        let joins = unfinished
            && front::is_title_candidate(next)
            && next.text.chars().count() <= 40
            && DocType::from_title(&format!("{title}{}", next.text)).is_some()
            || front::open_pair(&title) && front::is_title_candidate(next);
        if !joins {
            break;
        }
        title.push_str(&next.text);
        raw = format!("{raw}\n{}", next.raw);
        rest.remove(0);
    }
    rec.detected(Field::ForwardedTitle, first.line, &raw, &title);
    // Number 0: the forwarded document fills no slot of the 附件说明; it comes first.
    let section = attachments::Section {
        number: 0,
        title,
        blocks: rest,
    };
    (body, Some(section))
}

/// Where the forwarded document starts when only the notice's date marks it: the line after
/// the date, its 附注 and an authority standing after it.
fn after_first_date(body: &[Block]) -> Option<usize> {
    let date_at = body
        .iter()
        .position(|b| b.hint != Hint::TableRow && crate::dates::date_of(&b.text).is_some())?;
    let mut start = date_at + 1;
    while body
        .get(start)
        .is_some_and(|b| signature::is_annotation(&b.text))
    {
        start += 1;
    }
    if body
        .get(start)
        .is_some_and(|b| front::is_authority_name(&b.text) && body.len() > start + 2)
    {
        start += 1;
    }
    Some(start)
}

/// `现将《X》印发给你们` in the first lines of the body: the forwarding and X.
fn announced_in_body(body: &[Block]) -> Option<(Forwarding, String)> {
    body.iter().take(4).find_map(|b| {
        let t = &b.text;
        let open = t.find('《')?;
        let close = t[open..].find('》')? + open;
        let after: String = t[close + '》'.len_utf8()..].chars().take(16).collect();
        let forwarding = if after.contains("印发") || after.contains("印發") {
            Forwarding::Issue
        } else if after.contains("转发") || after.contains("轉發") {
            Forwarding::Relay
        } else {
            return None;
        };
        let name = t[open + '《'.len_utf8()..close].to_string();
        (name.chars().count() >= 4).then_some((forwarding, name))
    })
}

/// The name of the document a notice issues: `关于印发《X》的通知` → X.
fn forwarded_name(title: &str) -> Option<String> {
    let (at, verb) = FORWARDING_VERBS
        .iter()
        .filter_map(|v| title.find(v).map(|i| (i, *v)))
        .min_by_key(|(i, _)| *i)?;
    let rest = &title[at + verb.len()..];
    let rest = rest
        .strip_suffix("的通知")
        .or_else(|| rest.strip_suffix("通知"))
        .unwrap_or(rest);
    let name: String = rest.chars().filter(|c| *c != '《' && *c != '》').collect();
    (name.chars().count() >= 4).then_some(name)
}

/// The heads who sign a 令 (`自治区主席 陈武 2016年12月6日`).
const SIGNING_HEADS: &[&str] = &[
    "主席", "省长", "市长", "县长", "区长", "州长", "部长", "主任", "局长", "署长", "总理", "书记",
];

/// A 令's signature near the top of its body: the head's title, name and the date, on one line
/// or two. The date is the 成文日期; the line is taken as detected.
fn order_signature(
    mut body: Vec<Block>,
    rec: &mut Recorder,
) -> (Option<chrono::NaiveDate>, Vec<Block>) {
    let date_of = |raw: &str| {
        let last = raw.split(crate::cjk::is_space).rfind(|t| !t.is_empty())?;
        crate::dates::date_of(last)
    };
    let found = body.iter().take(6).position(|b| {
        let head = b.text.chars().take(12).collect::<String>();
        SIGNING_HEADS.iter().any(|h| head.contains(h))
            && b.text.chars().count() <= 30
            && date_of(&b.raw).is_some()
    });
    let Some(i) = found else {
        return (None, body);
    };
    let b = body.remove(i);
    let date = date_of(&b.raw);
    if let Some(d) = date {
        rec.detected(
            Field::WrittenOn,
            b.line,
            &b.raw,
            &d.format("%Y-%m-%d").to_string(),
        );
    }
    (date, body)
}

/// A 题注 under the title that gives the date: `（2018年8月7日）`, `(2025年7月30日…通过)`.
fn title_note_date(
    body: Vec<Block>,
    rec: &mut Recorder,
) -> (Option<chrono::NaiveDate>, Vec<Block>) {
    let Some(first) = body.first() else {
        return (None, body);
    };
    let t = first.text.as_str();
    let inner = t
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']));
    let Some(inner) = inner else {
        return (None, body);
    };
    // `（2016年11月13日…通过　2024年5月30日…批准）`: the last date is the text's.
    let date = inner.match_indices('日').rev().find_map(|(i, _)| {
        let end = i + '日'.len_utf8();
        let start = inner[..i].rfind('年')?;
        let from = inner[..start]
            .char_indices()
            .rev()
            .take(4)
            .last()
            .map_or(0, |(j, _)| j);
        crate::dates::date_of(&inner[from..end])
    });
    if let Some(d) = date {
        rec.detected(
            Field::WrittenOn,
            first.line,
            &first.raw,
            &d.format("%Y-%m-%d").to_string(),
        );
    }
    (date, body)
}

/// Contact lines (`联系人：…`) left at the end of the body, before the 署名: 附注, not text.
fn take_contacts(mut body: Vec<Block>, rec: &mut Recorder) -> (Vec<Block>, Vec<String>) {
    let mut found = Vec::new();
    while let Some(last) = body.last() {
        if !signature::is_contact(&last.text) || found.len() >= 3 {
            break;
        }
        if let Some(b) = body.pop() {
            rec.detected(Field::Annotation, b.line, &b.raw, &b.text);
            found.push(b.text);
        }
    }
    found.reverse();
    (body, found)
}

/// `国家发展改革委、财政部关于…的通知` → [国家发展改革委, 财政部]. The title as written (with
/// its spaces) separates joint authorities.
fn authorities_in_title(title: &str) -> Vec<String> {
    // Without 关于, the authority stands before the verb: `瑞安市人民政府办公室转发…`.
    // The first 关于 outside 《》: `安徽省人民政府关于实施《国务院关于…》的意见`.
    let outside = |i: usize| title[..i].matches('《').count() == title[..i].matches('》').count();
    let Some(at) = ABOUT
        .iter()
        .flat_map(|a| title.match_indices(a).map(|(i, _)| i))
        .filter(|i| outside(*i))
        .min()
        .or_else(|| FORWARDING_VERBS.iter().filter_map(|v| title.find(v)).min())
    else {
        return Vec::new();
    };
    let mut before = &title[..at];
    // `国务院批转发展改革委关于…`, `浙江省人民政府贯彻国务院关于…`: the authority is the one
    // that forwards or acts.
    for verb in [
        "批转", "转发", "印发", "批轉", "轉發", "印發", "贯彻", "落实", "貫徹", "落實",
    ] {
        if let Some(i) = before.find(verb) {
            before = &before[..i];
        }
    }
    before
        .split(['、', ' ', '\u{3000}'])
        .filter(|s| s.chars().count() >= 2)
        .map(str::to_string)
        .collect()
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
    let regulation = policy
        .sections
        .iter()
        .chain(policy.attachments.iter().flat_map(|a| a.sections.iter()))
        .next()
        .is_some();
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
            !regulation,
            NoteKind::NoHeadings,
            "“一、”“（一）”“第一条”等层次结构",
            "numbered headings or articles (一、, （一）, 第一条 …)",
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
