//! Evidence kept by reference. An evidence sentence is a stretch of its own document's text,
//! so a source's stored candidate writes each evidence of that document as four numbers,
//! `[sentence start, sentence end, span start, span end]` (bytes), instead of the object with a
//! copy of the sentence and the document's id (the copies were over a third of a database's
//! size); loading the source rebuilds the object from the document. Confidences are written as
//! the `f32`s they are (`0.8`, not `0.800000011920929`). Evidence whose sentence is not found
//! verbatim, or that belongs to another document, is kept as an object, as are the objects
//! written before this form.

use crate::error::StoreError;
use leakwatch_model::CandidateIncident;
use serde_json::{Map, Value};

/// Calls `f` on every JSON object inside `v` (depth first).
fn each_object(
    v: &mut Value,
    f: &mut impl FnMut(&mut Map<String, Value>) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    match v {
        Value::Object(map) => {
            f(map)?;
            for child in map.values_mut() {
                each_object(child, f)?;
            }
        }
        Value::Array(items) => {
            for child in items {
                each_object(child, f)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The four numbers standing for an evidence object of document `doc_id` whose sentence is
/// found in `text`, or None.
fn compact_evidence(evidence: &Value, doc_id: &str, text: &str) -> Option<Value> {
    let map = evidence.as_object()?;
    if map.get("doc_id").and_then(Value::as_str) != Some(doc_id) {
        return None;
    }
    let sentence = map.get("sentence").and_then(Value::as_str)?;
    let span = map.get("span")?;
    let (start, end) = (span.get("start")?.as_u64()?, span.get("end")?.as_u64()?);
    if sentence.is_empty() {
        return None;
    }
    let at = text.find(sentence)? as u64;
    Some(Value::from(vec![
        at,
        at + sentence.len() as u64,
        start,
        end,
    ]))
}

/// The candidate as stored: its evidence of document `doc_id` (whose text is `text`) as
/// places in the text.
pub(crate) fn candidate_json(
    candidate: &CandidateIncident,
    doc_id: &str,
    text: &str,
) -> Result<String, StoreError> {
    let mut v = serde_json::to_value(candidate)
        .map_err(|e| StoreError::invalid(format!("cannot serialise a candidate: {e}")))?;
    each_object(&mut v, &mut |map| {
        if let Some(evidence) = map.get_mut("evidence") {
            if let Some(places) = compact_evidence(evidence, doc_id, text) {
                *evidence = places;
            }
        }
        Ok(())
    })?;
    shorten_floats(&mut v);
    serde_json::to_string(&v)
        .map_err(|e| StoreError::invalid(format!("cannot serialise a candidate: {e}")))
}

/// Every number that is an `f32` widened to `f64` written as the shortest decimal that reads
/// back as the same `f32`.
fn shorten_floats(v: &mut Value) {
    match v {
        Value::Number(n) if n.is_f64() => {
            if let Some(x) = n.as_f64() {
                #[allow(clippy::cast_possible_truncation)] // checked: the f32 widens back to x
                let single = x as f32;
                if f64::from(single) == x {
                    if let Ok(Value::Number(short)) =
                        serde_json::from_str::<Value>(&single.to_string())
                    {
                        *n = short;
                    }
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(shorten_floats),
        Value::Object(map) => map.values_mut().for_each(shorten_floats),
        _ => {}
    }
}

/// A stored candidate of document `doc_id` read back: evidence stored as places in `text` (its
/// document's) becomes objects with their sentence again. `what` names the row in errors.
pub(crate) fn parse_candidate(
    json: &str,
    doc_id: &str,
    text: &str,
    what: &str,
) -> Result<CandidateIncident, StoreError> {
    let corrupt = |e: String| StoreError::corrupt(format!("{what}: candidate JSON {e}"));
    let mut v: Value =
        serde_json::from_str(json).map_err(|e| corrupt(format!("does not parse: {e}")))?;
    each_object(&mut v, &mut |map| {
        let Some(evidence) = map.get_mut("evidence") else {
            return Ok(());
        };
        let Some(places) = evidence.as_array() else {
            return Ok(());
        };
        let numbers: Option<Vec<usize>> = places
            .iter()
            .map(|n| n.as_u64().and_then(|n| usize::try_from(n).ok()))
            .collect();
        let outside = || corrupt(format!("has evidence {evidence} outside its document"));
        let Some(&[s, e, start, end]) = numbers.as_deref() else {
            return Err(outside());
        };
        let sentence = text.get(s..e).ok_or_else(outside)?;
        *evidence = serde_json::json!({
            "doc_id": doc_id,
            "span": {"start": start, "end": end},
            "sentence": sentence,
        });
        Ok(())
    })?;
    serde_json::from_value(v).map_err(|e| corrupt(format!("does not parse: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_model::{DocId, Evidence, Field, Span};

    fn evidence(doc: &str, text: &str, sentence: &str) -> Evidence {
        let start = text.find(sentence).unwrap_or(0);
        Evidence {
            doc_id: DocId(doc.to_string()),
            span: Span::new(start, start + 3),
            sentence: sentence.to_string(),
        }
    }

    fn candidate(org: Field<String>) -> CandidateIncident {
        CandidateIncident::new(org)
    }

    #[test]
    fn sentences_of_the_document_round_trip_through_places() {
        let text = "お知らせ\n株式会社見本商事のサーバーに不正アクセスがありました。\n以上";
        let sentence = "株式会社見本商事のサーバーに不正アクセスがありました。";
        let c = candidate(Field {
            value: "株式会社見本商事".to_string(),
            confidence: 0.9,
            rule: "test".to_string(),
            evidence: Some(evidence("d1", text, sentence)),
        });
        let json = candidate_json(&c, "d1", text).unwrap();
        assert!(
            !json.contains("不正アクセス"),
            "the sentence is not copied: {json}"
        );
        assert!(!json.contains("d1"), "nor its document's id: {json}");
        assert!(json.contains("\"evidence\":["), "{json}");
        assert!(json.contains("\"confidence\":0.9,"), "{json}");
        assert_eq!(parse_candidate(&json, "d1", text, "test").unwrap(), c);
    }

    #[test]
    fn sentences_not_in_the_text_or_of_another_document_are_kept() {
        let text = "本文です。";
        let mut c = candidate(Field {
            value: "見本市".to_string(),
            confidence: 0.5,
            rule: "test".to_string(),
            evidence: Some(evidence("d1", text, "どこにもない文。")),
        });
        let json = candidate_json(&c, "d1", text).unwrap();
        assert!(json.contains("どこにもない文。"));
        assert_eq!(parse_candidate(&json, "d1", text, "test").unwrap(), c);
        c.organization.evidence = Some(evidence("other", text, "本文です。"));
        let json = candidate_json(&c, "d1", text).unwrap();
        assert!(json.contains("本文です。"));
    }

    #[test]
    fn a_place_outside_the_text_is_corruption_not_a_panic() {
        let json = r#"{"organization":{"value":"x","confidence":1.0,"rule":"r",
            "evidence":[2,999,0,1]}}"#;
        let err = parse_candidate(json, "d", "短い", "source 1/2").unwrap_err();
        assert!(err.to_string().contains("source 1/2"), "{err}");
        // A range that cuts a character in two is refused the same way.
        let json = json.replace("[2,999,0,1]", "[1,3,0,1]");
        assert!(parse_candidate(&json, "d", "短い", "source").is_err());
    }
}
