//! What a check reports: the suite's [`shared::finding::Finding`] (a stable check id, the
//! section, a severity, the object, the evidence and a remediation hint), with no fields of
//! doctor's own. This is the `items` schema of `-o json`.

pub use shared::finding::{ObjectRef, Severity};

/// One problem found.
pub type Finding = shared::finding::Finding;
