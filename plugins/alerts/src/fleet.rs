//! A fleet: the histories of several Prometheus servers (`--prometheus CLUSTER=URL`, once
//! per cluster) merged into one, so every analysis runs unchanged over all of them. Each
//! episode carries its cluster in the `cluster` label (kept when the server already sets
//! one, as Thanos does), each rule and notification count names its cluster, and a member
//! whose history could not be read is kept as a missing window rather than failing the
//! others.

use crate::model::{CLUSTER_LABEL, ClusterSource, History, MissingWindow};

/// What one member gave.
#[derive(Debug)]
pub struct Part {
    /// Its name (the `cluster` label value).
    pub name: String,
    /// Its address.
    pub source: String,
    /// Its history, or why there is none.
    pub history: Result<History, String>,
}

/// One history of every part, over the window `[start, end]` at `step`.
pub fn merge(parts: Vec<Part>, start: f64, end: f64, step: f64) -> History {
    let mut out = History {
        start,
        end,
        step,
        source: parts
            .iter()
            .map(|p| format!("{}={}", p.name, p.source))
            .collect::<Vec<_>>()
            .join(", "),
        ..Default::default()
    };
    let mut activations = None;
    for part in parts {
        let mut member = ClusterSource {
            name: part.name.clone(),
            source: part.source,
            error: None,
        };
        match part.history {
            Err(why) => {
                out.missing.push(MissingWindow {
                    start,
                    end,
                    reason: format!("cluster {}: {why}", part.name),
                });
                member.error = Some(why);
            }
            Ok(h) => {
                for mut e in h.episodes {
                    e.labels
                        .entry(CLUSTER_LABEL.to_string())
                        .or_insert_with(|| part.name.clone());
                    out.episodes.push(e);
                }
                out.rules.extend(h.rules.into_iter().map(|mut r| {
                    r.cluster = part.name.clone();
                    r
                }));
                out.rules_known |= h.rules_known;
                out.notifications
                    .extend(h.notifications.into_iter().map(|mut n| {
                        n.cluster = part.name.clone();
                        n
                    }));
                out.missing.extend(h.missing.into_iter().map(|mut m| {
                    m.reason = format!("cluster {}: {}", part.name, m.reason);
                    m
                }));
                if let Some(act) = h.activations {
                    let sum = activations.get_or_insert_with(std::collections::BTreeMap::new);
                    for (name, n) in act {
                        *sum.entry(name).or_insert(0) += n;
                    }
                }
            }
        }
        out.clusters.push(member);
    }
    out.activations = activations;
    crate::episodes::sort(&mut out.episodes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Episode, Rule, State};

    fn history(alert: &str, preset_cluster: Option<&str>) -> History {
        let mut labels = crate::model::Labels::new();
        if let Some(c) = preset_cluster {
            labels.insert("cluster".into(), c.into());
        }
        History {
            episodes: vec![Episode {
                alertname: alert.into(),
                labels,
                state: State::Firing,
                start: 60.0,
                end: 120.0,
                open: false,
                notifications: 1,
            }],
            rules: vec![Rule {
                name: alert.into(),
                ..Default::default()
            }],
            rules_known: true,
            activations: Some([(alert.to_string(), 1)].into()),
            ..Default::default()
        }
    }

    #[test]
    fn members_are_labelled_summed_and_a_failed_one_is_a_missing_window() {
        let h = merge(
            vec![
                Part {
                    name: "a".into(),
                    source: "http://a:9090".into(),
                    history: Ok(history("X", None)),
                },
                Part {
                    name: "b".into(),
                    source: "http://b:9090".into(),
                    history: Ok(history("X", Some("eu-1"))),
                },
                Part {
                    name: "c".into(),
                    source: "http://c:9090".into(),
                    history: Err("unreachable".into()),
                },
            ],
            0.0,
            600.0,
            60.0,
        );
        let clusters: Vec<&str> = h.episodes.iter().map(|e| e.cluster()).collect();
        assert_eq!(clusters, vec!["a", "eu-1"]);
        let rules: Vec<&str> = h.rules.iter().map(|r| r.cluster.as_str()).collect();
        assert_eq!(rules, vec!["a", "b"]);
        assert_eq!(h.activations.expect("read")["X"], 2);
        assert_eq!(h.missing.len(), 1);
        assert_eq!(h.missing[0].reason, "cluster c: unreachable");
        assert_eq!((h.missing[0].start, h.missing[0].end), (0.0, 600.0));
        assert_eq!(h.clusters[2].error.as_deref(), Some("unreachable"));
        assert_eq!(
            h.source,
            "a=http://a:9090, b=http://b:9090, c=http://c:9090"
        );
    }
}
