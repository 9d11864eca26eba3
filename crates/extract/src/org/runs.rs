//! Owns scanning runs of name characters forwards and backwards, clause boundaries, and
//! trimming descriptors and legal forms off a run to leave the name and its grouping key.

use super::*;

/// The operator name right after `を運営する`: a legal-form name or a name run.
pub(super) fn clean_operator(s: &str) -> String {
    let s = s.trim();
    for lf in LEGAL_FORMS {
        if let Some(rest) = s.strip_prefix(lf) {
            // The name may run on in hiragana (`有限会社ゆきうさぎ菓子舗は`), up to a particle.
            let end = super::legal::legal_name_end(s, lf.len()) - lf.len();
            // A legal form alone names no one.
            if end == 0 {
                return String::new();
            }
            return format!("{lf}{}", &rest[..end]);
        }
    }
    let end = s
        .char_indices()
        .find(|(_, c)| !is_name_char(*c))
        .map_or(s.len(), |(i, _)| i);
    let name = &s[..end];
    // ○○株式会社 keeps its suffix; a bare run is accepted only with a legal form inside.
    if LEGAL_FORMS.iter().any(|lf| name.ends_with(lf)) {
        name.to_string()
    } else {
        String::new()
    }
}

/// Byte ranges of `line` between the 、 and 。 that stand outside parentheses.
pub(super) fn top_level_clauses(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0u32;
    let mut start = 0usize;
    for (i, c) in line.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '、' | '。' if depth == 0 => {
                out.push((start, i));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push((start, line.len()));
    out
}

/// Whether a topic or subject particle is followed by a number (`は6月7日`, `が24日に`): the
/// cue of the announcement pattern, whose dates all start with a digit.
pub(super) fn has_topic_before_number(line: &str) -> bool {
    line.match_indices(['は', 'が']).any(|(i, p)| {
        line[i + p.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Scans forward from `start` over characters `allow` accepts, at most `max_chars`.
pub(super) fn scan_forward_with(
    text: &str,
    start: usize,
    max_chars: usize,
    allow: fn(char) -> bool,
) -> usize {
    let mut end = start;
    for (n, (i, c)) in text[start..].char_indices().enumerate() {
        if n >= max_chars || !allow(c) {
            break;
        }
        end = start + i + c.len_utf8();
    }
    end
}

/// Scans forward from `start` over name characters, at most `max_chars`. Returns the end.
pub(super) fn scan_forward(text: &str, start: usize, max_chars: usize) -> usize {
    let mut end = start;
    for (n, (i, c)) in text[start..].char_indices().enumerate() {
        if n >= max_chars || !(is_name_char(c) || (c == ' ' && latin_space(text, start + i))) {
            break;
        }
        end = start + i + c.len_utf8();
    }
    // Trailing spaces and joiners are not part of a name.
    while end > start {
        let last = text[start..end].chars().next_back();
        match last {
            Some(c) if matches!(c, ' ' | '・' | '.' | '-' | '_') => end -= c.len_utf8(),
            _ => break,
        }
    }
    end
}

/// A space between two Latin words (`NAVER Cloud`) is part of the name.
pub(super) fn latin_space(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + 1..].chars().next();
    before.is_some_and(|c| c.is_ascii_alphabetic()) && after.is_some_and(|c| c.is_ascii_uppercase())
}

/// Scans backward from `end` over name characters (kanji/katakana/Latin), at most
/// `max_chars`. Returns the start.
pub(super) fn scan_backward(
    text: &str,
    end: usize,
    max_chars: usize,
    allow: fn(char) -> bool,
) -> usize {
    let mut start = end;
    for (n, (i, c)) in text[..end].char_indices().rev().enumerate() {
        // `Payment Card Forensics株式会社`: a space between Latin words belongs to the name.
        if n >= max_chars || !(allow(c) || (c == ' ' && start == i + 1 && latin_space(text, i))) {
            break;
        }
        start = i;
    }
    start
}

/// Removes descriptors glued before a name: `通販大手アスクル` → `アスクル`.
pub(super) fn strip_descriptors(name: &str) -> String {
    // `航空IT企業ノースゲート`: a kind of business before a katakana or Latin name (not
    // `中小企業基盤整備機構`, a name that holds the word).
    let name = match name.rfind("企業") {
        Some(pos)
            if name[pos + "企業".len()..]
                .chars()
                .next()
                .is_some_and(|c| crate::text::is_katakana(c) || c.is_ascii_alphabetic())
                && name[pos + "企業".len()..].chars().count() >= 2 =>
        {
            &name[pos + "企業".len()..]
        }
        _ => name,
    };
    // Most names hold no descriptor: one automaton pass settles that before any per-word search.
    static DESCRIPTORS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let any = DESCRIPTORS.get_or_init(|| {
        aho_corasick::AhoCorasick::new(NAME_PREFIX_DESCRIPTORS).expect("descriptors build")
    });
    if !any.is_match(name) {
        return name.to_string();
    }
    let mut s = name;
    loop {
        let mut changed = false;
        for d in NAME_PREFIX_DESCRIPTORS {
            if let Some(pos) = s.rfind(d) {
                let rest = &s[pos + d.len()..];
                // Only a descriptor when something name-like follows.
                if rest.chars().count() >= 2 && pos + d.len() < s.len() {
                    let rest = rest.trim_start_matches(['の', '・']);
                    if rest.chars().count() >= 2 {
                        s = rest;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    s.to_string()
}

/// The name without its legal form and spaces: the key mentions are grouped by.
pub fn core_name(name: &str) -> String {
    let mut s = std::borrow::Cow::Borrowed(name);
    for lf in LEGAL_FORMS {
        if s.starts_with(lf) || s.ends_with(lf) {
            s = std::borrow::Cow::Owned(s.replacen(lf, "", 1));
        }
    }
    if s.contains(char::is_whitespace) {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        s.into_owned()
    }
}
