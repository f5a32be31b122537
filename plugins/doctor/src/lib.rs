//! `kubectl doctor`: cluster health in seconds. One paginated collection pass
//! ([`snapshot`]), pure checks over it ([`checks`], [`audit`]), a score ([`score`]) and a
//! report ([`report`]) in the suite's versioned envelope.

pub mod audit;
pub mod catalog;
pub mod checks;
pub mod cli;
pub mod cron;
mod diagnose;
pub mod finding;
pub mod formats;
pub mod gates;
pub mod heal;
pub mod quantity;
pub mod report;
pub mod score;
pub mod selection;
pub mod snapshot;
pub mod suppress;
mod watch;

use anyhow::Result;
use catalog::{CATEGORIES, CHECKS};
use checks::Options;
pub use cli::{Cli, DoctorArgs, Format, HealArgs, View};
use shared::cluster::Cluster;
use shared::error::Error;
use shared::run::{Context, Outcome};

use std::io::Write;
use std::time::{Duration, Instant};

use diagnose::{Diagnose, Diagnosis};
pub use gates::{Gates, gate_failure, outcome};
pub use selection::select;
pub use shared::finding::FailOn;

/// Runs the doctor.
pub async fn run(cli: Cli, ctx: Context) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (view, args) = cli.view_and_args()?;
    if view == Some(&View::Checks) {
        catalog::write(&mut out, cli.output.format, cli.output.no_headers)?;
        out.flush()?;
        return Ok(Outcome::Clean);
    }
    if let Some(View::Heal(heal_args)) = view {
        return heal::command::command(&cli, heal_args, &ctx, &mut out).await;
    }
    args.check(cli.output.format)?;
    let config = suppress::load(args.config.as_deref())?;
    let rules = args
        .exclude
        .iter()
        .map(|e| suppress::Rule::parse_flag(e))
        .collect::<Result<Vec<_>, _>>()?;
    let suppressions = suppress::Suppressions::new(&config, rules);
    let event_window = match (args.event_window, &config.event_window) {
        (Some(w), _) => w,
        (None, Some(text)) => shared::duration::parse(text).map_err(|e| {
            Error::usage(
                format!("config eventWindow: {e}"),
                "use a duration such as 1h",
            )
        })?,
        (None, None) => Duration::from_secs(3600),
    };
    let opts = Options {
        restart_threshold: args
            .restart_threshold
            .or(config.restart_threshold)
            .unwrap_or(5),
        event_window,
        label_filtered: cli.kube.selector.is_some(),
        stuck_after: args.stuck_after.unwrap_or(Duration::from_secs(300)),
    };
    let selected = selection::select(view, &args)?;
    if selected.is_empty() {
        return Err(Error::usage(
            "no checks selected",
            "loosen --checks/--skip; list checks with `kubectl doctor checks`",
        )
        .into());
    }
    let kinds = selection::kinds_for(&selected);

    let started = Instant::now();
    let cluster = Cluster::connect(&cli.kube).await?;
    cluster.ensure_namespace_exists().await?;
    let run = Diagnose {
        cluster: &cluster,
        kinds: &kinds,
        selected: &selected,
        opts: &opts,
        suppressions: &suppressions,
        ctx: &ctx,
    };
    if args.watch {
        return watch::watch(&run, &args, cli.output.format, &mut out).await;
    }
    let Diagnosis {
        snap,
        findings,
        suppressed,
    } = run.once().await?;
    let sections: Vec<&str> = CATEGORIES
        .iter()
        .copied()
        .filter(|cat| {
            CHECKS
                .iter()
                .any(|c| c.category == *cat && selected.contains(c.id))
        })
        .collect();
    let score = score::compute(&snap, &sections, &findings, &selected);
    let view_name = match view {
        Some(View::Healthcheck(_)) => "healthcheck",
        Some(View::Diagnostics(_)) => "diagnostics",
        Some(View::Audit(_)) => "audit",
        _ => "all",
    };
    let metadata = report::Metadata {
        context: cluster.context.clone(),
        server: cluster.server.clone(),
        namespace: cluster.scope.namespace().unwrap_or("*").to_string(),
        view: view_name.into(),
        generated_at: snap.now.to_string(),
        duration_seconds: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        checks_run: selected.len(),
        suppressed,
        skipped: snap.skipped.clone(),
        score,
    };
    let report = report::envelope(metadata, findings);
    if let Some(path) = &args.html {
        std::fs::write(path, formats::html(&report)).map_err(|e| {
            Error::usage(
                format!("cannot write --html {}: {e}", path.display()),
                "pass a writable path",
            )
        })?;
    }
    let selected_ids: Vec<&str> = selected.iter().copied().collect();
    match cli.output.format {
        Format::Json => shared::output::write_json(&mut out, &report)?,
        Format::Yaml => shared::output::write_yaml(&mut out, &report)?,
        Format::Junit => formats::write_junit(&mut out, &report, &selected_ids)?,
        Format::Sarif => formats::write_sarif(&mut out, &report)?,
        f @ (Format::Table | Format::Wide) => {
            if report.items.is_empty() {
                let mut err = std::io::stderr().lock();
                writeln!(
                    err,
                    "No problems found ({} checks).",
                    report.metadata.checks_run
                )?;
            }
            report::write_table(
                &mut out,
                &report,
                ctx.stdout,
                f == Format::Wide,
                cli.output.no_headers,
                matches!(view, Some(View::Healthcheck(_))),
            )?;
        }
    }
    out.flush()?;
    match gate_failure(&report, &args.gates()) {
        Some(why) => {
            if !why.is_empty() {
                ctx.warn(&why);
            }
            Ok(Outcome::Problems)
        }
        None => Ok(Outcome::Clean),
    }
}
