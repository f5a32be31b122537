//! The score: per section, the share of checked objects without problems (a critical
//! finding costs a whole object, a warning half, info nothing); overall, the mean of the
//! sections that had objects; a letter grade from the overall score.

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
}

/// The whole score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Score {
    /// 0-100, absent when nothing was scored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall: Option<u8>,
    /// A-F, or `-` when nothing was scored.
    pub grade: String,
    /// Per section.
    pub sections: Vec<Section>,
    /// How it is computed.
    pub explanation: &'static str,
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

/// Scores `findings` over the `sections` that ran.
pub fn compute(snap: &Snapshot, sections: &[&str], findings: &[Finding]) -> Score {
    let mut out = Vec::new();
    for &name in sections {
        if name == "events" {
            continue; // a digest, not a health verdict on objects
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
        });
    }
    let scored: Vec<u8> = out.iter().filter_map(|s| s.score).collect();
    let overall = (!scored.is_empty()).then(|| {
        (scored.iter().map(|s| f64::from(*s)).sum::<f64>() / scored.len() as f64).round() as u8
    });
    Score {
        overall,
        grade: overall.map(grade).unwrap_or("-").to_string(),
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
            message: String::new(),
            hint: String::new(),
        };
        let findings = vec![
            f("p1", Severity::Critical),
            f("p1", Severity::Warning),
            f("p2", Severity::Warning),
            f("p3", Severity::Info),
        ];
        let s = compute(&snap, &["pods"], &findings);
        assert_eq!(s.sections[0].score, Some(63)); // (4 - 1 - 0.5) / 4
        assert_eq!(s.overall, Some(63));
        assert_eq!(s.grade, "D");
        assert_eq!(s.sections[0].critical, 1);
        assert_eq!(s.sections[0].warning, 2);
    }
}
