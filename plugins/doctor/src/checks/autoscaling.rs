//! Autoscaling and disruption checks: HPAs that cannot scale, miss metrics or sit at
//! maxReplicas; PodDisruptionBudgets that allow no disruption (node drains block).

use super::{Cx, obj};

pub(crate) fn run(cx: &mut Cx<'_>) {
    let snap = cx.snap;
    for hpa in snap.hpas.iter().flatten() {
        let Some(st) = &hpa.status else { continue };
        for c in st.conditions.iter().flatten() {
            if (c.type_ == "AbleToScale" || c.type_ == "ScalingActive") && c.status == "False" {
                cx.emit(
                    "hpa-unable-to-scale",
                    obj("HorizontalPodAutoscaler", &hpa.metadata),
                    format!("{}=False: {}: {}", c.type_, c.reason.as_deref().unwrap_or(""), c.message.as_deref().unwrap_or("")),
                    "missing metrics usually mean no metrics-server/adapter or containers without requests",
                );
            }
        }
        let max = hpa.spec.as_ref().map(|s| s.max_replicas).unwrap_or(0);
        let current = st.current_replicas.unwrap_or(0);
        if max > 0 && current >= max {
            cx.emit(
                "hpa-at-max",
                obj("HorizontalPodAutoscaler", &hpa.metadata),
                format!("at maxReplicas ({current}/{max}): demand may exceed what it can add"),
                "raise maxReplicas if the target metric stays above its goal",
            );
        }
    }
    for pdb in snap.pdbs.iter().flatten() {
        let Some(st) = &pdb.status else { continue };
        if st.disruptions_allowed == 0 && st.expected_pods > 0 {
            cx.emit(
                "pdb-blocks-disruption",
                obj("PodDisruptionBudget", &pdb.metadata),
                format!(
                    "allows 0 disruptions ({} healthy, {} desired, {} expected): node drains and upgrades block",
                    st.current_healthy, st.desired_healthy, st.expected_pods
                ),
                "scale the workload above minAvailable, or relax the budget",
            );
        }
    }
}
