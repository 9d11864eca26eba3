//! VERIS 1.4 incident JSON, valid against the VCDB merged schema. An incident imported from
//! VCDB keeps its original actors, actions (varieties valid in 1.4), data varieties, record
//! counts, timeline and victim facts; any other incident is written from leakwatch's fields
//! through the taxonomy (`data/taxonomy.toml`, `[veris.from_cause]`, `[veris.from_data_type]`).

use super::ExportIncident;
use crate::taxonomy::Taxonomy;
use chrono::Datelike;
use serde_json::{json, Map, Value};

const ACTION_KINDS: &[&str] = &[
    "hacking",
    "malware",
    "social",
    "error",
    "misuse",
    "physical",
    "environmental",
    "unknown",
];
const ACTOR_KINDS: &[&str] = &["external", "internal", "partner", "unknown"];

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

/// One action kind with the varieties it may carry, and the vector/target fields the schema
/// requires.
fn action_entry(kind: &str, varieties: Vec<String>) -> Value {
    let t = Taxonomy::get();
    let mut kept: Vec<String> = varieties
        .into_iter()
        .filter(|v| t.is_veris_action_variety(kind, v))
        .collect();
    kept.dedup();
    if kept.is_empty() {
        kept.push("Unknown".into());
    }
    match kind {
        "unknown" => json!({}),
        "environmental" => json!({"variety": kept}),
        "social" => json!({"variety": kept, "vector": ["Unknown"], "target": ["Unknown"]}),
        _ => json!({"variety": kept, "vector": ["Unknown"]}),
    }
}

fn actor_entry(kind: &str, varieties: Vec<String>) -> Value {
    let t = Taxonomy::get();
    let mut kept: Vec<String> = varieties
        .into_iter()
        .filter(|v| t.is_veris_actor_variety(kind, v))
        .collect();
    kept.dedup();
    if kept.is_empty() {
        kept.push("Unknown".into());
    }
    match kind {
        "unknown" => json!({}),
        "partner" => json!({"country": ["Unknown"], "motive": ["Unknown"]}),
        _ => json!({"variety": kept, "motive": ["Unknown"]}),
    }
}

/// A NAICS code the VERIS 1.4 schema accepts: 2–6 digits starting with a sector prefix (or 00).
fn valid_naics(s: &str) -> bool {
    const SECTORS: &[&str] = &[
        "00", "11", "21", "22", "23", "31", "32", "33", "42", "44", "45", "48", "49", "51", "52",
        "53", "54", "55", "56", "61", "62", "71", "72", "81", "92",
    ];
    (2..=6).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_digit())
        && SECTORS.iter().any(|p| s.starts_with(p))
}

fn ymd(d: chrono::NaiveDate) -> Value {
    json!({"year": d.year(), "month": d.month(), "day": d.day()})
}

/// The VERIS document of one incident.
pub fn incident(e: &ExportIncident) -> Value {
    let t = Taxonomy::get();
    let i = &e.incident;
    let original = e.sources.iter().find_map(|s| s.veris.as_ref());
    // Actions and actors.
    let mut action = Map::new();
    let mut actor = Map::new();
    if let Some(o) = original {
        if let Some(a) = o.get("action").and_then(Value::as_object) {
            for (k, v) in a {
                let k = k.to_ascii_lowercase();
                if ACTION_KINDS.contains(&k.as_str()) {
                    action.insert(k.clone(), action_entry(&k, strs(v.get("variety"))));
                }
            }
        }
        if let Some(a) = o.get("actor").and_then(Value::as_object) {
            for (k, v) in a {
                let k = k.to_ascii_lowercase();
                if ACTOR_KINDS.contains(&k.as_str()) {
                    actor.insert(k.clone(), actor_entry(&k, strs(v.get("variety"))));
                }
            }
        }
    }
    if action.is_empty() {
        match t.veris_of_cause(i.cause) {
            Some(a) => {
                let varieties = if a.variety.is_empty() {
                    vec![]
                } else {
                    vec![a.variety.clone()]
                };
                action.insert(a.action.clone(), action_entry(&a.action, varieties));
            }
            None => {
                action.insert("unknown".into(), json!({}));
            }
        }
    }
    if actor.is_empty() {
        let kind = t
            .veris_of_cause(i.cause)
            .map_or("unknown", |a| a.actor.as_str())
            .to_string();
        actor.insert(kind.clone(), actor_entry(&kind, vec![]));
    }
    // Data.
    let mut data: Vec<Value> = Vec::new();
    let mut varieties: Vec<String> = Vec::new();
    if let Some(d) = original
        .and_then(|o| o.get("data"))
        .and_then(Value::as_array)
    {
        for item in d {
            if let Some(v) = item.get("variety").and_then(Value::as_str) {
                if t.is_veris_data_variety(v) && !varieties.iter().any(|x| x == v) {
                    varieties.push(v.to_string());
                    let mut entry = json!({"variety": v});
                    if let Some(a) = item.get("amount").and_then(Value::as_u64) {
                        entry["amount"] = json!(a);
                    }
                    data.push(entry);
                }
            }
        }
    }
    for dt in &i.data_types {
        let v = t.veris_of_data_type(*dt);
        if !varieties.iter().any(|x| x == v) {
            varieties.push(v.to_string());
            data.push(json!({"variety": v}));
        }
    }
    let mut confidentiality = json!({
        "data_disclosure": if i.confirmed { "Yes" } else { "Potentially" },
    });
    if !data.is_empty() {
        confidentiality["data"] = Value::Array(data);
    }
    let total = original
        .and_then(|o| o.get("data_total"))
        .and_then(Value::as_u64)
        .or(i.affected.as_ref().map(|a| a.value));
    if let Some(n) = total {
        confidentiality["data_total"] = json!(n);
    }
    // Timeline.
    let mut timeline = json!({});
    let original_incident = original
        .and_then(|o| o.get("timeline_incident"))
        .filter(|v| v.get("year").and_then(Value::as_i64).is_some());
    if let Some(ti) = original_incident {
        let mut keep = Map::new();
        for k in ["year", "month", "day"] {
            if let Some(n) = ti.get(k).and_then(Value::as_i64) {
                keep.insert(k.to_string(), json!(n));
            }
        }
        timeline["incident"] = Value::Object(keep);
    } else if let Some(d) = i.dates.occurred.or(i.reported_on) {
        timeline["incident"] = ymd(d);
    }
    // Victim.
    let mut country: Vec<String> = original
        .map(|o| strs(o.get("country")))
        .unwrap_or_default()
        .into_iter()
        .filter(|c| (c.len() == 2 && c.chars().all(|x| x.is_ascii_uppercase())) || c == "Unknown")
        .collect();
    if country.is_empty() {
        country.push("Unknown".into());
    }
    let industry = original
        .and_then(|o| o.get("industry"))
        .and_then(Value::as_str)
        .filter(|s| valid_naics(s))
        .unwrap_or("000")
        .to_string();
    let mut victim = json!({
        "victim_id": i.organization,
        "country": country,
        "employee_count": "Unknown",
        "industry": industry,
        "government": ["Unknown"],
    });
    if !i.related.is_empty() {
        let names: Vec<&str> = i
            .related
            .iter()
            .filter(|r| r.role == leakwatch_model::RelationRole::DataOwner)
            .map(|r| r.name.as_str())
            .collect();
        if !names.is_empty() {
            victim["secondary"] = json!({"amount": names.len(), "victim_id": names});
        }
    }
    let summary = e.summary().map(str::to_string).unwrap_or_else(|| {
        format!(
            "{}: {}{}",
            i.organization,
            i.cause,
            i.affected
                .as_ref()
                .map(|a| format!(", {a}"))
                .unwrap_or_default()
        )
    });
    let mut doc = json!({
        "schema_version": "1.4.0",
        "schema_name": "vcdb",
        "incident_id": e.uid,
        "source_id": "leakwatch",
        "security_incident": if i.confirmed { "Confirmed" } else { "Suspected" },
        "summary": summary,
        "victim": victim,
        "action": action,
        "actor": actor,
        "asset": {"assets": [{"variety": "Unknown"}], "cloud": ["Unknown"]},
        "attribute": {"confidentiality": confidentiality},
        "discovery_method": {"unknown": true},
        "timeline": timeline,
        "plus": {
            "master_id": e.uid,
            "leakwatch": {
                "sources": e.sources.iter().map(|s| json!({
                    "doc_id": s.doc_id,
                    "dataset": s.dataset,
                    "record_id": s.record_id,
                    "url": s.url,
                })).collect::<Vec<_>>(),
            },
        },
    });
    let urls = e.urls();
    if !urls.is_empty() {
        doc["reference"] = json!(urls.join("; "));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn naics_codes_outside_the_schema_become_unknown() {
        assert!(valid_naics("622110"));
        assert!(valid_naics("000"));
        assert!(!valid_naics("0"));
        assert!(!valid_naics("67330102"));
        assert!(!valid_naics("99"));
    }

    #[test]
    fn leakwatch_fields_become_veris() {
        let e = fixtures::incident();
        let v = incident(&e);
        assert_eq!(v["schema_version"], "1.4.0");
        assert_eq!(v["action"]["malware"]["variety"], json!(["Ransomware"]));
        assert_eq!(v["actor"]["external"]["variety"], json!(["Unknown"]));
        assert_eq!(v["attribute"]["confidentiality"]["data_total"], 1200);
        assert_eq!(
            v["timeline"]["incident"],
            json!({"year": 2023, "month": 11, "day": 8})
        );
        assert_eq!(v["security_incident"], "Confirmed");
        assert_eq!(v["reference"], "https://example.org/news");
        assert_eq!(v["plus"]["leakwatch"]["sources"][0]["record_id"], "X");
    }

    #[test]
    fn original_veris_facts_win_and_invalid_varieties_are_dropped() {
        let mut e = fixtures::incident();
        e.sources[0].veris = Some(json!({
            "action": {"hacking": {"variety": ["SQLi", "Not a 1.4 variety"]}},
            "actor": {"external": {"variety": ["Organized crime"]}},
            "data": [{"variety": "Medical", "amount": 300}],
            "data_total": 300,
            "timeline_incident": {"year": 2012},
            "country": "GB",
        }));
        let v = incident(&e);
        assert_eq!(v["action"]["hacking"]["variety"], json!(["SQLi"]));
        assert!(v["action"].get("malware").is_none());
        assert_eq!(
            v["actor"]["external"]["variety"],
            json!(["Organized crime"])
        );
        assert_eq!(
            v["attribute"]["confidentiality"]["data"][0],
            json!({"variety": "Medical", "amount": 300})
        );
        assert_eq!(v["attribute"]["confidentiality"]["data_total"], 300);
        assert_eq!(v["timeline"]["incident"], json!({"year": 2012}));
        assert_eq!(v["victim"]["country"], json!(["GB"]));
    }
}
