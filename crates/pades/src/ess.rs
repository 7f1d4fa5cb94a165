//! The ESS signing-certificate-v2 attribute (RFC 5035), which binds the signature to one
//! certificate so a different certificate with the same key cannot be swapped in.
//!
//! No RustCrypto crate defines these structures, so they are declared here.

use const_oid::db::{rfc5911, rfc5912};
use der::{
    asn1::{OctetString, SetOfVec},
    Any, Sequence,
};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::{
    attr::Attribute, ext::pkix::name::GeneralName, serial_number::SerialNumber, Certificate,
};

use crate::PadesError;

/// IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

/// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash, issuerSerial OPTIONAL }
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertIdV2 {
    // DER forbids encoding the DEFAULT, so it is None when written; some signers write it anyway.
    #[asn1(optional = "true")]
    hash_algorithm: Option<AlgorithmIdentifierOwned>,
    cert_hash: OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<IssuerSerial>,
}

/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies OPTIONAL }
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
    #[asn1(optional = "true")]
    policies: Option<Vec<Any>>,
}

/// The signed attribute naming `cert` (whose exact DER is `cert_der`) as the signer.
pub(crate) fn attribute(cert: &Certificate, cert_der: &[u8]) -> Result<Attribute, PadesError> {
    let tbs = cert.tbs_certificate();
    let value = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(Sha256::digest(cert_der).to_vec())
                .map_err(PadesError::encoding)?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                serial_number: tbs.serial_number().clone(),
            }),
        }],
        policies: None,
    };
    let mut values = SetOfVec::new();
    values
        .insert(Any::encode_from(&value).map_err(PadesError::encoding)?)
        .map_err(PadesError::encoding)?;
    Ok(Attribute {
        oid: rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2,
        values,
    })
}

/// Checks that the attribute's first ESSCertIDv2 names exactly this certificate.
pub(crate) fn check(
    attribute: Option<&Attribute>,
    cert: &Certificate,
    cert_der: &[u8],
) -> Result<(), PadesError> {
    let mismatch = |detail: &str| PadesError::CertificateMismatch {
        detail: detail.to_owned(),
    };
    let attribute = attribute.ok_or_else(|| {
        mismatch(
            "缺少 signing-certificate-v2 属性 / the signing-certificate-v2 attribute is missing",
        )
    })?;
    let mut values = attribute.values.iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(mismatch(
            "signing-certificate-v2 须恰有一个值 / signing-certificate-v2 must have exactly one value",
        ));
    };
    let parsed: SigningCertificateV2 = value.decode_as().map_err(|e| {
        mismatch(&format!(
            "signing-certificate-v2 无法解析 / signing-certificate-v2 does not parse: {e}"
        ))
    })?;
    // RFC 5035: the first ESSCertIDv2 identifies the signer's certificate.
    let first = parsed
        .certs
        .first()
        .ok_or_else(|| mismatch("signing-certificate-v2 为空 / signing-certificate-v2 is empty"))?;
    if let Some(alg) = &first.hash_algorithm {
        if alg.oid != rfc5912::ID_SHA_256 {
            return Err(mismatch(
                "signing-certificate-v2 不是 SHA-256 / signing-certificate-v2 does not use SHA-256",
            ));
        }
    }
    if first.cert_hash.as_bytes() != Sha256::digest(cert_der).as_slice() {
        return Err(mismatch("证书哈希不一致 / the certificate hash differs"));
    }
    if let Some(issuer_serial) = &first.issuer_serial {
        let tbs = cert.tbs_certificate();
        let issuer_named = issuer_serial
            .issuer
            .iter()
            .any(|n| matches!(n, GeneralName::DirectoryName(name) if name == tbs.issuer()));
        if !issuer_named || issuer_serial.serial_number != *tbs.serial_number() {
            return Err(mismatch(
                "颁发者或序列号不一致 / the issuer or serial number differs",
            ));
        }
    }
    Ok(())
}
