#!/usr/bin/env bash
# Starts a private PostgreSQL (Debian's packages) for the test suite on 127.0.0.1, trusting local
# connections, and prints its URL. Reuses one already running on that port.
set -euo pipefail
port=${SOTAY_PG_PORT:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
  echo "error: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
dir=${SOTAY_PG_DIR:-/tmp/sotay-pg-$port}
if ! "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q; then
  rm -rf "$dir"
  mkdir -p "$dir"
  run=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$dir"
    run=(runuser -u postgres --)   # PostgreSQL refuses to run as root
  fi
  "${run[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
  # fsync off: a throwaway cluster for tests (the fault tests kill Sotay's server, not this one);
  # the benchmarks ask for Debian's default (SOTAY_PG_FSYNC=on).
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${SOTAY_PG_FSYNC:-off} -c max_connections=300" start >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"
