//! Reading one file into a `RawDocument`: size check, id, media type; no decoding.

use crate::error::IngestError;
use leakwatch_model::{DocId, MediaType, Origin, RawDocument};
use std::fs;
use std::io::Read;
use std::path::Path;

/// Limits applied when reading inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes; bigger files are `TooLarge` and never read.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// Reads `path` into a [`RawDocument`], checking its size (from metadata) before reading.
///
/// The id is the file stem; the media type comes from the extension (`.html`/`.htm` → Html,
/// `.md`/`.markdown` → Markdown, else Text), and a file that starts like an HTML page
/// (`<!DOCTYPE html` / `<html`) is Html whatever its extension.
pub fn read_file(path: &Path, limits: &Limits) -> Result<RawDocument, IngestError> {
    let shown = || path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| IngestError::from_io(path, e))?;
    if meta.is_dir() {
        return Err(IngestError::NotADocument {
            path: shown(),
            reason: "it is a directory".into(),
        });
    }
    if !meta.is_file() {
        return Err(IngestError::NotADocument {
            path: shown(),
            reason: "it is not a regular file".into(),
        });
    }
    if meta.len() > limits.max_bytes {
        return Err(IngestError::TooLarge {
            path: shown(),
            size: meta.len(),
            limit: limits.max_bytes,
        });
    }
    let file = fs::File::open(path).map_err(|e| IngestError::from_io(path, e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Read at most one byte past the limit, in case the file grew since `metadata`.
    file.take(limits.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| IngestError::from_io(path, e))?;
    let size = bytes.len() as u64;
    if size > limits.max_bytes {
        return Err(IngestError::TooLarge {
            path: shown(),
            size,
            limit: limits.max_bytes,
        });
    }

    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(shown);
    let media_type = match media_type_from_extension(path) {
        MediaType::Text if looks_like_html(&bytes) => MediaType::Html,
        other => other,
    };
    Ok(RawDocument {
        id: DocId(id),
        origin: Origin::File {
            path: path.to_path_buf(),
        },
        media_type,
        declared_charset: None,
        bytes,
    })
}

/// The media type implied by a file name's extension (case-insensitive).
pub fn media_type_from_extension(path: &Path) -> MediaType {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml") => MediaType::Html,
        Some("md" | "markdown") => MediaType::Markdown,
        _ => MediaType::Text,
    }
}

/// Whether the bytes start (after a UTF-8 BOM and whitespace) with `<!DOCTYPE html` or `<html`.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + 64)];
    let starts = |prefix: &[u8]| {
        head.len() >= prefix.len() && head[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    starts(b"<!doctype html") || starts(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_limit_is_twenty_megabytes() {
        assert_eq!(Limits::default().max_bytes, 20 * 1024 * 1024);
    }

    #[test]
    fn media_type_from_extension_and_sniffing() {
        assert_eq!(
            media_type_from_extension(Path::new("a.HTM")),
            MediaType::Html
        );
        assert_eq!(
            media_type_from_extension(Path::new("a.md")),
            MediaType::Markdown
        );
        assert_eq!(
            media_type_from_extension(Path::new("a.txt")),
            MediaType::Text
        );
        assert_eq!(media_type_from_extension(Path::new("a")), MediaType::Text);
        assert!(looks_like_html(b"\xEF\xBB\xBF  <!DOCTYPE HTML><html>"));
        assert!(looks_like_html(b"\n<html lang=ja>"));
        assert!(!looks_like_html(b"<p>just a fragment</p>"));
        assert!(!looks_like_html(b""));
    }
}
