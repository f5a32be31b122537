//! Turning stored bytes into certificates and private keys: PEM with any number of blocks
//! (through `rustls_pki_types::pem::PemObject`), bare DER certificates, and recognising what
//! cannot be read (PKCS#12, encrypted keys) so it is reported instead of skipped in silence.
//! Private key bytes are kept only as long as the key match needs them and never printed.

use rustls_pki_types::pem::{self, PemObject, SectionKind};

/// A private key as stored.
#[derive(Clone, PartialEq, Eq)]
pub enum PrivateKey {
    /// `RSA PRIVATE KEY` (PKCS#1).
    Pkcs1(Vec<u8>),
    /// `PRIVATE KEY` (PKCS#8).
    Pkcs8(Vec<u8>),
    /// `EC PRIVATE KEY` (SEC1).
    Sec1(Vec<u8>),
    /// `ENCRYPTED PRIVATE KEY`: cannot be compared without the passphrase.
    Encrypted,
}

impl std::fmt::Debug for PrivateKey {
    // Never print key material, not even in debug output.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            Self::Pkcs1(_) => "Pkcs1",
            Self::Pkcs8(_) => "Pkcs8",
            Self::Sec1(_) => "Sec1",
            Self::Encrypted => "Encrypted",
        };
        write!(f, "PrivateKey::{kind}(<redacted>)")
    }
}

/// What one stored value holds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// DER certificates in the order they appear.
    pub certs: Vec<Vec<u8>>,
    /// Private keys.
    pub keys: Vec<PrivateKey>,
    /// Why (part of) the value could not be read.
    pub problems: Vec<String>,
}

impl Decoded {
    /// Whether the value held nothing of interest.
    pub fn is_empty(&self) -> bool {
        self.certs.is_empty() && self.keys.is_empty() && self.problems.is_empty()
    }
}

const PEM_MARKER: &[u8] = b"-----BEGIN ";

/// Key names that promise certificate material even when the bytes are not PEM.
fn named_like_certificate(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    [".crt", ".pem", ".cer", ".der", ".p12", ".pfx", "cabundle"]
        .iter()
        .any(|s| key.ends_with(s))
}

/// Decodes the value stored under `key`. Values that are neither PEM nor named like a
/// certificate decode to nothing (an Opaque Secret's password is not a finding).
pub fn decode(key: &str, bytes: &[u8]) -> Decoded {
    if contains(bytes, PEM_MARKER) {
        return decode_pem(bytes);
    }
    let mut out = Decoded::default();
    if bytes.first() == Some(&0x30) {
        if x509_parser::parse_x509_certificate(bytes).is_ok() {
            out.certs.push(bytes.to_vec());
            return out;
        }
        if looks_like_pkcs12(bytes) {
            out.problems
                .push("PKCS#12 keystore: not decoded (export it as PEM to have it checked)".into());
            return out;
        }
    }
    if named_like_certificate(key) && !bytes.is_empty() {
        out.problems
            .push("neither PEM nor a DER certificate".to_string());
    }
    out
}

fn decode_pem(bytes: &[u8]) -> Decoded {
    let mut out = Decoded::default();
    for item in <(SectionKind, Vec<u8>)>::pem_slice_iter(bytes) {
        match item {
            Ok((SectionKind::Certificate, der)) if der.is_empty() => out.problems.push(format!(
                "certificate #{}: empty PEM block (nothing between BEGIN and END)",
                out.certs.len() + 1
            )),
            Ok((SectionKind::Certificate, der)) => match x509_parser::parse_x509_certificate(&der) {
                Ok(_) => out.certs.push(der),
                Err(x509_parser::nom::Err::Incomplete(_)) => out.problems.push(format!(
                    "certificate #{}: truncated DER (the PEM block ends inside the certificate)",
                    out.certs.len() + 1
                )),
                Err(e) => out.problems.push(format!(
                    "certificate #{}: not a valid X.509 certificate ({e})",
                    out.certs.len() + 1
                )),
            },
            Ok((SectionKind::PrivateKey, der)) => out.keys.push(PrivateKey::Pkcs8(der)),
            Ok((SectionKind::RsaPrivateKey, der)) => out.keys.push(PrivateKey::Pkcs1(der)),
            Ok((SectionKind::EcPrivateKey, der)) => out.keys.push(PrivateKey::Sec1(der)),
            Ok(_) => {}
            Err(e) => {
                out.problems.push(pem_error(&e));
                break;
            }
        }
    }
    if contains(bytes, b"-----BEGIN ENCRYPTED PRIVATE KEY-----") {
        out.keys.push(PrivateKey::Encrypted);
    }
    if out.certs.is_empty()
        && out.keys.is_empty()
        && out.problems.is_empty()
        && contains(bytes, b"-----BEGIN CERTIFICATE")
    {
        out.problems
            .push("PEM certificate block could not be read".to_string());
    }
    out
}

fn pem_error(e: &pem::Error) -> String {
    // Never echo the section contents: they may be a key.
    match e {
        pem::Error::MissingSectionEnd { .. } => "PEM block without its END line".to_string(),
        pem::Error::IllegalSectionStart { .. } => "malformed PEM BEGIN line".to_string(),
        pem::Error::Base64Decode(_) => "PEM block is not valid base64".to_string(),
        _ => "malformed PEM".to_string(),
    }
}

/// PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, ... }
fn looks_like_pkcs12(bytes: &[u8]) -> bool {
    let Some((content, _)) = crate::der::element(bytes, 0x30) else {
        return false;
    };
    matches!(crate::der::element(content, 0x02), Some((version, _)) if version == [3])
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_pem_block_is_named_as_such() {
        let d = decode(
            "tls.crt",
            b"-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
        );
        assert!(d.certs.is_empty());
        assert_eq!(
            d.problems,
            vec!["certificate #1: empty PEM block (nothing between BEGIN and END)".to_string()]
        );
    }

    fn pem_of(cert: &rcgen::CertifiedKey<rcgen::KeyPair>) -> String {
        format!("{}{}", cert.cert.pem(), cert.signing_key.serialize_pem())
    }

    #[test]
    fn every_block_of_a_bundle_is_read() {
        let a = rcgen::generate_simple_self_signed(vec!["a.example".into()]).expect("cert");
        let b = rcgen::generate_simple_self_signed(vec!["b.example".into()]).expect("cert");
        let bundle = format!("{}junk between\n{}", pem_of(&a), b.cert.pem());
        let d = decode("tls.crt", bundle.as_bytes());
        assert_eq!(d.certs.len(), 2);
        assert_eq!(d.keys.len(), 1);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(format!("{:?}", d.keys[0]), "PrivateKey::Pkcs8(<redacted>)");
    }

    #[test]
    fn der_and_garbage() {
        let a = rcgen::generate_simple_self_signed(vec!["a.example".into()]).expect("cert");
        assert_eq!(decode("ca.der", a.cert.der()).certs.len(), 1);
        assert!(decode("password", b"hunter2").is_empty());
        assert_eq!(decode("ca.crt", b"hunter2").problems.len(), 1);
        let broken = "-----BEGIN CERTIFICATE-----\nnot base64!!\n-----END CERTIFICATE-----\n";
        assert_eq!(decode("tls.crt", broken.as_bytes()).problems.len(), 1);
        let truncated = "-----BEGIN CERTIFICATE-----\nMIIB\n";
        assert_eq!(decode("tls.crt", truncated.as_bytes()).problems.len(), 1);
    }
}
