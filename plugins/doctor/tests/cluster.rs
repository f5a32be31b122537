//! Real-cluster tests of `kubectl doctor` on the local control plane (etcd, kube-apiserver,
//! kube-controller-manager, kube-scheduler, kwok). Each test creates its faults in its own
//! namespace, with kwok stages (tests/stages/, kwok's chaos stages), the real controllers,
//! or status writes on nodes kwok does not manage, and asserts the findings in `-o json`.
//! Assertions only look at objects the test created.

use serde_json::{Value, json};
use std::path::PathBuf;
use std::time::Duration;
use testcluster::testing::{
    Env, Run, TestNamespace, apply, env, eventually, run_plugin, static_node, write_status,
};

const WAIT: Duration = Duration::from_secs(90);

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-doctor"))
}

fn doctor(env: &Env, args: &[&str]) -> Run {
    let kc = env.kubeconfig.display().to_string();
    let mut all = vec!["--kubeconfig", kc.as_str()];
    all.extend_from_slice(args);
    run_plugin(&bin(), &all, &[])
}

fn report(env: &Env, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["-o", "json"]);
    let r = doctor(env, &all);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    r.json()
}

/// Findings of `check` about object `name` (any kind) in `report`.
fn hits<'a>(report: &'a Value, check: &str, name: &str) -> Vec<&'a Value> {
    report["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| f["check"] == check && f["object"]["name"] == name)
                .collect()
        })
        .unwrap_or_default()
}

/// Waits until `doctor args` reports `check` on `name`, and returns that finding.
async fn expect_finding(env: &Env, args: &[&str], check: &str, name: &str) -> Value {
    eventually(&format!("{check} on {name}"), WAIT, || {
        let r = report(env, args);
        let found = hits(&r, check, name).first().map(|v| (*v).clone());
        async move { found }
    })
    .await
}

fn pod(name: &str, labels: Value, annotations: Value, extra: Value) -> Value {
    let mut p = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "labels": labels, "annotations": annotations},
        "spec": {"containers": [{"name": "app", "image": "registry.example/app:1.0",
            "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}, "limits": {"memory": "64Mi"}}}]}
    });
    merge(&mut p["spec"], extra);
    p
}

fn merge(a: &mut Value, b: Value) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (a, b) => *a = b,
    }
}

/// Creates a ResourceQuota and waits until it is enforced: admission applies a quota only
/// once the quota controller has computed its status.
async fn enforced_quota(ns: &TestNamespace, name: &str, hard: Value) {
    ns.apply(json!({"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": name}, "spec": {"hard": hard}}))
        .await
        .expect("quota");
    let quotas: kube::Api<k8s_openapi::api::core::v1::ResourceQuota> =
        kube::Api::namespaced(ns.client.clone(), &ns.name);
    eventually("quota status computed", WAIT, || {
        let quotas = quotas.clone();
        let name = name.to_string();
        async move {
            quotas
                .get(&name)
                .await
                .ok()
                .and_then(|q| q.status?.hard)
                .map(|_| ())
        }
    })
    .await;
}

async fn setup(prefix: &str) -> Option<(Env, TestNamespace)> {
    let env = env().await?;
    let ns = env.namespace(prefix).await;
    Some((env, ns))
}

fn fault(reason: &str, extra: Value) -> (Value, Value) {
    let mut ann = json!({"fault.sre-toolkit.io/reason": reason});
    merge(&mut ann, extra);
    (json!({"fault.sre-toolkit.io/state": "waiting"}), ann)
}

fn ready_node_status() -> Value {
    json!({
        "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status",
                        "lastHeartbeatTime": "2026-01-01T00:00:00Z", "lastTransitionTime": "2026-01-01T00:00:00Z"}],
        "allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"},
        "capacity": {"cpu": "4", "memory": "8Gi", "pods": "110"},
        "nodeInfo": {"kubeletVersion": "v1.36.3", "kubeProxyVersion": "v1.36.3", "architecture": "amd64", "operatingSystem": "linux",
                     "containerRuntimeVersion": "fake", "kernelVersion": "fake", "osImage": "fake", "machineID": "", "systemUUID": "", "bootID": ""}
    })
}

#[tokio::test]
async fn pod_faults_from_kwok_stages() {
    let Some((env, ns)) = setup("doc-kwok").await else {
        return;
    };
    let (l, a) = fault(
        "CrashLoopBackOff",
        json!({"fault.sre-toolkit.io/restarts": "7", "fault.sre-toolkit.io/last-reason": "Error", "fault.sre-toolkit.io/exit-code": "2"}),
    );
    ns.apply(pod("crasher", l, a, json!({})))
        .await
        .expect("crasher");
    let (l, a) = fault(
        "CrashLoopBackOff",
        json!({"fault.sre-toolkit.io/restarts": "4", "fault.sre-toolkit.io/last-reason": "OOMKilled", "fault.sre-toolkit.io/exit-code": "137"}),
    );
    ns.apply(pod("oomer", l, a, json!({})))
        .await
        .expect("oomer");
    let (l, a) = fault(
        "ImagePullBackOff",
        json!({"fault.sre-toolkit.io/message": "Back-off pulling image \"registry.invalid/x:1\""}),
    );
    ns.apply(pod("puller", l, a, json!({})))
        .await
        .expect("puller");
    ns.apply(pod(
        "flappy",
        json!({"fault.sre-toolkit.io/state": "unready"}),
        json!({"fault.sre-toolkit.io/restarts": "9"}),
        json!({}),
    ))
    .await
    .expect("flappy");
    let args = ["-n", ns.name.as_str(), "--checks", "pods"];
    let f = expect_finding(&env, &args, "pod-crashloop", "crasher").await;
    assert_eq!(f["severity"], "critical");
    assert_eq!(
        f["object"],
        json!({"kind": "Pod", "namespace": ns.name, "name": "crasher"})
    );
    assert!(
        f["message"].as_str().is_some_and(
            |m| m.contains("7 restarts") && m.contains("last terminated: Error (exit 2)")
        ),
        "{f}"
    );
    let oom = expect_finding(&env, &args, "pod-oomkilled", "oomer").await;
    assert!(
        oom["message"]
            .as_str()
            .is_some_and(|m| m.contains("OOMKilled (last state) (memory limit 64Mi)")),
        "{oom}"
    );
    let r = report(&env, &args);
    assert!(
        hits(&r, "pod-crashloop", "oomer")[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("OOMKilled (exit 137)"))
    );
    let pull = expect_finding(&env, &args, "pod-image-pull", "puller").await;
    assert!(
        pull["message"]
            .as_str()
            .is_some_and(|m| m.contains("ImagePullBackOff"))
    );
    let restarts = expect_finding(&env, &args, "pod-restarts", "flappy").await;
    assert!(
        restarts["message"]
            .as_str()
            .is_some_and(|m| m.contains("restarted 9 times"))
    );
    // A probe failure event makes it into the not-ready finding.
    let pods: kube::Api<k8s_openapi::api::core::v1::Pod> =
        kube::Api::namespaced(ns.client.clone(), &ns.name);
    let uid = pods
        .get("flappy")
        .await
        .expect("flappy")
        .metadata
        .uid
        .unwrap_or_default();
    ns.apply(json!({"apiVersion": "v1", "kind": "Event", "metadata": {"name": "flappy.probe"}, "type": "Warning", "reason": "Unhealthy",
        "message": "Readiness probe failed: HTTP probe failed with statuscode: 503", "count": 3,
        "involvedObject": {"kind": "Pod", "namespace": ns.name, "name": "flappy", "uid": uid}})).await.expect("event");
    let nr = expect_finding(&env, &args, "pod-not-ready", "flappy").await;
    assert!(
        nr["message"].as_str().is_some_and(
            |m| m.contains("Readiness probe failed: HTTP probe failed with statuscode: 503")
        ),
        "{nr}"
    );
    ns.delete().await;
}

#[tokio::test]
async fn pod_faults_from_status_writes() {
    let Some((env, ns)) = setup("doc-status").await else {
        return;
    };
    let client = &ns.client;
    let node = format!("static-{}", ns.name);
    static_node(
        client,
        &node,
        json!({"sre-toolkit.io/test": "true"}),
        ready_node_status(),
    )
    .await
    .expect("node");
    let bound = json!({"nodeName": node});
    let n = Some(ns.name.as_str());
    let mut cfg = pod("configless", json!({}), json!({}), bound.clone());
    cfg["spec"]["containers"][0]["envFrom"] =
        json!([{"configMapRef": {"name": "missing-settings"}}]);
    ns.apply(cfg.clone()).await.expect("configless");
    cfg["status"] = json!({"phase": "Pending", "containerStatuses": [{"name": "app", "image": "registry.example/app:1.0", "imageID": "", "ready": false, "restartCount": 0,
        "state": {"waiting": {"reason": "CreateContainerConfigError", "message": "configmap \"missing-settings\" not found"}}}]});
    write_status(client, n, &cfg).await.expect("status");
    let mut ev = pod("evicted", json!({}), json!({}), bound.clone());
    ns.apply(ev.clone()).await.expect("evicted");
    ev["status"] = json!({"phase": "Failed", "reason": "Evicted", "message": "The node was low on resource: memory."});
    write_status(client, n, &ev).await.expect("status");
    let mut failed = pod("failed", json!({}), json!({}), bound.clone());
    ns.apply(failed.clone()).await.expect("failed");
    failed["status"] = json!({"phase": "Failed", "reason": "", "message": ""});
    write_status(client, n, &failed).await.expect("status");
    let mut init = pod("initfail", json!({}), json!({}), bound.clone());
    init["spec"]["initContainers"] =
        json!([{"name": "migrate", "image": "registry.example/migrate:1.0"}]);
    ns.apply(init.clone()).await.expect("initfail");
    init["status"] = json!({"phase": "Pending", "initContainerStatuses": [{"name": "migrate", "image": "registry.example/migrate:1.0", "imageID": "", "ready": false, "restartCount": 3,
        "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 40s"}},
        "lastState": {"terminated": {"exitCode": 1, "reason": "Error"}}}]});
    write_status(client, n, &init).await.expect("status");
    let mut bare = pod("bare", json!({}), json!({}), bound.clone());
    bare["spec"]["containers"][0]["resources"] = json!({});
    ns.apply(bare).await.expect("bare");
    ns.apply(pod(
        "stuck",
        json!({}),
        json!({}),
        json!({"nodeSelector": {"sre-toolkit.io/no-such-pool": "x"}}),
    ))
    .await
    .expect("stuck");
    let mut held = pod("held", json!({}), json!({}), bound.clone());
    held["metadata"]["finalizers"] = json!(["sre-toolkit.io/test-hold"]);
    held["spec"]["terminationGracePeriodSeconds"] = json!(0);
    ns.apply(held).await.expect("held");
    let pods: kube::Api<k8s_openapi::api::core::v1::Pod> =
        kube::Api::namespaced(client.clone(), &ns.name);
    pods.delete("held", &kube::api::DeleteParams::default().grace_period(0))
        .await
        .expect("delete held");

    let args = [
        "-n",
        ns.name.as_str(),
        "--checks",
        "pods",
        "--stuck-after",
        "0s",
    ];
    let f = expect_finding(&env, &args, "pod-config-error", "configless").await;
    assert!(
        f["message"]
            .as_str()
            .is_some_and(|m| m.contains("missing ConfigMap \"missing-settings\"")),
        "{f}"
    );
    let r = report(&env, &args);
    assert!(
        hits(&r, "pod-evicted", "evicted")[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("low on resource: memory"))
    );
    assert_eq!(hits(&r, "pod-failed", "failed").len(), 1);
    assert!(
        hits(&r, "pod-init-failing", "initfail")[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("\"migrate\": CrashLoopBackOff"))
    );
    assert!(
        hits(&r, "pod-no-resources", "bare")[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("no resource requests or limits"))
    );
    assert!(
        hits(&r, "pod-terminating-stuck", "held")[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("finalizers: sre-toolkit.io/test-hold"))
    );
    let p = expect_finding(&env, &args, "pod-pending", "stuck").await;
    assert!(
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("Unschedulable")
                && m.contains("didn't match Pod's node affinity/selector")),
        "{p}"
    );
    // The healthy kwok pod with probe failures in its events: pod-probe-failing.
    ns.apply(pod("liveish", json!({}), json!({}), json!({})))
        .await
        .expect("liveish");
    let live = eventually("liveish running", WAIT, || {
        let pods = pods.clone();
        async move {
            pods.get("liveish")
                .await
                .ok()
                .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
        }
    })
    .await;
    let live_uid = live.metadata.uid.unwrap_or_default();
    ns.apply(json!({"apiVersion": "v1", "kind": "Event", "metadata": {"name": "liveish.probe"}, "type": "Warning", "reason": "Unhealthy",
        "message": "Liveness probe failed: connection refused", "count": 2,
        "involvedObject": {"kind": "Pod", "namespace": ns.name, "name": "liveish", "uid": live_uid}})).await.expect("event");
    let pf = expect_finding(&env, &args, "pod-probe-failing", "liveish").await;
    assert!(
        pf["message"].as_str().is_some_and(
            |m| m.starts_with("2 probe failures") && m.contains("Liveness probe failed")
        ),
        "{pf}"
    );
    // Release the finalizer so the namespace can go.
    ns.apply(
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "held", "finalizers": []}, "spec": {"containers": [{"name": "app", "image": "registry.example/app:1.0"}]}}),
    )
    .await
    .ok();
    let nodes: kube::Api<k8s_openapi::api::core::v1::Node> = kube::Api::all(client.clone());
    nodes.delete(&node, &Default::default()).await.ok();
    ns.delete().await;
}

#[tokio::test]
async fn node_faults() {
    let Some((env, ns)) = setup("doc-nodes").await else {
        return;
    };
    let client = &ns.client;
    let id = &ns.name;
    let cond = |t: &str, s: &str, reason: &str| {
        let mut st = ready_node_status();
        if t == "Ready" {
            st["conditions"] = json!([{"type": "Ready", "status": s, "reason": reason, "message": "kubelet stopped posting node status",
                "lastHeartbeatTime": "2026-01-01T00:00:00Z", "lastTransitionTime": "2026-01-01T00:00:00Z"}]);
        } else {
            if let Some(a) = st["conditions"].as_array_mut() {
                a.push(json!({"type": t, "status": s, "reason": reason, "message": "threshold crossed",
                    "lastHeartbeatTime": "2026-01-01T00:00:00Z", "lastTransitionTime": "2026-01-01T00:00:00Z"}));
            }
        }
        st
    };
    let labels = json!({"sre-toolkit.io/test": "true"});
    let cases = [
        ("notready", "Ready", "Unknown", "NodeStatusUnknown"),
        (
            "mem",
            "MemoryPressure",
            "True",
            "KubeletHasInsufficientMemory",
        ),
        ("disk", "DiskPressure", "True", "KubeletHasDiskPressure"),
        ("pid", "PIDPressure", "True", "KubeletHasInsufficientPID"),
        ("net", "NetworkUnavailable", "True", "NoRouteCreated"),
        (
            "unknown-cond",
            "FrequentKubeletRestart",
            "True",
            "FrequentKubeletRestart",
        ),
    ];
    for (n, t, s, reason) in cases {
        static_node(
            client,
            &format!("{n}-{id}"),
            labels.clone(),
            cond(t, s, reason),
        )
        .await
        .expect("node");
    }
    let mut old = ready_node_status();
    old["nodeInfo"]["kubeletVersion"] = json!("v1.30.2");
    static_node(client, &format!("old-{id}"), labels.clone(), old)
        .await
        .expect("old");
    apply(client, None, json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": format!("cordoned-{id}")}, "spec": {"unschedulable": true}})).await.expect("cordon");
    write_status(client, None, &json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": format!("cordoned-{id}")}, "status": ready_node_status()})).await.expect("status");
    static_node(
        client,
        &format!("quiet-{id}"),
        labels.clone(),
        ready_node_status(),
    )
    .await
    .expect("quiet");
    apply(client, Some("kube-node-lease"), json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
        "metadata": {"name": format!("quiet-{id}"), "namespace": "kube-node-lease"},
        "spec": {"holderIdentity": format!("quiet-{id}"), "leaseDurationSeconds": 40, "renewTime": "2026-01-01T00:00:00.000000Z"}})).await.expect("lease");
    let mut small = ready_node_status();
    small["allocatable"] = json!({"cpu": "1", "memory": "1Gi", "pods": "10"});
    static_node(client, &format!("small-{id}"), labels.clone(), small)
        .await
        .expect("small");
    let mut hog = pod(
        "hog",
        json!({}),
        json!({}),
        json!({"nodeName": format!("small-{id}")}),
    );
    hog["spec"]["containers"][0]["resources"] =
        json!({"requests": {"cpu": "2", "memory": "512Mi"}, "limits": {"memory": "512Mi"}});
    ns.apply(hog).await.expect("hog");
    // A pool whose only node is tainted, and a pod that must go there.
    apply(client, None, json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": format!("tainted-{id}"), "labels": {"pool": id},
        "annotations": {"kwok.x-k8s.io/node": "fake"}}, "spec": {"taints": [{"key": "dedicated", "value": "gpu", "effect": "NoSchedule"}]}})).await.expect("tainted");
    ns.apply(pod(
        "gpu-job",
        json!({}),
        json!({}),
        json!({"nodeSelector": {"pool": id}}),
    ))
    .await
    .expect("gpu pod");

    let args = ["-A", "--checks", "nodes"];
    let nr = expect_finding(&env, &args, "node-taints-block-scheduling", "gpu-job").await;
    assert!(
        nr["message"]
            .as_str()
            .is_some_and(|m| m.contains("dedicated=gpu:NoSchedule")),
        "{nr}"
    );
    let r = report(&env, &args);
    let one = |check: &str, name: String| {
        let h = hits(&r, check, &name);
        assert_eq!(h.len(), 1, "{check} on {name}: {h:?}");
        h[0].clone()
    };
    assert!(
        one("node-not-ready", format!("notready-{id}"))["message"]
            .as_str()
            .is_some_and(|m| m.contains("Ready=Unknown") && m.contains("NodeStatusUnknown"))
    );
    assert_eq!(
        one("node-memory-pressure", format!("mem-{id}"))["severity"],
        "warning"
    );
    one("node-disk-pressure", format!("disk-{id}"));
    one("node-pid-pressure", format!("pid-{id}"));
    assert_eq!(
        one("node-network-unavailable", format!("net-{id}"))["severity"],
        "critical"
    );
    one("node-cordoned", format!("cordoned-{id}"));
    assert!(
        one("node-version-skew", format!("old-{id}"))["message"]
            .as_str()
            .is_some_and(|m| m.contains("6 minors behind"))
    );
    assert!(
        one("node-heartbeat-stale", format!("quiet-{id}"))["message"]
            .as_str()
            .is_some_and(|m| m.contains("duration 40s"))
    );
    let over = one("node-overcommitted", format!("small-{id}"));
    assert_eq!(over["severity"], "critical");
    assert!(
        over["message"]
            .as_str()
            .is_some_and(|m| m.contains("overcommitted: cpu requests 2.00 of 1.00")),
        "{over}"
    );
    // Unknown condition types from node-problem-detector are not reported (k8sgpt #1461).
    let noisy: Vec<&Value> = r["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["object"]["name"] == format!("unknown-cond-{id}"))
        .collect();
    assert!(noisy.is_empty(), "{noisy:?}");
    let nodes: kube::Api<k8s_openapi::api::core::v1::Node> = kube::Api::all(client.clone());
    for n in [
        "notready",
        "mem",
        "disk",
        "pid",
        "net",
        "unknown-cond",
        "old",
        "cordoned",
        "quiet",
        "small",
        "tainted",
    ] {
        nodes
            .delete(&format!("{n}-{id}"), &Default::default())
            .await
            .ok();
    }
    ns.delete().await;
}

fn deployment(name: &str, replicas: i32, pod_labels: Value, pod_spec_extra: Value) -> Value {
    let mut labels = json!({"app": name});
    merge(&mut labels, pod_labels);
    let mut spec = json!({"containers": [{"name": "app", "image": "registry.example/app:1.0",
        "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}, "limits": {"memory": "64Mi"}}}]});
    merge(&mut spec, pod_spec_extra);
    json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}}, "template": {"metadata": {"labels": labels}, "spec": spec}}})
}

fn failing_pod_template(name: &str) -> Value {
    json!({"metadata": {"labels": {"app": name, "pod-container-running-failed.stage.kwok.x-k8s.io": "true"},
        "annotations": {"pod-container-running-failed.stage.kwok.x-k8s.io/delay": "0"}},
        "spec": {"restartPolicy": "Never", "containers": [{"name": "job", "image": "registry.example/job:1.0"}]}})
}

#[tokio::test]
async fn workload_faults() {
    let Some((env, ns)) = setup("doc-work").await else {
        return;
    };
    let nowhere = json!({"nodeSelector": {"sre-toolkit.io/no-such-pool": "x"}});
    ns.apply(deployment("unplaced", 2, json!({}), nowhere.clone()))
        .await
        .expect("deploy");
    let mut stuck = deployment("stuck-rollout", 1, json!({}), nowhere.clone());
    stuck["spec"]["progressDeadlineSeconds"] = json!(1);
    ns.apply(stuck).await.expect("stuck");
    ns.apply(json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "db"},
        "spec": {"replicas": 1, "serviceName": "db", "selector": {"matchLabels": {"app": "db"}},
                 "template": {"metadata": {"labels": {"app": "db"}}, "spec": {"nodeSelector": {"sre-toolkit.io/no-such-pool": "x"},
                 "containers": [{"name": "db", "image": "registry.example/db:1.0"}]}}}})).await.expect("sts");
    ns.apply(json!({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent"},
        "spec": {"selector": {"matchLabels": {"app": "agent"}},
                 "template": {"metadata": {"labels": {"app": "agent", "fault.sre-toolkit.io/state": "waiting"},
                                           "annotations": {"fault.sre-toolkit.io/reason": "CrashLoopBackOff", "fault.sre-toolkit.io/restarts": "3"}},
                              "spec": {"nodeSelector": {"type": "kwok"}, "containers": [{"name": "agent", "image": "registry.example/agent:1.0"}]}}}})).await.expect("ds");
    enforced_quota(&ns, "no-pods", json!({"pods": "0"})).await;
    ns.apply(json!({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "quota-blocked"},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "qb"}},
                 "template": {"metadata": {"labels": {"app": "qb"}}, "spec": {"containers": [{"name": "app", "image": "registry.example/app:1.0"}]}}}})).await.expect("rs");

    let args = ["-n", ns.name.as_str(), "--checks", "workloads"];
    let q = expect_finding(&env, &args, "replicaset-create-failed", "quota-blocked").await;
    assert!(
        q["message"]
            .as_str()
            .is_some_and(|m| m.contains("FailedCreate") && m.contains("exceeded quota")),
        "{q}"
    );
    let d = expect_finding(&env, &args, "deployment-unavailable", "unplaced").await;
    assert_eq!(d["severity"], "critical");
    assert!(
        d["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("0/2 replicas available")),
        "{d}"
    );
    let s = expect_finding(&env, &args, "deployment-rollout-stuck", "stuck-rollout").await;
    assert!(
        s["message"]
            .as_str()
            .is_some_and(|m| m.contains("has timed out progressing")),
        "{s}"
    );
    let st = expect_finding(&env, &args, "statefulset-unavailable", "db").await;
    assert_eq!(st["message"], "0/1 replicas ready");
    let ds = expect_finding(&env, &args, "daemonset-unavailable", "agent").await;
    assert!(
        ds["message"].as_str().is_some_and(|m| m.starts_with("0/")),
        "{ds}"
    );
    ns.delete().await;

    // Jobs need a namespace without the pod quota.
    let ns = env.namespace("doc-jobs").await;
    ns.apply(
        json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "migrate"},
        "spec": {"backoffLimit": 0, "template": failing_pod_template("migrate")}}),
    )
    .await
    .expect("job");
    let cj = ns.apply(json!({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "nightly"},
        "spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": {"backoffLimit": 0, "template": failing_pod_template("nightly")}}}})).await.expect("cronjob");
    ns.apply(json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "nightly-29000000",
        "ownerReferences": [{"apiVersion": "batch/v1", "kind": "CronJob", "name": "nightly", "uid": cj["metadata"]["uid"], "controller": true}]},
        "spec": {"backoffLimit": 0, "template": failing_pod_template("nightly")}})).await.expect("cron run");
    let args = ["-n", ns.name.as_str(), "--checks", "workloads"];
    let j = expect_finding(&env, &args, "job-failed", "migrate").await;
    assert!(
        j["message"]
            .as_str()
            .is_some_and(|m| m.contains("BackoffLimitExceeded")),
        "{j}"
    );
    let c = expect_finding(&env, &args, "cronjob-failing", "nightly").await;
    assert!(
        c["message"]
            .as_str()
            .is_some_and(|m| m.contains("last run nightly-29000000 failed")
                && m.contains("1 failed in a row")),
        "{c}"
    );
    let r = report(&env, &args);
    assert!(
        hits(&r, "job-failed", "nightly-29000000").is_empty(),
        "CronJob runs are reported on the CronJob only"
    );
    ns.delete().await;
}

#[tokio::test]
async fn networking_faults() {
    let Some((env, ns)) = setup("doc-net").await else {
        return;
    };
    let (l, a) = fault("CrashLoopBackOff", json!({}));
    let mut labels = json!({"app": "broken"});
    merge(&mut labels, l);
    ns.apply(pod("broken-1", labels, a, json!({})))
        .await
        .expect("pod");
    ns.apply(
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "broken"},
        "spec": {"selector": {"app": "broken"}, "ports": [{"port": 80}]}}),
    )
    .await
    .expect("svc");
    ns.apply(
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "typo"},
        "spec": {"selector": {"app": "brokn"}, "ports": [{"port": 80}]}}),
    )
    .await
    .expect("svc");
    ns.apply(
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "external"},
        "spec": {"type": "ExternalName", "externalName": "db.example.com"}}),
    )
    .await
    .expect("svc");
    ns.apply(json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "shop"},
        "spec": {"tls": [{"hosts": ["shop.example.com"], "secretName": "shop-tls"}],
                 "rules": [{"host": "shop.example.com", "http": {"paths": [
                    {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "frontend", "port": {"number": 80}}}},
                    {"path": "/api", "pathType": "Prefix", "backend": {"service": {"name": "broken", "port": {"number": 8080}}}}]}}]}})).await.expect("ing");
    let args = ["-n", ns.name.as_str(), "--checks", "networking"];
    let e = expect_finding(&env, &args, "service-no-endpoints", "broken").await;
    assert!(
        e["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("1 matching pods, 0 ready endpoints")),
        "{e}"
    );
    let r = report(&env, &args);
    assert!(
        hits(&r, "service-selector-no-match", "typo")[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("app=brokn"))
    );
    assert!(
        hits(&r, "service-no-endpoints", "typo").is_empty(),
        "one finding per service"
    );
    assert!(
        r["items"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|f| f["object"]["name"] != "external"),
        "ExternalName services are not checked"
    );
    let ing = hits(&r, "ingress-backend-missing", "shop");
    assert_eq!(ing.len(), 1);
    let m = ing[0]["message"].as_str().unwrap_or_default();
    assert!(
        m.contains("shop.example.com/ -> Service \"frontend\" does not exist"),
        "{m}"
    );
    assert!(
        m.contains("shop.example.com/api -> Service \"broken\" has no port 8080"),
        "{m}"
    );
    assert!(
        hits(&r, "ingress-tls-secret-missing", "shop")[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("\"shop-tls\""))
    );
    ns.delete().await;
}

#[tokio::test]
async fn storage_faults() {
    let Some((env, ns)) = setup("doc-store").await else {
        return;
    };
    let id = &ns.name;
    ns.apply(json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "classless"},
        "spec": {"storageClassName": format!("no-such-class-{id}"), "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}})).await.expect("pvc");
    ns.apply(json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "waiting"},
        "spec": {"storageClassName": "", "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}})).await.expect("pvc");
    ns.apply(json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "orphan",
        "annotations": {"pv.kubernetes.io/bind-completed": "yes"}},
        "spec": {"storageClassName": "", "volumeName": format!("gone-{id}"), "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}})).await.expect("pvc");
    let client = &ns.client;
    let pv = |name: String, policy: &str| {
        json!({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": name},
        "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "persistentVolumeReclaimPolicy": policy, "storageClassName": "",
                 "csi": {"driver": "no-such-driver.example.com", "volumeHandle": "h"},
                 "claimRef": {"namespace": id, "name": "long-gone", "uid": "00000000-0000-0000-0000-000000000001"}}})
    };
    apply(client, None, pv(format!("kept-{id}"), "Retain"))
        .await
        .expect("pv");
    apply(client, None, pv(format!("doomed-{id}"), "Recycle"))
        .await
        .expect("pv");
    let args = ["-A", "--checks", "storage", "--stuck-after", "0s"];
    let lost = expect_finding(&env, &args, "pvc-lost", "orphan").await;
    assert!(
        lost["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("gone-{id}"))),
        "{lost}"
    );
    expect_finding(&env, &args, "pv-released", &format!("kept-{id}")).await;
    let failed = expect_finding(&env, &args, "pv-failed", &format!("doomed-{id}")).await;
    assert_eq!(failed["severity"], "critical");
    let r = report(&env, &args);
    assert!(
        hits(&r, "pvc-storageclass-missing", "classless")[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("no-such-class-{id}")))
    );
    assert_eq!(hits(&r, "pvc-pending", "waiting").len(), 1);
    // Not yet stuck with the default threshold.
    let r = report(&env, &["-n", id.as_str(), "--checks", "storage"]);
    assert!(hits(&r, "pvc-pending", "waiting").is_empty());
    let pvs: kube::Api<k8s_openapi::api::core::v1::PersistentVolume> =
        kube::Api::all(client.clone());
    for n in [format!("kept-{id}"), format!("doomed-{id}")] {
        pvs.delete(&n, &Default::default()).await.ok();
    }
    ns.delete().await;
}

#[tokio::test]
async fn autoscaling_faults() {
    let Some((env, ns)) = setup("doc-scale").await else {
        return;
    };
    ns.apply(deployment("web", 2, json!({}), json!({})))
        .await
        .expect("deploy");
    ns.apply(json!({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "web-cpu"},
        "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}, "minReplicas": 2, "maxReplicas": 5,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 60}}}]}})).await.expect("hpa");
    ns.apply(deployment("capped", 1, json!({}), json!({})))
        .await
        .expect("deploy");
    ns.apply(json!({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "capped"},
        "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "capped"}, "minReplicas": 1, "maxReplicas": 1,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 60}}}]}})).await.expect("hpa");
    ns.apply(json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "web-strict"},
        "spec": {"minAvailable": 2, "selector": {"matchLabels": {"app": "web"}}}})).await.expect("pdb");
    let args = ["-n", ns.name.as_str(), "--checks", "autoscaling"];
    let h = expect_finding(&env, &args, "hpa-unable-to-scale", "web-cpu").await;
    assert!(
        h["message"]
            .as_str()
            .is_some_and(|m| m.contains("ScalingActive=False")),
        "{h}"
    );
    let p = expect_finding(&env, &args, "pdb-blocks-disruption", "web-strict").await;
    assert!(
        p["message"].as_str().is_some_and(
            |m| m.starts_with("allows 0 disruptions") && m.contains("2 desired, 2 expected")
        ),
        "{p}"
    );
    let c = expect_finding(&env, &args, "hpa-at-max", "capped").await;
    assert!(
        c["message"].as_str().is_some_and(|m| m.contains("1/1")),
        "{c}"
    );
    ns.delete().await;
}

#[tokio::test]
async fn controlplane_faults() {
    let Some((env, ns)) = setup("doc-cp").await else {
        return;
    };
    let client = &ns.client;
    let id = &ns.name;
    let group = format!("{id}.example.com");
    apply(client, None, json!({"apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService", "metadata": {"name": format!("v1.{group}")},
        "spec": {"group": group, "version": "v1", "groupPriorityMinimum": 100, "versionPriority": 100, "insecureSkipTLSVerify": true,
                 "service": {"namespace": id, "name": "missing-aggregator", "port": 443}}})).await.expect("apiservice");
    // failurePolicy Ignore and a selector that matches nothing: safe for the other tests.
    apply(client, None, json!({"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration", "metadata": {"name": format!("policy-{id}")},
        "webhooks": [{"name": "check.example.com", "failurePolicy": "Ignore", "sideEffects": "None", "admissionReviewVersions": ["v1"],
                      "objectSelector": {"matchLabels": {"sre-toolkit.io/never": "true"}},
                      "clientConfig": {"service": {"namespace": id, "name": "missing-webhook", "port": 443}},
                      "rules": [{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["configmaps"]}]}]})).await.expect("webhook");
    let doomed = format!("{id}-doomed");
    apply(client, None, json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": doomed, "finalizers": ["sre-toolkit.io/test-hold"]}})).await.expect("ns");
    let nss: kube::Api<k8s_openapi::api::core::v1::Namespace> = kube::Api::all(client.clone());
    nss.delete(&doomed, &Default::default())
        .await
        .expect("delete ns");
    let args = ["-A", "--checks", "controlplane", "--stuck-after", "0s"];
    let a = expect_finding(
        &env,
        &args,
        "apiservice-unavailable",
        &format!("v1.{group}"),
    )
    .await;
    assert!(
        a["message"]
            .as_str()
            .is_some_and(|m| m.contains("ServiceNotFound")),
        "{a}"
    );
    let r = report(&env, &args);
    let w = hits(&r, "webhook-service-unavailable", &format!("policy-{id}"));
    assert_eq!(w.len(), 1, "{r}");
    assert_eq!(w[0]["severity"], "warning");
    assert!(w[0]["message"].as_str().is_some_and(
        |m| m.contains("missing-webhook does not exist") && m.contains("failurePolicy Ignore")
    ));
    let t = hits(&r, "namespace-terminating-stuck", &doomed);
    assert_eq!(t.len(), 1, "{r}");
    assert!(
        r["items"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|f| f["check"] != "apiserver-health"),
        "the API server is healthy"
    );
    // Clean up: the APIService first, then let the namespace go.
    let dyn_delete = |kind: &str, name: String| {
        apply(
            client,
            None,
            json!({"apiVersion": "v1", "kind": kind, "metadata": {"name": name}}),
        )
    };
    let _ = dyn_delete;
    let apis: kube::Api<k8s_openapi::kube_aggregator::pkg::apis::apiregistration::v1::APIService> =
        kube::Api::all(client.clone());
    apis.delete(&format!("v1.{group}"), &Default::default())
        .await
        .ok();
    let hooks: kube::Api<
        k8s_openapi::api::admissionregistration::v1::ValidatingWebhookConfiguration,
    > = kube::Api::all(client.clone());
    hooks
        .delete(&format!("policy-{id}"), &Default::default())
        .await
        .ok();
    let patch = json!({"metadata": {"finalizers": null}});
    nss.patch(
        &doomed,
        &kube::api::PatchParams::default(),
        &kube::api::Patch::Merge(&patch),
    )
    .await
    .ok();
    ns.delete().await;
}

#[tokio::test]
async fn events_are_summarised_by_reason() {
    let Some((env, ns)) = setup("doc-events").await else {
        return;
    };
    for (i, (obj, reason, count)) in [
        ("web-1", "BackOff", 12),
        ("web-2", "BackOff", 3),
        ("web-1", "FailedMount", 1),
    ]
    .iter()
    .enumerate()
    {
        ns.apply(json!({"apiVersion": "v1", "kind": "Event", "metadata": {"name": format!("ev-{i}")}, "type": "Warning", "reason": reason,
            "message": format!("{reason} happened"), "count": count, "lastTimestamp": jiff::Timestamp::now().to_string(),
            "involvedObject": {"kind": "Pod", "namespace": ns.name, "name": obj}})).await.expect("event");
    }
    ns.apply(json!({"apiVersion": "v1", "kind": "Event", "metadata": {"name": "normal"}, "type": "Normal", "reason": "Pulled",
        "message": "ok", "involvedObject": {"kind": "Pod", "namespace": ns.name, "name": "web-1"}})).await.expect("event");
    let r = report(&env, &["-n", ns.name.as_str(), "--checks", "events"]);
    let items = r["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 2, "{items:?}");
    let backoff = items
        .iter()
        .find(|f| {
            f["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("BackOff:"))
        })
        .expect("BackOff summary");
    assert_eq!(
        backoff["message"],
        "BackOff: 15 events on 2 objects in the last 1h; most on pod/web-1 (12x): BackOff happened"
    );
    assert_eq!(backoff["severity"], "info");
    ns.delete().await;
}

#[tokio::test]
async fn audit_flags_risky_templates_and_passes_hardened_ones() {
    let Some((env, ns)) = setup("doc-audit").await else {
        return;
    };
    ns.apply(deployment("risky", 1, json!({}), json!({"hostNetwork": true, "hostPID": true,
        "volumes": [{"name": "host", "hostPath": {"path": "/var/run"}}],
        "containers": [{"name": "app", "image": "nginx", "securityContext": {"privileged": true},
            "env": [{"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "api", "key": "token"}}}]},
            {"name": "sidecar", "image": "registry.example/side:2.0"}]}))).await.expect("risky");
    ns.apply(hardened("hardened")).await.expect("hardened");
    let r = report(&env, &["-n", ns.name.as_str(), "audit"]);
    let mut risky: Vec<String> = r["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["object"]["name"] == "risky")
        .filter_map(|f| f["check"].as_str().map(String::from))
        .collect();
    risky.sort();
    assert_eq!(
        risky,
        [
            "audit-host-network",
            "audit-host-path",
            "audit-host-pid",
            "audit-image-latest",
            "audit-no-probes",
            "audit-no-security-context",
            "audit-privileged",
            "audit-run-as-root",
            "audit-sa-token-automount",
            "audit-secret-in-env"
        ]
    );
    assert!(
        r["items"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|f| f["object"]["name"] != "hardened"),
        "{r}"
    );
    // One finding per template, not per replica.
    assert!(
        r["items"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|f| f["object"]["kind"] != "Pod")
    );
    ns.delete().await;
}

fn hardened(name: &str) -> Value {
    deployment(
        name,
        2,
        json!({}),
        json!({
        "automountServiceAccountToken": false,
        "securityContext": {"runAsNonRoot": true, "runAsUser": 10001},
        "containers": [{"name": "app", "image": "registry.example/app:1.0",
            "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true},
            "readinessProbe": {"httpGet": {"path": "/healthz", "port": 8080}},
            "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}},
            "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}, "limits": {"cpu": "100m", "memory": "64Mi"}}}]}),
    )
}

#[tokio::test]
async fn healthy_namespace_raises_nothing() {
    let Some((env, ns)) = setup("doc-healthy").await else {
        return;
    };
    ns.apply(hardened("web")).await.expect("web");
    ns.apply(json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
        "spec": {"selector": {"app": "web"}, "ports": [{"name": "http", "port": 80, "targetPort": 8080}]}})).await.expect("svc");
    ns.apply(json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "web-tls"}, "type": "Opaque", "stringData": {"placeholder": "x"}})).await.expect("secret");
    ns.apply(json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "web"},
        "spec": {"tls": [{"hosts": ["web.example.com"], "secretName": "web-tls"}],
                 "rules": [{"host": "web.example.com", "http": {"paths": [{"path": "/", "pathType": "Prefix",
                    "backend": {"service": {"name": "web", "port": {"name": "http"}}}}]}}]}})).await.expect("ing");
    ns.apply(json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "web"},
        "spec": {"maxUnavailable": 1, "selector": {"matchLabels": {"app": "web"}}}})).await.expect("pdb");
    let job = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "once"},
        "spec": {"template": {"spec": {"restartPolicy": "Never", "automountServiceAccountToken": false,
            "securityContext": {"runAsNonRoot": true, "runAsUser": 10001},
            "containers": [{"name": "once", "image": "registry.example/once:1.0", "securityContext": {"allowPrivilegeEscalation": false},
                "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}, "limits": {"memory": "64Mi"}}}]}}}});
    ns.apply(job).await.expect("job");
    let id = ns.name.clone();
    let settled = eventually("healthy workloads settle", WAIT, || {
        let r = report(&env, &["-n", id.as_str()]);
        let mine: Vec<Value> = r["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["object"]["namespace"] == id.as_str())
            .cloned()
            .collect();
        let ok = mine.is_empty()
            && r["metadata"]["score"]["sections"]
                .as_array()
                .is_some_and(|s| !s.is_empty());
        async move { ok.then_some(r) }
    })
    .await;
    assert_eq!(settled["metadata"]["namespace"], id.as_str());
    assert!(
        settled["items"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|f| f["check"] != "apiserver-health")
    );
    let pods = settled["metadata"]["score"]["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["name"] == "pods")
        .cloned()
        .unwrap_or_default();
    assert_eq!(pods["score"], 100, "{pods}");
    // The namespace-only view exits 0 when only this namespace's pods are checked.
    let r = doctor(
        &env,
        &[
            "-n",
            id.as_str(),
            "--checks",
            "pods,workloads,networking,audit",
            "--fail-on",
            "info",
        ],
    );
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("No problems found"), "{}", r.stderr);
    ns.delete().await;
}

#[tokio::test]
async fn suppression_by_annotation_flag_and_config() {
    let Some((env, ns)) = setup("doc-suppress").await else {
        return;
    };
    let mut quiet = pod(
        "quiet",
        json!({"team": "legacy"}),
        json!({"sre-toolkit.io/ignore": "pod-no-resources"}),
        json!({}),
    );
    quiet["spec"]["containers"][0]["resources"] = json!({});
    ns.apply(quiet).await.expect("quiet");
    let mut loud = pod("loud", json!({"team": "legacy"}), json!({}), json!({}));
    loud["spec"]["containers"][0]["resources"] = json!({});
    ns.apply(loud).await.expect("loud");
    let mut other = pod("other", json!({}), json!({}), json!({}));
    other["spec"]["containers"][0]["resources"] = json!({});
    ns.apply(other).await.expect("other");
    let args = ["-n", ns.name.as_str(), "--checks", "pod-no-resources"];
    let r = report(&env, &args);
    assert!(
        hits(&r, "pod-no-resources", "quiet").is_empty(),
        "annotation suppresses"
    );
    assert_eq!(hits(&r, "pod-no-resources", "loud").len(), 1);
    assert_eq!(r["metadata"]["suppressed"], 1);
    let flag = format!("pod-no-resources@{}/lo*", ns.name);
    let r = report(&env, &[&args[..], &["--exclude", flag.as_str()]].concat());
    assert!(hits(&r, "pod-no-resources", "loud").is_empty());
    assert_eq!(hits(&r, "pod-no-resources", "other").len(), 1);
    let dir = tempfile::tempdir().expect("tmp");
    let cfg = dir.path().join("doctor.yaml");
    std::fs::write(&cfg, "apiVersion: doctor.sre-toolkit.io/v1alpha1\nkind: DoctorConfig\nexclude:\n- checks: [pods]\n  labels: {team: legacy}\n").expect("write");
    let cfg = cfg.display().to_string();
    let r = report(&env, &[&args[..], &["--config", cfg.as_str()]].concat());
    assert!(hits(&r, "pod-no-resources", "loud").is_empty());
    assert_eq!(hits(&r, "pod-no-resources", "other").len(), 1);
    assert_eq!(r["metadata"]["suppressed"], 2);
    ns.delete().await;
}

#[tokio::test]
async fn ci_gates_fail_on_and_min_score() {
    let Some((env, ns)) = setup("doc-gates").await else {
        return;
    };
    let mut bare = pod("bare", json!({}), json!({}), json!({}));
    bare["spec"]["containers"][0]["resources"] = json!({});
    ns.apply(bare).await.expect("bare");
    ns.apply(pod("fine", json!({}), json!({}), json!({})))
        .await
        .expect("fine");
    let base = ["-n", ns.name.as_str(), "--checks", "pod-no-resources"];
    let with = |extra: &[&str]| doctor(&env, &[&base[..], extra].concat());
    assert_eq!(
        with(&[]).code,
        0,
        "a warning does not fail the default gate"
    );
    assert_eq!(with(&["--fail-on", "warning"]).code, 1);
    // Two pods, one with a warning: (2 - 0.5) / 2 = 75.
    let r = with(&["-o", "json"]).json();
    assert_eq!(r["metadata"]["score"]["overall"], 75);
    assert_eq!(r["metadata"]["score"]["grade"], "C");
    assert_eq!(with(&["--min-score", "80"]).code, 1);
    assert_eq!(with(&["--min-score", "70"]).code, 0);
    assert_eq!(with(&["--fail-on", "never", "--min-score", "70"]).code, 0);
    ns.delete().await;
}

#[tokio::test]
async fn limited_user_gets_partial_results_with_warnings() {
    let Some(env) = env().await else { return };
    // Context "limited": namespace team-a from the context, `view` there and nothing else.
    let r = doctor(&env, &["--context", "limited", "-o", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(
        j["metadata"]["namespace"], "team-a",
        "namespace comes from the context"
    );
    let skipped: Vec<&str> = j["metadata"]["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["resource"].as_str())
        .collect();
    assert!(
        skipped.contains(&"nodes") && skipped.contains(&"persistentvolumes"),
        "{skipped:?}"
    );
    assert!(!skipped.contains(&"pods"), "view in team-a covers pods");
    assert!(
        r.stderr.contains("warning: skipping nodes: forbidden"),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.matches("warning: skipping nodes").count(),
        1,
        "one warning per kind"
    );
    // -n overrides the context's namespace; there everything namespaced is forbidden.
    let r = doctor(
        &env,
        &["--context", "limited", "-n", "default", "--checks", "pods"],
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(
        r.stderr.contains("error: nothing could be checked"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("kubectl auth can-i --list --context limited"),
        "{}",
        r.stderr
    );
    // Impersonation is refused for the limited user: 403 on every kind.
    let r = doctor(
        &env,
        &["--context", "limited", "--as", "admin", "--checks", "pods"],
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
}

#[tokio::test]
async fn a_gate_does_not_pass_on_what_it_cannot_see() {
    let Some(env) = env().await else { return };
    // `limited` has `view` in team-a only: in `default` every namespaced kind and every
    // cluster-scoped one is forbidden; only the health endpoints answer.
    let gate = [
        "--context",
        "limited",
        "-n",
        "default",
        "--min-score",
        "85",
        "--fail-on",
        "warning",
    ];
    let r = doctor(&env, &[&gate[..], &["-o", "json"]].concat());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("the gate cannot pass"), "{}", r.stderr);
    assert!(r.stderr.contains("--allow-partial"), "{}", r.stderr);
    let j = r.json();
    let score = &j["metadata"]["score"];
    let section = |name: &str| {
        score["sections"]
            .as_array()
            .and_then(|s| s.iter().find(|x| x["name"] == name))
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(section("pods")["coverage"], "notChecked", "{score}");
    assert_eq!(
        section("pods").get("score"),
        None,
        "no score for what was not seen"
    );
    assert_eq!(section("nodes")["coverage"], "notChecked");
    assert!(
        score["incomplete"]
            .as_array()
            .is_some_and(|i| i.iter().any(|s| s == "pods")),
        "{score}"
    );
    // Every format says so.
    let table = doctor(&env, &gate);
    assert_eq!(table.code, 1);
    assert!(
        table
            .stdout
            .contains("not checked (configmaps, events, pods, secrets)"),
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("scored over:"), "{}", table.stdout);
    let junit = doctor(&env, &[&gate[..], &["-o", "junit"]].concat());
    assert!(
        junit
            .stdout
            .contains("<skipped message=\"section pods not checked"),
        "{}",
        junit.stdout
    );
    let sarif = doctor(&env, &[&gate[..], &["-o", "sarif"]].concat()).json();
    let notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"].to_string();
    assert!(notes.contains("section pods not checked"), "{notes}");
    let dir = tempfile::tempdir().expect("tmp");
    let html = dir.path().join("r.html");
    let _ = doctor(
        &env,
        &[&gate[..], &["--html", html.to_str().expect("utf8")]].concat(),
    );
    let page = std::fs::read_to_string(&html).expect("html");
    assert!(page.contains("not checked (") && page.contains("id=\"coverage\""));
    // --allow-partial gates on what could be checked (the healthy control plane).
    let partial = doctor(&env, &[&gate[..], &["--allow-partial"]].concat());
    assert_eq!(partial.code, 0, "{}{}", partial.stdout, partial.stderr);
    // Without a gate the run is a partial result with warnings, exit 0.
    let plain = doctor(&env, &["--context", "limited", "-n", "default"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
}

#[tokio::test]
async fn a_namespace_that_does_not_exist_is_a_usage_error() {
    let Some(env) = env().await else { return };
    let r = doctor(&env, &["-n", "does-not-exist"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.one_error_line()
            .contains("namespace \"does-not-exist\" does not exist"),
        "{}",
        r.stderr
    );
    let r = doctor(&env, &["heal", "-n", "does-not-exist"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[tokio::test]
async fn healthcheck_says_which_sections_it_scored() {
    let Some((env, ns)) = setup("doc-healthcheck").await else {
        return;
    };
    // Something in each of the four sections, whatever else the cluster holds.
    ns.apply(hardened("steady")).await.expect("steady");
    let r = doctor(&env, &["healthcheck", "-A"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("scored over: nodes, pods, workloads, controlplane"),
        "{}",
        r.stdout
    );
    // -v 6 as kubectl: one line per request with status and time, no HTTP internals.
    let verbose = doctor(&env, &["healthcheck", "-A", "-v", "6", "-o", "json"]);
    assert!(
        verbose.stderr.contains("http: GET https://") && verbose.stderr.contains(" 200 OK in "),
        "{}",
        verbose.stderr
    );
    assert!(!verbose.stderr.contains("hyper"), "{}", verbose.stderr);
    let j = verbose.json();
    assert_eq!(
        j["metadata"]["score"]["scoredSections"],
        json!(["nodes", "pods", "workloads", "controlplane"])
    );
    ns.delete().await;
}

#[tokio::test]
async fn heal_stops_between_actions_when_signalled() {
    use doctor::catalog::Kind;
    let Some((env, ns)) = setup("doc-heal-stop").await else {
        return;
    };
    let client = ns.client.clone();
    let node = format!("static-{}", ns.name);
    static_node(&client, &node, json!({}), ready_node_status())
        .await
        .expect("node");
    for name in ["evicted-a", "evicted-b"] {
        evicted_pod(&client, &ns.name, &node, name).await;
    }
    let kube = shared::cli::KubeArgs {
        kubeconfig: Some(env.kubeconfig.clone()),
        namespace: Some(ns.name.clone()),
        ..Default::default()
    };
    shared::run::install_crypto_provider();
    let cluster = shared::cluster::Cluster::connect(&kube)
        .await
        .expect("connect");
    let kinds = [
        Kind::Pods,
        Kind::Deployments,
        Kind::StatefulSets,
        Kind::ReplicaSets,
        Kind::Pdbs,
    ]
    .into_iter()
    .collect();
    let snap = doctor::snapshot::collect(&cluster, &kinds, &|_: &str| {})
        .await
        .expect("snapshot");
    let settings = doctor::heal::Settings {
        restart_threshold: 5,
        window: Duration::from_secs(3600),
        max_actions: 10,
        allowed: vec![],
    };
    let plan = doctor::heal::plan(&snap, &settings);
    let planned = plan
        .iter()
        .filter(|a| a.status == doctor::heal::Status::Planned)
        .count();
    assert_eq!(planned, 2, "{plan:?}");
    // The signal arrived before the first action: nothing is applied, all is reported.
    let interrupt = shared::run::Interrupt::default();
    interrupt.fire_for_test(15);
    let recorder = shared::audit::Recorder::new(
        &cluster,
        "kubectl-doctor",
        None,
        std::io::sink(),
        |_: &str| {},
    );
    let done = doctor::heal::apply(&cluster, &snap, plan, &recorder, &interrupt).await;
    assert!(
        done.iter()
            .all(|a| a.status != doctor::heal::Status::Applied),
        "{done:?}"
    );
    assert!(
        done.iter()
            .filter(|a| a.detail.as_deref() == Some("not applied: interrupted before this action"))
            .count()
            == 2,
        "{done:?}"
    );
    let pods: kube::Api<k8s_openapi::api::core::v1::Pod> =
        kube::Api::namespaced(client.clone(), &ns.name);
    assert!(pods.get_opt("evicted-a").await.expect("get").is_some());
    assert!(pods.get_opt("evicted-b").await.expect("get").is_some());
    ns.delete().await;
}

#[tokio::test]
async fn wrong_credentials_are_401_exit_4() {
    let Some(env) = env().await else { return };
    let text = std::fs::read_to_string(&env.kubeconfig).expect("kubeconfig");
    let dir = tempfile::tempdir().expect("tmp");
    let bad = dir.path().join("bad");
    std::fs::write(
        &bad,
        text.replace("token: admin-token", "token: wrong-token"),
    )
    .expect("write");
    let r = run_plugin(&bin(), &["--kubeconfig", &bad.display().to_string()], &[]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert_eq!(
        r.stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .count(),
        1,
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("Unauthorized"), "{}", r.stderr);
    assert!(
        r.stderr.contains("kubectl auth whoami --context admin"),
        "{}",
        r.stderr
    );
}

#[tokio::test]
async fn works_as_a_kubectl_plugin_with_a_client_certificate() {
    let Some((env, ns)) = setup("doc-plugin").await else {
        return;
    };
    ns.apply(pod("web", json!({}), json!({}), json!({})))
        .await
        .expect("pod");
    let dir = bin().parent().map(PathBuf::from).unwrap_or_default();
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("kubectl")
        .args([
            "doctor",
            "--context",
            "cert-admin",
            "-n",
            ns.name.as_str(),
            "--checks",
            "pods",
            "-o",
            "json",
        ])
        .env("KUBECONFIG", &env.kubeconfig)
        .env("PATH", path)
        .output()
        .expect("kubectl runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let j: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(j["metadata"]["context"], "cert-admin");
    assert_eq!(j["metadata"]["namespace"], ns.name.as_str());
    ns.delete().await;
}

#[tokio::test]
async fn table_output_and_colour() {
    let Some((env, ns)) = setup("doc-table").await else {
        return;
    };
    let mut bare = pod("bare", json!({}), json!({}), json!({}));
    bare["spec"]["containers"][0]["resources"] = json!({});
    ns.apply(bare).await.expect("bare");
    let base = ["-n", ns.name.as_str(), "--checks", "pod-no-resources"];
    let plain = doctor(&env, &base);
    assert!(
        plain
            .stdout
            .starts_with("SEVERITY   CHECK              OBJECT     MESSAGE\n"),
        "{}",
        plain.stdout
    );
    assert!(plain.stdout.contains("warning    pod-no-resources   pod/bare   container \"app\" has no resource requests or limits"), "{}", plain.stdout);
    assert!(
        plain.stdout.contains("Overall score 50/100 (grade E)"),
        "{}",
        plain.stdout
    );
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "no colour without a terminal"
    );
    let coloured = doctor(&env, &[&base[..], &["--color", "always"]].concat());
    assert!(
        coloured.stdout.contains("\u{1b}[33mwarning\u{1b}[39m"),
        "{}",
        coloured.stdout
    );
    let json = doctor(
        &env,
        &[&base[..], &["--color", "always", "-o", "json"]].concat(),
    );
    assert!(
        !json.stdout.contains('\u{1b}'),
        "structured output is never coloured"
    );
    let wide = doctor(&env, &[&base[..], &["-o", "wide", "--no-headers"]].concat());
    assert!(wide.stdout.starts_with("warning "), "{}", wide.stdout);
    assert!(
        wide.stdout.contains("set requests so the scheduler"),
        "{}",
        wide.stdout
    );
    let yaml = doctor(&env, &[&base[..], &["-o", "yaml"]].concat());
    assert!(
        yaml.stdout
            .starts_with("apiVersion: doctor.sre-toolkit.io/v1alpha1"),
        "{}",
        yaml.stdout
    );
    ns.delete().await;
}

/// The running cluster's kubeconfig with an extra user whose credentials come from an exec
/// plugin, and a context `exec` that uses it.
fn kubeconfig_with_exec(env: &Env, dir: &std::path::Path, script: &str) -> String {
    let text = std::fs::read_to_string(&env.kubeconfig).expect("kubeconfig");
    let mut kc: Value = serde_saphyr::from_str(&text).expect("kubeconfig parses");
    let plugin = dir.join("credential-plugin.sh");
    std::fs::write(&plugin, script).expect("write plugin");
    kc["users"].as_array_mut().expect("users").push(json!({"name": "exec-user", "user": {"exec": {
        "apiVersion": "client.authentication.k8s.io/v1", "command": "/bin/sh", "args": [plugin.display().to_string()],
        "interactiveMode": "Never"}}}));
    kc["contexts"].as_array_mut().expect("contexts").push(
        json!({"name": "exec", "context": {"cluster": "sre-toolkit-test", "user": "exec-user"}}),
    );
    let path = dir.join("kubeconfig.json");
    std::fs::write(&path, serde_json::to_string(&kc).expect("json")).expect("write");
    path.display().to_string()
}

#[tokio::test]
async fn exec_credential_plugins_work_and_their_failure_is_exit_3() {
    let Some(env) = env().await else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let good = kubeconfig_with_exec(
        &env,
        dir.path(),
        "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"admin-token\"}}'\n",
    );
    let r = run_plugin(
        &bin(),
        &[
            "--kubeconfig",
            &good,
            "--context",
            "exec",
            "-n",
            "default",
            "--checks",
            "pods",
            "-o",
            "json",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["metadata"]["context"], "exec");
    let bad_dir = tempfile::tempdir().expect("tmp");
    let bad = kubeconfig_with_exec(
        &env,
        bad_dir.path(),
        "echo 'token expired, run sso login' >&2; exit 1\n",
    );
    let r = run_plugin(
        &bin(),
        &[
            "--kubeconfig",
            &bad,
            "--context",
            "exec",
            "--checks",
            "pods",
        ],
        &[],
    );
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_eq!(
        r.stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .count(),
        1,
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("hint: the credentials of this context could not be loaded"),
        "{}",
        r.stderr
    );
}

fn crashing_deployment(name: &str, replicas: i32) -> Value {
    deployment(
        name,
        replicas,
        json!({"fault.sre-toolkit.io/state": "waiting"}),
        json!({}),
    )
    .pipe_annotate(json!({"fault.sre-toolkit.io/reason": "CrashLoopBackOff", "fault.sre-toolkit.io/restarts": "12",
        "fault.sre-toolkit.io/last-reason": "Error", "fault.sre-toolkit.io/exit-code": "1"}))
}

trait Annotate {
    fn pipe_annotate(self, annotations: Value) -> Value;
}

impl Annotate for Value {
    /// Adds pod-template annotations to a Deployment manifest.
    fn pipe_annotate(mut self, annotations: Value) -> Value {
        self["spec"]["template"]["metadata"]["annotations"] = annotations;
        self
    }
}

/// An Evicted pod bound to a static node (status written, nothing runs it).
async fn evicted_pod(client: &kube::Client, ns: &str, node: &str, name: &str) {
    let mut p = pod(name, json!({}), json!({}), json!({"nodeName": node}));
    apply(client, Some(ns), p.clone()).await.expect("pod");
    p["status"] = json!({"phase": "Failed", "reason": "Evicted", "message": "The node was low on resource: ephemeral-storage."});
    write_status(client, Some(ns), &p).await.expect("status");
}

async fn resource_versions(client: &kube::Client, ns: &str) -> BTreeMap<String, String> {
    let deps: kube::Api<k8s_openapi::api::apps::v1::Deployment> =
        kube::Api::namespaced(client.clone(), ns);
    let pods: kube::Api<k8s_openapi::api::core::v1::Pod> =
        kube::Api::namespaced(client.clone(), ns);
    let mut m = BTreeMap::new();
    for d in deps.list(&Default::default()).await.expect("list").items {
        m.insert(
            format!("deployment/{}", d.metadata.name.unwrap_or_default()),
            d.metadata.resource_version.unwrap_or_default(),
        );
    }
    for p in pods.list(&Default::default()).await.expect("list").items {
        m.insert(
            format!("pod/{}", p.metadata.name.unwrap_or_default()),
            p.metadata.resource_version.unwrap_or_default(),
        );
    }
    m
}

fn action<'a>(plan: &'a Value, name: &str) -> &'a Value {
    plan["items"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["object"]["name"] == name))
        .unwrap_or(&Value::Null)
}

use std::collections::BTreeMap;

#[tokio::test]
async fn heal_dry_run_changes_nothing_and_apply_does_exactly_the_plan() {
    let Some((env, ns)) = setup("doc-heal").await else {
        return;
    };
    let client = ns.client.clone();
    let node = format!("static-{}", ns.name);
    static_node(&client, &node, json!({}), ready_node_status())
        .await
        .expect("node");
    ns.apply(crashing_deployment("crashy", 1))
        .await
        .expect("crashy");
    ns.apply(crashing_deployment("guarded", 2))
        .await
        .expect("guarded");
    ns.apply(json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "guarded"},
        "spec": {"minAvailable": 2, "selector": {"matchLabels": {"app": "guarded"}}}})).await.expect("pdb");
    ns.apply(hardened("steady")).await.expect("steady");
    evicted_pod(&client, &ns.name, &node, "evicted-1").await;
    let n = ns.name.clone();
    let plan_args = ["heal", "-n", n.as_str(), "-o", "json"];
    // Wait until kwok has made the crashers crash and the PDB controller has judged.
    let plan = eventually("a full plan", WAIT, || {
        let r = doctor(&env, &plan_args);
        let j = if r.code == 0 { r.json() } else { Value::Null };
        let ready = action(&j, "crashy")["status"] == "planned"
            && action(&j, "guarded")["status"] == "skipped"
            && action(&j, "evicted-1")["status"] == "planned";
        async move { ready.then_some(j) }
    })
    .await;
    assert_eq!(plan["kind"], "HealPlan");
    assert_eq!(plan["metadata"]["dryRun"], true);
    assert_eq!(
        action(&plan, "crashy")["command"],
        format!("kubectl rollout restart deployment/crashy -n {n}")
    );
    assert!(
        action(&plan, "crashy")["reason"]
            .as_str()
            .is_some_and(|r| r.contains("restarted 12 times"))
    );
    assert_eq!(
        action(&plan, "guarded")["detail"],
        "PodDisruptionBudget guarded allows no disruption"
    );
    assert_eq!(action(&plan, "evicted-1")["action"], "delete-pod");
    assert_eq!(
        action(&plan, "steady"),
        &Value::Null,
        "healthy workloads are not in the plan"
    );

    let before = resource_versions(&client, &n).await;
    let dry = doctor(&env, &["heal", "-n", n.as_str()]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stderr
            .contains("Dry run: nothing was changed. Rerun with --apply to carry out 2 action(s)."),
        "{}",
        dry.stderr
    );
    assert!(
        dry.stdout.contains("kubectl delete pod evicted-1 -n"),
        "{}",
        dry.stdout
    );
    assert_eq!(
        resource_versions(&client, &n).await,
        before,
        "a dry run changes nothing"
    );

    let applied = doctor(&env, &["heal", "-n", n.as_str(), "--apply", "-o", "json"]);
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    let j = applied.json();
    assert_eq!(action(&j, "crashy")["status"], "applied");
    assert_eq!(action(&j, "evicted-1")["status"], "applied");
    assert_eq!(action(&j, "guarded")["status"], "skipped");
    let log: Vec<Value> = applied
        .stderr
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(
        log.len(),
        2,
        "one JSON line per applied action: {}",
        applied.stderr
    );
    assert!(
        log.iter()
            .all(|l| l["plugin"] == "kubectl-doctor" && l["status"] == "applied"),
        "{log:?}"
    );
    assert!(
        log.iter()
            .any(|l| l["action"] == "rollout-restart" && l["object"]["name"] == "crashy")
    );
    let after = resource_versions(&client, &n).await;
    assert_ne!(
        after.get("deployment/crashy"),
        before.get("deployment/crashy"),
        "crashy was restarted"
    );
    assert_eq!(
        after.get("deployment/steady"),
        before.get("deployment/steady"),
        "steady untouched"
    );
    assert_eq!(
        after.get("deployment/guarded"),
        before.get("deployment/guarded"),
        "guarded untouched"
    );
    let deps: kube::Api<k8s_openapi::api::apps::v1::Deployment> =
        kube::Api::namespaced(client.clone(), &n);
    let crashy = deps.get("crashy").await.expect("crashy");
    let ann = crashy
        .spec
        .and_then(|s| s.template.metadata)
        .and_then(|m| m.annotations)
        .unwrap_or_default();
    assert!(
        ann.contains_key("kubectl.kubernetes.io/restartedAt"),
        "{ann:?}"
    );
    let pods: kube::Api<k8s_openapi::api::core::v1::Pod> =
        kube::Api::namespaced(client.clone(), &n);
    assert!(
        pods.get_opt("evicted-1")
            .await
            .expect("get")
            .is_none_or(|p| p.metadata.deletion_timestamp.is_some())
    );
    let events: kube::Api<k8s_openapi::api::core::v1::Event> =
        kube::Api::namespaced(client.clone(), &n);
    let healed: Vec<String> = events
        .list(&kube::api::ListParams::default().fields("reason=SreToolkitHeal"))
        .await
        .expect("events")
        .items
        .into_iter()
        .filter_map(|e| e.involved_object.name)
        .collect();
    assert!(
        healed.contains(&"crashy".to_string()) && healed.contains(&"evicted-1".to_string()),
        "{healed:?}"
    );
    // Right after a restart, crashy is in its rollout or cooldown: not restarted again.
    let again = doctor(&env, &plan_args).json();
    assert_ne!(action(&again, "crashy")["status"], "planned", "{again}");
    let nodes: kube::Api<k8s_openapi::api::core::v1::Node> = kube::Api::all(client.clone());
    nodes.delete(&node, &Default::default()).await.ok();
    ns.delete().await;
}

#[tokio::test]
async fn heal_guards_max_actions_and_protected_namespaces() {
    let Some((env, ns)) = setup("doc-guard").await else {
        return;
    };
    let client = ns.client.clone();
    let node = format!("static-{}", ns.name);
    static_node(&client, &node, json!({}), ready_node_status())
        .await
        .expect("node");
    for i in 0..3 {
        evicted_pod(&client, &ns.name, &node, &format!("evicted-{i}")).await;
    }
    let mut keep = pod(
        "keep-me",
        json!({}),
        json!({"sre-toolkit.io/ignore": "heal"}),
        json!({"nodeName": node}),
    );
    ns.apply(keep.clone()).await.expect("pod");
    keep["status"] =
        json!({"phase": "Failed", "reason": "Evicted", "message": "kept for forensics"});
    write_status(&client, Some(&ns.name), &keep)
        .await
        .expect("status");
    let plan = doctor(
        &env,
        &[
            "heal",
            "-n",
            ns.name.as_str(),
            "--max-actions",
            "2",
            "-o",
            "json",
        ],
    )
    .json();
    let statuses: Vec<&str> = plan["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["status"].as_str())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == "planned").count(),
        2,
        "{plan}"
    );
    let capped: Vec<&Value> = plan["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["detail"] == "--max-actions 2 reached")
        .collect();
    assert_eq!(capped.len(), 1, "{plan}");
    assert_eq!(
        action(&plan, "keep-me")["detail"],
        "annotated sre-toolkit.io/ignore"
    );

    let sys_pod = format!("evicted-{}", ns.name);
    evicted_pod(&client, "kube-system", &node, &sys_pod).await;
    let plan = doctor(&env, &["heal", "-n", "kube-system", "-o", "json"]).json();
    assert_eq!(action(&plan, &sys_pod)["status"], "skipped");
    assert_eq!(
        action(&plan, &sys_pod)["detail"],
        "namespace kube-system is protected; name it with --allow-namespace kube-system"
    );
    let plan = doctor(
        &env,
        &[
            "heal",
            "-n",
            "kube-system",
            "--allow-namespace",
            "kube-system",
            "-o",
            "json",
        ],
    )
    .json();
    assert_eq!(action(&plan, &sys_pod)["status"], "planned");
    let pods: kube::Api<k8s_openapi::api::core::v1::Pod> =
        kube::Api::namespaced(client.clone(), "kube-system");
    pods.delete(&sys_pod, &Default::default()).await.ok();
    let nodes: kube::Api<k8s_openapi::api::core::v1::Node> = kube::Api::all(client.clone());
    nodes.delete(&node, &Default::default()).await.ok();
    ns.delete().await;
}

#[tokio::test]
async fn heal_cronjob_rbac_is_enough_to_apply() {
    let Some((env, ns)) = setup("doc-healrbac").await else {
        return;
    };
    let manifest = testcluster::repo_root().join("manifests/doctor/heal-cronjob.yaml");
    let out = std::process::Command::new("kubectl")
        .args([
            "apply",
            "--server-side",
            "-f",
            &manifest.display().to_string(),
        ])
        .env("KUBECONFIG", &env.kubeconfig)
        .output()
        .expect("kubectl");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let client = ns.client.clone();
    let node = format!("static-{}", ns.name);
    static_node(&client, &node, json!({}), ready_node_status())
        .await
        .expect("node");
    evicted_pod(&client, &ns.name, &node, "evicted-rbac").await;
    // Run as the CronJob's ServiceAccount: its ClusterRole must cover the whole run. Only in
    // this test's namespace: the other tests' namespaces are not ours to heal.
    let r = doctor(
        &env,
        &[
            "heal",
            "-n",
            ns.name.as_str(),
            "--apply",
            "--as",
            "system:serviceaccount:sre-toolkit:doctor-heal",
            "-o",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stderr.contains("warning:"),
        "no kind may be skipped: {}",
        r.stderr
    );
    assert!(!r.stderr.contains("could not record"), "{}", r.stderr);
    assert_eq!(action(&r.json(), "evicted-rbac")["status"], "applied");
    // And it is least privilege: no Secrets.
    let can = std::process::Command::new("kubectl")
        .args([
            "auth",
            "can-i",
            "list",
            "secrets",
            "-A",
            "--as",
            "system:serviceaccount:sre-toolkit:doctor-heal",
        ])
        .env("KUBECONFIG", &env.kubeconfig)
        .output()
        .expect("kubectl");
    assert_eq!(String::from_utf8_lossy(&can.stdout).trim(), "no");
    let nodes: kube::Api<k8s_openapi::api::core::v1::Node> = kube::Api::all(client.clone());
    nodes.delete(&node, &Default::default()).await.ok();
    ns.delete().await;
}

#[tokio::test]
async fn junit_sarif_and_html_reports() {
    let Some((env, ns)) = setup("doc-formats").await else {
        return;
    };
    let mut bare = pod("bare", json!({}), json!({}), json!({}));
    bare["spec"]["containers"][0]["resources"] = json!({});
    ns.apply(bare).await.expect("bare");
    let n = ns.name.clone();
    let base = ["-n", n.as_str(), "--checks", "pods"];
    let junit = doctor(&env, &[&base[..], &["-o", "junit"]].concat());
    assert_eq!(junit.code, 0, "{}", junit.stderr);
    assert!(junit.stdout.starts_with("<?xml"), "{}", junit.stdout);
    assert!(
        junit.stdout.contains("<testsuite name=\"pods\""),
        "{}",
        junit.stdout
    );
    assert!(
        junit.stdout.contains(&format!(
            "name=\"pod-no-resources Pod/{n}/bare\"><failure type=\"warning\""
        )),
        "{}",
        junit.stdout
    );
    assert!(
        junit
            .stdout
            .contains("<testcase classname=\"doctor.pods.pod-crashloop\" name=\"pod-crashloop\"/>"),
        "{}",
        junit.stdout
    );
    let dir = tempfile::tempdir().expect("tmp");
    let xml = dir.path().join("report.xml");
    std::fs::write(&xml, &junit.stdout).expect("write");
    let parsed = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, xml.dom.minidom as m; m.parse(sys.argv[1])",
            &xml.display().to_string(),
        ])
        .status()
        .expect("python3");
    assert!(parsed.success(), "JUnit output is well-formed XML");

    let sarif = doctor(&env, &[&base[..], &["-o", "sarif"]].concat()).json();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(results.len(), 1, "{sarif}");
    assert_eq!(results[0]["ruleId"], "pod-no-resources");
    assert_eq!(results[0]["level"], "warning");
    assert_eq!(
        results[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        format!("Pod/{n}/bare")
    );
    assert!(
        sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .is_some_and(|r| r.len() > 50)
    );
    // What GitHub code scanning takes: schema-valid, a physical location and a fingerprint
    // per result, the same fingerprint in the next run.
    let problems = testcluster::testing::sarif_problems(&sarif);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        format!("k8s/{n}/Pod/bare")
    );
    let next = doctor(&env, &[&base[..], &["-o", "sarif"]].concat()).json();
    assert_eq!(
        next["runs"][0]["results"][0]["partialFingerprints"],
        results[0]["partialFingerprints"]
    );

    let html = dir.path().join("report.html");
    let html_s = html.display().to_string();
    let r = doctor(
        &env,
        &[&base[..], &["--html", html_s.as_str(), "-o", "json"]].concat(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(&html).expect("html written");
    assert!(
        page.contains("pod-no-resources") && !page.contains("http://"),
        "self-contained"
    );
    // Rendered by a real browser: the DOM after scripts ran.
    let Some(dom) = testcluster::testing::chromium_dom(std::path::Path::new(&html_s)) else {
        return;
    };
    assert!(
        dom.contains("<td><code>pod-no-resources</code></td>"),
        "{dom}"
    );
    assert!(dom.contains("id=\"grade\">E</div>"), "{dom}");
    assert!(dom.contains(&format!("Pod/{n}/bare")), "{dom}");
    ns.delete().await;
}

#[tokio::test]
async fn watch_prints_findings_as_they_appear_and_clear() {
    use std::io::BufRead;
    let Some((env, ns)) = setup("doc-watch").await else {
        return;
    };
    let mut bare = pod("bare", json!({}), json!({}), json!({}));
    bare["spec"]["containers"][0]["resources"] = json!({});
    ns.apply(bare).await.expect("bare");
    let mut child = std::process::Command::new(bin())
        .args([
            "--kubeconfig",
            &env.kubeconfig.display().to_string(),
            "-n",
            ns.name.as_str(),
            "--checks",
            "pod-no-resources",
            "--watch",
            "--interval",
            "1s",
            "--watch-count",
            "20",
            "-o",
            "json",
        ])
        .env("HOME", std::env::temp_dir())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel::<Value>();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if let Ok(v) = serde_json::from_str::<Value>(&line) {
                let _ = tx.send(v);
            }
        }
    });
    let first = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("first event");
    assert_eq!(first["kind"], "FindingEvent");
    assert_eq!(first["type"], "added");
    assert_eq!(first["finding"]["object"]["name"], "bare");
    let pods: kube::Api<k8s_openapi::api::core::v1::Pod> =
        kube::Api::namespaced(ns.client.clone(), &ns.name);
    pods.delete("bare", &kube::api::DeleteParams::default().grace_period(0))
        .await
        .expect("delete");
    let cleared = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("cleared event");
    assert_eq!(cleared["type"], "cleared");
    assert_eq!(cleared["finding"]["object"]["name"], "bare");
    let _ = child.kill();
    let _ = child.wait();
    let _ = reader.join();
    ns.delete().await;
}

#[tokio::test]
async fn cronjob_that_cannot_start_misses_its_schedule() {
    let Some((env, ns)) = setup("doc-cron").await else {
        return;
    };
    // A quota of zero Jobs: the CronJob controller cannot start any run.
    enforced_quota(&ns, "no-jobs", json!({"count/jobs.batch": "0"})).await;
    ns.apply(json!({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "every-minute"},
        "spec": {"schedule": "* * * * *", "jobTemplate": {"spec": {"template": failing_pod_template("every-minute")}}}})).await.expect("cronjob");
    ns.apply(json!({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "paused"},
        "spec": {"schedule": "* * * * *", "suspend": true, "jobTemplate": {"spec": {"template": failing_pod_template("paused")}}}})).await.expect("cronjob");
    let args = [
        "-n",
        ns.name.as_str(),
        "--checks",
        "cronjob-missed-schedule",
        "--stuck-after",
        "0s",
    ];
    let f = expect_finding(&env, &args, "cronjob-missed-schedule", "every-minute").await;
    assert!(
        f["message"]
            .as_str()
            .is_some_and(|m| m.contains("did not start") && m.contains("never ran")),
        "{f}"
    );
    assert!(
        hits(&report(&env, &args), "cronjob-missed-schedule", "paused").is_empty(),
        "suspended CronJobs are not late"
    );
    ns.delete().await;
}

#[tokio::test]
async fn kubectl_plugin_completion_through_the_shim() {
    let Some(env) = env().await else { return };
    let dir = bin().parent().map(PathBuf::from).unwrap_or_default();
    let shims = testcluster::repo_root().join("completions");
    let path = format!(
        "{}:{}:{}",
        dir.display(),
        shims.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let complete = |words: &[&str]| {
        let out = std::process::Command::new("kubectl")
            .arg("__complete")
            .arg("doctor")
            .args(words)
            .env("KUBECONFIG", &env.kubeconfig)
            .env("PATH", &path)
            .output()
            .expect("kubectl");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(String::from)
            .collect::<Vec<String>>()
    };
    assert_eq!(
        complete(&["--context", ""]),
        ["admin", "limited", "cert-admin", ":4"]
    );
    let namespaces = complete(&["-n", "team"]);
    assert_eq!(
        namespaces,
        ["team-a", ":4"],
        "namespaces come from the cluster"
    );
    assert_eq!(complete(&["heal", "--allow"]), ["--allow-namespace", ":4"]);
    assert!(complete(&["h"]).starts_with(&["healthcheck".to_string(), "heal".to_string()]));
}

#[tokio::test]
async fn apiserver_health_reports_failing_readyz_checks() {
    // A control plane of its own (the shared one must stay healthy for the other tests);
    // its etcd is killed so that the API server's /readyz etcd check fails for real.
    let Some(_shared) = env().await else { return };
    /// Stops the extra control plane even when an assertion fails.
    struct StopOnDrop(PathBuf);
    impl Drop for StopOnDrop {
        fn drop(&mut self) {
            let _ = testcluster::controlplane::down(&self.0);
        }
    }
    let dir = tempfile::tempdir().expect("tmp");
    let _stop = StopOnDrop(dir.path().to_path_buf());
    let state = testcluster::controlplane::up(dir.path())
        .await
        .expect("second control plane starts");
    let etcd = state
        .processes
        .iter()
        .find(|p| p.name == "etcd")
        .expect("etcd recorded")
        .pid;
    nix::sys::signal::killpg(
        nix::unistd::Pid::from_raw(etcd),
        nix::sys::signal::Signal::SIGKILL,
    )
    .expect("kill etcd");
    let kc = state.kubeconfig.display().to_string();
    let report = eventually("readyz to fail", WAIT, || {
        let r = run_plugin(
            &bin(),
            &[
                "--kubeconfig",
                &kc,
                "--checks",
                "apiserver-health",
                "-o",
                "json",
                "--request-timeout",
                "20s",
            ],
            &[],
        );
        let found = (r.code == 1).then(|| r.json());
        async move { found }
    })
    .await;
    let items = report["items"].as_array().cloned().unwrap_or_default();
    let etcd_check = items
        .iter()
        .find(|f| {
            f["message"]
                .as_str()
                .is_some_and(|m| m.contains("\"etcd\""))
        })
        .expect("etcd check reported");
    assert_eq!(etcd_check["check"], "apiserver-health");
    assert_eq!(etcd_check["severity"], "critical");
    assert_eq!(etcd_check["object"]["kind"], "APIServer");
}
