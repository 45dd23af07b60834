#!/usr/bin/env bash
# Many devices at once on one `sotay serve` (BENCHMARKS.md, "Many devices at once"): K devices,
# each holding a different cell's five years, push at the same moment; then K fresh devices (each an
# administrator's, so each pulls everything) pull at the same moment. Prints the records a second
# the server took in and gave out, on the embedded SQLite and on PostgreSQL.
#
#   bash scripts/many-devices.sh                    # K = 16, ~3 min
#   MANY_DEVICES=32 MANY_BACKENDS=sqlite bash scripts/many-devices.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=${MANY_DIR:-/tmp/sotay-many-devices}
backends=${MANY_BACKENDS:-sqlite postgres}
k=${MANY_DEVICES:-16}
years=${MANY_YEARS:-5}
source scripts/bench-lib.sh
rm -rf "$work"
mkdir -p "$work/cells"
for i in $(seq "$k"); do
  "$sotay" --store "$work/cells/$i.db" demo --size cell --years "$years" --training --seed "$i" >/dev/null
done
records=0
for i in $(seq "$k"); do
  n=$("$sotay" --store "$work/cells/$i.db" status --json | "$py" -c 'import json,sys; print(json.load(sys.stdin)["pending_changes"])')
  records=$((records + n))
done

port=18178
# The records a second all the devices moved together: their sum over the longest of their own
# push (or pull) times, from `sotay sync --json`; all started at the same moment.
rate() { # rate FILES… → "N records in T s: R records/s"
  "$py" -c '
import json, sys
what = sys.argv[1]
reports = [json.load(open(f))["report"] for f in sys.argv[2:]]
n = sum(r[what + "ed"] for r in reports)
ms = max(r[what + "_ms"] for r in reports)
print(f"{n:,} records in {ms / 1000:.2f} s: {n / ms * 1000:,.0f} records/s")' "$@"
}

run_backend() { # run_backend NAME DATA-ARGS…
  local name=$1 i
  shift
  serve "$name" "$port" "$@"
  port=$((port + 1))
  for i in $(seq "$k"); do
    cp "$work/cells/$i.db" "$work/$name-push-$i.db"
    "$sotay" --store "$work/$name-push-$i.db" connect --server "$url" --invite "$(invite "$@")" >/dev/null
    "$sotay" --store "$work/$name-pull-$i.db" connect --server "$url" --invite "$(invite "$@")" >/dev/null
  done
  for i in $(seq "$k"); do
    "$sotay" --store "$work/$name-push-$i.db" sync --json >"$work/$name-push-$i.json" &
  done
  wait $(jobs -p | grep -v "^$server_pid$")
  echo "$name: $k devices pushing at once: $(rate push "$work/$name"-push-*.json)"
  for i in $(seq "$k"); do
    "$sotay" --store "$work/$name-pull-$i.db" sync --json >"$work/$name-pull-$i.json" &
  done
  wait $(jobs -p | grep -v "^$server_pid$")
  echo "$name: $k fresh devices pulling at once, $records records each: $(rate pull "$work/$name"-pull-*.json)"
  stop_server
}

for backend in $backends; do
  case $backend in
    sqlite) run_backend sqlite --data "$work/server-sqlite" ;;
    postgres) run_backend postgres --database-url "$(fresh_pg sotay_many)" ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
done
