//! Owns the English count candidates of a sentence (numbers with their unit nouns, number
//! words, totals, ranges, parts of a whole; money, years and a date's day are no counts) and
//! the choice of a block's count. Called by the field extraction of `fields.rs`.

use super::fields::last_words;
use super::text::Sent;
use super::words::Words;
use leakwatch_model::CountQualifier;
use regex::Regex;
use std::sync::OnceLock;

/// Where a count's unit window ends: at `;`, `:` or a parenthesis, except a short note of
/// letters inside a name (`2,200 North Kitsap (WA) residents`).
fn window_stop(window: &str) -> usize {
    let mut from = 0;
    while let Some(i) = window[from..].find([';', '(', ')', ':']).map(|i| from + i) {
        let short_note = window[i..].starts_with('(')
            && window[i + 1..].find(')').is_some_and(|close| {
                let inner = &window[i + 1..i + 1 + close];
                (1..=5).contains(&inner.len())
                    && inner.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
            });
        if !short_note {
            return i;
        }
        from = i + 1 + window[i + 1..].find(')').map_or(0, |c| c + 1);
    }
    window.len()
}

struct CountPatterns {
    number: Regex,
    words: Regex,
}

fn count_patterns() -> &'static CountPatterns {
    static P: OnceLock<CountPatterns> = OnceLock::new();
    P.get_or_init(|| CountPatterns {
        number: Regex::new(
            r"(?i)(\$|£|€|¥)?\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(million|billion|thousand|m|k)\b)?",
        )
        .unwrap_or_else(|_| Regex::new("$^").expect("empty regex")),
        words: Regex::new(
            r"(?i)\b(a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\s+(hundred|thousand|million|billion)\b",
        )
        .unwrap_or_else(|_| Regex::new("$^").expect("empty regex")),
    })
}

fn small_number(w: &str) -> Option<u64> {
    let ws = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let tens = [
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];
    let w = w.to_ascii_lowercase();
    if w == "a" {
        return Some(1);
    }
    ws.iter()
        .position(|x| *x == w)
        .map(|i| i as u64 + 1)
        .or_else(|| tens.iter().find(|t| t.0 == w).map(|t| t.1))
}

/// A count of affected people or records.
#[derive(Debug, Clone, PartialEq)]
pub struct CountChoice {
    pub value: u64,
    pub qualifier: CountQualifier,
    pub unit: String,
    pub start: usize,
    pub end: usize,
    /// Significant digits as written (a precise figure beats a round one nearby).
    precision: usize,
    /// Stated as the total (`a total of 850`, `the number of members affected is 1,012`,
    /// `revised to 163,000`): a stated total beats larger figures around it.
    total: bool,
}

fn qualifier_before(lower_before: &str) -> Option<CountQualifier> {
    let b = lower_before.trim_end();
    let ends = |ws: &[&str]| ws.iter().any(|w| b.ends_with(w));
    if ends(&[
        "approximately",
        "about",
        "around",
        "roughly",
        "nearly",
        "almost",
        "some",
        "an estimated",
        "estimated",
        "approx.",
        "close to",
        "circa",
        "~",
    ]) {
        Some(CountQualifier::Approx)
    } else if ends(&[
        "up to",
        "as many as",
        "a maximum of",
        "maximum of",
        "potentially",
        "possibly",
    ]) {
        Some(CountQualifier::Max)
    } else if ends(&[
        "more than",
        "over",
        "at least",
        "in excess of",
        "upwards of",
        "exceeding",
        "excess of",
        "+",
    ]) {
        Some(CountQualifier::AtLeast)
    } else if ends(&["fewer than", "less than", "under"]) {
        Some(CountQualifier::Unknown)
    } else {
        None
    }
}

/// Count candidates of one sentence: a number (digits with `million`/`thousand`/`k`, or
/// number words: `seven million`, `Nineteen hundred`) followed within four words by a unit
/// noun. Money and years are no counts.
pub fn counts_in(text: &str, s: &Sent, words: &Words) -> Vec<CountChoice> {
    let p = count_patterns();
    let sentence = &text[s.start..s.end];
    let lower = sentence.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut nums: Vec<(usize, usize, u64, usize)> = Vec::new();
    for c in p.number.captures_iter(sentence) {
        let Some(all) = c.get(0) else { continue };
        if c.get(1).is_some() {
            continue;
        }
        let Some(n) = c.get(2) else { continue };
        let raw = n.as_str().replace(',', "");
        let Ok(mut v) = raw.parse::<f64>() else {
            continue;
        };
        let digits = raw
            .trim_start_matches('0')
            .replace('.', "")
            .trim_end_matches('0')
            .len()
            .max(1);
        let scale = c.get(3).map(|m| m.as_str().to_ascii_lowercase());
        match scale.as_deref() {
            Some("million") | Some("m") => v *= 1e6,
            Some("billion") => v *= 1e9,
            Some("thousand") | Some("k") => v *= 1e3,
            _ => {
                // A year (`2010 open-enrollment`) or a fraction is no count.
                if raw.contains('.')
                    || ((1900.0..=2099.0).contains(&v) && !n.as_str().contains(','))
                {
                    continue;
                }
            }
        }
        // A day of a date (`On 3 March 2024, the social worker…`, `March 3, the clerk…`) is
        // no count.
        if next_to_month(&sentence[..all.start()], &sentence[all.end()..]) {
            continue;
        }
        // `9.5 GB`, `130%` are no counts; nor is a form's number (`1098-T forms`).
        let after = &lower[all.end()..];
        if after.starts_with('-') && after[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        if after.starts_with('%')
            || after.trim_start().starts_with("percent")
            || after.trim_start().starts_with("per cent")
        {
            continue;
        }
        nums.push((all.start(), all.end(), v.round() as u64, digits));
    }
    for c in p.words.captures_iter(sentence) {
        let Some(all) = c.get(0) else { continue };
        if nums.iter().any(|n| n.0 < all.end() && all.start() < n.1) {
            continue;
        }
        let scale = match c.get(2).map(|m| m.as_str().to_ascii_lowercase()).as_deref() {
            Some("hundred") => 100,
            Some("thousand") => 1_000,
            Some("million") => 1_000_000,
            _ => 1_000_000_000,
        };
        let Some(m) = c.get(1).and_then(|m| small_number(m.as_str())) else {
            continue;
        };
        nums.push((all.start(), all.end(), m * scale, 1));
    }
    nums.sort_by_key(|n| n.0);
    let range_highs = range_high_ends(&lower, &nums);
    let wholes = wholes_of_a_part(&lower, &nums);
    for (i, (a, b, v, digits)) in nums.into_iter().enumerate() {
        if v == 0 || range_highs.contains(&i) || wholes.contains(&i) {
            continue;
        }
        let range_low = range_highs.contains(&(i + 1));
        // The unit noun within four words after the number.
        let after = &lower[b..];
        let window_end = after
            .char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .nth(7)
            .map_or(after.len(), |(i, _)| i);
        let window = &after[..window_end];
        let stop = window_stop(window);
        let window = &window[..stop];
        let total_before = stated_total(&lower[..a], words);
        let Some(h) = words
            .units
            .find(window)
            .into_iter()
            .next()
            .or_else(|| demonym_after(&sentence[b..b + window.len()]))
        else {
            // `a database of about 3,000 customer records, and accessed data belonging to 20 of
            // them`: a part of the count told before it, in its unit, when what was done to
            // the part is the leak (not `loans taken out in the names of 130 of them`).
            let rest = after.trim_start();
            if rest.starts_with("of them") || rest.starts_with("of those") {
                let leak_between = |c: &CountChoice| {
                    let from = c.end.saturating_sub(s.start).min(a);
                    let between = lower.get(from..a).unwrap_or("");
                    [
                        "access",
                        "view",
                        "expos",
                        "compromis",
                        "data",
                        "information",
                        "stole",
                    ]
                    .iter()
                    .any(|w| between.contains(w))
                };
                if let Some(prev) = out
                    .iter()
                    .rposition(|c: &CountChoice| c.value > v && leak_between(c))
                {
                    let whole = out.remove(prev);
                    out.push(CountChoice {
                        value: v,
                        qualifier: qualifier_before(&lower[..a]).unwrap_or(CountQualifier::Exact),
                        unit: whole.unit,
                        start: s.start + a,
                        end: s.start + b,
                        precision: digits,
                        total: whole.total,
                    });
                }
                continue;
            }
            // `The total number of retirees exposed is 58,000.`: the unit stands before.
            if let Some(unit) = total_before.filter(|_| clause_ends(after)) {
                out.push(CountChoice {
                    value: v,
                    qualifier: qualifier_before(&lower[..a]).unwrap_or(CountQualifier::Exact),
                    unit,
                    start: s.start + a,
                    end: s.start + b,
                    precision: digits,
                    total: true,
                });
            }
            continue;
        };
        let between = &window[..h.start];
        // `1,000 of the users` counts; `500 pages of student records` does not, but
        // `450 students of Kestrel University` and `450 University of Rochester students` do.
        let of_name = between.find(" of ").is_some_and(|i| {
            sentence[b + i + 4..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        });
        if between.contains(" of ") && !between.trim_start().starts_with("of") && !of_name {
            continue;
        }
        // Capitalised words belong to a name (`450 current and former University of
        // Rochester students`): only the other words count towards the gap.
        let gap = between
            .split_whitespace()
            .zip(sentence[b..b + between.len()].split_whitespace())
            .filter(|(_, raw)| !raw.starts_with(|c: char| c.is_uppercase()))
            .count();
        if gap > 5 {
            continue;
        }
        let unit = window[h.start..h.end].to_string();
        // `sent to 23 people`: the recipients, not those affected.
        let before = lower[..a].trim_end();
        let bare = [
            "about",
            "approximately",
            "around",
            "nearly",
            "some",
            "more than",
            "over",
        ]
        .iter()
        .fold(before, |b, q| b.strip_suffix(q).map_or(b, str::trim_end));
        // ... but notices sent to those affected count them (`letters were sent to about
        // 16,000 patients`).
        let near_before = &before[floor_char(before, before.len().saturating_sub(80))..];
        let notice = ["letter", "notif", "notice", "warning"]
            .iter()
            .any(|w| near_before.contains(w));
        // The sending verb may stand before a long list of what was sent (`sent an email
        // with the names, … of 110 employees to 3,300 employees`).
        let verb_before = &before[floor_char(before, before.len().saturating_sub(160))..];
        let sent_to = bare.ends_with(" to")
            && !bare.ends_with("up to")
            && !notice
            && [
                "sent",
                "mailed",
                "emailed",
                "e-mailed",
                "forwarded",
                "distributed",
                "message",
            ]
            .iter()
            .any(|v| verb_before.contains(v));
        if sent_to || bare.ends_with("among") {
            continue;
        }
        let q = qualifier_before(&lower[..a]).unwrap_or(if range_low {
            CountQualifier::AtLeast
        } else {
            CountQualifier::Exact
        });
        out.push(CountChoice {
            value: v,
            qualifier: q,
            unit,
            start: s.start + a,
            end: s.start + b + h.end,
            precision: digits,
            total: total_before.is_some(),
        });
    }
    out
}

/// Whether a number written between `before` and `after` is a date's day: a capitalised
/// month name right after it (`3 March`) or right before it (`March 3`, `Sept. 3`).
fn next_to_month(before: &str, after: &str) -> bool {
    const MONTHS: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
    ];
    let month = |w: &str| MONTHS.contains(&w.trim_end_matches('.'));
    let next = after
        .strip_prefix(' ')
        .and_then(|a| a.split([' ', ',', '.']).next());
    let prev = before.strip_suffix(' ').and_then(|b| b.rsplit(' ').next());
    next.is_some_and(month) || prev.is_some_and(month)
}

/// The indices (into `nums`, sorted by position) of numbers that are the whole a smaller
/// number before them is part of (`13,000 of the approximately 24,000 retired members`, `40
/// out of 2,500 accounts`): the population, not those affected.
fn wholes_of_a_part(lower: &str, nums: &[(usize, usize, u64, usize)]) -> Vec<usize> {
    const DETERMINERS: &[&str] = &[
        "the",
        "its",
        "their",
        "all",
        "an",
        "estimated",
        "approximately",
        "about",
        "around",
        "roughly",
        "nearly",
        "some",
        "more",
        "than",
        "over",
    ];
    let mut wholes = Vec::new();
    for (i, pair) in nums.windows(2).enumerate() {
        let ((_, b, part, _), (c, _, whole, _)) = (pair[0], pair[1]);
        if whole <= part || c < b {
            continue;
        }
        let joint = lower[b..c].trim();
        let rest = joint
            .strip_prefix("out of")
            .or_else(|| joint.strip_prefix("of"))
            .filter(|r| r.is_empty() || r.starts_with(' '));
        if rest.is_some_and(|r| r.split_whitespace().all(|w| DETERMINERS.contains(&w))) {
            wholes.push(i + 1);
        }
    }
    wholes
}

/// The indices (into `nums`, sorted by position) of numbers that close a range
/// (`between 7,000 and 8,000 homeowners`, `8,000 to 9,000 names`, `50-60 customers`): the
/// range counts by its low end, those known to be affected. `from (an estimate of) A to B`
/// is a revision, not a range, and keeps both.
fn range_high_ends(lower: &str, nums: &[(usize, usize, u64, usize)]) -> Vec<usize> {
    let mut highs = Vec::new();
    for (i, pair) in nums.windows(2).enumerate() {
        let ((a, b, low, _), (c, _, high, _)) = (pair[0], pair[1]);
        if high <= low || c < b {
            continue;
        }
        let before = lower[..a].trim_end();
        let joint = lower[b..c].trim();
        let range = match joint {
            "and" => before.ends_with("between"),
            // (`raised from an estimate of 12,000 to 14,500`: a revision.)
            "to" | "-" | "–" | "or" => !last_words(before, 5)
                .split_whitespace()
                .any(|w| w == "from"),
            _ => false,
        };
        if range {
            highs.push(i + 1);
        }
    }
    highs
}

/// Qualifier words that may stand between a total's words and its number.
const COUNT_QUALIFIERS: &[&str] = &[
    "about",
    "approximately",
    "around",
    "nearly",
    "roughly",
    "some",
    "more than",
    "over",
    "at least",
    "closer to",
];

/// Whether the text before a number states it as a total, and the unit named before it:
/// `a total of` (unit: the last unit noun earlier in the sentence, else `records`), or
/// `the (total) number of <unit> ... is / was / at / to / as` (`The number of students affected
/// was increased from 42,000 to 49,000`). `lower_before` is the sentence's lower-cased text up
/// to the number.
fn stated_total(lower_before: &str, words: &Words) -> Option<String> {
    let mut b = lower_before.trim_end();
    while let Some(q) = COUNT_QUALIFIERS.iter().find(|q| {
        b.ends_with(*q) && b[..b.len() - q.len()].ends_with(|c: char| !c.is_alphanumeric())
    }) {
        b = b[..b.len() - q.len()].trim_end();
    }
    if let Some(rest) = b.strip_suffix("total of") {
        let unit = words
            .units
            .find(rest)
            .last()
            .map_or("records".to_string(), |h| rest[h.start..h.end].to_string());
        return Some(unit);
    }
    const LINKS: &[&str] = &[
        " is", " was", " are", " were", " at", " to", " as", " reached",
    ];
    if !LINKS.iter().any(|l| b.ends_with(l)) {
        return None;
    }
    let i = b.rfind("number of ")?;
    let named = &b[i + "number of ".len()..];
    let h = words.units.find(named).into_iter().next()?;
    // The unit noun closes the `number of` phrase: at most three words before it.
    (named[..h.start].split_whitespace().count() <= 3).then(|| named[h.start..h.end].to_string())
}

/// Whether a number without a unit after it closes its clause (`..., a total of 850.`,
/// `is now at 380 and over $109,000`).
fn clause_ends(after: &str) -> bool {
    let t = after.trim_start();
    t.is_empty()
        || t.starts_with(['.', ',', ';', ')'])
        || t.starts_with("and ")
        || t.starts_with("but ")
        || t.starts_with("with ")
}

/// The largest char boundary of `s` at or below `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// People named by where they live or serve, right after a number: `969 New Yorkers`,
/// `225,000 Oklahomans`, `10,554 Marines` — one or two capitalised words, the last a plural
/// of a people-forming ending. `window` is the original-case text after the number.
fn demonym_after(window: &str) -> Option<crate::en::words::Hit> {
    const ENDINGS: &[&str] = &["ans", "ians", "ers", "ites", "ines", "eses"];
    let mut offset = 0usize;
    for (k, word) in window.split(' ').enumerate() {
        if k == 0 && word.is_empty() {
            offset += 1;
            continue;
        }
        let clean = word.trim_end_matches([',', '.', ';']);
        let capitalised = clean.chars().next().is_some_and(char::is_uppercase)
            && clean.chars().skip(1).all(|c| c.is_ascii_lowercase());
        if !capitalised || k > 2 {
            return None;
        }
        if clean.len() >= 5 && ENDINGS.iter().any(|e| clean.ends_with(e)) {
            return Some(crate::en::words::Hit {
                start: offset,
                end: offset + clean.len(),
                entry: usize::MAX,
            });
        }
        offset += word.len() + 1;
    }
    None
}

/// The block's count: the largest candidate in an incident sentence — among the stated totals
/// when there are any; a more precise figure within 10% of it wins (`more than 25,000` vs
/// `about 25,290`).
pub fn count(cands: &[CountChoice]) -> Option<CountChoice> {
    let totals: Vec<&CountChoice> = cands.iter().filter(|c| c.total).collect();
    let pool: Vec<&CountChoice> = if totals.is_empty() {
        cands.iter().collect()
    } else {
        totals
    };
    let max = pool.iter().max_by_key(|c| c.value)?;
    pool.iter()
        .filter(|c| c.value as f64 >= max.value as f64 * 0.9)
        .max_by_key(|c| (c.precision, c.value))
        .map(|c| (*c).clone())
}
