//! doctor's report in the suite's shared formats ([`shared::report`]): JUnit XML
//! (`-o junit`), SARIF 2.1.0 (`-o sarif`) and the HTML page (`--html FILE`), with the score
//! card and the sections table as doctor's own parts of the page.

use crate::catalog::CHECKS;
use crate::report::Report;
use crate::score::Coverage;
use shared::finding::CheckInfo;
use shared::report::html::{Headline, Page, Table};
use shared::report::{Facts, Run, Unchecked};
use std::io::Write;

/// The catalogue as the renderers describe it.
pub fn catalogue() -> Vec<CheckInfo> {
    CHECKS
        .iter()
        .map(|c| CheckInfo {
            id: c.id,
            category: c.category,
            severity: c.severity,
            title: c.title,
        })
        .collect()
}

/// The sections of `report` that were not (fully) checked.
fn unchecked(report: &Report) -> Vec<Unchecked> {
    report
        .metadata
        .score
        .sections
        .iter()
        .filter(|s| s.coverage != Coverage::Complete)
        .map(|s| Unchecked {
            section: s.name.clone(),
            status: s.coverage.as_str().to_string(),
            missing: s.missing.clone(),
        })
        .collect()
}

fn facts(report: &Report) -> Facts {
    let m = &report.metadata;
    Facts {
        context: m.context.clone(),
        server: m.server.clone(),
        namespace: m.namespace.clone(),
        generated_at: m.generated_at.clone(),
        duration_seconds: m.duration_seconds,
    }
}

/// Renders `report` through `render`, given the check ids that ran.
fn with_run<T>(report: &Report, selected: &[&str], render: impl FnOnce(&Run<'_>) -> T) -> T {
    let (checks, facts, unchecked) = (catalogue(), facts(report), unchecked(report));
    let score = &report.metadata.score;
    render(&Run {
        plugin: "doctor",
        checks: &checks,
        selected,
        findings: &report.items,
        facts: &facts,
        unchecked: &unchecked,
        properties: serde_json::json!({"score": score.overall, "grade": score.grade}),
    })
}

/// JUnit XML: a test suite per section, a failing test case per finding.
pub fn write_junit(w: &mut dyn Write, report: &Report, selected: &[&str]) -> anyhow::Result<()> {
    let xml = with_run(report, selected, shared::report::junit::render);
    w.write_all(xml.as_bytes())?;
    Ok(())
}

/// SARIF 2.1.0 as GitHub code scanning takes it.
pub fn write_sarif(w: &mut dyn Write, report: &Report) -> anyhow::Result<()> {
    let doc = with_run(report, &[], shared::report::sarif::render);
    shared::output::write_json(w, &doc)
}

/// The self-contained HTML page: the score card, the sections and every finding.
pub fn html(report: &Report) -> String {
    let m = &report.metadata;
    let score = &m.score;
    let tone = match score.grade.as_str() {
        "A" | "B" => "good",
        "C" | "D" => "fair",
        _ => "bad",
    };
    let mut cards = vec![(
        "coverage".to_string(),
        vec![score.coverage_line(), score.explanation.to_string()],
    )];
    if !m.skipped.is_empty() {
        let list: Vec<String> = m
            .skipped
            .iter()
            .map(|s| format!("{} ({})", s.resource, s.reason))
            .collect();
        cards.push((
            "skipped".into(),
            vec![format!("Skipped: {}", list.join(", "))],
        ));
    }
    let sections = Table {
        id: "sections".into(),
        headers: [
            "Section", "Objects", "Critical", "Warning", "Info", "Score", "Checked",
        ]
        .map(String::from)
        .to_vec(),
        rows: score
            .sections
            .iter()
            .map(|s| {
                vec![
                    s.name.clone(),
                    s.objects.to_string(),
                    s.critical.to_string(),
                    s.warning.to_string(),
                    s.info.to_string(),
                    s.score.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
                    match s.coverage {
                        Coverage::Complete => "complete".to_string(),
                        c => format!("{} ({})", c.as_str(), s.missing.join(", ")),
                    },
                ]
            })
            .collect(),
    };
    let page = Page {
        headline: Some(Headline {
            badge: score.grade.clone(),
            tone,
            value: format!(
                "{}/100",
                score
                    .overall
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| "-".into())
            ),
            lines: vec![format!(
                "{} findings · {} checks · {} suppressed · view {}",
                report.items.len(),
                m.checks_run,
                m.suppressed,
                m.view
            )],
        }),
        cards,
        tables: vec![sections],
        ..Default::default()
    };
    with_run(report, &[], |run| shared::report::html::render(run, &page))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Finding, ObjectRef, Severity};
    use crate::report::{Metadata, envelope};
    use crate::snapshot::{Skipped, Snapshot};
    use shared::report::sarif::fingerprint;
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
            location: None,
            message: format!("{name} <is> \"bad\""),
            hint: "fix it".into(),
            extra: Default::default(),
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
}
