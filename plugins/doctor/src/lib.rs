//! `kubectl doctor`: cluster health in seconds. One paginated collection pass
//! ([`snapshot`]), pure checks over it ([`checks`], [`audit`]), a score ([`score`]) and a
//! report ([`report`]) in the suite's versioned envelope.

pub mod audit;
pub mod catalog;
pub mod checks;
pub mod cron;
pub mod finding;
pub mod formats;
pub mod heal;
pub mod quantity;
pub mod report;
pub mod score;
pub mod snapshot;
pub mod suppress;

use anyhow::Result;
use catalog::{CATEGORIES, CHECKS, Kind};
use checks::{Cx, IGNORE_ANNOTATION, MetaIndex, Options};
use clap::{Args, Parser, Subcommand, ValueEnum};
use finding::{ObjectRef, Severity};
use shared::cli::{KubeArgs, OutputArgs};
use shared::cluster::Cluster;
use shared::error::Error;
use shared::output::Render;
use shared::run::{Context, Outcome};
use snapshot::Snapshot;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// `kubectl doctor`.
#[derive(Parser, Debug)]
#[command(
    name = "kubectl-doctor",
    bin_name = "kubectl doctor",
    version = shared::VERSION,
    long_version = shared::LONG_VERSION,
    about = "Cluster health in seconds: diagnostics, audit, a score and CI gates",
    long_about = "Cluster health in seconds: diagnostics (nodes, pods, workloads, networking, storage, autoscaling, \
control plane, events), a best-practice and security audit, a score per section, and CI gates.\n\n\
Without a view it runs everything. Scope as kubectl: -n NAMESPACE (default: the context's), -A for all \
namespaces, -l to filter by label. Cluster-scoped checks (nodes, volumes, control plane) always run; \
kinds you may not list are skipped with a warning.",
    after_help = shared::exit::HELP,
    args_conflicts_with_subcommands = false
)]
pub struct Cli {
    /// What to run (default: everything).
    #[command(subcommand)]
    pub view: Option<View>,
    #[command(flatten)]
    pub kube: KubeArgs,
    #[command(flatten)]
    pub output: OutputArgs<Format>,
    #[command(flatten)]
    pub doctor: DoctorArgs,
}

/// The views.
#[derive(Subcommand, Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// A fast summary: nodes, pods, workloads and the control plane; critical findings and the score.
    Healthcheck,
    /// Every diagnostic finding (everything but the audit).
    Diagnostics,
    /// Best-practice and security audit of workload templates.
    Audit,
    /// List every check: id, section, severity, what it finds.
    Checks,
    /// Plan the safe fixes (restart crash-looping workloads, delete Evicted and Failed pods); --apply carries them out.
    #[command(
        after_help = "Dry-run by default: prints the plan with the equivalent kubectl commands and changes nothing.\n\
With --apply each action is recorded as an Event on the object and a JSON line on stderr.\n\
Exit code 1 when an applied action failed."
    )]
    Heal(HealArgs),
}

/// `kubectl doctor heal` flags.
#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct HealArgs {
    /// Carry out the plan (default: print it and change nothing).
    #[arg(long)]
    pub apply: bool,
    /// At most this many actions per run.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub max_actions: usize,
    /// A workload's last restart must be this recent to count; also the cooldown after heal restarted it.
    #[arg(long, default_value = "1h", value_name = "DURATION", value_parser = shared::duration::parse)]
    pub window: Duration,
    /// Allow actions in a protected namespace (kube-system, kube-public, kube-node-lease). Repeatable.
    #[arg(long, value_name = "NAMESPACE")]
    pub allow_namespace: Vec<String>,
}

/// `-o` formats of the doctor.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Findings and score as kubectl-style tables.
    #[default]
    Table,
    /// Tables with the remediation hint.
    Wide,
    /// The DoctorReport envelope as JSON.
    Json,
    /// The DoctorReport envelope as YAML.
    Yaml,
    /// JUnit XML: a test suite per section, a failing test case per finding.
    Junit,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

impl shared::cli::Format for Format {
    fn is_structured(&self) -> bool {
        matches!(self, Self::Json | Self::Yaml | Self::Junit | Self::Sarif)
    }
}

pub use shared::finding::FailOn;

/// The doctor's own flags.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Doctor options")]
pub struct DoctorArgs {
    /// Run only these checks or sections (comma-separated ids or section names).
    #[arg(long, global = true, value_delimiter = ',', value_name = "IDS")]
    pub checks: Vec<String>,

    /// Skip these checks or sections (comma-separated ids or section names).
    #[arg(long, global = true, value_delimiter = ',', value_name = "IDS")]
    pub skip: Vec<String>,

    /// Exit 1 when a finding at or above this severity remains after suppressions.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t,
        value_name = "SEVERITY"
    )]
    pub fail_on: FailOn,

    /// Exit 1 when the overall score is below N (0-100).
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min_score: Option<u8>,

    /// Config file with exclusions and thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Suppress findings: CHECK, CHECK@NAMESPACE or CHECK@NAMESPACE/NAME (globs; `*` = any check). Repeatable.
    #[arg(long, global = true, value_name = "RULE")]
    pub exclude: Vec<String>,

    /// Restarts at which a container is reported (default 5, or the config file's).
    #[arg(long, global = true, value_name = "N")]
    pub restart_threshold: Option<i32>,

    /// Keep watching: rerun every --interval and print findings as they appear and clear.
    #[arg(long, global = true)]
    pub watch: bool,

    /// How often --watch reruns the checks.
    #[arg(long, global = true, value_name = "DURATION", default_value = "10s", value_parser = shared::duration::parse)]
    pub interval: Duration,

    /// With --watch, stop after N rounds (default: until interrupted).
    #[arg(long, global = true, value_name = "N", hide = true)]
    pub watch_count: Option<u32>,

    /// Also write a self-contained HTML report to FILE.
    #[arg(long, global = true, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// How long Terminating or Pending may last before it counts as stuck.
    #[arg(long, global = true, value_name = "DURATION", default_value = "5m", value_parser = shared::duration::parse)]
    pub stuck_after: Duration,

    /// How far back Warning events are summarised (default 1h, or the config file's).
    #[arg(long, global = true, value_name = "DURATION", value_parser = shared::duration::parse)]
    pub event_window: Option<Duration>,
}

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
        Some(View::Healthcheck) => {
            matches!(category, "nodes" | "pods" | "workloads" | "controlplane")
        }
        Some(View::Diagnostics) => category != "audit",
        Some(View::Audit) => category == "audit",
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
    if cli.view == Some(View::Checks) {
        write_catalogue(&mut out, cli.output.format, cli.output.no_headers)?;
        out.flush()?;
        return Ok(Outcome::Clean);
    }
    if let Some(View::Heal(args)) = &cli.view {
        let config = suppress::load(cli.doctor.config.as_deref())?;
        let settings = heal::Settings {
            restart_threshold: cli
                .doctor
                .restart_threshold
                .or(config.restart_threshold)
                .unwrap_or(5),
            window: args.window,
            max_actions: args.max_actions,
            allowed: args.allow_namespace.clone(),
        };
        return run_heal(&cli, args.apply, &settings, &ctx, &mut out).await;
    }
    let config = suppress::load(cli.doctor.config.as_deref())?;
    let rules = cli
        .doctor
        .exclude
        .iter()
        .map(|e| suppress::Rule::parse_flag(e))
        .collect::<Result<Vec<_>, _>>()?;
    let suppressions = suppress::Suppressions::new(&config, rules);
    let event_window = match (cli.doctor.event_window, &config.event_window) {
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
        restart_threshold: cli
            .doctor
            .restart_threshold
            .or(config.restart_threshold)
            .unwrap_or(5),
        event_window,
        label_filtered: cli.kube.selector.is_some(),
        stuck_after: cli.doctor.stuck_after,
    };
    let selected = select(cli.view.as_ref(), &cli.doctor)?;
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
    if cli.doctor.watch {
        return watch(
            &cluster,
            &kinds,
            &selected,
            &opts,
            &suppressions,
            &cli,
            &ctx,
            &mut out,
        )
        .await;
    }
    let Diagnosis {
        snap,
        findings,
        suppressed,
    } = diagnose(&cluster, &kinds, &selected, &opts, &suppressions, &ctx).await?;
    let sections: Vec<&str> = CATEGORIES
        .iter()
        .copied()
        .filter(|cat| {
            CHECKS
                .iter()
                .any(|c| c.category == *cat && selected.contains(c.id))
        })
        .collect();
    let score = score::compute(&snap, &sections, &findings);
    let view = match cli.view {
        Some(View::Healthcheck) => "healthcheck",
        Some(View::Diagnostics) => "diagnostics",
        Some(View::Audit) => "audit",
        _ => "all",
    };
    let metadata = report::Metadata {
        context: cluster.context.clone(),
        server: cluster.server.clone(),
        namespace: cluster.scope.namespace().unwrap_or("*").to_string(),
        view: view.into(),
        generated_at: snap.now.to_string(),
        duration_seconds: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        checks_run: selected.len(),
        suppressed,
        skipped: snap.skipped.clone(),
        score,
    };
    let report = report::envelope(metadata, findings);
    if let Some(path) = &cli.doctor.html {
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
                cli.view == Some(View::Healthcheck),
            )?;
        }
    }
    out.flush()?;
    Ok(outcome(&report, cli.doctor.fail_on, cli.doctor.min_score))
}

async fn run_heal(
    cli: &Cli,
    apply: bool,
    settings: &heal::Settings,
    ctx: &Context,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let kinds: BTreeSet<Kind> = [
        Kind::Pods,
        Kind::Deployments,
        Kind::StatefulSets,
        Kind::ReplicaSets,
        Kind::Pdbs,
    ]
    .into();
    let cluster = Cluster::connect(&cli.kube).await?;
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
        let mut log = std::io::stderr().lock();
        actions = heal::apply(&cluster, &snap, actions, &mut log).await;
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
        Format::Json | Format::Yaml | Format::Junit | Format::Sarif => {
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
        f => {
            let all_ns = cluster.scope.namespace().is_none();
            let mut headers = vec!["status", "action"];
            if all_ns {
                headers.push("namespace");
            }
            headers.extend(["object", "reason", "command"]);
            if f == Format::Wide || actions.iter().any(|a| a.detail.is_some()) {
                headers.push("note");
            }
            let with_note = headers.last() == Some(&"note");
            let rows: Vec<Vec<String>> = actions
                .iter()
                .map(|a| {
                    let status = serde_json::to_value(&a.status)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default();
                    let action = serde_json::to_value(a.action)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default();
                    let mut row = vec![status, action];
                    if all_ns {
                        row.push(a.object.namespace.clone().unwrap_or_default());
                    }
                    row.push(shared::sanitize::for_terminal(&a.object.kind_name()).into_owned());
                    row.push(shared::sanitize::for_terminal(&a.reason).into_owned());
                    row.push(a.command.clone());
                    if with_note {
                        row.push(
                            shared::sanitize::for_terminal(a.detail.as_deref().unwrap_or(""))
                                .into_owned(),
                        );
                    }
                    row
                })
                .collect();
            out.write_all(
                shared::output::table(&headers, &rows, cli.output.no_headers).as_bytes(),
            )?;
        }
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
struct Diagnosis {
    snap: Snapshot,
    findings: Vec<finding::Finding>,
    suppressed: usize,
}

async fn diagnose(
    cluster: &Cluster,
    kinds: &BTreeSet<Kind>,
    selected: &BTreeSet<&'static str>,
    opts: &Options,
    suppressions: &suppress::Suppressions,
    ctx: &Context,
) -> Result<Diagnosis> {
    let snap = collect_with_progress(cluster, kinds, ctx).await?;
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
            context: cluster.context.clone(),
        }
        .into());
    }
    let (findings, suppressed) = {
        let meta = meta_index(&snap);
        let mut cx = Cx::new(&snap, opts, selected, suppressions, meta);
        checks::run_all(&mut cx);
        cx.finish()
    };
    Ok(Diagnosis {
        snap,
        findings,
        suppressed,
    })
}

/// `--watch`: rerun every `--interval` and print findings as they appear (`+`) and clear
/// (`-`); with `-o json`, one JSON object per line (`{"type": "added"|"cleared", ...}`).
#[allow(clippy::too_many_arguments)]
async fn watch(
    cluster: &Cluster,
    kinds: &BTreeSet<Kind>,
    selected: &BTreeSet<&'static str>,
    opts: &Options,
    suppressions: &suppress::Suppressions,
    cli: &Cli,
    ctx: &Context,
    out: &mut dyn Write,
) -> Result<Outcome> {
    use std::collections::BTreeMap;
    let key = |f: &finding::Finding| (f.check.clone(), f.object.clone());
    let mut current: BTreeMap<(String, ObjectRef), finding::Finding> = BTreeMap::new();
    let structured = matches!(
        cli.output.format,
        Format::Json | Format::Yaml | Format::Junit | Format::Sarif
    );
    let mut remaining = cli.doctor.watch_count;
    loop {
        let d = diagnose(cluster, kinds, selected, opts, suppressions, ctx).await?;
        let next: BTreeMap<_, _> = d.findings.into_iter().map(|f| (key(&f), f)).collect();
        let now = d.snap.now.to_string();
        let added: Vec<&finding::Finding> = next
            .iter()
            .filter(|(k, _)| !current.contains_key(*k))
            .map(|(_, f)| f)
            .collect();
        let cleared: Vec<&finding::Finding> = current
            .iter()
            .filter(|(k, _)| !next.contains_key(*k))
            .map(|(_, f)| f)
            .collect();
        for (kind, list) in [("added", &added), ("cleared", &cleared)] {
            for f in list.iter() {
                if structured {
                    let line = serde_json::json!({"apiVersion": format!("doctor.{}/{}", shared::output::API_GROUP, report::SCHEMA_VERSION),
                        "kind": "FindingEvent", "type": kind, "time": now, "finding": f});
                    writeln!(out, "{line}")?;
                } else {
                    let sign = if kind == "added" {
                        ctx.stdout.critical("+")
                    } else {
                        ctx.stdout.ok("-")
                    };
                    writeln!(
                        out,
                        "{} {sign} {:<8} {:<28} {:<40} {}",
                        &now[..19.min(now.len())],
                        f.severity.as_str(),
                        f.check,
                        shared::sanitize::for_terminal(&format!(
                            "{}{}",
                            f.object
                                .namespace
                                .as_ref()
                                .map(|n| format!("{n}/"))
                                .unwrap_or_default(),
                            f.object.kind_name()
                        )),
                        shared::sanitize::for_terminal(&f.message)
                    )?;
                }
            }
        }
        out.flush()?;
        current = next;
        if let Some(n) = remaining.as_mut() {
            *n = n.saturating_sub(1);
            if *n == 0 {
                return Ok(Outcome::Clean);
            }
        }
        tokio::time::sleep(cli.doctor.interval).await;
    }
}

/// Exit status of a finished report: findings at or above `fail_on`, or a score below `min_score`.
pub fn outcome(report: &report::Report, fail_on: FailOn, min_score: Option<u8>) -> Outcome {
    let by_findings = fail_on.fails(report.items.iter().map(|f| f.severity));
    let by_score = min_score.is_some_and(|m| report.metadata.score.overall.is_some_and(|s| s < m));
    if by_findings || by_score {
        Outcome::Problems
    } else {
        Outcome::Clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn views_select_sections_and_flags_narrow_them() {
        let args = |checks: &[&str], skip: &[&str]| DoctorArgs {
            checks: checks.iter().map(|s| s.to_string()).collect(),
            skip: skip.iter().map(|s| s.to_string()).collect(),
            fail_on: FailOn::Critical,
            min_score: None,
            config: None,
            exclude: vec![],
            restart_threshold: None,
            stuck_after: Duration::from_secs(300),
            event_window: None,
            html: None,
            watch: false,
            interval: Duration::from_secs(10),
            watch_count: None,
        };
        let all = select(None, &args(&[], &[])).expect("ok");
        assert_eq!(all.len(), CHECKS.len());
        let audit = select(Some(&View::Audit), &args(&[], &[])).expect("ok");
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
