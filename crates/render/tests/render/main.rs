//! Chart rendering against reference files, and PNG output checks.
//!
//! Set `JIEDU_BLESS=1` to rewrite the reference SVGs after an intended change, then look at them.

use jiedu_core::chart::ChartSpec;
use jiedu_render::{chart_svg, png, ChartStyle, FontSet};
use std::path::PathBuf;

fn fixtures() -> Vec<ChartSpec> {
    serde_json::from_str(include_str!("../fixtures.json")).expect("fixtures parse")
}

fn style() -> ChartStyle {
    ChartStyle::new(FontSet::bundled().expect("bundled fonts"))
}

fn reference(id: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/reference/{id}.svg"))
}

/// Line endings and trailing spaces are the only differences tolerated.
fn normalize(svg: &str) -> String {
    svg.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_chart_matches_its_reference_svg() {
    let style = style();
    let bless = std::env::var_os("JIEDU_BLESS").is_some();
    let mut mismatched = Vec::new();
    for spec in fixtures() {
        let svg = chart_svg(&spec, &style).expect("renders");
        let path = reference(&spec.id);
        if bless {
            std::fs::write(&path, &svg).expect("write reference");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if normalize(&want) != normalize(&svg) {
            mismatched.push(spec.id.clone());
        }
    }
    assert!(
        mismatched.is_empty(),
        "differ from tests/reference (JIEDU_BLESS=1 to update): {mismatched:?}"
    );
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let style = style();
    for spec in fixtures() {
        let a = chart_svg(&spec, &style).expect("renders");
        let b = chart_svg(&spec, &style).expect("renders");
        assert_eq!(a, b, "{}", spec.id);
    }
}

#[test]
fn every_label_appears_in_the_svg() {
    let style = style();
    for spec in fixtures() {
        let svg = chart_svg(&spec, &style).expect("renders");
        let escaped = |s: &str| jiedu_render::chart::drawing::escape(s);
        // Long titles and labels may wrap over lines, so check each piece of text as drawn:
        // every character of every label must be in some text element, in order.
        let text: String = svg
            .split("<text")
            .skip(1)
            .filter_map(|t| {
                t.split_once('>')
                    .map(|(_, rest)| rest.split("</text>").next().unwrap_or(""))
            })
            .collect();
        let mut wanted: Vec<String> =
            vec![spec.title.clone(), format!("数据来源：{}", spec.source)];
        wanted.extend(spec.categories.iter().cloned());
        if spec.series.len() > 1 {
            wanted.extend(spec.series.iter().map(|s| s.name.clone()));
        }
        for w in wanted {
            let e = escaped(&w);
            assert!(text.contains(&e), "{}: label {w:?} missing", spec.id);
        }
        assert!(
            !svg.contains("<script"),
            "{}: markup must be escaped",
            spec.id
        );
    }
}

#[test]
fn pngs_have_the_asked_width_and_are_not_blank() {
    let style = style();
    for spec in fixtures() {
        let svg = chart_svg(&spec, &style).expect("renders");
        for width in [1080u32, 2160] {
            let bytes = png(&svg, width, &style.fonts).expect("png");
            if let Some(dir) = std::env::var_os("JIEDU_CHART_DUMP") {
                std::fs::write(
                    PathBuf::from(dir).join(format!("{}-{width}.png", spec.id)),
                    &bytes,
                )
                .expect("dump");
            }
            let img = image::load_from_memory(&bytes).expect("decodes").to_rgba8();
            assert_eq!(img.width(), width, "{}", spec.id);
            let inked = img
                .pixels()
                .filter(|p| p.0[0] < 200 || p.0[1] < 200 || p.0[2] < 200)
                .count();
            let share = inked as f64 / (img.width() * img.height()) as f64;
            assert!(
                share > 0.02,
                "{} at {width}: only {share:.3} of pixels inked",
                spec.id
            );
        }
    }
}

#[test]
fn bad_specs_and_sizes_are_refused_with_their_reason() {
    let style = style();
    let mut spec = fixtures().remove(0);
    spec.series[0].values.pop();
    let err = chart_svg(&spec, &style).expect_err("short series");
    assert!(err.to_string().contains("主动公开"), "{err}");
    let ok = chart_svg(&fixtures()[0], &style).expect("renders");
    assert!(png(&ok, 10, &style.fonts).is_err());
}
