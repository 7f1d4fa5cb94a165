//! Who may do what (DOMAIN.md, "People"): the permissions matrix, as pure functions.
//!
//! The store and every shell call [`authorize`] before acting, so the UI can hide a button but
//! never grant a right. Drafting is scoped to the drafter's own unit (谁起草、谁解读); the other
//! roles act on every pack.

use crate::people::{Role, User};
use serde::{Deserialize, Serialize};

/// Something a person does to a pack or to the people register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Save new content (起草、修改).
    Edit,
    /// Send the pack up for sign-off (报批).
    Submit,
    /// Mark a leader's comment as dealt with.
    ResolveComment,
    /// Send the pack back with comments (退回).
    Return,
    /// Sign policy and interpretation in one act (审签).
    Sign,
    /// Review the disclosure attribute (公开属性审查).
    ReviewDisclosure,
    /// Release policy and interpretation in one act (部署).
    Deploy,
    /// Export PDFs and media kits.
    Export,
    /// Add people and change their roles.
    ManagePeople,
    /// Record public concerns and the responses to them (回应关切).
    RecordConcern,
    /// Edit a unit's settings and import the working-day calendar.
    ManageSettings,
}

impl Action {
    /// Every action, in workflow order.
    pub const ALL: [Action; 11] = [
        Action::Edit,
        Action::Submit,
        Action::ResolveComment,
        Action::Return,
        Action::Sign,
        Action::ReviewDisclosure,
        Action::Deploy,
        Action::Export,
        Action::ManagePeople,
        Action::RecordConcern,
        Action::ManageSettings,
    ];

    /// The stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Edit => "edit",
            Action::Submit => "submit",
            Action::ResolveComment => "resolve_comment",
            Action::Return => "return",
            Action::Sign => "sign",
            Action::ReviewDisclosure => "review_disclosure",
            Action::Deploy => "deploy",
            Action::Export => "export",
            Action::ManagePeople => "manage_people",
            Action::RecordConcern => "record_concern",
            Action::ManageSettings => "manage_settings",
        }
    }

    /// The Chinese name.
    pub fn label_zh(self) -> &'static str {
        match self {
            Action::Edit => "编辑解读包",
            Action::Submit => "报送审签",
            Action::ResolveComment => "处理审签意见",
            Action::Return => "退回",
            Action::Sign => "审签",
            Action::ReviewDisclosure => "审查公开属性",
            Action::Deploy => "部署发布",
            Action::Export => "导出",
            Action::ManagePeople => "管理人员",
            Action::RecordConcern => "登记和回应社会关切",
            Action::ManageSettings => "管理单位设置和工作日历",
        }
    }

    /// The one role that may take this action.
    pub fn role(self) -> Role {
        match self {
            Action::Edit | Action::Submit | Action::ResolveComment => Role::Drafter,
            Action::Return | Action::Sign => Role::Leader,
            Action::ReviewDisclosure => Role::OpennessOffice,
            Action::Deploy | Action::Export | Action::RecordConcern => Role::PressOfficer,
            Action::ManagePeople | Action::ManageSettings => Role::Admin,
        }
    }

    /// Whether the action is limited to packs of the actor's own unit.
    pub fn own_unit_only(self) -> bool {
        self.role() == Role::Drafter
    }
}

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PermissionError {
    /// The role may not take this action at all.
    #[error(
        "{user}（{role_zh}）无权{action_zh}；该操作须由{needed_zh}进行。\n{user} ({role_id}) may not {action_id}; only a {needed_id} may.",
        role_zh = .role.label_zh(),
        role_id = .role.as_str(),
        action_zh = .action.label_zh(),
        action_id = .action.as_str(),
        needed_zh = .action.role().label_zh(),
        needed_id = .action.role().as_str(),
    )]
    Role {
        /// The actor.
        user: String,
        /// The actor's role.
        role: Role,
        /// The action refused.
        action: Action,
    },
    /// A drafter acting on another unit's pack.
    #[error(
        "{user} 属于单位“{unit}”，不能{action_zh}单位“{pack_unit}”的解读包（谁起草、谁解读）。\n{user} belongs to unit {unit} and may not {action_id} a pack of unit {pack_unit} (whoever drafts, interprets).",
        action_zh = .action.label_zh(),
        action_id = .action.as_str(),
    )]
    OtherUnit {
        /// The actor.
        user: String,
        /// The actor's unit.
        unit: String,
        /// The pack's unit.
        pack_unit: String,
        /// The action refused.
        action: Action,
    },
}

impl PermissionError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            PermissionError::Role { .. } => "permission.role",
            PermissionError::OtherUnit { .. } => "permission.other_unit",
        }
    }
}

/// Whether a role may take an action, whatever the pack.
pub fn role_may(role: Role, action: Action) -> bool {
    action.role() == role
}

/// Allows `user` to take `action` on a pack owned by `pack_unit` (`None` for actions on no
/// pack), or says why not.
pub fn authorize(
    user: &User,
    action: Action,
    pack_unit: Option<&str>,
) -> Result<(), PermissionError> {
    if !role_may(user.role, action) {
        return Err(PermissionError::Role {
            user: user.id.clone(),
            role: user.role,
            action,
        });
    }
    if action.own_unit_only() {
        if let Some(pack_unit) = pack_unit.filter(|u| *u != user.unit_id) {
            return Err(PermissionError::OtherUnit {
                user: user.id.clone(),
                unit: user.unit_id.clone(),
                pack_unit: pack_unit.to_string(),
                action,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, unit: &str) -> User {
        User {
            id: format!("{}-user", role.as_str()),
            name: "测试".into(),
            unit_id: unit.into(),
            role,
        }
    }

    /// The matrix as DOMAIN.md states it, written out cell by cell.
    fn expected(role: Role, action: Action) -> bool {
        use Action::*;
        match role {
            Role::Drafter => matches!(action, Edit | Submit | ResolveComment),
            Role::Leader => matches!(action, Return | Sign),
            Role::OpennessOffice => matches!(action, ReviewDisclosure),
            Role::PressOfficer => matches!(action, Deploy | Export | RecordConcern),
            Role::Admin => matches!(action, ManagePeople | ManageSettings),
        }
    }

    #[test]
    fn every_role_and_action_cell_of_the_matrix() {
        let mut cells = 0;
        for role in Role::ALL {
            for action in Action::ALL {
                cells += 1;
                let own = user(role, "general-office");
                let result = authorize(&own, action, Some("general-office"));
                assert_eq!(
                    result.is_ok(),
                    expected(role, action),
                    "{} × {}: {result:?}",
                    role.as_str(),
                    action.as_str()
                );
                assert_eq!(role_may(role, action), expected(role, action));
                // Another unit's pack: drafting rights stop at the unit; the others do not.
                let other = authorize(&own, action, Some("policy-dept"));
                let allowed_elsewhere = expected(role, action) && role != Role::Drafter;
                assert_eq!(
                    other.is_ok(),
                    allowed_elsewhere,
                    "{} × {} on another unit's pack: {other:?}",
                    role.as_str(),
                    action.as_str()
                );
                if let Err(e) = result {
                    assert_eq!(e.code(), "permission.role");
                    let text = e.to_string();
                    let (zh, en) = text.split_once('\n').expect("two languages");
                    assert!(zh.contains(action.label_zh()) && en.contains(action.as_str()));
                }
            }
        }
        assert_eq!(cells, Role::ALL.len() * Action::ALL.len());
    }

    #[test]
    fn a_drafter_of_another_unit_is_refused_by_name() {
        let drafter = user(Role::Drafter, "policy-dept");
        let err = authorize(&drafter, Action::Edit, Some("general-office")).expect_err("refused");
        assert_eq!(err.code(), "permission.other_unit");
        assert!(err.to_string().contains("general-office"));
        assert!(authorize(&drafter, Action::Edit, Some("policy-dept")).is_ok());
    }

    #[test]
    fn a_drafter_cannot_sign_its_own_draft() {
        let drafter = user(Role::Drafter, "general-office");
        let err = authorize(&drafter, Action::Sign, Some("general-office")).expect_err("refused");
        assert!(err.to_string().contains("审签领导"), "{err}");
    }
}
