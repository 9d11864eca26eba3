#!/usr/bin/env bash
# Retrains the extractor's shipped models (crates/extract/data/models.json) from every gold set
# the project may train on: the shared real corpora seeds, dev and tune (weighted 3: they are
# the text the extractor must read), and the project's own written sets. Deterministic: the
# same sets give the same file. Never add validate/ (score only).
# Usage: bench/train-models.sh [OUT]   (default: the shipped file)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${LEAKWATCH_SHARED:-../shared}"
out="${1:-crates/extract/data/models.json}"
cargo build --release --quiet
./target/release/leakwatch train --out "$out" \
  --weight seeds=3 --weight dev=3 --weight tune=3 \
  --gold "$shared/corpus/seeds" "$shared/corpus/dev" "$shared/corpus/tune" \
         tests/dev2 tests/dev3 tests/dev4 tests/dev5 tests/dev6 tests/heldout tests/heldout2 examples/documents
