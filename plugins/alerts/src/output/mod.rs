//! What `kubectl alerts` prints, through the suite's report layer: tables (kubectl's look),
//! the versioned JSON/YAML envelope, Markdown, and the HTML page ([`html`]). A format a
//! command cannot write is a usage error (exit 2), never another format.

pub mod html;
pub mod markdown;

use crate::analysis::Analysis;
use crate::analysis::summary::{AlertSummary, human, rfc3339};
use crate::cli::{Format, Rank};
use crate::model::History;
use crate::{SCHEMA_VERSION, findings};
use anyhow::Result;
use serde::Serialize;
use shared::error::Error;
use shared::finding::Finding;
use shared::output::{Document, List, Render, table, write_json, write_yaml};
use shared::term::Styles;
use std::io::Write;

/// Refuses `format` unless `command` can write it.
pub fn refuse(format: Format, command: &str, allowed: &[Format]) -> Result<(), Error> {
    if allowed.contains(&format) {
        return Ok(());
    }
    let names: Vec<String> = allowed.iter().map(|f| f.name()).collect();
    Err(Error::usage(
        format!("kubectl alerts {command} cannot write -o {}", format.name()),
        format!("it writes -o {}", names.join(", ")),
    ))
}

const TABLES: &[Format] = &[Format::Table, Format::Wide, Format::Json, Format::Yaml];

/// The formats `command` writes (checked before anything is read).
pub fn formats(command: &crate::Command) -> &'static [Format] {
    use crate::Command as C;
    match command {
        C::Report(_) | C::Rules(_) => &[
            Format::Table,
            Format::Wide,
            Format::Json,
            Format::Yaml,
            Format::Markdown,
        ],
        C::Watch(_) => &[Format::Table, Format::Wide, Format::Json],
        C::Top(_) | C::Flapping(_) | C::Silences(_) | C::Checks => TABLES,
    }
}

/// `kubectl alerts checks`.
pub fn catalogue(w: &mut dyn Write, format: Format, no_headers: bool) -> Result<()> {
    refuse(format, "checks", TABLES)?;
    let render = match format {
        Format::Json => Render::Json,
        Format::Yaml => Render::Yaml,
        _ => Render::Table { no_headers },
    };
    shared::output::write_check_list(w, render, "alerts", SCHEMA_VERSION, findings::CHECKS)
}

fn structured<T: Serialize>(w: &mut dyn Write, format: Format, value: &T) -> Result<bool> {
    match format {
        Format::Json => write_json(w, value).map(|_| true),
        Format::Yaml => write_yaml(w, value).map(|_| true),
        _ => Ok(false),
    }
}

/// The facts of a run, the `metadata` of every document.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// Where the history came from.
    pub source: String,
    /// Window start, RFC 3339.
    pub start: String,
    /// Window end, RFC 3339.
    pub end: String,
    /// Resolution, seconds.
    pub step_seconds: f64,
    /// Ranges that could not be read.
    pub missing_windows: Vec<crate::model::MissingWindow>,
    /// Alertmanager's version, when read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alertmanager: Option<String>,
    /// When this was written.
    pub generated_at: String,
}

/// The metadata of `history`.
pub fn metadata(history: &History) -> Metadata {
    Metadata {
        source: history.source.clone(),
        start: rfc3339(history.start),
        end: rfc3339(history.end),
        step_seconds: history.step,
        missing_windows: history.missing.clone(),
        alertmanager: history.alertmanager.as_ref().map(|a| a.version.clone()),
        generated_at: jiff::Timestamp::now().to_string(),
    }
}

/// The `AlertReport` document.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportBody<'a> {
    metadata: Metadata,
    #[serde(flatten)]
    analysis: &'a Analysis,
    #[serde(skip_serializing_if = "Option::is_none")]
    silences: Option<&'a [crate::model::Silence]>,
    notification_stats: &'a [crate::model::NotificationStats],
}

fn opt_human(v: Option<f64>) -> String {
    v.map(human).unwrap_or_else(|| "-".into())
}

fn alert_rows(alerts: &[&AlertSummary], wide: bool) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let mut headers = vec![
        "alert",
        "tier",
        "notifications",
        "share",
        "per day",
        "firing",
        "p50",
        "p90",
        "transient",
        "flapping",
        "actionable",
    ];
    if wide {
        headers.extend([
            "severity",
            "team",
            "label sets",
            "pending",
            "never fired",
            "stuck",
            "max psc",
            "max/h",
            "activations",
        ]);
    }
    let rows = alerts
        .iter()
        .map(|a| {
            let mut r = vec![
                a.alertname.clone(),
                a.tier.clone(),
                a.notifications.to_string(),
                format!("{}%", a.share_percent),
                a.per_day.to_string(),
                human(a.firing_seconds),
                opt_human(a.duration_p50),
                opt_human(a.duration_p90),
                a.transient.to_string(),
                a.flapping_label_sets.to_string(),
                format!("{}%", a.actionability),
            ];
            if wide {
                r.extend([
                    a.severity.clone().unwrap_or_else(|| "-".into()),
                    a.team.clone().unwrap_or_else(|| "-".into()),
                    a.label_sets.to_string(),
                    a.pending.to_string(),
                    a.pending_never_fired.to_string(),
                    a.stuck.to_string(),
                    format!("{}%", a.max_psc),
                    a.max_transitions_per_hour.to_string(),
                    a.activations
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| "-".into()),
                ]);
            }
            r
        })
        .collect();
    (headers, rows)
}

fn findings_table(
    w: &mut dyn Write,
    found: &[Finding],
    wide: bool,
    no_headers: bool,
) -> Result<()> {
    let shown: Vec<&Finding> = found.iter().collect();
    let opts = shared::report::table::Options {
        all_namespaces: false,
        wide,
        no_headers,
        styles: Styles::default(),
    };
    write!(
        w,
        "{}",
        shared::report::table::findings(&shown, opts, |f| f.object.kind_name())
    )?;
    Ok(())
}

/// The per-cluster table of a fleet.
pub fn cluster_rows(
    clusters: &[crate::analysis::summary::ClusterTotals],
) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let rows = clusters
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                c.notifications.to_string(),
                c.alerts.to_string(),
                c.rules.to_string(),
                c.error
                    .as_ref()
                    .map_or_else(|| "read".to_string(), |e| format!("not read: {e}")),
                c.source.clone(),
            ]
        })
        .collect();
    (
        vec![
            "cluster",
            "notifications",
            "alerts",
            "rules",
            "history",
            "prometheus",
        ],
        rows,
    )
}

/// `report`.
pub fn report(
    w: &mut dyn Write,
    history: &History,
    a: &Analysis,
    top: usize,
    format: Format,
    no_headers: bool,
    styles: Styles,
) -> Result<()> {
    let body = ReportBody {
        metadata: metadata(history),
        analysis: a,
        silences: history
            .alertmanager
            .as_ref()
            .map(|am| am.silences.as_slice()),
        notification_stats: &history.notifications,
    };
    if structured(
        w,
        format,
        &Document::new("alerts", SCHEMA_VERSION, "AlertReport", &body),
    )? {
        return Ok(());
    }
    if format == Format::Markdown {
        return markdown::report(w, history, a, top);
    }
    let t = &a.totals;
    writeln!(
        w,
        "{} to {} ({} days, step {}s) from {}",
        t.start, t.end, t.days, history.step, history.source
    )?;
    writeln!(
        w,
        "{} notifications ({}/day) from {} alerts; {} pending episodes; {} flapping label sets; {} rules",
        t.notifications, t.per_day, t.alerts, t.pending_episodes, t.flapping_label_sets, t.rules
    )?;
    writeln!(
        w,
        "{}",
        styles.bold(&format!(
            "The recommendations would have removed {} of {} notifications ({}%).",
            a.reduction.removed, a.reduction.notifications, a.reduction.percent
        ))
    )?;
    let tiers: Vec<String> = a
        .tiers
        .notifications
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    writeln!(
        w,
        "Tiers: {} (P0+P1 {}%, target under {}%). Off hours: {}% of notifications{}.",
        tiers.join(", "),
        a.tiers.urgent_percent,
        a.tiers.urgent_target_percent,
        a.heat_map.off_hours_percent,
        a.heat_map
            .peak
            .as_ref()
            .map(|p| format!("; busiest hour {p} {}", a.heat_map.time_zone))
            .unwrap_or_default()
    )?;
    if !t.clusters.is_empty() {
        writeln!(w, "\nClusters:")?;
        let (h, rows) = cluster_rows(&t.clusters);
        write!(w, "{}", table(&h, &rows, no_headers))?;
    }
    let shown: Vec<&AlertSummary> = a
        .alerts
        .iter()
        .filter(|x| x.episodes > 0)
        .take(top)
        .collect();
    if !shown.is_empty() {
        writeln!(w, "\nTop offenders:")?;
        let (h, rows) = alert_rows(&shown, format == Format::Wide);
        write!(w, "{}", table(&h, &rows, no_headers))?;
    }
    if !a.recommendations.is_empty() {
        writeln!(w, "\nRecommendations:")?;
        let rows: Vec<Vec<String>> = a
            .recommendations
            .iter()
            .map(|r| {
                vec![
                    r.alertname.clone(),
                    r.id.to_string(),
                    r.action.clone(),
                    r.would_remove.to_string(),
                    r.reason.clone(),
                ]
            })
            .collect();
        write!(
            w,
            "{}",
            table(
                &["alert", "id", "action", "would remove", "why"],
                &rows,
                no_headers
            )
        )?;
    }
    writeln!(w, "\nFindings:")?;
    findings_table(w, &a.findings, format == Format::Wide, no_headers)?;
    if a.findings.is_empty() {
        let _ = writeln!(std::io::stderr(), "No problems found.");
    }
    Ok(())
}

/// `top`.
pub fn top(
    w: &mut dyn Write,
    a: &Analysis,
    n: usize,
    by: Rank,
    format: Format,
    no_headers: bool,
) -> Result<()> {
    refuse(format, "top", TABLES)?;
    let mut alerts: Vec<&AlertSummary> = a.alerts.iter().filter(|x| x.episodes > 0).collect();
    if by == Rank::Time {
        alerts.sort_by(|x, y| {
            y.firing_seconds
                .total_cmp(&x.firing_seconds)
                .then_with(|| x.alertname.cmp(&y.alertname))
        });
    }
    alerts.truncate(n);
    let list = List::new(
        "alerts",
        SCHEMA_VERSION,
        "AlertSummaryList",
        &a.totals,
        alerts.clone(),
    );
    if structured(w, format, &list)? {
        return Ok(());
    }
    let (h, rows) = alert_rows(&alerts, format == Format::Wide);
    write!(w, "{}", table(&h, &rows, no_headers))?;
    if alerts.is_empty() {
        let _ = writeln!(std::io::stderr(), "No alert fired in the window.");
    }
    Ok(())
}

/// `flapping`.
pub fn flapping(w: &mut dyn Write, a: &Analysis, format: Format, no_headers: bool) -> Result<()> {
    refuse(format, "flapping", TABLES)?;
    let list = List::new(
        "alerts",
        SCHEMA_VERSION,
        "FlappingList",
        &a.totals,
        a.flapping.clone(),
    );
    if structured(w, format, &list)? {
        return Ok(());
    }
    let rows: Vec<Vec<String>> = a
        .flapping
        .iter()
        .map(|f| {
            let labels: Vec<String> = f.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let secs: f64 = f.flapping.periods.iter().map(|p| p.end - p.start).sum();
            let first = f
                .flapping
                .periods
                .first()
                .map(|p| rfc3339(p.start))
                .unwrap_or_default();
            let mut row = vec![
                f.alertname.clone(),
                format!("{}%", f.flapping.max_psc),
                f.flapping.periods.len().to_string(),
                human(secs),
                f.flapping.max_transitions_per_hour.to_string(),
                first,
            ];
            if format == Format::Wide {
                row.push(labels.join(","));
            }
            row
        })
        .collect();
    let mut headers = vec![
        "alert",
        "max psc",
        "stretches",
        "flapping for",
        "max changes/h",
        "first",
    ];
    if format == Format::Wide {
        headers.push("labels");
    }
    write!(w, "{}", table(&headers, &rows, no_headers))?;
    if rows.is_empty() {
        let _ = writeln!(std::io::stderr(), "No label set flapped.");
    }
    Ok(())
}

/// Findings alone (`rules`).
pub fn findings(
    w: &mut dyn Write,
    found: &[Finding],
    format: Format,
    no_headers: bool,
) -> Result<()> {
    let list = List::new(
        "alerts",
        SCHEMA_VERSION,
        "FindingList",
        serde_json::json!({"generatedAt": jiff::Timestamp::now().to_string()}),
        found.to_vec(),
    );
    if structured(w, format, &list)? {
        return Ok(());
    }
    if format == Format::Markdown {
        return markdown::findings(w, found);
    }
    findings_table(w, found, format == Format::Wide, no_headers)?;
    if found.is_empty() {
        let _ = writeln!(std::io::stderr(), "No problems found.");
    }
    Ok(())
}

/// A silence with what is wrong with it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SilenceItem<'a> {
    #[serde(flatten)]
    silence: &'a crate::model::Silence,
    /// Alerts it holds now.
    silencing_now: usize,
    problems: Vec<&'a str>,
}

/// What Alertmanager holds now.
#[derive(Serialize)]
struct AlertCounts {
    held: usize,
    silenced: usize,
    inhibited: usize,
}

/// The `metadata` of a `SilenceList`.
#[derive(Serialize)]
struct SilenceMeta {
    #[serde(flatten)]
    run: Metadata,
    /// Alerts Alertmanager holds now.
    alerts: AlertCounts,
}

/// `silences`.
pub fn silences(
    w: &mut dyn Write,
    history: &History,
    found: &[Finding],
    expired: bool,
    format: Format,
    no_headers: bool,
) -> Result<()> {
    refuse(format, "silences", TABLES)?;
    let Some(am) = &history.alertmanager else {
        return Ok(());
    };
    let items: Vec<SilenceItem> = am
        .silences
        .iter()
        .filter(|s| expired || s.state != "expired")
        .map(|s| SilenceItem {
            silence: s,
            silencing_now: am
                .alerts
                .iter()
                .filter(|a| a.silenced_by.contains(&s.id))
                .count(),
            problems: found
                .iter()
                .filter(|f| f.object.name == s.id)
                .map(|f| f.check.as_str())
                .collect(),
        })
        .collect();
    let held = am.alerts.len();
    let silenced = am
        .alerts
        .iter()
        .filter(|a| !a.silenced_by.is_empty())
        .count();
    let inhibited = am
        .alerts
        .iter()
        .filter(|a| !a.inhibited_by.is_empty())
        .count();
    let meta = SilenceMeta {
        run: metadata(history),
        alerts: AlertCounts {
            held,
            silenced,
            inhibited,
        },
    };
    let list = List::new("alerts", SCHEMA_VERSION, "SilenceList", meta, items);
    if structured(w, format, &list)? {
        return Ok(());
    }
    let rows: Vec<Vec<String>> = list
        .items
        .iter()
        .map(|i| {
            let m: Vec<String> = i
                .silence
                .matchers
                .iter()
                .map(|m| format!("{}{}{}", m.name, m.op(), m.value))
                .collect();
            let mut row = vec![
                i.silence.id.chars().take(8).collect(),
                i.silence.state.clone(),
                m.join(","),
                i.silence.created_by.clone(),
                i.silence.ends_at.clone(),
                i.silencing_now.to_string(),
                if i.problems.is_empty() {
                    "-".into()
                } else {
                    i.problems.join(",")
                },
            ];
            if format == Format::Wide {
                row.push(i.silence.comment.clone());
            }
            row
        })
        .collect();
    let mut headers = vec![
        "id",
        "state",
        "matchers",
        "created by",
        "ends",
        "silencing",
        "problems",
    ];
    if format == Format::Wide {
        headers.push("comment");
    }
    write!(w, "{}", table(&headers, &rows, no_headers))?;
    let _ = writeln!(
        std::io::stderr(),
        "Alertmanager {} holds {held} alerts: {silenced} silenced, {inhibited} inhibited.",
        am.version
    );
    Ok(())
}
