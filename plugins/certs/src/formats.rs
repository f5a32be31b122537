//! certs' report in the suite's shared formats ([`shared::report`]): JUnit XML
//! (`-o junit`), SARIF 2.1.0 (`-o sarif`), Markdown (`-o markdown`) and the HTML page
//! (`--html FILE`), with the certificate inventory as certs' own table.

use crate::checks::{CertFields, catalogue, days};
use crate::cli::Format;
use crate::report::Report;
use crate::{metrics, report};
use clap::ValueEnum;
use shared::error::Error;
use shared::report::html::{Page, Table};
use shared::report::{Facts, Run, Unchecked};
use shared::run::Context;
use std::io::Write;

fn facts(report: &Report) -> Facts {
    let m = &report.list.metadata;
    Facts {
        context: m.context.clone(),
        server: m.server.clone(),
        namespace: m.namespace.clone(),
        generated_at: m.generated_at.clone(),
        duration_seconds: m.duration_seconds,
    }
}

/// Sources that were refused: the inventory is partial.
fn unchecked(report: &Report) -> Vec<Unchecked> {
    let skipped = &report.list.metadata.skipped;
    if skipped.is_empty() {
        return Vec::new();
    }
    vec![Unchecked {
        section: "sources".into(),
        status: "partial".into(),
        missing: skipped.iter().map(|s| s.resource.clone()).collect(),
    }]
}

/// Renders `report` through `render`.
fn with_run<T>(report: &Report, render: impl FnOnce(&Run<'_, CertFields>) -> T) -> T {
    let (checks, facts, unchecked) = (catalogue(), facts(report), unchecked(report));
    let s = &report.list.metadata.summary;
    render(&Run {
        plugin: "certs",
        checks: &checks,
        selected: &[],
        findings: &report.findings,
        facts: &facts,
        unchecked: &unchecked,
        properties: serde_json::json!({"certificates": s.certificates}),
    })
}

/// JUnit XML: a test suite per category, a failing test case per finding.
pub fn junit(report: &Report) -> String {
    with_run(report, shared::report::junit::render)
}

/// SARIF 2.1.0.
pub fn sarif(report: &Report) -> serde_json::Value {
    with_run(report, shared::report::sarif::render)
}

/// Markdown for CI comments.
pub fn markdown(report: &Report) -> String {
    with_run(report, shared::report::markdown::render)
}

/// The self-contained HTML page: a summary, every certificate by soonest expiry, the findings.
pub fn html(report: &Report) -> String {
    let s = &report.list.metadata.summary;
    let certificates = Table {
        id: "certificates".into(),
        headers: [
            "Source",
            "CN",
            "Position",
            "Not after",
            "Left",
            "Issuer",
            "Status",
        ]
        .map(String::from)
        .to_vec(),
        rows: report
            .list
            .items
            .iter()
            .map(|e| {
                vec![
                    e.source.display(),
                    e.info.common_name.clone(),
                    e.position.to_string(),
                    e.not_after_time.clone(),
                    days(e.expires_in_seconds),
                    e.info.issuer.clone(),
                    if e.findings.is_empty() {
                        "ok".into()
                    } else {
                        e.findings.join(", ")
                    },
                ]
            })
            .collect(),
    };
    let page = Page {
        headline: None,
        cards: vec![(
            "summary".into(),
            vec![format!(
                "{} certificates · {} critical · {} warning · {} info findings",
                s.certificates, s.critical, s.warning, s.info
            )],
        )],
        tables: vec![certificates],
        ..Default::default()
    };
    with_run(report, |run| shared::report::html::render(run, &page))
}
/// Writes the report in `format`.
pub fn write_report(
    w: &mut dyn Write,
    report: &report::Report,
    format: Format,
    no_headers: bool,
    ctx: &Context,
) -> anyhow::Result<()> {
    match format {
        Format::Table | Format::Wide => {
            report::render_table(w, report, format == Format::Wide, no_headers, ctx.stdout)?;
            // Status, not data: on stderr, as every plugin does.
            if report.list.items.is_empty() {
                ctx.note("No certificates found.");
            }
            if report.findings.is_empty() {
                ctx.note("No findings.");
            }
        }
        Format::Json => shared::output::write_json(w, report)?,
        Format::Yaml => shared::output::write_yaml(w, report)?,
        Format::Prometheus => {
            let now = jiff::Timestamp::now().as_second();
            w.write_all(metrics::exposition(report, now).as_bytes())?;
        }
        Format::Junit => w.write_all(junit(report).as_bytes())?,
        Format::Sarif => shared::output::write_json(w, &sarif(report))?,
        Format::Markdown => w.write_all(markdown(report).as_bytes())?,
    }
    Ok(())
}

/// The `-o` name of `f`.
pub fn format_name(f: Format) -> String {
    f.to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// Writes `--html FILE`.
pub fn write_html(path: &std::path::Path, report: &report::Report) -> Result<(), Error> {
    std::fs::write(path, html(report)).map_err(|e| {
        Error::usage(
            format!("cannot write --html {}: {e}", path.display()),
            "pass a writable path",
        )
    })
}
