#!/usr/bin/env bash
# Installs what Frontdesk needs to build, run and test on Debian 12 (bookworm), and nothing
# that is already there: Debian packages, the two cargo tools, and the npm workspace.
# Sourced by scripts/run.sh and scripts/test.sh; run as root (or with passwordless sudo).
set -euo pipefail

# WebKitGTK and friends for the Tauri window; Xvfb, WebKitWebDriver and tini for the headless
# end-to-end suite; D-Bus, gnome-keyring and libsecret for the OS keychain the cache key lives
# in; imagemagick for screenshots of the real window.
FRONTDESK_APT_PACKAGES=(
  build-essential pkg-config curl ca-certificates python3
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  libdbus-1-dev libsecret-1-dev
  dbus dbus-x11 gnome-keyring keyutils
  xvfb webkit2gtk-driver tini imagemagick
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_apt_packages() {
  local missing=()
  for pkg in "${FRONTDESK_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

install_cargo_tools() {
  command -v cargo >/dev/null || { echo "setup: Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
  command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version 2.1.0
  command -v cargo-nextest >/dev/null || cargo install cargo-nextest --locked
}

install_npm_workspace() {
  command -v npm >/dev/null || { echo "setup: Node.js 20+ with npm is required" >&2; exit 1; }
  # npm ci is exact and reproducible from package-lock.json; it reinstalls only when the lock
  # changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.frontdesk-lock; then
    npm ci --no-audit --no-fund
    cp package-lock.json node_modules/.frontdesk-lock
  fi
}

frontdesk_setup() {
  install_apt_packages
  install_cargo_tools
  install_npm_workspace
}
