//! History from a Prometheus-compatible API. `ALERTS` and `ALERTS_FOR_STATE` are read with
//! `last_over_time(…[STEP])` every STEP, so that a point means "a raw sample in the step
//! before" (no 5-minute lookback stretching an episode past its resolution), in chunks of
//! at most 10,000 points per series (Prometheus refuses more than 11,000), four at a time.
//! A chunk that fails is reported as a missing window; all failing is an error. Rules come
//! from `/api/v1/rules?type=alert`, notification counts from Alertmanager's own metrics when
//! Prometheus scrapes it.

use crate::episodes;
use crate::model::{Episode, History, MissingWindow, NotificationStats, Rule};
use futures::StreamExt;
use shared::error::Error;
use shared::prometheus::{Client, Series};
use std::collections::BTreeMap;
use std::time::Duration;

/// Points per series in one range query (Prometheus' limit is 11,000).
pub const MAX_POINTS: u64 = 10_000;

/// Range queries in flight at once.
const CONCURRENCY: usize = 4;

/// The chunks `[start, end]` of a range read every `step` seconds, each at most
/// [`MAX_POINTS`] points, back to back without overlap.
pub fn chunks(start: f64, end: f64, step: f64) -> Vec<(f64, f64)> {
    let span = step * (MAX_POINTS - 1) as f64;
    let mut out = Vec::new();
    let mut s = start;
    while s <= end {
        let e = (s + span).min(end);
        out.push((s, e));
        s = e + step;
    }
    out
}

/// The alerting rules, or the reason they could not be read (a permission refusal is an
/// error: the history would be refused as well).
pub async fn rules(client: &Client) -> Result<Vec<Rule>, Error> {
    let data = client.api("/api/v1/rules?type=alert").await?;
    Ok(parse_rules(&data))
}

fn labels_of(v: &serde_json::Value) -> BTreeMap<String, String> {
    v.as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// Rules from the `data` of `/api/v1/rules`.
pub fn parse_rules(data: &serde_json::Value) -> Vec<Rule> {
    let mut out = Vec::new();
    for g in data["groups"].as_array().into_iter().flatten() {
        let interval = g["interval"].as_f64().unwrap_or(60.0);
        for r in g["rules"].as_array().into_iter().flatten() {
            if r["type"].as_str().is_some_and(|t| t != "alerting") {
                continue;
            }
            out.push(Rule {
                name: r["name"].as_str().unwrap_or_default().to_string(),
                group: g["name"].as_str().unwrap_or_default().to_string(),
                file: g["file"].as_str().unwrap_or_default().to_string(),
                query: r["query"].as_str().unwrap_or_default().to_string(),
                for_seconds: r["duration"].as_f64().unwrap_or(0.0),
                keep_firing_for_seconds: r["keepFiringFor"].as_f64().unwrap_or(0.0),
                interval_seconds: interval,
                labels: labels_of(&r["labels"]),
                annotations: labels_of(&r["annotations"]),
                health: r["health"].as_str().unwrap_or("unknown").to_string(),
                last_error: r["lastError"].as_str().unwrap_or_default().to_string(),
                cluster: String::new(),
            });
        }
    }
    out
}

/// The series of `promql` over the window, chunked; failed chunks become missing windows.
async fn range(
    client: &Client,
    promql: &str,
    start: f64,
    end: f64,
    step: f64,
) -> Result<(Vec<Series>, Vec<MissingWindow>), Error> {
    let parts = chunks(start, end, step);
    let total = parts.len();
    let answers: Vec<(f64, f64, Result<Vec<Series>, Error>)> =
        futures::stream::iter(parts.into_iter().map(|(s, e)| async move {
            let r = client
                .query_range(promql, s, e, Duration::from_secs_f64(step))
                .await;
            (s, e, r)
        }))
        .buffered(CONCURRENCY)
        .collect()
        .await;
    let mut merged: BTreeMap<BTreeMap<String, String>, Vec<(f64, f64)>> = BTreeMap::new();
    let mut missing = Vec::new();
    let mut first_error = None;
    for (s, e, r) in answers {
        match r {
            Ok(series) => {
                for one in series {
                    merged.entry(one.metric).or_default().extend(one.points);
                }
            }
            Err(err @ Error::Denied { .. }) => return Err(err),
            Err(err) => {
                missing.push(MissingWindow {
                    start: s,
                    end: e,
                    reason: err.to_string(),
                });
                first_error.get_or_insert(err);
            }
        }
    }
    if missing.len() == total
        && let Some(err) = first_error
    {
        return Err(err);
    }
    let series = merged
        .into_iter()
        .map(|(metric, points)| Series { metric, points })
        .collect();
    Ok((series, missing))
}

/// How often each alert's rule is evaluated, by alertname (the step when unknown).
fn intervals(rules: &[Rule]) -> BTreeMap<&str, f64> {
    rules
        .iter()
        .map(|r| (r.name.as_str(), r.interval_seconds))
        .collect()
}

/// Reads episodes and activations into `history` (whose window, step and rules are set).
pub async fn read(client: &Client, history: &mut History) -> Result<(), Error> {
    let step = history.step;
    let alerts_q = format!("last_over_time(ALERTS{{alertstate=~\"firing|pending\"}}[{step}s])");
    let (series, missing) = range(client, &alerts_q, history.start, history.end, step).await?;
    history.missing.extend(missing);
    let intervals = intervals(&history.rules);
    let mut eps: Vec<Episode> = Vec::new();
    for s in &series {
        let Some((name, state, labels)) = episodes::split_labels(&s.metric) else {
            continue;
        };
        let interval = intervals.get(name.as_str()).copied().unwrap_or(step);
        let times: Vec<f64> = s.points.iter().map(|p| p.0).collect();
        eps.extend(episodes::from_points(
            &name,
            state,
            &labels,
            &times,
            step,
            interval,
            history.end,
        ));
    }
    episodes::sort(&mut eps);
    history.episodes = eps;

    let for_q = format!("last_over_time(ALERTS_FOR_STATE[{step}s])");
    let (series, missing) = range(client, &for_q, history.start, history.end, step).await?;
    history.missing.extend(missing);
    let mut act: BTreeMap<String, usize> = BTreeMap::new();
    for s in &series {
        let Some(name) = s.metric.get("alertname") else {
            continue;
        };
        let interval = intervals.get(name.as_str()).copied().unwrap_or(step);
        *act.entry(name.clone()).or_default() += episodes::activations(&s.points, step + interval);
    }
    history.activations = Some(act);
    Ok(())
}

/// Notification attempts and failures per integration over the window, from
/// `alertmanager_notifications_total` and `alertmanager_notifications_failed_total`
/// (empty when Prometheus does not scrape Alertmanager).
pub async fn notifications(client: &Client, history: &History) -> Vec<NotificationStats> {
    let w = (history.end - history.start).max(history.step) as u64;
    let q = |m: &str| format!("sum by (integration) (increase({m}[{w}s]))");
    let total = client
        .query_at(&q("alertmanager_notifications_total"), history.end)
        .await
        .unwrap_or_default();
    let failed = client
        .query_at(&q("alertmanager_notifications_failed_total"), history.end)
        .await
        .unwrap_or_default();
    total
        .iter()
        .map(|t| {
            let integration = t.metric.get("integration").cloned().unwrap_or_default();
            let failed = failed
                .iter()
                .find(|f| f.metric.get("integration") == Some(&integration))
                .map(|f| f.value)
                .unwrap_or(0.0);
            NotificationStats {
                cluster: String::new(),
                integration,
                total: t.value,
                failed,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_stay_under_the_points_limit_and_cover_the_window() {
        let step = 60.0;
        let c = chunks(0.0, 30.0 * 86400.0, step);
        assert_eq!(c.len(), 5); // 43,201 points
        for (s, e) in &c {
            assert!((((e - s) / step) as u64) < MAX_POINTS);
        }
        assert_eq!(c[0].0, 0.0);
        assert_eq!(c.last().expect("test input").1, 30.0 * 86400.0);
        for w in c.windows(2) {
            assert_eq!(w[1].0, w[0].1 + step);
        }
        assert_eq!(chunks(0.0, 0.0, 60.0), vec![(0.0, 0.0)]);
    }

    #[test]
    fn rules_are_read_with_their_group_interval_and_health() {
        let data = serde_json::json!({"groups": [{"name": "g", "file": "f.yml", "interval": 30,
            "rules": [{"type": "alerting", "name": "A", "query": "up == 0", "duration": 300,
              "keepFiringFor": 60, "labels": {"severity": "page"}, "annotations": {"runbook_url": "x"},
              "health": "err", "lastError": "boom"},
              {"type": "recording", "name": "r", "query": "up"}]}]});
        let r = parse_rules(&data);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].for_seconds, 300.0);
        assert_eq!(r[0].keep_firing_for_seconds, 60.0);
        assert_eq!(r[0].interval_seconds, 30.0);
        assert_eq!(r[0].labels["severity"], "page");
        assert_eq!(
            (r[0].health.as_str(), r[0].last_error.as_str()),
            ("err", "boom")
        );
    }
}
