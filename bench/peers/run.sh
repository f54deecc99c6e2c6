#!/usr/bin/env bash
# Peer benchmark: ZarrCache against zarr-python 2.13 (LRUStoreCache over fsspec HTTP) and zarrita.js (withByteCaching
# over FetchStore), all reading one Zarr v2 array from nginx on 127.0.0.1, cold and warm. One command:
#
#   bash bench/peers/run.sh     # ROUNDS=3 COLD=5 WARM=15 WARMUP_PASSES=5 by default; e.g. ROUNDS=1 COLD=3 WARM=9 bash bench/peers/run.sh
#
# Installs what it needs (pinned: Debian packages as scripts/lib/common.sh does, zarrita by bench/peers/zarrita's
# package-lock.json), writes the dataset with zarr-python, serves it with nginx (scripts/lib/origins.sh), runs the
# three readers in turns (ROUNDS rounds, each in a new order, so load from other work spreads over all of them), checks they read identical bytes, and writes bench/peers/results/peers.{md,json}.
# Exits non-zero when a prerequisite is missing, a reader fails, or the readers' results differ.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUN_DIR="$HERE/.run"
RESULTS="$HERE/results"
ROUNDS=${ROUNDS:-3}
COLD=${COLD:-5}
export WARMUP_PASSES=${WARMUP_PASSES:-5} SETTLE_MS=${SETTLE_MS:-1000}
WARM=${WARM:-15}
SEED=${SEED:-20261203}
export ROOT RUN_DIR
for n in ROUNDS COLD WARM SEED; do
  [[ ${!n} =~ ^[1-9][0-9]*$ ]] || { echo "$n must be a positive integer, not '${!n}'" >&2; exit 2; }
done

# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
trap stop_all_servers EXIT
trap 'exit 130' INT TERM

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== prerequisites"
PREREQ_FAILED=()
install_origin_prerequisites
if [ "$(dpkg-query -W -f='${Version}' nginx 2>/dev/null)" != "$NGINX_VERSION" ]; then
  prereq_failed "nginx=$NGINX_VERSION is not installed (see 'apt-cache policy nginx')"
fi
# zarr-python 2.13 as scripts/lib/common.sh pins it; fsspec and aiohttp at Debian 12's versions (fsspec's HTTP store).
apt_install_pinned python3-zarr=2.13.6+ds-1 python3-fsspec=2022.11.0-1 python3-aiohttp=3.8.4-1+deb12u2 || true
if ! log=$(cd "$HERE/zarrita" && npm ci --no-audit --no-fund --loglevel=error 2>&1); then
  prereq_failed "'npm ci' in bench/peers/zarrita failed: $(echo "$log" | tail -n 3 | tr '\n' ' ')"
fi
if [ "${#PREREQ_FAILED[@]}" -ne 0 ]; then
  echo "missing prerequisites: ${PREREQ_FAILED[*]}" >&2
  exit 1
fi
echo "== building bench/peers/ZarrCache.Peers (Release)"
if ! log=$(dotnet build -c Release "$HERE/ZarrCache.Peers" 2>&1); then
  echo "$log" | grep -E 'error' | sort -u >&2
  exit 1
fi

echo "== dataset"
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR/data" "$RUN_DIR/out" "$RESULTS"
/usr/bin/python3 "$HERE/make_dataset.py" "$RUN_DIR/data" "$SEED"

echo "== nginx"
unset ZARRCACHE_HTTP_BASE
start_nginx "$RUN_DIR" "$RUN_DIR/data"
if [ -z "${ZARRCACHE_HTTP_BASE:-}" ]; then
  echo "nginx did not start (see $RUN_DIR/nginx/error.log)" >&2
  exit 1
fi
url="${ZARRCACHE_HTTP_BASE}testdata/peers.zarr"
selections="$RUN_DIR/data/selections.tsv"

# Each reader is one process per round; it writes $RUN_DIR/out/<file>.<round>.json. Origin requests are counted from
# nginx's access log around each process (all of them, the untimed warm-up and metadata reads included).
declare -A requests=([ZarrCache]=0 [ZarrCache+decoded]=0 [ZarrCache+decoded+pooled]=0 [ZarrCache+decoded+reused]=0 [zarr-python]=0 [zarr-python+reused]=0 [zarrita.js]=0)
run_reader() { # ROUND NAME
  local round=$1 name=$2 before t0
  before=$(wc -l <"$ZARRCACHE_HTTP_ACCESS_LOG")
  t0=$(date +%s%N)
  case $name in
    ZarrCache) dotnet run --no-build -c Release --project "$HERE/ZarrCache.Peers" -- \
      "$url" "$selections" "$COLD" "$WARM" "$RUN_DIR/out/zarrcache.$round.json" 0 ;;
    ZarrCache+decoded) dotnet run --no-build -c Release --project "$HERE/ZarrCache.Peers" -- \
      "$url" "$selections" "$COLD" "$WARM" "$RUN_DIR/out/zarrcache-decoded.$round.json" $((256 * 1024 * 1024)) ;;
    ZarrCache+decoded+pooled) dotnet run --no-build -c Release --project "$HERE/ZarrCache.Peers" -- \
      "$url" "$selections" "$COLD" "$WARM" "$RUN_DIR/out/zarrcache-decoded-pooled.$round.json" $((256 * 1024 * 1024)) pooled ;;
    ZarrCache+decoded+reused) dotnet run --no-build -c Release --project "$HERE/ZarrCache.Peers" -- \
      "$url" "$selections" "$COLD" "$WARM" "$RUN_DIR/out/zarrcache-decoded-reused.$round.json" $((256 * 1024 * 1024)) reuse ;;
    zarr-python) /usr/bin/python3 "$HERE/read_zarr_python.py" \
      "$url" "$selections" "$COLD" "$WARM" "$RUN_DIR/out/zarr-python.$round.json" ;;
    zarr-python+reused) /usr/bin/python3 "$HERE/read_zarr_python.py" \
      "$url" "$selections" "$COLD" "$WARM" "$RUN_DIR/out/zarr-python-reused.$round.json" reuse ;;
    zarrita.js) node "$HERE/zarrita/read.mjs" \
      "$url" "$selections" "$COLD" "$WARM" "$RUN_DIR/out/zarrita.$round.json" ;;
  esac
  requests[$name]=$((requests[$name] + $(wc -l <"$ZARRCACHE_HTTP_ACCESS_LOG") - before))
  echo "   round $round: $name $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}
readers=(ZarrCache ZarrCache+decoded ZarrCache+decoded+pooled ZarrCache+decoded+reused zarr-python zarr-python+reused zarrita.js)
echo "== readers: $ROUNDS rounds of cold $COLD, warm $WARM"
for ((round = 1; round <= ROUNDS; round++)); do
  for ((i = 0; i < ${#readers[@]}; i++)); do
    run_reader "$round" "${readers[(i + round - 1) % ${#readers[@]}]}"
  done
done

finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
cat >"$RUN_DIR/out/meta.json" <<JSON
{"started": "$started", "finished": "$finished", "rounds": $ROUNDS, "warmup_passes": $WARMUP_PASSES, "settle_ms": $SETTLE_MS, "cold": $COLD, "warm": $WARM, "seed": $SEED,
 "machine": "$cpu, $(nproc) cores, $mem, $(. /etc/os-release && echo "$PRETTY_NAME")",
 "nginx": "$NGINX_VERSION", "load_before": "$load_before", "load_after": "$(cut -d' ' -f1-3 /proc/loadavg)",
 "origin_requests": {"ZarrCache": ${requests[ZarrCache]}, "ZarrCache+decoded": ${requests[ZarrCache+decoded]}, "ZarrCache+decoded+pooled": ${requests[ZarrCache+decoded+pooled]}, "ZarrCache+decoded+reused": ${requests[ZarrCache+decoded+reused]}, "zarr-python": ${requests[zarr-python]}, "zarr-python+reused": ${requests[zarr-python+reused]}, "zarrita.js": ${requests[zarrita.js]}}}
JSON
echo "== results"
python3 "$HERE/compare.py" --ours 4 "$RESULTS" "$RUN_DIR/out/meta.json" "$RUN_DIR/out" zarrcache zarrcache-decoded zarrcache-decoded-pooled zarrcache-decoded-reused zarr-python zarr-python-reused zarrita
echo "written: $RESULTS/peers.md, $RESULTS/peers.json"
