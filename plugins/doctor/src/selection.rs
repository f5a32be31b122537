//! Which checks a run executes: the view's sections narrowed by `--checks` and `--skip`
//! (ids or section names), and the kinds the collection pass must list for them.

use crate::catalog::{CATEGORIES, CHECKS, Kind};
use crate::cli::{DoctorArgs, View};
use shared::error::Error;
use std::collections::BTreeSet;

/// The check ids that `names` (ids or sections) of `flag` stand for; unknown names are a
/// usage error.
fn expand(names: &[String], flag: &str) -> Result<BTreeSet<&'static str>, Error> {
    let mut out = BTreeSet::new();
    for n in names.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let hits: Vec<&'static str> = CHECKS
            .iter()
            .filter(|c| c.id == n || c.category == n)
            .map(|c| c.id)
            .collect();
        if hits.is_empty() {
            return Err(Error::usage(
                format!("{flag}: unknown check or section {n:?}"),
                format!(
                    "sections: {}; list checks with `kubectl doctor checks`",
                    CATEGORIES.join(", ")
                ),
            ));
        }
        out.extend(hits);
    }
    Ok(out)
}

/// The checks a view runs, narrowed by `--checks` and `--skip`.
pub fn select(view: Option<&View>, args: &DoctorArgs) -> Result<BTreeSet<&'static str>, Error> {
    let in_view = |category: &str| match view {
        Some(View::Healthcheck(_)) => {
            matches!(category, "nodes" | "pods" | "workloads" | "controlplane")
        }
        Some(View::Diagnostics(_)) => category != "audit",
        Some(View::Audit(_)) => category == "audit",
        _ => true,
    };
    let mut selected: BTreeSet<&'static str> = CHECKS
        .iter()
        .filter(|c| in_view(c.category))
        .map(|c| c.id)
        .collect();
    if !args.checks.is_empty() {
        let only = expand(&args.checks, "--checks")?;
        selected.retain(|id| only.contains(id));
    }
    for id in expand(&args.skip, "--skip")? {
        selected.remove(id);
    }
    Ok(selected)
}

/// The kinds the selected checks need listed.
pub fn kinds_for(selected: &BTreeSet<&'static str>) -> BTreeSet<Kind> {
    CHECKS
        .iter()
        .filter(|c| selected.contains(c.id))
        .flat_map(|c| c.kinds.iter().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_select_sections_and_flags_narrow_them() {
        let args = |checks: &[&str], skip: &[&str]| DoctorArgs {
            checks: checks.iter().map(|s| s.to_string()).collect(),
            skip: skip.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let all = select(None, &args(&[], &[])).expect("ok");
        assert_eq!(all.len(), CHECKS.len());
        let audit = select(Some(&View::Audit(DoctorArgs::default())), &args(&[], &[])).expect("ok");
        assert!(audit.iter().all(|id| id.starts_with("audit-")));
        let only = select(None, &args(&["pods"], &["pod-restarts"])).expect("ok");
        assert!(
            only.contains("pod-crashloop")
                && !only.contains("pod-restarts")
                && !only.contains("node-not-ready")
        );
        assert!(select(None, &args(&["bogus"], &[])).is_err());
    }
}
