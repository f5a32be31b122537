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
