//! The kit's texts, built from the signed pack: the Q&A and the draft press release.

use super::doc::{chinese_number, paragraphs, Block, Doc};
use super::embargo;
use chrono::{DateTime, Datelike, Utc};
use jiedu_core::materials::InterpTopic;
use jiedu_core::pack::{Pack, SignRecord};

/// The mark at the top of every press release draft.
pub const DRAFT_MARK: &str = "新闻稿草稿（供新闻发言人修改）";

/// Fewest and most key points a press release lists.
const PRESS_POINTS: (usize, usize) = (3, 5);

/// What every kit text draws on: the pack, its signature, the release time and embargo.
pub(crate) struct Facts<'a> {
    /// The signed pack.
    pub pack: &'a Pack,
    /// Its signature.
    pub record: &'a SignRecord,
    /// When it is (to be) released.
    pub release_at: Option<DateTime<Utc>>,
    /// The embargo end, when the kit is made before the release.
    pub embargo: Option<DateTime<Utc>>,
    /// The press office's contact line.
    pub contact: &'a str,
}

impl Facts<'_> {
    /// The policy title.
    pub fn title(&self) -> &str {
        self.pack.policy().title.trim()
    }

    /// Who issues the policy: the issuing authority, else the drafting unit.
    pub fn authority(&self) -> &str {
        let policy = self.pack.policy();
        [&policy.issuing_authority, &policy.drafting_unit]
            .into_iter()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .unwrap_or("")
    }

    /// The document's short name: the genre after the last 的 (关于……的实施意见 → 实施意见).
    pub fn short_name(&self) -> String {
        let title = self.title();
        match title.rsplit_once('的') {
            Some((_, genre)) if (2..=6).contains(&genre.chars().count()) => genre.to_string(),
            _ => title.to_string(),
        }
    }

    /// The embargo notice, when there is one.
    pub fn embargo_notice(&self) -> Option<String> {
        self.embargo.map(embargo::notice)
    }

    /// Where the text came from: the signed pack, its revision, signer and content hash.
    pub fn provenance(&self) -> String {
        format!(
            "依据已审签的解读包生成：{}，第{}版，审签人{}，审签时间{}（北京时间），内容哈希 {}。",
            self.pack.id,
            self.record.revision,
            self.record.signer_name,
            embargo::time_zh(self.record.signed_at),
            self.record.content_hash
        )
    }

    /// The key points of the interpretation: the plan's, topped up from the text
    /// interpretation's main content when there are fewer than `min`; at most `max`.
    pub fn key_points(&self, min: usize, max: usize) -> Vec<String> {
        let content = &self.pack.content;
        let mut points: Vec<String> = content
            .plan
            .iter()
            .flat_map(|p| p.key_points.iter())
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if points.len() < min {
            let main = content
                .materials
                .text
                .iter()
                .flat_map(|t| t.sections.iter())
                .filter(|s| s.topic == InterpTopic::MainContent)
                .flat_map(|s| s.paragraphs.iter())
                .map(|p| first_sentence(p))
                .filter(|p| !p.is_empty());
            for p in main {
                if points.len() >= min {
                    break;
                }
                points.push(p);
            }
        }
        points.truncate(max);
        points
    }

    /// The first sentence of the text interpretation's goals (or main content), for the lead.
    fn goal_sentence(&self) -> Option<String> {
        let text = self.pack.content.materials.text.as_ref()?;
        [InterpTopic::Goals, InterpTopic::MainContent]
            .into_iter()
            .find_map(|topic| {
                text.sections
                    .iter()
                    .filter(|s| s.topic == topic)
                    .flat_map(|s| s.paragraphs.iter())
                    .map(|p| first_sentence(p))
                    .find(|p| !p.is_empty())
            })
    }

    /// When the policy is issued, as the lead says it: the release date, else the date of
    /// writing, else 近日.
    fn issued_when(&self) -> String {
        if let Some(release) = self.release_at {
            return embargo::date_zh(release);
        }
        match self.pack.policy().written_on {
            Some(d) => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
            None => "近日".to_string(),
        }
    }
}

/// The text up to and including its first full stop.
fn first_sentence(text: &str) -> String {
    let text = text.trim();
    match text.find('。') {
        Some(i) => text[..i + '。'.len_utf8()].to_string(),
        None => text.to_string(),
    }
}

/// Ends a sentence with 。 unless it already ends with final punctuation.
fn full_stop(text: &str) -> String {
    let t = text.trim().trim_end_matches(['；', ';', '，', ',']);
    if t.ends_with(['。', '！', '？', '”', '）']) {
        t.to_string()
    } else {
        format!("{t}。")
    }
}

/// The Q&A document: title, then each question as a heading and its answer.
pub(crate) fn qa_doc(facts: &Facts<'_>) -> Doc {
    let mut doc = Doc::default();
    if let Some(notice) = facts.embargo_notice() {
        doc.push(Block::Notice(notice));
    }
    doc.push(Block::Title(format!("《{}》问答", facts.title())));
    for (i, qa) in facts.pack.content.materials.qa.iter().enumerate() {
        doc.push(Block::Heading(format!(
            "{}、{}",
            chinese_number(i + 1),
            qa.question.trim()
        )));
        for p in paragraphs(&qa.answer) {
            doc.push(Block::Para(p));
        }
    }
    doc.push(Block::Note(embargo::release_line(facts.release_at)));
    doc.push(Block::Note(facts.provenance()));
    doc
}

/// The draft press release: who issued what and when, the key points, contact, release time.
pub(crate) fn press_release_doc(facts: &Facts<'_>) -> Doc {
    let mut doc = Doc::default();
    doc.push(Block::Notice(DRAFT_MARK.to_string()));
    if let Some(notice) = facts.embargo_notice() {
        doc.push(Block::Notice(notice));
    }
    let title = facts.title();
    let short = facts.short_name();
    let authority = facts.authority();
    doc.push(Block::Title(if authority.is_empty() {
        format!("《{title}》发布")
    } else {
        format!("{authority}印发《{title}》")
    }));

    let mut aside = Vec::new();
    if let Some(number) = facts.pack.policy().doc_number.as_deref() {
        if !number.trim().is_empty() {
            aside.push(number.trim().to_string());
        }
    }
    if short != title {
        aside.push(format!("以下简称《{short}》"));
    }
    let aside = if aside.is_empty() {
        String::new()
    } else {
        format!("（{}）", aside.join("，"))
    };
    let verb = if authority.is_empty() {
        "印发".to_string()
    } else {
        format!("{authority}印发")
    };
    let mut lead = format!("{}，{verb}《{title}》{aside}。", facts.issued_when());
    if let Some(goal) = facts.goal_sentence() {
        lead.push_str(&full_stop(&goal));
    }
    doc.push(Block::Para(lead));

    let points = facts.key_points(PRESS_POINTS.0, PRESS_POINTS.1);
    if !points.is_empty() {
        doc.push(Block::Para(format!("《{short}》明确了以下要点：")));
        for (i, point) in points.iter().enumerate() {
            let lead_in = format!("{}是", chinese_number(i + 1));
            let point = point.strip_prefix(&lead_in).unwrap_or(point);
            doc.push(Block::Para(format!("{lead_in}{}", full_stop(point))));
        }
    }

    let content = &facts.pack.content;
    let mut materials = Vec::new();
    if content.materials.text.is_some() {
        materials.push("政策解读");
    }
    if !content.materials.charts.is_empty() {
        materials.push("图表图解");
    }
    if !content.materials.qa.is_empty() {
        materials.push("问答");
    }
    let channels: Vec<&str> = content
        .plan
        .iter()
        .flat_map(|p| p.channels.iter())
        .map(|c| c.label_zh())
        .collect();
    if !channels.is_empty() {
        let with = if materials.is_empty() {
            String::new()
        } else {
            format!("及{}", materials.join("、"))
        };
        doc.push(Block::Para(format!(
            "《{short}》全文{with}同步在{}发布。",
            channels.join("、")
        )));
    }

    let contact = facts.contact.trim();
    doc.push(Block::Note(if contact.is_empty() {
        "新闻联系：（请填写新闻发言人或新闻办公室的姓名和电话）".to_string()
    } else {
        format!("新闻联系：{contact}")
    }));
    doc.push(Block::Note(embargo::release_line(facts.release_at)));
    doc.push(Block::Note(facts.provenance()));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_stops() {
        assert_eq!(first_sentence(" 甲。乙。"), "甲。");
        assert_eq!(first_sentence("无句号"), "无句号");
        assert_eq!(full_stop("要点；"), "要点。");
        assert_eq!(full_stop("要点。"), "要点。");
        assert_eq!(full_stop("要点"), "要点。");
    }
}
