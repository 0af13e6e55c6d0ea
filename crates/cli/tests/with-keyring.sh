#!/bin/sh
# Runs "$@" with a fresh, unlocked GNOME keyring on the current (private) session bus: the way the
# CLI tests get a real Secret Service without touching anyone's own keychain. Run it inside
# `dbus-run-session`, with HOME set to a throwaway directory.
set -eu
mkdir -p "$HOME/.local/share/keyrings"
eval "$(printf 'test-password' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
i=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
    i=$((i + 1))
    if [ "$i" -gt 100 ]; then
        echo "with-keyring.sh: the Secret Service did not appear on the session bus" >&2
        exit 97
    fi
    sleep 0.05
done
exec "$@"
