//! When each request of an open model is due: the arrival rate is piecewise linear over the
//! stages, and request `k` is due when the cumulative count reaches `k`. Pure arithmetic, so
//! runner `i` of `N` sends exactly requests `i, i+N, i+2N…` of the one global schedule.

use crate::spec::Stage;
use std::time::Duration;

/// The schedule of an open model.
#[derive(Debug, Clone)]
pub struct Schedule {
    start_rate: f64,
    stages: Vec<Stage>,
}

impl Schedule {
    /// A schedule starting at `start_rate` through `stages`.
    pub fn new(start_rate: f64, stages: Vec<Stage>) -> Self {
        Self { start_rate, stages }
    }

    /// How many requests the whole schedule holds (rounded down).
    pub fn total(&self) -> u64 {
        let mut r0 = self.start_rate;
        let mut n = 0.0;
        for s in &self.stages {
            n += (r0 + s.target) / 2.0 * s.duration.as_secs_f64();
            r0 = s.target;
        }
        n.floor() as u64
    }

    /// When request `k` (0-based) is due, from the start; `None` past the end.
    pub fn offset(&self, k: u64) -> Option<Duration> {
        let k = k as f64;
        let mut before = 0.0; // requests due before this stage
        let mut t0 = 0.0;
        let mut r0 = self.start_rate;
        for s in &self.stages {
            let d = s.duration.as_secs_f64();
            let r1 = s.target;
            let in_stage = (r0 + r1) / 2.0 * d;
            if k < before + in_stage {
                let n = k - before;
                let a = (r1 - r0) / (2.0 * d);
                let tau = if a.abs() < 1e-12 {
                    n / r0
                } else {
                    // a τ² + r0 τ − n = 0, the root in [0, d].
                    (-r0 + (r0 * r0 + 4.0 * a * n).max(0.0).sqrt()) / (2.0 * a)
                };
                return Duration::try_from_secs_f64(t0 + tau.clamp(0.0, d)).ok();
            }
            before += in_stage;
            t0 += d;
            r0 = r1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(secs: u64, target: f64) -> Stage {
        Stage {
            duration: Duration::from_secs(secs),
            target,
        }
    }

    #[test]
    fn constant_rate_is_evenly_spaced() {
        let s = Schedule::new(100.0, vec![stage(2, 100.0)]);
        assert_eq!(s.total(), 200);
        assert_eq!(s.offset(0), Some(Duration::ZERO));
        assert_eq!(s.offset(50), Some(Duration::from_millis(500)));
        assert_eq!(s.offset(199), Some(Duration::from_millis(1990)));
        assert_eq!(s.offset(200), None);
    }

    #[test]
    fn ramps_follow_the_rate() {
        // 0 → 100/s over 10 s: 500 requests, half of them in the last 2.93 s.
        let s = Schedule::new(0.0, vec![stage(10, 100.0), stage(5, 100.0), stage(10, 0.0)]);
        assert_eq!(s.total(), 500 + 500 + 500);
        let t = s.offset(250).expect("due").as_secs_f64();
        assert!((t - 10.0 * 0.5f64.sqrt()).abs() < 1e-6, "{t}");
        let t = s.offset(750).expect("due").as_secs_f64();
        assert!((t - 12.5).abs() < 1e-6, "{t}");
        // Ramping down: the last request lands just before the end.
        let t = s.offset(1499).expect("due").as_secs_f64();
        assert!(t > 24.0 && t <= 25.0, "{t}");
        // Monotonic.
        let times: Vec<f64> = (0..1500)
            .map(|k| s.offset(k).expect("due").as_secs_f64())
            .collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]));
    }
}
