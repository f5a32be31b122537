//! The vocabulary every plugin's findings share: a [`Severity`], the object a finding is
//! about ([`ObjectRef`]), the [`Finding`] itself and the catalogue entry of a check
//! ([`CheckInfo`]), and the `--fail-on` gate ([`FailOn`]) that turns findings into exit
//! code 1.

use serde::{Deserialize, Serialize};

/// How bad a finding is. Ordered: `Info < Warning < Critical`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; does not lower the score.
    Info,
    /// Degraded or risky; lowers the score by half an object.
    Warning,
    /// Broken now; lowers the score by a whole object.
    Critical,
}

impl Severity {
    /// Lower-case name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }

    /// The name, coloured for `styles` (red, yellow, blue).
    pub fn styled(self, styles: crate::term::Styles) -> String {
        match self {
            Severity::Critical => styles.critical(self.as_str()),
            Severity::Warning => styles.warning(self.as_str()),
            Severity::Info => styles.info(self.as_str()),
        }
    }
}

/// The object a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ObjectRef {
    /// Kind, e.g. `Pod`.
    pub kind: String,
    /// Namespace; absent for cluster-scoped objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Name.
    pub name: String,
}

impl ObjectRef {
    /// A namespaced object.
    pub fn namespaced(kind: &str, namespace: Option<&str>, name: &str) -> Self {
        Self {
            kind: kind.to_string(),
            namespace: namespace.map(str::to_string),
            name: name.to_string(),
        }
    }

    /// A cluster-scoped object.
    pub fn cluster(kind: &str, name: &str) -> Self {
        Self::namespaced(kind, None, name)
    }

    /// `kind/name`, as kubectl prints names.
    pub fn kind_name(&self) -> String {
        format!("{}/{}", self.kind.to_lowercase(), self.name)
    }
}

/// Where in a file a finding points (linters; absent for live cluster objects).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceLocation {
    /// The file, relative to where the tool ran (or `<stdin>`).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// Last line of the region, when it spans several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
}

/// No plugin-specific fields: the [`Finding`] of most plugins.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NoExtra {}

/// One problem found, the same in every plugin: a stable check id, the section it belongs
/// to, a severity, the object, an optional file location, what is wrong (with the evidence)
/// and what to do. `X` carries a plugin's own fields, flattened into the same JSON object
/// (certs: the Secret key and the certificate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding<X = NoExtra> {
    /// The stable check id, e.g. `pod-crashloop`.
    pub check: String,
    /// The section or category the check belongs to.
    pub category: String,
    /// Severity.
    pub severity: Severity,
    /// The object.
    pub object: ObjectRef,
    /// Where in a file, for findings about files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<SourceLocation>,
    /// What is wrong, with the evidence.
    pub message: String,
    /// What to do about it.
    pub hint: String,
    /// The plugin's own fields.
    #[serde(flatten)]
    pub extra: X,
}

impl<X> Finding<X> {
    /// `Kind/namespace/name` (or `Kind/name`), the object's path in reports.
    pub fn object_path(&self) -> String {
        match &self.object.namespace {
            Some(ns) => format!("{}/{}/{}", self.object.kind, ns, self.object.name),
            None => format!("{}/{}", self.object.kind, self.object.name),
        }
    }
}

/// A check as a catalogue lists it and the renderers describe it (SARIF rules, JUnit cases).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CheckInfo {
    /// Stable id.
    pub id: &'static str,
    /// Section or category.
    pub category: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// What it finds, in one line.
    pub title: &'static str,
}

/// When findings make the exit code 1 (`--fail-on`).
#[derive(clap::ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FailOn {
    /// Any critical finding.
    #[default]
    Critical,
    /// Any warning or critical finding.
    Warning,
    /// Any finding at all.
    Info,
    /// Never.
    Never,
}

impl FailOn {
    /// The lowest severity that fails, or `None` for [`FailOn::Never`].
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Critical => Some(Severity::Critical),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }

    /// Whether any of `severities` fails the gate.
    pub fn fails(self, severities: impl IntoIterator<Item = Severity>) -> bool {
        self.threshold()
            .is_some_and(|t| severities.into_iter().any(|s| s >= t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_gates_by_severity() {
        assert!(FailOn::Critical.fails([Severity::Info, Severity::Critical]));
        assert!(!FailOn::Critical.fails([Severity::Warning]));
        assert!(FailOn::Warning.fails([Severity::Warning]));
        assert!(FailOn::Info.fails([Severity::Info]));
        assert!(!FailOn::Never.fails([Severity::Critical]));
        assert!(!FailOn::Info.fails([]));
    }
}
