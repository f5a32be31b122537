#!/usr/bin/env bash
# Benchmark for `kubectl chaos` (not a test: prints numbers, asserts nothing).
# On a local control plane with 1,000 kwok pods: pod-kill every second for 30 s (10 pods a
# round) and how far each round started from its schedule; then the time from Ctrl-C to a
# full rollback of a running scale fault (a 50-replica Deployment scaled to zero, restored).
# Env: PODS (1000), ROUNDS_EVERY (1s), FOR (30s).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
PODS=${PODS:-1000}; EVERY=${ROUNDS_EVERY:-1s}; FOR=${FOR:-30s}

ensure_toolchains
ensure_testbins
cargo build --release --locked -p kubectl-chaos -p xtask >&2
export SRE_TOOLKIT_CLUSTER_DIR="$PWD/target/bench-chaos-cluster"
KUBECONFIG=$(cargo xtask cluster up | tail -n1); export KUBECONFIG
have=$(kubectl get pods -n seed-0 --no-headers 2>/dev/null | wc -l)
if [ "$have" -lt "$PODS" ]; then
  say "seeding $PODS pods"
  cargo xtask seed --nodes 20 --pods "$PODS" --namespaces 1 --fault-every 0 >&2
fi
CHAOS=target/release/kubectl-chaos
say "pod-kill: 10 pods every $EVERY for $FOR among $PODS"
$CHAOS -n seed-0 --yes pod-kill -l seed.sre-toolkit.io/pod=true --count 10 --interval "$EVERY" --duration "$FOR" \
  --grace-period 0 -o json 2>/dev/null > /tmp/bench-chaos-kill.json

say "Ctrl-C to full rollback"
kubectl create namespace bench-chaos --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl -n bench-chaos create deployment web --image=nginx:1.27 --replicas=50 --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl -n bench-chaos rollout status deployment/web --timeout=120s >/dev/null
times=()
for _ in 1 2 3; do
  $CHAOS -n bench-chaos --yes scale --workload deployment/web --duration 10m >/dev/null 2>&1 &
  pid=$!
  until [ "$(kubectl -n bench-chaos get deployment web -o jsonpath='{.spec.replicas}')" = 0 ]; do sleep 0.1; done
  t0=$(date +%s%N); kill -INT $pid; wait $pid || true; t1=$(date +%s%N)
  [ "$(kubectl -n bench-chaos get deployment web -o jsonpath='{.spec.replicas}')" = 50 ] || die "not rolled back"
  times+=($(( (t1 - t0) / 1000000 )))
done
python3 - "${times[@]}" <<'PY'
import json, statistics, sys
r = json.load(open("/tmp/bench-chaos-kill.json"))
rounds = r["rounds"]
drift = [actual - intended for intended, actual in rounds]
deleted = len(r["actions"])
print(f"\npod-kill among 1,000 kwok pods: {len(rounds)} rounds of 10, {deleted} pods deleted")
print(f"round start vs schedule: median {statistics.median(drift)} ms, max {max(drift)} ms late")
if r.get("recoveredAfterSeconds") is not None:
    print(f"time to recover: {r['recoveredAfterSeconds']:.2f} s")
ms = [int(x) for x in sys.argv[1:]]
print(f"Ctrl-C to full rollback (scale 50 -> 0 restored, process exited): {ms} ms, median {statistics.median(ms)} ms")
PY
say "the bench cluster keeps running; stop it with SRE_TOOLKIT_CLUSTER_DIR=$SRE_TOOLKIT_CLUSTER_DIR cargo xtask cluster down"
