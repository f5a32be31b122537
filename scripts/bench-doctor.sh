#!/usr/bin/env bash
# Benchmark for `kubectl doctor` (not a test: prints numbers, asserts nothing).
# Seeds 1,000 kwok nodes and 30,000 pods (1 in 40 faulty) into a local control plane and
# reports, in one run on the same cluster state: doctor's wall time and peak RSS; the floor,
# `kubectl get` of the same kinds with `-o json > /dev/null`; and popeye v0.22.1 built from
# Go modules. Ratios, not absolute times, are what to compare: the machine is shared.
# Env: RUNS (default 3, median taken), NODES, PODS.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
RUNS=${RUNS:-3}; NODES=${NODES:-1000}; PODS=${PODS:-30000}

ensure_toolchains
ensure_testbins
[ -x /usr/bin/time ] || { say "installing GNU time (Debian package 'time')"; apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; }
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

# measure NAME CMD...: median wall seconds and peak RSS (MiB) over $RUNS runs.
measure() {
  local name=$1; shift
  local walls=() rss=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o /tmp/bench.time "$@" >/dev/null 2>/tmp/bench.err || true
    read -r w m < /tmp/bench.time
    walls+=("$w"); rss+=("$m")
  done
  local mw mr
  mw=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  mr=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  echo "$name $mw $((mr / 1024))"
}

say "measuring ($RUNS runs each, median)"
{
  measure doctor target/release/kubectl-doctor -A -o json
  measure floor kubectl get "$KINDS" -A -o json
  if [ -n "$POPEYE" ] && [ -x "$POPEYE" ]; then
    measure popeye "$POPEYE" -A -o json --logs none --force-exit-zero
  fi
} > /tmp/bench.rows
python3 - "$NODES" "$PODS" <<'PY'
import sys
rows = {n: (float(w), int(m)) for n, w, m in (l.split() for l in open("/tmp/bench.rows"))}
d, f, p = rows["doctor"], rows["floor"], rows.get("popeye")
print(f"kubectl doctor -A -o json on {sys.argv[1]} nodes / {sys.argv[2]} pods (median of runs)\n")
print("| tool | wall (s) | peak RSS (MiB) | doctor / tool, time | doctor / tool, memory |")
print("| --- | --- | --- | --- | --- |")
for name, label in (("doctor", "kubectl doctor"), ("floor", "floor: kubectl get <same kinds> -o json"), ("popeye", "popeye v0.22.1")):
    if name in rows:
        w, m = rows[name]
        print(f"| {label} | {w:.2f} | {m} | {d[0]/w:.2f}x | {d[1]/max(m,1):.2f}x |")
if p is None:
    print("\npopeye: not available (scripts/build-popeye.sh failed)")
print(f"\ngoal: doctor <= 1.5x floor time: {'met' if d[0] <= 1.5*f[0] else 'MISSED'} ({d[0]/f[0]:.2f}x)")
if p:
    print(f"goal: doctor < 1/5 popeye time: {'met' if d[0] < p[0]/5 else 'MISSED'} ({d[0]/p[0]:.2f}x); memory: {'met' if d[1] < p[1]/5 else 'MISSED'} ({d[1]/p[1]:.2f}x)")
PY
say "the bench cluster keeps running; stop it with SRE_TOOLKIT_CLUSTER_DIR=$SRE_TOOLKIT_CLUSTER_DIR cargo xtask cluster down"
