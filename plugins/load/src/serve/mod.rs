//! `kubectl load target`: a small HTTP/1.1 server whose behaviour the caller sets, for
//! checking load runners, chaos probes, SLO rules and alerts against something known.
//! Process-wide defaults come from the flags and each request may override them in its
//! query string ([`knobs`]); `/healthz`, `/readyz` (flipped with `PUT /readyz?ready=false`)
//! and `/metrics` ([`metrics`]) are built in.

pub mod knobs;
pub mod metrics;

use bytes::Bytes;
use http_body_util::Full;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use knobs::Knobs;
use metrics::Metrics;
use shared::error::Error;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Uniform draws in `[0, 1)` (splitmix64: cheap, lock-free, good enough for fault odds).
#[derive(Debug)]
struct Draws(AtomicU64);

impl Draws {
    fn next(&self) -> f64 {
        const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut z = self
            .0
            .fetch_add(GOLDEN, Ordering::Relaxed)
            .wrapping_add(GOLDEN);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// What every connection shares.
#[derive(Debug)]
struct State {
    defaults: Knobs,
    metrics: Metrics,
    ready: AtomicBool,
    draws: Draws,
}

fn text(status: u16, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r
}

fn query_value<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

fn readiness(state: &State, req: &Request<hyper::body::Incoming>) -> Response<Full<Bytes>> {
    if matches!(*req.method(), Method::PUT | Method::POST) {
        let to = match query_value(req.uri().query().unwrap_or(""), "ready") {
            Some("true" | "1") => true,
            Some("false" | "0") => false,
            _ => return text(400, "PUT /readyz?ready=true|false\n"),
        };
        state.ready.store(to, Ordering::Relaxed);
    }
    if state.ready.load(Ordering::Relaxed) {
        text(200, "ready\n")
    } else {
        text(503, "not ready\n")
    }
}

async fn answer(state: Arc<State>, req: Request<hyper::body::Incoming>) -> Response<Full<Bytes>> {
    match req.uri().path() {
        "/healthz" => return text(200, "ok\n"),
        "/readyz" => return readiness(&state, &req),
        "/metrics" => {
            let mut r = text(200, state.metrics.render());
            r.headers_mut().insert(
                hyper::header::CONTENT_TYPE,
                hyper::header::HeaderValue::from_static("text/plain; version=0.0.4"),
            );
            return r;
        }
        _ => {}
    }
    let t0 = Instant::now();
    let knobs = match state.defaults.with_query(req.uri().query().unwrap_or("")) {
        Ok(k) => k,
        Err(e) => return text(400, format!("{e}\n")),
    };
    let (status, wait) = knobs.decide(state.draws.next(), state.draws.next());
    if !wait.is_zero() {
        tokio::time::sleep(wait).await;
    }
    let mut r = text(status, vec![b'x'; knobs.size]);
    if knobs.close {
        r.headers_mut().insert(
            hyper::header::CONNECTION,
            hyper::header::HeaderValue::from_static("close"),
        );
    }
    state.metrics.observe(status, t0.elapsed().as_secs_f64());
    r
}

/// `:8080` listens on every interface, as Go servers read it.
pub fn listen_address(text: &str) -> String {
    match text.strip_prefix(':') {
        Some(port) => format!("0.0.0.0:{port}"),
        None => text.to_string(),
    }
}

/// Serves until `run_for` has passed (forever when `None`); prints the base URL on stdout.
pub async fn serve(listen: &str, defaults: Knobs, run_for: Option<Duration>) -> Result<(), Error> {
    let address = listen_address(listen);
    let listener = tokio::net::TcpListener::bind(&address).await.map_err(|e| {
        Error::usage(
            format!("cannot listen on {address}: {e}"),
            "give a free HOST:PORT, e.g. --listen 127.0.0.1:8080 (port 0 picks one)",
        )
    })?;
    let bound = listener.local_addr().map_err(|e| {
        Error::usage(
            format!("cannot listen on {address}: {e}"),
            "try another address",
        )
    })?;
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "http://{bound}");
        let _ = out.flush();
    }
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(7);
    let state = Arc::new(State {
        defaults,
        metrics: Metrics::default(),
        ready: AtomicBool::new(true),
        draws: Draws(AtomicU64::new(seed)),
    });
    let accept = async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                continue;
            };
            let _ = tcp.set_nodelay(true);
            let state = state.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| {
                    let state = state.clone();
                    async move { Ok::<_, std::convert::Infallible>(answer(state, req).await) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(tcp), service)
                    .await;
            });
        }
    };
    match run_for {
        Some(d) => {
            let _ = tokio::time::timeout(d, accept).await;
        }
        None => accept.await,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_uniform_enough_and_addresses_read_like_go() {
        let d = Draws(AtomicU64::new(1));
        let v: Vec<f64> = (0..10_000).map(|_| d.next()).collect();
        assert!(v.iter().all(|x| (0.0..1.0).contains(x)));
        let below = v.iter().filter(|x| **x < 0.3).count();
        assert!((2_700..3_300).contains(&below), "{below}");
        assert_eq!(listen_address(":8080"), "0.0.0.0:8080");
        assert_eq!(listen_address("127.0.0.1:0"), "127.0.0.1:0");
        assert_eq!(query_value("a=1&ready=false", "ready"), Some("false"));
    }
}
