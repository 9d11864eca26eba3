//! Everything `show` displays about one incident: the stored incident with evidence and
//! sources, its timeline across sources, the fields sources disagree on, and the audit trail.

use crate::AppError;
use leakwatch_model::{AuditEntry, Incident, IncidentId, TimelineEvent};
use leakwatch_resolve::{build_timeline, conflicts, source_views, Conflict};
use leakwatch_store::Store;
use serde::Serialize;

/// One incident, fully explained.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentDetail {
    #[serde(flatten)]
    pub incident: Incident,
    pub timeline: Vec<TimelineEvent>,
    pub conflicts: Vec<Conflict>,
    pub audit: Vec<AuditEntry>,
}

pub fn incident_detail(store: &dyn Store, id: IncidentId) -> Result<IncidentDetail, AppError> {
    let incident = store.incident(id)?;
    let known = store.known_incident(id)?;
    let views = source_views(&known.sources);
    Ok(IncidentDetail {
        timeline: build_timeline(&known.sources),
        conflicts: conflicts(&views),
        audit: store.audit_log(Some(id))?,
        incident,
    })
}
