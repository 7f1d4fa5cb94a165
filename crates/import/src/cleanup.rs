//! Cleanup of pasted web text: blank lines, breadcrumbs, page furniture before and after the
//! text, page numbers. Only lines recognised as site furniture are removed, each one reported.

use crate::block::Block;
use crate::cjk::{ends_sentence, is_space};
use crate::headings::starts_heading;
use crate::normalize::normalize;
use crate::portal::{self, Metadata};
use crate::recorder::Recorder;
use crate::report::{NormalizationKind, RemovalReason};

/// Words that make up site furniture lines (相关文档 最新文档, 【打印本页】【关闭窗口】, …).
const FURNITURE_WORDS: &[&str] = &[
    "相关主题",
    "文本预览",
    "相关文档",
    "最新文档",
    "相关文章",
    "相关阅读",
    "相关链接",
    "相关推荐",
    "相关资讯",
    "相关新闻",
    "相关文件",
    "热门文档",
    "推荐文档",
    "热门推荐",
    "猜你喜欢",
    "你可能喜欢",
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "上一页",
    "下一页",
    "返回顶部",
    "回到顶部",
    "打印本页",
    "打印此页",
    "打印",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "分享到",
    "分享",
    "收藏",
    "收藏本页",
    "扫一扫",
    "扫一扫在手机打开当前页",
    "在手机上打开",
    "手机版",
    "字号",
    "字体",
    "大",
    "中",
    "小",
    "默认",
    "下载文档",
    "下载",
    "全文下载",
    "阅读全文",
    "展开全文",
    "免费下载",
    "立即下载",
    "文档之家",
    "百度文库",
    "网友评论",
    "我要评论",
    "评论",
    "登录",
    "注册",
    "首页",
    "返回首页",
    "返回",
    "微信",
    "微博",
    "QQ空间",
    "打印正文",
    "纠错",
    "我要纠错",
    "浏览",
    "显示全文",
    "跳至内容",
    "跳至內容",
    "跳转到主要内容",
    "简体版",
    "繁體版",
    "简体",
    "繁体",
    "繁體",
    "信息无障碍",
    "无障碍",
    "無障礙",
    "长者模式",
    "English",
    "网站导航",
    "网站地图",
    "联系我们",
    "智能问答",
    "搜索",
    "政务服务",
    "政务公开",
    "互动交流",
    "索引",
    "【大",
    "正文",
    "字体：",
    "A+",
    "A-",
    "A",
    "视力保护色",
    "热门评论",
    "新闻中心",
    "Share",
    "to",
    "全部评论",
    "取消发送",
    "文章价值",
    "字體",
    "分享到",
    "Share to",
    "浏览量",
    "热度",
    "下载地址",
    "点击此处下载",
    "发文机构",
    "原文地址",
    "核心提示",
    "X",
    "收藏本文",
    "打印文章",
    "我要打印",
];

/// Markers of a copyright or registration line at the foot of a page.
const COPYRIGHT: &[&str] = &[
    "版权所有",
    "违法和不良信息",
    "举报电话",
    "互联网新闻信息服务许可证",
    "服务邮箱",
    "广告声明",
    "保存海报",
    "评论正在路上",
    "仅显示热门评论",
    "旗下人气应用",
    "All Rights Reserved",
    "Copyright",
    "copyright",
    "©",
    "ICP备",
    "ICP证",
    "公网安备",
    "网站标识码",
    "主办单位：",
    "主办：",
    "承办单位：",
    "技术支持：",
    "未经授权",
    "转载请注明",
    "免责声明",
];

/// Headings of the list of other articles a news page shows after the text: the list itself
/// follows, so everything from such a line on is junk.
const RECOMMENDED: &[&str] = &[
    "推荐内容",
    "相关推荐",
    "推荐阅读",
    "相关新闻",
    "延伸阅读",
    "热点推荐",
    "热点新闻",
    "相关文章",
    "更多新闻",
    "精彩推荐",
    "猜你喜欢",
    "相关稿件",
];

/// News agencies and papers whose lead (`新华社北京1月16日电`) opens a repost.
const NEWS_SOURCES: &[&str] = &[
    "新华社",
    "中新网",
    "中新社",
    "中国新闻网",
    "人民网",
    "新华网",
    "央视网",
    "央广网",
    "本报讯",
    "本网讯",
    "光明网",
    "中国网",
    "新華社",
    "中新網",
    "新京报",
    "澎湃新闻",
    "界面新闻",
    "中国政府网",
];

/// Labels of a news page's summary lines above the text.
const SUMMARY_LABELS: &[&str] = &["核心提示", "原标题", "简介", "导读", "内容提要", "编者按"];

/// Prefixes of web page metadata lines (发布时间：…, 来源：…, 责任编辑：…).
const PAGE_META: &[&str] = &[
    "时间",
    "日期",
    "分类",
    "作者",
    "发布者",
    "浏览",
    "发布时间",
    "发布日期",
    "发文时间",
    "来源",
    "信息来源",
    "文章来源",
    "浏览次数",
    "阅读次数",
    "点击次数",
    "点击数",
    "访问量",
    "责任编辑",
    "编辑",
    "作者",
    "记者",
    "责编",
    "审核",
    "校对",
    "字号",
    "阅读量",
    "上一篇",
    "下一篇",
    "分享到",
];

/// Prefixes of breadcrumb lines.
const BREADCRUMB: &[&str] = &[
    "当前位置",
    "您现在的位置",
    "您的位置",
    "你的位置",
    "你现在的位置",
    "现在位置",
    "所在位置",
    "您当前的位置",
    "当前所在位置",
];

/// How many lines from the top a news lead may stand.
const TOP_LINES: usize = 12;

/// Normalizes every block, drops blank lines, takes the portal metadata into `metadata`, and
/// removes site furniture, news leads, credits, copyright lines and the lines the user marked
/// (`user_junk`), reporting each step.
pub(crate) fn clean(
    blocks: Vec<Block>,
    user_junk: &[usize],
    metadata: &mut Metadata,
    rec: &mut Recorder,
) -> Vec<Block> {
    let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
    for mut block in blocks {
        normalize(&mut block);
        if block.text.is_empty() {
            rec.normalized(NormalizationKind::BlankLines, block.line, 1);
        } else if is_page_number(&block.text) {
            rec.removed(block.line, &block.raw, RemovalReason::PageNumber);
        } else {
            kept.push(block);
        }
    }
    let kept = drop_email_placeholders(kept, rec);
    let kept = drop_recommended(kept, rec);
    let kept = first_of_several(kept, rec);
    let kept = drop_footer_after_date(kept, rec);
    let kept = drop_contents(kept, rec);
    let leading_end = kept
        .iter()
        .position(|b| {
            looks_like_body(&b.text)
                && news_lead(&b.text).is_none()
                && !portal::is_metadata_line(&b.text)
        })
        .unwrap_or(kept.len());
    let trailing_start = kept
        .iter()
        .rposition(|b| trailing_junk(b).is_none() && !portal::is_metadata_line(&b.text))
        .map_or(0, |i| i + 1);
    let (meta, kept) = portal::take(kept, leading_end, trailing_start.saturating_sub(1), rec);
    *metadata = meta;
    let mut out = Vec::with_capacity(kept.len());
    let top = kept.len().min(TOP_LINES);
    for (i, block) in kept.into_iter().enumerate() {
        let lead = (i < top).then(|| news_lead(&block.text)).flatten();
        let reason = if user_junk.contains(&block.line) {
            Some(RemovalReason::MarkedByUser)
        } else if lead.is_some() {
            if metadata.lead_title.is_none() {
                metadata.lead_title = title_in_lead(&block.text);
            }
            lead
        } else if i >= leading_end {
            None
        } else if is_breadcrumb(&block.text) {
            Some(RemovalReason::Breadcrumb)
        } else if is_furniture(&block.raw) || is_page_meta(&block.text) {
            Some(if is_credit(&block.text) {
                RemovalReason::EditorCredit
            } else {
                RemovalReason::SiteFurniture
            })
        } else if is_copyright(&block.text) {
            Some(RemovalReason::Copyright)
        } else {
            None
        };
        match reason {
            Some(r) => rec.removed(block.line, &block.raw, r),
            None => out.push(block),
        }
    }
    while let Some(reason) = out.last().and_then(trailing_junk) {
        if let Some(b) = out.pop() {
            rec.removed(b.line, &b.raw, reason);
        }
    }
    for block in &out {
        for (kind, n) in &block.changes {
            rec.normalized(*kind, block.line, *n);
        }
    }
    out
}

/// Why a line at the foot of the text is junk, if it is.
fn trailing_junk(block: &Block) -> Option<RemovalReason> {
    let t = &block.text;
    let han = t.chars().filter(|c| crate::cjk::is_han(*c)).count();
    if (t.contains("http://") || t.contains("https://")) && han <= 20 {
        return Some(RemovalReason::SiteFurniture);
    }
    // `image.png`: the file name a page shows for a picture it could not copy.
    let lower = t.to_ascii_lowercase();
    let image = [".png", ".jpg", ".jpeg", ".gif", ".webp"]
        .iter()
        .any(|e| lower.ends_with(e));
    if image && !t.contains(char::is_whitespace) && t.chars().count() <= 60 && han <= 8 {
        return Some(RemovalReason::SiteFurniture);
    }
    if is_credit(&block.text) {
        Some(RemovalReason::EditorCredit)
    } else if is_furniture(&block.raw) || is_page_meta(&block.text) {
        Some(RemovalReason::SiteFurniture)
    } else if is_copyright(&block.text) {
        Some(RemovalReason::Copyright)
    } else {
        None
    }
}

/// What a site's e-mail protection leaves where an address was.
const EMAIL_PLACEHOLDER: &str = "[email protected]";

/// Removes the e-mail protection's placeholder from every line (the address itself is lost).
fn drop_email_placeholders(blocks: Vec<Block>, rec: &mut Recorder) -> Vec<Block> {
    blocks
        .into_iter()
        .filter_map(|mut b| {
            if !b.text.contains(EMAIL_PLACEHOLDER) {
                return Some(b);
            }
            rec.removed(b.line, EMAIL_PLACEHOLDER, RemovalReason::SiteFurniture);
            b.text = b.text.replace(EMAIL_PLACEHOLDER, "").trim().to_string();
            (!b.text.is_empty()).then_some(b)
        })
        .collect()
}

/// A page that collects several documents (`第一篇：…`, `第二篇`): the first one is read, the
/// labels and the other documents are removed.
fn first_of_several(mut blocks: Vec<Block>, rec: &mut Recorder) -> Vec<Block> {
    let label = |t: &str| {
        let rest = t.strip_prefix('第').unwrap_or("");
        let n = rest
            .chars()
            .take_while(|c| crate::numerals::is_numeral_char(*c))
            .count();
        n > 0 && rest.chars().nth(n) == Some('篇') && t.chars().count() <= 60
    };
    let Some(first) = blocks.iter().take(TOP_LINES).position(|b| label(&b.text)) else {
        return blocks;
    };
    let second = (first + 1..blocks.len()).find(|i| label(&blocks[*i].text));
    if let Some(second) = second {
        for b in blocks.split_off(second) {
            rec.removed(b.line, &b.raw, RemovalReason::SiteFurniture);
        }
    }
    let b = blocks.remove(first);
    rec.removed(b.line, &b.raw, RemovalReason::SiteFurniture);
    blocks
}

/// A site's footer after the document: when the first line after the last 成文日期 (and its
/// 附注) is junk, so is everything from it to the end (comment boxes, app banners, 举报 lines).
fn drop_footer_after_date(mut blocks: Vec<Block>, rec: &mut Recorder) -> Vec<Block> {
    let from = blocks.len() * 2 / 5;
    let Some(date_at) = (from..blocks.len())
        .rev()
        .find(|i| crate::dates::date_of(&blocks[*i].text).is_some())
    else {
        return blocks;
    };
    let mut next = date_at + 1;
    while blocks
        .get(next)
        .is_some_and(|b| crate::signature::is_annotation(&b.text))
    {
        next += 1;
    }
    let starts_footer = blocks
        .get(next)
        .is_some_and(|b| trailing_junk(b).is_some() || news_lead(&b.text).is_some());
    if starts_footer {
        for b in blocks.split_off(next) {
            rec.removed(b.line, &b.raw, RemovalReason::SiteFurniture);
        }
    }
    blocks
}

/// How far from the top a regulation's 目录 may start.
const MAX_CONTENTS_AT: usize = 40;

/// A regulation's 目录: `目录` and the chapter lines up to the first chapter again. The
/// chapters themselves follow, so the list is removed (and reported).
fn drop_contents(mut blocks: Vec<Block>, rec: &mut Recorder) -> Vec<Block> {
    let is_label = |b: &Block| matches!(b.text.as_str(), "目录" | "目錄");
    let Some(at) = blocks.iter().take(MAX_CONTENTS_AT).position(is_label) else {
        return blocks;
    };
    let chapter = |b: &Block| {
        crate::headings::regulation(&b.text).is_some_and(|h| {
            matches!(
                h.level,
                jiedu_core::HeadingLevel::Chapter | jiedu_core::HeadingLevel::Division
            )
        })
    };
    let mut first = at + 1;
    while blocks.get(first).is_some_and(is_label) {
        first += 1;
    }
    let Some(first_text) = blocks
        .get(first)
        .filter(|b| chapter(b))
        .map(|b| b.text.clone())
    else {
        return blocks;
    };
    let mut end = first + 1;
    while blocks
        .get(end)
        .is_some_and(|b| chapter(b) && b.text != first_text)
    {
        end += 1;
    }
    let repeats = blocks.get(end).is_some_and(|b| b.text == first_text);
    if end - first < 2 || !repeats {
        return blocks;
    }
    let rest = blocks.split_off(end);
    for b in blocks.split_off(at) {
        rec.removed(b.line, &b.raw, RemovalReason::TableOfContents);
    }
    blocks.extend(rest);
    blocks
}

/// From a `相关推荐` line in the last part of the text to the end: a list of other articles.
fn drop_recommended(mut blocks: Vec<Block>, rec: &mut Recorder) -> Vec<Block> {
    let from = blocks.len() * 2 / 5;
    let Some(at) = (from..blocks.len()).find(|i| {
        let t = blocks[*i]
            .text
            .trim_matches(|c: char| "【】[]：:>》 ".contains(c));
        RECOMMENDED.iter().any(|r| t.starts_with(r)) && t.chars().count() <= 20
    }) else {
        return blocks;
    };
    for b in blocks.split_off(at) {
        rec.removed(b.line, &b.raw, RemovalReason::SiteFurniture);
    }
    blocks
}

/// A news agency's lead: `中新网1月16日电 据国务院网站消息，…全文如下：`, or a line that only
/// announces the full text. A lead that goes on into the document's own text is not one.
pub(crate) fn news_lead(text: &str) -> Option<RemovalReason> {
    let n = text.chars().count();
    let announces = [
        "全文如下",
        "全文如下：",
        "全文如下:",
        "全文如下。",
        "原文如下：",
    ]
    .iter()
    .any(|e| text.ends_with(e));
    let head: String = text.chars().take(30).collect();
    let dateline = head.contains("日电") || head.contains("日讯");
    let agency = NEWS_SOURCES.iter().any(|a| text.starts_with(a))
        || (text.starts_with('（') || text.starts_with('(')) && dateline;
    let summary = SUMMARY_LABELS.iter().any(|l| {
        text.strip_prefix(l)
            .is_some_and(|r| r.starts_with('：') || r.starts_with(':'))
    });
    let reports = agency && (dateline || head.contains("消息"));
    ((announces && n <= 200) || (reports && n <= 300) || (summary && n <= 300))
        .then_some(RemovalReason::NewsLead)
}

/// `新华社北京1月27日电国务院办公厅关于延长2020年春节假期的通知，全文如下：` → the title
/// the lead announces, when it names a document of a known kind.
fn title_in_lead(text: &str) -> Option<String> {
    let before = ["，全文如下", "全文如下"]
        .iter()
        .find_map(|e| text.find(e).map(|i| &text[..i]))?;
    let start = ["日电", "消息，", "公布", "印发", "发布"]
        .iter()
        .filter_map(|m| before.rfind(m).map(|i| i + m.len()))
        .max()
        .unwrap_or(0);
    let title = before[start..].trim_matches(['《', '》', '，', ' ']);
    (jiedu_core::DocType::from_title(title).is_some()
        && ["关于", "關於"].iter().any(|a| title.contains(a))
        && title.chars().count() <= 80)
        .then(|| title.to_string())
}

/// `责任编辑：张三`, `（编辑：李四）`, `【责任编辑：王五】`.
fn is_credit(text: &str) -> bool {
    let inner = text.trim_start_matches(['（', '(', '【', '[']);
    text.chars().count() <= 60
        && [
            "责任编辑",
            "编辑",
            "责编",
            "作者",
            "记者",
            "审核",
            "校对",
            "来源",
            "稿源",
            "信息来源",
        ]
        .iter()
        .any(|p| {
            inner
                .strip_prefix(p)
                .is_some_and(|r| r.starts_with('：') || r.starts_with(':'))
        })
}

/// A copyright, licence or registration line.
fn is_copyright(text: &str) -> bool {
    text.chars().count() <= 160 && COPYRIGHT.iter().any(|c| text.contains(c))
}

/// The first block of real text ends the region where breadcrumbs and page metadata may stand.
fn looks_like_body(text: &str) -> bool {
    starts_heading(text) || text.chars().count() > 60 || ends_sentence(text)
}

/// `当前位置：首页 › 政务公开 › …` or `首页 > 政务公开 > …`.
pub(crate) fn is_breadcrumb(text: &str) -> bool {
    if BREADCRUMB.iter().any(|p| text.starts_with(p)) {
        return true;
    }
    let arrows = ['>', '›', '»', '＞', '→', '〉'];
    (text.starts_with("首页") || text.starts_with("网站首页"))
        && text.chars().any(|c| arrows.contains(&c))
}

/// A short line made only of furniture words: `相关文档 最新文档`, `【打印本页】【关闭窗口】`.
/// Give it the line as written: normalization joins the words.
pub(crate) fn is_furniture(text: &str) -> bool {
    if text.chars().count() > 40 {
        return false;
    }
    let separators =
        |c: char| is_space(c) || "|｜丨/·•：:【】[]『』「」()（）<>《》-—_".contains(c);
    let words: Vec<&str> = text.split(separators).filter(|w| !w.is_empty()).collect();
    let substantial = words.len() >= 2 || words.iter().any(|w| w.chars().count() >= 2);
    substantial && words.iter().all(|w| FURNITURE_WORDS.contains(w))
}

/// `发布时间：2016-12-30 来源：国土资源部`: web page metadata, not policy text.
/// A page's date line (`2018-08-07 来源：教师司`, `2009-11-03`) counts too.
pub(crate) fn is_page_meta(text: &str) -> bool {
    let after_date = text.trim_start_matches(|c: char| c.is_ascii_digit() || "-/.: ".contains(c));
    let dated = after_date.len() < text.len() && text.len() - after_date.len() >= 8;
    if dated && text.contains('-') && (after_date.is_empty() || after_date.chars().count() <= 16) {
        // `2009-11-03`, `2023-01-05 10:00 区人民政府办公室`: a page's date and source.
        return true;
    }
    let text = if dated { after_date } else { text };
    text.chars().count() <= 80
        && PAGE_META.iter().any(|p| {
            text.strip_prefix(p)
                .is_some_and(|rest| rest.starts_with('：') || rest.starts_with(':'))
        })
}

/// `— 3 —`, `- 3 -`, `第 3 页`, `第3页 共5页`.
pub(crate) fn is_page_number(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !is_space(*c)).collect();
    let dashes = ['—', '–', '-', '－', '─'];
    let inner = compact.trim_matches(|c| dashes.contains(&c));
    if inner.len() < compact.len() && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
    {
        return compact.starts_with(dashes) && compact.ends_with(dashes);
    }
    let page = |s: &str| {
        s.strip_prefix('第')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    let total = |s: &str| {
        s.strip_prefix('共')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    match compact.find("共") {
        Some(i) if i > 0 => page(&compact[..i]) && total(&compact[i..]),
        _ => page(&compact),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::{lines, Hint};
    use crate::report::DocumentKind;

    #[test]
    fn furniture_is_recognised_only_when_every_word_is_furniture() {
        assert!(is_furniture("相关文档 最新文档"));
        assert!(is_furniture("【打印本页】【关闭窗口】"));
        assert!(is_furniture("字号：大 中 小"));
        assert!(!is_furniture("相关文档管理办法"));
        assert!(!is_furniture("中"));
        assert!(is_furniture("文本预览"));
    }

    #[test]
    fn breadcrumbs_meta_and_page_numbers() {
        assert!(is_breadcrumb(
            "当前位置：文档之家› 关于全面推进政务公开工作的实施意见"
        ));
        assert!(is_breadcrumb("首页 > 政务公开 > 政策文件"));
        assert!(!is_breadcrumb("首页设计要简洁"));
        assert!(is_page_meta("发布时间：2016-12-30 来源：国土资源部"));
        assert!(!is_page_meta("来源于群众"));
        for p in ["— 3 —", "- 12 -", "第3页", "第 3 页 共 5 页"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["3", "——", "第三页", "-3", "共5页"] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn junk_goes_only_at_the_edges_and_is_reported() {
        let text = "当前位置:首页\n\n标题\n\n正文第一段。\n\n相关文档\n\n正文第二段。\n\n相关主题\n文本预览\n";
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let out = clean(lines(text), &[], &mut Metadata::default(), &mut rec);
        let texts: Vec<&str> = out.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["标题", "正文第一段。", "相关文档", "正文第二段。"]);
        let report = rec.finish();
        let removed: Vec<&str> = report.removals.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(removed, ["当前位置:首页", "相关主题", "文本预览"]);
        assert_eq!(report.removals[0].line, 1);
        assert_eq!(report.normalizations[0].kind, NormalizationKind::BlankLines);
        assert!(out.iter().all(|b| b.hint == Hint::Plain));
    }
}
