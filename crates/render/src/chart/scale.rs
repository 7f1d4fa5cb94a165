//! Axis scales with "nice" ticks, and number formatting for labels.

/// A linear value axis from `min` to `max` with ticks every `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Lowest tick (0 or below).
    pub min: f64,
    /// Highest tick.
    pub max: f64,
    /// Tick spacing.
    pub step: f64,
}

impl Scale {
    /// A scale that includes zero and every value, with about `target` intervals.
    pub fn nice(lo: f64, hi: f64, target: usize) -> Scale {
        let lo = lo.min(0.0);
        let hi = hi.max(0.0);
        let span = if hi - lo <= 0.0 { 1.0 } else { hi - lo };
        let raw = span / target.max(1) as f64;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * magnitude);
        Scale {
            min: (lo / step).floor() * step,
            max: ((hi / step).ceil() * step).max(step),
            step,
        }
    }

    /// The tick values from min to max.
    pub fn ticks(&self) -> Vec<f64> {
        let n = ((self.max - self.min) / self.step).round() as usize;
        (0..=n).map(|i| self.min + i as f64 * self.step).collect()
    }

    /// Where `v` falls between `from` (at min) and `to` (at max).
    pub fn map(&self, v: f64, from: f32, to: f32) -> f32 {
        let t = (v - self.min) / (self.max - self.min);
        from + (to - from) * t as f32
    }
}

/// Formats a value for a label: at most two decimals, thousands grouped with commas.
pub fn format_value(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let int = abs.trunc() as u64;
    let frac = ((abs - abs.trunc()) * 100.0).round() as u64;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = if negative {
        format!("-{grouped}")
    } else {
        grouped
    };
    if frac > 0 {
        let f = format!("{frac:02}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_scales_cover_the_data_with_round_steps() {
        let s = Scale::nice(0.0, 6.0, 5);
        assert_eq!((s.min, s.max, s.step), (0.0, 6.0, 2.0));
        let s = Scale::nice(0.0, 1234.0, 5);
        assert_eq!((s.min, s.max, s.step), (0.0, 1250.0, 250.0));
        let s = Scale::nice(-35.0, 80.0, 5);
        assert_eq!((s.min, s.max, s.step), (-50.0, 100.0, 25.0));
        let s = Scale::nice(0.0, 0.0, 5);
        assert!(s.max > s.min);
        assert_eq!(
            Scale::nice(0.0, 24.0, 5).ticks(),
            [0.0, 5.0, 10.0, 15.0, 20.0, 25.0]
        );
    }

    #[test]
    fn values_format_the_chinese_office_way() {
        assert_eq!(format_value(1234567.0), "1,234,567");
        assert_eq!(format_value(12.5), "12.5");
        assert_eq!(format_value(-0.256), "-0.26");
        assert_eq!(format_value(24.0), "24");
        assert_eq!(format_value(3.10), "3.1");
    }
}
