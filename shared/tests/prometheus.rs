//! The Prometheus client against real components: the Debian package's Prometheus on
//! loopback, an HTTPS server with its own CA (to see TLS verification, bearer tokens and
//! basic auth on the wire), and the local control plane's service proxy.
#![allow(clippy::unwrap_used)]

use shared::error::classify;
use shared::prometheus::{Client, Endpoint, Options};
use std::time::Duration;

fn url(u: &str) -> Endpoint {
    Endpoint::parse(u, "default").unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn queries_a_real_prometheus() {
    shared::run::install_crypto_provider();
    let Some(prom) = testcluster::prometheus::start("").await else {
        return;
    };
    let c = Client::new(url(&prom.url), Options::default(), None).unwrap();
    let up = c.query("up{job=\"self\"}").await.unwrap();
    assert_eq!(up.len(), 1, "{up:?}");
    assert_eq!(up[0].value, 1.0);
    assert_eq!(up[0].metric["job"], "self");
    let now = jiff::Timestamp::now().as_second() as f64;
    let range = c
        .query_range("up", now - 30.0, now + 5.0, Duration::from_secs(1))
        .await
        .unwrap();
    assert!(
        !range.is_empty() && !range[0].points.is_empty(),
        "{range:?}"
    );
    // A malformed query is the user's: exit 2 with Prometheus's own words.
    let bad = c.query("sum(").await.unwrap_err();
    assert_eq!(classify(&bad.into()).code, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn no_answer_is_unreachable_exit_5() {
    let port = testcluster::prometheus::free_port();
    let c = Client::new(
        url(&format!("http://127.0.0.1:{port}")),
        Options::default(),
        None,
    )
    .unwrap();
    let e: anyhow::Error = c.query("up").await.unwrap_err().into();
    let line = shared::error::one_line(&e);
    assert!(line.contains("cannot connect"), "{line}");
    assert_eq!(classify(&e).code, 5);
}

#[tokio::test(flavor = "multi_thread")]
async fn https_with_a_custom_ca_bearer_tokens_and_basic_auth() {
    shared::run::install_crypto_provider();
    let (addr, ca, seen) = testcluster::tls::https_json(
        r#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"7"]}]}}"#,
    )
    .await
    .unwrap();
    let base = format!("https://localhost:{}", addr.port());
    // Without the CA the server is not trusted.
    let untrusted = Client::new(url(&base), Options::default(), None).unwrap();
    let e = untrusted.query("x").await.unwrap_err();
    assert_eq!(classify(&e.into()).code, 5);
    // Without verification (the user's explicit choice) the same server answers.
    let insecure = Options {
        insecure_skip_verify: true,
        ..Default::default()
    };
    let c = Client::new(url(&base), insecure, None).unwrap();
    assert_eq!(c.query("x").await.unwrap()[0].value, 7.0);
    let trusted = Options {
        ca_pem: Some(ca.into_bytes()),
        bearer_token: Some("s3cret".into()),
        ..Default::default()
    };
    let c = Client::new(url(&base), trusted.clone(), None).unwrap();
    assert_eq!(c.query("x").await.unwrap()[0].value, 7.0);
    let basic = Options {
        bearer_token: None,
        basic_auth: Some(("ops".into(), "pw".into())),
        ..trusted
    };
    let c = Client::new(url(&format!("{base}/prefix")), basic, None).unwrap();
    c.query("x").await.unwrap();
    let requests = seen.lock().unwrap().clone();
    assert!(
        requests
            .iter()
            .any(|r| r.contains("authorization: Bearer s3cret")),
        "{requests:?}"
    );
    assert!(
        requests
            .iter()
            .any(|r| r.starts_with("GET /prefix/api/v1/query?query=x")
                && r.contains("authorization: Basic b3BzOnB3")),
        "{requests:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn services_are_reached_through_the_api_server_proxy() {
    // How far the local control plane allows: it has no kubelet and no pod network, so the
    // API server cannot connect to any pod behind a Service (and for a Service without
    // endpoints its proxy may hold the request before answering 503). What is tested is
    // that requests take the proxy path of the named Service with the kubeconfig's
    // credentials, and that its answer is mapped: a Service that does not exist is the
    // API server's own 404 for exactly that Service.
    let Some(env) = testcluster::testing::env().await else {
        return;
    };
    let ns = env.namespace("prom-proxy").await;
    shared::run::install_crypto_provider();
    let endpoint = Endpoint::parse("svc/no-such-prometheus:9090", &ns.name).unwrap();
    let options = Options {
        timeout: Some(Duration::from_secs(10)),
        ..Default::default()
    };
    let c = Client::new(endpoint, options, Some(ns.client.clone())).unwrap();
    let answer = c.get("/api/v1/query?query=up").await.unwrap();
    assert_eq!(answer.status, 404, "{}", answer.body);
    assert!(
        answer
            .body
            .contains("services \"no-such-prometheus\" not found"),
        "{}",
        answer.body
    );
    let e: anyhow::Error = c.query("up").await.unwrap_err().into();
    let line = shared::error::one_line(&e);
    assert!(
        line.contains("svc/no-such-prometheus:9090 in namespace") && line.contains("HTTP 404"),
        "{line}"
    );
    assert_eq!(classify(&e).code, 5);
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn alertmanager_alerts_are_read_from_the_v2_api() {
    shared::run::install_crypto_provider();
    let (addr, ca, seen) = testcluster::tls::https_json(
        r#"[{"labels":{"alertname":"HighErrorRate"},"status":{"state":"active"}}]"#,
    )
    .await
    .unwrap();
    let options = Options {
        ca_pem: Some(ca.into_bytes()),
        ..Default::default()
    };
    let c = Client::new(
        url(&format!("https://localhost:{}", addr.port())),
        options,
        None,
    )
    .unwrap();
    let alerts = c.alertmanager_alerts().await.unwrap();
    assert_eq!(alerts[0]["labels"]["alertname"], "HighErrorRate");
    assert!(seen.lock().unwrap()[0].starts_with("GET /api/v2/alerts "));
}
