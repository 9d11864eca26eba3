//! Organisations as resolution knows them: a stable id, a canonical name, the alias set, and
//! supply-chain links; plus the audit trail of analyst actions.

use crate::incident::{IncidentId, IncidentSummary};
use crate::vocab::RelationRole;
use serde::{Deserialize, Serialize};

/// An organisation with its alias set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub id: i64,
    pub canonical_name: String,
    /// Every other name it was reported under.
    pub aliases: Vec<String>,
    /// Incidents where it is the victim.
    pub incidents: usize,
}

/// An incident that concerns an organisation only through another one (its processor, its
/// subsidiary): `via` names the link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndirectIncident {
    pub incident: IncidentSummary,
    /// The organisation hit.
    pub via_org: String,
    /// How `via_org` stands to the organisation asked about (processor, subsidiary, …).
    pub via_role: RelationRole,
}

/// `leakwatch org NAME`: the organisation, its own incidents and those at organisations linked
/// to it (marked indirect), and its links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganizationView {
    pub organization: Organization,
    pub direct: Vec<IncidentSummary>,
    pub indirect: Vec<IndirectIncident>,
    /// (other organisation, its role relative to this one, incident the link was read from)
    pub links: Vec<(String, RelationRole, IncidentId)>,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub author: String,
    /// `set`, `merge`, `split`, `reextract`
    pub action: String,
    pub incident: Option<IncidentId>,
    pub other_incident: Option<IncidentId>,
    pub detail: String,
    pub reason: String,
}
