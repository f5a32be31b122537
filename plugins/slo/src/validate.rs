//! The checks `kubectl slo validate` (and every command that reads SLOs) runs over the
//! model, pure: objectives in (0, 100), windows long enough for every alert window, queries
//! that parse as PromQL (the promql-parser crate, not a regex) and give an instant vector,
//! window placeholders present, ids unique, group-by labels valid, a runbook on alerts.
//! Findings carry the file, line and column the value was written at.

use crate::spec::{Sli, Slo, Template, WINDOW, Window};
use shared::finding::{CheckInfo, Finding, ObjectRef, Severity, SourceLocation};
use std::collections::BTreeMap;

/// Every check.
pub const CHECKS: &[CheckInfo] = &[
    CheckInfo {
        id: "objective-out-of-range",
        category: "spec",
        severity: Severity::Critical,
        title: "objective is not strictly between 0 and 100 percent",
    },
    CheckInfo {
        id: "window-too-short",
        category: "spec",
        severity: Severity::Critical,
        title: "the SLO window is shorter than 7 days, so the 3-day ticket window does not fit",
    },
    CheckInfo {
        id: "promql-invalid",
        category: "queries",
        severity: Severity::Critical,
        title: "a query does not parse as PromQL or does not give an instant vector",
    },
    CheckInfo {
        id: "window-placeholder-missing",
        category: "queries",
        severity: Severity::Critical,
        title: "a query template has no {{.window}}, so every window would measure the same range",
    },
    CheckInfo {
        id: "duplicate-slo",
        category: "spec",
        severity: Severity::Critical,
        title: "two SLOs have the same service and name (their rules would collide)",
    },
    CheckInfo {
        id: "label-invalid",
        category: "spec",
        severity: Severity::Critical,
        title: "a groupBy or rule label name is not a valid Prometheus label name",
    },
    CheckInfo {
        id: "no-runbook",
        category: "alerting",
        severity: Severity::Info,
        title: "the alerts have no runbook_url annotation",
    },
];

fn category(id: &str) -> &'static str {
    CHECKS
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.category)
        .unwrap_or("spec")
}

fn finding(
    id: &str,
    severity: Severity,
    slo: &Slo,
    at: Option<&SourceLocation>,
    message: String,
    hint: &str,
) -> Finding {
    Finding {
        check: id.to_string(),
        category: category(id).to_string(),
        severity,
        object: ObjectRef::cluster("SLO", &slo.id()),
        location: at.or(slo.at.as_ref()).cloned(),
        message,
        hint: hint.to_string(),
        extra: Default::default(),
    }
}

fn valid_label(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Why `t` is not a usable query, if it is not.
pub fn query_problem(t: &Template) -> Option<(&'static str, String)> {
    if !t.text.contains(WINDOW) {
        return Some((
            "window-placeholder-missing",
            format!("{:?} has no {WINDOW}", t.text),
        ));
    }
    let q = t.at_window("5m");
    match promql_parser::parser::parse(&q) {
        Err(e) => Some((
            "promql-invalid",
            format!("{q:?}: {}", e.lines().next().unwrap_or("")),
        )),
        Ok(expr) if expr.value_type() != promql_parser::parser::value::ValueType::Vector => Some((
            "promql-invalid",
            format!("{q:?} gives a {}, not an instant vector", expr.value_type()),
        )),
        Ok(_) => None,
    }
}

/// Every finding over `slos`, in file order.
pub fn check(slos: &[Slo]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<String, Option<&SourceLocation>> = BTreeMap::new();
    for slo in slos {
        if let Some(first) = seen.insert(slo.id(), slo.at.as_ref()) {
            let where_ = first
                .map(|l| format!(" (first at {}:{})", l.file, l.line))
                .unwrap_or_default();
            out.push(finding(
                "duplicate-slo",
                Severity::Critical,
                slo,
                None,
                format!("SLO {} is defined twice{where_}", slo.id()),
                "give each SLO of a service its own name",
            ));
        }
        if !(slo.objective > 0.0 && slo.objective < 1.0) {
            out.push(finding(
                "objective-out-of-range",
                Severity::Critical,
                slo,
                slo.objective_at.as_ref(),
                format!(
                    "objective {}% is not between 0 and 100 (exclusive)",
                    slo.objective * 100.0
                ),
                "write the objective in percent, e.g. objective: 99.9",
            ));
        }
        if let Window::Rolling { days } = slo.window
            && days < 7
        {
            out.push(finding(
                "window-too-short",
                Severity::Critical,
                slo,
                None,
                format!("a {days}-day window is shorter than the alerts' 3-day window and their budget maths"),
                "use a window of 7d or more (28d or 30d is usual), or calendar-month",
            ));
        }
        let templates: Vec<&Template> = match &slo.sli {
            Sli::Events { errors, total } => vec![errors, total],
            Sli::Ratio { ratio } => vec![ratio],
        };
        for t in templates {
            if let Some((id, message)) = query_problem(t) {
                out.push(finding(
                    id,
                    Severity::Critical,
                    slo,
                    t.at.as_ref(),
                    message,
                    "fix the query; `promtool check rules` on the generated file shows the same error",
                ));
            }
        }
        for l in slo.group_by.iter().chain(slo.labels.keys()) {
            if !valid_label(l) {
                out.push(finding(
                    "label-invalid",
                    Severity::Critical,
                    slo,
                    None,
                    format!("{l:?} is not a Prometheus label name"),
                    "label names match [a-zA-Z_][a-zA-Z0-9_]*",
                ));
            }
        }
        if slo.alerting.enabled && !slo.alerting.annotations.contains_key("runbook_url") {
            out.push(finding(
                "no-runbook",
                Severity::Info,
                slo,
                None,
                "the page and ticket alerts have no runbook_url".into(),
                "add alerting.runbook: https://… so whoever is paged knows what to do",
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;

    fn doc(objective: &str, window: &str, errors: &str) -> String {
        format!(
            "apiVersion: slo.sre-toolkit.io/v1alpha1\nkind: SLO\nmetadata: {{name: availability}}\nspec:\n  service: checkout\n  objective: {objective}\n  window: {window}\n  sli:\n    ratio:\n      errors: {errors}\n      total: req_total\n  alerting:\n    runbook: https://runbooks.example/x\n"
        )
    }

    fn ids(text: &str) -> Vec<(String, u32)> {
        check(&parse(text, "s.yaml").expect("parses"))
            .into_iter()
            .map(|f| (f.check, f.location.map(|l| l.line).unwrap_or(0)))
            .collect()
    }

    #[test]
    fn a_valid_slo_raises_nothing() {
        assert_eq!(
            ids(&doc("99.9", "30d", "req_total{code=~\"5..\"}")),
            Vec::<(String, u32)>::new()
        );
    }

    #[test]
    fn each_problem_has_its_check_at_its_line() {
        assert_eq!(
            ids(&doc("100", "30d", "req_total")),
            [("objective-out-of-range".to_string(), 6)]
        );
        assert_eq!(
            ids(&doc("99.9", "3d", "req_total")),
            [("window-too-short".to_string(), 1)]
        );
        assert_eq!(
            ids(&doc("99.9", "30d", "req_total{code=~\"5..\"")),
            [("promql-invalid".to_string(), 10)]
        );
        assert_eq!(
            ids(&doc("99.9", "30d", "rate(req_total[5m])")),
            [("promql-invalid".to_string(), 10)],
            "a rate is not a selector"
        );
        let twice = format!(
            "{}---\n{}",
            doc("99.9", "30d", "req_total"),
            doc("99", "30d", "req_total")
        );
        assert_eq!(ids(&twice), [("duplicate-slo".to_string(), 15)]);
    }

    #[test]
    fn sloth_templates_need_the_window_placeholder() {
        let text = "version: prometheus/v1\nservice: svc\nslos:\n  - name: a\n    objective: 99\n    sli:\n      events:\n        error_query: sum(rate(errs[5m]))\n        total_query: sum(rate(reqs[{{.window}}]))\n";
        let found = check(&parse(text, "s.yaml").expect("parses"));
        assert_eq!(found[0].check, "window-placeholder-missing");
        assert_eq!(found[0].location.as_ref().map(|l| l.line), Some(8));
        assert!(found.iter().any(|f| f.check == "no-runbook"));
    }
}
