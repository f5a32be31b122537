//! `network`: `tc` (netem for latency, jitter and loss; tbf for bandwidth) in an ephemeral container with only NET_ADMIN; a second container removes the qdisc on rollback if the first is gone.

use super::{Applied, Injector, Rollback};
use crate::fault::{Action, Fault};
use crate::netem;
use shared::error::Error;

impl Injector<'_> {
    /// Plans and (unless dry-run) applies the fault.
    pub(super) async fn apply_network(
        &self,
        fault: &Fault,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let name = fault.name();
        let Fault::Network {
            pods,
            shape,
            duration,
            device,
        } = fault
        else {
            return Ok(());
        };
        let labels = self.namespace_labels(&pods.namespace).await?;
        if let Some(why) = netem::psa_refusal(&pods.namespace, &labels, true) {
            return Err(Error::usage(
                why,
                "see docs: network faults need NET_ADMIN in an ephemeral container",
            ));
        }
        let chosen = self.select_pods(pods, true).await?;
        self.refuse_marked_pods(&chosen)?;
        for p in chosen {
            let target = Self::pod_ref(&p);
            let script = netem::script(shape, device, *duration);
            let c = netem::ephemeral_container(
                &format!("chaos-net-{}", self.run),
                &self.image,
                vec!["sh".into(), "-c".into(), script],
                None,
                true,
            );
            let action = Action {
                verb: "ephemeral container".into(),
                detail: format!(
                    "tc qdisc replace dev {device} root {} in pod {} for {}",
                    shape.qdisc(),
                    target.name,
                    shared::duration::human(*duration)
                ),
                kubectl: format!(
                    "kubectl debug -n {} {} --profile=netadmin --image={} -- tc qdisc replace dev {device} root {}",
                    pods.namespace,
                    target.name,
                    self.image,
                    shape.qdisc()
                ),
                target,
            };
            self.ephemeral(&p, c).await?;
            if !self.dry_run {
                let rb = Rollback::RemoveQdisc {
                    namespace: pods.namespace.clone(),
                    pod: action.target.name.clone(),
                    device: device.clone(),
                };
                self.mark("Pod", Some(&pods.namespace), &action.target.name, &rb)
                    .await?;
                applied.rollbacks.push(rb);
            }
            self.record(name, action, applied).await;
        }
        Ok(())
    }

    /// Undoes it.
    pub(super) async fn undo_remove_qdisc(&self, rb: &Rollback) -> Result<String, Error> {
        let Rollback::RemoveQdisc {
            namespace,
            pod,
            device,
        } = rb
        else {
            return Ok(String::new());
        };
        let c = netem::ephemeral_container(
            &format!("chaos-undo-{}", self.run),
            &self.image,
            vec![
                "sh".into(),
                "-c".into(),
                format!("tc qdisc del dev {device} root 2>/dev/null; true"),
            ],
            None,
            true,
        );
        match self.pods(namespace).get_opt(pod).await {
            Ok(Some(p)) => self
                .ephemeral(&p, c)
                .await
                .map(|_| format!("remove the qdisc of pod {pod}")),
            Ok(None) => Ok(format!(
                "pod {pod} is gone (and its network namespace with it)"
            )),
            Err(e) => Err(self.cluster.api_error("get", "pods", Some(namespace))(e)),
        }
    }
}
