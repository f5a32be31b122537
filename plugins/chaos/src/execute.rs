//! Running faults and experiments: inject, hold while probing the steady state, roll back
//! (always: at the end, on an error, on a failed hypothesis with `abortOnFailure`, on
//! Ctrl-C), and measure the time to recover. An experiment file is Chaos Toolkit's shape:
//! a steady-state hypothesis checked before, during and after a method of faults and pauses.

use crate::fault::Action;
use crate::fault::Fault;
use crate::inject::{Applied, Injector, wait_recovered};
use crate::probe::{self, Outcome, Probe};
use crate::spec::FaultSpec;
use serde::{Deserialize, Serialize};
use shared::run::Interrupt;
use std::time::Duration;
use tokio::time::Instant;

/// The steady-state hypothesis.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SteadyState {
    /// Probes that must all hold.
    pub probes: Vec<Probe>,
    /// How often to probe during the method (default 2s).
    #[serde(default)]
    pub interval: Option<String>,
    /// How long the system may take to recover after each fault and after the method (default 60s).
    #[serde(default)]
    pub recovery_timeout: Option<String>,
    /// Roll back and stop as soon as a probe fails during the method (default false).
    #[serde(default)]
    pub abort_on_failure: bool,
}

/// One step of the method: a fault (`fault: pod-kill` and its fields) or a `pause`.
pub type Step = FaultSpec;

/// Experiment metadata.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Name.
    pub name: String,
}

/// An experiment file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Experiment {
    /// `chaos.sre-toolkit.io/v1alpha1`.
    pub api_version: String,
    /// `Experiment`.
    pub kind: String,
    /// Name.
    pub metadata: Meta,
    /// Namespace of probes and faults (default: -n or the context's).
    #[serde(default)]
    pub namespace: Option<String>,
    /// The hypothesis.
    pub steady_state: SteadyState,
    /// The method.
    pub method: Vec<Step>,
}

/// A checked step of the method.
#[derive(Debug, Clone, PartialEq)]
pub enum Planned {
    /// Inject a fault (and roll it back).
    Fault(Fault),
    /// Wait, probing.
    Pause(Duration),
    /// Start `kubectl load run ARGS` in the background.
    Load(Vec<String>),
}

/// A parsed, checked experiment: its faults already built.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The file.
    pub experiment: Experiment,
    /// The steps, in order.
    pub steps: Vec<Planned>,
    /// Probe interval.
    pub interval: Duration,
    /// Recovery window.
    pub recovery: Duration,
}

/// Parses and checks an experiment for `namespace`.
pub fn parse(text: &str, namespace: &str) -> Result<Plan, String> {
    parse_file(text, "experiment", namespace)
}

/// [`parse`] of the file `source`: every error starts with it (`FILE:LINE:COL:` for YAML).
pub fn parse_file(text: &str, source: &str, namespace: &str) -> Result<Plan, String> {
    let e: Experiment = shared::yaml::from_str(text, source)?;
    check(e, namespace).map_err(|m| format!("{source}: {m}"))
}

fn check(e: Experiment, namespace: &str) -> Result<Plan, String> {
    if e.api_version != "chaos.sre-toolkit.io/v1alpha1" || e.kind != "Experiment" {
        return Err(format!(
            "apiVersion/kind must be chaos.sre-toolkit.io/v1alpha1 Experiment (got {} {})",
            e.api_version, e.kind
        ));
    }
    if e.steady_state.probes.is_empty() {
        return Err("steadyState needs at least one probe".into());
    }
    for p in &e.steady_state.probes {
        p.validate()?;
    }
    if e.method.is_empty() {
        return Err("method needs at least one step".into());
    }
    let ns = e.namespace.clone().unwrap_or_else(|| namespace.to_string());
    let mut steps = Vec::new();
    for (i, s) in e.method.iter().enumerate() {
        let at = |m: String| format!("method step {}: {m}", i + 1);
        let step = match (&s.fault, &s.pause, &s.load) {
            (Some(f), None, None) => Planned::Fault(s.to_fault(f, &ns).map_err(at)?),
            (None, Some(p), None) => {
                Planned::Pause(shared::duration::parse(p).map_err(|m| at(format!("pause: {m}")))?)
            }
            (None, None, Some(args)) if !args.is_empty() => Planned::Load(args.clone()),
            _ => {
                return Err(at(
                    "give one of fault, pause or load (kubectl load run arguments)".into(),
                ));
            }
        };
        steps.push(step);
    }
    let d = |v: &Option<String>, default: u64, what: &str| -> Result<Duration, String> {
        v.as_deref()
            .map(shared::duration::parse)
            .transpose()
            .map_err(|m| format!("{what}: {m}"))
            .map(|d| d.unwrap_or(Duration::from_secs(default)))
    };
    let interval = d(&e.steady_state.interval, 2, "interval")?;
    let recovery = d(&e.steady_state.recovery_timeout, 60, "recoveryTimeout")?;
    Ok(Plan {
        experiment: e,
        steps,
        interval,
        recovery,
    })
}

/// What happened to one fault.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultReport {
    /// Fault name.
    pub fault: String,
    /// What was done.
    pub actions: Vec<Action>,
    /// RFC 3339.
    pub injected_at: String,
    /// Whether the rollback ran and succeeded (kills have nothing to roll back).
    pub rolled_back: bool,
    /// What could not be rolled back.
    pub rollback_failures: Vec<String>,
    /// Seconds from injection until the steady state (or, for a one-off pod-kill, the
    /// owning workloads) recovered; absent if it did not within the window.
    pub recovered_after_seconds: Option<f64>,
    /// Probe failures seen while the fault held.
    pub deviations: Vec<Outcome>,
    /// Repeated pod-kill: each round's intended and actual start, milliseconds from the first.
    pub rounds: Vec<(u64, u64)>,
}

/// Why a run stopped early.
#[derive(Debug, Clone, PartialEq)]
pub enum Stop {
    /// Ctrl-C.
    Interrupted,
    /// A probe failed with abortOnFailure.
    Deviated(String),
}

/// Runs faults with rollback and probing.
pub struct Executor<'a> {
    /// The injector.
    pub injector: Injector<'a>,
    /// Ctrl-C.
    pub interrupt: std::sync::Arc<Interrupt>,
    /// Probes to run while a fault holds, their namespace, interval and abort policy.
    pub probes: Option<(Vec<Probe>, String, Duration, bool)>,
    /// How long recovery may take.
    pub recovery: Duration,
    /// `--kubeconfig`, passed on to the load phase.
    pub kubeconfig: Option<std::path::PathBuf>,
}

impl Executor<'_> {
    /// Waits `d`, probing at the interval; stops early on Ctrl-C or an aborting deviation.
    async fn hold(&self, d: Duration, deviations: &mut Vec<Outcome>) -> Result<(), Stop> {
        let end = Instant::now() + d;
        let every = self
            .probes
            .as_ref()
            .map(|p| p.2)
            .unwrap_or(d.max(Duration::from_millis(100)));
        while Instant::now() < end {
            let next = (Instant::now() + every).min(end);
            tokio::select! {
                _ = tokio::time::sleep_until(next) => {}
                _ = self.interrupt.wait() => return Err(Stop::Interrupted),
            }
            if let Some((probes, ns, _, abort)) = &self.probes {
                for o in probe::run_all(self.injector.cluster, ns, probes)
                    .await
                    .into_iter()
                    .filter(|o| !o.ok)
                {
                    let why = format!("{}: {}", o.probe, o.detail);
                    deviations.push(o);
                    if *abort {
                        return Err(Stop::Deviated(why));
                    }
                }
            }
        }
        Ok(())
    }

    async fn recovered(&self, since: Instant) -> Option<f64> {
        let (probes, ns, every, _) = self.probes.as_ref()?;
        loop {
            if probe::run_all(self.injector.cluster, ns, probes)
                .await
                .iter()
                .all(|o| o.ok)
            {
                return Some(since.elapsed().as_secs_f64());
            }
            if since.elapsed() > self.recovery || self.interrupt.fired() {
                return None;
            }
            tokio::time::sleep((*every).min(Duration::from_millis(500))).await;
        }
    }

    /// Injects `fault`, holds it, rolls it back, measures recovery. The report is returned
    /// even when the run stops early (the rollback has run by then). While it runs, the
    /// heartbeat of every marked object is renewed, so `cleanup` leaves this run alone.
    pub async fn run_fault(
        &self,
        fault: &Fault,
    ) -> (FaultReport, Result<(), Stop>, Option<shared::error::Error>) {
        let work = self.inject_hold_and_roll_back(fault);
        tokio::pin!(work);
        tokio::select! {
            r = &mut work => r,
            never = self.injector.heartbeat() => match never {},
        }
    }

    async fn inject_hold_and_roll_back(
        &self,
        fault: &Fault,
    ) -> (FaultReport, Result<(), Stop>, Option<shared::error::Error>) {
        let name = fault.name();
        let mut report = FaultReport {
            fault: name.into(),
            injected_at: jiff::Timestamp::now().to_string(),
            ..Default::default()
        };
        let t0 = Instant::now();
        let mut applied = Applied::default();
        let mut stop = Ok(());
        let mut error = None;
        match fault {
            Fault::PodKill {
                interval: Some(every),
                duration: Some(total),
                ..
            } => {
                let mut round = 0u32;
                loop {
                    let intended = *every * round;
                    if intended >= *total {
                        break;
                    }
                    // A dry run prints the whole schedule at once.
                    if !self.injector.dry_run {
                        tokio::select! {
                            _ = tokio::time::sleep_until(t0 + intended) => {}
                            _ = self.interrupt.wait() => { stop = Err(Stop::Interrupted); break; }
                        }
                    }
                    let actual = if self.injector.dry_run {
                        intended
                    } else {
                        t0.elapsed()
                    };
                    report
                        .rounds
                        .push((intended.as_millis() as u64, actual.as_millis() as u64));
                    let before = applied.actions.len();
                    if let Err(e) = self.injector.apply(fault, &mut applied).await {
                        error = Some(e);
                        break;
                    }
                    if self.injector.dry_run {
                        for a in &mut applied.actions[before..] {
                            a.detail.push_str(&format!(
                                " (round {}, at +{})",
                                round + 1,
                                shared::duration::human(intended)
                            ));
                        }
                    }
                    round += 1;
                }
            }
            _ => {
                if let Err(e) = self.injector.apply(fault, &mut applied).await {
                    error = Some(e);
                } else if let Some(d) = fault.holds_for()
                    && !self.injector.dry_run
                {
                    stop = self.hold(d, &mut report.deviations).await;
                }
            }
        }
        if !applied.rollbacks.is_empty() {
            report.rollback_failures = self.injector.rollback(name, &applied.rollbacks).await;
            report.rolled_back = report.rollback_failures.is_empty();
        }
        report.actions = applied.actions;
        if error.is_none() && stop.is_ok() && !self.injector.dry_run {
            report.recovered_after_seconds = match self.probes {
                Some(_) => self.recovered(t0).await,
                None if !applied.owners.is_empty() => wait_recovered(
                    self.injector.cluster,
                    &applied.owners,
                    &applied.killed,
                    self.recovery,
                )
                .await
                .map(|d| d.as_secs_f64()),
                None => None,
            };
        }
        (report, stop, error)
    }
}

/// The verdict of an experiment.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExperimentReport {
    /// `chaos.sre-toolkit.io/v1alpha1`.
    pub api_version: String,
    /// `ExperimentReport`.
    pub kind: String,
    /// Facts.
    pub metadata: serde_json::Value,
    /// The hypothesis before the method.
    pub before: Vec<Outcome>,
    /// Each fault.
    pub faults: Vec<FaultReport>,
    /// The hypothesis after the method (and recovery).
    pub after: Vec<Outcome>,
    /// The load phase's report (`LoadReport`), when the method had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load: Option<serde_json::Value>,
    /// `passed`, `failed` (the hypothesis did not hold) or `aborted`.
    pub verdict: String,
    /// Why.
    pub reason: String,
}

/// Runs an experiment plan.
pub async fn run_experiment(
    x: &Executor<'_>,
    plan: &Plan,
    namespace: &str,
) -> Result<ExperimentReport, shared::error::Error> {
    let cluster = x.injector.cluster;
    let probes = &plan.experiment.steady_state.probes;
    let mut report = ExperimentReport {
        api_version: "chaos.sre-toolkit.io/v1alpha1".into(),
        kind: "ExperimentReport".into(),
        metadata: serde_json::json!({"run": x.injector.run, "experiment": plan.experiment.metadata.name, "namespace": namespace, "dryRun": x.injector.dry_run, "startedAt": jiff::Timestamp::now().to_string()}),
        before: probe::run_all(cluster, namespace, probes).await,
        faults: Vec::new(),
        after: Vec::new(),
        load: None,
        verdict: String::new(),
        reason: String::new(),
    };
    if let Some(bad) = report.before.iter().find(|o| !o.ok) {
        report.verdict = "failed".into();
        report.reason = format!(
            "the steady state did not hold before the method ({}: {}); nothing was injected",
            bad.probe, bad.detail
        );
        return Ok(report);
    }
    let mut load: Option<tokio::process::Child> = None;
    for step in &plan.steps {
        match step {
            Planned::Pause(pause) => {
                let mut dev = Vec::new();
                if let Err(stop) = x.hold(*pause, &mut dev).await {
                    return Ok(stopped(report, stop));
                }
            }
            Planned::Load(args) if !x.injector.dry_run => {
                load = Some(start_load(x, args, namespace)?);
            }
            Planned::Load(_) => {}
            Planned::Fault(fault) => {
                let (fr, stop, error) = x.run_fault(fault).await;
                report.faults.push(fr);
                if let Some(e) = error {
                    return Err(e);
                }
                if let Err(stop) = stop {
                    return Ok(stopped(report, stop));
                }
            }
        }
    }
    if x.injector.dry_run {
        report.verdict = "passed".into();
        report.reason = "dry run: nothing was injected".into();
        return Ok(report);
    }
    if let Some(child) = load {
        let out = tokio::select! {
            out = child.wait_with_output() => out,
            _ = x.interrupt.wait() => return Ok(stopped(report, Stop::Interrupted)),
        };
        report.load = out
            .ok()
            .and_then(|o| serde_json::from_slice(&o.stdout).ok());
    }
    let t0 = Instant::now();
    loop {
        report.after = probe::run_all(cluster, namespace, probes).await;
        if report.after.iter().all(|o| o.ok) || t0.elapsed() > plan.recovery || x.interrupt.fired()
        {
            break;
        }
        tokio::time::sleep(plan.interval.min(Duration::from_secs(1))).await;
    }
    match report.after.iter().find(|o| !o.ok) {
        Some(bad) => {
            report.verdict = "failed".into();
            report.reason = format!(
                "the steady state did not recover within {} ({}: {})",
                shared::duration::human(plan.recovery),
                bad.probe,
                bad.detail
            );
        }
        None => {
            report.verdict = "passed".into();
            report.reason = "the steady state held before and after the method".into();
        }
    }
    if report.verdict == "passed" {
        match &report.load {
            Some(l)
                if l["thresholds"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|v| v["passed"] == false)) =>
            {
                report.verdict = "failed".into();
                report.reason = "a threshold of the load phase was breached".into();
            }
            None if plan.steps.iter().any(|s| matches!(s, Planned::Load(_))) => {
                report.verdict = "failed".into();
                report.reason = "the load phase produced no report".into();
            }
            _ => {}
        }
    }
    Ok(report)
}

/// `kubectl-load` beside this binary, else from PATH.
fn load_binary() -> std::path::PathBuf {
    std::env::current_exe()
        .ok()
        .map(|p| p.with_file_name("kubectl-load"))
        .filter(|p| p.exists())
        .unwrap_or_else(|| "kubectl-load".into())
}

/// Starts the load phase: `kubectl load run ARGS -o json` against the same context and namespace.
fn start_load(
    x: &Executor<'_>,
    args: &[String],
    namespace: &str,
) -> Result<tokio::process::Child, shared::error::Error> {
    let mut cmd = tokio::process::Command::new(load_binary());
    cmd.arg("run")
        .args(args)
        .args(["-o", "json", "-n", namespace]);
    if let Some(k) = &x.kubeconfig {
        cmd.arg("--kubeconfig").arg(k);
    }
    if x.injector.cluster.context != "in-cluster" {
        cmd.args(["--context", &x.injector.cluster.context]);
    }
    cmd.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| {
            shared::error::Error::usage(
                format!("cannot start kubectl-load for the load phase: {e}"),
                "install kubectl-load next to kubectl-chaos or on PATH",
            )
        })
}

fn stopped(mut report: ExperimentReport, stop: Stop) -> ExperimentReport {
    match stop {
        Stop::Interrupted => {
            report.verdict = "aborted".into();
            report.reason = "interrupted: every fault was rolled back".into();
        }
        Stop::Deviated(why) => {
            report.verdict = "failed".into();
            report.reason = format!(
                "the steady state failed during the method ({why}); the fault was rolled back at once"
            );
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
apiVersion: chaos.sre-toolkit.io/v1alpha1
kind: Experiment
metadata: {name: web-survives}
steadyState:
  interval: 1s
  recoveryTimeout: 30s
  probes:
  - name: web-ready
    deployment: {name: web, minReady: 2}
method:
- fault: pod-kill
  selector: app=web
  count: 1
- pause: 2s
- fault: scale
  workload: deployment/web
  duration: 5s
"#;

    #[test]
    fn experiments_parse_and_check() {
        let p = parse(OK, "shop").expect("valid");
        assert_eq!(p.steps.len(), 3);
        assert_eq!(p.steps[1], Planned::Pause(Duration::from_secs(2)));
        assert_eq!(p.recovery, Duration::from_secs(30));
        assert!(
            parse(&OK.replace("pod-kill", "meteor"), "shop")
                .expect_err("unknown")
                .contains("step 1")
        );
        assert!(parse(&OK.replace("minReady: 2", "minReady: 2, bogus: 1"), "shop").is_err());
        assert!(
            parse(&OK.replace("  duration: 5s\n", ""), "shop")
                .expect_err("scale")
                .contains("--duration")
        );
        assert!(parse("apiVersion: v1\nkind: Pod\n", "x").is_err());
        let with_load = OK.replace(
            "- pause: 2s\n",
            "- load: [\"http://web/\", \"--rate\", \"10/s\"]\n",
        );
        assert_eq!(
            parse(&with_load, "shop").expect("load step").steps[1],
            Planned::Load(vec!["http://web/".into(), "--rate".into(), "10/s".into()])
        );
        assert!(parse(&OK.replace("- pause: 2s\n", "- load: []\n"), "shop").is_err());
    }
}
