//! Japanese text primitives shared by `ingest` (publication date near the top of a page),
//! `extract` (every date and number in a report) and every stage that compares organisation
//! names: era years, full dates in their written forms, numbers written with 漢数字 or 万/億
//! multipliers, and organisation-name keys.
//!
//! Owns only pure string → value functions over NFKC-normalised text. Must not know anything
//! about documents, incidents or storage.

pub mod names;

pub use names::{has_legal_form, normalize_org_name};

use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

/// The Gregorian year of an era year: `era_year("令和", 7) == Some(2025)`.
/// Accepts 令和/平成/昭和 and their one-letter romanisations R/H/S.
pub fn era_year(era: &str, year_in_era: i32) -> Option<i32> {
    if year_in_era < 1 {
        return None;
    }
    let base = match era {
        "令和" | "R" | "r" => 2018,
        "平成" | "H" | "h" => 1988,
        "昭和" | "S" | "s" => 1925,
        _ => return None,
    };
    Some(base + year_in_era)
}

/// A full date found in text, with the byte range it occupies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMatch {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
}

fn full_date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Western: 2025年10月29日 / 2025.10.29 / 2025/10/29 / 2025-10-29 (spaces allowed, as
        // NFKC leaves them in columns like "2025 年 9 月 10 日").
        // Era: 令和7年10月29日 / 令和元年5月1日 / R7.10.29.
        // Either may carry the other calendar's year in brackets, as public bodies write it:
        // 2025(令和7)年10月29日 / 2025年(令和7年)10月29日 / 令和7(2025)年10月29日.
        // ASCII word boundaries: a Unicode `\b` makes the regex engine leave its DFA for a
        // much slower NFA on every non-ASCII byte, i.e. on all Japanese text.
        Regex::new(
            r"(?x)
            (?P<wy>(?:19|20)\d{2})\s*(?:(?:\((?:令和|平成|昭和|R|H)?\s*(?:\d{1,4}|元)\s*年?\)\s*)?年\s*(?:\((?:令和|平成|昭和|R|H)?\s*(?:\d{1,4}|元)\s*年?\)\s*)?(?P<wm1>\d{1,2})\s*月\s*(?P<wd1>\d{1,2})\s*日
                                      |[./](?P<wm2>\d{1,2})[./](?P<wd2>\d{1,2})
                                      |-(?P<wm3>\d{1,2})-(?P<wd3>\d{1,2}))
            |(?P<era>令和|平成|昭和)\s*(?P<ey>\d{1,2}|元)\s*(?:\(\s*(?:19|20)\d{2}\s*年?\)\s*)?年\s*(?:\(\s*(?:19|20)\d{2}\s*年?\)\s*)?(?P<em>\d{1,2})\s*月\s*(?P<ed>\d{1,2})\s*日
            |(?-u:\b)(?P<eraa>[RH])(?P<eay>\d{1,2})\.(?P<eam>\d{1,2})\.(?P<ead>\d{1,2})(?-u:\b)
            ",
        )
        .expect("full date regex is valid")
    })
}

/// Every full (year, month, day) date in `text`, in order. Invalid calendar dates are skipped.
pub fn find_full_dates(text: &str) -> Vec<DateMatch> {
    let mut out = Vec::new();
    for caps in full_date_regex().captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let ymd = if let Some(y) = caps.name("wy") {
            let year = y.as_str().parse::<i32>().ok();
            let month = num("wm1").or_else(|| num("wm2")).or_else(|| num("wm3"));
            let day = num("wd1").or_else(|| num("wd2")).or_else(|| num("wd3"));
            year.zip(month).zip(day).map(|((y, m), d)| (y, m, d))
        } else if let Some(era) = caps.name("era") {
            let ey = caps.name("ey").map(|m| m.as_str()).unwrap_or("");
            let n = if ey == "元" {
                Some(1)
            } else {
                ey.parse::<i32>().ok()
            };
            let year = n.and_then(|n| era_year(era.as_str(), n));
            year.zip(num("em"))
                .zip(num("ed"))
                .map(|((y, m), d)| (y, m, d))
        } else if let Some(era) = caps.name("eraa") {
            let year = caps
                .name("eay")
                .and_then(|m| m.as_str().parse::<i32>().ok())
                .and_then(|n| era_year(era.as_str(), n));
            year.zip(num("eam"))
                .zip(num("ead"))
                .map(|((y, m), d)| (y, m, d))
        } else {
            None
        };
        if let Some(date) = ymd.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)) {
            out.push(DateMatch {
                start: whole.start(),
                end: whole.end(),
                date,
            });
        }
    }
    out
}

/// A date as written, possibly without its year: what `find_date_mentions` reports. Callers
/// resolve partial forms against a year (and relative forms against an earlier date or the
/// document's own date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// Year, month and day are all written (`2025年10月29日`, `令和7年3月17日`, `2025.10.29`).
    Full(NaiveDate),
    /// `同年12月8日` / `本年4月19日` / `昨年12月8日` / `翌年1月5日`: month and day with a year
    /// named relative to the previous date or to the document's own date.
    RelativeYearMonthDay { year: YearRef, month: u32, day: u32 },
    /// `10月19日` (also the first day of a range `6月1~2日`): month and day only.
    MonthDay { month: u32, day: u32 },
    /// `先月25日` / `今月15日`: a day of the month `months_back` months before the document's
    /// own month.
    RelativeMonthDay { months_back: u32, day: u32 },
    /// `Xは9日、`: a day of the month in the news style `(topic)は(day)日、`; the month and
    /// year come from the publication date.
    DayOnly { day: u32 },
    /// `同日` / `当日` / `この日` / `その日`, and `上記の日時` / `同時刻` (the date just told).
    SameDay,
    /// `翌日` / `翌朝`.
    NextDay,
    /// `前日`.
    PreviousDay,
}

/// Which year a `年`-less relative year word (`同年`, `本年`, `昨年`, `前年`, `翌年`) names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRef {
    /// `同年`: the year of the previous date.
    Previous,
    /// `前年`: the year before the previous date's.
    BeforePrevious,
    /// `翌年`: the year after the previous date's.
    AfterPrevious,
    /// `本年` / `今年`: the document's own year.
    Document,
    /// `昨年` / `去年`: the year before the document's.
    BeforeDocument,
}

/// A date mention with the byte range it occupies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub form: DateForm,
}

fn partial_date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?P<yrel>同年|本年|今年|昨年|去年|前年|翌年)\s*(?P<sm>\d{1,2})\s*月\s*(?P<sd>\d{1,2})\s*日
            |(?P<mm>\d{1,2})\s*月\s*(?P<md>\d{1,2})\s*(?:日|[~〜\-・、]\s*\d{1,2}\s*日)
            |(?P<rel>同日|当日|この日|その日|同じ日|上記の日時|上記日時|同時刻|翌日|翌朝|前日)
            |(?P<mrel>先月|前月|今月|本月|当月)\s*(?:\(\s*(?P<mx>\d{1,2})\s*月\s*\)\s*)?(?P<rd>\d{1,2})\s*日
            |(?:本日|今日|きょう)\s*\(\s*(?P<td>\d{1,2})\s*日
            |(?:は|、|が|。|(?m:^)[\t\x20\u{3000}]*)\s*(?P<dd>\d{1,2})\s*日\s*(?:[、,]|[警県府都同当弊個各委]|発表|公表|明らかに|までに)
            |(?:翌|同月\s*)(?P<nd>\d{1,2})\s*日
            |(?:週明け|週末|連休明け|休み明け|年明け)の\s*(?P<wd>\d{1,2})\s*日
            |(?P<bd>\d{1,2})\s*日\s*(?:\([月火水木金土日]\)\s*)?(?:に|夜|朝|未明|午前|午後|正午|昼|深夜|夕方|夕刻|朝方|夜間|中に|頃|ごろ|の[月火水木金土日]曜)
            |[\[【]\s*(?P<sm2>\d{1,2})\s*/\s*(?P<sd2>\d{1,2})\s*(?:\([月火水木金土日]\)\s*)?[\]】]
            |(?m:^)[\t\x20\u{3000}]*(?:[・●○■◆◇※|]\s*)?(?P<sm3>\d{1,2})/(?P<sd3>\d{1,2})
            |\(\s*(?P<sm4>\d{1,2})\s*/\s*(?P<sd4>\d{1,2})\s*\)[\t\x20\u{3000}]*(?m:$)
            ",
        )
        .expect("partial date regex is valid")
    })
}

/// What follows the month and day of a news page's header line (`1/16(金) 18:05配信`): a
/// weekday, a time, and a word saying the page went out.
fn page_header_tail() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\([月火水木金土日]\)\s*\d{1,2}:\d{2}\s*(?:配信|更新|掲載|公開|投稿)?\s*$")
            .expect("page header regex is valid")
    })
}

/// Every date mention in `text`, full or partial, in order and non-overlapping. Full dates win
/// over the month-day tail they contain. Impossible month/day pairs are skipped.
pub fn find_date_mentions(text: &str) -> Vec<DateMention> {
    let full = find_full_dates(text);
    let mut out: Vec<DateMention> = Vec::with_capacity(full.len() * 2);
    let mut fi = 0usize;
    for caps in partial_date_regex().captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        // Emit full dates that start before this partial match.
        while fi < full.len() && full[fi].start < whole.start() {
            out.push(DateMention {
                start: full[fi].start,
                end: full[fi].end,
                form: DateForm::Full(full[fi].date),
            });
            fi += 1;
        }
        if out.last().is_some_and(|m| m.end > whole.start()) {
            continue; // inside a full date
        }
        // A digit right before `10月` means the month is the tail of a longer number.
        if text[..whole.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '/')
        {
            continue;
        }
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        // A day of the month alone. The mention starts at the digits (so the caller sees
        // `翌`/`同月`/`は` before it) and ends at `日`:
        // - `翌20日` / `同月18日`: a day of the month just named;
        // - `は9日、` / `、9日、` / `ことが9日、`: the news style `(topic)は(day)日、`, also
        //   when the day runs into who acted (`病院は、22日警察に届けた`, `市は、9日県警に相談`)
        //   or what was done (`A社が5日発表した`, `A社は5日までに明らかにした`), and a sentence
        //   that opens with its day (`5日、A社が発表した`);
        // - `20日に…と指摘があり`: before a time word, not after 年/月 or a range mark.
        let day_only = ["nd", "dd", "bd", "td", "wd"]
            .iter()
            .find_map(|g| caps.name(g).map(|m| (*g, m)));
        if let Some((group, digits)) = day_only {
            let prev = text[..whole.start()].chars().next_back();
            let day = digits.as_str().parse::<u32>().unwrap_or(0);
            let tail = &text[digits.end()..whole.end()];
            let end = digits.end() + tail.find('日').map_or(0, |i| i + '日'.len_utf8());
            let after_range =
                group == "bd" && prev.is_some_and(|c| matches!(c, '年' | '月' | '~' | '〜' | '・'));
            if (1..=31).contains(&day) && !after_range {
                out.push(DateMention {
                    start: digits.start(),
                    end,
                    form: DateForm::DayOnly { day },
                });
            }
            continue;
        }
        // `前日の2日に`: the explicit day that follows says which day; the relative word only
        // restates it.
        if caps.name("rel").is_some()
            && text[whole.end()..]
                .strip_prefix('の')
                .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        {
            continue;
        }
        let form = if let (Some(m), Some(d)) = (num("sm"), num("sd")) {
            let year = match caps.name("yrel").map(|m| m.as_str()) {
                Some("本年") | Some("今年") => YearRef::Document,
                Some("昨年") | Some("去年") => YearRef::BeforeDocument,
                Some("前年") => YearRef::BeforePrevious,
                Some("翌年") => YearRef::AfterPrevious,
                _ => YearRef::Previous,
            };
            valid_month_day(m, d).then_some(DateForm::RelativeYearMonthDay {
                year,
                month: m,
                day: d,
            })
        } else if let (Some(m), Some(d)) = (num("mm"), num("md")) {
            valid_month_day(m, d).then_some(DateForm::MonthDay { month: m, day: d })
        } else if let (Some(m), Some(d), Some(a), Some(b)) =
            (num("sm2"), num("sd2"), caps.name("sm2"), caps.name("sd2"))
        {
            // `[2/9]` closing a dated list's entry: the mention is the date inside.
            if valid_month_day(m, d) {
                out.push(DateMention {
                    start: a.start(),
                    end: b.end(),
                    form: DateForm::MonthDay { month: m, day: d },
                });
            }
            continue;
        } else if let (Some(m), Some(d), Some(a), Some(b)) =
            (num("sm3"), num("sd3"), caps.name("sm3"), caps.name("sd3"))
        {
            // `5/2<TAB>株式会社A …` opening a dated list's line: a date when a space, a tab or
            // a table's cell bar (`12/2|株式会社A|…`) follows it (`1/3の職員` is a fraction;
            // `6/14(金) 7:26配信` a page's header). A
            // timeline's bullet (`・2/17(月) 担当者が…`) dates its line too.
            let next = text[b.end()..].chars().next();
            let rest = &text[b.end()..];
            let bulleted = whole.start() < a.start()
                && text[whole.start()..a.start()]
                    .trim()
                    .starts_with(['・', '●', '○', '■', '◆', '◇', '※']);
            let weekday_then_words = bulleted && {
                let mut cs = rest.chars();
                cs.next() == Some('(')
                    && cs.next().is_some_and(|c| "月火水木金土日".contains(c))
                    && cs.next() == Some(')')
                    && !cs
                        .as_str()
                        .trim_start()
                        .starts_with(|c: char| c.is_ascii_digit())
            };
            // `1/16(金) 18:05配信` alone on its line: a news page's header dating the page.
            let page_header = !bulleted && {
                let line_rest = rest.split('\n').next().unwrap_or("");
                page_header_tail().is_match(line_rest)
            };
            if valid_month_day(m, d)
                && (next.is_some_and(|c| matches!(c, '\t' | ' ' | '\u{3000}' | '|' | '｜'))
                    || weekday_then_words
                    || page_header)
            {
                out.push(DateMention {
                    start: a.start(),
                    end: b.end(),
                    form: DateForm::MonthDay { month: m, day: d },
                });
            }
            continue;
        } else if let (Some(m), Some(d), Some(a), Some(b)) =
            (num("sm4"), num("sd4"), caps.name("sm4"), caps.name("sd4"))
        {
            // `…流出の恐れ(11/14)` closing a dated list's entry line: its date. (Only after an
            // entry's words on the line: a line of `(2/3)` alone numbers a page.)
            let line_start = text[..a.start()].rfind('\n').map_or(0, |i| i + 1);
            if valid_month_day(m, d) && text[line_start..a.start()].chars().count() >= 10 {
                out.push(DateMention {
                    start: a.start(),
                    end: b.end(),
                    form: DateForm::MonthDay { month: m, day: d },
                });
            }
            continue;
        } else if let Some(d) = num("rd") {
            // `先月(9月)25日`: the month named in parentheses says which month.
            let back = match caps.name("mrel").map(|m| m.as_str()) {
                Some("先月") | Some("前月") => 1,
                _ => 0,
            };
            match num("mx") {
                Some(m) => valid_month_day(m, d).then_some(DateForm::MonthDay { month: m, day: d }),
                None => (1..=31).contains(&d).then_some(DateForm::RelativeMonthDay {
                    months_back: back,
                    day: d,
                }),
            }
        } else {
            match caps.name("rel").map(|m| m.as_str()) {
                Some("同日")
                | Some("当日")
                | Some("この日")
                | Some("その日")
                | Some("同じ日")
                | Some("上記の日時")
                | Some("上記日時")
                | Some("同時刻") => Some(DateForm::SameDay),
                Some("翌日") | Some("翌朝") => Some(DateForm::NextDay),
                Some("前日") => Some(DateForm::PreviousDay),
                _ => None,
            }
        };
        if let Some(form) = form {
            out.push(DateMention {
                start: whole.start(),
                end: whole.end(),
                form,
            });
        }
    }
    for f in &full[fi..] {
        out.push(DateMention {
            start: f.start,
            end: f.end,
            form: DateForm::Full(f.date),
        });
    }
    out
}

fn valid_month_day(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// A year written on its own (`2024年`, `令和4年`, `2025 年`), with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMention {
    pub start: usize,
    pub end: usize,
    pub year: i32,
}

fn year_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?P<wy>(?:19|20)\d{2})\s*(?:\((?:令和|平成|R|H)?\s*(?:\d{1,2}|元)\)\s*)?年|(?P<era>令和|平成)\s*(?P<ey>\d{1,2}|元)\s*(?:\(\s*(?:19|20)\d{2}\s*\)\s*)?年",
        )
            .expect("year regex is valid")
    })
}

/// Every written year (`2024年`, `令和4年`, also the year of a full date), in order.
pub fn find_year_mentions(text: &str) -> Vec<YearMention> {
    let mut out = Vec::new();
    for caps in year_regex().captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        if text[..whole.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let year = if let Some(y) = caps.name("wy") {
            y.as_str().parse::<i32>().ok()
        } else {
            let era = caps.name("era").map(|m| m.as_str()).unwrap_or("");
            let n = match caps.name("ey").map(|m| m.as_str()) {
                Some("元") => Some(1),
                Some(s) => s.parse::<i32>().ok(),
                None => None,
            };
            n.and_then(|n| era_year(era, n))
        };
        if let Some(year) = year {
            out.push(YearMention {
                start: whole.start(),
                end: whole.end(),
                year,
            });
        }
    }
    out
}

/// The value of one 漢数字 digit (〇一二…九, also 零 and 两-free forms).
fn kanji_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Parses a number written with ASCII digits (commas allowed, a decimal part allowed before a
/// multiplier), 漢数字 (`三千二百`, `十二万`), or a mix (`8万5000`, `1,750万`, `1.2億`).
/// Returns None for anything else. The input must be just the number (NFKC-normalised).
pub fn parse_japanese_number(s: &str) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // Split at the big multipliers 兆/億/万, most significant first.
    let mut total: u64 = 0;
    let mut rest = s;
    let mut any = false;
    for (mark, mult) in [
        ('兆', 1_000_000_000_000u64),
        ('億', 100_000_000),
        ('万', 10_000),
    ] {
        if let Some(pos) = rest.find(mark) {
            let head = &rest[..pos];
            let value = parse_small_number(head, mult)?;
            total = total.checked_add(value)?;
            rest = &rest[pos + mark.len_utf8()..];
            any = true;
        }
    }
    if !rest.is_empty() {
        total = total.checked_add(parse_small_number(rest, 1)?)?;
    } else if !any {
        return None;
    }
    Some(total)
}

/// A number below 10,000 (or a decimal like `1.2` times `mult`), in digits or 漢数字.
fn parse_small_number(s: &str, mult: u64) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        let clean: String = s.chars().filter(|c| *c != ',').collect();
        if let Some((int, frac)) = clean.split_once('.') {
            if frac.is_empty() || frac.contains('.') {
                return None;
            }
            let int_v: u64 = if int.is_empty() { 0 } else { int.parse().ok()? };
            let scale = 10u64.checked_pow(frac.len() as u32)?;
            let frac_v: u64 = frac.parse().ok()?;
            let v = int_v
                .checked_mul(mult)?
                .checked_add(frac_v.checked_mul(mult)? / scale)?;
            return Some(v);
        }
        return clean.parse::<u64>().ok()?.checked_mul(mult);
    }
    // 漢数字 with 千/百/十 positions; a bare digit run (二〇二五) reads positionally.
    let mut value: u64 = 0;
    let mut digit: Option<u64> = None;
    let mut positional = true;
    for c in s.chars() {
        // 漢数字 or ASCII digits before a position word: 三千 / 3千 / 2千5百.
        if let Some(d) = kanji_digit(c).or_else(|| c.to_digit(10).map(u64::from)) {
            digit = Some(digit.map_or(Some(d), |prev| prev.checked_mul(10)?.checked_add(d))?);
            continue;
        }
        if c == ',' && digit.is_some() {
            continue;
        }
        let unit = match c {
            '千' => 1000,
            '百' => 100,
            '十' => 10,
            _ => return None,
        };
        positional = false;
        value += digit.take().unwrap_or(1) * unit;
    }
    if let Some(d) = digit {
        if !positional && d >= 10 {
            return None;
        }
        value += d;
    }
    value.checked_mul(mult)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn era_years() {
        assert_eq!(era_year("令和", 7), Some(2025));
        assert_eq!(era_year("令和", 1), Some(2019));
        assert_eq!(era_year("平成", 31), Some(2019));
        assert_eq!(era_year("R", 4), Some(2022));
        assert_eq!(era_year("大正", 3), None);
        assert_eq!(era_year("令和", 0), None);
    }

    #[test]
    fn finds_western_and_era_dates() {
        let found: Vec<NaiveDate> = find_full_dates(
            "2025.10.29(水) 公表。令和4年6月3日に紛失し、令和元年5月7日付。2024/1/5 と 2023-12-07、R7.3.17。",
        )
        .into_iter()
        .map(|m| m.date)
        .collect();
        assert_eq!(
            found,
            vec![
                d(2025, 10, 29),
                d(2022, 6, 3),
                d(2019, 5, 7),
                d(2024, 1, 5),
                d(2023, 12, 7),
                d(2025, 3, 17)
            ]
        );
    }

    #[test]
    fn finds_dates_with_the_other_calendars_year_in_brackets() {
        for text in [
            "2025(令和7)年10月3日",
            "2025年(令和7年)10月3日",
            "令和7(2025)年10月3日",
            "令和7年(2025年)10月3日",
        ] {
            let m = find_full_dates(text);
            assert_eq!(m.len(), 1, "{text}");
            assert_eq!(m[0].date, d(2025, 10, 3), "{text}");
            assert_eq!((m[0].start, m[0].end), (0, text.len()), "{text}");
        }
        let years: Vec<i32> = find_year_mentions("令和7(2025)年度と2024(令和6)年")
            .into_iter()
            .map(|y| y.year)
            .collect();
        assert_eq!(years, vec![2025, 2024]);
    }

    /// Each date mention of `text`: its form and the text it covers.
    fn forms_and_texts(text: &str) -> Vec<(DateForm, &str)> {
        find_date_mentions(text)
            .into_iter()
            .map(|m| (m.form, &text[m.start..m.end]))
            .collect()
    }

    #[test]
    fn a_month_and_day_with_a_slash_opening_a_list_line_is_a_date() {
        let text = "公表日\t組織\n5/2\t株式会社A\t不正アクセス\n 12/14 B市 書類紛失\n1/3の職員が回答した。\n6/9|C社|誤送信\n| 7/1 | D社 | 紛失 |\n";
        let m = forms_and_texts(text);
        assert_eq!(
            m,
            vec![
                (DateForm::MonthDay { month: 5, day: 2 }, "5/2"),
                (DateForm::MonthDay { month: 12, day: 14 }, "12/14"),
                (DateForm::MonthDay { month: 6, day: 9 }, "6/9"),
                (DateForm::MonthDay { month: 7, day: 1 }, "7/1")
            ]
        );
    }

    #[test]
    fn a_news_day_before_the_act_or_opening_the_sentence_is_a_date() {
        let m = forms_and_texts(
            "A社が5日発表した。B市は6日までに明らかにした。\n7日、C社が公表した。8日に。",
        );
        assert_eq!(
            m,
            vec![
                (DateForm::DayOnly { day: 5 }, "5日"),
                (DateForm::DayOnly { day: 6 }, "6日"),
                (DateForm::DayOnly { day: 7 }, "7日"),
                (DateForm::DayOnly { day: 8 }, "8日")
            ]
        );
        // A count of days is none.
        assert!(forms_and_texts("作業は5日間続いた。").is_empty());
    }

    #[test]
    fn a_day_after_a_week_s_turn_is_a_date() {
        let m = forms_and_texts("同社は、週明けの19日、発表しました。年明けの3日に報告した。");
        assert_eq!(
            m,
            vec![
                (DateForm::DayOnly { day: 19 }, "19日"),
                (DateForm::DayOnly { day: 3 }, "3日")
            ]
        );
    }

    #[test]
    fn a_timeline_bullet_s_month_and_day_with_its_weekday_is_a_date() {
        let text = "■経緯\n・4/21(月) 担当者が設定を変更\n・4/23(水)\u{3000}外部から指摘\n・1/2(3)は比率\n";
        let m = forms_and_texts(text);
        assert_eq!(
            m,
            vec![
                (DateForm::MonthDay { month: 4, day: 21 }, "4/21"),
                (DateForm::MonthDay { month: 4, day: 23 }, "4/23")
            ]
        );
    }

    #[test]
    fn a_news_page_s_header_line_with_a_slash_is_a_date() {
        let text = "見出し\n1/16(金) 18:05配信\n比率は1/3(木)だった。\n6/14(金) 7:26に送った。\n";
        let m = forms_and_texts(text);
        assert_eq!(m, vec![(DateForm::MonthDay { month: 1, day: 16 }, "1/16")]);
    }

    #[test]
    fn a_month_and_day_in_parentheses_closing_an_entry_line_is_a_date() {
        let text =
            "■株式会社A 会員情報約1,200件が流出した可能性(11/11)\n写真(2/3)\n比率(1/3)は低い。\n";
        let m = forms_and_texts(text);
        assert_eq!(
            m,
            vec![(DateForm::MonthDay { month: 11, day: 11 }, "11/11")]
        );
    }

    #[test]
    fn a_bracketed_month_and_day_with_a_slash_is_a_date() {
        let text = "書類は廃棄された。[2/9] 次の件。【12/1(月)】 比率は1/3だった。";
        let m = forms_and_texts(text);
        assert_eq!(
            m,
            vec![
                (DateForm::MonthDay { month: 2, day: 9 }, "2/9"),
                (DateForm::MonthDay { month: 12, day: 1 }, "12/1")
            ]
        );
    }

    #[test]
    fn finds_spaced_column_dates_and_reports_spans() {
        let text = "公表は 2025 年 9 月 10 日だった";
        let m = find_full_dates(text);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].date, d(2025, 9, 10));
        assert_eq!(&text[m[0].start..m[0].end], "2025 年 9 月 10 日");
    }

    #[test]
    fn skips_impossible_dates() {
        assert!(find_full_dates("2025年2月30日").is_empty());
        assert!(find_full_dates("2025年13月1日").is_empty());
    }

    #[test]
    fn parses_digit_numbers() {
        assert_eq!(parse_japanese_number("236,450"), Some(236_450));
        assert_eq!(parse_japanese_number("8478"), Some(8478));
        assert_eq!(parse_japanese_number("abc"), None);
        assert_eq!(parse_japanese_number(""), None);
    }

    #[test]
    fn parses_multipliers_and_mixed_forms() {
        assert_eq!(parse_japanese_number("45万"), Some(450_000));
        assert_eq!(parse_japanese_number("1,750万"), Some(17_500_000));
        assert_eq!(parse_japanese_number("8万5000"), Some(85_000));
        assert_eq!(parse_japanese_number("1.1億"), Some(110_000_000));
        assert_eq!(parse_japanese_number("10億"), Some(1_000_000_000));
        assert_eq!(parse_japanese_number("1万2000"), Some(12_000));
        assert_eq!(parse_japanese_number("5,700億"), Some(570_000_000_000));
    }

    #[test]
    fn parses_kanji_numbers() {
        assert_eq!(parse_japanese_number("三千二百"), Some(3200));
        assert_eq!(parse_japanese_number("十二万"), Some(120_000));
        assert_eq!(parse_japanese_number("二十五"), Some(25));
        assert_eq!(parse_japanese_number("百"), Some(100));
        assert_eq!(parse_japanese_number("三億五千万"), Some(350_000_000));
        assert_eq!(parse_japanese_number("二〇二五"), Some(2025));
        // Digits mixed with 千/百/十 positions, as news copy writes them.
        assert_eq!(parse_japanese_number("3千"), Some(3000));
        assert_eq!(parse_japanese_number("1万2千"), Some(12_000));
        assert_eq!(parse_japanese_number("2千5百"), Some(2500));
        assert_eq!(parse_japanese_number("4百"), Some(400));
        assert_eq!(parse_japanese_number("1千万"), Some(10_000_000));
        assert_eq!(parse_japanese_number("3万5千"), Some(35_000));
    }

    #[test]
    fn finds_partial_and_relative_dates() {
        let text = "2023年12月7日に連絡を受け、同年12月8日に停止。10月9日に侵入され、翌日に検知、同日公表。";
        let forms: Vec<DateForm> = find_date_mentions(text)
            .into_iter()
            .map(|m| m.form)
            .collect();
        assert_eq!(
            forms,
            vec![
                DateForm::Full(d(2023, 12, 7)),
                DateForm::RelativeYearMonthDay {
                    year: YearRef::Previous,
                    month: 12,
                    day: 8
                },
                DateForm::MonthDay { month: 10, day: 9 },
                DateForm::NextDay,
                DateForm::SameDay,
            ]
        );
        // The date just told, named again.
        let forms: Vec<DateForm> =
            find_date_mentions("上記の日時に配信を始めたところ、同時刻に連絡があった。同じ日の昼")
                .into_iter()
                .map(|m| m.form)
                .collect();
        assert_eq!(forms, vec![DateForm::SameDay; 3]);
    }

    #[test]
    fn a_bare_day_before_a_time_word_is_a_day_of_the_month() {
        let m = find_date_mentions("市民から20日に指摘があり、3月4日夜に判明。3日間停止");
        let forms: Vec<DateForm> = m.iter().map(|m| m.form).collect();
        assert_eq!(
            forms,
            vec![
                DateForm::DayOnly { day: 20 },
                DateForm::MonthDay { month: 3, day: 4 }
            ]
        );
        assert_eq!(&"市民から20日に指摘があり"[m[0].start..m[0].end], "20日");
    }

    #[test]
    fn a_relative_day_restated_by_an_explicit_day_yields_to_it() {
        let forms: Vec<DateForm> = find_date_mentions("5月27日に検知。前日の2日に報告した。")
            .into_iter()
            .map(|m| m.form)
            .collect();
        assert_eq!(
            forms,
            vec![
                DateForm::MonthDay { month: 5, day: 27 },
                DateForm::DayOnly { day: 2 }
            ]
        );
    }

    #[test]
    fn same_month_day_starts_at_its_digits() {
        let text = "6月16日に判明し、同月18日(水)に委員会へ報告した。";
        let m = find_date_mentions(text);
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].form, DateForm::DayOnly { day: 18 });
        assert!(text[..m[1].start].ends_with("同月"));
    }

    #[test]
    fn partial_dates_skip_impossible_and_number_tails() {
        assert!(find_date_mentions("13月40日").is_empty());
        let m = find_date_mentions("サンプル社は9日、発表した。3日間の停止");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].form, DateForm::DayOnly { day: 9 });
        let m = find_date_mentions("このため病院は、22日警察に遺失届を出した。");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].form, DateForm::DayOnly { day: 22 });
        assert!(find_date_mentions("このため病院は、3日間窓口を閉じた。").is_empty());
        let m = find_date_mentions("流出した恐れがあることが2日、分かった。");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].form, DateForm::DayOnly { day: 2 });
        // `翌20日`: the day of the month just named, starting at its digits.
        let t = "5月19日に入力し、翌20日に把握した。";
        let m = find_date_mentions(t);
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].form, DateForm::DayOnly { day: 20 });
        assert!(t[..m[1].start].ends_with('翌'));
        let m = find_date_mentions("令和4年6月3日と 6 月 27 日");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].form, DateForm::Full(d(2022, 6, 3)));
        assert_eq!(m[1].form, DateForm::MonthDay { month: 6, day: 27 });
    }

    #[test]
    fn relative_years_and_months_and_a_day_given_for_today() {
        let text = "本年4月3日に受付、昨年12月8日から、翌年1月5日まで。先月20日に気付き、今月2日に報告。先月(9月)25日に持ち帰った。本日より案内し、きょう(6日)発表した。";
        let forms: Vec<DateForm> = find_date_mentions(text)
            .into_iter()
            .map(|m| m.form)
            .collect();
        let rel = |year, month, day| DateForm::RelativeYearMonthDay { year, month, day };
        assert_eq!(
            forms,
            vec![
                rel(YearRef::Document, 4, 3),
                rel(YearRef::BeforeDocument, 12, 8),
                rel(YearRef::AfterPrevious, 1, 5),
                DateForm::RelativeMonthDay {
                    months_back: 1,
                    day: 20
                },
                DateForm::RelativeMonthDay {
                    months_back: 0,
                    day: 2
                },
                DateForm::MonthDay { month: 9, day: 25 },
                DateForm::DayOnly { day: 6 },
            ]
        );
    }

    #[test]
    fn ranges_weekdays_and_that_day() {
        // A range of days in one month starts a period; a weekday after the day (`27日の土曜日`,
        // `3日(火)に`) marks a day of the month; `この日` is the day just named.
        let text = "職員は6月1~2日、誤って公開した。27日の土曜日に気付き、3日(火)に報告した。この日の朝に使った。";
        let forms: Vec<DateForm> = find_date_mentions(text)
            .into_iter()
            .map(|m| m.form)
            .collect();
        assert_eq!(
            forms,
            vec![
                DateForm::MonthDay { month: 6, day: 1 },
                DateForm::DayOnly { day: 27 },
                DateForm::DayOnly { day: 3 },
                DateForm::SameDay,
            ]
        );
    }

    #[test]
    fn finds_year_mentions() {
        let years: Vec<i32> =
            find_year_mentions("2024年に発生し、令和元年と平成30年、2025 年 9 月")
                .into_iter()
                .map(|y| y.year)
                .collect();
        assert_eq!(years, vec![2024, 2019, 2018, 2025]);
    }
}

/// Property tests (proptest; `.ci/run` runs them with more cases).
#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn with_commas(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    proptest! {
        #[test]
        fn plain_and_comma_numbers_round_trip(n in 0u64..1_000_000_000_000) {
            prop_assert_eq!(parse_japanese_number(&n.to_string()), Some(n));
            prop_assert_eq!(parse_japanese_number(&with_commas(n)), Some(n));
        }

        #[test]
        fn man_multiplier(n in 1u64..100_000) {
            prop_assert_eq!(parse_japanese_number(&format!("{n}万")), Some(n * 10_000));
        }

        #[test]
        fn written_dates_are_found_with_exact_spans(
            y in 1990i32..2090, m in 1u32..=12, d in 1u32..=28, pre in "[あ-ん]{0,5}", post in "[あ-ん]{0,5}"
        ) {
            let date = format!("{y}年{m}月{d}日");
            let text = format!("{pre}{date}{post}");
            let found = find_full_dates(&text);
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(&text[found[0].start..found[0].end], date.as_str());
            prop_assert_eq!(Some(found[0].date), NaiveDate::from_ymd_opt(y, m, d));
        }

        #[test]
        fn any_text_is_safe(text in "\\PC{0,200}") {
            for m in find_full_dates(&text) {
                prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            }
            let _ = find_date_mentions(&text);
            let _ = find_year_mentions(&text);
            let _ = parse_japanese_number(&text);
            let _ = normalize_org_name(&text);
        }
    }
}
