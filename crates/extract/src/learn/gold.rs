//! Owns reading gold labels for training leniently: hand-made labels sometimes hold a value
//! outside the schema (a year `"2012"` as a date, an unlisted data type); such a value is read
//! as absent rather than rejecting the whole document, and every such value is reported.

use leakwatch_model::{
    Cause, CountQualifier, DataType, DatesRecord, DocumentRecord, IncidentRecord, RelatedRecord,
    RelationRole,
};
use serde_json::Value;

/// A gold label, with the values that were not understood (`field: value`).
pub fn parse_gold(json: &str) -> Result<(DocumentRecord, Vec<String>), serde_json::Error> {
    let v: Value = serde_json::from_str(json)?;
    let mut skipped = Vec::new();
    let s = |v: &Value| v.as_str().map(str::to_string);
    let date = |v: &Value, field: &str, skipped: &mut Vec<String>| {
        let text = v.as_str()?;
        match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                skipped.push(format!("{field}: {text}"));
                None
            }
        }
    };
    let mut incidents = Vec::new();
    for inc in v["incidents"].as_array().into_iter().flatten() {
        let cause = match inc["cause"].as_str().map(str::parse::<Cause>) {
            Some(Ok(c)) => c,
            Some(Err(_)) => {
                skipped.push(format!("cause: {}", inc["cause"]));
                Cause::Unknown
            }
            None => Cause::Unknown,
        };
        let mut related = Vec::new();
        for r in inc["related"].as_array().into_iter().flatten() {
            match (
                s(&r["name"]),
                r["role"].as_str().map(str::parse::<RelationRole>),
            ) {
                (Some(name), Some(Ok(role))) => related.push(RelatedRecord { name, role }),
                _ => skipped.push(format!("related: {r}")),
            }
        }
        let mut data_types = Vec::new();
        for t in inc["data_types"].as_array().into_iter().flatten() {
            match t.as_str().map(str::parse::<DataType>) {
                Some(Ok(d)) => data_types.push(d),
                _ => skipped.push(format!("data_types: {t}")),
            }
        }
        let d = &inc["dates"];
        incidents.push(IncidentRecord {
            organization: s(&inc["organization"]).unwrap_or_default(),
            aliases: inc["aliases"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(s)
                .collect(),
            related,
            cause,
            affected_count: inc["affected_count"].as_f64().map(|n| n.round() as u64),
            affected_qualifier: inc["affected_qualifier"]
                .as_str()
                .and_then(|q| q.parse::<CountQualifier>().ok())
                .unwrap_or(CountQualifier::Unknown),
            affected_unit: s(&inc["affected_unit"]),
            data_volume: s(&inc["data_volume"]),
            data_types,
            card_data: inc["card_data"].as_bool().unwrap_or(false),
            confirmed: inc["confirmed"].as_bool().unwrap_or(false),
            dates: DatesRecord {
                occurred: date(&d["occurred"], "dates.occurred", &mut skipped),
                detected: date(&d["detected"], "dates.detected", &mut skipped),
                disclosed: date(&d["disclosed"], "dates.disclosed", &mut skipped),
                reported_police: date(&d["reported_police"], "dates.reported_police", &mut skipped),
                reported_ppc: date(&d["reported_ppc"], "dates.reported_ppc", &mut skipped),
            },
            attacker: s(&inc["attacker"]),
            regulator_action: s(&inc["regulator_action"]),
            financial_impact_jpy: inc["financial_impact_jpy"]
                .as_f64()
                .map(|n| n.round() as u64),
        });
    }
    let published = v["published"]
        .as_str()
        .and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
    Ok((
        DocumentRecord {
            doc_id: s(&v["doc_id"]).unwrap_or_default(),
            url: s(&v["url"]),
            published,
            language: s(&v["language"]).unwrap_or_else(|| "ja".into()),
            incidents,
        },
        skipped,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_outside_the_schema_are_read_as_absent_and_reported() {
        let json = r#"{"doc_id":"x","published":"2024-01-02","language":"ja","incidents":[
            {"organization":"青葉市","aliases":[],"related":[{"name":"A社","role":"processor"}],
             "cause":"loss","affected_count":12,"affected_qualifier":"approx","affected_unit":"件",
             "data_types":["name","nonsense"],"card_data":false,"confirmed":false,
             "dates":{"occurred":"2012","detected":"2024-01-01","disclosed":null,
                      "reported_police":null,"reported_ppc":null}}]}"#;
        let (rec, skipped) = parse_gold(json).unwrap();
        let inc = &rec.incidents[0];
        assert_eq!(inc.cause, Cause::Loss);
        assert_eq!(inc.dates.occurred, None);
        assert_eq!(
            inc.dates.detected.map(|d| d.to_string()).as_deref(),
            Some("2024-01-01")
        );
        assert_eq!(inc.data_types, vec![DataType::Name]);
        assert_eq!(
            skipped,
            vec!["data_types: \"nonsense\"", "dates.occurred: 2012"]
        );
    }
}
