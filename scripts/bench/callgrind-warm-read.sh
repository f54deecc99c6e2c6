#!/usr/bin/env bash
# Instructions and bytes allocated per warm read of bench/peers' dataset, counted by callgrind (reproducible on a
# loaded machine, unlike timings).
# usage: scripts/bench/callgrind-warm-read.sh [selection=whole] [decoded=off] [n=10]
#   selection: whole | chunk | timeseries; decoded: off | on (a 256 MiB DecodedChunkCache)
# Writes the dataset with bench/peers/make_dataset.py (Debian's python3-zarr), publishes bench/ZarrCache.InstructionCount
# with Native AOT (see callgrind-memory-tier.sh for why), runs its warmread mode under callgrind with n = 0 and n = N
# reads after the same fill and warm-up, and prints the instructions per read (the difference over N) with the
# functions that grew most, then the bytes allocated per read (a run without valgrind).
set -euo pipefail
cd "$(dirname "$0")/../.."
selection=${1:-whole}; decoded=${2:-off}; n=${3:-10}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
/usr/bin/python3 bench/peers/make_dataset.py "$out/data" 20261203 >/dev/null
# shellcheck source=scripts/bench/callgrind-common.sh
source scripts/bench/callgrind-common.sh
exe=$(publish_instruction_driver "$out")
echo "== warm read: $selection, decoded cache $decoded"
TOP=${TOP:-25} callgrind_pair "$exe" "$out/warmread" "$n" warmread "$out/data/peers.zarr" "$selection" "$decoded"
"$exe" warmread "$out/data/peers.zarr" "$selection" "$decoded" 200
