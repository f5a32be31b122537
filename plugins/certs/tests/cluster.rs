//! Real-cluster tests of `kubectl certs` on the local control plane. Certificates are made
//! in the test (rcgen; openssl for the weak ones), stored through the real API server in
//! the test's own namespace, and the findings are read from `-o json`. Live endpoints are
//! real rustls servers on loopback; webhooks go to a real local HTTP receiver.
//! Assertions look only at objects the test created.
#![allow(clippy::unwrap_used)]

mod support;

use serde_json::{Value, json};
use std::path::PathBuf;
use support::{Pem, root, self_signed};
use testcluster::testing::{Env, Run, TestNamespace, apply, env, run_plugin};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-certs"))
}

fn certs(env: &Env, args: &[&str]) -> Run {
    let kc = env.kubeconfig.display().to_string();
    let mut all = vec!["--kubeconfig", kc.as_str()];
    all.extend_from_slice(args);
    run_plugin(&bin(), &all, &[])
}

/// `-o json` of a scan of `ns` (exit 0 or 1 required).
fn scan(env: &Env, ns: &str, extra: &[&str]) -> Value {
    let mut args = vec!["-n", ns, "-o", "json", "--no-system-roots"];
    args.extend_from_slice(extra);
    let r = certs(env, &args);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    r.json()
}

/// Findings of `check` on objects named `name` in `report`.
fn hits<'a>(report: &'a Value, check: &str, name: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == check && f["object"]["name"] == name)
        .collect()
}

fn one<'a>(report: &'a Value, check: &str, name: &str) -> &'a Value {
    let h = hits(report, check, name);
    assert_eq!(
        h.len(),
        1,
        "expected one {check} on {name}, got {h:#?}\nall: {:#}",
        report["findings"]
    );
    h[0]
}

/// Findings about objects in namespace `ns`.
fn in_namespace<'a>(report: &'a Value, ns: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["object"]["namespace"] == ns)
        .collect()
}

fn tls_secret(name: &str, chain: &str, key: &str, ca: Option<&str>) -> Value {
    let mut data = json!({"tls.crt": chain, "tls.key": key});
    if let Some(ca) = ca {
        data["ca.crt"] = json!(ca);
    }
    json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name}, "type": "kubernetes.io/tls", "stringData": data})
}

fn opaque(name: &str, data: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name}, "type": "Opaque", "stringData": data})
}

fn ingress(name: &str, secret: &str, hosts: &[&str]) -> Value {
    json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": name},
        "spec": {"tls": [{"hosts": hosts, "secretName": secret}],
            "rules": hosts.iter().map(|h| json!({"host": h, "http": {"paths": [{"path": "/", "pathType": "Prefix",
                "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}})).collect::<Vec<_>>()}})
}

async fn setup(prefix: &str) -> Option<(Env, TestNamespace)> {
    let env = env().await?;
    let ns = env.namespace(prefix).await;
    Some((env, ns))
}

fn chain(leaf: &Pem, intermediates: &[&str]) -> String {
    let mut s = leaf.cert.clone();
    for i in intermediates {
        s.push_str(i);
    }
    s
}

#[tokio::test]
async fn healthy_certificates_raise_nothing() {
    let Some((env, ns)) = setup("certs-healthy").await else {
        return;
    };
    let ca = root("healthy-root", -1, 3650);
    let inter = ca.intermediate("healthy-intermediate", -1, 1825);
    let host = "shop.healthy.example";
    let leaf = inter.leaf(&[host, "www.shop.healthy.example"], -1, 90);
    ns.apply(tls_secret(
        "web-tls",
        &chain(&leaf, &[&inter.pem.cert]),
        &leaf.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    ns.apply(ingress("web", "web-tls", &[host])).await.unwrap();
    ns.apply(opaque(
        "app-config",
        json!({"password": "hunter2", "trust.pem": ca.pem.cert}),
    ))
    .await
    .unwrap();
    ns.apply(json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "bundle"}, "data": {"ca-bundle.crt": format!("{}{}", ca.pem.cert, inter.pem.cert)}})).await.unwrap();

    let r = certs(&env, &["-n", &ns.name, "-o", "json", "--no-system-roots"]);
    assert_eq!(r.code, 0, "healthy namespace must exit 0: {}", r.stderr);
    let report = r.json();
    assert!(
        in_namespace(&report, &ns.name).is_empty(),
        "{:#}",
        report["findings"]
    );
    assert_eq!(report["apiVersion"], "certs.sre-toolkit.io/v1alpha1");
    assert_eq!(report["kind"], "CertificateReport");
    let items = report["items"].as_array().unwrap();
    let leaf_item = items
        .iter()
        .find(|i| i["source"]["name"] == "web-tls" && i["position"] == "leaf")
        .expect("leaf listed");
    assert_eq!(leaf_item["commonName"], host);
    assert_eq!(leaf_item["sans"], json!([host, "www.shop.healthy.example"]));
    assert_eq!(leaf_item["keyAlgorithm"], "EC");
    assert_eq!(leaf_item["curve"], "P-256");
    assert_eq!(leaf_item["findings"], json!([]));
    // Every block of the bundle is listed, and the password is not a certificate.
    let from = |name: &str| items.iter().filter(|i| i["source"]["name"] == name).count();
    assert_eq!(from("bundle"), 2);
    assert_eq!(from("app-config"), 1);
    assert_eq!(
        from("web-tls"),
        3,
        "leaf + intermediate in tls.crt, root in ca.crt"
    );
    // Sorted by soonest expiry.
    let after: Vec<i64> = items
        .iter()
        .map(|i| i["notAfter"].as_i64().unwrap())
        .collect();
    assert!(after.windows(2).all(|w| w[0] <= w[1]));
    // The table for humans shows the same leaf; no private key material anywhere.
    let table = certs(&env, &["-n", &ns.name, "--no-system-roots"]);
    assert!(
        table.stdout.contains("secret/web-tls[tls.crt]"),
        "{}",
        table.stdout
    );
    assert!(!table.stdout.contains("PRIVATE KEY") && !r.stdout.contains("PRIVATE KEY"));
    ns.delete().await;
}

#[tokio::test]
async fn expiry_checks() {
    let Some((env, ns)) = setup("certs-expiry").await else {
        return;
    };
    let ca = root("expiry-root", -400, 3650);
    let expired = ca.leaf(&["expired.example"], -100, -3);
    let critical = ca.leaf(&["critical.example"], -80, 3);
    let warning = ca.leaf(&["warning.example"], -60, 20);
    let future = ca.leaf(&["future.example"], 10, 100);
    let short_ca = ca.intermediate("short-intermediate", -10, 40);
    let outlives = short_ca.leaf(&["outlives.example"], -1, 300);
    let old_inter = ca.intermediate("old-intermediate", -400, -1);
    let behind = old_inter.leaf(&["behind.example"], -1, 60);
    for (name, leaf, inter) in [
        ("expired", &expired, None),
        ("critical", &critical, None),
        ("warning", &warning, None),
        ("future", &future, None),
        ("outlives", &outlives, Some(short_ca.pem.cert.as_str())),
        ("behind", &behind, Some(old_inter.pem.cert.as_str())),
    ] {
        let c = chain(leaf, &inter.into_iter().collect::<Vec<_>>());
        ns.apply(tls_secret(name, &c, &leaf.key, Some(&ca.pem.cert)))
            .await
            .unwrap();
    }
    let r = certs(&env, &["-n", &ns.name, "-o", "json", "--no-system-roots"]);
    assert_eq!(r.code, 1, "critical findings exit 1: {}", r.stderr);
    let report = r.json();
    assert_eq!(one(&report, "expired", "expired")["severity"], "critical");
    assert_eq!(one(&report, "expiring", "critical")["severity"], "critical");
    assert_eq!(one(&report, "expiring", "warning")["severity"], "warning");
    assert!(hits(&report, "expiring", "future").is_empty());
    assert_eq!(
        one(&report, "not-yet-valid", "future")["severity"],
        "warning"
    );
    let ca_first = one(&report, "ca-expires-before-leaf", "outlives");
    assert!(
        ca_first["message"]
            .as_str()
            .unwrap()
            .contains("short-intermediate"),
        "{ca_first}"
    );
    // An expired intermediate hidden in a bundle is found.
    let hidden = one(&report, "expired", "behind");
    assert!(
        hidden["message"]
            .as_str()
            .unwrap()
            .starts_with("intermediate certificate CN=old-intermediate"),
        "{hidden}"
    );
    assert_eq!(hidden["certificate"]["commonName"], "old-intermediate");
    // Nothing else fires on the healthy parts of these Secrets.
    for name in ["expired", "critical", "warning"] {
        assert!(
            hits(&report, "chain-invalid", name).is_empty(),
            "{:#}",
            report["findings"]
        );
    }
    // Thresholds move with the flags; --fail-on never keeps exit 0.
    let wide = scan(&env, &ns.name, &["--warn", "90d", "--critical", "1d"]);
    assert_eq!(one(&wide, "expiring", "critical")["severity"], "warning");
    assert_eq!(one(&wide, "expiring", "behind")["severity"], "warning");
    let never = certs(
        &env,
        &["-n", &ns.name, "--fail-on", "never", "--no-system-roots"],
    );
    assert_eq!(never.code, 0, "{}", never.stderr);
    ns.delete().await;
}

#[tokio::test]
async fn key_and_weak_crypto_checks() {
    let Some((env, ns)) = setup("certs-crypto").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ca = root("crypto-root", -1, 3650);
    let a = ca.leaf(&["a.example"], -1, 90);
    let b = ca.leaf(&["b.example"], -1, 90);
    ns.apply(tls_secret("mismatch", &a.cert, &b.key, Some(&ca.pem.cert)))
        .await
        .unwrap();
    let rsa1024 = support::openssl_leaf(
        dir.path(),
        &ca,
        "rsa1024",
        &["genrsa", "-traditional", "1024"],
        "-sha256",
    );
    assert!(
        rsa1024.key.contains("BEGIN RSA PRIVATE KEY"),
        "PKCS#1 key expected"
    );
    ns.apply(tls_secret(
        "weak-rsa",
        &rsa1024.cert,
        &rsa1024.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    let sha1 = support::openssl_leaf(
        dir.path(),
        &ca,
        "sha1",
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
        ],
        "-sha1",
    );
    ns.apply(tls_secret(
        "sha1",
        &sha1.cert,
        &sha1.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    let k1 = support::openssl_leaf(
        dir.path(),
        &ca,
        "k1",
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:secp256k1",
        ],
        "-sha256",
    );
    ns.apply(tls_secret(
        "secp256k1",
        &k1.cert,
        &k1.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    // An RSA 2048 PKCS#1 pair that matches, and one that does not.
    let good_rsa = support::openssl_leaf(
        dir.path(),
        &ca,
        "rsa2048",
        &["genrsa", "-traditional", "2048"],
        "-sha256",
    );
    ns.apply(tls_secret(
        "rsa-ok",
        &good_rsa.cert,
        &good_rsa.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    ns.apply(tls_secret(
        "rsa-mismatch",
        &good_rsa.cert,
        &rsa1024.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();

    // `openssl req -x509` makes a self-signed certificate with CA:TRUE; stored with an
    // unrelated key it must still be caught (the API server only warns).
    let x509 = |name: &str| {
        let out = std::process::Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "30",
                "-subj",
                &format!("/CN={name}.example"),
                "-keyout",
                &format!("{name}.key"),
                "-out",
                &format!("{name}.crt"),
            ])
            .current_dir(dir.path())
            .output()
            .expect("openssl");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let read = |f: String| std::fs::read_to_string(dir.path().join(f)).expect("read");
        (read(format!("{name}.crt")), read(format!("{name}.key")))
    };
    let (selfsigned_crt, _) = x509("selfsigned");
    let (_, unrelated_key) = x509("unrelated");
    ns.apply(tls_secret(
        "selfsigned-wrong-key",
        &selfsigned_crt,
        &unrelated_key,
        None,
    ))
    .await
    .unwrap();
    let (ok_crt, ok_key) = x509("selfsigned-ok");
    ns.apply(tls_secret("selfsigned-right-key", &ok_crt, &ok_key, None))
        .await
        .unwrap();

    let report = scan(&env, &ns.name, &[]);
    assert_eq!(
        one(&report, "key-mismatch", "selfsigned-wrong-key")["severity"],
        "critical"
    );
    assert!(hits(&report, "key-mismatch", "selfsigned-right-key").is_empty());
    assert_eq!(
        one(&report, "key-mismatch", "mismatch")["severity"],
        "critical"
    );
    assert_eq!(
        one(&report, "key-mismatch", "rsa-mismatch")["severity"],
        "critical"
    );
    assert!(hits(&report, "key-mismatch", "rsa-ok").is_empty());
    assert!(
        hits(&report, "key-mismatch", "weak-rsa").is_empty(),
        "a 1024-bit key still matches its certificate"
    );
    assert!(
        one(&report, "weak-key", "weak-rsa")["message"]
            .as_str()
            .unwrap()
            .contains("RSA 1024-bit")
    );
    assert!(
        one(&report, "weak-key", "secp256k1")["message"]
            .as_str()
            .unwrap()
            .contains("secp256k1")
    );
    let sha1_hit = one(&report, "weak-signature", "sha1");
    assert!(
        sha1_hit["message"]
            .as_str()
            .unwrap()
            .contains("ecdsa-with-SHA1"),
        "the CA is EC: {sha1_hit}"
    );
    for healthy in ["rsa-ok", "mismatch"] {
        assert!(
            hits(&report, "weak-key", healthy).is_empty()
                && hits(&report, "weak-signature", healthy).is_empty()
        );
    }
    assert!(
        in_namespace(&report, &ns.name)
            .iter()
            .all(|f| f["object"]["name"] != "rsa-ok"),
        "{:#}",
        report["findings"]
    );
    assert!(
        !serde_json::to_string(&report)
            .unwrap()
            .contains("PRIVATE KEY")
    );
    ns.delete().await;
}

#[tokio::test]
async fn chain_and_self_signed_checks() {
    let Some((env, ns)) = setup("certs-chain").await else {
        return;
    };
    let ca = root("chain-root", -1, 3650);
    let inter = ca.intermediate("chain-intermediate", -1, 1825);
    let leaf = inter.leaf(&["chain.example"], -1, 90);
    // Leaf without its intermediate: no path to ca.crt.
    ns.apply(tls_secret(
        "incomplete",
        &leaf.cert,
        &leaf.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    ns.apply(tls_secret(
        "complete",
        &chain(&leaf, &[&inter.pem.cert]),
        &leaf.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    // Signed by a root that is nowhere to be found.
    let stranger = root("stranger-root", -1, 3650).leaf(&["stranger.example"], -1, 90);
    ns.apply(tls_secret(
        "unknown-issuer",
        &stranger.cert,
        &stranger.key,
        None,
    ))
    .await
    .unwrap();
    // Self-signed leaves: served by an Ingress (finding) and not served (no finding).
    let ss = self_signed(&["selfie.example"], -1, 90);
    ns.apply(tls_secret("selfie-served", &ss.cert, &ss.key, None))
        .await
        .unwrap();
    ns.apply(tls_secret("selfie-unused", &ss.cert, &ss.key, None))
        .await
        .unwrap();
    ns.apply(ingress("selfie", "selfie-served", &["selfie.example"]))
        .await
        .unwrap();
    ns.apply(ingress("incomplete", "incomplete", &["chain.example"]))
        .await
        .unwrap();

    let report = scan(&env, &ns.name, &[]);
    let inc = one(&report, "chain-invalid", "incomplete");
    assert_eq!(
        inc["severity"], "critical",
        "served by an Ingress: critical"
    );
    assert!(
        inc["message"]
            .as_str()
            .unwrap()
            .contains("no path to a trusted root"),
        "{inc}"
    );
    assert_eq!(
        one(&report, "chain-invalid", "unknown-issuer")["severity"],
        "warning"
    );
    assert!(
        hits(&report, "chain-invalid", "complete").is_empty(),
        "{:#}",
        report["findings"]
    );
    assert_eq!(
        one(&report, "self-signed-leaf", "selfie-served")["severity"],
        "warning"
    );
    assert!(hits(&report, "self-signed-leaf", "selfie-unused").is_empty());
    assert!(hits(&report, "chain-invalid", "selfie-served").is_empty());
    // --ca-file supplies the missing anchor for the stranger.
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, &ca.pem.cert).unwrap();
    let with_ca = scan(&env, &ns.name, &["--ca-file", ca_file.to_str().unwrap()]);
    assert_eq!(
        hits(&with_ca, "chain-invalid", "incomplete").len(),
        1,
        "an intermediate is still missing"
    );
    ns.delete().await;
}

#[tokio::test]
async fn ingress_gateway_and_duplicate_checks() {
    let Some((env, ns)) = setup("certs-ingress").await else {
        return;
    };
    let admin = env.client("admin").await;
    let ca = root("ingress-root", -1, 3650);
    let leaf = ca.leaf(&["shop.example", "*.shop.example"], -1, 90);
    ns.apply(tls_secret(
        "shop-tls",
        &leaf.cert,
        &leaf.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    ns.apply(ingress(
        "covered",
        "shop-tls",
        &["shop.example", "www.shop.example"],
    ))
    .await
    .unwrap();
    ns.apply(ingress("uncovered", "shop-tls", &["api.other.example"]))
        .await
        .unwrap();
    ns.apply(ingress("dangling", "no-such-secret", &["x.shop.example"]))
        .await
        .unwrap();
    // Gateway API: install the CRD (schema-less, enough for the API server) and a Gateway.
    apply(&admin, None, json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": {"name": "gateways.gateway.networking.k8s.io",
            "annotations": {"api-approved.kubernetes.io": "https://github.com/kubernetes-sigs/gateway-api/pull/1538"}},
        "spec": {"group": "gateway.networking.k8s.io", "scope": "Namespaced",
            "names": {"plural": "gateways", "singular": "gateway", "kind": "Gateway", "listKind": "GatewayList"},
            "versions": [{"name": "v1", "served": true, "storage": true,
                "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}]}})).await.unwrap();
    let gw = json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": {"name": "edge"},
        "spec": {"gatewayClassName": "test", "listeners": [
            {"name": "ok", "port": 443, "protocol": "HTTPS", "hostname": "*.shop.example", "tls": {"certificateRefs": [{"name": "shop-tls"}]}},
            {"name": "bad", "port": 443, "protocol": "HTTPS", "hostname": "pay.example", "tls": {"certificateRefs": [{"name": "shop-tls"}]}},
            {"name": "gone", "port": 443, "protocol": "HTTPS", "hostname": "gone.shop.example", "tls": {"certificateRefs": [{"kind": "Secret", "name": "gw-missing"}]}}]}});
    testcluster::testing::eventually(
        "Gateway CRD served",
        std::time::Duration::from_secs(30),
        || {
            let (ns, gw) = (ns.clone(), gw.clone());
            async move { ns.apply(gw).await.ok() }
        },
    )
    .await;
    // The same certificate twice: one copy renewed, one not.
    let old = ca.leaf(&["dup.example"], -80, 10);
    let new = ca.leaf(&["dup.example"], -1, 90);
    ns.apply(tls_secret(
        "dup-old",
        &old.cert,
        &old.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    ns.apply(tls_secret(
        "dup-new",
        &new.cert,
        &new.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();

    let report = scan(&env, &ns.name, &[]);
    assert!(
        hits(&report, "san-mismatch", "covered").is_empty(),
        "{:#}",
        report["findings"]
    );
    assert!(
        one(&report, "san-mismatch", "uncovered")["message"]
            .as_str()
            .unwrap()
            .contains("api.other.example")
    );
    assert_eq!(
        one(&report, "secret-missing", "dangling")["severity"],
        "critical"
    );
    let gw_hits = hits(&report, "san-mismatch", "edge");
    assert_eq!(gw_hits.len(), 1, "{gw_hits:#?}");
    assert!(
        gw_hits[0]["message"]
            .as_str()
            .unwrap()
            .contains("pay.example")
    );
    assert_eq!(gw_hits[0]["object"]["kind"], "Gateway");
    assert!(
        one(&report, "secret-missing", "edge")["message"]
            .as_str()
            .unwrap()
            .contains("gw-missing")
    );
    let dup = one(&report, "duplicate-expiry", "dup-old");
    assert!(
        dup["message"].as_str().unwrap().contains("secret/dup-new"),
        "{dup}"
    );
    assert!(hits(&report, "duplicate-expiry", "dup-new").is_empty());
    ns.delete().await;
}

#[tokio::test]
async fn unparseable_values_are_findings_not_crashes() {
    let Some((env, ns)) = setup("certs-garbage").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ca = root("garbage-root", -1, 3650);
    let leaf = ca.leaf(&["p12.example"], -1, 90);
    let p12 = support::pkcs12(dir.path(), &leaf);
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&p12);
    ns.apply(json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "keystore"}, "data": {"keystore.p12": b64}})).await.unwrap();
    ns.apply(opaque("broken-pem", json!({"tls.crt": "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n", "tls.key": "x"}))).await.unwrap();
    ns.apply(
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "truncated"},
        "data": {"ca.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n"}}),
    )
    .await
    .unwrap();
    ns.apply(opaque("not-a-cert", json!({"server.crt": "hello"})))
        .await
        .unwrap();
    ns.apply(opaque(
        "innocent",
        json!({"password": "-----not pem", "token": "abc"}),
    ))
    .await
    .unwrap();

    let report = scan(&env, &ns.name, &[]);
    assert!(
        one(&report, "unparseable", "keystore")["message"]
            .as_str()
            .unwrap()
            .contains("PKCS#12")
    );
    assert_eq!(one(&report, "unparseable", "broken-pem")["key"], "tls.crt");
    assert_eq!(
        one(&report, "unparseable", "truncated")["object"]["kind"],
        "ConfigMap"
    );
    assert_eq!(
        one(&report, "unparseable", "not-a-cert")["key"],
        "server.crt"
    );
    assert!(hits(&report, "unparseable", "innocent").is_empty());
    ns.delete().await;
}

#[tokio::test]
async fn cabundles_and_cert_manager() {
    let Some((env, ns)) = setup("certs-cabundle").await else {
        return;
    };
    let admin = env.client("admin").await;
    let expired_ca = root("expired-webhook-ca", -400, -2);
    let good_ca = root("good-webhook-ca", -1, 3650);
    use base64::Engine as _;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let hook = |name: &str, ca: &str| {
        json!({"name": name, "admissionReviewVersions": ["v1"], "sideEffects": "None", "failurePolicy": "Ignore",
        "clientConfig": {"url": "https://127.0.0.1:1/validate", "caBundle": b64(ca)},
        "rules": [{"apiGroups": ["certs-test.sre-toolkit.io"], "apiVersions": ["v1"], "operations": ["CREATE"], "resources": ["nothing"]}]})
    };
    let vwc = format!("{}-hooks", ns.name);
    apply(&admin, None, json!({"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration",
        "metadata": {"name": vwc}, "webhooks": [hook("expired.certs.test", &expired_ca.pem.cert), hook("good.certs.test", &good_ca.pem.cert)]})).await.unwrap();
    // cert-manager's Certificate CRD (schema-less) and three Certificates.
    apply(&admin, None, json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": {"name": "certificates.cert-manager.io"},
        "spec": {"group": "cert-manager.io", "scope": "Namespaced",
            "names": {"plural": "certificates", "singular": "certificate", "kind": "Certificate", "listKind": "CertificateList"},
            "versions": [{"name": "v1", "served": true, "storage": true,
                "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}]}})).await.unwrap();
    let now = jiff::Timestamp::now();
    let cert = |name: &str, status: Value| {
        json!({"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": name},
        "spec": {"secretName": format!("{name}-tls"), "issuerRef": {"name": "ca"}}, "status": status})
    };
    let ok_status = json!({"conditions": [{"type": "Ready", "status": "True", "reason": "Ready", "message": "ok"}],
        "renewalTime": (now + jiff::SignedDuration::from_hours(24 * 30)).to_string()});
    let failing = json!({"conditions": [{"type": "Ready", "status": "False", "reason": "Failed", "message": "issuer not found"},
        {"type": "Issuing", "status": "False", "reason": "Failed", "message": "ACME order failed"}], "failedIssuanceAttempts": 3});
    let overdue = json!({"conditions": [{"type": "Ready", "status": "True", "reason": "Ready", "message": "ok"}],
        "renewalTime": (now - jiff::SignedDuration::from_hours(48)).to_string()});
    for (name, status) in [
        ("cm-ok", ok_status),
        ("cm-failing", failing),
        ("cm-overdue", overdue),
    ] {
        let obj = cert(name, status);
        testcluster::testing::eventually(
            "Certificate CRD served",
            std::time::Duration::from_secs(30),
            || {
                let (ns, obj) = (ns.clone(), obj.clone());
                async move { ns.apply(obj).await.ok() }
            },
        )
        .await;
    }

    let report = scan(&env, &ns.name, &[]);
    let expired: Vec<&Value> = hits(&report, "expired", &vwc);
    assert_eq!(expired.len(), 1, "{:#}", report["findings"]);
    assert_eq!(expired[0]["key"], "expired.certs.test");
    assert_eq!(
        expired[0]["object"]["kind"],
        "ValidatingWebhookConfiguration"
    );
    assert!(hits(&report, "certmanager-not-ready", "cm-ok").is_empty());
    assert!(hits(&report, "certmanager-renewal-overdue", "cm-ok").is_empty());
    assert!(
        one(&report, "certmanager-not-ready", "cm-failing")["message"]
            .as_str()
            .unwrap()
            .contains("issuer not found")
    );
    assert!(
        one(&report, "certmanager-issuance-failed", "cm-failing")["message"]
            .as_str()
            .unwrap()
            .contains("3 failed attempt")
    );
    assert_eq!(
        one(&report, "certmanager-renewal-overdue", "cm-overdue")["severity"],
        "warning"
    );
    // Exporter-compatible labels for a caBundle.
    let prom = certs(
        &env,
        &["-n", &ns.name, "-o", "prometheus", "--no-system-roots"],
    );
    assert!(prom.stdout.contains(&format!("cabundle_resource_kind=\"ValidatingWebhookConfiguration\",cabundle_resource_name=\"{vwc}\",cabundle_entry=\"expired.certs.test\"")), "{}", prom.stdout);
    let vwcs: kube::Api<
        k8s_openapi::api::admissionregistration::v1::ValidatingWebhookConfiguration,
    > = kube::Api::all(admin.clone());
    let _ = vwcs.delete(&vwc, &Default::default()).await;
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn live_endpoints() {
    let Some((env, ns)) = setup("certs-endpoints").await else {
        return;
    };
    let ca = root("endpoint-root", -1, 3650);
    let inter = ca.intermediate("endpoint-intermediate", -1, 1825);
    let good = inter.leaf(&["good.example"], -1, 90);
    let good_addr = support::tls_server(&chain(&good, &[&inter.pem.cert]), &good.key).await;
    let broken_addr = support::tls_server(&good.cert, &good.key).await;
    let expired = inter.leaf(&["old.example"], -100, -1);
    let expired_addr =
        support::tls_server(&chain(&expired, &[&inter.pem.cert]), &expired.key).await;
    let ss = self_signed(&["selfie.example"], -1, 90);
    let ss_addr = support::tls_server(&ss.cert, &ss.key).await;
    let closed = support::closed_port();
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, &ca.pem.cert).unwrap();
    let list = dir.path().join("endpoints.txt");
    std::fs::write(&list, format!("# from a file\nwrong.example@{good_addr}\n")).unwrap();
    let eps = [
        format!("good.example@{good_addr}"),
        format!("good.example@{broken_addr}"),
        format!("old.example@{expired_addr}"),
        format!("selfie.example@{ss_addr}"),
        format!("127.0.0.1:{closed}"),
    ];
    let mut args = vec![
        "--no-cluster",
        "-o",
        "json",
        "--no-system-roots",
        "--ca-file",
        ca_file.to_str().unwrap(),
        "--endpoints-file",
        list.to_str().unwrap(),
    ];
    for e in &eps {
        args.extend(["--endpoint", e.as_str()]);
    }
    let r = run_plugin(&bin(), &args, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let report = r.json();
    let on = |check: &str, name: &str| hits(&report, check, name).len();
    assert_eq!(
        on("chain-invalid", &eps[0]) + on("expired", &eps[0]) + on("san-mismatch", &eps[0]),
        0,
        "{:#}",
        report["findings"]
    );
    assert_eq!(
        one(&report, "chain-invalid", &eps[1])["severity"],
        "critical"
    );
    assert_eq!(on("expired", &eps[2]), 1);
    assert_eq!(on("self-signed-leaf", &eps[3]), 1);
    assert!(
        one(&report, "endpoint-unreachable", &eps[4])["message"]
            .as_str()
            .unwrap()
            .contains("connect")
    );
    let wrong = format!("wrong.example@{good_addr}");
    assert!(
        one(&report, "san-mismatch", &wrong)["message"]
            .as_str()
            .unwrap()
            .contains("wrong.example")
    );
    assert_eq!(report["metadata"]["endpoints"], 6);
    // Ingress discovery: an Ingress whose Secret the "controller" serves, and one it does not.
    let served = inter.leaf(&["served.example"], -1, 90);
    ns.apply(tls_secret(
        "served",
        &chain(&served, &[&inter.pem.cert]),
        &served.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    ns.apply(ingress("served", "served", &["served.example"]))
        .await
        .unwrap();
    let controller = support::tls_server(&chain(&served, &[&inter.pem.cert]), &served.key).await;
    let stale = support::tls_server(&chain(&good, &[&inter.pem.cert]), &good.key).await;
    let probe = |addr: std::net::SocketAddr| {
        let a = addr.to_string();
        scan(
            &env,
            &ns.name,
            &[
                "--probe-ingresses",
                "--ingress-address",
                &a,
                "--sources",
                "secrets,ingresses",
            ],
        )
    };
    let fine = probe(controller);
    assert!(
        hits(&fine, "endpoint-cert-differs", "served").is_empty(),
        "{:#}",
        fine["findings"]
    );
    assert!(
        fine["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["source"]["kind"] == "Endpoint")
    );
    let differs = probe(stale);
    assert!(
        one(&differs, "endpoint-cert-differs", "served")["message"]
            .as_str()
            .unwrap()
            .contains("CN=good.example")
    );
    ns.delete().await;
}

type StderrLines = std::io::Lines<std::io::BufReader<std::process::ChildStderr>>;

/// Starts `kubectl-certs ARGS serve --listen 127.0.0.1:0 --interval 10s` (the floor; the tests
/// read the first scan); returns the process,
/// the address it printed on stderr, and the rest of its stderr.
fn start_exporter(args: &[&str]) -> (std::process::Child, String, StderrLines) {
    let mut child = std::process::Command::new(bin())
        .args(args)
        .args(["serve", "--listen", "127.0.0.1:0", "--interval", "10s"])
        .env_remove("KUBECONFIG")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
    let addr = lines
        .find_map(|l| {
            l.ok()?
                .split("http://")
                .nth(1)
                .map(|r| r.split_whitespace().next().unwrap_or_default().to_string())
        })
        .expect("the exporter prints its address");
    (child, addr, lines)
}

fn http_get(addr: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (
        status,
        text.split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default(),
    )
}

#[tokio::test]
async fn exporter_serves_metrics_and_health() {
    let Some((env, ns)) = setup("certs-exporter").await else {
        return;
    };
    let ca = root("exporter-root", -1, 3650);
    let leaf = ca.leaf(&["metrics.example"], -1, 5);
    ns.apply(tls_secret(
        "scraped",
        &leaf.cert,
        &leaf.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    let kc = env.kubeconfig.display().to_string();
    let (mut child, addr, _) =
        start_exporter(&["--kubeconfig", &kc, "-n", &ns.name, "--no-system-roots"]);
    let body = testcluster::testing::eventually(
        "a scrape with the Secret",
        std::time::Duration::from_secs(30),
        || {
            let addr = addr.clone();
            async move {
                let (status, body) = http_get(&addr, "/metrics");
                (status == 200 && body.contains("secret_name=\"scraped\"")).then_some(body)
            }
        },
    )
    .await;
    let _ = child.kill();
    let _ = child.wait();
    let line = body
        .lines()
        .find(|l| l.starts_with("x509_cert_not_after{") && l.contains("secret_name=\"scraped\""))
        .expect("x509_cert_not_after series");
    assert!(
        line.contains(&format!("secret_namespace=\"{}\"", ns.name))
            && line.contains("secret_key=\"tls.crt\"")
            && line.contains("subject_CN=\"metrics.example\""),
        "{line}"
    );
    assert!(body.lines().any(|l| l.starts_with("x509_cert_expired{")
        && l.contains("secret_name=\"scraped\"")
        && l.ends_with(" 0")));
    assert!(body.contains("certs_scan_success 1"), "{body}");
    assert!(
        body.contains("certs_findings{check=\"expiring\",severity=\"critical\"}"),
        "{body}"
    );
    ns.delete().await;
}

#[tokio::test]
async fn exporter_health_fails_when_scans_fail() {
    // A kubeconfig pointing at a closed port: every scan fails, /healthz says so.
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kubeconfig");
    std::fs::write(&kc, format!("apiVersion: v1\nkind: Config\nclusters:\n- {{name: c, cluster: {{server: \"https://127.0.0.1:{}\"}}}}\nusers:\n- {{name: u, user: {{token: t}}}}\ncontexts:\n- {{name: x, context: {{cluster: c, user: u}}}}\ncurrent-context: x\n", support::closed_port())).unwrap();
    let (mut child, addr, mut lines) = start_exporter(&["--kubeconfig", kc.to_str().unwrap()]);
    let failing = lines
        .find_map(|l| l.ok().filter(|l| l.contains("scan failed")))
        .expect("a failed scan is reported");
    assert!(failing.contains("127.0.0.1"), "{failing}");
    let (status, body) = http_get(&addr, "/healthz");
    let (_, metrics) = http_get(&addr, "/metrics");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(status, 503, "{body}");
    assert!(metrics.contains("certs_scan_success 0"), "{metrics}");
}

#[tokio::test(flavor = "multi_thread")]
async fn webhook_notifications_retry_and_lose_nothing() {
    let Some((env, ns)) = setup("certs-notify").await else {
        return;
    };
    let ca = root("notify-root", -1, 3650);
    let leaf = ca.leaf(&["notify.example"], -100, -1);
    ns.apply(tls_secret(
        "stale",
        &leaf.cert,
        &leaf.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let state_s = state.to_str().unwrap().to_string();
    let run = |url: String| {
        let (env, ns, state_s) = (env.clone(), ns.name.clone(), state_s.clone());
        tokio::task::spawn_blocking(move || {
            certs(
                &env,
                &[
                    "-n",
                    &ns,
                    "--no-system-roots",
                    "-o",
                    "json",
                    "--notify-webhook",
                    &url,
                    "--notify-state",
                    &state_s,
                    "--notify-retries",
                    "2",
                    "--notify-backoff",
                    "50ms",
                ],
            )
        })
    };
    // Always failing: 3 attempts, a warning, the report intact, no state written.
    let down = support::receiver(vec![500, 500, 500, 500, 500, 500]).await;
    let r = run(format!("http://{}/hook", down.addr)).await.unwrap();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        !hits(&r.json(), "expired", "stale").is_empty(),
        "the scan result is printed regardless"
    );
    assert!(
        r.stderr.contains("notification to http://")
            && r.stderr
                .contains("HTTP 500 Internal Server Error after 3 attempt(s)"),
        "{}",
        r.stderr
    );
    assert_eq!(down.bodies.lock().unwrap().len(), 3);
    assert!(
        !state.exists(),
        "state must not advance when delivery failed"
    );
    // Fails twice, then accepts: delivered on the third attempt, with the finding.
    let flaky = support::receiver(vec![503, 502]).await;
    let r = run(format!("http://{}/hook", flaky.addr)).await.unwrap();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!r.stderr.contains("notification to"), "{}", r.stderr);
    let bodies = flaky.bodies.lock().unwrap().clone();
    assert_eq!(bodies.len(), 3);
    let payload: Value = serde_json::from_str(&bodies[2]).unwrap();
    assert_eq!(payload["kind"], "CertificateNotification");
    assert!(
        payload["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["check"] == "expired" && f["object"]["name"] == "stale")
    );
    assert!(state.exists());
    // Nothing new: nothing sent.
    let quiet = support::receiver(vec![]).await;
    let r = run(format!("http://{}/hook", quiet.addr)).await.unwrap();
    assert_eq!(r.code, 1);
    assert!(
        quiet.bodies.lock().unwrap().is_empty(),
        "already notified findings are not sent again"
    );
    // A new finding: only it is sent, as Slack text on request.
    let other = ca.leaf(&["other.example"], -1, 3);
    ns.apply(tls_secret(
        "soon",
        &other.cert,
        &other.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    let slack = support::receiver(vec![]).await;
    let url = format!("http://{}/services/T/B/secret", slack.addr);
    let (env2, ns2, state2) = (env.clone(), ns.name.clone(), state_s.clone());
    let r = tokio::task::spawn_blocking(move || {
        certs(
            &env2,
            &[
                "-n",
                &ns2,
                "--no-system-roots",
                "--notify-webhook",
                &url,
                "--notify-format",
                "slack",
                "--notify-state",
                &state2,
            ],
        )
    })
    .await
    .unwrap();
    assert_eq!(r.code, 1, "{}", r.stderr);
    let bodies = slack.bodies.lock().unwrap().clone();
    assert_eq!(bodies.len(), 1);
    let text: Value = serde_json::from_str(&bodies[0]).unwrap();
    let text = text["text"].as_str().unwrap();
    assert!(
        text.contains("soon") && text.contains("1 new or worse"),
        "{text}"
    );
    assert!(!text.contains("stale"), "{text}");
    ns.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn junit_sarif_markdown_and_html_reports() {
    let Some((env, ns)) = setup("certs-formats").await else {
        return;
    };
    let ca = root("formats-root", -400, 3650);
    let leaf = ca.leaf(&["old.formats.example"], -400, -2);
    ns.apply(tls_secret(
        "old-tls",
        &leaf.cert,
        &leaf.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    let base = ["-n", ns.name.as_str(), "--no-system-roots"];
    let junit = certs(&env, &[&base[..], &["-o", "junit"]].concat());
    assert_eq!(junit.code, 1, "{}", junit.stderr);
    assert!(
        junit.stdout.contains("<testsuite name=\"expiry\"")
            && junit.stdout.contains(&format!(
                "name=\"expired Secret/{}/old-tls\"><failure type=\"critical\"",
                ns.name
            )),
        "{}",
        junit.stdout
    );
    let sarif = certs(&env, &[&base[..], &["-o", "sarif"]].concat()).json();
    let problems = testcluster::testing::sarif_problems(&sarif);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["name"], "kubectl-certs");
    assert!(
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["ruleId"] == "expired")
    );
    let md = certs(&env, &[&base[..], &["-o", "markdown"]].concat());
    assert!(
        md.stdout.contains("| critical | `expired` |"),
        "{}",
        md.stdout
    );
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("certs.html");
    let r = certs(
        &env,
        &[&base[..], &["--html", html.to_str().unwrap(), "-o", "json"]].concat(),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let Some(dom) = testcluster::testing::chromium_dom(&html) else {
        return;
    };
    assert!(dom.contains("<td><code>expired</code></td>"), "{dom}");
    assert!(dom.contains("id=\"certificates\""), "{dom}");
    assert!(dom.contains("old.formats.example"), "{dom}");
    let catalogue = certs(&env, &["checks", "-o", "junit"]);
    assert_eq!(catalogue.code, 2, "{}", catalogue.stderr);
    ns.delete().await;
}

#[tokio::test]
async fn a_namespace_that_does_not_exist_is_a_usage_error() {
    let Some(env) = env().await else { return };
    let r = certs(&env, &["-n", "does-not-exist"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.one_error_line()
            .contains("namespace \"does-not-exist\" does not exist"),
        "{}",
        r.stderr
    );
}

#[tokio::test]
async fn partial_permissions_give_partial_results() {
    let Some(env) = env().await else { return };
    // `limited` may only `view` in team-a: no Secrets, no cluster-scoped lists.
    let r = certs(
        &env,
        &[
            "--context",
            "limited",
            "-n",
            "team-a",
            "-o",
            "json",
            "--no-system-roots",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("skipping secrets in namespace \"team-a\": forbidden"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "skipping validatingwebhookconfigurations.admissionregistration.k8s.io: forbidden"
        ),
        "{}",
        r.stderr
    );
    let report = r.json();
    assert!(
        report["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["source"]["name"] == "kube-root-ca.crt"),
        "ConfigMaps are still read"
    );
    assert!(report["metadata"]["skipped"].as_array().unwrap().len() >= 2);
    // Everything refused: exit 4 with a hint.
    let denied = certs(
        &env,
        &[
            "--context",
            "limited",
            "-n",
            "kube-system",
            "--sources",
            "secrets,configmaps",
        ],
    );
    assert_eq!(denied.code, 4, "{}", denied.stderr);
    assert!(denied.stderr.contains("hint:"), "{}", denied.stderr);
}

fn kubectl(env: &Env, args: &[&str]) -> std::process::Output {
    std::process::Command::new("kubectl")
        .args(args)
        .env("KUBECONFIG", &env.kubeconfig)
        .output()
        .expect("kubectl runs")
}

#[tokio::test]
async fn exporter_manifest_applies_and_its_rbac_is_enough() {
    let Some((env, ns)) = setup("certs-rbac").await else {
        return;
    };
    let dir = testcluster::repo_root().join("manifests/certs");
    for file in ["rbac.yaml", "exporter.yaml"] {
        let out = kubectl(
            &env,
            &[
                "apply",
                "--server-side",
                "-f",
                &dir.join(file).display().to_string(),
            ],
        );
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let ca = root("rbac-root", -1, 3650);
    let leaf = ca.leaf(&["rbac.example"], -1, 90);
    ns.apply(tls_secret(
        "read-by-sa",
        &leaf.cert,
        &leaf.key,
        Some(&ca.pem.cert),
    ))
    .await
    .unwrap();
    // As the exporter's ServiceAccount: every source readable, no warning.
    let sa = "system:serviceaccount:sre-toolkit:certs-exporter";
    let r = certs(
        &env,
        &[
            "-A",
            "--as",
            sa,
            "-o",
            "json",
            "--no-system-roots",
            "--fail-on",
            "never",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stderr.contains("warning:"),
        "no source may be skipped: {}",
        r.stderr
    );
    assert!(
        r.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["source"]["name"] == "read-by-sa")
    );
    // Least privilege: read only.
    let can = kubectl(
        &env,
        &["auth", "can-i", "update", "secrets", "-A", "--as", sa],
    );
    assert_eq!(String::from_utf8_lossy(&can.stdout).trim(), "no");
    ns.delete().await;
}
