//! Reading one file into a `RawDocument`: size check, id, media type; no decoding. Also the
//! bounded read of small side files (configuration, watchlist imports): regular files only,
//! never more than a limit, so `/dev/zero` or a FIFO can neither fill memory nor hang a run.

use crate::charset::DecodeLimits;
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
    /// How many invalid bytes a document may hold and still be kept.
    pub decode: DecodeLimits,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 20 * 1024 * 1024,
            decode: DecodeLimits::default(),
        }
    }
}

/// Why a small side file (configuration, import) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SmallFileError {
    /// (The I/O error is the source, shown after this message by error chains.)
    #[error("{path}: cannot be read")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a regular file ({kind}); refused")]
    NotRegular { path: String, kind: &'static str },
    #[error("{path}: larger than the {limit}-byte limit for this kind of file; refused")]
    TooLarge { path: String, limit: u64 },
    #[error("{path}: not UTF-8 text")]
    NotUtf8 { path: String },
}

/// What a path is, for messages.
fn file_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Reads a small UTF-8 side file: only a regular file (checked before it is opened, so a FIFO
/// never blocks the open, and again on the open handle), and never more than `max_bytes`.
pub fn read_small_file(path: &Path, max_bytes: u64) -> Result<String, SmallFileError> {
    let shown = || path.display().to_string();
    let io = |source| SmallFileError::Io {
        path: shown(),
        source,
    };
    let meta = fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(SmallFileError::NotRegular {
            path: shown(),
            kind: file_kind(&meta),
        });
    }
    if meta.len() > max_bytes {
        return Err(SmallFileError::TooLarge {
            path: shown(),
            limit: max_bytes,
        });
    }
    let file = fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(SmallFileError::NotRegular {
            path: shown(),
            kind: file_kind(&meta),
        });
    }
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(SmallFileError::TooLarge {
            path: shown(),
            limit: max_bytes,
        });
    }
    String::from_utf8(bytes).map_err(|_| SmallFileError::NotUtf8 { path: shown() })
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
    fn small_files_are_regular_and_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("c.toml");
        fs::write(&f, "a = 1\n").unwrap();
        assert_eq!(read_small_file(&f, 100).unwrap(), "a = 1\n");
        assert!(matches!(
            read_small_file(&f, 3),
            Err(SmallFileError::TooLarge { .. })
        ));
        assert!(matches!(
            read_small_file(dir.path(), 100),
            Err(SmallFileError::NotRegular { .. })
        ));
        // Issue 11 (9): /dev/zero is a device, refused before a byte is read.
        let err = read_small_file(Path::new("/dev/zero"), 100).unwrap_err();
        assert!(err.to_string().contains("device"), "{err}");
        fs::write(&f, b"\xff\xfe").unwrap();
        assert!(matches!(
            read_small_file(&f, 100),
            Err(SmallFileError::NotUtf8 { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !status.is_ok_and(|s| s.success()) {
            return; // no mkfifo here
        }
        let err = read_small_file(&fifo, 100).unwrap_err();
        assert!(err.to_string().contains("FIFO"), "{err}");
    }

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
