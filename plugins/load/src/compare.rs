//! `kubectl load compare A.json B.json`: what changed between two runs, metric by metric,
//! with the relative change; `--max-regression` turns a worse p99 or error rate into exit 1.

use crate::cli::Format;
use crate::report::{self, Report};
use serde::Serialize;
use shared::error::Error;
use shared::run::Outcome;
use std::io::Write;
use std::path::Path;

/// One compared metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delta {
    /// Metric name.
    pub metric: String,
    /// In A.
    pub before: f64,
    /// In B.
    pub after: f64,
    /// (after − before) / before, when before is not 0.
    pub change: Option<f64>,
    /// Whether a larger value is worse.
    pub higher_is_worse: bool,
}

impl Delta {
    /// Whether B is worse than A by more than `limit` (a fraction).
    pub fn regressed(&self, limit: f64) -> bool {
        match self.change {
            Some(c) if self.higher_is_worse => c > limit,
            Some(c) => -c > limit,
            None => self.higher_is_worse && self.after > self.before,
        }
    }
}

/// The deltas between `a` and `b`.
pub fn compare(a: &Report, b: &Report) -> Vec<Delta> {
    let (x, y) = (&a.summary, &b.summary);
    let rows: [(&str, f64, f64, bool); 10] = [
        ("requests/s", x.achieved_rate, y.achieved_rate, false),
        (
            "error rate %",
            x.error_rate * 100.0,
            y.error_rate * 100.0,
            true,
        ),
        ("p50 ms", x.latency.p50, y.latency.p50, true),
        ("p90 ms", x.latency.p90, y.latency.p90, true),
        ("p95 ms", x.latency.p95, y.latency.p95, true),
        ("p99 ms", x.latency.p99, y.latency.p99, true),
        ("p99.9 ms", x.latency.p999, y.latency.p999, true),
        ("max ms", x.latency.max, y.latency.max, true),
        ("mean ms", x.latency.mean, y.latency.mean, true),
        ("dropped", x.dropped as f64, y.dropped as f64, true),
    ];
    rows.into_iter()
        .map(|(metric, before, after, higher_is_worse)| Delta {
            metric: metric.into(),
            before,
            after,
            change: (before != 0.0).then(|| (after - before) / before),
            higher_is_worse,
        })
        .collect()
}

/// The table for people.
pub fn render(deltas: &[Delta], a: &str, b: &str) -> String {
    let rows: Vec<Vec<String>> = deltas
        .iter()
        .map(|d| {
            vec![
                d.metric.clone(),
                format!("{:.2}", d.before),
                format!("{:.2}", d.after),
                d.change
                    .map(|c| format!("{:+.1}%", c * 100.0))
                    .unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    shared::output::table(&["metric", a, b, "change"], &rows, false)
}

/// `kubectl load compare`: the deltas of two `-o json` reports, rendered in `format`;
/// [`Outcome::Problems`] when `--max-regression` is exceeded on throughput, errors or p99.
pub fn command(
    before: &Path,
    after: &Path,
    max_regression: Option<&str>,
    format: Format,
) -> anyhow::Result<Outcome> {
    let read = |p: &Path| -> Result<report::Report, Error> {
        let text = std::fs::read_to_string(p).map_err(|e| {
            Error::usage(
                format!("cannot read {}: {e}", p.display()),
                "give two `-o json` reports",
            )
        })?;
        serde_json::from_str(&text).map_err(|e| {
            Error::usage(
                format!("{} is not a LoadReport: {e}", p.display()),
                "give two `kubectl load run -o json` outputs",
            )
        })
    };
    let (a, b) = (read(before)?, read(after)?);
    let deltas = compare(&a, &b);
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => shared::output::write_json(&mut out, &deltas)?,
        Format::Yaml => shared::output::write_yaml(&mut out, &deltas)?,
        _ => write!(out, "{}", render(&deltas, &a.metadata.run, &b.metadata.run))?,
    }
    let limit = match max_regression {
        Some(s) => Some(
            s.trim_end_matches('%')
                .parse::<f64>()
                .map(|v| v / 100.0)
                .map_err(|_| {
                    Error::usage(
                        format!("--max-regression {s:?} is not a percentage"),
                        "e.g. --max-regression 10%",
                    )
                })?,
        ),
        None => None,
    };
    let watched = ["requests/s", "error rate %", "p99 ms"];
    let regressed = limit.is_some_and(|l| {
        deltas
            .iter()
            .filter(|d| watched.contains(&d.metric.as_str()))
            .any(|d| d.regressed(l))
    });
    Ok(if regressed {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regressions_respect_direction() {
        let worse = Delta {
            metric: "p99 ms".into(),
            before: 10.0,
            after: 12.0,
            change: Some(0.2),
            higher_is_worse: true,
        };
        assert!(worse.regressed(0.1));
        assert!(!worse.regressed(0.25));
        let slower_rate = Delta {
            metric: "requests/s".into(),
            before: 100.0,
            after: 80.0,
            change: Some(-0.2),
            higher_is_worse: false,
        };
        assert!(slower_rate.regressed(0.1));
        let from_zero = Delta {
            metric: "error rate %".into(),
            before: 0.0,
            after: 1.0,
            change: None,
            higher_is_worse: true,
        };
        assert!(from_zero.regressed(0.5));
    }
}
