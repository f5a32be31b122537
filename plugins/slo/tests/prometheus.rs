//! `kubectl slo` against the real Prometheus and promtool (Debian's package, started on
//! loopback by testcluster): generated rules load and evaluate, promtool proves that they
//! page, ticket and stay quiet (and fails when a threshold is wrong), and `report` gives
//! the budgets of a 64-day history backfilled with promtool, checked against the figures
//! computed from the planted data.

use std::collections::BTreeMap;
use std::path::PathBuf;
use testcluster::testing::{Run, require_tool, run_plugin};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-slo"))
}

fn slo(args: &[&str]) -> Run {
    run_plugin(&bin(), args, &[])
}

fn fixtures() -> Vec<String> {
    paths(&["checkout.yaml", "sloth.yaml", "sloth-crd.yaml"])
}

fn paths(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|f| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(f)
                .display()
                .to_string()
        })
        .collect()
}

fn promtool() -> bool {
    let found = std::process::Command::new("promtool")
        .arg("--version")
        .output()
        .is_ok();
    require_tool(
        found,
        "promtool",
        "scripts/test.sh (Debian package prometheus)",
    )
}

fn args<'a>(head: &[&'a str], files: &'a [String]) -> Vec<&'a str> {
    let mut v = head.to_vec();
    v.extend(files.iter().map(String::as_str));
    v
}

#[tokio::test]
async fn generated_rules_pass_promtool_and_evaluate_in_prometheus() {
    if !promtool() {
        return;
    }
    // Every format: ours, Sloth's two, Pyrra's (ratio, latency, boolean gauge, native
    // histogram) and OpenSLO's.
    let files = paths(&[
        "checkout.yaml",
        "sloth.yaml",
        "sloth-crd.yaml",
        "pyrra.yaml",
        "openslo.yaml",
    ]);
    let dir = tempfile::tempdir().expect("tmp");
    for style in ["sre-toolkit", "sloth", "pyrra"] {
        let r = slo(&args(&["generate", "--rule-style", style], &files));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let path = dir.path().join(format!("{style}.yaml"));
        std::fs::write(&path, &r.stdout).expect("write");
        let check = std::process::Command::new("promtool")
            .args(["check", "rules"])
            .arg(&path)
            .output()
            .expect("promtool");
        assert!(
            check.status.success(),
            "{style}: {}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
    }
    let rules = std::fs::read_to_string(dir.path().join("sre-toolkit.yaml")).expect("rules");
    let Some(prom) = testcluster::prometheus::start(&rules).await else {
        return;
    };
    let endpoint = shared::prometheus::Endpoint::parse(&prom.url, "default").expect("url");
    let client =
        shared::prometheus::Client::new(endpoint, Default::default(), None).expect("client");
    // Every group of the file (12 SLOs) loaded; every rule evaluated at least once, none
    // unhealthy.
    let groups_in_file = rules.matches("\n- name: ").count();
    assert!(groups_in_file >= 30, "{groups_in_file} groups:\n{rules}");
    testcluster::testing::eventually(
        "every rule group evaluated",
        std::time::Duration::from_secs(60),
        || async {
            let data = client.api("/api/v1/rules").await.ok()?;
            let groups = data["groups"].as_array()?.clone();
            let rules: Vec<&serde_json::Value> = groups
                .iter()
                .flat_map(|g| g["rules"].as_array().into_iter().flatten())
                .collect();
            let evaluated = rules.iter().all(|r| {
                r["lastEvaluation"]
                    .as_str()
                    .is_some_and(|t| !t.starts_with("0001"))
            });
            (groups.len() == groups_in_file && evaluated).then_some(
                rules
                    .iter()
                    .map(|r| r["health"].clone())
                    .collect::<Vec<_>>(),
            )
        },
    )
    .await
    .iter()
    .for_each(|h| assert_eq!(h, "ok", "rule health"));
}

#[tokio::test]
async fn promtool_proves_the_rules_page_ticket_and_stay_quiet() {
    if !promtool() {
        return;
    }
    let files = fixtures();
    let keep = tempfile::tempdir().expect("tmp");
    let keep_path = keep.path().display().to_string();
    let r = slo(&args(&["test", "-o", "json", "--keep", &keep_path], &files));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let j = r.json();
    assert_eq!(j["kind"], "SLOTestList");
    let verdicts = j["items"].as_array().cloned().unwrap_or_default();
    // checkout: 4 + 3 + 3 scenarios, Sloth's example 3; the gauge-based wifi SLO is skipped.
    assert_eq!(verdicts.len(), 13, "{verdicts:#?}");
    assert!(verdicts.iter().all(|v| v["passed"] == true));
    assert!(
        r.stderr
            .contains("home-wifi-good-wifi-client-satisfaction: not tested"),
        "{}",
        r.stderr
    );
    // Pyrra's kinds: ratio, latency and the boolean gauge are proven; the native histogram
    // is said to be untestable.
    let pyrra = slo(&["test", "-o", "json", &paths(&["pyrra.yaml"])[0]]);
    assert_eq!(pyrra.code, 0, "{}\n{}", pyrra.stdout, pyrra.stderr);
    let items = pyrra.json()["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(items.len(), 9, "{items:#?}");
    assert!(items.iter().all(|v| v["passed"] == true), "{items:#?}");
    assert!(
        items
            .iter()
            .any(|v| v["slo"] == "monitoring-blackbox-probe"),
        "the gauge is tested"
    );
    assert!(
        pyrra
            .stderr
            .contains("monitoring-api-latency-native: not tested: native histograms"),
        "{}",
        pyrra.stderr
    );
    // The same scenarios pass with Sloth's and Pyrra's names.
    for style in ["sloth", "pyrra"] {
        let r = slo(&args(
            &["test", "-o", "json", "--rule-style", style],
            &files,
        ));
        assert_eq!(r.code, 0, "{style}: {}\n{}", r.stdout, r.stderr);
        let items = r.json()["items"].as_array().cloned().unwrap_or_default();
        assert_eq!(items.len(), 13, "{style}");
        assert!(
            items.iter().all(|v| v["passed"] == true),
            "{style}: {items:#?}"
        );
    }
    // The fast burn must fail once the page thresholds are ten times too high.
    let rules = std::fs::read_to_string(keep.path().join("rules.yaml")).expect("rules");
    std::fs::write(
        keep.path().join("rules.yaml"),
        rules
            .replace("(14.4 * 0.001)", "(144 * 0.001)")
            .replace("(6 * 0.001)", "(60 * 0.001)"),
    )
    .expect("sabotage");
    let fast = verdicts
        .iter()
        .position(|v| {
            v["slo"] == "checkout-availability"
                && v["scenario"]
                    .as_str()
                    .is_some_and(|s| s.contains("fast burn"))
        })
        .expect("the fast burn");
    let out = std::process::Command::new("promtool")
        .args(["test", "rules", &format!("case-{:03}.yaml", fast + 1)])
        .current_dir(keep.path())
        .output()
        .expect("promtool");
    assert!(
        !out.status.success(),
        "the fast-burn scenario passed with thresholds it cannot reach"
    );
}

/// Quarter-hour-aligned history: per route, an OK and a 5xx counter every 15 minutes at 10
/// requests per second, with bursts of 5xx where planted.
struct History {
    at: i64,
    start: i64,
    step: i64,
    /// route → (start offset before `at` in seconds, steps, errors per step).
    bursts: BTreeMap<&'static str, Vec<(i64, i64, f64)>>,
}

const PER_STEP: f64 = 9000.0; // 10/s × 900 s

impl History {
    fn errors_at_step(&self, route: &str, t: i64) -> f64 {
        self.bursts
            .get(route)
            .into_iter()
            .flatten()
            .filter(|(before, steps, _)| {
                let first = self.at - before;
                t > first && t <= first + steps * self.step
            })
            .map(|(_, _, e)| *e)
            .sum()
    }

    fn openmetrics(&self) -> String {
        let mut out = String::from("# TYPE http_requests counter\n");
        for route in ["/pay", "/cart", "/search"] {
            let (mut ok, mut bad) = (0.0, 0.0);
            let mut t = self.start;
            while t <= self.at {
                if t > self.start {
                    let e = self.errors_at_step(route, t);
                    bad += e;
                    ok += PER_STEP - e;
                }
                out.push_str(&format!(
                    "http_requests_total{{code=\"200\",job=\"checkout\",route=\"{route}\"}} {ok} {t}\n"
                ));
                out.push_str(&format!(
                    "http_requests_total{{code=\"500\",job=\"checkout\",route=\"{route}\"}} {bad} {t}\n"
                ));
                t += self.step;
            }
        }
        out.push_str("# EOF\n");
        out
    }

    /// Errors and events with timestamps in (from, to].
    fn planted(&self, route: &str, from: i64, to: i64) -> (f64, f64) {
        let mut t = self.start + self.step;
        let (mut e, mut n) = (0.0, 0.0);
        while t <= self.at {
            if t > from && t <= to {
                e += self.errors_at_step(route, t);
                n += PER_STEP;
            }
            t += self.step;
        }
        (e, n)
    }
}

fn spec(name: &str, route: &str, objective: &str, window: &str) -> String {
    format!(
        "apiVersion: slo.sre-toolkit.io/v1alpha1\nkind: SLO\nmetadata: {{name: {name}}}\nspec:\n  service: checkout\n  objective: {objective}\n  window: {window}\n  budgetPolicy: freeze releases\n  sli:\n    ratio:\n      errors: http_requests_total{{route=\"{route}\", code=~\"5..\"}}\n      total: http_requests_total{{route=\"{route}\"}}\n  alerting:\n    runbook: https://runbooks.example/{name}\n"
    )
}

fn close(got: &serde_json::Value, want: f64, what: &str) {
    let g = got.as_f64().unwrap_or_else(|| panic!("{what}: {got}"));
    let tolerance = 1e-3 * want.abs().max(1e-9);
    assert!(
        (g - want).abs() <= tolerance,
        "{what}: got {g}, want {want}"
    );
}

#[tokio::test]
async fn report_matches_the_budget_planted_in_backfilled_history() {
    if !promtool() {
        return;
    }
    let day = 86_400;
    let now = jiff::Timestamp::now().as_second();
    // Yesterday noon UTC: the current month has begun, whatever the day.
    let at = now / day * day - day / 2;
    let history = History {
        at,
        start: at - 64 * day,
        step: 900,
        bursts: [
            // 4 h at 1/6 errors ten days ago: 14,400 errors in the 30-day window.
            ("/pay", vec![(10 * day, 16, 900.0), (45 * day, 24, 4500.0)]),
            // The last 30 minutes at 2/3 errors: burning now.
            ("/cart", vec![(1800, 2, 6000.0)]),
        ]
        .into(),
    };
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("slos.yaml");
    std::fs::write(
        &file,
        [
            spec("pay", "/pay", "99.9", "30d"),
            spec("pay-strict", "/pay", "99.95", "30d"),
            spec("cart", "/cart", "99.9", "30d"),
            spec("search", "/search", "99.9", "30d"),
            // A boolean gauge: a probe that failed 12 times in 30 days at 15-minute samples.
            "apiVersion: slo.sre-toolkit.io/v1alpha1\nkind: SLO\nmetadata: {name: probe}\nspec:\n  service: checkout\n  objective: 99\n  window: 30d\n  sli:\n    boolGauge: {metric: 'probe_success{target=\"shop\"}'}\n  alerting: {runbook: https://runbooks.example/probe}\n".to_string(),
        ]
        .join("---\n"),
    )
    .expect("write");
    let failed_probes: Vec<i64> = (1..=12).map(|k| at - k * 2 * day).collect();
    let mut om = history
        .openmetrics()
        .replace("# EOF\n", "# TYPE probe_success gauge\n");
    let mut t = history.start;
    while t <= at {
        let v = u8::from(!failed_probes.contains(&t));
        om.push_str(&format!("probe_success{{target=\"shop\"}} {v} {t}\n"));
        t += history.step;
    }
    om.push_str("# EOF\n");
    let Some(prom) = testcluster::prometheus::start_with_history("", &om).await else {
        return;
    };
    let file = file.display().to_string();
    let at_text = at.to_string();
    let r = slo(&[
        "report",
        &file,
        "--prometheus",
        &prom.url,
        "--at",
        &at_text,
        "--by-month",
        "2",
        "-o",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(r.code, 0, "--fail-on never: {}", r.stderr);
    let j = r.json();
    assert_eq!(j["kind"], "SLOReport");
    let items: BTreeMap<String, serde_json::Value> = j["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| (i["slo"].as_str().unwrap_or_default().to_string(), i.clone()))
        .collect();
    let (errors, events) = history.planted("/pay", at - 30 * day, at);
    assert_eq!(errors, 14_400.0);
    let pay = &items["checkout-pay"];
    close(&pay["errors"], errors, "pay errors");
    close(&pay["events"], events, "pay events");
    close(
        &pay["sliPercent"],
        (1.0 - errors / events) * 100.0,
        "pay SLI",
    );
    close(
        &pay["budgetRemaining"],
        1.0 - errors / (events * 0.001),
        "pay budget left",
    );
    assert_eq!(pay["status"], "ok");
    let strict = &items["checkout-pay-strict"];
    assert_eq!(strict["status"], "exhausted", "{strict}");
    assert_eq!(strict["policy"], "freeze releases");
    assert_eq!(items["checkout-cart"]["status"], "burning");
    // The probe: events are its samples in the window, errors the failed ones.
    let probe = &items["checkout-probe"];
    close(&probe["events"], 30.0 * 96.0, "probe samples");
    close(&probe["errors"], 12.0, "failed probes");
    close(
        &probe["budgetRemaining"],
        1.0 - (12.0 / 2880.0) / 0.01,
        "probe budget left",
    );
    let search = &items["checkout-search"];
    assert_eq!(search["status"], "ok");
    close(&search["budgetRemaining"], 1.0, "search budget left");
    assert_eq!(search["burnRates"]["1h"], 0.0);
    // The months, each from its own first second to its last (the current one to --at).
    let months = pay["months"].as_array().cloned().unwrap_or_default();
    assert_eq!(months.len(), 2);
    let bounds = slo::report::months(jiff::Timestamp::from_second(at).expect("at"), 2);
    for (m, (label, from, to)) in months.iter().zip(&bounds) {
        assert_eq!(m["month"], label.as_str());
        let (e, n) = history.planted("/pay", *from, *to);
        close(&m["events"], n, &format!("{label} events"));
        if e > 0.0 {
            close(&m["errors"], e, &format!("{label} errors"));
        } else {
            assert_eq!(m["errors"].as_f64().unwrap_or(-1.0), 0.0, "{label}: {m}");
        }
        let status = if e / n > 0.001 { "exhausted" } else { "ok" };
        assert_eq!(m["status"], status, "{label}: {m}");
    }
    // The HTML report: per SLO a burn-down ending at the budget the JSON gives, and a
    // burn-rate chart; the burning cart's last 1h burn rate is far above 1.
    let page_path = dir.path().join("slo.html");
    let page_arg = page_path.display().to_string();
    let html = slo(&[
        "report",
        &file,
        "--prometheus",
        &prom.url,
        "--at",
        &at_text,
        "--html",
        &page_arg,
        "--fail-on",
        "never",
    ]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    let page = std::fs::read_to_string(&page_path).expect("html");
    let last = |id: &str| -> f64 {
        let at = page
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("no {id}"));
        let rest = &page[at..];
        let v = rest
            .split("data-last=\"")
            .nth(1)
            .and_then(|r| r.split('"').next());
        v.and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{id}: no data-last"))
    };
    for id in [
        "checkout-pay",
        "checkout-pay-strict",
        "checkout-cart",
        "checkout-search",
    ] {
        close(
            &serde_json::json!(last(&format!("burndown-{id}"))),
            items[id]["budgetRemaining"].as_f64().unwrap_or(f64::NAN),
            &format!("{id} burn-down ends at the budget left"),
        );
        assert!(page.contains(&format!("id=\"burnrate-{id}\"")), "{id}");
    }
    assert!(last("burnrate-checkout-cart") > 14.4);
    assert_eq!(last("burnrate-checkout-search"), 0.0);
    let gate = slo(&["report", &file, "--prometheus", &prom.url, "--at", &at_text]);
    assert_eq!(
        gate.code, 1,
        "a spent budget fails the default gate (--fail-on critical): {}",
        gate.stderr
    );
    assert!(gate.stdout.contains("exhausted") && gate.stdout.contains("checkout-pay-strict"));
    through_the_service_proxy(&prom, &file, &at_text, &j).await;
}

/// The same report through `svc/NAME:PORT`: the API server's service proxy of the real local
/// control plane, to a selector-less Service whose Endpoints name this machine's address
/// (no kubelet runs pods here, so Prometheus runs beside the cluster, as a stand-in for its pod).
async fn through_the_service_proxy(
    prom: &testcluster::prometheus::Prometheus,
    file: &str,
    at: &str,
    direct: &serde_json::Value,
) {
    let Some(env) = testcluster::testing::env().await else {
        return;
    };
    let ns = env.namespace("slo-proxy").await;
    let node =
        testcluster::prometheus::serve_as_service(&ns, "prometheus", 9090, prom.port()).await;
    let kubeconfig = env.kubeconfig.display().to_string();
    let r = slo(&[
        "report",
        file,
        "--prometheus",
        "svc/prometheus:9090",
        "-n",
        &ns.name,
        "--kubeconfig",
        &kubeconfig,
        "--context",
        "admin",
        "--at",
        at,
        "--fail-on",
        "never",
        "-o",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let statuses = |j: &serde_json::Value| -> Vec<(String, String)> {
        j["items"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|i| (i["slo"].to_string(), i["status"].to_string()))
            .collect()
    };
    let proxied = r.json();
    assert_eq!(statuses(&proxied), statuses(direct));
    assert_eq!(proxied["items"][0]["errors"], direct["items"][0]["errors"]);
    // A user who may not proxy to Services in that namespace gets the API's 403 (exit 4).
    let denied = slo(&[
        "report",
        file,
        "--prometheus",
        "svc/prometheus:9090",
        "-n",
        &ns.name,
        "--kubeconfig",
        &kubeconfig,
        "--context",
        "limited",
        "--at",
        at,
    ]);
    assert_eq!(denied.code, 4, "{}", denied.stderr);
    testcluster::prometheus::stop_serving(ns, &node).await;
}

/// Rewrites the scrape target's metrics every 200 ms: per route, 10 requests and 1 error
/// more each time (an error ratio of exactly 10 %).
fn counting_target(dir: std::path::PathBuf, stop: std::sync::Arc<std::sync::atomic::AtomicBool>) {
    let mut n: u64 = 0;
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        n += 1;
        let mut text = String::from("# TYPE http_requests_total counter\n");
        for route in ["/pay", "/cart"] {
            text.push_str(&format!(
                "http_requests_total{{route=\"{route}\",code=\"200\"}} {}\nhttp_requests_total{{route=\"{route}\",code=\"500\"}} {n}\n",
                9 * n
            ));
        }
        let tmp = dir.join("metrics.tmp");
        std::fs::write(&tmp, text).expect("metrics");
        std::fs::rename(&tmp, dir.join("metrics")).expect("metrics");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// The Grafana dashboard's every panel query, run against the real Prometheus evaluating
/// the generated rules over a scraped target at 10 % errors: each returns the SLO's series
/// (both routes of the `groupBy`), and the error-ratio panel shows 10 %.
#[tokio::test]
async fn dashboard_panels_query_what_the_generated_rules_record() {
    if !promtool() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("slo.yaml");
    std::fs::write(
        &file,
        "apiVersion: slo.sre-toolkit.io/v1alpha1\nkind: SLO\nmetadata: {name: availability}\nspec:\n  service: checkout\n  objective: 99.9\n  window: 30d\n  groupBy: [route]\n  sli:\n    ratio:\n      errors: http_requests_total{job=\"demo\", code=~\"5..\"}\n      total: http_requests_total{job=\"demo\"}\n  alerting: {runbook: https://runbooks.example/checkout}\n",
    )
    .expect("write");
    let file = file.display().to_string();
    let rules = slo(&["generate", &file]);
    assert_eq!(rules.code, 0, "{}", rules.stderr);
    let board = slo(&["generate", &file, "--emit", "grafana"]);
    assert_eq!(board.code, 0, "{}", board.stderr);
    let board = board.json();
    assert_eq!(board["title"], "SLO checkout / availability");
    let queries = slo::dashboard::queries(&board);
    assert_eq!(queries.len(), 15);

    let metrics = tempfile::tempdir().expect("tmp");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (d, s) = (metrics.path().to_path_buf(), stop.clone());
        std::thread::spawn(move || counting_target(d, s))
    };
    let target = testcluster::prometheus::FileTarget::serve(metrics.path());
    let port = target.port;
    let extra = testcluster::prometheus::Extra {
        scrape_configs: format!(
            "- job_name: demo\n  static_configs: [{{targets: ['127.0.0.1:{port}']}}]\n"
        ),
        ..Default::default()
    };
    let started = testcluster::prometheus::start_with(&rules.stdout, &extra).await;
    let Some(prom) = started else {
        return;
    };
    let endpoint = shared::prometheus::Endpoint::parse(&prom.url, "default").expect("url");
    let client =
        shared::prometheus::Client::new(endpoint, Default::default(), None).expect("client");
    let answers = testcluster::testing::eventually(
        "every panel query to return the SLO's series",
        std::time::Duration::from_secs(90),
        || {
            let (client, queries) = (&client, &queries);
            async move {
                let mut out = Vec::new();
                for q in queries {
                    let samples = client.query(q).await.ok()?;
                    let wanted = if q.contains("ALERTS")
                        || q.starts_with("vector(")
                        || q.contains(":objective:")
                    {
                        1
                    } else {
                        2 // one series per route
                    };
                    if q.contains("ALERTS") {
                        // The page alert fires at 10 % errors (100x the budget).
                        if samples.is_empty() {
                            return None;
                        }
                    } else if samples.len() != wanted {
                        return None;
                    }
                    out.push((q.clone(), samples));
                }
                Some(out)
            }
        },
    )
    .await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = writer.join();
    drop(target);
    for (q, samples) in &answers {
        if q.starts_with("slo:sli_error:ratio_rate5m") {
            for s in samples {
                assert!((s.value - 0.1).abs() < 1e-6, "{q}: {s:?}");
                assert!(s.metric.contains_key("route"), "{q}: {s:?}");
            }
        }
        if q.starts_with("slo:objective:ratio") {
            assert!((samples[0].value - 0.999).abs() < 1e-12, "{q}: {samples:?}");
        }
        if q.contains("ALERTS") {
            assert!(
                samples
                    .iter()
                    .any(|s| s.metric.get("slo_tier").map(String::as_str) == Some("page")),
                "{q}: {samples:?}"
            );
        }
    }
}
