//! What to change in each rule, with the notifications each change would have removed over
//! the analysed window (measured on the user's own episodes, not assumed): raise `for` past
//! the transient episodes, add `keep_firing_for` to absorb re-fires, add the inhibit rule of
//! a co-firing pair, lower the severity of a page that mostly resolves by itself, delete a
//! dead rule, fix a broken one, act on a stuck one. Removals are counted once across
//! recommendations for the total.

use super::cofiring::Pair;
use super::noise::AlertNoise;
use super::summary::AlertSummary;
use super::{ByAlert, Settings, stats};
use crate::model::History;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One recommendation.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    /// The alert (rule) to change.
    pub alertname: String,
    /// Stable id: raise-for, add-keep-firing-for, add-inhibit-rule, lower-severity,
    /// delete-rule, fix-expression, fix-stuck.
    pub id: &'static str,
    /// What to do.
    pub action: String,
    /// Why, from the data.
    pub reason: String,
    /// The YAML to write, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// Notifications it would have removed over the window.
    pub would_remove: u64,
    /// The episodes it would have removed (indices into the history).
    #[serde(skip)]
    pub removes: Vec<usize>,
}

/// What every recommendation together would have removed.
#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Reduction {
    /// Notifications in the window.
    pub notifications: u64,
    /// Of them, removed by at least one recommendation.
    pub removed: u64,
    /// Percent.
    pub percent: f64,
}

/// A duration as Prometheus writes it, rounded up to whole minutes (`4m`, `1h30m`).
pub fn prom_minutes(secs: f64) -> String {
    let m = ((secs / 60.0).ceil() as u64).max(1);
    match (m / 60, m % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}

fn minutes_up(secs: f64) -> f64 {
    ((secs / 60.0).ceil()).max(1.0) * 60.0
}

fn notifications(history: &History, idx: &[usize]) -> u64 {
    idx.iter()
        .map(|&i| u64::from(history.episodes[i].notifications))
        .sum()
}

fn raise_for(
    history: &History,
    a: &AlertSummary,
    n: &AlertNoise,
    s: &Settings,
    current: f64,
) -> Option<Recommendation> {
    if n.transient.len() < s.min_episodes || (n.transient.len() as f64) < 0.3 * a.episodes as f64 {
        return None;
    }
    let durations: Vec<f64> = n
        .transient
        .iter()
        .map(|&i| history.episodes[i].duration())
        .collect();
    let extra = minutes_up(stats::percentile(&durations, 0.9)?);
    let removes: Vec<usize> = n
        .transient
        .iter()
        .copied()
        .filter(|&i| history.episodes[i].duration() <= extra)
        .collect();
    let new = prom_minutes(current + extra);
    Some(Recommendation {
        alertname: a.alertname.clone(),
        id: "raise-for",
        action: format!(
            "raise `for` from {} to {new}",
            if current > 0.0 {
                prom_minutes(current)
            } else {
                "0s".into()
            }
        ),
        reason: format!(
            "{} of {} episodes resolved by themselves within {}; 90% of those within {}",
            n.transient.len(),
            a.episodes,
            super::summary::human(s.transient),
            prom_minutes(extra)
        ),
        snippet: Some(format!("for: {new}")),
        would_remove: notifications(history, &removes),
        removes,
    })
}

fn keep_firing_for(
    history: &History,
    a: &AlertSummary,
    n: &AlertNoise,
    s: &Settings,
    current: f64,
) -> Option<Recommendation> {
    if n.refires.len() < s.min_episodes {
        return None;
    }
    let gaps: Vec<f64> = n.refires.iter().map(|r| r.1).collect();
    let k = minutes_up(stats::percentile(&gaps, 0.9)?).max(current);
    let removes: Vec<usize> = n.refires.iter().filter(|r| r.1 <= k).map(|r| r.0).collect();
    Some(Recommendation {
        alertname: a.alertname.clone(),
        id: "add-keep-firing-for",
        action: format!("add `keep_firing_for: {}`", prom_minutes(k)),
        reason: format!(
            "{} episodes started again within {} of resolving; 90% within {}",
            n.refires.len(),
            super::summary::human(s.transient),
            prom_minutes(k)
        ),
        snippet: Some(format!("keep_firing_for: {}", prom_minutes(k))),
        would_remove: notifications(history, &removes),
        removes,
    })
}

/// The recommendations and the total they would have removed.
pub fn recommend(
    history: &History,
    by: &ByAlert,
    noise: &BTreeMap<String, AlertNoise>,
    pairs: &[Pair],
    alerts: &[AlertSummary],
    settings: &Settings,
) -> (Vec<Recommendation>, Reduction) {
    let rule = |name: &str| history.rules.iter().find(|r| r.name == name);
    let mut out = Vec::new();
    for a in alerts {
        let Some(n) = noise.get(&a.alertname) else {
            continue;
        };
        let r = rule(&a.alertname);
        out.extend(raise_for(
            history,
            a,
            n,
            settings,
            r.map(|r| r.for_seconds).unwrap_or(0.0),
        ));
        out.extend(keep_firing_for(
            history,
            a,
            n,
            settings,
            r.map(|r| r.keep_firing_for_seconds).unwrap_or(0.0),
        ));
        if matches!(a.tier.as_str(), "P0" | "P1")
            && a.episodes >= settings.min_episodes
            && a.transient * 2 > a.episodes
        {
            out.push(Recommendation {
                alertname: a.alertname.clone(),
                id: "lower-severity",
                action: format!(
                    "lower severity {} ({}) to a ticket tier",
                    a.severity.clone().unwrap_or_default(),
                    a.tier
                ),
                reason: format!(
                    "{} of its {} pages resolved by themselves: nobody needed waking",
                    a.transient, a.episodes
                ),
                snippet: Some("labels: {severity: warning}".into()),
                would_remove: 0,
                removes: Vec::new(),
            });
        }
        if !n.stuck.is_empty() {
            out.push(Recommendation {
                alertname: a.alertname.clone(),
                id: "fix-stuck",
                action: "fix the cause, or make it a ticket instead of a page".into(),
                reason: format!(
                    "{} label set(s) firing for more than {}",
                    n.stuck.len(),
                    super::summary::human(settings.stuck)
                ),
                snippet: None,
                would_remove: 0,
                removes: Vec::new(),
            });
        }
    }
    for p in pairs {
        out.push(Recommendation {
            alertname: p.target.clone(),
            id: "add-inhibit-rule",
            action: format!("let {} inhibit {}", p.source, p.target),
            reason: format!(
                "{} of its episodes started while {} fired ({}% overlap in time)",
                p.target_started_during_source, p.source, p.overlap_percent
            ),
            snippet: Some(p.inhibit_rule.clone()),
            would_remove: notifications(history, &p.removes),
            removes: p.removes.clone(),
        });
    }
    let active: BTreeSet<&str> = history
        .episodes
        .iter()
        .map(|e| e.alertname.as_str())
        .collect();
    for r in &history.rules {
        if r.health == "err" {
            out.push(Recommendation {
                alertname: r.name.clone(),
                id: "fix-expression",
                action: "fix the expression".into(),
                reason: format!("its last evaluation failed: {}", r.last_error),
                snippet: Some(format!("expr: {}", r.query)),
                would_remove: 0,
                removes: Vec::new(),
            });
        } else if !active.contains(r.name.as_str()) {
            out.push(Recommendation {
                alertname: r.name.clone(),
                id: "delete-rule",
                action: "delete the rule, or fix the metrics it reads".into(),
                reason: "never pending or firing in the window".into(),
                snippet: None,
                would_remove: 0,
                removes: Vec::new(),
            });
        }
    }
    out.sort_by(|a, b| {
        b.would_remove
            .cmp(&a.would_remove)
            .then_with(|| a.alertname.cmp(&b.alertname))
    });
    let removed: BTreeSet<usize> = out.iter().flat_map(|r| r.removes.iter().copied()).collect();
    let total: u64 = by
        .firing
        .values()
        .flatten()
        .map(|&i| u64::from(history.episodes[i].notifications))
        .sum();
    let removed = notifications(history, &removed.into_iter().collect::<Vec<_>>());
    let reduction = Reduction {
        notifications: total,
        removed,
        percent: if total == 0 {
            0.0
        } else {
            (removed as f64 * 1000.0 / total as f64).round() / 10.0
        },
    };
    (out, reduction)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Episode, Labels, State};

    #[test]
    fn durations_round_up_to_prometheus_minutes() {
        assert_eq!(prom_minutes(150.0), "3m");
        assert_eq!(prom_minutes(3600.0), "1h");
        assert_eq!(prom_minutes(5400.0), "1h30m");
        assert_eq!(prom_minutes(1.0), "1m");
    }

    #[test]
    fn raising_for_removes_exactly_the_transient_episodes_it_covers() {
        // Six 2-minute episodes, two of 3 minutes, one of an hour.
        let mut eps = Vec::new();
        let mut t = 0.0;
        for d in [
            120.0, 120.0, 120.0, 120.0, 120.0, 120.0, 180.0, 180.0, 3600.0,
        ] {
            eps.push(Episode {
                alertname: "A".into(),
                labels: Labels::new(),
                state: State::Firing,
                start: t,
                end: t + d,
                open: false,
                notifications: 1,
            });
            t += 20_000.0;
        }
        let h = History {
            start: 0.0,
            end: t,
            step: 60.0,
            episodes: eps,
            ..Default::default()
        };
        let by = ByAlert::new(&h.episodes);
        let s = Settings::default();
        let noise = super::super::noise::analyse(&h, &by, &s);
        let alerts = super::super::summary::alerts(&h, &by, &noise, &[], &s);
        let (recs, red) = recommend(&h, &by, &noise, &[], &alerts, &s);
        let r = recs
            .iter()
            .find(|r| r.id == "raise-for")
            .expect("test input");
        assert_eq!(r.snippet.as_deref(), Some("for: 3m"));
        assert_eq!(r.would_remove, 8);
        assert_eq!((red.notifications, red.removed), (9, 8));
        assert!((red.percent - 88.9).abs() < 1e-9);
    }
}
