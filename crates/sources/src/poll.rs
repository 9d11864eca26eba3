//! One poll of one source: conditional GET of the feed (or page), parse, fetch each new item's
//! page into a `RawDocument`, and the updated state (validators, seen keys, failures, health).
//! A failing source is reported in its `SourcePoll`, never as a panic or a run-stopping error.

use crate::error::FetchError;
use crate::feed::parse_feed;
use crate::http::{charset_from_content_type, Fetched, Fetcher, Response, Validators};
use leakwatch_model::{DocId, MediaType, Origin, RawDocument};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// What a source URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Rss,
    Atom,
    Page,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Rss => "rss",
            SourceKind::Atom => "atom",
            SourceKind::Page => "page",
        }
    }

    pub fn is_feed(self) -> bool {
        !matches!(self, SourceKind::Page)
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SourceKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "rss" => Ok(SourceKind::Rss),
            "atom" => Ok(SourceKind::Atom),
            "page" => Ok(SourceKind::Page),
            other => Err(format!(
                "unknown source kind '{other}' (expected rss, atom or page)"
            )),
        }
    }
}

/// A configured source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSpec {
    pub id: i64,
    pub name: String,
    pub kind: SourceKind,
    pub url: String,
    /// How often `poll` (without `--once`) visits it.
    pub every: Duration,
}

/// What is remembered about a source between polls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceState {
    pub validators: Validators,
    /// Keys (absolute links) of feed items already fetched: never fetched twice.
    pub seen: BTreeSet<String>,
    /// Keys of items that failed earlier and whose retry time has not come: skipped this
    /// poll (their schedule is kept by the caller).
    pub deferred: BTreeSet<String>,
    pub consecutive_failures: u32,
    pub healthy: bool,
    pub last_error: Option<String>,
}

impl Default for SourceState {
    fn default() -> Self {
        SourceState {
            validators: Validators::default(),
            seen: BTreeSet::new(),
            deferred: BTreeSet::new(),
            consecutive_failures: 0,
            healthy: true,
            last_error: None,
        }
    }
}

/// Limits of one poll.
#[derive(Debug, Clone, Copy)]
pub struct PollPolicy {
    /// A source failing this many polls in a row is marked unhealthy (it is still polled).
    pub unhealthy_after: u32,
    /// At most this many new items are fetched per poll; the rest wait for the next one.
    pub max_items: usize,
    /// A failed item (fetch, decode or store) is tried again after this, doubled per attempt…
    pub item_retry_base: Duration,
    /// …up to this…
    pub item_retry_max: Duration,
    /// …and given up (marked seen) after this many attempts.
    pub item_max_attempts: u32,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            unhealthy_after: 3,
            max_items: 50,
            item_retry_base: Duration::from_secs(15 * 60),
            item_retry_max: Duration::from_secs(24 * 3600),
            item_max_attempts: 5,
        }
    }
}

impl PollPolicy {
    /// How long after its `attempts`-th failure an item is tried again; None: give up.
    pub fn item_retry_in(&self, attempts: u32) -> Option<Duration> {
        if attempts >= self.item_max_attempts {
            return None;
        }
        let factor = 1u32 << attempts.saturating_sub(1).min(16);
        Some(
            self.item_retry_base
                .saturating_mul(factor)
                .min(self.item_retry_max),
        )
    }
}

/// A fetched page, ready for `leakwatch_ingest::decode`.
#[derive(Debug, Clone)]
pub struct FetchedItem {
    /// The key to add to `SourceState::seen` once the document is stored.
    pub key: String,
    pub title: Option<String>,
    pub document: RawDocument,
    /// The feed item's date, for a page that states none (`ingest::decode_with_date`).
    pub published: Option<chrono::NaiveDate>,
}

/// A feed item whose page could not be fetched.
#[derive(Debug, Clone)]
pub struct ItemFailure {
    pub key: String,
    pub error: FetchError,
}

/// The result of polling one source.
#[derive(Debug, Clone)]
pub struct SourcePoll {
    /// The state to store after the documents are ingested.
    pub state: SourceState,
    /// The feed or page answered 304.
    pub not_modified: bool,
    /// Items listed by the feed (0 for pages).
    pub items_in_feed: usize,
    pub documents: Vec<FetchedItem>,
    pub item_failures: Vec<ItemFailure>,
    /// The source itself failed (fetch or parse).
    pub error: Option<FetchError>,
    /// This poll turned a healthy source unhealthy.
    pub became_unhealthy: bool,
}

/// Parses a schedule like `30m`, `2h`, `90s`, `1d` (a bare number is minutes).
pub fn parse_every(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("invalid interval '{text}' (expected e.g. 30m, 2h, 90s, 1d)"))?;
    let secs = match unit.trim() {
        "s" | "sec" => n,
        "" | "m" | "min" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => {
            return Err(format!(
                "invalid interval unit in '{text}' (use s, m, h or d)"
            ))
        }
    };
    if secs == 0 {
        return Err(format!("interval '{text}' must be positive"));
    }
    Ok(Duration::from_secs(secs))
}

/// A document id for a fetched page: a slug of host and path plus a short hash of the URL.
pub fn doc_id_for_url(url: &str) -> DocId {
    let stripped = url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(url)
        .trim_end_matches('/');
    let mut slug = String::new();
    for c in stripped.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let hash = hex::encode(Sha256::digest(url.as_bytes()));
    DocId(format!("{}-{}", slug.trim_matches('-'), &hash[..8]))
}

fn media_type_for(content_type: Option<&str>) -> MediaType {
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match mime.as_str() {
        "text/plain" => MediaType::Text,
        "text/markdown" => MediaType::Markdown,
        _ => MediaType::Html,
    }
}

fn document_from(resp: Response) -> RawDocument {
    RawDocument {
        id: doc_id_for_url(&resp.url),
        declared_charset: resp
            .content_type
            .as_deref()
            .and_then(charset_from_content_type),
        media_type: media_type_for(resp.content_type.as_deref()),
        origin: Origin::Url { url: resp.url },
        bytes: resp.body,
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Polls `spec` once. Never fails as a whole: problems are in the returned `SourcePoll`.
pub fn poll_source(
    fetcher: &Fetcher,
    spec: &SourceSpec,
    state: &SourceState,
    policy: &PollPolicy,
) -> SourcePoll {
    let mut out = SourcePoll {
        state: state.clone(),
        not_modified: false,
        items_in_feed: 0,
        documents: Vec::new(),
        item_failures: Vec::new(),
        error: None,
        became_unhealthy: false,
    };
    match fetch_source(fetcher, spec, state, policy, &mut out) {
        Ok(()) => {
            out.state.consecutive_failures = 0;
            out.state.healthy = true;
            out.state.last_error = None;
        }
        Err(err) => {
            out.state.consecutive_failures = state.consecutive_failures.saturating_add(1);
            out.state.last_error = Some(err.to_string());
            out.state.healthy = out.state.consecutive_failures < policy.unhealthy_after.max(1);
            out.became_unhealthy = state.healthy && !out.state.healthy;
            out.error = Some(err);
        }
    }
    out
}

fn fetch_source(
    fetcher: &Fetcher,
    spec: &SourceSpec,
    state: &SourceState,
    policy: &PollPolicy,
    out: &mut SourcePoll,
) -> Result<(), FetchError> {
    let resp = match fetcher.get(&spec.url, &state.validators)? {
        Fetched::NotModified { .. } => {
            out.not_modified = true;
            return Ok(());
        }
        Fetched::Ok(resp) => resp,
    };
    let new_validators = resp.validators.clone();
    if !spec.kind.is_feed() {
        out.documents.push(FetchedItem {
            key: spec.url.clone(),
            title: None,
            document: document_from(resp),
            published: None,
        });
        out.state.validators = new_validators;
        return Ok(());
    }
    let items = parse_feed(&resp.body, &resp.url).map_err(|message| FetchError::Feed {
        url: spec.url.clone(),
        message,
    })?;
    out.items_in_feed = items.len();
    let mut fetched = 0usize;
    // Items left for a later poll (over the per-poll limit, or failed transiently): the feed
    // must then be fetched in full next time, so its validators are not kept.
    let mut left_over = false;
    for item in items {
        if state.seen.contains(&item.key) || out.state.seen.contains(&item.key) {
            continue;
        }
        if state.deferred.contains(&item.key) {
            // Waiting for its retry time: the feed must be read in full again next time.
            left_over = true;
            continue;
        }
        if fetched >= policy.max_items {
            left_over = true;
            break;
        }
        fetched += 1;
        let result = match (&item.link, &item.content) {
            (Some(link), _) => match fetcher.get(link, &Validators::default()) {
                Ok(Fetched::Ok(page)) => Ok(document_from(page)),
                Ok(Fetched::NotModified { url }) => Err(FetchError::HttpStatus {
                    url,
                    status: 304,
                    attempts: 1,
                }),
                Err(e) => Err(e),
            },
            // An entry without a link: its inline content is the document.
            (None, Some(content)) => {
                let body = format!(
                    "<html><head><meta charset=\"utf-8\"><title>{}</title></head><body>{}</body></html>",
                    escape_html(item.title.as_deref().unwrap_or("")),
                    content
                );
                Ok(RawDocument {
                    id: doc_id_for_url(&format!("{}#{}", spec.url, item.key)),
                    origin: Origin::Url {
                        url: spec.url.clone(),
                    },
                    media_type: MediaType::Html,
                    declared_charset: Some("utf-8".into()),
                    bytes: body.into_bytes(),
                })
            }
            (None, None) => {
                out.state.seen.insert(item.key);
                continue;
            }
        };
        match result {
            Ok(document) => out.documents.push(FetchedItem {
                key: item.key.clone(),
                title: item.title,
                document,
                published: item.published,
            }),
            Err(error) => {
                // Permanent failures are never retried; transient ones wait for the next poll.
                if error.is_permanent() {
                    out.state.seen.insert(item.key.clone());
                } else {
                    left_over = true;
                }
                out.item_failures.push(ItemFailure {
                    key: item.key,
                    error,
                });
            }
        }
    }
    // Fetched items become "seen" in the state the caller stores after ingesting them.
    for doc in &out.documents {
        out.state.seen.insert(doc.key.clone());
    }
    out.state.validators = if left_over {
        Validators::default()
    } else {
        new_validators
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_parse() {
        assert_eq!(parse_every("30m").unwrap(), Duration::from_secs(1800));
        assert_eq!(parse_every("2h").unwrap(), Duration::from_secs(7200));
        assert_eq!(parse_every("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_every("15").unwrap(), Duration::from_secs(900));
        assert!(parse_every("0m").is_err());
        assert!(parse_every("soon").is_err());
        assert!(parse_every("5y").is_err());
    }

    #[test]
    fn item_retries_back_off_then_give_up() {
        let p = PollPolicy::default();
        assert_eq!(p.item_retry_in(1), Some(Duration::from_secs(900)));
        assert_eq!(p.item_retry_in(2), Some(Duration::from_secs(1800)));
        assert_eq!(p.item_retry_in(4), Some(Duration::from_secs(7200)));
        assert_eq!(p.item_retry_in(5), None);
        let long = PollPolicy {
            item_max_attempts: 40,
            ..p
        };
        assert_eq!(long.item_retry_in(30), Some(long.item_retry_max));
    }

    #[test]
    fn doc_ids_are_slugs_with_a_hash() {
        let id = doc_id_for_url("https://www.example.co.jp/news/2025/1101.html");
        assert!(id.0.starts_with("www-example-co-jp-news-2025-1101-html-"));
        assert_ne!(
            id,
            doc_id_for_url("https://www.example.co.jp/news/2025/1102.html")
        );
    }

    #[test]
    fn media_type_follows_content_type() {
        assert_eq!(
            media_type_for(Some("text/plain; charset=utf-8")),
            MediaType::Text
        );
        assert_eq!(media_type_for(Some("text/html")), MediaType::Html);
        assert_eq!(media_type_for(None), MediaType::Html);
    }
}
