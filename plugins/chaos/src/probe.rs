//! Steady-state probes: an HTTP endpoint answering with the expected status within a latency
//! bound; a Deployment with at least N ready replicas; a Prometheus query whose value stays
//! within bounds (instant query over the HTTP API). HTTP and Prometheus probes go through the
//! suite's client ([`shared::prometheus`]): `http(s)://` URLs, or `svc/NAME:PORT` through the
//! API server's service proxy.

use k8s_openapi::api::apps::v1::Deployment;
use kube::api::Api;
use serde::{Deserialize, Serialize};
use shared::cluster::Cluster;
use std::time::Duration;

/// An HTTP probe.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HttpProbe {
    /// `http(s)://` URL, or `svc/NAME:PORT[/path]` (through the API server).
    pub url: String,
    /// Expected status (default 200).
    #[serde(default = "ok")]
    pub status: u16,
    /// Slowest acceptable answer (e.g. `500ms`).
    #[serde(default)]
    pub max_latency: Option<String>,
}

fn ok() -> u16 {
    200
}

/// A Kubernetes probe.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DeploymentProbe {
    /// Deployment name.
    pub name: String,
    /// Namespace (default: the experiment's).
    #[serde(default)]
    pub namespace: Option<String>,
    /// At least this many ready replicas.
    pub min_ready: i32,
}

/// A Prometheus probe.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PrometheusProbe {
    /// Prometheus base URL (`http(s)://host:9090`, or `svc/NAME:PORT` through the API server).
    pub url: String,
    /// PromQL; the first sample's value is compared.
    pub query: String,
    /// Fails above this.
    #[serde(default)]
    pub max: Option<f64>,
    /// Fails below this.
    #[serde(default)]
    pub min: Option<f64>,
}

/// One probe of the hypothesis.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Probe {
    /// Name in the report.
    pub name: String,
    /// HTTP.
    #[serde(default)]
    pub http: Option<HttpProbe>,
    /// Kubernetes.
    #[serde(default)]
    pub deployment: Option<DeploymentProbe>,
    /// Prometheus.
    #[serde(default)]
    pub prometheus: Option<PrometheusProbe>,
}

impl Probe {
    /// Exactly one kind, valid durations.
    pub fn validate(&self) -> Result<(), String> {
        let kinds = usize::from(self.http.is_some())
            + usize::from(self.deployment.is_some())
            + usize::from(self.prometheus.is_some());
        if kinds != 1 {
            return Err(format!(
                "probe {:?}: give exactly one of http, deployment, prometheus",
                self.name
            ));
        }
        if let Some(h) = &self.http {
            shared::prometheus::Endpoint::parse(&h.url, "default").map_err(|e| {
                format!(
                    "probe {:?}: {}",
                    self.name,
                    shared::error::one_line(&e.into())
                )
            })?;
            if let Some(l) = &h.max_latency {
                shared::duration::parse(l)
                    .map_err(|e| format!("probe {:?}: maxLatency: {e}", self.name))?;
            }
        }
        if let Some(p) = &self.prometheus {
            shared::prometheus::Endpoint::parse(&p.url, "default").map_err(|e| {
                format!(
                    "probe {:?}: {}",
                    self.name,
                    shared::error::one_line(&e.into())
                )
            })?;
            if p.max.is_none() && p.min.is_none() {
                return Err(format!(
                    "probe {:?}: prometheus needs max or min",
                    self.name
                ));
            }
        }
        Ok(())
    }
}

/// A probe's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// Probe name.
    pub probe: String,
    /// Whether it held.
    pub ok: bool,
    /// What was seen.
    pub detail: String,
}

/// A client for a probe's URL (`http(s)://…`, or `svc/NAME:PORT` through the API server).
fn client(
    cluster: &Cluster,
    namespace: &str,
    url: &str,
) -> Result<shared::prometheus::Client, String> {
    let endpoint = shared::prometheus::Endpoint::parse(url, namespace)
        .map_err(|e| shared::error::one_line(&e.into()))?;
    let options = shared::prometheus::Options {
        timeout: Some(Duration::from_secs(5)),
        ..Default::default()
    };
    shared::prometheus::Client::new(endpoint, options, Some(cluster.client.clone()))
        .map_err(|e| shared::error::one_line(&e.into()))
}

/// GETs `path` below `url`.
async fn get(
    cluster: &Cluster,
    namespace: &str,
    url: &str,
    path: &str,
) -> Result<shared::prometheus::Answer, String> {
    client(cluster, namespace, url)?
        .get(path)
        .await
        .map_err(|e| shared::error::one_line(&e.into()))
}

/// The first sample of an instant query.
async fn instant(
    cluster: &Cluster,
    namespace: &str,
    url: &str,
    query: &str,
) -> Result<f64, String> {
    let samples = client(cluster, namespace, url)?
        .query(query)
        .await
        .map_err(|e| shared::error::one_line(&e.into()))?;
    samples
        .first()
        .map(|s| s.value)
        .ok_or_else(|| "the query returned no sample".into())
}

/// Runs one probe.
pub async fn run(cluster: &Cluster, namespace: &str, p: &Probe) -> Outcome {
    let (ok, detail) = match (&p.http, &p.deployment, &p.prometheus) {
        (Some(h), _, _) => match get(cluster, namespace, &h.url, "").await {
            Ok(shared::prometheus::Answer {
                status,
                elapsed: took,
                ..
            }) => {
                let max = h
                    .max_latency
                    .as_deref()
                    .and_then(|l| shared::duration::parse(l).ok());
                let slow = max.is_some_and(|m| took > m);
                (
                    status == h.status && !slow,
                    format!("HTTP {status} in {:.1}ms", took.as_secs_f64() * 1000.0),
                )
            }
            Err(e) => (false, e),
        },
        (_, Some(d), _) => {
            let ns = d.namespace.as_deref().unwrap_or(namespace);
            match Api::<Deployment>::namespaced(cluster.client.clone(), ns)
                .get(&d.name)
                .await
            {
                Ok(dep) => {
                    let ready = dep.status.and_then(|s| s.ready_replicas).unwrap_or(0);
                    (
                        ready >= d.min_ready,
                        format!(
                            "deployment {ns}/{} has {ready} ready (want >= {})",
                            d.name, d.min_ready
                        ),
                    )
                }
                Err(e) => (false, format!("deployment {ns}/{}: {e}", d.name)),
            }
        }
        (_, _, Some(q)) => match instant(cluster, namespace, &q.url, &q.query).await {
            Ok(v) => {
                let within = q.max.is_none_or(|m| v <= m) && q.min.is_none_or(|m| v >= m);
                (within, format!("{} = {v}", q.query))
            }
            Err(e) => (false, e),
        },
        _ => (false, "no probe kind".into()),
    };
    Outcome {
        probe: p.name.clone(),
        ok,
        detail,
    }
}

/// Runs every probe.
pub async fn run_all(cluster: &Cluster, namespace: &str, probes: &[Probe]) -> Vec<Outcome> {
    let mut out = Vec::new();
    for p in probes {
        out.push(run(cluster, namespace, p).await);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_need_one_kind() {
        let p = Probe {
            name: "x".into(),
            http: None,
            deployment: None,
            prometheus: None,
        };
        assert!(p.validate().is_err());
    }
}
