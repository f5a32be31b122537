#!/usr/bin/env bash
# Builds krew (for the install test of our krew manifests) from the Go module proxy into the
# test-binary cache. Never committed. Prints the binary path.
set -euo pipefail
V=${KREW_VERSION:-v0.4.4}
ROOT=${TESTCLUSTER_BINDIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sre-toolkit/testbins}
OUT="$ROOT/krew-$V"
if [ ! -e "$OUT/.complete" ]; then
  mkdir -p "$OUT"
  echo "[krew] building $V from the Go module proxy" >&2
  export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS="-mod=mod -modcacherw"
  W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
  ( cd "$W"
    go mod init example.invalid/krewbin >/dev/null 2>&1
    go mod edit -require="sigs.k8s.io/krew@$V"
    go build -trimpath -ldflags "-s -w" -o "$OUT/krew" sigs.k8s.io/krew/cmd/krew )
  touch "$OUT/.complete"
fi
echo "$OUT/krew"
