# Shared by the benchmark scripts (sync-bench.sh, live-bench.sh, many-devices.sh), sourced from the
# repository's root once $work is set: builds `sotay` (release) unless $SOTAY_BIN names one,
# starts and stops `sotay serve`, and makes fresh PostgreSQL databases in the benchmarks' own
# cluster (port 55433, fsync on — not the test suite's cluster, which turns fsync off).

py=/usr/bin/python3
if [ -z "${SOTAY_BIN:-}" ]; then
  cargo build --release --locked -q --bin sotay
fi
sotay=${SOTAY_BIN:-$PWD/target/release/sotay}
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null' EXIT

serve() { # serve NAME PORT DATA-ARGS…: starts `sotay serve`, sets $url and $server_pid
  local name=$1 port=$2
  shift 2
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

stop_server() { # SIGTERM (unless it was sent already), then waits for the exit
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" || true
  server_pid=
}

fresh_pg() { # fresh_pg NAME: a new, empty database NAME; prints its URL
  local pg
  pg=$(SOTAY_PG_PORT=55433 SOTAY_PG_FSYNC=on bash scripts/postgres.sh | tail -1)
  psql -q "$pg" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >&2 2>/dev/null
  echo "${pg%/postgres}/$1"
}

invite() { # invite DATA-ARGS…: a one-time administrator's invite, made where the data is
  "$sotay" invite "$@" --admin
}
