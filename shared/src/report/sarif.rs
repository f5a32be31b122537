//! SARIF 2.1.0 as GitHub code scanning takes it: one rule per check, one result per
//! finding with a physical location (the finding's file, line and column; for a cluster
//! object a stable artifact URI naming it, line 1, as cluster scanners do), the object as a
//! logical location, and `partialFingerprints` stable across runs. Sections that could not
//! be checked are tool execution notifications.

use super::Run;
use crate::finding::{Finding, Severity};
use serde::Serialize;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The artifact URI of a cluster object: `k8s/<namespace>/<Kind>/<name>`, or
/// `k8s/_cluster/<Kind>/<name>` for cluster-scoped objects.
pub fn artifact_uri<X>(f: &Finding<X>) -> String {
    let seg = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-._".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    format!(
        "k8s/{}/{}/{}",
        seg(f.object.namespace.as_deref().unwrap_or("_cluster")),
        seg(&f.object.kind),
        seg(&f.object.name)
    )
}

/// A fingerprint that stays the same while a finding lasts: check, object and file, not the
/// message (which carries counts and ages). FNV-1a 64, hex.
pub fn fingerprint<X>(f: &Finding<X>) -> String {
    let key = format!(
        "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
        f.check,
        f.object.kind,
        f.object.namespace.as_deref().unwrap_or(""),
        f.object.name,
        f.location.as_ref().map(|l| l.file.as_str()).unwrap_or("")
    );
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn location<X>(f: &Finding<X>) -> serde_json::Value {
    let physical = match &f.location {
        Some(l) => {
            let mut region =
                serde_json::json!({"startLine": l.line.max(1), "startColumn": l.column.max(1)});
            if let Some(end) = l.end_line {
                region["endLine"] = end.max(l.line).into();
            }
            serde_json::json!({"artifactLocation": {"uri": l.file}, "region": region})
        }
        None => {
            serde_json::json!({"artifactLocation": {"uri": artifact_uri(f)}, "region": {"startLine": 1}})
        }
    };
    serde_json::json!({
        "physicalLocation": physical,
        "logicalLocations": [{"name": f.object.name, "fullyQualifiedName": f.object_path(), "kind": "resource"}]
    })
}

/// Renders `run` as a SARIF 2.1.0 log.
pub fn render<X: Serialize>(run: &Run<'_, X>) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = run
        .checks
        .iter()
        .map(|c| {
            serde_json::json!({
                "id": c.id, "name": c.id, "shortDescription": {"text": c.title},
                "properties": {"category": c.category},
                "defaultConfiguration": {"level": level(c.severity)}
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = run
        .findings
        .iter()
        .map(|f| {
            let print = fingerprint(f);
            serde_json::json!({
                "ruleId": f.check,
                "level": level(f.severity),
                "message": {"text": format!("{} (hint: {})", f.message, f.hint)},
                "locations": [location(f)],
                "partialFingerprints": {"primaryLocationLineHash": format!("{print}:1"), "sreToolkitFinding/v1": print},
                "properties": {"kind": f.object.kind, "namespace": f.object.namespace, "severity": f.severity}
            })
        })
        .collect();
    let notifications: Vec<serde_json::Value> = run
        .unchecked
        .iter()
        .map(|u| serde_json::json!({"level": "warning", "message": {"text": u.sentence()}}))
        .collect();
    let mut properties =
        serde_json::json!({"context": run.facts.context, "namespace": run.facts.namespace});
    if let (Some(p), Some(extra)) = (properties.as_object_mut(), run.properties.as_object()) {
        p.extend(extra.clone());
    }
    serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": format!("kubectl-{}", run.plugin), "version": crate::VERSION,
                                "informationUri": "https://github.com/sre-toolkit/sre-toolkit", "rules": rules}},
            "results": results,
            "invocations": [{"executionSuccessful": true, "toolExecutionNotifications": notifications}],
            "properties": properties
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn results_carry_locations_and_stable_fingerprints() {
        let doc = fixture::with_run("doctor", render);
        let findings = fixture::findings();
        let results = doc["runs"][0]["results"].as_array().expect("results");
        assert_eq!(results.len(), 3);
        let loc = |i: usize| &results[i]["locations"][0]["physicalLocation"];
        assert_eq!(loc(0)["artifactLocation"]["uri"], "k8s/_cluster/Node/n1");
        assert_eq!(loc(0)["region"]["startLine"], 1);
        assert_eq!(loc(2)["artifactLocation"]["uri"], "deploy/web.yaml");
        assert_eq!(loc(2)["region"]["startColumn"], 16);
        let mut again = findings[0].clone();
        again.message = "n1 NotReady for 2h".into();
        assert_eq!(fingerprint(&again), fingerprint(&findings[0]));
        assert_ne!(fingerprint(&findings[0]), fingerprint(&findings[1]));
        assert_eq!(doc["runs"][0]["properties"]["score"], 80);
        assert_eq!(
            doc["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
            "section pods not checked: could not list pods, events"
        );
    }
}
