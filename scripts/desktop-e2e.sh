#!/usr/bin/env bash
# The desktop window end to end: tauri-driver + WebKitWebDriver under Xvfb, driving the built app
# (target/debug/sotay-desktop, built with the UI embedded). Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
# No session bus on a CI machine: give the app one so notifications and single-instance work.
# The tests take about a minute; ten is a hang, reported as a failure rather than waited out.
exec timeout 600 xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
  dbus-run-session -- node --test ui/desktop-e2e/
