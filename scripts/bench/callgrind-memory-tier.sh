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
dotnet publish -c Release bench/ZarrCache.InstructionCount -o "$out/bin" >/dev/null
exe="$out/bin/zc"
# valgrind 3.19 cannot read the DWARF 5 debug info; the symbol table (function names) is kept.
objcopy --strip-debug "$out/bin/ZarrCache.InstructionCount" "$exe"
for cache in "${caches[@]}"; do
  for count in 0 "$n"; do
    valgrind --tool=callgrind --callgrind-out-file="$out/$cache-$count.out" "$exe" count "$cache" "$op" "$size" "$count" \
      >"$out/$cache-$count.log" 2>&1
  done
  echo "== $cache $op ${size} B"
  python3 scripts/bench/callgrind_diff.py "$out/$cache-0.out" "$out/$cache-$n.out" "$n" "${TOP:-12}"
done
rm -rf "$out"
