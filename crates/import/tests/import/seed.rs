//! The seed: a raw web copy of a ministry's implementing opinions, with its junk left in.

use jiedu_core::pack::Pack;
use jiedu_import::report::{Field, RemovalReason};
use jiedu_import::{import_file, import_text, SourceFormat};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A copy of `shared/seeds/000_bf729c53b13afba3.txt`, so that the tests do not depend on the
/// folder beside the clone.
fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-web.txt")
}

fn expected() -> Pack {
    let text = std::fs::read_to_string(root().join("resources/demo/seed-pack.json")).expect("demo");
    serde_json::from_str(&text).expect("pack json")
}

#[test]
fn seed_imports_to_the_demo_policy() {
    let result = import_file(&seed_path()).expect("import");
    let want = expected();
    let want = &want.content.policy;
    let got = &result.policy;
    assert_eq!(got.title, want.title);
    assert_eq!(got.preamble, want.preamble);
    for (g, w) in got.sections.iter().zip(&want.sections) {
        assert_eq!(g, w);
    }
    assert_eq!(got.sections, want.sections);
    assert_eq!(got.attachments, want.attachments);
}

#[test]
fn seed_report_lists_the_junk_and_the_join() {
    let text = std::fs::read_to_string(seed_path()).expect("seed");
    let result = import_text(&text, SourceFormat::Txt).expect("import");
    let report = &result.report;
    let removed: Vec<(usize, RemovalReason)> =
        report.removals.iter().map(|r| (r.line, r.reason)).collect();
    assert_eq!(
        removed,
        [
            (1, RemovalReason::Breadcrumb),
            (5, RemovalReason::RepeatedTitle),
            (55, RemovalReason::SiteFurniture),
            (56, RemovalReason::SiteFurniture),
            (57, RemovalReason::SiteFurniture),
        ]
    );
    let joins: Vec<(usize, usize)> = report.joins.iter().map(|j| (j.line, j.next_line)).collect();
    assert_eq!(joins, [(19, 21), (27, 29), (39, 41)]);
    assert!(report
        .detected
        .iter()
        .any(|d| d.field == Field::Title && d.line == 3));
    let policy = &result.policy;
    assert_eq!(policy.sections.len(), 20);
    let all: Vec<&str> = policy.body_text().collect();
    assert!(
        !all.contains(&policy.title.as_str()),
        "the title once, as the title"
    );
    let text = all.concat();
    for sentence in [
        "涉及群众切身利益、需要社会广泛知晓的重要改革方案、重大政策措施、重点工程项目，",
        "公布行政审批中介服务事项清单，公开项目名称、设置依据、服务时限。",
        "特别是遇有重大突发事件、重要社会关切等，主要负责人要带头接受媒体采访，",
        "推行“互联网+政务”，推进国土资源行政决策、执行、管理、服务、结果公开（“五公开”），",
        "最迟要在5小时内发布权威信息，在24小时内举行新闻发布会，确保不失声、不缺位。",
    ] {
        assert!(text.contains(sentence), "{sentence}");
    }
    for junk in ["当前位置", "文档之家", "相关主题", "文本预览", "最新文档"] {
        assert!(!text.contains(junk), "{junk}");
    }
}
