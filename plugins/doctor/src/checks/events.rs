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
