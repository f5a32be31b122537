//! Running a load test in the cluster: an Indexed Job of N runner pods (the same binary in
//! runner mode), a ConfigMap holding the run's spec and, once every runner is Running, the
//! agreed start time (the barrier). Each runner writes its progress and final result into
//! its own ConfigMap, so results travel through the API server (no logs, no
//! port-forward, no kubelet connection). Everything carries the run label and an
//! ownerReference to the Job, and the Job a TTL, so nothing is left behind.

use crate::result::RunResult;
use crate::spec::RunSpec;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, Pod, ServiceAccount};
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams, PropagationPolicy};
use serde::{Deserialize, Serialize};
use serde_json::json;
use shared::cluster::Cluster;
use shared::error::Error;
use std::collections::BTreeMap;
use std::time::Duration;

/// The label every object of a run carries.
pub const RUN_LABEL: &str = "load.sre-toolkit.io/run";
/// The ConfigMap key of the spec.
pub const SPEC_KEY: &str = "spec.json";
/// The ConfigMap key of the start time (Unix milliseconds).
pub const START_KEY: &str = "startAt";
/// A runner's progress key.
pub const PROGRESS_KEY: &str = "progress.json";
/// A runner's final result key.
pub const RESULT_KEY: &str = "result.json";

/// The default runner image: the project's published runner image at this version.
pub fn default_image() -> String {
    format!("ghcr.io/sre-toolkit/runner:v{}", shared::VERSION)
}

/// How the Job is made.
#[derive(Debug, Clone)]
pub struct JobOptions {
    /// Container image.
    pub image: String,
    /// ServiceAccount of the runner pods.
    pub service_account: String,
    /// Seconds the finished Job (and with it every object of the run) is kept.
    pub ttl: Duration,
}

/// The name of runner `index`'s result ConfigMap.
pub fn result_name(run: &str, index: usize) -> String {
    format!("{run}-result-{index}")
}

fn labels(run: &str) -> serde_json::Value {
    json!({RUN_LABEL: run, "app.kubernetes.io/managed-by": "kubectl-load", "app.kubernetes.io/part-of": "sre-toolkit"})
}

/// The Indexed Job manifest for `spec` in `namespace` (pure; a test checks it).
pub fn job_manifest(spec: &RunSpec, namespace: &str, opts: &JobOptions) -> serde_json::Value {
    let n = spec.runners.max(1);
    let deadline = spec.model.duration().as_secs() + 600;
    json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": spec.run, "namespace": namespace, "labels": labels(&spec.run)},
        "spec": {
            "completionMode": "Indexed",
            "completions": n,
            "parallelism": n,
            "backoffLimit": 0,
            "activeDeadlineSeconds": deadline,
            "ttlSecondsAfterFinished": opts.ttl.as_secs(),
            "template": {
                "metadata": {"labels": labels(&spec.run)},
                "spec": {
                    "restartPolicy": "Never",
                    "serviceAccountName": opts.service_account,
                    "securityContext": {"runAsNonRoot": true, "runAsUser": 65532, "seccompProfile": {"type": "RuntimeDefault"}},
                    "topologySpreadConstraints": [{
                        "maxSkew": 1, "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "ScheduleAnyway",
                        "labelSelector": {"matchLabels": {RUN_LABEL: spec.run}}
                    }],
                    "containers": [{
                        "name": "runner",
                        "image": opts.image,
                        "command": ["kubectl-load", "runner", "--run", spec.run, "-n", namespace],
                        "resources": {"requests": {"cpu": "500m", "memory": "64Mi"}, "limits": {"memory": "512Mi"}},
                        "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "capabilities": {"drop": ["ALL"]}}
                    }]
                }
            }
        }
    })
}

fn owner(job: &Job) -> serde_json::Value {
    json!([{
        "apiVersion": "batch/v1", "kind": "Job",
        "name": job.metadata.name.clone().unwrap_or_default(),
        "uid": job.metadata.uid.clone().unwrap_or_default(),
        "controller": false, "blockOwnerDeletion": false
    }])
}

/// A run in the cluster, from the plugin's side.
pub struct ClusterRun<'a> {
    /// The cluster.
    pub cluster: &'a Cluster,
    /// Namespace of the run.
    pub namespace: String,
    /// Run id.
    pub run: String,
}

/// One runner's progress, as it reports it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Requests so far.
    pub requests: u64,
    /// Errors so far.
    pub errors: u64,
    /// p50 of the last interval, ms.
    pub p50: f64,
    /// p99 of the last interval, ms.
    pub p99: f64,
}

/// What the plugin sees of a run.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    /// Pods by phase.
    pub phases: BTreeMap<String, usize>,
    /// Progress by runner index.
    pub progress: BTreeMap<usize, Progress>,
    /// Final results by runner index.
    pub results: BTreeMap<usize, RunResult>,
    /// Why runners failed, by index (their result ConfigMap's `error`).
    pub failures: BTreeMap<usize, String>,
    /// The spec, when the ConfigMap exists.
    pub spec: Option<RunSpec>,
    /// Whether the start time was set.
    pub started: bool,
}

impl ClusterRun<'_> {
    fn cms(&self) -> Api<ConfigMap> {
        Api::namespaced(self.cluster.client.clone(), &self.namespace)
    }

    fn jobs(&self) -> Api<Job> {
        Api::namespaced(self.cluster.client.clone(), &self.namespace)
    }

    /// Checks that the runners' ServiceAccount exists.
    pub async fn preflight(&self, service_account: &str) -> Result<(), Error> {
        let sas: Api<ServiceAccount> =
            Api::namespaced(self.cluster.client.clone(), &self.namespace);
        match sas.get_opt(service_account).await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(Error::usage(
                format!(
                    "ServiceAccount {service_account:?} does not exist in namespace {:?}: the runner pods need it",
                    self.namespace
                ),
                format!(
                    "create it with `kubectl load rbac -n {} | kubectl apply -f -`, or run with --local",
                    self.namespace
                ),
            )),
            Err(e) => Err(self.cluster.api_error(
                "get",
                "serviceaccounts",
                Some(&self.namespace),
            )(e)),
        }
    }

    /// Creates the Job and the spec ConfigMap (owned by the Job).
    pub async fn create(&self, spec: &RunSpec, opts: &JobOptions) -> Result<(), Error> {
        let job: Job = serde_json::from_value(job_manifest(spec, &self.namespace, opts))
            .map_err(|e| Error::usage(format!("job manifest: {e}"), "this is a bug"))?;
        let job = self
            .jobs()
            .create(&PostParams::default(), &job)
            .await
            .map_err(
                self.cluster
                    .api_error("create", "jobs.batch", Some(&self.namespace)),
            )?;
        let cm: ConfigMap = serde_json::from_value(json!({
            "metadata": {"name": spec.run, "labels": labels(&spec.run), "ownerReferences": owner(&job)},
            "data": {SPEC_KEY: serde_json::to_string(spec).unwrap_or_default()}
        }))
        .map_err(|e| Error::usage(format!("configmap: {e}"), "this is a bug"))?;
        self.cms()
            .create(&PostParams::default(), &cm)
            .await
            .map_err(
                self.cluster
                    .api_error("create", "configmaps", Some(&self.namespace)),
            )?;
        Ok(())
    }

    /// Sets the start time every runner waits for.
    pub async fn start_at(&self, unix_ms: i64) -> Result<(), Error> {
        let patch = json!({"data": {START_KEY: unix_ms.to_string()}});
        self.cms()
            .patch(&self.run, &PatchParams::default(), &Patch::Merge(&patch))
            .await
            .map_err(
                self.cluster
                    .api_error("patch", "configmaps", Some(&self.namespace)),
            )?;
        Ok(())
    }

    /// Pods, progress and results as they are now.
    pub async fn observe(&self) -> Result<Observed, Error> {
        let mut o = Observed::default();
        let pods: Api<Pod> = Api::namespaced(self.cluster.client.clone(), &self.namespace);
        let lp = ListParams::default().labels(&format!("{RUN_LABEL}={}", self.run));
        let pods = pods.list(&lp).await.map_err(self.cluster.api_error(
            "list",
            "pods",
            Some(&self.namespace),
        ))?;
        for p in &pods.items {
            let phase = p
                .status
                .as_ref()
                .and_then(|s| s.phase.clone())
                .unwrap_or_else(|| "Pending".into());
            *o.phases.entry(phase).or_default() += 1;
        }
        let cms = self.cms().list(&lp).await.map_err(self.cluster.api_error(
            "list",
            "configmaps",
            Some(&self.namespace),
        ))?;
        for cm in cms.items {
            let name = cm.metadata.name.clone().unwrap_or_default();
            let data = cm.data.unwrap_or_default();
            if name == self.run {
                o.spec = data
                    .get(SPEC_KEY)
                    .and_then(|s| serde_json::from_str(s).ok());
                o.started = data.contains_key(START_KEY);
                continue;
            }
            let Some(index) = name
                .strip_prefix(&format!("{}-result-", self.run))
                .and_then(|i| i.parse::<usize>().ok())
            else {
                continue;
            };
            if let Some(p) = data
                .get(PROGRESS_KEY)
                .and_then(|s| serde_json::from_str(s).ok())
            {
                o.progress.insert(index, p);
            }
            if let Some(r) = data
                .get(RESULT_KEY)
                .and_then(|s| serde_json::from_str(s).ok())
            {
                o.results.insert(index, r);
            }
            if let Some(e) = data.get("error") {
                o.failures.insert(index, e.clone());
            }
        }
        Ok(o)
    }

    /// Deletes the Job; its pods and the run's ConfigMaps go with it (ownerReferences).
    /// The ConfigMaps are also deleted by label, in case the garbage collector is slow.
    pub async fn delete(&self) -> Result<(), Error> {
        let dp = DeleteParams {
            propagation_policy: Some(PropagationPolicy::Background),
            ..Default::default()
        };
        match self.jobs().delete(&self.run, &dp).await {
            Ok(_) => {}
            Err(kube::Error::Api(s)) if s.code == 404 => {}
            Err(e) => {
                return Err(self.cluster.api_error(
                    "delete",
                    "jobs.batch",
                    Some(&self.namespace),
                )(e));
            }
        }
        let lp = ListParams::default().labels(&format!("{RUN_LABEL}={}", self.run));
        let _ = self
            .cms()
            .delete_collection(&DeleteParams::default(), &lp)
            .await;
        Ok(())
    }
}

/// The Unix time in milliseconds.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// How long until the Unix time `ms` (zero if past).
pub fn until(ms: i64) -> Duration {
    Duration::from_millis(u64::try_from(ms - now_ms()).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Model, Request};

    #[test]
    fn the_job_is_indexed_bounded_and_unprivileged() {
        let spec = RunSpec {
            run: "load-x".into(),
            target: "http://web".into(),
            request: Request {
                method: "GET".into(),
                url: "http://web".into(),
                headers: vec![],
                body: String::new(),
            },
            scenario: None,
            model: Model::Closed {
                users: 4,
                duration: Duration::from_secs(60),
            },
            timeout: Duration::from_secs(10),
            runners: 3,
        };
        let opts = JobOptions {
            image: "img:v1".into(),
            service_account: "load-runner".into(),
            ttl: Duration::from_secs(3600),
        };
        let j = job_manifest(&spec, "shop", &opts);
        assert_eq!(j["spec"]["completionMode"], "Indexed");
        assert_eq!(j["spec"]["completions"], 3);
        assert_eq!(j["spec"]["parallelism"], 3);
        assert_eq!(j["spec"]["backoffLimit"], 0);
        assert_eq!(j["spec"]["ttlSecondsAfterFinished"], 3600);
        let c = &j["spec"]["template"]["spec"]["containers"][0];
        assert_eq!(
            c["command"],
            json!(["kubectl-load", "runner", "--run", "load-x", "-n", "shop"])
        );
        assert_eq!(c["securityContext"]["readOnlyRootFilesystem"], true);
        assert_eq!(
            j["spec"]["template"]["metadata"]["labels"][RUN_LABEL],
            "load-x"
        );
    }
}
