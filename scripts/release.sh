#!/usr/bin/env bash
# Builds the release: archives of every plugin for every krew platform (cross-compiled with
# zig; see scripts/build-cross.sh) into dist/ with sha256 files, then renders the krew
# manifests from those checksums into krew-index/plugins/. The version is the workspace's
# (lockstep, release.toml). Usage: scripts/release.sh
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/build-cross.sh)"
version=v$(cargo metadata --locked --no-deps --format-version 1 |
  python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="kubectl-doctor"))')
rm -rf dist
cargo xtask dist --all-platforms --krew "$version"
mkdir -p krew-index/plugins
cp dist/krew/*.yaml krew-index/plugins/
echo "release $version: $(ls dist/*.tar.gz | wc -l) archives in dist/, manifests in krew-index/plugins/" >&2
bash scripts/smoke-release.sh
