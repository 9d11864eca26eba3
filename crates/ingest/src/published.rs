//! The publication date a document states near its top (a date line, a labelled date, a
//! `2025.10.29 headline` line), as opposed to dates of the events it reports.

use chrono::NaiveDate;
use leakwatch_jatext::find_full_dates;
use regex::Regex;
use std::sync::OnceLock;

/// How many non-empty lines from the top are searched.
pub const TOP_LINES: usize = 8;

/// How strongly a date's position on its line says "this is when the page was published".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// `報道発表資料 令和7年10月14日 総務課`: a date between labels on a short header line.
    BetweenLabels = 0,
    /// `2025年10月29日 更新` / `お知らせ 2025年10月29日`: a short line ending in a date.
    LineEndsWithDate = 1,
    /// `2024.09.05 見出し…`: a line that starts with a date, then whitespace and text.
    LineStartsWithDate = 2,
    /// `更新日:2022年7月1日`.
    LabelledUpdate = 3,
    /// `2025.10.29(水)` / `令和7年3月17日`: a line that is only a date.
    DateOnly = 4,
    /// `公開日:2025年10月29日`, `掲載日 …`, `発表日 …`.
    LabelledPublication = 5,
}

struct Patterns {
    /// What may follow a date on a "date only" line: weekday, time, 現在/付/発表/更新…
    trailer: Regex,
    /// A label right before the date.
    label: Regex,
}

fn patterns() -> Option<&'static Patterns> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(|| {
        Some(Patterns {
            trailer: Regex::new(
                r"(?x)^[\s]*
                  (?:[(\[【]\s*(?:[月火水木金土日](?:曜日?)?|(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|祝)\s*[)\]】])?
                  \s*(?:(?:午前|午後|AM|PM)?\s*\d{1,2}(?::\d{2}(?::\d{2})?|時(?:\d{1,2}分)?)\s*(?:JST)?)?
                  \s*(?:現在|付け?|公開|掲載|発表|公表|更新|配信|発行|作成|投稿|版|号)?
                  [\s.。、,|/)\]】」]*$",
            )
            .ok()?,
            label: Regex::new(
                r"(?ix)(?P<label>公開日時?|掲載日時?|発表日|公表日|配信日時?|発行日|投稿日時?|作成日|報道発表日?|
                    最終更新日時?|更新日時?|公開|掲載|発表|公表|配信|発行|投稿|更新|
                    published|posted|released?|last\s+updated|updated?|date)
                  \s*[::]?\s*[\[(【]?\s*$",
            )
            .ok()?,
        })
    })
    .as_ref()
}

/// Classifies one date occurrence on its line, or None when it reads as an event in prose
/// (`…は2021年10月31日、ランサムウエアに感染したと発表した`).
fn classify(line: &str, start: usize, end: usize, p: &Patterns, title: bool) -> Option<Kind> {
    // Opening brackets before the date (`[2025/10/29 更新]`) do not count as text.
    let before = line[..start]
        .trim()
        .trim_start_matches(['[', '(', '【', '「', '<', '|'])
        .trim();
    let after = &line[end..];
    if let Some(caps) = p.label.captures(&line[..start]) {
        let label = caps.name("label").map_or("", |m| m.as_str());
        // The label must be all that precedes the date, or close to it (`お知らせ 公開日:…`).
        let head = before
            .len()
            .saturating_sub(caps.get(0).map_or(0, |m| m.as_str().trim().len()));
        if head <= 60 {
            let is_update = label.contains("更新") || label.to_ascii_lowercase().contains("update");
            return Some(if is_update {
                Kind::LabelledUpdate
            } else {
                Kind::LabelledPublication
            });
        }
    }
    // `(平成27年12月14日掲載)`: a date labelled after it, inside parentheses.
    let after_label = after.trim_start();
    if before.ends_with(['(', '[', '【']) || line[..start].trim_end().ends_with(['(', '[', '【'])
    {
        // `(2022年7月4日号)`: a periodical's issue date.
        if ["掲載", "公開", "発表", "公表", "配信", "発行", "号"]
            .iter()
            .any(|w| after_label.starts_with(w))
        {
            return Some(Kind::LabelledPublication);
        }
        if after_label.starts_with("更新") {
            return Some(Kind::LabelledUpdate);
        }
    }
    let trailer_ok = p.trailer.is_match(after);
    // The title line's last thing, after a space (`…のお詫びとお知らせ 2023年1月11日`), or a
    // date standing between spaces in a title line run together with page furniture
    // (`…被害 2025年10月17日 サイバーセキュリティ …`).
    if title && line[..start].ends_with(char::is_whitespace) {
        if trailer_ok {
            return Some(Kind::LineEndsWithDate);
        }
        let rest = strip_weekday(after);
        if rest.starts_with(char::is_whitespace)
            && !rest
                .trim_start()
                .starts_with(['、', ',', 'に', 'か', 'ま', 'よ', 'の', 'ご'])
        {
            return Some(Kind::LineEndsWithDate);
        }
    }
    if before.is_empty() {
        if trailer_ok {
            return Some(Kind::DateOnly);
        }
        // `2024.09.05 見出し`: the date is followed by whitespace (after an optional weekday
        // and time: `2025年10月30日(木)17:25 ○○放送`), not by 、/に/から… which would make it
        // the subject of a sentence.
        let rest = strip_weekday(after);
        let timed = strip_time(rest);
        if rest.starts_with(char::is_whitespace) && !rest.trim().is_empty()
            || timed.len() < rest.len()
                && timed.starts_with(|c: char| c.is_whitespace() || c == '(')
                && !timed.trim().is_empty()
        {
            return Some(Kind::LineStartsWithDate);
        }
        // `【2025年7月8日】メール誤送信について`: a bracketed date opening a headline.
        let opened = line[..start].trim_start();
        let closer = match opened {
            "【" => Some('】'),
            "[" => Some(']'),
            _ => None,
        };
        if let Some(rest) = closer.and_then(|c| strip_weekday(after).strip_prefix(c)) {
            if !rest.trim().is_empty() {
                return Some(Kind::LineStartsWithDate);
            }
        }
        return None;
    }
    // A short line whose last thing is the date (`宇都宮大学 令和7年3月17日`).
    if trailer_ok && before.chars().count() <= 30 && line[..start].ends_with(char::is_whitespace) {
        return Some(Kind::LineEndsWithDate);
    }
    // A header line of labels with the date standing between spaces (`報道発表資料 令和7年
    // 10月14日 総務課`): short, no sentence, nothing after the date that continues a clause.
    let rest = strip_weekday(after);
    if before.chars().count() <= 30
        && before.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        && line[..start].ends_with(char::is_whitespace)
        && rest.starts_with(char::is_whitespace)
        && rest.trim().chars().count() <= 30
        && !line.contains('。')
        && !rest
            .trim_start()
            .starts_with(['、', ',', 'に', 'か', 'ま', 'よ', 'の', 'ご'])
    {
        return Some(Kind::BetweenLabels);
    }
    None
}

/// `(水)` / `(水曜日)` / `(Wed)` right after a date, skipped.
fn strip_weekday(s: &str) -> &str {
    let t = s.trim_start_matches([' ', '\t']);
    for (open, close) in [('(', ')'), ('[', ']'), ('【', '】')] {
        if let Some(rest) = t.strip_prefix(open) {
            if let Some(pos) = rest.find(close) {
                let inner = &rest[..pos];
                if inner.chars().count() <= 10 && !inner.contains(char::is_whitespace) {
                    return &rest[pos + close.len_utf8()..];
                }
            }
        }
    }
    s
}

/// A time right after a date and its weekday (`17:25`, `午後5時`), skipped.
fn strip_time(s: &str) -> &str {
    static TIME: OnceLock<Option<Regex>> = OnceLock::new();
    TIME.get_or_init(|| Regex::new(r"^[ \t]*(?:午前|午後)?\d{1,2}(?::\d{2}|時(?:\d{1,2}分)?)").ok())
        .as_ref()
        .and_then(|re| re.find(s))
        .map_or(s, |m| &s[m.end()..])
}

/// The date of a news story's credit line, a line wholly in parentheses naming the outlet
/// and the day (`(サンプル新聞 2026年1月16日掲載)`, `(2026年1月16日 サンプル放送)`), when
/// the page has exactly one such day: pages copied from a paper or a broadcaster close
/// their story with it, wherever the page's furniture puts it.
fn find_credit_line(text: &str) -> Option<NaiveDate> {
    let mut found: Option<NaiveDate> = None;
    for line in text.lines() {
        let line = line.trim();
        let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) else {
            continue;
        };
        if inner.chars().count() > 40 || inner.contains(['。', '、', '(', ')']) {
            continue;
        }
        let dates = find_full_dates(inner);
        let [m] = dates.as_slice() else {
            continue;
        };
        let before = &inner[..m.start];
        let after = inner[m.end..].trim_end();
        let after_ok = after.is_empty()
            || after.starts_with(char::is_whitespace)
            || ["掲載", "配信", "公開", "発行", "放送", "更新"]
                .iter()
                .any(|w| after.trim_start().starts_with(w));
        let before_ok = before.is_empty() || before.ends_with(char::is_whitespace);
        // The outlet's name stands beside the date: some words besides it.
        let named = before
            .chars()
            .chain(after.chars())
            .filter(|c| c.is_alphabetic())
            .count()
            >= 2;
        if before_ok && after_ok && named {
            if found.is_some_and(|d| d != m.date) {
                return None;
            }
            found = Some(m.date);
        }
    }
    found
}

/// The document's publication date: the best-scoring full date in the first [`TOP_LINES`]
/// non-empty lines (`text` should be NFKC-normalised; earlier lines win ties), else a
/// release's closing date line (the date above or below the issuer's name at the end).
/// Dates inside sentences describing events are never taken.
pub fn find_published(text: &str) -> Option<NaiveDate> {
    match find_published_at_top(text) {
        // `2024.05.12 学会に出席…` may be a body's timeline line rather than a headline's date:
        // a later closing date line is the release's.
        Some((Kind::LineStartsWithDate | Kind::BetweenLabels, top)) => Some(
            find_published_at_bottom(text)
                .filter(|b| *b > top)
                .unwrap_or(top),
        ),
        Some((_, top)) => Some(top),
        None => find_credit_line(text).or_else(|| find_published_at_bottom(text)),
    }
}

/// The date of a line that holds only a date (or a labelled one) among the last
/// [`TOP_LINES`] non-empty lines, the closest to the end, when no date the text states is
/// later: a release signs off with the day it was issued, after every event it tells (a
/// timeline's dated lines come before later events).
fn find_published_at_bottom(text: &str) -> Option<NaiveDate> {
    let p = patterns()?;
    let latest = find_full_dates(text).into_iter().map(|m| m.date).max()?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines
        .iter()
        .enumerate()
        .rev()
        .take(TOP_LINES)
        .filter(|(i, _)| !in_list_of_report_dates(&lines, *i))
        .flat_map(|(_, line)| {
            find_full_dates(line)
                .into_iter()
                .rev()
                .map(move |m| (line, m))
        })
        .find(|(line, m)| {
            m.date == latest
                && matches!(
                    classify(line, m.start, m.end, p, false),
                    Some(Kind::DateOnly | Kind::LabelledPublication | Kind::LabelledUpdate)
                )
        })
        .map(|(_, m)| m.date)
}

/// A line of page furniture above a story, not counted among its top lines: a breadcrumb
/// (`トップ ＞ ニュース ＞ …`) or a menu of short words without a number (`ニュース　解説　用語集`,
/// `Home | News | Contact`). (A word alone may be a section's heading, `経過`: it counts.)
fn furniture_line(line: &str) -> bool {
    let line = line.trim();
    if line.contains('＞') || line.contains(" > ") || line.contains('»') {
        return true;
    }
    let segments: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '｜' | '/' | '・'))
        .filter(|s| !s.is_empty())
        .collect();
    !line
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && segments.len() >= 3
        && segments.iter().all(|s| s.chars().count() <= 8)
}

fn find_published_at_top(text: &str) -> Option<(Kind, NaiveDate)> {
    let p = patterns()?;
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !furniture_line(l))
        .take(TOP_LINES + 1)
        .collect();
    // `2024/6/3 株式会社A …` over `2024/6/10 B市 …`: a dated list's entries, not a headline's
    // date.
    let starts_dated_entry = |i: usize| {
        lines.get(i).is_some_and(|line| {
            find_full_dates(line).first().is_some_and(|m| {
                classify(line, m.start, m.end, p, false) == Some(Kind::LineStartsWithDate)
            })
        })
    };
    let mut best: Option<(Kind, usize, NaiveDate)> = None;
    for (index, line) in lines.iter().take(TOP_LINES).enumerate() {
        for m in find_full_dates(line) {
            let Some(kind) = classify(line, m.start, m.end, p, index == 0) else {
                continue;
            };
            if kind == Kind::LineStartsWithDate
                && (starts_dated_entry(index + 1)
                    || index.checked_sub(1).is_some_and(starts_dated_entry))
            {
                continue;
            }
            // `・株式会社A:…流出(2026年2月3日発表)` over `・B市:…(2026年2月10日発表)`: a list's
            // entries each close with their report's date; none is the page's.
            if kind == Kind::LabelledPublication && in_list_of_report_dates(&lines, index) {
                continue;
            }
            let better = match best {
                None => true,
                Some((k, i, _)) => kind > k || (kind == k && index < i),
            };
            if better {
                best = Some((kind, index, m.date));
            }
        }
    }
    best.map(|(kind, _, date)| (kind, date))
}

/// Whether line `i` and a line beside it both close with a report's date: entries of a list.
fn in_list_of_report_dates(lines: &[&str], i: usize) -> bool {
    lines.get(i).is_some_and(|l| closes_with_a_report_date(l))
        && (lines
            .get(i + 1)
            .is_some_and(|l| closes_with_a_report_date(l))
            || i.checked_sub(1)
                .and_then(|j| lines.get(j))
                .is_some_and(|l| closes_with_a_report_date(l)))
}

/// Whether `line` closes with a full date and a word of its report in parentheses, after
/// text of its own (`…流出した可能性(2026年2月3日発表)`).
fn closes_with_a_report_date(line: &str) -> bool {
    let line = line.trim_end();
    let Some(inner) = line.strip_suffix(')').or_else(|| line.strip_suffix('）')) else {
        return false;
    };
    let Some(open) = inner.rfind(['(', '（']) else {
        return false;
    };
    let label = &inner[open..];
    !inner[..open].trim().is_empty()
        && ["発表", "公表", "掲載"].iter().any(|w| label.ends_with(w))
        && !find_full_dates(label).is_empty()
}

/// A date in a machine-readable value (`2025-10-29T09:00:00+09:00`, `2025/10/29`, `20251029`).
pub fn parse_date_value(value: &str) -> Option<NaiveDate> {
    use unicode_normalization::UnicodeNormalization;
    let value: String = value.trim().nfkc().collect();
    if let Some(m) = find_full_dates(&value).into_iter().next() {
        return Some(m.date);
    }
    let digits = value.get(..8)?;
    if digits.bytes().all(|b| b.is_ascii_digit())
        && !value[8..].starts_with(|c: char| c.is_ascii_digit())
    {
        return NaiveDate::parse_from_str(digits, "%Y%m%d").ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn a_dated_lists_first_entry_is_no_publication_date() {
        let text = "情報漏えい事件簿(2024年6月)\n\n2024/6/3 株式会社A 不正アクセス 約2万件\n2024/6/10 B市 USBメモリ紛失 約300人\n";
        assert_eq!(find_published(text), None);
        // One dated headline under the title is the page's date.
        let text = "ニュース\n2024.09.05 株式会社Aに不正アクセス\n本文です。\n";
        assert_eq!(find_published(text), ymd(2024, 9, 5));
    }

    #[test]
    fn a_list_s_entries_closing_with_their_report_dates_give_no_publication_date() {
        let text = "今月の事案\n・株式会社A:顧客情報が流出した可能性(2026年2月3日発表)\n\
                    ・B市:書類を紛失(2026年2月10日発表)\n";
        assert_eq!(find_published(text), None);
        // A title's own labelled date still is.
        let text = "個人情報の流出に関するお知らせ(2026年2月3日発表)\n本文\n";
        assert_eq!(find_published(text), ymd(2026, 2, 3));
    }

    #[test]
    fn dotted_date_with_weekday_under_the_headline() {
        let text =
            "当社サービスにおける個人情報漏えいについて | ニュースサイト\n2025.10.29(水)\n\n本文…";
        assert_eq!(find_published(text), ymd(2025, 10, 29));
    }

    #[test]
    fn kanji_date_on_its_own_line() {
        let text = "お客様情報流出のお詫び\n\n2025年10月29日\n\n関係者各位\n株式会社サンプル商事";
        assert_eq!(find_published(text), ymd(2025, 10, 29));
    }

    #[test]
    fn era_date_on_its_own_line() {
        let text = "個人情報の不適切な取扱いについて\n重要\n令和7年10月29日\nサンプル大学";
        assert_eq!(find_published(text), ymd(2025, 10, 29));
    }

    #[test]
    fn labelled_update_date() {
        let text = "USBメモリの紛失について\n更新日:2022年7月1日\n概要\n令和4年4月28日(木曜)、教諭が紛失した。";
        assert_eq!(find_published(text), ymd(2022, 7, 1));
    }

    #[test]
    fn publication_label_beats_update_label() {
        let text = "お知らせ\n最終更新日:2025年11月2日\n公開日:2025年10月29日\n本文";
        assert_eq!(find_published(text), ymd(2025, 10, 29));
    }

    #[test]
    fn date_starting_a_headline_line() {
        let text = "2024.09.05 損保各社が顧客情報漏えいの調査結果を公表\n\n本文…";
        assert_eq!(find_published(text), ymd(2024, 9, 5));
    }

    #[test]
    fn date_ending_a_short_line() {
        let text = "重要なお知らせ\nサンプル大学 令和7年3月17日\n本文";
        assert_eq!(find_published(text), ymd(2025, 3, 17));
    }

    #[test]
    fn event_dates_in_prose_are_not_publication_dates() {
        let text = "某病院でランサムウエア被害\n徳島県のある病院は2021年10月31日、ランサムウエアに感染したと発表した。";
        assert_eq!(find_published(text), None);
        let text = "見出し\n2024年10月5日、サンプル社は外部からサイバー攻撃を受けました。";
        assert_eq!(find_published(text), None);
        let text = "見出し\n令和4年4月28日(木曜)、当該教諭は自宅で作業を行った。";
        assert_eq!(find_published(text), None);
        let text = "流出した可能性があるのは2021年8月28日から2021年12月8日までの利用者です。";
        assert_eq!(find_published(text), None);
    }

    #[test]
    fn date_at_the_end_of_a_long_title_line_or_labelled_in_parentheses() {
        let text = "【事件簿】サンプル株式会社 弊社が運営する「サンプル公式サイト」における個人情報漏えいに関するお詫びとお知らせ 2023年1月11日\n\n本文";
        assert_eq!(find_published(text), ymd(2023, 1, 11));
        let text = "ウェブサイトが相次ぎ停止 改ざんなど被害 Home 一覧 2025年10月17日 サイバーセキュリティ 青葉県は2025年10月14日、…";
        assert_eq!(find_published(text), ymd(2025, 10, 17));
        let text = "お知らせ\n調査結果の報告(平成27年12月14日掲載)\n本文";
        assert_eq!(find_published(text), ymd(2015, 12, 14));
        // A title that opens a sentence with its date is no publication date.
        let text = "見出し 2024年10月5日、サンプル社は攻撃を受けました。";
        assert_eq!(find_published(text), None);
    }

    #[test]
    fn a_date_between_labels_on_a_short_header_line() {
        let text = "お知らせ\n報道発表資料 令和7年10月14日 総務部総務課\n市立図書館における利用者情報の紛失について\n本文。";
        assert_eq!(find_published(text), ymd(2025, 10, 14));
        // A bulleted timeline entry, or a clause continuing after the date, is no header.
        let text = "経過\n・ 2025年10月3日 不正アクセスを検知\n本文。";
        assert_eq!(find_published(text), None);
        let text = "お知らせ\n当社は 2025年10月3日 に不正アクセスを検知し\n本文。";
        assert_eq!(find_published(text), None);
    }

    #[test]
    fn a_closing_date_line_dates_a_release_without_a_header_date() {
        let head = "USBメモリの紛失について\n本文1。\n本文2。\n本文3。\n本文4。\n本文5。\n本文6。\n本文7。\n本文8。\n経過\n";
        let text = format!(
            "{head}令和7年9月3日(水)\n紛失に気づいた。\n令和7年9月12日\nサンプル市立病院\n"
        );
        assert_eq!(find_published(&text), ymd(2025, 9, 12));
        // A timeline's last entry is no closing date when a later event is stated.
        let text = format!("{head}令和7年9月3日(水)\n紛失に気づき、令和7年9月20日に公表する。\n");
        assert_eq!(find_published(&text), None);
        // A body's timeline line near the top yields to a later closing date.
        let text = format!(
            "お知らせ\n本文。\n2024年5月12日 学会に持参した。\n{head}2024年5月24日\nサンプル病院\n"
        );
        assert_eq!(find_published(&text), ymd(2024, 5, 24));
        let text = "ウィークリー Vol.87(2022年7月4日号)\n今週の話題\n";
        assert_eq!(find_published(text), ymd(2022, 7, 4));
    }

    #[test]
    fn a_date_with_its_weekday_and_time_before_the_outlet_dates_the_page() {
        let text = "ニュース\nサンプル市で不審メール\n2025年10月30日(木)17:25　サンプル放送\n市によりますと、今月21日…\n";
        assert_eq!(find_published(text), ymd(2025, 10, 30));
        let text = "見出し\n2025年10月3日 18時42分(10月3日 19時10分更新)\n本文。\n";
        assert_eq!(find_published(text), ymd(2025, 10, 3));
        let text = "見出し\n2024年2月9日 6時00分(サンプル日報)\n本文。\n";
        assert_eq!(find_published(text), ymd(2024, 2, 9));
        // A date opening a sentence is still no page date.
        let text = "ニュース\n2025年10月30日(木)17:25に市が発表した。\n";
        assert_eq!(find_published(text), None);
    }

    #[test]
    fn a_bracketed_date_opening_a_headline_dates_the_page() {
        let text = "サンプル財団\nお知らせ\n【2025年7月8日】メール誤送信のお詫び\n本文。\n";
        assert_eq!(find_published(text), ymd(2025, 7, 8));
        let text = "サンプル財団\n【2025年7月8日】\n本文。\n";
        assert_eq!(find_published(text), ymd(2025, 7, 8));
    }

    #[test]
    fn a_story_s_credit_line_dates_the_page_wherever_it_stands() {
        let mut text = String::from("ニュースのひろば\n見出し\n1/16(金) 18:05配信\n");
        for i in 0..10 {
            text.push_str(&format!(
                "本文の段落{i}です。2025年12月{}日に紛失した。\n",
                i + 1
            ));
        }
        let closing = format!("{text}(サンプル新聞　2026年1月16日掲載)\n【関連記事】\n・A\n・B\n・C\n・D\n・E\n・F\n・G\n・H\n");
        assert_eq!(find_published(&closing), ymd(2026, 1, 16));
        let closing = format!("{text}(2026年1月16日　サンプル放送)\n");
        assert_eq!(find_published(&closing), ymd(2026, 1, 16));
        // A parenthesised date in prose, or a date alone in parentheses, credits no story.
        let prose = format!("{text}(2026年1月16日に発表)\n(2026年1月16日)\n・A\n・B\n・C\n・D\n・E\n・F\n・G\n・H\n");
        assert_eq!(find_published(&prose), None);
        // Two credit lines with different days date nothing.
        let two = format!("{text}(新聞A 2026年1月16日掲載)\n(新聞B 2026年1月20日掲載)\n・A\n・B\n・C\n・D\n・E\n・F\n・G\n・H\n");
        assert_eq!(find_published(&two), None);
    }

    #[test]
    fn date_only_line_beats_an_earlier_headline_date() {
        let text = "2025.10.01 お知らせ一覧\nタイトル\n2025年10月29日\n本文";
        assert_eq!(find_published(text), ymd(2025, 10, 29));
    }

    #[test]
    fn menus_and_breadcrumbs_above_a_story_do_not_push_its_date_out_of_the_top() {
        let text = "ミナトテック｜技術と経営のニュース\nログイン　会員登録　メルマガ\nニュース　解説　連載　イベント　資料\n検索\nホーム ＞ ニュース ＞ 不正アクセスで会員情報流出\nPR　無料セミナーのご案内\nニュース\n不正アクセスで会員情報流出、最大2万件\n2024年3月4日 10:30　編集部\n株式会社サンプルは1日、会員情報が流出したと発表した。\n";
        assert_eq!(find_published(text), ymd(2024, 3, 4));
        assert!(furniture_line("ホーム ＞ ニュース ＞ 不正アクセス"));
        assert!(furniture_line("Home | News | Contact"));
        // A date line with a time and a byline is no menu.
        assert!(!furniture_line("2024年3月4日 10:30　編集部　山田 花子"));
    }

    #[test]
    fn only_the_top_and_bottom_lines_are_searched() {
        let mut text = String::from("タイトル\n");
        for i in 0..10 {
            text.push_str(&format!("本文の段落{i}です。\n"));
        }
        text.push_str("2025年10月29日\n");
        for i in 0..10 {
            text.push_str(&format!("続きの段落{i}です。\n"));
        }
        assert_eq!(find_published(&text), None);
    }

    #[test]
    fn time_and_trailers_after_a_date_are_fine() {
        assert_eq!(
            find_published("見出し\n2025年10月29日 15:00\n"),
            ymd(2025, 10, 29)
        );
        assert_eq!(
            find_published("見出し\n2025年10月29日 現在\n"),
            ymd(2025, 10, 29)
        );
        assert_eq!(
            find_published("見出し\n[2025/10/29 更新]\n"),
            ymd(2025, 10, 29)
        );
    }

    #[test]
    fn machine_readable_values() {
        assert_eq!(
            parse_date_value("2025-10-29T09:00:00+09:00"),
            ymd(2025, 10, 29)
        );
        assert_eq!(parse_date_value(" 2025/10/29 "), ymd(2025, 10, 29));
        assert_eq!(parse_date_value("20251029"), ymd(2025, 10, 29));
        assert_eq!(parse_date_value("２０２５/１０/２９"), ymd(2025, 10, 29));
        assert_eq!(parse_date_value("yesterday"), None);
        assert_eq!(parse_date_value("2025"), None);
    }
}
