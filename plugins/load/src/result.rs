//! What one runner measured, and merging several into one. Counters add, histograms merge
//! exactly, timelines add second by second (runners share one start time). Thresholds
//! are judged only on the merged result.

use crate::hist::Hist;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One second of the run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Second {
    /// Requests completed in this second.
    pub requests: u64,
    /// Of which errors.
    pub errors: u64,
    /// Their latencies (2 significant digits).
    pub latency: Hist,
}

/// One scenario step's (goose request name's) measurements.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Requests of this step.
    pub requests: u64,
    /// Of which errors.
    pub errors: u64,
    /// Their latencies.
    pub latency: Hist,
}

/// A runner's (or the merged) measurements.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunResult {
    /// Requests completed (with a response or an error).
    pub requests: u64,
    /// Requests that failed: transport errors and HTTP status >= 400.
    pub errors: u64,
    /// Requests of an open model that were due but never sent before the end (the
    /// connections were all busy).
    pub dropped: u64,
    /// Responses by status code.
    pub status: BTreeMap<u16, u64>,
    /// Failures by kind (`connect`, `timeout`, `io`, `status 503`...).
    pub error_kinds: BTreeMap<String, u64>,
    /// Latency from the intended start (open model: corrected for coordinated omission; closed:
    /// equal to `service`).
    pub latency: Hist,
    /// Latency from the moment the request was actually sent.
    pub service: Hist,
    /// Per second.
    pub timeline: Vec<Second>,
    /// Wall time the load ran, seconds.
    pub elapsed_seconds: f64,
    /// Response bytes read.
    pub bytes: u64,
    /// Scenario runs: per step (`METHOD name`), as goose and k6 report per request name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub steps: BTreeMap<String, Step>,
}

impl RunResult {
    /// Adds `other` into `self`.
    pub fn merge(&mut self, other: &RunResult) {
        self.requests += other.requests;
        self.errors += other.errors;
        self.dropped += other.dropped;
        for (k, v) in &other.status {
            *self.status.entry(*k).or_default() += v;
        }
        for (k, v) in &other.error_kinds {
            *self.error_kinds.entry(k.clone()).or_default() += v;
        }
        self.latency.merge(&other.latency);
        self.service.merge(&other.service);
        if self.timeline.len() < other.timeline.len() {
            self.timeline.resize_with(other.timeline.len(), || Second {
                latency: Hist::with_precision(2),
                ..Default::default()
            });
        }
        for (mine, theirs) in self.timeline.iter_mut().zip(&other.timeline) {
            mine.requests += theirs.requests;
            mine.errors += theirs.errors;
            mine.latency.merge(&theirs.latency);
        }
        self.elapsed_seconds = self.elapsed_seconds.max(other.elapsed_seconds);
        self.bytes += other.bytes;
        for (name, theirs) in &other.steps {
            let mine = self.steps.entry(name.clone()).or_default();
            mine.requests += theirs.requests;
            mine.errors += theirs.errors;
            mine.latency.merge(&theirs.latency);
        }
    }

    /// The merge of `parts`.
    pub fn merged<'a>(parts: impl IntoIterator<Item = &'a RunResult>) -> RunResult {
        let mut out = RunResult::default();
        for p in parts {
            out.merge(p);
        }
        out
    }

    /// Share of failed requests.
    pub fn error_rate(&self) -> f64 {
        if self.requests == 0 {
            0.0
        } else {
            self.errors as f64 / self.requests as f64
        }
    }

    /// Share of the scheduled requests (sent or not) that were never sent: the generator
    /// could not keep up with the open model's schedule.
    pub fn dropped_rate(&self) -> f64 {
        let scheduled = self.requests + self.dropped;
        if scheduled == 0 {
            0.0
        } else {
            self.dropped as f64 / scheduled as f64
        }
    }

    /// Completed requests per second of load.
    pub fn achieved_rate(&self) -> f64 {
        if self.elapsed_seconds <= 0.0 {
            0.0
        } else {
            self.requests as f64 / self.elapsed_seconds
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(requests: u64, errors: u64, latency_us: u64, seconds: usize) -> RunResult {
        let mut r = RunResult {
            requests,
            errors,
            elapsed_seconds: seconds as f64,
            ..Default::default()
        };
        *r.status.entry(200).or_default() += requests - errors;
        *r.status.entry(503).or_default() += errors;
        for _ in 0..requests {
            r.latency.record(latency_us);
            r.service.record(latency_us);
        }
        r.timeline = (0..seconds)
            .map(|_| {
                let mut s = Second {
                    requests: requests / seconds as u64,
                    latency: Hist::with_precision(2),
                    ..Default::default()
                };
                s.latency.record(latency_us);
                s
            })
            .collect();
        r
    }

    #[test]
    fn merging_is_exact_where_averaging_is_wrong() {
        // One fast runner, one slow: the merged p99 is the slow one's, an average of
        // per-runner p99s would not be.
        let fast = part(990, 0, 1_000, 2);
        let slow = part(10, 10, 900_000, 3);
        let m = RunResult::merged([&fast, &slow]);
        assert_eq!(m.requests, 1000);
        assert_eq!(m.errors, 10);
        assert_eq!(m.status[&503], 10);
        assert!((m.error_rate() - 0.01).abs() < 1e-12);
        let p99 = m.latency.quantile(0.99);
        assert!(p99 < 2_000, "p99 {p99}");
        let p999 = m.latency.quantile(0.999);
        assert!(p999 > 800_000, "p99.9 {p999}");
        assert_eq!(m.timeline.len(), 3);
        assert_eq!(m.timeline[0].requests, 495 + 3);
        assert_eq!(m.elapsed_seconds, 3.0);
    }
}
