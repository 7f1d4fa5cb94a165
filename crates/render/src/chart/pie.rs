//! Pie and donut charts, with outside labels spread so that none overlap.

use super::drawing::{arc_points, Anchor, Drawing};
use super::palette::{self, INK, MUTED};
use super::scale::format_value;
use super::{Body, Ctx, LABEL};
use jiedu_core::chart::ChartKind;
use std::f32::consts::{PI, TAU};

/// Pie and donut charts.
pub struct Pie;

const HEIGHT: f32 = 560.0;
const RADIUS: f32 = 210.0;
const GAP: f32 = LABEL * 2.4;

struct Label {
    category: usize,
    angle: f32,
    y: f32,
}

/// Spreads label baselines at least `GAP` apart, keeping them inside `[lo, hi]`.
fn spread(labels: &mut [Label], lo: f32, hi: f32) {
    labels.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.category.cmp(&b.category)));
    for i in 1..labels.len() {
        let min = labels[i - 1].y + GAP;
        if labels[i].y < min {
            labels[i].y = min;
        }
    }
    if let Some(last) = labels.last() {
        let overflow = last.y - hi;
        if overflow > 0.0 {
            for l in labels.iter_mut() {
                l.y -= overflow;
            }
        }
    }
    for i in (0..labels.len().saturating_sub(1)).rev() {
        let max = labels[i + 1].y - GAP;
        if labels[i].y > max {
            labels[i].y = max;
        }
    }
    for l in labels.iter_mut() {
        l.y = l.y.max(lo);
    }
}

impl Body for Pie {
    fn height(&self, ctx: &Ctx<'_>) -> f32 {
        let n = ctx.spec.categories.len() as f32;
        // Labels alternate sides; each side needs room for about half of them.
        HEIGHT.max((n / 2.0).ceil() * GAP + 80.0)
    }

    fn draw(&self, ctx: &Ctx<'_>, canvas: &mut Drawing, top: f32) {
        let spec = ctx.spec;
        let height = self.height(ctx);
        let values = &spec.series[0].values;
        let total: f64 = values.iter().sum();
        let cx = (ctx.left() + ctx.right()) / 2.0;
        let cy = top + height / 2.0;
        let mut start = -PI / 2.0;
        let mut left = Vec::new();
        let mut right = Vec::new();
        for (c, v) in values.iter().enumerate() {
            let sweep = (*v / total) as f32 * TAU;
            let end = start + sweep;
            // Slices keep their own colours so they stay apart; only the highlight is accented.
            let highlighted = spec.highlight.as_deref() == Some(spec.categories[c].as_str());
            let color = if highlighted {
                palette::highlight(spec.palette)
            } else {
                palette::series(spec.palette, c)
            };
            if sweep >= TAU - 1e-4 {
                canvas.polygon(arc_points(cx, cy, RADIUS, 0.0, TAU), color);
            } else if sweep > 0.0 {
                let mut points = vec![(cx, cy)];
                points.extend(arc_points(cx, cy, RADIUS, start, end));
                canvas.polygon(points, color);
            }
            let mid = start + sweep / 2.0;
            let label = Label {
                category: c,
                angle: mid,
                y: cy + (RADIUS + 30.0) * mid.sin(),
            };
            if mid.cos() >= 0.0 {
                right.push(label);
            } else {
                left.push(label);
            }
            start = end;
        }
        if spec.kind == ChartKind::Donut {
            canvas.polygon(arc_points(cx, cy, RADIUS * 0.58, 0.0, TAU), "#ffffff");
            canvas.text(
                cx,
                cy + 4.0,
                &format_value(total),
                &ctx.text(48.0, INK, Anchor::Middle, true),
            );
            let caption = if spec.unit.is_empty() {
                "合计".to_string()
            } else {
                format!("合计（{}）", spec.unit)
            };
            canvas.text(
                cx,
                cy + 42.0,
                &caption,
                &ctx.text(LABEL * 0.9, MUTED, Anchor::Middle, false),
            );
        }
        for (side, labels) in [(1.0f32, &mut right), (-1.0, &mut left)] {
            spread(labels, top + LABEL, top + height - LABEL * 1.4);
            for l in labels.iter() {
                let (ax, ay) = (cx + RADIUS * l.angle.cos(), cy + RADIUS * l.angle.sin());
                let elbow_x = cx + side * (RADIUS + 34.0);
                let end_x = cx + side * (RADIUS + 60.0);
                let ly = l.y;
                canvas.line(ax, ay, elbow_x, ly - LABEL * 0.35, MUTED, 1.5);
                canvas.line(
                    elbow_x,
                    ly - LABEL * 0.35,
                    end_x,
                    ly - LABEL * 0.35,
                    MUTED,
                    1.5,
                );
                let anchor = if side > 0.0 {
                    Anchor::Start
                } else {
                    Anchor::End
                };
                let tx = end_x + side * 8.0;
                let share = (values[l.category] / total * 1000.0).round() / 10.0;
                canvas.text(
                    tx,
                    ly - LABEL * 0.1,
                    &spec.categories[l.category],
                    &ctx.text(LABEL, INK, anchor, false),
                );
                let detail = if spec.unit == "%" {
                    format!("{}%", format_value(values[l.category]))
                } else {
                    format!(
                        "{}{}（{}%）",
                        format_value(values[l.category]),
                        spec.unit,
                        format_value(share)
                    )
                };
                canvas.text(
                    tx,
                    ly + LABEL * 1.05,
                    &detail,
                    &ctx.text(LABEL * 0.85, MUTED, anchor, false),
                );
            }
        }
    }
}
