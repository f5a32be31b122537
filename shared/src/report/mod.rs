//! The report layer every findings plugin writes through, without any cluster I/O: what a
//! run produced ([`Run`]: the catalogue, the findings, the run's facts, what could not be
//! checked) and the renderers for CI and people: JUnit XML ([`junit`]), SARIF 2.1.0
//! ([`sarif`]), Markdown ([`markdown`]), the findings table ([`table`]) and one
//! self-contained HTML page ([`html`]) with inline charts ([`svg`]), all
//! escaping through [`escape`]. The JSON/YAML envelope is [`crate::output::List`].

pub mod escape;
pub mod html;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod svg;
pub mod table;

use crate::finding::{CheckInfo, Finding};
use serde::Serialize;

/// Facts about a run, shown in every format.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Facts {
    /// Kubeconfig context (empty when no cluster was read).
    pub context: String,
    /// API server URL.
    pub server: String,
    /// Namespace scope, `*` for all namespaces.
    pub namespace: String,
    /// RFC 3339.
    pub generated_at: String,
    /// Wall time.
    pub duration_seconds: f64,
}

/// A section (or source) that could not be checked, or only in part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unchecked {
    /// Section name.
    pub section: String,
    /// `not checked` or `partial`.
    pub status: String,
    /// What could not be read (resources, sources).
    pub missing: Vec<String>,
}

impl Unchecked {
    /// `section pods not checked: could not list pods, events`.
    pub fn sentence(&self) -> String {
        format!(
            "section {} {}: could not list {}",
            self.section,
            self.status,
            self.missing.join(", ")
        )
    }
}

/// Everything a renderer needs of a run.
#[derive(Debug, Clone)]
pub struct Run<'a, X = crate::finding::NoExtra> {
    /// The plugin's name: `doctor` (the binary is `kubectl-doctor`).
    pub plugin: &'a str,
    /// The whole catalogue (SARIF rules).
    pub checks: &'a [CheckInfo],
    /// The ids that ran (JUnit passing cases); empty means every check of the catalogue.
    pub selected: &'a [&'a str],
    /// The findings, in report order.
    pub findings: &'a [Finding<X>],
    /// Facts.
    pub facts: &'a Facts,
    /// What could not be checked.
    pub unchecked: &'a [Unchecked],
    /// More run properties for SARIF (e.g. the score).
    pub properties: serde_json::Value,
}

impl<X> Run<'_, X> {
    /// The checks that ran.
    pub fn ran(&self) -> impl Iterator<Item = &CheckInfo> {
        self.checks
            .iter()
            .filter(|c| self.selected.is_empty() || self.selected.contains(&c.id))
    }

    /// The sections of the checks that ran, in catalogue order.
    pub fn sections(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in self.ran() {
            if !out.contains(&c.category) {
                out.push(c.category);
            }
        }
        for f in self.findings {
            if !out.contains(&f.category.as_str()) {
                out.push(&f.category);
            }
        }
        out
    }
}

#[cfg(test)]
pub(crate) mod fixture {
    //! A constructed run for the renderers' unit tests.
    use super::*;
    use crate::finding::{ObjectRef, Severity, SourceLocation};

    pub const CHECKS: &[CheckInfo] = &[
        CheckInfo {
            id: "node-not-ready",
            category: "nodes",
            severity: Severity::Critical,
            title: "Node not Ready",
        },
        CheckInfo {
            id: "node-cordoned",
            category: "nodes",
            severity: Severity::Info,
            title: "Node cordoned",
        },
        CheckInfo {
            id: "pod-crashloop",
            category: "pods",
            severity: Severity::Critical,
            title: "Crash loop",
        },
        CheckInfo {
            id: "manifest-latest",
            category: "images",
            severity: Severity::Warning,
            title: "Image :latest",
        },
    ];

    pub fn findings() -> Vec<Finding> {
        let f = |check: &str, category: &str, object: ObjectRef, severity| Finding {
            check: check.into(),
            category: category.into(),
            severity,
            object,
            location: None,
            message: "<b>\"bad\"</b> & 'worse'\u{7}".into(),
            hint: "fix it".into(),
            extra: Default::default(),
        };
        let mut located = f(
            "manifest-latest",
            "images",
            ObjectRef::namespaced("Deployment", Some("shop"), "web"),
            Severity::Warning,
        );
        located.location = Some(SourceLocation {
            file: "deploy/web.yaml".into(),
            line: 12,
            column: 16,
            end_line: None,
        });
        vec![
            f(
                "node-not-ready",
                "nodes",
                ObjectRef::cluster("Node", "n1"),
                Severity::Critical,
            ),
            f(
                "node-cordoned",
                "nodes",
                ObjectRef::cluster("Node", "n2"),
                Severity::Info,
            ),
            located,
        ]
    }

    pub fn facts() -> Facts {
        Facts {
            context: "test".into(),
            server: "https://127.0.0.1:6443".into(),
            namespace: "*".into(),
            generated_at: "2026-12-02T00:00:00Z".into(),
            duration_seconds: 0.25,
        }
    }

    pub fn unchecked() -> Vec<Unchecked> {
        vec![Unchecked {
            section: "pods".into(),
            status: "not checked".into(),
            missing: vec!["pods".into(), "events".into()],
        }]
    }

    /// Calls `render` with the fixture's run of `plugin`.
    pub fn with_run<T>(plugin: &str, render: impl FnOnce(&Run<'_>) -> T) -> T {
        let (findings, facts, unchecked) = (findings(), facts(), unchecked());
        render(&Run {
            plugin,
            checks: CHECKS,
            selected: &[],
            findings: &findings,
            facts: &facts,
            unchecked: &unchecked,
            properties: serde_json::json!({"score": 80}),
        })
    }
}
