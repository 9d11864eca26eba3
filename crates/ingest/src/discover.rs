//! Finding input files: explicit files as given, directories walked recursively for documents.

use crate::error::IngestError;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// File extensions (lower-case) kept when walking a directory.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "html", "htm", "md"];

/// Whether a path found inside a directory counts as a document, by extension (case-insensitive).
pub fn has_document_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| {
            DOCUMENT_EXTENSIONS
                .iter()
                .any(|known| e.eq_ignore_ascii_case(known))
        })
        .unwrap_or(false)
}

/// Expands `paths` into the files to ingest, in a deterministic order.
///
/// * A file given explicitly is kept whatever its extension.
/// * A directory is walked recursively, entries sorted by name, keeping only
///   `.txt`/`.html`/`.htm`/`.md` files (case-insensitive). Symlinks are followed, but a
///   directory already visited (a symlink loop, or the same tree reached twice) is skipped.
/// * A missing path is an `Err` naming it; so is a directory that cannot be listed.
/// * The same file reached twice is listed once.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<PathBuf, IngestError>> {
    let mut out = Vec::new();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    let mut seen_files: HashSet<PathBuf> = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Err(e) => out.push(Err(IngestError::from_io(path, e))),
            Ok(meta) if meta.is_dir() => {
                walk(path, &mut seen_dirs, &mut seen_files, &mut out);
            }
            Ok(_) => {
                if first_visit(path, &mut seen_files) {
                    out.push(Ok(path.clone()));
                }
            }
        }
    }
    out
}

/// True the first time a file (by canonical path) is seen.
fn first_visit(path: &Path, seen: &mut HashSet<PathBuf>) -> bool {
    let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    seen.insert(key)
}

/// Iterative depth-first walk (no recursion, so deep trees cannot overflow the stack). Entries
/// are visited in sorted order, so the files come out sorted by path.
fn walk(
    root: &Path,
    seen_dirs: &mut HashSet<PathBuf>,
    seen_files: &mut HashSet<PathBuf>,
    out: &mut Vec<Result<PathBuf, IngestError>>,
) {
    // Entries still to visit; children are pushed in reverse so they pop in sorted order.
    let mut stack = vec![root.to_path_buf()];
    while let Some(path) = stack.pop() {
        // Follows symlinks.
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                // A dangling symlink only matters if it looks like a document.
                if path == root || has_document_extension(&path) {
                    out.push(Err(IngestError::from_io(&path, e)));
                }
                continue;
            }
        };
        if meta.is_file() {
            if has_document_extension(&path) && first_visit(&path, seen_files) {
                out.push(Ok(path));
            }
            continue;
        }
        if !meta.is_dir() {
            continue; // sockets, fifos, devices: never documents
        }
        let canonical = match fs::canonicalize(&path) {
            Ok(c) => c,
            Err(e) => {
                out.push(Err(IngestError::from_io(&path, e)));
                continue;
            }
        };
        if !seen_dirs.insert(canonical) {
            continue; // a symlink loop, or a tree already walked
        }
        let entries = match fs::read_dir(&path) {
            Ok(rd) => rd,
            Err(e) => {
                out.push(Err(IngestError::from_io(&path, e)));
                continue;
            }
        };
        let mut children: Vec<PathBuf> = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => children.push(entry.path()),
                Err(e) => out.push(Err(IngestError::from_io(&path, e))),
            }
        }
        children.sort();
        stack.extend(children.into_iter().rev());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_case_insensitive() {
        assert!(has_document_extension(Path::new("a/B.TXT")));
        assert!(has_document_extension(Path::new("x.Html")));
        assert!(has_document_extension(Path::new("x.htm")));
        assert!(has_document_extension(Path::new("x.md")));
        assert!(!has_document_extension(Path::new("x.json")));
        assert!(!has_document_extension(Path::new("README")));
        assert!(!has_document_extension(Path::new("x.txt.bak")));
    }

    #[test]
    fn missing_path_is_an_error_naming_it() {
        let res = discover(&[PathBuf::from("/definitely/not/here.txt")]);
        assert_eq!(res.len(), 1);
        let err = res.into_iter().next().and_then(|r| r.err());
        let msg = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("/definitely/not/here.txt"), "{msg}");
    }
}
