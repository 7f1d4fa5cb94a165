//! Chart data pasted from a spreadsheet (WPS, Excel): tab- or comma-separated cells, numbers
//! written the Chinese way (thousands separators, percent signs, full-width digits and commas).

use crate::chart::Series;
use serde::{Deserialize, Serialize};

/// The most cells a paste may hold; a real chart has far fewer.
const MAX_CELLS: usize = 10_000;

/// Which way the categories run in the pasted grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PasteLayout {
    /// Decide from the shape: categories run down when there are more data rows than columns.
    #[default]
    Auto,
    /// One row per category; the header row names the series.
    CategoriesDown,
    /// One column per category; the header row names the categories, each row is a series.
    CategoriesAcross,
}

/// Categories and series read from a paste.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PastedData {
    /// Category labels.
    pub categories: Vec<String>,
    /// Series with one value per category.
    pub series: Vec<Series>,
    /// `%` when every number carried a percent sign, else empty.
    pub unit_hint: String,
}

/// Why a paste cannot be read; every variant names the cell (row and column from 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasteError {
    /// Nothing but blank lines.
    #[error("粘贴的内容为空。\nThe pasted data is empty.")]
    Empty,
    /// A header row without any data row or column.
    #[error("只有表头，没有数据：第一行为表头，第一列为名称，其余为数值。\nOnly a header: the first row holds headers, the first column names, the rest numbers.")]
    NoData,
    /// A row has a different number of cells from the header.
    #[error("第 {row} 行有 {got} 个单元格，表头有 {expected} 个。\nRow {row} has {got} cells; the header has {expected}.")]
    RaggedRow {
        /// Row, from 1.
        row: usize,
        /// Cells in the header.
        expected: usize,
        /// Cells in this row.
        got: usize,
    },
    /// A data cell is not a number.
    #[error("第 {row} 行第 {column} 列（{cell}）“{text}”不是数字。\nCell {cell} (row {row}, column {column}) \"{text}\" is not a number.")]
    NotANumber {
        /// Row, from 1.
        row: usize,
        /// Column, from 1.
        column: usize,
        /// Spreadsheet name of the cell, e.g. `B3`.
        cell: String,
        /// The cell's text.
        text: String,
    },
    /// A data cell is empty.
    #[error("第 {row} 行第 {column} 列（{cell}）为空，请填写数值。\nCell {cell} (row {row}, column {column}) is empty; enter a number.")]
    EmptyCell {
        /// Row, from 1.
        row: usize,
        /// Column, from 1.
        column: usize,
        /// Spreadsheet name of the cell.
        cell: String,
    },
    /// A quoted CSV cell is never closed.
    #[error("第 {row} 行的引号没有闭合。\nRow {row} has an unclosed quote.")]
    UnclosedQuote {
        /// Row, from 1.
        row: usize,
    },
    /// More cells than a chart can use.
    #[error("粘贴的数据过多（超过 {MAX_CELLS} 个单元格）。\nToo much data pasted (over {MAX_CELLS} cells).")]
    TooLarge,
}

/// The spreadsheet name of a cell: column letters then row number, e.g. `B3`.
pub fn cell_name(row: usize, column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

/// Reads a pasted grid: the first row is the header and the first column the names.
pub fn parse_paste(text: &str, layout: PasteLayout) -> Result<PastedData, PasteError> {
    let grid = split_grid(text)?;
    let Some(header) = grid.first() else {
        return Err(PasteError::Empty);
    };
    let width = header.len();
    for (i, row) in grid.iter().enumerate() {
        if row.len() != width {
            return Err(PasteError::RaggedRow {
                row: i + 1,
                expected: width,
                got: row.len(),
            });
        }
    }
    if grid.len() < 2 || width < 2 {
        return Err(PasteError::NoData);
    }
    let mut values = vec![vec![0.0; width - 1]; grid.len() - 1];
    let mut percent_cells = 0;
    for (r, row) in grid.iter().enumerate().skip(1) {
        for (c, cell) in row.iter().enumerate().skip(1) {
            let (value, percent) = parse_number(cell).map_err(|empty| {
                let (row, column) = (r + 1, c + 1);
                if empty {
                    PasteError::EmptyCell {
                        row,
                        column,
                        cell: cell_name(row, column),
                    }
                } else {
                    PasteError::NotANumber {
                        row,
                        column,
                        cell: cell_name(row, column),
                        text: cell.clone(),
                    }
                }
            })?;
            percent_cells += usize::from(percent);
            values[r - 1][c - 1] = value;
        }
    }
    let data_rows = grid.len() - 1;
    let data_cols = width - 1;
    let down = match layout {
        PasteLayout::CategoriesDown => true,
        PasteLayout::CategoriesAcross => false,
        PasteLayout::Auto => data_rows >= data_cols,
    };
    let row_names: Vec<String> = grid.iter().skip(1).map(|r| r[0].clone()).collect();
    let col_names: Vec<String> = header.iter().skip(1).cloned().collect();
    let (categories, series) = if down {
        let series = col_names
            .into_iter()
            .enumerate()
            .map(|(c, name)| Series {
                name,
                values: values.iter().map(|row| row[c]).collect(),
            })
            .collect();
        (row_names, series)
    } else {
        let series = row_names
            .into_iter()
            .zip(values)
            .map(|(name, values)| Series { name, values })
            .collect();
        (col_names, series)
    };
    Ok(PastedData {
        categories,
        series,
        unit_hint: if percent_cells == data_rows * data_cols {
            "%".into()
        } else {
            String::new()
        },
    })
}

/// Splits into rows of trimmed cells: tabs when there are any, else CSV with quotes.
fn split_grid(text: &str) -> Result<Vec<Vec<String>>, PasteError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let tabbed = text.contains('\t');
    let mut grid = Vec::new();
    let mut cells = 0usize;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: Vec<String> = if tabbed {
            line.split('\t').map(|c| c.trim().to_string()).collect()
        } else {
            split_csv_line(line).ok_or(PasteError::UnclosedQuote { row: i + 1 })?
        };
        cells += row.len();
        if cells > MAX_CELLS {
            return Err(PasteError::TooLarge);
        }
        grid.push(row);
    }
    if grid.is_empty() {
        return Err(PasteError::Empty);
    }
    Ok(grid)
}

fn split_csv_line(line: &str) -> Option<Vec<String>> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            (',', false) => cells.push(std::mem::take(&mut cell).trim().to_string()),
            (c, _) => cell.push(c),
        }
    }
    if quoted {
        return None;
    }
    cells.push(cell.trim().to_string());
    Some(cells)
}

/// Parses one number. `Err(true)` for an empty cell, `Err(false)` for text that is no number.
/// Returns the value and whether it carried a percent sign (the value stays in percent).
pub fn parse_number(cell: &str) -> Result<(f64, bool), bool> {
    let mut s = String::with_capacity(cell.len());
    for c in cell.trim().chars() {
        match c {
            '０'..='９' => s.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            '．' | '。' => s.push('.'),
            '－' | '−' | '—' => s.push('-'),
            '＋' => s.push('+'),
            '％' => s.push('%'),
            // Thousands separators and spaces inside numbers.
            ',' | '，' | ' ' | '\u{a0}' | '\u{2009}' | '\u{3000}' | '\'' => {}
            c => s.push(c),
        }
    }
    if s.is_empty() {
        return Err(true);
    }
    let (number, percent) = match s.strip_suffix('%') {
        Some(n) => (n, true),
        None => (s.as_str(), false),
    };
    let valid = !number.is_empty()
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    match number.parse::<f64>() {
        Ok(v) if valid && v.is_finite() => Ok((v, percent)),
        _ => Err(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tab_separated_data_with_categories_down() {
        let data = parse_paste(
            "年份\t收入\t支出\n2021\t1,234\t900\n2022\t１，５００\t1 100.5\n2023\t2000\t1200\n",
            PasteLayout::Auto,
        )
        .expect("parse");
        assert_eq!(data.categories, ["2021", "2022", "2023"]);
        assert_eq!(data.series[0].name, "收入");
        assert_eq!(data.series[0].values, [1234.0, 1500.0, 2000.0]);
        assert_eq!(data.series[1].values, [900.0, 1100.5, 1200.0]);
        assert_eq!(data.unit_hint, "");
    }

    #[test]
    fn reads_csv_with_quotes_and_categories_across() {
        let data = parse_paste(
            "指标,2021年,2022年,2023年\n\"公开文件, 件\",\"1,200\",1300,1500\n",
            PasteLayout::Auto,
        )
        .expect("parse");
        assert_eq!(data.categories, ["2021年", "2022年", "2023年"]);
        assert_eq!(data.series.len(), 1);
        assert_eq!(data.series[0].name, "公开文件, 件");
        assert_eq!(data.series[0].values, [1200.0, 1300.0, 1500.0]);
    }

    #[test]
    fn percent_signs_give_a_unit_hint() {
        let data = parse_paste(
            "类别\t占比\n主动公开\t85%\n依申请公开\t12.5％\n不予公开\t2.5%",
            PasteLayout::Auto,
        )
        .expect("parse");
        assert_eq!(data.series[0].values, [85.0, 12.5, 2.5]);
        assert_eq!(data.unit_hint, "%");
    }

    #[test]
    fn layout_can_be_forced() {
        let text = "\tA\tB\nx\t1\t2\n";
        let across = parse_paste(text, PasteLayout::CategoriesAcross).expect("parse");
        assert_eq!(across.categories, ["A", "B"]);
        let down = parse_paste(text, PasteLayout::CategoriesDown).expect("parse");
        assert_eq!(down.categories, ["x"]);
    }

    #[test]
    fn errors_name_the_cell() {
        let err = parse_paste("年份\t收入\n2021\t12\n2022\t约三百\n", PasteLayout::Auto)
            .expect_err("bad cell");
        assert_eq!(
            err,
            PasteError::NotANumber {
                row: 3,
                column: 2,
                cell: "B3".into(),
                text: "约三百".into()
            }
        );
        assert!(err.to_string().contains("第 3 行第 2 列（B3）"));
        let err = parse_paste("a\tb\nx\t\n", PasteLayout::Auto).expect_err("empty");
        assert!(matches!(
            err,
            PasteError::EmptyCell {
                row: 2,
                column: 2,
                ..
            }
        ));
        let err = parse_paste("a\tb\tc\nx\t1\n", PasteLayout::Auto).expect_err("ragged");
        assert!(matches!(
            err,
            PasteError::RaggedRow {
                row: 2,
                expected: 3,
                got: 2
            }
        ));
        assert_eq!(
            parse_paste(" \n\n", PasteLayout::Auto),
            Err(PasteError::Empty)
        );
        assert_eq!(
            parse_paste("a\tb\n", PasteLayout::Auto),
            Err(PasteError::NoData)
        );
        assert!(matches!(
            parse_paste("a,\"b\nx,1", PasteLayout::Auto),
            Err(PasteError::UnclosedQuote { row: 1 })
        ));
    }

    #[test]
    fn cell_names_follow_spreadsheet_columns() {
        assert_eq!(cell_name(3, 2), "B3");
        assert_eq!(cell_name(1, 26), "Z1");
        assert_eq!(cell_name(10, 27), "AA10");
    }

    #[test]
    fn numbers_in_chinese_notation() {
        assert_eq!(parse_number("１２３．５"), Ok((123.5, false)));
        assert_eq!(parse_number("－5"), Ok((-5.0, false)));
        assert_eq!(parse_number("1,234,567"), Ok((1_234_567.0, false)));
        assert_eq!(parse_number(""), Err(true));
        assert_eq!(parse_number("abc"), Err(false));
        assert_eq!(parse_number("inf"), Err(false));
        assert_eq!(parse_number("1e400"), Err(false));
        assert_eq!(parse_number("%"), Err(false));
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Any text at all: a result or an error, never a panic.
        #[test]
        fn never_panics(text in "(?s).{0,300}") {
            let _ = parse_paste(&text, PasteLayout::Auto);
        }

        /// Grids of arbitrary cells: a NotANumber error always names a cell holding that text.
        #[test]
        fn errors_point_at_the_cell(cells in proptest::collection::vec(proptest::collection::vec("[0-9a-z,，.%％ ]{0,6}", 3), 2..6)) {
            let text: String = cells.iter().map(|r| r.join("\t")).collect::<Vec<_>>().join("\n");
            if let Err(PasteError::NotANumber { row, column, text: cell, .. }) = parse_paste(&text, PasteLayout::Auto) {
                let rows: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
                let cols: Vec<&str> = rows[row - 1].split('\t').collect();
                prop_assert_eq!(cols[column - 1].trim(), cell);
            }
        }

        /// Numbers written with separators and full-width digits read back as themselves.
        #[test]
        fn numbers_round_trip(values in proptest::collection::vec(-1_000_000i64..1_000_000, 1..8)) {
            let mut text = String::from("类别\t数值\n");
            for (i, v) in values.iter().enumerate() {
                let grouped = crate::paste::tests_support::group(*v);
                text.push_str(&format!("第{i}项\t{grouped}\n"));
            }
            let data = parse_paste(&text, PasteLayout::CategoriesDown).expect("parses");
            let got: Vec<i64> = data.series[0].values.iter().map(|v| *v as i64).collect();
            prop_assert_eq!(got, values);
        }
    }
}

#[cfg(test)]
mod tests_support {
    /// Writes an integer with full-width digits and thousands commas, as a spreadsheet might.
    pub fn group(v: i64) -> String {
        let digits = v.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('，');
            }
            out.push(char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c));
        }
        if v < 0 {
            out.insert(0, '－');
        }
        out
    }
}
