# Sourced by the benchmark scripts: wall time and peak RSS of a command with GNU time.
# shellcheck shell=bash

ensure_gnu_time() {
  [ -x /usr/bin/time ] || { say "installing GNU time (Debian package 'time')"; apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; }
}

# measure NAME CMD...: median wall seconds and peak RSS (MiB) over $RUNS runs, as one line
# "NAME wall MiB" on stdout (the command's own output is discarded).
measure() {
  local name=$1; shift
  local walls=() rss=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o /tmp/bench.time "$@" >/dev/null 2>/tmp/bench.err || true
    read -r w m < <(tail -n1 /tmp/bench.time)  # GNU time may prefix "Command exited with non-zero status"
    walls+=("$w"); rss+=("$m")
  done
  local mw mr
  mw=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  mr=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  echo "$name $mw $((mr / 1024))"
}
