//! Networking checks: Services with selectors that match nothing or without ready
//! endpoints (read from EndpointSlices, not the deprecated Endpoints), and Ingresses whose
//! backend Service, port or TLS Secret is missing.

use super::{Cx, obj, selector_matches};
use k8s_openapi::api::core::v1::Service;
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::api::networking::v1::IngressBackend;
use std::collections::HashMap;

const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";

/// Ready endpoints per (namespace, service), from EndpointSlices.
pub(crate) fn ready_endpoints(slices: &[EndpointSlice]) -> HashMap<(String, String), usize> {
    let mut m: HashMap<(String, String), usize> = HashMap::new();
    for s in slices {
        let Some(svc) = s
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(SERVICE_NAME_LABEL))
        else {
            continue;
        };
        let ns = s.metadata.namespace.clone().unwrap_or_default();
        let ready = s
            .endpoints
            .iter()
            .filter(|e| e.conditions.as_ref().and_then(|c| c.ready).unwrap_or(true))
            .count();
        *m.entry((ns, svc.clone())).or_default() += ready;
    }
    m
}

fn find_service<'a>(services: &'a [Service], ns: &str, name: &str) -> Option<&'a Service> {
    services.iter().find(|s| {
        s.metadata.namespace.as_deref() == Some(ns) && s.metadata.name.as_deref() == Some(name)
    })
}

pub(crate) fn run(cx: &mut Cx<'_>) {
    let snap = cx.snap;
    let Some(services) = snap.services.as_ref() else {
        return;
    };
    let endpoints = snap.endpointslices.as_deref().map(ready_endpoints);
    for svc in services {
        let Some(spec) = &svc.spec else { continue };
        if spec.type_.as_deref() == Some("ExternalName") {
            continue;
        }
        let Some(selector) = spec.selector.as_ref().filter(|s| !s.is_empty()) else {
            continue;
        };
        let ns = svc.metadata.namespace.as_deref().unwrap_or_default();
        let name = svc.metadata.name.as_deref().unwrap_or_default();
        let sel_text = selector
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",");
        let matching = snap.pods.as_ref().map(|pods| {
            pods.iter()
                .filter(|p| p.metadata.namespace.as_deref() == Some(ns))
                .filter(|p| selector_matches(selector, p.metadata.labels.as_ref()))
                .count()
        });
        if matching == Some(0) && !cx.opts.label_filtered {
            cx.emit(
                "service-selector-no-match",
                obj("Service", &svc.metadata),
                format!("selector {sel_text} matches no pod in namespace {ns}"),
                format!("compare with the pod labels: kubectl get pods -n {ns} --show-labels"),
            );
            continue;
        }
        if let Some(eps) = &endpoints {
            let ready = eps
                .get(&(ns.to_string(), name.to_string()))
                .copied()
                .unwrap_or(0);
            if ready == 0 {
                let pods = matching
                    .map(|m| format!("{m} matching pods, "))
                    .unwrap_or_default();
                cx.emit(
                    "service-no-endpoints",
                    obj("Service", &svc.metadata),
                    format!("{pods}0 ready endpoints (selector {sel_text}): traffic to it fails"),
                    format!("the matching pods are not Ready: kubectl get endpointslices -n {ns} -l {SERVICE_NAME_LABEL}={name}"),
                );
            }
        }
    }
    for ing in snap.ingresses.iter().flatten() {
        let ns = ing.metadata.namespace.as_deref().unwrap_or_default();
        let Some(spec) = &ing.spec else { continue };
        let mut backends: Vec<(&IngressBackend, String)> = Vec::new();
        if let Some(b) = &spec.default_backend {
            backends.push((b, "default backend".into()));
        }
        for rule in spec.rules.iter().flatten() {
            for p in rule.http.iter().flat_map(|h| h.paths.iter()) {
                let host = rule.host.as_deref().unwrap_or("*");
                backends.push((
                    &p.backend,
                    format!("{host}{}", p.path.as_deref().unwrap_or("/")),
                ));
            }
        }
        let mut problems: Vec<String> = Vec::new();
        for (b, route) in backends {
            let Some(bs) = &b.service else { continue };
            match find_service(services, ns, &bs.name) {
                None => problems.push(format!("{route} -> Service {:?} does not exist", bs.name)),
                Some(svc) => {
                    let ports = svc.spec.as_ref().and_then(|s| s.ports.as_ref());
                    let port_ok = bs.port.as_ref().is_none_or(|want| {
                        ports.is_some_and(|ps| {
                            ps.iter().any(|p| {
                                want.number == Some(p.port)
                                    || (want.name.is_some() && want.name == p.name)
                            })
                        })
                    });
                    if !port_ok {
                        let want = bs
                            .port
                            .as_ref()
                            .map(|p| {
                                p.number
                                    .map(|n| n.to_string())
                                    .or(p.name.clone())
                                    .unwrap_or_default()
                            })
                            .unwrap_or_default();
                        problems.push(format!(
                            "{route} -> Service {:?} has no port {want}",
                            bs.name
                        ));
                    }
                }
            }
        }
        if !problems.is_empty() {
            cx.emit(
                "ingress-backend-missing",
                obj("Ingress", &ing.metadata),
                problems.join("; "),
                "requests to these routes get 503s: fix the backend Service name or port",
            );
        }
        if let Some(secrets) = &snap.secrets {
            for tls in spec.tls.iter().flatten() {
                if let Some(secret) = &tls.secret_name
                    && !secrets.contains(&(ns.to_string(), secret.clone()))
                {
                    cx.emit(
                        "ingress-tls-secret-missing",
                        obj("Ingress", &ing.metadata),
                        format!(
                            "TLS Secret {secret:?} for hosts {} does not exist",
                            tls.hosts.as_ref().map(|h| h.join(", ")).unwrap_or_else(|| "*".into())
                        ),
                        "the ingress controller serves its default certificate instead: create the Secret (cert-manager?)",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! The networking checks over constructed Services, EndpointSlices, pods and Ingresses,
    //! and a wired-up Service and Ingress raising nothing.
    use crate::checks::testing::{fired, ids, object, snapshot, the};
    use k8s_openapi::api::core::v1::{Pod, Service};
    use k8s_openapi::api::discovery::v1::EndpointSlice;
    use k8s_openapi::api::networking::v1::Ingress;
    use serde_json::json;
    use std::collections::HashSet;

    fn service(name: &str, app: &str) -> Service {
        object(json!({"metadata": {"name": name, "namespace": "shop"},
            "spec": {"selector": {"app": app}, "ports": [{"name": "http", "port": 80}]}}))
    }

    fn pod(app: &str) -> Pod {
        object(
            json!({"metadata": {"name": format!("{app}-1"), "namespace": "shop",
            "labels": {"app": app}}, "spec": {"containers": [{"name": "app", "image": "app:1"}]}}),
        )
    }

    fn slice(service: &str, ready: bool) -> EndpointSlice {
        object(
            json!({"metadata": {"name": format!("{service}-abc"), "namespace": "shop",
            "labels": {"kubernetes.io/service-name": service}}, "addressType": "IPv4",
            "endpoints": [{"addresses": ["10.0.0.1"], "conditions": {"ready": ready}}]}),
        )
    }

    fn ingress(service: &str, port: serde_json::Value, secret: &str) -> Ingress {
        object(
            json!({"metadata": {"name": "shop", "namespace": "shop"}, "spec": {
            "tls": [{"hosts": ["shop.example"], "secretName": secret}],
            "rules": [{"host": "shop.example", "http": {"paths": [{"path": "/", "pathType": "Prefix",
                "backend": {"service": {"name": service, "port": port}}}]}}]}}),
        )
    }

    fn secrets(names: &[&str]) -> HashSet<(String, String)> {
        names
            .iter()
            .map(|n| ("shop".to_string(), n.to_string()))
            .collect()
    }

    #[test]
    fn a_wired_service_and_ingress_raise_nothing() {
        let mut snap = snapshot();
        snap.services = Some(vec![service("web", "web")]);
        snap.pods = Some(vec![pod("web")]);
        snap.endpointslices = Some(vec![slice("web", true)]);
        snap.ingresses = Some(vec![
            ingress("web", json!({"number": 80}), "shop-tls"),
            ingress("web", json!({"name": "http"}), "shop-tls"),
        ]);
        snap.secrets = Some(secrets(&["shop-tls"]));
        assert_eq!(ids(&snap, "networking"), Vec::<String>::new());
    }

    #[test]
    fn selectors_that_match_nothing_and_services_without_ready_endpoints() {
        let mut snap = snapshot();
        snap.services = Some(vec![service("web", "web"), service("api", "api")]);
        snap.pods = Some(vec![pod("web")]);
        snap.endpointslices = Some(vec![slice("web", false)]);
        let found = fired(&snap, "networking");
        let none = the(&found, "service-selector-no-match");
        assert_eq!(none.object, "Service/shop/api");
        assert_eq!(
            none.message,
            "selector app=api matches no pod in namespace shop"
        );
        let empty = the(&found, "service-no-endpoints");
        assert_eq!(empty.object, "Service/shop/web");
        assert!(
            empty
                .message
                .starts_with("1 matching pods, 0 ready endpoints"),
            "{empty:?}"
        );
    }

    #[test]
    fn ingress_backends_ports_and_tls_secrets() {
        let mut snap = snapshot();
        snap.services = Some(vec![service("web", "web")]);
        snap.ingresses = Some(vec![
            ingress("gone", json!({"number": 80}), "shop-tls"),
            ingress("web", json!({"number": 8080}), "missing-tls"),
        ]);
        snap.secrets = Some(secrets(&["shop-tls"]));
        let found = fired(&snap, "networking");
        let backends: Vec<&str> = found
            .iter()
            .filter(|f| f.check == "ingress-backend-missing")
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(
            backends.len(),
            2,
            "one finding per ingress object: {found:?}"
        );
        assert!(backends.contains(&"shop.example/ -> Service \"gone\" does not exist"));
        assert!(backends.contains(&"shop.example/ -> Service \"web\" has no port 8080"));
        assert_eq!(
            the(&found, "ingress-tls-secret-missing").message,
            "TLS Secret \"missing-tls\" for hosts shop.example does not exist"
        );
    }
}
