//! `kubectl alerts watch`: reads `ALERTS` every interval and prints each alert as it starts
//! pending, starts firing and resolves, one line per event (JSON lines with `-o json`), and
//! says when a label set starts or stops flapping (the same percent state change as the
//! report, over the last 21 polls). Runs until `--for` has passed, or until interrupted.

use crate::analysis::flapping::{START, STOP, psc_of_states};
use crate::cli::{Format, WatchArgs};
use crate::episodes::split_labels;
use crate::model::{Labels, State};
use anyhow::Result;
use serde::Serialize;
use shared::prometheus::Client;
use shared::run::{Context, Outcome};
use std::collections::{BTreeMap, VecDeque};
use std::io::Write;

/// One event.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// `apiVersion` of the event schema.
    pub api_version: String,
    /// `AlertEvent`.
    pub kind: &'static str,
    /// When it was seen, RFC 3339.
    pub time: String,
    /// `pending`, `firing`, `resolved`, `flapping` or `stopped-flapping`.
    pub event: &'static str,
    /// The alert.
    pub alertname: String,
    /// Its labels.
    pub labels: Labels,
    /// Percent state change of its last 21 polls.
    pub psc: f64,
}

#[derive(Default)]
struct Track {
    state: Option<State>,
    history: VecDeque<bool>,
    flapping: bool,
}

/// What changed between two polls, as events, updating `tracks`.
fn step(
    tracks: &mut BTreeMap<(String, Labels), Track>,
    now: &BTreeMap<(String, Labels), State>,
    time: &str,
) -> Vec<Event> {
    let mut events = Vec::new();
    for key in now.keys() {
        tracks.entry(key.clone()).or_default();
    }
    for (key, t) in tracks.iter_mut() {
        let current = now.get(key).copied();
        t.history.push_back(current == Some(State::Firing));
        if t.history.len() > 21 {
            t.history.pop_front();
        }
        let psc = psc_of_states(t.history.make_contiguous());
        let mut emit = |event| {
            events.push(Event {
                api_version: shared::output::api_version("alerts", crate::SCHEMA_VERSION),
                kind: "AlertEvent",
                time: time.to_string(),
                event,
                alertname: key.0.clone(),
                labels: key.1.clone(),
                psc: (psc * 10.0).round() / 10.0,
            })
        };
        match (t.state, current) {
            (a, b) if a == b => {}
            (_, Some(State::Pending)) => emit("pending"),
            (_, Some(State::Firing)) => emit("firing"),
            (Some(_), None) => emit("resolved"),
            _ => {}
        }
        if !t.flapping && psc >= START {
            t.flapping = true;
            emit("flapping");
        } else if t.flapping && psc < STOP {
            t.flapping = false;
            emit("stopped-flapping");
        }
        t.state = current;
    }
    tracks.retain(|_, t| t.state.is_some() || t.history.iter().any(|f| *f));
    events
}

fn print(w: &mut dyn Write, e: &Event, format: Format) -> Result<()> {
    if format == Format::Json {
        writeln!(w, "{}", serde_json::to_string(e)?)?;
    } else {
        let labels: Vec<String> = e.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
        writeln!(
            w,
            "{}  {:<16} {}  {{{}}}  psc {}%",
            e.time,
            e.event.to_uppercase(),
            e.alertname,
            labels.join(","),
            e.psc
        )?;
    }
    w.flush()?;
    Ok(())
}

/// Polls until `--for` passes.
pub async fn run(
    client: &Client,
    args: &WatchArgs,
    format: Format,
    ctx: &Context,
) -> Result<Outcome> {
    crate::output::refuse(
        format,
        "watch",
        &[Format::Table, Format::Wide, Format::Json],
    )?;
    let started = std::time::Instant::now();
    let mut tracks = BTreeMap::new();
    let mut ticker = tokio::time::interval(args.interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ctx.note(&format!(
        "watching ALERTS every {}s",
        args.interval.as_secs_f64()
    ));
    loop {
        ticker.tick().await;
        let samples = client.query("ALERTS").await?;
        let now: BTreeMap<(String, Labels), State> = samples
            .iter()
            .filter_map(|s| split_labels(&s.metric))
            .map(|(n, st, l)| ((n, l), st))
            .collect();
        let time = jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_else(|_| jiff::Timestamp::now())
            .to_string();
        let out = &mut std::io::stdout().lock();
        for e in step(&mut tracks, &now, &time) {
            print(out, &e, format)?;
        }
        if args.run_for.is_some_and(|d| started.elapsed() >= d) {
            return Ok(Outcome::Clean);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_ends_and_flapping_are_events() {
        let key = ("A".to_string(), Labels::new());
        let mut tracks = BTreeMap::new();
        let firing: BTreeMap<_, _> = [(key.clone(), State::Firing)].into();
        let pending: BTreeMap<_, _> = [(key.clone(), State::Pending)].into();
        let none = BTreeMap::new();
        let names = |e: Vec<Event>| e.into_iter().map(|e| e.event).collect::<Vec<_>>();
        assert_eq!(names(step(&mut tracks, &pending, "t")), vec!["pending"]);
        assert_eq!(names(step(&mut tracks, &firing, "t")), vec!["firing"]);
        assert_eq!(names(step(&mut tracks, &firing, "t")), Vec::<&str>::new());
        assert_eq!(names(step(&mut tracks, &none, "t")), vec!["resolved"]);
        let mut all = Vec::new();
        for k in 0..8 {
            all.extend(names(step(
                &mut tracks,
                if k % 2 == 0 { &firing } else { &none },
                "t",
            )));
        }
        assert!(all.contains(&"flapping"), "{all:?}");
        let mut later = Vec::new();
        for _ in 0..25 {
            later.extend(names(step(&mut tracks, &none, "t")));
        }
        assert_eq!(later, vec!["stopped-flapping"]);
        assert!(tracks.is_empty());
    }
}
