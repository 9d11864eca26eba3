//! Feed parsing with `feed-rs` (RSS 0.9x, RSS 1.0 RDF, RSS 2.0, Atom) into the few things a
//! poll needs per item: a stable key, the link (absolute), a title and any inline content.

use chrono::{FixedOffset, NaiveDate};
use url::Url;

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// What "already seen" is keyed on: the absolute link, else `id:<entry id>`.
    pub key: String,
    pub link: Option<String>,
    pub title: Option<String>,
    /// Inline HTML content or summary, used when an entry has no link.
    pub content: Option<String>,
    /// The entry's publication date (else its last update), as a day in Japan: the feed's
    /// own date for a page that states none.
    pub published: Option<NaiveDate>,
}

/// Longest XML declaration looked for at the start of a feed.
const MAX_DECLARATION: usize = 1024;

/// The feed as UTF-8 without an XML declaration: decoded here (BOM, else the declaration's
/// `encoding`, else UTF-8; invalid bytes become U+FFFD) so that the XML parser never switches
/// encodings itself — quick-xml panics on some malformed declarations (found by fuzzing:
/// `<?xml veon="1.(" encoding="utf-16">?…`). Other `<?xml ` instructions are renamed so
/// they cannot act as declarations either.
fn utf8_without_declaration(bytes: &[u8]) -> String {
    use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (Some(enc), &bytes[len..]),
        None => (None, bytes),
    };
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head = &body[start..body.len().min(start + MAX_DECLARATION)];
    let declaration_len = if head.starts_with(b"<?xml") {
        head.windows(2).position(|w| w == b"?>").map(|i| i + 2)
    } else {
        None
    };
    let encoding = encoding.unwrap_or_else(|| {
        declaration_len
            .and_then(|len| declared_encoding(&head[..len]))
            // A declaration readable as ASCII cannot really be UTF-16.
            .filter(|e| *e != UTF_16LE && *e != UTF_16BE)
            .unwrap_or(UTF_8)
    });
    let rest = match declaration_len {
        Some(len) if encoding.is_ascii_compatible() => &body[start + len..],
        _ => body,
    };
    let (text, _) = encoding.decode_without_bom_handling(rest);
    let mut text = text.into_owned();
    if encoding == UTF_16LE || encoding == UTF_16BE {
        // Decoded from UTF-16: its declaration is text now.
        if let Some(end) = text
            .trim_start()
            .starts_with("<?xml")
            .then(|| text.find("?>"))
            .flatten()
        {
            text.replace_range(..end + 2, "");
        }
    }
    rename_declarations(&text)
}

/// `<?xml` followed by whitespace (any of XML's: space, tab, CR, LF) or `?` — a declaration
/// where none may stand — renamed to `<?xml-decl`, an instruction the parser ignores.
/// (`<?xml\tencoding="…"?>` later in a feed made quick-xml panic: found by fuzzing.)
fn rename_declarations(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(at) = rest.find("<?xml") {
        let after = &rest[at + "<?xml".len()..];
        out.push_str(&rest[..at]);
        out.push_str("<?xml");
        if after.starts_with([' ', '\t', '\r', '\n', '?']) {
            out.push_str("-decl");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The `encoding="…"` of an XML declaration.
fn declared_encoding(declaration: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let text = std::str::from_utf8(declaration).ok()?;
    let at = text.find("encoding")?;
    let rest = text[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = rest[1..].split(quote).next()?;
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
}

/// Parses a feed document. `base_url` resolves relative links. Never panics: the bytes are
/// decoded here (see `utf8_without_declaration`), and a panic inside the XML parser on some
/// other malformed input is caught and reported as an error.
pub fn parse_feed(bytes: &[u8], base_url: &str) -> Result<Vec<FeedItem>, String> {
    let xml = utf8_without_declaration(bytes);
    let feed = std::panic::catch_unwind(|| feed_rs::parser::parse(xml.as_bytes()))
        .map_err(|_| "the feed parser failed on malformed input".to_string())?
        .map_err(|e| e.to_string())?;
    let base = Url::parse(base_url).ok();
    let mut items = Vec::with_capacity(feed.entries.len());
    for entry in feed.entries {
        let href = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|h| !h.is_empty());
        // Only http(s) links are pages to fetch: `javascript:`, `file:`, `data:` or a mangled
        // scheme (`hptp:`) count as no link.
        let link = href
            .and_then(|h| match &base {
                Some(b) => b.join(&h).ok(),
                None => Url::parse(&h).ok(),
            })
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
            .map(|u| u.to_string());
        let content = entry
            .content
            .and_then(|c| c.body)
            .or_else(|| entry.summary.map(|s| s.content))
            .filter(|c| !c.trim().is_empty());
        let key = match &link {
            Some(l) => l.clone(),
            None => format!("id:{}", entry.id),
        };
        // feed-rs keeps instants in UTC; the day is read in Japan time (UTC+9), where the
        // reports leakwatch reads are published (an item posted 08:00 JST is that day's).
        let jst = FixedOffset::east_opt(9 * 3600);
        let published = entry
            .published
            .or(entry.updated)
            .zip(jst)
            .map(|(t, tz)| t.with_timezone(&tz).date_naive());
        items.push(FeedItem {
            key,
            link,
            title: entry.title.map(|t| t.content),
            content,
            published,
        });
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss2_atom_rdf_and_rss091_items_have_absolute_links() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
            <item><title>a</title><link>/news/1.html</link></item></channel></rss>"#;
        let items = parse_feed(rss, "http://127.0.0.1:9/feed.xml").unwrap();
        assert_eq!(items[0].key, "http://127.0.0.1:9/news/1.html");

        let atom = br#"<?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id>
            <updated>2025-11-01T00:00:00Z</updated>
            <entry><title>b</title><id>urn:b</id><updated>2025-11-01T00:00:00Z</updated>
            <link rel="alternate" href="http://h.invalid/b"/></entry></feed>"#;
        let items = parse_feed(atom, "http://h.invalid/atom").unwrap();
        assert_eq!(items[0].link.as_deref(), Some("http://h.invalid/b"));

        let rdf = br#"<?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <channel rdf:about="http://h.invalid/"><title>t</title><link>http://h.invalid/</link></channel>
            <item rdf:about="http://h.invalid/c"><title>c</title><link>http://h.invalid/c</link></item>
            </rdf:RDF>"#;
        let items = parse_feed(rdf, "http://h.invalid/rdf").unwrap();
        assert_eq!(items[0].link.as_deref(), Some("http://h.invalid/c"));

        let rss091 = br#"<?xml version="1.0"?><rss version="0.91"><channel><title>t</title>
            <link>http://h.invalid/</link><description>d</description><language>ja</language>
            <item><title>d</title><link>http://h.invalid/d</link></item></channel></rss>"#;
        let items = parse_feed(rss091, "http://h.invalid/rss091").unwrap();
        assert_eq!(items[0].key, "http://h.invalid/d");
    }

    /// Found by fuzzing (fuzz/artifacts/feed/crash-233d…): a link with a mangled scheme was
    /// returned as if it were a page to fetch.
    #[test]
    fn only_http_links_are_links() {
        let rdf = br#"<?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <channel rdf:about="http://h.invalid/"><title>t</title><link>http://h.invalid/</link></channel>
            <item rdf:about="http://h.invalid/c"><title>c</title><link>hptp:2//h.invalid/c</link></item>
            <item rdf:about="http://h.invalid/d"><title>d</title><link>javascript:alert(1)</link></item>
            <item rdf:about="http://h.invalid/e"><title>e</title><link>file:///etc/passwd</link></item>
            </rdf:RDF>"#;
        let items = parse_feed(rdf, "http://h.invalid/rdf").unwrap();
        assert_eq!(items.len(), 3);
        for item in items {
            assert_eq!(item.link, None, "{item:?}");
            assert!(item.key.starts_with("id:"), "{item:?}");
        }
    }

    /// Found by fuzzing (fuzz/artifacts/feed/crash-e3a4…): quick-xml panicked on a malformed
    /// declaration claiming UTF-16.
    #[test]
    fn a_malformed_declaration_does_not_panic() {
        let input = include_bytes!(
            "../../../fuzz/regressions/feed/crash-e3a44c8f817af6c1884b59548e30f5cf69e13f45"
        );
        assert!(parse_feed(input, "http://h.invalid/").is_err());
        // Straight to the parser, without parse_feed's catch_unwind: a panic fails the test.
        let _ = feed_rs::parser::parse(utf8_without_declaration(input).as_bytes());
        let input = b"<?xml veon=\"1.(\" encoding=\"utf-16\">?te0utx~\"!enc\"?>ofxmte";
        assert!(parse_feed(input, "http://h.invalid/").is_err());
        let input = b"<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\"><channel>\
            <title>t</title><item><title>a</title><link>/1</link></item></channel></rss>";
        let items = parse_feed(input, "http://h.invalid/").unwrap();
        assert_eq!(items[0].key, "http://h.invalid/1");
        // UTF-16 with a BOM, declaration included.
        let xml = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\"><channel>\
            <title>t</title><item><title>お知らせ</title><link>/2</link></item></channel></rss>";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        let items = parse_feed(&bytes, "http://h.invalid/").unwrap();
        assert_eq!(items[0].title.as_deref(), Some("お知らせ"));
    }

    /// Found by fuzzing (fuzz/artifacts/feed/crash-a3af…): a second declaration after a tab
    /// (`<?xml\tver…encoding="…"?>`) made quick-xml panic while switching encodings.
    #[test]
    fn a_declaration_inside_a_feed_never_reaches_the_parser() {
        let input = include_bytes!(
            "../../../fuzz/regressions/feed/crash-a3af98afccabb9789c4e2ac2ab86edf1e8f7ef75"
        );
        let xml = utf8_without_declaration(input);
        assert!(!xml.contains("<?xml\t"), "{xml}");
        // Straight to the parser, without parse_feed's catch_unwind: a panic fails the test.
        let _ = feed_rs::parser::parse(xml.as_bytes());
        let rss = b"<rss version=\"2.0\"><channel><title>t</title>\
            <?xml\tversion=\"1.0\" encoding=\"utf-16\"?><?xml\nencoding=\"sjis\"?>\
            <item><title>a</title><link>/1</link></item></channel></rss>";
        let xml = utf8_without_declaration(rss);
        let _ = feed_rs::parser::parse(xml.as_bytes());
        let items = parse_feed(rss, "http://h.invalid/").unwrap();
        assert_eq!(items[0].key, "http://h.invalid/1");
        // Other instructions stay as they are.
        assert_eq!(
            rename_declarations("<?xml-stylesheet href=\"a\"?><?xml?><?xml\r"),
            "<?xml-stylesheet href=\"a\"?><?xml-decl?><?xml-decl\r"
        );
    }

    #[test]
    fn item_dates_are_days_in_japan() {
        // 20:30 UTC on 5 Oct is 05:30 on 6 Oct in Japan; an Atom entry without a publication
        // date gives its update.
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
            <item><title>a</title><link>http://h.invalid/a</link>
            <pubDate>Sun, 05 Oct 2025 20:30:00 GMT</pubDate></item>
            <item><title>b</title><link>http://h.invalid/b</link></item></channel></rss>"#;
        let items = parse_feed(rss, "http://h.invalid/").unwrap();
        assert_eq!(items[0].published, NaiveDate::from_ymd_opt(2025, 10, 6));
        assert_eq!(items[1].published, None);
        let atom = br#"<?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id>
            <updated>2025-11-01T00:00:00Z</updated>
            <entry><title>b</title><id>urn:b</id><updated>2025-11-01T10:00:00+09:00</updated>
            <link rel="alternate" href="http://h.invalid/b"/></entry></feed>"#;
        let items = parse_feed(atom, "http://h.invalid/atom").unwrap();
        assert_eq!(items[0].published, NaiveDate::from_ymd_opt(2025, 11, 1));
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse_feed(b"<html><body>not a feed", "http://h.invalid/").is_err());
        assert!(parse_feed(b"<rss><channel><item>", "http://h.invalid/").is_err());
    }
}

#[cfg(test)]
mod japanese_encodings {
    #[test]
    fn shift_jis_and_euc_jp_feeds_are_decoded_from_their_declaration() {
        for (label, enc) in [
            ("Shift_JIS", encoding_rs::SHIFT_JIS),
            ("EUC-JP", encoding_rs::EUC_JP),
        ] {
            let xml = format!(
                "<?xml version=\"1.0\" encoding=\"{label}\"?><rss version=\"2.0\"><channel>\
                 <title>新着</title><item><title>不正アクセスのお知らせ</title>\
                 <link>http://h.invalid/1</link></item></channel></rss>"
            );
            let bytes = enc.encode(&xml).0.into_owned();
            let items = super::parse_feed(&bytes, "http://h.invalid/").unwrap();
            assert_eq!(
                items[0].title.as_deref(),
                Some("不正アクセスのお知らせ"),
                "{label}"
            );
        }
    }
}
