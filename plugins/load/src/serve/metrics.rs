//! What `kubectl load target` counts and serves on `/metrics` in Prometheus' text format:
//! requests by status (`load_target_requests_total`) and a latency histogram of the time
//! each answer took, injected delay included (`load_target_request_duration_seconds`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;

/// Histogram bucket bounds, seconds.
pub const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

#[derive(Debug, Default)]
struct Counts {
    by_status: BTreeMap<u16, u64>,
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// The counters, shared by every connection.
#[derive(Debug, Default)]
pub struct Metrics(Mutex<Counts>);

impl Metrics {
    /// Counts one answer of `status` that took `seconds`.
    pub fn observe(&self, status: u16, seconds: f64) {
        let mut c = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *c.by_status.entry(status).or_default() += 1;
        for (k, le) in BUCKETS.iter().enumerate() {
            if seconds <= *le {
                c.buckets[k] += 1;
            }
        }
        c.count += 1;
        c.sum += seconds;
    }

    /// The text exposition.
    pub fn render(&self) -> String {
        let c = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut s = String::from(
            "# HELP load_target_requests_total Requests answered, by status.\n# TYPE load_target_requests_total counter\n",
        );
        for (status, n) in &c.by_status {
            let _ = writeln!(s, "load_target_requests_total{{status=\"{status}\"}} {n}");
        }
        s.push_str("# HELP load_target_request_duration_seconds Time to answer, injected delay included.\n# TYPE load_target_request_duration_seconds histogram\n");
        for (le, n) in BUCKETS.iter().zip(c.buckets) {
            let _ = writeln!(
                s,
                "load_target_request_duration_seconds_bucket{{le=\"{le}\"}} {n}"
            );
        }
        let _ = writeln!(
            s,
            "load_target_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\nload_target_request_duration_seconds_sum {}\nload_target_request_duration_seconds_count {}",
            c.count, c.sum, c.count
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_counted_by_status_and_bucket() {
        let m = Metrics::default();
        m.observe(200, 0.004);
        m.observe(200, 0.2);
        m.observe(503, 3.0);
        let t = m.render();
        assert!(
            t.contains("load_target_requests_total{status=\"200\"} 2\n"),
            "{t}"
        );
        assert!(
            t.contains("load_target_requests_total{status=\"503\"} 1\n"),
            "{t}"
        );
        assert!(t.contains("_bucket{le=\"0.005\"} 1\n"), "{t}");
        assert!(t.contains("_bucket{le=\"0.25\"} 2\n"), "{t}");
        assert!(t.contains("_bucket{le=\"5\"} 3\n"), "{t}");
        assert!(t.contains("_bucket{le=\"+Inf\"} 3\n"), "{t}");
        assert!(
            t.contains("load_target_request_duration_seconds_count 3"),
            "{t}"
        );
    }
}
