//! `kubectl load target` as a real process on loopback, driven by `kubectl load run`: the
//! injected delay is a floor of every latency, injected errors are counted as errors, the
//! target's own `/metrics` counts exactly the requests the load test sent, a bad knob is a
//! 400, and readiness flips at run time. No cluster needed.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use testcluster::testing::run_plugin;

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-load"))
}

/// The target process, stopped when dropped.
struct Target {
    child: std::process::Child,
    url: String,
}

impl Drop for Target {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(flags: &[&str]) -> Target {
    let mut child = std::process::Command::new(bin())
        .args(["target", "--listen", "127.0.0.1:0", "--for", "120s"])
        .args(flags)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("http://127.0.0.1:"), "{line}");
    Target {
        child,
        url: line.trim().to_string(),
    }
}

/// One raw HTTP/1.1 request: (status, body).
fn http(url: &str, method: &str, path: &str) -> (u16, String) {
    let host = url.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(host).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    (status, body)
}

fn requests_by_status(metrics: &str) -> std::collections::BTreeMap<String, u64> {
    metrics
        .lines()
        .filter_map(|l| l.strip_prefix("load_target_requests_total{status=\""))
        .filter_map(|l| {
            let (status, n) = l.split_once("\"} ")?;
            Some((status.to_string(), n.parse().ok()?))
        })
        .collect()
}

fn load(url: &str) -> serde_json::Value {
    let r = run_plugin(
        &bin(),
        &[
            "run",
            url,
            "--rate",
            "50/s",
            "--duration",
            "2s",
            "-o",
            "json",
            "--local",
        ],
        &[],
    );
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    r.json()
}

#[test]
fn the_target_injects_what_it_is_told_and_counts_what_it_served() {
    let t = start(&["--delay", "30ms"]);
    // The flag's delay: no answer is faster.
    let calm = load(&format!("{}/calm", t.url));
    let requests = calm["summary"]["requests"].as_u64().unwrap();
    assert!(requests >= 90, "{}", calm["summary"]);
    assert_eq!(calm["summary"]["errors"], 0);
    let p50 = calm["summary"]["latency"]["p50"].as_f64().unwrap();
    assert!(p50 >= 29.5, "p50 {p50} ms below the injected 30 ms");
    // Per request: every answer an injected 503.
    let failing = load(&format!(
        "{}/pay?percent=100&error_status=503&delay=0s",
        t.url
    ));
    let failed = failing["summary"]["requests"].as_u64().unwrap();
    assert_eq!(failing["summary"]["errors"].as_u64().unwrap(), failed);
    // The target counted exactly what was sent, by status.
    let (code, metrics) = http(&t.url, "GET", "/metrics");
    assert_eq!(code, 200);
    let by_status = requests_by_status(&metrics);
    assert_eq!(by_status.get("200"), Some(&requests), "{metrics}");
    assert_eq!(by_status.get("503"), Some(&failed), "{metrics}");
    assert!(metrics.contains(&format!(
        "load_target_request_duration_seconds_count {}",
        requests + failed
    )));
    // A bad knob says why; readiness flips and health does not.
    let (code, body) = http(&t.url, "GET", "/x?status=999");
    assert_eq!(
        (code, body.trim()),
        (400, "status \"999\" is not 100 to 599")
    );
    assert_eq!(http(&t.url, "GET", "/readyz").0, 200);
    assert_eq!(http(&t.url, "PUT", "/readyz?ready=false").0, 503);
    assert_eq!(http(&t.url, "GET", "/readyz").0, 503);
    assert_eq!(http(&t.url, "GET", "/healthz").0, 200);
    assert_eq!(http(&t.url, "PUT", "/readyz?ready=true").0, 200);
}

#[test]
fn a_busy_address_is_a_usage_error() {
    let t = start(&[]);
    let taken = t.url.trim_start_matches("http://").to_string();
    let r = run_plugin(&bin(), &["target", "--listen", &taken, "--for", "1s"], &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("cannot listen on"), "{}", r.stderr);
    let r = run_plugin(&bin(), &["target", "--error-percent", "150%"], &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}
