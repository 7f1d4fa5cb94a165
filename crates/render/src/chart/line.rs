//! Line charts over ordered categories.

use super::bars::draw_axis_labels;
use super::drawing::{Anchor, Drawing};
use super::labels::plan_axis_labels;
use super::palette::{series, AXIS, GRID, INK, MUTED};
use super::scale::{format_value, Scale};
use super::{legend, legend_height, unit_label, Body, Ctx, LABEL};

/// Line charts.
pub struct Lines;

const PLOT: f32 = 500.0;
const VALUE: f32 = 22.0;

impl Lines {
    fn scale(ctx: &Ctx<'_>) -> Scale {
        let (lo, hi) = ctx
            .spec
            .series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold((0.0, 0.0), |(lo, hi), v| (f64::min(lo, v), f64::max(hi, v)));
        Scale::nice(lo, hi, 5)
    }

    fn plot_left(ctx: &Ctx<'_>, scale: &Scale) -> f32 {
        let w = scale
            .ticks()
            .iter()
            .map(|t| ctx.measure(&format_value(*t), LABEL, false))
            .fold(0.0, f32::max);
        ctx.left() + w + 16.0
    }
}

impl Body for Lines {
    fn height(&self, ctx: &Ctx<'_>) -> f32 {
        let scale = Self::scale(ctx);
        let left = Self::plot_left(ctx, &scale);
        let slot = (ctx.right() - left) / ctx.spec.categories.len() as f32;
        let labels = plan_axis_labels(ctx, &ctx.spec.categories, slot, LABEL);
        legend_height(ctx) + LABEL * 2.6 + PLOT + labels.height(ctx, LABEL)
    }

    fn draw(&self, ctx: &Ctx<'_>, canvas: &mut Drawing, top: f32) {
        let spec = ctx.spec;
        let scale = Self::scale(ctx);
        let left = Self::plot_left(ctx, &scale);
        let slot = (ctx.right() - left) / spec.categories.len() as f32;
        let labels = plan_axis_labels(ctx, &spec.categories, slot, LABEL);
        let mut y = top;
        y += legend(ctx, canvas, y + LABEL);
        unit_label(ctx, canvas, ctx.left(), y + LABEL);
        let plot_top = y + LABEL * 2.6;
        let plot_bottom = plot_top + PLOT;
        let y_of = |v: f64| scale.map(v, plot_bottom, plot_top);
        for t in scale.ticks() {
            let ty = y_of(t);
            canvas.line(
                left,
                ty,
                ctx.right(),
                ty,
                if t == 0.0 { AXIS } else { GRID },
                if t == 0.0 { 2.0 } else { 1.0 },
            );
            canvas.text(
                left - 12.0,
                ty + LABEL * 0.35,
                &format_value(t),
                &ctx.text(LABEL, MUTED, Anchor::End, false),
            );
        }
        let single = spec.series.len() == 1;
        for (s, ser) in spec.series.iter().enumerate() {
            let color = series(spec.palette, s);
            let points: Vec<(f32, f32)> = ser
                .values
                .iter()
                .enumerate()
                .map(|(c, v)| (left + slot * (c as f32 + 0.5), y_of(*v)))
                .collect();
            canvas.polyline(&points, color, 4.0);
            for (c, (px, py)) in points.iter().enumerate() {
                canvas.dot(*px, *py, 6.0, color);
                // Value labels only where they cannot collide: one series, and room in the slot.
                let label = format_value(ser.values[c]);
                if single && ctx.measure(&label, VALUE, false) <= slot * 0.9 {
                    canvas.text(
                        *px,
                        py - 14.0,
                        &label,
                        &ctx.text(VALUE, INK, Anchor::Middle, false),
                    );
                }
            }
        }
        draw_axis_labels(ctx, canvas, &labels, left, slot, plot_bottom);
    }
}
