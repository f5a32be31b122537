//! What a scan found, before any verdict: bundles of certificates with where they came
//! from, the Ingress and Gateway references to Secrets, endpoint probe results and
//! cert-manager Certificates. Collection ([`crate::collect`], [`crate::probe`]) fills it;
//! [`crate::checks`] judges it.

use crate::decode::{Decoded, PrivateKey};
use serde::Serialize;
use shared::finding::ObjectRef;
use std::collections::BTreeSet;

/// Where a bundle was found: the object and the key (data key, webhook name, kubeconfig
/// field, or `host:port` for an endpoint).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Origin {
    /// Kind: `Secret`, `ConfigMap`, `ValidatingWebhookConfiguration`,
    /// `MutatingWebhookConfiguration`, `APIService`, `CustomResourceDefinition`,
    /// `Kubeconfig` or `Endpoint`.
    pub kind: String,
    /// Namespace, for namespaced objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Object name (context name for `Kubeconfig`, `host:port` for `Endpoint`).
    pub name: String,
    /// The key inside the object.
    pub key: String,
}

impl Origin {
    /// A new origin.
    pub fn new(kind: &str, namespace: Option<&str>, name: &str, key: &str) -> Self {
        Self {
            kind: kind.to_string(),
            namespace: namespace.map(str::to_string),
            name: name.to_string(),
            key: key.to_string(),
        }
    }

    /// The object, for findings.
    pub fn object(&self) -> ObjectRef {
        ObjectRef::namespaced(&self.kind, self.namespace.as_deref(), &self.name)
    }

    /// `secret/name[key]` as printed in tables.
    pub fn display(&self) -> String {
        format!("{}[{}]", self.object().kind_name(), self.key)
    }
}

/// Certificates stored together (one Secret key, one caBundle, one endpoint's chain), with
/// the private keys and `ca.crt` stored beside them.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// Where.
    pub origin: Origin,
    /// DER certificates, in stored (or presented) order.
    pub certs: Vec<Vec<u8>>,
    /// Private keys stored with them (same value, `tls.key`, or `NAME.key` for `NAME.crt`).
    pub keys: Vec<PrivateKey>,
    /// Certificates trusted for this bundle only (`ca.crt` beside `tls.crt`).
    pub local_anchors: Vec<Vec<u8>>,
    /// What could not be read.
    pub problems: Vec<String>,
    /// Host names the leaf must cover (the SNI name of an endpoint).
    pub hosts: Vec<String>,
}

impl Bundle {
    /// A bundle from a decoded value.
    pub fn new(origin: Origin, decoded: Decoded) -> Self {
        Self {
            origin,
            certs: decoded.certs,
            keys: decoded.keys,
            local_anchors: Vec::new(),
            problems: decoded.problems,
            hosts: Vec::new(),
        }
    }
}

/// An Ingress TLS entry or Gateway listener that serves a Secret to clients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The Ingress or Gateway.
    pub by: ObjectRef,
    /// Namespace of the Secret.
    pub secret_namespace: String,
    /// Name of the Secret.
    pub secret_name: String,
    /// Hosts it must cover (may be empty: any host).
    pub hosts: Vec<String>,
}

/// A live endpoint that could not be probed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreachable {
    /// `host:port` as given.
    pub endpoint: String,
    /// The Ingress it came from, when discovered.
    pub via: Option<ObjectRef>,
    /// Why.
    pub error: String,
}

/// The part of a cert-manager `Certificate` the checks read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagedCertificate {
    /// The Certificate.
    pub object: ObjectRef,
    /// `Ready` condition: status and message.
    pub ready: Option<(bool, String, String)>,
    /// `Issuing` condition when False with reason Failed: its message.
    pub issuing_failed: Option<String>,
    /// `status.failedIssuanceAttempts`.
    pub failed_attempts: i64,
    /// `status.renewalTime`, Unix seconds.
    pub renewal_time: Option<i64>,
    /// `spec.secretName`.
    pub secret_name: String,
}

/// Everything one scan collected.
#[derive(Debug, Default)]
pub struct Inventory {
    /// Certificate bundles.
    pub bundles: Vec<Bundle>,
    /// Ingress/Gateway references to Secrets.
    pub references: Vec<Reference>,
    /// Secrets that exist, `(namespace, name)`, when Secrets could be listed in that
    /// namespace; `None` when they could not (missing-Secret checks are then skipped).
    pub secrets: Option<BTreeSet<(String, String)>>,
    /// The namespace Secrets were listed in (`None`: all namespaces).
    pub secrets_namespace: Option<String>,
    /// Endpoints that failed.
    pub unreachable: Vec<Unreachable>,
    /// Live endpoints and the Ingress whose Secret they should serve: (endpoint origin, ingress, secret).
    pub served_by: Vec<(Origin, ObjectRef, (String, String))>,
    /// cert-manager Certificates.
    pub managed: Vec<ManagedCertificate>,
}
