//! One recorder for the actions of every plugin that changes a cluster (`doctor heal`,
//! `chaos`): an Event on the object, and a JSON audit line with the same field names
//! everywhere (`time`, `plugin`, `run`, `action`, `object`, `status`, `detail`, then the
//! plugin's own fields), written to an injected writer. A failure to write the Event is a
//! warning, never an error: the action itself has happened.

use crate::cluster::Cluster;
use crate::finding::ObjectRef;
use k8s_openapi::api::core::v1::Event;
use kube::api::{Api, PostParams};
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Mutex;

/// One action as it is recorded.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// What was done: `rollout-restart`, `delete`, `scale`, `rollback`...
    pub action: &'a str,
    /// To what.
    pub object: &'a ObjectRef,
    /// Its UID, when known (the Event links to it).
    pub uid: Option<&'a str>,
    /// `applied`, `failed`, `dry-run`, `applying`, `rolled-back`, `skipped`.
    pub status: &'a str,
    /// In words.
    pub detail: &'a str,
    /// The plugin's own fields (a JSON object), appended to the line.
    pub extra: serde_json::Value,
}

/// The Event to write beside the line.
#[derive(Debug, Clone)]
pub struct EventSpec {
    /// `reason` (CamelCase), e.g. `SreToolkitHeal`.
    pub reason: String,
    /// `Normal` or `Warning`.
    pub kind: &'static str,
    /// The message.
    pub message: String,
    /// Labels (e.g. the chaos run label, so `kubectl get events -l` finds them).
    pub labels: BTreeMap<String, String>,
}

/// The API version of a kind an Event points at.
pub fn api_version(kind: &str) -> &'static str {
    match kind {
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" => "apps/v1",
        "Job" | "CronJob" => "batch/v1",
        _ => "v1",
    }
}

/// The audit line of `e` by `plugin` in `run`: the common fields first, then the plugin's
/// own (which never replace a common one).
pub fn line(plugin: &str, run: Option<&str>, e: &Entry<'_>) -> serde_json::Value {
    let mut line = serde_json::json!({
        "time": jiff::Timestamp::now().to_string(),
        "plugin": plugin,
        "action": e.action,
        "object": e.object,
        "status": e.status,
        "detail": e.detail,
    });
    if let Some(map) = line.as_object_mut() {
        if let Some(run) = run {
            map.insert("run".into(), run.into());
        }
        for (k, v) in e.extra.as_object().into_iter().flatten() {
            map.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    line
}

/// Records the actions of one run.
pub struct Recorder<'a> {
    cluster: &'a Cluster,
    plugin: &'static str,
    run: Option<String>,
    writer: Mutex<Box<dyn Write + Send + 'a>>,
    warn: Box<dyn Fn(&str) + Send + Sync + 'a>,
}

impl<'a> Recorder<'a> {
    /// A recorder of `plugin` (`kubectl-doctor`) writing its lines to `writer` and Event
    /// failures to `warn`; `run` is the run id every line carries, if the plugin has one.
    pub fn new(
        cluster: &'a Cluster,
        plugin: &'static str,
        run: Option<String>,
        writer: impl Write + Send + 'a,
        warn: impl Fn(&str) + Send + Sync + 'a,
    ) -> Self {
        Self {
            cluster,
            plugin,
            run,
            writer: Mutex::new(Box::new(writer)),
            warn: Box::new(warn),
        }
    }

    /// Writes the line of `e` and, when given, its Event on the object.
    pub async fn record(&self, e: &Entry<'_>, event: Option<EventSpec>) {
        let line = line(self.plugin, self.run.as_deref(), e);
        if let Ok(mut w) = self.writer.lock() {
            let _ = writeln!(w, "{line}");
            let _ = w.flush();
        }
        if let Some(spec) = event {
            self.event(e, spec).await;
        }
    }

    async fn event(&self, e: &Entry<'_>, spec: EventSpec) {
        let ns = e
            .object
            .namespace
            .clone()
            .unwrap_or_else(|| "default".into());
        let now = jiff::Timestamp::now().to_string();
        let event = serde_json::json!({
            "apiVersion": "v1", "kind": "Event",
            "metadata": {"generateName": format!("{}.", e.object.name), "namespace": ns, "labels": spec.labels},
            "involvedObject": {"apiVersion": api_version(&e.object.kind), "kind": e.object.kind,
                "name": e.object.name, "namespace": e.object.namespace, "uid": e.uid},
            "reason": spec.reason,
            "message": spec.message,
            "type": spec.kind,
            "source": {"component": self.plugin},
            "reportingComponent": format!("sre-toolkit.io/{}", self.plugin),
            "firstTimestamp": now, "lastTimestamp": now, "count": 1
        });
        let result = match serde_json::from_value::<Event>(event) {
            Ok(ev) => Api::<Event>::namespaced(self.cluster.client.clone(), &ns)
                .create(&PostParams::default(), &ev)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(why) = result {
            (self.warn)(&format!(
                "could not record an Event for {}: {why}",
                e.object.kind_name()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_have_the_same_fields_in_every_plugin() {
        let object = ObjectRef::namespaced("Deployment", Some("shop"), "web");
        let e = Entry {
            action: "scale",
            object: &object,
            uid: None,
            status: "applied",
            detail: "scale deployment web from 3 to 0",
            extra: serde_json::json!({"fault": "scale", "status": "ignored"}),
        };
        let l = line("kubectl-chaos", Some("chaos-1"), &e);
        for field in [
            "time", "plugin", "run", "action", "object", "status", "detail", "fault",
        ] {
            assert!(l.get(field).is_some(), "{field}: {l}");
        }
        assert_eq!(
            l["status"], "applied",
            "extra fields never replace common ones"
        );
        assert_eq!(l["object"]["name"], "web");
        let heal = line("kubectl-doctor", None, &e);
        assert!(heal.get("run").is_none());
        assert_eq!(api_version("StatefulSet"), "apps/v1");
        assert_eq!(api_version("Pod"), "v1");
    }
}
