//! leakwatch sources: feeds (RSS 0.9x/1.0 RDF/2.0, Atom) and single pages fetched over polite,
//! correct HTTP and turned into `RawDocument`s for `leakwatch_ingest::decode`.
//!
//! Owns: the HTTP client policy (timeouts, bounded redirects with loop detection, conditional
//! GET, gzip, per-host delay, User-Agent, size limit, bounded retries with exponential backoff),
//! feed parsing, and the per-source poll step whose state (validators, seen items, failure
//! counts, health) is passed in and out as plain values. Must not touch: the database, decoding
//! or extraction — the caller stores the state and hands each document to the ingest stage.

pub mod error;
pub mod feed;
pub mod http;
pub mod poll;

pub use error::FetchError;
pub use feed::{parse_feed, FeedItem};
pub use http::{
    charset_from_content_type, validate_url, Fetched, Fetcher, HttpConfig, Response, Validators,
    USER_AGENT,
};
pub use poll::{
    doc_id_for_url, parse_every, poll_source, FetchedItem, ItemFailure, PollPolicy, SourceKind,
    SourcePoll, SourceSpec, SourceState,
};
