//! Support for real-cluster tests: attach to the running local control plane, and give each
//! test its own namespace.
//!
//! Tests call [`env`]. When no cluster runs, a test fails under `CI=true` or
//! `TESTCLUSTER_REQUIRE=1`, and otherwise returns `None` after saying how to start one.

use crate::controlplane::{State, client_for};
use anyhow::Result;
use k8s_openapi::api::core::v1::{Namespace, ServiceAccount};
use kube::Client;
use kube::api::{Api, DeleteParams, PostParams};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The running cluster, as a test sees it.
#[derive(Debug, Clone)]
pub struct Env {
    /// The kubeconfig with contexts `admin`, `limited` and `cert-admin`.
    pub kubeconfig: PathBuf,
    /// The API server URL.
    pub server: String,
}

fn required() -> bool {
    let on = |k: &str| std::env::var(k).is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    on("CI") || on("TESTCLUSTER_REQUIRE")
}

/// The running cluster, or `None` (with a message) when there is none and it is not required.
///
/// # Panics
/// When no cluster runs and `CI` or `TESTCLUSTER_REQUIRE` is set.
#[allow(clippy::print_stderr)] // the test's own output: why it did nothing
pub async fn env() -> Option<Env> {
    let dir = crate::cluster_dir();
    let found = match State::read(&dir) {
        Some(state) if state.all_alive() => match client_for(&state.kubeconfig, "admin").await {
            Ok(c) if c.apiserver_version().await.is_ok() => Some(Env {
                kubeconfig: state.kubeconfig,
                server: state.server,
            }),
            _ => None,
        },
        _ => None,
    };
    if found.is_none() {
        let msg = format!(
            "no local control plane is running (looked in {}); start one with `cargo xtask cluster up`",
            dir.display()
        );
        assert!(!required(), "{msg}");
        eprintln!("skipping real-cluster test: {msg}");
    }
    found
}

/// Whether a test may use `tool`: `true` when `found`; when not, a test fails under `CI` or
/// `TESTCLUSTER_REQUIRE` (the scripts install it) and otherwise skips with a message.
///
/// # Panics
/// When the tool is missing and a tool is required.
#[allow(clippy::print_stderr)] // the test's own output: why it did nothing
pub fn require_tool(found: bool, tool: &str, installed_by: &str) -> bool {
    if !found {
        let msg = format!("{tool} is missing; {installed_by} installs it");
        assert!(!required(), "{msg}");
        eprintln!("skipping: {msg}");
    }
    found
}

/// prometheus-operator's PrometheusRule CRD, as `scripts/lib/prereqs.sh` fetches it into the
/// cache (from the operator's Go module), or `SRE_TOOLKIT_PROMETHEUS_RULE_CRD`.
pub fn prometheus_rule_crd() -> PathBuf {
    std::env::var_os("SRE_TOOLKIT_PROMETHEUS_RULE_CRD")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            crate::cache_dir().join("crds/monitoring.coreos.com_prometheusrules.yaml")
        })
}

/// The SARIF 2.1.0 JSON schema, as `scripts/lib/prereqs.sh` fetches it into the cache (from
/// the npm package @microsoft/jest-sarif), or `SRE_TOOLKIT_SARIF_SCHEMA`.
pub fn sarif_schema() -> PathBuf {
    std::env::var_os("SRE_TOOLKIT_SARIF_SCHEMA")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::cache_dir().join("sarif/sarif-schema-2.1.0.json"))
}

/// Checks a SARIF log the way GitHub code scanning takes uploads: valid against the 2.1.0
/// schema (python3 `jsonschema`), every result with a rule of the driver, a message, a
/// physical location (artifact URI, region start line) and `partialFingerprints`. Returns
/// the problems found (empty: acceptable). Skips the schema part only where no tool is
/// required (see [`require_tool`]).
pub fn sarif_problems(doc: &serde_json::Value) -> Vec<String> {
    let mut problems = Vec::new();
    if doc["version"] != "2.1.0" {
        problems.push("version is not 2.1.0".into());
    }
    for (r, run) in doc["runs"].as_array().into_iter().flatten().enumerate() {
        let rules: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["id"].as_str())
            .collect();
        if run["tool"]["driver"]["name"]
            .as_str()
            .is_none_or(str::is_empty)
        {
            problems.push(format!("run {r}: tool.driver.name missing"));
        }
        for (i, res) in run["results"].as_array().into_iter().flatten().enumerate() {
            let at = format!("run {r} result {i}");
            match res["ruleId"].as_str() {
                Some(id) if rules.contains(&id) => {}
                other => problems.push(format!("{at}: ruleId {other:?} is not a driver rule")),
            }
            if res["message"]["text"].as_str().is_none_or(str::is_empty) {
                problems.push(format!("{at}: no message.text"));
            }
            let loc = &res["locations"][0]["physicalLocation"];
            if loc["artifactLocation"]["uri"]
                .as_str()
                .is_none_or(str::is_empty)
            {
                problems.push(format!("{at}: no physicalLocation.artifactLocation.uri"));
            }
            if loc["region"]["startLine"].as_u64().is_none_or(|l| l < 1) {
                problems.push(format!("{at}: no region.startLine >= 1"));
            }
            if res["partialFingerprints"]
                .as_object()
                .is_none_or(|m| m.is_empty())
            {
                problems.push(format!("{at}: no partialFingerprints"));
            }
        }
    }
    let schema = sarif_schema();
    let python_has_jsonschema = std::process::Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if require_tool(
        schema.exists() && python_has_jsonschema,
        "the SARIF schema or python3 jsonschema",
        "scripts/test.sh (ensure_sarif_schema)",
    ) {
        let dir = std::env::temp_dir().join(format!(
            "sre-toolkit-sarif-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("log.sarif");
        let _ = std::fs::write(&file, doc.to_string());
        let out = std::process::Command::new("python3")
            .args([
                "-c",
                "import json,sys,jsonschema\nschema=json.load(open(sys.argv[1]))\nlog=json.load(open(sys.argv[2]))\nv=jsonschema.Draft4Validator(schema)\nerrs=sorted(v.iter_errors(log), key=lambda e: list(e.path))\nfor e in errs[:20]: print('/'.join(map(str,e.path)), e.message)\nsys.exit(1 if errs else 0)",
            ])
            .arg(&schema)
            .arg(&file)
            .output();
        let _ = std::fs::remove_dir_all(&dir);
        match out {
            Ok(o) if o.status.success() => {}
            Ok(o) => problems.push(format!(
                "schema: {}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            )),
            Err(e) => problems.push(format!("cannot run python3: {e}")),
        }
    }
    problems
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl Env {
    /// A client for `context` (`admin`, `limited` or `cert-admin`).
    pub async fn client(&self, context: &str) -> Client {
        client_for(&self.kubeconfig, context)
            .await
            .expect("kubeconfig of the running cluster loads")
    }

    /// Creates a fresh namespace for one test, labelled `sre-toolkit.io/test`, and waits for
    /// its default ServiceAccount (pods are rejected before it exists).
    pub async fn namespace(&self, prefix: &str) -> TestNamespace {
        let client = self.client("admin").await;
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "{prefix}-{}-{n}-{:x}",
            std::process::id() % 10000,
            nanos % 0xffff
        );
        let name: String = name
            .chars()
            .take(63)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string();
        let nss: Api<Namespace> = Api::all(client.clone());
        let ns: Namespace = serde_json::from_value(serde_json::json!({
            "metadata": {"name": name, "labels": {"sre-toolkit.io/test": "true"}}
        }))
        .expect("valid namespace");
        nss.create(&PostParams::default(), &ns)
            .await
            .expect("create test namespace");
        let sas: Api<ServiceAccount> = Api::namespaced(client.clone(), &name);
        let start = Instant::now();
        while sas.get_opt("default").await.ok().flatten().is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "default ServiceAccount never appeared in {name}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        TestNamespace { name, client }
    }
}

/// A namespace owned by one test.
#[derive(Clone)]
pub struct TestNamespace {
    /// Its name.
    pub name: String,
    /// An admin client.
    pub client: Client,
}

impl TestNamespace {
    /// Applies a manifest (JSON) in this namespace with server-side apply.
    pub async fn apply(&self, obj: serde_json::Value) -> Result<serde_json::Value> {
        crate::testing::apply(&self.client, Some(&self.name), obj).await
    }

    /// Deletes the namespace (best effort; the cluster is thrown away after the run anyway).
    pub async fn delete(self) {
        let nss: Api<Namespace> = Api::all(self.client.clone());
        let _ = nss.delete(&self.name, &DeleteParams::default()).await;
    }
}

/// Server-side applies `obj` (any kind, discovered from its apiVersion and kind).
pub async fn apply(
    client: &Client,
    namespace: Option<&str>,
    obj: serde_json::Value,
) -> Result<serde_json::Value> {
    use kube::api::{DynamicObject, Patch, PatchParams};
    use kube::discovery::Scope;
    let gvk = {
        let api_version = obj["apiVersion"].as_str().unwrap_or("v1");
        let kind = obj["kind"].as_str().unwrap_or_default();
        let (group, version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
        kube::core::GroupVersionKind::gvk(group, version, kind)
    };
    let (ar, caps) = kube::discovery::pinned_kind(client, &gvk).await?;
    let name = obj["metadata"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let api: Api<DynamicObject> = match (caps.scope, namespace) {
        (Scope::Namespaced, Some(ns)) => Api::namespaced_with(client.clone(), ns, &ar),
        (Scope::Namespaced, None) => Api::default_namespaced_with(client.clone(), &ar),
        (Scope::Cluster, _) => Api::all_with(client.clone(), &ar),
    };
    let applied = api
        .patch(
            &name,
            &PatchParams::apply("sre-toolkit-tests").force(),
            &Patch::Apply(&obj),
        )
        .await?;
    Ok(serde_json::to_value(applied)?)
}

/// The taint on nodes made by [`static_node`].
pub const STATIC_NODE_TAINT: &str = "sre-toolkit.io/static-test-node";

/// What a plugin run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 if killed by a signal).
    pub code: i32,
    /// stdout.
    pub stdout: String,
    /// stderr.
    pub stderr: String,
}

impl Run {
    /// The single `error: ` line of a failed run, after checking the error contract: exactly
    /// one error line, a hint, no panic, nothing on stdout.
    ///
    /// # Panics
    /// When the contract is broken.
    pub fn one_error_line(&self) -> &str {
        let errors: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .collect();
        assert_eq!(
            errors.len(),
            1,
            "want exactly one error line, got:\n{}",
            self.stderr
        );
        assert!(
            self.stderr.contains("  hint: "),
            "want a hint, got:\n{}",
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        assert!(
            self.stdout.is_empty(),
            "stdout must stay empty on errors: {}",
            self.stdout
        );
        errors[0]
    }

    /// stdout parsed as JSON.
    ///
    /// # Panics
    /// When stdout is not JSON; the message shows stderr.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}); exit {}; stderr:\n{}",
                self.code, self.stderr
            )
        })
    }
}

/// Runs a plugin binary hermetically (no inherited KUBECONFIG, NO_COLOR, TERM, HOME, log
/// variables or in-cluster service variables), with `args` as given.
pub fn run_plugin(bin: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let home = std::env::temp_dir().join("sre-toolkit-test-home");
    let _ = std::fs::create_dir_all(&home);
    let mut cmd = std::process::Command::new(bin);
    cmd.args(args)
        .env_remove("KUBECONFIG")
        .env_remove("NO_COLOR")
        .env_remove("SRE_TOOLKIT_LOG")
        .env_remove("KUBERNETES_SERVICE_HOST")
        .env_remove("KUBERNETES_SERVICE_PORT")
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", &home)
        .env("TERM", "dumb")
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("failed to run {}: {e}", bin.display()));
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Polls `f` until it returns `Some`, or panics after `timeout` with `what`.
pub async fn eventually<T, F, Fut>(what: &str, timeout: Duration, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = f().await {
            return v;
        }
        assert!(
            start.elapsed() < timeout,
            "timed out after {}s waiting for {what}",
            timeout.as_secs()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Replaces an object's status through the status subresource (kind from `obj`).
pub async fn write_status(
    client: &Client,
    namespace: Option<&str>,
    obj: &serde_json::Value,
) -> Result<()> {
    use kube::api::{DynamicObject, Patch, PatchParams};
    use kube::discovery::Scope;
    let api_version = obj["apiVersion"].as_str().unwrap_or("v1");
    let (group, version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
    let gvk =
        kube::core::GroupVersionKind::gvk(group, version, obj["kind"].as_str().unwrap_or_default());
    let (ar, caps) = kube::discovery::pinned_kind(client, &gvk).await?;
    let api: Api<DynamicObject> = match (caps.scope, namespace) {
        (Scope::Namespaced, Some(ns)) => Api::namespaced_with(client.clone(), ns, &ar),
        _ => Api::all_with(client.clone(), &ar),
    };
    let name = obj["metadata"]["name"].as_str().unwrap_or_default();
    let patch = serde_json::json!({"apiVersion": api_version, "kind": obj["kind"], "status": obj["status"]});
    api.patch_status(
        name,
        &PatchParams::apply("sre-toolkit-tests").force(),
        &Patch::Apply(&patch),
    )
    .await?;
    Ok(())
}

/// Creates a node that kwok does not manage (no `kwok.x-k8s.io/node` annotation), so its
/// status stays exactly as written: the way tests put nodes into faulty states. It carries a
/// NoSchedule taint so that the scheduler never places other tests' pods on it (nothing
/// would run them); tests bind pods to it with `spec.nodeName`.
pub async fn static_node(
    client: &Client,
    name: &str,
    labels: serde_json::Value,
    status: serde_json::Value,
) -> Result<()> {
    let node = serde_json::json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": labels},
        "spec": {"taints": [{"key": STATIC_NODE_TAINT, "value": "true", "effect": "NoSchedule"}]},
        "status": status,
    });
    apply(client, None, node.clone()).await?;
    write_status(client, None, &node).await
}

/// The DOM of a local HTML file after its scripts ran, rendered by headless Chromium;
/// `None` when no Chromium is installed (outside CI; under CI its absence fails the test).
///
/// # Panics
/// Under `CI` without Chromium (scripts/test.sh installs it).
pub fn chromium_dom(file: &std::path::Path) -> Option<String> {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if !require_tool(
        chromium.is_some(),
        "chromium",
        "scripts/test.sh (ensure_chromium)",
    ) {
        return None;
    }
    let chromium = chromium?;
    let profile = std::env::temp_dir().join(format!("sre-toolkit-chromium-{}", std::process::id()));
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", profile.display()),
            "--dump-dom",
            &format!("file://{}", file.display()),
        ])
        .output()
        .ok()?;
    let _ = std::fs::remove_dir_all(&profile);
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}
