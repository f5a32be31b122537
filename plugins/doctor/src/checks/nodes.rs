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
