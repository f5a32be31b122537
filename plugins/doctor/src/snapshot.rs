//! The one collection pass: every kind the selected checks need is listed once, paginated
//! and concurrently; nothing is fetched per object. A kind the user may not list becomes a
//! warning and a `skipped` entry in the report, never a crash and never a silent pass.

use crate::catalog::Kind;
use jiff::Timestamp;
use k8s_openapi::api::admissionregistration::v1::{
    MutatingWebhookConfiguration, ValidatingWebhookConfiguration,
};
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{
    ConfigMap, Event, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, Secret,
    Service,
};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::api::networking::v1::Ingress;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::kube_aggregator::pkg::apis::apiregistration::v1::APIService;
use kube::api::{Api, ListParams};
use shared::cluster::Cluster;
use shared::error::Error;
use std::collections::{BTreeSet, HashSet};

/// A kind that could not be listed, and why (the suite's one schema).
pub use shared::partial::Skipped;

/// A `/readyz` or `/livez` check line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthLine {
    /// `readyz` or `livez`.
    pub endpoint: &'static str,
    /// The check name, e.g. `etcd`.
    pub name: String,
    /// Whether it passed.
    pub ok: bool,
}

/// Everything the checks read, fetched once. `None` means not listed (not needed, or
/// skipped: see `skipped`).
#[derive(Debug, Default)]
pub struct Snapshot {
    /// When the snapshot was taken; ages are measured from here.
    pub now: Timestamp,
    /// Whether namespaced kinds were listed across all namespaces.
    pub all_namespaces: bool,
    /// The API server's minor version.
    pub server_minor: Option<u32>,
    /// Nodes.
    pub nodes: Option<Vec<Node>>,
    /// Node leases (kube-node-lease).
    pub node_leases: Option<Vec<Lease>>,
    /// Pods.
    pub pods: Option<Vec<Pod>>,
    /// Deployments.
    pub deployments: Option<Vec<Deployment>>,
    /// StatefulSets.
    pub statefulsets: Option<Vec<StatefulSet>>,
    /// DaemonSets.
    pub daemonsets: Option<Vec<DaemonSet>>,
    /// ReplicaSets.
    pub replicasets: Option<Vec<ReplicaSet>>,
    /// Jobs.
    pub jobs: Option<Vec<Job>>,
    /// CronJobs.
    pub cronjobs: Option<Vec<CronJob>>,
    /// Services.
    pub services: Option<Vec<Service>>,
    /// EndpointSlices.
    pub endpointslices: Option<Vec<EndpointSlice>>,
    /// Ingresses.
    pub ingresses: Option<Vec<Ingress>>,
    /// PVCs.
    pub pvcs: Option<Vec<PersistentVolumeClaim>>,
    /// PVs.
    pub pvs: Option<Vec<PersistentVolume>>,
    /// StorageClasses.
    pub storageclasses: Option<Vec<StorageClass>>,
    /// HPAs (autoscaling/v2).
    pub hpas: Option<Vec<HorizontalPodAutoscaler>>,
    /// PDBs.
    pub pdbs: Option<Vec<PodDisruptionBudget>>,
    /// Events of type Warning.
    pub events: Option<Vec<Event>>,
    /// Namespaces.
    pub namespaces: Option<Vec<Namespace>>,
    /// APIServices.
    pub apiservices: Option<Vec<APIService>>,
    /// Validating webhook configurations.
    pub validating_webhooks: Option<Vec<ValidatingWebhookConfiguration>>,
    /// Mutating webhook configurations.
    pub mutating_webhooks: Option<Vec<MutatingWebhookConfiguration>>,
    /// ConfigMaps that exist, as (namespace, name).
    pub configmaps: Option<HashSet<(String, String)>>,
    /// Secrets that exist, as (namespace, name): metadata only, never data.
    pub secrets: Option<HashSet<(String, String)>>,
    /// `/readyz?verbose` and `/livez?verbose` lines.
    pub health: Option<Vec<HealthLine>>,
    /// Kinds that could not be listed.
    pub skipped: Vec<Skipped>,
}

/// How the collection pass reports a skipped kind as it happens.
pub type Warn<'a> = &'a (dyn Fn(&str) + Sync);

struct Collector<'a> {
    cluster: &'a Cluster,
    kinds: &'a BTreeSet<Kind>,
    partial: shared::partial::Partial<'a>,
}

impl Collector<'_> {
    fn wants(&self, k: Kind) -> bool {
        self.kinds.contains(&k)
    }

    async fn list<K>(
        &self,
        kind: Kind,
        api: Api<K>,
        lp: ListParams,
        resource: &str,
    ) -> Result<Option<Vec<K>>, Error>
    where
        K: Clone
            + serde::de::DeserializeOwned
            + std::fmt::Debug
            + k8s_openapi::Metadata<Ty = k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta>,
    {
        if !self.wants(kind) {
            return Ok(None);
        }
        let listed = self.cluster.list_all(&api, &lp, resource).await;
        self.partial
            .tolerate(resource, api.namespace(), listed, false)
    }

    fn scoped<K>(&self) -> Api<K>
    where
        K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope>,
        <K as kube::Resource>::DynamicType: Default,
    {
        self.cluster.scoped_api()
    }

    fn all<K>(&self) -> Api<K>
    where
        K: kube::Resource<Scope = k8s_openapi::ClusterResourceScope>,
        <K as kube::Resource>::DynamicType: Default,
    {
        Api::all(self.cluster.client.clone())
    }

    fn labelled(&self) -> ListParams {
        let mut lp = ListParams::default();
        if let Some(l) = &self.cluster.label_selector {
            lp = lp.labels(l);
        }
        lp
    }

    async fn names<K>(
        &self,
        api: Api<K>,
        resource: &str,
    ) -> Result<Option<HashSet<(String, String)>>, Error>
    where
        K: Clone + serde::de::DeserializeOwned + std::fmt::Debug + kube::Resource,
    {
        if !self.wants(Kind::ConfigRefs) {
            return Ok(None);
        }
        let ns = self.cluster.scope.namespace();
        let listed = self
            .cluster
            .list_metadata_all(&api, &ListParams::default(), resource, ns)
            .await;
        Ok(self
            .partial
            .tolerate(resource, ns, listed, false)?
            .map(|items| {
                items
                    .into_iter()
                    .map(|m| {
                        (
                            m.metadata.namespace.unwrap_or_default(),
                            m.metadata.name.unwrap_or_default(),
                        )
                    })
                    .collect()
            }))
    }

    async fn health(&self) -> Result<Option<Vec<HealthLine>>, Error> {
        if !self.wants(Kind::Health) {
            return Ok(None);
        }
        let mut lines = Vec::new();
        for endpoint in ["readyz", "livez"] {
            let req = http::Request::get(format!("/{endpoint}?verbose"))
                .body(Vec::new())
                .map_err(|e| Error::usage(format!("bad health request: {e}"), "this is a bug"))?;
            let body = match self.cluster.client.request_text(req).await {
                Ok(text) => text,
                // A failing health endpoint answers 500 with the verbose text as its body.
                Err(kube::Error::Api(s)) if s.code >= 500 => s.message.clone(),
                Err(source) => {
                    let e = self.cluster.api_error("get", &format!("/{endpoint}"), None)(source);
                    return self
                        .partial
                        .tolerate(&format!("/{endpoint}"), None, Err(e), false);
                }
            };
            lines.extend(parse_health(endpoint, &body));
        }
        Ok(Some(lines))
    }
}

/// Parses `/readyz?verbose` text: `[+]etcd ok` and `[-]etcd failed: reason withheld`.
pub fn parse_health(endpoint: &'static str, body: &str) -> Vec<HealthLine> {
    body.lines()
        .filter_map(|l| {
            let l = l.trim();
            let (ok, rest) = if let Some(r) = l.strip_prefix("[+]") {
                (true, r)
            } else {
                (false, l.strip_prefix("[-]")?)
            };
            let name = rest.split_whitespace().next()?.to_string();
            Some(HealthLine { endpoint, name, ok })
        })
        .collect()
}

fn minor(v: &k8s_openapi::apimachinery::pkg::version::Info) -> Option<u32> {
    v.minor.trim_end_matches('+').parse().ok()
}

/// Lists every kind in `kinds` once, concurrently.
pub async fn collect(
    cluster: &Cluster,
    kinds: &BTreeSet<Kind>,
    warn: Warn<'_>,
) -> Result<Snapshot, Error> {
    let c = Collector {
        cluster,
        kinds,
        partial: shared::partial::Partial::new(warn, "checks that need it report nothing"),
    };
    let mut pod_lp = c.labelled();
    if let Some(f) = &cluster.field_selector {
        pod_lp = pod_lp.fields(f);
    }
    let warnings = ListParams::default().fields("type!=Normal");
    let node_leases: Api<Lease> = Api::namespaced(cluster.client.clone(), "kube-node-lease");
    let version = async {
        match cluster.client.apiserver_version().await {
            Ok(v) => Ok(minor(&v)),
            Err(source) => Err(cluster.api_error("get", "/version", None)(source)),
        }
    };
    // Cluster-scoped kinds and the big namespaced ones first; all run concurrently.
    let (first, second, third, fourth) = futures::join!(
        async {
            futures::try_join!(
                version,
                c.list(Kind::Nodes, c.all::<Node>(), ListParams::default(), "nodes"),
                c.list(
                    Kind::NodeLeases,
                    node_leases,
                    ListParams::default(),
                    "leases.coordination.k8s.io"
                ),
                c.list(Kind::Pods, c.scoped::<Pod>(), pod_lp.clone(), "pods"),
                c.list(
                    Kind::Deployments,
                    c.scoped::<Deployment>(),
                    c.labelled(),
                    "deployments.apps"
                ),
                c.list(
                    Kind::StatefulSets,
                    c.scoped::<StatefulSet>(),
                    c.labelled(),
                    "statefulsets.apps"
                ),
                c.list(
                    Kind::DaemonSets,
                    c.scoped::<DaemonSet>(),
                    c.labelled(),
                    "daemonsets.apps"
                ),
                c.list(
                    Kind::ReplicaSets,
                    c.scoped::<ReplicaSet>(),
                    c.labelled(),
                    "replicasets.apps"
                ),
            )
        },
        async {
            futures::try_join!(
                c.list(Kind::Jobs, c.scoped::<Job>(), c.labelled(), "jobs.batch"),
                c.list(
                    Kind::CronJobs,
                    c.scoped::<CronJob>(),
                    c.labelled(),
                    "cronjobs.batch"
                ),
                c.list(
                    Kind::Services,
                    c.scoped::<Service>(),
                    c.labelled(),
                    "services"
                ),
                c.list(
                    Kind::EndpointSlices,
                    c.scoped::<EndpointSlice>(),
                    ListParams::default(),
                    "endpointslices.discovery.k8s.io"
                ),
                c.list(
                    Kind::Ingresses,
                    c.scoped::<Ingress>(),
                    c.labelled(),
                    "ingresses.networking.k8s.io"
                ),
                c.list(
                    Kind::Pvcs,
                    c.scoped::<PersistentVolumeClaim>(),
                    c.labelled(),
                    "persistentvolumeclaims"
                ),
                c.list(
                    Kind::Pvs,
                    c.all::<PersistentVolume>(),
                    ListParams::default(),
                    "persistentvolumes"
                ),
                c.list(
                    Kind::StorageClasses,
                    c.all::<StorageClass>(),
                    ListParams::default(),
                    "storageclasses.storage.k8s.io"
                ),
            )
        },
        async {
            futures::try_join!(
                c.list(
                    Kind::Hpas,
                    c.scoped::<HorizontalPodAutoscaler>(),
                    c.labelled(),
                    "horizontalpodautoscalers.autoscaling"
                ),
                c.list(
                    Kind::Pdbs,
                    c.scoped::<PodDisruptionBudget>(),
                    c.labelled(),
                    "poddisruptionbudgets.policy"
                ),
                c.list(
                    Kind::Events,
                    c.scoped::<Event>(),
                    warnings.clone(),
                    "events"
                ),
                c.list(
                    Kind::Namespaces,
                    c.all::<Namespace>(),
                    ListParams::default(),
                    "namespaces"
                ),
                c.list(
                    Kind::ApiServices,
                    c.all::<APIService>(),
                    ListParams::default(),
                    "apiservices.apiregistration.k8s.io"
                ),
                c.list(
                    Kind::Webhooks,
                    c.all::<ValidatingWebhookConfiguration>(),
                    ListParams::default(),
                    "validatingwebhookconfigurations.admissionregistration.k8s.io"
                ),
                c.list(
                    Kind::Webhooks,
                    c.all::<MutatingWebhookConfiguration>(),
                    ListParams::default(),
                    "mutatingwebhookconfigurations.admissionregistration.k8s.io"
                ),
            )
        },
        async {
            futures::try_join!(
                c.names(c.scoped::<ConfigMap>(), "configmaps"),
                c.names(c.scoped::<Secret>(), "secrets"),
                c.health(),
            )
        },
    );
    let (
        server_minor,
        nodes,
        node_leases,
        pods,
        deployments,
        statefulsets,
        daemonsets,
        replicasets,
    ) = first?;
    let (jobs, cronjobs, services, endpointslices, ingresses, pvcs, pvs, storageclasses) = second?;
    let (hpas, pdbs, events, namespaces, apiservices, validating_webhooks, mutating_webhooks) =
        third?;
    let (configmaps, secrets, health) = fourth?;
    let skipped = c.partial.into_skipped();
    Ok(Snapshot {
        now: Timestamp::now(),
        all_namespaces: cluster.scope.namespace().is_none(),
        server_minor,
        nodes,
        node_leases,
        pods,
        deployments,
        statefulsets,
        daemonsets,
        replicasets,
        jobs,
        cronjobs,
        services,
        endpointslices,
        ingresses,
        pvcs,
        pvs,
        storageclasses,
        hpas,
        pdbs,
        events,
        namespaces,
        apiservices,
        validating_webhooks,
        mutating_webhooks,
        configmaps,
        secrets,
        health,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_verbose_health() {
        let body = "[+]ping ok\n[+]etcd ok\n[-]poststarthook/crd-informer-synced failed: reason withheld\nreadyz check failed\n";
        let lines = parse_health("readyz", body);
        assert_eq!(lines.len(), 3);
        assert!(lines[1].ok && lines[1].name == "etcd");
        assert!(!lines[2].ok && lines[2].name == "poststarthook/crd-informer-synced");
    }
}
