//! Writing stored incidents in other formats. The `app` crate reads incidents and their source
//! documents through the `Store` trait and hands them here as `ExportIncident`s; each writer is
//! pure (values in, bytes out) and deterministic: the same database gives the same bytes, and
//! every id is a UUIDv5 of stable inputs (`uid`).

pub mod csv;
pub mod misp;
pub mod stix;
pub mod veris;

use crate::record::{detail, IMPORT_MARKER};
use leakwatch_model::{Document, Incident, Origin, SourceRef};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// leakwatch's UUIDv5 namespace (a fixed random UUID): every exported id is derived from it.
pub const NAMESPACE: Uuid = Uuid::from_u128(0x6c65_616b_7761_4c57_8a3e_5d1f_0c2b_9e47);

/// A deterministic UUIDv5 of `name` in leakwatch's namespace.
pub fn uuid5(name: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
}

/// One source document of an exported incident, with the provenance an import left in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportSource {
    pub doc_id: String,
    /// `file` or `url`.
    pub origin_kind: String,
    pub origin: String,
    pub title: Option<String>,
    pub published: Option<chrono::NaiveDate>,
    /// The document's content hash (for a document restored from JSONL, the original's).
    pub content_hash: String,
    /// The dataset an imported record came from (`vcdb`, `hibp`, `prc`, `ransomwatch`, `csv`).
    pub dataset: Option<String>,
    pub record_id: Option<String>,
    /// The URL the record (or the document) points to.
    pub url: Option<String>,
    /// The imported record's own description.
    #[serde(skip)]
    pub summary: Option<String>,
    /// The original VERIS facts of a VCDB record.
    #[serde(skip)]
    pub veris: Option<serde_json::Value>,
}

/// True for an absolute http(s) URL made only of the characters RFC 3986 allows, with
/// well-formed percent escapes. Dataset URLs are often truncated (`…files/Bed%20Bath%`) or
/// pasted with `|` and quotes; such URLs stay in the document but are not exported as links.
pub fn is_uri(s: &str) -> bool {
    let rest = match s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    {
        Some(r) if !r.is_empty() && !r.starts_with('/') => r,
        _ => return false,
    };
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(|c| c.is_ascii_hexdigit());
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        let ok = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b);
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

/// The detail line carrying the content hash of the document a JSONL line named.
pub const ORIGINAL_HASH_DETAIL: &str = "source content hash";

impl ExportSource {
    /// The provenance of one stored source document.
    pub fn from_document(source: &SourceRef, doc: &Document) -> ExportSource {
        let (origin_kind, origin) = match &doc.origin {
            Origin::File { path } => ("file", path.display().to_string()),
            Origin::Url { url } => ("url", url.clone()),
        };
        let mut dataset = None;
        let mut record_id = None;
        let mut url = None;
        let mut summary = None;
        let mut veris = None;
        let mut content_hash = doc.content_hash.clone();
        if crate::record::is_imported(doc) {
            let first = doc.text.lines().next().unwrap_or("");
            let mut parts = first
                .strip_prefix(IMPORT_MARKER)
                .unwrap_or("")
                .trim()
                .splitn(2, ' ');
            let ds = parts.next().unwrap_or("").to_string();
            let id = parts.next().unwrap_or("").to_string();
            if !ds.is_empty() && ds != "jsonl" {
                dataset = Some(ds);
                record_id = Some(id);
            }
            url = detail(doc, "url").map(str::to_string);
            summary = detail(doc, "summary").map(str::to_string);
            veris =
                detail(doc, crate::vcdb::VERIS_DETAIL).and_then(|v| serde_json::from_str(v).ok());
            if let Some(h) = detail(doc, ORIGINAL_HASH_DETAIL) {
                content_hash = h.to_string();
            }
        } else if origin_kind == "url" {
            url = Some(origin.clone());
        }
        ExportSource {
            doc_id: source.doc_id.0.clone(),
            origin_kind: origin_kind.to_string(),
            origin,
            title: source.title.clone(),
            published: source.published,
            content_hash,
            dataset,
            record_id,
            url,
            summary,
            veris,
        }
    }
}

/// A stored incident with its sources' provenance and its stable id.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportIncident {
    pub incident: Incident,
    pub sources: Vec<ExportSource>,
    /// Stable across databases: a UUIDv5 of the first source's content hash and the
    /// organisation's name key.
    pub uid: String,
}

impl ExportIncident {
    pub fn new(incident: Incident, sources: Vec<ExportSource>) -> ExportIncident {
        let first = sources.first().map_or("", |s| s.content_hash.as_str());
        let uid = uuid5(&format!(
            "incident/{first}/{}",
            leakwatch_jatext::normalize_org_name(&incident.organization)
        ))
        .to_string();
        ExportIncident {
            incident,
            sources,
            uid,
        }
    }

    /// The source URLs, de-duplicated in source order.
    pub fn urls(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in &self.sources {
            if let Some(u) = &s.url {
                if is_uri(u) && !out.contains(u) {
                    out.push(u.clone());
                }
            }
        }
        out
    }

    /// The first imported description, if any.
    pub fn summary(&self) -> Option<&str> {
        self.sources.iter().find_map(|s| s.summary.as_deref())
    }
}

/// Sorts for output: first reported first (undated last), then organisation, then uid.
pub fn sort(incidents: &mut [ExportIncident]) {
    incidents.sort_by(|a, b| {
        let key = |x: &ExportIncident| (x.incident.reported_on.is_none(), x.incident.reported_on);
        key(a)
            .cmp(&key(b))
            .then_with(|| a.incident.organization.cmp(&b.incident.organization))
            .then_with(|| a.uid.cmp(&b.uid))
    });
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Jsonl,
    Veris,
    Stix,
    Misp,
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "csv" => ExportFormat::Csv,
            "jsonl" => ExportFormat::Jsonl,
            "veris" => ExportFormat::Veris,
            "stix" => ExportFormat::Stix,
            "misp" => ExportFormat::Misp,
            _ => {
                return Err(format!(
                    "unknown export format '{s}' (expected one of: csv, jsonl, veris, stix, misp)"
                ))
            }
        })
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;
    use leakwatch_model::{
        AffectedCount, Cause, CountQualifier, DataType, DatesRecord, DocId, FieldEvidence,
        IncidentId,
    };

    /// An incident as the store would give it, from an imported VCDB record.
    pub fn incident() -> ExportIncident {
        let incident = Incident {
            id: IncidentId(1),
            organization: "Example Clinic".into(),
            aliases: vec!["example.org".into()],
            related: vec![],
            cause: Cause::Ransomware,
            affected: Some(AffectedCount {
                value: 1200,
                qualifier: CountQualifier::Exact,
                unit: "records".into(),
            }),
            data_volume: None,
            data_types: vec![DataType::Health, DataType::Email],
            card_data: false,
            confirmed: true,
            dates: DatesRecord {
                occurred: chrono::NaiveDate::from_ymd_opt(2023, 11, 8),
                ..Default::default()
            },
            attacker: Some("lockbit".into()),
            regulator_action: None,
            financial_impact_jpy: None,
            reported_on: chrono::NaiveDate::from_ymd_opt(2023, 12, 1),
            evidence: vec![FieldEvidence {
                field: "affected_count".into(),
                value: "1200 records".into(),
                confidence: 0.9,
                rule: "import:vcdb".into(),
                document_key: 1,
                doc_id: DocId("vcdb:X".into()),
                span: None,
                sentence: Some("affected: 1200 records".into()),
            }],
            sources: vec![],
        };
        let source = ExportSource {
            doc_id: "vcdb:X".into(),
            origin_kind: "url".into(),
            origin: "https://example.org/news".into(),
            title: Some("vcdb: Example Clinic".into()),
            published: chrono::NaiveDate::from_ymd_opt(2023, 12, 1),
            content_hash: "ab".repeat(32),
            dataset: Some("vcdb".into()),
            record_id: Some("X".into()),
            url: Some("https://example.org/news".into()),
            summary: Some("A clinic was hit.".into()),
            veris: None,
        };
        ExportIncident::new(incident, vec![source])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_urls_are_links() {
        assert!(is_uri("https://example.org/a?b=c&d=%20e#f"));
        assert!(!is_uri("http://example.org/Bed%20Bath%"));
        assert!(!is_uri("http://example.org/x?a=b|c"));
        assert!(!is_uri("http://example.org/local/.\""));
        assert!(!is_uri("ftp://example.org/"));
        assert!(!is_uri("urn:leakwatch:prc:1"));
    }

    #[test]
    fn uids_are_stable_and_distinct() {
        let a = fixtures::incident();
        let b = fixtures::incident();
        assert_eq!(a.uid, b.uid);
        let mut c = fixtures::incident().incident;
        c.organization = "Other".into();
        let c = ExportIncident::new(c, a.sources.clone());
        assert_ne!(a.uid, c.uid);
        assert_eq!(uuid5("x").get_version_num(), 5);
    }
}
