#!/usr/bin/env bash
# Runs every test: formatting, clippy with warnings denied, unit tests, offline CLI tests and
# real-cluster tests against a local control plane (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kwok) built from Go modules and started on
# loopback. Installs what it needs; stops the control plane when done, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh

ensure_toolchains
ensure_testbins
ensure_chromium
ensure_test_services
ensure_sarif_schema
ensure_prometheus_rule_crd
ensure_sloth

say "cargo fmt --check"
cargo fmt --all -- --check
say "cargo clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings
say "building tests"
cargo test --workspace --locked --no-run

export SRE_TOOLKIT_CLUSTER_DIR="$PWD/target/testcluster"
trap 'cargo xtask cluster down >/dev/null 2>&1 || true' EXIT
say "starting the local control plane"
cargo xtask cluster up >/dev/null
say "running tests (real cluster required)"
TESTCLUSTER_REQUIRE=1 cargo test --workspace --locked --no-fail-fast
