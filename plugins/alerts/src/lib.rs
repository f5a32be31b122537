//! `kubectl alerts`: alert-fatigue analysis. The history is read ([`collect`]) into one
//! model ([`model`]) of episodes rebuilt from `ALERTS` ([`episodes`]), rules and
//! Alertmanager state; the analyses are pure ([`analysis`]) and raise findings
//! ([`findings`]); [`output`] renders through the suite's report layer; [`watch`] follows
//! alerts live.

pub mod analysis;
pub mod cli;
pub mod collect;
pub mod episodes;
pub mod findings;
pub mod fleet;
pub mod model;
pub mod output;
pub mod watch;

use anyhow::Result;
pub use cli::{Cli, Command, Format};
use shared::cluster::Cluster;
use shared::error::Error;
use shared::finding::FailOn;
use shared::prometheus::{Client, Endpoint, Member, Options};
use shared::run::{Context, Outcome};

/// Schema version of every document `kubectl alerts` prints.
pub const SCHEMA_VERSION: &str = "v1alpha1";

/// The analysis settings of the flags.
pub fn settings(a: &cli::AnalysisArgs) -> Result<analysis::Settings, Error> {
    let tiers = analysis::tiers::TierMap::parse(&a.tiers).map_err(|e| {
        Error::usage(
            format!("--tiers: {e}"),
            "e.g. --tiers critical=P1,warning=P3",
        )
    })?;
    let time_zone = jiff::tz::TimeZone::get(&a.timezone).map_err(|e| {
        Error::usage(
            format!("--timezone {:?}: {e}", a.timezone),
            "give an IANA name such as Europe/Berlin or America/New_York",
        )
    })?;
    let hours = a
        .business_hours
        .split_once('-')
        .and_then(|(f, t)| Some((f.trim().parse::<u8>().ok()?, t.trim().parse::<u8>().ok()?)))
        .filter(|(f, t)| f < t && *t <= 24)
        .ok_or_else(|| {
            Error::usage(
                format!("--business-hours {:?} is not FROM-TO", a.business_hours),
                "e.g. --business-hours 9-18 (hours 0 to 24, FROM before TO)",
            )
        })?;
    for (flag, v) in [
        ("--urgent-target", a.urgent_target),
        ("--cofiring-overlap", a.cofiring_overlap),
    ] {
        if !(0.0..=100.0).contains(&v) {
            return Err(Error::usage(
                format!("{flag} {v}% is not between 0% and 100%"),
                "e.g. 10% or 80%",
            ));
        }
    }
    Ok(analysis::Settings {
        transient: a.transient.as_secs_f64(),
        stuck: a.stuck.as_secs_f64(),
        tiers,
        urgent_target: a.urgent_target,
        cofiring_overlap: a.cofiring_overlap / 100.0,
        time_zone,
        business_hours: hours,
        ..Default::default()
    })
}

fn namespace(cli: &Cli) -> String {
    cli.kube
        .namespace
        .clone()
        .unwrap_or_else(|| "default".into())
}

/// A client for `endpoint`, connecting to the cluster only for a `svc/` endpoint.
async fn client(cli: &Cli, endpoint: Endpoint, options: Options) -> Result<Client, Error> {
    let kube = match endpoint {
        Endpoint::Service { .. } => Some(Cluster::connect(&cli.kube).await?.client),
        Endpoint::Url(_) => None,
    };
    Client::new(endpoint, options, kube)
}

/// The Prometheus client of the flags, when `--prometheus` is given.
async fn prometheus(
    cli: &Cli,
    args: &shared::prometheus::ConnectArgs,
) -> Result<Option<Client>, Error> {
    if !args.given() {
        return Ok(None);
    }
    let (endpoint, options) = args.resolve(&namespace(cli), "kubectl alerts")?;
    Ok(Some(client(cli, endpoint, options).await?))
}

/// The Alertmanager client of `--alertmanager` (same TLS options as Prometheus).
async fn alertmanager(cli: &Cli, source: &cli::SourceArgs) -> Result<Option<Client>, Error> {
    let Some(url) = &source.alertmanager else {
        return Ok(None);
    };
    let endpoint = Endpoint::parse(url, &namespace(cli))?;
    let options = Options {
        insecure_skip_verify: source.prometheus.prometheus_insecure_skip_verify,
        ..Default::default()
    };
    Ok(Some(client(cli, endpoint, options).await?))
}

/// The window `[start, end]` of the flags, in Unix seconds, the start aligned to `step` so
/// that evaluations and query steps coincide.
pub fn window(source: &cli::SourceArgs, step: f64) -> (f64, f64) {
    let end = source
        .until
        .unwrap_or_else(jiff::Timestamp::now)
        .as_second() as f64;
    let end = (end / step).floor() * step;
    let start = ((end - source.since.as_secs_f64()) / step).floor() * step;
    (start, end)
}

fn read_webhooks(path: &std::path::Path, ctx: &Context) -> Result<model::History, Error> {
    let text = if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(path)
    }
    .map_err(|e| {
        Error::usage(
            format!("cannot read {}: {e}", path.display()),
            "give a readable file, or - for stdin",
        )
    })?;
    let (history, bad) = collect::webhook::parse(&text, &path.display().to_string())?;
    if bad > 0 {
        ctx.warn(&format!(
            "{}: {bad} line(s) were not webhook payloads and were skipped",
            path.display()
        ));
    }
    Ok(history)
}

/// Reads the history the flags name.
pub async fn history(
    cli: &Cli,
    source: &cli::SourceArgs,
    ctx: &Context,
) -> Result<model::History, Error> {
    let am = alertmanager(cli, source).await?;
    let mut history = if let Some(path) = &source.from_webhooks {
        read_webhooks(path, ctx)?
    } else if source.prometheus.given() {
        from_prometheus(cli, source, ctx).await?
    } else {
        return Err(Error::usage(
            "kubectl alerts needs --prometheus or --from-webhooks",
            "e.g. --prometheus http://prometheus:9090, --prometheus svc/prometheus-operated:9090 -n monitoring, or --from-webhooks notifications.jsonl",
        ));
    };
    if let Some(am) = am {
        let pb = shared::term::spinner(ctx.progress, "reading Alertmanager");
        let state = collect::alertmanager::read(&am).await;
        pb.finish_and_clear();
        history.alertmanager = Some(state?);
    }
    Ok(history)
}

/// The rules of one Prometheus and whether they could be read; refusal and silence end
/// its reading, anything else only skips the rule checks.
fn rules_or_warning(
    read: Result<Vec<model::Rule>, Error>,
    member: &str,
    ctx: &Context,
) -> Result<(Vec<model::Rule>, bool), Error> {
    match read {
        Ok(r) => Ok((r, true)),
        Err(e @ (Error::Denied { .. } | Error::Unreachable { .. })) => Err(e),
        Err(e) => {
            ctx.warn(&format!(
                "{member}rules not read ({e}): dead, broken and hygiene checks are skipped"
            ));
            Ok((Vec::new(), false))
        }
    }
}

/// Reads every `--prometheus` concurrently: rules first (the step is the shortest
/// evaluation interval of them all, so a fleet's histories share one resolution), then
/// `ALERTS`, `ALERTS_FOR_STATE` and notification counts. One unnamed Prometheus is read
/// as itself; several, or a named one, are merged as a fleet ([`fleet`]), where a member
/// that cannot be read is reported and the others still are.
async fn from_prometheus(
    cli: &Cli,
    source: &cli::SourceArgs,
    ctx: &Context,
) -> Result<model::History, Error> {
    let (members, options) = source
        .prometheus
        .resolve_fleet(&namespace(cli), "kubectl alerts")?;
    let is_fleet = members.len() > 1 || members.iter().any(|m| m.named);
    let label = |m: &Member| {
        if is_fleet {
            format!("cluster {}: ", m.name)
        } else {
            String::new()
        }
    };
    let mut clients = Vec::new();
    for m in &members {
        clients.push(client(cli, m.endpoint.clone(), options.clone()).await?);
    }
    let pb = shared::term::spinner(ctx.progress, "reading alerting rules");
    let read = futures::future::join_all(clients.iter().map(collect::prometheus::rules)).await;
    pb.finish_and_clear();
    let rules: Vec<_> = members
        .iter()
        .zip(read)
        .map(|(m, r)| rules_or_warning(r, &label(m), ctx))
        .collect();
    let step = common_step(source, &rules);
    let (start, end) = window(source, step);
    let chunks = collect::prometheus::chunks(start, end, step).len();
    let pb = shared::term::spinner(
        ctx.progress,
        format!(
            "reading ALERTS and ALERTS_FOR_STATE from {} Prometheus: {chunks} range queries per series set, step {step}s",
            members.len()
        ),
    );
    let reads = futures::future::join_all(
        clients
            .iter()
            .zip(rules)
            .map(|(c, r)| read_member(c, r, start, end, step)),
    )
    .await;
    pb.finish_and_clear();
    let given = &source.prometheus.prometheus;
    let history = if is_fleet {
        let labelled: Vec<_> = members.iter().map(|m| (m, label(m))).collect();
        fleet_history(&labelled, given, reads, (start, end, step), ctx)?
    } else {
        let mut h = reads
            .into_iter()
            .next()
            .ok_or_else(|| Error::usage("no --prometheus", "give --prometheus"))??;
        h.source = given
            .first()
            .map(|p| shared::prometheus::split_member(p).1.to_string())
            .unwrap_or_default();
        h
    };
    for m in &history.missing {
        ctx.warn(&format!(
            "{} to {} could not be read: {}",
            analysis::summary::rfc3339(m.start),
            analysis::summary::rfc3339(m.end),
            m.reason
        ));
    }
    Ok(history)
}

/// The step of the history: `--step`, else the shortest evaluation interval of any rule
/// any member reported, else a minute.
fn common_step(source: &cli::SourceArgs, rules: &[Result<(Vec<model::Rule>, bool), Error>]) -> f64 {
    let step = source.step.map(|s| s.as_secs_f64()).unwrap_or_else(|| {
        rules
            .iter()
            .flat_map(|r| r.iter().flat_map(|(rules, _)| rules))
            .map(|r| r.interval_seconds)
            .filter(|i| *i >= 1.0)
            .fold(f64::INFINITY, f64::min)
    });
    if step.is_finite() { step } else { 60.0 }
}

/// One Prometheus' history over the window, given its rules as read.
async fn read_member(
    client: &Client,
    rules: Result<(Vec<model::Rule>, bool), Error>,
    start: f64,
    end: f64,
    step: f64,
) -> Result<model::History, Error> {
    let (rules, rules_known) = rules?;
    let mut h = model::History {
        start,
        end,
        step,
        rules,
        rules_known,
        ..Default::default()
    };
    collect::prometheus::read(client, &mut h).await?;
    h.notifications = collect::prometheus::notifications(client, &h).await;
    Ok(h)
}

/// A fleet's histories merged: a member that failed is warned about and kept as a missing
/// window; when every member failed, the first one's error (each one warned about).
fn fleet_history(
    members: &[(&Member, String)],
    given: &[String],
    reads: Vec<Result<model::History, Error>>,
    (start, end, step): (f64, f64, f64),
    ctx: &Context,
) -> Result<model::History, Error> {
    if reads.iter().all(Result::is_err) {
        let mut errors = members
            .iter()
            .zip(reads)
            .filter_map(|((_, label), r)| r.err().map(|e| (label, e)));
        let Some((first_label, first)) = errors.next() else {
            return Err(Error::usage("no --prometheus", "give --prometheus"));
        };
        for (label, e) in errors {
            ctx.warn(&format!("{label}{e}"));
        }
        ctx.warn(&format!("{first_label}{first}"));
        return Err(first);
    }
    let parts = members
        .iter()
        .zip(given)
        .zip(reads)
        .map(|(((m, label), given), r)| fleet::Part {
            name: m.name.clone(),
            source: shared::prometheus::split_member(given).1.to_string(),
            history: r.map_err(|e| {
                ctx.warn(&format!(
                    "{label}{e}; the report goes on without its history"
                ));
                e.to_string()
            }),
        })
        .collect();
    Ok(fleet::merge(parts, start, end, step))
}

fn cross_check(a: &analysis::Analysis, ctx: &Context) {
    for s in &a.alerts {
        let Some(act) = s.activations else { continue };
        let started = s.pending.max(s.episodes);
        if act.abs_diff(started) > 1 + started / 10 {
            ctx.note(&format!(
                "{}: {started} episodes from ALERTS but {act} activations in ALERTS_FOR_STATE (counted from ALERTS)",
                s.alertname
            ));
        }
    }
}

async fn analysed(
    cli: &Cli,
    h: &cli::HistoryArgs,
    ctx: &Context,
) -> Result<(model::History, analysis::Analysis)> {
    let settings = settings(&h.analysis)?;
    let t0 = std::time::Instant::now();
    let history = history(cli, &h.source, ctx).await?;
    let t1 = std::time::Instant::now();
    let a = analysis::analyse(&history, &settings);
    if ctx.verbosity > 0 {
        // Benchmarks read these two lines (scripts/bench-alerts.sh).
        ctx.note(&format!(
            "read the history in {:.3}s",
            (t1 - t0).as_secs_f64()
        ));
        ctx.note(&format!(
            "analysed {} episodes in {:.3}s",
            history.episodes.len(),
            t1.elapsed().as_secs_f64()
        ));
    }
    cross_check(&a, ctx);
    if history.episodes.is_empty() && history.activations.is_some() {
        ctx.warn(&format!(
            "no ALERTS samples between {} and {}: no alert was active, or this API does not store rule results",
            a.totals.start, a.totals.end
        ));
    }
    Ok((history, a))
}

fn gate(fail_on: FailOn, findings: &[shared::finding::Finding]) -> Outcome {
    if fail_on.fails(findings.iter().map(|f| f.severity)) {
        Outcome::Problems
    } else {
        Outcome::Clean
    }
}

async fn report(cli: &Cli, args: &cli::ReportArgs, ctx: &Context) -> Result<Outcome> {
    let (history, a) = analysed(cli, &args.history, ctx).await?;
    let out = &mut std::io::stdout().lock();
    output::report(
        out,
        &history,
        &a,
        args.top,
        cli.output.format,
        cli.output.no_headers,
        ctx.stdout,
    )?;
    if let Some(path) = &args.html {
        std::fs::write(path, output::html::render(&history, &a)).map_err(|e| {
            Error::usage(
                format!("cannot write --html {}: {e}", path.display()),
                "give a writable path",
            )
        })?;
        ctx.note(&format!("wrote {}", path.display()));
    }
    Ok(gate(args.fail_on, &a.findings))
}

fn command_name(c: &Command) -> &'static str {
    match c {
        Command::Report(_) => "report",
        Command::Top(_) => "top",
        Command::Flapping(_) => "flapping",
        Command::Rules(_) => "rules",
        Command::Silences(_) => "silences",
        Command::Watch(_) => "watch",
        Command::Checks => "checks",
    }
}

/// Runs the parsed command line.
pub async fn run(cli: Cli, ctx: Context) -> Result<Outcome> {
    let fmt = cli.output.format;
    let nh = cli.output.no_headers;
    output::refuse(
        fmt,
        command_name(&cli.command),
        output::formats(&cli.command),
    )?;
    let out = &mut std::io::stdout().lock();
    match &cli.command {
        Command::Report(args) => report(&cli, args, &ctx).await,
        Command::Top(args) => {
            let (_, a) = analysed(&cli, &args.history, &ctx).await?;
            output::top(out, &a, args.top, args.by, fmt, nh)?;
            Ok(Outcome::Clean)
        }
        Command::Flapping(h) => {
            let (_, a) = analysed(&cli, h, &ctx).await?;
            output::flapping(out, &a, fmt, nh)?;
            Ok(Outcome::Clean)
        }
        Command::Rules(args) => {
            let (history, a) = analysed(&cli, &args.history, &ctx).await?;
            if !history.rules_known {
                return Err(Error::usage(
                    "kubectl alerts rules needs the rules of a Prometheus (/api/v1/rules)",
                    "give --prometheus; a webhook file holds no rules",
                )
                .into());
            }
            let rules: Vec<_> = a
                .findings
                .iter()
                .filter(|f| f.category == "rules")
                .cloned()
                .collect();
            output::findings(out, &rules, fmt, nh)?;
            Ok(gate(args.fail_on, &rules))
        }
        Command::Silences(args) => {
            if args.history.source.alertmanager.is_none() {
                return Err(Error::usage(
                    "kubectl alerts silences needs --alertmanager",
                    "e.g. --alertmanager http://alertmanager:9093 (add --prometheus to judge silences against the history)",
                )
                .into());
            }
            let source = &args.history.source;
            let history = if source.prometheus.given() || source.from_webhooks.is_some() {
                history(&cli, source, &ctx).await?
            } else {
                let am = alertmanager(&cli, source)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("no alertmanager"))?;
                model::History {
                    alertmanager: Some(collect::alertmanager::read(&am).await?),
                    source: source.alertmanager.clone().unwrap_or_default(),
                    ..Default::default()
                }
            };
            let found = analysis::silences::findings(&history);
            output::silences(out, &history, &found, args.expired, fmt, nh)?;
            Ok(
                if found
                    .iter()
                    .any(|f| f.severity >= shared::finding::Severity::Warning)
                {
                    Outcome::Problems
                } else {
                    Outcome::Clean
                },
            )
        }
        Command::Watch(args) => {
            let prom = prometheus(&cli, &args.prometheus).await?.ok_or_else(|| {
                Error::usage(
                    "kubectl alerts watch needs --prometheus",
                    "e.g. --prometheus http://prometheus:9090",
                )
            })?;
            watch::run(&prom, args, fmt, &ctx).await
        }
        Command::Checks => {
            output::catalogue(out, fmt, nh)?;
            Ok(Outcome::Clean)
        }
    }
}
