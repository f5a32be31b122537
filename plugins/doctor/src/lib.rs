//! `kubectl doctor`: cluster health in seconds. One paginated collection pass
//! ([`snapshot`]), pure checks over it ([`checks`], [`audit`]), a score ([`score`]) and a
//! report ([`report`]) in the suite's versioned envelope.

pub mod audit;
pub mod catalog;
pub mod checks;
pub mod cli;
pub mod cron;
pub mod finding;
pub mod formats;
pub mod heal;
pub mod quantity;
pub mod report;
pub mod score;
pub mod snapshot;
pub mod suppress;
mod watch;

use anyhow::Result;
use catalog::{CATEGORIES, CHECKS, Kind};
use checks::{Cx, IGNORE_ANNOTATION, MetaIndex, Options};
pub use cli::{Cli, DoctorArgs, Format, HealArgs, View};
use finding::{ObjectRef, Severity};
use shared::cluster::Cluster;
use shared::error::Error;
use shared::output::Render;
use shared::run::{Context, Outcome};
use snapshot::Snapshot;
use std::collections::BTreeSet;
use std::io::Write;
use std::time::{Duration, Instant};

pub use shared::finding::FailOn;

fn expand(names: &[String], flag: &str) -> Result<BTreeSet<&'static str>, Error> {
    let mut out = BTreeSet::new();
    for n in names.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let hits: Vec<&'static str> = CHECKS
            .iter()
            .filter(|c| c.id == n || c.category == n)
            .map(|c| c.id)
            .collect();
        if hits.is_empty() {
            return Err(Error::usage(
                format!("{flag}: unknown check or section {n:?}"),
                format!(
                    "sections: {}; list checks with `kubectl doctor checks`",
                    CATEGORIES.join(", ")
                ),
            ));
        }
        out.extend(hits);
    }
    Ok(out)
}

/// The checks a view runs, narrowed by `--checks` and `--skip`.
pub fn select(view: Option<&View>, args: &DoctorArgs) -> Result<BTreeSet<&'static str>, Error> {
    let in_view = |category: &str| match view {
        Some(View::Healthcheck(_)) => {
            matches!(category, "nodes" | "pods" | "workloads" | "controlplane")
        }
        Some(View::Diagnostics(_)) => category != "audit",
        Some(View::Audit(_)) => category == "audit",
        _ => true,
    };
    let mut selected: BTreeSet<&'static str> = CHECKS
        .iter()
        .filter(|c| in_view(c.category))
        .map(|c| c.id)
        .collect();
    if !args.checks.is_empty() {
        let only = expand(&args.checks, "--checks")?;
        selected.retain(|id| only.contains(id));
    }
    for id in expand(&args.skip, "--skip")? {
        selected.remove(id);
    }
    Ok(selected)
}

fn kinds_for(selected: &BTreeSet<&'static str>) -> BTreeSet<Kind> {
    CHECKS
        .iter()
        .filter(|c| selected.contains(c.id))
        .flat_map(|c| c.kinds.iter().copied())
        .collect()
}

/// Labels and the ignore annotation of every listed object.
fn meta_index(snap: &Snapshot) -> MetaIndex<'_> {
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
    let mut m = MetaIndex::new();
    fn put<'a>(m: &mut MetaIndex<'a>, kind: &str, meta: &'a ObjectMeta) {
        let ignored: Vec<String> = meta
            .annotations
            .as_ref()
            .and_then(|a| a.get(IGNORE_ANNOTATION))
            .map(|v| {
                v.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let object = ObjectRef::namespaced(
            kind,
            meta.namespace.as_deref(),
            meta.name.as_deref().unwrap_or_default(),
        );
        m.insert(object, (&meta.labels, ignored));
    }
    macro_rules! index {
        ($($field:ident => $kind:literal),*) => {$(
            for o in snap.$field.iter().flatten() { put(&mut m, $kind, &o.metadata); }
        )*};
    }
    index!(nodes => "Node", pods => "Pod", deployments => "Deployment", statefulsets => "StatefulSet",
        daemonsets => "DaemonSet", replicasets => "ReplicaSet", jobs => "Job", cronjobs => "CronJob",
        services => "Service", ingresses => "Ingress", pvcs => "PersistentVolumeClaim", pvs => "PersistentVolume",
        hpas => "HorizontalPodAutoscaler", pdbs => "PodDisruptionBudget", namespaces => "Namespace",
        apiservices => "APIService", validating_webhooks => "ValidatingWebhookConfiguration",
        mutating_webhooks => "MutatingWebhookConfiguration");
    m
}

fn write_catalogue(w: &mut dyn Write, format: Format, no_headers: bool) -> Result<()> {
    #[derive(serde::Serialize)]
    struct Row {
        id: &'static str,
        category: &'static str,
        severity: Severity,
        title: &'static str,
    }
    let rows: Vec<Row> = CHECKS
        .iter()
        .map(|c| Row {
            id: c.id,
            category: c.category,
            severity: c.severity,
            title: c.title,
        })
        .collect();
    let render = match format {
        Format::Json => Render::Json,
        Format::Yaml => Render::Yaml,
        _ => Render::Table { no_headers },
    };
    shared::output::write_catalogue(
        w,
        render,
        "doctor",
        report::SCHEMA_VERSION,
        rows,
        &["check", "section", "severity", "description"],
        |r| {
            vec![
                r.id.into(),
                r.category.into(),
                r.severity.as_str().into(),
                r.title.into(),
            ]
        },
    )
}

/// Runs the doctor.
pub async fn run(cli: Cli, ctx: Context) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (view, args) = cli.view_and_args()?;
    if view == Some(&View::Checks) {
        write_catalogue(&mut out, cli.output.format, cli.output.no_headers)?;
        out.flush()?;
        return Ok(Outcome::Clean);
    }
    if let Some(View::Heal(heal_args)) = view {
        return run_heal(&cli, heal_args, &ctx, &mut out).await;
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
    let selected = select(view, &args)?;
    if selected.is_empty() {
        return Err(Error::usage(
            "no checks selected",
            "loosen --checks/--skip; list checks with `kubectl doctor checks`",
        )
        .into());
    }
    let kinds = kinds_for(&selected);

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

async fn run_heal(
    cli: &Cli,
    args: &HealArgs,
    ctx: &Context,
    out: &mut dyn Write,
) -> Result<Outcome> {
    if matches!(cli.output.format, Format::Junit | Format::Sarif) {
        return Err(Error::usage(
            format!(
                "kubectl doctor heal cannot write -o {}",
                cli.output.format.name()
            ),
            "the plan is written as -o table, wide, json or yaml",
        )
        .into());
    }
    let config = suppress::load(args.config.as_deref())?;
    let settings = &heal::Settings {
        restart_threshold: args
            .restart_threshold
            .or(config.restart_threshold)
            .unwrap_or(5),
        window: args.window,
        max_actions: usize::from(args.max_actions),
        allowed: args.allow_namespace.clone(),
    };
    let apply = args.apply;
    let interrupt = ctx.interrupt();
    let kinds: BTreeSet<Kind> = [
        Kind::Pods,
        Kind::Deployments,
        Kind::StatefulSets,
        Kind::ReplicaSets,
        Kind::Pdbs,
    ]
    .into();
    let cluster = Cluster::connect(&cli.kube).await?;
    cluster.ensure_namespace_exists().await?;
    let snap = collect_with_progress(&cluster, &kinds, ctx).await?;
    if snap.pods.is_none() {
        return Err(Error::Denied {
            message: "cannot plan: pods could not be listed".into(),
            context: cluster.context.clone(),
        }
        .into());
    }
    let mut actions = heal::plan(&snap, settings);
    let planned = actions
        .iter()
        .filter(|a| a.status == heal::Status::Planned)
        .count();
    if apply {
        let warn_ctx = ctx.clone();
        let recorder = shared::audit::Recorder::new(
            &cluster,
            "kubectl-doctor",
            None,
            std::io::stderr(),
            move |m| warn_ctx.warn(m),
        );
        actions = heal::apply(&cluster, &snap, actions, &recorder, &interrupt).await;
    }
    let failed = actions.iter().any(|a| a.status == heal::Status::Failed);
    let nothing = actions.is_empty();
    let metadata = serde_json::json!({
        "context": cluster.context, "server": cluster.server,
        "namespace": cluster.scope.namespace().unwrap_or("*"),
        "dryRun": !apply, "maxActions": settings.max_actions,
        "windowSeconds": settings.window.as_secs(), "restartThreshold": settings.restart_threshold,
        "generatedAt": snap.now.to_string(),
    });
    match cli.output.format {
        Format::Json | Format::Yaml => {
            let list = shared::output::List::new(
                "doctor",
                report::SCHEMA_VERSION,
                "HealPlan",
                metadata,
                actions,
            );
            if cli.output.format == Format::Json {
                shared::output::write_json(out, &list)?;
            } else {
                shared::output::write_yaml(out, &list)?;
            }
        }
        f => report::write_heal_plan(
            out,
            &actions,
            cluster.scope.namespace().is_none(),
            f == Format::Wide,
            cli.output.no_headers,
        )?,
    }
    out.flush()?;
    let mut err = std::io::stderr().lock();
    if nothing {
        writeln!(err, "Nothing to heal.")?;
    } else if !apply {
        writeln!(
            err,
            "Dry run: nothing was changed. Rerun with --apply to carry out {planned} action(s)."
        )?;
    }
    if interrupt.fired() {
        ctx.note("interrupted: stopped between actions; the plan above shows what was applied");
        return Err(Error::Interrupted.into());
    }
    Ok(if failed {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// The collection pass with a spinner on stderr; skipped kinds become warnings.
async fn collect_with_progress(
    cluster: &Cluster,
    kinds: &BTreeSet<Kind>,
    ctx: &Context,
) -> Result<Snapshot> {
    let spinner = shared::term::spinner(
        ctx.progress,
        format!("collecting from {} ({})", cluster.context, cluster.server),
    );
    let warn_ctx = ctx.clone();
    let warn = move |m: &str| warn_ctx.warn(m);
    let snap = snapshot::collect(cluster, kinds, &warn).await;
    spinner.finish_and_clear();
    Ok(snap?)
}

/// One collection pass and every selected check.
pub(crate) struct Diagnosis {
    snap: Snapshot,
    findings: Vec<finding::Finding>,
    suppressed: usize,
}

/// One collection pass and the selected checks over it, repeatable (`--watch`).
pub(crate) struct Diagnose<'a> {
    cluster: &'a Cluster,
    kinds: &'a BTreeSet<Kind>,
    selected: &'a BTreeSet<&'static str>,
    opts: &'a Options,
    suppressions: &'a suppress::Suppressions,
    ctx: &'a Context,
}

impl Diagnose<'_> {
    pub(crate) async fn once(&self) -> Result<Diagnosis> {
        let snap = collect_with_progress(self.cluster, self.kinds, self.ctx).await?;
        let listed_anything = [
            snap.nodes.is_some(),
            snap.pods.is_some(),
            snap.deployments.is_some(),
            snap.services.is_some(),
            snap.namespaces.is_some(),
            snap.pvcs.is_some(),
            snap.health.is_some(),
            snap.events.is_some(),
            snap.statefulsets.is_some(),
            snap.jobs.is_some(),
            snap.hpas.is_some(),
            snap.pvs.is_some(),
        ]
        .iter()
        .any(|b| *b);
        if !listed_anything && !snap.skipped.is_empty() {
            return Err(Error::Denied {
                message: format!(
                    "nothing could be checked: all {} kinds needed were refused",
                    snap.skipped.len()
                ),
                context: self.cluster.context.clone(),
            }
            .into());
        }
        let (findings, suppressed) = {
            let meta = meta_index(&snap);
            let mut cx = Cx::new(&snap, self.opts, self.selected, self.suppressions, meta);
            checks::run_all(&mut cx);
            cx.finish()
        };
        Ok(Diagnosis {
            snap,
            findings,
            suppressed,
        })
    }
}

/// The CI gates of a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Gates {
    /// Fail on findings at or above this severity.
    pub fail_on: FailOn,
    /// `--fail-on` was given: the user relies on it as a gate.
    pub fail_on_given: bool,
    /// Fail below this overall score.
    pub min_score: Option<u8>,
    /// Gate on what could be checked even when sections were not.
    pub allow_partial: bool,
}

/// Why a finished report fails its gates, if it does: findings at or above `fail_on`, a
/// score below `min_score`, or a gate that could not see sections it covers.
pub fn gate_failure(report: &report::Report, gates: &Gates) -> Option<String> {
    let score = &report.metadata.score;
    let gated = gates.min_score.is_some() || gates.fail_on_given;
    if gated && !gates.allow_partial && !score.incomplete.is_empty() {
        return Some(format!(
            "the gate cannot pass: sections not fully checked ({}); {}. Pass --allow-partial to gate on what could be checked",
            score.incomplete.join(", "),
            score.coverage_line()
        ));
    }
    if gates.fail_on.fails(report.items.iter().map(|f| f.severity)) {
        return Some(String::new());
    }
    match (gates.min_score, score.overall) {
        (Some(m), Some(s)) if s < m => Some(format!("score {s} is below --min-score {m}")),
        (Some(m), None) => Some(format!("nothing was scored: --min-score {m} cannot pass")),
        _ => None,
    }
}

/// Exit status of a finished report under its gates (see [`gate_failure`]).
pub fn outcome(report: &report::Report, gates: &Gates) -> Outcome {
    match gate_failure(report, gates) {
        Some(_) => Outcome::Problems,
        None => Outcome::Clean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_select_sections_and_flags_narrow_them() {
        let args = |checks: &[&str], skip: &[&str]| DoctorArgs {
            checks: checks.iter().map(|s| s.to_string()).collect(),
            skip: skip.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let all = select(None, &args(&[], &[])).expect("ok");
        assert_eq!(all.len(), CHECKS.len());
        let audit = select(Some(&View::Audit(DoctorArgs::default())), &args(&[], &[])).expect("ok");
        assert!(audit.iter().all(|id| id.starts_with("audit-")));
        let only = select(None, &args(&["pods"], &["pod-restarts"])).expect("ok");
        assert!(
            only.contains("pod-crashloop")
                && !only.contains("pod-restarts")
                && !only.contains("node-not-ready")
        );
        assert!(select(None, &args(&["bogus"], &[])).is_err());
    }
}
