#!/usr/bin/env bash
# Issue 14 validators: imports every shared external dataset into a fresh database (timed:
# the import benchmark), exports STIX, VERIS and MISP, and checks them with the ecosystem's
# validators from PyPI (stix2-validator, jsonschema against the VCDB 1.4 schema, PyMISP) in a
# venv under bench/out/interop-venv. Also checks the JSONL round trip (export → import into a
# fresh database → export: identical bytes). Skips with a notice when the shared data is absent.
# Usage: bench/interop-validate.sh [BINARY]   (default: builds target/release/leakwatch)
set -euo pipefail
cd "$(dirname "$0")/.."
ext="${LEAKWATCH_EXTERNAL:-../shared/external}"
[ -d "$ext" ] || ext=/work/shared/external
if [ ! -d "$ext/vcdb" ]; then
  echo "interop-validate: no shared external datasets at $ext; skipped"
  exit 0
fi
bin="${1:-}"
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=target/release/leakwatch
fi
venv=bench/out/interop-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import stix2validator, jsonschema, pymisp' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet stix2-validator jsonschema pymisp
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
db="$out/all.db"
lw() { "$bin" --quiet --db "$db" "$@"; }

echo "== import benchmark (all shared datasets, fresh database)"
start=$(date +%s.%N)
lw import vcdb "$ext/vcdb/snapshot-2013-jayjacobs" "$ext/vcdb/modern-sample" --json > "$out/vcdb.json"
lw import hibp "$ext/hibp/hibp_breaches.json" --json > "$out/hibp.json"
lw import prc "$ext/prc/prc_chronology_2005-2017_export.csv" "$ext/prc/prc_chronology_2015-2017_export.csv" --json > "$out/prc.json"
lw import ransomwatch "$ext/ransomwatch/posts_sample.json" --json > "$out/ransomwatch.json"
end=$(date +%s.%N)
python3 - "$out" <<'PY'
import json, sys, os
for f in ["vcdb", "hibp", "prc", "ransomwatch"]:
    s = json.load(open(os.path.join(sys.argv[1], f + ".json")))
    print(f"  {f:12} {s['records']:5} records: {s['imported']:5} imported, {s['skipped']} skipped, {len(s['rejected'])} rejected; "
          f"{s['incidents_created']} incidents created, {s['incidents_merged']} merged; {s['seconds']:.2f} s")
PY
total=$(echo "$end - $start" | bc)
echo "  total wall time: ${total} s (target < 10 s)"
second_start=$(date +%s.%N)
lw import vcdb "$ext/vcdb" --json > "$out/again.json"
second_end=$(date +%s.%N)
python3 -c "import json,sys; s=json.load(open('$out/again.json')); print(f\"  second vcdb import: {s['imported']} imported, {s['skipped']} skipped\"); sys.exit(1 if s['imported'] else 0)"
echo "  second import wall time: $(echo "$second_end - $second_start" | bc) s"
if (( $(echo "$total >= 10" | bc) )); then
  echo "import benchmark over 10 s"; exit 1
fi

echo "== exports"
lw export --format stix --out "$out/bundle.json"
lw export --format veris --out "$out/veris"
lw export --format misp --out "$out/misp"
lw export --format jsonl --out "$out/a.jsonl"
"$bin" --quiet --db "$out/b.db" import jsonl "$out/a.jsonl" > /dev/null
"$bin" --quiet --db "$out/b.db" export --format jsonl --out "$out/b.jsonl"
if cmp -s "$out/a.jsonl" "$out/b.jsonl"; then
  echo "jsonl round trip: $(wc -l < "$out/a.jsonl") incidents, identical -> OK"
else
  echo "jsonl round trip: exports differ -> FAIL"; diff <(head -c 3000 "$out/a.jsonl") <(head -c 3000 "$out/b.jsonl") | head -20; exit 1
fi

echo "== validators"
"$venv/bin/python" bench/interop_validate.py --stix "$out/bundle.json" --veris "$out/veris" \
  --misp "$out/misp" --schema "$ext/vcdb/schema/vcdb-merged.json"
