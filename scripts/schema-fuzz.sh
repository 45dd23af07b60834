#!/usr/bin/env bash
# A schema-driven run over the server's OpenAPI document (schemathesis, from PyPI): requests made
# from the document against a real `sotay serve`, with an administrator's device token and with
# none, checking that no answer is a 5xx. Prints the cases generated. Bounded for CI:
#
#   bash scripts/schema-fuzz.sh                 # 25 examples an operation and phase, both runs
#   SCHEMA_EXAMPLES=200 bash scripts/schema-fuzz.sh
#
# Uses target/debug/sotay (built by `cargo test`), or SOTAY_BIN.
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${SCHEMA_EXAMPLES:-25}
sotay=${SOTAY_BIN:-target/debug/sotay}
[ -x "$sotay" ] || cargo build --locked --bin sotay
venv=target/schemathesis-venv
if [ ! -x "$venv/bin/st" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==4.32.5"
fi
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$sotay" serve --data "$work/server" --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/serve.out")
[ -n "$url" ] || { echo "error: the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }

# An administrator's device with a cell's data, for a token that reaches every operation.
"$sotay" --store "$work/admin.db" demo --size cell --training >/dev/null
"$sotay" --store "$work/admin.db" connect --server "$url" \
  --invite "$("$sotay" invite --admin --data "$work/server" 2>/dev/null)" >/dev/null
"$sotay" --store "$work/admin.db" sync >/dev/null
token=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT value FROM meta WHERE key = ?", ("sync_token",)).fetchone()[0])' "$work/admin.db")

run() { # run LABEL [schemathesis args…]
  local label=$1
  shift
  echo "==> schemathesis $label: not_a_server_error, $examples examples an operation"
  # Below the server's limit per device (50 a second), so the operations are tested rather than
  # refused as a flood. /v1/live is a long-poll (an answer after up to 25 s of waiting): its query
  # is fuzzed with no wait in crates/sotay-server/tests/fuzz.rs instead.
  "$venv/bin/st" run "$url/v1/openapi.json" --checks not_a_server_error --max-examples "$examples" \
    --seed 20261207 --no-color --rate-limit 45/s --exclude-path /v1/live "$@" >"$work/st.out" 2>&1 ||
    { cat "$work/st.out"; exit 1; }
  grep -E "generated|Seed|in [0-9.]+s" "$work/st.out" | sed 's/^/    /'
}
run "with an administrator's token" --header "Authorization: Bearer $token"
run "without a token"
if grep -q '"level":"ERROR"' "$work/serve.log"; then
  echo "error: the server logged errors:" >&2
  grep '"level":"ERROR"' "$work/serve.log" >&2
  exit 1
fi
