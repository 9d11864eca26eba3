//! Use cases that wire the stages together — ingest paths into the store, extract files
//! statelessly, query incidents, accounts — so the CLI and the server call one function each
//! instead of growing their own copies of the pipeline.
//!
//! Owns orchestration, per-file error collection and progress reporting hooks. Must not parse
//! text, extract fields, or write SQL itself: each of those belongs to its stage crate.

pub mod accounts;
pub mod alerts;
pub mod database;
pub mod detail;
pub mod extract;
pub mod ingest;
pub mod interop;
pub mod manage;
pub mod parallel;
pub mod poll;
pub mod progress;
pub mod query;
pub mod reextract;
pub mod review;
pub mod train;

pub use database::{open_database, Database};
pub use detail::{incident_detail, IncidentDetail};
pub use extract::{extract_file, ExtractedFile};
pub use ingest::{
    ingest_bytes, ingest_paths, ingest_paths_with, FileFailure, IngestSummary, UploadOutcome,
};
pub use interop::{
    export_incidents, import_paths, stix_collection, stix_timestamp, DatedObject, ImportSummary,
};
pub use progress::{NoProgress, Progress};
pub use query::{incident_page, incidents, organization_view, report_input, IncidentPage};
pub use reextract::{reextract_all, ReextractSummary};
pub use review::{correct_field, correctable_fields, merge, split, Attribution};
pub use train::{load_gold_dir, train_models, TrainError};

/// Errors that stop a whole run (as opposed to a single bad file, which is collected and
/// reported while the run goes on).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] leakwatch_store::StoreError),
    #[error(transparent)]
    Resolve(#[from] leakwatch_resolve::ResolveError),
    #[error(transparent)]
    Ingest(#[from] leakwatch_ingest::IngestError),
}
