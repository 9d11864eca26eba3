//! Analyst review: corrections (`edit --set`), merges and splits — each validated here,
//! recorded with who/when/why by the store, and applied on top of extraction from then on.

use crate::AppError;
use leakwatch_model::{Correction, IncidentId};
use leakwatch_resolve::{validate_correction, Resolver};
use leakwatch_store::Store;

/// Who made a change and why.
pub struct Attribution<'a> {
    pub author: &'a str,
    pub reason: &'a str,
}

/// Sets `field` of incident `id` to `value` (validated first; the correction wins over every
/// extraction, now and after re-extraction).
pub fn correct_field(
    store: &mut dyn Store,
    id: IncidentId,
    field: &str,
    value: &str,
    who: &Attribution<'_>,
) -> Result<(), AppError> {
    validate_correction(field, value)?;
    let correction = Correction {
        field: field.to_string(),
        value: value.to_string(),
        author: who.author.to_string(),
        at: chrono::Utc::now().to_rfc3339(),
        reason: who.reason.to_string(),
    };
    store.correct(id, &correction, &Resolver)?;
    Ok(())
}

/// Merges incident `absorb` into `keep`.
pub fn merge(
    store: &mut dyn Store,
    keep: IncidentId,
    absorb: IncidentId,
    who: &Attribution<'_>,
) -> Result<(), AppError> {
    store.merge_incidents(keep, absorb, who.author, who.reason, &Resolver)?;
    Ok(())
}

/// Moves source document `document_key` of incident `id` into a new incident.
pub fn split(
    store: &mut dyn Store,
    id: IncidentId,
    document_key: i64,
    who: &Attribution<'_>,
) -> Result<IncidentId, AppError> {
    Ok(store.split_source(id, document_key, who.author, who.reason, &Resolver)?)
}

/// The fields an analyst can correct (`correct_field`'s `field`).
pub fn correctable_fields() -> &'static [&'static str] {
    leakwatch_resolve::CORRECTABLE_FIELDS
}
