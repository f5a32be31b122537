//! Runner mode (`kubectl-load runner --run RUN -n NS`), what each pod of the Indexed Job runs:
//! read the run's spec, wait for the agreed start time, run this runner's share, report
//! progress every two seconds and the final result into `RUN-result-INDEX` through the API.
//! Runners never judge thresholds: only the merged result is judged, by the plugin.

use crate::cluster::{
    PROGRESS_KEY, Progress, RESULT_KEY, RUN_LABEL, SPEC_KEY, START_KEY, result_name, until,
};
use crate::engine::{self, Live};
use crate::result::RunResult;
use crate::spec::{Model, RunSpec};
use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, Patch, PatchParams};
use serde_json::json;
use shared::cluster::Cluster;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// This runner's index: `JOB_COMPLETION_INDEX` (set by the Job controller).
pub fn index_from_env() -> Result<usize, String> {
    std::env::var("JOB_COMPLETION_INDEX")
        .map_err(|_| {
            "JOB_COMPLETION_INDEX is not set: runner mode runs inside the Job's pods".to_string()
        })?
        .parse()
        .map_err(|_| "JOB_COMPLETION_INDEX is not a number".to_string())
}

async fn write(
    api: &Api<ConfigMap>,
    name: &str,
    run: &str,
    owners: &serde_json::Value,
    key: &str,
    value: String,
) -> Result<(), kube::Error> {
    let cm = json!({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": name, "labels": {RUN_LABEL: run, "app.kubernetes.io/managed-by": "kubectl-load"}, "ownerReferences": owners},
        "data": {key: value}
    });
    api.patch(
        name,
        &PatchParams::apply("kubectl-load-runner").force(),
        &Patch::Apply(&cm),
    )
    .await
    .map(|_| ())
}

/// Runs this runner to the end.
pub async fn run(
    cluster: &Cluster,
    run: &str,
    namespace: &str,
    index: usize,
) -> anyhow::Result<()> {
    let api: Api<ConfigMap> = Api::namespaced(cluster.client.clone(), namespace);
    let get = cluster.api_error("get", "configmaps", Some(namespace));
    // The spec ConfigMap is created right after the Job: wait for it a little.
    let mut cm = None;
    for _ in 0..120 {
        match api.get_opt(run).await {
            Ok(Some(c)) => {
                cm = Some(c);
                break;
            }
            Ok(None) => tokio::time::sleep(Duration::from_millis(250)).await,
            Err(e) => return Err(get(e).into()),
        }
    }
    let cm = cm.ok_or_else(|| {
        anyhow::anyhow!("ConfigMap {namespace}/{run} with the run's spec never appeared")
    })?;
    let owners = serde_json::to_value(cm.metadata.owner_references.clone().unwrap_or_default())?;
    let spec: RunSpec = cm
        .data
        .as_ref()
        .and_then(|d| d.get(SPEC_KEY))
        .and_then(|s| serde_json::from_str(s).ok())
        .ok_or_else(|| anyhow::anyhow!("ConfigMap {namespace}/{run} has no valid {SPEC_KEY}"))?;
    let name = result_name(run, index);
    // The barrier: wait until the plugin sets the start time, then until that time.
    let start_ms = loop {
        let c =
            api.get(run)
                .await
                .map_err(cluster.api_error("get", "configmaps", Some(namespace)))?;
        if let Some(ms) = c
            .data
            .as_ref()
            .and_then(|d| d.get(START_KEY))
            .and_then(|s| s.parse::<i64>().ok())
        {
            break ms;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let start = tokio::time::Instant::now() + until(start_ms);
    let live = Arc::new(Live::default());
    let reporter = {
        let (api, name, run, owners, live) = (
            api.clone(),
            name.clone(),
            run.to_string(),
            owners.clone(),
            live.clone(),
        );
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(2)).await;
                let (p50, p99) = live
                    .recent
                    .lock()
                    .map(|mut h| {
                        let v = (
                            h.quantile(0.5) as f64 / 1000.0,
                            h.quantile(0.99) as f64 / 1000.0,
                        );
                        h.0.reset();
                        v
                    })
                    .unwrap_or_default();
                let p = Progress {
                    requests: live.requests.load(Ordering::Relaxed),
                    errors: live.errors.load(Ordering::Relaxed),
                    p50,
                    p99,
                };
                let _ = write(
                    &api,
                    &name,
                    &run,
                    &owners,
                    PROGRESS_KEY,
                    serde_json::to_string(&p).unwrap_or_default(),
                )
                .await;
            }
        })
    };
    let outcome: Result<RunResult, String> = match &spec.scenario {
        Some(text) => {
            let scenario = crate::scenario::parse(text).map_err(|e| anyhow::anyhow!(e))?;
            let users = match spec.model.share(index, spec.runners) {
                Model::Closed { users, .. } => users,
                Model::Open { .. } => 0,
            };
            tokio::time::sleep_until(start).await;
            if users == 0 {
                Ok(RunResult::default())
            } else {
                crate::scenario::run(
                    &scenario,
                    &spec.request.url,
                    users,
                    spec.model.duration(),
                    spec.timeout,
                )
                .await
            }
        }
        None => engine::run(&spec, index, spec.runners, start, live.clone()).await,
    };
    reporter.abort();
    match outcome {
        Ok(result) => {
            write(
                &api,
                &name,
                run,
                &owners,
                RESULT_KEY,
                serde_json::to_string(&result)?,
            )
            .await
            .map_err(cluster.api_error("apply", "configmaps", Some(namespace)))?;
            Ok(())
        }
        Err(e) => {
            let _ = write(&api, &name, run, &owners, "error", e.clone()).await;
            Err(anyhow::anyhow!(e))
        }
    }
}
