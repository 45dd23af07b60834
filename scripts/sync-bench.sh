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
root=$PWD
work=${SYNC_BENCH_DIR:-/tmp/sotay-sync-bench}
backends=${SYNC_BENCH_BACKENDS:-sqlite postgres}
years=${SYNC_BENCH_YEARS:-1}
py=/usr/bin/python3

if [ -z "${SOTAY_BIN:-}" ]; then
  cargo build --release --locked -q --bin sotay
fi
sotay=${SOTAY_BIN:-$root/target/release/sotay}
rm -rf "$work"
mkdir -p "$work"
echo "== the district's year (sotay demo --size district --years $years --training)" >&2
"$sotay" --store "$work/source.db" demo --size district --years "$years" --training >&2
records=$("$sotay" --store "$work/source.db" status --json | "$py" -c 'import json,sys; print(json.load(sys.stdin)["pending_changes"])')

port=17878
serve() { # serve NAME DATA-ARGS…: starts `sotay serve`, sets $url and $server_pid
  local name=$1
  shift
  "$sotay" serve --listen "127.0.0.1:$port" "$@" >"$work/$name-serve.out" 2>"$work/$name-serve.log" &
  server_pid=$!
  url="http://127.0.0.1:$port"
  for _ in $(seq 100); do
    grep -q listening "$work/$name-serve.out" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "sotay serve did not start: $(cat "$work/$name-serve.log")" >&2
  exit 1
}

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
  serve "$name" "$@"
  cp "$work/source.db" "$work/$name-push.db"
  "$sotay" --store "$work/$name-push.db" connect --server "$url" --invite "$("$sotay" invite "$@" --admin)" >&2
  timed "$name-push" "$sotay" --store "$work/$name-push.db" sync --json
  "$sotay" --store "$work/$name-pull.db" connect --server "$url" --invite "$("$sotay" invite "$@" --admin)" >&2
  timed "$name-pull" "$sotay" --store "$work/$name-pull.db" sync --json
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  port=$((port + 1))
}

for backend in $backends; do
  echo "== sotay serve on $backend" >&2
  case $backend in
    sqlite) run_backend sqlite --data "$work/server-sqlite" ;;
    postgres)
      pg=$(SOTAY_PG_PORT=55433 SOTAY_PG_FSYNC=on bash scripts/postgres.sh | tail -1)
      psql -q "$pg" -c "DROP DATABASE IF EXISTS sotay_bench" -c "CREATE DATABASE sotay_bench" >&2
      run_backend postgres --database-url "${pg%/postgres}/sotay_bench"
      ;;
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
