//! The analyses (pure, over a [`History`]): per-alert summaries and top offenders
//! ([`summary`]), transient, pending-never-fired, re-fire and stuck episodes ([`noise`]),
//! flapping ([`flapping`]), rule hygiene ([`hygiene`]), co-firing pairs and the inhibit rules
//! they call for ([`cofiring`]), severity tiers ([`tiers`]), time patterns ([`timing`]),
//! silence hygiene ([`silences`]), where notifications were routed ([`routing`]) and the
//! recommendations with the notifications each would have removed ([`recommend`]).

pub mod cofiring;
pub mod flapping;
pub mod hygiene;
pub mod noise;
pub mod recommend;
pub mod routing;
pub mod silences;
pub mod stats;
pub mod summary;
pub mod tiers;
pub mod timing;

use crate::findings::{self, kind};
use crate::model::{Episode, History, State};
use serde::Serialize;
use shared::finding::Finding;
use std::collections::BTreeMap;

/// Thresholds and choices of an analysis.
#[derive(Debug, Clone)]
pub struct Settings {
    /// An episode resolved within this many seconds is transient (PagerDuty's auto-pause).
    pub transient: f64,
    /// Firing longer than this many seconds is stuck.
    pub stuck: f64,
    /// Severity → tier.
    pub tiers: tiers::TierMap,
    /// Target share of P0/P1 notifications, percent.
    pub urgent_target: f64,
    /// Co-firing: share of the smaller alert's firing time both fire, 0..1.
    pub cofiring_overlap: f64,
    /// Episodes an alert needs before rates, shares and pairs are judged.
    pub min_episodes: usize,
    /// Time zone of the heat map.
    pub time_zone: jiff::tz::TimeZone,
    /// Business hours `[from, to)`.
    pub business_hours: (u8, u8),
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            transient: 300.0,
            stuck: 86_400.0,
            tiers: tiers::TierMap::default(),
            urgent_target: 10.0,
            cofiring_overlap: 0.8,
            min_episodes: 3,
            time_zone: jiff::tz::TimeZone::UTC,
            business_hours: (9, 18),
        }
    }
}

/// The result of every analysis.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    /// Totals.
    pub totals: summary::Totals,
    /// One summary per alertname, most notifications first.
    pub alerts: Vec<summary::AlertSummary>,
    /// Flapping label sets.
    pub flapping: Vec<FlappingSeries>,
    /// Co-firing pairs.
    pub cofiring: Vec<cofiring::Pair>,
    /// Notifications per tier.
    pub tiers: tiers::TierMix,
    /// When alerts start.
    pub heat_map: timing::HeatMap,
    /// What to change, with what each would have removed.
    pub recommendations: Vec<recommend::Recommendation>,
    /// Everything the recommendations together would have removed.
    pub reduction: recommend::Reduction,
    /// Findings, most severe first.
    pub findings: Vec<Finding>,
}

/// A label set that flapped.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlappingSeries {
    /// The alert.
    pub alertname: String,
    /// Its labels.
    pub labels: crate::model::Labels,
    /// The verdict.
    #[serde(flatten)]
    pub flapping: flapping::Flapping,
}

/// Indices of `history.episodes` per alertname, firing and pending apart.
pub struct ByAlert<'a> {
    /// Firing episodes per alertname.
    pub firing: BTreeMap<&'a str, Vec<usize>>,
    /// Pending episodes per alertname.
    pub pending: BTreeMap<&'a str, Vec<usize>>,
}

impl<'a> ByAlert<'a> {
    /// Groups `episodes`.
    pub fn new(episodes: &'a [Episode]) -> Self {
        let mut firing: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut pending: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, e) in episodes.iter().enumerate() {
            match e.state {
                State::Firing => firing.entry(&e.alertname).or_default().push(i),
                State::Pending => pending.entry(&e.alertname).or_default().push(i),
            }
        }
        Self { firing, pending }
    }
}

/// The evaluation grid of an alert for state-based analyses: its rule's interval when
/// known, else the history's step (never finer than 15 s; a minute offline).
pub fn grid(history: &History, alertname: &str) -> f64 {
    let from_rule = history
        .rules
        .iter()
        .find(|r| r.name == alertname)
        .map(|r| r.interval_seconds);
    let g = from_rule.unwrap_or(history.step);
    if g < 15.0 { 60.0 } else { g }
}

/// Flapping per label set (episodes are sorted by alertname, labels, state, start).
fn flapping_series(history: &History, by: &ByAlert) -> Vec<FlappingSeries> {
    let mut out = Vec::new();
    for (name, idx) in &by.firing {
        let grid = grid(history, name);
        let mut k = 0;
        while k < idx.len() {
            let labels = &history.episodes[idx[k]].labels;
            let mut j = k;
            let mut iv = Vec::new();
            while j < idx.len() && &history.episodes[idx[j]].labels == labels {
                let e = &history.episodes[idx[j]];
                iv.push((e.start, e.end));
                j += 1;
            }
            let open = history.episodes[idx[j - 1]].open;
            let iv = stats::union(iv);
            let f = flapping::analyse(&iv, open, history.start, grid, history.end);
            if !f.periods.is_empty() {
                out.push(FlappingSeries {
                    alertname: name.to_string(),
                    labels: labels.clone(),
                    flapping: f,
                });
            }
            k = j;
        }
    }
    out
}

/// Runs every analysis.
pub fn analyse(history: &History, settings: &Settings) -> Analysis {
    let by = ByAlert::new(&history.episodes);
    let flapping = flapping_series(history, &by);
    let noise = noise::analyse(history, &by, settings);
    let cofiring = cofiring::pairs(history, &by, settings);
    let mut alerts = summary::alerts(history, &by, &noise, &flapping, settings);
    let firing: Vec<&Episode> = by
        .firing
        .values()
        .flatten()
        .map(|&i| &history.episodes[i])
        .collect();
    let tiers = tiers::mix(&firing, &settings.tiers, settings.urgent_target);
    let heat_map = timing::heat_map(&firing, &settings.time_zone, settings.business_hours);
    let (recommendations, reduction) =
        recommend::recommend(history, &by, &noise, &cofiring, &alerts, settings);
    summary::score(&mut alerts, &recommendations, history);
    routing::annotate(&mut alerts, history);

    let mut findings = Vec::new();
    findings.extend(source_findings(history));
    findings.extend(summary::findings(&alerts, &flapping, &noise, settings));
    findings.extend(cofiring::findings(&cofiring));
    if tiers.urgent_percent > settings.urgent_target && alerts.iter().any(|a| a.notifications > 0) {
        findings.push(findings::raise(
            "tier-mix",
            kind::SOURCE,
            &history.source,
            format!(
                "{}% of notifications are P0/P1 pages (target: under {}%)",
                tiers.urgent_percent, settings.urgent_target
            ),
            "lower the severity of the noisiest urgent alerts (see the recommendations), or map severities with --tiers".into(),
        ));
    }
    findings.extend(hygiene::findings(history));
    findings.extend(silences::findings(history));
    findings.extend(delivery_findings(history));
    findings.extend(routing::findings(&alerts, history));
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.check.cmp(&b.check))
            .then_with(|| a.object.name.cmp(&b.object.name))
    });
    Analysis {
        totals: summary::totals(history, &alerts, &flapping),
        alerts,
        flapping,
        cofiring,
        tiers,
        heat_map,
        recommendations,
        reduction,
        findings,
    }
}

fn source_findings(history: &History) -> Vec<Finding> {
    let mut out = Vec::new();
    if history.episodes.is_empty() && history.activations.is_some() {
        out.push(findings::raise(
            "no-alert-data",
            kind::SOURCE,
            &history.source,
            "no ALERTS samples in the window: no alert was pending or firing, or this API does not hold rule results (a Thanos querier without the ruler's store, a remote-write target without the ALERTS series)".into(),
            "check `ALERTS` in the Prometheus UI over the same range; widen --since".into(),
        ));
    }
    for m in &history.missing {
        out.push(findings::raise(
            "missing-window",
            kind::SOURCE,
            &history.source,
            format!(
                "{} to {} could not be read: {}",
                summary::rfc3339(m.start),
                summary::rfc3339(m.end),
                m.reason
            ),
            "run again, or narrow --since; --step larger reads fewer points".into(),
        ));
    }
    out
}

fn delivery_findings(history: &History) -> Vec<Finding> {
    history
        .notifications
        .iter()
        .filter(|n| n.total > 0.0 && n.failed / n.total > 0.10)
        .map(|n| {
            findings::raise(
                "notification-failures",
                kind::INTEGRATION,
                &if n.cluster.is_empty() {
                    n.integration.clone()
                } else {
                    format!("{}/{}", n.cluster, n.integration)
                },
                format!(
                    "{:.0} of {:.0} notifications failed ({:.1}%)",
                    n.failed,
                    n.total,
                    n.failed * 100.0 / n.total
                ),
                "check the receiver's credentials and URL in Alertmanager's log (alertmanager_notifications_failed_total)".into(),
            )
        })
        .collect()
}
