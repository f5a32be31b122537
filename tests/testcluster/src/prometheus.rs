//! A real Prometheus (the Debian package) on loopback for tests, with a config and rule
//! files the test writes; the one helper every plugin that reads Prometheus tests with
//! (chaos probes, the shared client, and the alerts and slo plugins to come).

use crate::testing::{eventually, require_tool};
use std::time::Duration;

/// A running Prometheus, stopped when dropped.
pub struct Prometheus {
    child: std::process::Child,
    /// Its base URL, `http://127.0.0.1:PORT`.
    pub url: String,
    /// Its address, `127.0.0.1:PORT`.
    pub address: String,
    _dir: tempfile::TempDir,
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free loopback port.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

fn get(url: &str) -> Option<String> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys,urllib.request;print(urllib.request.urlopen(sys.argv[1],timeout=5).read().decode())",
            url,
        ])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Starts Prometheus scraping itself every second, with `rules` (a rule file's YAML, or
/// empty); waits until it has scraped itself once. `None` where Prometheus is missing and
/// not required.
///
/// # Panics
/// When Prometheus is missing under `CI`/`TESTCLUSTER_REQUIRE`, or does not start.
pub async fn start(rules: &str) -> Option<Prometheus> {
    launch(rules, None, "127.0.0.1").await
}

/// Like [`start`], with `history` (OpenMetrics text, ending in `# EOF`) backfilled first
/// with `promtool tsdb create-blocks-from openmetrics`, and a retention long enough to keep
/// it (400 days). It listens on every interface, so that the API server can reach it through
/// a Service whose Endpoints name [`host_ip`] (the service-proxy path of `svc/NAME:PORT`);
/// [`Prometheus::url`] stays on loopback.
///
/// # Panics
/// As [`start`], and when promtool refuses the history.
pub async fn start_with_history(rules: &str, history: &str) -> Option<Prometheus> {
    launch(rules, Some(history), "0.0.0.0").await
}

/// This machine's first non-loopback IPv4 address (`hostname -I`).
pub fn host_ip() -> Option<String> {
    let out = std::process::Command::new("hostname")
        .arg("-I")
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .find(|a| {
            a.parse::<std::net::Ipv4Addr>()
                .is_ok_and(|ip| !ip.is_loopback())
        })
        .map(String::from)
}

impl Prometheus {
    /// Its port.
    pub fn port(&self) -> u16 {
        self.address
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0)
    }
}

async fn launch(rules: &str, history: Option<&str>, bind: &str) -> Option<Prometheus> {
    let found = std::process::Command::new("prometheus")
        .arg("--version")
        .output()
        .is_ok();
    if !require_tool(found, "prometheus", "scripts/test.sh (Debian package)") {
        return None;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let port = free_port();
    let cfg = dir.path().join("prometheus.yml");
    let mut config = format!(
        "global: {{scrape_interval: 1s, evaluation_interval: 1s}}\nscrape_configs:\n- job_name: self\n  static_configs: [{{targets: ['127.0.0.1:{port}']}}]\n"
    );
    if !rules.is_empty() {
        std::fs::write(dir.path().join("rules.yml"), rules).expect("rules");
        config.push_str("rule_files: [rules.yml]\n");
    }
    std::fs::write(&cfg, config).expect("config");
    let data = dir.path().join("data");
    if let Some(history) = history {
        let file = dir.path().join("history.om");
        std::fs::write(&file, history).expect("history");
        let out = std::process::Command::new("promtool")
            .args(["tsdb", "create-blocks-from", "openmetrics"])
            .arg(&file)
            .arg(&data)
            .output()
            .expect("promtool runs");
        assert!(
            out.status.success(),
            "promtool create-blocks-from openmetrics: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let child = std::process::Command::new("prometheus")
        .arg(format!("--config.file={}", cfg.display()))
        .arg(format!("--web.listen-address={bind}:{port}"))
        .arg(format!("--storage.tsdb.path={}", data.display()))
        .arg("--storage.tsdb.retention.time=400d")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("prometheus starts");
    let url = format!("http://127.0.0.1:{port}");
    let p = Prometheus {
        child,
        url: url.clone(),
        address: format!("127.0.0.1:{port}"),
        _dir: dir,
    };
    eventually(
        "prometheus to scrape itself",
        Duration::from_secs(60),
        || {
            let url = url.clone();
            async move {
                let body = tokio::task::spawn_blocking(move || {
                    get(&format!("{url}/api/v1/query?query=up"))
                })
                .await
                .ok()??;
                body.contains("\"value\":[").then_some(())
            }
        },
    )
    .await;
    Some(p)
}
