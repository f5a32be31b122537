//! Seeding a cluster at scale: fake nodes, namespaces and pods bound straight to nodes
//! (no scheduler round trip), a share of them faulty through the fault stages in
//! `tests/stages/` and kwok's failed-container chaos stage.

use crate::controlplane::{fake_node, node_ready};
use anyhow::Result;
use futures::{StreamExt, TryStreamExt, stream};
use k8s_openapi::api::core::v1::{Namespace, Node, Pod};
use kube::Client;
use kube::api::{Api, ListParams, PostParams};
use std::time::{Duration, Instant};

/// Requests in flight while seeding.
const CONCURRENCY: usize = 96;

/// What to create.
#[derive(Debug, Clone)]
pub struct SeedSpec {
    /// Fake nodes (`seed-node-N`).
    pub nodes: usize,
    /// Pods, spread over `namespaces` and bound round-robin to the nodes.
    pub pods: usize,
    /// Namespaces (`seed-N`).
    pub namespaces: usize,
    /// Every `fault_every`-th pod is faulty (0 = none).
    pub fault_every: usize,
}

/// How long each phase took.
#[derive(Debug, Clone)]
pub struct SeedReport {
    /// Creating the nodes and waiting for all of them to be Ready.
    pub nodes: Duration,
    /// Creating the pods.
    pub pods_created: Duration,
    /// Until every pod had left Pending (Running, or failed by a fault stage).
    pub pods_settled: Duration,
    /// Faulty pods created.
    pub faulty: usize,
}

/// The fault a seeded pod carries, chosen by its index so runs are reproducible.
pub fn fault_labels(i: usize) -> (serde_json::Value, serde_json::Value) {
    use serde_json::json;
    match i % 4 {
        0 => (
            json!({"fault.sre-toolkit.io/state": "waiting"}),
            json!({"fault.sre-toolkit.io/reason": "CrashLoopBackOff",
                   "fault.sre-toolkit.io/message": "back-off 5m0s restarting failed container",
                   "fault.sre-toolkit.io/restarts": "12", "fault.sre-toolkit.io/last-reason": "Error"}),
        ),
        1 => (
            json!({"fault.sre-toolkit.io/state": "waiting"}),
            json!({"fault.sre-toolkit.io/reason": "ImagePullBackOff",
                   "fault.sre-toolkit.io/message": "Back-off pulling image \"registry.invalid/app:missing\""}),
        ),
        2 => (
            json!({"fault.sre-toolkit.io/state": "waiting"}),
            json!({"fault.sre-toolkit.io/reason": "CrashLoopBackOff",
                   "fault.sre-toolkit.io/message": "back-off 2m40s restarting failed container",
                   "fault.sre-toolkit.io/restarts": "6", "fault.sre-toolkit.io/last-reason": "OOMKilled",
                   "fault.sre-toolkit.io/exit-code": "137"}),
        ),
        _ => (
            json!({"pod-container-running-failed.stage.kwok.x-k8s.io": "true"}),
            json!({"pod-container-running-failed.stage.kwok.x-k8s.io/reason": "Error",
                   "pod-container-running-failed.stage.kwok.x-k8s.io/exit-code": "2",
                   "pod-container-running-failed.stage.kwok.x-k8s.io/delay": "0"}),
        ),
    }
}

fn seed_pod(i: usize, node: &str, faulty: bool) -> Pod {
    use serde_json::json;
    let (mut labels, annotations) = if faulty {
        fault_labels(i / 97)
    } else {
        (json!({}), json!({}))
    };
    labels["app"] = json!(format!("app-{}", i % 50));
    labels["seed.sre-toolkit.io/pod"] = json!("true");
    serde_json::from_value(json!({
        "metadata": {"name": format!("pod-{i}"), "labels": labels, "annotations": annotations},
        "spec": {
            "nodeName": node,
            "containers": [{
                "name": "app",
                "image": "registry.example/app:1.4.2",
                "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}, "limits": {"memory": "64Mi"}}
            }],
            "tolerations": [{"key": "kwok.x-k8s.io/node", "operator": "Exists", "effect": "NoSchedule"}]
        }
    }))
    .expect("static pod manifest is valid")
}

async fn create<K>(api: Api<K>, obj: K) -> Result<()>
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
{
    match api.create(&PostParams::default(), &obj).await {
        Ok(_) => Ok(()),
        Err(kube::Error::Api(s)) if s.code == 409 => Ok(()),
        Err(e) => Err(e.into()),
    }
}

async fn count_paged<K>(api: &Api<K>, lp: ListParams, keep: impl Fn(&K) -> bool) -> Result<usize>
where
    K: Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let mut lp = lp.limit(2000);
    let mut n = 0;
    loop {
        let page = api.list(&lp).await?;
        n += page.items.iter().filter(|o| keep(o)).count();
        match page.metadata.continue_.filter(|c| !c.is_empty()) {
            Some(t) => lp = lp.continue_token(&t),
            None => return Ok(n),
        }
    }
}

/// Creates the nodes and pods of `spec` and waits until kwok has settled them. `progress`
/// receives a line per phase.
pub async fn seed(
    client: &Client,
    spec: &SeedSpec,
    progress: impl Fn(String),
) -> Result<SeedReport> {
    let t0 = Instant::now();
    let nodes: Api<Node> = Api::all(client.clone());
    stream::iter(
        (0..spec.nodes).map(|i| create(nodes.clone(), fake_node(&format!("seed-node-{i}")))),
    )
    .buffer_unordered(CONCURRENCY)
    .try_collect::<Vec<_>>()
    .await?;
    loop {
        let ready = count_paged(&nodes, ListParams::default(), node_ready).await?;
        progress(format!("nodes Ready: {ready}"));
        if ready >= spec.nodes {
            break;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let nodes_took = t0.elapsed();

    let namespaces = spec.namespaces.max(1);
    let ns_api: Api<Namespace> = Api::all(client.clone());
    for j in 0..namespaces {
        let ns: Namespace =
            serde_json::from_value(serde_json::json!({"metadata": {"name": format!("seed-{j}")}}))?;
        create(ns_api.clone(), ns).await?;
    }
    let t1 = Instant::now();
    let mut faulty = 0;
    let pods = (0..spec.pods).map(|i| {
        // Counted per round over the namespaces, so every namespace gets its share of faults.
        let is_faulty =
            spec.fault_every > 0 && (i / namespaces) % spec.fault_every == spec.fault_every - 1;
        faulty += usize::from(is_faulty);
        let api: Api<Pod> = Api::namespaced(client.clone(), &format!("seed-{}", i % namespaces));
        create(
            api,
            seed_pod(
                i,
                &format!("seed-node-{}", i % spec.nodes.max(1)),
                is_faulty,
            ),
        )
    });
    let mut done = 0usize;
    let mut s = stream::iter(pods).buffer_unordered(CONCURRENCY);
    while let Some(r) = s.next().await {
        r?;
        done += 1;
        if done.is_multiple_of(5000) {
            progress(format!("pods created: {done}/{}", spec.pods));
        }
    }
    drop(s);
    let pods_created = t1.elapsed();
    let all: Api<Pod> = Api::all(client.clone());
    let lp = ListParams::default().labels("seed.sre-toolkit.io/pod=true");
    loop {
        let pending = count_paged(&all, lp.clone(), |p: &Pod| {
            p.status
                .as_ref()
                .and_then(|s| s.phase.as_deref())
                .is_none_or(|ph| ph == "Pending")
        })
        .await?;
        progress(format!("pods still Pending: {pending}"));
        if pending == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    Ok(SeedReport {
        nodes: nodes_took,
        pods_created,
        pods_settled: t1.elapsed(),
        faulty,
    })
}

/// Creates `secrets` TLS Secrets (leaf + intermediate in `tls.crt`, key, root in `ca.crt`)
/// spread over `namespaces` namespaces `certs-seed-N`, plus one ConfigMap trust bundle (three
/// certificates) per 20 Secrets; one Secret in 50 expires within a week. Returns how many
/// objects were created.
pub async fn seed_tls(
    client: &Client,
    secrets: usize,
    namespaces: usize,
    progress: impl Fn(String),
) -> Result<usize> {
    use k8s_openapi::api::core::v1::{ConfigMap, Secret};
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let namespaces = namespaces.max(1);
    let ns_api: Api<Namespace> = Api::all(client.clone());
    for j in 0..namespaces {
        let ns: Namespace = serde_json::from_value(
            serde_json::json!({"metadata": {"name": format!("certs-seed-{j}")}}),
        )?;
        create(ns_api.clone(), ns).await?;
    }
    let ca_params = || -> Result<CertificateParams> {
        let mut p = CertificateParams::new(Vec::<String>::new())?;
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        Ok(p)
    };
    let root_key = KeyPair::generate()?;
    let root = ca_params()?.self_signed(&root_key)?;
    let root_issuer = Issuer::new(ca_params()?, root_key);
    let inter_key = KeyPair::generate()?;
    let inter = ca_params()?.signed_by(&inter_key, &root_issuer)?;
    let issuer = Issuer::new(ca_params()?, inter_key);
    let now = time::OffsetDateTime::now_utc();
    let mut objects = Vec::new();
    for i in 0..secrets {
        let key = KeyPair::generate()?;
        let mut p = CertificateParams::new(vec![format!("svc-{i}.seed.example")])?;
        p.not_before = now - time::Duration::days(30);
        p.not_after = now + time::Duration::days(if i % 50 == 0 { 5 } else { 200 });
        let leaf = p.signed_by(&key, &issuer)?;
        let secret: Secret = serde_json::from_value(serde_json::json!({
            "metadata": {"name": format!("tls-{i}")},
            "type": "kubernetes.io/tls",
            "stringData": {"tls.crt": format!("{}{}", leaf.pem(), inter.pem()), "tls.key": key.serialize_pem(), "ca.crt": root.pem()}
        }))?;
        objects.push((i % namespaces, Some(secret), None));
        if i % 20 == 0 {
            let cm: ConfigMap = serde_json::from_value(serde_json::json!({
                "metadata": {"name": format!("bundle-{i}")},
                "data": {"ca-bundle.crt": format!("{}{}{}", root.pem(), inter.pem(), leaf.pem())}
            }))?;
            objects.push((i % namespaces, None, Some(cm)));
        }
    }
    let total = objects.len();
    let mut done = 0usize;
    let mut s = stream::iter(objects.into_iter().map(|(j, secret, cm)| {
        let ns = format!("certs-seed-{j}");
        let client = client.clone();
        async move {
            if let Some(s) = secret {
                create(Api::<Secret>::namespaced(client.clone(), &ns), s).await?;
            }
            if let Some(c) = cm {
                create(Api::<ConfigMap>::namespaced(client, &ns), c).await?;
            }
            anyhow::Ok(())
        }
    }))
    .buffer_unordered(CONCURRENCY);
    while let Some(r) = s.next().await {
        r?;
        done += 1;
        if done.is_multiple_of(2000) {
            progress(format!("TLS objects created: {done}/{total}"));
        }
    }
    Ok(total)
}
