//! Chart specs (图表图解): the one description from which every chart output is drawn.

use serde::{Deserialize, Serialize};

/// What kind of chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct Series {
    /// Series name, shown in the legend.
    pub name: String,
    /// One value per category.
    pub values: Vec<f64>,
}

/// A note pinned to one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// The category it points at.
    pub category: String,
    /// The note.
    pub text: String,
}

/// The colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
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
