//! An HTTP client for Prometheus-compatible APIs (Prometheus, Thanos, Mimir, VictoriaMetrics)
//! and Alertmanager, for chaos probes and the alerts and slo plugins: `http(s)://` URLs with
//! rustls (system roots plus a custom CA, or no verification when asked), bearer token or
//! basic auth; or `svc/NAME:PORT` in a namespace, reached through the API server's service
//! proxy with the kubeconfig's credentials, so nothing is port-forwarded. Errors keep the
//! suite's exit codes: a bad address is a usage error (2), no answer is unreachable (5), an
//! answer of 401/403 is an API error (4).

use crate::error::Error;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use rustls_pki_types::pem::PemObject;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where the API is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// A base URL (`https://prometheus.example:9090/prefix`).
    Url(http::Uri),
    /// A Service, through the API server's proxy.
    Service {
        /// Namespace.
        namespace: String,
        /// Service name.
        name: String,
        /// Port number or name.
        port: String,
        /// `http` or `https` between the API server and the Service.
        scheme: &'static str,
    },
}

impl Endpoint {
    /// Parses `http(s)://HOST[:PORT][/PATH]` or `svc/NAME:PORT` (in `namespace`;
    /// `svc/NAME:https:PORT` for a TLS Service).
    pub fn parse(text: &str, namespace: &str) -> Result<Self, Error> {
        let bad = |why: String| {
            Error::usage(
                format!("{text:?}: {why}"),
                "give http(s)://HOST:PORT or svc/NAME:PORT (e.g. svc/prometheus-operated:9090)",
            )
        };
        if let Some(rest) = text.strip_prefix("svc/") {
            let parts: Vec<&str> = rest.split(':').collect();
            let (name, scheme, port) = match parts.as_slice() {
                [name, port] => (*name, "http", *port),
                [name, "https", port] => (*name, "https", *port),
                _ => return Err(bad("a Service is svc/NAME:PORT".into())),
            };
            if name.is_empty() || port.is_empty() {
                return Err(bad("a Service is svc/NAME:PORT".into()));
            }
            return Ok(Self::Service {
                namespace: namespace.to_string(),
                name: name.to_string(),
                port: port.to_string(),
                scheme,
            });
        }
        let uri: http::Uri = text.parse().map_err(|e| bad(format!("not a URL: {e}")))?;
        match uri.scheme_str() {
            Some("http" | "https") if uri.host().is_some_and(|h| !h.is_empty()) => {
                Ok(Self::Url(uri))
            }
            Some("http" | "https") => Err(bad("no host".into())),
            Some(other) => Err(bad(format!("unsupported scheme {other:?}"))),
            None => Err(bad("no scheme".into())),
        }
    }

    /// As the user would recognise it in messages.
    pub fn display(&self) -> String {
        match self {
            Endpoint::Url(u) => u.to_string(),
            Endpoint::Service {
                namespace,
                name,
                port,
                ..
            } => format!("svc/{name}:{port} in namespace {namespace}"),
        }
    }
}

/// How to authenticate and verify.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `Authorization: Bearer …`.
    pub bearer_token: Option<String>,
    /// Basic auth (user, password).
    pub basic_auth: Option<(String, String)>,
    /// Extra trust anchors (PEM) for https.
    pub ca_pem: Option<Vec<u8>>,
    /// Do not verify the server's certificate (loudly insecure).
    pub insecure_skip_verify: bool,
    /// Per-request time limit (default 30 s).
    pub timeout: Option<Duration>,
}

/// The flags every plugin that reads Prometheus takes (alerts, slo): where it is and how to
/// authenticate.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ConnectArgs {
    /// Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or
    /// svc/NAME:PORT in -n's namespace, reached through the API server's service proxy.
    /// Commands that read a fleet take it several times as CLUSTER=URL.
    #[arg(long, env = "PROMETHEUS_URL", value_name = "[CLUSTER=]URL")]
    pub prometheus: Vec<String>,
    /// Bearer token for Prometheus.
    #[arg(
        long,
        env = "PROMETHEUS_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub prometheus_token: Option<String>,
    /// Basic auth for Prometheus, USER:PASSWORD.
    #[arg(
        long,
        env = "PROMETHEUS_BASIC_AUTH",
        value_name = "USER:PASSWORD",
        hide_env_values = true
    )]
    pub prometheus_basic_auth: Option<String>,
    /// Extra CA certificates (PEM) to verify an https Prometheus with.
    #[arg(long, value_name = "FILE")]
    pub prometheus_ca: Option<std::path::PathBuf>,
    /// Do not verify the Prometheus server's certificate (insecure).
    #[arg(long)]
    pub prometheus_insecure_skip_verify: bool,
}

/// One Prometheus of a fleet: the name its history is labelled with, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// `CLUSTER` of `CLUSTER=URL`, or the endpoint's host (or Service) when not given.
    pub name: String,
    /// Whether the user gave the name.
    pub named: bool,
    /// Where it is.
    pub endpoint: Endpoint,
}

/// Splits `CLUSTER=URL` (a name of letters, digits, `.`, `_` and `-`) from a bare URL.
pub fn split_member(text: &str) -> (Option<&str>, &str) {
    match text.split_once('=') {
        Some((name, url))
            if !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) =>
        {
            (Some(name), url)
        }
        _ => (None, text),
    }
}

impl Endpoint {
    /// A short name for it: `HOST:PORT`, or the Service's name.
    pub fn short_name(&self) -> String {
        match self {
            Endpoint::Url(u) => u
                .authority()
                .map(|a| a.to_string())
                .unwrap_or_else(|| u.to_string()),
            Endpoint::Service { name, .. } => name.clone(),
        }
    }
}

impl ConnectArgs {
    /// Whether `--prometheus` was given.
    pub fn given(&self) -> bool {
        !self.prometheus.is_empty()
    }

    fn needs(what: &str) -> Error {
        Error::usage(
            format!("{what} needs --prometheus"),
            "e.g. --prometheus http://prometheus.example:9090 or --prometheus svc/prometheus-operated:9090 -n monitoring",
        )
    }

    /// The endpoint and options of the one `--prometheus` (a `CLUSTER=` prefix is
    /// accepted and ignored); `what` names the command in errors.
    pub fn resolve(&self, namespace: &str, what: &str) -> Result<(Endpoint, Options), Error> {
        let url = match self.prometheus.as_slice() {
            [] => return Err(Self::needs(what)),
            [one] => split_member(one).1,
            _ => {
                return Err(Error::usage(
                    format!("{what} reads one Prometheus, not {}", self.prometheus.len()),
                    "give --prometheus once",
                ));
            }
        };
        Ok((Endpoint::parse(url, namespace)?, self.options()?))
    }

    /// Every `--prometheus [CLUSTER=]URL` of a fleet, names unique, and the options they
    /// share.
    pub fn resolve_fleet(
        &self,
        namespace: &str,
        what: &str,
    ) -> Result<(Vec<Member>, Options), Error> {
        if self.prometheus.is_empty() {
            return Err(Self::needs(what));
        }
        let mut members: Vec<Member> = Vec::new();
        for text in &self.prometheus {
            let (name, url) = split_member(text);
            let endpoint = Endpoint::parse(url, namespace)?;
            let member = Member {
                name: name.map_or_else(|| endpoint.short_name(), str::to_string),
                named: name.is_some(),
                endpoint,
            };
            if members.iter().any(|m| m.name == member.name) {
                return Err(Error::usage(
                    format!(
                        "--prometheus {text:?}: the name {:?} is given twice",
                        member.name
                    ),
                    "name each Prometheus of a fleet once, as CLUSTER=URL",
                ));
            }
            members.push(member);
        }
        Ok((members, self.options()?))
    }

    /// The authentication and TLS options of the flags.
    pub fn options(&self) -> Result<Options, Error> {
        let basic_auth = match &self.prometheus_basic_auth {
            Some(pair) => {
                let (u, p) = pair.split_once(':').ok_or_else(|| {
                    Error::usage(
                        "--prometheus-basic-auth is USER:PASSWORD",
                        "e.g. --prometheus-basic-auth admin:secret (or PROMETHEUS_BASIC_AUTH)",
                    )
                })?;
                Some((u.to_string(), p.to_string()))
            }
            None => None,
        };
        let ca_pem = match &self.prometheus_ca {
            Some(path) => Some(std::fs::read(path).map_err(|e| {
                Error::usage(
                    format!("cannot read --prometheus-ca {}: {e}", path.display()),
                    "give a readable PEM file",
                )
            })?),
            None => None,
        };
        Ok(Options {
            bearer_token: self.prometheus_token.clone(),
            basic_auth,
            ca_pem,
            insecure_skip_verify: self.prometheus_insecure_skip_verify,
            timeout: None,
        })
    }
}

/// One sample of a vector result.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Labels.
    pub metric: BTreeMap<String, String>,
    /// Value.
    pub value: f64,
    /// Its timestamp, Unix seconds.
    pub time: f64,
}

/// One series of a range query.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Labels.
    pub metric: BTreeMap<String, String>,
    /// (Unix seconds, value), in time order.
    pub points: Vec<(f64, f64)>,
}

/// An answer: status, body and how long it took.
#[derive(Debug, Clone)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Body text.
    pub body: String,
    /// Time to the whole body.
    pub elapsed: Duration,
}

/// A client for one endpoint.
pub struct Client {
    endpoint: Endpoint,
    options: Options,
    kube: Option<kube::Client>,
    tls: Option<tokio_rustls::TlsConnector>,
}

/// Percent-encodes a query parameter value.
pub fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The system's trust anchors, read once per process (probes build a client every interval).
fn native_roots() -> &'static [rustls_pki_types::CertificateDer<'static>] {
    static ROOTS: std::sync::OnceLock<Vec<rustls_pki_types::CertificateDer<'static>>> =
        std::sync::OnceLock::new();
    ROOTS.get_or_init(|| rustls_native_certs::load_native_certs().certs)
}

fn tls_connector(options: &Options) -> Result<tokio_rustls::TlsConnector, Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::usage(format!("TLS setup: {e}"), "this is a bug"))?;
    let config = if options.insecure_skip_verify {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoVerify(provider)))
            .with_no_client_auth()
    } else {
        let mut roots = rustls::RootCertStore::empty();
        for c in native_roots() {
            let _ = roots.add(c.clone());
        }
        if let Some(pem) = &options.ca_pem {
            let mut added = 0;
            for c in rustls_pki_types::CertificateDer::pem_slice_iter(pem).flatten() {
                if roots.add(c).is_ok() {
                    added += 1;
                }
            }
            if added == 0 {
                return Err(Error::usage(
                    "the CA file holds no certificate",
                    "give a PEM file of CA certificates",
                ));
            }
        }
        builder.with_root_certificates(roots).with_no_client_auth()
    };
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

/// The verifier of `insecure_skip_verify`: accepts any certificate, checks signatures.
#[derive(Debug)]
struct NoVerify(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _: &rustls_pki_types::CertificateDer<'_>,
        _: &[rustls_pki_types::CertificateDer<'_>],
        _: &rustls_pki_types::ServerName<'_>,
        _: &[u8],
        _: rustls_pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

impl Client {
    /// Where it reads from, as the user would recognise it.
    pub fn endpoint_display(&self) -> String {
        self.endpoint.display()
    }

    /// A client for `endpoint`; a Service endpoint needs `kube` (the cluster's client).
    pub fn new(
        endpoint: Endpoint,
        options: Options,
        kube: Option<kube::Client>,
    ) -> Result<Self, Error> {
        if matches!(endpoint, Endpoint::Service { .. }) && kube.is_none() {
            return Err(Error::usage(
                format!("{} needs a cluster", endpoint.display()),
                "drop --no-cluster, or give an http(s):// URL",
            ));
        }
        let tls = match &endpoint {
            Endpoint::Url(u) if u.scheme_str() == Some("https") => Some(tls_connector(&options)?),
            _ => None,
        };
        Ok(Self {
            endpoint,
            options,
            kube,
            tls,
        })
    }

    fn timeout(&self) -> Duration {
        self.options.timeout.unwrap_or(Duration::from_secs(30))
    }

    fn unreachable(&self, why: impl std::fmt::Display) -> Error {
        Error::Unreachable {
            message: format!("{}: {why}", self.endpoint.display()),
            hint:
                "check the address and that it answers from here (--request-timeout waits longer)"
                    .into(),
        }
    }

    /// GETs `path_and_query` (e.g. `/api/v1/query?query=up`) below the endpoint.
    pub async fn get(&self, path_and_query: &str) -> Result<Answer, Error> {
        let t0 = Instant::now();
        let (status, body) = match &self.endpoint {
            Endpoint::Url(base) => self.get_direct(base, path_and_query).await?,
            Endpoint::Service {
                namespace,
                name,
                port,
                scheme,
            } => {
                let path = format!(
                    "/api/v1/namespaces/{namespace}/services/{scheme}:{name}:{port}/proxy{path_and_query}"
                );
                self.get_proxied(&path).await?
            }
        };
        Ok(Answer {
            status,
            body,
            elapsed: t0.elapsed(),
        })
    }

    async fn get_proxied(&self, path: &str) -> Result<(u16, String), Error> {
        let Some(kube) = &self.kube else {
            return Err(self.unreachable("no cluster client"));
        };
        let req = http::Request::get(path)
            .body(Vec::new())
            .map_err(|e| Error::usage(format!("bad request: {e}"), "this is a bug"))?;
        match tokio::time::timeout(self.timeout(), kube.request_text(req)).await {
            Err(_) => Err(self.unreachable("no answer in time through the API server's proxy")),
            Ok(Ok(text)) => Ok((200, text)),
            Ok(Err(kube::Error::Api(s))) => Ok((s.code, s.message.clone())),
            Ok(Err(e)) => Err(self.unreachable(e)),
        }
    }

    async fn get_direct(
        &self,
        base: &http::Uri,
        path_and_query: &str,
    ) -> Result<(u16, String), Error> {
        let host = base
            .host()
            .unwrap_or_default()
            .trim_matches(['[', ']'])
            .to_string();
        let tls = base.scheme_str() == Some("https");
        let port = base.port_u16().unwrap_or(if tls { 443 } else { 80 });
        let prefix = base.path().trim_end_matches('/');
        let target = format!("{prefix}{path_and_query}");
        let mut req = http::Request::get(&target)
            .header(
                http::header::HOST,
                base.authority().map(|a| a.as_str()).unwrap_or(&host),
            )
            .header(http::header::ACCEPT, "application/json");
        if let Some(t) = &self.options.bearer_token {
            req = req.header(http::header::AUTHORIZATION, format!("Bearer {t}"));
        } else if let Some((u, p)) = &self.options.basic_auth {
            use base64::Engine as _;
            let token = base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"));
            req = req.header(http::header::AUTHORIZATION, format!("Basic {token}"));
        }
        let req = req
            .body(Full::new(Bytes::new()))
            .map_err(|e| Error::usage(format!("bad request: {e}"), "check the URL"))?;
        let exchange = async {
            let tcp = tokio::net::TcpStream::connect((host.as_str(), port))
                .await
                .map_err(|e| self.unreachable(format!("cannot connect: {e}")))?;
            let _ = tcp.set_nodelay(true);
            match &self.tls {
                Some(connector) => {
                    let name = rustls_pki_types::ServerName::try_from(host.clone())
                        .map_err(|e| Error::usage(format!("{host:?}: {e}"), "check the URL"))?;
                    let stream = connector
                        .connect(name, tcp)
                        .await
                        .map_err(|e| self.unreachable(format!("TLS handshake: {e}")))?;
                    self.exchange(stream, req).await
                }
                None => self.exchange(tcp, req).await,
            }
        };
        tokio::time::timeout(self.timeout(), exchange)
            .await
            .map_err(|_| {
                self.unreachable(format!(
                    "no answer within {}",
                    crate::duration::human(self.timeout())
                ))
            })?
    }

    async fn exchange<S>(
        &self,
        io: S,
        req: http::Request<Full<Bytes>>,
    ) -> Result<(u16, String), Error>
    where
        S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    {
        let (mut sender, conn) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(io))
                .await
                .map_err(|e| self.unreachable(e))?;
        tokio::spawn(async move {
            let _ = conn.await;
        });
        let resp = sender
            .send_request(req)
            .await
            .map_err(|e| self.unreachable(e))?;
        let status = resp.status().as_u16();
        let body = resp
            .into_body()
            .collect()
            .await
            .map_err(|e| self.unreachable(e))?
            .to_bytes();
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }

    /// GETs `path` and returns the JSON `data` of a `{"status":"success"}` answer; 401/403
    /// are API errors (exit 4), other failures name the endpoint.
    pub async fn api(&self, path: &str) -> Result<serde_json::Value, Error> {
        let a = self.get(path).await?;
        if a.status == 401 || a.status == 403 {
            return Err(Error::Denied {
                message: format!(
                    "{} answered {}: {}",
                    self.endpoint.display(),
                    a.status,
                    first_line(&a.body)
                ),
                context: String::new(),
            });
        }
        let v: serde_json::Value = serde_json::from_str(&a.body).map_err(|_| {
            self.unreachable(format!(
                "HTTP {} and not a Prometheus API answer: {}",
                a.status,
                first_line(&a.body)
            ))
        })?;
        if v["status"] != "success" {
            return Err(Error::usage(
                format!(
                    "{}: {} ({})",
                    self.endpoint.display(),
                    v["error"].as_str().unwrap_or("the query failed"),
                    v["errorType"].as_str().unwrap_or("error")
                ),
                "check the PromQL",
            ));
        }
        Ok(v["data"].clone())
    }

    /// An instant query.
    pub async fn query(&self, promql: &str) -> Result<Vec<Sample>, Error> {
        let data = self
            .api(&format!("/api/v1/query?query={}", encode(promql)))
            .await?;
        Ok(samples(&data))
    }

    /// An instant query evaluated at `time` (Unix seconds).
    pub async fn query_at(&self, promql: &str, time: f64) -> Result<Vec<Sample>, Error> {
        let data = self
            .api(&format!(
                "/api/v1/query?query={}&time={time}",
                encode(promql)
            ))
            .await?;
        Ok(samples(&data))
    }

    /// A range query from `start` to `end` (Unix seconds) every `step`.
    pub async fn query_range(
        &self,
        promql: &str,
        start: f64,
        end: f64,
        step: Duration,
    ) -> Result<Vec<Series>, Error> {
        let data = self
            .api(&format!(
                "/api/v1/query_range?query={}&start={start}&end={end}&step={}",
                encode(promql),
                step.as_secs_f64()
            ))
            .await?;
        Ok(series(&data))
    }

    /// Alertmanager v2: the current alerts (`/api/v2/alerts`), as JSON.
    pub async fn alertmanager_alerts(&self) -> Result<serde_json::Value, Error> {
        let a = self.get("/api/v2/alerts").await?;
        serde_json::from_str(&a.body).map_err(|_| {
            self.unreachable(format!("HTTP {} and not an Alertmanager answer", a.status))
        })
    }
}

fn first_line(body: &str) -> String {
    body.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect()
}

fn labels(v: &serde_json::Value) -> BTreeMap<String, String> {
    v.as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect()
}

fn point(v: &serde_json::Value) -> Option<(f64, f64)> {
    let t = v[0].as_f64()?;
    let x = v[1].as_str()?.parse().ok()?;
    Some((t, x))
}

/// The samples of an instant query's `data` (a vector, or a scalar as one sample).
pub fn samples(data: &serde_json::Value) -> Vec<Sample> {
    match data["resultType"].as_str() {
        Some("scalar") => point(&data["result"])
            .map(|(time, value)| Sample {
                metric: BTreeMap::new(),
                value,
                time,
            })
            .into_iter()
            .collect(),
        _ => data["result"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| {
                let (time, value) = point(&r["value"])?;
                Some(Sample {
                    metric: labels(&r["metric"]),
                    value,
                    time,
                })
            })
            .collect(),
    }
}

/// The series of a range query's `data`.
pub fn series(data: &serde_json::Value) -> Vec<Series> {
    data["result"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| Series {
            metric: labels(&r["metric"]),
            points: r["values"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(point)
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_parse_or_say_why() {
        assert!(matches!(
            Endpoint::parse("http://127.0.0.1:9090", "ns"),
            Ok(Endpoint::Url(_))
        ));
        assert_eq!(
            Endpoint::parse("svc/prometheus:9090", "monitoring").expect("svc"),
            Endpoint::Service {
                namespace: "monitoring".into(),
                name: "prometheus".into(),
                port: "9090".into(),
                scheme: "http"
            }
        );
        assert!(matches!(
            Endpoint::parse("svc/p:https:web", "m"),
            Ok(Endpoint::Service {
                scheme: "https",
                ..
            })
        ));
        for bad in ["ftp://x", "svc/p", "prometheus:9090", "http://", "svc/:90"] {
            assert!(Endpoint::parse(bad, "ns").is_err(), "{bad}");
        }
    }

    #[test]
    fn a_fleet_is_named_members_and_one_prometheus_is_one() {
        let args = |v: &[&str]| ConnectArgs {
            prometheus: v.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let (m, _) = args(&[
            "prod=http://p:9090",
            "http://10.0.0.1:9090/x?a=b",
            "svc/prom:9090",
        ])
        .resolve_fleet("mon", "t")
        .expect("fleet");
        let names: Vec<(&str, bool)> = m.iter().map(|m| (m.name.as_str(), m.named)).collect();
        assert_eq!(
            names,
            vec![("prod", true), ("10.0.0.1:9090", false), ("prom", false)]
        );
        let twice = args(&["a=http://p:9090", "a=http://q:9090"]).resolve_fleet("m", "t");
        assert!(twice.is_err());
        assert!(args(&[]).resolve_fleet("m", "t").is_err());
        let (one, _) = args(&["prod=http://p:9090"])
            .resolve("m", "t")
            .expect("one");
        assert_eq!(one.short_name(), "p:9090");
        assert!(
            args(&["http://p:9090", "http://q:9090"])
                .resolve("m", "t")
                .is_err()
        );
        assert_eq!(
            split_member("http://p:9090/?x=1"),
            (None, "http://p:9090/?x=1")
        );
    }

    #[test]
    fn answers_become_samples_and_series() {
        let vector: serde_json::Value = serde_json::from_str(
            r#"{"resultType":"vector","result":[{"metric":{"job":"a"},"value":[1700000000.5,"0.25"]}]}"#,
        )
        .expect("json");
        let s = samples(&vector);
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].value, s[0].metric["job"].as_str()), (0.25, "a"));
        let scalar: serde_json::Value =
            serde_json::from_str(r#"{"resultType":"scalar","result":[1700000000,"3"]}"#)
                .expect("json");
        assert_eq!(samples(&scalar)[0].value, 3.0);
        let matrix: serde_json::Value = serde_json::from_str(
            r#"{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"],[2,"NaN"],[3,"2"]]}]}"#,
        )
        .expect("json");
        let m = series(&matrix);
        assert_eq!(m[0].points.len(), 3);
        assert!(m[0].points[1].1.is_nan());
        assert_eq!(encode("sum(rate(x[5m]))"), "sum%28rate%28x%5B5m%5D%29%29");
    }
}
