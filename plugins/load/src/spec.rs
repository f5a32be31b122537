//! What a run is: target, request, load model, duration. Parsed from flags (`--rate 500/s`,
//! `--users 50`, `--stages 30s:100,2m:500,30s:0`) into a [`RunSpec`] that is also what the
//! runner pods receive, so the plugin and every runner agree on the same run.

use serde::{Deserialize, Serialize};
use std::time::Duration;

/// One ramp stage: reach `target` (requests per second) linearly over `duration`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    /// Stage length.
    #[serde(with = "secs_f64")]
    pub duration: Duration,
    /// Arrival rate at the end of the stage, requests per second.
    pub target: f64,
}

/// The load model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Model {
    /// Open model: requests arrive on a schedule whatever the server does (wrk2, k6
    /// arrival-rate). Latency is measured from the intended start, so stalls show.
    Open {
        /// Rate at the start, requests per second.
        start_rate: f64,
        /// Stages; a constant rate is one stage with `target = start_rate`.
        stages: Vec<Stage>,
        /// Connections (in-flight requests) available to keep the schedule.
        connections: usize,
    },
    /// Closed model: `users` loop request after request (think time apart).
    Closed {
        /// Concurrent users.
        users: usize,
        /// Run length.
        #[serde(with = "secs_f64")]
        duration: Duration,
    },
}

impl Model {
    /// Total length of the run.
    pub fn duration(&self) -> Duration {
        match self {
            Model::Open { stages, .. } => stages.iter().map(|s| s.duration).sum(),
            Model::Closed { duration, .. } => *duration,
        }
    }

    /// The highest arrival rate of an open model.
    pub fn peak_rate(&self) -> Option<f64> {
        match self {
            Model::Open {
                start_rate, stages, ..
            } => Some(stages.iter().map(|s| s.target).fold(*start_rate, f64::max)),
            Model::Closed { .. } => None,
        }
    }

    /// This model's share for runner `index` of `of`: users and connections split so the
    /// shares sum exactly (`⌊U(i+1)/N⌋ − ⌊Ui/N⌋`). An open model keeps the whole schedule:
    /// runner `i` sends requests `i, i+N, i+2N…` of it (see [`crate::schedule`]), which
    /// splits the rate exactly and keeps arrivals evenly spread across runners.
    pub fn share(&self, index: usize, of: usize) -> Model {
        let of = of.max(1);
        let part = |total: usize| total * (index + 1) / of - total * index / of;
        match self {
            Model::Open {
                start_rate,
                stages,
                connections,
            } => Model::Open {
                start_rate: *start_rate,
                stages: stages.clone(),
                connections: part(*connections).max(1),
            },
            Model::Closed { users, duration } => Model::Closed {
                users: part(*users),
                duration: *duration,
            },
        }
    }
}

/// The request of the quick form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Method.
    pub method: String,
    /// Absolute http:// URL.
    pub url: String,
    /// Headers as `(name, value)`.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: String,
}

/// A whole run, as the plugin and the runners see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunSpec {
    /// Run id (`load-…`).
    pub run: String,
    /// What the user asked for (URL, `svc/NAME:PORT`...), for reports.
    pub target: String,
    /// The request (quick form).
    pub request: Request,
    /// A user-journey scenario (YAML), run by goose instead of the quick form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    /// The model, for the whole run (runners take their share).
    pub model: Model,
    /// Per-request time limit.
    #[serde(with = "secs_f64")]
    pub timeout: Duration,
    /// Runners (1 for --local).
    pub runners: usize,
}

/// `500/s`, `500`, `30000/m`, `2/ms`? No: `/s`, `/m`, `/h` → requests per second.
pub fn parse_rate(s: &str) -> Result<f64, String> {
    let (n, per) = match s.split_once('/') {
        Some((n, unit)) => {
            let per = match unit.trim() {
                "s" | "1s" => 1.0,
                "m" | "1m" | "min" => 60.0,
                "h" | "1h" => 3600.0,
                other => return Err(format!("rate unit {other:?}: use /s, /m or /h")),
            };
            (n, per)
        }
        None => (s, 1.0),
    };
    let n: f64 = n
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a rate (e.g. 500/s)"))?;
    let rate = n / per;
    if !rate.is_finite() || rate <= 0.0 {
        return Err(format!("{s:?}: the rate must be above zero"));
    }
    if rate > 10_000_000.0 {
        return Err(format!(
            "{s:?}: above 10 million requests per second is not a load test this tool can run"
        ));
    }
    Ok(rate)
}

/// `30s:100,2m:500,30s:0` → stages (targets in requests per second; `100/m` allowed).
pub fn parse_stages(s: &str) -> Result<Vec<Stage>, String> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (d, t) = part
            .split_once(':')
            .ok_or_else(|| format!("stage {part:?} is not DURATION:RATE (e.g. 30s:100)"))?;
        let duration = shared::duration::parse(d).map_err(|e| format!("stage {part:?}: {e}"))?;
        if duration.is_zero() {
            return Err(format!("stage {part:?}: the duration must be above zero"));
        }
        let target = if t.trim() == "0" {
            0.0
        } else {
            parse_rate(t).map_err(|e| format!("stage {part:?}: {e}"))?
        };
        out.push(Stage { duration, target });
    }
    if out.is_empty() {
        return Err("no stages given (e.g. --stages 30s:100,2m:500,30s:0)".into());
    }
    if out.iter().all(|s| s.target == 0.0) {
        return Err("every stage has rate 0: nothing would be sent".into());
    }
    Ok(out)
}

/// Stages as one command-line value (clap would read a `Vec` as repeated values).
#[derive(Debug, Clone, PartialEq)]
pub struct Stages(pub Vec<Stage>);

/// [`parse_stages`] for clap.
pub fn parse_stages_arg(s: &str) -> Result<Stages, String> {
    parse_stages(s).map(Stages)
}

/// `Name: value` header.
pub fn parse_header(s: &str) -> Result<(String, String), String> {
    let (k, v) = s
        .split_once(':')
        .ok_or_else(|| format!("header {s:?} is not NAME: VALUE"))?;
    let k = k.trim();
    if k.is_empty()
        || !k
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b))
    {
        return Err(format!("header name {k:?} is not valid"));
    }
    Ok((k.to_string(), v.trim().to_string()))
}

/// Serde for durations as fractional seconds.
pub mod secs_f64 {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::Duration;

    /// Serialises.
    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(d.as_secs_f64())
    }

    /// Deserialises.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let v = f64::deserialize(d)?;
        Duration::try_from_secs_f64(v).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates() {
        assert_eq!(parse_rate("500/s"), Ok(500.0));
        assert_eq!(parse_rate("600/m"), Ok(10.0));
        assert_eq!(parse_rate("42"), Ok(42.0));
        assert!(parse_rate("0/s").is_err());
        assert!(parse_rate("-5/s").is_err());
        assert!(parse_rate("fast").is_err());
        assert!(parse_rate("5/d").is_err());
        assert!(parse_rate("1e12/s").is_err());
    }

    #[test]
    fn stages() {
        let s = parse_stages("30s:100,2m:500,30s:0").expect("stages");
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].duration, Duration::from_secs(120));
        assert_eq!(s[2].target, 0.0);
        assert!(parse_stages("30s").is_err());
        assert!(parse_stages("0s:10").is_err());
        assert!(parse_stages("10s:0").is_err());
    }

    #[test]
    fn shares_sum_exactly() {
        let m = Model::Closed {
            users: 10,
            duration: Duration::from_secs(1),
        };
        let users: Vec<usize> = (0..3)
            .map(|i| match m.share(i, 3) {
                Model::Closed { users, .. } => users,
                Model::Open { .. } => 0,
            })
            .collect();
        assert_eq!(users, [3, 3, 4]);
        assert_eq!(users.iter().sum::<usize>(), 10);
        let open = Model::Open {
            start_rate: 90.0,
            stages: vec![Stage {
                duration: Duration::from_secs(2),
                target: 90.0,
            }],
            connections: 10,
        };
        let Model::Open { connections, .. } = open.share(0, 3) else {
            panic!("open stays open")
        };
        assert_eq!(connections, 3);
    }

    #[test]
    fn headers() {
        assert_eq!(
            parse_header("Authorization: Bearer x"),
            Ok(("Authorization".into(), "Bearer x".into()))
        );
        assert!(parse_header("no colon").is_err());
        assert!(parse_header("bad name: x").is_err());
    }
}
