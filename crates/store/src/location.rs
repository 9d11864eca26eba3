//! Where a database lives, as the user names it (`--db`, `LEAKWATCH_DB`, `db =` in the config):
//! a file path means SQLite, `postgres://…` / `postgresql://…` means PostgreSQL, and any other
//! `scheme://…` is refused — never taken as a file name (which would silently create a
//! directory called `mysql:` holding an SQLite file).

use crate::error::StoreError;
use leakwatch_model::hygiene::redact_url;
use std::path::{Path, PathBuf};

/// A parsed database location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbLocation {
    /// An SQLite file (created with its parent directories when missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://` or `postgresql://`), kept verbatim.
    Postgres(String),
}

/// URL schemes that select PostgreSQL.
const POSTGRES_SCHEMES: [&str; 2] = ["postgres", "postgresql"];

/// URL schemes that name an SQLite file explicitly (`sqlite:///abs/path`, `sqlite://rel/path`).
const SQLITE_SCHEMES: [&str; 2] = ["sqlite", "file"];

impl DbLocation {
    /// Reads what the user gave. `scheme://` prefixes are matched case-insensitively; a path
    /// without `://` (including Windows drive paths such as `C:\db`) is an SQLite file.
    pub fn parse(given: &Path) -> Result<DbLocation, StoreError> {
        let Some(text) = given.to_str() else {
            // Not UTF-8: cannot be a URL.
            return Ok(DbLocation::Sqlite(given.to_path_buf()));
        };
        let Some(scheme) = url_scheme(text) else {
            return Ok(DbLocation::Sqlite(given.to_path_buf()));
        };
        let lower = scheme.to_ascii_lowercase();
        let rest = &text[scheme.len() + 3..];
        if POSTGRES_SCHEMES.contains(&lower.as_str()) {
            return Ok(DbLocation::Postgres(text.to_string()));
        }
        if SQLITE_SCHEMES.contains(&lower.as_str()) {
            if rest.is_empty() {
                return Err(StoreError::Unsupported {
                    url: redact_url(text),
                    reason: "no file path after the scheme".into(),
                });
            }
            return Ok(DbLocation::Sqlite(PathBuf::from(rest)));
        }
        Err(StoreError::Unsupported {
            url: redact_url(text),
            reason: format!(
                "the scheme '{scheme}' is not supported; use a file path (SQLite) or a \
                 postgres:// URL (PostgreSQL)"
            ),
        })
    }

    /// The location as it can be shown to a user: URL credentials redacted.
    pub fn display(&self) -> String {
        match self {
            DbLocation::Sqlite(path) => path.display().to_string(),
            DbLocation::Postgres(url) => redact_url(url),
        }
    }
}

/// The scheme of `text` when it starts like a URL: letters, digits, `+ - .` (starting with a
/// letter, at least two characters so `C://` drive paths stay paths) followed by `://`.
fn url_scheme(text: &str) -> Option<&str> {
    let end = text.find("://")?;
    let scheme = &text[..end];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && scheme.len() >= 2
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<DbLocation, StoreError> {
        DbLocation::parse(Path::new(s))
    }

    #[test]
    fn paths_are_sqlite_files() {
        assert_eq!(
            parse("leakwatch.db").unwrap(),
            DbLocation::Sqlite("leakwatch.db".into())
        );
        assert_eq!(
            parse("/tmp/a:b/x.db").unwrap(),
            DbLocation::Sqlite("/tmp/a:b/x.db".into())
        );
        assert_eq!(
            parse("C://x.db").unwrap(),
            DbLocation::Sqlite("C://x.db".into())
        );
        assert_eq!(
            parse("sqlite:///tmp/x.db").unwrap(),
            DbLocation::Sqlite("/tmp/x.db".into())
        );
    }

    #[test]
    fn postgres_urls_select_postgres() {
        for url in [
            "postgres://u@localhost/db",
            "postgresql://localhost:5432/db",
            "POSTGRES://h/db",
        ] {
            assert_eq!(parse(url).unwrap(), DbLocation::Postgres(url.to_string()));
        }
    }

    #[test]
    fn other_schemes_are_refused_with_credentials_redacted() {
        for url in ["mysql://root:hunter2@db/x", "http://x/y.db", "sqlite://"] {
            let err = parse(url).unwrap_err();
            let msg = err.to_string();
            assert!(
                matches!(err, StoreError::Unsupported { .. }),
                "{url}: {msg}"
            );
            assert!(!msg.contains("hunter2"), "{msg}");
        }
        assert!(parse("mysql://h/x")
            .unwrap_err()
            .to_string()
            .contains("'mysql' is not supported"));
    }

    #[test]
    fn display_redacts_passwords() {
        let loc = parse("postgres://lw:secret@localhost/db").unwrap();
        assert!(!loc.display().contains("secret"));
    }
}
