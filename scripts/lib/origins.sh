#!/usr/bin/env bash
# The origin servers of the integration tests (issue 4): s3rver (an S3-compatible server on Node) and nginx (plain
# HTTP with Range support), both on free 127.0.0.1 ports, each logging every request it serves.
# Sourced by scripts/lib/common.sh; uses ROOT and RUN_DIR from scripts/test.sh, SERVER_PIDS, free_port, wait_for_port.

NGINX_VERSION="1.22.1-9+deb12u11"   # Debian 12 (bookworm-security); pinned, see `apt-cache policy nginx`
ORIGIN_S3_BUCKET="zarrita"

# Installs nginx (pinned Debian version) and s3rver (pinned by tests/servers/package-lock.json).
install_origin_prerequisites() {
  local root=${ROOT:-$(pwd)}
  if [ "$(dpkg-query -W -f='${Version}' nginx 2>/dev/null)" != "$NGINX_VERSION" ]; then
    if [ -z "${ORIGINS_APT_UPDATED:-}" ]; then
      apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null || echo "apt-get update failed" >&2
      ORIGINS_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
      "nginx=$NGINX_VERSION" "nginx-common=$NGINX_VERSION" >/dev/null \
      || echo "installing nginx=$NGINX_VERSION failed (see 'apt-cache policy nginx')" >&2
  fi
  if [ ! -f "$root/tests/servers/node_modules/s3rver/package.json" ]; then
    (cd "$root/tests/servers" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
      || echo "npm ci in tests/servers failed" >&2
  fi
}

# Starts s3rver and nginx and exports where they listen:
#   ZARRCACHE_S3_ENDPOINT, ZARRCACHE_S3_BUCKET, ZARRCACHE_S3_LOG (one line per request: "METHOD URL STATUS range=R"),
#   ZARRCACHE_HTTP_BASE (ends in /), ZARRCACHE_HTTP_ROOT (the served folder; tests may write under scratch/),
#   ZARRCACHE_HTTP_ACCESS_LOG (one line per request: "METHOD URI STATUS BYTES range=R").
start_origin_servers() {
  local root=${ROOT:-$(pwd)} run=${RUN_DIR:-$(pwd)/.test-run}
  local testdata
  testdata=$(cd "$root/../shared/testdata" 2>/dev/null && pwd) || {
    echo "../shared/testdata is missing: origin servers not started" >&2
    return 0
  }
  start_s3rver "$root" "$run" "$testdata"
  start_nginx "$run" "$testdata"
}

# start_s3rver ROOT RUN_DIR TESTDATA [SEED_DIR]: SEED_DIR (default TESTDATA/zarrita-fixtures) is uploaded into the bucket.
start_s3rver() {
  local root=$1 run=$2 testdata=$3 seed=${4:-$3/zarrita-fixtures} port dir log out i
  if ! command -v node >/dev/null || [ ! -f "$root/tests/servers/node_modules/s3rver/package.json" ]; then
    echo "node or s3rver is missing: s3rver not started" >&2
    return 0
  fi
  dir="$run/s3rver"
  rm -rf "$dir"
  mkdir -p "$dir/data"
  log="$dir/requests.log"
  out="$dir/stdout.log"
  : >"$log"
  port=$(free_port)
  # s3rver 3.7.1 makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers through its legacy provider.
  node --openssl-legacy-provider "$root/tests/servers/s3rver-run.js" "$port" "$dir/data" "$ORIGIN_S3_BUCKET" "$seed" "$log" >"$out" 2>&1 &
  SERVER_PIDS+=("$!")
  # Ready once every fixture file is uploaded (the launcher prints its line then).
  for ((i = 0; i < 600; i++)); do
    grep -q "s3rver listening" "$out" 2>/dev/null && break
    if ! kill -0 "${SERVER_PIDS[-1]}" 2>/dev/null; then
      echo "s3rver exited:" >&2
      cat "$out" >&2
      return 0
    fi
    sleep 0.1
  done
  if ! grep -q "s3rver listening" "$out"; then
    echo "s3rver did not get ready in 60 s" >&2
    return 0
  fi
  export ZARRCACHE_S3_ENDPOINT="http://127.0.0.1:$port"
  export ZARRCACHE_S3_BUCKET="$ORIGIN_S3_BUCKET"
  export ZARRCACHE_S3_LOG="$log"
  echo "s3rver $(node -p "require('$root/tests/servers/node_modules/s3rver/package.json').version") on $ZARRCACHE_S3_ENDPOINT, bucket $ORIGIN_S3_BUCKET"
}

start_nginx() {
  local run=$1 testdata=$2 port dir user_line=""
  if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    echo "nginx is missing: not started" >&2
    return 0
  fi
  dir="$run/nginx"
  rm -rf "$dir"
  mkdir -p "$dir/root/scratch" "$dir/root/flaky" "$dir/tmp"
  ln -s "$testdata" "$dir/root/testdata"
  port=$(free_port)
  [ "$(id -u)" = "0" ] && user_line="user root;"
  cat >"$dir/nginx.conf" <<CONF
$user_line
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 256; }
http {
  log_format zarrcache '\$request_method \$request_uri \$status \$body_bytes_sent range=\$http_range';
  access_log $dir/access.log zarrcache;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  default_type application/octet-stream;
  sendfile on;
  server {
    listen 127.0.0.1:$port;
    root $dir/root;
    disable_symlinks off;
    location / { }
    # A folder under flaky/ answers 503 while it holds a file named .down (origin failures for stale-if-error tests).
    location ~ ^/flaky/(?<flaky>[^/]+)/ {
      if (-f \$document_root/flaky/\$flaky/.down) { return 503; }
    }
  }
}
CONF
  : >"$dir/access.log"
  "$(command -v nginx || echo /usr/sbin/nginx)" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/stdout.log" 2>&1 &
  SERVER_PIDS+=("$!")
  if ! wait_for_port "$port" 20; then
    cat "$dir/error.log" "$dir/stdout.log" >&2
    return 0
  fi
  export ZARRCACHE_HTTP_BASE="http://127.0.0.1:$port/"
  export ZARRCACHE_HTTP_ROOT="$dir/root"
  export ZARRCACHE_HTTP_ACCESS_LOG="$dir/access.log"
  echo "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') on $ZARRCACHE_HTTP_BASE serving $dir/root"
}
