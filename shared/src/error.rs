//! Typed errors, their exit codes and hints, and the reporter that prints them.
//!
//! Plugins return `anyhow::Result`; [`classify`] walks the error chain with `downcast_ref`,
//! so the mapping survives any `.context(...)` a plugin adds. Messages say what failed, in
//! lower case; the reporter joins the chain on one line, skipping causes that the line
//! already ends with (kube interpolates its sources), and adds a hint line where one helps.

use crate::exit;
use crate::sanitize::for_terminal;
use std::fmt;

/// An API call, as a user would name it for `kubectl auth can-i`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// The verb: `list`, `get`, `create`, `patch`, `delete`...
    pub verb: String,
    /// The plural resource, with its group when not core: `pods`, `deployments.apps`.
    pub resource: String,
    /// The namespace, or `None` for cluster-scoped calls and `-A`.
    pub namespace: Option<String>,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.verb, self.resource)?;
        if let Some(ns) = &self.namespace {
            write!(f, " in namespace {ns:?}")?;
        }
        Ok(())
    }
}

/// The errors every plugin shares. Each variant maps to one documented exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Neither a kubeconfig nor an in-cluster service account could be found.
    #[error("no kubeconfig found ({kubeconfig}) and not running inside a cluster ({incluster})")]
    NoConfig {
        /// Why no kubeconfig was found.
        kubeconfig: String,
        /// Why the in-cluster configuration failed.
        incluster: String,
    },
    /// A kubeconfig exists but could not be read or parsed.
    #[error("failed to load kubeconfig {path}")]
    Kubeconfig {
        /// The file (or `$KUBECONFIG` list) that failed.
        path: String,
        /// What kube reported.
        #[source]
        source: Box<kube::config::KubeconfigError>,
    },
    /// A context, cluster or user named on the command line (or as current-context) is not
    /// in the kubeconfig.
    #[error("{what} {name:?} not found in kubeconfig (known {what}s: {known})")]
    NotInKubeconfig {
        /// `context`, `cluster` or `user`.
        what: &'static str,
        /// The name that was asked for.
        name: String,
        /// The names that exist, comma-separated.
        known: String,
    },
    /// The kubeconfig has no current-context and none was given.
    #[error("no current context is set in the kubeconfig (known contexts: {known})")]
    NoCurrentContext {
        /// The contexts that exist, comma-separated.
        known: String,
    },
    /// The client could not be built from a loaded configuration (bad certificate data...).
    #[error("failed to build a client for context {context:?}")]
    Client {
        /// The context in use.
        context: String,
        /// What kube reported.
        #[source]
        source: Box<kube::Error>,
    },
    /// An API call failed: the server answered with an error, or could not be reached.
    #[error("failed to {action}")]
    Api {
        /// What was attempted.
        action: Box<Action>,
        /// The API server URL.
        server: String,
        /// The kubeconfig context in use.
        context: String,
        /// What kube reported (boxed: kube's error is large and ours travels in every `Result`).
        #[source]
        source: Box<kube::Error>,
    },
    /// Bad input that clap could not catch: a file that does not parse, an impossible value.
    #[error("{message}")]
    Usage {
        /// What is wrong, in one line.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// Every API call the command needed was refused (403), so nothing could be done.
    #[error("{message}")]
    Denied {
        /// What could not be done.
        message: String,
        /// The context in use, for the hint.
        context: String,
    },
    /// Something the command must reach, other than the API server, cannot be reached
    /// (a load-test target, a probe endpoint).
    #[error("{message}")]
    Unreachable {
        /// What could not be reached, and why, in one line.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// The user pressed Ctrl-C; cleanup already ran.
    #[error("interrupted")]
    Interrupted,
}

impl Error {
    /// Why a list may be skipped with a warning instead of failing the run: the kind is
    /// forbidden (403) or not served by this cluster (404). `None` for every other error.
    pub fn skip_reason(&self) -> Option<&'static str> {
        match self {
            Error::Api { source, .. } => match &**source {
                kube::Error::Api(s) if s.code == 403 => Some("forbidden"),
                kube::Error::Api(s) if s.code == 404 => Some("not served by this cluster"),
                _ => None,
            },
            _ => None,
        }
    }

    /// A usage error with a hint.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

/// How an error ends the process: its exit code, the hint to print, and whether to print
/// anything at all (a closed stdout pipe is success and silent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    /// The exit code.
    pub code: u8,
    /// A hint line, if one helps.
    pub hint: Option<String>,
    /// Whether the error should be printed.
    pub report: bool,
}

fn classified(code: u8, hint: Option<String>) -> Classified {
    Classified {
        code,
        hint,
        report: true,
    }
}

/// A kube error in the chain, bare or boxed (as [`Error`] holds it).
fn as_kube<'a>(cause: &'a (dyn std::error::Error + 'static)) -> Option<&'a kube::Error> {
    cause
        .downcast_ref::<kube::Error>()
        .or_else(|| cause.downcast_ref::<Box<kube::Error>>().map(|b| &**b))
}

/// Maps an error chain onto an exit code and a hint.
pub fn classify(err: &anyhow::Error) -> Classified {
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<Error>() {
            return classify_shared(e);
        }
        if let Some(e) = as_kube(cause) {
            return classify_kube(e, None, "", "");
        }
        if let Some(e) = cause.downcast_ref::<std::io::Error>()
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            return Classified {
                code: exit::OK,
                hint: None,
                report: false,
            };
        }
    }
    classified(
        exit::INTERNAL,
        Some("this is a bug in the plugin; please report it with the command you ran".into()),
    )
}

fn classify_shared(e: &Error) -> Classified {
    match e {
        Error::NoConfig { .. } => classified(
            exit::KUBECONFIG,
            Some("pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config".into()),
        ),
        Error::Kubeconfig { .. } => classified(
            exit::KUBECONFIG,
            Some("check the file with `kubectl config view`".into()),
        ),
        Error::NotInKubeconfig { what, .. } => classified(
            exit::KUBECONFIG,
            Some(match *what {
                "context" => "list contexts with `kubectl config get-contexts`".into(),
                other => format!(
                    "list {other}s with `kubectl config view -o jsonpath='{{.{other}s[*].name}}'`"
                ),
            }),
        ),
        Error::NoCurrentContext { .. } => classified(
            exit::KUBECONFIG,
            Some("pick one with --context or `kubectl config use-context NAME`".into()),
        ),
        // kube runs exec credential plugins while building the client.
        Error::Client { source, context } if matches!(**source, kube::Error::Auth(_)) => {
            classify_kube(source, None, "", context)
        }
        Error::Client { context, .. } => classified(
            exit::KUBECONFIG,
            Some(format!(
                "check the certificate and key data of context {context:?} with `kubectl config view --raw`"
            )),
        ),
        Error::Api {
            action,
            server,
            context,
            source,
        } => classify_kube(source, Some(&**action), server, context),
        Error::Usage { hint, .. } => classified(exit::USAGE, hint.clone()),
        Error::Denied { context, .. } => classified(
            exit::API,
            Some(format!(
                "see what you may do with `kubectl auth can-i --list --context {context}`"
            )),
        ),
        Error::Unreachable { hint, .. } => classified(exit::UNREACHABLE, Some(hint.clone())),
        Error::Interrupted => classified(exit::INTERRUPTED, None),
    }
}

fn classify_kube(
    e: &kube::Error,
    action: Option<&Action>,
    server: &str,
    context: &str,
) -> Classified {
    let ctx_flag = if context.is_empty() {
        String::new()
    } else {
        format!(" --context {context}")
    };
    match e {
        kube::Error::Api(status) => {
            let hint = match status.code {
                401 => Some(format!(
                    "the server did not accept the credentials; check them with `kubectl auth whoami{ctx_flag}`"
                )),
                403 => Some(match action {
                    Some(a) => {
                        let scope = match &a.namespace {
                            Some(ns) => format!(" -n {ns}"),
                            None => String::new(),
                        };
                        format!(
                            "check your permissions with `kubectl auth can-i {} {}{scope}{ctx_flag}`",
                            a.verb, a.resource
                        )
                    }
                    None => {
                        format!("check your permissions with `kubectl auth can-i --list{ctx_flag}`")
                    }
                }),
                404 => Some("the object or API does not exist on this cluster".into()),
                _ => None,
            };
            classified(exit::API, hint)
        }
        kube::Error::Auth(_) => classified(
            exit::KUBECONFIG,
            Some(format!(
                "the credentials of this context could not be loaded (exec plugin, token file or OIDC); try `kubectl auth whoami{ctx_flag}`"
            )),
        ),
        kube::Error::InferKubeconfig(_) | kube::Error::InferConfig(_) => classified(
            exit::KUBECONFIG,
            Some("check the file with `kubectl config view`".into()),
        ),
        _ if is_transport(e) => {
            let chain = chain_text(e);
            let hint = if chain.contains("certificate") || chain.contains("UnknownIssuer") {
                format!(
                    "the server's certificate is not trusted: check certificate-authority for context {context:?} ({server})"
                )
            } else if server.is_empty() {
                "is the cluster reachable? rerun with -v=6".into()
            } else {
                format!(
                    "is the cluster reachable? tried {server} (context {context:?}); rerun with -v=6"
                )
            };
            classified(exit::UNREACHABLE, Some(hint))
        }
        _ => classified(exit::API, None),
    }
}

fn is_transport(e: &kube::Error) -> bool {
    matches!(e, kube::Error::HyperError(_) | kube::Error::Service(_))
}

fn chain_text(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cur = c.source();
    }
    out
}

/// The text of one link in the chain. API errors show the server's message instead of
/// kube's debug dump of the whole `Status`.
fn link_text(cause: &(dyn std::error::Error + 'static)) -> String {
    // kube prints the path of an unreadable kubeconfig with Debug quotes ('"/x"'); the line
    // already names the file, so only the reason is kept.
    use kube::config::KubeconfigError;
    let kubeconfig = cause.downcast_ref::<KubeconfigError>().or_else(|| {
        cause
            .downcast_ref::<Box<KubeconfigError>>()
            .map(|b| b.as_ref())
    });
    if let Some(KubeconfigError::ReadConfig(io, _)) = kubeconfig {
        return format!("cannot read it: {io}");
    }
    if let Some(kube::Error::Api(status)) = as_kube(cause) {
        return if status.message.is_empty() {
            format!("{} ({})", status.reason, status.code)
        } else {
            status.message.clone()
        };
    }
    cause.to_string()
}

/// Renders an error as one line: the chain joined with `: `, each cause skipped when the
/// text so far already contains it (kube's messages interpolate their sources). Cluster text
/// inside messages is escaped for the terminal.
pub fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    let mut skip_rest = false;
    for cause in err.chain() {
        if skip_rest {
            break;
        }
        let text = link_text(cause);
        if matches!(as_kube(cause), Some(kube::Error::Api(_))) {
            skip_rest = true;
        }
        if text.is_empty() || line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    for_terminal(&line).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kube::core::Status;

    fn status(code: u16, message: &str) -> kube::Error {
        let mut s = Status::failure(message, "Forbidden");
        s.code = code;
        kube::Error::Api(Box::new(s))
    }

    fn api(code: u16) -> anyhow::Error {
        Error::Api {
            action: Box::new(Action {
                verb: "list".into(),
                resource: "pods".into(),
                namespace: Some("team-a".into()),
            }),
            server: "https://127.0.0.1:6443".into(),
            context: "limited".into(),
            source: Box::new(status(
                code,
                "pods is forbidden: User \"limited\" cannot list resource \"pods\"",
            )),
        }
        .into()
    }

    #[test]
    fn forbidden_names_the_exact_can_i() {
        let c = classify(&api(403));
        assert_eq!(c.code, exit::API);
        assert_eq!(
            c.hint.as_deref(),
            Some(
                "check your permissions with `kubectl auth can-i list pods -n team-a --context limited`"
            )
        );
    }

    #[test]
    fn unauthorized_points_to_whoami() {
        let c = classify(&api(401));
        assert_eq!(c.code, exit::API);
        assert!(
            c.hint
                .expect("hint")
                .contains("kubectl auth whoami --context limited")
        );
    }

    #[test]
    fn one_line_uses_the_server_message_once() {
        let err = api(403).context("collect pods");
        assert_eq!(
            one_line(&err),
            "collect pods: failed to list pods in namespace \"team-a\": pods is forbidden: User \"limited\" cannot list resource \"pods\""
        );
    }

    #[test]
    fn broken_pipe_is_silent_success() {
        let err = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            .context("write");
        let c = classify(&err);
        assert_eq!((c.code, c.report), (exit::OK, false));
    }

    #[test]
    fn unknown_errors_are_internal_and_usage_is_two() {
        assert_eq!(classify(&anyhow::anyhow!("boom")).code, exit::INTERNAL);
        let usage: anyhow::Error = Error::usage("bad --rate", "use N/s").into();
        assert_eq!(classify(&usage).code, exit::USAGE);
        let ctx: anyhow::Error = Error::NotInKubeconfig {
            what: "context",
            name: "nope".into(),
            known: "admin, limited".into(),
        }
        .into();
        assert_eq!(classify(&ctx).code, exit::KUBECONFIG);
        assert_eq!(
            one_line(&ctx),
            "context \"nope\" not found in kubeconfig (known contexts: admin, limited)"
        );
    }

    #[test]
    fn escapes_cluster_text() {
        let err: anyhow::Error = Error::Api {
            action: Box::new(Action {
                verb: "get".into(),
                resource: "pods".into(),
                namespace: None,
            }),
            server: String::new(),
            context: String::new(),
            source: Box::new(status(404, "pods \"x\u{1b}[2J\" not found")),
        }
        .into();
        assert!(one_line(&err).contains("x\\u{1b}[2J"));
    }
}
