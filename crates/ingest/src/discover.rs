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

/// How directories are walked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiscoverOptions {
    /// Follow symbolic links found inside directories (`ingest --follow`, like ripgrep's
    /// `-L`); even then a link never leads outside the given roots.
    pub follow_links: bool,
}

/// Expands `paths` into the files to ingest, in a deterministic order, without following
/// symbolic links inside directories (see [`discover_with`]).
pub fn discover(paths: &[PathBuf]) -> Vec<Result<PathBuf, IngestError>> {
    discover_with(paths, &DiscoverOptions::default())
}

/// Expands `paths` into the files to ingest, in a deterministic order.
///
/// * A file given explicitly is kept whatever its extension (a link given explicitly is
///   followed: the user named it).
/// * A directory is walked recursively, entries sorted by name, keeping only
///   `.txt`/`.html`/`.htm`/`.md` files (case-insensitive). Symbolic links inside it are
///   skipped unless `options.follow_links`; followed links must resolve inside one of the
///   given roots (a link to `/etc/passwd` is reported and skipped), and a directory already
///   visited (a symlink loop, or the same tree reached twice) is skipped.
/// * A missing path is an `Err` naming it; so is a directory that cannot be listed.
/// * The same file reached twice is listed once.
pub fn discover_with(
    paths: &[PathBuf],
    options: &DiscoverOptions,
) -> Vec<Result<PathBuf, IngestError>> {
    let mut out = Vec::new();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    let mut seen_files: HashSet<PathBuf> = HashSet::new();
    let roots: Vec<PathBuf> = paths
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    let walk_ctx = Walk {
        follow_links: options.follow_links,
        roots: &roots,
    };
    for path in paths {
        match fs::metadata(path) {
            Err(e) => out.push(Err(IngestError::from_io(path, e))),
            Ok(meta) if meta.is_dir() => {
                walk(&walk_ctx, path, &mut seen_dirs, &mut seen_files, &mut out);
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

/// What a walk needs to know besides its position.
struct Walk<'a> {
    follow_links: bool,
    /// Canonical forms of every given path: followed links must stay below one of them.
    roots: &'a [PathBuf],
}

/// Iterative depth-first walk (no recursion, so deep trees cannot overflow the stack). Entries
/// are visited in sorted order, so the files come out sorted by path.
fn walk(
    ctx: &Walk<'_>,
    root: &Path,
    seen_dirs: &mut HashSet<PathBuf>,
    seen_files: &mut HashSet<PathBuf>,
    out: &mut Vec<Result<PathBuf, IngestError>>,
) {
    // Entries still to visit; children are pushed in reverse so they pop in sorted order.
    let mut stack = vec![root.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path != root {
            let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
            if is_link {
                if !ctx.follow_links {
                    continue; // not followed without --follow
                }
                match fs::canonicalize(&path) {
                    Ok(target) if ctx.roots.iter().any(|r| target.starts_with(r)) => {}
                    Ok(_) => {
                        out.push(Err(IngestError::NotADocument {
                            path: path.display().to_string(),
                            reason:
                                "symbolic link to a place outside the ingested folders; skipped"
                                    .into(),
                        }));
                        continue;
                    }
                    Err(_) => {} // dangling: reported below if it looks like a document
                }
            }
        }
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

    #[cfg(unix)]
    #[test]
    fn symlinks_are_not_followed_unless_asked_and_never_leave_the_roots() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        let outside = dir.path().join("outside");
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(root.join("a.txt"), "a").unwrap();
        fs::write(root.join("sub/b.txt"), "b").unwrap();
        fs::write(outside.join("secret.txt"), "s").unwrap();
        symlink(outside.join("secret.txt"), root.join("passwd.txt")).unwrap();
        symlink(&outside, root.join("elsewhere")).unwrap();
        symlink(root.join("sub/b.txt"), root.join("again.txt")).unwrap();
        let names = |found: &[Result<PathBuf, IngestError>]| -> Vec<String> {
            found
                .iter()
                .filter_map(|r| r.as_ref().ok())
                .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
                .collect()
        };
        // Issue 11 (10): by default no link is followed.
        let found = discover(std::slice::from_ref(&root));
        assert_eq!(names(&found), ["a.txt", "sub/b.txt"]);
        assert!(found.iter().all(|r| r.is_ok()));
        // --follow: links inside the root are followed, links out of it are reported.
        let found = discover_with(
            std::slice::from_ref(&root),
            &DiscoverOptions { follow_links: true },
        );
        assert_eq!(names(&found), ["a.txt", "again.txt"], "{found:?}");
        let refused: Vec<String> = found
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert_eq!(refused.len(), 2, "{refused:?}");
        assert!(refused.iter().all(|e| e.contains("outside")), "{refused:?}");
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
