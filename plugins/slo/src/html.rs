//! `kubectl slo report --html FILE`: one self-contained page through the suite's HTML
//! layer: a headline with how many budgets are spent, the report table, and per SLO the
//! budget burn-down over its window and the 1h burn rate of the last 3 days against the
//! page (14.4x) and budget (1x) lines.

use crate::report::{Charts, SloReport};
use shared::report::html::{Headline, Page, Table};
use shared::report::svg::{Line, Threshold, line_chart};
use shared::report::{Facts, Run};

fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.3}%")).unwrap_or_else(|| "-".into())
}

/// The page.
pub fn render(
    reports: &[SloReport],
    charts: &[Charts],
    findings: &[shared::finding::Finding],
    source: &str,
) -> String {
    let facts = Facts {
        context: source.to_string(),
        server: source.to_string(),
        namespace: "*".into(),
        generated_at: jiff::Timestamp::now().to_string(),
        duration_seconds: 0.0,
    };
    let catalogue = crate::output::checks();
    let run = Run {
        plugin: "slo",
        checks: &catalogue,
        selected: &[],
        findings,
        facts: &facts,
        unchecked: &[],
        properties: serde_json::json!({}),
    };
    let spent = reports.iter().filter(|r| r.status == "exhausted").count();
    let burning = reports.iter().filter(|r| r.status == "burning").count();
    let tone = match (spent, burning) {
        (0, 0) => "good",
        (0, _) => "fair",
        _ => "bad",
    };
    let mut figures = Vec::new();
    for c in charts {
        let burndown = line_chart(
            &format!("burndown-{}", c.slo),
            &format!("{}: error budget left over the window", c.slo),
            &[Line {
                label: "budget left".into(),
                colour: "#1f5f99",
                points: c.budget_remaining.clone(),
            }],
            &[Threshold {
                label: "spent".into(),
                value: 0.0,
            }],
            true,
        );
        let burn = line_chart(
            &format!("burnrate-{}", c.slo),
            &format!("{}: burn rate over 1h, last 3 days", c.slo),
            &[Line {
                label: "burn rate (1h)".into(),
                colour: "#c0392b",
                points: c.burn_rate.clone(),
            }],
            &[
                Threshold {
                    label: "page 14.4x".into(),
                    value: 14.4,
                },
                Threshold {
                    label: "budget 1x".into(),
                    value: 1.0,
                },
            ],
            false,
        );
        figures.push((format!("slo-{}", c.slo), format!("{burndown}{burn}")));
    }
    let page = Page {
        headline: Some(Headline {
            badge: format!("{spent}"),
            tone,
            value: format!(
                "{spent} of {} budgets spent, {burning} burning",
                reports.len()
            ),
            lines: vec![format!("as of {}", facts.generated_at)],
        }),
        cards: Vec::new(),
        tables: vec![Table {
            id: "slos".into(),
            headers: [
                "SLO",
                "Objective",
                "Window",
                "SLI",
                "Budget left",
                "Burn 1h",
                "Status",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            rows: reports
                .iter()
                .map(|r| {
                    vec![
                        r.slo.clone(),
                        format!("{}%", r.objective_percent),
                        r.window.clone(),
                        percent(r.sli_percent),
                        percent(r.budget_remaining.map(|b| b * 100.0)),
                        r.burn_rates
                            .get("1h")
                            .map(|b| format!("{b:.2}x"))
                            .unwrap_or_else(|| "-".into()),
                        r.status.to_string(),
                    ]
                })
                .collect(),
        }],
        figures,
    };
    shared::report::html::render(&run, &page)
}
