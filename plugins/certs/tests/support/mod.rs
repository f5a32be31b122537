//! Test support for `kubectl certs`: certificates made in the test (rcgen, and openssl for
//! the weak ones rcgen refuses to make), real rustls TLS servers on loopback, and a real
//! HTTP receiver for webhooks that can fail on purpose.
#![allow(dead_code, clippy::unwrap_used)]

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use time::{Duration, OffsetDateTime};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A certificate and its key, PEM.
#[derive(Clone)]
pub struct Pem {
    pub cert: String,
    pub key: String,
}

/// A CA that can sign.
pub struct Authority {
    pub pem: Pem,
    issuer: Issuer<'static, KeyPair>,
}

fn params(cn: &str, sans: &[&str], from_days: i64, to_days: i64) -> CertificateParams {
    let mut p =
        CertificateParams::new(sans.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, cn);
    dn.push(DnType::OrganizationName, "sre-toolkit tests");
    p.distinguished_name = dn;
    let now = OffsetDateTime::now_utc();
    p.not_before = now + Duration::days(from_days);
    p.not_after = now + Duration::days(to_days);
    p
}

fn ca_params(cn: &str, from_days: i64, to_days: i64) -> CertificateParams {
    let mut p = params(cn, &[], from_days, to_days);
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    p
}

/// A self-signed root valid from `from_days` to `to_days` relative to now.
pub fn root(cn: &str, from_days: i64, to_days: i64) -> Authority {
    let key = KeyPair::generate().unwrap();
    let p = ca_params(cn, from_days, to_days);
    let cert = p.self_signed(&key).unwrap();
    let pem = Pem {
        cert: cert.pem(),
        key: key.serialize_pem(),
    };
    Authority {
        pem,
        issuer: Issuer::new(p, key),
    }
}

impl Authority {
    /// An intermediate CA signed by this one.
    pub fn intermediate(&self, cn: &str, from_days: i64, to_days: i64) -> Authority {
        let key = KeyPair::generate().unwrap();
        let p = ca_params(cn, from_days, to_days);
        let cert = p.signed_by(&key, &self.issuer).unwrap();
        let pem = Pem {
            cert: cert.pem(),
            key: key.serialize_pem(),
        };
        Authority {
            pem,
            issuer: Issuer::new(p, key),
        }
    }

    /// A server leaf for `sans` (CN = first SAN).
    pub fn leaf(&self, sans: &[&str], from_days: i64, to_days: i64) -> Pem {
        let key = KeyPair::generate().unwrap();
        let p = params(sans[0], sans, from_days, to_days);
        let cert = p.signed_by(&key, &self.issuer).unwrap();
        Pem {
            cert: cert.pem(),
            key: key.serialize_pem(),
        }
    }

    /// Writes the CA's certificate and key for openssl.
    pub fn write(&self, dir: &Path, name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
        let (c, k) = (
            dir.join(format!("{name}.crt")),
            dir.join(format!("{name}.key")),
        );
        std::fs::write(&c, &self.pem.cert).unwrap();
        std::fs::write(&k, &self.pem.key).unwrap();
        (c, k)
    }
}

/// A self-signed end-entity certificate (not a CA).
pub fn self_signed(sans: &[&str], from_days: i64, to_days: i64) -> Pem {
    let key = KeyPair::generate().unwrap();
    let cert = params(sans[0], sans, from_days, to_days)
        .self_signed(&key)
        .unwrap();
    Pem {
        cert: cert.pem(),
        key: key.serialize_pem(),
    }
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs (Debian package openssl)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A leaf signed by `ca` with openssl: `key_args` for `openssl genpkey`/`genrsa`, `digest` e.g. `-sha1`.
/// Returns PEM (the key as openssl writes it: PKCS#1 for `genrsa -traditional`).
pub fn openssl_leaf(dir: &Path, ca: &Authority, name: &str, key_cmd: &[&str], digest: &str) -> Pem {
    let (ca_crt, ca_key) = ca.write(dir, &format!("{name}-ca"));
    let key = format!("{name}.key");
    // `-out` right after the subcommand: genrsa wants the bit count last.
    let mut k: Vec<&str> = vec![key_cmd[0], "-out", &key];
    k.extend_from_slice(&key_cmd[1..]);
    openssl(dir, &k);
    let csr = format!("{name}.csr");
    let crt = format!("{name}.crt");
    let subj = format!("/CN={name}.example");
    openssl(
        dir,
        &["req", "-new", "-key", &key, "-subj", &subj, "-out", &csr],
    );
    let ext = format!("{name}.ext");
    std::fs::write(
        dir.join(&ext),
        format!("subjectAltName=DNS:{name}.example\nbasicConstraints=CA:FALSE\n"),
    )
    .unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            ca_crt.to_str().unwrap(),
            "-CAkey",
            ca_key.to_str().unwrap(),
            "-CAcreateserial",
            "-days",
            "90",
            digest,
            "-extfile",
            &ext,
            "-out",
            &crt,
        ],
    );
    Pem {
        cert: std::fs::read_to_string(dir.join(crt)).unwrap(),
        key: std::fs::read_to_string(dir.join(key)).unwrap(),
    }
}

/// A PKCS#12 keystore of `pem` (no passphrase), as bytes.
pub fn pkcs12(dir: &Path, pem: &Pem) -> Vec<u8> {
    std::fs::write(dir.join("p12.crt"), &pem.cert).unwrap();
    std::fs::write(dir.join("p12.key"), &pem.key).unwrap();
    openssl(
        dir,
        &[
            "pkcs12",
            "-export",
            "-in",
            "p12.crt",
            "-inkey",
            "p12.key",
            "-passout",
            "pass:",
            "-out",
            "store.p12",
        ],
    );
    std::fs::read(dir.join("store.p12")).unwrap()
}

/// A real rustls TLS server on 127.0.0.1 presenting `chain_pem` (leaf first).
pub async fn tls_server(chain_pem: &str, key_pem: &str) -> SocketAddr {
    testcluster::tls::server(chain_pem, key_pem).await.unwrap()
}

/// A loopback port with nothing listening.
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A real HTTP/1.1 receiver: answers the n-th request with `statuses[n]` (200 after the
/// list runs out) and records every request body.
pub struct Receiver {
    pub addr: SocketAddr,
    pub bodies: Arc<Mutex<Vec<String>>>,
}

pub async fn receiver(statuses: Vec<u16>) -> Receiver {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let seen = bodies.clone();
    tokio::spawn(async move {
        let mut n = 0usize;
        loop {
            let Ok((mut s, _)) = listener.accept().await else {
                continue;
            };
            let mut buf = Vec::new();
            let mut chunk = [0u8; 8192];
            let body = loop {
                let Ok(read) = s.read(&mut chunk).await else {
                    break None;
                };
                if read == 0 {
                    break None;
                }
                buf.extend_from_slice(&chunk[..read]);
                let text = String::from_utf8_lossy(&buf).to_string();
                if let Some(end) = text.find("\r\n\r\n") {
                    let len = text[..end]
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                        })
                        .unwrap_or(0);
                    if buf.len() >= end + 4 + len {
                        break Some(
                            String::from_utf8_lossy(&buf[end + 4..end + 4 + len]).to_string(),
                        );
                    }
                }
            };
            let Some(body) = body else { continue };
            seen.lock().unwrap().push(body);
            let status = statuses.get(n).copied().unwrap_or(200);
            n += 1;
            let resp =
                format!("HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            let _ = s.write_all(resp.as_bytes()).await;
            let _ = s.shutdown().await;
        }
    });
    Receiver { addr, bodies }
}
