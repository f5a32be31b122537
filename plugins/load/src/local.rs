//! A load run on this machine: preflight, live progress on stderr, the raw-rate engine or
//! a goose scenario, and Ctrl-C that stops sending and still reports what was measured.

use crate::cli::{Format, RunArgs};
use crate::spec::{Model, RunSpec};
use crate::{engine, report, scenario};
use anyhow::Result;
use shared::error::Error;
use shared::run::{Context, Outcome};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

fn fmt_ms(us: u64) -> String {
    format!("{:.2}ms", us as f64 / 1000.0)
}

/// Runs `spec` here and reports it.
pub async fn run_local(
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
    let outcome = report::finish(&report, format, &args.html, ctx)?;
    if interrupt.fired() {
        return Err(Error::Interrupted.into());
    }
    Ok(outcome)
}
