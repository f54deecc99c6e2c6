#!/usr/bin/env bash
# Warm 1 MiB GETs through `zarr-cache serve` against nginx serving the same files, 64 concurrent clients on loopback,
# in one run (issue 17; docs/benchmarks.md). Prints req/s, MiB/s, p50 and p99 for each and the throughput ratio.
# Usage: scripts/bench/serve-vs-nginx.sh [REQUESTS]   (default 20000; run on a quiet machine, Release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUN_DIR="$ROOT/.test-run/serve-bench"
mkdir -p "$RUN_DIR"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
trap stop_all_servers EXIT
start_all_servers
dotnet build tests/ZarrCache.IntegrationTests -c Release 2>&1 | tail -n 1
ZARRCACHE_SERVE_BENCH_REQUESTS=${1:-20000} dotnet test tests/ZarrCache.IntegrationTests -c Release --no-build \
  --filter "FullyQualifiedName~GatewayLoadTests.Warm_one_MiB" --logger "console;verbosity=detailed" \
  | grep -E "GETs of 1 MiB|throughput ratio|Passed!|Failed!"
