//! The merge rules' running state of one incident (`MergeSummary`): everything the headline is
//! derived from, kept per distinct value rather than per source, so merging a new source into an
//! incident costs the same with 2 sources or 2,000. Positions (`SourcePos`) keep the merge rules'
//! source order (earliest publication first) exact whatever order sources arrive in. Data only:
//! the rules that fill and read it live in the resolve crate.

use crate::extraction::AffectedCount;
use crate::record::{DatesRecord, IncidentRecord, RelatedRecord};
use crate::vocab::{Cause, DataType};
use crate::{Correction, IncidentId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a source stands in merge-rule order: dated before undated, then by publication date,
/// then by document key and candidate index (the order sources are stored in). Stored as an
/// array `[undated, published, document_key, candidate_index]` (an incident's summary holds
/// one per distinct value); the object form written before is still read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "SourcePosArray", from = "SourcePosForm")]
pub struct SourcePos {
    pub undated: bool,
    pub published: Option<NaiveDate>,
    pub document_key: i64,
    pub candidate_index: u32,
}

type SourcePosArray = (bool, Option<NaiveDate>, i64, u32);

/// Either stored form of a `SourcePos`.
#[derive(Deserialize)]
#[serde(untagged)]
enum SourcePosForm {
    Array(SourcePosArray),
    Object {
        undated: bool,
        published: Option<NaiveDate>,
        document_key: i64,
        candidate_index: u32,
    },
}

impl From<SourcePos> for SourcePosArray {
    fn from(p: SourcePos) -> Self {
        (p.undated, p.published, p.document_key, p.candidate_index)
    }
}

impl From<SourcePosForm> for SourcePos {
    fn from(form: SourcePosForm) -> Self {
        match form {
            SourcePosForm::Array((undated, published, document_key, candidate_index))
            | SourcePosForm::Object {
                undated,
                published,
                document_key,
                candidate_index,
            } => SourcePos {
                undated,
                published,
                document_key,
                candidate_index,
            },
        }
    }
}

/// A value with the position (and index within its source) where it was first or last stated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placed<T> {
    pub value: T,
    pub pos: SourcePos,
    /// Index of the value within its source's list (0 for single values).
    pub sub: u32,
}

/// One cause with how many sources stated it and the latest of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CauseTally {
    pub cause: Cause,
    pub sources: u64,
    pub latest: SourcePos,
}

/// The state the merge rules need, per distinct value (bounded by the distinct names, data
/// types and causes an incident was reported with, not by its number of sources).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MergeSummary {
    /// Number of sources summarised.
    pub sources: u64,
    /// Every organisation name stated as the victim, with its first position.
    pub names: Vec<Placed<String>>,
    /// Every name (victim names and aliases), with its first position; sub 0 is the victim name.
    pub aliases: Vec<Placed<String>>,
    pub related: Vec<Placed<RelatedRecord>>,
    pub data_types: Vec<Placed<DataType>>,
    pub causes: Vec<CauseTally>,
    /// The largest count stated by a source that says the leak is confirmed (latest on ties).
    pub count_confirmed: Option<Placed<AffectedCount>>,
    /// The largest count stated (latest on ties).
    pub count_any: Option<Placed<AffectedCount>>,
    /// The latest stated data volume.
    pub data_volume: Option<Placed<String>>,
    pub card_data: bool,
    pub confirmed: bool,
    /// The earliest date of each kind.
    pub dates: DatesRecord,
    /// The earliest stated attacker.
    pub attacker: Option<Placed<String>>,
    /// The latest stated regulator action.
    pub regulator_action: Option<Placed<String>>,
    pub financial_impact_jpy: Option<u64>,
    /// The earliest report date of any source (stated report date or publication date).
    pub first_report: Option<NaiveDate>,
}

/// A stored incident as resolution needs it to match and merge a new source: constant size
/// whatever its number of sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentState {
    pub id: IncidentId,
    pub headline: IncidentRecord,
    pub reported_on: Option<NaiveDate>,
    /// Every normalised name key the incident is found by (headline names and every source's).
    pub keys: Vec<String>,
    pub summary: MergeSummary,
    pub corrections: Vec<Correction>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_positions_are_written_as_arrays_and_read_in_either_form() {
        let pos = SourcePos {
            undated: false,
            published: NaiveDate::from_ymd_opt(2025, 3, 10),
            document_key: 42,
            candidate_index: 1,
        };
        let json = serde_json::to_string(&pos).unwrap();
        assert_eq!(json, r#"[false,"2025-03-10",42,1]"#);
        assert_eq!(serde_json::from_str::<SourcePos>(&json).unwrap(), pos);
        let old =
            r#"{"undated":false,"published":"2025-03-10","document_key":42,"candidate_index":1}"#;
        assert_eq!(serde_json::from_str::<SourcePos>(old).unwrap(), pos);
        let undated = r#"[true,null,7,0]"#;
        let read: SourcePos = serde_json::from_str(undated).unwrap();
        assert!(read.undated && read.published.is_none());
    }
}
