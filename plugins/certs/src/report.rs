//! The report: the versioned `CertificateReport` envelope (`-o json|yaml`; schema in
//! docs/output-schema.md) and the human tables, certificates sorted by soonest expiry, then
//! the findings.

use crate::checks::{Finding, Verdict, days};
use crate::inventory::Origin;
use serde::Serialize;
use shared::finding::Severity;
use shared::output::{List, table};
use shared::sanitize::for_terminal;
use shared::term::Styles;
use std::io::Write;

/// Schema version of the report.
pub const SCHEMA_VERSION: &str = "v1alpha1";
/// `kind` of the envelope.
pub const KIND: &str = "CertificateReport";

/// Counts by severity.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Certificates found.
    pub certificates: usize,
    /// Critical findings.
    pub critical: usize,
    /// Warning findings.
    pub warning: usize,
    /// Info findings.
    pub info: usize,
}

/// Facts about the run.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// Kubeconfig context.
    pub context: String,
    /// API server URL.
    pub server: String,
    /// Namespace scope, `*` for all.
    pub namespace: String,
    /// RFC 3339.
    pub generated_at: String,
    /// Wall time of the scan.
    pub duration_seconds: f64,
    /// `--warn` in seconds.
    pub warn_seconds: i64,
    /// `--critical` in seconds.
    pub critical_seconds: i64,
    /// Sources read.
    pub sources: Vec<String>,
    /// Endpoints probed.
    pub endpoints: usize,
    /// Sources skipped, with why (the suite's one schema).
    pub skipped: Vec<shared::partial::Skipped>,
    /// Counts.
    pub summary: Summary,
}

/// The report: certificates as `items`, findings beside them.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// apiVersion, kind, metadata, items (certificates).
    #[serde(flatten)]
    pub list: List<Metadata, crate::checks::Entry>,
    /// Findings, most severe first.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Builds the envelope; fills the summary.
    pub fn new(mut metadata: Metadata, verdict: Verdict) -> Self {
        metadata.summary = Summary {
            certificates: verdict.entries.len(),
            critical: count(&verdict.findings, Severity::Critical),
            warning: count(&verdict.findings, Severity::Warning),
            info: count(&verdict.findings, Severity::Info),
        };
        Self {
            list: List::new("certs", SCHEMA_VERSION, KIND, metadata, verdict.entries),
            findings: verdict.findings,
        }
    }
}

fn count(f: &[Finding], s: Severity) -> usize {
    f.iter().filter(|f| f.severity == s).count()
}

fn source(o: &Origin) -> String {
    for_terminal(&o.display()).into_owned()
}

/// The two tables. `wide` adds issuer, SANs, key, signature, serial and hints.
pub fn render_table(
    w: &mut dyn Write,
    report: &Report,
    wide: bool,
    no_headers: bool,
    styles: Styles,
) -> std::io::Result<()> {
    let entries = &report.list.items;
    let all_namespaces = report.list.metadata.namespace == "*";
    if !entries.is_empty() {
        let mut headers = vec![];
        if all_namespaces {
            headers.push("NAMESPACE");
        }
        headers.extend(["SOURCE", "CN", "POSITION", "NOT AFTER", "LEFT", "STATUS"]);
        if wide {
            headers.extend(["ISSUER", "SANS", "KEY", "SIGNATURE", "SERIAL"]);
        }
        let rows: Vec<Vec<String>> = entries
            .iter()
            .map(|e| {
                let mut row = Vec::new();
                if all_namespaces {
                    row.push(e.source.namespace.clone().unwrap_or_else(|| "-".into()));
                }
                let status = if e.findings.is_empty() {
                    styles.ok("ok")
                } else {
                    styles.warning(&e.findings.join(","))
                };
                row.extend([
                    source(&e.source),
                    for_terminal(&e.info.common_name).into_owned(),
                    e.position.to_string(),
                    e.not_after_time.clone(),
                    days(e.expires_in_seconds),
                    status,
                ]);
                if wide {
                    row.extend([
                        for_terminal(&e.info.issuer).into_owned(),
                        for_terminal(&e.info.sans.join(",")).into_owned(),
                        e.info.key_label(),
                        e.info.signature_algorithm.clone(),
                        e.info.serial.clone(),
                    ]);
                }
                row
            })
            .collect();
        write!(w, "{}", table(&headers, &rows, no_headers))?;
    }
    if report.findings.is_empty() {
        return Ok(());
    }
    writeln!(w)?;
    let shown: Vec<&Finding> = report.findings.iter().collect();
    let opts = shared::report::table::Options {
        all_namespaces,
        wide,
        no_headers,
        styles,
    };
    let t = shared::report::table::findings(&shown, opts, |f| match &f.extra.key {
        Some(k) => format!("{}[{k}]", f.object.kind_name()),
        None => f.object.kind_name(),
    });
    write!(w, "{t}")?;
    let s = &report.list.metadata.summary;
    writeln!(
        w,
        "\n{} certificates, {} critical, {} warning findings.",
        s.certificates, s.critical, s.warning
    )?;
    Ok(())
}
