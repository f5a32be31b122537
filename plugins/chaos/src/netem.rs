//! Network faults through an ephemeral container: the `tc` script that adds the fault to
//! the pod's network namespace and removes it itself when the duration ends or it is
//! stopped, the ephemeral container that runs it (root, NET_ADMIN only), and the Pod
//! Security Admission preflight that says which namespace label forbids it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// What to do to the traffic.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    /// Added delay.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_ms")]
    pub latency: Option<Duration>,
    /// Jitter around the delay.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_ms")]
    pub jitter: Option<Duration>,
    /// Loss, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss: Option<f64>,
    /// Bandwidth limit, kbit/s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandwidth_kbit: Option<u64>,
}

mod opt_ms {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::Duration;
    pub fn serialize<S: Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&(d.as_millis() as u64)),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
        Ok(Option::<u64>::deserialize(d)?.map(Duration::from_millis))
    }
}

impl Shape {
    /// Whether anything is asked.
    pub fn is_empty(&self) -> bool {
        self.latency.is_none() && self.loss.is_none() && self.bandwidth_kbit.is_none()
    }

    /// The `tc qdisc` arguments after `tc qdisc replace dev DEV root`. The tbf burst is 128 KiB:
    /// smaller than a GSO segment (64 KiB plus headers), tbf drops it and TCP stalls.
    pub fn qdisc(&self) -> String {
        let netem = self.latency.is_some() || self.loss.is_some();
        if netem {
            let mut parts = vec!["netem".to_string()];
            if let Some(l) = self.latency {
                parts.push(format!("delay {}ms", l.as_millis()));
                if let Some(j) = self.jitter {
                    parts.push(format!("{}ms distribution normal", j.as_millis()));
                }
            }
            if let Some(p) = self.loss {
                parts.push(format!("loss {p}%"));
            }
            if let Some(b) = self.bandwidth_kbit {
                parts.push(format!("rate {b}kbit"));
            }
            parts.join(" ")
        } else {
            let b = self.bandwidth_kbit.unwrap_or(0);
            format!("tbf rate {b}kbit burst 128kb latency 400ms")
        }
    }
}

/// The script the ephemeral container runs: add the qdisc, hold it for `duration`, remove
/// it on exit or SIGTERM. A missing kernel module is said in plain words.
pub fn script(shape: &Shape, device: &str, duration: Duration) -> String {
    format!(
        "set -u\n\
         cleanup() {{ tc qdisc del dev {device} root 2>/dev/null; echo 'chaos: network fault removed'; }}\n\
         trap cleanup EXIT TERM INT\n\
         if ! out=$(tc qdisc replace dev {device} root {qdisc} 2>&1); then\n\
           case \"$out\" in *'qdisc kind is unknown'*|*'qdisc not found'*) echo \"chaos: the node's kernel lacks the qdisc module ($out): load sch_netem (or sch_tbf) on the node\" >&2 ;; *) echo \"chaos: tc failed: $out\" >&2 ;; esac\n\
           trap - EXIT; exit 3\n\
         fi\n\
         echo 'chaos: network fault added: {qdisc}'\n\
         sleep {secs} & wait $!\n",
        qdisc = shape.qdisc(),
        secs = duration.as_secs().max(1),
    )
}

/// The ephemeral container that runs `command` with only NET_ADMIN (root: capabilities added
/// to a non-root user do not take effect).
pub fn ephemeral_container(
    name: &str,
    image: &str,
    command: Vec<String>,
    target: Option<&str>,
    net_admin: bool,
) -> serde_json::Value {
    let caps = if net_admin {
        serde_json::json!({"add": ["NET_ADMIN"], "drop": ["ALL"]})
    } else {
        serde_json::json!({"drop": ["ALL"]})
    };
    let mut c = serde_json::json!({
        "name": name,
        "image": image,
        "command": command,
        "securityContext": {
            "runAsUser": 0, "runAsNonRoot": false, "allowPrivilegeEscalation": false,
            "capabilities": caps
        }
    });
    if !net_admin {
        c["securityContext"] = serde_json::json!({"runAsNonRoot": true, "runAsUser": 65532, "allowPrivilegeEscalation": false, "capabilities": caps});
    }
    if let Some(t) = target {
        c["targetContainerName"] = serde_json::json!(t);
    }
    c
}

/// Why Pod Security Admission in a namespace with `labels` would reject a NET_ADMIN
/// ephemeral container, naming the label that decides; `None` when it allows it.
pub fn psa_refusal(
    namespace: &str,
    labels: &BTreeMap<String, String>,
    net_admin: bool,
) -> Option<String> {
    let level = labels.get("pod-security.kubernetes.io/enforce")?;
    match (level.as_str(), net_admin) {
        ("baseline" | "restricted", true) => Some(format!(
            "namespace {namespace} enforces Pod Security level {level:?} (label pod-security.kubernetes.io/enforce={level}), which forbids the NET_ADMIN capability a network fault needs; \
             use a namespace at level privileged, or exempt the chaos user in the PSA AdmissionConfiguration"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qdiscs() {
        let s = Shape {
            latency: Some(Duration::from_millis(100)),
            jitter: Some(Duration::from_millis(20)),
            loss: Some(1.5),
            bandwidth_kbit: None,
        };
        assert_eq!(
            s.qdisc(),
            "netem delay 100ms 20ms distribution normal loss 1.5%"
        );
        let b = Shape {
            bandwidth_kbit: Some(512),
            ..Default::default()
        };
        assert_eq!(b.qdisc(), "tbf rate 512kbit burst 128kb latency 400ms");
        assert!(Shape::default().is_empty());
        let sc = script(&b, "eth0", Duration::from_secs(30));
        assert!(sc.contains("tc qdisc replace dev eth0 root tbf rate 512kbit"));
        assert!(sc.contains("trap cleanup EXIT TERM INT"));
        assert!(sc.contains("sleep 30"));
    }

    #[test]
    fn psa_levels() {
        let mut l = BTreeMap::new();
        assert!(psa_refusal("ns", &l, true).is_none());
        l.insert(
            "pod-security.kubernetes.io/enforce".to_string(),
            "baseline".to_string(),
        );
        let why = psa_refusal("shop", &l, true).expect("refused");
        assert!(why.contains("pod-security.kubernetes.io/enforce=baseline"));
        assert!(psa_refusal("shop", &l, false).is_none());
        l.insert(
            "pod-security.kubernetes.io/enforce".to_string(),
            "privileged".to_string(),
        );
        assert!(psa_refusal("shop", &l, true).is_none());
    }
}
