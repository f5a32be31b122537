//! Reading SLO files into the [`Slo`] model: our `slo.sre-toolkit.io/v1alpha1` kind `SLO`
//! (several per file), Sloth's `prometheus/v1` files and its `sloth.slok.dev/v1`
//! `PrometheusServiceLevel` CRD, Pyrra's `ServiceLevelObjective` ([`pyrra`]) and OpenSLO v1
//! ([`openslo`]). Each YAML document is parsed on its own so every error and every later
//! finding names its file, line and column.

pub mod openslo;
pub mod pyrra;

use crate::spec::{Alerting, Sli, Slo, Template, WINDOW, WINDOW_SECONDS, Window};
use serde::Deserialize;
use serde_saphyr::Spanned;
use shared::finding::SourceLocation;
use std::collections::BTreeMap;

/// Our API version.
pub const API_VERSION: &str = "slo.sre-toolkit.io/v1alpha1";

/// One YAML document of a file and the line it starts on (0-based offset).
pub struct Document<'a> {
    text: &'a str,
    first_line: u32,
}

/// Splits `text` at `---` lines.
fn documents(text: &str) -> Vec<Document<'_>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut first_line = 0u32;
    let mut offset = 0usize;
    for (line_no, line) in (0u32..).zip(text.split_inclusive('\n')) {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed.starts_with("--- ") {
            out.push(Document {
                text: &text[start..offset],
                first_line,
            });
            start = offset + line.len();
            first_line = line_no + 1;
        }
        offset += line.len();
    }
    out.push(Document {
        text: &text[start..],
        first_line,
    });
    out.into_iter()
        .filter(|d| {
            d.text
                .lines()
                .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        })
        .collect()
}

/// Where a spanned value is, in `file`, shifted by the document's first line.
pub fn at<T>(file: &str, doc: &Document<'_>, s: &Spanned<T>) -> SourceLocation {
    SourceLocation {
        file: file.to_string(),
        line: doc.first_line + u32::try_from(s.referenced.line()).unwrap_or(0),
        column: u32::try_from(s.referenced.column()).unwrap_or(0),
        end_line: None,
    }
}

/// The document's first line as a location.
pub fn doc_at(file: &str, doc: &Document<'_>) -> SourceLocation {
    SourceLocation {
        file: file.to_string(),
        line: doc.first_line + 1,
        column: 1,
        end_line: None,
    }
}

/// What tells the formats apart.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    #[serde(default)]
    api_version: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    version: Option<String>,
}

/// Reads every SLO in `text` (the contents of `file`); the error is one line naming
/// `file:line:col`.
pub fn parse(text: &str, file: &str) -> Result<Vec<Slo>, String> {
    let mut out = Vec::new();
    let mut openslo = openslo::Objects::default();
    for doc in documents(text) {
        let shifted = |e: String| shift(&e, file, doc.first_line);
        let header: Header = shared::yaml::from_str(doc.text, file).map_err(shifted)?;
        match (
            header.api_version.as_deref(),
            header.kind.as_deref(),
            header.version.as_deref(),
        ) {
            (Some(API_VERSION), Some("SLO"), _) => {
                let d: OurDoc = shared::yaml::from_str(doc.text, file).map_err(shifted)?;
                out.push(ours(d, file, &doc)?);
            }
            (Some("sloth.slok.dev/v1"), Some("PrometheusServiceLevel"), _) => {
                let d: SlothCrd = shared::yaml::from_str(doc.text, file).map_err(shifted)?;
                out.extend(sloth(d.spec, file, &doc, "sloth-crd")?);
            }
            (_, _, Some("prometheus/v1")) => {
                let d: SlothFile = shared::yaml::from_str(doc.text, file).map_err(shifted)?;
                out.extend(sloth(d, file, &doc, "sloth")?);
            }
            (Some(pyrra::API_VERSION), Some("ServiceLevelObjective"), _) => {
                let d = shared::yaml::from_str(doc.text, file).map_err(shifted)?;
                out.push(pyrra::read(d, file, &doc)?);
            }
            (Some(openslo::API_VERSION), Some(kind), _) => {
                openslo.add(kind, doc, file)?;
            }
            (api, kind, version) => {
                return Err(format!(
                    "{file}:{}:1: not an SLO document (apiVersion {:?}, kind {:?}, version {:?}); expected apiVersion {API_VERSION} kind SLO, Sloth's version prometheus/v1 or kind PrometheusServiceLevel, Pyrra's ServiceLevelObjective, or OpenSLO's openslo/v1",
                    doc.first_line + 1,
                    api.unwrap_or(""),
                    kind.unwrap_or(""),
                    version.unwrap_or("")
                ));
            }
        }
    }
    out.extend(openslo.slos(file)?);
    if out.is_empty() {
        return Err(format!("{file}: no SLO documents in the file"));
    }
    Ok(out)
}

/// Moves the line of a `file:LINE:COL: message` error by the document's offset.
fn shift(e: &str, file: &str, first_line: u32) -> String {
    let Some(rest) = e.strip_prefix(&format!("{file}:")) else {
        return e.to_string();
    };
    let mut parts = rest.splitn(2, ':');
    match (
        parts.next().and_then(|l| l.parse::<u32>().ok()),
        parts.next(),
    ) {
        (Some(line), Some(tail)) => format!("{file}:{}:{tail}", line + first_line),
        _ => e.to_string(),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OurDoc {
    #[allow(dead_code)]
    api_version: String,
    #[allow(dead_code)]
    kind: String,
    metadata: OurMeta,
    spec: OurSpec,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OurMeta {
    name: String,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    annotations: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OurSpec {
    service: String,
    #[serde(default)]
    description: String,
    objective: Spanned<f64>,
    #[serde(default)]
    window: Option<Spanned<String>>,
    sli: Spanned<OurSli>,
    #[serde(default)]
    group_by: Vec<String>,
    #[serde(default)]
    alerting: Option<OurAlerting>,
    #[serde(default)]
    budget_policy: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OurSli {
    #[serde(default)]
    ratio: Option<OurRatio>,
    #[serde(default)]
    latency: Option<OurLatency>,
    #[serde(default)]
    bool_gauge: Option<OurGauge>,
    #[serde(default)]
    events: Option<OurEvents>,
    #[serde(default)]
    error_ratio: Option<Spanned<String>>,
}

/// A 0/1 gauge, 1 when good (`up`, a probe's success).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OurGauge {
    metric: Spanned<String>,
}

/// Whole queries with `{{.window}}`: the rate of errors and of all events.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OurEvents {
    errors: Spanned<String>,
    total: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OurRatio {
    #[serde(default)]
    errors: Option<Spanned<String>>,
    #[serde(default)]
    good: Option<Spanned<String>>,
    total: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Threshold {
    Number(f64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OurLatency {
    histogram: Spanned<String>,
    threshold: Spanned<Threshold>,
    /// A native histogram (the metric itself, no `_bucket`).
    #[serde(default)]
    native: bool,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OurTier {
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    annotations: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OurAlerting {
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    annotations: BTreeMap<String, String>,
    #[serde(default)]
    runbook: Option<String>,
    #[serde(default)]
    page: Option<OurTier>,
    #[serde(default)]
    ticket: Option<OurTier>,
    #[serde(default)]
    min_events: Option<u64>,
}

/// `sum by (g) (rate(SELECTOR[{{.window}}]))`, or `sum(...)` without grouping.
pub fn rate_of(selector: &str, group_by: &[String]) -> String {
    let by = if group_by.is_empty() {
        String::new()
    } else {
        format!(" by ({})", group_by.join(", "))
    };
    format!("sum{by} (rate({}[{WINDOW}]))", selector.trim())
}

/// A boolean gauge (1 good, 0 bad) as per-second rates of samples: errors are the samples
/// at 0, the total is every sample, each divided by the window's seconds.
pub fn gauge_sli(metric: &str, group_by: &[String], at: SourceLocation) -> Sli {
    let by = if group_by.is_empty() {
        String::new()
    } else {
        format!(" by ({})", group_by.join(", "))
    };
    let m = metric.trim();
    Sli::Events {
        errors: template(
            format!(
                "sum{by} (count_over_time({m}[{WINDOW}]) - sum_over_time({m}[{WINDOW}])) / {WINDOW_SECONDS}"
            ),
            at.clone(),
        ),
        total: template(
            format!("sum{by} (count_over_time({m}[{WINDOW}])) / {WINDOW_SECONDS}"),
            at,
        ),
    }
}

/// A native-histogram latency SLI: events are `histogram_count`, errors the share above
/// `seconds` by `histogram_fraction`.
pub fn native_latency_sli(
    metric: &str,
    seconds: f64,
    group_by: &[String],
    at: SourceLocation,
) -> Sli {
    let total = rate_of(metric, group_by);
    Sli::Events {
        errors: template(
            format!(
                "histogram_count({total}) * (1 - histogram_fraction(0, {}, {total}))",
                crate::rules::num(seconds)
            ),
            at.clone(),
        ),
        total: template(format!("histogram_count({total})"), at),
    }
}

/// `selector` with `le="VALUE"` added (the selector is checked as PromQL later).
pub fn with_le(selector: &str, le: &str) -> String {
    let s = selector.trim();
    match s.strip_suffix('}') {
        Some(inner) if inner.trim_end().ends_with('{') => format!("{inner}le=\"{le}\"}}"),
        Some(inner) => format!("{inner}, le=\"{le}\"}}"),
        None => format!("{s}{{le=\"{le}\"}}"),
    }
}

pub fn template(text: String, at: SourceLocation) -> Template {
    Template { text, at: Some(at) }
}

/// A window as written: `Nd`, `Nw` or `calendar-month`.
pub fn window(text: &str) -> Result<Window, String> {
    let t = text.trim();
    if t == "calendar-month" || t == "month" {
        return Ok(Window::CalendarMonth);
    }
    let (n, unit) = t.split_at(t.len().saturating_sub(1));
    let n: u32 = n
        .parse()
        .map_err(|_| format!("window {t:?} is not Nd, Nw or calendar-month"))?;
    match unit {
        "d" => Ok(Window::Rolling { days: n }),
        "w" => Ok(Window::Rolling { days: n * 7 }),
        _ => Err(format!("window {t:?} is not Nd, Nw or calendar-month")),
    }
}

fn ours(d: OurDoc, file: &str, doc: &Document<'_>) -> Result<Slo, String> {
    let spec = d.spec;
    let sli_at = at(file, doc, &spec.sli);
    let g = &spec.group_by;
    let s = &spec.sli.value;
    let given = [
        s.ratio.is_some(),
        s.latency.is_some(),
        s.bool_gauge.is_some(),
        s.events.is_some(),
        s.error_ratio.is_some(),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    if given != 1 {
        return Err(format!(
            "{}:{}:{}: sli needs exactly one of ratio, latency, boolGauge, events or errorRatio",
            file, sli_at.line, sli_at.column
        ));
    }
    let sli = if let Some(gauge) = &s.bool_gauge {
        gauge_sli(&gauge.metric.value, g, at(file, doc, &gauge.metric))
    } else if let Some(e) = &s.events {
        Sli::Events {
            errors: template(e.errors.value.clone(), at(file, doc, &e.errors)),
            total: template(e.total.value.clone(), at(file, doc, &e.total)),
        }
    } else if let Some(r) = &s.error_ratio {
        Sli::Ratio {
            ratio: template(r.value.clone(), at(file, doc, r)),
        }
    } else {
        match (&s.ratio, &s.latency) {
            (Some(r), None) => {
                let total = template(rate_of(&r.total.value, g), at(file, doc, &r.total));
                match (&r.errors, &r.good) {
                    (Some(e), None) => Sli::Events {
                        errors: template(rate_of(&e.value, g), at(file, doc, e)),
                        total,
                    },
                    (None, Some(good)) => Sli::Events {
                        errors: template(
                            format!(
                                "({}) - ({})",
                                rate_of(&r.total.value, g),
                                rate_of(&good.value, g)
                            ),
                            at(file, doc, good),
                        ),
                        total,
                    },
                    _ => {
                        return Err(format!(
                            "{}:{}:{}: sli.ratio needs exactly one of errors or good, beside total",
                            file, sli_at.line, sli_at.column
                        ));
                    }
                }
            }
            (None, Some(l)) => {
                let le = match &l.threshold.value {
                    Threshold::Number(n) => format!("{n}"),
                    Threshold::Text(t) => t.clone(),
                };
                let h = &l.histogram.value;
                let h_at = at(file, doc, &l.histogram);
                if l.native {
                    let secs: f64 = le.parse().map_err(|_| {
                        let t = at(file, doc, &l.threshold);
                        format!(
                            "{file}:{}:{}: a native histogram's threshold is a number of seconds",
                            t.line, t.column
                        )
                    })?;
                    native_latency_sli(h, secs, g, h_at)
                } else {
                    Sli::Events {
                        errors: template(
                            format!(
                                "({}) - ({})",
                                rate_of(&with_le(h, "+Inf"), g),
                                rate_of(&with_le(h, &le), g)
                            ),
                            h_at.clone(),
                        ),
                        total: template(rate_of(&with_le(h, "+Inf"), g), h_at),
                    }
                }
            }
            _ => {
                return Err(format!(
                    "{}:{}:{}: sli needs exactly one of ratio or latency",
                    file, sli_at.line, sli_at.column
                ));
            }
        }
    };
    let win = match &spec.window {
        Some(w) => window(&w.value).map_err(|e| {
            let l = at(file, doc, w);
            format!("{file}:{}:{}: {e}", l.line, l.column)
        })?,
        None => Window::Rolling { days: 30 },
    };
    let mut alerting = Alerting::default();
    if let Some(a) = spec.alerting {
        alerting.enabled = a.enabled.unwrap_or(true);
        if let Some(n) = a.name {
            alerting.name = n;
        }
        alerting.labels = a.labels;
        alerting.annotations = a.annotations;
        if let Some(r) = a.runbook {
            alerting.annotations.insert("runbook_url".into(), r);
        }
        if let Some(p) = a.page {
            alerting.page_labels.extend(p.labels);
            alerting.page_annotations = p.annotations;
        }
        if let Some(t) = a.ticket {
            alerting.ticket_labels.extend(t.labels);
            alerting.ticket_annotations = t.annotations;
        }
        alerting.min_events = a.min_events.unwrap_or(0);
    }
    let mut labels = d.metadata.labels;
    for (k, v) in d.metadata.annotations {
        alerting.annotations.entry(k).or_insert(v);
    }
    labels.retain(|k, _| !k.contains('/'));
    Ok(Slo {
        service: spec.service,
        name: d.metadata.name,
        description: spec.description,
        objective: spec.objective.value / 100.0,
        objective_at: Some(at(file, doc, &spec.objective)),
        window: win,
        sli,
        group_by: spec.group_by,
        labels,
        alerting,
        budget_policy: spec.budget_policy,
        at: Some(doc_at(file, doc)),
        format: "sre-toolkit",
    })
}

#[derive(Deserialize)]
struct SlothCrd {
    spec: SlothFile,
}

/// Sloth's `prometheus/v1` file (snake_case) and its CRD's spec (camelCase), one struct.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlothFile {
    #[serde(default)]
    #[allow(dead_code)]
    version: Option<String>,
    service: String,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    slos: Vec<Spanned<SlothSlo>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlothSlo {
    name: String,
    objective: Spanned<f64>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    sli: SlothSli,
    #[serde(default)]
    alerting: Option<SlothAlerting>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlothSli {
    #[serde(default)]
    events: Option<SlothEvents>,
    #[serde(default)]
    raw: Option<SlothRaw>,
    #[serde(default)]
    plugin: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlothEvents {
    #[serde(alias = "errorQuery")]
    error_query: Spanned<String>,
    #[serde(alias = "totalQuery")]
    total_query: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlothRaw {
    #[serde(alias = "errorRatioQuery")]
    error_ratio_query: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlothAlerting {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    annotations: BTreeMap<String, String>,
    #[serde(default, alias = "pageAlert")]
    page_alert: Option<SlothTier>,
    #[serde(default, alias = "ticketAlert")]
    ticket_alert: Option<SlothTier>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SlothTier {
    #[serde(default)]
    disable: bool,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    annotations: BTreeMap<String, String>,
}

fn sloth(
    f: SlothFile,
    file: &str,
    doc: &Document<'_>,
    format: &'static str,
) -> Result<Vec<Slo>, String> {
    let mut out = Vec::new();
    for s in f.slos {
        let s_at = at(file, doc, &s);
        let s = s.value;
        let sli = match (s.sli.events, s.sli.raw, s.sli.plugin) {
            (Some(e), None, None) => Sli::Events {
                errors: template(e.error_query.value.clone(), at(file, doc, &e.error_query)),
                total: template(e.total_query.value.clone(), at(file, doc, &e.total_query)),
            },
            (None, Some(r), None) => Sli::Ratio {
                ratio: template(
                    r.error_ratio_query.value.clone(),
                    at(file, doc, &r.error_ratio_query),
                ),
            },
            (None, None, Some(_)) => {
                return Err(format!(
                    "{file}:{}:{}: SLO {:?}: Sloth SLI plugins are not supported; write the plugin's queries as sli.events",
                    s_at.line, s_at.column, s.name
                ));
            }
            _ => {
                return Err(format!(
                    "{file}:{}:{}: SLO {:?}: sli needs exactly one of events or raw",
                    s_at.line, s_at.column, s.name
                ));
            }
        };
        let mut alerting = Alerting::default();
        if let Some(a) = s.alerting {
            if let Some(n) = a.name {
                alerting.name = n;
            }
            alerting.labels = a.labels;
            alerting.annotations = a.annotations;
            let (page, ticket) = (
                a.page_alert.unwrap_or_default(),
                a.ticket_alert.unwrap_or_default(),
            );
            match (page.disable, ticket.disable) {
                (true, true) => alerting.enabled = false,
                (false, false) => {}
                _ => {
                    return Err(format!(
                        "{file}:{}:{}: SLO {:?}: disabling only the page or only the ticket alert is not supported; disable both, or neither",
                        s_at.line, s_at.column, s.name
                    ));
                }
            }
            alerting.page_labels.extend(page.labels);
            alerting.page_annotations = page.annotations;
            alerting.ticket_labels.extend(ticket.labels);
            alerting.ticket_annotations = ticket.annotations;
        }
        let mut labels = f.labels.clone();
        labels.extend(s.labels);
        out.push(Slo {
            service: f.service.clone(),
            name: s.name,
            description: s.description,
            objective: s.objective.value / 100.0,
            objective_at: Some(at(file, doc, &s.objective)),
            window: Window::Rolling { days: 30 },
            sli,
            group_by: Vec::new(),
            labels,
            alerting,
            budget_policy: None,
            at: Some(s_at),
            format,
        });
    }
    Ok(out)
}

/// Reads every file in `paths` (`-` is stdin).
pub fn read_all(paths: &[std::path::PathBuf]) -> Result<Vec<Slo>, shared::error::Error> {
    use std::io::Read;
    let mut out = Vec::new();
    for p in paths {
        let (text, name) = if p.as_os_str() == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| bad(format!("<stdin>: {e}")))?;
            (s, "<stdin>".to_string())
        } else {
            let name = p.display().to_string();
            let text = std::fs::read_to_string(p).map_err(|e| bad(format!("{name}: {e}")))?;
            (text, name)
        };
        out.extend(parse(&text, &name).map_err(bad)?);
    }
    Ok(out)
}

fn bad(message: String) -> shared::error::Error {
    shared::error::Error::usage(
        message,
        "see `kubectl slo generate --help` for the SLO format (ours, Sloth prometheus/v1 or PrometheusServiceLevel)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &str = r#"# two SLOs
apiVersion: slo.sre-toolkit.io/v1alpha1
kind: SLO
metadata:
  name: availability
  labels: {team: payments}
spec:
  service: checkout
  objective: 99.9
  window: 28d
  sli:
    ratio:
      errors: http_requests_total{job="checkout", code=~"5.."}
      total: http_requests_total{job="checkout"}
  groupBy: [route]
  alerting:
    runbook: https://runbooks.example/checkout
    minEvents: 100
---
apiVersion: slo.sre-toolkit.io/v1alpha1
kind: SLO
metadata: {name: latency}
spec:
  service: checkout
  objective: 99
  window: calendar-month
  sli:
    latency:
      histogram: http_request_duration_seconds_bucket{job="checkout"}
      threshold: 0.3
"#;

    #[test]
    fn our_documents_become_slos_with_locations() {
        let slos = parse(OURS, "slo.yaml").expect("parses");
        assert_eq!(slos.len(), 2);
        let a = &slos[0];
        assert_eq!(a.id(), "checkout-availability");
        assert!((a.objective - 0.999).abs() < 1e-12);
        assert_eq!(a.window, Window::Rolling { days: 28 });
        assert_eq!(a.alerting.min_events, 100);
        assert_eq!(
            a.alerting
                .annotations
                .get("runbook_url")
                .map(String::as_str),
            Some("https://runbooks.example/checkout")
        );
        let Sli::Events { errors, total } = &a.sli else {
            panic!("events")
        };
        assert_eq!(
            errors.at_window("5m"),
            "sum by (route) (rate(http_requests_total{job=\"checkout\", code=~\"5..\"}[5m]))"
        );
        assert_eq!(errors.at.as_ref().map(|l| l.line), Some(13));
        assert_eq!(
            total.at_window("1h"),
            "sum by (route) (rate(http_requests_total{job=\"checkout\"}[1h]))"
        );
        let b = &slos[1];
        assert_eq!(b.window, Window::CalendarMonth);
        assert_eq!(b.objective_at.as_ref().map(|l| l.line), Some(25));
        let Sli::Events { errors, .. } = &b.sli else {
            panic!("events")
        };
        assert!(
            errors
                .at_window("5m")
                .contains("http_request_duration_seconds_bucket{job=\"checkout\", le=\"0.3\"}[5m]"),
            "{errors:?}"
        );
    }

    #[test]
    fn errors_name_the_line_of_the_document_they_are_in() {
        let text = OURS.replace("  groupBy: [route]", "  groupby: [route]");
        let e = parse(&text, "slo.yaml").expect_err("unknown field");
        assert!(e.starts_with("slo.yaml:15:"), "{e}");
        assert!(e.contains("groupby"), "{e}");
        let second = OURS.replace("window: calendar-month", "window: 3x");
        let e = parse(&second, "slo.yaml").expect_err("bad window");
        assert!(e.starts_with("slo.yaml:26:"), "{e}");
        let e = parse("kind: Deployment\n", "d.yaml").expect_err("not an SLO");
        assert!(e.contains("not an SLO document"), "{e}");
    }

    #[test]
    fn sloth_files_read_with_the_same_meaning() {
        let text = r#"version: "prometheus/v1"
service: "myservice"
labels:
  owner: "myteam"
slos:
  - name: "requests-availability"
    objective: 99.9
    description: "Common SLO based on availability for HTTP request responses."
    sli:
      events:
        error_query: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
        total_query: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
    alerting:
      name: MyServiceHighErrorRate
      labels:
        category: "availability"
      page_alert:
        labels:
          severity: pageteam
      ticket_alert:
        labels:
          severity: "slack"
"#;
        let slos = parse(text, "sloth.yaml").expect("sloth");
        assert_eq!(slos.len(), 1);
        let s = &slos[0];
        assert_eq!(s.id(), "myservice-requests-availability");
        assert_eq!(s.format, "sloth");
        assert_eq!(s.alerting.name, "MyServiceHighErrorRate");
        assert_eq!(
            s.alerting.page_labels.get("severity").map(String::as_str),
            Some("pageteam")
        );
        assert_eq!(s.labels.get("owner").map(String::as_str), Some("myteam"));
        let Sli::Events { errors, .. } = &s.sli else {
            panic!("events")
        };
        assert!(errors.at_window("1h").ends_with("[1h]))"));
        let crd = format!(
            "apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata: {{name: x}}\nspec:\n{}",
            text.lines()
                .filter(|l| !l.starts_with("version"))
                .map(|l| format!("  {l}\n"))
                .collect::<String>()
                .replace("error_query", "errorQuery")
                .replace("total_query", "totalQuery")
                .replace("page_alert", "pageAlert")
                .replace("ticket_alert", "ticketAlert")
        );
        let from_crd = parse(&crd, "crd.yaml").expect("crd");
        let Sli::Events {
            errors: crd_errors, ..
        } = &from_crd[0].sli
        else {
            panic!("events")
        };
        assert_eq!(crd_errors.text, errors.text);
        assert_eq!(from_crd[0].format, "sloth-crd");
        assert_eq!(from_crd[0].alerting.name, s.alerting.name);
        let one_tier = text.replace(
            "      ticket_alert:\n",
            "      ticket_alert:\n        disable: true\n",
        );
        let e = parse(&one_tier, "sloth.yaml").expect_err("one tier disabled");
        assert!(
            e.contains("disabling only the page or only the ticket"),
            "{e}"
        );
    }
}
