//! P-256 key pairs, kept as raw 32-byte secrets so callers can store them however they like.

use p256::ecdsa::{SigningKey, VerifyingKey};

use crate::PadesError;

/// Generates a new P-256 secret key from the operating system's random number generator.
pub fn new_p256_secret() -> Result<[u8; 32], PadesError> {
    // A random 32-byte string is a valid scalar except with negligible probability (zero or
    // >= the group order); retry instead of reducing, which would bias the key.
    for _ in 0..16 {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|_| PadesError::Randomness)?;
        if SigningKey::from_slice(&secret).is_ok() {
            return Ok(secret);
        }
    }
    Err(PadesError::Randomness)
}

/// The SEC1 uncompressed public key (65 bytes, starting with 0x04) of a P-256 secret.
pub fn p256_public_key(secret: &[u8; 32]) -> Result<Vec<u8>, PadesError> {
    Ok(encode_public_key(signing_key(secret)?.verifying_key()))
}

pub(crate) fn signing_key(secret: &[u8; 32]) -> Result<SigningKey, PadesError> {
    SigningKey::from_slice(secret).map_err(|_| PadesError::InvalidKey)
}

pub(crate) fn verifying_key(sec1: &[u8]) -> Result<VerifyingKey, PadesError> {
    VerifyingKey::from_sec1_bytes(sec1).map_err(|_| PadesError::InvalidPublicKey)
}

pub(crate) fn encode_public_key(key: &VerifyingKey) -> Vec<u8> {
    key.to_sec1_point(false).as_bytes().to_vec()
}
