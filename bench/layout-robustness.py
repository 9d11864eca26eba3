#!/usr/bin/env python3
"""How much of extraction depends on the line layout of the documents it was tuned on.

Real notices reach us as text a PDF converter or a fixed-width page broke at its margin
(`…USBメモリーを紛\\n失した…`), where the sets we tune on hold one line per paragraph. This
copies gold-labelled sets into a temporary directory with every line broken at a margin of N
display columns (a wide character — kanji, kana, full-width forms — takes two), the gold left
as it is, extracts the original and each wrapped copy with the release binary and scores them
all with the shared scorer. A drop from original to wrapped is extraction that leans on line
breaks standing where paragraphs end.

Usage: bench/layout-robustness.py [--bin target/release/leakwatch] [--margins 60,76,90]
                                  [--json] [--keep DIR] [--max-drop X] SET_DIR...
Never pass a score-only set (validate/): the wrapped copies are written out.
"""
import argparse
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_copies import add_common_arguments, refuse_score_only, report, score_copies  # noqa: E402


def columns(c):
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def wrap(text, margin):
    """`text` with every line broken before the character that would pass `margin` columns —
    Japanese anywhere, as a PDF converter breaks it; Latin text at the last space before the
    margin, as a word wrapper does (a word longer than the line is cut)."""
    out = []
    for line in text.split("\n"):
        cur, used = [], 0
        for c in line:
            w = columns(c)
            if used + w > margin:
                space = max((i for i, x in enumerate(cur) if x == " "), default=-1)
                if c != " " and space > 0 and all(columns(x) == 1 for x in cur[space:]):
                    # Break at the space: the word begun after it moves to the next line.
                    out.append("".join(cur[:space]))
                    cur = cur[space + 1:]
                else:
                    out.append("".join(cur))
                    cur = []
                used = sum(columns(x) for x in cur)
                if c == " " and not cur:
                    continue  # the space the line broke at
            cur.append(c)
            used += w
        out.append("".join(cur))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_common_arguments(ap)
    ap.add_argument("--margins", default="60,76,90", help="comma-separated margins in display columns")
    ap.add_argument("--keep", metavar="DIR", help="write the wrapped sets (and predictions) to DIR")
    ap.add_argument("--max-drop", type=float, metavar="X",
                    help="exit 1 when the score falls by more than X when wrapped, averaged over sets and margins")
    a = ap.parse_args()
    margins = [int(m) for m in a.margins.split(",") if m.strip()]
    refuse_score_only(a.sets)

    def write_copy(label, t, g, d):
        raw = t.read_bytes()
        try:
            (d / t.name).write_text(wrap(raw.decode("utf-8"), int(label.split()[-1])), encoding="utf-8")
        except UnicodeDecodeError:
            (d / t.name).write_bytes(raw)  # another encoding: copied as it is
        (d / g.name).write_bytes(g.read_bytes())

    results = score_copies(a, [f"wrapped at {m}" for m in margins], write_copy)
    drops = [r["original"]["score"] - r[f"wrapped at {m}"]["score"] for r in results.values() for m in margins]
    drop = sum(drops) / len(drops)
    report(a, results, drop, f"mean drop when wrapped over {len(results)} sets x {len(margins)} margins: {drop:.4f}",
           "when wrapped", a.max_drop)


if __name__ == "__main__":
    main()
