//! Horizontal bars: long Chinese category names read on the left, values at the bar ends.

use super::drawing::{Anchor, Drawing};
use super::labels::wrap;
use super::palette::{AXIS, INK};
use super::scale::{format_value, Scale};
use super::{category_color, legend, legend_height, unit_label, Body, Ctx, LABEL};

/// Horizontal bar charts (one or more series, grouped).
pub struct HorizontalBars;

const VALUE: f32 = 22.0;

struct Geometry {
    label_lines: Vec<Vec<String>>,
    label_width: f32,
    row: f32,
}

fn geometry(ctx: &Ctx<'_>) -> Geometry {
    let max_label = (ctx.right() - ctx.left()) * 0.38;
    let label_lines: Vec<Vec<String>> = ctx
        .spec
        .categories
        .iter()
        .map(|c| wrap(ctx, c, LABEL, false, max_label, 2))
        .collect();
    let label_width = label_lines
        .iter()
        .flatten()
        .map(|l| ctx.measure(l, LABEL, false))
        .fold(0.0, f32::max);
    let n_series = ctx.spec.series.len() as f32;
    let lines = label_lines.iter().map(Vec::len).max().unwrap_or(1) as f32;
    let row = (LABEL * 1.3 * lines + 24.0).max(30.0 * n_series + 26.0);
    Geometry {
        label_lines,
        label_width,
        row,
    }
}

impl Body for HorizontalBars {
    fn height(&self, ctx: &Ctx<'_>) -> f32 {
        let g = geometry(ctx);
        legend_height(ctx) + LABEL * 1.6 + g.row * ctx.spec.categories.len() as f32
    }

    fn draw(&self, ctx: &Ctx<'_>, canvas: &mut Drawing, top: f32) {
        let spec = ctx.spec;
        let g = geometry(ctx);
        let mut y = top;
        y += legend(ctx, canvas, y + LABEL);
        unit_label(ctx, canvas, ctx.left(), y + LABEL);
        let plot_top = y + LABEL * 1.6;
        let bar_left = ctx.left() + g.label_width + 20.0;
        let (lo, hi) = spec
            .series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold((0.0, 0.0), |(lo, hi), v| (f64::min(lo, v), f64::max(hi, v)));
        let scale = Scale::nice(lo, hi, 4);
        let widest_value = spec
            .series
            .iter()
            .flat_map(|s| s.values.iter())
            .map(|v| ctx.measure(&format_value(*v), VALUE, false))
            .fold(0.0, f32::max);
        let bar_right = ctx.right() - widest_value - 12.0;
        let x_of = |v: f64| scale.map(v, bar_left, bar_right);
        let zero = x_of(0.0);
        let n_series = spec.series.len();
        let thickness = ((g.row - 22.0) / n_series as f32).min(40.0);
        for (c, lines) in g.label_lines.iter().enumerate() {
            let row_top = plot_top + c as f32 * g.row;
            let mid = row_top + g.row / 2.0;
            let block = LABEL * 1.3 * lines.len() as f32;
            for (i, l) in lines.iter().enumerate() {
                let ly = mid - block / 2.0 + LABEL * 1.0 + i as f32 * LABEL * 1.3;
                canvas.text(
                    bar_left - 20.0,
                    ly,
                    l,
                    &ctx.text(LABEL, INK, Anchor::End, false),
                );
            }
            let group_top = mid - thickness * n_series as f32 / 2.0;
            for (s, ser) in spec.series.iter().enumerate() {
                let v = ser.values[c];
                let x = x_of(v);
                let by = group_top + s as f32 * thickness;
                canvas.rect(
                    zero.min(x),
                    by + 2.0,
                    (x - zero).abs(),
                    thickness - 4.0,
                    category_color(ctx, s, c),
                    2.0,
                );
                let (lx, anchor) = if v >= 0.0 {
                    (x + 10.0, Anchor::Start)
                } else {
                    (x - 10.0, Anchor::End)
                };
                canvas.text(
                    lx,
                    by + thickness / 2.0 + VALUE * 0.35,
                    &format_value(v),
                    &ctx.text(VALUE, INK, anchor, false),
                );
            }
        }
        canvas.line(
            zero,
            plot_top,
            zero,
            plot_top + g.row * spec.categories.len() as f32,
            AXIS,
            2.0,
        );
    }
}
