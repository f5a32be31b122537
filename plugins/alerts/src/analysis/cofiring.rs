//! Co-firing pairs: two alerts that fire at the same time, measured in time (the overlap
//! of their firing stretches, not counted samples), as inhibit-rule candidates. The alert
//! of the higher tier (or, at equal tiers, the one that starts first) is the source; the
//! `equal` labels are those every co-started pair of episodes shares; pairs an existing
//! Alertmanager inhibit rule already covers are left out. Stuck episodes are left out too:
//! an alert firing for days overlaps with everything.

use super::{ByAlert, Settings, stats};
use crate::findings::{self, kind};
use crate::model::{Episode, History, InhibitRule, all_match};
use serde::Serialize;
use shared::finding::Finding;
use std::collections::{BTreeMap, BTreeSet};

/// Labels never proposed as `equal`.
const NOT_EQUAL: &[&str] = &["severity", "alertname", "alertstate"];

/// A co-firing pair.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pair {
    /// The alert that would inhibit.
    pub source: String,
    /// The alert that would be inhibited.
    pub target: String,
    /// Seconds both fired.
    pub overlap_seconds: f64,
    /// Overlap over the smaller alert's firing time, percent.
    pub overlap_percent: f64,
    /// Target episodes that started while the source fired (with equal labels).
    pub target_started_during_source: usize,
    /// Labels that were equal in every co-started pair.
    pub equal: Vec<String>,
    /// The `inhibit_rules` entry to add.
    pub inhibit_rule: String,
    /// Target episodes the rule would have inhibited (indices into the history).
    #[serde(skip)]
    pub removes: Vec<usize>,
}

fn tier_rank(settings: &Settings, e: &Episode) -> String {
    settings.tiers.tier(e.label("severity")).to_string()
}

fn covered(rules: &[InhibitRule], source: &Episode, target: &Episode) -> bool {
    rules.iter().any(|r| {
        let s: Vec<_> = r.source.iter().map(|m| m.compile()).collect();
        let t: Vec<_> = r.target.iter().map(|m| m.compile()).collect();
        all_match(&s, &source.alertname, &source.labels)
            && all_match(&t, &target.alertname, &target.labels)
            && r.equal
                .iter()
                .all(|l| source.labels.get(l) == target.labels.get(l))
    })
}

/// Target episodes that started while a source episode of the same cluster fired (a
/// fleet's clusters do not inhibit each other), with the labels equal in every such pair.
fn co_started(history: &History, source: &[usize], target: &[usize]) -> (Vec<usize>, Vec<String>) {
    let mut hits = Vec::new();
    let mut equal: Option<BTreeSet<String>> = None;
    for &t in target {
        let te = &history.episodes[t];
        let during = source.iter().map(|&s| &history.episodes[s]).find(|se| {
            se.start <= te.start + history.step && te.start < se.end && se.cluster() == te.cluster()
        });
        if let Some(se) = during {
            hits.push(t);
            let same: BTreeSet<String> = te
                .labels
                .iter()
                .filter(|(k, v)| !NOT_EQUAL.contains(&k.as_str()) && se.labels.get(*k) == Some(v))
                .map(|(k, _)| k.clone())
                .collect();
            equal = Some(match equal {
                None => same,
                Some(prev) => prev.intersection(&same).cloned().collect(),
            });
        }
    }
    (hits, equal.unwrap_or_default().into_iter().collect())
}

fn snippet(source: &str, target: &str, equal: &[String]) -> String {
    format!(
        "inhibit_rules:\n- source_matchers: ['alertname=\"{source}\"']\n  target_matchers: ['alertname=\"{target}\"']\n  equal: [{}]\n",
        equal.join(", ")
    )
}

/// Seconds of overlap of every pair of alerts whose (disjoint, per alert) firing stretches
/// overlap at all, by a sweep over the stretches in start order: the work is the
/// overlapping stretches, not every pair of alerts.
fn overlaps(
    names: &[&str],
    unions: &BTreeMap<&str, Vec<(f64, f64)>>,
) -> BTreeMap<(usize, usize), f64> {
    let mut all: Vec<(f64, f64, usize)> = names
        .iter()
        .enumerate()
        .flat_map(|(k, n)| unions[n].iter().map(move |&(s, e)| (s, e, k)))
        .collect();
    all.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut active: Vec<(f64, f64, usize)> = Vec::new();
    let mut out: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for (s, e, k) in all {
        active.retain(|a| a.1 > s);
        for &(_, ae, ak) in &active {
            if ak != k {
                let key = (ak.min(k), ak.max(k));
                *out.entry(key).or_default() += ae.min(e) - s;
            }
        }
        active.push((s, e, k));
    }
    out
}

/// The co-firing pairs, largest overlap first.
pub fn pairs(history: &History, by: &ByAlert, settings: &Settings) -> Vec<Pair> {
    // Firing episodes per alert, without stuck ones.
    let usable: BTreeMap<&str, Vec<usize>> = by
        .firing
        .iter()
        .map(|(n, idx)| {
            let keep: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| history.episodes[i].duration() <= settings.stuck)
                .collect();
            (*n, keep)
        })
        .filter(|(_, v)| v.len() >= settings.min_episodes)
        .collect();
    let unions: BTreeMap<&str, Vec<(f64, f64)>> = usable
        .iter()
        .map(|(n, idx)| {
            let iv = idx
                .iter()
                .map(|&i| (history.episodes[i].start, history.episodes[i].end))
                .collect();
            (*n, stats::union(iv))
        })
        .collect();
    let inhibit = history
        .alertmanager
        .as_ref()
        .map(|a| a.inhibit_rules.clone())
        .unwrap_or_default();
    let names: Vec<&str> = unions.keys().copied().collect();
    let mut out = Vec::new();
    for ((ka, kb), ov) in overlaps(&names, &unions) {
        let (a, b) = (&names[ka], &names[kb]);
        {
            let smaller = stats::length(&unions[a]).min(stats::length(&unions[b]));
            if smaller <= 0.0 || ov / smaller < settings.cofiring_overlap {
                continue;
            }
            let (ia, ib) = (&usable[a], &usable[b]);
            let ea = &history.episodes[ia[0]];
            let eb = &history.episodes[ib[0]];
            let (ta, tb) = (tier_rank(settings, ea), tier_rank(settings, eb));
            let (ab, eq_ab) = co_started(history, ia, ib);
            let (ba, eq_ba) = co_started(history, ib, ia);
            let a_is_source = ta < tb || (ta == tb && ab.len() >= ba.len());
            let (source, target, removes, equal, es, et) = if a_is_source {
                (*a, *b, ab, eq_ab, ea, eb)
            } else {
                (*b, *a, ba, eq_ba, eb, ea)
            };
            if removes.len() < settings.min_episodes || covered(&inhibit, es, et) {
                continue;
            }
            out.push(Pair {
                source: source.to_string(),
                target: target.to_string(),
                overlap_seconds: ov,
                overlap_percent: (ov * 1000.0 / smaller).round() / 10.0,
                target_started_during_source: removes.len(),
                inhibit_rule: snippet(source, target, &equal),
                equal,
                removes,
            });
        }
    }
    out.sort_by(|x, y| {
        y.overlap_seconds
            .total_cmp(&x.overlap_seconds)
            .then_with(|| x.source.cmp(&y.source))
    });
    out
}

/// A finding per pair, naming the target.
pub fn findings(pairs: &[Pair]) -> Vec<Finding> {
    pairs
        .iter()
        .map(|p| {
            findings::raise(
                "co-firing",
                kind::ALERT,
                &p.target,
                format!(
                    "fires together with {} {}% of the time; {} of its episodes started while {} fired",
                    p.source, p.overlap_percent, p.target_started_during_source, p.source
                ),
                format!(
                    "let {} inhibit it: add to Alertmanager's config: {}",
                    p.source,
                    p.inhibit_rule.replace('\n', " ").trim()
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Labels, Matcher, State};

    fn ep(name: &str, sev: &str, ns: &str, start: f64, end: f64) -> Episode {
        let labels: Labels = [("severity", sev), ("namespace", ns), ("pod", name)]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Episode {
            alertname: name.into(),
            labels,
            state: State::Firing,
            start,
            end,
            open: false,
            notifications: 1,
        }
    }

    fn history(with_rule: bool) -> History {
        let mut eps = Vec::new();
        for k in 0..4 {
            let t = k as f64 * 10_000.0;
            eps.push(ep("NodeDown", "critical", "prod", t, t + 1_000.0));
            eps.push(ep(
                "PodUnreachable",
                "warning",
                "prod",
                t + 60.0,
                t + 1_000.0,
            ));
            eps.push(ep("Unrelated", "warning", "prod", t + 5_000.0, t + 5_600.0));
        }
        crate::episodes::sort(&mut eps);
        let alertmanager = with_rule.then(|| crate::model::AlertmanagerState {
            inhibit_rules: vec![InhibitRule {
                source: vec![Matcher {
                    name: "severity".into(),
                    value: "critical".into(),
                    is_regex: false,
                    is_equal: true,
                }],
                target: vec![Matcher {
                    name: "severity".into(),
                    value: "warning".into(),
                    is_regex: false,
                    is_equal: true,
                }],
                equal: vec!["namespace".into()],
            }],
            ..Default::default()
        });
        History {
            start: 0.0,
            end: 50_000.0,
            step: 60.0,
            episodes: eps,
            alertmanager,
            ..Default::default()
        }
    }

    #[test]
    fn the_higher_tier_inhibits_with_the_labels_both_share() {
        let h = history(false);
        let by = ByAlert::new(&h.episodes);
        let p = pairs(&h, &by, &Settings::default());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(
            (p[0].source.as_str(), p[0].target.as_str()),
            ("NodeDown", "PodUnreachable")
        );
        assert_eq!(p[0].equal, vec!["namespace"]);
        assert_eq!(p[0].removes.len(), 4);
        assert_eq!(p[0].overlap_percent, 100.0);
        assert!(p[0].inhibit_rule.contains("equal: [namespace]"));
    }

    #[test]
    fn alerts_of_different_clusters_do_not_inhibit_each_other() {
        let mut h = history(false);
        for e in &mut h.episodes {
            let c = if e.alertname == "NodeDown" { "a" } else { "b" };
            e.labels.insert("cluster".into(), c.into());
        }
        let by = ByAlert::new(&h.episodes);
        assert!(pairs(&h, &by, &Settings::default()).is_empty());
        for e in &mut h.episodes {
            e.labels.insert("cluster".into(), "a".into());
        }
        let by = ByAlert::new(&h.episodes);
        let p = pairs(&h, &by, &Settings::default());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].equal, vec!["cluster", "namespace"]);
    }

    #[test]
    fn a_pair_an_inhibit_rule_covers_is_not_proposed() {
        let h = history(true);
        let by = ByAlert::new(&h.episodes);
        assert!(pairs(&h, &by, &Settings::default()).is_empty());
    }
}
