#!/usr/bin/env bash
# Benchmark for `kubectl certs` (not a test: prints numbers, asserts nothing).
# 1. Seeds 10,000 TLS Secrets (leaf + intermediate + key + ca.crt each) and 500 ConfigMap
#    bundles into a local control plane, and reports in one run: `kubectl certs -A -o json`
#    wall time and peak RSS against the floor `kubectl get secrets -A -o json > /dev/null`.
#    Goal: within 1.5x the floor.
# 2. Starts 1,000 rustls servers on loopback (`cargo xtask tls-farm`) and reports how many
#    endpoints per second `kubectl certs --no-cluster --endpoints-file` probes and checks.
# Ratios, not absolute times, are what to compare: the machine is shared.
# Env: RUNS (default 3, median taken), SECRETS (10000), ENDPOINTS (1000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
source scripts/lib/measure.sh
RUNS=${RUNS:-3}; SECRETS=${SECRETS:-10000}; ENDPOINTS=${ENDPOINTS:-1000}

ensure_toolchains
ensure_testbins
ensure_gnu_time
cargo build --release --locked -p kubectl-certs -p xtask >&2
export SRE_TOOLKIT_CLUSTER_DIR="$PWD/target/bench-certs-cluster"
KUBECONFIG=$(cargo xtask cluster up | tail -n1); export KUBECONFIG
have=$(kubectl get secrets -A --field-selector type=kubernetes.io/tls --no-headers 2>/dev/null | wc -l)
if [ "$have" -lt "$SECRETS" ]; then
  say "seeding $SECRETS TLS Secrets"
  cargo xtask seed-certs --secrets "$SECRETS" --namespaces 20 >&2
fi
FARM=$(mktemp -d)
trap 'kill "$FARM_PID" 2>/dev/null || true; rm -rf "$FARM"' EXIT
target/release/xtask tls-farm --count "$ENDPOINTS" --dir "$FARM" >&2 &
FARM_PID=$!
for _ in $(seq 100); do [ -s "$FARM/endpoints.txt" ] && break; sleep 0.1; done
[ -s "$FARM/endpoints.txt" ] || die "the TLS farm did not start"

say "measuring ($RUNS runs each, median)"
{
  measure certs target/release/kubectl-certs -A -o json --fail-on never
  measure floor kubectl get secrets -A -o json
  measure probe target/release/kubectl-certs --no-cluster --endpoints-file "$FARM/endpoints.txt" --ca-file "$FARM/ca.pem" -o json --fail-on never
} > /tmp/bench-certs.rows
target/release/kubectl-certs -A -o json --fail-on never > /tmp/bench-certs.json
python3 - "$SECRETS" "$ENDPOINTS" <<'PY'
import json, sys
rows = {l.split()[0]: (float(l.split()[1]), int(l.split()[2])) for l in open("/tmp/bench-certs.rows")}
report = json.load(open("/tmp/bench-certs.json"))
secrets = sum(1 for i in report["items"] if i["source"]["kind"] == "Secret" and i["source"]["key"] == "tls.crt" and i["position"] == "leaf")
c, f = rows["certs"], rows["floor"]
print(f"\nAll namespaces: {sys.argv[1]} TLS Secrets seeded; certs found {len(report['items'])} certificates "
      f"({secrets} Secret leaves) and {len(report['findings'])} findings (median of runs)\n")
print("| command | wall (s) | peak RSS (MiB) | certs' time / command's | certs' memory / command's |")
print("| --- | --- | --- | --- | --- |")
for key, label in (("certs", "kubectl certs -A -o json"), ("floor", "floor: kubectl get secrets -A -o json")):
    w, m = rows[key]
    print(f"| {label} | {w:.2f} | {m} | {c[0]/w:.2f}x | {c[1]/max(m,1):.2f}x |")
print(f"\ngoal certs <= 1.5x floor: {'met' if c[0] <= 1.5 * f[0] else 'MISSED'} ({c[0]/f[0]:.2f}x time, {c[1]/f[1]:.2f}x memory)")
p = rows["probe"]
print(f"\nEndpoints: {sys.argv[2]} loopback TLS servers probed and checked in {p[0]:.2f}s "
      f"= {int(sys.argv[2]) / p[0]:.0f} endpoints/s, peak RSS {p[1]} MiB")
PY
say "the bench cluster keeps running; stop it with SRE_TOOLKIT_CLUSTER_DIR=$SRE_TOOLKIT_CLUSTER_DIR cargo xtask cluster down"
