//! Prometheus text exposition with x509-certificate-exporter's metric and label names
//! (`x509_cert_not_after`, `x509_cert_expired`, `secret_namespace`, `subject_CN`...), so
//! existing dashboards and alert rules keep working, plus the findings and scan health.

use crate::checks::Entry;
use crate::report::Report;
use std::fmt::Write as _;

/// Escapes a label value (`\`, `"`, newline).
fn escape(v: &str) -> String {
    v.replace('\\', r"\\")
        .replace('"', "\\\"")
        .replace('\n', r"\n")
}

/// XE's labels for one certificate.
pub fn labels(e: &Entry) -> Vec<(String, String)> {
    let mut l: Vec<(String, String)> = Vec::new();
    l.push(("serial_number".into(), e.info.serial.replace(':', "")));
    for (k, v) in &e.info.subject_attrs {
        l.push((format!("subject_{k}"), v.clone()));
    }
    for (k, v) in &e.info.issuer_attrs {
        l.push((format!("issuer_{k}"), v.clone()));
    }
    let s = &e.source;
    let ns = s.namespace.clone().unwrap_or_default();
    match s.kind.as_str() {
        "Secret" => l.extend([
            ("secret_namespace".into(), ns),
            ("secret_name".into(), s.name.clone()),
            ("secret_key".into(), s.key.clone()),
        ]),
        "ConfigMap" => l.extend([
            ("configmap_namespace".into(), ns),
            ("configmap_name".into(), s.name.clone()),
            ("configmap_key".into(), s.key.clone()),
        ]),
        "Kubeconfig" => l.extend([
            ("filepath".into(), "kubeconfig".into()),
            (
                "embedded_kind".into(),
                if s.key == "client-certificate" {
                    "user"
                } else {
                    "cluster"
                }
                .into(),
            ),
            ("embedded_key".into(), s.name.clone()),
        ]),
        "Endpoint" => l.extend([
            ("endpoint".into(), s.name.clone()),
            ("sni".into(), s.key.clone()),
        ]),
        kind => l.extend([
            ("cabundle_resource_kind".into(), kind.to_string()),
            ("cabundle_resource_name".into(), s.name.clone()),
            ("cabundle_entry".into(), s.key.clone()),
        ]),
    }
    if e.index > 0 {
        l.push(("discriminator".into(), e.index.to_string()));
    }
    l
}

fn render_labels(l: &[(String, String)]) -> String {
    let inner: Vec<String> = l
        .iter()
        .map(|(k, v)| format!("{k}=\"{}\"", escape(v)))
        .collect();
    format!("{{{}}}", inner.join(","))
}

fn header(out: &mut String, name: &str, help: &str, kind: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// A per-certificate gauge: name, help, value at `now`.
type PerCert = (&'static str, &'static str, fn(&Entry, i64) -> f64);

/// The exposition of one report. `scan_ok`/`scan_duration` describe the scan that produced it.
pub fn exposition(report: &Report, now: i64) -> String {
    let mut out = String::new();
    let entries = &report.list.items;
    let labelled: Vec<(String, &Entry)> = entries
        .iter()
        .map(|e| (render_labels(&labels(e)), e))
        .collect();
    let per_cert: [PerCert; 5] = [
        (
            "x509_cert_not_before",
            "Certificate notBefore, Unix seconds",
            |e, _| e.info.not_before as f64,
        ),
        (
            "x509_cert_not_after",
            "Certificate notAfter, Unix seconds",
            |e, _| e.info.not_after as f64,
        ),
        (
            "x509_cert_expired",
            "1 when the certificate has expired",
            |e, now| f64::from(u8::from(e.info.not_after < now)),
        ),
        (
            "x509_cert_expires_in_seconds",
            "Seconds until notAfter (negative when expired)",
            |e, now| (e.info.not_after - now) as f64,
        ),
        (
            "x509_cert_valid_since_seconds",
            "Seconds since notBefore",
            |e, now| (now - e.info.not_before) as f64,
        ),
    ];
    for (name, help, value) in per_cert {
        header(&mut out, name, help, "gauge");
        for (l, e) in &labelled {
            let _ = writeln!(out, "{name}{l} {}", value(e, now));
        }
    }
    header(
        &mut out,
        "x509_read_errors",
        "Values that should hold certificates but could not be read",
        "gauge",
    );
    let unreadable = report
        .findings
        .iter()
        .filter(|f| f.check == "unparseable")
        .count();
    let _ = writeln!(out, "x509_read_errors {unreadable}");
    header(
        &mut out,
        "certs_findings",
        "Findings of kubectl certs by check and severity",
        "gauge",
    );
    let mut by: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for f in &report.findings {
        *by.entry((f.check.as_str(), f.severity.as_str()))
            .or_default() += 1;
    }
    for ((check, severity), n) in by {
        let _ = writeln!(
            out,
            "certs_findings{{check=\"{check}\",severity=\"{severity}\"}} {n}"
        );
    }
    header(
        &mut out,
        "certs_finding",
        "One series per finding (1), with the object",
        "gauge",
    );
    for f in &report.findings {
        let l = [
            ("check".to_string(), f.check.clone()),
            ("severity".to_string(), f.severity.as_str().to_string()),
            ("kind".to_string(), f.object.kind.clone()),
            (
                "namespace".to_string(),
                f.object.namespace.clone().unwrap_or_default(),
            ),
            ("name".to_string(), f.object.name.clone()),
            ("key".to_string(), f.extra.key.clone().unwrap_or_default()),
        ];
        let _ = writeln!(out, "certs_finding{} 1", render_labels(&l));
    }
    out
}

/// Scan-health series for the exporter.
pub fn scan_health(
    out: &mut String,
    ok: bool,
    duration: f64,
    last_success: i64,
    scans: u64,
    failures: u64,
) {
    header(
        out,
        "certs_scan_success",
        "1 when the last scan succeeded",
        "gauge",
    );
    let _ = writeln!(out, "certs_scan_success {}", u8::from(ok));
    header(
        out,
        "x509_scrape_duration_seconds",
        "Duration of the last scan",
        "gauge",
    );
    let _ = writeln!(out, "x509_scrape_duration_seconds {duration}");
    header(
        out,
        "certs_scan_last_success_timestamp_seconds",
        "When the last successful scan finished",
        "gauge",
    );
    let _ = writeln!(
        out,
        "certs_scan_last_success_timestamp_seconds {last_success}"
    );
    header(out, "certs_scans_total", "Scans run", "counter");
    let _ = writeln!(out, "certs_scans_total {scans}");
    header(
        out,
        "certs_scan_failures_total",
        "Scans that failed",
        "counter",
    );
    let _ = writeln!(out, "certs_scan_failures_total {failures}");
    header(
        out,
        "x509_exporter_build_info",
        "Build information",
        "gauge",
    );
    let _ = writeln!(
        out,
        "x509_exporter_build_info{{version=\"{}\",exporter=\"kubectl-certs\"}} 1",
        shared::VERSION
    );
}
