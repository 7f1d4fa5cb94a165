//! Jiedu rendering: pure functions from the domain model to bytes.
//!
//! Charts are drawn once, as SVG ([`chart_svg`]); PNG ([`png`]) and the PDF's vector drawings are
//! made from that same SVG, so every output shows the same picture.

pub mod chart;
mod error;
pub mod fonts;
pub mod raster;

pub use chart::{chart_drawing, chart_svg, ChartStyle};
pub use error::RenderError;
pub use fonts::{FontRole, FontSet};
pub use raster::png;
