//! The words of a date's clause and what they say happened on it (the `rule.*` proposals and
//! the clause/sentence/narrative word features read them).

use crate::scan::DocScan;
use leakwatch_jatext::DateForm;
use leakwatch_model::DateKind;

/// The date-word lists, one `[section]` each, in a data file.
const DATE_WORDS: &str = include_str!("../../data/lexicon/date_words.txt");

/// The sections of the date-words file, each with the clause bit it sets (`response` sets
/// none: it is read on its own, [`response_words`]).
const SECTIONS: [(&str, u16); 12] = [
    ("disclosed", W_DISCLOSED),
    ("detected", W_DETECTED),
    ("occurred", W_OCCURRED),
    ("police_org", W_POLICE_ORG),
    ("police_act", W_POLICE_ACT),
    ("ppc_org", W_PPC_ORG),
    ("ppc_act", W_PPC_ACT),
    ("stopped", W_STOPPED),
    ("restored", W_RESTORED),
    ("claimed", W_CLAIMED),
    ("regulator", W_REGULATOR),
    ("response", 0),
];

/// The words of each `[section]` of `text`, in file order: (section, word).
fn date_words(text: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut section = "";
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
        } else if !line.is_empty() && !line.starts_with('#') {
            out.push((section, line));
        }
    }
    out
}

/// What the writer does in response (apologies, explanations, a help desk, notices to the
/// people affected): a period they start is no event of the incident.
fn response_words() -> &'static [&'static str] {
    static WORDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        date_words(DATE_WORDS)
            .into_iter()
            .filter(|(s, _)| *s == "response")
            .map(|(_, w)| w)
            .collect()
    })
}

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
#[derive(Clone, Copy)]
pub(super) struct ClauseWords {
    pub(super) lists: u16,
    pub(super) first_disclosed: Option<usize>,
}

impl ClauseWords {
    pub(super) fn of(s: &str) -> ClauseWords {
        static AUTOMATON: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<u16>)> =
            std::sync::OnceLock::new();
        let (ac, bits) = AUTOMATON.get_or_init(|| {
            let mut words = Vec::new();
            let mut bits = Vec::new();
            for (section, word) in date_words(DATE_WORDS) {
                let bit = SECTIONS
                    .iter()
                    .find(|(name, _)| *name == section)
                    .map_or(0, |(_, bit)| *bit);
                if bit != 0 {
                    words.push(word);
                    bits.push(bit);
                }
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
    /// The word lists of each sentence, for the date features that read whole sentences
    /// (a mention's own and the narrative after it; every victim's block reads them again).
    sentence_words: Vec<std::cell::OnceCell<ClauseWords>>,
}

impl DateKinds {
    pub fn new(scan: &DocScan) -> DateKinds {
        DateKinds {
            cells: (0..scan.dates.len())
                .map(|_| std::cell::OnceCell::new())
                .collect(),
            sentence_words: (0..scan.layout.sentences.len())
                .map(|_| std::cell::OnceCell::new())
                .collect(),
        }
    }

    /// The word lists of sentence `s`.
    pub(super) fn sentence_words(&self, scan: &DocScan, s: usize) -> ClauseWords {
        match self.sentence_words.get(s) {
            Some(cell) => *cell.get_or_init(|| ClauseWords::of(scan.sentence_text(s))),
            None => ClauseWords::of(scan.sentence_text(s)),
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

/// Endings that make the clause before them a fact found out (`…行われていたことが分かった`).
const FOUND_OUT: &[&str] = &[
    "ことが分か",
    "ことがわか",
    "ことが判明",
    "ことを確認",
    "ことが確認",
    "ことを把握",
    "ことに気づ",
    "ことに気付",
];

/// The part of a date's clause before a finding-out ending (`から断続的に行われていた`), or
/// the whole clause. A day set off by a comma (`7月14日、…流出したことが判明したと発表した`)
/// is the main verb's, not the embedded one's.
pub(crate) fn before_found_out(clause: &str) -> &str {
    if clause.trim_start().starts_with(['、', ',']) {
        return clause;
    }
    FOUND_OUT
        .iter()
        .filter_map(|w| clause.find(w))
        .min()
        .map_or(clause, |i| &clause[..i])
}

/// Where date `idx`'s clause ends: at the next date of its sentence, else at the sentence's end.
pub(super) fn clause_end(scan: &DocScan, idx: usize) -> usize {
    let sent = scan.dates[idx].1;
    scan.dates
        .get(idx + 1)
        .filter(|(_, ns)| *ns == sent)
        .map_or(scan.layout.sentences[sent].end, |(d, _)| d.start)
}

/// The kinds a date's clause states: the schema's kinds, plus timeline kinds (service stopped
/// or restored, attacker claim, regulator action) for full dates whose clause says so.
fn classify(scan: &DocScan, idx: usize) -> Vec<DateKind> {
    let mut kinds = classify_schema(scan, idx);
    let dm = scan.dates[idx].0;
    if !matches!(dm.form, DateForm::Full(_)) {
        return kinds;
    }
    let next_start = clause_end(scan, idx);
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReportNumber {
    First,
    Later,
}

/// Which report a date's clause names (`…に「…(第1報)」を`, `…に同(第2報)を`), when its
/// sentence tells that reports were published (公表/お知らせ/発表/掲載).
fn report_number(scan: &DocScan, idx: usize) -> Option<ReportNumber> {
    let (dm, sent) = scan.dates[idx];
    let s = scan.layout.sentences[sent];
    let next_start = clause_end(scan, idx);
    let clause = scan.text.get(dm.end..next_start)?;
    let rest = scan.text.get(dm.end..s.end)?;
    if !["公表", "お知らせ", "発表", "掲載"]
        .iter()
        .any(|w| rest.contains(w))
    {
        return None;
    }
    if ["第1報", "第一報"].iter().any(|w| clause.contains(w)) {
        Some(ReportNumber::First)
    } else if ["第2報", "第二報", "第3報", "第三報", "第4報", "続報"]
        .iter()
        .any(|w| clause.contains(w))
    {
        Some(ReportNumber::Later)
    } else {
        None
    }
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
    let dm = scan.dates[idx].0;
    let before = scan.text[..dm.start].trim_end();
    let after = after_date(scan.text, dm.end);
    // A status (`12月1日現在`) or the last day of a range (`~7月26日`) dates no event.
    if after.starts_with("現在") || after.starts_with("時点") || is_range_end(before) {
        return Vec::new();
    }
    // A labelled date (`発覚日時:…`, or a `発生日時` heading over the date's line) is what
    // its label says; the line after it is another field.
    let label = LabelWords::of(scan, idx);
    let labelled: Vec<DateKind> = [
        (label.occurred, DateKind::Occurred),
        (label.detected, DateKind::Detected),
        (label.disclosed, DateKind::Disclosed),
        (label.police, DateKind::ReportedPolice),
        (label.ppc, DateKind::ReportedPpc),
    ]
    .into_iter()
    .filter_map(|(on, k)| on.then_some(k))
    .collect();
    if !labelled.is_empty() {
        return labelled;
    }
    // A dated list entry (`…流出(2006/04/21)`, `2007/3/1 ○○ 誤送信…`) is dated by its report,
    // and so is a release cited by its date (`11月11日付「…のお詫び」`, `(9月13日掲載)`).
    let cited = after
        .strip_prefix('付')
        .map(|r| r.trim_start_matches(['け', 'の']))
        .is_some_and(|r| {
            r.starts_with(['「', '『', '【'])
                || ["発表", "公表", "お知らせ", "リリース"]
                    .iter()
                    .any(|w| r.starts_with(w))
        })
        || (before.ends_with(['(', '[']) && after.starts_with("掲載"));
    if cited || entry_position(scan, idx) == Some(Entry::Trailing) {
        return vec![DateKind::Disclosed];
    }
    // `2007/3/1 ○○金庫 案内メール誤配信…` opens a dated list's entry, dated by its report; a
    // timeline's line (`2025年9月8日 不審な通信を検知`) states its own event.
    if entry_position(scan, idx) == Some(Entry::Leading) {
        let kinds = classify_clause(scan, idx);
        // A row of a table of reports (`5/19<TAB>一般社団法人A<TAB>…を誤送信<TAB>1,377名`) is
        // dated by its report, whatever its summary tells.
        let table_row = scan
            .layout
            .lines
            .get(scan.line_of(scan.dates[idx].1))
            .and_then(|l| scan.text.get(scan.dates[idx].0.end..l.end))
            .is_some_and(|rest| rest.matches('\t').count() >= 2);
        if table_row && entry_line_names_an_org(scan, idx) {
            return vec![DateKind::Disclosed];
        }
        // So is an entry of a dated list of organisations' reports that opens with whom it
        // is about (`[2026/02/03] 株式会社A サーバーがランサムウェアに感染…`).
        if entry_opening_org(scan, idx).is_some() && scan.dated_list_of_orgs() {
            return vec![DateKind::Disclosed];
        }
        // A list entry names whom it is about; a release's own timeline line (`6月18日
        // 連絡のつかなかったお客様へ書面を郵送した`) names no one and reports nothing.
        return if kinds.is_empty() && entry_line_names_an_org(scan, idx) {
            vec![DateKind::Disclosed]
        } else {
            kinds
        };
    }
    // A digest's date heading (`■6月3日`, `6月12日(水)` alone on its line) over entries that
    // name whom they are about dates their reports, as a dated list's entries are.
    if date_heading_over_entries(scan, idx) {
        let kinds = classify_clause(scan, idx);
        return if kinds.is_empty() {
            vec![DateKind::Disclosed]
        } else {
            kinds
        };
    }
    // `12月19日に「…(第1報)」を、1月23日に同(第2報)を公表し`: the date of the first report
    // is the disclosure; a later report's date, told beside it, is not.
    match report_number(scan, idx) {
        Some(ReportNumber::First) => return vec![DateKind::Disclosed],
        Some(ReportNumber::Later)
            if (0..idx).any(|j| {
                scan.dates[j].1 == scan.dates[idx].1
                    && report_number(scan, j) == Some(ReportNumber::First)
            }) =>
        {
            let mut kinds = classify_clause(scan, idx);
            kinds.retain(|k| *k != DateKind::Disclosed);
            return kinds;
        }
        _ => {}
    }
    // `1月17日及び2月14日付「…」にて` / `3日と5日に公表`: a date coordinated with the next one
    // shares its verb.
    if let Some((next, _)) = scan.dates.get(idx + 1) {
        let between = scan.text.get(dm.end..next.start).unwrap_or("");
        let between = after_date(between, 0).trim();
        if ["及び", "および", "と", "、", "並びに", "や"].contains(&between) {
            return classify_schema(scan, idx + 1);
        }
    }
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
    let next_start = clause_end(scan, idx);
    let before = text.get(prev_end..dm.start).unwrap_or("");
    let mut after = text.get(dm.end..next_start).unwrap_or("").to_string();
    // A cleft sentence puts the verb before the date (`改ざんを見つけたのは9月12日でした`):
    // the clause before `のは` is the date's.
    if let Some(head) = before.trim_end().strip_suffix("のは") {
        let clause_start = head.rfind(['、', '。']).map_or(0, |i| i + '、'.len_utf8());
        after = format!("{}{after}", &head[clause_start..]);
    }
    // A timeline entry (the date alone on its line): its words are on the next line.
    // At most two words' characters after it (digits, times and weekdays do not count).
    let nearly_nothing_after = after
        .chars()
        .filter(|c| {
            !c.is_ascii_digit()
                && !c.is_whitespace()
                && !"()時分頃午前後正(月火水木金土日曜)-:~".contains(*c)
        })
        .nth(2)
        .is_none();
    // The document's own date line at the top (the first date, on one of the first lines)
    // is no timeline entry: the line after it starts the story. (A digest's date heading
    // heads its first entry.)
    let document_header =
        idx == 0 && scan.line_of(sent) <= 5 && !date_heading_over_entries(scan, idx);
    if nearly_nothing_after
        && !document_header
        && before
            .trim_matches(|c: char| {
                c == '-'
                    || c == '・'
                    || c.is_whitespace()
                    || crate::segment::HEADING_MARKS.contains(&c)
                    || "【[〔".contains(c)
            })
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
    // The attackers' own act (`グループは5月8日、…データの一部を公開した`) is their claim, not
    // the victim's disclosure.
    let attacker_topic = {
        let b = before.trim_end_matches(['、', ' ', '\u{3000}']);
        [
            "グループは",
            "集団は",
            "攻撃者は",
            "ハッカーは",
            "犯人グループは",
        ]
        .iter()
        .any(|w| b.ends_with(w))
    };
    let claim = after.contains("声明")
        || before.contains("声明")
        || after.contains("犯行")
        || attacker_topic;
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
    // A period of the response (`8月7日から順次おわびと説明を行なっている`, `…から窓口を
    //開設`) dates no event of the incident.
    // (A range of hours, `13時20分~14時の間に`, is when the event itself happened.)
    let hours = || {
        crate::text::window_after(after.trim_start(), 0, 40)
            .chars()
            .take_while(|c| !matches!(c, 'か' | 'よ' | '~' | '〜'))
            .any(|c| c == '時')
    };
    let response_period = period_start && !hours() && {
        let span = crate::text::window_after(&after, 0, 120);
        let span = span.find("まで").map_or(span, |i| &span[..i]);
        response_words().iter().any(|w| span.contains(w)) && !ClauseWords::of(span).has(W_OCCURRED)
    };
    if period_start && leak_context && !response_period {
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
    // `…を確認しましたので、本日公表します`: the announcement is this document, not an event
    // of the date (the document's own date is its `published`).
    let first_disclosure = words.first_disclosed.filter(|&at| {
        let head = after.get(..at).unwrap_or("").trim_end_matches(['、', ' ']);
        !["本日", "ここに", "今般", "このたび", "この度"]
            .iter()
            .any(|w| head.ends_with(w))
    });
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
    // `6月21日に…ファイルが暗号化されているのが見つかった`, `本年4月19日、…持ち出していた
    // ことが判明`: a state found on the date the sentence opens with is the finding's date;
    // when the state began is not told.
    // (Not when the date also tells an event of its own, `障害が発生し`, or an
    // investigation's end, `調査が完了し`: the first notice came earlier.)
    // Nor when the date belongs to a relative clause (`6月2日に発送した通知書を…送っていた
    // ことが分かった`).
    let relative = after.strip_prefix('に').is_some_and(|r| {
        let head: String = r
            .chars()
            .take_while(|c| !"、。がをは".contains(*c))
            .take(8)
            .collect();
        ["した", "された", "する", "される"]
            .iter()
            .any(|v| head.contains(v))
    });
    let finding_a_state = opens_sentence(before)
        && !relative
        && state_found(&after)
        && !["発生し", "調査が完了", "調査の結果", "調査結果"]
            .iter()
            .any(|w| after.contains(w));
    if words.has(W_DETECTED) && (!finding_about_event || finding_a_state) {
        kinds.push(DateKind::Detected);
    }
    if !period_start && words.has(W_OCCURRED) && !finding_a_state {
        kinds.push(DateKind::Occurred);
    }
    // A find handed in to the police by someone else (`警察に届けられ`) and the police telling
    // the victim (`警察から連絡`) are no report of the victim's. (The clause is read again
    // only when it holds such a find.)
    let police_words = if after.contains("届けられ") {
        ClauseWords::of(&after.replace("届けられ", ""))
    } else {
        words
    };
    let around = format!("{before}{after}")
        .replace("警察から", "")
        .replace("届けられ", "");
    let around = ClauseWords::of(&around);
    // One report to both (`警察および個人情報保護委員会に報告`) is the police's too.
    let reported_with_ppc = around.has(W_PPC_ORG) && words.has(W_PPC_ACT);
    if around.has(W_POLICE_ORG) && (police_words.has(W_POLICE_ACT) || reported_with_ppc) {
        kinds.push(DateKind::ReportedPolice);
    }
    if reported_with_ppc {
        kinds.push(DateKind::ReportedPpc);
    }
    kinds
}

/// What a short label by the date says (`発覚日時:令和6年10月23日`, or a heading line
/// `発生日時` above a line that holds only the date).
#[derive(Default)]
pub(super) struct LabelWords {
    pub(super) occurred: bool,
    pub(super) detected: bool,
    pub(super) disclosed: bool,
    pub(super) police: bool,
    pub(super) ppc: bool,
}

impl LabelWords {
    pub(super) fn of(scan: &DocScan, idx: usize) -> LabelWords {
        let Some(label) = label_text(scan, idx) else {
            return LabelWords::default();
        };
        let w = ClauseWords::of(label);
        LabelWords {
            occurred: w.has(W_OCCURRED) || label.contains("発生"),
            detected: w.has(W_DETECTED),
            disclosed: w.has(W_DISCLOSED),
            police: w.has(W_POLICE_ORG),
            ppc: w.has(W_PPC_ORG),
        }
    }
}

/// At most this many characters make a label.
const LABEL_CHARS: usize = 15;

/// The label of date `idx`: the short text before it on its line, else, when its line holds
/// only the date, the previous non-empty line if it is short.
pub(super) fn label_text<'a>(scan: &DocScan<'a>, idx: usize) -> Option<&'a str> {
    let (dm, sent) = scan.dates[idx];
    let line = scan.line_of(sent);
    let l = scan.layout.lines.get(line)?;
    if let Some(heading) = column_heading(scan, line, dm.start) {
        return Some(heading);
    }
    let before = scan
        .text
        .get(l.start..dm.start)?
        .trim()
        .trim_start_matches(is_bullet)
        .trim();
    if !before.is_empty() {
        // A label, not the start of a sentence (`発表によると、…`, `同社は…`): it ends with a
        // separator or a space, or names a date (`発生日`, `発覚日時`).
        let raw = scan.text.get(l.start..dm.start)?;
        let separated = before.ends_with([':', '】', ']', '|', ')'])
            || raw.ends_with(char::is_whitespace)
            || ["日時", "日", "時期"].iter().any(|w| before.ends_with(w));
        return (separated && is_label(before)).then_some(before);
    }
    let rest = after_date(scan.text, dm.end);
    let rest = rest.get(..rest.find('\n').unwrap_or(rest.len()))?.trim();
    if !rest.is_empty() {
        return None;
    }
    let prev = (0..line)
        .rev()
        .map(|k| scan.layout.line_text(scan.text, k).trim())
        .find(|t| !t.is_empty())?;
    let prev = prev.trim_start_matches(is_bullet).trim();
    is_label(prev).then_some(prev)
}

/// The heading of the table column a date at byte `at` of `line` stands in (`組織名\t概要\t…
/// \t公表日` over `株式会社A\t…\t2026/03/02`): the rows above it, cells parted by tabs or
/// bars, up to the first, whose cell in the same column is a short label. None outside a
/// table or when the column's heading holds a number (another row).
fn column_heading<'a>(scan: &DocScan<'a>, line: usize, at: usize) -> Option<&'a str> {
    let l = scan.layout.lines.get(line)?;
    let row = scan.text.get(l.start..l.end)?;
    let sep = if row.contains('\t') {
        '\t'
    } else if row.contains('|') {
        '|'
    } else {
        return None;
    };
    let column = scan.text.get(l.start..at)?.matches(sep).count();
    if column == 0 {
        return None;
    }
    let mut header: Option<&'a str> = None;
    for k in (0..line).rev().take(40) {
        let t = scan.layout.line_text(scan.text, k);
        if t.trim().is_empty() || !t.contains(sep) {
            break;
        }
        header = Some(t);
    }
    let cell = header?.split(sep).nth(column)?.trim();
    (!cell.is_empty() && is_label(cell) && !cell.contains(|c: char| c.is_ascii_digit()))
        .then_some(cell)
}

/// Whether `s` is short enough for a label and no sentence (no 、 or 。 in it).
fn is_label(s: &str) -> bool {
    s.chars().count() <= LABEL_CHARS && !s.contains(['、', '。', ','])
}

/// Whether the text before a date ends a range's start (`7月24日~`, `1日から`): the date is
/// the period's last day. A list's bullet (`・`) is no range mark.
pub(super) fn is_range_end(before: &str) -> bool {
    let b = before.trim_end();
    b.ends_with(['~', '〜'])
        || b.strip_suffix('-')
            .is_some_and(|r| r.ends_with(|c: char| c.is_ascii_digit() || c == '日' || c == ')'))
        || b.ends_with("日から")
        || b.ends_with(")から")
}

/// Bullets, numbering and brackets that open a list line (`・`, `(1)`, `1.`, `【`).
fn is_bullet(c: char) -> bool {
    c.is_ascii_digit() || "・-*●○■□◆◇()【】[].、:|".contains(c)
}

/// The text after a date with its weekday and time stripped (`(木)午後4時21分頃` …).
pub(super) fn after_date(text: &str, end: usize) -> &str {
    text.get(end..).unwrap_or("").trim_start_matches(|c: char| {
        c.is_ascii_digit() || c == ' ' || "()時分秒頃ごろ午前後正月火水木金土日曜祝:".contains(c)
    })
}

/// Whether a clause tells of a state being found (`…暗号化されているのが見つかった`,
/// `…持ち出していたことが判明`, `…見られる状態になっていることがわかった`).
pub(super) fn state_found(clause: &str) -> bool {
    const STATES: &[&str] = &["ている", "ていた", "状態である", "状態だった"];
    const FOUND: &[&str] = &[
        "のが見つか",
        "のを見つけ",
        "ことが分か",
        "ことがわか",
        "ことが判明",
        "ことを確認",
        "ことが確認",
        "のを確認",
        "ことに気付",
        "ことに気づ",
        "のに気付",
        "のに気づ",
        "ことが発覚",
        "ことを把握",
    ];
    FOUND.iter().any(|f| {
        clause.match_indices(f).any(|(at, _)| {
            let head = &clause[..at];
            STATES.iter().any(|st| head.ends_with(st))
        })
    })
}

/// Whether the text before a date in its sentence leaves the date opening the narrative
/// (`2025年8月3日、…`, `発表によると、23年4月4日に…`, `市は、7月7日…`): the day the story
/// starts, often the event itself.
pub(super) fn opens_sentence(before: &str) -> bool {
    let lead = before.trim_matches(|c: char| c.is_whitespace() || "・-■●◆○◎※".contains(c));
    lead.is_empty()
        || ["によると、", "によりますと、", "によれば、"]
            .iter()
            .any(|w| lead.ends_with(w))
        || (lead.chars().count() <= 8 && (lead.ends_with('、') || lead.ends_with('は')))
}

/// Whether a sentence ends in the past tense (`…を確認しました。`, `…流出した。`): an event
/// that happened, not a plan (`…予定です。`) or a state (`…おります。`).
pub(super) fn ends_in_past(sentence: &str) -> bool {
    let t = sentence.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | '」' | '』' | ')' | '.')
    });
    ["た", "だ", "でした", "ました"]
        .iter()
        .any(|w| t.ends_with(w))
}

/// Whether a time of day follows a date (`7月7日午前11時ごろ`, `2月22日(水)16時頃から`): the
/// moment of an event, which announcements do not state.
pub(super) fn time_of_day_follows(after: &str) -> bool {
    let after = after.trim_start_matches(|c: char| {
        c == ' ' || c == '(' || c == ')' || "月火水木金土日曜祝".contains(c)
    });
    let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    [
        "午前", "午後", "未明", "深夜", "早朝", "夕方", "正午", "夜", "朝", "昼",
    ]
    .iter()
    .any(|w| after.starts_with(w))
        || (digits > 0 && after[digits..].starts_with(['時', ':']))
}

/// Where a date stands in a dated list entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Entry {
    /// `…1,163名分流出(2006/04/21)`: in parentheses at the end of the entry.
    Trailing,
    /// `2007/3/1 サンプル金庫 誤送信で…`: opening the entry, then a space and its text.
    Leading,
}

/// Dashes that set a trailing date off its entry (`…発表した。──6月6日`).
const ENTRY_DASHES: &[char] = &['─', '━', '—', '―', '–'];

/// Whether date `idx` is one of a digest's date headings (`segment::entry_date_headings`).
fn date_heading_over_entries(scan: &DocScan, idx: usize) -> bool {
    scan.date_headings()
        .contains(&scan.line_of(scan.dates[idx].1))
}

/// Whether the line of date `idx` names an organisation.
fn entry_line_names_an_org(scan: &DocScan, idx: usize) -> bool {
    let line = scan.line_of(scan.dates[idx].1);
    let Some(l) = scan.layout.lines.get(line) else {
        return false;
    };
    let first = scan.mentions.partition_point(|m| m.start < l.start);
    scan.mentions.get(first).is_some_and(|m| m.end <= l.end)
}

/// Whether `text` opens with a weekday in parentheses (`(火)`).
fn weekday_in_parentheses(text: &str) -> bool {
    let mut cs = text.chars();
    cs.next() == Some('(')
        && cs.next().is_some_and(|c| "月火水木金土日".contains(c))
        && cs.next() == Some(')')
}

/// The organisation an entry's text opens with right after its date (`[2026/02/03] 株式会社A
/// …`), when named by a legal form, a kind word or brackets — not an authority (a timeline's
/// `2月16日 個人情報保護委員会へ報告`) nor a bare word found by its position (`委託事業者から`).
fn entry_opening_org<'a>(scan: &'a DocScan, idx: usize) -> Option<&'a str> {
    let dm = scan.dates[idx].0;
    let rest =
        after_date(scan.text, dm.end).trim_start_matches([']', '】', '|', ' ', '\u{3000}', '\t']);
    let at = scan.text.len() - rest.len();
    scan.mention_starting_at(at)
        .filter(|m| {
            !matches!(
                m.kind,
                crate::org::OrgKind::Government | crate::org::OrgKind::Bare
            )
        })
        .map(|m| m.name.as_str())
}

/// Whether the document is a dated list of organisations' reports: at least two distinct
/// organisations open entries that a date leads (`2/3 株式会社A …`, `2/10 B市 …`). A
/// release's timeline leads its lines with acts, not with names.
pub(crate) fn dated_list_of_orgs(scan: &DocScan) -> bool {
    let mut names: Vec<&str> = Vec::new();
    for idx in 0..scan.dates.len() {
        if entry_position(scan, idx) != Some(Entry::Leading) {
            continue;
        }
        if let Some(name) = entry_opening_org(scan, idx) {
            if !names.contains(&name) {
                names.push(name);
                if names.len() >= 2 {
                    return true;
                }
            }
        }
    }
    false
}

pub(super) fn entry_position(scan: &DocScan, idx: usize) -> Option<Entry> {
    let (dm, sent) = scan.dates[idx];
    let line = scan.line_of(sent);
    let l = scan.layout.lines.get(line)?;
    let before = scan.text.get(l.start..dm.start)?;
    let after = scan.text.get(dm.end..l.end)?;
    // A report's date after its headline or its summary: the line names a leak or an incident
    // (a signature `市長 ○○(平成27年12月14日)` names none). The date may close a paragraph of
    // several sentences (`…書類は破棄された。(R6.10.4)`), so any sentence of the line counts.
    let (first, end) = scan.layout.line_sentences[line];
    // Or the line is the body of an entry under a marked heading (`◇株式会社A`).
    let under_entry_heading = line
        .checked_sub(1)
        .map(|p| scan.layout.line_text(scan.text, p))
        .is_some_and(|h| h.starts_with(crate::segment::HEADING_MARKS));
    // Or the line is an entry's own heading naming its organisation (`▼ 株式会社A 社内サーバーが
    // 暗号化 (11/5)`): a digest's headline need not say 流出.
    let own_entry_heading = scan
        .layout
        .line_text(scan.text, line)
        .trim_start()
        .starts_with(crate::segment::HEADING_MARKS)
        && entry_line_names_an_org(scan, idx);
    let headline = under_entry_heading
        || own_entry_heading
        || (first..end).any(|x| {
            scan.has(
                x,
                crate::lexicon::mark::LEAK | crate::lexicon::mark::INCIDENT,
            )
        });
    if headline && before.trim_end().ends_with(['(', '[']) {
        // (`…流出した可能性(2026年2月3日発表)`: the word of the report may close it.)
        let after = ["発表", "公表", "掲載"]
            .iter()
            .find_map(|w| after.trim_start().strip_prefix(w))
            .unwrap_or(after);
        let rest = after.trim_start().trim_start_matches([')', ']']).trim();
        if after.trim_start().starts_with([')', ']'])
            && (rest.is_empty() || rest.starts_with(['・', '、', '/', '|']))
        {
            return Some(Entry::Trailing);
        }
    }
    // `株式会社A|…を紛失|2026/2/3`: a table row's last cell, after the entry's words.
    if headline
        && before.trim_end().ends_with('|')
        && after.trim().is_empty()
        && entry_line_names_an_org(scan, idx)
    {
        return Some(Entry::Trailing);
    }
    // `…と発表した。──6月6日`: a dash sets the date off at the end of the entry's line.
    let dashed = before.trim_end();
    if headline
        && dashed.ends_with(ENTRY_DASHES)
        // (`5月1日―6月6日` is a range.)
        && !dashed.trim_end_matches(ENTRY_DASHES).trim_end().ends_with('日')
        && after.trim_start().trim_start_matches([')', ']']).trim().is_empty()
    {
        return Some(Entry::Trailing);
    }
    // The entry's text after the date (its weekday and time skipped) must be words, not a
    // particle (`…、` / `…に` make the date a sentence's) nor a header's trailer (`更新`).
    let lead = before.trim().trim_start_matches(is_bullet).trim();
    let text = after_date(after, 0)
        .trim_start_matches([']', '】', '|', ' ', '\u{3000}'])
        .trim_start();
    // The entry's text is set off by a space, a tab or a cell bar; or by the bracket closing
    // the date (`[2026/02/03] 株式会社A`, `【2/3】株式会社A`) or the date's weekday (`2月3日(火)
    // 株式会社A`) when a named organisation opens it (a timeline's `7月17日(水) 委託事業者から
    // 連絡` is no list entry).
    let set_off = after.starts_with([' ', '\u{3000}', '\t', '|'])
        || ((after.starts_with([']', '】']) || weekday_in_parentheses(after))
            && entry_opening_org(scan, idx).is_some());
    if lead.is_empty()
        && set_off
        && !text.is_empty()
        && !text.starts_with(['、', ',', 'に', 'か', 'ま', 'よ', 'の', '付'])
        && ![
            "更新", "配信", "現在", "掲載", "発表", "公開", "公表", "発行", "作成", "投稿",
        ]
        .iter()
        .any(|w| text.starts_with(w))
    {
        return Some(Entry::Leading);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_inside_a_fact_found_out_is_the_facts() {
        assert_eq!(
            before_found_out("から断続的に行われていたことが分かった。"),
            "から断続的に行われていた"
        );
        // A day set off by a comma belongs to the main verb.
        let told = "、同社の顧客情報が流出したことが判明したと発表した。";
        assert_eq!(before_found_out(told), told);
        assert_eq!(before_found_out("に検知した。"), "に検知した。");
    }
    use crate::dates::test_scan;

    /// The index of the first date mention whose text starts with `what`.
    fn at(scan: &DocScan, what: &str) -> usize {
        scan.dates
            .iter()
            .position(|(d, _)| scan.text[d.start..].starts_with(what))
            .expect("date mention")
    }

    #[test]
    fn a_table_column_s_heading_labels_its_dates() {
        let text = "今週の一覧\n\n組織名\t概要\t原因\t件数\t発生日\t公表日\n株式会社A\tサーバーが感染\tランサムウェア\t約4万件\t2026/02/26\t2026/03/02\nB市\tメールを誤送信\t誤送信\t96件\t2026/03/03\t2026/03/05\n";
        let (lex, orgs) = (
            crate::lexicon::Lexicons::new(),
            crate::org::OrgFinder::new(),
        );
        let scan = DocScan::new(text, &lex, &orgs);
        let kinds = DateKinds::new(&scan);
        let of = |w: &str| kinds.of(&scan, at(&scan, w)).to_vec();
        assert_eq!(of("2026/03/02"), vec![DateKind::Disclosed]);
        assert_eq!(of("2026/03/05"), vec![DateKind::Disclosed]);
        assert_eq!(of("2026/02/26"), vec![DateKind::Occurred]);
    }

    #[test]
    fn a_cleft_sentence_dates_the_verb_before_it() {
        let scan = test_scan(
            "カード会社からの連絡で調査を始め、改ざんを見つけたのは2025年9月12日でした。",
        );
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Detected]);
    }

    #[test]
    fn the_first_report_s_date_is_the_disclosure_and_a_later_one_s_is_not() {
        let scan = test_scan(
            "当社は、2025年3月4日に「不正アクセスに関するお知らせ(第1報)」を、2025年4月8日に同(第2報)を公表いたしました。",
        );
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Disclosed]);
        assert!(!classify_schema(&scan, 1).contains(&DateKind::Disclosed));
    }

    #[test]
    fn an_event_that_took_place_and_a_finding_told_first() {
        let kinds = |text: &str| classify_schema(&test_scan(text), 0);
        assert_eq!(
            kinds("2026年2月14日に発生した不正アクセスにより、サーバーが停止しました。"),
            vec![DateKind::Occurred]
        );
        assert_eq!(
            kinds("2月14日、名簿のファイルが誤ってインターネット上に公開されました。"),
            vec![DateKind::Occurred]
        );
        assert_eq!(
            kinds("2月14日、管理画面への不審なログインがありました。"),
            vec![DateKind::Occurred]
        );
        assert_eq!(
            kinds("2月14日に当社サーバーに対して行われた不正アクセスにより、情報が流出しました。"),
            vec![DateKind::Occurred]
        );
        assert_eq!(
            kinds("2月16日、不正アクセスを確認し、直ちにサーバーを停止しました。"),
            vec![DateKind::Detected]
        );
        // An ongoing state found out is no occurrence on the day it is found.
        assert!(
            !kinds("2月16日、不審な通信が発生していることを検知しました。")
                .contains(&DateKind::Occurred)
        );
    }

    #[test]
    fn a_wrong_setting_made_on_a_day_is_the_occurrence() {
        let scan = test_scan("同校の教員が11月7日、回答を誰でも閲覧できる設定にしていた。");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Occurred]);
    }

    #[test]
    fn a_state_found_on_the_opening_date_is_the_finding_only() {
        let scan = test_scan("6月21日に社内のファイルサーバーが暗号化されているのが見つかった。");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Detected]);
        // An event of its own on that date stays the occurrence.
        let scan = test_scan(
            "2026年1月9日早朝、社内システムに障害が発生し、調査の結果、サーバーが暗号化されていることを確認しました。",
        );
        assert!(classify_schema(&scan, 0).contains(&DateKind::Occurred));
        // A date in a relative clause dates that clause's act.
        let scan = test_scan("あおば市では、2025年6月2日に発送した通知書のうち9世帯分を別の世帯に送っていたことが分かった。");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Occurred]);
        assert!(state_found("ファイルが暗号化されていることを確認した"));
        assert!(!state_found("第三者が侵入したことが判明した"));
    }

    #[test]
    fn a_finding_told_politely_or_as_a_call_coming_in_is_the_detection() {
        let scan = test_scan(
            "2025年2月4日、共有フォルダの一部を誰でも閲覧できる状態になっていることがわかりました。",
        );
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Detected]);
        let scan = test_scan("9月3日の朝、利用者から「ログインできない」との連絡が入りました。");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Detected]);
        let scan = test_scan("同課は10月2日、名簿が保管庫にないことを確認した。");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Detected]);
        let scan = test_scan("2025年3月5日、不審な通信の記録があることが分かり、回線を遮断した。");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Detected]);
    }

    #[test]
    fn things_carried_off_dropped_thrown_away_or_handed_over_date_the_occurrence() {
        assert_each_dates(
            &[
                "2025年4月3日、職員が自転車のかごに入れていたかばんをひったくられた。",
                "令和7年4月3日、駐車中の車から書類かばんが持ち去られた。",
                "2025年4月3日、帰宅途中にUSBメモリを落とした可能性がある。",
                "2025年4月3日、保存期間内の申請書を誤って廃棄した。",
                "2025年4月3日、窓口で別の方の証明書を誤って交付した。",
            ],
            DateKind::Occurred,
        );
    }

    /// Each text's first date is classified as `kind` alone.
    fn assert_each_dates(texts: &[&str], kind: DateKind) {
        for text in texts {
            let scan = test_scan(text);
            assert_eq!(classify_schema(&scan, 0), vec![kind], "{text}");
        }
    }

    #[test]
    fn what_the_attackers_did_on_a_day_is_their_claim() {
        let scan = test_scan("攻撃グループは5月8日、同社から盗んだとするデータの一部を公開した。");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::AttackerClaim]);
        let scan = test_scan("同社は5月8日、被害を公開した。");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Disclosed]);
    }

    #[test]
    fn the_date_words_file_has_every_section_and_no_other() {
        let words = date_words(DATE_WORDS);
        for (name, _) in SECTIONS {
            assert!(
                words.iter().any(|(s, _)| *s == name),
                "no words in [{name}]"
            );
        }
        for (section, word) in &words {
            assert!(
                SECTIONS.iter().any(|(name, _)| name == section),
                "{word} is in an unknown section [{section}]"
            );
        }
        assert!(response_words().contains(&"お詫び"));
        let w = ClauseWords::of("警察に被害届を提出した");
        assert!(w.has(W_POLICE_ORG) && w.has(W_POLICE_ACT) && !w.has(W_DISCLOSED));
    }

    #[test]
    fn a_digests_date_heading_dates_the_reports_of_its_entries() {
        let scan = test_scan("6月の事件\n\n■6月3日\n株式会社みさき不動産は、顧客名簿の紛失を発表した。\n\n■6月18日\n株式会社あかね化粧品、ランサムウェア被害\n");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Disclosed]);
        assert_eq!(classify_schema(&scan, 1), vec![DateKind::Disclosed]);
        // A blank line between the heading and its entries, and a heading that says its
        // entries are that day's announcements.
        let scan = test_scan("週報\n\n■1月14日(火)の発表\n\n・株式会社みさき不動産、顧客名簿を紛失\n\n■1月15日(水)の発表\n\n・株式会社あかね化粧品、会員情報が流出\n");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Disclosed]);
        // A row of a table of reports is dated by its report, whatever its summary tells.
        let scan = test_scan("5月分\n公表日\t組織\t概要\n5/19\t株式会社みさき不動産\t会員向けメールを誤送信し、アドレスが表示\t1,377名\n5/28\t株式会社あかね化粧品\t顧客名簿を紛失\t約460名\n");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Disclosed]);
        // A timeline's date lines tell the events under them.
        let scan =
            test_scan("経緯\n\n6月3日\n当社サーバーへの不正アクセスを検知\n6月5日\n警察に相談\n");
        assert!(!classify_schema(&scan, 0).contains(&DateKind::Disclosed));
    }

    #[test]
    fn one_report_to_the_police_and_the_commission_is_both() {
        let scan = test_scan("2024年7月2日、警察および個人情報保護委員会に報告しました。");
        let kinds = classify_schema(&scan, 0);
        assert!(kinds.contains(&DateKind::ReportedPolice), "{kinds:?}");
        assert!(kinds.contains(&DateKind::ReportedPpc), "{kinds:?}");
        let scan =
            test_scan("2024年7月2日、個人情報保護委員会に報告し、警察から連絡を受けました。");
        assert!(!classify_schema(&scan, 0).contains(&DateKind::ReportedPolice));
    }

    #[test]
    fn someone_coming_forward_dates_the_detection() {
        assert_each_dates(
            &[
                "2025年7月2日、利用者から「他人の予約が見える」との申し出があり、調査を始めた。",
                "2025年7月2日、取引先からご指摘をいただき、設定の誤りが分かった。",
                "2025年7月2日に会員の方から問い合わせを受け、調べたところ表示の不具合があった。",
            ],
            DateKind::Detected,
        );
    }

    #[test]
    fn papers_handed_out_or_a_file_uploaded_date_the_occurrence() {
        assert_each_dates(
            &[
                "2025年5月9日、保護者会で別の学年の名簿を誤って配布した。",
                "2025年5月9日、職員が内部資料を公開フォルダにアップロードした。",
                "2025年5月9日、駅の待合室で書類かばんを置き引きされた。",
            ],
            DateKind::Occurred,
        );
    }

    #[test]
    fn a_police_box_and_the_commissions_short_name_are_the_reports() {
        let scan = test_scan("2025年5月10日、最寄りの交番に遺失届を提出した。");
        assert!(classify_schema(&scan, 0).contains(&DateKind::ReportedPolice));
        let scan = test_scan("同社は2025年5月12日、個情委に速報した。");
        assert!(classify_schema(&scan, 0).contains(&DateKind::ReportedPpc));
        // A police station by its short name.
        let scan = test_scan("医師は2025年6月3日にみどり台東署に被害届を出した。");
        assert!(classify_schema(&scan, 0).contains(&DateKind::ReportedPolice));
    }

    #[test]
    fn an_attack_told_actively_is_the_occurrence() {
        let scan = test_scan(
            "2024年5月2日に第三者が同社のサーバーに不正アクセスし、5月8日に社員が異常に気付いた。",
        );
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Occurred]);
        assert_eq!(classify_schema(&scan, 1), vec![DateKind::Detected]);
    }

    #[test]
    fn an_announcement_that_is_this_notice_dates_nothing() {
        let scan = test_scan("しずく野市は、令和6年5月8日、書類の所在が分からなくなっていることを確認しましたので、本日公表します。");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Detected]);
    }

    #[test]
    fn contacting_the_police_reports_to_them_but_a_find_handed_in_does_not() {
        let scan = test_scan("2025年6月3日に警察へ連絡いたしました。");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::ReportedPolice]);
        let scan = test_scan(
            "2024年5月8日、駅員が拾得したUSBメモリが警察に届けられ、同日、警察から当社に連絡がありました。",
        );
        assert!(!classify_schema(&scan, 0).contains(&DateKind::ReportedPolice));
    }

    #[test]
    fn a_complaint_to_the_police_reports_to_them() {
        let scan = test_scan("2025年6月3日、元従業員を所轄警察署に刑事告訴し、受理されました。");
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::ReportedPolice]);
    }

    #[test]
    fn a_dated_entry_naming_no_one_reports_nothing() {
        let text = "2.経緯\n6月9日 お客様からのご指摘により誤送信が判明した。\n\
6月18日 連絡のつかなかったお客様へ書面を郵送した。\n\n\
2007/3/5 株式会社あおば通信 案内メール誤配信で顧客のアドレスを漏洩\n";
        let scan = test_scan(text);
        assert_eq!(
            classify_schema(&scan, at(&scan, "6月9日")),
            vec![DateKind::Detected]
        );
        assert!(classify_schema(&scan, at(&scan, "6月18日")).is_empty());
        assert_eq!(
            classify_schema(&scan, at(&scan, "2007/3/5")),
            vec![DateKind::Disclosed]
        );
    }

    #[test]
    fn a_period_of_the_response_is_no_occurrence() {
        let text = "2025年6月2日から6月9日まで、会員の個人情報が閲覧可能な状態になっていた。\
個人情報が流出した可能性のあるお客様には、2025年6月20日から順次おわびとご説明を行っております。";
        let scan = test_scan(text);
        assert_eq!(
            classify_schema(&scan, at(&scan, "2025年6月2日")),
            vec![DateKind::Occurred]
        );
        assert!(!classify_schema(&scan, at(&scan, "2025年6月20日")).contains(&DateKind::Occurred));
    }

    #[test]
    fn labels_before_a_date_or_above_a_date_line() {
        let text = "経緯\n発覚日時:2024年10月23日(水)午後4時頃\n発生日時\n\n2024年10月20日(日)\n2024年10月25日に警察へ相談した。";
        let scan = test_scan(text);
        let l = LabelWords::of(&scan, at(&scan, "2024年10月23日"));
        assert!(l.detected && !l.occurred);
        let l = LabelWords::of(&scan, at(&scan, "2024年10月20日"));
        assert!(l.occurred && !l.detected);
        // A date inside a sentence has no label, nor has one after a sentence's opening.
        assert!(label_text(&scan, at(&scan, "2024年10月25日")).is_none());
        let scan = test_scan("発表によると、2024年4月4日に端末が乗っ取られた。");
        assert!(label_text(&scan, 0).is_none());
        let scan = test_scan("(1)発生日 2024年4月4日(木)");
        assert!(LabelWords::of(&scan, 0).occurred);
    }

    #[test]
    fn a_date_that_opens_the_narrative_and_a_time_of_day() {
        assert!(opens_sentence(""));
        assert!(opens_sentence("発表によると、"));
        assert!(opens_sentence("市は、"));
        assert!(!opens_sentence("同社は調査の結果、"));
        assert!(!opens_sentence(
            "当社では、不正アクセスの被害を受けたことを"
        ));
        assert!(time_of_day_follows("午前11時ごろ、職場で"));
        assert!(time_of_day_follows("(水)16時頃から"));
        assert!(time_of_day_follows("22:10に"));
        assert!(!time_of_day_follows("に公表しました"));
        assert!(!time_of_day_follows("(金)、本学職員が"));
        assert!(!time_of_day_follows("12月に"));
        assert!(ends_in_past("7月7日、名簿を紛失しました。"));
        assert!(ends_in_past("同日、流出が判明した。\n"));
        assert!(!ends_in_past("12月1日に公表する予定です。"));
        assert!(!ends_in_past("現在、調査を進めております。"));
    }

    #[test]
    fn dated_list_entries() {
        let text = "関連記事\n・サンプル商会、会員1,200名分流出(2024/04/21)\n2024/3/1 サンプル金庫 案内メール誤送信\n2024年3月2日、当社は発表した。";
        let scan = test_scan(text);
        assert_eq!(
            entry_position(&scan, at(&scan, "2024/04/21")),
            Some(Entry::Trailing)
        );
        assert_eq!(
            entry_position(&scan, at(&scan, "2024/3/1")),
            Some(Entry::Leading)
        );
        assert_eq!(entry_position(&scan, at(&scan, "2024年3月2日")), None);
        // A paragraph summarising an entry, its date after the last sentence.
        let scan = test_scan(
            "◇青葉不動産\n申込書をFAXで誤送信した。書類は破棄された。(R6.10.4)\n\
             市長 山田太郎(令和6年10月5日)\n",
        );
        assert_eq!(
            entry_position(&scan, at(&scan, "R6.10.4")),
            Some(Entry::Trailing)
        );
        assert_eq!(entry_position(&scan, at(&scan, "令和6年10月5日")), None);
        // Under an entry's marked heading the paragraph needs no word of a leak.
        let scan =
            test_scan("◇青葉不動産\n申込書を別の事業所に送った。書類は破棄された。(R6.10.4)\n");
        assert_eq!(
            entry_position(&scan, at(&scan, "R6.10.4")),
            Some(Entry::Trailing)
        );
        // A dash sets the entry's date off at the end of its line; a range is no entry date.
        let scan = test_scan(
            "・青葉商事は、顧客名簿が流出したと発表した。──6月6日\n\
             ・緑町は、書類の流出期間を5月1日―6月9日と発表した。\n",
        );
        assert_eq!(
            entry_position(&scan, at(&scan, "6月6日")),
            Some(Entry::Trailing)
        );
        assert_eq!(entry_position(&scan, at(&scan, "6月9日")), None);
        // An entry's own heading names its organisation; its headline need not tell a leak.
        let scan = test_scan(
            "▼ 青葉精工株式会社 社内サーバーが暗号化 (11/5)\n本文は別の行にある。\n\
             ■お問い合わせ先 (11/6)\n",
        );
        assert_eq!(
            entry_position(&scan, at(&scan, "11/5")),
            Some(Entry::Trailing)
        );
        assert_eq!(entry_position(&scan, at(&scan, "11/6")), None);
        // A table's row opens with its date, a cell bar after it.
        let scan = test_scan("公表日|組織名|概要\n12/2|青葉精工株式会社|書類を紛失\n");
        assert_eq!(
            entry_position(&scan, at(&scan, "12/2")),
            Some(Entry::Leading)
        );
        // A table row's last cell dates the row.
        let scan = test_scan("組織|概要|公表日\n青葉精工株式会社|顧客情報が流出|2026/2/3\n");
        assert_eq!(
            entry_position(&scan, at(&scan, "2026/2/3")),
            Some(Entry::Trailing)
        );
        // Entries of a dated list of organisations, the date bracketed or with its weekday,
        // are dated by their reports whatever their summaries tell.
        let scan = test_scan(
            "今月の事案\n[2026/02/03] 青葉精工株式会社 サーバーがランサムウェアに感染\n\
             2月10日(火)緑町 職員が書類を紛失\n",
        );
        assert_eq!(
            entry_position(&scan, at(&scan, "2026/02/03")),
            Some(Entry::Leading)
        );
        assert_eq!(
            entry_position(&scan, at(&scan, "2月10日")),
            Some(Entry::Leading)
        );
        assert_eq!(
            classify_schema(&scan, at(&scan, "2026/02/03")),
            vec![DateKind::Disclosed]
        );
        // A timeline's line, its weekday before an act, is no list entry.
        let scan = test_scan(
            "経緯\n7月17日(水) 委託事業者から封入の不具合について報告があった。\n\
             7月18日(木) 個人情報保護委員会へ報告\n",
        );
        assert_eq!(entry_position(&scan, at(&scan, "7月17日")), None);
        assert!(!scan.dated_list_of_orgs());
        // A header's date line with its time or trailer is no entry.
        let scan = test_scan("見出し\n2025年10月6日 18時47分\n2025/10/07 更新\n");
        assert_eq!(entry_position(&scan, 0), None);
        assert_eq!(entry_position(&scan, 1), None);
    }

    #[test]
    fn labelled_cited_listed_status_and_range_end_dates() {
        let kinds = |text: &str, what: &str| {
            let scan = test_scan(text);
            classify_schema(&scan, at(&scan, what))
        };
        let text = "発覚日時\n2024年10月23日(水)午後4時頃\n発生原因\n仮のパスワードが推測された。";
        assert_eq!(kinds(text, "2024年10月23日"), vec![DateKind::Detected]);
        let text = "当社は2023年11月11日付「個人情報に関するお詫び」にてお知らせしました。";
        assert_eq!(kinds(text, "2023年11月11日"), vec![DateKind::Disclosed]);
        let text = "・サンプル商会、会員情報流出(2024/04/21)";
        assert_eq!(kinds(text, "2024/04/21"), vec![DateKind::Disclosed]);
        // A signature's date in parentheses dates no report.
        let text = "市民の皆様へ\nサンプル市長 山田太郎(2024年4月21日)";
        assert!(kinds(text, "2024年4月21日").is_empty());
        let text = "2025年12月1日現在、二次被害は確認されていません。";
        assert!(kinds(text, "2025年12月1日").is_empty());
        let text = "2022年7月24日~2022年7月26日に入力された情報が漏洩したことを確認しました。";
        assert!(kinds(text, "2022年7月26日").is_empty());
    }

    #[test]
    fn a_header_date_line_borrows_no_words_but_a_timeline_entry_does() {
        let text = "見出し\n2025年10月3日 11時30分\n同社は攻撃を受けたと発表した。\n経緯\n・2025年9月24日(水)\n県警に相談。";
        let scan = test_scan(text);
        assert!(classify_schema(&scan, 0).is_empty());
        assert_eq!(
            classify_schema(&scan, at(&scan, "2025年9月24日")),
            vec![DateKind::ReportedPolice]
        );
    }

    #[test]
    fn a_timeline_line_states_its_own_event_and_a_list_entry_its_report() {
        let text = "経緯\n2025年9月8日 当社サーバーへの不審な通信を検知\n2025/9/10 サンプル商会 会員情報が流出\n";
        let scan = test_scan(text);
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Detected]);
        assert_eq!(classify_schema(&scan, 1), vec![DateKind::Disclosed]);
    }

    #[test]
    fn coordinated_dates_share_the_verb() {
        let text =
            "2022年1月17日及び2022年2月14日付「不正アクセスに関するお知らせ」にて公表しました。";
        let scan = test_scan(text);
        assert_eq!(classify_schema(&scan, 0), vec![DateKind::Disclosed]);
        assert_eq!(classify_schema(&scan, 1), vec![DateKind::Disclosed]);
    }

    #[test]
    fn not_found_yet_is_no_detection() {
        let w = ClauseWords::of("に校長へ報告し、校内を探しましたが見つかりませんでした。");
        assert!(!w.has(W_DETECTED));
        let w = ClauseWords::of("に不審なファイルが見つかり、調査を始めた。");
        assert!(w.has(W_DETECTED));
    }

    #[test]
    fn text_after_a_date_skips_weekday_and_time() {
        assert_eq!(after_date("(金)午後3時頃現在、", 0), "現在、");
        assert_eq!(after_date("付「お詫び」", 0), "付「お詫び」");
    }
}
