//! One scan: connect (unless `--no-cluster`), load trust anchors, collect the cluster's
//! certificates, probe the endpoints (given, from a file, or the Ingresses' hosts), judge
//! the inventory and build the report; and the webhook notifications of a scan's result.

use crate::cli::CertsArgs;
use crate::collect::Source;
use crate::{chain, checks, collect, decode, inventory, notify, probe, report};
use anyhow::Result;
use clap::ValueEnum;
use shared::cli::KubeArgs;
use shared::cluster::Cluster;
use shared::error::Error;
use shared::run::Context;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

/// Endpoints from the flags and the file.
fn endpoints(args: &CertsArgs) -> Result<Vec<probe::Endpoint>, Error> {
    let mut out = args.endpoint.clone();
    if let Some(path) = &args.endpoints_file {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::usage(
                format!("cannot read --endpoints-file {}: {e}", path.display()),
                "give a readable file with one HOST:PORT per line",
            )
        })?;
        out.extend(probe::parse_file(&text).map_err(|e| {
            Error::usage(
                format!("--endpoints-file {}: {e}", path.display()),
                "each line is HOST[:PORT] or SNI@ADDRESS[:PORT]",
            )
        })?);
    }
    Ok(out)
}

/// Checks flag combinations before anything is read.
pub fn validate(args: &CertsArgs) -> Result<(), Error> {
    if args.critical > args.warn {
        return Err(Error::usage(
            format!(
                "--critical {} is longer than --warn {} (defaults: --warn 30d, --critical 7d)",
                shared::duration::human(args.critical),
                shared::duration::human(args.warn)
            ),
            "give both, e.g. --warn 30d --critical 7d; --warn 0s needs --critical 0s",
        ));
    }
    if args.no_cluster && (args.probe_ingresses || !args.sources.is_empty()) {
        return Err(Error::usage(
            "--no-cluster cannot be combined with --probe-ingresses or --sources",
            "drop --no-cluster to read the cluster",
        ));
    }
    if args.probe_concurrency == 0 {
        return Err(Error::usage(
            "--probe-concurrency must be at least 1",
            "e.g. --probe-concurrency 256",
        ));
    }
    for u in &args.notify_webhook {
        if !matches!(u.scheme_str(), Some("http" | "https")) || u.host().is_none() {
            return Err(Error::usage(
                format!("--notify-webhook {u} is not an http(s) URL"),
                "e.g. --notify-webhook https://hooks.slack.com/services/...",
            ));
        }
    }
    Ok(())
}

/// Everything a scan needs that lives longer than one scan.
pub struct Scanner {
    /// The cluster, unless --no-cluster.
    pub cluster: Option<Cluster>,
    /// Flags.
    pub args: CertsArgs,
    /// Trust anchors.
    pub trust: chain::Trust,
    explicit: Vec<probe::Endpoint>,
}

impl Scanner {
    /// Connects and loads trust anchors.
    pub async fn new(kube: &KubeArgs, args: CertsArgs, ctx: &Context) -> Result<Self> {
        validate(&args)?;
        let explicit = endpoints(&args)?;
        let extra = match &args.ca_file {
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| {
                    Error::usage(
                        format!("cannot read --ca-file {}: {e}", path.display()),
                        "give a PEM file of CA certificates",
                    )
                })?;
                let d = decode::decode("ca.pem", &bytes);
                if d.certs.is_empty() {
                    return Err(Error::usage(
                        format!("--ca-file {} holds no certificate", path.display()),
                        "give a PEM file of CA certificates",
                    )
                    .into());
                }
                d.certs
            }
            None => Vec::new(),
        };
        let (trust, warnings) = chain::Trust::load(!args.no_system_roots, &extra);
        for w in warnings {
            ctx.warn(&w);
        }
        let cluster = if args.no_cluster {
            if explicit.is_empty() {
                return Err(Error::usage(
                    "--no-cluster without any --endpoint",
                    "give --endpoint HOST:PORT or --endpoints-file FILE",
                )
                .into());
            }
            None
        } else {
            let cluster = Cluster::connect(kube).await?;
            cluster.ensure_namespace_exists().await?;
            Some(cluster)
        };
        Ok(Self {
            cluster,
            args,
            trust,
            explicit,
        })
    }

    fn ingress_endpoints(&self, inv: &inventory::Inventory) -> Vec<probe::Endpoint> {
        if !self.args.probe_ingresses {
            return Vec::new();
        }
        let mut out = Vec::new();
        for r in inv.references.iter().filter(|r| r.by.kind == "Ingress") {
            for host in r.hosts.iter().filter(|h| !h.starts_with('*')) {
                let spec = match &self.args.ingress_address {
                    Some(addr) => format!("{host}@{addr}"),
                    None => host.clone(),
                };
                if let Ok(mut ep) = probe::parse_endpoint(&spec) {
                    ep.via = Some((
                        r.by.clone(),
                        (r.secret_namespace.clone(), r.secret_name.clone()),
                    ));
                    out.push(ep);
                }
            }
        }
        out
    }

    /// One scan: collect, probe, judge.
    pub async fn scan(&self, ctx: &Context, progress: bool) -> Result<report::Report> {
        let started = Instant::now();
        let warn = |m: &str| ctx.warn(m);
        let partial = shared::partial::Partial::new(&warn, "its certificates are not checked");
        let sources: Vec<Source> = if self.args.sources.is_empty() {
            Source::all()
        } else {
            self.args.sources.clone()
        };
        let mut inv = match &self.cluster {
            Some(cluster) => {
                let pb = shared::term::spinner(
                    progress,
                    format!("reading certificates from {}", cluster.context),
                );
                let plan = collect::Plan {
                    sources: sources.iter().copied().collect(),
                };
                let c = collect::Collector {
                    cluster,
                    plan: &plan,
                    partial: &partial,
                };
                let inv = c.collect().await;
                pb.finish_and_clear();
                let inv = inv?;
                let refused = partial.count();
                let cluster_sources = sources.iter().filter(|s| **s != Source::Kubeconfig).count();
                if cluster_sources > 0 && refused >= cluster_sources && self.explicit.is_empty() {
                    return Err(Error::Denied {
                        message: "every source was refused".into(),
                        context: cluster.context.clone(),
                    }
                    .into());
                }
                inv
            }
            None => inventory::Inventory::default(),
        };
        let mut targets = self.explicit.clone();
        targets.extend(self.ingress_endpoints(&inv));
        let probed_count = targets.len();
        if !targets.is_empty() {
            let total = targets.len();
            let pb = shared::term::spinner(progress, format!("probing {total} endpoints"));
            let done = AtomicUsize::new(0);
            let tick = || {
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                pb.set_message(format!("probing endpoints {n}/{total}"));
            };
            let p = probe::probe_all(
                targets,
                self.args.probe_concurrency,
                self.args.probe_timeout,
                &tick,
            )
            .await;
            pb.finish_and_clear();
            inv.bundles.extend(p.bundles);
            inv.unreachable.extend(p.unreachable);
            inv.served_by.extend(p.served_by);
        }
        let now = jiff::Timestamp::now().as_second();
        let opts = checks::Options {
            now,
            warn: secs(self.args.warn),
            critical: secs(self.args.critical),
        };
        let verdict = checks::judge(&inv, opts, &self.trust);
        let (context, server, namespace) = match &self.cluster {
            Some(c) => (
                c.context.clone(),
                c.server.clone(),
                c.scope.namespace().unwrap_or("*").to_string(),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        let metadata = report::Metadata {
            context,
            server,
            namespace,
            generated_at: jiff::Timestamp::from_second(now)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            duration_seconds: started.elapsed().as_secs_f64(),
            warn_seconds: opts.warn,
            critical_seconds: opts.critical,
            sources: if self.cluster.is_some() {
                sources
                    .iter()
                    .filter_map(|s| s.to_possible_value().map(|v| v.get_name().to_string()))
                    .collect()
            } else {
                Vec::new()
            },
            endpoints: probed_count,
            skipped: partial.into_skipped(),
            summary: report::Summary::default(),
        };
        Ok(report::Report::new(metadata, verdict))
    }

    /// Where notification state lives for this run.
    pub fn state_path(&self) -> Option<PathBuf> {
        self.args.notify_state.clone().or_else(|| {
            let context = self
                .cluster
                .as_ref()
                .map(|c| c.context.as_str())
                .unwrap_or("endpoints");
            notify::default_state_path(context)
        })
    }

    /// Sends new or worsened findings to every webhook. Returns the state to keep when every
    /// delivery succeeded (or there was nothing to send); `None` when one failed.
    pub async fn notify(
        &self,
        ctx: &Context,
        report: &report::Report,
        state: &notify::State,
    ) -> Option<notify::State> {
        let news = notify::news(&report.findings, state);
        if news.is_empty() {
            return Some(notify::next_state(&report.findings));
        }
        let context = &report.list.metadata.context;
        let mut ok = true;
        for url in &self.args.notify_webhook {
            let hook = notify::Webhook {
                url: url.clone(),
                format: self.args.notify_format,
                retries: self.args.notify_retries,
                backoff: self.args.notify_backoff,
            };
            let body = notify::payload(hook.format, context, &news);
            match notify::deliver(&hook, body).await {
                Ok(attempts) => tracing::info!(
                    "notified {url} of {} finding(s) in {attempts} attempt(s)",
                    news.len()
                ),
                Err(e) => {
                    ok = false;
                    ctx.warn(&format!(
                        "notification to {} failed: {e}; the {} finding(s) will be sent again next run",
                        redact(url),
                        news.len()
                    ));
                }
            }
        }
        ok.then(|| notify::next_state(&report.findings))
    }
}

/// A webhook URL without its path and query (Slack URLs carry the secret in the path).
pub fn redact(url: &http::Uri) -> String {
    format!(
        "{}://{}/…",
        url.scheme_str().unwrap_or("http"),
        url.authority().map(|a| a.as_str()).unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_urls_are_redacted() {
        let u: http::Uri = "https://hooks.slack.com/services/T0/B0/secret"
            .parse()
            .expect("uri");
        assert_eq!(redact(&u), "https://hooks.slack.com/…");
    }
}
