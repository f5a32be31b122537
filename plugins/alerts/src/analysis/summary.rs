//! One summary per alert (episodes, notifications and their share, firings per day, time
//! firing, duration p50/p90, label sets, severity and tier, team), the totals, the
//! actionability score, and the findings about an alert's own noise.

use super::noise::AlertNoise;
use super::recommend::Recommendation;
use super::{ByAlert, FlappingSeries, Settings, stats};
use crate::findings::{self, kind};
use crate::model::{Episode, History, State};
use serde::Serialize;
use shared::finding::Finding;
use std::collections::{BTreeMap, BTreeSet};

/// One alert over the window.
#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AlertSummary {
    /// The alert.
    pub alertname: String,
    /// Its most common severity label.
    pub severity: Option<String>,
    /// Its tier (P0–P4).
    pub tier: String,
    /// Its team (the `team`, `owner` or `service` label), when it has one.
    pub team: Option<String>,
    /// Distinct label sets that fired.
    pub label_sets: usize,
    /// Firing episodes.
    pub episodes: usize,
    /// Notifications (episodes, or webhook payloads offline).
    pub notifications: u64,
    /// Share of all notifications, percent.
    pub share_percent: f64,
    /// Notifications per day of the window.
    pub per_day: f64,
    /// Seconds firing (label sets summed).
    pub firing_seconds: f64,
    /// Median episode duration, seconds.
    pub duration_p50: Option<f64>,
    /// 90th percentile episode duration, seconds.
    pub duration_p90: Option<f64>,
    /// Episodes that resolved within the transient threshold.
    pub transient: usize,
    /// Pending activations.
    pub pending: usize,
    /// Pending activations that never fired.
    pub pending_never_fired: usize,
    /// Open episodes firing longer than the stuck threshold.
    pub stuck: usize,
    /// Label sets that flapped.
    pub flapping_label_sets: usize,
    /// Highest percent state change of any label set.
    pub max_psc: f64,
    /// Most state changes in any hour, of any label set.
    pub max_transitions_per_hour: usize,
    /// Activations in `ALERTS_FOR_STATE` (the cross-check), when read.
    pub activations: Option<usize>,
    /// Share of its notifications no recommendation would have removed, percent.
    pub actionability: f64,
    /// Alertmanager receivers its notifications were routed to (with `--alertmanager`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub receivers: Vec<String>,
}

/// Totals over every alert.
#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// Window start, RFC 3339.
    pub start: String,
    /// Window end, RFC 3339.
    pub end: String,
    /// Days in the window.
    pub days: f64,
    /// Alerts that fired.
    pub alerts: usize,
    /// Firing episodes.
    pub episodes: usize,
    /// Pending episodes.
    pub pending_episodes: usize,
    /// Notifications.
    pub notifications: u64,
    /// Notifications per day.
    pub per_day: f64,
    /// Label sets that flapped.
    pub flapping_label_sets: usize,
    /// Alerting rules read.
    pub rules: usize,
    /// Per cluster of a fleet (empty for one Prometheus).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<ClusterTotals>,
}

/// One cluster of a fleet over the window.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ClusterTotals {
    /// Its name (the `cluster` label).
    pub name: String,
    /// Its Prometheus.
    pub source: String,
    /// Alerts that fired there.
    pub alerts: usize,
    /// Firing episodes.
    pub episodes: usize,
    /// Notifications.
    pub notifications: u64,
    /// Alerting rules read from it.
    pub rules: usize,
    /// Why its history is missing, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The totals of each member of a fleet.
pub fn cluster_totals(history: &History) -> Vec<ClusterTotals> {
    history
        .clusters
        .iter()
        .map(|c| {
            let firing = || {
                history
                    .episodes
                    .iter()
                    .filter(|e| e.state == State::Firing && e.cluster() == c.name)
            };
            ClusterTotals {
                name: c.name.clone(),
                source: c.source.clone(),
                alerts: firing()
                    .map(|e| e.alertname.as_str())
                    .collect::<BTreeSet<_>>()
                    .len(),
                episodes: firing().count(),
                notifications: firing().map(|e| u64::from(e.notifications)).sum(),
                rules: history.rules.iter().filter(|r| r.cluster == c.name).count(),
                error: c.error.clone(),
            }
        })
        .collect()
}

/// RFC 3339 of Unix seconds.
pub fn rfc3339(t: f64) -> String {
    jiff::Timestamp::from_second(t as i64)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn days(history: &History) -> f64 {
    ((history.end - history.start) / 86_400.0).max(1.0 / 24.0)
}

fn most_common<'a>(eps: impl Iterator<Item = &'a Episode>, names: &[&str]) -> Option<String> {
    let mut n: BTreeMap<&str, usize> = BTreeMap::new();
    for e in eps {
        if let Some(v) = names.iter().find_map(|k| e.label(k)) {
            *n.entry(v).or_default() += 1;
        }
    }
    n.into_iter()
        .max_by_key(|(v, c)| (*c, std::cmp::Reverse(*v)))
        .map(|(v, _)| v.to_string())
}

/// A summary per alertname (those that fired or were pending), most notifications first.
pub fn alerts(
    history: &History,
    by: &ByAlert,
    noise: &BTreeMap<String, AlertNoise>,
    flapping: &[FlappingSeries],
    settings: &Settings,
) -> Vec<AlertSummary> {
    let total: u64 = history
        .episodes
        .iter()
        .filter(|e| e.state == State::Firing)
        .map(|e| u64::from(e.notifications))
        .sum();
    let names: BTreeSet<&str> = by.firing.keys().chain(by.pending.keys()).copied().collect();
    let mut out: Vec<AlertSummary> = names
        .into_iter()
        .map(|name| {
            let idx = by.firing.get(name).cloned().unwrap_or_default();
            let eps: Vec<&Episode> = idx.iter().map(|&i| &history.episodes[i]).collect();
            let all = || {
                by.firing
                    .get(name)
                    .into_iter()
                    .chain(by.pending.get(name))
                    .flatten()
                    .map(|&i| &history.episodes[i])
            };
            let severity = most_common(all(), &["severity"]);
            let notifications: u64 = eps.iter().map(|e| u64::from(e.notifications)).sum();
            let durations: Vec<f64> = eps
                .iter()
                .filter(|e| !e.open)
                .map(|e| e.duration())
                .collect();
            let label_sets: BTreeSet<_> = eps.iter().map(|e| &e.labels).collect();
            let flaps: Vec<&FlappingSeries> =
                flapping.iter().filter(|f| f.alertname == name).collect();
            let n = noise.get(name).cloned().unwrap_or_default();
            AlertSummary {
                alertname: name.to_string(),
                tier: settings.tiers.tier(severity.as_deref()).to_string(),
                severity,
                team: most_common(all(), &["team", "owner", "service"]),
                label_sets: label_sets.len(),
                episodes: eps.len(),
                notifications,
                share_percent: if total == 0 {
                    0.0
                } else {
                    (notifications as f64 * 1000.0 / total as f64).round() / 10.0
                },
                per_day: (notifications as f64 / days(history) * 100.0).round() / 100.0,
                firing_seconds: eps.iter().map(|e| e.duration()).sum(),
                duration_p50: stats::percentile(&durations, 0.5),
                duration_p90: stats::percentile(&durations, 0.9),
                transient: n.transient.len(),
                pending: n.pending,
                pending_never_fired: n.pending_never_fired,
                stuck: n.stuck.len(),
                flapping_label_sets: flaps.len(),
                max_psc: flaps.iter().map(|f| f.flapping.max_psc).fold(0.0, f64::max),
                max_transitions_per_hour: flaps
                    .iter()
                    .map(|f| f.flapping.max_transitions_per_hour)
                    .max()
                    .unwrap_or(0),
                activations: history
                    .activations
                    .as_ref()
                    .map(|a| a.get(name).copied().unwrap_or(0)),
                actionability: 100.0,
                receivers: Vec::new(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.notifications
            .cmp(&a.notifications)
            .then(b.firing_seconds.total_cmp(&a.firing_seconds))
            .then_with(|| a.alertname.cmp(&b.alertname))
    });
    out
}

/// Sets each alert's actionability from what the recommendations would remove.
pub fn score(alerts: &mut [AlertSummary], recs: &[Recommendation], history: &History) {
    let mut removed: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for r in recs {
        removed
            .entry(r.alertname.as_str())
            .or_default()
            .extend(r.removes.iter().copied());
    }
    for a in alerts {
        let gone: u64 = removed
            .get(a.alertname.as_str())
            .map(|s| {
                s.iter()
                    .map(|&i| u64::from(history.episodes[i].notifications))
                    .sum()
            })
            .unwrap_or(0);
        a.actionability = if a.notifications == 0 {
            100.0
        } else {
            ((a.notifications.saturating_sub(gone)) as f64 * 1000.0 / a.notifications as f64)
                .round()
                / 10.0
        };
    }
}

/// The totals.
pub fn totals(history: &History, alerts: &[AlertSummary], flapping: &[FlappingSeries]) -> Totals {
    let notifications: u64 = alerts.iter().map(|a| a.notifications).sum();
    Totals {
        start: rfc3339(history.start),
        end: rfc3339(history.end),
        days: (days(history) * 100.0).round() / 100.0,
        alerts: alerts.iter().filter(|a| a.episodes > 0).count(),
        episodes: alerts.iter().map(|a| a.episodes).sum(),
        pending_episodes: alerts.iter().map(|a| a.pending).sum(),
        notifications,
        per_day: (notifications as f64 / days(history) * 100.0).round() / 100.0,
        flapping_label_sets: flapping.len(),
        rules: history.rules.len(),
        clusters: cluster_totals(history),
    }
}

/// Seconds as `1h 5m`.
pub fn human(secs: f64) -> String {
    shared::duration::human(std::time::Duration::from_secs(secs.max(0.0) as u64))
}

/// Findings about each alert's own noise.
pub fn findings(
    alerts: &[AlertSummary],
    flapping: &[FlappingSeries],
    noise: &BTreeMap<String, AlertNoise>,
    settings: &Settings,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for a in alerts {
        let name = a.alertname.as_str();
        if a.per_day > 10.0 {
            out.push(findings::raise(
                "noisy-alert",
                kind::ALERT,
                name,
                format!(
                    "{} notifications a day ({} in all, {}% of every notification)",
                    a.per_day, a.notifications, a.share_percent
                ),
                "see its recommendations: raise `for`, add `keep_firing_for` or an inhibit rule"
                    .into(),
            ));
        } else if a.per_day >= 1.0 {
            out.push(findings::raise(
                "frequent-alert",
                kind::ALERT,
                name,
                format!("{} notifications a day ({} in all)", a.per_day, a.notifications),
                "an alert that fires daily is either a real recurring problem to fix or a threshold to revisit".into(),
            ));
        }
        if a.flapping_label_sets > 0 {
            let f = flapping.iter().filter(|f| f.alertname == name);
            let periods: usize = f.map(|f| f.flapping.periods.len()).sum();
            out.push(findings::raise(
                "flapping",
                kind::ALERT,
                name,
                format!(
                    "{} label set(s) flapped in {periods} stretch(es): percent state change up to {}%, up to {} changes in an hour",
                    a.flapping_label_sets, a.max_psc, a.max_transitions_per_hour
                ),
                "add keep_firing_for (see the recommendation), or a hysteresis in the expression".into(),
            ));
        }
        if a.episodes >= settings.min_episodes && a.transient * 2 > a.episodes {
            out.push(findings::raise(
                "transient",
                kind::ALERT,
                name,
                format!(
                    "{} of {} episodes resolved by themselves within {} (median {})",
                    a.transient,
                    a.episodes,
                    human(settings.transient),
                    a.duration_p50.map(human).unwrap_or_else(|| "-".into())
                ),
                "raise `for` (see the recommendation) so that only lasting problems notify".into(),
            ));
        }
        if a.pending >= settings.min_episodes && a.pending_never_fired * 2 > a.pending {
            out.push(findings::raise(
                "pending-never-fired",
                kind::ALERT,
                name,
                format!("{} of {} pending activations never fired", a.pending_never_fired, a.pending),
                "the condition is close to its threshold often: it costs nothing, but a dashboard may say it better".into(),
            ));
        }
        if let Some(n) = noise.get(name)
            && !n.stuck.is_empty()
        {
            out.push(findings::raise(
                "stuck",
                kind::ALERT,
                name,
                format!(
                    "{} label set(s) firing for more than {} and still firing",
                    n.stuck.len(),
                    human(settings.stuck)
                ),
                "an alert nobody acts on trains people to ignore pages: fix the cause, or turn it into a ticket".into(),
            ));
        }
    }
    out
}
