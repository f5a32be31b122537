//! The data every analysis reads, whatever the source: alert episodes (one continuous
//! pending or firing stretch of one label set), the alerting rules Prometheus reports,
//! Alertmanager's silences, current alerts and inhibit rules, and the analysed window.

use serde::Serialize;
use std::collections::BTreeMap;

/// Labels of an alert, without `alertname` and `alertstate`.
pub type Labels = BTreeMap<String, String>;

/// An episode's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// The expression holds, `for` has not elapsed yet.
    Pending,
    /// Firing: notified.
    Firing,
}

/// One continuous stretch of one alert label set in one state.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Episode {
    /// The alert's name.
    pub alertname: String,
    /// Its labels (without alertname and alertstate).
    pub labels: Labels,
    /// Pending or firing.
    pub state: State,
    /// First evaluation seen active, Unix seconds.
    pub start: f64,
    /// The evaluation after the last one seen active (when it resolved), Unix seconds;
    /// the window's end for an open episode.
    pub end: f64,
    /// Still active at the window's end.
    pub open: bool,
    /// Notifications sent for it (1 from Prometheus history; repeats counted from webhook
    /// payloads).
    pub notifications: u32,
}

impl Episode {
    /// Seconds it lasted (so far, when open).
    pub fn duration(&self) -> f64 {
        (self.end - self.start).max(0.0)
    }

    /// The value of label `name`.
    pub fn label(&self, name: &str) -> Option<&str> {
        self.labels.get(name).map(String::as_str)
    }

    /// Its cluster (the `cluster` label; empty without one).
    pub fn cluster(&self) -> &str {
        self.label(CLUSTER_LABEL).unwrap_or("")
    }
}

/// An alerting rule as `/api/v1/rules?type=alert` reports it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// The alert it raises.
    pub name: String,
    /// The cluster of a fleet whose Prometheus reported it (empty for one Prometheus).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cluster: String,
    /// Its rule group.
    pub group: String,
    /// The group's file.
    pub file: String,
    /// PromQL.
    pub query: String,
    /// `for`, seconds.
    pub for_seconds: f64,
    /// `keep_firing_for`, seconds.
    pub keep_firing_for_seconds: f64,
    /// The group's evaluation interval, seconds.
    pub interval_seconds: f64,
    /// Static labels.
    pub labels: Labels,
    /// Annotations.
    pub annotations: Labels,
    /// `ok`, `err` or `unknown`.
    pub health: String,
    /// The last evaluation error.
    pub last_error: String,
}

/// One matcher of a silence or an inhibit rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Matcher {
    /// Label name.
    pub name: String,
    /// Value or regular expression.
    pub value: String,
    /// `=~`/`!~`.
    pub is_regex: bool,
    /// `=`/`=~` (false for `!=`/`!~`).
    pub is_equal: bool,
}

/// An Alertmanager silence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Silence {
    /// Its id.
    pub id: String,
    /// What it silences.
    pub matchers: Vec<Matcher>,
    /// From, RFC 3339.
    pub starts_at: String,
    /// Until, RFC 3339.
    pub ends_at: String,
    /// Who.
    pub created_by: String,
    /// Why.
    pub comment: String,
    /// `active`, `pending` or `expired`.
    pub state: String,
}

/// An Alertmanager inhibit rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InhibitRule {
    /// Alerts that inhibit.
    pub source: Vec<Matcher>,
    /// Alerts that are inhibited.
    pub target: Vec<Matcher>,
    /// Labels that must be equal.
    pub equal: Vec<String>,
}

/// An alert Alertmanager holds now.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActiveAlert {
    /// Its name.
    pub alertname: String,
    /// Its labels (without alertname).
    pub labels: Labels,
    /// `active`, `suppressed` or `unprocessed`.
    pub state: String,
    /// Silences that hold it.
    pub silenced_by: Vec<String>,
    /// Alerts that inhibit it.
    pub inhibited_by: Vec<String>,
    /// Since, RFC 3339.
    pub starts_at: String,
}

/// What Alertmanager said.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertmanagerState {
    /// Its version.
    pub version: String,
    /// Silences, every state.
    pub silences: Vec<Silence>,
    /// Alerts now.
    pub alerts: Vec<ActiveAlert>,
    /// Inhibit rules of its configuration.
    pub inhibit_rules: Vec<InhibitRule>,
    /// Its routing tree and receivers, when the configuration parses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing: Option<Routing>,
}

/// One node of Alertmanager's routing tree.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Route {
    /// Its receiver (inherited from the parent when the node names none).
    pub receiver: String,
    /// What an alert must match to enter it (none on the root).
    pub matchers: Vec<Matcher>,
    /// Whether matching goes on to the next sibling after this one matched.
    #[serde(rename = "continue")]
    pub continue_matching: bool,
    /// Child routes, in order.
    pub routes: Vec<Route>,
}

/// The routing tree and what each receiver sends to.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Routing {
    /// The root route.
    pub root: Route,
    /// Receiver name → its integrations (`webhook`, `slack`, `email`, …; empty: sends nothing).
    pub receivers: BTreeMap<String, Vec<String>>,
}

/// Notification attempts and failures of one integration over the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationStats {
    /// The cluster of a fleet (empty for one Prometheus).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cluster: String,
    /// `slack`, `email`, `webhook`, …
    pub integration: String,
    /// Attempts.
    pub total: f64,
    /// Failures.
    pub failed: f64,
}

/// A time range the source could not give.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingWindow {
    /// From, Unix seconds.
    pub start: f64,
    /// To, Unix seconds.
    pub end: f64,
    /// Why.
    pub reason: String,
}

/// Everything an analysis reads.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Window start, Unix seconds.
    pub start: f64,
    /// Window end, Unix seconds.
    pub end: f64,
    /// Resolution of the history (the query step), seconds.
    pub step: f64,
    /// Episodes, by alert, labels and start.
    pub episodes: Vec<Episode>,
    /// Alerting rules (empty offline).
    pub rules: Vec<Rule>,
    /// Whether rules were read (false offline or when refused).
    pub rules_known: bool,
    /// Alertmanager, when asked.
    pub alertmanager: Option<AlertmanagerState>,
    /// Notification counts, when Prometheus scrapes Alertmanager.
    pub notifications: Vec<NotificationStats>,
    /// Ranges that could not be read.
    pub missing: Vec<MissingWindow>,
    /// Activations from `ALERTS_FOR_STATE` per alertname (None offline).
    pub activations: Option<BTreeMap<String, usize>>,
    /// Where it came from (a URL or a file; every member for a fleet).
    pub source: String,
    /// The members of a fleet (empty for one Prometheus or a file).
    pub clusters: Vec<ClusterSource>,
}

/// One Prometheus of a fleet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterSource {
    /// The value of the `cluster` label its episodes carry.
    pub name: String,
    /// Its address.
    pub source: String,
    /// Why its history is missing, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The label a fleet's episodes carry their cluster in.
pub const CLUSTER_LABEL: &str = "cluster";

/// The value of label `name` of an alert (`alertname` included); empty when absent, as
/// Alertmanager matches.
pub fn label_value<'a>(alertname: &'a str, labels: &'a Labels, name: &str) -> &'a str {
    if name == "alertname" {
        alertname
    } else {
        labels.get(name).map(String::as_str).unwrap_or("")
    }
}

/// A matcher ready to match (its regular expression compiled, anchored as Alertmanager's).
#[derive(Debug, Clone)]
pub struct CompiledMatcher {
    matcher: Matcher,
    regex: Option<regex::Regex>,
}

impl Matcher {
    /// Compiles it; an invalid regular expression matches nothing.
    pub fn compile(&self) -> CompiledMatcher {
        CompiledMatcher {
            regex: self
                .is_regex
                .then(|| regex::Regex::new(&format!("^(?:{})$", self.value)).ok())
                .flatten(),
            matcher: self.clone(),
        }
    }

    /// Its operator as Alertmanager writes it: `=`, `!=`, `=~` or `!~`.
    pub fn op(&self) -> &'static str {
        match (self.is_equal, self.is_regex) {
            (true, false) => "=",
            (false, false) => "!=",
            (true, true) => "=~",
            (false, true) => "!~",
        }
    }

    /// Whether the value matches anything (`.*`): a matcher that selects nothing.
    pub fn matches_anything(&self) -> bool {
        self.is_regex && self.is_equal && matches!(self.value.as_str(), ".*" | ".+" | "")
    }
}

impl CompiledMatcher {
    /// Whether the alert's labels satisfy it.
    pub fn matches(&self, alertname: &str, labels: &Labels) -> bool {
        let v = label_value(alertname, labels, &self.matcher.name);
        let hit = match &self.regex {
            Some(re) => re.is_match(v),
            None if self.matcher.is_regex => false,
            None => v == self.matcher.value,
        };
        hit == self.matcher.is_equal
    }
}

/// Whether every matcher of `set` matches.
pub fn all_match(set: &[CompiledMatcher], alertname: &str, labels: &Labels) -> bool {
    set.iter().all(|m| m.matches(alertname, labels))
}
