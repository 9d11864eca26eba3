//! Conversions between stored values and the model's: every value read back is checked (a
//! mismatch is `StoreError::Corrupt`, never a panic), and what is written is serialised here.

use crate::error::StoreError;
use chrono::NaiveDate;
use leakwatch_model::{AffectedCount, CountQualifier, Extraction};
use serde::de::DeserializeOwned;
use std::str::FromStr;

pub(crate) fn parse_label<T>(s: &str, id: i64) -> Result<T, StoreError>
where
    T: FromStr<Err = leakwatch_model::ParseLabelError>,
{
    s.parse::<T>()
        .map_err(|e| StoreError::corrupt(format!("incident {id}: {e}")))
}

pub(crate) fn parse_date(
    s: Option<String>,
    what: &str,
    id: i64,
) -> Result<Option<NaiveDate>, StoreError> {
    s.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
            StoreError::corrupt(format!("incident {id}: {what} '{s}' is not a date: {e}"))
        })
    })
    .transpose()
}

/// A stored RFC 3339 timestamp (`created_at`, `updated_at`), as UTC.
pub(crate) fn parse_timestamp(
    s: &str,
    id: i64,
) -> Result<chrono::DateTime<chrono::Utc>, StoreError> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| StoreError::corrupt(format!("incident {id}: timestamp '{s}': {e}")))
}

pub(crate) fn parse_json<T: DeserializeOwned>(
    s: &str,
    what: &str,
    id: i64,
) -> Result<T, StoreError> {
    serde_json::from_str(s)
        .map_err(|e| StoreError::corrupt(format!("incident {id}: {what} JSON does not parse: {e}")))
}

pub(crate) fn affected(
    count: Option<i64>,
    qualifier: &str,
    unit: Option<String>,
    id: i64,
) -> Result<Option<AffectedCount>, StoreError> {
    let qualifier = parse_label::<CountQualifier>(qualifier, id)?;
    count
        .map(|n| {
            Ok(AffectedCount {
                value: to_u64(n, "affected_count")?,
                qualifier,
                unit: unit.unwrap_or_default(),
            })
        })
        .transpose()
}

pub(crate) fn to_bool(n: i64, what: &str, id: i64) -> Result<bool, StoreError> {
    match n {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(StoreError::corrupt(format!(
            "incident {id}: {what} is {n}, expected 0 or 1"
        ))),
    }
}

pub(crate) fn to_u64(n: i64, what: &str) -> Result<u64, StoreError> {
    u64::try_from(n).map_err(|_| StoreError::corrupt(format!("{what} {n} is negative")))
}

pub(crate) fn to_usize(n: i64, what: &str) -> Result<usize, StoreError> {
    usize::try_from(n).map_err(|_| StoreError::corrupt(format!("{what} {n} is out of range")))
}

pub(crate) fn to_i64<N: TryInto<i64> + Copy + std::fmt::Display>(
    n: N,
    what: &str,
) -> Result<i64, StoreError> {
    n.try_into()
        .map_err(|_| StoreError::invalid(format!("{what} {n} does not fit in a 64-bit integer")))
}

/// The extraction as kept with its document: its document-level facts only. Not the trace
/// notes (the explanations `extract --explain` prints, several times the size of the text,
/// never read back: re-extraction recomputes everything) and not the candidates, which are
/// each stored with the incident they went to (`incident_sources.candidate_json`) — kept
/// twice they were a quarter of a large database.
pub(crate) fn stored_extraction_json(extraction: &Extraction) -> Result<String, StoreError> {
    let kept = Extraction {
        doc_id: extraction.doc_id.clone(),
        language: extraction.language,
        published: extraction.published,
        extractor_version: extraction.extractor_version.clone(),
        incidents: Vec::new(),
        trace: Vec::new(),
    };
    to_json(&kept, "extraction")
}

pub(crate) fn to_json<T: serde::Serialize + ?Sized>(
    value: &T,
    what: &str,
) -> Result<String, StoreError> {
    serde_json::to_string(value)
        .map_err(|e| StoreError::invalid(format!("cannot serialise {what}: {e}")))
}
