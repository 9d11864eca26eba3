//! VCDB / VERIS incident JSON (schema 1.2 to 1.4), one incident per file.
//!
//! Quirks handled: `victim` an object or a list; `victim.country` a string (1.2) or a list
//! (1.3+); `.JSON` suffixes (see `discover`); an empty `action` (cause unknown); secondary
//! victims (`victim.secondary.victim_id`, "Name; NAICS") as data owners of a vendor breach.
//! The VERIS actor, action, data and timeline are kept verbatim in the document (`veris:`
//! detail line) so the VERIS export writes them back.

use crate::record::ImportRecord;
use crate::taxonomy::Taxonomy;
use crate::{Batch, InteropError, Rejected};
use chrono::NaiveDate;
use leakwatch_model::{Cause, CountQualifier, RelatedRecord, RelationRole};
use serde_json::{json, Map, Value};
use std::path::Path;

/// The detail key holding the original VERIS facts.
pub const VERIS_DETAIL: &str = "veris";

/// Reads one VERIS JSON file (an object, or an array of objects).
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Batch, InteropError> {
    let text = crate::read_text(path, max_bytes)?;
    let value: Value = serde_json::from_str(&text).map_err(|source| InteropError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    let file = path.display().to_string();
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("record")
        .to_string();
    let items: Vec<&Value> = match &value {
        Value::Array(a) => a.iter().collect(),
        v => vec![v],
    };
    let mut batch = Batch::default();
    for (i, item) in items.into_iter().enumerate() {
        let fallback = if i == 0 {
            stem.clone()
        } else {
            format!("{stem}#{i}")
        };
        match from_value(item, &fallback) {
            Ok(r) => batch.records.push(r),
            Err(reason) => batch.rejected.push(Rejected {
                file: file.clone(),
                line: None,
                record: Some(
                    item.get("incident_id")
                        .and_then(Value::as_str)
                        .unwrap_or(&fallback)
                        .to_string(),
                ),
                reason,
            }),
        }
    }
    Ok(batch)
}

fn strs(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// One VERIS incident → a record; Err(reason) when it cannot be an incident.
pub fn from_value(v: &Value, fallback_id: &str) -> Result<ImportRecord, String> {
    let obj = v.as_object().ok_or("not a JSON object")?;
    let id = obj
        .get("incident_id")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(fallback_id)
        .trim()
        .to_string();
    let victim = match obj.get("victim") {
        Some(Value::Array(a)) => a.first().cloned().unwrap_or(Value::Null),
        Some(v) => v.clone(),
        None => Value::Null,
    };
    let name = victim
        .get("victim_id")
        .and_then(Value::as_str)
        .map(crate::record::clean_line)
        .unwrap_or_default();
    if name.is_empty() {
        return Err("no victim name (victim.victim_id is missing or empty)".into());
    }
    let t = Taxonomy::get();
    let mut r = ImportRecord::new("vcdb", &id, &name);
    // Secondary victims: the organisations whose data the victim held.
    if let Some(sec) = victim.get("secondary") {
        for s in strs(sec.get("victim_id")) {
            let n = crate::record::clean_line(s.split(';').next().unwrap_or(""));
            if !n.is_empty() && n != name {
                r.incident.related.push(RelatedRecord {
                    name: n,
                    role: RelationRole::DataOwner,
                });
            }
        }
    }
    // Further victims of a list are data owners too.
    if let Some(Value::Array(a)) = obj.get("victim") {
        for extra in a.iter().skip(1) {
            if let Some(n) = extra.get("victim_id").and_then(Value::as_str) {
                let n = crate::record::clean_line(n);
                if !n.is_empty() && n != name {
                    r.incident.related.push(RelatedRecord {
                        name: n,
                        role: RelationRole::DataOwner,
                    });
                }
            }
        }
    }
    // Cause: the most specific over every action.
    let empty = Map::new();
    let actions = obj
        .get("action")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let mut cause = Cause::Unknown;
    for (kind, detail) in actions {
        let varieties = strs(detail.get("variety"));
        let c = t.cause_of_veris_action(&kind.to_ascii_lowercase(), &varieties);
        if c.specificity() > cause.specificity() {
            cause = c;
        }
    }
    r.incident.cause = cause;
    // Data and records.
    let conf = obj.get("attribute").and_then(|a| a.get("confidentiality"));
    let mut max_amount: Option<u64> = None;
    if let Some(data) = conf.and_then(|c| c.get("data")).and_then(Value::as_array) {
        for d in data {
            if let Some(variety) = d.get("variety").and_then(Value::as_str) {
                for dt in t.data_types_of_veris(variety) {
                    if !r.incident.data_types.contains(dt) {
                        r.incident.data_types.push(*dt);
                    }
                }
            }
            if let Some(a) = d.get("amount").and_then(Value::as_u64) {
                max_amount = Some(max_amount.map_or(a, |m| m.max(a)));
            }
        }
    }
    let total = conf
        .and_then(|c| c.get("data_total"))
        .and_then(Value::as_u64)
        .or(max_amount)
        .filter(|n| *n > 0);
    if let Some(n) = total {
        r.incident.affected_count = Some(n);
        r.incident.affected_qualifier = CountQualifier::Exact;
        r.incident.affected_unit = Some("records".into());
    }
    r.incident.card_data = r.incident.data_types.iter().any(|d| d.is_card());
    r.incident.confirmed = obj
        .get("security_incident")
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("confirmed"));
    // Dates: the incident (only when the month is known: a year alone is not an event date)
    // and the notification.
    let timeline = obj.get("timeline").cloned().unwrap_or(Value::Null);
    r.incident.dates.occurred = ymd(timeline.get("incident"), false);
    let notification = obj
        .get("plus")
        .and_then(|p| p.get("timeline"))
        .and_then(|t| t.get("notification"));
    r.incident.dates.disclosed = ymd(notification, false);
    r.incident.dates.detected = ymd(timeline.get("discovery"), false);
    r.url = obj
        .get("reference")
        .and_then(Value::as_str)
        .and_then(first_url);
    r.summary = obj
        .get("summary")
        .and_then(Value::as_str)
        .map(crate::record::clean_line)
        .filter(|s| !s.is_empty());
    // The VERIS facts the export writes back.
    let country = strs(victim.get("country"));
    let keep = json!({
        "schema_version": obj.get("schema_version").cloned().unwrap_or(Value::Null),
        "security_incident": obj.get("security_incident").cloned().unwrap_or(Value::Null),
        "actor": obj.get("actor").cloned().unwrap_or(Value::Null),
        "action": obj.get("action").cloned().unwrap_or(Value::Null),
        "data": conf.and_then(|c| c.get("data")).cloned().unwrap_or(Value::Null),
        "data_total": conf.and_then(|c| c.get("data_total")).cloned().unwrap_or(Value::Null),
        "data_disclosure": conf.and_then(|c| c.get("data_disclosure")).cloned().unwrap_or(Value::Null),
        "timeline_incident": timeline.get("incident").cloned().unwrap_or(Value::Null),
        "country": country,
        "industry": victim.get("industry").cloned().unwrap_or(Value::Null),
        "employee_count": victim.get("employee_count").cloned().unwrap_or(Value::Null),
        "state": victim.get("state").cloned().unwrap_or(Value::Null),
    });
    r.details.push((VERIS_DETAIL.to_string(), keep.to_string()));
    Ok(r)
}

/// A VERIS `{year, month, day}`: None without a year and month (unless `year_only`).
fn ymd(v: Option<&Value>, year_only: bool) -> Option<NaiveDate> {
    let v = v?;
    let year = v.get("year").and_then(Value::as_i64)? as i32;
    let month = v.get("month").and_then(Value::as_u64);
    if month.is_none() && !year_only {
        return None;
    }
    let month = month.unwrap_or(1) as u32;
    let day = v.get("day").and_then(Value::as_u64).unwrap_or(1) as u32;
    NaiveDate::from_ymd_opt(year, month, day)
        .or_else(|| NaiveDate::from_ymd_opt(year, month, 1))
        .filter(|d| crate::text::plausible(*d))
}

/// The first http(s) URL of a VERIS `reference` (which may list several, or a case number).
fn first_url(s: &str) -> Option<String> {
    s.split(|c: char| c.is_whitespace() || c == ';' || c == ',')
        .map(str::trim)
        .find(|p| p.starts_with("http://") || p.starts_with("https://"))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_model::DataType;

    fn v12() -> Value {
        json!({
            "incident_id": "ABC-1",
            "schema_version": "1.2.1",
            "security_incident": "Confirmed",
            "victim": {"victim_id": "Example Clinic", "country": "US", "industry": "622110"},
            "action": {"error": {"variety": ["Loss"]}, "physical": {"variety": ["Theft"]}},
            "actor": {"internal": {"variety": ["End-user"], "motive": ["NA"]}},
            "attribute": {"confidentiality": {"data": [{"variety": "Medical", "amount": 300}], "data_total": 1200}},
            "timeline": {"incident": {"year": 2012, "month": 5, "day": 3}},
            "plus": {"timeline": {"notification": {"year": 2012, "month": 6, "day": 1}}},
            "reference": "http://example.org/a ; http://example.org/b",
            "summary": "Laptop  lost."
        })
    }

    #[test]
    fn reads_a_1_2_record() {
        let r = from_value(&v12(), "f").unwrap();
        assert_eq!(r.record_id, "ABC-1");
        assert_eq!(r.incident.organization, "Example Clinic");
        // Loss and theft: equally specific, the first seen stays.
        assert!(matches!(r.incident.cause, Cause::Loss | Cause::Theft));
        assert_eq!(r.incident.affected_count, Some(1200));
        assert_eq!(r.incident.data_types, vec![DataType::Health]);
        assert!(r.incident.confirmed);
        assert_eq!(
            r.incident.dates.occurred,
            NaiveDate::from_ymd_opt(2012, 5, 3)
        );
        assert_eq!(
            r.incident.dates.disclosed,
            NaiveDate::from_ymd_opt(2012, 6, 1)
        );
        assert_eq!(r.url.as_deref(), Some("http://example.org/a"));
        assert_eq!(r.summary.as_deref(), Some("Laptop lost."));
    }

    #[test]
    fn country_list_empty_action_and_secondary_victims() {
        let mut v = v12();
        v["victim"] = json!({"victim_id": "Vendor Inc", "country": ["US", "CA"],
            "secondary": {"amount": 2, "victim_id": ["Client A; 622110", "Client B"]}});
        v["action"] = json!({});
        v["timeline"] = json!({"incident": {"year": 2013}});
        let r = from_value(&v, "f").unwrap();
        assert_eq!(r.incident.cause, Cause::Unknown);
        assert_eq!(
            r.incident.dates.occurred, None,
            "a year alone is no event date"
        );
        let names: Vec<_> = r.incident.related.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Client A", "Client B"]);
        assert!(r
            .incident
            .related
            .iter()
            .all(|x| x.role == RelationRole::DataOwner));
        let veris: Value = serde_json::from_str(&r.details[0].1).unwrap();
        assert_eq!(veris["country"], json!(["US", "CA"]));
    }

    #[test]
    fn implausible_years_are_no_dates() {
        let mut v = v12();
        v["plus"]["timeline"]["notification"]["year"] = json!(2103);
        assert_eq!(from_value(&v, "f").unwrap().incident.dates.disclosed, None);
    }

    #[test]
    fn no_victim_name_is_rejected_with_a_reason() {
        let mut v = v12();
        v["victim"] = json!({"country": "US", "victim_id": ""});
        let err = from_value(&v, "f").unwrap_err();
        assert!(err.contains("victim_id"));
    }

    #[test]
    fn victim_as_a_list() {
        let mut v = v12();
        v["victim"] = json!([{"victim_id": "Main Co", "country": "US"}, {"victim_id": "Other Co"}]);
        let r = from_value(&v, "f").unwrap();
        assert_eq!(r.incident.organization, "Main Co");
        assert_eq!(r.incident.related[0].name, "Other Co");
    }
}
