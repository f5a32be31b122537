//! `kubectl load` with runner pods on the real local control plane. The Indexed Job, its
//! pods (created by the real Job controller, scheduled by the real scheduler, set Running by
//! kwok), the ConfigMaps and the RBAC are all real. What cannot run here is the container:
//! there is no kubelet or container runtime, so a test-only stand-in runs each runner pod's
//! command as a local process (the same binary, in runner mode, with the pod's completion
//! index, impersonating the runners' ServiceAccount). The runners report through the API.
#![allow(clippy::unwrap_used)]

mod support;

use k8s_openapi::api::core::v1::{ConfigMap, Pod};
use kube::api::{Api, ListParams};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;
use support::{Behaviour, serve};
use testcluster::testing::{Env, Run, TestNamespace, env, eventually, run_plugin};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-load"))
}

fn load_args(env: &Env, ns: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec![
        "--kubeconfig".to_string(),
        env.kubeconfig.display().to_string(),
        "-n".into(),
        ns.into(),
    ];
    all.extend(args.iter().map(|s| s.to_string()));
    all
}

async fn load(env: &Env, ns: &str, args: &[&str]) -> Run {
    let all = load_args(env, ns, args);
    tokio::task::spawn_blocking(move || {
        let a: Vec<&str> = all.iter().map(String::as_str).collect();
        run_plugin(&bin(), &a, &[])
    })
    .await
    .unwrap()
}

/// `kubectl load rbac -n NS | kubectl apply -f -`, as the README says.
async fn install_rbac(env: &Env, ns: &str) {
    let rbac = load(env, ns, &["rbac"]).await;
    assert_eq!(rbac.code, 0, "{}", rbac.stderr);
    let mut child = std::process::Command::new("kubectl")
        .args(["apply", "-f", "-"])
        .env("KUBECONFIG", &env.kubeconfig)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(rbac.stdout.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
}

/// A runner pod's process, run locally by the stand-in.
struct Runner {
    pod: String,
    child: std::process::Child,
}

/// The stand-in for the kubelet: runs each Running runner pod's command locally, once.
async fn stand_in(env: &Env, ns: &TestNamespace, expected: usize) -> Vec<Runner> {
    let pods: Api<Pod> = Api::namespaced(ns.client.clone(), &ns.name);
    let lp = ListParams::default().labels("app.kubernetes.io/managed-by=kubectl-load");
    let mut started = BTreeSet::new();
    let mut children = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    while started.len() < expected {
        assert!(
            tokio::time::Instant::now() < deadline,
            "runner pods never became Running"
        );
        for p in pods.list(&lp).await.unwrap().items {
            let name = p.metadata.name.clone().unwrap();
            let running = p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running");
            if !running || started.contains(&name) {
                continue;
            }
            let index = p
                .metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get("batch.kubernetes.io/job-completion-index"))
                .cloned()
                .unwrap();
            let command = p.spec.as_ref().unwrap().containers[0]
                .command
                .clone()
                .unwrap();
            assert_eq!(command[0], "kubectl-load");
            let sa = format!("system:serviceaccount:{}:load-runner", ns.name);
            children.push(Runner {
                pod: name.clone(),
                child: std::process::Command::new(bin())
                    .args(&command[1..])
                    .args([
                        "--kubeconfig",
                        &env.kubeconfig.display().to_string(),
                        "--as",
                        &sa,
                    ])
                    .env("JOB_COMPLETION_INDEX", &index)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap(),
            });
            started.insert(name);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    children
}

/// Waits for the runner processes and, as a kubelet would, marks their pods Succeeded.
async fn finish(ns: &TestNamespace, runners: Vec<Runner>) {
    for r in runners {
        let out = tokio::task::spawn_blocking(move || r.child.wait_with_output())
            .await
            .unwrap()
            .unwrap();
        assert!(
            out.status.success(),
            "runner failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let status = serde_json::json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": r.pod}, "status": {"phase": "Succeeded"}});
        testcluster::testing::write_status(&ns.client, Some(&ns.name), &status)
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn runners_are_merged_and_judged_together() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("load-runners").await;
    install_rbac(&env, &ns.name).await;
    let target = serve(Behaviour::delay(5)).await;
    let plugin = {
        let args = load_args(
            &env,
            &ns.name,
            &[
                "run",
                &target.url,
                "--runners",
                "2",
                "--rate",
                "100/s",
                "--duration",
                "3s",
                "-o",
                "json",
                "--threshold",
                "p99<500ms",
                "--threshold",
                "rate>=90/s",
            ],
        );
        tokio::task::spawn_blocking(move || {
            let a: Vec<&str> = args.iter().map(String::as_str).collect();
            run_plugin(&bin(), &a, &[])
        })
    };
    let runners = stand_in(&env, &ns, 2).await;
    let r = plugin.await.unwrap();
    finish(&ns, runners).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    assert_eq!(report["metadata"]["mode"], "cluster");
    assert_eq!(report["metadata"]["runners"], 2);
    let requests = report["summary"]["requests"].as_u64().unwrap();
    assert!(
        (290..=301).contains(&requests),
        "100/s for 3 s over two runners: {requests}"
    );
    let shares: Vec<u64> = report["runners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["requests"].as_u64().unwrap())
        .collect();
    assert_eq!(shares.len(), 2);
    assert_eq!(
        shares.iter().sum::<u64>(),
        requests,
        "the merge adds the runners' counts"
    );
    assert!(
        shares.iter().all(|s| (140..=151).contains(s)),
        "{shares:?}: an exact split of the schedule"
    );
    assert_eq!(
        target.answered.load(std::sync::atomic::Ordering::Relaxed),
        requests
    );
    assert!(
        report["thresholds"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["passed"] == true),
        "{}",
        report["thresholds"]
    );
    let p50 = report["summary"]["latency"]["p50"].as_f64().unwrap();
    assert!(p50 >= 4.5, "p50 {p50} below the 5 ms the target takes");
    let run = report["metadata"]["run"].as_str().unwrap().to_string();

    // Everything of the run is labelled and owned by the Job (which has a TTL).
    let cms: Api<ConfigMap> = Api::namespaced(ns.client.clone(), &ns.name);
    let owned = cms
        .list(&ListParams::default().labels(&format!("load.sre-toolkit.io/run={run}")))
        .await
        .unwrap();
    assert_eq!(owned.items.len(), 3, "spec + two results");
    assert!(owned.items.iter().all(|c| {
        c.metadata
            .owner_references
            .as_ref()
            .is_some_and(|o| o[0].kind == "Job")
    }));
    let jobs: Api<k8s_openapi::api::batch::v1::Job> = Api::namespaced(ns.client.clone(), &ns.name);
    assert_eq!(
        jobs.get(&run)
            .await
            .unwrap()
            .spec
            .unwrap()
            .ttl_seconds_after_finished,
        Some(3600)
    );

    // Picked up later: status, and results re-judged with another threshold.
    let status = load(&env, &ns.name, &["status", &run, "-o", "json"]).await;
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert_eq!(status.json()["done"], 2);
    let again = load(
        &env,
        &ns.name,
        &["results", &run, "-o", "json", "--threshold", "p99<1ms"],
    )
    .await;
    assert_eq!(again.code, 1, "{}", again.stderr);
    let again = again.json();
    assert_eq!(again["summary"]["requests"].as_u64().unwrap(), requests);
    assert_eq!(again["thresholds"][0]["passed"], false);
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn cluster_targets_resolve_and_detached_runs_continue() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("load-detach").await;
    install_rbac(&env, &ns.name).await;
    ns.apply(
        serde_json::json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
        "spec": {"ports": [{"name": "http", "port": 80, "targetPort": 8080}]}}),
    )
    .await
    .unwrap();
    let r = load(
        &env,
        &ns.name,
        &[
            "run",
            "svc/web:http/api?x=1",
            "--users",
            "2",
            "--duration",
            "5s",
            "--detach",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let run = r.stdout.trim().to_string();
    assert!(run.starts_with("load-"), "{}", r.stdout);
    let cms: Api<ConfigMap> = Api::namespaced(ns.client.clone(), &ns.name);
    let spec: Value =
        serde_json::from_str(&cms.get(&run).await.unwrap().data.unwrap()["spec.json"]).unwrap();
    assert_eq!(
        spec["request"]["url"],
        format!("http://web.{}.svc:80/api?x=1", ns.name)
    );
    // The run goes on without the plugin: a runner started now still reports, and
    // `results` picks it up.
    let runners = stand_in(&env, &ns, 1).await;
    let status = load(&env, &ns.name, &["status", &run]).await;
    assert!(
        status.stdout.contains(&run) && status.stdout.contains("Running"),
        "{}",
        status.stdout
    );
    // The runner cannot reach web.<ns>.svc from this machine: every request is an error.
    let results = load(&env, &ns.name, &["results", &run, "-o", "json"]).await;
    finish(&ns, runners).await;
    assert_eq!(results.code, 0, "{}", results.stderr);
    let report = results.json();
    assert_eq!(report["metadata"]["runners"], 1);
    assert!(
        report["summary"]["errorKinds"]["connect"]
            .as_u64()
            .unwrap_or(0)
            > 0,
        "{}",
        report["summary"]
    );
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_stops_the_run_and_deletes_the_job() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("load-interrupt").await;
    install_rbac(&env, &ns.name).await;
    let target = serve(Behaviour::delay(1)).await;
    let child = std::process::Command::new(bin())
        .args(load_args(
            &env,
            &ns.name,
            &[
                "run",
                &target.url,
                "--runners",
                "1",
                "--users",
                "1",
                "--duration",
                "60s",
            ],
        ))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let cms: Api<ConfigMap> = Api::namespaced(ns.client.clone(), &ns.name);
    let lp = ListParams::default().labels("app.kubernetes.io/managed-by=kubectl-load");
    let run = eventually("the run to start", Duration::from_secs(60), || {
        let cms = cms.clone();
        let lp = lp.clone();
        async move {
            let list = cms.list(&lp).await.ok()?;
            list.items
                .into_iter()
                .find(|c| c.data.as_ref().is_some_and(|d| d.contains_key("startAt")))
                .and_then(|c| c.metadata.name)
        }
    })
    .await;
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let out = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("Job deleted"), "{stderr}");
    let jobs: Api<k8s_openapi::api::batch::v1::Job> = Api::namespaced(ns.client.clone(), &ns.name);
    let gone = jobs
        .get_opt(&run)
        .await
        .unwrap()
        .is_none_or(|j| j.metadata.deletion_timestamp.is_some());
    assert!(gone, "the Job must be deleted");
    assert!(
        cms.list(&lp).await.unwrap().items.is_empty(),
        "the run's ConfigMaps must be gone"
    );
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_service_account_is_a_clear_error() {
    let Some(env) = env().await else { return };
    let ns = env.namespace("load-norbac").await;
    let r = load(
        &env,
        &ns.name,
        &[
            "run",
            "http://127.0.0.1:9/",
            "--runners",
            "1",
            "--rate",
            "1/s",
            "--duration",
            "1s",
        ],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.one_error_line()
            .contains("ServiceAccount \"load-runner\" does not exist")
    );
    assert!(r.stderr.contains("kubectl load rbac"), "{}", r.stderr);
    ns.delete().await;
}
