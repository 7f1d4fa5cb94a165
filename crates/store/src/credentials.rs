//! Local credentials: an argon2id passphrase hash, and an Ed25519 key pair whose secret half is
//! encrypted under a key derived from the passphrase.
//!
//! The passphrase hash (a PHC string) and the key-encryption key use different random salts, so
//! the stored hash never reveals the key that opens the secret key. The secret key is sealed with
//! ChaCha20-Poly1305 and the user id as associated data: a wrong passphrase, or a sealed key
//! moved to another user's row, fails to open.

use crate::error::StoreError;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, PasswordHash, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use zeroize::Zeroizing;

/// What is stored for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Credentials {
    /// argon2id PHC string of the passphrase.
    pub passphrase_hash: String,
    /// argon2id parameters of the key-encryption key, `m=…,t=…,p=…`.
    pub kdf_params: String,
    /// Salt of the key-encryption key, hex.
    pub kdf_salt: String,
    /// ChaCha20-Poly1305 nonce, hex.
    pub key_nonce: String,
    /// The sealed Ed25519 secret key, hex.
    pub secret_key: String,
    /// The Ed25519 public key, hex.
    pub public_key: String,
}

/// Associated data that binds a sealed key to its user.
fn aad(user_id: &str) -> Vec<u8> {
    format!("jiedu-signing-key-v1:{user_id}").into_bytes()
}

fn failure(detail: impl std::fmt::Display) -> StoreError {
    StoreError::Credential {
        detail: detail.to_string(),
    }
}

/// Random bytes from the operating system.
fn random<const N: usize>() -> Result<[u8; N], StoreError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(failure)?;
    Ok(bytes)
}

/// argon2id with the crate's recommended parameters (19 MiB, 2 passes, 1 lane).
fn params() -> Params {
    Params::default()
}

fn params_text(p: &Params) -> String {
    format!("m={},t={},p={}", p.m_cost(), p.t_cost(), p.p_cost())
}

fn parse_params(text: &str) -> Result<Params, StoreError> {
    let mut m = None;
    let mut t = None;
    let mut p = None;
    for pair in text.split(',') {
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| failure(format!("kdf_params {text}")))?;
        let v: u32 = v
            .trim()
            .parse()
            .map_err(|_| failure(format!("kdf_params {text}")))?;
        match k.trim() {
            "m" => m = Some(v),
            "t" => t = Some(v),
            "p" => p = Some(v),
            _ => return Err(failure(format!("kdf_params {text}"))),
        }
    }
    match (m, t, p) {
        (Some(m), Some(t), Some(p)) => Params::new(m, t, p, Some(32)).map_err(failure),
        _ => Err(failure(format!("kdf_params {text}"))),
    }
}

fn derive_key(
    passphrase: &str,
    salt: &[u8],
    params: Params,
) -> Result<Zeroizing<[u8; 32]>, StoreError> {
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .map_err(failure)?;
    Ok(key)
}

fn cipher(key: &[u8; 32]) -> ChaCha20Poly1305 {
    ChaCha20Poly1305::new(&Key::from(*key))
}

/// Associated data that binds a sealed document-signing (P-256) key to its user.
fn document_aad(user_id: &str) -> Vec<u8> {
    format!("jiedu-document-key-v1:{user_id}").into_bytes()
}

/// Seals a 32-byte secret under `kek`, bound to `aad`: the nonce and the sealed bytes, hex.
fn seal(kek: &[u8; 32], secret: &[u8; 32], aad: &[u8]) -> Result<(String, String), StoreError> {
    let nonce: [u8; 12] = random()?;
    let sealed = cipher(kek)
        .encrypt(&Nonce::from(nonce), Payload { msg: secret, aad })
        .map_err(failure)?;
    Ok((hex::encode(nonce), hex::encode(sealed)))
}

/// Opens what [`seal`] made; `Ok(None)` when `kek` or `aad` is not the one it was sealed with.
/// `what` names the secret in errors about malformed stored values.
fn open(
    kek: &[u8; 32],
    nonce_hex: &str,
    sealed_hex: &str,
    aad: &[u8],
    what: &str,
) -> Result<Option<Zeroizing<[u8; 32]>>, StoreError> {
    let nonce: [u8; 12] = hex::decode(nonce_hex)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| failure(format!("{what} nonce")))?;
    let sealed = hex::decode(sealed_hex).map_err(failure)?;
    let Ok(opened) = cipher(kek).decrypt(&Nonce::from(nonce), Payload { msg: &sealed, aad }) else {
        return Ok(None);
    };
    let opened = Zeroizing::new(opened);
    let secret: [u8; 32] = opened
        .as_slice()
        .try_into()
        .map_err(|_| failure(format!("{what} length")))?;
    Ok(Some(Zeroizing::new(secret)))
}

/// The key-encryption key these credentials were sealed under.
fn kek_of(creds: &Credentials, passphrase: &str) -> Result<Zeroizing<[u8; 32]>, StoreError> {
    let salt = hex::decode(&creds.kdf_salt).map_err(failure)?;
    derive_key(passphrase, &salt, parse_params(&creds.kdf_params)?)
}

/// Opens the Ed25519 key with `kek`; `Ok(None)` when `kek` is not the right one.
fn unlock_with(
    creds: &Credentials,
    user_id: &str,
    kek: &[u8; 32],
) -> Result<Option<Zeroizing<[u8; 32]>>, StoreError> {
    let Some(secret) = open(
        kek,
        &creds.key_nonce,
        &creds.secret_key,
        &aad(user_id),
        "secret key",
    )?
    else {
        return Ok(None);
    };
    if jiedu_core::signing::public_key_hex(&secret) != creds.public_key {
        return Err(failure("the secret key does not match the public key"));
    }
    Ok(Some(secret))
}

/// The key-encryption key, once it is shown to open the Ed25519 key (so a wrong passphrase
/// never seals anything); `Ok(None)` when the passphrase is wrong.
fn checked_kek(
    creds: &Credentials,
    user_id: &str,
    passphrase: &str,
) -> Result<Option<Zeroizing<[u8; 32]>>, StoreError> {
    let kek = kek_of(creds, passphrase)?;
    Ok(unlock_with(creds, user_id, &kek)?.map(|_| kek))
}

/// A document-signing key sealed under the passphrase: nonce and sealed secret, hex.
pub(crate) struct SealedDocumentKey {
    /// ChaCha20-Poly1305 nonce, hex.
    pub nonce: String,
    /// The sealed P-256 secret, hex.
    pub sealed: String,
}

/// Seals a P-256 secret under the user's passphrase; `Ok(None)` when the passphrase is wrong.
pub(crate) fn seal_document_key(
    creds: &Credentials,
    user_id: &str,
    passphrase: &str,
    secret: &[u8; 32],
) -> Result<Option<SealedDocumentKey>, StoreError> {
    let Some(kek) = checked_kek(creds, user_id, passphrase)? else {
        return Ok(None);
    };
    let (nonce, sealed) = seal(&kek, secret, &document_aad(user_id))?;
    Ok(Some(SealedDocumentKey { nonce, sealed }))
}

/// Opens a sealed P-256 secret; `Ok(None)` when the passphrase is wrong.
pub(crate) fn open_document_key(
    creds: &Credentials,
    user_id: &str,
    passphrase: &str,
    key: &SealedDocumentKey,
) -> Result<Option<Zeroizing<[u8; 32]>>, StoreError> {
    let Some(kek) = checked_kek(creds, user_id, passphrase)? else {
        return Ok(None);
    };
    match open(
        &kek,
        &key.nonce,
        &key.sealed,
        &document_aad(user_id),
        "document key",
    )? {
        Some(secret) => Ok(Some(secret)),
        None => Err(failure("the document-signing key does not open")),
    }
}

/// Makes fresh credentials: a new key pair, sealed under `passphrase`.
pub(crate) fn create(user_id: &str, passphrase: &str) -> Result<Credentials, StoreError> {
    let hash_salt: [u8; 16] = random()?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params());
    let passphrase_hash = argon
        .hash_password_with_salt(passphrase.as_bytes(), &hash_salt)
        .map_err(failure)?
        .to_string();
    let kdf_salt: [u8; 16] = random()?;
    let kek = derive_key(passphrase, &kdf_salt, params())?;
    let secret = Zeroizing::new(random::<32>()?);
    let (key_nonce, secret_key) = seal(&kek, &secret, &aad(user_id))?;
    Ok(Credentials {
        passphrase_hash,
        kdf_params: params_text(&params()),
        kdf_salt: hex::encode(kdf_salt),
        key_nonce,
        secret_key,
        public_key: jiedu_core::signing::public_key_hex(&secret),
    })
}

/// Whether `passphrase` is the user's passphrase.
pub(crate) fn verify_passphrase(creds: &Credentials, passphrase: &str) -> Result<bool, StoreError> {
    let hash = PasswordHash::new(&creds.passphrase_hash).map_err(failure)?;
    match Argon2::default().verify_password(passphrase.as_bytes(), &hash) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::PasswordInvalid) => Ok(false),
        Err(e) => Err(failure(e)),
    }
}

/// Opens the secret signing key with the passphrase; `Ok(None)` when the passphrase is wrong.
pub(crate) fn unlock(
    creds: &Credentials,
    user_id: &str,
    passphrase: &str,
) -> Result<Option<Zeroizing<[u8; 32]>>, StoreError> {
    unlock_with(creds, user_id, &*kek_of(creds, passphrase)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_passphrase_opens_the_key_and_a_wrong_one_does_not() {
        let creds = create("li.hua", "jiedu-demo").expect("create");
        assert!(creds.passphrase_hash.starts_with("$argon2id$"));
        assert_eq!(creds.public_key.len(), 64);
        assert!(verify_passphrase(&creds, "jiedu-demo").expect("verify"));
        assert!(!verify_passphrase(&creds, "jiedu-dem0").expect("verify"));
        let key = unlock(&creds, "li.hua", "jiedu-demo")
            .expect("unlock")
            .expect("right passphrase");
        assert_eq!(jiedu_core::signing::public_key_hex(&key), creds.public_key);
        assert!(unlock(&creds, "li.hua", "wrong").expect("unlock").is_none());
        // A sealed key copied to another user's row does not open there.
        assert!(unlock(&creds, "zhang.wei", "jiedu-demo")
            .expect("unlock")
            .is_none());
    }

    #[test]
    fn a_document_key_opens_only_with_the_passphrase_for_its_user() {
        let creds = create("li.hua", "jiedu-demo").expect("create");
        let secret = [7u8; 32];
        assert!(seal_document_key(&creds, "li.hua", "wrong-pass", &secret)
            .expect("seal")
            .is_none());
        let sealed = seal_document_key(&creds, "li.hua", "jiedu-demo", &secret)
            .expect("seal")
            .expect("right passphrase");
        assert!(!sealed.sealed.contains(&hex::encode(secret)));
        let opened = open_document_key(&creds, "li.hua", "jiedu-demo", &sealed)
            .expect("open")
            .expect("right passphrase");
        assert_eq!(*opened, secret);
        assert!(open_document_key(&creds, "li.hua", "wrong-pass", &sealed)
            .expect("open")
            .is_none());
    }

    #[test]
    fn the_stored_hash_is_not_the_key_encryption_key() {
        let creds = create("li.hua", "jiedu-demo").expect("create");
        assert_ne!(
            creds.kdf_salt,
            hex::encode(
                PasswordHash::new(&creds.passphrase_hash)
                    .expect("phc")
                    .salt
                    .expect("salt")
                    .as_ref()
            )
        );
        assert!(!creds.secret_key.contains(&creds.public_key));
    }
}
