//! What `kubectl slo` prints, through the suite's report layer: findings as a table, the
//! versioned JSON/YAML envelope, JUnit, SARIF (with file:line:col) or Markdown; promtool
//! verdicts; budget reports; the check catalogue. A format a command cannot write is a
//! usage error (exit 2), never another format.

use crate::cli::Format;
use crate::promtest::Verdict;
use crate::report::SloReport;
use crate::rules::num;
use crate::{SCHEMA_VERSION, validate};
use anyhow::Result;
use shared::error::Error;
use shared::finding::{CheckInfo, Finding};
use shared::output::{List, Render, table, write_json, write_yaml};
use shared::report::escape::markdown_cell;
use shared::report::{Facts, Run};
use shared::term::Styles;
use std::io::Write;

/// The formats of commands that print tables and envelopes only.
pub const TABLES: &[Format] = &[Format::Table, Format::Wide, Format::Json, Format::Yaml];

/// Refuses `format` unless `command` can write it.
pub fn refuse(format: Format, command: &str, allowed: &[Format]) -> Result<(), Error> {
    if allowed.contains(&format) {
        return Ok(());
    }
    let names: Vec<String> = allowed.iter().map(|f| f.name()).collect();
    Err(Error::usage(
        format!("kubectl slo {command} cannot write -o {}", format.name()),
        format!("it writes -o {}", names.join(", ")),
    ))
}

/// Every check `validate` and `report` raise.
pub fn checks() -> Vec<CheckInfo> {
    let mut all = validate::CHECKS.to_vec();
    all.extend([
        CheckInfo {
            id: "budget-exhausted",
            category: "budget",
            severity: shared::finding::Severity::Critical,
            title: "the error budget of the window is spent",
        },
        CheckInfo {
            id: "budget-burning",
            category: "budget",
            severity: shared::finding::Severity::Warning,
            title: "a page or ticket burn-rate condition holds now",
        },
        CheckInfo {
            id: "no-data",
            category: "budget",
            severity: shared::finding::Severity::Warning,
            title: "the SLI's queries return no events for the window",
        },
    ]);
    all
}

/// `kubectl slo checks`.
pub fn catalogue(w: &mut dyn Write, format: Format, no_headers: bool) -> Result<()> {
    refuse(format, "checks", TABLES)?;
    let render = match format {
        Format::Json => Render::Json,
        Format::Yaml => Render::Yaml,
        _ => Render::Table { no_headers },
    };
    shared::output::write_check_list(w, render, "slo", SCHEMA_VERSION, &checks())
}

/// `validate`'s findings in `format`.
pub fn findings(
    w: &mut dyn Write,
    findings: &[Finding],
    catalogue: &[CheckInfo],
    format: Format,
    no_headers: bool,
) -> Result<()> {
    let facts = Facts {
        generated_at: jiff::Timestamp::now().to_string(),
        ..Default::default()
    };
    let run = Run {
        plugin: "slo",
        checks: catalogue,
        selected: &[],
        findings,
        facts: &facts,
        unchecked: &[],
        properties: serde_json::json!({}),
    };
    match format {
        Format::Table | Format::Wide => {
            let shown: Vec<&Finding> = findings.iter().collect();
            let opts = shared::report::table::Options {
                all_namespaces: false,
                wide: format == Format::Wide,
                no_headers,
                styles: Styles::default(),
            };
            write!(
                w,
                "{}",
                shared::report::table::findings(&shown, opts, |f| f.object.kind_name())
            )?;
            if findings.is_empty() {
                // Status, not data: on stderr.
                let _ = writeln!(std::io::stderr(), "No problems found.");
            }
        }
        Format::Json => write_json(
            w,
            &List::new(
                "slo",
                SCHEMA_VERSION,
                "FindingList",
                facts.clone(),
                findings.to_vec(),
            ),
        )?,
        Format::Yaml => write_yaml(
            w,
            &List::new(
                "slo",
                SCHEMA_VERSION,
                "FindingList",
                facts.clone(),
                findings.to_vec(),
            ),
        )?,
        Format::Junit => w.write_all(shared::report::junit::render(&run).as_bytes())?,
        Format::Sarif => write_json(w, &shared::report::sarif::render(&run))?,
        Format::Markdown => w.write_all(shared::report::markdown::render(&run).as_bytes())?,
    }
    Ok(())
}

/// `test`'s verdicts.
pub fn tests(
    w: &mut dyn Write,
    verdicts: &[Verdict],
    format: Format,
    no_headers: bool,
) -> Result<()> {
    let passed = verdicts.iter().filter(|v| v.passed).count();
    let meta = serde_json::json!({"passed": passed, "failed": verdicts.len() - passed});
    match format {
        Format::Json => write_json(
            w,
            &List::new(
                "slo",
                SCHEMA_VERSION,
                "SLOTestList",
                meta,
                verdicts.to_vec(),
            ),
        )?,
        Format::Yaml => write_yaml(
            w,
            &List::new(
                "slo",
                SCHEMA_VERSION,
                "SLOTestList",
                meta,
                verdicts.to_vec(),
            ),
        )?,
        _ => {
            let rows: Vec<Vec<String>> = verdicts
                .iter()
                .map(|v| {
                    vec![
                        v.slo.clone(),
                        if v.passed { "pass" } else { "FAIL" }.to_string(),
                        v.scenario
                            .split_once(": ")
                            .map(|(_, s)| s.to_string())
                            .unwrap_or_else(|| v.scenario.clone()),
                    ]
                })
                .collect();
            write!(
                w,
                "{}",
                table(&["slo", "result", "scenario"], &rows, no_headers)
            )?;
            let _ = writeln!(
                std::io::stderr(),
                "{passed} of {} promtool scenarios passed.",
                verdicts.len()
            );
        }
    }
    Ok(())
}

fn percent(v: Option<f64>, decimals: usize) -> String {
    v.map(|v| format!("{v:.decimals$}%"))
        .unwrap_or_else(|| "-".into())
}

fn duration(secs: Option<f64>) -> String {
    match secs {
        Some(s) if s.is_finite() && s >= 0.0 => {
            shared::duration::human(std::time::Duration::from_secs(s as u64))
        }
        _ => "-".into(),
    }
}

fn burn(r: &SloReport, w: &str) -> String {
    r.burn_rates
        .get(w)
        .map(|v| num((v * 100.0).round() / 100.0))
        .unwrap_or_else(|| "-".into())
}

/// `report`'s budgets.
pub fn reports(
    w: &mut dyn Write,
    reports: &[SloReport],
    format: Format,
    no_headers: bool,
    styles: Styles,
) -> Result<()> {
    let meta = serde_json::json!({"generatedAt": jiff::Timestamp::now().to_string()});
    match format {
        Format::Json => {
            return write_json(
                w,
                &List::new("slo", SCHEMA_VERSION, "SLOReport", meta, reports.to_vec()),
            );
        }
        Format::Yaml => {
            return write_yaml(
                w,
                &List::new("slo", SCHEMA_VERSION, "SLOReport", meta, reports.to_vec()),
            );
        }
        Format::Markdown => return markdown(w, reports),
        _ => {}
    }
    let wide = format == Format::Wide;
    let mut headers = vec![
        "slo",
        "objective",
        "window",
        "sli",
        "budget left",
        "burn 1h",
        "burn 6h",
        "exhausted in",
        "status",
    ];
    if wide {
        headers.extend([
            "errors", "events", "burn 5m", "burn 1d", "burn 3d", "policy",
        ]);
    }
    let rows: Vec<Vec<String>> = reports
        .iter()
        .map(|r| {
            let status = match r.status {
                "exhausted" => styles.critical(r.status),
                "burning" | "no-data" => styles.warning(r.status),
                s => s.to_string(),
            };
            let mut row = vec![
                r.slo.clone(),
                format!("{}%", num(r.objective_percent)),
                r.window.clone(),
                percent(r.sli_percent, 3),
                percent(r.budget_remaining.map(|b| b * 100.0), 1),
                burn(r, "1h"),
                burn(r, "6h"),
                duration(r.exhaustion_seconds),
                status,
            ];
            if wide {
                row.extend([
                    r.errors
                        .map(|v| format!("{v:.0}"))
                        .unwrap_or_else(|| "-".into()),
                    r.events
                        .map(|v| format!("{v:.0}"))
                        .unwrap_or_else(|| "-".into()),
                    burn(r, "5m"),
                    burn(r, "1d"),
                    burn(r, "3d"),
                    r.policy.clone().unwrap_or_default(),
                ]);
            }
            row
        })
        .collect();
    write!(w, "{}", table(&headers, &rows, no_headers))?;
    let months: Vec<Vec<String>> = reports
        .iter()
        .flat_map(|r| {
            r.months.iter().map(|m| {
                vec![
                    r.slo.clone(),
                    m.month.clone(),
                    percent(m.sli_percent, 3),
                    percent(m.budget_remaining.map(|b| b * 100.0), 1),
                    m.status.to_string(),
                ]
            })
        })
        .collect();
    if !months.is_empty() {
        writeln!(w)?;
        write!(
            w,
            "{}",
            table(
                &["slo", "month", "sli", "budget left", "status"],
                &months,
                no_headers
            )
        )?;
    }
    Ok(())
}

fn markdown(w: &mut dyn Write, reports: &[SloReport]) -> Result<()> {
    writeln!(w, "# SLO report\n")?;
    writeln!(
        w,
        "| SLO | Objective | Window | SLI | Budget left | Burn 1h | Status |"
    )?;
    writeln!(w, "|---|---|---|---|---|---|---|")?;
    for r in reports {
        writeln!(
            w,
            "| {} | {}% | {} | {} | {} | {} | {} |",
            markdown_cell(&r.slo),
            num(r.objective_percent),
            markdown_cell(&r.window),
            percent(r.sli_percent, 3),
            percent(r.budget_remaining.map(|b| b * 100.0), 1),
            burn(r, "1h"),
            r.status
        )?;
    }
    let months: Vec<&SloReport> = reports.iter().filter(|r| !r.months.is_empty()).collect();
    if !months.is_empty() {
        writeln!(
            w,
            "\n## By month\n\n| SLO | Month | SLI | Budget left | Status |\n|---|---|---|---|---|"
        )?;
        for r in months {
            for m in &r.months {
                writeln!(
                    w,
                    "| {} | {} | {} | {} | {} |",
                    markdown_cell(&r.slo),
                    m.month,
                    percent(m.sli_percent, 3),
                    percent(m.budget_remaining.map(|b| b * 100.0), 1),
                    m.status
                )?;
            }
        }
    }
    Ok(())
}
