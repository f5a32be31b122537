# Sourced by scripts/demo.sh and scripts/test.sh: makes sure the toolchains are there and
# builds the control-plane binaries (cached outside the repository).
# shellcheck shell=bash

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit "${2:-1}"; }

ensure_toolchains() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)" 3
  command -v go >/dev/null || die "go not found: install Go >= 1.26 (it builds the local control plane)" 3
  command -v python3 >/dev/null || die "python3 not found (the control-plane build script uses it)" 3
  if command -v rustup >/dev/null; then
    rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt >&2
    rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy >&2
  fi
}

# Builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok (and kubectl when
# the machine has none) into the cache; exports TESTCLUSTER_BINDIR and puts kubectl on PATH.
ensure_testbins() {
  local started=$SECONDS
  TESTCLUSTER_BINDIR=$(bash scripts/build-testbins.sh all | tail -n1)
  export TESTCLUSTER_BINDIR
  bash scripts/build-krew.sh >/dev/null   # for the krew install test
  if ! command -v kubectl >/dev/null; then
    export PATH="$PATH:$TESTCLUSTER_BINDIR/kubectl-${K8S_VERSION:-v1.36.3}"
  fi
  say "control-plane binaries ready in $((SECONDS - started))s ($TESTCLUSTER_BINDIR)"
}

# Debian's chromium, for the test that renders doctor's HTML report in a real browser.
# ensure_debian COMMAND PACKAGE WHY: installs the Debian package when COMMAND is missing.
ensure_debian() {
  command -v "$1" >/dev/null && return 0
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    say "installing $2 (Debian package) $3"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
  else
    echo "warning: $1 missing and cannot be installed here; the tests that need it will fail under CI" >&2
  fi
}

ensure_chromium() { ensure_debian chromium chromium "for the HTML rendering tests"; }

# Test-only services: the real Debian packages, started on loopback by the tests themselves.
ensure_test_services() {
  ensure_debian prometheus prometheus "for the chaos Prometheus probe, the slo and alerts tests (with promtool)"
  ensure_debian prometheus-alertmanager prometheus-alertmanager "for the alerts tests"
  ensure_debian tc iproute2 "for the chaos tc test in a network namespace"
  ensure_debian openssl openssl "for the certs weak-crypto fixtures"
}

# Sloth v0.16.0 built from its Go module into the cache, for the test that compares its rules'
# firing times with ours (kubectl slo generate --rule-style sloth) on the same series.
ensure_sloth() {
  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/sre-toolkit/tools/sloth-v0.16.0"
  if [ ! -x "$dir/sloth" ]; then
    say "building Sloth v0.16.0 from Go modules into $dir"
    mkdir -p "$dir"
    (cd /tmp && GOFLAGS=-mod=mod GOBIN="$dir" go install -trimpath -ldflags='-s -w' github.com/slok/sloth/cmd/sloth@v0.16.0) \
      || die "cannot build Sloth v0.16.0 from the Go module proxy" 3
  fi
  export SRE_TOOLKIT_SLOTH="$dir/sloth"
}

# prometheus-operator's PrometheusRule CRD (from its Go module, which ships the CRDs), for the
# test of `kubectl slo apply` on the local control plane. Into the cache, never the repository.
ensure_prometheus_rule_crd() {
  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/sre-toolkit/crds"
  local want="$dir/monitoring.coreos.com_prometheusrules.yaml"
  if [ ! -s "$want" ]; then
    say "fetching the PrometheusRule CRD (Go module prometheus-operator v0.85.0) into $dir"
    mkdir -p "$dir"
    local mod
    mod=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json github.com/prometheus-operator/prometheus-operator@v0.85.0 |
      python3 -c 'import json,sys; print(json.load(sys.stdin).get("Dir",""))') || true
    [ -n "$mod" ] && [ -s "$mod/example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml" ] \
      || die "cannot fetch prometheus-operator v0.85.0 from the Go module proxy" 3
    cp "$mod/example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml" "$want"
  fi
  export SRE_TOOLKIT_PROMETHEUS_RULE_CRD="$want"
}

# The SARIF 2.1.0 JSON schema (from the npm package @microsoft/jest-sarif, which ships it) and
# python3's jsonschema, for the tests that validate -o sarif as GitHub code scanning would.
# Into the cache, never the repository.
ensure_sarif_schema() {
  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/sre-toolkit/sarif"
  if [ ! -s "$dir/sarif-schema-2.1.0.json" ]; then
    say "fetching the SARIF 2.1.0 schema (npm @microsoft/jest-sarif) into $dir"
    mkdir -p "$dir"
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null 2>&1) \
      || die "cannot fetch @microsoft/jest-sarif from the npm registry" 3
    tar -xzf "$tmp"/microsoft-jest-sarif-*.tgz -C "$tmp" package/lib/schemas/sarif-2.1.0-rtm.5.json
    mv "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$dir/sarif-schema-2.1.0.json"
    rm -rf "$tmp"
  fi
  if ! python3 -c 'import jsonschema' 2>/dev/null; then
    say "installing python3 jsonschema (PyPI) for SARIF validation"
    python3 -m pip install --quiet jsonschema >/dev/null 2>&1 \
      || python3 -m pip install --quiet --break-system-packages jsonschema >/dev/null \
      || die "cannot install jsonschema from PyPI" 3
  fi
  export SRE_TOOLKIT_SARIF_SCHEMA="$dir/sarif-schema-2.1.0.json"
}
