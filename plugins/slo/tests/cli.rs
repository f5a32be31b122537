//! Black-box tests of the `kubectl-slo` binary that need no Prometheus: bad input gets one
//! error line with file:line:col, a hint and a documented exit code; validate's findings in
//! every format (SARIF against the 2.1.0 schema); generate's outputs; the check list.

use std::path::PathBuf;
use testcluster::testing::{Run, run_plugin, sarif_problems};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-slo"))
}

fn slo(args: &[&str]) -> Run {
    run_plugin(&bin(), args, &[])
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).expect("write");
    p.display().to_string()
}

const BROKEN: &str = "apiVersion: slo.sre-toolkit.io/v1alpha1
kind: SLO
metadata: {name: availability}
spec:
  service: checkout
  objective: 100
  window: 30d
  sli:
    ratio:
      errors: http_requests_total{code=~\"5..\"
      total: http_requests_total
";

/// Pyrra and OpenSLO files validate (their formats have no runbook, the only finding), and
/// `convert` writes them, Sloth's and ours as our format with the same meaning: the
/// converted file generates byte-for-byte the rules the original does, in both styles.
#[test]
fn every_format_converts_to_ours_and_generates_the_same_rules() {
    let others = [fixture("pyrra.yaml"), fixture("openslo.yaml")];
    let mut args = vec!["validate", "-o", "json"];
    args.extend(others.iter().map(String::as_str));
    let r = slo(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let checks: std::collections::BTreeSet<String> = r.json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|f| f["check"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(checks, ["no-runbook".to_string()].into());
    let dir = tempfile::tempdir().expect("tmp");
    for f in [
        "checkout.yaml",
        "sloth.yaml",
        "sloth-crd.yaml",
        "pyrra.yaml",
        "openslo.yaml",
    ] {
        let c = slo(&["convert", &fixture(f)]);
        assert_eq!(c.code, 0, "{f}: {}", c.stderr);
        assert!(
            c.stdout.contains("apiVersion: slo.sre-toolkit.io/v1alpha1"),
            "{f}"
        );
        let converted = write(&dir, f, &c.stdout);
        for style in ["sre-toolkit", "sloth"] {
            let a = slo(&["generate", "--rule-style", style, &fixture(f)]);
            let b = slo(&["generate", "--rule-style", style, &converted]);
            assert_eq!((a.code, b.code), (0, 0), "{f}: {}{}", a.stderr, b.stderr);
            assert_eq!(
                a.stdout, b.stdout,
                "{f} ({style}) generates other rules once converted"
            );
        }
    }
}

#[test]
fn valid_fixtures_raise_nothing() {
    let files = [
        fixture("checkout.yaml"),
        fixture("sloth.yaml"),
        fixture("sloth-crd.yaml"),
    ];
    let mut args = vec!["validate", "-o", "json"];
    args.extend(files.iter().map(String::as_str));
    let r = slo(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["apiVersion"], "slo.sre-toolkit.io/v1alpha1");
    assert_eq!(j["kind"], "FindingList");
    assert_eq!(j["items"], serde_json::json!([]));
}

#[test]
fn validate_names_each_problem_at_its_line_in_every_format() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = write(&dir, "broken.yaml", BROKEN);
    let r = slo(&["validate", &file, "-o", "json"]);
    assert_eq!(r.code, 1, "critical findings fail: {}", r.stderr);
    let items = r.json()["items"].as_array().cloned().unwrap_or_default();
    let found: Vec<(String, u64)> = items
        .iter()
        .map(|f| {
            (
                f["check"].as_str().unwrap_or_default().to_string(),
                f["location"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert!(
        found.contains(&("objective-out-of-range".into(), 6)),
        "{found:?}"
    );
    assert!(found.contains(&("promql-invalid".into(), 10)), "{found:?}");
    assert!(found.contains(&("no-runbook".into(), 1)), "{found:?}");
    let table = slo(&["validate", &file]);
    assert!(
        table.stdout.contains(&format!("{file}:6:")),
        "{}",
        table.stdout
    );
    let sarif = slo(&["validate", &file, "-o", "sarif"]);
    let doc = sarif.json();
    assert_eq!(sarif_problems(&doc), Vec::<String>::new());
    let loc = &doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert!(loc["region"]["startLine"].as_u64().is_some(), "{loc}");
    let junit = slo(&["validate", &file, "-o", "junit"]);
    assert!(junit.stdout.contains("<testsuites") && junit.stdout.contains("promql-invalid"));
    let warn_only = slo(&["validate", &fixture("checkout.yaml"), "--fail-on", "info"]);
    assert_eq!(warn_only.code, 0, "{}", warn_only.stderr);
}

#[test]
fn reading_errors_are_one_line_with_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let typo = write(
        &dir,
        "typo.yaml",
        &BROKEN.replace("  window: 30d", "  windw: 30d"),
    );
    let r = slo(&["generate", &typo]);
    assert_eq!(r.code, 2);
    let line = r.one_error_line();
    assert!(
        line.contains("typo.yaml:7:") && line.contains("windw"),
        "{line}"
    );
    let r = slo(&["generate", &write(&dir, "broken.yaml", BROKEN)]);
    assert_eq!(r.code, 2, "generate refuses what validate finds critical");
    assert!(
        r.one_error_line().contains("broken.yaml:6:"),
        "{}",
        r.stderr
    );
    let r = slo(&["generate", "/nonexistent/slo.yaml"]);
    assert_eq!(r.code, 2);
    assert!(r.one_error_line().contains("/nonexistent/slo.yaml"));
    let r = slo(&[
        "generate",
        &write(
            &dir,
            "deploy.yaml",
            "apiVersion: apps/v1\nkind: Deployment\n",
        ),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.one_error_line().contains("not an SLO document"));
}

#[test]
fn generate_writes_rules_a_prometheus_rule_and_inhibit_rules() {
    let rules = slo(&["generate", &fixture("checkout.yaml")]);
    assert_eq!(rules.code, 0, "{}", rules.stderr);
    assert!(rules.stdout.starts_with("groups:"), "{}", rules.stdout);
    assert!(
        rules.stderr.contains("factor-floored"),
        "the 28-day and 7-day SLOs' ticket factors are raised to 1: {}",
        rules.stderr
    );
    let cr = slo(&[
        "generate",
        &fixture("checkout.yaml"),
        "--emit",
        "prometheus-rule",
        "-n",
        "monitoring",
    ]);
    assert!(cr.stdout.contains("kind: PrometheusRule"), "{}", cr.stdout);
    assert!(cr.stdout.contains("namespace: monitoring"));
    assert!(cr.stdout.contains("name: slo-checkout"));
    let inhibit = slo(&["generate", &fixture("checkout.yaml"), "--inhibit-rules"]);
    assert!(inhibit.stdout.contains("inhibit_rules:"));
    assert!(
        inhibit.stdout.contains("slo_tier=\\\"page\\\"")
            || inhibit.stdout.contains("slo_tier=\"page\""),
        "{}",
        inhibit.stdout
    );
    let sloth = slo(&["generate", &fixture("sloth.yaml"), "--rule-style", "sloth"]);
    assert!(
        sloth.stdout.contains("sloth_severity: page"),
        "{}",
        sloth.stdout
    );
    assert!(
        sloth
            .stdout
            .contains("name: sloth-slo-sli-recordings-myservice-requests-availability")
    );
}

#[test]
fn formats_a_command_cannot_write_are_usage_errors() {
    let r = slo(&["test", &fixture("checkout.yaml"), "-o", "sarif"]);
    assert_eq!(r.code, 2);
    assert!(r.one_error_line().contains("cannot write -o sarif"));
    let r = slo(&["checks", "-o", "junit"]);
    assert_eq!(r.code, 2);
    let c = slo(&["checks", "-o", "json"]);
    assert_eq!(c.code, 0);
    let ids: Vec<String> = c.json()["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["id"].as_str().map(String::from))
        .collect();
    assert!(
        ids.contains(&"promql-invalid".to_string())
            && ids.contains(&"budget-exhausted".to_string())
    );
}

#[test]
fn report_needs_a_reachable_prometheus() {
    let r = slo(&["report", &fixture("checkout.yaml")]);
    assert_eq!(r.code, 2);
    assert!(r.one_error_line().contains("needs --prometheus"));
    let r = slo(&[
        "report",
        &fixture("checkout.yaml"),
        "--prometheus",
        "ftp://x",
    ]);
    assert_eq!(r.code, 2);
    let port = testcluster::prometheus::free_port();
    let url = format!("http://127.0.0.1:{port}");
    let r = slo(&["report", &fixture("checkout.yaml"), "--prometheus", &url]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.one_error_line().contains(&url), "{}", r.stderr);
    let r = slo(&[
        "report",
        &fixture("checkout.yaml"),
        "--prometheus",
        &url,
        "--at",
        "yesterday",
    ]);
    assert_eq!(r.code, 2);
}

#[test]
fn dashboards_are_one_per_slo_and_several_need_a_directory() {
    let dir = tempfile::tempdir().expect("tmp");
    let many = slo(&["generate", &fixture("checkout.yaml"), "--emit", "grafana"]);
    assert_eq!(many.code, 2, "{}", many.stderr);
    assert!(many.stderr.contains("--out-dir"), "{}", many.stderr);
    let out = dir.path().join("boards");
    let out_arg = out.display().to_string();
    let r = slo(&[
        "generate",
        &fixture("checkout.yaml"),
        "--emit",
        "grafana",
        "--out-dir",
        &out_arg,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    for f in &files {
        let text = std::fs::read_to_string(out.join(f)).expect("board");
        let board: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert_eq!(board["schemaVersion"], 39, "{f}");
        assert!(f.starts_with("checkout-") && f.ends_with(".json"), "{f}");
    }
    let misplaced = slo(&["generate", &fixture("checkout.yaml"), "--out-dir", &out_arg]);
    assert_eq!(misplaced.code, 2, "{}", misplaced.stderr);
}
