#!/usr/bin/env bash
# A throw-away PostgreSQL for tests, benchmarks and scripts/cluster.sh: a cluster initdb'ed in a
# directory of its own, listening on 127.0.0.1 on a free port and on a socket in that directory.
#
#   scripts/pg-temp.sh start DIR   creates DIR, initdb's and starts a cluster there, creates the
#                                  role and database "optout", prints the postgresql:// URL
#   scripts/pg-temp.sh url DIR     prints the URL again
#   scripts/pg-temp.sh halt DIR    stops the server, keeps the data (for fault tests)
#   scripts/pg-temp.sh resume DIR  starts it again on the same port
#   scripts/pg-temp.sh stop DIR    stops the server and removes DIR
#
# Run as root, the cluster belongs to an unprivileged user (postgres when it exists, else
# nobody), since PostgreSQL refuses to run as root. The role "optout" has a password (in the URL,
# which is kept in DIR/url, readable by the caller only) and may create databases, so each test
# can work in a database of its own.
set -euo pipefail

bindir=${OPTOUT_PG_BINDIR:-}
if [[ -z "$bindir" ]]; then
  for candidate in /usr/lib/postgresql/*/bin; do
    [[ -x "$candidate/initdb" ]] && bindir=$candidate
  done
fi
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  echo "pg-temp.sh: no PostgreSQL server binaries (install the Debian package postgresql)" >&2
  exit 1
fi

usage() {
  echo "usage: $0 start|url|halt|resume|stop DIR" >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
command=$1
dir=$2

owner=""
if [[ $(id -u) -eq 0 ]]; then
  if id postgres >/dev/null 2>&1; then
    owner=postgres
  else
    owner=nobody
  fi
fi

# Runs a command as the cluster's owner (or as ourselves when we are not root).
as_owner() {
  if [[ -n "$owner" ]]; then
    runuser -u "$owner" -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_server() {
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
}

case "$command" in
start)
  if [[ -e "$dir" && -n "$(ls -A "$dir" 2>/dev/null)" ]]; then
    echo "pg-temp.sh: $dir exists and is not empty" >&2
    exit 1
  fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  [[ -n "$owner" ]] && chown "$owner" "$dir"
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  printf '%s\n' "$password" >"$dir/.pwfile"
  chmod 600 "$dir/.pwfile"
  [[ -n "$owner" ]] && chown "$owner" "$dir/.pwfile"
  # The superuser (named after the owner) trusts local socket connections only; TCP needs the
  # password of "optout".
  as_owner "$bindir/initdb" -D "$dir/data" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 --no-instructions >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  rm -f "$dir/.pwfile"
  started=""
  for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" && continue
    cat >>"$dir/data/postgresql.conf" <<EOF
# pg-temp.sh
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
log_min_messages = warning
EOF
    if start_server; then
      started=yes
      break
    fi
    # Taken between the look and the start: try another port.
    sed -i '/^# pg-temp.sh$/,$d' "$dir/data/postgresql.conf"
  done
  if [[ -z "$started" ]]; then
    echo "pg-temp.sh: could not start PostgreSQL (log: $dir/server.log)" >&2
    tail -20 "$dir/server.log" >&2 || true
    exit 1
  fi
  super=${owner:-$(id -un)}
  as_owner "$bindir/psql" -h "$dir" -p "$port" -U "$super" -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE optout LOGIN CREATEDB PASSWORD '$password'" \
    -c "CREATE DATABASE optout OWNER optout" >/dev/null
  url="postgresql://optout:$password@127.0.0.1:$port/optout"
  umask 077
  printf '%s\n' "$url" >"$dir/url"
  printf '%s\n' "$port" >"$dir/port"
  echo "$url"
  ;;
url)
  cat "$dir/url"
  ;;
halt)
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
  ;;
resume)
  start_server
  ;;
stop)
  if [[ -d "$dir/data" ]]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*)
  usage
  ;;
esac
