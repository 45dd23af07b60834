#!/usr/bin/env bash
# A simulated monthly cycle on one `sotay serve` instance (BENCHMARKS.md, "A simulated monthly
# cycle"): a district's year is on the server; CELLS of its cells each get a secretary's device and
# WATCHERS members' devices waiting for news; then each secretary runs the month's meeting from
# scheduling to adopted minutes, syncing twice, and the superior committee pulls the month. Prints
# the server's and PostgreSQL's CPU time a cell, the syncs' times and how soon the members'
# devices had the news (scripts/monthly-cycle/cycle.py says what is measured).
#
#   bash scripts/monthly-cycle.sh                          # PostgreSQL, 60 cells, ~4 min
#   CYCLE_CELLS=200 CYCLE_BACKENDS="postgres sqlite" bash scripts/monthly-cycle.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=${CYCLE_DIR:-/tmp/sotay-monthly-cycle}
backends=${CYCLE_BACKENDS:-postgres}
cells=${CYCLE_CELLS:-60}
watchers=${CYCLE_WATCHERS:-2}
workers=${CYCLE_WORKERS:-4}
size=${CYCLE_SIZE:-district}
source scripts/bench-lib.sh
rm -rf "$work"
mkdir -p "$work"
"$sotay" --store "$work/district.db" demo --size "$size" --years 1 --training >/dev/null

port=18190
run_backend() { # run_backend NAME DATA-ARGS…
  local name=$1 dir=$work/$1
  shift
  mkdir -p "$dir"
  serve "$name" "$port" "$@"
  port=$((port + 1))
  # The district's year reaches the server from an administrator's device (not measured).
  cp "$work/district.db" "$dir/admin.db"
  "$sotay" --store "$dir/admin.db" connect --server "$url" --invite "$(invite "$@")" >/dev/null
  "$sotay" --store "$dir/admin.db" sync >/dev/null
  # A deployed server's tables were analysed long ago; here autovacuum would otherwise run on
  # the 142,000 records just written while the month is measured, and count as the month's CPU.
  if [ "$1" = --database-url ]; then
    psql -q "$2" -c "VACUUM ANALYZE" -c CHECKPOINT
  fi
  echo "$name:"
  "$py" scripts/monthly-cycle/cycle.py "$sotay" "$url" "$server_pid" "$dir" \
    "$cells" "$watchers" "$workers" -- "$@"
  stop_server
}

for backend in $backends; do
  case $backend in
    postgres) run_backend postgres --database-url "$(fresh_pg sotay_cycle)" ;;
    sqlite) run_backend sqlite --data "$work/server-sqlite" ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
done
