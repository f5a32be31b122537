//! `kubectl chaos`: fault injection with a steady-state hypothesis and guaranteed rollback,
//! through the API only (no CRDs, no operator, no privileged DaemonSet). [`fault`] holds
//! the faults and the safety rules, [`inject`] carries them out and back, [`execute`] runs
//! experiments ([`probe`]s before, during and after), [`netem`] and [`stress`] are what the
//! ephemeral containers run.

pub mod execute;
pub mod fault;
pub mod inject;
pub mod netem;
pub mod probe;
pub mod spec;
pub mod stress;

use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};
use execute::{Executor, FaultReport, Stop};
use fault::{ROLLBACK_ANNOTATION, RUN_LABEL, Safety};
use inject::{Injector, Rollback};
use shared::cli::{KubeArgs, OutputArgs};
use shared::cluster::Cluster;
use shared::error::Error;
use shared::run::{Context, Outcome};
use spec::FaultSpec;
use std::io::{BufRead, IsTerminal, Write};
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
hypothesis and on Ctrl-C; `kubectl chaos cleanup` rolls back what a killed run left.\n\n\
Safety: --dry-run prints the plan and changes nothing; kube-system, kube-public, kube-node-lease and namespaces \
labelled chaos.sre-toolkit.io/protected=true are refused unless named with --allow-namespace; --max-targets and \
--max-percent bound the blast radius; a terminal asks before injecting (--yes skips). Every action is an Event on \
its target and a JSON line on stderr.",
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
    Run {
        /// The experiment (YAML, chaos.sre-toolkit.io/v1alpha1 Experiment).
        file: PathBuf,
    },
    /// Delete pods (--count/--percent/--all; repeat with --interval and --duration).
    PodKill(FaultSpec),
    /// Kill a container's main process (ephemeral container sharing its process namespace).
    ContainerKill(FaultSpec),
    /// Make pods fail for --duration (their images swapped for one that cannot be pulled), then restore.
    PodFailure(FaultSpec),
    /// Cordon nodes (-l selects nodes) for --duration.
    NodeCordon(FaultSpec),
    /// Cordon and drain nodes (evictions respect PodDisruptionBudgets), uncordon after --duration.
    NodeDrain(FaultSpec),
    /// Scale --workload deployment/NAME to --replicas (default 0) for --duration, then back.
    Scale(FaultSpec),
    /// Add --latency/--jitter/--loss/--bandwidth-kbit to pods for --duration (tc in an ephemeral container with NET_ADMIN).
    Network(FaultSpec),
    /// CPU (--cpu threads) and memory (--memory-mib) stress in pods for --duration (ephemeral container).
    Stress(FaultSpec),
    /// Roll back what runs left behind (all runs, or RUN).
    Cleanup {
        /// Run id.
        run: Option<String>,
    },
    /// The stress worker the stress fault's ephemeral container runs.
    #[command(hide = true)]
    StressWorker {
        /// Busy threads.
        #[arg(long, default_value_t = 1)]
        cpu: u32,
        /// Memory, MiB.
        #[arg(long, default_value_t = 0)]
        memory_mib: u64,
        /// How long.
        #[arg(long, value_parser = shared::duration::parse)]
        duration: Duration,
    },
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
    /// The largest share of the matching targets one fault may touch.
    #[arg(long, global = true, default_value_t = 100.0, value_name = "PERCENT")]
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

fn confirm(what: &str, s: &SafetyArgs, ctx: &Context) -> Result<(), Error> {
    if s.yes || s.dry_run || !std::io::stdin().is_terminal() {
        return Ok(());
    }
    ctx.note(&format!("{what}\nProceed? [y/N] "));
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    if matches!(line.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(Error::usage(
            "not confirmed: nothing was done",
            "answer y, or pass --yes",
        ))
    }
}

fn write<T: serde::Serialize>(
    format: Format,
    value: &T,
    table: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => shared::output::write_json(&mut out, value)?,
        Format::Yaml => shared::output::write_yaml(&mut out, value)?,
        Format::Table => table(&mut out)?,
    }
    Ok(())
}

fn fault_table(w: &mut dyn Write, reports: &[FaultReport]) -> std::io::Result<()> {
    let rows: Vec<Vec<String>> = reports
        .iter()
        .flat_map(|r| {
            r.actions.iter().map(move |a| {
                vec![
                    r.fault.clone(),
                    a.verb.clone(),
                    shared::sanitize::for_terminal(&a.detail).into_owned(),
                    a.kubectl.clone(),
                ]
            })
        })
        .collect();
    write!(
        w,
        "{}",
        shared::output::table(&["fault", "action", "detail", "kubectl"], &rows, false)
    )?;
    for r in reports {
        let recovered = r
            .recovered_after_seconds
            .map(|s| format!("recovered after {s:.2}s"))
            .unwrap_or_else(|| "recovery not measured or not reached".into());
        let rollback = if r.rolled_back {
            "rolled back"
        } else if r.rollback_failures.is_empty() {
            "nothing to roll back"
        } else {
            "ROLLBACK FAILED"
        };
        writeln!(w, "{}: {rollback}; {recovered}", r.fault)?;
        for f in &r.rollback_failures {
            writeln!(w, "  not rolled back: {f}")?;
        }
    }
    Ok(())
}

fn safety(s: &SafetyArgs) -> Safety {
    Safety {
        allow_namespaces: s.allow_namespace.clone(),
        max_targets: s.max_targets,
        max_percent: s.max_percent,
        allow_control_plane: s.allow_control_plane,
    }
}

/// The executor of run `run` with the safety flags `s`.
fn executor<'a>(
    cluster: &'a Cluster,
    run: String,
    s: &SafetyArgs,
    ctx: &Context,
    probes: Option<(Vec<probe::Probe>, String, Duration, bool)>,
    recovery: Duration,
) -> Executor<'a> {
    Executor {
        injector: Injector {
            cluster,
            run,
            image: s.image.clone(),
            safety: safety(s),
            dry_run: s.dry_run,
            seed: seed(s),
        },
        interrupt: ctx.interrupt(),
        probes,
        recovery,
        kubeconfig: None,
    }
}

fn seed(s: &SafetyArgs) -> u64 {
    s.seed.unwrap_or_else(|| {
        jiff::Timestamp::now().as_nanosecond() as u64 ^ u64::from(std::process::id())
    })
}

/// Runs the parsed command line.
pub async fn run(cli: Cli, ctx: Context) -> Result<Outcome> {
    let format = cli.output.format;
    let s = &cli.safety;
    let (name, spec) = match &cli.command {
        Command::StressWorker {
            cpu,
            memory_mib,
            duration,
        } => {
            let (cpu, memory_mib, duration) = (*cpu, *memory_mib, *duration);
            tokio::task::spawn_blocking(move || stress::run(cpu, memory_mib, duration)).await?;
            return Ok(Outcome::Clean);
        }
        Command::Run { file } => return run_file(&cli, file, &ctx).await,
        Command::Cleanup { run } => return cleanup(&cli, run.as_deref(), &ctx).await,
        Command::PodKill(f) => ("pod-kill", f),
        Command::ContainerKill(f) => ("container-kill", f),
        Command::PodFailure(f) => ("pod-failure", f),
        Command::NodeCordon(f) => ("node-cordon", f),
        Command::NodeDrain(f) => ("node-drain", f),
        Command::Scale(f) => ("scale", f),
        Command::Network(f) => ("network", f),
        Command::Stress(f) => ("stress", f),
    };
    let bad = |m: String| Error::usage(m, format!("see kubectl chaos {name} --help"));
    // Bad flags are reported before the cluster is contacted.
    spec.to_fault(name, "default").map_err(bad)?;
    let cluster = Cluster::connect(&cli.kube).await?;
    let ns = cluster.one_namespace("a fault")?;
    let fault = spec.to_fault(name, &ns).map_err(bad)?;
    let run = shared::run_id("chaos");
    confirm(
        &format!("kubectl chaos {name} in namespace {ns} (run {run})"),
        s,
        &ctx,
    )?;
    let x = executor(&cluster, run, s, &ctx, None, s.recovery_timeout);
    let (report, stop, error) = x.run_fault(&fault).await;
    if let Some(e) = error {
        if !report.actions.is_empty() {
            ctx.warn(&format!(
                "{} action(s) were applied before the error and have been rolled back",
                report.actions.len()
            ));
        }
        return Err(e.into());
    }
    write(format, &report, |w| {
        fault_table(w, std::slice::from_ref(&report))
    })?;
    if stop == Err(Stop::Interrupted) {
        ctx.note("interrupted: the fault was rolled back");
        return Err(Error::Interrupted.into());
    }
    Ok(if report.rollback_failures.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

async fn run_file(cli: &Cli, file: &PathBuf, ctx: &Context) -> Result<Outcome> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        Error::usage(
            format!("cannot read {}: {e}", file.display()),
            "give an experiment YAML file",
        )
    })?;
    let bad = |m: String| {
        Error::usage(
            format!("experiment {}: {m}", file.display()),
            "see docs/output-schema.md for the Experiment format",
        )
    };
    // A malformed file is reported before the cluster is contacted.
    execute::parse(&text, "default").map_err(bad)?;
    let cluster = Cluster::connect(&cli.kube).await?;
    let ns = cluster.one_namespace("a fault")?;
    let plan = execute::parse(&text, &ns).map_err(bad)?;
    let ns = plan.experiment.namespace.clone().unwrap_or(ns);
    let s = &cli.safety;
    let run = shared::run_id("chaos");
    confirm(
        &format!(
            "experiment {} in namespace {ns} (run {run}): {} step(s)",
            plan.experiment.metadata.name,
            plan.steps.len()
        ),
        s,
        ctx,
    )?;
    let probes = (
        plan.experiment.steady_state.probes.clone(),
        ns.clone(),
        plan.interval,
        plan.experiment.steady_state.abort_on_failure,
    );
    let mut x = executor(&cluster, run, s, ctx, Some(probes), plan.recovery);
    x.kubeconfig = cli.kube.kubeconfig.clone();
    let report = execute::run_experiment(&x, &plan, &ns).await?;
    write(cli.output.format, &report, |w| {
        let mut rows: Vec<Vec<String>> = Vec::new();
        for (when, list) in [("before", &report.before), ("after", &report.after)] {
            for o in list {
                rows.push(vec![
                    when.into(),
                    o.probe.clone(),
                    if o.ok { "ok".into() } else { "FAILED".into() },
                    shared::sanitize::for_terminal(&o.detail).into_owned(),
                ]);
            }
        }
        write!(
            w,
            "{}",
            shared::output::table(&["when", "probe", "result", "detail"], &rows, false)
        )?;
        writeln!(w)?;
        fault_table(w, &report.faults)?;
        writeln!(w, "\nverdict: {} ({})", report.verdict, report.reason)
    })?;
    if report.verdict == "aborted" {
        return Err(Error::Interrupted.into());
    }
    Ok(if report.verdict == "passed" {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

/// Objects labelled by a run, with their rollback records.
async fn leftovers(cluster: &Cluster, run: Option<&str>) -> Result<Vec<(String, Rollback)>, Error> {
    use k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
    use k8s_openapi::api::core::v1::{Node, Pod};
    use kube::api::{Api, ListParams};
    let sel = match run {
        Some(r) => format!("{RUN_LABEL}={r}"),
        None => RUN_LABEL.to_string(),
    };
    let lp = ListParams::default().labels(&sel);
    let mut metas = Vec::new();
    macro_rules! collect {
        ($t:ty, $res:literal) => {
            match Api::<$t>::all(cluster.client.clone())
                .list_metadata(&lp)
                .await
            {
                Ok(l) => metas.extend(l.items.into_iter().map(|o| o.metadata)),
                Err(e) => return Err(cluster.api_error("list", $res, None)(e)),
            }
        };
    }
    collect!(Pod, "pods");
    collect!(Node, "nodes");
    collect!(Deployment, "deployments.apps");
    collect!(StatefulSet, "statefulsets.apps");
    Ok(metas
        .into_iter()
        .filter_map(|m| {
            let run = m.labels.as_ref()?.get(RUN_LABEL)?.clone();
            let rb =
                serde_json::from_str(m.annotations.as_ref()?.get(ROLLBACK_ANNOTATION)?).ok()?;
            Some((run, rb))
        })
        .collect())
}

async fn cleanup(cli: &Cli, run: Option<&str>, ctx: &Context) -> Result<Outcome> {
    let cluster = Cluster::connect(&cli.kube).await?;
    let found = leftovers(&cluster, run).await?;
    let s = &cli.safety;
    let mut rows = Vec::new();
    let mut failed = 0;
    for (r, rb) in &found {
        let o = rb.object();
        let what = format!(
            "{}{}",
            o.namespace
                .as_deref()
                .map(|n| format!("{n}/"))
                .unwrap_or_default(),
            o.kind_name()
        );
        let status = if s.dry_run {
            "would roll back".to_string()
        } else {
            let injector = Injector {
                cluster: &cluster,
                run: r.clone(),
                image: s.image.clone(),
                safety: safety(s),
                dry_run: false,
                seed: 0,
            };
            let errors = injector.rollback("cleanup", std::slice::from_ref(rb)).await;
            failed += errors.len();
            if errors.is_empty() {
                "rolled back".into()
            } else {
                format!("FAILED: {}", errors.join("; "))
            }
        };
        rows.push(vec![r.clone(), what, status]);
    }
    if rows.is_empty() {
        ctx.note("nothing to clean up");
    }
    let value: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| serde_json::json!({"run": r[0], "object": r[1], "status": r[2]}))
        .collect();
    write(cli.output.format, &value, |w| {
        if rows.is_empty() {
            Ok(())
        } else {
            write!(
                w,
                "{}",
                shared::output::table(&["run", "object", "status"], &rows, false)
            )
        }
    })?;
    Ok(if failed == 0 {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
