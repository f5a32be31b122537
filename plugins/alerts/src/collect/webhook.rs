//! Offline history: a file of Alertmanager webhook payloads, one JSON object per line (as
//! a webhook receiver that logs its requests writes them; `-` for stdin). Each alert of a
//! payload is keyed by its fingerprint (or labels) and `startsAt`: its firing payloads are
//! notifications of one episode, a `resolved` one ends it at `endsAt`. Alertmanager sends
//! only what passed silences and inhibitions, so this counts what was notified.

use crate::episodes;
use crate::model::{Episode, History, Labels, State};
use shared::error::Error;
use std::collections::BTreeMap;

fn time(v: &serde_json::Value) -> Option<f64> {
    let t: jiff::Timestamp = v.as_str()?.parse().ok()?;
    // Alertmanager writes 0001-01-01T00:00:00Z for "no end".
    let s = t.as_second() as f64 + f64::from(t.subsec_nanosecond()) / 1e9;
    (s > 0.0).then_some(s)
}

#[derive(Default)]
struct Building {
    alertname: String,
    labels: Labels,
    start: f64,
    end: Option<f64>,
    notifications: u32,
    last_seen: f64,
}

/// The history in `text`; lines that are not payloads are counted in the second value.
pub fn parse(text: &str, source: &str) -> Result<(History, usize), Error> {
    let mut by_key: BTreeMap<(String, i64), Building> = BTreeMap::new();
    let mut bad = 0;
    let mut payloads = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            bad += 1;
            continue;
        };
        let Some(alerts) = v["alerts"].as_array() else {
            bad += 1;
            continue;
        };
        payloads += 1;
        for a in alerts {
            let Some(start) = time(&a["startsAt"]) else {
                continue;
            };
            let mut labels: Labels = a["labels"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                        .collect()
                })
                .unwrap_or_default();
            let alertname = labels.remove("alertname").unwrap_or_default();
            let key = a["fingerprint"]
                .as_str()
                .map(String::from)
                .unwrap_or_else(|| format!("{alertname}{labels:?}"));
            let b = by_key
                .entry((key, (start * 1000.0) as i64))
                .or_insert_with(|| Building {
                    alertname: alertname.clone(),
                    labels: labels.clone(),
                    start,
                    ..Default::default()
                });
            let end = time(&a["endsAt"]);
            b.last_seen = b.last_seen.max(start);
            if a["status"] == "resolved" {
                b.end = end.or(Some(start));
            } else {
                b.notifications += 1;
            }
        }
    }
    if payloads == 0 {
        return Err(Error::usage(
            format!("{source}: no Alertmanager webhook payload in it ({bad} lines not understood)"),
            "give a file of webhook payloads, one JSON object with an \"alerts\" array per line",
        ));
    }
    let start = by_key
        .values()
        .map(|b| b.start)
        .fold(f64::INFINITY, f64::min);
    let end = by_key
        .values()
        .map(|b| b.end.unwrap_or(b.start).max(b.last_seen))
        .fold(start, f64::max);
    let mut eps: Vec<Episode> = by_key
        .into_values()
        .map(|b| Episode {
            alertname: b.alertname,
            labels: b.labels,
            state: State::Firing,
            start: b.start,
            end: b.end.unwrap_or(end),
            open: b.end.is_none(),
            notifications: b.notifications.max(1),
        })
        .collect();
    episodes::sort(&mut eps);
    Ok((
        History {
            start: if start.is_finite() { start } else { 0.0 },
            end,
            step: 1.0,
            episodes: eps,
            source: source.to_string(),
            ..Default::default()
        },
        bad,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload(status: &str, fp: &str, starts: &str, ends: &str) -> String {
        serde_json::json!({"version": "4", "status": status, "alerts": [{"status": status,
            "labels": {"alertname": "Disk", "severity": "warning"}, "annotations": {},
            "startsAt": starts, "endsAt": ends, "fingerprint": fp}]})
        .to_string()
    }

    #[test]
    fn repeats_are_notifications_of_one_episode_and_resolved_ends_it() {
        let zero = "0001-01-01T00:00:00Z";
        let text = [
            payload("firing", "f1", "2026-01-01T00:00:00Z", zero),
            payload("firing", "f1", "2026-01-01T00:00:00Z", zero),
            payload(
                "resolved",
                "f1",
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:10:00Z",
            ),
            payload("firing", "f1", "2026-01-01T01:00:00Z", zero),
            "not json".to_string(),
        ]
        .join("\n");
        let (h, bad) = parse(&text, "f").expect("test input");
        assert_eq!(bad, 1);
        assert_eq!(h.episodes.len(), 2);
        assert_eq!(h.episodes[0].notifications, 2);
        assert_eq!(h.episodes[0].duration(), 600.0);
        assert!(!h.episodes[0].open);
        assert!(h.episodes[1].open);
        assert_eq!(h.episodes[0].alertname, "Disk");
    }

    #[test]
    fn a_file_without_payloads_is_refused() {
        assert!(parse("{}\nnope\n", "f").is_err());
    }
}
