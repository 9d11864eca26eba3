//! The ingest error type: one variant per reason a path or page could not become a `Document`.

use thiserror::Error;

/// Why a source could not be turned into a [`leakwatch_model::Document`].
///
/// Every variant carries the path (or URL) it concerns as a display string, so the message alone
/// tells the user which input failed and why.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The path does not exist (or is a dangling symlink).
    #[error("{path}: no such file or directory")]
    NotFound { path: String },

    /// The path exists but could not be read (permissions, I/O error, …).
    #[error("{path}: cannot be read: {source}")]
    Unreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },

    /// The file is bigger than the configured limit; it was not read.
    #[error("{path}: file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { path: String, size: u64, limit: u64 },

    /// No bytes at all, or no text left once markup and whitespace were removed.
    #[error("{path}: empty document (no text to read)")]
    Empty { path: String },

    /// The bytes look like a binary file (image, archive, executable…), not text.
    #[error("{path}: looks like a binary file, not a text document")]
    Binary { path: String },

    /// Decoding produced too many invalid characters to trust the text.
    #[error("{path}: cannot be decoded as text (tried {encoding}; too many invalid bytes)")]
    Undecodable { path: String, encoding: String },

    /// The path is a directory, device, socket or other thing that is not a document file.
    #[error("{path}: not a document file ({reason})")]
    NotADocument { path: String, reason: String },
}

impl IngestError {
    /// The path or URL the error is about.
    pub fn path(&self) -> &str {
        match self {
            IngestError::NotFound { path }
            | IngestError::Unreadable { path, .. }
            | IngestError::TooLarge { path, .. }
            | IngestError::Empty { path }
            | IngestError::Binary { path }
            | IngestError::Undecodable { path, .. }
            | IngestError::NotADocument { path, .. } => path,
        }
    }

    /// Builds `NotFound` or `Unreadable` from an I/O error on `path`.
    pub(crate) fn from_io(path: &std::path::Path, err: std::io::Error) -> Self {
        let path = path.display().to_string();
        if err.kind() == std::io::ErrorKind::NotFound {
            IngestError::NotFound { path }
        } else {
            IngestError::Unreadable { path, source: err }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_path_and_reason() {
        let e = IngestError::TooLarge {
            path: "a/b.txt".into(),
            size: 200,
            limit: 100,
        };
        let msg = e.to_string();
        assert!(msg.contains("a/b.txt") && msg.contains("200") && msg.contains("100"));
        assert_eq!(e.path(), "a/b.txt");

        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let e = IngestError::from_io(std::path::Path::new("x.txt"), io);
        assert!(matches!(e, IngestError::NotFound { .. }));
        assert_eq!(e.to_string(), "x.txt: no such file or directory");
    }
}
