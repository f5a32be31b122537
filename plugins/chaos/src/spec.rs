//! One flat description of a fault, shared by the one-off command line
//! (`kubectl chaos pod-kill -l app=web --count 1`) and experiment files (`method:` steps),
//! turned into a checked [`Fault`].

use crate::fault::{Fault, Mode, PodSelector};
use crate::netem::Shape;
use serde::Deserialize;
use std::time::Duration;

/// A fault as written.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FaultSpec {
    /// Experiments: the fault's name (`pod-kill`...).
    #[arg(skip)]
    #[serde(default)]
    pub fault: Option<String>,
    /// Experiments: a pause instead of a fault (e.g. `10s`).
    #[arg(skip)]
    #[serde(default)]
    pub pause: Option<String>,
    /// Experiments: a `kubectl load run` phase (its arguments), running in the background
    /// through the following steps; its thresholds join the verdict.
    #[arg(skip)]
    #[serde(default)]
    pub load: Option<Vec<String>>,
    /// Label selector of the target pods (or nodes, for node faults).
    #[arg(short = 'l', long = "selector", value_name = "SELECTOR")]
    #[serde(default)]
    pub selector: Option<String>,
    /// Namespace of the targets (experiments: default the experiment's).
    #[arg(skip)]
    #[serde(default)]
    pub namespace: Option<String>,
    /// Pick N targets.
    #[arg(long, value_name = "N", conflicts_with_all = ["percent", "all"])]
    #[serde(default)]
    pub count: Option<usize>,
    /// Pick this percentage of the matching targets.
    #[arg(long, value_name = "PERCENT")]
    #[serde(default)]
    pub percent: Option<f64>,
    /// Pick every matching target.
    #[arg(long)]
    #[serde(default)]
    pub all: bool,
    /// How long the fault lasts (pod-kill: how long to repeat with --interval).
    #[arg(long, value_name = "DURATION")]
    #[serde(default)]
    pub duration: Option<String>,
    /// pod-kill: repeat every interval.
    #[arg(long, value_name = "DURATION")]
    #[serde(default)]
    pub interval: Option<String>,
    /// pod-kill: grace period, seconds.
    #[arg(long, value_name = "SECONDS")]
    #[serde(default)]
    pub grace_period: Option<i64>,
    /// container-kill: the container (default: the first).
    #[arg(long, value_name = "NAME")]
    #[serde(default)]
    pub container: Option<String>,
    /// network: added latency (e.g. 100ms).
    #[arg(long, value_name = "DURATION")]
    #[serde(default)]
    pub latency: Option<String>,
    /// network: jitter around the latency.
    #[arg(long, value_name = "DURATION")]
    #[serde(default)]
    pub jitter: Option<String>,
    /// network: packet loss, percent.
    #[arg(long, value_name = "PERCENT")]
    #[serde(default)]
    pub loss: Option<f64>,
    /// network: bandwidth limit, kbit/s.
    #[arg(long, value_name = "KBIT")]
    #[serde(default)]
    pub bandwidth_kbit: Option<u64>,
    /// network: the pod's device.
    #[arg(long, value_name = "DEVICE")]
    #[serde(default)]
    pub device: Option<String>,
    /// stress: busy threads.
    #[arg(long, value_name = "N")]
    #[serde(default)]
    pub cpu: Option<u32>,
    /// stress: memory to hold, MiB.
    #[arg(long, value_name = "MIB")]
    #[serde(default)]
    pub memory_mib: Option<u64>,
    /// node-drain: how long an eviction a PodDisruptionBudget blocks is retried (default 30s).
    #[arg(long, value_name = "DURATION")]
    #[serde(default)]
    pub evict_timeout: Option<String>,
    /// scale: deployment/NAME or statefulset/NAME.
    #[arg(long, value_name = "KIND/NAME")]
    #[serde(default)]
    pub workload: Option<String>,
    /// scale: replicas during the fault (default 0).
    #[arg(long, value_name = "N")]
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

impl FaultSpec {
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
}
