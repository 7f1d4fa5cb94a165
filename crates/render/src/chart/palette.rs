//! Colour schemes: restrained blues and greys for official material, with a red accent.

use jiedu_core::chart::Palette;

/// Ink for titles and labels.
pub const INK: &str = "#1f2933";
/// Secondary text: subtitles, axis labels, source notes.
pub const MUTED: &str = "#52606d";
/// Grid lines.
pub const GRID: &str = "#d9e2ec";
/// The zero line and axes.
pub const AXIS: &str = "#7b8794";
/// The title rule and highlight.
pub const ACCENT_RED: &str = "#c0392b";

/// The series colours of a palette, in order.
pub fn series_colors(palette: Palette) -> &'static [&'static str] {
    match palette {
        Palette::Government => &[
            "#1f4e79", "#5b8fc7", "#9fb8d6", "#7b8794", "#c8a456", "#3e7c6b",
        ],
        Palette::Red => &[
            "#b8312f", "#e07a5f", "#f2b5a7", "#7b8794", "#d4a24c", "#6d2e46",
        ],
    }
}

/// The colour that marks the highlighted category.
pub fn highlight(palette: Palette) -> &'static str {
    match palette {
        Palette::Government => ACCENT_RED,
        Palette::Red => "#1f4e79",
    }
}

/// The colour of series `i`.
pub fn series(palette: Palette, i: usize) -> &'static str {
    let colors = series_colors(palette);
    colors[i % colors.len()]
}
