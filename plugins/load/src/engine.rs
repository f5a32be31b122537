//! The raw-rate engine behind the quick form: one HTTP/1.1 keep-alive connection per worker
//! (hyper's low-level client, no pool), open or closed model. In the open model each
//! request has an intended start from [`crate::schedule`]; its latency is measured from that
//! instant, not from when a free connection sent it, so a stalled server shows in the
//! percentiles instead of silently slowing the generator down (coordinated omission).
//! Workers record into a local buffer and flush it under one lock every few hundred samples.

use crate::hist::Hist;
use crate::result::{RunResult, Second};
use crate::schedule::Schedule;
use crate::spec::{Model, RunSpec};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

/// Counters the progress display reads while the run goes on.
#[derive(Debug)]
pub struct Live {
    /// Requests completed.
    pub requests: AtomicU64,
    /// Of which errors.
    pub errors: AtomicU64,
    /// Latencies of the last reporting interval.
    pub recent: Mutex<Hist>,
    /// Set to stop early (Ctrl-C).
    pub stop: AtomicBool,
}

impl Default for Live {
    fn default() -> Self {
        Self {
            requests: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            recent: Mutex::new(Hist::with_precision(2)),
            stop: AtomicBool::new(false),
        }
    }
}

/// Where and what to send, prepared once.
#[derive(Debug, Clone)]
pub struct Target {
    host: String,
    port: u16,
    tls: bool,
    authority: String,
    path: String,
    method: http::Method,
    headers: http::HeaderMap,
    body: Bytes,
}

impl Target {
    /// Prepares the quick-form request of `spec`.
    pub fn new(spec: &RunSpec) -> Result<Self, String> {
        let uri: http::Uri = spec
            .request
            .url
            .parse()
            .map_err(|e| format!("{:?} is not a URL: {e}", spec.request.url))?;
        let tls = match uri.scheme_str() {
            Some("http") => false,
            Some("https") => true,
            _ => {
                return Err(format!(
                    "{:?}: only http:// and https:// URLs",
                    spec.request.url
                ));
            }
        };
        let host = uri
            .host()
            .ok_or_else(|| format!("{:?} has no host", spec.request.url))?
            .trim_matches(['[', ']'])
            .to_string();
        let port = uri.port_u16().unwrap_or(if tls { 443 } else { 80 });
        let authority = uri
            .authority()
            .map(|a| a.as_str().to_string())
            .unwrap_or_default();
        let path = uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        let method: http::Method = spec
            .request
            .method
            .parse()
            .map_err(|_| format!("{:?} is not an HTTP method", spec.request.method))?;
        let mut headers = http::HeaderMap::new();
        for (k, v) in &spec.request.headers {
            let name = http::HeaderName::from_bytes(k.as_bytes())
                .map_err(|_| format!("header name {k:?} is not valid"))?;
            let value = http::HeaderValue::from_str(v)
                .map_err(|_| format!("header {k:?} has an invalid value"))?;
            headers.append(name, value);
        }
        Ok(Self {
            host,
            port,
            tls,
            authority,
            path,
            method,
            headers,
            body: Bytes::from(spec.request.body.clone()),
        })
    }

    /// `host:port` for connecting.
    pub fn address(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    fn request(&self) -> http::Request<Full<Bytes>> {
        let mut req = http::Request::new(Full::new(self.body.clone()));
        *req.method_mut() = self.method.clone();
        if let Ok(uri) = self.path.parse() {
            *req.uri_mut() = uri;
        }
        *req.headers_mut() = self.headers.clone();
        if let Ok(h) = http::HeaderValue::from_str(&self.authority) {
            req.headers_mut().entry(http::header::HOST).or_insert(h);
        }
        req
    }
}

type Sender = SendRequest<Full<Bytes>>;

async fn connect(t: &Target, tls: Option<&tokio_rustls::TlsConnector>) -> Result<Sender, String> {
    let tcp = tokio::net::TcpStream::connect(t.address())
        .await
        .map_err(|_| "connect".to_string())?;
    let _ = tcp.set_nodelay(true);
    macro_rules! handshake {
        ($io:expr) => {{
            let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new($io))
                .await
                .map_err(|_| "connect".to_string())?;
            tokio::spawn(conn);
            Ok(sender)
        }};
    }
    match tls {
        Some(connector) => {
            let name = rustls_pki_types::ServerName::try_from(t.host.clone())
                .map_err(|_| "tls".to_string())?;
            let stream = connector
                .connect(name, tcp)
                .await
                .map_err(|_| "tls".to_string())?;
            handshake!(stream)
        }
        None => handshake!(tcp),
    }
}

fn tls_connector() -> tokio_rustls::TlsConnector {
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map(|b| {
            b.with_root_certificates(roots.clone())
                .with_no_client_auth()
        })
        .unwrap_or_else(|_| {
            rustls::ClientConfig::builder()
                .with_root_certificates(roots)
                .with_no_client_auth()
        });
    tokio_rustls::TlsConnector::from(Arc::new(config))
}

/// Checks that the target accepts connections, before any load is sent.
pub async fn preflight(t: &Target, timeout: Duration) -> Result<(), String> {
    match tokio::time::timeout(timeout, tokio::net::TcpStream::connect(t.address())).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(format!("cannot connect to {}: {e}", t.address())),
        Err(_) => Err(format!(
            "no connection to {} within {}",
            t.address(),
            shared::duration::human(timeout)
        )),
    }
}

/// What one request came to.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    Status(u16),
    Failed(&'static str),
}

#[derive(Debug, Clone, Copy)]
struct Sample {
    latency_us: u64,
    service_us: u64,
    second: u32,
    outcome: Outcome,
    bytes: u64,
}

/// The shared result and the per-worker buffers flushed into it.
struct Collector {
    result: Mutex<RunResult>,
    live: Arc<Live>,
}

impl Collector {
    fn flush(&self, buf: &mut Vec<Sample>) {
        if buf.is_empty() {
            return;
        }
        let mut errors = 0;
        if let Ok(mut r) = self.result.lock() {
            for s in buf.iter() {
                r.requests += 1;
                r.bytes += s.bytes;
                r.latency.record(s.latency_us);
                r.service.record(s.service_us);
                let failed = match s.outcome {
                    Outcome::Status(code) => {
                        *r.status.entry(code).or_default() += 1;
                        if code >= 400 {
                            *r.error_kinds.entry(format!("status {code}")).or_default() += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Outcome::Failed(kind) => {
                        *r.error_kinds.entry(kind.to_string()).or_default() += 1;
                        true
                    }
                };
                errors += u64::from(failed);
                r.errors += u64::from(failed);
                let i = s.second as usize;
                if r.timeline.len() <= i {
                    r.timeline.resize_with(i + 1, || Second {
                        latency: Hist::with_precision(2),
                        ..Default::default()
                    });
                }
                let sec = &mut r.timeline[i];
                sec.requests += 1;
                sec.errors += u64::from(failed);
                sec.latency.record(s.latency_us);
            }
        }
        if let Ok(mut recent) = self.live.recent.lock() {
            for s in buf.iter() {
                recent.record(s.latency_us);
            }
        }
        self.live
            .requests
            .fetch_add(buf.len() as u64, Ordering::Relaxed);
        self.live.errors.fetch_add(errors, Ordering::Relaxed);
        buf.clear();
    }
}

const FLUSH_EVERY: usize = 256;

/// How long requests in flight when the run's duration ends may still finish: a stalled
/// server cannot stretch a 1 s run by the whole per-request timeout. Requests cut there
/// count as `unfinished` errors; the report states this value.
pub fn drain(timeout: Duration) -> Duration {
    timeout.min(Duration::from_secs(2))
}

/// The fastest one keep-alive HTTP/1.1 connection can go on loopback (about 50 µs a request).
pub const MAX_RATE_PER_CONNECTION: f64 = 20_000.0;
/// The most one runner process sends per second (two loopback cores manage a fifth of it).
pub const MAX_RATE_PER_RUNNER: f64 = 1_000_000.0;

/// Refuses an open-model rate that `connections` connections (or one runner) cannot send even
/// against an instant server: the run would only drop requests.
pub fn check_rate(peak: f64, connections: usize, runners: usize) -> Result<(), String> {
    let per_runner = peak / runners.max(1) as f64;
    if per_runner > MAX_RATE_PER_RUNNER {
        return Err(format!(
            "{peak:.0}/s is {per_runner:.0}/s per runner, above what one runner can send ({MAX_RATE_PER_RUNNER:.0}/s)"
        ));
    }
    let need = (per_runner / MAX_RATE_PER_CONNECTION).ceil() as usize;
    if need > connections {
        return Err(format!(
            "{peak:.0}/s needs at least {need} connections per runner even at 50 µs per request; {connections} given"
        ));
    }
    Ok(())
}

struct Worker {
    target: Arc<Target>,
    tls: Option<tokio_rustls::TlsConnector>,
    timeout: Duration,
    sender: Option<Sender>,
    start: Instant,
    /// No request outlives this: the end of the run plus [`drain`].
    hard_end: Instant,
    buf: Vec<Sample>,
}

impl Worker {
    /// Sends one request; `due` is its intended start.
    async fn send(&mut self, due: Instant) -> Sample {
        let sent = Instant::now();
        let deadline = (sent + self.timeout).min(self.hard_end);
        let cut_by_end = deadline < sent + self.timeout;
        let outcome = tokio::time::timeout_at(deadline, self.exchange()).await;
        let done = Instant::now();
        let (outcome, bytes) = match outcome {
            Ok(Ok((code, bytes))) => (Outcome::Status(code), bytes),
            Ok(Err(kind)) => {
                self.sender = None;
                (Outcome::Failed(kind), 0)
            }
            Err(_) => {
                self.sender = None;
                (
                    Outcome::Failed(if cut_by_end { "unfinished" } else { "timeout" }),
                    0,
                )
            }
        };
        Sample {
            latency_us: done.saturating_duration_since(due).as_micros() as u64,
            service_us: done.saturating_duration_since(sent).as_micros() as u64,
            second: done.saturating_duration_since(self.start).as_secs() as u32,
            outcome,
            bytes,
        }
    }

    async fn exchange(&mut self) -> Result<(u16, u64), &'static str> {
        if self.sender.as_ref().is_none_or(|s| s.is_closed()) {
            self.sender = Some(
                connect(&self.target, self.tls.as_ref())
                    .await
                    .map_err(|e| if e == "tls" { "tls" } else { "connect" })?,
            );
        }
        let sender = self.sender.as_mut().ok_or("connect")?;
        sender.ready().await.map_err(|_| "io")?;
        let resp = sender
            .send_request(self.target.request())
            .await
            .map_err(|_| "io")?;
        let code = resp.status().as_u16();
        let mut body = resp.into_body();
        let mut bytes = 0u64;
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|_| "io")?;
            if let Some(d) = frame.data_ref() {
                bytes += d.len() as u64;
            }
        }
        Ok((code, bytes))
    }
}

/// Runs runner `index` of `of`'s share of `spec`, starting at `start`; `live` is updated as it goes.
pub async fn run(
    spec: &RunSpec,
    index: usize,
    of: usize,
    start: Instant,
    live: Arc<Live>,
) -> Result<RunResult, String> {
    let target = Arc::new(Target::new(spec)?);
    let tls = target.tls.then(tls_connector);
    let share = spec.model.share(index, of);
    let duration = share.duration();
    let end = start + duration;
    let collector = Arc::new(Collector {
        result: Mutex::new(RunResult::default()),
        live: live.clone(),
    });
    tokio::time::sleep_until(start).await;
    let worker = |_| Worker {
        target: target.clone(),
        tls: tls.clone(),
        timeout: spec.timeout,
        sender: None,
        start,
        hard_end: end + drain(spec.timeout),
        buf: Vec::with_capacity(FLUSH_EVERY),
    };
    let mut handles = Vec::new();
    let mut due_total = 0u64;
    let claimed = Arc::new(AtomicU64::new(0));
    match &share {
        Model::Open {
            start_rate,
            stages,
            connections,
        } => {
            let schedule = Arc::new(Schedule::new(*start_rate, stages.clone()));
            let total = schedule.total();
            let (i, n) = (index as u64, of.max(1) as u64);
            due_total = if total > i {
                (total - i).div_ceil(n)
            } else {
                0
            };
            for w in 0..*connections {
                let mut wk = worker(w);
                let (schedule, collector, claimed, live) = (
                    schedule.clone(),
                    collector.clone(),
                    claimed.clone(),
                    live.clone(),
                );
                handles.push(tokio::spawn(async move {
                    loop {
                        if live.stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let k = claimed.fetch_add(1, Ordering::Relaxed);
                        let Some(offset) = schedule.offset(i + k * n) else {
                            claimed.fetch_sub(1, Ordering::Relaxed);
                            break;
                        };
                        let due = start + offset;
                        let now = Instant::now();
                        if now >= end {
                            claimed.fetch_sub(1, Ordering::Relaxed);
                            break;
                        }
                        // Behind schedule (every connection was busy): measure from the
                        // intended start, the coordinated-omission correction. On time: sleep
                        // until due and measure from the actual send, so the timer's own
                        // wake-up jitter (about a millisecond) is not counted as latency.
                        let intended = if due <= now {
                            due
                        } else {
                            tokio::time::sleep_until(due).await;
                            Instant::now()
                        };
                        let s = wk.send(intended).await;
                        wk.buf.push(s);
                        if wk.buf.len() >= FLUSH_EVERY {
                            collector.flush(&mut wk.buf);
                        }
                    }
                    collector.flush(&mut wk.buf);
                }));
            }
        }
        Model::Closed { users, .. } => {
            for w in 0..*users {
                let mut wk = worker(w);
                let (collector, live) = (collector.clone(), live.clone());
                handles.push(tokio::spawn(async move {
                    while Instant::now() < end && !live.stop.load(Ordering::Relaxed) {
                        let s = wk.send(Instant::now()).await;
                        let failed_connect = matches!(s.outcome, Outcome::Failed("connect"));
                        wk.buf.push(s);
                        if wk.buf.len() >= FLUSH_EVERY {
                            collector.flush(&mut wk.buf);
                        }
                        if failed_connect {
                            // Do not spin on a refused port.
                            tokio::time::sleep(Duration::from_millis(10)).await;
                        }
                    }
                    collector.flush(&mut wk.buf);
                }));
            }
        }
    }
    for h in handles {
        let _ = h.await;
    }
    let elapsed = Instant::now().saturating_duration_since(start);
    let mut result = collector
        .result
        .lock()
        .map(|r| r.clone())
        .unwrap_or_default();
    // Rates are per second of the planned run (in-flight requests finishing after the end do
    // not dilute them), or of the time it ran when stopped early.
    result.elapsed_seconds = elapsed.min(duration).as_secs_f64().max(0.001);
    if matches!(share, Model::Open { .. }) {
        result.dropped = due_total.saturating_sub(claimed.load(Ordering::Relaxed));
    }
    Ok(result)
}
