//! leakwatch interoperability with public breach datasets and threat-intel formats.
//!
//! Owns: reading the datasets (`vcdb` VERIS JSON, `hibp` breach list, `prc` Privacy Rights
//! Clearinghouse CSV, `ransomwatch` leak-site posts, any `csv` with a column map, our own
//! `jsonl`) into `ImportRecord`s — each becomes a synthetic document with one candidate that
//! goes through the normal resolution path (`record.rs`) — and writing stored incidents as
//! CSV, JSONL, VERIS 1.4, STIX 2.1 and MISP (`export/`). The vocabulary mappings are data
//! (`data/taxonomy.toml`, `taxonomy.rs`). Must not touch the database: the `app` crate reads
//! and writes through the `Store` trait and hands plain values to this crate.

pub mod csvmap;
pub mod export;
pub mod hibp;
pub mod jsonl;
pub mod prc;
pub mod ransomwatch;
pub mod record;
pub mod taxonomy;
pub mod text;
pub mod vcdb;

pub use record::{
    is_imported, restore_group, ImportRecord, SourceOverride, IMPORT_MARKER, RESTORE_RULE_PREFIX,
};
pub use taxonomy::Taxonomy;

use serde::Serialize;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Errors that stop reading a whole file (a bad record is a `Rejected`, not an error).
#[derive(Debug, thiserror::Error)]
pub enum InteropError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: over the size limit of {limit} bytes")]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{path}: not valid JSON: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
    #[error("--map {0}: expected COLUMN=FIELD with FIELD one of {fields}", fields = csvmap::FIELDS.join(", "))]
    BadMap(String),
    #[error("writing {what}: {message}")]
    Write { what: String, message: String },
}

/// The import formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    Vcdb,
    Hibp,
    Prc,
    Ransomwatch,
    Csv,
    Jsonl,
}

impl ImportFormat {
    pub const ALL: [ImportFormat; 6] = [
        ImportFormat::Vcdb,
        ImportFormat::Hibp,
        ImportFormat::Prc,
        ImportFormat::Ransomwatch,
        ImportFormat::Csv,
        ImportFormat::Jsonl,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Vcdb => "vcdb",
            ImportFormat::Hibp => "hibp",
            ImportFormat::Prc => "prc",
            ImportFormat::Ransomwatch => "ransomwatch",
            ImportFormat::Csv => "csv",
            ImportFormat::Jsonl => "jsonl",
        }
    }
}

impl FromStr for ImportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ImportFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown import format '{s}' (expected one of: vcdb, hibp, prc, ransomwatch, csv, jsonl)"
                )
            })
    }
}

/// A record that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    pub file: String,
    /// 1-based line of a CSV/JSONL row; for JSON arrays, None (see `record`).
    pub line: Option<u64>,
    /// The record's id or index when there is no line.
    pub record: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(r) = &self.record {
            write!(f, " [{r}]")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// What one file yielded.
#[derive(Debug, Default)]
pub struct Batch {
    pub records: Vec<ImportRecord>,
    pub rejected: Vec<Rejected>,
}

/// How to read.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// CSV column → leakwatch field (`--map column=field`).
    pub csv_map: Vec<(String, String)>,
    /// Per-file size limit in bytes.
    pub max_bytes: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            csv_map: Vec::new(),
            max_bytes: 256 * 1024 * 1024,
        }
    }
}

/// The files a path names for a format: the path itself, or for a directory every file with
/// the format's extensions (case-insensitive: VCDB has `.JSON` files), recursively, sorted.
pub fn discover(format: ImportFormat, path: &Path) -> Result<Vec<PathBuf>, InteropError> {
    let meta = std::fs::metadata(path).map_err(|source| InteropError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let exts: &[&str] = match format {
        ImportFormat::Vcdb | ImportFormat::Hibp | ImportFormat::Ransomwatch => &["json"],
        ImportFormat::Prc | ImportFormat::Csv => &["csv"],
        ImportFormat::Jsonl => &["jsonl"],
    };
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|source| InteropError::Io {
            path: dir.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| InteropError::Io {
                path: dir.clone(),
                source,
            })?;
            let p = entry.path();
            let ft = entry.file_type().map_err(|source| InteropError::Io {
                path: p.clone(),
                source,
            })?;
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() {
                let ext = p
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(|e| e.to_ascii_lowercase());
                if ext.is_some_and(|e| exts.contains(&e.as_str())) {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads a file's bytes within the size limit.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, InteropError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|source| InteropError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut buf = Vec::new();
    file.take(max_bytes + 1)
        .read_to_end(&mut buf)
        .map_err(|source| InteropError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if buf.len() as u64 > max_bytes {
        return Err(InteropError::TooLarge {
            path: path.to_path_buf(),
            limit: max_bytes,
        });
    }
    Ok(buf)
}

/// UTF-8 text of a file (a BOM dropped; invalid bytes replaced).
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, InteropError> {
    let bytes = read_bytes(path, max_bytes)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

/// Reads one file of a format.
pub fn read_file(
    format: ImportFormat,
    path: &Path,
    options: &ImportOptions,
) -> Result<Batch, InteropError> {
    match format {
        ImportFormat::Vcdb => vcdb::read_file(path, options.max_bytes),
        ImportFormat::Hibp => hibp::read_file(path, options.max_bytes),
        ImportFormat::Prc => prc::read_file(path, options.max_bytes),
        ImportFormat::Ransomwatch => ransomwatch::read_file(path, options.max_bytes),
        ImportFormat::Csv => csvmap::read_file(path, &options.csv_map, options.max_bytes),
        ImportFormat::Jsonl => jsonl::read_file(path, options.max_bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_print() {
        for f in ImportFormat::ALL {
            assert_eq!(f.as_str().parse::<ImportFormat>().unwrap(), f);
        }
        assert!("xml".parse::<ImportFormat>().is_err());
    }

    #[test]
    fn directories_are_walked_case_insensitively() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.json"), "{}").unwrap();
        std::fs::write(dir.path().join("b.JSON"), "{}").unwrap();
        std::fs::write(dir.path().join("c.txt"), "x").unwrap();
        let found = discover(ImportFormat::Vcdb, dir.path()).unwrap();
        assert_eq!(found.len(), 2);
    }
}
