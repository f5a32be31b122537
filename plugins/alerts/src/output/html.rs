//! The HTML report: the suite's self-contained page with the alerts' pictures as inline
//! SVG: the hour × weekday heat map, the top-offender bars and a timeline per top alert.
//! Every text in the SVG goes through the report layer's escaping.

use crate::analysis::Analysis;
use crate::analysis::summary::human;
use crate::analysis::timing::days;
use crate::model::{History, State};
use shared::report::escape::markup;
use shared::report::html::{Headline, Page, Table};
use shared::report::{Facts, Run};
use std::fmt::Write as _;

/// Alerts drawn in the bars and timelines.
const SHOWN: usize = 15;

fn heat_map(a: &Analysis) -> String {
    let m = &a.heat_map;
    let max = m.counts.iter().flatten().copied().max().unwrap_or(0).max(1);
    let (cw, ch, left, top) = (28, 22, 44, 20);
    let mut s = format!(
        "<h3>Notifications by hour ({}) and weekday</h3><svg id=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-size=\"11\">",
        markup(&m.time_zone),
        left + 24 * cw + 10,
        top + 7 * ch + 10
    );
    for h in 0..24 {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"14\">{h:02}</text>",
            left + h * cw + 6
        );
    }
    for (d, name) in days().iter().enumerate() {
        let _ = write!(s, "<text x=\"4\" y=\"{}\">{name}</text>", top + d * ch + 15);
        for h in 0..24 {
            let n = m.counts[d][h];
            let alpha = if n == 0 {
                0.04
            } else {
                0.15 + 0.85 * n as f64 / max as f64
            };
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#c0392b\" fill-opacity=\"{alpha:.2}\"><title>{name} {h:02}:00: {n}</title></rect>",
                left + h * cw,
                top + d * ch,
                cw - 2,
                ch - 2
            );
        }
    }
    s.push_str("</svg>");
    s
}

fn bars(a: &Analysis) -> String {
    let shown: Vec<_> = a
        .alerts
        .iter()
        .filter(|x| x.notifications > 0)
        .take(SHOWN)
        .collect();
    let max = shown
        .iter()
        .map(|x| x.notifications)
        .max()
        .unwrap_or(1)
        .max(1);
    let (left, width, bh) = (230, 520, 20);
    let mut s = format!(
        "<h3>Top offenders</h3><svg id=\"offenders\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-size=\"12\">",
        left + width + 80,
        shown.len() * bh + 10
    );
    for (k, x) in shown.iter().enumerate() {
        let w = (x.notifications as f64 / max as f64 * width as f64).max(1.0);
        let y = k * bh;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{left}\" y=\"{}\" width=\"{w:.0}\" height=\"{}\" fill=\"#1f5f99\"/><text x=\"{}\" y=\"{}\">{} ({}%)</text>",
            y + 14,
            markup(&x.alertname),
            y + 3,
            bh - 6,
            left as f64 + w + 6.0,
            y + 14,
            x.notifications,
            x.share_percent
        );
    }
    s.push_str("</svg>");
    s
}

fn timelines(history: &History, a: &Analysis) -> String {
    let names: Vec<&str> = a
        .alerts
        .iter()
        .filter(|x| x.episodes > 0)
        .take(SHOWN)
        .map(|x| x.alertname.as_str())
        .collect();
    let (left, width, rh) = (230.0, 760.0, 18);
    let span = (history.end - history.start).max(1.0);
    let x = |t: f64| left + (t - history.start) / span * width;
    let mut s = format!(
        "<h3>Timelines (firing red, pending amber)</h3><svg id=\"timelines\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-size=\"12\">",
        left + width + 10.0,
        names.len() * rh + 10
    );
    for (k, name) in names.iter().enumerate() {
        let y = k * rh;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{left}\" y=\"{}\" width=\"{width}\" height=\"{}\" fill=\"#eef0f3\"/>",
            y + 13,
            markup(name),
            y + 2,
            rh - 4
        );
        for e in history.episodes.iter().filter(|e| e.alertname == *name) {
            let colour = if e.state == State::Firing {
                "#c0392b"
            } else {
                "#d38b00"
            };
            let _ = write!(
                s,
                "<rect x=\"{:.1}\" y=\"{}\" width=\"{:.1}\" height=\"{}\" fill=\"{colour}\"><title>{} {}</title></rect>",
                x(e.start),
                y + 2,
                (x(e.end) - x(e.start)).max(1.0),
                rh - 4,
                markup(&crate::analysis::summary::rfc3339(e.start)),
                markup(&human(e.duration()))
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// The page.
pub fn render(history: &History, a: &Analysis) -> String {
    let facts = Facts {
        context: history.source.clone(),
        server: format!("{} to {}", a.totals.start, a.totals.end),
        namespace: "*".into(),
        generated_at: jiff::Timestamp::now().to_string(),
        duration_seconds: 0.0,
    };
    let run = Run {
        plugin: "alerts",
        checks: crate::findings::CHECKS,
        selected: &[],
        findings: &a.findings,
        facts: &facts,
        unchecked: &[],
        properties: serde_json::json!({}),
    };
    let tone = match a.reduction.percent {
        p if p >= 30.0 => "bad",
        p if p >= 10.0 => "fair",
        _ => "good",
    };
    let page = Page {
        headline: Some(Headline {
            badge: format!("{}%", a.reduction.percent),
            tone,
            value: format!(
                "{} of {} notifications removable",
                a.reduction.removed, a.reduction.notifications
            ),
            lines: vec![
                format!(
                    "{} alerts, {}/day over {} days",
                    a.totals.alerts, a.totals.per_day, a.totals.days
                ),
                format!(
                    "P0+P1 {}% (target under {}%), off hours {}%",
                    a.tiers.urgent_percent,
                    a.tiers.urgent_target_percent,
                    a.heat_map.off_hours_percent
                ),
            ],
        }),
        cards: Vec::new(),
        tables: vec![Table {
            id: "recommendations".into(),
            headers: ["Alert", "Action", "Would remove", "Why", "YAML"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            rows: a
                .recommendations
                .iter()
                .map(|r| {
                    vec![
                        r.alertname.clone(),
                        r.action.clone(),
                        r.would_remove.to_string(),
                        r.reason.clone(),
                        r.snippet.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        }],
        figures: vec![
            ("heat".into(), heat_map(a)),
            ("bars".into(), bars(a)),
            ("timeline".into(), timelines(history, a)),
        ],
    };
    shared::report::html::render(&run, &page)
}
