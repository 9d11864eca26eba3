//! Plain text and Markdown → clean text, and the final normalisation every document gets
//! (line endings, NFKC, trailing spaces, stray control characters).

use regex::Regex;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Longest title kept, in characters (a "first line" can be a whole paragraph).
pub const MAX_TITLE_CHARS: usize = 200;

/// CRLF / CR → LF, and a leading BOM removed.
pub fn normalize_newlines(text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The final form of every document's text: Japanese lines a margin broke joined back
/// (`unwrap.rs`; measured before NFKC, while full-width characters still take two columns);
/// NFKC; zero-width characters and control characters other than `\n`/`\t` removed; trailing
/// spaces trimmed per line; leading blank lines and trailing whitespace removed.
pub fn finalize(text: &str) -> String {
    let text = normalize_newlines(text);
    let text = crate::unwrap::unwrap_margin_breaks(&text).unwrap_or(text);
    let nfkc = without_invisible(nfkc(&text));
    let mut out = String::with_capacity(nfkc.len());
    for line in nfkc.split('\n') {
        if out.is_empty() && line.trim().is_empty() {
            continue; // leading blank lines
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    out
}

/// `text` without zero-width characters and controls other than newline and tab. The kept
/// stretches between them are copied whole (most documents have none to drop).
fn without_invisible(text: String) -> String {
    let dropped = |c: char| {
        matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        ) || (c.is_control() && c != '\n' && c != '\t')
    };
    let Some(first) = text.find(dropped) else {
        return text;
    };
    let mut out = String::with_capacity(text.len());
    let mut from = 0usize;
    for (i, c) in text[first..].char_indices() {
        if dropped(c) {
            let at = first + i;
            out.push_str(&text[from..at]);
            from = at + c.len_utf8();
        }
    }
    out.push_str(&text[from..]);
    out
}

/// Characters NFKC leaves alone that also never combine with the character before them:
/// ASCII, hiragana, katakana and the common CJK ideographs — most of a Japanese document.
fn inert(c: char) -> bool {
    c.is_ascii()
        || ('\u{3041}'..='\u{3096}').contains(&c)
        || ('\u{30A1}'..='\u{30FA}').contains(&c)
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// NFKC of `text`, equal to `text.nfkc()`, but normalising only the stretches that hold a
/// character outside [`inert`] (plus the character before each, which a combining mark may
/// join): a run of inert characters is copied as it is. NFKC of a string splits at any
/// character that is a starter never composed with what precedes it, which every inert
/// character is, so the pieces normalise independently.
pub fn nfkc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Start of the stretch not yet written; `pending` marks it holds a non-inert character.
    let mut from = 0usize;
    let mut last_inert_start: Option<usize> = None;
    let mut pending = false;
    for (i, c) in text.char_indices() {
        if inert(c) {
            if pending {
                // Normalise [from, i): it ends before an inert character, a safe split.
                out.extend(text[from..i].nfkc());
                from = i;
                pending = false;
            }
            last_inert_start = Some(i);
        } else if !pending {
            // Copy the inert run except its last character, which may combine with `c`.
            let keep_from = last_inert_start.filter(|&s| s >= from).unwrap_or(i);
            out.push_str(&text[from..keep_from]);
            from = keep_from;
            pending = true;
        }
    }
    if pending {
        out.extend(text[from..].nfkc());
    } else {
        out.push_str(&text[from..]);
    }
    out
}

/// A title candidate cleaned up: NFKC, whitespace collapsed, capped at [`MAX_TITLE_CHARS`].
pub fn finalize_title(title: &str) -> Option<String> {
    // Only the start can reach the title: cut a long line (a document without line breaks)
    // once twice the kept length of non-space characters has passed.
    let mut seen = 0usize;
    let cut = title
        .char_indices()
        .find(|&(_, c)| {
            seen += usize::from(!c.is_whitespace());
            seen > 2 * MAX_TITLE_CHARS
        })
        .map_or(title.len(), |(i, _)| i);
    let nfkc = nfkc(&title[..cut]);
    let collapsed = nfkc.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return None;
    }
    Some(collapsed.chars().take(MAX_TITLE_CHARS).collect())
}

/// The first non-empty line of `text`, trimmed.
pub fn first_line_title(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .and_then(finalize_title)
}

/// Plain text: the content as is (newlines normalised); title = the first non-empty line.
pub fn plain(text: &str) -> (Option<String>, String) {
    let text = normalize_newlines(text);
    (first_line_title(&text), text)
}

struct MarkdownRegexes {
    heading: Regex,
    setext_or_rule: Regex,
    fence: Regex,
    reference_def: Regex,
    image_or_link: Regex,
    reference_link: Regex,
    autolink: Regex,
    strong: Regex,
    emphasis_star: Regex,
    emphasis_underscore: Regex,
    strike: Regex,
    inline_code: Regex,
    blockquote: Regex,
}

fn markdown_regexes() -> Option<&'static MarkdownRegexes> {
    static RE: OnceLock<Option<MarkdownRegexes>> = OnceLock::new();
    RE.get_or_init(|| {
        Some(MarkdownRegexes {
            heading: Regex::new(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$").ok()?,
            setext_or_rule: Regex::new(r"^\s{0,3}(?:=+|-{3,}|\*{3,}|_{3,}|(?:[-*_]\s*){3,})\s*$")
                .ok()?,
            fence: Regex::new(r"^\s{0,3}(?:```|~~~)").ok()?,
            reference_def: Regex::new(r#"^\s{0,3}\[[^\]]+\]:\s*\S+(?:\s+["'(].*["')])?\s*$"#)
                .ok()?,
            image_or_link: Regex::new(r"!?\[([^\]]*)\]\([^)]*\)").ok()?,
            reference_link: Regex::new(r"!?\[([^\]]+)\]\[[^\]]*\]").ok()?,
            autolink: Regex::new(r"<((?:https?|mailto):[^>\s]+)>").ok()?,
            strong: Regex::new(r"(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)").ok()?,
            emphasis_star: Regex::new(r"\*(\S(?:[^*]*?\S)?)\*").ok()?,
            emphasis_underscore: Regex::new(r"(^|[^\p{Alphabetic}\p{N}_])_(\S(?:[^_]*?\S)?)_")
                .ok()?,
            strike: Regex::new(r"~~(\S(?:.*?\S)?)~~").ok()?,
            inline_code: Regex::new(r"`([^`]+)`").ok()?,
            blockquote: Regex::new(r"^\s{0,3}(?:>\s?)+").ok()?,
        })
    })
    .as_ref()
}

/// Markdown: heading `#` markers, emphasis markers, link/image syntax, code fences, rules and
/// reference definitions removed; line structure kept. Title = the first non-empty line.
pub fn markdown(text: &str) -> (Option<String>, String) {
    let text = normalize_newlines(text);
    let Some(re) = markdown_regexes() else {
        return plain(&text);
    };
    let mut out = String::with_capacity(text.len());
    let mut in_fence = false;
    for line in text.split('\n') {
        if re.fence.is_match(line) {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if re.setext_or_rule.is_match(line) || re.reference_def.is_match(line) {
            out.push('\n');
            continue;
        }
        let line = re.blockquote.replace(line, "");
        let line = match re.heading.captures(&line) {
            Some(caps) => caps.get(1).map_or("", |m| m.as_str()).to_string(),
            None => line.into_owned(),
        };
        let line = re.image_or_link.replace_all(&line, "$1");
        let line = re.reference_link.replace_all(&line, "$1");
        let line = re.autolink.replace_all(&line, "$1");
        let line = re.inline_code.replace_all(&line, "$1");
        let line = re.strong.replace_all(&line, "$2");
        let line = re.emphasis_star.replace_all(&line, "$1");
        let line = re.emphasis_underscore.replace_all(&line, "$1$2");
        let line = re.strike.replace_all(&line, "$1");
        out.push_str(&line);
        out.push('\n');
    }
    (first_line_title(&out), out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_nfkc(s: &str) -> String {
        s.nfkc().collect()
    }

    #[test]
    fn invisible_characters_are_dropped_and_the_rest_kept() {
        assert_eq!(without_invisible("個人情報".into()), "個人情報");
        assert_eq!(
            without_invisible("\u{FEFF}個人\u{200B}情報\u{7}\n\t流出\u{2060}".into()),
            "個人情報\n\t流出"
        );
        assert_eq!(without_invisible("\u{200D}".into()), "");
    }

    #[test]
    fn nfkc_by_stretches_equals_nfkc_of_the_whole() {
        for s in [
            "",
            "abc",
            "ｶﾞｰﾄﾞ①個人情報（氏名）",
            "か\u{3099}き\u{309A}",
            "e\u{301}\u{323}x",
            "㈱テスト２０２５年",
            "\u{3099}先頭が結合文字",
            "ＡＢＣ　ＤＥＦ\nか\u{3099}",
        ] {
            assert_eq!(nfkc(s), full_nfkc(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn nfkc_by_stretches_matches_on_any_mix(
            s in "[a-zA-Z0-9 \n\u{300}-\u{36F}\u{3041}-\u{309F}\u{30A0}-\u{30FF}\u{4E00}-\u{4E20}\u{FF01}-\u{FF9F}\u{3000}-\u{303F}\u{AC00}-\u{AC10}\u{1100}-\u{1112}\u{1161}-\u{1175}\u{F900}-\u{F910}\u{2460}-\u{2473}]{0,40}"
        ) {
            proptest::prop_assert_eq!(nfkc(&s), full_nfkc(&s));
        }
    }

    #[test]
    fn newlines_and_bom() {
        assert_eq!(normalize_newlines("\u{FEFF}a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn finalize_applies_nfkc_and_trims() {
        let text = "\n\n  件数:１２３件　 \r\nｶﾀｶﾅ\u{200B}と\u{7}ＡＢＣ  \n\n\n";
        assert_eq!(finalize(text), "  件数:123件\nカタカナとABC");
    }

    #[test]
    fn plain_title_is_first_non_empty_line() {
        let (title, text) = plain("\r\n  お客様情報の流出に関するお詫び  \r\n本文です。\r\n");
        assert_eq!(title.as_deref(), Some("お客様情報の流出に関するお詫び"));
        assert_eq!(text, "\n  お客様情報の流出に関するお詫び  \n本文です。\n");
    }

    #[test]
    fn title_is_capped() {
        let long = "あ".repeat(500);
        let title = first_line_title(&long).unwrap_or_default();
        assert_eq!(title.chars().count(), MAX_TITLE_CHARS);
    }

    #[test]
    fn markdown_syntax_is_removed() {
        let md = "# 不正アクセスに関する**お知らせ** #\n\n\
                  詳細は[こちらのページ](https://example.jp/news)をご覧ください。\n\
                  *重要*:_パスワード_を変更してください。snake_case_name は残す。\n\
                  > 引用された文\n\
                  ---\n\
                  ```\ncode line\n```\n\
                  ![図1](img.png) `inline`\n\
                  [ref]: https://example.jp\n";
        let (title, text) = markdown(md);
        assert_eq!(title.as_deref(), Some("不正アクセスに関するお知らせ"));
        assert!(text.starts_with("不正アクセスに関するお知らせ\n"), "{text}");
        assert!(
            text.contains("詳細はこちらのページをご覧ください。"),
            "{text}"
        );
        assert!(
            text.contains("重要:パスワードを変更してください。"),
            "{text}"
        );
        assert!(text.contains("snake_case_name は残す"), "{text}");
        assert!(text.contains("\n引用された文\n"), "{text}");
        assert!(text.contains("code line"));
        assert!(text.contains("図1 inline"), "{text}");
        assert!(!text.contains("---") && !text.contains("```") && !text.contains("example.jp"));
    }
}
