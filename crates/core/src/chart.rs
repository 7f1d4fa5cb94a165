//! Chart specs (图表图解): the one description from which every chart output is drawn.

use serde::{Deserialize, Serialize};

/// What kind of chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Vertical bars, one series.
    Bar,
    /// Horizontal bars, one series (long Chinese category names read better this way).
    HorizontalBar,
    /// Bars of several series side by side.
    GroupedBar,
    /// Bars of several series stacked.
    StackedBar,
    /// Lines over ordered categories (years, months).
    Line,
    /// A pie.
    Pie,
    /// A pie with a hole, total in the middle.
    Donut,
    /// Key-figure cards (数说): big numbers with captions.
    KeyFigures,
    /// A plain data table.
    Table,
}

/// A named row of values, one per category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Series {
    /// Series name, shown in the legend.
    pub name: String,
    /// One value per category.
    pub values: Vec<f64>,
}

/// A note pinned to one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Annotation {
    /// The category it points at.
    pub category: String,
    /// The note.
    pub text: String,
}

/// The colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Palette {
    /// Restrained blues and greys with a red accent: the default for official material.
    #[default]
    Government,
    /// Red-led, for festive or headline material.
    Red,
}

/// A chart: data, labels, source, and how to draw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChartSpec {
    /// Stable id within the pack.
    pub id: String,
    /// Chart kind.
    pub kind: ChartKind,
    /// Title.
    pub title: String,
    /// Subtitle.
    #[serde(default)]
    pub subtitle: String,
    /// Unit of the values, e.g. 万元 or %.
    #[serde(default)]
    pub unit: String,
    /// Category labels (x axis, slices, cards).
    pub categories: Vec<String>,
    /// Data series.
    pub series: Vec<Series>,
    /// Data source note (数据来源), required.
    pub source: String,
    /// Category to highlight in the accent colour.
    #[serde(default)]
    pub highlight: Option<String>,
    /// Notes pinned to categories.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Colour scheme.
    #[serde(default)]
    pub palette: Palette,
}

impl ChartSpec {
    /// The chart's data in words, for readers who cannot see it: the PDF's Figure alternative
    /// text, and the portal's. Every value is stated, with its category and unit.
    pub fn alt_text(&self) -> String {
        let mut out = self.title.trim().to_string();
        if !self.subtitle.trim().is_empty() {
            out.push_str(&format!("（{}）", self.subtitle.trim()));
        }
        out.push('。');
        let unit = self.unit.trim();
        let value = |v: f64| {
            let v = if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v}")
            };
            format!("{v}{unit}")
        };
        for s in &self.series {
            let points: Vec<String> = self
                .categories
                .iter()
                .zip(&s.values)
                .map(|(c, v)| format!("{c}{}", value(*v)))
                .collect();
            let name = s.name.trim();
            if name.is_empty() || self.series.len() == 1 && name == self.title.trim() {
                out.push_str(&points.join("，"));
            } else {
                out.push_str(&format!("{name}：{}", points.join("，")));
            }
            out.push('。');
        }
        for a in &self.annotations {
            out.push_str(&format!("{}：{}。", a.category, a.text));
        }
        if !self.source.trim().is_empty() {
            out.push_str(&format!("数据来源：{}。", self.source.trim()));
        }
        out
    }
}

/// Why a chart spec cannot be drawn; each names the series, category or field at fault.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    /// No categories or no series.
    #[error("图表“{chart}”没有数据：至少需要一个类别和一个数据系列。\nChart {chart} has no data: it needs at least one category and one series.")]
    Empty {
        /// Chart id.
        chart: String,
    },
    /// A series does not have one value per category.
    #[error("图表“{chart}”的数据系列“{series}”有 {got} 个数值，但类别有 {expected} 个。\nIn chart {chart}, series {series} has {got} values for {expected} categories.")]
    SeriesLength {
        /// Chart id.
        chart: String,
        /// Series name.
        series: String,
        /// Number of categories.
        expected: usize,
        /// Number of values.
        got: usize,
    },
    /// A value is NaN or infinite.
    #[error("图表“{chart}”中“{series}”的“{category}”不是有效数值。\nIn chart {chart}, the value of {series} for {category} is not a finite number.")]
    NotFinite {
        /// Chart id.
        chart: String,
        /// Series name.
        series: String,
        /// Category label.
        category: String,
    },
    /// A pie or donut has a negative value.
    #[error("饼图“{chart}”中“{category}”的数值为负（{value}），饼图只能表示非负的构成。\nPie chart {chart} has a negative value for {category} ({value}); pies show shares of a whole.")]
    NegativeInPie {
        /// Chart id.
        chart: String,
        /// Category label.
        category: String,
        /// The value.
        value: f64,
    },
    /// A pie or donut sums to zero.
    #[error("饼图“{chart}”的数值合计为零，无法绘制。\nPie chart {chart} sums to zero and cannot be drawn.")]
    ZeroPie {
        /// Chart id.
        chart: String,
    },
    /// A pie or donut has more than one series.
    #[error("饼图“{chart}”只能有一个数据系列（现有 {series} 个）。\nPie chart {chart} takes one series ({series} given).")]
    PieSeries {
        /// Chart id.
        chart: String,
        /// Number of series.
        series: usize,
    },
    /// The data source note is missing.
    #[error("图表“{chart}”缺少数据来源（source）。图表必须注明数据来源。\nChart {chart} lacks its data source (source); every chart must state it.")]
    MissingSource {
        /// Chart id.
        chart: String,
    },
    /// The title is missing.
    #[error("图表“{chart}”缺少标题（title）。\nChart {chart} lacks a title.")]
    MissingTitle {
        /// Chart id.
        chart: String,
    },
}

impl ChartError {
    /// The spec field the error concerns.
    pub fn field(&self) -> &'static str {
        match self {
            ChartError::Empty { .. } => "categories",
            ChartError::SeriesLength { .. }
            | ChartError::NotFinite { .. }
            | ChartError::NegativeInPie { .. }
            | ChartError::ZeroPie { .. }
            | ChartError::PieSeries { .. } => "series",
            ChartError::MissingSource { .. } => "source",
            ChartError::MissingTitle { .. } => "title",
        }
    }
}

impl ChartSpec {
    /// Checks that the spec can be drawn as asked.
    pub fn validate(&self) -> Result<(), ChartError> {
        let chart = || self.id.clone();
        if self.title.trim().is_empty() {
            return Err(ChartError::MissingTitle { chart: chart() });
        }
        if self.source.trim().is_empty() {
            return Err(ChartError::MissingSource { chart: chart() });
        }
        if self.categories.is_empty() || self.series.is_empty() {
            return Err(ChartError::Empty { chart: chart() });
        }
        for s in &self.series {
            if s.values.len() != self.categories.len() {
                return Err(ChartError::SeriesLength {
                    chart: chart(),
                    series: s.name.clone(),
                    expected: self.categories.len(),
                    got: s.values.len(),
                });
            }
            if let Some(i) = s.values.iter().position(|v| !v.is_finite()) {
                return Err(ChartError::NotFinite {
                    chart: chart(),
                    series: s.name.clone(),
                    category: self.categories[i].clone(),
                });
            }
        }
        if matches!(self.kind, ChartKind::Pie | ChartKind::Donut) {
            if self.series.len() != 1 {
                return Err(ChartError::PieSeries {
                    chart: chart(),
                    series: self.series.len(),
                });
            }
            let values = &self.series[0].values;
            if let Some(i) = values.iter().position(|v| *v < 0.0) {
                return Err(ChartError::NegativeInPie {
                    chart: chart(),
                    category: self.categories[i].clone(),
                    value: values[i],
                });
            }
            if values.iter().sum::<f64>() <= 0.0 {
                return Err(ChartError::ZeroPie { chart: chart() });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: ChartKind, values: Vec<f64>) -> ChartSpec {
        ChartSpec {
            id: "c1".into(),
            kind,
            title: "各部分条目数".into(),
            subtitle: String::new(),
            unit: "项".into(),
            categories: vec!["一".into(), "二".into()],
            series: vec![Series {
                name: "条目".into(),
                values,
            }],
            source: "本文件".into(),
            highlight: None,
            annotations: Vec::new(),
            palette: Palette::Government,
        }
    }

    #[test]
    fn a_well_formed_spec_validates() {
        assert_eq!(spec(ChartKind::Bar, vec![3.0, 6.0]).validate(), Ok(()));
        assert_eq!(spec(ChartKind::Bar, vec![-3.0, 6.0]).validate(), Ok(()));
    }

    #[test]
    fn each_defect_is_named() {
        let short = spec(ChartKind::Bar, vec![3.0]).validate();
        assert!(matches!(
            short,
            Err(ChartError::SeriesLength {
                got: 1,
                expected: 2,
                ..
            })
        ));
        let neg = spec(ChartKind::Pie, vec![-1.0, 2.0]).validate();
        assert!(
            matches!(&neg, Err(ChartError::NegativeInPie { category, .. }) if category == "一")
        );
        assert!(matches!(
            spec(ChartKind::Donut, vec![0.0, 0.0]).validate(),
            Err(ChartError::ZeroPie { .. })
        ));
        assert!(matches!(
            spec(ChartKind::Line, vec![f64::NAN, 1.0]).validate(),
            Err(ChartError::NotFinite { .. })
        ));
        let mut s = spec(ChartKind::Bar, vec![1.0, 2.0]);
        s.source.clear();
        assert_eq!(s.validate().map_err(|e| e.field()), Err("source"));
        let mut s = spec(ChartKind::Bar, vec![]);
        s.categories.clear();
        assert!(matches!(s.validate(), Err(ChartError::Empty { .. })));
        let mut s = spec(ChartKind::Pie, vec![1.0, 2.0]);
        s.series.push(s.series[0].clone());
        assert!(matches!(
            s.validate(),
            Err(ChartError::PieSeries { series: 2, .. })
        ));
    }
}
