//! Rule hygiene from `/api/v1/rules`: dead rules (never pending or firing in the window),
//! broken rules (last evaluation failed, with the error), and rules without `for`, without
//! a severity label, without a runbook or without a summary.

use crate::findings::{self, kind};
use crate::model::{History, Rule};
use shared::finding::Finding;
use std::collections::BTreeSet;

fn annotation<'a>(r: &'a Rule, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find_map(|n| r.annotations.get(*n))
        .map(String::as_str)
        .filter(|v| !v.trim().is_empty())
}

/// Findings about the rules.
pub fn findings(history: &History) -> Vec<Finding> {
    // (cluster, alertname) of every episode; a rule of one Prometheus (no cluster) is
    // alive when its alert was active anywhere, a fleet member's rule when it was active
    // in that member.
    let active: BTreeSet<(&str, &str)> = history
        .episodes
        .iter()
        .map(|e| (e.cluster(), e.alertname.as_str()))
        .collect();
    let alive = |r: &Rule| {
        if r.cluster.is_empty() {
            active.iter().any(|(_, n)| *n == r.name)
        } else {
            active.contains(&(r.cluster.as_str(), r.name.as_str()))
        }
    };
    let mut out = Vec::new();
    for r in &history.rules {
        let group = if r.file.is_empty() {
            format!("group {}", r.group)
        } else {
            format!("group {} in {}", r.group, r.file)
        };
        let at = if r.cluster.is_empty() {
            group
        } else {
            format!("cluster {}, {group}", r.cluster)
        };
        if r.health == "err" {
            out.push(findings::raise(
                "broken-rule",
                kind::RULE,
                &r.name,
                format!("its last evaluation failed: {} ({at})", r.last_error),
                format!(
                    "fix the expression; try it in the Prometheus UI: {}",
                    r.query
                ),
            ));
        } else if !alive(r) {
            out.push(findings::raise(
                "dead-rule",
                kind::RULE,
                &r.name,
                format!("never pending or firing in the window ({at})"),
                "check that its metrics still exist (a renamed metric makes a rule silently dead), or delete it".into(),
            ));
        }
        if r.for_seconds == 0.0 {
            out.push(findings::raise(
                "rule-without-for",
                kind::RULE,
                &r.name,
                format!("it fires on the first matching evaluation ({at})"),
                "add `for:` (a few evaluation intervals) unless one sample is proof enough".into(),
            ));
        }
        if r.labels.get("severity").is_none_or(|s| s.is_empty()) {
            out.push(findings::raise(
                "rule-without-severity",
                kind::RULE,
                &r.name,
                format!(
                    "no severity label ({at}): routing and tiers cannot tell a page from a ticket"
                ),
                "add labels: {severity: critical|warning|info}".into(),
            ));
        }
        if annotation(r, &["runbook_url", "runbook"]).is_none() {
            out.push(findings::raise(
                "rule-without-runbook",
                kind::RULE,
                &r.name,
                format!("no runbook_url annotation ({at})"),
                "add annotations: {runbook_url: https://...} saying what to check and do".into(),
            ));
        }
        if annotation(r, &["summary", "description", "message"]).is_none() {
            out.push(findings::raise(
                "rule-without-summary",
                kind::RULE,
                &r.name,
                format!("no summary or description annotation ({at})"),
                "add annotations: {summary: ...} so the notification says what is wrong".into(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Episode, Labels, State};

    fn rule(name: &str) -> Rule {
        Rule {
            name: name.into(),
            group: "g".into(),
            for_seconds: 300.0,
            health: "ok".into(),
            labels: [("severity".to_string(), "warning".to_string())].into(),
            annotations: [
                ("runbook_url".to_string(), "https://r".to_string()),
                ("summary".to_string(), "s".to_string()),
            ]
            .into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_rule_that_fired_raises_nothing_and_each_gap_is_named() {
        let h = History {
            rules: vec![rule("Good")],
            episodes: vec![Episode {
                alertname: "Good".into(),
                labels: Labels::new(),
                state: State::Firing,
                start: 0.0,
                end: 60.0,
                open: false,
                notifications: 1,
            }],
            ..Default::default()
        };
        assert!(findings(&h).is_empty());

        let mut bare = rule("Bare");
        bare.for_seconds = 0.0;
        bare.labels.clear();
        bare.annotations.clear();
        let mut broken = rule("Broken");
        broken.health = "err".into();
        broken.last_error = "many-to-many matching not allowed".into();
        let h = History {
            rules: vec![bare, broken],
            ..Default::default()
        };
        let mut ids: Vec<(String, String)> = findings(&h)
            .into_iter()
            .map(|f| (f.object.name, f.check))
            .collect();
        ids.sort();
        let want: Vec<(String, String)> = [
            ("Bare", "dead-rule"),
            ("Bare", "rule-without-for"),
            ("Bare", "rule-without-runbook"),
            ("Bare", "rule-without-severity"),
            ("Bare", "rule-without-summary"),
            ("Broken", "broken-rule"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(ids, want);
    }

    #[test]
    fn a_fleet_rule_is_dead_in_the_cluster_where_its_alert_never_fired() {
        let ep = |cluster: &str| Episode {
            alertname: "Good".into(),
            labels: [("cluster".to_string(), cluster.to_string())].into(),
            state: State::Firing,
            start: 0.0,
            end: 60.0,
            open: false,
            notifications: 1,
        };
        let in_cluster = |c: &str| Rule {
            cluster: c.into(),
            ..rule("Good")
        };
        let h = History {
            rules: vec![in_cluster("a"), in_cluster("b"), rule("Good")],
            episodes: vec![ep("a")],
            ..Default::default()
        };
        let dead: Vec<String> = findings(&h).into_iter().map(|f| f.message).collect();
        assert_eq!(dead.len(), 1, "{dead:?}");
        assert!(dead[0].contains("cluster b, group g"), "{dead:?}");
    }
}
