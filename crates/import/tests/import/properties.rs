//! Properties over arbitrary input: nothing panics, and no Chinese character of the input is
//! lost without a report entry.

use crate::build::docx;
use jiedu_import::{import_bytes, import_docx, import_text, ImportResult, SourceFormat};
use proptest::prelude::*;
use std::collections::HashMap;

/// Han characters, the ones the invariant counts.
fn is_han(c: char) -> bool {
    matches!(c, '\u{3007}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

fn han_counts<'a>(texts: impl IntoIterator<Item = &'a str>) -> HashMap<char, usize> {
    let mut counts = HashMap::new();
    for t in texts {
        for c in t.chars().filter(|c| is_han(*c)) {
            *counts.entry(c).or_insert(0) += 1;
        }
    }
    counts
}

/// Every Han character of the input is in the policy, in a reported removal, or in a line the
/// report says was taken into a field (date, authority, number, attachment): the import may move
/// text, but never drops it silently.
fn assert_nothing_lost(input: &str, result: &ImportResult) {
    let p = &result.policy;
    let mut kept: Vec<&str> = vec![&p.title, &p.issuing_authority];
    kept.extend(p.doc_number.as_deref());
    kept.extend(p.body_text());
    kept.extend(p.sections.iter().map(|s| s.number.as_str()));
    kept.push(&p.addressee);
    kept.push(&p.annotation);
    for a in &p.attachments {
        kept.push(&a.title);
        kept.extend(a.paragraphs.iter().map(String::as_str));
        for s in &a.sections {
            kept.push(&s.number);
            kept.push(&s.heading);
            kept.extend(s.paragraphs.iter().map(String::as_str));
        }
    }
    kept.extend(result.report.removals.iter().map(|r| r.text.as_str()));
    kept.extend(result.report.detected.iter().map(|d| d.text.as_str()));
    let have = han_counts(kept);
    for (c, n) in han_counts([input]) {
        let got = have.get(&c).copied().unwrap_or(0);
        assert!(
            got >= n,
            "{c:?}: {n} in the input, {got} accounted for\ninput: {input:?}"
        );
    }
}

/// Lines built from the pieces the import reacts to, so that the detectors actually run.
fn policy_like_line() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一、",
        "（一）",
        "(二)",
        "1.",
        "2．",
        "（1）",
        "(3)",
        "附件",
        "附件：",
        "附件1",
        "国土资源部",
        "二〇一六年十二月三十日",
        "2016年2月30日",
        "国土资发[2016]141号",
        "（此件公开发布）",
        "当前位置:",
        "相关主题",
        "文本预览",
        "相关文档 最新文档",
        "— 3 —",
        "需",
        "要社会",
        "。",
        "，",
        ",",
        ":",
        "(",
        ")",
        " ",
        "\u{3000}",
        "\t",
        "政务公开",
        "关于全面推进政务公开工作的实施意见",
        "# ",
        "**",
        "> ",
        "- ",
        "---",
        "文件",
        "特此通知",
        "\u{FEFF}",
        "\u{200B}",
        "第一条",
        "a",
        "9",
    ]);
    prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

fn policy_like_text() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(vec!["\n", "\n\n", "\r\n"]);
    prop::collection::vec((policy_like_line(), sep), 0..30)
        .prop_map(|v| v.into_iter().map(|(l, s)| format!("{l}{s}")).collect())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn text_never_panics_and_loses_nothing(text in any::<String>(), md in any::<bool>()) {
        let format = if md { SourceFormat::Markdown } else { SourceFormat::Txt };
        if let Ok(result) = import_text(&text, format) {
            assert_nothing_lost(&text, &result);
        }
    }

    #[test]
    fn policy_like_text_loses_nothing(text in policy_like_text(), md in any::<bool>()) {
        let format = if md { SourceFormat::Markdown } else { SourceFormat::Txt };
        match import_text(&text, format) {
            Ok(result) => assert_nothing_lost(&text, &result),
            Err(e) => prop_assert_eq!(e.code(), "import.empty"),
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096), name in prop::sample::select(vec!["a.txt", "a.md", "a.docx", "a"])) {
        let _ = import_bytes(&bytes, name);
        let _ = import_docx(&bytes);
    }

    #[test]
    fn damaged_docx_never_panics(cut in 0usize..2000, flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8)) {
        let mut bytes = docx(&crate::build::p("（一）推进决策公开。把公众参与。"), &[]);
        bytes.truncate(bytes.len().saturating_sub(cut % 64));
        for (i, x) in flips {
            if !bytes.is_empty() {
                let at = i.index(bytes.len());
                bytes[at] ^= x;
            }
        }
        let _ = import_docx(&bytes);
    }

    #[test]
    fn docx_text_loses_nothing(lines in prop::collection::vec(policy_like_line(), 1..12)) {
        let body: String = lines.iter().map(|l| crate::build::p(&escape(l))).collect();
        let input = lines.join("\n");
        match import_docx(&docx(&body, &[])) {
            Ok(result) => assert_nothing_lost(&input, &result),
            Err(e) => prop_assert_eq!(e.code(), "import.empty"),
        }
    }
}
