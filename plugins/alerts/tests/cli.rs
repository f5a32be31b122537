//! `kubectl alerts` on bad input and offline: usage errors (exit 2) before anything is
//! contacted, an unreachable Prometheus (exit 5, with the URL), a refusing one (exit 4),
//! and the offline analysis of a file of Alertmanager webhook payloads.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use testcluster::testing::{Run, run_plugin};

fn alerts(args: &[&str]) -> Run {
    run_plugin(
        &PathBuf::from(env!("CARGO_BIN_EXE_kubectl-alerts")),
        args,
        &[],
    )
}

#[test]
fn bad_input_is_a_usage_error_with_a_hint() {
    for args in [
        &["report"][..],
        &["report", "--prometheus", "ftp://prometheus:9090"],
        &["report", "--prometheus", "svc/prometheus"],
        &[
            "report",
            "--prometheus",
            "http://127.0.0.1:1",
            "--since",
            "10",
        ],
        &[
            "report",
            "--prometheus",
            "http://127.0.0.1:1",
            "--until",
            "yesterday",
        ],
        &[
            "report",
            "--prometheus",
            "http://127.0.0.1:1",
            "--tiers",
            "critical=P9",
        ],
        &[
            "report",
            "--prometheus",
            "http://127.0.0.1:1",
            "--timezone",
            "Mars/Olympus",
        ],
        &[
            "report",
            "--prometheus",
            "http://127.0.0.1:1",
            "--business-hours",
            "18-9",
        ],
        &[
            "top",
            "--prometheus",
            "http://127.0.0.1:1",
            "-o",
            "markdown",
        ],
        &["silences", "--prometheus", "http://127.0.0.1:1"],
        &["watch"],
        &[
            "report",
            "--prometheus",
            "a=http://127.0.0.1:1",
            "--prometheus",
            "a=http://127.0.0.1:2",
        ],
        &[
            "watch",
            "--prometheus",
            "http://127.0.0.1:1",
            "--prometheus",
            "http://127.0.0.1:2",
        ],
    ] {
        let r = alerts(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.lines().count() <= 4 || r.stderr.contains("Usage"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn an_unreachable_prometheus_is_exit_5_and_names_the_url() {
    let r = alerts(&["report", "--prometheus", "http://127.0.0.1:1"]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("127.0.0.1:1"), "{}", r.stderr);
    // A fleet whose every member is down fails the same way.
    let r = alerts(&[
        "report",
        "--prometheus",
        "a=http://127.0.0.1:1",
        "--prometheus",
        "b=http://127.0.0.1:2",
    ]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("cluster a: "), "{}", r.stderr);
}

/// A stand-in that answers 401 to everything (an authenticating proxy in front of
/// Prometheus): the error path of a refused token, at unit level.
#[test]
fn a_refused_token_is_exit_4() {
    let port = testcluster::prometheus::free_port();
    let mut server = std::process::Command::new("python3")
        .args([
            "-c",
            "import http.server,sys\nclass H(http.server.BaseHTTPRequestHandler):\n def do_GET(s):\n  s.send_response(401);s.end_headers();s.wfile.write(b'unauthorized')\n def log_message(s,*a): pass\nhttp.server.HTTPServer(('127.0.0.1',int(sys.argv[1])),H).serve_forever()",
            &port.to_string(),
        ])
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let mut r = alerts(&[
        "report",
        "--prometheus",
        &url,
        "--prometheus-token",
        "wrong",
    ]);
    for _ in 0..50 {
        if r.code != 5 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        r = alerts(&[
            "report",
            "--prometheus",
            &url,
            "--prometheus-token",
            "wrong",
        ]);
    }
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("401"), "{}", r.stderr);
}

fn payload(status: &str, name: &str, fp: &str, starts: &str, ends: &str) -> String {
    serde_json::json!({"version": "4", "status": status, "receiver": "pager", "alerts": [{"status": status,
        "labels": {"alertname": name, "severity": "critical", "team": "payments"}, "annotations": {},
        "startsAt": starts, "endsAt": ends, "fingerprint": fp}]})
    .to_string()
}

#[test]
fn webhook_payloads_are_analysed_offline() {
    let zero = "0001-01-01T00:00:00Z";
    let mut lines = Vec::new();
    // Five 2-minute pages of Blip, each notified once and resolved.
    for d in 1..=5 {
        let s = format!("2026-11-0{d}T03:00:00Z");
        let e = format!("2026-11-0{d}T03:02:00Z");
        lines.push(payload("firing", "Blip", &format!("b{d}"), &s, zero));
        lines.push(payload("resolved", "Blip", &format!("b{d}"), &s, &e));
    }
    // One real outage, notified three times (repeat_interval), resolved after 2 hours.
    for _ in 0..3 {
        lines.push(payload(
            "firing",
            "Outage",
            "o1",
            "2026-11-03T10:00:00Z",
            zero,
        ));
    }
    lines.push(payload(
        "resolved",
        "Outage",
        "o1",
        "2026-11-03T10:00:00Z",
        "2026-11-03T12:00:00Z",
    ));
    lines.push("this line is not a payload".into());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notifications.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let r = alerts(&[
        "report",
        "--from-webhooks",
        file.to_str().unwrap(),
        "-o",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("1 line(s) were not webhook payloads"),
        "{}",
        r.stderr
    );
    let j = r.json();
    let a = |n: &str| {
        j["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["alertname"] == n)
            .cloned()
            .unwrap()
    };
    assert_eq!(a("Blip")["episodes"], 5);
    assert_eq!(a("Blip")["transient"], 5);
    assert_eq!(a("Outage")["episodes"], 1);
    assert_eq!(a("Outage")["notifications"], 3);
    assert_eq!(a("Outage")["team"], "payments");
    assert_eq!(j["totals"]["notifications"], 8);
    let checks: Vec<&str> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    assert!(checks.contains(&"transient"), "{checks:?}");
    assert!(
        !checks.contains(&"dead-rule") && !checks.contains(&"no-alert-data"),
        "no rules offline: {checks:?}"
    );
    // Garbage only is refused.
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "nope\n").unwrap();
    let r = alerts(&["report", "--from-webhooks", bad.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn checks_lists_every_id_once() {
    let r = alerts(&["checks", "-o", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["kind"], "CheckList");
    let ids: Vec<&str> = j["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    for id in [
        "flapping",
        "transient",
        "stuck",
        "dead-rule",
        "broken-rule",
        "co-firing",
        "silence-broad",
        "notification-failures",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
}
