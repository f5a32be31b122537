//! What a check reports: a finding with a stable check id, a severity, the object, the
//! evidence and a remediation hint. This is the `items` schema of `-o json`.

use serde::{Deserialize, Serialize};

pub use shared::finding::{ObjectRef, Severity};

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
