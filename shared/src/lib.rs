//! The common library behind every sre-toolkit kubectl plugin.
//!
//! It owns what must behave the same in every `kubectl-<name>` binary and is written once:
//! the audit record of every mutation ([`audit`]), pure Kubernetes rules ([`rules`]), a Prometheus and
//! Alertmanager client ([`prometheus`]), who owns a pod ([`owners`]), partial
//! results under partial permissions ([`partial`]),
//! kubectl-compatible flags ([`cli`]), the one client constructor ([`cluster`]), output
//! formats and the versioned list envelope ([`output`]), colour and progress ([`term`]),
//! shell completion ([`complete`]), the findings vocabulary ([`finding`]) and their renderers
//! ([`report`]: JUnit, SARIF, Markdown, HTML),
//! typed errors, hints and exit codes ([`error`], [`exit`]), escaping of cluster text
//! ([`sanitize`]), label and field selectors checked locally ([`selector`]), Go-style durations ([`duration`]), YAML files with located errors ([`yaml`]) and the
//! process entry point ([`run`]).
//! It holds no plugin logic.
//!
//! ```no_run
//! use clap::Parser;
//!
//! #[derive(Parser)]
//! struct Cli {
//!     #[command(flatten)]
//!     kube: shared::cli::KubeArgs,
//!     #[command(flatten)]
//!     output: shared::cli::OutputArgs<shared::cli::CommonFormat>,
//! }
//!
//! fn main() -> std::process::ExitCode {
//!     let cli = Cli::parse();
//!     let globals = cli.output.globals();
//!     shared::run::main(&globals, cli.kube.verbosity, |ctx| async move {
//!         let cluster = shared::cluster::Cluster::connect(&cli.kube).await?;
//!         let _ = (ctx, cluster);
//!         Ok(shared::run::Outcome::Clean)
//!     })
//! }
//! ```
#![deny(missing_docs)]

pub mod audit;
pub mod cli;
pub mod cluster;
pub mod complete;
pub mod duration;
pub mod error;
pub mod exit;
pub mod finding;
pub mod output;
pub mod owners;
pub mod partial;
pub mod percent;
pub mod prometheus;
pub mod report;
pub mod requestlog;
pub mod rules;
pub mod run;
pub mod sanitize;
pub mod selector;
pub mod term;
pub mod yaml;

/// The suite's version, the same for every plugin (lockstep releases).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `--version` text: version, commit and target triple.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("SRE_TOOLKIT_COMMIT"),
    ", target ",
    env!("SRE_TOOLKIT_TARGET"),
    ")"
);

/// A new run id, `<prefix>-YYYYMMDD-HHMMSS-xxxx` (UTC, a DNS label), for objects a plugin
/// creates and labels so they can be found again (load runs, chaos experiments).
pub fn run_id(prefix: &str) -> String {
    let now = jiff::Timestamp::now();
    let stamp = now.strftime("%Y%m%d-%H%M%S");
    let salt = (now.subsec_nanosecond().unsigned_abs() ^ std::process::id()) & 0xffff;
    format!("{prefix}-{stamp}-{salt:04x}")
}
