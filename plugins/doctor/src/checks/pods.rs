//! Pod checks: container waiting and terminated states (current and last), restarts,
//! Pending with the scheduler's reason, eviction and failure, stuck deletion, readiness and
//! probe failures from events, init containers, and containers without resources.

use super::{Cx, ago, controller, obj};
use crate::finding::Severity;
use k8s_openapi::api::core::v1::{ContainerStatus, Event, Pod, PodSpec, PodStatus};
use std::collections::HashMap;

const IMAGE_PULL: &[&str] = &[
    "ImagePullBackOff",
    "ErrImagePull",
    "InvalidImageName",
    "ErrImageNeverPull",
    "RegistryUnavailable",
];
const CONFIG: &[&str] = &["CreateContainerConfigError", "CreateContainerError"];

/// Warning events about each object, by uid, newest last.
pub(crate) fn events_by_uid(events: &[Event]) -> HashMap<&str, Vec<&Event>> {
    let mut m: HashMap<&str, Vec<&Event>> = HashMap::new();
    for e in events {
        if let Some(uid) = e.involved_object.uid.as_deref() {
            m.entry(uid).or_default().push(e);
        }
    }
    for v in m.values_mut() {
        v.sort_by_key(|e| event_time(e));
    }
    m
}

/// The most precise time an event carries.
pub(crate) fn event_time(e: &Event) -> Option<jiff::Timestamp> {
    e.last_timestamp
        .as_ref()
        .map(|t| t.0)
        .or_else(|| e.event_time.as_ref().map(|t| t.0))
        .or_else(|| e.metadata.creation_timestamp.as_ref().map(|t| t.0))
}

/// ConfigMaps and Secrets a pod spec needs that do not exist: (kind, name).
pub fn missing_refs(
    spec: &PodSpec,
    namespace: &str,
    configmaps: Option<&std::collections::HashSet<(String, String)>>,
    secrets: Option<&std::collections::HashSet<(String, String)>>,
) -> Vec<(&'static str, String)> {
    let mut wanted: Vec<(&'static str, String)> = Vec::new();
    let mut add = |kind: &'static str, name: Option<&str>, optional: Option<bool>| {
        if let Some(n) = name
            && optional != Some(true)
            && !wanted.iter().any(|(k, x)| *k == kind && x == n)
        {
            wanted.push((kind, n.to_string()));
        }
    };
    for c in spec
        .containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
    {
        for e in c.env.iter().flatten() {
            if let Some(v) = &e.value_from {
                if let Some(r) = &v.config_map_key_ref {
                    add("ConfigMap", Some(&r.name), r.optional);
                }
                if let Some(r) = &v.secret_key_ref {
                    add("Secret", Some(&r.name), r.optional);
                }
            }
        }
        for f in c.env_from.iter().flatten() {
            if let Some(r) = &f.config_map_ref {
                add("ConfigMap", Some(&r.name), r.optional);
            }
            if let Some(r) = &f.secret_ref {
                add("Secret", Some(&r.name), r.optional);
            }
        }
    }
    for v in spec.volumes.iter().flatten() {
        if let Some(c) = &v.config_map {
            add("ConfigMap", Some(&c.name), c.optional);
        }
        if let Some(s) = &v.secret {
            add("Secret", s.secret_name.as_deref(), s.optional);
        }
        for src in v.projected.iter().flat_map(|p| p.sources.iter().flatten()) {
            if let Some(c) = &src.config_map {
                add("ConfigMap", Some(&c.name), c.optional);
            }
            if let Some(s) = &src.secret {
                add("Secret", Some(&s.name), s.optional);
            }
        }
    }
    wanted
        .into_iter()
        .filter(|(kind, name)| {
            let set = if *kind == "ConfigMap" {
                configmaps
            } else {
                secrets
            };
            set.is_some_and(|s| !s.contains(&(namespace.to_string(), name.clone())))
        })
        .collect()
}

fn last_terminated(cs: &ContainerStatus) -> Option<(String, i32)> {
    let t = cs.last_state.as_ref()?.terminated.as_ref()?;
    Some((
        t.reason.clone().unwrap_or_else(|| "Error".into()),
        t.exit_code,
    ))
}

pub(crate) fn run(cx: &mut Cx<'_>) {
    let Some(pods) = cx.snap.pods.as_ref() else {
        return;
    };
    let events = cx
        .snap
        .events
        .as_deref()
        .map(events_by_uid)
        .unwrap_or_default();
    for pod in pods {
        check_pod(cx, pod, &events);
    }
}

fn check_pod(cx: &mut Cx<'_>, pod: &Pod, events: &HashMap<&str, Vec<&Event>>) {
    let Some(status) = &pod.status else { return };
    if terminating(cx, pod) || finished(cx, pod, status) {
        return;
    }
    let init_problem = init_containers(cx, pod, status);
    let container_problem = containers(cx, pod, status) || init_problem;
    readiness(cx, pod, status, events, container_problem);
    resources(cx, pod);
}

/// `pod-terminating-stuck`; whether the pod is terminating (nothing else is checked then).
fn terminating(cx: &mut Cx<'_>, pod: &Pod) -> bool {
    let meta = &pod.metadata;
    let o = || obj("Pod", meta);
    let name = meta.name.as_deref().unwrap_or_default();
    let ns = meta.namespace.as_deref().unwrap_or_default();
    if let Some(del) = &meta.deletion_timestamp {
        let grace = pod
            .spec
            .as_ref()
            .and_then(|s| s.termination_grace_period_seconds)
            .unwrap_or(30);
        let age = cx.age(del);
        if age.as_secs() >= grace + cx.stuck_secs() {
            let finalizers = meta
                .finalizers
                .as_ref()
                .filter(|f| !f.is_empty())
                .map(|f| format!("; finalizers: {}", f.join(", ")))
                .unwrap_or_default();
            cx.emit(
                "pod-terminating-stuck",
                o(),
                format!("Terminating for {} (grace period {grace}s){finalizers}", ago(age)),
                format!("is its node gone or a finalizer stuck? last resort: kubectl delete pod {name} -n {ns} --grace-period=0 --force"),
            );
        }
        return true;
    }
    false
}

/// `pod-evicted` and `pod-failed`; whether the pod has finished (Succeeded or Failed).
fn finished(cx: &mut Cx<'_>, pod: &Pod, status: &PodStatus) -> bool {
    let meta = &pod.metadata;
    let o = || obj("Pod", meta);
    let name = meta.name.as_deref().unwrap_or_default();
    let ns = meta.namespace.as_deref().unwrap_or_default();
    let phase = status.phase.as_deref().unwrap_or("Pending");
    match phase {
        "Succeeded" => true,
        "Failed" => {
            let reason = status.reason.as_deref().unwrap_or("");
            let msg = status.message.as_deref().unwrap_or("");
            if reason == "Evicted" {
                cx.emit("pod-evicted", o(), format!("Evicted: {msg}"), format!("safe to delete (kubectl doctor heal does it): kubectl delete pod {name} -n {ns}"));
            } else if controller(meta).is_none_or(|(kind, _, _)| kind != "Job") {
                let why = if reason.is_empty() {
                    "containers exited with errors".to_string()
                } else {
                    format!("{reason}: {msg}")
                };
                cx.emit("pod-failed", o(), format!("Failed: {why}"), format!("read its logs with `kubectl logs {name} -n {ns} --previous`, then delete it"));
            }
            true
        }
        _ => false,
    }
}

/// `pod-init-failing`; whether an init container has a problem.
fn init_containers(cx: &mut Cx<'_>, pod: &Pod, status: &PodStatus) -> bool {
    let meta = &pod.metadata;
    let o = || obj("Pod", meta);
    let name = meta.name.as_deref().unwrap_or_default();
    let ns = meta.namespace.as_deref().unwrap_or_default();
    let mut problem = false;
    for cs in status.init_container_statuses.iter().flatten() {
        let waiting = cs.state.as_ref().and_then(|s| s.waiting.as_ref());
        let terminated = cs.state.as_ref().and_then(|s| s.terminated.as_ref());
        let failing = match (waiting, terminated) {
            (Some(w), _) if w.reason.as_deref().is_some_and(|r| r != "PodInitializing") => {
                Some(format!(
                    "{}{}",
                    w.reason.as_deref().unwrap_or(""),
                    w.message
                        .as_deref()
                        .map(|m| format!(": {m}"))
                        .unwrap_or_default()
                ))
            }
            (_, Some(t)) if t.exit_code != 0 => Some(format!(
                "exited {} ({})",
                t.exit_code,
                t.reason.as_deref().unwrap_or("Error")
            )),
            _ => None,
        };
        if let Some(why) = failing {
            problem = true;
            let last = last_terminated(cs)
                .map(|(r, c)| format!("; last exit {c} ({r})"))
                .unwrap_or_default();
            cx.emit(
                "pod-init-failing",
                o(),
                format!(
                    "init container {:?}: {why}, {} restarts{last}",
                    cs.name, cs.restart_count
                ),
                format!("kubectl logs {name} -n {ns} -c {} --previous", cs.name),
            );
        }
    }

    problem
}

/// `pod-crashloop`, `pod-image-pull`, `pod-config-error`, `pod-oomkilled` and
/// `pod-restarts` per container; whether a container has a problem.
fn containers(cx: &mut Cx<'_>, pod: &Pod, status: &PodStatus) -> bool {
    let meta = &pod.metadata;
    let o = || obj("Pod", meta);
    let name = meta.name.as_deref().unwrap_or_default();
    let ns = meta.namespace.as_deref().unwrap_or_default();
    let mut problem = false;
    for cs in status.container_statuses.iter().flatten() {
        let waiting = cs.state.as_ref().and_then(|s| s.waiting.as_ref());
        let reason = waiting.and_then(|w| w.reason.as_deref()).unwrap_or("");
        let wmsg = waiting.and_then(|w| w.message.as_deref()).unwrap_or("");
        let last = last_terminated(cs);
        let crashloop = reason == "CrashLoopBackOff";
        if crashloop {
            problem = true;
            let last_txt = last
                .as_ref()
                .map(|(r, c)| format!(", last terminated: {r} (exit {c})"))
                .unwrap_or_default();
            cx.emit(
                "pod-crashloop",
                o(),
                format!(
                    "container {:?} in CrashLoopBackOff, {} restarts{last_txt}",
                    cs.name, cs.restart_count
                ),
                format!("kubectl logs {name} -n {ns} -c {} --previous", cs.name),
            );
        } else if IMAGE_PULL.contains(&reason) {
            problem = true;
            let image = &cs.image;
            cx.emit(
                "pod-image-pull",
                o(),
                format!("container {:?} {reason} for image {image:?}{}", cs.name, if wmsg.is_empty() { String::new() } else { format!(": {wmsg}") }),
                "check the image name and tag, that the registry is reachable, and imagePullSecrets",
            );
        } else if CONFIG.contains(&reason) {
            problem = true;
            let missing = pod
                .spec
                .as_ref()
                .map(|s| missing_refs(s, ns, cx.snap.configmaps.as_ref(), cx.snap.secrets.as_ref()))
                .unwrap_or_default();
            let what = if missing.is_empty() {
                wmsg.to_string()
            } else {
                format!(
                    "missing {}",
                    missing
                        .iter()
                        .map(|(k, n)| format!("{k} {n:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            cx.emit(
                "pod-config-error",
                o(),
                format!("container {:?} {reason}: {what}", cs.name),
                "create the missing ConfigMap/Secret (or key) in the pod's namespace, or mark the reference optional",
            );
        } else if !reason.is_empty() && reason != "ContainerCreating" && reason != "PodInitializing"
        {
            problem = true;
            cx.emit(
                "pod-crashloop",
                o(),
                format!(
                    "container {:?} cannot start: {reason}{}",
                    cs.name,
                    if wmsg.is_empty() {
                        String::new()
                    } else {
                        format!(": {wmsg}")
                    }
                ),
                format!("kubectl describe pod {name} -n {ns}"),
            );
        }
        let oom_now = cs
            .state
            .as_ref()
            .and_then(|s| s.terminated.as_ref())
            .is_some_and(|t| t.reason.as_deref() == Some("OOMKilled"));
        let oom_last = last.as_ref().is_some_and(|(r, _)| r == "OOMKilled");
        if oom_now || oom_last {
            problem = true;
            let limit = pod
                .spec
                .as_ref()
                .and_then(|s| s.containers.iter().find(|c| c.name == cs.name))
                .and_then(|c| {
                    c.resources
                        .as_ref()?
                        .limits
                        .as_ref()?
                        .get("memory")
                        .map(|q| q.0.clone())
                })
                .map(|l| format!(" (memory limit {l})"))
                .unwrap_or_else(|| " (no memory limit)".into());
            cx.emit(
                "pod-oomkilled",
                o(),
                format!(
                    "container {:?} was OOMKilled{}{limit}, {} restarts",
                    cs.name,
                    if oom_now { "" } else { " (last state)" },
                    cs.restart_count
                ),
                "raise the memory limit or find the leak; `kubectl top pod` shows current usage",
            );
        }
        if !crashloop && cs.restart_count >= cx.opts.restart_threshold {
            let last_txt = last
                .as_ref()
                .map(|(r, c)| format!(", last exit {c} ({r})"))
                .unwrap_or_default();
            cx.emit(
                "pod-restarts",
                o(),
                format!(
                    "container {:?} restarted {} times{last_txt}",
                    cs.name, cs.restart_count
                ),
                format!("kubectl logs {name} -n {ns} -c {} --previous", cs.name),
            );
        }
    }

    problem
}

/// `pod-pending`, `pod-not-ready` and `pod-probe-failing` (probe failures from events).
fn readiness(
    cx: &mut Cx<'_>,
    pod: &Pod,
    status: &PodStatus,
    events: &HashMap<&str, Vec<&Event>>,
    container_problem: bool,
) {
    let meta = &pod.metadata;
    let o = || obj("Pod", meta);
    let name = meta.name.as_deref().unwrap_or_default();
    let ns = meta.namespace.as_deref().unwrap_or_default();
    let phase = status.phase.as_deref().unwrap_or("Pending");
    let pod_events = meta.uid.as_deref().and_then(|u| events.get(u));
    let unhealthy: Vec<&&Event> = pod_events
        .iter()
        .flat_map(|v| v.iter())
        .filter(|e| e.reason.as_deref() == Some("Unhealthy"))
        .collect();
    let ready = status
        .conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == "Ready");
    if phase == "Pending" {
        let sched = status
            .conditions
            .iter()
            .flatten()
            .find(|c| c.type_ == "PodScheduled" && c.status == "False");
        let age = meta
            .creation_timestamp
            .as_ref()
            .map(|t| cx.age(t).as_secs())
            .unwrap_or(0);
        if let Some(c) = sched {
            cx.emit(
                "pod-pending",
                o(),
                format!("Pending for {}: {}: {}", ago(jiff::SignedDuration::from_secs(age)), c.reason.as_deref().unwrap_or("not scheduled"), c.message.as_deref().unwrap_or("")),
                "the scheduler's message says which constraint fails: resources, node selectors, affinity, taints or volumes",
            );
        } else if !container_problem && age >= cx.stuck_secs() {
            cx.emit(
                "pod-pending",
                o(),
                format!("Pending for {} after scheduling (containers not started)", ago(jiff::SignedDuration::from_secs(age))),
                format!("kubectl describe pod {name} -n {ns} (volume mounts and sandbox errors show as events)"),
            );
        }
    } else if phase == "Running" && !container_problem && ready.is_some_and(|c| c.status != "True")
    {
        let last_probe = unhealthy
            .last()
            .and_then(|e| e.message.clone())
            .map(|m| format!(": {m}"))
            .unwrap_or_default();
        let since = ready
            .and_then(|c| c.last_transition_time.as_ref())
            .map(|t| format!(" for {}", ago(cx.age(t))))
            .unwrap_or_default();
        cx.emit(
            "pod-not-ready",
            o(),
            format!("Running but not Ready{since}{last_probe}"),
            "the readiness probe fails: check the probe's path, port and timing, and the app's logs",
        );
    } else if !unhealthy.is_empty() {
        let count: i32 = unhealthy.iter().map(|e| e.count.unwrap_or(1)).sum();
        let msg = unhealthy
            .last()
            .and_then(|e| e.message.clone())
            .unwrap_or_default();
        cx.emit(
            "pod-probe-failing",
            o(),
            format!("{count} probe failures in events, latest: {msg}"),
            "a failing liveness probe restarts the container; make probes match the app's real health",
        );
    }
}

/// `pod-no-resources`.
fn resources(cx: &mut Cx<'_>, pod: &Pod) {
    let o = || obj("Pod", &pod.metadata);
    if let Some(spec) = &pod.spec {
        for c in &spec.containers {
            let res = c.resources.as_ref();
            let no_requests = res
                .and_then(|r| r.requests.as_ref())
                .is_none_or(|m| m.is_empty());
            let no_limits = res
                .and_then(|r| r.limits.as_ref())
                .is_none_or(|m| m.is_empty());
            if no_requests || no_limits {
                let what = match (no_requests, no_limits) {
                    (true, true) => "no resource requests or limits",
                    (true, false) => "no resource requests",
                    _ => "no resource limits",
                };
                let sev = if no_requests {
                    Severity::Warning
                } else {
                    Severity::Info
                };
                cx.emit_at(
                    "pod-no-resources",
                    sev,
                    o(),
                    format!("container {:?} has {what}", c.name),
                    "set requests so the scheduler can place it and limits so it cannot starve its neighbours",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Each pod check over constructed pods (the real-cluster tests cover the same checks
    //! against kwok's pods), and a healthy pod that raises nothing.
    use crate::checks::testing::{self, snapshot};
    use k8s_openapi::api::core::v1::Pod;
    use serde_json::{Value, json};

    fn pod(name: &str, spec_extra: Value, status: Value) -> Pod {
        let mut p = json!({
            "metadata": {"name": name, "namespace": "shop", "uid": format!("uid-{name}"),
                "creationTimestamp": "2026-12-02T10:00:00Z"},
            "spec": {"containers": [{"name": "app", "image": "shop/app:1.0",
                "resources": {"requests": {"cpu": "100m"}, "limits": {"memory": "64Mi"}}}]},
            "status": status,
        });
        if let (Some(spec), Some(extra)) = (p["spec"].as_object_mut(), spec_extra.as_object()) {
            spec.extend(extra.clone());
        }
        serde_json::from_value(p).expect("a pod")
    }

    fn running(container_status: Value, ready: bool) -> Value {
        json!({"phase": "Running",
            "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" },
                "lastTransitionTime": "2026-12-02T11:50:00Z"}],
            "containerStatuses": [container_status]})
    }

    fn ok_container() -> Value {
        json!({"name": "app", "image": "shop/app:1.0", "imageID": "", "ready": true,
            "restartCount": 0, "state": {"running": {}}})
    }

    /// The checks ids and messages that fire on `pods`, with every check selected.
    fn fired(pods: Vec<Pod>) -> Vec<(String, String)> {
        let mut snap = snapshot();
        snap.all_namespaces = false;
        snap.pods = Some(pods);
        snap.events = Some(vec![]);
        testing::fired(&snap, "pods")
            .into_iter()
            .map(|f| (f.check, f.message))
            .collect()
    }

    fn ids(pods: Vec<Pod>) -> Vec<String> {
        fired(pods).into_iter().map(|(id, _)| id).collect()
    }

    #[test]
    fn a_healthy_pod_raises_nothing() {
        assert_eq!(
            ids(vec![pod("ok", json!({}), running(ok_container(), true))]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn crash_loops_carry_the_last_termination_reason() {
        let cs = json!({"name": "app", "image": "shop/app:1.0", "imageID": "", "ready": false,
            "restartCount": 12,
            "state": {"waiting": {"reason": "CrashLoopBackOff"}},
            "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled"}}});
        let f = fired(vec![pod("crashy", json!({}), running(cs, false))]);
        let msg = |id: &str| f.iter().find(|(i, _)| i == id).map(|(_, m)| m.clone());
        assert!(
            msg("pod-crashloop")
                .is_some_and(|m| m.contains("last terminated: OOMKilled (exit 137)")),
            "{f:?}"
        );
        assert!(
            msg("pod-oomkilled").is_some_and(|m| m.contains("memory limit 64Mi")),
            "{f:?}"
        );
        assert!(
            msg("pod-restarts").is_none(),
            "a crash loop is not also a restart finding"
        );
    }

    #[test]
    fn waiting_reasons_map_to_their_checks() {
        let waiting = |reason: &str| {
            json!({"name": "app", "image": "shop/app:1.0", "imageID": "", "ready": false,
                "restartCount": 0, "state": {"waiting": {"reason": reason, "message": "details"}}})
        };
        let pending = |cs: Value| json!({"phase": "Pending", "containerStatuses": [cs]});
        assert_eq!(
            ids(vec![pod(
                "p",
                json!({}),
                pending(waiting("ImagePullBackOff"))
            )]),
            ["pod-image-pull"]
        );
        assert_eq!(
            ids(vec![pod(
                "p",
                json!({}),
                pending(waiting("CreateContainerConfigError"))
            )]),
            ["pod-config-error"]
        );
        assert_eq!(
            ids(vec![pod(
                "p",
                json!({}),
                pending(waiting("RunContainerError"))
            )]),
            ["pod-crashloop"]
        );
        assert_eq!(
            ids(vec![pod(
                "p",
                json!({}),
                pending(waiting("ContainerCreating"))
            )]),
            ["pod-pending"]
        );
    }

    #[test]
    fn phases_terminating_and_readiness() {
        let evicted = pod(
            "e",
            json!({}),
            json!({"phase": "Failed", "reason": "Evicted", "message": "low on disk"}),
        );
        assert_eq!(ids(vec![evicted]), ["pod-evicted"]);
        let failed = pod("f", json!({}), json!({"phase": "Failed"}));
        assert_eq!(ids(vec![failed]), ["pod-failed"]);
        let done = pod("d", json!({}), json!({"phase": "Succeeded"}));
        assert_eq!(ids(vec![done]), Vec::<String>::new());
        let mut stuck = pod("t", json!({}), running(ok_container(), true));
        stuck.metadata.deletion_timestamp =
            Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(
                "2026-12-02T11:00:00Z".parse().expect("time"),
            ));
        assert_eq!(ids(vec![stuck]), ["pod-terminating-stuck"]);
        let unscheduled = pod(
            "u",
            json!({}),
            json!({"phase": "Pending",
            "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                "message": "0/3 nodes are available"}]}),
        );
        let f = fired(vec![unscheduled]);
        assert!(
            f.len() == 1 && f[0].0 == "pod-pending" && f[0].1.contains("0/3 nodes"),
            "{f:?}"
        );
        assert_eq!(
            ids(vec![pod("nr", json!({}), running(ok_container(), false))]),
            ["pod-not-ready"]
        );
    }

    #[test]
    fn init_containers_restarts_and_resources() {
        let init = json!({"phase": "Pending", "initContainerStatuses": [{"name": "migrate",
            "image": "shop/migrate:1", "imageID": "", "ready": false, "restartCount": 3,
            "state": {"terminated": {"exitCode": 1, "reason": "Error"}}}]});
        assert!(ids(vec![pod("i", json!({}), init)]).contains(&"pod-init-failing".to_string()));
        let mut restarted = ok_container();
        restarted["restartCount"] = json!(7);
        assert_eq!(
            ids(vec![pod("r", json!({}), running(restarted, true))]),
            ["pod-restarts"]
        );
        let bare = pod(
            "b",
            json!({"containers": [{"name": "app", "image": "shop/app:1.0"}]}),
            running(ok_container(), true),
        );
        let f = fired(vec![bare]);
        assert!(
            f.len() == 1
                && f[0].0 == "pod-no-resources"
                && f[0].1.contains("no resource requests or limits"),
            "{f:?}"
        );
    }
}
