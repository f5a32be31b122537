//! Every check the doctor runs: its stable id, section, default severity, what it looks for
//! and which kinds it needs listed. `--checks`, `--skip`, `--exclude`, the config file and
//! `kubectl doctor checks` all read this one table.

use crate::cli::Format;
use crate::finding::Severity;
use crate::report;
use Severity::{Critical, Info, Warning};
use anyhow::Result;
use shared::output::Render;
use std::io::Write;

/// A kind the collection pass can list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// v1 Node.
    Nodes,
    /// coordination.k8s.io Lease in kube-node-lease.
    NodeLeases,
    /// v1 Pod.
    Pods,
    /// apps Deployment.
    Deployments,
    /// apps StatefulSet.
    StatefulSets,
    /// apps DaemonSet.
    DaemonSets,
    /// apps ReplicaSet.
    ReplicaSets,
    /// batch Job.
    Jobs,
    /// batch CronJob.
    CronJobs,
    /// v1 Service.
    Services,
    /// discovery.k8s.io EndpointSlice.
    EndpointSlices,
    /// networking.k8s.io Ingress.
    Ingresses,
    /// v1 PersistentVolumeClaim.
    Pvcs,
    /// v1 PersistentVolume.
    Pvs,
    /// storage.k8s.io StorageClass.
    StorageClasses,
    /// autoscaling/v2 HorizontalPodAutoscaler.
    Hpas,
    /// policy PodDisruptionBudget.
    Pdbs,
    /// v1 Event (type != Normal).
    Events,
    /// v1 Namespace.
    Namespaces,
    /// apiregistration.k8s.io APIService.
    ApiServices,
    /// admissionregistration.k8s.io webhook configurations.
    Webhooks,
    /// ConfigMap and Secret metadata (never data).
    ConfigRefs,
    /// `/readyz?verbose` and `/livez?verbose`.
    Health,
}

impl Kind {
    /// The resources the collection pass lists for it, as they are named in
    /// `metadata.skipped` when refused.
    pub fn resources(self) -> &'static [&'static str] {
        match self {
            Kind::Nodes => &["nodes"],
            Kind::NodeLeases => &["leases.coordination.k8s.io"],
            Kind::Pods => &["pods"],
            Kind::Deployments => &["deployments.apps"],
            Kind::StatefulSets => &["statefulsets.apps"],
            Kind::DaemonSets => &["daemonsets.apps"],
            Kind::ReplicaSets => &["replicasets.apps"],
            Kind::Jobs => &["jobs.batch"],
            Kind::CronJobs => &["cronjobs.batch"],
            Kind::Services => &["services"],
            Kind::EndpointSlices => &["endpointslices.discovery.k8s.io"],
            Kind::Ingresses => &["ingresses.networking.k8s.io"],
            Kind::Pvcs => &["persistentvolumeclaims"],
            Kind::Pvs => &["persistentvolumes"],
            Kind::StorageClasses => &["storageclasses.storage.k8s.io"],
            Kind::Hpas => &["horizontalpodautoscalers.autoscaling"],
            Kind::Pdbs => &["poddisruptionbudgets.policy"],
            Kind::Events => &["events"],
            Kind::Namespaces => &["namespaces"],
            Kind::ApiServices => &["apiservices.apiregistration.k8s.io"],
            Kind::Webhooks => &[
                "validatingwebhookconfigurations.admissionregistration.k8s.io",
                "mutatingwebhookconfigurations.admissionregistration.k8s.io",
            ],
            Kind::ConfigRefs => &["configmaps", "secrets"],
            Kind::Health => &["/readyz", "/livez"],
        }
    }
}

/// Every check id and section name, as `--checks` and `--skip` take them (shell completion).
pub fn ids_and_sections() -> Vec<String> {
    CATEGORIES
        .iter()
        .copied()
        .chain(CHECKS.iter().map(|c| c.id))
        .map(String::from)
        .collect()
}

/// One check's definition.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    /// Stable id used in output, suppression and `--checks`.
    pub id: &'static str,
    /// Section: nodes, pods, workloads, networking, storage, autoscaling, controlplane, events, audit.
    pub category: &'static str,
    /// Default severity (a finding may be raised or lowered with evidence).
    pub severity: Severity,
    /// What it finds.
    pub title: &'static str,
    /// The kinds it needs.
    pub kinds: &'static [Kind],
}

macro_rules! checks {
    ($($id:literal, $cat:literal, $sev:ident, $title:literal, [$($k:ident),*];)*) => {
        /// The catalogue, in display order.
        pub const CHECKS: &[Check] = &[$(Check { id: $id, category: $cat, severity: $sev, title: $title, kinds: &[$(Kind::$k),*] },)*];
    };
}

checks! {
    "node-not-ready", "nodes", Critical, "Node Ready condition is False or Unknown", [Nodes];
    "node-heartbeat-stale", "nodes", Critical, "Node Lease not renewed within twice its duration", [Nodes, NodeLeases];
    "node-memory-pressure", "nodes", Warning, "Node reports MemoryPressure", [Nodes];
    "node-disk-pressure", "nodes", Warning, "Node reports DiskPressure", [Nodes];
    "node-pid-pressure", "nodes", Warning, "Node reports PIDPressure", [Nodes];
    "node-network-unavailable", "nodes", Critical, "Node reports NetworkUnavailable", [Nodes];
    "node-cordoned", "nodes", Info, "Node is cordoned (unschedulable)", [Nodes];
    "node-version-skew", "nodes", Warning, "Kubelet version outside the supported skew of the API server", [Nodes];
    "node-overcommitted", "nodes", Warning, "Pod requests exceed or nearly fill node allocatable (CPU, memory, pods)", [Nodes, Pods];
    "node-taints-block-scheduling", "nodes", Critical, "A pending pod tolerates the taints of no node", [Nodes, Pods];
    "pod-crashloop", "pods", Critical, "Container in CrashLoopBackOff (with its last termination reason)", [Pods];
    "pod-image-pull", "pods", Critical, "Image cannot be pulled (ImagePullBackOff, ErrImagePull, InvalidImageName)", [Pods];
    "pod-config-error", "pods", Critical, "Container cannot be created: missing ConfigMap, Secret or key", [Pods, ConfigRefs];
    "pod-oomkilled", "pods", Critical, "Container was OOMKilled (current or last state)", [Pods];
    "pod-restarts", "pods", Warning, "Container restarted more than the threshold", [Pods];
    "pod-pending", "pods", Warning, "Pod Pending, with the scheduler's reason", [Pods];
    "pod-evicted", "pods", Warning, "Pod was evicted", [Pods];
    "pod-failed", "pods", Warning, "Pod Failed (not a Job pod)", [Pods];
    "pod-terminating-stuck", "pods", Warning, "Pod stuck Terminating past its grace period", [Pods];
    "pod-not-ready", "pods", Warning, "Running pod not Ready (failing readiness probe)", [Pods, Events];
    "pod-probe-failing", "pods", Warning, "Liveness or readiness probe failures in events", [Pods, Events];
    "pod-init-failing", "pods", Critical, "Init container failing", [Pods];
    "pod-no-resources", "pods", Warning, "Container without resource requests or limits", [Pods];
    "deployment-unavailable", "workloads", Critical, "Deployment has unavailable replicas", [Deployments];
    "deployment-rollout-stuck", "workloads", Critical, "Rollout stuck (ProgressDeadlineExceeded)", [Deployments];
    "statefulset-unavailable", "workloads", Critical, "StatefulSet has replicas not ready", [StatefulSets];
    "daemonset-unavailable", "workloads", Critical, "DaemonSet pods unavailable or not scheduled", [DaemonSets];
    "replicaset-create-failed", "workloads", Critical, "ReplicaSet cannot create pods (quota, admission)", [ReplicaSets];
    "job-failed", "workloads", Critical, "Job failed (BackoffLimitExceeded, DeadlineExceeded)", [Jobs];
    "cronjob-failing", "workloads", Warning, "CronJob's most recent Job failed", [CronJobs, Jobs];
    "cronjob-missed-schedule", "workloads", Warning, "CronJob did not start a run it was scheduled for", [CronJobs];
    "service-no-endpoints", "networking", Critical, "Service has no ready endpoints (EndpointSlices)", [Services, EndpointSlices, Pods];
    "service-selector-no-match", "networking", Critical, "Service selector matches no pod", [Services, Pods];
    "ingress-backend-missing", "networking", Critical, "Ingress backend Service or port missing", [Ingresses, Services];
    "ingress-tls-secret-missing", "networking", Critical, "Ingress TLS Secret missing", [Ingresses, ConfigRefs];
    "pvc-pending", "storage", Warning, "PersistentVolumeClaim Pending", [Pvcs];
    "pvc-lost", "storage", Critical, "PersistentVolumeClaim Lost", [Pvcs];
    "pvc-storageclass-missing", "storage", Critical, "PersistentVolumeClaim names a StorageClass that does not exist", [Pvcs, StorageClasses];
    "pv-failed", "storage", Critical, "PersistentVolume Failed", [Pvs];
    "pv-released", "storage", Info, "PersistentVolume Released and not reclaimed", [Pvs];
    "hpa-unable-to-scale", "autoscaling", Critical, "HPA cannot scale or is missing metrics", [Hpas];
    "hpa-at-max", "autoscaling", Warning, "HPA pinned at maxReplicas", [Hpas];
    "pdb-blocks-disruption", "autoscaling", Warning, "PodDisruptionBudget allows zero disruptions", [Pdbs];
    "apiserver-health", "controlplane", Critical, "API server /readyz or /livez check failing", [Health];
    "apiservice-unavailable", "controlplane", Critical, "Aggregated APIService unavailable", [ApiServices];
    "webhook-service-unavailable", "controlplane", Critical, "Admission webhook Service missing or without ready endpoints", [Webhooks, Services, EndpointSlices];
    "namespace-terminating-stuck", "controlplane", Warning, "Namespace stuck Terminating", [Namespaces];
    "events-warning-summary", "events", Info, "Warning events by reason over the window", [Events];
    "audit-privileged", "audit", Critical, "Privileged container", [Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs];
    "audit-host-network", "audit", Warning, "Pod uses the host network", [Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs];
    "audit-host-pid", "audit", Warning, "Pod uses the host PID namespace", [Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs];
    "audit-host-path", "audit", Warning, "Pod mounts a hostPath volume", [Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs];
    "audit-run-as-root", "audit", Warning, "Container may run as root", [Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs];
    "audit-no-security-context", "audit", Info, "Container has no securityContext", [Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs];
    "audit-image-latest", "audit", Warning, "Image uses :latest or no tag", [Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs];
    "audit-no-probes", "audit", Warning, "Long-running container has no readiness or liveness probe", [Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs];
    "audit-sa-token-automount", "audit", Info, "Default ServiceAccount token automounted", [Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs];
    "audit-secret-in-env", "audit", Warning, "Secret exposed as an environment variable", [Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs];
}

/// The sections, in display order.
pub const CATEGORIES: &[&str] = &[
    "nodes",
    "pods",
    "workloads",
    "networking",
    "storage",
    "autoscaling",
    "controlplane",
    "events",
    "audit",
];

/// Looks a check up by id.
pub fn check(id: &str) -> Option<&'static Check> {
    CHECKS.iter().find(|c| c.id == id)
}

/// `kubectl doctor checks`: the catalogue as a table or the suite's JSON/YAML envelope.
pub fn write(w: &mut dyn Write, format: Format, no_headers: bool) -> Result<()> {
    let render = match format {
        Format::Json => Render::Json,
        Format::Yaml => Render::Yaml,
        _ => Render::Table { no_headers },
    };
    let checks = crate::formats::catalogue();
    shared::output::write_check_list(w, render, "doctor", report::SCHEMA_VERSION, &checks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_categories_known() {
        let mut ids: Vec<&str> = CHECKS.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "duplicate check id");
        for c in CHECKS {
            assert!(
                CATEGORIES.contains(&c.category),
                "{} has unknown category {}",
                c.id,
                c.category
            );
            assert!(!c.kinds.is_empty(), "{} needs no kind", c.id);
        }
    }
}
