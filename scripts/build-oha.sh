#!/usr/bin/env bash
# Builds oha (the HTTP load generator `kubectl load` is benchmarked against) from crates.io
# into ~/.cache/sre-toolkit/peers/oha, outside the repository; prints the binary's path.
set -euo pipefail
OHA_VERSION=${OHA_VERSION:-1.16.0}
root="${SRE_TOOLKIT_PEERS:-$HOME/.cache/sre-toolkit/peers}/oha-$OHA_VERSION"
if [ ! -x "$root/bin/oha" ]; then
  CARGO_TARGET_DIR="$root/target" cargo install --locked --quiet oha --version "$OHA_VERSION" --root "$root" >&2
  rm -rf "$root/target"
fi
echo "$root/bin/oha"
