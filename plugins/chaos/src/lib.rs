//! `kubectl chaos`: fault injection with a steady-state hypothesis and guaranteed rollback,
//! through the API only (no CRDs, no operator, no privileged DaemonSet). [`fault`] holds
//! the faults and the safety rules, [`inject`] carries them out and back, [`execute`] runs
//! experiments ([`probe`]s before, during and after), [`netem`] and [`stress`] are what the
//! ephemeral containers run.

pub mod cleanup;
pub mod cli;
pub mod execute;
pub mod fault;
pub mod inject;
pub mod marks;
pub mod netem;
pub mod probe;
pub mod spec;
pub mod stress;

use anyhow::Result;
pub use cli::{Cli, Command, Format, SafetyArgs};
use execute::{Executor, FaultReport, Stop};
use fault::Safety;
use inject::Injector;
use shared::cluster::Cluster;
use shared::error::Error;
use shared::run::{Context, Outcome};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

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

pub(crate) fn write<T: serde::Serialize>(
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

pub(crate) fn safety(s: &SafetyArgs) -> Safety {
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
        injector: {
            let warn_ctx = ctx.clone();
            Injector::new(
                cluster,
                run,
                s.image.clone(),
                safety(s),
                s.dry_run,
                seed(s),
                move |m| warn_ctx.warn(m),
            )
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
        Command::Run { file } => return run_file(&cli, file, &ctx).await,
        Command::Cleanup(args) => return cleanup::cleanup(&cli, args, &ctx).await,
        other => other
            .fault()
            .ok_or_else(|| anyhow::anyhow!("not a fault subcommand"))?,
    };
    let spec = &spec;
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
    let document = shared::output::Document::new("chaos", "v1alpha1", "FaultReport", &report);
    write(format, &document, |w| {
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
            format!("experiment {m}"),
            "see docs/output-schema.md for the Experiment format",
        )
    };
    let source = file.display().to_string();
    // A malformed file is reported before the cluster is contacted.
    execute::parse_file(&text, &source, "default").map_err(bad)?;
    let cluster = Cluster::connect(&cli.kube).await?;
    let ns = cluster.one_namespace("a fault")?;
    let plan = execute::parse_file(&text, &source, &ns).map_err(bad)?;
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
        if !report.faults.is_empty() {
            writeln!(w)?;
            fault_table(w, &report.faults)?;
        }
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
