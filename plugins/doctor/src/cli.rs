//! The command line of `kubectl doctor` (clap only). Report flags belong to the report views
//! (the default one, `healthcheck`, `diagnostics`, `audit`); `checks` takes none and `heal`
//! only its own, so each `--help` lists what the subcommand uses and a flag it would ignore
//! is a usage error.

use clap::{Args, Parser, Subcommand, ValueEnum};
use shared::cli::{KubeArgs, OutputArgs};
use shared::error::Error;
use shared::finding::FailOn;
use std::path::PathBuf;
use std::time::Duration;

/// The shortest `--watch --interval`: back-to-back LISTs would load the API server.
pub const MIN_WATCH_INTERVAL: Duration = Duration::from_secs(1);

/// `kubectl doctor`.
#[derive(Parser, Debug)]
#[command(
    name = "kubectl-doctor",
    bin_name = "kubectl doctor",
    version = shared::VERSION,
    long_version = shared::LONG_VERSION,
    about = "Cluster health in seconds: diagnostics, audit, a score and CI gates",
    long_about = "Cluster health in seconds: diagnostics (nodes, pods, workloads, networking, storage, autoscaling, \
control plane, events), a best-practice and security audit, a score per section, and CI gates.\n\n\
Without a view it runs everything. Scope as kubectl: -n NAMESPACE (default: the context's), -A for all \
namespaces, -l to filter by label. Cluster-scoped checks (nodes, volumes, control plane) always run; \
kinds you may not list are skipped with a warning, their sections are shown as not checked, and the \
gates (--min-score, --fail-on) fail on them unless --allow-partial.",
    after_help = "Examples:\n  kubectl doctor -A\n  kubectl doctor healthcheck -A\n  kubectl doctor -A --fail-on warning --min-score 85 -o json > report.json\n\n".to_string() + shared::exit::HELP,
    args_conflicts_with_subcommands = false
)]
pub struct Cli {
    /// What to run (default: everything).
    #[command(subcommand)]
    pub view: Option<View>,
    #[command(flatten)]
    pub kube: KubeArgs,
    #[command(flatten)]
    pub output: OutputArgs<Format>,
    /// Report flags of the default view (all sections).
    #[command(flatten)]
    pub doctor: DoctorArgs,
}

/// The views.
#[derive(Subcommand, Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// A fast summary: nodes, pods, workloads and the control plane; critical findings and the score.
    #[command(
        after_help = "The score covers the four sections it checks (named under the table); the full run also scores networking, storage, autoscaling and the audit.\n\nExamples:\n  kubectl doctor healthcheck -A\n  kubectl doctor healthcheck -A --min-score 90"
    )]
    Healthcheck(DoctorArgs),
    /// Every diagnostic finding (everything but the audit).
    #[command(
        after_help = "Examples:\n  kubectl doctor diagnostics -n shop\n  kubectl doctor diagnostics -A -o sarif > doctor.sarif"
    )]
    Diagnostics(DoctorArgs),
    /// Best-practice and security audit of workload templates.
    #[command(
        after_help = "Examples:\n  kubectl doctor audit -n shop\n  kubectl doctor audit -A --fail-on warning -o junit > audit.xml"
    )]
    Audit(DoctorArgs),
    /// List every check: id, section, severity, what it finds.
    #[command(after_help = "Examples:\n  kubectl doctor checks\n  kubectl doctor checks -o json")]
    Checks,
    /// Plan the safe fixes (restart crash-looping workloads, delete Evicted and Failed pods); --apply carries them out.
    #[command(
        after_help = "Dry-run by default: prints the plan with the equivalent kubectl commands and changes nothing.\n\
With --apply each action is recorded as an Event on the object and a JSON line on stderr; SIGINT, SIGTERM \
and SIGHUP stop it between actions.\nExit code 1 when an applied action failed.\n\n\
Examples:\n  kubectl doctor heal -A\n  kubectl doctor heal -n shop --apply\n  kubectl doctor heal -n shop -o json"
    )]
    Heal(HealArgs),
}

/// `kubectl doctor heal` flags.
#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct HealArgs {
    /// Carry out the plan (default: print it and change nothing).
    #[arg(long)]
    pub apply: bool,
    /// At most this many actions per run.
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub max_actions: u16,
    /// A workload's last restart must be this recent to count; also the cooldown after heal restarted it.
    #[arg(long, default_value = "1h", value_name = "DURATION", value_parser = shared::duration::at_least(Duration::from_secs(1)))]
    pub window: Duration,
    /// Allow actions in a protected namespace (kube-system, kube-public, kube-node-lease). Repeatable.
    #[arg(long, value_name = "NAMESPACE")]
    pub allow_namespace: Vec<String>,
    /// Config file with thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Restarts at which a workload is restarted (default 5, or the config file's).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i32).range(1..))]
    pub restart_threshold: Option<i32>,
}

/// `-o` formats of the doctor.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Findings and score as kubectl-style tables.
    #[default]
    Table,
    /// Tables with the remediation hint.
    Wide,
    /// The DoctorReport envelope as JSON (JSON Lines when watching).
    Json,
    /// The DoctorReport envelope as YAML.
    Yaml,
    /// JUnit XML: a test suite per section, a failing test case per finding.
    Junit,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

impl shared::cli::Format for Format {
    fn is_structured(&self) -> bool {
        matches!(self, Self::Json | Self::Yaml | Self::Junit | Self::Sarif)
    }
}

impl Format {
    /// Its name, as `-o` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Wide => "wide",
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Junit => "junit",
            Format::Sarif => "sarif",
        }
    }
}

/// The report flags.
#[derive(Args, Debug, Clone, Default, PartialEq, Eq)]
#[command(next_help_heading = "Doctor options")]
pub struct DoctorArgs {
    /// Run only these checks or sections (comma-separated ids or section names).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub checks: Vec<String>,

    /// Skip these checks or sections (comma-separated ids or section names).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub skip: Vec<String>,

    /// Exit 1 when a finding at or above this severity remains after suppressions [default: critical].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// Exit 1 when the overall score is below N (0-100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min_score: Option<u8>,

    /// Let --min-score and --fail-on pass on what could be checked when some sections could not be (forbidden kinds).
    #[arg(long)]
    pub allow_partial: bool,

    /// Config file with exclusions and thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Suppress findings: CHECK, CHECK@NAMESPACE or CHECK@NAMESPACE/NAME (globs; `*` = any check). Repeatable.
    #[arg(long, value_name = "RULE")]
    pub exclude: Vec<String>,

    /// Restarts at which a container is reported (default 5, or the config file's).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i32).range(1..))]
    pub restart_threshold: Option<i32>,

    /// Keep watching: rerun every --interval and print findings as they appear and clear (-o table, wide or json).
    #[arg(long)]
    pub watch: bool,

    /// How often --watch reruns the checks (at least 1s) [default: 10s].
    #[arg(long, value_name = "DURATION", value_parser = shared::duration::at_least(MIN_WATCH_INTERVAL), requires = "watch")]
    pub interval: Option<Duration>,

    /// With --watch, stop after N rounds (default: until interrupted).
    #[arg(long, value_name = "N", hide = true)]
    pub watch_count: Option<u32>,

    /// Also write a self-contained HTML report to FILE.
    #[arg(long, value_name = "FILE", conflicts_with = "watch")]
    pub html: Option<PathBuf>,

    /// How long Terminating or Pending may last before it counts as stuck [default: 5m].
    #[arg(long, value_name = "DURATION", value_parser = shared::duration::parse)]
    pub stuck_after: Option<Duration>,

    /// How far back Warning events are summarised (default 1h, or the config file's).
    #[arg(long, value_name = "DURATION", value_parser = shared::duration::parse)]
    pub event_window: Option<Duration>,
}

impl DoctorArgs {
    /// These flags, with `outer`'s (given before the subcommand) where these have none.
    pub fn over(&self, outer: &DoctorArgs) -> DoctorArgs {
        let list = |a: &Vec<String>, b: &Vec<String>| -> Vec<String> {
            b.iter().chain(a.iter()).cloned().collect()
        };
        DoctorArgs {
            checks: list(&self.checks, &outer.checks),
            skip: list(&self.skip, &outer.skip),
            fail_on: self.fail_on.or(outer.fail_on),
            min_score: self.min_score.or(outer.min_score),
            allow_partial: self.allow_partial || outer.allow_partial,
            config: self.config.clone().or_else(|| outer.config.clone()),
            exclude: list(&self.exclude, &outer.exclude),
            restart_threshold: self.restart_threshold.or(outer.restart_threshold),
            watch: self.watch || outer.watch,
            interval: self.interval.or(outer.interval),
            watch_count: self.watch_count.or(outer.watch_count),
            html: self.html.clone().or_else(|| outer.html.clone()),
            stuck_after: self.stuck_after.or(outer.stuck_after),
            event_window: self.event_window.or(outer.event_window),
        }
    }

    /// The gates these flags set.
    pub fn gates(&self) -> crate::Gates {
        crate::Gates {
            fail_on: self.fail_on.unwrap_or_default(),
            fail_on_given: self.fail_on.is_some(),
            min_score: self.min_score,
            allow_partial: self.allow_partial,
        }
    }

    /// `--interval`, or its default.
    pub fn interval(&self) -> Duration {
        self.interval.unwrap_or(Duration::from_secs(10))
    }

    /// Refuses combinations that would silently do something else than asked.
    pub fn check(&self, format: Format) -> Result<(), Error> {
        if self.watch && !matches!(format, Format::Table | Format::Wide | Format::Json) {
            return Err(Error::usage(
                format!("--watch cannot write -o {}", format.name()),
                "--watch prints changes as they happen: use -o table, wide or json (JSON Lines)",
            ));
        }
        Ok(())
    }
}

impl Cli {
    /// The view to run and its effective report flags. Report flags given before `checks` or
    /// `heal` would be ignored there: a usage error.
    pub fn view_and_args(&self) -> Result<(Option<&View>, DoctorArgs), Error> {
        match &self.view {
            None => Ok((None, self.doctor.clone())),
            Some(v @ (View::Healthcheck(a) | View::Diagnostics(a) | View::Audit(a))) => {
                Ok((Some(v), a.over(&self.doctor)))
            }
            Some(v @ (View::Checks | View::Heal(_))) => {
                if self.doctor != DoctorArgs::default() {
                    let name = if matches!(v, View::Checks) {
                        "checks"
                    } else {
                        "heal"
                    };
                    return Err(Error::usage(
                        format!(
                            "report flags (--fail-on, --watch, --html, --checks...) do not apply to `kubectl doctor {name}`"
                        ),
                        format!("see `kubectl doctor {name} --help` for the flags it takes"),
                    ));
                }
                Ok((Some(v), DoctorArgs::default()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn each_view_takes_only_its_flags() {
        let parse = |args: &[&str]| Cli::try_parse_from(args.iter().copied());
        assert!(parse(&["d", "checks", "--watch"]).is_err());
        assert!(parse(&["d", "heal", "--html", "x.html"]).is_err());
        assert!(parse(&["d", "heal", "--watch"]).is_err());
        assert!(parse(&["d", "--watch", "--interval", "0s"]).is_err());
        assert!(
            parse(&["d", "--watch", "--interval", "10"]).is_err(),
            "a unit is required"
        );
        assert!(parse(&["d", "--restart-threshold", "0"]).is_err());
        let top = parse(&["d", "--fail-on", "warning", "checks"]).expect("parses");
        assert!(top.view_and_args().is_err());
        let merged =
            parse(&["d", "--min-score", "80", "audit", "--fail-on", "warning"]).expect("parses");
        let (_, args) = merged.view_and_args().expect("merged");
        assert_eq!(
            (args.min_score, args.fail_on),
            (Some(80), Some(FailOn::Warning))
        );
        assert!(args.check(Format::Junit).is_ok(), "junit without --watch");
        let watch = DoctorArgs {
            watch: true,
            ..Default::default()
        };
        assert!(watch.check(Format::Junit).is_err());
        assert!(watch.check(Format::Json).is_ok());
        let help = Cli::command()
            .find_subcommand_mut("checks")
            .map(|c| c.render_long_help().to_string())
            .unwrap_or_default();
        assert!(
            !help.contains("--watch") && !help.contains("--fail-on"),
            "{help}"
        );
    }
}
