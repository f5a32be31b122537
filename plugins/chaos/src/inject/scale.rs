//! `scale`: a Deployment or StatefulSet is scaled through the scale subresource and scaled back on rollback.

use super::{Applied, Injector, Rollback};
use crate::fault::{Action, Fault, check_namespace};
use k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
use kube::api::{Api, Patch, PatchParams};
use serde_json::json;
use shared::error::Error;
use shared::finding::ObjectRef;

impl Injector<'_> {
    /// Plans and (unless dry-run) applies the fault.
    pub(super) async fn apply_scale(
        &self,
        fault: &Fault,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let name = fault.name();
        let Fault::Scale {
            namespace,
            workload,
            replicas,
            ..
        } = fault
        else {
            return Ok(());
        };
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
                let api: Api<Deployment> = Api::namespaced(self.cluster.client.clone(), namespace);
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
                let api: Api<StatefulSet> = Api::namespaced(self.cluster.client.clone(), namespace);
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
            "Deployment" => Api::<Deployment>::namespaced(self.cluster.client.clone(), namespace)
                .get_metadata(wname)
                .await
                .map(|m| m.metadata),
            _ => Api::<StatefulSet>::namespaced(self.cluster.client.clone(), namespace)
                .get_metadata(wname)
                .await
                .map(|m| m.metadata),
        }
        .map_err(self.cluster.api_error(
            "get",
            &format!("{}s.apps", kind.to_lowercase()),
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
        Ok(())
    }

    /// Undoes it.
    pub(super) async fn undo_restore_replicas(&self, rb: &Rollback) -> Result<String, Error> {
        let Rollback::RestoreReplicas {
            namespace,
            kind,
            name,
            replicas,
        } = rb
        else {
            return Ok(String::new());
        };
        self.scale_to(kind, namespace, name, *replicas)
            .await
            .map(|_| format!("scale {} {name} back to {replicas}", kind.to_lowercase()))
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
}
