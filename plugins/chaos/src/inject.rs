//! Carrying faults out and rolling them back, through the API only: pods are deleted or their
//! images swapped, nodes cordoned and drained through the Eviction API (PodDisruptionBudgets
//! apply), workloads scaled through the scale subresource, and network, stress and
//! container-kill faults run in ephemeral containers. Every touched object gets the run label
//! and a rollback annotation (what `kubectl chaos cleanup` reads after a killed run), an
//! Event, and a JSON audit line on stderr.

use crate::fault::{
    Action, Fault, PodSelector, ROLLBACK_ANNOTATION, RUN_LABEL, Safety, check_namespace,
    check_radius, pick,
};
use crate::marks;
use crate::netem;
use k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
use k8s_openapi::api::core::v1::{Namespace, Node, Pod};
use kube::api::{Api, DeleteParams, EvictParams, ListParams, Patch, PatchParams, PostParams};
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
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

impl<'a> Injector<'a> {
    /// The injector of run `run`.
    pub fn new(
        cluster: &'a Cluster,
        run: String,
        image: String,
        safety: Safety,
        dry_run: bool,
        seed: u64,
    ) -> Self {
        Self {
            cluster,
            run,
            image,
            safety,
            dry_run,
            seed,
            marked: std::sync::Mutex::default(),
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

    /// One JSON audit line on stderr and, unless dry-run, an Event on the object.
    pub async fn audit(&self, fault: &str, action: &Action, status: &str) {
        let line = json!({"time": now(), "run": self.run, "fault": fault, "verb": action.verb, "target": action.target, "detail": action.detail, "status": status});
        {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        }
        if self.dry_run {
            return;
        }
        let ns = action
            .target
            .namespace
            .clone()
            .unwrap_or_else(|| "default".into());
        let api_version = match action.target.kind.as_str() {
            "Deployment" | "StatefulSet" => "apps/v1",
            _ => "v1",
        };
        let event = json!({
            "apiVersion": "v1", "kind": "Event",
            "metadata": {"generateName": format!("{}.chaos-", action.target.name), "namespace": ns, "labels": {RUN_LABEL: self.run}},
            "involvedObject": {"apiVersion": api_version, "kind": action.target.kind, "name": action.target.name, "namespace": action.target.namespace},
            "reason": if status == "rolled-back" { "ChaosRolledBack" } else { "ChaosInjected" },
            "message": format!("kubectl chaos run {}: {} {} ({status})", self.run, fault, action.detail),
            "type": "Warning",
            "source": {"component": "kubectl-chaos"},
            "reportingComponent": "sre-toolkit.io/kubectl-chaos",
            "firstTimestamp": now(), "lastTimestamp": now(), "count": 1
        });
        let api: Api<k8s_openapi::api::core::v1::Event> =
            Api::namespaced(self.cluster.client.clone(), &ns);
        if let Ok(e) = serde_json::from_value(event) {
            let _ = api.create(&PostParams::default(), &e).await;
        }
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

    /// Plans `fault` and, unless dry-run, applies it. A failure part-way returns what was
    /// applied so far in the error's companion (`applied`), so it can be rolled back.
    pub async fn apply(&self, fault: &Fault, applied: &mut Applied) -> Result<(), Error> {
        let name = fault.name();
        match fault {
            Fault::PodKill {
                pods, grace_period, ..
            } => {
                for p in self.select_pods(pods, false).await? {
                    let target = Self::pod_ref(&p);
                    let action = Action {
                        verb: "delete".into(),
                        detail: format!("delete pod {}", target.name),
                        kubectl: format!(
                            "kubectl delete pod {} -n {}{}",
                            target.name,
                            pods.namespace,
                            grace_period
                                .map(|g| format!(" --grace-period={g}"))
                                .unwrap_or_default()
                        ),
                        target,
                    };
                    if let Some(owner) = owner_workload(self.cluster, &p).await
                        && !applied.owners.contains(&owner)
                    {
                        applied.owners.push(owner);
                    }
                    applied.killed.extend(p.metadata.uid.clone());
                    if !self.dry_run {
                        self.audit(name, &action, "applying").await;
                        let dp = DeleteParams {
                            grace_period_seconds: grace_period.map(|g| g as u32),
                            ..Default::default()
                        };
                        self.pods(&pods.namespace)
                            .delete(&action.target.name, &dp)
                            .await
                            .map_err(self.cluster.api_error(
                                "delete",
                                "pods",
                                Some(&pods.namespace),
                            ))?;
                    }
                    self.record(name, action, applied).await;
                }
            }
            Fault::ContainerKill { pods, container } => {
                for p in self.select_pods(pods, false).await? {
                    let target_c = container
                        .clone()
                        .or_else(|| {
                            p.spec
                                .as_ref()
                                .and_then(|s| s.containers.first().map(|c| c.name.clone()))
                        })
                        .unwrap_or_default();
                    let c = netem::ephemeral_container(
                        &format!("chaos-kill-{}", self.run),
                        &self.image,
                        vec!["sh".into(), "-c".into(), "kill -TERM 1".into()],
                        Some(&target_c),
                        false,
                    );
                    let target = Self::pod_ref(&p);
                    let action = Action {
                        verb: "ephemeral container".into(),
                        detail: format!(
                            "kill the main process of container {target_c} in pod {}",
                            target.name
                        ),
                        kubectl: format!(
                            "kubectl debug -n {} {} --target={target_c} --image={} -- sh -c 'kill -TERM 1'",
                            pods.namespace, target.name, self.image
                        ),
                        target,
                    };
                    self.ephemeral(&p, c).await?;
                    self.record(name, action, applied).await;
                }
            }
            Fault::PodFailure { pods, .. } => {
                let chosen = self.select_pods(pods, false).await?;
                self.refuse_marked_pods(&chosen)?;
                for p in chosen {
                    let target = Self::pod_ref(&p);
                    let images: BTreeMap<String, String> = p
                        .spec
                        .iter()
                        .flat_map(|s| s.containers.iter())
                        .map(|c| (c.name.clone(), c.image.clone().unwrap_or_default()))
                        .collect();
                    if images.values().any(|i| i == FAILURE_IMAGE) {
                        return Err(Error::usage(
                            format!(
                                "pod {} already runs the pod-failure placeholder image: its original images are unknown",
                                target.name
                            ),
                            "delete the pod so its controller recreates it, or run `kubectl chaos cleanup`",
                        ));
                    }
                    let rb = Rollback::RestoreImages {
                        namespace: pods.namespace.clone(),
                        pod: target.name.clone(),
                        images: images.clone(),
                    };
                    let action = Action {
                        verb: "patch images".into(),
                        detail: format!(
                            "swap the images of pod {} for {FAILURE_IMAGE}",
                            target.name
                        ),
                        kubectl: format!(
                            "kubectl set image pod/{} -n {} {}",
                            target.name,
                            pods.namespace,
                            images
                                .keys()
                                .map(|c| format!("{c}={FAILURE_IMAGE}"))
                                .collect::<Vec<_>>()
                                .join(" ")
                        ),
                        target,
                    };
                    if !self.dry_run {
                        self.mark("Pod", Some(&pods.namespace), &action.target.name, &rb)
                            .await?;
                        applied.rollbacks.push(rb);
                        let containers: Vec<serde_json::Value> = images
                            .keys()
                            .map(|c| json!({"name": c, "image": FAILURE_IMAGE}))
                            .collect();
                        self.pods(&pods.namespace)
                            .patch(
                                &action.target.name,
                                &PatchParams::default(),
                                &Patch::Strategic(&json!({"spec": {"containers": containers}})),
                            )
                            .await
                            .map_err(self.cluster.api_error(
                                "patch",
                                "pods",
                                Some(&pods.namespace),
                            ))?;
                    }
                    self.record(name, action, applied).await;
                }
            }
            Fault::NodeCordon { nodes, mode, .. } | Fault::NodeDrain { nodes, mode, .. } => {
                let drain = match fault {
                    Fault::NodeDrain { evict_timeout, .. } => Some(*evict_timeout),
                    _ => None,
                };
                let chosen = self.select_nodes(nodes, *mode).await?;
                for n in &chosen {
                    let node = n.metadata.name.as_deref().unwrap_or_default();
                    self.refuse_marked(&n.metadata, &format!("node {node}"))?;
                }
                for n in chosen {
                    let node = n.metadata.name.clone().unwrap_or_default();
                    let already = n
                        .spec
                        .as_ref()
                        .and_then(|s| s.unschedulable)
                        .unwrap_or(false);
                    let target = ObjectRef::cluster("Node", &node);
                    let action = Action {
                        verb: "cordon".into(),
                        detail: format!("cordon node {node}"),
                        kubectl: format!("kubectl cordon {node}"),
                        target,
                    };
                    if !self.dry_run && !already {
                        let rb = Rollback::Uncordon { node: node.clone() };
                        self.mark("Node", None, &node, &rb).await?;
                        applied.rollbacks.push(rb);
                        Api::<Node>::all(self.cluster.client.clone())
                            .patch(
                                &node,
                                &PatchParams::default(),
                                &Patch::Merge(&json!({"spec": {"unschedulable": true}})),
                            )
                            .await
                            .map_err(self.cluster.api_error("patch", "nodes", None))?;
                    }
                    self.record(name, action, applied).await;
                    if let Some(evict_timeout) = drain {
                        self.drain(name, &node, evict_timeout, applied).await?;
                    }
                }
            }
            Fault::Scale {
                namespace,
                workload,
                replicas,
                ..
            } => {
                let labels = self.namespace_labels(namespace).await?;
                check_namespace(namespace, &labels, &self.safety).map_err(|m| {
                    Error::usage(
                        m,
                        "pick another namespace, or name it with --allow-namespace",
                    )
                })?;
                let (kind, wname) = workload.split_once('/').ok_or_else(|| {
                    Error::usage(
                        format!("{workload:?} is not KIND/NAME"),
                        "e.g. deployment/web",
                    )
                })?;
                let (kind, before) = match kind {
                    "deployment" | "deploy" | "deployments" => {
                        let api: Api<Deployment> =
                            Api::namespaced(self.cluster.client.clone(), namespace);
                        (
                            "Deployment",
                            api.get_scale(wname).await.map_err(self.cluster.api_error(
                                "get",
                                "deployments/scale",
                                Some(namespace),
                            ))?,
                        )
                    }
                    "statefulset" | "sts" | "statefulsets" => {
                        let api: Api<StatefulSet> =
                            Api::namespaced(self.cluster.client.clone(), namespace);
                        (
                            "StatefulSet",
                            api.get_scale(wname).await.map_err(self.cluster.api_error(
                                "get",
                                "statefulsets/scale",
                                Some(namespace),
                            ))?,
                        )
                    }
                    other => {
                        return Err(Error::usage(
                            format!("cannot scale {other:?}"),
                            "deployment/NAME or statefulset/NAME",
                        ));
                    }
                };
                let meta = match kind {
                    "Deployment" => {
                        Api::<Deployment>::namespaced(self.cluster.client.clone(), namespace)
                            .get_metadata(wname)
                            .await
                            .map(|m| m.metadata)
                    }
                    _ => Api::<StatefulSet>::namespaced(self.cluster.client.clone(), namespace)
                        .get_metadata(wname)
                        .await
                        .map(|m| m.metadata),
                }
                .map_err(self.cluster.api_error(
                    "get",
                    "deployments",
                    Some(namespace),
                ))?;
                self.refuse_marked(&meta, &format!("{} {wname}", kind.to_lowercase()))?;
                let was = before.spec.and_then(|s| s.replicas).unwrap_or(0);
                let target = ObjectRef::namespaced(kind, Some(namespace), wname);
                let action = Action {
                    verb: "scale".into(),
                    detail: format!(
                        "scale {} {wname} from {was} to {replicas}",
                        kind.to_lowercase()
                    ),
                    kubectl: format!(
                        "kubectl scale {} {wname} -n {namespace} --replicas={replicas}",
                        kind.to_lowercase()
                    ),
                    target,
                };
                if !self.dry_run {
                    let rb = Rollback::RestoreReplicas {
                        namespace: namespace.clone(),
                        kind: kind.into(),
                        name: wname.into(),
                        replicas: was,
                    };
                    self.mark(kind, Some(namespace), wname, &rb).await?;
                    applied.rollbacks.push(rb);
                    self.scale_to(kind, namespace, wname, *replicas).await?;
                }
                self.record(name, action, applied).await;
            }
            Fault::Network {
                pods,
                shape,
                duration,
                device,
            } => {
                let labels = self.namespace_labels(&pods.namespace).await?;
                if let Some(why) = netem::psa_refusal(&pods.namespace, &labels, true) {
                    return Err(Error::usage(
                        why,
                        "see docs: network faults need NET_ADMIN in an ephemeral container",
                    ));
                }
                let chosen = self.select_pods(pods, true).await?;
                self.refuse_marked_pods(&chosen)?;
                for p in chosen {
                    let target = Self::pod_ref(&p);
                    let script = netem::script(shape, device, *duration);
                    let c = netem::ephemeral_container(
                        &format!("chaos-net-{}", self.run),
                        &self.image,
                        vec!["sh".into(), "-c".into(), script],
                        None,
                        true,
                    );
                    let action = Action {
                        verb: "ephemeral container".into(),
                        detail: format!(
                            "tc qdisc replace dev {device} root {} in pod {} for {}",
                            shape.qdisc(),
                            target.name,
                            shared::duration::human(*duration)
                        ),
                        kubectl: format!(
                            "kubectl debug -n {} {} --profile=netadmin --image={} -- tc qdisc replace dev {device} root {}",
                            pods.namespace,
                            target.name,
                            self.image,
                            shape.qdisc()
                        ),
                        target,
                    };
                    self.ephemeral(&p, c).await?;
                    if !self.dry_run {
                        let rb = Rollback::RemoveQdisc {
                            namespace: pods.namespace.clone(),
                            pod: action.target.name.clone(),
                            device: device.clone(),
                        };
                        self.mark("Pod", Some(&pods.namespace), &action.target.name, &rb)
                            .await?;
                        applied.rollbacks.push(rb);
                    }
                    self.record(name, action, applied).await;
                }
            }
            Fault::Stress {
                pods,
                cpu,
                memory_mib,
                duration,
            } => {
                for p in self.select_pods(pods, false).await? {
                    let target = Self::pod_ref(&p);
                    let cmd = vec![
                        "kubectl-chaos".to_string(),
                        "stress-worker".into(),
                        "--cpu".into(),
                        cpu.to_string(),
                        "--memory-mib".into(),
                        memory_mib.to_string(),
                        "--duration".into(),
                        format!("{}s", duration.as_secs().max(1)),
                    ];
                    let c = netem::ephemeral_container(
                        &format!("chaos-stress-{}", self.run),
                        &self.image,
                        cmd.clone(),
                        None,
                        false,
                    );
                    let action = Action {
                        verb: "ephemeral container".into(),
                        detail: format!(
                            "stress {cpu} CPU thread(s) and {memory_mib} MiB in pod {} for {}",
                            target.name,
                            shared::duration::human(*duration)
                        ),
                        kubectl: format!(
                            "kubectl debug -n {} {} --image={} -- {}",
                            pods.namespace,
                            target.name,
                            self.image,
                            cmd.join(" ")
                        ),
                        target,
                    };
                    self.ephemeral(&p, c).await?;
                    self.record(name, action, applied).await;
                }
            }
        }
        Ok(())
    }

    async fn scale_to(&self, kind: &str, ns: &str, name: &str, replicas: i32) -> Result<(), Error> {
        let patch = json!({"spec": {"replicas": replicas}});
        let pp = PatchParams::default();
        let r = if kind == "Deployment" {
            Api::<Deployment>::namespaced(self.cluster.client.clone(), ns)
                .patch_scale(name, &pp, &Patch::Merge(&patch))
                .await
                .map(|_| ())
        } else {
            Api::<StatefulSet>::namespaced(self.cluster.client.clone(), ns)
                .patch_scale(name, &pp, &Patch::Merge(&patch))
                .await
                .map(|_| ())
        };
        r.map_err(self.cluster.api_error("patch", "scale", Some(ns)))
    }

    /// Evicts every pod on `node` (DaemonSet and mirror pods excepted; pods in protected
    /// namespaces are left alone unless allowed). A PodDisruptionBudget that blocks an
    /// eviction is retried for `evict_timeout` (kube retries 429s with backoff), then reported.
    async fn drain(
        &self,
        fault: &str,
        node: &str,
        evict_timeout: Duration,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let all: Api<Pod> = Api::all(self.cluster.client.clone());
        let pods = all
            .list(&ListParams::default().fields(&format!("spec.nodeName={node}")))
            .await
            .map_err(self.cluster.api_error("list", "pods", None))?
            .items;
        for p in pods {
            let ns = p.metadata.namespace.clone().unwrap_or_default();
            let daemon = p
                .metadata
                .owner_references
                .iter()
                .flatten()
                .any(|o| o.kind == "DaemonSet");
            let mirror = p
                .metadata
                .annotations
                .as_ref()
                .is_some_and(|a| a.contains_key("kubernetes.io/config.mirror"));
            let protected = check_namespace(&ns, &BTreeMap::new(), &self.safety).is_err();
            if daemon || mirror || protected || p.metadata.deletion_timestamp.is_some() {
                continue;
            }
            let target = Self::pod_ref(&p);
            let mut action = Action {
                verb: "evict".into(),
                detail: format!("evict pod {}/{} from node {node}", ns, target.name),
                kubectl: format!(
                    "kubectl drain {node} --ignore-daemonsets --delete-emptydir-data (evicts {}/{})",
                    ns, target.name
                ),
                target,
            };
            if !self.dry_run {
                let api = self.pods(&ns);
                let deadline = tokio::time::Instant::now() + evict_timeout;
                let blocked = " (blocked by a PodDisruptionBudget; left in place)";
                loop {
                    let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                    match tokio::time::timeout(
                        left,
                        api.evict(&action.target.name, &EvictParams::default()),
                    )
                    .await
                    {
                        Err(_) => {
                            action.detail.push_str(blocked);
                            break;
                        }
                        Ok(Ok(_)) => break,
                        Ok(Err(kube::Error::Api(s))) if s.code == 404 => break,
                        Ok(Err(kube::Error::Api(s)))
                            if s.code == 429 && tokio::time::Instant::now() < deadline =>
                        {
                            tokio::time::sleep(Duration::from_millis(500).min(left)).await;
                        }
                        Ok(Err(kube::Error::Api(s))) if s.code == 429 => {
                            action.detail.push_str(blocked);
                            break;
                        }
                        Ok(Err(e)) => {
                            return Err(self.cluster.api_error(
                                "create",
                                "pods/eviction",
                                Some(&ns),
                            )(e));
                        }
                    }
                }
            }
            self.record(fault, action, applied).await;
        }
        Ok(())
    }

    /// Undoes `rollbacks` in reverse order; returns what could not be undone.
    pub async fn rollback(&self, fault: &str, rollbacks: &[Rollback]) -> Vec<String> {
        let mut failed = Vec::new();
        for rb in rollbacks.iter().rev() {
            let r: Result<String, Error> = match rb {
                Rollback::RestoreImages {
                    namespace,
                    pod,
                    images,
                } => {
                    let containers: Vec<serde_json::Value> = images
                        .iter()
                        .map(|(c, i)| json!({"name": c, "image": i}))
                        .collect();
                    match self
                        .pods(namespace)
                        .patch(
                            pod,
                            &PatchParams::default(),
                            &Patch::Strategic(&json!({"spec": {"containers": containers}})),
                        )
                        .await
                    {
                        Ok(_) => Ok(format!("restore the images of pod {pod}")),
                        Err(kube::Error::Api(s)) if s.code == 404 => Ok(format!(
                            "pod {pod} is gone (its replacement has the original images)"
                        )),
                        Err(e) => Err(self.cluster.api_error("patch", "pods", Some(namespace))(e)),
                    }
                }
                Rollback::Uncordon { node } => Api::<Node>::all(self.cluster.client.clone())
                    .patch(
                        node,
                        &PatchParams::default(),
                        &Patch::Merge(&json!({"spec": {"unschedulable": null}})),
                    )
                    .await
                    .map(|_| format!("uncordon node {node}"))
                    .map_err(self.cluster.api_error("patch", "nodes", None)),
                Rollback::RestoreReplicas {
                    namespace,
                    kind,
                    name,
                    replicas,
                } => self
                    .scale_to(kind, namespace, name, *replicas)
                    .await
                    .map(|_| format!("scale {} {name} back to {replicas}", kind.to_lowercase())),
                Rollback::RemoveQdisc {
                    namespace,
                    pod,
                    device,
                } => {
                    let c = netem::ephemeral_container(
                        &format!("chaos-undo-{}", self.run),
                        &self.image,
                        vec![
                            "sh".into(),
                            "-c".into(),
                            format!("tc qdisc del dev {device} root 2>/dev/null; true"),
                        ],
                        None,
                        true,
                    );
                    match self.pods(namespace).get_opt(pod).await {
                        Ok(Some(p)) => self
                            .ephemeral(&p, c)
                            .await
                            .map(|_| format!("remove the qdisc of pod {pod}")),
                        Ok(None) => Ok(format!(
                            "pod {pod} is gone (and its network namespace with it)"
                        )),
                        Err(e) => Err(self.cluster.api_error("get", "pods", Some(namespace))(e)),
                    }
                }
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

/// The Deployment, StatefulSet or ReplicaSet that owns a pod (Deployment through its ReplicaSet).
async fn owner_workload(cluster: &Cluster, p: &Pod) -> Option<(String, String, String)> {
    let ns = p.metadata.namespace.clone()?;
    let o = p
        .metadata
        .owner_references
        .as_ref()?
        .iter()
        .find(|o| o.controller == Some(true))?;
    match o.kind.as_str() {
        "ReplicaSet" => {
            let rs: Api<k8s_openapi::api::apps::v1::ReplicaSet> =
                Api::namespaced(cluster.client.clone(), &ns);
            let r = rs.get(&o.name).await.ok()?;
            match r
                .metadata
                .owner_references
                .as_ref()
                .and_then(|v| v.iter().find(|x| x.kind == "Deployment"))
            {
                Some(d) => Some(("Deployment".into(), ns, d.name.clone())),
                None => Some(("ReplicaSet".into(), ns, o.name.clone())),
            }
        }
        "StatefulSet" => Some(("StatefulSet".into(), ns, o.name.clone())),
        _ => None,
    }
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
