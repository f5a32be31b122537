//! Storage checks: PersistentVolumeClaims Pending, Lost or naming a missing StorageClass;
//! PersistentVolumes Failed or Released.

use super::{Cx, ago, obj};
use crate::finding::ObjectRef;

pub(crate) fn run(cx: &mut Cx<'_>) {
    let snap = cx.snap;
    let classes: Option<Vec<&str>> = snap.storageclasses.as_ref().map(|v| {
        v.iter()
            .filter_map(|s| s.metadata.name.as_deref())
            .collect()
    });
    let wait_for_consumer = |name: &str| {
        snap.storageclasses.iter().flatten().any(|s| {
            s.metadata.name.as_deref() == Some(name)
                && s.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer")
        })
    };
    for pvc in snap.pvcs.iter().flatten() {
        let phase = pvc
            .status
            .as_ref()
            .and_then(|s| s.phase.as_deref())
            .unwrap_or("Pending");
        let class = pvc
            .spec
            .as_ref()
            .and_then(|s| s.storage_class_name.as_deref())
            .filter(|c| !c.is_empty());
        let age = pvc
            .metadata
            .creation_timestamp
            .as_ref()
            .map(|t| cx.age(t))
            .unwrap_or_default();
        if let (Some(class), Some(classes)) = (class, classes.as_ref())
            && !classes.contains(&class)
        {
            cx.emit(
                "pvc-storageclass-missing",
                obj("PersistentVolumeClaim", &pvc.metadata),
                format!(
                    "StorageClass {class:?} does not exist (known: {})",
                    if classes.is_empty() {
                        "none".to_string()
                    } else {
                        classes.join(", ")
                    }
                ),
                "the claim can never bind: fix storageClassName or create the class",
            );
            continue;
        }
        match phase {
            "Lost" => cx.emit(
                "pvc-lost",
                obj("PersistentVolumeClaim", &pvc.metadata),
                format!("claim Lost: its volume {:?} is gone", pvc.spec.as_ref().and_then(|s| s.volume_name.clone()).unwrap_or_default()),
                "the data may be gone; restore from backup and recreate the claim",
            ),
            "Pending" if age.as_secs() >= cx.stuck_secs() && !class.is_some_and(wait_for_consumer) => cx.emit(
                "pvc-pending",
                obj("PersistentVolumeClaim", &pvc.metadata),
                format!("Pending for {}", ago(age)),
                "no volume matches and none is provisioned: `kubectl describe pvc` shows the provisioner's events",
            ),
            _ => {}
        }
    }
    for pv in snap.pvs.iter().flatten() {
        let name = pv.metadata.name.as_deref().unwrap_or_default();
        let st = pv.status.as_ref();
        let phase = st.and_then(|s| s.phase.as_deref()).unwrap_or("");
        let msg = st
            .and_then(|s| s.message.as_deref())
            .map(|m| format!(": {m}"))
            .unwrap_or_default();
        match phase {
            "Failed" => cx.emit(
                "pv-failed",
                ObjectRef::cluster("PersistentVolume", name),
                format!("volume Failed{msg}"),
                "automatic reclamation failed; clean up the backing storage and delete the PV",
            ),
            "Released" => cx.emit(
                "pv-released",
                ObjectRef::cluster("PersistentVolume", name),
                format!(
                    "volume Released (reclaim policy {}), still holding its data",
                    pv.spec
                        .as_ref()
                        .and_then(|s| s.persistent_volume_reclaim_policy.as_deref())
                        .unwrap_or("Retain")
                ),
                "reuse it by clearing spec.claimRef, or delete it once the data is safe",
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    //! Each storage check over constructed claims, volumes and classes, and bound ones
    //! raising nothing.
    use crate::checks::testing::{fired, ids, object, snapshot, the};
    use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim};
    use k8s_openapi::api::storage::v1::StorageClass;
    use serde_json::json;

    fn pvc(name: &str, class: &str, phase: &str, created: &str) -> PersistentVolumeClaim {
        object(
            json!({"metadata": {"name": name, "namespace": "shop", "creationTimestamp": created},
            "spec": {"storageClassName": class, "volumeName": format!("pv-{name}")},
            "status": {"phase": phase}}),
        )
    }

    fn class(name: &str, mode: &str) -> StorageClass {
        object(
            json!({"metadata": {"name": name}, "provisioner": "csi.example",
            "volumeBindingMode": mode}),
        )
    }

    fn pv(name: &str, phase: &str) -> PersistentVolume {
        object(json!({"metadata": {"name": name},
            "spec": {"persistentVolumeReclaimPolicy": "Retain"},
            "status": {"phase": phase, "message": "backend said no"}}))
    }

    #[test]
    fn bound_claims_and_volumes_raise_nothing() {
        let mut snap = snapshot();
        snap.storageclasses = Some(vec![
            class("fast", "Immediate"),
            class("local", "WaitForFirstConsumer"),
        ]);
        snap.pvcs = Some(vec![
            pvc("data", "fast", "Bound", "2026-12-01T00:00:00Z"),
            pvc("young", "fast", "Pending", "2026-12-02T11:59:00Z"),
            pvc("waiting", "local", "Pending", "2026-12-01T00:00:00Z"),
        ]);
        snap.pvs = Some(vec![pv("pv-data", "Bound")]);
        assert_eq!(ids(&snap, "storage"), Vec::<String>::new());
    }

    #[test]
    fn pending_lost_and_missing_class() {
        let mut snap = snapshot();
        snap.storageclasses = Some(vec![class("fast", "Immediate")]);
        snap.pvcs = Some(vec![
            pvc("old", "fast", "Pending", "2026-12-02T11:00:00Z"),
            pvc("gone", "fast", "Lost", "2026-12-01T00:00:00Z"),
            pvc("typo", "fsat", "Pending", "2026-12-01T00:00:00Z"),
        ]);
        let found = fired(&snap, "storage");
        assert_eq!(the(&found, "pvc-pending").message, "Pending for 1h");
        assert!(the(&found, "pvc-lost").message.contains("\"pv-gone\""));
        let missing = the(&found, "pvc-storageclass-missing");
        assert_eq!(missing.object, "PersistentVolumeClaim/shop/typo");
        assert_eq!(
            missing.message,
            "StorageClass \"fsat\" does not exist (known: fast)"
        );
        snap.storageclasses = None;
        assert!(
            !ids(&snap, "storage").contains(&"pvc-storageclass-missing".to_string()),
            "classes not listed (refused) are not missing"
        );
    }

    #[test]
    fn failed_and_released_volumes() {
        let mut snap = snapshot();
        snap.pvs = Some(vec![pv("a", "Failed"), pv("b", "Released")]);
        let found = fired(&snap, "storage");
        assert_eq!(
            the(&found, "pv-failed").message,
            "volume Failed: backend said no"
        );
        assert!(
            the(&found, "pv-released")
                .message
                .contains("reclaim policy Retain")
        );
    }
}
