#!/usr/bin/env python3
"""Synthetic corpus for the scale benchmarks (issue 12), built from the repository's own
fictional documents (examples/documents, tests/dev2, tests/dev3, tests/dev4 — never the
held-out sets): document i is template i mod T with every name of its gold victims (organisation
and aliases) replaced by a synthetic organisation name, its years shifted and its counts
changed, so the corpus holds many distinct incidents that still read like releases. Two
consecutive documents share a synthetic organisation (a first report and a follow-up), so
resolution merges as well as creates.

    bench/gen-corpus.py OUT_DIR N [--seed S]

Writes OUT_DIR/NNNN/DOC.txt (1,000 files per directory) and prints the total text bytes.
Deterministic for a given seed."""

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ["examples/documents", "tests/dev2", "tests/dev3", "tests/dev4"]

KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
KANJI = "東西南北山川田森林青緑赤白金銀星月日光風花海空雪桜松竹梅岡野原島沢橋"
KINDS = ["商事", "工業", "物流", "システムズ", "ホールディングス", "製作所", "サービス", "電機", "食品", "薬品"]
FORMS = ["株式会社{}", "{}株式会社", "有限会社{}", "合同会社{}"]


def decode(data):
    """The text of a template in any of the charsets the sets use (None: skipped)."""
    for enc in ("utf-8", "cp932", "euc_jp", "iso2022_jp", "utf-16"):
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, UnicodeError):
            continue
    return None


def templates():
    out = []
    for s in SETS:
        for txt in sorted((ROOT / s).glob("*.txt")):
            gold = txt.with_suffix(".json")
            if not gold.exists():
                continue
            names = set()
            for inc in json.loads(gold.read_text(encoding="utf-8")).get("incidents", []):
                for n in [inc.get("organization")] + list(inc.get("aliases") or []):
                    if n and len(n) >= 2:
                        names.add(n)
            text = decode(txt.read_bytes())
            if names and text:
                # Longest first, so 株式会社X is replaced before X.
                out.append((text, sorted(names, key=len, reverse=True)))
    return out


def org_name(rng):
    stem = "".join(rng.choice(KANJI) for _ in range(2)) + "".join(
        rng.choice(KANA) for _ in range(rng.randint(2, 4))
    )
    core = stem + rng.choice(KINDS)
    return rng.choice(FORMS).format(core), core


def shift_years(text, delta):
    def year(m):
        y = int(m.group(1)) + delta
        return f"{y}年"

    text = re.sub(r"(20[0-9]{2})年", year, text)
    return re.sub(r"(20[0-9]{2})([-/.])", lambda m: f"{int(m.group(1)) + delta}{m.group(2)}", text)


def change_counts(text, rng):
    def count(m):
        n = int(m.group(1).replace(",", ""))
        n = max(1, n + rng.randint(-n // 10 - 1, n // 10 + 1))
        return f"{n:,}{m.group(2)}"

    return re.sub(r"([0-9][0-9,]{0,12})(件|名|人)", count, text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    tpls = templates()
    out = Path(args.out)
    total = 0
    full = short = None
    for i in range(args.n):
        text, names = tpls[i % len(tpls)]
        if i % 2 == 0:
            full, short = org_name(rng)
        for n in names:
            text = text.replace(n, full if len(n) > 4 else short)
        text = shift_years(text, -(i // (2 * len(tpls))) % 12)
        text = change_counts(text, rng)
        # A line that makes every document's content (and hash) unique.
        text += f"\n(問い合わせ番号 {i:08d})\n"
        d = out / f"{i // 1000:04d}"
        d.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (d / f"syn{i:08d}.txt").write_bytes(data)
        total += len(data)
    print(total)


if __name__ == "__main__":
    main()
