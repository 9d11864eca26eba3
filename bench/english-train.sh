#!/usr/bin/env bash
# Trains the English cause-group model (crates/extract/data/en/cause_model.json) on the PRC
# chronology rows made public in 2012 or earlier (the tuning split; rows from 2013 on are the
# validation split and are never trained on). PRC breach types map to cause groups by
# bench/english-mapping.json; UNKN and CARD rows are left out. Rebuild afterwards
# (the model is embedded at build time) and check bench/english-eval.py. The L2 penalty is
# chosen inside the tuning split: trained on 2005-2010, measured on 2011-2012.
# Usage: bench/english-train.sh [LAST_YEAR [OUT]]   (defaults: 2012, the shipped model file;
#        bench/english-drift.sh trains on the rows up to 2010 into a file of its own)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${LEAKWATCH_SHARED:-../shared}"
last_year="${1:-2012}"
out="${2:-crates/extract/data/en/cause_model.json}"
if ! [[ "$last_year" =~ ^[0-9]{4}$ ]]; then
  echo "english-train.sh: LAST_YEAR must be a four-digit year, got '$last_year'" >&2
  exit 2
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
LEAKWATCH_SHARED="$shared" python3 - "$tmp/prc-tune.tsv" "$last_year" <<'PY'
import importlib.util, sys
from pathlib import Path
spec = importlib.util.spec_from_file_location("ev", Path("bench/english-eval.py"))
ev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ev)
groups = ev.MAPPING["prc_breach_types"]
n = 0
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for r in ev.prc_rows():
        g = groups.get(r["type"])
        if r["date"].year > int(sys.argv[2]) or not g:
            continue
        out.write(f"{g}\t{r['date'].year}\t{r['desc'].replace(chr(9), ' ')}\n")
        n += 1
print(f"{n} PRC rows ({sys.argv[2]} or earlier) written", file=sys.stderr)
PY
cargo run --release --quiet -p leakwatch-extract --example train_en_cause -- \
  "$tmp/prc-tune.tsv" "$out"
