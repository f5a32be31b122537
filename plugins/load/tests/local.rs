//! `kubectl load run --local` against a real HTTP server on loopback (hyper, in this test
//! process) with a known fixed delay, a stall, and a session journey. No cluster needed.
#![allow(clippy::unwrap_used)]

mod support;

use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;
use support::{Behaviour, serve};
use testcluster::testing::{Run, run_plugin};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-load"))
}

/// Runs the plugin off the async runtime (the target server lives on it).
async fn load(args: Vec<String>) -> Run {
    tokio::task::spawn_blocking(move || {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        run_plugin(&bin(), &a, &[])
    })
    .await
    .unwrap()
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn ms(report: &Value, which: &str, q: &str) -> f64 {
    report["summary"][which][q].as_f64().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn open_model_measures_a_fixed_delay() {
    let target = serve(Behaviour::delay(20)).await;
    let r = load(args(&[
        "run",
        &target.url,
        "--rate",
        "100/s",
        "--duration",
        "3s",
        "-o",
        "json",
        "--threshold",
        "p99<500ms",
    ]))
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    let s = &report["summary"];
    let requests = s["requests"].as_u64().unwrap();
    assert!(
        (290..=301).contains(&requests),
        "{requests} requests at 100/s for 3 s"
    );
    assert_eq!(s["errors"], 0);
    assert_eq!(s["dropped"], 0);
    assert!(
        (s["achievedRate"].as_f64().unwrap() - 100.0).abs() < 5.0,
        "{s}"
    );
    // The server takes 20 ms: no request can be faster (a floor, not a timing bound), and
    // the percentiles are ordered.
    let (p50, p99) = (ms(&report, "latency", "p50"), ms(&report, "latency", "p99"));
    assert!(p50 >= 19.5, "p50 {p50} below the server's own 20 ms");
    assert!(p99 >= p50, "p99 {p99} < p50 {p50}");
    assert_eq!(report["thresholds"][0]["passed"], true);
    assert_eq!(report["metadata"]["model"], "open");
    assert!(report["timeline"].as_array().unwrap().len() >= 3);
    assert_eq!(
        target.answered.load(std::sync::atomic::Ordering::Relaxed),
        requests
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stall_shows_in_the_corrected_latency() {
    // Every request arriving between 1 s and 2 s waits until 2 s. With 10 connections at
    // 100/s, about 100 requests are due during the stall: a closed-loop measurement sees
    // only the 10 that were in flight; the open model measures each from its intended start.
    let b = Behaviour {
        delay: Duration::from_millis(1),
        stall_at: Some(Duration::from_secs(1)),
        stall_for: Duration::from_secs(1),
    };
    let target = serve(b).await;
    let r = load(args(&[
        "run",
        &target.url,
        "--rate",
        "100/s",
        "--duration",
        "4s",
        "--connections",
        "10",
        "-o",
        "json",
    ]))
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    let corrected_p90 = ms(&report, "latency", "p90");
    let service_p90 = ms(&report, "serviceTime", "p90");
    // Requests due during the 1 s stall waited for it: the corrected latency includes the
    // wait (a floor set by the planted stall), the service time does not (order).
    assert!(
        corrected_p90 > 200.0,
        "corrected p90 {corrected_p90} must show the stall"
    );
    assert!(
        service_p90 < corrected_p90,
        "service-time p90 {service_p90} hides it (coordinated omission)"
    );
    assert!(
        ms(&report, "latency", "p99") > 700.0,
        "{}",
        report["summary"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn closed_model_and_thresholds_gate_the_exit_code() {
    let target = serve(Behaviour::delay(10)).await;
    let r = load(args(&[
        "run",
        &target.url,
        "--users",
        "4",
        "--duration",
        "2s",
        "-o",
        "json",
        "--threshold",
        "p50<1ms",
        "--threshold",
        "errors<1%",
    ]))
    .await;
    assert_eq!(r.code, 1, "a breached threshold exits 1: {}", r.stderr);
    let report = r.json();
    assert_eq!(report["metadata"]["model"], "closed");
    assert_eq!(report["metadata"]["users"], 4);
    let rate = report["summary"]["achievedRate"].as_f64().unwrap();
    assert!(
        (150.0..=420.0).contains(&rate),
        "4 users x 10 ms: about 400/s at most, got {rate}"
    );
    assert_eq!(report["thresholds"][0]["passed"], false);
    assert_eq!(report["thresholds"][1]["passed"], true);
    // Errors by status code.
    let r = load(args(&[
        "run",
        &format!("{}/fail", target.url),
        "--rate",
        "50/s",
        "--duration",
        "1s",
        "-o",
        "json",
        "--threshold",
        "errors<1%",
    ]))
    .await;
    assert_eq!(r.code, 1);
    let report = r.json();
    assert_eq!(report["summary"]["errorRate"], 1.0);
    assert!(
        report["summary"]["errorKinds"]["status 503"]
            .as_u64()
            .unwrap()
            >= 45
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn reports_markdown_html_and_compare() {
    let target = serve(Behaviour::delay(2)).await;
    let dir = tempfile::tempdir().unwrap();
    let (a, b, html) = (
        dir.path().join("a.json"),
        dir.path().join("b.json"),
        dir.path().join("r.html"),
    );
    let r = load(args(&[
        "run",
        &target.url,
        "--rate",
        "50/s",
        "--duration",
        "2s",
        "-o",
        "json",
        "--html",
        html.to_str().unwrap(),
    ]))
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::fs::write(&a, &r.stdout).unwrap();
    let slow = serve(Behaviour::delay(30)).await;
    let r = load(args(&[
        "run",
        &slow.url,
        "--rate",
        "50/s",
        "--duration",
        "2s",
        "-o",
        "json",
    ]))
    .await;
    std::fs::write(&b, &r.stdout).unwrap();
    let md = load(args(&[
        "run",
        &target.url,
        "--rate",
        "20/s",
        "--duration",
        "1s",
        "-o",
        "markdown",
        "--threshold",
        "p99<1s",
    ]))
    .await;
    assert!(
        md.stdout.contains("| `p99<1s` |")
            && md.stdout.contains("| latency (from intended start) |"),
        "{}",
        md.stdout
    );
    let cmp = load(args(&["compare", a.to_str().unwrap(), b.to_str().unwrap()])).await;
    assert_eq!(cmp.code, 0, "{}", cmp.stderr);
    assert!(cmp.stdout.contains("p99 ms"), "{}", cmp.stdout);
    let gate = load(args(&[
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--max-regression",
        "10%",
        "-o",
        "json",
    ]))
    .await;
    assert_eq!(
        gate.code, 1,
        "p99 went from ~2 ms to ~30 ms: {}",
        gate.stdout
    );
    let deltas: Value = serde_json::from_str(&gate.stdout).unwrap();
    let p99 = deltas
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["metric"] == "p99 ms")
        .unwrap();
    assert!(p99["after"].as_f64().unwrap() > p99["before"].as_f64().unwrap());
    // The HTML report renders in a real browser: the script drew both plots.
    if let Some(dom) = testcluster::testing::chromium_dom(&html) {
        assert!(dom.contains("data-series=\"p99\""), "{dom}");
        assert!(dom.contains("data-series=\"requests\""), "{dom}");
        // Axes with ticks and a legend, drawn by the page's own script.
        assert!(
            dom.contains("class=\"x-axis\"") && dom.contains("class=\"y-axis\""),
            "{dom}"
        );
        assert!(
            dom.contains(">0s</text>") && dom.matches("class=\"legend\"").count() >= 2,
            "{dom}"
        );
        assert!(dom.contains("Load test"), "{dom}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn scenario_journey_reuses_extracted_values() {
    let target = serve(Behaviour::delay(1)).await;
    let dir = tempfile::tempdir().unwrap();
    let journey = dir.path().join("journey.yaml");
    std::fs::write(
        &journey,
        r#"
apiVersion: load.sre-toolkit.io/v1alpha1
kind: Scenario
name: checkout
thinkTime: 5ms
steps:
- name: login
  method: POST
  path: /login
  body: '{"user": "${user}"}'
  extract: {token: {json: session.token}}
- name: cart
  path: /cart
  headers: {authorization: "Bearer ${token}"}
  weight: 2
"#,
    )
    .unwrap();
    let r = load(args(&[
        "run",
        &target.url,
        "--scenario",
        journey.to_str().unwrap(),
        "--users",
        "3",
        "--duration",
        "2s",
        "-o",
        "json",
        "--threshold",
        "errors<1%",
    ]))
    .await;
    assert_eq!(r.code, 0, "{}\n{}", r.stderr, r.stdout);
    let report = r.json();
    assert_eq!(report["metadata"]["engine"], "scenario");
    let s = &report["summary"];
    assert!(s["requests"].as_u64().unwrap() > 20, "{s}");
    assert_eq!(
        s["errors"], 0,
        "the cart saw the token extracted from login: {s}"
    );
    assert_eq!(
        s["statusCodes"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["200"]
    );
    // Per step, as goose and k6 report per request name: every step is there and the
    // steps add up to the total.
    let steps = report["steps"].as_array().unwrap();
    assert!(steps.len() >= 2, "{steps:?}");
    let per_step: u64 = steps.iter().map(|x| x["requests"].as_u64().unwrap()).sum();
    assert_eq!(per_step, s["requests"].as_u64().unwrap());
    assert!(
        steps
            .iter()
            .any(|x| x["name"].as_str().unwrap().contains("login")),
        "{steps:?}"
    );
    // Without the extraction the cart answers 401: counted as errors.
    let broken = std::fs::read_to_string(&journey)
        .unwrap()
        .replace("Bearer ${token}", "Bearer none");
    std::fs::write(&journey, broken).unwrap();
    let r = load(args(&[
        "run",
        &target.url,
        "--scenario",
        journey.to_str().unwrap(),
        "--users",
        "2",
        "--duration",
        "1s",
        "-o",
        "json",
    ]))
    .await;
    let report = r.json();
    assert!(
        report["summary"]["statusCodes"]["401"].as_u64().unwrap() > 0,
        "{}",
        report["summary"]
    );
    assert!(report["summary"]["errors"].as_u64().unwrap() > 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_gets_one_line_and_an_exit_code() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = load(args(&[
        "run",
        &format!("http://127.0.0.1:{closed}/"),
        "--rate",
        "10/s",
        "--duration",
        "1s",
    ]))
    .await;
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.one_error_line().contains("cannot connect to 127.0.0.1"));
    let target = serve(Behaviour::delay(0)).await;
    for (extra, code, text) in [
        (vec!["--rate", "0/s"], 2, "above zero"),
        (vec!["--rate", "lots"], 2, "not a rate"),
        (
            vec!["--users", "5", "--duration", "0s"],
            2,
            "--duration must be above zero",
        ),
        (vec!["--duration", "5s"], 2, "no load model"),
        (vec!["--stages", "10s"], 2, "DURATION:RATE"),
        (
            vec!["--rate", "5/s", "--users", "3"],
            2,
            "cannot be used with",
        ),
        (
            vec!["--rate", "5/s", "--threshold", "p99"],
            2,
            "no comparison",
        ),
        (
            vec!["--rate", "5/s", "--threshold", "errors<200%"],
            2,
            "between 0% and 100%",
        ),
        (vec!["--rate", "10000000/s", "-d", "1s"], 2, "per runner"),
        (
            vec!["--rate", "100000/s", "--connections", "2", "-d", "1s"],
            2,
            "needs at least 5 connections",
        ),
        (vec!["--rate", "5/s", "-d", "10"], 2, "missing unit"),
        (vec!["--rate", "5/s", "-A"], 2, "does not take -A"),
        (
            vec!["--rate", "5/s", "-l", "app=x", "--field-selector", "a=b"],
            2,
            "does not take -l, --field-selector",
        ),
    ] {
        let mut a = vec!["run", target.url.as_str()];
        a.extend(extra.iter().copied());
        let r = load(args(&a)).await;
        assert_eq!(r.code, code, "{extra:?}: {}", r.stderr);
        assert!(r.stderr.contains(text), "{extra:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"));
    }
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "apiVersion: load.sre-toolkit.io/v1alpha1\nkind: Scenario\nsteps:\n- path: /x\n  bogus: 1\n").unwrap();
    let r = load(args(&[
        "run",
        &target.url,
        "--scenario",
        bad.to_str().unwrap(),
    ]))
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.one_error_line().contains("bogus"), "{}", r.stderr);
    let r = load(args(&["run", "deploy/web:80", "--local", "--rate", "1/s"])).await;
    assert_eq!(r.code, 2);
    assert!(r.one_error_line().contains("unknown kind"));
    let r = load(args(&["run", "ftp://files.example/x", "--rate", "1/s"])).await;
    assert_eq!(r.code, 2);
    assert!(
        r.one_error_line().contains("unsupported scheme \"ftp\""),
        "{}",
        r.stderr
    );
}

/// A server that accepts connections and reads requests but never answers.
async fn black_hole() -> String {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = l.accept().await {
            held.push(s);
        }
    });
    format!("http://{addr}/")
}

#[tokio::test(flavor = "multi_thread")]
async fn requests_in_flight_at_the_end_are_cut_by_the_drain_not_the_timeout() {
    let url = black_hole().await;
    // The per-request timeout (30 s) is far beyond the run: without the drain every request
    // would wait for it; with it they end as `unfinished` once the drain (2 s) is over.
    let r = load(args(&[
        "run",
        &url,
        "--rate",
        "5/s",
        "-d",
        "1s",
        "--timeout",
        "30s",
        "--connections",
        "10",
        "-o",
        "json",
    ]))
    .await;
    // The preflight connects (the black hole accepts), so the run happens.
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    assert_eq!(report["metadata"]["drainSeconds"], 2.0);
    let unfinished = report["summary"]["errorKinds"]["unfinished"].as_u64();
    assert_eq!(unfinished, Some(5), "{}", report["summary"]);
    assert_eq!(report["summary"]["errorKinds"].get("timeout"), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn dropped_requests_are_reported_and_gate_the_run() {
    let url = black_hole().await;
    // 10 connections against a server that never answers: after the first 10 requests
    // every connection is busy, so almost the whole schedule is dropped.
    let r = load(args(&[
        "run",
        &url,
        "--rate",
        "200/s",
        "-d",
        "1s",
        "--timeout",
        "1s",
        "--connections",
        "10",
        "--threshold",
        "dropped<1%",
        "-o",
        "json",
    ]))
    .await;
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("scheduled requests") && r.stderr.contains("were never sent"),
        "{}",
        r.stderr
    );
    let report = r.json();
    assert!(
        report["summary"]["dropped"].as_u64().unwrap() >= 150,
        "{}",
        report["summary"]
    );
    assert_eq!(report["thresholds"][0]["passed"], false);
}

#[tokio::test(flavor = "multi_thread")]
async fn stages_ramp_the_arrival_rate() {
    let target = serve(Behaviour::delay(1)).await;
    // 0 → 50/s over 1 s, 50/s for 1 s, 50/s → 0 over 1 s: 25 + 50 + 25 requests.
    let r = load(args(&[
        "run",
        &target.url,
        "--stages",
        "1s:50,1s:50,1s:0",
        "-o",
        "json",
    ]))
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    let requests = report["summary"]["requests"].as_u64().unwrap();
    assert!((98..=100).contains(&requests), "{requests}");
    assert_eq!(report["summary"]["targetRate"], 50.0);
    let per_second: Vec<u64> = report["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["requests"].as_u64().unwrap())
        .collect();
    assert!(per_second.len() >= 3, "{per_second:?}");
    assert!(
        per_second[1] > per_second[0] && per_second[1] > per_second[2],
        "a ramp up, a plateau, a ramp down: {per_second:?}"
    );
}
