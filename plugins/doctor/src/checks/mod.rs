//! The checks: pure functions over a [`Snapshot`], one module per section. They push
//! findings through [`Cx::emit`], which applies `--checks`/`--skip` and every suppression
//! (config file, `--exclude`, the `sre-toolkit.io/ignore` annotation) in one place.

pub mod autoscaling;
pub mod controlplane;
pub mod events;
pub mod networking;
pub mod nodes;
pub mod pods;
pub mod storage;
#[cfg(test)]
pub(crate) mod testing;
pub mod workloads;

use crate::catalog;
use crate::finding::{Finding, ObjectRef, Severity};
use crate::snapshot::Snapshot;
use crate::suppress::Suppressions;
use jiff::SignedDuration;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Tunables of the checks.
#[derive(Debug, Clone)]
pub struct Options {
    /// Restarts at or above which `pod-restarts` fires.
    pub restart_threshold: i32,
    /// How far back Warning events count.
    pub event_window: std::time::Duration,
    /// Whether `-l` filtered the lists (selector-matching checks then stay quiet).
    pub label_filtered: bool,
    /// How long a transitional state (Terminating, Pending) may last before it is stuck.
    pub stuck_after: std::time::Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            restart_threshold: 5,
            event_window: std::time::Duration::from_secs(3600),
            label_filtered: false,
            stuck_after: std::time::Duration::from_secs(300),
        }
    }
}

/// The annotation that suppresses checks on one object: a comma-separated list of check
/// ids, or `*`.
pub const IGNORE_ANNOTATION: &str = "sre-toolkit.io/ignore";

/// Labels and the ignore annotation of every listed object, by reference.
pub type MetaIndex<'a> = HashMap<ObjectRef, (&'a Option<BTreeMap<String, String>>, Vec<String>)>;

/// What checks run with and write to.
pub struct Cx<'a> {
    /// The data.
    pub snap: &'a Snapshot,
    /// Tunables.
    pub opts: &'a Options,
    selected: &'a BTreeSet<&'static str>,
    suppress: &'a Suppressions,
    meta: MetaIndex<'a>,
    findings: Vec<Finding>,
    /// Findings dropped by a suppression, for the report's summary.
    pub suppressed: usize,
}

impl<'a> Cx<'a> {
    /// A context over `snap` running the checks in `selected`.
    pub fn new(
        snap: &'a Snapshot,
        opts: &'a Options,
        selected: &'a BTreeSet<&'static str>,
        suppress: &'a Suppressions,
        meta: MetaIndex<'a>,
    ) -> Self {
        Self {
            snap,
            opts,
            selected,
            suppress,
            meta,
            findings: Vec::new(),
            suppressed: 0,
        }
    }

    /// Whether `id` is selected.
    pub fn wants(&self, id: &str) -> bool {
        self.selected.contains(id)
    }

    /// Records a finding of check `id` at its default severity.
    pub fn emit(
        &mut self,
        id: &'static str,
        object: ObjectRef,
        message: String,
        hint: impl Into<String>,
    ) {
        let sev = catalog::check(id)
            .map(|c| c.severity)
            .unwrap_or(Severity::Warning);
        self.emit_at(id, sev, object, message, hint);
    }

    /// Records a finding of check `id` at `severity`.
    pub fn emit_at(
        &mut self,
        id: &'static str,
        severity: Severity,
        object: ObjectRef,
        message: String,
        hint: impl Into<String>,
    ) {
        if !self.wants(id) {
            return;
        }
        let (labels, ignored) = match self.meta.get(&object) {
            Some((l, ign)) => (l.as_ref(), ign.as_slice()),
            None => (None, &[][..]),
        };
        if ignored.iter().any(|i| i == "*" || i == id) || self.suppress.matches(id, &object, labels)
        {
            self.suppressed += 1;
            return;
        }
        let category = catalog::check(id)
            .map(|c| c.category)
            .unwrap_or("other")
            .to_string();
        self.findings.push(Finding {
            check: id.to_string(),
            category,
            severity,
            object,
            location: None,
            message,
            hint: hint.into(),
            extra: Default::default(),
        });
    }

    /// The findings, sorted: most severe first, then by section, namespace and name.
    pub fn finish(mut self) -> (Vec<Finding>, usize) {
        let order = |c: &str| {
            catalog::CATEGORIES
                .iter()
                .position(|x| *x == c)
                .unwrap_or(usize::MAX)
        };
        self.findings.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| order(&a.category).cmp(&order(&b.category)))
                .then_with(|| a.object.namespace.cmp(&b.object.namespace))
                .then_with(|| a.object.name.cmp(&b.object.name))
                .then_with(|| a.check.cmp(&b.check))
        });
        (self.findings, self.suppressed)
    }

    /// `--stuck-after` in seconds.
    pub fn stuck_secs(&self) -> i64 {
        self.opts.stuck_after.as_secs() as i64
    }

    /// How long ago `t` was.
    pub fn age(&self, t: &Time) -> SignedDuration {
        self.snap.now.duration_since(t.0)
    }
}

/// Runs every selected check.
pub fn run_all(cx: &mut Cx<'_>) {
    nodes::run(cx);
    pods::run(cx);
    workloads::run(cx);
    networking::run(cx);
    storage::run(cx);
    autoscaling::run(cx);
    controlplane::run(cx);
    events::run(cx);
    crate::audit::run(cx);
}

/// The reference to a namespaced object from its metadata.
pub fn obj(kind: &str, meta: &ObjectMeta) -> ObjectRef {
    ObjectRef::namespaced(
        kind,
        meta.namespace.as_deref(),
        meta.name.as_deref().unwrap_or_default(),
    )
}

/// Human age: `45s`, `12m`, `3h`, `2d`.
pub fn ago(d: SignedDuration) -> String {
    shared::duration::human(std::time::Duration::from_secs(d.as_secs().max(0) as u64))
}

/// Whether every `key=value` in `selector` is in `labels` (an empty selector matches nothing,
/// as a Service's does).
pub fn selector_matches(
    selector: &BTreeMap<String, String>,
    labels: Option<&BTreeMap<String, String>>,
) -> bool {
    if selector.is_empty() {
        return false;
    }
    let Some(labels) = labels else { return false };
    selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// Labels and the ignore annotation of every listed object.
pub fn meta_index(snap: &Snapshot) -> MetaIndex<'_> {
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
    let mut m = MetaIndex::new();
    fn put<'a>(m: &mut MetaIndex<'a>, kind: &str, meta: &'a ObjectMeta) {
        let ignored: Vec<String> = meta
            .annotations
            .as_ref()
            .and_then(|a| a.get(IGNORE_ANNOTATION))
            .map(|v| {
                v.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let object = ObjectRef::namespaced(
            kind,
            meta.namespace.as_deref(),
            meta.name.as_deref().unwrap_or_default(),
        );
        m.insert(object, (&meta.labels, ignored));
    }
    macro_rules! index {
        ($($field:ident => $kind:literal),*) => {$(
            for o in snap.$field.iter().flatten() { put(&mut m, $kind, &o.metadata); }
        )*};
    }
    index!(nodes => "Node", pods => "Pod", deployments => "Deployment", statefulsets => "StatefulSet",
        daemonsets => "DaemonSet", replicasets => "ReplicaSet", jobs => "Job", cronjobs => "CronJob",
        services => "Service", ingresses => "Ingress", pvcs => "PersistentVolumeClaim", pvs => "PersistentVolume",
        hpas => "HorizontalPodAutoscaler", pdbs => "PodDisruptionBudget", namespaces => "Namespace",
        apiservices => "APIService", validating_webhooks => "ValidatingWebhookConfiguration",
        mutating_webhooks => "MutatingWebhookConfiguration");
    m
}

pub use shared::owners::controller;
