//! Resolution: turns a document's candidate incidents into a plan for the store — create a new
//! incident, or merge into an existing one — with the headline values and the reason.
//!
//! Owns the same-incident decision (names compared with `leakwatch_jatext::normalize_org_name`), the merge rules (as data,
//! in `merge::MERGE_RULES`), analyst corrections and timelines. Must not touch files, the
//! network or the database: known incidents reach it as plain values, and its output is an
//! `IncidentPlan` the store carries out.

pub mod matching;
pub mod merge;
pub mod summary;
pub mod timeline;

pub use leakwatch_jatext::normalize_org_name;
pub use matching::{candidate_keys, known_keys, match_candidate, MatchDecision};
pub use merge::{
    conflicts, merge_headline, validate_correction, Conflict, MergeRule, SourceView,
    CORRECTABLE_FIELDS, MERGE_RULES,
};
pub use timeline::build_timeline;

use chrono::NaiveDate;
use leakwatch_model::{
    CandidateIncident, Correction, DateKind, Document, Extraction, IncidentId, IncidentPlan,
    IncidentRecord, IncidentState, KnownIncident, KnownSource, MergeSummary, PlanAction,
    Resolution,
};

/// Resolution errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("an incident needs at least one source")]
    NoSources,
    #[error("invalid value '{value}' for {field}: expected {expected}")]
    InvalidValue {
        field: String,
        value: String,
        expected: String,
    },
    #[error("unknown field '{field}' (correctable fields: {expected})")]
    UnknownField { field: String, expected: String },
}

impl ResolveError {
    pub(crate) fn invalid(field: &str, value: &str, expected: &str) -> Self {
        ResolveError::InvalidValue {
            field: field.to_string(),
            value: value.to_string(),
            expected: expected.to_string(),
        }
    }
}

/// The date an incident counts as first publicly reported: its disclosed date, else the
/// publication date of the earliest document that reported it.
pub fn reported_on(
    disclosed: Option<NaiveDate>,
    published: Option<NaiveDate>,
) -> Option<NaiveDate> {
    disclosed.or(published)
}

/// The earliest report date a source gives for its candidate: a stated `Reported` date (an
/// item's own date in a roundup), else the document's publication date.
pub(crate) fn source_report_date(
    candidate: &CandidateIncident,
    published: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let stated = candidate
        .dates
        .iter()
        .filter(|d| d.value.kind == DateKind::Reported)
        .map(|d| d.value.date)
        .min();
    match (stated, published) {
        (Some(s), Some(p)) => Some(s.min(p)),
        (s, p) => s.or(p),
    }
}

/// Plans every candidate of a document as a new incident (no cross-document matching).
pub fn plan_new_incidents(doc: &Document, extraction: &Extraction) -> Vec<IncidentPlan> {
    plan_document(doc, 0, extraction, &[]).unwrap_or_default()
}

/// The resolve stage behind the store's `Resolution` callback.
#[derive(Debug, Clone, Copy, Default)]
pub struct Resolver;

impl Resolution for Resolver {
    fn name_key(&self, name: &str) -> String {
        normalize_org_name(name)
    }

    fn candidate_keys(&self, candidate: &CandidateIncident) -> Vec<String> {
        candidate_keys(candidate)
    }

    fn headline_keys(&self, headline: &IncidentRecord) -> Vec<String> {
        let mut keys = Vec::new();
        for name in std::iter::once(&headline.organization).chain(headline.aliases.iter()) {
            let k = normalize_org_name(name);
            if k.chars().count() >= 2 && !keys.contains(&k) {
                keys.push(k);
            }
        }
        keys
    }

    fn plan(
        &self,
        doc: &Document,
        document_key: i64,
        extraction: &Extraction,
        known: &[IncidentState],
        pins: &[(String, IncidentId)],
    ) -> Result<Vec<IncidentPlan>, String> {
        plan_document_pinned(doc, document_key, extraction, known, pins).map_err(|e| e.to_string())
    }

    fn summarize(&self, sources: &[KnownSource]) -> MergeSummary {
        summarize_sources(sources)
    }

    fn combine(&self, a: &MergeSummary, b: &MergeSummary) -> MergeSummary {
        summary::combine(a, b)
    }

    fn headline(
        &self,
        summary: &MergeSummary,
        corrections: &[Correction],
    ) -> Result<(IncidentRecord, Option<NaiveDate>), String> {
        summary::finish(summary, corrections).map_err(|e| e.to_string())
    }
}

/// The merge state of stored sources. Sources of one document are told apart by their order
/// in `sources` (as the store lists them: by document, then candidate).
pub fn summarize_sources(sources: &[KnownSource]) -> MergeSummary {
    let mut state = MergeSummary::default();
    let mut previous: Option<i64> = None;
    let mut index = 0usize;
    for s in sources {
        index = if previous == Some(s.document_key) {
            index + 1
        } else {
            0
        };
        previous = Some(s.document_key);
        let pos = summary::source_pos(s.published, s.document_key, index);
        summary::absorb(&mut state, &s.candidate, s.published, pos);
    }
    state
}

/// A known incident (with every source) as planning sees it.
pub fn incident_state(k: &KnownIncident) -> IncidentState {
    let summary = summarize_sources(&k.sources);
    IncidentState {
        id: k.id,
        headline: k.headline.clone(),
        reported_on: k.reported_on,
        keys: known_keys(k),
        summary,
        corrections: k.corrections.clone(),
    }
}

/// Plans every candidate of `doc` (stored as `document_key`): merged into the best-matching
/// `known` incident (same victim, compatible event) or created. Headline values follow
/// `MERGE_RULES`, then corrections.
pub fn plan_document(
    doc: &Document,
    document_key: i64,
    extraction: &Extraction,
    known: &[IncidentState],
) -> Result<Vec<IncidentPlan>, ResolveError> {
    plan_document_pinned(doc, document_key, extraction, known, &[])
}

/// `plan_document` where `pins` (name key → incident, set by an analyst's merge or split for
/// this document) override matching. Each merge adds the candidate to the incident's merge
/// state: constant work however many sources the incident has.
pub fn plan_document_pinned(
    doc: &Document,
    document_key: i64,
    extraction: &Extraction,
    known: &[IncidentState],
    pins: &[(String, IncidentId)],
) -> Result<Vec<IncidentPlan>, ResolveError> {
    let mut plans = Vec::new();
    let mut taken: Vec<IncidentId> = Vec::new();
    for (index, candidate) in extraction.incidents.iter().enumerate() {
        let keys = candidate_keys(candidate);
        let pinned = pins.iter().find(|(key, id)| {
            keys.contains(key) && !taken.contains(id) && known.iter().any(|k| k.id == *id)
        });
        let decision = match pinned {
            Some((key, id)) => MatchDecision::Merge {
                incident: *id,
                reason: format!("pinned by an analyst: '{key}' in this document belongs to #{id}"),
            },
            None => match_candidate(candidate, doc.published, known, &taken),
        };
        let pos = summary::source_pos(doc.published, document_key, index);
        let (action, reason, mut state, corrections) = match decision {
            MatchDecision::Merge { incident, reason } => {
                let Some(k) = known.iter().find(|k| k.id == incident) else {
                    continue;
                };
                taken.push(incident);
                (
                    PlanAction::MergeInto(incident),
                    reason,
                    k.summary.clone(),
                    k.corrections.as_slice(),
                )
            }
            MatchDecision::New { reason } => {
                (PlanAction::Create, reason, MergeSummary::default(), &[][..])
            }
        };
        summary::absorb(&mut state, candidate, doc.published, pos);
        let (headline, reported_on) = summary::finish(&state, corrections)?;
        plans.push(IncidentPlan {
            candidate_index: index,
            action,
            headline,
            reported_on,
            reason,
            summary: state,
        });
    }
    Ok(plans)
}

/// Views of stored sources, in merge-rule order.
pub fn source_views(sources: &[KnownSource]) -> Vec<SourceView<'_>> {
    let mut views: Vec<SourceView<'_>> = sources
        .iter()
        .map(|s| SourceView {
            doc_id: &s.doc_id,
            published: s.published,
            candidate: &s.candidate,
        })
        .collect();
    sort_sources(&mut views);
    views
}

/// Source order for merge rules: by publication date (undated last), stable otherwise.
pub fn sort_sources(views: &mut [SourceView<'_>]) {
    views.sort_by_key(|v| (v.published.is_none(), v.published));
}

/// Re-derives an incident's headline from its stored sources and corrections (after an
/// analyst edit, a merge, a split or a re-extraction).
pub fn recompute_headline(
    k: &KnownIncident,
) -> Result<(leakwatch_model::IncidentRecord, Option<NaiveDate>), ResolveError> {
    summary::finish(&summarize_sources(&k.sources), &k.corrections)
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_model::{
        CandidateIncident, DatedEvent, DocId, Field, Language, MediaType, Origin,
    };

    fn doc(id: &str, published: Option<NaiveDate>) -> Document {
        Document {
            id: DocId::from(id),
            origin: Origin::File {
                path: format!("{id}.txt").into(),
            },
            media_type: MediaType::Text,
            encoding: "UTF-8".into(),
            title: None,
            published,
            language: Language::Ja,
            text: String::new(),
            content_hash: id.into(),
        }
    }

    fn extraction(candidates: Vec<CandidateIncident>) -> Extraction {
        Extraction {
            doc_id: DocId::from("d"),
            language: Language::Ja,
            published: None,
            extractor_version: "t".into(),
            incidents: candidates,
            trace: vec![],
        }
    }

    #[test]
    fn reported_on_prefers_disclosed_over_publication() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day);
        let mut c = CandidateIncident::new(Field::new("株式会社サンプル".into(), 0.9, "t", None));
        c.dates.push(Field::new(
            DatedEvent {
                kind: DateKind::Disclosed,
                date: d(9, 10).unwrap(),
            },
            0.9,
            "t",
            None,
        ));
        let plans = plan_new_incidents(&doc("a", d(10, 29)), &extraction(vec![c]));
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].reported_on, d(9, 10));
        assert_eq!(plans[0].action, PlanAction::Create);

        let plain = CandidateIncident::new(Field::new("青葉市".into(), 0.9, "t", None));
        let plans = plan_new_incidents(&doc("b", d(10, 29)), &extraction(vec![plain]));
        assert_eq!(plans[0].reported_on, d(10, 29));

        // A roundup item with its own report date counts from that date.
        let mut item = CandidateIncident::new(Field::new("北浜商事".into(), 0.9, "t", None));
        item.dates.push(Field::new(
            DatedEvent {
                kind: DateKind::Reported,
                date: d(9, 16).unwrap(),
            },
            0.8,
            "t",
            None,
        ));
        let plans = plan_new_incidents(&doc("c", d(10, 29)), &extraction(vec![item]));
        assert_eq!(plans[0].reported_on, d(9, 16));
    }

    #[test]
    fn second_report_is_planned_as_a_merge_with_merged_headline() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day);
        let mut first =
            CandidateIncident::new(Field::new("株式会社北浜物流".into(), 0.9, "t", None));
        first.cause = Some(Field::new(
            leakwatch_model::Cause::Ransomware,
            0.9,
            "t",
            None,
        ));
        let known = KnownIncident {
            id: IncidentId(3),
            headline: first.to_record(),
            reported_on: d(9, 1),
            sources: vec![leakwatch_model::KnownSource {
                document_key: 1,
                doc_id: DocId::from("first"),
                published: d(9, 1),
                candidate: first,
            }],
            corrections: vec![],
        };
        let mut second = CandidateIncident::new(Field::new("北浜物流".into(), 0.9, "t", None));
        second.affected = Some(Field::new(
            leakwatch_model::AffectedCount {
                value: 20_000,
                qualifier: leakwatch_model::CountQualifier::Approx,
                unit: "名".into(),
            },
            0.9,
            "t",
            None,
        ));
        let plans = plan_document(
            &doc("second", d(10, 1)),
            2,
            &extraction(vec![second]),
            &[incident_state(&known)],
        )
        .unwrap();
        assert_eq!(plans[0].action, PlanAction::MergeInto(IncidentId(3)));
        assert_eq!(plans[0].headline.organization, "株式会社北浜物流");
        assert_eq!(plans[0].headline.affected_count, Some(20_000));
        assert_eq!(plans[0].reported_on, d(9, 1));
    }
}
