//! Targets: a URL as given, or `svc/NAME:PORT[/path]` and `pod/NAME:PORT[/path]` resolved
//! through the API. In the cluster a Service is reached by its DNS name; from this machine
//! (`--local`) through a ready address of its EndpointSlices; a pod by its IP.

use k8s_openapi::api::core::v1::{Pod, Service};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use kube::api::{Api, ListParams};
use shared::cluster::Cluster;
use shared::error::Error;

/// A target as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `http(s)://…`.
    Url(String),
    /// `svc/NAME:PORT[/path]` (PORT: number or name).
    Service {
        /// Service name.
        name: String,
        /// Port number or name.
        port: String,
        /// Path and query (`/` by default).
        path: String,
    },
    /// `pod/NAME:PORT[/path]`.
    Pod {
        /// Pod name.
        name: String,
        /// Port number.
        port: u16,
        /// Path and query.
        path: String,
    },
}

impl Target {
    /// Whether the target lives in the cluster (runs default to in-cluster runners).
    pub fn in_cluster(&self) -> bool {
        !matches!(self, Target::Url(_))
    }
}

/// Parses a target.
pub fn parse(s: &str) -> Result<Target, String> {
    if s.starts_with("http://") || s.starts_with("https://") {
        let uri: http::Uri = s.parse().map_err(|e| format!("{s:?} is not a URL: {e}"))?;
        if uri.host().is_none_or(str::is_empty) {
            return Err(format!("{s:?} has no host"));
        }
        return Ok(Target::Url(s.to_string()));
    }
    if let Some((scheme, _)) = s.split_once("://") {
        return Err(format!(
            "{s:?}: unsupported scheme {scheme:?} (kubectl load speaks http:// and https://)"
        ));
    }
    let (kind, rest) = s
        .split_once('/')
        .ok_or_else(|| format!("{s:?}: give a URL (http://…), svc/NAME:PORT or pod/NAME:PORT"))?;
    let (name_port, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let (name, port) = name_port
        .split_once(':')
        .ok_or_else(|| format!("{s:?}: the port is missing (e.g. {kind}/web:8080)"))?;
    if name.is_empty() || port.is_empty() {
        return Err(format!("{s:?}: name and port are required"));
    }
    match kind {
        "svc" | "service" | "services" => Ok(Target::Service {
            name: name.into(),
            port: port.into(),
            path,
        }),
        "pod" | "pods" | "po" => Ok(Target::Pod {
            name: name.into(),
            port: port
                .parse()
                .map_err(|_| format!("{s:?}: a pod port must be a number"))?,
            path,
        }),
        other => Err(format!("{s:?}: unknown kind {other:?} (svc or pod)")),
    }
}

/// The URL to load for `target` in `namespace`, from inside the cluster (`in_cluster`) or
/// from this machine.
pub async fn resolve(
    cluster: &Cluster,
    namespace: &str,
    target: &Target,
    in_cluster: bool,
) -> Result<String, Error> {
    match target {
        Target::Url(u) => Ok(u.clone()),
        Target::Pod { name, port, path } => {
            let pods: Api<Pod> = Api::namespaced(cluster.client.clone(), namespace);
            let pod =
                pods.get(name)
                    .await
                    .map_err(cluster.api_error("get", "pods", Some(namespace)))?;
            let ip = pod
                .status
                .and_then(|s| s.pod_ip)
                .filter(|ip| !ip.is_empty())
                .ok_or_else(|| {
                    Error::usage(
                        format!("pod {namespace}/{name} has no IP yet"),
                        "wait until it is Running",
                    )
                })?;
            let host = if ip.contains(':') {
                format!("[{ip}]")
            } else {
                ip
            };
            Ok(format!("http://{host}:{port}{path}"))
        }
        Target::Service { name, port, path } => {
            let svcs: Api<Service> = Api::namespaced(cluster.client.clone(), namespace);
            let svc = svcs.get(name).await.map_err(cluster.api_error(
                "get",
                "services",
                Some(namespace),
            ))?;
            let ports = svc.spec.and_then(|s| s.ports).unwrap_or_default();
            let sp = ports
                .iter()
                .find(|p| p.port.to_string() == *port || p.name.as_deref() == Some(port.as_str()))
                .ok_or_else(|| {
                    Error::usage(
                        format!("service {namespace}/{name} has no port {port:?}"),
                        format!(
                            "its ports: {}",
                            ports
                                .iter()
                                .map(|p| p.port.to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                })?;
            if in_cluster {
                return Ok(format!("http://{name}.{namespace}.svc:{}{path}", sp.port));
            }
            let slices: Api<EndpointSlice> = Api::namespaced(cluster.client.clone(), namespace);
            let lp = ListParams::default().labels(&format!("kubernetes.io/service-name={name}"));
            let slices = slices.list(&lp).await.map_err(cluster.api_error(
                "list",
                "endpointslices.discovery.k8s.io",
                Some(namespace),
            ))?;
            for slice in slices.items {
                let Some(ep_port) = slice
                    .ports
                    .iter()
                    .flatten()
                    .find(|p| p.name == sp.name)
                    .and_then(|p| p.port)
                else {
                    continue;
                };
                let ready = slice
                    .endpoints
                    .iter()
                    .find(|e| e.conditions.as_ref().and_then(|c| c.ready).unwrap_or(true));
                if let Some(addr) = ready.and_then(|e| e.addresses.first()) {
                    let host = if addr.contains(':') {
                        format!("[{addr}]")
                    } else {
                        addr.clone()
                    };
                    return Ok(format!("http://{host}:{ep_port}{path}"));
                }
            }
            Err(Error::Unreachable {
                message: format!("service {namespace}/{name} has no ready endpoint"),
                hint: format!(
                    "check `kubectl get endpointslices -n {namespace} -l kubernetes.io/service-name={name}`"
                ),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_forms() {
        assert_eq!(
            parse("http://a:8080/x"),
            Ok(Target::Url("http://a:8080/x".into()))
        );
        assert_eq!(
            parse("svc/web:http/api?q=1"),
            Ok(Target::Service {
                name: "web".into(),
                port: "http".into(),
                path: "/api?q=1".into()
            })
        );
        assert_eq!(
            parse("pod/web-0:8080"),
            Ok(Target::Pod {
                name: "web-0".into(),
                port: 8080,
                path: "/".into()
            })
        );
        assert!(parse("web").is_err());
        assert!(parse("svc/web").is_err());
        assert!(parse("pod/web:http").is_err());
        assert!(parse("deploy/web:80").is_err());
        assert!(parse("http://").is_err());
        assert!(parse("svc/web:http").expect("svc").in_cluster());
    }
}
