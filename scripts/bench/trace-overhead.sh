#!/usr/bin/env bash
# The end-to-end cost of `--trace FILE` (issue 18): `zarr-cache bench` over a local chunked array (written with
# `zarr-cache demo --dir`), untraced and traced runs alternating (each a fresh cache), then the medians of their cached
# passes: pass 1 (cold: origin reads) and the warm passes (all memory hits, the path tracing must not slow), and the
# traced/untraced ratio of each. --decoded-cache 0, so every chunk read reaches the CachedStore and is traced.
# usage: scripts/bench/trace-overhead.sh [runs=9] [pattern=scan]
# Environment: BENCH_SIZE (default 64MiB), BENCH_PASSES (4), BENCH_CONCURRENCY (1). Results under .test-run/trace-overhead/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUNS=${1:-9}
PATTERN=${2:-scan}
RUN_DIR="$ROOT/.test-run/trace-overhead"
dotnet build src/ZarrCache.Cli -c Release -nologo -v quiet -clp:ErrorsOnly >&2
ZC=(dotnet "$ROOT/src/ZarrCache.Cli/bin/Release/net10.0/zarr-cache.dll")
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"
"${ZC[@]}" demo --dir "$RUN_DIR/bench.zarr" --size "${BENCH_SIZE:-64MiB}" --latency 0 >/dev/null
args=(bench "$RUN_DIR/bench.zarr" --array temperature --pattern "$PATTERN" --passes "${BENCH_PASSES:-4}"
  --concurrency "${BENCH_CONCURRENCY:-1}" --decoded-cache 0 --json)
for i in $(seq 1 "$RUNS"); do
  # Alternate which goes first, so neither always runs on a machine the other just warmed.
  if (( i % 2 )); then order=(untraced traced); else order=(traced untraced); fi
  for kind in "${order[@]}"; do
    extra=()
    [ "$kind" = traced ] && extra=(--trace "$RUN_DIR/trace-$i.zct")
    "${ZC[@]}" "${args[@]}" "${extra[@]}" --output "$RUN_DIR/$kind-$i.json" >/dev/null
  done
done
echo "\$ zarr-cache ${args[*]} [--trace FILE]   ($RUNS runs each)"
python3 - "$RUN_DIR" "$RUNS" <<'PY'
import json, statistics, sys
run_dir, runs = sys.argv[1], int(sys.argv[2])
def passes(kind):
    cold, warm = [], []
    for i in range(1, runs + 1):
        doc = json.load(open(f"{run_dir}/{kind}-{i}.json"))
        cached = next(r for r in doc["runs"] if r["cached"])
        cold.append(cached["passes"][0]["elapsed_ms"])
        warm.append(sum(p["elapsed_ms"] for p in cached["passes"][1:]) / max(1, len(cached["passes"]) - 1))
    return statistics.median(cold), statistics.median(warm)
u, t = passes("untraced"), passes("traced")
print(f"{'':22}{'untraced':>12}{'traced':>12}{'traced/untraced':>18}")
for name, a, b in (("pass 1 (cold), ms", u[0], t[0]), ("warm pass, ms", u[1], t[1])):
    print(f"{name:22}{a:12.1f}{b:12.1f}{b / a:18.3f}")
PY
ls -l "$RUN_DIR"/trace-1.zct | awk '{print "trace of one run: " $5 " bytes"}'
