//! Units and people, and the roles they play in the workflow.

use serde::{Deserialize, Serialize};

/// What a person may do in Jiedu (DOMAIN.md, "People").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 起草人: writes the policy and its interpretation, assembles and submits the pack.
    Drafter,
    /// 审签领导: reviews, returns or signs.
    Leader,
    /// 政务公开工作机构: reviews the disclosure attribute.
    OpennessOffice,
    /// 新闻发言人/宣传: deploys and exports media kits.
    PressOfficer,
    /// Manages people, units and settings.
    Admin,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 5] = [
        Role::Drafter,
        Role::Leader,
        Role::OpennessOffice,
        Role::PressOfficer,
        Role::Admin,
    ];

    /// The stable identifier used in storage and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Drafter => "drafter",
            Role::Leader => "leader",
            Role::OpennessOffice => "openness_office",
            Role::PressOfficer => "press_officer",
            Role::Admin => "admin",
        }
    }

    /// Parses the stable identifier written by [`Role::as_str`].
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The Chinese name of the role.
    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Drafter => "起草人",
            Role::Leader => "审签领导",
            Role::OpennessOffice => "政务公开工作机构",
            Role::PressOfficer => "新闻发言人",
            Role::Admin => "管理员",
        }
    }
}

/// An organisational unit (a drafting unit, an office, a bureau).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Unit {
    /// Stable identifier.
    pub id: String,
    /// Full name, e.g. 办公厅.
    pub name: String,
    /// The head of the unit: by 谁起草、谁解读, the first interpreter of its policies.
    #[serde(default)]
    pub head: String,
}

/// A local user profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct User {
    /// Stable identifier, used with `--as`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The unit the person belongs to.
    pub unit_id: String,
    /// The person's role.
    pub role: Role,
}
