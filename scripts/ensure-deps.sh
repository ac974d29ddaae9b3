#!/usr/bin/env bash
# Installs the Debian packages the build needs, only those missing. Sourced by demo.sh and test.sh.
set -euo pipefail

OPTOUT_PACKAGES=(
  cmake g++ make
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  qt6-networkauth-dev libqt6sql6-sqlite libsqlite3-dev libgl-dev libxkbcommon-dev
  qtkeychain-qt6-dev libssl-dev openssl libhttp-parser-dev libsimdjson-dev libcjose-dev
  desktop-file-utils appstream systemd dpkg-dev file iproute2
  postgresql libqt6sql6-psql libpq-dev
  qt6-charts-dev libqt6opengl6-dev poppler-utils zlib1g-dev
)

missing=()
for pkg in "${OPTOUT_PACKAGES[@]}" "$@"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
# The tests' OpenID provider runs on Node.js (Debian's nodejs and npm, or any other node that
# brings its own npm).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  echo "Installing missing packages: ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
