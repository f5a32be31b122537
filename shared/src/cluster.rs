//! The one client constructor: kubeconfig (kubectl's precedence) → `kube::Config` → flag
//! overrides → `Client`, plus the effective namespace scope and a paginated list helper.
//!
//! Precedence, as kubectl: `--kubeconfig`, then `$KUBECONFIG` (a merged list), then
//! `~/.kube/config`, then the in-cluster service account. Namespace: `-n`, then the
//! context's namespace, then `default`; `-A` wins over `-n`.

use crate::cli::KubeArgs;
use crate::error::{Action, Error};
use kube::api::{Api, ListParams, ObjectList};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};
use serde::de::DeserializeOwned;
use std::fmt::Debug;
use std::path::PathBuf;

/// Page size for list calls: large enough for few round trips, small enough that one slow
/// page never holds a huge body (kubectl uses 500 too).
pub const PAGE_SIZE: u32 = 500;

/// Where a command looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// One namespace.
    Namespace(String),
    /// `-A`.
    AllNamespaces,
}

impl Scope {
    /// The namespace, or `None` for all namespaces.
    pub fn namespace(&self) -> Option<&str> {
        match self {
            Scope::Namespace(ns) => Some(ns),
            Scope::AllNamespaces => None,
        }
    }
}

/// A connected cluster: the client and everything a plugin needs to say where it looked.
#[derive(Clone)]
pub struct Cluster {
    /// The client every API call goes through.
    pub client: Client,
    /// The kubeconfig context in use (`in-cluster` inside a pod).
    pub context: String,
    /// The API server URL.
    pub server: String,
    /// The effective scope.
    pub scope: Scope,
    /// `-l`.
    pub label_selector: Option<String>,
    /// `--field-selector`.
    pub field_selector: Option<String>,
    /// The certificates the connection itself uses.
    pub credentials: Credentials,
}

/// Certificates in the resolved kubeconfig context (or the in-cluster config).
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// The cluster CA (`certificate-authority[-data]`), DER.
    pub cluster_ca: Vec<Vec<u8>>,
    /// The user's client certificate (`client-certificate[-data]`), PEM as stored.
    pub client_certificate: Option<Vec<u8>>,
}

fn client_certificate(auth: &kube::config::AuthInfo) -> Option<Vec<u8>> {
    use base64::Engine as _;
    if let Some(data) = &auth.client_certificate_data {
        return base64::engine::general_purpose::STANDARD
            .decode(data.trim())
            .ok();
    }
    auth.client_certificate
        .as_ref()
        .and_then(|path| std::fs::read(path).ok())
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster")
            .field("context", &self.context)
            .field("server", &self.server)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

fn names<'a>(it: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = it.collect();
    if v.is_empty() {
        "none".to_string()
    } else {
        v.join(", ")
    }
}

/// Checks that the context, cluster and user that will be used exist in `kc`, and returns
/// the options kube needs. Pure, so the rules are unit-tested.
pub fn resolve_names(
    args: &KubeArgs,
    kc: &Kubeconfig,
) -> Result<(String, KubeConfigOptions), Error> {
    let contexts = || names(kc.contexts.iter().map(|c| c.name.as_str()));
    let context = match (&args.context, &kc.current_context) {
        (Some(c), _) => c.clone(),
        (None, Some(c)) if !c.is_empty() => c.clone(),
        _ => return Err(Error::NoCurrentContext { known: contexts() }),
    };
    if !kc.contexts.iter().any(|c| c.name == context) {
        return Err(Error::NotInKubeconfig {
            what: "context",
            name: context,
            known: contexts(),
        });
    }
    if let Some(cluster) = &args.cluster
        && !kc.clusters.iter().any(|c| &c.name == cluster)
    {
        return Err(Error::NotInKubeconfig {
            what: "cluster",
            name: cluster.clone(),
            known: names(kc.clusters.iter().map(|c| c.name.as_str())),
        });
    }
    if let Some(user) = &args.user
        && !kc.auth_infos.iter().any(|u| &u.name == user)
    {
        return Err(Error::NotInKubeconfig {
            what: "user",
            name: user.clone(),
            known: names(kc.auth_infos.iter().map(|u| u.name.as_str())),
        });
    }
    let opts = KubeConfigOptions {
        context: Some(context.clone()),
        cluster: args.cluster.clone(),
        user: args.user.clone(),
    };
    Ok((context, opts))
}

/// The effective scope from the flags and the context's namespace.
pub fn resolve_scope(args: &KubeArgs, context_namespace: &str) -> Scope {
    if args.all_namespaces {
        return Scope::AllNamespaces;
    }
    match &args.namespace {
        Some(ns) => Scope::Namespace(ns.clone()),
        None if context_namespace.is_empty() => Scope::Namespace("default".into()),
        None => Scope::Namespace(context_namespace.to_string()),
    }
}

fn default_kubeconfig_path() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".kube").join("config"))
}

/// Loads the kubeconfig by kubectl's precedence; `Ok(None)` when there is none at all.
pub(crate) fn load_kubeconfig(args: &KubeArgs) -> Result<Option<Kubeconfig>, Error> {
    if let Some(path) = &args.kubeconfig {
        return Kubeconfig::read_from(path)
            .map(Some)
            .map_err(|source| Error::Kubeconfig {
                path: path.display().to_string(),
                source: Box::new(source),
            });
    }
    match Kubeconfig::from_env() {
        Ok(Some(kc)) => return Ok(Some(kc)),
        Ok(None) => {}
        Err(source) => {
            return Err(Error::Kubeconfig {
                path: format!(
                    "from KUBECONFIG={}",
                    std::env::var("KUBECONFIG").unwrap_or_default()
                ),
                source: Box::new(source),
            });
        }
    }
    match default_kubeconfig_path() {
        Some(path) if path.exists() => {
            Kubeconfig::read_from(&path)
                .map(Some)
                .map_err(|source| Error::Kubeconfig {
                    path: path.display().to_string(),
                    source: Box::new(source),
                })
        }
        _ => Ok(None),
    }
}

impl Cluster {
    /// Builds the client from the flags. Every plugin calls this, and nothing else builds a
    /// client.
    pub async fn connect(args: &KubeArgs) -> Result<Self, Error> {
        let (mut config, context) = match load_kubeconfig(args)? {
            Some(kc) => {
                let (context, opts) = resolve_names(args, &kc)?;
                let config = Config::from_custom_kubeconfig(kc, &opts)
                    .await
                    .map_err(|source| Error::Kubeconfig {
                        path: args
                            .kubeconfig
                            .as_ref()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| format!("context {context:?}")),
                        source: Box::new(source),
                    })?;
                (config, context)
            }
            None => match Config::incluster() {
                Ok(config) => (config, "in-cluster".to_string()),
                Err(e) => {
                    return Err(Error::NoConfig {
                        kubeconfig: "no --kubeconfig, KUBECONFIG unset, no ~/.kube/config".into(),
                        incluster: e.to_string(),
                    });
                }
            },
        };
        if args.insecure_skip_tls_verify {
            crate::term::warn(
                crate::term::Styles::default(),
                "--insecure-skip-tls-verify is set: the server's certificate will NOT be checked; this connection is insecure",
            );
            config.accept_invalid_certs = true;
            config.root_cert = None;
        }
        if let Some(user) = &args.impersonate {
            config.auth_info.impersonate = Some(user.clone());
        }
        if !args.impersonate_groups.is_empty() {
            config.auth_info.impersonate_groups = Some(args.impersonate_groups.clone());
        }
        if let Some(t) = args.timeout() {
            config.connect_timeout = Some(t);
            config.read_timeout = Some(t);
            config.write_timeout = Some(t);
            config.reset_reader_on_write = true;
        }
        let scope = resolve_scope(args, &config.default_namespace);
        let credentials = Credentials {
            cluster_ca: config.root_cert.clone().unwrap_or_default(),
            client_certificate: client_certificate(&config.auth_info),
        };
        let server = config
            .cluster_url
            .to_string()
            .trim_end_matches('/')
            .to_string();
        // Every path to a client (the run, shell completion) needs rustls's default provider.
        crate::run::install_crypto_provider();
        let client = kube::client::ClientBuilder::try_from(config)
            .map_err(|source| Error::Client {
                context: context.clone(),
                source: Box::new(source),
            })?
            .with_layer(&crate::requestlog::RequestLogLayer {
                base: server.clone(),
            })
            .build();
        Ok(Self {
            client,
            context,
            server,
            scope,
            label_selector: args.selector.clone(),
            field_selector: args.field_selector.clone(),
            credentials,
        })
    }

    /// Wraps a kube error with what was attempted, where, and through which context.
    pub fn api_error(
        &self,
        verb: &str,
        resource: &str,
        namespace: Option<&str>,
    ) -> impl FnOnce(kube::Error) -> Error + use<> {
        let action = Box::new(Action {
            verb: verb.to_string(),
            resource: resource.to_string(),
            namespace: namespace.map(str::to_string),
        });
        let (server, context) = (self.server.clone(), self.context.clone());
        move |source| Error::Api {
            action,
            server,
            context,
            source: Box::new(source),
        }
    }

    /// The one namespace a command acts in: `-n` or the context's; `-A` is a usage error
    /// (`what` says what lives in one namespace, e.g. "a load run").
    pub fn one_namespace(&self, what: &str) -> Result<String, Error> {
        self.scope.namespace().map(str::to_string).ok_or_else(|| {
            Error::usage(
                format!("{what} lives in one namespace: -A does not apply"),
                "pass -n NAMESPACE",
            )
        })
    }

    /// Refuses a namespace scope that names a namespace the cluster does not have (exit 2 with
    /// a hint), so `-n typo` never reads as a clean bill of health. Only a definite "not
    /// found" counts: without permission to read Namespaces, or when the server cannot answer
    /// (its storage down), the run goes on and reports what it can.
    pub async fn ensure_namespace_exists(&self) -> Result<(), Error> {
        let Scope::Namespace(ns) = &self.scope else {
            return Ok(());
        };
        let api: Api<k8s_openapi::api::core::v1::Namespace> = Api::all(self.client.clone());
        match api.get_metadata_opt(ns).await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(Error::usage(
                format!(
                    "namespace {ns:?} does not exist in context {:?}",
                    self.context
                ),
                "list namespaces with `kubectl get namespaces`, or pass -A",
            )),
            Err(e) => {
                tracing::debug!("namespace {ns} could not be checked: {e}");
                Ok(())
            }
        }
    }

    /// An `Api` for a namespaced kind in the effective scope.
    pub fn scoped_api<K>(&self) -> Api<K>
    where
        K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope>,
        <K as kube::Resource>::DynamicType: Default,
    {
        match &self.scope {
            Scope::Namespace(ns) => Api::namespaced(self.client.clone(), ns),
            Scope::AllNamespaces => Api::all(self.client.clone()),
        }
    }

    /// List params carrying `-l` and `--field-selector`.
    pub fn selected(&self) -> ListParams {
        let mut lp = ListParams::default();
        if let Some(l) = &self.label_selector {
            lp = lp.labels(l);
        }
        if let Some(f) = &self.field_selector {
            lp = lp.fields(f);
        }
        lp
    }

    /// Follows `continue` tokens from `lp` ([`PAGE_SIZE`] items a page) until the list ends.
    /// An error names the verb, resource and namespace for the hint.
    /// Each item goes through `keep` as its page arrives, so only what `keep` returns is held.
    async fn paginate<T, U, F, Fut>(
        &self,
        lp: &ListParams,
        resource: &str,
        namespace: Option<&str>,
        mut fetch: F,
        mut keep: impl FnMut(T) -> Option<U>,
    ) -> Result<Vec<U>, Error>
    where
        T: Clone,
        F: FnMut(ListParams) -> Fut,
        Fut: std::future::Future<Output = Result<ObjectList<T>, kube::Error>>,
    {
        let mut lp = lp.clone().limit(PAGE_SIZE);
        let mut items = Vec::new();
        loop {
            let page = fetch(lp.clone())
                .await
                .map_err(self.api_error("list", resource, namespace))?;
            items.extend(page.items.into_iter().filter_map(&mut keep));
            match page.metadata.continue_.filter(|c| !c.is_empty()) {
                Some(token) => lp = lp.continue_token(&token),
                None => return Ok(items),
            }
        }
    }

    /// Lists everything `lp` matches, page by page.
    pub async fn list_all<K>(
        &self,
        api: &Api<K>,
        lp: &ListParams,
        resource: &str,
    ) -> Result<Vec<K>, Error>
    where
        K: Clone
            + DeserializeOwned
            + Debug
            + k8s_openapi::Metadata<Ty = k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta>,
    {
        self.list_map(api, lp, resource, Some).await
    }

    /// Lists everything `lp` matches, page by page, keeping only what `keep` returns for each
    /// object: memory stays at one page plus what is kept (e.g. certificates, not Secrets).
    pub async fn list_map<K, U>(
        &self,
        api: &Api<K>,
        lp: &ListParams,
        resource: &str,
        keep: impl FnMut(K) -> Option<U>,
    ) -> Result<Vec<U>, Error>
    where
        K: Clone + DeserializeOwned + Debug + kube::Resource,
    {
        let namespace = api.namespace().map(str::to_string);
        self.paginate(
            lp,
            resource,
            namespace.as_deref(),
            |lp| async move { api.list(&lp).await },
            keep,
        )
        .await
    }

    /// Lists only the metadata of everything `lp` matches (`PartialObjectMetadataList`), page
    /// by page: for kinds whose contents a plugin must never read, such as Secrets.
    pub async fn list_metadata_all<K>(
        &self,
        api: &Api<K>,
        lp: &ListParams,
        resource: &str,
        namespace: Option<&str>,
    ) -> Result<Vec<kube::core::PartialObjectMeta<K>>, Error>
    where
        K: Clone + DeserializeOwned + Debug + kube::Resource,
    {
        self.paginate(
            lp,
            resource,
            namespace,
            |lp| async move { api.list_metadata(&lp).await },
            Some,
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KC: &str = r#"
apiVersion: v1
kind: Config
clusters:
- {name: test, cluster: {server: "https://127.0.0.1:1"}}
users:
- {name: admin, user: {token: admin-token}}
contexts:
- {name: admin, context: {cluster: test, user: admin}}
- {name: team, context: {cluster: test, user: admin, namespace: team-a}}
current-context: admin
"#;

    fn kc() -> Kubeconfig {
        Kubeconfig::from_yaml(KC).expect("fixture parses")
    }

    #[test]
    fn context_defaults_to_current_and_must_exist() {
        let Ok((ctx, _)) = resolve_names(&KubeArgs::default(), &kc()) else {
            panic!("current context rejected")
        };
        assert_eq!(ctx, "admin");
        let args = KubeArgs {
            context: Some("nope".into()),
            ..Default::default()
        };
        let Err(err) = resolve_names(&args, &kc()) else {
            panic!("unknown context accepted")
        };
        assert_eq!(
            err.to_string(),
            "context \"nope\" not found in kubeconfig (known contexts: admin, team)"
        );
        let mut no_current = kc();
        no_current.current_context = None;
        assert!(matches!(
            resolve_names(&KubeArgs::default(), &no_current),
            Err(Error::NoCurrentContext { .. })
        ));
    }

    #[test]
    fn cluster_and_user_flags_are_checked() {
        let args = KubeArgs {
            user: Some("ghost".into()),
            ..Default::default()
        };
        assert!(matches!(
            resolve_names(&args, &kc()),
            Err(Error::NotInKubeconfig { what: "user", .. })
        ));
        let args = KubeArgs {
            cluster: Some("other".into()),
            ..Default::default()
        };
        assert!(matches!(
            resolve_names(&args, &kc()),
            Err(Error::NotInKubeconfig {
                what: "cluster",
                ..
            })
        ));
    }

    #[test]
    fn namespace_precedence() {
        let none = KubeArgs::default();
        assert_eq!(
            resolve_scope(&none, "team-a"),
            Scope::Namespace("team-a".into())
        );
        assert_eq!(resolve_scope(&none, ""), Scope::Namespace("default".into()));
        let n = KubeArgs {
            namespace: Some("shop".into()),
            ..Default::default()
        };
        assert_eq!(resolve_scope(&n, "team-a"), Scope::Namespace("shop".into()));
        let a = KubeArgs {
            namespace: Some("shop".into()),
            all_namespaces: true,
            ..Default::default()
        };
        assert_eq!(resolve_scope(&a, "team-a"), Scope::AllNamespaces);
    }
}
