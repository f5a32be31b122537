#!/usr/bin/env bash
# Builds popeye v0.22.1 (the peer `kubectl doctor` is benchmarked against) from the Go module
# proxy into the test-binary cache. Benchmark-only; never committed. Prints the binary path.
# A scratch module (not `go install`): the proxy here refuses the @v/list lookup that
# `go install` makes for deprecation notices, and popeye's own replace directives must be
# copied, as a dependency's are ignored.
set -euo pipefail
V=${POPEYE_VERSION:-v0.22.1}
ROOT=${TESTCLUSTER_BINDIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sre-toolkit/testbins}
OUT="$ROOT/popeye-$V"
if [ ! -e "$OUT/.complete" ]; then
  mkdir -p "$OUT"
  echo "[popeye] building $V from the Go module proxy (cold: several minutes)" >&2
  export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS="-mod=mod -modcacherw"
  W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
  ( cd "$W"
    go mod init example.invalid/popeyebin >/dev/null 2>&1
    UP=$(go mod download -json "github.com/derailed/popeye@$V" | python3 -c 'import json,sys; print(json.load(sys.stdin)["GoMod"])')
    go mod edit -json "$UP" | python3 -c '
import json, sys
m = json.load(sys.stdin)
for r in m.get("Replace") or []:
    new = r["New"]
    if not new["Path"].startswith("."):
        print("-replace=%s=%s@%s" % (r["Old"]["Path"], new["Path"], new["Version"]))
' | xargs -r go mod edit
    go mod edit -require="github.com/derailed/popeye@$V"
    go build -trimpath -tags netgo -ldflags "-s -w -X github.com/derailed/popeye/cmd.version=$V" -o "$OUT/popeye" github.com/derailed/popeye )
  touch "$OUT/.complete"
fi
echo "$OUT/popeye"
