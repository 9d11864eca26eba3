//! Documents: raw bytes with their origin (`RawDocument`), and the decoded, cleaned, normalised
//! text that extraction reads (`Document`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// A document's short, human-facing id: the file stem for files (the gold schema's `doc_id`),
/// a slug of the URL for fetched pages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for DocId {
    fn from(s: &str) -> Self {
        DocId(s.to_string())
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    File { path: PathBuf },
    Url { url: String },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File { path } => write!(f, "{}", path.display()),
            Origin::Url { url } => f.write_str(url),
        }
    }
}

/// What kind of markup the bytes are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaType {
    Text,
    Markdown,
    Html,
}

impl MediaType {
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Text => "text",
            MediaType::Markdown => "markdown",
            MediaType::Html => "html",
        }
    }
}

/// Bytes as read from a source, before decoding.
#[derive(Debug, Clone)]
pub struct RawDocument {
    pub id: DocId,
    pub origin: Origin,
    pub media_type: MediaType,
    /// A charset declared outside the bytes (an HTTP `Content-Type`), if any.
    pub declared_charset: Option<String>,
    pub bytes: Vec<u8>,
}

/// Text language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Ja,
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Ja => "ja",
            Language::En => "en",
        }
    }

    /// Japanese when a meaningful share of characters are kana or kanji, else English.
    pub fn detect(text: &str) -> Language {
        let mut japanese = 0usize;
        let mut letters = 0usize;
        for c in text.chars().take(20_000) {
            // Kana and kanji are checked first: `is_alphabetic` on them takes a slow table
            // lookup, and they are most of a Japanese text.
            if matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF) {
                // The two kana-block punctuation marks are not letters.
                if !matches!(c, '・' | '゠') {
                    letters += 1;
                    japanese += 1;
                }
            } else if matches!(c as u32, 0x3000..=0x303F) {
                // CJK punctuation (、。「」): common, never letters, skip the table lookup.
            } else if c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic()) {
                letters += 1;
            }
        }
        if letters > 0 && japanese * 10 >= letters {
            Language::Ja
        } else {
            Language::En
        }
    }
}

/// A decoded, cleaned document. `text` is NFKC-normalised; every evidence span is a byte range
/// into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocId,
    pub origin: Origin,
    pub media_type: MediaType,
    /// The encoding the bytes were decoded from (e.g. `UTF-8`, `Shift_JIS`, `EUC-JP`).
    pub encoding: String,
    pub title: Option<String>,
    /// The document's own publication date, when it states one.
    pub published: Option<NaiveDate>,
    pub language: Language,
    pub text: String,
    /// Hex SHA-256 of `text`: the same content ingested twice is recognised by it.
    pub content_hash: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_japanese_and_english() {
        assert_eq!(
            Language::detect("株式会社サンプルは不正アクセスを公表した。"),
            Language::Ja
        );
        assert_eq!(
            Language::detect("Example Corp disclosed a data breach affecting 1,000 users."),
            Language::En
        );
        assert_eq!(
            Language::detect("ACME社 data breach: 個人情報が流出"),
            Language::Ja
        );
    }
}
