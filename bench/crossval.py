#!/usr/bin/env python3
"""K-fold cross-validation of leakwatch's learned extractor.

Every training document (all sets given) goes to one of K folds (by its position in the
sorted list of all documents, round robin, so each set is spread over every fold). For each
fold, `leakwatch train` fits models on the other K-1 folds and `leakwatch extract --models`
extracts the held-out fold; each set is then scored with the shared scorer on predictions
made by models that never saw its documents. Prints one line per set (and --json).

Usage: bench/crossval.py [--bin target/release/leakwatch] [--folds 5] [--json] SET_DIR...
Never pass a score-only set (validate/): it would be trained on.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

KEYS = ["score", "incident_p", "incident_r", "incident_f1", "cause_acc", "count_acc",
        "data_types_f1", "dates_acc", "card_acc", "confirmed_acc", "related_f1"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--bin", default="target/release/leakwatch")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--scorer", default=os.environ.get("LEAKWATCH_SHARED", "../shared") + "/tools/score_extraction.py")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--seed", type=int, default=0,
                    help="0: documents go to folds round robin in sorted order; N: in an order shuffled with seed N")
    ap.add_argument("--train-args", default="", help="extra arguments for leakwatch train")
    ap.add_argument("--keep", metavar="DIR", help="also write each set's out-of-fold predictions to DIR/<set>.jsonl")
    a = ap.parse_args()
    for s in a.sets:
        if Path(s).name.startswith(("validate", "en-validate")):
            sys.exit(f"{s}: score-only set; never cross-validate (train) on it")
    docs = []  # (set index, stem, dir)
    for si, s in enumerate(a.sets):
        for g in sorted(Path(s).glob("*.json")):
            if g.with_suffix(".txt").exists():
                docs.append((si, g.stem, Path(s)))
    k = a.folds
    order = list(range(len(docs)))
    if a.seed:
        import random
        random.Random(a.seed).shuffle(order)
    fold_of = {doc: pos % k for pos, doc in enumerate(order)}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        fold_dirs = []
        for f in range(k):
            d = tmp / f"fold{f}"
            d.mkdir()
            fold_dirs.append(d)
        # fold<f>/<set name>/s<i>__<stem>.*: training sees each set under its own name (for
        # `--weight SET=W`), extraction and pooling see every file of a fold.
        for i, (si, stem, d) in enumerate(docs):
            fd = fold_dirs[fold_of[i]] / Path(a.sets[si]).name
            fd.mkdir(exist_ok=True)
            name = f"s{si}__{stem}"
            for ext in (".txt", ".json"):
                (fd / (name + ext)).symlink_to((d / (stem + ext)).resolve())
        preds = {si: [] for si in range(len(a.sets))}
        for f in range(k):
            train_dirs = [str(sub) for j in range(k) if j != f for sub in sorted(fold_dirs[j].iterdir())]
            model = tmp / f"models{f}.json"
            cmd = [a.bin, "--quiet", "train", "--out", str(model), *a.train_args.split(), "--gold", *train_dirs]
            subprocess.run(cmd, check=True)
            files = sorted(str(p) for p in fold_dirs[f].glob("*/*.txt"))
            out = subprocess.run([a.bin, "extract", "--format", "jsonl", "--models", str(model), *files],
                                 check=True, capture_output=True, text=True).stdout
            for line in out.splitlines():
                if not line.strip():
                    continue
                obj = json.loads(line)
                prefix, _, stem = obj["doc_id"].partition("__")
                obj["doc_id"] = stem
                preds[int(prefix[1:])].append(obj)
        # Every document pooled: one number that moves less with a single document.
        pooled = tmp / "pooled"
        pooled.mkdir()
        all_preds = []
        for f in range(k):
            for p in fold_dirs[f].glob("*/*"):
                (pooled / p.name).symlink_to(p.resolve())
        for si in range(len(a.sets)):
            for o in preds[si]:
                all_preds.append(dict(o, doc_id=f"s{si}__{o['doc_id']}"))
        pp = tmp / "pooled.jsonl"
        pp.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in all_preds))
        results = {}
        for si, s in enumerate(a.sets):
            p = tmp / f"pred{si}.jsonl"
            p.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in preds[si]))
            if a.keep:
                Path(a.keep).mkdir(parents=True, exist_ok=True)
                (Path(a.keep) / f"{Path(s).name}.jsonl").write_text(p.read_text())
            r = subprocess.run([sys.executable, a.scorer, "--gold", s, "--pred", str(p), "--json"],
                               check=True, capture_output=True, text=True).stdout
            results[s] = json.loads(r)
        r = subprocess.run([sys.executable, a.scorer, "--gold", str(pooled), "--pred", str(pp), "--json"],
                           check=True, capture_output=True, text=True).stdout
        results["all (pooled)"] = json.loads(r)
    if a.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        print(f"{k}-fold cross-validation over {len(docs)} documents")
        print("set".ljust(22) + " ".join(k2.replace("_acc", "").replace("incident_", "i")[:8].rjust(8) for k2 in KEYS))
        for s, r in results.items():
            print(Path(s).name.ljust(22) + " ".join(f"{r[k2]:8.3f}" for k2 in KEYS))


if __name__ == "__main__":
    main()
