//! Steady-state probes: an HTTP endpoint answering with the expected status within a latency
//! bound; a Deployment with at least N ready replicas; a Prometheus query whose value stays
//! within bounds (instant query over the HTTP API).

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use k8s_openapi::api::apps::v1::Deployment;
use kube::api::Api;
use serde::{Deserialize, Serialize};
use shared::cluster::Cluster;
use std::time::{Duration, Instant};

/// An HTTP probe.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HttpProbe {
    /// http:// URL.
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
    /// Prometheus base URL (http://host:9090).
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
            if !h.url.starts_with("http://") {
                return Err(format!("probe {:?}: only http:// URLs", self.name));
            }
            if let Some(l) = &h.max_latency {
                shared::duration::parse(l)
                    .map_err(|e| format!("probe {:?}: maxLatency: {e}", self.name))?;
            }
        }
        if let Some(p) = &self.prometheus
            && p.max.is_none()
            && p.min.is_none()
        {
            return Err(format!(
                "probe {:?}: prometheus needs max or min",
                self.name
            ));
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

async fn get(url: &str, timeout: Duration) -> Result<(u16, String, Duration), String> {
    let uri: http::Uri = url.parse().map_err(|e| format!("{url:?}: {e}"))?;
    let client: hyper_util::client::legacy::Client<_, Empty<Bytes>> =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build_http();
    let t0 = Instant::now();
    let resp = tokio::time::timeout(timeout, client.get(uri))
        .await
        .map_err(|_| format!("no answer within {}", shared::duration::human(timeout)))?
        .map_err(|e| format!("{e}"))?;
    let status = resp.status().as_u16();
    let body = tokio::time::timeout(timeout, resp.into_body().collect())
        .await
        .map_err(|_| "body timed out".to_string())?
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok((
        status,
        String::from_utf8_lossy(&body).into_owned(),
        t0.elapsed(),
    ))
}

fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The value of an instant-query answer (`data.result[0].value[1]`).
pub fn prometheus_value(body: &str) -> Result<f64, String> {
    let v: serde_json::Value =
        serde_json::from_str(body).map_err(|e| format!("not a Prometheus answer: {e}"))?;
    if v["status"] != "success" {
        return Err(format!(
            "query failed: {}",
            v["error"].as_str().unwrap_or("unknown error")
        ));
    }
    let r = &v["data"]["result"];
    let s = r[0]["value"][1]
        .as_str()
        .or_else(|| r[1].as_str())
        .ok_or("the query returned no sample")?;
    s.parse()
        .map_err(|_| format!("sample {s:?} is not a number"))
}

/// Runs one probe.
pub async fn run(cluster: &Cluster, namespace: &str, p: &Probe) -> Outcome {
    let (ok, detail) = match (&p.http, &p.deployment, &p.prometheus) {
        (Some(h), _, _) => match get(&h.url, Duration::from_secs(5)).await {
            Ok((status, _, took)) => {
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
        (_, _, Some(q)) => {
            let url = format!(
                "{}/api/v1/query?query={}",
                q.url.trim_end_matches('/'),
                encode(&q.query)
            );
            match get(&url, Duration::from_secs(5))
                .await
                .and_then(|(_, body, _)| prometheus_value(&body))
            {
                Ok(v) => {
                    let within = q.max.is_none_or(|m| v <= m) && q.min.is_none_or(|m| v >= m);
                    (within, format!("{} = {v}", q.query))
                }
                Err(e) => (false, e),
            }
        }
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
    fn prometheus_answers() {
        let ok = r#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000.1,"0.25"]}]}}"#;
        assert_eq!(prometheus_value(ok), Ok(0.25));
        let scalar =
            r#"{"status":"success","data":{"resultType":"scalar","result":[1700000000.1,"3"]}}"#;
        assert_eq!(prometheus_value(scalar), Ok(3.0));
        assert!(prometheus_value(r#"{"status":"success","data":{"result":[]}}"#).is_err());
        assert!(
            prometheus_value(r#"{"status":"error","error":"bad query"}"#)
                .expect_err("error")
                .contains("bad query")
        );
        assert_eq!(encode("rate(x[5m]) > 1"), "rate%28x%5B5m%5D%29%20%3E%201");
    }

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
