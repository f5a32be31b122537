//! OpenSLO v1 (`openslo/v1`) read into the [`Slo`] model: kinds `SLO`, `SLI`, `AlertPolicy`
//! and `AlertCondition`, inline or by reference within the same file. An SLI is a
//! `ratioMetric` (`good` or `bad`, and `total`; or `raw` with `rawType`) over Prometheus
//! metric sources; budgeting is `Occurrences` (events, what our rules measure: `Timeslices`
//! is refused with its line); each objective becomes one SLO. Alerting follows OpenSLO: an
//! SLO without alert policies gets no alerts; with them, the policy names the alert and each
//! condition's `severity` labels the tier its lookback falls in (up to 6h: page, longer:
//! ticket), while the thresholds are the multi-window ones every generated SLO uses.

use super::{Document, at, doc_at, rate_of, template};
use crate::spec::{Alerting, Sli, Slo, WINDOW, Window};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;

/// OpenSLO's API version.
pub const API_VERSION: &str = "openslo/v1";

#[derive(Deserialize)]
struct Object<S> {
    metadata: Meta,
    spec: Spanned<S>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Meta {
    name: String,
    #[serde(default)]
    labels: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SloSpec {
    #[serde(default)]
    description: String,
    service: String,
    #[serde(default)]
    indicator: Option<Object<SliSpec>>,
    #[serde(default)]
    indicator_ref: Option<Spanned<String>>,
    #[serde(default)]
    time_window: Vec<Spanned<TimeWindow>>,
    #[serde(default)]
    budgeting_method: Option<Spanned<String>>,
    objectives: Vec<Spanned<Objective>>,
    #[serde(default)]
    alert_policies: Vec<PolicyOrRef>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TimeWindow {
    duration: String,
    #[serde(default)]
    is_rolling: Option<bool>,
    #[serde(default)]
    calendar: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Objective {
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    target: Option<f64>,
    #[serde(default)]
    target_percent: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SliSpec {
    #[serde(default)]
    ratio_metric: Option<RatioMetric>,
    #[serde(default)]
    threshold_metric: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RatioMetric {
    #[serde(default = "yes")]
    counter: bool,
    #[serde(default)]
    good: Option<Source>,
    #[serde(default)]
    bad: Option<Source>,
    #[serde(default)]
    total: Option<Source>,
    #[serde(default)]
    raw: Option<Source>,
    #[serde(default)]
    raw_type: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Source {
    metric_source: MetricSource,
}

#[derive(Deserialize)]
struct MetricSource {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    spec: Spanned<BTreeMap<String, serde_json::Value>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PolicyOrRef {
    Ref {
        #[serde(rename = "alertPolicyRef")]
        alert_policy_ref: String,
    },
    Inline(Object<PolicySpec>),
}

#[derive(Deserialize)]
struct PolicySpec {
    #[serde(default)]
    conditions: Vec<ConditionOrRef>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ConditionOrRef {
    Ref {
        #[serde(rename = "conditionRef")]
        condition_ref: String,
    },
    Inline(Object<ConditionSpec>),
}

#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ConditionSpec {
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    condition: Option<Condition>,
}

#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Condition {
    #[serde(default)]
    lookback_window: Option<String>,
}

/// The OpenSLO objects of one file, resolved once all are read.
#[derive(Default)]
pub struct Objects<'a> {
    slos: Vec<(Object<SloSpec>, Document<'a>)>,
    slis: BTreeMap<String, (Object<SliSpec>, Document<'a>)>,
    policies: BTreeMap<String, Object<PolicySpec>>,
    conditions: BTreeMap<String, ConditionSpec>,
}

impl<'a> Objects<'a> {
    /// Keeps one document of kind `kind`.
    pub fn add(&mut self, kind: &str, doc: Document<'a>, file: &str) -> Result<(), String> {
        let shifted = |e: String| super::shift(&e, file, doc.first_line);
        match kind {
            "SLO" => {
                let o: Object<SloSpec> = shared::yaml::from_str(doc.text, file).map_err(shifted)?;
                self.slos.push((o, doc));
            }
            "SLI" => {
                let o: Object<SliSpec> = shared::yaml::from_str(doc.text, file).map_err(shifted)?;
                self.slis.insert(o.metadata.name.clone(), (o, doc));
            }
            "AlertPolicy" => {
                let o: Object<PolicySpec> =
                    shared::yaml::from_str(doc.text, file).map_err(shifted)?;
                self.policies.insert(o.metadata.name.clone(), o);
            }
            "AlertCondition" => {
                let o: Object<ConditionSpec> =
                    shared::yaml::from_str(doc.text, file).map_err(shifted)?;
                self.conditions
                    .insert(o.metadata.name.clone(), o.spec.value);
            }
            // Service, DataSource and AlertNotificationTarget carry nothing rules need.
            _ => {}
        }
        Ok(())
    }

    /// Every SLO, its references resolved.
    pub fn slos(self, file: &str) -> Result<Vec<Slo>, String> {
        let mut out = Vec::new();
        for (o, doc) in &self.slos {
            out.extend(self.slo(o, doc, file)?);
        }
        Ok(out)
    }

    fn slo(&self, o: &Object<SloSpec>, doc: &Document<'_>, file: &str) -> Result<Vec<Slo>, String> {
        let spec = &o.spec.value;
        let fail = |l: shared::finding::SourceLocation, why: String| {
            format!("{file}:{}:{}: {why}", l.line, l.column)
        };
        let slo_at = at(file, doc, &o.spec);
        if let Some(m) = &spec.budgeting_method
            && m.value != "Occurrences"
        {
            return Err(fail(
                at(file, doc, m),
                format!(
                    "budgetingMethod {:?} is not supported: the burn-rate rules count events (Occurrences)",
                    m.value
                ),
            ));
        }
        let sli = match (&spec.indicator, &spec.indicator_ref) {
            (Some(inline), None) => sli(&inline.spec, file, doc)?,
            (None, Some(r)) => {
                let (s, sdoc) = self.slis.get(&r.value).ok_or_else(|| {
                    fail(
                        at(file, doc, r),
                        format!(
                            "indicatorRef {:?}: no SLI of that name in this file",
                            r.value
                        ),
                    )
                })?;
                sli(&s.spec, file, sdoc)?
            }
            _ => {
                return Err(fail(
                    slo_at,
                    "an SLO needs exactly one of indicator or indicatorRef".into(),
                ));
            }
        };
        let window = match spec.time_window.as_slice() {
            [] => Window::Rolling { days: 30 },
            [w] => time_window(&w.value).map_err(|e| fail(at(file, doc, w), e))?,
            [_, w, ..] => {
                return Err(fail(at(file, doc, w), "one timeWindow per SLO".into()));
            }
        };
        let alerting = self.alerting(o)?;
        let labels: BTreeMap<String, String> = o
            .metadata
            .labels
            .iter()
            .filter_map(|(k, v)| {
                let v = match v {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Array(a) => a.first()?.as_str()?.to_string(),
                    other => other.to_string(),
                };
                Some((k.clone(), v))
            })
            .collect();
        let many = spec.objectives.len() > 1;
        let mut out = Vec::new();
        for (k, obj) in spec.objectives.iter().enumerate() {
            let objective = match (obj.value.target, obj.value.target_percent) {
                (Some(t), None) => t * 100.0,
                (None, Some(p)) => p,
                _ => {
                    return Err(fail(
                        at(file, doc, obj),
                        "an objective needs exactly one of target (0-1) or targetPercent".into(),
                    ));
                }
            };
            let name = if many {
                let suffix = obj
                    .value
                    .display_name
                    .as_deref()
                    .map(slug)
                    .unwrap_or_else(|| k.to_string());
                format!("{}-{suffix}", o.metadata.name)
            } else {
                o.metadata.name.clone()
            };
            out.push(Slo {
                service: spec.service.clone(),
                name,
                description: spec.description.clone(),
                objective: objective / 100.0,
                objective_at: Some(at(file, doc, obj)),
                window,
                sli: sli.clone(),
                group_by: Vec::new(),
                labels: labels.clone(),
                alerting: alerting.clone(),
                budget_policy: None,
                at: Some(doc_at(file, doc)),
                format: "openslo",
            });
        }
        Ok(out)
    }

    /// Alerting from the SLO's policies (none: no alerts).
    fn alerting(&self, o: &Object<SloSpec>) -> Result<Alerting, String> {
        let mut a = Alerting {
            enabled: !o.spec.value.alert_policies.is_empty(),
            ..Default::default()
        };
        for p in &o.spec.value.alert_policies {
            let policy = match p {
                PolicyOrRef::Inline(p) => p,
                PolicyOrRef::Ref { alert_policy_ref } => {
                    self.policies.get(alert_policy_ref).ok_or_else(|| {
                        format!(
                            "SLO {:?}: alertPolicyRef {alert_policy_ref:?}: no AlertPolicy of that name in this file",
                            o.metadata.name
                        )
                    })?
                }
            };
            a.name = camel(&policy.metadata.name);
            for c in &policy.spec.value.conditions {
                let spec = match c {
                    ConditionOrRef::Inline(c) => c.spec.value.clone(),
                    ConditionOrRef::Ref { condition_ref } => self
                        .conditions
                        .get(condition_ref)
                        .cloned()
                        .ok_or_else(|| {
                            format!(
                                "AlertPolicy {:?}: conditionRef {condition_ref:?}: no AlertCondition of that name in this file",
                                policy.metadata.name
                            )
                        })?,
                };
                let Some(severity) = spec.severity else {
                    continue;
                };
                let lookback = spec
                    .condition
                    .and_then(|c| c.lookback_window)
                    .map(|w| crate::rules::window_secs(&w))
                    .unwrap_or(3600);
                let tier = if lookback <= 6 * 3600 {
                    &mut a.page_labels
                } else {
                    &mut a.ticket_labels
                };
                tier.insert("severity".into(), severity);
            }
        }
        Ok(a)
    }
}

/// `checkout-availability` → `CheckoutAvailability` (an alert name).
fn camel(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// `Fast lane` → `fast-lane`.
fn slug(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

fn time_window(w: &TimeWindow) -> Result<Window, String> {
    if w.calendar.is_some() || w.is_rolling == Some(false) {
        return match w.duration.trim() {
            "1M" | "1month" => Ok(Window::CalendarMonth),
            other => Err(format!(
                "calendar window {other:?}: only one calendar month (1M) is supported"
            )),
        };
    }
    super::window(&w.duration)
}

/// The query of a Prometheus metric source, with where it is.
fn query(
    s: &Source,
    file: &str,
    doc: &Document<'_>,
) -> Result<(String, shared::finding::SourceLocation), String> {
    let l = at(file, doc, &s.metric_source.spec);
    let kind = s.metric_source.kind.as_deref().unwrap_or("Prometheus");
    if !kind.eq_ignore_ascii_case("prometheus") {
        return Err(format!(
            "{file}:{}:{}: metricSource type {kind:?}: only Prometheus sources are supported",
            l.line, l.column
        ));
    }
    let q = ["query", "promql"]
        .iter()
        .find_map(|k| s.metric_source.spec.value.get(*k)?.as_str())
        .ok_or_else(|| {
            format!(
                "{file}:{}:{}: a Prometheus metricSource needs spec.query",
                l.line, l.column
            )
        })?;
    Ok((q.to_string(), l))
}

/// A query as a per-second rate template: kept when it has `{{.window}}`; a bare selector
/// of a counter becomes `sum(rate(…))`, of a gauge `sum(avg_over_time(…))`; anything else
/// is refused (its range cannot be set per window).
fn rate_template(
    q: &str,
    counter: bool,
    l: shared::finding::SourceLocation,
) -> Result<crate::spec::Template, String> {
    if q.contains(WINDOW) {
        return Ok(template(q.to_string(), l));
    }
    match promql_parser::parser::parse(q) {
        Ok(promql_parser::parser::Expr::VectorSelector(_)) if counter => {
            Ok(template(rate_of(q, &[]), l))
        }
        Ok(promql_parser::parser::Expr::VectorSelector(_)) => Ok(template(
            format!("sum (avg_over_time({}[{WINDOW}]))", q.trim()),
            l,
        )),
        _ => Err(format!(
            "{}:{}:{}: query {q:?} is neither a series selector nor a query with {WINDOW} where its range goes",
            l.file, l.line, l.column
        )),
    }
}

fn sli(s: &Spanned<SliSpec>, file: &str, doc: &Document<'_>) -> Result<Sli, String> {
    let l = at(file, doc, s);
    let fail = |why: &str| format!("{file}:{}:{}: {why}", l.line, l.column);
    if s.value.threshold_metric.is_some() {
        return Err(fail(
            "thresholdMetric SLIs are not supported: write the SLI as a ratioMetric",
        ));
    }
    let r = s
        .value
        .ratio_metric
        .as_ref()
        .ok_or_else(|| fail("an SLI needs a ratioMetric"))?;
    let part = |src: &Source| -> Result<crate::spec::Template, String> {
        let (q, l) = query(src, file, doc)?;
        rate_template(&q, r.counter, l)
    };
    match (&r.good, &r.bad, &r.total, &r.raw) {
        (None, Some(bad), Some(total), None) => Ok(Sli::Events {
            errors: part(bad)?,
            total: part(total)?,
        }),
        (Some(good), None, Some(total), None) => {
            let (g, t) = (part(good)?, part(total)?);
            Ok(Sli::Events {
                errors: template(
                    format!("({}) - ({})", t.text, g.text),
                    g.at.clone().unwrap_or(l.clone()),
                ),
                total: t,
            })
        }
        (None, None, None, Some(raw)) => {
            let (q, ql) = query(raw, file, doc)?;
            let ratio = if q.contains(WINDOW) {
                q
            } else {
                format!("avg_over_time(({q})[{WINDOW}:])")
            };
            let ratio = match r.raw_type.as_deref() {
                Some("success") => format!("1 - ({ratio})"),
                Some("failure") | None => ratio,
                Some(other) => {
                    return Err(fail(&format!("rawType {other:?} is success or failure")));
                }
            };
            Ok(Sli::Ratio {
                ratio: template(ratio, ql),
            })
        }
        _ => Err(fail(
            "a ratioMetric needs total and exactly one of good or bad, or raw alone",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPENSLO: &str = r#"apiVersion: openslo/v1
kind: SLI
metadata: {name: checkout-errors}
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        type: Prometheus
        spec: {query: 'http_requests_total{job="checkout",code=~"5.."}'}
    total:
      metricSource:
        type: Prometheus
        spec: {query: 'http_requests_total{job="checkout"}'}
---
apiVersion: openslo/v1
kind: AlertCondition
metadata: {name: fast-burn}
spec:
  severity: page
  condition: {kind: burnrate, op: gte, threshold: 14.4, lookbackWindow: 1h, alertAfter: 5m}
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: {name: checkout-budget}
spec:
  conditions:
  - conditionRef: fast-burn
  - kind: AlertCondition
    metadata: {name: slow-burn}
    spec:
      severity: ticket
      condition: {kind: burnrate, op: gte, threshold: 1, lookbackWindow: 3d}
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  labels: {team: [payments]}
spec:
  service: checkout
  indicatorRef: checkout-errors
  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{displayName: Fast lane, target: 0.999}, {displayName: Relaxed, targetPercent: 99}]
  alertPolicies: [{alertPolicyRef: checkout-budget}]
---
apiVersion: openslo/v1
kind: SLO
metadata: {name: search-latency}
spec:
  service: search
  indicator:
    metadata: {name: search-fast}
    spec:
      ratioMetric:
        good: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(search_duration_seconds_bucket{le="0.25"}[{{.window}}]))'}}}
        total: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(search_duration_seconds_count[{{.window}}]))'}}}
  timeWindow: [{duration: 1M, calendar: {startTime: "2026-01-01 00:00:00", timeZone: UTC}}]
  objectives: [{target: 0.99}]
"#;

    #[test]
    fn openslo_objects_resolve_into_one_slo_per_objective() {
        let slos = crate::load::parse(OPENSLO, "openslo.yaml").expect("parses");
        let names: Vec<String> = slos.iter().map(Slo::id).collect();
        assert_eq!(
            names,
            vec![
                "checkout-checkout-availability-fast-lane",
                "checkout-checkout-availability-relaxed",
                "search-search-latency"
            ]
        );
        let a = &slos[0];
        assert!((a.objective - 0.999).abs() < 1e-12);
        assert!((slos[1].objective - 0.99).abs() < 1e-12);
        assert_eq!(a.window, Window::Rolling { days: 28 });
        assert_eq!(a.labels["team"], "payments");
        assert_eq!(a.alerting.name, "CheckoutBudget");
        assert_eq!(a.alerting.page_labels["severity"], "page");
        assert_eq!(a.alerting.ticket_labels["severity"], "ticket");
        let Sli::Events { errors, total } = &a.sli else {
            panic!("events")
        };
        assert_eq!(
            errors.at_window("5m"),
            "sum (rate(http_requests_total{job=\"checkout\",code=~\"5..\"}[5m]))"
        );
        assert_eq!(
            errors.at.as_ref().map(|l| l.line),
            Some(10),
            "the SLI's line"
        );
        assert_eq!(
            total.at_window("1h"),
            "sum (rate(http_requests_total{job=\"checkout\"}[1h]))"
        );
        let s = &slos[2];
        assert_eq!(s.window, Window::CalendarMonth);
        assert!(!s.alerting.enabled, "no alert policy, no alerts");
        let Sli::Events { errors, .. } = &s.sli else {
            panic!("events")
        };
        assert_eq!(
            errors.at_window("1h"),
            "(sum(rate(search_duration_seconds_count[1h]))) - (sum(rate(search_duration_seconds_bucket{le=\"0.25\"}[1h])))"
        );
    }

    #[test]
    fn what_openslo_allows_and_our_rules_cannot_mean_is_refused_with_its_line() {
        let timeslices = OPENSLO.replace(
            "budgetingMethod: Occurrences",
            "budgetingMethod: Timeslices",
        );
        let e = crate::load::parse(&timeslices, "o.yaml").expect_err("timeslices");
        assert!(
            e.starts_with("o.yaml:44:") && e.contains("Occurrences"),
            "{e}"
        );
        let missing = OPENSLO.replace("indicatorRef: checkout-errors", "indicatorRef: nope");
        let e = crate::load::parse(&missing, "o.yaml").expect_err("ref");
        assert!(e.contains("no SLI of that name"), "{e}");
        let expr = OPENSLO.replace(
            "'http_requests_total{job=\"checkout\",code=~\"5..\"}'",
            "'sum(rate(http_requests_total{code=~\"5..\"}[5m]))'",
        );
        let e = crate::load::parse(&expr, "o.yaml").expect_err("fixed range");
        assert!(e.contains("{{.window}}"), "{e}");
    }
}
