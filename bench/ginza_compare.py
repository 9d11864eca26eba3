#!/usr/bin/env python3
"""Peer comparison: GiNZA's ORG entities vs leakwatch's victim organisations.

Runs GiNZA (spaCy ja_ginza) over the seed + dev texts of the shared corpus and reports
(a) its throughput and (b) the organisation-level F1 of its ORG/Company entities against the
gold victim organisations, beside leakwatch's own figures, in one Markdown table.

Organisation-level F1: per document, the set of predicted organisation names is matched to the
gold victims (organisation + aliases) with the scorer's own name similarity (threshold 0.5,
one-to-one); unmatched predictions are false positives, unmatched gold victims false negatives.

Usage:  bench/ginza-compare.sh   (creates the venv, then runs this file with it)
        python3 bench/ginza_compare.py --leakwatch target/release/leakwatch [--shared ../shared]
"""
import argparse
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path


def load_scorer(shared):
    spec = importlib.util.spec_from_file_location("scorer", Path(shared) / "tools" / "score_extraction.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def gold_docs(shared):
    docs = []
    for set_name in ("seeds", "dev"):
        for g in sorted((Path(shared) / "corpus" / set_name).glob("*.json")):
            t = g.with_suffix(".txt")
            if t.exists():
                gold = json.loads(g.read_text(encoding="utf-8"))
                docs.append((g.stem, t.read_text(encoding="utf-8"), gold.get("incidents") or []))
    return docs


def org_f1(scorer, predictions, docs):
    """predictions: {doc_id: [name, ...]}"""
    tp = fp = fn = 0
    for doc_id, _, gold in docs:
        names = list(dict.fromkeys(predictions.get(doc_id, [])))
        pairs = []
        for i, name in enumerate(names):
            for j, g in enumerate(gold):
                s = max(scorer.name_sim(name, n) for n in scorer.names_of(g))
                if s >= 0.5:
                    pairs.append((s, i, j))
        pairs.sort(reverse=True)
        used_p, used_g = set(), set()
        for _, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
        tp += len(used_p)
        fp += len(names) - len(used_p)
        fn += len(gold) - len(used_g)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def run_ginza(docs):
    import spacy  # noqa: imported from the venv

    t0 = time.perf_counter()
    nlp = spacy.load("ja_ginza")
    load_secs = time.perf_counter() - t0
    preds = {}
    chars = sum(len(text) for _, text, _ in docs)
    nbytes = sum(len(text.encode("utf-8")) for _, text, _ in docs)
    t0 = time.perf_counter()
    for doc_id, text, _ in docs:
        doc = nlp(text)
        preds[doc_id] = [e.text for e in doc.ents if e.label_ in ("ORG", "Company", "Organization")
                         or e.label_.endswith("Company") or e.label_.endswith("Organization")]
    secs = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return preds, {"secs": secs, "load_secs": load_secs, "chars": chars, "bytes": nbytes, "rss_mb": rss_mb}


def run_leakwatch(binary, shared, docs):
    files = []
    for set_name in ("seeds", "dev"):
        files += sorted(str(p) for p in (Path(shared) / "corpus" / set_name).glob("*.txt"))
    # Repeat the run so the timing is not dominated by process start-up.
    rounds = 20
    t0 = time.perf_counter()
    for _ in range(rounds):
        out = subprocess.run([binary, "extract", "--format", "jsonl", *files], check=True,
                             capture_output=True, text=True).stdout
    secs = (time.perf_counter() - t0) / rounds
    preds = {}
    for line in out.splitlines():
        obj = json.loads(line)
        preds[obj["doc_id"]] = [i["organization"] for i in obj["incidents"]]
    chars = sum(len(text) for _, text, _ in docs)
    nbytes = sum(len(text.encode("utf-8")) for _, text, _ in docs)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return preds, {"secs": secs, "load_secs": 0.0, "chars": chars, "bytes": nbytes, "rss_mb": usage}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--leakwatch", default="target/release/leakwatch")
    ap.add_argument("--shared", default=os.environ.get("LEAKWATCH_SHARED", "../shared"))
    ap.add_argument("--skip-ginza", action="store_true", help="only leakwatch's row (no venv needed)")
    a = ap.parse_args()
    scorer = load_scorer(a.shared)
    docs = gold_docs(a.shared)
    rows = []
    lw_preds, lw = run_leakwatch(a.leakwatch, a.shared, docs)
    rows.append(("leakwatch (victims)", lw, org_f1(scorer, lw_preds, docs)))
    if not a.skip_ginza:
        g_preds, g = run_ginza(docs)
        rows.append(("GiNZA 5.3 ja_ginza (ORG entities)", g, org_f1(scorer, g_preds, docs)))
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    print(f"Corpus: {len(docs)} documents (seeds + dev), {docs and sum(len(t) for _, t, _ in docs)} characters; "
          f"machine: {cpu}, {os.cpu_count()} cores")
    print()
    print("| system | docs/s | chars/s | MB/s | model load (s) | peak RSS (MB) | org precision | org recall | org F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, m, (p, r, f) in rows:
        print(f"| {name} | {len(docs)/m['secs']:.1f} | {m['chars']/m['secs']:,.0f} | {m['bytes']/1e6/m['secs']:.3f} | "
              f"{m['load_secs']:.1f} | {m['rss_mb']:.0f} | {p:.3f} | {r:.3f} | {f:.3f} |")


if __name__ == "__main__":
    sys.exit(main())
