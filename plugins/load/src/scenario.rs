//! User-journey scenarios (YAML), run by goose: steps with method, path, headers, body,
//! weight and think time, run in order by every user; values extracted from one response
//! (`json: token`, `header: x-session`) are reused as `${token}` in later steps, per user
//! (a session). goose has no arrival-rate executor, so scenarios run the closed model; the
//! quick form's engine is the open model. goose's per-request timing buckets are converted
//! into the same HDR histograms as the engine's, so reports, merging and thresholds are the
//! same.

use crate::hist::Hist;
use crate::result::RunResult;
use goose::prelude::*;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

/// How to pull a value out of a response.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extract {
    /// A dotted path into a JSON body (`token`, `data.items.0.id`).
    #[serde(default)]
    pub json: Option<String>,
    /// A response header.
    #[serde(default)]
    pub header: Option<String>,
}

/// One step of the journey.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Step {
    /// Name in the report (default: METHOD path).
    #[serde(default)]
    pub name: Option<String>,
    /// Method (default GET).
    #[serde(default = "get")]
    pub method: String,
    /// Path (relative to the target) or absolute URL; `${var}` substituted.
    pub path: String,
    /// Headers; `${var}` substituted in values.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Body; `${var}` substituted.
    #[serde(default)]
    pub body: Option<String>,
    /// Values to extract, by variable name.
    #[serde(default)]
    pub extract: BTreeMap<String, Extract>,
    /// How many times this step runs per iteration (default 1).
    #[serde(default = "one")]
    pub weight: usize,
    /// Pause after the step (default: the scenario's `thinkTime`).
    #[serde(default)]
    pub think: Option<String>,
}

fn get() -> String {
    "GET".into()
}

fn one() -> usize {
    1
}

/// A scenario file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Scenario {
    /// `load.sre-toolkit.io/v1alpha1`.
    pub api_version: String,
    /// `Scenario`.
    pub kind: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Pause after every step unless it says otherwise (e.g. `500ms`).
    #[serde(default)]
    pub think_time: Option<String>,
    /// The journey.
    pub steps: Vec<Step>,
}

fn vars_in(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        let after = &rest[i + 2..];
        match after.find('}') {
            Some(j) => {
                out.push(after[..j].to_string());
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    out
}

/// Parses and checks a scenario: known fields only, at least one step, valid methods and
/// durations, and every `${var}` defined by an earlier step's `extract` (or `user`).
pub fn parse(text: &str) -> Result<Scenario, String> {
    let s: Scenario = shared::yaml::from_str(text, "scenario")?;
    if s.api_version != "load.sre-toolkit.io/v1alpha1" || s.kind != "Scenario" {
        return Err(format!(
            "apiVersion/kind must be load.sre-toolkit.io/v1alpha1 Scenario (got {} {})",
            s.api_version, s.kind
        ));
    }
    if s.steps.is_empty() {
        return Err("a scenario needs at least one step".into());
    }
    if let Some(t) = &s.think_time {
        shared::duration::parse(t).map_err(|e| format!("thinkTime: {e}"))?;
    }
    let mut defined: Vec<String> = vec!["user".into()];
    for (i, step) in s.steps.iter().enumerate() {
        let at = format!(
            "step {} ({})",
            i + 1,
            step.name.as_deref().unwrap_or(&step.path)
        );
        method(&step.method).ok_or_else(|| format!("{at}: unknown method {:?}", step.method))?;
        if step.weight == 0 {
            return Err(format!("{at}: weight must be at least 1"));
        }
        if let Some(t) = &step.think {
            shared::duration::parse(t).map_err(|e| format!("{at}: think: {e}"))?;
        }
        let mut used = vars_in(&step.path);
        for v in step.headers.values() {
            used.extend(vars_in(v));
        }
        if let Some(b) = &step.body {
            used.extend(vars_in(b));
        }
        if let Some(v) = used.iter().find(|v| !defined.contains(v)) {
            return Err(format!(
                "{at}: ${{{v}}} is not extracted by an earlier step (defined: {})",
                defined.join(", ")
            ));
        }
        for (name, e) in &step.extract {
            if e.json.is_some() == e.header.is_some() {
                return Err(format!(
                    "{at}: extract {name}: give exactly one of json or header"
                ));
            }
            defined.push(name.clone());
        }
    }
    Ok(s)
}

fn method(m: &str) -> Option<GooseMethod> {
    Some(match m.to_ascii_uppercase().as_str() {
        "GET" => GooseMethod::Get,
        "POST" => GooseMethod::Post,
        "PUT" => GooseMethod::Put,
        "PATCH" => GooseMethod::Patch,
        "DELETE" => GooseMethod::Delete,
        "HEAD" => GooseMethod::Head,
        _ => return None,
    })
}

/// Per-user session variables.
#[derive(Debug, Clone, Default)]
struct Session(HashMap<String, String>);

fn substitute(s: &str, vars: &HashMap<String, String>) -> String {
    let mut out = s.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("${{{k}}}"), v);
    }
    out
}

/// `data.items.0.id` in a JSON value, as a string.
pub fn json_path(v: &serde_json::Value, path: &str) -> Option<String> {
    let mut cur = v;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        cur = match cur {
            serde_json::Value::Array(a) => a.get(part.parse::<usize>().ok()?)?,
            other => other.get(part)?,
        };
    }
    Some(match cur {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

fn transaction(step: Step, default_think: Duration) -> Transaction {
    let step = Arc::new(step);
    let f: TransactionFunction = Arc::new(move |user: &mut GooseUser| {
        let step = step.clone();
        Box::pin(async move {
            if user.get_session_data::<Session>().is_none() {
                let mut vars = HashMap::new();
                vars.insert("user".to_string(), user.weighted_users_index.to_string());
                user.set_session_data(Session(vars));
            }
            let vars = user
                .get_session_data::<Session>()
                .map(|s| s.0.clone())
                .unwrap_or_default();
            let path = substitute(&step.path, &vars);
            let m = method(&step.method).unwrap_or(GooseMethod::Get);
            let mut rb = user.get_request_builder(&m, &path)?;
            for (k, v) in &step.headers {
                rb = rb.header(k.as_str(), substitute(v, &vars));
            }
            if let Some(b) = &step.body {
                rb = rb.body(substitute(b, &vars));
            }
            let name = step
                .name
                .clone()
                .unwrap_or_else(|| format!("{} {}", step.method.to_ascii_uppercase(), step.path));
            let req = GooseRequest::builder()
                .method(m)
                .path(path.as_str())
                .name(name.as_str())
                .set_request_builder(rb)
                .build();
            let goose = user.request(req).await?;
            if !step.extract.is_empty()
                && let Ok(resp) = goose.response
            {
                let mut found = HashMap::new();
                for (var, e) in &step.extract {
                    if let Some(h) = &e.header
                        && let Some(v) =
                            resp.headers().get(h.as_str()).and_then(|v| v.to_str().ok())
                    {
                        found.insert(var.clone(), v.to_string());
                    }
                }
                let wants_body = step.extract.values().any(|e| e.json.is_some());
                if wants_body && let Ok(text) = resp.text().await {
                    let json: serde_json::Value =
                        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
                    for (var, e) in &step.extract {
                        if let Some(p) = &e.json
                            && let Some(v) = json_path(&json, p)
                        {
                            found.insert(var.clone(), v);
                        }
                    }
                }
                if let Some(s) = user.get_session_data_mut::<Session>() {
                    s.0.extend(found);
                }
            }
            let think = step
                .think
                .as_deref()
                .and_then(|t| shared::duration::parse(t).ok())
                .unwrap_or(default_think);
            if !think.is_zero() {
                tokio::time::sleep(think).await;
            }
            Ok(())
        })
    });
    Transaction::new(f)
}

/// Runs `scenario` against `base` with `users` for `duration`; the result in the engine's
/// terms (closed model: latency = service time).
pub async fn run(
    scenario: &Scenario,
    base: &str,
    users: usize,
    duration: Duration,
    timeout: Duration,
) -> Result<RunResult, String> {
    let default_think = scenario
        .think_time
        .as_deref()
        .and_then(|t| shared::duration::parse(t).ok())
        .unwrap_or_default();
    let secs = duration.as_secs().max(1).to_string();
    let users_s = users.max(1).to_string();
    let timeout_s = timeout.as_secs().max(1).to_string();
    let config = goose::config::GooseConfiguration::parse_args_default(&[
        "--host",
        base,
        "--users",
        &users_s,
        "--increase-rate",
        &users_s,
        "--run-time",
        &secs,
        "--timeout",
        &timeout_s,
        "--no-print-metrics",
        "--no-error-summary",
        "--no-telnet",
        "--quiet",
    ])
    .map_err(|e| format!("goose configuration: {e}"))?;
    let mut journey = goose::goose::Scenario::new(scenario.name.as_deref().unwrap_or("scenario"));
    for (i, step) in scenario.steps.iter().enumerate() {
        let weight = step.weight;
        let t = transaction(step.clone(), default_think)
            .set_sequence(i + 1)
            .set_weight(weight)
            .map_err(|e| format!("step {}: {e}", i + 1))?;
        journey = journey.register_transaction(t);
    }
    let metrics = GooseAttack::initialize_with_config(config)
        .map_err(|e| format!("goose: {e}"))?
        .register_scenario(journey)
        .execute()
        .await
        .map_err(|e| format!("goose: {e}"))?;
    Ok(convert(&metrics))
}

/// goose's metrics in the engine's terms.
pub fn convert(m: &GooseMetrics) -> RunResult {
    let mut r = RunResult {
        elapsed_seconds: m.duration as f64,
        ..Default::default()
    };
    let mut h = Hist::default();
    for (key, agg) in &m.requests {
        let step = r.steps.entry(key.clone()).or_default();
        step.requests += (agg.success_count + agg.fail_count) as u64;
        step.errors += agg.fail_count as u64;
        for (us, n) in agg.raw_data.times_us.iter() {
            step.latency.0.saturating_record_n((*us).max(1), *n as u64);
        }
        r.requests += (agg.success_count + agg.fail_count) as u64;
        r.errors += agg.fail_count as u64;
        for (code, n) in &agg.status_code_counts {
            *r.status.entry(*code).or_default() += *n as u64;
            if *code == 0 {
                *r.error_kinds.entry("connect".into()).or_default() += *n as u64;
            } else if *code >= 400 {
                *r.error_kinds.entry(format!("status {code}")).or_default() += *n as u64;
            }
        }
        for (us, n) in agg.raw_data.times_us.iter() {
            h.0.saturating_record_n((*us).max(1), *n as u64);
        }
    }
    r.status.remove(&0);
    r.latency = h.clone();
    r.service = h;
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
apiVersion: load.sre-toolkit.io/v1alpha1
kind: Scenario
thinkTime: 10ms
steps:
- name: login
  method: POST
  path: /login
  body: '{"user": "u${user}"}'
  extract: {token: {json: session.token}, trace: {header: x-trace}}
- path: /cart
  headers: {authorization: "Bearer ${token}"}
  weight: 3
"#;

    #[test]
    fn scenarios_parse_and_check_variables() {
        let s = parse(OK).expect("valid");
        assert_eq!(s.steps.len(), 2);
        assert_eq!(s.steps[1].weight, 3);
        let undefined = OK.replace("${token}", "${missing}");
        assert!(
            parse(&undefined)
                .expect_err("undefined")
                .contains("${missing}")
        );
        assert!(parse(&OK.replace("POST", "FETCH")).is_err());
        assert!(parse(&OK.replace("thinkTime: 10ms", "thinkTime: soon")).is_err());
        assert!(parse(&OK.replace("path: /cart", "pth: /cart")).is_err());
        assert!(parse("apiVersion: v1\nkind: Pod\nsteps: []\n").is_err());
        assert!(parse("not: [yaml").is_err());
    }

    #[test]
    fn json_paths() {
        let v: serde_json::Value =
            serde_json::from_str(r#"{"a": {"b": [{"id": 7}, {"id": "x"}]}}"#).expect("json");
        assert_eq!(json_path(&v, "a.b.0.id"), Some("7".into()));
        assert_eq!(json_path(&v, "a.b.1.id"), Some("x".into()));
        assert_eq!(json_path(&v, "a.c"), None);
    }
}
