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

#[cfg(test)]
mod tests {
    //! The autoscaling checks over constructed HPAs and PDBs, and healthy ones raising nothing.
    use crate::checks::testing::{fired, ids, object, snapshot, the};
    use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
    use k8s_openapi::api::policy::v1::PodDisruptionBudget;
    use serde_json::json;

    fn hpa(current: i32, max: i32, able: &str) -> HorizontalPodAutoscaler {
        object(json!({"metadata": {"name": "web", "namespace": "shop"},
            "spec": {"maxReplicas": max, "scaleTargetRef": {"kind": "Deployment", "name": "web"}},
            "status": {"currentReplicas": current, "desiredReplicas": current,
                "conditions": [{"type": "ScalingActive", "status": able,
                    "reason": "FailedGetResourceMetric", "message": "no metrics returned"}]}}))
    }

    fn pdb(allowed: i32, expected: i32) -> PodDisruptionBudget {
        object(
            json!({"metadata": {"name": "web", "namespace": "shop"}, "spec": {},
            "status": {"disruptionsAllowed": allowed, "currentHealthy": 2, "desiredHealthy": 2,
                "expectedPods": expected}}),
        )
    }

    #[test]
    fn healthy_autoscalers_and_budgets_raise_nothing() {
        let mut snap = snapshot();
        snap.hpas = Some(vec![hpa(3, 10, "True")]);
        snap.pdbs = Some(vec![pdb(1, 3), pdb(0, 0)]);
        assert_eq!(ids(&snap, "autoscaling"), Vec::<String>::new());
    }

    #[test]
    fn missing_metrics_max_replicas_and_blocking_budgets() {
        let mut snap = snapshot();
        snap.hpas = Some(vec![hpa(10, 10, "False")]);
        snap.pdbs = Some(vec![pdb(0, 2)]);
        let found = fired(&snap, "autoscaling");
        assert_eq!(
            the(&found, "hpa-unable-to-scale").message,
            "ScalingActive=False: FailedGetResourceMetric: no metrics returned"
        );
        assert!(
            the(&found, "hpa-at-max")
                .message
                .starts_with("at maxReplicas (10/10)")
        );
        assert!(
            the(&found, "pdb-blocks-disruption")
                .message
                .starts_with("allows 0 disruptions (2 healthy, 2 desired, 2 expected)")
        );
    }
}
