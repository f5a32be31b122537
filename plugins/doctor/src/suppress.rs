//! Suppression: the config file (`--config`, default `~/.config/sre-toolkit/doctor.yaml`)
//! and `--exclude` on the command line. (The per-object annotation `sre-toolkit.io/ignore`
//! is applied in `checks::Cx`.)
//!
//! ```yaml
//! apiVersion: doctor.sre-toolkit.io/v1alpha1
//! kind: DoctorConfig
//! restartThreshold: 5
//! eventWindow: 1h
//! exclude:
//! - checks: [audit-no-probes, pod-restarts]   # ids or sections; empty = all checks
//!   namespaces: [kube-system]                   # globs; empty = any
//!   names: ["legacy-*"]                         # globs; empty = any
//!   labels: {team: legacy}                      # all must match
//! ```

use crate::catalog;
use crate::finding::ObjectRef;
use serde::Deserialize;
use shared::error::Error;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One exclusion rule: every non-empty field must match.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Check ids or section names.
    #[serde(default)]
    pub checks: Vec<String>,
    /// Namespace globs.
    #[serde(default)]
    pub namespaces: Vec<String>,
    /// Object name globs.
    #[serde(default)]
    pub names: Vec<String>,
    /// Labels the object must carry.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

/// The config file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Config {
    /// `doctor.sre-toolkit.io/v1alpha1`.
    #[serde(default)]
    pub api_version: Option<String>,
    /// `DoctorConfig`.
    #[serde(default)]
    pub kind: Option<String>,
    /// Overrides `--restart-threshold`'s default.
    #[serde(default)]
    pub restart_threshold: Option<i32>,
    /// Overrides `--event-window`'s default (a duration such as `1h`).
    #[serde(default)]
    pub event_window: Option<String>,
    /// Exclusions.
    #[serde(default)]
    pub exclude: Vec<Rule>,
}

/// All exclusions in force.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    rules: Vec<Rule>,
}

/// Shell-style glob with `*` and `?`.
pub fn glob(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], t) || (!t.is_empty() && go(p, &t[1..])),
            (Some(b'?'), Some(_)) => go(&p[1..], &t[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &t[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

fn check_known(id: &str) -> Result<(), Error> {
    if id == "*" || catalog::check(id).is_some() || catalog::CATEGORIES.contains(&id) {
        Ok(())
    } else {
        Err(Error::usage(
            format!("unknown check or section {id:?}"),
            "list them with `kubectl doctor checks`",
        ))
    }
}

impl Rule {
    fn matches(
        &self,
        id: &str,
        object: &ObjectRef,
        labels: Option<&BTreeMap<String, String>>,
    ) -> bool {
        let category = catalog::check(id).map(|c| c.category).unwrap_or("");
        (self.checks.is_empty()
            || self
                .checks
                .iter()
                .any(|c| c == "*" || c == id || c == category))
            && (self.namespaces.is_empty()
                || object
                    .namespace
                    .as_deref()
                    .is_some_and(|ns| self.namespaces.iter().any(|g| glob(g, ns))))
            && (self.names.is_empty() || self.names.iter().any(|g| glob(g, &object.name)))
            && self
                .labels
                .iter()
                .all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v))
    }

    /// Parses `--exclude CHECK[@NAMESPACE[/NAME]]` (`*` for any check; globs allowed).
    pub fn parse_flag(text: &str) -> Result<Self, Error> {
        let (check, target) = text.split_once('@').unwrap_or((text, ""));
        let mut rule = Rule::default();
        if !check.is_empty() {
            check_known(check)?;
            rule.checks.push(check.to_string());
        }
        if !target.is_empty() {
            let (ns, name) = target.split_once('/').unwrap_or((target, ""));
            if !ns.is_empty() {
                rule.namespaces.push(ns.to_string());
            }
            if !name.is_empty() {
                rule.names.push(name.to_string());
            }
        }
        if rule == Rule::default() {
            return Err(Error::usage(
                format!("--exclude {text:?} excludes nothing"),
                "use CHECK, CHECK@NAMESPACE or CHECK@NAMESPACE/NAME",
            ));
        }
        Ok(rule)
    }
}

impl Suppressions {
    /// Rules from the config file and the command line.
    pub fn new(config: &Config, flags: Vec<Rule>) -> Self {
        let mut rules = config.exclude.clone();
        rules.extend(flags);
        Self { rules }
    }

    /// Whether a finding of `id` on `object` is excluded.
    pub fn matches(
        &self,
        id: &str,
        object: &ObjectRef,
        labels: Option<&BTreeMap<String, String>>,
    ) -> bool {
        self.rules.iter().any(|r| r.matches(id, object, labels))
    }
}

/// The default config path: `$XDG_CONFIG_HOME/sre-toolkit/doctor.yaml` or `~/.config/...`.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("sre-toolkit").join("doctor.yaml"))
}

/// Loads the config: `path` must exist when given; the default location is optional.
pub fn load(path: Option<&Path>) -> Result<Config, Error> {
    let (path, required) = match path {
        Some(p) => (p.to_path_buf(), true),
        None => match default_path() {
            Some(p) => (p, false),
            None => return Ok(Config::default()),
        },
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Config::default());
        }
        Err(e) => {
            return Err(Error::usage(
                format!("cannot read config {}: {e}", path.display()),
                "pass an existing file to --config",
            ));
        }
    };
    let bad = |m: String| {
        Error::usage(
            format!("invalid config {m}"),
            "see the DoctorConfig example in the README",
        )
    };
    let config: Config = shared::yaml::from_str(&text, &path.display().to_string()).map_err(bad)?;
    if config
        .api_version
        .as_deref()
        .is_some_and(|v| v != "doctor.sre-toolkit.io/v1alpha1")
        || config.kind.as_deref().is_some_and(|k| k != "DoctorConfig")
    {
        return Err(bad(format!(
            "{}: apiVersion/kind must be doctor.sre-toolkit.io/v1alpha1 DoctorConfig (got {} {})",
            path.display(),
            config.api_version.as_deref().unwrap_or("-"),
            config.kind.as_deref().unwrap_or("-")
        )));
    }
    if config.restart_threshold.is_some_and(|t| t < 1) {
        return Err(bad(format!(
            "{}: restartThreshold must be at least 1",
            path.display()
        )));
    }
    for r in &config.exclude {
        for c in &r.checks {
            check_known(c)?;
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("web-*", "web-1"));
        assert!(glob("*", ""));
        assert!(glob("a?c", "abc"));
        assert!(!glob("web-*", "db-1"));
    }

    #[test]
    fn flag_forms() {
        let r = Rule::parse_flag("pod-restarts@shop/web-*").expect("valid");
        let pod = ObjectRef::namespaced("Pod", Some("shop"), "web-7");
        assert!(r.matches("pod-restarts", &pod, None));
        assert!(!r.matches("pod-crashloop", &pod, None));
        let any = Rule::parse_flag("*@kube-system").expect("valid");
        assert!(any.matches(
            "pod-crashloop",
            &ObjectRef::namespaced("Pod", Some("kube-system"), "x"),
            None
        ));
        assert!(Rule::parse_flag("nope").is_err());
        let section = Rule::parse_flag("audit").expect("sections are accepted");
        assert!(section.matches("audit-no-probes", &pod, None));
    }

    #[test]
    fn config_file_parses_and_validates() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("doctor.yaml");
        std::fs::write(&p, "apiVersion: doctor.sre-toolkit.io/v1alpha1\nkind: DoctorConfig\nrestartThreshold: 3\nexclude:\n- checks: [audit]\n  labels: {team: legacy}\n").expect("write");
        let c = load(Some(&p)).expect("loads");
        assert_eq!(c.restart_threshold, Some(3));
        let s = Suppressions::new(&c, vec![]);
        let labels: BTreeMap<String, String> = [("team".to_string(), "legacy".to_string())].into();
        let d = ObjectRef::namespaced("Deployment", Some("a"), "b");
        assert!(s.matches("audit-no-probes", &d, Some(&labels)));
        assert!(!s.matches("audit-no-probes", &d, None));
        std::fs::write(&p, "exclude:\n- checks: [bogus]\n").expect("write");
        assert!(load(Some(&p)).is_err());
        std::fs::write(&p, "exclude: [").expect("write");
        assert!(load(Some(&p)).is_err());
        assert!(load(Some(&dir.path().join("missing.yaml"))).is_err());
    }
}
