//! The SLO model every input format is read into: a service's objective over a window, an
//! SLI as PromQL templates with a `{{.window}}` placeholder, alerting settings, and where in
//! which file each part was written (for findings with file:line:col).

use shared::finding::SourceLocation;
use std::collections::BTreeMap;
use std::time::Duration;

/// The placeholder a query template puts where the range goes (Sloth's spelling).
pub const WINDOW: &str = "{{.window}}";

/// A PromQL expression with [`WINDOW`] where the range goes, e.g.
/// `sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))`.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The text.
    pub text: String,
    /// Where it was written.
    pub at: Option<SourceLocation>,
}

/// The placeholder for the window's length in seconds (boolean-gauge SLIs divide sample
/// counts by it, so that every SLI template is a per-second rate).
pub const WINDOW_SECONDS: &str = "{{.windowSeconds}}";

impl Template {
    /// The query for `window` (a PromQL duration such as `5m`).
    pub fn at_window(&self, window: &str) -> String {
        let t = self.text.replace(WINDOW, window);
        if t.contains(WINDOW_SECONDS) {
            t.replace(
                WINDOW_SECONDS,
                &crate::rules::window_secs(window).to_string(),
            )
        } else {
            t
        }
    }
}

/// What is measured.
#[derive(Debug, Clone, PartialEq)]
pub enum Sli {
    /// Bad events over all events: each template is an events-per-second rate.
    Events {
        /// Rate of bad events.
        errors: Template,
        /// Rate of all events.
        total: Template,
    },
    /// Only the ratio is known (Sloth's `raw.error_ratio_query`): no event counts, so no
    /// low-traffic guard and no budget in events.
    Ratio {
        /// The error ratio over the window.
        ratio: Template,
    },
}

/// The compliance window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// A rolling window of whole days.
    Rolling {
        /// Its length in days.
        days: u32,
    },
    /// The calendar month (UTC); alert factors use 30 days.
    CalendarMonth,
}

impl Window {
    /// The days the budget is spread over (30 for a calendar month).
    pub fn days(self) -> u32 {
        match self {
            Window::Rolling { days } => days,
            Window::CalendarMonth => 30,
        }
    }

    /// Its length.
    pub fn duration(self) -> Duration {
        Duration::from_secs(u64::from(self.days()) * 86_400)
    }

    /// As PromQL writes it (`30d`).
    pub fn promql(self) -> String {
        format!("{}d", self.days())
    }

    /// As the user wrote it.
    pub fn display(self) -> String {
        match self {
            Window::Rolling { days } => format!("{days}d"),
            Window::CalendarMonth => "calendar month".to_string(),
        }
    }
}

/// Alerting settings of one SLO.
#[derive(Debug, Clone, PartialEq)]
pub struct Alerting {
    /// The alert's name (both tiers share it; `slo_tier` tells them apart).
    pub name: String,
    /// Labels on both alerts.
    pub labels: BTreeMap<String, String>,
    /// Annotations on both alerts.
    pub annotations: BTreeMap<String, String>,
    /// Extra labels of the page alert (default `severity: critical`).
    pub page_labels: BTreeMap<String, String>,
    /// Extra labels of the ticket alert (default `severity: warning`).
    pub ticket_labels: BTreeMap<String, String>,
    /// Extra annotations of the page alert.
    pub page_annotations: BTreeMap<String, String>,
    /// Extra annotations of the ticket alert.
    pub ticket_annotations: BTreeMap<String, String>,
    /// No alert unless the long window saw at least this many events (0: no guard).
    pub min_events: u64,
    /// Whether alerts are generated at all.
    pub enabled: bool,
}

impl Default for Alerting {
    fn default() -> Self {
        Self {
            name: "ErrorBudgetBurn".into(),
            labels: BTreeMap::new(),
            annotations: BTreeMap::new(),
            page_labels: [("severity".to_string(), "critical".to_string())].into(),
            ticket_labels: [("severity".to_string(), "warning".to_string())].into(),
            page_annotations: BTreeMap::new(),
            ticket_annotations: BTreeMap::new(),
            min_events: 0,
            enabled: true,
        }
    }
}

/// One SLO, whatever format it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Slo {
    /// The service.
    pub service: String,
    /// The SLO's name within the service.
    pub name: String,
    /// Free text.
    pub description: String,
    /// The objective as a fraction (`0.999` for 99.9 %).
    pub objective: f64,
    /// The compliance window.
    pub window: Window,
    /// What is measured.
    pub sli: Sli,
    /// One SLO per value of these labels (kept by every `sum by`).
    pub group_by: Vec<String>,
    /// Labels on every rule.
    pub labels: BTreeMap<String, String>,
    /// Alerting settings.
    pub alerting: Alerting,
    /// What to do when the budget is spent (shown by `report`).
    pub budget_policy: Option<String>,
    /// Where the SLO was written.
    pub at: Option<SourceLocation>,
    /// Where its objective is.
    pub objective_at: Option<SourceLocation>,
    /// The format it was read from: `sre-toolkit`, `sloth`, `sloth-crd`, `pyrra` or
    /// `openslo`.
    pub format: &'static str,
}

impl Slo {
    /// `service-name`, the id every rule and alert carries.
    pub fn id(&self) -> String {
        format!("{}-{}", self.service, self.name)
    }

    /// The error budget as a fraction (`0.001` for 99.9 %).
    pub fn budget(&self) -> f64 {
        1.0 - self.objective
    }
}
