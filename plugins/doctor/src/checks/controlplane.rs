//! Control-plane and extension checks: `/readyz` and `/livez`, aggregated APIServices,
//! admission webhooks whose Service is missing or has no ready endpoints, and Namespaces
//! stuck Terminating.

use super::networking::ready_endpoints;
use super::{Cx, ago};
use crate::finding::{ObjectRef, Severity};
use k8s_openapi::api::admissionregistration::v1::ServiceReference;

pub(crate) fn run(cx: &mut Cx<'_>) {
    let snap = cx.snap;
    for h in snap.health.iter().flatten().filter(|h| !h.ok) {
        cx.emit(
            "apiserver-health",
            ObjectRef::cluster("APIServer", h.endpoint),
            format!("/{} check {:?} failing", h.endpoint, h.name),
            format!(
                "kubectl get --raw '/{}?verbose'; the API server's logs say why",
                h.endpoint
            ),
        );
    }
    for a in snap.apiservices.iter().flatten() {
        let name = a.metadata.name.as_deref().unwrap_or_default();
        for c in a.status.iter().flat_map(|s| s.conditions.iter().flatten()) {
            if c.type_ == "Available" && c.status == "False" {
                cx.emit(
                    "apiservice-unavailable",
                    ObjectRef::cluster("APIService", name),
                    format!("unavailable: {}: {}", c.reason.as_deref().unwrap_or(""), c.message.as_deref().unwrap_or("")),
                    "discovery and namespace deletion break while an APIService is down: fix its backend or delete it",
                );
            }
        }
    }
    webhooks(cx);
    for ns in snap.namespaces.iter().flatten() {
        let Some(del) = &ns.metadata.deletion_timestamp else {
            continue;
        };
        let age = cx.age(del);
        if age.as_secs() >= cx.stuck_secs() {
            let why: Vec<String> = ns
                .status
                .iter()
                .flat_map(|s| s.conditions.iter().flatten())
                .filter(|c| c.status == "True")
                .map(|c| format!("{}: {}", c.type_, c.message.as_deref().unwrap_or("")))
                .collect();
            let name = ns.metadata.name.as_deref().unwrap_or_default();
            cx.emit(
                "namespace-terminating-stuck",
                ObjectRef::cluster("Namespace", name),
                format!("Terminating for {}{}", ago(age), if why.is_empty() { String::new() } else { format!(" ({})", why.join("; ")) }),
                format!("usually an unavailable APIService or a finalizer: kubectl get namespace {name} -o yaml"),
            );
        }
    }
}

fn webhooks(cx: &mut Cx<'_>) {
    let snap = cx.snap;
    let Some(services) = snap.services.as_ref() else {
        return;
    };
    let endpoints = snap.endpointslices.as_deref().map(ready_endpoints);
    let in_scope = |ns: &str| {
        snap.all_namespaces
            || services
                .iter()
                .any(|s| s.metadata.namespace.as_deref() == Some(ns))
    };
    let mut hooks: Vec<(&str, &str, &str, &ServiceReference, Option<&str>)> = Vec::new();
    for cfg in snap.validating_webhooks.iter().flatten() {
        for w in cfg.webhooks.iter().flatten() {
            if let Some(s) = &w.client_config.service {
                hooks.push((
                    "ValidatingWebhookConfiguration",
                    cfg.metadata.name.as_deref().unwrap_or_default(),
                    &w.name,
                    s,
                    w.failure_policy.as_deref(),
                ));
            }
        }
    }
    for cfg in snap.mutating_webhooks.iter().flatten() {
        for w in cfg.webhooks.iter().flatten() {
            if let Some(s) = &w.client_config.service {
                hooks.push((
                    "MutatingWebhookConfiguration",
                    cfg.metadata.name.as_deref().unwrap_or_default(),
                    &w.name,
                    s,
                    w.failure_policy.as_deref(),
                ));
            }
        }
    }
    for (kind, cfg, hook, svc, policy) in hooks {
        if !in_scope(&svc.namespace) {
            continue;
        }
        let exists = services.iter().any(|s| {
            s.metadata.namespace.as_deref() == Some(svc.namespace.as_str())
                && s.metadata.name.as_deref() == Some(svc.name.as_str())
        });
        let problem = if !exists {
            Some("does not exist".to_string())
        } else {
            endpoints.as_ref().and_then(|e| {
                (e.get(&(svc.namespace.clone(), svc.name.clone()))
                    .copied()
                    .unwrap_or(0)
                    == 0)
                    .then(|| "has no ready endpoints".to_string())
            })
        };
        let Some(problem) = problem else { continue };
        let fail = policy.unwrap_or("Fail") == "Fail";
        let (sev, effect) = if fail {
            (
                Severity::Critical,
                "failurePolicy Fail: matching API requests are rejected cluster-wide",
            )
        } else {
            (
                Severity::Warning,
                "failurePolicy Ignore: its policy is silently skipped",
            )
        };
        cx.emit_at(
            "webhook-service-unavailable",
            sev,
            ObjectRef::cluster(kind, cfg),
            format!("webhook {hook:?}: Service {}/{} {problem}; {effect}", svc.namespace, svc.name),
            "restore the webhook's backend, or delete the configuration if the webhook was uninstalled",
        );
    }
}
