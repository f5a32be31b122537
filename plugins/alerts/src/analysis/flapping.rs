//! Flapping, two ways, both reported. Nagios' percent state change: the alert's state
//! (firing or not) at each evaluation; over the last 21 states each of the 20 possible
//! changes weighs from 0.80 (oldest) to 1.20 (newest), PSC = Σ weights / 20 × 100; a label
//! set starts flapping at PSC ≥ 20 % and stops below 5 % (hysteresis). And the simpler
//! transitions per hour (alert-analyzer's ≥ 3/h), the most seen in any sliding hour.
//! Work is proportional to the changes, not to the evaluations of a 30-day window.

use serde::Serialize;

/// Flapping starts at this PSC (percent).
pub const START: f64 = 20.0;
/// And stops below this one.
pub const STOP: f64 = 5.0;
/// States in the window.
const STATES: i64 = 21;

/// One flapping stretch.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    /// When PSC reached [`START`], Unix seconds.
    pub start: f64,
    /// When it fell below [`STOP`] (or the window's end).
    pub end: f64,
}

/// The flapping verdict of one label set.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flapping {
    /// Highest PSC seen, percent.
    pub max_psc: f64,
    /// Flapping stretches.
    pub periods: Vec<Period>,
    /// Most state changes within any hour.
    pub max_transitions_per_hour: usize,
}

fn weight(position: i64) -> f64 {
    0.80 + 0.40 * position as f64 / 19.0
}

/// PSC of the window ending at state `t`, given sorted change indices (a change at `j` means
/// state `j` differs from state `j-1`); `lo..hi` are the indices of `changes` in the window.
fn psc(changes: &[i64], lo: usize, hi: usize, t: i64) -> f64 {
    let first = t - (STATES - 2); // oldest change position in the window
    let sum: f64 = changes[lo..hi].iter().map(|&j| weight(j - first)).sum();
    sum / 20.0 * 100.0
}

/// Flapping of a label set whose firing stretches are `intervals` (sorted, disjoint, Unix
/// seconds), with states every `grid` seconds from `origin`; `open_end` when the last one is
/// still firing at `window_end`.
pub fn analyse(
    intervals: &[(f64, f64)],
    open_last: bool,
    origin: f64,
    grid: f64,
    window_end: f64,
) -> Flapping {
    let idx = |t: f64| ((t - origin) / grid).round() as i64;
    let mut changes: Vec<i64> = Vec::with_capacity(intervals.len() * 2);
    let mut times: Vec<f64> = Vec::with_capacity(intervals.len() * 2);
    for (k, &(s, e)) in intervals.iter().enumerate() {
        let (si, ei) = (idx(s), idx(e).max(idx(s) + 1));
        if changes.last() == Some(&si) {
            changes.pop(); // ended and restarted within one evaluation: no change
            times.pop();
        } else {
            changes.push(si);
            times.push(s);
        }
        if !(open_last && k + 1 == intervals.len()) {
            changes.push(ei);
            times.push(e);
        }
    }
    let mut out = Flapping {
        max_transitions_per_hour: per_hour(&times),
        ..Default::default()
    };
    let (mut lo, mut hi) = (0usize, 0usize);
    let mut flapping_since: Option<f64> = None;
    let mut t_done = i64::MIN;
    let at = |t: i64| origin + t as f64 * grid;
    for &c in &changes {
        let from = c.max(t_done + 1);
        if from > t_done + 1
            && let Some(s) = flapping_since.take()
        {
            // PSC was 0 in between: it stopped at the state after the last window.
            out.periods.push(Period {
                start: s,
                end: at(t_done + 1),
            });
        }
        for t in from..c + STATES - 1 {
            while hi < changes.len() && changes[hi] <= t {
                hi += 1;
            }
            while lo < hi && changes[lo] < t - (STATES - 2) {
                lo += 1;
            }
            let p = psc(&changes, lo, hi, t);
            out.max_psc = out.max_psc.max(p);
            match flapping_since {
                None if p >= START => flapping_since = Some(at(t)),
                Some(s) if p < STOP => {
                    out.periods.push(Period {
                        start: s,
                        end: at(t),
                    });
                    flapping_since = None;
                }
                _ => {}
            }
            t_done = t;
        }
    }
    if let Some(s) = flapping_since {
        out.periods.push(Period {
            start: s,
            end: at(t_done + 1).min(window_end),
        });
    }
    out.max_psc = (out.max_psc * 10.0).round() / 10.0;
    out
}

/// Most of `times` (sorted) within any one-hour window.
fn per_hour(times: &[f64]) -> usize {
    let mut best = 0;
    let mut lo = 0;
    for hi in 0..times.len() {
        while times[hi] - times[lo] >= 3600.0 {
            lo += 1;
        }
        best = best.max(hi - lo + 1);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every state explicitly, for checking the fast path: PSC of the 21 states ending at t.
    fn naive(states: &[bool], t: usize) -> f64 {
        let mut sum = 0.0;
        for k in 0..20 {
            let j = t as i64 - 19 + k as i64;
            if j >= 1 && (j as usize) < states.len() && states[j as usize] != states[j as usize - 1]
            {
                sum += weight(k as i64);
            }
        }
        sum / 20.0 * 100.0
    }

    #[test]
    fn weights_run_from_point_eight_to_one_point_two() {
        assert!((weight(0) - 0.80).abs() < 1e-9);
        assert!((weight(19) - 1.20).abs() < 1e-9);
    }

    #[test]
    fn two_minutes_on_two_off_flaps_and_a_single_blip_does_not() {
        // 10 cycles of 2 min firing, 2 min resolved, evaluated every minute.
        let iv: Vec<(f64, f64)> = (0..10)
            .map(|k| (600.0 + k as f64 * 240.0, 600.0 + k as f64 * 240.0 + 120.0))
            .collect();
        let f = analyse(&iv, false, 0.0, 60.0, 100_000.0);
        assert_eq!(f.periods.len(), 1, "{f:?}");
        assert!(f.max_psc >= 45.0, "{f:?}");
        assert!(f.max_transitions_per_hour >= 19, "{f:?}");
        // It stops once the changes have left the window.
        assert!(f.periods[0].end > iv[9].1 && f.periods[0].end <= iv[9].1 + 21.0 * 60.0);

        let blip = analyse(&[(600.0, 780.0)], false, 0.0, 60.0, 100_000.0);
        assert!(blip.periods.is_empty());
        assert!(blip.max_psc > 0.0 && blip.max_psc < START);
        assert_eq!(blip.max_transitions_per_hour, 2);
    }

    #[test]
    fn the_fast_psc_matches_every_state_computed_by_hand() {
        let iv = [
            (120.0, 300.0),
            (420.0, 480.0),
            (900.0, 960.0),
            (1500.0, 1800.0),
        ];
        let mut states = vec![false; 60];
        for (s, e) in iv {
            states[(s / 60.0) as usize..(e / 60.0) as usize].fill(true);
        }
        let max_naive = (0..60).map(|t| naive(&states, t)).fold(0.0, f64::max);
        let f = analyse(&iv, false, 0.0, 60.0, 3600.0);
        assert!(
            (f.max_psc - (max_naive * 10.0).round() / 10.0).abs() < 1e-6,
            "{f:?} vs {max_naive}"
        );
    }

    #[test]
    fn hysteresis_keeps_flapping_until_below_five_percent() {
        // Flap hard, then one late change inside the window keeps PSC between 5 and 20.
        let mut iv: Vec<(f64, f64)> = (0..5)
            .map(|k| (k as f64 * 120.0, k as f64 * 120.0 + 60.0))
            .collect();
        iv.push((1500.0, 100_000.0));
        let f = analyse(&iv, true, 0.0, 60.0, 100_000.0);
        assert_eq!(f.periods.len(), 1, "{f:?}");
        // Flapping ran past the burst, through the late change.
        assert!(f.periods[0].end > 1500.0, "{f:?}");
    }
}

/// PSC of the last 21 `states` (oldest first; fewer states weigh as if the missing ones
/// were unchanged), for following alerts live.
pub fn psc_of_states(states: &[bool]) -> f64 {
    let n = states.len();
    let from = n.saturating_sub(STATES as usize);
    let window = &states[from..];
    let offset = STATES as usize - window.len(); // positions the window lacks, oldest first
    let sum: f64 = window
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[0] != w[1])
        .map(|(k, _)| weight((offset + k) as i64))
        .sum();
    sum / 20.0 * 100.0
}

#[cfg(test)]
mod live_tests {
    use super::*;

    #[test]
    fn live_psc_weighs_recent_changes_most() {
        let mut s = vec![false; 21];
        assert_eq!(psc_of_states(&s), 0.0);
        s[20] = true; // newest change
        assert!((psc_of_states(&s) - 6.0).abs() < 1e-9);
        let alternating: Vec<bool> = (0..21).map(|k| k % 2 == 0).collect();
        assert!((psc_of_states(&alternating) - 100.0).abs() < 1e-9);
        assert!(psc_of_states(&[true, false]) > 5.0);
    }
}
