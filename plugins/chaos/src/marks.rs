//! The marks a run leaves on what it touched, and what they mean: the run label, the
//! rollback record, and a heartbeat (`alive-until`) the live process renews, so `cleanup`
//! can tell an abandoned run from a running one, and a second run never overwrites the first
//! run's record of the original state. Pure: labels and annotations in, decisions out.

use crate::fault::RUN_LABEL;
use std::collections::BTreeMap;
use std::time::Duration;

/// The annotation holding the instant until which the run that marked an object is known to
/// be alive (RFC 3339). The run renews it every [`RENEW_EVERY`]; past it, the run is
/// considered gone.
pub const ALIVE_ANNOTATION: &str = "chaos.sre-toolkit.io/alive-until";
/// How long a heartbeat is valid.
pub const HEARTBEAT_TTL: Duration = Duration::from_secs(20);
/// How often a live run renews its heartbeat.
pub const RENEW_EVERY: Duration = Duration::from_secs(5);

/// The heartbeat value written at `now`.
pub fn alive_until(now: jiff::Timestamp) -> String {
    let ttl = jiff::SignedDuration::try_from(HEARTBEAT_TTL).unwrap_or_default();
    now.checked_add(ttl).unwrap_or(now).to_string()
}

/// Whether the run that wrote `annotations` was alive at `now` (a missing or unreadable
/// heartbeat: not alive, as runs from before heartbeats existed).
pub fn is_alive(annotations: Option<&BTreeMap<String, String>>, now: jiff::Timestamp) -> bool {
    annotations
        .and_then(|a| a.get(ALIVE_ANNOTATION))
        .and_then(|v| v.parse::<jiff::Timestamp>().ok())
        .is_some_and(|until| until > now)
}

/// The run, other than `run`, whose marks `labels` carry.
pub fn other_run(labels: Option<&BTreeMap<String, String>>, run: &str) -> Option<String> {
    labels
        .and_then(|l| l.get(RUN_LABEL))
        .filter(|r| r.as_str() != run)
        .cloned()
}

/// The refusal for a target that carries the marks of `other`.
pub fn refusal(what: &str, other: &str) -> (String, String) {
    (
        format!(
            "{what} carries the marks of chaos run {other}: a second fault would overwrite its record of the original state"
        ),
        format!(
            "roll that run back first with `kubectl chaos cleanup {other}` (it is skipped while alive; --force)"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heartbeats_expire() {
        let now: jiff::Timestamp = "2026-12-02T10:00:00Z".parse().expect("ts");
        let a: BTreeMap<String, String> = [(ALIVE_ANNOTATION.to_string(), alive_until(now))].into();
        assert!(is_alive(Some(&a), now));
        let later = now
            .checked_add(jiff::SignedDuration::from_secs(21))
            .expect("ts");
        assert!(!is_alive(Some(&a), later));
        assert!(!is_alive(None, now));
        let garbage: BTreeMap<String, String> =
            [(ALIVE_ANNOTATION.to_string(), "soon".to_string())].into();
        assert!(!is_alive(Some(&garbage), now));
    }

    #[test]
    fn marks_of_other_runs() {
        let l: BTreeMap<String, String> = [(RUN_LABEL.to_string(), "chaos-a".to_string())].into();
        assert_eq!(other_run(Some(&l), "chaos-b").as_deref(), Some("chaos-a"));
        assert_eq!(other_run(Some(&l), "chaos-a"), None);
        assert_eq!(other_run(None, "chaos-a"), None);
        let (msg, hint) = refusal("deployment web", "chaos-a");
        assert!(msg.contains("chaos-a") && hint.contains("kubectl chaos cleanup chaos-a"));
    }
}
