//! `kubectl chaos cleanup`: find what runs left marked (in `-n`'s namespace, or all with
//! `-A`), skip runs whose heartbeat says they are alive unless `--force`, and roll each
//! object back from its record.

use crate::cli::{self, Cli};
use crate::fault::{ROLLBACK_ANNOTATION, RUN_LABEL};
use crate::inject::{Injector, Rollback};
use crate::{marks, safety, write};
use anyhow::Result;
use shared::cluster::Cluster;
use shared::error::Error;
use shared::run::{Context, Outcome};

/// An object a run marked, as `cleanup` finds it.
struct Leftover {
    run: String,
    rollback: Rollback,
    /// The run's heartbeat has not expired: its process is alive.
    alive: bool,
}

/// Objects labelled by a run in scope (`-n`'s namespace, or every namespace with `-A`), with
/// their rollback records. Nodes are cluster-scoped: they are looked at with `-A` or when a
/// run is named, and skipped with a warning when they may not be listed.
async fn leftovers(
    cluster: &Cluster,
    run: Option<&str>,
    ctx: &Context,
) -> Result<Vec<Leftover>, Error> {
    use k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
    use k8s_openapi::api::core::v1::{Node, Pod};
    use kube::api::{Api, ListParams};
    let sel = match run {
        Some(r) => format!("{RUN_LABEL}={r}"),
        None => RUN_LABEL.to_string(),
    };
    let lp = ListParams::default().labels(&sel);
    let ns = cluster.scope.namespace();
    let mut metas = Vec::new();
    macro_rules! collect {
        ($t:ty, $res:literal) => {
            match cluster.scoped_api::<$t>().list_metadata(&lp).await {
                Ok(l) => metas.extend(l.items.into_iter().map(|o| o.metadata)),
                Err(e) => return Err(cluster.api_error("list", $res, ns)(e)),
            }
        };
    }
    collect!(Pod, "pods");
    collect!(Deployment, "deployments.apps");
    collect!(StatefulSet, "statefulsets.apps");
    if ns.is_none() || run.is_some() {
        match Api::<Node>::all(cluster.client.clone())
            .list_metadata(&lp)
            .await
        {
            Ok(l) => metas.extend(l.items.into_iter().map(|o| o.metadata)),
            Err(kube::Error::Api(s)) if s.code == 403 => {
                ctx.warn(
                    "nodes may not be listed: node faults are not cleaned up (needs list on nodes)",
                );
            }
            Err(e) => return Err(cluster.api_error("list", "nodes", None)(e)),
        }
    }
    let now = jiff::Timestamp::now();
    Ok(metas
        .into_iter()
        .filter_map(|m| {
            let run = m.labels.as_ref()?.get(RUN_LABEL)?.clone();
            let rollback =
                serde_json::from_str(m.annotations.as_ref()?.get(ROLLBACK_ANNOTATION)?).ok()?;
            let alive = marks::is_alive(m.annotations.as_ref(), now);
            Some(Leftover {
                run,
                rollback,
                alive,
            })
        })
        .collect())
}

/// Runs `kubectl chaos cleanup`.
pub async fn cleanup(cli: &Cli, args: &cli::CleanupArgs, ctx: &Context) -> Result<Outcome> {
    let cluster = Cluster::connect(&cli.kube).await?;
    cluster.ensure_namespace_exists().await?;
    let found = leftovers(&cluster, args.run.as_deref(), ctx).await?;
    let s = &cli.safety;
    let mut rows = Vec::new();
    let mut failed = 0;
    for left in &found {
        let o = left.rollback.object();
        let what = format!(
            "{}{}",
            o.namespace
                .as_deref()
                .map(|n| format!("{n}/"))
                .unwrap_or_default(),
            o.kind_name()
        );
        let status = if left.alive && !args.force {
            format!(
                "skipped: run {} is alive (its heartbeat is renewed); --force rolls it back anyway",
                left.run
            )
        } else if s.dry_run {
            "would roll back".to_string()
        } else {
            let warn_ctx = ctx.clone();
            let injector = Injector::new(
                &cluster,
                left.run.clone(),
                s.image.clone(),
                safety(s),
                false,
                0,
                move |m| warn_ctx.warn(m),
            );
            let errors = injector
                .rollback("cleanup", std::slice::from_ref(&left.rollback))
                .await;
            failed += errors.len();
            if errors.is_empty() {
                "rolled back".into()
            } else {
                format!("FAILED: {}", errors.join("; "))
            }
        };
        rows.push(vec![left.run.clone(), what, status]);
    }
    if rows.is_empty() {
        ctx.note("nothing to clean up");
    }
    let items: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| serde_json::json!({"run": r[0], "object": r[1], "status": r[2]}))
        .collect();
    let value = shared::output::List::new(
        "chaos",
        "v1alpha1",
        "CleanupList",
        serde_json::json!({"context": cluster.context, "namespace": cluster.scope.namespace().unwrap_or("*"), "dryRun": s.dry_run}),
        items,
    );
    write(cli.output.format, &value, |w| {
        if rows.is_empty() {
            Ok(())
        } else {
            write!(
                w,
                "{}",
                shared::output::table(&["run", "object", "status"], &rows, false)
            )
        }
    })?;
    Ok(if failed == 0 {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}
