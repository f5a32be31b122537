//! Carrying faults out and rolling them back, through the API only: pods are deleted or their
//! images swapped, nodes cordoned and drained through the Eviction API (PodDisruptionBudgets
//! apply), workloads scaled through the scale subresource, and network, stress and
//! container-kill faults run in ephemeral containers. Every touched object gets the run label
//! and a rollback annotation (what `kubectl chaos cleanup` reads after a killed run), an
//! Event, and a JSON audit line on stderr. Each fault kind is a module of its own with its
//! plan, apply and rollback side by side ([`pod_kill`], [`container_kill`], [`pod_failure`],
//! [`nodes`], [`scale`], [`network`], [`stress`]); this module holds what they share: target
//! selection, the guards, marks and heartbeat, and the audit record.

mod container_kill;
mod network;
mod nodes;
mod pod_failure;
mod pod_kill;
mod scale;
mod stress;

use crate::fault::{
    Action, Fault, PodSelector, ROLLBACK_ANNOTATION, RUN_LABEL, Safety, check_namespace,
    check_radius, pick,
};
use crate::marks;

use k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
use k8s_openapi::api::core::v1::{Namespace, Node, Pod};
use kube::api::{Api, ListParams, Patch, PatchParams};
use serde::{Deserialize, Serialize};
use serde_json::json;
use shared::cluster::Cluster;
use shared::error::Error;
use shared::finding::ObjectRef;
use std::collections::BTreeMap;
use std::time::Duration;

/// The image used to make pods fail: a reference that cannot be pulled, so the container
/// stops and the pod is not Ready until the rollback restores its images.
pub const FAILURE_IMAGE: &str = "chaos.sre-toolkit.invalid/pod-failure:never";

/// How to undo one action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "undo")]
pub enum Rollback {
    /// Put the containers' images back.
    RestoreImages {
        /// Namespace.
        namespace: String,
        /// Pod.
        pod: String,
        /// Container → original image.
        images: BTreeMap<String, String>,
    },
    /// Make the node schedulable again.
    Uncordon {
        /// Node.
        node: String,
    },
    /// Scale back.
    RestoreReplicas {
        /// Namespace.
        namespace: String,
        /// `Deployment` or `StatefulSet`.
        kind: String,
        /// Name.
        name: String,
        /// Replicas before.
        replicas: i32,
    },
    /// Remove the qdisc (another ephemeral container runs `tc qdisc del`).
    RemoveQdisc {
        /// Namespace.
        namespace: String,
        /// Pod.
        pod: String,
        /// Device.
        device: String,
    },
}

impl Rollback {
    /// The object it restores.
    pub fn object(&self) -> ObjectRef {
        match self {
            Rollback::RestoreImages { namespace, pod, .. }
            | Rollback::RemoveQdisc { namespace, pod, .. } => {
                ObjectRef::namespaced("Pod", Some(namespace), pod)
            }
            Rollback::Uncordon { node } => ObjectRef::cluster("Node", node),
            Rollback::RestoreReplicas {
                namespace,
                kind,
                name,
                ..
            } => ObjectRef::namespaced(kind, Some(namespace), name),
        }
    }
}

/// A fault's plan and, once applied, what undoes it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Applied {
    /// The actions, in order.
    pub actions: Vec<Action>,
    /// What undoes them, in order of application.
    pub rollbacks: Vec<Rollback>,
    /// Workloads that own killed pods (`kind/namespace/name`), for recovery.
    #[serde(skip)]
    pub owners: Vec<(String, String, String)>,
    /// UIDs of the killed pods.
    #[serde(skip)]
    pub killed: Vec<String>,
}

/// The injector of one run.
pub struct Injector<'a> {
    /// The cluster.
    pub cluster: &'a Cluster,
    /// Run id (labels, names).
    pub run: String,
    /// The runner image for ephemeral containers.
    pub image: String,
    /// Guard rails.
    pub safety: Safety,
    /// Plan only.
    pub dry_run: bool,
    /// Seed of the target choice.
    pub seed: u64,
    /// Objects this run has marked and not yet unmarked: their heartbeat is renewed.
    marked: std::sync::Mutex<Vec<ObjectRef>>,
    /// Where actions are recorded.
    recorder: shared::audit::Recorder<'a>,
}

impl<'a> Injector<'a> {
    /// The injector of run `run`; its actions are audit lines on stderr (and Events), an
    /// Event that cannot be written is a warning through `warn`.
    pub fn new(
        cluster: &'a Cluster,
        run: String,
        image: String,
        safety: Safety,
        dry_run: bool,
        seed: u64,
        warn: impl Fn(&str) + Send + Sync + 'a,
    ) -> Self {
        let recorder = shared::audit::Recorder::new(
            cluster,
            "kubectl-chaos",
            Some(run.clone()),
            std::io::stderr(),
            warn,
        );
        Self {
            cluster,
            run,
            image,
            safety,
            dry_run,
            seed,
            marked: std::sync::Mutex::default(),
            recorder,
        }
    }
}

impl Injector<'_> {
    /// Refuses a target that carries another run's marks (its rollback record would be
    /// overwritten with the faulted state).
    fn refuse_marked(
        &self,
        meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
        what: &str,
    ) -> Result<(), Error> {
        match marks::other_run(meta.labels.as_ref(), &self.run) {
            Some(other) => {
                let (message, hint) = marks::refusal(what, &other);
                Err(Error::usage(message, hint))
            }
            None => Ok(()),
        }
    }

    /// Renews the heartbeat of every object this run has marked, every
    /// [`marks::RENEW_EVERY`], until dropped (run it beside the fault's work).
    pub async fn heartbeat(&self) -> std::convert::Infallible {
        loop {
            tokio::time::sleep(marks::RENEW_EVERY).await;
            let objects = self.marked.lock().map(|m| m.clone()).unwrap_or_default();
            let patch = json!({"metadata": {"annotations": {marks::ALIVE_ANNOTATION: marks::alive_until(jiff::Timestamp::now())}}});
            for o in objects {
                let _ = self
                    .patch_meta(&o.kind, o.namespace.as_deref(), &o.name, &patch)
                    .await;
            }
        }
    }

    fn pods(&self, ns: &str) -> Api<Pod> {
        Api::namespaced(self.cluster.client.clone(), ns)
    }

    /// Audits a done (or, in a dry run, planned) action and adds it to the plan.
    async fn record(&self, fault: &str, action: Action, applied: &mut Applied) {
        let status = if self.dry_run { "dry-run" } else { "applied" };
        self.audit(fault, &action, status).await;
        applied.actions.push(action);
    }

    /// One audit line and, unless dry-run, an Event on the object (through the shared
    /// recorder).
    pub async fn audit(&self, fault: &str, action: &Action, status: &str) {
        let entry = shared::audit::Entry {
            action: &action.verb,
            object: &action.target,
            uid: None,
            status,
            detail: &action.detail,
            extra: json!({"fault": fault}),
        };
        let event = (!self.dry_run).then(|| shared::audit::EventSpec {
            reason: if status == "rolled-back" {
                "ChaosRolledBack"
            } else {
                "ChaosInjected"
            }
            .into(),
            kind: "Warning",
            message: format!(
                "kubectl chaos run {}: {} {} ({status})",
                self.run, fault, action.detail
            ),
            labels: [(RUN_LABEL.to_string(), self.run.clone())].into(),
        });
        self.recorder.record(&entry, event).await;
    }

    async fn namespace_labels(&self, ns: &str) -> Result<BTreeMap<String, String>, Error> {
        let nss: Api<Namespace> = Api::all(self.cluster.client.clone());
        match nss.get_opt(ns).await {
            Ok(Some(n)) => Ok(n.metadata.labels.unwrap_or_default()),
            Ok(None) => Err(Error::usage(
                format!("namespace {ns} does not exist"),
                "check -n",
            )),
            // Without permission to read namespaces, only the name rule applies.
            Err(kube::Error::Api(s)) if s.code == 403 => Ok(BTreeMap::new()),
            Err(e) => Err(self.cluster.api_error("get", "namespaces", None)(e)),
        }
    }

    /// The pods a selector picks, after the namespace and blast-radius checks.
    async fn select_pods(
        &self,
        sel: &PodSelector,
        refuse_host_network: bool,
    ) -> Result<Vec<Pod>, Error> {
        let labels = self.namespace_labels(&sel.namespace).await?;
        check_namespace(&sel.namespace, &labels, &self.safety).map_err(|m| {
            Error::usage(
                m,
                "pick another namespace, or name it with --allow-namespace",
            )
        })?;
        let mut lp = ListParams::default();
        if let Some(s) = &sel.selector {
            lp = lp.labels(s);
        }
        let all = self
            .pods(&sel.namespace)
            .list(&lp)
            .await
            .map_err(self.cluster.api_error("list", "pods", Some(&sel.namespace)))?
            .items;
        let mut candidates: Vec<Pod> = all
            .into_iter()
            .filter(|p| p.metadata.deletion_timestamp.is_none())
            .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
            .collect();
        if refuse_host_network {
            let (host, rest): (Vec<Pod>, Vec<Pod>) = candidates.into_iter().partition(|p| {
                p.spec
                    .as_ref()
                    .and_then(|s| s.host_network)
                    .unwrap_or(false)
            });
            if !host.is_empty() && rest.is_empty() {
                return Err(Error::usage(
                    format!(
                        "every matching pod uses hostNetwork: a network fault there would shape the node's own traffic ({})",
                        host[0].metadata.name.clone().unwrap_or_default()
                    ),
                    "hostNetwork pods are refused; select pods with their own network namespace",
                ));
            }
            candidates = rest;
        }
        candidates.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
        if candidates.is_empty() {
            return Err(Error::usage(
                format!(
                    "no Running pod matches {} in namespace {}",
                    sel.selector.as_deref().unwrap_or("(all)"),
                    sel.namespace
                ),
                "check the selector with kubectl get pods -l ...",
            ));
        }
        let k = sel.mode.of(candidates.len());
        check_radius(k, candidates.len(), &self.safety).map_err(|m| {
            Error::usage(
                m,
                "narrow the selector, or raise --max-targets / --max-percent",
            )
        })?;
        let chosen = pick(candidates.len(), k, self.seed);
        Ok(chosen.into_iter().map(|i| candidates[i].clone()).collect())
    }

    async fn select_nodes(
        &self,
        selector: &str,
        mode: crate::fault::Mode,
    ) -> Result<Vec<Node>, Error> {
        let nodes: Api<Node> = Api::all(self.cluster.client.clone());
        let mut lp = ListParams::default();
        if !selector.is_empty() {
            lp = lp.labels(selector);
        }
        let mut all = nodes
            .list(&lp)
            .await
            .map_err(self.cluster.api_error("list", "nodes", None))?
            .items;
        all.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
        if !self.safety.allow_control_plane {
            let (cp, rest): (Vec<Node>, Vec<Node>) = all.into_iter().partition(|n| {
                n.metadata
                    .labels
                    .as_ref()
                    .is_some_and(|l| l.contains_key("node-role.kubernetes.io/control-plane"))
            });
            if !cp.is_empty() && rest.is_empty() {
                return Err(Error::usage(
                    "only control-plane nodes match",
                    "control-plane nodes are refused unless --allow-control-plane",
                ));
            }
            all = rest;
        }
        if all.is_empty() {
            return Err(Error::usage(
                format!("no node matches {selector:?}"),
                "check with kubectl get nodes -l ...",
            ));
        }
        let k = mode.of(all.len());
        check_radius(k, all.len(), &self.safety).map_err(|m| {
            Error::usage(
                m,
                "narrow the selector, or raise --max-targets / --max-percent",
            )
        })?;
        Ok(pick(all.len(), k, self.seed)
            .into_iter()
            .map(|i| all[i].clone())
            .collect())
    }

    /// Merge-patches the metadata of a Pod, Node, Deployment or StatefulSet.
    async fn patch_meta(
        &self,
        kind: &str,
        ns: Option<&str>,
        name: &str,
        patch: &serde_json::Value,
    ) -> Result<(), kube::Error> {
        let (pp, patch) = (PatchParams::default(), Patch::Merge(patch));
        let c = self.cluster.client.clone();
        match (kind, ns) {
            ("Pod", Some(ns)) => Api::<Pod>::namespaced(c, ns)
                .patch(name, &pp, &patch)
                .await
                .map(|_| ()),
            ("Node", _) => Api::<Node>::all(c)
                .patch(name, &pp, &patch)
                .await
                .map(|_| ()),
            ("Deployment", Some(ns)) => Api::<Deployment>::namespaced(c, ns)
                .patch(name, &pp, &patch)
                .await
                .map(|_| ()),
            ("StatefulSet", Some(ns)) => Api::<StatefulSet>::namespaced(c, ns)
                .patch(name, &pp, &patch)
                .await
                .map(|_| ()),
            _ => Ok(()),
        }
    }

    /// Labels an object with the run, records its rollback and starts its heartbeat, before
    /// it is changed.
    async fn mark(
        &self,
        kind: &str,
        ns: Option<&str>,
        name: &str,
        rollback: &Rollback,
    ) -> Result<(), Error> {
        let patch = json!({"metadata": {"labels": {RUN_LABEL: self.run}, "annotations": {
            ROLLBACK_ANNOTATION: serde_json::to_string(rollback).unwrap_or_default(),
            marks::ALIVE_ANNOTATION: marks::alive_until(jiff::Timestamp::now())}}});
        self.patch_meta(kind, ns, name, &patch)
            .await
            .map_err(
                self.cluster
                    .api_error("patch", &format!("{}s", kind.to_lowercase()), ns),
            )?;
        if let Ok(mut m) = self.marked.lock() {
            m.push(rollback.object());
        }
        Ok(())
    }

    /// Removes the marks after a rollback (best effort: the object may be gone).
    async fn unmark(&self, rb: &Rollback) {
        let o = rb.object();
        if let Ok(mut m) = self.marked.lock() {
            m.retain(|x| *x != o);
        }
        let patch = json!({"metadata": {"labels": {RUN_LABEL: null}, "annotations": {ROLLBACK_ANNOTATION: null, marks::ALIVE_ANNOTATION: null}}});
        let _ = self
            .patch_meta(&o.kind, o.namespace.as_deref(), &o.name, &patch)
            .await;
    }

    fn refuse_marked_pods(&self, pods: &[Pod]) -> Result<(), Error> {
        for p in pods {
            let name = p.metadata.name.as_deref().unwrap_or_default();
            self.refuse_marked(&p.metadata, &format!("pod {name}"))?;
        }
        Ok(())
    }

    fn pod_ref(p: &Pod) -> ObjectRef {
        ObjectRef::namespaced(
            "Pod",
            p.metadata.namespace.as_deref(),
            p.metadata.name.as_deref().unwrap_or_default(),
        )
    }

    /// Adds an ephemeral container (server-side dry run with --dry-run, as a preflight).
    async fn ephemeral(&self, pod: &Pod, container: serde_json::Value) -> Result<(), Error> {
        let ns = pod.metadata.namespace.clone().unwrap_or_default();
        let name = pod.metadata.name.clone().unwrap_or_default();
        let patch = json!({"spec": {"ephemeralContainers": [container]}});
        let pp = if self.dry_run {
            PatchParams::default().dry_run()
        } else {
            PatchParams::default()
        };
        self.pods(&ns)
            .patch_ephemeral_containers(&name, &pp, &Patch::Strategic(&patch))
            .await
            .map(|_| ())
            .map_err(
                self.cluster
                    .api_error("patch", "pods/ephemeralcontainers", Some(&ns)),
            )
    }

    /// Plans `fault` and, unless dry-run, applies it (one module per fault kind). A failure
    /// part-way leaves what was applied so far in `applied`, so it can be rolled back.
    pub async fn apply(&self, fault: &Fault, applied: &mut Applied) -> Result<(), Error> {
        match fault {
            Fault::PodKill { .. } => self.apply_pod_kill(fault, applied).await,
            Fault::ContainerKill { .. } => self.apply_container_kill(fault, applied).await,
            Fault::PodFailure { .. } => self.apply_pod_failure(fault, applied).await,
            Fault::NodeCordon { .. } | Fault::NodeDrain { .. } => {
                self.apply_nodes(fault, applied).await
            }
            Fault::Scale { .. } => self.apply_scale(fault, applied).await,
            Fault::Network { .. } => self.apply_network(fault, applied).await,
            Fault::Stress { .. } => self.apply_stress(fault, applied).await,
        }
    }

    /// Undoes `rollbacks` in reverse order; returns what could not be undone.
    pub async fn rollback(&self, fault: &str, rollbacks: &[Rollback]) -> Vec<String> {
        let mut failed = Vec::new();
        for rb in rollbacks.iter().rev() {
            let r: Result<String, Error> = match rb {
                Rollback::RestoreImages { .. } => self.undo_restore_images(rb).await,
                Rollback::Uncordon { .. } => self.undo_uncordon(rb).await,
                Rollback::RestoreReplicas { .. } => self.undo_restore_replicas(rb).await,
                Rollback::RemoveQdisc { .. } => self.undo_remove_qdisc(rb).await,
            };
            match r {
                Ok(detail) => {
                    self.unmark(rb).await;
                    let action = Action {
                        verb: "rollback".into(),
                        target: rb.object(),
                        detail,
                        kubectl: String::new(),
                    };
                    self.audit(fault, &action, "rolled-back").await;
                }
                Err(e) => failed.push(format!(
                    "{}: {}",
                    rb.object().kind_name(),
                    shared::error::one_line(&e.into())
                )),
            }
        }
        failed
    }
}

/// The Deployment, StatefulSet or ReplicaSet that owns a pod (Deployment through its
/// ReplicaSet), for recovery: `(kind, namespace, name)`.
async fn owner_workload(cluster: &Cluster, p: &Pod) -> Option<(String, String, String)> {
    shared::owners::workload_from_api(&cluster.client, &p.metadata)
        .await
        .filter(|(kind, _, _)| matches!(kind.as_str(), "Deployment" | "ReplicaSet" | "StatefulSet"))
}

/// Waits until every workload in `owners` again has all its replicas ready with pods other
/// than the `killed` ones (UIDs); the time it took, or `None` after `timeout`.
pub async fn wait_recovered(
    cluster: &Cluster,
    owners: &[(String, String, String)],
    killed: &[String],
    timeout: Duration,
) -> Option<Duration> {
    let t0 = tokio::time::Instant::now();
    loop {
        let mut all = true;
        for (kind, ns, name) in owners {
            // The scale subresource gives replicas and selector for both kinds.
            let scale = match kind.as_str() {
                "Deployment" => Api::<Deployment>::namespaced(cluster.client.clone(), ns)
                    .get_scale(name)
                    .await
                    .ok(),
                "StatefulSet" => Api::<StatefulSet>::namespaced(cluster.client.clone(), ns)
                    .get_scale(name)
                    .await
                    .ok(),
                _ => None,
            };
            let want = scale
                .as_ref()
                .and_then(|s| s.spec.as_ref()?.replicas)
                .unwrap_or(0);
            let selector = scale.and_then(|s| s.status?.selector).unwrap_or_default();
            if selector.is_empty() {
                continue;
            }
            let pods = Api::<Pod>::namespaced(cluster.client.clone(), ns)
                .list(&ListParams::default().labels(&selector))
                .await;
            let ready = pods.map(|l| {
                l.items
                    .iter()
                    .filter(|p| p.metadata.deletion_timestamp.is_none())
                    .filter(|p| p.metadata.uid.as_ref().is_none_or(|u| !killed.contains(u)))
                    .filter(|p| {
                        p.status
                            .as_ref()
                            .and_then(|s| s.conditions.as_ref())
                            .is_some_and(|c| {
                                c.iter().any(|c| c.type_ == "Ready" && c.status == "True")
                            })
                    })
                    .count() as i32
            });
            all &= ready.is_ok_and(|r| r >= want);
        }
        if all {
            return Some(t0.elapsed());
        }
        if t0.elapsed() > timeout {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
