//! Who owns what: the controller of an object and the workload a pod belongs to (the
//! Deployment behind its ReplicaSet), the same answer for every plugin whether the
//! ReplicaSet comes from a listed snapshot (`doctor heal`) or the API (`chaos`).

use k8s_openapi::api::apps::v1::ReplicaSet;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::api::Api;

/// The controller owner reference of `meta`: (kind, name, uid).
pub fn controller(meta: &ObjectMeta) -> Option<(&str, &str, &str)> {
    meta.owner_references
        .as_ref()?
        .iter()
        .find(|o| o.controller == Some(true))
        .map(|o| (o.kind.as_str(), o.name.as_str(), o.uid.as_str()))
}

/// The workload a pod belongs to, `(kind, name)`: the Deployment that controls its
/// ReplicaSet (whose metadata `replicaset` finds by name), else the ReplicaSet itself; a
/// StatefulSet, DaemonSet or Job directly. `None` for pods without a controller.
pub fn workload<'m>(
    pod: &ObjectMeta,
    replicaset: impl FnOnce(&str) -> Option<&'m ObjectMeta>,
) -> Option<(String, String)> {
    let (kind, name, _) = controller(pod)?;
    match kind {
        "ReplicaSet" => match replicaset(name).and_then(controller) {
            Some(("Deployment", d, _)) => Some(("Deployment".into(), d.to_string())),
            _ => Some(("ReplicaSet".into(), name.to_string())),
        },
        "StatefulSet" | "DaemonSet" | "Job" => Some((kind.to_string(), name.to_string())),
        _ => None,
    }
}

/// [`workload`] with the ReplicaSet read from the API: `(kind, namespace, name)`.
pub async fn workload_from_api(
    client: &kube::Client,
    pod: &ObjectMeta,
) -> Option<(String, String, String)> {
    let ns = pod.namespace.clone()?;
    let rs = match controller(pod) {
        Some(("ReplicaSet", name, _)) => Api::<ReplicaSet>::namespaced(client.clone(), &ns)
            .get_metadata(name)
            .await
            .ok()
            .map(|m| m.metadata),
        _ => None,
    };
    let (kind, name) = workload(pod, |_| rs.as_ref())?;
    Some((kind, ns, name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;

    fn owned_by(kind: &str, name: &str) -> ObjectMeta {
        ObjectMeta {
            owner_references: Some(vec![OwnerReference {
                kind: kind.into(),
                name: name.into(),
                controller: Some(true),
                uid: format!("uid-{name}"),
                ..Default::default()
            }]),
            ..Default::default()
        }
    }

    #[test]
    fn pods_belong_to_the_deployment_behind_their_replicaset() {
        let rs = owned_by("Deployment", "web");
        let pod = owned_by("ReplicaSet", "web-abc");
        assert_eq!(
            workload(&pod, |n| (n == "web-abc").then_some(&rs)),
            Some(("Deployment".into(), "web".into()))
        );
        assert_eq!(
            workload(&pod, |_| None),
            Some(("ReplicaSet".into(), "web-abc".into()))
        );
        assert_eq!(
            workload(&owned_by("StatefulSet", "db"), |_| None),
            Some(("StatefulSet".into(), "db".into()))
        );
        assert_eq!(workload(&ObjectMeta::default(), |_| None), None);
        assert_eq!(
            controller(&pod),
            Some(("ReplicaSet", "web-abc", "uid-web-abc"))
        );
    }
}
