//! The command line of `kubectl chaos` (clap only): one argument struct per fault, so each
//! subcommand takes and shows only its own flags, turned into the flat [`FaultSpec`] that
//! experiment files use too.

use crate::spec::FaultSpec;
use clap::{Args, Parser, Subcommand, ValueEnum};
use shared::cli::{KubeArgs, OutputArgs};
use std::path::PathBuf;
use std::time::Duration;

/// `kubectl chaos`.
#[derive(Parser, Debug)]
#[command(
    name = "kubectl-chaos",
    bin_name = "kubectl chaos",
    version = shared::VERSION,
    long_version = shared::LONG_VERSION,
    about = "Fault injection with a steady-state hypothesis and guaranteed rollback",
    long_about = "Fault injection with a steady-state hypothesis and guaranteed rollback, through the Kubernetes API \
only: nothing is installed in the cluster. Every fault is rolled back when it ends, on an error, on a failed \
hypothesis and on Ctrl-C, SIGTERM or SIGHUP; `kubectl chaos cleanup` rolls back what a killed run left.\n\n\
Safety: --dry-run prints the plan and changes nothing; kube-system, kube-public, kube-node-lease and namespaces \
labelled chaos.sre-toolkit.io/protected=true are refused unless named with --allow-namespace; --max-targets and \
--max-percent bound the blast radius; a target already marked by another run is refused; a terminal asks before \
injecting (--yes skips). Every action is an Event on its target and a JSON line on stderr.",
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
    #[command(flatten)]
    pub safety: SafetyArgs,
}

/// Subcommands.
#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Run an experiment file: hypothesis before, method of faults, hypothesis after; exit 1 when it failed.
    #[command(
        after_help = "Examples:\n  kubectl chaos run experiment.yaml -n shop\n  kubectl chaos run experiment.yaml -n shop --dry-run -o json"
    )]
    Run {
        /// The experiment (YAML, chaos.sre-toolkit.io/v1alpha1 Experiment).
        file: PathBuf,
    },
    /// Delete pods (--count/--percent/--all; repeat with --interval and --duration).
    #[command(
        after_help = "Examples:\n  kubectl chaos pod-kill -l app=web -n shop --count 1\n  kubectl chaos pod-kill -l app=web -n shop --percent 30% --interval 30s --duration 5m\n  kubectl chaos pod-kill -l app=web -n shop --all --dry-run"
    )]
    PodKill(PodKillArgs),
    /// Kill a container's main process (ephemeral container sharing its process namespace).
    #[command(
        after_help = "Examples:\n  kubectl chaos container-kill -l app=web -n shop --container app\n  kubectl chaos container-kill -l app=web -n shop --percent 50"
    )]
    ContainerKill(ContainerKillArgs),
    /// Make pods fail for --duration (their images swapped for one that cannot be pulled), then restore.
    #[command(
        after_help = "Examples:\n  kubectl chaos pod-failure -l app=web -n shop --duration 2m\n  kubectl chaos pod-failure -l app=web -n shop --all --duration 30s --dry-run"
    )]
    PodFailure(HoldArgs),
    /// Cordon nodes (-l selects nodes) for --duration.
    #[command(
        after_help = "Examples:\n  kubectl chaos node-cordon -l pool=spot --count 1 --duration 10m"
    )]
    NodeCordon(HoldArgs),
    /// Cordon and drain nodes (evictions respect PodDisruptionBudgets), uncordon after --duration.
    #[command(
        after_help = "Examples:\n  kubectl chaos node-drain -l pool=spot --count 1 --duration 10m\n  kubectl chaos node-drain -l kubernetes.io/hostname=n7 --all --duration 5m --evict-timeout 1m"
    )]
    NodeDrain(NodeDrainArgs),
    /// Scale --workload deployment/NAME to --replicas (default 0) for --duration, then back.
    #[command(
        after_help = "Examples:\n  kubectl chaos scale --workload deployment/web -n shop --duration 1m\n  kubectl chaos scale --workload statefulset/db -n shop --replicas 1 --duration 5m"
    )]
    Scale(ScaleArgs),
    /// Add --latency/--jitter/--loss/--bandwidth-kbit to pods for --duration (tc in an ephemeral container with NET_ADMIN).
    #[command(
        after_help = "Examples:\n  kubectl chaos network -l app=web -n shop --latency 100ms --jitter 20ms --duration 2m\n  kubectl chaos network -l app=web -n shop --loss 10% --duration 1m"
    )]
    Network(NetworkArgs),
    /// CPU (--cpu threads) and memory (--memory-mib) stress in pods for --duration (ephemeral container).
    #[command(
        after_help = "Examples:\n  kubectl chaos stress -l app=web -n shop --cpu 2 --memory-mib 256 --duration 1m"
    )]
    Stress(StressArgs),
    /// Roll back what killed runs left behind (in -n's namespace, or -A; all runs, or RUN).
    #[command(
        after_help = "A run whose process is still alive (its heartbeat annotation has not expired) is skipped \
unless --force.\n\nExamples:\n  kubectl chaos cleanup -n shop --dry-run\n  kubectl chaos cleanup chaos-20261202-101500-1a2b -A\n  kubectl chaos cleanup -n shop --force"
    )]
    Cleanup(CleanupArgs),
}

/// `kubectl-chaos stress-worker`: what the stress fault's ephemeral container runs. Not a
/// subcommand of [`Cli`] (so it never shows in help, suggestions or completion); `main`
/// dispatches to it by the first argument.
#[derive(Parser, Debug, Clone)]
#[command(name = "kubectl-chaos stress-worker", version = shared::VERSION)]
pub struct StressWorker {
    /// Busy threads.
    #[arg(long, default_value_t = 1)]
    pub cpu: u32,
    /// Memory, MiB.
    #[arg(long, default_value_t = 0)]
    pub memory_mib: u64,
    /// How long.
    #[arg(long, value_parser = shared::duration::parse)]
    pub duration: Duration,
}

/// The first argument that runs [`StressWorker`].
pub const STRESS_WORKER: &str = "stress-worker";

/// `kubectl chaos cleanup` flags.
#[derive(Args, Debug, Clone)]
pub struct CleanupArgs {
    /// Run id (default: every run found in scope).
    pub run: Option<String>,
    /// Roll back runs whose process is still alive too.
    #[arg(long)]
    pub force: bool,
}

/// Which pods (or, for node faults, which nodes).
#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "Targets")]
pub struct Targets {
    /// Label selector of the targets (pods; nodes for node faults). Required unless --all.
    #[arg(short = 'l', long = "selector", value_name = "SELECTOR", value_parser = shared::selector::parse_labels)]
    pub selector: Option<String>,
    /// Pick N of the matching targets (default 1).
    #[arg(long, value_name = "N", conflicts_with_all = ["percent", "all"])]
    pub count: Option<usize>,
    /// Pick this share of the matching targets (30 or 30%).
    #[arg(long, value_name = "PERCENT", value_parser = shared::percent::parse, conflicts_with = "all")]
    pub percent: Option<f64>,
    /// Every matching target (without -l: every pod in the namespace, or every node).
    #[arg(long)]
    pub all: bool,
}

impl Targets {
    fn spec(&self) -> FaultSpec {
        FaultSpec {
            selector: self.selector.clone(),
            count: self.count,
            percent: self.percent,
            all: self.all,
            ..Default::default()
        }
    }
}

/// `pod-kill` flags.
#[derive(Args, Debug, Clone)]
pub struct PodKillArgs {
    #[command(flatten)]
    pub targets: Targets,
    /// Repeat every interval (with --duration).
    #[arg(long, value_name = "DURATION")]
    pub interval: Option<String>,
    /// How long to repeat (with --interval).
    #[arg(long, value_name = "DURATION")]
    pub duration: Option<String>,
    /// Grace period, seconds (default: the pod's).
    #[arg(long, value_name = "SECONDS")]
    pub grace_period: Option<i64>,
}

/// `container-kill` flags.
#[derive(Args, Debug, Clone)]
pub struct ContainerKillArgs {
    #[command(flatten)]
    pub targets: Targets,
    /// The container (default: the first).
    #[arg(long, value_name = "NAME")]
    pub container: Option<String>,
}

/// Flags of faults that hold for a while: `pod-failure`, `node-cordon`.
#[derive(Args, Debug, Clone)]
pub struct HoldArgs {
    #[command(flatten)]
    pub targets: Targets,
    /// How long the fault lasts.
    #[arg(long, value_name = "DURATION")]
    pub duration: Option<String>,
}

/// `node-drain` flags.
#[derive(Args, Debug, Clone)]
pub struct NodeDrainArgs {
    #[command(flatten)]
    pub hold: HoldArgs,
    /// How long an eviction a PodDisruptionBudget blocks is retried (default 30s).
    #[arg(long, value_name = "DURATION")]
    pub evict_timeout: Option<String>,
}

/// `scale` flags.
#[derive(Args, Debug, Clone)]
pub struct ScaleArgs {
    /// deployment/NAME or statefulset/NAME.
    #[arg(long, value_name = "KIND/NAME")]
    pub workload: Option<String>,
    /// Replicas during the fault (default 0).
    #[arg(long, value_name = "N")]
    pub replicas: Option<i32>,
    /// How long the fault lasts.
    #[arg(long, value_name = "DURATION")]
    pub duration: Option<String>,
}

/// `network` flags.
#[derive(Args, Debug, Clone)]
pub struct NetworkArgs {
    #[command(flatten)]
    pub hold: HoldArgs,
    /// Added latency (e.g. 100ms).
    #[arg(long, value_name = "DURATION")]
    pub latency: Option<String>,
    /// Jitter around the latency.
    #[arg(long, value_name = "DURATION")]
    pub jitter: Option<String>,
    /// Packet loss (10 or 10%).
    #[arg(long, value_name = "PERCENT", value_parser = shared::percent::parse)]
    pub loss: Option<f64>,
    /// Bandwidth limit, kbit/s.
    #[arg(long, value_name = "KBIT")]
    pub bandwidth_kbit: Option<u64>,
    /// The pod's network device (default eth0).
    #[arg(long, value_name = "DEVICE")]
    pub device: Option<String>,
}

/// `stress` flags.
#[derive(Args, Debug, Clone)]
pub struct StressArgs {
    #[command(flatten)]
    pub hold: HoldArgs,
    /// Busy threads.
    #[arg(long, value_name = "N")]
    pub cpu: Option<u32>,
    /// Memory to hold, MiB.
    #[arg(long, value_name = "MIB")]
    pub memory_mib: Option<u64>,
}

impl HoldArgs {
    fn spec(&self) -> FaultSpec {
        FaultSpec {
            duration: self.duration.clone(),
            ..self.targets.spec()
        }
    }
}

impl Command {
    /// The fault a one-off subcommand names, as the flat spec experiments use.
    pub fn fault(&self) -> Option<(&'static str, FaultSpec)> {
        Some(match self {
            Command::PodKill(a) => (
                "pod-kill",
                FaultSpec {
                    interval: a.interval.clone(),
                    duration: a.duration.clone(),
                    grace_period: a.grace_period,
                    ..a.targets.spec()
                },
            ),
            Command::ContainerKill(a) => (
                "container-kill",
                FaultSpec {
                    container: a.container.clone(),
                    ..a.targets.spec()
                },
            ),
            Command::PodFailure(a) => ("pod-failure", a.spec()),
            Command::NodeCordon(a) => ("node-cordon", a.spec()),
            Command::NodeDrain(a) => (
                "node-drain",
                FaultSpec {
                    evict_timeout: a.evict_timeout.clone(),
                    ..a.hold.spec()
                },
            ),
            Command::Scale(a) => (
                "scale",
                FaultSpec {
                    workload: a.workload.clone(),
                    replicas: a.replicas,
                    duration: a.duration.clone(),
                    ..Default::default()
                },
            ),
            Command::Network(a) => (
                "network",
                FaultSpec {
                    latency: a.latency.clone(),
                    jitter: a.jitter.clone(),
                    loss: a.loss,
                    bandwidth_kbit: a.bandwidth_kbit,
                    device: a.device.clone(),
                    ..a.hold.spec()
                },
            ),
            Command::Stress(a) => (
                "stress",
                FaultSpec {
                    cpu: a.cpu,
                    memory_mib: a.memory_mib,
                    ..a.hold.spec()
                },
            ),
            Command::Run { .. } | Command::Cleanup(_) => return None,
        })
    }
}

/// Safety flags.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Safety")]
pub struct SafetyArgs {
    /// Print exactly what would be done; change nothing.
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// Do not ask for confirmation on a terminal.
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
    /// Allow a protected namespace. Repeatable.
    #[arg(long, global = true, value_name = "NAMESPACE")]
    pub allow_namespace: Vec<String>,
    /// The most targets one fault may touch.
    #[arg(long, global = true, default_value_t = 10, value_name = "N")]
    pub max_targets: usize,
    /// The largest share of the matching targets one fault may touch (100 or 100%).
    #[arg(long, global = true, default_value = "100", value_name = "PERCENT", value_parser = shared::percent::parse)]
    pub max_percent: f64,
    /// Allow faults on control-plane nodes.
    #[arg(long, global = true)]
    pub allow_control_plane: bool,
    /// Image of the ephemeral containers (needs tc and kubectl-chaos).
    #[arg(long, global = true, value_name = "IMAGE", default_value_t = format!("ghcr.io/sre-toolkit/runner:v{}", shared::VERSION))]
    pub image: String,
    /// Seed of the random choice of targets (default: the clock).
    #[arg(long, global = true, value_name = "N")]
    pub seed: Option<u64>,
    /// How long a one-off pod-kill waits for the workloads to recover.
    #[arg(long, global = true, default_value = "2m", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub recovery_timeout: Duration,
}

/// `-o` formats.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Tables.
    #[default]
    Table,
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

impl shared::cli::Format for Format {
    fn is_structured(&self) -> bool {
        !matches!(self, Self::Table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn each_fault_takes_only_its_own_flags() {
        let parse = |args: &[&str]| Cli::try_parse_from(args.iter().copied());
        assert!(
            parse(&[
                "c",
                "scale",
                "--workload",
                "deployment/web",
                "--latency",
                "1s"
            ])
            .is_err()
        );
        assert!(parse(&["c", "pod-kill", "-l", "a=b", "--cpu", "1"]).is_err());
        assert!(
            parse(&[
                "c",
                "network",
                "-l",
                "a=b",
                "--loss",
                "10%",
                "--duration",
                "1m"
            ])
            .is_ok()
        );
        let help = Cli::command()
            .find_subcommand_mut("scale")
            .map(|c| c.render_long_help().to_string())
            .unwrap_or_default();
        assert!(
            help.contains("--workload") && !help.contains("--latency"),
            "{help}"
        );
        let cli = parse(&["c", "pod-kill", "-l", "a=b", "--percent", "30%"]).expect("parses");
        let (name, spec) = cli.command.fault().expect("a fault");
        assert_eq!((name, spec.percent), ("pod-kill", Some(30.0)));
        assert!(parse(&["c", "pod-kill", "-l", "app in ("]).is_err());
    }
}
