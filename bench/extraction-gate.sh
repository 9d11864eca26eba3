#!/usr/bin/env bash
# The extraction-quality gate. Scores `leakwatch extract` with the shared scorer on:
#   - the shared seed and dev corpora (fails below MIN_SCORE, default 0.92),
#   - the project's own example releases, examples/documents (fails below EXAMPLES_MIN, 0.75),
#   - the development sets tests/dev2 and tests/dev3 (fail below DEVSETS_MIN, 0.85),
# and prints the scores on tests/heldout and tests/heldout2, validation sets used only to
# measure generalisation (never gated, never tuned on).
# Usage: bench/extraction-gate.sh [MIN_SCORE]
set -euo pipefail
cd "$(dirname "$0")/.."
min="${1:-0.92}"
examples_min="${EXAMPLES_MIN:-0.75}"
devsets_min="${DEVSETS_MIN:-0.85}"
shared="${LEAKWATCH_SHARED:-../shared}"
scorer="$shared/tools/score_extraction.py"
if [ ! -f "$scorer" ]; then
  echo "extraction gate: $scorer not found (set LEAKWATCH_SHARED)" >&2
  exit 1
fi
cargo build --release --quiet
bin=./target/release/leakwatch
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0
score_set() { # name dir min
  local name=$1 dir=$2 min=$3
  "$bin" extract --format jsonl "$dir"/*.txt >"$out/$name.jsonl"
  echo "-- $name"
  if [ -n "$min" ]; then
    python3 "$scorer" --gold "$dir" --pred "$out/$name.jsonl" --min "score=$min" || status=1
  else
    python3 "$scorer" --gold "$dir" --pred "$out/$name.jsonl"
  fi
}
score_set seeds "$shared/corpus/seeds" "$min"
score_set dev "$shared/corpus/dev" "$min"
score_set examples examples/documents "$examples_min"
score_set dev2 tests/dev2 "$devsets_min"
score_set dev3 tests/dev3 "$devsets_min"
score_set heldout tests/heldout ""
if [ -d tests/heldout2 ]; then
  score_set heldout2 tests/heldout2 ""
fi
exit $status
