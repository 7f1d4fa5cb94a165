//! Page geometry of GB/T 9704-2012, in points.

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
/// A4 width.
pub const PAGE_W: f32 = 210.0 * MM;
/// A4 height.
pub const PAGE_H: f32 = 297.0 * MM;
/// Top margin (天头) 37 mm.
pub const TOP: f32 = 37.0 * MM;
/// Binding (left) margin 28 mm.
pub const LEFT: f32 = 28.0 * MM;
/// Text block width 156 mm.
pub const BLOCK_W: f32 = 156.0 * MM;
/// Text block height 225 mm.
pub const BLOCK_H: f32 = 225.0 * MM;
/// Lines per page.
pub const LINES: usize = 22;
/// Characters per line.
pub const CHARS: usize = 28;
/// Body size: 3号 = 16 pt.
pub const BODY: f32 = 16.0;
/// Title size: 2号 = 22 pt.
pub const TITLE: f32 = 22.0;
/// Page number size: 4号 = 14 pt.
pub const FOLIO: f32 = 14.0;
/// Line pitch that gives 22 lines in the block.
pub const PITCH: f32 = BLOCK_H / LINES as f32;
/// Character spacing that gives 28 characters of 16 pt in the block width.
pub const GRID_SPACING: f32 = (BLOCK_W - CHARS as f32 * BODY) / CHARS as f32;
/// Baseline offset of a 16-pt line within its pitch, centring the glyphs.
pub const BASELINE: f32 = (PITCH - BODY) / 2.0 + BODY * 0.88;
/// Bottom of the text block.
pub const BLOCK_BOTTOM: f32 = TOP + BLOCK_H;
/// Right edge of the text block.
pub const BLOCK_RIGHT: f32 = LEFT + BLOCK_W;
/// One character of the grid (字): 156 mm / 28.
pub const CHAR: f32 = BODY + GRID_SPACING;
/// 版记 size: 4号 = 14 pt.
pub const COLOPHON: f32 = 14.0;
/// The ideographic em box's top above the baseline, in ems (OS/2 typo ascender of the CJK
/// fonts, which the PDF's font descriptors carry).
pub const EM_ASCENT: f32 = 0.88;

/// The top of grid line `n` (from 0) of a page.
pub fn line_top(n: usize) -> f32 {
    TOP + n as f32 * PITCH
}

/// The baseline that centres a `size`-pt em box in a grid line whose top is `top`.
pub fn baseline_in(top: f32, size: f32) -> f32 {
    top + (PITCH - size) / 2.0 + size * EM_ASCENT
}

/// The index of the first grid line whose top is at or below `y`.
pub fn line_at_or_below(y: f32) -> usize {
    ((y - TOP) / PITCH - 0.001).ceil().max(0.0) as usize
}
