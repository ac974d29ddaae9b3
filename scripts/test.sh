#!/usr/bin/env bash
# Builds everything (warnings are errors) and runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-deps.sh
build=${OPTOUT_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOPTOUT_WERROR=ON
cmake --build "$build" --parallel "$(nproc)"
QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" --output-on-failure --timeout 600
