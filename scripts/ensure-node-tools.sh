#!/usr/bin/env bash
# Installs the Node.js tools the tests run into BUILD_DIR/node-tools (default: build), each at its
# pinned version, only when missing or at another version: Redocly's OpenAPI linter (the ctest
# test apidocs_lint). Node.js and npm come from Debian when there is no npm.
set -euo pipefail
cd "$(dirname "$0")/.."

REDOCLY_CLI_VERSION=1.34.20 # the newest 1.x: 2.x needs Node.js 20.19, Debian 12 ships 18

build=${1:-build}
if ! command -v npm >/dev/null 2>&1; then
  scripts/ensure-deps.sh nodejs npm
fi
tools="$build/node-tools"
redocly="$tools/node_modules/.bin/redocly"
installed=""
if [[ -x "$redocly" ]]; then
  installed=$(REDOCLY_SUPPRESS_UPDATE_NOTICE=true "$redocly" --version 2>/dev/null || true)
fi
if [[ "$installed" != "$REDOCLY_CLI_VERSION" ]]; then
  echo "Installing @redocly/cli $REDOCLY_CLI_VERSION into $tools"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --save-exact \
    "@redocly/cli@$REDOCLY_CLI_VERSION"
fi
