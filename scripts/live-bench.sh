#!/usr/bin/env bash
# Devices waiting for news, held at once by one `sotay serve` (BENCHMARKS.md, "Waiting devices"):
# N long-polls on loopback, the server's resident memory per waiting device, one change then
# reaching all of them (p50/p99/max), and the server stopped (SIGTERM) under N waiting devices —
# on the embedded SQLite and on PostgreSQL. First, the CPU an idle device's long-poll renewal
# costs (LIVE_BENCH_RENEWING devices renewing at once, 15 s).
#
#   bash scripts/live-bench.sh                      # 15,000 waiting devices, ~2 min
#   LIVE_BENCH_CLIENTS="1000 5000 15000" LIVE_BENCH_BACKENDS=sqlite bash scripts/live-bench.sh
#   SOTAY_BIN=/tmp/sotay-before bash scripts/live-bench.sh    # another build
#
# A process here may hold at most 20,000 open files (the server holds one per waiting device),
# so 15,000 is the most this machine measures; the figures a device are what scale.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${LIVE_BENCH_DIR:-/tmp/sotay-live-bench}
backends=${LIVE_BENCH_BACKENDS:-sqlite postgres}
counts=${LIVE_BENCH_CLIENTS:-15000}
renewing=${LIVE_BENCH_RENEWING:-2000}
source scripts/bench-lib.sh
rm -rf "$work"
mkdir -p "$work"
ulimit -n "$(ulimit -Hn)"
"$sotay" --store "$work/cell.db" demo --size cell --years 1 --training >/dev/null
unit=$("$sotay" --store "$work/cell.db" units --json | "$py" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

port=17978
measure() { # measure NAME N DATA-ARGS…
  local name=$1 n=$2 token cursor
  shift 2
  serve "$name-$n" "$port" "$@"
  port=$((port + 1))
  # The writer records the cell; the waiting devices are one reader's token, asked N times.
  rm -f "$work/writer.db"* "$work/reader.db"*
  cp "$work/cell.db" "$work/writer.db"
  "$sotay" --store "$work/writer.db" connect --server "$url" --invite "$(invite "$@")" >/dev/null
  "$sotay" --store "$work/writer.db" sync >/dev/null
  "$sotay" --store "$work/reader.db" connect --server "$url" --invite "$(invite "$@")" >/dev/null
  token=$("$py" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select value from meta where key=?", ("sync_token",)).fetchone()[0])' "$work/reader.db")
  cursor=$("$sotay" --store "$work/reader.db" sync --json | "$py" -c 'import json,sys; print(json.load(sys.stdin)["status"]["cursor"])')
  # The change: a target set offline on the writer, then its sync is what the clients wait on.
  "$sotay" --store "$work/writer.db" targets --unit "$unit" --attendance $((80 + n % 17)) >/dev/null
  # Idle devices renewing their long-polls: the CPU a renewal (before the waiting devices).
  echo "== $name, $renewing devices renewing their long-polls" >&2
  "$py" scripts/live-bench/renewals.py "$url" "$token" "$cursor" "$renewing" "$server_pid" 15 \
    | tee "$work/$name-renewals.json"
  echo "== $name, $n waiting devices" >&2
  # The clients stop the server themselves, timing it.
  "$py" scripts/live-bench/clients.py "$url" "$token" "$cursor" "$n" "$server_pid" -- \
    "$sotay" --store "$work/writer.db" sync | tee "$work/$name-$n.json"
  stop_server
}

for n in $counts; do
  for backend in $backends; do
    case $backend in
      sqlite) measure sqlite "$n" --data "$work/server-sqlite-$n" ;;
      postgres) measure postgres "$n" --database-url "$(fresh_pg sotay_live)" ;;
      *) echo "unknown backend $backend" >&2; exit 2 ;;
    esac
  done
done
