//! One diagnosis: the collection pass (with a spinner, refused kinds as warnings, exit 4
//! when nothing at all could be listed) and the selected checks over it; repeatable for
//! `--watch`.

use crate::catalog::Kind;
use crate::checks::{self, Cx, Options};
use crate::snapshot::{self, Snapshot};
use crate::{finding, suppress};
use anyhow::Result;
use shared::cluster::Cluster;
use shared::error::Error;
use shared::run::Context;
use std::collections::BTreeSet;

/// The collection pass with a spinner on stderr; skipped kinds become warnings.
pub(crate) async fn collect_with_progress(
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
    pub(crate) snap: Snapshot,
    pub(crate) findings: Vec<finding::Finding>,
    pub(crate) suppressed: usize,
}

/// One collection pass and the selected checks over it, repeatable (`--watch`).
pub(crate) struct Diagnose<'a> {
    pub(crate) cluster: &'a Cluster,
    pub(crate) kinds: &'a BTreeSet<Kind>,
    pub(crate) selected: &'a BTreeSet<&'static str>,
    pub(crate) opts: &'a Options,
    pub(crate) suppressions: &'a suppress::Suppressions,
    pub(crate) ctx: &'a Context,
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
            let meta = checks::meta_index(&snap);
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
