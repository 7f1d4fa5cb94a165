//! The workflow state machine (同步组织、同步审签、同步部署), as pure functions.
//!
//! drafting → submitted → signed → deployed; submitted → returned → drafting. An edit of a
//! signed pack voids its signature and returns it to drafting. [`plan_step`] is the one check
//! every shell and the store make before a step: permission, then state, then the gate rules.

use crate::pack::{Deployment, Pack, PackState, SignRecord};
use crate::people::User;
use crate::permissions::{authorize, Action, PermissionError};
use crate::plan::Channel;
use crate::rules::{check, RuleId};
use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

/// A step of the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Save new content.
    Edit,
    /// Send up for sign-off.
    Submit,
    /// Mark a comment as dealt with.
    ResolveComment,
    /// Send back with comments.
    Return,
    /// Sign policy and interpretation in one act.
    Sign,
    /// The openness office's review of the disclosure attribute.
    ReviewDisclosure,
    /// Release policy and interpretation in one act.
    Deploy,
}

impl Step {
    /// Every step.
    pub const ALL: [Step; 7] = [
        Step::Edit,
        Step::Submit,
        Step::ResolveComment,
        Step::Return,
        Step::Sign,
        Step::ReviewDisclosure,
        Step::Deploy,
    ];

    /// The permission the step needs.
    pub fn action(self) -> Action {
        match self {
            Step::Edit => Action::Edit,
            Step::Submit => Action::Submit,
            Step::ResolveComment => Action::ResolveComment,
            Step::Return => Action::Return,
            Step::Sign => Action::Sign,
            Step::ReviewDisclosure => Action::ReviewDisclosure,
            Step::Deploy => Action::Deploy,
        }
    }

    /// The stable identifier (also the audit action's suffix).
    pub fn as_str(self) -> &'static str {
        self.action().as_str()
    }

    /// The Chinese name.
    pub fn label_zh(self) -> &'static str {
        self.action().label_zh()
    }
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    /// The actor may not take the step.
    #[error(transparent)]
    Permission(#[from] PermissionError),
    /// The pack's state does not allow the step.
    #[error(
        "解读包当前状态为“{state_zh}”，不能{step_zh}。{hint_zh}\nThe pack is {state_id}; it cannot be given the step {step_id}. {hint_en}",
        state_zh = .state.label_zh(),
        state_id = .state.as_str(),
        step_zh = .step.label_zh(),
        step_id = .step.as_str(),
    )]
    WrongState {
        /// The current state.
        state: PackState,
        /// The step refused.
        step: Step,
        /// What to do instead.
        hint_zh: &'static str,
        /// What to do instead, in English.
        hint_en: &'static str,
    },
    /// Blocking gate rules fail.
    #[error(
        "未通过关口规则，不能{step_zh}：{rules_zh}。请运行 `jiedu check` 查看并修改。\nBlocked by the gate rules {rules}; the pack cannot be given the step {step_id}. Run `jiedu check` for details.",
        step_zh = .step.label_zh(),
        step_id = .step.as_str(),
        rules_zh = join_rules(.failing, "、"),
        rules = join_rules(.failing, ", "),
    )]
    Blocked {
        /// The step refused.
        step: Step,
        /// The failing rule ids.
        failing: Vec<RuleId>,
    },
    /// Comments from the last return are still open.
    #[error("还有未处理的审签意见（编号 {ids}）。请先修改并用 `jiedu resolve` 标记为已处理。\nComments {ids} from the return are still open; deal with them and mark them with `jiedu resolve` first.")]
    OpenComments {
        /// The open comments, joined.
        ids: String,
    },
    /// Deploying a pack that carries no valid signature.
    #[error("解读包尚未审签（或签名已失效），不能部署。\nThe pack is not signed (or its signature was voided); it cannot be deployed.")]
    NotSigned,
    /// A deployment must name its channels.
    #[error("请至少指定一个发布渠道（如 门户网站,微信）。\nName at least one release channel (e.g. 门户网站,微信).")]
    NoChannels,
    /// The content no longer matches what was signed.
    #[error("当前内容（{current}）与审签时的内容（{signed}）不一致，不能部署；须重新审签。\nThe current content ({current}) differs from what was signed ({signed}); it must be signed again before deployment.")]
    SignedContentChanged {
        /// The signed content hash.
        signed: String,
        /// The current content hash.
        current: String,
    },
}

impl WorkflowError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            WorkflowError::Permission(e) => e.code(),
            WorkflowError::WrongState { .. } => "workflow.state",
            WorkflowError::Blocked { .. } => "workflow.blocked",
            WorkflowError::OpenComments { .. } => "workflow.open_comments",
            WorkflowError::NotSigned => "workflow.not_signed",
            WorkflowError::NoChannels => "workflow.no_channels",
            WorkflowError::SignedContentChanged { .. } => "workflow.signature_stale",
        }
    }
}

fn join_rules(rules: &[RuleId], separator: &str) -> String {
    let ids: Vec<&str> = rules.iter().map(|r| r.as_str()).collect();
    ids.join(separator)
}

fn wrong_state(
    state: PackState,
    step: Step,
    hint_zh: &'static str,
    hint_en: &'static str,
) -> WorkflowError {
    WorkflowError::WrongState {
        state,
        step,
        hint_zh,
        hint_en,
    }
}

/// The state a step leads to from `from`, or why the step is not possible there.
pub fn next_state(from: PackState, step: Step) -> Result<PackState, WorkflowError> {
    use PackState::*;
    match (step, from) {
        // An edit of a signed pack voids its signature: back to drafting.
        (Step::Edit, Drafting | Returned | Signed) => Ok(Drafting),
        (Step::Edit, Submitted) => Err(wrong_state(
            from,
            step,
            "待审签期间不能修改；如需修改，请审签领导退回。",
            "It is awaiting sign-off; ask the leader to return it.",
        )),
        (Step::Edit | Step::ReviewDisclosure, Deployed) => Err(wrong_state(
            from,
            step,
            "已部署发布的解读包不能修改。",
            "A released pack cannot be changed.",
        )),
        (Step::Submit, Drafting | Returned) => Ok(Submitted),
        (Step::ResolveComment, Drafting | Returned) => Ok(from),
        (Step::Return | Step::Sign, Submitted) => {
            Ok(if step == Step::Sign { Signed } else { Returned })
        }
        (Step::ReviewDisclosure, Drafting | Returned | Submitted) => Ok(from),
        (Step::ReviewDisclosure, Signed) => Err(wrong_state(
            from,
            step,
            "已审签的解读包不能再审查公开属性；如需调整，请起草人修改后重新报送。",
            "It is already signed; the drafter must edit and resubmit it.",
        )),
        (Step::Deploy, Signed) => Ok(Deployed),
        (Step::Deploy, _) => Err(wrong_state(
            from,
            step,
            "只有已审签的解读包才能部署。",
            "Only a signed pack can be deployed.",
        )),
        (Step::Return | Step::Sign, _) => Err(wrong_state(
            from,
            step,
            "只有待审签的解读包才能退回或审签。",
            "Only a pack awaiting sign-off can be returned or signed.",
        )),
        (Step::Submit, _) => Err(wrong_state(
            from,
            step,
            "只有起草中或被退回的解读包才能报送。",
            "Only a pack in drafting or returned can be submitted.",
        )),
        (Step::ResolveComment, _) => Err(wrong_state(
            from,
            step,
            "只有起草中或被退回的解读包才能处理审签意见。",
            "Comments are resolved while the pack is in drafting or returned.",
        )),
    }
}

fn blocked(step: Step, failing: Vec<RuleId>) -> WorkflowError {
    WorkflowError::Blocked { step, failing }
}

/// Submission runs the gate rules as they stand while drafting and refuses on any blocking
/// failure; comments from a return must be resolved first.
pub fn submit_gate(pack: &Pack, open_comments: &[i64]) -> Result<(), WorkflowError> {
    let failing = check(pack).blocking_failures();
    if !failing.is_empty() {
        return Err(blocked(Step::Submit, failing));
    }
    if !open_comments.is_empty() {
        let ids: Vec<String> = open_comments.iter().map(i64::to_string).collect();
        return Err(WorkflowError::OpenComments {
            ids: ids.join(", "),
        });
    }
    Ok(())
}

/// Signing runs the gate rules as they stand once submitted: there the `disclosure` rule makes
/// the openness office's approval of a not-proactive attribute blocking.
pub fn sign_gate(pack: &Pack) -> Result<(), WorkflowError> {
    let mut submitted = pack.clone();
    submitted.state = PackState::Submitted;
    let failing = check(&submitted).blocking_failures();
    if failing.is_empty() {
        Ok(())
    } else {
        Err(blocked(Step::Sign, failing))
    }
}

/// Deployment needs a valid signature over exactly the current content.
pub fn deploy_gate(pack: &Pack) -> Result<&SignRecord, WorkflowError> {
    let signature = pack.signature.as_ref().ok_or(WorkflowError::NotSigned)?;
    let current = pack.content_hash();
    if signature.content_hash != current {
        return Err(WorkflowError::SignedContentChanged {
            signed: signature.content_hash.0.clone(),
            current: current.0,
        });
    }
    Ok(signature)
}

/// The record of releasing `pack` in one act: policy and interpretation at the same time, on
/// the given channels, covering the signed content. Call after [`plan_step`] allowed the step.
pub fn plan_deployment(
    deployed_by: &User,
    pack: &Pack,
    channels: &[Channel],
    at: DateTime<Utc>,
) -> Result<Deployment, WorkflowError> {
    let signature = deploy_gate(pack)?;
    if channels.is_empty() {
        return Err(WorkflowError::NoChannels);
    }
    let mut unique: Vec<Channel> = Vec::new();
    for c in channels {
        if !unique.contains(c) {
            unique.push(*c);
        }
    }
    let at = at.trunc_subsecs(6);
    Ok(Deployment {
        deployed_by: deployed_by.id.clone(),
        policy_released_at: at,
        interpretation_released_at: at,
        channels: unique,
        content_hash: signature.content_hash.clone(),
    })
}

/// Checks that `user` may take `step` on `pack` now: permission, then state, then the gates.
/// Returns the state the pack moves to.
pub fn plan_step(
    user: &User,
    step: Step,
    pack: &Pack,
    open_comments: &[i64],
) -> Result<PackState, WorkflowError> {
    authorize(user, step.action(), Some(&pack.unit_id))?;
    let next = next_state(pack.state, step)?;
    match step {
        Step::Submit => submit_gate(pack, open_comments)?,
        Step::Sign => sign_gate(pack)?,
        Step::Deploy => {
            deploy_gate(pack)?;
        }
        _ => {}
    }
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::{DisclosureAttribute, LegalBasis, OpennessReview};
    use crate::people::Role;
    use PackState::*;

    #[test]
    fn the_state_machine_allows_exactly_the_documented_transitions() {
        let allowed = [
            (Step::Edit, Drafting, Drafting),
            (Step::Edit, Returned, Drafting),
            (Step::Edit, Signed, Drafting),
            (Step::Submit, Drafting, Submitted),
            (Step::Submit, Returned, Submitted),
            (Step::ResolveComment, Drafting, Drafting),
            (Step::ResolveComment, Returned, Returned),
            (Step::Return, Submitted, Returned),
            (Step::Sign, Submitted, Signed),
            (Step::ReviewDisclosure, Drafting, Drafting),
            (Step::ReviewDisclosure, Returned, Returned),
            (Step::ReviewDisclosure, Submitted, Submitted),
            (Step::Deploy, Signed, Deployed),
        ];
        for step in Step::ALL {
            for from in PackState::ALL {
                let expected = allowed
                    .iter()
                    .find(|(s, f, _)| *s == step && *f == from)
                    .map(|(_, _, to)| *to);
                let got = next_state(from, step);
                assert_eq!(
                    got.as_ref().ok().copied(),
                    expected,
                    "{step:?} from {from:?}"
                );
                if let Err(e) = got {
                    assert_eq!(e.code(), "workflow.state");
                    assert!(e.to_string().contains(from.label_zh()), "{e}");
                }
            }
        }
    }

    fn seedish() -> Pack {
        let mut pack = Pack {
            id: "p".into(),
            unit_id: "general-office".into(),
            state: Drafting,
            revision: 1,
            content: Default::default(),
            signature: None,
            deployment: None,
        };
        let p = &mut pack.content.policy;
        p.title = "关于推进政务公开的意见".into();
        p.drafting_unit = "办公厅".into();
        p.disclosure.attribute = Some(DisclosureAttribute::NotDisclosed);
        p.disclosure.legal_basis = vec![LegalBasis::Art16InternalAffairs];
        p.disclosure.explanation = "内部管理事务。".into();
        pack.content.plan = Some(crate::plan::InterpretationPlan {
            interpreting_unit: "办公厅".into(),
            first_interpreter: "王明远".into(),
            ..Default::default()
        });
        pack
    }

    fn user(role: Role) -> User {
        User {
            id: role.as_str().into(),
            name: "测试".into(),
            unit_id: "general-office".into(),
            role,
        }
    }

    #[test]
    fn a_not_disclosed_pack_submits_but_signs_only_after_the_openness_review() {
        let mut pack = seedish();
        assert_eq!(
            plan_step(&user(Role::Drafter), Step::Submit, &pack, &[]),
            Ok(Submitted)
        );
        pack.state = Submitted;
        let err = plan_step(&user(Role::Leader), Step::Sign, &pack, &[]).expect_err("no review");
        assert_eq!(err.code(), "workflow.blocked");
        assert!(err.to_string().contains("disclosure"), "{err}");
        pack.content.policy.disclosure.review = Some(OpennessReview {
            reviewer: "zhao.min".into(),
            reviewed_at: "2026-11-28T09:00:00Z".into(),
            approved: true,
            comment: String::new(),
        });
        assert_eq!(
            plan_step(&user(Role::Leader), Step::Sign, &pack, &[]),
            Ok(Signed)
        );
    }

    #[test]
    fn submission_names_the_failing_rules_and_open_comments() {
        let mut pack = seedish();
        pack.content.plan = None;
        let err = submit_gate(&pack, &[]).expect_err("blocked");
        let WorkflowError::Blocked { failing, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(failing, &[RuleId::WhoeverDraftsInterprets]);
        let err = submit_gate(&seedish(), &[3, 4]).expect_err("comments");
        assert_eq!(err.code(), "workflow.open_comments");
        assert!(err.to_string().contains("3, 4"));
    }

    #[test]
    fn permission_is_checked_before_state() {
        let pack = seedish();
        let err = plan_step(&user(Role::Drafter), Step::Sign, &pack, &[]).expect_err("drafter");
        assert_eq!(err.code(), "permission.role");
    }

    #[test]
    fn deployment_needs_a_signature_over_the_current_content() {
        let mut pack = seedish();
        pack.state = Signed;
        assert_eq!(deploy_gate(&pack), Err(WorkflowError::NotSigned));
        pack.signature = Some(SignRecord {
            pack_id: "p".into(),
            signer_id: "li.hua".into(),
            signer_name: "李华".into(),
            signed_at: chrono::Utc::now(),
            revision: 1,
            content_hash: pack.content_hash(),
            algorithm: "ed25519".into(),
            public_key: String::new(),
            signature: String::new(),
            comment: String::new(),
        });
        assert!(deploy_gate(&pack).is_ok());
        let press = user(Role::PressOfficer);
        let at = chrono::Utc::now();
        let d = plan_deployment(
            &press,
            &pack,
            &[Channel::Portal, Channel::Wechat, Channel::Portal],
            at,
        )
        .expect("deployment");
        assert_eq!(d.policy_released_at, d.interpretation_released_at);
        assert_eq!(d.channels, [Channel::Portal, Channel::Wechat]);
        assert_eq!(d.content_hash, pack.content_hash());
        assert_eq!(
            plan_deployment(&press, &pack, &[], at),
            Err(WorkflowError::NoChannels)
        );
        pack.content.policy.title.push('。');
        assert_eq!(
            deploy_gate(&pack).map(|_| ()).expect_err("stale").code(),
            "workflow.signature_stale"
        );
    }
}
