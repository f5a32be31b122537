//! `kubectl slo`: SLOs as code. Files are read into one model ([`load`], [`spec`]),
//! checked ([`validate`]), turned into Prometheus rules ([`rules`]), proven with promtool on
//! synthetic series ([`promtest`], [`synth`]) and measured against live Prometheus
//! ([`report`]); [`output`] renders everything through the suite's report layer.

pub mod apply;
pub mod cli;
pub mod convert;
pub mod dashboard;
pub mod html;
pub mod load;
pub mod output;
pub mod promtest;
pub mod report;
pub mod rules;
pub mod spec;
pub mod synth;
pub mod validate;

use anyhow::Result;
pub use cli::{Cli, Command, Format};
use shared::cluster::Cluster;
use shared::error::Error;
use shared::prometheus::{Client, Endpoint};
use shared::run::{Context, Outcome};
use std::io::Write;

/// Schema version of every document `kubectl slo` prints.
pub const SCHEMA_VERSION: &str = "v1alpha1";

/// The SLOs in `files`, refused (exit 2) when `validate` finds a critical problem.
fn read_valid(files: &[std::path::PathBuf], ctx: &Context) -> Result<Vec<spec::Slo>, Error> {
    let slos = load::read_all(files)?;
    let findings = validate::check(&slos);
    if let Some(f) = findings
        .iter()
        .find(|f| f.severity == shared::finding::Severity::Critical)
    {
        let at = f
            .location
            .as_ref()
            .map(|l| format!("{}:{}:{}: ", l.file, l.line, l.column))
            .unwrap_or_default();
        return Err(Error::usage(
            format!("{at}{} ({})", f.message, f.check),
            "`kubectl slo validate FILE` lists every problem",
        ));
    }
    for f in findings {
        ctx.note(&format!("{}: {} ({})", f.object.name, f.message, f.check));
    }
    Ok(slos)
}

fn options(n: &cli::NamingArgs) -> rules::Options {
    rules::Options {
        style: n.rule_style,
        prefix: n.prefix.clone(),
    }
}

/// `generate --emit grafana`: one dashboard on stdout, or one file per SLO in `--out-dir`.
fn dashboards(slos: &[spec::Slo], args: &cli::GenerateArgs, ctx: &Context) -> Result<Outcome> {
    let opts = options(&args.naming);
    let boards: Vec<(String, serde_json::Value)> = slos
        .iter()
        .map(|s| (s.id(), dashboard::dashboard(s, &opts)))
        .collect();
    match (&args.out_dir, boards.as_slice()) {
        (Some(dir), _) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::usage(
                    format!("cannot create --out-dir {}: {e}", dir.display()),
                    "give a writable directory",
                )
            })?;
            for (id, board) in &boards {
                let path = dir.join(format!("{id}.json"));
                std::fs::write(&path, serde_json::to_string_pretty(board)? + "\n").map_err(
                    |e| {
                        Error::usage(
                            format!("cannot write {}: {e}", path.display()),
                            "give a writable directory",
                        )
                    },
                )?;
            }
            ctx.note(&format!(
                "wrote {} dashboards into {}",
                boards.len(),
                dir.display()
            ));
        }
        (None, [(_, board)]) => {
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, board)?;
            writeln!(out)?;
        }
        (None, _) => {
            return Err(Error::usage(
                format!("{} SLOs make {} dashboards", boards.len(), boards.len()),
                "give --out-dir DIR to write one file per SLO, or one SLO file",
            )
            .into());
        }
    }
    Ok(Outcome::Clean)
}

fn generate(cli: &Cli, args: &cli::GenerateArgs, ctx: &Context) -> Result<Outcome> {
    let slos = read_valid(&args.files, ctx)?;
    let generated = rules::generate(&slos, &options(&args.naming));
    for n in &generated.notes {
        ctx.warn(&format!("{}: {} ({})", n.slo, n.message, n.id));
    }
    if args.emit == cli::Emit::Grafana && !args.inhibit_rules {
        return dashboards(&slos, args, ctx);
    }
    if args.out_dir.is_some() {
        return Err(Error::usage(
            "--out-dir writes dashboards: it goes with --emit grafana",
            "rules are one file: redirect stdout, e.g. kubectl slo generate FILE > rules.yaml",
        )
        .into());
    }
    let text = if args.inhibit_rules {
        rules::inhibit_yaml(&generated.inhibit_rules)
    } else {
        match args.emit {
            cli::Emit::Rules | cli::Emit::Grafana => rules::to_yaml(&generated.file),
            cli::Emit::PrometheusRule => {
                let name = args
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("slo-{}", slos[0].service));
                rules::to_prometheus_rule(&generated.file, &name, cli.kube.namespace.as_deref())
            }
        }
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Clean)
}

fn validate(cli: &Cli, args: &cli::ValidateArgs) -> Result<Outcome> {
    let slos = load::read_all(&args.files)?;
    let findings = validate::check(&slos);
    output::findings(
        &mut std::io::stdout().lock(),
        &findings,
        validate::CHECKS,
        cli.output.format,
        cli.output.no_headers,
    )?;
    Ok(if args.fail_on.fails(findings.iter().map(|f| f.severity)) {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

fn test(cli: &Cli, args: &cli::TestArgs, ctx: &Context) -> Result<Outcome> {
    output::refuse(cli.output.format, "test", output::TABLES)?;
    let slos = read_valid(&args.files, ctx)?;
    let suite = promtest::build(&slos, &options(&args.naming));
    for (slo, why) in &suite.skipped {
        ctx.warn(&format!("{slo}: not tested: {why}"));
    }
    let tmp;
    let dir = match &args.keep {
        Some(d) => {
            std::fs::create_dir_all(d).map_err(|e| {
                Error::usage(
                    format!("cannot create --keep {}: {e}", d.display()),
                    "give a writable directory",
                )
            })?;
            d.clone()
        }
        None => {
            tmp = tempfile::tempdir()?;
            tmp.path().to_path_buf()
        }
    };
    let results = promtest::run_each(&suite, &dir)?;
    output::tests(
        &mut std::io::stdout().lock(),
        &results,
        cli.output.format,
        cli.output.no_headers,
    )?;
    let failed: Vec<&promtest::Verdict> = results.iter().filter(|r| !r.passed).collect();
    for f in &failed {
        ctx.warn(&format!("{}: {}", f.scenario, f.output.trim()));
    }
    Ok(if failed.is_empty() && !results.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

async fn report(cli: &Cli, args: &cli::ReportArgs, ctx: &Context) -> Result<Outcome> {
    output::refuse(
        cli.output.format,
        "report",
        &[
            Format::Table,
            Format::Wide,
            Format::Json,
            Format::Yaml,
            Format::Markdown,
        ],
    )?;
    let slos = read_valid(&args.files, ctx)?;
    let namespace = cli
        .kube
        .namespace
        .clone()
        .unwrap_or_else(|| "default".into());
    let (endpoint, opts) = args.prometheus.resolve(&namespace, "kubectl slo report")?;
    let kube = match endpoint {
        Endpoint::Service { .. } => Some(Cluster::connect(&cli.kube).await?.client),
        Endpoint::Url(_) => None,
    };
    let client = Client::new(endpoint, opts, kube)?;
    let pb = shared::term::spinner(
        ctx.progress,
        format!("querying Prometheus for {} SLOs", slos.len()),
    );
    let reports = report::collect(
        &client,
        &slos,
        args.at.unwrap_or_else(jiff::Timestamp::now),
        args.by_month,
    )
    .await;
    pb.finish_and_clear();
    let reports = reports?;
    let findings = report::findings(&reports);
    if let Some(path) = &args.html {
        let at = args.at.unwrap_or_else(jiff::Timestamp::now).as_second() as f64;
        let pb = shared::term::spinner(ctx.progress, "querying Prometheus for the charts");
        let charts = report::charts(&client, &slos, at).await;
        pb.finish_and_clear();
        let page = html::render(&reports, &charts?, &findings, &client.endpoint_display());
        std::fs::write(path, page).map_err(|e| {
            Error::usage(
                format!("cannot write --html {}: {e}", path.display()),
                "give a writable path",
            )
        })?;
        ctx.note(&format!("wrote {}", path.display()));
    }
    output::reports(
        &mut std::io::stdout().lock(),
        &reports,
        cli.output.format,
        cli.output.no_headers,
        ctx.stdout,
    )?;
    for f in &findings {
        if f.check == "no-data" {
            ctx.warn(&format!("{}: {}", f.object.name, f.message));
        }
    }
    Ok(if args.fail_on.fails(findings.iter().map(|f| f.severity)) {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// `apply`.
async fn apply_rules(cli: &Cli, args: &cli::ApplyArgs, ctx: &Context) -> Result<Outcome> {
    output::refuse(cli.output.format, "apply", output::TABLES)?;
    let slos = read_valid(&args.files, ctx)?;
    let generated = rules::generate(&slos, &options(&args.naming));
    for n in &generated.notes {
        ctx.warn(&format!("{}: {} ({})", n.slo, n.message, n.id));
    }
    let cluster = Cluster::connect(&cli.kube).await?;
    let Some(namespace) = cluster.scope.namespace().map(str::to_string) else {
        return Err(Error::usage(
            "kubectl slo apply writes into one namespace, not -A",
            "give -n NAMESPACE (where Prometheus selects PrometheusRules)",
        )
        .into());
    };
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| format!("slo-{}", slos[0].service));
    let applied = apply::apply(&cluster, &generated.file, &name, &namespace, args.dry_run).await?;
    let out = &mut std::io::stdout().lock();
    let body = serde_json::json!({
        "object": applied.object,
        "namespace": applied.namespace,
        "groups": applied.groups,
        "slos": slos.len(),
        "dryRun": applied.dry_run,
    });
    let doc = shared::output::Document::new("slo", SCHEMA_VERSION, "ApplyResult", &body);
    match cli.output.format {
        Format::Json => shared::output::write_json(out, &doc)?,
        Format::Yaml => shared::output::write_yaml(out, &doc)?,
        _ => writeln!(
            out,
            "{} serverside-applied{} in namespace {} ({} SLOs, {} rule groups)",
            applied.object,
            if applied.dry_run {
                " (server dry run)"
            } else {
                ""
            },
            applied.namespace,
            slos.len(),
            applied.groups
        )?,
    }
    Ok(Outcome::Clean)
}

/// Runs the parsed command line.
pub async fn run(cli: Cli, ctx: Context) -> Result<Outcome> {
    match &cli.command {
        Command::Generate(args) => generate(&cli, args, &ctx),
        Command::Validate(args) => validate(&cli, args),
        Command::Test(args) => test(&cli, args, &ctx),
        Command::Report(args) => report(&cli, args, &ctx).await,
        Command::Apply(args) => apply_rules(&cli, args, &ctx).await,
        Command::Convert(args) => {
            let slos = load::read_all(&args.files)?;
            std::io::stdout()
                .lock()
                .write_all(convert::to_yaml(&slos).as_bytes())?;
            Ok(Outcome::Clean)
        }
        Command::Checks => {
            output::catalogue(
                &mut std::io::stdout().lock(),
                cli.output.format,
                cli.output.no_headers,
            )?;
            Ok(Outcome::Clean)
        }
    }
}
