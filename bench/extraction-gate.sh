#!/usr/bin/env bash
# The extraction-quality gate. Builds the release binary, extracts every set listed in
# bench/quality-floors.txt with `leakwatch extract --format jsonl`, scores it with the shared
# scorer, prints one table of the per-field scores of every set, and fails when a set's score
# is below its floor. validate/ is scored (never read): its aggregate is the honest estimate.
# Usage: bench/extraction-gate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
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
results="$out/results.tsv"
: >"$results"
while read -r name dir min; do
  case "$name" in ''|'#'*) continue ;; esac
  case "$dir" in corpus/*) dir="$shared/$dir" ;; esac
  if [ ! -d "$dir" ]; then
    echo "extraction gate: $dir not found" >&2
    exit 1
  fi
  "$bin" extract --format jsonl "$dir"/*.txt >"$out/$name.jsonl"
  json=$(python3 "$scorer" --gold "$dir" --pred "$out/$name.jsonl" --json)
  printf '%s\t%s\t%s\n' "$name" "$min" "$json" >>"$results"
done <bench/quality-floors.txt
python3 - "$results" <<'PY'
import json, sys
keys = ["score", "incident_p", "incident_r", "incident_f1", "cause_acc", "count_acc",
        "data_types_f1", "dates_acc", "card_acc", "confirmed_acc", "related_f1"]
heads = ["score", "inc P", "inc R", "inc F1", "cause", "count", "types", "dates", "card", "conf", "related"]
failed = []
print(f"{'set':10s} {'docs':>4s} " + " ".join(f"{h:>7s}" for h in heads) + "   floor")
for line in open(sys.argv[1], encoding="utf-8"):
    name, floor, js = line.rstrip("\n").split("\t", 2)
    r = json.loads(js)
    mark = ""
    if floor != "-" and r["score"] < float(floor):
        failed.append(f"{name} {r['score']:.3f} < {floor}")
        mark = "  BELOW"
    print(f"{name:10s} {r['documents']:4d} " + " ".join(f"{r[k]:7.3f}" for k in keys) + f"   {floor}{mark}")
if failed:
    print("extraction gate failed: " + "; ".join(failed))
    sys.exit(1)
PY
