#!/usr/bin/env bash
# Peer comparison with GiNZA: creates a Python venv with ginza + ja-ginza (from PyPI) under
# bench/out/ginza-venv if missing, builds leakwatch, and prints one Markdown table with both
# systems' throughput and organisation-level F1 on the shared seeds + dev corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=bench/out/ginza-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import spacy, ginza' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet ginza ja-ginza
fi
cargo build --release --quiet
"$venv/bin/python" bench/ginza_compare.py --leakwatch target/release/leakwatch "$@"
