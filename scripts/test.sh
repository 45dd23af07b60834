#!/usr/bin/env bash
# Runs every check and every test Sotay has, on a fresh Debian machine or a developer's.
# Installs what the checks need first. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/deps.sh test
# A fresh clone never rebuilds incrementally; incremental state only doubles what the build
# writes to a disk that CI shares with others.
if [ -n "${CI:-}" ]; then export CARGO_INCREMENTAL=0; fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true

echo "==> UI: type check, lint, unit tests, build"
(
  cd ui
  npm run check --silent
  npm run lint --silent
  npm test --silent
  npm run build --silent
)

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "==> PostgreSQL for the server's PostgreSQL suite"
SOTAY_TEST_POSTGRES_URL=$(bash scripts/postgres.sh)
export SOTAY_TEST_POSTGRES_URL
export SOTAY_REQUIRE_POSTGRES=1   # the PostgreSQL suite must run, not skip

echo "==> cargo test (includes: the committed TypeScript bindings match the Rust types)"
cargo test --workspace --locked

echo "==> hostile input: the protocol fuzzed (proptest, bounded) and driven from its OpenAPI document (schemathesis)"
FUZZ_CASES=${FUZZ_CASES:-1000} cargo test --locked -p sotay-server --test fuzz -- --nocapture
bash scripts/schema-fuzz.sh

echo "==> browser tests: Playwright in Debian's Chromium, through sotay ui-bridge"
(cd ui && npx playwright test)

echo "==> the member's flows on days where dates turn over (the demo is made around the tests' day)"
E2E_BUILD=no E2E_DATES="2026-11-30T09:00:00+07:00 2026-12-31T09:00:00+07:00 \
2027-01-01T00:30:00+07:00 2027-01-31T09:00:00+07:00 2027-02-05T09:00:00+07:00 \
2028-02-29T09:00:00+07:00" bash scripts/e2e-dates.sh e2e/member-flows.spec.ts

echo "==> desktop window test: tauri-driver + WebKitWebDriver under Xvfb"
bash scripts/desktop-e2e.sh
