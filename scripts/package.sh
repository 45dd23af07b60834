#!/usr/bin/env bash
# Builds the desktop packages with the Tauri CLI (@tauri-apps/cli from npm): a .deb, and an
# AppImage where the machine can fetch the AppImage tools (the bundler downloads linuxdeploy from
# GitHub). Built with the `desktop` profile (Cargo.toml: for size), so packages land in
# target/desktop/bundle/. Sizes: BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh run
(cd ui && npm run build --silent)
bundles=${1:-deb,appimage}
# The CLI finds src-tauri/ from the repository root.
# Where the AppImage step cannot fetch its tools it fails after the .deb is built: the .deb is
# still recompressed below, and the script then exits with the build's status.
status=0
ui/node_modules/.bin/tauri build --bundles "$bundles" -- --profile desktop || status=$?
# Tauri's bundler compresses the .deb with gzip; Debian's own packages use xz, which takes the
# download from 18 to 13 MiB (dpkg has read xz since Debian 6). Same files, same control data.
for deb in target/desktop/bundle/deb/*.deb; do
  [ -e "$deb" ] || continue
  unpacked=$(mktemp -d)
  dpkg-deb -R "$deb" "$unpacked/root"
  dpkg-deb --root-owner-group -Zxz -z9 --build "$unpacked/root" "$deb" >/dev/null
  rm -rf "$unpacked"
done
exit "$status"
