//! The command line of `kubectl slo` (clap only): `generate`, `validate`, `test`, `report`
//! and `checks`, their flags, and the `-o` formats.

use crate::rules::Style;
use clap::{Args, Parser, Subcommand, ValueEnum};
use shared::cli::{KubeArgs, OutputArgs};
use shared::finding::FailOn;
use shared::prometheus::ConnectArgs;
use std::path::PathBuf;

/// `kubectl slo`.
#[derive(Parser, Debug)]
#[command(
    name = "kubectl-slo",
    bin_name = "kubectl slo",
    version = shared::VERSION,
    long_version = shared::LONG_VERSION,
    about = "SLOs as code: burn-rate rules that page correctly, tested with promtool, and error-budget reports",
    long_about = "SLOs as code. One small file per service (ours; Sloth's prometheus/v1 and PrometheusServiceLevel, Pyrra's \
ServiceLevelObjective and OpenSLO v1 are read with the same meaning, and `convert` writes them as ours) \
becomes Prometheus rules by the SRE Workbook's multi-window, multi-burn-rate method: a page tier (14.4× over 1h and 5m, \
6× over 6h and 30m) and a ticket tier (3× over 1d and 2h, 1× over 3d and 6h), factors scaled to the SLO's window, \
an exact period SLI, a low-traffic guard and a tier label for inhibit rules. `test` proves with promtool that the \
rules page on a fast burn, ticket on a slow one and stay quiet at the objective; `report` reads Prometheus for the \
budget left, the burn rates now and each month's SLI.\n\n\
SLO file (apiVersion slo.sre-toolkit.io/v1alpha1, kind SLO; several per file, separated by ---):\n\
  metadata: {name: availability, labels: {team: payments}}\n\
  spec:\n\
    service: checkout\n\
    objective: 99.9            # percent\n\
    window: 30d                # Nd, Nw or calendar-month\n\
    sli:\n\
      ratio: {errors: 'http_requests_total{job=\"checkout\",code=~\"5..\"}', total: 'http_requests_total{job=\"checkout\"}'}\n\
      # or ratio: {good: ..., total: ...}, or latency: {histogram: 'http_request_duration_seconds_bucket{job=\"checkout\"}', threshold: 0.3}\n\
      # or latency: {histogram: 'http_request_duration_seconds{job=\"checkout\"}', threshold: 0.3, native: true}\n\
      # or boolGauge: {metric: 'probe_success{job=\"checkout\"}'} (1 good, 0 bad)\n\
      # or events: {errors: 'QUERY with [{{.window}}]', total: '...'}, or errorRatio: 'QUERY with [{{.window}}]'\n\
    groupBy: [route]           # one SLO per route\n\
    budgetPolicy: freeze feature releases\n\
    alerting: {runbook: https://..., minEvents: 100, page: {labels: {...}}, ticket: {labels: {...}}}",
    after_help = shared::exit::HELP
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub kube: KubeArgs,
    #[command(flatten)]
    pub output: OutputArgs<Format>,
}

/// Subcommands.
#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Write Prometheus rules (or a PrometheusRule) for the SLOs in FILE(s).
    #[command(after_help = "Examples:\n  \
kubectl slo generate slos/checkout.yaml > checkout-rules.yaml\n  \
kubectl slo generate slos/*.yaml --emit prometheus-rule --name checkout-slos -n monitoring | kubectl apply -f -\n  \
kubectl slo generate sloth/service.yaml --rule-style sloth\n  \
kubectl slo generate slos/checkout.yaml --inhibit-rules >> alertmanager-inhibit.yaml\n  \
kubectl slo generate slos/*.yaml --emit grafana --out-dir dashboards/")]
    Generate(GenerateArgs),
    /// Check SLO files: objectives, windows, PromQL, duplicates (file:line:col findings).
    #[command(after_help = "Examples:\n  \
kubectl slo validate slos/*.yaml\n  \
kubectl slo validate slos/*.yaml -o sarif > slo.sarif")]
    Validate(ValidateArgs),
    /// Prove with promtool that the generated rules page, ticket and stay quiet as they should.
    #[command(after_help = "Examples:\n  \
kubectl slo test slos/checkout.yaml\n  \
kubectl slo test slos/*.yaml --keep ./slo-tests   # keep rules.yaml and the promtool tests")]
    Test(TestArgs),
    /// Error budgets from live Prometheus: SLI, budget left, burn rates, months.
    #[command(after_help = "Examples:\n  \
kubectl slo report slos/*.yaml --prometheus http://prometheus:9090\n  \
kubectl slo report slos/*.yaml --prometheus svc/prometheus-operated:9090 -n monitoring --by-month 6\n  \
kubectl slo report slos/*.yaml --prometheus http://prometheus:9090 --fail-on critical   # stop a release when a budget is spent\n  \
kubectl slo report slos/*.yaml --prometheus http://prometheus:9090 --html slo.html")]
    Report(ReportArgs),
    /// Server-side-apply the rules as a prometheus-operator PrometheusRule (refused when the
    /// cluster has no such CRD).
    #[command(after_help = "Examples:\n  \
kubectl slo apply slos/*.yaml -n monitoring\n  \
kubectl slo apply slos/checkout.yaml -n monitoring --name checkout-slos --dry-run")]
    Apply(ApplyArgs),
    /// Write SLOs of any format the suite reads (Sloth, Pyrra, OpenSLO, ours) as ours.
    #[command(after_help = "Examples:\n  \
kubectl slo convert sloth/service.yaml > slos/service.yaml\n  \
kubectl slo convert pyrra/*.yaml openslo/checkout.yaml > slos/all.yaml")]
    Convert(ConvertArgs),
    /// List the checks `validate` and `report` raise.
    Checks,
}

/// How rules are named.
#[derive(Args, Debug, Clone)]
pub struct NamingArgs {
    /// Whose rule and label names to emit (sloth: Sloth v0.16's, so its dashboards keep working).
    #[arg(long, value_enum, default_value_t)]
    pub rule_style: Style,
    /// Prefix of the recording rules' names.
    #[arg(long, default_value = "slo", value_name = "PREFIX")]
    pub prefix: String,
}

/// What `generate` writes.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Emit {
    /// A Prometheus rule file.
    #[default]
    Rules,
    /// A prometheus-operator PrometheusRule object.
    PrometheusRule,
    /// A Grafana dashboard per SLO (JSON; several need --out-dir).
    Grafana,
}

/// `generate`.
#[derive(Args, Debug, Clone)]
pub struct GenerateArgs {
    /// SLO files (`-` for stdin).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub naming: NamingArgs,
    /// What to write.
    #[arg(long, value_enum, default_value_t)]
    pub emit: Emit,
    /// The PrometheusRule's name (default: slo-<first SLO's service>).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Write the Alertmanager inhibit_rules (a page silences its ticket) instead of rules.
    #[arg(long)]
    pub inhibit_rules: bool,
    /// With --emit grafana: write one dashboard per SLO into this directory
    /// (`<service>-<name>.json`).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

/// `validate`.
#[derive(Args, Debug, Clone)]
pub struct ValidateArgs {
    /// SLO files (`-` for stdin).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Exit 1 on findings at or above this severity.
    #[arg(long, value_enum, default_value_t)]
    pub fail_on: FailOn,
}

/// `test`.
#[derive(Args, Debug, Clone)]
pub struct TestArgs {
    /// SLO files (`-` for stdin).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub naming: NamingArgs,
    /// Keep the rules and the promtool test files in DIR.
    #[arg(long, value_name = "DIR")]
    pub keep: Option<PathBuf>,
}

/// `report`.
#[derive(Args, Debug, Clone)]
pub struct ReportArgs {
    /// SLO files (`-` for stdin).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub prometheus: ConnectArgs,
    /// Report as of TIME (RFC 3339 or Unix seconds) instead of now.
    #[arg(long, value_name = "TIME", value_parser = shared::duration::timestamp)]
    pub at: Option<jiff::Timestamp>,
    /// Also each of the last N calendar months (UTC), the current one so far.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub by_month: u32,
    /// Exit 1 when an SLO is at or above this: critical = budget spent, warning = burning
    /// or no data.
    #[arg(long, value_enum, default_value_t)]
    pub fail_on: FailOn,
    /// Also write a self-contained HTML report (budget burn-down and burn-rate charts).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}

/// `-o`.
/// `apply`.
#[derive(Args, Debug, Clone)]
pub struct ApplyArgs {
    /// SLO files (`-` for stdin).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub naming: NamingArgs,
    /// The PrometheusRule's name (default `slo-<service of the first SLO>`).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Ask the API server to validate the object without saving it.
    #[arg(long)]
    pub dry_run: bool,
}

/// `convert`.
#[derive(Args, Debug, Clone)]
pub struct ConvertArgs {
    /// SLO files (`-` for stdin).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// kubectl's table look.
    #[default]
    Table,
    /// The table with more columns (hints).
    Wide,
    /// The suite's versioned JSON envelope.
    Json,
    /// The same as YAML.
    Yaml,
    /// JUnit XML (validate).
    Junit,
    /// SARIF 2.1.0 (validate).
    Sarif,
    /// Markdown (validate, report).
    Markdown,
}

impl Format {
    /// The `-o` name.
    pub fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

impl shared::cli::Format for Format {
    fn is_structured(&self) -> bool {
        matches!(self, Self::Json | Self::Yaml | Self::Junit | Self::Sarif)
    }
}
