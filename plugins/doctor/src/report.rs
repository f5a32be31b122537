//! The report: the versioned `DoctorReport` envelope (`-o json|yaml`), and the human table
//! with the score underneath. Schema: docs/output-schema.md.

use crate::finding::{Finding, Severity};
use crate::score::Score;
use crate::snapshot::Skipped;
use serde::Serialize;
use shared::output::{List, table};
use shared::term::Styles;
use std::io::Write;

/// Schema version of the report.
pub const SCHEMA_VERSION: &str = "v1alpha1";
/// `kind` of the report envelope.
pub const KIND: &str = "DoctorReport";

/// Facts about the run, in `metadata`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// Kubeconfig context.
    pub context: String,
    /// API server URL.
    pub server: String,
    /// The namespace scope, or `*` for all namespaces.
    pub namespace: String,
    /// `all`, `healthcheck`, `diagnostics` or `audit`.
    pub view: String,
    /// RFC 3339.
    pub generated_at: String,
    /// Wall time of collection plus checks.
    pub duration_seconds: f64,
    /// How many checks ran.
    pub checks_run: usize,
    /// Findings dropped by suppressions.
    pub suppressed: usize,
    /// Kinds that could not be listed.
    pub skipped: Vec<Skipped>,
    /// The score.
    pub score: Score,
}

/// The whole report.
pub type Report = List<Metadata, Finding>;

/// Builds the envelope.
pub fn envelope(metadata: Metadata, findings: Vec<Finding>) -> Report {
    List::new("doctor", SCHEMA_VERSION, KIND, metadata, findings)
}

/// Renders the findings table (kubectl's look) and the score table.
pub fn write_table(
    w: &mut dyn Write,
    report: &Report,
    styles: Styles,
    wide: bool,
    no_headers: bool,
    summary_only: bool,
) -> anyhow::Result<()> {
    let all_ns = report.metadata.namespace == "*";
    let shown: Vec<&Finding> = report
        .items
        .iter()
        .filter(|f| !summary_only || f.severity == Severity::Critical)
        .collect();
    if !shown.is_empty() {
        let opts = shared::report::table::Options {
            all_namespaces: all_ns,
            wide,
            no_headers,
            styles,
        };
        let t = shared::report::table::findings(&shown, opts, |f| f.object.kind_name());
        w.write_all(t.as_bytes())?;
        writeln!(w)?;
    }
    let score = &report.metadata.score;
    let incomplete = !score.incomplete.is_empty();
    let rows: Vec<Vec<String>> = score
        .sections
        .iter()
        .map(|s| {
            let mut row = vec![
                s.name.clone(),
                s.objects.to_string(),
                if s.critical > 0 {
                    styles.critical(&s.critical.to_string())
                } else {
                    "0".into()
                },
                if s.warning > 0 {
                    styles.warning(&s.warning.to_string())
                } else {
                    "0".into()
                },
                s.info.to_string(),
                s.score.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
            ];
            if incomplete {
                row.push(match s.coverage {
                    crate::score::Coverage::Complete => s.coverage.as_str().to_string(),
                    c => styles.warning(&format!("{} ({})", c.as_str(), s.missing.join(", "))),
                });
            }
            row
        })
        .collect();
    let mut headers = vec!["section", "objects", "critical", "warning", "info", "score"];
    if incomplete {
        headers.push("checked");
    }
    w.write_all(table(&headers, &rows, no_headers).as_bytes())?;
    let overall = score
        .overall
        .map(|s| format!("{s}/100"))
        .unwrap_or_else(|| "-".into());
    let grade = match score.grade.as_str() {
        "A" | "B" => styles.ok(&score.grade),
        "C" | "D" => styles.warning(&score.grade),
        g => styles.critical(g),
    };
    writeln!(
        w,
        "\n{} {overall} (grade {grade})",
        styles.bold("Overall score")
    )?;
    if incomplete || summary_only {
        writeln!(w, "{}", styles.warning(&score.coverage_line()))?;
    }
    writeln!(w, "{}", styles.dim(score.explanation))?;
    Ok(())
}

/// The heal plan as a table: status, action, namespace (with `-A`), object, reason, the
/// kubectl command, and a note column when any action has one (or with `-o wide`).
pub fn write_heal_plan(
    w: &mut dyn Write,
    actions: &[crate::heal::Action],
    all_namespaces: bool,
    wide: bool,
    no_headers: bool,
) -> anyhow::Result<()> {
    let mut headers = vec!["status", "action"];
    if all_namespaces {
        headers.push("namespace");
    }
    headers.extend(["object", "reason", "command"]);
    let with_note = wide || actions.iter().any(|a| a.detail.is_some());
    if with_note {
        headers.push("note");
    }
    let rows: Vec<Vec<String>> = actions
        .iter()
        .map(|a| {
            let mut row = vec![a.status.as_str().to_string(), a.action.as_str().to_string()];
            if all_namespaces {
                row.push(a.object.namespace.clone().unwrap_or_default());
            }
            row.push(shared::sanitize::for_terminal(&a.object.kind_name()).into_owned());
            row.push(shared::sanitize::for_terminal(&a.reason).into_owned());
            row.push(a.command.clone());
            if with_note {
                row.push(
                    shared::sanitize::for_terminal(a.detail.as_deref().unwrap_or("")).into_owned(),
                );
            }
            row
        })
        .collect();
    w.write_all(table(&headers, &rows, no_headers).as_bytes())?;
    Ok(())
}
