//! `kubectl certs`: every certificate in the cluster and on its endpoints. One scan reads
//! the cluster ([`collect`]) and live endpoints ([`probe`]) into an [`inventory`], pure
//! [`checks`] judge it, and the result is printed ([`report`], [`metrics`]), served to
//! Prometheus ([`serve`]) or sent to a webhook ([`notify`]).

pub mod cert;
pub mod chain;
pub mod checks;
pub mod collect;
pub mod decode;
pub mod der;
pub mod formats;
pub mod inventory;
pub mod keys;
pub mod metrics;
pub mod notify;
pub mod probe;
pub mod report;
pub mod serve;

use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};
use collect::Source;
use shared::cli::{KubeArgs, OutputArgs};
use shared::cluster::Cluster;
use shared::error::Error;
use shared::finding::FailOn;
use shared::output::Render;
use shared::run::{Context, Outcome};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// `kubectl certs`.
#[derive(Parser, Debug)]
#[command(
    name = "kubectl-certs",
    bin_name = "kubectl certs",
    version = shared::VERSION,
    long_version = shared::LONG_VERSION,
    about = "Every certificate in the cluster and on its endpoints: expiry, chains, keys",
    long_about = "Every certificate in the cluster and on its endpoints: expiry, chains, keys, weak crypto, \
SANs against Ingress and Gateway hosts, cert-manager status.\n\n\
Reads Secrets of any type (never Helm release Secrets), ConfigMaps, Ingresses, Gateways, webhook/APIService/CRD \
caBundles, cert-manager Certificates and the kubeconfig; probes live TLS endpoints given with --endpoint or \
discovered with --probe-ingresses. Scope as kubectl: -n NAMESPACE (default: the context's) or -A. \
Cluster-scoped sources (caBundles, kubeconfig) are always read. Private keys are compared with their \
certificates and never printed.",
    after_help = shared::exit::HELP
)]
pub struct Cli {
    /// What to do (default: scan).
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub kube: KubeArgs,
    #[command(flatten)]
    pub output: OutputArgs<Format>,
    #[command(flatten)]
    pub certs: CertsArgs,
}

/// Subcommands.
#[derive(Subcommand, Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Scan once and print the report (the default).
    #[command(
        after_help = "Examples:\n  kubectl certs scan -A\n  kubectl certs scan -n shop -o wide\n  kubectl certs scan -A --warn 28d --critical 14d --fail-on warning -o json"
    )]
    Scan,
    /// Run as a Prometheus exporter: rescan every --interval, serve /metrics and /healthz.
    #[command(
        after_help = "Metric names follow x509-certificate-exporter (x509_cert_not_after, x509_cert_expired, ...), \
so its dashboards and alert rules work unchanged. /healthz answers 503 until a scan succeeded and while \
the last one failed.\n\nExamples:\n  kubectl certs serve -A --listen :9793 --interval 15m\n  kubectl certs serve -n shop --listen 127.0.0.1:9793"
    )]
    Serve(ServeArgs),
    /// List every check: id, severity, what it finds.
    #[command(after_help = "Examples:\n  kubectl certs checks\n  kubectl certs checks -o json")]
    Checks,
}

/// `kubectl certs serve` flags.
#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct ServeArgs {
    /// Address to listen on (`:9793` = every interface).
    #[arg(long, default_value = ":9793", value_name = "ADDR")]
    pub listen: String,
    /// How often to rescan (at least 10s: every scan lists every Secret).
    #[arg(long, default_value = "15m", value_name = "DURATION", value_parser = shared::duration::at_least(Duration::from_secs(10)))]
    pub interval: Duration,
    /// Stop after N scans (for tests; default: until interrupted).
    #[arg(long, value_name = "N", hide = true)]
    pub scans: Option<u64>,
}

/// `-o` formats.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Certificates by soonest expiry, then findings.
    #[default]
    Table,
    /// Tables with issuer, SANs, key, signature, serial and hints.
    Wide,
    /// The CertificateReport envelope as JSON.
    Json,
    /// The CertificateReport envelope as YAML.
    Yaml,
    /// Prometheus text exposition (x509-certificate-exporter names).
    Prometheus,
    /// JUnit XML: a test suite per category, a failing test case per finding.
    Junit,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// Markdown, for CI comments.
    Markdown,
}

impl shared::cli::Format for Format {
    fn is_structured(&self) -> bool {
        !matches!(self, Self::Table | Self::Wide)
    }
}

/// The scan's own flags.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Certs options")]
pub struct CertsArgs {
    /// Warn about certificates expiring within this long.
    #[arg(long, global = true, default_value = "30d", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub warn: Duration,
    /// Critical when expiring within this long.
    #[arg(long, global = true, default_value = "7d", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub critical: Duration,
    /// Also write a self-contained HTML report to FILE.
    #[arg(long, global = true, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Exit 1 when a finding at or above this severity is found.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t,
        value_name = "SEVERITY"
    )]
    pub fail_on: FailOn,
    /// Sources to read (comma-separated; default: all).
    #[arg(
        long,
        global = true,
        value_enum,
        value_delimiter = ',',
        value_name = "SOURCES"
    )]
    pub sources: Vec<Source>,
    /// Do not read the cluster at all: only probe --endpoint/--endpoints-file.
    #[arg(long, global = true)]
    pub no_cluster: bool,
    /// Probe a live TLS endpoint: HOST[:PORT] or SNI@ADDRESS[:PORT]. Repeatable.
    #[arg(long, global = true, value_name = "ENDPOINT", value_parser = probe::parse_endpoint)]
    pub endpoint: Vec<probe::Endpoint>,
    /// Read endpoints from FILE, one per line (# comments).
    #[arg(long, global = true, value_name = "FILE")]
    pub endpoints_file: Option<PathBuf>,
    /// Probe every Ingress TLS host and check it serves the Ingress's Secret.
    #[arg(long, global = true)]
    pub probe_ingresses: bool,
    /// With --probe-ingresses, connect here (the ingress controller) instead of resolving each host.
    #[arg(long, global = true, value_name = "ADDRESS[:PORT]")]
    pub ingress_address: Option<String>,
    /// Per-endpoint time limit.
    #[arg(long, global = true, default_value = "5s", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub probe_timeout: Duration,
    /// Endpoints probed at once.
    #[arg(long, global = true, default_value_t = 256, value_name = "N")]
    pub probe_concurrency: usize,
    /// Extra trust anchors (PEM bundle) for chain validation.
    #[arg(long, global = true, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Do not trust the system roots (only ca.crt and --ca-file).
    #[arg(long, global = true)]
    pub no_system_roots: bool,
    /// POST new or worsened findings to URL. Repeatable.
    #[arg(long, global = true, value_name = "URL")]
    pub notify_webhook: Vec<http::Uri>,
    /// Payload of --notify-webhook.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t,
        value_name = "FORMAT"
    )]
    pub notify_format: notify::PayloadFormat,
    /// What was already notified (default: $XDG_STATE_HOME/sre-toolkit/certs/CONTEXT.json).
    #[arg(long, global = true, value_name = "FILE")]
    pub notify_state: Option<PathBuf>,
    /// Retries of a failed delivery (exponential backoff).
    #[arg(long, global = true, default_value_t = 4, value_name = "N")]
    pub notify_retries: u32,
    /// Delay before the first retry.
    #[arg(long, global = true, default_value = "1s", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub notify_backoff: Duration,
}

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
        let skipped = Mutex::new(Vec::new());
        let warn = |m: &str| {
            ctx.warn(m);
            if let Ok(mut s) = skipped.lock() {
                s.push(m.to_string());
            }
        };
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
                    warn: &warn,
                };
                let inv = c.collect().await;
                pb.finish_and_clear();
                let inv = inv?;
                let refused = skipped.lock().map(|s| s.len()).unwrap_or(0);
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
            skipped: skipped.into_inner().unwrap_or_default(),
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

/// Writes the report in `format`.
pub fn write_report(
    w: &mut dyn Write,
    report: &report::Report,
    format: Format,
    no_headers: bool,
    ctx: &Context,
) -> Result<()> {
    match format {
        Format::Table | Format::Wide => {
            report::render_table(w, report, format == Format::Wide, no_headers, ctx.stdout)?;
            // Status, not data: on stderr, as every plugin does.
            if report.list.items.is_empty() {
                ctx.note("No certificates found.");
            }
            if report.findings.is_empty() {
                ctx.note("No findings.");
            }
        }
        Format::Json => shared::output::write_json(w, report)?,
        Format::Yaml => shared::output::write_yaml(w, report)?,
        Format::Prometheus => {
            let now = jiff::Timestamp::now().as_second();
            w.write_all(metrics::exposition(report, now).as_bytes())?;
        }
        Format::Junit => w.write_all(formats::junit(report).as_bytes())?,
        Format::Sarif => shared::output::write_json(w, &formats::sarif(report))?,
        Format::Markdown => w.write_all(formats::markdown(report).as_bytes())?,
    }
    Ok(())
}

fn format_name(f: Format) -> String {
    f.to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// Writes `--html FILE`.
pub fn write_html(path: &std::path::Path, report: &report::Report) -> Result<(), Error> {
    std::fs::write(path, formats::html(report)).map_err(|e| {
        Error::usage(
            format!("cannot write --html {}: {e}", path.display()),
            "pass a writable path",
        )
    })
}

fn write_checks(w: &mut dyn Write, format: Format, no_headers: bool) -> Result<()> {
    #[derive(serde::Serialize)]
    struct Row {
        id: &'static str,
        severity: shared::finding::Severity,
        description: &'static str,
    }
    let rows: Vec<Row> = checks::CHECKS
        .iter()
        .map(|c| Row {
            id: c.id,
            severity: c.severity,
            description: c.what,
        })
        .collect();
    let render = match format {
        Format::Json => Render::Json,
        Format::Yaml => Render::Yaml,
        _ => Render::Table { no_headers },
    };
    shared::output::write_catalogue(
        w,
        render,
        "certs",
        report::SCHEMA_VERSION,
        rows,
        &["check", "severity", "description"],
        |r| {
            vec![
                r.id.to_string(),
                r.severity.as_str().to_string(),
                r.description.to_string(),
            ]
        },
    )
}

/// Runs the parsed command line.
pub async fn run(cli: Cli, ctx: Context) -> Result<Outcome> {
    let format = cli.output.format;
    let no_headers = cli.output.no_headers;
    match cli.command {
        Some(Command::Checks) => {
            if !matches!(
                format,
                Format::Table | Format::Wide | Format::Json | Format::Yaml
            ) {
                return Err(Error::usage(
                    format!(
                        "kubectl certs checks cannot write -o {}",
                        format_name(format)
                    ),
                    "the catalogue is written as -o table, json or yaml",
                )
                .into());
            }
            write_checks(&mut std::io::stdout().lock(), format, no_headers)?;
            Ok(Outcome::Clean)
        }
        Some(Command::Serve(_)) if cli.certs.html.is_some() => Err(Error::usage(
            "kubectl certs serve does not write --html",
            "the exporter serves /metrics; write a report with `kubectl certs --html FILE`",
        )
        .into()),
        Some(Command::Serve(serve_args)) => {
            let scanner = Scanner::new(&cli.kube, cli.certs, &ctx).await?;
            serve::run(scanner, serve_args, ctx).await
        }
        Some(Command::Scan) | None => {
            let scanner = Scanner::new(&cli.kube, cli.certs, &ctx).await?;
            let report = scanner.scan(&ctx, ctx.progress).await?;
            if scanner.cluster.is_none() && report.list.metadata.endpoints > 0 {
                let unreachable: Vec<&str> = report
                    .findings
                    .iter()
                    .filter(|f| f.check == "endpoint-unreachable")
                    .map(|f| f.message.as_str())
                    .collect();
                if unreachable.len() == report.list.metadata.endpoints {
                    return Err(Error::Unreachable {
                        message: format!(
                            "none of the {} endpoint(s) could be reached or spoke TLS ({})",
                            unreachable.len(),
                            unreachable[0]
                        ),
                        hint: "check the address and port; --probe-timeout waits longer".into(),
                    }
                    .into());
                }
            }
            write_report(
                &mut std::io::stdout().lock(),
                &report,
                format,
                no_headers,
                &ctx,
            )?;
            if let Some(path) = &scanner.args.html {
                write_html(path, &report)?;
            }
            if !scanner.args.notify_webhook.is_empty() {
                let path = scanner.state_path();
                let state = path.as_deref().map(notify::load_state).unwrap_or_default();
                if let Some(next) = scanner.notify(&ctx, &report, &state).await
                    && let Some(path) = &path
                    && let Err(e) = notify::save_state(path, &next)
                {
                    ctx.warn(&format!(
                        "cannot save notification state {}: {e}",
                        path.display()
                    ));
                }
            }
            let failed = scanner
                .args
                .fail_on
                .fails(report.findings.iter().map(|f| f.severity));
            Ok(if failed {
                Outcome::Problems
            } else {
                Outcome::Clean
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn webhook_urls_are_redacted() {
        let u: http::Uri = "https://hooks.slack.com/services/T0/B0/secret"
            .parse()
            .expect("uri");
        assert_eq!(redact(&u), "https://hooks.slack.com/…");
    }
}
