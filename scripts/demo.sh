#!/usr/bin/env bash
# The main job, for a newcomer: brings up a local control plane (built from Go modules),
# seeds it with 200 fake nodes, 4,000 pods and a small shop whose parts are broken in the
# ways real clusters break, and 100 TLS Secrets, then runs `kubectl doctor` and
# `kubectl certs` against it as a user would.
# The cluster keeps running afterwards; the last lines say how to use and stop it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh

ensure_toolchains
ensure_testbins
say "building kubectl-doctor and kubectl-certs (release)"
cargo build --release --locked -p kubectl-doctor -p kubectl-certs -p xtask
export SRE_TOOLKIT_CLUSTER_DIR="$PWD/target/demo-cluster"
say "starting the local control plane"
KUBECONFIG=$(cargo xtask cluster up | tail -n1)
export KUBECONFIG
export PATH="$PWD/target/release:$PATH"
say "seeding 200 nodes and 4,000 pods (1 in 40 faulty)"
cargo xtask seed --nodes 200 --pods 4000 --namespaces 8 --fault-every 40
say "seeding 100 TLS Secrets (2 expiring within a week)"
cargo xtask seed-certs --secrets 100 --namespaces 2
say "deploying the demo shop (manifests/demo/)"
kubectl apply -f manifests/demo/ >/dev/null
kubectl -n shop rollout status deployment/frontend --timeout=60s >/dev/null || true
sleep 20   # let the controllers, the HPA and kwok's fault stages settle

say "kubectl doctor healthcheck -A"
kubectl doctor healthcheck -A || true
say "kubectl doctor -n shop -o wide"
kubectl doctor -n shop -o wide || true
say "kubectl certs -A (the shop's Ingress names a TLS Secret that does not exist)"
kubectl certs -A --no-system-roots | grep -v ' ok$' || true
cat >&2 <<MSG

The cluster is still running. Try:
  export KUBECONFIG=$KUBECONFIG PATH=$PWD/target/release:\$PATH
  kubectl doctor -A                  # everything, all namespaces
  kubectl doctor audit -n shop       # best practice and security
  kubectl doctor -A -o json | head   # the versioned DoctorReport
  kubectl certs -A -o wide           # every certificate, with issuer, SANs, key and signature
  kubectl certs -A -o prometheus     # x509-certificate-exporter-compatible metrics
Stop it with: SRE_TOOLKIT_CLUSTER_DIR=$SRE_TOOLKIT_CLUSTER_DIR cargo xtask cluster down
MSG
