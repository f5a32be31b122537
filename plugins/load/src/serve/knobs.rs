//! The knobs of one request to `kubectl load target`: the process-wide defaults from the
//! flags, overridden per request by the query string (`?delay=100ms&jitter=20ms&status=503&
//! percent=30&size=1024&close=1`), and the decision they make for a request given two
//! uniform draws. Pure: no I/O, no clock, no randomness of its own.

use std::time::Duration;

/// What a request gets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Knobs {
    /// Time to wait before answering.
    pub delay: Duration,
    /// Up to this much more, uniformly.
    pub jitter: Duration,
    /// The status of a normal answer.
    pub status: u16,
    /// The status of an injected error.
    pub error_status: u16,
    /// Percent of requests that get `error_status`.
    pub error_percent: f64,
    /// Bytes in the body.
    pub size: usize,
    /// Close the connection after answering.
    pub close: bool,
}

impl Default for Knobs {
    fn default() -> Self {
        Self {
            delay: Duration::ZERO,
            jitter: Duration::ZERO,
            status: 200,
            error_status: 500,
            error_percent: 0.0,
            size: 2,
            close: false,
        }
    }
}

fn status(v: &str) -> Result<u16, String> {
    v.parse::<u16>()
        .ok()
        .filter(|s| (100..=599).contains(s))
        .ok_or_else(|| format!("status {v:?} is not 100 to 599"))
}

fn percent(v: &str) -> Result<f64, String> {
    v.trim_end_matches('%')
        .parse::<f64>()
        .ok()
        .filter(|p| (0.0..=100.0).contains(p))
        .ok_or_else(|| format!("percent {v:?} is not 0 to 100"))
}

impl Knobs {
    /// These knobs with the query string's over them; unknown keys are left to the
    /// application's own use.
    pub fn with_query(mut self, query: &str) -> Result<Self, String> {
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "delay" => self.delay = shared::duration::parse(v)?,
                "jitter" => self.jitter = shared::duration::parse(v)?,
                "status" => self.status = status(v)?,
                "error_status" => self.error_status = status(v)?,
                "percent" => self.error_percent = percent(v)?,
                "size" => {
                    self.size = v
                        .parse::<usize>()
                        .ok()
                        .filter(|s| *s <= 64 << 20)
                        .ok_or_else(|| format!("size {v:?} is not 0 to 67108864 bytes"))?;
                }
                "close" => self.close = matches!(v, "" | "1" | "true" | "yes"),
                _ => {}
            }
        }
        Ok(self)
    }

    /// The status and the wait of one request, given `error_draw` and `jitter_draw` in
    /// `[0, 1)`.
    pub fn decide(&self, error_draw: f64, jitter_draw: f64) -> (u16, Duration) {
        let status = if error_draw * 100.0 < self.error_percent {
            self.error_status
        } else {
            self.status
        };
        (status, self.delay + self.jitter.mul_f64(jitter_draw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_overrides_the_defaults_and_bad_values_say_why() {
        let k = Knobs::default()
            .with_query("delay=100ms&jitter=20ms&status=202&percent=30&error_status=503&size=1024&close=1&user=x")
            .expect("knobs");
        assert_eq!(k.delay, Duration::from_millis(100));
        assert_eq!(k.jitter, Duration::from_millis(20));
        assert_eq!((k.status, k.error_status), (202, 503));
        assert_eq!(k.error_percent, 30.0);
        assert_eq!((k.size, k.close), (1024, true));
        assert_eq!(
            Knobs::default().with_query("").expect("none"),
            Knobs::default()
        );
        for bad in ["status=700", "percent=150", "delay=soon", "size=-1"] {
            assert!(Knobs::default().with_query(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn errors_follow_the_percent_and_jitter_adds_to_the_delay() {
        let k = Knobs {
            error_percent: 30.0,
            delay: Duration::from_millis(10),
            jitter: Duration::from_millis(20),
            ..Default::default()
        };
        assert_eq!(k.decide(0.29, 0.0), (500, Duration::from_millis(10)));
        assert_eq!(k.decide(0.30, 0.5), (200, Duration::from_millis(20)));
        let errors = (0..1000)
            .filter(|i| k.decide(f64::from(*i) / 1000.0, 0.0).0 == 500)
            .count();
        assert_eq!(errors, 300);
        let never = Knobs::default();
        assert_eq!(never.decide(0.0, 0.99).0, 200);
    }
}
