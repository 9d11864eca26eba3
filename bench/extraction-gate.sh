#!/usr/bin/env bash
# Scores `leakwatch extract` on the shared seed and dev corpora and fails when a set drops below
# the minimum. Usage: bench/extraction-gate.sh [MIN_SCORE]   (default 0.80)
set -euo pipefail
cd "$(dirname "$0")/.."
min="${1:-0.80}"
shared="${LEAKWATCH_SHARED:-../shared}"
scorer="$shared/tools/score_extraction.py"
if [ ! -f "$scorer" ]; then
  echo "extraction gate: $scorer not found (set LEAKWATCH_SHARED)" >&2
  exit 1
fi
cargo build --release --quiet
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0
for set in seeds dev; do
  dir="$shared/corpus/$set"
  ./target/release/leakwatch extract --format jsonl "$dir"/*.txt >"$out/$set.jsonl"
  echo "-- $set"
  python3 "$scorer" --gold "$dir" --pred "$out/$set.jsonl" --min "score=$min" || status=1
done
exit $status
