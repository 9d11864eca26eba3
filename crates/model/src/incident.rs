//! Incidents as stored: the headline value of every field, the evidence each stated value came
//! from, and the source documents. Also the query shapes the views ask the store for.

use crate::document::DocId;
use crate::extraction::{AffectedCount, RelatedOrg, Span};
use crate::record::DatesRecord;
use crate::vocab::{Cause, DataType};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A stored incident's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IncidentId(pub i64);

impl fmt::Display for IncidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A document an incident was read from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The store's key for the document.
    pub document_key: i64,
    pub doc_id: DocId,
    pub title: Option<String>,
    /// A path or URL.
    pub origin: String,
    pub published: Option<NaiveDate>,
}

/// One stated value of one field, with the sentence it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldEvidence {
    /// Schema field name (`affected_count`, `cause`, `dates.disclosed`, `data_types`, …).
    pub field: String,
    /// The value as displayed (`最大 450000 件`, `unauthorized_access`, `2025-09-10`).
    pub value: String,
    pub confidence: f32,
    pub rule: String,
    pub document_key: i64,
    pub doc_id: DocId,
    pub span: Option<Span>,
    pub sentence: Option<String>,
}

/// A stored incident: headline values plus their evidence and sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: IncidentId,
    pub organization: String,
    pub aliases: Vec<String>,
    pub related: Vec<RelatedOrg>,
    pub cause: Cause,
    pub affected: Option<AffectedCount>,
    pub data_volume: Option<String>,
    pub data_types: Vec<DataType>,
    pub card_data: bool,
    pub confirmed: bool,
    pub dates: DatesRecord,
    pub attacker: Option<String>,
    pub regulator_action: Option<String>,
    pub financial_impact_jpy: Option<u64>,
    /// The date the incident was first publicly reported: disclosed, else the earliest
    /// source's publication date. Reports and `--since/--until` use it.
    pub reported_on: Option<NaiveDate>,
    pub evidence: Vec<FieldEvidence>,
    pub sources: Vec<SourceRef>,
}

/// A line of `leakwatch list`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentSummary {
    pub id: IncidentId,
    pub organization: String,
    pub cause: Cause,
    pub affected: Option<AffectedCount>,
    pub card_data: bool,
    pub confirmed: bool,
    pub reported_on: Option<NaiveDate>,
    pub sources: usize,
}

/// What `leakwatch list` filters by. Empty filter: everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IncidentFilter {
    pub cause: Option<Cause>,
    /// Inclusive bounds on `reported_on`; incidents without a date are left out when a bound
    /// is set.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Substring of the organisation name or an alias (NFKC, case-insensitive).
    pub org: Option<String>,
    pub card_only: bool,
    pub limit: Option<usize>,
    /// Keyset paging: only the incidents listed after this one in the listing order (newest
    /// `reported_on` first, undated last, then by id).
    #[serde(default)]
    pub after: Option<ListPosition>,
}

/// A place in the incident listing: an incident's `reported_on` and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPosition {
    pub reported_on: Option<NaiveDate>,
    pub id: IncidentId,
}

/// A document that matched a search, with a snippet and the incidents read from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub document: SourceRef,
    pub snippet: String,
    pub incidents: Vec<IncidentSummary>,
}

/// What to do with one candidate incident of a document being stored: decided by the resolve
/// stage, carried out by the store in the same transaction as the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentPlan {
    /// Index into `Extraction::incidents`.
    pub candidate_index: usize,
    pub action: PlanAction,
    /// The incident's headline values after this candidate is applied.
    pub headline: crate::record::IncidentRecord,
    /// See `Incident::reported_on`.
    pub reported_on: Option<NaiveDate>,
    /// Why resolution decided so (stored with the source link, shown by `show`).
    pub reason: String,
    /// The incident's merge state after this candidate is applied (stored with the headline,
    /// so the next source merges without reading the earlier ones).
    pub summary: crate::summary::MergeSummary,
}

/// Create a new incident, or add the candidate as a source of an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", content = "incident", rename_all = "snake_case")]
pub enum PlanAction {
    Create,
    MergeInto(IncidentId),
}

/// An incident already stored, as resolution needs it: its headline, every source's candidate
/// and the analyst corrections that override extraction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnownIncident {
    pub id: IncidentId,
    pub headline: crate::record::IncidentRecord,
    pub reported_on: Option<NaiveDate>,
    pub sources: Vec<KnownSource>,
    pub corrections: Vec<Correction>,
}

/// One source of a known incident: the document's key and publication date, and what the
/// extractor read from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnownSource {
    pub document_key: i64,
    pub doc_id: DocId,
    pub published: Option<NaiveDate>,
    pub candidate: crate::extraction::CandidateIncident,
}

/// An analyst's correction of one field; it wins over extraction and survives re-extraction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// Schema field name (`affected_count`, `cause`, `organization`, `dates.disclosed`, …).
    pub field: String,
    /// The value as the analyst typed it (validated when applied).
    pub value: String,
    pub author: String,
    /// RFC 3339 timestamp.
    pub at: String,
    pub reason: String,
}

/// One dated entry of an incident's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEvent {
    pub date: NaiveDate,
    /// `occurred`, `detected`, `disclosed`, `reported_police`, `reported_ppc`,
    /// `attacker_claim`, `service_stopped`, `service_restored`, `regulator_action`, or `report`
    /// (a source document was published).
    pub kind: String,
    pub description: String,
    pub document_key: i64,
    pub doc_id: DocId,
}

impl Incident {
    /// The headline as a gold-schema record.
    pub fn to_record(&self) -> crate::record::IncidentRecord {
        let (affected_count, affected_qualifier, affected_unit) = match &self.affected {
            Some(a) => (Some(a.value), a.qualifier, Some(a.unit.clone())),
            None => (None, crate::vocab::CountQualifier::Unknown, None),
        };
        crate::record::IncidentRecord {
            organization: self.organization.clone(),
            aliases: self.aliases.clone(),
            related: self
                .related
                .iter()
                .map(|r| crate::record::RelatedRecord {
                    name: r.name.clone(),
                    role: r.role,
                })
                .collect(),
            cause: self.cause,
            affected_count,
            affected_qualifier,
            affected_unit,
            data_volume: self.data_volume.clone(),
            data_types: self.data_types.clone(),
            card_data: self.card_data,
            confirmed: self.confirmed,
            dates: self.dates.clone(),
            attacker: self.attacker.clone(),
            regulator_action: self.regulator_action.clone(),
            financial_impact_jpy: self.financial_impact_jpy,
        }
    }
}

/// The resolve stage as the store sees it: the store calls these inside its own transaction so
/// that looking up known incidents, deciding, and writing happen atomically. Implemented by
/// the resolve crate; the store never decides merges itself.
pub trait Resolution {
    /// The comparison key of one organisation name.
    fn name_key(&self, name: &str) -> String;
    /// The name keys a candidate is looked up by (normalised organisation name and aliases).
    fn candidate_keys(&self, candidate: &crate::extraction::CandidateIncident) -> Vec<String>;
    /// Every name key of an incident's headline (stored for later lookups).
    fn headline_keys(&self, headline: &crate::record::IncidentRecord) -> Vec<String>;
    /// Plans each candidate of `doc` (stored under `document_key`) against the incidents found
    /// by its keys. `pins` maps name keys to incidents an analyst fixed for this document
    /// (merge/split), which must win.
    fn plan(
        &self,
        doc: &crate::document::Document,
        document_key: i64,
        extraction: &crate::extraction::Extraction,
        known: &[crate::summary::IncidentState],
        pins: &[(String, IncidentId)],
    ) -> Result<Vec<IncidentPlan>, String>;
    /// The merge state of these sources (any order).
    fn summarize(&self, sources: &[KnownSource]) -> crate::summary::MergeSummary;
    /// The merge state of two disjoint sets of sources together (an analyst's merge).
    fn combine(
        &self,
        a: &crate::summary::MergeSummary,
        b: &crate::summary::MergeSummary,
    ) -> crate::summary::MergeSummary;
    /// An incident's headline and first-report date from its merge state and corrections.
    fn headline(
        &self,
        summary: &crate::summary::MergeSummary,
        corrections: &[Correction],
    ) -> Result<(crate::record::IncidentRecord, Option<NaiveDate>), String>;
}
