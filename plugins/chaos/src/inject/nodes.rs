//! `node-cordon` and `node-drain`: nodes are cordoned (and drained through the Eviction API, so PodDisruptionBudgets hold), and uncordoned on rollback.

use super::{Applied, Injector, Rollback};
use crate::fault::{Action, Fault, check_namespace};
use k8s_openapi::api::core::v1::{Node, Pod};
use kube::api::{Api, EvictParams, ListParams, Patch, PatchParams};
use serde_json::json;
use shared::error::Error;
use shared::finding::ObjectRef;
use std::collections::BTreeMap;
use std::time::Duration;

impl Injector<'_> {
    /// Plans and (unless dry-run) applies the fault.
    pub(super) async fn apply_nodes(
        &self,
        fault: &Fault,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let name = fault.name();
        let (Fault::NodeCordon { nodes, mode, .. } | Fault::NodeDrain { nodes, mode, .. }) = fault
        else {
            return Ok(());
        };
        let drain = match fault {
            Fault::NodeDrain { evict_timeout, .. } => Some(*evict_timeout),
            _ => None,
        };
        let chosen = self.select_nodes(nodes, *mode).await?;
        for n in &chosen {
            let node = n.metadata.name.as_deref().unwrap_or_default();
            self.refuse_marked(&n.metadata, &format!("node {node}"))?;
        }
        for n in chosen {
            let node = n.metadata.name.clone().unwrap_or_default();
            let already = n
                .spec
                .as_ref()
                .and_then(|s| s.unschedulable)
                .unwrap_or(false);
            let target = ObjectRef::cluster("Node", &node);
            let action = Action {
                verb: "cordon".into(),
                detail: format!("cordon node {node}"),
                kubectl: format!("kubectl cordon {node}"),
                target,
            };
            if !self.dry_run && !already {
                let rb = Rollback::Uncordon { node: node.clone() };
                self.mark("Node", None, &node, &rb).await?;
                applied.rollbacks.push(rb);
                Api::<Node>::all(self.cluster.client.clone())
                    .patch(
                        &node,
                        &PatchParams::default(),
                        &Patch::Merge(&json!({"spec": {"unschedulable": true}})),
                    )
                    .await
                    .map_err(self.cluster.api_error("patch", "nodes", None))?;
            }
            self.record(name, action, applied).await;
            if let Some(evict_timeout) = drain {
                self.drain(name, &node, evict_timeout, applied).await?;
            }
        }
        Ok(())
    }

    /// Undoes it.
    pub(super) async fn undo_uncordon(&self, rb: &Rollback) -> Result<String, Error> {
        let Rollback::Uncordon { node } = rb else {
            return Ok(String::new());
        };
        Api::<Node>::all(self.cluster.client.clone())
            .patch(
                node,
                &PatchParams::default(),
                &Patch::Merge(&json!({"spec": {"unschedulable": null}})),
            )
            .await
            .map(|_| format!("uncordon node {node}"))
            .map_err(self.cluster.api_error("patch", "nodes", None))
    }

    /// Evicts every pod on `node` (DaemonSet and mirror pods excepted; pods in protected
    /// namespaces are left alone unless allowed). A PodDisruptionBudget that blocks an
    /// eviction is retried for `evict_timeout` (kube retries 429s with backoff), then reported.
    async fn drain(
        &self,
        fault: &str,
        node: &str,
        evict_timeout: Duration,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let all: Api<Pod> = Api::all(self.cluster.client.clone());
        let pods = all
            .list(&ListParams::default().fields(&format!("spec.nodeName={node}")))
            .await
            .map_err(self.cluster.api_error("list", "pods", None))?
            .items;
        for p in pods {
            let ns = p.metadata.namespace.clone().unwrap_or_default();
            let daemon = p
                .metadata
                .owner_references
                .iter()
                .flatten()
                .any(|o| o.kind == "DaemonSet");
            let mirror = p
                .metadata
                .annotations
                .as_ref()
                .is_some_and(|a| a.contains_key("kubernetes.io/config.mirror"));
            let protected = check_namespace(&ns, &BTreeMap::new(), &self.safety).is_err();
            if daemon || mirror || protected || p.metadata.deletion_timestamp.is_some() {
                continue;
            }
            let target = Self::pod_ref(&p);
            let mut action = Action {
                verb: "evict".into(),
                detail: format!("evict pod {}/{} from node {node}", ns, target.name),
                kubectl: format!(
                    "kubectl drain {node} --ignore-daemonsets --delete-emptydir-data (evicts {}/{})",
                    ns, target.name
                ),
                target,
            };
            if !self.dry_run {
                let api = self.pods(&ns);
                let deadline = tokio::time::Instant::now() + evict_timeout;
                let blocked = " (blocked by a PodDisruptionBudget; left in place)";
                loop {
                    let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                    match tokio::time::timeout(
                        left,
                        api.evict(&action.target.name, &EvictParams::default()),
                    )
                    .await
                    {
                        Err(_) => {
                            action.detail.push_str(blocked);
                            break;
                        }
                        Ok(Ok(_)) => break,
                        Ok(Err(kube::Error::Api(s))) if s.code == 404 => break,
                        Ok(Err(kube::Error::Api(s)))
                            if s.code == 429 && tokio::time::Instant::now() < deadline =>
                        {
                            tokio::time::sleep(Duration::from_millis(500).min(left)).await;
                        }
                        Ok(Err(kube::Error::Api(s))) if s.code == 429 => {
                            action.detail.push_str(blocked);
                            break;
                        }
                        Ok(Err(e)) => {
                            return Err(self.cluster.api_error(
                                "create",
                                "pods/eviction",
                                Some(&ns),
                            )(e));
                        }
                    }
                }
            }
            self.record(fault, action, applied).await;
        }
        Ok(())
    }
}
