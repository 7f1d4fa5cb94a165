//! What changed between two revisions of a pack, part by part: policy sections (matched by
//! content, so an inserted section does not make every later one "changed"), the plan, the text
//! interpretation's sections, charts and Q&A pairs by id.

use crate::pack::PackContent;
use crate::parts::Part;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How a part changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// New in the later revision.
    Added,
    /// Gone from the later revision.
    Removed,
    /// Present in both, different.
    Modified,
}

impl ChangeKind {
    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            ChangeKind::Added => "新增",
            ChangeKind::Removed => "删除",
            ChangeKind::Modified => "修改",
        }
    }
}

/// One changed part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    /// The part, as positioned in the later revision (in the earlier one when removed).
    pub part: Part,
    /// Added, removed or modified.
    pub kind: ChangeKind,
    /// The section's number and heading, the chart's title, the question.
    pub label: String,
    /// For structured parts (policy front matter, plan): the fields that changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// The first differing paragraph before the change, shortened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The same paragraph after the change, shortened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// Longest excerpt shown for a changed paragraph, in characters.
const EXCERPT_CHARS: usize = 60;

/// Every changed part between `old` and `new`, in reading order.
pub fn diff(old: &PackContent, new: &PackContent) -> Vec<Change> {
    let mut out = Vec::new();
    let fields = changed_fields(&policy_front_matter(old), &policy_front_matter(new));
    if !fields.is_empty() {
        out.push(modified(Part::Policy, new, fields));
    }
    if old.policy.preamble != new.policy.preamble {
        let mut change = modified(Part::Preamble, new, Vec::new());
        excerpt(&mut change, &old.policy.preamble, &new.policy.preamble);
        out.push(change);
    }
    let lines = |s: &crate::policy::Section| {
        std::iter::once(format!("{}{}", s.number, s.heading))
            .chain(s.paragraphs.iter().cloned())
            .collect::<Vec<_>>()
    };
    sequence(
        &old.policy.sections,
        &new.policy.sections,
        Part::PolicySection,
        |part, content| part.label(content),
        lines,
        old,
        new,
        &mut out,
    );
    if old.policy.attachments != new.policy.attachments {
        out.push(modified(Part::Attachments, new, Vec::new()));
    }
    match (&old.plan, &new.plan) {
        (None, Some(_)) => out.push(simple(Part::Plan, ChangeKind::Added, new)),
        (Some(_), None) => out.push(simple(Part::Plan, ChangeKind::Removed, old)),
        (Some(a), Some(b)) if a != b => {
            let fields = changed_fields(&to_value(a), &to_value(b));
            out.push(modified(Part::Plan, new, fields));
        }
        _ => {}
    }
    let (old_text, new_text) = (&old.materials.text, &new.materials.text);
    match (old_text, new_text) {
        (None, Some(_)) => out.push(simple(Part::Text, ChangeKind::Added, new)),
        (Some(_), None) => out.push(simple(Part::Text, ChangeKind::Removed, old)),
        (Some(a), Some(b)) if a.title != b.title => {
            let mut change = modified(Part::Text, new, vec!["title".into()]);
            change.before = Some(shorten(&a.title));
            change.after = Some(shorten(&b.title));
            out.push(change);
        }
        _ => {}
    }
    let no_sections = Vec::new();
    sequence(
        old_text.as_ref().map_or(&no_sections, |t| &t.sections),
        new_text.as_ref().map_or(&no_sections, |t| &t.sections),
        Part::TextSection,
        |part, content| part.label(content),
        |s| {
            std::iter::once(s.heading.clone())
                .chain(s.paragraphs.iter().cloned())
                .collect()
        },
        old,
        new,
        &mut out,
    );
    out.extend(by_id_changes(
        &old.materials.charts,
        &new.materials.charts,
        |c| c.id.clone(),
        Part::Chart,
        old,
        new,
    ));
    for change in by_id_changes(
        &old.materials.qa,
        &new.materials.qa,
        |q| q.id.clone(),
        Part::Qa,
        old,
        new,
    ) {
        let mut change = change;
        if change.kind == ChangeKind::Modified {
            let find = |c: &PackContent| {
                c.materials
                    .qa
                    .iter()
                    .find(|q| Part::Qa(q.id.clone()) == change.part)
                    .map(|q| vec![q.question.clone(), q.answer.clone()])
                    .unwrap_or_default()
            };
            let (a, b) = (find(old), find(new));
            excerpt(&mut change, &a, &b);
        }
        out.push(change);
    }
    if old.materials.press_lines != new.materials.press_lines {
        let mut change = modified(Part::PressLines, new, Vec::new());
        excerpt(
            &mut change,
            &old.materials.press_lines,
            &new.materials.press_lines,
        );
        out.push(change);
    }
    if old.materials.media != new.materials.media {
        out.push(modified(Part::Images, new, Vec::new()));
    }
    out
}

fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn policy_front_matter(content: &PackContent) -> Value {
    let mut value = to_value(&content.policy);
    if let Value::Object(map) = &mut value {
        for key in ["preamble", "sections", "attachments"] {
            map.remove(key);
        }
    }
    value
}

/// Top-level keys whose values differ, sorted.
fn changed_fields(a: &Value, b: &Value) -> Vec<String> {
    let (Value::Object(a), Value::Object(b)) = (a, b) else {
        return if a == b {
            Vec::new()
        } else {
            vec![String::new()]
        };
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| k.to_string())
        .collect()
}

fn simple(part: Part, kind: ChangeKind, labelled_in: &PackContent) -> Change {
    Change {
        label: part.label(labelled_in),
        part,
        kind,
        fields: Vec::new(),
        before: None,
        after: None,
    }
}

fn modified(part: Part, new: &PackContent, fields: Vec<String>) -> Change {
    let mut change = simple(part, ChangeKind::Modified, new);
    change.fields = fields;
    change
}

fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// Characters of unchanged text kept before the first difference in an excerpt.
const CONTEXT_CHARS: usize = 12;

/// Both texts from a little before their first difference, shortened.
fn around(a: &str, b: &str) -> (String, String) {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let same = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let start = same.saturating_sub(CONTEXT_CHARS);
    let cut = |chars: &[char]| {
        let tail: String = chars[start.min(chars.len())..].iter().collect();
        let text = shorten(&tail);
        if start > 0 {
            format!("…{text}")
        } else {
            text
        }
    };
    (cut(&a), cut(&b))
}

/// Fills `before`/`after` with the first paragraph that differs, from just before the change.
fn excerpt(change: &mut Change, old: &[String], new: &[String]) {
    let n = old.len().max(new.len());
    if let Some(i) = (0..n).find(|&i| old.get(i) != new.get(i)) {
        match (old.get(i), new.get(i)) {
            (Some(a), Some(b)) => {
                let (before, after) = around(a, b);
                change.before = Some(before);
                change.after = Some(after);
            }
            (a, b) => {
                change.before = a.map(|p| shorten(p));
                change.after = b.map(|p| shorten(p));
            }
        }
    }
}

/// One step of a sequence alignment.
enum Op {
    Same,
    Removed(usize),
    Added(usize),
}

/// Aligns two sequences on their longest common subsequence.
fn align<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(Op::Added(j));
            j += 1;
        } else {
            ops.push(Op::Removed(i));
            i += 1;
        }
    }
    ops
}

/// Diffs an ordered list of sections: a removal and an addition at the same place pair up as a
/// modification.
#[allow(clippy::too_many_arguments)]
fn sequence<T: PartialEq>(
    a: &[T],
    b: &[T],
    make: fn(usize) -> Part,
    label: impl Fn(&Part, &PackContent) -> String,
    lines: impl Fn(&T) -> Vec<String>,
    old: &PackContent,
    new: &PackContent,
    out: &mut Vec<Change>,
) {
    let ops = align(a, b);
    let mut k = 0;
    while k < ops.len() {
        if matches!(ops[k], Op::Same) {
            k += 1;
            continue;
        }
        let mut removed = Vec::new();
        let mut added = Vec::new();
        while k < ops.len() {
            match ops[k] {
                Op::Same => break,
                Op::Removed(i) => removed.push(i),
                Op::Added(j) => added.push(j),
            }
            k += 1;
        }
        let pairs = removed.len().min(added.len());
        for (&i, &j) in removed.iter().zip(added.iter()) {
            let part = make(j);
            let mut change = Change {
                label: label(&part, new),
                part,
                kind: ChangeKind::Modified,
                fields: Vec::new(),
                before: None,
                after: None,
            };
            excerpt(&mut change, &lines(&a[i]), &lines(&b[j]));
            out.push(change);
        }
        for &i in &removed[pairs..] {
            let part = make(i);
            out.push(Change {
                label: label(&part, old),
                part,
                kind: ChangeKind::Removed,
                fields: Vec::new(),
                before: None,
                after: None,
            });
        }
        for &j in &added[pairs..] {
            let part = make(j);
            out.push(Change {
                label: label(&part, new),
                part,
                kind: ChangeKind::Added,
                fields: Vec::new(),
                before: None,
                after: None,
            });
        }
    }
}

/// Diffs items that carry a stable id (charts, Q&A pairs).
fn by_id_changes<T: PartialEq>(
    a: &[T],
    b: &[T],
    id: impl Fn(&T) -> String,
    make: fn(String) -> Part,
    old: &PackContent,
    new: &PackContent,
) -> Vec<Change> {
    let mut out = Vec::new();
    for item in a {
        match b.iter().find(|x| id(x) == id(item)) {
            None => out.push(simple(make(id(item)), ChangeKind::Removed, old)),
            Some(other) if other != item => {
                out.push(modified(make(id(item)), new, Vec::new()));
            }
            Some(_) => {}
        }
    }
    for item in b {
        if !a.iter().any(|x| id(x) == id(item)) {
            out.push(simple(make(id(item)), ChangeKind::Added, new));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::materials::QaPair;
    use crate::policy::{HeadingLevel, Section};

    fn section(number: &str, heading: &str, body: &str) -> Section {
        Section {
            level: HeadingLevel::L2,
            number: number.into(),
            heading: heading.into(),
            paragraphs: vec![body.into()],
        }
    }

    fn base() -> PackContent {
        let mut c = PackContent::default();
        c.policy.title = "关于推进政务公开的意见".into();
        c.policy.sections = vec![
            section("（一）", "推进决策公开。", "实行重大决策预公开制度。"),
            section("（二）", "推进执行公开。", "公开重大政策落实情况。"),
            section("（三）", "推进管理公开。", "推行权力清单制度。"),
        ];
        c.materials.qa = vec![QaPair {
            id: "q1".into(),
            question: "为什么出台？".into(),
            answer: "为了……".into(),
            audience: Default::default(),
        }];
        c
    }

    #[test]
    fn identical_content_has_no_changes() {
        assert!(diff(&base(), &base()).is_empty());
    }

    #[test]
    fn an_edited_sentence_names_its_section_with_before_and_after() {
        let mut new = base();
        new.policy.sections[1].paragraphs[0] = "公开重大政策落实情况和审计结果。".into();
        let changes = diff(&base(), &new);
        assert_eq!(changes.len(), 1, "{changes:?}");
        let c = &changes[0];
        assert_eq!(c.part, Part::PolicySection(1));
        assert_eq!(c.kind, ChangeKind::Modified);
        assert_eq!(c.label, "（二）推进执行公开。");
        assert_eq!(c.before.as_deref(), Some("公开重大政策落实情况。"));
        assert_eq!(c.after.as_deref(), Some("公开重大政策落实情况和审计结果。"));
    }

    #[test]
    fn an_excerpt_starts_just_before_the_change_in_a_long_paragraph() {
        let mut old = base();
        old.policy.sections[0].paragraphs[0] = "甲".repeat(100) + "。";
        let mut new = old.clone();
        new.policy.sections[0].paragraphs[0] = "甲".repeat(100) + "，并公开征求意见。";
        let c = &diff(&old, &new)[0];
        let before = c.before.as_deref().expect("before");
        let after = c.after.as_deref().expect("after");
        assert!(
            before.starts_with('…') && before.ends_with("甲。"),
            "{before}"
        );
        assert!(after.contains("并公开征求意见。"), "{after}");
    }

    #[test]
    fn an_inserted_section_is_one_addition_not_a_cascade() {
        let mut new = base();
        new.policy
            .sections
            .insert(1, section("（二）", "推进预算公开。", "细化预算公开内容。"));
        let changes = diff(&base(), &new);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].part, Part::PolicySection(1));
        assert_eq!(changes[0].kind, ChangeKind::Added);
    }

    #[test]
    fn front_matter_plan_and_qa_changes_are_reported_by_part() {
        let mut new = base();
        new.policy.doc_number = Some("国办发〔2026〕1号".into());
        new.plan = Some(Default::default());
        new.materials.qa[0].answer = "为了更好地公开。".into();
        new.materials.qa.push(QaPair {
            id: "q2".into(),
            question: "怎么办？".into(),
            answer: "……".into(),
            audience: Default::default(),
        });
        new.policy.sections.remove(2);
        let changes = diff(&base(), &new);
        let summary: Vec<(String, ChangeKind)> = changes
            .iter()
            .map(|c| (c.part.to_string(), c.kind))
            .collect();
        assert_eq!(
            summary,
            [
                ("policy".to_string(), ChangeKind::Modified),
                ("policy.sections[2]".to_string(), ChangeKind::Removed),
                ("plan".to_string(), ChangeKind::Added),
                ("qa:q1".to_string(), ChangeKind::Modified),
                ("qa:q2".to_string(), ChangeKind::Added),
            ]
        );
        assert_eq!(changes[0].fields, ["doc_number"]);
        assert_eq!(changes[1].label, "（三）推进管理公开。");
        assert_eq!(changes[3].after.as_deref(), Some("为了更好地公开。"));
    }
}
