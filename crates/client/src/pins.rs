//! The admin key a client trusts, pinned at first connection (trust on first use, shown to the
//! user) per server URL or database, and the check of every enrolment against it. A server
//! operator who swaps a public key, or the admin key itself, is caught here.

use crate::error::ClientError;
use jiedu_api::RootKey;
use jiedu_core::identity::{verify_enrolments, Enrolment, EnrolmentProblem, RegisteredKey};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What checking the enrolment chain found.
#[derive(Debug, Clone, Serialize)]
pub struct EnrolmentReport {
    /// The admin key trusted.
    pub pinned_admin: Option<RootKey>,
    /// Whether it was pinned just now (first connection).
    pub pinned_now: bool,
    /// Where the pin is kept.
    pub pin_file: String,
    /// How many people's keys were checked.
    pub people: usize,
    /// Every problem, naming the person.
    pub problems: Vec<EnrolmentProblem>,
}

impl EnrolmentReport {
    /// Whether every key is enrolled under the pinned admin.
    pub fn ok(&self) -> bool {
        self.pinned_admin.is_some() && self.problems.is_empty()
    }
}

/// Where pins are kept: `$JIEDU_PINS`, else `pins.json` in the user's config directory.
pub fn pin_file() -> PathBuf {
    if let Some(path) = std::env::var_os("JIEDU_PINS").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(std::env::temp_dir)
        .join("jiedu")
        .join("pins.json")
}

fn read_pins(path: &Path) -> Result<BTreeMap<String, RootKey>, ClientError> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| ClientError::PinFile {
            path: path.to_path_buf(),
            detail: e.to_string(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(ClientError::PinFile {
            path: path.to_path_buf(),
            detail: e.to_string(),
        }),
    }
}

fn write_pins(path: &Path, pins: &BTreeMap<String, RootKey>) -> Result<(), ClientError> {
    let fail = |e: std::io::Error| ClientError::PinFile {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let text = serde_json::to_vec_pretty(pins).unwrap_or_default();
    jiedu_store::write_atomically(path, &text).map_err(fail)
}

/// The admin key pinned for `place`, pinning the first root now when there is none (the
/// `bool` says so); a pinned key the place no longer has is [`ClientError::PinMismatch`].
pub fn pin_root(place: &str, roots: &[RootKey]) -> Result<Option<(RootKey, bool)>, ClientError> {
    let path = pin_file();
    let mut pins = read_pins(&path)?;
    match pins.get(place) {
        Some(pin) if roots.iter().any(|r| r.public_key == pin.public_key) => {
            Ok(Some((pin.clone(), false)))
        }
        Some(pin) => Err(ClientError::PinMismatch {
            pinned: pin.public_key.clone(),
            found: roots
                .iter()
                .map(|r| r.public_key.clone())
                .collect::<Vec<_>>()
                .join(", "),
            pin_file: path.display().to_string(),
        }),
        None => match roots.first() {
            Some(root) => {
                pins.insert(place.to_string(), root.clone());
                write_pins(&path, &pins)?;
                Ok(Some((root.clone(), true)))
            }
            None => Ok(None),
        },
    }
}

/// Checks the enrolments of `place` (a server URL or database) against its pinned admin key,
/// pinning the office's root admin first when this client has never seen `place`. A root that
/// differs from the pin is refused outright: the operator may have replaced the admin.
pub fn check_enrolments(
    place: &str,
    roots: &[RootKey],
    registered: &[RegisteredKey],
    enrolments: &[Enrolment],
) -> Result<EnrolmentReport, ClientError> {
    let path = pin_file();
    let (pinned, pinned_now) = match pin_root(place, roots)? {
        Some((root, now)) => (Some(root), now),
        None => (None, false),
    };
    let problems = match &pinned {
        Some(root) => verify_enrolments(&root.public_key, registered, enrolments),
        None => vec![EnrolmentProblem {
            user_id: String::new(),
            message: "没有自我登记的管理员，无法固定信任的管理员公钥：请管理员执行 jiedu user enrol。\nNo admin has enrolled themselves, so there is no admin key to pin: an admin runs jiedu user enrol.".into(),
        }],
    };
    Ok(EnrolmentReport {
        pinned_admin: pinned,
        pinned_now,
        pin_file: path.display().to_string(),
        people: registered.len(),
        problems,
    })
}
