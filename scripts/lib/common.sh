#!/usr/bin/env bash
# Shared pieces of scripts/test.sh: prerequisites, servers on loopback, and the result summary.
# Each server section adds itself to start_all_servers and stop_all_servers.

SERVER_PIDS=()

# What install_prerequisites could not install, one description each (scripts/test.sh prints them and stops).
PREREQ_FAILED=()

# Records (and prints) a prerequisite that could not be installed.
prereq_failed() {
  PREREQ_FAILED+=("$1")
  echo "error: $1" >&2
}

# Installs the apt and npm packages the tests need, at pinned versions. Each later issue adds its packages here.
# Returns non-zero when anything could not be installed (PREREQ_FAILED says what): a test that needs a missing tool
# would otherwise skip or fail for a reason nobody reads, so scripts/test.sh stops instead.
install_prerequisites() {
  local root=${ROOT:-$(pwd)}
  PREREQ_FAILED=()
  install_origin_prerequisites
  # install_origin_prerequisites (scripts/lib/origins.sh) only warns: check what it was to install.
  if [ "$(dpkg-query -W -f='${Version}' nginx 2>/dev/null)" != "$NGINX_VERSION" ]; then
    prereq_failed "nginx=$NGINX_VERSION is not installed (see 'apt-cache policy nginx')"
  fi
  if [ ! -f "$root/tests/servers/node_modules/s3rver/package.json" ]; then
    prereq_failed "s3rver is not installed: 'npm ci' in tests/servers failed"
  fi
  # Blosc cross-check (tests/ZarrCache.Tests/Zarr/Codecs/Blosc): Debian's numcodecs, run with /usr/bin/python3.
  apt_install_pinned python3-numcodecs=0.11.0+ds-4+b1
  # FlushToDisk (tests/ZarrCache.Tests/Caching/DiskCacheTests.Options.cs) counts the probe's fsync calls with strace.
  apt_install_pinned strace=6.1-0.1
  # zarr-cache serve (tests/ZarrCache.IntegrationTests/Gateway): the status page in headless Chromium; zarr-python's
  # FSStore over HTTP needs fsspec and aiohttp; the S3 API test signs with boto3.
  apt_install_pinned chromium=156.0.8078.114-1~deb12u1 python3-fsspec=2022.11.0-1 python3-aiohttp=3.8.4-1+deb12u2 python3-boto3=1.26.27+dfsg-1
  install_zarr_prerequisites
  # Native AOT (tests/ZarrCache.IntegrationTests/Aot publishes tests/ZarrCache.AotSmoke): the ILCompiler links with
  # clang-14 (the smoke project's CppCompilerAndLinker) against the system zlib.
  apt_install_pinned clang-14=1:14.0.6-12 zlib1g-dev=1:1.2.13.dfsg-1
  # The shared Redis tier's tests (scripts/lib/redis.sh).
  install_redis_prerequisites
  [ "${#PREREQ_FAILED[@]}" -eq 0 ]
}

# Installs Debian packages given as name=version unless that version is already installed. A package that is not at
# its version afterwards is recorded with prereq_failed (with the end of apt-get's output) and the function fails.
apt_install_pinned() {
  local spec missing=() failed=0 log
  for spec in "$@"; do
    if [ "$(dpkg-query -W -f='${Version}' "${spec%%=*}" 2>/dev/null)" != "${spec#*=}" ]; then
      missing+=("$spec")
    fi
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null 2>&1 || echo "apt-get update failed" >&2
    APT_UPDATED=1
  fi
  log=$(DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" 2>&1)
  for spec in "${missing[@]}"; do
    if [ "$(dpkg-query -W -f='${Version}' "${spec%%=*}" 2>/dev/null)" != "${spec#*=}" ]; then
      prereq_failed "could not install $spec: $(echo "$log" | tail -n 3 | tr '\n' ' ')"
      failed=1
    fi
  done
  return "$failed"
}

# Zarr interop (issue 3): zarr-python 2.13 from Debian (run as /usr/bin/python3) and zarrita from npm (pinned by
# tests/tools/zarrita-runner/package-lock.json).
install_zarr_prerequisites() {
  local root log
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  apt_install_pinned python3-zarr=2.13.6+ds-1
  # xarray's conventions (issue 14, tests/tools/xarray/dataset.py): Debian's xarray writes the datasets at test time;
  # cftime encodes its non-Gregorian calendars.
  apt_install_pinned python3-xarray=2023.01.0-1.1 python3-cftime=1.6.2-3+b1
  if ! log=$(cd "$root/tests/tools/zarrita-runner" && npm ci --no-audit --no-fund --loglevel=error 2>&1); then
    prereq_failed "'npm ci' in tests/tools/zarrita-runner failed: $(echo "$log" | tail -n 3 | tr '\n' ' ')"
  elif [ ! -d "$root/tests/tools/zarrita-runner/node_modules/zarrita" ]; then
    prereq_failed "'npm ci' in tests/tools/zarrita-runner did not install zarrita"
  fi
}

# Starts every server the integration tests need and exports where each listens.
start_all_servers() {
  start_origin_servers
  start_redis_server
}

stop_all_servers() {
  for pid in "${SERVER_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
  done
  for pid in "${SERVER_PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null
  done
  SERVER_PIDS=()
}

# A free TCP port on 127.0.0.1.
free_port() {
  local port
  while :; do
    port=$(( (RANDOM % 20000) + 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# Waits until something listens on 127.0.0.1:$1, up to $2 seconds.
wait_for_port() {
  local port=$1 seconds=${2:-30} i
  for ((i = 0; i < seconds * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$port after ${seconds}s" >&2
  return 1
}

# Sums the counters of every .trx file under $1 and prints "N passed, N failed[, N skipped]".
# Exits non-zero when a test failed, when the runner failed ($2), or when no test ran.
summarize_trx() {
  local dir=$1 runner_status=$2 passed=0 failed=0 total=0 executed=0 file line
  shopt -s nullglob globstar
  for file in "$dir"/**/*.trx; do
    line=$(grep -o '<Counters [^>]*>' "$file" | head -n 1)
    total=$((total + $(attr "$line" total)))
    executed=$((executed + $(attr "$line" executed)))
    passed=$((passed + $(attr "$line" passed)))
    failed=$((failed + $(attr "$line" failed) + $(attr "$line" error) + $(attr "$line" timeout) + $(attr "$line" aborted)))
  done
  local skipped=$((total - executed))
  # A test host stopped by --blame-hang-timeout (or that crashed) leaves a blame sequence file in which the tests that
  # were running have Completed="False"; the .trx files do not count them. Name each once and count it failed.
  local hung="" sequences=("$dir"/**/Sequence_*.xml)
  [ "${#sequences[@]}" -gt 0 ] && hung=$(cat "${sequences[@]}" | grep 'Completed="False"' | grep -o ' Name="[^"]*"' | sed 's/^ Name="//; s/"$//' | sort -u)
  if [ -n "$hung" ]; then
    while IFS= read -r line; do
      echo "hung or crashed (its test host was stopped): $line"
      failed=$((failed + 1))
    done <<<"$hung"
  fi
  if [ "$runner_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # The runner failed outside any test (a crash, a test host abort): count it.
  fi
  if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
  if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
  fi
  exit 0
}

attr() {
  local value
  value=$(echo "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+')
  echo "${value:-0}"
}

# shellcheck source=scripts/lib/origins.sh
source "$(dirname "${BASH_SOURCE[0]}")/origins.sh"
# shellcheck source=scripts/lib/redis.sh
source "$(dirname "${BASH_SOURCE[0]}")/redis.sh"
