//! Synthetic input series for an SLI, for `kubectl slo test`: the vector selectors its
//! queries read (found by walking the PromQL syntax tree), and label sets that match a
//! selector and, where asked, do not match another (an error series that the total counts
//! and the good series does not). Regex matchers are satisfied with a string generated from
//! the regex's syntax tree and checked against the matcher itself.

use promql_parser::label::{MatchOp, Matcher};
use promql_parser::parser::Expr;
use promql_parser::util::{ExprVisitor, walk_expr};
use std::collections::BTreeMap;

/// A vector selector: its matchers, `__name__` included.
#[derive(Debug, Clone)]
pub struct Selector {
    /// Every matcher.
    pub matchers: Vec<Matcher>,
}

struct Collect(Vec<Selector>);

impl ExprVisitor for Collect {
    type Error = ();
    fn pre_visit(&mut self, e: &Expr) -> Result<bool, ()> {
        let vs = match e {
            Expr::VectorSelector(v) => v,
            Expr::MatrixSelector(m) => &m.vs,
            _ => return Ok(true),
        };
        let mut matchers = vs.matchers.matchers.clone();
        if let Some(n) = &vs.name {
            matchers.push(Matcher::new(MatchOp::Equal, "__name__", n));
        }
        self.0.push(Selector { matchers });
        Ok(true)
    }
}

/// The selectors `query` reads, in order.
pub fn selectors(query: &str) -> Result<Vec<Selector>, String> {
    let expr = promql_parser::parser::parse(query)?;
    let mut c = Collect(Vec::new());
    let _ = walk_expr(&mut c, &expr);
    Ok(c.0)
}

/// A short string the regex matches, preferring digits and letters.
fn example(h: &regex_syntax::hir::Hir) -> Option<String> {
    use regex_syntax::hir::{Class, HirKind};
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(String::new()),
        HirKind::Literal(l) => String::from_utf8(l.0.to_vec()).ok(),
        HirKind::Class(Class::Unicode(c)) => {
            let printable = ('0'..='9').chain('a'..='z').chain('A'..='Z');
            printable
                .into_iter()
                .find(|ch| {
                    c.ranges()
                        .iter()
                        .any(|r| r.start() <= *ch && *ch <= r.end())
                })
                .or_else(|| c.ranges().first().map(|r| r.start()))
                .map(String::from)
        }
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .first()
            .map(|r| char::from(r.start()).to_string()),
        HirKind::Repetition(r) => {
            let one = example(&r.sub)?;
            Some(one.repeat(usize::try_from(r.min).unwrap_or(1)))
        }
        HirKind::Capture(c) => example(&c.sub),
        HirKind::Concat(parts) => parts.iter().map(example).collect(),
        HirKind::Alternation(alts) => alts.iter().find_map(example),
    }
}

/// Values worth trying for a label constrained by `matchers`.
fn candidates(matchers: &[&Matcher]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in matchers {
        match &m.op {
            MatchOp::Equal | MatchOp::NotEqual => out.push(m.value.clone()),
            MatchOp::Re(_) | MatchOp::NotRe(_) => {
                if let Ok(h) = regex_syntax::parse(&m.value)
                    && let Some(s) = example(&h)
                {
                    out.push(s);
                }
            }
        }
    }
    out.extend(
        ["synthetic", "200", "500", "ok", "x", "0", "1", "GET"]
            .iter()
            .map(|s| s.to_string()),
    );
    out
}

/// The label set of a series that `want` selects and `avoid` (when given) does not; `None`
/// when no such series can be found.
pub fn series(want: &Selector, avoid: Option<&Selector>) -> Option<BTreeMap<String, String>> {
    let mut labels = BTreeMap::new();
    let names: Vec<&str> = want.matchers.iter().map(|m| m.name.as_str()).collect();
    for name in &names {
        if labels.contains_key(*name) {
            continue;
        }
        let on: Vec<&Matcher> = want.matchers.iter().filter(|m| m.name == *name).collect();
        let value = candidates(&on)
            .into_iter()
            .find(|v| on.iter().all(|m| m.is_match(v)))?;
        if !value.is_empty() {
            labels.insert(name.to_string(), value);
        }
    }
    let Some(avoid) = avoid else {
        return Some(labels);
    };
    if !selects(avoid, &labels) {
        return Some(labels);
    }
    // Break one of `avoid`'s matchers on a label `want` allows to vary.
    for m in &avoid.matchers {
        let on: Vec<&Matcher> = want.matchers.iter().filter(|w| w.name == m.name).collect();
        let mut pool = candidates(&on);
        pool.extend(candidates(&[m]));
        if let Some(v) = pool
            .into_iter()
            .find(|v| !m.is_match(v) && on.iter().all(|w| w.is_match(v)))
        {
            let mut next = labels.clone();
            if v.is_empty() {
                next.remove(&m.name);
            } else {
                next.insert(m.name.clone(), v);
            }
            if selects(want, &next) && !selects(avoid, &next) {
                return Some(next);
            }
        }
    }
    None
}

/// Whether `s` selects a series with `labels` (a missing label is the empty string).
pub fn selects(s: &Selector, labels: &BTreeMap<String, String>) -> bool {
    s.matchers
        .iter()
        .all(|m| m.is_match(labels.get(&m.name).map(String::as_str).unwrap_or_default()))
}

/// `name{a="b", …}` as promtool's input series are written.
pub fn series_text(labels: &BTreeMap<String, String>) -> String {
    let name = labels.get("__name__").cloned().unwrap_or_default();
    let rest: Vec<String> = labels
        .iter()
        .filter(|(k, _)| *k != "__name__")
        .map(|(k, v)| format!("{k}=\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    format!("{name}{{{}}}", rest.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_are_found_in_any_query() {
        let s = selectors(
            "(sum by (route) (rate(req_total{job=\"a\"}[5m]))) - (sum(rate(req_total{code=~\"2..\"}[5m])))",
        )
        .expect("parses");
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn an_error_series_matches_the_errors_and_a_good_one_does_not() {
        let errors = &selectors("req_total{job=\"checkout\", code=~\"5..|429\"}").expect("e")[0];
        let total = &selectors("req_total{job=\"checkout\"}").expect("t")[0];
        let bad = series(errors, None).expect("a bad series");
        assert!(selects(errors, &bad) && selects(total, &bad), "{bad:?}");
        let good = series(total, Some(errors)).expect("a good series");
        assert!(selects(total, &good) && !selects(errors, &good), "{good:?}");
        assert_eq!(
            series_text(&bad),
            "req_total{code=\"500\", job=\"checkout\"}"
        );
    }

    #[test]
    fn negative_matchers_and_impossible_pairs() {
        let errors = &selectors("req_total{code!~\"2..|3..\"}").expect("e")[0];
        let bad = series(errors, None).expect("bad");
        assert!(selects(errors, &bad), "{bad:?}");
        let only = &selectors("req_total{code=\"500\"}").expect("o")[0];
        assert!(
            series(only, Some(only)).is_none(),
            "no series is selected and not selected"
        );
    }
}
