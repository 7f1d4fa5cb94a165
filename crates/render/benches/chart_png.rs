//! Times SVG generation and 1080-px PNG rendering of each fixture chart (median of 21 runs).

#![allow(missing_docs)]

use jiedu_core::chart::ChartSpec;
use jiedu_render::{chart_svg, raster, ChartStyle, FontSet};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let specs: Vec<ChartSpec> =
        serde_json::from_str(include_str!("../tests/fixtures.json")).expect("fixtures");
    let style = ChartStyle::new(FontSet::bundled().expect("fonts"));
    let t = Instant::now();
    let options = raster::svg_options(&style.fonts);
    println!(
        "font database set-up: {:.1} ms (once per export)",
        t.elapsed().as_secs_f64() * 1e3
    );
    println!("{:<10} {:>10} {:>14}", "chart", "svg", "png 1080 px");
    let mut pngs = Vec::new();
    for spec in &specs {
        let svg_times: Vec<Duration> = (0..21)
            .map(|_| {
                let t = Instant::now();
                chart_svg(spec, &style).expect("svg");
                t.elapsed()
            })
            .collect();
        let svg = chart_svg(spec, &style).expect("svg");
        let png_times: Vec<Duration> = (0..21)
            .map(|_| {
                let t = Instant::now();
                raster::png_with(&svg, 1080, &options).expect("png");
                t.elapsed()
            })
            .collect();
        let p = median(png_times);
        pngs.push(p);
        println!(
            "{:<10} {:>7.2} ms {:>11.2} ms",
            spec.id,
            median(svg_times).as_secs_f64() * 1e3,
            p.as_secs_f64() * 1e3
        );
    }
    println!(
        "median 1080-px PNG: {:.1} ms (goal < 100 ms)",
        median(pngs).as_secs_f64() * 1e3
    );
}
