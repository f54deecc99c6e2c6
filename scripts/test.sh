#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need (pinned), starts the servers on loopback
# free ports, runs every test project, stops the servers (also when tests fail), and ends with one line
# "N passed, N failed" (", N skipped" when any were). Exits non-zero when anything failed, when a prerequisite could not
# be installed, or when a test hung (named, and counted failed, after ZARRCACHE_HANG_TIMEOUT, default 5m).
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

if ! install_prerequisites; then
  echo "could not install what the tests need:"
  printf '  %s\n' "${PREREQ_FAILED[@]}"
  echo "0 passed, 1 failed"
  exit 1
fi
start_all_servers

dotnet build ZarrCache.slnx -c Release 2>&1 | tail -n 3
build_status=${PIPESTATUS[0]}
if [ "$build_status" -ne 0 ]; then
  dotnet build ZarrCache.slnx -c Release 2>&1 | grep -E "error" | sort -u | head -n 40
  echo "0 passed, 1 failed"
  exit 1
fi

# A test that runs longer than HANG_TIMEOUT (the slowest test takes well under a minute) is taken as hung: its test
# host is stopped (no dump: none is needed to name it), and summarize_trx names it and counts it failed.
HANG_TIMEOUT=${ZARRCACHE_HANG_TIMEOUT:-5m}
dotnet test ZarrCache.slnx -c Release --no-build \
  --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none \
  --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$RESULTS" "$@"
test_status=$?

summarize_trx "$RESULTS" "$test_status"
