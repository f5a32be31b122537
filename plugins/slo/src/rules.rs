//! Prometheus rules from SLOs, by the SRE Workbook's multi-window, multi-burn-rate method:
//! error-ratio recordings over every window an alert uses, the exact period SLI (Σ errors /
//! Σ events, not an average of ratios), budget and burn-rate recordings, and a page and a
//! ticket alert per SLO with factors scaled to the SLO's window, a low-traffic guard, a tier
//! label and the Alertmanager inhibit rule that lets a page silence its ticket. Rule and
//! label names follow our style or Sloth's (`--rule-style sloth`) so existing dashboards
//! keep working. Pure: no I/O.

use crate::spec::{Sli, Slo};
use serde::Serialize;
use std::collections::BTreeMap;

/// Whose rule and label names to emit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Style {
    /// `slo_id`, `slo_service`, `slo_name`, `slo_window`, `slo_tier`.
    #[default]
    SreToolkit,
    /// Sloth v0.16's: `sloth_id`, `sloth_service`, `sloth_slo`, `sloth_window`,
    /// `sloth_severity`, and its group names.
    Sloth,
    /// Pyrra's: error ratios as `<metric>:burnrate<window>`, `pyrra_objective`,
    /// `pyrra_window` (seconds), `pyrra_availability`, `pyrra_requests:rate5m` and
    /// `pyrra_errors:rate5m`, every series labelled `slo` with the SLO's name.
    Pyrra,
}

/// The label names of a style.
#[derive(Debug, Clone, Copy)]
pub struct Labels {
    /// The SLO id.
    pub id: &'static str,
    /// The service.
    pub service: &'static str,
    /// The SLO name.
    pub slo: &'static str,
    /// The window of a recording.
    pub window: &'static str,
    /// `page` or `ticket` on alerts.
    pub tier: &'static str,
    /// The prefix of group names.
    group_prefix: &'static str,
}

impl Style {
    /// Its label names.
    pub fn labels(self) -> Labels {
        match self {
            Style::SreToolkit => Labels {
                id: "slo_id",
                service: "slo_service",
                slo: "slo_name",
                window: "slo_window",
                tier: "slo_tier",
                group_prefix: "slo",
            },
            Style::Sloth => Labels {
                id: "sloth_id",
                service: "sloth_service",
                slo: "sloth_slo",
                window: "sloth_window",
                tier: "sloth_severity",
                group_prefix: "sloth-slo",
            },
            // Pyrra labels its series with `slo` only; the tier label stays ours.
            Style::Pyrra => Labels {
                id: "slo",
                service: "",
                slo: "",
                window: "",
                tier: "slo_tier",
                group_prefix: "pyrra",
            },
        }
    }
}

/// A recording beside the error ratios.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meta {
    /// The objective as a ratio.
    Objective,
    /// The budget as a ratio.
    ErrorBudget,
    /// The window (days; Pyrra: seconds).
    TimePeriod,
    /// The 5-minute burn rate.
    CurrentBurnRate,
    /// The burn rate over the window.
    PeriodBurnRate,
    /// The budget left over the window.
    BudgetRemaining,
    /// The 5-minute rate of bad events.
    Errors5m,
    /// The rate of all events over a window.
    Total(&'static str),
}

/// The metric an SLI reads (its total's, else the first selector's), without a counter's
/// or histogram's suffix: Pyrra names its recordings after it.
pub fn metric_of(slo: &Slo) -> String {
    let query = match &slo.sli {
        Sli::Events { total, .. } => total.at_window("5m"),
        Sli::Ratio { ratio } => ratio.at_window("5m"),
    };
    let name = crate::synth::selectors(&query)
        .ok()
        .and_then(|sels| {
            sels.iter().find_map(|s| {
                s.matchers
                    .iter()
                    .find(|m| m.name == "__name__")
                    .map(|m| m.value.clone())
            })
        })
        .unwrap_or_else(|| "slo".into());
    ["_total", "_count", "_bucket", "_sum"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(&name)
        .to_string()
}

/// Generation settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Names.
    pub style: Style,
    /// The recording rules' prefix (`slo` gives `slo:sli_error:ratio_rate5m`).
    pub prefix: String,
}

impl Options {
    /// The value of the id label of `slo`'s series (Pyrra: the SLO's name).
    pub fn id_of(&self, slo: &Slo) -> String {
        match self.style {
            Style::Pyrra => slo.name.clone(),
            _ => slo.id(),
        }
    }

    /// The error-ratio recording over window `w`.
    pub fn ratio_name(&self, slo: &Slo, w: &str) -> String {
        match self.style {
            Style::Pyrra => format!("{}:burnrate{w}", metric_of(slo)),
            _ => format!("{}:sli_error:ratio_rate{w}", self.prefix),
        }
    }

    /// The name of recording `m`.
    pub fn meta_name(&self, m: Meta) -> String {
        let p = &self.prefix;
        match (self.style, m) {
            (Style::Pyrra, Meta::Objective) => "pyrra_objective".into(),
            (Style::Pyrra, Meta::TimePeriod) => "pyrra_window".into(),
            (Style::Pyrra, Meta::Errors5m) => "pyrra_errors:rate5m".into(),
            (Style::Pyrra, Meta::Total(w)) => format!("pyrra_requests:rate{w}"),
            (_, Meta::Objective) => format!("{p}:objective:ratio"),
            (_, Meta::ErrorBudget) => format!("{p}:error_budget:ratio"),
            (_, Meta::TimePeriod) => format!("{p}:time_period:days"),
            (_, Meta::CurrentBurnRate) => format!("{p}:current_burn_rate:ratio"),
            (_, Meta::PeriodBurnRate) => format!("{p}:period_burn_rate:ratio"),
            (_, Meta::BudgetRemaining) => format!("{p}:period_error_budget_remaining:ratio"),
            (_, Meta::Errors5m) => format!("{p}:sli_errors:rate5m"),
            (_, Meta::Total(w)) => format!("{p}:sli_total:rate{w}"),
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Self {
            style: Style::SreToolkit,
            prefix: "slo".into(),
        }
    }
}

/// A tier of alerts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Wake someone up.
    Page,
    /// Look at it in working hours.
    Ticket,
}

impl Tier {
    /// `page` or `ticket`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Page => "page",
            Tier::Ticket => "ticket",
        }
    }
}

/// One long/short window pair of the Workbook's table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BurnWindow {
    /// Its tier.
    pub tier: Tier,
    /// The long window (PromQL duration).
    pub long: &'static str,
    /// Its length in hours.
    pub long_hours: f64,
    /// The short window (1/12 of the long one).
    pub short: &'static str,
    /// The share of the whole budget this alert lets burn in the long window.
    pub budget_spent: f64,
}

/// The Workbook's windows (with Sloth's 1d/2h ticket row): 14.4×, 6×, 3× and 1× at 30 days.
pub const BURN_WINDOWS: [BurnWindow; 4] = [
    BurnWindow {
        tier: Tier::Page,
        long: "1h",
        long_hours: 1.0,
        short: "5m",
        budget_spent: 0.02,
    },
    BurnWindow {
        tier: Tier::Page,
        long: "6h",
        long_hours: 6.0,
        short: "30m",
        budget_spent: 0.05,
    },
    BurnWindow {
        tier: Tier::Ticket,
        long: "1d",
        long_hours: 24.0,
        short: "2h",
        budget_spent: 0.1,
    },
    BurnWindow {
        tier: Tier::Ticket,
        long: "3d",
        long_hours: 72.0,
        short: "6h",
        budget_spent: 0.1,
    },
];

/// The windows error ratios are recorded over (every long and short window).
pub const SLI_WINDOWS: [&str; 7] = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"];

/// The seconds of a window of [`SLI_WINDOWS`].
pub fn window_secs(w: &str) -> u64 {
    let (n, unit) = w.split_at(w.len() - 1);
    let n: u64 = n.parse().unwrap_or(0);
    n * match unit {
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => 1,
    }
}

/// The burn-rate threshold of one window pair for an SLO.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    /// The burn-rate factor (14.4 for the first page window at 30 days).
    pub factor: f64,
    /// The factor would need an error ratio above 100 %: it was lowered to 1/budget (the
    /// alert fires at a 100 % error ratio) so that it can fire at all.
    pub capped: bool,
    /// The scaled factor was below 1 (windows shorter than 30 days): raised to 1, since a
    /// burn rate at or below 1 never spends the budget and such an alert would fire on an
    /// SLO that meets its objective.
    pub floored: bool,
}

/// The factor for `w` scaled exactly to the SLO's window (`budget_spent × window /
/// long window`), raised to 1 where it falls below, capped where it could never fire.
pub fn threshold(slo: &Slo, w: &BurnWindow) -> Threshold {
    let scaled = scaled_factor(slo, w);
    let most = 1.0 / slo.budget();
    let floored = scaled < 1.0;
    let factor = scaled.max(1.0);
    if factor * slo.budget() >= 1.0 {
        Threshold {
            factor: most,
            capped: true,
            floored,
        }
    } else {
        Threshold {
            factor,
            capped: false,
            floored,
        }
    }
}

/// The Workbook's factor scaled to the SLO's window, before any floor or cap.
pub fn scaled_factor(slo: &Slo, w: &BurnWindow) -> f64 {
    w.budget_spent * f64::from(slo.window.days()) * 24.0 / w.long_hours
}

/// A number as rule text: at most ten decimals, no trailing zeros (`0.001`, `14.4`).
pub fn num(v: f64) -> String {
    let s = format!("{v:.10}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// A Prometheus rule (recording or alerting).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    /// Recording rule name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// Alert name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<String>,
    /// The PromQL.
    pub expr: String,
    /// Labels added (or overwritten).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Alert annotations.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

/// A rule group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// Its name.
    pub name: String,
    /// Its rules.
    pub rules: Vec<Rule>,
}

/// A Prometheus rule file.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct RuleFile {
    /// The groups.
    pub groups: Vec<Group>,
}

/// Something the user should know about what was generated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    /// The SLO.
    pub slo: String,
    /// A stable id: `factor-capped`, `factor-floored`, `no-traffic-guard`, `calendar-month-alerts`.
    pub id: &'static str,
    /// What happened.
    pub message: String,
}

/// What [`generate`] makes.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// The rules.
    pub file: RuleFile,
    /// Alertmanager `inhibit_rules` entries: a page silences the ticket of the same SLO.
    pub inhibit_rules: Vec<serde_json::Value>,
    /// Notes.
    pub notes: Vec<Note>,
}

/// The names and selectors one SLO's rules share.
struct Ctx<'a> {
    slo: &'a Slo,
    l: Labels,
    opts: &'a Options,
    id: String,
}

impl Ctx<'_> {
    fn sel(&self) -> String {
        format!("{{{}=\"{}\"}}", self.l.id, self.id)
    }

    fn base_labels(&self) -> BTreeMap<String, String> {
        let mut m = self.slo.labels.clone();
        for (k, v) in [
            (self.l.id, self.id.clone()),
            (self.l.service, self.slo.service.clone()),
            (self.l.slo, self.slo.name.clone()),
        ] {
            if !k.is_empty() {
                m.insert(k.into(), v);
            }
        }
        m
    }

    fn record(&self, name: String, expr: String, window: Option<&str>) -> Rule {
        let mut labels = self.base_labels();
        if let Some(w) = window.filter(|_| !self.l.window.is_empty()) {
            labels.insert(self.l.window.into(), w.into());
        }
        Rule {
            record: Some(name),
            alert: None,
            expr,
            labels,
            annotations: BTreeMap::new(),
        }
    }

    fn ratio_name(&self, w: &str) -> String {
        self.opts.ratio_name(self.slo, w)
    }

    fn name(&self, m: Meta) -> String {
        self.opts.meta_name(m)
    }
}

/// Rules for every SLO.
pub fn generate(slos: &[Slo], opts: &Options) -> Generated {
    let mut out = Generated {
        file: RuleFile::default(),
        inhibit_rules: Vec::new(),
        notes: Vec::new(),
    };
    for slo in slos {
        let cx = Ctx {
            slo,
            l: opts.style.labels(),
            opts,
            id: opts.id_of(slo),
        };
        out.file.groups.push(sli_group(&cx));
        out.file.groups.push(meta_group(&cx));
        if slo.alerting.enabled {
            out.file.groups.push(alert_group(&cx, &mut out.notes));
            let mut equal = vec![cx.l.id.to_string()];
            equal.extend(slo.group_by.iter().cloned());
            out.inhibit_rules.push(serde_json::json!({
                "source_matchers": [format!("{}=\"page\"", cx.l.tier)],
                "target_matchers": [format!("{}=\"ticket\"", cx.l.tier)],
                "equal": equal,
            }));
        }
    }
    out
}

fn sli_group(cx: &Ctx<'_>) -> Group {
    let mut rules = Vec::new();
    for w in SLI_WINDOWS {
        let expr = match &cx.slo.sli {
            Sli::Events { errors, total } => {
                format!("({})\n/\n({})", errors.at_window(w), total.at_window(w))
            }
            Sli::Ratio { ratio } => ratio.at_window(w),
        };
        rules.push(cx.record(cx.ratio_name(w), expr, Some(w)));
    }
    if let Sli::Events { errors, total } = &cx.slo.sli {
        rules.push(cx.record(cx.name(Meta::Errors5m), errors.at_window("5m"), Some("5m")));
        rules.push(cx.record(
            cx.name(Meta::Total("5m")),
            total.at_window("5m"),
            Some("5m"),
        ));
        if cx.slo.alerting.min_events > 0 {
            for w in ["1h", "6h", "1d", "3d"] {
                rules.push(cx.record(cx.name(Meta::Total(w)), total.at_window(w), Some(w)));
            }
        }
    }
    Group {
        name: format!("{}-sli-recordings-{}", cx.l.group_prefix, cx.id),
        rules,
    }
}

fn meta_group(cx: &Ctx<'_>) -> Group {
    let sel = cx.sel();
    let period = cx.slo.window.promql();
    let budget = num(cx.slo.budget());
    let (errors5m, total5m) = (cx.name(Meta::Errors5m), cx.name(Meta::Total("5m")));
    let period_ratio = match &cx.slo.sli {
        // Σ errors / Σ events over the period: each 5-minute rate weighs by its traffic.
        Sli::Events { .. } => format!(
            "sum_over_time({errors5m}{sel}[{period}])\n/\nsum_over_time({total5m}{sel}[{period}])"
        ),
        Sli::Ratio { .. } => format!("avg_over_time({}{sel}[{period}])", cx.ratio_name("5m")),
    };
    let time_period = match cx.opts.style {
        Style::Pyrra => cx.slo.window.duration().as_secs(),
        _ => u64::from(cx.slo.window.days()),
    };
    let period_burn = cx.name(Meta::PeriodBurnRate);
    let mut rules = vec![
        cx.record(
            cx.name(Meta::Objective),
            format!("vector({})", num(cx.slo.objective)),
            None,
        ),
        cx.record(
            cx.name(Meta::ErrorBudget),
            format!("vector({budget})"),
            None,
        ),
        cx.record(
            cx.name(Meta::TimePeriod),
            format!("vector({time_period})"),
            None,
        ),
        cx.record(cx.ratio_name(&period), period_ratio, Some(&period)),
        cx.record(
            cx.name(Meta::CurrentBurnRate),
            format!("{}{sel} / {budget}", cx.ratio_name("5m")),
            None,
        ),
        cx.record(
            period_burn.clone(),
            format!("{}{sel} / {budget}", cx.ratio_name(&period)),
            None,
        ),
        cx.record(
            cx.name(Meta::BudgetRemaining),
            format!("1 - {period_burn}{sel}"),
            None,
        ),
    ];
    if cx.opts.style == Style::Pyrra {
        rules.push(cx.record(
            "pyrra_availability".into(),
            format!("1 - {}{sel}", cx.ratio_name(&period)),
            None,
        ));
    }
    Group {
        name: format!("{}-meta-recordings-{}", cx.l.group_prefix, cx.id),
        rules,
    }
}

/// `max without (window) (EXPR)`: the windows' series then match each other.
fn flat(cx: &Ctx<'_>, expr: String) -> String {
    if cx.l.window.is_empty() {
        return expr;
    }
    format!("max without ({}) ({expr})", cx.l.window)
}

/// The condition of one window pair.
fn condition(cx: &Ctx<'_>, w: &BurnWindow, t: Threshold) -> String {
    let sel = cx.sel();
    let budget = num(cx.slo.budget());
    let (op, limit) = if t.capped {
        (">=", "1".to_string())
    } else {
        (">", format!("({} * {budget})", num(t.factor)))
    };
    let mut parts = vec![
        flat(cx, format!("{}{sel} {op} {limit}", cx.ratio_name(w.long))),
        flat(cx, format!("{}{sel} {op} {limit}", cx.ratio_name(w.short))),
    ];
    let guard = cx.slo.alerting.min_events;
    if guard > 0 && matches!(cx.slo.sli, Sli::Events { .. }) {
        parts.push(flat(
            cx,
            format!(
                "{}{sel} * {} >= {guard}",
                cx.name(Meta::Total(w.long)),
                window_secs(w.long)
            ),
        ));
    }
    format!("(\n  {}\n)", parts.join("\n  and\n  "))
}

fn alert_group(cx: &Ctx<'_>, notes: &mut Vec<Note>) -> Group {
    let slo = cx.slo;
    let mut rules = Vec::new();
    if slo.alerting.min_events > 0 && matches!(slo.sli, Sli::Ratio { .. }) {
        notes.push(Note {
            slo: cx.id.clone(),
            id: "no-traffic-guard",
            message: "minEvents ignored: a raw error-ratio SLI has no event counts".into(),
        });
    }
    if slo.window == crate::spec::Window::CalendarMonth {
        notes.push(Note {
            slo: cx.id.clone(),
            id: "calendar-month-alerts",
            message: "alert factors use a 30-day budget; report --by-month judges each calendar month exactly".into(),
        });
    }
    for tier in [Tier::Page, Tier::Ticket] {
        let windows: Vec<&BurnWindow> = BURN_WINDOWS.iter().filter(|w| w.tier == tier).collect();
        let mut conditions = Vec::new();
        let mut described = Vec::new();
        for w in &windows {
            let t = threshold(slo, w);
            if t.capped {
                notes.push(Note {
                    slo: cx.id.clone(),
                    id: "factor-capped",
                    message: format!(
                        "{} {}/{}: {}× the budget would need an error ratio above 100 % ({} objective); lowered to {}× (fires at a 100 % error ratio)",
                        tier.as_str(),
                        w.long,
                        w.short,
                        num(scaled_factor(slo, w)),
                        num(slo.objective * 100.0) + "%",
                        num(t.factor)
                    ),
                });
            }
            if t.floored {
                notes.push(Note {
                    slo: cx.id.clone(),
                    id: "factor-floored",
                    message: format!(
                        "{} {}/{}: the factor scaled to {} is {}×, below 1 (it would fire while the objective is met); raised to 1×",
                        tier.as_str(),
                        w.long,
                        w.short,
                        slo.window.display(),
                        num(scaled_factor(slo, w))
                    ),
                });
            }
            conditions.push(condition(cx, w, t));
            described.push(format!(
                "{}× over {} and {}",
                num((t.factor * 100.0).round() / 100.0),
                w.long,
                w.short
            ));
        }
        let mut labels = slo.alerting.labels.clone();
        labels.extend(match tier {
            Tier::Page => slo.alerting.page_labels.clone(),
            Tier::Ticket => slo.alerting.ticket_labels.clone(),
        });
        labels.insert(cx.l.tier.into(), tier.as_str().into());
        // Also on the series; here too so that each SLO's alerts are distinct rules.
        labels.insert(cx.l.id.into(), cx.id.clone());
        let mut annotations = slo.alerting.annotations.clone();
        annotations.extend(match tier {
            Tier::Page => slo.alerting.page_annotations.clone(),
            Tier::Ticket => slo.alerting.ticket_annotations.clone(),
        });
        // The spec's own summary and description win over ours.
        annotations.entry("summary".into()).or_insert_with(|| {
            format!(
                "{} {}: the error budget is burning too fast ({})",
                slo.service,
                slo.name,
                tier.as_str()
            )
        });
        annotations.entry("description".into()).or_insert_with(|| {
            format!(
                "The error ratio is above the burn rate of {} of the {} budget of a {}% objective{}.",
                described.join(", or "),
                slo.window.display(),
                num(slo.objective * 100.0),
                if slo.alerting.min_events > 0 && matches!(slo.sli, Sli::Events { .. }) {
                    format!(", with at least {} events in the long window", slo.alerting.min_events)
                } else {
                    String::new()
                }
            )
        });
        rules.push(Rule {
            record: None,
            alert: Some(slo.alerting.name.clone()),
            expr: conditions.join("\nor\n"),
            labels,
            annotations,
        });
    }
    Group {
        name: format!("{}-alerts-{}", cx.l.group_prefix, cx.id),
        rules,
    }
}

/// The rule file as YAML.
pub fn to_yaml(file: &RuleFile) -> String {
    serde_saphyr::to_string(file).unwrap_or_default()
}

/// The rule file as a prometheus-operator `PrometheusRule` named `name`, as YAML.
pub fn to_prometheus_rule(file: &RuleFile, name: &str, namespace: Option<&str>) -> String {
    let mut metadata = serde_json::json!({"name": name, "labels": {"app.kubernetes.io/managed-by": "kubectl-slo"}});
    if let Some(ns) = namespace {
        metadata["namespace"] = serde_json::json!(ns);
    }
    let doc = serde_json::json!({
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": metadata,
        "spec": file,
    });
    serde_saphyr::to_string(&doc).unwrap_or_default()
}

/// The inhibit rules as an Alertmanager config fragment.
pub fn inhibit_yaml(rules: &[serde_json::Value]) -> String {
    serde_saphyr::to_string(&serde_json::json!({ "inhibit_rules": rules })).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;

    fn slo(objective: &str, window: &str, extra: &str) -> Slo {
        let text = format!(
            "apiVersion: slo.sre-toolkit.io/v1alpha1\nkind: SLO\nmetadata: {{name: availability}}\nspec:\n  service: checkout\n  objective: {objective}\n  window: {window}\n  sli:\n    ratio:\n      errors: req_total{{code=~\"5..\"}}\n      total: req_total\n{extra}"
        );
        parse(&text, "t.yaml").expect("parses").remove(0)
    }

    #[test]
    fn factors_are_the_workbooks_at_30_days_and_scale_with_the_window() {
        let s = slo("99.9", "30d", "");
        let f: Vec<String> = BURN_WINDOWS
            .iter()
            .map(|w| num(threshold(&s, w).factor))
            .collect();
        assert_eq!(f, ["14.4", "6", "3", "1"]);
        let s28 = slo("99.9", "28d", "");
        let f: Vec<String> = BURN_WINDOWS
            .iter()
            .map(|w| num(threshold(&s28, w).factor))
            .collect();
        assert_eq!(f, ["13.44", "5.6", "2.8", "1"]);
        assert!(threshold(&s28, &BURN_WINDOWS[3]).floored);
        let g = generate(&[s28], &Options::default());
        assert_eq!(
            g.notes.iter().map(|n| n.id).collect::<Vec<_>>(),
            ["factor-floored"],
            "the 3d/6h ticket at 28 days is 0.93×"
        );
    }

    #[test]
    fn low_objectives_cap_the_factor_instead_of_never_firing() {
        // 14.4 × 10 % = 144 %: no error ratio can reach it.
        let s = slo("90", "30d", "");
        let t = threshold(&s, &BURN_WINDOWS[0]);
        assert!(t.capped);
        assert_eq!(num(t.factor), "10");
        assert!(!threshold(&s, &BURN_WINDOWS[3]).capped);
        let g = generate(&[s], &Options::default());
        let capped: Vec<&Note> = g.notes.iter().filter(|n| n.id == "factor-capped").collect();
        assert_eq!(capped.len(), 1, "{:?}", g.notes);
        let page = &g.file.groups[2].rules[0];
        assert!(
            page.expr
                .contains("slo:sli_error:ratio_rate1h{slo_id=\"checkout-availability\"} >= 1"),
            "{}",
            page.expr
        );
    }

    #[test]
    fn rules_have_every_window_an_exact_period_sli_and_two_tiers() {
        let s = slo("99.9", "30d", "  alerting:\n    minEvents: 100\n");
        let g = generate(&[s], &Options::default());
        assert_eq!(g.file.groups.len(), 3);
        let records: Vec<&str> = g
            .file
            .groups
            .iter()
            .flat_map(|g| g.rules.iter().filter_map(|r| r.record.as_deref()))
            .collect();
        for w in SLI_WINDOWS {
            assert!(records.contains(&format!("slo:sli_error:ratio_rate{w}").as_str()));
        }
        assert!(records.contains(&"slo:sli_total:rate1h"));
        let period = g.file.groups[1]
            .rules
            .iter()
            .find(|r| r.record.as_deref() == Some("slo:sli_error:ratio_rate30d"))
            .expect("period");
        assert!(
            period
                .expr
                .starts_with("sum_over_time(slo:sli_errors:rate5m{")
        );
        let alerts = &g.file.groups[2].rules;
        assert_eq!(alerts.len(), 2);
        assert_eq!(alerts[0].labels["slo_tier"], "page");
        assert_eq!(alerts[0].labels["severity"], "critical");
        assert_eq!(alerts[1].labels["slo_tier"], "ticket");
        assert!(alerts[0].expr.contains("> (14.4 * 0.001)"));
        assert!(
            alerts[0]
                .expr
                .contains("slo:sli_total:rate1h{slo_id=\"checkout-availability\"} * 3600 >= 100")
        );
        assert!(alerts[1].expr.contains("> (1 * 0.001)"));
        assert_eq!(
            g.inhibit_rules[0]["source_matchers"][0],
            "slo_tier=\"page\""
        );
    }

    #[test]
    fn sloth_style_uses_sloths_names() {
        let s = slo("99.9", "30d", "");
        let g = generate(
            &[s],
            &Options {
                style: Style::Sloth,
                prefix: "slo".into(),
            },
        );
        assert_eq!(
            g.file.groups[0].name,
            "sloth-slo-sli-recordings-checkout-availability"
        );
        let r = &g.file.groups[0].rules[0];
        assert_eq!(r.record.as_deref(), Some("slo:sli_error:ratio_rate5m"));
        assert_eq!(r.labels["sloth_window"], "5m");
        assert_eq!(r.labels["sloth_slo"], "availability");
        assert_eq!(g.file.groups[2].rules[0].labels["sloth_severity"], "page");
    }

    #[test]
    fn pyrra_style_uses_pyrras_names_and_its_slo_label() {
        let s = slo("99.9", "30d", "");
        let opts = Options {
            style: Style::Pyrra,
            prefix: "slo".into(),
        };
        let g = generate(&[s], &opts);
        let records: Vec<&str> = g
            .file
            .groups
            .iter()
            .flat_map(|g| g.rules.iter().filter_map(|r| r.record.as_deref()))
            .collect();
        for want in [
            "req:burnrate5m",
            "req:burnrate3d",
            "req:burnrate30d",
            "pyrra_objective",
            "pyrra_window",
            "pyrra_availability",
            "pyrra_errors:rate5m",
            "pyrra_requests:rate5m",
        ] {
            assert!(records.contains(&want), "{want} in {records:?}");
        }
        let r = &g.file.groups[0].rules[0];
        assert_eq!(
            r.labels.get("slo").map(String::as_str),
            Some("availability")
        );
        assert!(!r.labels.contains_key("slo_window"));
        let window = g.file.groups[1]
            .rules
            .iter()
            .find(|r| r.record.as_deref() == Some("pyrra_window"))
            .expect("window");
        assert_eq!(window.expr, "vector(2592000)");
        let alert = &g.file.groups[2].rules[0];
        assert!(!alert.expr.contains("max without"), "{}", alert.expr);
        assert!(
            alert.expr.contains("req:burnrate1h{slo=\"availability\"}"),
            "{}",
            alert.expr
        );
    }

    #[test]
    fn the_specs_annotations_win_and_tiers_keep_their_own() {
        let text = "version: prometheus/v1\nservice: svc\nslos:\n  - name: a\n    objective: 99.9\n    sli:\n      events:\n        error_query: sum(rate(errs[{{.window}}]))\n        total_query: sum(rate(reqs[{{.window}}]))\n    alerting:\n      annotations: {summary: mine}\n      page_alert: {annotations: {pager: yes}}\n      ticket_alert: {annotations: {queue: ops}}\n";
        let g = generate(&parse(text, "s.yaml").expect("sloth"), &Options::default());
        let (page, ticket) = (&g.file.groups[2].rules[0], &g.file.groups[2].rules[1]);
        assert_eq!(page.annotations["summary"], "mine");
        assert_eq!(
            page.annotations.get("pager").map(String::as_str),
            Some("yes")
        );
        assert!(!page.annotations.contains_key("queue"));
        assert_eq!(
            ticket.annotations.get("queue").map(String::as_str),
            Some("ops")
        );
        assert!(ticket.annotations["description"].contains("3× over 1d and 2h"));
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(num(1.0 - 0.999), "0.001");
        assert_eq!(num(14.4), "14.4");
        assert_eq!(num(100.0), "100");
        assert_eq!(window_secs("3d"), 259_200);
    }
}
