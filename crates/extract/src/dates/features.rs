//! The features of a date mention as an event of a victim's block.

use super::resolve::is_header_date;
use super::words::{
    after_date, clause_end, ends_in_past, entry_position, is_lead_announcement, is_range_end,
    opens_sentence, time_of_day_follows, without_quoted, ClauseWords, DateKinds, Entry, LabelWords,
    W_CLAIMED, W_DETECTED, W_DISCLOSED, W_OCCURRED, W_POLICE_ACT, W_POLICE_ORG, W_PPC_ACT,
    W_PPC_ORG, W_REGULATOR, W_RESTORED, W_STOPPED,
};
use crate::context::VictimContext;
use crate::learn::linear::Features;
use crate::lexicon::mark;
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
    // The document's own date wherever its header writes it (a title line's end too): the
    // day of this report, which analysts record as no event of the incident. Its "clause"
    // is page furniture or the story's first line, so the clause rules speak for nothing.
    let document_date = is_header_date(scan, idx, published);
    f.flag("document_date", document_date);
    let rule_kinds: &[DateKind] = if document_date {
        &[]
    } else {
        kinds.of(scan, idx)
    };
    for k in rule_kinds {
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
    let next_start = clause_end(scan, idx);
    let clause = scan.text.get(dm.end..next_start).unwrap_or("");
    // `10月6日から…行われていたことが分かった`: the day is the embedded event's; finding it out
    // is the sentence's, after こと.
    let clause = crate::dates::words::before_found_out(clause);
    // Titles in 「」 and 【】 (`【お知らせ】メール`) are no verbs of the clause.
    let words = ClauseWords::of(&without_quoted(clause));
    let sentence = scan.text.get(s.start..s.end).unwrap_or("");
    let sentence_words = kinds.sentence_words(scan, sent);
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
    // (`令和5年3月2日午前10時頃、…。職員が気づき、…警察に届け出た。`): the words it holds, and
    // whether one sentence names the police or the PPC with what was done with them
    // (`また、警察への相談を開始しました。`).
    let mut narrative = 0u16;
    let mut narrative_police = false;
    let mut narrative_ppc = false;
    for x in (sent + 1)..(sent + 4).min(scan.layout.sentences.len()) {
        let dated = scan.dates[idx + 1..].iter().any(|(_, ns)| *ns == x);
        if dated || scan.line_of(x) > scan.line_of(sent) + 1 {
            break;
        }
        let w = kinds.sentence_words(scan, x);
        narrative |= w.lists;
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
    f.flag("position.sentence_lead", opens_sentence(before));
    f.flag("sentence.past", ends_in_past(sentence));
    f.flag(
        "after.time_of_day",
        time_of_day_follows(scan.text.get(dm.end..).unwrap_or("")),
    );
    f.flag("lead_announcement", is_lead_announcement(scan, idx));
    f.flag("header_date", Some(dm.start) == header);
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
    f.flag("before.range_end", is_range_end(&scan.text[..dm.start]));
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
    // The block's event dates: those whose clause states a schema kind. Background dates (a
    // merger, when papers were handed in) come earlier than the incident but state none.
    let is_event = |j: usize| {
        !is_header_date(scan, j, published)
            && kinds
                .of(scan, j)
                .iter()
                .any(|k| DateKind::SCHEMA.contains(k))
    };
    let event = is_event(idx);
    f.flag("rule.none", !event);
    let event_dates: Vec<NaiveDate> = scan
        .dates
        .iter()
        .enumerate()
        .filter(|(j, (_, s2))| ctx.in_block(*s2) && is_event(*j))
        .filter_map(|(j, _)| resolved.get(j).copied().flatten())
        .collect();
    if let Some(d) = date.filter(|_| event) {
        f.flag("order.earliest_event", event_dates.iter().all(|x| *x >= d));
        f.flag("order.latest_event", event_dates.iter().all(|x| *x <= d));
    }
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
