//! Exporter mode: rescan every interval, keep the last good exposition, serve `/metrics`
//! and `/healthz` over HTTP/1.1 (hyper). A failed scan keeps the previous certificates'
//! series (dashboards do not go blank), flips `certs_scan_success` to 0 and `/healthz` to 503.

use crate::{Scanner, ServeArgs, metrics, notify};
use bytes::Bytes;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use shared::error::Error;
use shared::run::{Context, Outcome};
use std::sync::{Arc, RwLock};
use std::time::Instant;

#[derive(Debug, Default)]
struct State {
    exposition: String,
    ok: bool,
    last_error: Option<String>,
    duration: f64,
    last_success: i64,
    scans: u64,
    failures: u64,
}

impl State {
    fn metrics(&self) -> String {
        let mut out = self.exposition.clone();
        metrics::scan_health(
            &mut out,
            self.ok,
            self.duration,
            self.last_success,
            self.scans,
            self.failures,
        );
        out
    }
}

fn listen_addr(listen: &str) -> Result<std::net::SocketAddr, Error> {
    let full = if listen.starts_with(':') {
        format!("0.0.0.0{listen}")
    } else {
        listen.to_string()
    };
    full.parse().map_err(|_| {
        Error::usage(
            format!("--listen {listen:?} is not an address"),
            "e.g. --listen :9793 or --listen 127.0.0.1:9793",
        )
    })
}

fn respond(state: &RwLock<State>, req: &Request<hyper::body::Incoming>) -> Response<Full<Bytes>> {
    let (status, content_type, body) = match (req.method().as_str(), req.uri().path()) {
        ("GET", "/metrics") => match state.read() {
            Ok(s) => (StatusCode::OK, "text/plain; version=0.0.4; charset=utf-8", s.metrics()),
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "text/plain", "state poisoned\n".into()),
        },
        ("GET", "/healthz") => match state.read() {
            Ok(s) if s.ok => (StatusCode::OK, "text/plain", "ok\n".into()),
            Ok(s) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "text/plain",
                format!("{}\n", s.last_error.as_deref().unwrap_or("no scan has finished yet")),
            ),
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "text/plain", "state poisoned\n".into()),
        },
        ("GET", "/") => (
            StatusCode::OK,
            "text/html",
            "<html><body><a href=\"/metrics\">metrics</a> <a href=\"/healthz\">healthz</a></body></html>\n".into(),
        ),
        _ => (StatusCode::NOT_FOUND, "text/plain", "not found\n".into()),
    };
    let mut resp = Response::new(Full::new(Bytes::from(body)));
    *resp.status_mut() = status;
    if let Ok(v) = http::HeaderValue::from_str(content_type) {
        resp.headers_mut().insert(http::header::CONTENT_TYPE, v);
    }
    resp
}

/// Runs the exporter until interrupted (or `--scans N` scans).
pub async fn run(scanner: Scanner, args: ServeArgs, ctx: Context) -> anyhow::Result<Outcome> {
    let addr = listen_addr(&args.listen)?;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        Error::usage(
            format!("cannot listen on {addr}: {e}"),
            "choose a free port with --listen",
        )
    })?;
    let local = listener.local_addr()?;
    {
        use std::io::Write as _;
        // The bound address on stderr (data never goes to stdout in this mode).
        let _ = writeln!(
            std::io::stderr(),
            "listening on http://{local} (/metrics, /healthz)"
        );
    }
    let state = Arc::new(RwLock::new(State::default()));
    let server_state = state.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let st = server_state.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| {
                    let resp = respond(&st, &req);
                    async move { Ok::<_, std::convert::Infallible>(resp) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    let mut notified = scanner
        .state_path()
        .filter(|_| scanner.args.notify_state.is_some())
        .map(|p| notify::load_state(&p))
        .unwrap_or_default();
    let mut done = 0u64;
    loop {
        let started = Instant::now();
        let result = scanner.scan(&ctx, false).await;
        let now = jiff::Timestamp::now().as_second();
        let duration = started.elapsed().as_secs_f64();
        match &result {
            Ok(report) => {
                let exposition = metrics::exposition(report, now);
                if let Ok(mut s) = state.write() {
                    s.exposition = exposition;
                    s.ok = true;
                    s.last_error = None;
                    s.duration = duration;
                    s.last_success = now;
                    s.scans += 1;
                }
                tracing::info!(
                    "scan: {} certificates, {} findings in {duration:.2}s",
                    report.list.items.len(),
                    report.findings.len()
                );
            }
            Err(e) => {
                let mut line = shared::error::one_line(e);
                if let Some(hint) = shared::error::classify(e).hint {
                    line = format!("{line} ({hint})");
                }
                ctx.warn(&format!("scan failed: {line}"));
                if let Ok(mut s) = state.write() {
                    s.ok = false;
                    s.last_error = Some(line);
                    s.duration = duration;
                    s.scans += 1;
                    s.failures += 1;
                }
            }
        }
        if let Ok(report) = &result
            && !scanner.args.notify_webhook.is_empty()
            && let Some(next) = scanner.notify(&ctx, report, &notified).await
        {
            if let (Some(path), true) = (scanner.state_path(), scanner.args.notify_state.is_some())
                && let Err(e) = notify::save_state(&path, &next)
            {
                ctx.warn(&format!(
                    "cannot save notification state {}: {e}",
                    path.display()
                ));
            }
            notified = next;
        }
        done += 1;
        if args.scans.is_some_and(|n| done >= n) {
            return Ok(Outcome::Clean);
        }
        tokio::time::sleep(args.interval).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_forms() {
        assert_eq!(listen_addr(":9793").expect("port only").port(), 9793);
        assert!(listen_addr("127.0.0.1:0").is_ok());
        assert!(listen_addr("nonsense").is_err());
    }
}
