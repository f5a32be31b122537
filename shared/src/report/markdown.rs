//! Markdown for CI comments and chat: a summary line and the findings as a table.

use super::Run;
use super::escape::markdown_cell;
use std::fmt::Write as _;

/// Renders `run` as Markdown.
pub fn render<X>(run: &Run<'_, X>) -> String {
    let mut m = String::new();
    let count =
        |s: crate::finding::Severity| run.findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        m,
        "### kubectl {}: {} critical, {} warning, {} info\n",
        run.plugin,
        count(crate::finding::Severity::Critical),
        count(crate::finding::Severity::Warning),
        count(crate::finding::Severity::Info)
    );
    if !run.facts.context.is_empty() {
        let _ = writeln!(
            m,
            "Context `{}`, namespace `{}`, {}.\n",
            markdown_cell(&run.facts.context),
            markdown_cell(&run.facts.namespace),
            markdown_cell(&run.facts.generated_at)
        );
    }
    for u in run.unchecked {
        let _ = writeln!(m, "> **Not checked:** {}\n", markdown_cell(&u.sentence()));
    }
    if run.findings.is_empty() {
        m.push_str("No findings.\n");
        return m;
    }
    m.push_str("| severity | check | object | message | hint |\n| --- | --- | --- | --- | --- |\n");
    for f in run.findings {
        let object = match &f.location {
            Some(l) => format!("{}:{}:{}", l.file, l.line, l.column),
            None => f.object_path(),
        };
        let _ = writeln!(
            m,
            "| {} | `{}` | {} | {} | {} |",
            f.severity.as_str(),
            markdown_cell(&f.check),
            markdown_cell(&object),
            markdown_cell(&f.message),
            markdown_cell(&f.hint)
        );
    }
    m
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn one_row_per_finding_with_cells_escaped() {
        let md = fixture::with_run("certs", render);
        assert!(
            md.starts_with("### kubectl certs: 1 critical, 1 warning, 1 info"),
            "{md}"
        );
        assert_eq!(
            md.lines().filter(|l| l.starts_with("| ")).count(),
            5,
            "header, rule and three rows: {md}"
        );
        assert!(md.contains("deploy/web.yaml:12:16"));
        assert!(md.contains("**Not checked:** section pods"));
    }
}
