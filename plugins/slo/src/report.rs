//! `kubectl slo report`: per SLO the SLI over its window computed exactly from the raw
//! counters (Σ errors / Σ events over the window, not an average of ratios), the budget
//! total and left in events and in time, the burn rate now over each alert window, the time
//! to exhaustion at the current burn, a status and the spec's budget policy; with
//! `--by-month`, each calendar month's SLI and budget. [`collect`] queries Prometheus (the
//! rules need not be installed); [`judge`] is pure.

use crate::rules::{BURN_WINDOWS, num, threshold, window_secs};
use crate::spec::{Sli, Slo, Window};
use serde::Serialize;
use shared::finding::{Finding, ObjectRef, Severity};
use shared::prometheus::Client;
use std::collections::BTreeMap;

/// The windows whose burn rate is reported.
pub const BURN_REPORTED: [&str; 5] = ["5m", "1h", "6h", "1d", "3d"];

/// Errors and events over one range (events `None` for a raw-ratio SLI).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Measure {
    /// The error ratio, when there was traffic.
    pub ratio: Option<f64>,
    /// Bad events.
    pub errors: Option<f64>,
    /// All events.
    pub events: Option<f64>,
}

/// A calendar month's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Month {
    /// `2026-11`.
    pub month: String,
    /// The SLI in percent (`None`: no traffic).
    pub sli_percent: Option<f64>,
    /// Budget left, as a fraction of the month's budget (negative: overspent).
    pub budget_remaining: Option<f64>,
    /// Bad and all events.
    pub errors: Option<f64>,
    /// All events.
    pub events: Option<f64>,
    /// `ok`, `exhausted` or `no-data`.
    pub status: &'static str,
}

/// One SLO's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SloReport {
    /// The SLO id.
    pub slo: String,
    /// Service.
    pub service: String,
    /// Objective, percent.
    pub objective_percent: f64,
    /// The window as written.
    pub window: String,
    /// The SLI over the window, percent.
    pub sli_percent: Option<f64>,
    /// Bad events in the window.
    pub errors: Option<f64>,
    /// All events in the window.
    pub events: Option<f64>,
    /// The budget in events.
    pub budget_events: Option<f64>,
    /// Budget left as a fraction (1 = untouched, 0 = spent, negative = overspent).
    pub budget_remaining: Option<f64>,
    /// Budget left as time at the objective's error rate, seconds.
    pub budget_remaining_seconds: Option<f64>,
    /// Burn rate now per window (1 = spending exactly the budget).
    pub burn_rates: BTreeMap<String, f64>,
    /// Seconds until the budget is spent at the 1h burn rate.
    pub exhaustion_seconds: Option<f64>,
    /// `ok`, `burning` (an alert condition holds now), `exhausted` or `no-data`.
    pub status: &'static str,
    /// The spec's budget policy, shown when the budget is spent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// Calendar months, oldest first (`--by-month`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<Month>,
}

/// The budget left given the window's measure: a fraction of the budget.
fn remaining(slo: &Slo, m: &Measure) -> Option<f64> {
    m.ratio.map(|r| 1.0 - r / slo.budget())
}

/// The report of one SLO from its measures (pure).
pub fn judge(
    slo: &Slo,
    period: &Measure,
    burns: &BTreeMap<String, Measure>,
    months: Vec<Month>,
) -> SloReport {
    let b = slo.budget();
    let burn_rates: BTreeMap<String, f64> = burns
        .iter()
        .filter_map(|(w, m)| Some((w.clone(), m.ratio? / b)))
        .collect();
    let left = remaining(slo, period);
    let window_secs = slo.window.duration().as_secs_f64();
    let alerting = BURN_WINDOWS.iter().any(|w| {
        let f = threshold(slo, w).factor;
        let over = |win: &str| burn_rates.get(win).is_some_and(|r| *r > f);
        over(w.long) && over(w.short)
    });
    let status = match left {
        None => "no-data",
        Some(l) if l <= 0.0 => "exhausted",
        Some(_) if alerting => "burning",
        Some(_) => "ok",
    };
    let exhaustion_seconds = match (left, burn_rates.get("1h")) {
        (Some(l), _) if l <= 0.0 => Some(0.0),
        (Some(l), Some(r)) if *r > 0.0 => Some(l * window_secs / r),
        _ => None,
    };
    SloReport {
        slo: slo.id(),
        service: slo.service.clone(),
        objective_percent: slo.objective * 100.0,
        window: slo.window.display(),
        sli_percent: period.ratio.map(|r| (1.0 - r) * 100.0),
        errors: period.errors,
        events: period.events,
        budget_events: period.events.map(|e| e * b),
        budget_remaining: left,
        budget_remaining_seconds: left.map(|l| l.max(0.0) * window_secs),
        burn_rates,
        exhaustion_seconds,
        status,
        policy: (status == "exhausted")
            .then(|| slo.budget_policy.clone())
            .flatten(),
        months,
    }
}

/// A month's figures from its measure (pure).
pub fn month(slo: &Slo, label: String, m: &Measure) -> Month {
    let left = remaining(slo, m);
    Month {
        month: label,
        sli_percent: m.ratio.map(|r| (1.0 - r) * 100.0),
        budget_remaining: left,
        errors: m.errors,
        events: m.events,
        status: match left {
            None => "no-data",
            Some(l) if l <= 0.0 => "exhausted",
            Some(_) => "ok",
        },
    }
}

/// The findings a report raises, for `--fail-on`.
pub fn findings(reports: &[SloReport]) -> Vec<Finding> {
    reports
        .iter()
        .filter_map(|r| {
            let (check, severity, message, hint) = match r.status {
                "exhausted" => (
                    "budget-exhausted",
                    Severity::Critical,
                    format!(
                        "the {} error budget is spent: SLI {} against {}%",
                        r.window,
                        r.sli_percent.map(|s| format!("{}%", num(s))).unwrap_or_default(),
                        num(r.objective_percent)
                    ),
                    r.policy
                        .clone()
                        .unwrap_or_else(|| "freeze risky changes until the budget recovers".into()),
                ),
                "burning" => (
                    "budget-burning",
                    Severity::Warning,
                    format!(
                        "an alert condition holds now: 1h burn rate {}",
                        r.burn_rates.get("1h").map(|v| num((v * 100.0).round() / 100.0)).unwrap_or_default()
                    ),
                    "look at what changed; the page or ticket alert should be firing".into(),
                ),
                "no-data" => (
                    "no-data",
                    Severity::Warning,
                    "no events in the window: the SLI's series are missing or the queries match nothing".into(),
                    "check the SLI's selectors against Prometheus (`kubectl slo validate`)".into(),
                ),
                _ => return None,
            };
            Some(Finding {
                check: check.into(),
                category: "budget".into(),
                severity,
                object: ObjectRef::cluster("SLO", &r.slo),
                location: None,
                message,
                hint,
                extra: Default::default(),
            })
        })
        .collect()
}

/// The sum of the samples' values, `None` when the result is empty or not finite.
fn scalar(samples: &[shared::prometheus::Sample]) -> Option<f64> {
    let v: f64 = samples.iter().map(|s| s.value).sum();
    (!samples.is_empty() && v.is_finite()).then_some(v)
}

/// The measure of `slo` over the `range` (a PromQL duration) ending at `at`.
pub async fn measure(
    client: &Client,
    slo: &Slo,
    range: &str,
    secs: f64,
    at: f64,
) -> Result<Measure, shared::error::Error> {
    match &slo.sli {
        Sli::Events { errors, total } => {
            let e = scalar(
                &client
                    .query_at(&format!("sum({})", errors.at_window(range)), at)
                    .await?,
            );
            let t = scalar(
                &client
                    .query_at(&format!("sum({})", total.at_window(range)), at)
                    .await?,
            );
            let events = t.map(|t| t * secs);
            let errors = e.map(|e| e * secs).or(events.map(|_| 0.0));
            Ok(Measure {
                ratio: match (errors, events) {
                    (Some(e), Some(t)) if t > 0.0 => Some(e / t),
                    _ => None,
                },
                errors,
                events,
            })
        }
        Sli::Ratio { ratio } => {
            let q = if window_secs(range) > 3 * 86_400 || range.ends_with('s') {
                format!("avg_over_time(({})[{range}:5m])", ratio.at_window("5m"))
            } else {
                ratio.at_window(range)
            };
            Ok(Measure {
                ratio: scalar(&client.query_at(&q, at).await?),
                errors: None,
                events: None,
            })
        }
    }
}

/// `(label, start, end)` of the last `n` calendar months (UTC) up to `now`, oldest first;
/// the current month ends at `now`.
pub fn months(now: jiff::Timestamp, n: u32) -> Vec<(String, i64, i64)> {
    let utc = now.to_zoned(jiff::tz::TimeZone::UTC);
    let mut first = utc
        .date()
        .first_of_month()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap_or_else(|_| utc.clone());
    let mut out = Vec::new();
    let mut end = now.as_second();
    for _ in 0..n {
        let start = first.timestamp().as_second();
        out.push((first.strftime("%Y-%m").to_string(), start, end));
        end = start;
        first = first
            .checked_sub(jiff::Span::new().months(1))
            .unwrap_or_else(|_| first.clone());
    }
    out.reverse();
    out
}

/// Measures and judges every SLO at `now`.
pub async fn collect(
    client: &Client,
    slos: &[Slo],
    now: jiff::Timestamp,
    by_month: u32,
) -> Result<Vec<SloReport>, shared::error::Error> {
    use futures::{StreamExt, TryStreamExt};
    // Eight SLOs at a time, each SLO's queries at once; reports keep the files' order.
    futures::stream::iter(slos)
        .map(|slo| one(client, slo, now, by_month))
        .buffered(8)
        .try_collect()
        .await
}

/// The report of one SLO: its window, every reported burn window and the months, queried
/// concurrently.
async fn one(
    client: &Client,
    slo: &Slo,
    now: jiff::Timestamp,
    by_month: u32,
) -> Result<SloReport, shared::error::Error> {
    let at = now.as_second() as f64;
    let (range, secs) = match slo.window {
        Window::Rolling { .. } => (slo.window.promql(), slo.window.duration().as_secs_f64()),
        Window::CalendarMonth => {
            let (_, start, end) = months(now, 1).remove(0);
            let secs = (end - start).max(60);
            (format!("{secs}s"), secs as f64)
        }
    };
    let months_of = months(now, by_month);
    let (period, burns, history) = futures::future::try_join3(
        measure(client, slo, &range, secs, at),
        futures::future::try_join_all(
            BURN_REPORTED
                .iter()
                .map(|w| measure(client, slo, w, window_secs(w) as f64, at)),
        ),
        futures::future::try_join_all(months_of.iter().map(|(_, start, end)| {
            let secs = (end - start).max(60);
            let range = format!("{secs}s");
            async move { measure(client, slo, &range, secs as f64, *end as f64).await }
        })),
    )
    .await?;
    let burns: BTreeMap<String, Measure> = BURN_REPORTED
        .iter()
        .map(|w| w.to_string())
        .zip(burns)
        .collect();
    let history = months_of
        .into_iter()
        .zip(history)
        .map(|((label, _, _), m)| month(slo, label, &m))
        .collect();
    Ok(judge(slo, &period, &burns, history))
}

/// What `report --html` draws for one SLO: the budget left over the rolling window at each
/// point of the last window (the burn-down), and the 1h burn rate over the last 3 days.
#[derive(Debug, Clone, Default)]
pub struct Charts {
    /// The SLO id.
    pub slo: String,
    /// (Unix seconds, budget left as a fraction).
    pub budget_remaining: Vec<(f64, f64)>,
    /// (Unix seconds, burn rate over 1h).
    pub burn_rate: Vec<(f64, f64)>,
}

/// The error ratio of `slo` over `range` as one PromQL expression.
fn ratio_query(slo: &Slo, range: &str) -> String {
    match &slo.sli {
        Sli::Events { errors, total } => format!(
            "(sum({}) or vector(0)) / sum({})",
            errors.at_window(range),
            total.at_window(range)
        ),
        Sli::Ratio { ratio } => format!("avg({})", ratio.at_window(range)),
    }
}

fn points(series: &[shared::prometheus::Series]) -> Vec<(f64, f64)> {
    series.first().map(|s| s.points.clone()).unwrap_or_default()
}

/// The charts of every SLO as of `at`: two range queries per SLO.
pub async fn charts(
    client: &Client,
    slos: &[Slo],
    at: f64,
) -> Result<Vec<Charts>, shared::error::Error> {
    let mut out = Vec::new();
    for slo in slos {
        let budget = num(slo.budget());
        let window = slo.window.promql();
        let span = slo.window.duration().as_secs_f64();
        // About 120 points over the window, the step a whole number of minutes.
        let step =
            std::time::Duration::from_secs(((span / 120.0 / 60.0).ceil() as u64).max(1) * 60);
        let remaining = client
            .query_range(
                &format!("1 - ({}) / {budget}", ratio_query(slo, &window)),
                at - span,
                at,
                step,
            )
            .await?;
        let burn = client
            .query_range(
                &format!("({}) / {budget}", ratio_query(slo, "1h")),
                at - 3.0 * 86_400.0,
                at,
                std::time::Duration::from_secs(900),
            )
            .await?;
        out.push(Charts {
            slo: slo.id(),
            budget_remaining: points(&remaining),
            burn_rate: points(&burn),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;

    fn slo() -> Slo {
        parse(
            "apiVersion: slo.sre-toolkit.io/v1alpha1\nkind: SLO\nmetadata: {name: availability}\nspec:\n  service: checkout\n  objective: 99.9\n  budgetPolicy: freeze deploys\n  sli:\n    ratio:\n      errors: req_total{code=~\"5..\"}\n      total: req_total\n",
            "t.yaml",
        )
        .expect("parses")
        .remove(0)
    }

    fn m(errors: f64, events: f64) -> Measure {
        Measure {
            ratio: (events > 0.0).then(|| errors / events),
            errors: Some(errors),
            events: Some(events),
        }
    }

    fn burns(ratio: f64) -> BTreeMap<String, Measure> {
        BURN_REPORTED
            .iter()
            .map(|w| (w.to_string(), m(ratio * 1000.0, 1000.0)))
            .collect()
    }

    #[test]
    fn budgets_in_events_and_time() {
        let r = judge(&slo(), &m(250.0, 1_000_000.0), &burns(0.0005), vec![]);
        assert_eq!(r.status, "ok");
        let budget = r.budget_events.expect("budget");
        assert!((budget - 1000.0).abs() < 1e-6, "{budget}");
        let left = r.budget_remaining.expect("left");
        assert!((left - 0.75).abs() < 1e-9, "{left}");
        let secs = r.budget_remaining_seconds.expect("secs");
        assert!((secs - 0.75 * 30.0 * 86_400.0).abs() < 1e-3, "{secs}");
        let burn = r.burn_rates["1h"];
        assert!((burn - 0.5).abs() < 1e-9);
        let ex = r.exhaustion_seconds.expect("exhaustion");
        assert!((ex - 0.75 * 30.0 * 86_400.0 / 0.5).abs() < 1e-3, "{ex}");
        assert!(findings(&[r]).is_empty(), "a healthy SLO raises nothing");
    }

    #[test]
    fn spent_budgets_burning_and_no_data() {
        let spent = judge(&slo(), &m(2_000.0, 1_000_000.0), &burns(0.0005), vec![]);
        assert_eq!(spent.status, "exhausted");
        assert_eq!(spent.policy.as_deref(), Some("freeze deploys"));
        assert_eq!(spent.exhaustion_seconds, Some(0.0));
        // 2 % errors now: 20× the budget rate, over 14.4 on 1h and 5m.
        let burning = judge(&slo(), &m(100.0, 1_000_000.0), &burns(0.02), vec![]);
        assert_eq!(burning.status, "burning");
        let none = judge(&slo(), &m(0.0, 0.0), &BTreeMap::new(), vec![]);
        assert_eq!(none.status, "no-data");
        let f = findings(&[spent, burning, none]);
        let ids: Vec<&str> = f.iter().map(|f| f.check.as_str()).collect();
        assert_eq!(ids, ["budget-exhausted", "budget-burning", "no-data"]);
        assert_eq!(f[0].hint, "freeze deploys");
    }

    #[test]
    fn calendar_months_end_at_now_and_go_back() {
        let now: jiff::Timestamp = "2026-12-02T06:00:00Z".parse().expect("time");
        let m = months(now, 3);
        let labels: Vec<&str> = m.iter().map(|(l, _, _)| l.as_str()).collect();
        assert_eq!(labels, ["2026-10", "2026-11", "2026-12"]);
        assert_eq!(m[1].2 - m[1].1, 30 * 86_400, "November has 30 days");
        assert_eq!(m[0].2 - m[0].1, 31 * 86_400);
        assert_eq!(m[2].2, now.as_second());
    }
}
