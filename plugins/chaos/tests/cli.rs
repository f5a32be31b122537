//! Black-box tests of the `kubectl-chaos` binary that need no cluster: bad input, help,
//! the stress worker, completion.

use std::path::PathBuf;
use testcluster::testing::{Run, run_plugin};

fn chaos(args: &[&str]) -> Run {
    run_plugin(
        &PathBuf::from(env!("CARGO_BIN_EXE_kubectl-chaos")),
        args,
        &[],
    )
}

fn unreachable() -> String {
    testcluster::repo_root()
        .join("tests/fixtures/kubeconfig/unreachable.yaml")
        .display()
        .to_string()
}

#[test]
fn bad_faults_are_usage_errors() {
    for (args, text) in [
        (vec!["pod-failure", "-l", "app=web"], "--duration"),
        (
            vec!["network", "-l", "app=web", "--duration", "30s"],
            "--latency, --loss or --bandwidth-kbit",
        ),
        (
            vec!["pod-kill", "-l", "app=web", "--count", "0"],
            "at least 1",
        ),
        (vec!["scale", "--duration", "10s"], "--workload"),
        (
            vec![
                "network",
                "-l",
                "app=web",
                "--jitter",
                "5ms",
                "--duration",
                "1s",
            ],
            "--jitter needs --latency",
        ),
        // No selector and no --all: a fault never picks arbitrary pods or nodes.
        (vec!["pod-kill"], "needs a selector of the pods"),
        (vec!["pod-failure", "--duration", "1m"], "or --all"),
        (
            vec!["node-cordon", "--duration", "1m"],
            "needs a selector of the nodes",
        ),
        (
            vec![
                "network",
                "-l",
                "app=web",
                "--loss",
                "120%",
                "--duration",
                "1m",
            ],
            "--loss must be a percentage",
        ),
    ] {
        // Checked before the cluster is contacted (this kubeconfig points nowhere).
        let kc = unreachable();
        let mut a = vec!["--kubeconfig", kc.as_str()];
        a.extend(args.iter().copied());
        let r = chaos(&a);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.one_error_line().contains(text), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn a_malformed_experiment_is_exit_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let f = dir.path().join("e.yaml");
    std::fs::write(
        &f,
        "apiVersion: chaos.sre-toolkit.io/v1alpha1\nkind: Experiment\n",
    )
    .expect("write");
    let r = chaos(&[
        "--kubeconfig",
        &unreachable(),
        "run",
        f.to_str().expect("utf8"),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.one_error_line().contains("missing field"), "{}", r.stderr);
    let r = chaos(&["run", "/nonexistent/e.yaml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.one_error_line()
            .contains("cannot read /nonexistent/e.yaml")
    );
}

#[test]
fn an_experiment_step_without_a_selector_is_refused_with_its_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let f = dir.path().join("e.yaml");
    std::fs::write(
        &f,
        "apiVersion: chaos.sre-toolkit.io/v1alpha1\nkind: Experiment\nmetadata: {name: x}\nsteadyState:\n  probes:\n  - {name: up, http: {url: \"http://127.0.0.1:1/\"}}\nmethod:\n- fault: pod-kill\n  count: 1\n",
    )
    .expect("write");
    let path = f.to_str().expect("utf8");
    let r = chaos(&["--kubeconfig", &unreachable(), "run", path]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.one_error_line()
            .contains("method step 1: pod-kill needs a selector"),
        "{}",
        r.stderr
    );
    std::fs::write(
        &f,
        "apiVersion: chaos.sre-toolkit.io/v1alpha1\nkind: Experiment\nmetadata: {name: x}\nsteadyState:\n  probes:\n  - {name: up, http: {url: \"http://127.0.0.1:1/\"}}\nmethod:\n- fault: scale\n  workload: deployment/web\n  duration: 1m\n  latency: 100ms\n",
    )
    .expect("write");
    let r = chaos(&["--kubeconfig", &unreachable(), "run", path]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.one_error_line().contains("scale does not take latency"),
        "{}",
        r.stderr
    );
    std::fs::write(
        &f,
        "apiVersion: chaos.sre-toolkit.io/v1alpha1\nkind: Experiment\nbogus: [\n",
    )
    .expect("write");
    let r = chaos(&["--kubeconfig", &unreachable(), "run", path]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let line = r.one_error_line();
    assert!(line.contains(&format!("{path}:")), "{line}");
    assert!(!line.contains("\\n") && !line.contains("-->"), "{line}");
}

#[test]
fn flags_of_other_faults_and_malformed_values_are_refused_by_the_parser() {
    for (args, text) in [
        (
            vec![
                "scale",
                "--workload",
                "deployment/web",
                "--duration",
                "1m",
                "--latency",
                "100ms",
            ],
            "unexpected argument '--latency'",
        ),
        (vec!["pod-kill", "-l", "app in ("], "not closed"),
        (
            vec!["pod-kill", "-l", "app=web", "--percent", "thirty"],
            "not a percentage",
        ),
    ] {
        let r = chaos(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(text), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn each_fault_help_lists_only_its_flags() {
    let scale = chaos(&["scale", "--help"]);
    assert!(scale.stdout.contains("--workload") && scale.stdout.contains("Examples:"));
    for absent in ["--latency", "--cpu", "--container", "--evict-timeout"] {
        assert!(
            !scale.stdout.contains(absent),
            "scale --help lists {absent}"
        );
    }
    let network = chaos(&["network", "--help"]);
    assert!(network.stdout.contains("--latency") && !network.stdout.contains("--workload"));
    let r = chaos(&["stres"]);
    assert!(!r.stderr.contains("stress-worker"), "hidden: {}", r.stderr);
}

#[test]
fn stress_worker_stops_by_itself_when_its_duration_ends() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kubectl-chaos"))
        .args([
            "stress-worker",
            "--cpu",
            "1",
            "--memory-mib",
            "8",
            "--duration",
            "1s",
        ])
        .spawn()
        .expect("spawn");
    // A bounded wait, so a worker that never stops fails the test instead of hanging it.
    let mut status = None;
    for _ in 0..300 {
        if let Some(s) = child.try_wait().expect("wait") {
            status = Some(s);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let Some(status) = status else {
        let _ = child.kill();
        panic!("the stress worker did not stop within 30 s of a 1 s duration");
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn help_documents_safety_and_exit_codes() {
    let r = chaos(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("--dry-run")
            && r.stdout.contains("--allow-namespace")
            && r.stdout.contains("Exit codes"),
        "{}",
        r.stdout
    );
}

#[test]
fn completion_entry_point_lists_faults() {
    let r = chaos(&["__complete", "pod"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("pod-kill\n") && r.stdout.contains("pod-failure\n"),
        "{}",
        r.stdout
    );
}
