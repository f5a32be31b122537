//! Episodes rebuilt from the points of `ALERTS` (pure). Prometheus never writes a 0-valued
//! `ALERTS` sample: a resolved alert's series simply stops. So a series' points are split
//! wherever the gap between two of them is longer than the query step plus the rule
//! group's evaluation interval; each run of points is one episode. `ALERTS_FOR_STATE`
//! values (the `ActiveAt` of each activation) are counted beside them as a cross-check.

use crate::model::{Episode, Labels, State};
use std::collections::BTreeMap;

/// The labels of an `ALERTS` series split into alertname, state and the rest; `None` for a
/// series without alertname or with an unknown alertstate.
pub fn split_labels(metric: &BTreeMap<String, String>) -> Option<(String, State, Labels)> {
    let name = metric.get("alertname")?.clone();
    let state = match metric.get("alertstate").map(String::as_str) {
        Some("firing") => State::Firing,
        Some("pending") => State::Pending,
        _ => return None,
    };
    let labels = metric
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "alertname" | "alertstate" | "__name__"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Some((name, state, labels))
}

/// The episodes of one series whose points (Unix seconds, in order) were read every `step`
/// seconds from a rule evaluated every `interval` seconds; the window ends at `window_end`.
/// An episode ends one evaluation after its last point (when the alert resolved), and is
/// open when its last point is within the gap limit of the window's end.
pub fn from_points(
    alertname: &str,
    state: State,
    labels: &Labels,
    times: &[f64],
    step: f64,
    interval: f64,
    window_end: f64,
) -> Vec<Episode> {
    let gap = step + interval;
    let mut out = Vec::new();
    let Some(&first) = times.first() else {
        return out;
    };
    let mut start = first;
    let mut last = first;
    let close = |start: f64, last: f64, out: &mut Vec<Episode>| {
        let open = window_end - last <= gap + 1e-9;
        out.push(Episode {
            alertname: alertname.to_string(),
            labels: labels.clone(),
            state,
            start,
            end: if open {
                window_end.max(last)
            } else {
                last + interval
            },
            open,
            notifications: 1,
        });
    };
    for &t in &times[1..] {
        if t - last > gap + 1e-9 {
            close(start, last, &mut out);
            start = t;
        }
        last = t;
    }
    close(start, last, &mut out);
    out
}

/// Activations in `ALERTS_FOR_STATE` points: each change of value (the ActiveAt time) is
/// one activation, and so is a reappearance after a gap longer than `gap`.
pub fn activations(points: &[(f64, f64)], gap: f64) -> usize {
    let mut n = 0;
    let mut prev: Option<(f64, f64)> = None;
    for &(t, v) in points {
        match prev {
            Some((pt, pv)) if (v - pv).abs() < 0.5 && t - pt <= gap + 1e-9 => {}
            _ => n += 1,
        }
        prev = Some((t, v));
    }
    n
}

/// Sorts episodes by alertname, labels, state and start.
pub fn sort(episodes: &mut [Episode]) {
    episodes.sort_by(|a, b| {
        (&a.alertname, &a.labels, a.state)
            .cmp(&(&b.alertname, &b.labels, b.state))
            .then(a.start.total_cmp(&b.start))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(times: &[f64], end: f64) -> Vec<(f64, f64, bool)> {
        from_points("A", State::Firing, &Labels::new(), times, 60.0, 60.0, end)
            .into_iter()
            .map(|e| (e.start, e.end, e.open))
            .collect()
    }

    #[test]
    fn a_gap_longer_than_step_plus_interval_ends_an_episode() {
        // 0..120 firing, resolved, 600..660 firing again.
        let got = ep(&[0.0, 60.0, 120.0, 600.0, 660.0], 10_000.0);
        assert_eq!(got, vec![(0.0, 180.0, false), (600.0, 720.0, false)]);
    }

    #[test]
    fn a_missed_step_does_not_split_an_episode() {
        // One point missing (120 s gap = step + interval) keeps it one episode.
        assert_eq!(ep(&[0.0, 60.0, 180.0], 10_000.0), vec![(0.0, 240.0, false)]);
    }

    #[test]
    fn an_episode_reaching_the_window_end_is_open() {
        assert_eq!(ep(&[900.0, 960.0], 1000.0), vec![(900.0, 1000.0, true)]);
    }

    #[test]
    fn one_point_is_one_evaluation_long() {
        assert_eq!(ep(&[300.0], 10_000.0), vec![(300.0, 360.0, false)]);
        assert!(ep(&[], 10.0).is_empty());
    }

    #[test]
    fn activations_count_value_changes_and_reappearances() {
        // ActiveAt 100 for three points, then a new activation (200), then the same value
        // again after a long gap (a restart that restored it is not new... but a gap is).
        let pts = [
            (100.0, 100.0),
            (160.0, 100.0),
            (220.0, 100.0),
            (280.0, 280.0),
        ];
        assert_eq!(activations(&pts, 120.0), 2);
        assert_eq!(activations(&[(0.0, 5.0), (1000.0, 5.0)], 120.0), 2);
        assert_eq!(activations(&[], 120.0), 0);
    }

    #[test]
    fn series_labels_split_into_name_state_and_rest() {
        let m: BTreeMap<String, String> = [
            ("__name__", "ALERTS"),
            ("alertname", "X"),
            ("alertstate", "pending"),
            ("severity", "warning"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let (n, s, l) = split_labels(&m).expect("test input");
        assert_eq!((n.as_str(), s), ("X", State::Pending));
        assert_eq!(l.len(), 1);
        let mut bad = m.clone();
        bad.insert("alertstate".into(), "inactive".into());
        assert!(split_labels(&bad).is_none());
    }
}
