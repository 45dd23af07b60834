#!/usr/bin/env bash
# Installs what Sotay needs on Debian, only what is missing: `deps.sh run` for the desktop app,
# `deps.sh test` for everything the test suite drives (browsers, Xvfb, PostgreSQL) as well.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-run}

# libssl-dev: SQLCipher (the encrypted store) takes its AES from OpenSSL's libcrypto; libdbus-1-dev:
# the keyring (Secret Service) that keeps the store's key.
packages=(build-essential pkg-config file libwebkit2gtk-4.1-dev libayatana-appindicator3-dev
  librsvg2-dev libxdo-dev libssl-dev libdbus-1-dev)
if [ "$what" = test ]; then
  packages+=(postgresql xvfb xauth dbus dbus-x11 webkit2gtk-driver chromium poppler-utils python3-icalendar
    python3-recurring-ical-events)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v node >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  echo "==> installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
if ! command -v cargo >/dev/null; then
  echo "error: Sotay needs Rust 1.92 or newer (cargo); install it with rustup, then run this again." >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "error: the UI's build needs Node.js 20 or newer (this is $(node -v))." >&2
  exit 1
fi

echo "==> npm packages (ui/)"
# Not `npm ci`: the registry this project builds from has no macOS or Windows builds of
# @tauri-apps/cli, so the lock file cannot list them and `npm ci` refuses it. This installs the
# locked versions without rewriting the lock file.
(cd ui && npm install --no-save --no-audit --no-fund --loglevel=error)
