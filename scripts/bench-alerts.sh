#!/usr/bin/env bash
# Benchmark for `kubectl alerts` (not a test: prints numbers, asserts nothing).
# Backfills into the real Prometheus (Debian's package) ALERTS and ALERTS_FOR_STATE of
# SERIES alert series over 30 days with TRANSITIONS state changes in all (short episodes
# at random times, one sample a minute), then reports in one run:
#   - the analysis alone (`-v` prints it): goal under 2 s for 1,000,000 transitions;
#   - `kubectl alerts report -o json` end to end, queries included, and its peak RSS;
#   - the floor: the same chunked range queries issued with curl, four at a time.
# Ratios, not absolute times, are what to compare: the machine is shared.
# Env: RUNS (default 3, median taken), SERIES (1000), TRANSITIONS (1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
source scripts/lib/measure.sh
source scripts/lib/prometheus.sh
RUNS=${RUNS:-3}; SERIES=${SERIES:-1000}; TRANSITIONS=${TRANSITIONS:-1000000}

ensure_toolchains
ensure_test_services
ensure_gnu_time
command -v curl >/dev/null || ensure_debian curl curl "for the benchmark's floor"
cargo build --release --locked -p kubectl-alerts >&2

WORK=$(mktemp -d)
trap 'kill "$PROM_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
END=$(( $(date +%s) / 3600 * 3600 - 3600 ))
START=$(( END - 30 * 86400 ))
say "generating $SERIES series with $TRANSITIONS transitions over 30 days"
python3 - "$SERIES" "$TRANSITIONS" "$START" "$END" > "$WORK/history.om" <<'PY'
import random, sys
series, transitions, start, end = (int(a) for a in sys.argv[1:])
random.seed(7)
episodes = transitions // 2 // series
minutes = (end - start) // 60
alerts, forstate = [], []
for s in range(series):
    name = f"Bench{s % 100}"
    labels = f'alertname="{name}",severity="{("critical","warning","info")[s % 3]}",instance="i{s}"'
    # episodes of 1-3 minutes at distinct random minutes, at least 5 minutes apart
    slots = sorted(random.sample(range(0, minutes // 5 - 1), episodes))
    a, f = [], []
    for k in slots:
        m0 = k * 5
        for m in range(random.randint(1, 3)):
            t = start + (m0 + m) * 60 + 30
            a.append(t); f.append((t, start + m0 * 60 + 30))
    alerts.append((labels, a)); forstate.append((labels, f))
out = sys.stdout
out.write("# TYPE ALERTS gauge\n")
for labels, times in alerts:
    l = labels.replace('",', '",alertstate="firing",', 1)
    out.write("".join(f"ALERTS{{{l}}} 1 {t}\n" for t in times))
out.write("# TYPE ALERTS_FOR_STATE gauge\n")
for labels, points in forstate:
    out.write("".join(f"ALERTS_FOR_STATE{{{labels}}} {v} {t}\n" for t, v in points))
out.write("# EOF\n")
PY
say "backfilling with promtool ($(du -h "$WORK/history.om" | cut -f1) of OpenMetrics)"
start_backfilled_prometheus "$WORK/history.om" "$WORK"

ARGS=(report --prometheus "$URL" --since 30d --until "$END" --step 1m -o json --fail-on never)
# The floor: the same range queries the plugin issues (10,000 points per chunk, 4 at a time).
cat > "$WORK/floor.sh" <<SH
#!/usr/bin/env bash
for q in 'last_over_time(ALERTS{alertstate=~"firing|pending"}[60s])' 'last_over_time(ALERTS_FOR_STATE[60s])'; do
  s=$START
  while [ "\$s" -le $END ]; do
    e=\$(( s + 60 * 9999 )); [ "\$e" -gt $END ] && e=$END
    echo "\$s \$e \$q"
    s=\$(( e + 60 ))
  done
done | xargs -P4 -d '\n' -n1 sh -c 's=\${0%% *}; r=\${0#* }; e=\${r%% *}; q=\${r#* }; curl -sf --get "$URL/api/v1/query_range" --data-urlencode "query=\$q" --data "start=\$s" --data "end=\$e" --data step=60 -o /dev/null'
SH
chmod +x "$WORK/floor.sh"
"$WORK/floor.sh" || die "the floor's curl queries failed" 1
say "measuring ($RUNS runs each, median)"
{
  measure alerts target/release/kubectl-alerts "${ARGS[@]}"
  measure floor "$WORK/floor.sh"
} > "$WORK/rows"
analysis=()
for _ in $(seq "$RUNS"); do
  target/release/kubectl-alerts "${ARGS[@]}" -v 1 > "$WORK/report.json" 2> "$WORK/err" ||
    die "kubectl alerts failed: $(tail -n 3 "$WORK/err")" 1
  analysis+=("$(sed -n 's/^analysed \([0-9]*\) episodes in \([0-9.]*\)s$/\2/p' "$WORK/err")")
done
A=$(printf '%s\n' "${analysis[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
python3 - "$WORK/rows" "$WORK/report.json" "$A" "$TRANSITIONS" "$SERIES" <<'PY'
import json, sys
rows = {l.split()[0]: (float(l.split()[1]), int(l.split()[2])) for l in open(sys.argv[1])}
rep = json.load(open(sys.argv[2]))
analysis, transitions, series = float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
episodes = rep["totals"]["episodes"]
print(f"\n{series} series, {episodes} episodes ({2 * episodes} transitions planted: {transitions}) over 30 days (median of runs)\n")
print("| what | wall (s) | peak RSS (MiB) | vs floor |")
print("| --- | --- | --- | --- |")
a, f = rows["alerts"], rows["floor"]
print(f"| kubectl alerts report -o json (queries + analysis) | {a[0]:.2f} | {a[1]} | {a[0]/f[0]:.2f}x |")
print(f"| floor: the same range queries with curl, 4 at a time | {f[0]:.2f} | - | 1.00x |")
print(f"| analysis alone | {analysis:.3f} | - | - |")
print(f"\ngoal analysis < 2 s for 1M transitions: {'met' if analysis < 2 * transitions / 1e6 else 'MISSED'} "
      f"({analysis:.3f}s; the seeds' target was 10k alerts in 5 s)")
PY
