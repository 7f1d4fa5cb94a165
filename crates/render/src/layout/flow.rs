//! A flow: places lines and blocks down the text block, starting new pages as needed.

use super::geometry::{BLOCK_BOTTOM, BLOCK_H, BLOCK_W, LEFT, TOP};
use super::linebreak::{break_paragraph, Measure, Span};
use super::{Item, OutlineEntry, Page, Rgb};
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
}

impl<'a> Flow<'a> {
    /// A flow that starts on a fresh page.
    pub fn new(fonts: &'a FontSet) -> Self {
        Flow {
            fonts,
            pages: vec![Page::default()],
            outline: Vec::new(),
            y: TOP,
        }
    }

    /// Index of the current page.
    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    /// Starts a new page unless the current one is still empty.
    pub fn new_page(&mut self) {
        if !self.current().items.is_empty() {
            self.pages.push(Page::default());
        }
        self.y = TOP;
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

    /// Adds an element to the current page.
    pub fn push(&mut self, item: Item) {
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
        let lines = break_paragraph(self.fonts, spans, m);
        for line in &lines {
            self.ensure(pitch);
            let y = self.y + baseline;
            self.push(Item::Text {
                x: x + line.indent,
                y,
                spans: line.spans.clone(),
                spacing: line.spacing,
                color,
            });
            self.y += pitch;
        }
        lines.len()
    }

    /// Places a chart drawing, centred, at the block width or smaller: no taller than
    /// [`CHART_MAX_H`] of the block, so that two ordinary charts share a page.
    pub fn chart(&mut self, drawing: Drawing) {
        let scale = (BLOCK_W / drawing.width).min(BLOCK_H * CHART_MAX_H / drawing.height);
        let h = drawing.height * scale;
        self.ensure(h);
        let x = LEFT + (BLOCK_W - drawing.width * scale) / 2.0;
        let y = self.y;
        self.push(Item::Chart {
            x,
            y,
            scale,
            drawing: Box::new(drawing),
        });
        self.y += h;
    }
}
