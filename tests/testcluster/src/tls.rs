//! Real TLS servers on loopback (rustls) for tests and the benchmark: one server per
//! certificate chain, completing handshakes and closing; and a farm of many of them whose
//! endpoints are written to a file.

use anyhow::{Context, Result};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use tokio::io::AsyncWriteExt;

fn acceptor(chain_pem: &str, key_pem: &str) -> Result<tokio_rustls::TlsAcceptor> {
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(chain_pem.as_bytes()).collect::<Result<_, _>>()?;
    let key = PrivateKeyDer::from_pem_slice(key_pem.as_bytes())?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(certs, key)?;
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
}

async fn serve_on(listener: tokio::net::TcpListener, acceptor: tokio_rustls::TlsAcceptor) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            continue;
        };
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            if let Ok(mut tls) = acceptor.accept(tcp).await {
                let _ = tls.shutdown().await;
            }
        });
    }
}

/// Starts a server on 127.0.0.1 presenting `chain_pem` (leaf first) with `key_pem`; it runs
/// until the runtime ends.
pub async fn server(chain_pem: &str, key_pem: &str) -> Result<SocketAddr> {
    let acceptor = acceptor(chain_pem, key_pem)?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(serve_on(listener, acceptor));
    Ok(addr)
}

/// An HTTPS server on 127.0.0.1 presenting `chain_pem` with `key_pem`, answering every
/// request with `200 OK` and `body` (JSON) and recording each request's head (request line
/// and headers) in the returned list. Returns its address and a fresh CA-signed chain's
/// CA, for clients that verify.
pub async fn https_json(
    body: &'static str,
) -> Result<(
    SocketAddr,
    String,
    std::sync::Arc<std::sync::Mutex<Vec<String>>>,
)> {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    use tokio::io::AsyncReadExt;
    let ca_key = KeyPair::generate()?;
    let mut ca = CertificateParams::new(Vec::<String>::new())?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca.self_signed(&ca_key)?;
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate()?;
    let leaf = CertificateParams::new(vec!["localhost".to_string()])?.signed_by(&key, &issuer)?;
    let acceptor = acceptor(&leaf.pem(), &key.serialize_pem())?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                continue;
            };
            let (acceptor, log) = (acceptor.clone(), log.clone());
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut buf = vec![0u8; 8192];
                let n = tls.read(&mut buf).await.unwrap_or(0);
                if let Ok(mut l) = log.lock() {
                    l.push(String::from_utf8_lossy(&buf[..n]).into_owned());
                }
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    Ok((addr, ca_cert.pem(), seen))
}

/// Starts `count` servers presenting one certificate for `farm.example` issued by a fresh CA;
/// writes `endpoints.txt` (`farm.example@127.0.0.1:PORT` per line) and `ca.pem` into `dir`,
/// then serves until the process is killed.
pub async fn farm(count: usize, dir: &Path) -> Result<()> {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate()?;
    let mut ca = CertificateParams::new(Vec::<String>::new())?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca.self_signed(&ca_key)?;
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate()?;
    let leaf =
        CertificateParams::new(vec!["farm.example".to_string()])?.signed_by(&key, &issuer)?;
    let acceptor = acceptor(&leaf.pem(), &key.serialize_pem())?;
    let mut lines = String::new();
    for _ in 0..count {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        lines.push_str(&format!("farm.example@{}\n", listener.local_addr()?));
        tokio::spawn(serve_on(listener, acceptor.clone()));
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("ca.pem"), ca_cert.pem())?;
    let list = dir.join("endpoints.txt");
    std::fs::write(&list, lines).with_context(|| format!("write {}", list.display()))?;
    std::future::pending::<()>().await;
    Ok(())
}
