#!/usr/bin/env bash
# Installs what cross-building the release archives needs, into caches outside the
# repository (never committed), and prints `export` lines for the caller to eval:
#   - zig (PyPI package `ziglang`): the C compiler and, for Linux and Windows, the linker
#     (musl and mingw-w64 libraries ship with it);
#   - cargo-zigbuild (crates.io): runs cargo with zig as CC/linker per target;
#   - a stub macOS SDK: text-based stubs (.tbd) naming the install paths and symbols of the
#     system libraries and frameworks our dependencies link. zig ships libSystem's stub
#     only; the Security and CoreFoundation stubs are generated here from the extern
#     declarations of the security-framework-sys and core-foundation-sys crates in
#     Cargo.lock. Stubs carry no code: the binary binds to the real frameworks on the Mac.
#     macOS binaries are linked by rust-lld (ld64.lld, shipped with rustc), which also
#     signs arm64 binaries ad hoc; zig's Mach-O linker crashed on kubectl-load.
set -euo pipefail
cd "$(dirname "$0")/.."
ZIG_VERSION=${ZIG_VERSION:-0.15.2}
ZIGBUILD_VERSION=${ZIGBUILD_VERSION:-0.24.1}
TOOLS=${XDG_CACHE_HOME:-$HOME/.cache}/sre-toolkit/tools
mkdir -p "$TOOLS"

zig_dir="$TOOLS/ziglang-$ZIG_VERSION"
if [ ! -x "$zig_dir/ziglang/zig" ]; then
  echo "[cross] installing zig $ZIG_VERSION from PyPI" >&2
  python3 -m pip install -q --disable-pip-version-check --target "$zig_dir" "ziglang==$ZIG_VERSION" >&2
fi
zb_dir="$TOOLS/cargo-zigbuild-$ZIGBUILD_VERSION"
if [ ! -x "$zb_dir/bin/cargo-zigbuild" ]; then
  echo "[cross] installing cargo-zigbuild $ZIGBUILD_VERSION from crates.io" >&2
  cargo install -q --locked --root "$zb_dir" cargo-zigbuild --version "$ZIGBUILD_VERSION" >&2
fi

for t in x86_64-unknown-linux-musl aarch64-unknown-linux-musl x86_64-apple-darwin \
         aarch64-apple-darwin x86_64-pc-windows-gnu; do
  rustup target list --installed | grep -qx "$t" || rustup target add "$t" >&2
done

# The stub SDK, keyed by the crate versions its symbols come from.
crate_dir() { # crate name -> its source directory, at the version Cargo.lock pins
  cargo metadata --locked --format-version 1 --filter-platform aarch64-apple-darwin 2>/dev/null |
    python3 -c 'import json,sys,os; m=json.load(sys.stdin); print(next(os.path.dirname(p["manifest_path"]) for p in m["packages"] if p["name"]==sys.argv[1]))' "$1"
}
cf=$(crate_dir core-foundation-sys)
sec=$(crate_dir security-framework-sys)
sdk="$TOOLS/macos-stub-sdk-$(basename "$cf")-$(basename "$sec")"
extern_symbols() { # every fn and static declared inside `extern "C" {}` blocks, with the Mach-O underscore
  awk '/^[[:space:]]*(unsafe )?extern "C" \{/ {inside=1; next}
       inside && /^\}/ {inside=0}
       inside { if (match($0, /pub (unsafe )?(fn|static( mut)?) [A-Za-z_][A-Za-z0-9_]*/)) {
                  n=split(substr($0, RSTART, RLENGTH), w, " "); print "_" w[n] } }' \
    $(find "$1" -name '*.rs') | sort -u
}
tbd() { # file install-name symbols...
  local file=$1 name=$2; shift 2
  mkdir -p "$(dirname "$file")"
  { printf -- "--- !tapi-tbd\ntbd-version:     4\ntargets:         [ x86_64-macos, arm64-macos ]\n"
    printf "install-name:    '%s'\ncurrent-version: 1\nexports:\n" "$name"
    printf "  - targets:         [ x86_64-macos, arm64-macos ]\n    symbols:         [ %s ]\n...\n" \
      "$(printf '%s\n' "$@" | paste -sd, | sed 's/,/, /g')"; } > "$file"
}
if [ ! -e "$sdk/.complete" ]; then
  echo "[cross] writing the stub macOS SDK to $sdk" >&2
  rm -rf "$sdk"
  fw="$sdk/System/Library/Frameworks"
  # shellcheck disable=SC2046
  tbd "$fw/CoreFoundation.framework/CoreFoundation.tbd" \
    /System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation $(extern_symbols "$cf/src")
  # shellcheck disable=SC2046
  tbd "$fw/Security.framework/Security.tbd" \
    /System/Library/Frameworks/Security.framework/Versions/A/Security $(extern_symbols "$sec/src")
  # Linked by name (objc2 through ctrlc) but no symbol of theirs survives dead-code removal;
  # a symbol needed from them later fails the link loudly instead of binding wrongly.
  tbd "$fw/Foundation.framework/Foundation.tbd" \
    /System/Library/Frameworks/Foundation.framework/Versions/C/Foundation _NSLog
  tbd "$sdk/usr/lib/libobjc.tbd" /usr/lib/libobjc.A.dylib _objc_msgSend
  tbd "$sdk/usr/lib/libiconv.tbd" /usr/lib/libiconv.2.dylib _iconv _iconv_open _iconv_close
  cp "$zig_dir/ziglang/lib/libc/darwin/libSystem.tbd" "$sdk/usr/lib/libSystem.tbd"
  ln -s libSystem.tbd "$sdk/usr/lib/libc.tbd"
  ln -s libSystem.tbd "$sdk/usr/lib/libm.tbd"
  touch "$sdk/.complete"
fi

host=$(rustc -vV | sed -n 's/^host: //p')
echo "export PATH=\"$zig_dir/ziglang:$zb_dir/bin:\$PATH\""
echo "export SRE_TOOLKIT_MACOS_SDK=\"$sdk\""
echo "export SRE_TOOLKIT_RUST_LLD=\"$(rustc --print sysroot)/lib/rustlib/$host/bin/rust-lld\""
