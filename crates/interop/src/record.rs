//! One imported record, whatever its dataset, and how it becomes what the rest of leakwatch
//! already knows: a synthetic `Document` (a short text of `field: value` lines, with provenance)
//! and an `Extraction` with one candidate whose every value has evidence in that text. The
//! content hash is built from dataset + record id, so a second import of the same record is a
//! no-op and the normal resolution path merges it with incidents known from other sources.

use leakwatch_model::{
    AffectedCount, CandidateIncident, DateKind, DatedEvent, DocId, Document, Evidence, Extraction,
    Field, IncidentRecord, Language, MediaType, Origin, RelatedOrg, Span,
};
use sha2::{Digest, Sha256};

/// The first line of every imported document's text: re-extraction leaves such documents
/// alone (their candidate came from the dataset, not from prose).
pub const IMPORT_MARKER: &str = "leakwatch-import";

/// The rule name carried by every imported value.
pub const IMPORT_RULE_PREFIX: &str = "import";

/// The confidence of an imported value (a curated dataset, not a guess).
const IMPORT_CONFIDENCE: f32 = 0.9;

/// True when a stored document was written by an import (see `IMPORT_MARKER`).
pub fn is_imported(doc: &Document) -> bool {
    doc.text.starts_with(IMPORT_MARKER)
}

/// Fixes the identity of the synthetic document instead of deriving it from dataset + id
/// (the JSONL import restores the documents an export names).
#[derive(Debug, Clone, PartialEq)]
pub struct SourceOverride {
    pub doc_id: String,
    pub origin: Origin,
    pub content_hash: String,
    /// The content hash of the document this one restores: a store that already holds it
    /// already has the source.
    pub original_hash: Option<String>,
    pub title: Option<String>,
}

/// One record of a dataset, mapped to leakwatch's schema.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRecord {
    /// `vcdb`, `hibp`, `prc`, `ransomwatch`, `csv`, `jsonl`.
    pub dataset: String,
    /// The record's id in its dataset (VERIS incident_id, HIBP Name, PRC line, …).
    pub record_id: String,
    /// Where the record says the breach was reported.
    pub url: Option<String>,
    /// The date the record was made public (PRC "Date Made Public", HIBP AddedDate).
    pub published: Option<chrono::NaiveDate>,
    /// The record's own description (HTML removed).
    pub summary: Option<String>,
    /// Headline values.
    pub incident: IncidentRecord,
    /// When an attacker claimed the breach (leak-site post).
    pub claimed: Option<chrono::NaiveDate>,
    /// Dataset-specific facts kept verbatim in the document (`veris: {…}` for VCDB), read back
    /// by exports.
    pub details: Vec<(String, String)>,
    pub source: Option<SourceOverride>,
    /// Records restoring one exported incident share a group (the JSONL line's uid): it is
    /// carried in the rule of the candidate's organisation (`RESTORE_RULE_PREFIX` + group) so
    /// resolution can put them back together.
    pub group: Option<String>,
}

/// The rule prefix of a restored (JSONL) record's organisation; the group follows.
pub const RESTORE_RULE_PREFIX: &str = "import:jsonl:";

/// The restore group of a candidate, if it was written by a JSONL import.
pub fn restore_group(candidate: &CandidateIncident) -> Option<&str> {
    candidate
        .organization
        .rule
        .strip_prefix(RESTORE_RULE_PREFIX)
}

impl ImportRecord {
    /// A record with only its identity and victim.
    pub fn new(dataset: &str, record_id: &str, organization: &str) -> ImportRecord {
        ImportRecord {
            dataset: dataset.to_string(),
            record_id: record_id.to_string(),
            url: None,
            published: None,
            summary: None,
            incident: IncidentRecord {
                organization: organization.to_string(),
                aliases: Vec::new(),
                related: Vec::new(),
                cause: leakwatch_model::Cause::Unknown,
                affected_count: None,
                affected_qualifier: leakwatch_model::CountQualifier::Unknown,
                affected_unit: None,
                data_volume: None,
                data_types: Vec::new(),
                card_data: false,
                confirmed: false,
                dates: Default::default(),
                attacker: None,
                regulator_action: None,
                financial_impact_jpy: None,
            },
            claimed: None,
            details: Vec::new(),
            source: None,
            group: None,
        }
    }

    /// The document id: `dataset:record_id`.
    pub fn doc_id(&self) -> String {
        match &self.source {
            Some(s) => s.doc_id.clone(),
            None => format!("{}:{}", self.dataset, self.record_id),
        }
    }

    /// The stable content hash: SHA-256 of dataset and record id (not of the values, so a
    /// corrected dataset re-imported adds nothing either).
    pub fn content_hash(&self) -> String {
        if let Some(s) = &self.source {
            return s.content_hash.clone();
        }
        let mut h = Sha256::new();
        h.update(IMPORT_MARKER.as_bytes());
        h.update([0]);
        h.update(self.dataset.as_bytes());
        h.update([0]);
        h.update(self.record_id.as_bytes());
        hex::encode(h.finalize())
    }

    /// The synthetic document and its one-candidate extraction.
    pub fn to_document(&self) -> (Document, Extraction) {
        let doc_id = DocId(self.doc_id());
        let mut text = Text::new(&doc_id);
        text.line(&format!(
            "{IMPORT_MARKER} {} {}",
            clean_line(&self.dataset),
            clean_line(&self.record_id)
        ));
        let r = &self.incident;
        let rule = format!("{IMPORT_RULE_PREFIX}:{}", self.dataset);
        let field = |ev: Evidence| Some(ev);
        let org = text.line_field("organization", &r.organization);
        let org_rule = match &self.group {
            Some(g) => format!("{RESTORE_RULE_PREFIX}{g}"),
            None => rule.clone(),
        };
        let mut c = CandidateIncident::new(Field::new(
            r.organization.clone(),
            IMPORT_CONFIDENCE,
            org_rule,
            field(org),
        ));
        for a in &r.aliases {
            let ev = text.line_field("alias", a);
            c.aliases
                .push(Field::new(a.clone(), IMPORT_CONFIDENCE, &rule, Some(ev)));
        }
        for rel in &r.related {
            let ev = text.line_field(&format!("related ({})", rel.role), &rel.name);
            c.related.push(Field::new(
                RelatedOrg {
                    name: rel.name.clone(),
                    role: rel.role,
                },
                IMPORT_CONFIDENCE,
                &rule,
                Some(ev),
            ));
        }
        if r.cause != leakwatch_model::Cause::Unknown {
            let ev = text.line_field("cause", r.cause.as_str());
            c.cause = Some(Field::new(r.cause, IMPORT_CONFIDENCE, &rule, Some(ev)));
        }
        if let Some(n) = r.affected_count {
            let count = AffectedCount {
                value: n,
                qualifier: r.affected_qualifier,
                unit: r.affected_unit.clone().unwrap_or_else(|| "records".into()),
            };
            let ev = text.line_field("affected", &count.to_string());
            c.affected = Some(Field::new(count, IMPORT_CONFIDENCE, &rule, Some(ev)));
        }
        if let Some(v) = &r.data_volume {
            let ev = text.line_field("data volume", v);
            c.data_volume = Some(Field::new(v.clone(), IMPORT_CONFIDENCE, &rule, Some(ev)));
        }
        for d in &r.data_types {
            let ev = text.line_field("data type", d.as_str());
            c.data_types
                .push(Field::new(*d, IMPORT_CONFIDENCE, &rule, Some(ev)));
        }
        if r.card_data {
            let ev = text.line_field("card data", "yes");
            c.card_data = Some(Field::new(true, IMPORT_CONFIDENCE, &rule, Some(ev)));
        }
        let ev = text.line_field("confirmed", if r.confirmed { "yes" } else { "no" });
        c.confirmed = Some(Field::new(r.confirmed, IMPORT_CONFIDENCE, &rule, Some(ev)));
        let dates = [
            (DateKind::Occurred, r.dates.occurred),
            (DateKind::Detected, r.dates.detected),
            (DateKind::Disclosed, r.dates.disclosed),
            (DateKind::ReportedPolice, r.dates.reported_police),
            (DateKind::ReportedPpc, r.dates.reported_ppc),
            (DateKind::AttackerClaim, self.claimed),
        ];
        for (kind, date) in dates {
            if let Some(date) = date {
                let ev = text.line_field(kind.as_str(), &date.to_string());
                c.dates.push(Field::new(
                    DatedEvent { kind, date },
                    IMPORT_CONFIDENCE,
                    &rule,
                    Some(ev),
                ));
            }
        }
        if let Some(a) = &r.attacker {
            let ev = text.line_field("attacker", a);
            c.attacker = Some(Field::new(a.clone(), IMPORT_CONFIDENCE, &rule, Some(ev)));
        }
        if let Some(a) = &r.regulator_action {
            let ev = text.line_field("regulator action", a);
            c.regulator_action = Some(Field::new(a.clone(), IMPORT_CONFIDENCE, &rule, Some(ev)));
        }
        if let Some(m) = r.financial_impact_jpy {
            let ev = text.line_field("financial impact (JPY)", &m.to_string());
            c.financial_impact_jpy = Some(Field::new(m, IMPORT_CONFIDENCE, &rule, Some(ev)));
        }
        if let Some(u) = &self.url {
            text.line_field("url", u);
        }
        if let Some(s) = &self.summary {
            text.line_field("summary", s);
        }
        for (k, v) in &self.details {
            text.line_field(k, v);
        }
        let title = match &self.source {
            Some(s) => s.title.clone(),
            None => Some(clean_line(&format!("{}: {}", self.dataset, r.organization))),
        };
        let origin = match &self.source {
            Some(s) => s.origin.clone(),
            None => Origin::Url {
                url: self.url.clone().unwrap_or_else(|| {
                    format!("urn:leakwatch:{}:{}", self.dataset, self.record_id)
                }),
            },
        };
        let doc = Document {
            id: doc_id.clone(),
            origin,
            media_type: MediaType::Text,
            encoding: "UTF-8".into(),
            title,
            published: self.published,
            language: Language::detect(&r.organization),
            text: text.text,
            content_hash: self.content_hash(),
        };
        let extraction = Extraction {
            doc_id,
            language: doc.language,
            published: doc.published,
            extractor_version: format!("{IMPORT_RULE_PREFIX}-{}", self.dataset),
            incidents: vec![c],
            trace: Vec::new(),
        };
        (doc, extraction)
    }
}

/// Reads a `key: value` detail line back from an imported document's text.
pub fn detail<'a>(doc: &'a Document, key: &str) -> Option<&'a str> {
    let prefix = format!("{key}: ");
    doc.text
        .lines()
        .find_map(|l| l.strip_prefix(prefix.as_str()))
}

/// Control characters and line breaks out: one value, one line.
pub fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        if ch.is_whitespace() || ch.is_control() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(ch);
        }
    }
    out
}

/// The synthetic text, built line by line with each line's span.
struct Text<'a> {
    doc_id: &'a DocId,
    text: String,
}

impl<'a> Text<'a> {
    fn new(doc_id: &'a DocId) -> Self {
        Text {
            doc_id,
            text: String::new(),
        }
    }

    fn line(&mut self, s: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(s);
        let end = self.text.len();
        self.text.push('\n');
        Span::new(start, end)
    }

    /// `label: value` as one line; the evidence spans the value, the sentence is the line.
    fn line_field(&mut self, label: &str, value: &str) -> Evidence {
        let line = format!("{}: {}", clean_line(label), clean_line(value));
        let span = self.line(&line);
        let value_start = span.start + clean_line(label).len() + 2;
        Evidence {
            doc_id: self.doc_id.clone(),
            span: Span::new(value_start.min(span.end), span.end),
            sentence: line,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_model::{Cause, DataType};

    #[test]
    fn same_dataset_and_id_give_the_same_hash_whatever_the_values() {
        let mut a = ImportRecord::new("hibp", "Adobe", "Adobe");
        let b = ImportRecord::new("hibp", "Adobe", "Adobe Inc.");
        assert_eq!(a.content_hash(), b.content_hash());
        a.dataset = "prc".into();
        assert_ne!(a.content_hash(), b.content_hash());
    }

    #[test]
    fn document_carries_every_value_with_evidence_into_its_text() {
        let mut r = ImportRecord::new("prc", "line-7", "Example Health");
        r.incident.cause = Cause::Theft;
        r.incident.data_types = vec![DataType::Health];
        r.incident.affected_count = Some(1200);
        r.url = Some("https://example.org/x".into());
        r.summary = Some("A laptop\nwas stolen.".into());
        let (doc, ex) = r.to_document();
        assert!(is_imported(&doc));
        assert_eq!(doc.id.0, "prc:line-7");
        let c = &ex.incidents[0];
        assert_eq!(c.cause_value(), Cause::Theft);
        let ev = c.affected.as_ref().unwrap().evidence.as_ref().unwrap();
        assert_eq!(&doc.text[ev.span.start..ev.span.end], "1200 records");
        let org = c.organization.evidence.as_ref().unwrap();
        assert_eq!(&doc.text[org.span.start..org.span.end], "Example Health");
        assert_eq!(detail(&doc, "summary"), Some("A laptop was stolen."));
        assert_eq!(detail(&doc, "url"), Some("https://example.org/x"));
    }

    #[test]
    fn clean_line_folds_breaks_and_controls() {
        assert_eq!(clean_line("  a\r\n b\u{7}c "), "a b c");
    }
}
