//! Node checks: conditions, heartbeat leases, cordons, kubelet version skew, requests
//! against allocatable, and taints that leave pending pods nowhere to go.

use super::{Cx, ago};
use crate::finding::{ObjectRef, Severity};
use crate::quantity;
use k8s_openapi::api::core::v1::{Node, Pod, Taint, Toleration};
use std::collections::HashMap;

/// Requests at or above this share of allocatable count as nearly full.
const NEARLY_FULL: f64 = 0.95;

pub(crate) fn run(cx: &mut Cx<'_>) {
    let Some(nodes) = cx.snap.nodes.as_ref() else {
        return;
    };
    let leases: HashMap<&str, _> = cx
        .snap
        .node_leases
        .iter()
        .flatten()
        .filter_map(|l| Some((l.metadata.name.as_deref()?, l)))
        .collect();
    for node in nodes {
        let name = node.metadata.name.as_deref().unwrap_or_default();
        let obj = || ObjectRef::cluster("Node", name);
        for c in node
            .status
            .iter()
            .flat_map(|s| s.conditions.iter().flatten())
        {
            let since = c
                .last_transition_time
                .as_ref()
                .map(|t| format!(" for {}", ago(cx.age(t))))
                .unwrap_or_default();
            let why = format!(
                "{}{}",
                c.reason.as_deref().unwrap_or(""),
                c.message
                    .as_deref()
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default()
            );
            match (c.type_.as_str(), c.status.as_str()) {
                ("Ready", "False" | "Unknown") => cx.emit(
                    "node-not-ready",
                    obj(),
                    format!("Ready={}{since} ({why})", c.status),
                    "check the kubelet and container runtime on the node; `kubectl describe node` shows recent events",
                ),
                ("MemoryPressure", "True") => cx.emit(
                    "node-memory-pressure",
                    obj(),
                    format!("MemoryPressure{since} ({why})"),
                    "the kubelet will evict pods: find heavy pods with `kubectl top pods -A --sort-by=memory` or add capacity",
                ),
                ("DiskPressure", "True") => cx.emit(
                    "node-disk-pressure",
                    obj(),
                    format!("DiskPressure{since} ({why})"),
                    "free disk: unused images, logs, emptyDir volumes; the kubelet is evicting pods",
                ),
                ("PIDPressure", "True") => cx.emit(
                    "node-pid-pressure",
                    obj(),
                    format!("PIDPressure{since} ({why})"),
                    "a process is forking without bound; set pod pid limits",
                ),
                ("NetworkUnavailable", "True") => cx.emit(
                    "node-network-unavailable",
                    obj(),
                    format!("NetworkUnavailable{since} ({why})"),
                    "the CNI plugin has not configured the node's network; check the CNI DaemonSet pods on it",
                ),
                _ => {}
            }
        }
        if node.spec.as_ref().and_then(|s| s.unschedulable) == Some(true) {
            cx.emit(
                "node-cordoned",
                obj(),
                "node is cordoned: no new pods are scheduled on it".into(),
                format!("if maintenance is over: kubectl uncordon {name}"),
            );
        }
        if let Some(lease) = leases.get(name)
            && let Some(spec) = &lease.spec
            && let Some(renew) = &spec.renew_time
        {
            let duration = i64::from(spec.lease_duration_seconds.unwrap_or(40)).max(10);
            let age = cx.snap.now.duration_since(renew.0);
            if age.as_secs() > 2 * duration {
                cx.emit(
                    "node-heartbeat-stale",
                    obj(),
                    format!("node Lease last renewed {} ago (duration {duration}s)", ago(age)),
                    "the kubelet stopped heartbeating: is the node up and can it reach the API server?",
                );
            }
        }
        check_version_skew(cx, node, name);
    }
    if cx.snap.all_namespaces
        && let Some(pods) = cx.snap.pods.as_ref()
    {
        check_allocation(cx, nodes, pods);
    }
    if let Some(pods) = cx.snap.pods.as_ref() {
        check_taints(cx, nodes, pods);
    }
}

fn minor_of(version: &str) -> Option<u32> {
    let v = version.trim_start_matches('v');
    let mut it = v.split('.');
    let major: u32 = it.next()?.parse().ok()?;
    let minor: u32 = it
        .next()?
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()?;
    (major == 1).then_some(minor)
}

fn check_version_skew(cx: &mut Cx<'_>, node: &Node, name: &str) {
    let Some(server) = cx.snap.server_minor else {
        return;
    };
    let Some(kubelet) = node
        .status
        .as_ref()
        .and_then(|s| s.node_info.as_ref())
        .map(|i| i.kubelet_version.as_str())
    else {
        return;
    };
    let Some(minor) = minor_of(kubelet) else {
        return;
    };
    // Kubernetes' skew policy: a kubelet may be up to three minors older, never newer.
    let problem = if minor > server {
        Some(format!(
            "kubelet {kubelet} is newer than the API server (1.{server})"
        ))
    } else if server - minor > 3 {
        Some(format!(
            "kubelet {kubelet} is {} minors behind the API server (1.{server}); at most 3 are supported",
            server - minor
        ))
    } else {
        None
    };
    if let Some(msg) = problem {
        cx.emit(
            "node-version-skew",
            ObjectRef::cluster("Node", name),
            msg,
            "upgrade the node (drain, upgrade kubelet, uncordon)",
        );
    }
}

fn pod_requests(pod: &Pod) -> (f64, f64) {
    let Some(spec) = &pod.spec else {
        return (0.0, 0.0);
    };
    let req = |r: Option<&k8s_openapi::api::core::v1::ResourceRequirements>, k: &str| {
        r.and_then(|r| r.requests.as_ref())
            .and_then(|m| m.get(k))
            .and_then(|q| quantity::parse(&q.0))
            .unwrap_or(0.0)
    };
    let sum = |k: &str| {
        spec.containers
            .iter()
            .map(|c| req(c.resources.as_ref(), k))
            .sum::<f64>()
    };
    let init_max = |k: &str| {
        spec.init_containers
            .iter()
            .flatten()
            .map(|c| req(c.resources.as_ref(), k))
            .fold(0.0, f64::max)
    };
    (
        sum("cpu").max(init_max("cpu")),
        sum("memory").max(init_max("memory")),
    )
}

fn is_terminal(pod: &Pod) -> bool {
    matches!(
        pod.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Succeeded" | "Failed")
    )
}

fn check_allocation(cx: &mut Cx<'_>, nodes: &[Node], pods: &[Pod]) {
    let mut used: HashMap<&str, (f64, f64, f64)> = HashMap::new();
    for p in pods.iter().filter(|p| !is_terminal(p)) {
        if let Some(n) = p.spec.as_ref().and_then(|s| s.node_name.as_deref()) {
            let (cpu, mem) = pod_requests(p);
            let e = used.entry(n).or_default();
            e.0 += cpu;
            e.1 += mem;
            e.2 += 1.0;
        }
    }
    for node in nodes {
        let name = node.metadata.name.as_deref().unwrap_or_default();
        let Some(alloc) = node.status.as_ref().and_then(|s| s.allocatable.as_ref()) else {
            continue;
        };
        let (cpu, mem, count) = used.get(name).copied().unwrap_or_default();
        let mut worst = None::<(f64, String)>;
        for (res, used, unit) in [
            ("cpu", cpu, "cores"),
            ("memory", mem, "bytes"),
            ("pods", count, "pods"),
        ] {
            let Some(cap) = alloc
                .get(res)
                .and_then(|q| quantity::parse(&q.0))
                .filter(|c| *c > 0.0)
            else {
                continue;
            };
            let ratio = used / cap;
            if ratio >= NEARLY_FULL && worst.as_ref().is_none_or(|w| ratio > w.0) {
                let shown = |v: f64| {
                    if unit == "bytes" {
                        format!("{:.1}Gi", v / 1024f64.powi(3))
                    } else {
                        format!("{v:.2}")
                    }
                };
                worst = Some((
                    ratio,
                    format!(
                        "{res} requests {} of {} allocatable ({:.0}%)",
                        shown(used),
                        shown(cap),
                        ratio * 100.0
                    ),
                ));
            }
        }
        if let Some((ratio, msg)) = worst {
            let (sev, what) = if ratio > 1.0 {
                (Severity::Critical, "overcommitted")
            } else {
                (Severity::Warning, "nearly full")
            };
            cx.emit_at(
                "node-overcommitted",
                sev,
                ObjectRef::cluster("Node", name),
                format!("{what}: {msg}"),
                "new pods will not fit: add nodes, or right-size requests (`kubectl describe node` lists them)",
            );
        }
    }
}

/// Whether `tol` tolerates `taint`, by the scheduler's rules.
pub fn tolerates(tol: &Toleration, taint: &Taint) -> bool {
    if let Some(effect) = tol.effect.as_deref().filter(|e| !e.is_empty())
        && effect != taint.effect
    {
        return false;
    }
    match tol.key.as_deref().filter(|k| !k.is_empty()) {
        None => tol.operator.as_deref() == Some("Exists"),
        Some(key) if key != taint.key => false,
        Some(_) => match tol.operator.as_deref() {
            Some("Exists") => true,
            _ => tol.value.as_deref().unwrap_or("") == taint.value.as_deref().unwrap_or(""),
        },
    }
}

fn check_taints(cx: &mut Cx<'_>, nodes: &[Node], pods: &[Pod]) {
    if nodes.is_empty() {
        return;
    }
    for pod in pods {
        let Some(status) = &pod.status else { continue };
        if status.phase.as_deref() != Some("Pending") {
            continue;
        }
        let unschedulable = status.conditions.iter().flatten().any(|c| {
            c.type_ == "PodScheduled"
                && c.status == "False"
                && c.reason.as_deref() == Some("Unschedulable")
        });
        if !unschedulable {
            continue;
        }
        let tolerations = pod
            .spec
            .as_ref()
            .and_then(|s| s.tolerations.as_deref())
            .unwrap_or(&[]);
        // Only the nodes the pod's nodeSelector allows; a selector matching no node is
        // pod-pending's business, not a taint problem.
        let selector = pod.spec.as_ref().and_then(|s| s.node_selector.as_ref());
        let candidates: Vec<&Node> = nodes
            .iter()
            .filter(|n| {
                selector.is_none_or(|sel| {
                    sel.is_empty() || super::selector_matches(sel, n.metadata.labels.as_ref())
                })
            })
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let mut blocking: Vec<String> = Vec::new();
        let all_blocked = candidates.iter().all(|n| {
            let taints = n
                .spec
                .as_ref()
                .and_then(|s| s.taints.as_deref())
                .unwrap_or(&[]);
            let untolerated: Vec<&Taint> = taints
                .iter()
                .filter(|t| t.effect == "NoSchedule" || t.effect == "NoExecute")
                .filter(|t| !tolerations.iter().any(|tol| tolerates(tol, t)))
                .collect();
            for t in &untolerated {
                let s = format!(
                    "{}{}:{}",
                    t.key,
                    t.value
                        .as_deref()
                        .map(|v| format!("={v}"))
                        .unwrap_or_default(),
                    t.effect
                );
                if !blocking.contains(&s) {
                    blocking.push(s);
                }
            }
            !untolerated.is_empty()
        });
        if all_blocked {
            blocking.sort();
            cx.emit(
                "node-taints-block-scheduling",
                super::obj("Pod", &pod.metadata),
                format!("each of the {} nodes it may use has a taint it does not tolerate: {}", candidates.len(), blocking.join(", ")),
                "add a toleration to the workload, or remove the taint from some nodes (`kubectl taint nodes NODE KEY-`)",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taint(key: &str, value: Option<&str>, effect: &str) -> Taint {
        Taint {
            key: key.into(),
            value: value.map(Into::into),
            effect: effect.into(),
            time_added: None,
        }
    }

    fn tol(
        key: Option<&str>,
        op: Option<&str>,
        value: Option<&str>,
        effect: Option<&str>,
    ) -> Toleration {
        Toleration {
            key: key.map(Into::into),
            operator: op.map(Into::into),
            value: value.map(Into::into),
            effect: effect.map(Into::into),
            toleration_seconds: None,
        }
    }

    #[test]
    fn toleration_rules() {
        let t = taint("dedicated", Some("gpu"), "NoSchedule");
        assert!(tolerates(
            &tol(Some("dedicated"), Some("Equal"), Some("gpu"), None),
            &t
        ));
        assert!(!tolerates(
            &tol(Some("dedicated"), Some("Equal"), Some("cpu"), None),
            &t
        ));
        assert!(tolerates(
            &tol(Some("dedicated"), Some("Exists"), None, Some("NoSchedule")),
            &t
        ));
        assert!(!tolerates(
            &tol(Some("dedicated"), Some("Exists"), None, Some("NoExecute")),
            &t
        ));
        assert!(tolerates(&tol(None, Some("Exists"), None, None), &t));
        assert!(!tolerates(
            &tol(Some("other"), Some("Exists"), None, None),
            &t
        ));
    }

    #[test]
    fn kubelet_minor() {
        assert_eq!(minor_of("v1.36.3"), Some(36));
        assert_eq!(minor_of("v1.29.0-eks-1"), Some(29));
        assert_eq!(minor_of("fake"), None);
    }
}

#[cfg(test)]
mod over_snapshots {
    //! Each node check over constructed nodes, pods and leases, and a healthy node that
    //! raises nothing.
    use crate::checks::testing::{fired, ids, object, snapshot, the};
    use crate::finding::Severity;
    use k8s_openapi::api::coordination::v1::Lease;
    use k8s_openapi::api::core::v1::{Node, Pod};
    use serde_json::{Value, json};

    fn condition(kind: &str, status: &str) -> Value {
        json!({"type": kind, "status": status, "reason": format!("Kubelet{kind}"),
            "message": "from the kubelet", "lastTransitionTime": "2026-12-02T11:00:00Z"})
    }

    fn healthy_conditions() -> Vec<Value> {
        vec![
            condition("Ready", "True"),
            condition("MemoryPressure", "False"),
            condition("DiskPressure", "False"),
            condition("PIDPressure", "False"),
            condition("NetworkUnavailable", "False"),
        ]
    }

    fn node(name: &str, conditions: Vec<Value>, spec: Value) -> Node {
        object(json!({
            "metadata": {"name": name, "labels": {"pool": "general"}},
            "spec": spec,
            "status": {"conditions": conditions,
                "allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"},
                "nodeInfo": {"kubeletVersion": "v1.34.1", "machineID": "", "systemUUID": "",
                    "bootID": "", "kernelVersion": "", "osImage": "", "containerRuntimeVersion": "",
                    "kubeProxyVersion": "", "operatingSystem": "linux", "architecture": "amd64"}}
        }))
    }

    fn lease(name: &str, renewed: &str) -> Lease {
        object(
            json!({"metadata": {"name": name, "namespace": "kube-node-lease"},
            "spec": {"holderIdentity": name, "leaseDurationSeconds": 40, "renewTime": renewed}}),
        )
    }

    fn pod_on(name: &str, node: &str, cpu: &str, phase: &str) -> Pod {
        object(json!({
            "metadata": {"name": name, "namespace": "shop"},
            "spec": {"nodeName": node, "containers": [{"name": "app", "image": "app:1",
                "resources": {"requests": {"cpu": cpu, "memory": "1Gi"}}}]},
            "status": {"phase": phase}
        }))
    }

    fn unschedulable(name: &str, tolerations: Value) -> Pod {
        object(json!({
            "metadata": {"name": name, "namespace": "shop"},
            "spec": {"containers": [{"name": "app", "image": "app:1"}], "tolerations": tolerations},
            "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False",
                "reason": "Unschedulable", "message": "0/1 nodes are available"}]}
        }))
    }

    #[test]
    fn a_healthy_node_raises_nothing() {
        let mut snap = snapshot();
        snap.server_minor = Some(34);
        snap.nodes = Some(vec![node("n1", healthy_conditions(), json!({}))]);
        snap.node_leases = Some(vec![lease("n1", "2026-12-02T11:59:50.000000Z")]);
        snap.pods = Some(vec![pod_on("web", "n1", "500m", "Running")]);
        assert_eq!(ids(&snap, "nodes"), Vec::<String>::new());
    }

    #[test]
    fn each_bad_condition_has_its_check() {
        let mut snap = snapshot();
        snap.nodes = Some(vec![node(
            "sick",
            vec![
                condition("Ready", "Unknown"),
                condition("MemoryPressure", "True"),
                condition("DiskPressure", "True"),
                condition("PIDPressure", "True"),
                condition("NetworkUnavailable", "True"),
            ],
            json!({}),
        )]);
        let found = fired(&snap, "nodes");
        let mut checks: Vec<&str> = found.iter().map(|f| f.check.as_str()).collect();
        checks.sort();
        assert_eq!(
            checks,
            [
                "node-disk-pressure",
                "node-memory-pressure",
                "node-network-unavailable",
                "node-not-ready",
                "node-pid-pressure"
            ]
        );
        let ready = the(&found, "node-not-ready");
        assert_eq!(ready.object, "Node/sick");
        assert_eq!(ready.severity, Severity::Critical);
        assert!(
            ready
                .message
                .contains("Ready=Unknown for 1h (KubeletReady: from the kubelet)"),
            "{ready:?}"
        );
    }

    #[test]
    fn cordon_and_stale_heartbeat() {
        let mut snap = snapshot();
        snap.nodes = Some(vec![node(
            "n1",
            healthy_conditions(),
            json!({"unschedulable": true}),
        )]);
        // Renewed 2 minutes ago with a 40 s duration: more than twice the duration.
        snap.node_leases = Some(vec![lease("n1", "2026-12-02T11:58:00.000000Z")]);
        let found = fired(&snap, "nodes");
        assert!(the(&found, "node-cordoned").message.contains("cordoned"));
        let stale = the(&found, "node-heartbeat-stale");
        assert!(
            stale.message.contains("last renewed 2m ago (duration 40s)"),
            "{stale:?}"
        );
    }

    #[test]
    fn kubelet_skew_both_ways() {
        let mut snap = snapshot();
        snap.nodes = Some(vec![node("n1", healthy_conditions(), json!({}))]);
        snap.server_minor = Some(38);
        let behind = the(&fired(&snap, "nodes"), "node-version-skew");
        assert!(behind.message.contains("4 minors behind"), "{behind:?}");
        snap.server_minor = Some(33);
        let newer = the(&fired(&snap, "nodes"), "node-version-skew");
        assert!(
            newer.message.contains("newer than the API server"),
            "{newer:?}"
        );
        snap.server_minor = Some(37);
        assert_eq!(
            ids(&snap, "nodes"),
            Vec::<String>::new(),
            "three minors is allowed"
        );
    }

    #[test]
    fn requests_over_allocatable_are_critical_and_nearly_full_a_warning() {
        let mut snap = snapshot();
        snap.nodes = Some(vec![node("n1", healthy_conditions(), json!({}))]);
        snap.pods = Some(vec![
            pod_on("a", "n1", "3", "Running"),
            pod_on("b", "n1", "1500m", "Running"),
            pod_on("done", "n1", "8", "Succeeded"),
        ]);
        let over = the(&fired(&snap, "nodes"), "node-overcommitted");
        assert_eq!(over.severity, Severity::Critical);
        assert!(
            over.message
                .contains("overcommitted: cpu requests 4.50 of 4.00 allocatable (112%)"),
            "{over:?}"
        );
        snap.pods = Some(vec![pod_on("a", "n1", "3900m", "Running")]);
        let near = the(&fired(&snap, "nodes"), "node-overcommitted");
        assert_eq!(near.severity, Severity::Warning);
        assert!(near.message.starts_with("nearly full: cpu"), "{near:?}");
        snap.all_namespaces = false;
        assert!(
            !ids(&snap, "nodes").contains(&"node-overcommitted".to_string()),
            "one namespace's pods cannot tell a node's load"
        );
    }

    #[test]
    fn taints_no_pending_pod_tolerates() {
        let mut snap = snapshot();
        snap.nodes = Some(vec![node(
            "gpu",
            healthy_conditions(),
            json!({"taints": [{"key": "dedicated", "value": "gpu", "effect": "NoSchedule"},
                {"key": "soft", "effect": "PreferNoSchedule"}]}),
        )]);
        snap.pods = Some(vec![unschedulable("stuck", json!([]))]);
        let found = the(&fired(&snap, "nodes"), "node-taints-block-scheduling");
        assert_eq!(found.object, "Pod/shop/stuck");
        assert!(
            found
                .message
                .ends_with("taint it does not tolerate: dedicated=gpu:NoSchedule"),
            "{found:?}"
        );
        snap.pods = Some(vec![unschedulable(
            "tolerant",
            json!([{"key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"}]),
        )]);
        assert_eq!(ids(&snap, "nodes"), Vec::<String>::new());
    }
}
