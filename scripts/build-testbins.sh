#!/usr/bin/env bash
# Builds the real control-plane binaries used by the integration tests and the demo:
# kube-apiserver, kube-controller-manager, kube-scheduler (Kubernetes), etcd and kwok,
# all from the Go module proxy, into a cache outside the repository keyed by version.
# Nothing built here is ever committed. A build writes `.complete` last, so an
# interrupted build is redone. Prints the bin dir root on its last stdout line.
#
# Env: TESTCLUSTER_BINDIR (default ${XDG_CACHE_HOME:-$HOME/.cache}/sre-toolkit/testbins),
#      K8S_VERSION, ETCD_VERSION, KWOK_VERSION.
set -euo pipefail
K8S=${K8S_VERSION:-v1.36.3}
ETCD=${ETCD_VERSION:-v3.6.16}
KWOK=${KWOK_VERSION:-v0.8.0}
ROOT=${TESTCLUSTER_BINDIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sre-toolkit/testbins}
mkdir -p "$ROOT"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -modcacherw"

command -v go >/dev/null || { echo "error: go is required to build the test control plane" >&2; exit 3; }

log() { printf '[testbins] %s\n' "$*" >&2; }

# A scratch Go module in the current directory that requires k8s.io/kubernetes@$K8S with
# every staging module mapped to its published v0.X.Y (upstream replaces them by path, and a
# dependency's replace and godebug lines are ignored), so its cmd packages build.
k8s_scratch_module() {
  local stg="v0.${K8S#v1.}" up
  go mod init example.invalid/k8sbins >/dev/null 2>&1
  up=$(go mod download -json "k8s.io/kubernetes@$K8S" | python3 -c 'import json,sys; print(json.load(sys.stdin)["GoMod"])')
  go mod edit -json "$up" | python3 -c '
import json, sys
m, stg = json.load(sys.stdin), sys.argv[1]
for r in m.get("Replace") or []:
    old, new = r["Old"]["Path"], r["New"]
    if new["Path"].startswith("."): print("-replace=%s=%s@%s" % (old, old, stg))
    else: print("-replace=%s=%s@%s" % (old, new["Path"], new["Version"]))
for g in m.get("Godebug") or []: print("-godebug=%s=%s" % (g["Key"], g["Value"]))
' "$stg" | xargs -r go mod edit
  go mod edit -require="k8s.io/kubernetes@$K8S"
}

build_k8s() {
  local out="$ROOT/k8s-$K8S" minor
  minor=$(cut -d. -f2 <<<"$K8S")
  [ -e "$out/.complete" ] && return 0
  log "building kube-apiserver, kube-controller-manager, kube-scheduler $K8S (cold: 10-25 min)"
  mkdir -p "$out"
  local w; w=$(mktemp -d); (
    cd "$w"
    k8s_scratch_module
    local ldf="-s -w"
    for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      ldf+=" -X $p.gitVersion=$K8S -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
      ldf+=" -X $p.buildDate=1970-01-01T00:00:00Z"
    done
    go build -trimpath -tags=selinux,notest -ldflags="$ldf" -o "$out/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler
  ); rm -rf "$w"
  "$out/kube-apiserver" --version | grep -qx "Kubernetes $K8S"
  touch "$out/.complete"
}

build_kubectl() {
  # kubectl for machines that lack one (tests run plugins through it); same module graph.
  local out="$ROOT/kubectl-$K8S"
  [ -e "$out/.complete" ] && return 0
  log "building kubectl $K8S"
  mkdir -p "$out"
  local w; w=$(mktemp -d); (
    cd "$w"
    k8s_scratch_module
    go build -trimpath -ldflags="-s -w -X k8s.io/client-go/pkg/version.gitVersion=$K8S -X k8s.io/component-base/version.gitVersion=$K8S" \
      -o "$out/kubectl" k8s.io/kubernetes/cmd/kubectl
  ); rm -rf "$w"
  touch "$out/.complete"
}

build_etcd() {
  local out="$ROOT/etcd-$ETCD"
  [ -e "$out/.complete" ] && return 0
  log "building etcd $ETCD"
  mkdir -p "$out"
  local w; w=$(mktemp -d); (
    cd "$w"
    go mod init example.invalid/etcdbin >/dev/null 2>&1
    go mod edit -require="go.etcd.io/etcd/server/v3@$ETCD"
    go build -trimpath -ldflags="-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3
  ); rm -rf "$w"
  "$out/etcd" --version >/dev/null
  touch "$out/.complete"
}

build_kwok() {
  local out="$ROOT/kwok-$KWOK"
  [ -e "$out/.complete" ] && return 0
  log "building kwok $KWOK"
  mkdir -p "$out"
  GOFLAGS=-modcacherw GOBIN="$out" go install -trimpath -ldflags="-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK"
  local dir
  dir=$(cd /tmp && GOFLAGS=-modcacherw go mod download -json "sigs.k8s.io/kwok@$KWOK" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  rm -rf "$out/stages"; mkdir -p "$out/stages"
  cp -r "$dir/kustomize/stage/." "$out/stages/"; chmod -R u+w "$out/stages"
  touch "$out/.complete"
}

case "${1:-all}" in
  k8s) build_k8s ;; etcd) build_etcd ;; kwok) build_kwok ;;
  kubectl) build_kubectl ;;
  all) build_etcd; build_kwok; build_k8s; command -v kubectl >/dev/null || build_kubectl ;;
  *) echo "usage: $0 [all|k8s|etcd|kwok|kubectl]" >&2; exit 2 ;;
esac
echo "$ROOT"
