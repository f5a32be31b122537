//! `container-kill`: an ephemeral container sharing the target's process namespace sends `kill -TERM 1`.

use super::{Applied, Injector};
use crate::fault::{Action, Fault};
use crate::netem;
use shared::error::Error;

impl Injector<'_> {
    /// Plans and (unless dry-run) applies the fault.
    pub(super) async fn apply_container_kill(
        &self,
        fault: &Fault,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let name = fault.name();
        let Fault::ContainerKill { pods, container } = fault else {
            return Ok(());
        };
        for p in self.select_pods(pods, false).await? {
            let target_c = container
                .clone()
                .or_else(|| {
                    p.spec
                        .as_ref()
                        .and_then(|s| s.containers.first().map(|c| c.name.clone()))
                })
                .unwrap_or_default();
            let c = netem::ephemeral_container(
                &format!("chaos-kill-{}", self.run),
                &self.image,
                vec!["sh".into(), "-c".into(), "kill -TERM 1".into()],
                Some(&target_c),
                false,
            );
            let target = Self::pod_ref(&p);
            let action = Action {
                verb: "ephemeral container".into(),
                detail: format!(
                    "kill the main process of container {target_c} in pod {}",
                    target.name
                ),
                kubectl: format!(
                    "kubectl debug -n {} {} --target={target_c} --image={} -- sh -c 'kill -TERM 1'",
                    pods.namespace, target.name, self.image
                ),
                target,
            };
            self.ephemeral(&p, c).await?;
            self.record(name, action, applied).await;
        }
        Ok(())
    }
}
