#!/usr/bin/env bash
# Instructions per memory-tier operation, counted by callgrind (reproducible on a loaded machine, unlike timings).
# usage: scripts/bench/callgrind-memory-tier.sh [op=hit] [valueSize=65536] [n=200000] [caches...]
# Each cache is run twice by the driver (bench/ZarrCache.Benchmarks InstructionCountDriver): n = 0 and n = N; the
# difference over N is the cost of one operation (fill, warm-up and runtime start-up cancel out). Every method,
# the framework's too, is JIT-compiled once with full optimization (TieredCompilation=0, ReadyToRun=0): no tier-up
# happens during the measured window, at the price of no dynamic PGO (same for every cache).
set -euo pipefail
cd "$(dirname "$0")/../.."
op=${1:-hit}; size=${2:-65536}; n=${3:-200000}; shift $(( $# < 3 ? $# : 3 ))
caches=("$@"); [ ${#caches[@]} -gt 0 ] || caches=(S3Fifo Lru BitFasterLru BitFasterLfu MemoryCache)
dll=bench/ZarrCache.Benchmarks/bin/Release/net10.0/ZarrCache.Benchmarks.dll
[ -f "$dll" ] || dotnet build -c Release bench/ZarrCache.Benchmarks >/dev/null
out=$(mktemp -d)
export DOTNET_TieredCompilation=0 DOTNET_ReadyToRun=0 DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1
for cache in "${caches[@]}"; do
  for count in 0 "$n"; do
    valgrind --tool=callgrind --callgrind-out-file="$out/$cache-$count.out" dotnet "$dll" count "$cache" "$op" "$size" "$count" \
      >"$out/$cache-$count.log" 2>&1 &
    pid=$!
    wait $pid
    mv "/tmp/perf-$pid.map" "$out/$cache-$count.map"
    rm -f "/tmp/perfinfo-$pid.map"
  done
  echo "== $cache $op ${size} B"
  python3 scripts/bench/callgrind_diff.py "$out/$cache-0.out" "$out/$cache-0.map" "$out/$cache-$n.out" "$out/$cache-$n.map" "$n" 10
done
rm -rf "$out"
