//! A plain data table: categories down, series across, numbers right-aligned.

use super::drawing::{Anchor, Drawing};
use super::labels::wrap;
use super::palette::{GRID, INK};
use super::scale::format_value;
use super::{Body, Ctx, LABEL};

/// Data tables.
pub struct Table;

const ROW: f32 = 52.0;
const PAD: f32 = 18.0;

fn columns(ctx: &Ctx<'_>) -> (f32, Vec<f32>, Vec<Vec<String>>) {
    let spec = ctx.spec;
    let total = ctx.right() - ctx.left();
    let value_widths: Vec<f32> = spec
        .series
        .iter()
        .map(|s| {
            let head = ctx.measure(&s.name, LABEL, true);
            s.values
                .iter()
                .map(|v| ctx.measure(&format_value(*v), LABEL, false))
                .fold(head, f32::max)
                + PAD * 2.0
        })
        .collect();
    let first = (total - value_widths.iter().sum::<f32>()).max(total * 0.3);
    let names = spec
        .categories
        .iter()
        .map(|c| wrap(ctx, c, LABEL, false, first - PAD * 2.0, 2))
        .collect();
    let scale = ((total - first) / value_widths.iter().sum::<f32>()).min(1.5);
    (
        first,
        value_widths.iter().map(|w| w * scale).collect(),
        names,
    )
}

fn row_height(lines: usize) -> f32 {
    ROW.max(lines as f32 * LABEL * 1.3 + 20.0)
}

impl Body for Table {
    fn height(&self, ctx: &Ctx<'_>) -> f32 {
        let (_, _, names) = columns(ctx);
        ROW + names.iter().map(|n| row_height(n.len())).sum::<f32>() + 8.0
    }

    fn draw(&self, ctx: &Ctx<'_>, canvas: &mut Drawing, top: f32) {
        let spec = ctx.spec;
        let (first, widths, names) = columns(ctx);
        let header_fill = super::palette::series(spec.palette, 0);
        canvas.rect(
            ctx.left(),
            top,
            ctx.right() - ctx.left(),
            ROW,
            header_fill,
            0.0,
        );
        let head_label = if spec.unit.is_empty() {
            "项目".to_string()
        } else {
            format!("项目（单位：{}）", spec.unit)
        };
        canvas.text(
            ctx.left() + PAD,
            top + ROW / 2.0 + LABEL * 0.35,
            &head_label,
            &ctx.text(LABEL, "#ffffff", Anchor::Start, true),
        );
        let mut x = ctx.left() + first;
        for (s, w) in spec.series.iter().zip(&widths) {
            canvas.text(
                x + w - PAD,
                top + ROW / 2.0 + LABEL * 0.35,
                &s.name,
                &ctx.text(LABEL, "#ffffff", Anchor::End, true),
            );
            x += w;
        }
        let mut y = top + ROW;
        for (c, lines) in names.iter().enumerate() {
            let h = row_height(lines.len());
            if c % 2 == 1 {
                canvas.rect(ctx.left(), y, ctx.right() - ctx.left(), h, "#f3f6f9", 0.0);
            }
            let highlighted = spec.highlight.as_deref() == Some(spec.categories[c].as_str());
            let block = lines.len() as f32 * LABEL * 1.3;
            for (i, l) in lines.iter().enumerate() {
                let ly = y + (h - block) / 2.0 + LABEL + i as f32 * LABEL * 1.3 - 2.0;
                canvas.text(
                    ctx.left() + PAD,
                    ly,
                    l,
                    &ctx.text(LABEL, INK, Anchor::Start, highlighted),
                );
            }
            let mut x = ctx.left() + first;
            for (s, w) in spec.series.iter().zip(&widths) {
                let v = format_value(s.values[c]);
                canvas.text(
                    x + w - PAD,
                    y + h / 2.0 + LABEL * 0.35,
                    &v,
                    &ctx.text(LABEL, INK, Anchor::End, highlighted),
                );
                x += w;
            }
            y += h;
            canvas.line(ctx.left(), y, ctx.right(), y, GRID, 1.0);
        }
    }
}
