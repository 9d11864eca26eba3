#!/usr/bin/env python3
"""How much of extraction depends on the victims' names being the ones it was tuned on.

Copies gold-labelled sets into a temporary directory with every labelled organisation's name
replaced by a made-up one of the same shape (legal form and kind word kept: 株式会社, 市,
大学, 病院…; each other character replaced by a random one of its script: katakana by
katakana, kanji by kanji from a pool of name kanji, Latin by Latin), in the text and in the
gold alike, then extracts both the original and the renamed copies and scores them with the
shared scorer. A drop from original to renamed is extraction that leans on particular names
(a lexicon entry, a name-shaped rule) rather than on how the text speaks of them; unseen
documents name other organisations.

Usage: bench/name-robustness.py [--bin target/release/leakwatch] [--seeds N] [--json]
                                [--keep DIR] [--max-drop X] SET_DIR...
Each renaming seed is one more renamed copy (default 3). Never pass a score-only set
(validate/): its renamed documents would have to be read to check them.
"""
import argparse
import json
import random
import re
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_copies import KEYS, add_common_arguments, refuse_score_only, report, score_copies  # noqa: E402

# Kept as written, wherever they stand in a name (longest first).
LEGAL_FORMS = sorted([
    "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "一般社団法人", "一般財団法人",
    "公益社団法人", "公益財団法人", "特定非営利活動法人", "NPO法人", "学校法人", "医療法人社団",
    "医療法人財団", "医療法人", "社会福祉法人", "国立大学法人", "公立大学法人", "独立行政法人",
    "地方独立行政法人", "(株)", "(有)", "㈱", "Inc.", "Inc", "Ltd.", "Ltd", "LLC", "Corp.",
    "Corporation", "Co.", "Company", "Group", "plc", "PLC", "GmbH", "AG", "S.A.", "SE", "B.V.",
    "N.V.", "Pty", "K.K.", "LLP", "P.C.", "生活協同組合", "農業協同組合", "協同組合", "社会医療法人",
    "宗教法人", "税理士法人", "弁護士法人", "司法書士法人", "監査法人",
], key=len, reverse=True)

# Kind words ending a name: kept, so that a city stays a city and a hospital a hospital.
KIND_SUFFIXES = sorted([
    "市", "町", "村", "区", "県", "府", "都", "道", "大学", "大学病院", "短期大学", "高校",
    "高等学校", "中学校", "小学校", "学校", "病院", "医療センター", "センター", "クリニック",
    "銀行", "信用金庫", "信用組合", "労働金庫", "協会", "組合", "機構", "財団", "法人", "会",
    "上下水道局", "水道局", "水道部", "警察", "県警", "府警", "警察署", "教育委員会", "委員会", "新聞社", "新聞", "放送", "テレビ",
    "ホールディングス", "グループ", "商事", "商会", "工業", "産業", "電機", "電気", "証券", "生命",
    "保険", "製作所", "研究所", "事務所", "サービス", "システムズ", "システム", "ジャパン",
    "倶楽部", "新聞社", "通信社", "出版社", "日報社", "学園", "公社", "連合会", "協議会", "書店", "商店",
    "工務店", "酒造", "製菓", "観光", "旅行", "印刷", "物流", "倉庫", "自動車", "電子", "精機", "重工",
    "興業", "建設", "不動産", "物産", "運輸", "製薬", "薬品", "化学", "食品", "百貨店", "教委",
    "ソリューションズ", "ネットワーク", "コーポレーション", "カンパニー", "乳業", "水産", "商工", "製紙",
    "鉄鋼", "繊維", "紡績", "交通", "電鉄", "ガス", "石油", "化成", "工機", "技研", "開発", "設計", "企画",
    "通商", "農園", "薬局", "保育所", "保育園", "幼稚園", "こども園", "図書館", "公民館", "会計",
    "University", "College", "Hospital", "Health", "Bank", "Council", "County", "City", "School",
    "Department", "Services", "Systems",
], key=len, reverse=True)

# National bodies are named the same way in every document; renaming them tests nothing.
SKIP_ENDINGS = ("省", "庁", "委員会事務局")

# Replacement material that looks like real names: common name kanji, katakana loanword parts.
NAME_KANJI = list("山田川村松竹林森石岡島崎藤原野沢坂谷橋宮井栄豊富福寿桜梅杉柳桑梶菊浜江畑")
KATAKANA_WORDS = ["グリーン", "サクラ", "テクノ", "ネクスト", "ライフ", "スマート", "ブルー", "フォレスト",
                  "ソレイユ", "リンク", "アーク", "ミライ", "ウェーブ", "ポート", "クロス", "ノヴァ",
                  "ベル", "ルミナ", "エコー", "マリン", "オーク", "ステラ", "ハート", "コア"]
# (none opens or ends with a particle's kana, as few place names do: のぞみ市 or かえで市 would
# read as `…の ぞみ市` or `かえ で市`)
HIRAGANA_WORDS = ["さくら", "ひかり", "あおば", "みどり", "すずらん", "つばさ", "ひまわり", "あかね",
                  "わかば", "みずほ", "こもれび", "やまびこ"]
UPPER = list("ABCDEFGHJKLMNPRSTUVWZ")
# English name words: place-like words as real organisations' names are made of.
ENGLISH_WORDS = ["Ashford", "Brookline", "Calder", "Dunmore", "Elmwood", "Fairhaven", "Glenrock",
                 "Hartwell", "Ivybridge", "Kingsley", "Larchmont", "Marlow", "Northgate", "Oakridge",
                 "Pemberton", "Redfield", "Stanmore", "Thornbury", "Westbrook", "Yardley", "Alder",
                 "Bramble", "Copper", "Harbor"]
# Words kept inside English names: their kind and the short words between name words.
ENGLISH_KEPT = {"of", "the", "and", "for", "de", "St", "North", "South", "East", "West", "New",
                "National", "State", "General", "Regional", "Community", "Medical", "Center",
                "Centre", "Trust", "Foundation", "Institute", "Authority", "Agency", "Office",
                "Clinic", "Pharmacy", "Insurance", "Financial", "Credit", "Union", "Federal",
                "Savings", "Technologies", "Technology", "Solutions", "Software", "Partners",
                "Holdings", "International", "Association", "Society", "Club", "District",
                "Public", "Schools", "Police", "Fire", "Water", "Airlines", "Airways", "Stores",
                "Foods", "Motors", "Energy", "Electric", "Telecom", "Communications", "Media",
                "News", "Labs", "Care", "Healthcare", "Dental", "Bancorp", "Capital", "Fund",
                "Funds", "Mutual", "Plan", "Health", "Hospital", "University", "College"}

# Characters that say what kind of body a name is (水道局, 県立, 労働金庫, 教育委員会): kept
# wherever they stand, as is a place name ending in 都道府県 or 市区町村 (real ones are named
# in unseen documents too).
STRUCTURAL = set("市町村区郡県府都道局課部署所院校園館会社庁省室係班団協組合機構学病高中小警察委員"
                 "放送新聞銀行金庫信用労働生命保険電力通信鉄道航空港湾水交立私国公営支店本大")
PLACE = re.compile(r"^(?:\S{1,4}?[都道府県])?(?:\S{1,5}?[市区町村])?")


def script_of(c):
    o = ord(c)
    if 0x30A1 <= o <= 0x30FA or c == "ー":
        return "kata"
    if 0x3041 <= o <= 0x3096:
        return "hira"
    if 0x4E00 <= o <= 0x9FFF or c in "々ヶ":
        return "kanji"
    if "A" <= c <= "Z":
        return "upper"
    if "a" <= c <= "z" or c in "äöüßéèêáàâíóúñç":
        return "lower"
    return None


def split_name(name):
    """(prefix forms, core, suffix) of a name: legal forms anywhere at its ends, one kind word."""
    core = name.strip()
    pre, post = "", ""
    changed = True
    while changed:
        changed = False
        for f in LEGAL_FORMS:
            if core.startswith(f) and len(core) > len(f):
                pre += core[: len(f)]
                core = core[len(f):].lstrip()
                changed = True
            if core.endswith(f) and len(core) > len(f):
                post = core[-len(f):] + post
                # (`Sawanobori Co., Ltd.`: the comma between two forms stays with them)
                stripped = core[: -len(f)].rstrip(" ,")
                post = core[len(stripped): -len(f)] + post
                core = stripped
                changed = True
    for k in KIND_SUFFIXES:
        if core.endswith(k) and len(core) > len(k):
            post = core[-len(k):] + post
            core = core[: -len(k)]
            break
    return pre, core, post


# Per document: the replacement chosen for each source word, so that two names never become
# one (Northway and Ellery both Marlow would merge two victims).
CHOSEN = {}


def distinct_choice(source, pool, rng):
    if source in CHOSEN:
        return CHOSEN[source]
    taken = set(CHOSEN.values())
    options = [w for w in pool if w not in taken] or pool
    CHOSEN[source] = rng.choice(options)
    return CHOSEN[source]


def renamed_core(core, seed):
    """The core with its place name and structural characters kept and every other run of one
    script replaced by made-up material of that script."""
    place = PLACE.match(core).group(0)
    out = [place]
    rest = core[len(place):]
    i = 0
    while i < len(rest):
        c = rest[i]
        s = script_of(c)
        if s is None or (s == "kanji" and c in STRUCTURAL):
            out.append(c)
            i += 1
            continue
        j = i
        while j < len(rest) and script_of(rest[j]) == s and not (s == "kanji" and rest[j] in STRUCTURAL):
            j += 1
        n = j - i
        # The same run is renamed the same way wherever it stands (日田 of 大分県日田市 and of 日田市).
        rng = random.Random(zlib.crc32(f"{seed}:{rest[i:j]}".encode()))
        if s == "kata":
            word = ""
            while len(word) < max(2, n - 1):
                word += distinct_choice(rest[i:j] + word, KATAKANA_WORDS, rng)
            out.append(word)
        elif s == "kanji":
            out.append("".join(rng.choice(NAME_KANJI) for _ in range(n)))
        elif s == "hira":
            out.append(rng.choice(HIRAGANA_WORDS))
        else:
            # A Latin word (its capital and small letters together): kept when it says what
            # kind of body the name is, an acronym becomes another acronym, a word another
            # name word.
            while j < len(rest) and script_of(rest[j]) in ("upper", "lower"):
                j += 1
            word = rest[i:j]
            rng = random.Random(zlib.crc32(f"{seed}:{word}".encode()))
            if (word in ENGLISH_KEPT or word in KIND_SUFFIXES or word in LEGAL_FORMS
                    or word.lower() in VOCABULARY or (word.isupper() and len(word) <= 2)):
                out.append(word)
            elif word.isupper():
                # An acronym stands for the name's words (HMRC); renamed, it would stand for
                # nothing.
                out.append(word)
            else:
                w = distinct_choice(word, ENGLISH_WORDS, rng)
                w = w if word[0].isupper() else w.lower()
                out.append(w)
                if len(word) >= 4:
                    # The same word alone (`Sakuragawa` for Sakuragawa Direct Co., Ltd.) and
                    # inside a web or mail address (`www.sakuragawa-direct…`).
                    LOWER_WORDS[word] = w
                    LOWER_WORDS[word.lower()] = w.lower()
        i = j
    return "".join(out)


# Words the given sets also write in lower case (`municipal`, `supply`, `orthopedic`): common
# words a name is made of, kept; filled by main() from the sets' texts.
VOCABULARY = set()
# Lower-case forms of renamed Latin name words, renamed inside addresses too; per document.
LOWER_WORDS = {}
ADDRESS = re.compile(r"\S*[@/]\S*|\S+\.(?:com|org|net|gov|edu|example|jp|uk|us)\b\S*")


def names_of(gold):
    for inc in gold.get("incidents") or []:
        if inc.get("organization"):
            yield inc["organization"]
        # A short form is renamed as its name is (`半田病院`); a reference back (`当社`,
        # `同病院`) or a shop's long title is no name to make up.
        for n in inc.get("aliases") or []:
            if n and not n.startswith(("当", "弊", "同", "本", "貴")) and len(n) <= 15:
                yield n
        # An attacker's name is a gang's, known from elsewhere: real documents name real ones.
        for r in inc.get("related") or []:
            if r.get("name") and r.get("role") != "attacker":
                yield r["name"]


def core_map(gold, seed, stem):
    """Core → new core for every labelled name of one document."""
    mapping = {}
    LOWER_WORDS.clear()
    CHOSEN.clear()
    for name in names_of(gold):
        if name.endswith(SKIP_ENDINGS):
            continue
        _, core, post = split_name(name)
        # A municipality keeps its name, as it does inside other names (浅茅市立…保育所).
        if post in ("市", "町", "村", "区", "県", "府", "都", "道"):
            continue
        # A core of one character or of no letters is a word, not a name.
        if len(core) < 2 or not any(script_of(c) for c in core) or core in mapping:
            continue
        mapping[core] = renamed_core(core, seed)
        # (A filing's cover writes the name in capitals: `HALVORSEN FREIGHT SYSTEMS, INC.`)
        if core.upper() != core and core.isascii():
            mapping.setdefault(core.upper(), mapping[core].upper())
    for w, r in LOWER_WORDS.items():
        if w.lower() not in VOCABULARY:
            mapping.setdefault(w, r)
    # An acronym of a renamed name (`Ostrander Regional Transit Authority (ORTA)`) becomes
    # the new name's.
    initials = lambda n: "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", n) if w[0].isupper())
    for name in list(names_of(gold)):
        core = split_name(name)[1]
        old, new = initials(core), initials(apply(core, mapping))
        if len(old) >= 3 and old != new and len(new) == len(old):
            if mapping.get(old, old) == old:
                mapping[old] = new
    return mapping


def apply(s, mapping):
    if not s or not mapping:
        return s
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group(0)], s)


def rename_gold(gold, mapping):
    for inc in gold.get("incidents") or []:
        inc["organization"] = apply(inc.get("organization"), mapping)
        inc["aliases"] = [apply(a, mapping) for a in inc.get("aliases") or []]
        for r in inc.get("related") or []:
            r["name"] = apply(r.get("name"), mapping)
    return gold


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_common_arguments(ap)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--keep", metavar="DIR", help="write the renamed sets (and predictions) to DIR")
    ap.add_argument("--max-drop", type=float, metavar="X",
                    help="exit 1 when the score falls by more than X under renaming, averaged over the sets")
    a = ap.parse_args()
    refuse_score_only(a.sets)
    for s in a.sets:
        for t in Path(s).glob("*.txt"):
            try:
                text = ADDRESS.sub(" ", t.read_text(encoding="utf-8"))
                VOCABULARY.update(re.findall(r"\b[a-z]{2,}\b", text))
            except UnicodeDecodeError:
                pass

    def write_copy(label, t, g, d):
        gold = json.loads(g.read_text(encoding="utf-8"))
        raw = t.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            # A document in another encoding is copied as it is, its gold too.
            (d / t.name).write_bytes(raw)
            (d / g.name).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
            return
        mapping = core_map(gold, int(label.removeprefix("renamed")), g.stem)
        (d / t.name).write_text(apply(text, mapping), encoding="utf-8")
        (d / g.name).write_text(json.dumps(rename_gold(gold, mapping), ensure_ascii=False), encoding="utf-8")

    labels = [f"renamed{seed}" for seed in range(1, a.seeds + 1)]
    results = score_copies(a, labels, write_copy)
    for rows in results.values():
        rows["renamed (mean)"] = {k: sum(rows[x][k] for x in labels) / a.seeds for k in KEYS}
    drop = sum(r["original"]["score"] - r["renamed (mean)"]["score"] for r in results.values()) / len(results)
    report(a, results, drop, f"mean drop under renaming over {len(results)} sets: {drop:.4f}",
           "under renaming", a.max_drop)


if __name__ == "__main__":
    main()
