//! Layout: a pack becomes pages of positioned boxes (text lines, rules, rectangles, charts),
//! in points from the page's top-left corner. Tested without writing a PDF.

mod flow;
pub mod geometry;
pub mod linebreak;
pub mod media;
mod pack;
mod policy;

pub use flow::Flow;
pub use pack::{layout_pack, LayoutOptions};

use crate::chart::drawing::Drawing;
use linebreak::Span;
use media::Raster;
use std::sync::Arc;

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// Black ink.
    pub const INK: Rgb = Rgb(0.0, 0.0, 0.0);
    /// The red of official document headers.
    pub const RED: Rgb = Rgb(0.78, 0.09, 0.09);
    /// Grey for secondary text and rules.
    pub const GREY: Rgb = Rgb(0.4, 0.42, 0.45);
    /// A pale fill for table headers.
    pub const PALE: Rgb = Rgb(0.93, 0.95, 0.97);

    /// Parses `#rrggbb`; anything else is black.
    pub fn hex(s: &str) -> Rgb {
        let v = s
            .strip_prefix('#')
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .unwrap_or(0);
        Rgb(
            ((v >> 16) & 0xff) as f32 / 255.0,
            ((v >> 8) & 0xff) as f32 / 255.0,
            (v & 0xff) as f32 / 255.0,
        )
    }
}

/// What a line of text or a chart is in the document's logical structure: the PDF's tags, which
/// screen readers and archive ingest read (PDF/UA).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tag {
    /// Not placed by the layout: the line becomes a paragraph of its own.
    #[default]
    Auto,
    /// Page furniture (folios, the draft header): not part of the content.
    Artifact,
    /// Part of the structure element `id` of [`Document::structure`]; its first `label`
    /// characters are the element's number (Lbl).
    Node {
        /// Index into [`Document::structure`].
        id: usize,
        /// How many leading characters are the number.
        label: u16,
    },
}

/// The standard structure types the layout uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A heading of level 1–6.
    H(u8),
    /// A paragraph.
    P,
    /// A table, its rows, header cells and data cells.
    Table,
    /// A table row.
    TR,
    /// A header cell (the label column: row headers).
    TH,
    /// A data cell.
    TD,
    /// A chart or an image, with alternative text.
    Figure,
    /// The signature field.
    Form,
}

impl Role {
    /// The PDF structure type name.
    pub fn name(self) -> &'static str {
        match self {
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::Form => "Form",
        }
    }
}

/// One element of the logical structure.
#[derive(Debug, Clone, PartialEq)]
pub struct StructNode {
    /// Its type.
    pub role: Role,
    /// The element it belongs to; `None` for the document's own children.
    pub parent: Option<usize>,
    /// Alternative text (a chart's data in words).
    pub alt: Option<String>,
}

/// One positioned element of a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One line of text: spans set from `x` on the baseline `y`.
    Text {
        /// Left of the first character.
        x: f32,
        /// Baseline.
        y: f32,
        /// The pieces, each in its font.
        spans: Vec<Span>,
        /// Character spacing (Tc) in pt.
        spacing: f32,
        /// Colour.
        color: Rgb,
        /// Its place in the logical structure.
        tag: Tag,
    },
    /// A straight rule.
    Rule {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Thickness in pt.
        width: f32,
        /// Colour.
        color: Rgb,
    },
    /// A rectangle, filled and/or outlined.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Outline colour and thickness.
        stroke: Option<(Rgb, f32)>,
    },
    /// A chart drawing scaled into place (vector shapes, real text).
    Chart {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Scale from chart pixels to pt.
        scale: f32,
        /// The drawing.
        drawing: Box<Drawing>,
        /// Its place in the logical structure (a Figure).
        tag: Tag,
    },
    /// An image of the pack scaled into a box.
    Image {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// The pixels, shared by every place the same file appears.
        raster: Arc<Raster>,
        /// Its place in the logical structure (a Figure with the alternative text).
        tag: Tag,
    },
}

/// A page: its elements in paint order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Elements.
    pub items: Vec<Item>,
    /// How far down the flow had filled the page when it moved on (0 when it never did).
    pub filled_to: f32,
    /// A page that carries no folio: a blank page before the 版记 page, and that page.
    pub no_folio: bool,
}

impl Page {
    /// All text on the page, line by line.
    pub fn text_lines(&self) -> Vec<String> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { spans, .. } => Some(spans.iter().map(|s| s.text.as_str()).collect()),
                _ => None,
            })
            .collect()
    }
}

/// A bookmark: title and the index of its page.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// Shown in the viewer's outline.
    pub title: String,
    /// Page index from 0.
    pub page: usize,
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Pages in order.
    pub pages: Vec<Page>,
    /// Outline entries in reading order.
    pub outline: Vec<OutlineEntry>,
    /// Characters drawn from the fallback font because the bundled set lacks them.
    pub fallback_chars: Vec<char>,
    /// Where the signed pack's visible signature field goes, on its sign-off page.
    pub signature_field: Option<FieldPlace>,
    /// The logical structure's elements; their order among siblings is reading order.
    pub structure: Vec<StructNode>,
}

/// A box on a page, in points from the page's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldPlace {
    /// Page index from 0.
    pub page: usize,
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}
