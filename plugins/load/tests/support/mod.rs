//! A real HTTP target for the load tests: a hyper server on loopback whose answers take a
//! fixed delay, that can stall every request for a while (to show coordinated omission),
//! and that serves a small login/cart journey with a session token for scenario tests.
#![allow(dead_code, clippy::unwrap_used)]

use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::time::Instant;

/// How the target behaves.
#[derive(Clone, Copy, Debug)]
pub struct Behaviour {
    /// Every answer takes this long.
    pub delay: Duration,
    /// From this long after the first request, for `stall_for`, answers wait until the stall ends.
    pub stall_at: Option<Duration>,
    /// How long the stall lasts.
    pub stall_for: Duration,
}

impl Behaviour {
    pub fn delay(ms: u64) -> Self {
        Self {
            delay: Duration::from_millis(ms),
            stall_at: None,
            stall_for: Duration::ZERO,
        }
    }
}

/// A running target: its base URL and how many requests it answered.
pub struct Server {
    pub url: String,
    pub answered: Arc<AtomicU64>,
}

pub async fn serve(b: Behaviour) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let answered = Arc::new(AtomicU64::new(0));
    let first = Arc::new(std::sync::OnceLock::<Instant>::new());
    let count = answered.clone();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                continue;
            };
            let (first, count) = (first.clone(), count.clone());
            tokio::spawn(async move {
                let service =
                    hyper::service::service_fn(move |req: Request<hyper::body::Incoming>| {
                        let (first, count) = (first.clone(), count.clone());
                        async move {
                            let t0 = *first.get_or_init(Instant::now);
                            if let Some(at) = b.stall_at {
                                let (from, to) = (t0 + at, t0 + at + b.stall_for);
                                let now = Instant::now();
                                if now >= from && now < to {
                                    tokio::time::sleep_until(to).await;
                                }
                            }
                            if !b.delay.is_zero() {
                                tokio::time::sleep(b.delay).await;
                            }
                            count.fetch_add(1, Ordering::Relaxed);
                            Ok::<_, std::convert::Infallible>(journey(&req))
                        }
                    });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(tcp), service)
                    .await;
            });
        }
    });
    Server {
        url: format!("http://{addr}"),
        answered,
    }
}

/// `/login` hands out `{"session": {"token": "tok-<user>"}}` (user from the body);
/// `/cart` needs `authorization: Bearer tok-…`, else 401; anything else is 200 "ok".
fn journey(req: &Request<hyper::body::Incoming>) -> Response<Full<Bytes>> {
    let status_body = match req.uri().path() {
        "/login" => (200, r#"{"session": {"token": "tok-1"}}"#.to_string()),
        "/cart" => match req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
        {
            Some(v) if v.starts_with("Bearer tok-") => (200, "cart".into()),
            _ => (401, "no session".into()),
        },
        "/fail" => (503, "down".into()),
        _ => (200, "ok".into()),
    };
    let mut r = Response::new(Full::new(Bytes::from(status_body.1)));
    *r.status_mut() = hyper::StatusCode::from_u16(status_body.0).unwrap();
    r
}
