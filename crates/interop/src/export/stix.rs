//! A STIX 2.1 bundle: an `identity` per victim organisation, an `incident` per incident with
//! leakwatch's fields in a property extension (defined by an `extension-definition` in the
//! bundle; documented in `docs/stix-extension.md`), an `intrusion-set` for a ransomware group
//! or a `threat-actor` for another named attacker, `relationship`s between them, a `report`
//! per source document, a `note` per evidence sentence, and `external_references` to the
//! sources. Every id is a UUIDv5 of stable inputs; timestamps come from the data, so the same
//! database gives the same bundle.

use super::{uuid5, ExportIncident};
use leakwatch_model::Cause;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The extension's id (fixed: consumers key on it).
pub fn extension_id() -> String {
    format!(
        "extension-definition--{}",
        uuid5("stix/extension/leakwatch-incident/1")
    )
}

fn leakwatch_identity_id() -> String {
    format!("identity--{}", uuid5("stix/identity/leakwatch"))
}

/// A timestamp from a date (midnight UTC); the epoch when unknown.
fn ts(d: Option<chrono::NaiveDate>) -> String {
    match d {
        Some(d) => format!("{d}T00:00:00.000Z"),
        None => "1970-01-01T00:00:00.000Z".to_string(),
    }
}

const EPOCH: &str = "1970-01-01T00:00:00.000Z";

/// The bundle of every incident.
pub fn bundle(incidents: &[ExportIncident]) -> Value {
    let mut objects: BTreeMap<String, Value> = BTreeMap::new();
    let me = leakwatch_identity_id();
    objects.insert(
        me.clone(),
        json!({
            "type": "identity", "spec_version": "2.1", "id": me,
            "created": EPOCH, "modified": EPOCH,
            "name": "leakwatch", "identity_class": "system",
        }),
    );
    let ext = extension_id();
    objects.insert(
        ext.clone(),
        json!({
            "type": "extension-definition", "spec_version": "2.1", "id": ext,
            "created_by_ref": me, "created": EPOCH, "modified": EPOCH,
            "name": "leakwatch incident",
            "description": "leakwatch's incident fields: cause, affected count, data types, card data, confirmed, dates, attacker, regulator action, related organisations (docs/stix-extension.md).",
            "schema": "https://github.com/leakwatch/leakwatch/blob/main/docs/stix-extension.md",
            "version": "1.0.0",
            "extension_types": ["property-extension"],
        }),
    );
    let mut ids: Vec<String> = Vec::new();
    for e in incidents {
        let i = &e.incident;
        let created = ts(i.reported_on.or(i.dates.occurred));
        let org_key = leakwatch_jatext::normalize_org_name(&i.organization);
        let identity = format!("identity--{}", uuid5(&format!("stix/identity/{org_key}")));
        objects.entry(identity.clone()).or_insert_with(|| {
            json!({
                "type": "identity", "spec_version": "2.1", "id": identity,
                "created": EPOCH, "modified": EPOCH,
                "name": i.organization, "identity_class": "organization",
            })
        });
        let incident_id = format!("incident--{}", e.uid);
        let refs: Vec<Value> = e
            .sources
            .iter()
            .filter_map(|s| {
                let url = s.url.as_ref().filter(|u| super::is_uri(u))?;
                let mut r = json!({"source_name": s.dataset.clone().unwrap_or_else(|| "leakwatch".into()), "url": url});
                if let Some(id) = &s.record_id {
                    r["external_id"] = json!(id);
                }
                Some(r)
            })
            .collect();
        // STIX forbids empty lists and nulls: only what is known is written.
        let mut fields = json!({
            "extension_type": "property-extension",
            "cause": i.cause.as_str(),
            "card_data": i.card_data,
            "confirmed": i.confirmed,
        });
        if !i.data_types.is_empty() {
            fields["data_types"] =
                json!(i.data_types.iter().map(|d| d.as_str()).collect::<Vec<_>>());
        }
        if !i.aliases.is_empty() {
            fields["aliases"] = json!(i.aliases);
        }
        if !i.related.is_empty() {
            fields["related"] = json!(i
                .related
                .iter()
                .map(|r| json!({"name": r.name, "role": r.role.as_str()}))
                .collect::<Vec<_>>());
        }
        let d = &i.dates;
        let mut dates = serde_json::Map::new();
        for (k, v) in [
            ("occurred", d.occurred),
            ("detected", d.detected),
            ("disclosed", d.disclosed),
            ("reported_police", d.reported_police),
            ("reported_ppc", d.reported_ppc),
        ] {
            if let Some(v) = v {
                dates.insert(k.to_string(), json!(v.to_string()));
            }
        }
        if !dates.is_empty() {
            fields["dates"] = Value::Object(dates);
        }
        if let Some(a) = &i.affected {
            fields["affected_count"] = json!(a.value);
            fields["affected_qualifier"] = json!(a.qualifier.as_str());
            fields["affected_unit"] = json!(a.unit);
        }
        for (k, v) in [
            ("attacker", i.attacker.clone()),
            ("regulator_action", i.regulator_action.clone()),
            ("reported_on", i.reported_on.map(|d| d.to_string())),
        ] {
            if let Some(v) = v {
                fields[k] = json!(v);
            }
        }
        let description = e
            .summary()
            .map(str::to_string)
            .unwrap_or_else(|| format!("{} ({})", i.organization, i.cause));
        let mut inc = json!({
            "type": "incident", "spec_version": "2.1", "id": incident_id,
            "created": created, "modified": created,
            "name": format!("{}: {}", i.organization, i.cause),
            "description": description,
            "extensions": {ext.clone(): fields},
        });
        if !refs.is_empty() {
            inc["external_references"] = Value::Array(refs);
        }
        objects.insert(incident_id.clone(), inc);
        let mut rel = |source: &str, kind: &str, target: &str| {
            let id = format!(
                "relationship--{}",
                uuid5(&format!("stix/rel/{source}/{kind}/{target}"))
            );
            objects.insert(
                id.clone(),
                json!({
                    "type": "relationship", "spec_version": "2.1", "id": id,
                    "created": created, "modified": created,
                    "relationship_type": kind, "source_ref": source, "target_ref": target,
                }),
            );
        };
        rel(&incident_id, "related-to", &identity);
        if let Some(attacker) = &i.attacker {
            let key = leakwatch_jatext::normalize_org_name(attacker);
            let (kind, id) = if i.cause == Cause::Ransomware {
                (
                    "intrusion-set",
                    format!("intrusion-set--{}", uuid5(&format!("stix/actor/{key}"))),
                )
            } else {
                (
                    "threat-actor",
                    format!("threat-actor--{}", uuid5(&format!("stix/actor/{key}"))),
                )
            };
            let mut actor = json!({
                "type": kind, "spec_version": "2.1", "id": id,
                "created": EPOCH, "modified": EPOCH, "name": attacker,
            });
            if kind == "threat-actor" {
                actor["threat_actor_types"] = json!(["criminal"]);
            }
            rel(&id, "targets", &identity);
            rel(&incident_id, "attributed-to", &id);
            objects.entry(id).or_insert(actor);
        }
        for s in &e.sources {
            let id = format!(
                "report--{}",
                uuid5(&format!("stix/report/{}/{}", e.uid, s.content_hash))
            );
            let published = ts(s.published.or(i.reported_on));
            let mut report = json!({
                "type": "report", "spec_version": "2.1", "id": id,
                "created": published, "modified": published, "published": published,
                "name": s.title.clone().unwrap_or_else(|| s.doc_id.clone()),
                "report_types": ["threat-report"],
                "object_refs": [incident_id, identity],
            });
            if let Some(url) = s.url.as_ref().filter(|u| super::is_uri(u)) {
                report["external_references"] = json!([{"source_name": s.dataset.clone().unwrap_or_else(|| "leakwatch".into()), "url": url}]);
            }
            objects.insert(id, report);
        }
        for ev in &i.evidence {
            let Some(sentence) = &ev.sentence else {
                continue;
            };
            let id = format!(
                "note--{}",
                uuid5(&format!(
                    "stix/note/{}/{}/{}/{}",
                    e.uid, ev.doc_id, ev.field, ev.value
                ))
            );
            objects.insert(
                id.clone(),
                json!({
                    "type": "note", "spec_version": "2.1", "id": id,
                    "created": created, "modified": created,
                    "abstract": format!("{} = {}", ev.field, ev.value),
                    "content": sentence,
                    "object_refs": [incident_id],
                }),
            );
        }
        ids.push(e.uid.clone());
    }
    json!({
        "type": "bundle",
        "id": format!("bundle--{}", uuid5(&format!("stix/bundle/{}", ids.join(",")))),
        "objects": objects.into_values().collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn bundle_has_every_object_kind_and_is_deterministic() {
        let e = fixtures::incident();
        let b = bundle(std::slice::from_ref(&e));
        assert_eq!(b, bundle(std::slice::from_ref(&e)));
        let objs = b["objects"].as_array().unwrap();
        let count = |t: &str| objs.iter().filter(|o| o["type"] == t).count();
        assert_eq!(count("incident"), 1);
        assert_eq!(count("identity"), 2, "leakwatch + the victim");
        assert_eq!(count("intrusion-set"), 1, "a ransomware group");
        assert_eq!(count("report"), 1);
        assert_eq!(count("note"), 1);
        assert_eq!(count("relationship"), 3);
        assert_eq!(count("extension-definition"), 1);
        let inc = objs.iter().find(|o| o["type"] == "incident").unwrap();
        assert_eq!(inc["id"], format!("incident--{}", e.uid));
        let ext = &inc["extensions"][extension_id()];
        assert_eq!(ext["cause"], "ransomware");
        assert!(ext.get("related").is_none(), "no empty lists");
        assert_eq!(ext["dates"], json!({"occurred": "2023-11-08"}));
        assert_eq!(inc["external_references"][0]["external_id"], "X");
        let note = objs.iter().find(|o| o["type"] == "note").unwrap();
        assert_eq!(note["content"], "affected: 1200 records");
    }
}
