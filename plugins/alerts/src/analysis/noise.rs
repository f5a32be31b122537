//! Episodes that are noise by their shape, per alert: transient (resolved by themselves
//! within the threshold), re-fires (a label set firing again soon after it resolved, what
//! `keep_firing_for` absorbs), pending activations that never fired, and stuck episodes
//! (firing longer than the stuck threshold and still firing).

use super::{ByAlert, Settings, grid};
use crate::model::{History, Labels};
use std::collections::{BTreeMap, HashMap};

/// What is noisy about one alert; episode indices into the history.
#[derive(Debug, Clone, Default)]
pub struct AlertNoise {
    /// Closed firing episodes no longer than the transient threshold.
    pub transient: Vec<usize>,
    /// Firing episodes that started within the transient threshold of the previous one of
    /// the same labels ending, with that gap in seconds.
    pub refires: Vec<(usize, f64)>,
    /// Pending episodes.
    pub pending: usize,
    /// Pending episodes not followed by firing.
    pub pending_never_fired: usize,
    /// Open firing episodes longer than the stuck threshold.
    pub stuck: Vec<usize>,
}

/// Noise of every alert.
pub fn analyse(
    history: &History,
    by: &ByAlert,
    settings: &Settings,
) -> BTreeMap<String, AlertNoise> {
    let mut out: BTreeMap<String, AlertNoise> = BTreeMap::new();
    for (name, idx) in &by.firing {
        let n = out.entry(name.to_string()).or_default();
        let mut prev: Option<(&Labels, f64)> = None;
        for &i in idx {
            let e = &history.episodes[i];
            if !e.open && e.duration() <= settings.transient {
                n.transient.push(i);
            }
            if e.open && e.duration() > settings.stuck {
                n.stuck.push(i);
            }
            if let Some((labels, end)) = prev
                && labels == &e.labels
                && e.start - end <= settings.transient
            {
                n.refires.push((i, (e.start - end).max(0.0)));
            }
            prev = Some((&e.labels, e.end));
        }
    }
    for (name, idx) in &by.pending {
        let tolerance = 2.0 * grid(history, name) + history.step;
        // Firing starts per label set, sorted.
        let mut starts: HashMap<&Labels, Vec<f64>> = HashMap::new();
        for &i in by.firing.get(name).into_iter().flatten() {
            let e = &history.episodes[i];
            starts.entry(&e.labels).or_default().push(e.start);
        }
        let n = out.entry(name.to_string()).or_default();
        for &i in idx {
            let p = &history.episodes[i];
            n.pending += 1;
            let fired = starts.get(&p.labels).is_some_and(|s| {
                let k = s.partition_point(|&t| t < p.start);
                s[k..].first().is_some_and(|&t| t <= p.end + tolerance)
            });
            // Still pending at the window's end is not "never fired" yet.
            if !fired && !p.open {
                n.pending_never_fired += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Episode, State};

    fn ep(name: &str, state: State, start: f64, end: f64, open: bool) -> Episode {
        Episode {
            alertname: name.into(),
            labels: Labels::new(),
            state,
            start,
            end,
            open,
            notifications: 1,
        }
    }

    #[test]
    fn transient_refire_stuck_and_pending_never_fired_are_told_apart() {
        let day = 86_400.0;
        let mut eps = vec![
            ep("A", State::Firing, 0.0, 120.0, false),     // transient
            ep("A", State::Firing, 240.0, 3_000.0, false), // re-fire after 2 min, not transient
            ep("A", State::Firing, 10_000.0, 10_000.0 + 2.0 * day, true), // stuck
            ep("B", State::Pending, 0.0, 300.0, false),    // fired
            ep("B", State::Firing, 300.0, 600.0, false),
            ep("B", State::Pending, 5_000.0, 5_100.0, false), // never fired
            ep("B", State::Pending, 9_000.0, 9_060.0, true),  // still pending: not judged
        ];
        crate::episodes::sort(&mut eps);
        let h = History {
            start: 0.0,
            end: 10_000.0 + 2.0 * day,
            step: 60.0,
            episodes: eps,
            ..Default::default()
        };
        let by = ByAlert::new(&h.episodes);
        let n = analyse(&h, &by, &Settings::default());
        let a = &n["A"];
        assert_eq!(a.transient.len(), 1);
        assert_eq!(a.refires.len(), 1);
        assert_eq!(a.refires[0].1, 120.0);
        assert_eq!(a.stuck.len(), 1);
        let b = &n["B"];
        assert_eq!((b.pending, b.pending_never_fired), (3, 1));
        assert_eq!(b.transient.len(), 1);
    }
}
