//! The detached CMS SignedData in /Contents: building it for a digest, and checking one.
//!
//! Assembled from the `cms` crate's types rather than its builder: the builder needs the
//! `builder` feature (rsa, aes, sha3 and more), hides errors as `ErrorKind::Failed`, and we need
//! exactly one shape anyway: SignedData v1, issuerAndSerialNumber, SHA-256, ECDSA P-256, and the
//! signed attributes content-type, message-digest and signing-certificate-v2 (no signing-time:
//! PAdES puts the time in /M).

use cms::{
    cert::{CertificateChoices, IssuerAndSerialNumber},
    content_info::{CmsVersion, ContentInfo},
    signed_data::{
        CertificateSet, EncapsulatedContentInfo, SignedAttributes, SignedData, SignerIdentifier,
        SignerInfo, SignerInfos,
    },
};
use const_oid::db::{rfc5911, rfc5912};
use der::{
    asn1::{ObjectIdentifier, OctetString, SetOfVec},
    Any, Decode, Encode, Reader, SliceReader, Tag, TagNumber,
};
use p256::ecdsa::{
    signature::{Signer as _, Verifier as _},
    DerSignature, SigningKey,
};
use spki::AlgorithmIdentifierOwned;
use x509_cert::{attr::Attribute, Certificate};

use crate::{cert_info, ess, PadesError};

fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: rfc5912::ID_SHA_256,
        parameters: None,
    }
}

fn single_value_attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, PadesError> {
    let mut values = SetOfVec::new();
    values.insert(value).map_err(PadesError::encoding)?;
    Ok(Attribute { oid, values })
}

/// DER ContentInfo(SignedData) signing `digest` (SHA-256 of the ByteRange) with `key`.
///
/// `cert_der` is the signer's certificate and must belong to `key`; `chain_der` are added so
/// verifiers can build the path without a separate download.
pub(crate) fn build(
    digest: &[u8; 32],
    key: &SigningKey,
    cert_der: &[u8],
    chain_der: &[Vec<u8>],
) -> Result<Vec<u8>, PadesError> {
    let cert = cert_info::parse_certificate(cert_der)?;
    let enc = PadesError::encoding;
    let signed_attrs: SignedAttributes = SetOfVec::try_from(vec![
        single_value_attribute(
            rfc5911::ID_CONTENT_TYPE,
            Any::encode_from(&rfc5911::ID_DATA).map_err(enc)?,
        )?,
        single_value_attribute(
            rfc5911::ID_MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.to_vec()).map_err(enc)?).map_err(enc)?,
        )?,
        ess::attribute(&cert, cert_der)?,
    ])
    .map_err(enc)?;
    // RFC 5652 5.4: the signature covers the DER of the attributes with the SET OF tag.
    let to_be_signed = signed_attrs.to_der().map_err(enc)?;
    let signature: DerSignature = key
        .try_sign(&to_be_signed)
        .map_err(|e| PadesError::encoding(format!("ECDSA signing failed: {e}")))?;

    let tbs = cert.tbs_certificate();
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        // pdfsig/NSS reject subjectKeyIdentifier here ("Unknown Validation Failure").
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: sha256_alg(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: rfc5912::ECDSA_WITH_SHA_256,
            parameters: None,
        },
        signature: OctetString::new(signature.as_bytes()).map_err(enc)?,
        unsigned_attrs: None,
    };
    let mut certificates = vec![CertificateChoices::Certificate(cert)];
    for der in chain_der {
        certificates.push(CertificateChoices::Certificate(
            cert_info::parse_certificate(der)?,
        ));
    }
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256_alg()]).map_err(enc)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: rfc5911::ID_DATA,
            // Detached: the content is the PDF's ByteRange, not embedded.
            econtent: None,
        },
        certificates: Some(CertificateSet::try_from(certificates).map_err(enc)?),
        crls: None,
        signer_infos: SignerInfos::try_from(vec![signer_info]).map_err(enc)?,
    };
    ContentInfo {
        content_type: rfc5911::ID_SIGNED_DATA,
        content: Any::encode_from(&signed_data).map_err(enc)?,
    }
    .to_der()
    .map_err(enc)
}

/// A parsed signature: its one SignerInfo and the certificate that SignerInfo names.
pub(crate) struct ParsedCms {
    signer_info: SignerInfo,
    signed_attrs: SignedAttributes,
    /// The signer's certificate.
    pub(crate) signer_cert: Certificate,
    /// Its DER exactly as embedded, which is what signing-certificate-v2 hashes.
    pub(crate) signer_cert_der: Vec<u8>,
}

/// Parses /Contents (DER CMS followed by zero padding) down to the signer and its certificate.
pub(crate) fn parse(contents: &[u8]) -> Result<ParsedCms, PadesError> {
    let (content_info, padding) = ContentInfo::from_der_partial(contents).map_err(|e| {
        PadesError::bad_cms(format!(
            "ContentInfo 无法解析 / ContentInfo does not parse: {e}"
        ))
    })?;
    if padding.iter().any(|&b| b != 0) {
        return Err(PadesError::bad_cms(
            "CMS 之后有非零数据 / non-zero bytes follow the CMS",
        ));
    }
    if content_info.content_type != rfc5911::ID_SIGNED_DATA {
        return Err(PadesError::bad_cms("不是 SignedData / not a SignedData"));
    }
    let signed_data: SignedData = content_info.content.decode_as().map_err(|e| {
        PadesError::bad_cms(format!(
            "SignedData 无法解析 / SignedData does not parse: {e}"
        ))
    })?;
    if signed_data.encap_content_info.econtent.is_some() {
        return Err(PadesError::bad_cms(
            "签名不是分离式 / the signature is not detached",
        ));
    }
    let mut infos = signed_data.signer_infos.0.iter();
    let (Some(signer_info), None) = (infos.next(), infos.next()) else {
        return Err(PadesError::bad_cms(
            "须恰有一个签名者 / there must be exactly one SignerInfo",
        ));
    };
    if signer_info.digest_alg.oid != rfc5912::ID_SHA_256 {
        return Err(PadesError::bad_cms(
            "摘要算法不是 SHA-256 / the digest algorithm is not SHA-256",
        ));
    }
    let signed_attrs = signer_info
        .signed_attrs
        .clone()
        .ok_or_else(|| PadesError::bad_cms("缺少签名属性 / there are no signed attributes"))?;
    let content_type = single_value(&signed_attrs, rfc5911::ID_CONTENT_TYPE)?
        .and_then(|v| v.decode_as::<ObjectIdentifier>().ok());
    if content_type != Some(rfc5911::ID_DATA) {
        return Err(PadesError::bad_cms(
            "content-type 属性缺失或不是 id-data / content-type is missing or not id-data",
        ));
    }
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer_info.sid else {
        return Err(PadesError::bad_cms(
            "签名者须以颁发者和序列号标识 / the signer must be identified by issuer and serial",
        ));
    };
    let signer = raw_certificates(content_info.content.value())?
        .into_iter()
        .find_map(|der| {
            let cert = Certificate::from_der(der).ok()?;
            let tbs = cert.tbs_certificate();
            (tbs.issuer() == &sid.issuer && tbs.serial_number() == &sid.serial_number)
                .then(|| (cert, der.to_vec()))
        });
    let (signer_cert, signer_cert_der) = signer.ok_or_else(|| {
        PadesError::bad_cms("CMS 中没有签名者证书 / the signer's certificate is not in the CMS")
    })?;
    Ok(ParsedCms {
        signer_info: signer_info.clone(),
        signed_attrs,
        signer_cert,
        signer_cert_der,
    })
}

impl ParsedCms {
    /// Checks the message-digest attribute against SHA-256 of the signed byte ranges.
    pub(crate) fn check_digest(&self, digest: &[u8; 32]) -> Result<(), PadesError> {
        let value =
            single_value(&self.signed_attrs, rfc5911::ID_MESSAGE_DIGEST)?.ok_or_else(|| {
                PadesError::bad_cms("缺少 message-digest 属性 / message-digest is missing")
            })?;
        let signed: OctetString = value
            .decode_as()
            .map_err(|e| PadesError::bad_cms(format!("message-digest does not parse: {e}")))?;
        if signed.as_bytes() == digest.as_slice() {
            Ok(())
        } else {
            Err(PadesError::DigestMismatch)
        }
    }

    /// Checks signing-certificate-v2 against the embedded signer certificate.
    pub(crate) fn check_signing_certificate(&self) -> Result<(), PadesError> {
        let attr = self
            .signed_attrs
            .iter()
            .find(|a| a.oid == rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2);
        ess::check(attr, &self.signer_cert, &self.signer_cert_der)
    }

    /// Checks the ECDSA signature over the DER signed attributes with the certificate's key.
    pub(crate) fn check_signature(&self) -> Result<(), PadesError> {
        let alg = &self.signer_info.signature_algorithm;
        if alg.oid != rfc5912::ECDSA_WITH_SHA_256 {
            return Err(PadesError::bad_cms(
                "签名算法不是 ECDSA-SHA256 / the signature algorithm is not ECDSA with SHA-256",
            ));
        }
        let key = cert_info::certificate_key(&self.signer_cert).map_err(|_| {
            PadesError::bad_cms("签名者证书的公钥不是 P-256 / the signer's key is not P-256")
        })?;
        // The parser only accepts DER, so re-encoding yields exactly the bytes that were signed.
        let to_be_signed = self.signed_attrs.to_der().map_err(PadesError::encoding)?;
        let signature = DerSignature::from_bytes(self.signer_info.signature.as_bytes())
            .map_err(|_| PadesError::BadSignature)?;
        key.verify(&to_be_signed, &signature)
            .map_err(|_| PadesError::BadSignature)
    }
}

fn single_value(
    attrs: &SignedAttributes,
    oid: ObjectIdentifier,
) -> Result<Option<&Any>, PadesError> {
    let mut found = attrs.iter().filter(|a| a.oid == oid);
    let Some(attr) = found.next() else {
        return Ok(None);
    };
    let mut values = attr.values.iter();
    match (found.next(), values.next(), values.next()) {
        (None, Some(value), None) => Ok(Some(value)),
        _ => Err(PadesError::bad_cms(format!(
            "属性 {oid} 须恰有一个值 / attribute {oid} must occur once with one value"
        ))),
    }
}

/// The certificates of a SignedData (its SEQUENCE body), as the exact DER they were sent in.
fn raw_certificates(signed_data_body: &[u8]) -> Result<Vec<&[u8]>, PadesError> {
    let bad = |e: der::Error| PadesError::bad_cms(format!("SignedData certificates: {e}"));
    let mut reader = SliceReader::new(signed_data_body).map_err(bad)?;
    // version, digestAlgorithms, encapContentInfo
    for _ in 0..3 {
        reader.tlv_bytes().map_err(bad)?;
    }
    let certificates_tag = Tag::ContextSpecific {
        constructed: true,
        number: TagNumber(0),
    };
    if reader.is_finished() || Tag::peek(&reader).map_err(bad)? != certificates_tag {
        return Ok(Vec::new());
    }
    let header = der::Header::decode(&mut reader).map_err(bad)?;
    let body = reader.read_slice(header.length()).map_err(bad)?;
    let mut inner = SliceReader::new(body).map_err(bad)?;
    let mut certs = Vec::new();
    while !inner.is_finished() {
        certs.push(inner.tlv_bytes().map_err(bad)?);
    }
    Ok(certs)
}
