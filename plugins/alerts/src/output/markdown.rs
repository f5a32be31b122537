//! The report and findings as Markdown, for a ticket or a wiki page.

use crate::analysis::Analysis;
use crate::analysis::summary::human;
use crate::model::History;
use anyhow::Result;
use shared::finding::Finding;
use shared::report::escape::markdown_cell as cell;
use std::io::Write;

/// Findings as a Markdown table.
pub fn findings(w: &mut dyn Write, found: &[Finding]) -> Result<()> {
    writeln!(
        w,
        "| Severity | Check | Object | Message | Hint |\n|---|---|---|---|---|"
    )?;
    for f in found {
        writeln!(
            w,
            "| {} | `{}` | {} | {} | {} |",
            f.severity.as_str(),
            f.check,
            cell(&f.object.kind_name()),
            cell(&f.message),
            cell(&f.hint)
        )?;
    }
    if found.is_empty() {
        writeln!(w, "| - | - | - | No problems found. | - |")?;
    }
    Ok(())
}

/// The report.
pub fn report(w: &mut dyn Write, history: &History, a: &Analysis, top: usize) -> Result<()> {
    let t = &a.totals;
    writeln!(w, "# Alert report\n")?;
    writeln!(
        w,
        "{} to {} ({} days) from `{}`: **{} notifications** ({}/day) from {} alerts.\n",
        t.start,
        t.end,
        t.days,
        cell(&history.source),
        t.notifications,
        t.per_day,
        t.alerts
    )?;
    writeln!(
        w,
        "The recommendations below would have removed **{} of {} notifications ({}%)**.\n",
        a.reduction.removed, a.reduction.notifications, a.reduction.percent
    )?;
    if !t.clusters.is_empty() {
        writeln!(
            w,
            "## Clusters\n\n| Cluster | Notifications | Alerts | Rules | History | Prometheus |\n|---|---|---|---|---|---|"
        )?;
        let (_, rows) = super::cluster_rows(&t.clusters);
        for r in rows {
            let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
            writeln!(w, "| {} |", cells.join(" | "))?;
        }
        writeln!(w)?;
    }
    writeln!(
        w,
        "## Top offenders\n\n| Alert | Tier | Notifications | Share | Per day | Firing | p50 | Transient | Actionable |\n|---|---|---|---|---|---|---|---|---|"
    )?;
    for s in a.alerts.iter().filter(|s| s.episodes > 0).take(top) {
        writeln!(
            w,
            "| {} | {} | {} | {}% | {} | {} | {} | {} | {}% |",
            cell(&s.alertname),
            s.tier,
            s.notifications,
            s.share_percent,
            s.per_day,
            human(s.firing_seconds),
            s.duration_p50.map(human).unwrap_or_else(|| "-".into()),
            s.transient,
            s.actionability
        )?;
    }
    if !a.recommendations.is_empty() {
        writeln!(
            w,
            "\n## Recommendations\n\n| Alert | Action | Would remove | Why |\n|---|---|---|---|"
        )?;
        for r in &a.recommendations {
            writeln!(
                w,
                "| {} | {} | {} | {} |",
                cell(&r.alertname),
                cell(&r.action),
                r.would_remove,
                cell(&r.reason)
            )?;
        }
    }
    writeln!(w, "\n## Findings\n")?;
    findings(w, &a.findings)
}
