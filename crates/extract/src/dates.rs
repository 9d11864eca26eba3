//! Owns incident dates: resolves every date mention to a calendar day (full dates; `X月Y日`
//! with the nearest preceding written year, else the document's year; 同日/翌日/前日 against the
//! previous date; 同年), then classifies each by the words of its clause — occurred (攻撃を受け,
//! 感染, 置き忘れ, the start of an exposure period `X日から`), detected (判明/検知/発覚/気付),
//! disclosed (発表/公表/告知), reported to police (警察 + 相談/届), reported to the PPC
//! (個人情報保護委員会 + 報告). Timeline entries (a date alone on a line) take the words of the
//! following line. The earliest date of each kind is kept.

use crate::context::VictimContext;
use crate::learn::linear::{Features, LinearModel};
use crate::lexicon::mark;
use crate::scan::DocScan;
use chrono::{Datelike, Duration, NaiveDate};
use leakwatch_jatext::DateForm;
use leakwatch_model::{DateKind, DatedEvent, Field};

/// Calendar days for every date mention of the document (None when the year is unknown).
pub fn resolve_dates(
    scan: &DocScan,
    published: Option<NaiveDate>,
) -> (Vec<Option<NaiveDate>>, Option<i32>, &'static str) {
    let (doc_year, how) = document_year(scan, published);
    let mut out = Vec::with_capacity(scan.dates.len());
    let mut prev: Option<NaiveDate> = None;
    for (dm, _) in &scan.dates {
        let resolved = match dm.form {
            DateForm::Full(d) => Some(d),
            DateForm::SameYearMonthDay { month, day } => {
                prev.and_then(|p| NaiveDate::from_ymd_opt(p.year(), month, day))
            }
            DateForm::MonthDay { month, day } => {
                let year = preceding_year(scan, dm.start).or(doc_year);
                year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
            }
            // `翌20日` / `同20日`: a day of the month of the previous date.
            DateForm::DayOnly { day }
                if prev.is_some()
                    && (scan.text[..dm.start].ends_with('翌')
                        || scan.text[..dm.start].ends_with('同')
                        || scan.text[..dm.start].trim_end().ends_with("同月")) =>
            {
                prev.and_then(|p| NaiveDate::from_ymd_opt(p.year(), p.month(), day))
                    .filter(|d| *d >= prev.unwrap_or(*d))
            }
            DateForm::DayOnly { day } => published.and_then(|p| {
                // The latest such day on or before publication.
                let this = NaiveDate::from_ymd_opt(p.year(), p.month(), day).filter(|d| *d <= p);
                this.or_else(|| {
                    let first = NaiveDate::from_ymd_opt(p.year(), p.month(), 1)?;
                    let prev_month = first - Duration::days(1);
                    NaiveDate::from_ymd_opt(prev_month.year(), prev_month.month(), day)
                })
            }),
            DateForm::SameDay => prev,
            DateForm::NextDay => prev.map(|p| p + Duration::days(1)),
            DateForm::PreviousDay => prev.map(|p| p - Duration::days(1)),
        };
        if resolved.is_some() {
            prev = resolved;
        }
        out.push(resolved);
    }
    (out, doc_year, how)
}

/// The year written closest before `pos`. A year that bounds a range (`2021年以降`,
/// `2021年1月以降に申し込んだ方`, `2019年4月から`) speaks of a span, not of when the events
/// happened, and is skipped.
fn preceding_year(scan: &DocScan, pos: usize) -> Option<i32> {
    let i = scan.years.partition_point(|y| y.start < pos);
    scan.years[..i]
        .iter()
        .rev()
        .find(|y| !year_bounds_a_range(scan.text, y.end))
        .map(|y| y.year)
}

/// Whether the year ending at `end` is followed (after an optional month) by a range word.
fn year_bounds_a_range(text: &str, end: usize) -> bool {
    let after = crate::text::window_after(text, end, 24);
    let after = after.trim_start();
    let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = match after[digits..].trim_start().strip_prefix('月') {
        Some(r) if (1..=2).contains(&digits) => r.trim_start(),
        _ => after,
    };
    ["以前", "以降", "から", "より", "頃から", "ごろから", "まで"]
        .iter()
        .any(|w| rest.starts_with(w))
}

/// The document's year: its publication date, else a year in the title, else the latest
/// year the text states.
fn document_year(scan: &DocScan, published: Option<NaiveDate>) -> (Option<i32>, &'static str) {
    if let Some(p) = published {
        return (Some(p.year()), "publication date");
    }
    if let Some(t) = scan.title_line() {
        let title = scan.layout.line_text(scan.text, t);
        let bytes = title.as_bytes();
        for i in 0..bytes.len().saturating_sub(3) {
            let w = &bytes[i..i + 4];
            if (w.starts_with(b"20") || w.starts_with(b"19"))
                && w.iter().all(|b| b.is_ascii_digit())
                && (i == 0 || !bytes[i - 1].is_ascii_digit())
                && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit())
            {
                if let Ok(y) = std::str::from_utf8(w).unwrap_or("").parse::<i32>() {
                    return (Some(y), "year in the title");
                }
            }
        }
    }
    let latest = scan
        .years
        .iter()
        .filter(|y| !year_bounds_a_range(scan.text, y.end))
        .map(|y| y.year)
        .max();
    (latest, "latest year stated in the text")
}

const DISCLOSED: &[&str] = &[
    "発表",
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
const W_DISCLOSED: u16 = 1;
const W_DETECTED: u16 = 1 << 1;
const W_OCCURRED: u16 = 1 << 2;
const W_POLICE_ORG: u16 = 1 << 3;
const W_POLICE_ACT: u16 = 1 << 4;
const W_PPC_ORG: u16 = 1 << 5;
const W_PPC_ACT: u16 = 1 << 6;
const W_STOPPED: u16 = 1 << 7;
const W_RESTORED: u16 = 1 << 8;
const W_CLAIMED: u16 = 1 << 9;
const W_REGULATOR: u16 = 1 << 10;

/// Which word lists a clause holds, and where its first disclosure word starts: one
/// automaton pass per clause instead of a substring search per word (classifying dates
/// was a tenth of extraction time).
struct ClauseWords {
    lists: u16,
    first_disclosed: Option<usize>,
}

impl ClauseWords {
    fn of(s: &str) -> ClauseWords {
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

    fn has(&self, bits: u16) -> bool {
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

/// `s` with the text inside 「」 and 『』 replaced by nothing (unbalanced brackets are kept).
fn without_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '「' | '『' => depth += 1,
            '」' | '』' if depth > 0 => depth -= 1,
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
fn is_lead_announcement(scan: &DocScan, idx: usize) -> bool {
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

/// The features of date mention `idx` as an event of the victim's block: its form, the words
/// of its clause (and of the narrative after it, up to the next date), what the clause rules
/// propose (`rule.*`), where it stands (header, title, distance to the victim), and how it
/// compares with the block's other dates.
pub fn mention_features(
    ctx: &VictimContext,
    idx: usize,
    resolved: &[Option<NaiveDate>],
    kinds: &DateKinds,
    published: Option<NaiveDate>,
    header: Option<usize>,
) -> Features {
    let scan = ctx.scan;
    let (dm, sent) = scan.dates[idx];
    let mut f = Features::new();
    let form = match dm.form {
        DateForm::Full(_) => "form.full",
        DateForm::MonthDay { .. } => "form.month_day",
        DateForm::DayOnly { .. } => "form.day_only",
        DateForm::SameYearMonthDay { .. } => "form.same_year",
        DateForm::SameDay => "form.same_day",
        DateForm::NextDay => "form.next_day",
        DateForm::PreviousDay => "form.previous_day",
    };
    f.flag(form, true);
    for k in kinds.of(scan, idx) {
        f.flag(
            match k {
                DateKind::Occurred => "rule.occurred",
                DateKind::Detected => "rule.detected",
                DateKind::Disclosed => "rule.disclosed",
                DateKind::ReportedPolice => "rule.reported_police",
                DateKind::ReportedPpc => "rule.reported_ppc",
                DateKind::AttackerClaim => "rule.attacker_claim",
                DateKind::ServiceStopped => "rule.service_stopped",
                DateKind::ServiceRestored => "rule.service_restored",
                DateKind::RegulatorAction => "rule.regulator_action",
                DateKind::Reported => "rule.reported",
            },
            true,
        );
    }
    // The clause after the date, up to the next date of the sentence.
    let s = scan.layout.sentences[sent];
    let next_start = scan
        .dates
        .get(idx + 1)
        .filter(|(_, ns)| *ns == sent)
        .map_or(s.end, |(d, _)| d.start);
    let clause = scan.text.get(dm.end..next_start).unwrap_or("");
    let words = ClauseWords::of(clause);
    let sentence_words = ClauseWords::of(scan.text.get(s.start..s.end).unwrap_or(""));
    for (bit, name, sname) in [
        (W_DISCLOSED, "clause.disclosed", "sentence.disclosed"),
        (W_DETECTED, "clause.detected", "sentence.detected"),
        (W_OCCURRED, "clause.occurred", "sentence.occurred"),
        (W_POLICE_ACT, "clause.police_act", "sentence.police_act"),
        (W_POLICE_ORG, "clause.police", "sentence.police"),
        (W_PPC_ORG, "clause.ppc", "sentence.ppc"),
        (W_PPC_ACT, "clause.ppc_act", "sentence.ppc_act"),
        (W_STOPPED, "clause.stopped", "sentence.stopped"),
        (W_RESTORED, "clause.restored", "sentence.restored"),
        (W_CLAIMED, "clause.claimed", "sentence.claimed"),
        (W_REGULATOR, "clause.regulator", "sentence.regulator"),
    ] {
        f.flag(name, words.has(bit));
        f.flag(sname, sentence_words.has(bit));
    }
    let head = crate::text::window_after(clause, 0, 12);
    f.flag(
        "clause.period_start",
        ["から", "~", "〜", "より", "以降"].iter().any(|w| {
            head.trim_start_matches(|c: char| {
                "()時分頃午前後正月火水木金土日曜半 0123456789:".contains(c)
            })
            .starts_with(w)
        }),
    );
    f.flag("clause.until", head.contains("まで"));
    // The narrative after the date: following sentences of the paragraph up to the next date
    // (`令和5年3月2日午前10時頃、…。職員が気づき、…警察に届け出た。`).
    let mut narrative = 0u16;
    for x in (sent + 1)..(sent + 4).min(scan.layout.sentences.len()) {
        let dated = scan.dates[idx + 1..].iter().any(|(_, ns)| *ns == x);
        if dated || scan.line_of(x) > scan.line_of(sent) + 1 {
            break;
        }
        narrative |= ClauseWords::of(scan.sentence_text(x)).lists;
    }
    for (bit, name) in [
        (W_DETECTED, "narrative.detected"),
        (W_OCCURRED, "narrative.occurred"),
        (W_POLICE_ACT, "narrative.police_act"),
        (W_PPC_ACT, "narrative.ppc_act"),
        (W_DISCLOSED, "narrative.disclosed"),
    ] {
        f.flag(name, narrative & bit != 0);
    }
    let before = scan.text.get(s.start..dm.start).unwrap_or("");
    f.flag(
        "before.label",
        ["発表日", "公表日", "掲載日", "更新日", "公開日"]
            .iter()
            .any(|w| before.contains(w)),
    );
    f.flag("before.topic", before.trim_end().ends_with('は'));
    f.flag("lead_announcement", is_lead_announcement(scan, idx));
    f.flag("header_date", Some(dm.start) == header);
    f.flag("in_title", Some(scan.line_of(sent)) == ctx.title_line);
    let timeline = before
        .trim_matches(|c: char| c == '-' || c == '・' || c.is_whitespace())
        .is_empty()
        && clause.trim().chars().count() <= 12;
    f.flag("timeline_entry", timeline);
    let distance = ctx.block.distance_of(sent).unwrap_or(99);
    f.flag("distance.0", distance == 0);
    f.flag("distance.1", distance == 1);
    f.flag("distance.far", distance > 3);
    f.flag("sentence.hedge", scan.has(sent, mark::HEDGE));
    f.flag("sentence.generic", scan.has(sent, mark::GENERIC));
    f.flag("sentence.background", scan.has(sent, mark::BACKGROUND));
    // Against the other dates of the block.
    let date = resolved.get(idx).copied().flatten();
    let block_dates: Vec<NaiveDate> = scan
        .dates
        .iter()
        .enumerate()
        .filter(|(_, (_, s2))| ctx.in_block(*s2))
        .filter_map(|(j, _)| resolved.get(j).copied().flatten())
        .collect();
    if let Some(d) = date {
        let earlier = block_dates.iter().filter(|x| **x < d).count();
        let later = block_dates.iter().filter(|x| **x > d).count();
        f.flag("order.earliest", earlier == 0);
        f.flag("order.latest", later == 0);
        f.flag("order.only", earlier == 0 && later == 0);
        let first_mention = scan
            .dates
            .iter()
            .enumerate()
            .find(|(j, (_, s2))| {
                ctx.in_block(*s2) && resolved.get(*j).copied().flatten() == Some(d)
            })
            .map(|(j, _)| j);
        f.flag("order.first_mention_of_day", first_mention == Some(idx));
        if let Some(p) = published {
            f.flag("published.same_day", d == p);
            f.flag("published.after", d > p);
            f.flag("published.week_before", d < p && (p - d).num_days() <= 7);
        }
    }
    f
}

/// Dates of the victim's block: for each schema kind, the mention the learned role model
/// finds most probable, when it reaches the threshold.
#[allow(clippy::too_many_arguments)]
pub fn find_dates(
    ctx: &VictimContext,
    resolved: &[Option<NaiveDate>],
    date_kinds: &DateKinds,
    published: Option<NaiveDate>,
    models: &[LinearModel],
    threshold: f32,
) -> (Vec<Field<DatedEvent>>, String) {
    let scan = ctx.scan;
    let header = header_release_date(scan, resolved).map(|h| h.1);
    let latest_full = scan
        .dates
        .iter()
        .filter(|(d, _)| Some(d.start) != header)
        .filter(|(d, s)| ctx.in_block(*s) && matches!(d.form, DateForm::Full(_)))
        .filter_map(|(d, _)| match d.form {
            DateForm::Full(x) => Some(x),
            _ => None,
        })
        .max();
    let mut unresolved = 0usize;
    let mut mentions: Vec<(usize, NaiveDate, Features)> = Vec::new();
    for (i, (_, sent)) in scan.dates.iter().enumerate() {
        if !ctx.in_block(*sent) || ctx.weight(*sent) < 0.02 {
            continue;
        }
        let Some(date) = resolved.get(i).copied().flatten() else {
            unresolved += 1;
            continue;
        };
        let f = mention_features(ctx, i, resolved, date_kinds, published, header);
        mentions.push((i, date, f));
    }
    let mut out = Vec::new();
    let mut parts = Vec::new();
    for (kind, model) in DateKind::SCHEMA.iter().zip(models) {
        let Some(yes) = model.class_index("yes") else {
            continue;
        };
        let best = mentions
            .iter()
            .map(|(i, d, f)| (*i, *d, model.probabilities(f)[yes], f))
            .max_by(|a, b| a.2.total_cmp(&b.2).then(b.0.cmp(&a.0)));
        let Some((i, mut date, p, f)) = best else {
            continue;
        };
        if p < threshold {
            continue;
        }
        let (dm, sent) = scan.dates[i];
        // A disclosure follows the events it reports: a month-day whose year was guessed (no
        // publication date to anchor it) and lands before the latest stated event moves to
        // that event's year.
        if *kind == DateKind::Disclosed
            && published.is_none()
            && matches!(dm.form, DateForm::MonthDay { .. })
        {
            if let Some(l) = latest_full.filter(|l| date < *l) {
                if let Some(d2) = NaiveDate::from_ymd_opt(l.year(), date.month(), date.day()) {
                    date = if d2 < l {
                        NaiveDate::from_ymd_opt(l.year() + 1, date.month(), date.day())
                            .unwrap_or(d2)
                    } else {
                        d2
                    };
                }
            }
        }
        let top: Vec<String> = model
            .contributions(f, yes)
            .into_iter()
            .take(3)
            .map(|c| format!("{} {:+.2}", c.feature, c.amount))
            .collect();
        parts.push(format!(
            "{}={date} (p {p:.2}; {})",
            kind.as_str(),
            top.join(", ")
        ));
        out.push(Field::new(
            DatedEvent { kind: *kind, date },
            ctx.confidence(p.clamp(0.05, 0.99), sent),
            format!("date.model:{}", kind.as_str()),
            Some(ctx.evidence(dm.start, dm.end, sent)),
        ));
    }
    let msg = if parts.is_empty() {
        format!(
            "no dated event near the victim ({} dates, {unresolved} without a known year)",
            mentions.len()
        )
    } else {
        format!("{} ({unresolved} unresolved)", parts.join("; "))
    };
    (out, msg)
}

/// The date line of a release's header (`2025年9月12日` / `令和7年9月5日` / `2023.07.06(木)` alone
/// on one of the first five lines): the day the issuer published it.
pub fn header_release_date(
    scan: &DocScan,
    resolved: &[Option<NaiveDate>],
) -> Option<(NaiveDate, usize, usize, usize)> {
    // Dates come in text order: stop at the first one past the header lines.
    scan.dates
        .iter()
        .enumerate()
        .take_while(|(_, (_, sent))| scan.line_of(*sent) <= 5)
        .find_map(|(i, (dm, sent))| {
            let lt = scan.layout.line_text(scan.text, scan.line_of(*sent));
            // A header date line is short; never copy a long paragraph line per date.
            if lt.len() > 80 {
                return None;
            }
            let rest = lt.replacen(scan.text.get(dm.start..dm.end)?, "", 1);
            let rest: String = rest
                .chars()
                .filter(|c| !c.is_whitespace() && !"()()月火水木金土日曜".contains(*c))
                .collect();
            let date = resolved.get(i).copied().flatten()?;
            (rest.is_empty() && matches!(dm.form, DateForm::Full(_)))
                .then_some((date, dm.start, dm.end, *sent))
        })
}

/// The date in a URL path such as `https://example.jp/article/2025/09/16/123.html`:
/// (date, start, end) of the `YYYY/MM/DD` part.
pub fn url_path_date(s: &str) -> Option<(NaiveDate, usize, usize)> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(pos) = s[from..].find("://") {
        let url_start = from + pos;
        let url_end = s[url_start..]
            .find(|c: char| c.is_whitespace() || !c.is_ascii())
            .map_or(s.len(), |e| url_start + e);
        let url = &s[url_start..url_end];
        for (i, _) in url.match_indices('/') {
            let rest = &url.as_bytes()[i + 1..];
            let digits = |r: &[u8], n: usize| r.len() >= n && r[..n].iter().all(u8::is_ascii_digit);
            if digits(rest, 4)
                && rest.get(4) == Some(&b'/')
                && digits(&rest[5..], 2)
                && rest.get(7) == Some(&b'/')
                && digits(&rest[8..], 2)
                && rest
                    .get(10)
                    .is_none_or(|c| *c == b'/' || *c == b'.' || *c == b'-' || *c == b'_')
            {
                let num = |a: usize, b: usize| url[i + 1 + a..i + 1 + b].parse::<u32>().ok();
                if let (Some(y), Some(m), Some(d)) = (num(0, 4), num(5, 7), num(8, 10)) {
                    if (1990..=2100).contains(&y) {
                        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                            let a = url_start + i + 1;
                            return Some((date, a, a + 10));
                        }
                    }
                }
            }
        }
        from = url_end.max(url_start + 3);
        if from >= bytes.len() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_date_from_article_url() {
        let line = "詳しくは https://news.example.com/it/2024/03/07/5512.html を参照";
        let (d, a, b) = url_path_date(line).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2024, 3, 7).unwrap());
        assert_eq!(&line[a..b], "2024/03/07");
        assert!(url_path_date("https://example.com/a/2024/13/40/x").is_none());
        assert!(url_path_date("2024/03/07 に発表").is_none());
    }
}
