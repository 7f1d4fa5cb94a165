//! The 一图读懂 long image: one tall display list, 1080 px wide, composed of a title band,
//! the key figures, every chart and the key points as numbered cards, in the pack's palette.
//!
//! The charts are the same drawings the SVG and PNG files are made from, scaled into cards;
//! the images the interpreters chose for it (`in_long_image`) follow as photo cards.

use super::embargo;
use super::texts::Facts;
use crate::chart::drawing::{Anchor, Drawing, Prim, TextStyle};
use crate::chart::palette;
use crate::fonts::{FontRole, FontSet};
use crate::layout::linebreak::{
    break_paragraph_with, Measure, SetLine, Setting, Span, NO_LINE_START,
};
use jiedu_core::chart::{ChartKind, ChartSpec, Palette};

/// Width of the image in px (the WeChat article width).
pub const WIDTH: f32 = 1080.0;
/// Side margin of the cards.
const MARGIN: f32 = 40.0;
/// Width of a card.
const CARD: f32 = WIDTH - 2.0 * MARGIN;
/// Page background below the title band.
const BACKGROUND: &str = "#eef2f7";
/// Card background.
const WHITE: &str = "#ffffff";
/// Vertical gap between cards.
const GAP: f32 = 28.0;

/// A chart ready to be placed: its spec and its drawing.
pub(crate) struct PlacedChart<'a> {
    /// The spec (for its kind).
    pub spec: &'a ChartSpec,
    /// Its drawing, as made for the chart files.
    pub drawing: &'a Drawing,
}

/// A picture ready to be placed: the image as a data URL, its pixel size and its caption.
pub(crate) struct PlacedPicture {
    /// `data:image/...;base64,...`.
    pub href: std::sync::Arc<str>,
    /// Width in px.
    pub width: u32,
    /// Height in px.
    pub height: u32,
    /// Caption and credit, one line.
    pub caption: String,
}

/// The tallest a picture may stand, relative to its card's width: a portrait photo is cropped
/// to this rather than filling the whole long image.
const PICTURE_MAX_ASPECT: f32 = 1.25;

/// The colours of the image, from the pack's palette.
struct Colors {
    /// Title band, number badges, section pills.
    accent: &'static str,
    /// The kicker and decorative rules on the band.
    gold: &'static str,
    /// The embargo strip: red, unless the band is red already.
    embargo: &'static str,
}

impl Colors {
    fn of(palette: Palette) -> Self {
        Colors {
            accent: palette::series(palette, 0),
            gold: match palette {
                Palette::Government => palette::series(palette, 4),
                Palette::Red => "#f6d58e",
            },
            embargo: match palette {
                Palette::Government => palette::ACCENT_RED,
                Palette::Red => palette::INK,
            },
        }
    }
}

/// Draws text into the long image, measured with the bundled fonts.
struct Composer<'a> {
    fonts: &'a FontSet,
    canvas: Drawing,
    colors: Colors,
}

impl Composer<'_> {
    fn family(&self, role: FontRole) -> &str {
        &self.fonts.get(role).family
    }

    /// Breaks text set in `spans` into lines no wider than `width`.
    fn lines(&self, spans: &[Span], width: f32) -> Vec<SetLine> {
        // The raster draws whole runs, so the lines are set with plain advances.
        break_paragraph_with(
            self.fonts,
            spans,
            Measure::plain(width),
            Setting {
                plain: true,
                ..Setting::default()
            },
        )
    }

    /// Draws one set line; `x` is its left edge, or its centre when `centre` is set. Bold
    /// spans are drawn in `bold_fill`, the others in `fill`.
    fn draw_line(
        &mut self,
        line: &SetLine,
        (x, baseline): (f32, f32),
        centre: bool,
        fill: &str,
        bold_fill: &str,
    ) {
        let width: f32 = line
            .spans
            .iter()
            .map(|s| self.fonts.measure(s.role, &s.text, s.size))
            .sum();
        let mut at = if centre { x - width / 2.0 } else { x };
        for span in &line.spans {
            let bold = matches!(span.role, FontRole::HeiBold | FontRole::Title);
            let color = if bold { bold_fill } else { fill };
            let family = self.family(span.role).to_string();
            self.canvas.text(
                at,
                baseline,
                &span.text,
                &TextStyle {
                    family: &family,
                    size: span.size,
                    fill: color,
                    anchor: Anchor::Start,
                    bold,
                    rotate: 0.0,
                },
            );
            at += self.fonts.measure(span.role, &span.text, span.size);
        }
    }

    /// Breaks text into lines no wider than `width` and of even length, so that a centred
    /// title never ends with an orphaned word on its last line.
    fn balanced_lines(&self, spans: &[Span], width: f32) -> Vec<SetLine> {
        let lines = self.lines(spans, width);
        if lines.len() < 2 {
            return lines;
        }
        let total: f32 = spans
            .iter()
            .map(|s| self.fonts.measure(s.role, &s.text, s.size))
            .sum();
        let size = spans.iter().map(|s| s.size).fold(0.0, f32::max);
        let even = total / lines.len() as f32 + size;
        let balanced = self.lines(spans, even.min(width));
        if balanced.len() == lines.len() {
            balanced
        } else {
            lines
        }
    }

    /// Draws a centred paragraph from `top`; returns the height used.
    fn centred(&mut self, text: &str, role: FontRole, size: f32, top: f32, fill: &str) -> f32 {
        let lead = size * 1.4;
        let lines = self.balanced_lines(&[Span::new(text, role, size)], CARD - 40.0);
        for (i, line) in lines.iter().enumerate() {
            let baseline = top + size * 0.95 + i as f32 * lead;
            self.draw_line(line, (WIDTH / 2.0, baseline), true, fill, fill);
        }
        lines.len() as f32 * lead
    }

    /// The title's size and lines: two lines break after the last 的 when both halves fit
    /// (关于……工作的 / 实施意见), else evenly; a title of more than three lines is set smaller.
    fn title_lines(&self, title: &str, width: f32) -> (f32, Vec<SetLine>) {
        let mut size = 60.0;
        let mut lines = self.balanced_lines(&[Span::new(title, FontRole::Title, size)], width);
        if lines.len() > 3 {
            size = 48.0;
            lines = self.balanced_lines(&[Span::new(title, FontRole::Title, size)], width);
        }
        if lines.len() == 2 {
            let fits = |s: &str| self.fonts.measure(FontRole::Title, s, size) <= width;
            let split = title
                .rmatch_indices('的')
                .map(|(i, c)| i + c.len())
                .filter(|&i| i < title.len())
                .map(|i| title.split_at(i))
                .find(|(head, tail)| {
                    !tail.starts_with(|c| NO_LINE_START.contains(c)) && fits(head) && fits(tail)
                });
            if let Some((head, tail)) = split {
                lines = [head, tail]
                    .into_iter()
                    .flat_map(|part| self.lines(&[Span::new(part, FontRole::Title, size)], width))
                    .collect();
            }
        }
        (size, lines)
    }

    /// The title band: kicker, policy title, issuer line. Returns its height.
    fn title_band(&mut self, facts: &Facts<'_>) -> f32 {
        let kicker = "一图读懂";
        let kicker_size = 40.0;
        let (title_size, title_lines) = self.title_lines(facts.title(), WIDTH - 160.0);
        let title_lead = title_size * 1.35;
        let mut issuer = vec![facts.authority().to_string()];
        if let Some(number) = facts.pack.policy().doc_number.as_deref() {
            issuer.push(number.trim().to_string());
        }
        if let Some(release) = facts.release_at {
            issuer.push(format!("{}发布", embargo::date_zh(release)));
        }
        let issuer: Vec<String> = issuer.into_iter().filter(|s| !s.is_empty()).collect();
        let issuer = issuer.join("　");
        let issuer_size = 28.0;
        let issuer_lines = if issuer.is_empty() {
            Vec::new()
        } else {
            self.balanced_lines(&[Span::new(&issuer, FontRole::Hei, issuer_size)], CARD)
        };

        let kicker_base = 64.0 + kicker_size;
        let title_top = kicker_base + 44.0;
        let issuer_top = title_top + title_lines.len() as f32 * title_lead + 20.0;
        let height = issuer_top + issuer_lines.len() as f32 * issuer_size * 1.5 + 56.0;

        self.canvas
            .rect(0.0, 0.0, WIDTH, height, self.colors.accent, 0.0);
        let kicker_w = self.fonts.measure(FontRole::HeiBold, kicker, kicker_size);
        let rule_y = kicker_base - kicker_size * 0.35;
        let gold = self.colors.gold;
        for side in [-1.0f32, 1.0] {
            let inner = WIDTH / 2.0 + side * (kicker_w / 2.0 + 24.0);
            let outer = inner + side * 96.0;
            self.canvas.line(inner, rule_y, outer, rule_y, gold, 3.0);
        }
        let family = self.family(FontRole::HeiBold).to_string();
        self.canvas.text(
            WIDTH / 2.0,
            kicker_base,
            kicker,
            &TextStyle {
                family: &family,
                size: kicker_size,
                fill: gold,
                anchor: Anchor::Middle,
                bold: true,
                rotate: 0.0,
            },
        );
        for (i, line) in title_lines.iter().enumerate() {
            let baseline = title_top + title_size * 0.95 + i as f32 * title_lead;
            self.draw_line(line, (WIDTH / 2.0, baseline), true, WHITE, WHITE);
        }
        for (i, line) in issuer_lines.iter().enumerate() {
            let baseline = issuer_top + issuer_size * 0.95 + i as f32 * issuer_size * 1.5;
            self.draw_line(line, (WIDTH / 2.0, baseline), true, "#dbe6f1", "#dbe6f1");
        }
        height
    }

    /// The red embargo strip at `top`. Returns its height.
    fn embargo_strip(&mut self, until: chrono::DateTime<chrono::Utc>, top: f32) -> f32 {
        let zh = embargo::notice_zh(until);
        let en = embargo::notice_en(until);
        let zh_lines = self.balanced_lines(&[Span::new(&zh, FontRole::HeiBold, 30.0)], CARD);
        let en_lines = self.balanced_lines(&[Span::new(&en, FontRole::Hei, 24.0)], CARD);
        let height = 26.0 + zh_lines.len() as f32 * 42.0 + en_lines.len() as f32 * 34.0 + 22.0;
        let strip = self.colors.embargo;
        self.canvas.rect(0.0, top, WIDTH, height, strip, 0.0);
        let mut y = top + 26.0;
        for line in &zh_lines {
            self.draw_line(line, (WIDTH / 2.0, y + 30.0 * 0.95), true, WHITE, WHITE);
            y += 42.0;
        }
        for line in &en_lines {
            self.draw_line(line, (WIDTH / 2.0, y + 24.0 * 0.95), true, WHITE, WHITE);
            y += 34.0;
        }
        height
    }

    /// A section heading: a centred pill in the accent colour. Returns the height used.
    fn section(&mut self, title: &str, top: f32) -> f32 {
        let size = 36.0;
        let w = self.fonts.measure(FontRole::HeiBold, title, size) + 80.0;
        let h = 68.0;
        let y = top + 48.0;
        self.canvas
            .rect(WIDTH / 2.0 - w / 2.0, y, w, h, self.colors.accent, h / 2.0);
        let family = self.family(FontRole::HeiBold).to_string();
        self.canvas.text(
            WIDTH / 2.0,
            y + h / 2.0 + size * 0.36,
            title,
            &TextStyle {
                family: &family,
                size,
                fill: WHITE,
                anchor: Anchor::Middle,
                bold: true,
                rotate: 0.0,
            },
        );
        48.0 + h + 32.0
    }

    /// A chart drawing scaled into a white card at `top`. Returns the height used.
    fn chart_card(&mut self, drawing: &Drawing, top: f32) -> f32 {
        let scale = CARD / drawing.width.max(1.0);
        let h = drawing.height * scale;
        self.canvas.rect(MARGIN, top, CARD, h, WHITE, 20.0);
        self.canvas.prims.extend(
            drawing
                .prims
                .iter()
                .map(|p| Prim::placed(p, scale, MARGIN, top)),
        );
        h + GAP
    }

    /// A picture in a white card at `top`, its caption under it. Returns the height used.
    fn picture_card(&mut self, picture: &PlacedPicture, top: f32) -> f32 {
        let inner = CARD - 32.0;
        let aspect =
            (picture.height.max(1) as f32 / picture.width.max(1) as f32).min(PICTURE_MAX_ASPECT);
        let h = inner * aspect;
        let caption_top = top + 16.0 + h + 12.0;
        // The card is drawn first and sized once the caption is set.
        let card = self.canvas.prims.len();
        self.canvas.rect(MARGIN, top, CARD, 0.0, WHITE, 20.0);
        self.canvas.prims.push(Prim::Picture {
            x: MARGIN + 16.0,
            y: top + 16.0,
            w: inner,
            h,
            href: picture.href.clone(),
        });
        let used = if picture.caption.trim().is_empty() {
            0.0
        } else {
            self.centred(
                &picture.caption,
                FontRole::Hei,
                26.0,
                caption_top,
                palette::MUTED,
            )
        };
        let total = 16.0 + h + 12.0 + used + 16.0;
        if let Some(Prim::Rect { h, .. }) = self.canvas.prims.get_mut(card) {
            *h = total;
        }
        total + GAP
    }

    /// A numbered key-point card at `top`: the first clause in bold accent, the rest in ink.
    /// Returns the height used.
    fn point_card(&mut self, number: usize, text: &str, top: f32) -> f32 {
        let size = 32.0;
        let lead = size * 1.6;
        let pad = 36.0;
        let badge = 72.0;
        let text_x = MARGIN + pad + badge + 28.0;
        let text_w = MARGIN + CARD - pad - 8.0 - text_x;
        let spans = match lead_clause(text) {
            Some((head, rest)) => vec![
                Span::new(head, FontRole::HeiBold, size),
                Span::new(rest, FontRole::Hei, size),
            ],
            None => vec![Span::new(text, FontRole::Hei, size)],
        };
        let lines = self.lines(&spans, text_w);
        let text_h = (lines.len().max(1) - 1) as f32 * lead + size * 1.25;
        let h = pad * 2.0 + text_h.max(badge);
        self.canvas.rect(MARGIN, top, CARD, h, WHITE, 20.0);
        self.canvas.rect(
            MARGIN + pad,
            top + pad,
            badge,
            badge,
            self.colors.accent,
            14.0,
        );
        let family = self.family(FontRole::HeiBold).to_string();
        self.canvas.text(
            MARGIN + pad + badge / 2.0,
            top + pad + badge / 2.0 + 36.0 * 0.36,
            &format!("{number:02}"),
            &TextStyle {
                family: &family,
                size: 36.0,
                fill: WHITE,
                anchor: Anchor::Middle,
                bold: true,
                rotate: 0.0,
            },
        );
        // Centre a one-line point on the badge; longer points start at the badge's top.
        let text_top = if text_h < badge {
            top + pad + (badge - text_h) / 2.0
        } else {
            top + pad
        };
        for (i, line) in lines.iter().enumerate() {
            let baseline = text_top + size * 0.95 + i as f32 * lead;
            let accent = self.colors.accent;
            self.draw_line(line, (text_x, baseline), false, palette::INK, accent);
        }
        h + GAP
    }
}

/// Splits a key point into its first clause (to the first ，or ：, if short) and the rest.
fn lead_clause(text: &str) -> Option<(&str, &str)> {
    let (i, c) = text
        .char_indices()
        .find(|(_, c)| matches!(c, '，' | '：'))?;
    let end = i + c.len_utf8();
    let head = &text[..end];
    let count = head.chars().count();
    (4..=22)
        .contains(&count)
        .then(|| (head, &text[end..]))
        .filter(|(_, rest)| !rest.is_empty())
}

/// The palette of the pack: that of its first chart, else the government default.
fn pack_palette(charts: &[PlacedChart<'_>]) -> Palette {
    charts.first().map(|c| c.spec.palette).unwrap_or_default()
}

/// Composes the long image.
pub(crate) fn long_image(
    facts: &Facts<'_>,
    charts: &[PlacedChart<'_>],
    pictures: &[PlacedPicture],
    key_points: &[String],
    fonts: &FontSet,
) -> Drawing {
    let mut c = Composer {
        fonts,
        canvas: Drawing::new(WIDTH, 0.0),
        colors: Colors::of(pack_palette(charts)),
    };
    // The page background, sized once the height is known.
    c.canvas.rect(0.0, 0.0, WIDTH, 0.0, BACKGROUND, 0.0);
    let mut y = c.title_band(facts);
    if let Some(until) = facts.embargo {
        y += c.embargo_strip(until, y);
    }
    let (figures, others): (Vec<&PlacedChart<'_>>, Vec<&PlacedChart<'_>>) = charts
        .iter()
        .partition(|ch| ch.spec.kind == ChartKind::KeyFigures);
    if !figures.is_empty() {
        y += c.section("关键数字", y);
        for chart in figures {
            y += c.chart_card(chart.drawing, y);
        }
    }
    if !others.is_empty() {
        y += c.section("图表解读", y);
        for chart in others {
            y += c.chart_card(chart.drawing, y);
        }
    }
    if !pictures.is_empty() {
        y += c.section("图说政策", y);
        for picture in pictures {
            y += c.picture_card(picture, y);
        }
    }
    if !key_points.is_empty() {
        y += c.section("政策要点", y);
        for (i, point) in key_points.iter().enumerate() {
            y += c.point_card(i + 1, point, y);
        }
    }

    // Footer: source and provenance, the embargo again, a closing rule.
    y += 24.0;
    let source = if facts.authority().is_empty() {
        format!("《{}》", facts.title())
    } else {
        format!("来源：{}《{}》", facts.authority(), facts.title())
    };
    y += c.centred(&source, FontRole::Hei, 24.0, y, palette::MUTED) + 6.0;
    let trace = format!(
        "依据已审签的解读包生成　审签人：{}　内容哈希：{}",
        facts.record.signer_name,
        facts.record.content_hash.short()
    );
    y += c.centred(&trace, FontRole::Hei, 22.0, y, palette::MUTED);
    if let Some(until) = facts.embargo {
        y += c.centred(
            &embargo::notice_zh(until),
            FontRole::HeiBold,
            24.0,
            y + 8.0,
            palette::ACCENT_RED,
        ) + 8.0;
    }
    y += 40.0;
    let accent = c.colors.accent;
    c.canvas.rect(0.0, y, WIDTH, 16.0, accent, 0.0);
    y += 16.0;

    let height = y.ceil();
    if let Some(Prim::Rect { h, .. }) = c.canvas.prims.first_mut() {
        *h = height;
    }
    c.canvas.height = height;
    c.canvas
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placing_moves_and_scales_every_coordinate() {
        let text = Prim::Text {
            x: 10.0,
            y: 20.0,
            text: "数".into(),
            family: "Noto Sans SC".into(),
            size: 40.0,
            fill: "#000000".into(),
            anchor: Anchor::Start,
            bold: false,
            rotate: 0.0,
        };
        let Prim::Text { x, y, size, .. } = Prim::placed(&text, 0.5, 100.0, 1000.0) else {
            panic!("text stays text");
        };
        assert_eq!((x, y, size), (105.0, 1010.0, 20.0));
        let poly = Prim::Polygon {
            points: vec![(0.0, 0.0), (2.0, 4.0)],
            fill: "#000000".into(),
        };
        let Prim::Polygon { points, .. } = Prim::placed(&poly, 2.0, 1.0, 1.0) else {
            panic!("polygon stays polygon");
        };
        assert_eq!(points, vec![(1.0, 1.0), (5.0, 9.0)]);
    }

    /// Every unrotated text run of a drawing lies inside it, with `margin` to spare.
    fn assert_text_inside(fonts: &FontSet, drawing: &Drawing, margin: f32) {
        for prim in &drawing.prims {
            let Prim::Text {
                x,
                y,
                text,
                size,
                anchor,
                bold,
                rotate,
                ..
            } = prim
            else {
                continue;
            };
            if *rotate != 0.0 {
                continue;
            }
            let role = if *bold {
                FontRole::HeiBold
            } else {
                FontRole::Hei
            };
            let w = fonts.measure(role, text, *size);
            let (left, right) = match anchor {
                Anchor::Start => (*x, x + w),
                Anchor::Middle => (x - w / 2.0, x + w / 2.0),
                Anchor::End => (x - w, *x),
            };
            assert!(
                left >= margin - 1.0 && right <= drawing.width - margin + 1.0,
                "{text:?} runs from {left} to {right}"
            );
            assert!(*y > 0.0 && *y < drawing.height, "{text:?} at y {y}");
        }
    }

    #[test]
    fn long_titles_and_points_stay_inside_the_image() {
        use crate::chart::{chart_drawing, ChartStyle};
        let fonts = FontSet::bundled().expect("fonts");
        let mut pack: jiedu_core::pack::Pack =
            serde_json::from_str(include_str!("../../../../resources/demo/seed-pack.json"))
                .expect("demo pack");
        pack.content.policy.title =
            "关于进一步加强和改进新形势下国土资源政务公开、政策解读与回应社会关切工作并推进“互联网+政务服务”的若干意见（试行）"
                .into();
        pack.content.policy.issuing_authority.clear();
        let long = "按照“谁起草、谁解读”的原则，".to_string() + &"政策文件与解读方案同步组织、同步审签、同步部署，ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".repeat(4);
        let mut points = vec![long, "短。".to_string()];
        points.extend(
            pack.content
                .plan
                .as_ref()
                .map(|p| p.key_points.clone())
                .unwrap_or_default(),
        );
        for chart in &mut pack.content.materials.charts {
            chart.palette = Palette::Red;
        }
        let style = ChartStyle::new(fonts.clone());
        let drawings: Vec<Drawing> = pack
            .content
            .materials
            .charts
            .iter()
            .map(|c| chart_drawing(c, &style).expect("chart"))
            .collect();
        let placed: Vec<PlacedChart<'_>> = pack
            .content
            .materials
            .charts
            .iter()
            .zip(&drawings)
            .map(|(spec, drawing)| PlacedChart { spec, drawing })
            .collect();
        let record: jiedu_core::pack::SignRecord = serde_json::from_value(serde_json::json!({
            "signer_id": "li.hua", "signer_name": "李华", "signed_at": "2026-11-28T01:30:00Z",
            "revision": 1, "content_hash": pack.content_hash().0, "algorithm": "ed25519",
            "public_key": "", "signature": "",
        }))
        .expect("record");
        let until = chrono::DateTime::parse_from_rfc3339("2026-12-01T02:00:00Z")
            .expect("time")
            .to_utc();
        let facts = Facts {
            pack: &pack,
            record: &record,
            release_at: Some(until),
            embargo: Some(until),
            contact: "",
        };
        let image = long_image(&facts, &placed, &[], &points, &fonts);
        assert_text_inside(&fonts, &image, 40.0);
        assert_eq!(image.width, WIDTH);
        // With no charts and no points there is still a title band and a footer.
        let bare = long_image(&facts, &[], &[], &[], &fonts);
        assert_text_inside(&fonts, &bare, 40.0);
        assert!(bare.height > 400.0 && bare.height < image.height);
    }

    #[test]
    fn the_first_clause_of_a_point_is_its_lead() {
        assert_eq!(
            lead_clause("坚持以公开为常态、不公开为例外，依法应当公开的全部实现公开。"),
            Some((
                "坚持以公开为常态、不公开为例外，",
                "依法应当公开的全部实现公开。"
            ))
        );
        assert_eq!(lead_clause("没有逗号的要点。"), None);
    }
}
