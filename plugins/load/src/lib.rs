//! `kubectl load`: HTTP load tests. The quick form runs our raw-rate [`engine`] (open model
//! free of coordinated omission, or closed model); scenario files run user journeys on goose
//! ([`scenario`]). Runs go local or fan out to an Indexed Job of runner pods ([`cluster`],
//! [`runner`]) whose results are merged ([`result`]) before thresholds are judged
//! ([`threshold`]) and reported ([`report`], [`compare`]).

pub mod cli;
pub mod cluster;
pub mod compare;
pub mod engine;
pub mod hist;
pub mod report;
pub mod result;
pub mod runner;
pub mod scenario;
pub mod schedule;
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
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

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

fn fmt_ms(us: u64) -> String {
    format!("{:.2}ms", us as f64 / 1000.0)
}

/// Renders the report in `format`, writes `--html`, and returns the outcome.
fn finish(
    report: &report::Report,
    format: Format,
    html: &Option<PathBuf>,
    ctx: &Context,
) -> Result<Outcome> {
    let dropped = report.result.dropped_rate();
    if dropped > 0.01 {
        ctx.warn(&format!(
            "{} of {} scheduled requests ({:.1}%) were never sent: the generator could not keep the schedule (add --connections or --runners); --threshold 'dropped<1%' fails such a run",
            report.result.dropped,
            report.result.dropped + report.result.requests,
            dropped * 100.0
        ));
    }
    let mut out = std::io::stdout().lock();
    match format {
        Format::Table => report::render_table(&mut out, report, ctx.stdout)?,
        Format::Markdown => report::render_markdown(&mut out, report)?,
        Format::Json => shared::output::write_json(&mut out, report)?,
        Format::Yaml => shared::output::write_yaml(&mut out, report)?,
    }
    out.flush()?;
    if let Some(path) = html {
        std::fs::write(path, report::render_html(report)).map_err(|e| {
            Error::usage(
                format!("cannot write --html {}: {e}", path.display()),
                "give a writable path",
            )
        })?;
    }
    Ok(if report.passed() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

async fn run_local(
    spec: RunSpec,
    args: &RunArgs,
    format: Format,
    ctx: &Context,
) -> Result<Outcome> {
    let interrupt = ctx.interrupt();
    let started_at = jiff::Timestamp::now().to_string();
    let live = Arc::new(engine::Live::default());
    let target = engine::Target::new(&spec)
        .map_err(|e| Error::usage(e, "give an http:// or https:// URL"))?;
    engine::preflight(&target, Duration::from_secs(5))
        .await
        .map_err(|e| Error::Unreachable {
            message: e,
            hint: "is the target running and reachable from here? (use in-cluster runners for cluster-internal targets)".into(),
        })?;
    let pb = shared::term::spinner(ctx.progress, "starting");
    let total = spec.model.duration();
    let display = {
        let (live, pb) = (live.clone(), pb.clone());
        tokio::spawn(async move {
            let t0 = tokio::time::Instant::now();
            let mut last = 0u64;
            loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                let n = live.requests.load(Ordering::Relaxed);
                let e = live.errors.load(Ordering::Relaxed);
                let (p50, p99) = live
                    .recent
                    .lock()
                    .map(|mut h| {
                        let v = (h.quantile(0.5), h.quantile(0.99));
                        h.0.reset();
                        v
                    })
                    .unwrap_or_default();
                pb.set_message(format!(
                    "{}s/{}s  {}/s  errors {e}  p50 {}  p99 {}",
                    t0.elapsed().as_secs(),
                    total.as_secs(),
                    n - last,
                    fmt_ms(p50),
                    fmt_ms(p99)
                ));
                last = n;
            }
        })
    };
    let start = tokio::time::Instant::now();
    let work = async {
        match &spec.scenario {
            Some(text) => {
                let s =
                    scenario::parse(text).map_err(|e| Error::usage(e, "fix the scenario file"))?;
                let users = match spec.model {
                    Model::Closed { users, .. } => users,
                    Model::Open { .. } => 1,
                };
                scenario::run(&s, &spec.request.url, users, total, spec.timeout)
                    .await
                    .map_err(|e| anyhow::anyhow!(e))
            }
            None => engine::run(&spec, 0, 1, start, live.clone())
                .await
                .map_err(|e| anyhow::anyhow!(e)),
        }
    };
    tokio::pin!(work);
    let result = tokio::select! {
        r = &mut work => r,
        _ = interrupt.wait() => {
            // Stop sending; report what was measured so far, then exit 130.
            live.stop.store(true, Ordering::Relaxed);
            work.await
        }
    };
    display.abort();
    pb.finish_and_clear();
    let result = result?;
    let report = report::Report::new(&spec, "local", started_at, &[result], &args.threshold);
    let outcome = finish(&report, format, &args.html, ctx)?;
    if interrupt.fired() {
        return Err(Error::Interrupted.into());
    }
    Ok(outcome)
}

async fn wait_running(
    run: &cluster::ClusterRun<'_>,
    n: usize,
    timeout: Duration,
    pb: &indicatif::ProgressBar,
) -> Result<(), Error> {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let o = run.observe().await?;
        let running = o.phases.get("Running").copied().unwrap_or(0);
        pb.set_message(format!(
            "waiting for {n} runner pods: {running} Running ({:?})",
            o.phases
        ));
        if running >= n {
            return Ok(());
        }
        if let Some(failed) = o.phases.get("Failed") {
            return Err(Error::usage(
                format!("{failed} runner pod(s) failed before the start"),
                format!(
                    "kubectl describe pods -n {} -l {}={}",
                    run.namespace,
                    cluster::RUN_LABEL,
                    run.run
                ),
            ));
        }
        if tokio::time::Instant::now() > deadline {
            return Err(Error::Unreachable {
                message: format!(
                    "only {running} of {n} runner pods Running after {}",
                    shared::duration::human(timeout)
                ),
                hint: format!(
                    "kubectl get pods -n {} -l {}={} (image pull? quota? --start-timeout)",
                    run.namespace,
                    cluster::RUN_LABEL,
                    run.run
                ),
            });
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Waits for every runner's result, showing the merged progress; `None` when interrupted.
async fn collect(
    run: &cluster::ClusterRun<'_>,
    spec: &RunSpec,
    pb: &indicatif::ProgressBar,
    interrupt: Option<&shared::run::Interrupt>,
) -> Result<Option<Vec<result::RunResult>>> {
    let n = spec.runners;
    let deadline = tokio::time::Instant::now()
        + spec.model.duration()
        + Duration::from_secs(120)
        + spec.timeout;
    let t0 = tokio::time::Instant::now();
    loop {
        if interrupt.is_some_and(|i| i.fired()) {
            return Ok(None);
        }
        let o = run.observe().await?;
        if let Some((i, e)) = o.failures.iter().next() {
            return Err(Error::usage(
                format!("runner {i} failed: {e}"),
                "fix the run and start it again",
            )
            .into());
        }
        if o.results.len() >= n {
            return Ok(Some(o.results.into_values().collect()));
        }
        let requests: u64 = o.progress.values().map(|p| p.requests).sum();
        let errors: u64 = o.progress.values().map(|p| p.errors).sum();
        let p99 = o.progress.values().map(|p| p.p99).fold(0.0, f64::max);
        let missing: Vec<String> = (0..n)
            .filter(|i| !o.results.contains_key(i))
            .map(|i| i.to_string())
            .collect();
        let overdue = t0.elapsed() > spec.model.duration() + engine::drain(spec.timeout);
        let waiting = if overdue {
            // Past the planned end: say who is late and what their pods are doing.
            format!(
                "  waiting for runner(s) {} (pods: {:?})",
                missing.join(", "),
                o.phases
            )
        } else {
            String::new()
        };
        pb.set_message(format!(
            "{}s  {} requests, {errors} errors, p99 ≤ {p99:.2}ms (max of runners)  {}/{n} runners done{waiting}",
            t0.elapsed().as_secs(),
            requests,
            o.results.len()
        ));
        if tokio::time::Instant::now() > deadline {
            return Err(Error::Unreachable {
                message: format!(
                    "{} of {n} runners reported a result within {} of the planned end; runner(s) {} never did (pods: {:?})",
                    o.results.len(),
                    shared::duration::human(deadline.saturating_duration_since(t0).saturating_sub(spec.model.duration())),
                    missing.join(", "),
                    o.phases
                ),
                hint: format!(
                    "kubectl load status {0} -n {1}; kubectl logs -n {1} -l {2}={0}",
                    run.run,
                    run.namespace,
                    cluster::RUN_LABEL
                ),
            }
            .into());
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            _ = async { if let Some(i) = interrupt { i.wait().await } else { std::future::pending::<()>().await } } => {}
        }
    }
}

async fn run_cluster(
    cluster: &Cluster,
    spec: RunSpec,
    args: &RunArgs,
    format: Format,
    ctx: &Context,
) -> Result<Outcome> {
    let namespace = cluster.one_namespace("a load run")?;
    let run = cluster::ClusterRun {
        cluster,
        namespace: namespace.clone(),
        run: spec.run.clone(),
    };
    run.preflight(&args.service_account).await?;
    let interrupt = ctx.interrupt();
    let opts = cluster::JobOptions {
        image: args.image.clone(),
        service_account: args.service_account.clone(),
        ttl: args.ttl,
    };
    run.create(&spec, &opts).await?;
    ctx.note(&format!(
        "run {} started in namespace {namespace} ({} runners)",
        spec.run, spec.runners
    ));
    let pb = shared::term::spinner(ctx.progress, "waiting for runner pods");
    let outcome = async {
        tokio::select! {
            r = wait_running(&run, spec.runners, args.start_timeout, &pb) => r?,
            _ = interrupt.wait() => return Ok(None),
        }
        let start_ms = cluster::now_ms() + 2000;
        run.start_at(start_ms).await?;
        let started_at = jiff::Timestamp::from_millisecond(start_ms)
            .map(|t| t.to_string())
            .unwrap_or_default();
        if args.detach {
            return Ok(Some((started_at, Vec::new())));
        }
        Ok(collect(&run, &spec, &pb, Some(&interrupt))
            .await?
            .map(|parts| (started_at, parts)))
    }
    .await;
    pb.finish_and_clear();
    let outcome: Option<(String, Vec<result::RunResult>)> = match outcome {
        Ok(o) => o,
        Err(e) => {
            let _ = run.delete().await;
            return Err(e);
        }
    };
    let Some((started_at, parts)) = outcome else {
        run.delete().await?;
        ctx.note(&format!(
            "interrupted: run {} stopped and its Job deleted",
            spec.run
        ));
        return Err(Error::Interrupted.into());
    };
    if args.detach {
        writeln!(std::io::stdout(), "{}", spec.run)?;
        ctx.note(&format!(
            "follow it with `kubectl load status {0} -n {namespace}` and `kubectl load results {0} -n {namespace}`",
            spec.run
        ));
        return Ok(Outcome::Clean);
    }
    let report = report::Report::new(&spec, "cluster", started_at, &parts, &args.threshold);
    finish(&report, format, &args.html, ctx)
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
        Some(c) if !local => run_cluster(&c, spec, args, format, ctx).await,
        _ => run_local(spec, args, format, ctx).await,
    }
}

/// An existing cluster run in the command's namespace: the handle, what it looks like now,
/// and its spec.
async fn find_run<'a>(
    cluster: &'a Cluster,
    run: &str,
) -> Result<(cluster::ClusterRun<'a>, cluster::Observed, RunSpec), Error> {
    let namespace = cluster.one_namespace("a load run")?;
    let r = cluster::ClusterRun {
        cluster,
        namespace: namespace.clone(),
        run: run.to_string(),
    };
    let o = r.observe().await?;
    let spec = o.spec.clone().ok_or_else(|| {
        Error::usage(
            format!("no run {run:?} in namespace {namespace:?}"),
            "runs are kept for --ttl (default 1h); check -n",
        )
    })?;
    Ok((r, o, spec))
}

/// The RBAC manifest (`kubectl load rbac`).
pub const RBAC: &str = include_str!("../../../manifests/load/rbac.yaml");

/// Runs the parsed command line.
pub async fn run(cli: Cli, ctx: Context) -> Result<Outcome> {
    let format = cli.output.format;
    match &cli.command {
        Command::Run(args) => run_command(&cli.kube, args, format, &ctx).await,
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
        } => {
            let read = |p: &PathBuf| -> Result<report::Report, Error> {
                let text = std::fs::read_to_string(p).map_err(|e| {
                    Error::usage(
                        format!("cannot read {}: {e}", p.display()),
                        "give two `-o json` reports",
                    )
                })?;
                serde_json::from_str(&text).map_err(|e| {
                    Error::usage(
                        format!("{} is not a LoadReport: {e}", p.display()),
                        "give two `kubectl load run -o json` outputs",
                    )
                })
            };
            let (a, b) = (read(before)?, read(after)?);
            let deltas = compare::compare(&a, &b);
            let mut out = std::io::stdout().lock();
            match format {
                Format::Json => shared::output::write_json(&mut out, &deltas)?,
                Format::Yaml => shared::output::write_yaml(&mut out, &deltas)?,
                _ => write!(
                    out,
                    "{}",
                    compare::render(&deltas, &a.metadata.run, &b.metadata.run)
                )?,
            }
            let limit = match max_regression {
                Some(s) => Some(
                    s.trim_end_matches('%')
                        .parse::<f64>()
                        .map(|v| v / 100.0)
                        .map_err(|_| {
                            Error::usage(
                                format!("--max-regression {s:?} is not a percentage"),
                                "e.g. --max-regression 10%",
                            )
                        })?,
                ),
                None => None,
            };
            let watched = ["requests/s", "error rate %", "p99 ms"];
            let regressed = limit.is_some_and(|l| {
                deltas
                    .iter()
                    .filter(|d| watched.contains(&d.metric.as_str()))
                    .any(|d| d.regressed(l))
            });
            Ok(if regressed {
                Outcome::Problems
            } else {
                Outcome::Clean
            })
        }
        Command::Status { run } => {
            let cluster = Cluster::connect(&cli.kube).await?;
            let (r, o, spec) = find_run(&cluster, run).await?;
            let namespace = r.namespace.clone();
            let state = if o.results.len() >= spec.runners {
                "done"
            } else if o.started {
                "running"
            } else {
                "starting"
            };
            let pods = o
                .phases
                .iter()
                .map(|(phase, n)| format!("{n} {phase}"))
                .collect::<Vec<_>>()
                .join(", ");
            let status = serde_json::json!({
                "run": run, "namespace": namespace, "state": state, "target": spec.target, "runners": spec.runners,
                "started": o.started, "pods": o.phases, "done": o.results.len(),
                "failed": o.failures,
                "requests": o.progress.values().map(|p| p.requests).sum::<u64>() .max(o.results.values().map(|r| r.requests).sum()),
                "errors": o.progress.values().map(|p| p.errors).sum::<u64>().max(o.results.values().map(|r| r.errors).sum()),
            });
            let mut out = std::io::stdout().lock();
            match format {
                Format::Json => shared::output::write_json(&mut out, &status)?,
                Format::Yaml => shared::output::write_yaml(&mut out, &status)?,
                _ => {
                    let rows = vec![vec![
                        run.clone(),
                        state.to_string(),
                        format!("{}/{}", o.results.len(), spec.runners),
                        if pods.is_empty() { "none".into() } else { pods },
                        status["requests"].to_string(),
                        status["errors"].to_string(),
                    ]];
                    write!(
                        out,
                        "{}",
                        shared::output::table(
                            &["run", "state", "done", "pods", "requests", "errors"],
                            &rows,
                            cli.output.no_headers
                        )
                    )?;
                }
            }
            Ok(Outcome::Clean)
        }
        Command::Results {
            run,
            threshold,
            html,
            no_wait,
        } => {
            let cluster = Cluster::connect(&cli.kube).await?;
            let (r, o, spec) = find_run(&cluster, run).await?;
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
                finish(&report, format, html, &ctx)?;
                return Ok(Outcome::Problems);
            } else {
                let pb = shared::term::spinner(ctx.progress, "waiting for runners");
                let parts = collect(&r, &spec, &pb, None).await?;
                pb.finish_and_clear();
                parts.unwrap_or_default()
            };
            let report = report::Report::new(&spec, "cluster", String::new(), &parts, threshold);
            finish(&report, format, html, &ctx)
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
