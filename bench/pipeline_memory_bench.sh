#!/usr/bin/env bash
# The service's memory under clients that pipeline requests and never read the answers: 8
# connections, no token, each sending GET /healthz (and a 404) as fast as the server takes them
# for OPTOUT_BENCH_SECONDS (default 20), while the real optout-server's VmRSS is sampled.
# Printed beside the figure before the edge bounded a connection's backlog (31 -> 442 MB, issue
# 18) and the goal (under 50 MB of growth).
#
#   bench/pipeline_memory_bench.sh [OPTOUT_SERVER [ANOTHER_OPTOUT_SERVER ...]]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
servers=("$@")
((${#servers[@]})) || servers=("$here/../build/server/optout-server")
duration=${OPTOUT_BENCH_SECONDS:-20}
connections=${OPTOUT_BENCH_CONNECTIONS:-8}

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

printf '%s pipelining connections that never read, %s s, %s cores, load %s\n' "$connections" \
  "$duration" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'before the fix (issue 18): 31 MB -> 442 MB with 8 connections; goal: under 50 MB of growth\n'
for server in "${servers[@]}"; do
  "$server" --db "$work/db-$RANDOM.sqlite" --listen 127.0.0.1:0 --demo --quiet > "$work/server.out" 2>&1 &
  pid=$!
  pids+=($pid)
  for _ in $(seq 150); do
    grep -q 'Listening on' "$work/server.out" && break
    sleep 0.2
  done
  port=$(grep -o 'Listening on http://[^ ]*' "$work/server.out" | sed 's/.*://')
  python3 - "$pid" "$port" "$duration" "$connections" "$server" <<'PY'
import socket, sys, time

pid, port, duration, count, name = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def rss_mb():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

chunk = (b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" * 2 + b"GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n") * 2000
socks = []
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a client that reads nothing
    s.setblocking(False)
    socks.append(s)
before = rss_mb()
peak = before
sent = 0
end = time.monotonic() + duration
while time.monotonic() < end:
    progress = False
    for s in socks:
        try:
            n = s.send(chunk)
            sent += n
            progress = progress or n > 0
        except BlockingIOError:
            pass
        except OSError:
            pass
    peak = max(peak, rss_mb())
    if not progress:
        time.sleep(0.02)
print(f"{name}: RSS {before:.0f} MB before, peak {peak:.0f} MB, growth {peak - before:.0f} MB; "
      f"{sent / 1e6:.0f} MB of requests taken")
for s in socks:
    s.close()
PY
  kill "$pid"
  wait "$pid" 2>/dev/null || true
done
