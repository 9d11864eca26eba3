//! Any CSV with a header: columns mapped to leakwatch fields by `--map column=field`; a column
//! named like a field maps to it without a map (so `export --format csv` reads back).
//! Lists (`aliases`, `data_types`) are separated by `;`. A row without an organisation, or
//! with a value a field cannot take (an unknown cause, a bad date), is rejected with its line.

use crate::record::{clean_line, ImportRecord};
use crate::text::{parse_date, parse_loose_count};
use crate::{Batch, InteropError, Rejected};
use leakwatch_model::{Cause, CountQualifier, DataType};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The fields a column can map to.
pub const FIELDS: &[&str] = &[
    "record_id",
    "organization",
    "aliases",
    "cause",
    "affected_count",
    "affected_qualifier",
    "affected_unit",
    "data_types",
    "card_data",
    "confirmed",
    "occurred",
    "detected",
    "disclosed",
    "reported_police",
    "reported_ppc",
    "attacker",
    "regulator_action",
    "url",
    "summary",
    "published",
];

/// Parses `column=field` pairs.
pub fn parse_map(specs: &[String]) -> Result<Vec<(String, String)>, InteropError> {
    specs
        .iter()
        .map(|s| {
            let (c, f) = s
                .split_once('=')
                .ok_or_else(|| InteropError::BadMap(s.clone()))?;
            let f = f.trim();
            if !FIELDS.contains(&f) || c.trim().is_empty() {
                return Err(InteropError::BadMap(s.clone()));
            }
            Ok((c.trim().to_string(), f.to_string()))
        })
        .collect()
}

/// Reads one CSV file with a column map.
pub fn read_file(
    path: &Path,
    map: &[(String, String)],
    max_bytes: u64,
) -> Result<Batch, InteropError> {
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
        .map(|h| h.trim().to_string())
        .collect();
    // field → column index
    let mut fields: Vec<(&str, usize)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let mapped = map
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(h))
            .map(|(_, f)| f.as_str());
        let field = mapped.or_else(|| FIELDS.iter().copied().find(|f| f.eq_ignore_ascii_case(h)));
        if let Some(f) = field {
            fields.push((FIELDS.iter().copied().find(|x| *x == f).unwrap_or(""), i));
        }
    }
    for (c, _) in map {
        if !headers.iter().any(|h| h.eq_ignore_ascii_case(c)) {
            return Err(InteropError::Format {
                path: path.to_path_buf(),
                message: format!("--map names a column '{c}' the header does not have"),
            });
        }
    }
    if !fields.iter().any(|(f, _)| *f == "organization") {
        return Err(InteropError::Format {
            path: path.to_path_buf(),
            message: "no column maps to 'organization' (use --map COLUMN=organization)".into(),
        });
    }
    let mut batch = Batch::default();
    for row in reader.records() {
        match row {
            Ok(rec) => {
                let line = rec.position().map(|p| p.line());
                match from_row(&rec, &fields) {
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

fn list(s: &str) -> Vec<String> {
    s.split(';')
        .map(clean_line)
        .filter(|x| !x.is_empty())
        .collect()
}

fn boolean(field: &str, s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "n" | "0" => Ok(false),
        "true" | "yes" | "y" | "1" => Ok(true),
        _ => Err(format!("{field}: '{s}' is not yes/no")),
    }
}

fn date(field: &str, s: &str) -> Result<Option<chrono::NaiveDate>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    parse_date(s)
        .map(Some)
        .ok_or_else(|| format!("{field}: '{s}' is not a date"))
}

fn from_row(rec: &csv::StringRecord, fields: &[(&str, usize)]) -> Result<ImportRecord, String> {
    let get = |f: &str| -> String {
        fields
            .iter()
            .find(|(x, _)| *x == f)
            .and_then(|(_, i)| rec.get(*i))
            .map(clean_line)
            .unwrap_or_default()
    };
    let org = get("organization");
    if org.is_empty() {
        return Err("no organization".into());
    }
    let mut id = get("record_id");
    if id.is_empty() {
        // Stable across re-imports of the same row.
        let mut h = Sha256::new();
        for f in rec.iter() {
            h.update(f.as_bytes());
            h.update([0]);
        }
        id = hex::encode(&h.finalize()[..8]);
    }
    let mut r = ImportRecord::new("csv", &id, &org);
    r.incident.aliases = list(&get("aliases"));
    let cause = get("cause");
    if !cause.is_empty() {
        r.incident.cause = cause.parse::<Cause>().map_err(|e| format!("cause: {e}"))?;
    }
    let count = get("affected_count");
    if !count.is_empty() {
        let n = parse_loose_count(&count)
            .ok_or_else(|| format!("affected_count: '{count}' is not a number"))?;
        r.incident.affected_count = Some(n.value);
        r.incident.affected_qualifier = n.qualifier;
    }
    let q = get("affected_qualifier");
    if !q.is_empty() {
        r.incident.affected_qualifier = q
            .parse::<CountQualifier>()
            .map_err(|e| format!("affected_qualifier: {e}"))?;
    }
    let unit = get("affected_unit");
    if !unit.is_empty() {
        r.incident.affected_unit = Some(unit);
    }
    for d in list(&get("data_types")) {
        let d = d
            .parse::<DataType>()
            .map_err(|e| format!("data_types: {e}"))?;
        if !r.incident.data_types.contains(&d) {
            r.incident.data_types.push(d);
        }
    }
    r.incident.card_data = boolean("card_data", &get("card_data"))?
        || r.incident.data_types.iter().any(|d| d.is_card());
    r.incident.confirmed = boolean("confirmed", &get("confirmed"))?;
    r.incident.dates.occurred = date("occurred", &get("occurred"))?;
    r.incident.dates.detected = date("detected", &get("detected"))?;
    r.incident.dates.disclosed = date("disclosed", &get("disclosed"))?;
    r.incident.dates.reported_police = date("reported_police", &get("reported_police"))?;
    r.incident.dates.reported_ppc = date("reported_ppc", &get("reported_ppc"))?;
    r.published = date("published", &get("published"))?;
    let opt = |s: String| if s.is_empty() { None } else { Some(s) };
    r.incident.attacker = opt(get("attacker"));
    r.incident.regulator_action = opt(get("regulator_action"));
    r.url = opt(get("url"));
    r.summary = opt(get("summary"));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(content: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(content.as_bytes()).unwrap();
        f
    }

    #[test]
    fn mapped_columns_and_bad_rows() {
        let f = write("Victim,What,How many,When\nExample KK,ransomware,\"1,200\",2025-01-02\n,loss,1,2025-01-02\nOther KK,hacking,5,2025-01-02\nThird KK,theft,x,2025-01-02\n");
        let map = parse_map(&[
            "Victim=organization".into(),
            "What=cause".into(),
            "How many=affected_count".into(),
            "When=disclosed".into(),
        ])
        .unwrap();
        let b = read_file(f.path(), &map, 1 << 20).unwrap();
        assert_eq!(b.records.len(), 1);
        assert_eq!(b.records[0].incident.affected_count, Some(1200));
        assert_eq!(b.records[0].incident.cause, Cause::Ransomware);
        let lines: Vec<_> = b.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, [Some(3), Some(4), Some(5)]);
        assert!(b.rejected[1].reason.contains("cause"));
    }

    #[test]
    fn field_named_columns_need_no_map_and_bad_maps_are_refused() {
        let f = write("organization,data_types,confirmed\nA KK,email;password,yes\n");
        let b = read_file(f.path(), &[], 1 << 20).unwrap();
        assert_eq!(
            b.records[0].incident.data_types,
            [DataType::Email, DataType::Password]
        );
        assert!(b.records[0].incident.confirmed);
        assert!(parse_map(&["x=nonsense".into()]).is_err());
        assert!(parse_map(&["novalue".into()]).is_err());
        let no_org = write("name\nA\n");
        assert!(read_file(no_org.path(), &[], 1 << 20).is_err());
    }
}
