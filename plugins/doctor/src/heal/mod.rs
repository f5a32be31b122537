//! `kubectl doctor heal`: the safe fixes. It plans from one collection pass and, only with
//! `--apply`, carries the plan out.
//!
//! Actions: rollout-restart Deployments and StatefulSets whose pods restarted at least
//! `--restart-threshold` times with the last restart inside `--window` (counts are
//! cumulative, so a recent termination is what makes them current); delete Evicted pods
//! and Failed pods that no Job owns. Guards: protected namespaces (kube-system, kube-public,
//! kube-node-lease) unless named with `--allow-namespace`; `--max-actions`; a restart is
//! skipped when a PodDisruptionBudget over the workload allows no disruption, when a rollout
//! is already in progress, or when the workload was restarted inside the window (cooldown);
//! objects annotated `sre-toolkit.io/ignore: heal` (or `*`) are left alone. Every applied
//! action is recorded as an Event on the object and a JSON line on stderr.

pub mod command;

use crate::checks::{IGNORE_ANNOTATION, controller, selector_matches};
use crate::finding::ObjectRef;
use crate::snapshot::Snapshot;
use k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use kube::api::{Api, DeleteParams, Patch, PatchParams};
use serde::Serialize;
use shared::audit::{Entry, EventSpec, Recorder};
use shared::cluster::Cluster;
use std::collections::BTreeMap;
use std::time::Duration;

/// Namespaces heal never touches unless named with `--allow-namespace`.
pub const PROTECTED: &[&str] = &["kube-system", "kube-public", "kube-node-lease"];
/// The annotation kubectl's `rollout restart` sets; heal sets the same.
pub const RESTARTED_AT: &str = "kubectl.kubernetes.io/restartedAt";

/// What heal does to an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionKind {
    /// `kubectl rollout restart`.
    RolloutRestart,
    /// `kubectl delete pod`.
    DeletePod,
}

impl ActionKind {
    /// As in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::RolloutRestart => "rollout-restart",
            ActionKind::DeletePod => "delete-pod",
        }
    }
}

impl Status {
    /// As in JSON and tables.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Skipped => "skipped",
            Status::Applied => "applied",
            Status::Failed => "failed",
        }
    }
}

/// Where an action stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// In the plan (dry-run).
    Planned,
    /// Not in the plan, for `reason`.
    Skipped,
    /// Carried out.
    Applied,
    /// Tried and failed.
    Failed,
}

/// One action of the plan.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// What to do.
    pub action: ActionKind,
    /// To what.
    pub object: ObjectRef,
    /// Why.
    pub reason: String,
    /// The kubectl command that does the same.
    pub command: String,
    /// Planned, skipped, applied or failed.
    pub status: Status,
    /// Why it was skipped or failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// Heal's tunables.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Restarts from which a workload is restarted.
    pub restart_threshold: i32,
    /// The last restart must be this recent; also the cooldown after a restart.
    pub window: Duration,
    /// At most this many actions.
    pub max_actions: usize,
    /// Protected namespaces the user named.
    pub allowed: Vec<String>,
}

fn ignored(meta: &ObjectMeta) -> bool {
    meta.annotations
        .as_ref()
        .and_then(|a| a.get(IGNORE_ANNOTATION))
        .is_some_and(|v| v.split(',').any(|s| matches!(s.trim(), "heal" | "*")))
}

fn selector_labels(sel: &LabelSelector) -> BTreeMap<String, String> {
    sel.match_labels.clone().unwrap_or_default()
}

/// Builds the plan. Pure: everything comes from the snapshot.
pub fn plan(snap: &Snapshot, s: &Settings) -> Vec<Action> {
    let now = snap.now;
    let window =
        jiff::SignedDuration::try_from(s.window).unwrap_or(jiff::SignedDuration::from_hours(1));
    let pods = snap.pods.as_deref().unwrap_or(&[]);
    let mut out: Vec<Action> = Vec::new();
    let protected = |ns: &str| PROTECTED.contains(&ns) && !s.allowed.iter().any(|a| a == ns);

    // Restarts: pods restarting now, grouped by their workload.
    let mut restarting: BTreeMap<(String, String, String), (i32, String)> = BTreeMap::new();
    for p in pods {
        let Some(st) = &p.status else { continue };
        for cs in st.container_statuses.iter().flatten() {
            let recent = cs
                .last_state
                .as_ref()
                .and_then(|l| l.terminated.as_ref())
                .and_then(|t| t.finished_at.as_ref())
                .is_some_and(|t| now.duration_since(t.0) <= window);
            if cs.restart_count < s.restart_threshold || !recent {
                continue;
            }
            let ns = p.metadata.namespace.clone().unwrap_or_default();
            // Only Deployments (through their ReplicaSet) and StatefulSets are restarted.
            let owner = shared::owners::workload(&p.metadata, |rs| {
                snap.replicasets
                    .iter()
                    .flatten()
                    .find(|r| {
                        r.metadata.namespace.as_deref() == Some(&ns)
                            && r.metadata.name.as_deref() == Some(rs)
                    })
                    .map(|r| &r.metadata)
            })
            .filter(|(kind, _)| kind == "Deployment" || kind == "StatefulSet");
            if let Some((kind, name)) = owner {
                let e = restarting
                    .entry((kind.to_string(), ns, name))
                    .or_insert((0, String::new()));
                if cs.restart_count > e.0 {
                    *e = (
                        cs.restart_count,
                        format!(
                            "pod {} container {:?}",
                            p.metadata.name.as_deref().unwrap_or(""),
                            cs.name
                        ),
                    );
                }
            }
        }
    }
    for ((kind, ns, name), (restarts, which)) in restarting {
        let (meta, template_ann, selector, rolling) = match kind.as_str() {
            "Deployment" => {
                let Some(d) = find::<Deployment>(snap.deployments.as_deref(), &ns, &name) else {
                    continue;
                };
                let rolling = d.status.as_ref().is_some_and(|st| {
                    st.updated_replicas.unwrap_or(0)
                        < d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)
                        && st.conditions.iter().flatten().any(|c| {
                            c.type_ == "Progressing"
                                && c.status == "True"
                                && c.reason.as_deref() == Some("ReplicaSetUpdated")
                        })
                });
                let spec = d.spec.as_ref();
                (
                    &d.metadata,
                    spec.and_then(|s| s.template.metadata.as_ref())
                        .and_then(|m| m.annotations.as_ref()),
                    spec.map(|s| selector_labels(&s.selector)),
                    rolling,
                )
            }
            _ => {
                let Some(st) = find::<StatefulSet>(snap.statefulsets.as_deref(), &ns, &name) else {
                    continue;
                };
                let spec = st.spec.as_ref();
                let rolling = st.status.as_ref().is_some_and(|x| {
                    x.update_revision.is_some() && x.update_revision != x.current_revision
                });
                (
                    &st.metadata,
                    spec.and_then(|s| s.template.metadata.as_ref())
                        .and_then(|m| m.annotations.as_ref()),
                    spec.map(|s| selector_labels(&s.selector)),
                    rolling,
                )
            }
        };
        let object = ObjectRef::namespaced(&kind, Some(&ns), &name);
        let mut a = Action {
            action: ActionKind::RolloutRestart,
            object,
            reason: format!(
                "{which} restarted {restarts} times, last within {}",
                shared::duration::human(s.window)
            ),
            command: format!(
                "kubectl rollout restart {}/{name} -n {ns}",
                kind.to_lowercase()
            ),
            status: Status::Planned,
            detail: None,
        };
        let cooldown = template_ann
            .and_then(|m| m.get(RESTARTED_AT))
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
            .is_some_and(|t| now.duration_since(t) <= window);
        let blocking_pdb = selector.as_ref().and_then(|sel| {
            snap.pdbs.iter().flatten().find(|pdb| {
                pdb.metadata.namespace.as_deref() == Some(&ns)
                    && pdb
                        .status
                        .as_ref()
                        .is_some_and(|st| st.disruptions_allowed == 0)
                    && pdb
                        .spec
                        .as_ref()
                        .and_then(|s| s.selector.as_ref())
                        .is_some_and(|ps| {
                            let pl = selector_labels(ps);
                            !pl.is_empty() && selector_matches(&pl, Some(sel))
                        })
            })
        });
        a.detail = if protected(&ns) {
            Some(format!(
                "namespace {ns} is protected; name it with --allow-namespace {ns}"
            ))
        } else if ignored(meta) {
            Some(format!("annotated {IGNORE_ANNOTATION}"))
        } else if let Some(pdb) = blocking_pdb {
            Some(format!(
                "PodDisruptionBudget {} allows no disruption",
                pdb.metadata.name.as_deref().unwrap_or("")
            ))
        } else if rolling {
            Some("a rollout is already in progress".into())
        } else if cooldown {
            Some(format!(
                "restarted less than {} ago (cooldown)",
                shared::duration::human(s.window)
            ))
        } else {
            None
        };
        out.push(a);
    }

    for p in pods {
        let Some(st) = &p.status else { continue };
        if st.phase.as_deref() != Some("Failed") {
            continue;
        }
        let evicted = st.reason.as_deref() == Some("Evicted");
        if !evicted && controller(&p.metadata).is_some_and(|(k, _, _)| k == "Job") {
            continue; // a Job's failed pods are its history
        }
        let ns = p.metadata.namespace.clone().unwrap_or_default();
        let name = p.metadata.name.clone().unwrap_or_default();
        out.push(Action {
            action: ActionKind::DeletePod,
            object: ObjectRef::namespaced("Pod", Some(&ns), &name),
            reason: if evicted {
                format!("Evicted: {}", st.message.as_deref().unwrap_or(""))
            } else {
                "Failed and owned by no Job".into()
            },
            command: format!("kubectl delete pod {name} -n {ns}"),
            status: Status::Planned,
            detail: if protected(&ns) {
                Some(format!(
                    "namespace {ns} is protected; name it with --allow-namespace {ns}"
                ))
            } else if ignored(&p.metadata) {
                Some(format!("annotated {IGNORE_ANNOTATION}"))
            } else {
                None
            },
        });
    }

    let mut taken = 0;
    for a in &mut out {
        if a.detail.is_some() {
            a.status = Status::Skipped;
        } else if taken >= s.max_actions {
            a.status = Status::Skipped;
            a.detail = Some(format!("--max-actions {} reached", s.max_actions));
        } else {
            taken += 1;
        }
    }
    out
}

fn find<'a, K: kube::Resource>(items: Option<&'a [K]>, ns: &str, name: &str) -> Option<&'a K> {
    items?.iter().find(|o| {
        o.meta().namespace.as_deref() == Some(ns) && o.meta().name.as_deref() == Some(name)
    })
}

/// Records an applied (or failed) action: an Event on the object and the audit line.
async fn record(recorder: &Recorder<'_>, a: &Action, uid: Option<String>) {
    let ok = a.status == Status::Applied;
    let entry = Entry {
        action: a.action.as_str(),
        object: &a.object,
        uid: uid.as_deref(),
        status: a.status.as_str(),
        detail: a.detail.as_deref().unwrap_or(&a.reason),
        extra: serde_json::json!({"reason": a.reason, "command": a.command}),
    };
    let event = EventSpec {
        reason: if ok {
            "SreToolkitHeal"
        } else {
            "SreToolkitHealFailed"
        }
        .into(),
        kind: if ok { "Normal" } else { "Warning" },
        message: format!(
            "{}: {}{}",
            a.command,
            a.reason,
            a.detail
                .as_ref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        ),
        labels: Default::default(),
    };
    recorder.record(&entry, Some(event)).await;
}

/// What `kubectl rollout restart` does: stamp the pod template with the restart time.
async fn restart<K>(cluster: &Cluster, ns: &str, name: &str) -> Result<(), kube::Error>
where
    K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope>
        + Clone
        + serde::de::DeserializeOwned
        + std::fmt::Debug,
    <K as kube::Resource>::DynamicType: Default,
{
    let now = jiff::Timestamp::now().to_string();
    let patch = serde_json::json!({"spec": {"template": {"metadata": {"annotations": {RESTARTED_AT: now}}}}});
    let api: Api<K> = Api::namespaced(cluster.client.clone(), ns);
    api.patch(name, &PatchParams::default(), &Patch::Strategic(&patch))
        .await
        .map(|_| ())
}

/// Carries out the planned actions, in order; returns the plan with statuses updated and
/// records each (an Event and an audit line) through `recorder`.
pub async fn apply(
    cluster: &Cluster,
    snap: &Snapshot,
    mut actions: Vec<Action>,
    recorder: &Recorder<'_>,
    interrupt: &shared::run::Interrupt,
) -> Vec<Action> {
    for a in actions.iter_mut().filter(|a| a.status == Status::Planned) {
        // A signal stops the run between actions: what was applied stays applied (each
        // action is complete by itself), the rest is reported as not done.
        if interrupt.fired() {
            a.status = Status::Skipped;
            a.detail = Some("not applied: interrupted before this action".into());
            continue;
        }
        let ns = a.object.namespace.clone().unwrap_or_default();
        let name = a.object.name.clone();
        let (result, uid) = match (a.action, a.object.kind.as_str()) {
            (ActionKind::RolloutRestart, "Deployment") => (
                restart::<Deployment>(cluster, &ns, &name).await,
                find::<Deployment>(snap.deployments.as_deref(), &ns, &name)
                    .and_then(|d| d.metadata.uid.clone()),
            ),
            (ActionKind::RolloutRestart, _) => (
                restart::<StatefulSet>(cluster, &ns, &name).await,
                find::<StatefulSet>(snap.statefulsets.as_deref(), &ns, &name)
                    .and_then(|d| d.metadata.uid.clone()),
            ),
            (ActionKind::DeletePod, _) => {
                let api: Api<Pod> = Api::namespaced(cluster.client.clone(), &ns);
                let uid = find::<Pod>(snap.pods.as_deref(), &ns, &name)
                    .and_then(|p| p.metadata.uid.clone());
                (
                    api.delete(&name, &DeleteParams::default())
                        .await
                        .map(|_| ()),
                    uid,
                )
            }
        };
        match result {
            Ok(()) => a.status = Status::Applied,
            Err(e) => {
                a.status = Status::Failed;
                a.detail = Some(match &e {
                    kube::Error::Api(s) => s.message.clone(),
                    other => other.to_string(),
                });
            }
        }
        record(recorder, a, uid).await;
    }
    actions
}

#[cfg(test)]
mod tests {
    //! The plan over constructed snapshots: what is restarted or deleted, and every guard.
    use super::*;
    use serde_json::json;

    const NOW: &str = "2026-12-02T12:00:00Z";

    fn from<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
        serde_json::from_value(v).expect("valid object")
    }

    /// A Deployment `name` in `ns` with one ReplicaSet and one pod whose container restarted
    /// `restarts` times, the last exit `minutes_ago`.
    fn crashing(
        ns: &str,
        name: &str,
        restarts: i32,
        minutes_ago: i64,
    ) -> (Deployment, k8s_openapi::api::apps::v1::ReplicaSet, Pod) {
        let d = from(json!({"metadata": {"name": name, "namespace": ns},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": name}},
                "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [{"name": "app"}]}}}}));
        let rs = from(
            json!({"metadata": {"name": format!("{name}-rs"), "namespace": ns,
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": name, "uid": "d", "controller": true}]}}),
        );
        let finished = jiff::Timestamp::from_second(
            NOW.parse::<jiff::Timestamp>().expect("now").as_second() - minutes_ago * 60,
        )
        .expect("time")
        .to_string();
        let p = from(
            json!({"metadata": {"name": format!("{name}-pod"), "namespace": ns, "labels": {"app": name},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": format!("{name}-rs"), "uid": "r", "controller": true}]},
            "status": {"phase": "Running", "containerStatuses": [{"name": "app", "image": "x", "imageID": "", "ready": false,
                "restartCount": restarts, "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                "lastState": {"terminated": {"exitCode": 1, "finishedAt": finished}}}]}}),
        );
        (d, rs, p)
    }

    fn evicted(ns: &str, name: &str) -> Pod {
        from(json!({"metadata": {"name": name, "namespace": ns},
            "status": {"phase": "Failed", "reason": "Evicted"}}))
    }

    fn settings() -> Settings {
        Settings {
            restart_threshold: 5,
            window: std::time::Duration::from_secs(3600),
            max_actions: 10,
            allowed: vec![],
        }
    }

    fn snapshot(
        parts: Vec<(Deployment, k8s_openapi::api::apps::v1::ReplicaSet, Pod)>,
        extra: Vec<Pod>,
    ) -> Snapshot {
        let mut snap = Snapshot {
            now: NOW.parse().expect("now"),
            deployments: Some(vec![]),
            replicasets: Some(vec![]),
            statefulsets: Some(vec![]),
            pdbs: Some(vec![]),
            pods: Some(extra),
            ..Default::default()
        };
        for (d, rs, p) in parts {
            snap.deployments.get_or_insert_with(Vec::new).push(d);
            snap.replicasets.get_or_insert_with(Vec::new).push(rs);
            snap.pods.get_or_insert_with(Vec::new).push(p);
        }
        snap
    }

    fn summary(actions: &[Action]) -> Vec<(String, &'static str, &'static str)> {
        actions
            .iter()
            .map(|a| (a.object.name.clone(), a.action.as_str(), a.status.as_str()))
            .collect()
    }

    #[test]
    fn restarts_recent_crash_loops_and_deletes_evicted_pods() {
        let snap = snapshot(
            vec![
                crashing("shop", "web", 12, 5),
                crashing("shop", "old", 12, 600),
                crashing("shop", "calm", 2, 5),
            ],
            vec![evicted("shop", "gone-1")],
        );
        let actions = plan(&snap, &settings());
        let s = summary(&actions);
        assert!(
            s.contains(&("web".into(), "rollout-restart", "planned")),
            "{s:?}"
        );
        assert!(
            s.contains(&("gone-1".into(), "delete-pod", "planned")),
            "{s:?}"
        );
        assert!(
            !s.iter().any(|(n, _, _)| n == "old" || n == "calm"),
            "outside the window or under the threshold: {s:?}"
        );
        let web = actions
            .iter()
            .find(|a| a.object.name == "web")
            .expect("web");
        assert_eq!(
            web.command,
            "kubectl rollout restart deployment/web -n shop"
        );
    }

    #[test]
    fn guards_protected_namespaces_pdbs_opt_outs_and_max_actions() {
        let mut snap = snapshot(
            vec![
                crashing("kube-system", "dns", 12, 5),
                crashing("shop", "guarded", 12, 5),
                crashing("shop", "opted-out", 12, 5),
            ],
            (0..3)
                .map(|i| evicted("shop", &format!("gone-{i}")))
                .collect(),
        );
        snap.pdbs = Some(vec![from(
            json!({"metadata": {"name": "guard", "namespace": "shop"},
            "spec": {"selector": {"matchLabels": {"app": "guarded"}}},
            "status": {"disruptionsAllowed": 0, "currentHealthy": 1, "desiredHealthy": 1, "expectedPods": 1}}),
        )]);
        for d in snap.deployments.iter_mut().flatten() {
            if d.metadata.name.as_deref() == Some("opted-out") {
                d.metadata.annotations =
                    Some([(IGNORE_ANNOTATION.to_string(), "heal".to_string())].into());
            }
        }
        let s = Settings {
            max_actions: 2,
            ..settings()
        };
        let actions = plan(&snap, &s);
        let detail = |n: &str| {
            actions
                .iter()
                .find(|a| a.object.name == n)
                .and_then(|a| a.detail.clone())
                .unwrap_or_default()
        };
        assert!(
            detail("dns").contains("--allow-namespace kube-system"),
            "{actions:?}"
        );
        assert!(
            detail("guarded").contains("PodDisruptionBudget guard allows no disruption"),
            "{actions:?}"
        );
        assert!(
            detail("opted-out").contains(IGNORE_ANNOTATION),
            "{actions:?}"
        );
        let planned = actions
            .iter()
            .filter(|a| a.status == Status::Planned)
            .count();
        assert_eq!(planned, 2, "--max-actions 2: {actions:?}");
        assert!(
            actions
                .iter()
                .any(|a| a.detail.as_deref() == Some("--max-actions 2 reached"))
        );
        let allowed = Settings {
            allowed: vec!["kube-system".into()],
            ..settings()
        };
        let allowed_plan = plan(&snap, &allowed);
        assert!(
            allowed_plan
                .iter()
                .any(|a| a.object.name == "dns" && a.status == Status::Planned),
            "{allowed_plan:?}"
        );
    }
}
