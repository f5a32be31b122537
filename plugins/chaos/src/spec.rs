//! One flat description of a fault, shared by the one-off command line
//! (`kubectl chaos pod-kill -l app=web --count 1`, through [`crate::cli`]) and experiment
//! files (`method:` steps), turned into a checked [`Fault`]: a field the fault does not use
//! is refused, and pod and node faults need a selector or an explicit `all`.

use crate::fault::{Fault, Mode, PodSelector};
use crate::netem::Shape;
use serde::Deserialize;
use std::time::Duration;

/// A fault as written.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FaultSpec {
    /// Experiments: the fault's name (`pod-kill`...).
    #[serde(default)]
    pub fault: Option<String>,
    /// Experiments: a pause instead of a fault (e.g. `10s`).
    #[serde(default)]
    pub pause: Option<String>,
    /// Experiments: a `kubectl load run` phase (its arguments), running in the background
    /// through the following steps; its thresholds join the verdict.
    #[serde(default)]
    pub load: Option<Vec<String>>,
    /// Label selector of the target pods (or nodes, for node faults).
    #[serde(default)]
    pub selector: Option<String>,
    /// Namespace of the targets (experiments: default the experiment's).
    #[serde(default)]
    pub namespace: Option<String>,
    /// Pick N targets.
    #[serde(default)]
    pub count: Option<usize>,
    /// Pick this percentage of the matching targets (`30` or `"30%"`).
    #[serde(default, deserialize_with = "shared::percent::deserialize_opt")]
    pub percent: Option<f64>,
    /// Pick every matching target.
    #[serde(default)]
    pub all: bool,
    /// How long the fault lasts (pod-kill: how long to repeat with --interval).
    #[serde(default)]
    pub duration: Option<String>,
    /// pod-kill: repeat every interval.
    #[serde(default)]
    pub interval: Option<String>,
    /// pod-kill: grace period, seconds.
    #[serde(default)]
    pub grace_period: Option<i64>,
    /// container-kill: the container (default: the first).
    #[serde(default)]
    pub container: Option<String>,
    /// network: added latency (e.g. 100ms).
    #[serde(default)]
    pub latency: Option<String>,
    /// network: jitter around the latency.
    #[serde(default)]
    pub jitter: Option<String>,
    /// network: packet loss, percent (`10` or `"10%"`).
    #[serde(default, deserialize_with = "shared::percent::deserialize_opt")]
    pub loss: Option<f64>,
    /// network: bandwidth limit, kbit/s.
    #[serde(default)]
    pub bandwidth_kbit: Option<u64>,
    /// network: the pod's device.
    #[serde(default)]
    pub device: Option<String>,
    /// stress: busy threads.
    #[serde(default)]
    pub cpu: Option<u32>,
    /// stress: memory to hold, MiB.
    #[serde(default)]
    pub memory_mib: Option<u64>,
    /// node-drain: how long an eviction a PodDisruptionBudget blocks is retried (default 30s).
    #[serde(default)]
    pub evict_timeout: Option<String>,
    /// scale: deployment/NAME or statefulset/NAME.
    #[serde(default)]
    pub workload: Option<String>,
    /// scale: replicas during the fault (default 0).
    #[serde(default)]
    pub replicas: Option<i32>,
}

fn dur(field: &str, v: &Option<String>) -> Result<Option<Duration>, String> {
    v.as_deref()
        .map(|s| shared::duration::parse(s).map_err(|e| format!("{field}: {e}")))
        .transpose()
}

fn need(field: &str, v: Option<Duration>, fault: &str) -> Result<Duration, String> {
    let d = v.ok_or_else(|| format!("{fault} needs --{field} (e.g. 30s)"))?;
    if d.is_zero() {
        return Err(format!("{fault}: --{field} must be above zero"));
    }
    Ok(d)
}

/// The fields (as written in experiment files) each fault takes besides `fault` and
/// `namespace`.
fn fields_of(fault: &str) -> Option<&'static [&'static str]> {
    const TARGETS: [&str; 4] = ["selector", "count", "percent", "all"];
    Some(match fault {
        "pod-kill" => &[
            TARGETS[0],
            TARGETS[1],
            TARGETS[2],
            TARGETS[3],
            "interval",
            "duration",
            "gracePeriod",
        ],
        "container-kill" => &[TARGETS[0], TARGETS[1], TARGETS[2], TARGETS[3], "container"],
        "pod-failure" | "node-cordon" => {
            &[TARGETS[0], TARGETS[1], TARGETS[2], TARGETS[3], "duration"]
        }
        "node-drain" => &[
            TARGETS[0],
            TARGETS[1],
            TARGETS[2],
            TARGETS[3],
            "duration",
            "evictTimeout",
        ],
        "scale" => &["workload", "replicas", "duration"],
        "network" => &[
            TARGETS[0],
            TARGETS[1],
            TARGETS[2],
            TARGETS[3],
            "duration",
            "latency",
            "jitter",
            "loss",
            "bandwidthKbit",
            "device",
        ],
        "stress" => &[
            TARGETS[0],
            TARGETS[1],
            TARGETS[2],
            TARGETS[3],
            "duration",
            "cpu",
            "memoryMib",
        ],
        _ => return None,
    })
}

impl FaultSpec {
    /// The fault fields that are set, by their names in experiment files.
    fn given(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut note = |set: bool, name: &'static str| {
            if set {
                out.push(name);
            }
        };
        note(self.selector.is_some(), "selector");
        note(self.count.is_some(), "count");
        note(self.percent.is_some(), "percent");
        note(self.all, "all");
        note(self.duration.is_some(), "duration");
        note(self.interval.is_some(), "interval");
        note(self.grace_period.is_some(), "gracePeriod");
        note(self.container.is_some(), "container");
        note(self.latency.is_some(), "latency");
        note(self.jitter.is_some(), "jitter");
        note(self.loss.is_some(), "loss");
        note(self.bandwidth_kbit.is_some(), "bandwidthKbit");
        note(self.device.is_some(), "device");
        note(self.cpu.is_some(), "cpu");
        note(self.memory_mib.is_some(), "memoryMib");
        note(self.evict_timeout.is_some(), "evictTimeout");
        note(self.workload.is_some(), "workload");
        note(self.replicas.is_some(), "replicas");
        out
    }

    /// Refuses fields the fault does not use (they would be silently ignored).
    fn only_fields_of(&self, fault: &str) -> Result<(), String> {
        let Some(allowed) = fields_of(fault) else {
            return Err(format!("unknown fault {fault:?}"));
        };
        let stray: Vec<&str> = self
            .given()
            .into_iter()
            .filter(|f| !allowed.contains(f))
            .collect();
        if stray.is_empty() {
            return Ok(());
        }
        Err(format!(
            "{fault} does not take {} (it takes {})",
            stray.join(", "),
            allowed.join(", ")
        ))
    }

    /// Pod and node faults need a selector or an explicit `all`: none never means "any".
    fn needs_targets(&self, fault: &str) -> Result<(), String> {
        if let Some(s) = &self.selector {
            return shared::selector::check_labels(s);
        }
        if self.all {
            return Ok(());
        }
        let what = if fault.starts_with("node-") {
            "nodes"
        } else {
            "pods"
        };
        Err(format!(
            "{fault} needs a selector of the {what} (-l app=web; in experiments selector: app=web) or --all (all: true)"
        ))
    }

    fn mode(&self) -> Result<Mode, String> {
        Ok(match (self.count, self.percent, self.all) {
            (Some(0), _, _) => return Err("--count must be at least 1".into()),
            (Some(n), _, _) => Mode::Count(n),
            (None, Some(p), _) if !(p > 0.0 && p <= 100.0) => {
                return Err("--percent must be in (0, 100]".into());
            }
            (None, Some(p), _) => Mode::Percent(p),
            (None, None, true) => Mode::All,
            (None, None, false) => Mode::Count(1),
        })
    }

    fn pods(&self, namespace: &str) -> Result<PodSelector, String> {
        Ok(PodSelector {
            namespace: self
                .namespace
                .clone()
                .unwrap_or_else(|| namespace.to_string()),
            selector: self.selector.clone(),
            mode: self.mode()?,
        })
    }

    /// The fault named `name`, in `namespace` unless the spec names one.
    pub fn to_fault(&self, name: &str, namespace: &str) -> Result<Fault, String> {
        self.only_fields_of(name)?;
        if name != "scale" {
            self.needs_targets(name)?;
        }
        let duration = dur("duration", &self.duration)?;
        Ok(match name {
            "pod-kill" => {
                let interval = dur("interval", &self.interval)?;
                if interval.is_some() != duration.is_some() {
                    return Err(
                        "pod-kill: give both --interval and --duration to repeat, or neither"
                            .into(),
                    );
                }
                if interval.is_some_and(|i| i.is_zero()) {
                    return Err("pod-kill: --interval must be above zero".into());
                }
                Fault::PodKill {
                    pods: self.pods(namespace)?,
                    grace_period: self.grace_period,
                    interval,
                    duration,
                }
            }
            "container-kill" => Fault::ContainerKill {
                pods: self.pods(namespace)?,
                container: self.container.clone(),
            },
            "pod-failure" => Fault::PodFailure {
                pods: self.pods(namespace)?,
                duration: need("duration", duration, name)?,
            },
            "node-cordon" | "node-drain" => {
                let nodes = self.selector.clone().unwrap_or_default();
                let duration = need("duration", duration, name)?;
                if name == "node-cordon" {
                    Fault::NodeCordon {
                        nodes,
                        mode: self.mode()?,
                        duration,
                    }
                } else {
                    let evict_timeout = dur("evict-timeout", &self.evict_timeout)?
                        .unwrap_or(Duration::from_secs(30));
                    Fault::NodeDrain {
                        nodes,
                        mode: self.mode()?,
                        duration,
                        evict_timeout,
                    }
                }
            }
            "scale" => Fault::Scale {
                namespace: self
                    .namespace
                    .clone()
                    .unwrap_or_else(|| namespace.to_string()),
                workload: self
                    .workload
                    .clone()
                    .ok_or("scale needs --workload deployment/NAME")?,
                replicas: self.replicas.unwrap_or(0),
                duration: need("duration", duration, name)?,
            },
            "network" => {
                let shape = Shape {
                    latency: dur("latency", &self.latency)?,
                    jitter: dur("jitter", &self.jitter)?,
                    loss: self.loss,
                    bandwidth_kbit: self.bandwidth_kbit,
                };
                if shape.jitter.is_some() && shape.latency.is_none() {
                    return Err("--jitter needs --latency".into());
                }
                if shape.is_empty() {
                    return Err("network needs --latency, --loss or --bandwidth-kbit".into());
                }
                if shape.loss.is_some_and(|l| !(0.0..=100.0).contains(&l)) {
                    return Err("--loss must be a percentage".into());
                }

                Fault::Network {
                    pods: self.pods(namespace)?,
                    shape,
                    duration: need("duration", duration, name)?,
                    device: self.device.clone().unwrap_or_else(|| "eth0".into()),
                }
            }
            "stress" => {
                let cpu = self.cpu.unwrap_or(0);
                let memory_mib = self.memory_mib.unwrap_or(0);
                if cpu == 0 && memory_mib == 0 {
                    return Err("stress needs --cpu or --memory-mib".into());
                }
                Fault::Stress {
                    pods: self.pods(namespace)?,
                    cpu,
                    memory_mib,
                    duration: need("duration", duration, name)?,
                }
            }
            other => return Err(format!("unknown fault {other:?}")),
        })
    }
}

/// Every fault name.
pub const FAULTS: &[&str] = &[
    "pod-kill",
    "container-kill",
    "pod-failure",
    "node-cordon",
    "node-drain",
    "scale",
    "network",
    "stress",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_become_faults_or_clear_errors() {
        let s = FaultSpec {
            selector: Some("app=web".into()),
            count: Some(2),
            ..Default::default()
        };
        let Fault::PodKill { pods, .. } = s.to_fault("pod-kill", "shop").expect("pod-kill") else {
            panic!("pod-kill")
        };
        assert_eq!(pods.namespace, "shop");
        assert_eq!(pods.mode, Mode::Count(2));
        assert!(
            s.to_fault("pod-failure", "shop")
                .expect_err("duration")
                .contains("--duration")
        );
        let half = FaultSpec {
            interval: Some("10s".into()),
            ..Default::default()
        };
        assert!(half.to_fault("pod-kill", "x").is_err());
        let net = FaultSpec {
            selector: Some("app=web".into()),
            latency: Some("100ms".into()),
            duration: Some("30s".into()),
            ..Default::default()
        };
        let Fault::Network { shape, device, .. } = net.to_fault("network", "x").expect("network")
        else {
            panic!("network")
        };
        assert_eq!(shape.latency, Some(Duration::from_millis(100)));
        assert_eq!(device, "eth0");
        assert!(
            FaultSpec {
                duration: Some("30s".into()),
                ..Default::default()
            }
            .to_fault("network", "x")
            .is_err()
        );
        assert!(
            FaultSpec {
                duration: Some("0s".into()),
                workload: Some("deployment/web".into()),
                ..Default::default()
            }
            .to_fault("scale", "x")
            .is_err()
        );
        assert!(
            FaultSpec {
                count: Some(0),
                ..Default::default()
            }
            .to_fault("pod-kill", "x")
            .is_err()
        );
        assert!(FaultSpec::default().to_fault("meteor", "x").is_err());
    }

    #[test]
    fn faults_need_targets_and_refuse_fields_they_do_not_use() {
        let bare = FaultSpec::default();
        for fault in ["pod-kill", "container-kill", "network", "node-cordon"] {
            assert!(
                bare.to_fault(fault, "x")
                    .expect_err(fault)
                    .contains("--all"),
                "{fault}"
            );
        }
        let all = FaultSpec {
            all: true,
            ..Default::default()
        };
        assert!(all.to_fault("pod-kill", "x").is_ok());
        let bad_selector = FaultSpec {
            selector: Some("app in (".into()),
            ..Default::default()
        };
        assert!(
            bad_selector
                .to_fault("pod-kill", "x")
                .expect_err("syntax")
                .contains("not closed")
        );
        let stray = FaultSpec {
            workload: Some("deployment/web".into()),
            duration: Some("1m".into()),
            latency: Some("100ms".into()),
            ..Default::default()
        };
        let e = stray.to_fault("scale", "x").expect_err("latency on scale");
        assert!(e.contains("scale does not take latency"), "{e}");
        let yaml: FaultSpec = serde_saphyr::from_str(
            "fault: network\nselector: app=web\nloss: \"10%\"\nduration: 1m\n",
        )
        .expect("percent with a sign");
        assert_eq!(yaml.loss, Some(10.0));
    }
}
