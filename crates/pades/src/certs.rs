//! Issuing the office CA certificate and the document-signing certificates it vouches for.

use chrono::{DateTime, Months, Utc};
use const_oid::db::rfc4519;
use der::{asn1::ObjectIdentifier, Any, Decode, Encode};
use p256::ecdsa::{DerSignature, SigningKey};
use spki::{SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef};
use x509_cert::{
    attr::AttributeTypeAndValue,
    builder::{profile::BuilderProfile, Builder, CertificateBuilder},
    certificate::TbsCertificate,
    ext::{
        pkix::{
            name::DirectoryString, AuthorityKeyIdentifier, BasicConstraints, KeyUsage, KeyUsages,
            SubjectKeyIdentifier,
        },
        Extension, ToExtension,
    },
    name::{Name, RdnSequence, RelativeDistinguishedName},
    serial_number::SerialNumber,
    time::{Time, Validity},
};

use crate::{cert_info, keys, PadesError};

/// Who a certificate names. Empty fields other than `name` are left out of the certificate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    /// The person or office, as the commonName (CN); may be Chinese.
    pub name: String,
    /// The department, as the organizationalUnitName (OU).
    pub unit: String,
    /// The government body, as the organizationName (O).
    pub organization: String,
    /// Jiedu's user id, as the UID attribute (0.9.2342.19200300.100.1.1).
    pub user_id: String,
    /// The signing role, e.g. "leader", as the title attribute (2.5.4.12).
    pub role: String,
}

/// Longest value accepted per name attribute, in characters.
const MAX_ATTRIBUTE_CHARS: usize = 128;

/// A self-signed office CA certificate (DER) for the CA key, valid from `not_before` for `years`.
pub fn office_ca_certificate(
    ca_secret: &[u8; 32],
    subject: &Subject,
    not_before: DateTime<Utc>,
    years: u32,
) -> Result<Vec<u8>, PadesError> {
    let ca_key = keys::signing_key(ca_secret)?;
    let name = build_name(subject)?;
    let profile = OfficeProfile {
        issuer: name.clone(),
        subject: name,
        ca: true,
    };
    let spki = SubjectPublicKeyInfoOwned::from_key(ca_key.verifying_key())
        .map_err(PadesError::encoding)?;
    build(profile, validity(not_before, years)?, spki, &ca_key)
}

/// An end-entity document-signing certificate (DER) for `public_key_sec1`, issued by the CA.
///
/// It has KeyUsage digitalSignature + nonRepudiation, BasicConstraints ca=false and both key
/// identifiers. `ca_secret` must be the key of `ca_cert_der`.
pub fn issue_signer_certificate(
    ca_secret: &[u8; 32],
    ca_cert_der: &[u8],
    subject: &Subject,
    public_key_sec1: &[u8],
    not_before: DateTime<Utc>,
    years: u32,
) -> Result<Vec<u8>, PadesError> {
    let ca_key = keys::signing_key(ca_secret)?;
    let ca_cert = cert_info::parse_certificate(ca_cert_der)?;
    // Catches a CA key and certificate from different key stores before anything is signed.
    if cert_info::certificate_key(&ca_cert)? != *ca_key.verifying_key() {
        return Err(PadesError::KeyMismatch {
            detail: "CA 私钥不属于该 CA 证书 / the CA key is not the key of the CA certificate"
                .into(),
        });
    }
    let subject_key = keys::verifying_key(public_key_sec1)?;
    let profile = OfficeProfile {
        issuer: ca_cert.tbs_certificate().subject().clone(),
        subject: build_name(subject)?,
        ca: false,
    };
    let spki = SubjectPublicKeyInfoOwned::from_key(&subject_key).map_err(PadesError::encoding)?;
    build(profile, validity(not_before, years)?, spki, &ca_key)
}

fn build(
    profile: OfficeProfile,
    validity: Validity,
    spki: SubjectPublicKeyInfoOwned,
    ca_key: &SigningKey,
) -> Result<Vec<u8>, PadesError> {
    let builder = CertificateBuilder::new(profile, random_serial()?, validity, spki)
        .map_err(PadesError::encoding)?;
    let cert = builder
        .build::<_, DerSignature>(ca_key)
        .map_err(PadesError::encoding)?;
    cert.to_der().map_err(PadesError::encoding)
}

/// The extensions of the two kinds of certificate the office issues.
struct OfficeProfile {
    issuer: Name,
    subject: Name,
    ca: bool,
}

impl BuilderProfile for OfficeProfile {
    fn get_issuer(&self, _subject: &Name) -> Name {
        self.issuer.clone()
    }

    fn get_subject(&self) -> Name {
        self.subject.clone()
    }

    fn build_extensions(
        &self,
        spk: SubjectPublicKeyInfoRef<'_>,
        issuer_spk: SubjectPublicKeyInfoRef<'_>,
        tbs: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        let subject = tbs.subject();
        let mut ext = Vec::new();
        let ski = SubjectKeyIdentifier::try_from(spk)?;
        // NSS builds chains by matching AKI to the issuer's SKI; both use the same SHA-1 method.
        let aki = if self.ca {
            AuthorityKeyIdentifier {
                key_identifier: Some(ski.0.clone()),
                ..Default::default()
            }
        } else {
            AuthorityKeyIdentifier::try_from(issuer_spk)?
        };
        ext.push(aki.to_extension(subject, &ext)?);
        let constraints = BasicConstraints {
            ca: self.ca,
            // The office CA signs end-entity certificates only, never sub-CAs.
            path_len_constraint: self.ca.then_some(0),
        };
        ext.push(constraints.to_extension(subject, &ext)?);
        let usage = if self.ca {
            KeyUsages::KeyCertSign | KeyUsages::CRLSign
        } else {
            KeyUsages::DigitalSignature | KeyUsages::NonRepudiation
        };
        ext.push(KeyUsage(usage).to_extension(subject, &ext)?);
        ext.push(ski.to_extension(subject, &ext)?);
        Ok(ext)
    }
}

fn build_name(subject: &Subject) -> Result<Name, PadesError> {
    if subject.name.trim().is_empty() {
        return Err(PadesError::InvalidSubject {
            detail: "名称为空 / the name is empty".into(),
        });
    }
    // Most significant first (O, OU, CN), the order X.500 and NSS display conventions expect.
    let attributes: [(ObjectIdentifier, &str, &str); 5] = [
        (
            rfc4519::ORGANIZATION_NAME,
            "organization",
            &subject.organization,
        ),
        (rfc4519::ORGANIZATIONAL_UNIT_NAME, "unit", &subject.unit),
        (rfc4519::COMMON_NAME, "name", &subject.name),
        (rfc4519::TITLE, "role", &subject.role),
        (rfc4519::UID, "user_id", &subject.user_id),
    ];
    let mut rdns = Vec::new();
    for (oid, field, value) in attributes {
        if value.is_empty() {
            continue;
        }
        if value.chars().count() > MAX_ATTRIBUTE_CHARS || value.chars().any(char::is_control) {
            return Err(PadesError::InvalidSubject {
                detail: format!(
                    "{field} 过长或含控制字符 / {field} is longer than {MAX_ATTRIBUTE_CHARS} characters or has control characters"
                ),
            });
        }
        // UTF8String, so Chinese names survive; PrintableString cannot hold them.
        let value = Any::encode_from(&DirectoryString::Utf8String(value.to_owned()))
            .map_err(PadesError::encoding)?;
        let rdn = RelativeDistinguishedName::try_from(vec![AttributeTypeAndValue { oid, value }])
            .map_err(PadesError::encoding)?;
        rdns.push(rdn);
    }
    // Name has no public constructor from an RdnSequence; its DER is identical, so round-trip.
    let der = RdnSequence::from(rdns)
        .to_der()
        .map_err(PadesError::encoding)?;
    Name::from_der(&der).map_err(PadesError::encoding)
}

fn validity(not_before: DateTime<Utc>, years: u32) -> Result<Validity, PadesError> {
    let invalid = |detail: &str| PadesError::InvalidValidity {
        detail: detail.to_owned(),
    };
    if years == 0 || years > 100 {
        return Err(invalid("年限须为 1 到 100 / years must be 1 to 100"));
    }
    let not_after = not_before
        .checked_add_months(Months::new(years * 12))
        .ok_or_else(|| invalid("结束时间超出范围 / the end is out of range"))?;
    Ok(Validity::new(
        to_x509_time(not_before)?,
        to_x509_time(not_after)?,
    ))
}

fn to_x509_time(t: DateTime<Utc>) -> Result<Time, PadesError> {
    let secs = u64::try_from(t.timestamp()).map_err(|_| PadesError::InvalidValidity {
        detail: "时间早于 1970 年 / the time is before 1970".into(),
    })?;
    let dt =
        der::DateTime::from_unix_duration(std::time::Duration::from_secs(secs)).map_err(|_| {
            PadesError::InvalidValidity {
                detail: "时间超出范围 / the time is out of range".into(),
            }
        })?;
    // From<DateTime> picks UTCTime up to 2049 and GeneralizedTime after, as RFC 5280 requires.
    Ok(Time::from(dt))
}

fn random_serial() -> Result<SerialNumber, PadesError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| PadesError::Randomness)?;
    // Positive and without a leading zero octet, so it encodes in exactly 16 bytes.
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    SerialNumber::new(&bytes).map_err(PadesError::encoding)
}
