//! `pod-failure`: the pods' images are swapped for one that cannot be pulled, and swapped back on rollback.

use super::FAILURE_IMAGE;
use super::{Applied, Injector, Rollback};
use crate::fault::{Action, Fault};
use kube::api::{Patch, PatchParams};
use serde_json::json;
use shared::error::Error;
use std::collections::BTreeMap;

impl Injector<'_> {
    /// Plans and (unless dry-run) applies the fault.
    pub(super) async fn apply_pod_failure(
        &self,
        fault: &Fault,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let name = fault.name();
        let Fault::PodFailure { pods, .. } = fault else {
            return Ok(());
        };
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
                detail: format!("swap the images of pod {} for {FAILURE_IMAGE}", target.name),
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
                    .map_err(
                        self.cluster
                            .api_error("patch", "pods", Some(&pods.namespace)),
                    )?;
            }
            self.record(name, action, applied).await;
        }
        Ok(())
    }

    /// Undoes it.
    pub(super) async fn undo_restore_images(&self, rb: &Rollback) -> Result<String, Error> {
        let Rollback::RestoreImages {
            namespace,
            pod,
            images,
        } = rb
        else {
            return Ok(String::new());
        };
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
}
