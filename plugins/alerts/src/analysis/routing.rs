//! Where each alert's notifications went: its label sets walked down Alertmanager's routing
//! tree the way Alertmanager walks it (a child that matches is entered; siblings after it
//! are tried only when it says `continue`; a node none of whose children match is the
//! result), and the alerts that fired yet were routed only to receivers that send nothing.

use super::summary::AlertSummary;
use crate::findings::{self, kind};
use crate::model::{History, Labels, Route, Routing, State, all_match};
use shared::finding::Finding;
use std::collections::BTreeSet;

fn walk<'a>(node: &'a Route, alertname: &str, labels: &Labels, out: &mut Vec<&'a str>) {
    let mut matched = false;
    for child in &node.routes {
        let compiled: Vec<_> = child.matchers.iter().map(|m| m.compile()).collect();
        if all_match(&compiled, alertname, labels) {
            matched = true;
            walk(child, alertname, labels, out);
            if !child.continue_matching {
                break;
            }
        }
    }
    if !matched {
        out.push(node.receiver.as_str());
    }
}

/// The receivers an alert with these labels is routed to.
pub fn receivers<'a>(routing: &'a Routing, alertname: &str, labels: &Labels) -> Vec<&'a str> {
    let mut out = Vec::new();
    walk(&routing.root, alertname, labels, &mut out);
    out.dedup();
    out
}

/// Sets each alert's receivers (over every label set that fired).
pub fn annotate(alerts: &mut [AlertSummary], history: &History) {
    let Some(routing) = history
        .alertmanager
        .as_ref()
        .and_then(|a| a.routing.as_ref())
    else {
        return;
    };
    for a in alerts.iter_mut() {
        let got: BTreeSet<&str> = history
            .episodes
            .iter()
            .filter(|e| e.state == State::Firing && e.alertname == a.alertname)
            .flat_map(|e| receivers(routing, &e.alertname, &e.labels))
            .collect();
        a.receivers = got.into_iter().map(str::to_string).collect();
    }
}

/// Alerts that fired and were routed only to receivers without integrations.
pub fn findings(alerts: &[AlertSummary], history: &History) -> Vec<Finding> {
    let Some(routing) = history
        .alertmanager
        .as_ref()
        .and_then(|a| a.routing.as_ref())
    else {
        return Vec::new();
    };
    alerts
        .iter()
        .filter(|a| a.notifications > 0 && !a.receivers.is_empty())
        .filter(|a| {
            a.receivers
                .iter()
                .all(|r| routing.receivers.get(r).is_none_or(Vec::is_empty))
        })
        .map(|a| {
            findings::raise(
                "routed-nowhere",
                kind::ALERT,
                &a.alertname,
                format!(
                    "{} notifications went to {}, which send(s) nothing",
                    a.notifications,
                    a.receivers.join(", ")
                ),
                "route it to the team that acts on it, or delete the rule if nobody needs it"
                    .into(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Matcher;

    fn m(name: &str, value: &str) -> Matcher {
        Matcher {
            name: name.into(),
            value: value.into(),
            is_regex: false,
            is_equal: true,
        }
    }

    #[test]
    fn alerts_walk_the_tree_as_alertmanager_walks_it() {
        let leaf = |receiver: &str, matchers: Vec<Matcher>, cont: bool| Route {
            receiver: receiver.into(),
            matchers,
            continue_matching: cont,
            routes: Vec::new(),
        };
        let routing = Routing {
            root: Route {
                receiver: "default".into(),
                routes: vec![
                    leaf("audit", vec![m("team", "db")], true),
                    leaf("db", vec![m("team", "db")], false),
                    leaf("never", vec![m("team", "db")], false),
                    leaf("blackhole", vec![m("severity", "info")], false),
                ],
                ..Default::default()
            },
            receivers: [("blackhole".to_string(), vec![])].into(),
        };
        let labels = |pairs: &[(&str, &str)]| -> Labels {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(
            receivers(&routing, "X", &labels(&[("team", "db")])),
            vec!["audit", "db"]
        );
        assert_eq!(
            receivers(&routing, "X", &labels(&[("severity", "info")])),
            vec!["blackhole"]
        );
        assert_eq!(receivers(&routing, "X", &labels(&[])), vec!["default"]);
    }
}
