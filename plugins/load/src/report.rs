//! The report of a run: the versioned `LoadReport` (`-o json`, schema in
//! docs/output-schema.md) built from the merged result, a table and Markdown for people and
//! CI comments, and a self-contained HTML page with latency-over-time and throughput plots.

use crate::cli::Format;
use crate::result::RunResult;
use crate::spec::{Model, RunSpec};
use crate::threshold::Verdict;
use serde::{Deserialize, Serialize};
use shared::error::Error;
use shared::output::table;
use shared::report::escape::markup;
use shared::run::{Context, Outcome};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// Schema version.
pub const SCHEMA_VERSION: &str = "v1alpha1";
/// `kind`.
pub const KIND: &str = "LoadReport";

/// Latency percentiles, milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Percentiles {
    /// Median.
    pub p50: f64,
    /// 90th.
    pub p90: f64,
    /// 95th.
    pub p95: f64,
    /// 99th.
    pub p99: f64,
    /// 99.9th.
    #[serde(rename = "p99.9")]
    pub p999: f64,
    /// Largest.
    pub max: f64,
    /// Mean.
    pub mean: f64,
}

impl Percentiles {
    fn of(h: &crate::hist::Hist) -> Self {
        let ms = |us: u64| us as f64 / 1000.0;
        Self {
            p50: ms(h.quantile(0.5)),
            p90: ms(h.quantile(0.9)),
            p95: ms(h.quantile(0.95)),
            p99: ms(h.quantile(0.99)),
            p999: ms(h.quantile(0.999)),
            max: ms(h.max()),
            mean: h.mean() / 1000.0,
        }
    }
}

/// The numbers of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Requests completed.
    pub requests: u64,
    /// Failed requests.
    pub errors: u64,
    /// Failed share, 0..1.
    pub error_rate: f64,
    /// Open model: due but never sent.
    pub dropped: u64,
    /// Completed per second.
    pub achieved_rate: f64,
    /// Open model: the asked rate (peak of the stages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_rate: Option<f64>,
    /// Responses by status code.
    pub status_codes: BTreeMap<u16, u64>,
    /// Failures by kind.
    pub error_kinds: BTreeMap<String, u64>,
    /// Latency from the intended start (corrected for coordinated omission).
    pub latency: Percentiles,
    /// Latency from the actual send (what a closed-loop tool would report).
    pub service_time: Percentiles,
    /// Response bytes.
    pub bytes: u64,
}

/// One second of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Point {
    /// Seconds since the start.
    pub second: usize,
    /// Requests completed.
    pub requests: u64,
    /// Errors.
    pub errors: u64,
    /// p50, ms.
    pub p50: f64,
    /// p99, ms.
    pub p99: f64,
}

/// Facts about the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// Run id.
    pub run: String,
    /// Target as given.
    pub target: String,
    /// `local` or `cluster`.
    pub mode: String,
    /// Runners.
    pub runners: usize,
    /// `open` or `closed`.
    pub model: String,
    /// Users (closed model).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub users: Option<usize>,
    /// Planned length, seconds.
    pub duration_seconds: f64,
    /// RFC 3339.
    pub started_at: String,
    /// `quick` (the raw-rate engine) or `scenario` (goose).
    pub engine: String,
    /// How long requests still in flight at the end may finish, seconds; the run never
    /// lasts longer than its duration plus this (the rest count as `unfinished`).
    #[serde(default)]
    pub drain_seconds: f64,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// `load.sre-toolkit.io/v1alpha1`.
    pub api_version: String,
    /// `LoadReport`.
    pub kind: String,
    /// Facts.
    pub metadata: Metadata,
    /// Numbers.
    pub summary: Summary,
    /// Judged thresholds.
    pub thresholds: Vec<Verdict>,
    /// Per second.
    pub timeline: Vec<Point>,
    /// Per runner: requests, errors and p99 (each runner's share, for spotting a bad one).
    pub runners: Vec<RunnerSummary>,
    /// Scenario runs: per step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepSummary>,
    /// The merged measurements with histograms (what `compare` and `results` re-read).
    pub result: RunResult,
}

/// One scenario step, as goose and k6 report per request name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepSummary {
    /// `METHOD name`.
    pub name: String,
    /// Requests.
    pub requests: u64,
    /// Errors.
    pub errors: u64,
    /// p50, ms.
    pub p50: f64,
    /// p95, ms.
    pub p95: f64,
    /// p99, ms.
    pub p99: f64,
}

/// The per-step rows of `r`.
fn steps(r: &RunResult) -> Vec<StepSummary> {
    r.steps
        .iter()
        .map(|(name, s)| StepSummary {
            name: name.clone(),
            requests: s.requests,
            errors: s.errors,
            p50: s.latency.quantile(0.5) as f64 / 1000.0,
            p95: s.latency.quantile(0.95) as f64 / 1000.0,
            p99: s.latency.quantile(0.99) as f64 / 1000.0,
        })
        .collect()
}

fn step_rows(r: &Report) -> Vec<Vec<String>> {
    r.steps
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                s.requests.to_string(),
                s.errors.to_string(),
                ms(s.p50),
                ms(s.p95),
                ms(s.p99),
            ]
        })
        .collect()
}

const STEP_HEADERS: [&str; 6] = ["step", "requests", "errors", "p50", "p95", "p99"];

/// One runner's share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunnerSummary {
    /// Index.
    pub index: usize,
    /// Requests.
    pub requests: u64,
    /// Errors.
    pub errors: u64,
    /// p99 of its share, ms.
    pub p99: f64,
}

impl Report {
    /// Builds the report of `spec` from per-runner results (merged here) and thresholds.
    pub fn new(
        spec: &RunSpec,
        mode: &str,
        started_at: String,
        parts: &[RunResult],
        thresholds: &[crate::threshold::Threshold],
    ) -> Self {
        let merged = RunResult::merged(parts);
        let verdicts = thresholds
            .iter()
            .map(|t| crate::threshold::judge(t, &merged))
            .collect();
        let runners = parts
            .iter()
            .enumerate()
            .map(|(index, r)| RunnerSummary {
                index,
                requests: r.requests,
                errors: r.errors,
                p99: r.latency.quantile(0.99) as f64 / 1000.0,
            })
            .collect();
        let (model, users) = match &spec.model {
            Model::Open { .. } => ("open", None),
            Model::Closed { users, .. } => ("closed", Some(*users)),
        };
        Self {
            api_version: shared::output::api_version("load", SCHEMA_VERSION),
            kind: KIND.into(),
            metadata: Metadata {
                run: spec.run.clone(),
                target: spec.target.clone(),
                mode: mode.into(),
                runners: spec.runners,
                model: model.into(),
                users,
                duration_seconds: spec.model.duration().as_secs_f64(),
                started_at,
                engine: if spec.scenario.is_some() {
                    "scenario"
                } else {
                    "quick"
                }
                .into(),
                drain_seconds: crate::engine::drain(spec.timeout).as_secs_f64(),
            },
            summary: summary(&merged, spec.model.peak_rate()),
            thresholds: verdicts,
            timeline: timeline(&merged),
            runners,
            steps: steps(&merged),
            result: merged,
        }
    }

    /// Judges `thresholds` again on the stored result (for `kubectl load results`).
    pub fn rejudge(&mut self, thresholds: &[crate::threshold::Threshold]) {
        if !thresholds.is_empty() {
            self.thresholds = thresholds
                .iter()
                .map(|t| crate::threshold::judge(t, &self.result))
                .collect();
        }
    }

    /// Whether every threshold held.
    pub fn passed(&self) -> bool {
        self.thresholds.iter().all(|v| v.passed)
    }
}

/// The summary numbers of a result.
pub fn summary(r: &RunResult, target_rate: Option<f64>) -> Summary {
    Summary {
        requests: r.requests,
        errors: r.errors,
        error_rate: r.error_rate(),
        dropped: r.dropped,
        achieved_rate: r.achieved_rate(),
        target_rate,
        status_codes: r.status.clone(),
        error_kinds: r.error_kinds.clone(),
        latency: Percentiles::of(&r.latency),
        service_time: Percentiles::of(&r.service),
        bytes: r.bytes,
    }
}

fn timeline(r: &RunResult) -> Vec<Point> {
    r.timeline
        .iter()
        .enumerate()
        .map(|(second, s)| Point {
            second,
            requests: s.requests,
            errors: s.errors,
            p50: s.latency.quantile(0.5) as f64 / 1000.0,
            p99: s.latency.quantile(0.99) as f64 / 1000.0,
        })
        .collect()
}

fn ms(v: f64) -> String {
    if v >= 1000.0 {
        format!("{:.2}s", v / 1000.0)
    } else {
        format!("{v:.2}ms")
    }
}

fn pct_row(label: &str, p: &Percentiles) -> Vec<String> {
    vec![
        label.to_string(),
        ms(p.p50),
        ms(p.p90),
        ms(p.p95),
        ms(p.p99),
        ms(p.p999),
        ms(p.max),
    ]
}

fn counts<K: std::fmt::Display>(m: &BTreeMap<K, u64>) -> String {
    if m.is_empty() {
        return "-".into();
    }
    m.iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn facts(r: &Report) -> Vec<Vec<String>> {
    let s = &r.summary;
    let m = &r.metadata;
    let load = match (m.users, s.target_rate) {
        (Some(u), _) => format!("closed model, {u} users"),
        (None, Some(t)) => format!("open model, {t:.1}/s target"),
        _ => "open model".into(),
    };
    vec![
        vec!["run".into(), m.run.clone()],
        vec![
            "target".into(),
            shared::sanitize::for_terminal(&m.target).into_owned(),
        ],
        vec![
            "load".into(),
            format!(
                "{load} for {}, {} runner(s) ({}, {} engine)",
                shared::duration::human(std::time::Duration::from_secs_f64(m.duration_seconds)),
                m.runners,
                m.mode,
                m.engine
            ),
        ],
        vec![
            "requests".into(),
            format!(
                "{} at {:.1}/s, {} errors ({:.3}%), {} dropped",
                s.requests,
                s.achieved_rate,
                s.errors,
                s.error_rate * 100.0,
                s.dropped
            ),
        ],
        vec!["status".into(), counts(&s.status_codes)],
        vec!["errors".into(), counts(&s.error_kinds)],
    ]
}

/// The table for people.
pub fn render_table(
    w: &mut dyn Write,
    r: &Report,
    styles: shared::term::Styles,
) -> std::io::Result<()> {
    write!(w, "{}", table(&["", ""], &facts(r), true))?;
    writeln!(w)?;
    let rows = vec![
        pct_row("latency (from intended start)", &r.summary.latency),
        pct_row("service time (from send)", &r.summary.service_time),
    ];
    write!(
        w,
        "{}",
        table(
            &["", "p50", "p90", "p95", "p99", "p99.9", "max"],
            &rows,
            false
        )
    )?;
    if !r.steps.is_empty() {
        writeln!(w)?;
        write!(w, "{}", table(&STEP_HEADERS, &step_rows(r), false))?;
    }
    if !r.thresholds.is_empty() {
        writeln!(w)?;
        let rows: Vec<Vec<String>> = r
            .thresholds
            .iter()
            .map(|v| {
                vec![
                    v.threshold.clone(),
                    v.actual.clone(),
                    if v.passed {
                        styles.ok("pass")
                    } else {
                        styles.critical("FAIL")
                    },
                ]
            })
            .collect();
        write!(
            w,
            "{}",
            table(&["threshold", "actual", "result"], &rows, false)
        )?;
    }
    Ok(())
}

/// Markdown, for CI comments.
pub fn render_markdown(w: &mut dyn Write, r: &Report) -> std::io::Result<()> {
    writeln!(w, "### Load test `{}`\n", r.metadata.run)?;
    writeln!(w, "| | |\n| --- | --- |")?;
    for row in facts(r) {
        writeln!(w, "| {} | {} |", row[0], row[1].replace('|', "\\|"))?;
    }
    writeln!(
        w,
        "\n| | p50 | p90 | p95 | p99 | p99.9 | max |\n| --- | --- | --- | --- | --- | --- | --- |"
    )?;
    for row in [
        pct_row("latency (from intended start)", &r.summary.latency),
        pct_row("service time (from send)", &r.summary.service_time),
    ] {
        writeln!(w, "| {} |", row.join(" | "))?;
    }
    if !r.steps.is_empty() {
        writeln!(
            w,
            "\n| {} |\n|{}",
            STEP_HEADERS.join(" | "),
            " --- |".repeat(6)
        )?;
        for row in step_rows(r) {
            writeln!(w, "| {} |", row.join(" | ").replace('`', "'"))?;
        }
    }
    if !r.thresholds.is_empty() {
        writeln!(w, "\n| threshold | actual | result |\n| --- | --- | --- |")?;
        for v in &r.thresholds {
            let res = if v.passed { "pass" } else { "**FAIL**" };
            writeln!(w, "| `{}` | {} | {res} |", v.threshold, v.actual)?;
        }
    }
    Ok(())
}

/// A self-contained HTML page: the summary and two plots drawn as SVG by an inline script
/// from the embedded timeline (no network, no external assets).
pub fn render_html(r: &Report) -> String {
    let data = serde_json::to_string(&r.timeline)
        .unwrap_or_else(|_| "[]".into())
        .replace("</", "<\\/");
    let mut facts_html = String::new();
    for row in facts(r) {
        facts_html.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>",
            markup(&row[0]),
            markup(&row[1])
        ));
    }
    let mut pct = String::new();
    for row in [
        pct_row("latency (from intended start)", &r.summary.latency),
        pct_row("service time (from send)", &r.summary.service_time),
    ] {
        pct.push_str("<tr>");
        for c in row {
            pct.push_str(&format!("<td>{}</td>", markup(&c)));
        }
        pct.push_str("</tr>");
    }
    let mut th = String::new();
    for v in &r.thresholds {
        th.push_str(&format!(
            "<tr class=\"{}\"><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            if v.passed { "pass" } else { "fail" },
            markup(&v.threshold),
            markup(&v.actual),
            if v.passed { "pass" } else { "FAIL" }
        ));
    }
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Load test {run}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }} td, th {{ border: 1px solid #ccc; padding: .3em .6em; text-align: left; }}
.fail {{ background: #fdd; }} .pass {{ background: #dfd; }}
svg {{ border: 1px solid #ccc; background: #fafafa; }} .axis {{ font-size: 11px; fill: #555; }}
</style></head><body>
<h1>Load test <code>{run}</code></h1>
<table>{facts_html}</table>
<table><tr><th></th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>p99.9</th><th>max</th></tr>{pct}</table>
<table id="thresholds"><tr><th>threshold</th><th>actual</th><th>result</th></tr>{th}</table>
<h2>Latency over time (ms, p50 and p99 per second)</h2><svg id="latency" width="800" height="240"></svg>
<h2>Throughput (requests and errors per second)</h2><svg id="throughput" width="800" height="240"></svg>
<script id="timeline" type="application/json">{data}</script>
<script>
const all = JSON.parse(document.getElementById('timeline').textContent);
// The last, partial second (requests drained after the end) would dominate the plot.
const points = all.filter(p => p.second < Math.max(1, Math.floor({duration})));
function plot(id, series, unit) {{
  const svg = document.getElementById(id), W = 800, H = 240, P = 44;
  const ns = 'http://www.w3.org/2000/svg';
  const el = (tag, attrs, text) => {{
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e);
    return e;
  }};
  const xs = points.map(p => p.second), maxX = Math.max(1, ...xs);
  const maxY = Math.max(1e-9, ...series.flatMap(s => points.map(p => p[s.key])));
  const x = v => P + (W - 2 * P) * v / maxX, y = v => H - P - (H - 2 * P) * v / maxY;
  el('line', {{x1: P, y1: H - P, x2: W - P, y2: H - P, stroke: '#555', class: 'x-axis'}});
  el('line', {{x1: P, y1: P, x2: P, y2: H - P, stroke: '#555', class: 'y-axis'}});
  for (let i = 0; i <= 4; i++) {{
    const v = maxY * i / 4;
    el('line', {{x1: P - 4, y1: y(v), x2: P, y2: y(v), stroke: '#555', class: 'tick'}});
    el('text', {{x: P - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis'}}, v.toFixed(v < 10 ? 2 : 0));
  }}
  const step = Math.max(1, Math.ceil(maxX / 10));
  for (let s = 0; s <= maxX; s += step) {{
    el('line', {{x1: x(s), y1: H - P, x2: x(s), y2: H - P + 4, stroke: '#555', class: 'tick'}});
    el('text', {{x: x(s), y: H - P + 16, 'text-anchor': 'middle', class: 'axis'}}, s + 's');
  }}
  el('text', {{x: 4, y: 14, class: 'axis'}}, unit);
  series.forEach((s, i) => {{
    el('polyline', {{points: points.map(p => `${{x(p.second)}},${{y(p[s.key])}}`).join(' '),
      fill: 'none', stroke: s.color, 'stroke-width': '1.5', 'data-series': s.key}});
    el('rect', {{x: W - P - 120 + i * 60, y: 6, width: 10, height: 10, fill: s.color, class: 'legend'}});
    el('text', {{x: W - P - 106 + i * 60, y: 15, class: 'axis legend'}}, s.key);
  }});
}}
plot('latency', [{{key: 'p50', color: '#2a7'}}, {{key: 'p99', color: '#c33'}}], 'ms');
plot('throughput', [{{key: 'requests', color: '#36c'}}, {{key: 'errors', color: '#c33'}}], 'per second');
</script></body></html>
"#,
        run = markup(&r.metadata.run),
        duration = r.metadata.duration_seconds,
    )
}

/// Renders the report in `format`, writes `--html`, and returns the outcome.
pub fn finish(
    report: &Report,
    format: Format,
    html: &Option<PathBuf>,
    ctx: &Context,
) -> anyhow::Result<Outcome> {
    let dropped = report.result.dropped_rate();
    if dropped > 0.01 {
        ctx.warn(&format!(
            "{} of {} scheduled requests ({:.1}%) were never sent: the generator could not keep the schedule (add --connections or --runners); --threshold 'dropped<1%' fails such a run",
            report.result.dropped,
            report.result.dropped + report.result.requests,
            dropped * 100.0
        ));
    }
    let mut out = std::io::stdout().lock();
    match format {
        Format::Table => render_table(&mut out, report, ctx.stdout)?,
        Format::Markdown => render_markdown(&mut out, report)?,
        Format::Json => shared::output::write_json(&mut out, report)?,
        Format::Yaml => shared::output::write_yaml(&mut out, report)?,
    }
    out.flush()?;
    if let Some(path) = html {
        std::fs::write(path, render_html(report)).map_err(|e| {
            Error::usage(
                format!("cannot write --html {}: {e}", path.display()),
                "give a writable path",
            )
        })?;
    }
    Ok(if report.passed() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}
