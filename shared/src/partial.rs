//! Partial permissions give partial results: a kind the user may not list (403) or that the
//! cluster does not serve (404) is skipped with one warning and recorded, the rest of the
//! run goes on, and the report lists what was skipped (`metadata.skipped`) in one schema
//! for every plugin. Whether everything was refused (exit 4) is the plugin's call.

use crate::error::Error;
use serde::Serialize;
use std::sync::Mutex;

/// A resource that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The resource, e.g. `nodes` or `secrets`.
    pub resource: String,
    /// Why: `forbidden`, `not served by this cluster`...
    pub reason: String,
}

/// Collects what a run had to skip.
pub struct Partial<'a> {
    warn: &'a (dyn Fn(&str) + Sync),
    /// What happens to the skipped resource's checks, for the warning
    /// (`checks that need it report nothing`).
    consequence: &'static str,
    skipped: Mutex<Vec<Skipped>>,
}

impl<'a> Partial<'a> {
    /// Warns through `warn`, ending each warning with `consequence`.
    pub fn new(warn: &'a (dyn Fn(&str) + Sync), consequence: &'static str) -> Self {
        Self {
            warn,
            consequence,
            skipped: Mutex::default(),
        }
    }

    /// Records `resource` (in `namespace`) as skipped for `reason`, with one warning.
    pub fn skip(&self, resource: &str, namespace: Option<&str>, reason: &str) {
        let where_ = namespace
            .map(|n| format!(" in namespace {n:?}"))
            .unwrap_or_default();
        (self.warn)(&format!(
            "skipping {resource}{where_}: {reason}; {}",
            self.consequence
        ));
        if let Ok(mut s) = self.skipped.lock() {
            s.push(Skipped {
                resource: resource.to_string(),
                reason: reason.to_string(),
            });
        }
    }

    /// `Ok(Some(v))`, or — when `r` failed because `resource` is forbidden or not served —
    /// the skip recorded and `Ok(None)`; other errors are returned. With `quiet_404` a kind
    /// the cluster does not serve (an optional CRD) is skipped without a word.
    pub fn tolerate<T>(
        &self,
        resource: &str,
        namespace: Option<&str>,
        r: Result<T, Error>,
        quiet_404: bool,
    ) -> Result<Option<T>, Error> {
        match r {
            Ok(v) => Ok(Some(v)),
            Err(e) => match e.skip_reason() {
                Some("not served by this cluster") if quiet_404 => Ok(None),
                Some(reason) => {
                    self.skip(resource, namespace, reason);
                    Ok(None)
                }
                None => Err(e),
            },
        }
    }

    /// How many resources were skipped so far.
    pub fn count(&self) -> usize {
        self.skipped.lock().map(|s| s.len()).unwrap_or(0)
    }

    /// What was skipped.
    pub fn into_skipped(self) -> Vec<Skipped> {
        self.skipped.into_inner().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_warning_per_skip_and_a_record_of_each() {
        let said = Mutex::new(Vec::new());
        let warn = |m: &str| said.lock().expect("lock").push(m.to_string());
        let p = Partial::new(&warn, "checks that need it report nothing");
        p.skip("nodes", None, "forbidden");
        let r: Result<Option<u8>, Error> = p.tolerate("pods", Some("shop"), Ok(1), false);
        assert_eq!(r.ok().flatten(), Some(1));
        assert_eq!(p.count(), 1);
        assert_eq!(
            said.lock().expect("lock")[0],
            "skipping nodes: forbidden; checks that need it report nothing"
        );
        assert_eq!(
            p.into_skipped(),
            vec![Skipped {
                resource: "nodes".into(),
                reason: "forbidden".into()
            }]
        );
    }
}
