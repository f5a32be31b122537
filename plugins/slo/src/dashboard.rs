//! A Grafana dashboard per SLO over the recording rules `generate` writes (either naming
//! style): the SLI and budget left over the window, the burn rate now, the objective, the
//! budget burn-down, burn rates over each alert window against the page and ticket
//! thresholds, the 5-minute error ratio, and the SLO's firing alerts. One variable per
//! `groupBy` label and one for the Prometheus data source; nothing else is assumed.

use crate::rules::{BURN_WINDOWS, Meta, Options, Tier, num, scaled_factor};
use crate::spec::Slo;
use serde_json::{Value, json};

/// The selector of one SLO's series, the group variables applied.
fn selector(slo: &Slo, opts: &Options) -> String {
    let l = opts.style.labels();
    let mut m = vec![format!("{}=\"{}\"", l.id, opts.id_of(slo))];
    m.extend(slo.group_by.iter().map(|g| format!("{g}=~\"${g}\"")));
    format!("{{{}}}", m.join(", "))
}

fn legend(slo: &Slo, what: &str) -> String {
    if slo.group_by.is_empty() {
        what.to_string()
    } else {
        let by: Vec<String> = slo
            .group_by
            .iter()
            .map(|g| format!("{{{{{g}}}}}"))
            .collect();
        format!("{what} {}", by.join(" "))
    }
}

fn target(expr: String, legend: String, ref_id: char) -> Value {
    json!({"refId": ref_id.to_string(), "expr": expr, "legendFormat": legend})
}

fn panel(
    id: u32,
    kind: &str,
    title: &str,
    grid: (u32, u32, u32, u32),
    unit: &str,
    targets: Vec<Value>,
) -> Value {
    let (x, y, w, h) = grid;
    json!({
        "id": id,
        "type": kind,
        "title": title,
        "datasource": {"type": "prometheus", "uid": "${datasource}"},
        "gridPos": {"x": x, "y": y, "w": w, "h": h},
        "fieldConfig": {"defaults": {"unit": unit, "decimals": 3}, "overrides": []},
        "options": {"legend": {"displayMode": "list", "placement": "bottom"}},
        "targets": targets,
    })
}

/// A URL-safe uid of at most 40 characters (Grafana's limit).
fn uid(slo: &Slo) -> String {
    let s: String = format!("slo-{}", slo.id())
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    s.chars().take(40).collect()
}

/// The dashboard of `slo`.
pub fn dashboard(slo: &Slo, opts: &Options) -> Value {
    let l = opts.style.labels();
    let id = opts.id_of(slo);
    let sel = selector(slo, opts);
    let period = slo.window.promql();
    let ratio = |w: &str| opts.ratio_name(slo, w);
    let name = |m: Meta| opts.meta_name(m);
    let mut ignoring: Vec<String> = Vec::new();
    if !l.window.is_empty() {
        ignoring.push(l.window.to_string());
    }
    ignoring.extend(slo.group_by.iter().cloned());
    let budget = format!(
        "ignoring({}) group_left {}{{{}=\"{id}\"}}",
        ignoring.join(", "),
        name(Meta::ErrorBudget),
        l.id,
    );
    let mut burn = Vec::new();
    for (k, w) in BURN_WINDOWS.iter().enumerate() {
        burn.push(target(
            format!("{}{sel} / {budget}", ratio(w.long)),
            legend(slo, &format!("{} burn rate", w.long)),
            char::from(b'A' + k as u8),
        ));
    }
    let thresholds: Vec<Value> = BURN_WINDOWS
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let tier = match w.tier {
                Tier::Page => "page",
                Tier::Ticket => "ticket",
            };
            target(
                format!("vector({})", num(scaled_factor(slo, w).max(1.0))),
                format!("{tier} threshold {}", w.long),
                char::from(b'E' + k as u8),
            )
        })
        .collect();
    burn.extend(thresholds);
    let panels = vec![
        panel(
            1,
            "stat",
            &format!("SLI over {}", slo.window.display()),
            (0, 0, 6, 5),
            "percentunit",
            vec![target(
                format!("1 - {}{sel}", ratio(&period)),
                legend(slo, "SLI"),
                'A',
            )],
        ),
        panel(
            2,
            "stat",
            "Error budget remaining",
            (6, 0, 6, 5),
            "percentunit",
            vec![target(
                format!("{}{sel}", name(Meta::BudgetRemaining)),
                legend(slo, "budget left"),
                'A',
            )],
        ),
        panel(
            3,
            "stat",
            "Burn rate now (5m)",
            (12, 0, 6, 5),
            "none",
            vec![target(
                format!("{}{sel}", name(Meta::CurrentBurnRate)),
                legend(slo, "burn rate"),
                'A',
            )],
        ),
        panel(
            4,
            "stat",
            "Objective",
            (18, 0, 6, 5),
            "percentunit",
            vec![target(
                format!("{}{{{}=\"{id}\"}}", name(Meta::Objective), l.id),
                "objective".into(),
                'A',
            )],
        ),
        panel(
            5,
            "timeseries",
            "Error budget burn-down",
            (0, 5, 12, 9),
            "percentunit",
            vec![target(
                format!("{}{sel}", name(Meta::BudgetRemaining)),
                legend(slo, "budget left"),
                'A',
            )],
        ),
        panel(
            6,
            "timeseries",
            "Burn rate by alert window (1 = spending exactly the budget)",
            (12, 5, 12, 9),
            "none",
            burn,
        ),
        panel(
            7,
            "timeseries",
            "Error ratio (5m)",
            (0, 14, 12, 8),
            "percentunit",
            vec![target(
                format!("{}{sel}", ratio("5m")),
                legend(slo, "errors"),
                'A',
            )],
        ),
        panel(
            8,
            "timeseries",
            "Firing alerts",
            (12, 14, 12, 8),
            "none",
            vec![target(
                format!(
                    "sum by ({}) (ALERTS{{alertstate=\"firing\", {}=\"{}\"}})",
                    l.tier, l.id, id
                ),
                format!("{{{{{}}}}}", l.tier),
                'A',
            )],
        ),
    ];
    let mut variables = vec![json!({
        "name": "datasource",
        "label": "Prometheus",
        "type": "datasource",
        "query": "prometheus",
        "hide": 0,
    })];
    for g in &slo.group_by {
        variables.push(json!({
            "name": g,
            "type": "query",
            "datasource": {"type": "prometheus", "uid": "${datasource}"},
            "query": {"query": format!("label_values({}{{{}=\"{id}\"}}, {g})", ratio("5m"), l.id), "refId": "vars"},
            "definition": format!("label_values({}{{{}=\"{id}\"}}, {g})", ratio("5m"), l.id),
            "multi": true,
            "includeAll": true,
            "allValue": ".*",
            "refresh": 2,
        }));
    }
    json!({
        "uid": uid(slo),
        "title": format!("SLO {} / {}", slo.service, slo.name),
        "description": format!("{} ({} over {}; generated by kubectl slo)", slo.description, num(slo.objective * 100.0) + "%", slo.window.display()),
        "tags": ["slo", "kubectl-slo", slo.service],
        "timezone": "utc",
        "schemaVersion": 39,
        "editable": true,
        "time": {"from": format!("now-{period}"), "to": "now"},
        "refresh": "1m",
        "templating": {"list": variables},
        "panels": panels,
    })
}

/// Every PromQL expression of a dashboard, variables as the value `all` gives (`.*`).
pub fn queries(dashboard: &Value) -> Vec<String> {
    let vars: Vec<String> = dashboard["templating"]["list"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["name"].as_str().map(str::to_string))
        .collect();
    dashboard["panels"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["targets"].as_array().into_iter().flatten())
        .filter_map(|t| t["expr"].as_str())
        .map(|e| {
            vars.iter()
                .fold(e.to_string(), |e, v| e.replace(&format!("${v}"), ".*"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_panel_query_parses_and_names_its_slo() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/checkout.yaml"
        ))
        .expect("fixture");
        let slos = crate::load::parse(&text, "checkout.yaml").expect("parses");
        for style in [
            crate::rules::Style::SreToolkit,
            crate::rules::Style::Sloth,
            crate::rules::Style::Pyrra,
        ] {
            let opts = Options {
                style,
                ..Default::default()
            };
            for slo in &slos {
                let d = dashboard(slo, &opts);
                let q = queries(&d);
                assert_eq!(q.len(), 15, "{q:?}");
                for e in &q {
                    promql_parser::parser::parse(e).unwrap_or_else(|err| panic!("{e}: {err}"));
                    assert!(
                        e.starts_with("vector(") || e.contains(&opts.id_of(slo)),
                        "{e}"
                    );
                }
                assert!(d["uid"].as_str().expect("uid").len() <= 40);
                let vars = d["templating"]["list"].as_array().expect("vars").len();
                assert_eq!(vars, 1 + slo.group_by.len());
            }
        }
    }
}
