//! Have I Been Pwned breach list JSON (`/api/v3/breaches`): an array of breaches with Name,
//! Title, Domain, BreachDate, AddedDate, PwnCount, Description (HTML), DataClasses and flags.
//! Fabricated and spam-list entries are imported but unconfirmed; the flags are kept in the
//! document.

use crate::record::{clean_line, ImportRecord};
use crate::taxonomy::Taxonomy;
use crate::text::{html_to_text, parse_date};
use crate::{Batch, InteropError, Rejected};
use leakwatch_model::{Cause, CountQualifier};
use serde_json::Value;
use std::path::Path;

/// Reads a breach list (an array) or a single breach (an object).
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Batch, InteropError> {
    let text = crate::read_text(path, max_bytes)?;
    let value: Value = serde_json::from_str(&text).map_err(|source| InteropError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    let items: Vec<&Value> = match &value {
        Value::Array(a) => a.iter().collect(),
        Value::Object(_) => vec![&value],
        _ => {
            return Err(InteropError::Format {
                path: path.to_path_buf(),
                message: "expected an array of breaches".into(),
            })
        }
    };
    let file = path.display().to_string();
    let mut batch = Batch::default();
    for (i, item) in items.into_iter().enumerate() {
        match from_value(item) {
            Ok(r) => batch.records.push(r),
            Err(reason) => batch.rejected.push(Rejected {
                file: file.clone(),
                line: None,
                record: Some(format!(
                    "#{} {}",
                    i + 1,
                    item.get("Name").and_then(Value::as_str).unwrap_or("")
                )),
                reason,
            }),
        }
    }
    Ok(batch)
}

fn flag(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// One breach → a record.
pub fn from_value(v: &Value) -> Result<ImportRecord, String> {
    let name = v
        .get("Name")
        .and_then(Value::as_str)
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .ok_or("no Name")?;
    let title = v
        .get("Title")
        .and_then(Value::as_str)
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| name.clone());
    let mut r = ImportRecord::new("hibp", &name, &title);
    let domain = v
        .get("Domain")
        .and_then(Value::as_str)
        .map(clean_line)
        .filter(|s| !s.is_empty());
    if let Some(d) = &domain {
        if !d.eq_ignore_ascii_case(&title) {
            r.incident.aliases.push(d.clone());
        }
    }
    if name != title && !r.incident.aliases.contains(&name) {
        r.incident.aliases.push(name.clone());
    }
    r.incident.dates.occurred = v
        .get("BreachDate")
        .and_then(Value::as_str)
        .and_then(parse_date);
    r.published = v
        .get("AddedDate")
        .and_then(Value::as_str)
        .and_then(parse_date);
    if let Some(n) = v.get("PwnCount").and_then(Value::as_u64).filter(|n| *n > 0) {
        r.incident.affected_count = Some(n);
        r.incident.affected_qualifier = CountQualifier::Exact;
        r.incident.affected_unit = Some("accounts".into());
    }
    let t = Taxonomy::get();
    let mut classes = Vec::new();
    if let Some(list) = v.get("DataClasses").and_then(Value::as_array) {
        for c in list.iter().filter_map(Value::as_str) {
            classes.push(c.to_string());
            for d in t.data_types_of_hibp(c) {
                if !r.incident.data_types.contains(&d) {
                    r.incident.data_types.push(d);
                }
            }
        }
    }
    r.incident.card_data = r.incident.data_types.iter().any(|d| d.is_card());
    r.incident.cause = if flag(v, "IsMalware") || flag(v, "IsStealerLog") {
        Cause::Malware
    } else {
        Cause::UnauthorizedAccess
    };
    r.incident.confirmed = flag(v, "IsVerified") && !flag(v, "IsFabricated");
    r.summary = v
        .get("Description")
        .and_then(Value::as_str)
        .map(html_to_text)
        .filter(|s| !s.is_empty());
    if let Some(d) = domain {
        r.url = Some(format!("https://{d}"));
    }
    r.details
        .push(("hibp data classes".into(), classes.join("; ")));
    let flags: Vec<&str> = [
        "IsVerified",
        "IsFabricated",
        "IsSensitive",
        "IsRetired",
        "IsSpamList",
        "IsMalware",
        "IsStealerLog",
    ]
    .into_iter()
    .filter(|k| flag(v, k))
    .collect();
    r.details.push(("hibp flags".into(), flags.join(" ")));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_model::DataType;
    use serde_json::json;

    #[test]
    fn a_breach_maps_to_a_record() {
        let v = json!({"Name": "ExampleShop", "Title": "Example Shop", "Domain": "example.com",
            "BreachDate": "2019-04-01", "AddedDate": "2019-05-02T10:00:00Z", "PwnCount": 1234,
            "Description": "In April 2019, <a href=\"x\">Example Shop</a> was breached &amp; leaked.",
            "DataClasses": ["Email addresses", "Passwords", "Credit cards", "Astrological signs"],
            "IsVerified": true, "IsFabricated": false, "IsMalware": false});
        let r = from_value(&v).unwrap();
        assert_eq!(r.record_id, "ExampleShop");
        assert_eq!(r.incident.organization, "Example Shop");
        assert_eq!(r.incident.aliases, ["example.com", "ExampleShop"]);
        assert_eq!(r.incident.affected_count, Some(1234));
        assert!(r.incident.data_types.contains(&DataType::Email));
        assert!(r.incident.data_types.contains(&DataType::Other));
        assert!(r.incident.card_data);
        assert!(r.incident.confirmed);
        assert_eq!(
            r.summary.as_deref(),
            Some("In April 2019, Example Shop was breached & leaked.")
        );
        assert_eq!(r.published, chrono::NaiveDate::from_ymd_opt(2019, 5, 2));
    }

    #[test]
    fn fabricated_is_unconfirmed_and_a_nameless_entry_is_rejected() {
        let v = json!({"Name": "Fake", "IsVerified": true, "IsFabricated": true});
        assert!(!from_value(&v).unwrap().incident.confirmed);
        assert!(from_value(&json!({"Title": "x"})).is_err());
    }
}
