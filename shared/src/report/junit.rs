//! JUnit XML for CI test reports: a `<testsuite>` per section, a failing `<testcase>` per
//! warning or critical finding (info findings pass, with `<system-out>`), a passing case
//! per check that found nothing, and a `<skipped>` case per section that could not be
//! checked.

use super::Run;
use super::escape::markup;
use crate::finding::Severity;
use std::fmt::Write as _;

/// Renders `run` as JUnit XML.
pub fn render<X>(run: &Run<'_, X>) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let failing = |s: Severity| s != Severity::Info;
    let clean_checks = run
        .ran()
        .filter(|c| !run.findings.iter().any(|f| f.check == c.id))
        .count();
    let _ = writeln!(
        x,
        "<testsuites name=\"kubectl {}\" tests=\"{}\" failures=\"{}\" time=\"{}\">",
        markup(run.plugin),
        run.findings.len() + clean_checks + run.unchecked.len(),
        run.findings.iter().filter(|f| failing(f.severity)).count(),
        run.facts.duration_seconds
    );
    for section in run.sections() {
        let findings: Vec<_> = run
            .findings
            .iter()
            .filter(|f| f.category == section)
            .collect();
        let clean: Vec<&str> = run
            .ran()
            .filter(|c| c.category == section && !findings.iter().any(|f| f.check == c.id))
            .map(|c| c.id)
            .collect();
        let unseen = run.unchecked.iter().find(|u| u.section == section);
        let _ = writeln!(
            x,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">",
            markup(section),
            findings.len() + clean.len() + usize::from(unseen.is_some()),
            findings.iter().filter(|f| failing(f.severity)).count(),
            usize::from(unseen.is_some())
        );
        let class = |check: &str| markup(&format!("{}.{section}.{check}", run.plugin));
        if let Some(u) = unseen {
            let _ = writeln!(
                x,
                "    <testcase classname=\"{}\" name=\"{}\"><skipped message=\"{}\"/></testcase>",
                markup(&format!("{}.{section}", run.plugin)),
                markup(&format!("{section} {}", u.status)),
                markup(&u.sentence())
            );
        }
        for f in &findings {
            let where_ = match &f.location {
                Some(l) => format!("{}:{}:{}", l.file, l.line, l.column),
                None => f.object_path(),
            };
            let _ = write!(
                x,
                "    <testcase classname=\"{}\" name=\"{}\">",
                class(&f.check),
                markup(&format!("{} {where_}", f.check))
            );
            let body = markup(&format!("{}\nhint: {}", f.message, f.hint));
            if failing(f.severity) {
                let _ = write!(
                    x,
                    "<failure type=\"{}\" message=\"{}\">{body}</failure>",
                    f.severity.as_str(),
                    markup(&f.message)
                );
            } else {
                let _ = write!(x, "<system-out>{body}</system-out>");
            }
            x.push_str("</testcase>\n");
        }
        for id in clean {
            let _ = writeln!(
                x,
                "    <testcase classname=\"{}\" name=\"{}\"/>",
                class(id),
                markup(id)
            );
        }
        x.push_str("  </testsuite>\n");
    }
    x.push_str("</testsuites>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    fn xml() -> String {
        fixture::with_run("doctor", render)
    }

    #[test]
    fn findings_fail_clean_checks_pass_unchecked_sections_skip() {
        let x = xml();
        assert_eq!(x.matches("<failure ").count(), 2, "info passes: {x}");
        assert!(x.contains(
            "<testcase classname=\"doctor.pods.pod-crashloop\" name=\"pod-crashloop\"/>"
        ));
        assert!(x.contains(
            "<skipped message=\"section pods not checked: could not list pods, events\"/>"
        ));
        assert!(
            x.contains("name=\"manifest-latest deploy/web.yaml:12:16\""),
            "{x}"
        );
        assert!(x.contains("name=\"node-not-ready Node/n1\""), "{x}");
        assert!(
            x.contains("&lt;b&gt;&quot;bad&quot;&lt;/b&gt; &amp; &#39;worse&#39;"),
            "{x}"
        );
        assert!(!x.contains('\u{7}'));
    }

    #[test]
    fn output_is_well_formed_xml() {
        let dir = std::env::temp_dir().join(format!("sre-junit-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("r.xml");
        std::fs::write(&file, xml()).expect("write");
        let ok = std::process::Command::new("python3")
            .args([
                "-c",
                "import sys, xml.dom.minidom as m; m.parse(sys.argv[1])",
            ])
            .arg(&file)
            .status()
            .expect("python3 (on every machine of this project)");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(ok.success(), "JUnit output parses as XML");
    }
}
