//! Small text repairs the datasets need: HTML fragments to text (HIBP descriptions), HTML
//! entities (once or several times escaped, as on leak sites), mojibake (UTF-8 read as
//! Latin-1) and the free-form dates and counts of PRC rows.

use chrono::NaiveDate;

/// Tags removed, entities decoded, whitespace collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    crate::record::clean_line(&decode_entities(&out))
}

/// Decodes HTML entities until nothing changes (at most three rounds: `&amp;amp;` → `&`).
pub fn decode_entities(s: &str) -> String {
    let mut cur = s.to_string();
    for _ in 0..3 {
        let next = decode_once(&cur);
        if next == cur {
            break;
        }
        cur = next;
    }
    cur
}

fn decode_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e > 0 && e <= 10);
        let decoded = end.and_then(|e| entity(&after[..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || *c == '\n');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" | "lsquo" => '\'',
        "rdquo" | "ldquo" => '"',
        "hellip" => '…',
        "eacute" => 'é',
        "copy" => '©',
        "reg" => '®',
        _ => return None,
    })
}

/// True when `s` looks like UTF-8 bytes shown as Latin-1 (`è£ä¿¡`, `Ã©`).
pub fn looks_like_mojibake(s: &str) -> bool {
    let mut lead = false;
    for ch in s.chars() {
        let c = ch as u32;
        if lead && (0x80..=0xBF).contains(&c) {
            return true;
        }
        lead = (0xC2..=0xF4).contains(&c);
    }
    false
}

/// Repairs UTF-8 read as Latin-1. None when the text was not such mojibake or bytes are
/// missing (a lossy copy dropped the C1 characters), so the repair would be a guess.
pub fn repair_mojibake(s: &str) -> Option<String> {
    if !looks_like_mojibake(s) {
        return None;
    }
    let mut bytes = Vec::with_capacity(s.len());
    for ch in s.chars() {
        let c = ch as u32;
        if c > 0xFF {
            return None;
        }
        bytes.push(c as u8);
    }
    String::from_utf8(bytes).ok()
}

/// Years a breach record can be about (typos such as 2103 are dropped, not imported).
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1950..=2099;

/// True for a date in `PLAUSIBLE_YEARS`.
pub fn plausible(d: NaiveDate) -> bool {
    use chrono::Datelike;
    PLAUSIBLE_YEARS.contains(&d.year())
}

/// Dates as the datasets write them: `2015-03-01`, `2020-01-12 00:00:00.000000`,
/// `2015-10-26T23:35:45Z`, `October 21, 2009`, `Oct 21, 2009`, `10/21/2009`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_date_any(s).filter(|d| plausible(*d))
}

fn parse_date_any(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() >= 10 {
        if let Some(head) = s.get(..10) {
            if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
                return Some(d);
            }
        }
    }
    for f in ["%B %d, %Y", "%b %d, %Y", "%m/%d/%Y", "%Y/%m/%d", "%d %B %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d);
        }
    }
    None
}

/// How a free-form count reads: the number and whether it was a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LooseCount {
    pub value: u64,
    pub qualifier: leakwatch_model::CountQualifier,
}

/// The leading number of a free-form count: `1,200 (No SSNs …)`, `1.2 million`, `Up to 500`,
/// `At least 89`, `About 1,000`. None for `Unknown`, `Hundreds`, `0` and anything without a
/// number at its start.
pub fn parse_loose_count(s: &str) -> Option<LooseCount> {
    use leakwatch_model::CountQualifier as Q;
    let s = decode_entities(s);
    let t = s.trim().trim_start_matches('[').to_ascii_lowercase();
    let mut qualifier = Q::Exact;
    let mut rest = t.as_str();
    for (prefix, q) in [
        ("up to ", Q::Max),
        ("at least ", Q::AtLeast),
        ("over ", Q::AtLeast),
        ("more than ", Q::AtLeast),
        ("minimum ", Q::AtLeast),
        ("about ", Q::Approx),
        ("approximately ", Q::Approx),
        ("approx. ", Q::Approx),
        ("nearly ", Q::Approx),
        ("potentially ", Q::Max),
    ] {
        if let Some(r) = rest.strip_prefix(prefix) {
            qualifier = q;
            rest = r;
            break;
        }
    }
    let num_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let num = rest[..num_end].trim_end_matches(['.', ',']);
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let after = rest[num_end..].trim_start();
    let multiplier: f64 = if after.starts_with("million") {
        1e6
    } else if after.starts_with("billion") {
        1e9
    } else {
        1.0
    };
    let value = if multiplier > 1.0 {
        let f: f64 = num.replace(',', "").parse().ok()?;
        (f * multiplier).round() as u64
    } else {
        // Thousands separators only; a lone '.' in a plain count is noise.
        let digits: String = num.chars().filter(|c| c.is_ascii_digit()).collect();
        if num.contains('.') && !num.contains(',') {
            let f: f64 = num.parse().ok()?;
            f.round() as u64
        } else {
            digits.parse().ok()?
        }
    };
    if value == 0 {
        return None;
    }
    Some(LooseCount { value, qualifier })
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_model::CountQualifier as Q;

    #[test]
    fn html_fragments_become_text() {
        assert_eq!(
            html_to_text(
                "In 2015, <a href=\"x\" target=\"_blank\">000webhost was breached</a> &amp; more."
            ),
            "In 2015, 000webhost was breached & more."
        );
    }

    #[test]
    fn entities_decode_even_twice_escaped() {
        assert_eq!(decode_entities("VV&amp;amp;A"), "VV&A");
        assert_eq!(decode_entities("A &amp; B"), "A & B");
        assert_eq!(decode_entities("R&D &unknown; &#233;"), "R&D &unknown; é");
    }

    #[test]
    fn mojibake_is_detected_and_repaired_only_when_complete() {
        assert_eq!(repair_mojibake("CafÃ©").as_deref(), Some("Café"));
        // A lossy copy: the C1 bytes are gone, the repair would be a guess.
        assert!(looks_like_mojibake("è£ä¿¡æ±½è»"));
        assert_eq!(repair_mojibake("è£ä¿¡æ±½è»"), None);
        assert!(!looks_like_mojibake("Jean Rozé"));
        assert_eq!(repair_mojibake("Jean Rozé"), None);
    }

    #[test]
    fn dates_in_dataset_formats() {
        let d = NaiveDate::from_ymd_opt(2009, 10, 21);
        assert_eq!(parse_date("October 21, 2009"), d);
        assert_eq!(parse_date("2009-10-21 00:00:00.000000"), d);
        assert_eq!(parse_date("2009-10-21T23:35:45Z"), d);
        assert_eq!(parse_date("10/21/2009"), d);
        assert_eq!(parse_date("sometime"), None);
        assert_eq!(parse_date("2103-04-29"), None, "a typo'd year");
    }

    #[test]
    fn loose_counts() {
        let c = |s| parse_loose_count(s).map(|c| (c.value, c.qualifier));
        assert_eq!(c("1,200 (No SSNs or financial)"), Some((1200, Q::Exact)));
        assert_eq!(c("1.2 million"), Some((1_200_000, Q::Exact)));
        assert_eq!(c("Up to 500 million users"), Some((500_000_000, Q::Max)));
        assert_eq!(c("At least 89"), Some((89, Q::AtLeast)));
        assert_eq!(c("About 1,000"), Some((1000, Q::Approx)));
        assert_eq!(c("1,200&nbsp;"), Some((1200, Q::Exact)));
        assert_eq!(c("[1,300,000]"), Some((1_300_000, Q::Exact)));
        assert_eq!(c("Unknown"), None);
        assert_eq!(c("Hundreds"), None);
        assert_eq!(c("0"), None);
        assert_eq!(c(""), None);
    }
}
