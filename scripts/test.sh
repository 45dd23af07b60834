#!/usr/bin/env bash
# Runs every check and every test Sotay has, on a fresh Debian machine or a developer's.
# Installs what the checks need first. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v cc >/dev/null || need_apt+=(build-essential)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
if ((${#need_apt[@]})); then
  echo "==> installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi
if ! command -v cargo >/dev/null; then
  echo "error: Sotay needs Rust 1.90 or newer (cargo); install it with rustup, then run this again." >&2
  exit 1
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "==> PostgreSQL for the server's PostgreSQL suite"
SOTAY_TEST_POSTGRES_URL=$(bash scripts/postgres.sh)
export SOTAY_TEST_POSTGRES_URL
export SOTAY_REQUIRE_POSTGRES=1   # the PostgreSQL suite must run, not skip

echo "==> cargo test"
cargo test --workspace --locked
