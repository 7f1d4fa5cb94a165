//! The 版头 and the title block, read as a frame: first the line that ends the head (the
//! 主送机关's `…：`, or the first line of body text), then, above it, the 发文字号, 签发人, the
//! red 发文机关标志, 份号, 密级 and 紧急程度, and the title (one to four lines, joined). Anything
//! else above the title is a site's or a news item's headline, or a repeat of the title: both
//! are removed and reported.

use crate::block::{Block, Hint};
use crate::cjk::{ends_sentence, is_han, is_space};
use crate::dates;
use crate::docnumber::{self, FoundNumber};
use crate::headings::starts_structure;
use crate::recorder::Recorder;
use crate::report::{Field, RemovalReason};
use jiedu_core::gongwen::{ABOUT, FORWARDING_VERBS};
use jiedu_core::{DocType, Secrecy, SecrecyLevel, Urgency};

/// How many blocks from the top the head may span.
const MAX_FRONT_BLOCKS: usize = 16;
/// The longest title accepted, all its lines together.
const MAX_TITLE_CHARS: usize = 100;
/// How many lines a title may be broken into.
const MAX_TITLE_LINES: usize = 4;
/// The longest 主送机关 accepted.
const MAX_ADDRESSEE_CHARS: usize = 240;
/// Words an addressee is made of: at least one must appear.
const ORG_WORDS: &[&str] = &[
    "各",
    "政府",
    "委员会",
    "委",
    "部",
    "厅",
    "局",
    "办",
    "机构",
    "单位",
    "公司",
    "学校",
    "院",
    "会",
    "省",
    "市",
    "县",
    "区",
    "处",
    "室",
    "中心",
    "镇",
    "街道",
    "乡",
    "企业",
    "银行",
    "集团",
    "组织",
    "同志",
    "机关",
    "署",
    "党委",
    "党组",
    "大学",
    "团体",
    "州",
    "盟",
    "旗",
    "縣",
    "廳",
    "辦",
    "機構",
    "單位",
    "會",
];
/// Words that make a line ending in ： a sentence that announces, not an addressee.
const NOT_ADDRESSEE: &[&str] = &[
    "如下",
    "现将",
    "现就",
    "根据",
    "按照",
    "为了",
    "为进一步",
    "为贯彻",
    "为深入",
    "经研究",
    "特此",
    "具体",
    "包括",
    "主要",
    "附件",
    "抄送",
    "联系",
    "电话",
    "如下",
    "現將",
    "現就",
    "為",
];

/// What the head holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Front {
    /// The title, if one was found.
    pub title: Option<String>,
    /// The title's lines as written, spaces kept (`中共江西省委 江西省人民政府关于…`).
    pub title_raw: String,
    /// The 发文字号 and its line.
    pub doc_number: Option<(FoundNumber, usize)>,
    /// The 发文机关标志 as printed (`国土资源部文件`).
    pub issuer_mark: Option<String>,
    /// The authorities the 标志 names (`国土资源部`; several for a joint mark).
    pub mark_authorities: Vec<String>,
    /// 主送机关, without its ：.
    pub addressee: Option<String>,
    /// 签发人.
    pub sign_off_by: Vec<String>,
    /// The number of a 令 (`广西壮族自治区人民政府令 第116号`), which has no 〔〕 form.
    pub order_number: Option<String>,
    /// The page's own date, shown above the title: the 发布日期 when nothing else gives one.
    pub page_date: Option<chrono::NaiveDate>,
    /// 份号.
    pub copy_number: Option<String>,
    /// 密级.
    pub secrecy: Option<Secrecy>,
    /// 紧急程度.
    pub urgency: Option<Urgency>,
}

/// Lines the user said are the title.
#[derive(Debug, Default, Clone)]
pub(crate) struct TitleLines(pub Vec<usize>);

/// Takes the head off `blocks`, returning it and the remaining blocks.
pub(crate) fn take(
    blocks: Vec<Block>,
    forced: &TitleLines,
    rec: &mut Recorder,
) -> (Front, Vec<Block>) {
    let mut front = Front::default();
    let (end, addressee_at, anchored) = head_end(&blocks, forced);
    let mut blocks = blocks;
    let body = blocks.split_off(end);
    let mut head = blocks;
    if let Some(a) = addressee_at {
        let b = head.remove(a);
        let text = b.text.trim_end_matches(['：', ':']).to_string();
        rec.detected(Field::Addressee, b.line, &b.raw, &text);
        front.addressee = Some(text);
    }
    // The marks of the 版头: each line that is one is taken.
    let mut rest: Vec<Block> = Vec::with_capacity(head.len());
    for block in head {
        if !forced.0.contains(&block.line) {
            if take_mark(&block, &mut front, rec) {
                continue;
            }
            if crate::cleanup::is_page_meta(&block.text) || crate::cleanup::is_furniture(&block.raw)
            {
                rec.removed(block.line, &block.raw, RemovalReason::SiteFurniture);
                continue;
            }
        }
        rest.push(block);
    }
    let title_lines = title_run(&rest, forced);
    finish(front, rest, title_lines, body, anchored, rec)
}

/// Whether `text` (spaces removed) is one or several authorities' names run together.
fn is_authority_list(text: &str) -> bool {
    is_authority_name(text)
        || (text.chars().count() <= 60
            && text.chars().all(is_han)
            && AUTHORITY_ENDINGS.iter().any(|e| text.ends_with(e)))
}

/// The names on a line that holds nothing but authorities' names.
fn authority_line(block: &Block) -> Vec<String> {
    let names: Vec<String> = block
        .raw
        .split(|c: char| is_space(c) || c == '、')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if !names.is_empty() && names.iter().all(|n| is_authority_name(n)) {
        names
    } else {
        Vec::new()
    }
}

/// Takes the title lines out of `rest` and sorts what is left above the title (repeats,
/// headlines) from what stays text.
fn finish(
    mut front: Front,
    rest: Vec<Block>,
    title_lines: Vec<usize>,
    body: Vec<Block>,
    anchored: bool,
    rec: &mut Recorder,
) -> (Front, Vec<Block>) {
    let mut kept = Vec::new();
    let mut title_text = String::new();
    let mut title_raw = Vec::new();
    for (i, block) in rest.into_iter().enumerate() {
        if title_lines.contains(&i) {
            title_text.push_str(&block.text);
            title_raw.push((block.line, block.raw));
        } else {
            kept.push(block);
        }
    }
    if let Some((line, _)) = title_raw.first() {
        let raw: Vec<&str> = title_raw.iter().map(|(_, r)| r.as_str()).collect();
        // `…的通知（岳办发〔2017〕2号）`: the number written after the title.
        if let Some((title, number)) = trailing_number(&title_text) {
            if front.doc_number.is_none() {
                front.doc_number = Some((number, *line));
            }
            title_text = title;
        }
        // `《X条例》全文发布`: a news headline that names the document, when nothing better
        // stands there.
        if let Some(named) = named_in_headline(&title_text) {
            title_text = named;
        }
        rec.detected(Field::Title, *line, &raw.join("\n"), &title_text);
        front.title = Some(title_text.clone());
        front.title_raw = crate::normalize::without_pinyin(&raw.join(" "));
    }
    // Above the title: repeats of it and headlines; below it, before the addressee: text.
    let first_title_line = title_raw.first().map_or(usize::MAX, |(l, _)| *l);
    let mut text_before_body = Vec::new();
    for block in kept {
        let above = block.line < first_title_line;
        let names = authority_line(&block);
        if front.title.as_deref() == Some(block.text.as_str()) {
            rec.removed(block.line, &block.raw, RemovalReason::RepeatedTitle);
        } else if !names.is_empty() && front.mark_authorities.is_empty() {
            // `国防科学技术工业委员会` between copies of the title: the issuing authority.
            rec.detected(
                Field::IssuingAuthority,
                block.line,
                &block.raw,
                &names.join(" "),
            );
            front.mark_authorities = names;
        } else if let Some(date) = (above && front.page_date.is_none())
            .then(|| page_date(&block.text))
            .flatten()
        {
            // The page's date above the title (`2003年7月18日`, `2025-06-07 16:43`).
            rec.detected(
                Field::PublishedOn,
                block.line,
                &block.raw,
                &date.to_string(),
            );
            front.page_date = Some(date);
        } else if above && (anchored || (front.title.is_some() && is_headline(&block))) {
            let reason = if crate::cleanup::is_breadcrumb(&block.text) {
                RemovalReason::Breadcrumb
            } else {
                crate::cleanup::news_lead(&block.text).unwrap_or(RemovalReason::SiteHeadline)
            };
            rec.removed(block.line, &block.raw, reason);
        } else {
            text_before_body.push(block);
        }
    }
    text_before_body.extend(body);
    (front, text_before_body)
}

/// How far down a 主送机关 may anchor the head: past a web page's furniture and headlines.
const MAX_ANCHOR_BLOCKS: usize = 30;

/// Where the head ends: after the 主送机关 (returned too) or at the first line of body text;
/// and whether a 主送机关 with a title above it anchors the head, so that everything above the
/// title is the web page's and not the document's.
fn head_end(blocks: &[Block], forced: &TitleLines) -> (usize, Option<usize>, bool) {
    let last_forced = blocks
        .iter()
        .rposition(|b| forced.0.contains(&b.line))
        .filter(|i| *i < MAX_ANCHOR_BLOCKS);
    let from = last_forced.map_or(0, |f| f + 1);
    if let Some(a) = anchor(blocks, from) {
        return (a + 1, Some(a), true);
    }
    let limit = blocks.len().min(MAX_FRONT_BLOCKS.max(from + 1));
    for (i, block) in blocks.iter().enumerate().take(limit).skip(from) {
        if is_addressee(block) {
            return (i + 1, Some(i), false);
        }
        if is_body(block) {
            return (i, None, false);
        }
    }
    (from.max(title_only_head(blocks, limit)), None, false)
}

/// The first 主送机关 within reach that has a title above it, with only 版头 marks between; or,
/// failing that, one with no numbered unit above it: a document's body never comes before its
/// 主送机关, so what stands above it is the page's (a news repost that dropped the title).
fn anchor(blocks: &[Block], from: usize) -> Option<usize> {
    let limit = blocks.len().min(MAX_ANCHOR_BLOCKS);
    let titled = (from..limit).find(|i| {
        is_addressee(&blocks[*i])
            && blocks[i.saturating_sub(6).max(from)..*i]
                .iter()
                .rev()
                .find(|b| !is_mark_line(b))
                .is_some_and(|b| is_title_candidate(b) || forced_title(b, from, blocks))
    });
    titled.or_else(|| {
        (from..limit)
            .find(|i| is_addressee(&blocks[*i]))
            .filter(|i| {
                let above = &blocks[from..*i];
                above.iter().all(|b| !starts_structure(&b.text))
                    && above
                        .iter()
                        .any(|b| crate::cleanup::news_lead(&b.text).is_some() || is_body(b))
            })
    })
}

fn forced_title(block: &Block, from: usize, blocks: &[Block]) -> bool {
    from > 0 && blocks.get(from - 1).is_some_and(|f| f.line == block.line)
}

/// A 版头 line that may stand between the title and the 主送机关: a 发文字号, 签发人, a page's
/// metadata line.
fn is_mark_line(b: &Block) -> bool {
    let t = b.text.as_str();
    docnumber::parse_line(t).is_some()
        || docnumber::parse_order_line(t).is_some()
        || t.starts_with("签发人")
        || crate::cleanup::is_page_meta(t)
        || (is_bracketed(t) && t.chars().count() <= 60)
        || is_label_line(t)
}

/// `类别：C类`: a short `label：value` line of a page or a letter's header, not a title.
fn is_label_line(t: &str) -> bool {
    let Some((label, value)) = t.split_once(['：', ':']) else {
        return false;
    };
    let n = label.chars().count();
    (2..=6).contains(&n)
        && label.chars().all(is_han)
        && value.chars().count() <= 24
        && !value.contains('。')
}

/// When no line in reach is body text or an addressee, the head is the title candidates at the
/// top (a short document, or one whose every line is short).
fn title_only_head(blocks: &[Block], limit: usize) -> usize {
    blocks
        .iter()
        .take(limit)
        .position(|b| !is_title_candidate(b) && docnumber::parse_line(&b.text).is_none())
        .unwrap_or(limit.min(1))
}

/// A line of body text: a heading, an article, a sentence of some length, or a long line.
fn is_body(block: &Block) -> bool {
    let t = &block.text;
    let n = t.chars().count();
    block.hint == Hint::TableRow
        || starts_structure(t)
        || n > MAX_TITLE_CHARS
        || (ends_sentence(t) && n > 20 && !t.ends_with(['：', ':']))
        || (t.contains(['，', '。']) && n > 40)
}

/// `各省、自治区、直辖市人民政府，国务院各部委、各直属机构：`.
pub(crate) fn is_addressee(block: &Block) -> bool {
    let t = &block.text;
    let Some(body) = t.strip_suffix('：').or_else(|| t.strip_suffix(':')) else {
        return false;
    };
    let n = body.chars().count();
    block.hint != Hint::TableRow
        && (2..=MAX_ADDRESSEE_CHARS).contains(&n)
        && !body.contains(['。', '：', ':', '；', '？', '！'])
        && !starts_structure(body)
        && ORG_WORDS.iter().any(|w| body.contains(w))
        && !NOT_ADDRESSEE.iter().any(|w| body.contains(w))
        && docnumber::parse_line(body).is_none()
        && !crate::portal::is_metadata_line(t)
}

/// Takes a 版头 mark off `block` into `front`; `false` if the line is none.
fn take_mark(block: &Block, front: &mut Front, rec: &mut Recorder) -> bool {
    let t = block.text.as_str();
    if front.doc_number.is_none() {
        // `（皖政[2001]85號）` under the title: the number in brackets.
        let t = if is_bracketed(t) {
            t.trim_start_matches(['（', '('])
                .trim_end_matches(['）', ')'])
        } else {
            t
        };
        // `国发〔2020〕6号  签发人：张三`: the number and the 签发人 on one line.
        let (number_part, signer_part) = match t.find("签发人") {
            Some(i) if i > 0 => (&t[..i], Some(&t[i..])),
            _ => (t, None),
        };
        if let Some(found) = docnumber::parse_line(number_part) {
            rec.detected(Field::DocNumber, block.line, &block.raw, &found.text);
            front.doc_number = Some((found, block.line));
            if let Some(s) = signer_part {
                take_sign_off(s, block, front, rec);
            }
            return true;
        }
    }
    if t.starts_with("签发人") || t.starts_with("簽發人") {
        take_sign_off(t, block, front, rec);
        return true;
    }
    if front.issuer_mark.is_none() && front.title.is_none() {
        if let Some(names) = red_header(block) {
            rec.detected(Field::IssuerMark, block.line, &block.raw, &block.text);
            front.issuer_mark = Some(block.text.clone());
            front.mark_authorities = names;
            return true;
        }
    }
    if front.copy_number.is_none() && t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) {
        rec.detected(Field::CopyNumber, block.line, &block.raw, t);
        front.copy_number = Some(t.to_string());
        return true;
    }
    if front.doc_number.is_none() {
        if let Some(order) = docnumber::parse_order_line(t) {
            rec.detected(Field::DocNumber, block.line, &block.raw, &order);
            front.order_number = Some(order);
            return true;
        }
    }
    if let Some(secrecy) = secrecy(t) {
        rec.detected(Field::Secrecy, block.line, &block.raw, t);
        front.secrecy = Some(secrecy);
        return true;
    }
    let compact: String = t.chars().filter(|c| !is_space(*c)).collect();
    if let Some(u) = Urgency::from_zh(&compact) {
        rec.detected(Field::Urgency, block.line, &block.raw, &compact);
        front.urgency = Some(u);
        return true;
    }
    false
}

fn take_sign_off(text: &str, block: &Block, front: &mut Front, rec: &mut Recorder) {
    let names = text
        .trim_start_matches("签发人")
        .trim_start_matches("簽發人")
        .trim_start_matches(['：', ':']);
    let raw_names = block.raw.split_once(['：', ':']).map_or(names, |(_, r)| r);
    let list: Vec<String> = raw_names
        .split(|c: char| is_space(c) || c == '、' || c == '，')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    rec.detected(Field::SignOffBy, block.line, &block.raw, &list.join("、"));
    front.sign_off_by = list;
}

/// The endings of an authority's name.
pub(crate) const AUTHORITY_ENDINGS: &[&str] = &[
    "人民政府",
    "政府",
    "办公厅",
    "办公室",
    "委员会",
    "部",
    "局",
    "厅",
    "署",
    "院",
    "委",
    "总局",
    "人民政府辦公廳",
    "辦公廳",
    "辦公室",
    "委員會",
    "廳",
];

/// A line that is nothing but an authority's name (`国务院办公厅`), as the 标志 of a 信函 or
/// a joint signature line.
pub(crate) fn is_authority_name(t: &str) -> bool {
    let n = t.chars().count();
    (3..=25).contains(&n)
        && t.chars().all(is_han)
        && AUTHORITY_ENDINGS.iter().any(|e| t.ends_with(e))
        && !t.contains("关于")
        && !t.contains("關於")
        && DocType::from_title(t).is_none()
}

/// `机密★1年`, `秘密`, `绝密★启用前`.
fn secrecy(t: &str) -> Option<Secrecy> {
    let compact: String = t.chars().filter(|c| !is_space(*c)).collect();
    let (level, term) = match compact.split_once('★') {
        Some((l, term)) => (l, term),
        None => (compact.as_str(), ""),
    };
    let level = SecrecyLevel::from_zh(level)?;
    (term.chars().count() <= 8).then(|| Secrecy {
        level,
        term: term.to_string(),
    })
}

/// `国土资源部文件` → [国土资源部]; `国家发展改革委 财政部文件` → both.
fn red_header(block: &Block) -> Option<Vec<String>> {
    let name = block.text.strip_suffix("文件")?;
    let n = name.chars().count();
    if !((2..=60).contains(&n) && name.chars().all(is_han) && block.hint == Hint::Plain) {
        return None;
    }
    let raw = block.raw.trim().strip_suffix("文件").unwrap_or(name);
    let names: Vec<String> = raw
        .split(|c: char| is_space(c) || c == '、')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some(if names.is_empty() {
        vec![name.to_string()]
    } else {
        names
    })
}

/// Which lines of `head` form the title: the user's choice, else the last run of title
/// candidates, joined backwards while a line continues the next.
fn title_run(head: &[Block], forced: &TitleLines) -> Vec<usize> {
    if !forced.0.is_empty() {
        return (0..head.len())
            .filter(|i| forced.0.contains(&head[*i].line))
            .collect();
    }
    let Some(last) = head.iter().rposition(is_title_candidate) else {
        return Vec::new();
    };
    // A bracketed line after the title (题注) or a date is not part of it.
    let mut run = vec![last];
    let mut text = head[last].text.clone();
    let mut i = last;
    while i > 0 && run.len() < MAX_TITLE_LINES {
        let prev = &head[i - 1];
        if !is_title_candidate(prev)
            || text.chars().count() + prev.text.chars().count() > MAX_TITLE_CHARS
            || !continues(&prev.text, &text)
        {
            break;
        }
        text = format!("{}{text}", prev.text);
        i -= 1;
        run.insert(0, i);
    }
    // Half a sentence (`为贯彻落实《关于…的`) is not a title.
    if open_pair(&text) {
        return Vec::new();
    }
    // A page that repeats its title: the first copy is the title, the others are repeats.
    if let [only] = run.as_slice() {
        if let Some(first) = head[..*only]
            .iter()
            .position(|b| b.text == head[*only].text)
        {
            return vec![first];
        }
    }
    // `title / authority / title` (a law library's page): the first copy is the title, and the
    // authority's line is the authority, not the start of a two-line title.
    if let [authority, second] = run.as_slice() {
        if !authority_line(&head[*authority]).is_empty() {
            if let Some(first) = head[..*authority]
                .iter()
                .position(|b| b.text == head[*second].text)
            {
                return vec![first];
            }
        }
    }
    run
}

/// Whether `prev` is the first part of a title whose rest is `next`.
fn continues(prev: &str, next: &str) -> bool {
    if prev == next || DocType::from_title(prev).is_some() && !open_pair(prev) {
        return false;
    }
    let joined = format!("{prev}{next}");
    let about = |s: &str| ABOUT.iter().any(|a| s.contains(a));
    let acts = ABOUT
        .iter()
        .chain(FORWARDING_VERBS.iter())
        .any(|a| next.starts_with(a));
    let verbs = [
        "实施", "實施", "贯彻", "貫徹", "落实", "落實", "执行", "執行",
    ];
    open_pair(prev)
        || (acts && !about(prev) && is_authority_list(prev))
        // `安徽省人民政府关于实施` / `《国务院关于…的决定》的意见`.
        || (about(prev) && next.starts_with('《'))
        || (about(prev) && verbs.iter().any(|v| prev.ends_with(v)))
        || (about(&joined) && !about(next) && about(prev))
        || FORWARDING_VERBS
            .iter()
            .any(|v| prev.ends_with(v))
        || (next.chars().count() <= 14
            && DocType::from_title(next).is_some()
            && !about(next)
            && prev
                .chars()
                .last()
                .is_some_and(|c| is_han(c) && !"号篇令".contains(c)))
        || prev.ends_with(['的', '和', '与', '及', '、', '于'])
        || next.starts_with(['的', '和', '与', '及', '、'])
}

/// `《北京市突发公共卫生事件应急条例》全文发布`: a line that does not end with a 文种 but
/// quotes a document that does → the quoted title.
fn named_in_headline(t: &str) -> Option<String> {
    if DocType::from_title(t).is_some() {
        return None;
    }
    let open = t.find('《')?;
    let close = t[open..].find('》')? + open;
    let name = &t[open + '《'.len_utf8()..close];
    (DocType::from_title(name).is_some() && name.chars().count() >= 6).then(|| name.to_string())
}

/// `X的通知（国发〔2020〕6号）` → (X的通知, the number).
fn trailing_number(title: &str) -> Option<(String, FoundNumber)> {
    let inner = title
        .strip_suffix('）')
        .or_else(|| title.strip_suffix(')'))?;
    let open = inner.rfind(['（', '('])?;
    let found = docnumber::parse_line(inner[open..].trim_start_matches(['（', '(']))?;
    let title = inner[..open].trim_end().to_string();
    (!title.is_empty()).then_some((title, found))
}

/// A line with an unclosed 《 or “.
pub(crate) fn open_pair(t: &str) -> bool {
    let count = |c: char| t.chars().filter(|x| *x == c).count();
    count('《') > count('》') || count('“') > count('”') || count('（') > count('）')
}

/// A line that can be (part of) a title: styled so, or short, not a heading, not a sentence,
/// not a date, with no clause punctuation. A paragraph styled as a heading, without a heading
/// number, is the title when it ends with a document type (`…的通知`).
pub(crate) fn is_title_candidate(block: &Block) -> bool {
    let t = &block.text;
    match block.hint {
        Hint::Title => true,
        Hint::TableRow => false,
        Hint::Heading(_) => {
            !starts_structure(t)
                && t.chars().count() <= MAX_TITLE_CHARS
                && DocType::from_title(t).is_some()
        }
        Hint::Plain => {
            t.chars().count() <= 80
                && t.chars().filter(|c| is_han(*c)).count() >= 2
                && !starts_structure(t)
                && !ends_sentence(t)
                && !t.contains(['，', '。', '；', '！', '？', ',', '★', '|', '｜', '>', '›'])
                && dates::parse_line(t).is_none()
                && docnumber::parse_line(t).is_none()
                && !is_bracketed(t)
                && !crate::portal::is_metadata_line(t)
                && !crate::cleanup::is_page_meta(t)
                && !is_label_line(t)
                && !number_fragment(t)
                && !starts_with_date(t)
                && docnumber::parse_order_line(t).is_none()
        }
    }
}

/// A line that is only a date, Chinese or ISO with a time after it.
fn page_date(t: &str) -> Option<chrono::NaiveDate> {
    if let Some(d) = dates::date_of(t) {
        return Some(d);
    }
    let head: String = t.chars().take(10).collect();
    let rest = t[head.len()..].trim_matches(|c: char| c.is_ascii_digit() || ": ".contains(c));
    (starts_with_date(t) && rest.is_empty())
        .then(|| crate::portal::parse_date(&head))
        .flatten()
}

/// `牟政办发〔201746`: what is left of a damaged 发文字号, not a title.
fn number_fragment(t: &str) -> bool {
    let Some(open) = t.find(['〔', '[', '［']) else {
        return false;
    };
    let after = &t[open..];
    let digits = after
        .chars()
        .skip(1)
        .take_while(char::is_ascii_digit)
        .count();
    digits >= 4 && DocType::from_title(t).is_none() && !ABOUT.iter().any(|a| t.contains(a))
}

/// `2018-08-07 来源：…`: a web page's date line.
fn starts_with_date(t: &str) -> bool {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits == 4
        && t.chars().nth(4).is_some_and(|c| "-/.年".contains(c))
        && t.chars().nth(5).is_some_and(|c| c.is_ascii_digit())
}

/// A line wholly in brackets: a 题注 such as `（2019年4月3日国务院令第711号修订）`.
fn is_bracketed(t: &str) -> bool {
    (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')'))
}

/// A short line above the title that is not a mark: a site's or a news item's headline.
fn is_headline(block: &Block) -> bool {
    block.hint != Hint::TableRow && block.text.chars().count() <= 80 && !is_body(block)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DocumentKind;

    fn blocks(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| Block::new(*l, i + 1, true, Hint::Plain))
            .collect()
    }

    fn run(lines: &[&str]) -> (Front, Vec<String>) {
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let (front, rest) = take(blocks(lines), &TitleLines::default(), &mut rec);
        (front, rest.into_iter().map(|b| b.text).collect())
    }

    #[test]
    fn title_repeated_counts_once() {
        let (front, rest) = run(&[
            "关于X的意见",
            "关于X的意见",
            "关于X的意见",
            "正文的第一句话写在这里，足够长了。",
        ]);
        assert_eq!(front.title.as_deref(), Some("关于X的意见"));
        assert_eq!(rest.len(), 1);
    }

    #[test]
    fn red_header_number_two_line_title_and_addressee() {
        let (front, rest) = run(&[
            "国土资源部文件",
            "国土资发[2016]141号",
            "国土资源部关于印发国土资源信息化",
            "“十三五”规划的通知",
            "各省、自治区：",
            "现将规划印发给你们，请认真贯彻执行。",
        ]);
        assert_eq!(front.mark_authorities, ["国土资源部"]);
        assert_eq!(
            front.doc_number.map(|(d, _)| d.text),
            Some("国土资发〔2016〕141号".to_string())
        );
        assert_eq!(
            front.title.as_deref(),
            Some("国土资源部关于印发国土资源信息化“十三五”规划的通知")
        );
        assert_eq!(front.addressee.as_deref(), Some("各省、自治区"));
        assert_eq!(rest.len(), 1);
    }

    #[test]
    fn a_headline_above_the_title_is_removed_and_the_number_may_follow_the_title() {
        let (front, rest) = run(&[
            "国务院印发《关于X的意见》",
            "国务院关于X的意见",
            "国发〔2020〕6号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "为了推进X，现提出以下意见。",
        ]);
        assert_eq!(front.title.as_deref(), Some("国务院关于X的意见"));
        assert!(front.doc_number.is_some());
        assert_eq!(rest, ["为了推进X，现提出以下意见。"]);
    }

    #[test]
    fn sign_off_secrecy_and_urgency() {
        let (front, _) = run(&[
            "000123",
            "机密★1年",
            "特急",
            "江苏省人民政府文件",
            "苏政发〔2024〕3号    签发人：张三  李四",
            "江苏省人民政府关于X的请示",
            "国务院：",
            "现将有关情况报告如下。",
        ]);
        assert_eq!(front.copy_number.as_deref(), Some("000123"));
        assert_eq!(front.secrecy.map(|s| s.term), Some("1年".to_string()));
        assert_eq!(front.urgency, Some(Urgency::VeryUrgent));
        assert_eq!(front.sign_off_by, ["张三", "李四"]);
        assert_eq!(front.addressee.as_deref(), Some("国务院"));
    }

    #[test]
    fn a_sentence_that_announces_is_not_an_addressee() {
        let b = Block::new("现就有关事项通知如下：", 1, true, Hint::Plain);
        assert!(!is_addressee(&b));
        let (front, rest) = run(&[
            "为贯彻落实《关于全面推进政务公开工作的",
            "意见》，制定本意见。",
        ]);
        assert_eq!(front.title, None);
        assert_eq!(rest.len(), 2);
    }
}
