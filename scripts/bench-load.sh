#!/usr/bin/env bash
# Benchmark for `kubectl load` (not a test: prints numbers, asserts nothing).
# nginx (Debian package) on loopback, pinned to CPU 1, answers `200 ok`. Each generator is
# pinned to CPU 0 with 50 connections (or users) for DURATION, in one run, rounds interleaved;
# the unit is requests per generator CPU-second (user + system time of the generator), since
# nginx saturates a core before the better generators do. Peers: wrk (Debian package), oha
# (crates.io, scripts/build-oha.sh), and goose in its default configuration (our scenario path
# with one GET step). Also: memory of one runner holding 10,000 requests/s in the open model.
# Env: ROUNDS (default 3), DURATION (10s).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
source scripts/lib/measure.sh
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-10s}

ensure_toolchains
ensure_gnu_time
command -v nginx >/dev/null && command -v wrk >/dev/null || {
  say "installing nginx-light and wrk (Debian packages)"
  apt-get update -qq >/dev/null && apt-get install -y -qq nginx-light wrk >/dev/null
}
OHA=$(bash scripts/build-oha.sh | tail -n1)
cargo build --release --locked -p kubectl-load >&2
LOAD=target/release/kubectl-load

WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  server { listen 127.0.0.1:$PORT; keepalive_requests 1000000; location / { return 200 "ok"; } }
}
CONF
taskset -c 1 nginx -c "$WORK/nginx.conf" &
NGINX=$!
trap 'kill $NGINX ${TARGET:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
sleep 1
URL="http://127.0.0.1:$PORT/"
# kubectl load target, pinned to CPU 1 like nginx (stopped by --for after the rounds).
TARGET_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
taskset -c 1 "$LOAD" target --listen "127.0.0.1:$TARGET_PORT" --for 3600s >/dev/null 2>&1 &
TARGET=$!
TARGET_URL="http://127.0.0.1:$TARGET_PORT/"
cat > "$WORK/one-get.yaml" <<YAML
apiVersion: load.sre-toolkit.io/v1alpha1
kind: Scenario
steps:
- path: /
YAML

# cpu_run NAME CMD...: one run pinned to CPU 0; prints "NAME requests cpu_seconds peak_mib".
cpu_run() {
  local name=$1; shift
  /usr/bin/time -f '%U %S %M' -o "$WORK/time" taskset -c 0 "$@" >"$WORK/out" 2>"$WORK/err" || true
  local u s m n
  read -r u s m < <(tail -n1 "$WORK/time")
  case $name in
    wrk) n=$(awk '/requests in/ {print $1}' "$WORK/out") ;;
    oha) n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(d["statusCodeDistribution"].values()))' "$WORK/out") ;;
    *) n=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["requests"])' "$WORK/out") ;;
  esac
  echo "$name $n $(python3 -c "print($u + $s)") $((m / 1024))"
}

say "measuring: $ROUNDS interleaved rounds of $DURATION each (nginx on CPU 1, generators on CPU 0)"
secs=${DURATION%s}
for _ in $(seq "$ROUNDS"); do
  cpu_run wrk wrk -t1 -c50 -d"$DURATION" "$URL"
  cpu_run oha "$OHA" -c 50 -z "$DURATION" --no-tui --output-format json "$URL"
  cpu_run kubectl-load "$LOAD" run "$URL" --users 50 --duration "$DURATION" -o json
  cpu_run goose "$LOAD" run "$URL" --scenario "$WORK/one-get.yaml" --users 50 --duration "$DURATION" -o json
  cpu_run load-vs-target "$LOAD" run "$TARGET_URL" --users 50 --duration "$DURATION" -o json
done > "$WORK/rows"
cpu_run open-10k "$LOAD" run "$URL" --rate 10000/s --duration "$DURATION" -o json > "$WORK/open"
cp "$WORK/out" "$WORK/open.json"
python3 - "$WORK/rows" "$WORK/open" "$WORK/open.json" "$secs" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, n, cpu, mib = line.split()
    rows.setdefault(name, []).append((int(n), float(cpu), int(mib)))
per = {k: [n / c for n, c, _ in v if c > 0] for k, v in rows.items()}
wrk = statistics.median(per["wrk"])
print(f"\nnginx on loopback, 50 connections/users, {sys.argv[4]} s per run, median of {len(per['wrk'])} interleaved rounds\n")
print("| generator | requests per run | requests per CPU-second | vs wrk | peak RSS (MiB) |")
print("| --- | --- | --- | --- | --- |")
labels = {"wrk": "wrk 4.1.0 `-t1 -c50`", "oha": "oha 1.16.0 `-c 50`", "kubectl-load": "kubectl load (engine, closed model, 50 users)", "goose": "goose 0.19 default config (kubectl load --scenario, one GET)", "load-vs-target": "kubectl load against `kubectl load target` (instead of nginx)"}
for k in ("wrk", "oha", "kubectl-load", "goose", "load-vs-target"):
    if k not in rows: continue
    med = statistics.median(per[k])
    print(f"| {labels[k]} | {int(statistics.median(n for n, _, _ in rows[k]))} | {med:,.0f} | {med / wrk:.2f}x | {max(m for _, _, m in rows[k])} |")
ours = statistics.median(per["kubectl-load"])
print(f"\ngoal kubectl load >= 0.7x wrk: {'met' if ours >= 0.7 * wrk else 'MISSED'} ({ours / wrk:.2f}x)")
vs_target = statistics.median(per["load-vs-target"])
print(f"goal kubectl load against kubectl load target >= 0.7x wrk against nginx: {'met' if vs_target >= 0.7 * wrk else 'MISSED'} ({vs_target / wrk:.2f}x)")
name, n, cpu, mib = open(sys.argv[2]).read().split()
r = json.load(open(sys.argv[3]))["summary"]
print(f"open model at 10,000 requests/s for {sys.argv[4]} s: {r['requests']} requests, achieved {r['achievedRate']:.0f}/s, "
      f"dropped {r['dropped']}, p99 {r['latency']['p99']:.2f} ms; one runner's peak RSS {mib} MiB, CPU {float(cpu):.1f} s")
PY
