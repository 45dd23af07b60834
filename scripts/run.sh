#!/usr/bin/env bash
# Runs Sotay on this machine, on a local store with no server: builds it and, the first time,
# fills the store with a demo commune so there is something to look at.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null; then
  echo "error: Sotay needs Rust 1.90 or newer (cargo); install it with rustup, then run this again." >&2
  exit 1
fi
command -v cc >/dev/null || {
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq build-essential
}

cargo build --release --locked
sotay=target/release/sotay
if ! "$sotay" status >/dev/null 2>&1; then
  echo "First run: making a demo commune (12 cells, ten years of meetings) in your local store…"
  "$sotay" demo --size commune
fi
echo
echo "Upcoming meetings:"
"$sotay" meetings --upcoming --limit 10
echo
echo "Try: $sotay search \"nghi quyet\"   |   $sotay meeting <ID>   |   $sotay --help"
