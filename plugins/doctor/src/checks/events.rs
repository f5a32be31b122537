//! The Warning-event digest: Warning events in the window, grouped by reason, with counts,
//! how many objects they touch and the noisiest object. One LIST, no per-object calls.

use super::Cx;
use super::pods::event_time;
use crate::finding::ObjectRef;
use std::collections::BTreeMap;

pub(crate) fn run(cx: &mut Cx<'_>) {
    let Some(events) = cx.snap.events.as_ref() else {
        return;
    };
    let window = jiff::SignedDuration::try_from(cx.opts.event_window)
        .unwrap_or(jiff::SignedDuration::from_hours(1));
    let since = cx.snap.now - window;
    /// (kind, namespace, name) of an involved object.
    type Involved = (String, Option<String>, String);
    #[derive(Default)]
    struct Group<'e> {
        count: i64,
        /// Per object: events, and the latest message.
        objects: BTreeMap<Involved, (i64, Option<&'e str>)>,
    }
    let mut groups: BTreeMap<&str, Group<'_>> = BTreeMap::new();
    for e in events {
        if e.type_.as_deref() == Some("Normal") || event_time(e).is_none_or(|t| t < since) {
            continue;
        }
        let n = i64::from(
            e.series
                .as_ref()
                .and_then(|s| s.count)
                .or(e.count)
                .unwrap_or(1)
                .max(1),
        );
        let g = groups
            .entry(e.reason.as_deref().unwrap_or("Unknown"))
            .or_default();
        g.count += n;
        let io = &e.involved_object;
        let key = (
            io.kind.clone().unwrap_or_default(),
            io.namespace.clone(),
            io.name.clone().unwrap_or_default(),
        );
        let entry = g.objects.entry(key).or_default();
        entry.0 += n;
        entry.1 = e.message.as_deref();
    }
    let window_txt = shared::duration::human(cx.opts.event_window);
    for (reason, g) in groups {
        let Some(((kind, ns, name), (top, msg))) = g.objects.iter().max_by_key(|(_, (n, _))| *n)
        else {
            continue;
        };
        let object = ObjectRef::namespaced(kind, ns.as_deref(), name);
        cx.emit(
            "events-warning-summary",
            object.clone(),
            format!(
                "{reason}: {} events on {} objects in the last {window_txt}; most on {} ({top}x): {}",
                g.count,
                g.objects.len(),
                object.kind_name(),
                msg.unwrap_or("")
            ),
            format!("kubectl get events -A --field-selector type=Warning,reason={reason}"),
        );
    }
}

#[cfg(test)]
mod tests {
    //! The Warning-event digest over constructed events.
    use crate::checks::testing::{fired, ids, object, snapshot};
    use k8s_openapi::api::core::v1::Event;
    use serde_json::json;

    fn event(kind: &str, pod: &str, reason: &str, count: i32, at: &str) -> Event {
        object(
            json!({"metadata": {"name": format!("{pod}.{reason}"), "namespace": "shop"},
            "type": kind, "reason": reason, "message": format!("{reason} on {pod}"), "count": count,
            "lastTimestamp": at,
            "involvedObject": {"kind": "Pod", "namespace": "shop", "name": pod}}),
        )
    }

    #[test]
    fn normal_and_old_events_raise_nothing() {
        let mut snap = snapshot();
        snap.events = Some(vec![
            event("Normal", "web-1", "Pulled", 3, "2026-12-02T11:59:00Z"),
            event("Warning", "web-1", "BackOff", 9, "2026-12-02T09:00:00Z"),
        ]);
        assert_eq!(ids(&snap, "events"), Vec::<String>::new());
    }

    #[test]
    fn warnings_are_grouped_by_reason_with_the_noisiest_object() {
        let mut snap = snapshot();
        snap.events = Some(vec![
            event("Warning", "web-1", "BackOff", 2, "2026-12-02T11:50:00Z"),
            event("Warning", "web-2", "BackOff", 7, "2026-12-02T11:55:00Z"),
            event("Warning", "db-0", "FailedMount", 1, "2026-12-02T11:58:00Z"),
        ]);
        let found = fired(&snap, "events");
        assert_eq!(found.len(), 2, "{found:?}");
        let backoff = found
            .iter()
            .find(|f| f.message.starts_with("BackOff"))
            .expect("BackOff group");
        assert_eq!(backoff.object, "Pod/shop/web-2");
        assert_eq!(
            backoff.message,
            "BackOff: 9 events on 2 objects in the last 1h; most on pod/web-2 (7x): BackOff on web-2"
        );
    }
}
