//! What an extractor says about one document: candidate incidents whose every field carries the
//! rule that produced it, a confidence in 0..1 and the evidence (document, byte span, sentence).

use crate::document::{DocId, Language};
use crate::record::{DatesRecord, DocumentRecord, IncidentRecord, RelatedRecord};
use crate::vocab::{Cause, CountQualifier, DataType, RelationRole};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A byte range into `Document::text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// Where a value was read: the document, the byte span of the matched text, and the whole
/// sentence around it (so a report figure can be shown with its source sentence).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub doc_id: DocId,
    pub span: Span,
    pub sentence: String,
}

/// One extracted value with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field<T> {
    pub value: T,
    /// 0..1: how sure the rule that produced the value is.
    pub confidence: f32,
    /// The name of the rule or pattern that produced the value (for `extract --explain`).
    pub rule: String,
    /// None only for values that are inferred rather than read (e.g. card_data implied by a
    /// card data type); such values name the rule that inferred them.
    pub evidence: Option<Evidence>,
}

impl<T> Field<T> {
    pub fn new(
        value: T,
        confidence: f32,
        rule: impl Into<String>,
        evidence: Option<Evidence>,
    ) -> Self {
        Field {
            value,
            confidence: confidence.clamp(0.0, 1.0),
            rule: rule.into(),
            evidence,
        }
    }

    /// The same provenance with another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        Field {
            value: f(self.value),
            confidence: self.confidence,
            rule: self.rule,
            evidence: self.evidence,
        }
    }
}

/// A stated number of affected records or persons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffectedCount {
    pub value: u64,
    pub qualifier: CountQualifier,
    /// 件 | 名 | 人 | 社 | records | persons | accounts | …
    pub unit: String,
}

impl std::fmt::Display for AffectedCount {
    /// `最大 450000 件`, `約 310000 件`, `8478 名`, `150 社以上`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.qualifier {
            CountQualifier::Approx => write!(f, "約 {} {}", self.value, self.unit),
            CountQualifier::Max => write!(f, "最大 {} {}", self.value, self.unit),
            CountQualifier::AtLeast => write!(f, "{} {} 以上", self.value, self.unit),
            CountQualifier::Exact | CountQualifier::Unknown => {
                write!(f, "{} {}", self.value, self.unit)
            }
        }
    }
}

/// One stated value of one field, flattened for storage and display.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatedValue {
    /// Schema field name: `organization`, `cause`, `affected_count`, `dates.disclosed`, …
    pub field: String,
    pub value: String,
    pub confidence: f32,
    pub rule: String,
    pub evidence: Option<Evidence>,
}

/// An organisation related to the victim.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RelatedOrg {
    pub name: String,
    pub role: RelationRole,
}

/// What a dated event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    Occurred,
    Detected,
    Disclosed,
    ReportedPolice,
    ReportedPpc,
    /// An attacker's claim (leak-site post, 犯行声明).
    AttackerClaim,
    ServiceStopped,
    ServiceRestored,
    RegulatorAction,
    /// A report about the incident was published (e.g. the dated article a roundup links to):
    /// when no disclosure date is known, the incident counts as first reported then.
    Reported,
}

impl DateKind {
    /// The five kinds the gold schema records.
    pub const SCHEMA: [DateKind; 5] = [
        DateKind::Occurred,
        DateKind::Detected,
        DateKind::Disclosed,
        DateKind::ReportedPolice,
        DateKind::ReportedPpc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DateKind::Occurred => "occurred",
            DateKind::Detected => "detected",
            DateKind::Disclosed => "disclosed",
            DateKind::ReportedPolice => "reported_police",
            DateKind::ReportedPpc => "reported_ppc",
            DateKind::AttackerClaim => "attacker_claim",
            DateKind::ServiceStopped => "service_stopped",
            DateKind::ServiceRestored => "service_restored",
            DateKind::RegulatorAction => "regulator_action",
            DateKind::Reported => "reported",
        }
    }
}

/// A date with what happened on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DatedEvent {
    pub kind: DateKind,
    pub date: NaiveDate,
}

/// One incident as a single document describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateIncident {
    /// The victim organisation, as named (full legal name when the text gives one).
    pub organization: Field<String>,
    pub aliases: Vec<Field<String>>,
    pub related: Vec<Field<RelatedOrg>>,
    /// None: the text gives no cause (recorded as `unknown`).
    pub cause: Option<Field<Cause>>,
    pub affected: Option<Field<AffectedCount>>,
    pub data_volume: Option<Field<String>>,
    pub data_types: Vec<Field<DataType>>,
    /// None: not stated and not implied (recorded as false).
    pub card_data: Option<Field<bool>>,
    /// None: nothing said either way (recorded as false).
    pub confirmed: Option<Field<bool>>,
    /// At most one per kind for the schema kinds; other kinds may repeat.
    pub dates: Vec<Field<DatedEvent>>,
    pub attacker: Option<Field<String>>,
    pub regulator_action: Option<Field<String>>,
    pub financial_impact_jpy: Option<Field<u64>>,
}

impl CandidateIncident {
    /// A candidate with only its victim named.
    pub fn new(organization: Field<String>) -> Self {
        CandidateIncident {
            organization,
            aliases: Vec::new(),
            related: Vec::new(),
            cause: None,
            affected: None,
            data_volume: None,
            data_types: Vec::new(),
            card_data: None,
            confirmed: None,
            dates: Vec::new(),
            attacker: None,
            regulator_action: None,
            financial_impact_jpy: None,
        }
    }

    pub fn cause_value(&self) -> Cause {
        self.cause.as_ref().map_or(Cause::Unknown, |f| f.value)
    }

    /// True when card data was stated or a card data type was found.
    pub fn card_data_value(&self) -> bool {
        self.card_data.as_ref().is_some_and(|f| f.value)
            || self.data_types.iter().any(|d| d.value.is_card())
    }

    pub fn confirmed_value(&self) -> bool {
        self.confirmed.as_ref().is_some_and(|f| f.value)
    }

    /// The first date of a kind.
    pub fn date(&self, kind: DateKind) -> Option<NaiveDate> {
        self.dates
            .iter()
            .find(|d| d.value.kind == kind)
            .map(|d| d.value.date)
    }

    /// Data types, de-duplicated, in first-seen order.
    pub fn data_type_values(&self) -> Vec<DataType> {
        let mut out: Vec<DataType> = Vec::new();
        for d in &self.data_types {
            if !out.contains(&d.value) {
                out.push(d.value);
            }
        }
        out
    }

    /// Every stated value of every field, flattened with its provenance: what the store keeps
    /// as field evidence and what `show` prints beside each value.
    pub fn stated_values(&self) -> Vec<StatedValue> {
        fn push<T>(out: &mut Vec<StatedValue>, field: &str, f: &Field<T>, value: String) {
            out.push(StatedValue {
                field: field.to_string(),
                value,
                confidence: f.confidence,
                rule: f.rule.clone(),
                evidence: f.evidence.clone(),
            });
        }
        let mut out = Vec::new();
        push(
            &mut out,
            "organization",
            &self.organization,
            self.organization.value.clone(),
        );
        for a in &self.aliases {
            push(&mut out, "aliases", a, a.value.clone());
        }
        for r in &self.related {
            push(
                &mut out,
                "related",
                r,
                format!("{} ({})", r.value.name, r.value.role),
            );
        }
        if let Some(f) = &self.cause {
            push(&mut out, "cause", f, f.value.to_string());
        }
        if let Some(f) = &self.affected {
            push(&mut out, "affected_count", f, f.value.to_string());
        }
        if let Some(f) = &self.data_volume {
            push(&mut out, "data_volume", f, f.value.clone());
        }
        for d in &self.data_types {
            push(&mut out, "data_types", d, d.value.to_string());
        }
        if let Some(f) = &self.card_data {
            push(&mut out, "card_data", f, f.value.to_string());
        }
        if let Some(f) = &self.confirmed {
            push(&mut out, "confirmed", f, f.value.to_string());
        }
        for d in &self.dates {
            push(
                &mut out,
                &format!("dates.{}", d.value.kind.as_str()),
                d,
                d.value.date.to_string(),
            );
        }
        if let Some(f) = &self.attacker {
            push(&mut out, "attacker", f, f.value.clone());
        }
        if let Some(f) = &self.regulator_action {
            push(&mut out, "regulator_action", f, f.value.clone());
        }
        if let Some(f) = &self.financial_impact_jpy {
            push(&mut out, "financial_impact_jpy", f, f.value.to_string());
        }
        out
    }

    /// The gold-schema record of this candidate.
    pub fn to_record(&self) -> IncidentRecord {
        let mut aliases: Vec<String> = Vec::new();
        for a in &self.aliases {
            if a.value != self.organization.value && !aliases.contains(&a.value) {
                aliases.push(a.value.clone());
            }
        }
        let mut related: Vec<RelatedRecord> = Vec::new();
        for r in &self.related {
            let rec = RelatedRecord {
                name: r.value.name.clone(),
                role: r.value.role,
            };
            if !related.contains(&rec) {
                related.push(rec);
            }
        }
        let (affected_count, affected_qualifier, affected_unit) = match &self.affected {
            Some(f) => (
                Some(f.value.value),
                f.value.qualifier,
                Some(f.value.unit.clone()),
            ),
            None => (None, CountQualifier::Unknown, None),
        };
        IncidentRecord {
            organization: self.organization.value.clone(),
            aliases,
            related,
            cause: self.cause_value(),
            affected_count,
            affected_qualifier,
            affected_unit,
            data_volume: self.data_volume.as_ref().map(|f| f.value.clone()),
            data_types: self.data_type_values(),
            card_data: self.card_data_value(),
            confirmed: self.confirmed_value(),
            dates: DatesRecord {
                occurred: self.date(DateKind::Occurred),
                detected: self.date(DateKind::Detected),
                disclosed: self.date(DateKind::Disclosed),
                reported_police: self.date(DateKind::ReportedPolice),
                reported_ppc: self.date(DateKind::ReportedPpc),
            },
            attacker: self.attacker.as_ref().map(|f| f.value.clone()),
            regulator_action: self.regulator_action.as_ref().map(|f| f.value.clone()),
            financial_impact_jpy: self.financial_impact_jpy.as_ref().map(|f| f.value),
        }
    }
}

/// A note for `extract --explain`: why a field has the value it has, or why it has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceNote {
    /// Index into `Extraction::incidents`, or None for document-level notes (segmentation).
    pub incident: Option<usize>,
    pub field: String,
    pub message: String,
}

/// Everything an extractor found in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub doc_id: DocId,
    pub language: Language,
    pub published: Option<NaiveDate>,
    /// Identifies the extractor build, so stored extractions can be re-run after an upgrade.
    pub extractor_version: String,
    pub incidents: Vec<CandidateIncident>,
    pub trace: Vec<TraceNote>,
}

impl Extraction {
    /// The gold-schema record (`leakwatch extract --format jsonl` prints one per document).
    pub fn to_record(&self, url: Option<String>) -> DocumentRecord {
        DocumentRecord {
            doc_id: self.doc_id.0.clone(),
            url,
            published: self.published,
            language: self.language.as_str().to_string(),
            incidents: self
                .incidents
                .iter()
                .map(CandidateIncident::to_record)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field<T>(v: T) -> Field<T> {
        Field::new(v, 0.9, "test", None)
    }

    #[test]
    fn record_defaults_follow_the_schema_conventions() {
        let c = CandidateIncident::new(field("株式会社サンプル".to_string()));
        let r = c.to_record();
        assert_eq!(r.cause, Cause::Unknown);
        assert_eq!(r.affected_qualifier, CountQualifier::Unknown);
        assert_eq!(r.affected_unit, None);
        assert!(!r.card_data);
        assert!(!r.confirmed);
    }

    #[test]
    fn card_data_types_imply_card_data_and_duplicates_collapse() {
        let mut c = CandidateIncident::new(field("サンプル商店".to_string()));
        c.data_types.push(field(DataType::CardNumber));
        c.data_types.push(field(DataType::Name));
        c.data_types.push(field(DataType::CardNumber));
        c.aliases.push(field("サンプル商店".to_string()));
        c.aliases.push(field("サンプル".to_string()));
        let r = c.to_record();
        assert!(r.card_data);
        assert_eq!(r.data_types, vec![DataType::CardNumber, DataType::Name]);
        assert_eq!(r.aliases, vec!["サンプル".to_string()]);
    }

    #[test]
    fn confidence_is_clamped() {
        assert_eq!(Field::new(1, 7.0, "r", None).confidence, 1.0);
        assert_eq!(Field::new(1, -1.0, "r", None).confidence, 0.0);
    }
}
