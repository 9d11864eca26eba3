//! leakwatch's domain types: the values that pass between stages.
//!
//! Owns: `RawDocument` → `Document` → `Extraction` (candidate incidents whose every field carries
//! evidence and confidence) → `Incident` (as stored), plus the gold-schema record shape that
//! `leakwatch extract --format jsonl` prints. Must not touch: files, network, databases, clocks —
//! this crate does no I/O, so every stage can depend on it and nothing else.

pub mod document;
pub mod extraction;
pub mod hygiene;
pub mod incident;
pub mod org;
pub mod record;
pub mod summary;
pub mod vocab;

pub use document::{DocId, Document, Language, MediaType, Origin, RawDocument};
pub use extraction::{
    AffectedCount, CandidateIncident, DateKind, DatedEvent, Evidence, Extraction, Field,
    RelatedOrg, Span, StatedValue, TraceNote,
};
pub use incident::{
    Correction, FieldEvidence, Incident, IncidentFilter, IncidentId, IncidentPlan, IncidentSummary,
    KnownIncident, KnownSource, ListPosition, PlanAction, Resolution, SearchHit, SourceRef,
    TimelineEvent,
};
pub use org::{AuditEntry, IndirectIncident, Organization, OrganizationView};
pub use record::{DatesRecord, DocumentRecord, IncidentRecord, RelatedRecord};
pub use summary::{CauseTally, IncidentState, MergeSummary, Placed, SourcePos};
pub use vocab::{Cause, CountQualifier, DataType, ParseLabelError, RelationRole};
