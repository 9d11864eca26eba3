"""What the robustness benches share: extracting a directory of documents with the release
binary, scoring it with the shared scorer, refusing score-only sets, and printing or gating the
original-against-copies table. Each bench only says how it copies a set
(`name-robustness.py`: organisations renamed; `layout-robustness.py`: lines broken at a margin).
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

KEYS = ["score", "incident_f1", "cause_acc", "count_acc", "data_types_f1", "dates_acc", "card_acc"]


def add_common_arguments(ap):
    """The arguments every robustness bench takes besides its own."""
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--bin", default="target/release/leakwatch")
    ap.add_argument("--scorer", default=os.environ.get("LEAKWATCH_SHARED", "../shared") + "/tools/score_extraction.py")
    ap.add_argument("--json", action="store_true")


def refuse_score_only(sets):
    """Exit when a score-only set (validate/) is passed: its copies would be read to check them."""
    for s in sets:
        if Path(s).name.startswith(("validate", "en-validate")):
            sys.exit(f"{s}: score-only set; never copy (read) it")


def score(a, gold_dir, pred):
    out = subprocess.run([sys.executable, a.scorer, "--gold", str(gold_dir), "--pred", str(pred), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def extract(a, d, out):
    files = sorted(str(p) for p in Path(d).glob("*.txt"))
    with open(out, "w") as f:
        subprocess.run([a.bin, "--quiet", "extract", "--format", "jsonl", *files], check=True, stdout=f)


def score_copies(a, labels, write_copy):
    """Scores every set of `a.sets` as it is and as each copy `write_copy(label, txt, gold,
    dest_dir)` makes of its documents (one per label), into a temporary directory or `a.keep`.
    Returns {set: {"original": scores, label: scores, ...}}."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(a.keep) if a.keep else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        for s in a.sets:
            name = Path(s).name
            pred = root / f"{name}.orig.jsonl"
            extract(a, s, pred)
            rows = {"original": score(a, s, pred)}
            for label in labels:
                d = root / f"{name}.{label.replace(' ', '')}"
                d.mkdir(exist_ok=True)
                for g in sorted(Path(s).glob("*.json")):
                    t = g.with_suffix(".txt")
                    if t.exists():
                        write_copy(label, t, g, d)
                p = root / f"{name}.{label.replace(' ', '')}.jsonl"
                extract(a, d, p)
                rows[label] = score(a, d, p)
            results[name] = rows
    return results


def report(a, results, drop, summary, what, max_drop):
    """Prints the table (or JSON) of `results` ({set: {copy: scores}}) with `summary` under the
    table, and exits 1 when `drop` passes `max_drop`; `what` says what was done to the copies
    (`under renaming`)."""
    if a.json:
        print(json.dumps(results, indent=1))
    else:
        print(f"{'set':<10} {'copy':<15}" + "".join(f"{k[:9]:>10}" for k in KEYS))
        for name, rows in results.items():
            for label, r in rows.items():
                print(f"{name:<10} {label:<15}" + "".join(f"{r[k]:>10.3f}" for k in KEYS))
        print(summary)
    if max_drop is not None and drop > max_drop:
        print(f"robustness failed: the score falls by {drop:.4f} > {max_drop} {what}", file=sys.stderr)
        sys.exit(1)
