//! Notifications without Alertmanager: POST a JSON summary (or a Slack-compatible
//! payload) of the findings that are new or worse than last time, retried with exponential
//! backoff. What was already sent is remembered in a state file (or in memory for the
//! exporter) and only advanced after a delivery succeeded, so a failing webhook loses
//! nothing: the next run sends it again. The scan result is printed either way.

use crate::checks::Finding;
use bytes::Bytes;
use clap::ValueEnum;
use http_body_util::Full;
use serde::Serialize;
use shared::finding::Severity;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Payload shape.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PayloadFormat {
    /// `CertificateNotification` JSON (docs/output-schema.md).
    #[default]
    Json,
    /// Slack incoming-webhook JSON (`{"text": ...}`).
    Slack,
}

/// What was already notified: finding identity → severity.
pub type State = BTreeMap<String, Severity>;

/// The identity of a finding across runs.
pub fn identity(f: &Finding) -> String {
    format!(
        "{}|{}|{}|{}|{}|{}",
        f.check,
        f.object.kind,
        f.object.namespace.as_deref().unwrap_or_default(),
        f.object.name,
        f.extra.key.as_deref().unwrap_or_default(),
        f.extra
            .certificate
            .as_ref()
            .map(|c| c.sha256.as_str())
            .unwrap_or_default()
    )
}

/// Findings that are new, or more severe than when last notified.
pub fn news<'a>(findings: &'a [Finding], state: &State) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| state.get(&identity(f)).is_none_or(|s| f.severity > *s))
        .collect()
}

/// The state after notifying `findings`: exactly the current findings (resolved ones are
/// forgotten so they notify again if they come back).
pub fn next_state(findings: &[Finding]) -> State {
    findings.iter().map(|f| (identity(f), f.severity)).collect()
}

/// Reads a state file; missing or unreadable means empty (everything is new).
pub fn load_state(path: &Path) -> State {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Writes a state file atomically.
pub fn save_state(path: &Path, state: &State) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(state).unwrap_or_default())?;
    std::fs::rename(tmp, path)
}

/// The default state file for a context: `$XDG_STATE_HOME/sre-toolkit/certs/<context>.json`.
pub fn default_state_path(context: &str) -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    let safe: String = context
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Some(base.join("sre-toolkit/certs").join(format!("{safe}.json")))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification<'a> {
    api_version: String,
    kind: &'static str,
    context: &'a str,
    generated_at: String,
    findings: Vec<&'a Finding>,
}

/// The request body for `format`.
pub fn payload(format: PayloadFormat, context: &str, findings: &[&Finding]) -> Vec<u8> {
    match format {
        PayloadFormat::Json => serde_json::to_vec(&Notification {
            api_version: format!(
                "certs.{}/{}",
                shared::output::API_GROUP,
                crate::report::SCHEMA_VERSION
            ),
            kind: "CertificateNotification",
            context,
            generated_at: jiff::Timestamp::now().to_string(),
            findings: findings.to_vec(),
        })
        .unwrap_or_default(),
        PayloadFormat::Slack => {
            let mut text = format!(
                "*kubectl certs* on `{context}`: {} new or worse finding(s)\n",
                findings.len()
            );
            for f in findings.iter().take(50) {
                let ns = f
                    .object
                    .namespace
                    .as_deref()
                    .map(|n| format!("{n}/"))
                    .unwrap_or_default();
                text.push_str(&format!(
                    "• *{}* `{}` {ns}{}: {}\n",
                    f.severity.as_str(),
                    f.check,
                    f.object.kind_name(),
                    f.message
                ));
            }
            if findings.len() > 50 {
                text.push_str(&format!("… and {} more\n", findings.len() - 50));
            }
            serde_json::to_vec(&serde_json::json!({ "text": text })).unwrap_or_default()
        }
    }
}

/// Where and how to send.
#[derive(Debug, Clone)]
pub struct Webhook {
    /// URL (http or https).
    pub url: http::Uri,
    /// Payload shape.
    pub format: PayloadFormat,
    /// Retries after the first attempt.
    pub retries: u32,
    /// Delay before the first retry; doubles each time.
    pub backoff: Duration,
}

/// Posts `body`, retrying on connection errors and non-2xx answers. `Ok(attempts)` or the
/// last error.
pub async fn deliver(hook: &Webhook, body: Vec<u8>) -> Result<u32, String> {
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()
        .map_err(|e| format!("TLS roots: {e}"))?
        .https_or_http()
        .enable_http1()
        .build();
    let client: hyper_util::client::legacy::Client<_, Full<Bytes>> =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build(https);
    let body = Bytes::from(body);
    let mut delay = hook.backoff;
    let mut last = String::new();
    for attempt in 1..=hook.retries + 1 {
        let req = http::Request::post(hook.url.clone())
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(
                http::header::USER_AGENT,
                format!("kubectl-certs/{}", shared::VERSION),
            )
            .body(Full::new(body.clone()))
            .map_err(|e| e.to_string())?;
        match tokio::time::timeout(Duration::from_secs(10), client.request(req)).await {
            Ok(Ok(resp)) if resp.status().is_success() => return Ok(attempt),
            Ok(Ok(resp)) => last = format!("HTTP {}", resp.status()),
            Ok(Err(e)) => last = format!("{e}"),
            Err(_) => last = "no answer within 10s".into(),
        }
        if attempt <= hook.retries {
            tokio::time::sleep(delay).await;
            delay = delay.saturating_mul(2);
        }
    }
    Err(format!("{last} after {} attempt(s)", hook.retries + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::finding::ObjectRef;

    fn finding(check: &str, severity: Severity) -> Finding {
        Finding {
            check: check.into(),
            category: crate::checks::category(check).into(),
            severity,
            object: ObjectRef::namespaced("Secret", Some("ns"), "web"),
            location: None,
            message: "m".into(),
            hint: "h".into(),
            extra: crate::checks::CertFields {
                key: Some("tls.crt".into()),
                certificate: None,
            },
        }
    }

    #[test]
    fn only_new_or_worse_findings_are_news() {
        let before = [finding("expiring", Severity::Warning)];
        let state = next_state(&before);
        assert!(news(&before, &state).is_empty());
        let worse = [finding("expiring", Severity::Critical)];
        assert_eq!(news(&worse, &state).len(), 1);
        let new = [
            finding("expiring", Severity::Warning),
            finding("weak-key", Severity::Warning),
        ];
        assert_eq!(news(&new, &state).len(), 1);
        let slack: serde_json::Value =
            serde_json::from_slice(&payload(PayloadFormat::Slack, "ctx", &news(&new, &state)))
                .expect("json");
        assert!(
            slack["text"]
                .as_str()
                .is_some_and(|t| t.contains("weak-key"))
        );
    }
}
