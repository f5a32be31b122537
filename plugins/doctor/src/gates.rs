//! The CI gates of a report: `--fail-on`, `--min-score` and `--allow-partial`, and the
//! exit status they give.

use crate::report;
use shared::finding::FailOn;
use shared::run::Outcome;

/// The CI gates of a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Gates {
    /// Fail on findings at or above this severity.
    pub fail_on: FailOn,
    /// `--fail-on` was given: the user relies on it as a gate.
    pub fail_on_given: bool,
    /// Fail below this overall score.
    pub min_score: Option<u8>,
    /// Gate on what could be checked even when sections were not.
    pub allow_partial: bool,
}

/// Why a finished report fails its gates, if it does: findings at or above `fail_on`, a
/// score below `min_score`, or a gate that could not see sections it covers.
pub fn gate_failure(report: &report::Report, gates: &Gates) -> Option<String> {
    let score = &report.metadata.score;
    let gated = gates.min_score.is_some() || gates.fail_on_given;
    if gated && !gates.allow_partial && !score.incomplete.is_empty() {
        return Some(format!(
            "the gate cannot pass: sections not fully checked ({}); {}. Pass --allow-partial to gate on what could be checked",
            score.incomplete.join(", "),
            score.coverage_line()
        ));
    }
    if gates.fail_on.fails(report.items.iter().map(|f| f.severity)) {
        return Some(String::new());
    }
    match (gates.min_score, score.overall) {
        (Some(m), Some(s)) if s < m => Some(format!("score {s} is below --min-score {m}")),
        (Some(m), None) => Some(format!("nothing was scored: --min-score {m} cannot pass")),
        _ => None,
    }
}

/// Exit status of a finished report under its gates (see [`gate_failure`]).
pub fn outcome(report: &report::Report, gates: &Gates) -> Outcome {
    match gate_failure(report, gates) {
        Some(_) => Outcome::Problems,
        None => Outcome::Clean,
    }
}
