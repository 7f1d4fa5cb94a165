//! Charts: one spec → one SVG, from which the PDF's vectors and the PNGs are made.
//!
//! The drawing is laid out on a 1080-px-wide canvas (the WeChat article width); its height
//! follows the content. Same spec, same style: same bytes.

mod bars;
pub mod drawing;
mod figures;
mod hbar;
mod labels;
mod line;
pub mod palette;
mod pie;
pub mod scale;
mod table;

use crate::error::RenderError;
use crate::fonts::{FontRole, FontSet};
use drawing::{Anchor, Drawing, Prim, TextStyle};
use jiedu_core::chart::{ChartKind, ChartSpec};

/// The canvas width and the fonts to draw with.
#[derive(Debug, Clone)]
pub struct ChartStyle {
    /// Canvas width in px; PNGs scale from it.
    pub width: f32,
    /// The bundled fonts; labels are measured with them.
    pub fonts: FontSet,
}

impl ChartStyle {
    /// The default 1080-px canvas.
    pub fn new(fonts: FontSet) -> Self {
        ChartStyle {
            width: 1080.0,
            fonts,
        }
    }
}

/// Side margin of the canvas.
const MARGIN: f32 = 56.0;
/// Title size.
const TITLE: f32 = 44.0;
/// Subtitle and unit size.
const SUBTITLE: f32 = 26.0;
/// Axis and category label size.
pub(crate) const LABEL: f32 = 24.0;
/// Source and note size.
const NOTE: f32 = 21.0;

/// Everything a chart kind needs to draw.
pub struct Ctx<'a> {
    /// The spec.
    pub spec: &'a ChartSpec,
    /// The style.
    pub style: &'a ChartStyle,
    family: &'a str,
    bold_family: &'a str,
}

impl<'a> Ctx<'a> {
    /// Width of a text run in the chart's sans face.
    pub fn measure(&self, text: &str, size: f32, bold: bool) -> f32 {
        let role = if bold {
            FontRole::HeiBold
        } else {
            FontRole::Hei
        };
        self.style.fonts.measure(role, text, size)
    }

    /// A text style in the chart's sans face.
    pub fn text(&self, size: f32, fill: &'a str, anchor: Anchor, bold: bool) -> TextStyle<'a> {
        TextStyle {
            family: if bold { self.bold_family } else { self.family },
            size,
            fill,
            anchor,
            bold,
            rotate: 0.0,
        }
    }

    /// Left edge of the drawing area.
    pub fn left(&self) -> f32 {
        MARGIN
    }

    /// Right edge of the drawing area.
    pub fn right(&self) -> f32 {
        self.style.width - MARGIN
    }
}

/// A chart kind's body: how tall it is, and how to draw it below `top`.
pub(crate) trait Body {
    /// Height of the body in px.
    fn height(&self, ctx: &Ctx<'_>) -> f32;
    /// Draws the body between `top` and `top + height`.
    fn draw(&self, ctx: &Ctx<'_>, canvas: &mut Drawing, top: f32);
}

/// Draws a chart as SVG. Fails only on a spec that does not validate.
pub fn chart_svg(spec: &ChartSpec, style: &ChartStyle) -> Result<String, RenderError> {
    chart_drawing(spec, style).map(|d| d.to_svg())
}

/// Lays a chart out as a display list, the one form every output is drawn from.
pub fn chart_drawing(spec: &ChartSpec, style: &ChartStyle) -> Result<Drawing, RenderError> {
    spec.validate()?;
    let ctx = Ctx {
        spec,
        style,
        family: &style.fonts.get(FontRole::Hei).family,
        bold_family: &style.fonts.get(FontRole::HeiBold).family,
    };
    let body: Box<dyn Body> = match spec.kind {
        ChartKind::Bar | ChartKind::GroupedBar | ChartKind::StackedBar => Box::new(bars::Bars),
        ChartKind::HorizontalBar => Box::new(hbar::HorizontalBars),
        ChartKind::Line => Box::new(line::Lines),
        ChartKind::Pie | ChartKind::Donut => Box::new(pie::Pie),
        ChartKind::KeyFigures => Box::new(figures::KeyFigures),
        ChartKind::Table => Box::new(table::Table),
    };
    let text_width = ctx.right() - ctx.left();
    let title = labels::wrap(&ctx, &spec.title, TITLE, true, text_width, 2);
    let subtitle = if spec.subtitle.trim().is_empty() {
        Vec::new()
    } else {
        labels::wrap(&ctx, &spec.subtitle, SUBTITLE, false, text_width, 2)
    };
    let notes: Vec<String> = spec
        .annotations
        .iter()
        .filter(|_| spec.kind != ChartKind::KeyFigures)
        .flat_map(|a| {
            labels::wrap(
                &ctx,
                &format!("注：{}——{}", a.category, a.text),
                NOTE,
                false,
                text_width,
                3,
            )
        })
        .collect();
    let source = labels::wrap(
        &ctx,
        &format!("数据来源：{}", spec.source),
        NOTE,
        false,
        text_width,
        3,
    );

    let mut y = 40.0;
    let title_top = y;
    y += title.len() as f32 * TITLE * 1.25;
    let subtitle_top = y;
    y += subtitle.len() as f32 * SUBTITLE * 1.35;
    y += 28.0;
    let body_top = y;
    let body_height = body.height(&ctx);
    y += body_height + 24.0;
    let notes_top = y;
    y += (notes.len() + source.len()) as f32 * NOTE * 1.45 + 28.0;

    let mut canvas = Drawing::new(style.width, y.ceil());
    // A short red rule before the title marks the chart as official material.
    canvas.rect(
        ctx.left(),
        title_top + 6.0,
        8.0,
        TITLE,
        palette::ACCENT_RED,
        0.0,
    );
    for (i, line) in title.iter().enumerate() {
        let baseline = title_top + TITLE + i as f32 * TITLE * 1.25;
        canvas.text(
            ctx.left() + 22.0,
            baseline,
            line,
            &ctx.text(TITLE, palette::INK, Anchor::Start, true),
        );
    }
    for (i, line) in subtitle.iter().enumerate() {
        let baseline = subtitle_top + SUBTITLE * 1.2 + i as f32 * SUBTITLE * 1.35;
        canvas.text(
            ctx.left() + 22.0,
            baseline,
            line,
            &ctx.text(SUBTITLE, palette::MUTED, Anchor::Start, false),
        );
    }
    body.draw(&ctx, &mut canvas, body_top);
    for (i, line) in notes.iter().chain(source.iter()).enumerate() {
        let baseline = notes_top + NOTE * 1.1 + i as f32 * NOTE * 1.45;
        canvas.text(
            ctx.left(),
            baseline,
            line,
            &ctx.text(NOTE, palette::MUTED, Anchor::Start, false),
        );
    }
    refuse_missing_glyphs(spec, &canvas, &style.fonts)?;
    Ok(canvas)
}

/// Refuses a chart with a character no font has, naming the chart and the label: every output
/// drawn from the display list (SVG, PNG, PDF, OFD, the long image) would show an empty box.
fn refuse_missing_glyphs(
    spec: &ChartSpec,
    canvas: &Drawing,
    fonts: &FontSet,
) -> Result<(), RenderError> {
    for p in &canvas.prims {
        if let Prim::Text { text, .. } = p {
            if let Some(ch) = text.chars().find(|c| !fonts.can_draw(*c)) {
                return Err(RenderError::ChartMissingGlyph {
                    chart: spec.id.clone(),
                    ch,
                    code: ch as u32,
                    text: text.clone(),
                });
            }
        }
    }
    Ok(())
}

/// Draws the unit label (单位：…) at the top left of a plot.
pub(crate) fn unit_label(ctx: &Ctx<'_>, canvas: &mut Drawing, x: f32, y: f32) {
    if !ctx.spec.unit.trim().is_empty() {
        let text = format!("单位：{}", ctx.spec.unit);
        canvas.text(
            x,
            y,
            &text,
            &ctx.text(LABEL * 0.9, palette::MUTED, Anchor::Start, false),
        );
    }
}

/// Draws a legend row of series names from `x` at baseline `y`; returns the height used.
pub(crate) fn legend(ctx: &Ctx<'_>, canvas: &mut Drawing, y: f32) -> f32 {
    if ctx.spec.series.len() < 2 {
        return 0.0;
    }
    let mut x = ctx.left();
    let mut row = 0.0;
    for (i, s) in ctx.spec.series.iter().enumerate() {
        let w = 28.0 + ctx.measure(&s.name, LABEL, false) + 32.0;
        if x + w > ctx.right() && x > ctx.left() {
            x = ctx.left();
            row += LABEL * 1.6;
        }
        canvas.rect(
            x,
            y + row - LABEL * 0.75,
            20.0,
            20.0,
            palette::series(ctx.spec.palette, i),
            3.0,
        );
        canvas.text(
            x + 28.0,
            y + row,
            &s.name,
            &ctx.text(LABEL, palette::INK, Anchor::Start, false),
        );
        x += w;
    }
    row + LABEL * 1.6
}

/// Height a legend will take (0 for a single series).
pub(crate) fn legend_height(ctx: &Ctx<'_>) -> f32 {
    if ctx.spec.series.len() < 2 {
        return 0.0;
    }
    let mut x = ctx.left();
    let mut rows = 1.0;
    for s in &ctx.spec.series {
        let w = 28.0 + ctx.measure(&s.name, LABEL, false) + 32.0;
        if x + w > ctx.right() && x > ctx.left() {
            x = ctx.left();
            rows += 1.0;
        }
        x += w;
    }
    rows * LABEL * 1.6
}

/// The colour of a category in a single-series chart: the highlight, or the series colour.
pub(crate) fn category_color(ctx: &Ctx<'_>, series: usize, category: usize) -> &'static str {
    let highlighted = ctx
        .spec
        .highlight
        .as_deref()
        .is_some_and(|h| ctx.spec.categories[category] == h);
    if highlighted && ctx.spec.series.len() == 1 {
        palette::highlight(ctx.spec.palette)
    } else {
        palette::series(ctx.spec.palette, series)
    }
}

#[cfg(test)]
mod tests;
