//! The parts of a pack that a leader comments on and a diff reports: a policy section, the plan,
//! a text-interpretation section, a chart, a Q&A pair.
//!
//! A part is written as a short path: `policy.sections[3]` (0-based, as in JSON paths), `plan`,
//! `text.sections[0]`, `chart:ID`, `qa:ID`, or `pack` for the pack as a whole.

use crate::pack::PackContent;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One part of a pack's content.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub enum Part {
    /// The pack as a whole.
    Pack,
    /// The policy's front matter: title, 发文字号, units, disclosure, importance, category.
    Policy,
    /// The policy's opening paragraphs.
    Preamble,
    /// One numbered policy section, by position.
    PolicySection(usize),
    /// The policy's attachments.
    Attachments,
    /// The interpretation plan.
    Plan,
    /// The text interpretation's title.
    Text,
    /// One section of the text interpretation, by position.
    TextSection(usize),
    /// A chart, by id.
    Chart(String),
    /// A Q&A pair, by id.
    Qa(String),
    /// The internal press lines.
    PressLines,
    /// The images.
    Images,
}

/// A part path that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("无法识别的位置“{0}”。可用：pack、policy、policy.preamble、policy.sections[N]、policy.attachments、plan、text、text.sections[N]、chart:ID、qa:ID、press_lines、images。\nUnknown part {0}. Use pack, policy, policy.preamble, policy.sections[N], policy.attachments, plan, text, text.sections[N], chart:ID, qa:ID, press_lines or images.")]
pub struct PartParseError(pub String);

fn index_of(s: &str, prefix: &str) -> Option<usize> {
    s.strip_prefix(prefix)?
        .strip_suffix(']')?
        .trim()
        .parse()
        .ok()
}

impl Part {
    /// Reads a part path such as `policy.sections[3]` or `chart:five-openness`.
    pub fn parse(s: &str) -> Result<Part, PartParseError> {
        let t = s.trim();
        let part = match t {
            "pack" => Some(Part::Pack),
            "policy" => Some(Part::Policy),
            "policy.preamble" | "preamble" => Some(Part::Preamble),
            "policy.attachments" | "attachments" => Some(Part::Attachments),
            "plan" => Some(Part::Plan),
            "text" | "materials.text" => Some(Part::Text),
            "press_lines" | "materials.press_lines" => Some(Part::PressLines),
            "images" | "materials.images" | "media" | "materials.media" => Some(Part::Images),
            _ => None,
        };
        let part = part
            .or_else(|| index_of(t, "policy.sections[").map(Part::PolicySection))
            .or_else(|| index_of(t, "text.sections[").map(Part::TextSection))
            .or_else(|| index_of(t, "materials.text.sections[").map(Part::TextSection))
            .or_else(|| {
                t.strip_prefix("chart:")
                    .filter(|id| !id.trim().is_empty())
                    .map(|id| Part::Chart(id.trim().to_string()))
            })
            .or_else(|| {
                t.strip_prefix("qa:")
                    .filter(|id| !id.trim().is_empty())
                    .map(|id| Part::Qa(id.trim().to_string()))
            });
        part.ok_or_else(|| PartParseError(s.to_string()))
    }

    /// Whether the part exists in this content (a section index in range, a known chart id).
    pub fn exists_in(&self, content: &PackContent) -> bool {
        match self {
            Part::PolicySection(i) => *i < content.policy.sections.len(),
            Part::Plan => content.plan.is_some(),
            Part::Text => content.materials.text.is_some(),
            Part::TextSection(i) => content
                .materials
                .text
                .as_ref()
                .is_some_and(|t| *i < t.sections.len()),
            Part::Chart(id) => content.materials.charts.iter().any(|c| &c.id == id),
            Part::Qa(id) => content.materials.qa.iter().any(|q| &q.id == id),
            Part::Pack
            | Part::Policy
            | Part::Preamble
            | Part::Attachments
            | Part::PressLines
            | Part::Images => true,
        }
    }

    /// A human label for the part in this content: the section's number and heading, the
    /// chart's title, the question.
    pub fn label(&self, content: &PackContent) -> String {
        match self {
            Part::Pack => "整个解读包 whole pack".into(),
            Part::Policy => format!("政策文件 policy：{}", content.policy.title),
            Part::Preamble => "导语 preamble".into(),
            Part::PolicySection(i) => content
                .policy
                .sections
                .get(*i)
                .map(|s| format!("{}{}", s.number, s.heading))
                .unwrap_or_default(),
            Part::Attachments => "附件 attachments".into(),
            Part::Plan => "解读方案 interpretation plan".into(),
            Part::Text => content
                .materials
                .text
                .as_ref()
                .map(|t| t.title.clone())
                .unwrap_or_default(),
            Part::TextSection(i) => content
                .materials
                .text
                .as_ref()
                .and_then(|t| t.sections.get(*i))
                .map(|s| s.heading.clone())
                .unwrap_or_default(),
            Part::Chart(id) => content
                .materials
                .charts
                .iter()
                .find(|c| &c.id == id)
                .map(|c| c.title.clone())
                .unwrap_or_default(),
            Part::Qa(id) => content
                .materials
                .qa
                .iter()
                .find(|q| &q.id == id)
                .map(|q| q.question.clone())
                .unwrap_or_default(),
            Part::PressLines => "口径 press lines".into(),
            Part::Images => "图片与音视频 images, audio and video".into(),
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Part::Pack => f.write_str("pack"),
            Part::Policy => f.write_str("policy"),
            Part::Preamble => f.write_str("policy.preamble"),
            Part::PolicySection(i) => write!(f, "policy.sections[{i}]"),
            Part::Attachments => f.write_str("policy.attachments"),
            Part::Plan => f.write_str("plan"),
            Part::Text => f.write_str("text"),
            Part::TextSection(i) => write!(f, "text.sections[{i}]"),
            Part::Chart(id) => write!(f, "chart:{id}"),
            Part::Qa(id) => write!(f, "qa:{id}"),
            Part::PressLines => f.write_str("press_lines"),
            Part::Images => f.write_str("images"),
        }
    }
}

impl Serialize for Part {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Part {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Part::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_reads_back_from_its_path() {
        let parts = [
            Part::Pack,
            Part::Policy,
            Part::Preamble,
            Part::PolicySection(3),
            Part::Attachments,
            Part::Plan,
            Part::Text,
            Part::TextSection(0),
            Part::Chart("five-openness".into()),
            Part::Qa("q1".into()),
            Part::PressLines,
            Part::Images,
        ];
        for part in parts {
            assert_eq!(Part::parse(&part.to_string()), Ok(part.clone()));
            let json = serde_json::to_string(&part).expect("json");
            assert_eq!(serde_json::from_str::<Part>(&json).expect("parse"), part);
        }
    }

    #[test]
    fn bad_paths_are_refused_with_the_list_of_good_ones() {
        for bad in ["", "policy.sections[x]", "chart:", "sections[1]", "qa"] {
            let err = Part::parse(bad).expect_err(bad);
            assert!(err.to_string().contains("chart:ID"));
        }
    }

    #[test]
    fn existence_depends_on_the_content() {
        let mut c = PackContent::default();
        assert!(!Part::PolicySection(0).exists_in(&c));
        c.policy.sections.push(crate::policy::Section {
            level: crate::policy::HeadingLevel::L1,
            number: "一、".into(),
            heading: "总体要求".into(),
            paragraphs: vec![],
        });
        assert!(Part::PolicySection(0).exists_in(&c));
        assert_eq!(Part::PolicySection(0).label(&c), "一、总体要求");
        assert!(!Part::Chart("x".into()).exists_in(&c));
        assert!(!Part::Plan.exists_in(&c));
    }
}
