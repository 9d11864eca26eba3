//! Privacy Rights Clearinghouse data breach chronology CSV, both export variants (with and
//! without the `Source URL` column). Columns are found by header name. A record count of 0,
//! `Unknown` or prose is an unknown count; a number at the start of prose is kept
//! (`1,200 (No SSNs…)`, `Up to 1.4 million`).

use crate::record::{clean_line, ImportRecord};
use crate::taxonomy::Taxonomy;
use crate::text::{decode_entities, parse_date, parse_loose_count};
use crate::{Batch, InteropError, Rejected};
use leakwatch_model::Cause;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The columns the reader looks for (first matching header wins).
const DATE: &[&str] = &["date made public"];
const COMPANY: &[&str] = &["company", "entity"];
const LOCATION: &[&str] = &["location", "city", "state"];
const TYPE: &[&str] = &["type of breach"];
const ORG_TYPE: &[&str] = &["type of organization"];
const RECORDS: &[&str] = &["records breached", "total records"];
const TOTAL: &[&str] = &["total records"];
const DESCRIPTION: &[&str] = &["description of incident", "description"];
const SOURCE: &[&str] = &["information source"];
const URL: &[&str] = &["source url"];

/// Reads one PRC export.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Batch, InteropError> {
    let text = crate::read_text(path, max_bytes)?;
    let file = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| InteropError::Format {
            path: path.to_path_buf(),
            message: format!("no CSV header: {e}"),
        })?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let col = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| headers.iter().position(|h| h == n))
    };
    let (Some(c_company), Some(c_date)) = (col(COMPANY), col(DATE)) else {
        return Err(InteropError::Format {
            path: path.to_path_buf(),
            message: "not a PRC export: needs the columns 'Date Made Public' and 'Company'".into(),
        });
    };
    let cols = Columns {
        company: c_company,
        date: c_date,
        location: col(LOCATION),
        kind: col(TYPE),
        org_type: col(ORG_TYPE),
        records: col(RECORDS),
        total: col(TOTAL),
        description: col(DESCRIPTION),
        source: col(SOURCE),
        url: col(URL),
    };
    // The export variant is part of the record id: the same breach in both exports is two
    // sources of one incident (resolution merges them), each with its own provenance.
    let variant = if cols.url.is_some() { "u" } else { "a" };
    let mut batch = Batch::default();
    for row in reader.records() {
        match row {
            Ok(rec) => {
                let line = rec.position().map(|p| p.line());
                match from_row(&rec, &cols, variant) {
                    Ok(r) => batch.records.push(r),
                    Err(reason) => batch.rejected.push(Rejected {
                        file: file.clone(),
                        line,
                        record: None,
                        reason,
                    }),
                }
            }
            Err(e) => batch.rejected.push(Rejected {
                file: file.clone(),
                line: e.position().map(|p| p.line()),
                record: None,
                reason: format!("unreadable CSV row: {e}"),
            }),
        }
    }
    Ok(batch)
}

struct Columns {
    company: usize,
    date: usize,
    location: Option<usize>,
    kind: Option<usize>,
    org_type: Option<usize>,
    records: Option<usize>,
    total: Option<usize>,
    description: Option<usize>,
    source: Option<usize>,
    url: Option<usize>,
}

fn get(rec: &csv::StringRecord, c: Option<usize>) -> String {
    c.and_then(|i| rec.get(i))
        .map(|s| clean_line(&decode_entities(s)))
        .unwrap_or_default()
}

fn from_row(rec: &csv::StringRecord, c: &Columns, variant: &str) -> Result<ImportRecord, String> {
    let company = get(rec, Some(c.company));
    if company.is_empty() {
        return Err("no company name".into());
    }
    let date_text = get(rec, Some(c.date));
    let date = parse_date(&date_text);
    let kind = get(rec, c.kind).to_ascii_uppercase();
    let description = get(rec, c.description);
    // The record id: what identifies a row across exports (the chronology has no ids).
    let mut h = Sha256::new();
    for part in [&date_text, &company, &kind, &description] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let id = format!("{variant}-{}", hex::encode(&h.finalize()[..8]));
    let mut r = ImportRecord::new("prc", &id, &company);
    let t = Taxonomy::get();
    match t.prc_type(&kind) {
        Some(p) => {
            r.incident.cause = p.cause;
            r.incident.data_types = p.data_types.clone();
        }
        None => r.incident.cause = Cause::Unknown,
    }
    r.incident.card_data = r.incident.data_types.iter().any(|d| d.is_card());
    r.incident.confirmed = true;
    r.incident.dates.disclosed = date;
    r.published = date;
    let count =
        parse_loose_count(&get(rec, c.records)).or_else(|| parse_loose_count(&get(rec, c.total)));
    if let Some(n) = count {
        r.incident.affected_count = Some(n.value);
        r.incident.affected_qualifier = n.qualifier;
        r.incident.affected_unit = Some("records".into());
    }
    let url = get(rec, c.url);
    r.url = if url.starts_with("http://") || url.starts_with("https://") {
        Some(url)
    } else {
        description
            .split_whitespace()
            .find_map(|w| w.find("http").map(|i| &w[i..]))
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
            .map(|u| u.trim_end_matches(['.', ',', ')']).to_string())
    };
    if !description.is_empty() {
        r.summary = Some(description);
    }
    for (k, v) in [
        ("prc type", kind),
        ("prc organization type", get(rec, c.org_type)),
        ("location", get(rec, c.location)),
        ("information source", get(rec, c.source)),
    ] {
        if !v.is_empty() {
            r.details.push((k.to_string(), v));
        }
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_model::{CountQualifier, DataType};
    use std::io::Write;

    fn write(content: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(content.as_bytes()).unwrap();
        f
    }

    #[test]
    fn both_variants_and_unknown_counts() {
        let old = write("\"Date Made Public\",\"Company\",\"Location\",\"Type of breach\",\"Type of organization\",\"Records Breached\",\"Total Records\",\"Description of incident\",\"Information Source\"\n\
\"October 21, 2009\",\"Example Schools\",\"Town, Kentucky\",\"DISC\",\"EDU\",\"676\",\"676\",\"An e-mail\nwent astray.\",\"Media\"\n\
\"May 1, 2010\",\"Zero Corp\",\"\",\"CARD\",\"BSR\",\"0\",\"0\",\"Skimmer.\",\"Media\"\n\
\"May 2, 2010\",\"\",\"\",\"HACK\",\"BSR\",\"5\",\"5\",\"No name.\",\"Media\"\n");
        let b = read_file(old.path(), 1 << 20).unwrap();
        assert_eq!(b.records.len(), 2);
        assert_eq!(b.rejected.len(), 1);
        assert_eq!(b.rejected[0].line, Some(5), "line of the nameless row");
        let a = &b.records[0];
        assert_eq!(a.incident.cause, Cause::Misdisclosure);
        assert_eq!(a.incident.affected_count, Some(676));
        assert_eq!(
            a.incident.dates.disclosed,
            chrono::NaiveDate::from_ymd_opt(2009, 10, 21)
        );
        let z = &b.records[1];
        assert_eq!(z.incident.affected_count, None, "0 records = unknown");
        assert_eq!(z.incident.data_types, vec![DataType::CardNumber]);

        let new = write("\"Date Made Public\",\"Company\",\"Location\",\"Type of breach\",\"Type of organization\",\"Records Breached\",\"Total Records\",\"Description of incident\",\"Information Source\",\"Source URL\"\n\
\"January 8, 2016\",\"Cable Co\",\"San Diego, California\",\"HACK\",\"BSO\",\"Up to 320,000\",\"Unknown\",\"Hacked.\",\"Media\",\"https://example.org/x\"\n");
        let b = read_file(new.path(), 1 << 20).unwrap();
        let r = &b.records[0];
        assert_eq!(r.incident.affected_count, Some(320_000));
        assert_eq!(r.incident.affected_qualifier, CountQualifier::Max);
        assert_eq!(r.url.as_deref(), Some("https://example.org/x"));
    }

    #[test]
    fn a_file_without_the_columns_is_an_error() {
        let f = write("a,b\n1,2\n");
        assert!(read_file(f.path(), 1 << 20).is_err());
    }
}
