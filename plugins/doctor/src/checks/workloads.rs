//! Workload checks: Deployments, StatefulSets and DaemonSets short of replicas, stuck
//! rollouts, ReplicaSets that cannot create pods, failed Jobs and failing CronJobs.

use super::{Cx, obj};
use crate::finding::Severity;
use k8s_openapi::api::batch::v1::Job;
use std::collections::HashMap;

/// A CronJob whose next run after its last (or its creation) is past due by more than its
/// startingDeadlineSeconds (or `--stuck-after`): the controller did not start it. Schedules
/// in a time zone other than UTC are not evaluated.
fn missed_schedule(cx: &mut Cx<'_>, cj: &k8s_openapi::api::batch::v1::CronJob) {
    let Some(spec) = &cj.spec else { return };
    if spec.suspend == Some(true)
        || spec
            .time_zone
            .as_deref()
            .is_some_and(|z| z != "UTC" && z != "Etc/UTC")
    {
        return;
    }
    let Some(schedule) = crate::cron::Schedule::parse(&spec.schedule) else {
        return;
    };
    let last = cj
        .status
        .as_ref()
        .and_then(|s| s.last_schedule_time.as_ref());
    let Some(reference) = last.or(cj.metadata.creation_timestamp.as_ref()) else {
        return;
    };
    let horizon = jiff::SignedDuration::from_hours(24 * 366);
    let Some(due) = schedule.next_after(reference.0, horizon) else {
        return;
    };
    let grace = spec.starting_deadline_seconds.unwrap_or(cx.stuck_secs());
    let late = cx.snap.now.duration_since(due);
    if late.as_secs() > grace {
        let since = match last {
            Some(t) => format!("last run started {}", t.0),
            None => "never ran".to_string(),
        };
        cx.emit(
            "cronjob-missed-schedule",
            obj("CronJob", &cj.metadata),
            format!("run due at {due} ({} late) did not start; schedule {:?}, {since}", super::ago(late), spec.schedule),
            "the controller could not create the Job: check events (`kubectl describe cronjob`), ResourceQuota and concurrencyPolicy",
        );
    }
}

fn short_severity(available: i32) -> Severity {
    if available == 0 {
        Severity::Critical
    } else {
        Severity::Warning
    }
}

pub(crate) fn run(cx: &mut Cx<'_>) {
    let snap = cx.snap;
    for d in snap.deployments.iter().flatten() {
        let want = d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
        let st = d.status.clone().unwrap_or_default();
        let available = st.available_replicas.unwrap_or(0);
        let name = d.metadata.name.as_deref().unwrap_or_default();
        let ns = d.metadata.namespace.as_deref().unwrap_or_default();
        let progressing = st
            .conditions
            .iter()
            .flatten()
            .find(|c| c.type_ == "Progressing");
        if let Some(c) = progressing
            && c.status == "False"
            && c.reason.as_deref() == Some("ProgressDeadlineExceeded")
        {
            cx.emit(
                "deployment-rollout-stuck",
                obj("Deployment", &d.metadata),
                format!("rollout stuck: {}", c.message.as_deref().unwrap_or("progress deadline exceeded")),
                format!("see why new pods fail (`kubectl describe rs -n {ns} -l ...`); roll back with kubectl rollout undo deployment/{name} -n {ns}"),
            );
        }
        let rolling = progressing.is_some_and(|c| {
            c.status == "True" && c.reason.as_deref() == Some("ReplicaSetUpdated")
        });
        if want > 0 && available < want && !(rolling && available > 0) {
            cx.emit_at(
                "deployment-unavailable",
                short_severity(available),
                obj("Deployment", &d.metadata),
                format!(
                    "{available}/{want} replicas available ({} ready, {} updated)",
                    st.ready_replicas.unwrap_or(0),
                    st.updated_replicas.unwrap_or(0)
                ),
                format!("the pods' findings say why; kubectl get pods -n {ns} -l <selector of deployment/{name}>"),
            );
        }
    }
    for s in snap.statefulsets.iter().flatten() {
        let want = s.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
        let ready = s
            .status
            .as_ref()
            .and_then(|s| s.ready_replicas)
            .unwrap_or(0);
        if want > 0 && ready < want {
            cx.emit_at(
                "statefulset-unavailable",
                short_severity(ready),
                obj("StatefulSet", &s.metadata),
                format!("{ready}/{want} replicas ready"),
                "a StatefulSet waits for each ordinal to be Ready before the next: fix the lowest failing pod first",
            );
        }
    }
    for d in snap.daemonsets.iter().flatten() {
        let Some(st) = &d.status else { continue };
        let desired = st.desired_number_scheduled;
        let ready = st.number_ready;
        let unavailable = st.number_unavailable.unwrap_or(0);
        if desired > 0 && (ready < desired || unavailable > 0) {
            cx.emit_at(
                "daemonset-unavailable",
                short_severity(ready),
                obj("DaemonSet", &d.metadata),
                format!(
                    "{ready}/{desired} pods ready, {unavailable} unavailable, {} scheduled, {} misscheduled",
                    st.current_number_scheduled, st.number_misscheduled
                ),
                "nodes without a ready pod of this DaemonSet miss its function (CNI, logging, CSI...)",
            );
        }
    }
    for rs in snap.replicasets.iter().flatten() {
        for c in rs.status.iter().flat_map(|s| s.conditions.iter().flatten()) {
            if c.type_ == "ReplicaFailure" && c.status == "True" {
                cx.emit(
                    "replicaset-create-failed",
                    obj("ReplicaSet", &rs.metadata),
                    format!("cannot create pods: {}: {}", c.reason.as_deref().unwrap_or(""), c.message.as_deref().unwrap_or("")),
                    "check ResourceQuota (`kubectl describe quota`), LimitRange and admission webhooks/policies",
                );
            }
        }
    }
    let failed = |j: &Job| {
        j.status
            .iter()
            .flat_map(|s| s.conditions.iter().flatten())
            .find(|c| c.type_ == "Failed" && c.status == "True")
            .cloned()
    };
    let mut by_cronjob: HashMap<&str, Vec<&Job>> = HashMap::new();
    for j in snap.jobs.iter().flatten() {
        let owner = super::controller(&j.metadata);
        if let Some(("CronJob", _, uid)) = owner {
            by_cronjob.entry(uid).or_default().push(j);
            continue;
        }
        if let Some(c) = failed(j) {
            let name = j.metadata.name.as_deref().unwrap_or_default();
            let ns = j.metadata.namespace.as_deref().unwrap_or_default();
            cx.emit(
                "job-failed",
                obj("Job", &j.metadata),
                format!(
                    "failed: {}: {} ({} failed pods)",
                    c.reason.as_deref().unwrap_or(""),
                    c.message.as_deref().unwrap_or(""),
                    j.status.as_ref().and_then(|s| s.failed).unwrap_or(0)
                ),
                format!("kubectl logs -n {ns} job/{name}; rerun by recreating the Job"),
            );
        }
    }
    for cj in snap.cronjobs.iter().flatten() {
        missed_schedule(cx, cj);
        let Some(uid) = cj.metadata.uid.as_deref() else {
            continue;
        };
        let Some(jobs) = by_cronjob.get_mut(uid) else {
            continue;
        };
        jobs.sort_by_key(|j| j.metadata.creation_timestamp.as_ref().map(|t| t.0));
        let finished: Vec<&Job> = jobs
            .iter()
            .copied()
            .filter(|j| {
                j.status
                    .iter()
                    .flat_map(|s| s.conditions.iter().flatten())
                    .any(|c| (c.type_ == "Failed" || c.type_ == "Complete") && c.status == "True")
            })
            .collect();
        let Some(last) = finished.last() else {
            continue;
        };
        if let Some(c) = failed(last) {
            let streak = finished
                .iter()
                .rev()
                .take_while(|j| failed(j).is_some())
                .count();
            cx.emit(
                "cronjob-failing",
                obj("CronJob", &cj.metadata),
                format!(
                    "last run {} failed ({}: {}); {streak} failed in a row",
                    last.metadata.name.as_deref().unwrap_or_default(),
                    c.reason.as_deref().unwrap_or(""),
                    c.message.as_deref().unwrap_or("")
                ),
                "read the failed Job's pod logs; `kubectl create job --from=cronjob/NAME` reruns it by hand",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    //! Each workload check over constructed objects, and healthy ones raising nothing.
    use crate::checks::testing::{fired, ids, object, snapshot, the};
    use crate::finding::Severity;
    use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
    use k8s_openapi::api::batch::v1::{CronJob, Job};
    use serde_json::{Value, json};

    fn meta(name: &str) -> Value {
        json!({"name": name, "namespace": "shop", "uid": format!("uid-{name}"),
            "creationTimestamp": "2026-12-02T10:00:00Z"})
    }

    fn deployment(name: &str, want: i32, available: i32, progressing: Value) -> Deployment {
        object(
            json!({"metadata": meta(name), "spec": {"replicas": want, "selector": {},
            "template": {}}, "status": {"availableReplicas": available, "readyReplicas": available,
            "updatedReplicas": want, "conditions": [progressing]}}),
        )
    }

    fn progressing(status: &str, reason: &str) -> Value {
        json!({"type": "Progressing", "status": status, "reason": reason, "message": "rs progress"})
    }

    fn job(name: &str, created: &str, condition: Option<&str>, cronjob: Option<&str>) -> Job {
        let mut m = meta(name);
        m["creationTimestamp"] = json!(created);
        if let Some(cj) = cronjob {
            m["ownerReferences"] = json!([{"apiVersion": "batch/v1", "kind": "CronJob",
                "name": cj, "uid": format!("uid-{cj}"), "controller": true}]);
        }
        let conditions: Vec<Value> = condition
            .map(|c| {
                vec![json!({"type": c, "status": "True", "reason": if c == "Failed" { "BackoffLimitExceeded" } else { "Completed" },
                    "message": "job finished"})]
            })
            .unwrap_or_default();
        object(json!({"metadata": m, "spec": {"template": {}},
            "status": {"failed": if condition == Some("Failed") { 4 } else { 0 }, "conditions": conditions}}))
    }

    fn cronjob(name: &str, schedule: &str, last: Option<&str>) -> CronJob {
        object(
            json!({"metadata": meta(name), "spec": {"schedule": schedule, "jobTemplate": {}},
            "status": {"lastScheduleTime": last}}),
        )
    }

    #[test]
    fn healthy_workloads_raise_nothing() {
        let mut snap = snapshot();
        snap.deployments = Some(vec![deployment(
            "web",
            3,
            3,
            progressing("True", "NewReplicaSetAvailable"),
        )]);
        snap.statefulsets = Some(vec![object(json!({"metadata": meta("db"),
            "spec": {"replicas": 2, "selector": {}, "template": {}, "serviceName": "db"},
            "status": {"replicas": 2, "readyReplicas": 2}}))]);
        snap.daemonsets = Some(vec![object(json!({"metadata": meta("agent"),
            "spec": {"selector": {}, "template": {}},
            "status": {"desiredNumberScheduled": 3, "numberReady": 3, "currentNumberScheduled": 3,
                "numberMisscheduled": 0}}))]);
        snap.jobs = Some(vec![
            job("once", "2026-12-02T10:00:00Z", Some("Complete"), None),
            job(
                "nightly-1",
                "2026-12-02T11:00:00Z",
                Some("Complete"),
                Some("nightly"),
            ),
        ]);
        snap.cronjobs = Some(vec![cronjob(
            "nightly",
            "0 * * * *",
            Some("2026-12-02T11:59:00Z"),
        )]);
        assert_eq!(ids(&snap, "workloads"), Vec::<String>::new());
    }

    #[test]
    fn short_deployments_and_stuck_rollouts() {
        let mut snap = snapshot();
        snap.deployments = Some(vec![
            deployment("down", 3, 0, progressing("True", "NewReplicaSetAvailable")),
            deployment("short", 3, 2, progressing("True", "NewReplicaSetAvailable")),
            deployment("rolling", 3, 2, progressing("True", "ReplicaSetUpdated")),
            deployment(
                "stuck",
                2,
                2,
                progressing("False", "ProgressDeadlineExceeded"),
            ),
        ]);
        let found = fired(&snap, "workloads");
        let down: Vec<_> = found
            .iter()
            .filter(|f| f.object.ends_with("/down"))
            .collect();
        assert_eq!(down.len(), 1);
        assert_eq!(down[0].severity, Severity::Critical);
        assert!(
            down[0].message.starts_with("0/3 replicas available"),
            "{down:?}"
        );
        let short: Vec<_> = found
            .iter()
            .filter(|f| f.object.ends_with("/short"))
            .collect();
        assert_eq!(short[0].severity, Severity::Warning);
        assert!(
            !found.iter().any(|f| f.object.ends_with("/rolling")),
            "a rollout in progress with pods available is not unavailable: {found:?}"
        );
        let stuck = the(&found, "deployment-rollout-stuck");
        assert_eq!(stuck.object, "Deployment/shop/stuck");
        assert!(stuck.message.contains("rs progress"));
    }

    #[test]
    fn statefulsets_daemonsets_and_replicasets() {
        let mut snap = snapshot();
        snap.statefulsets = Some(vec![object(json!({"metadata": meta("db"),
            "spec": {"replicas": 3, "selector": {}, "template": {}, "serviceName": "db"},
            "status": {"replicas": 3, "readyReplicas": 1}}))]);
        snap.daemonsets = Some(vec![object(json!({"metadata": meta("agent"),
            "spec": {"selector": {}, "template": {}},
            "status": {"desiredNumberScheduled": 3, "numberReady": 2, "numberUnavailable": 1,
                "currentNumberScheduled": 3, "numberMisscheduled": 0}}))]);
        let rs: ReplicaSet = object(json!({"metadata": meta("web-1"), "spec": {"selector": {}},
            "status": {"replicas": 0, "conditions": [{"type": "ReplicaFailure", "status": "True",
                "reason": "FailedCreate", "message": "exceeded quota: pods"}]}}));
        snap.replicasets = Some(vec![rs]);
        let found = fired(&snap, "workloads");
        assert_eq!(
            the(&found, "statefulset-unavailable").message,
            "1/3 replicas ready"
        );
        assert!(
            the(&found, "daemonset-unavailable")
                .message
                .starts_with("2/3 pods ready, 1 unavailable")
        );
        assert_eq!(
            the(&found, "replicaset-create-failed").message,
            "cannot create pods: FailedCreate: exceeded quota: pods"
        );
    }

    #[test]
    fn failed_jobs_and_cronjob_streaks() {
        let mut snap = snapshot();
        snap.jobs = Some(vec![
            job("migrate", "2026-12-02T09:00:00Z", Some("Failed"), None),
            job(
                "backup-1",
                "2026-12-02T09:00:00Z",
                Some("Complete"),
                Some("backup"),
            ),
            job(
                "backup-2",
                "2026-12-02T10:00:00Z",
                Some("Failed"),
                Some("backup"),
            ),
            job(
                "backup-3",
                "2026-12-02T11:00:00Z",
                Some("Failed"),
                Some("backup"),
            ),
            job("backup-4", "2026-12-02T11:59:00Z", None, Some("backup")),
        ]);
        snap.cronjobs = Some(vec![cronjob(
            "backup",
            "0 * * * *",
            Some("2026-12-02T11:59:00Z"),
        )]);
        let found = fired(&snap, "workloads");
        let job = the(&found, "job-failed");
        assert_eq!(
            job.object, "Job/shop/migrate",
            "CronJob-owned Jobs are not job-failed"
        );
        assert_eq!(
            job.message,
            "failed: BackoffLimitExceeded: job finished (4 failed pods)"
        );
        let cj = the(&found, "cronjob-failing");
        assert!(
            cj.message.starts_with("last run backup-3 failed")
                && cj.message.ends_with("2 failed in a row"),
            "the running Job is not the last finished one: {cj:?}"
        );
    }

    #[test]
    fn a_cronjob_that_missed_its_run() {
        let mut snap = snapshot();
        // Hourly; last ran at 09:00, so 10:00 was due two hours ago.
        snap.cronjobs = Some(vec![cronjob(
            "hourly",
            "0 * * * *",
            Some("2026-12-02T09:00:00Z"),
        )]);
        let missed = the(&fired(&snap, "workloads"), "cronjob-missed-schedule");
        assert!(
            missed.message.contains("(2h late) did not start"),
            "{missed:?}"
        );
        let mut suspended = cronjob("hourly", "0 * * * *", Some("2026-12-02T09:00:00Z"));
        suspended.spec.as_mut().expect("spec").suspend = Some(true);
        snap.cronjobs = Some(vec![suspended]);
        assert_eq!(ids(&snap, "workloads"), Vec::<String>::new());
    }
}
