#!/usr/bin/env bash
# The prefetch measurement of issue 6 against s3rver: writes a chunked Zarr v3 array (float32, zstd; 128MiB
# uncompressed in 256x256 chunks: a 64 x 8 grid of 512 chunks) with `zarr-cache demo --dir`, starts s3rver on a free
# 127.0.0.1 port with the array in its bucket, and runs
#   zarr-cache bench s3://BUCKET/bench.zarr --array temperature --pattern timeseries --compare-prefetch
#   zarr-cache bench s3://BUCKET/bench.zarr --array temperature --pattern random --compare-prefetch
# each with --repeat (off and on alternate, fresh cache each run; the on/off ratio is between medians), printing both
# tables (and saving both as JSON under .test-run/bench-s3/). s3rver stops on exit.
# Environment: BENCH_SIZE (default 128MiB), BENCH_PASSES (2), BENCH_REPEAT (5), BENCH_CONCURRENCY (1), BENCH_PREFETCH (4);
# extra arguments go to both bench runs (e.g. --prefetch-strategy neighbors, --reads 500).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUN_DIR="$ROOT/.test-run/bench-s3"
SIZE=${BENCH_SIZE:-128MiB}
PASSES=${BENCH_PASSES:-2}
REPEAT=${BENCH_REPEAT:-5}
CONCURRENCY=${BENCH_CONCURRENCY:-1}
PREFETCH=${BENCH_PREFETCH:-4}

# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
trap stop_all_servers EXIT

if [ ! -f "$ROOT/tests/servers/node_modules/s3rver/package.json" ]; then
  (cd "$ROOT/tests/servers" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

if ! build=$(dotnet build src/ZarrCache.Cli -c Release -nologo 2>&1); then
  echo "$build" | grep -E "error" | sort -u | head -n 20 >&2
  exit 1
fi
ZC=(dotnet "$ROOT/src/ZarrCache.Cli/bin/Release/net10.0/zarr-cache.dll")

rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR/seed"
"${ZC[@]}" demo --dir "$RUN_DIR/seed/bench.zarr" --size "$SIZE" --latency 0 >/dev/null
echo "array: $(find "$RUN_DIR/seed/bench.zarr/temperature" -type f -not -name zarr.json | wc -l) chunk files, $(du -sh "$RUN_DIR/seed" | cut -f1) on disk"

start_s3rver "$ROOT" "$RUN_DIR" "" "$RUN_DIR/seed"
if [ -z "${ZARRCACHE_S3_ENDPOINT:-}" ]; then
  echo "s3rver did not start (see $RUN_DIR/s3rver/stdout.log)" >&2
  exit 1
fi

echo "machine: $(lscpu | grep -m1 'Model name' | sed 's/.*: *//'), $(nproc) cores; dotnet $(dotnet --version); $(date -u '+%Y-%m-%d %H:%M UTC')"
for pattern in timeseries random; do
  args=(bench "s3://$ZARRCACHE_S3_BUCKET/bench.zarr" --array temperature --endpoint "$ZARRCACHE_S3_ENDPOINT" --anonymous
    --pattern "$pattern" --compare-prefetch --prefetch "$PREFETCH" --passes "$PASSES" --repeat "$REPEAT" --concurrency "$CONCURRENCY" "$@")
  echo
  echo "\$ zarr-cache ${args[*]}"
  "${ZC[@]}" "${args[@]}" --output "$RUN_DIR/$pattern.json"
done
echo
echo "JSON: $RUN_DIR/timeseries.json $RUN_DIR/random.json"
