//! `kubectl load`: HTTP load tests. The quick form runs our raw-rate [`engine`] (open model
//! free of coordinated omission, or closed model); scenario files run user journeys on goose
//! ([`scenario`]). Runs go local or fan out to an Indexed Job of runner pods ([`cluster`],
//! [`runner`]) whose results are merged ([`result`]) before thresholds are judged
//! ([`threshold`]) and reported ([`report`], [`compare`]).

pub mod cli;
pub mod cluster;
pub mod compare;
pub mod engine;
pub mod fanout;
pub mod hist;
pub mod local;
pub mod report;
pub mod result;
pub mod runner;
pub mod scenario;
pub mod schedule;
pub mod serve;
pub mod spec;
pub mod target;
pub mod threshold;

use anyhow::Result;
pub use cli::{Cli, Command, Format, RunArgs};
use shared::cli::KubeArgs;
use shared::cluster::Cluster;
use shared::error::Error;
use shared::run::{Context, Outcome};
use spec::{Model, Request, RunSpec, Stage};
use std::io::Write;

/// A new run id: `load-YYYYMMDD-HHMMSS-xxxx`.
pub fn new_run_id() -> String {
    let now = jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::UTC);
    let nanos = now.timestamp().subsec_nanosecond();
    format!(
        "load-{}-{:04x}",
        now.strftime("%Y%m%d-%H%M%S"),
        (nanos as u32 ^ std::process::id()) & 0xffff
    )
}

fn read_body(body: &Option<String>) -> Result<String, Error> {
    match body.as_deref() {
        Some(b) if b.starts_with('@') => std::fs::read_to_string(&b[1..]).map_err(|e| {
            Error::usage(
                format!("cannot read body file {}: {e}", &b[1..]),
                "give --body @FILE with a readable file",
            )
        }),
        Some(b) => Ok(b.to_string()),
        None => Ok(String::new()),
    }
}

/// The model the flags ask for.
pub fn model(args: &RunArgs) -> Result<Model, Error> {
    if args.duration.is_zero() && args.stages.is_none() {
        return Err(Error::usage(
            "--duration must be above zero",
            "e.g. --duration 30s",
        ));
    }
    if args.scenario.is_some() && (args.rate.is_some() || args.stages.is_some()) {
        return Err(Error::usage(
            "scenarios run the closed model (goose has no arrival-rate executor): --rate and --stages do not apply",
            "use --users N with --scenario, or the quick form for an open model",
        ));
    }
    let connections = |peak: f64| {
        args.connections
            .unwrap_or_else(|| ((peak / 20.0).ceil() as usize).clamp(10, 2000))
    };
    let runners = usize::from(args.runners.unwrap_or(1));
    let feasible = |peak: f64, conns: usize| {
        engine::check_rate(peak, conns, runners).map_err(|m| {
            Error::usage(
                m,
                "lower --rate, raise --connections, or spread it over --runners N",
            )
        })
    };
    // clap rules out combining --rate, --users and --stages.
    if let Some(rate) = args.rate {
        feasible(rate, connections(rate))?;
        return Ok(Model::Open {
            start_rate: rate,
            stages: vec![Stage {
                duration: args.duration,
                target: rate,
            }],
            connections: connections(rate),
        });
    }
    if let Some(spec::Stages(stages)) = &args.stages {
        let peak = stages.iter().map(|s| s.target).fold(0.0, f64::max);
        feasible(peak, connections(peak))?;
        return Ok(Model::Open {
            start_rate: 0.0,
            stages: stages.clone(),
            connections: connections(peak),
        });
    }
    Ok({
        {
            let users = match (args.users, &args.scenario) {
                (Some(u), _) => u,
                (None, Some(_)) => 10,
                (None, None) => {
                    return Err(Error::usage(
                        "no load model: give --rate (open), --users (closed) or --stages (ramp)",
                        "e.g. kubectl load run URL --rate 100/s --duration 30s",
                    ));
                }
            };
            if users == 0 {
                return Err(Error::usage(
                    "--users must be at least 1",
                    "e.g. --users 10",
                ));
            }
            Model::Closed {
                users,
                duration: args.duration,
            }
        }
    })
}

/// kubectl's selection flags select nothing in a load run: refused rather than ignored.
fn refuse_selection_flags(kube: &KubeArgs, what: &str) -> Result<(), Error> {
    let given: Vec<&str> = [
        (kube.all_namespaces, "-A"),
        (kube.selector.is_some(), "-l"),
        (kube.field_selector.is_some(), "--field-selector"),
    ]
    .iter()
    .filter(|(set, _)| *set)
    .map(|(_, name)| *name)
    .collect();
    if given.is_empty() {
        return Ok(());
    }
    Err(Error::usage(
        format!("{what} does not take {}", given.join(", ")),
        "a load run has one target and one namespace (-n); name the target as svc/NAME:PORT or pod/NAME:PORT",
    ))
}

async fn run_command(
    kube: &KubeArgs,
    args: &RunArgs,
    format: Format,
    ctx: &Context,
) -> Result<Outcome> {
    refuse_selection_flags(kube, "kubectl load run")?;
    let model = model(args)?;
    let target = target::parse(&args.target)
        .map_err(|e| Error::usage(e, "e.g. http://host:8080/path, svc/web:80, pod/web-0:8080"))?;
    let local = args.local || (args.runners.is_none() && !target.in_cluster());
    let scenario = match &args.scenario {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::usage(
                    format!("cannot read --scenario {}: {e}", path.display()),
                    "give a readable YAML file",
                )
            })?;
            scenario::parse(&text).map_err(|e| {
                Error::usage(
                    format!("scenario {}: {e}", path.display()),
                    "see `kubectl load run --help` and docs/output-schema.md",
                )
            })?;
            Some(text)
        }
        None => None,
    };
    let cluster = if local && !target.in_cluster() {
        None
    } else {
        Some(Cluster::connect(kube).await?)
    };
    let url = match &cluster {
        Some(c) => {
            let ns = c.scope.namespace().unwrap_or("default").to_string();
            target::resolve(c, &ns, &target, !local).await?
        }
        None => args.target.clone(),
    };
    let spec = RunSpec {
        run: new_run_id(),
        target: args.target.clone(),
        request: Request {
            method: args.method.to_ascii_uppercase(),
            url,
            headers: args.headers.clone(),
            body: read_body(&args.body)?,
        },
        scenario,
        model,
        timeout: args.timeout,
        runners: if local {
            1
        } else {
            usize::from(args.runners.unwrap_or(1))
        },
    };
    engine::Target::new(&spec)
        .map_err(|e| Error::usage(e, "check the target and --method/--header"))?;
    match cluster {
        Some(c) if !local => fanout::run_cluster(&c, spec, args, format, ctx).await,
        _ => local::run_local(spec, args, format, ctx).await,
    }
}

/// The RBAC manifest (`kubectl load rbac`).
pub const RBAC: &str = include_str!("../../../manifests/load/rbac.yaml");

/// Runs the parsed command line.
pub async fn run(cli: Cli, ctx: Context) -> Result<Outcome> {
    let format = cli.output.format;
    match &cli.command {
        Command::Run(args) => run_command(&cli.kube, args, format, &ctx).await,
        Command::Target(t) => {
            if !(0.0..=100.0).contains(&t.error_percent) {
                return Err(shared::error::Error::usage(
                    format!(
                        "--error-percent {}% is not between 0% and 100%",
                        t.error_percent
                    ),
                    "e.g. --error-percent 5",
                )
                .into());
            }
            let defaults = serve::knobs::Knobs {
                delay: t.delay,
                jitter: t.jitter,
                status: t.status,
                error_status: t.error_status,
                error_percent: t.error_percent,
                size: t.size,
                close: t.close,
            };
            ctx.note(&format!(
                "serving: delay {:?} + up to {:?}, status {}, {}% errors ({}), {} bytes; override per request with ?delay=&jitter=&status=&percent=&size=&close=",
                t.delay, t.jitter, t.status, t.error_percent, t.error_status, t.size
            ));
            serve::serve(&t.listen, defaults, t.run_for).await?;
            Ok(Outcome::Clean)
        }
        Command::Rbac => {
            let ns = cli
                .kube
                .namespace
                .clone()
                .unwrap_or_else(|| "default".into());
            write!(
                std::io::stdout(),
                "{}",
                RBAC.replace("namespace: default", &format!("namespace: {ns}"))
            )?;
            Ok(Outcome::Clean)
        }
        Command::Compare {
            before,
            after,
            max_regression,
        } => compare::command(before, after, max_regression.as_deref(), format),
        Command::Status { run } => {
            let cluster = Cluster::connect(&cli.kube).await?;
            fanout::status(&cluster, run, format, cli.output.no_headers).await
        }
        Command::Results {
            run,
            threshold,
            html,
            no_wait,
        } => {
            let cluster = Cluster::connect(&cli.kube).await?;
            let (r, o, spec) = fanout::find_run(&cluster, run).await?;
            let unfinished = o.results.len() < spec.runners;
            let parts = if !unfinished {
                o.results.into_values().collect()
            } else if *no_wait {
                // Not an error of the user's: report what has arrived and say it is partial.
                ctx.warn(&format!(
                    "run {run} is not finished: {} of {} runners reported; the results below are partial (exit 1 until it is done)",
                    o.results.len(),
                    spec.runners
                ));
                let parts: Vec<result::RunResult> = o.results.into_values().collect();
                let report =
                    report::Report::new(&spec, "cluster", String::new(), &parts, threshold);
                report::finish(&report, format, html, &ctx)?;
                return Ok(Outcome::Problems);
            } else {
                let pb = shared::term::spinner(ctx.progress, "waiting for runners");
                let parts = fanout::collect(&r, &spec, &pb, None).await?;
                pb.finish_and_clear();
                parts.unwrap_or_default()
            };
            let report = report::Report::new(&spec, "cluster", String::new(), &parts, threshold);
            report::finish(&report, format, html, &ctx)
        }
        Command::Runner { run } => {
            // Checked before connecting: outside a runner pod this is a usage error.
            let index = runner::index_from_env()
                .map_err(|e| Error::usage(e, "runner mode is for the Job's pods"))?;
            let cluster = Cluster::connect(&cli.kube).await?;
            let namespace = cluster.one_namespace("a load run")?;
            runner::run(&cluster, run, &namespace, index).await?;
            Ok(Outcome::Clean)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_ids_are_dns_labels() {
        let id = new_run_id();
        assert!(id.starts_with("load-"));
        assert!(id.len() + "-result-999".len() <= 63);
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{id}"
        );
    }
}
