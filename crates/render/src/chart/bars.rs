//! Vertical bars: single series, grouped, or stacked.

use super::drawing::{Anchor, Drawing};
use super::labels::{plan_axis_labels, AxisLabels, LINE};
use super::palette::{AXIS, GRID, INK, MUTED};
use super::scale::{format_value, Scale};
use super::{category_color, legend, legend_height, unit_label, Body, Ctx, LABEL};
use jiedu_core::chart::ChartKind;

/// Vertical bar charts.
pub struct Bars;

const PLOT: f32 = 520.0;
const VALUE: f32 = 22.0;

/// The value extent of the chart: per-category sums when stacked.
fn extent(ctx: &Ctx<'_>) -> (f64, f64) {
    let spec = ctx.spec;
    if spec.kind == ChartKind::StackedBar {
        (0..spec.categories.len()).fold((0.0, 0.0), |(lo, hi), c| {
            let pos: f64 = spec.series.iter().map(|s| s.values[c].max(0.0)).sum();
            let neg: f64 = spec.series.iter().map(|s| s.values[c].min(0.0)).sum();
            (f64::min(lo, neg), f64::max(hi, pos))
        })
    } else {
        spec.series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold((0.0, 0.0), |(lo, hi), v| (f64::min(lo, v), f64::max(hi, v)))
    }
}

struct Geometry {
    plot_left: f32,
    slot: f32,
    labels: AxisLabels,
    scale: Scale,
}

fn geometry(ctx: &Ctx<'_>) -> Geometry {
    let (lo, hi) = extent(ctx);
    let scale = Scale::nice(lo, hi, 5);
    let tick_width = scale
        .ticks()
        .iter()
        .map(|t| ctx.measure(&format_value(*t), LABEL, false))
        .fold(0.0, f32::max);
    let plot_left = ctx.left() + tick_width + 16.0;
    let slot = (ctx.right() - plot_left) / ctx.spec.categories.len() as f32;
    let labels = plan_axis_labels(ctx, &ctx.spec.categories, slot, LABEL);
    Geometry {
        plot_left,
        slot,
        labels,
        scale,
    }
}

impl Body for Bars {
    fn height(&self, ctx: &Ctx<'_>) -> f32 {
        let g = geometry(ctx);
        legend_height(ctx) + LABEL * 2.6 + PLOT + g.labels.height(ctx, LABEL)
    }

    fn draw(&self, ctx: &Ctx<'_>, canvas: &mut Drawing, top: f32) {
        let spec = ctx.spec;
        let g = geometry(ctx);
        let mut y = top;
        y += legend(ctx, canvas, y + LABEL);
        unit_label(ctx, canvas, ctx.left(), y + LABEL);
        let plot_top = y + LABEL * 2.6;
        let plot_bottom = plot_top + PLOT;
        let y_of = |v: f64| g.scale.map(v, plot_bottom, plot_top);
        for t in g.scale.ticks() {
            let ty = y_of(t);
            let color = if t == 0.0 { AXIS } else { GRID };
            canvas.line(
                g.plot_left,
                ty,
                ctx.right(),
                ty,
                color,
                if t == 0.0 { 2.0 } else { 1.0 },
            );
            canvas.text(
                g.plot_left - 12.0,
                ty + LABEL * 0.35,
                &format_value(t),
                &ctx.text(LABEL, MUTED, Anchor::End, false),
            );
        }
        let n_series = spec.series.len();
        let stacked = spec.kind == ChartKind::StackedBar;
        let group = if stacked || n_series == 1 {
            1
        } else {
            n_series
        };
        let bar = (g.slot * if group == 1 { 0.56 } else { 0.78 }) / group as f32;
        for c in 0..spec.categories.len() {
            let slot_left = g.plot_left + c as f32 * g.slot;
            let center = slot_left + g.slot / 2.0;
            let mut up = 0.0;
            let mut down = 0.0;
            for (s, series) in spec.series.iter().enumerate() {
                let v = series.values[c];
                let (from, to) = if stacked {
                    let base = if v >= 0.0 { &mut up } else { &mut down };
                    let from = *base;
                    *base += v;
                    (from, *base)
                } else {
                    (0.0, v)
                };
                let x = if stacked {
                    center - bar / 2.0
                } else {
                    center - bar * group as f32 / 2.0 + bar * s as f32
                };
                let (y0, y1) = (y_of(from), y_of(to));
                let color = category_color(ctx, s, c);
                canvas.rect(x, y0.min(y1), bar * 0.92, (y1 - y0).abs(), color, 2.0);
                let label = format_value(v);
                let fits = ctx.measure(&label, VALUE, false) <= bar * 1.15;
                if stacked {
                    if (y1 - y0).abs() > VALUE * 1.3 && fits {
                        let mid = (y0 + y1) / 2.0 + VALUE * 0.35;
                        canvas.text(
                            x + bar * 0.46,
                            mid,
                            &label,
                            &ctx.text(VALUE, "#ffffff", Anchor::Middle, false),
                        );
                    }
                } else if fits {
                    let ly = if v >= 0.0 { y1 - 8.0 } else { y1 + VALUE };
                    canvas.text(
                        x + bar * 0.46,
                        ly,
                        &label,
                        &ctx.text(VALUE, INK, Anchor::Middle, false),
                    );
                }
            }
            if stacked && n_series > 1 {
                let total = format_value(up + down);
                if ctx.measure(&total, VALUE, true) <= g.slot {
                    canvas.text(
                        center,
                        y_of(up) - 8.0,
                        &total,
                        &ctx.text(VALUE, INK, Anchor::Middle, true),
                    );
                }
            }
        }
        draw_axis_labels(ctx, canvas, &g.labels, g.plot_left, g.slot, plot_bottom);
    }
}

/// Draws category labels under a horizontal axis at `axis_y`.
pub(crate) fn draw_axis_labels(
    ctx: &Ctx<'_>,
    canvas: &mut Drawing,
    labels: &AxisLabels,
    left: f32,
    slot: f32,
    axis_y: f32,
) {
    match labels {
        AxisLabels::Flat { lines } => {
            for (c, ls) in lines.iter().enumerate() {
                let x = left + slot * (c as f32 + 0.5);
                for (i, l) in ls.iter().enumerate() {
                    let y = axis_y + LABEL * 1.2 + i as f32 * LABEL * LINE;
                    canvas.text(x, y, l, &ctx.text(LABEL, INK, Anchor::Middle, false));
                }
            }
        }
        AxisLabels::Rotated { step, labels } => {
            for (c, l) in labels.iter().enumerate().filter(|(c, _)| c % step == 0) {
                let x = left + slot * (c as f32 + 0.5) + LABEL * 0.35;
                let mut style = ctx.text(LABEL, INK, Anchor::End, false);
                style.rotate = -45.0;
                canvas.text(x, axis_y + LABEL * 0.9, l, &style);
            }
        }
    }
}
