#!/usr/bin/env bash
# Runs the end-to-end WebDriver suite against the real app binary, headless and isolated:
# a throwaway HOME, data directory and keychain (a private D-Bus session with its own unlocked
# gnome-keyring), a private Xvfb display, and tauri-driver in front of WebKitWebDriver. Everything
# runs under tini as a subreaper, because WebKit and the driver leave children behind that a
# shell would never reap. Usage: tests/e2e/run.sh [path-to-app-binary [spec-file...]]; with no
# spec files every spec runs. FRONTDESK_E2E_ARTIFACTS_DIR moves the evidence elsewhere, so two
# runs at once do not wipe each other's screenshots.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
app=${1:-"$repo/target/debug/frontdesk-app"}
specs=()
for spec in "${@:2}"; do specs+=("$(realpath "$spec")"); done
artifacts=${FRONTDESK_E2E_ARTIFACTS_DIR:-"$repo/tests/e2e/artifacts"}
[ -x "$app" ] || { echo "e2e: app binary not found at $app (build it first)" >&2; exit 1; }

if [ -z "${FRONTDESK_E2E_INNER:-}" ]; then
  # Re-enter under tini (reaper) and a private D-Bus session (keychain isolation).
  export FRONTDESK_E2E_INNER=1
  mkdir -p "$artifacts"
  exec tini -s -g -- dbus-run-session -- "$0" "$app" "${specs[@]}" 2> >(tee "$artifacts/session.log" | grep -v -e '^dbus-daemon' -e 'xdg-desktop-portal' -e '^$' -e 'Gtk-WARNING' -e 'SpiRegistry' >&2)
fi

run_dir=$(mktemp -d /tmp/frontdesk-e2e.XXXXXX)
find "$artifacts" -mindepth 1 ! -name session.log -delete 2>/dev/null || true
mkdir -p "$artifacts"
export HOME="$run_dir/home" XDG_CONFIG_HOME="$run_dir/home/.config" XDG_DATA_HOME="$run_dir/home/.local/share"
export XDG_CACHE_HOME="$run_dir/home/.cache" XDG_RUNTIME_DIR="$run_dir/runtime"
export FRONTDESK_DATA_DIR="$run_dir/data"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# A fresh keyring that only this run can see, unlocked with a throwaway password.
eval "$(printf 'e2e-only' | gnome-keyring-daemon --unlock --components=secrets)"
for _ in $(seq 1 50); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
    | grep -q 'boolean true' && break
  sleep 0.1
done

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # WebKit's helpers may still be flushing caches into HOME for a moment after the app quits.
  sleep 0.5
  rm -rf "$run_dir" 2>/dev/null || true
}
trap cleanup EXIT

# Xvfb picks a free display number itself and tells us which through -displayfd.
exec {dfd}<> <(:)
Xvfb -displayfd "$dfd" -screen 0 1280x800x24 -nolisten tcp >"$artifacts/xvfb.log" 2>&1 &
pids+=($!)
read -r -t 10 display <&"$dfd" || { echo "e2e: Xvfb did not start" >&2; exit 1; }
export DISPLAY=":$display"

# The system opener, captured instead of launched: the app hands visit links to xdg-open
# (tauri-plugin-opener on Linux), and this stand-in, first on PATH for tauri-driver and the app
# it starts, only appends each link to a file the specs read. Nothing leaves the machine.
opened="$artifacts/opened-urls.txt"
mkdir -p "$run_dir/bin"
cat >"$run_dir/bin/xdg-open" <<'FAKE'
#!/bin/sh
printf '%s\n' "$*" >>"$FRONTDESK_E2E_OPENED"
FAKE
chmod +x "$run_dir/bin/xdg-open"
export PATH="$run_dir/bin:$PATH" FRONTDESK_E2E_OPENED="$opened"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
native_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
tauri-driver --port "$port" --native-port "$native_port" --native-driver /usr/bin/WebKitWebDriver \
  >"$artifacts/app-and-driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/status" >/dev/null 2>&1 && break
  sleep 0.1
done

export FRONTDESK_E2E_APP="$app" FRONTDESK_E2E_PORT="$port" FRONTDESK_E2E_ARTIFACTS="$artifacts"
cd "$repo/tests/e2e"
if [ ${#specs[@]} -eq 0 ]; then
  node --test --test-concurrency=1 specs/
else
  node --test --test-concurrency=1 "${specs[@]}"
fi
