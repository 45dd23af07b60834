#!/usr/bin/env bash
# First sync side by side (BENCHMARKS.md, "First sync"): a district's year, as the device that
# recorded it holds it, pushed to a real `sotay serve` and pulled by a fresh device — on the
# embedded SQLite and on PostgreSQL — beside PouchDB replicating the same records on the same
# machine and a raw SQLite bulk insert of the same rows. Prints a table of rates, ratios and bytes.
#
#   bash scripts/sync-bench.sh                 # ~10 min on 2 cores (PouchDB's npm install once)
#   SYNC_BENCH_BACKENDS=sqlite bash scripts/sync-bench.sh
#   SOTAY_BIN=/tmp/sotay-before SYNC_BENCH_POUCHDB=0 bash scripts/sync-bench.sh   # another build
#
# PostgreSQL runs with Debian's default settings (fsync on) in a cluster of its own on port 55433,
# not the test suite's (which turns fsync off).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${SYNC_BENCH_DIR:-/tmp/sotay-sync-bench}
backends=${SYNC_BENCH_BACKENDS:-sqlite postgres}
years=${SYNC_BENCH_YEARS:-1}
source scripts/bench-lib.sh
rm -rf "$work"
mkdir -p "$work"
echo "== the district's year (sotay demo --size district --years $years --training)" >&2
"$sotay" --store "$work/source.db" demo --size district --years "$years" --training >&2
records=$("$sotay" --store "$work/source.db" status --json | "$py" -c 'import json,sys; print(json.load(sys.stdin)["pending_changes"])')

port=17878
timed() { # timed NAME COMMAND…: its output in NAME.json, its wall time in seconds in NAME.wall
  local name=$1 started
  shift
  started=$(date +%s.%N)
  "$@" >"$work/$name.json"
  "$py" -c "import sys, time; print(time.time() - float(sys.argv[1]))" "$started" >"$work/$name.wall"
}

run_backend() { # run_backend NAME DATA-ARGS…
  local name=$1
  shift
  serve "$name" "$port" "$@"
  port=$((port + 1))
  cp "$work/source.db" "$work/$name-push.db"
  "$sotay" --store "$work/$name-push.db" connect --server "$url" --invite "$(invite "$@")" >&2
  timed "$name-push" "$sotay" --store "$work/$name-push.db" sync --json
  "$sotay" --store "$work/$name-pull.db" connect --server "$url" --invite "$(invite "$@")" >&2
  timed "$name-pull" "$sotay" --store "$work/$name-pull.db" sync --json
  stop_server
}

for backend in $backends; do
  echo "== sotay serve on $backend" >&2
  case $backend in
    sqlite) run_backend sqlite --data "$work/server-sqlite" ;;
    postgres) run_backend postgres --database-url "$(fresh_pg sotay_bench)" ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
done

echo "== a raw SQLite bulk insert of the same rows" >&2
server_db=$work/server-sqlite/server.db
if [ ! -f "$server_db" ]; then
  echo "the raw insert and PouchDB read the SQLite server's records: include sqlite in SYNC_BENCH_BACKENDS" >&2
  exit 2
fi
"$py" scripts/sync-bench/raw_insert.py "$server_db" "$work/raw.db" >"$work/raw.json"

if [ "${SYNC_BENCH_POUCHDB:-1}" != 0 ]; then
  echo "== PouchDB (pouchdb-node + express-pouchdb, LevelDB) replicating the same records" >&2
  pouch=$work/pouchdb
  mkdir -p "$pouch"
  cp scripts/sync-bench/package.json scripts/sync-bench/pouchdb.mjs "$pouch/"
  (cd "$pouch" && npm install --silent --no-audit --no-fund >&2)
  "$py" scripts/sync-bench/export_records.py "$server_db" "$work/records.jsonl"
  node "$pouch/pouchdb.mjs" "$work/records.jsonl" "$pouch/data" >"$work/pouchdb.json"
fi

"$py" scripts/sync-bench/table.py "$work" "$records" $backends
