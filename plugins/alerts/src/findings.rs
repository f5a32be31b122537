//! The findings `kubectl alerts` raises, each with a stable id, and the catalogue
//! `kubectl alerts checks` lists. Analyses call [`raise`]; severity and category come
//! from here, so one check always has one severity.

use shared::finding::{CheckInfo, Finding, ObjectRef, Severity};

macro_rules! checks {
    ($($id:literal, $cat:literal, $sev:ident, $title:literal;)*) => {
        /// Every check, in report order.
        pub const CHECKS: &[CheckInfo] = &[$(CheckInfo { id: $id, category: $cat, severity: Severity::$sev, title: $title }),*];
    };
}

checks! {
    "no-alert-data", "source", Warning, "no ALERTS samples in the window: nothing was active, or rule results are not stored here";
    "missing-window", "source", Warning, "part of the window could not be read; episodes there are missing or split";
    "noisy-alert", "noise", Warning, "more than 10 notifications a day on average";
    "frequent-alert", "noise", Info, "between 1 and 10 notifications a day on average";
    "flapping", "noise", Warning, "percent state change reached 20 % (Nagios' definition, hysteresis down to 5 %)";
    "transient", "noise", Warning, "most episodes resolved by themselves within the transient threshold";
    "pending-never-fired", "noise", Info, "most pending activations never reached firing";
    "stuck", "noise", Warning, "firing longer than the stuck threshold and still firing";
    "co-firing", "noise", Info, "fires together with another alert most of the time: an inhibit-rule candidate";
    "tier-mix", "noise", Warning, "urgent (P0/P1) notifications exceed their target share";
    "dead-rule", "rules", Info, "the rule was never pending or firing in the window";
    "broken-rule", "rules", Critical, "the rule's last evaluation failed";
    "rule-without-for", "rules", Info, "the rule fires on the first evaluation that matches (no `for`)";
    "rule-without-severity", "rules", Warning, "the rule sets no severity label";
    "rule-without-runbook", "rules", Info, "the rule has no runbook_url annotation";
    "rule-without-summary", "rules", Info, "the rule has no summary or description annotation";
    "silence-matches-nothing", "silences", Warning, "an active silence matches no alert now or in the window";
    "silence-outlived", "silences", Info, "an active silence whose alerts have all resolved";
    "silence-broad", "silences", Warning, "an active silence without an alertname that matches many alerts";
    "silence-no-comment", "silences", Info, "a silence without a meaningful comment";
    "silence-long", "silences", Info, "a silence longer than 7 days";
    "notification-failures", "delivery", Critical, "more than 10 % of an integration's notifications failed";
    "routed-nowhere", "delivery", Warning, "the alert fired but Alertmanager routes it only to receivers that send nothing";
}

/// Kinds of the objects findings name.
pub mod kind {
    /// An alert (by alertname).
    pub const ALERT: &str = "Alert";
    /// An alerting rule.
    pub const RULE: &str = "AlertingRule";
    /// An Alertmanager silence.
    pub const SILENCE: &str = "Silence";
    /// The data source.
    pub const SOURCE: &str = "Source";
    /// A notification integration.
    pub const INTEGRATION: &str = "Integration";
}

/// A finding of check `id` about `kind/name`.
pub fn raise(id: &str, kind: &str, name: &str, message: String, hint: String) -> Finding {
    let info = CHECKS.iter().find(|c| c.id == id);
    Finding {
        check: id.to_string(),
        category: info.map(|c| c.category).unwrap_or("noise").to_string(),
        severity: info.map(|c| c.severity).unwrap_or(Severity::Info),
        object: ObjectRef::cluster(kind, name),
        location: None,
        message,
        hint,
        extra: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_raise_takes_the_catalogue_severity() {
        let mut ids: Vec<&str> = CHECKS.iter().map(|c| c.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), CHECKS.len());
        let f = raise("broken-rule", kind::RULE, "X", "m".into(), "h".into());
        assert_eq!(f.severity, Severity::Critical);
        assert_eq!(f.category, "rules");
    }
}
