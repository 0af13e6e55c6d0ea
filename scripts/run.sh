#!/usr/bin/env bash
# The README's run command: installs what is missing, builds the UI and the app, and opens the
# app's window on the demo practice. On a machine with no display (a fresh server, CI) it starts a private Xvfb
# display and a private keychain session, and saves a screenshot of the window so you can see it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
frontdesk_setup

npm run build --workspace ui
cargo build -p frontdesk-app --locked

# The demo practice: the five vendor APIs simulated on loopback, seeded, synced into the cache.
export FRONTDESK_DEMO=1
app="$PWD/target/debug/frontdesk-app"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$app"
fi

# Headless: give the app a display and a keychain of its own, show where the screenshot is,
# and keep running until interrupted.
exec tini -s -g -- dbus-run-session -- bash -c '
  set -euo pipefail
  eval "$(printf "frontdesk-demo" | gnome-keyring-daemon --unlock --components=secrets)"
  Xvfb :77 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  trap "kill \$xvfb \${app_pid:-} 2>/dev/null || true" EXIT
  sleep 1
  DISPLAY=:77 "$1" &
  app_pid=$!
  sleep 45
  DISPLAY=:77 import -window root frontdesk-screenshot.png
  echo "Frontdesk is running on the virtual display :77; screenshot: $PWD/frontdesk-screenshot.png (Ctrl+C to stop)"
  wait $app_pid
' bash "$app"
