//! Live TLS endpoints: connect, handshake with SNI, and record the chain the server
//! presents even when it would not verify (expired, wrong host, self-signed), so that the
//! same checks as for stored certificates run on it. The handshake signature is still
//! verified, which proves the server holds the key of the certificate it presented.

use crate::decode::Decoded;
use crate::inventory::{Bundle, Origin, Unreachable};
use futures::StreamExt;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use shared::finding::ObjectRef;
use std::sync::Arc;
use std::time::Duration;

/// One endpoint to probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// As given: `host:port` or `sni@address:port`.
    pub label: String,
    /// Where to connect.
    pub address: String,
    /// The name sent as SNI and checked against the SANs.
    pub sni: String,
    /// The Ingress that discovered it and the Secret it should serve.
    pub via: Option<(ObjectRef, (String, String))>,
}

/// Parses `host[:port]` or `sni@address[:port]` (port 443 by default).
pub fn parse_endpoint(s: &str) -> Result<Endpoint, String> {
    let s = s.trim();
    let (sni, address) = match s.split_once('@') {
        Some((sni, addr)) => (Some(sni), addr),
        None => (None, s),
    };
    let (host, port) = split_host_port(address).ok_or_else(|| {
        format!("{s:?} is not host:port (e.g. example.com:443 or example.com@10.0.0.5:443)")
    })?;
    let sni = sni.unwrap_or(host).trim_matches(['[', ']']).to_string();
    if host.is_empty() || sni.is_empty() {
        return Err(format!("{s:?} has an empty host"));
    }
    ServerName::try_from(sni.clone())
        .map_err(|_| format!("{sni:?} is not a valid DNS name or IP address"))?;
    let address = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    Ok(Endpoint {
        label: s.to_string(),
        address,
        sni,
        via: None,
    })
}

fn split_host_port(s: &str) -> Option<(&str, u16)> {
    if let Some(rest) = s.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => p.parse().ok()?,
            None if after.is_empty() => 443,
            None => return None,
        };
        return Some((host, port));
    }
    match s.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => Some((h, p.parse().ok()?)),
        Some(_) => None,
        None => Some((s, 443)),
    }
}

/// Reads endpoints from a file: one per line, `#` comments and blank lines ignored.
pub fn parse_file(text: &str) -> Result<Vec<Endpoint>, String> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i, l.split('#').next().unwrap_or_default().trim()))
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| parse_endpoint(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Accepts any certificate (the checks judge it afterwards) but verifies the handshake
/// signature.
#[derive(Debug)]
struct Recorder {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// A TLS client that records whatever chain it is shown.
pub fn connector() -> tokio_rustls::TlsConnector {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let algorithms = provider.signature_verification_algorithms;
    let config =
        rustls::ClientConfig::builder_with_provider(provider.clone() as Arc<CryptoProvider>)
            .with_safe_default_protocol_versions()
            .map(|b| {
                b.dangerous()
                    .with_custom_certificate_verifier(Arc::new(Recorder { algorithms }))
                    .with_no_client_auth()
            });
    let config = match config {
        Ok(c) => c,
        // The ring provider always supports the default versions.
        Err(_) => rustls::ClientConfig::builder()
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Recorder { algorithms }))
            .with_no_client_auth(),
    };
    tokio_rustls::TlsConnector::from(Arc::new(config))
}

/// A failed handshake in words: a server that answers in plain text (HTTP on a TLS port)
/// makes rustls see a record of the wrong type.
fn handshake_error(e: &std::io::Error) -> String {
    let text = e.to_string();
    if text.contains("InvalidContentType") || text.contains("corrupt message") {
        return "TLS handshake: the endpoint does not speak TLS (plain HTTP or another protocol on this port?)"
            .into();
    }
    format!("TLS handshake: {text}")
}

/// The presented chain (DER, leaf first), or why there is none.
type Handshake = Result<Vec<Vec<u8>>, String>;

async fn handshake(
    connector: &tokio_rustls::TlsConnector,
    ep: &Endpoint,
) -> Result<Vec<Vec<u8>>, String> {
    let tcp = tokio::net::TcpStream::connect(&ep.address)
        .await
        .map_err(|e| format!("connect {}: {e}", ep.address))?;
    let name = ServerName::try_from(ep.sni.clone()).map_err(|e| e.to_string())?;
    let tls = connector
        .connect(name, tcp)
        .await
        .map_err(|e| handshake_error(&e))?;
    let (_, conn) = tls.get_ref();
    let chain = conn
        .peer_certificates()
        .map(|c| c.iter().map(|d| d.as_ref().to_vec()).collect::<Vec<_>>())
        .unwrap_or_default();
    if chain.is_empty() {
        return Err("the server presented no certificate".into());
    }
    Ok(chain)
}

/// What probing produced.
#[derive(Debug, Default)]
pub struct Probed {
    /// One bundle per endpoint that answered.
    pub bundles: Vec<Bundle>,
    /// Endpoints that did not.
    pub unreachable: Vec<Unreachable>,
    /// Endpoints discovered from Ingresses: (endpoint origin, Ingress, Secret).
    pub served_by: Vec<(Origin, ObjectRef, (String, String))>,
}

/// The origin of an endpoint's bundle.
pub fn origin(ep: &Endpoint) -> Origin {
    Origin::new("Endpoint", None, &ep.label, &ep.sni)
}

/// Probes every endpoint, `concurrency` at a time, each bounded by `timeout`;
/// `progress` is told each time one finishes.
pub async fn probe_all(
    endpoints: Vec<Endpoint>,
    concurrency: usize,
    timeout: Duration,
    progress: &(dyn Fn() + Sync),
) -> Probed {
    let connector = connector();
    let results: Vec<(Endpoint, Handshake)> = futures::stream::iter(endpoints)
        .map(|ep| {
            let connector = connector.clone();
            async move {
                let r = match tokio::time::timeout(timeout, handshake(&connector, &ep)).await {
                    Ok(r) => r,
                    Err(_) => Err(format!(
                        "no TLS handshake within {}",
                        shared::duration::human(timeout)
                    )),
                };
                progress();
                (ep, r)
            }
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await;
    let mut out = Probed::default();
    for (ep, r) in results {
        match r {
            Ok(chain) => {
                let o = origin(&ep);
                if let Some((ingress, secret)) = &ep.via {
                    out.served_by
                        .push((o.clone(), ingress.clone(), secret.clone()));
                }
                let mut b = Bundle::new(
                    o,
                    Decoded {
                        certs: chain,
                        ..Default::default()
                    },
                );
                b.hosts = vec![ep.sni.clone()];
                out.bundles.push(b);
            }
            Err(error) => out.unreachable.push(Unreachable {
                endpoint: ep.label.clone(),
                via: ep.via.as_ref().map(|(i, _)| i.clone()),
                error,
            }),
        }
    }
    out.bundles.sort_by(|a, b| a.origin.cmp(&b.origin));
    out.unreachable.sort_by(|a, b| a.endpoint.cmp(&b.endpoint));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_forms() {
        let e = parse_endpoint("example.com").expect("plain host");
        assert_eq!(
            (e.address.as_str(), e.sni.as_str()),
            ("example.com:443", "example.com")
        );
        let e = parse_endpoint("shop.example@127.0.0.1:8443").expect("sni@addr");
        assert_eq!(
            (e.address.as_str(), e.sni.as_str()),
            ("127.0.0.1:8443", "shop.example")
        );
        let e = parse_endpoint("[::1]:8443").expect("ipv6");
        assert_eq!((e.address.as_str(), e.sni.as_str()), ("[::1]:8443", "::1"));
        assert!(parse_endpoint("example.com:http").is_err());
        assert!(parse_endpoint(":443").is_err());
        assert!(parse_endpoint("bad name!:443").is_err());
        let f = parse_file("# list\na.example:443\n\n b.example # comment\n").expect("file");
        assert_eq!(f.len(), 2);
        assert!(
            parse_file("ok.example\nnot:a:port\n")
                .expect_err("bad")
                .starts_with("line 2")
        );
    }
}
