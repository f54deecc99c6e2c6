#!/usr/bin/env bash
# The Redis server of the integration tests (issue 16): Debian's redis-server, pinned, on a free 127.0.0.1 port, with
# no persistence, its own folder under RUN_DIR, and a maxmemory bound with an LFU policy (as docs/redis.md tells
# operators to run it). Sourced by scripts/lib/common.sh; uses RUN_DIR, SERVER_PIDS, free_port, wait_for_port.

REDIS_VERSION="5:7.0.15-1~deb12u10"   # Debian 12 (bookworm-security); see `apt-cache policy redis-server`

install_redis_prerequisites() {
  apt_install_pinned "redis-server=$REDIS_VERSION" "redis-tools=$REDIS_VERSION"
}

# Starts redis-server and exports ZARRCACHE_REDIS (HOST:PORT) and ZARRCACHE_REDIS_SERVER (the binary, for tests that
# start and stop their own instance, such as the outage test).
start_redis_server() {
  local run=${RUN_DIR:-$(pwd)/.test-run} dir port bin
  bin=$(command -v redis-server || echo /usr/bin/redis-server)
  if [ ! -x "$bin" ]; then
    echo "redis-server is missing: not started" >&2
    return 0
  fi
  dir="$run/redis"
  rm -rf "$dir"
  mkdir -p "$dir"
  port=$(free_port)
  "$bin" --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir "$dir" \
    --maxmemory 256mb --maxmemory-policy allkeys-lfu --daemonize no --logfile "$dir/redis.log" &
  SERVER_PIDS+=("$!")
  if ! wait_for_port "$port" 20; then
    cat "$dir/redis.log" >&2
    return 0
  fi
  export ZARRCACHE_REDIS="127.0.0.1:$port"
  export ZARRCACHE_REDIS_SERVER="$bin"
  echo "redis-server $("$bin" --version | sed 's/.*v=\([^ ]*\).*/\1/') on $ZARRCACHE_REDIS"
}
