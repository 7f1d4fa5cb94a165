//! Unit tests of the chart layout rules.

use super::labels::{plan_axis_labels, wrap, AxisLabels};
use super::*;
use jiedu_core::chart::{Palette, Series};

fn fonts() -> FontSet {
    FontSet::bundled().expect("bundled fonts")
}

fn spec(kind: ChartKind, categories: &[&str], values: &[f64]) -> ChartSpec {
    ChartSpec {
        id: "t".into(),
        kind,
        title: "测试图表".into(),
        subtitle: String::new(),
        unit: "项".into(),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        series: vec![Series {
            name: "数量".into(),
            values: values.to_vec(),
        }],
        source: "测试".into(),
        highlight: None,
        annotations: Vec::new(),
        palette: Palette::Government,
    }
}

#[test]
fn short_labels_stay_flat_and_long_ones_wrap_or_rotate() {
    let style = ChartStyle::new(fonts());
    let s = spec(ChartKind::Bar, &["一", "二"], &[1.0, 2.0]);
    let ctx = Ctx {
        spec: &s,
        style: &style,
        family: "",
        bold_family: "",
    };
    let short: Vec<String> = vec!["2021年".into(), "2022年".into()];
    assert!(matches!(
        plan_axis_labels(&ctx, &short, 200.0, 24.0),
        AxisLabels::Flat { .. }
    ));
    let long: Vec<String> = vec!["地质灾害预报预警".into(), "行业标准和科技成果".into()];
    match plan_axis_labels(&ctx, &long, 150.0, 24.0) {
        AxisLabels::Flat { lines } => assert!(lines.iter().all(|l| l.len() == 2)),
        other => panic!("expected wrapped labels, got {other:?}"),
    }
    let many: Vec<String> = (0..40).map(|i| format!("第{i}类别名称")).collect();
    match plan_axis_labels(&ctx, &many, 24.0, 24.0) {
        AxisLabels::Rotated { step, .. } => assert!(step >= 2, "thinned: {step}"),
        other => panic!("expected rotated labels, got {other:?}"),
    }
}

#[test]
fn wrapping_never_starts_a_line_with_closing_punctuation() {
    let style = ChartStyle::new(fonts());
    let s = spec(ChartKind::Bar, &["一"], &[1.0]);
    let ctx = Ctx {
        spec: &s,
        style: &style,
        family: "",
        bold_family: "",
    };
    let lines = wrap(
        &ctx,
        "公开透明是法治政府的基本特征，全面推进政务公开。",
        24.0,
        false,
        24.0 * 13.0,
        5,
    );
    assert!(lines.len() > 1);
    for l in &lines[1..] {
        assert!(!l.starts_with('，') && !l.starts_with('。'), "{lines:?}");
    }
    assert_eq!(
        lines.concat(),
        "公开透明是法治政府的基本特征，全面推进政务公开。"
    );
}
