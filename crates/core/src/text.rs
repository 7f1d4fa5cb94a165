//! Bilingual text: every message a user reads exists in Chinese first, with English beside it.

use serde::{Deserialize, Serialize};

/// A message in Chinese (shown first) and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bilingual {
    /// Simplified Chinese text.
    pub zh: String,
    /// English text.
    pub en: String,
}

impl Bilingual {
    /// Builds a message from its two languages.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

impl std::fmt::Display for Bilingual {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}\n{}", self.zh, self.en)
    }
}
