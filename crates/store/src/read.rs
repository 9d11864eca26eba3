//! The shared reads of incidents: the summary and headline columns and the raw rows they are
//! read into, checked on the way out (`convert.rs`), and the sources of an incident.

use crate::convert::{affected, parse_date, parse_json, parse_label, to_bool, to_u64, to_usize};
use crate::db::{Db, DbErr, OptionalExtension};
use crate::error::{SqlContext, StoreError};
use crate::sql::{params, Row, Value};
use chrono::NaiveDate;
use leakwatch_model::{
    Cause, DataType, DatesRecord, DocId, FieldEvidence, Incident, IncidentId, IncidentSummary,
    KnownSource, RelatedOrg, SourceRef,
};

/// The columns `RawSummary::from_row` reads, over `incidents i`.
pub(crate) const SUMMARY_COLUMNS: &str = "i.id, i.organization, i.cause, i.affected_count, \
     i.affected_qualifier, i.affected_unit, i.card_data, i.confirmed, i.reported_on, \
     (SELECT COUNT(DISTINCT s.document_id) FROM incident_sources s WHERE s.incident_id = i.id)";

/// The columns `RawSource::from_row` reads, over `documents d`.
pub(crate) const SOURCE_COLUMNS: &str = "d.id, d.doc_id, d.title, d.origin, d.published";

/// Runs a query selecting `SUMMARY_COLUMNS`.
pub(crate) fn query_summaries(
    conn: &Db<'_>,
    sql: &str,
    args: Vec<Value>,
) -> Result<Vec<IncidentSummary>, StoreError> {
    let mut stmt = conn
        .prepare_cached(sql)
        .ctx("preparing an incident query")?;
    let rows = stmt
        .query_map(&args, RawSummary::from_row)
        .ctx("listing incidents")?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row.ctx("listing incidents")?.into_summary()?);
    }
    Ok(out)
}

/// The incidents read from one document, by id.
pub(crate) fn summaries_for_document(
    conn: &Db<'_>,
    document_key: i64,
) -> Result<Vec<IncidentSummary>, StoreError> {
    query_summaries(
        conn,
        &format!(
            "SELECT {SUMMARY_COLUMNS} FROM incidents i
             WHERE i.id IN (SELECT incident_id FROM incident_sources WHERE document_id = ?1)
             ORDER BY i.id"
        ),
        vec![Value::Int(document_key)],
    )
}

struct RawSummary {
    id: i64,
    organization: String,
    cause: String,
    affected_count: Option<i64>,
    affected_qualifier: String,
    affected_unit: Option<String>,
    card_data: i64,
    confirmed: i64,
    reported_on: Option<String>,
    sources: i64,
}

impl RawSummary {
    fn from_row(r: &Row) -> Result<Self, DbErr> {
        Ok(RawSummary {
            id: r.get(0)?,
            organization: r.get(1)?,
            cause: r.get(2)?,
            affected_count: r.get(3)?,
            affected_qualifier: r.get(4)?,
            affected_unit: r.get(5)?,
            card_data: r.get(6)?,
            confirmed: r.get(7)?,
            reported_on: r.get(8)?,
            sources: r.get(9)?,
        })
    }

    fn into_summary(self) -> Result<IncidentSummary, StoreError> {
        Ok(IncidentSummary {
            id: IncidentId(self.id),
            cause: parse_label::<Cause>(&self.cause, self.id)?,
            affected: affected(
                self.affected_count,
                &self.affected_qualifier,
                self.affected_unit,
                self.id,
            )?,
            card_data: to_bool(self.card_data, "card_data", self.id)?,
            confirmed: to_bool(self.confirmed, "confirmed", self.id)?,
            reported_on: parse_date(self.reported_on, "reported_on", self.id)?,
            sources: to_usize(self.sources, "source count")?,
            organization: self.organization,
        })
    }
}

struct RawIncident {
    id: i64,
    organization: String,
    cause: String,
    affected_count: Option<i64>,
    affected_qualifier: String,
    affected_unit: Option<String>,
    data_volume: Option<String>,
    card_data: i64,
    confirmed: i64,
    dates: [Option<String>; 5],
    attacker: Option<String>,
    regulator_action: Option<String>,
    financial_impact_jpy: Option<i64>,
    reported_on: Option<String>,
    aliases_json: String,
    related_json: String,
    data_types_json: String,
}

impl RawIncident {
    fn from_row(r: &Row) -> Result<Self, DbErr> {
        Ok(RawIncident {
            id: r.get(0)?,
            organization: r.get(1)?,
            cause: r.get(2)?,
            affected_count: r.get(3)?,
            affected_qualifier: r.get(4)?,
            affected_unit: r.get(5)?,
            data_volume: r.get(6)?,
            card_data: r.get(7)?,
            confirmed: r.get(8)?,
            dates: [r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?],
            attacker: r.get(14)?,
            regulator_action: r.get(15)?,
            financial_impact_jpy: r.get(16)?,
            reported_on: r.get(17)?,
            aliases_json: r.get(18)?,
            related_json: r.get(19)?,
            data_types_json: r.get(20)?,
        })
    }

    fn into_incident(
        self,
        evidence: Vec<FieldEvidence>,
        sources: Vec<SourceRef>,
    ) -> Result<Incident, StoreError> {
        let id = self.id;
        let [occurred, detected, disclosed, reported_police, reported_ppc] = self.dates;
        Ok(Incident {
            id: IncidentId(id),
            organization: self.organization,
            aliases: parse_json::<Vec<String>>(&self.aliases_json, "aliases", id)?,
            related: parse_json::<Vec<RelatedOrg>>(&self.related_json, "related", id)?,
            cause: parse_label::<Cause>(&self.cause, id)?,
            affected: affected(
                self.affected_count,
                &self.affected_qualifier,
                self.affected_unit,
                id,
            )?,
            data_volume: self.data_volume,
            data_types: parse_json::<Vec<DataType>>(&self.data_types_json, "data_types", id)?,
            card_data: to_bool(self.card_data, "card_data", id)?,
            confirmed: to_bool(self.confirmed, "confirmed", id)?,
            dates: DatesRecord {
                occurred: parse_date(occurred, "occurred", id)?,
                detected: parse_date(detected, "detected", id)?,
                disclosed: parse_date(disclosed, "disclosed", id)?,
                reported_police: parse_date(reported_police, "reported_police", id)?,
                reported_ppc: parse_date(reported_ppc, "reported_ppc", id)?,
            },
            attacker: self.attacker,
            regulator_action: self.regulator_action,
            financial_impact_jpy: self
                .financial_impact_jpy
                .map(|n| to_u64(n, "financial_impact_jpy"))
                .transpose()?,
            reported_on: parse_date(self.reported_on, "reported_on", id)?,
            evidence,
            sources,
        })
    }
}

/// The columns `RawIncident::from_row` reads, over `incidents`.
const HEADLINE_COLUMNS: &str = "id, organization, cause, affected_count, affected_qualifier,
     affected_unit, data_volume, card_data, confirmed, occurred, detected,
     disclosed, reported_police, reported_ppc, attacker, regulator_action,
     financial_impact_jpy, reported_on, aliases_json, related_json,
     data_types_json";

/// Incidents read per batch of `incidents_by_id` (one `IN (…)` list).
const BATCH: usize = 500;

/// Several incidents with evidence and sources, as `Store::incident` gives each, in the order
/// of `ids` (absent ones left out): three queries per batch of ids instead of three per
/// incident, which on a server is a round trip each.
pub(crate) fn incidents_by_id(
    conn: &Db<'_>,
    ids: &[IncidentId],
) -> Result<Vec<Incident>, StoreError> {
    let mut out = Vec::with_capacity(ids.len());
    for batch in ids.chunks(BATCH) {
        let list = (1..=batch.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let args: Vec<Value> = batch.iter().map(|id| Value::Int(id.0)).collect();
        let mut heads: std::collections::HashMap<i64, RawIncident> = conn
            .query(
                &format!("SELECT {HEADLINE_COLUMNS} FROM incidents WHERE id IN ({list})"),
                &args,
            )
            .ctx("reading incidents")?
            .iter()
            .map(|r| RawIncident::from_row(r).map(|h| (h.id, h)))
            .collect::<Result<_, _>>()
            .ctx("reading an incident")?;
        // Every source of the batch, in each incident's merge-rule order (the order of
        // `load_sources`, whose distinct documents are also the order of `sources`).
        let rows = conn
            .query(
                &format!(
                    "SELECT s.incident_id, {SOURCE_COLUMNS}, s.candidate_json, d.text
                     FROM incident_sources s JOIN documents d ON d.id = s.document_id
                     WHERE s.incident_id IN ({list})
                     ORDER BY s.incident_id, d.published IS NULL, d.published, s.document_id,
                              s.candidate_index"
                ),
                &args,
            )
            .ctx("reading sources")?;
        let mut known: std::collections::HashMap<i64, Vec<KnownSource>> = Default::default();
        let mut refs: std::collections::HashMap<i64, Vec<SourceRef>> = Default::default();
        for r in &rows {
            let incident: i64 = r.get(0).ctx("reading a source")?;
            let raw = RawSource::from_row_at(r, 1).ctx("reading a source")?;
            let json: String = r.get(6).ctx("reading a source")?;
            let text: String = r.get(7).ctx("reading a source")?;
            let source = crate::resolution::known_source(
                IncidentId(incident),
                raw.key,
                raw.doc_id.clone(),
                raw.published.clone(),
                &json,
                &text,
            )?;
            known.entry(incident).or_default().push(source);
            let list = refs.entry(incident).or_default();
            if list
                .last()
                .is_none_or(|s: &SourceRef| s.document_key != raw.key)
            {
                list.push(raw.into_source()?);
            }
        }
        for id in batch {
            let Some(head) = heads.remove(&id.0) else {
                continue;
            };
            let sources = known.remove(&id.0).unwrap_or_default();
            let evidence = evidence_of(&sources);
            out.push(head.into_incident(evidence, refs.remove(&id.0).unwrap_or_default())?);
        }
    }
    Ok(out)
}

/// The field evidence of an incident's sources (each stated value with its place in the
/// document), by field, then document.
pub(crate) fn evidence_of(sources: &[KnownSource]) -> Vec<FieldEvidence> {
    let mut out = Vec::new();
    for source in sources {
        for sv in source.candidate.stated_values() {
            let (span, sentence) = match sv.evidence {
                Some(e) => (Some(e.span), Some(e.sentence)),
                None => (None, None),
            };
            out.push(FieldEvidence {
                field: sv.field,
                value: sv.value,
                confidence: sv.confidence,
                rule: sv.rule,
                document_key: source.document_key,
                doc_id: source.doc_id.clone(),
                span,
                sentence,
            });
        }
    }
    // Stable: a document's candidates keep their order.
    out.sort_by(|a, b| (&a.field, a.document_key).cmp(&(&b.field, b.document_key)));
    out
}

/// The headline of one incident (no evidence or sources), inside any transaction.
pub(crate) fn read_incident_headline(
    conn: &Db<'_>,
    id: IncidentId,
) -> Result<Incident, StoreError> {
    let raw = conn
        .query_row(
            &format!("SELECT {HEADLINE_COLUMNS} FROM incidents WHERE id = ?1"),
            params![id.0],
            RawIncident::from_row,
        )
        .optional()
        .ctx("reading an incident")?
        .ok_or_else(|| StoreError::NotFound {
            what: format!("incident {id}"),
        })?;
    raw.into_incident(Vec::new(), Vec::new())
}

pub(crate) struct RawSource {
    pub key: i64,
    doc_id: String,
    title: Option<String>,
    origin: String,
    published: Option<String>,
}

impl RawSource {
    /// Reads `SOURCE_COLUMNS` starting at column 0.
    pub(crate) fn from_row(r: &Row) -> Result<Self, DbErr> {
        Self::from_row_at(r, 0)
    }

    /// Reads `SOURCE_COLUMNS` starting at column `at`.
    pub(crate) fn from_row_at(r: &Row, at: usize) -> Result<Self, DbErr> {
        Ok(RawSource {
            key: r.get(at)?,
            doc_id: r.get(at + 1)?,
            title: r.get(at + 2)?,
            origin: r.get(at + 3)?,
            published: r.get(at + 4)?,
        })
    }

    pub(crate) fn into_source(self) -> Result<SourceRef, StoreError> {
        let published = match self.published {
            None => None,
            Some(s) => Some(NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
                StoreError::corrupt(format!(
                    "document {}: published date '{s}' does not parse: {e}",
                    self.key
                ))
            })?),
        };
        Ok(SourceRef {
            document_key: self.key,
            doc_id: DocId(self.doc_id),
            title: self.title,
            origin: self.origin,
            published,
        })
    }
}
