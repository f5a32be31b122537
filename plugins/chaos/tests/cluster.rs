//! Real-cluster tests of `kubectl chaos` on the local control plane (kube-controller-manager,
//! kube-scheduler and kwok run, so ReplicaSets really replace killed pods and kwok makes the
//! replacements Ready). Each test works in its own namespace; node tests use their own
//! static node. Ephemeral containers are added through the real subresource; no kubelet
//! runs them here, so their commands are tested separately (the tc script in a real network
//! namespace, see `tc_script_in_a_network_namespace`).
#![allow(clippy::unwrap_used, clippy::print_stderr)] // measurements are printed for the README

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Event, Pod};
use kube::api::{Api, ListParams};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::time::Duration;
use testcluster::testing::{Env, Run, TestNamespace, env, eventually, run_plugin};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-chaos"))
}

fn args(env: &Env, ns: &str, rest: &[&str]) -> Vec<String> {
    let mut a = vec![
        "--kubeconfig".to_string(),
        env.kubeconfig.display().to_string(),
        "-n".into(),
        ns.into(),
        "--yes".into(),
    ];
    a.extend(rest.iter().map(|s| s.to_string()));
    a
}

async fn chaos(env: &Env, ns: &str, rest: &[&str]) -> Run {
    let a = args(env, ns, rest);
    tokio::task::spawn_blocking(move || {
        let v: Vec<&str> = a.iter().map(String::as_str).collect();
        run_plugin(&bin(), &v, &[])
    })
    .await
    .unwrap()
}

async fn deployment(ns: &TestNamespace, name: &str, replicas: i32) {
    ns.apply(json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
            "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}}}}))
    .await
    .unwrap();
    ready(ns, name, replicas).await;
}

async fn ready(ns: &TestNamespace, name: &str, replicas: i32) {
    let api: Api<Deployment> = Api::namespaced(ns.client.clone(), &ns.name);
    eventually(
        &format!("{name} to have {replicas} ready"),
        Duration::from_secs(60),
        || {
            let api = api.clone();
            async move {
                let d = api.get(name).await.ok()?;
                (d.status?.ready_replicas.unwrap_or(0) == replicas).then_some(())
            }
        },
    )
    .await;
}

async fn pods(ns: &TestNamespace, selector: &str) -> Vec<Pod> {
    Api::<Pod>::namespaced(ns.client.clone(), &ns.name)
        .list(&ListParams::default().labels(selector))
        .await
        .unwrap()
        .items
}

fn experiment(file: &std::path::Path, body: &str) {
    std::fs::write(
        file,
        format!("apiVersion: chaos.sre-toolkit.io/v1alpha1\nkind: Experiment\n{body}"),
    )
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn pod_kill_is_replaced_and_recovery_is_measured() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("chaos-kill").await;
    deployment(&ns, "web", 3).await;
    let before: Vec<String> = pods(&ns, "app=web")
        .await
        .iter()
        .map(|p| p.metadata.uid.clone().unwrap())
        .collect();
    let r = chaos(
        &env,
        &ns.name,
        &[
            "pod-kill", "-l", "app=web", "--count", "1", "-o", "json", "--seed", "7",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    assert_eq!(report["apiVersion"], "chaos.sre-toolkit.io/v1alpha1");
    assert_eq!(report["kind"], "FaultReport");
    assert_eq!(report["actions"].as_array().unwrap().len(), 1);
    let killed = report["actions"][0]["target"]["name"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        report["actions"][0]["kubectl"]
            .as_str()
            .unwrap()
            .starts_with("kubectl delete pod")
    );
    let ttr = report["recoveredAfterSeconds"]
        .as_f64()
        .expect("recovery measured");
    assert!(ttr > 0.0 && ttr < 60.0, "{ttr}");
    // The ReplicaSet replaced it: three ready pods again, one of them new.
    ready(&ns, "web", 3).await;
    let after: Vec<String> = pods(&ns, "app=web")
        .await
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .map(|p| p.metadata.uid.clone().unwrap())
        .collect();
    assert_eq!(
        after.iter().filter(|u| !before.contains(u)).count(),
        1,
        "exactly one replacement"
    );
    // Audit: a JSON line on stderr and an Event on the pod.
    let line: Value = r
        .stderr
        .lines()
        .find_map(|l| serde_json::from_str(l).ok())
        .expect("a JSON audit line");
    assert_eq!(line["fault"], "pod-kill");
    let events = Api::<Event>::namespaced(ns.client.clone(), &ns.name)
        .list(&ListParams::default())
        .await
        .unwrap();
    assert!(
        events
            .items
            .iter()
            .any(|e| e.reason.as_deref() == Some("ChaosInjected")
                && e.involved_object.name.as_deref() == Some(killed.as_str()))
    );
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn experiment_passes_and_measures_time_to_recover() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("chaos-exp").await;
    deployment(&ns, "web", 2).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("e.yaml");
    experiment(
        &file,
        "metadata: {name: web-survives-a-pod-loss}\nsteadyState:\n  interval: 1s\n  recoveryTimeout: 60s\n  probes:\n  - name: web-ready\n    deployment: {name: web, minReady: 2}\nmethod:\n- fault: pod-kill\n  selector: app=web\n  count: 1\n- pause: 1s\n",
    );
    let r = chaos(
        &env,
        &ns.name,
        &["run", file.to_str().unwrap(), "-o", "json"],
    )
    .await;
    assert_eq!(r.code, 0, "{}\n{}", r.stderr, r.stdout);
    let report = r.json();
    assert_eq!(report["verdict"], "passed", "{report}");
    assert!(report["before"][0]["ok"].as_bool().unwrap());
    assert!(report["after"][0]["ok"].as_bool().unwrap());
    let ttr = report["faults"][0]["recoveredAfterSeconds"]
        .as_f64()
        .expect("time to recover");
    assert!(ttr > 0.0, "{ttr}");
    // A hypothesis that does not hold before: nothing is injected, exit 1.
    experiment(
        &file,
        "metadata: {name: impossible}\nsteadyState:\n  probes:\n  - name: web-ready\n    deployment: {name: web, minReady: 5}\nmethod:\n- fault: pod-kill\n  selector: app=web\n",
    );
    let before = pods(&ns, "app=web").await.len();
    let r = chaos(
        &env,
        &ns.name,
        &["run", file.to_str().unwrap(), "-o", "json"],
    )
    .await;
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.json()["reason"]
            .as_str()
            .unwrap()
            .contains("before the method")
    );
    assert_eq!(pods(&ns, "app=web").await.len(), before);
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_probe_rolls_back_at_once() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("chaos-abort").await;
    deployment(&ns, "web", 2).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("e.yaml");
    experiment(
        &file,
        "metadata: {name: scale-to-zero}\nsteadyState:\n  interval: 1s\n  recoveryTimeout: 30s\n  abortOnFailure: true\n  probes:\n  - name: web-ready\n    deployment: {name: web, minReady: 1}\nmethod:\n- fault: scale\n  workload: deployment/web\n  duration: 120s\n",
    );
    let r = chaos(
        &env,
        &ns.name,
        &["run", file.to_str().unwrap(), "-o", "json"],
    )
    .await;
    assert_eq!(r.code, 1, "{}", r.stderr);
    let report = r.json();
    // Stopped by the failing probe, not by the end of the 120 s fault.
    assert!(
        !report["faults"][0]["deviations"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{report}"
    );
    assert_eq!(report["verdict"], "failed");
    assert!(
        report["reason"].as_str().unwrap().contains("rolled back"),
        "{report}"
    );
    assert_eq!(report["faults"][0]["rolledBack"], true);
    let d = Api::<Deployment>::namespaced(ns.client.clone(), &ns.name)
        .get("web")
        .await
        .unwrap();
    assert_eq!(d.spec.unwrap().replicas, Some(2), "replicas restored");
    assert!(
        !d.metadata
            .labels
            .unwrap_or_default()
            .contains_key("chaos.sre-toolkit.io/run"),
        "marks removed"
    );
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn dry_run_changes_nothing_and_guards_refuse() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("chaos-dry").await;
    deployment(&ns, "web", 3).await;
    let versions = |pods: Vec<Pod>| {
        pods.into_iter()
            .map(|p| {
                (
                    p.metadata.name.unwrap(),
                    p.metadata.resource_version.unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = versions(pods(&ns, "app=web").await);
    let dep_rv = Api::<Deployment>::namespaced(ns.client.clone(), &ns.name)
        .get("web")
        .await
        .unwrap()
        .metadata
        .resource_version;
    for cmd in [
        vec!["pod-kill", "-l", "app=web", "--all"],
        vec![
            "pod-failure",
            "-l",
            "app=web",
            "--count",
            "2",
            "--duration",
            "30s",
        ],
        vec!["scale", "--workload", "deployment/web", "--duration", "30s"],
        vec![
            "network",
            "-l",
            "app=web",
            "--latency",
            "100ms",
            "--duration",
            "30s",
        ],
        vec!["stress", "-l", "app=web", "--cpu", "1", "--duration", "30s"],
    ] {
        let mut a = cmd.clone();
        a.extend(["--dry-run", "-o", "json"]);
        let r = chaos(&env, &ns.name, &a).await;
        assert_eq!(r.code, 0, "{cmd:?}: {}", r.stderr);
        let actions = r.json()["actions"].as_array().unwrap().len();
        assert!(actions >= 1, "{cmd:?}: the plan lists what would be done");
        assert!(r.stderr.contains("\"status\":\"dry-run\""), "{}", r.stderr);
    }
    assert_eq!(
        versions(pods(&ns, "app=web").await),
        before,
        "no pod changed"
    );
    assert_eq!(
        Api::<Deployment>::namespaced(ns.client.clone(), &ns.name)
            .get("web")
            .await
            .unwrap()
            .metadata
            .resource_version,
        dep_rv
    );
    // Protected namespaces, by name and by label.
    let r = chaos(&env, "kube-system", &["pod-kill", "-l", "component=none"]).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.one_error_line()
            .contains("namespace kube-system is protected")
    );
    assert!(r.stderr.contains("--allow-namespace"));
    ns.apply(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns.name, "labels": {"chaos.sre-toolkit.io/protected": "true"}}})).await.unwrap();
    let r = chaos(&env, &ns.name, &["pod-kill", "-l", "app=web"]).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("chaos.sre-toolkit.io/protected=true"));
    // The blast radius.
    let r = chaos(
        &env,
        &ns.name,
        &[
            "pod-kill",
            "-l",
            "app=web",
            "--all",
            "--allow-namespace",
            &ns.name,
            "--max-targets",
            "2",
        ],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.one_error_line().contains("exceed the blast radius of 2"));
    let r = chaos(
        &env,
        &ns.name,
        &[
            "pod-kill",
            "-l",
            "app=web",
            "--count",
            "2",
            "--allow-namespace",
            &ns.name,
            "--max-percent",
            "50",
        ],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(versions(pods(&ns, "app=web").await), before);
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn pod_failure_swaps_images_and_restores_them() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("chaos-fail").await;
    deployment(&ns, "web", 1).await;
    let name = pods(&ns, "app=web").await[0].metadata.name.clone().unwrap();
    let a = args(
        &env,
        &ns.name,
        &[
            "pod-failure",
            "-l",
            "app=web",
            "--duration",
            "4s",
            "-o",
            "json",
        ],
    );
    let child = tokio::task::spawn_blocking(move || {
        let v: Vec<&str> = a.iter().map(String::as_str).collect();
        run_plugin(&bin(), &v, &[])
    });
    let api: Api<Pod> = Api::namespaced(ns.client.clone(), &ns.name);
    eventually("the image swapped", Duration::from_secs(30), || {
        let api = api.clone();
        let name = name.clone();
        async move {
            let p = api.get(&name).await.ok()?;
            let image = p.spec?.containers[0].image.clone()?;
            (image == chaos::inject::FAILURE_IMAGE
                && p.metadata
                    .annotations?
                    .contains_key("chaos.sre-toolkit.io/rollback"))
            .then_some(())
        }
    })
    .await;
    let r = child.await.unwrap();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["rolledBack"], true);
    let p = api.get(&name).await.unwrap();
    assert_eq!(
        p.spec.unwrap().containers[0].image.as_deref(),
        Some("nginx:1.27")
    );
    assert!(
        !p.metadata
            .annotations
            .unwrap_or_default()
            .contains_key("chaos.sre-toolkit.io/rollback")
    );
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ephemeral_container_faults_and_their_guards() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("chaos-eph").await;
    deployment(&ns, "web", 1).await;
    let name = pods(&ns, "app=web").await[0].metadata.name.clone().unwrap();
    let r = chaos(
        &env,
        &ns.name,
        &[
            "network",
            "-l",
            "app=web",
            "--latency",
            "100ms",
            "--jitter",
            "10ms",
            "--duration",
            "1s",
            "-o",
            "json",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["rolledBack"], true);
    let r = chaos(
        &env,
        &ns.name,
        &[
            "stress",
            "-l",
            "app=web",
            "--cpu",
            "2",
            "--memory-mib",
            "64",
            "--duration",
            "1s",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = chaos(&env, &ns.name, &["container-kill", "-l", "app=web"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let p = Api::<Pod>::namespaced(ns.client.clone(), &ns.name)
        .get(&name)
        .await
        .unwrap();
    let eph = p.spec.unwrap().ephemeral_containers.unwrap_or_default();
    let by = |prefix: &str| {
        eph.iter()
            .find(|c| c.name.starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix} in {eph:#?}"))
            .clone()
    };
    let net = by("chaos-net-");
    let caps = net
        .security_context
        .as_ref()
        .unwrap()
        .capabilities
        .as_ref()
        .unwrap();
    assert_eq!(caps.add.as_deref(), Some(&["NET_ADMIN".to_string()][..]));
    assert_eq!(caps.drop.as_deref(), Some(&["ALL".to_string()][..]));
    assert!(
        net.command.as_ref().unwrap()[2]
            .contains("tc qdisc replace dev eth0 root netem delay 100ms 10ms")
    );
    assert!(
        by("chaos-undo-").command.as_ref().unwrap()[2].contains("tc qdisc del dev eth0 root"),
        "the rollback's container"
    );
    let stress = by("chaos-stress-");
    assert_eq!(
        stress.command.as_ref().unwrap()[..2],
        ["kubectl-chaos".to_string(), "stress-worker".to_string()]
    );
    assert_eq!(
        stress.security_context.as_ref().unwrap().run_as_non_root,
        Some(true)
    );
    assert_eq!(
        by("chaos-kill-").target_container_name.as_deref(),
        Some("app")
    );
    // hostNetwork pods are refused; a baseline namespace refuses NET_ADMIN, naming the label.
    ns.apply(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "hostnet", "labels": {"app": "hostnet"}},
        "spec": {"hostNetwork": true, "containers": [{"name": "c", "image": "nginx:1.27"}]}})).await.unwrap();
    let api: Api<Pod> = Api::namespaced(ns.client.clone(), &ns.name);
    eventually("hostnet Running", Duration::from_secs(60), || {
        let api = api.clone();
        async move {
            (api.get("hostnet").await.ok()?.status?.phase.as_deref() == Some("Running"))
                .then_some(())
        }
    })
    .await;
    let r = chaos(
        &env,
        &ns.name,
        &[
            "network",
            "-l",
            "app=hostnet",
            "--loss",
            "5",
            "--duration",
            "1s",
        ],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.one_error_line().contains("hostNetwork"));
    ns.apply(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns.name, "labels": {"pod-security.kubernetes.io/enforce": "baseline"}}})).await.unwrap();
    let r = chaos(
        &env,
        &ns.name,
        &[
            "network",
            "-l",
            "app=web",
            "--latency",
            "50ms",
            "--duration",
            "1s",
        ],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.one_error_line()
            .contains("pod-security.kubernetes.io/enforce=baseline")
    );
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn node_drain_respects_pdbs_and_uncordons() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("chaos-node").await;
    let node = format!("static-{}", ns.name);
    let status = json!({"conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "ok", "lastHeartbeatTime": jiff::Timestamp::now().to_string(), "lastTransitionTime": jiff::Timestamp::now().to_string()}],
        "allocatable": {"cpu": "8", "memory": "16Gi", "pods": "110"}, "capacity": {"cpu": "8", "memory": "16Gi", "pods": "110"}});
    testcluster::testing::static_node(&ns.client, &node, json!({"chaos-test": ns.name}), status)
        .await
        .unwrap();
    for (name, app) in [("free", "free"), ("guarded", "guarded")] {
        ns.apply(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": {"app": app}},
            "spec": {"nodeName": node, "tolerations": [{"operator": "Exists"}], "containers": [{"name": "c", "image": "nginx:1.27"}]}})).await.unwrap();
        let s = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name}, "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}});
        testcluster::testing::write_status(&ns.client, Some(&ns.name), &s)
            .await
            .unwrap();
    }
    ns.apply(json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "guard"},
        "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "guarded"}}}})).await.unwrap();
    let pdbs: Api<k8s_openapi::api::policy::v1::PodDisruptionBudget> =
        Api::namespaced(ns.client.clone(), &ns.name);
    eventually("the PDB to be computed", Duration::from_secs(30), || {
        let pdbs = pdbs.clone();
        async move { (pdbs.get("guard").await.ok()?.status?.current_healthy == 1).then_some(()) }
    })
    .await;
    let r = chaos(
        &env,
        &ns.name,
        &[
            "node-drain",
            "-l",
            &format!("chaos-test={}", ns.name),
            "--duration",
            "2s",
            "--evict-timeout",
            "3s",
            "-o",
            "json",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    let details: Vec<&str> = report["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["detail"].as_str().unwrap())
        .collect();
    assert!(
        details.iter().any(|d| d.starts_with("cordon node")),
        "{details:?}"
    );
    assert!(
        details
            .iter()
            .any(|d| d.contains("/free ") && !d.contains("blocked")),
        "{details:?}"
    );
    assert!(
        details
            .iter()
            .any(|d| d.contains("/guarded ") && d.contains("blocked by a PodDisruptionBudget")),
        "{details:?}"
    );
    assert_eq!(report["rolledBack"], true);
    let n = Api::<k8s_openapi::api::core::v1::Node>::all(ns.client.clone())
        .get(&node)
        .await
        .unwrap();
    assert_ne!(n.spec.unwrap().unschedulable, Some(true), "uncordoned");
    let api: Api<Pod> = Api::namespaced(ns.client.clone(), &ns.name);
    assert!(
        api.get_opt("free")
            .await
            .unwrap()
            .is_none_or(|p| p.metadata.deletion_timestamp.is_some()),
        "evicted"
    );
    assert!(
        api.get("guarded")
            .await
            .unwrap()
            .metadata
            .deletion_timestamp
            .is_none(),
        "protected by its PDB"
    );
    Api::<k8s_openapi::api::core::v1::Node>::all(ns.client.clone())
        .delete(&node, &Default::default())
        .await
        .ok();
    ns.delete().await;
}

/// Starts `kubectl chaos ARGS` in the background (stdout and stderr piped).
fn spawn(env: &Env, ns: &str, rest: &[&str]) -> std::process::Child {
    std::process::Command::new(bin())
        .args(args(env, ns, rest))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn signal(child: &std::process::Child, sig: nix::sys::signal::Signal) {
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), sig).unwrap();
}

async fn replicas(d: &Api<Deployment>, name: &str) -> Option<i32> {
    d.get(name).await.unwrap().spec.unwrap().replicas
}

async fn run_label(d: &Api<Deployment>, name: &str) -> Option<String> {
    d.get(name)
        .await
        .unwrap()
        .metadata
        .labels
        .and_then(|l| l.get("chaos.sre-toolkit.io/run").cloned())
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_sigterm_and_sighup_all_roll_back_before_exit() {
    use nix::sys::signal::Signal;
    let Some(env) = env().await else { return };
    let ns = env.namespace("chaos-signals").await;
    deployment(&ns, "web", 2).await;
    let deployments: Api<Deployment> = Api::namespaced(ns.client.clone(), &ns.name);
    // `timeout`, CI cancellation and a dropped SSH session send TERM or HUP, not INT.
    for (sig, code) in [
        (Signal::SIGINT, 130),
        (Signal::SIGTERM, 143),
        (Signal::SIGHUP, 129),
    ] {
        let child = spawn(
            &env,
            &ns.name,
            &[
                "scale",
                "--workload",
                "deployment/web",
                "--duration",
                "120s",
            ],
        );
        let d = deployments.clone();
        eventually("scaled to zero", Duration::from_secs(30), || {
            let d = d.clone();
            async move { (replicas(&d, "web").await == Some(0)).then_some(()) }
        })
        .await;
        let t0 = std::time::Instant::now();
        signal(&child, sig);
        let out = tokio::task::spawn_blocking(move || child.wait_with_output())
            .await
            .unwrap()
            .unwrap();
        let took = t0.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{sig}: {stderr}");
        assert_eq!(
            replicas(&deployments, "web").await,
            Some(2),
            "{sig}: restored before exit"
        );
        assert_eq!(
            run_label(&deployments, "web").await,
            None,
            "{sig}: marks removed"
        );
        assert!(
            stderr.contains("rolled-back"),
            "{sig}: audit line: {stderr}"
        );
        eprintln!(
            "{sig} to full rollback: {:.0} ms",
            took.as_secs_f64() * 1000.0
        );
    }
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_original_state_survives_runs_kills_and_cleanups() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("chaos-marks").await;
    let other = env.namespace("chaos-marks-other").await;
    deployment(&ns, "web", 3).await;
    let deployments: Api<Deployment> = Api::namespaced(ns.client.clone(), &ns.name);
    let scale = [
        "scale",
        "--workload",
        "deployment/web",
        "--duration",
        "120s",
    ];
    let scaled_to_zero = || {
        let d = deployments.clone();
        async move { (replicas(&d, "web").await == Some(0)).then_some(()) }
    };
    // 1. A run killed outright (SIGKILL: no rollback) leaves its marks.
    let mut first = spawn(&env, &ns.name, &scale);
    eventually("scaled to zero", Duration::from_secs(30), scaled_to_zero).await;
    first.kill().unwrap();
    let _ = first.wait();
    let run = run_label(&deployments, "web").await.expect("marked");
    // 2. A second run on the faulted target is refused and rewrites nothing.
    let annotations_before = deployments.get("web").await.unwrap().metadata.annotations;
    let again = chaos(&env, &ns.name, &scale).await;
    assert_eq!(again.code, 2, "{}", again.stderr);
    let line = again.one_error_line();
    assert!(
        line.contains(&format!("carries the marks of chaos run {run}")),
        "{line}"
    );
    assert!(
        again
            .stderr
            .contains(&format!("kubectl chaos cleanup {run}")),
        "{}",
        again.stderr
    );
    let after = deployments.get("web").await.unwrap();
    assert_eq!(
        after.metadata.annotations, annotations_before,
        "record untouched"
    );
    assert_eq!(after.spec.unwrap().replicas, Some(0));
    // 3. Cleanup is scoped by -n: another namespace sees nothing.
    let elsewhere = chaos(&env, &other.name, &["cleanup", "--dry-run"]).await;
    assert_eq!(elsewhere.code, 0, "{}", elsewhere.stderr);
    assert!(
        elsewhere.stderr.contains("nothing to clean up"),
        "{}",
        elsewhere.stderr
    );
    // 4. A killed run's heartbeat expires; until then cleanup treats it as alive.
    let alive = chaos(&env, &ns.name, &["cleanup", "--dry-run"]).await;
    assert!(alive.stdout.contains("is alive"), "{}", alive.stdout);
    eventually(
        "the killed run's heartbeat to expire",
        Duration::from_secs(60),
        || {
            let (env, ns) = (env.clone(), ns.name.clone());
            async move {
                let r = chaos(&env, &ns, &["cleanup", "--dry-run"]).await;
                r.stdout.contains("would roll back").then_some(())
            }
        },
    )
    .await;
    // 5. A user with `edit` in this namespace only cleans up here (no cluster-scope lists).
    ns.apply(json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": {"name": "chaos-editor"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "edit"},
        "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "chaos-editor"}]}))
        .await
        .unwrap();
    let r = chaos(&env, &ns.name, &["cleanup", "--as", "chaos-editor"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("rolled back"), "{}", r.stdout);
    assert_eq!(
        replicas(&deployments, "web").await,
        Some(3),
        "the original 3, not 0"
    );
    // 6. A live run is skipped by cleanup unless --force.
    let mut live = spawn(&env, &ns.name, &scale);
    eventually("scaled to zero", Duration::from_secs(30), scaled_to_zero).await;
    let skipped = chaos(&env, &ns.name, &["cleanup"]).await;
    assert!(skipped.stdout.contains("is alive"), "{}", skipped.stdout);
    assert_eq!(replicas(&deployments, "web").await, Some(0));
    let forced = chaos(&env, &ns.name, &["cleanup", "--force"]).await;
    assert!(forced.stdout.contains("rolled back"), "{}", forced.stdout);
    assert_eq!(replicas(&deployments, "web").await, Some(3));
    live.kill().unwrap();
    let _ = live.wait();
    // 7. pod-failure: the second run would have recorded the placeholder image.
    ready(&ns, "web", 3).await;
    let failure = [
        "pod-failure",
        "-l",
        "app=web",
        "--all",
        "--duration",
        "120s",
    ];
    let mut broken = spawn(&env, &ns.name, &failure);
    let pods_api: Api<Pod> = Api::namespaced(ns.client.clone(), &ns.name);
    eventually("images swapped", Duration::from_secs(30), || {
        let p = pods_api.clone();
        async move {
            let l = p
                .list(&ListParams::default().labels("app=web"))
                .await
                .ok()?;
            l.items
                .iter()
                .all(|p| {
                    p.spec.as_ref().unwrap().containers[0].image.as_deref()
                        == Some(chaos::inject::FAILURE_IMAGE)
                })
                .then_some(())
        }
    })
    .await;
    broken.kill().unwrap();
    let _ = broken.wait();
    let again = chaos(&env, &ns.name, &failure).await;
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again
            .one_error_line()
            .contains("carries the marks of chaos run")
    );
    let r = chaos(&env, &ns.name, &["cleanup", "--force"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    for p in pods(&ns, "app=web").await {
        assert_eq!(
            p.spec.unwrap().containers[0].image.as_deref(),
            Some("nginx:1.27"),
            "original image restored"
        );
    }
    let nothing = chaos(&env, &ns.name, &["cleanup"]).await;
    assert!(
        nothing.stderr.contains("nothing to clean up"),
        "{}",
        nothing.stderr
    );
    ns.delete().await;
    other.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dry_run_prints_the_whole_schedule_at_once() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("chaos-dry-schedule").await;
    deployment(&ns, "web", 2).await;
    let r = chaos(
        &env,
        &ns.name,
        &[
            "pod-kill",
            "-l",
            "app=web",
            "--interval",
            "30s",
            "--duration",
            "5m",
            "--dry-run",
            "-o",
            "json",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    let rounds = report["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 10, "5m every 30s");
    for (i, round) in rounds.iter().enumerate() {
        let intended = 30_000 * i as u64;
        // Nothing was waited for: each round is listed at its intended time.
        assert_eq!(round[0].as_u64(), Some(intended));
        assert_eq!(round[1].as_u64(), Some(intended));
    }
    let actions = report["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 10);
    assert!(
        actions[9]["detail"]
            .as_str()
            .unwrap()
            .ends_with("(round 10, at +4m)"),
        "{}",
        actions[9]
    );
    assert_eq!(pods(&ns, "app=web").await.len(), 2, "nothing deleted");
    ns.delete().await;
}

/// A tiny HTTP server answering 200 to everything.
async fn http_ok() -> String {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = l.accept().await else {
                continue;
            };
            tokio::spawn(async move {
                use tokio::io::{AsyncReadExt, AsyncWriteExt};
                let mut buf = [0u8; 2048];
                let _ = s.read(&mut buf).await;
                let _ = s
                    .write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok",
                    )
                    .await;
            });
        }
    });
    format!("http://{addr}/healthz")
}

#[tokio::test(flavor = "multi_thread")]
async fn http_and_prometheus_probes() {
    let Some(env) = env().await else { return };
    let Some(prom) = testcluster::prometheus::start("").await else {
        return;
    };
    let ns = env.namespace("chaos-probes").await;
    let http = http_ok().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("e.yaml");
    let probes = |max_up: &str| {
        format!(
            "  probes:\n  - name: health\n    http: {{url: \"{http}\", status: 200, maxLatency: 2s}}\n  - name: scraped\n    prometheus: {{url: \"{}\", query: 'up{{job=\"self\"}}', min: 1{max_up}}}\n",
            prom.url
        )
    };
    experiment(
        &file,
        &format!(
            "metadata: {{name: probes}}\nsteadyState:\n{}method:\n- pause: 1s\n",
            probes("")
        ),
    );
    let r = chaos(
        &env,
        &ns.name,
        &["run", file.to_str().unwrap(), "-o", "json"],
    )
    .await;
    assert_eq!(r.code, 0, "{}\n{}", r.stderr, r.stdout);
    let report = r.json();
    assert_eq!(report["verdict"], "passed", "{report}");
    assert!(
        report["before"][0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("HTTP 200")
    );
    assert!(
        report["before"][1]["detail"]
            .as_str()
            .unwrap()
            .contains("= 1"),
        "{report}"
    );
    // A bound the query breaks: the hypothesis fails before anything is injected.
    experiment(
        &file,
        &format!(
            "metadata: {{name: probes}}\nsteadyState:\n{}method:\n- pause: 1s\n",
            probes(", max: 0.5")
        ),
    );
    let r = chaos(
        &env,
        &ns.name,
        &["run", file.to_str().unwrap(), "-o", "json"],
    )
    .await;
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.json()["before"][1]["ok"], false);
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_load_phase_runs_through_the_method_and_joins_the_verdict() {
    let Some(env) = env().await else { return };
    if !testcluster::testing::require_tool(
        bin().with_file_name("kubectl-load").exists(),
        "kubectl-load beside kubectl-chaos",
        "cargo test --workspace",
    ) {
        return;
    }
    let ns = env.namespace("chaos-load").await;
    deployment(&ns, "web", 2).await;
    let target = http_ok().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("e.yaml");
    let body = |threshold: &str| {
        format!(
            "metadata: {{name: under-load}}\nsteadyState:\n  interval: 1s\n  probes:\n  - name: web-ready\n    deployment: {{name: web, minReady: 2}}\nmethod:\n- load: [\"{target}\", \"--local\", \"--rate\", \"20/s\", \"--duration\", \"3s\", \"--threshold\", \"{threshold}\"]\n- fault: pod-kill\n  selector: app=web\n  count: 1\n"
        )
    };
    experiment(&file, &body("errors<1%"));
    let r = chaos(
        &env,
        &ns.name,
        &["run", file.to_str().unwrap(), "-o", "json"],
    )
    .await;
    assert_eq!(r.code, 0, "{}\n{}", r.stderr, r.stdout);
    let report = r.json();
    assert_eq!(report["verdict"], "passed", "{report}");
    let requests = report["load"]["summary"]["requests"].as_u64().unwrap();
    assert!((55..=61).contains(&requests), "20/s for 3 s: {requests}");
    assert_eq!(report["load"]["thresholds"][0]["passed"], true);
    // A breached load threshold fails the experiment.
    experiment(&file, &body("p50<1us"));
    let r = chaos(
        &env,
        &ns.name,
        &["run", file.to_str().unwrap(), "-o", "json"],
    )
    .await;
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.json()["reason"]
            .as_str()
            .unwrap()
            .contains("a threshold of the load phase was breached"),
        "{}",
        r.stdout
    );
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn node_cordon_holds_then_uncordons_and_pod_kill_repeats() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("chaos-cordon").await;
    let node = format!("static-{}", ns.name);
    let status = json!({"conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "ok", "lastHeartbeatTime": jiff::Timestamp::now().to_string(), "lastTransitionTime": jiff::Timestamp::now().to_string()}]});
    testcluster::testing::static_node(&ns.client, &node, json!({"chaos-cordon": ns.name}), status)
        .await
        .unwrap();
    let nodes: Api<k8s_openapi::api::core::v1::Node> = Api::all(ns.client.clone());
    let a = args(
        &env,
        &ns.name,
        &[
            "node-cordon",
            "-l",
            &format!("chaos-cordon={}", ns.name),
            "--duration",
            "3s",
            "-o",
            "json",
        ],
    );
    let run = tokio::task::spawn_blocking(move || {
        let v: Vec<&str> = a.iter().map(String::as_str).collect();
        run_plugin(&bin(), &v, &[])
    });
    eventually("the node cordoned", Duration::from_secs(30), || {
        let (nodes, node) = (nodes.clone(), node.clone());
        async move { (nodes.get(&node).await.ok()?.spec?.unschedulable == Some(true)).then_some(()) }
    })
    .await;
    let r = run.await.unwrap();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["rolledBack"], true);
    assert_ne!(
        nodes.get(&node).await.unwrap().spec.unwrap().unschedulable,
        Some(true)
    );
    nodes.delete(&node, &Default::default()).await.ok();
    // pod-kill every second for 3 s: three rounds, on schedule, each replaced.
    deployment(&ns, "web", 3).await;
    let r = chaos(
        &env,
        &ns.name,
        &[
            "pod-kill",
            "-l",
            "app=web",
            "--count",
            "1",
            "--interval",
            "1s",
            "--duration",
            "3s",
            "-o",
            "json",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    let rounds = report["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 3, "{report}");
    for (i, round) in rounds.iter().enumerate() {
        let (intended, actual) = (round[0].as_u64().unwrap(), round[1].as_u64().unwrap());
        assert_eq!(intended, i as u64 * 1000);
        // Never early; how late is measured by scripts/bench-chaos.sh, not asserted here.
        assert!(
            actual >= intended,
            "round {i}: {actual} ms for {intended} ms"
        );
    }
    assert_eq!(report["actions"].as_array().unwrap().len(), 3);
    ready(&ns, "web", 3).await;
    ns.delete().await;
}
