#!/usr/bin/env bash
# libFuzzer over the protocol's decoder and the push engine (`fuzz/`, `cargo fuzz`), bounded: runs
# when a nightly toolchain is present (it installs cargo-fuzz from crates.io the first time), and
# says so and skips when there is none. CI's stable fuzzing is crates/sotay-server/tests/fuzz.rs.
#
#   bash scripts/fuzz.sh                  # 20,000 runs of each target
#   FUZZ_RUNS=1000000 bash scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${FUZZ_RUNS:-20000}
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "cargo fuzz: no nightly toolchain here; skipped (the stable proptest fuzzing ran)"
  exit 0
fi
command -v cargo-fuzz >/dev/null || cargo install --quiet cargo-fuzz
cd fuzz
for target in push_request; do
  echo "==> cargo fuzz run $target: $runs runs"
  mkdir -p "corpus/$target"
  # The corpus grows in a scratch copy: the committed seeds stay as they are.
  work=$(mktemp -d)
  cp -r "corpus/$target/." "$work/"
  cargo +nightly fuzz run "$target" "$work" -- -runs="$runs" -max_len=4096 2>&1 |
    grep -E "^#[0-9]+\s+(DONE|INITED)|Done [0-9]+ runs|ERROR|panicked" || true
  status=${PIPESTATUS[0]}
  rm -rf "$work"
  [ "$status" -eq 0 ] || { echo "error: cargo fuzz found a failure in $target (fuzz/artifacts/$target)" >&2; exit 1; }
done
