//! Who holds which key, provably: sign-in challenges answered with a person's own key, and
//! enrolments, in which an admin signs (user, role, unit, keys) so that a server operator who
//! swaps a public key in the database is caught by every client that pinned the admin's key.
//!
//! Every message is domain-separated, so a signature over one kind can never be replayed as
//! another (a sign-in answer is not an enrolment, and neither is a pack signature).

use crate::hash::canonical_json;
use crate::people::Role;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, HashMap};

const CHALLENGE_PREFIX: &[u8] = b"jiedu-signin-v1\n";
const ENROLMENT_PREFIX: &[u8] = b"jiedu-enrol-v1\n";

/// Signs `message` with an Ed25519 secret key; the signature as hex.
pub fn sign_detached(secret_key: &[u8; 32], message: &[u8]) -> String {
    hex::encode(SigningKey::from_bytes(secret_key).sign(message).to_bytes())
}

/// Whether `signature_hex` is a valid Ed25519 signature by `public_key_hex` over `message`.
/// Malformed keys or signatures are simply not valid.
pub fn verify_detached(public_key_hex: &str, message: &[u8], signature_hex: &str) -> bool {
    let Some(key) = hex::decode(public_key_hex)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
    else {
        return false;
    };
    let Some(signature) = hex::decode(signature_hex)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
    else {
        return false;
    };
    key.verify_strict(message, &Signature::from_bytes(&signature))
        .is_ok()
}

/// The bytes a person signs to answer a sign-in challenge: the user, the server's nonce and
/// the server's origin, so an answer made for one server cannot be relayed to another.
pub fn challenge_message(user_id: &str, nonce: &str, origin: &str) -> Vec<u8> {
    let mut message = CHALLENGE_PREFIX.to_vec();
    message.extend_from_slice(
        canonical_json(&json!({ "user": user_id, "nonce": nonce, "origin": origin })).as_bytes(),
    );
    message
}

/// An admin's signed statement that a person, with this role in this unit, holds these keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Enrolment {
    /// The person.
    pub user_id: String,
    /// Their role.
    pub role: Role,
    /// Their unit.
    pub unit_id: String,
    /// Their Ed25519 key (pack signatures, sign-in), hex.
    pub public_key: String,
    /// Their P-256 document key (PAdES), hex, when they have one.
    pub document_public_key: Option<String>,
    /// The admin who enrolled them (themselves, for the office's first admin).
    pub admin_id: String,
    /// That admin's Ed25519 key, hex.
    pub admin_public_key: String,
    /// When, RFC 3339.
    pub enrolled_at: String,
    /// The admin's Ed25519 signature over all of the above, hex.
    pub signature: String,
}

/// The bytes an enrolment's signature covers.
pub fn enrolment_message(e: &Enrolment) -> Vec<u8> {
    let mut message = ENROLMENT_PREFIX.to_vec();
    message.extend_from_slice(
        canonical_json(&json!({
            "user_id": e.user_id,
            "role": e.role,
            "unit_id": e.unit_id,
            "public_key": e.public_key,
            "document_public_key": e.document_public_key,
            "admin_id": e.admin_id,
            "admin_public_key": e.admin_public_key,
            "enrolled_at": e.enrolled_at,
        }))
        .as_bytes(),
    );
    message
}

/// Fills in the admin's key and signature of `e` with the admin's secret key.
pub fn sign_enrolment(admin_secret: &[u8; 32], mut e: Enrolment) -> Enrolment {
    e.admin_public_key = crate::signing::public_key_hex(admin_secret);
    e.signature = sign_detached(admin_secret, &enrolment_message(&e));
    e
}

/// A person's keys as the database holds them now, to be checked against the enrolments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredKey {
    /// The person.
    pub user_id: String,
    /// Their role.
    pub role: Role,
    /// Their unit.
    pub unit_id: String,
    /// Their Ed25519 key, hex.
    pub public_key: String,
    /// Their P-256 document key, hex.
    pub document_public_key: Option<String>,
}

/// One thing wrong with the enrolment chain, naming the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentProblem {
    /// The person concerned.
    pub user_id: String,
    /// What is wrong, Chinese then English.
    pub message: String,
}

/// Checks every registered key against the enrolments, trusting only `pinned_admin_key` at the
/// root: an enrolment counts when its signature verifies and its admin is the pinned key or an
/// admin enrolled (transitively) under it. Each person's keys, role and unit must equal their
/// latest counted enrolment. Returns every problem found, each naming the person.
pub fn verify_enrolments(
    pinned_admin_key: &str,
    registered: &[RegisteredKey],
    enrolments: &[Enrolment],
) -> Vec<EnrolmentProblem> {
    let mut problems = Vec::new();
    // Signatures first: a forged row is reported, and never trusted.
    let valid: Vec<&Enrolment> = enrolments
        .iter()
        .filter(|e| {
            let ok = verify_detached(&e.admin_public_key, &enrolment_message(e), &e.signature);
            if !ok {
                problems.push(EnrolmentProblem {
                    user_id: e.user_id.clone(),
                    message: format!(
                        "“{}”的登记签名无效（登记记录被改动或伪造）。\nThe enrolment of {} has an invalid signature (altered or forged).",
                        e.user_id, e.user_id
                    ),
                });
            }
            ok
        })
        .collect();
    // Trusted admin keys grow from the pin, through admins enrolled by trusted admins.
    let mut trusted: Vec<String> = vec![pinned_admin_key.to_string()];
    loop {
        let before = trusted.len();
        for e in &valid {
            if e.role == Role::Admin
                && trusted.contains(&e.admin_public_key)
                && !trusted.contains(&e.public_key)
            {
                trusted.push(e.public_key.clone());
            }
        }
        if trusted.len() == before {
            break;
        }
    }
    let mut latest: HashMap<&str, &Enrolment> = HashMap::new();
    for e in valid
        .iter()
        .filter(|e| trusted.contains(&e.admin_public_key))
    {
        let keep = latest
            .get(e.user_id.as_str())
            .is_none_or(|old| old.enrolled_at <= e.enrolled_at);
        if keep {
            latest.insert(&e.user_id, e);
        }
    }
    let by_user: BTreeMap<&str, &RegisteredKey> =
        registered.iter().map(|r| (r.user_id.as_str(), r)).collect();
    for (id, key) in by_user {
        let Some(e) = latest.get(id) else {
            problems.push(EnrolmentProblem {
                user_id: id.to_string(),
                message: format!(
                    "“{id}”的公钥没有受信任管理员签署的登记。\nThe key of {id} has no enrolment signed by a trusted admin."
                ),
            });
            continue;
        };
        let mut differs = Vec::new();
        if e.public_key != key.public_key {
            differs.push("签名公钥 signing key");
        }
        if e.document_public_key.is_some() && e.document_public_key != key.document_public_key {
            differs.push("文档签名公钥 document key");
        }
        if e.role != key.role {
            differs.push("角色 role");
        }
        if e.unit_id != key.unit_id {
            differs.push("单位 unit");
        }
        if !differs.is_empty() {
            let what = differs.join("、");
            problems.push(EnrolmentProblem {
                user_id: id.to_string(),
                message: format!(
                    "“{id}”在数据库中的{what}与管理员登记的不一致：可能被直接改动。\nThe {what} of {id} in the database differs from the admin's enrolment: it may have been changed directly."
                ),
            });
        }
    }
    problems
}

/// The people whose current keys, role and unit no enrolment states (by anyone: who is trusted
/// is for [`verify_enrolments`] to say). What an admin is asked to enrol.
pub fn unenrolled(registered: &[RegisteredKey], enrolments: &[Enrolment]) -> Vec<String> {
    registered
        .iter()
        .filter(|key| {
            !enrolments.iter().any(|e| {
                e.user_id == key.user_id
                    && e.public_key == key.public_key
                    && e.document_public_key == key.document_public_key
                    && e.role == key.role
                    && e.unit_id == key.unit_id
            })
        })
        .map(|key| key.user_id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enrol(admin: &[u8; 32], admin_id: &str, user: &str, role: Role, key: &str) -> Enrolment {
        sign_enrolment(
            admin,
            Enrolment {
                user_id: user.into(),
                role,
                unit_id: "u".into(),
                public_key: key.into(),
                document_public_key: None,
                admin_id: admin_id.into(),
                admin_public_key: String::new(),
                enrolled_at: "2026-12-01T00:00:00Z".into(),
                signature: String::new(),
            },
        )
    }

    fn registered(user: &str, role: Role, key: &str) -> RegisteredKey {
        RegisteredKey {
            user_id: user.into(),
            role,
            unit_id: "u".into(),
            public_key: key.into(),
            document_public_key: None,
        }
    }

    #[test]
    fn a_chain_from_the_pinned_admin_verifies_and_a_swapped_key_is_named() {
        let admin = [1u8; 32];
        let leader = [2u8; 32];
        let admin_pub = crate::signing::public_key_hex(&admin);
        let leader_pub = crate::signing::public_key_hex(&leader);
        let enrolments = vec![
            enrol(&admin, "admin", "admin", Role::Admin, &admin_pub),
            enrol(&admin, "admin", "li.hua", Role::Leader, &leader_pub),
        ];
        let mut keys = vec![
            registered("admin", Role::Admin, &admin_pub),
            registered("li.hua", Role::Leader, &leader_pub),
        ];
        assert!(verify_enrolments(&admin_pub, &keys, &enrolments).is_empty());

        let attacker = crate::signing::public_key_hex(&[3u8; 32]);
        keys[1].public_key = attacker.clone();
        let problems = verify_enrolments(&admin_pub, &keys, &enrolments);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].user_id, "li.hua");

        // An enrolment the attacker signs with a key of their own is not trusted either.
        let mut forged = enrolments.clone();
        forged.push(enrol(&[3u8; 32], "evil", "li.hua", Role::Leader, &attacker));
        let problems = verify_enrolments(&admin_pub, &keys, &forged);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].user_id, "li.hua");

        // Nor is a pinned key other than the admin's.
        assert_eq!(
            verify_enrolments(&attacker, &keys[..1], &enrolments).len(),
            1
        );
    }

    #[test]
    fn an_altered_enrolment_or_challenge_answer_does_not_verify() {
        let admin = [1u8; 32];
        let admin_pub = crate::signing::public_key_hex(&admin);
        let mut e = enrol(&admin, "admin", "li.hua", Role::Leader, &admin_pub);
        e.role = Role::Admin;
        assert!(!verify_detached(
            &e.admin_public_key,
            &enrolment_message(&e),
            &e.signature
        ));
        let answer = sign_detached(&admin, &challenge_message("admin", "n1", "https://a"));
        assert!(verify_detached(
            &admin_pub,
            &challenge_message("admin", "n1", "https://a"),
            &answer
        ));
        assert!(!verify_detached(
            &admin_pub,
            &challenge_message("admin", "n1", "https://b"),
            &answer
        ));
        assert!(!verify_detached("zz", b"x", &answer));
    }
}
