//! Resolving date mentions to calendar days. A stated day carries to the events that follow
//! it until another date is stated (narrative anchoring): `同日`/`翌日`/`前日`, `同年`/`翌年`,
//! `翌20日`/`同月20日` and bare days (`5日に報告`) are read against the last event date
//! before them; `きょう(6日)`, `今月`/`先月` and `本年`/`昨年` against the document's own date;
//! `X月Y日` takes the nearest preceding written year, else the document's year (a December
//! event reported in January falls in the year before).

use crate::lists::Marker;
use crate::scan::DocScan;
use chrono::{Datelike, Duration, Months, NaiveDate};
use leakwatch_jatext::{DateForm, YearRef};

/// Calendar days for every date mention of the document (None when the year is unknown).
pub fn resolve_dates(
    scan: &DocScan,
    published: Option<NaiveDate>,
) -> (Vec<Option<NaiveDate>>, Option<i32>, &'static str) {
    let (doc_year, how) = document_year(scan, published);
    // A header that dates the page without its year (`01月16日 17時45分`, as broadcasters
    // write it) stands for the publication date once the document's year is known: `今月`,
    // `先月` and news-lead days are read against it, and it anchors no event.
    let header = published
        .is_none()
        .then(|| header_month_day(scan, doc_year))
        .flatten();
    let published = published.or(header.map(|h| h.1));
    let mut out: Vec<Option<NaiveDate>> = Vec::with_capacity(scan.dates.len());
    // The last event date: what relative words and bare days are read against. The header's
    // publication date and status dates (`12月1日現在`) state no event and anchor nothing.
    let mut anchor: Option<NaiveDate> = None;
    // The last date of any kind, for a relative word before any event date.
    let mut last: Option<NaiveDate> = None;
    // The last news lead's date (`藍浜県は27日、…と発表した`) and the `同じ日` leads that
    // restate it (`県教委は同じ日、…と発表した`), filled once undated leads are resolved.
    let mut last_lead: Option<usize> = None;
    let mut same_as_lead: Vec<(usize, usize)> = Vec::new();
    let stories = story_starts(scan);
    for (i, (dm, sent)) in scan.dates.iter().enumerate() {
        let before = &scan.text[..dm.start];
        let prev_end = i
            .checked_sub(1)
            .and_then(|j| scan.dates.get(j))
            .map_or(0, |(p, _)| p.end);
        // `侵入は昨年12月中旬ごろとみられる。同月26日、…`: a month told without its day since
        // the last date says which month `同月` (told in that sentence or the one before) or a
        // bare day (in its own sentence) falls in.
        let same_month = before.ends_with('同') || before.trim_end().ends_with("同月");
        let from_sentence = if same_month {
            sent.saturating_sub(1)
        } else {
            *sent
        };
        let window_start = scan
            .layout
            .sentences
            .get(from_sentence)
            .map_or(dm.start, |s| s.start)
            .max(prev_end)
            .min(dm.start);
        let month_told = scan
            .text
            .get(window_start..dm.start)
            .and_then(|between| month_told_in(between, doc_year, published, anchor.or(last)));
        let base = anchor.or(last);
        let resolved = match dm.form {
            DateForm::Full(d) => Some(d),
            DateForm::RelativeYearMonthDay { year, month, day } => {
                let y = match year {
                    YearRef::Previous => base.map(|p| p.year()),
                    YearRef::BeforePrevious => base.map(|p| p.year() - 1),
                    YearRef::AfterPrevious => base.map(|p| p.year() + 1),
                    YearRef::Document => doc_year,
                    YearRef::BeforeDocument => doc_year.map(|y| y - 1),
                };
                y.and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
            }
            DateForm::MonthDay { month, day } => {
                let story = stories[..stories.partition_point(|s| *s <= dm.start)]
                    .last()
                    .copied()
                    .unwrap_or(0);
                let at = MonthDayAt {
                    pos: dm.start,
                    story,
                };
                month_day_date(scan, at, month, day, doc_year, published, anchor)
                    .map(|d| year_of_weekday(&scan.text[dm.end..], d, doc_year))
            }
            DateForm::RelativeMonthDay { months_back, day } => published.and_then(|p| {
                let first = p
                    .with_day(1)?
                    .checked_sub_months(Months::new(months_back))?;
                first.with_day(day)
            }),
            // `翌20日` / `同20日` / `同月20日`: a day of the month of the previous date (`翌`
            // moves on to the next month when the day has passed).
            DateForm::DayOnly { day }
                if base.is_some()
                    && (before.ends_with('翌')
                        || before.ends_with('同')
                        || before.trim_end().ends_with("同月")) =>
            {
                month_told.or(base).and_then(|p| {
                    let d = p.with_day(day)?;
                    if before.ends_with('翌') && d < p {
                        d.checked_add_months(Months::new(1))
                    } else {
                        Some(d)
                    }
                })
            }
            DateForm::DayOnly { day } if month_told.is_some() => {
                month_told.and_then(|m| m.with_day(day))
            }
            DateForm::DayOnly { day } => {
                // `○○は9日、…と発表した` dates from the report; `同社は3日、…を検知した` in a
                // narrative already dated (`先月2日から…`) is a day of that narrative.
                let lead = before.trim_end().ends_with('は')
                    && (anchor.is_none() || sentence_announces(scan, *sent));
                match (anchor.filter(|_| !lead), published) {
                    // Inside a narrative the day is the one nearest the date before it.
                    (Some(a), p) => nearest_day(a, day, p)
                        .or_else(|| p.and_then(|p| latest_day_on_or_before(p, day))),
                    // A news lead (`○○は9日、`), or a day before any event date, dates from
                    // the report: the latest such day on or before publication.
                    (None, Some(p)) => latest_day_on_or_before(p, day),
                    (None, None) => None,
                }
            }
            DateForm::SameDay => match last_lead {
                Some(j)
                    if announces_as_topic(scan, before, *sent)
                        && !crosses_an_entry(&scan.text[scan.dates[j].0.end..dm.start]) =>
                {
                    same_as_lead.push((i, j));
                    None
                }
                _ => base,
            },
            DateForm::NextDay => base.map(|p| p + Duration::days(1)),
            DateForm::PreviousDay => base.map(|p| p - Duration::days(1)),
        };
        if !matches!(dm.form, DateForm::SameDay) && announces_as_topic(scan, before, *sent) {
            last_lead = Some(i);
        }
        if let Some(d) = resolved {
            last = Some(d);
            if !is_status_date(scan, i)
                && !is_header_date(scan, i, published)
                && header.is_none_or(|h| h.0 != i)
            {
                anchor = Some(d);
            }
        }
        out.push(resolved);
    }
    resolve_undated_leads(scan, &mut out);
    for (i, j) in same_as_lead {
        let d = out.get(j).copied().flatten();
        if let Some(slot) = out.get_mut(i) {
            *slot = d;
        }
    }
    (out, doc_year, how)
}

/// Whether `between` crosses into another entry of a list (a line opening with a mark: `●`,
/// `■`, `【`…): a lead before it is another story's.
fn crosses_an_entry(between: &str) -> bool {
    between.lines().skip(1).any(|l| {
        l.trim_start()
            .starts_with(['●', '■', '◆', '◇', '□', '▼', '【', '・', '○', '★'])
    })
}

/// Whether a date right after a topic (`…は27日、`, `県教委は同じ日、`) dates an announcement its
/// sentence tells: a news lead.
fn announces_as_topic(scan: &DocScan, before: &str, sent: usize) -> bool {
    let before = before.trim_end();
    (before.ends_with('は') || before.ends_with("も")) && sentence_announces(scan, sent)
}

/// The date line of a header that gives month and day only (`01月16日 17時45分`, alone on one
/// of the first three lines), with the document's year: (date index, day).
fn header_month_day(scan: &DocScan, doc_year: Option<i32>) -> Option<(usize, NaiveDate)> {
    let year = doc_year?;
    scan.dates
        .iter()
        .enumerate()
        .take_while(|(_, (_, sent))| scan.line_of(*sent) <= 3)
        .find_map(|(i, (dm, sent))| {
            let DateForm::MonthDay { month, day } = dm.form else {
                return None;
            };
            let line = scan.layout.line_text(scan.text, scan.line_of(*sent));
            // A header date line is short; a long line is never copied per date.
            if line.len() > 60 {
                return None;
            }
            let rest = line.replacen(scan.text.get(dm.start..dm.end)?, "", 1);
            let only_date = rest.chars().all(|c| {
                c.is_whitespace()
                    || c.is_ascii_digit()
                    || "():時分午前後月火水木金土日曜".contains(c)
                    || "配信更新掲載公開投稿".contains(c)
            });
            only_date
                .then(|| NaiveDate::from_ymd_opt(year, month, day).map(|d| (i, d)))
                .flatten()
        })
}

/// Where each story of a digest or ranking begins (the byte offset of its ■/●/第N位 line): a
/// year written in one story says nothing of the next one's dates.
fn story_starts(scan: &DocScan) -> Vec<usize> {
    // A dated list of organisations' reports (`| 1/30 | 株式会社A | …`) is a list of stories
    // too: a year written in one entry (`2025年11月分に追記`) is not the next one's.
    let dated_list = scan.dated_list_of_orgs();
    scan.list_items()
        .iter()
        .filter(|it| {
            matches!(it.marker, Marker::Symbol(_) | Marker::Rank)
                || (dated_list && it.marker == Marker::Date)
        })
        .filter_map(|it| scan.layout.lines.get(it.first_line).map(|l| l.start))
        .collect()
}

/// A month-day mention: where it is, and where its story begins (0 outside lists).
#[derive(Clone, Copy)]
struct MonthDayAt {
    pos: usize,
    story: usize,
}

/// `X月Y日`: the nearest preceding written year of its story, else the document's year. A month-day
/// after the publication day with only the document's year to go by happened the year
/// before (`12月25日` in a January report); a January–March day after an October–December
/// event of the same written year follows it into the next year.
fn month_day_date(
    scan: &DocScan,
    at: MonthDayAt,
    month: u32,
    day: u32,
    doc_year: Option<i32>,
    published: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
) -> Option<NaiveDate> {
    // The year written last before the date, unless `本年` (the document's year) comes after
    // it (`2023年8月1日の移行時に…、本年5月中旬に…。5月30日に報告`).
    let written = preceding_year(scan, at)
        .filter(|&(pos, _)| doc_year.is_none() || this_year_word(scan, at).is_none_or(|w| w < pos));
    // A year told only with a season or a vague time (`2025年春に公開された脆弱性を悪用し、…
    // 1月5日深夜から暗号化`), earlier than the narrative's last event date, is background: the
    // day belongs to the narrative's year (the year before when that would put it after the
    // publication).
    let written = match (written, anchor) {
        (Some((pos, y)), Some(a)) if y < a.year() && vague_year(scan, pos) => {
            let in_narrative = NaiveDate::from_ymd_opt(a.year(), month, day)?;
            let y = if published.is_some_and(|p| in_narrative > p) {
                a.year() - 1
            } else {
                a.year()
            };
            Some((pos, y))
        }
        (w, _) => w,
    };
    match written.map(|(_, y)| y) {
        Some(y) => {
            let d = NaiveDate::from_ymd_opt(y, month, day)?;
            // The year of the publication date (often written in the header) is the
            // document's year: the same roll-over back applies.
            if let Some(p) = published.filter(|p| p.year() == y && d > *p + Duration::days(31)) {
                return NaiveDate::from_ymd_opt(p.year() - 1, month, day);
            }
            let rolls_over =
                anchor.is_some_and(|a| a.year() == y && a.month() >= 10 && d < a) && month <= 3;
            if rolls_over {
                let next = NaiveDate::from_ymd_opt(y + 1, month, day)?;
                if published.is_none_or(|p| next <= p) {
                    return Some(next);
                }
            }
            Some(d)
        }
        None => {
            let y = doc_year?;
            let d = NaiveDate::from_ymd_opt(y, month, day)?;
            match published {
                Some(p) if d > p + Duration::days(31) => NaiveDate::from_ymd_opt(y - 1, month, day),
                _ => Some(d),
            }
        }
    }
}

/// Whether sentence `sent` tells an announcement (`発表した`, `明らかにした`, `公表した`).
fn sentence_announces(scan: &DocScan, sent: usize) -> bool {
    let text = scan.sentence_text(sent);
    [
        "発表",
        "公表",
        "明らかにし",
        "明らかにな",
        "お知らせ",
        "報道",
        "説明し",
        "述べ",
        "話し",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// A yearless day followed by its weekday (`11月17日(月)`) falls in the year, of the one
/// inferred, the document's and the two beside the inferred one, whose calendar has that
/// weekday: the inferred year may come from a background date (`2024年2月に修正が提供`).
fn year_of_weekday(after: &str, d: NaiveDate, doc_year: Option<i32>) -> NaiveDate {
    let after = after.trim_start();
    let Some(inner) = after
        .strip_prefix('(')
        .or_else(|| after.strip_prefix('（'))
        .map(str::trim_start)
    else {
        return d;
    };
    let Some(wd) = inner
        .chars()
        .next()
        .and_then(|c| "月火水木金土日".chars().position(|w| w == c))
    else {
        return d;
    };
    if d.weekday().num_days_from_monday() as usize == wd {
        return d;
    }
    doc_year
        .into_iter()
        .chain([d.year() + 1, d.year() - 1])
        .filter_map(|y| NaiveDate::from_ymd_opt(y, d.month(), d.day()))
        .find(|c| c.weekday().num_days_from_monday() as usize == wd)
        .unwrap_or(d)
}

/// The first day of the last month told without a day in `between` (`昨年12月中旬ごろ`,
/// `2025年11月下旬`, `10月末`): its year is the one written, `昨年`/`今年` against the
/// document's, else the latest such month not after publication (or the previous date's year).
fn month_told_in(
    between: &str,
    doc_year: Option<i32>,
    published: Option<NaiveDate>,
    previous: Option<NaiveDate>,
) -> Option<NaiveDate> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?:(?P<y>\d{4})\s*年\s*|(?P<rel>昨年|去年|今年|本年)\s*)?(?P<m>\d{1,2})\s*月\s*(?:上旬|中旬|下旬|初旬|初め|末|ごろ|頃|中に)",
        )
        .expect("month-told regex is valid")
    });
    let caps = re.captures_iter(between).last()?;
    let whole = caps.get(0)?;
    // `12月` as the tail of a longer number is none.
    if between[..whole.start()]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    let month: u32 = caps.name("m")?.as_str().parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let year = if let Some(y) = caps.name("y") {
        y.as_str().parse().ok()?
    } else {
        match caps.name("rel").map(|m| m.as_str()) {
            Some("昨年") | Some("去年") => doc_year? - 1,
            Some(_) => doc_year?,
            None => match (published, previous) {
                (Some(p), _) if month <= p.month() => p.year(),
                (Some(p), _) => p.year() - 1,
                (None, Some(prev)) => prev.year(),
                (None, None) => doc_year?,
            },
        }
    };
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The latest day-of-month `day` on or before `p` (this month or the one before).
fn latest_day_on_or_before(p: NaiveDate, day: u32) -> Option<NaiveDate> {
    let this = p.with_day(day).filter(|d| *d <= p);
    this.or_else(|| {
        let first = p.with_day(1)?;
        (first - Duration::days(1)).with_day(day)
    })
}

/// The day-of-month `day` nearest to `anchor` (its month, the one before or after), never
/// after publication; a tie goes to the later day, as narratives move forward.
fn nearest_day(anchor: NaiveDate, day: u32, published: Option<NaiveDate>) -> Option<NaiveDate> {
    let first = anchor.with_day(1)?;
    [
        first.checked_sub_months(Months::new(1)),
        Some(first),
        first.checked_add_months(Months::new(1)),
    ]
    .into_iter()
    .flatten()
    .filter_map(|m| m.with_day(day))
    .filter(|d| published.is_none_or(|p| *d <= p))
    .min_by_key(|d| ((*d - anchor).num_days().abs(), *d < anchor))
}

/// A news lead's bare day (`○○は10日、…と発表した`) in a document with no date of its own:
/// the report follows the events it tells, so it is the first such day on or after the
/// latest date the document states (within two months).
fn resolve_undated_leads(scan: &DocScan, out: &mut [Option<NaiveDate>]) {
    let Some(latest) = out.iter().flatten().max().copied() else {
        return;
    };
    for (i, (dm, _)) in scan.dates.iter().enumerate() {
        let DateForm::DayOnly { day } = dm.form else {
            continue;
        };
        if out[i].is_some() || !scan.text[..dm.start].trim_end().ends_with('は') {
            continue;
        }
        let first = latest.with_day(1);
        let candidate = [
            first,
            first.and_then(|f| f.checked_add_months(Months::new(1))),
        ]
        .into_iter()
        .flatten()
        .filter_map(|m| m.with_day(day))
        .find(|d| *d >= latest);
        out[i] = candidate.filter(|d| (*d - latest).num_days() <= 62);
    }
}

/// Whether date `idx` states a status rather than an event (`12月1日現在`, `11月5日時点で`).
fn is_status_date(scan: &DocScan, idx: usize) -> bool {
    let dm = scan.dates[idx].0;
    let after = crate::text::window_after(scan.text, dm.end, 16);
    let after = after.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || "()時分頃午前後正月火水木金土日曜:".contains(c)
    });
    after.starts_with("現在") || after.starts_with("時点")
}

/// Whether date `idx` is the document's own date written in its header (a full date equal
/// to the publication date on one of the first lines).
pub(super) fn is_header_date(scan: &DocScan, idx: usize, published: Option<NaiveDate>) -> bool {
    let (dm, sent) = scan.dates[idx];
    if !matches!(dm.form, DateForm::Full(d) if Some(d) == published) || scan.line_of(sent) > 5 {
        return false;
    }
    // Standing as a header writes it: at the end of its line, before a space (a title line
    // run together with page furniture) or a trailer (`更新`, `配信`); not a sentence's
    // date (`2025年10月17日に再開した`).
    let line_end = scan.text[dm.end..]
        .find('\n')
        .map_or(scan.text.len(), |i| dm.end + i);
    let raw = &scan.text[dm.end..line_end];
    let rest = super::words::after_date(raw, 0).trim();
    rest.is_empty()
        || raw.starts_with([' ', '\u{3000}', '\t'])
            && !rest.starts_with(['、', ',', 'に', 'か', 'ま', 'よ', 'の'])
        || ["更新", "配信", "公開", "掲載", "発表", "発行", "現在", "付"]
            .iter()
            .any(|w| rest.starts_with(w))
}

/// Whether the year written at `pos` is told with a season or a vague time only (`2025年春`,
/// `2024年ごろ`, `2023年以降`), not with a month.
fn vague_year(scan: &DocScan, pos: usize) -> bool {
    let Ok(i) = scan.years.binary_search_by_key(&pos, |y| y.start) else {
        return false;
    };
    let y = &scan.years[i];
    let after = scan.text.get(y.end..).unwrap_or("").trim_start();
    let after = after.strip_prefix('年').unwrap_or(after).trim_start();
    [
        "春", "夏", "秋", "冬", "頃", "ごろ", "以降", "以前", "末", "初め", "前半", "後半",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

/// The year written closest before `pos`: a year mention (`2024年`, `令和4年`) or the year of a
/// full date written without 年 (`2007/3/1`). A year that bounds a range (`2021年以降`,
/// `2021年1月以降に申し込んだ方`, `2019年4月から`) speaks of a span, and a fiscal year
/// (`令和5年度`) of a period, not of when the events happened; both are skipped.
fn preceding_year(scan: &DocScan, at: MonthDayAt) -> Option<(usize, i32)> {
    let i = scan.years.partition_point(|y| y.start < at.pos);
    let written = scan.years[..i]
        .iter()
        .rev()
        .take_while(|y| y.start >= at.story)
        .find(|y| !year_bounds_a_range(scan.text, y.end) && !is_fiscal_year(scan.text, y.end))
        .map(|y| (y.start, y.year));
    let j = scan.dates.partition_point(|(d, _)| d.start < at.pos);
    let full = scan.dates[..j]
        .iter()
        .rev()
        .take_while(|(d, _)| d.start >= at.story)
        .find_map(|(d, _)| match d.form {
            DateForm::Full(x) => Some((d.start, x.year())),
            _ => None,
        });
    match (written, full) {
        (Some(w), Some(f)) => Some(if f.0 > w.0 { f } else { w }),
        (w, f) => w.or(f),
    }
}

/// Where `本年` / `今年` (this year, without a day: `本年5月中旬に`) is last written in the
/// story before `at`.
fn this_year_word(scan: &DocScan, at: MonthDayAt) -> Option<usize> {
    let story = scan.text.get(at.story..at.pos)?;
    ["本年", "今年"]
        .iter()
        .filter_map(|w| story.rfind(w))
        .max()
        .map(|i| at.story + i)
}

/// Whether the year ending at `end` is a fiscal year (`令和5年度`) or the year of a fiscal
/// period (`2022年3月期`, the year a company's accounts close).
fn is_fiscal_year(text: &str, end: usize) -> bool {
    let after = text[end..].trim_start();
    if after.starts_with('度') {
        return true;
    }
    let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..=2).contains(&digits)
        && after[digits..]
            .trim_start()
            .strip_prefix('月')
            .is_some_and(|r| r.trim_start().starts_with('期'))
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
                // `約1900人分` is a count, not a year: a year is plausible and takes no counter.
                let counted = title[i + 4..]
                    .starts_with(|c: char| "人件名社万千億円個通台枚回分".contains(c));
                if let Ok(y) = std::str::from_utf8(w).unwrap_or("").parse::<i32>() {
                    if (1980..=2100).contains(&y) && !counted {
                        return (Some(y), "year in the title");
                    }
                }
            }
        }
    }
    let written = scan
        .years
        .iter()
        .filter(|y| !year_bounds_a_range(scan.text, y.end) && !is_fiscal_year(scan.text, y.end))
        .map(|y| y.year);
    let full = scan.dates.iter().filter_map(|(d, _)| match d.form {
        DateForm::Full(x) => Some(x.year()),
        _ => None,
    });
    (written.chain(full).max(), "latest year stated in the text")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(text: &str, published: Option<NaiveDate>) -> Vec<Option<NaiveDate>> {
        resolve_dates(&super::super::test_scan(text), published).0
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn a_header_without_its_year_dates_the_page_once_the_year_is_known() {
        let text = "2026年 消防職員を停職処分 青葉市\n\n01月16日 17時45分\n\n\
            青葉市消防局は16日、発表しました。先月25日に家族から相談があり、今月9日に委員会に報告しました。";
        let r = resolved(text, None);
        assert_eq!(
            r,
            vec![
                d(2026, 1, 16),
                d(2026, 1, 16),
                d(2025, 12, 25),
                d(2026, 1, 9)
            ]
        );
        // Without a year anywhere the header stays a date of unknown year.
        let r = resolved(&text.replacen("2026年 ", "", 1), None);
        assert_eq!(r[2], None);
    }

    #[test]
    fn this_year_written_after_an_earlier_year_takes_back_the_document_s_year() {
        let text = "お知らせ\n公開日 2025年6月12日\n\
            当該設定は2023年8月1日の移行時に誤って変更され、本年5月中旬に外部からの閲覧が確認されました。\
            当社は5月30日に委員会へ報告しました。";
        let r = resolved(text, None);
        assert_eq!(r.last().copied().flatten(), d(2025, 5, 30));
        // Without 本年 the year written before still carries.
        let r = resolved(&text.replace("本年5月中旬に", "その後"), None);
        assert_eq!(r.last().copied().flatten(), d(2023, 5, 30));
    }

    #[test]
    fn a_month_told_without_its_day_sets_the_month_of_the_day_after_it() {
        let text = "B社、顧客情報流出の恐れ\n2026年2月3日\n\
            B社は1月9日に第1報を出した。侵入は昨年12月下旬ごろとみられる。同月29日、社員が異常に気づいた。";
        let r = resolved(text, None);
        assert_eq!(r.last().copied().flatten(), d(2025, 12, 29));
        // A month two sentences back tells nothing about a bare day: it stays by the date
        // before it.
        let text = "C社 記事\n2026年2月3日\n\
            C社は1月9日に公表した。「2024年5月ごろから盗んだ」と供述。別の話もあった。逮捕容疑は、3日午前6時ごろに盗んだ疑い。";
        let r = resolved(text, None);
        assert_eq!(r.last().copied().flatten(), d(2026, 1, 3));
    }

    #[test]
    fn the_same_day_of_a_second_lead_is_the_first_lead_s() {
        let text = "G県で二つの事案\n2025年11月28日\n\
            G県は27日、職員が2025年11月4日に名簿を誤送信したと発表した。同月6日に指摘で分かった。\
            また、G県教育委員会は同じ日、教諭がUSBメモリーを紛失したと発表した。";
        let r = resolved(text, d(2025, 11, 28));
        assert_eq!(r.last().copied().flatten(), d(2025, 11, 27));
        // In a digest, a lead of an earlier entry is another story's.
        let text = "10月の事案\n2025年11月3日\n\
            ●A社\nA社は10月14日、不正アクセスを受けたと発表した。\n\
            ●B社\n10月22日、B社の元社員が逮捕された。同社は同日、おわびを公表した。";
        let r = resolved(text, d(2025, 11, 3));
        assert_eq!(r.last().copied().flatten(), d(2025, 10, 22));
    }

    #[test]
    fn a_topic_s_day_inside_a_dated_narrative_stays_in_it() {
        let text = "F社に攻撃\n2025年4月10日\n\
            F社によると、先月2日から5日にかけて不正ログインが続いた。同社は3日、失敗の急増を検知した。";
        let r = resolved(text, d(2025, 4, 10));
        assert_eq!(r.last().copied().flatten(), d(2025, 3, 3));
        // A lead that tells the announcement dates from the report.
        let text = "F社に攻撃\n2025年4月10日\n\
            F社によると、先月2日から5日にかけて不正ログインが続いた。同社は3日、これを発表した。";
        let r = resolved(text, d(2025, 4, 10));
        assert_eq!(r.last().copied().flatten(), d(2025, 4, 3));
    }

    #[test]
    fn a_weekday_after_a_yearless_day_picks_its_year() {
        let text = "D社 お知らせ\n2025年12月1日\n\
            当該機器には2024年2月に修正が提供されていた。窓口は11月17日(月)より受け付けます。";
        let r = resolved(text, None);
        assert_eq!(r.last().copied().flatten(), d(2025, 11, 17));
        // A weekday that fits the inferred year keeps it.
        let text = "D社 お知らせ\n2025年12月1日\n\
            当該機器には2024年2月に修正が提供されていた。窓口は11月17日(日)に開いた。";
        let r = resolved(text, None);
        assert_eq!(r.last().copied().flatten(), d(2024, 11, 17));
        // An era year two years back does not hold a day whose weekday fits the document's.
        let text = "E市 お知らせ\n2025年12月19日\n\
            本市は令和5年4月に規程を改定した。12月22日(月)に校長会を開く予定です。";
        let r = resolved(text, None);
        assert_eq!(r.last().copied().flatten(), d(2025, 12, 22));
    }

    #[test]
    fn a_background_year_does_not_move_the_narrative_s_days() {
        let text = "2026年2月20日\n\n当社は2026年1月9日、サーバーの異常を検知しました。\
            攻撃者は2025年夏に公表された脆弱性を悪用しており、1月5日深夜から6日未明にかけて\
            ファイルを暗号化しました。";
        let r = resolved(text, d(2026, 2, 20));
        assert_eq!(
            r,
            vec![d(2026, 2, 20), d(2026, 1, 9), d(2026, 1, 5), d(2026, 1, 6)]
        );
    }

    #[test]
    fn a_year_written_in_one_row_of_a_dated_list_stays_in_it() {
        let text = "事件簿 2026年1月\n\n| 日付 | 組織名 | 概要 |\n|---|---|---|\n\
            | 1/22 | 株式会社青葉商事 | 2025年11月分の続報 |\n\
            | 1/30 | 緑町 | 書類を紛失 |\n";
        let r = resolved(text, d(2026, 2, 2));
        assert_eq!(r, vec![d(2026, 1, 22), d(2026, 1, 30)]);
    }

    #[test]
    fn a_count_in_the_title_is_no_year() {
        let text = "A市、職員約1900人分の情報流出か\nA市は27日、発表した。";
        let scan = super::super::test_scan(text);
        assert_eq!(document_year(&scan, None).0, None);
        let text = "2019年度 A市の情報流出\nA市は27日、発表した。";
        let scan = super::super::test_scan(text);
        assert_eq!(document_year(&scan, None).0, Some(2019));
    }

    #[test]
    fn a_year_written_in_one_digest_story_stays_in_it() {
        let text = "週刊まとめ(2026年3月9日号)\n\
            ■A社 カード情報流出\n A社は3月2日、2025年4月1日から2025年12月20日までの決済が\
            漏えいしたと発表した。2025年12月20日に判明した。\n\
            ■B市 メール誤送信\n B市は3月4日、職員が3月3日に誤送信したと発表した。\n";
        let r = resolved(text, d(2026, 3, 9));
        // B's days take the document's year, not the 2025 of A's story.
        assert_eq!(r[r.len() - 2..], [d(2026, 3, 4), d(2026, 3, 3)]);
        // Without the story markers the written year carries, as in one narrative.
        let plain = text.replace('■', "");
        let r = resolved(&plain, d(2026, 3, 9));
        assert_eq!(r[r.len() - 1], d(2025, 3, 3));
    }

    #[test]
    fn a_stated_day_carries_to_the_relative_days_after_it() {
        let text = "令和5年3月2日午前10時頃、職員が書類を置き忘れた。同日夕方に気づき、翌日警察に届け出た。5日に保護者へ説明した。";
        assert_eq!(
            resolved(text, None),
            vec![d(2023, 3, 2), d(2023, 3, 2), d(2023, 3, 3), d(2023, 3, 5)]
        );
    }

    #[test]
    fn relative_months_and_today_read_the_document_date() {
        let text = "お知らせ\n2025年10月6日\n先月25日に紛失し、今月2日に報告を受けました。きょう(6日)公表します。";
        let p = d(2025, 10, 6);
        assert_eq!(
            resolved(text, p),
            vec![
                d(2025, 10, 6),
                d(2025, 9, 25),
                d(2025, 10, 2),
                d(2025, 10, 6)
            ]
        );
    }

    #[test]
    fn a_bare_day_is_read_against_the_narrative_not_the_header() {
        // The header date anchors nothing: `27日` after `9月25日` is in September.
        let text = "お知らせ\n2025年10月20日\n教員は9月25日に持ち帰り、27日に紛失に気づいた。";
        assert_eq!(
            resolved(text, d(2025, 10, 20)),
            vec![d(2025, 10, 20), d(2025, 9, 25), d(2025, 9, 27)]
        );
        // Without a publication date the day nearest the date before it is taken.
        let text = "2024年1月31日の試合に向け、23日に受付を始めた。";
        assert_eq!(resolved(text, None), vec![d(2024, 1, 31), d(2024, 1, 23)]);
    }

    #[test]
    fn status_dates_anchor_nothing() {
        let text =
            "2025年11月28日に誤送信した。12月1日現在、相手は不明。同日及び翌29日に謝罪した。";
        assert_eq!(
            resolved(text, None),
            vec![
                d(2025, 11, 28),
                d(2025, 12, 1),
                d(2025, 11, 28),
                d(2025, 11, 29)
            ]
        );
    }

    #[test]
    fn the_document_date_is_a_full_date_equal_to_publication_near_the_top() {
        let text = "見出し 2025年10月17日 県は2025年10月14日、発表した。\n本文\n2025年10月17日に再開した。";
        let scan = super::super::test_scan(text);
        let p = d(2025, 10, 17);
        assert!(is_header_date(&scan, 0, p));
        assert!(!is_header_date(&scan, 1, p));
        // An event on the day of publication in a sentence is no header.
        assert!(!is_header_date(&scan, 2, p));
        assert!(!is_header_date(&scan, 0, None));
        let scan = super::super::test_scan("見出し\n2025/10/17 09:00 配信\n本文");
        assert!(is_header_date(&scan, 0, p));
    }

    #[test]
    fn year_roll_over() {
        // A December day reported in January happened the year before.
        let text = "お知らせ\n2025年1月15日\n12月26日に不正アクセスを受けました。";
        assert_eq!(
            resolved(text, d(2025, 1, 15)),
            vec![d(2025, 1, 15), d(2024, 12, 26)]
        );
        // A January day after a December event of the written year follows it.
        let text = "2023年12月28日に検知し、1月5日に公表した。";
        assert_eq!(resolved(text, None), vec![d(2023, 12, 28), d(2024, 1, 5)]);
        // `翌20日` after the 25th is in the next month.
        let text = "2023年5月25日に送信し、翌3日に判明した。";
        assert_eq!(resolved(text, None), vec![d(2023, 5, 25), d(2023, 6, 3)]);
    }

    #[test]
    fn relative_years() {
        let text = "お知らせ\n2025年3月1日\n昨年12月8日に侵入され、本年1月5日に検知。2024年2月1日に開始し、同年4月に…、翌年2月3日に終了。";
        assert_eq!(
            resolved(text, d(2025, 3, 1)),
            vec![
                d(2025, 3, 1),
                d(2024, 12, 8),
                d(2025, 1, 5),
                d(2024, 2, 1),
                d(2025, 2, 3)
            ]
        );
    }

    #[test]
    fn years_of_slash_dates_and_not_of_fiscal_years() {
        let text = "2007/3/1 サンプル金庫 誤送信\nサンプル金庫は3月1日、発表した。";
        assert_eq!(resolved(text, None), vec![d(2007, 3, 1), d(2007, 3, 1)]);
        let text = "2024年6月に発生。令和3年度の名簿を、8月2日に誤って公開した。";
        assert_eq!(resolved(text, None), vec![d(2024, 8, 2)]);
        // The year a company's accounts close (`2022年3月期`) is no year of the events.
        let text = "2021年8月2日 お知らせ\n2022 年 3 月期の決算への影響は確認中です。7月30日にデータが暗号化されました。";
        assert_eq!(resolved(text, None), vec![d(2021, 8, 2), d(2021, 7, 30)]);
    }

    #[test]
    fn an_undated_news_lead_follows_the_events_it_reports() {
        let text = "サンプル社は10日、情報が流出したと発表した。2007年7月28日に感染が発覚し、8月7日から説明している。";
        assert_eq!(
            resolved(text, None),
            vec![d(2007, 8, 10), d(2007, 7, 28), d(2007, 8, 7)]
        );
    }
}
