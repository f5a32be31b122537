//! Black-box tests of the `kubectl-doctor` binary that need no cluster: bad input, exit
//! codes, kubeconfig precedence, help and output plumbing. Fixture kubeconfigs point at
//! https://127.0.0.1:1, which refuses connections.

use std::path::PathBuf;
use testcluster::testing::{Run, run_plugin};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-doctor"))
}

fn fixture(name: &str) -> String {
    testcluster::repo_root()
        .join("tests/fixtures/kubeconfig")
        .join(name)
        .display()
        .to_string()
}

fn doctor(args: &[&str]) -> Run {
    run_plugin(&bin(), args, &[])
}

#[test]
fn missing_kubeconfig_file_is_exit_3() {
    let r = doctor(&["--kubeconfig", "/nonexistent/kubeconfig"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.one_error_line()
            .contains("failed to load kubeconfig /nonexistent/kubeconfig")
    );
}

#[test]
fn corrupt_kubeconfig_is_exit_3() {
    let r = doctor(&["--kubeconfig", &fixture("corrupt.yaml")]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.one_error_line().contains("corrupt.yaml"));
    assert!(r.stderr.contains("kubectl config view"));
}

#[test]
fn unknown_context_lists_the_known_ones() {
    let r = doctor(&[
        "--kubeconfig",
        &fixture("unreachable.yaml"),
        "--context",
        "nope",
    ]);
    assert_eq!(r.code, 3);
    assert_eq!(
        r.one_error_line(),
        "error: context \"nope\" not found in kubeconfig (known contexts: nowhere, elsewhere)"
    );
    assert!(r.stderr.contains("kubectl config get-contexts"));
}

#[test]
fn unknown_user_and_cluster_flags_are_exit_3() {
    let r = doctor(&[
        "--kubeconfig",
        &fixture("unreachable.yaml"),
        "--user",
        "ghost",
    ]);
    assert_eq!(r.code, 3);
    assert!(r.one_error_line().contains("user \"ghost\" not found"));
    let r = doctor(&[
        "--kubeconfig",
        &fixture("unreachable.yaml"),
        "--cluster",
        "ghost",
    ]);
    assert_eq!(r.code, 3);
    assert!(r.one_error_line().contains("cluster \"ghost\" not found"));
}

#[test]
fn no_current_context_is_exit_3() {
    let r = doctor(&["--kubeconfig", &fixture("no-current-context.yaml")]);
    assert_eq!(r.code, 3);
    assert!(r.one_error_line().contains("no current context"));
}

#[test]
fn unreachable_server_is_exit_5_and_names_server_and_context() {
    let r = doctor(&[
        "--kubeconfig",
        &fixture("unreachable.yaml"),
        "--request-timeout",
        "5s",
    ]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    r.one_error_line();
    assert!(
        r.stderr
            .contains("tried https://127.0.0.1:1 (context \"nowhere\")"),
        "{}",
        r.stderr
    );
}

#[test]
fn no_kubeconfig_anywhere_is_exit_3() {
    let r = doctor(&[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.one_error_line().contains("no kubeconfig found"));
}

#[test]
fn kubeconfig_env_is_a_merged_list_and_the_flag_wins() {
    let list = format!("{}:{}", fixture("second.yaml"), fixture("unreachable.yaml"));
    // From KUBECONFIG: current-context of the first file ("second"), contexts from both.
    let r = run_plugin(
        &bin(),
        &["--request-timeout", "5s"],
        &[("KUBECONFIG", &list)],
    );
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("https://127.0.0.2:1 (context \"second\")"),
        "{}",
        r.stderr
    );
    let r = run_plugin(
        &bin(),
        &["--context", "elsewhere", "--request-timeout", "5s"],
        &[("KUBECONFIG", &list)],
    );
    assert!(r.stderr.contains("context \"elsewhere\""), "{}", r.stderr);
    // --kubeconfig beats KUBECONFIG.
    let r = run_plugin(
        &bin(),
        &[
            "--kubeconfig",
            &fixture("unreachable.yaml"),
            "--request-timeout",
            "5s",
        ],
        &[("KUBECONFIG", &fixture("second.yaml"))],
    );
    assert!(
        r.stderr
            .contains("https://127.0.0.1:1 (context \"nowhere\")"),
        "{}",
        r.stderr
    );
}

#[test]
fn insecure_flag_warns_loudly() {
    let r = doctor(&[
        "--kubeconfig",
        &fixture("unreachable.yaml"),
        "--insecure-skip-tls-verify",
        "--request-timeout",
        "5s",
    ]);
    assert!(
        r.stderr
            .contains("warning: --insecure-skip-tls-verify is set"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_flags_are_usage_errors() {
    assert_eq!(doctor(&["-o", "xml"]).code, 2);
    assert_eq!(doctor(&["--request-timeout", "soon"]).code, 2);
    assert_eq!(doctor(&["--min-score", "101"]).code, 2);
    let r = doctor(&[
        "--kubeconfig",
        &fixture("unreachable.yaml"),
        "--checks",
        "bogus",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.one_error_line()
            .contains("unknown check or section \"bogus\"")
    );
    let r = doctor(&[
        "--kubeconfig",
        &fixture("unreachable.yaml"),
        "--exclude",
        "nope@ns",
    ]);
    assert_eq!(r.code, 2);
    let r = doctor(&[
        "--kubeconfig",
        &fixture("unreachable.yaml"),
        "--config",
        "/nonexistent.yaml",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.one_error_line()
            .contains("cannot read config /nonexistent.yaml")
    );
}

#[test]
fn flags_a_subcommand_would_ignore_are_usage_errors() {
    let kc = fixture("unreachable.yaml");
    // Each is refused before the cluster is contacted (this kubeconfig points nowhere).
    for (args, text) in [
        (vec!["heal", "-o", "junit"], "heal cannot write -o junit"),
        (vec!["heal", "-o", "sarif"], "heal cannot write -o sarif"),
        (vec!["heal", "--html", "x.html"], "--html"),
        (vec!["heal", "--watch"], "--watch"),
        (
            vec!["--watch", "-o", "junit"],
            "--watch cannot write -o junit",
        ),
        (
            vec!["--watch", "-o", "yaml"],
            "--watch cannot write -o yaml",
        ),
        (vec!["--watch", "--html", "x.html"], "--html"),
        (
            vec!["--fail-on", "warning", "checks"],
            "do not apply to `kubectl doctor checks`",
        ),
        (vec!["checks", "--watch"], "--watch"),
        (
            vec!["--watch", "--interval", "0s"],
            "below the minimum of 1s",
        ),
        (vec!["--watch", "--interval", "10"], "missing unit"),
        (vec!["--restart-threshold", "0"], "--restart-threshold"),
        (vec!["heal", "--max-actions", "0"], "--max-actions"),
        (vec!["-l", "app in ("], "not closed"),
        (vec!["--field-selector", "status.phase"], "is not KEY=VALUE"),
    ] {
        let mut a = vec!["--kubeconfig", kc.as_str()];
        a.extend(args.iter().copied());
        let r = doctor(&a);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(text), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn each_subcommand_help_lists_only_its_flags() {
    let checks = doctor(&["checks", "--help"]);
    assert_eq!(checks.code, 0);
    for absent in ["--watch", "--html", "--fail-on", "--min-score"] {
        assert!(
            !checks.stdout.contains(absent),
            "checks --help lists {absent}"
        );
    }
    let heal = doctor(&["heal", "--help"]);
    assert!(heal.stdout.contains("--apply") && heal.stdout.contains("--restart-threshold"));
    for absent in ["--watch", "--html", "--min-score"] {
        assert!(!heal.stdout.contains(absent), "heal --help lists {absent}");
    }
    let audit = doctor(&["audit", "--help"]);
    assert!(audit.stdout.contains("--fail-on") && audit.stdout.contains("--allow-partial"));
    assert!(audit.stdout.contains("Examples:"), "{}", audit.stdout);
}

#[test]
fn bad_config_files_are_usage_errors_with_their_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let kc = fixture("unreachable.yaml");
    for (body, text) in [
        (
            "apiVersion: v1\nkind: ConfigMap\n",
            "must be doctor.sre-toolkit.io/v1alpha1 DoctorConfig",
        ),
        (
            "restartThreshold: -1\n",
            "restartThreshold must be at least 1",
        ),
        (
            "restartThreshold: 5\nexclude:\n- checks: [pods]\n  bogus: 1\n",
            ":4:",
        ),
    ] {
        let f = dir.path().join("doctor.yaml");
        std::fs::write(&f, body).expect("write");
        let r = doctor(&["--kubeconfig", &kc, "--config", f.to_str().expect("utf8")]);
        assert_eq!(r.code, 2, "{body}: {}", r.stderr);
        let line = r.one_error_line();
        assert!(line.contains(text), "{body}: {line}");
        assert!(
            !line.contains("\\n") && !line.contains("-->"),
            "one clean line: {line}"
        );
    }
}

#[test]
fn help_speaks_kubectl_and_lists_exit_codes() {
    let r = doctor(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Usage: kubectl doctor"), "{}", r.stdout);
    for needle in [
        "Exit codes:",
        "130  interrupted",
        "-n, --namespace",
        "-A, --all-namespaces",
        "--as-group",
        "--fail-on",
    ] {
        assert!(r.stdout.contains(needle), "help lacks {needle:?}");
    }
    let v = doctor(&["--version"]);
    assert!(
        v.stdout.contains("commit ") && v.stdout.contains("target "),
        "{}",
        v.stdout
    );
}

#[test]
fn checks_catalogue_in_every_format() {
    let r = doctor(&["checks"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("CHECK"));
    assert!(r.stdout.contains("pod-crashloop"));
    let j = doctor(&["checks", "-o", "json"]).json();
    assert_eq!(j["apiVersion"], "doctor.sre-toolkit.io/v1alpha1");
    assert_eq!(j["kind"], "CheckList");
    assert!(j["items"].as_array().is_some_and(|a| a.len() > 50));
    let none = doctor(&["checks", "--no-headers"]);
    assert!(none.stdout.starts_with("node-not-ready"));
}

#[test]
fn closed_stdout_pipe_exits_zero() {
    use std::io::Read;
    let mut child = std::process::Command::new(bin())
        .args(["checks", "-o", "yaml"])
        .env("HOME", std::env::temp_dir())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take()); // like `| head` exiting at once
    let status = child.wait().expect("wait");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    assert_eq!(status.code(), Some(0), "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn completion_entry_point_needs_no_cluster() {
    let r = doctor(&["__complete", "heal", "--max"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "--max-actions\n:4\n");
    let r = doctor(&["__complete", "-o", ""]);
    assert_eq!(r.stdout, "table\nwide\njson\nyaml\njunit\nsarif\n:4\n");
}

#[test]
fn completion_offers_check_ids_and_sections_for_checks_and_skip() {
    let r = doctor(&["__complete", "--checks", "pod-c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("pod-crashloop\n"), "{}", r.stdout);
    let r = doctor(&["__complete", "audit", "--skip", "net"]);
    assert!(r.stdout.contains("networking\n"), "{}", r.stdout);
}
