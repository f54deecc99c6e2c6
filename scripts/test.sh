#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need (pinned), starts the servers on loopback
# free ports, runs every test project, stops the servers (also when tests fail), and ends with one line
# "N passed, N failed" (", N skipped" when any were). Exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUN_DIR="$ROOT/.test-run"
RESULTS="$RUN_DIR/results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"

trap stop_all_servers EXIT

install_prerequisites
start_all_servers

dotnet build ZarrCache.slnx -c Release 2>&1 | tail -n 3
build_status=${PIPESTATUS[0]}
if [ "$build_status" -ne 0 ]; then
  dotnet build ZarrCache.slnx -c Release 2>&1 | grep -E "error" | sort -u | head -n 40
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test ZarrCache.slnx -c Release --no-build \
  --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$RESULTS" "$@"
test_status=$?

summarize_trx "$RESULTS" "$test_status"
