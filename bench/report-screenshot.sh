#!/usr/bin/env bash
# Renders a leakwatch HTML report to a PNG with headless Chromium, to check by eye that it
# reads well (typography, charts, tables).
#
#   bench/report-screenshot.sh                       # shared corpus → temp DB → --month 2025-09
#   bench/report-screenshot.sh --month 2025-10       # another month of the shared corpus
#   bench/report-screenshot.sh --db FILE --month M   # an existing database
#   bench/report-screenshot.sh --html FILE           # an HTML file (e.g. tests/golden/2025-09.ja.html)
#   ... --out report.png --lang en --width 1200 --height 2000
#
# Needs Debian's `chromium` (apt-get update && apt-get install -y chromium fonts-noto-cjk).
# Writes bench/out/report-<month>.png unless --out is given.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
month="2025-09"
lang="ja"
db=""
html=""
out=""
width=1200
height=2000

while [ $# -gt 0 ]; do
    case "$1" in
        --month) month="$2"; shift 2 ;;
        --lang) lang="$2"; shift 2 ;;
        --db) db="$2"; shift 2 ;;
        --html) html="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --width) width="$2"; shift 2 ;;
        --height) height="$2"; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
    echo "chromium not found: apt-get update && apt-get install -y chromium fonts-noto-cjk" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "$html" ]; then
    target="${CARGO_TARGET_DIR:-$repo/target}"
    (cd "$repo" && cargo build --quiet --bin leakwatch)
    bin="$target/debug/leakwatch"
    if [ -z "$db" ]; then
        shared="${LEAKWATCH_SHARED:-$repo/../shared}"
        db="$work/leakwatch.db"
        "$bin" --quiet --db "$db" ingest "$shared/corpus/seeds" "$shared/corpus/dev" "$shared/corpus/tune"
    fi
    html="$work/report-$month.html"
    "$bin" --quiet --db "$db" report --month "$month" --lang "$lang" --format html --out "$html"
fi

if [ -z "$out" ]; then
    mkdir -p "$here/out"
    name="$(basename "$html" .html)"
    out="$here/out/${name}.png"
fi
case "$html" in /*) ;; *) html="$PWD/$html" ;; esac
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

"$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars \
    --screenshot="$out" --window-size="${width},${height}" "file://$html" 2>"$work/chromium.log" || {
    cat "$work/chromium.log" >&2
    exit 1
}
echo "$out"
