#!/usr/bin/env bash
# Runs `--version` of every archived binary in dist/ that this machine can execute: Linux
# amd64 natively and Linux arm64 under qemu-user (Debian's qemu-user-static) when installed.
# macOS binaries cannot run here, nor Windows ones (Debian 12's wine 8 lacks
# bcryptprimitives.dll, which Rust's std imports): `cargo xtask dist` checks their format and
# architecture. Each binary must name its own target.
set -euo pipefail
cd "$(dirname "$0")/.."
ran=0 skipped=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for archive in dist/kubectl-*.tar.gz; do
  stem=$(basename "$archive" .tar.gz)
  plugin=${stem#kubectl-}; plugin=${plugin%%-*}   # plugin names have no dash
  target=${stem#kubectl-"$plugin"-}
  case $target in
    x86_64-unknown-linux-musl) run=() ;;
    aarch64-unknown-linux-musl) command -v qemu-aarch64-static >/dev/null || { skipped=$((skipped+1)); continue; }; run=(qemu-aarch64-static) ;;
    *) skipped=$((skipped+1)); continue ;;
  esac
  tar -C "$tmp" -xzf "$archive"
  out=$("${run[@]}" "$tmp/$stem/kubectl-$plugin" --version 2>/dev/null)
  case $out in
    "kubectl-$plugin "*"target $target)") echo "ok   $stem: $out" ;;
    *) echo "FAIL $stem: '$out'" >&2; exit 1 ;;
  esac
  ran=$((ran+1))
done
echo "ran $ran binaries, $skipped not runnable here" >&2
