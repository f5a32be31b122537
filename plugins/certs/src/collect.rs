//! Reading certificates out of the cluster: Secrets (of any type but Helm releases) and
//! ConfigMaps page by page, keeping only the decoded certificates; Ingress and Gateway TLS
//! references; webhook, APIService and CRD conversion caBundles; cert-manager
//! Certificates; and the kubeconfig's own certificates. Kinds that are forbidden or not
//! served are skipped with a warning; the rest of the scan goes on.

use crate::decode::{self, Decoded};
use crate::inventory::{Bundle, Inventory, ManagedCertificate, Origin, Reference};
use clap::ValueEnum;
use k8s_openapi::ByteString;
use k8s_openapi::api::admissionregistration::v1::{
    MutatingWebhookConfiguration, ValidatingWebhookConfiguration, WebhookClientConfig,
};
use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use k8s_openapi::api::networking::v1::Ingress;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use k8s_openapi::kube_aggregator::pkg::apis::apiregistration::v1::APIService;
use kube::api::{Api, DynamicObject, ListParams};
use kube::core::{ApiResource, GroupVersionKind};
use serde_json::Value;
use shared::cluster::Cluster;
use shared::error::Error;
use shared::finding::ObjectRef;
use std::collections::{BTreeMap, BTreeSet};

/// Where certificates are looked for.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// Secrets of any type except Helm release Secrets.
    Secrets,
    /// ConfigMaps holding PEM (e.g. kube-root-ca.crt, trust bundles).
    Configmaps,
    /// Ingress spec.tls: Secret exists, SANs cover the hosts.
    Ingresses,
    /// Gateway API listeners' certificateRefs, when the CRDs exist.
    Gateways,
    /// caBundles of validating and mutating webhook configurations.
    Webhooks,
    /// caBundles of APIServices.
    Apiservices,
    /// caBundles of CRD conversion webhooks.
    Crds,
    /// The current kubeconfig context's cluster CA and client certificate.
    Kubeconfig,
    /// cert-manager Certificates, when the CRD exists.
    CertManager,
}

impl Source {
    /// Every source.
    pub fn all() -> Vec<Source> {
        Source::value_variants().to_vec()
    }
}

/// What to read.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Sources.
    pub sources: BTreeSet<Source>,
}

/// Secret and ConfigMap keys that hold a CA for the certificate beside them.
const CA_KEYS: &[&str] = &["ca.crt", "ca.pem", "ca-bundle.crt", "cacert.pem"];

/// Splits one object's data into bundles: certificates are paired with the private keys
/// stored in the same value, under `tls.key` for `tls.crt`, or `NAME.key` for `NAME.crt`/`NAME.pem`;
/// `ca.crt` becomes the local trust anchors of the other bundles (and a bundle of its own).
pub fn bundles_of(
    kind: &str,
    namespace: Option<&str>,
    name: &str,
    data: &BTreeMap<String, &[u8]>,
) -> Vec<Bundle> {
    let decoded: BTreeMap<&str, Decoded> = data
        .iter()
        .map(|(k, v)| (k.as_str(), decode::decode(k, v)))
        .filter(|(_, d)| !d.is_empty())
        .collect();
    let anchors: Vec<Vec<u8>> = CA_KEYS
        .iter()
        .filter_map(|k| decoded.get(k))
        .flat_map(|d| d.certs.clone())
        .collect();
    let mut out = Vec::new();
    for (key, d) in &decoded {
        if d.certs.is_empty() && d.problems.is_empty() {
            continue; // a key file, paired below
        }
        let mut bundle = Bundle::new(Origin::new(kind, namespace, name, key), d.clone());
        if bundle.keys.is_empty() {
            let stem = key
                .strip_suffix(".crt")
                .or_else(|| key.strip_suffix(".pem"))
                .unwrap_or(key);
            for candidate in [format!("{stem}.key"), format!("{stem}-key.pem")] {
                if let Some(k) = decoded.get(candidate.as_str()) {
                    bundle.keys.extend(k.keys.iter().cloned());
                }
            }
        }
        if !CA_KEYS.contains(key) {
            bundle.local_anchors = anchors.clone();
        }
        out.push(bundle);
    }
    out
}

fn secret_bundles(s: Secret) -> Vec<Bundle> {
    let meta = &s.metadata;
    let data: BTreeMap<String, &[u8]> = s
        .data
        .iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.0.as_slice()))
        .collect();
    bundles_of(
        "Secret",
        meta.namespace.as_deref(),
        meta.name.as_deref().unwrap_or_default(),
        &data,
    )
}

fn configmap_bundles(c: ConfigMap) -> Vec<Bundle> {
    let meta = &c.metadata;
    let mut data: BTreeMap<String, &[u8]> = c
        .data
        .iter()
        .flatten()
        .filter(|(_, v)| v.contains("-----BEGIN"))
        .map(|(k, v)| (k.clone(), v.as_bytes()))
        .collect();
    data.extend(
        c.binary_data
            .iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.0.as_slice())),
    );
    bundles_of(
        "ConfigMap",
        meta.namespace.as_deref(),
        meta.name.as_deref().unwrap_or_default(),
        &data,
    )
}

fn ca_bundle(kind: &str, name: &str, entry: &str, bytes: Option<&ByteString>) -> Option<Bundle> {
    let bytes = bytes.filter(|b| !b.0.is_empty())?;
    let d = decode::decode("caBundle", &bytes.0);
    Some(Bundle::new(Origin::new(kind, None, name, entry), d))
}

fn webhook_bundles<'a>(
    kind: &str,
    name: &str,
    hooks: impl Iterator<Item = (&'a str, &'a WebhookClientConfig)>,
) -> Vec<Bundle> {
    hooks
        .filter_map(|(hook, cc)| ca_bundle(kind, name, hook, cc.ca_bundle.as_ref()))
        .collect()
}

/// The scan's collector: the cluster, the plan, and how to warn.
pub struct Collector<'a> {
    /// The cluster.
    pub cluster: &'a Cluster,
    /// What to read.
    pub plan: &'a Plan,
    /// What could not be read (each with one warning).
    pub partial: &'a shared::partial::Partial<'a>,
}

impl Collector<'_> {
    fn wants(&self, s: Source) -> bool {
        self.plan.sources.contains(&s)
    }

    async fn list_map<K, U>(
        &self,
        source: Source,
        api: Api<K>,
        lp: ListParams,
        resource: &str,
        keep: impl FnMut(K) -> Option<U>,
    ) -> Result<Option<Vec<U>>, Error>
    where
        K: Clone + serde::de::DeserializeOwned + std::fmt::Debug + kube::Resource,
    {
        if !self.wants(source) {
            return Ok(None);
        }
        let r = self.cluster.list_map(&api, &lp, resource, keep).await;
        self.partial.tolerate(resource, api.namespace(), r, false)
    }

    async fn list_dynamic(
        &self,
        source: Source,
        gvk: GroupVersionKind,
        plural: &str,
    ) -> Result<Option<Vec<DynamicObject>>, Error> {
        if !self.wants(source) {
            return Ok(None);
        }
        let ar = ApiResource::from_gvk_with_plural(&gvk, plural);
        let api: Api<DynamicObject> = match self.cluster.scope.namespace() {
            Some(ns) => Api::namespaced_with(self.cluster.client.clone(), ns, &ar),
            None => Api::all_with(self.cluster.client.clone(), &ar),
        };
        let resource = format!("{plural}.{}", gvk.group);
        let r = self
            .cluster
            .list_map(&api, &ListParams::default(), &resource, Some)
            .await;
        // A missing CRD is not a warning: the feature is just not installed.
        self.partial
            .tolerate(&resource, self.cluster.scope.namespace(), r, true)
    }

    /// Reads every wanted source.
    pub async fn collect(&self) -> Result<Inventory, Error> {
        let cluster = self.cluster;
        let mut secret_lp = cluster.selected();
        let helm = "type!=helm.sh/release.v1";
        secret_lp.field_selector = Some(match &cluster.field_selector {
            Some(f) => format!("{f},{helm}"),
            None => helm.to_string(),
        });
        let all = || ListParams::default();
        let (
            secrets,
            configmaps,
            ingresses,
            gateways,
            managed,
            validating,
            mutating,
            apiservices,
            crds,
        ) = futures::join!(
            self.list_map(
                Source::Secrets,
                cluster.scoped_api::<Secret>(),
                secret_lp,
                "secrets",
                |s: Secret| {
                    let id = (
                        s.metadata.namespace.clone().unwrap_or_default(),
                        s.metadata.name.clone().unwrap_or_default(),
                    );
                    Some((id, secret_bundles(s)))
                }
            ),
            self.list_map(
                Source::Configmaps,
                cluster.scoped_api::<ConfigMap>(),
                cluster.selected(),
                "configmaps",
                |c| Some(configmap_bundles(c))
            ),
            self.list_map(
                Source::Ingresses,
                cluster.scoped_api::<Ingress>(),
                cluster.selected(),
                "ingresses.networking.k8s.io",
                |i| Some(ingress_references(&i))
            ),
            self.list_dynamic(
                Source::Gateways,
                GroupVersionKind::gvk("gateway.networking.k8s.io", "v1", "Gateway"),
                "gateways"
            ),
            self.list_dynamic(
                Source::CertManager,
                GroupVersionKind::gvk("cert-manager.io", "v1", "Certificate"),
                "certificates"
            ),
            self.list_map(
                Source::Webhooks,
                Api::<ValidatingWebhookConfiguration>::all(cluster.client.clone()),
                all(),
                "validatingwebhookconfigurations.admissionregistration.k8s.io",
                |w| Some(webhook_bundles(
                    "ValidatingWebhookConfiguration",
                    w.metadata.name.as_deref().unwrap_or_default(),
                    w.webhooks
                        .iter()
                        .flatten()
                        .map(|h| (h.name.as_str(), &h.client_config)),
                ))
            ),
            self.list_map(
                Source::Webhooks,
                Api::<MutatingWebhookConfiguration>::all(cluster.client.clone()),
                all(),
                "mutatingwebhookconfigurations.admissionregistration.k8s.io",
                |w| Some(webhook_bundles(
                    "MutatingWebhookConfiguration",
                    w.metadata.name.as_deref().unwrap_or_default(),
                    w.webhooks
                        .iter()
                        .flatten()
                        .map(|h| (h.name.as_str(), &h.client_config)),
                ))
            ),
            self.list_map(
                Source::Apiservices,
                Api::<APIService>::all(cluster.client.clone()),
                all(),
                "apiservices.apiregistration.k8s.io",
                |a| {
                    let name = a.metadata.name.clone().unwrap_or_default();
                    a.spec.and_then(|s| {
                        ca_bundle("APIService", &name, "caBundle", s.ca_bundle.as_ref())
                    })
                }
            ),
            self.list_map(
                Source::Crds,
                Api::<CustomResourceDefinition>::all(cluster.client.clone()),
                all(),
                "customresourcedefinitions.apiextensions.k8s.io",
                |c| {
                    let name = c.metadata.name.clone().unwrap_or_default();
                    let cc = c
                        .spec
                        .conversion
                        .and_then(|cv| cv.webhook)
                        .and_then(|w| w.client_config)?;
                    ca_bundle(
                        "CustomResourceDefinition",
                        &name,
                        "conversion",
                        cc.ca_bundle.as_ref(),
                    )
                }
            ),
        );
        let mut inv = Inventory {
            secrets_namespace: cluster.scope.namespace().map(str::to_string),
            ..Default::default()
        };
        if let Some(secrets) = secrets? {
            let mut names = BTreeSet::new();
            for (id, bundles) in secrets {
                names.insert(id);
                inv.bundles.extend(bundles);
            }
            inv.secrets = Some(names);
        }
        inv.bundles
            .extend(configmaps?.into_iter().flatten().flatten());
        inv.references
            .extend(ingresses?.into_iter().flatten().flatten());
        inv.references
            .extend(gateways?.iter().flatten().flat_map(gateway_references));
        inv.managed
            .extend(managed?.iter().flatten().filter_map(managed_certificate));
        for part in [validating?, mutating?].into_iter().flatten() {
            inv.bundles.extend(part.into_iter().flatten());
        }
        inv.bundles.extend(crds?.into_iter().flatten());
        inv.bundles.extend(apiservices?.into_iter().flatten());
        if self.wants(Source::Kubeconfig) {
            inv.bundles.extend(kubeconfig_bundles(cluster));
        }
        Ok(inv)
    }
}

fn kubeconfig_bundles(cluster: &Cluster) -> Vec<Bundle> {
    let creds = &cluster.credentials;
    let mut out = Vec::new();
    if !creds.cluster_ca.is_empty() {
        let d = Decoded {
            certs: creds.cluster_ca.clone(),
            ..Default::default()
        };
        out.push(Bundle::new(
            Origin::new(
                "Kubeconfig",
                None,
                &cluster.context,
                "certificate-authority",
            ),
            d,
        ));
    }
    if let Some(pem) = &creds.client_certificate {
        let mut d = decode::decode("client-certificate.crt", pem);
        d.keys.clear(); // the client key is not read
        let mut b = Bundle::new(
            Origin::new("Kubeconfig", None, &cluster.context, "client-certificate"),
            d,
        );
        b.local_anchors = creds.cluster_ca.clone();
        out.push(b);
    }
    out
}

/// The TLS references of one Ingress.
pub fn ingress_references(i: &Ingress) -> Vec<Reference> {
    let ns = i.metadata.namespace.clone().unwrap_or_default();
    let by = ObjectRef::namespaced(
        "Ingress",
        Some(&ns),
        i.metadata.name.as_deref().unwrap_or_default(),
    );
    i.spec
        .iter()
        .flat_map(|s| s.tls.iter().flatten())
        .filter_map(|t| {
            Some(Reference {
                by: by.clone(),
                secret_namespace: ns.clone(),
                secret_name: t.secret_name.clone()?,
                hosts: t.hosts.clone().unwrap_or_default(),
            })
        })
        .collect()
}

/// The certificateRefs of a Gateway's TLS listeners.
pub fn gateway_references(g: &DynamicObject) -> Vec<Reference> {
    let ns = g.metadata.namespace.clone().unwrap_or_default();
    let by = ObjectRef::namespaced(
        "Gateway",
        Some(&ns),
        g.metadata.name.as_deref().unwrap_or_default(),
    );
    let listeners = g.data["spec"]["listeners"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut out = Vec::new();
    for l in &listeners {
        let hosts: Vec<String> = l["hostname"]
            .as_str()
            .map(str::to_string)
            .into_iter()
            .collect();
        for r in l["tls"]["certificateRefs"].as_array().into_iter().flatten() {
            let kind = r["kind"].as_str().unwrap_or("Secret");
            let group = r["group"].as_str().unwrap_or("");
            if kind != "Secret" || !group.is_empty() {
                continue;
            }
            let Some(name) = r["name"].as_str() else {
                continue;
            };
            out.push(Reference {
                by: by.clone(),
                secret_namespace: r["namespace"].as_str().unwrap_or(&ns).to_string(),
                secret_name: name.to_string(),
                hosts: hosts.clone(),
            });
        }
    }
    out
}

fn timestamp(v: &Value) -> Option<i64> {
    v.as_str()?
        .parse::<jiff::Timestamp>()
        .ok()
        .map(|t| t.as_second())
}

/// The fields of a cert-manager Certificate the checks read.
pub fn managed_certificate(c: &DynamicObject) -> Option<ManagedCertificate> {
    let status = &c.data["status"];
    let conditions = status["conditions"].as_array().cloned().unwrap_or_default();
    let condition = |t: &str| conditions.iter().find(|c| c["type"] == t).cloned();
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let ready = condition("Ready").map(|c| {
        (
            c["status"] == "True",
            text(&c["reason"]),
            text(&c["message"]),
        )
    });
    let issuing_failed = condition("Issuing")
        .filter(|c| c["status"] == "False" && c["reason"] == "Failed")
        .map(|c| text(&c["message"]));
    Some(ManagedCertificate {
        object: ObjectRef::namespaced(
            "Certificate",
            c.metadata.namespace.as_deref(),
            c.metadata.name.as_deref()?,
        ),
        ready,
        issuing_failed,
        failed_attempts: status["failedIssuanceAttempts"].as_i64().unwrap_or(0),
        renewal_time: timestamp(&status["renewalTime"]),
        secret_name: text(&c.data["spec"]["secretName"]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_pair_with_their_certificates_and_ca_is_an_anchor() {
        let ca = rcgen::generate_simple_self_signed(vec!["ca.example".into()]).expect("ca");
        let leaf = rcgen::generate_simple_self_signed(vec!["a.example".into()]).expect("leaf");
        let (crt, key, ca_pem) = (
            leaf.cert.pem(),
            leaf.signing_key.serialize_pem(),
            ca.cert.pem(),
        );
        let data: BTreeMap<String, &[u8]> = [
            ("tls.crt".to_string(), crt.as_bytes()),
            ("tls.key".to_string(), key.as_bytes()),
            ("ca.crt".to_string(), ca_pem.as_bytes()),
            ("server.crt".to_string(), crt.as_bytes()),
            ("server.key".to_string(), key.as_bytes()),
            ("password".to_string(), b"hunter2".as_slice()),
        ]
        .into_iter()
        .collect();
        let b = bundles_of("Secret", Some("ns"), "s", &data);
        let keys: Vec<&str> = b.iter().map(|b| b.origin.key.as_str()).collect();
        assert_eq!(keys, ["ca.crt", "server.crt", "tls.crt"]);
        assert_eq!(b[2].keys.len(), 1);
        assert_eq!(b[1].keys.len(), 1);
        assert_eq!(b[2].local_anchors.len(), 1);
        assert!(b[0].local_anchors.is_empty());
    }
}
