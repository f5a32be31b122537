//! The command line of `kubectl certs` (clap only): the scan's flags, the exporter's, and
//! the `-o` formats.

use crate::{collect, notify, probe};
use clap::{Args, Parser, Subcommand, ValueEnum};
use shared::cli::{KubeArgs, OutputArgs};
use shared::finding::FailOn;
use std::path::PathBuf;
use std::time::Duration;

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
    pub sources: Vec<collect::Source>,
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
