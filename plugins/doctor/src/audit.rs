//! The audit in the cluster: the suite's pure pod-spec rules ([`shared::rules::pod_spec`],
//! which `kubectl lint` runs over manifests too) applied once per workload template
//! (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs) and per pod without a
//! controller, never once per replica.

use crate::checks::{Cx, controller};
use crate::finding::ObjectRef;
use crate::snapshot::Snapshot;
use k8s_openapi::api::core::v1::PodSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
pub use shared::rules::pod_spec::{RuleHit, audit_pod_spec};

/// The pod templates the audit looks at: one per workload, plus pods without a controller.
/// The flag says whether the workload is long-running (probes expected).
pub fn targets(snap: &Snapshot) -> Vec<(ObjectRef, &PodSpec, bool)> {
    let mut targets: Vec<(ObjectRef, &PodSpec, bool)> = Vec::new();
    let r = |meta: &ObjectMeta, kind: &str| {
        ObjectRef::namespaced(
            kind,
            meta.namespace.as_deref(),
            meta.name.as_deref().unwrap_or_default(),
        )
    };
    for d in snap.deployments.iter().flatten() {
        if let Some(s) = d.spec.as_ref().and_then(|s| s.template.spec.as_ref()) {
            targets.push((r(&d.metadata, "Deployment"), s, true));
        }
    }
    for d in snap.statefulsets.iter().flatten() {
        if let Some(s) = d.spec.as_ref().and_then(|s| s.template.spec.as_ref()) {
            targets.push((r(&d.metadata, "StatefulSet"), s, true));
        }
    }
    for d in snap.daemonsets.iter().flatten() {
        if let Some(s) = d.spec.as_ref().and_then(|s| s.template.spec.as_ref()) {
            targets.push((r(&d.metadata, "DaemonSet"), s, true));
        }
    }
    for j in snap.jobs.iter().flatten() {
        if controller(&j.metadata).is_none()
            && let Some(s) = j.spec.as_ref().and_then(|s| s.template.spec.as_ref())
        {
            targets.push((r(&j.metadata, "Job"), s, false));
        }
    }
    for c in snap.cronjobs.iter().flatten() {
        if let Some(s) = c
            .spec
            .as_ref()
            .and_then(|s| s.job_template.spec.as_ref())
            .and_then(|s| s.template.spec.as_ref())
        {
            targets.push((r(&c.metadata, "CronJob"), s, false));
        }
    }
    for p in snap.pods.iter().flatten() {
        if controller(&p.metadata).is_none()
            && let Some(s) = &p.spec
        {
            targets.push((r(&p.metadata, "Pod"), s, true));
        }
    }
    targets
}

pub(crate) fn run(cx: &mut Cx<'_>) {
    for (object, spec, long_running) in targets(cx.snap) {
        for h in audit_pod_spec(spec, long_running) {
            cx.emit(h.rule, object.clone(), h.message, h.hint);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::CHECKS;

    #[test]
    fn the_catalogue_describes_the_shared_rules_as_they_are() {
        for r in shared::rules::pod_spec::RULES {
            let c = CHECKS
                .iter()
                .find(|c| c.id == r.id)
                .unwrap_or_else(|| panic!("{} missing from the catalogue", r.id));
            assert_eq!(
                (c.category, c.severity, c.title),
                (r.category, r.severity, r.title)
            );
        }
        let audit = CHECKS.iter().filter(|c| c.category == "audit").count();
        assert_eq!(audit, shared::rules::pod_spec::RULES.len());
    }
}
