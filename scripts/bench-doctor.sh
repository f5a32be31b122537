#!/usr/bin/env bash
# Benchmark for `kubectl doctor` (not a test: prints numbers, asserts nothing).
# Seeds 1,000 kwok nodes and 30,000 pods (1 in 40 faulty) into a local control plane and
# reports, in one run on the same cluster state: doctor's wall time and peak RSS; the floor,
# `kubectl get` of the same kinds with `-o json > /dev/null`; and popeye v0.22.1 built from
# Go modules. Ratios, not absolute times, are what to compare: the machine is shared.
# Popeye runs under a watchdog (POPEYE_CAP_MB, default 8192; POPEYE_TIMEOUT, default 600 s):
# at full scale it outgrows a 24 GiB machine, so it is killed at the cap and reported as such.
# A second comparison scopes both tools to one namespace (-n seed-0, 1,000 pods).
# Env: RUNS (default 3, median taken), NODES, PODS.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
source scripts/lib/measure.sh
RUNS=${RUNS:-3}; NODES=${NODES:-1000}; PODS=${PODS:-30000}
POPEYE_CAP_MB=${POPEYE_CAP_MB:-8192}; POPEYE_TIMEOUT=${POPEYE_TIMEOUT:-600}

ensure_toolchains
ensure_testbins
ensure_gnu_time
POPEYE=$(bash scripts/build-popeye.sh 2>/dev/null | tail -n1 || true)
cargo build --release --locked -p kubectl-doctor -p xtask >&2
export SRE_TOOLKIT_CLUSTER_DIR="$PWD/target/bench-cluster"
KUBECONFIG=$(cargo xtask cluster up | tail -n1); export KUBECONFIG
have=$(kubectl get nodes --no-headers 2>/dev/null | wc -l)
if [ "$have" -lt "$NODES" ]; then
  say "seeding $NODES nodes and $PODS pods"
  cargo xtask seed --nodes "$NODES" --pods "$PODS" --namespaces 30 --fault-every 40 >&2
fi
KINDS=nodes,pods,deployments,statefulsets,daemonsets,replicasets,jobs,cronjobs,services,endpointslices,ingresses,pvc,pv,storageclasses,hpa,pdb,events,namespaces,apiservices,validatingwebhookconfigurations,mutatingwebhookconfigurations,configmaps,secrets,leases

# capped NAME CMD...: one run under a watchdog that kills the command past
# $POPEYE_CAP_MB of RSS or $POPEYE_TIMEOUT seconds; prints "NAME wall MiB [killed]".
capped() {
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o /tmp/bench.time "$@" >"/tmp/bench.$name.out" 2>/tmp/bench.err &
  local tpid=$! start child rss
  start=$(date +%s)
  while kill -0 "$tpid" 2>/dev/null; do
    child=$(pgrep -P "$tpid" | head -n1 || true)
    rss=$(awk '/VmRSS/{print $2}' "/proc/${child:-0}/status" 2>/dev/null || echo 0)
    if [ -n "$child" ] && { [ "${rss:-0}" -gt $((POPEYE_CAP_MB * 1024)) ] || [ $(( $(date +%s) - start )) -gt "$POPEYE_TIMEOUT" ]; }; then
      kill -9 "$child" 2>/dev/null || true
    fi
    sleep 0.5
  done
  wait "$tpid" 2>/dev/null || true
  local w m killed=""
  read -r w m < <(tail -n1 /tmp/bench.time)
  grep -q "signal 9" /tmp/bench.time && killed=" killed"
  echo "$name $w $((m / 1024))$killed"
}

say "measuring ($RUNS runs each, median)"
{
  measure doctor target/release/kubectl-doctor -A -o json
  measure floor kubectl get "$KINDS" -A -o json
  if [ -n "$POPEYE" ] && [ -x "$POPEYE" ]; then
    capped popeye "$POPEYE" -A -o json --logs none --force-exit-zero
  fi
  measure doctor-ns target/release/kubectl-doctor -n seed-0 -o json
  measure floor-ns kubectl get "$KINDS" -n seed-0 -o json
  if [ -n "$POPEYE" ] && [ -x "$POPEYE" ]; then
    capped popeye-ns "$POPEYE" -n seed-0 -o json --logs none --force-exit-zero
  fi
} > /tmp/bench.rows
python3 - "$NODES" "$PODS" <<'PY'
import sys
rows = {}
for line in open("/tmp/bench.rows"):
    f = line.split()
    rows[f[0]] = (float(f[1]), int(f[2]), len(f) > 3)
def table(title, d, fl, p):
    print(f"\n{title}\n")
    print("| tool | wall (s) | peak RSS (MiB) | doctor's time / tool's | doctor's memory / tool's |")
    print("| --- | --- | --- | --- | --- |")
    for key, label in ((d, "kubectl doctor"), (fl, "floor: kubectl get <same kinds> -o json"), (p, "popeye v0.22.1")):
        if key not in rows:
            continue
        w, m, killed = rows[key]
        dw, dm, _ = rows[d]
        if killed:
            print(f"| {label} | > {w:.0f} (killed) | > {m} (killed) | < {dw/w:.3f}x | < {dm/max(m,1):.3f}x |")
        else:
            print(f"| {label} | {w:.2f} | {m} | {dw/w:.2f}x | {dm/max(m,1):.2f}x |")
table(f"All namespaces: {sys.argv[1]} nodes, {sys.argv[2]} pods (median of runs; popeye one run)", "doctor", "floor", "popeye")
table("One namespace (-n seed-0, 1,000 pods; cluster-scoped kinds still cluster-wide)", "doctor-ns", "floor-ns", "popeye-ns")
d, f = rows["doctor"], rows["floor"]
print(f"\ngoal doctor <= 1.5x floor: {'met' if d[0] <= 1.5 * f[0] else 'MISSED'} ({d[0]/f[0]:.2f}x)")
import json
for key in ("popeye", "popeye-ns"):
    try:
        text = open(f"/tmp/bench.{key}.out").read()
        report = json.loads(text[text.index('{"popeye"'):])["popeye"]
        pods = next((s["tally"] for s in report["sections"] if s["linter"] == "pods"), {})
        nodes = next((s["tally"] for s in report["sections"] if s["linter"] == "nodes"), {})
        count = lambda t: sum(t.get(k, 0) for k in ("ok", "info", "warning", "error"))
        print(f"{key}: report grade {report['grade']}, scanned {count(pods)} pods and {count(nodes)} nodes"
              + (" -- its LISTs failed (client timeouts), so its time is not a full scan" if count(pods) == 0 else ""))
    except (OSError, ValueError, KeyError):
        print(f"{key}: no report produced")
for key in ("popeye", "popeye-ns"):
    if key in rows:
        p = rows[key]; dd = rows["doctor" if key == "popeye" else "doctor-ns"]
        cmp = "<" if p[2] else ""
        print(f"goal vs {key}: time {cmp}{dd[0]/p[0]:.3f}x ({'met' if dd[0] < p[0]/5 else 'MISSED'}), memory {cmp}{dd[1]/p[1]:.3f}x ({'met' if dd[1] < p[1]/5 else 'MISSED'})")
PY
say "the bench cluster keeps running; stop it with SRE_TOOLKIT_CLUSTER_DIR=$SRE_TOOLKIT_CLUSTER_DIR cargo xtask cluster down"
