//! Black-box tests of the `kubectl-load` binary that need no cluster: help, RBAC output,
//! completion files and the completion entry point.

use std::path::PathBuf;
use testcluster::testing::{Run, run_plugin};

fn load(args: &[&str]) -> Run {
    run_plugin(
        &PathBuf::from(env!("CARGO_BIN_EXE_kubectl-load")),
        args,
        &[],
    )
}

#[test]
fn help_documents_exit_codes_and_examples() {
    let r = load(&["run", "--help"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("--threshold") && r.stdout.contains("--stages"),
        "{}",
        r.stdout
    );
    let r = load(&["--help"]);
    assert!(r.stdout.contains("Exit codes"), "{}", r.stdout);
    let listed = r.stdout.lines().any(|l| l.starts_with("  runner "));
    assert!(!listed, "runner mode is hidden: {}", r.stdout);
}

#[test]
fn rbac_is_printed_for_the_namespace() {
    let r = load(&["rbac", "-n", "shop"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("namespace: shop"));
    assert!(!r.stdout.contains("namespace: default"));
    assert!(r.stdout.contains("name: load-runner"));
}

#[test]
fn runner_mode_outside_a_pod_is_a_usage_error() {
    // A valid-looking kubeconfig is not enough: the runner check comes first.
    let r = load(&["runner", "--run", "x", "--kubeconfig", "/nonexistent"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.one_error_line()
            .contains("JOB_COMPLETION_INDEX is not set"),
        "{}",
        r.stderr
    );
}

#[test]
fn completion_entry_point_completes_subcommands_and_flags() {
    let r = load(&["__complete", "r"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("run\n") && r.stdout.contains("rbac\n") && r.stdout.contains("results\n"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("runner\n"), "hidden: {}", r.stdout);
    let r = load(&["__complete", "run", "http://x", "--thr"]);
    assert!(r.stdout.starts_with("--threshold\n"), "{}", r.stdout);
}
