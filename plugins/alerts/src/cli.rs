//! The command line of `kubectl alerts` (clap only): `report`, `top`, `flapping`, `rules`,
//! `silences`, `watch` and `checks`, where the history comes from, the analysis thresholds
//! and the `-o` formats.

use clap::{Args, Parser, Subcommand, ValueEnum};
use shared::cli::{KubeArgs, OutputArgs};
use shared::finding::FailOn;
use shared::prometheus::ConnectArgs;
use std::path::PathBuf;
use std::time::Duration;

/// `kubectl alerts`.
#[derive(Parser, Debug)]
#[command(
    name = "kubectl-alerts",
    bin_name = "kubectl alerts",
    version = shared::VERSION,
    long_version = shared::LONG_VERSION,
    about = "Alert-fatigue analysis from Prometheus and Alertmanager history, counted correctly",
    long_about = "Alert-fatigue analysis. Episodes are rebuilt from Prometheus' ALERTS series (a resolved alert \
stops having samples, so a gap longer than the step plus the rule's evaluation interval ends an episode) and \
cross-checked against ALERTS_FOR_STATE; then: top offenders, flapping (Nagios' percent state change with \
hysteresis, and transitions per hour), transient episodes, pending that never fired, stuck alerts, dead and \
broken rules, rules without for/severity/runbook/summary, co-firing pairs with the inhibit rule to add, \
severity tiers, an hour × weekday heat map, silence hygiene, and per rule what to change with the notifications \
it would have removed over the window.\n\n\
Sources: --prometheus (URL, or svc/NAME:PORT through the API server's proxy), --alertmanager for silences, \
current alerts and inhibit rules, or --from-webhooks for a file of Alertmanager webhook payloads.",
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
    /// Everything: totals, top offenders, recommendations and every finding.
    #[command(after_help = "Examples:\n  \
kubectl alerts report --prometheus http://prometheus:9090 --since 30d\n  \
kubectl alerts report --prometheus svc/prometheus-operated:9090 -n monitoring --alertmanager http://alertmanager:9093\n  \
kubectl alerts report --prometheus http://prometheus:9090 --html alerts.html -o markdown > alerts.md\n  \
kubectl alerts report --from-webhooks notifications.jsonl")]
    Report(ReportArgs),
    /// The alerts that notify most, with their share, rate and actionability.
    #[command(after_help = "Examples:\n  \
kubectl alerts top --prometheus http://prometheus:9090 --since 7d --top 20\n  \
kubectl alerts top --prometheus http://prometheus:9090 --by time")]
    Top(TopArgs),
    /// Label sets that flapped: percent state change, stretches, transitions per hour.
    Flapping(HistoryArgs),
    /// Rule hygiene: dead, broken, no for/severity/runbook/summary (a CI gate with --fail-on).
    #[command(after_help = "Examples:\n  \
kubectl alerts rules --prometheus http://prometheus:9090 --fail-on warning")]
    Rules(RulesArgs),
    /// Alertmanager's silences and what is wrong with them.
    #[command(after_help = "Examples:\n  \
kubectl alerts silences --alertmanager http://alertmanager:9093\n  \
kubectl alerts silences --alertmanager http://alertmanager:9093 --prometheus http://prometheus:9090 --since 7d")]
    Silences(SilencesArgs),
    /// Live: print alerts as they start and end, and flag flapping as it happens.
    #[command(after_help = "Examples:\n  \
kubectl alerts watch --prometheus http://prometheus:9090\n  \
kubectl alerts watch --prometheus http://prometheus:9090 --interval 15s --for 1h -o json")]
    Watch(WatchArgs),
    /// List the checks `kubectl alerts` raises.
    Checks,
}

/// Where the history comes from and which window.
#[derive(Args, Debug, Clone)]
pub struct SourceArgs {
    #[command(flatten)]
    pub prometheus: ConnectArgs,
    /// Alertmanager (http(s)://HOST:PORT or svc/NAME:PORT): silences, current alerts, inhibit rules.
    #[arg(long, env = "ALERTMANAGER_URL", value_name = "URL")]
    pub alertmanager: Option<String>,
    /// Read the history from a file of Alertmanager webhook payloads (JSON lines; - for stdin)
    /// instead of Prometheus.
    #[arg(long, value_name = "FILE", conflicts_with = "prometheus")]
    pub from_webhooks: Option<PathBuf>,
    /// How far back to look.
    #[arg(long, default_value = "7d", value_name = "DURATION", value_parser = shared::duration::at_least(Duration::from_secs(60)))]
    pub since: Duration,
    /// End of the window (RFC 3339 or Unix seconds; default now).
    #[arg(long, value_name = "TIME", value_parser = shared::duration::timestamp)]
    pub until: Option<jiff::Timestamp>,
    /// Resolution of the history (default: the shortest rule evaluation interval, else 1m).
    #[arg(long, value_name = "DURATION", value_parser = shared::duration::at_least(Duration::from_secs(1)))]
    pub step: Option<Duration>,
}

/// Thresholds of the analyses.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Analysis")]
pub struct AnalysisArgs {
    /// An episode that resolves within this is transient.
    #[arg(long, default_value = "5m", value_name = "DURATION", value_parser = shared::duration::at_least(Duration::from_secs(1)))]
    pub transient: Duration,
    /// Firing longer than this is stuck.
    #[arg(long, default_value = "24h", value_name = "DURATION", value_parser = shared::duration::at_least(Duration::from_secs(60)))]
    pub stuck: Duration,
    /// Severity to tier mapping over the defaults (page/emergency=P0, critical=P1,
    /// error/high/major=P2, warning/minor=P3, info/low/none and missing=P4).
    #[arg(long, value_name = "SEVERITY=TIER,...", default_value = "")]
    pub tiers: String,
    /// Target share of P0/P1 notifications.
    #[arg(long, default_value = "10%", value_name = "PERCENT", value_parser = shared::percent::parse)]
    pub urgent_target: f64,
    /// Two alerts co-fire when they overlap this share of the smaller one's firing time.
    #[arg(long, default_value = "80%", value_name = "PERCENT", value_parser = shared::percent::parse)]
    pub cofiring_overlap: f64,
    /// Time zone of the heat map (IANA name).
    #[arg(long, default_value = "UTC", value_name = "ZONE")]
    pub timezone: String,
    /// Business hours for the off-hours share, FROM-TO in the time zone.
    #[arg(long, default_value = "9-18", value_name = "FROM-TO")]
    pub business_hours: String,
}

/// Commands that read history and analyse it.
#[derive(Args, Debug, Clone)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

/// `report`.
#[derive(Args, Debug, Clone)]
pub struct ReportArgs {
    #[command(flatten)]
    pub history: HistoryArgs,
    /// Alerts in the top-offender table.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Also write a self-contained HTML report (heat map, top-offender bars, timelines).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Exit 1 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t)]
    pub fail_on: FailOn,
}

/// How `top` ranks.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Rank {
    /// By notifications.
    #[default]
    Notifications,
    /// By time firing.
    Time,
}

/// `top`.
#[derive(Args, Debug, Clone)]
pub struct TopArgs {
    #[command(flatten)]
    pub history: HistoryArgs,
    /// How many.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Rank by.
    #[arg(long, value_enum, default_value_t)]
    pub by: Rank,
}

/// `rules`.
#[derive(Args, Debug, Clone)]
pub struct RulesArgs {
    #[command(flatten)]
    pub history: HistoryArgs,
    /// Exit 1 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t)]
    pub fail_on: FailOn,
}

/// `silences`.
#[derive(Args, Debug, Clone)]
pub struct SilencesArgs {
    #[command(flatten)]
    pub history: HistoryArgs,
    /// Also list expired silences.
    #[arg(long)]
    pub expired: bool,
}

/// `watch`.
#[derive(Args, Debug, Clone)]
pub struct WatchArgs {
    #[command(flatten)]
    pub prometheus: ConnectArgs,
    /// How often to read `ALERTS`.
    #[arg(long, default_value = "10s", value_name = "DURATION", value_parser = shared::duration::at_least(Duration::from_secs(1)))]
    pub interval: Duration,
    /// Stop after this long (default: until interrupted).
    #[arg(long = "for", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub run_for: Option<Duration>,
}

/// `-o`.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Tables.
    #[default]
    Table,
    /// Tables with more columns.
    Wide,
    /// JSON in the versioned envelope (one object per line for watch).
    Json,
    /// YAML in the versioned envelope.
    Yaml,
    /// Markdown, for a ticket or a wiki.
    Markdown,
}

impl Format {
    /// Its name on the command line.
    pub fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

impl shared::cli::Format for Format {
    fn is_structured(&self) -> bool {
        matches!(self, Self::Json | Self::Yaml)
    }
}
