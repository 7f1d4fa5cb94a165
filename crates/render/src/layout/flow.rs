//! A flow: places lines and blocks down the text block, starting new pages as needed.

use super::geometry::PITCH;
use super::geometry::{BLOCK_BOTTOM, BLOCK_H, BLOCK_W, LEFT, TOP};
use super::linebreak::{break_paragraph_with, Measure, Setting, Span};
use super::{Item, OutlineEntry, Page, Rgb, Role, StructNode, Tag};
use crate::chart::drawing::Drawing;
use crate::fonts::FontSet;

/// The most of the block's height one chart may take.
pub const CHART_MAX_H: f32 = 0.42;

/// The cursor over the pages being filled.
pub struct Flow<'a> {
    /// The fonts, for measuring.
    pub fonts: &'a FontSet,
    /// Finished and current pages.
    pub pages: Vec<Page>,
    /// Outline entries so far.
    pub outline: Vec<OutlineEntry>,
    /// Distance from the top of the page to the next free line.
    pub y: f32,
    /// The folio of the flow's first page less one: the pages that come before it.
    pub folio_offset: usize,
    /// The logical structure built so far.
    pub structure: Vec<StructNode>,
    /// Open container elements (a table, a row), innermost last.
    containers: Vec<usize>,
    /// The element that text pushed now belongs to, if one is open.
    leaf: Option<usize>,
    /// The level of the last heading, so that none is skipped.
    last_heading: u8,
    /// How many leading characters of the next paragraph are its number (Lbl).
    pub label: u16,
}

impl<'a> Flow<'a> {
    /// A flow that starts on a fresh page.
    pub fn new(fonts: &'a FontSet) -> Self {
        Flow {
            fonts,
            pages: vec![Page::default()],
            outline: Vec::new(),
            y: TOP,
            folio_offset: 0,
            structure: Vec::new(),
            containers: Vec::new(),
            leaf: None,
            last_heading: 0,
            label: 0,
        }
    }

    /// A new structure element inside the innermost open container.
    pub fn node(&mut self, role: Role, alt: Option<String>) -> usize {
        self.structure.push(StructNode {
            role,
            parent: self.containers.last().copied(),
            alt,
        });
        self.structure.len() - 1
    }

    /// Runs `f` with everything it sets belonging to one new element of `role`.
    pub fn tagged<R>(&mut self, role: Role, f: impl FnOnce(&mut Self) -> R) -> R {
        let id = self.node(role, None);
        let outer = self.leaf.replace(id);
        let out = f(self);
        self.leaf = outer;
        out
    }

    /// Runs `f` inside a new container element of `role` (a table, a row).
    pub fn within<R>(&mut self, role: Role, f: impl FnOnce(&mut Self) -> R) -> R {
        let id = self.node(role, None);
        self.containers.push(id);
        let outer = self.leaf.take();
        let out = f(self);
        self.leaf = outer;
        self.containers.pop();
        out
    }

    /// Runs `f` as a heading of `level`, lowered so that no level is skipped after the last.
    pub fn heading<R>(&mut self, level: u8, f: impl FnOnce(&mut Self) -> R) -> R {
        let level = level.clamp(1, self.last_heading + 1);
        self.last_heading = level;
        self.tagged(Role::H(level), f)
    }

    /// The tag for text set now: the open element's, else a new paragraph's.
    fn text_tag(&mut self) -> Tag {
        let id = match self.leaf {
            Some(id) => id,
            None => self.node(Role::P, None),
        };
        Tag::Node { id, label: 0 }
    }

    /// Index of the current page.
    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    /// Starts a new page unless the current one is still empty.
    pub fn new_page(&mut self) {
        if !self.current().items.is_empty() {
            let y = self.y;
            self.current().filled_to = y;
            self.pages.push(Page::default());
        }
        self.y = TOP;
    }

    /// Whether the current page has an even folio, as a document's last page in print.
    pub fn even_page(&self) -> bool {
        (self.page_index() + self.folio_offset).is_multiple_of(2)
    }

    /// The current page carries no folio.
    pub fn mark_no_folio(&mut self) {
        self.current().no_folio = true;
    }

    /// Adds a page that stays blank and carries no folio, then starts the next one.
    pub fn blank_page(&mut self) {
        self.new_page();
        self.current().no_folio = true;
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Moves the end of the last page's predecessor forward when the last page holds only one
    /// or two lines of a part, so that it holds three.
    pub fn settle_tail(&mut self, part_start: usize) {
        let used = self.y - TOP;
        if self.page_index() <= part_start || used <= 0.01 || used > 2.0 * PITCH + 0.5 {
            return;
        }
        self.carry_forward(3.0 * PITCH - used);
    }

    /// Moves at least `height` of the previous page's last lines and blocks to the top of the
    /// current page, from the lowest clean cut, shifting what is there down by the same height:
    /// a 署名 never stands on a page without text, nor a part's last line alone.
    pub fn carry_forward(&mut self, height: f32) {
        let last = self.pages.len() - 1;
        if last == 0 {
            return;
        }
        let prev = &self.pages[last - 1];
        let filled = if prev.filled_to > 0.0 {
            prev.filled_to
        } else {
            BLOCK_BOTTOM
        };
        let want = filled - height;
        let extents: Vec<(f32, f32)> = prev.items.iter().map(extent).collect();
        // A cut is clean where no element straddles it; the element starting at it moves.
        let Some(cut) = extents
            .iter()
            .map(|(top, _)| *top)
            .filter(|c| *c <= want + 0.01 && *c > TOP + 3.0 * PITCH - 0.01)
            .filter(|c| {
                extents
                    .iter()
                    .all(|(t, b)| *b <= c + 0.01 || *t >= c - 0.01)
            })
            .fold(None, |best: Option<f32>, c| {
                Some(best.map_or(c, |b| b.max(c)))
            })
        else {
            return;
        };
        let moved_h = filled - cut;
        if self.y + moved_h > BLOCK_BOTTOM + 0.01 {
            return;
        }
        let (moved, kept): (Vec<Item>, Vec<Item>) = std::mem::take(&mut self.pages[last - 1].items)
            .into_iter()
            .partition(|i| extent(i).0 >= cut - 0.01);
        self.pages[last - 1].items = kept;
        self.pages[last - 1].filled_to = cut;
        let tail = std::mem::take(&mut self.pages[last].items);
        let mut items: Vec<Item> = moved.into_iter().map(|i| shifted(i, TOP - cut)).collect();
        items.extend(tail.into_iter().map(|i| shifted(i, moved_h)));
        self.pages[last].items = items;
        self.y += moved_h;
    }

    fn current(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Space left on the current page.
    pub fn remaining(&self) -> f32 {
        BLOCK_BOTTOM - self.y
    }

    /// Makes sure `h` fits, starting a new page if not.
    pub fn ensure(&mut self, h: f32) {
        if self.remaining() + 0.01 < h {
            self.new_page();
        }
    }

    /// Records an outline entry for the current page.
    pub fn bookmark(&mut self, title: &str) {
        let page = self.page_index();
        self.outline.push(OutlineEntry {
            title: title.to_string(),
            page,
        });
    }

    /// Adds an element to the current page; text not yet tagged joins the open element, or
    /// becomes a paragraph of its own.
    pub fn push(&mut self, mut item: Item) {
        if let Item::Text { tag, .. } = &mut item {
            if *tag == Tag::Auto {
                *tag = self.text_tag();
            }
        }
        self.current().items.push(item);
    }

    /// Moves the cursor down.
    pub fn advance(&mut self, h: f32) {
        self.y += h;
    }

    /// Sets a paragraph at `x` (left of the measure), one line per `pitch`, each baseline
    /// `baseline` below the line's top. Returns the number of lines.
    pub fn paragraph(
        &mut self,
        spans: &[Span],
        x: f32,
        m: Measure,
        pitch: f32,
        baseline: f32,
        color: Rgb,
    ) -> usize {
        self.paragraph_with(spans, x, m, Setting::default(), (pitch, baseline), color)
    }

    /// [`Flow::paragraph`] with a hanging indent. Never leaves a paragraph's first line alone
    /// at a page's foot or its last line alone at the head of the next.
    pub fn paragraph_with(
        &mut self,
        spans: &[Span],
        x: f32,
        m: Measure,
        setting: Setting,
        (pitch, baseline): (f32, f32),
        color: Rgb,
    ) -> usize {
        let lines = break_paragraph_with(self.fonts, spans, m, setting);
        let n = lines.len();
        let tag = self.text_tag();
        let label = std::mem::take(&mut self.label);
        let fit = ((self.remaining() + 0.01) / pitch).floor() as usize;
        // Break early at `early` lines on this page, or not at all.
        let early = if n >= 2 && fit == 1 {
            Some(0)
        } else if fit >= 3 && n == fit + 1 {
            Some(fit - 1)
        } else {
            None
        };
        for (i, line) in lines.iter().enumerate() {
            if early == Some(i) {
                self.new_page();
            }
            self.ensure(pitch);
            let y = self.y + baseline;
            self.push(Item::Text {
                x: x + line.indent,
                y,
                spans: line.spans.clone(),
                spacing: line.spacing,
                color,
                tag: match tag {
                    Tag::Node { id, .. } if i == 0 => Tag::Node { id, label },
                    other => other,
                },
            });
            self.y += pitch;
        }
        lines.len()
    }

    /// Keeps `lines` lines of `pitch` together on one page: a heading with the start of what
    /// follows it.
    pub fn keep(&mut self, lines: usize, pitch: f32) {
        self.ensure(lines as f32 * pitch);
    }

    /// Places a chart drawing, centred, at the block width or smaller: no taller than
    /// [`CHART_MAX_H`] of the block, so that two ordinary charts share a page.
    pub fn chart(&mut self, drawing: Drawing, alt: String) {
        let scale = (BLOCK_W / drawing.width).min(BLOCK_H * CHART_MAX_H / drawing.height);
        let h = drawing.height * scale;
        self.ensure(h);
        let x = LEFT + (BLOCK_W - drawing.width * scale) / 2.0;
        let y = self.y;
        let tag = Tag::Node {
            id: self.node(Role::Figure, Some(alt)),
            label: 0,
        };
        self.push(Item::Chart {
            x,
            y,
            scale,
            drawing: Box::new(drawing),
            tag,
        });
        self.y += h;
    }
}

/// The vertical extent of an element: from its top to its bottom.
fn extent(item: &Item) -> (f32, f32) {
    match item {
        Item::Text { y, spans, .. } => {
            let size = spans.iter().map(|s| s.size).fold(0.0, f32::max);
            (y - size * 0.88 - (PITCH - 16.0) / 2.0, y + size * 0.12)
        }
        Item::Rule { y1, y2, .. } => (y1.min(*y2), y1.max(*y2)),
        Item::Rect { y, h, .. } => (*y, y + h),
        Item::Chart {
            y, scale, drawing, ..
        } => (*y, y + drawing.height * scale),
        Item::Image { y, h, .. } => (*y, y + h),
    }
}

/// An element moved down by `dy`.
fn shifted(item: Item, dy: f32) -> Item {
    match item {
        Item::Text {
            x,
            y,
            spans,
            spacing,
            color,
            tag,
        } => Item::Text {
            x,
            y: y + dy,
            spans,
            spacing,
            color,
            tag,
        },
        Item::Rule {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => Item::Rule {
            x1,
            y1: y1 + dy,
            x2,
            y2: y2 + dy,
            width,
            color,
        },
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => Item::Rect {
            x,
            y: y + dy,
            w,
            h,
            fill,
            stroke,
        },
        Item::Chart {
            x,
            y,
            scale,
            drawing,
            tag,
        } => Item::Chart {
            x,
            y: y + dy,
            scale,
            drawing,
            tag,
        },
        Item::Image {
            x,
            y,
            w,
            h,
            raster,
            tag,
        } => Item::Image {
            x,
            y: y + dy,
            w,
            h,
            raster,
            tag,
        },
    }
}
