//! Best-practice and security rules over a pod template ([`audit_pod_spec`]): privileged
//! containers, host namespaces and paths, root, missing securityContext, `:latest` images,
//! missing probes, the default ServiceAccount token, Secrets in the environment. A pure
//! function of a `PodSpec`, so a live workload and a manifest file get the same verdicts.

use crate::finding::{CheckInfo, Severity};
use k8s_openapi::api::core::v1::{Container, PodSpec};

const fn rule(id: &'static str, severity: Severity, title: &'static str) -> CheckInfo {
    CheckInfo {
        id,
        category: "audit",
        severity,
        title,
    }
}

/// Every rule of [`audit_pod_spec`]: id, severity, title.
pub const RULES: &[CheckInfo] = &[
    rule(
        "audit-privileged",
        Severity::Critical,
        "Privileged container",
    ),
    rule(
        "audit-host-network",
        Severity::Warning,
        "Pod uses the host network",
    ),
    rule(
        "audit-host-pid",
        Severity::Warning,
        "Pod uses the host PID namespace",
    ),
    rule(
        "audit-host-path",
        Severity::Warning,
        "Pod mounts a hostPath volume",
    ),
    rule(
        "audit-run-as-root",
        Severity::Warning,
        "Container may run as root",
    ),
    rule(
        "audit-no-security-context",
        Severity::Info,
        "Container has no securityContext",
    ),
    rule(
        "audit-image-latest",
        Severity::Warning,
        "Image uses :latest or no tag",
    ),
    rule(
        "audit-no-probes",
        Severity::Warning,
        "Long-running container has no readiness or liveness probe",
    ),
    rule(
        "audit-sa-token-automount",
        Severity::Info,
        "Default ServiceAccount token automounted",
    ),
    rule(
        "audit-secret-in-env",
        Severity::Warning,
        "Secret exposed as an environment variable",
    ),
];

/// One rule violation in a pod spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleHit {
    /// The rule's check id (`audit-*`).
    pub rule: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: &'static str,
}

fn names(cs: &[&Container]) -> String {
    cs.iter()
        .map(|c| format!("{:?}", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether an image reference has no fixed tag (none, or `:latest`) and no digest.
pub fn image_is_latest(image: &str) -> bool {
    if image.contains('@') {
        return false;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        None => true,
        Some((_, tag)) => tag == "latest",
    }
}

/// Runs every audit rule over `spec`. `long_running` is false for Jobs and CronJobs (probes
/// are not expected there).
pub fn audit_pod_spec(spec: &PodSpec, long_running: bool) -> Vec<RuleHit> {
    let mut hits = Vec::new();
    let containers: Vec<&Container> = spec
        .containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
        .collect();
    let mut hit = |rule, message: String, hint| {
        hits.push(RuleHit {
            rule,
            message,
            hint,
        })
    };
    let pod_sc = spec.security_context.as_ref();

    let privileged: Vec<&Container> = containers
        .iter()
        .copied()
        .filter(|c| c.security_context.as_ref().and_then(|s| s.privileged) == Some(true))
        .collect();
    if !privileged.is_empty() {
        hit(
            "audit-privileged",
            format!("privileged containers: {}", names(&privileged)),
            "drop privileged; grant only the capabilities needed",
        );
    }
    if spec.host_network == Some(true) {
        hit(
            "audit-host-network",
            "uses the host network namespace".into(),
            "remove hostNetwork unless it is a node agent",
        );
    }
    if spec.host_pid == Some(true) {
        hit(
            "audit-host-pid",
            "uses the host PID namespace".into(),
            "remove hostPID: it can see and signal every process on the node",
        );
    }
    let host_paths: Vec<String> = spec
        .volumes
        .iter()
        .flatten()
        .filter_map(|v| {
            v.host_path
                .as_ref()
                .map(|h| format!("{} ({})", v.name, h.path))
        })
        .collect();
    if !host_paths.is_empty() {
        hit(
            "audit-host-path",
            format!("hostPath volumes: {}", host_paths.join(", ")),
            "use a PVC, ConfigMap or emptyDir instead of the node's filesystem",
        );
    }
    let root: Vec<&Container> = containers
        .iter()
        .copied()
        .filter(|c| {
            let sc = c.security_context.as_ref();
            let non_root = sc
                .and_then(|s| s.run_as_non_root)
                .or(pod_sc.and_then(|s| s.run_as_non_root));
            let uid = sc
                .and_then(|s| s.run_as_user)
                .or(pod_sc.and_then(|s| s.run_as_user));
            match uid {
                Some(0) => true,
                Some(_) => false,
                None => non_root != Some(true),
            }
        })
        .collect();
    if !root.is_empty() {
        hit(
            "audit-run-as-root",
            format!("may run as root: {}", names(&root)),
            "set securityContext.runAsNonRoot: true and a non-zero runAsUser",
        );
    }
    // The API server defaults a template's securityContext to `{}`: that is none at all.
    if pod_sc.is_none_or(|sc| *sc == Default::default()) {
        let bare: Vec<&Container> = containers
            .iter()
            .copied()
            .filter(|c| c.security_context.is_none())
            .collect();
        if !bare.is_empty() {
            hit(
                "audit-no-security-context",
                format!("no securityContext: {}", names(&bare)),
                "set a securityContext (runAsNonRoot, readOnlyRootFilesystem, drop ALL capabilities)",
            );
        }
    }
    let latest: Vec<String> = containers
        .iter()
        .filter(|c| c.image.as_deref().is_some_and(image_is_latest))
        .map(|c| format!("{:?} ({})", c.name, c.image.as_deref().unwrap_or("")))
        .collect();
    if !latest.is_empty() {
        hit(
            "audit-image-latest",
            format!("image without a fixed tag: {}", latest.join(", ")),
            "pin a version tag or digest so rollouts are reproducible",
        );
    }
    if long_running {
        let no_probes: Vec<&Container> = spec
            .containers
            .iter()
            .filter(|c| c.readiness_probe.is_none() && c.liveness_probe.is_none())
            .collect();
        if !no_probes.is_empty() {
            hit(
                "audit-no-probes",
                format!("no readiness or liveness probe: {}", names(&no_probes)),
                "add a readinessProbe so traffic waits for the app, and a livenessProbe if it can hang",
            );
        }
    }
    let default_sa = spec
        .service_account_name
        .as_deref()
        .is_none_or(|s| s.is_empty() || s == "default");
    if default_sa && spec.automount_service_account_token != Some(false) {
        hit(
            "audit-sa-token-automount",
            "default ServiceAccount token is mounted".into(),
            "set automountServiceAccountToken: false, or use a dedicated ServiceAccount",
        );
    }
    let mut secret_env: Vec<String> = Vec::new();
    for c in &containers {
        for e in c.env.iter().flatten() {
            if let Some(r) = e
                .value_from
                .as_ref()
                .and_then(|v| v.secret_key_ref.as_ref())
            {
                secret_env.push(format!(
                    "{}.{} <- secret {}/{}",
                    c.name, e.name, r.name, r.key
                ));
            }
        }
        for f in c.env_from.iter().flatten() {
            if let Some(r) = &f.secret_ref {
                secret_env.push(format!("{} <- all of secret {}", c.name, r.name));
            }
        }
    }
    if !secret_env.is_empty() {
        hit(
            "audit-secret-in-env",
            format!(
                "Secrets in environment variables: {}",
                secret_env.join(", ")
            ),
            "mount Secrets as files: env vars leak into logs, crash dumps and child processes",
        );
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(v: serde_json::Value) -> PodSpec {
        serde_json::from_value(v).expect("valid pod spec")
    }

    fn rules(s: &PodSpec, long: bool) -> Vec<&'static str> {
        audit_pod_spec(s, long)
            .into_iter()
            .map(|h| h.rule)
            .collect()
    }

    #[test]
    fn hardened_spec_passes_every_rule() {
        let s = spec(serde_json::json!({
            "automountServiceAccountToken": false,
            "securityContext": {"runAsNonRoot": true, "runAsUser": 10001},
            "containers": [{"name": "app", "image": "registry.example/app:1.2.3",
                "securityContext": {"allowPrivilegeEscalation": false},
                "readinessProbe": {"httpGet": {"path": "/healthz", "port": 8080}}}]
        }));
        assert_eq!(rules(&s, true), Vec::<&str>::new());
    }

    #[test]
    fn risky_spec_hits_every_rule() {
        let s = spec(serde_json::json!({
            "hostNetwork": true, "hostPID": true,
            "volumes": [{"name": "root", "hostPath": {"path": "/"}}],
            "containers": [{"name": "app", "image": "nginx",
                "securityContext": {"privileged": true, "runAsUser": 0},
                "env": [{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}]},
                {"name": "side", "image": "busybox:latest"}]
        }));
        let mut got = rules(&s, true);
        got.sort_unstable();
        assert_eq!(
            got,
            [
                "audit-host-network",
                "audit-host-path",
                "audit-host-pid",
                "audit-image-latest",
                "audit-no-probes",
                "audit-no-security-context",
                "audit-privileged",
                "audit-run-as-root",
                "audit-sa-token-automount",
                "audit-secret-in-env"
            ]
        );
    }

    #[test]
    fn image_tags() {
        assert!(image_is_latest("nginx"));
        assert!(image_is_latest("nginx:latest"));
        assert!(image_is_latest("registry:5000/team/app"));
        assert!(!image_is_latest("registry:5000/team/app:1.0"));
        assert!(!image_is_latest("app@sha256:abc"));
    }

    #[test]
    fn jobs_need_no_probes() {
        let s =
            spec(serde_json::json!({"containers": [{"name": "once", "image": "busybox:1.36"}]}));
        assert!(!rules(&s, false).contains(&"audit-no-probes"));
        assert!(rules(&s, true).contains(&"audit-no-probes"));
    }
}
