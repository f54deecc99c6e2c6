#!/usr/bin/env bash
# Instructions per memory-tier operation, counted by callgrind (reproducible on a loaded machine, unlike timings).
# usage: scripts/bench/callgrind-memory-tier.sh [op=hit] [valueSize=65536] [n=200000] [caches...]
#   op: hit | missset | mixed (as the BenchmarkDotNet classes); caches: S3Fifo Lru BitFasterLru BitFasterLfu MemoryCache FusionCache
# The driver (bench/ZarrCache.InstructionCount) is compiled with Native AOT: under valgrind the JIT falls back to
# unoptimized code for many methods (dotnet/runtime#100600), and AOT code has symbols for callgrind_annotate. Each cache
# runs twice, n = 0 and n = N operations after the same fill and warm-up; the difference over N is one operation.
set -euo pipefail
cd "$(dirname "$0")/../.."
op=${1:-hit}; size=${2:-65536}; n=${3:-200000}; shift $(( $# < 3 ? $# : 3 ))
caches=("$@"); [ ${#caches[@]} -gt 0 ] || caches=(S3Fifo Lru BitFasterLru BitFasterLfu MemoryCache)
out=$(mktemp -d)
# shellcheck source=scripts/bench/callgrind-common.sh
source scripts/bench/callgrind-common.sh
exe=$(publish_instruction_driver "$out")
for cache in "${caches[@]}"; do
  echo "== $cache $op ${size} B"
  callgrind_pair "$exe" "$out/$cache" "$n" count "$cache" "$op" "$size"
done
rm -rf "$out"
