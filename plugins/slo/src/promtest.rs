//! `kubectl slo test`: unit tests of the generated rules in promtool's format, with
//! synthetic series for each SLO: a steady state at half the budget that must not alert, a
//! fast burn that must page within minutes, a slow burn that must ticket and not page, and
//! (with `minEvents`) a trickle of failing requests the low-traffic guard must hold back.
//! Counters carry event SLIs; a boolean gauge's series holds the share of good samples.
//! Building the file is pure; [`run`] writes it beside the rules and runs promtool.

use crate::rules::{self, BURN_WINDOWS, Options, Tier, num, threshold};
use crate::spec::{Sli, Slo};
use crate::synth::{self, Selector};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Events per minute in the scenarios (10 per second).
const TRAFFIC: f64 = 600.0;

/// What a synthetic series carries.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    /// The bad events.
    Bad,
    /// The good events.
    Good,
    /// All events.
    Total,
    /// A boolean gauge's samples (their value is the share of good events).
    Gauge,
}

/// Whether `slo`'s SLI is a boolean gauge (errors and total count its samples).
fn is_gauge(slo: &Slo) -> bool {
    matches!(&slo.sli, Sli::Events { errors, total }
        if errors.text.contains("sum_over_time(") && total.text.contains("count_over_time(")
            && errors.text.contains(crate::spec::WINDOW_SECONDS))
}

/// The synthetic series of one SLO.
#[derive(Debug, Clone)]
pub struct Inputs {
    series: Vec<(BTreeMap<String, String>, Part)>,
    /// Labels the SLI's `sum by` keeps (the group-by labels' synthetic values).
    pub kept: BTreeMap<String, String>,
}

/// One scenario: phases of (minutes, events per minute, error ratio).
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Its name in the test file.
    pub name: String,
    phases: Vec<(u32, f64, f64)>,
    /// When to look, in minutes.
    pub eval_minutes: u32,
    /// Tiers that must be firing then; the others must not.
    pub firing: Vec<Tier>,
}

fn one(sels: &[Selector]) -> Option<&Selector> {
    match sels {
        [s] => Some(s),
        _ => None,
    }
}

fn same(a: &Selector, b: &Selector) -> bool {
    let key = |s: &Selector| {
        let mut v: Vec<String> = s
            .matchers
            .iter()
            .map(|m| format!("{}{}{}", m.name, m.op, m.value))
            .collect();
        v.sort();
        v
    };
    key(a) == key(b)
}

/// Synthetic series for `slo`, or why there cannot be any.
pub fn inputs(slo: &Slo) -> Result<Inputs, String> {
    let Sli::Events { errors, total } = &slo.sli else {
        return Err("a raw error-ratio SLI names no event series to synthesise".into());
    };
    if errors.text.contains("histogram_fraction(") {
        return Err("native histograms cannot be written as promtool input series".into());
    }
    let e = synth::selectors(&errors.at_window("5m"))?;
    let t = synth::selectors(&total.at_window("5m"))?;
    let t = one(&t).ok_or("the total query must read exactly one series selector")?;
    let mut series = if is_gauge(slo) {
        vec![(
            synth::series(t, None).ok_or("no series matches the gauge")?,
            Part::Gauge,
        )]
    } else {
        match e.as_slice() {
            [e] => match synth::series(e, None) {
                Some(bad) if synth::selects(t, &bad) => vec![
                    (bad, Part::Bad),
                    (
                        synth::series(t, Some(e))
                            .ok_or("no series counts in total but not in errors")?,
                        Part::Good,
                    ),
                ],
                _ => vec![
                    (
                        synth::series(e, Some(t)).ok_or("no series matches the errors query")?,
                        Part::Bad,
                    ),
                    (
                        synth::series(t, Some(e)).ok_or("no series matches the total query")?,
                        Part::Total,
                    ),
                ],
            },
            // total - good (good/total ratios and latency histograms).
            [a, b] if same(a, t) || same(b, t) => {
                let g = if same(a, t) { b } else { a };
                match synth::series(g, None) {
                    Some(good) if synth::selects(t, &good) => vec![
                        (good, Part::Good),
                        (
                            synth::series(t, Some(g))
                                .ok_or("no series counts in total but not in good")?,
                            Part::Bad,
                        ),
                    ],
                    _ => vec![
                        (
                            synth::series(g, Some(t)).ok_or("no series matches the good query")?,
                            Part::Good,
                        ),
                        (
                            synth::series(t, Some(g)).ok_or("no series matches the total query")?,
                            Part::Total,
                        ),
                    ],
                }
            }
            _ => return Err("the errors query reads selectors that cannot be told apart".into()),
        }
    };
    let mut kept = BTreeMap::new();
    for g in &slo.group_by {
        kept.insert(g.clone(), "synthetic".to_string());
        for (labels, _) in &mut series {
            labels
                .entry(g.clone())
                .or_insert_with(|| "synthetic".into());
        }
    }
    for (labels, _) in &series {
        for g in &slo.group_by {
            if let Some(v) = labels.get(g) {
                kept.insert(g.clone(), v.clone());
            }
        }
    }
    Ok(Inputs { series, kept })
}

/// The smallest threshold (error ratio) of a tier's window pairs.
fn lowest(slo: &Slo, tier: Tier) -> f64 {
    BURN_WINDOWS
        .iter()
        .filter(|w| w.tier == tier)
        .map(|w| {
            let t = threshold(slo, w);
            (t.factor * slo.budget()).min(1.0)
        })
        .fold(f64::MAX, f64::min)
}

/// The scenarios for `slo`.
pub fn scenarios(slo: &Slo) -> Vec<Scenario> {
    let b = slo.budget();
    let page_1h = {
        let t = threshold(slo, &BURN_WINDOWS[0]);
        (t.factor * b).min(1.0)
    };
    let burn = (4.0 * page_1h).min(1.0);
    // Minutes of burning until the 1h window's ratio reaches the threshold, then margin.
    let to_page = ((60.0 * page_1h / burn).ceil() as u32).max(5) + 5;
    let (ticket, page) = (lowest(slo, Tier::Ticket), lowest(slo, Tier::Page));
    let slow = ticket + (page - ticket) / 4.0;
    let mut out = vec![
        Scenario {
            name: format!(
                "{}: a steady state at half the budget neither pages nor tickets",
                slo.id()
            ),
            phases: vec![(360, TRAFFIC, b / 2.0)],
            eval_minutes: 360,
            firing: vec![],
        },
        Scenario {
            name: format!(
                "{}: a fast burn ({}% errors after an hour without) pages within {to_page} minutes",
                slo.id(),
                num(burn * 100.0)
            ),
            phases: vec![(60, TRAFFIC, 0.0), (to_page + 1, TRAFFIC, burn)],
            eval_minutes: 60 + to_page,
            firing: vec![Tier::Page],
        },
        Scenario {
            name: format!(
                "{}: a slow burn ({}× the budget) tickets and does not page",
                slo.id(),
                num((slow / b * 100.0).round() / 100.0)
            ),
            phases: vec![(420, TRAFFIC, slow)],
            eval_minutes: 420,
            firing: vec![Tier::Ticket],
        },
    ];
    // A gauge has one sample a minute whatever the traffic: no trickle to guard against.
    if slo.alerting.min_events > 0 && !is_gauge(slo) {
        let per_hour = slo.alerting.min_events as f64 / 10.0;
        out.push(Scenario {
            name: format!(
                "{}: {} failing requests an hour stay under the low-traffic guard of {} events",
                slo.id(),
                num(per_hour),
                slo.alerting.min_events
            ),
            phases: vec![(360, per_hour / 60.0, 1.0)],
            eval_minutes: 360,
            firing: vec![],
        });
    }
    out
}

/// promtool's `start+stepxN` notation for a counter growing by `per_minute[i]` for
/// `minutes[i]` minutes, segment after segment.
fn counter(segments: &[(u32, f64)]) -> String {
    let mut cum = 0.0;
    let mut parts = Vec::new();
    for (minutes, per_minute) in segments {
        if *minutes == 0 {
            continue;
        }
        parts.push(format!("{}+{}x{}", num(cum), num(*per_minute), minutes - 1));
        cum += per_minute * f64::from(*minutes);
    }
    parts.join(" ")
}

/// promtool's notation for a gauge holding `value[i]` for `minutes[i]` minutes.
fn gauge(segments: &[(u32, f64)]) -> String {
    segments
        .iter()
        .filter(|(minutes, _)| *minutes > 0)
        .map(|(minutes, v)| format!("{}+0x{}", num(*v), minutes - 1))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The labels of the alert of `tier` that `slo`'s rules raise on the synthetic series.
pub fn alert_labels(
    slo: &Slo,
    opts: &Options,
    inputs: &Inputs,
    tier: Tier,
) -> BTreeMap<String, String> {
    let l = opts.style.labels();
    let mut m = slo.labels.clone();
    m.extend(inputs.kept.clone());
    m.insert(l.id.into(), opts.id_of(slo));
    for (k, v) in [(l.service, &slo.service), (l.slo, &slo.name)] {
        if !k.is_empty() {
            m.insert(k.into(), v.clone());
        }
    }
    m.extend(slo.alerting.labels.clone());
    m.extend(match tier {
        Tier::Page => slo.alerting.page_labels.clone(),
        Tier::Ticket => slo.alerting.ticket_labels.clone(),
    });
    m.insert(l.tier.into(), tier.as_str().into());
    m.insert("alertname".into(), slo.alerting.name.clone());
    m.insert("alertstate".into(), "firing".into());
    m
}

fn selector_text(labels: &BTreeMap<String, String>) -> String {
    let inner: Vec<String> = labels
        .iter()
        .map(|(k, v)| format!("{k}=\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    format!("ALERTS{{{}}}", inner.join(", "))
}

/// One promtool test group for a scenario.
fn test_group(slo: &Slo, opts: &Options, inputs: &Inputs, s: &Scenario) -> Value {
    let input_series: Vec<Value> = inputs
        .series
        .iter()
        .map(|(labels, part)| {
            let segments: Vec<(u32, f64)> = s
                .phases
                .iter()
                .map(|(minutes, traffic, ratio)| {
                    let per_minute = match part {
                        Part::Bad => traffic * ratio,
                        Part::Good => traffic * (1.0 - ratio),
                        Part::Total => *traffic,
                        Part::Gauge => 1.0 - ratio,
                    };
                    (*minutes, per_minute)
                })
                .collect();
            let values = if *part == Part::Gauge {
                gauge(&segments)
            } else {
                counter(&segments)
            };
            json!({"series": synth::series_text(labels), "values": values})
        })
        .collect();
    let l = opts.style.labels();
    let mut checks = Vec::new();
    for tier in [Tier::Page, Tier::Ticket] {
        let labels = alert_labels(slo, opts, inputs, tier);
        let fires = s.firing.contains(&tier);
        // A fast burn may cross the ticket windows too (that depends on the hour before
        // it): the ticket tier is asserted only where the page is not expected.
        if tier == Tier::Ticket && !fires && s.firing.contains(&Tier::Page) {
            continue;
        }
        let selector = format!(
            "ALERTS{{alertname=\"{}\", {}=\"{}\", {}=\"{}\", alertstate=\"firing\"}}",
            slo.alerting.name,
            l.id,
            opts.id_of(slo),
            l.tier,
            tier.as_str()
        );
        let samples = if fires {
            json!([{"labels": selector_text(&labels), "value": 1}])
        } else {
            json!([])
        };
        checks.push(json!({
            "expr": selector,
            "eval_time": format!("{}m", s.eval_minutes),
            "exp_samples": samples,
        }));
    }
    json!({
        "name": s.name,
        "interval": "1m",
        "input_series": input_series,
        "promql_expr_test": checks,
    })
}

/// One scenario's promtool test file.
#[derive(Debug, Clone)]
pub struct Case {
    /// The SLO id.
    pub slo: String,
    /// The scenario's name.
    pub scenario: String,
    /// The test file (it names `rules.yaml` beside it).
    pub file: String,
}

/// What [`build`] makes.
#[derive(Debug, Clone)]
pub struct Suite {
    /// The rule file.
    pub rules: String,
    /// Every scenario in one promtool test file, for users who keep them.
    pub tests: String,
    /// One test file per scenario, so each gets its own verdict.
    pub cases: Vec<Case>,
    /// SLOs without tests, and why.
    pub skipped: Vec<(String, String)>,
}

fn test_file(groups: Vec<Value>) -> String {
    let doc = json!({
        "rule_files": ["rules.yaml"],
        "evaluation_interval": "1m",
        "tests": groups,
    });
    serde_saphyr::to_string(&doc).unwrap_or_default()
}

/// The rules and their tests for `slos`.
pub fn build(slos: &[Slo], opts: &Options) -> Suite {
    let generated = rules::generate(slos, opts);
    let mut all = Vec::new();
    let mut cases = Vec::new();
    let mut skipped = Vec::new();
    for slo in slos {
        if !slo.alerting.enabled {
            skipped.push((slo.id(), "alerting is disabled".to_string()));
            continue;
        }
        match inputs(slo) {
            Ok(inputs) => {
                for s in scenarios(slo) {
                    let group = test_group(slo, opts, &inputs, &s);
                    cases.push(Case {
                        slo: slo.id(),
                        scenario: s.name.clone(),
                        file: test_file(vec![group.clone()]),
                    });
                    all.push(group);
                }
            }
            Err(why) => skipped.push((slo.id(), why)),
        }
    }
    Suite {
        rules: rules::to_yaml(&generated.file),
        tests: test_file(all),
        cases,
        skipped,
    }
}

/// One scenario's result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Verdict {
    /// The SLO id.
    pub slo: String,
    /// The scenario.
    pub scenario: String,
    /// promtool passed it.
    pub passed: bool,
    /// promtool's output when it failed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub output: String,
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> Result<(), shared::error::Error> {
    std::fs::write(dir.join(name), text).map_err(|e| {
        shared::error::Error::usage(
            format!("cannot write {}: {e}", dir.join(name).display()),
            "give --keep a writable directory",
        )
    })
}

/// Writes the rules and every case into `dir` and runs `promtool test rules` on each.
pub fn run_each(
    suite: &Suite,
    dir: &std::path::Path,
) -> Result<Vec<Verdict>, shared::error::Error> {
    write(dir, "rules.yaml", &suite.rules)?;
    write(dir, "tests.yaml", &suite.tests)?;
    let mut out = Vec::new();
    for (i, case) in suite.cases.iter().enumerate() {
        let name = format!("case-{:03}.yaml", i + 1);
        write(dir, &name, &case.file)?;
        let run = std::process::Command::new("promtool")
            .args(["test", "rules", &name])
            .current_dir(dir)
            .output()
            .map_err(|e| {
                shared::error::Error::usage(
                    format!("cannot run promtool: {e}"),
                    "install Prometheus's promtool (Debian: apt install prometheus) or put it on PATH",
                )
            })?;
        let passed = run.status.success();
        let output = if passed {
            String::new()
        } else {
            let mut o = String::from_utf8_lossy(&run.stdout).into_owned();
            o.push_str(&String::from_utf8_lossy(&run.stderr));
            o
        };
        out.push(Verdict {
            slo: case.slo.clone(),
            scenario: case.scenario.clone(),
            passed,
            output,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;

    fn slo(sli: &str, extra: &str) -> Slo {
        let text = format!(
            "apiVersion: slo.sre-toolkit.io/v1alpha1\nkind: SLO\nmetadata: {{name: availability}}\nspec:\n  service: checkout\n  objective: 99.9\n  sli:\n{sli}{extra}"
        );
        parse(&text, "t.yaml").expect("parses").remove(0)
    }

    const RATIO: &str = "    ratio:\n      errors: req_total{job=\"checkout\", code=~\"5..\"}\n      total: req_total{job=\"checkout\"}\n";

    #[test]
    fn error_and_good_series_split_the_traffic() {
        let s = slo(RATIO, "  groupBy: [route]\n");
        let i = inputs(&s).expect("inputs");
        assert_eq!(i.series.len(), 2);
        assert_eq!(i.series[0].1, Part::Bad);
        assert_eq!(
            synth::series_text(&i.series[0].0),
            "req_total{code=\"500\", job=\"checkout\", route=\"synthetic\"}"
        );
        assert_eq!(i.kept["route"], "synthetic");
    }

    #[test]
    fn latency_histograms_give_a_good_bucket_and_the_total() {
        let s = slo(
            "    latency:\n      histogram: latency_bucket{job=\"checkout\"}\n      threshold: 0.3\n",
            "",
        );
        let i = inputs(&s).expect("inputs");
        let texts: Vec<(String, Part)> = i
            .series
            .iter()
            .map(|(l, p)| (synth::series_text(l), *p))
            .collect();
        assert_eq!(
            texts,
            [
                (
                    "latency_bucket{job=\"checkout\", le=\"0.3\"}".to_string(),
                    Part::Good
                ),
                (
                    "latency_bucket{job=\"checkout\", le=\"+Inf\"}".to_string(),
                    Part::Total
                )
            ]
        );
    }

    #[test]
    fn scenarios_cover_steady_fast_slow_and_the_guard() {
        let s = slo(RATIO, "  alerting:\n    minEvents: 100\n");
        let list = scenarios(&s);
        let firing: Vec<Vec<Tier>> = list.iter().map(|s| s.firing.clone()).collect();
        assert_eq!(
            firing,
            [vec![], vec![Tier::Page], vec![Tier::Ticket], vec![]]
        );
        // 99.9 %: the page threshold is 1.44 %, the burn 5.76 %: 15 minutes, plus 5.
        assert_eq!(list[1].eval_minutes, 80);
        assert!(list[3].name.contains("10 failing requests an hour"));
        assert_eq!(counter(&[(60, 600.0), (3, 10.0)]), "0+600x59 36000+10x2");
    }
}
