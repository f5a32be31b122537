//! The command line of `kubectl load` (clap only): `run` and its model, target and runner
//! flags, `status`, `results`, `compare`, `rbac`, and the `-o` formats.

use crate::{cluster, spec, threshold};
use clap::{Args, Parser, Subcommand, ValueEnum};
use shared::cli::{KubeArgs, OutputArgs};
use std::path::PathBuf;
use std::time::Duration;

/// `kubectl load`.
#[derive(Parser, Debug)]
#[command(
    name = "kubectl-load",
    bin_name = "kubectl load",
    version = shared::VERSION,
    long_version = shared::LONG_VERSION,
    about = "HTTP load tests, local or fanned out to runner pods, merged correctly, with SLO gates",
    long_about = "HTTP load tests. The open model (--rate, --stages) sends on a schedule and measures latency from \
each request's intended start, so a stalling server shows in the percentiles (no coordinated omission); the closed \
model (--users) loops. Scenario files (user journeys with extracted values) run on goose.\n\n\
Cluster targets (svc/NAME:PORT, pod/NAME:PORT) and --runners N run in an Indexed Job of runner pods that start \
together and report through the API; the plugin merges their histograms and judges --threshold on the merged result.",
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
    /// Run a load test against TARGET (URL, svc/NAME:PORT[/path] or pod/NAME:PORT[/path]).
    #[command(after_help = "Examples:\n  \
kubectl load run http://localhost:8080/ --rate 500/s --duration 2m --threshold 'p99<200ms' --threshold 'errors<0.1%'\n  \
kubectl load run svc/web:80 -n shop --users 50 --duration 1m --runners 4\n  \
kubectl load run http://api:8080 --stages 30s:100,2m:500,30s:0 --runners 2\n  \
kubectl load run http://shop.example --scenario journey.yaml --users 20 --duration 5m --local")]
    Run(Box<RunArgs>),
    /// Show a cluster run: runner pods, progress, done.
    #[command(
        after_help = "Examples:\n  kubectl load status load-20261202-101500-1a2b -n shop\n  kubectl load status load-20261202-101500-1a2b -n shop -o json"
    )]
    Status {
        /// Run id (printed when the run started).
        run: String,
    },
    /// Merge and report a cluster run's results (waits for the runners unless --no-wait).
    #[command(
        after_help = "Examples:\n  kubectl load results load-20261202-101500-1a2b -n shop --threshold 'p99<200ms'\n  kubectl load results load-20261202-101500-1a2b -n shop --no-wait -o json"
    )]
    Results {
        /// Run id.
        run: String,
        /// Fail (exit 1) when a threshold is breached. Repeatable.
        #[arg(long, value_name = "EXPR", value_parser = threshold::parse)]
        threshold: Vec<threshold::Threshold>,
        /// Also write an HTML report.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Do not wait: report what the runners sent so far (exit 1 while the run is unfinished).
        #[arg(long)]
        no_wait: bool,
    },
    /// Compare two JSON reports (`-o json` of run or results): what changed.
    #[command(
        after_help = "Examples:\n  kubectl load compare before.json after.json\n  kubectl load compare before.json after.json --max-regression 10% -o markdown"
    )]
    Compare {
        /// The baseline.
        before: PathBuf,
        /// The new run.
        after: PathBuf,
        /// Exit 1 when p99, error rate or throughput got worse by more than this (e.g. 10%).
        #[arg(long, value_name = "PERCENT")]
        max_regression: Option<String>,
    },
    /// Serve a fault-injecting HTTP target: delay, jitter, status and error percent set by
    /// flags and overridden per request (?delay=100ms&jitter=20ms&status=503&percent=30&size=1024&close=1);
    /// /healthz, /readyz (PUT /readyz?ready=false flips it) and /metrics.
    #[command(after_help = "Examples:\n  \
kubectl load target --listen :8080\n  \
kubectl load target --listen 127.0.0.1:0 --delay 20ms --jitter 10ms --error-percent 5\n  \
curl 'http://127.0.0.1:8080/checkout?status=503&percent=30'")]
    Target(TargetArgs),
    /// Print the RBAC the runners and users need (kubectl load rbac -n NS | kubectl apply -f -).
    #[command(after_help = "Examples:\n  kubectl load rbac -n shop | kubectl apply -f -")]
    Rbac,
    /// Runner mode, inside the Job's pods.
    #[command(hide = true)]
    Runner {
        /// Run id.
        #[arg(long)]
        run: String,
    },
}

/// `kubectl load target` flags: the defaults every request gets unless its query says
/// otherwise.
#[derive(Args, Debug, Clone)]
pub struct TargetArgs {
    /// Where to listen: HOST:PORT, or :PORT for every interface (port 0 picks a free one;
    /// the base URL is printed on stdout).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub listen: String,
    /// Wait this long before answering.
    #[arg(long, default_value = "0s", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub delay: std::time::Duration,
    /// Wait up to this much more, uniformly.
    #[arg(long, default_value = "0s", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub jitter: std::time::Duration,
    /// Status of a normal answer.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u16).range(100..=599))]
    pub status: u16,
    /// Percent of answers that are errors.
    #[arg(long, default_value = "0", value_name = "PERCENT", value_parser = shared::percent::parse)]
    pub error_percent: f64,
    /// Status of an injected error.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u16).range(100..=599))]
    pub error_status: u16,
    /// Body size in bytes.
    #[arg(long, default_value_t = 2, value_name = "BYTES")]
    pub size: usize,
    /// Close the connection after each answer.
    #[arg(long)]
    pub close: bool,
    /// Stop after this long (default: serve until interrupted).
    #[arg(long = "for", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub run_for: Option<std::time::Duration>,
}

/// `kubectl load run` flags.
#[derive(Args, Debug, Clone)]
pub struct RunArgs {
    /// URL, svc/NAME:PORT[/path] or pod/NAME:PORT[/path].
    pub target: String,
    /// Open model: constant arrival rate (500/s, 30000/m).
    #[arg(long, value_name = "RATE", value_parser = spec::parse_rate, conflicts_with_all = ["users", "stages"])]
    pub rate: Option<f64>,
    /// Closed model: concurrent users.
    #[arg(long, value_name = "N", conflicts_with = "stages")]
    pub users: Option<usize>,
    /// Open model ramp: DURATION:RATE,... (30s:100,2m:500,30s:0).
    #[arg(long, value_name = "STAGES", value_parser = spec::parse_stages_arg)]
    pub stages: Option<spec::Stages>,
    /// How long (with --rate or --users).
    #[arg(short, long, default_value = "30s", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub duration: Duration,
    /// A user-journey scenario file (YAML), run by goose (closed model).
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// Run inside this process, not in runner pods.
    #[arg(long, conflicts_with = "runners")]
    pub local: bool,
    /// Runner pods (an Indexed Job); default 1 for cluster targets.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub runners: Option<u16>,
    /// HTTP method.
    #[arg(short = 'X', long, default_value = "GET")]
    pub method: String,
    /// Request header NAME: VALUE. Repeatable.
    #[arg(short = 'H', long = "header", value_name = "HEADER", value_parser = spec::parse_header)]
    pub headers: Vec<(String, String)>,
    /// Request body (`@FILE` reads a file).
    #[arg(long, value_name = "BODY")]
    pub body: Option<String>,
    /// Per-request time limit.
    #[arg(long, default_value = "10s", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub timeout: Duration,
    /// Open model: connections available to keep the schedule (default: rate/20, 10..2000).
    #[arg(long, value_name = "N")]
    pub connections: Option<usize>,
    /// Exit 1 when breached, judged on the merged result: p99<200ms, errors<0.1%, rate>=450/s. Repeatable.
    #[arg(long, value_name = "EXPR", value_parser = threshold::parse)]
    pub threshold: Vec<threshold::Threshold>,
    /// Also write an HTML report with latency-over-time and throughput plots.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Runner image.
    #[arg(long, value_name = "IMAGE", default_value_t = cluster::default_image())]
    pub image: String,
    /// ServiceAccount of the runner pods (see `kubectl load rbac`).
    #[arg(long, default_value = "load-runner", value_name = "NAME")]
    pub service_account: String,
    /// How long the finished Job and its results are kept (for `kubectl load results`).
    #[arg(long, default_value = "1h", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub ttl: Duration,
    /// How long to wait for every runner pod to be Running.
    #[arg(long, default_value = "2m", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub start_timeout: Duration,
    /// Start the cluster run and return; follow with `kubectl load status|results RUN`.
    #[arg(long)]
    pub detach: bool,
}

/// `-o` formats.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// A summary table.
    #[default]
    Table,
    /// The LoadReport envelope as JSON.
    Json,
    /// The LoadReport as YAML.
    Yaml,
    /// Markdown tables, for CI comments.
    Markdown,
}

impl shared::cli::Format for Format {
    fn is_structured(&self) -> bool {
        matches!(self, Self::Json | Self::Yaml)
    }
}
