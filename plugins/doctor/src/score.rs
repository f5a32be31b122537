//! The score: per section, the share of checked objects without problems (a critical
//! finding costs a whole object, a warning half, info nothing); overall, the mean of the
//! sections that had objects; a letter grade from the overall score. A section whose kinds
//! could not be listed has no score: it is "not checked" (or "partial" when only some of its
//! kinds were refused), the overall score says over which sections it was computed, and the
//! gates refuse to pass on what they could not see.

use crate::catalog::{CHECKS, Kind};
use crate::finding::{Finding, ObjectRef, Severity};
use crate::snapshot::Snapshot;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How the score is computed, printed under the table and in `-o json`.
pub const EXPLANATION: &str = "section score = share of checked objects without problems (critical costs 1 object, warning 1/2, info 0); overall = mean of the scored sections; grade A>=90 B>=80 C>=70 D>=60 E>=50 F<50";

/// One section's tally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// `nodes`, `pods`...
    pub name: String,
    /// Objects checked.
    pub objects: usize,
    /// Critical findings.
    pub critical: usize,
    /// Warning findings.
    pub warning: usize,
    /// Info findings.
    pub info: usize,
    /// 0-100, absent when nothing was checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    /// Whether its kinds could be listed.
    pub coverage: Coverage,
    /// The resources it needed that were refused (`metadata.skipped`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// How much of a section could be seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Coverage {
    /// Every kind it needs was listed.
    Complete,
    /// Some of its kinds were refused: scored over what was listed.
    Partial,
    /// None of its kinds could be listed: no score.
    NotChecked,
}

impl Coverage {
    /// As shown in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Complete => "complete",
            Coverage::Partial => "partial",
            Coverage::NotChecked => "not checked",
        }
    }
}

/// The whole score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    /// 0-100, absent when nothing was scored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall: Option<u8>,
    /// A-F, or `-` when nothing was scored.
    pub grade: String,
    /// Per section.
    pub sections: Vec<Section>,
    /// The sections the overall score is the mean of.
    pub scored_sections: Vec<String>,
    /// Sections not (fully) checked, because kinds they need were refused: a gate
    /// (`--min-score`, an explicit `--fail-on`) fails unless `--allow-partial`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub incomplete: Vec<String>,
    /// How it is computed.
    pub explanation: &'static str,
}

impl Score {
    /// One line under the table: over which sections, and what was not checked.
    pub fn coverage_line(&self) -> String {
        let mut line = format!("scored over: {}", self.scored_sections.join(", "));
        let not: Vec<String> = self
            .sections
            .iter()
            .filter(|s| s.coverage != Coverage::Complete)
            .map(|s| {
                format!(
                    "{} ({}: {})",
                    s.name,
                    s.coverage.as_str(),
                    s.missing.join(", ")
                )
            })
            .collect();
        if !not.is_empty() {
            line.push_str(&format!(
                "; not fully checked, forbidden or missing kinds: {}",
                not.join("; ")
            ));
        }
        line
    }
}

/// The grade for a score.
pub fn grade(score: u8) -> &'static str {
    match score {
        90.. => "A",
        80..=89 => "B",
        70..=79 => "C",
        60..=69 => "D",
        50..=59 => "E",
        _ => "F",
    }
}

fn len<T>(v: &Option<Vec<T>>) -> Option<usize> {
    v.as_ref().map(Vec::len)
}

fn sum(parts: &[Option<usize>]) -> Option<usize> {
    parts.iter().flatten().copied().reduce(|a, b| a + b)
}

/// Objects checked per section; `None` when nothing of that section was listed.
pub fn objects(snap: &Snapshot, section: &str) -> Option<usize> {
    match section {
        "nodes" => len(&snap.nodes),
        "pods" => len(&snap.pods),
        "workloads" => sum(&[
            len(&snap.deployments),
            len(&snap.statefulsets),
            len(&snap.daemonsets),
            len(&snap.replicasets),
            len(&snap.jobs),
            len(&snap.cronjobs),
        ]),
        "networking" => sum(&[len(&snap.services), len(&snap.ingresses)]),
        "storage" => sum(&[len(&snap.pvcs), len(&snap.pvs)]),
        "autoscaling" => sum(&[len(&snap.hpas), len(&snap.pdbs)]),
        "controlplane" => sum(&[
            len(&snap.apiservices),
            len(&snap.validating_webhooks),
            len(&snap.mutating_webhooks),
            len(&snap.namespaces),
            snap.health.as_ref().map(|_| 1),
        ]),
        "audit" => (snap.pods.is_some() || snap.deployments.is_some())
            .then(|| crate::audit::targets(snap).len()),
        _ => None,
    }
}

/// The refused resources that the `selected` checks of `section` need.
fn missing(snap: &Snapshot, section: &str, selected: &BTreeSet<&str>) -> (Vec<String>, usize) {
    let kinds: BTreeSet<Kind> = CHECKS
        .iter()
        .filter(|c| c.category == section && selected.contains(c.id))
        .flat_map(|c| c.kinds.iter().copied())
        .collect();
    let needed: BTreeSet<&str> = kinds
        .iter()
        .flat_map(|k| k.resources().iter().copied())
        .collect();
    let refused: Vec<String> = needed
        .iter()
        .filter(|r| snap.skipped.iter().any(|s| s.resource == **r))
        .map(|r| r.to_string())
        .collect();
    (refused, needed.len())
}

/// Scores `findings` over the `sections` that ran, given the `selected` checks.
pub fn compute(
    snap: &Snapshot,
    sections: &[&str],
    findings: &[Finding],
    selected: &BTreeSet<&str>,
) -> Score {
    let mut out = Vec::new();
    for &name in sections {
        if name == "events" {
            continue; // a digest, not a health verdict on objects
        }
        let (missing, needed) = missing(snap, name, selected);
        let coverage = match missing.len() {
            0 => Coverage::Complete,
            m if m < needed && objects(snap, name).is_some() => Coverage::Partial,
            _ => Coverage::NotChecked,
        };
        if coverage == Coverage::NotChecked {
            out.push(Section {
                name: name.to_string(),
                objects: 0,
                critical: 0,
                warning: 0,
                info: 0,
                score: None,
                coverage,
                missing,
            });
            continue;
        }
        let Some(n) = objects(snap, name) else {
            continue;
        };
        let mine: Vec<&Finding> = findings.iter().filter(|f| f.category == name).collect();
        let mut worst: BTreeMap<&ObjectRef, Severity> = BTreeMap::new();
        for f in &mine {
            let e = worst.entry(&f.object).or_insert(f.severity);
            *e = (*e).max(f.severity);
        }
        let crit: BTreeSet<_> = worst
            .iter()
            .filter(|(_, s)| **s == Severity::Critical)
            .map(|(o, _)| *o)
            .collect();
        let warn = worst.values().filter(|s| **s == Severity::Warning).count();
        let score = (n > 0).then(|| {
            let bad = (crit.len() as f64 + warn as f64 / 2.0).min(n as f64);
            (100.0 * (n as f64 - bad) / n as f64)
                .round()
                .clamp(0.0, 100.0) as u8
        });
        out.push(Section {
            name: name.to_string(),
            objects: n,
            critical: mine
                .iter()
                .filter(|f| f.severity == Severity::Critical)
                .count(),
            warning: mine
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count(),
            info: mine.iter().filter(|f| f.severity == Severity::Info).count(),
            score,
            coverage,
            missing,
        });
    }
    let scored: Vec<u8> = out.iter().filter_map(|s| s.score).collect();
    let overall = (!scored.is_empty()).then(|| {
        (scored.iter().map(|s| f64::from(*s)).sum::<f64>() / scored.len() as f64).round() as u8
    });
    Score {
        overall,
        grade: overall.map(grade).unwrap_or("-").to_string(),
        scored_sections: out
            .iter()
            .filter(|s| s.score.is_some())
            .map(|s| s.name.clone())
            .collect(),
        incomplete: out
            .iter()
            .filter(|s| s.coverage != Coverage::Complete)
            .map(|s| s.name.clone())
            .collect(),
        sections: out,
        explanation: EXPLANATION,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades() {
        assert_eq!(grade(100), "A");
        assert_eq!(grade(90), "A");
        assert_eq!(grade(89), "B");
        assert_eq!(grade(50), "E");
        assert_eq!(grade(0), "F");
    }

    #[test]
    fn critical_costs_one_warning_half() {
        let snap = Snapshot {
            pods: Some(vec![Default::default(); 4]),
            ..Default::default()
        };
        let f = |name: &str, sev| Finding {
            check: "x".into(),
            category: "pods".into(),
            severity: sev,
            object: ObjectRef::namespaced("Pod", Some("a"), name),
            location: None,
            message: String::new(),
            hint: String::new(),
            extra: Default::default(),
        };
        let findings = vec![
            f("p1", Severity::Critical),
            f("p1", Severity::Warning),
            f("p2", Severity::Warning),
            f("p3", Severity::Info),
        ];
        let selected: BTreeSet<&str> = CHECKS.iter().map(|c| c.id).collect();
        let s = compute(&snap, &["pods"], &findings, &selected);
        assert_eq!(s.sections[0].score, Some(63)); // (4 - 1 - 0.5) / 4
        assert_eq!(s.overall, Some(63));
        assert_eq!(s.grade, "D");
        assert_eq!(s.sections[0].critical, 1);
        assert_eq!(s.sections[0].warning, 2);
        assert!(s.incomplete.is_empty());
    }

    #[test]
    fn refused_kinds_leave_sections_unscored() {
        use crate::snapshot::Skipped;
        let refused = |r: &str| Skipped {
            resource: r.into(),
            reason: "forbidden".into(),
        };
        let snap = Snapshot {
            health: Some(vec![]),
            skipped: vec![
                refused("pods"),
                refused("nodes"),
                refused("namespaces"),
                refused("events"),
            ],
            ..Default::default()
        };
        let selected: BTreeSet<&str> = CHECKS.iter().map(|c| c.id).collect();
        let s = compute(&snap, &["nodes", "pods", "controlplane"], &[], &selected);
        let by = |n: &str| s.sections.iter().find(|x| x.name == n).expect(n);
        assert_eq!(by("pods").coverage, Coverage::NotChecked);
        assert_eq!(by("pods").score, None);
        assert_eq!(by("nodes").coverage, Coverage::NotChecked);
        assert_eq!(by("controlplane").coverage, Coverage::Partial);
        assert_eq!(s.scored_sections, vec!["controlplane".to_string()]);
        assert_eq!(s.incomplete.len(), 3);
        assert!(
            s.coverage_line()
                .contains("pods (not checked: events, pods)"),
            "{}",
            s.coverage_line()
        );
    }
}
