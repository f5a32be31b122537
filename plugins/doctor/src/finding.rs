//! What a check reports: a finding with a stable check id, a severity, the object, the
//! evidence and a remediation hint. This is the `items` schema of `-o json`.

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

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The stable check id, e.g. `pod-crashloop`.
    pub check: String,
    /// The section the check belongs to (`nodes`, `pods`, `workloads`...).
    pub category: String,
    /// Severity.
    pub severity: Severity,
    /// The object.
    pub object: ObjectRef,
    /// What is wrong, with the evidence.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}
