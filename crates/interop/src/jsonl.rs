//! leakwatch's own interchange format: one incident per line (`docs/jsonl-format.md`). The
//! headline values are the gold-schema `IncidentRecord` fields; `sources` carries each source
//! document's identity and provenance. `import jsonl` restores one document per source, so an
//! export → import (fresh database) → export gives the same bytes.

use crate::export::{ExportIncident, ExportSource, ORIGINAL_HASH_DETAIL};
use crate::record::{ImportRecord, SourceOverride};
use crate::{Batch, InteropError, Rejected};
use leakwatch_model::{IncidentRecord, Origin};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The value of every line's `schema` field.
pub const SCHEMA: &str = "leakwatch.incident/1";

/// One line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentLine {
    pub schema: String,
    pub uid: String,
    #[serde(flatten)]
    pub incident: IncidentRecord,
    pub reported_on: Option<chrono::NaiveDate>,
    pub sources: Vec<ExportSource>,
}

impl IncidentLine {
    pub fn from_export(e: &ExportIncident) -> IncidentLine {
        IncidentLine {
            schema: SCHEMA.to_string(),
            uid: e.uid.clone(),
            incident: e.incident.to_record(),
            reported_on: e.incident.reported_on,
            sources: e.sources.clone(),
        }
    }
}

/// Writes one line per incident.
pub fn write(incidents: &[ExportIncident], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for e in incidents {
        let line = serde_json::to_string(&IncidentLine::from_export(e))?;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Reads a JSONL file: one record per source of each line.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Batch, InteropError> {
    let text = crate::read_text(path, max_bytes)?;
    let file = path.display().to_string();
    let mut batch = Batch::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let reject = |reason: String| Rejected {
            file: file.clone(),
            line: Some(i as u64 + 1),
            record: None,
            reason,
        };
        let parsed: IncidentLine = match serde_json::from_str(line) {
            Ok(p) => p,
            Err(e) => {
                batch
                    .rejected
                    .push(reject(format!("not a leakwatch incident line: {e}")));
                continue;
            }
        };
        if parsed.schema != SCHEMA {
            batch.rejected.push(reject(format!(
                "unknown schema '{}' (expected {SCHEMA})",
                parsed.schema
            )));
            continue;
        }
        if parsed.incident.organization.trim().is_empty() {
            batch.rejected.push(reject("no organization".into()));
            continue;
        }
        if parsed.sources.is_empty() {
            batch.rejected.push(reject("no sources".into()));
            continue;
        }
        batch.records.extend(records_of(&parsed));
    }
    Ok(batch)
}

/// The records restoring one line: one per source, each carrying the headline (identical
/// candidates merge back into one incident).
pub fn records_of(line: &IncidentLine) -> Vec<ImportRecord> {
    line.sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let dataset = s.dataset.clone().unwrap_or_else(|| "jsonl".into());
            let record_id = match (&s.dataset, &s.record_id) {
                (Some(_), Some(id)) => id.clone(),
                _ => format!("{}/{i}", line.uid),
            };
            let mut r = ImportRecord::new(&dataset, &record_id, &line.incident.organization);
            r.incident = line.incident.clone();
            r.published = s.published;
            r.url = s.url.clone();
            r.group = Some(line.uid.clone());
            // A document of its own per (incident, source): one stored document feeds one
            // incident here, and the original hash is kept for the export.
            let mut h = Sha256::new();
            h.update(b"jsonl\0");
            h.update(line.uid.as_bytes());
            h.update([0]);
            h.update(s.content_hash.as_bytes());
            let origin = if s.origin_kind == "file" {
                Origin::File {
                    path: PathBuf::from(&s.origin),
                }
            } else {
                Origin::Url {
                    url: s.origin.clone(),
                }
            };
            r.details
                .push((ORIGINAL_HASH_DETAIL.to_string(), s.content_hash.clone()));
            r.source = Some(SourceOverride {
                doc_id: s.doc_id.clone(),
                origin,
                content_hash: hex::encode(h.finalize()),
                original_hash: Some(s.content_hash.clone()),
                title: s.title.clone(),
            });
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;
    use std::io::Write;

    #[test]
    fn a_line_reads_back_into_records_per_source() {
        let e = fixtures::incident();
        let mut buf = Vec::new();
        write(std::slice::from_ref(&e), &mut buf).unwrap();
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(&buf).unwrap();
        f.write_all(b"{\"schema\": \"other/1\"}\nnot json\n")
            .unwrap();
        let b = read_file(f.path(), 1 << 20).unwrap();
        assert_eq!(b.records.len(), 1);
        assert_eq!(b.rejected.len(), 2);
        assert_eq!(b.rejected[1].line, Some(3));
        let r = &b.records[0];
        assert_eq!(r.incident, e.incident.to_record());
        assert_eq!(r.dataset, "vcdb");
        assert_eq!(r.record_id, "X");
        let (doc, ex) = r.to_document();
        assert_eq!(doc.id.0, "vcdb:X");
        assert_eq!(
            crate::record::restore_group(&ex.incidents[0]),
            Some(e.uid.as_str())
        );
        assert_ne!(doc.content_hash, e.sources[0].content_hash);
        let back = ExportSource::from_document(
            &leakwatch_model::SourceRef {
                document_key: 1,
                doc_id: doc.id.clone(),
                title: doc.title.clone(),
                origin: String::new(),
                published: doc.published,
            },
            &doc,
        );
        let mut expected = e.sources[0].clone();
        expected.veris = None;
        expected.summary = None;
        assert_eq!(back, expected);
    }
}
