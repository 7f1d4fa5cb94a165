//! Reading certificates back: what they say, their keys, PEM and fingerprints.

use base64::Engine;
use chrono::{DateTime, Utc};
use const_oid::db::{rfc4519, rfc5912};
use der::{asn1::ObjectIdentifier, Decode};
use p256::ecdsa::VerifyingKey;
use sha2::{Digest, Sha256};
use x509_cert::{ext::pkix::name::DirectoryString, name::Name, time::Time, Certificate};

use crate::{keys, PadesError};

/// What a certificate says about its holder, for display and for role checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// Subject commonName (CN).
    pub name: String,
    /// Subject organizationalUnitName (OU), or empty.
    pub unit: String,
    /// Subject organizationName (O), or empty.
    pub organization: String,
    /// Subject UID (or serialNumber if there is no UID), or empty.
    pub user_id: String,
    /// Subject title (2.5.4.12), e.g. "leader", or empty.
    pub role: String,
    /// Issuer commonName (CN).
    pub issuer_name: String,
    /// Start of validity.
    pub not_before: DateTime<Utc>,
    /// End of validity.
    pub not_after: DateTime<Utc>,
    /// Serial number, lower-case hex without leading zero octets.
    pub serial_hex: String,
}

/// PEM text ("-----BEGIN CERTIFICATE-----", 64-column base64) of a DER certificate.
pub fn certificate_pem(der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    // Base64 output is ASCII, so splitting its bytes never cuts a character.
    for line in b64.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    pem
}

/// SHA-256 fingerprint of a DER certificate, lower-case hex without separators.
pub fn certificate_sha256_hex(der: &[u8]) -> String {
    hex::encode(Sha256::digest(der))
}

/// Parses a DER certificate and reports its subject, issuer, validity and serial.
pub fn describe_certificate(der: &[u8]) -> Result<CertificateInfo, PadesError> {
    info(&parse_certificate(der)?)
}

pub(crate) fn parse_certificate(der: &[u8]) -> Result<Certificate, PadesError> {
    Certificate::from_der(der).map_err(PadesError::invalid_certificate)
}

pub(crate) fn info(cert: &Certificate) -> Result<CertificateInfo, PadesError> {
    let tbs = cert.tbs_certificate();
    let subject = tbs.subject();
    let uid = attribute(subject, rfc4519::UID)?;
    let user_id = if uid.is_empty() {
        attribute(subject, rfc4519::SERIAL_NUMBER)?
    } else {
        uid
    };
    Ok(CertificateInfo {
        name: attribute(subject, rfc4519::COMMON_NAME)?,
        unit: attribute(subject, rfc4519::ORGANIZATIONAL_UNIT_NAME)?,
        organization: attribute(subject, rfc4519::ORGANIZATION_NAME)?,
        user_id,
        role: attribute(subject, rfc4519::TITLE)?,
        issuer_name: attribute(tbs.issuer(), rfc4519::COMMON_NAME)?,
        not_before: to_chrono(tbs.validity().not_before)?,
        not_after: to_chrono(tbs.validity().not_after)?,
        serial_hex: hex::encode(tbs.serial_number().as_bytes()),
    })
}

fn attribute(name: &Name, oid: ObjectIdentifier) -> Result<String, PadesError> {
    let value: Option<DirectoryString> = name
        .by_oid(oid)
        .map_err(|e| PadesError::invalid_certificate(format!("name attribute {oid}: {e}")))?;
    Ok(value.map(|v| v.value().into_owned()).unwrap_or_default())
}

pub(crate) fn to_chrono(t: Time) -> Result<DateTime<Utc>, PadesError> {
    let secs = i64::try_from(t.to_unix_duration().as_secs())
        .map_err(|_| PadesError::invalid_certificate("validity time out of range"))?;
    DateTime::from_timestamp(secs, 0)
        .ok_or_else(|| PadesError::invalid_certificate("validity time out of range"))
}

/// The P-256 key in a certificate; other key types are not supported.
pub(crate) fn certificate_key(cert: &Certificate) -> Result<VerifyingKey, PadesError> {
    let spki = cert.tbs_certificate().subject_public_key_info();
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    if spki.algorithm.oid != rfc5912::ID_EC_PUBLIC_KEY || curve != Some(rfc5912::SECP_256_R_1) {
        return Err(PadesError::invalid_certificate(
            "证书公钥不是 P-256 / the certificate key is not ECDSA P-256",
        ));
    }
    keys::verifying_key(spki.subject_public_key.raw_bytes())
        .map_err(|_| PadesError::invalid_certificate("the certificate's P-256 key is invalid"))
}

/// Whether `cert` names `ca` as its issuer and carries a valid ECDSA-SHA256 signature by it.
pub(crate) fn is_issued_by(cert: &Certificate, cert_der: &[u8], ca: &Certificate) -> bool {
    if cert.tbs_certificate().issuer() != ca.tbs_certificate().subject() {
        return false;
    }
    if cert.signature_algorithm().oid != rfc5912::ECDSA_WITH_SHA_256 {
        return false;
    }
    let Ok(ca_key) = certificate_key(ca) else {
        return false;
    };
    let Some(tbs) = raw_tbs(cert_der) else {
        return false;
    };
    let Ok(signature) = p256::ecdsa::DerSignature::from_bytes(cert.signature().raw_bytes()) else {
        return false;
    };
    use p256::ecdsa::signature::Verifier;
    ca_key.verify(tbs, &signature).is_ok()
}

/// The TBSCertificate bytes exactly as they were signed.
///
/// Re-encoding the parsed structure is not safe: x509-cert normalises some times to UTCTime,
/// which would change the bytes of a certificate from another issuer.
fn raw_tbs(cert_der: &[u8]) -> Option<&[u8]> {
    use der::{Reader, SliceReader};
    let mut outer = SliceReader::new(cert_der).ok()?;
    let header = der::Header::decode(&mut outer).ok()?;
    let body = outer.read_slice(header.length()).ok()?;
    let mut inner = SliceReader::new(body).ok()?;
    inner.tlv_bytes().ok()
}

/// Whether `t` lies within the certificate's validity period (both ends inclusive).
pub(crate) fn valid_at(cert: &Certificate, t: DateTime<Utc>) -> Result<bool, PadesError> {
    let validity = cert.tbs_certificate().validity();
    Ok(to_chrono(validity.not_before)? <= t && t <= to_chrono(validity.not_after)?)
}
