//! A load run fanned out to runner pods: create the Job, wait for every runner to be
//! Running, set the agreed start, follow the merged progress and collect each runner's
//! result; find an existing run for `status` and `results`.

use crate::cli::{Format, RunArgs};
use crate::spec::RunSpec;
use crate::{cluster, engine, report, result};
use anyhow::Result;
use shared::cluster::Cluster;
use shared::error::Error;
use shared::run::{Context, Outcome};
use std::io::Write;
use std::time::Duration;

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
pub async fn collect(
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

/// Runs `spec` on runner pods in the command's namespace and reports it.
pub async fn run_cluster(
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
    report::finish(&report, format, &args.html, ctx)
}

/// An existing cluster run in the command's namespace: the handle, what it looks like now,
/// and its spec.
pub async fn find_run<'a>(
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

/// `kubectl load status RUN`: where a cluster run is, as a table or one JSON/YAML object.
pub async fn status(
    cluster: &Cluster,
    run: &str,
    format: Format,
    no_headers: bool,
) -> Result<Outcome> {
    let (r, o, spec) = find_run(cluster, run).await?;
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
                run.to_string(),
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
                    no_headers
                )
            )?;
        }
    }
    Ok(Outcome::Clean)
}
