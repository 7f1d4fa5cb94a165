//! Printing results for people or, with `--json`, for scripts.

use crate::error::CliError;
use serde::Serialize;
use std::process::ExitCode;

/// Exit code for bad usage or bad data.
pub const EXIT_ERROR: u8 = 2;

/// Where results go, and in which form.
pub struct Output {
    json: bool,
}

impl Output {
    /// Output in JSON when `json` is set, else human-readable text.
    /// Whether output is JSON.
    pub fn json(&self) -> bool {
        self.json
    }

    /// Output as text or JSON.
    pub fn new(json: bool) -> Self {
        Output { json }
    }

    /// Whether results are JSON (progress and hints then stay off the terminal).
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Prints `value` as JSON, or runs `human` to print text.
    pub fn emit<T: Serialize>(&self, value: &T, human: impl FnOnce()) {
        if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(text) => println!("{text}"),
                Err(e) => eprintln!("JSON 输出失败 JSON output failed: {e}"),
            }
        } else {
            human();
        }
    }

    /// Reports an error and gives exit code 2.
    pub fn fail(&self, error: &CliError) -> ExitCode {
        if self.json {
            let body = serde_json::json!({
                "error": { "code": error.code(), "message": error.to_string(), "field": error.field() }
            });
            println!("{body:#}");
        }
        let text = error.to_string();
        let (zh, en) = text.split_once('\n').unwrap_or((text.as_str(), ""));
        eprintln!("错误：{zh}");
        if !en.is_empty() {
            eprintln!("Error: {en}");
        }
        ExitCode::from(EXIT_ERROR)
    }
}
