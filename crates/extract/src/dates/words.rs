//! The words of a date's clause and what they say happened on it (the `rule.*` proposals and
//! the clause/sentence/narrative word features read them).

use crate::scan::DocScan;
use leakwatch_jatext::DateForm;
use leakwatch_model::DateKind;

const DISCLOSED: &[&str] = &[
    "発表",
    "開示し",
    "開示いた",
    "公表",
    "明らかにし",
    "告知",
    "公開し",
    "お知らせ",
    "公開を行",
    "文章公開",
    "発信",
    "第一報を掲載",
    "第1報を掲載",
    "お知らせを掲載",
];
const DETECTED: &[&str] = &[
    "判明",
    "検知",
    "発覚",
    "気付",
    "気づ",
    "気が付",
    "発見",
    "確認され",
    "確認しました",
    "確認いたしました",
    "確認致しました",
    "連絡を受け",
    "連絡があ",
    "通報があ",
    "報告があ",
    "指摘され",
    "見つかった",
    "見つかり",
    "通報を受け",
    "報告を受け",
    "指摘を受け",
    "認識し",
    "見当たらない",
    "見つからない",
    "分かった",
    "わかった",
    "指摘があり",
    "把握し",
    "お問い合わせをいただ",
    "問い合わせがあり",
];
const OCCURRED: &[&str] = &[
    "不正アクセスが行われ",
    "不正アクセスを受け",
    "攻撃を受け",
    "被害を受け",
    "感染",
    "侵入され",
    "侵入し",
    "置き忘れ",
    "紛失し",
    "なくし",
    "盗まれ",
    "盗難に遭",
    "送信し",
    "送信。",
    "お送りし",
    "配信し",
    "送付し",
    "開封",
    "窃取され",
    "乗っ取られ",
    "遭い",
    "に遭っ",
    "にあい",
    "にあっ",
    "改ざんされ",
    "暗号化され",
    "暗号化が",
    "が始ま",
    "入力してしま",
    "発送し",
    "同封され",
];
const POLICE_ORG: &[&str] = &["警察", "警視庁", "県警", "府警", "道警"];
const POLICE_ACT: &[&str] = &["相談", "届", "被害申告", "通報", "申告"];
const PPC_ORG: &[&str] = &["個人情報保護委員会"];
const PPC_ACT: &[&str] = &["報告", "相談", "届", "提出"];

/// Words of a clause that stops a service (timeline only).
const STOPPED: &[&str] = &["停止", "休止", "閉鎖", "遮断"];
/// Words of a clause that restores one (timeline only).
const RESTORED: &[&str] = &["復旧", "再開"];
/// An attacker's own claim or leak-site post (timeline only).
const CLAIMED: &[&str] = &["犯行声明", "リークサイト", "暴露サイト", "声明を"];
/// What a regulator, the police or an employer did (timeline only).
const REGULATOR: &[&str] = &[
    "逮捕",
    "書類送検",
    "送検",
    "起訴",
    "行政指導",
    "勧告",
    "命令",
    "懲戒処分",
    "処分し",
    "処分と",
];

/// The clause word lists, one bit each.
pub(super) const W_DISCLOSED: u16 = 1;
pub(super) const W_DETECTED: u16 = 1 << 1;
pub(super) const W_OCCURRED: u16 = 1 << 2;
pub(super) const W_POLICE_ORG: u16 = 1 << 3;
pub(super) const W_POLICE_ACT: u16 = 1 << 4;
pub(super) const W_PPC_ORG: u16 = 1 << 5;
pub(super) const W_PPC_ACT: u16 = 1 << 6;
pub(super) const W_STOPPED: u16 = 1 << 7;
pub(super) const W_RESTORED: u16 = 1 << 8;
pub(super) const W_CLAIMED: u16 = 1 << 9;
pub(super) const W_REGULATOR: u16 = 1 << 10;

/// Which word lists a clause holds, and where its first disclosure word starts: one
/// automaton pass per clause instead of a substring search per word (classifying dates
/// was a tenth of extraction time).
pub(super) struct ClauseWords {
    pub(super) lists: u16,
    pub(super) first_disclosed: Option<usize>,
}

impl ClauseWords {
    pub(super) fn of(s: &str) -> ClauseWords {
        static AUTOMATON: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<u16>)> =
            std::sync::OnceLock::new();
        let (ac, bits) = AUTOMATON.get_or_init(|| {
            let lists: [(&[&str], u16); 11] = [
                (DISCLOSED, W_DISCLOSED),
                (DETECTED, W_DETECTED),
                (OCCURRED, W_OCCURRED),
                (POLICE_ORG, W_POLICE_ORG),
                (POLICE_ACT, W_POLICE_ACT),
                (PPC_ORG, W_PPC_ORG),
                (PPC_ACT, W_PPC_ACT),
                (STOPPED, W_STOPPED),
                (RESTORED, W_RESTORED),
                (CLAIMED, W_CLAIMED),
                (REGULATOR, W_REGULATOR),
            ];
            let mut words = Vec::new();
            let mut bits = Vec::new();
            for (list, bit) in lists {
                words.extend_from_slice(list);
                bits.extend(std::iter::repeat_n(bit, list.len()));
            }
            let ac = aho_corasick::AhoCorasick::new(words).expect("clause words build");
            (ac, bits)
        });
        let mut out = ClauseWords {
            lists: 0,
            first_disclosed: None,
        };
        for m in ac.find_overlapping_iter(s) {
            let bit = bits[m.pattern().as_usize()];
            out.lists |= bit;
            if bit == W_DISCLOSED && out.first_disclosed.is_none_or(|f| m.start() < f) {
                out.first_disclosed = Some(m.start());
            }
        }
        out
    }

    pub(super) fn has(&self, bits: u16) -> bool {
        self.lists & bits != 0
    }
}

/// What each date of a document says happened on it, worked out once per document and only
/// for the dates some victim's block reads (a digest's victims all read the same dates).
pub struct DateKinds {
    cells: Vec<std::cell::OnceCell<Vec<DateKind>>>,
}

impl DateKinds {
    pub fn new(scan: &DocScan) -> DateKinds {
        DateKinds {
            cells: (0..scan.dates.len())
                .map(|_| std::cell::OnceCell::new())
                .collect(),
        }
    }

    /// The kinds of `scan.dates[idx]`.
    pub fn of(&self, scan: &DocScan, idx: usize) -> &[DateKind] {
        match self.cells.get(idx) {
            Some(cell) => cell.get_or_init(|| classify(scan, idx)),
            None => &[],
        }
    }
}

/// The kinds a date's clause states: the schema's kinds, plus timeline kinds (service stopped
/// or restored, attacker claim, regulator action) for full dates whose clause says so.
fn classify(scan: &DocScan, idx: usize) -> Vec<DateKind> {
    let mut kinds = classify_schema(scan, idx);
    let (dm, sent) = scan.dates[idx];
    if !matches!(dm.form, DateForm::Full(_)) {
        return kinds;
    }
    let s = scan.layout.sentences[sent];
    let next_start = scan
        .dates
        .get(idx + 1)
        .filter(|(_, ns)| *ns == sent)
        .map_or(s.end, |(d, _)| d.start);
    let after = scan.text.get(dm.end..next_start).unwrap_or("");
    // What the date's sentence says it did: up to the next date in the sentence, at most 60
    // characters (not bytes), and not past `その後` (a later step). Clause commas are kept:
    // `9月2日、攻撃者が、リークサイト上で…公開` states the claim after two of them.
    let clause_end = after.char_indices().nth(60).map_or(after.len(), |(i, _)| i);
    let clause = &after[..clause_end];
    let clause = clause.find("その後").map_or(clause, |i| &clause[..i]);
    let words = ClauseWords::of(clause);
    for (bit, kind) in [
        (W_STOPPED, DateKind::ServiceStopped),
        (W_RESTORED, DateKind::ServiceRestored),
        (W_CLAIMED, DateKind::AttackerClaim),
        (W_REGULATOR, DateKind::RegulatorAction),
    ] {
        if words.has(bit) && !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    kinds
}

/// The index of a news lead's date in the sentence of date `idx` (`○○は11日、…と発表した`):
/// the first date written right after `は` and followed by `、`.
fn lead_date_of_sentence(scan: &DocScan, idx: usize) -> Option<usize> {
    let sent = scan.dates[idx].1;
    let s = scan.layout.sentences[sent];
    scan.dates
        .iter()
        .enumerate()
        .filter(|(_, (_, ds))| *ds == sent)
        .find_map(|(j, (dm, _))| {
            let before = scan.text.get(s.start..dm.start)?.trim_end();
            let after = scan.text.get(dm.end..s.end)?;
            let after = after.trim_start_matches(|c: char| {
                c.is_whitespace() || "()(月火水木金土日曜祝・)".contains(c)
            });
            (before.ends_with('は') && after.starts_with(['、', ','])).then_some(j)
        })
}

/// `s` with the text inside 「」, 『』 and 【】 replaced by nothing (unbalanced brackets are
/// kept).
pub(super) fn without_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '「' | '『' | '【' => depth += 1,
            '」' | '』' | '】' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if depth > 0 {
        return s.to_string();
    }
    out
}

/// Whether date `idx` opens a news lead whose sentence ends in an announcement verb
/// (`○○は11日、…と発表した`).
pub(super) fn is_lead_announcement(scan: &DocScan, idx: usize) -> bool {
    if lead_date_of_sentence(scan, idx) != Some(idx) {
        return false;
    }
    // `同社は9月2日、…を把握し、同月5日に公表した`: the verb goes with the later date.
    if scan
        .dates
        .get(idx + 1)
        .is_some_and(|(_, s)| *s == scan.dates[idx].1)
    {
        return false;
    }
    let sent = scan.layout.sentences[scan.dates[idx].1];
    let text = scan.text.get(sent.start..sent.end).unwrap_or("");
    let tail = text.trim_end_matches(['。', ' ']);
    let tail = crate::text::window_before(tail, tail.len(), 45);
    [
        "発表した",
        "公表した",
        "明らかにした",
        "発表しました",
        "公表しました",
    ]
    .iter()
    .any(|w| tail.contains(w))
}

fn classify_schema(scan: &DocScan, idx: usize) -> Vec<DateKind> {
    let mut kinds = classify_clause(scan, idx);
    // `○○は11日、社員が7日夜、…置き忘れたと発表した`: the announcement is the lead date's only.
    if let Some(j) = lead_date_of_sentence(scan, idx) {
        if j < idx {
            kinds.retain(|k| *k != DateKind::Disclosed);
        }
    }
    kinds
}

fn classify_clause(scan: &DocScan, idx: usize) -> Vec<DateKind> {
    let text = scan.text;
    let (dm, sent) = scan.dates[idx];
    let s = scan.layout.sentences[sent];
    let prev_end = if idx > 0 && scan.dates[idx - 1].1 == sent {
        scan.dates[idx - 1].0.end
    } else {
        s.start
    };
    let next_start = scan
        .dates
        .get(idx + 1)
        .filter(|(_, ns)| *ns == sent)
        .map_or(s.end, |(d, _)| d.start);
    let before = text.get(prev_end..dm.start).unwrap_or("");
    let mut after = text.get(dm.end..next_start).unwrap_or("").to_string();
    // A timeline entry (the date alone on its line): its words are on the next line.
    let rest_of_sentence: String = after
        .chars()
        .filter(|c| {
            !c.is_ascii_digit()
                && !c.is_whitespace()
                && !"()時分頃午前後正(月火水木金土日曜)-:~".contains(*c)
        })
        .collect();
    if rest_of_sentence.chars().count() <= 2
        && before
            .trim_matches(|c: char| c == '-' || c == '・' || c.is_whitespace())
            .is_empty()
    {
        let next = sent + 1;
        if next < scan.layout.sentences.len() && !scan.dates.iter().any(|(_, ds)| *ds == next) {
            // The whole next line: `県教委へ第一報。本人、警察へ遺失物届提出。`
            let line = scan.line_of(next);
            let (_, line_end) = scan.layout.line_sentences[line];
            for x in next..line_end {
                if scan.dates.iter().any(|(_, ds)| *ds == x) {
                    break;
                }
                after.push_str(scan.sentence_text(x));
            }
        }
    }
    // Coordinated dates share the verb at the end: `7日には…から、同年8日には…から、それぞれ報告を受け`.
    if next_start < s.end
        && !ClauseWords::of(&after)
            .has(W_DETECTED | W_DISCLOSED | W_OCCURRED | W_POLICE_ACT | W_PPC_ACT)
    {
        after = text.get(dm.end..s.end).unwrap_or("").to_string();
    }
    // `その後` moves to a later time: what follows is not this date's event.
    if let Some(cut) = after.find("その後") {
        after.truncate(cut);
    }
    // Titles in 「」 (`「配送日変更のお知らせ」メール`) are no verbs of the clause.
    let after = without_quoted(&after);
    let mut kinds = Vec::new();
    let claim = after.contains("声明") || before.contains("声明") || after.contains("犯行");
    if claim {
        kinds.push(DateKind::AttackerClaim);
        return kinds;
    }
    // The start of a period: `2021年8月28日から…まで`, `6月20日(木)正午~`.
    let head: String = after
        .trim_start_matches(|c: char| c.is_whitespace())
        .chars()
        .skip_while(|c| {
            c.is_ascii_digit()
                || c.is_whitespace()
                || "()時分頃午前後正月火水木金土日曜半".contains(*c)
        })
        .take(3)
        .collect();
    let period_start = head.starts_with("から")
        || head.starts_with('~')
        || head.starts_with('〜')
        || head.starts_with("より") && !after.contains("連絡");
    let leak_context = scan.has(
        sent,
        crate::lexicon::mark::LEAK | crate::lexicon::mark::INCIDENT | crate::lexicon::mark::DATA,
    ) || before.contains("期間");
    if period_start && leak_context {
        kinds.push(DateKind::Occurred);
        return kinds;
    }
    // `X日に公表された…感染`: the date is the disclosure's only.
    let lead = crate::text::window_after(&after, 0, 15);
    if ["に公表", "に発表", "に公開", "公表", "発表"]
        .iter()
        .any(|w| lead.starts_with(w) || lead.trim_start_matches(['に', '、']).starts_with(w))
    {
        kinds.push(DateKind::Disclosed);
        return kinds;
    }
    let words = ClauseWords::of(&after);
    let first_disclosure = words.first_disclosed;
    let first_report = ["に報告", "へ報告", "に提出", "へ提出"]
        .iter()
        .filter_map(|w| after.find(w))
        .min();
    let disclosure_is_own = match (first_disclosure, first_report) {
        (Some(d), Some(r)) => d < r,
        (Some(_), None) => true,
        _ => false,
    };
    if disclosure_is_own || before.contains("発表日") || before.contains("公表日") {
        kinds.push(DateKind::Disclosed);
    }
    // `8月29日に…侵入したことが判明しました`: the finding is about the event on this date; the
    // day it was found is another.
    let finding_about_event = words.has(W_OCCURRED)
        && [
            "ことが判明",
            "ことを確認",
            "ことが確認",
            "ことが分か",
            "ことがわか",
        ]
        .iter()
        .any(|w| after.contains(w));
    if words.has(W_DETECTED) && !finding_about_event {
        kinds.push(DateKind::Detected);
    }
    if !period_start && words.has(W_OCCURRED) {
        kinds.push(DateKind::Occurred);
    }
    let around = format!("{before}{after}");
    let around = ClauseWords::of(&around);
    if around.has(W_POLICE_ORG) && words.has(W_POLICE_ACT) {
        kinds.push(DateKind::ReportedPolice);
    }
    if around.has(W_PPC_ORG) && words.has(W_PPC_ACT) {
        kinds.push(DateKind::ReportedPpc);
    }
    kinds
}
