//! `kubectl doctor --watch`: rerun the checks every `--interval` and print findings as they
//! appear (`+`) and clear (`-`), or one `FindingEvent` JSON line each with `-o json`.

use crate::cli::{DoctorArgs, Format};
use crate::finding::{self, ObjectRef};
use crate::report;
use anyhow::Result;
use shared::run::Outcome;
use std::io::Write;

/// `--watch`: rerun every `--interval` and print findings as they appear (`+`) and clear
/// (`-`); with `-o json`, one JSON object per line (`{"type": "added"|"cleared", ...}`).
pub(crate) async fn watch(
    run: &crate::Diagnose<'_>,
    args: &DoctorArgs,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome> {
    use std::collections::BTreeMap;
    let key = |f: &finding::Finding| (f.check.clone(), f.object.clone());
    let mut current: BTreeMap<(String, ObjectRef), finding::Finding> = BTreeMap::new();
    let structured = format == Format::Json;
    let ctx = run.ctx;
    let mut remaining = args.watch_count;
    loop {
        let d = run.once().await?;
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
        tokio::time::sleep(args.interval()).await;
    }
}
