//! Test support for the check modules: a snapshot at a fixed time, objects from JSON, and
//! the findings one section raises over a snapshot with every check selected.

use crate::catalog::CHECKS;
use crate::checks::{Cx, MetaIndex, Options, run_all};
use crate::finding::Severity;
use crate::snapshot::Snapshot;
use crate::suppress::Suppressions;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeSet;

/// The snapshot's clock in every check test.
pub(crate) const NOW: &str = "2026-12-02T12:00:00Z";

/// An empty snapshot taken at [`NOW`] over all namespaces.
pub(crate) fn snapshot() -> Snapshot {
    Snapshot {
        now: NOW.parse().expect("time"),
        all_namespaces: true,
        ..Default::default()
    }
}

/// A Kubernetes object from its JSON.
pub(crate) fn object<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("a valid object")
}

/// One finding, flattened for assertions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fired {
    /// The check id.
    pub check: String,
    /// The severity it was raised at.
    pub severity: Severity,
    /// `Kind/name` or `Kind/namespace/name`.
    pub object: String,
    /// The evidence.
    pub message: String,
}

/// The findings of section `category` over `snap`, with every check selected, in report order.
pub(crate) fn fired(snap: &Snapshot, category: &str) -> Vec<Fired> {
    let opts = Options::default();
    let selected: BTreeSet<&'static str> = CHECKS.iter().map(|c| c.id).collect();
    let suppress = Suppressions::default();
    let mut cx = Cx::new(snap, &opts, &selected, &suppress, MetaIndex::new());
    run_all(&mut cx);
    let (findings, _) = cx.finish();
    findings
        .into_iter()
        .filter(|f| f.category == category)
        .map(|f| Fired {
            object: f.object_path(),
            check: f.check,
            severity: f.severity,
            message: f.message,
        })
        .collect()
}

/// The check ids of [`fired`].
pub(crate) fn ids(snap: &Snapshot, category: &str) -> Vec<String> {
    fired(snap, category).into_iter().map(|f| f.check).collect()
}

/// The one finding of check `id`, or a panic listing what fired.
pub(crate) fn the(found: &[Fired], id: &str) -> Fired {
    let mut it = found.iter().filter(|f| f.check == id);
    match (it.next(), it.next()) {
        (Some(f), None) => f.clone(),
        _ => panic!("expected exactly one {id}, got {found:#?}"),
    }
}
