//! Key-figure cards (数说): a big number, its unit and a caption per category.

use super::drawing::{Anchor, Drawing};
use super::labels::wrap;
use super::palette::{self, INK, MUTED};
use super::scale::format_value;
use super::{Body, Ctx};

/// Key-figure cards.
pub struct KeyFigures;

const NUMBER: f32 = 76.0;
const UNIT: f32 = 30.0;
const CAPTION: f32 = 26.0;
const NOTE: f32 = 21.0;
const GAP: f32 = 24.0;

struct Card {
    number: String,
    caption: Vec<String>,
    note: Vec<String>,
    highlighted: bool,
}

fn layout(ctx: &Ctx<'_>) -> (usize, f32, Vec<Card>, f32) {
    let spec = ctx.spec;
    let n = spec.categories.len();
    let columns = n.clamp(1, 3);
    let width = (ctx.right() - ctx.left() - GAP * (columns - 1) as f32) / columns as f32;
    let inner = width - 48.0;
    let cards: Vec<Card> = spec
        .categories
        .iter()
        .enumerate()
        .map(|(c, cat)| {
            let note = spec
                .annotations
                .iter()
                .find(|a| &a.category == cat)
                .map(|a| wrap(ctx, &a.text, NOTE, false, inner, 3))
                .unwrap_or_default();
            Card {
                number: format_value(spec.series[0].values[c]),
                caption: wrap(ctx, cat, CAPTION, false, inner, 2),
                note,
                highlighted: spec.highlight.as_deref() == Some(cat.as_str()),
            }
        })
        .collect();
    let card_height = cards
        .iter()
        .map(|c| {
            40.0 + NUMBER
                + 24.0
                + c.caption.len() as f32 * CAPTION * 1.35
                + c.note.len() as f32 * NOTE * 1.4
                + 28.0
        })
        .fold(0.0, f32::max);
    (columns, width, cards, card_height)
}

impl Body for KeyFigures {
    fn height(&self, ctx: &Ctx<'_>) -> f32 {
        let (columns, _, cards, card_height) = layout(ctx);
        let rows = cards.len().div_ceil(columns);
        rows as f32 * (card_height + GAP)
    }

    fn draw(&self, ctx: &Ctx<'_>, canvas: &mut Drawing, top: f32) {
        let (columns, width, cards, card_height) = layout(ctx);
        let accent = palette::highlight(ctx.spec.palette);
        let main = palette::series(ctx.spec.palette, 0);
        for (i, card) in cards.iter().enumerate() {
            let x = ctx.left() + (i % columns) as f32 * (width + GAP);
            let y = top + (i / columns) as f32 * (card_height + GAP);
            canvas.rect(x, y, width, card_height, "#f3f6f9", 10.0);
            let color = if card.highlighted { accent } else { main };
            canvas.rect(x, y, 8.0, card_height, color, 0.0);
            let baseline = y + 40.0 + NUMBER * 0.85;
            canvas.text(
                x + 32.0,
                baseline,
                &card.number,
                &ctx.text(NUMBER, color, Anchor::Start, true),
            );
            let number_width = ctx.measure(&card.number, NUMBER, true);
            if !ctx.spec.unit.is_empty() {
                canvas.text(
                    x + 32.0 + number_width + 8.0,
                    baseline,
                    &ctx.spec.unit,
                    &ctx.text(UNIT, color, Anchor::Start, false),
                );
            }
            let mut ly = baseline + 24.0 + CAPTION;
            for line in &card.caption {
                canvas.text(
                    x + 32.0,
                    ly,
                    line,
                    &ctx.text(CAPTION, INK, Anchor::Start, false),
                );
                ly += CAPTION * 1.35;
            }
            for line in &card.note {
                canvas.text(
                    x + 32.0,
                    ly,
                    line,
                    &ctx.text(NOTE, MUTED, Anchor::Start, false),
                );
                ly += NOTE * 1.4;
            }
        }
    }
}
