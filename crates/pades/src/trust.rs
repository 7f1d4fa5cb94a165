//! Whether the signer's certificate comes from a trusted office CA and was valid when signing.

use chrono::{DateTime, Utc};
use x509_cert::{
    ext::pkix::{BasicConstraints, KeyUsage},
    Certificate,
};

use crate::{cert_info, PadesError};

/// Finds the trusted CA that issued and signed `signer` (DER `signer_der`), and checks that
/// `signer` is a document-signing end-entity certificate.
pub(crate) fn trusted_issuer(
    signer: &Certificate,
    signer_der: &[u8],
    trusted_cas: &[Vec<u8>],
) -> Result<Certificate, PadesError> {
    let untrusted = |detail: &str| PadesError::UntrustedCertificate {
        detail: detail.to_owned(),
    };
    let mut issuer = None;
    for der in trusted_cas {
        let ca = cert_info::parse_certificate(der)?;
        if cert_info::is_issued_by(signer, signer_der, &ca) {
            issuer = Some(ca);
            break;
        }
    }
    let issuer = issuer.ok_or_else(|| {
        untrusted("不是由受信任的单位 CA 签发 / not issued by a trusted office CA")
    })?;
    let tbs = signer.tbs_certificate();
    let constraints = tbs
        .get_extension::<BasicConstraints>()
        .map_err(|_| untrusted("BasicConstraints 无法解析 / BasicConstraints does not parse"))?;
    // A CA key signing documents directly would bypass the per-person certificates.
    if constraints.is_some_and(|(_, bc)| bc.ca) {
        return Err(untrusted(
            "签名证书是 CA 证书 / the signing certificate is a CA certificate",
        ));
    }
    let usage = tbs
        .get_extension::<KeyUsage>()
        .map_err(|_| untrusted("KeyUsage 无法解析 / KeyUsage does not parse"))?;
    if let Some((_, usage)) = usage {
        if !usage.digital_signature() && !usage.non_repudiation() {
            return Err(untrusted(
                "证书不允许用于签名 / the certificate's key usage does not allow signing",
            ));
        }
    }
    Ok(issuer)
}

/// Checks that both certificates were valid at `signing_time`.
pub(crate) fn check_validity(
    signer: &Certificate,
    issuer: &Certificate,
    signing_time: DateTime<Utc>,
) -> Result<(), PadesError> {
    for (what, cert) in [
        ("签名证书 / signing certificate", signer),
        ("CA 证书 / CA certificate", issuer),
    ] {
        if !cert_info::valid_at(cert, signing_time)? {
            let info = cert_info::info(cert)?;
            return Err(PadesError::CertificateExpired {
                detail: format!(
                    "{what} {} – {}，签名时间 / signed at {}",
                    info.not_before.format("%Y-%m-%d %H:%M:%S UTC"),
                    info.not_after.format("%Y-%m-%d %H:%M:%S UTC"),
                    signing_time.format("%Y-%m-%d %H:%M:%S UTC"),
                ),
            });
        }
    }
    Ok(())
}
