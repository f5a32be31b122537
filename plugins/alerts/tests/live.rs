//! A short live run on real components: Prometheus (Debian's package) scrapes a target
//! whose metric the test flips, its rule engine fires and resolves alerts (a `for: 0` rule,
//! a `for: 3s` rule and one an inhibit rule covers) and sends them to a real Alertmanager
//! (Debian's prometheus-alertmanager), which holds an inhibit rule and the silences the test
//! creates, and routes info alerts to a receiver that sends nothing. `watch` prints the
//! starts and ends as they happen; `silences` judges the
//! silences; `report` counts the episodes the real engine wrote and the notifications
//! Alertmanager failed to deliver (its own metrics, scraped by the same Prometheus).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::Duration;
use testcluster::testing::{Run, run_plugin};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-alerts"))
}

fn alerts(args: &[&str]) -> Run {
    run_plugin(&bin(), args, &[])
}

fn post_silence(am: &str, alertname: &str, comment: &str) {
    let matcher = serde_json::json!({"name": "alertname", "value": alertname, "isRegex": false, "isEqual": true});
    post_silence_of(am, matcher, 1, comment);
}

fn post_silence_of(am: &str, matcher: serde_json::Value, hours: i64, comment: &str) {
    let now = jiff::Timestamp::now();
    let body = serde_json::json!({
        "matchers": [matcher],
        "startsAt": now.to_string(),
        "endsAt": (now + jiff::SignedDuration::from_hours(hours)).to_string(),
        "createdBy": "live-test",
        "comment": comment,
    });
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys,urllib.request;r=urllib.request.Request(sys.argv[1],data=sys.argv[2].encode(),headers={'Content-Type':'application/json'});print(urllib.request.urlopen(r,timeout=5).read().decode())",
            &format!("{am}/api/v2/silences"),
            &body.to_string(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn flip(dir: &std::path::Path, v: u8) {
    std::fs::write(
        dir.join("metrics"),
        format!("# TYPE flip_value gauge\nflip_value {v}\n"),
    )
    .unwrap();
}

#[tokio::test]
async fn the_real_rule_engine_and_alertmanager_are_followed_and_counted() {
    // The receiver is a webhook nobody listens on, so every notification fails, and
    // Prometheus scrapes Alertmanager's own metrics, where the failures are counted.
    // Info alerts go to a receiver that sends nothing.
    let am_config = "route: {receiver: 'void', group_wait: 1s, group_interval: 1s, repeat_interval: 1h,\n\
  routes: [{matchers: ['severity=\"info\"'], receiver: blackhole}]}\n\
receivers: [{name: 'void', webhook_configs: [{url: 'http://127.0.0.1:1/hook', send_resolved: true}]}, {name: blackhole}]\n\
inhibit_rules:\n- source_matchers: ['alertname=\"Flip\"']\n  target_matchers: ['alertname=\"Inhibited\"']\n";
    let Some(am) = testcluster::prometheus::alertmanager(am_config).await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    flip(dir.path(), 0);
    let target = testcluster::prometheus::FileTarget::serve(dir.path());
    let port = target.port;
    let mut rules = String::from("groups:\n- name: live\n  interval: 1s\n  rules:\n");
    for (name, for_, severity) in [
        ("Flip", "0s", "warning"),
        ("FlipPending", "3s", "warning"),
        ("Inhibited", "0s", "info"),
    ] {
        rules.push_str(&format!(
            "  - alert: {name}\n    expr: flip_value == 1\n    for: {for_}\n    labels: {{severity: {severity}}}\n    annotations: {{summary: flipped, runbook_url: r}}\n"
        ));
    }
    let extra = testcluster::prometheus::Extra {
        scrape_configs: format!(
            "- job_name: target\n  static_configs: [{{targets: ['127.0.0.1:{port}']}}]\n\
- job_name: alertmanager\n  scrape_interval: 1s\n  static_configs: [{{targets: ['{}']}}]\n",
            am.address
        ),
        top_level: format!(
            "alerting:\n  alertmanagers: [{{static_configs: [{{targets: ['{}']}}]}}]\n",
            am.address
        ),
        ..Default::default()
    };
    let Some(prom) = testcluster::prometheus::start_with(&rules, &extra).await else {
        return;
    };
    let watch = std::process::Command::new(bin())
        .args([
            "watch",
            "--prometheus",
            &prom.url,
            "--interval",
            "1s",
            "--for",
            "34s",
            "-o",
            "json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();

    // First firing: Alertmanager receives the alerts and inhibits Inhibited.
    flip(dir.path(), 1);
    let held = testcluster::testing::eventually(
        "Alertmanager to inhibit",
        Duration::from_secs(20),
        || async {
            let r = alerts(&["silences", "--alertmanager", &am.url, "-o", "json"]);
            let j: serde_json::Value = serde_json::from_str(&r.stdout).ok()?;
            (j["metadata"]["alerts"]["inhibited"] == 1).then_some(j)
        },
    )
    .await;
    assert!(
        held["metadata"]["alerts"]["held"].as_u64().unwrap() >= 2,
        "{held}"
    );
    tokio::time::sleep(Duration::from_secs(6)).await;
    flip(dir.path(), 0);
    tokio::time::sleep(Duration::from_secs(7)).await;

    // Second firing, silenced with a terse comment; a second silence matches nothing.
    post_silence(&am.url, "Flip", "x");
    post_silence(&am.url, "NoSuchAlert", "JIRA-1 planned maintenance");
    flip(dir.path(), 1);
    let s = testcluster::testing::eventually(
        "the silence to hold Flip",
        Duration::from_secs(20),
        || async {
            let r = alerts(&["silences", "--alertmanager", &am.url, "-o", "json"]);
            let j: serde_json::Value = serde_json::from_str(&r.stdout).ok()?;
            let flip = j["items"]
                .as_array()?
                .iter()
                .find(|i| i["matchers"][0]["value"] == "Flip")?
                .clone();
            (flip["silencingNow"] == 1).then_some((r, j))
        },
    )
    .await;
    let (run, j) = s;
    assert_eq!(
        run.code, 1,
        "a silence that matches nothing is a warning: {}",
        run.stderr
    );
    let problems = |name: &str| -> serde_json::Value {
        j["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["matchers"][0]["value"] == name)
            .unwrap()["problems"]
            .clone()
    };
    assert_eq!(problems("Flip"), serde_json::json!(["silence-no-comment"]));
    assert_eq!(
        problems("NoSuchAlert"),
        serde_json::json!(["silence-matches-nothing"])
    );
    tokio::time::sleep(Duration::from_secs(7)).await;
    flip(dir.path(), 0);
    tokio::time::sleep(Duration::from_secs(6)).await;

    // Now that everything resolved: a broad silence and a long one, beside the earlier two.
    post_silence_of(
        &am.url,
        serde_json::json!({"name": "severity", "value": ".+", "isRegex": true, "isEqual": true}),
        1,
        "JIRA-2 maintenance of everything",
    );
    post_silence_of(
        &am.url,
        serde_json::json!({"name": "alertname", "value": "Inhibited", "isRegex": false, "isEqual": true}),
        8 * 24,
        "JIRA-3 decommissioning",
    );

    // The episodes the real engine wrote.
    let r = alerts(&[
        "report",
        "--prometheus",
        &prom.url,
        "--alertmanager",
        &am.url,
        "--since",
        "3m",
        "-o",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rep = r.json();
    assert_eq!(
        rep["metadata"]["stepSeconds"], 1.0,
        "the group's 1s interval"
    );
    let alert = |n: &str| {
        rep["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["alertname"] == n)
            .cloned()
            .unwrap_or_else(|| panic!("{n}: {}", rep["alerts"]))
    };
    for n in ["Flip", "Inhibited", "FlipPending"] {
        assert_eq!(alert(n)["episodes"], 2, "{n}: {}", alert(n));
    }
    assert_eq!(alert("FlipPending")["pending"], 2);
    assert_eq!(alert("FlipPending")["pendingNeverFired"], 0);
    assert_eq!(alert("Flip")["activations"], 2, "ALERTS_FOR_STATE agrees");
    // Each silence's problems, judged against Alertmanager's alerts and the history.
    let silences = rep["silences"].as_array().unwrap();
    assert_eq!(silences.len(), 4);
    let mut problems: Vec<(String, Vec<String>)> = silences
        .iter()
        .map(|s| {
            let m = &s["matchers"][0];
            let mut checks: Vec<String> = rep["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["object"]["name"] == s["id"])
                .map(|f| f["check"].as_str().unwrap().to_string())
                .collect();
            checks.sort();
            (
                format!(
                    "{}{}",
                    m["name"].as_str().unwrap(),
                    m["value"].as_str().unwrap()
                ),
                checks,
            )
        })
        .collect();
    problems.sort();
    let want = |k: &str, v: &[&str]| (k.to_string(), v.iter().map(|s| s.to_string()).collect());
    assert_eq!(
        problems,
        vec![
            want("alertnameFlip", &["silence-no-comment", "silence-outlived"]),
            want("alertnameInhibited", &["silence-long", "silence-outlived"]),
            want("alertnameNoSuchAlert", &["silence-matches-nothing"]),
            want("severity.+", &["silence-broad", "silence-outlived"]),
        ]
    );
    // Where the routing tree sent each alert, and the one that went nowhere.
    assert_eq!(alert("Flip")["receivers"], serde_json::json!(["void"]));
    assert_eq!(
        alert("Inhibited")["receivers"],
        serde_json::json!(["blackhole"])
    );
    let nowhere: Vec<&str> = rep["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "routed-nowhere")
        .map(|f| f["object"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(nowhere, vec!["Inhibited"]);
    // Alertmanager's failed webhook deliveries, from its metrics in Prometheus.
    let webhook = rep["notificationStats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["integration"] == "webhook")
        .cloned()
        .unwrap_or_else(|| panic!("no webhook stats: {}", rep["notificationStats"]));
    assert!(webhook["failed"].as_f64().unwrap() > 0.0, "{webhook}");
    let failures: Vec<&serde_json::Value> = rep["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "notification-failures")
        .collect();
    assert_eq!(failures.len(), 1, "{}", rep["findings"]);
    assert_eq!(failures[0]["object"]["name"], "webhook");

    // What watch printed while it happened.
    let out = watch.wait_with_output().unwrap();
    let events: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let of = |n: &str, e: &str| {
        events
            .iter()
            .filter(|x| x["alertname"] == n && x["event"] == e)
            .count()
    };
    assert_eq!(
        (of("Flip", "firing"), of("Flip", "resolved")),
        (2, 2),
        "{events:?}"
    );
    assert_eq!(of("FlipPending", "pending"), 2, "{events:?}");
    assert!(events.iter().all(|e| e["kind"] == "AlertEvent"));
}
