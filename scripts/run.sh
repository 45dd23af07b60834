#!/usr/bin/env bash
# Opens the Sotay desktop app on this machine, on demo data in a local store, with no server.
# Installs what it needs (Debian packages, the UI's npm packages) the first time.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh run
echo "==> building the UI"
(cd ui && npm run build --silent)
echo "==> building the desktop app (the first build takes a few minutes)"
cargo build -p sotay-desktop --locked

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "error: no display to open a window on. On a headless machine: xvfb-run bash scripts/run.sh" >&2
  exit 1
fi
# The same store as the `sotay` command line (or $SOTAY_STORE); on first run it gets a demo cell.
exec target/debug/sotay-desktop --demo
