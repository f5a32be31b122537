//! `kubectl slo convert`: any SLO the suite reads (Sloth, Pyrra, OpenSLO, ours) written as
//! our `slo.sre-toolkit.io/v1alpha1` kind `SLO`, with nothing lost: SLIs are written as
//! whole queries (`sli.events` or `sli.errorRatio`, `{{.window}}` where the range goes),
//! so the converted file generates the same rules as the original.

use crate::load::API_VERSION;
use crate::rules::num;
use crate::spec::{Sli, Slo, Window};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

fn map(m: &BTreeMap<String, String>) -> Value {
    Value::Object(m.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
}

/// The labels and annotations a tier adds over the defaults.
fn tier(
    labels: &BTreeMap<String, String>,
    default_severity: &str,
    annotations: &BTreeMap<String, String>,
) -> Option<Value> {
    let mut extra = labels.clone();
    if extra.get("severity").map(String::as_str) == Some(default_severity) {
        extra.remove("severity");
    }
    let mut t = Map::new();
    if !extra.is_empty() {
        t.insert("labels".into(), map(&extra));
    }
    if !annotations.is_empty() {
        t.insert("annotations".into(), map(annotations));
    }
    (!t.is_empty()).then_some(Value::Object(t))
}

/// One SLO as our document.
pub fn document(slo: &Slo) -> Value {
    let sli = match &slo.sli {
        Sli::Events { errors, total } => {
            json!({"events": {"errors": errors.text, "total": total.text}})
        }
        Sli::Ratio { ratio } => json!({"errorRatio": ratio.text}),
    };
    let mut spec = Map::new();
    spec.insert("service".into(), json!(slo.service));
    if !slo.description.is_empty() {
        spec.insert("description".into(), json!(slo.description));
    }
    let objective: f64 = num(slo.objective * 100.0)
        .parse()
        .unwrap_or(slo.objective * 100.0);
    spec.insert("objective".into(), json!(objective));
    spec.insert(
        "window".into(),
        json!(match slo.window {
            Window::Rolling { days } => format!("{days}d"),
            Window::CalendarMonth => "calendar-month".to_string(),
        }),
    );
    spec.insert("sli".into(), sli);
    if !slo.group_by.is_empty() {
        spec.insert("groupBy".into(), json!(slo.group_by));
    }
    if let Some(p) = &slo.budget_policy {
        spec.insert("budgetPolicy".into(), json!(p));
    }
    let a = &slo.alerting;
    let mut alerting = Map::new();
    if !a.enabled {
        alerting.insert("enabled".into(), json!(false));
    }
    alerting.insert("name".into(), json!(a.name));
    if !a.labels.is_empty() {
        alerting.insert("labels".into(), map(&a.labels));
    }
    if !a.annotations.is_empty() {
        alerting.insert("annotations".into(), map(&a.annotations));
    }
    if let Some(t) = tier(&a.page_labels, "critical", &a.page_annotations) {
        alerting.insert("page".into(), t);
    }
    if let Some(t) = tier(&a.ticket_labels, "warning", &a.ticket_annotations) {
        alerting.insert("ticket".into(), t);
    }
    if a.min_events > 0 {
        alerting.insert("minEvents".into(), json!(a.min_events));
    }
    spec.insert("alerting".into(), Value::Object(alerting));
    let mut metadata = Map::new();
    metadata.insert("name".into(), json!(slo.name));
    if !slo.labels.is_empty() {
        metadata.insert("labels".into(), map(&slo.labels));
    }
    json!({
        "apiVersion": API_VERSION,
        "kind": "SLO",
        "metadata": metadata,
        "spec": spec,
    })
}

/// Every SLO as one multi-document YAML file, each headed by where it came from.
pub fn to_yaml(slos: &[Slo]) -> String {
    slos.iter()
        .map(|s| {
            let from =
                s.at.as_ref()
                    .map(|l| format!("# from {}:{} ({})\n", l.file, l.line, s.format))
                    .unwrap_or_default();
            format!(
                "{from}{}",
                serde_saphyr::to_string(&document(s)).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("---\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strips what only says where a thing was written.
    fn meaning(mut s: Slo) -> Slo {
        s.at = None;
        s.objective_at = None;
        s.format = "";
        s.objective = (s.objective * 1e9).round() / 1e9;
        for t in match &mut s.sli {
            Sli::Events { errors, total } => vec![errors, total],
            Sli::Ratio { ratio } => vec![ratio],
        } {
            t.at = None;
        }
        s
    }

    #[test]
    fn every_format_converts_to_ours_and_reads_back_the_same() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        for f in [
            "checkout.yaml",
            "sloth.yaml",
            "sloth-crd.yaml",
            "pyrra.yaml",
            "openslo.yaml",
        ] {
            let path = format!("{root}/{f}");
            let text = std::fs::read_to_string(&path).expect("fixture");
            let original = crate::load::parse(&text, f).expect("parses");
            let converted = to_yaml(&original);
            let back = crate::load::parse(&converted, "converted.yaml")
                .unwrap_or_else(|e| panic!("{f}: {e}\n{converted}"));
            assert_eq!(original.len(), back.len(), "{f}");
            for (a, b) in original.into_iter().zip(back) {
                assert_eq!(meaning(a), meaning(b), "{f}\n{converted}");
            }
        }
    }
}
