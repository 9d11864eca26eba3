//! MISP events: one per incident, with attributes (victim, count, attacker, source `link`s,
//! description), tags (leakwatch cause and data types, TLP) and the ransomware group as a
//! `misp-galaxy:ransomware` cluster tag. UUIDs are UUIDv5 of the incident's uid.

use super::{uuid5, ExportIncident};
use leakwatch_model::Cause;
use serde_json::{json, Value};

/// The TLP of exported events (public-source data).
pub const TLP: &str = "tlp:clear";

fn attribute(uid: &str, kind: &str, category: &str, value: &str, comment: &str) -> Value {
    json!({
        "uuid": uuid5(&format!("misp/attribute/{uid}/{kind}/{value}")).to_string(),
        "type": kind,
        "category": category,
        "value": value,
        "comment": comment,
        "to_ids": false,
        "distribution": "5",
    })
}

/// One incident's event (`{"Event": {...}}`).
pub fn event(e: &ExportIncident) -> Value {
    let i = &e.incident;
    let uid = &e.uid;
    let mut attrs = vec![attribute(
        uid,
        "target-org",
        "Targeting data",
        &i.organization,
        "victim",
    )];
    for a in &i.aliases {
        attrs.push(attribute(uid, "text", "Other", a, "victim alias"));
    }
    if let Some(a) = &i.affected {
        attrs.push(attribute(
            uid,
            "counter",
            "Other",
            &a.value.to_string(),
            &format!("affected ({}, {})", a.unit, a.qualifier),
        ));
    }
    if let Some(a) = &i.attacker {
        attrs.push(attribute(uid, "threat-actor", "Attribution", a, "attacker"));
    }
    for u in e.urls() {
        attrs.push(attribute(uid, "link", "External analysis", &u, "source"));
    }
    if let Some(s) = e.summary() {
        attrs.push(attribute(uid, "text", "Other", s, "description"));
    }
    let mut tags = vec![
        json!({"name": TLP}),
        json!({"name": format!("leakwatch:cause=\"{}\"", i.cause)}),
    ];
    for d in &i.data_types {
        tags.push(json!({"name": format!("leakwatch:data-type=\"{}\"", d)}));
    }
    if i.card_data {
        tags.push(json!({"name": "leakwatch:card-data"}));
    }
    tags.push(
        json!({"name": if i.confirmed { "leakwatch:confirmed" } else { "leakwatch:claimed" }}),
    );
    if let (Cause::Ransomware, Some(group)) = (i.cause, &i.attacker) {
        tags.push(json!({"name": format!("misp-galaxy:ransomware=\"{group}\"")}));
    }
    let date = i
        .reported_on
        .or(i.dates.occurred)
        .map(|d| d.to_string())
        .unwrap_or_else(|| "1970-01-01".into());
    json!({
        "Event": {
            "uuid": uid,
            "info": format!("Data leak: {} ({})", i.organization, i.cause),
            "date": date,
            "threat_level_id": "3",
            "analysis": if i.confirmed { "2" } else { "0" },
            "distribution": "3",
            "published": false,
            "Attribute": attrs,
            "Tag": tags,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn an_event_with_attributes_tags_and_galaxy() {
        let e = fixtures::incident();
        let v = event(&e);
        let ev = &v["Event"];
        assert_eq!(ev["uuid"], e.uid);
        let types: Vec<&str> = ev["Attribute"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["type"].as_str().unwrap())
            .collect();
        assert_eq!(
            types,
            [
                "target-org",
                "text",
                "counter",
                "threat-actor",
                "link",
                "text"
            ]
        );
        let tags: Vec<&str> = ev["Tag"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        assert!(tags.contains(&"tlp:clear"));
        assert!(tags.contains(&"leakwatch:cause=\"ransomware\""));
        assert!(tags.contains(&"leakwatch:data-type=\"health\""));
        assert!(tags.contains(&"misp-galaxy:ransomware=\"lockbit\""));
        assert_eq!(v, event(&e));
    }
}
