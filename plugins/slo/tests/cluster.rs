//! `kubectl slo apply` on the real local control plane: refused while the cluster serves no
//! PrometheusRule; once prometheus-operator's own CRD is installed (fetched from its Go
//! module by scripts/lib/prereqs.sh), the rules are server-side-applied and the API server's
//! schema validation accepts them, a rerun updates in place, a dry run stores nothing, and a
//! user who may not write PrometheusRules gets exit 4.

use std::path::PathBuf;
use testcluster::testing::{Run, run_plugin};

fn slo(args: &[&str]) -> Run {
    run_plugin(&PathBuf::from(env!("CARGO_BIN_EXE_kubectl-slo")), args, &[])
}

fn kubectl(kubeconfig: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new("kubectl")
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .args(args)
        .output()
        .expect("kubectl")
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

const CRD: &str = "prometheusrules.monitoring.coreos.com";

#[tokio::test]
async fn apply_writes_a_prometheus_rule_only_where_the_crd_is_served() {
    let Some(env) = testcluster::testing::env().await else {
        return;
    };
    let crd = testcluster::testing::prometheus_rule_crd();
    if !testcluster::testing::require_tool(
        crd.exists(),
        "prometheus-operator's PrometheusRule CRD",
        "scripts/test.sh (ensure_prometheus_rule_crd)",
    ) {
        return;
    }
    let kc = env.kubeconfig.display().to_string();
    let ns = env.namespace("slo-apply").await;
    let file = fixture("checkout.yaml");
    let base = |context: &'static str| -> Vec<String> {
        [
            "apply",
            file.as_str(),
            "--kubeconfig",
            kc.as_str(),
            "--context",
            context,
            "-n",
            ns.name.as_str(),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let run = |args: Vec<String>, extra: &[&str]| {
        let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
        a.extend_from_slice(extra);
        slo(&a)
    };

    // No CRD (removed if an earlier run on this cluster left it): refused, exit 2.
    let _ = kubectl(
        &kc,
        &["delete", "crd", CRD, "--ignore-not-found", "--wait=true"],
    );
    let refused = testcluster::testing::eventually(
        "the API server to stop serving PrometheusRule",
        std::time::Duration::from_secs(30),
        || async {
            let r = run(base("admin"), &[]);
            (r.code == 2).then_some(r)
        },
    )
    .await;
    assert!(
        refused.stderr.contains("serves no PrometheusRule"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("hint:"), "{}", refused.stderr);

    // The operator's own CRD: applied, then accepted by its schema.
    let created = kubectl(
        &kc,
        &["apply", "--server-side", "-f", &crd.display().to_string()],
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let est = kubectl(
        &kc,
        &[
            "wait",
            "--for=condition=Established",
            &format!("crd/{CRD}"),
            "--timeout=60s",
        ],
    );
    assert!(
        est.status.success(),
        "{}",
        String::from_utf8_lossy(&est.stderr)
    );
    let applied = testcluster::testing::eventually(
        "the PrometheusRule to be applied",
        std::time::Duration::from_secs(30),
        || async {
            let r = run(base("admin"), &["-o", "json"]);
            (r.code == 0).then_some(r)
        },
    )
    .await;
    let j = applied.json();
    assert_eq!(j["kind"], "ApplyResult");
    assert_eq!(
        j["object"],
        "prometheusrule.monitoring.coreos.com/slo-checkout"
    );
    assert_eq!(j["dryRun"], false);
    let groups = j["groups"].as_u64().unwrap_or_default();
    assert!(groups >= 9, "{j}");
    let got = kubectl(
        &kc,
        &[
            "get",
            "prometheusrule",
            "slo-checkout",
            "-n",
            &ns.name,
            "-o",
            "json",
            "--show-managed-fields",
        ],
    );
    assert!(
        got.status.success(),
        "{}",
        String::from_utf8_lossy(&got.stderr)
    );
    let obj: serde_json::Value = serde_json::from_slice(&got.stdout).expect("json");
    assert_eq!(
        obj["spec"]["groups"].as_array().map(Vec::len),
        Some(groups as usize)
    );
    assert_eq!(
        obj["metadata"]["labels"]["app.kubernetes.io/managed-by"],
        "kubectl-slo"
    );
    let managers: Vec<&str> = obj["metadata"]["managedFields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["manager"].as_str())
        .collect();
    assert_eq!(managers, vec!["kubectl-slo"]);
    let version = obj["metadata"]["resourceVersion"].clone();

    // A rerun of the same rules changes nothing; a dry run under another name stores nothing.
    let again = run(base("admin"), &[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout.contains("serverside-applied"),
        "{}",
        again.stdout
    );
    let got = kubectl(
        &kc,
        &[
            "get",
            "prometheusrule",
            "slo-checkout",
            "-n",
            &ns.name,
            "-o",
            "json",
        ],
    );
    let obj: serde_json::Value = serde_json::from_slice(&got.stdout).expect("json");
    assert_eq!(
        obj["metadata"]["resourceVersion"], version,
        "an unchanged apply is a no-op"
    );
    let dry = run(base("admin"), &["--name", "dry-only", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(dry.stdout.contains("(server dry run)"), "{}", dry.stdout);
    let none = kubectl(&kc, &["get", "prometheusrule", "dry-only", "-n", &ns.name]);
    assert!(!none.status.success(), "a dry run created the object");

    // A user who may not write PrometheusRules.
    let denied = run(base("limited"), &[]);
    assert_eq!(denied.code, 4, "{}", denied.stderr);

    let _ = kubectl(&kc, &["delete", "crd", CRD, "--ignore-not-found"]);
    ns.delete().await;
}
