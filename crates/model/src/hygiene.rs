//! Output hygiene shared by every stage that shows text to a person: control characters removed
//! (a page title holding `ESC]0;…BEL` or `ESC[2J` must not drive the terminal), and credentials
//! redacted (`http://user:pass@host` → `http://***@host`, `?token=…` → `?token=***`) in
//! messages, listings and stored errors. Pure string functions, no I/O.

use std::borrow::Cow;

/// Query parameters whose values are credentials (compared case-insensitively; a name that
/// contains one of these counts, e.g. `api_key`, `access_token`).
pub const SECRET_PARAMS: &[&str] = &[
    "token",
    "key",
    "secret",
    "password",
    "passwd",
    "pass",
    "auth",
    "sig",
    "signature",
    "credential",
];

/// Characters removed from text shown on a terminal or written to Markdown: C0 and C1
/// controls, DEL, and the Unicode bidirectional overrides/isolates that reorder what is shown.
fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Removes control characters; newlines and tabs are kept when `keep_lines` (a multi-line
/// block such as `show`), otherwise each becomes a space (a table cell, a one-line field).
pub fn strip_controls(text: &str, keep_lines: bool) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' if keep_lines => out.push(c),
            '\r' if keep_lines => {}
            '\n' | '\t' | '\r' => out.push(' '),
            c if is_unsafe_char(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A URL with its credentials hidden: the user-info part (`user:pass@`) becomes `***@` and
/// the values of secret-looking query parameters become `***`. Text that is not a URL is
/// returned as is.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let authority_start = scheme_end + 3;
    let rest = &url[authority_start..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_len];
    let mut out = String::with_capacity(url.len());
    out.push_str(&url[..authority_start]);
    match authority.rfind('@') {
        Some(at) => {
            out.push_str("***@");
            out.push_str(&authority[at + 1..]);
        }
        None => out.push_str(authority),
    }
    let tail = &rest[authority_len..];
    let (path, query_and_fragment) = match tail.find('?') {
        Some(q) => tail.split_at(q),
        None => (tail, ""),
    };
    out.push_str(path);
    if query_and_fragment.is_empty() {
        return out;
    }
    let (query, fragment) = match query_and_fragment.find('#') {
        Some(h) => query_and_fragment.split_at(h),
        None => (query_and_fragment, ""),
    };
    out.push('?');
    let params: Vec<String> = query[1..]
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if is_secret_param(name) => format!("{name}=***"),
            _ => pair.to_string(),
        })
        .collect();
    out.push_str(&params.join("&"));
    out.push_str(fragment);
    out
}

/// Whether a configuration key or query parameter names a credential (`webhook_secret`,
/// `smtp_password`, `api_key`, `token`…).
pub fn is_secret_name(name: &str) -> bool {
    is_secret_param(name)
}

fn is_secret_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_PARAMS.iter().any(|s| name.contains(s))
}

/// Every URL inside free text (an error message) redacted with [`redact_url`].
pub fn redact_text(text: &str) -> Cow<'_, str> {
    if !text.contains("://") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("://") {
        // The scheme: letters, digits, + - . right before "://".
        let scheme_start = rest[..pos]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            .last()
            .map_or(pos, |(i, _)| i);
        let end = rest[pos..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
            .map_or(rest.len(), |e| pos + e);
        out.push_str(&rest[..scheme_start]);
        out.push_str(&redact_url(&rest[scheme_start..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Text safe to print on a terminal: credentials redacted, control characters removed
/// (newlines and tabs kept when `keep_lines`).
pub fn terminal_safe(text: &str, keep_lines: bool) -> String {
    strip_controls(&redact_text(text), keep_lines).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_removed() {
        let title = "お知らせ\u{1b}]0;pwned\u{7}\u{1b}[2J本文\u{202E}txt.exe\u{9b}31m";
        assert_eq!(
            strip_controls(title, true),
            "お知らせ]0;pwned[2J本文txt.exe31m"
        );
        assert_eq!(strip_controls("a\nb\tc\r", true), "a\nb\tc");
        assert_eq!(strip_controls("a\nb\tc\r", false), "a b c ");
        assert!(matches!(strip_controls("普通の文", true), Cow::Borrowed(_)));
    }

    #[test]
    fn url_credentials_are_redacted() {
        assert_eq!(
            redact_url("http://user:pass@hooks.example.invalid:8080/x?a=1&token=abc#f"),
            "http://***@hooks.example.invalid:8080/x?a=1&token=***#f"
        );
        assert_eq!(
            redact_url("https://example.invalid/feed.xml"),
            "https://example.invalid/feed.xml"
        );
        assert_eq!(
            redact_url("https://h.invalid/?api_key=k"),
            "https://h.invalid/?api_key=***"
        );
        assert_eq!(redact_url("not a url"), "not a url");
        assert_eq!(
            redact_text("http://a:b@h.invalid/x: timed out; see https://c:d@e.invalid"),
            "http://***@h.invalid/x: timed out; see https://***@e.invalid"
        );
        assert_eq!(redact_text("no url here"), "no url here");
    }

    #[test]
    fn terminal_safe_does_both() {
        assert_eq!(
            terminal_safe("http://u:p@h.invalid/\u{1b}[2J", false),
            "http://***@h.invalid/[2J"
        );
    }
}

/// Property tests (proptest; `.ci/run` runs them with more cases).
#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn no_control_character_survives(text in "(\\PC|\\p{Cc}|\u{202E}){0,100}") {
            let one_line = strip_controls(&text, false);
            let bidi = '\u{202E}';
            prop_assert!(!one_line.chars().any(|c| c.is_control() || c == bidi), "{:?}", one_line);
            let block = strip_controls(&text, true);
            prop_assert!(
                !block.chars().any(|c| (c.is_control() && c != '\n' && c != '\t') || c == bidi),
                "{:?}",
                block
            );
        }

        #[test]
        fn url_passwords_never_survive(
            user in "[a-z]{1,8}", pass in "[A-Za-z0-9]{6,12}", host in "[a-z]{1,10}\\.invalid",
            path in "(/[a-z0-9]{0,6}){0,3}", token in "[A-Za-z0-9]{6,12}"
        ) {
            let url = format!("https://{user}:{pass}@{host}{path}?x=1&token={token}");
            let shown = redact_url(&url);
            prop_assert!(!shown.contains(&pass) && !shown.contains(&token), "{}", shown);
            prop_assert!(shown.contains(&host));
            let text = format!("GET {url} failed: {url}");
            let shown = redact_text(&text);
            prop_assert!(!shown.contains(&pass), "{}", shown);
        }
    }
}
