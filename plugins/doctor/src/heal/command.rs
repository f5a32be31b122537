//! `kubectl doctor heal`: collect what the plan needs, plan, apply with the audit recorder
//! when `--apply` is given, and write the plan (table, wide, JSON or YAML).

use crate::catalog::Kind;
use crate::cli::{Cli, Format, HealArgs};
use crate::diagnose::collect_with_progress;
use crate::{heal, report, suppress};
use anyhow::Result;
use shared::cluster::Cluster;
use shared::error::Error;
use shared::run::{Context, Outcome};
use std::collections::BTreeSet;
use std::io::Write;

/// Runs `kubectl doctor heal`.
pub async fn command(
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
