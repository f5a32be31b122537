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

#[cfg(test)]
mod tests {
    //! The control-plane checks over constructed health lines, APIServices, webhooks and
    //! namespaces, and a healthy control plane raising nothing.
    use crate::checks::testing::{fired, ids, object, snapshot, the};
    use crate::finding::Severity;
    use crate::snapshot::HealthLine;
    use k8s_openapi::api::admissionregistration::v1::ValidatingWebhookConfiguration;
    use k8s_openapi::api::core::v1::{Namespace, Service};
    use k8s_openapi::kube_aggregator::pkg::apis::apiregistration::v1::APIService;
    use serde_json::json;

    fn health(name: &str, ok: bool) -> HealthLine {
        HealthLine {
            endpoint: "readyz",
            name: name.into(),
            ok,
        }
    }

    fn apiservice(available: &str) -> APIService {
        object(
            json!({"metadata": {"name": "v1beta1.metrics.k8s.io"}, "spec": {},
            "status": {"conditions": [{"type": "Available", "status": available,
                "reason": "MissingEndpoints", "message": "no endpoints"}]}}),
        )
    }

    fn webhook(policy: &str) -> ValidatingWebhookConfiguration {
        object(
            json!({"metadata": {"name": "policy"}, "webhooks": [{"name": "check.policy.io",
            "clientConfig": {"service": {"namespace": "policy", "name": "webhook"}},
            "failurePolicy": policy, "sideEffects": "None", "admissionReviewVersions": ["v1"]}]}),
        )
    }

    fn namespace(deleted: Option<&str>) -> Namespace {
        object(
            json!({"metadata": {"name": "old", "deletionTimestamp": deleted},
            "status": {"phase": "Terminating", "conditions": [{"type": "NamespaceFinalizersRemaining",
                "status": "True", "message": "finalizer example.com/x"}]}}),
        )
    }

    #[test]
    fn a_healthy_control_plane_raises_nothing() {
        let mut snap = snapshot();
        snap.health = Some(vec![health("etcd", true)]);
        snap.apiservices = Some(vec![apiservice("True")]);
        snap.validating_webhooks = Some(vec![webhook("Fail")]);
        snap.services = Some(vec![object::<Service>(
            json!({"metadata": {"name": "webhook", "namespace": "policy"}, "spec": {}}),
        )]);
        snap.endpointslices = Some(vec![object(json!({"metadata": {"name": "webhook-1",
            "namespace": "policy", "labels": {"kubernetes.io/service-name": "webhook"}},
            "addressType": "IPv4", "endpoints": [{"addresses": ["10.0.0.9"]}]}))]);
        snap.namespaces = Some(vec![namespace(None)]);
        assert_eq!(ids(&snap, "controlplane"), Vec::<String>::new());
    }

    #[test]
    fn failing_health_apiservices_and_stuck_namespaces() {
        let mut snap = snapshot();
        snap.health = Some(vec![health("etcd", false), health("ping", true)]);
        snap.apiservices = Some(vec![apiservice("False")]);
        snap.namespaces = Some(vec![namespace(Some("2026-12-02T11:00:00Z"))]);
        let found = fired(&snap, "controlplane");
        assert_eq!(
            the(&found, "apiserver-health").message,
            "/readyz check \"etcd\" failing"
        );
        assert_eq!(
            the(&found, "apiservice-unavailable").message,
            "unavailable: MissingEndpoints: no endpoints"
        );
        assert_eq!(
            the(&found, "namespace-terminating-stuck").message,
            "Terminating for 1h (NamespaceFinalizersRemaining: finalizer example.com/x)"
        );
    }

    #[test]
    fn a_webhook_without_its_service_is_critical_when_it_fails_closed() {
        let mut snap = snapshot();
        snap.services = Some(vec![]);
        snap.endpointslices = Some(vec![]);
        snap.validating_webhooks = Some(vec![webhook("Fail")]);
        let closed = the(&fired(&snap, "controlplane"), "webhook-service-unavailable");
        assert_eq!(closed.severity, Severity::Critical);
        assert_eq!(closed.object, "ValidatingWebhookConfiguration/policy");
        assert!(
            closed
                .message
                .contains("Service policy/webhook does not exist")
        );
        snap.validating_webhooks = Some(vec![webhook("Ignore")]);
        let open = the(&fired(&snap, "controlplane"), "webhook-service-unavailable");
        assert_eq!(open.severity, Severity::Warning);
        snap.all_namespaces = false;
        assert_eq!(
            ids(&snap, "controlplane"),
            Vec::<String>::new(),
            "a Service outside the listed namespaces is not known missing"
        );
    }
}
