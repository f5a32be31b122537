//! `pod-kill`: delete pods once, or every interval for a duration; the owning workloads are remembered so recovery can be measured.

use super::owner_workload;
use super::{Applied, Injector};
use crate::fault::{Action, Fault};
use kube::api::DeleteParams;
use shared::error::Error;

impl Injector<'_> {
    /// Plans and (unless dry-run) applies the fault.
    pub(super) async fn apply_pod_kill(
        &self,
        fault: &Fault,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let name = fault.name();
        let Fault::PodKill {
            pods, grace_period, ..
        } = fault
        else {
            return Ok(());
        };
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
                    .map_err(
                        self.cluster
                            .api_error("delete", "pods", Some(&pods.namespace)),
                    )?;
            }
            self.record(name, action, applied).await;
        }
        Ok(())
    }
}
