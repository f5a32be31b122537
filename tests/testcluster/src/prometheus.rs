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
    launch(rules, None, "127.0.0.1", &Extra::default()).await
}

/// A scrape target: the files of a directory served on loopback (python3's http.server),
/// so a test writes `metrics` and Prometheus scrapes it; stopped when dropped.
pub struct FileTarget {
    child: std::process::Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
}

impl FileTarget {
    /// Serves `dir`.
    ///
    /// # Panics
    /// When python3 cannot be started.
    pub fn serve(dir: &std::path::Path) -> Self {
        let port = free_port();
        let child = std::process::Command::new("python3")
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--directory",
            ])
            .arg(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 http.server");
        Self { child, port }
    }
}

impl Drop for FileTarget {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// More of Prometheus' configuration: scrape jobs beside its own, and top-level sections.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    /// Items of `scrape_configs` (YAML list items, each starting with `- job_name:`).
    pub scrape_configs: String,
    /// Top-level sections, e.g. `alerting:` naming an Alertmanager.
    pub top_level: String,
    /// Prometheus' `--web.config.file` (TLS, basic auth); with it the server is reached over
    /// https and [`Prometheus::url`] says so.
    pub web_config: String,
}

/// Like [`start`], with `extra` configuration (a scrape job for a test's target, an
/// Alertmanager to send alerts to).
pub async fn start_with(rules: &str, extra: &Extra) -> Option<Prometheus> {
    launch(rules, None, "127.0.0.1", extra).await
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
    launch(rules, Some(history), "0.0.0.0", &Extra::default()).await
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

async fn launch(
    rules: &str,
    history: Option<&str>,
    bind: &str,
    extra: &Extra,
) -> Option<Prometheus> {
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
    config.push_str(&extra.scrape_configs);
    if !extra.scrape_configs.is_empty() && !extra.scrape_configs.ends_with('\n') {
        config.push('\n');
    }
    config.push_str(&extra.top_level);
    if !extra.top_level.is_empty() && !extra.top_level.ends_with('\n') {
        config.push('\n');
    }
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
    let mut web = Vec::new();
    if !extra.web_config.is_empty() {
        let file = dir.path().join("web.yml");
        std::fs::write(&file, &extra.web_config).expect("web config");
        web.push(format!("--web.config.file={}", file.display()));
    }
    let child = std::process::Command::new("prometheus")
        .args(&web)
        .arg(format!("--config.file={}", cfg.display()))
        .arg(format!("--web.listen-address={bind}:{port}"))
        .arg(format!("--storage.tsdb.path={}", data.display()))
        .arg("--storage.tsdb.retention.time=400d")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("prometheus starts");
    let scheme = if extra.web_config.contains("tls_server_config") {
        "https"
    } else {
        "http"
    };
    let url = format!("{scheme}://127.0.0.1:{port}");
    let p = Prometheus {
        child,
        url: url.clone(),
        address: format!("127.0.0.1:{port}"),
        _dir: dir,
    };
    if !extra.web_config.is_empty() {
        // Behind TLS or a password: ready once it listens; the test authenticates itself.
        eventually(
            "prometheus to listen",
            Duration::from_secs(60),
            || async move {
                std::net::TcpStream::connect(("127.0.0.1", port))
                    .ok()
                    .map(|_| ())
            },
        )
        .await;
        return Some(p);
    }
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

/// Makes `port` on this machine reachable as `svc/SERVICE:SERVICE_PORT` in `ns` through the
/// API server's service proxy. The proxy only forwards to addresses that belong to a Pod,
/// and no kubelet runs pods here: so a Pod on a node no kwok manages, whose status says it
/// runs at [`host_ip`], stands in for the server's pod, and a selector-less Service's
/// Endpoints name it. Returns the node's name, for [`stop_serving`].
///
/// # Panics
/// When the objects cannot be created.
pub async fn serve_as_service(
    ns: &crate::testing::TestNamespace,
    service: &str,
    service_port: u16,
    port: u16,
) -> String {
    let ip = host_ip().expect("a non-loopback address for the Endpoints");
    let node = format!("{}-node", ns.name);
    crate::testing::static_node(
        &ns.client,
        &node,
        serde_json::json!({"sre-toolkit-test": "proxy"}),
        serde_json::json!({}),
    )
    .await
    .expect("node");
    let pod = serde_json::json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": service, "namespace": ns.name},
        "spec": {"nodeName": node, "tolerations": [{"operator": "Exists"}],
            "containers": [{"name": "server", "image": "stand-in"}]},
        "status": {"phase": "Running", "podIP": ip, "podIPs": [{"ip": ip}]}});
    ns.apply(pod.clone()).await.expect("pod");
    crate::testing::write_status(&ns.client, Some(&ns.name), &pod)
        .await
        .expect("pod status");
    ns.apply(serde_json::json!({"apiVersion": "v1", "kind": "Service",
        "metadata": {"name": service},
        "spec": {"ports": [{"name": "web", "port": service_port, "targetPort": port}]}}))
        .await
        .expect("service");
    ns.apply(serde_json::json!({"apiVersion": "v1", "kind": "Endpoints",
        "metadata": {"name": service},
        "subsets": [{"addresses": [{"ip": ip, "targetRef": {"kind": "Pod", "name": service, "namespace": ns.name}}],
            "ports": [{"name": "web", "port": port}]}]}))
        .await
        .expect("endpoints");
    node
}

/// Removes what [`serve_as_service`] made, and the namespace.
pub async fn stop_serving(ns: crate::testing::TestNamespace, node: &str) {
    let nodes: kube::Api<k8s_openapi::api::core::v1::Node> = kube::Api::all(ns.client.clone());
    let _ = nodes.delete(node, &Default::default()).await;
    ns.delete().await;
}

/// A running Alertmanager (Debian's prometheus-alertmanager), stopped when dropped.
pub struct Alertmanager {
    child: std::process::Child,
    /// Its base URL, `http://127.0.0.1:PORT`.
    pub url: String,
    /// `127.0.0.1:PORT`, for Prometheus' `alerting` section.
    pub address: String,
    _dir: tempfile::TempDir,
}

impl Drop for Alertmanager {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts Alertmanager on loopback with `config` (its YAML), a single node (no gossip);
/// waits until it answers `/api/v2/status`. `None` where it is missing and not required.
///
/// # Panics
/// When it is missing under `CI`/`TESTCLUSTER_REQUIRE`, or does not start.
pub async fn alertmanager(config: &str) -> Option<Alertmanager> {
    let found = std::process::Command::new("prometheus-alertmanager")
        .arg("--version")
        .output()
        .is_ok();
    if !require_tool(
        found,
        "prometheus-alertmanager",
        "scripts/test.sh (Debian package)",
    ) {
        return None;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let port = free_port();
    let cfg = dir.path().join("alertmanager.yml");
    std::fs::write(&cfg, config).expect("config");
    let child = std::process::Command::new("prometheus-alertmanager")
        .arg(format!("--config.file={}", cfg.display()))
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .arg(format!(
            "--storage.path={}",
            dir.path().join("data").display()
        ))
        .arg("--cluster.listen-address=")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("alertmanager starts");
    let url = format!("http://127.0.0.1:{port}");
    let am = Alertmanager {
        child,
        url: url.clone(),
        address: format!("127.0.0.1:{port}"),
        _dir: dir,
    };
    eventually("alertmanager to answer", Duration::from_secs(60), || {
        let url = url.clone();
        async move {
            tokio::task::spawn_blocking(move || get(&format!("{url}/api/v2/status")))
                .await
                .ok()?
                .map(|_| ())
        }
    })
    .await;
    Some(am)
}
