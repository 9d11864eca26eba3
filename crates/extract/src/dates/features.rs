//! The features of a date mention as an event of a victim's block.

use super::resolve::is_header_date;
use super::words::{
    is_lead_announcement, without_quoted, ClauseWords, DateKinds, W_CLAIMED, W_DETECTED,
    W_DISCLOSED, W_OCCURRED, W_POLICE_ACT, W_POLICE_ORG, W_PPC_ACT, W_PPC_ORG, W_REGULATOR,
    W_RESTORED, W_STOPPED,
};
use crate::context::VictimContext;
use crate::learn::linear::Features;
use crate::lexicon::mark;
use crate::scan::DocScan;
use chrono::NaiveDate;
use leakwatch_jatext::{DateForm, YearRef};
use leakwatch_model::DateKind;

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
        DateForm::RelativeYearMonthDay { year, .. } => match year {
            YearRef::Previous => "form.same_year",
            YearRef::Document => "form.this_year",
            YearRef::BeforeDocument | YearRef::BeforePrevious => "form.last_year",
            YearRef::AfterPrevious => "form.next_year",
        },
        DateForm::RelativeMonthDay { .. } => "form.relative_month",
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
    // Titles in 「」 and 【】 (`【お知らせ】メール`) are no verbs of the clause.
    let words = ClauseWords::of(&without_quoted(clause));
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
    // The police or the PPC and what was done with them in one sentence of the narrative
    // (`また、警察への相談を開始しました。`).
    let mut narrative_police = false;
    let mut narrative_ppc = false;
    for x in (sent + 1)..(sent + 4).min(scan.layout.sentences.len()) {
        let dated = scan.dates[idx + 1..].iter().any(|(_, ns)| *ns == x);
        if dated || scan.line_of(x) > scan.line_of(sent) + 1 {
            break;
        }
        let w = ClauseWords::of(scan.sentence_text(x));
        narrative_police |= w.has(W_POLICE_ORG) && w.has(W_POLICE_ACT);
        narrative_ppc |= w.has(W_PPC_ORG) && w.has(W_PPC_ACT);
    }
    f.flag("narrative.police", narrative_police);
    f.flag("narrative.ppc", narrative_ppc);
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
    // The document's own date wherever its header writes it (a title line's end too): the
    // day of this report, which analysts record as no event of the incident.
    f.flag("document_date", is_header_date(scan, idx, published));
    let label = LabelWords::of(scan, idx);
    for (on, name) in [
        (label.occurred, "label.occurred"),
        (label.detected, "label.detected"),
        (label.disclosed, "label.disclosed"),
        (label.police, "label.police"),
        (label.ppc, "label.ppc"),
    ] {
        f.flag(name, on);
    }
    let after = after_date(scan.text, dm.end);
    // `2023年11月11日付「…のお詫び」`: a release dated that day; `(9月13日掲載)`: posted then.
    f.flag("after.dated", after.starts_with('付'));
    f.flag(
        "after.posted",
        ["掲載", "公開", "発表", "公表", "発信", "更新"]
            .iter()
            .any(|w| after.starts_with(w)),
    );
    // `12月1日現在` / `11月5日時点で`: a status, no event.
    f.flag(
        "after.status",
        after.starts_with("現在") || after.starts_with("時点"),
    );
    // The end of a range (`7月24日~7月26日`): the period's last day.
    f.flag(
        "before.range_end",
        scan.text[..dm.start]
            .trim_end()
            .ends_with(['~', '〜', '-', '・']),
    );
    let entry = entry_position(scan, idx);
    f.flag("entry.trailing", entry == Some(Entry::Trailing));
    f.flag("entry.leading", entry == Some(Entry::Leading));
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

/// What a short label by the date says (`発覚日時:令和6年10月23日`, or a heading line
/// `発生日時` above a line that holds only the date).
#[derive(Default)]
struct LabelWords {
    occurred: bool,
    detected: bool,
    disclosed: bool,
    police: bool,
    ppc: bool,
}

impl LabelWords {
    fn of(scan: &DocScan, idx: usize) -> LabelWords {
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
fn label_text<'a>(scan: &DocScan<'a>, idx: usize) -> Option<&'a str> {
    let (dm, sent) = scan.dates[idx];
    let line = scan.line_of(sent);
    let l = scan.layout.lines.get(line)?;
    let before = scan
        .text
        .get(l.start..dm.start)?
        .trim()
        .trim_start_matches(is_bullet)
        .trim();
    if !before.is_empty() {
        return (before.chars().count() <= LABEL_CHARS).then_some(before);
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
    (prev.chars().count() <= LABEL_CHARS).then_some(prev)
}

/// Bullets, numbering and brackets that open a list line (`・`, `(1)`, `1.`, `【`).
fn is_bullet(c: char) -> bool {
    c.is_ascii_digit() || "・-*●○■□◆◇()【】[].、:".contains(c)
}

/// The text after a date with its weekday and time stripped (`(木)午後4時21分頃` …).
fn after_date(text: &str, end: usize) -> &str {
    text.get(end..).unwrap_or("").trim_start_matches(|c: char| {
        c.is_ascii_digit() || c == ' ' || "()時分秒頃ごろ午前後正月火水木金土日曜祝:".contains(c)
    })
}

/// Where a date stands in a dated list entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// `…1,163名分流出(2006/04/21)`: in parentheses at the end of the entry.
    Trailing,
    /// `2007/3/1 サンプル金庫 誤送信で…`: opening the entry, then a space and its text.
    Leading,
}

fn entry_position(scan: &DocScan, idx: usize) -> Option<Entry> {
    let (dm, sent) = scan.dates[idx];
    let l = scan.layout.lines.get(scan.line_of(sent))?;
    let before = scan.text.get(l.start..dm.start)?;
    let after = scan.text.get(dm.end..l.end)?;
    if before.trim_end().ends_with(['(', '[']) {
        let rest = after.trim_start().trim_start_matches([')', ']']).trim();
        if after.trim_start().starts_with([')', ']'])
            && (rest.is_empty() || rest.starts_with(['・', '、', '/', '|']))
        {
            return Some(Entry::Trailing);
        }
    }
    let lead = before.trim().trim_start_matches(is_bullet).trim();
    if lead.is_empty()
        && after.starts_with([' ', '\u{3000}'])
        && !after
            .trim_start()
            .starts_with(['、', ',', 'に', 'か', 'ま', 'よ', 'の'])
        && !after.trim().is_empty()
    {
        return Some(Entry::Leading);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::test_scan;

    /// The index of the first date mention whose text starts with `what`.
    fn at(scan: &DocScan, what: &str) -> usize {
        scan.dates
            .iter()
            .position(|(d, _)| scan.text[d.start..].starts_with(what))
            .expect("date mention")
    }

    #[test]
    fn labels_before_a_date_or_above_a_date_line() {
        let text = "経緯\n発覚日時:2024年10月23日(水)午後4時頃\n発生日時\n\n2024年10月20日(日)\n2024年10月25日に警察へ相談した。";
        let scan = test_scan(text);
        let l = LabelWords::of(&scan, at(&scan, "2024年10月23日"));
        assert!(l.detected && !l.occurred);
        let l = LabelWords::of(&scan, at(&scan, "2024年10月20日"));
        assert!(l.occurred && !l.detected);
        // A date inside a sentence has no label.
        assert!(label_text(&scan, at(&scan, "2024年10月25日")).is_none());
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
    }

    #[test]
    fn text_after_a_date_skips_weekday_and_time() {
        assert_eq!(after_date("(金)午後3時頃現在、", 0), "現在、");
        assert_eq!(after_date("付「お詫び」", 0), "付「お詫び」");
    }
}
