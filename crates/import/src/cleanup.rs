//! Cleanup of pasted web text: blank lines, breadcrumbs, page furniture before and after the
//! text, page numbers. Only lines recognised as site furniture are removed, each one reported.

use crate::block::Block;
use crate::cjk::{ends_sentence, is_space};
use crate::headings::starts_heading;
use crate::normalize::normalize;
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
];

/// Prefixes of web page metadata lines (发布时间：…, 来源：…, 责任编辑：…).
const PAGE_META: &[&str] = &[
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

/// Normalizes every block, drops blank lines and removes site furniture, reporting each step.
pub(crate) fn clean(blocks: Vec<Block>, rec: &mut Recorder) -> Vec<Block> {
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
    let leading_end = kept
        .iter()
        .position(|b| looks_like_body(&b.text))
        .unwrap_or(kept.len());
    let mut out = Vec::with_capacity(kept.len());
    for (i, block) in kept.into_iter().enumerate() {
        let reason = if i >= leading_end {
            None
        } else if is_breadcrumb(&block.text) {
            Some(RemovalReason::Breadcrumb)
        } else if is_furniture(&block.raw) || is_page_meta(&block.text) {
            Some(RemovalReason::SiteFurniture)
        } else {
            None
        };
        match reason {
            Some(r) => rec.removed(block.line, &block.raw, r),
            None => out.push(block),
        }
    }
    while let Some(last) = out.last() {
        if !(is_furniture(&last.raw) || is_page_meta(&last.text)) {
            break;
        }
        if let Some(b) = out.pop() {
            rec.removed(b.line, &b.raw, RemovalReason::SiteFurniture);
        }
    }
    for block in &out {
        for (kind, n) in &block.changes {
            rec.normalized(*kind, block.line, *n);
        }
    }
    out
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
pub(crate) fn is_page_meta(text: &str) -> bool {
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
        let out = clean(lines(text), &mut rec);
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
