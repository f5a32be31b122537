//! Equivalence with Sloth itself: Sloth v0.16.0 (built from its Go module into the tools
//! cache by scripts/lib/prereqs.sh) and `kubectl slo generate --rule-style sloth` turn the
//! same Sloth spec into rules; promtool (Debian's) evaluates both over the same series —
//! the steady state, the fast burn and the slow burn `kubectl slo test` synthesises — and
//! the page and ticket alerts must be firing at exactly the same minutes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use testcluster::testing::{Run, require_tool, run_plugin};

fn slo(args: &[&str]) -> Run {
    run_plugin(&PathBuf::from(env!("CARGO_BIN_EXE_kubectl-slo")), args, &[])
}

fn sloth() -> Option<PathBuf> {
    let bin = std::env::var_os("SRE_TOOLKIT_SLOTH")
        .map(PathBuf::from)
        .unwrap_or_else(|| testcluster::cache_dir().join("tools/sloth-v0.16.0/sloth"));
    let promtool = std::process::Command::new("promtool")
        .arg("--version")
        .output()
        .is_ok();
    (require_tool(
        bin.exists(),
        "Sloth v0.16.0",
        "scripts/test.sh (ensure_sloth)",
    ) && require_tool(
        promtool,
        "promtool",
        "scripts/test.sh (Debian package prometheus)",
    ))
    .then_some(bin)
}

/// (minute, tier) of every firing `alert` when `rules` are evaluated over the series of
/// the promtool test file `case`, every minute up to its last evaluation.
fn firing(dir: &Path, case: &str, rules: &str, alert: &str) -> BTreeSet<(u32, String)> {
    let head = case
        .split("  promql_expr_test:")
        .next()
        .and_then(|h| h.split("  alert_rule_test:").next())
        .unwrap_or_default()
        .replace("- rules.yaml", &format!("- {rules}"));
    let last: u32 = case
        .lines()
        .filter_map(|l| l.trim().strip_prefix("eval_time: "))
        .filter_map(|t| t.trim_end_matches('m').parse().ok())
        .max()
        .unwrap_or(60);
    // Groups in file order (recordings before the alerts that read them): promtool's own
    // order between groups is not fixed, which shifts an alert by one evaluation at random.
    let groups: Vec<String> = std::fs::read_to_string(dir.join(rules))
        .expect("rules")
        .lines()
        .filter_map(|l| l.strip_prefix("- name: "))
        .map(|n| n.trim().trim_matches('"').to_string())
        .collect();
    let head = head.replacen(
        "tests:",
        &format!("group_eval_order: [{}]\ntests:", groups.join(", ")),
        1,
    );
    let mut probe = format!("{head}  promql_expr_test:\n");
    for m in 0..=last + 30 {
        probe.push_str(&format!(
            "  - eval_time: {m}m\n    expr: count by (sloth_severity) (ALERTS{{alertname=\"{alert}\", alertstate=\"firing\"}})\n    exp_samples: []\n"
        ));
    }
    let path = dir.join(format!("probe-{rules}"));
    std::fs::write(&path, probe).expect("probe");
    let out = std::process::Command::new("promtool")
        .args(["test", "rules"])
        .arg(&path)
        .current_dir(dir)
        .output()
        .expect("promtool");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    // Expectations of nothing: minutes where something fires fail; a file that does not
    // load says neither.
    assert!(
        text.contains("SUCCESS") || text.contains("FAILED:"),
        "{rules}: {text}"
    );
    let mut got = BTreeSet::new();
    let mut minute = None;
    for line in text.lines() {
        if let Some(t) = line.split("time: ").nth(1) {
            minute = Some(promtool_minutes(t.trim_end_matches(',')));
        }
        if let (Some(m), Some(g)) = (minute, line.trim().strip_prefix("got:")) {
            for tier in ["page", "ticket"] {
                if g.contains(&format!("sloth_severity=\"{tier}\"")) {
                    got.insert((m, tier.to_string()));
                }
            }
        }
    }
    got
}

/// Minutes of promtool's duration text (`1h20m`, `45m`, `0s`).
fn promtool_minutes(t: &str) -> u32 {
    let (mut total, mut n) = (0u32, 0u32);
    for c in t.chars() {
        match c {
            '0'..='9' => n = n * 10 + c.to_digit(10).unwrap_or(0),
            'h' => (total, n) = (total + 60 * n, 0),
            'm' => (total, n) = (total + n, 0),
            _ => n = 0,
        }
    }
    total
}

#[test]
fn sloth_and_our_sloth_style_rules_fire_at_the_same_minutes() {
    let Some(sloth) = sloth() else {
        return;
    };
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sloth.yaml");
    let dir = tempfile::tempdir().expect("tmp");
    let theirs = std::process::Command::new(&sloth)
        .args(["generate", "-i"])
        .arg(&spec)
        .arg("-o")
        .arg(dir.path().join("sloth-rules.yaml"))
        .output()
        .expect("sloth");
    assert!(
        theirs.status.success(),
        "{}",
        String::from_utf8_lossy(&theirs.stderr)
    );
    let spec = spec.display().to_string();
    let keep = dir.path().display().to_string();
    let t = slo(&["test", &spec, "--rule-style", "sloth", "--keep", &keep]);
    assert_eq!(t.code, 0, "{}", t.stderr);
    std::fs::rename(
        dir.path().join("rules.yaml"),
        dir.path().join("our-rules.yaml"),
    )
    .expect("rename");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("case-"))
        })
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 3, "steady, fast burn, slow burn");
    let mut fired = BTreeSet::new();
    for case in &cases {
        let text = std::fs::read_to_string(case).expect("case");
        let ours = firing(
            dir.path(),
            &text,
            "our-rules.yaml",
            "MyServiceHighErrorRate",
        );
        let theirs = firing(
            dir.path(),
            &text,
            "sloth-rules.yaml",
            "MyServiceHighErrorRate",
        );
        assert_eq!(ours, theirs, "{}: ours vs Sloth's", case.display());
        fired.extend(ours.into_iter().map(|(_, tier)| tier));
    }
    assert_eq!(
        fired,
        ["page".to_string(), "ticket".to_string()].into(),
        "the scenarios make both tiers fire"
    );
}

#[test]
fn promtool_durations_read_as_minutes() {
    assert_eq!(promtool_minutes("1h20m"), 80);
    assert_eq!(promtool_minutes("45m"), 45);
    assert_eq!(promtool_minutes("0s"), 0);
    assert_eq!(promtool_minutes("2h"), 120);
}
