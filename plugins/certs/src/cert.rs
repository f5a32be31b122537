//! What one certificate is, read once with x509-parser into plain fields: names, validity,
//! key, signature, CA flag and fingerprint. Everything else works on [`CertInfo`], never
//! on DER.

use serde::Serialize;
use x509_parser::prelude::*;

/// The fields of one certificate that the checks and the report use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertInfo {
    /// Subject DN as OpenSSL prints it (`CN=web, O=shop`).
    pub subject: String,
    /// The subject's first common name, or the DN when there is none.
    pub common_name: String,
    /// Issuer DN.
    pub issuer: String,
    /// Serial number, hex with colons.
    pub serial: String,
    /// DNS names, IP addresses, e-mail addresses and URIs from subjectAltName.
    pub sans: Vec<String>,
    /// notBefore, Unix seconds.
    pub not_before: i64,
    /// notAfter, Unix seconds.
    pub not_after: i64,
    /// Key algorithm: `RSA`, `EC`, `Ed25519`, `DSA` or the OID.
    pub key_algorithm: String,
    /// Key size in bits (RSA modulus, EC field).
    pub key_bits: usize,
    /// The named curve for EC keys (`P-256`, `P-384`, `P-521`, or the OID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve: Option<String>,
    /// Signature algorithm name (`sha256WithRSAEncryption`, `ecdsa-with-SHA256`...).
    pub signature_algorithm: String,
    /// basicConstraints CA.
    pub is_ca: bool,
    /// Issuer and subject are the same name.
    pub self_issued: bool,
    /// Extended key usages present (`serverAuth`, `clientAuth`); empty when the extension is absent.
    pub extended_key_usage: Vec<String>,
    /// SHA-256 of the DER, hex.
    pub sha256: String,
    /// Subject attributes by short name (`CN`, `O`, `OU`, `C`, `ST`, `L`), for metric labels.
    #[serde(skip)]
    pub subject_attrs: Vec<(&'static str, String)>,
    /// Issuer attributes by short name.
    #[serde(skip)]
    pub issuer_attrs: Vec<(&'static str, String)>,
    /// The raw subject and issuer names, for issuer matching.
    #[serde(skip)]
    pub raw_subject: Vec<u8>,
    /// Raw issuer name.
    #[serde(skip)]
    pub raw_issuer: Vec<u8>,
    /// The subjectPublicKey bits, for key matching.
    #[serde(skip)]
    pub public_key: Vec<u8>,
    /// RSA modulus without leading zeros (empty for other keys).
    #[serde(skip)]
    pub rsa_modulus: Vec<u8>,
}

/// Signature algorithms that are broken for certificate signatures.
const WEAK_SIGNATURES: &[(&str, &str)] = &[
    ("1.2.840.113549.1.1.2", "md2WithRSAEncryption"),
    ("1.2.840.113549.1.1.4", "md5WithRSAEncryption"),
    ("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
    ("1.3.14.3.2.29", "sha1WithRSAEncryption"),
    ("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
    ("1.2.840.10040.4.3", "dsa-with-sha1"),
];

const SIGNATURE_NAMES: &[(&str, &str)] = &[
    ("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
    ("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
    ("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
    ("1.2.840.113549.1.1.10", "rsassa-pss"),
    ("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
    ("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
    ("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
    ("1.3.101.112", "Ed25519"),
    ("1.3.101.113", "Ed448"),
];

const CURVES: &[(&str, &str)] = &[
    ("1.2.840.10045.3.1.7", "P-256"),
    ("1.3.132.0.34", "P-384"),
    ("1.3.132.0.35", "P-521"),
    ("1.3.132.0.10", "secp256k1"),
    ("1.2.840.10045.3.1.1", "P-192"),
    ("1.3.132.0.33", "P-224"),
];

fn lookup(table: &[(&str, &'static str)], oid: &str) -> Option<&'static str> {
    table.iter().find(|(o, _)| *o == oid).map(|(_, n)| *n)
}

impl CertInfo {
    /// Parses one DER certificate.
    pub fn parse(der: &[u8]) -> Result<Self, String> {
        let (_, cert) = X509Certificate::from_der(der).map_err(|e| e.to_string())?;
        let tbs = &cert.tbs_certificate;
        let subject = cert.subject().to_string();
        let common_name = cert
            .subject()
            .iter_common_name()
            .next()
            .and_then(|cn| cn.as_str().ok())
            .map(str::to_string)
            .unwrap_or_else(|| subject.clone());
        let sans = match cert.subject_alternative_name() {
            Ok(Some(ext)) => ext.value.general_names.iter().filter_map(san).collect(),
            _ => Vec::new(),
        };
        let spki = cert.public_key();
        let alg_oid = spki.algorithm.algorithm.to_id_string();
        let (key_algorithm, curve) = match alg_oid.as_str() {
            "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => ("RSA".to_string(), None),
            "1.2.840.10045.2.1" => {
                let curve = spki
                    .algorithm
                    .parameters
                    .as_ref()
                    .and_then(|p| p.as_oid().ok())
                    .map(|o| {
                        let id = o.to_id_string();
                        lookup(CURVES, &id).map(str::to_string).unwrap_or(id)
                    });
                ("EC".to_string(), curve)
            }
            "1.3.101.112" => ("Ed25519".to_string(), None),
            "1.3.101.113" => ("Ed448".to_string(), None),
            "1.2.840.10040.4.1" => ("DSA".to_string(), None),
            other => (other.to_string(), None),
        };
        let parsed = spki.parsed().ok();
        let key_bits = match (&parsed, key_algorithm.as_str()) {
            (_, "Ed25519") => 256,
            (_, "Ed448") => 456,
            (Some(k), _) => k.key_size(),
            (None, _) => 0,
        };
        let rsa_modulus = match &parsed {
            Some(x509_parser::public_key::PublicKey::RSA(r)) => strip_zeros(r.modulus).to_vec(),
            _ => Vec::new(),
        };
        let sig_oid = cert.signature_algorithm.algorithm.to_id_string();
        let signature_algorithm = lookup(WEAK_SIGNATURES, &sig_oid)
            .or_else(|| lookup(SIGNATURE_NAMES, &sig_oid))
            .map(str::to_string)
            .unwrap_or(sig_oid);
        let extended_key_usage = match cert.extended_key_usage() {
            Ok(Some(ext)) => {
                let mut v = Vec::new();
                if ext.value.server_auth {
                    v.push("serverAuth".to_string());
                }
                if ext.value.client_auth {
                    v.push("clientAuth".to_string());
                }
                if ext.value.any {
                    v.push("any".to_string());
                }
                v
            }
            _ => Vec::new(),
        };
        Ok(Self {
            common_name,
            issuer: cert.issuer().to_string(),
            serial: cert.raw_serial_as_string(),
            sans,
            not_before: cert.validity().not_before.timestamp(),
            not_after: cert.validity().not_after.timestamp(),
            key_algorithm,
            key_bits,
            curve,
            signature_algorithm,
            is_ca: cert.is_ca(),
            self_issued: tbs.subject.as_raw() == tbs.issuer.as_raw(),
            extended_key_usage,
            sha256: hex(ring::digest::digest(&ring::digest::SHA256, der).as_ref()),
            subject_attrs: attrs(cert.subject()),
            issuer_attrs: attrs(cert.issuer()),
            raw_subject: tbs.subject.as_raw().to_vec(),
            raw_issuer: tbs.issuer.as_raw().to_vec(),
            public_key: spki.subject_public_key.data.to_vec(),
            rsa_modulus,
            subject,
        })
    }

    /// Whether the signature algorithm is MD2, MD5 or SHA-1.
    pub fn weak_signature(&self) -> bool {
        WEAK_SIGNATURES
            .iter()
            .any(|(_, n)| *n == self.signature_algorithm)
    }

    /// Why the key is weak, if it is: RSA or DSA under 2048 bits, curves other than P-256/384/521.
    pub fn weak_key(&self) -> Option<String> {
        match self.key_algorithm.as_str() {
            "RSA" | "DSA" if self.key_bits < 2048 => Some(format!(
                "{} {}-bit key (minimum 2048)",
                self.key_algorithm, self.key_bits
            )),
            "EC" => match self.curve.as_deref() {
                Some("P-256" | "P-384" | "P-521") => None,
                other => Some(format!(
                    "EC key on curve {} (use P-256 or P-384)",
                    other.unwrap_or("unknown")
                )),
            },
            _ => None,
        }
    }

    /// `RSA 2048`, `EC P-256`, `Ed25519`.
    pub fn key_label(&self) -> String {
        match (&self.curve, self.key_algorithm.as_str()) {
            (Some(c), _) => format!("{} {c}", self.key_algorithm),
            (None, "RSA" | "DSA") => format!("{} {}", self.key_algorithm, self.key_bits),
            (None, _) => self.key_algorithm.clone(),
        }
    }

    /// Whether this is a self-signed end-entity certificate (issuer = subject, not a CA).
    pub fn self_signed_leaf(&self) -> bool {
        self.self_issued && !self.is_ca
    }

    /// Whether the certificate may be used for TLS servers (no EKU, or serverAuth/any).
    pub fn for_servers(&self) -> bool {
        self.extended_key_usage.is_empty()
            || self
                .extended_key_usage
                .iter()
                .any(|u| u == "serverAuth" || u == "any")
    }
}

const ATTRS: &[(&str, &str)] = &[
    ("2.5.4.6", "C"),
    ("2.5.4.8", "ST"),
    ("2.5.4.7", "L"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.3", "CN"),
];

fn attrs(name: &X509Name<'_>) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for a in name.iter_attributes() {
        let Some(short) = lookup(ATTRS, &a.attr_type().to_id_string()) else {
            continue;
        };
        let Ok(v) = a.as_str() else { continue };
        // Several values of one attribute (two OUs) are joined, as XE does.
        match out.iter_mut().find(|(k, _)| *k == short) {
            Some((_, existing)) => {
                existing.push(',');
                existing.push_str(v);
            }
            None => out.push((short, v.to_string())),
        }
    }
    out
}

fn san(name: &GeneralName<'_>) -> Option<String> {
    match name {
        GeneralName::DNSName(d) => Some((*d).to_string()),
        GeneralName::RFC822Name(m) => Some(format!("email:{m}")),
        GeneralName::URI(u) => Some(format!("uri:{u}")),
        GeneralName::IPAddress(ip) => match ip.len() {
            4 => <[u8; 4]>::try_from(*ip)
                .ok()
                .map(|a| std::net::Ipv4Addr::from(a).to_string()),
            16 => <[u8; 16]>::try_from(*ip)
                .ok()
                .map(|a| std::net::Ipv6Addr::from(a).to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// Drops leading zero bytes of a big-endian integer.
pub fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    &bytes[first..]
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether DNS `name` is covered by the certificate's SANs (with one-label wildcards, as
/// TLS clients match; RFC 6125). Wildcard `host` (a Gateway listener `*.shop.example`)
/// needs a wildcard SAN.
pub fn covers(sans: &[String], host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    sans.iter().any(|san| {
        let san = san.trim_end_matches('.').to_ascii_lowercase();
        if san == host {
            return true;
        }
        match (san.strip_prefix("*."), host.split_once('.')) {
            (Some(suffix), Some((label, rest))) => {
                !label.is_empty() && label != "*" && rest == suffix
            }
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_cover_one_label() {
        let sans = vec!["*.shop.example".to_string(), "shop.example".to_string()];
        assert!(covers(&sans, "www.shop.example"));
        assert!(covers(&sans, "SHOP.example."));
        assert!(!covers(&sans, "a.b.shop.example"));
        assert!(!covers(&sans, "other.example"));
        assert!(covers(&["*.shop.example".to_string()], "*.shop.example"));
        assert!(!covers(&["www.shop.example".to_string()], "*.shop.example"));
    }

    #[test]
    fn zeros_are_stripped() {
        assert_eq!(strip_zeros(&[0, 0, 1, 0]), &[1, 0]);
        assert_eq!(strip_zeros(&[0]), &[] as &[u8]);
    }
}
