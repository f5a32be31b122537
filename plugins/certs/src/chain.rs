//! Chain validation with rustls-webpki: a path is built from a leaf through the
//! intermediates stored with it to a trust anchor: the `ca.crt` stored beside it, a bundle
//! the user gives (`--ca-file`), or the system roots. Only the verdict is returned; expiry is
//! judged separately, per certificate.

use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use std::time::Duration;
use webpki::{EndEntityCert, KeyUsage};

/// Trust anchors shared by every chain in a scan.
#[derive(Debug, Default)]
pub struct Trust {
    anchors: Vec<TrustAnchor<'static>>,
}

impl Trust {
    /// The system roots (when `system`) plus the certificates in `extra`.
    pub fn load(system: bool, extra: &[Vec<u8>]) -> (Self, Vec<String>) {
        let mut warnings = Vec::new();
        let mut anchors = Vec::new();
        if system {
            let found = rustls_native_certs::load_native_certs();
            for e in found.errors.iter().take(1) {
                warnings.push(format!("system trust store: {e}"));
            }
            anchors.extend(found.certs.iter().filter_map(anchor));
        }
        anchors.extend(
            extra
                .iter()
                .filter_map(|der| anchor(&CertificateDer::from(der.as_slice()))),
        );
        (Self { anchors }, warnings)
    }

    /// How many anchors are loaded.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    /// Whether no anchors are loaded.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }
}

fn anchor(der: &CertificateDer<'_>) -> Option<TrustAnchor<'static>> {
    webpki::anchor_from_trusted_cert(der)
        .ok()
        .map(|a| a.to_owned())
}

/// Which extended key usage the leaf is checked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    /// TLS server (also when the leaf has no EKU).
    Server,
    /// TLS client (a leaf whose EKU allows only clientAuth).
    Client,
}

/// Verifies `leaf` through `intermediates` to `local_anchors` or `trust` at Unix time
/// `now`. `Ok(())` or why not, in words; `Err(None)` when the only problem is validity
/// (expiry is reported per certificate, not twice).
pub fn verify(
    leaf: &[u8],
    intermediates: &[Vec<u8>],
    local_anchors: &[Vec<u8>],
    trust: &Trust,
    now: i64,
    usage: Usage,
) -> Result<(), Option<String>> {
    let leaf_der = CertificateDer::from(leaf);
    let ee = EndEntityCert::try_from(&leaf_der).map_err(|e| Some(format!("leaf: {e}")))?;
    let inter: Vec<CertificateDer<'_>> = intermediates
        .iter()
        .map(|d| CertificateDer::from(d.as_slice()))
        .collect();
    let mut anchors: Vec<TrustAnchor<'_>> = local_anchors
        .iter()
        .filter_map(|d| anchor(&CertificateDer::from(d.as_slice())))
        .collect();
    anchors.extend(trust.anchors.iter().cloned());
    let time = UnixTime::since_unix_epoch(Duration::from_secs(u64::try_from(now).unwrap_or(0)));
    let usage = match usage {
        Usage::Server => KeyUsage::server_auth(),
        Usage::Client => KeyUsage::client_auth(),
    };
    ee.verify_for_usage(
        webpki::ALL_VERIFICATION_ALGS,
        &anchors,
        &inter,
        time,
        usage,
        None,
        None,
    )
    .map(|_| ())
    .map_err(explain)
}

#[allow(deprecated)] // webpki 0.103 still returns the unit variants in places
fn explain(e: webpki::Error) -> Option<String> {
    use webpki::Error as E;
    Some(match e {
        E::CertExpired { .. } | E::CertNotValidYet { .. } => return None,
        E::UnknownIssuer => "no path to a trusted root: an issuer is missing from the bundle, ca.crt and the trust store".into(),
        E::UnsupportedSignatureAlgorithm
        | E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKey
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
            "a signature in the chain uses an algorithm TLS clients reject".into()
        }
        E::InvalidSignatureForPublicKey => {
            "a signature in the chain does not verify against its issuer's key".into()
        }
        E::RequiredEkuNotFound | E::RequiredEkuNotFoundContext(_) => {
            "extended key usage does not allow this use (serverAuth/clientAuth)".into()
        }
        E::CaUsedAsEndEntity => "the leaf is a CA certificate".into(),
        E::EndEntityUsedAsCa => "an end-entity certificate is used as an issuer".into(),
        E::PathLenConstraintViolated => "a CA's path length constraint is violated".into(),
        E::NameConstraintViolation => "a CA's name constraints exclude this certificate".into(),
        other => format!("chain rejected: {other}"),
    })
}
