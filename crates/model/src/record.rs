//! The gold-schema record (`shared/corpus/GOLD_SCHEMA.md`): the exact JSON shape that
//! `leakwatch extract --format jsonl` prints and the scorer reads. Field order follows the schema.

use crate::vocab::{Cause, CountQualifier, DataType, RelationRole};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One document's incidents, as the gold files record them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub doc_id: String,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: String,
    pub incidents: Vec<IncidentRecord>,
}

/// One incident in the gold schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentRecord {
    pub organization: String,
    pub aliases: Vec<String>,
    pub related: Vec<RelatedRecord>,
    pub cause: Cause,
    pub affected_count: Option<u64>,
    pub affected_qualifier: CountQualifier,
    pub affected_unit: Option<String>,
    pub data_volume: Option<String>,
    pub data_types: Vec<DataType>,
    pub card_data: bool,
    pub confirmed: bool,
    pub dates: DatesRecord,
    pub attacker: Option<String>,
    pub regulator_action: Option<String>,
    pub financial_impact_jpy: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedRecord {
    pub name: String,
    pub role: RelationRole,
}

/// The five schema dates; all are always present in the JSON (null when absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatesRecord {
    pub occurred: Option<NaiveDate>,
    pub detected: Option<NaiveDate>,
    pub disclosed: Option<NaiveDate>,
    pub reported_police: Option<NaiveDate>,
    pub reported_ppc: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_in_schema_shape_with_nulls() {
        let rec = DocumentRecord {
            doc_id: "x".into(),
            url: None,
            published: NaiveDate::from_ymd_opt(2025, 10, 29),
            language: "ja".into(),
            incidents: vec![IncidentRecord {
                organization: "徳島県".into(),
                aliases: vec![],
                related: vec![RelatedRecord {
                    name: "株式会社イセトー".into(),
                    role: RelationRole::Processor,
                }],
                cause: Cause::Ransomware,
                affected_count: Some(96),
                affected_qualifier: CountQualifier::Exact,
                affected_unit: Some("件".into()),
                data_volume: None,
                data_types: vec![DataType::Address],
                card_data: false,
                confirmed: false,
                dates: DatesRecord::default(),
                attacker: None,
                regulator_action: None,
                financial_impact_jpy: None,
            }],
        };
        let json = serde_json::to_string(&rec).unwrap();
        assert!(json.starts_with(r#"{"doc_id":"x","url":null,"published":"2025-10-29","language":"ja","incidents":[{"organization":"徳島県""#));
        assert!(json.contains(r#""role":"processor""#));
        assert!(json.contains(r#""dates":{"occurred":null,"detected":null,"disclosed":null,"reported_police":null,"reported_ppc":null}"#));
        let back: DocumentRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rec);
    }
}
