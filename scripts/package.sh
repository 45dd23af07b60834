#!/usr/bin/env bash
# Builds the desktop packages with the Tauri CLI (@tauri-apps/cli from npm): a .deb, and an
# AppImage where the machine can fetch the AppImage tools (the bundler downloads linuxdeploy from
# GitHub). Packages land in target/release/bundle/. Sizes: BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh run
(cd ui && npm run build --silent)
bundles=${1:-deb,appimage}
# The CLI finds src-tauri/ from the repository root.
exec ui/node_modules/.bin/tauri build --bundles "$bundles"
