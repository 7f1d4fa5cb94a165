//! The one error type of the crate, with stable codes for the UI and the CLI.

use thiserror::Error;

/// Everything that can go wrong making certificates, signing or verifying.
///
/// Messages are Chinese first, then English. Match on [`PadesError::code`], not on the text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PadesError {
    /// The bytes do not start with a PDF header.
    #[error("文件不是 PDF。The file is not a PDF.")]
    NotPdf,
    /// The PDF is encrypted; signatures on encrypted files are not supported.
    #[error("PDF 已加密，无法处理。The PDF is encrypted and cannot be processed.")]
    Encrypted,
    /// The PDF structure could not be read.
    #[error("PDF 结构损坏：{detail}。The PDF is malformed: {detail}.")]
    Malformed {
        /// What could not be read.
        detail: String,
    },
    /// The PDF has no signature field with a value.
    #[error("PDF 没有签名。The PDF is not signed.")]
    Unsigned,
    /// The /ByteRange of the signature is not a well-formed cover of the file.
    #[error(
        "签名范围（ByteRange）无效：{detail}。The signature's ByteRange is invalid: {detail}."
    )]
    BadByteRange {
        /// Which rule the ByteRange breaks.
        detail: String,
    },
    /// Bytes were appended after the signed range, e.g. an incremental update after signing.
    #[error(
        "签名之后文件被修改（签名范围之后追加了 {extra_bytes} 字节）。The file was modified after signing: {extra_bytes} bytes follow the signed range."
    )]
    ModifiedAfterSigning {
        /// How many bytes follow the signed range.
        extra_bytes: usize,
    },
    /// The /Contents of the signature is not a CMS SignedData this crate can check.
    #[error("签名数据（CMS）无效：{detail}。The signature's CMS data is invalid: {detail}.")]
    BadCms {
        /// What is wrong with the CMS.
        detail: String,
    },
    /// The signed bytes do not hash to the message digest the signer signed.
    #[error(
        "签名范围内的内容已被改动（摘要不一致）。The signed content was changed: the digest does not match."
    )]
    DigestMismatch,
    /// The signing-certificate-v2 attribute does not name the certificate in the signature.
    #[error(
        "签名所绑定的证书与签名中的证书不一致：{detail}。The signature is bound to a different certificate: {detail}."
    )]
    CertificateMismatch {
        /// What does not match.
        detail: String,
    },
    /// The ECDSA signature over the signed attributes does not verify.
    #[error("签名值验证失败。The signature value does not verify.")]
    BadSignature,
    /// The signer's certificate was not issued by any trusted office CA.
    #[error("签名证书不受信任：{detail}。The signing certificate is not trusted: {detail}.")]
    UntrustedCertificate {
        /// Why it is not trusted.
        detail: String,
    },
    /// A certificate was not valid at the signing time.
    #[error("签名时证书不在有效期内：{detail}。A certificate was not valid at the signing time: {detail}.")]
    CertificateExpired {
        /// Which certificate and which time.
        detail: String,
    },
    /// The signer's certificate has another role than the one required.
    #[error(
        "签名人角色不符：需要“{required}”，证书上是“{found}”。The signer has the wrong role: \"{required}\" is required, the certificate says \"{found}\"."
    )]
    WrongRole {
        /// The role the caller required.
        required: String,
        /// The role in the certificate (empty if it has none).
        found: String,
    },
    /// The requested page does not exist.
    #[error(
        "页码超出范围：第 {index} 页（从 0 起），文件共 {count} 页。Page index {index} is out of range: the file has {count} pages."
    )]
    PageOutOfRange {
        /// The 0-based index asked for.
        index: usize,
        /// How many pages the file has.
        count: usize,
    },
    /// The signature field's rectangle or texts are unusable.
    #[error("签名域参数无效：{detail}。The signature field is invalid: {detail}.")]
    InvalidField {
        /// What is wrong.
        detail: String,
    },
    /// The CMS did not fit in the space reserved in /Contents.
    #[error(
        "签名数据过大（{size} 字节，预留 {reserved} 字节）。The signature is too large: {size} bytes, {reserved} reserved."
    )]
    SignatureTooLarge {
        /// Size of the DER CMS.
        size: usize,
        /// Bytes reserved.
        reserved: usize,
    },
    /// A secret key is not a valid P-256 scalar.
    #[error("私钥无效。The secret key is invalid.")]
    InvalidKey,
    /// A public key is not a valid SEC1 P-256 point.
    #[error("公钥无效。The public key is invalid.")]
    InvalidPublicKey,
    /// The operating system's random number generator failed.
    #[error("无法获取随机数。The system random number generator failed.")]
    Randomness,
    /// A secret key does not belong to the certificate it is used with.
    #[error("私钥与证书不匹配：{detail}。The key does not match the certificate: {detail}.")]
    KeyMismatch {
        /// Which key and certificate.
        detail: String,
    },
    /// The subject of a new certificate is unusable.
    #[error("证书主体信息无效：{detail}。The certificate subject is invalid: {detail}.")]
    InvalidSubject {
        /// What is wrong.
        detail: String,
    },
    /// The validity period of a new certificate is unusable.
    #[error("证书有效期无效：{detail}。The certificate validity is invalid: {detail}.")]
    InvalidValidity {
        /// What is wrong.
        detail: String,
    },
    /// Certificate bytes given by the caller could not be parsed or are unsupported.
    #[error("证书无效：{detail}。The certificate is invalid: {detail}.")]
    InvalidCertificate {
        /// What is wrong.
        detail: String,
    },
    /// Encoding an ASN.1 structure failed (a bug or an absurd input size).
    #[error("内部编码失败：{detail}。Internal encoding failed: {detail}.")]
    Encoding {
        /// The encoder's message.
        detail: String,
    },
}

impl PadesError {
    /// A stable machine-readable code, e.g. `"pdf.unsigned"`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotPdf => "pdf.not_pdf",
            Self::Encrypted => "pdf.encrypted",
            Self::Malformed { .. } => "pdf.malformed",
            Self::Unsigned => "pdf.unsigned",
            Self::BadByteRange { .. } => "pdf.bad_byte_range",
            Self::ModifiedAfterSigning { .. } => "pdf.modified_after_signing",
            Self::BadCms { .. } => "pdf.bad_cms",
            Self::DigestMismatch => "pdf.digest_mismatch",
            Self::CertificateMismatch { .. } => "pdf.certificate_mismatch",
            Self::BadSignature => "pdf.bad_signature",
            Self::UntrustedCertificate { .. } => "pdf.untrusted_certificate",
            Self::CertificateExpired { .. } => "pdf.certificate_expired",
            Self::WrongRole { .. } => "pdf.wrong_role",
            Self::PageOutOfRange { .. } => "pdf.page_out_of_range",
            Self::InvalidField { .. } => "pdf.invalid_field",
            Self::SignatureTooLarge { .. } => "pdf.signature_too_large",
            Self::InvalidKey => "key.invalid_secret",
            Self::InvalidPublicKey => "key.invalid_public",
            Self::Randomness => "key.randomness",
            Self::KeyMismatch { .. } => "cert.key_mismatch",
            Self::InvalidSubject { .. } => "cert.invalid_subject",
            Self::InvalidValidity { .. } => "cert.invalid_validity",
            Self::InvalidCertificate { .. } => "cert.invalid",
            Self::Encoding { .. } => "internal.encoding",
        }
    }

    pub(crate) fn malformed(detail: impl Into<String>) -> Self {
        Self::Malformed {
            detail: detail.into(),
        }
    }

    pub(crate) fn bad_cms(detail: impl Into<String>) -> Self {
        Self::BadCms {
            detail: detail.into(),
        }
    }

    pub(crate) fn bad_byte_range(detail: impl Into<String>) -> Self {
        Self::BadByteRange {
            detail: detail.into(),
        }
    }

    pub(crate) fn invalid_certificate(detail: impl std::fmt::Display) -> Self {
        Self::InvalidCertificate {
            detail: detail.to_string(),
        }
    }

    pub(crate) fn encoding(detail: impl std::fmt::Display) -> Self {
        Self::Encoding {
            detail: detail.to_string(),
        }
    }
}
