//! `stress`: the stress worker (non-root, no capabilities) in an ephemeral container.

use super::{Applied, Injector};
use crate::fault::{Action, Fault};
use crate::netem;
use shared::error::Error;

impl Injector<'_> {
    /// Plans and (unless dry-run) applies the fault.
    pub(super) async fn apply_stress(
        &self,
        fault: &Fault,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let name = fault.name();
        let Fault::Stress {
            pods,
            cpu,
            memory_mib,
            duration,
        } = fault
        else {
            return Ok(());
        };
        for p in self.select_pods(pods, false).await? {
            let target = Self::pod_ref(&p);
            let cmd = vec![
                "kubectl-chaos".to_string(),
                "stress-worker".into(),
                "--cpu".into(),
                cpu.to_string(),
                "--memory-mib".into(),
                memory_mib.to_string(),
                "--duration".into(),
                format!("{}s", duration.as_secs().max(1)),
            ];
            let c = netem::ephemeral_container(
                &format!("chaos-stress-{}", self.run),
                &self.image,
                cmd.clone(),
                None,
                false,
            );
            let action = Action {
                verb: "ephemeral container".into(),
                detail: format!(
                    "stress {cpu} CPU thread(s) and {memory_mib} MiB in pod {} for {}",
                    target.name,
                    shared::duration::human(*duration)
                ),
                kubectl: format!(
                    "kubectl debug -n {} {} --image={} -- {}",
                    pods.namespace,
                    target.name,
                    self.image,
                    cmd.join(" ")
                ),
                target,
            };
            self.ephemeral(&p, c).await?;
            self.record(name, action, applied).await;
        }
        Ok(())
    }
}
