#!/usr/bin/env python3
"""The English extraction evaluation (issue 15).

Turns third-party English datasets into documents, runs the release binary's
`leakwatch extract --format jsonl` on them and prints one table:

- PRC chronology rows (`external/prc/prc_chronology_2005-2017_export.csv`), each written as a
  document "Company / date / description". Rows made public in 2012 or earlier are the tuning
  split (`prc-tune`); rows from 2013 on are the validation split (`prc-val`, score only).
  Measured: victim found (an incident whose name matches the row's company as the shared
  scorer matches names), cause-group accuracy and macro-F1 (PRC breach type -> cause group by
  `bench/english-mapping.json`; UNKN and CARD rows are not scored for cause), card_data on
  CARD rows, and the record count: exact on the rows whose count (non-zero "Total Records")
  is written in the description, and on every row that states a count.
- HIBP breaches (`external/hibp/hibp_breaches.json`) as "Title / breach date / description":
  victim found and data-type micro-F1 (DataClasses mapped by `bench/english-mapping.json`).
- The shared English corpus sets `en-tune` and `en-validate`, scored with the shared scorer,
  and the project's own fictional English sets `tests/en-dev`, `tests/en-dev2`, `tests/en-dev3`,
  `tests/en-dev4` (tuned on), `tests/en-dev5` (siblings of en-tune documents) and
  `tests/en-dev6` (digests, vendors' clients, enforcement round-ups, listing pages) and
  `tests/en-dev7` (notification letters, datelined news, enforcement, roundups) and
  `tests/en-dev8` (pages as text extraction leaves them) and `tests/en-dev9` (English reports
  about Japanese organisations, local briefs, regulators' and prosecutors' releases) and
  `tests/en-dev10` (trade-press stories naming many organisations besides the victim,
  indirect causes, a processor's clients, notices and releases) and `tests/en-dev11` (dates
  and counts: notification letters, news across the year's turn, digests, regulators'
  and courts' notices, a reader's column and a statistics report with none) and
  `tests/en-dev12` (pages as scraped from the web: sidebars of other cases, a law firm's
  investigation page, a state attorney general's listing, an 8-K, a ransomware roundup) and
  `tests/en-dev13` (the same scraped style: a TV story, trade press, a notice page, a PDF
  letter, an AG record, an 8-K, HHS, ICO and OAIC releases, a law firm's page, a roundup, a
  threat-intel post and an advice column with none; 0.451 on first measurement, 0.817 now).

Floors are in `bench/english-floors.txt` (`SET METRIC MINIMUM`); the script exits 1 when a
figure is below its floor. `--misses SET` lists the misses of a tuning set (prc-tune only:
never use it on a validation split).

Usage: bench/english-eval.py [--no-build] [--misses prc-tune] [--limit N]
"""
import argparse
import csv
import datetime
import html
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LEAKWATCH_SHARED", ROOT.parent / "shared"))
SCORER = SHARED / "tools" / "score_extraction.py"
MAPPING = json.loads((ROOT / "bench" / "english-mapping.json").read_text(encoding="utf-8"))
FLOORS = ROOT / "bench" / "english-floors.txt"
BIN = ROOT / "target" / "release" / "leakwatch"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parse_prc_date(s):
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(s.strip(), fmt).date()
        except ValueError:
            pass
    return None


def clean_space(s):
    return re.sub(r"[ \t]*\n[ \t]*", " ", s or "").strip()


def as_count(s):
    try:
        return int(str(s).replace(",", "").strip() or 0)
    except ValueError:
        return 0


def count_written(n, text):
    """Whether the description writes the number n (1,234 / 1234 / 1.2 million / 500,000)."""
    if n <= 0:
        return False
    t = text.replace(",", "")
    if re.search(r"(?<![\d.])%d(?![\d])" % n, t):
        return True
    for scale, word in ((1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")):
        if n % (scale // 100) == 0 and n >= scale:
            v = n / scale
            s = ("%.2f" % v).rstrip("0").rstrip(".")
            if re.search(r"(?<![\d.])%s\s*%s" % (re.escape(s), word), t, re.I):
                return True
    return False


def prc_rows():
    path = SHARED / "external" / "prc" / "prc_chronology_2005-2017_export.csv"
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            date = parse_prc_date(row.get("Date Made Public", ""))
            company = (row.get("Company") or "").strip()
            desc = clean_space(row.get("Description of incident"))
            if not date or not company or not desc:
                continue
            yield {
                "id": f"prc-{i:05d}",
                "date": date,
                "company": company,
                "type": (row.get("Type of breach") or "").strip(),
                "records": as_count(row.get("Total Records")) or as_count(row.get("Records Breached")),
                "desc": desc,
            }


def strip_html(s):
    return html.unescape(re.sub(r"<[^>]+>", "", s or ""))


def hibp_entries():
    path = SHARED / "external" / "hibp" / "hibp_breaches.json"
    for b in json.loads(path.read_text(encoding="utf-8")):
        classes = b.get("DataClasses") or []
        gold = set()
        for c in classes:
            gold.add(MAPPING["hibp_data_classes"].get(c, "other"))
        yield {
            "id": "hibp-" + re.sub(r"[^A-Za-z0-9_-]", "_", b.get("Name") or "x"),
            "date": b.get("BreachDate") or "",
            "company": b.get("Title") or b.get("Name") or "",
            "names": [b.get("Title") or "", b.get("Name") or ""],
            "desc": strip_html(b.get("Description")),
            "types": gold,
        }


def write_docs(folder, items):
    folder.mkdir(parents=True, exist_ok=True)
    for it in items:
        date = it["date"].isoformat() if hasattr(it["date"], "isoformat") else it["date"]
        text = f"{it['company']}\n{date}\n{it['desc']}\n"
        (folder / f"{it['id']}.txt").write_text(text, encoding="utf-8")


def extract(folder):
    files = sorted(str(p) for p in folder.glob("*.txt"))
    preds = {}
    for k in range(0, len(files), 500):
        out = subprocess.run(
            [str(BIN), "--quiet", "extract", "--format", "jsonl", *files[k : k + 500]],
            check=False,
            capture_output=True,
            text=True,
        )
        for line in out.stdout.splitlines():
            if line.strip():
                obj = json.loads(line)
                preds[obj["doc_id"]] = obj.get("incidents") or []
    return preds


def matched(scorer, incidents, names):
    best, best_s = None, 0.0
    for inc in incidents:
        for n in names:
            s = max(scorer.name_sim(a, n) for a in scorer.names_of(inc))
            if s > best_s:
                best, best_s = inc, s
    return best if best_s >= 0.5 else None


def group_of(cause):
    for g, causes in MAPPING["cause_groups"].items():
        if cause in causes:
            return g
    return None


def macro_f1(pairs, labels):
    f1s = []
    for lab in labels:
        tp = sum(1 for p, g in pairs if p == lab and g == lab)
        fp = sum(1 for p, g in pairs if p == lab and g != lab)
        fn = sum(1 for p, g in pairs if p != lab and g == lab)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def score_prc(scorer, rows, preds, misses=None):
    found = 0
    cause_pairs = []
    card_ok = card_n = 0
    cnt_written_ok = cnt_written_n = cnt_all_ok = cnt_all_n = 0
    excluded = set(MAPPING["prc_excluded_types"])
    rows = [r for r in rows if r["type"] not in excluded]
    for r in rows:
        incs = preds.get(r["id"], [])
        inc = matched(scorer, incs, [r["company"]])
        found += inc is not None
        gold_group = MAPPING["prc_breach_types"].get(r["type"])
        pred_group = group_of(inc.get("cause")) if inc else None
        if gold_group:
            cause_pairs.append((pred_group or "none", gold_group))
        if r["type"] in MAPPING["prc_card_types"]:
            card_n += 1
            card_ok += bool(inc and inc.get("card_data"))
        pc = scorer.as_int(inc.get("affected_count")) if inc else None
        if r["records"] > 0:
            cnt_all_n += 1
            cnt_all_ok += pc == r["records"]
            if count_written(r["records"], r["desc"]):
                cnt_written_n += 1
                cnt_written_ok += pc == r["records"]
        if misses is not None:
            why = []
            if inc is None:
                why.append("victim: " + "; ".join(i.get("organization") or "" for i in incs))
            if gold_group and pred_group != gold_group:
                why.append(f"cause {inc.get('cause') if inc else None} vs {r['type']}")
            if r["records"] > 0 and count_written(r["records"], r["desc"]) and pc != r["records"]:
                why.append(f"count {pc} vs {r['records']}")
            if why:
                misses.append(f"{r['id']} {r['company']!r}: {' | '.join(why)}\n    {r['desc'][:300]}")
    n = len(rows)
    acc = sum(1 for p, g in cause_pairs if p == g) / len(cause_pairs) if cause_pairs else 0.0
    labels = sorted(MAPPING["cause_groups"])
    return {
        "rows": n,
        "victim_found": found / n if n else 0.0,
        "cause_group_acc": acc,
        "cause_group_macro_f1": macro_f1(cause_pairs, labels),
        "card_on_card_rows": card_ok / card_n if card_n else 0.0,
        "count_exact_written": cnt_written_ok / cnt_written_n if cnt_written_n else 0.0,
        "count_exact_stated": cnt_all_ok / cnt_all_n if cnt_all_n else 0.0,
        "_confusion": cause_pairs,
        "_counts": f"cause rows {len(cause_pairs)}, card rows {card_n}, count written {cnt_written_n}, count stated {cnt_all_n}",
    }


def score_hibp(scorer, entries, preds):
    found = 0
    tp = fp = fn = 0
    for e in entries:
        incs = preds.get(e["id"], [])
        inc = matched(scorer, incs, e["names"])
        found += inc is not None
        pred = set(inc.get("data_types") or []) if inc else set()
        tp += len(pred & e["types"])
        fp += len(pred - e["types"])
        fn += len(e["types"] - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    n = len(entries)
    return {
        "rows": n,
        "victim_found": found / n if n else 0.0,
        "data_types_p": p,
        "data_types_r": r,
        "data_types_f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


def score_corpus(name, gold=None):
    gold = gold or SHARED / "corpus" / name
    files = sorted(str(p) for p in gold.glob("*.txt"))
    out = subprocess.run(
        [str(BIN), "--quiet", "extract", "--format", "jsonl", *files],
        check=False,
        capture_output=True,
        text=True,
    )
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.write(out.stdout)
        pred = fh.name
    try:
        res = subprocess.run(
            [sys.executable, str(SCORER), "--gold", str(gold), "--pred", pred, "--json"],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(pred)
    r = json.loads(res.stdout)
    r["rows"] = r["documents"]
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--misses", choices=["prc-tune"], help="list the misses of a tuning set")
    ap.add_argument("--limit", type=int, default=0, help="at most N rows of each PRC split")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--confusion", action="store_true",
                    help="print each PRC split's cause-group confusion matrix (counts only)")
    args = ap.parse_args()
    if not SCORER.exists():
        sys.exit(f"english eval: {SCORER} not found (set LEAKWATCH_SHARED)")
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    scorer = load_scorer()
    rows = list(prc_rows())
    tune = [r for r in rows if r["date"].year <= 2012]
    val = [r for r in rows if r["date"].year >= 2013]
    if args.limit:
        tune, val = tune[: args.limit], val[: args.limit]
    hibp = list(hibp_entries())
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, items in (("prc-tune", tune), ("prc-val", val), ("hibp", hibp)):
            write_docs(tmp / name, items)
        preds = {name: extract(tmp / name) for name in ("prc-tune", "prc-val", "hibp")}
    misses = [] if args.misses else None
    results["prc-tune"] = score_prc(scorer, tune, preds["prc-tune"], misses)
    results["prc-val"] = score_prc(scorer, val, preds["prc-val"])
    results["hibp"] = score_hibp(scorer, hibp, preds["hibp"])
    for name in ("en-tune", "en-validate"):
        results[name] = score_corpus(name)
    # The project's own English documents (fictional, written for leakwatch; tuned on).
    results["en-dev"] = score_corpus("en-dev", ROOT / "tests" / "en-dev")
    # A second fictional set, written by someone who had not read the extractor's rules
    # (0.598 before the first rule taken from it).
    results["en-dev2"] = score_corpus("en-dev2", ROOT / "tests" / "en-dev2")
    # A third (0.695 before the first rule taken from it): filings, AG letters, non-US news,
    # an English story on a Japanese company, mass exploitation of a vendor's product.
    results["en-dev3"] = score_corpus("en-dev3", ROOT / "tests" / "en-dev3")
    # A fourth (0.603 before the first rule taken from it): Japanese and Asian organisations in
    # English news, digests and IR notices.
    results["en-dev4"] = score_corpus("en-dev4", ROOT / "tests" / "en-dev4")
    # A fifth (0.707 before the first rule taken from it): paraphrased siblings of the en-tune
    # documents, which measure how far rules fitted to en-tune carry to other wording.
    results["en-dev5"] = score_corpus("en-dev5", ROOT / "tests" / "en-dev5")
    # A sixth (0.451 before the first rule taken from it): the forms with several victims —
    # monthly lists mixing bullets and headed entries, leak-site round-ups, a vendor's clients,
    # enforcement round-ups, a state's listing page — and two documents with none.
    results["en-dev6"] = score_corpus("en-dev6", ROOT / "tests" / "en-dev6")
    # A seventh (0.750 on first measurement): notification letters, datelined news with the
    # victim mid-sentence, ICO / HHS OCR / state AG enforcement, a gang's claim, a vendor's
    # clients, a weekly roundup, a year's biggest breaches, and two documents with none.
    results["en-dev7"] = score_corpus("en-dev7", ROOT / "tests" / "en-dev7")
    # An eighth (0.383 on first measurement): pages as text extraction leaves them — news with
    # navigation and related headlines, a PDF letter, an 8-K, a blog with IOCs, a Japanese IR
    # release, UK/Australian regulators, a prosecutor's release, a breach-portal table.
    results["en-dev8"] = score_corpus("en-dev8", ROOT / "tests" / "en-dev8")
    # A ninth (0.679 on first measurement): English reports about Japanese organisations
    # (news, an IR notice, a PPC report, a roundup), gang claims, credential stuffing, a cloud
    # exposure with a processor's clients, local briefs, US/UK/Australian notices, an ICO
    # release, a sentencing release, and two documents with none.
    results["en-dev9"] = score_corpus("en-dev9", ROOT / "tests" / "en-dev9")
    results["en-dev10"] = score_corpus("en-dev10", ROOT / "tests" / "en-dev10")
    # An eleventh (0.769 on first measurement), around dates and counts.
    results["en-dev11"] = score_corpus("en-dev11", ROOT / "tests" / "en-dev11")
    results["en-dev12"] = score_corpus("en-dev12", ROOT / "tests" / "en-dev12")
    results["en-dev13"] = score_corpus("en-dev13", ROOT / "tests" / "en-dev13")
    if misses is not None:
        print("\n".join(misses))
        print()
    confusion = {n: r.pop("_confusion") for n, r in results.items() if "_confusion" in r}
    if args.confusion:
        labels = sorted(MAPPING["cause_groups"]) + ["none"]
        for name, pairs in confusion.items():
            print(f"{name}: rows = PRC group, columns = predicted group")
            print(f"{'':11s}" + "".join(f"{p:>11s}" for p in labels))
            for g in labels[:-1]:
                cells = "".join(f"{sum(1 for pp, gg in pairs if gg == g and pp == p):>11d}" for p in labels)
                print(f"{g:11s}{cells}")
            print()
    if args.json:
        print(json.dumps(results, indent=1))
    print(f"{'set':12s} {'rows':>5s}  figures")
    for name, r in results.items():
        figs = "  ".join(f"{k} {v:.3f}" for k, v in r.items() if isinstance(v, float))
        if name.startswith("en-"):
            keys = ["score", "incident_f1", "cause_acc", "count_acc", "data_types_f1", "dates_acc", "card_acc"]
            figs = "  ".join(f"{k} {r[k]:.3f}" for k in keys)
        print(f"{name:12s} {r['rows']:5d}  {figs}")
        if "_counts" in r:
            print(f"{'':12s} {'':5s}  ({r['_counts']})")
    failed = []
    if FLOORS.exists():
        for line in FLOORS.read_text(encoding="utf-8").splitlines():
            parts = line.split("#", 1)[0].split()
            if len(parts) != 3:
                continue
            name, metric, floor = parts
            value = results.get(name, {}).get(metric)
            if value is None or value < float(floor):
                failed.append(f"{name} {metric} {value if value is None else round(value, 3)} < {floor}")
    if failed:
        print("english eval failed: " + "; ".join(failed))
        sys.exit(1)
    print("english eval: every figure at or above its floor")


if __name__ == "__main__":
    main()
