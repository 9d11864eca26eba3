//! Flat CSV: one row per incident, a fixed column order (`COLUMNS`) whose names are the
//! fields `import csv` maps without `--map`; lists joined with `;`. `bom` prefixes a UTF-8 BOM
//! so Excel reads Japanese names.

use super::ExportIncident;

/// The columns, in order.
pub const COLUMNS: &[&str] = &[
    "uid",
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
    "reported_on",
    "attacker",
    "regulator_action",
    "financial_impact_jpy",
    "related",
    "sources",
    "url",
];

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

/// Writes the header and one row per incident.
pub fn write(
    incidents: &[ExportIncident],
    bom: bool,
    out: &mut dyn std::io::Write,
) -> Result<(), csv::Error> {
    if bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for e in incidents {
        let i = &e.incident;
        let row: Vec<String> = vec![
            e.uid.clone(),
            i.organization.clone(),
            i.aliases.join(";"),
            i.cause.as_str().to_string(),
            i.affected
                .as_ref()
                .map(|a| a.value.to_string())
                .unwrap_or_default(),
            i.affected
                .as_ref()
                .map(|a| a.qualifier.as_str().to_string())
                .unwrap_or_default(),
            i.affected
                .as_ref()
                .map(|a| a.unit.clone())
                .unwrap_or_default(),
            i.data_types
                .iter()
                .map(|d| d.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            yes(i.card_data),
            yes(i.confirmed),
            date(i.dates.occurred),
            date(i.dates.detected),
            date(i.dates.disclosed),
            date(i.dates.reported_police),
            date(i.dates.reported_ppc),
            date(i.reported_on),
            i.attacker.clone().unwrap_or_default(),
            i.regulator_action.clone().unwrap_or_default(),
            i.financial_impact_jpy
                .map(|m| m.to_string())
                .unwrap_or_default(),
            i.related
                .iter()
                .map(|r| format!("{} ({})", r.name, r.role))
                .collect::<Vec<_>>()
                .join(";"),
            e.sources
                .iter()
                .map(|s| s.doc_id.clone())
                .collect::<Vec<_>>()
                .join(";"),
            e.urls().first().cloned().unwrap_or_default(),
        ];
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn header_row_and_bom() {
        let mut buf = Vec::new();
        write(&[fixtures::incident()], true, &mut buf).unwrap();
        assert!(buf.starts_with(b"\xEF\xBB\xBFuid,organization,aliases,cause,"));
        let text = String::from_utf8(buf[3..].to_vec()).unwrap();
        let row = text.lines().nth(1).unwrap();
        assert!(row.contains(",Example Clinic,example.org,ransomware,1200,exact,records,health;email,no,yes,2023-11-08,"));
        let mut plain = Vec::new();
        write(&[], false, &mut plain).unwrap();
        assert_eq!(
            String::from_utf8(plain).unwrap().trim_end(),
            COLUMNS.join(",")
        );
    }

    #[test]
    fn the_csv_reads_back_with_import_csv() {
        let mut buf = Vec::new();
        write(&[fixtures::incident()], false, &mut buf).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, &buf).unwrap();
        let b = crate::csvmap::read_file(&path, &[], 1 << 20).unwrap();
        assert!(b.rejected.is_empty(), "{:?}", b.rejected);
        let r = &b.records[0].incident;
        let e = fixtures::incident().incident.to_record();
        assert_eq!(r.organization, e.organization);
        assert_eq!(r.cause, e.cause);
        assert_eq!(r.affected_count, e.affected_count);
        assert_eq!(r.data_types, e.data_types);
        assert_eq!(r.dates, e.dates);
        assert_eq!(r.attacker, e.attacker);
    }
}
