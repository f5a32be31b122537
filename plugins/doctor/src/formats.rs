//! Report formats for CI and people: JUnit XML (`-o junit`), SARIF 2.1.0 (`-o sarif`) and a
//! self-contained HTML page (`--html FILE`). All are rendered from the same [`Report`].

use crate::catalog::{CATEGORIES, CHECKS};
use crate::finding::{Finding, Severity};
use crate::report::Report;
use crate::score::Coverage;
use std::fmt::Write as _;
use std::io::Write;

/// Escapes text for XML and HTML (both element text and attribute values). Control
/// characters that XML 1.0 forbids are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn object_path(f: &Finding) -> String {
    match &f.object.namespace {
        Some(ns) => format!("{}/{}/{}", f.object.kind, ns, f.object.name),
        None => format!("{}/{}", f.object.kind, f.object.name),
    }
}

/// JUnit XML: a testsuite per section, a failing testcase per finding (warnings and
/// criticals; info findings pass with system-out), a passing testcase per check that found
/// nothing.
pub fn write_junit(w: &mut dyn Write, report: &Report, selected: &[&str]) -> anyhow::Result<()> {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let failures = report
        .items
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .count();
    let _ = writeln!(
        x,
        "<testsuites name=\"kubectl doctor\" tests=\"{}\" failures=\"{failures}\" time=\"{}\">",
        report.items.len()
            + selected
                .iter()
                .filter(|id| !report.items.iter().any(|f| f.check == **id))
                .count(),
        report.metadata.duration_seconds
    );
    for cat in CATEGORIES {
        let checks: Vec<&str> = CHECKS
            .iter()
            .filter(|c| c.category == *cat && selected.contains(&c.id))
            .map(|c| c.id)
            .collect();
        if checks.is_empty() {
            continue;
        }
        let findings: Vec<&Finding> = report.items.iter().filter(|f| f.category == *cat).collect();
        let clean: Vec<&&str> = checks
            .iter()
            .filter(|id| !findings.iter().any(|f| f.check == **id))
            .collect();
        let fails = findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .count();
        let unseen = report
            .metadata
            .score
            .sections
            .iter()
            .find(|s| s.name == *cat && s.coverage != Coverage::Complete);
        let _ = writeln!(
            x,
            "  <testsuite name=\"{cat}\" tests=\"{}\" failures=\"{fails}\" skipped=\"{}\">",
            findings.len() + clean.len() + usize::from(unseen.is_some()),
            usize::from(unseen.is_some())
        );
        if let Some(s) = unseen {
            let _ = writeln!(
                x,
                "    <testcase classname=\"doctor.{cat}\" name=\"{cat} {}\"><skipped message=\"{}\"/></testcase>",
                s.coverage.as_str(),
                escape(&format!(
                    "section {cat} {}: could not list {}",
                    s.coverage.as_str(),
                    s.missing.join(", ")
                ))
            );
        }
        for f in &findings {
            let name = escape(&format!("{} {}", f.check, object_path(f)));
            let _ = write!(
                x,
                "    <testcase classname=\"doctor.{cat}.{}\" name=\"{name}\">",
                f.check
            );
            let body = escape(&format!("{}\nhint: {}", f.message, f.hint));
            if f.severity == Severity::Info {
                let _ = write!(x, "<system-out>{body}</system-out>");
            } else {
                let _ = write!(
                    x,
                    "<failure type=\"{}\" message=\"{}\">{body}</failure>",
                    f.severity.as_str(),
                    escape(&f.message)
                );
            }
            x.push_str("</testcase>\n");
        }
        for id in clean {
            let _ = writeln!(
                x,
                "    <testcase classname=\"doctor.{cat}.{id}\" name=\"{id}\"/>"
            );
        }
        x.push_str("  </testsuite>\n");
    }
    x.push_str("</testsuites>\n");
    w.write_all(x.as_bytes())?;
    Ok(())
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The artifact URI of a cluster object in SARIF: a stable path that names it
/// (`k8s/<namespace>/<Kind>/<name>`, `k8s/_cluster/<Kind>/<name>` for cluster-scoped ones),
/// as cluster scanners do, since an object has no file.
pub fn artifact_uri(f: &Finding) -> String {
    let seg = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-._".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    format!(
        "k8s/{}/{}/{}",
        seg(f.object.namespace.as_deref().unwrap_or("_cluster")),
        seg(&f.object.kind),
        seg(&f.object.name)
    )
}

/// A fingerprint of a finding that is the same in every run while the finding lasts: the
/// check and the object (FNV-1a 64, hex), not the message (which carries counts and ages).
pub fn fingerprint(f: &Finding) -> String {
    let key = format!(
        "{}\u{0}{}\u{0}{}\u{0}{}",
        f.check,
        f.object.kind,
        f.object.namespace.as_deref().unwrap_or(""),
        f.object.name
    );
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// SARIF 2.1.0 as GitHub code scanning takes it: one rule per check, one result per finding
/// with a physical location (the object's [`artifact_uri`], line 1), the object as a
/// logical location, and a stable `partialFingerprints` entry. Sections that could not be
/// checked are tool notifications.
pub fn write_sarif(w: &mut dyn Write, report: &Report) -> anyhow::Result<()> {
    let rules: Vec<serde_json::Value> = CHECKS
        .iter()
        .map(|c| {
            serde_json::json!({
                "id": c.id, "name": c.id, "shortDescription": {"text": c.title},
                "properties": {"category": c.category},
                "defaultConfiguration": {"level": sarif_level(c.severity)}
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = report
        .items
        .iter()
        .map(|f| {
            serde_json::json!({
                "ruleId": f.check,
                "level": sarif_level(f.severity),
                "message": {"text": format!("{} (hint: {})", f.message, f.hint)},
                "locations": [{
                    "physicalLocation": {"artifactLocation": {"uri": artifact_uri(f)}, "region": {"startLine": 1}},
                    "logicalLocations": [{"name": f.object.name, "fullyQualifiedName": object_path(f), "kind": "resource"}]
                }],
                "partialFingerprints": {"primaryLocationLineHash": format!("{}:1", fingerprint(f)), "sreToolkitFinding/v1": fingerprint(f)},
                "properties": {"kind": f.object.kind, "namespace": f.object.namespace, "severity": f.severity}
            })
        })
        .collect();
    let notifications: Vec<serde_json::Value> = report
        .metadata
        .score
        .sections
        .iter()
        .filter(|s| s.coverage != Coverage::Complete)
        .map(|s| {
            serde_json::json!({"level": "warning", "message": {"text": format!(
                "section {} {}: could not list {}", s.name, s.coverage.as_str(), s.missing.join(", "))}})
        })
        .collect();
    let sarif = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "kubectl-doctor", "version": shared::VERSION,
                                "informationUri": "https://github.com/sre-toolkit/sre-toolkit", "rules": rules}},
            "results": results,
            "invocations": [{"executionSuccessful": true, "toolExecutionNotifications": notifications}],
            "properties": {"context": report.metadata.context, "namespace": report.metadata.namespace,
                           "score": report.metadata.score.overall, "grade": report.metadata.score.grade}
        }]
    });
    shared::output::write_json(w, &sarif)
}

/// A self-contained HTML page: the score card, the sections and every finding, with a
/// severity filter. No external resources.
pub fn html(report: &Report) -> String {
    let m = &report.metadata;
    let mut h = String::new();
    let grade = escape(&m.score.grade);
    let overall = m
        .score
        .overall
        .map(|s| s.to_string())
        .unwrap_or_else(|| "-".into());
    let _ = write!(
        h,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kubectl doctor: {ctx}</title>
<style>
body{{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}}
header{{background:#1d2430;color:#fff;padding:18px 28px}} header h1{{margin:0;font-size:20px}} header p{{margin:4px 0 0;color:#b9c2d0}}
main{{padding:20px 28px;max-width:1400px}} .card{{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:18px;box-shadow:0 1px 2px #0002}}
.score{{display:flex;gap:28px;align-items:center}} .grade{{font-size:54px;font-weight:700;width:80px;text-align:center;border-radius:8px;color:#fff}}
.gA,.gB{{background:#2e8540}} .gC,.gD{{background:#d38b00}} .gE,.gF,.g-{{background:#c0392b}}
table{{border-collapse:collapse;width:100%}} th,td{{text-align:left;padding:6px 10px;border-bottom:1px solid #e4e7ec;vertical-align:top}}
th{{font-size:12px;text-transform:uppercase;color:#5b6576}} .sev{{font-weight:600;border-radius:4px;padding:1px 6px;font-size:12px}}
.critical .sev{{background:#fde2df;color:#a5281b}} .warning .sev{{background:#fff1cc;color:#8a5a00}} .info .sev{{background:#ddeefc;color:#1f5f99}}
.hint{{color:#5b6576}} code{{font-size:12px}} label{{margin-right:14px}} .muted{{color:#5b6576}}
</style></head><body>
<header><h1>kubectl doctor</h1><p>context <b>{ctx}</b> &middot; {srv} &middot; namespace {ns} &middot; view {view} &middot; {at} &middot; {dur}s</p></header>
<main>
<div class="card score"><div class="grade g{grade}" id="grade">{grade}</div><div><div style="font-size:28px;font-weight:600" id="overall">{overall}/100</div>
<div class="muted">{n} findings &middot; {checks} checks &middot; {supp} suppressed</div><div class="muted">{expl}</div></div></div>
"#,
        ctx = escape(&m.context),
        srv = escape(&m.server),
        ns = escape(&m.namespace),
        view = escape(&m.view),
        at = escape(&m.generated_at),
        dur = m.duration_seconds,
        n = report.items.len(),
        checks = m.checks_run,
        supp = m.suppressed,
        expl = escape(m.score.explanation),
    );
    if !m.skipped.is_empty() {
        let list: Vec<String> = m
            .skipped
            .iter()
            .map(|s| format!("{} ({})", escape(&s.resource), escape(&s.reason)))
            .collect();
        let _ = writeln!(
            h,
            "<div class=\"card\"><b>Skipped:</b> {}</div>",
            list.join(", ")
        );
    }
    let _ = writeln!(
        h,
        "<div class=\"card muted\" id=\"coverage\">{}</div>",
        escape(&m.score.coverage_line())
    );
    h.push_str("<div class=\"card\"><table id=\"sections\"><tr><th>Section</th><th>Objects</th><th>Critical</th><th>Warning</th><th>Info</th><th>Score</th><th>Checked</th></tr>\n");
    for s in &m.score.sections {
        let checked = match s.coverage {
            Coverage::Complete => "complete".to_string(),
            c => format!("{} ({})", c.as_str(), s.missing.join(", ")),
        };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&s.name),
            s.objects,
            s.critical,
            s.warning,
            s.info,
            s.score.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
            escape(&checked)
        );
    }
    h.push_str("</table></div>\n<div class=\"card\"><div style=\"margin-bottom:10px\">");
    for sev in ["critical", "warning", "info"] {
        let _ = write!(
            h,
            "<label><input type=\"checkbox\" checked data-sev=\"{sev}\"> {sev}</label>"
        );
    }
    h.push_str("</div><table id=\"findings\"><tr><th>Severity</th><th>Check</th><th>Object</th><th>Message</th></tr>\n");
    for f in &report.items {
        let _ = writeln!(
            h,
            "<tr class=\"{sev}\"><td><span class=\"sev\">{sev}</span></td><td><code>{}</code></td><td>{}</td><td>{}<div class=\"hint\">{}</div></td></tr>",
            escape(&f.check),
            escape(&object_path(f)),
            escape(&f.message),
            escape(&f.hint),
            sev = f.severity.as_str()
        );
    }
    if report.items.is_empty() {
        h.push_str("<tr><td colspan=\"4\">No problems found.</td></tr>\n");
    }
    h.push_str(
        "</table></div></main>\n<script>document.querySelectorAll('input[data-sev]').forEach(function(cb){cb.addEventListener('change',function(){\
document.querySelectorAll('#findings tr.'+cb.dataset.sev).forEach(function(r){r.style.display=cb.checked?'':'none';});});});</script>\n</body></html>\n",
    );
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::ObjectRef;
    use crate::report::{Metadata, envelope};
    use crate::snapshot::{Skipped, Snapshot};
    use std::collections::BTreeSet;

    /// A report over a cluster where pods could not be listed, with two findings.
    fn report() -> Report {
        let snap = Snapshot {
            nodes: Some(vec![Default::default(); 2]),
            skipped: vec![Skipped {
                resource: "pods".into(),
                reason: "forbidden".into(),
            }],
            ..Default::default()
        };
        let finding = |check: &str, name: &str, severity| Finding {
            check: check.into(),
            category: "nodes".into(),
            severity,
            object: ObjectRef::cluster("Node", name),
            message: format!("{name} <is> \"bad\""),
            hint: "fix it".into(),
        };
        let findings = vec![
            finding("node-not-ready", "n1", Severity::Critical),
            finding("node-cordoned", "n2", Severity::Info),
        ];
        let selected: BTreeSet<&str> = CHECKS.iter().map(|c| c.id).collect();
        let score = crate::score::compute(&snap, &["nodes", "pods"], &findings, &selected);
        envelope(
            Metadata {
                context: "test".into(),
                server: "https://127.0.0.1:6443".into(),
                namespace: "*".into(),
                view: "all".into(),
                generated_at: "2026-12-02T00:00:00Z".into(),
                duration_seconds: 0.5,
                checks_run: selected.len(),
                suppressed: 0,
                skipped: snap.skipped.clone(),
                score,
            },
            findings,
        )
    }

    #[test]
    fn sarif_is_what_github_code_scanning_accepts() {
        let r = report();
        let mut out = Vec::new();
        write_sarif(&mut out, &r).expect("sarif");
        let doc: serde_json::Value = serde_json::from_slice(&out).expect("json");
        let problems = testcluster::testing::sarif_problems(&doc);
        assert!(problems.is_empty(), "{problems:#?}");
        let results = doc["runs"][0]["results"].as_array().expect("results");
        assert_eq!(results.len(), 2);
        assert_eq!(
            results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "k8s/_cluster/Node/n1"
        );
        // Stable across runs: the same finding with another message keeps its fingerprint.
        let mut again = r.items[0].clone();
        again.message = "n1 NotReady for 2h".into();
        assert_eq!(fingerprint(&again), fingerprint(&r.items[0]));
        assert_ne!(fingerprint(&r.items[0]), fingerprint(&r.items[1]));
        let notes = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .expect("notifications");
        assert!(
            notes.iter().any(|n| n["message"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("pods not checked"))),
            "{notes:?}"
        );
    }

    #[test]
    fn junit_marks_unchecked_sections_skipped_and_escapes_text() {
        let r = report();
        let selected: Vec<&str> = CHECKS.iter().map(|c| c.id).collect();
        let mut out = Vec::new();
        write_junit(&mut out, &r, &selected).expect("junit");
        let xml = String::from_utf8(out).expect("utf8");
        assert!(
            xml.contains("<testsuite name=\"pods\"")
                && xml.contains(
                    "<skipped message=\"section pods not checked: could not list pods\"/>"
                ),
            "{xml}"
        );
        assert!(xml.contains("n1 &lt;is&gt; &quot;bad&quot;"), "{xml}");
        assert_eq!(xml.matches("<failure ").count(), 1, "info findings pass");
    }

    #[test]
    fn html_says_which_sections_were_not_checked() {
        let page = html(&report());
        assert!(page.contains("not checked (pods)"), "section table");
        assert!(page.contains("id=\"coverage\""));
        assert!(page.contains("n1 &lt;is&gt; &quot;bad&quot;"));
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("bell\u{7}x"), "bellx");
    }
}
