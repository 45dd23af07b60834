#!/usr/bin/env bash
# The browser tests on days where dates turn over. Every spec reads demo data, which is made
# around "now", so each run sets the tests' clock (SOTAY_E2E_NOW, ui/e2e/support.ts) and with it
# the demo's, the bridges', the servers' and the pages' "now".
#
#   bash scripts/e2e-dates.sh                  every spec, at every day below
#   bash scripts/e2e-dates.sh e2e/cycle.spec.ts  one spec (paths as Playwright takes them, from ui/)
#   E2E_DATES="2027-02-05T09:00:00+07:00" bash scripts/e2e-dates.sh   other days
#   E2E_BUILD=no bash scripts/e2e-dates.sh     the sotay and ui/dist already built
#
# Runs every day even when one fails, then says which failed (exit 1). Each day's Playwright
# output is kept in ui/test-results/dates/<day>/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# 09:00 in Vietnam: the run stays on its day, and the evening's meetings are still to come.
default_dates=(
  2026-12-07T09:00:00+07:00 # the suite's own day (SOTAY_E2E_NOW's default)
  2026-11-30T09:00:00+07:00 # a month's last day, of 30 days
  2026-12-31T09:00:00+07:00 # the year's last day: tomorrow is another year
  2027-01-31T09:00:00+07:00 # a month's last day, of 31 days, before a short February
  2027-02-05T09:00:00+07:00 # the day before Tết (06/02/2027)
  2028-02-29T09:00:00+07:00 # a leap day
  # The new year's first minutes in Vietnam, still 31 December in the pages' zone (Europe/Paris):
  # what the UI reckons by the computer's zone instead of Vietnam's shows here.
  2027-01-01T00:30:00+07:00
)
read -r -a dates <<<"${E2E_DATES:-${default_dates[*]}}"

# The tests drive target/debug/sotay and the UI that ui/dist holds.
if [ "${E2E_BUILD:-yes}" != no ]; then
  cargo build --bin sotay
  (cd ui && npm run build --silent)
fi

failed=()
for day in "${dates[@]}"; do
  echo "==> browser tests on ${day}"
  started=$SECONDS
  if (cd ui && SOTAY_E2E_NOW="$day" npx playwright test --output "test-results/dates/${day}" "$@"); then
    echo "==> ${day}: passed in $((SECONDS - started)) s"
  else
    echo "==> ${day}: FAILED after $((SECONDS - started)) s"
    failed+=("$day")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "Failed on: ${failed[*]}" >&2
  exit 1
fi
echo "Passed on every day: ${dates[*]}"
