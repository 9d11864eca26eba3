//! Re-extraction: runs the current extractor over every stored document (e.g. after an
//! extractor upgrade) and re-resolves, keeping incident ids, analyst corrections and pins.
//! Being the after-an-upgrade pass over every document, it also completes what a schema
//! upgrade left to fill (PostgreSQL's short search terms of documents stored before them).

use crate::progress::Progress;
use crate::AppError;
use leakwatch_extract::Extractor;
use leakwatch_resolve::Resolver;
use leakwatch_store::Store;
use serde::Serialize;

/// What a re-extraction run changed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReextractSummary {
    pub documents: usize,
    /// Documents whose set of incidents changed.
    pub changed: usize,
    pub incidents_created: usize,
    pub incidents_removed: usize,
    /// Documents whose short search terms were recorded first (PostgreSQL databases that held
    /// documents when the table of short terms was added; 0 otherwise).
    pub short_terms_documents: u64,
}

/// Re-extracts every stored document, one transaction per document.
pub fn reextract_all(
    store: &mut dyn Store,
    extractor: &Extractor,
    progress: &dyn Progress,
) -> Result<ReextractSummary, AppError> {
    let mut summary = ReextractSummary {
        short_terms_documents: store.complete_short_terms()?,
        ..ReextractSummary::default()
    };
    let keys = store.document_keys()?;
    progress.start(keys.len() as u64);
    for key in keys {
        let doc = store.stored_document(key)?;
        // An imported record's candidate came from its dataset, not from prose: kept as is.
        if leakwatch_interop::is_imported(&doc) {
            progress.advance(&doc.id.0);
            continue;
        }
        let extraction = extractor.extract(&doc);
        let outcome = store.reextract_document(key, &extraction, &Resolver)?;
        summary.documents += 1;
        if outcome.before != outcome.after {
            summary.changed += 1;
        }
        summary.incidents_created += outcome.created.len();
        summary.incidents_removed += outcome.removed.len();
        progress.advance(&doc.id.0);
    }
    progress.finish();
    Ok(summary)
}
