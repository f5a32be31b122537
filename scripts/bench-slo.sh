#!/usr/bin/env bash
# Benchmark for `kubectl slo` (not a test: prints numbers, asserts nothing). In one run:
#   1. SLOS (1,000) SLOs in one Sloth prometheus/v1 file: `kubectl slo validate` and
#      `kubectl slo generate --rule-style sloth` against Sloth v0.16.0's own `sloth generate`
#      on the same file (time per SLO, peak RSS);
#   2. `kubectl slo report` over REPORTED (100) SLOs on 30 days of request counters
#      backfilled into the real Prometheus (Debian's), against the floor of the same instant
#      queries issued by one curl one after another on a kept-alive connection, as the
#      report does;
#   3. rule cost: recording rules (series, for an SLO without groupBy) per SLO, ours in
#      both styles against Sloth's for the same spec. Pyrra is left out: the Go module proxy
#      serves no version of github.com/pyrra-dev/pyrra here.
# Ratios, not absolute times, are what to compare: the machine is shared.
# Env: RUNS (default 3, median taken), SLOS (1000), REPORTED (100).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
source scripts/lib/measure.sh
source scripts/lib/prometheus.sh
RUNS=${RUNS:-3}; SLOS=${SLOS:-1000}; REPORTED=${REPORTED:-100}

ensure_toolchains
ensure_test_services
ensure_gnu_time
ensure_sloth
SLOTH_BIN=$SRE_TOOLKIT_SLOTH
command -v curl >/dev/null || ensure_debian curl curl "for the benchmark's floor"
cargo build --release --locked -p kubectl-slo >&2
SLO=target/release/kubectl-slo

WORK=$(mktemp -d)
trap 'kill "$PROM_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

say "writing $SLOS SLOs (Sloth prometheus/v1) and $REPORTED of ours"
python3 - "$SLOS" "$REPORTED" "$WORK" <<'PY'
import sys
n, reported, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with open(f"{work}/sloth.yaml", "w") as f:
    f.write('version: "prometheus/v1"\nservice: "bench"\nlabels: {owner: bench}\nslos:\n')
    for k in range(n):
        f.write(f"""  - name: "route-{k}"
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{{job="bench",route="/r{k}",code=~"5.."}}[{{{{.window}}}}]))
        total_query: sum(rate(http_requests_total{{job="bench",route="/r{k}"}}[{{{{.window}}}}]))
    alerting:
      name: BenchRoute{k}
      page_alert: {{labels: {{severity: critical}}}}
      ticket_alert: {{labels: {{severity: warning}}}}
""")
with open(f"{work}/one.yaml", "w") as f:
    f.write(open(f"{work}/sloth.yaml").read().split("  - name: \"route-1\"")[0])
docs = []
for k in range(reported):
    docs.append(f"""apiVersion: slo.sre-toolkit.io/v1alpha1
kind: SLO
metadata: {{name: route-{k}}}
spec:
  service: bench
  objective: 99.9
  window: 30d
  sli:
    ratio:
      errors: http_requests_total{{route="/r{k}", code=~"5.."}}
      total: http_requests_total{{route="/r{k}"}}
""")
open(f"{work}/ours.yaml", "w").write("---\n".join(docs))
PY

END=$(( $(date +%s) / 3600 * 3600 ))
START=$(( END - 31 * 86400 ))
say "backfilling 30 days of counters for $REPORTED routes"
python3 - "$REPORTED" "$START" "$END" > "$WORK/history.om" <<'PY'
import sys
n, start, end = (int(a) for a in sys.argv[1:])
step = 900
out = sys.stdout
out.write("# TYPE http_requests_total counter\n")
for k in range(n):
    for code, per in (("200", 9000), ("500", 9 + k % 5)):
        total = 0
        for t in range(start, end + 1, step):
            total += per
            out.write(f'http_requests_total{{route="/r{k}",code="{code}"}} {total} {t}\n')
out.write("# EOF\n")
PY
start_backfilled_prometheus "$WORK/history.om" "$WORK"

# The floor: the report's own instant queries (per SLO: errors and total over the window
# and over each of 5m, 1h, 6h, 1d and 3d), one after another over one kept-alive
# connection of one curl process.
python3 - "$REPORTED" "$END" "$URL" > "$WORK/floor.cfg" <<'PY'
import sys, urllib.parse
n, at, url = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for k in range(n):
    for w in ("30d", "5m", "1h", "6h", "1d", "3d"):
        for sel in (f'http_requests_total{{route="/r{k}", code=~"5.."}}', f'http_requests_total{{route="/r{k}"}}'):
            q = urllib.parse.quote(f"sum(sum (rate({sel}[{w}])))")
            print(f'url = "{url}/api/v1/query?query={q}&time={at}"\noutput = "/dev/null"')
PY
cat > "$WORK/floor.sh" <<SH
#!/usr/bin/env bash
curl -sf -K "$WORK/floor.cfg"
SH
chmod +x "$WORK/floor.sh"
"$WORK/floor.sh" || die "the floor's curl queries failed" 1
"$SLO" report "$WORK/ours.yaml" --prometheus "$URL" --at "$END" -o json --fail-on never > "$WORK/report.json" \
  || die "kubectl slo report failed" 1

say "measuring ($RUNS runs each, median)"
{
  measure validate "$SLO" validate "$WORK/sloth.yaml" --fail-on never
  measure generate "$SLO" generate --rule-style sloth "$WORK/sloth.yaml"
  measure sloth "$SLOTH_BIN" generate -i "$WORK/sloth.yaml" -o "$WORK/sloth-out.yaml"
  measure report "$SLO" report "$WORK/ours.yaml" --prometheus "$URL" --at "$END" -o json --fail-on never
  measure floor "$WORK/floor.sh"
} > "$WORK/rows"

ours_sloth=$("$SLO" generate --rule-style sloth "$WORK/one.yaml" 2>/dev/null | grep -c '  - record:')
ours=$("$SLO" generate "$WORK/one.yaml" 2>/dev/null | grep -c '  - record:')
"$SLOTH_BIN" generate -i "$WORK/one.yaml" -o "$WORK/one-out.yaml" >/dev/null 2>&1
theirs=$(grep -c '  - record:' "$WORK/one-out.yaml")
python3 - "$WORK/rows" "$WORK/report.json" "$SLOS" "$REPORTED" "$ours" "$ours_sloth" "$theirs" <<'PY'
import json, sys
rows = {l.split()[0]: (float(l.split()[1]), int(l.split()[2])) for l in open(sys.argv[1])}
rep = json.load(open(sys.argv[2]))
slos, reported = int(sys.argv[3]), int(sys.argv[4])
ours, ours_sloth, theirs = (int(a) for a in sys.argv[5:8])
statuses = {}
for i in rep["items"]:
    statuses[i["status"]] = statuses.get(i["status"], 0) + 1
print(f"\n{slos} SLOs in one Sloth file; report over {reported} SLOs on 30 days (median of runs)\n")
print("| what | wall (s) | per SLO (ms) | peak RSS (MiB) | vs peer or floor |")
print("| --- | --- | --- | --- | --- |")
v, g, s = rows["validate"], rows["generate"], rows["sloth"]
print(f"| kubectl slo validate ({slos} SLOs) | {v[0]:.2f} | {v[0] * 1000 / slos:.2f} | {v[1]} | {v[0] / s[0]:.2f}x Sloth's generate |")
print(f"| kubectl slo generate --rule-style sloth ({slos} SLOs) | {g[0]:.2f} | {g[0] * 1000 / slos:.2f} | {g[1]} | {g[0] / s[0]:.2f}x |")
print(f"| sloth v0.16.0 generate ({slos} SLOs) | {s[0]:.2f} | {s[0] * 1000 / slos:.2f} | {s[1]} | 1.00x |")
r, f = rows["report"], rows["floor"]
print(f"| kubectl slo report ({reported} SLOs, {12 * reported} instant queries) | {r[0]:.2f} | {r[0] * 1000 / reported:.2f} | {r[1]} | {r[0] / f[0]:.2f}x the floor |")
print(f"| floor: the same queries with one curl, one after another, kept alive | {f[0]:.2f} | {f[0] * 1000 / reported:.2f} | - | 1.00x |")
print(f"\nreport statuses: {statuses}")
print(f"recording rules (series) per SLO without groupBy: ours {ours}, ours in Sloth style {ours_sloth}, Sloth v0.16.0 {theirs}")
PY
