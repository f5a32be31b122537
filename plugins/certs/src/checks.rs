//! The verdicts: pure functions from an [`Inventory`] to certificate entries and findings.
//! Nothing here does I/O; `now` and the thresholds come in as arguments.

use crate::cert::{CertInfo, covers};
use crate::chain::{self, Trust, Usage};
use crate::inventory::{Bundle, Inventory, Origin};
use crate::keys::{self, KeyMatch};
use serde::Serialize;
use shared::finding::{ObjectRef, Severity};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One check: stable id, default severity, what it finds.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    /// Stable id.
    pub id: &'static str,
    /// Severity (some checks raise it, noted in `what`).
    pub severity: Severity,
    /// What it finds.
    pub what: &'static str,
}

const fn check(id: &'static str, severity: Severity, what: &'static str) -> Check {
    Check { id, severity, what }
}

/// Every check, in report order.
pub const CHECKS: &[Check] = &[
    check(
        "expired",
        Severity::Critical,
        "certificate past its notAfter (leaf, intermediate or CA in a bundle)",
    ),
    check(
        "expiring",
        Severity::Warning,
        "expires within --warn (critical within --critical)",
    ),
    check(
        "not-yet-valid",
        Severity::Warning,
        "notBefore is in the future",
    ),
    check(
        "chain-invalid",
        Severity::Warning,
        "no valid path from the leaf through the bundle to ca.crt, --ca-file or the system roots (critical when served to clients)",
    ),
    check(
        "key-mismatch",
        Severity::Critical,
        "the private key stored with the certificate is not its key",
    ),
    check(
        "weak-key",
        Severity::Warning,
        "RSA/DSA under 2048 bits, or an EC curve other than P-256/P-384/P-521",
    ),
    check(
        "weak-signature",
        Severity::Warning,
        "signed with MD2, MD5 or SHA-1 (self-signed roots excepted)",
    ),
    check(
        "san-mismatch",
        Severity::Critical,
        "an Ingress host, Gateway listener hostname or probed SNI name is not covered by the certificate's SANs",
    ),
    check(
        "secret-missing",
        Severity::Critical,
        "an Ingress or Gateway references a TLS Secret that does not exist",
    ),
    check(
        "self-signed-leaf",
        Severity::Warning,
        "a self-signed end-entity certificate is served to clients (Ingress, Gateway or live endpoint)",
    ),
    check(
        "ca-expires-before-leaf",
        Severity::Warning,
        "an issuer in the chain expires before the leaf it signed",
    ),
    check(
        "duplicate-expiry",
        Severity::Warning,
        "copies of the same certificate (subject and SANs) with different expiries: this one was not renewed",
    ),
    check(
        "unparseable",
        Severity::Warning,
        "a value that should hold a certificate cannot be read (bad PEM, bad DER, PKCS#12)",
    ),
    check(
        "endpoint-unreachable",
        Severity::Critical,
        "a TLS endpoint could not be connected to or handshaken with",
    ),
    check(
        "endpoint-cert-differs",
        Severity::Warning,
        "the live endpoint of an Ingress host serves a different certificate than the Ingress's Secret",
    ),
    check(
        "certmanager-not-ready",
        Severity::Critical,
        "a cert-manager Certificate is not Ready",
    ),
    check(
        "certmanager-issuance-failed",
        Severity::Critical,
        "cert-manager failed to issue or renew a Certificate",
    ),
    check(
        "certmanager-renewal-overdue",
        Severity::Warning,
        "a cert-manager Certificate's renewalTime has passed by more than an hour",
    ),
];

/// A certificate the finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertRef {
    /// Subject common name.
    pub common_name: String,
    /// SHA-256 fingerprint.
    pub sha256: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
}

/// certs' own fields of a finding: the key inside the object and the certificate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CertFields {
    /// The key inside the object, when the finding is about stored data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The certificate, when the finding is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertRef>,
}

/// One problem found: the suite's finding with certs' fields.
pub type Finding = shared::finding::Finding<CertFields>;

/// The category of a check (the JUnit suite and the SARIF rule property).
pub fn category(id: &str) -> &'static str {
    match id {
        "expired"
        | "expiring"
        | "not-yet-valid"
        | "ca-expires-before-leaf"
        | "duplicate-expiry" => "expiry",
        "chain-invalid" | "self-signed-leaf" => "chain",
        "key-mismatch" | "weak-key" | "weak-signature" => "keys",
        "san-mismatch" | "secret-missing" => "references",
        "unparseable" => "data",
        "endpoint-unreachable" | "endpoint-cert-differs" => "endpoints",
        id if id.starts_with("certmanager-") => "cert-manager",
        _ => "other",
    }
}

/// The catalogue as the shared renderers describe it.
pub fn catalogue() -> Vec<shared::finding::CheckInfo> {
    CHECKS
        .iter()
        .map(|c| shared::finding::CheckInfo {
            id: c.id,
            category: category(c.id),
            severity: c.severity,
            title: c.what,
        })
        .collect()
}

/// One certificate in the inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Where it is stored or served.
    pub source: Origin,
    /// Its index in the bundle (0 = first).
    pub index: usize,
    /// `leaf`, `intermediate`, `root`, `ca` or `certificate`.
    pub position: &'static str,
    /// Parsed fields.
    #[serde(flatten)]
    pub info: CertInfo,
    /// notBefore, RFC 3339.
    pub not_before_time: String,
    /// notAfter, RFC 3339.
    pub not_after_time: String,
    /// Seconds until notAfter (negative when expired).
    pub expires_in_seconds: i64,
    /// Ids of the checks that fired on this certificate.
    pub findings: Vec<String>,
}

/// Thresholds and the clock.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Unix seconds.
    pub now: i64,
    /// Warn when notAfter is closer than this many seconds.
    pub warn: i64,
    /// Critical when closer than this.
    pub critical: i64,
}

/// The verdict over an inventory.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Certificates, sorted by notAfter.
    pub entries: Vec<Entry>,
    /// Findings, most severe first.
    pub findings: Vec<Finding>,
}

/// RFC 3339 for Unix seconds.
pub fn rfc3339(secs: i64) -> String {
    jiff::Timestamp::from_second(secs)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| secs.to_string())
}

/// `3d`, `5h`, `-2d` (ago).
pub fn days(secs: i64) -> String {
    let d = secs / 86_400;
    if d.abs() >= 1 {
        format!("{d}d")
    } else {
        format!("{}h", secs / 3600)
    }
}

struct Builder<'a> {
    opts: Options,
    trust: &'a Trust,
    out: Verdict,
}

impl Builder<'_> {
    fn push(
        &mut self,
        check: &str,
        severity: Severity,
        origin_or_object: Target<'_>,
        cert: Option<&CertInfo>,
        message: String,
        hint: &str,
    ) {
        let (object, key) = match origin_or_object {
            Target::Stored(o) => (o.object(), Some(o.key.clone())),
            Target::Object(o) => (o.clone(), None),
        };
        self.out.findings.push(Finding {
            check: check.to_string(),
            category: category(check).to_string(),
            severity,
            object,
            location: None,
            message,
            hint: hint.to_string(),
            extra: CertFields {
                key,
                certificate: cert.map(|c| CertRef {
                    common_name: c.common_name.clone(),
                    sha256: c.sha256.clone(),
                    not_after: rfc3339(c.not_after),
                }),
            },
        });
    }
}

enum Target<'a> {
    Stored(&'a Origin),
    Object(&'a ObjectRef),
}

/// Leaf certificates with the same subject and SANs, and where each copy is stored.
type Copies = Vec<(Origin, CertInfo)>;

/// Judges `inv` at `opts.now`.
pub fn judge(inv: &Inventory, opts: Options, trust: &Trust) -> Verdict {
    let mut b = Builder {
        opts,
        trust,
        out: Verdict::default(),
    };
    let served: BTreeSet<(&str, &str)> = inv
        .references
        .iter()
        .map(|r| (r.secret_namespace.as_str(), r.secret_name.as_str()))
        .collect();
    // Leaf of each Secret's tls.crt, for Ingress/Gateway and endpoint cross-checks.
    let mut secret_leaf: HashMap<(String, String), CertInfo> = HashMap::new();
    let mut copies: BTreeMap<(String, Vec<String>), Copies> = BTreeMap::new();

    for bundle in &inv.bundles {
        let is_served = bundle.origin.kind == "Endpoint"
            || (bundle.origin.kind == "Secret"
                && served.contains(&(
                    bundle.origin.namespace.as_deref().unwrap_or_default(),
                    bundle.origin.name.as_str(),
                )));
        let infos = bundle_entries(&mut b, bundle);
        // The stored key belongs to the first certificate, leaf or CA (a self-signed
        // `openssl req -x509` certificate has CA:TRUE and still needs its own key).
        if let Some(first) = infos.first() {
            key_check(&mut b, bundle, first);
        }
        let Some(leaf) = infos.first().filter(|l| !l.is_ca) else {
            continue;
        };
        if bundle.origin.kind == "Secret" {
            if bundle.origin.key == "tls.crt" {
                secret_leaf.insert(
                    (
                        bundle.origin.namespace.clone().unwrap_or_default(),
                        bundle.origin.name.clone(),
                    ),
                    leaf.clone(),
                );
            }
            let mut sans = leaf.sans.clone();
            sans.sort();
            copies
                .entry((leaf.subject.clone(), sans))
                .or_default()
                .push((bundle.origin.clone(), leaf.clone()));
        }
        chain_checks(&mut b, bundle, &infos, is_served);
    }

    references(&mut b, inv, &secret_leaf);
    served_elsewhere(&mut b, inv, &secret_leaf);
    duplicates(&mut b, &copies);
    unreachable(&mut b, inv);
    cert_manager(&mut b, inv);
    finish(b.out)
}

/// `secret-missing` and `san-mismatch`: what Ingresses and Gateways point at.
fn references(
    b: &mut Builder<'_>,
    inv: &Inventory,
    secret_leaf: &HashMap<(String, String), CertInfo>,
) {
    for r in &inv.references {
        let key = (r.secret_namespace.clone(), r.secret_name.clone());
        let listed = inv.secrets.as_ref().filter(|_| {
            inv.secrets_namespace
                .as_ref()
                .is_none_or(|ns| *ns == r.secret_namespace)
        });
        match (secret_leaf.get(&key), listed) {
            (None, Some(known)) if !known.contains(&key) => b.push(
                "secret-missing",
                Severity::Critical,
                Target::Object(&r.by),
                None,
                format!(
                    "TLS Secret {}/{} does not exist (hosts: {})",
                    r.secret_namespace,
                    r.secret_name,
                    list(&r.hosts)
                ),
                "create the Secret (or fix the name); clients get the controller's default certificate meanwhile",
            ),
            (Some(leaf), _) => {
                for host in r.hosts.iter().filter(|h| !covers(&leaf.sans, h)) {
                    b.push(
                        "san-mismatch",
                        Severity::Critical,
                        Target::Object(&r.by),
                        Some(leaf),
                        format!(
                            "host {host} is not covered by secret/{} (SANs: {})",
                            r.secret_name,
                            list(&leaf.sans)
                        ),
                        "reissue the certificate with this host in its SANs, or fix the host",
                    );
                }
            }
            _ => {}
        }
    }
}

/// `endpoint-cert-differs`: the live endpoint of an Ingress host against its Secret.
fn served_elsewhere(
    b: &mut Builder<'_>,
    inv: &Inventory,
    secret_leaf: &HashMap<(String, String), CertInfo>,
) {
    for (endpoint, ingress, secret) in &inv.served_by {
        let live = inv
            .bundles
            .iter()
            .find(|bd| &bd.origin == endpoint)
            .and_then(|bd| bd.certs.first())
            .and_then(|d| CertInfo::parse(d).ok());
        if let (Some(live), Some(stored)) = (live, secret_leaf.get(secret))
            && live.sha256 != stored.sha256
        {
            b.push(
                "endpoint-cert-differs",
                Severity::Warning,
                Target::Object(ingress),
                Some(&live),
                format!(
                    "{} serves CN={} (expires {}), not secret/{} (CN={}, expires {})",
                    endpoint.name,
                    live.common_name,
                    rfc3339(live.not_after),
                    secret.1,
                    stored.common_name,
                    rfc3339(stored.not_after)
                ),
                "the controller has not picked up the Secret: check its logs, the Ingress class, and that the Secret is valid",
            );
        }
    }
}

/// `duplicate-expiry`: copies of one certificate with different expiries.
fn duplicates(b: &mut Builder<'_>, copies: &BTreeMap<(String, Vec<String>), Copies>) {
    for copies in copies.values() {
        let Some(newest) = copies.iter().map(|(_, c)| c.not_after).max() else {
            continue;
        };
        let Some((newest_origin, _)) = copies.iter().find(|(_, c)| c.not_after == newest) else {
            continue;
        };
        for (origin, c) in copies.iter().filter(|(_, c)| c.not_after < newest) {
            b.push(
                "duplicate-expiry",
                Severity::Warning,
                Target::Stored(origin),
                Some(c),
                format!(
                    "a copy of this certificate expires {} but {} expires {}",
                    rfc3339(c.not_after),
                    newest_origin.display(),
                    rfc3339(newest)
                ),
                "this copy was not renewed: sync it from the renewed one (or let one issuer own it)",
            );
        }
    }
}

/// `endpoint-unreachable`.
fn unreachable(b: &mut Builder<'_>, inv: &Inventory) {
    for u in &inv.unreachable {
        let object = u
            .via
            .clone()
            .unwrap_or_else(|| ObjectRef::cluster("Endpoint", &u.endpoint));
        b.push(
            "endpoint-unreachable",
            Severity::Critical,
            Target::Object(&object),
            None,
            format!("{}: {}", u.endpoint, u.error),
            "check the address, port and firewall; a TLS alert means the server rejected the handshake",
        );
    }
}

/// `certmanager-not-ready`, `certmanager-issuance-failed`, `certmanager-renewal-overdue`.
fn cert_manager(b: &mut Builder<'_>, inv: &Inventory) {
    for m in &inv.managed {
        if let Some((false, reason, message)) = &m.ready {
            b.push(
                "certmanager-not-ready",
                Severity::Critical,
                Target::Object(&m.object),
                None,
                format!("Ready=False ({reason}): {message}"),
                &format!(
                    "kubectl describe certificate {} -n {} ; cmctl status certificate {}",
                    m.object.name,
                    m.object.namespace.as_deref().unwrap_or_default(),
                    m.object.name
                ),
            );
        }
        if m.issuing_failed.is_some() || m.failed_attempts > 0 {
            b.push(
                "certmanager-issuance-failed",
                Severity::Critical,
                Target::Object(&m.object),
                None,
                format!(
                    "issuance failed ({} failed attempt(s)){}",
                    m.failed_attempts,
                    m.issuing_failed
                        .as_deref()
                        .map(|s| format!(": {s}"))
                        .unwrap_or_default()
                ),
                "check the Issuer and the CertificateRequests; `cmctl renew` retries now",
            );
        }
        if let Some(t) = m.renewal_time
            && t + 3600 < b.opts.now
        {
            b.push(
                "certmanager-renewal-overdue",
                Severity::Warning,
                Target::Object(&m.object),
                None,
                format!(
                    "renewalTime {} passed {} ago; secret/{} has not been renewed",
                    rfc3339(t),
                    days(b.opts.now - t),
                    m.secret_name
                ),
                "check cert-manager's controller logs and the Issuer",
            );
        }
    }
}

/// Links the findings to the certificates they are about, and sorts both.
fn finish(out: Verdict) -> Verdict {
    let mut out = out;
    let mut fired: HashMap<(Origin, String), Vec<String>> = HashMap::new();
    for f in &out.findings {
        if let (Some(key), Some(cert)) = (&f.extra.key, &f.extra.certificate) {
            let origin = Origin::new(
                &f.object.kind,
                f.object.namespace.as_deref(),
                &f.object.name,
                key,
            );
            fired
                .entry((origin, cert.sha256.clone()))
                .or_default()
                .push(f.check.clone());
        }
    }
    for e in &mut out.entries {
        if let Some(ids) = fired.get(&(e.source.clone(), e.info.sha256.clone())) {
            e.findings = ids.clone();
            e.findings.dedup();
        }
    }
    out.entries.sort_by(|a, b| {
        (a.info.not_after, &a.source, a.index).cmp(&(b.info.not_after, &b.source, b.index))
    });
    out.findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.check.cmp(&b.check))
            .then_with(|| a.object.cmp(&b.object))
            .then_with(|| a.extra.key.cmp(&b.extra.key))
    });
    out
}

/// Per-certificate checks of one bundle; returns the parsed certificates.
fn bundle_entries(b: &mut Builder<'_>, bundle: &Bundle) -> Vec<CertInfo> {
    let origin = &bundle.origin;
    for p in &bundle.problems {
        b.push(
            "unparseable",
            Severity::Warning,
            Target::Stored(origin),
            None,
            p.clone(),
            "re-export the value as PEM (`openssl x509 -outform pem`); nothing in it is being checked",
        );
    }
    let mut infos = Vec::new();
    for (i, der) in bundle.certs.iter().enumerate() {
        match CertInfo::parse(der) {
            Ok(info) => infos.push(info),
            Err(e) => b.push(
                "unparseable",
                Severity::Warning,
                Target::Stored(origin),
                None,
                format!("certificate #{}: {e}", i + 1),
                "re-export the value as PEM; this certificate is not being checked",
            ),
        }
    }
    let is_chain = infos.first().is_some_and(|c| !c.is_ca);
    let now = b.opts.now;
    for (i, info) in infos.iter().enumerate() {
        let position = match (is_chain, i, info.self_issued, info.is_ca) {
            (true, 0, _, _) => "leaf",
            (_, _, true, true) => "root",
            (true, _, _, _) => "intermediate",
            (false, _, _, true) => "ca",
            (false, _, _, false) => "certificate",
        };
        let left = info.not_after - now;
        let what = match position {
            "leaf" | "certificate" => "certificate".to_string(),
            p => format!("{p} certificate"),
        };
        if left < 0 {
            b.push(
                "expired",
                Severity::Critical,
                Target::Stored(origin),
                Some(info),
                format!(
                    "{what} CN={} expired {} ago ({})",
                    info.common_name,
                    days(-left),
                    rfc3339(info.not_after)
                ),
                "renew it now; clients reject expired certificates",
            );
        } else if left < b.opts.warn {
            let severity = if left < b.opts.critical {
                Severity::Critical
            } else {
                Severity::Warning
            };
            b.push(
                "expiring",
                severity,
                Target::Stored(origin),
                Some(info),
                format!(
                    "{what} CN={} expires in {} ({})",
                    info.common_name,
                    days(left),
                    rfc3339(info.not_after)
                ),
                "renew it before it expires (cert-manager: check the Certificate's renewBefore)",
            );
        }
        if info.not_before > now {
            b.push(
                "not-yet-valid",
                Severity::Warning,
                Target::Stored(origin),
                Some(info),
                format!(
                    "{what} CN={} is valid only from {}",
                    info.common_name,
                    rfc3339(info.not_before)
                ),
                "check the issuer's clock; clients reject it until then",
            );
        }
        if let Some(why) = info.weak_key() {
            b.push(
                "weak-key",
                Severity::Warning,
                Target::Stored(origin),
                Some(info),
                format!("{what} CN={}: {why}", info.common_name),
                "reissue with RSA 2048+ or ECDSA P-256",
            );
        }
        if info.weak_signature() && !(info.self_issued && info.is_ca) {
            b.push(
                "weak-signature",
                Severity::Warning,
                Target::Stored(origin),
                Some(info),
                format!(
                    "{what} CN={} is signed with {}",
                    info.common_name, info.signature_algorithm
                ),
                "reissue with a SHA-256 (or stronger) signature; browsers reject SHA-1",
            );
        }
        b.out.entries.push(Entry {
            source: origin.clone(),
            index: i,
            position,
            not_before_time: rfc3339(info.not_before),
            not_after_time: rfc3339(info.not_after),
            expires_in_seconds: left,
            info: info.clone(),
            findings: Vec::new(),
        });
    }
    infos
}

/// The private keys stored with a bundle against its first certificate.
fn key_check(b: &mut Builder<'_>, bundle: &Bundle, first: &CertInfo) {
    let verdicts: Vec<KeyMatch> = bundle
        .keys
        .iter()
        .map(|k| keys::compare(k, first))
        .collect();
    if !verdicts.is_empty() && verdicts.iter().all(|v| *v == KeyMatch::Mismatch) {
        b.push(
            "key-mismatch",
            Severity::Critical,
            Target::Stored(&bundle.origin),
            Some(first),
            format!(
                "the private key stored with CN={} is not its key",
                first.common_name
            ),
            "store the key the certificate was issued for; TLS handshakes with this pair fail",
        );
    }
}

/// Chain, issuer expiry, self-signed and SNI checks of a bundle whose first certificate is
/// a leaf.
fn chain_checks(b: &mut Builder<'_>, bundle: &Bundle, infos: &[CertInfo], served: bool) {
    let origin = &bundle.origin;
    let leaf = &infos[0];
    if leaf.self_signed_leaf() {
        if served {
            b.push(
                "self-signed-leaf",
                Severity::Warning,
                Target::Stored(origin),
                Some(leaf),
                format!(
                    "CN={} is self-signed and served to clients",
                    leaf.common_name
                ),
                "issue it from a CA clients trust (cert-manager with an ACME or CA issuer)",
            );
        }
    } else {
        let usage = if leaf.for_servers() {
            Usage::Server
        } else {
            Usage::Client
        };
        if let Err(Some(why)) = chain::verify(
            &bundle.certs[0],
            &bundle.certs[1..],
            &bundle.local_anchors,
            b.trust,
            b.opts.now,
            usage,
        ) {
            b.push(
                "chain-invalid",
                if served { Severity::Critical } else { Severity::Warning },
                Target::Stored(origin),
                Some(leaf),
                format!("CN={}: {why}", leaf.common_name),
                "store the full chain (leaf first, then intermediates) and the issuing CA in ca.crt, or pass --ca-file",
            );
        }
    }
    // Issuers found in the bundle or ca.crt, walked upwards from the leaf.
    let mut pool: Vec<CertInfo> = infos[1..].to_vec();
    pool.extend(
        bundle
            .local_anchors
            .iter()
            .filter_map(|d| CertInfo::parse(d).ok()),
    );
    let mut current = leaf;
    let mut seen = BTreeSet::new();
    while let Some(issuer) = pool
        .iter()
        .find(|c| c.raw_subject == current.raw_issuer && c.sha256 != current.sha256)
    {
        if !seen.insert(issuer.sha256.clone()) {
            break;
        }
        if issuer.not_after < leaf.not_after {
            b.push(
                "ca-expires-before-leaf",
                Severity::Warning,
                Target::Stored(origin),
                Some(leaf),
                format!(
                    "issuer CN={} expires {}, before the leaf CN={} ({})",
                    issuer.common_name,
                    rfc3339(issuer.not_after),
                    leaf.common_name,
                    rfc3339(leaf.not_after)
                ),
                "renew or re-sign with a longer-lived CA; the leaf stops validating when its issuer expires",
            );
        }
        current = issuer;
    }
    for host in bundle.hosts.iter().filter(|h| !covers(&leaf.sans, h)) {
        b.push(
            "san-mismatch",
            Severity::Critical,
            Target::Stored(origin),
            Some(leaf),
            format!(
                "{host} is not covered by the served certificate (SANs: {})",
                list(&leaf.sans)
            ),
            "serve a certificate whose SANs include this name",
        );
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// `kubectl certs checks`: the catalogue as a table or the suite's JSON/YAML envelope.
pub fn write_catalogue(
    w: &mut dyn std::io::Write,
    format: crate::cli::Format,
    no_headers: bool,
) -> anyhow::Result<()> {
    use crate::cli::Format;
    use shared::output::Render;
    let render = match format {
        Format::Json => Render::Json,
        Format::Yaml => Render::Yaml,
        _ => Render::Table { no_headers },
    };
    let checks = catalogue();
    shared::output::write_check_list(w, render, "certs", crate::report::SCHEMA_VERSION, &checks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab() {
        let mut ids = BTreeSet::new();
        for c in CHECKS {
            assert!(ids.insert(c.id), "duplicate {}", c.id);
            assert!(c.id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'));
        }
    }

    #[test]
    fn days_read_naturally() {
        assert_eq!(days(3 * 86_400 + 5), "3d");
        assert_eq!(days(7200), "2h");
        assert_eq!(days(-2 * 86_400), "-2d");
    }

    /// `judge` over constructed inventories: certificates made with rcgen, no cluster.
    mod judged {
        use super::super::*;
        use crate::decode::PrivateKey;
        use crate::inventory::{ManagedCertificate, Reference, Unreachable};

        const NOW: i64 = 1_800_000_000;

        /// A certificate for `sans` valid from `from` to `to` days around NOW (CA:TRUE with
        /// `ca`), DER, with its key as PKCS#8.
        fn cert(sans: &[&str], from: i64, to: i64, ca: bool) -> (Vec<u8>, Vec<u8>) {
            let (params, key) = params(sans, from, to, ca);
            let c = params.self_signed(&key).expect("cert");
            (c.der().to_vec(), key.serialize_der())
        }

        /// A certificate for `sans` signed by `issuer` (made by [`params`]), DER.
        fn signed_by(
            sans: &[&str],
            from: i64,
            to: i64,
            issuer: &(rcgen::CertificateParams, rcgen::KeyPair),
        ) -> Vec<u8> {
            let (params, key) = params(sans, from, to, false);
            let issuer = rcgen::Issuer::from_params(&issuer.0, &issuer.1);
            params
                .signed_by(&key, &issuer)
                .expect("cert")
                .der()
                .to_vec()
        }

        /// The parameters and key of [`cert`].
        fn params(
            sans: &[&str],
            from: i64,
            to: i64,
            ca: bool,
        ) -> (rcgen::CertificateParams, rcgen::KeyPair) {
            let key = rcgen::KeyPair::generate().expect("key");
            let mut params = rcgen::CertificateParams::new(
                sans.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            )
            .expect("params");
            let at = |days: i64| {
                time::OffsetDateTime::from_unix_timestamp(NOW + days * 86_400).expect("time")
            };
            params.not_before = at(from);
            params.not_after = at(to);
            params
                .distinguished_name
                .push(rcgen::DnType::CommonName, sans[0]);
            if ca {
                params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
            }
            (params, key)
        }

        fn secret(name: &str, der: Vec<u8>, key: Option<Vec<u8>>) -> Bundle {
            let mut b = Bundle::new(
                Origin::new("Secret", Some("shop"), name, "tls.crt"),
                Default::default(),
            );
            b.certs = vec![der];
            b.keys = key.map(PrivateKey::Pkcs8).into_iter().collect();
            b
        }

        fn ids(inv: &Inventory) -> Vec<(String, String)> {
            let (trust, _) = Trust::load(false, &[]);
            let opts = Options {
                now: NOW,
                warn: 30 * 86_400,
                critical: 7 * 86_400,
            };
            judge(inv, opts, &trust)
                .findings
                .into_iter()
                .map(|f| (f.check, f.object.name))
                .collect()
        }

        fn has(found: &[(String, String)], check: &str, name: &str) -> bool {
            found.iter().any(|(c, n)| c == check && n == name)
        }

        #[test]
        fn expiry_keys_and_references() {
            let (expired, expired_key) = cert(&["old.example"], -400, -1, false);
            let (soon, soon_key) = cert(&["soon.example"], -10, 3, false);
            let (selfsigned, _) = cert(&["ca.example"], -10, 300, true);
            let (_, other_key) = cert(&["other.example"], -10, 300, false);
            let (web, web_key) = cert(&["web.example"], -10, 300, false);
            let inv = Inventory {
                bundles: vec![
                    secret("old", expired, Some(expired_key)),
                    secret("soon", soon, Some(soon_key)),
                    secret("wrong-key", selfsigned, Some(other_key)),
                    secret("web", web, Some(web_key)),
                ],
                references: vec![
                    Reference {
                        by: ObjectRef::namespaced("Ingress", Some("shop"), "front"),
                        secret_namespace: "shop".into(),
                        secret_name: "web".into(),
                        hosts: vec!["shop.example".into()],
                    },
                    Reference {
                        by: ObjectRef::namespaced("Ingress", Some("shop"), "gone"),
                        secret_namespace: "shop".into(),
                        secret_name: "missing".into(),
                        hosts: vec!["x.example".into()],
                    },
                ],
                secrets: Some(
                    ["old", "soon", "wrong-key", "web"]
                        .iter()
                        .map(|n| ("shop".to_string(), n.to_string()))
                        .collect(),
                ),
                unreachable: vec![Unreachable {
                    endpoint: "api.example:443".into(),
                    via: None,
                    error: "connect: refused".into(),
                }],
                managed: vec![ManagedCertificate {
                    object: ObjectRef::namespaced("Certificate", Some("shop"), "web"),
                    ready: Some((false, "Failed".into(), "issuer not ready".into())),
                    issuing_failed: None,
                    failed_attempts: 0,
                    renewal_time: None,
                    secret_name: "web".into(),
                }],
                ..Default::default()
            };
            let found = ids(&inv);
            assert!(has(&found, "expired", "old"), "{found:?}");
            assert!(has(&found, "expiring", "soon"), "{found:?}");
            assert!(
                has(&found, "key-mismatch", "wrong-key"),
                "CA:TRUE self-signed: {found:?}"
            );
            assert!(has(&found, "san-mismatch", "front"), "{found:?}");
            assert!(has(&found, "secret-missing", "gone"), "{found:?}");
            assert!(
                has(&found, "endpoint-unreachable", "api.example:443"),
                "{found:?}"
            );
            assert!(has(&found, "certmanager-not-ready", "web"), "{found:?}");
            // web is self-signed and served by an Ingress: that too, and nothing about expiry.
            assert!(has(&found, "self-signed-leaf", "web"), "{found:?}");
            assert!(
                !has(&found, "expired", "web") && !has(&found, "expiring", "web"),
                "{found:?}"
            );
        }

        #[test]
        fn chains_validity_duplicates_and_cert_manager() {
            let ca = params(&["Shop CA"], -10, 100, true);
            let ca_der = ca.0.self_signed(&ca.1).expect("ca").der().to_vec();
            let leaf = signed_by(&["api.example"], -10, 300, &ca);
            let mut anchored = secret("anchored", leaf.clone(), None);
            anchored.local_anchors = vec![ca_der];
            let orphan = secret("orphan", leaf, None);
            let (future, _) = cert(&["future.example"], 2, 300, false);
            let (dup_old, _) = cert(&["dup.example"], -10, 40, false);
            let (dup_new, _) = cert(&["dup.example"], -10, 200, false);
            let inv = Inventory {
                bundles: vec![
                    anchored,
                    orphan,
                    secret("future", future, None),
                    secret("dup-old", dup_old, None),
                    secret("dup-new", dup_new, None),
                ],
                managed: vec![ManagedCertificate {
                    object: ObjectRef::namespaced("Certificate", Some("shop"), "api"),
                    ready: Some((true, "Ready".into(), "".into())),
                    issuing_failed: Some("ACME order failed".into()),
                    failed_attempts: 2,
                    renewal_time: Some(NOW - 7200),
                    secret_name: "api".into(),
                }],
                ..Default::default()
            };
            let found = ids(&inv);
            assert!(
                has(&found, "ca-expires-before-leaf", "anchored"),
                "{found:?}"
            );
            assert!(
                !has(&found, "chain-invalid", "anchored"),
                "ca.crt anchors the chain: {found:?}"
            );
            assert!(
                has(&found, "chain-invalid", "orphan"),
                "no issuer anywhere: {found:?}"
            );
            assert!(has(&found, "not-yet-valid", "future"), "{found:?}");
            assert!(has(&found, "duplicate-expiry", "dup-old"), "{found:?}");
            assert!(
                !has(&found, "duplicate-expiry", "dup-new"),
                "the renewed copy is fine: {found:?}"
            );
            assert!(
                has(&found, "certmanager-issuance-failed", "api")
                    && has(&found, "certmanager-renewal-overdue", "api")
                    && !has(&found, "certmanager-not-ready", "api"),
                "{found:?}"
            );
        }

        #[test]
        fn a_healthy_inventory_raises_nothing() {
            let (web, web_key) = cert(&["web.example"], -10, 300, false);
            let inv = Inventory {
                bundles: vec![secret("web", web, Some(web_key))],
                references: vec![Reference {
                    by: ObjectRef::namespaced("Ingress", Some("shop"), "front"),
                    secret_namespace: "shop".into(),
                    secret_name: "web".into(),
                    hosts: vec!["web.example".into()],
                }],
                ..Default::default()
            };
            let found: Vec<(String, String)> = ids(&inv)
                .into_iter()
                .filter(|(c, _)| c != "self-signed-leaf" && c != "chain-invalid")
                .collect();
            assert_eq!(found, Vec::<(String, String)>::new());
        }
    }
}
