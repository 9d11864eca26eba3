//! Managing what is watched, from any front end: feed/page sources and watchlist entries,
//! validated the same way as the CLI's `source add` and `watch add`.

use crate::AppError;
use leakwatch_sources::{parse_every, validate_url, SourceKind};
use leakwatch_store::watch::{NewSource, NewWatchRow, WatchStore};
use leakwatch_store::StoreError;
use leakwatch_watch::NewWatchEntry;

fn invalid(message: impl Into<String>) -> AppError {
    AppError::Store(StoreError::Invalid {
        message: message.into(),
    })
}

/// Adds a source of `kind` (`rss`, `atom`, `page`) at an http(s) `url`, polled `every`
/// (`30m`, `2h` …); named after the URL without credentials when `name` is None.
pub fn add_source(
    store: &mut dyn WatchStore,
    kind: &str,
    url: &str,
    name: Option<&str>,
    every: &str,
) -> Result<i64, AppError> {
    let kind: SourceKind = kind.parse().map_err(|e: String| invalid(e))?;
    let url = validate_url(url).map_err(|e| invalid(e.to_string()))?;
    let every = parse_every(every).map_err(invalid)?;
    let name = match name.map(str::trim) {
        Some(n) if !n.is_empty() => n.to_string(),
        Some(_) => return Err(invalid("the name must not be empty")),
        None => {
            let shown = leakwatch_model::hygiene::redact_url(&url);
            shown
                .split_once("://")
                .map_or(shown.as_str(), |(_, rest)| rest)
                .trim_start_matches("***@")
                .trim_end_matches('/')
                .to_string()
        }
    };
    Ok(store.add_source(&NewSource {
        name,
        kind: kind.as_str().to_string(),
        url,
        every_secs: every.as_secs(),
    })?)
}

/// Adds a validated watchlist entry.
pub fn add_watch(store: &mut dyn WatchStore, entry: NewWatchEntry) -> Result<i64, AppError> {
    let e = entry.validated().map_err(|e| invalid(e.to_string()))?;
    Ok(store.add_watch(&NewWatchRow {
        list: e.list.clone(),
        name: e.name.clone(),
        name_key: leakwatch_resolve::normalize_org_name(&e.name),
        aliases: e.aliases.clone(),
        domains: e.domains.clone(),
        kind: e.kind.as_str().to_string(),
    })?)
}
