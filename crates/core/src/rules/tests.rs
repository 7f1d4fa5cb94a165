//! Every rule has a test that passes it and a test that fails it.

use super::*;
use crate::chart::{ChartKind, ChartSpec, Series};
use crate::disclosure::{LegalBasis, OpennessReview};
use crate::materials::{InterpSection, InterpTopic, QaPair, TextInterpretation};
use crate::pack::{Deployment, PackContent, SignRecord};
use crate::plan::{Channel, InterpretationForm, InterpretationPlan, PressEvent};
use chrono::{TimeZone, Utc};

fn complete_pack() -> Pack {
    let mut content = PackContent::default();
    content.policy.title = "关于全面推进政务公开工作的实施意见".into();
    content.policy.drafting_unit = "办公厅".into();
    content.policy.doc_number = Some("国土资发〔2016〕141号".into());
    content.policy.disclosure.attribute = Some(DisclosureAttribute::Proactive);
    content.plan = Some(InterpretationPlan {
        interpreting_unit: "办公厅".into(),
        first_interpreter: "王明远".into(),
        forms: vec![InterpretationForm::Text],
        ..Default::default()
    });
    content.materials.text = Some(TextInterpretation {
        title: "解读".into(),
        sections: vec![InterpSection {
            topic: InterpTopic::Background,
            heading: "一、出台背景".into(),
            paragraphs: vec!["为贯彻落实……".into()],
        }],
    });
    Pack {
        id: "p1".into(),
        unit_id: "general-office".into(),
        state: PackState::Drafting,
        revision: 1,
        content,
        signature: None,
        deployment: None,
    }
}

fn make_major(pack: &mut Pack) {
    pack.content.policy.importance = Importance::Major;
    pack.content.materials.qa.push(QaPair {
        id: "q1".into(),
        question: "为什么出台？".into(),
        answer: "……".into(),
        audience: Default::default(),
    });
    pack.content.materials.charts.push(ChartSpec {
        id: "c1".into(),
        kind: ChartKind::Bar,
        title: "图".into(),
        subtitle: String::new(),
        unit: "项".into(),
        categories: vec!["一".into()],
        series: vec![Series {
            name: "任务".into(),
            values: vec![3.0],
        }],
        source: "本文件".into(),
        highlight: None,
        annotations: Vec::new(),
        palette: Default::default(),
    });
    if let Some(plan) = pack.content.plan.as_mut() {
        plan.press_events.push(PressEvent {
            form: InterpretationForm::PressConference,
            planned_at: "发布当日".into(),
            speaker: String::new(),
            note: String::new(),
        });
    }
}

fn sign(pack: &mut Pack) {
    pack.state = PackState::Signed;
    pack.signature = Some(SignRecord {
        pack_id: pack.id.clone(),
        signer_id: "li.hua".into(),
        signer_name: "李华".into(),
        signed_at: Utc
            .with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
            .single()
            .expect("time"),
        revision: pack.revision,
        content_hash: pack.content_hash(),
        algorithm: "ed25519".into(),
        public_key: String::new(),
        signature: String::new(),
        comment: String::new(),
    });
}

fn deploy(pack: &mut Pack, policy_hour: u32, interp_hour: u32) {
    sign(pack);
    pack.state = PackState::Deployed;
    let at = |h| {
        Utc.with_ymd_and_hms(2026, 11, 2, h, 0, 0)
            .single()
            .expect("time")
    };
    pack.deployment = Some(Deployment {
        deployed_by: "chen.jing".into(),
        policy_released_at: at(policy_hour),
        interpretation_released_at: at(interp_hour),
        channels: vec![Channel::Portal, Channel::Wechat],
        content_hash: pack.content_hash(),
    });
}

fn status(pack: &Pack, id: RuleId) -> CheckStatus {
    check(pack)
        .item(id)
        .map(|i| i.status)
        .expect("every rule has an item")
}

fn failing_fields(pack: &Pack, id: RuleId) -> Vec<String> {
    check(pack)
        .item(id)
        .map(|i| i.findings.iter().map(|f| f.field.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn a_complete_pack_passes_every_blocking_rule() {
    let list = check(&complete_pack());
    assert!(list.passes(), "{:?}", list.blocking_failures());
    assert_eq!(list.items.len(), RuleId::ALL.len());
}

#[test]
fn disclosure_passes_when_proactive() {
    assert_eq!(
        status(&complete_pack(), RuleId::Disclosure),
        CheckStatus::Pass
    );
}

#[test]
fn disclosure_fails_without_an_attribute() {
    let mut p = complete_pack();
    p.content.policy.disclosure.attribute = None;
    assert_eq!(status(&p, RuleId::Disclosure), CheckStatus::Fail);
    assert_eq!(
        failing_fields(&p, RuleId::Disclosure),
        ["policy.disclosure.attribute"]
    );
    assert!(check(&p).blocking_failures().contains(&RuleId::Disclosure));
}

#[test]
fn disclosure_not_proactive_needs_basis_explanation_and_review() {
    let mut p = complete_pack();
    p.content.policy.disclosure.attribute = Some(DisclosureAttribute::NotDisclosed);
    assert_eq!(
        failing_fields(&p, RuleId::Disclosure),
        [
            "policy.disclosure.legal_basis",
            "policy.disclosure.explanation",
            "policy.disclosure.review"
        ]
    );
    p.content.policy.disclosure.legal_basis = vec![LegalBasis::Art16ProcessInformation];
    p.content.policy.disclosure.explanation = "属过程性信息。".into();
    // While drafting, the missing review is a reminder and does not block.
    let item = check(&p);
    let item = item.item(RuleId::Disclosure).expect("item");
    assert_eq!(item.status, CheckStatus::Fail);
    assert_eq!(item.severity, Severity::Warning);
    // Once submitted it blocks sign-off.
    p.state = PackState::Submitted;
    assert!(check(&p).blocking_failures().contains(&RuleId::Disclosure));
    p.content.policy.disclosure.review = Some(OpennessReview {
        reviewer: "zhao.min".into(),
        reviewed_at: "2026-11-01T09:00:00Z".into(),
        approved: true,
        comment: String::new(),
    });
    assert_eq!(status(&p, RuleId::Disclosure), CheckStatus::Pass);
}

#[test]
fn disclosure_review_that_disagrees_blocks() {
    let mut p = complete_pack();
    let d = &mut p.content.policy.disclosure;
    d.attribute = Some(DisclosureAttribute::OnRequest);
    d.legal_basis = vec![LegalBasis::Art15TradeSecretPrivacy];
    d.explanation = "涉及个人隐私。".into();
    d.review = Some(OpennessReview {
        reviewer: "zhao.min".into(),
        reviewed_at: "2026-11-01T09:00:00Z".into(),
        approved: false,
        comment: "应主动公开。".into(),
    });
    assert!(check(&p).blocking_failures().contains(&RuleId::Disclosure));
}

#[test]
fn whoever_drafts_interprets_passes_when_the_drafting_unit_interprets() {
    assert_eq!(
        status(&complete_pack(), RuleId::WhoeverDraftsInterprets),
        CheckStatus::Pass
    );
}

#[test]
fn whoever_drafts_interprets_fails_on_another_unit_or_no_first_interpreter() {
    let mut p = complete_pack();
    if let Some(plan) = p.content.plan.as_mut() {
        plan.interpreting_unit = "新闻办公室".into();
        plan.first_interpreter.clear();
    }
    assert_eq!(
        failing_fields(&p, RuleId::WhoeverDraftsInterprets),
        ["plan.interpreting_unit", "plan.first_interpreter"]
    );
    // The item leads to its first most severe finding, as documented (not the last).
    let item = check(&p);
    let item = item.item(RuleId::WhoeverDraftsInterprets).expect("rule 2");
    assert_eq!(item.field.as_deref(), Some("plan.interpreting_unit"));
    let mut p = complete_pack();
    p.content.plan = None;
    assert_eq!(
        failing_fields(&p, RuleId::WhoeverDraftsInterprets),
        ["plan"]
    );
}

#[test]
fn organized_together_passes_for_an_ordinary_policy_with_plan_and_text() {
    assert_eq!(
        status(&complete_pack(), RuleId::OrganizedTogether),
        CheckStatus::Pass
    );
}

#[test]
fn organized_together_fails_without_text_interpretation() {
    let mut p = complete_pack();
    p.content.materials.text = None;
    assert_eq!(
        failing_fields(&p, RuleId::OrganizedTogether),
        ["materials.text"]
    );
}

#[test]
fn organized_together_does_not_apply_when_not_proactive() {
    let mut p = complete_pack();
    p.content.policy.disclosure.attribute = Some(DisclosureAttribute::OnRequest);
    p.content.materials.text = None;
    assert_eq!(
        status(&p, RuleId::OrganizedTogether),
        CheckStatus::NotApplicable
    );
}

#[test]
fn a_major_policy_needs_qa_chart_and_press_event() {
    let mut p = complete_pack();
    p.content.policy.importance = Importance::Major;
    assert_eq!(
        failing_fields(&p, RuleId::OrganizedTogether),
        ["materials.qa", "materials.charts", "plan.press_events"]
    );
    make_major(&mut p);
    assert_eq!(status(&p, RuleId::OrganizedTogether), CheckStatus::Pass);
}

#[test]
fn late_interpretation_timing_is_flagged() {
    let mut p = complete_pack();
    if let Some(plan) = p.content.plan.as_mut() {
        plan.timing = ReleaseTiming::WithinWorkingDays { days: 2 };
    }
    let list = check(&p);
    let item = list.item(RuleId::OrganizedTogether).expect("item");
    assert_eq!(item.severity, Severity::Warning);
    assert!(list.passes());
    if let Some(plan) = p.content.plan.as_mut() {
        plan.timing = ReleaseTiming::WithinWorkingDays { days: 5 };
    }
    assert!(check(&p)
        .blocking_failures()
        .contains(&RuleId::OrganizedTogether));
}

#[test]
fn signed_together_passes_when_the_signature_covers_the_content() {
    let mut p = complete_pack();
    assert_eq!(
        status(&p, RuleId::SignedTogether),
        CheckStatus::NotApplicable
    );
    sign(&mut p);
    assert_eq!(status(&p, RuleId::SignedTogether), CheckStatus::Pass);
}

#[test]
fn signed_together_fails_after_an_edit() {
    let mut p = complete_pack();
    sign(&mut p);
    p.content.policy.preamble.push("签后新增的一句。".into());
    assert_eq!(
        failing_fields(&p, RuleId::SignedTogether),
        ["signature.content_hash"]
    );
    let mut p = complete_pack();
    p.state = PackState::Signed;
    assert_eq!(failing_fields(&p, RuleId::SignedTogether), ["signature"]);
}

#[test]
fn deployed_together_passes_when_released_in_one_act() {
    let mut p = complete_pack();
    deploy(&mut p, 9, 9);
    assert_eq!(status(&p, RuleId::DeployedTogether), CheckStatus::Pass);
    assert!(check(&p).passes());
}

#[test]
fn deployed_together_fails_when_the_interpretation_comes_later() {
    let mut p = complete_pack();
    deploy(&mut p, 9, 15);
    assert_eq!(
        failing_fields(&p, RuleId::DeployedTogether),
        ["deployment.interpretation_released_at"]
    );
    let mut p = complete_pack();
    deploy(&mut p, 9, 9);
    p.deployment = None;
    assert_eq!(failing_fields(&p, RuleId::DeployedTogether), ["deployment"]);
}

#[test]
fn media_kit_is_available_only_once_signed() {
    let mut p = complete_pack();
    assert_eq!(status(&p, RuleId::MediaKit), CheckStatus::NotApplicable);
    sign(&mut p);
    assert_eq!(status(&p, RuleId::MediaKit), CheckStatus::Pass);
}

#[test]
fn doc_number_is_checked_for_form() {
    let mut p = complete_pack();
    assert_eq!(status(&p, RuleId::DocNumber), CheckStatus::Pass);
    p.content.policy.doc_number = Some("国土资发〔2016〕第141号".into());
    let list = check(&p);
    let item = list.item(RuleId::DocNumber).expect("item");
    assert_eq!(item.status, CheckStatus::Fail);
    assert!(item.message.zh.contains("第"), "{}", item.message.zh);
    assert!(!item.message.en.is_empty());
}

#[test]
fn rule_ids_serialize_to_their_stable_text() {
    for id in RuleId::ALL {
        assert_eq!(
            serde_json::to_value(id).expect("json"),
            serde_json::Value::String(id.as_str().into())
        );
    }
}

#[test]
fn a_notice_without_addressee_and_a_request_without_sign_off_are_warned() {
    let mut pack = complete_pack();
    pack.content.policy.title = "关于做好政策解读工作的通知".into();
    pack.content.policy.addressee.clear();
    assert_eq!(
        failing_fields(&pack, RuleId::DocumentForm),
        ["policy.addressee"]
    );
    pack.content.policy.addressee = "各区人民政府".into();
    assert_eq!(status(&pack, RuleId::DocumentForm), CheckStatus::Pass);
    pack.content.policy.title = "关于申请设立X的请示".into();
    assert_eq!(
        failing_fields(&pack, RuleId::DocumentForm),
        ["policy.sign_off_by"]
    );
    pack.content.policy.sign_off_by = vec!["张三".into()];
    assert_eq!(status(&pack, RuleId::DocumentForm), CheckStatus::Pass);
    pack.content.policy.title = "政务公开工作要点".into();
    assert_eq!(
        status(&pack, RuleId::DocumentForm),
        CheckStatus::NotApplicable
    );
}
