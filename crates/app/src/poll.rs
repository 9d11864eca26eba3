//! Poll use case: for each configured source, fetch what is new (sources crate), decode it
//! like a file (ingest), extract, plan and store it (the same steps as `ingest_paths`), and
//! save the source's state (validators, seen items, failures, health) in the store. One
//! failing source never stops the others, and one failing item never stops its source: an
//! item whose page cannot be fetched in full, decoded or stored is recorded with a retry time
//! (backing off, given up after the poll policy's last attempt) while the other items are
//! stored. Must not do HTTP or SQL itself.

use crate::progress::Progress;
use crate::AppError;
use leakwatch_extract::Extractor;
use leakwatch_model::hygiene::redact_text;
use leakwatch_model::Document;
use leakwatch_sources::{
    poll_source, Fetcher, PollPolicy, SourceKind, SourceSpec, SourceState, Validators,
};
use leakwatch_store::watch::{
    schedule_after, schedule_now, ItemFailureRow, SourceRow, SourceStateUpdate, WatchStore,
};
use leakwatch_store::{IngestOutcome, StoreError};
use serde::Serialize;
use std::time::Duration;

/// What one source's poll did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceReport {
    pub id: i64,
    pub name: String,
    pub url: String,
    /// The feed or page answered 304 Not Modified.
    pub not_modified: bool,
    pub items_in_feed: usize,
    /// Pages fetched this time.
    pub fetched: usize,
    pub new_documents: usize,
    /// Fetched pages whose content was already stored.
    pub skipped: usize,
    pub incidents_created: usize,
    pub incidents_merged: usize,
    /// Items (or pages) that could not be fetched or decoded, with the reason.
    pub failures: Vec<String>,
    /// The source itself failed (network, HTTP status, malformed feed).
    pub error: Option<String>,
    pub healthy: bool,
    /// This poll turned the source unhealthy.
    pub became_unhealthy: bool,
}

/// What a poll pass did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PollSummary {
    pub sources: Vec<SourceReport>,
}

impl PollSummary {
    pub fn new_documents(&self) -> usize {
        self.sources.iter().map(|s| s.new_documents).sum()
    }
    pub fn incidents_created(&self) -> usize {
        self.sources.iter().map(|s| s.incidents_created).sum()
    }
    pub fn incidents_merged(&self) -> usize {
        self.sources.iter().map(|s| s.incidents_merged).sum()
    }
    pub fn failed_sources(&self) -> usize {
        self.sources.iter().filter(|s| s.error.is_some()).count()
    }
}

/// A stored source as the sources crate sees it.
pub fn source_spec(row: &SourceRow) -> Result<SourceSpec, AppError> {
    let kind: SourceKind = row.kind.parse().map_err(|e: String| {
        AppError::Store(StoreError::Corrupt {
            message: format!("source {}: {e}", row.id),
        })
    })?;
    Ok(SourceSpec {
        id: row.id,
        name: row.name.clone(),
        kind,
        url: row.url.clone(),
        every: Duration::from_secs(row.every_secs.max(1)),
    })
}

fn source_state(
    store: &dyn WatchStore,
    row: &SourceRow,
    failures: &[ItemFailureRow],
) -> Result<SourceState, AppError> {
    let now = schedule_now();
    Ok(SourceState {
        validators: Validators {
            etag: row.etag.clone(),
            last_modified: row.last_modified.clone(),
        },
        seen: store.seen_items(row.id)?.into_iter().collect(),
        deferred: failures
            .iter()
            .filter(|f| {
                f.next_attempt_at
                    .as_deref()
                    .is_some_and(|t| t > now.as_str())
            })
            .map(|f| f.item_key.clone())
            .collect(),
        consecutive_failures: row.consecutive_failures,
        healthy: row.healthy,
        last_error: row.last_error.clone(),
    })
}

/// When a source is next due: its interval after the last poll (four times the interval while
/// it is unhealthy). Never polled: due now.
pub fn next_due(row: &SourceRow) -> Option<chrono::DateTime<chrono::Utc>> {
    let last = row
        .last_polled_at
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())?;
    let factor = if row.healthy { 1 } else { 4 };
    let every = chrono::Duration::seconds(
        row.every_secs.saturating_mul(factor).min(i64::MAX as u64) as i64,
    );
    Some(last.with_timezone(&chrono::Utc) + every)
}

/// Stores one decoded document the way `ingest_paths` does: skip known content, extract,
/// plan, store in one transaction. `None` when the content was already stored.
pub fn store_document(
    store: &mut dyn WatchStore,
    extractor: &Extractor,
    document: &Document,
) -> Result<Option<IngestOutcome>, AppError> {
    if store
        .document_key_by_hash(&document.content_hash)?
        .is_some()
    {
        return Ok(None);
    }
    let extraction = extractor.extract(document);
    let outcome = store.ingest_resolved(document, &extraction, &leakwatch_resolve::Resolver)?;
    Ok(outcome.new_document.then_some(outcome))
}

/// Polls the sources with these ids (all when `only` is None) once each.
/// How long a poll worker's claim on a source lasts when it is never released (a killed worker).
const CLAIM_LEASE: Duration = Duration::from_secs(15 * 60);

pub fn poll_sources(
    store: &mut dyn WatchStore,
    extractor: &Extractor,
    fetcher: &Fetcher,
    policy: &PollPolicy,
    only: Option<&[i64]>,
    progress: &dyn Progress,
) -> Result<PollSummary, AppError> {
    let rows: Vec<SourceRow> = store
        .sources()?
        .into_iter()
        .filter(|r| only.is_none_or(|ids| ids.contains(&r.id)))
        .collect();
    let mut summary = PollSummary::default();
    progress.start(rows.len() as u64);
    for row in rows {
        // Several poll workers on one database: each source is polled by the one that claims
        // it, with the state it has once claimed (another worker may just have polled it).
        if !store.claim_source(row.id, CLAIM_LEASE)? {
            progress.advance(&row.name);
            continue;
        }
        let Some(row) = store.sources()?.into_iter().find(|r| r.id == row.id) else {
            continue;
        };
        let spec = source_spec(&row)?;
        let previous_failures = store.item_failures(row.id)?;
        let state = source_state(store, &row, &previous_failures)?;
        let poll = poll_source(fetcher, &spec, &state, policy);
        let mut seen = poll.state.seen.clone();
        let mut failed: Vec<ItemFailureRow> = Vec::new();
        let mut cleared: Vec<String> = Vec::new();
        // Schedules the next try of a failed item (or gives up on it: then it is seen).
        let mut fail_item =
            |key: &str, reason: String, seen: &mut std::collections::BTreeSet<String>| {
                let attempts = previous_failures
                    .iter()
                    .find(|f| f.item_key == key)
                    .map_or(0, |f| f.attempts)
                    .saturating_add(1);
                let retry_in = policy.item_retry_in(attempts);
                if retry_in.is_some() {
                    seen.remove(key);
                } else {
                    seen.insert(key.to_string());
                }
                failed.push(ItemFailureRow {
                    item_key: key.to_string(),
                    attempts,
                    next_attempt_at: retry_in.map(schedule_after),
                    last_error: redact_text(&reason).into_owned(),
                });
            };
        let mut report = SourceReport {
            id: row.id,
            name: row.name.clone(),
            url: row.url.clone(),
            not_modified: poll.not_modified,
            items_in_feed: poll.items_in_feed,
            fetched: poll.documents.len(),
            error: poll.error.as_ref().map(|e| e.to_string()),
            healthy: poll.state.healthy,
            became_unhealthy: poll.became_unhealthy,
            ..SourceReport::default()
        };
        for failure in &poll.item_failures {
            report.failures.push(failure.error.to_string());
            // Permanent failures are already seen; transient ones wait for their retry time.
            if !failure.error.is_permanent() {
                fail_item(&failure.key, failure.error.to_string(), &mut seen);
            }
        }
        for item in poll.documents {
            let url = item.document.origin.to_string();
            let key = item.key.clone();
            let document = match leakwatch_ingest::decode_with_date(item.document, item.published) {
                Ok(d) => d,
                Err(e) => {
                    // Undecodable content does not change by asking again: stays seen.
                    report.failures.push(format!("{url}: {e}"));
                    cleared.push(key);
                    continue;
                }
            };
            // A document the store cannot take (too big for a row, a full disk…) fails alone:
            // the other items are stored, it is retried later.
            match store_document(store, extractor, &document) {
                Ok(Some(outcome)) => {
                    report.new_documents += 1;
                    report.incidents_created += outcome.created.len();
                    report.incidents_merged += outcome.merged.len();
                    cleared.push(key);
                }
                Ok(None) => {
                    report.skipped += 1;
                    cleared.push(key);
                }
                Err(e) => {
                    let reason = format!("{url}: cannot be stored: {e}");
                    report.failures.push(reason.clone());
                    fail_item(&key, reason, &mut seen);
                }
            }
        }
        if let Some(err) = &report.error {
            progress.message(&format!("source '{}': {err}", row.name));
        }
        for f in &report.failures {
            progress.message(&format!("source '{}': {f}", row.name));
        }
        store.index_pending()?;
        let st = &poll.state;
        store.save_source_state(
            row.id,
            &SourceStateUpdate {
                etag: st.validators.etag.clone(),
                last_modified: st.validators.last_modified.clone(),
                consecutive_failures: st.consecutive_failures,
                healthy: st.healthy,
                last_error: st
                    .last_error
                    .as_deref()
                    .map(|e| redact_text(e).into_owned()),
                seen: seen.difference(&state.seen).cloned().collect(),
                failures: failed,
                cleared: cleared
                    .into_iter()
                    .filter(|k| previous_failures.iter().any(|f| &f.item_key == k))
                    .collect(),
            },
        )?;
        store.release_source(row.id)?;
        progress.advance(&row.name);
        summary.sources.push(report);
    }
    progress.finish();
    Ok(summary)
}
