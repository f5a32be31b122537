//! The faults, their targets and the safety rules: which pods or nodes a fault may touch
//! (protected namespaces, control-plane nodes, the blast radius), which of them it picks
//! (one, N, a percentage or all), and the plan of actions with their kubectl equivalents.
//! Pure: the cluster's objects come in, a plan goes out.

use crate::netem::Shape;
use serde::{Deserialize, Serialize};
use shared::finding::ObjectRef;
use std::time::Duration;

/// Namespaces no fault touches unless named with `--allow-namespace`.
pub const PROTECTED_NAMESPACES: &[&str] = &["kube-system", "kube-public", "kube-node-lease"];
/// A namespace label that protects it too.
pub const PROTECTED_LABEL: &str = "chaos.sre-toolkit.io/protected";
/// The label on everything a run touched.
pub const RUN_LABEL: &str = "chaos.sre-toolkit.io/run";
/// The annotation that records how to roll an object back.
pub const ROLLBACK_ANNOTATION: &str = "chaos.sre-toolkit.io/rollback";

/// How many of the matching targets to pick.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    /// Exactly N (fewer if fewer match).
    Count(usize),
    /// A percentage, rounded up.
    Percent(f64),
    /// Every one.
    All,
}

impl Mode {
    /// How many of `n` candidates.
    pub fn of(&self, n: usize) -> usize {
        match *self {
            Mode::Count(c) => c.min(n),
            Mode::Percent(p) => ((n as f64) * p / 100.0).ceil().min(n as f64) as usize,
            Mode::All => n,
        }
    }
}

/// Which pods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSelector {
    /// Namespace.
    pub namespace: String,
    /// Label selector.
    #[serde(default)]
    pub selector: Option<String>,
    /// How many.
    pub mode: Mode,
}

/// A fault.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "fault")]
pub enum Fault {
    /// Delete pods (once, or every `interval` for `duration`).
    PodKill {
        /// Targets.
        pods: PodSelector,
        /// Grace period (default: the pod's).
        grace_period: Option<i64>,
        /// Repeat every interval.
        interval: Option<Duration>,
        /// For how long to repeat.
        duration: Option<Duration>,
    },
    /// Kill a container's main process (an ephemeral container sharing its process namespace).
    ContainerKill {
        /// Targets.
        pods: PodSelector,
        /// Container (default: the first).
        container: Option<String>,
    },
    /// Make pods fail for a while: their containers' images are swapped for one that never
    /// becomes ready, and swapped back.
    PodFailure {
        /// Targets.
        pods: PodSelector,
        /// How long.
        duration: Duration,
    },
    /// Cordon nodes for a while.
    NodeCordon {
        /// Node label selector.
        nodes: String,
        /// How many.
        mode: Mode,
        /// How long.
        duration: Duration,
    },
    /// Cordon and drain nodes (evictions respect PodDisruptionBudgets), then uncordon.
    NodeDrain {
        /// Node label selector.
        nodes: String,
        /// How many.
        mode: Mode,
        /// How long the node stays cordoned.
        duration: Duration,
        /// How long an eviction a PodDisruptionBudget blocks is retried.
        evict_timeout: Duration,
    },
    /// Scale a Deployment or StatefulSet (to zero by default) and back.
    Scale {
        /// Namespace.
        namespace: String,
        /// `deployment/NAME` or `statefulset/NAME`.
        workload: String,
        /// Replicas during the fault.
        replicas: i32,
        /// How long.
        duration: Duration,
    },
    /// Latency, jitter, loss or bandwidth on pods' traffic (tc in an ephemeral container).
    Network {
        /// Targets.
        pods: PodSelector,
        /// What to do.
        shape: Shape,
        /// How long.
        duration: Duration,
        /// Network device in the pod.
        device: String,
    },
    /// CPU and memory stress in an ephemeral container.
    Stress {
        /// Targets.
        pods: PodSelector,
        /// Busy threads.
        cpu: u32,
        /// Memory to hold, MiB.
        memory_mib: u64,
        /// How long.
        duration: Duration,
    },
}

impl Fault {
    /// Its name, as on the command line.
    pub fn name(&self) -> &'static str {
        match self {
            Fault::PodKill { .. } => "pod-kill",
            Fault::ContainerKill { .. } => "container-kill",
            Fault::PodFailure { .. } => "pod-failure",
            Fault::NodeCordon { .. } => "node-cordon",
            Fault::NodeDrain { .. } => "node-drain",
            Fault::Scale { .. } => "scale",
            Fault::Network { .. } => "network",
            Fault::Stress { .. } => "stress",
        }
    }

    /// The namespace it acts in (node faults: none).
    pub fn namespace(&self) -> Option<&str> {
        match self {
            Fault::PodKill { pods, .. }
            | Fault::ContainerKill { pods, .. }
            | Fault::PodFailure { pods, .. }
            | Fault::Network { pods, .. }
            | Fault::Stress { pods, .. } => Some(&pods.namespace),
            Fault::Scale { namespace, .. } => Some(namespace),
            Fault::NodeCordon { .. } | Fault::NodeDrain { .. } => None,
        }
    }

    /// How long the fault holds before its rollback (none for kills).
    pub fn holds_for(&self) -> Option<Duration> {
        match self {
            Fault::PodFailure { duration, .. }
            | Fault::NodeCordon { duration, .. }
            | Fault::NodeDrain { duration, .. }
            | Fault::Scale { duration, .. }
            | Fault::Network { duration, .. }
            | Fault::Stress { duration, .. } => Some(*duration),
            Fault::PodKill { .. } | Fault::ContainerKill { .. } => None,
        }
    }
}

/// The guard rails.
#[derive(Debug, Clone, Default)]
pub struct Safety {
    /// Protected namespaces allowed anyway.
    pub allow_namespaces: Vec<String>,
    /// The most targets one fault may touch.
    pub max_targets: usize,
    /// The largest share of the matching targets one fault may touch, percent.
    pub max_percent: f64,
    /// Allow control-plane nodes.
    pub allow_control_plane: bool,
}

/// Refuses a protected namespace (by name, or labelled protected) unless allowed.
pub fn check_namespace(
    namespace: &str,
    labels: &std::collections::BTreeMap<String, String>,
    safety: &Safety,
) -> Result<(), String> {
    if safety.allow_namespaces.iter().any(|a| a == namespace) {
        return Ok(());
    }
    let by_name = PROTECTED_NAMESPACES.contains(&namespace);
    let by_label = labels.get(PROTECTED_LABEL).is_some_and(|v| v == "true");
    if by_name || by_label {
        let why = if by_name {
            "is protected"
        } else {
            "is labelled chaos.sre-toolkit.io/protected=true"
        };
        return Err(format!(
            "namespace {namespace} {why}: no fault is injected there unless you pass --allow-namespace {namespace}"
        ));
    }
    Ok(())
}

/// Checks the blast radius: `chosen` of `matching` targets.
pub fn check_radius(chosen: usize, matching: usize, safety: &Safety) -> Result<(), String> {
    if chosen > safety.max_targets {
        return Err(format!(
            "{chosen} targets exceed the blast radius of {} (--max-targets)",
            safety.max_targets
        ));
    }
    if matching > 0 {
        let share = chosen as f64 * 100.0 / matching as f64;
        if share > safety.max_percent + 1e-9 {
            return Err(format!(
                "{chosen} of {matching} matching targets ({share:.0}%) exceed the blast radius of {}% (--max-percent)",
                safety.max_percent
            ));
        }
    }
    Ok(())
}

/// Picks `k` of `n` indices, uniformly, with a seed (xorshift; reproducible with `--seed`).
pub fn pick(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    let mut x = seed | 1;
    for i in 0..k.min(n) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let j = i + (x as usize) % (n - i);
        idx.swap(i, j);
    }
    idx.truncate(k.min(n));
    idx.sort_unstable();
    idx
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// What is done (`delete`, `patch images`, `cordon`, `evict`, `scale`, `ephemeral container`).
    pub verb: String,
    /// To what.
    pub target: ObjectRef,
    /// Details.
    pub detail: String,
    /// The equivalent kubectl command.
    pub kubectl: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn modes_and_picks() {
        assert_eq!(Mode::Count(3).of(2), 2);
        assert_eq!(Mode::Percent(25.0).of(10), 3);
        assert_eq!(Mode::All.of(7), 7);
        let p = pick(10, 3, 42);
        assert_eq!(p.len(), 3);
        assert!(p.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(pick(10, 3, 42), p, "reproducible with a seed");
        assert_eq!(pick(2, 5, 1), vec![0, 1]);
    }

    #[test]
    fn protected_namespaces_and_radius() {
        let safety = Safety {
            max_targets: 5,
            max_percent: 50.0,
            ..Default::default()
        };
        let none = BTreeMap::new();
        assert!(
            check_namespace("kube-system", &none, &safety)
                .expect_err("protected")
                .contains("--allow-namespace kube-system")
        );
        assert!(check_namespace("shop", &none, &safety).is_ok());
        let labelled: BTreeMap<String, String> =
            [(PROTECTED_LABEL.to_string(), "true".to_string())].into();
        assert!(check_namespace("payments", &labelled, &safety).is_err());
        let allowed = Safety {
            allow_namespaces: vec!["kube-system".into()],
            ..safety.clone()
        };
        assert!(check_namespace("kube-system", &none, &allowed).is_ok());
        assert!(check_radius(5, 10, &safety).is_ok());
        assert!(
            check_radius(6, 100, &safety)
                .expect_err("count")
                .contains("--max-targets")
        );
        assert!(
            check_radius(3, 4, &safety)
                .expect_err("share")
                .contains("--max-percent")
        );
    }
}
