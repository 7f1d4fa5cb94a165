//! Fitting text into space: wrapping Chinese labels and choosing how axis labels are shown so
//! that none overlap.

use super::Ctx;

/// Characters that may not begin a line (避头).
const NO_LINE_START: &str = "，。、；：？！）》」』】〕”’…%％·";

/// Breaks `text` into lines no wider than `max` at `size`, character by character, never
/// starting a line with closing punctuation. At most `max_lines`; the last line is cut with `…`.
pub fn wrap(
    ctx: &Ctx<'_>,
    text: &str,
    size: f32,
    bold: bool,
    max: f32,
    max_lines: usize,
) -> Vec<String> {
    let greedy = wrap_greedy(ctx, text, size, bold, max, usize::MAX);
    // Balance the lines, so a label never ends with one orphaned character on its last line.
    let n = greedy.len();
    if n > 1 && n <= max_lines {
        let target = ctx.measure(text, size, bold) / n as f32 + size;
        let balanced = wrap_greedy(ctx, text, size, bold, target.min(max), usize::MAX);
        if balanced.len() == n {
            return balanced;
        }
    }
    wrap_greedy(ctx, text, size, bold, max, max_lines)
}

fn wrap_greedy(
    ctx: &Ctx<'_>,
    text: &str,
    size: f32,
    bold: bool,
    max: f32,
    max_lines: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for c in text.chars() {
        let mut candidate = line.clone();
        candidate.push(c);
        if !line.is_empty()
            && ctx.measure(&candidate, size, bold) > max
            && !NO_LINE_START.contains(c)
        {
            lines.push(std::mem::take(&mut line));
        }
        line.push(c);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && ctx.measure(&format!("{last}…"), size, bold) > max {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// How category labels under a horizontal axis are shown.
#[derive(Debug, Clone, PartialEq)]
pub enum AxisLabels {
    /// One or two centred lines per category.
    Flat {
        /// The lines of each label.
        lines: Vec<Vec<String>>,
    },
    /// Rotated 45°, every `step`-th label shown.
    Rotated {
        /// Show every `step`-th label.
        step: usize,
        /// Labels, shortened to fit.
        labels: Vec<String>,
    },
}

/// Line height of axis labels relative to the font size.
pub const LINE: f32 = 1.3;

/// Chooses flat, wrapped or rotated (and thinned) labels so that none overlap.
pub fn plan_axis_labels(ctx: &Ctx<'_>, labels: &[String], slot: f32, size: f32) -> AxisLabels {
    let room = slot * 0.92;
    if labels.iter().all(|l| ctx.measure(l, size, false) <= room) {
        return AxisLabels::Flat {
            lines: labels.iter().map(|l| vec![l.clone()]).collect(),
        };
    }
    let wrapped: Vec<Vec<String>> = labels
        .iter()
        .map(|l| wrap(ctx, l, size, false, room, 3))
        .collect();
    let fits = wrapped
        .iter()
        .all(|ls| ls.len() <= 2 && ls.iter().all(|l| ctx.measure(l, size, false) <= room));
    if fits && room >= size * 2.0 {
        return AxisLabels::Flat { lines: wrapped };
    }
    // Rotated labels stack along the slot; each needs about 1.5 em of slot to stay apart.
    let step = ((size * 1.5) / slot).ceil().max(1.0) as usize;
    let max_len = size * 9.0;
    let labels = labels
        .iter()
        .map(|l| wrap(ctx, l, size, false, max_len, 1).remove(0))
        .collect();
    AxisLabels::Rotated { step, labels }
}

impl AxisLabels {
    /// Vertical space the labels need below the axis.
    pub fn height(&self, ctx: &Ctx<'_>, size: f32) -> f32 {
        match self {
            AxisLabels::Flat { lines } => {
                let n = lines.iter().map(Vec::len).max().unwrap_or(1) as f32;
                size * LINE * n + size * 0.6
            }
            AxisLabels::Rotated { labels, .. } => {
                let longest = labels
                    .iter()
                    .map(|l| ctx.measure(l, size, false))
                    .fold(0.0, f32::max);
                longest * std::f32::consts::FRAC_1_SQRT_2 + size * 1.6
            }
        }
    }
}
