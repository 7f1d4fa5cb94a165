//! The metadata block of a 政府信息公开目录 page (索引号, 主题分类, 发文机关, 成文日期, 发文字号,
//! 发布日期, 有效性), written as `label：value` lines, bullets, table rows or `【label】value`.
//! Its values fill the policy's fields where the document's own text does not, and each line is
//! reported as a detection (or, for labels with no field, a removal).

use crate::block::{Block, Hint};
use crate::cjk::is_space;
use crate::dates;
use crate::docnumber;
use crate::recorder::Recorder;
use crate::report::{Field, RemovalReason};
use chrono::NaiveDate;
use jiedu_core::Validity;

/// The fields a metadata block gives.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Metadata {
    /// 索引号.
    pub index_number: Option<String>,
    /// 主题分类.
    pub subject: Option<String>,
    /// 发文机关.
    pub authority: Option<String>,
    /// 发布机构.
    pub publisher: Option<String>,
    /// 成文日期.
    pub written_on: Option<NaiveDate>,
    /// 发文字号, brackets made 〔〕.
    pub doc_number: Option<String>,
    /// 发布日期.
    pub published_on: Option<NaiveDate>,
    /// 有效性.
    pub validity: Option<Validity>,
    /// 废止日期.
    pub repealed_on: Option<NaiveDate>,
    /// 标题 or 名称.
    pub title: Option<String>,
    /// The title a news lead gives (`新华社北京1月27日电国务院办公厅关于…的通知，全文如下：`).
    pub lead_title: Option<String>,
}

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    IndexNumber,
    Subject,
    Authority,
    WrittenOn,
    DocNumber,
    PublishedOn,
    Validity,
    RepealedOn,
    Title,
    /// 发布机构: who published it on the portal, usually but not always the issuing authority.
    Publisher,
    /// 生成日期: the 发布日期 when the page gives no other.
    GeneratedOn,
    /// 组配分类: the 主题分类 when the page gives no other.
    Grouping,
    /// A label with no field (体裁分类, 公文种类 …): the line is metadata, its value is dropped.
    Other,
}

/// Labels in the forms portals write them, longest first where one contains another.
const LABELS: &[(&str, Label)] = &[
    ("索引号", Label::IndexNumber),
    ("索引號", Label::IndexNumber),
    ("文號", Label::DocNumber),
    ("發布機構", Label::Publisher),
    ("發佈機構", Label::Publisher),
    ("主題分類", Label::Subject),
    ("發佈日期", Label::PublishedOn),
    ("發布時間", Label::PublishedOn),
    ("发布时间", Label::PublishedOn),
    ("是否有效", Label::Validity),
    ("生成日期", Label::GeneratedOn),
    ("组配分类", Label::Grouping),
    ("公文目录", Label::Other),
    ("公开形式", Label::Other),
    ("公开目录", Label::Other),
    ("关键词", Label::Other),
    ("公开方式", Label::Other),
    ("公开范围", Label::Other),
    ("索 引 号", Label::IndexNumber),
    ("主题分类", Label::Subject),
    ("主题词", Label::Other),
    ("发文机关", Label::Authority),
    ("發文機關", Label::Authority),
    ("发布机构", Label::Publisher),
    ("发文机构", Label::Publisher),
    ("上传时间", Label::GeneratedOn),
    ("更新日期", Label::GeneratedOn),
    ("浏览量", Label::Other),
    ("内容概述", Label::Other),
    ("摘要", Label::Other),
    ("发布机关", Label::Authority),
    ("制发机关", Label::Authority),
    ("发文单位", Label::Authority),
    ("成文日期", Label::WrittenOn),
    ("發文日期", Label::WrittenOn),
    ("发文日期", Label::WrittenOn),
    ("发文字号", Label::DocNumber),
    ("發文字號", Label::DocNumber),
    ("发布文号", Label::DocNumber),
    ("文号", Label::DocNumber),
    ("發布日期", Label::PublishedOn),
    ("发布日期", Label::PublishedOn),
    ("公布日期", Label::PublishedOn),
    ("有效性", Label::Validity),
    ("时效性", Label::Validity),
    ("效力状态", Label::Validity),
    ("废止日期", Label::RepealedOn),
    ("失效日期", Label::RepealedOn),
    ("施行日期", Label::Other),
    ("生效日期", Label::Other),
    ("实施日期", Label::Other),
    ("体裁分类", Label::Other),
    ("公文种类", Label::Other),
    ("组配分类", Label::Other),
    ("服务对象", Label::Other),
    ("信息分类", Label::Other),
    ("内容分类", Label::Other),
    ("文件编号", Label::DocNumber),
    ("上载日期", Label::PublishedOn),
    ("文件来源", Label::Other),
    ("所属类别", Label::Other),
    ("分类", Label::Grouping),
    ("作者", Label::Other),
    ("浏览", Label::Other),
    ("来源", Label::Other),
    ("信息来源", Label::Other),
    ("信息來源", Label::Other),
    ("字体", Label::Other),
    ("标题", Label::Title),
    ("名称", Label::Title),
    ("文件名称", Label::Title),
];

/// How many characters a metadata line may have.
const MAX_LINE_CHARS: usize = 160;

/// One `label value` pair found on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pair {
    label: Label,
    value: String,
}

/// Takes metadata lines out of `blocks`: every line before `body_start`, and every line after
/// `body_end`, that starts with a label. Returns the fields and the remaining blocks.
pub(crate) fn take(
    blocks: Vec<Block>,
    body_start: usize,
    body_end: usize,
    rec: &mut Recorder,
) -> (Metadata, Vec<Block>) {
    let mut meta = Metadata::default();
    let mut out = Vec::with_capacity(blocks.len());
    let mut pending: Option<(Label, Block)> = None;
    for (i, block) in blocks.into_iter().enumerate() {
        let in_edges = i < body_start || i > body_end;
        if let Some((label, head)) = pending.take() {
            // A label alone on its line: its value is the next line.
            if in_edges && pairs(&block.text).is_none() && block.text.chars().count() <= 80 {
                let text = format!("{}\n{}", head.raw, block.raw);
                record(&mut meta, label, block.text.trim(), head.line, &text, rec);
                continue;
            }
            rec.removed(head.line, &head.raw, RemovalReason::PortalMetadata);
        }
        if !in_edges || block.hint == Hint::Title {
            out.push(block);
            continue;
        }
        let Some(found) = pairs(&block.text) else {
            // `2023-01-05 10:00 区人民政府办公室` above the text: the page's publication date.
            let dated = (i < body_start && meta.published_on.is_none())
                .then(|| iso_date_line(&block.text))
                .flatten();
            match dated {
                Some(d) => {
                    rec.detected(Field::PublishedOn, block.line, &block.raw, &d.to_string());
                    meta.published_on = Some(d);
                }
                None => out.push(block),
            }
            continue;
        };
        if let [only] = found.as_slice() {
            if only.value.is_empty() {
                pending = Some((only.label, block));
                continue;
            }
        }
        let mut any_field = false;
        for pair in &found {
            any_field |= record(
                &mut meta,
                pair.label,
                &pair.value,
                block.line,
                &block.raw,
                rec,
            );
        }
        if !any_field {
            rec.removed(block.line, &block.raw, RemovalReason::PortalMetadata);
        }
    }
    if let Some((_, head)) = pending {
        rec.removed(head.line, &head.raw, RemovalReason::PortalMetadata);
    }
    (meta, out)
}

/// Whether `text` is a metadata line (it starts with a label).
pub(crate) fn is_metadata_line(text: &str) -> bool {
    pairs(text).is_some()
}

/// Stores one value; `false` when the label has no field or the value does not parse.
fn record(
    meta: &mut Metadata,
    label: Label,
    value: &str,
    line: usize,
    raw: &str,
    rec: &mut Recorder,
) -> bool {
    let value = value.trim_matches(|c: char| is_space(c) || "：:|｜".contains(c));
    if value.is_empty() {
        return false;
    }
    // Text and date fields each go into their slot; the other labels are read below.
    let text_slot = match label {
        Label::IndexNumber => Some((&mut meta.index_number, Field::IndexNumber)),
        Label::Subject => Some((&mut meta.subject, Field::Subject)),
        Label::Authority => Some((&mut meta.authority, Field::IssuingAuthority)),
        Label::Publisher => Some((&mut meta.publisher, Field::IssuingAuthority)),
        Label::Title => Some((&mut meta.title, Field::Title)),
        _ => None,
    };
    if let Some((slot, field)) = text_slot {
        *slot = Some(value.to_string());
        rec.detected(field, line, raw, value);
        return true;
    }
    let date_slot = match label {
        Label::WrittenOn => Some((&mut meta.written_on, Field::WrittenOn)),
        Label::PublishedOn => Some((&mut meta.published_on, Field::PublishedOn)),
        Label::RepealedOn => Some((&mut meta.repealed_on, Field::RepealedOn)),
        Label::GeneratedOn if meta.published_on.is_none() => {
            Some((&mut meta.published_on, Field::PublishedOn))
        }
        _ => None,
    };
    if let Some((slot, field)) = date_slot {
        let Some(date) = parse_date(value) else {
            return false;
        };
        *slot = Some(date);
        rec.detected(field, line, raw, value);
        return true;
    }
    let field = match label {
        // A plain 分类 or 组配分类 is the 主题分类 only in a real metadata block (one with an
        // 索引号), not a news page's category.
        Label::Grouping if meta.subject.is_none() && meta.index_number.is_some() => {
            meta.subject = Some(value.to_string());
            Field::Subject
        }
        // `是否有效：是`.
        Label::Validity if matches!(value, "是" | "否") => {
            meta.validity = Some(if value == "是" {
                Validity::Valid
            } else {
                Validity::Expired
            });
            Field::Validity
        }
        Label::Validity => match Validity::from_zh(value) {
            Some(v) => {
                meta.validity = Some(v);
                Field::Validity
            }
            None => return false,
        },
        Label::DocNumber => match docnumber::parse_line(value) {
            Some(found) => {
                meta.doc_number = Some(found.text);
                Field::DocNumber
            }
            None => return false,
        },
        // 其他 labels, a 生成日期 after a 发布日期, a 分类 outside a real metadata block; the
        // text and date labels were stored above.
        _ => return false,
    };
    rec.detected(field, line, raw, value);
    true
}

/// The pairs on a line that starts with a label, in order; `None` if it does not.
fn pairs(text: &str) -> Option<Vec<Pair>> {
    if text.chars().count() > MAX_LINE_CHARS {
        return None;
    }
    let start = text.trim_start_matches(|c: char| is_space(c) || "•·●○▪■-*>|｜".contains(c));
    let mut found: Vec<(usize, usize, Label)> = Vec::new();
    let mut i = 0;
    while i < start.len() {
        let rest = &start[i..];
        let hit = LABELS
            .iter()
            .find_map(|(name, label)| label_at(rest, name).map(|len| (len, *label)));
        match hit {
            Some((len, label)) => {
                found.push((i, i + len, label));
                i += len;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    match found.first() {
        Some(first) if first.0 == 0 => {}
        _ => return bare_labels(start),
    }
    let mut out = Vec::with_capacity(found.len());
    for (k, (_, end, label)) in found.iter().enumerate() {
        let value_end = found.get(k + 1).map_or(start.len(), |next| next.0);
        out.push(Pair {
            label: *label,
            value: start[*end..value_end]
                .trim_matches(|c: char| is_space(c) || c == '|' || c == '｜')
                .to_string(),
        });
    }
    Some(out)
}

/// A line of labels without colons, as portals lay out their metadata tables
/// (`索引号20191202-189769分类其他…`): two or more labels, the first at the start.
fn bare_labels(text: &str) -> Option<Vec<Pair>> {
    let mut found: Vec<(usize, usize, Label)> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        match LABELS.iter().find(|(name, _)| rest.starts_with(name)) {
            Some((name, label)) => {
                found.push((i, i + name.len(), *label));
                i += name.len();
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if found.len() < 2 || found[0].0 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(found.len());
    for (k, (_, end, label)) in found.iter().enumerate() {
        let value_end = found.get(k + 1).map_or(text.len(), |next| next.0);
        out.push(Pair {
            label: *label,
            value: text[*end..value_end].trim_matches(is_space).to_string(),
        });
    }
    Some(out)
}

/// The length of `name` written as a label at the start of `rest`: `索引号：`, `索引号:`,
/// `【索引号】`, `[索引号]`, or `索引号` then a tab.
fn label_at(rest: &str, name: &str) -> Option<usize> {
    for (open, close) in [("【", "】"), ("[", "]"), ("［", "］")] {
        if let Some(after) = rest.strip_prefix(open).and_then(|r| r.strip_prefix(name)) {
            if let Some(tail) = after.strip_prefix(close) {
                let colon = colon_len(tail);
                return Some(rest.len() - tail.len() + colon);
            }
        }
    }
    let after = rest.strip_prefix(name)?;
    let gap = after.len() - after.trim_start_matches(is_space).len();
    let tail = &after[gap..];
    // A table row pasted as `| 索引号 | 6207…|`: the bar separates label and value.
    let colon = match tail.chars().next() {
        Some(c @ ('|' | '｜')) => c.len_utf8(),
        _ => colon_len(tail),
    };
    if colon > 0 {
        return Some(rest.len() - tail.len() + colon);
    }
    after
        .starts_with('\t')
        .then(|| rest.len() - after.len() + 1)
}

fn colon_len(s: &str) -> usize {
    if s.starts_with('：') {
        '：'.len_utf8()
    } else if s.starts_with(':') {
        1
    } else {
        0
    }
}

/// A line that starts with an ISO date and time and holds at most a short source after it.
fn iso_date_line(text: &str) -> Option<NaiveDate> {
    let head: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let rest =
        text[head.len()..].trim_start_matches(|c: char| c.is_ascii_digit() || ": ".contains(c));
    (head.len() == 10 && rest.chars().count() <= 16 && crate::cleanup::is_page_meta(text))
        .then(|| parse_date(&head))
        .flatten()
}

/// `2020-03-30`, `2020/3/30`, `2020.3.30`, `2020年3月30日`, with a time after it ignored.
pub(crate) fn parse_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    let first = v.split(' ').next().unwrap_or(v);
    if let Some(d) = dates::date_of(first) {
        return Some(d);
    }
    // `2018年03月27`: a portal that drops the 日.
    if first.contains('月') && !first.ends_with('日') {
        if let Some(d) = dates::date_of(&format!("{first}日")) {
            return Some(d);
        }
    }
    // `2011- 09- 01 14: 58`: spaces inside the date are the page's, not the date's.
    let mut parts: Vec<String> = vec![String::new()];
    for c in v.chars() {
        match c {
            '0'..='9' if parts.len() <= 3 => {
                let n = parts.len();
                let last = parts.last_mut()?;
                if n == 3 && last.len() == 2 {
                    break;
                }
                last.push(c);
            }
            '-' | '/' | '.' if parts.len() < 3 => parts.push(String::new()),
            ' ' => {}
            _ => break,
        }
    }
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || m.is_empty() || d.is_empty() {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DocumentKind;

    fn run(lines: &[&str]) -> (Metadata, Vec<String>) {
        let blocks: Vec<Block> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| Block::new(*l, i + 1, true, Hint::Plain))
            .collect();
        let n = blocks.len();
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let (meta, rest) = take(blocks, n, n, &mut rec);
        (meta, rest.into_iter().map(|b| b.text).collect())
    }

    #[test]
    fn bullets_pairs_brackets_and_split_labels() {
        let (meta, rest) = run(&[
            "• 索引号： 008282882/2025-00273",
            "发文机关：山西省人民政府 成文日期：2025年01月09日",
            "【发布文号】浙政发[2009]69号",
            "【时效性】现行有效",
            "发布日期：",
            "2025-01-10",
            "体裁分类：通知",
            "山西省人民政府关于X的通知",
        ]);
        assert_eq!(meta.index_number.as_deref(), Some("008282882/2025-00273"));
        assert_eq!(meta.authority.as_deref(), Some("山西省人民政府"));
        assert_eq!(meta.written_on, NaiveDate::from_ymd_opt(2025, 1, 9));
        assert_eq!(meta.doc_number.as_deref(), Some("浙政发〔2009〕69号"));
        assert_eq!(meta.validity, Some(Validity::Valid));
        assert_eq!(meta.published_on, NaiveDate::from_ymd_opt(2025, 1, 10));
        assert_eq!(rest, ["山西省人民政府关于X的通知"]);
    }

    #[test]
    fn body_lines_that_mention_labels_stay() {
        let (_, rest) = run(&["标题要简明。", "根据索引号规则：编制目录。"]);
        assert_eq!(rest.len(), 2);
        assert_eq!(
            parse_date("2020/3/30 10:00"),
            NaiveDate::from_ymd_opt(2020, 3, 30)
        );
        assert_eq!(
            parse_date("2011- 09- 01 14: 58: 15"),
            NaiveDate::from_ymd_opt(2011, 9, 1)
        );
    }
}
