#!/usr/bin/env bash
# The HTTP edge's 304 throughput: GET /api/v1/optouts with a matching If-None-Match against the
# real optout-server, beside nginx answering 304 for a static file with its own matching ETag
# on the same machine in the same run (one nginx worker, as the service answers on one thread).
#
#   bench/edge_bench.sh [OPTOUT_SERVER [ANOTHER_OPTOUT_SERVER ...]]
#
# Each optout-server given (default: build/server/optout-server) is measured in turn, e.g. the
# build before a change and after it. Needs wrk and nginx (installed through ensure-deps.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
servers=("$@")
source "$here/../scripts/ensure-deps.sh" wrk nginx-light curl
((${#servers[@]})) || servers=("$here/../build/server/optout-server")
duration=${OPTOUT_BENCH_SECONDS:-10}
connections=${OPTOUT_BENCH_CONNECTIONS:-50}

work=$(mktemp -d)
chmod 755 "$work" # nginx workers read the static file as another user
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wrk's requests per second for URL with the given headers.
rate() {
  local url=$1
  shift
  wrk -t1 -c"$connections" -d"${duration}s" "$@" "$url" | awk '/^Requests\/sec/ {print $2}'
}

# nginx: one worker, a static file, 304 for its own ETag.
nginx_port=$(free_port)
mkdir -p "$work/www" "$work/nginx"
head -c 997 /dev/zero | tr '\0' 'x' > "$work/www/optouts.json"
cat > "$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
EOF
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$nginx_port/optouts.json" && break
  sleep 0.2
done
nginx_etag=$(curl -sI "http://127.0.0.1:$nginx_port/optouts.json" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $nginx_etag" \
  "http://127.0.0.1:$nginx_port/optouts.json") == 304 ]] || { echo "nginx gives no 304" >&2; exit 1; }

printf 'wrk -t1 -c%s -d%ss, 304 answers, %s cores, load %s\n' "$connections" "$duration" \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for server in "${servers[@]}"; do
  : > "$work/server.out"
  "$server" --db "$work/db-$RANDOM.sqlite" --listen 127.0.0.1:0 --demo --quiet > "$work/server.out" 2>&1 &
  pid=$!
  pids+=($pid)
  for _ in $(seq 100); do
    grep -q 'Listening on' "$work/server.out" && break
    sleep 0.2
  done
  url=$(grep -o 'Listening on http://[^ ]*' "$work/server.out" | cut -d' ' -f3)/api/v1/optouts
  etag=$(curl -sI -H 'Authorization: Bearer demo-admin' "$url" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
  [[ $(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer demo-admin' \
    -H "If-None-Match: $etag" "$url") == 304 ]] || { echo "$server gives no 304" >&2; exit 1; }
  # Alternate the two, twice, and keep each one's best.
  best_server=0
  best_nginx=0
  for _ in 1 2; do
    s=$(rate "$url" -H 'Authorization: Bearer demo-admin' -H "If-None-Match: $etag")
    n=$(rate "http://127.0.0.1:$nginx_port/optouts.json" -H "If-None-Match: $nginx_etag")
    best_server=$(python3 -c "print(max($best_server, $s))")
    best_nginx=$(python3 -c "print(max($best_nginx, $n))")
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  python3 -c "print(f'{\"$server\"}: {$best_server:.0f} req/s; nginx {$best_nginx:.0f} req/s; ratio {100 * $best_server / $best_nginx:.0f} %')"
done
