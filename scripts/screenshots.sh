#!/usr/bin/env bash
# Takes the README's screenshots: optout-admin under Xvfb against a fresh demo server, once per
# language, plus one with the usage tracking debugger open. Writes docs/screenshot-*.png. Then,
# per language, the undo bar, the confirmation of a bulk opt-in, the pending-changes list and
# the window offline with changes pending, and View > History (optout-shots drives the real
# window against its own demo server): docs/undo-*.png, docs/confirm-*.png, docs/pending-*.png,
# docs/offline-*.png, docs/history-*.png, the opt-out with a reason (docs/reason-*.png), and the
# preview of File > Opt out users from a list…: docs/import-*.png (`optout-shots LANG docs import` takes only that one),
# the sign-in dialog with "Sign in with your organisation" (docs/signin-*.png), View > Overview
# (docs/overview-*.png) and the first page of File > Report…'s PDF rendered with pdftoppm
# (docs/report-*.png), a group's rule confirmed with the preview (docs/group-*.png), View >
# Rules beside the Via column (docs/rules-*.png) and the picker's list open on a group
# (docs/picker-group-*.png). History shows an action of several users expanded.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-deps.sh xvfb imagemagick xdotool
build=${OPTOUT_BUILD_DIR:-build}
cmake -S . -B "$build" >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target optout-server optout-admin optout-shots

work=$(mktemp -d)
display=:${OPTOUT_SCREENSHOT_DISPLAY:-97}
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb_pid=$!
"$build/server/optout-server" --db "$work/demo.sqlite" --listen 127.0.0.1:0 --demo --quiet \
  >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  grep -q '^Listening on' "$work/server.log" && break
  sleep 0.1
done
url=$(sed -n 's/^Listening on //p' "$work/server.log")
export DISPLAY=$display XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data

shoot() { # shoot LANG OUTPUT [usage]
  "$build/app/gui/optout-admin" --server "$url" --token demo-admin --lang "$1" &
  local app=$!
  local window=""
  for _ in $(seq 1 100); do
    window=$(xdotool search --onlyvisible --pid "$app" 2>/dev/null | tail -1) && [[ -n "$window" ]] && break
    sleep 0.1
  done
  sleep 2.5 # signed in, loaded and painted
  if [[ "${3:-}" == usage ]]; then
    # View > Usage tracking debugger, by the menu's place in the English window.
    xdotool mousemove 97 8 click 1; sleep 0.5
    xdotool mousemove 180 77 click 1; sleep 1
    # Type a search and press Send now, so the log shows events and the service's answer.
    xdotool mousemove 400 145 click 1; xdotool type --delay 80 "zoe d"; sleep 0.5
    xdotool key Escape; sleep 0.3
    xdotool mousemove 930 465 click 1; sleep 1.5
  fi
  import -window "$window" "$2"
  kill "$app"; wait "$app" 2>/dev/null || true
}

for lang in en fr sv nl; do
  shoot "$lang" "docs/screenshot-$lang.png"
done
shoot en docs/screenshot-usage.png usage
for lang in en fr sv nl; do
  "$build/tests/gui/optout-shots" "$lang" docs
done
echo "Screenshots written to docs/."
