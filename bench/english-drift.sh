#!/usr/bin/env bash
# The English cause model's drift proxy (issue 15), inside the PRC tuning rows: the cause model
# is trained on the rows made public in 2005-2010 only, the whole extractor is built with it and
# scored on the 2011-2012 rows — a stand-in for how the shipped model (trained on <= 2012) meets
# the score-only rows of 2013 on. Prints the figures, and with --misses every row whose cause
# group is wrong (tuning rows only). Builds into its own target directory; the shipped model
# file is put back on exit.
# Usage: bench/english-drift.sh [--misses]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${LEAKWATCH_SHARED:-../shared}"
target="${LEAKWATCH_DRIFT_TARGET:-${TMPDIR:-/tmp}/leakwatch-drift-target}"
model=crates/extract/data/en/cause_model.json
tmp="$(mktemp -d)"
cp "$model" "$tmp/shipped.json"
trap 'cp "$tmp/shipped.json" "$model"; rm -rf "$tmp"' EXIT
LEAKWATCH_SHARED="$shared" bench/english-train.sh 2010 "$tmp/early.json" >/dev/null
cp "$tmp/early.json" "$model"
CARGO_TARGET_DIR="$target" cargo build --release --quiet --bin leakwatch
cp "$tmp/shipped.json" "$model"
LEAKWATCH_SHARED="$shared" python3 - "$target/release/leakwatch" "${1:-}" <<'PY'
import collections, importlib.util, sys, tempfile
from pathlib import Path
spec = importlib.util.spec_from_file_location("ev", Path("bench/english-eval.py"))
ev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ev)
ev.BIN = Path(sys.argv[1])
rows = [r for r in ev.prc_rows() if r["date"].year in (2011, 2012)]
scorer = ev.load_scorer()
with tempfile.TemporaryDirectory() as d:
    ev.write_docs(Path(d), rows)
    preds = ev.extract(Path(d))
misses = []
res = ev.score_prc(scorer, rows, preds, misses)
print("prc-drift (model trained on 2005-2010, scored on 2011-2012):")
print("  " + "  ".join(f"{k} {v:.3f}" for k, v in res.items() if isinstance(v, float)))
conf = collections.Counter()
for r in rows:
    g = ev.MAPPING["prc_breach_types"].get(r["type"])
    if not g or r["type"] in ev.MAPPING["prc_excluded_types"]:
        continue
    inc = ev.matched(scorer, preds.get(r["id"], []), [r["company"]])
    p = ev.group_of(inc.get("cause")) if inc else None
    if p != g:
        conf[(g, p or "none")] += 1
print("  wrong groups: " + ", ".join(f"{g}->{p} {n}" for (g, p), n in sorted(conf.items())))
if sys.argv[2] == "--misses":
    for m in misses:
        if "cause" in m.split("\n")[0]:
            print(m)
PY
