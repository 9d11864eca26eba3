#!/usr/bin/env bash
# Regenerates the README's web UI screenshot (docs/ui-dashboard.png) from the browser test,
# which signs in to a server over the shipped examples in headless Chromium and saves
# target/browser/{dashboard,search,incident,review}.png.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/install-browser.sh
cargo test -q -p leakwatch-server --test browser -- --nocapture
if [ ! -f target/browser/dashboard.png ]; then
    echo "no screenshot (chromium missing?)" >&2
    exit 1
fi
cp target/browser/dashboard.png docs/ui-dashboard.png
cp target/browser/incident.png docs/ui-incident.png
echo "wrote docs/ui-dashboard.png and docs/ui-incident.png"
