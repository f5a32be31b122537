//! `-v 6` as kubectl has it: one line per API request with its method, URL, status and how
//! long it took (`GET https://…/api/v1/pods?limit=500 200 OK in 12 milliseconds`), logged at
//! info under the target `http`, instead of the HTTP stack's own trace output.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

/// The layer that wraps kube's HTTP service; `base` is the API server URL, printed before
/// each request's path.
#[derive(Debug, Clone, Default)]
pub struct RequestLogLayer {
    /// The API server URL without a trailing slash.
    pub base: String,
}

impl<S> tower::Layer<S> for RequestLogLayer {
    type Service = RequestLog<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RequestLog {
            inner,
            base: self.base.clone(),
        }
    }
}

/// The service of [`RequestLogLayer`].
#[derive(Debug, Clone)]
pub struct RequestLog<S> {
    inner: S,
    base: String,
}

/// One request's line (`uri` as given, or `base` + its path when it has no host).
pub fn line(
    base: &str,
    method: &http::Method,
    uri: &http::Uri,
    status: Option<http::StatusCode>,
    took_ms: u128,
) -> String {
    let uri = match uri.host() {
        Some(_) => uri.to_string(),
        None => format!("{base}{uri}"),
    };
    match status {
        Some(s) => format!(
            "{method} {uri} {} {} in {took_ms} milliseconds",
            s.as_u16(),
            s.canonical_reason().unwrap_or("")
        ),
        None => format!("{method} {uri} (no response) in {took_ms} milliseconds"),
    }
}

impl<S, ReqBody, ResBody> tower::Service<http::Request<ReqBody>> for RequestLog<S>
where
    S: tower::Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<ReqBody>) -> Self::Future {
        let (method, uri, base) = (req.method().clone(), req.uri().clone(), self.base.clone());
        let t0 = Instant::now();
        let fut = self.inner.call(req);
        Box::pin(async move {
            let r = fut.await;
            let status = r.as_ref().ok().map(|resp| resp.status());
            tracing::info!(target: "http", "{}", line(&base, &method, &uri, status, t0.elapsed().as_millis()));
            r
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_like_kubectl() {
        let uri: http::Uri = "/api/v1/pods?limit=500".parse().expect("uri");
        let base = "https://127.0.0.1:6443";
        assert_eq!(
            line(
                base,
                &http::Method::GET,
                &uri,
                Some(http::StatusCode::OK),
                12
            ),
            "GET https://127.0.0.1:6443/api/v1/pods?limit=500 200 OK in 12 milliseconds"
        );
        assert!(line(base, &http::Method::GET, &uri, None, 3).contains("(no response)"));
    }
}
