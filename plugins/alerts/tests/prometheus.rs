//! `kubectl alerts` against the real Prometheus (Debian's package, started on loopback by
//! testcluster) over a 30-day history backfilled with `promtool tsdb create-blocks-from
//! openmetrics`, in which exact episodes are planted (flapping, transient, stuck,
//! co-firing, pending that never fires, a `for: 0` rule) beside real rules (dead, broken,
//! bare); every count the report gives is checked against what was planted. A quiet
//! history raises nothing. The same report through the API server's service proxy.
//!
//! Rule evaluations are not aligned to the query grid in real Prometheus; planted samples
//! sit mid-step (30 s past the minute) like them.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use testcluster::testing::{Run, run_plugin};

fn alerts(args: &[&str]) -> Run {
    run_plugin(
        &PathBuf::from(env!("CARGO_BIN_EXE_kubectl-alerts")),
        args,
        &[],
    )
}

const DAY: i64 = 86_400;

/// A planted history: per series (labels as `k="v",...`), its sample times (Unix seconds).
#[derive(Default)]
struct History {
    alerts: BTreeMap<String, Vec<i64>>,
    for_state: BTreeMap<String, Vec<(i64, i64)>>,
}

impl History {
    /// Plants one activation of `name`: pending for `pending` minutes from `start`, then
    /// firing for `firing` minutes, one sample a minute (30 s past it).
    fn plant(&mut self, name: &str, labels: &str, start: i64, pending: i64, firing: i64) {
        let t0 = start + 30;
        let sep = if labels.is_empty() { "" } else { "," };
        for m in 0..pending {
            self.alerts
                .entry(format!(
                    "alertname=\"{name}\",alertstate=\"pending\"{sep}{labels}"
                ))
                .or_default()
                .push(t0 + m * 60);
        }
        for m in pending..pending + firing {
            self.alerts
                .entry(format!(
                    "alertname=\"{name}\",alertstate=\"firing\"{sep}{labels}"
                ))
                .or_default()
                .push(t0 + m * 60);
        }
        let fs = self
            .for_state
            .entry(format!("alertname=\"{name}\"{sep}{labels}"))
            .or_default();
        for m in 0..pending + firing {
            fs.push((t0 + m * 60, t0));
        }
    }

    fn openmetrics(&self) -> String {
        let mut s = String::from("# TYPE ALERTS gauge\n");
        for (labels, times) in &self.alerts {
            for t in times {
                s.push_str(&format!("ALERTS{{{labels}}} 1 {t}\n"));
            }
        }
        s.push_str("# TYPE ALERTS_FOR_STATE gauge\n");
        for (labels, points) in &self.for_state {
            for (t, v) in points {
                s.push_str(&format!("ALERTS_FOR_STATE{{{labels}}} {v} {t}\n"));
            }
        }
        s.push_str("# EOF\n");
        s
    }
}

fn rule(name: &str, severity: &str, for_: &str) -> String {
    format!(
        "  - alert: {name}\n    expr: vector(0) > 1\n    for: {for_}\n    labels: {{severity: {severity}}}\n    annotations: {{summary: '{name} happened', runbook_url: 'https://runbooks.example/{name}'}}\n"
    )
}

/// The end of the window: a whole hour, an hour ago.
fn end() -> i64 {
    let now = jiff::Timestamp::now().as_second();
    now / 3600 * 3600 - 3600
}

fn planted(e: i64) -> (History, String) {
    let t0 = e - 30 * DAY;
    let mut h = History::default();
    // Flappy: ten cycles of 2 min firing, 2 min resolved, on day 10 (for: 0).
    for k in 0..10 {
        h.plant(
            "Flappy",
            "severity=\"warning\",instance=\"a\"",
            t0 + 10 * DAY + 12 * 3600 + k * 240,
            0,
            2,
        );
    }
    // Transient: a page a day for 12 days at 03:00, 1 min pending then 3 min firing.
    for d in 1..=12 {
        h.plant(
            "Transient",
            "severity=\"critical\",job=\"api\"",
            t0 + d * DAY + 3 * 3600,
            1,
            3,
        );
    }
    // Stuck: firing for the last 3 days, still firing at the window's end.
    h.plant(
        "Stuck",
        "severity=\"warning\",disk=\"sda\"",
        e - 3 * DAY,
        0,
        3 * 24 * 60 + 1,
    );
    // NodeDown and PodUnreachable fire together five times (30 and 28 minutes).
    for d in 14..19 {
        let t = t0 + d * DAY + 10 * 3600;
        h.plant(
            "NodeDown",
            "severity=\"critical\",namespace=\"prod\",node=\"n1\"",
            t,
            0,
            30,
        );
        h.plant(
            "PodUnreachable",
            "severity=\"warning\",namespace=\"prod\",pod=\"p1\"",
            t + 60,
            0,
            28,
        );
    }
    // PendingOnly: pending four times, never firing.
    for d in 20..24 {
        h.plant(
            "PendingOnly",
            "severity=\"warning\"",
            t0 + d * DAY + 8 * 3600,
            3,
            0,
        );
    }
    // ForZero: three 20-minute episodes of a for: 0 rule.
    for d in 25..28 {
        h.plant(
            "ForZero",
            "severity=\"info\"",
            t0 + d * DAY + 14 * 3600,
            0,
            20,
        );
    }
    let mut rules = String::from("groups:\n- name: planted\n  interval: 1m\n  rules:\n");
    for (n, s, f) in [
        ("Flappy", "warning", "0s"),
        ("Transient", "critical", "1m"),
        ("Stuck", "warning", "5m"),
        ("NodeDown", "critical", "5m"),
        ("PodUnreachable", "warning", "5m"),
        ("PendingOnly", "warning", "10m"),
        ("ForZero", "info", "0s"),
        ("NeverFires", "warning", "5m"),
    ] {
        rules.push_str(&rule(n, s, f));
    }
    // A rule whose evaluation fails at run time (two series on the right with the same
    // empty match group), and one with nothing but an expression.
    rules.push_str("  - alert: Broken\n    expr: up * on() group_left() {__name__=~\"up|scrape_duration_seconds\"}\n    for: 1m\n    labels: {severity: warning}\n    annotations: {summary: s, runbook_url: r}\n");
    rules.push_str("  - alert: Bare\n    expr: vector(0) > 1\n");
    (h, rules)
}

fn by_name<'a>(j: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    j["alerts"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["alertname"] == name))
        .unwrap_or_else(|| panic!("no {name} in {}", j["alerts"]))
}

fn checks_of(j: &serde_json::Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = j["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["check"].as_str().unwrap_or_default().to_string(),
                f["object"]["name"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[tokio::test]
async fn the_report_counts_exactly_what_was_planted_in_thirty_days() {
    let e = end();
    let (history, rules) = planted(e);
    let Some(prom) =
        testcluster::prometheus::start_with_history(&rules, &history.openmetrics()).await
    else {
        return;
    };
    // Wait for the broken rule's first evaluation.
    testcluster::testing::eventually(
        "the broken rule to be evaluated",
        std::time::Duration::from_secs(90),
        || {
            let url = prom.url.clone();
            async move {
                let r = alerts(&[
                    "rules",
                    "--prometheus",
                    &url,
                    "--since",
                    "1h",
                    "-o",
                    "json",
                    "--fail-on",
                    "never",
                ]);
                r.stdout.contains("broken-rule").then_some(())
            }
        },
    )
    .await;
    let until = e.to_string();
    let r = alerts(&[
        "report",
        "--prometheus",
        &prom.url,
        "--since",
        "30d",
        "--until",
        &until,
        "-o",
        "json",
    ]);
    assert_eq!(
        r.code, 1,
        "a broken rule fails the default gate (critical): {}",
        r.stderr
    );
    let j = r.json();
    assert_eq!(j["kind"], "AlertReport");
    assert_eq!(j["apiVersion"], "alerts.sre-toolkit.io/v1alpha1");
    assert_eq!(
        j["metadata"]["stepSeconds"], 60.0,
        "the rule group's interval"
    );

    let a = |n: &str, k: &str| by_name(&j, n)[k].clone();
    // Episodes and notifications, per alert.
    for (name, episodes) in [
        ("Flappy", 10),
        ("Transient", 12),
        ("Stuck", 1),
        ("NodeDown", 5),
        ("PodUnreachable", 5),
        ("ForZero", 3),
    ] {
        assert_eq!(a(name, "episodes"), episodes, "{name}");
        assert_eq!(a(name, "notifications"), episodes, "{name}");
    }
    assert_eq!(j["totals"]["notifications"], 36);
    assert_eq!(j["totals"]["alerts"], 6);
    // Durations: two minutes, three minutes, thirty minutes.
    assert_eq!(a("Flappy", "durationP50"), 120.0);
    assert_eq!(a("Transient", "durationP50"), 180.0);
    assert_eq!(a("NodeDown", "durationP50"), 1800.0);
    // Transient: every Flappy and Transient episode; none of the others.
    assert_eq!(a("Flappy", "transient"), 10);
    assert_eq!(a("Transient", "transient"), 12);
    assert_eq!(a("NodeDown", "transient"), 0);
    // Pending: Transient's pendings all fired; PendingOnly's never did.
    assert_eq!(
        (
            a("Transient", "pending"),
            a("Transient", "pendingNeverFired")
        ),
        (12.into(), 0.into())
    );
    assert_eq!(
        (
            a("PendingOnly", "pending"),
            a("PendingOnly", "pendingNeverFired")
        ),
        (4.into(), 4.into())
    );
    assert_eq!(a("PendingOnly", "episodes"), 0);
    // Flapping: one label set, and only Flappy.
    assert_eq!(a("Flappy", "flappingLabelSets"), 1);
    assert!(a("Flappy", "maxPsc").as_f64().unwrap() >= 40.0);
    assert_eq!(j["flapping"].as_array().unwrap().len(), 1);
    // Stuck: open, three days.
    assert_eq!(a("Stuck", "stuck"), 1);
    // The cross-check: ALERTS_FOR_STATE activations agree with the episodes.
    assert_eq!(a("Transient", "activations"), 12);
    assert_eq!(a("ForZero", "activations"), 3);
    assert_eq!(a("Flappy", "activations"), 10);
    // Co-firing: NodeDown (P1) inhibits PodUnreachable on equal namespace.
    let pairs = j["cofiring"].as_array().unwrap();
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert_eq!(pairs[0]["source"], "NodeDown");
    assert_eq!(pairs[0]["target"], "PodUnreachable");
    assert_eq!(pairs[0]["equal"], serde_json::json!(["namespace"]));
    assert_eq!(pairs[0]["targetStartedDuringSource"], 5);
    // Recommendations and the reduction: Flappy's 10, Transient's 12, PodUnreachable's 5.
    let rec = |n: &str, id: &str| {
        j["recommendations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["alertname"] == n && r["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no {id} for {n}: {}", j["recommendations"]))
    };
    assert_eq!(rec("Transient", "raise-for")["snippet"], "for: 4m");
    assert_eq!(rec("Transient", "raise-for")["wouldRemove"], 12);
    assert_eq!(
        rec("Flappy", "add-keep-firing-for")["snippet"],
        "keep_firing_for: 2m"
    );
    assert_eq!(rec("Flappy", "add-keep-firing-for")["wouldRemove"], 9);
    assert_eq!(rec("PodUnreachable", "add-inhibit-rule")["wouldRemove"], 5);
    rec("Transient", "lower-severity");
    rec("NeverFires", "delete-rule");
    rec("Broken", "fix-expression");
    assert_eq!(j["reduction"]["removed"], 27);
    assert_eq!(j["reduction"]["percent"], 75.0);
    // Tiers: 17 of 36 are P1.
    assert_eq!(j["tiers"]["notifications"]["P1"], 17);
    // Every finding, exactly.
    let want: Vec<(String, String)> = [
        ("broken-rule", "Broken"),
        ("co-firing", "PodUnreachable"),
        ("dead-rule", "Bare"),
        ("dead-rule", "NeverFires"),
        ("flapping", "Flappy"),
        ("pending-never-fired", "PendingOnly"),
        ("rule-without-for", "Bare"),
        ("rule-without-for", "Flappy"),
        ("rule-without-for", "ForZero"),
        ("rule-without-runbook", "Bare"),
        ("rule-without-severity", "Bare"),
        ("rule-without-summary", "Bare"),
        ("stuck", "Stuck"),
        ("tier-mix", &prom.url),
        ("transient", "Flappy"),
        ("transient", "Transient"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(checks_of(&j), want);

    // The table says the same, and the other commands agree.
    let t = alerts(&[
        "report",
        "--prometheus",
        &prom.url,
        "--since",
        "30d",
        "--until",
        &until,
        "--fail-on",
        "never",
    ]);
    assert_eq!(t.code, 0, "{}", t.stderr);
    assert!(
        t.stdout.contains("removed 27 of 36 notifications (75%)"),
        "{}",
        t.stdout
    );
    let top = alerts(&[
        "top",
        "--prometheus",
        &prom.url,
        "--since",
        "30d",
        "--until",
        &until,
        "--top",
        "2",
        "-o",
        "json",
    ]);
    let top = top.json();
    let names: Vec<&str> = top["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["alertname"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Transient", "Flappy"]);
    let by_time = alerts(&[
        "top",
        "--prometheus",
        &prom.url,
        "--since",
        "30d",
        "--until",
        &until,
        "--top",
        "1",
        "--by",
        "time",
        "-o",
        "json",
    ]);
    assert_eq!(by_time.json()["items"][0]["alertname"], "Stuck");
    let flap = alerts(&[
        "flapping",
        "--prometheus",
        &prom.url,
        "--since",
        "30d",
        "--until",
        &until,
    ]);
    assert!(
        flap.stdout.contains("Flappy") && !flap.stdout.contains("Transient"),
        "{}",
        flap.stdout
    );
    let gate = alerts(&[
        "rules",
        "--prometheus",
        &prom.url,
        "--since",
        "30d",
        "--until",
        &until,
        "--fail-on",
        "warning",
    ]);
    assert_eq!(gate.code, 1, "{}", gate.stderr);
    assert!(
        gate.stdout.contains("rule-without-severity") && !gate.stdout.contains("transient"),
        "{}",
        gate.stdout
    );
    let html_dir = tempfile::tempdir().unwrap();
    let html = html_dir.path().join("alerts.html");
    let md = alerts(&[
        "report",
        "--prometheus",
        &prom.url,
        "--since",
        "30d",
        "--until",
        &until,
        "-o",
        "markdown",
        "--fail-on",
        "never",
        "--html",
        html.to_str().unwrap(),
    ]);
    assert!(
        md.stdout.contains("# Alert report") && md.stdout.contains("| Transient | P1 | 12 |"),
        "{}",
        md.stdout
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("id=\"heatmap\"")
            && page.contains("id=\"timelines\"")
            && page.contains("id=\"offenders\"")
    );
    // Transient's twelve daily pages are in their hour's column of the heat map (UTC).
    let hour = ((e - 30 * DAY + 3 * 3600 + 90).rem_euclid(DAY) / 3600) as usize;
    let heat: u64 = j["heatMap"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[hour].as_u64().unwrap())
        .sum();
    assert_eq!(heat, 12);

    through_the_service_proxy(&prom, &until, &j).await;
}

/// The same report through `svc/NAME:PORT` on the real local control plane (the API
/// server's service proxy; Prometheus runs beside the cluster as a stand-in for its pod,
/// since no kubelet runs pods here), and a user who may not proxy gets exit 4.
async fn through_the_service_proxy(
    prom: &testcluster::prometheus::Prometheus,
    until: &str,
    direct: &serde_json::Value,
) {
    let Some(env) = testcluster::testing::env().await else {
        return;
    };
    let ns = env.namespace("alerts-proxy").await;
    let node =
        testcluster::prometheus::serve_as_service(&ns, "prometheus", 9090, prom.port()).await;
    let kubeconfig = env.kubeconfig.display().to_string();
    let args = |context: &'static str| -> Vec<String> {
        [
            "report",
            "--prometheus",
            "svc/prometheus:9090",
            "-n",
            &ns.name,
            "--kubeconfig",
            &kubeconfig,
            "--context",
            context,
            "--since",
            "30d",
            "--until",
            until,
            "-o",
            "json",
            "--fail-on",
            "never",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let a = args("admin");
    let r = alerts(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let proxied = r.json();
    assert_eq!(proxied["totals"], direct["totals"]);
    assert_eq!(proxied["reduction"], direct["reduction"]);
    let l = args("limited");
    let denied = alerts(&l.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(denied.code, 4, "{}", denied.stderr);
    testcluster::prometheus::stop_serving(ns, &node).await;
}

#[tokio::test]
async fn a_quiet_history_raises_nothing() {
    let e = end();
    let mut h = History::default();
    // One real incident: an hour of DiskFull, with a complete rule.
    h.plant(
        "DiskFull",
        "severity=\"warning\",disk=\"sdb\"",
        e - 5 * DAY,
        5,
        60,
    );
    let rules = format!(
        "groups:\n- name: quiet\n  interval: 1m\n  rules:\n{}",
        rule("DiskFull", "warning", "5m")
    );
    let Some(prom) = testcluster::prometheus::start_with_history(&rules, &h.openmetrics()).await
    else {
        return;
    };
    let until = e.to_string();
    let r = alerts(&[
        "report",
        "--prometheus",
        &prom.url,
        "--since",
        "30d",
        "--until",
        &until,
        "-o",
        "json",
        "--fail-on",
        "info",
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let j = r.json();
    assert_eq!(checks_of(&j), Vec::<(String, String)>::new());
    assert_eq!(j["totals"]["notifications"], 1);
    assert_eq!(by_name(&j, "DiskFull")["durationP50"], 3600.0);
    assert_eq!(j["reduction"]["removed"], 0);
}

#[tokio::test]
async fn an_empty_prometheus_says_so_instead_of_an_empty_success() {
    let Some(prom) = testcluster::prometheus::start("").await else {
        return;
    };
    let r = alerts(&[
        "report",
        "--prometheus",
        &prom.url,
        "--since",
        "1h",
        "--fail-on",
        "warning",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("no ALERTS samples"), "{}", r.stderr);
    assert!(r.stdout.contains("no-alert-data"), "{}", r.stdout);
}

/// A fleet of two real Prometheus servers and one that is down: every episode carries its
/// cluster, the totals are split per cluster, a rule is dead only where its alert never
/// fired, and the member that cannot be read is a missing window, not a failed report.
#[tokio::test]
async fn a_fleet_is_one_report_with_each_cluster_labelled() {
    let e = end();
    let mut eu = History::default();
    eu.plant(
        "DiskFull",
        "severity=\"warning\",disk=\"sdb\"",
        e - 5 * DAY,
        5,
        60,
    );
    let mut us = History::default();
    for d in [3, 4] {
        us.plant(
            "DiskFull",
            "severity=\"warning\",disk=\"sdc\"",
            e - d * DAY,
            5,
            30,
        );
    }
    let group = |extra: &str| {
        format!(
            "groups:\n- name: fleet\n  interval: 1m\n  rules:\n{}{extra}",
            rule("DiskFull", "warning", "5m")
        )
    };
    let Some(a) = testcluster::prometheus::start_with_history(&group(""), &eu.openmetrics()).await
    else {
        return;
    };
    let Some(b) = testcluster::prometheus::start_with_history(
        &group(&rule("NeverFires", "warning", "5m")),
        &us.openmetrics(),
    )
    .await
    else {
        return;
    };
    let until = e.to_string();
    let (pa, pb) = (format!("eu={}", a.url), format!("us={}", b.url));
    let r = alerts(&[
        "report",
        "--prometheus",
        &pa,
        "--prometheus",
        &pb,
        "--prometheus",
        "down=http://127.0.0.1:1",
        "--since",
        "30d",
        "--until",
        &until,
        "-o",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("cluster down: "), "{}", r.stderr);
    let j = r.json();
    let clusters: Vec<(String, u64, u64, bool)> = j["totals"]["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["notifications"].as_u64().unwrap(),
                c["rules"].as_u64().unwrap(),
                c["error"].is_string(),
            )
        })
        .collect();
    assert_eq!(
        clusters,
        vec![
            ("eu".to_string(), 1, 1, false),
            ("us".to_string(), 2, 2, false),
            ("down".to_string(), 0, 0, true)
        ]
    );
    assert_eq!(j["totals"]["notifications"], 3);
    let disk = by_name(&j, "DiskFull");
    assert_eq!(disk["labelSets"], 2, "one per cluster and disk");
    assert_eq!(disk["notifications"], 3);
    let mut found = checks_of(&j);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("dead-rule".to_string(), "NeverFires".to_string()),
            (
                "missing-window".to_string(),
                j["metadata"]["source"].as_str().unwrap().to_string()
            ),
        ],
        "{}",
        serde_json::to_string_pretty(&j["findings"]).unwrap()
    );
    let dead = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == "dead-rule")
        .unwrap();
    assert!(
        dead["message"].as_str().unwrap().contains("cluster us"),
        "{dead}"
    );
    let missing = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == "missing-window")
        .unwrap();
    assert!(
        missing["message"]
            .as_str()
            .unwrap()
            .contains("cluster down"),
        "{missing}"
    );

    // The table names every cluster.
    let t = alerts(&[
        "report",
        "--prometheus",
        &pa,
        "--prometheus",
        &pb,
        "--since",
        "30d",
        "--until",
        &until,
        "--fail-on",
        "never",
    ]);
    assert_eq!(t.code, 0, "{}", t.stderr);
    assert!(t.stdout.contains("Clusters:"), "{}", t.stdout);
    for name in ["eu ", "us "] {
        assert!(
            t.stdout.lines().any(|l| l.starts_with(name)),
            "{}",
            t.stdout
        );
    }
}

/// The bcrypt hash of `s3cret-test-only` (cost 4), for Prometheus' web config.
const TEST_PASSWORD_HASH: &str = "$2b$04$XA3ehwD/yZga1Q16fJMSTOCAnm9n8bJDuAuLt5H.NRsAo2qTMfb..";

/// Prometheus behind its own TLS and basic auth (`--web.config.file`): the custom CA and the
/// password get through; a wrong password is exit 4; without the CA the certificate is
/// refused; skipping verification (loudly insecure) also reads.
#[tokio::test]
async fn tls_with_a_custom_ca_and_basic_auth_reach_prometheus() {
    let pki_dir = tempfile::tempdir().unwrap();
    testcluster::pki::generate(pki_dir.path()).unwrap();
    let p = |f: &str| pki_dir.path().join(f).display().to_string();
    let extra = testcluster::prometheus::Extra {
        web_config: format!(
            "tls_server_config:\n  cert_file: {}\n  key_file: {}\nbasic_auth_users:\n  sre: '{TEST_PASSWORD_HASH}'\n",
            p("apiserver.crt"),
            p("apiserver.key")
        ),
        ..Default::default()
    };
    let Some(prom) = testcluster::prometheus::start_with("", &extra).await else {
        return;
    };
    assert!(prom.url.starts_with("https://"), "{}", prom.url);
    let ca = p("ca.crt");
    let report = |extra: &[&str]| {
        let mut a = vec![
            "report",
            "--prometheus",
            &prom.url,
            "--since",
            "1h",
            "-o",
            "json",
            "--fail-on",
            "never",
        ];
        a.extend_from_slice(extra);
        alerts(&a)
    };
    let ok = testcluster::testing::eventually(
        "Prometheus to answer over TLS",
        std::time::Duration::from_secs(30),
        || async {
            let r = report(&[
                "--prometheus-ca",
                &ca,
                "--prometheus-basic-auth",
                "sre:s3cret-test-only",
            ]);
            (r.code == 0).then_some(r)
        },
    )
    .await;
    assert_eq!(
        checks_of(&ok.json()),
        vec![("no-alert-data".to_string(), prom.url.clone())]
    );
    let wrong = report(&[
        "--prometheus-ca",
        &ca,
        "--prometheus-basic-auth",
        "sre:wrong",
    ]);
    assert_eq!(wrong.code, 4, "{}", wrong.stderr);
    let untrusted = report(&["--prometheus-basic-auth", "sre:s3cret-test-only"]);
    assert_eq!(untrusted.code, 5, "{}", untrusted.stderr);
    assert!(
        untrusted.stderr.to_lowercase().contains("certificate"),
        "{}",
        untrusted.stderr
    );
    let insecure = report(&[
        "--prometheus-insecure-skip-verify",
        "--prometheus-basic-auth",
        "sre:s3cret-test-only",
    ]);
    assert_eq!(insecure.code, 0, "{}", insecure.stderr);
}
