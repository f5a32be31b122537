//! `kubectl slo apply`: the generated rules server-side-applied as one prometheus-operator
//! `PrometheusRule` (field manager `kubectl-slo`, conflicts forced as `kubectl apply
//! --server-side --force-conflicts` does), so re-running it updates the object in place.
//! Refused with a clear message when the cluster does not serve the CRD.

use crate::rules::RuleFile;
use kube::api::{Api, DynamicObject, Patch, PatchParams};
use kube::core::GroupVersionKind;
use shared::cluster::Cluster;
use shared::error::Error;

/// The field manager of every apply.
pub const FIELD_MANAGER: &str = "kubectl-slo";

/// What was applied.
#[derive(Debug, Clone)]
pub struct Applied {
    /// `prometheusrule.monitoring.coreos.com/NAME`.
    pub object: String,
    /// Its namespace.
    pub namespace: String,
    /// Rule groups in it.
    pub groups: usize,
    /// Only a server-side dry run.
    pub dry_run: bool,
}

/// The `PrometheusRule` object of `file`.
pub fn object(file: &RuleFile, name: &str, namespace: &str) -> serde_json::Value {
    serde_json::json!({
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": {
            "name": name,
            "namespace": namespace,
            "labels": {"app.kubernetes.io/managed-by": FIELD_MANAGER},
        },
        "spec": file,
    })
}

/// Applies `file` as `PrometheusRule` `name` in `namespace`.
pub async fn apply(
    cluster: &Cluster,
    file: &RuleFile,
    name: &str,
    namespace: &str,
    dry_run: bool,
) -> Result<Applied, Error> {
    let gvk = GroupVersionKind::gvk("monitoring.coreos.com", "v1", "PrometheusRule");
    let (resource, _) = match kube::discovery::pinned_kind(&cluster.client, &gvk).await {
        Ok(found) => found,
        Err(kube::Error::Api(s)) if s.code == 404 => return Err(no_crd(&cluster.context)),
        Err(kube::Error::Discovery(_)) => return Err(no_crd(&cluster.context)),
        Err(e) => {
            return Err(cluster.api_error(
                "get",
                "apiresources monitoring.coreos.com/v1",
                None,
            )(e));
        }
    };
    let api: Api<DynamicObject> =
        Api::namespaced_with(cluster.client.clone(), namespace, &resource);
    let obj: DynamicObject =
        serde_json::from_value(object(file, name, namespace)).map_err(|e| {
            Error::usage(
                format!("PrometheusRule {name}: {e}"),
                "report this as a bug",
            )
        })?;
    let mut params = PatchParams::apply(FIELD_MANAGER).force();
    params.dry_run = dry_run;
    api.patch(name, &params, &Patch::Apply(&obj))
        .await
        .map_err(cluster.api_error("patch", "prometheusrules", Some(namespace)))?;
    Ok(Applied {
        object: format!("prometheusrule.monitoring.coreos.com/{name}"),
        namespace: namespace.to_string(),
        groups: file.groups.len(),
        dry_run,
    })
}

fn no_crd(context: &str) -> Error {
    Error::usage(
        format!(
            "context {context:?} serves no PrometheusRule (monitoring.coreos.com/v1): prometheus-operator's CRDs are not installed"
        ),
        "load the rules into Prometheus yourself: kubectl slo generate FILE > rules.yaml (rule_files:), or install prometheus-operator",
    )
}
