//! The gate rules (DOMAIN.md, "Workflow"), as pure functions of a pack.
//!
//! `check` gives one item per rule. The UI, the CLI and the PDF all show this same checklist, so
//! every message exists here once, in Chinese and English.

use crate::disclosure::DisclosureAttribute;
use crate::doc_number::DocNumber;
use crate::hash::ContentHash;
use crate::media::MediaKind;
use crate::pack::{Pack, PackState};
use crate::plan::{InterpretationForm, ReleaseTiming};
use crate::policy::Importance;
use crate::text::Bilingual;
use serde::{Deserialize, Serialize};

/// The stable id of a gate rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RuleId {
    /// Rule 1: disclosure attribute and its legal basis.
    #[serde(rename = "disclosure")]
    Disclosure,
    /// Rule 2: 谁起草、谁解读.
    #[serde(rename = "whoever-drafts-interprets")]
    WhoeverDraftsInterprets,
    /// Rule 3: 同步组织.
    #[serde(rename = "organized-together")]
    OrganizedTogether,
    /// Rule 4: 同步审签.
    #[serde(rename = "signed-together")]
    SignedTogether,
    /// Rule 5: 同步部署.
    #[serde(rename = "deployed-together")]
    DeployedTogether,
    /// Rule 6: media kits only for signed packs.
    #[serde(rename = "media-kit")]
    MediaKit,
    /// Form check: the 发文字号 is well formed.
    #[serde(rename = "doc-number")]
    DocNumber,
    /// Form check: the elements the document's direction needs (主送机关, 签发人).
    #[serde(rename = "document-form")]
    DocumentForm,
    /// Form check: images carry alternative text, audio and video a title, and a planned
    /// audio or video form has its file.
    #[serde(rename = "media-files")]
    MediaFiles,
}

impl RuleId {
    /// Every rule, in checklist order.
    pub const ALL: [RuleId; 9] = [
        RuleId::Disclosure,
        RuleId::WhoeverDraftsInterprets,
        RuleId::OrganizedTogether,
        RuleId::SignedTogether,
        RuleId::DeployedTogether,
        RuleId::MediaKit,
        RuleId::DocNumber,
        RuleId::DocumentForm,
        RuleId::MediaFiles,
    ];

    /// The stable id as text.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::Disclosure => "disclosure",
            RuleId::WhoeverDraftsInterprets => "whoever-drafts-interprets",
            RuleId::OrganizedTogether => "organized-together",
            RuleId::SignedTogether => "signed-together",
            RuleId::DeployedTogether => "deployed-together",
            RuleId::MediaKit => "media-kit",
            RuleId::DocNumber => "doc-number",
            RuleId::DocumentForm => "document-form",
            RuleId::MediaFiles => "media-files",
        }
    }

    /// The rule's title.
    pub fn title(self) -> Bilingual {
        match self {
            RuleId::Disclosure => Bilingual::new("公开属性", "Disclosure attribute"),
            RuleId::WhoeverDraftsInterprets => {
                Bilingual::new("谁起草、谁解读", "Whoever drafts, interprets")
            }
            RuleId::OrganizedTogether => Bilingual::new("同步组织", "Organized together"),
            RuleId::SignedTogether => Bilingual::new("同步审签", "Signed together"),
            RuleId::DeployedTogether => Bilingual::new("同步部署", "Deployed together"),
            RuleId::MediaKit => Bilingual::new("媒体包", "Media kit"),
            RuleId::DocNumber => Bilingual::new("发文字号", "Document number"),
            RuleId::DocumentForm => Bilingual::new("公文格式要素", "Document elements"),
            RuleId::MediaFiles => Bilingual::new("图片与音视频", "Images, audio and video"),
        }
    }
}

/// How much a failing finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For information only.
    Info,
    /// Should be fixed; does not stop the workflow.
    Warning,
    /// Stops the workflow until fixed.
    Blocking,
}

/// The outcome of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// The rule holds.
    Pass,
    /// The rule does not hold.
    Fail,
    /// The rule does not apply to this pack in its current state.
    NotApplicable,
}

/// One problem found by a rule, pointing at the field to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    /// Path of the field concerned, e.g. `plan.interpreting_unit`.
    pub field: String,
    /// How much it matters.
    pub severity: Severity,
    /// What is wrong and what to do.
    pub message: Bilingual,
}

/// The result of one rule on one pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckItem {
    /// Stable rule id.
    pub id: RuleId,
    /// Rule number in DOMAIN.md (0 for form checks).
    pub rule_no: u8,
    /// Rule title.
    pub title: Bilingual,
    /// Pass, fail or not applicable.
    pub status: CheckStatus,
    /// The highest severity among the findings (Info when there are none).
    pub severity: Severity,
    /// The field of the first finding, for the UI to jump to.
    pub field: Option<String>,
    /// One-line summary.
    pub message: Bilingual,
    /// Every problem found.
    pub findings: Vec<Finding>,
}

impl CheckItem {
    /// Whether this item stops the workflow.
    pub fn is_blocking_failure(&self) -> bool {
        self.status == CheckStatus::Fail && self.severity == Severity::Blocking
    }
}

/// The checklist of a pack: one item per rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Checklist {
    /// The pack checked.
    pub pack_id: String,
    /// The content hash of what was checked.
    pub content_hash: ContentHash,
    /// One item per rule, in rule order.
    pub items: Vec<CheckItem>,
}

impl Checklist {
    /// Whether every blocking rule passes.
    pub fn passes(&self) -> bool {
        !self.items.iter().any(CheckItem::is_blocking_failure)
    }

    /// Ids of the rules that fail with blocking severity.
    pub fn blocking_failures(&self) -> Vec<RuleId> {
        self.items
            .iter()
            .filter(|i| i.is_blocking_failure())
            .map(|i| i.id)
            .collect()
    }

    /// The item of one rule.
    pub fn item(&self, id: RuleId) -> Option<&CheckItem> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// Runs every gate rule on a pack.
pub fn check(pack: &Pack) -> Checklist {
    Checklist {
        pack_id: pack.id.clone(),
        content_hash: pack.content_hash(),
        items: RuleId::ALL
            .into_iter()
            .map(|id| evaluate(id, pack))
            .collect(),
    }
}

/// What a rule found: `None` when it does not apply, else the findings (empty = pass).
type Outcome = Option<Vec<Finding>>;

fn evaluate(id: RuleId, pack: &Pack) -> CheckItem {
    let (rule_no, outcome, pass_message) = match id {
        RuleId::Disclosure => (1, disclosure(pack), ok("公开属性及依据完整。", "Disclosure attribute and basis are complete.")),
        RuleId::WhoeverDraftsInterprets => (2, whoever_drafts_interprets(pack), ok("解读单位即起草单位，第一解读人已明确。", "The drafting unit interprets; the first interpreter is named.")),
        RuleId::OrganizedTogether => (3, organized_together(pack), ok("解读方案与解读材料已同步组织。", "Interpretation plan and materials are organized with the policy.")),
        RuleId::SignedTogether => (4, signed_together(pack), ok("政策文件与解读材料已一并审签，签名覆盖当前内容。", "Policy and interpretation were signed in one act; the signature covers the current content.")),
        RuleId::DeployedTogether => (5, deployed_together(pack), ok("政策文件与解读材料已同步发布。", "Policy and interpretation were released together.")),
        RuleId::MediaKit => (6, media_kit(pack), ok("已审签，可导出媒体包。", "Signed: media kits may be exported.")),
        RuleId::DocNumber => (0, doc_number(pack), ok("发文字号格式正确。", "The document number is well formed.")),
        RuleId::DocumentForm => (0, document_form(pack), ok("行文方向所需的要素齐全。", "The elements the document's direction needs are present.")),
        RuleId::MediaFiles => (0, media_files(pack), ok("图片均有替代文本，音视频均有标题。", "Every image has alternative text; audio and video have titles.")),
    };
    let title = id.title();
    match outcome {
        None => CheckItem {
            id,
            rule_no,
            title,
            status: CheckStatus::NotApplicable,
            severity: Severity::Info,
            field: None,
            message: not_applicable_message(id),
            findings: Vec::new(),
        },
        Some(findings) if findings.is_empty() => CheckItem {
            id,
            rule_no,
            title,
            status: CheckStatus::Pass,
            severity: Severity::Info,
            field: None,
            message: pass_message,
            findings,
        },
        Some(findings) => {
            // The first finding of the highest severity: `max_by_key` alone keeps the last,
            // which sent the UI to the field further down the form.
            let worst = findings
                .iter()
                .rev()
                .max_by_key(|f| f.severity)
                .cloned()
                .unwrap_or_else(|| finding("", Severity::Info, "", ""));
            CheckItem {
                id,
                rule_no,
                title,
                status: CheckStatus::Fail,
                severity: worst.severity,
                field: Some(worst.field.clone()),
                message: worst.message.clone(),
                findings,
            }
        }
    }
}

fn ok(zh: &str, en: &str) -> Bilingual {
    Bilingual::new(zh, en)
}

fn finding(field: &str, severity: Severity, zh: &str, en: &str) -> Finding {
    Finding {
        field: field.to_string(),
        severity,
        message: Bilingual::new(zh, en),
    }
}

fn not_applicable_message(id: RuleId) -> Bilingual {
    match id {
        RuleId::OrganizedTogether => Bilingual::new(
            "非主动公开文件，不要求同步解读。",
            "Not proactively disclosed: no interpretation is required.",
        ),
        RuleId::SignedTogether => Bilingual::new(
            "尚未审签；审签时政策文件与解读材料一并签署。",
            "Not signed yet; policy and interpretation will be signed in one act.",
        ),
        RuleId::DeployedTogether => Bilingual::new(
            "尚未部署；发布时政策文件与解读材料同步发布。",
            "Not deployed yet; policy and interpretation will be released together.",
        ),
        RuleId::MediaKit => Bilingual::new(
            "审签后方可导出媒体包。",
            "Media kits can be exported once the pack is signed.",
        ),
        RuleId::DocNumber => Bilingual::new("尚未编发文字号。", "No document number yet."),
        RuleId::DocumentForm => Bilingual::new(
            "文种未定，不检查主送机关和签发人。",
            "The document type is not known: the addressee and sign-off are not checked.",
        ),
        RuleId::MediaFiles => Bilingual::new(
            "解读包中没有图片或音视频。",
            "The pack holds no images, audio or video.",
        ),
        RuleId::Disclosure | RuleId::WhoeverDraftsInterprets => {
            Bilingual::new("不适用。", "Not applicable.")
        }
    }
}

fn at_or_after_submission(state: PackState) -> bool {
    matches!(
        state,
        PackState::Submitted | PackState::Signed | PackState::Deployed
    )
}

fn disclosure(pack: &Pack) -> Outcome {
    let d = &pack.policy().disclosure;
    let mut out = Vec::new();
    let Some(attribute) = d.attribute else {
        out.push(finding(
            "policy.disclosure.attribute",
            Severity::Blocking,
            "未明确公开属性（主动公开、依申请公开或不予公开），报批将被退文。",
            "The disclosure attribute is not set (proactive, on request or not disclosed); the draft would be sent back.",
        ));
        return Some(out);
    };
    if attribute == DisclosureAttribute::Proactive {
        return Some(out);
    }
    if d.legal_basis.is_empty() {
        out.push(finding(
            "policy.disclosure.legal_basis",
            Severity::Blocking,
            "拟不主动公开，须依法说明理由：请选择《政府信息公开条例》第十四、十五或十六条的依据。",
            "Not proactive: choose the legal basis (arts. 14, 15 or 16 of the Regulations on Government Information Disclosure).",
        ));
    }
    if d.explanation.trim().is_empty() {
        out.push(finding(
            "policy.disclosure.explanation",
            Severity::Blocking,
            "拟不主动公开，须书面说明理由。",
            "Not proactive: a written explanation is required.",
        ));
    }
    // The office must review before sign-off; while drafting this is a reminder, not a stop.
    let review_severity = if at_or_after_submission(pack.state) {
        Severity::Blocking
    } else {
        Severity::Warning
    };
    match &d.review {
        None => out.push(finding(
            "policy.disclosure.review",
            review_severity,
            "拟不主动公开的文件，审签前须送本单位政务公开工作机构审查。",
            "A document not proactively disclosed must be reviewed by the openness office before sign-off.",
        )),
        Some(review) if !review.approved => out.push(finding(
            "policy.disclosure.review",
            Severity::Blocking,
            "政务公开工作机构未同意拟定的公开属性，请按审查意见修改。",
            "The openness office did not approve the proposed attribute; revise it as the office advised.",
        )),
        Some(_) => {}
    }
    Some(out)
}

fn whoever_drafts_interprets(pack: &Pack) -> Outcome {
    let policy = pack.policy();
    let mut out = Vec::new();
    if policy.drafting_unit.trim().is_empty() {
        out.push(finding(
            "policy.drafting_unit",
            Severity::Blocking,
            "未填写起草单位。",
            "The drafting unit is missing.",
        ));
    }
    let Some(plan) = &pack.content.plan else {
        out.push(finding(
            "plan",
            Severity::Blocking,
            "尚无解读方案，无法确定解读单位和第一解读人。",
            "There is no interpretation plan, so no interpreting unit or first interpreter.",
        ));
        return Some(out);
    };
    if plan.interpreting_unit.trim().is_empty() {
        out.push(finding(
            "plan.interpreting_unit",
            Severity::Blocking,
            "未填写解读单位；按“谁起草、谁解读”，解读单位应为起草单位。",
            "The interpreting unit is missing; by 'whoever drafts, interprets' it must be the drafting unit.",
        ));
    } else if !policy.drafting_unit.trim().is_empty()
        && plan.interpreting_unit.trim() != policy.drafting_unit.trim()
    {
        out.push(finding(
            "plan.interpreting_unit",
            Severity::Blocking,
            "解读单位与起草单位不一致；按“谁起草、谁解读”，应由起草单位解读。",
            "The interpreting unit differs from the drafting unit; the drafting unit must interpret.",
        ));
    }
    if plan.first_interpreter.trim().is_empty() {
        out.push(finding(
            "plan.first_interpreter",
            Severity::Blocking,
            "未明确第一解读人和责任人（起草单位主要负责人）。",
            "The first interpreter and responsible person (head of the drafting unit) is not named.",
        ));
    }
    Some(out)
}

fn organized_together(pack: &Pack) -> Outcome {
    let policy = pack.policy();
    if policy.disclosure.attribute != Some(DisclosureAttribute::Proactive) {
        return None;
    }
    let mut out = Vec::new();
    let plan = pack.content.plan.as_ref();
    if plan.is_none() {
        out.push(finding(
            "plan",
            Severity::Blocking,
            "主动公开的政策文件须同步提交解读方案。",
            "A proactively disclosed policy needs an interpretation plan before submission.",
        ));
    }
    let materials = &pack.content.materials;
    let has_text = materials.text.as_ref().is_some_and(|t| {
        t.sections
            .iter()
            .any(|s| s.paragraphs.iter().any(|p| !p.trim().is_empty()))
    });
    if !has_text {
        out.push(finding(
            "materials.text",
            Severity::Blocking,
            "主动公开的政策文件须同步提交文字解读。",
            "A proactively disclosed policy needs a text interpretation before submission.",
        ));
    }
    if policy.importance == Importance::Major {
        if materials.qa.is_empty() {
            out.push(finding(
                "materials.qa",
                Severity::Blocking,
                "重大政策须配发问答。",
                "A major policy needs Q&A.",
            ));
        }
        // An infographic made outside Jiedu (an image) is a 图解 as much as a chart drawn here.
        if materials.charts.is_empty() && !materials.has_media(MediaKind::Image) {
            out.push(finding(
                "materials.charts",
                Severity::Blocking,
                "重大政策须至少配发一张图表图解（图表或图解图片）。",
                "A major policy needs at least one chart or infographic image.",
            ));
        }
        let press_planned = plan.is_some_and(|p| {
            !p.press_events.is_empty() || p.forms.iter().any(|f| f.is_press_event())
        });
        if !press_planned {
            out.push(finding(
                "plan.press_events",
                Severity::Blocking,
                "重大政策须安排新闻发布会、政策吹风会或访谈等解读活动。",
                "A major policy needs a planned press conference, briefing or interview.",
            ));
        }
    }
    if let Some(ReleaseTiming::WithinWorkingDays { days }) = plan.map(|p| p.timing) {
        if days > 3 {
            out.push(finding(
                "plan.timing",
                Severity::Blocking,
                "解读材料最迟应在政策文件发布后3个工作日内发布。",
                "The interpretation must follow the policy within 3 working days at most.",
            ));
        } else if days > 0 {
            out.push(finding(
                "plan.timing",
                Severity::Warning,
                "解读材料原则上应与政策文件同步发布。",
                "The interpretation should in principle be released with the policy.",
            ));
        }
    }
    Some(out)
}

fn signed_together(pack: &Pack) -> Outcome {
    if !matches!(pack.state, PackState::Signed | PackState::Deployed) {
        return None;
    }
    let Some(signature) = &pack.signature else {
        return Some(vec![finding(
            "signature",
            Severity::Blocking,
            "状态为已审签，但没有审签记录。",
            "The pack is marked signed but has no signature record.",
        )]);
    };
    if signature.content_hash != pack.content_hash() {
        return Some(vec![finding(
            "signature.content_hash",
            Severity::Blocking,
            "审签后内容已被修改，签名失效，须重新审签。",
            "The content changed after signing; the signature is void and the pack must be signed again.",
        )]);
    }
    Some(Vec::new())
}

fn deployed_together(pack: &Pack) -> Outcome {
    if pack.state != PackState::Deployed {
        return None;
    }
    let Some(deployment) = &pack.deployment else {
        return Some(vec![finding(
            "deployment",
            Severity::Blocking,
            "状态为已部署，但没有发布记录。",
            "The pack is marked deployed but has no deployment record.",
        )]);
    };
    let mut out = Vec::new();
    if deployment.interpretation_released_at > deployment.policy_released_at {
        out.push(finding(
            "deployment.interpretation_released_at",
            Severity::Blocking,
            "解读材料晚于政策文件发布；二者应同步发布。",
            "The interpretation was released after the policy; they must be released together.",
        ));
    }
    if deployment.channels.is_empty() {
        out.push(finding(
            "deployment.channels",
            Severity::Blocking,
            "未记录发布渠道。",
            "No release channel is recorded.",
        ));
    }
    let signed_hash = pack.signature.as_ref().map(|s| &s.content_hash);
    if signed_hash != Some(&deployment.content_hash) {
        out.push(finding(
            "deployment.content_hash",
            Severity::Blocking,
            "发布的内容与审签的内容不一致。",
            "What was released differs from what was signed.",
        ));
    }
    Some(out)
}

fn media_kit(pack: &Pack) -> Outcome {
    match pack.state {
        PackState::Signed | PackState::Deployed => Some(Vec::new()),
        _ => None,
    }
}

fn media_files(pack: &Pack) -> Outcome {
    let media = &pack.content.materials.media;
    let av_planned = pack
        .content
        .plan
        .as_ref()
        .is_some_and(|p| p.forms.contains(&InterpretationForm::AudioVideo));
    if media.is_empty() && !av_planned {
        return None;
    }
    let mut out = Vec::new();
    for (i, m) in media.iter().enumerate() {
        match m.kind() {
            MediaKind::Image if m.alt.trim().is_empty() => out.push(finding(
                &format!("materials.media[{i}].alt"),
                Severity::Warning,
                &format!("图片“{}”缺少替代文本（供读屏软件朗读）。", m.title()),
                &format!(
                    "Image '{}' has no alternative text (for screen readers).",
                    m.title()
                ),
            )),
            MediaKind::Audio | MediaKind::Video if m.caption.trim().is_empty() => {
                out.push(finding(
                    &format!("materials.media[{i}].caption"),
                    Severity::Warning,
                    &format!(
                        "{}“{}”缺少标题，门户和新闻稿将只显示文件名。",
                        m.kind().label_zh(),
                        m.file_name
                    ),
                    &format!(
                        "'{}' has no title; the portal and press release will show its file name.",
                        m.file_name
                    ),
                ))
            }
            _ => {}
        }
    }
    let av_present = media
        .iter()
        .any(|m| matches!(m.kind(), MediaKind::Audio | MediaKind::Video));
    if av_planned && !av_present {
        out.push(finding(
            "materials.media",
            Severity::Warning,
            "解读方案列有音视频解读，但解读包中还没有音频或视频文件。",
            "The plan lists audio/video interpretation but the pack holds no audio or video file.",
        ));
    }
    Some(out)
}

fn doc_number(pack: &Pack) -> Outcome {
    let number = pack.policy().doc_number.as_deref()?;
    if number.trim().is_empty() {
        return None;
    }
    match DocNumber::parse(number) {
        Ok(_) => Some(Vec::new()),
        Err(e) => {
            let text = e.to_string();
            let (zh, en) = text.split_once('\n').unwrap_or((text.as_str(), ""));
            Some(vec![finding(
                "policy.doc_number",
                Severity::Warning,
                zh,
                en,
            )])
        }
    }
}

/// 下行文 without 主送机关, 上行文 without 签发人: warnings, from the 文种's direction.
fn document_form(pack: &Pack) -> Outcome {
    use crate::gongwen::Direction;
    let policy = pack.policy();
    let direction = policy.effective_doc_type()?.direction();
    let mut findings = Vec::new();
    if direction == Direction::Downward && policy.addressee.trim().is_empty() {
        findings.push(finding(
            "policy.addressee",
            Severity::Warning,
            "下行文应写明主送机关。",
            "A document to lower authorities should name its addressee (主送机关).",
        ));
    }
    if direction == Direction::Upward && policy.sign_off_by.is_empty() {
        findings.push(finding(
            "policy.sign_off_by",
            Severity::Warning,
            "上行文应标注签发人。",
            "A document to a higher authority should name who signed it off (签发人).",
        ));
    }
    Some(findings)
}

#[cfg(test)]
mod tests;
