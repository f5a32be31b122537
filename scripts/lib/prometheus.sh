# Sourced by the benchmark scripts: the real Prometheus (Debian's) over a backfilled history.
# shellcheck shell=bash

# start_backfilled_prometheus OPENMETRICS DIR: backfills the file with promtool into DIR/data
# (then deletes it), starts Prometheus on a free loopback port with a 400-day retention and
# waits until it is ready; sets PROM_PID and URL.
start_backfilled_prometheus() {
  local om=$1 dir=$2 port
  promtool tsdb create-blocks-from openmetrics "$om" "$dir/data" >/dev/null
  rm "$om"
  port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  printf 'global: {scrape_interval: 1m}\nscrape_configs: []\n' > "$dir/prometheus.yml"
  prometheus --config.file="$dir/prometheus.yml" --web.listen-address="127.0.0.1:$port" \
    --storage.tsdb.path="$dir/data" --storage.tsdb.retention.time=400d >/dev/null 2>&1 &
  PROM_PID=$!
  URL="http://127.0.0.1:$port"
  for _ in $(seq 600); do curl -sf "$URL/-/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -sf "$URL/-/ready" >/dev/null || die "Prometheus did not become ready" 1
}
