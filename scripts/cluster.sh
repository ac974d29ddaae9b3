#!/usr/bin/env bash
# Runs the service as a small cluster on this machine: a temporary PostgreSQL, two optout-server
# instances on it (the first one fills it with the demo data), and an nginx in front of them
# (deploy/nginx.conf, round robin). Prints the URL to give optout-admin; Ctrl+C stops everything
# and removes the database.
#
#   scripts/cluster.sh [--port N] [--demo-users N]
#
# OPTOUT_BUILD_DIR picks the build folder (default build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

port=0
demo_users=250
while (($#)); do
  case "$1" in
  --port)
    port=$2
    shift 2
    ;;
  --demo-users)
    demo_users=$2
    shift 2
    ;;
  *)
    echo "usage: $0 [--port N] [--demo-users N]" >&2
    exit 2
    ;;
  esac
done

scripts/ensure-deps.sh nginx-light
build=${OPTOUT_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target optout-server >/dev/null
server="$root/$build/server/optout-server"
[[ -x "$server" ]] || server=$(find "$root/$build" -name optout-server -type f -perm -u+x | head -1)

work=$(mktemp -d "${TMPDIR:-/tmp}/optout-cluster.XXXXXX")
chmod 711 "$work" # the database's owner (an unprivileged user when run as root) goes through
pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  "$root/scripts/pg-temp.sh" stop "$work/pg" 2>/dev/null || true
  rm -rf "$work"
  echo "cluster stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Starting PostgreSQL..."
full_url=$("$root/scripts/pg-temp.sh" start "$work/pg")
# The password goes to libpq through a password file, not on the command line (where ps shows
# it to every user of the machine): --db gets the URL without it.
pg_port=$(cat "$work/pg/port")
pg_password=$(sed -n 's|^postgresql://[^:]*:\([^@]*\)@.*|\1|p' <<<"$full_url")
export PGPASSFILE="$work/pgpass"
(
  umask 077
  printf '127.0.0.1:%s:optout:optout:%s\n' "$pg_port" "$pg_password" >"$PGPASSFILE"
)
db="postgresql://optout@127.0.0.1:$pg_port/optout"

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  return 1
}

# Starts instance N (log: $work/server-N.log) and sets `address` to its host:port.
start_instance() {
  local n=$1
  shift
  local log="$work/server-$n.log"
  "$server" --db "$db" --listen 127.0.0.1:0 "$@" >"$log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 600); do
    address=$(sed -n 's|^Listening on http://||p' "$log")
    [[ -n "$address" ]] && return
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "optout-server #$n did not start:" >&2
  cat "$log" >&2
  return 1
}

echo "Starting optout-server #1 (demo data on first start) and #2..."
start_instance 1 --demo --demo-users "$demo_users"
one=$address
start_instance 2 --demo
two=$address

((port)) || port=$(free_port)
mkdir -p "$work/nginx"
sed -e "s|@RUN_DIR@|$work/nginx|g" -e "s|@LISTEN@|127.0.0.1:$port|g" \
  -e "s|@UPSTREAM_1@|$one|g" -e "s|@UPSTREAM_2@|$two|g" \
  deploy/nginx.conf >"$work/nginx/nginx.conf"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
"$nginx" -t -q -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;'
"$nginx" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

url="http://127.0.0.1:$port"
cat <<EOF

The cluster runs:
  nginx            $url  (round robin to both instances)
  optout-server #1 http://$one   log $work/server-1.log
  optout-server #2 http://$two   log $work/server-2.log
  PostgreSQL       $db  (password in $PGPASSFILE)

Give the app this URL:
  optout-admin --server $url --token demo-admin
  curl -H 'Authorization: Bearer demo-admin' $url/api/v1/optouts

Ctrl+C stops everything.
EOF

# Until Ctrl+C, or until one of them stops by itself.
wait -n "${pids[@]}"
echo "a process of the cluster stopped; stopping the others" >&2
