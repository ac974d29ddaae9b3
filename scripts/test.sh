#!/usr/bin/env bash
# Builds everything (warnings are errors) and runs every test with ctest, the PostgreSQL runs
# included: a temporary PostgreSQL cluster is started for them and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-deps.sh ccache
build=${OPTOUT_BUILD_DIR:-build}
# ccache (installed by the line above) makes the second run of a clone, or a fresh clone beside
# an earlier one, rebuild only what changed: paths are taken relative to the clone.
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=true
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOPTOUT_WERROR=ON -DOPTOUT_TEST_POSTGRES=ON \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
cmake --build "$build" --parallel "$(nproc)"
# The pinned OpenAPI linter the apidocs_lint test runs, into "$build/node-tools".
scripts/ensure-node-tools.sh "$build"

# The server suite's PostgreSQL run and the cross-instance tests use this cluster.
pgdir=$(mktemp -u "${TMPDIR:-/tmp}/optout-pg.XXXXXX")
trap 'scripts/pg-temp.sh stop "$pgdir"' EXIT
OPTOUT_TEST_DB_URL=$(scripts/pg-temp.sh start "$pgdir")
export OPTOUT_TEST_DB_URL
# Lets the fault tests stop and start that cluster (scripts/pg-temp.sh halt|resume DIR).
export OPTOUT_TEST_PG_DIR=$pgdir
OPTOUT_TEST_PG_SCRIPT="$(pwd)/scripts/pg-temp.sh"
export OPTOUT_TEST_PG_SCRIPT
# Independent tests side by side, one per core (each has its own HOME, server, port and
# database; the few that stop the shared cluster or build packages are marked RUN_SERIAL).
QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" --output-on-failure --timeout 600 \
  --parallel "$(nproc)"
