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
