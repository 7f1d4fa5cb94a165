//! 发文字号: agency code + full year in 〔〕 + serial + 号, e.g. `国土资发〔2016〕141号`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A validated document number (发文字号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocNumber {
    /// Agency code (机关代字), e.g. 国土资发.
    pub agency: String,
    /// Full four-digit year.
    pub year: u16,
    /// Serial number, without leading zeros.
    pub serial: u32,
}

/// Why a document number is malformed; each names the part at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocNumberError {
    /// Nothing was given.
    #[error("发文字号为空。\nThe document number is empty.")]
    Empty,
    /// No agency code before the year.
    #[error("发文字号缺少机关代字（如“国土资发”）。\nThe document number lacks the agency code (e.g. 国土资发).")]
    MissingAgency,
    /// The year is not wrapped in the official brackets 〔〕.
    #[error("年份须用六角括号“〔〕”括入，如〔2016〕。\nThe year must be in hexagonal brackets 〔〕, e.g. 〔2016〕.")]
    Brackets,
    /// The year is not four digits.
    #[error("年份须写全四位数字，如〔2016〕，不能简写。\nThe year must be written in full with four digits.")]
    Year,
    /// The serial is missing, not a number, or uses 第.
    #[error("序号须为阿拉伯数字，不加“第”字。\nThe serial must be Arabic digits, without 第.")]
    Serial,
    /// The serial has leading zeros.
    #[error("序号不编虚位（如“1号”不写作“01号”）。\nThe serial must not have leading zeros.")]
    LeadingZero,
    /// The number does not end with 号.
    #[error("发文字号须以“号”结尾。\nThe document number must end with 号.")]
    MissingHao,
}

impl DocNumber {
    /// Parses and validates a document number written in the official form.
    pub fn parse(input: &str) -> Result<DocNumber, DocNumberError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(DocNumberError::Empty);
        }
        let Some(open) = s.find('〔') else {
            return Err(DocNumberError::Brackets);
        };
        let agency = &s[..open];
        if agency.is_empty() {
            return Err(DocNumberError::MissingAgency);
        }
        if agency
            .chars()
            .any(|c| c.is_ascii_digit() || "[]［］()（）【】".contains(c))
        {
            return Err(DocNumberError::Brackets);
        }
        let rest = &s[open + '〔'.len_utf8()..];
        let Some(close) = rest.find('〕') else {
            return Err(DocNumberError::Brackets);
        };
        let year_text = &rest[..close];
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DocNumberError::Year);
        }
        let year: u16 = year_text.parse().map_err(|_| DocNumberError::Year)?;
        let tail = &rest[close + '〕'.len_utf8()..];
        // Traditional 號 is the same character; the text is kept as written.
        let Some(serial_text) = tail.strip_suffix('号').or_else(|| tail.strip_suffix('號'))
        else {
            return Err(DocNumberError::MissingHao);
        };
        if serial_text.is_empty() || !serial_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DocNumberError::Serial);
        }
        if serial_text.starts_with('0') {
            return Err(DocNumberError::LeadingZero);
        }
        let serial: u32 = serial_text.parse().map_err(|_| DocNumberError::Serial)?;
        Ok(DocNumber {
            agency: agency.to_string(),
            year,
            serial,
        })
    }
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}〔{}〕{}号", self.agency, self.year, self.serial)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_official_form_and_round_trips() {
        let n = DocNumber::parse("国土资发〔2016〕141号").expect("valid");
        assert_eq!(n.agency, "国土资发");
        assert_eq!(n.year, 2016);
        assert_eq!(n.serial, 141);
        assert_eq!(n.to_string(), "国土资发〔2016〕141号");
        assert!(DocNumber::parse("鄂政發〔2018〕26號").is_ok());
    }

    #[test]
    fn rejects_each_malformation_with_its_own_error() {
        let cases = [
            ("", DocNumberError::Empty),
            ("〔2016〕8号", DocNumberError::MissingAgency),
            ("中办发[2016]8号", DocNumberError::Brackets),
            ("中办发（2016）8号", DocNumberError::Brackets),
            ("中办发〔16〕8号", DocNumberError::Year),
            ("中办发〔2016〕第8号", DocNumberError::Serial),
            ("中办发〔2016〕08号", DocNumberError::LeadingZero),
            ("中办发〔2016〕8", DocNumberError::MissingHao),
            ("中办发〔2016〕号", DocNumberError::Serial),
        ];
        for (input, want) in cases {
            assert_eq!(DocNumber::parse(input), Err(want), "{input}");
        }
    }
}
