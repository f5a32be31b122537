//! Black-box tests of the `kubectl-certs` binary that need no cluster: bad input gets one
//! error line, a hint and a documented exit code; help, the check list, and completion.

use std::path::PathBuf;
use testcluster::testing::{Run, run_plugin};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-certs"))
}

fn certs(args: &[&str]) -> Run {
    run_plugin(&bin(), args, &[])
}

fn unreachable() -> String {
    testcluster::repo_root()
        .join("tests/fixtures/kubeconfig/unreachable.yaml")
        .display()
        .to_string()
}

#[test]
fn thresholds_must_be_ordered() {
    let r = certs(&[
        "--warn",
        "7d",
        "--critical",
        "30d",
        "--no-cluster",
        "--endpoint",
        "a.example",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.one_error_line().contains(
            "--critical 30d is longer than --warn 7d (defaults: --warn 30d, --critical 7d)"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn serve_refuses_a_hot_loop_interval() {
    for (interval, text) in [("0s", "below the minimum of 10s"), ("10", "missing unit")] {
        let r = certs(&["serve", "--interval", interval]);
        assert_eq!(r.code, 2, "{interval}: {}", r.stderr);
        assert!(r.stderr.contains(text), "{interval}: {}", r.stderr);
    }
}

#[test]
fn a_plain_http_port_is_named_as_not_speaking_tls() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    // A plain-HTTP server: answers anything with an HTTP response.
    std::thread::spawn(move || {
        for s in listener.incoming().take(4) {
            use std::io::{Read, Write};
            let Ok(mut s) = s else { continue };
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
        }
    });
    let r = certs(&["--no-cluster", "--endpoint", &addr.to_string()]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.one_error_line()
            .contains("the endpoint does not speak TLS"),
        "{}",
        r.stderr
    );
}

#[test]
fn no_cluster_needs_endpoints() {
    let r = certs(&["--no-cluster"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.one_error_line()
            .contains("--no-cluster without any --endpoint")
    );
}

#[test]
fn bad_endpoints_are_usage_errors() {
    let r = certs(&["--no-cluster", "--endpoint", "bad name!:443"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("not a valid DNS name"), "{}", r.stderr);
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("eps.txt");
    std::fs::write(&file, "ok.example:443\nnot:a:port\n").expect("write");
    let r = certs(&[
        "--no-cluster",
        "--endpoints-file",
        file.to_str().expect("utf8"),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.one_error_line().contains("line 2"));
    let r = certs(&["--no-cluster", "--endpoints-file", "/nonexistent/eps.txt"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.one_error_line().contains("cannot read --endpoints-file"));
}

#[test]
fn bad_ca_file_and_webhook_are_usage_errors() {
    let r = certs(&[
        "--no-cluster",
        "--endpoint",
        "a.example",
        "--ca-file",
        "/nonexistent/ca.pem",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.one_error_line().contains("cannot read --ca-file"));
    let dir = tempfile::tempdir().expect("tmp");
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "no certificates here").expect("write");
    let r = certs(&[
        "--no-cluster",
        "--endpoint",
        "a.example",
        "--ca-file",
        empty.to_str().expect("utf8"),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.one_error_line().contains("holds no certificate"));
    let r = certs(&[
        "--no-cluster",
        "--endpoint",
        "a.example",
        "--notify-webhook",
        "ftp://example.com/x",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.one_error_line().contains("is not an http(s) URL"));
}

#[test]
fn unreachable_cluster_is_exit_5() {
    let r = certs(&["--kubeconfig", &unreachable()]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.one_error_line().contains("failed to list"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("tried https://127.0.0.1:1"),
        "{}",
        r.stderr
    );
}

#[test]
fn unreachable_endpoints_without_a_cluster_are_exit_5_with_the_report() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let ep = format!("127.0.0.1:{port}");
    let r = certs(&[
        "--no-cluster",
        "--endpoint",
        &ep,
        "-o",
        "json",
        "--probe-timeout",
        "2s",
    ]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    let line = r.one_error_line();
    assert!(
        line.contains("none of the 1 endpoint(s)") && line.contains(&ep),
        "{}",
        r.stderr
    );
}

#[test]
fn checks_are_listed_with_ids() {
    let r = certs(&["checks", "-o", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ids: Vec<String> = r.json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| c["id"].as_str().unwrap_or_default().to_string())
        .collect();
    let want: Vec<String> = certs::checks::CHECKS
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    assert_eq!(ids, want);
    assert!(ids.contains(&"key-mismatch".to_string()));
    let first = &r.json()["items"][0];
    assert_eq!(
        (&first["category"], &first["severity"]),
        (&serde_json::json!("expiry"), &serde_json::json!("critical")),
        "the suite's CheckList items: {first}"
    );
    assert!(
        first["title"]
            .as_str()
            .is_some_and(|t| t.contains("notAfter"))
    );
}

#[test]
fn help_documents_exit_codes() {
    let r = certs(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Exit codes"), "{}", r.stdout);
    assert!(r.stdout.contains("--probe-ingresses"));
}

#[test]
fn completion_entry_point_completes_flags_and_values() {
    let r = certs(&["__complete", "--sour"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("--sources\n"), "{}", r.stdout);
    let r = certs(&["__complete", "--notify-format", ""]);
    assert!(r.stdout.contains("slack\n"), "{}", r.stdout);
}
