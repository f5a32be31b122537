//! Silence hygiene, from Alertmanager's silences against its current alerts and the
//! window's episodes: active silences that match nothing, that outlived their alerts,
//! that are overly broad (no alertname, many alerts), that have no meaningful comment,
//! or that last longer than a week.

use crate::findings::{self, kind};
use crate::model::{History, Silence, all_match};
use shared::finding::Finding;
use std::collections::BTreeSet;

/// A silence this long is worth a second look.
const LONG: f64 = 7.0 * 86_400.0;

fn seconds(rfc: &str) -> Option<f64> {
    rfc.parse::<jiff::Timestamp>()
        .ok()
        .map(|t| t.as_second() as f64)
}

fn describe(s: &Silence) -> String {
    let m: Vec<String> = s
        .matchers
        .iter()
        .map(|m| format!("{}{}\"{}\"", m.name, m.op(), m.value))
        .collect();
    format!("{{{}}}", m.join(","))
}

/// Whether `s` names an alert: an `alertname` matcher that selects something specific.
fn names_an_alert(s: &Silence) -> bool {
    s.matchers
        .iter()
        .any(|m| m.name == "alertname" && m.is_equal && !m.matches_anything())
}

/// Findings about the silences.
pub fn findings(history: &History) -> Vec<Finding> {
    let Some(am) = &history.alertmanager else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in &am.silences {
        let compiled: Vec<_> = s.matchers.iter().map(|m| m.compile()).collect();
        let who = if s.created_by.is_empty() {
            "someone".to_string()
        } else {
            s.created_by.clone()
        };
        let what = describe(s);
        let comment_ok = s
            .comment
            .trim()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count()
            >= 5;
        if !comment_ok {
            out.push(findings::raise(
                "silence-no-comment",
                kind::SILENCE,
                &s.id,
                format!("{what} by {who} says {:?}", s.comment),
                "say why and link the ticket, so whoever is on call next knows whether it may expire".into(),
            ));
        }
        if s.state != "active" {
            continue;
        }
        if let (Some(a), Some(b)) = (seconds(&s.starts_at), seconds(&s.ends_at))
            && b - a > LONG
        {
            out.push(findings::raise(
                "silence-long",
                kind::SILENCE,
                &s.id,
                format!("{what} by {who} lasts {} (until {})", super::summary::human(b - a), s.ends_at),
                "silence for as long as the work takes and extend it if needed; a long silence hides the next real problem".into(),
            ));
        }
        let now: Vec<&str> = am
            .alerts
            .iter()
            .filter(|a| all_match(&compiled, &a.alertname, &a.labels))
            .map(|a| a.alertname.as_str())
            .collect();
        let past: BTreeSet<&str> = history
            .episodes
            .iter()
            .filter(|e| all_match(&compiled, &e.alertname, &e.labels))
            .map(|e| e.alertname.as_str())
            .collect();
        if now.is_empty() && past.is_empty() {
            out.push(findings::raise(
                "silence-matches-nothing",
                kind::SILENCE,
                &s.id,
                format!(
                    "{what} by {who} matches no alert now or in the window (until {})",
                    s.ends_at
                ),
                "a typo in a matcher silences nothing; check the labels, or expire it".into(),
            ));
        } else if now.is_empty() {
            out.push(findings::raise(
                "silence-outlived",
                kind::SILENCE,
                &s.id,
                format!(
                    "{what} by {who}: {} resolved, yet it runs until {}",
                    past.iter().copied().collect::<Vec<_>>().join(", "),
                    s.ends_at
                ),
                "expire it, so that a new occurrence notifies".into(),
            ));
        }
        let names: BTreeSet<&str> = now.iter().copied().chain(past.iter().copied()).collect();
        if !names_an_alert(s)
            && (names.len() > 3 || s.matchers.iter().all(|m| m.matches_anything()))
        {
            out.push(findings::raise(
                "silence-broad",
                kind::SILENCE,
                &s.id,
                format!(
                    "{what} by {who} names no alert and matches {} different ones",
                    names.len()
                ),
                "add an alertname matcher; a broad silence hides problems nobody meant to hide"
                    .into(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActiveAlert, AlertmanagerState, Episode, Labels, Matcher, State};

    fn silence(id: &str, m: &[(&str, &str, bool)], comment: &str, days: i64) -> Silence {
        Silence {
            id: id.into(),
            matchers: m
                .iter()
                .map(|(n, v, re)| Matcher {
                    name: n.to_string(),
                    value: v.to_string(),
                    is_regex: *re,
                    is_equal: true,
                })
                .collect(),
            starts_at: "2026-12-01T00:00:00Z".into(),
            ends_at: format!("2026-12-{:02}T00:00:00Z", 1 + days),
            created_by: "ana".into(),
            comment: comment.into(),
            state: "active".into(),
        }
    }

    fn ep(name: &str, ns: &str) -> Episode {
        Episode {
            alertname: name.into(),
            labels: [("namespace".to_string(), ns.to_string())].into(),
            state: State::Firing,
            start: 0.0,
            end: 60.0,
            open: false,
            notifications: 1,
        }
    }

    fn checks(h: &History, id: &str) -> Vec<String> {
        findings(h)
            .into_iter()
            .filter(|f| f.object.name == id)
            .map(|f| f.check)
            .collect()
    }

    #[test]
    fn each_silence_problem_is_named_and_a_good_silence_raises_nothing() {
        let am = AlertmanagerState {
            silences: vec![
                silence(
                    "good",
                    &[("alertname", "DiskFull", false)],
                    "JIRA-12 resize volume",
                    1,
                ),
                silence(
                    "typo",
                    &[("alertname", "DiskFul", false)],
                    "JIRA-13 resize volume",
                    1,
                ),
                silence(
                    "old",
                    &[("alertname", "Gone", false)],
                    "JIRA-14 maintenance",
                    1,
                ),
                silence(
                    "broad",
                    &[("namespace", "prod", false)],
                    "deploy window tonight",
                    1,
                ),
                silence("terse", &[("alertname", "DiskFull", false)], "x", 1),
                silence(
                    "long",
                    &[("alertname", "DiskFull", false)],
                    "JIRA-15 until migration",
                    20,
                ),
            ],
            alerts: vec![ActiveAlert {
                alertname: "DiskFull".into(),
                labels: [("namespace".to_string(), "prod".to_string())].into(),
                state: "suppressed".into(),
                silenced_by: vec!["good".into()],
                inhibited_by: vec![],
                starts_at: String::new(),
            }],
            ..Default::default()
        };
        let h = History {
            episodes: vec![
                ep("Gone", "prod"),
                ep("A", "prod"),
                ep("B", "prod"),
                ep("C", "prod"),
                ep("DiskFull", "prod"),
            ],
            alertmanager: Some(am),
            ..Default::default()
        };
        assert!(checks(&h, "good").is_empty());
        assert_eq!(checks(&h, "typo"), vec!["silence-matches-nothing"]);
        assert_eq!(checks(&h, "old"), vec!["silence-outlived"]);
        assert_eq!(checks(&h, "broad"), vec!["silence-broad"]);
        assert_eq!(checks(&h, "terse"), vec!["silence-no-comment"]);
        assert_eq!(checks(&h, "long"), vec!["silence-long"]);
        let _ = Labels::new();
    }
}
