//! Does a private key belong to a certificate? The public half is read out of the stored
//! key (PKCS#1 modulus, SEC1 public point, Ed25519 seed) and compared with the
//! certificate's subjectPublicKey. Works for any key size, including the weak ones ring
//! refuses to load.

use crate::cert::{CertInfo, strip_zeros};
use crate::decode::PrivateKey;
use crate::der::{self, tag};

/// The verdict of comparing a key with a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMatch {
    /// The key's public half is the certificate's.
    Matches,
    /// It is not.
    Mismatch,
    /// Cannot tell (encrypted, unsupported or malformed key).
    Unknown,
}

enum Public {
    RsaModulus(Vec<u8>),
    Point(Vec<u8>),
}

/// Compares `key` with `cert`.
pub fn compare(key: &PrivateKey, cert: &CertInfo) -> KeyMatch {
    let public = match key {
        PrivateKey::Pkcs1(der) => rsa_modulus(der),
        PrivateKey::Sec1(der) => sec1_point(der),
        PrivateKey::Pkcs8(der) => pkcs8_public(der),
        PrivateKey::Encrypted => None,
    };
    match public {
        Some(Public::RsaModulus(n)) if !cert.rsa_modulus.is_empty() => {
            verdict(strip_zeros(&n) == cert.rsa_modulus.as_slice())
        }
        Some(Public::Point(p)) => verdict(p == cert.public_key),
        // An RSA key against a non-RSA certificate.
        Some(Public::RsaModulus(_)) => KeyMatch::Mismatch,
        None => KeyMatch::Unknown,
    }
}

fn verdict(same: bool) -> KeyMatch {
    if same {
        KeyMatch::Matches
    } else {
        KeyMatch::Mismatch
    }
}

/// RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, ... }
fn rsa_modulus(der: &[u8]) -> Option<Public> {
    let (seq, _) = der::element(der, tag::SEQUENCE)?;
    let (_, rest) = der::element(seq, tag::INTEGER)?;
    let (n, _) = der::element(rest, tag::INTEGER)?;
    Some(Public::RsaModulus(n.to_vec()))
}

/// ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] params OPTIONAL,
/// [1] publicKey BIT STRING OPTIONAL }
fn sec1_point(der: &[u8]) -> Option<Public> {
    let (seq, _) = der::element(der, tag::SEQUENCE)?;
    let mut rest = der::skip(seq)?; // version
    rest = der::skip(rest)?; // privateKey
    while !rest.is_empty() {
        if let Some((explicit, _)) = der::element(rest, tag::CONTEXT_1) {
            let (bits, _) = der::element(explicit, tag::BIT_STRING)?;
            // The first byte of a BIT STRING counts the unused bits.
            return Some(Public::Point(bits.get(1..)?.to_vec()));
        }
        rest = der::skip(rest)?;
    }
    None
}

const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_ED25519: &[u8] = &[0x2b, 0x65, 0x70];

/// PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, privateKey OCTET STRING, ... }
fn pkcs8_public(der: &[u8]) -> Option<Public> {
    let (seq, _) = der::element(der, tag::SEQUENCE)?;
    let rest = der::skip(seq)?; // version
    let (alg, rest) = der::element(rest, tag::SEQUENCE)?;
    let (oid, _) = der::element(alg, tag::OID)?;
    let (private, _) = der::element(rest, tag::OCTET_STRING)?;
    match oid {
        OID_RSA => rsa_modulus(private),
        OID_EC => sec1_point(private),
        OID_ED25519 => {
            let (seed, _) = der::element(private, tag::OCTET_STRING)?;
            let pair = ring::signature::Ed25519KeyPair::from_seed_unchecked(seed).ok()?;
            use ring::signature::KeyPair;
            Some(Public::Point(pair.public_key().as_ref().to_vec()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(alg: &'static rcgen::SignatureAlgorithm) -> (CertInfo, PrivateKey) {
        let key = rcgen::KeyPair::generate_for(alg).expect("key");
        let cert = rcgen::CertificateParams::new(vec!["k.example".to_string()])
            .expect("params")
            .self_signed(&key)
            .expect("cert");
        (
            CertInfo::parse(cert.der()).expect("parse"),
            PrivateKey::Pkcs8(key.serialize_der()),
        )
    }

    #[test]
    fn each_key_type_matches_its_own_certificate_only() {
        for alg in [
            &rcgen::PKCS_ECDSA_P256_SHA256,
            &rcgen::PKCS_ECDSA_P384_SHA384,
            &rcgen::PKCS_ED25519,
        ] {
            let (cert_a, key_a) = pair(alg);
            let (cert_b, _) = pair(alg);
            assert_eq!(compare(&key_a, &cert_a), KeyMatch::Matches, "{alg:?}");
            assert_eq!(compare(&key_a, &cert_b), KeyMatch::Mismatch, "{alg:?}");
        }
        let (cert, _) = pair(&rcgen::PKCS_ECDSA_P256_SHA256);
        assert_eq!(compare(&PrivateKey::Encrypted, &cert), KeyMatch::Unknown);
        assert_eq!(
            compare(&PrivateKey::Pkcs8(vec![0x30, 0x01]), &cert),
            KeyMatch::Unknown
        );
    }
}
