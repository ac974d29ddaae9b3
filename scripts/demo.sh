#!/usr/bin/env bash
# Builds both programs, starts optout-server with its demo data and opens optout-admin signed in
# as the demo administrator. Extra arguments go to optout-admin (e.g. --lang fr).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-deps.sh
build=${OPTOUT_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target optout-server optout-admin 2>/dev/null \
  || cmake --build "$build" --parallel "$(nproc)" --target optout-server

listen=${OPTOUT_LISTEN:-127.0.0.1:8080}
db=${OPTOUT_DEMO_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/optout/optout-server/demo.sqlite}
server="$build/server/optout-server"
admin="$build/app/gui/optout-admin"

if [[ ! -x "$admin" ]]; then
  echo "optout-admin is not built yet: running the demo server only (Ctrl+C stops it)."
  exec "$server" --db "$db" --listen "$listen" --demo
fi

log=$(mktemp)
"$server" --db "$db" --listen "$listen" --demo >"$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 300); do
  grep -q '^Listening on' "$log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
url=$(sed -n 's/^Listening on //p' "$log")
echo "optout-server: $url (database $db, log $log)"
"$admin" --server "$url" --token demo-admin "$@"
