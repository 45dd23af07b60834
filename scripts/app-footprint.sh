#!/usr/bin/env bash
# The desktop app's footprint (BENCHMARKS.md, "Size and memory"): the .deb's size, the time from
# launch until the first screen is drawn, and the memory of the app and WebKit's processes once
# idle — on a fresh demo store, under Xvfb (1024×768, software rendering, as on the build machine).
#
#   bash scripts/package.sh deb && bash scripts/app-footprint.sh
#   APP=target/release/sotay-desktop bash scripts/app-footprint.sh     # another build
#
# "Drawn" is seen as a person would see it: the screen is captured every 50 ms until it holds more
# than a few colours (the home screen's text, cards and navigation), not a blank window.
set -euo pipefail
cd "$(dirname "$0")/.."
app=${APP:-target/desktop/sotay-desktop}
work=${APP_FOOTPRINT_DIR:-/tmp/sotay-app-footprint}
rm -rf "$work"
mkdir -p "$work"
ls -l target/desktop/bundle/deb/*.deb 2>/dev/null | awk '{printf "deb: %s, %d bytes (%.1f MiB)\n", $NF, $5, $5 / 1048576}'
ls -l "$app" | awk '{printf "binary: %d bytes (%.1f MiB)\n", $5, $5 / 1048576}'

export APP_BIN=$PWD/$app WORK=$work
xvfb-run -a -s "-screen 0 1024x768x24" bash -c '
  started=$(date +%s%N)
  SOTAY_STORE=$WORK/store.db "$APP_BIN" --demo >"$WORK/app.log" 2>&1 &
  pid=$!
  drawn=
  for _ in $(seq 600); do
    import -window root "$WORK/screen.png" 2>/dev/null || true
    colours=$(identify -format %k "$WORK/screen.png" 2>/dev/null || echo 0)
    if [ "$colours" -gt 64 ]; then
      drawn=$(( ($(date +%s%N) - started) / 1000000 ))
      break
    fi
    sleep 0.05
  done
  echo "launch to first screen: ${drawn:-not drawn in 30 s} ms (the capture itself takes a few ms)"
  sleep 12
  import -window root "$WORK/idle.png"
  # The app and every process under it: the WebKit web and network processes.
  pids=$pid
  frontier=$pid
  while [ -n "$frontier" ]; do
    next=
    for p in $frontier; do next="$next $(pgrep -P "$p" | tr "\n" " ")"; done
    frontier=$(echo $next)
    pids="$pids $frontier"
  done
  total=0
  for p in $pids; do
    name=$(cat /proc/$p/comm)
    pss=$(awk "/^Pss:/ {print \$2}" /proc/$p/smaps_rollup)
    echo "  $name: $((pss / 1024)) MiB PSS"
    total=$((total + pss))
  done
  echo "idle memory, 12 s after the first screen: $((total / 1024)) MiB PSS in all"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
'
echo "screens: $work/screen.png (first), $work/idle.png"
