//! Pyrra's `pyrra.dev/v1alpha1` `ServiceLevelObjective` read into the [`Slo`] model with
//! Pyrra's meaning: `target` in percent (a string or a number), `window` a Prometheus
//! duration, an indicator of `ratio` (errors and total counters), `latency` (a `_bucket`
//! with its `le` and the `_count`), `latencyNative` (a native histogram and a latency) or
//! `bool_gauge` (1 good, 0 bad), each with `grouping`; `alerting.disabled` and `name`.
//! `pyrra.dev/*` labels become rule labels without the prefix, as Pyrra does; the service
//! is the `pyrra.dev/service` label, else the namespace, else the name.

use super::{Document, at, doc_at, gauge_sli, native_latency_sli, rate_of, template};
use crate::spec::{Alerting, Sli, Slo, Window};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;

/// Pyrra's API version.
pub const API_VERSION: &str = "pyrra.dev/v1alpha1";

/// The document.
#[derive(Deserialize)]
pub struct PyrraSlo {
    metadata: Meta,
    spec: Spanned<Spec>,
}

#[derive(Deserialize)]
struct Meta {
    name: String,
    #[serde(default)]
    namespace: Option<String>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Spec {
    #[serde(default)]
    description: String,
    target: Spanned<Target>,
    window: Spanned<String>,
    indicator: Spanned<Indicator>,
    #[serde(default)]
    alerting: Option<PyrraAlerting>,
    #[serde(default, rename = "partial_response_strategy")]
    #[allow(dead_code)]
    partial_response_strategy: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Target {
    Number(f64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Indicator {
    #[serde(default)]
    ratio: Option<Pair<Query>>,
    #[serde(default)]
    latency: Option<Latency>,
    #[serde(default)]
    latency_native: Option<NativeLatency>,
    #[serde(default, rename = "bool_gauge")]
    bool_gauge: Option<BoolGauge>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Query {
    metric: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair<Q> {
    errors: Q,
    total: Query,
    #[serde(default)]
    grouping: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Latency {
    success: Query,
    total: Query,
    #[serde(default)]
    grouping: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NativeLatency {
    latency: Spanned<String>,
    total: Query,
    #[serde(default)]
    grouping: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BoolGauge {
    metric: Spanned<String>,
    #[serde(default)]
    grouping: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PyrraAlerting {
    #[serde(default)]
    disabled: Option<bool>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    burnrates: Option<bool>,
    #[serde(default)]
    #[allow(dead_code)]
    absent: Option<bool>,
}

/// Seconds of a latency (`1s`, `300ms`, `0.3`) as the number PromQL compares with.
fn latency_seconds(text: &str) -> Option<f64> {
    let t = text.trim();
    if let Ok(n) = t.parse::<f64>() {
        return Some(n);
    }
    let (n, scale) = if let Some(n) = t.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 60.0)
    } else {
        return None;
    };
    n.trim().parse::<f64>().ok().map(|v| v * scale)
}

/// The SLO of one Pyrra document.
pub fn read(d: PyrraSlo, file: &str, doc: &Document<'_>) -> Result<Slo, String> {
    let spec_at = at(file, doc, &d.spec);
    let spec = d.spec.value;
    let loc = |s: &Spanned<String>| at(file, doc, s);
    let fail = |l: shared::finding::SourceLocation, why: String| {
        format!("{file}:{}:{}: {why}", l.line, l.column)
    };
    let objective = match &spec.target.value {
        Target::Number(n) => Some(*n),
        Target::Text(t) => t.trim().parse::<f64>().ok(),
    }
    .ok_or_else(|| {
        fail(
            at(file, doc, &spec.target),
            "target is a percentage such as \"99.9\"".into(),
        )
    })?;
    let window = super::window(&spec.window.value).map_err(|e| fail(loc(&spec.window), e))?;
    let ind = spec.indicator.value;
    let ind_at = spec_at.clone();
    let (sli, group_by) = match (ind.ratio, ind.latency, ind.latency_native, ind.bool_gauge) {
        (Some(r), None, None, None) => (
            Sli::Events {
                errors: template(
                    rate_of(&r.errors.metric.value, &r.grouping),
                    loc(&r.errors.metric),
                ),
                total: template(
                    rate_of(&r.total.metric.value, &r.grouping),
                    loc(&r.total.metric),
                ),
            },
            r.grouping,
        ),
        (None, Some(l), None, None) => {
            let total = rate_of(&l.total.metric.value, &l.grouping);
            (
                Sli::Events {
                    errors: template(
                        format!(
                            "({total}) - ({})",
                            rate_of(&l.success.metric.value, &l.grouping)
                        ),
                        loc(&l.success.metric),
                    ),
                    total: template(total, loc(&l.total.metric)),
                },
                l.grouping,
            )
        }
        (None, None, Some(n), None) => {
            let secs = latency_seconds(&n.latency.value).ok_or_else(|| {
                fail(
                    loc(&n.latency),
                    format!("latency {:?} is not a duration such as 1s", n.latency.value),
                )
            })?;
            (
                native_latency_sli(
                    &n.total.metric.value,
                    secs,
                    &n.grouping,
                    loc(&n.total.metric),
                ),
                n.grouping,
            )
        }
        (None, None, None, Some(g)) => (
            gauge_sli(&g.metric.value, &g.grouping, loc(&g.metric)),
            g.grouping,
        ),
        _ => {
            return Err(fail(
                ind_at,
                "indicator needs exactly one of ratio, latency, latencyNative or bool_gauge".into(),
            ));
        }
    };
    let mut alerting = Alerting::default();
    if let Some(a) = spec.alerting {
        alerting.enabled = !a.disabled.unwrap_or(false) && a.burnrates.unwrap_or(true);
        if let Some(n) = a.name {
            alerting.name = n;
        }
    }
    let labels: BTreeMap<String, String> = d
        .metadata
        .labels
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("pyrra.dev/")
                .map(|k| (k.to_string(), v.clone()))
        })
        .collect();
    let service = labels
        .get("service")
        .cloned()
        .or(d.metadata.namespace)
        .unwrap_or_else(|| d.metadata.name.clone());
    if let Window::CalendarMonth = window {
        return Err(fail(
            loc(&spec.window),
            "Pyrra windows are rolling durations such as 4w or 30d".into(),
        ));
    }
    Ok(Slo {
        service,
        name: d.metadata.name,
        description: spec.description,
        objective: objective / 100.0,
        objective_at: Some(at(file, doc, &spec.target)),
        window,
        sli,
        group_by,
        labels,
        alerting,
        budget_policy: None,
        at: Some(doc_at(file, doc)),
        format: "pyrra",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PYRRA: &str = r#"apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: api-errors
  namespace: monitoring
  labels:
    prometheus: k8s
    pyrra.dev/team: operations
spec:
  target: "99.5"
  window: 2w
  description: API requests succeed.
  indicator:
    ratio:
      errors:
        metric: http_requests_total{job="api",code=~"5.."}
      total:
        metric: http_requests_total{job="api"}
      grouping: [route]
---
apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata: {name: api-latency}
spec:
  target: 99
  window: 28d
  indicator:
    latency:
      success: {metric: 'http_request_duration_seconds_bucket{job="api",le="0.5"}'}
      total: {metric: 'http_request_duration_seconds_count{job="api"}'}
  alerting: {name: ApiLatency}
---
apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata: {name: probe}
spec:
  target: "99.9"
  window: 4w
  indicator:
    bool_gauge: {metric: 'probe_success{job="blackbox"}'}
  alerting: {disabled: true}
---
apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata: {name: native}
spec:
  target: "99"
  window: 28d
  indicator:
    latencyNative: {latency: 300ms, total: {metric: 'http_request_duration_seconds{job="api"}'}}
"#;

    #[test]
    fn pyrra_objectives_read_with_pyrras_meaning() {
        let slos = crate::load::parse(PYRRA, "pyrra.yaml").expect("parses");
        assert_eq!(slos.len(), 4);
        let e = &slos[0];
        assert_eq!(
            (e.service.as_str(), e.name.as_str()),
            ("monitoring", "api-errors")
        );
        assert!((e.objective - 0.995).abs() < 1e-12);
        assert_eq!(e.window, Window::Rolling { days: 14 });
        assert_eq!(e.group_by, vec!["route"]);
        assert_eq!(e.labels.get("team").map(String::as_str), Some("operations"));
        assert!(!e.labels.contains_key("prometheus"));
        let Sli::Events { errors, total } = &e.sli else {
            panic!("events")
        };
        assert_eq!(
            errors.at_window("5m"),
            "sum by (route) (rate(http_requests_total{job=\"api\",code=~\"5..\"}[5m]))"
        );
        assert_eq!(errors.at.as_ref().map(|l| l.line), Some(16));
        assert_eq!(
            total.at_window("1h"),
            "sum by (route) (rate(http_requests_total{job=\"api\"}[1h]))"
        );
        let l = &slos[1];
        assert_eq!(l.alerting.name, "ApiLatency");
        let Sli::Events { errors, .. } = &l.sli else {
            panic!("events")
        };
        assert!(errors.at_window("5m").starts_with("(sum (rate(http_request_duration_seconds_count{job=\"api\"}[5m]))) - (sum (rate(http_request_duration_seconds_bucket"));
        assert!(!slos[2].alerting.enabled);
        let Sli::Events { errors, total } = &slos[2].sli else {
            panic!("events")
        };
        assert_eq!(
            total.at_window("1h"),
            "sum (count_over_time(probe_success{job=\"blackbox\"}[1h])) / 3600"
        );
        assert!(
            errors
                .at_window("1h")
                .contains("- sum_over_time(probe_success{job=\"blackbox\"}[1h])")
        );
        let Sli::Events { errors, .. } = &slos[3].sli else {
            panic!("events")
        };
        assert!(errors.at_window("5m").contains(
            "histogram_fraction(0, 0.3, sum (rate(http_request_duration_seconds{job=\"api\"}[5m])))"
        ));
    }

    #[test]
    fn bad_pyrra_fields_name_their_line() {
        let bad = PYRRA.replace("target: \"99.5\"", "target: lots");
        let e = crate::load::parse(&bad, "p.yaml").expect_err("bad target");
        assert!(e.starts_with("p.yaml:10:"), "{e}");
        let two = PYRRA.replacen("    ratio:", "    bool_gauge: {metric: up}\n    ratio:", 1);
        let e = crate::load::parse(&two, "p.yaml").expect_err("two indicators");
        assert!(e.contains("exactly one of ratio"), "{e}");
    }
}
