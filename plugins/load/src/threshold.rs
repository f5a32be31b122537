//! `--threshold 'p99<200ms'`, `'errors<0.1%'`, `'rate>=450/s'`: SLO gates judged on the
//! merged result of every runner, never on one runner's share.

use crate::result::RunResult;
use serde::{Deserialize, Serialize};

/// What a threshold measures.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Metric {
    /// Latency quantile (0..1) from the intended start.
    Quantile(f64),
    Mean,
    Max,
    /// Share of failed requests.
    Errors,
    /// Share of scheduled requests never sent (open model).
    Dropped,
    /// Completed requests per second.
    Rate,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Lt,
    Le,
    Gt,
    Ge,
}

/// A parsed threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    expr: String,
    metric: Metric,
    op: Op,
    /// Microseconds for latencies, a fraction for errors, per second for rate.
    limit: f64,
}

/// A judged threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// As given.
    pub threshold: String,
    /// The measured value, in the threshold's unit.
    pub actual: String,
    /// Whether it held.
    pub passed: bool,
}

fn parse_latency(s: &str) -> Result<f64, String> {
    let d = shared::duration::parse(s.trim()).map_err(|e| format!("{s:?}: {e}"))?;
    Ok(d.as_secs_f64() * 1e6)
}

/// Parses `METRIC OP VALUE`: metrics `p50`…`p99.9`, `mean`, `max` (durations), `errors` (a
/// percentage or fraction), `rate` (`450/s`).
pub fn parse(expr: &str) -> Result<Threshold, String> {
    let s: String = expr.chars().filter(|c| !c.is_whitespace()).collect();
    let (pos, op, len) = ["<=", ">=", "<", ">"]
        .iter()
        .filter_map(|o| s.find(o).map(|p| (p, *o, o.len())))
        .min_by_key(|(p, _, l)| (*p, std::cmp::Reverse(*l)))
        .ok_or_else(|| format!("threshold {expr:?} has no comparison (e.g. p99<200ms)"))?;
    let (name, value) = (&s[..pos], &s[pos + len..]);
    let op = match op {
        "<" => Op::Lt,
        "<=" => Op::Le,
        ">" => Op::Gt,
        _ => Op::Ge,
    };
    let (metric, limit) = match name {
        "mean" | "avg" => (Metric::Mean, parse_latency(value)?),
        "max" => (Metric::Max, parse_latency(value)?),
        "errors" | "error-rate" | "error_rate" => (Metric::Errors, share(expr, value)?),
        "dropped" => (Metric::Dropped, share(expr, value)?),
        "rate" | "rps" => (Metric::Rate, crate::spec::parse_rate(value)?),
        p if p.starts_with('p') => {
            let q: f64 = p[1..]
                .parse()
                .map_err(|_| format!("threshold {expr:?}: unknown metric {name:?}"))?;
            if !(0.0..=100.0).contains(&q) {
                return Err(format!("threshold {expr:?}: percentile must be 0-100"));
            }
            (Metric::Quantile(q / 100.0), parse_latency(value)?)
        }
        _ => {
            return Err(format!(
                "threshold {expr:?}: unknown metric {name:?} (p50, p90, p95, p99, p99.9, mean, max, errors, dropped, rate)"
            ));
        }
    };
    Ok(Threshold {
        expr: expr.to_string(),
        metric,
        op,
        limit,
    })
}

/// A share: `0.1%` (a percentage) or `0.001` (a fraction), between 0 and 100 %.
fn share(expr: &str, value: &str) -> Result<f64, String> {
    let v = match value.strip_suffix('%') {
        Some(p) => p.parse::<f64>().map(|v| v / 100.0),
        None => value.parse::<f64>(),
    }
    .map_err(|_| format!("threshold {expr:?}: {value:?} is not a share (e.g. 0.1%)"))?;
    if !(0.0..=1.0).contains(&v) {
        return Err(format!(
            "threshold {expr:?}: {value} is not a share between 0% and 100%"
        ));
    }
    Ok(v)
}

fn ms(us: f64) -> String {
    format!("{:.2}ms", us / 1000.0)
}

/// Judges `t` on `r`.
pub fn judge(t: &Threshold, r: &RunResult) -> Verdict {
    let (value, actual) = match t.metric {
        Metric::Quantile(q) => {
            let v = r.latency.quantile(q) as f64;
            (v, ms(v))
        }
        Metric::Mean => (r.latency.mean(), ms(r.latency.mean())),
        Metric::Max => (r.latency.max() as f64, ms(r.latency.max() as f64)),
        Metric::Errors => (r.error_rate(), format!("{:.3}%", r.error_rate() * 100.0)),
        Metric::Dropped => (
            r.dropped_rate(),
            format!("{:.3}%", r.dropped_rate() * 100.0),
        ),
        Metric::Rate => (r.achieved_rate(), format!("{:.1}/s", r.achieved_rate())),
    };
    let passed = match t.op {
        Op::Lt => value < t.limit,
        Op::Le => value <= t.limit,
        Op::Gt => value > t.limit,
        Op::Ge => value >= t.limit,
    };
    Verdict {
        threshold: t.expr.clone(),
        actual,
        passed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result() -> RunResult {
        let mut r = RunResult {
            requests: 1000,
            errors: 2,
            elapsed_seconds: 2.0,
            ..Default::default()
        };
        for i in 1..=1000 {
            r.latency.record(i * 100); // 0.1 .. 100 ms
        }
        r
    }

    #[test]
    fn thresholds_parse_and_judge() {
        let r = result();
        let pass = |e: &str| judge(&parse(e).expect(e), &r).passed;
        assert!(pass("p99<200ms"));
        assert!(!pass("p99<50ms"));
        assert!(pass("p50 <= 51ms"));
        assert!(pass("errors<0.5%"));
        assert!(!pass("errors<0.1%"));
        assert!(pass("error-rate<0.01"));
        assert!(pass("rate>=450/s"));
        assert!(!pass("rate>600/s"));
        assert!(pass("max<1s"));
        let v = judge(&parse("p99.9<1s").expect("p99.9"), &r);
        assert!(
            v.passed && v.actual.starts_with("100.") && v.actual.ends_with("ms"),
            "{v:?}"
        );
        assert!(parse("p99").is_err());
        assert!(parse("p200<1s").is_err());
        assert!(parse("latency<1s").is_err());
        assert!(parse("errors<lots").is_err());
        assert!(
            parse("errors<200%")
                .expect_err("over 100%")
                .contains("between 0% and 100%")
        );
        let mut dropped = result();
        dropped.dropped = 50; // of 1050 scheduled
        let d = judge(&parse("dropped<1%").expect("dropped"), &dropped);
        assert!(!d.passed && d.actual == "4.762%", "{d:?}");
        assert!(judge(&parse("dropped<5%").expect("dropped"), &dropped).passed);
    }
}
