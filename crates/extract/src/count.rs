//! Owns affected counts: every `qualifier? number unit qualifier?` in the text (digits with
//! commas, 漢数字, 万/億; 約/最大/最大で約/以上/超/余り/程度; 件/名/人/社/先/世帯/団体/名分/人分),
//! and the choice of the count stated for a victim.
//!
//! Rules propose, a trained model decides: the finder rejects outright only what can never be
//! an affected count (ordinals, zero, 一人-style wording, distributive phrases); every other
//! reason to doubt a count (a statistic, a tally of incidents, persons arrested, a sentence
//! without data words) and every reason to trust one (計/合計, 〜人分, data named after it)
//! is a cue. In a victim's block, the mentions of each value become one candidate whose
//! features are its best mention's cues, where it stands (distance to the victim, title, list
//! item) and how it compares with the other values (largest, ratio to the largest); a "no
//! count" candidate stands beside them. The count ranker (`Models::count`, trained by
//! `leakwatch train` on the gold victims' blocks) scores them and the best wins. An untrained
//! ranker scores every candidate alike, and the order below decides: the largest count
//! without doubt, then no count, then doubted counts.

use crate::context::VictimContext;
use crate::learn::linear::{Features, LinearModel};
use crate::lexicon::mark;
use crate::text::{window_after, window_before};
use leakwatch_jatext::parse_japanese_number;
use leakwatch_model::{AffectedCount, CountQualifier, Field};
use regex::Regex;

/// One written count.
#[derive(Debug, Clone, PartialEq)]
pub struct CountCandidate {
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub value: u64,
    pub qualifier: CountQualifier,
    pub unit: String,
    /// Why this candidate can never be an affected count (None: usable).
    pub rejected: Option<&'static str>,
    /// What the words around it say for and against it (feature names, `cue.…`).
    pub cues: Vec<&'static str>,
}

/// Cues that doubt a count: a candidate with one of them is not chosen by an untrained ranker
/// (the behaviour of the hand rules the ranker replaced).
const DOUBTS: &[&str] = &[
    CUE_STAT_WORD,
    CUE_TALLY,
    CUE_STAT_CLAUSE,
    CUE_ORG_NO_DATA,
    CUE_ARREST_SENTENCE,
    CUE_ENUMERATION,
    CUE_NO_DATA_WORDS,
    CUE_SIZE_OF_BASE,
];

const CUE_STAT_WORD: &str = "cue.statistic_word_before";
const CUE_TALLY: &str = "cue.counts_incidents";
const CUE_STAT_CLAUSE: &str = "cue.statistics_clause";
const CUE_ORG_NO_DATA: &str = "cue.organisations_without_data";
const CUE_ARREST_SENTENCE: &str = "cue.arrest_sentence";
const CUE_ARREST_CLAUSE: &str = "cue.arrest_clause";
const CUE_ENUMERATION: &str = "cue.enumerating_cases";
const CUE_NO_DATA_WORDS: &str = "cue.no_data_words";
const CUE_SIZE_OF_BASE: &str = "cue.size_of_base";
const CUE_TOTAL: &str = "cue.total";
const CUE_PART: &str = "cue.part_of_total";
const CUE_PER_SUBJECT: &str = "cue.per_subject_unit";
const CUE_DATA_AFTER: &str = "cue.data_named_after";
const CUE_LEAK_AFTER: &str = "cue.leak_verb_after";
const CUE_PARENS: &str = "cue.in_parentheses";
const CUE_FOLLOW_UP: &str = "cue.follow_up_action";
const CUE_RECIPIENTS: &str = "cue.recipients";
const CUE_HEDGED_SENTENCE: &str = "cue.hedged_sentence";
const CUE_CONFIRM_SENTENCE: &str = "cue.confirm_sentence";
const CUE_LEAK_SENTENCE: &str = "cue.leak_sentence";
const CUE_LIST_ITEM: &str = "cue.list_item";
const CUE_OTHER_SUBJECT: &str = "cue.other_subject_after";
const CUE_MESSAGES: &str = "cue.messages_sent";
const CUE_OCCURRENCES: &str = "cue.occurrences";
const CUE_BREAKDOWN: &str = "cue.under_breakdown";

/// The people an organisation has (`同社の通販会員は約85万人。`): said of them with は and no
/// verb before, in a sentence about no leak, a count is the size of its base.
const BASE_NOUNS: &[&str] = &[
    "会員",
    "顧客",
    "利用者",
    "契約者",
    "加入者",
    "従業員",
    "社員",
    "職員",
    "組合員",
    "生徒",
    "学生",
    "児童",
    "住民",
    "市民",
    "町民",
    "患者",
    "ユーザー",
];
/// Words after a count that tell it was an earlier report's figure, since replaced.
const SUPERSEDED: &[&str] = &[
    "お知らせしておりましたが",
    "お知らせいたしましたが",
    "お知らせしていましたが",
    "公表しておりましたが",
    "公表いたしましたが",
    "公表していましたが",
    "ご報告しておりましたが",
    "発表していましたが",
    "発表していたが",
    "としておりましたが",
    "としていましたが",
    "としていたが",
];

/// Words before a count that make it a statistic or a tally, not affected records.
const STAT_WORDS_BEFORE: &[&str] = &[
    "人口",
    "ページ",
    "記事",
    "閲覧数",
    "出荷",
    "事故は",
    "事故が",
    "事案が",
    "事案は",
    "案件",
    "記事は",
    "件数は",
    "社数は",
    "平均",
    "従業員数",
    "社員数",
    "職員数",
    "会員数は",
    "世帯数",
];
/// Words after a count (in its clause) that make it a count of incidents or articles.
const TALLY_WORDS: &[&str] = &[
    "事故",
    "事案",
    "記事",
    "インシデント",
    "案件",
    "ニュース",
    "ピックアップ",
    "取り上げ",
    "紹介",
];
/// Words of a statistics clause.
const STAT_CLAUSE_WORDS: &[&str] = &[
    "%",
    "前年",
    "構成比",
    "過去最多",
    "平均",
    "推移",
    "前月",
    "割合",
    "上場企業",
];
/// Words of arrests, disciplinary actions and lawsuits (persons who act or are acted on, not
/// data subjects: `元会員8人が損害賠償を求めた`).
const ARREST_WORDS: &[&str] = &[
    "損害賠償",
    "提訴",
    "原告",
    "逮捕",
    "容疑",
    "書類送検",
    "懲戒",
    "処分",
    "送検",
    "減給",
    "停職",
    "戒告",
    "訓告",
    "免職",
];
/// Words before a count that make it a total (`計1,801人`, `総数は…`, `合わせて`).
const TOTAL_BEFORE: &[&str] = &[
    "総数",
    "合計",
    "合わせて",
    "あわせて",
    "全体で",
    "総計",
    "計",
];
/// Words before a count that make it a part of a larger number (`うち`, `内訳`).
const PART_BEFORE: &[&str] = &["うち", "内訳", "内、", "その内"];
/// Words right after a count that name the leaked data (`1,234人分の氏名`).
const DATA_AFTER: &[&str] = &[
    "の個人情報",
    "の情報",
    "のデータ",
    "の顧客",
    "の氏名",
    "の名前",
    "のメールアドレス",
    "の住所",
    "の会員",
    "の利用者",
    "の患者",
    "の従業員",
    "の取引先",
    "の個人",
    "の名簿",
    "のカード",
    "のクレジットカード",
    "の口座",
    "のアカウント",
];
/// Leak verbs in the clause after a count (`…件が流出`).
const LEAK_AFTER: &[&str] = &[
    "流出",
    "漏えい",
    "漏洩",
    "漏れ",
    "閲覧可能",
    "閲覧でき",
    "盗まれ",
    "窃取",
    "紛失",
    "誤送信",
    "誤送付",
    "不正利用",
    "被害",
    "影響",
];
/// Follow-up actions counted in the clause after a count (contacted, recovered, deleted):
/// a subset of the affected, not their number.
const FOLLOW_UP_AFTER: &[&str] = &[
    "回収",
    "連絡がつ",
    "連絡が取れ",
    "削除を確認",
    "削除済",
    "返却",
    "返還",
    "謝罪",
    "お詫び",
    "問い合わせ",
    "問合せ",
    "相談",
    "連絡を取",
    "連絡し",
];
/// Messages sent through a hijacked account or by an attacker (`迷惑メール1,553件`): counted
/// mails, not records.
const MESSAGE_WORDS: &[&str] = &[
    "迷惑メール",
    "スパム",
    "不審なメール",
    "不審メール",
    "フィッシングメール",
    "なりすましメール",
    "メールが送信",
    "メールを送信",
];
/// Verbs of existence right after a count (`ほか2件あった`, `3件発生`): cases, not records.
const OCCURRENCE_AFTER: &[&str] = &["あった", "あり", "ありました", "発生", "起き", "相次"];
/// Words after a count that make its subjects the receivers of a mail or a letter.
const RECIPIENTS_AFTER: &[&str] = &["に送信", "に送付", "に誤送信", "に対し", "にメール", "宛て"];
/// Subjects that are not data subjects (`職員2人`, `社員1名が`).
const OTHER_SUBJECT_AFTER: &[&str] = &["が逮捕", "を逮捕", "を処分", "を懲戒", "が関与"];

pub struct CountFinder {
    re: Regex,
}

impl CountFinder {
    pub fn new() -> CountFinder {
        let re = Regex::new(
            r"(?x)
            (?P<pre>最大で約|最大約|最大で|最大|少なくとも約|少なくとも|最低でも約|最低でも|約|およそ|概ね|推定|推計|計|合計|総計|全)?\s*
            (?P<num>\d[\d,]*(?:\.\d+)?(?:\s*[千百十万億]\s*(?:\d[\d,]*)?)*|[〇一二三四五六七八九十百千万億]+)\s*
            (?P<unit>件分|名分|人分|世帯分|団体分|件|名|人|社|先|世帯|団体|アカウント)
            (?P<post>以上|超え|超|余り|余|程度|前後|強|を超える|を超え)?",
        )
        .expect("count regex");
        CountFinder { re }
    }

    /// Every count in the text, with its rejection reason if any and its cues.
    pub fn find(&self, scan: &crate::scan::DocScan) -> Vec<CountCandidate> {
        let text = scan.text;
        let mut out = Vec::new();
        for caps in self.re.captures_iter(text) {
            let (Some(whole), Some(num), Some(unit)) =
                (caps.get(0), caps.name("num"), caps.name("unit"))
            else {
                continue;
            };
            let Some(sentence) = scan.layout.sentence_at(num.start()) else {
                continue;
            };
            let raw: String = num
                .as_str()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let Some(value) = parse_japanese_number(&raw) else {
                continue;
            };
            let pre = caps.name("pre").map(|m| m.as_str()).unwrap_or("");
            let post = caps.name("post").map(|m| m.as_str()).unwrap_or("");
            let qualifier = qualifier_of(pre, post);
            let per_subject = unit.as_str().ends_with('分');
            let unit_s = unit.as_str().trim_end_matches('分');
            let at = Site {
                whole_start: whole.start(),
                num_start: num.start(),
                unit_end: unit.end(),
                sentence,
            };
            let rejected = rejection(scan, &at, unit_s, value, &raw);
            let mut cues = cues(scan, &at, unit_s, value);
            if per_subject {
                cues.push(CUE_PER_SUBJECT);
            }
            if matches!(pre, "計" | "合計" | "総計" | "全") && !cues.contains(&CUE_TOTAL) {
                cues.push(CUE_TOTAL);
            }
            out.push(CountCandidate {
                start: whole.start(),
                end: whole.end(),
                sentence,
                value,
                qualifier,
                unit: unit_s.to_string(),
                rejected,
                cues,
            });
        }
        out
    }
}

impl Default for CountFinder {
    fn default() -> Self {
        CountFinder::new()
    }
}

fn qualifier_of(pre: &str, post: &str) -> CountQualifier {
    if pre.starts_with("最大") {
        CountQualifier::Max
    } else if pre.starts_with("少なくとも")
        || pre.starts_with("最低でも")
        || matches!(
            post,
            "以上" | "超え" | "超" | "余り" | "余" | "強" | "を超える" | "を超え"
        )
    {
        CountQualifier::AtLeast
    } else if matches!(pre, "約" | "およそ" | "概ね" | "推定" | "推計")
        || matches!(post, "程度" | "前後")
    {
        CountQualifier::Approx
    } else {
        CountQualifier::Exact
    }
}

/// Where a count stands: the start of the whole match (qualifier included), of the number,
/// the end of the unit, and its sentence.
struct Site {
    whole_start: usize,
    num_start: usize,
    unit_end: usize,
    sentence: usize,
}

/// Why a count can never be an affected count.
fn rejection(
    scan: &crate::scan::DocScan,
    at: &Site,
    unit: &str,
    value: u64,
    raw: &str,
) -> Option<&'static str> {
    let text = scan.text;
    let before = window_before(text, at.num_start, 24);
    let after = window_after(text, at.unit_end, 45);
    if after.starts_with('目') {
        return Some("ordinal (件目)");
    }
    if before.ends_with('第') || before.ends_with("第 ") {
        return Some("ordinal (第)");
    }
    if value == 0 {
        return Some("zero");
    }
    // `数千世帯分`, `数百件`: some thousands, no stated number.
    if before.ends_with('数') {
        return Some("vague number (数千, 数百)");
    }
    if scan.has(at.sentence, crate::lexicon::mark::RELATED) {
        return Some("a related article's headline");
    }
    if raw
        .chars()
        .all(|c| "〇一二三四五六七八九十百千".contains(c))
        && value < 10
        && unit != "社"
    {
        return Some("small kanji number (一人, 二名): wording, not a count");
    }
    // `第1報では「最大約7,000名」とお知らせしておりましたが、…確定いたしました`: a figure an
    // earlier report gave, since replaced.
    let clause_after = after.split('。').next().unwrap_or("");
    if SUPERSEDED.iter().any(|p| clause_after.contains(p)) {
        return Some("a figure an earlier report gave, since replaced");
    }
    if ["とも", "中", "ずつ", "あたり", "当たり", "に1", "に一"]
        .iter()
        .any(|p| after.starts_with(p))
    {
        return Some("distributive or partial phrase");
    }
    if denies_its_leak(scan, at) {
        return Some("its sentence denies that what it counts leaked");
    }
    None
}

/// Whether the rest of the count's sentence says that what it counts did not leak (`約1万8,000名
/// のお客様の住所等の情報につきましては、調査の結果、漏洩の事実は確認されておりません`), with no
/// word of a leak between the count and the denial (`約1,200件が流出した可能性がありますが、
/// カード情報の流出は確認されておりません` counts the leak).
fn denies_its_leak(scan: &crate::scan::DocScan, at: &Site) -> bool {
    let Some(sentence) = scan.layout.sentences.get(at.sentence) else {
        return false;
    };
    let rest = scan.text.get(at.unit_end..sentence.end).unwrap_or("");
    let denial = ["漏洩", "漏えい", "流出"].iter().find_map(|leak| {
        let i = rest.find(leak)?;
        let tail = rest[i + leak.len()..]
            .trim_start_matches(['の', 'し', 'た'])
            .trim_start_matches("事実")
            .trim_start_matches("形跡")
            .trim_start_matches("痕跡")
            .trim_start_matches("こと")
            .trim_start_matches(['は', 'が', 'も']);
        [
            "確認されておりません",
            "確認されていません",
            "確認されていない",
            "認められておりません",
            "認められません",
            "ありません",
            "ない",
        ]
        .iter()
        .any(|n| tail.starts_with(n))
        .then_some(i)
    });
    denial.is_some_and(|i| {
        let between = &rest[..i];
        !["流出し", "漏えいし", "漏洩し", "可能性", "おそれ", "恐れ"]
            .iter()
            .any(|w| between.contains(w))
    })
}

/// The clause of the text around a position: from the last clause break before `start` to
/// the first after `end` (breaks: 、 。 and line ends), limited to a window.
fn clause_parts(text: &str, start: usize, end: usize) -> (&str, &str) {
    let before = window_before(text, start, 36);
    let after = window_after(text, end, 60);
    let b = before.rsplit(['、', '。', '\n']).next().unwrap_or("");
    let a = after.split(['、', '。', '\n']).next().unwrap_or("");
    (b, a)
}

/// What the words around a count say for and against it.
fn cues(scan: &crate::scan::DocScan, at: &Site, unit: &str, value: u64) -> Vec<&'static str> {
    let text = scan.text;
    let mut out = Vec::new();
    let before = window_before(text, at.num_start, 24);
    // The qualifier is part of the match: `人口約5万7千人` has 人口 before 約.
    let before_whole = window_before(text, at.whole_start, 24);
    let after = window_after(text, at.unit_end, 45);
    // `従業員数は1万2,000名`: the statistic's noun may stand before a particle or colon.
    let ends_with = |s: &str, w: &str| {
        s.trim_end()
            .trim_end_matches(['は', 'が', ':', ' '])
            .ends_with(w)
            || s.ends_with(w)
    };
    if STAT_WORDS_BEFORE
        .iter()
        .any(|w| ends_with(before, w) || ends_with(before_whole, w))
    {
        out.push(CUE_STAT_WORD);
    }
    let (clause_before, clause_after) = clause_parts(text, at.whole_start, at.unit_end);
    // Counts of incidents/articles: `2 件のクレジットカード情報漏えい事故`.
    if TALLY_WORDS.iter().any(|w| clause_after.contains(w)) && !clause_after.contains("情報が") {
        out.push(CUE_TALLY);
    }
    let clause = format!("{clause_before}{clause_after}");
    if STAT_CLAUSE_WORDS.iter().any(|w| clause.contains(w)) {
        out.push(CUE_STAT_CLAUSE);
    }
    if unit == "社" || unit == "先" || unit == "団体" {
        let ok = [
            "の個人情報",
            "の情報",
            "の顧客",
            "分",
            "が漏",
            "の取引先",
            "に影響",
            "の個人",
            "のデータ",
            "の従業員",
        ]
        .iter()
        .any(|w| after.starts_with(w))
            // `取引先約1,900社の担当者名、電話番号…` / `27社のSNSアカウント`
            || after.starts_with('の')
                && [
                    "担当者", "氏名", "名前", "連絡先", "電話", "メール", "アカウント", "住所",
                    "口座", "情報", "データ",
                ]
                .iter()
                .any(|w| window_after(after, 0, 30).contains(w));
        if !ok {
            out.push(CUE_ORG_NO_DATA);
        }
    }
    let t = scan.sentence_text(at.sentence);
    if (unit == "名" || unit == "人") && ARREST_WORDS.iter().any(|w| t.contains(w)) {
        out.push(CUE_ARREST_SENTENCE);
        if ARREST_WORDS.iter().any(|w| clause.contains(w)) {
            out.push(CUE_ARREST_CLAUSE);
        }
    }
    if OTHER_SUBJECT_AFTER.iter().any(|w| after.starts_with(w)) {
        out.push(CUE_OTHER_SUBJECT);
    }
    let near_before = window_before(text, at.whole_start, 18);
    let near_after = window_after(text, at.unit_end, 30);
    if MESSAGE_WORDS.iter().any(|w| {
        near_before.contains(w)
            || near_after
                .strip_prefix('の')
                .unwrap_or(near_after)
                .starts_with(w)
    }) {
        out.push(CUE_MESSAGES);
    }
    if OCCURRENCE_AFTER.iter().any(|w| after.starts_with(w)) {
        out.push(CUE_OCCURRENCES);
    }
    if unit == "件"
        && after.starts_with('は')
        && (before.is_empty() || before.ends_with("もう") || value < 10)
    {
        out.push(CUE_ENUMERATION);
    }
    let s = at.sentence;
    let topic = clause_before.trim_end().strip_suffix('は').unwrap_or("");
    let topic = topic.strip_suffix('数').unwrap_or(topic);
    if BASE_NOUNS.iter().any(|w| topic.ends_with(w))
        && topic
            .chars()
            .all(|c| c == 'の' || !crate::text::is_hiragana(c))
        && !scan.has(s, mark::LEAK | mark::INCIDENT)
    {
        out.push(CUE_SIZE_OF_BASE);
    }
    let prev_ok = s > 0
        && scan.has(s - 1, mark::DATA | mark::LEAK)
        && scan.line_of(s - 1) + 2 >= scan.line_of(s);
    if !scan.has(s, mark::DATA | mark::LEAK | mark::INCIDENT)
        && !before.contains("件数")
        && !prev_ok
    {
        out.push(CUE_NO_DATA_WORDS);
    }
    if TOTAL_BEFORE.iter().any(|w| clause_before.contains(w)) {
        out.push(CUE_TOTAL);
    }
    if PART_BEFORE.iter().any(|w| clause_before.contains(w)) {
        out.push(CUE_PART);
    }
    if DATA_AFTER.iter().any(|w| after.starts_with(w))
        || after
            .strip_prefix('分')
            .is_some_and(|r| DATA_AFTER.iter().any(|w| r.starts_with(w)))
    {
        out.push(CUE_DATA_AFTER);
    }
    if LEAK_AFTER.iter().any(|w| clause_after.contains(w)) {
        out.push(CUE_LEAK_AFTER);
    }
    if FOLLOW_UP_AFTER.iter().any(|w| clause_after.contains(w)) {
        out.push(CUE_FOLLOW_UP);
    }
    if RECIPIENTS_AFTER.iter().any(|w| after.starts_with(w)) {
        out.push(CUE_RECIPIENTS);
    }
    // Inside an unclosed parenthesis: `(うち…)`, `(人口約…)`, `(氏名+取引情報等が2件)`.
    let opened = clause_before.rfind('(');
    if opened.is_some_and(|p| !clause_before[p..].contains(')')) {
        out.push(CUE_PARENS);
    }
    if scan.has(s, mark::HEDGE) {
        out.push(CUE_HEDGED_SENTENCE);
    }
    if scan.has(s, mark::CONFIRM) {
        out.push(CUE_CONFIRM_SENTENCE);
    }
    if scan.has(s, mark::LEAK) {
        out.push(CUE_LEAK_SENTENCE);
    }
    let line_no = scan.line_of(s);
    let line = scan.layout.line_text(text, line_no);
    if line
        .trim_start()
        .starts_with(['-', '・', '•', '※', '*', '○', '◯', '■', '●'])
    {
        out.push(CUE_LIST_ITEM);
    }
    // A list under a breakdown line (`内訳は下記のとおり`) holds the parts of a total.
    if (line_no.saturating_sub(4)..line_no).any(|l| scan.layout.line_text(text, l).contains("内訳"))
    {
        out.push(CUE_BREAKDOWN);
    }
    out
}

/// Feature names of the qualifier.
fn qualifier_feature(q: CountQualifier) -> &'static str {
    match q {
        CountQualifier::Exact => "qualifier.exact",
        CountQualifier::Approx => "qualifier.approx",
        CountQualifier::Max => "qualifier.max",
        CountQualifier::AtLeast => "qualifier.at_least",
        CountQualifier::Unknown => "qualifier.unknown",
    }
}

/// Feature names of the unit.
fn unit_feature(u: &str) -> &'static str {
    match u {
        "件" => "unit.ken",
        "名" => "unit.mei",
        "人" => "unit.nin",
        "社" | "先" | "団体" => "unit.organisations",
        "世帯" => "unit.households",
        "アカウント" => "unit.accounts",
        _ => "unit.other",
    }
}

/// One value stated in a victim's block: its mentions (indices into the candidates) and the
/// mention that speaks for it (fewest doubts, then closest to the victim, then first).
struct Value<'c> {
    value: u64,
    mentions: Vec<&'c CountCandidate>,
    best: &'c CountCandidate,
}

fn doubts(c: &CountCandidate) -> usize {
    c.cues.iter().filter(|q| DOUBTS.contains(q)).count()
}

/// The values of the block, each with its mentions (mentions rejected outright, outside the
/// block or too far from the victim are left out), in order of first mention.
fn block_values<'c>(ctx: &VictimContext, counts: &'c [CountCandidate]) -> Vec<Value<'c>> {
    let mut values: Vec<Value<'c>> = Vec::new();
    for c in counts {
        if !ctx.in_block(c.sentence) || c.rejected.is_some() || ctx.weight(c.sentence) < 0.02 {
            continue;
        }
        match values.iter_mut().find(|v| v.value == c.value) {
            Some(v) => {
                v.mentions.push(c);
                let key = |m: &CountCandidate| {
                    (
                        std::cmp::Reverse(doubts(m) + block_doubts(ctx, m).len()),
                        ctx.weight(m.sentence),
                    )
                };
                let (kc, kb) = (key(c), key(v.best));
                if kc.0 > kb.0 || kc.0 == kb.0 && kc.1 > kb.1 {
                    v.best = c;
                }
            }
            None => values.push(Value {
                value: c.value,
                mentions: vec![c],
                best: c,
            }),
        }
    }
    values
}

/// Doubts that depend on the block: advice or statistics sentences away from the victim.
fn block_doubts(ctx: &VictimContext, c: &CountCandidate) -> Vec<&'static str> {
    let mut out = Vec::new();
    let far = ctx.block.distance_of(c.sentence).unwrap_or(99) > 0;
    if far && ctx.scan.has(c.sentence, mark::GENERIC) {
        out.push("block.generic_sentence");
    }
    if far && ctx.scan.has(c.sentence, mark::STAT | mark::SURVEY) {
        out.push("block.statistics_sentence");
    }
    out
}

/// Whose count a mention is, by the organisation named closest before it in its clause
/// (`A市が約2万3000人分、B町が8,412人分`, `X社(41万2,000人分)`) or on its line (`・X様 1万8,230件`):
/// `Some(true)` the victim, `Some(false)` another organisation, `None` no name before it (a
/// total in a clause of its own, `…人分で、合計約3万人分`, belongs to no one of them).
fn named_owner(ctx: &VictimContext, c: &CountCandidate, victim: &[usize]) -> Option<bool> {
    let scan = ctx.scan;
    let line = scan.layout.lines.get(scan.line_of(c.sentence))?;
    let mut best: Option<(usize, usize)> = None;
    for (i, m) in scan.mentions.iter().enumerate() {
        let same_sentence = scan.mention_sentence.get(i) == Some(&c.sentence);
        let same_line = m.start >= line.start && m.end <= line.end;
        // `株式会社A(和歌山県)の約3,100件`: a place noted in brackets after a name is not whose
        // count it is.
        let bracketed_note =
            scan.text[..m.start].ends_with('(') && scan.text[m.end..].starts_with(')');
        if m.end <= c.start
            && (same_sentence || same_line)
            && !bracketed_note
            && best.is_none_or(|(e, _)| m.end > e)
        {
            best = Some((m.end, i));
        }
    }
    let (end, i) = best?;
    let between = scan.text.get(end..c.start)?;
    let mut prev: Option<char> = None;
    for ch in between.chars() {
        let verb_comma = ch == '、'
            && prev.is_some_and(|p| crate::text::is_hiragana(p) && !matches!(p, 'は' | 'も'));
        if verb_comma || ch == '。' {
            return None;
        }
        prev = Some(ch);
    }
    Some(victim.contains(&i))
}

/// The features of value `vi` of the block. `owners[j]`: per mention of value `j`, whether the
/// organisation named right before it is the victim (`named_owner`), read once per block.
fn value_features(
    ctx: &VictimContext,
    vi: usize,
    values: &[Value],
    owners: &[Vec<Option<bool>>],
) -> Features {
    let v = &values[vi];
    let mut f = Features::new();
    f.flag("candidate", true);
    let owned_by = |j: usize, mine: bool| owners[j].contains(&Some(mine));
    f.flag("owner.victim", owned_by(vi, true));
    f.flag("owner.other", owners[vi].iter().all(|o| *o == Some(false)));
    let c = v.best;
    for cue in &c.cues {
        f.flag(cue, true);
    }
    for d in block_doubts(ctx, c) {
        f.flag(d, true);
    }
    f.flag("doubted", doubts(c) + block_doubts(ctx, c).len() > 0);
    f.flag(qualifier_feature(c.qualifier), true);
    f.flag(unit_feature(&c.unit), true);
    f.add(
        "weight",
        v.mentions
            .iter()
            .map(|m| ctx.weight(m.sentence))
            .fold(0.0, f32::max),
    );
    let near = v
        .mentions
        .iter()
        .any(|m| ctx.block.distance_of(m.sentence) == Some(0));
    f.flag("names_victim", near);
    let title = v
        .mentions
        .iter()
        .any(|m| Some(ctx.scan.line_of(m.sentence)) == ctx.title_line);
    f.flag("in_title", title);
    f.count("mentions", v.mentions.len());
    f.flag(
        "any_total",
        v.mentions.iter().any(|m| m.cues.contains(&CUE_TOTAL)),
    );
    f.flag(
        "any_qualified",
        v.mentions
            .iter()
            .any(|m| m.qualifier != CountQualifier::Exact),
    );
    f.flag("small_value", v.value < 10);
    // How it compares with the other values of the block.
    let max = values.iter().map(|x| x.value).max().unwrap_or(v.value);
    let clean = |x: &Value| doubts(x.best) + block_doubts(ctx, x.best).len() == 0;
    let max_clean = values.iter().filter(|x| clean(x)).map(|x| x.value).max();
    f.flag("largest", v.value == max);
    f.flag("largest_undoubted", Some(v.value) == max_clean);
    f.add(
        "log_ratio_to_largest",
        ((max as f32) / (v.value as f32).max(1.0)).log10().min(6.0),
    );
    let larger = values.iter().filter(|x| x.value > v.value).count();
    f.count("larger_values", larger);
    // The largest undoubted value that is not another organisation's.
    let max_owned = (0..values.len())
        .filter(|&j| clean(&values[j]) && !owners[j].iter().all(|o| *o == Some(false)))
        .map(|j| values[j].value)
        .max();
    f.flag("largest_owned_undoubted", Some(v.value) == max_owned);
    let first = values.first().is_some_and(|x| x.value == v.value);
    f.flag("first_in_block", first);
    // A value that is the sum of other values of the block is their total.
    let others: u64 = values
        .iter()
        .filter(|x| x.value < v.value)
        .map(|x| x.value)
        .sum();
    let sum_of_smaller = values.len() > 2 && others == v.value;
    f.flag("sum_of_smaller", sum_of_smaller);
    // A breakdown by organisation (`A市が約2万3000人分、B町が8,412人分、合計約3万2600人分`): the
    // victim's own part, against the total of all parts.
    let others_parts = (0..values.len())
        .any(|j| values[j].value != v.value && owned_by(j, false) && !owned_by(j, true));
    f.flag("split.own_part", owned_by(vi, true) && others_parts);
    let total = sum_of_smaller || v.mentions.iter().any(|m| m.cues.contains(&CUE_TOTAL));
    let own_part_elsewhere =
        (0..values.len()).any(|j| values[j].value < v.value && owned_by(j, true));
    f.flag("split.total_over_own_part", total && own_part_elsewhere);
    f
}

/// The features of the "no count" candidate.
fn none_features(ctx: &VictimContext, values: &[Value]) -> Features {
    let mut f = Features::new();
    f.flag("none", true);
    let clean = values
        .iter()
        .filter(|x| doubts(x.best) + block_doubts(ctx, x.best).len() == 0)
        .count();
    f.count("none.values", values.len());
    f.flag("none.no_undoubted_value", clean == 0);
    f
}

/// The order an untrained ranker falls back on: the largest undoubted value first, then no
/// count, then doubted values by size. Lower is better.
fn fallback_rank(ctx: &VictimContext, v: Option<&Value>) -> (u8, std::cmp::Reverse<u64>) {
    match v {
        Some(v) if doubts(v.best) + block_doubts(ctx, v.best).len() == 0 => {
            (0, std::cmp::Reverse(v.value))
        }
        None => (1, std::cmp::Reverse(0)),
        Some(v) => (2, std::cmp::Reverse(v.value)),
    }
}

/// The ranker's input for one block: the values and every candidate's features (the values
/// in order, then "no count"). Training reads the same.
pub struct CountChoices<'c> {
    values: Vec<Value<'c>>,
    pub features: Vec<Features>,
}

impl CountChoices<'_> {
    /// The values, in candidate order (without "no count").
    pub fn values(&self) -> Vec<u64> {
        self.values.iter().map(|v| v.value).collect()
    }

    /// The candidate index of a value (the last index is "no count").
    pub fn index_of(&self, value: Option<u64>) -> Option<usize> {
        match value {
            None => Some(self.values.len()),
            Some(n) => self.values.iter().position(|v| v.value == n),
        }
    }
}

/// `victim`: the victim's organisation mentions (indices into `DocScan::mentions`).
pub fn count_choices<'c>(
    ctx: &VictimContext,
    counts: &'c [CountCandidate],
    victim: &[usize],
) -> CountChoices<'c> {
    let values = block_values(ctx, counts);
    let owners: Vec<Vec<Option<bool>>> = values
        .iter()
        .map(|v| {
            v.mentions
                .iter()
                .map(|m| named_owner(ctx, m, victim))
                .collect()
        })
        .collect();
    let mut features: Vec<Features> = (0..values.len())
        .map(|vi| value_features(ctx, vi, &values, &owners))
        .collect();
    features.push(none_features(ctx, &values));
    // The hand rule's choice (the order an untrained ranker falls back on) is a feature: the
    // ranker learns when to overrule it.
    let rule = (0..=values.len()).min_by_key(|&i| fallback_rank(ctx, values.get(i)));
    if let Some(f) = rule.and_then(|i| features.get_mut(i)) {
        f.flag("rule_choice", true);
    }
    CountChoices { values, features }
}

/// The count the ranker scores best in the victim's block (ties: `fallback_rank`), with the
/// qualifier of its mentions (a qualified mention wins over a plain one of the same value).
pub fn choose_affected_count(
    ctx: &VictimContext,
    counts: &[CountCandidate],
    victim: &[usize],
    model: &LinearModel,
) -> (Option<Field<AffectedCount>>, String) {
    let choices = count_choices(ctx, counts, victim);
    let n = choices.values.len();
    let scores: Vec<f32> = choices
        .features
        .iter()
        .map(|f| model.logits(f).first().copied().unwrap_or(0.0))
        .collect();
    let mut order: Vec<usize> = (0..=n).collect();
    order.sort_by(|&a, &b| {
        scores[b].total_cmp(&scores[a]).then_with(|| {
            fallback_rank(ctx, choices.values.get(a))
                .cmp(&fallback_rank(ctx, choices.values.get(b)))
        })
    });
    let describe = |i: usize| match choices.values.get(i) {
        Some(v) => format!("{}{} {:.2}", v.value, v.best.unit, scores[i]),
        None => format!("none {:.2}", scores[i]),
    };
    let ranked: Vec<String> = order.iter().take(4).map(|&i| describe(i)).collect();
    let rejected: Vec<String> = counts
        .iter()
        .filter(|c| ctx.in_block(c.sentence))
        .filter_map(|c| Some(format!("{}{} ({})", c.value, c.unit, c.rejected?)))
        .take(4)
        .collect();
    let rejected = if rejected.is_empty() {
        String::new()
    } else {
        format!("; rejected: {}", rejected.join(", "))
    };
    let Some(&top) = order.first() else {
        return (None, "no count candidates".into());
    };
    let Some(v) = choices.values.get(top) else {
        return (
            None,
            format!("ranker: no count [{}]{rejected}", ranked.join(", ")),
        );
    };
    let c = v.best;
    let qualifier = v
        .mentions
        .iter()
        .map(|m| m.qualifier)
        .find(|q| *q != CountQualifier::Exact)
        .unwrap_or(c.qualifier);
    let rule = match qualifier {
        CountQualifier::Exact | CountQualifier::Unknown => "count.ranker.number_unit",
        _ => "count.ranker.qualified_number_unit",
    };
    let contributions: Vec<String> = model
        .contributions(&choices.features[top], 0)
        .into_iter()
        .take(4)
        .map(|x| format!("{} {:+.2}", x.feature, x.amount))
        .collect();
    let conf = ctx.confidence(0.85, c.sentence);
    let f = Field::new(
        AffectedCount {
            value: c.value,
            qualifier,
            unit: c.unit.clone(),
        },
        conf,
        rule,
        Some(ctx.evidence(c.start, c.end, c.sentence)),
    );
    let why = if c.cues.is_empty() {
        String::new()
    } else {
        format!("; cues: {}", c.cues.join(" "))
    };
    (
        Some(f),
        format!(
            "ranker: {}{} [{}]; {}{why}{rejected}",
            c.value,
            c.unit,
            ranked.join(", "),
            contributions.join(", ")
        ),
    )
}

/// Helpers for the field extractors' unit tests: a document from invented text, and the
/// incident extracted for a named victim (the gold-victim path, so victim selection does not
/// decide what the field tests see).
#[cfg(test)]
pub(crate) mod test_support {
    use crate::context::VictimContext;
    use crate::learn::gold::parse_gold;
    use crate::learn::models::Models;
    use crate::lexicon::Lexicons;
    use crate::org::OrgFinder;
    use crate::scan::DocScan;
    use crate::segment::Block;
    use crate::Extractor;
    use leakwatch_model::{
        CandidateIncident, DocId, Document, Language, MediaType, Origin, TraceNote,
    };

    pub fn document(text: &str) -> Document {
        Document {
            id: DocId("t".into()),
            origin: Origin::File {
                path: "t.txt".into(),
            },
            media_type: MediaType::Text,
            encoding: "UTF-8".into(),
            title: text.lines().next().map(str::to_string),
            published: None,
            language: Language::Ja,
            text: text.to_string(),
            content_hash: String::new(),
        }
    }

    /// Runs `f` with a context whose block is the whole text, every sentence naming the victim.
    pub fn with_context<R>(text: &str, f: impl FnOnce(&VictimContext) -> R) -> R {
        with_context_from(text, 0, f)
    }

    /// Runs `f` with a context whose block is the sentences from `first` on (a list item
    /// after the document's lead), every one naming the victim.
    pub fn with_context_from<R>(
        text: &str,
        first: usize,
        f: impl FnOnce(&VictimContext) -> R,
    ) -> R {
        let lex = Lexicons::new();
        let orgs = OrgFinder::new();
        let doc = document(text);
        let scan = DocScan::new(&doc.text, &lex, &orgs);
        let n = scan.layout.sentences.len();
        let block = Block {
            sentences: (first..n).collect(),
            distance: vec![0; n - first.min(n)],
            refs: (first..n).collect(),
        };
        let ctx = VictimContext {
            scan: &scan,
            block: &block,
            doc_id: &doc.id,
            title_line: scan.title_line(),
        };
        f(&ctx)
    }

    /// The incident of `org` in `text`, with `models` (untrained when None), and the trace.
    pub fn incident(
        text: &str,
        org: &str,
        models: Option<Models>,
    ) -> (CandidateIncident, Vec<TraceNote>) {
        let ex = Extractor::with_models(models.unwrap_or_else(Models::embedded));
        let json = format!(r#"{{"doc_id":"t","incidents":[{{"organization":"{org}"}}]}}"#);
        let (gold, _) = parse_gold(&json).expect("gold");
        let (mut incidents, trace) = ex.extract_gold_victims_traced(&document(text), &gold);
        assert_eq!(incidents.len(), 1, "{trace:?}");
        (incidents.remove(0), trace)
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{document, incident};
    use super::*;
    use crate::learn::models::Models;
    use crate::lexicon::Lexicons;
    use crate::org::OrgFinder;
    use crate::scan::DocScan;

    fn candidates(text: &str) -> Vec<CountCandidate> {
        let lex = Lexicons::new();
        let orgs = OrgFinder::new();
        let doc = document(text);
        let scan = DocScan::new(&doc.text, &lex, &orgs);
        CountFinder::new().find(&scan)
    }

    fn cues_of(text: &str, value: u64) -> Vec<&'static str> {
        candidates(text)
            .into_iter()
            .find(|c| c.value == value)
            .map(|c| c.cues)
            .unwrap_or_default()
    }

    #[test]
    fn plaintiffs_are_no_data_subjects() {
        let text =
            "流出をめぐり、元会員の男女8人が運営会社を相手に損害賠償を求めた裁判で判決があった。";
        assert!(cues_of(text, 8).contains(&CUE_ARREST_SENTENCE));
    }

    #[test]
    fn the_size_of_an_organisations_base_is_doubted() {
        let text = "通販サイトに不正ログインがあり、会員1万2,000人の情報が閲覧された。                    同社の通販会員は約85万人。";
        assert!(cues_of(text, 850_000).contains(&CUE_SIZE_OF_BASE));
        assert!(!cues_of(text, 12_000).contains(&CUE_SIZE_OF_BASE));
        // Said of the people the leak touched, it is the count.
        let leak = "情報が流出した会員は約3万人。";
        assert!(!cues_of(leak, 30_000).contains(&CUE_SIZE_OF_BASE));
    }

    #[test]
    fn some_thousands_is_no_count() {
        let found = candidates("契約書を数千世帯分、無断でコピーしていた。顧客120人分も含まれる。");
        let of = |v: u64| found.iter().find(|c| c.value == v).map(|c| c.rejected);
        assert_eq!(of(1_000), Some(Some("vague number (数千, 数百)")));
        assert_eq!(of(120), Some(None));
    }

    #[test]
    fn a_related_articles_headline_is_no_count_of_this_story() {
        let text = "株式会社みなせ技研は、顧客情報3,120件が流出した可能性があると発表した。\n\
                    ■関連記事\n\
                    ・みなせ電機、1万2,000件の個人情報を含むPCを紛失(2019/04/02)\n";
        let found = candidates(text);
        let of = |v: u64| found.iter().find(|c| c.value == v).map(|c| c.rejected);
        assert_eq!(of(3_120), Some(None));
        assert_eq!(of(12_000), Some(Some("a related article's headline")));
    }

    #[test]
    fn a_breakdown_by_organisation_marks_the_own_part_and_the_total() {
        let text = "青葉電算株式会社がランサムウェアの攻撃を受けた。流出の恐れがあるのは、\
                    緑川市が約2万3000人分、白浜町が8,412人分で、合計約3万1412人分。";
        super::test_support::with_context(text, |ctx| {
            let counts = CountFinder::new().find(ctx.scan);
            let victim: Vec<usize> = (0..ctx.scan.mentions.len())
                .filter(|&i| ctx.scan.mentions[i].name == "緑川市")
                .collect();
            assert!(!victim.is_empty());
            let choices = count_choices(ctx, &counts, &victim);
            let of = |v: u64| {
                let i = choices
                    .values()
                    .iter()
                    .position(|x| *x == v)
                    .unwrap_or_else(|| panic!("{v} not among {:?}", choices.values()));
                &choices.features[i]
            };
            assert_eq!(of(23_000).get("split.own_part"), 1.0);
            assert_eq!(of(31_412).get("split.total_over_own_part"), 1.0);
            assert_eq!(of(8_412).get("split.own_part"), 0.0);
        });
    }

    #[test]
    fn a_population_before_a_qualifier_is_a_statistic() {
        let t = "みどり野町(人口約1万2千人)の町民3,456人分の氏名が流出した。";
        assert!(cues_of(t, 12_000).contains(&CUE_STAT_WORD));
        assert!(!cues_of(t, 3_456).contains(&CUE_STAT_WORD));
    }

    #[test]
    fn qualifiers_before_and_after_the_number() {
        let q = |t: &str, v: u64| {
            candidates(t)
                .into_iter()
                .find(|c| c.value == v)
                .map(|c| c.qualifier)
        };
        let t = "流出したのは少なくとも3,412人分の登録者情報です。";
        assert_eq!(q(t, 3_412), Some(CountQualifier::AtLeast));
        let t = "流出したのは少なくとも約3,000件です。";
        assert_eq!(q(t, 3_000), Some(CountQualifier::AtLeast));
        let t = "流出したのは最大で約8万5千人分の情報です。";
        assert_eq!(q(t, 85_000), Some(CountQualifier::Max));
        let t = "流出したのは顧客1万2千件超の情報です。";
        assert_eq!(q(t, 12_000), Some(CountQualifier::AtLeast));
        let t = "流出したのは約2万件の情報です。";
        assert_eq!(q(t, 20_000), Some(CountQualifier::Approx));
    }

    #[test]
    fn totals_parts_and_breakdowns() {
        let t = "流出したのは会員2,100人と職員300人、計2,400人分の個人情報です。";
        assert!(cues_of(t, 2_400).contains(&CUE_TOTAL));
        assert!(!cues_of(t, 2_100).contains(&CUE_TOTAL));
        let t = "漏えいした個人情報の内訳は次のとおりです。\n・会員 1,500件\n・取引先 200件";
        assert!(cues_of(t, 1_500).contains(&CUE_BREAKDOWN));
        let t = "流出した情報は5,000件で、このうち1,200件にカード番号が含まれていた。";
        assert!(cues_of(t, 1_200).contains(&CUE_PART));
    }

    #[test]
    fn mails_sent_cases_and_arrests_are_cues_against() {
        let t = "乗っ取られたアカウントから迷惑メール2,345件が送信された。";
        assert!(cues_of(t, 2_345).contains(&CUE_MESSAGES));
        let t = "同様の誤送付はほか3件あったという。";
        assert!(cues_of(t, 3).contains(&CUE_OCCURRENCES));
        let t = "県警は元社員ら4人を逮捕した。顧客約8,000人分の情報を売却した疑い。";
        assert!(cues_of(t, 4).contains(&CUE_ARREST_SENTENCE));
        assert!(!cues_of(t, 8_000).contains(&CUE_ARREST_SENTENCE));
        // A disciplinary sanction counts staff, not data subjects.
        let t = "市は担当職員6人を減給処分とし、住民120人分の名簿の流出を謝罪した。";
        assert!(cues_of(t, 6).contains(&CUE_ARREST_SENTENCE));
    }

    #[test]
    fn an_earlier_reports_replaced_figure_is_rejected() {
        let text = "前回のお知らせでは対象を「約3,000名」としておりましたが、調査の結果、2,417名に確定しました。";
        let kept: Vec<u64> = candidates(text)
            .iter()
            .filter(|c| c.rejected.is_none())
            .map(|c| c.value)
            .collect();
        assert_eq!(kept, [2417]);
    }

    #[test]
    fn ordinals_and_zero_are_rejected_outright() {
        let c = candidates("第3件目の報告では0件、住民第2名簿に50人分の氏名が流出。");
        assert!(c
            .iter()
            .filter(|c| c.value == 0)
            .all(|c| c.rejected.is_some()));
        assert!(c.iter().any(|c| c.value == 50 && c.rejected.is_none()));
    }

    #[test]
    fn a_count_whose_sentence_denies_its_leak_is_rejected() {
        let c = candidates(
            "なお、会員登録いただいている約1万8,000名のお客様の住所等の情報につきましては、\
             調査の結果、漏洩の事実は確認されておりません。",
        );
        assert!(c.iter().any(|c| c.value == 18_000 && c.rejected.is_some()));
        // A leak told before a denial of another kind of data still counts.
        let c = candidates(
            "お客様情報1,234件が流出した可能性がありますが、カード情報の流出は確認されておりません。",
        );
        assert!(c.iter().any(|c| c.value == 1_234 && c.rejected.is_none()));
    }

    #[test]
    fn an_untrained_ranker_takes_the_largest_undoubted_count() {
        let text = "不正アクセスに関するお知らせ\n株式会社ミナセ商会\n\
当社サーバーに不正アクセスがあり、会員4,321名分の氏名とメールアドレスが流出しました。\n\
なお、当社の従業員数は1万2,000名です。";
        let (inc, _) = incident(text, "株式会社ミナセ商会", None);
        let c = inc.affected.expect("a count");
        assert_eq!(c.value.value, 4_321);
        assert_eq!(c.value.unit, "名");
    }

    #[test]
    fn the_count_named_after_another_organisation_is_theirs() {
        // Two clients of one processor; each count follows its own client's name.
        let text = "委託先のサーバーにランサムウェア攻撃\n\
流出のおそれがあるのは、さくら市が約2万3000人分、もみじ町が8,412人分で、合計約3万1412人分。\n\
店舗では、株式会社かえで堂(青葉県)の520件。";
        let lex = Lexicons::new();
        let orgs = OrgFinder::new();
        let doc = document(text);
        let scan = DocScan::new(&doc.text, &lex, &orgs);
        let counts = CountFinder::new().find(&scan);
        let momiji: Vec<usize> = (0..scan.mentions.len())
            .filter(|&i| scan.mentions[i].name.contains("もみじ町"))
            .collect();
        assert!(!momiji.is_empty(), "{:?}", scan.mentions);
        let block = crate::segment::Block {
            sentences: (0..scan.layout.sentences.len()).collect(),
            distance: vec![0; scan.layout.sentences.len()],
            refs: vec![1],
        };
        let ctx = VictimContext {
            scan: &scan,
            block: &block,
            doc_id: &doc.id,
            title_line: scan.title_line(),
        };
        let by_value = |v: u64| counts.iter().find(|c| c.value == v).expect("candidate");
        assert_eq!(named_owner(&ctx, by_value(8_412), &momiji), Some(true));
        assert_eq!(named_owner(&ctx, by_value(23_000), &momiji), Some(false));
        // A place in brackets after a name is not the count's owner.
        let kaede: Vec<usize> = (0..scan.mentions.len())
            .filter(|&i| scan.mentions[i].name.contains("かえで堂"))
            .collect();
        assert!(
            scan.mentions.iter().any(|m| m.name == "青葉県"),
            "{:?}",
            scan.mentions
        );
        assert_eq!(named_owner(&ctx, by_value(520), &kaede), Some(true));
        // A ranker that trusts the owner picks the victim's own count over the total.
        let mut models = Models::embedded();
        models.count = LinearModel::new(
            vec!["count".into()],
            vec![0.0],
            [("owner.victim".to_string(), vec![5.0f32])]
                .into_iter()
                .collect(),
        );
        let (f, _) = choose_affected_count(&ctx, &counts, &momiji, &models.count);
        assert_eq!(f.expect("a count").value.value, 8_412);
    }

    #[test]
    fn no_count_beats_a_doubted_one_for_an_untrained_ranker() {
        let text = "セキュリティ月報\n株式会社カワセミ工業は不正アクセスを受けたと発表した。\n\
同社は全国に120店舗を展開している。";
        let (inc, _) = incident(text, "株式会社カワセミ工業", None);
        assert!(inc.affected.is_none());
    }
}
