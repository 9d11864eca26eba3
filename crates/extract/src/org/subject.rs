//! Owns bare names found by the position they stand in, anywhere in the text: the topic or
//! subject of a sentence (`香川県警は12日、`), the source a news story cites (`月桂冠によると`),
//! the owner of the data or systems (`愛媛大のサーバー`), the target or place of an incident
//! (`X社に不正アクセス`, `Xで個人情報が流出`), a title or list item's lead (`■日田市、…`), and a
//! name in 「」 whatever it is made of. These generators favour recall: which of the names is
//! the victim is decided later from features, by the learned model.

use super::{
    core_name, ends_with_generic, is_criminal_group, strip_descriptors, OrgKind, OrgMention,
    VictimCue, CORPORATE_SUFFIXES,
};
use crate::lexicon::{contains_cause_term, is_authority, is_generic_name};
use crate::text::{is_hiragana, is_kanji, is_katakana, is_name_char, WordSet};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// What follows a name, and what that makes of it.
#[derive(Clone, Copy)]
enum Follow {
    /// は / が / では / も: the topic or subject.
    Topic,
    /// によると / によれば: the source of a news story (usually the organisation itself).
    Attribution,
    /// の + the organisation's own people, data or systems.
    Owner,
    /// に / への / に対する + an attack word.
    Target,
    /// で / において + an incident word.
    Place,
    /// 、 right after a name that opens a line (a title or a list item).
    LineLead,
    /// ▽ between the items of an inline list (`A大(甲府市)▽B大(名古屋市)`).
    ListSeparator,
    /// `(46万988人)`: a count noted right after the name.
    CountNote,
    /// から + data that leaked (`○○から顧客情報が流出`).
    Source,
}

const FOLLOWS: &[(&str, Follow)] = &[
    ("は", Follow::Topic),
    ("が", Follow::Topic),
    ("では", Follow::Topic),
    ("でも", Follow::Topic),
    ("も", Follow::Topic),
    ("など", Follow::Topic),
    ("によると", Follow::Attribution),
    ("によれば", Follow::Attribution),
    ("の発表によると", Follow::Attribution),
    ("の説明では", Follow::Attribution),
    ("の説明によると", Follow::Attribution),
    // `○○(札幌市)をはじめ、全国の六つの大学で`: the first of the bodies a sentence lists.
    ("をはじめ", Follow::Topic),
    ("の", Follow::Owner),
    ("に", Follow::Target),
    ("への", Follow::Target),
    ("に対する", Follow::Target),
    ("を狙", Follow::Target),
    ("で", Follow::Place),
    ("において", Follow::Place),
    ("にて", Follow::Place),
    ("、", Follow::LineLead),
    ("▽", Follow::ListSeparator),
    ("(", Follow::CountNote),
    ("から", Follow::Source),
];

/// What an organisation owns (`○○の顧客情報`, `○○のサーバー`).
const OWNED: &[&str] = &[
    "顧客",
    "会員",
    "利用者",
    "個人情報",
    "従業員",
    "職員",
    "社員",
    "元社員",
    "元職員",
    "患者",
    "生徒",
    "児童",
    "学生",
    "教員",
    "教諭",
    "サーバ",
    "システム",
    "ネットワーク",
    "パソコン",
    "PC",
    "ウェブサイト",
    "ホームページ",
    "HP",
    "サイト",
    "オンライン",
    "通販",
    "メール",
    "アカウント",
    "担当者",
    "店舗",
    "委託",
    "業務",
    "社内",
    "庁内",
    "情報",
    "データ",
];

/// Words of an attack or a leak that make `○○に` / `○○で` the organisation hit.
const INCIDENT_WORDS: &[&str] = &[
    "不正アクセス",
    "サイバー攻撃",
    "攻撃",
    "ランサム",
    "感染",
    "侵入",
    "漏えい",
    "漏洩",
    "流出",
    "誤送信",
    "誤送付",
    "紛失",
    "盗難",
    "乗っ取",
    "改ざん",
    "被害",
    "不正",
];

/// Heads that make a run a reference, not a name: 本件, 同社, 当市, 各校, 全職員, 前回.
const REFERENCE_HEADS: &[char] = &[
    '本', '同', '当', '他', '各', '某', '全', '両', '弊', '貴', '旧', '前', '今', '昨', '翌', '来',
    '先', '元', '現', '新', '次', '後', '計', '約', '最', '第', '上', '下', '一', '二', '三', '数',
    '多', '諸', '該', '別', '自', '我', '御', 'ご', 'お',
];

/// Kanji nouns that stand before は/が in every report and are never names.
const COMMON_NOUNS: &[&str] = &[
    "原因",
    "対象",
    "内容",
    "経緯",
    "詳細",
    "概要",
    "状況",
    "結果",
    "調査",
    "現在",
    "現時点",
    "時点",
    "今回",
    "今後",
    "以下",
    "以上",
    "合計",
    "総数",
    "件数",
    "人数",
    "被害額",
    "金額",
    "期間",
    "日時",
    "場所",
    "方法",
    "手口",
    "目的",
    "理由",
    "影響",
    "範囲",
    "可能性",
    "事実",
    "記録",
    "記載",
    "発覚",
    "判明",
    "確認",
    "報告",
    "発表",
    "公表",
    "連絡",
    "問い合わせ",
    "お問い合わせ",
    "窓口",
    "対応",
    "措置",
    "処分",
    "懲戒",
    "逮捕",
    "容疑",
    "疑い",
    "送検",
    "捜査",
    "警察",
    "男性",
    "女性",
    "男",
    "女",
    "市民",
    "県民",
    "住民",
    "本人",
    "家族",
    "保護者",
    "関係",
    "関係先",
    "全員",
    "一部",
    "全部",
    "大半",
    "多数",
    "複数",
    "個人",
    "法人",
    "企業",
    "会社",
    "組織",
    "団体",
    "機関",
    "自治体",
    "行政",
    "政府",
    "国",
    "世界",
    "国内",
    "海外",
    "業界",
    "社会",
    "業務",
    "事業",
    "事務",
    "管理",
    "運用",
    "運営",
    "提供",
    "利用",
    "使用",
    "保存",
    "保管",
    "送信",
    "受信",
    "登録",
    "入力",
    "閲覧",
    "公開",
    "削除",
    "停止",
    "復旧",
    "再発防止",
    "防止",
    "注意",
    "注意喚起",
    "対策",
    "周知",
    "謝罪",
    "お詫び",
    "氏名",
    "住所",
    "電話番号",
    "生年月日",
    "性別",
    "年齢",
    "口座番号",
    "番号",
    "名簿",
    "書類",
    "資料",
    "文書",
    "画像",
    "写真",
    "動画",
    "帳票",
    "用紙",
    "封筒",
    "手紙",
    "通知",
    "通知書",
    "案内",
    "名前",
    "内部",
    "外部",
    "第三者",
    "犯人",
    "何者",
    "攻撃者",
    "身代金",
    "脅迫",
    "要求",
    "不審",
    "異常",
    "不具合",
    "障害",
    "問題",
    "課題",
    "責任",
    "義務",
    "規定",
    "規則",
    "法律",
    "条例",
    "制度",
    "手続",
    "手続き",
    "仕組み",
    "仕組",
    "設定",
    "権限",
    "暗号化",
    "本文",
    "件名",
    "宛先",
    "添付",
    "誤り",
    "過失",
    "人為",
    "確認不足",
    "不備",
    "午前",
    "午後",
    "未明",
    "深夜",
    "夜間",
    "年度",
    "月末",
    "年末",
    "週末",
];

/// The follow patterns, built once.
pub(super) fn follow_automaton() -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(FOLLOWS.iter().map(|(p, _)| p))
        .expect("subject follow patterns build")
}

fn window(text: &str, from: usize, chars: usize) -> &str {
    crate::text::window_after(text, from, chars * 3)
}

/// Whether the words right after a particle make the name before it worth a candidate.
fn follow_holds(text: &str, follow: Follow, after: usize) -> bool {
    let clause = |n: usize| {
        let w = window(text, after, n);
        let end = w.find(['。', '\n']).unwrap_or(w.len());
        &w[..end]
    };
    match follow {
        Follow::Topic | Follow::Attribution => true,
        Follow::Owner => {
            let w = window(text, after, 10);
            OWNED_SET.found_in(w) || count_ahead(w)
        }
        Follow::CountNote => {
            let w = window(text, after, 16);
            let inner = &w[..w.find(')').unwrap_or(0)];
            count_ahead(inner)
        }
        Follow::ListSeparator => true,
        Follow::Target | Follow::Place => {
            let c = clause(24);
            INCIDENT_SET.found_in(c) && !USE_VERBS.iter().any(|v| c.starts_with(v))
        }
        Follow::LineLead => true,
        Follow::Source => data_leaked_from(&text[after..]),
    }
}

/// Whether the clause after `から` tells of data that leaked from what stands before it
/// (`顧客情報約3千件が外部に流出した`), not of a warning or a report received from it
/// (`漏えいの懸念を伝えられ`, `流出の連絡を受け`).
pub fn data_leaked_from(rest: &str) -> bool {
    let w = crate::text::window_after(rest, 0, 90);
    let clause = w.split(['、', '。', '\n']).next().unwrap_or(w);
    let leak = ["流出", "漏えい", "漏洩"]
        .iter()
        .filter_map(|l| clause.find(l))
        .min();
    leak.is_some_and(|at| {
        let before = &clause[..at];
        (before.contains("情報") || before.contains("データ"))
            && ![
                "委託",
                "懸念",
                "指摘",
                "連絡",
                "通報",
                "伝え",
                "報告",
                "知らせ",
            ]
            .iter()
            .any(|w| clause.contains(w))
    })
}

/// Verbs of use right after `に`: `配送管理に使うサーバー` names what a system is for, not a
/// target.
pub(super) const USE_VERBS: &[&str] = &["使う", "使っ", "使用", "利用", "用い"];

// の follows almost every noun: these tests run very often, so each list is one automaton.
static OWNED_SET: WordSet = WordSet::new(OWNED);
static INCIDENT_SET: WordSet = WordSet::new(INCIDENT_WORDS);
static LEAK_SET: WordSet = WordSet::new(LEAK_WORDS);

/// Whether `w` starts with a count of people or records (`191万3,854人`, `約360件`).
fn count_ahead(w: &str) -> bool {
    let w = w.strip_prefix('約').unwrap_or(w);
    let digits = w
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || ",万億千".contains(c)))
        .map_or(w.len(), |(i, _)| i);
    digits > 0 && w[digits..].starts_with(['人', '件', '名'])
}

fn name_run_char(c: char) -> bool {
    is_name_char(c) || matches!(c, '!' | '\'' | '&')
}

/// The start of the run of name characters that ends at `end` (a space between two Latin
/// words belongs to the run: `Safari Lounge`).
fn run_start(text: &str, end: usize, max_chars: usize) -> usize {
    let mut start = end;
    let mut prev: Option<char> = None;
    for (n, (i, c)) in text[..end].char_indices().rev().enumerate() {
        if n >= max_chars {
            break;
        }
        let latin_gap = c == ' '
            && prev.is_some_and(|p| p.is_ascii_alphanumeric())
            && text[..i]
                .chars()
                .next_back()
                .is_some_and(|b| b.is_ascii_alphanumeric());
        if !(name_run_char(c) || latin_gap) {
            break;
        }
        start = i;
        prev = Some(c);
    }
    start
}

/// The common nouns of `data/lexicon/common_nouns.txt`.
fn common_nouns() -> &'static std::collections::HashSet<&'static str> {
    static WORDS: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        crate::lexicon::word_list(include_str!("../../data/lexicon/common_nouns.txt")).collect()
    })
}

/// Whether `name` can be cut entirely into common nouns (`コンピューターウイルス`,
/// `捜査対象`): a description, not a name.
pub fn made_of_common_nouns(name: &str) -> bool {
    made_of_words(name, common_noun_finder(), false)
}

/// Whether `name` is a description rather than a name: made only of common nouns and the
/// description words of `data/lexicon/description_words.txt` (`重要`, `被害規模ワースト3`,
/// `巡査長`), numbers with their counters counting as joiners. Asked of chosen victims only.
pub fn is_description(name: &str) -> bool {
    made_of_words(name, description_finder(), true)
}

/// The word split behind [`made_of_common_nouns`] and [`is_description`]; `numbers`: a number
/// and its counter (`3`, `10大`, `2022年`) join words as `の` does.
fn made_of_words(name: &str, finder: &AhoCorasick, numbers: bool) -> bool {
    // Every dictionary word in the name, found in one pass (words of at most 12 characters).
    let mut words: Vec<(usize, usize)> = finder
        .find_overlapping_iter(name)
        .map(|m| (m.start(), m.end()))
        .filter(|&(a, b)| name[a..b].chars().count() <= 12)
        .collect();
    words.sort_unstable();
    // reach[i]: the first i bytes split into words (and joiners).
    let mut reach = vec![false; name.len() + 1];
    reach[0] = true;
    let mut next_word = 0usize;
    let mut after_digit = false;
    for (a, c) in name.char_indices() {
        let here = reach[a];
        // A joiner between words is skipped (`システム管理上のミス`).
        if here && a > 0 && matches!(c, '・' | '-' | ' ' | 'の') {
            reach[a + c.len_utf8()] = true;
        }
        if numbers && here && (c.is_ascii_digit() || (after_digit && is_counter(c))) {
            reach[a + c.len_utf8()] = true;
        }
        after_digit = c.is_ascii_digit();
        while next_word < words.len() && words[next_word].0 == a {
            if here {
                reach[words[next_word].1] = true;
            }
            next_word += 1;
        }
    }
    reach[name.len()]
}

/// A counter after a number in a description (`2022年`, `10大`, `3件`, `第1位`).
fn is_counter(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '大' | '件' | '社' | '人' | '位')
}

/// One automaton over the common nouns and the description words.
fn description_finder() -> &'static AhoCorasick {
    static FINDER: std::sync::OnceLock<AhoCorasick> = std::sync::OnceLock::new();
    FINDER.get_or_init(|| {
        let extra =
            crate::lexicon::word_list(include_str!("../../data/lexicon/description_words.txt"));
        let mut words: Vec<&str> = common_nouns().iter().copied().chain(extra).collect();
        words.sort_unstable();
        words.dedup();
        AhoCorasick::new(words).expect("description words build")
    })
}

/// One automaton over the common nouns, as `made_of_common_nouns` runs for every candidate.
fn common_noun_finder() -> &'static AhoCorasick {
    static FINDER: std::sync::OnceLock<AhoCorasick> = std::sync::OnceLock::new();
    FINDER.get_or_init(|| {
        let mut words: Vec<&str> = common_nouns().iter().copied().collect();
        words.sort_unstable();
        AhoCorasick::new(words).expect("common nouns build")
    })
}

/// [`COMMON_NOUNS`] as a set: `acceptable` asks it of every candidate run.
fn common_noun_set() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| COMMON_NOUNS.iter().copied().collect())
}

/// Whether a run may be an organisation's name at all.
pub(super) fn acceptable(name: &str) -> bool {
    let n = name.chars().count();
    let latin = name.chars().all(|c| c.is_ascii() && c != ' ') || name.is_ascii();
    if !(2..=24).contains(&n) || (latin && !name.chars().any(|c| c.is_ascii_alphabetic())) {
        return false;
    }
    if name.starts_with(REFERENCE_HEADS) && !latin {
        return false;
    }
    // `A社`, `B病院`, `○○市`: anonymised cases.
    let kinds = [
        "社", "病院", "大学", "大", "市", "町", "村", "区", "県", "高校", "学校", "銀行", "組合",
    ];
    if kinds
        .iter()
        .any(|k| name.strip_suffix(k).is_some_and(super::anonymised))
    {
        return false;
    }
    if common_noun_set().contains(name)
        || made_of_common_nouns(name)
        || is_generic_name(name)
        || ends_with_generic(name)
        || is_criminal_group(name)
        || contains_cause_term(name)
    {
        return false;
    }
    // Dates, counts and amounts: 12日, 3社, 約300件, 2024年度.
    if name.chars().any(|c| c.is_ascii_digit())
        && name.contains([
            '年', '月', '日', '件', '名', '人', '社', '円', '時', '分', '位', '回', '万', '億',
            '代', '歳', '台', '枚', '校', '点', '通', '%',
        ])
    {
        return false;
    }
    if name
        .chars()
        .all(|c| c.is_ascii_digit() || ",.-".contains(c))
    {
        return false;
    }
    // A run of one kanji repeated or ending in a counter word is no name.
    if name.ends_with([
        '等', '的', '外', '内', '中', '間', '毎', '別', '用', '型', '系',
    ]) {
        return false;
    }
    true
}

/// Every bare name standing before a follow pattern that makes it a candidate.
pub(super) fn subject_mentions(text: &str, follows: &AhoCorasick, out: &mut Vec<OrgMention>) {
    for m in follows.find_iter(text) {
        let (p, after) = (m.start(), m.end());
        let follow = FOLLOWS[m.pattern().as_usize()].1;
        // What follows is checked first: it is cheap and rules out most particles.
        if !follow_holds(text, follow, after) {
            continue;
        }
        let mut end = p;
        let mut place_note = false;
        // `○○(松山市)は`: the note in parentheses is skipped.
        if text[..end].ends_with(')') && !matches!(follow, Follow::CountNote) {
            let head = crate::text::window_before(text, end - 1, 60);
            if let Some(open) = head.rfind('(') {
                let note = &head[open + '('.len_utf8()..];
                place_note = note.ends_with(['市', '区', '町', '村', '県', '都', '府', '道'])
                    || note.starts_with("本社");
                end = end - 1 - (head.len() - open);
            }
        }
        let quoted = text[..end].ends_with('」');
        if quoted {
            continue; // the quoted generator reads 「」 names
        }
        let mut start = run_start(text, end, 24);
        if start == end && place_note && matches!(follow, Follow::Topic) {
            // `…を販売する紙匠ことぶき(岐阜市)が`: a name ending in kana, which the place
            // written after it marks as an organisation's.
            start = kana_tail_start(text, end)
                .or_else(|| kana_only_start(text, end))
                .unwrap_or(end);
        } else if start == end
            && (["は", "が"].contains(&&text[p..after]) && dated_topic(&text[after..])
                || matches!(follow, Follow::Attribution))
        {
            // `しまむらは5日、…と発表した`, `しまむらによると、`: a kana name opening its
            // sentence as the topic of a dated announcement or the source of the story.
            start = kana_only_start(text, end)
                .filter(|&s| {
                    text[..s]
                        .chars()
                        .next_back()
                        .is_none_or(|c| "。\n「".contains(c))
                })
                .unwrap_or(end);
        } else if place_note && matches!(follow, Follow::Topic) {
            // `衣料品通販のさくら屋(大阪市)は`: a name of kana and one or two kanji.
            start = kana_head_start(text, start, end).unwrap_or(start);
        }
        if start == end {
            continue;
        }
        if let Follow::LineLead = follow {
            // Only a run that opens its line (after a list mark): `■日田市、…`.
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            // `さくら保険サービス、顧客情報流出か`: a kana head opening the line is the name's.
            let head = super::runs::scan_backward(text, start, 6, is_hiragana);
            let kana = &text[head..start];
            if head >= line_start
                && head < start
                && (2..=6).contains(&kana.chars().count())
                && text[line_start..head].trim().is_empty()
                && text[start..end].chars().count() >= 2
                && !PARTICLE_ENDS.iter().any(|p| kana.ends_with(p))
                && !KANA_WORDS.iter().any(|w| kana.starts_with(w))
                && !["また", "なお", "さらに", "ただし", "しかし", "その", "この"]
                    .iter()
                    .any(|w| kana.starts_with(w))
            {
                start = head;
            }
            let lead = &text[line_start..start];
            if !lead
                .chars()
                .all(|c| c.is_whitespace() || "■□◆◇●○・▼▽▲△★☆*-【[(0123456789.".contains(c))
            {
                continue;
            }
        }
        if let Some(mention) = candidate(text, start, end, follow) {
            out.push(mention);
        }
    }
}

/// Where a name of one to four kanji and two to six kana that ends at `end` starts, when a
/// clause ends before it (a verb's `する`/`した`/`の`, punctuation or a line start).
fn kana_tail_start(text: &str, end: usize) -> Option<usize> {
    let hs = super::runs::scan_backward(text, end, 7, is_hiragana);
    let kana = text[hs..end].chars().count();
    if !(2..=6).contains(&kana) || PARTICLE_ENDS.iter().any(|p| text[hs..end].starts_with(p)) {
        return None;
    }
    let ks = super::runs::scan_backward(text, hs, 4, is_kanji);
    if ks == hs {
        return None;
    }
    let before = &text[..ks];
    let clause_end = before.is_empty()
        || before.ends_with(['、', '。', '\n', ' ', '「', '('])
        || ["する", "した", "の"].iter().any(|w| before.ends_with(w));
    // Kanji that run on before the four taken belong to a longer word: no name starts here.
    let runs_on = before.chars().next_back().is_some_and(is_kanji);
    (clause_end && !runs_on).then_some(ks)
}

/// Where a name of two to six hiragana and the one or two kanji of `run_start..end` starts
/// (`さくら屋`, `ひまわり堂`): after a noun's particle or a verb's ending, or at a clause's
/// start.
fn kana_head_start(text: &str, run_start: usize, end: usize) -> Option<usize> {
    if !(1..=2).contains(&text[run_start..end].chars().count()) {
        return None;
    }
    let mut hs = super::runs::scan_backward(text, run_start, 8, is_hiragana);
    // `通販のさくら屋`, `販売するさくら屋`: the particle or verb ending after the word before the
    // name is no part of it.
    let before_kana = text[..hs].chars().next_back();
    if before_kana.is_some_and(|c| is_kanji(c) || is_katakana(c)) {
        let ending = [
            "する", "した", "の", "は", "が", "を", "に", "で", "と", "も",
        ]
        .iter()
        .find(|w| text[hs..run_start].starts_with(**w))?;
        hs += ending.len();
    } else if !before_kana.is_none_or(|c| "、。\n 「(".contains(c)) {
        return None;
    }
    (2..=6)
        .contains(&text[hs..run_start].chars().count())
        .then_some(hs)
}

/// Where a name written in hiragana alone that ends at `end` starts (`しまむら(さいたま市)は`,
/// `衣料品大手のいろは(横浜市)が`): three to eight kana after a clause's start, or after the
/// particle or verb ending that closes the word before them. Only read before a place noted in
/// brackets, which marks the run as an organisation's name.
fn kana_only_start(text: &str, end: usize) -> Option<usize> {
    let mut hs = super::runs::scan_backward(text, end, 10, is_hiragana);
    let before = text[..hs].chars().next_back();
    if before.is_some_and(|c| is_kanji(c) || is_katakana(c)) {
        let ending = [
            "する", "した", "の", "は", "が", "を", "に", "で", "と", "も",
        ]
        .iter()
        .find(|w| text[hs..end].starts_with(**w))?;
        hs += ending.len();
    } else if !before.is_none_or(|c| "、。\n 　「(".contains(c)) {
        return None;
    }
    let kana = &text[hs..end];
    ((3..=8).contains(&kana.chars().count())
        && !PARTICLE_ENDS.iter().any(|p| kana.starts_with(p))
        && !KANA_WORDS.iter().any(|w| kana.ends_with(w)))
    .then_some(hs)
}

/// Whether `rest` (after a topic's は) opens with a day and a comma (`5日、`, `12日,`).
fn dated_topic(rest: &str) -> bool {
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..=2).contains(&digits)
        && (rest[digits..].starts_with("日、") || rest[digits..].starts_with("日,"))
}

/// Hiragana words a clause ends or is made of that are no name (`これ`, `ところ`).
const KANA_WORDS: &[&str] = &[
    "これ",
    "それ",
    "あれ",
    "どれ",
    "ここ",
    "そこ",
    "ところ",
    "こと",
    "もの",
    "ため",
    "うち",
    "ほか",
    "とき",
    "わたし",
    "われわれ",
    "みなさま",
    "みなさん",
];

/// Particles that never open a name's kana (`の紙匠`: the name starts after them).
const PARTICLE_ENDS: &[&str] = &["の", "は", "が", "を", "に", "で", "と", "も"];

/// Leak words inside a run make it a description (`情報漏洩`, `顧客データ流出`), not a name.
const LEAK_WORDS: &[&str] = &["漏洩", "漏えい", "流出", "紛失", "盗難", "誤送信"];

fn candidate(text: &str, start: usize, end: usize, follow: Follow) -> Option<OrgMention> {
    let raw = text.get(start..end)?;
    // A list number before the name (`1.`, `2)`) is not part of it.
    let digits = raw.len() - raw.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let raw = if digits > 0 && raw[digits..].starts_with(['.', ')']) {
        &raw[digits + 1..]
    } else {
        raw
    };
    // `Q住所なども流出したのですか?`: a question-and-answer mark opening a line.
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let opens_line = text[line_start..start]
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '-' | '・' | '*' | '●' | '■'));
    let raw = match raw.strip_prefix(['Q', 'A']) {
        Some(rest) if opens_line && rest.starts_with(|c: char| is_kanji(c) || is_hiragana(c)) => {
            rest
        }
        _ => raw,
    };
    if LEAK_SET.found_in(raw) {
        return None;
    }
    let name = strip_descriptors(raw);
    let name = name.trim_matches(|c: char| "・-._ ".contains(c));
    if !acceptable(name) {
        return None;
    }
    let start = end - name.len();
    if text.get(start..end) != Some(name) {
        return None;
    }
    if super::bare::names_a_machine_after(text, end) {
        return None;
    }
    // `○○大`: a university's short name (愛媛大, 文化学園大) before a particle or a note.
    let kind = if is_authority(name) || police_name(name) {
        OrgKind::Government
    } else if name.ends_with('大') && name.chars().count() >= 3 {
        OrgKind::University
    } else if CORPORATE_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        OrgKind::CorporateSuffix
    } else {
        OrgKind::Bare
    };
    let cue = match follow {
        Follow::Target | Follow::Place => VictimCue::AttackTarget,
        Follow::LineLead => VictimCue::Heading,
        _ => VictimCue::None,
    };
    Some(OrgMention {
        start,
        end,
        core: core_name(name),
        name: name.to_string(),
        kind,
        cue,
        relation_hint: None,
    })
}

/// Whether an owned noun starts at `at` (`元社員`, `の顧客` without the の).
pub(super) fn owned_noun_at(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    OWNED.iter().any(|o| rest.starts_with(o))
}

/// Whether `s` is Latin words separated by single spaces (`Safari Lounge`).
pub(super) fn latin_words(s: &str) -> bool {
    s.split(' ')
        .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_graphic()))
}

/// `X(以下「Y」という)` / `X(以下、Y)`: a name the document defines a short form for, and the
/// short form itself.
pub(super) fn definition_mentions(text: &str, out: &mut Vec<OrgMention>) {
    for (i, _) in text.match_indices("(以下") {
        // The short form: `(以下「中災防」)`, `(以下、富士通コールセンター)`.
        let def_start = i + "(以下".len();
        let def = &text[def_start..];
        let skip = def.len() - def.trim_start_matches(['、', ',', ' ', '「', '『']).len();
        let ds = def_start + skip;
        let de = ds
            + text[ds..]
                .char_indices()
                .find(|&(_, c)| !name_run_char(c))
                .map_or(text.len() - ds, |(k, _)| k);
        let short = &text[ds..de];
        if acceptable(short) && de - ds <= 60 {
            out.push(OrgMention {
                start: ds,
                end: de,
                core: core_name(short),
                name: short.to_string(),
                kind: OrgKind::Bare,
                cue: VictimCue::None,
                relation_hint: None,
            });
        }
        let start = run_start(text, i, 30);
        if start == i {
            continue;
        }
        let raw = &text[start..i];
        // Legal-form names are found by their anchors; this adds names without one.
        let name = strip_descriptors(raw);
        let name = name.trim_matches(|c: char| "・-._ ".contains(c));
        if !acceptable(name) {
            continue;
        }
        let s = i - name.len();
        if text.get(s..i) != Some(name) {
            continue;
        }
        out.push(OrgMention {
            start: s,
            end: i,
            core: core_name(name),
            name: name.to_string(),
            kind: OrgKind::Bare,
            cue: VictimCue::None,
            relation_hint: None,
        });
    }
}

/// The first name of a list item's line (`・JR西日本「…」`, `2007/3/2 首都高 メール…`,
/// `(3) 青葉市`): the subject an item of a digest, a 事件簿 or a list opens with.
pub(super) fn item_head_mentions(text: &str, out: &mut Vec<OrgMention>) {
    let mut at = 0usize;
    for line in text.split('\n') {
        let start = at;
        at += line.len() + 1;
        let Some(marker) = crate::lists::line_marker(line) else {
            continue;
        };
        let lead = line.len() - line.trim_start_matches([' ', '\u{3000}', '\t']).len();
        let body = &line[lead..];
        // Past the marker: a symbol, a number, a rank or a date, and the spaces after it.
        let rest = match marker {
            crate::lists::Marker::Symbol(c) => body.strip_prefix(c).unwrap_or(body),
            _ => body.trim_start_matches(|c: char| {
                c.is_ascii_digit() || "第位年月日/.:()()①②③④⑤⑥⑦⑧⑨⑩ ".contains(c)
            }),
        };
        let rest = rest.trim_start_matches([' ', '\u{3000}', ':', '】']);
        let s = start + (line.len() - rest.len());
        let e = s + rest
            .char_indices()
            .find(|&(_, c)| !name_run_char(c))
            .map_or(rest.len(), |(k, _)| k);
        let name = &text[s..e];
        // A heading word (`概要`, `経緯`) is no name; the model weighs the rest.
        if e > s && acceptable(name) && !name.chars().all(is_kanji)
            || (e > s
                && name.chars().all(is_kanji)
                && acceptable(name)
                && matches!(marker, crate::lists::Marker::Date))
        {
            out.push(OrgMention {
                start: s,
                end: e,
                core: core_name(name),
                name: name.to_string(),
                kind: OrgKind::Bare,
                cue: VictimCue::Heading,
                relation_hint: None,
            });
        }
    }
}

/// The name after a ▽ of an inline list (`…▽白浜大(白浜市)。`): the list's last item has
/// no separator after it.
pub(super) fn list_item_mentions(text: &str, out: &mut Vec<OrgMention>) {
    for (at, sep) in text.match_indices('▽') {
        let s = at + sep.len();
        let e = s + text[s..]
            .char_indices()
            .find(|&(_, c)| !name_run_char(c))
            .map_or(text.len() - s, |(k, _)| k);
        if e == s {
            continue;
        }
        if let Some(m) = candidate(text, s, e, Follow::ListSeparator) {
            out.push(m);
        }
    }
}

/// `第3位 X(2019年)` / `1位:X`: the name that heads a ranking entry.
pub(super) fn ranking_mentions(text: &str, out: &mut Vec<OrgMention>) {
    for (i, _) in text.match_indices('位') {
        let head = crate::text::window_before(text, i, 12);
        let line_start = head.rfind('\n').map_or(0, |k| k + 1);
        let lead = head[line_start..].trim_start_matches([' ', '\u{3000}', '【', '[', '■', '第']);
        if lead.is_empty() || !lead.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let after = i + '位'.len_utf8();
        let rest = &text[after..];
        let skip = rest.len()
            - rest
                .trim_start_matches([' ', ':', '】', ']', '\u{3000}', '.'])
                .len();
        let s = after + skip;
        let mut e = s;
        for (k, c) in text[s..].char_indices() {
            if k > 90
                || !(name_run_char(c)
                    || (c == ' '
                        && text[s + k + 1..].starts_with(|x: char| x.is_ascii_alphabetic())))
            {
                break;
            }
            e = s + k + c.len_utf8();
        }
        let name = text[s..e].trim_end();
        if acceptable(name) {
            out.push(OrgMention {
                start: s,
                end: s + name.len(),
                core: core_name(name),
                name: name.to_string(),
                kind: OrgKind::Bare,
                cue: VictimCue::Heading,
                relation_hint: None,
            });
        }
    }
}

/// How many non-empty lines at the top and at the bottom are header and signature.
const HEADER_LINES: usize = 4;
const SIGNATURE_LINES: usize = 6;

/// A line that holds only a name (and perhaps its department) near the top or at the end: the
/// issuer of a notice (`長野日報社`, `青葉市 総務部 情報政策課`).
pub(super) fn header_and_signature_mentions(text: &str, out: &mut Vec<OrgMention>) {
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .scan(0usize, |pos, l| {
            let at = *pos;
            *pos += l.len() + 1;
            Some((at, l))
        })
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let mut lines = lines;
    // A signature run into the last line after its final sentence: `…お詫び申し上げます。 X社`.
    if let Some(&(at, line)) = lines.last() {
        if let Some(i) = line.rfind('。') {
            let tail = &line[i + '。'.len_utf8()..];
            if !tail.trim().is_empty() {
                lines.push((at + i + '。'.len_utf8(), tail));
            }
        }
    }
    let n = lines.len();
    for (k, &(at, line)) in lines.iter().enumerate() {
        if k >= HEADER_LINES && k + SIGNATURE_LINES < n {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.chars().count() > 40 {
            continue;
        }
        // The first word of the line, up to a space or the end.
        let word_end = body.find([' ', '\u{3000}', '\t']).unwrap_or(body.len());
        let word = &body[..word_end];
        if word.len() != body.len() && !latin_words(body) {
            // The rest must be department words or a date: `青葉市 総務部 情報政策課`.
            let rest = body[word_end..].trim();
            let dept = rest.split_whitespace().all(|w| {
                super::DEPARTMENT_WORDS
                    .iter()
                    .chain(&["事務局", "担当", "広報"])
                    .any(|d| w.ends_with(d))
                    || w.chars().any(|c| c.is_ascii_digit())
            });
            if !dept {
                continue;
            }
        }
        let word = if latin_words(body) { body } else { word };
        if !(word.chars().all(|c| name_run_char(c) || c == ' ') || kana_led_organisation(word))
            || !acceptable(word)
        {
            continue;
        }
        let s = at + lead;
        out.push(OrgMention {
            start: s,
            end: s + word.len(),
            core: core_name(word),
            name: word.to_string(),
            kind: if police_name(word) || is_authority(word) {
                OrgKind::Government
            } else {
                OrgKind::Bare
            },
            cue: VictimCue::None,
            relation_hint: None,
        });
    }
}

/// Police forces and their stations: 香川県警, 警視庁, 高松北警察署.
pub fn police_name(name: &str) -> bool {
    ["県警", "府警", "道警", "警視庁", "警察署", "警察本部", "署"]
        .iter()
        .any(|s| name.ends_with(s))
}

/// Whether a 「」 name reads as a name (not a phrase): few hiragana, no sentence marks.
/// A mostly-hiragana name is allowed when the text has already said it is a company's
/// (`通販会社「ゆめみ堂」`).
pub(super) fn quoted_name_like(inner: &str, introduced_as_company: bool) -> bool {
    let n = inner.chars().count();
    let hira = inner.chars().filter(|&c| is_hiragana(c)).count();
    !names_an_event(inner)
        && (2..=30).contains(&n)
        && (hira * 3 <= n || introduced_as_company || kana_led_organisation(inner))
        && !inner.contains(['、', '。', '?', '!', '~'])
        && inner
            .chars()
            .any(|c| is_kanji(c) || is_katakana(c) || c.is_ascii_alphabetic())
}

/// A name whose hiragana lead is followed by name characters ending in an organisation's
/// suffix (`まちなみ総研`, `みすず野新報社`): the suffix makes the kana part of a name, not a
/// phrase.
fn kana_led_organisation(name: &str) -> bool {
    let rest = name.trim_start_matches(is_hiragana);
    let lead = name.chars().take_while(|&c| is_hiragana(c)).count();
    (1..=6).contains(&lead)
        && rest.chars().count() >= 2
        && rest.chars().all(name_run_char)
        && super::words::ends_with_organisation_suffix(name)
}

/// Whether a quoted name ends in an event word (`data/lexicon/event_nouns.txt`):
/// 「青葉川クリーン作戦」, 「秋の防災フェア」 name what was held, not an organisation.
fn names_an_event(inner: &str) -> bool {
    static WORDS: crate::lexicon::WordFile =
        crate::lexicon::WordFile::new(include_str!("../../data/lexicon/event_nouns.txt"));
    WORDS
        .words()
        .iter()
        .any(|w| inner.ends_with(w) && inner.chars().count() > w.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_events_are_no_names() {
        assert!(!quoted_name_like("みなと川クリーン作戦", false));
        assert!(!quoted_name_like("秋の防災フェア", false));
        assert!(!quoted_name_like("市民公開講座", false));
        assert!(quoted_name_like("ミドリ通販", false));
        assert!(quoted_name_like("ソヨカゼマート", false));
    }

    #[test]
    fn a_hiragana_name_is_a_name_once_introduced_as_a_company() {
        assert!(!quoted_name_like("ゆめみ堂", false));
        assert!(quoted_name_like("ゆめみ堂", true));
        // Still no phrase: sentence marks are never in a name.
        assert!(!quoted_name_like("ありがとう。", true));
        // A kana lead before an organisation's suffix is part of its name.
        assert!(quoted_name_like("まちなみ総研", false));
        assert!(!quoted_name_like("よろしくお願い", false));
    }

    fn names(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        subject_mentions(text, &follow_automaton(), &mut out);
        out.into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn a_hiragana_name_stands_before_a_place_a_dated_topic_or_a_citation() {
        for text in [
            "しまむら(さいたま市)は5日、発表した。",
            "衣料品大手のしまむら(さいたま市)が5日、発表した。",
            "しまむらは5日、書類を紛失したと発表した。",
            "しまむらが5日、明らかにした。",
            "しまむらによると、従業員が紛失した。",
        ] {
            let n = names(text);
            assert!(n.contains(&"しまむら".to_string()), "{text}: {n:?}");
        }
        // Pronouns and nouns of kana are none; nor is a run after a word it continues, nor a
        // topic without a date.
        for text in [
            "これによると、従業員が紛失した。",
            "ところ(東京都)は5日、発表した。",
            "しまむらは、書類を紛失したと発表した。",
        ] {
            let n = names(text);
            assert!(
                !n.iter().any(|x| x.chars().all(is_hiragana)),
                "{text}: {n:?}"
            );
        }
    }

    #[test]
    fn data_leaks_from_the_name_before_kara_only_as_the_clause_says() {
        assert!(data_leaked_from(
            "顧客情報約3千件が外部に流出した可能性がある。"
        ));
        assert!(data_leaked_from("会員のデータが漏えいした。"));
        // A warning or a report received from it; a leak told in a later clause.
        assert!(!data_leaked_from(
            "カード情報の漏えいの懸念を伝えられ、調査した。"
        ));
        assert!(!data_leaked_from(
            "連絡を受け、情報が流出したことが分かった。"
        ));
        assert!(!data_leaked_from("委託を受けた会社から情報が流出した。"));
        let n = names("KDテクノから顧客情報約3千件が外部に流出した。");
        assert!(n.contains(&"KDテクノ".to_string()), "{n:?}");
        let n = names("KDテクノから連絡があり、情報の流出が分かった。");
        assert!(!n.contains(&"KDテクノ".to_string()), "{n:?}");
    }

    #[test]
    fn a_kana_head_opening_a_headline_s_lead_is_the_name_s() {
        let n = names("ひばり温泉、顧客情報1万件流出か\n同社によると、流出した。");
        assert!(n.contains(&"ひばり温泉".to_string()), "{n:?}");
        // A conjunction or a particle opening the line is no head.
        let n = names("また個人情報、全件を回収した。\nこの温泉、予約情報が流出した。");
        assert!(!n.iter().any(|x| x.starts_with(is_hiragana)), "{n:?}");
    }

    #[test]
    fn what_a_system_is_for_is_no_name() {
        // A run straight into a system noun, or before a verb of use, names a purpose.
        assert!(names("■シラサギ物流、在庫照会サーバーにランサムウェア")
            .iter()
            .all(|n| n != "在庫照会"));
        assert!(names("在庫照会に使うサーバーがランサムウェアに感染した。").is_empty());
        // The owner before の, and a target before an attack word, stay names.
        assert_eq!(
            names("シラサギ物流のサーバーがランサムウェアに感染した。"),
            vec!["シラサギ物流"]
        );
        assert_eq!(
            names("シラサギ物流に不正アクセスがあった。"),
            vec!["シラサギ物流"]
        );
    }

    #[test]
    fn topics_and_sources_of_news_sentences() {
        assert_eq!(
            names("北浜県警が12日、書類を紛失したと発表した。"),
            vec!["北浜県警"]
        );
        assert_eq!(
            names("月見酒造によると、サーバーが暗号化された。"),
            vec!["月見酒造"]
        );
        assert_eq!(
            names("Safari Shopは、不正アクセスを受けた。"),
            vec!["Safari Shop"]
        );
    }

    #[test]
    fn owners_targets_and_places_need_their_words() {
        assert_eq!(names("青葉大(青葉市)の学生の情報"), vec!["青葉大"]);
        assert_eq!(names("ミドリ商会に不正アクセス"), vec!["ミドリ商会"]);
        assert!(names("ミドリ商会に連絡した").is_empty());
        assert_eq!(names("ソラテックで個人情報が流出"), vec!["ソラテック"]);
    }

    #[test]
    fn references_counts_and_common_nouns_are_not_names() {
        assert!(names("同社は12日、発表した。").is_empty());
        assert!(names("原因は調査中。").is_empty());
        assert!(names("3社が被害を受けた。").is_empty());
        assert!(names("2024年には不正アクセスが").is_empty());
    }

    #[test]
    fn definitions_and_signatures_name_the_issuer() {
        let mut out = Vec::new();
        definition_mentions("この度、緑十字会(以下「当会」)への寄付", &mut out);
        header_and_signature_mentions("お知らせ\n本文です。\n\n以上\n青葉日報社\n", &mut out);
        let names: Vec<_> = out.into_iter().map(|m| m.name).collect();
        assert_eq!(names, vec!["緑十字会", "青葉日報社"]);
        // A kana-led signature run into the last line, after the final sentence.
        let mut out = Vec::new();
        header_and_signature_mentions(
            "サーバーが暗号化されました。深くおわび申し上げます。 ことぶき野日報社",
            &mut out,
        );
        let names: Vec<_> = out.into_iter().map(|m| m.name).collect();
        assert_eq!(names, vec!["ことぶき野日報社"]);
    }

    #[test]
    fn descriptions_made_of_common_nouns_are_no_names() {
        assert!(made_of_common_nouns("コンピューターウイルス"));
        assert!(made_of_common_nouns("セキュリティーコード"));
        assert!(made_of_common_nouns("捜査対象"));
        assert!(made_of_common_nouns("コンテンツ配信ネットワーク"));
        assert!(made_of_common_nouns("サーバー感染"));
        assert!(made_of_common_nouns("システム障害"));
        assert!(!made_of_common_nouns("月見酒造"));
        // Descriptions: headings, reporting words with numbers, ranks; a name stays a name.
        assert!(is_description("重要"));
        assert!(is_description("被害規模ワースト3"));
        assert!(is_description("調査中・不明等"));
        assert!(is_description("巡査長"));
        assert!(!is_description("3月見酒造"));
        assert!(!is_description("ワースト商会"));
        assert!(!made_of_common_nouns("重要"));
        assert!(!made_of_common_nouns("ソラノテック"));
    }

    /// The word split by substring lookups, as it was before the automaton: the reference.
    fn made_of_common_nouns_by_lookup(name: &str) -> bool {
        let words = common_nouns();
        let bounds: Vec<usize> = name
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(name.len()))
            .collect();
        let mut reach = vec![false; bounds.len()];
        reach[0] = true;
        for a in 0..bounds.len() {
            if !reach[a] {
                continue;
            }
            if a > 0 && name[bounds[a]..].starts_with(['・', '-', ' ', 'の']) {
                reach[a + 1] = true;
            }
            for b in a + 1..bounds.len().min(a + 13) {
                if words.contains(&name[bounds[a]..bounds[b]]) {
                    reach[b] = true;
                }
            }
        }
        reach[bounds.len() - 1]
    }

    #[test]
    fn the_automaton_split_agrees_with_lookups() {
        let mut nouns: Vec<&str> = common_nouns().iter().copied().collect();
        nouns.sort_unstable();
        let sample: Vec<&str> = nouns
            .iter()
            .step_by(nouns.len() / 40 + 1)
            .copied()
            .collect();
        let mut checked = 0;
        for a in &sample {
            for b in &sample {
                for joint in ["", "の", "・", "x", "社"] {
                    for tail in ["", "の", "会"] {
                        let name = format!("{a}{joint}{b}{tail}");
                        assert_eq!(
                            made_of_common_nouns(&name),
                            made_of_common_nouns_by_lookup(&name),
                            "{name}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000);
        assert_eq!(made_of_common_nouns(""), made_of_common_nouns_by_lookup(""));
    }

    #[test]
    fn a_line_lead_opens_a_line() {
        assert_eq!(names("■日向市、名簿が流出\n"), vec!["日向市"]);
        assert!(names("本文の途中で日向市、と書く").is_empty());
    }
}
