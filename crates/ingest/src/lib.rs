//! leakwatch ingest: owns bytes → `Document` — finding input files, reading them within limits,
//! detecting the charset, turning HTML / Markdown / plain text into clean NFKC text with a title
//! and a publication date. It must not touch extraction (what the text says) or storage.
//!
//! ```no_run
//! use leakwatch_ingest::{discover, load_file, Limits};
//! # fn main() {
//! for path in discover(&["reports/".into()]) {
//!     match path.and_then(|p| load_file(&p, &Limits::default())) {
//!         Ok(doc) => println!("{} {:?} {:?}", doc.id, doc.title, doc.published),
//!         Err(e) => eprintln!("skipped: {e}"),
//!     }
//! }
//! # }
//! ```

pub mod charset;
pub mod discover;
pub mod error;
pub mod html;
pub mod markup;
pub mod published;
pub mod read;
pub mod text;
pub mod unwrap;

pub use charset::DecodeLimits;
pub use discover::{discover, discover_with, DiscoverOptions};
pub use error::IngestError;
pub use markup::MarkupLimits;
pub use read::{read_file, read_small_file, Limits, SmallFileError};

use leakwatch_model::{Document, Language, MediaType, RawDocument};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Something repaired while decoding a document that was still kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeWarning {
    /// Invalid byte sequences were replaced with U+FFFD.
    InvalidBytes {
        path: String,
        replaced: usize,
        encoding: String,
    },
}

impl std::fmt::Display for DecodeWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeWarning::InvalidBytes {
                path,
                replaced,
                encoding,
            } => write!(
                f,
                "{path}: {replaced} invalid byte sequence(s) replaced with U+FFFD (decoded as {encoding})"
            ),
        }
    }
}

/// A decoded document and the warnings about it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub document: Document,
    pub warnings: Vec<DecodeWarning>,
}

/// Reads and decodes one file: [`read_file`] then [`decode`].
pub fn load_file(path: &Path, limits: &Limits) -> Result<Document, IngestError> {
    load_file_checked(path, limits).map(|l| l.document)
}

/// [`load_file`] keeping the warnings (invalid bytes replaced).
pub fn load_file_checked(path: &Path, limits: &Limits) -> Result<Loaded, IngestError> {
    decode_checked(read_file(path, limits)?, &limits.decode)
}

/// Decodes raw bytes (from a file or a fetched page) into a clean [`Document`] with the
/// default [`DecodeLimits`], dropping warnings.
pub fn decode(raw: RawDocument) -> Result<Document, IngestError> {
    decode_checked(raw, &DecodeLimits::default()).map(|l| l.document)
}

/// Decodes raw bytes (from a file or a fetched page) into a clean [`Document`].
///
/// Charset: BOM, then encodings the bytes prove (ISO-2022-JP escapes, well-formed UTF-8, UTF-16
/// without a BOM), then `declared_charset`, an HTML `<meta>` charset, and chardetng. A few
/// invalid bytes become U+FFFD and a warning; past `limits` the document is refused. HTML is
/// parsed (in linear time) and stripped of boilerplate; Markdown loses its syntax; the text is
/// NFKC-normalised and hashed. Never panics.
pub fn decode_checked(raw: RawDocument, limits: &DecodeLimits) -> Result<Loaded, IngestError> {
    decode_checked_with_date(raw, limits, None)
}

/// [`decode`] with a publication date known from outside the page (a feed item's date).
pub fn decode_with_date(
    raw: RawDocument,
    known: Option<chrono::NaiveDate>,
) -> Result<Document, IngestError> {
    decode_checked_with_date(raw, &DecodeLimits::default(), known).map(|l| l.document)
}

/// [`decode_checked`] with a publication date known from outside the page. The page's own
/// markup (`article:published_time`, `<time>`) wins, then `known`, then a date line of the
/// text: a feed's date is machine-written, a date line is read.
pub fn decode_checked_with_date(
    raw: RawDocument,
    limits: &DecodeLimits,
    known: Option<chrono::NaiveDate>,
) -> Result<Loaded, IngestError> {
    let path = raw.origin.to_string();
    if raw.bytes.is_empty() {
        return Err(IngestError::Empty { path });
    }
    let decoded = charset::decode_bytes(
        &raw.bytes,
        raw.declared_charset.as_deref(),
        raw.media_type == MediaType::Html,
        limits,
    )
    .map_err(|failure| match failure {
        charset::DecodeFailure::Binary => IngestError::Binary { path: path.clone() },
        charset::DecodeFailure::Undecodable(encoding) => IngestError::Undecodable {
            path: path.clone(),
            encoding: encoding.to_string(),
        },
    })?;

    let (title, body, markup_date) = match raw.media_type {
        MediaType::Html => {
            let parts = html::extract(&text::normalize_newlines(&decoded.text));
            (parts.title, parts.body, parts.published)
        }
        MediaType::Markdown => {
            let (title, body) = text::markdown(&decoded.text);
            (title, body, None)
        }
        MediaType::Text => {
            let (title, body) = text::plain(&decoded.text);
            (title, body, None)
        }
    };

    let title = title.as_deref().and_then(text::finalize_title);
    let body = text::finalize(&body);
    let text = match &title {
        // HTML: the title line leads the text unless the body already starts with it.
        Some(t) if raw.media_type == MediaType::Html && !body.starts_with(t.as_str()) => {
            if body.is_empty() {
                t.clone()
            } else {
                format!("{t}\n\n{body}")
            }
        }
        _ => body,
    };
    if text.trim().is_empty() {
        return Err(IngestError::Empty { path });
    }
    let published = markup_date
        .or(known)
        .or_else(|| published::find_published(&text));
    let content_hash = hex::encode(Sha256::digest(text.as_bytes()));
    let mut warnings = Vec::new();
    if decoded.replacements > 0 {
        warnings.push(DecodeWarning::InvalidBytes {
            path,
            replaced: decoded.replacements,
            encoding: decoded.encoding.name().to_string(),
        });
    }
    let document = Document {
        id: raw.id,
        origin: raw.origin,
        media_type: raw.media_type,
        encoding: decoded.encoding.name().to_string(),
        title,
        published,
        language: Language::detect(&text),
        text,
        content_hash,
    };
    Ok(Loaded { document, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use leakwatch_model::{DocId, Origin};

    fn raw(media_type: MediaType, bytes: &[u8]) -> RawDocument {
        RawDocument {
            id: DocId::from("t"),
            origin: Origin::Url {
                url: "https://example.jp/news/1".into(),
            },
            media_type,
            declared_charset: None,
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn a_known_date_yields_to_markup_and_beats_a_date_line() {
        let known = NaiveDate::from_ymd_opt(2025, 10, 6);
        let text = "お知らせ\n2025年10月1日\n本文です。";
        let doc = decode_with_date(raw(MediaType::Text, text.as_bytes()), known).unwrap();
        assert_eq!(doc.published, known);
        let html = r#"<html><head><meta property="article:published_time" content="2025-10-05T09:00:00+09:00"><title>見出し</title></head><body><p>本文です。</p></body></html>"#;
        let doc = decode_with_date(raw(MediaType::Html, html.as_bytes()), known).unwrap();
        assert_eq!(doc.published, NaiveDate::from_ymd_opt(2025, 10, 5));
        let doc =
            decode_with_date(raw(MediaType::Text, "見出し\n本文です。".as_bytes()), None).unwrap();
        assert_eq!(doc.published, None);
    }

    #[test]
    fn plain_text_document() {
        let body = "株式会社サンプル商事 お客様情報の流出に関するお詫び\r\n2025.10.29(水)\r\n\r\n　このたび、不正アクセスにより最大１２，３４５件の情報が流出した可能性があります。\r\n";
        let doc = decode(raw(MediaType::Text, body.as_bytes())).expect("decodes");
        assert_eq!(doc.encoding, "UTF-8");
        assert_eq!(
            doc.title.as_deref(),
            Some("株式会社サンプル商事 お客様情報の流出に関するお詫び")
        );
        assert_eq!(doc.published, NaiveDate::from_ymd_opt(2025, 10, 29));
        assert_eq!(doc.language, Language::Ja);
        assert!(
            doc.text
                .contains("\n\n このたび、不正アクセスにより最大12,345件"),
            "{}",
            doc.text
        );
        assert!(doc.text.starts_with("株式会社サンプル商事"));
        assert_eq!(doc.content_hash.len(), 64);
    }

    #[test]
    fn same_content_in_another_encoding_has_the_same_hash() {
        let body = "お客様情報の流出に関するお詫び\n当社は不正アクセスを受けました。\n";
        let utf8 = decode(raw(MediaType::Text, body.as_bytes())).expect("utf-8");
        let sjis_bytes = encoding_rs::SHIFT_JIS.encode(body).0.into_owned();
        let sjis = decode(raw(MediaType::Text, &sjis_bytes)).expect("sjis");
        assert_eq!(sjis.encoding, "Shift_JIS");
        assert_eq!(utf8.content_hash, sjis.content_hash);
        assert_eq!(utf8.text, sjis.text);
    }

    #[test]
    fn html_text_starts_with_the_title_line() {
        let html = "<html><head><title>不正アクセスのお知らせ</title></head><body><p>本文です。</p></body></html>";
        let doc = decode(raw(MediaType::Html, html.as_bytes())).expect("decodes");
        assert_eq!(doc.text, "不正アクセスのお知らせ\n\n本文です。");
        let html = "<html><head><title>お知らせ</title></head><body><h1>お知らせ</h1><p>本文です。</p></body></html>";
        let doc = decode(raw(MediaType::Html, html.as_bytes())).expect("decodes");
        assert_eq!(doc.text, "お知らせ\n\n本文です。");
    }

    #[test]
    fn declared_charset_from_http_is_used() {
        let body = "<html><body><p>ＥＵＣ－ＪＰで書かれた本文</p></body></html>";
        let mut r = raw(MediaType::Html, &encoding_rs::EUC_JP.encode(body).0);
        r.declared_charset = Some("euc-jp".into());
        let doc = decode(r).expect("decodes");
        assert_eq!(doc.encoding, "EUC-JP");
        assert_eq!(doc.text, "EUC-JPで書かれた本文");
    }

    #[test]
    fn empty_and_binary_inputs() {
        for bytes in [&b""[..], b"   \n\t\r\n", b"\xEF\xBB\xBF\n"] {
            assert!(matches!(
                decode(raw(MediaType::Text, bytes)),
                Err(IngestError::Empty { .. })
            ));
        }
        let html = b"<html><head><script>x()</script></head><body><nav>menu</nav></body></html>";
        assert!(matches!(
            decode(raw(MediaType::Html, html)),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            decode(raw(MediaType::Text, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")),
            Err(IngestError::Binary { .. })
        ));
    }
}
