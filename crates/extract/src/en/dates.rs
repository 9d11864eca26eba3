//! Owns English dates: mentions (`March 3, 2016`, `3 March 2016`, `Sept. 13, 2024`,
//! `2024-04-29`, `between June 1 and July 9, 2016`, `April 29-30`, `yesterday`), their
//! resolution to a day (a missing year from a later full date of the same sentence, else the
//! latest full date before, else the document's date; an event never lies after the
//! document), the document's own date (a dateline near the top), and the kind of each
//! mention from the nearest event word of its sentence (occurred, detected, disclosed,
//! reported to the police).

use chrono::{Datelike, Duration, NaiveDate};
use leakwatch_model::DateKind;
use regex::Regex;
use std::sync::OnceLock;

const MONTH: &str = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

struct Patterns {
    mdy: Regex,
    dmy: Regex,
    iso: Regex,
    us: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        mdy: Regex::new(&format!(
            r"\b{MONTH}\s*(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*[-–]\s*\d{{1,2}}\b)?(?:,?\s+(\d{{4}})\b)?"
        ))
        .unwrap_or_else(|_| Regex::new("$^").expect("empty regex")),
        dmy: Regex::new(&format!(
            r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+(\d{{4}})\b)?"
        ))
        .unwrap_or_else(|_| Regex::new("$^").expect("empty regex")),
        iso: Regex::new(r"\b(\d{4})[-./](\d{1,2})[-./](\d{1,2})\b")
            .unwrap_or_else(|_| Regex::new("$^").expect("empty regex")),
        us: Regex::new(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
            .unwrap_or_else(|_| Regex::new("$^").expect("empty regex")),
    })
}

fn month_number(m: &str) -> Option<u32> {
    let m = m.to_ascii_lowercase();
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    names
        .iter()
        .position(|n| m.starts_with(n))
        .map(|i| i as u32 + 1)
}

/// A date written in the text, before its year is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

/// Every date mention of `text`, in order, without overlaps.
pub fn mentions(text: &str) -> Vec<Mention> {
    let p = patterns();
    let mut out: Vec<Mention> = Vec::new();
    let num = |c: &regex::Captures, i: usize| c.get(i).and_then(|m| m.as_str().parse::<i64>().ok());
    for c in p.mdy.captures_iter(text) {
        let (Some(all), Some(m)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if let (Some(month), Some(day)) = (month_number(m.as_str()), num(&c, 2)) {
            out.push(Mention {
                start: all.start(),
                end: all.end(),
                year: num(&c, 3).map(|y| y as i32),
                month,
                day: day as u32,
            });
        }
    }
    for c in p.dmy.captures_iter(text) {
        let (Some(all), Some(m)) = (c.get(0), c.get(2)) else {
            continue;
        };
        if let (Some(month), Some(day)) = (month_number(m.as_str()), num(&c, 1)) {
            out.push(Mention {
                start: all.start(),
                end: all.end(),
                year: num(&c, 3).map(|y| y as i32),
                month,
                day: day as u32,
            });
        }
    }
    for c in p.iso.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        if let (Some(y), Some(m), Some(d)) = (num(&c, 1), num(&c, 2), num(&c, 3)) {
            out.push(Mention {
                start: all.start(),
                end: all.end(),
                year: Some(y as i32),
                month: m as u32,
                day: d as u32,
            });
        }
    }
    for c in p.us.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        if let (Some(m), Some(d), Some(y)) = (num(&c, 1), num(&c, 2), num(&c, 3)) {
            out.push(Mention {
                start: all.start(),
                end: all.end(),
                year: Some(y as i32),
                month: m as u32,
                day: d as u32,
            });
        }
    }
    // Keep the longest of overlapping mentions.
    out.sort_by_key(|m| (m.start, usize::MAX - m.end));
    let mut kept: Vec<Mention> = Vec::new();
    for m in out {
        if kept.last().is_some_and(|k| m.start < k.end) {
            continue;
        }
        if (1..=12).contains(&m.month) && (1..=31).contains(&m.day) {
            kept.push(m);
        }
    }
    kept
}

/// Whether `line` is only a date (with a weekday, `Updated`, `Published` or a city before it).
pub fn is_date_only(line: &str) -> bool {
    let ms = mentions(line);
    let Some(m) = ms.first() else { return false };
    if m.year.is_none() {
        return false;
    }
    let rest = format!("{} {}", &line[..m.start], &line[m.end..]);
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.to_ascii_lowercase();
            [
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
                "mon",
                "tue",
                "wed",
                "thu",
                "fri",
                "sat",
                "sun",
                "updated",
                "published",
                "posted",
                "date",
                "on",
                "at",
                "am",
                "pm",
                "gmt",
                "utc",
                "est",
                "pst",
                "edt",
                "pdt",
                "et",
                "pt",
                "ct",
                "bst",
                "cet",
                "aest",
                "aedt",
                "jst",
                "ist",
            ]
            .contains(&w.as_str())
                || w.chars().all(|c| c.is_ascii_digit())
        })
}

/// The document's own date: a date-only line among the first lines, or a release's dateline
/// (`CITY, Sept. 13, 2024 – …`). The second value is true for a dateline opening the body.
pub fn document_date(text: &str) -> Option<(NaiveDate, bool)> {
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(8) {
        let line = line.trim();
        if is_date_only(line) {
            let m = mentions(line).into_iter().next()?;
            return Some((NaiveDate::from_ymd_opt(m.year?, m.month, m.day)?, false));
        }
        if let Some(m) = mentions(line).into_iter().next() {
            let after = line[m.end..].trim_start();
            let before = &line[..m.start];
            let dateline = m.year.is_some()
                && (after.starts_with(['–', '—', '-']) || after.starts_with("--"))
                && before.len() <= 40
                && !before
                    .chars()
                    .any(|c| c.is_lowercase() && before.split_whitespace().count() > 3);
            if dateline {
                return Some((NaiveDate::from_ymd_opt(m.year?, m.month, m.day)?, true));
            }
            if m.year.is_some() && is_byline(line) {
                return Some((NaiveDate::from_ymd_opt(m.year?, m.month, m.day)?, false));
            }
        }
    }
    None
}

/// Whether a short line among the first ones is an article's byline or publication line
/// (`By Ana Reyes | January 8, 2026`, `Published 5 January 2026 · Research team`).
pub fn is_byline(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    line.chars().count() <= 100
        && !line.trim_end().ends_with('.')
        && ([
            "by ",
            "published",
            "posted",
            "updated",
            "last updated",
            "written by",
        ]
        .iter()
        .any(|w| lower.starts_with(w))
            || line.contains(['|', '·', '•']))
}

/// A resolved date mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
}

/// Resolves every mention to a day. `sentence_end(pos)` gives the end of the sentence
/// holding `pos`.
pub fn resolve(
    text: &str,
    ms: &[Mention],
    doc_date: Option<NaiveDate>,
    sentence_end: impl Fn(usize) -> usize,
) -> Vec<Resolved> {
    let mut out = Vec::new();
    let mut last_year: Option<i32> = None;
    // The latest date written with its year: a story told forward (`a change on November 2,
    // 2024 … secured on January 17`) passes into the next year.
    let mut last_full: Option<NaiveDate> = None;
    for (i, m) in ms.iter().enumerate() {
        let year = m.year.or_else(|| {
            let end = sentence_end(m.start);
            ms[i + 1..]
                .iter()
                .take_while(|n| n.start < end)
                .find_map(|n| n.year)
        });
        let explicit = year.is_some();
        let from_last = !explicit && last_year.is_some();
        let year = year
            .or(last_year)
            .or(doc_date.map(|d| d.year()))
            .or_else(|| ms[i + 1..].iter().find_map(|n| n.year));
        if m.year.is_some() {
            last_year = m.year;
        }
        let Some(y) = year else { continue };
        let Some(mut date) = NaiveDate::from_ymd_opt(y, m.month, m.day) else {
            continue;
        };
        if m.year.is_some() {
            last_full = Some(date);
        }
        if from_last {
            let next = NaiveDate::from_ymd_opt(y + 1, m.month, m.day);
            if let (Some(anchor), Some(next), Some(d)) = (last_full, next, doc_date) {
                if date < anchor && next <= d {
                    date = next;
                }
            }
        }
        if !explicit {
            if let Some(d) = doc_date {
                if date > d + Duration::days(7) {
                    if let Some(prev) = NaiveDate::from_ymd_opt(y - 1, m.month, m.day) {
                        date = prev;
                    }
                }
            }
        }
        out.push(Resolved {
            start: m.start,
            end: m.end,
            date,
        });
    }
    let _ = text;
    out
}

/// Event words of each date kind (lower case).
const KIND_WORDS: &[(DateKind, &[&str])] = &[
    (
        DateKind::ReportedPolice,
        &[
            "police",
            "law enforcement",
            "fbi",
            "federal bureau of investigation",
        ],
    ),
    (
        DateKind::ReportedPpc,
        &["personal information protection commission", "ppc"],
    ),
    (
        DateKind::Occurred,
        &[
            "occurred",
            "took place",
            "happened",
            "began",
            "started",
            "stolen",
            "stole",
            "theft",
            "crime",
            "broken into",
            "broke into",
            "break-in",
            "lost",
            "went missing",
            "sent",
            "mailed",
            "emailed",
            "posted",
            "published online",
            "gained access",
            "logged in",
            "logged into",
            "signed in",
            "gained unauthorized access",
            "gained unauthorised access",
            "taken",
            "copied",
            "exfiltrated",
            "hit by",
            "configured",
            "clicked",
            "responded to a phishing",
            "gained entry",
            "inserted",
            "planted",
            "disrupted",
            "got into",
            "got in",
            "broke in",
            "accessed",
            "infected",
            "encrypted",
            "attacked",
            "attack on",
            "added",
            "installed",
            "placed",
            "exposed",
            "uploaded",
            "misdirected",
            "changed",
            "became",
            "between",
            "from",
        ],
    ),
    (
        DateKind::Detected,
        &[
            "discovered",
            "detected",
            "learned",
            "noticed",
            "realised",
            "realized",
            "told us",
            "became aware",
            "identified",
            "alerted",
            "found",
            "determined",
            "notified us",
            "informed us",
            "contacted us",
            "not reported",
            "until",
        ],
    ),
    (
        DateKind::Disclosed,
        &[
            "announced",
            "disclosed",
            "informed the public",
            "issued a notice",
            "issued a statement",
            "notified customers",
            "notified affected",
            "began notifying",
            "made public",
            "went public",
            "public",
            "press release",
            "statement",
            "said on",
            "first report",
            "told customers",
            "told its customers",
            "told members",
            "told patients",
            "told families",
            "notification letter",
            "notification letters",
            "began mailing",
            "started mailing",
            "began sending",
            "started notifying",
        ],
    ),
];

/// The kind of the date at `start..end` in `sentence` (a lower-cased sentence with the date's
/// offsets relative to it): the kind of the nearest event word.
/// Whether `head` ends with a statement and the medium it was made in (`said in a news
/// release`, `announced in a statement`, `confirmed in its filing`): the day after it is the
/// statement's.
fn said_in_a_statement(head: &str) -> bool {
    const MEDIA: &[&str] = &[
        "release",
        "statement",
        "letter",
        "notice",
        "filing",
        "email",
        "e-mail",
        "post",
        "update",
        "announcement",
    ];
    let lower = head.to_ascii_lowercase();
    let Some(medium) = MEDIA.iter().find(|m| lower.ends_with(*m)) else {
        return false;
    };
    let before = &lower[..lower.len() - medium.len()];
    // At most two words between the article and the medium (`a news release`, `a brief
    // written statement`).
    let words: Vec<&str> = before.split_whitespace().rev().take(6).collect();
    let Some(article) = words
        .iter()
        .position(|w| matches!(*w, "a" | "an" | "its" | "the"))
    else {
        return false;
    };
    article <= 2
        && words.get(article + 1) == Some(&"in")
        && words.get(article + 2).is_some_and(|v| {
            matches!(
                *v,
                "said" | "says" | "announced" | "confirmed" | "disclosed"
            )
        })
}

pub fn kind_of(sentence: &str, start: usize, end: usize) -> Option<DateKind> {
    // `X said Friday`, `confirmed Tuesday`: the day of the statement.
    let right_before = sentence[..start.min(sentence.len())].trim_end();
    let right_before = match right_before.strip_suffix("on") {
        Some(head) if head.ends_with(char::is_whitespace) => head.trim_end(),
        _ => right_before,
    };
    // `announced the attack on Monday`, `discovered the attack on 2 April`: the incident as the
    // object of the verb right before its day; the verb tells the day's kind.
    let verb_of_object = INCIDENT_OBJECTS
        .iter()
        .filter_map(|o| {
            right_before
                .strip_suffix(o)
                .filter(|head| head.ends_with(char::is_whitespace))
        })
        .min_by_key(|head| head.len())
        .map(str::trim_end);
    let right_before = verb_of_object.unwrap_or(right_before);
    if [
        "said",
        "says",
        "confirmed",
        "announced",
        "disclosed",
        "reported",
    ]
    .iter()
    .any(|w| {
        right_before.ends_with(w)
            && !right_before[..right_before.len() - w.len()]
                .ends_with(|c: char| c.is_alphanumeric())
    }) || said_in_a_statement(right_before)
    {
        return Some(DateKind::Disclosed);
    }
    // `On Thursday it said …`, `On 3 March, the society said …`: the day of a statement.
    let after = sentence[end.min(sentence.len())..].trim_start_matches([',', ' ']);
    let statement_follows = after
        .split_whitespace()
        .take(5)
        .position(|w| {
            matches!(
                w.trim_end_matches([',', '.']),
                "said" | "says" | "announced" | "disclosed"
            )
        })
        .is_some_and(|i| i <= 3);
    if statement_follows && start <= 3 {
        return Some(DateKind::Disclosed);
    }
    if let Some(head) = verb_of_object {
        let verb_kind = KIND_WORDS.iter().find_map(|(kind, ws)| {
            ws.iter()
                .filter(|w| !matches!(**w, "between" | "from" | "until"))
                .any(|w| {
                    head.ends_with(w)
                        && !head[..head.len() - w.len()].ends_with(|c: char| c.is_alphanumeric())
                })
                .then_some(*kind)
        });
        if verb_kind.is_some() {
            return verb_kind;
        }
    }
    let mut best: Option<(usize, DateKind, &str, usize)> = None;
    for (kind, ws) in KIND_WORDS {
        for w in *ws {
            for (at, _) in sentence.match_indices(w) {
                let ok_before = !sentence[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                let e = at + w.len();
                let ok_after = !sentence[e..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if !ok_before || !ok_after {
                    continue;
                }
                let dist = if e <= start {
                    start - e
                } else {
                    at.saturating_sub(end)
                };
                // `between`/`from`/`until` count only right before the date.
                let dist = match (kind, *w) {
                    (DateKind::ReportedPolice | DateKind::ReportedPpc, _) => dist,
                    (_, "between" | "from" | "until") if dist > 2 || at > start => usize::MAX,
                    _ => dist,
                };
                // A word in a relative clause after the date (`… on July 14, which disrupted
                // its systems`) tells what followed, not what happened that day.
                let dist = if at >= end && opens_relative_clause(&sentence[end..at]) {
                    usize::MAX
                } else {
                    dist
                };
                // At the same distance the longer phrase is the more specific one.
                if dist < 120
                    && best
                        .is_none_or(|(d, _, bw, _)| dist < d || (dist == d && w.len() > bw.len()))
                {
                    best = Some((dist, *kind, *w, at));
                }
            }
        }
    }
    let (_, kind, word, at) = best?;
    // A gang posting its victim on a leak site (`LockBit posted the firm on Monday with a
    // countdown`) dates its claim, no event of the schema.
    if ["posted", "added", "listed", "published online"].contains(&word)
        && LEAK_SITE_WORDS.iter().any(|w| sentence.contains(w))
    {
        return None;
    }
    // `servers were found to be encrypted on June 16`: the state was found that day.
    if kind == DateKind::Occurred
        && FOUND_IN_STATE
            .iter()
            .any(|f| sentence[..at].trim_end().ends_with(f))
    {
        return Some(DateKind::Detected);
    }
    // A notice posted or sent (`in a statement posted on its website on September 12`, `a
    // notice that we posted … and emailed to families on January 12`) is the disclosure.
    let notice_verb = ["posted", "sent", "mailed", "emailed", "published online"].contains(&word);
    let before = crate::text::window_before(sentence, at, 80);
    // Emails sent to customers tell them; phishing emails sent to staff are the attack.
    let told_by_email = before.contains("emails")
        && !["phish", "malicious", "fraudulent", "fake", "spoof"]
            .iter()
            .any(|w| before.contains(w));
    if kind == DateKind::Occurred
        && notice_verb
        && (told_by_email || NOTICE_NOUNS.iter().any(|n| before.contains(n)))
    {
        return Some(DateKind::Disclosed);
    }
    Some(kind)
}

/// The incident as the object of a verb right before its day (`announced the attack on
/// Monday`, `learned of the theft on June 3`, `was alerted to the attack on May 2`).
const INCIDENT_OBJECTS: &[&str] = &[
    "the attack",
    "the breach",
    "the incident",
    "the intrusion",
    "the cyberattack",
    "the data breach",
    "the theft",
    "the loss",
    "the exposure",
    "of the attack",
    "of the breach",
    "of the incident",
    "of the intrusion",
    "of the theft",
    "of the loss",
    "of the exposure",
    "to the attack",
    "to the breach",
    "to the incident",
    "to the intrusion",
];

/// Words of a gang's leak-site post.
const LEAK_SITE_WORDS: &[&str] = &["leak site", "countdown", "dark web", "extortion site"];

/// Passive findings of a state (`were found to be encrypted`): the day it was found.
const FOUND_IN_STATE: &[&str] = &[
    "found to be",
    "found to have been",
    "discovered to be",
    "discovered to have been",
];

/// Whether the text between a date and a later event word opens a relative clause
/// (`, which`, `, who`), whose verb belongs to a later event.
fn opens_relative_clause(between: &str) -> bool {
    [", which ", ", who ", ", after which "]
        .iter()
        .any(|w| between.contains(w))
}

/// What an organisation publishes about its incident: posting or sending one discloses it.
const NOTICE_NOUNS: &[&str] = &[
    "notice",
    "a letter",
    "letters",
    "statement",
    "announcement",
    "an update",
    "the update",
    "blog post",
    "press release",
    "news release",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The day before the document for `yesterday`, the document's day for `today`, and for a
/// weekday told as news tells it (`said Friday`, `in emails sent on Tuesday`) the last such
/// day before the document's. A weekday that opens a full date (`Tuesday, March 4`),
/// names office hours (`Monday through Friday`), recurs (`every Tuesday`) or lies ahead
/// (`next Monday`) is none.
pub fn relative(text_lower: &str, doc: Option<NaiveDate>) -> Vec<(usize, usize, NaiveDate)> {
    let Some(d) = doc else { return Vec::new() };
    let mut out = Vec::new();
    for (w, delta) in [("yesterday", -1i64), ("today", 0)] {
        for (at, _) in text_lower.match_indices(w) {
            out.push((at, at + w.len(), d + Duration::days(delta)));
        }
    }
    for (n, w) in WEEKDAYS.iter().enumerate() {
        for (at, _) in text_lower.match_indices(w) {
            let end = at + w.len();
            let before = text_lower[..at].trim_end();
            let after = &text_lower[end..];
            let word_alone = !text_lower[..at].ends_with(|c: char| c.is_ascii_alphanumeric())
                && !after.starts_with(|c: char| c.is_ascii_alphanumeric());
            let opens_a_date = {
                let next = after.trim_start_matches([',', ' ', '.']);
                let months = [
                    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                    "dec",
                ];
                next.starts_with(|c: char| c.is_ascii_digit())
                    || (months.iter().any(|m| next.starts_with(m))
                        && next.chars().take(12).any(|c| c.is_ascii_digit()))
            };
            let span = ["through", "to", "-", "–", "and"];
            let hours = span.iter().any(|x| after.trim_start().starts_with(x))
                || span.iter().any(|x| before.ends_with(x));
            let not_past = ["next", "every", "coming", "until", "by", "each"]
                .iter()
                .any(|x| before.ends_with(x));
            if !word_alone || opens_a_date || hours || not_past {
                continue;
            }
            // Days back from the document's weekday to this one. The document's own day
            // (`the FBI said on Thursday` in Thursday's story) is its date, not an event.
            let back = (i64::from(d.weekday().num_days_from_monday()) - n as i64).rem_euclid(7);
            if back > 0 {
                out.push((at, end, d - Duration::days(back)));
            }
        }
    }
    out
}

/// Days counted from the date told just before (`discovered on April 11 … and reported it
/// to police the next day`): the phrase and how many days it adds. (`The same day` adds no
/// date: told after a response, `secured the account the same day`, it would only mislead.)
const ANCHORED: &[(&str, i64)] = &[
    ("the next day", 1),
    ("the following day", 1),
    ("the day after", 1),
    ("a day later", 1),
    ("one day later", 1),
    ("two days later", 2),
    ("three days later", 3),
];

/// The dates of `ANCHORED` phrases in `text_lower`, each counted from the nearest date of
/// `resolved` that ends before it, at most 300 bytes back.
pub fn anchored(text_lower: &str, resolved: &[Resolved]) -> Vec<(usize, usize, NaiveDate)> {
    let mut out = Vec::new();
    // `reported the theft to the police the same day`: a report to the police the same day
    // as the event told before it is dated by it (other acts `the same day` are responses).
    let same_day = [
        "the same day",
        "that same day",
        "later that day",
        "that evening",
        "that night",
        "the same evening",
        "later that evening",
    ];
    let police_report = |at: usize| {
        let from = text_lower[..at].rfind(['.', '\n']).map_or(0, |i| i + 1);
        let sentence = &text_lower[from..at];
        ["police", "law enforcement", "fbi"]
            .iter()
            .any(|w| sentence.contains(w))
            && ["report", "notif", "alert", "contact", "filed"]
                .iter()
                .any(|w| sentence.contains(w))
    };
    let phrases = ANCHORED
        .iter()
        .copied()
        .chain(same_day.iter().map(|p| (*p, 0)));
    for (phrase, days) in phrases {
        for (at, _) in text_lower.match_indices(phrase) {
            let end = at + phrase.len();
            let word_alone = !text_lower[..at].ends_with(|c: char| c.is_ascii_alphanumeric())
                && !text_lower[end..].starts_with(|c: char| c.is_ascii_alphanumeric());
            if !word_alone
                || out.iter().any(|&(a, b, _)| a <= at && end <= b)
                || (days == 0 && !police_report(at))
            {
                continue;
            }
            let anchor = resolved
                .iter()
                .filter(|r| r.end <= at && at - r.end <= 300)
                .max_by_key(|r| r.end);
            if let Some(r) = anchor {
                out.push((at, end, r.date + Duration::days(days)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_to_the_police_the_same_day_takes_the_day_told_before() {
        let r = vec![Resolved {
            start: 0,
            end: 10,
            date: ymd(2025, 1, 12),
        }];
        let t = "january 12 a laptop was stolen from a car. the employee reported the theft to the city police department the same day.";
        let a = anchored(t, &r);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].2, ymd(2025, 1, 12));
        // A response the same day dates nothing.
        let t = "january 12 a laptop was stolen from a car. the company reset all passwords the same day.";
        assert!(anchored(t, &r).is_empty());
        // So does one that evening.
        let t = "january 12 a laptop was stolen from a car. the officer reported the theft to the metropolitan police that evening.";
        assert_eq!(anchored(t, &r).first().map(|a| a.2), Some(ymd(2025, 1, 12)));
    }

    #[test]
    fn the_next_day_counts_from_the_date_told_before_it() {
        let r = vec![Resolved {
            start: 0,
            end: 8,
            date: ymd(2024, 4, 11),
        }];
        let t = "april 11 it found the theft and reported it to police the next day.";
        assert_eq!(
            anchored(t, &r).into_iter().map(|x| x.2).collect::<Vec<_>>(),
            vec![ymd(2024, 4, 12)]
        );
        assert!(anchored("the next day it was found.", &[]).is_empty());
    }

    #[test]
    fn a_weekday_in_news_is_the_last_such_day_before_the_document() {
        // 2025-02-22 is a Saturday.
        let doc = Some(ymd(2025, 2, 22));
        let days = |t: &str| -> Vec<NaiveDate> {
            relative(&t.to_ascii_lowercase(), doc)
                .into_iter()
                .map(|r| r.2)
                .collect()
        };
        assert_eq!(
            days("The company said Friday that data may have leaked."),
            vec![ymd(2025, 2, 21)]
        );
        assert_eq!(
            days("Letters were sent on Tuesday."),
            vec![ymd(2025, 2, 18)]
        );
        assert!(days("The agency said on Saturday it was found.").is_empty());
        assert!(days("Call us Monday through Friday, 9 a.m. to 5 p.m.").is_empty());
        assert!(days("On Tuesday, Feb. 18, it posted a notice.").is_empty());
        assert!(days("Meetings are held every Tuesday; a review is due next Monday.").is_empty());
        assert!(days("The Fridays were quiet.").is_empty());
        assert!(relative("said friday", None).is_empty());
    }

    #[test]
    fn a_statement_verb_right_before_a_date_makes_it_the_disclosure() {
        let s =
            "tokyo-based maker hoshi said friday that data of 12,000 customers may have leaked.";
        assert_eq!(kind_at(s, "friday"), Some(DateKind::Disclosed));
        let s = "the fbi and the agency said\non thursday that the laptop was found.";
        assert_eq!(kind_at(s, "thursday"), Some(DateKind::Disclosed));
        // The medium of the statement may stand between the verb and its day.
        let s = "the county said in a news release wednesday that the laptop was taken from a car.";
        assert_eq!(kind_at(s, "wednesday"), Some(DateKind::Disclosed));
        assert!(said_in_a_statement(
            "the clinic announced in its brief written statement"
        ));
        assert!(!said_in_a_statement(
            "files were stolen in a break-in at the office after the release"
        ));
        let s = "in a letter sent to families on tuesday, the district said staff were phished.";
        assert_eq!(kind_at(s, "tuesday"), Some(DateKind::Disclosed));
        let s = "in emails sent to affected members on tuesday, the chain said accounts were hit.";
        assert_eq!(kind_at(s, "tuesday"), Some(DateKind::Disclosed));
        let s = "phishing emails sent to staff on march 3 carried a fake login page.";
        assert_eq!(kind_at(s, "march 3"), Some(DateKind::Occurred));
        let s = "the firm began mailing notification letters to patients on april 22, 2025.";
        assert_eq!(kind_at(s, "april 22, 2025"), Some(DateKind::Disclosed));
    }

    #[test]
    fn a_date_line_may_end_with_a_time_zone() {
        assert!(is_date_only("Apr 23, 2025, 16:05 ET"));
        assert!(is_date_only(
            "Published Thursday, January 16, 2025, 5:42 PM"
        ));
        assert!(!is_date_only("Apr 23, 2025, the company said"));
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// `resolve` over `text` with sentences ending at `. `.
    fn resolve_in(text: &str, ms: &[Mention], doc: NaiveDate) -> Vec<Resolved> {
        resolve(text, ms, Some(doc), |p| {
            text[p..].find(". ").map_or(text.len(), |i| p + i)
        })
    }

    /// The kind of the first date written `date` in the lower-cased sentence `s`.
    fn kind_at(s: &str, date: &str) -> Option<DateKind> {
        let at = s.find(date).unwrap();
        kind_of(s, at, at + date.len())
    }

    #[test]
    fn ranges_take_the_year_of_their_end_and_yearless_dates_the_documents() {
        let text = "Data was exposed between June 1 and July 9, 2016. On March 3 we learned of it.";
        let ms = mentions(text);
        assert_eq!(ms.len(), 3);
        let r = resolve_in(text, &ms, ymd(2017, 4, 1));
        assert_eq!(r[0].date, ymd(2016, 6, 1));
        assert_eq!(r[1].date, ymd(2016, 7, 9));
        // The story goes forward: March after a July of 2016 is the next year's, which is
        // still before the document.
        assert_eq!(r[2].date, ymd(2017, 3, 3));
        // ... but not past the document: then the latest explicit year before it.
        let r = resolve_in(text, &ms, ymd(2016, 12, 1));
        assert_eq!(r[2].date, ymd(2016, 3, 3));
    }

    #[test]
    fn a_yearless_date_after_a_full_one_follows_the_story_into_the_next_year() {
        let text = "January 29, 2025\nThe store became public after a change on November 2, 2024 and was secured on January 17. It told users on January 24.";
        let ms = mentions(text);
        let r = resolve_in(text, &ms, ymd(2025, 1, 29));
        let dates: Vec<NaiveDate> = r.iter().map(|x| x.date).collect();
        assert_eq!(
            dates,
            vec![
                ymd(2025, 1, 29),
                ymd(2024, 11, 2),
                ymd(2025, 1, 17),
                ymd(2025, 1, 24)
            ]
        );
    }

    #[test]
    fn a_notice_posted_or_sent_is_the_disclosure() {
        let s = "the company first acknowledged the incident in a statement posted on its website on september 12.";
        assert_eq!(kind_at(s, "september 12"), Some(DateKind::Disclosed));
        let s = "we informed families in a notice that we posted on our website and emailed to them on january 12, 2024.";
        assert_eq!(kind_at(s, "january 12, 2024"), Some(DateKind::Disclosed));
        // Records posted or sent are the incident itself.
        let s = "the spreadsheet was emailed to all parents on march 2.";
        assert_eq!(kind_at(s, "march 2"), Some(DateKind::Occurred));
        // Finding how intruders got in dates the intrusion, not the finding.
        let s = "the review found that the attackers first got into the network on may 6.";
        assert_eq!(kind_at(s, "may 6"), Some(DateKind::Occurred));
    }

    #[test]
    fn datelines_and_date_lines() {
        assert!(is_date_only("Saturday, June 18, 2011"));
        assert!(is_date_only("2009-10-21"));
        assert!(!is_date_only("On June 18, 2011 we found it"));
        assert_eq!(
            document_date("Notice\nPORTVILLE, Ore., Sept. 13, 2024 – Quill Co. is notifying…"),
            Some((ymd(2024, 9, 13), true))
        );
        assert_eq!(
            document_date("Title\n\n18 October 2007\n\nBody"),
            Some((ymd(2007, 10, 18), false))
        );
    }

    #[test]
    fn a_report_to_the_fbi_by_its_full_name_is_a_police_report() {
        let s = "we reported the incident to the federal bureau of investigation on july 2, 2025";
        assert_eq!(kind_at(s, "july 2, 2025"), Some(DateKind::ReportedPolice));
        let s = "a third party gained unauthorized access to our network on or around june 9, 2025";
        assert_eq!(kind_at(s, "june 9, 2025"), Some(DateKind::Occurred));
    }

    #[test]
    fn a_gang_s_post_on_its_leak_site_dates_no_event() {
        let s = "the gang posted the firm on its leak site on monday with a countdown";
        assert_eq!(kind_at(s, "monday"), None);
        let s = "the firm said in a notice posted on its website on monday";
        assert_eq!(kind_at(s, "monday"), Some(DateKind::Disclosed));
    }

    #[test]
    fn a_day_opening_a_statement_is_the_statement_s() {
        let s = "on thursday it said a fuller review of the files copied by the attackers had found more members";
        assert_eq!(kind_at(s, "thursday"), Some(DateKind::Disclosed));
        // A finding confirmed that day is no statement.
        let s = "on may 9, 2025, that review confirmed that your information was in the files";
        assert_ne!(kind_at(s, "may 9, 2025"), Some(DateKind::Disclosed));
        let s = "on may 2 the attackers logged in to the portal";
        assert_eq!(kind_at(s, "may 2"), Some(DateKind::Occurred));
    }

    #[test]
    fn a_byline_dates_the_article() {
        assert_eq!(
            document_date("Site\n\nHeadline here\n\nBy Ana Reyes | January 8, 2026\n\nBody."),
            Some((ymd(2026, 1, 8), false))
        );
        assert_eq!(
            document_date("Blog\n\nPublished 5 January 2026 · Research team\n\nBody."),
            Some((ymd(2026, 1, 5), false))
        );
        assert_eq!(
            document_date("Blog\n\nThe attack began on 5 January 2026.\n"),
            None
        );
    }

    #[test]
    fn kinds_follow_the_nearest_event_word() {
        let s = "on october 15, 2019, we were alerted to a suspicious connection";
        assert_eq!(kind_of(s, 3, 19), Some(DateKind::Detected));
        let s = "the laptop was stolen on may 3 and the police were told on may 4";
        assert_eq!(kind_at(s, "may 3"), Some(DateKind::Occurred));
        assert_eq!(kind_at(s, "may 4"), Some(DateKind::ReportedPolice));
    }

    #[test]
    fn a_state_found_on_a_day_is_its_detection() {
        let s =
            "the firm said its file servers were found to be encrypted on the morning of april 9";
        assert_eq!(kind_at(s, "april 9"), Some(DateKind::Detected));
        let s = "the file servers were encrypted on april 9";
        assert_eq!(kind_at(s, "april 9"), Some(DateKind::Occurred));
    }

    #[test]
    fn a_statement_about_the_attack_on_a_day_is_the_disclosure() {
        let s = "county officials announced the attack on tuesday in a notice on the website";
        assert_eq!(kind_at(s, "tuesday"), Some(DateKind::Disclosed));
        let s = "the attack on tuesday took the county's website offline";
        assert_eq!(kind_at(s, "tuesday"), Some(DateKind::Occurred));
        let s = "the trust discovered the attack on 4 june, when staff could not log in";
        assert_eq!(kind_at(s, "4 june"), Some(DateKind::Detected));
        let s = "the college said it learned of the theft on june 3";
        assert_eq!(kind_at(s, "june 3"), Some(DateKind::Detected));
    }

    #[test]
    fn a_relative_clause_after_the_date_tells_a_later_event() {
        let s = "the carrier noticed odd traffic on its network on august 2, 2025, which disrupted its tracking portal";
        assert_eq!(kind_at(s, "august 2, 2025"), Some(DateKind::Detected));
    }
}
