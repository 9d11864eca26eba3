//! Organisations as the store answers them: every organisation with its alias set
//! (`leakwatch orgs`), and one organisation with its incidents, those at its processors and
//! subsidiaries (indirect) and its links (`leakwatch org NAME`).

use crate::db::OptionalExtension;
use crate::error::{SqlContext, StoreError};
use crate::resolution::{query_ids, MIN_PREFIX_KEY_CHARS};
use crate::sql::{params, Value};
use crate::sqlite::{query_summaries, SUMMARY_COLUMNS};
use leakwatch_model::{
    IncidentId, IndirectIncident, Organization, OrganizationView, RelationRole, Resolution,
};
use std::str::FromStr;

/// The role seen from the other side of a link.
fn inverse(role: RelationRole) -> RelationRole {
    match role {
        RelationRole::Processor => RelationRole::DataOwner,
        RelationRole::DataOwner => RelationRole::Processor,
        RelationRole::Parent => RelationRole::Subsidiary,
        RelationRole::Subsidiary => RelationRole::Parent,
        RelationRole::Attacker => RelationRole::Attacker,
    }
}

impl crate::SqliteStore {
    fn organization_row(&self, id: i64) -> Result<Organization, StoreError> {
        let (canonical_name, incidents): (String, i64) = self
            .conn()
            .query_row(
                "SELECT canonical_name, (SELECT COUNT(*) FROM incidents WHERE org_id = o.id)
                 FROM organizations o WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ctx("reading an organisation")?;
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT name FROM organization_names WHERE org_id = ?1 ORDER BY name")
            .ctx("preparing the alias query")?;
        let aliases = stmt
            .query_map(params![id], |r| r.get::<_, String>(0))
            .ctx("reading aliases")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("reading aliases")?
            .into_iter()
            .filter(|n| *n != canonical_name)
            .collect();
        Ok(Organization {
            id,
            canonical_name,
            aliases,
            incidents: usize::try_from(incidents).unwrap_or(0),
        })
    }

    pub(crate) fn organizations_impl(&self) -> Result<Vec<Organization>, StoreError> {
        let ids = query_ids(
            &self.conn(),
            "SELECT o.id FROM organizations o
             WHERE EXISTS (SELECT 1 FROM incidents i WHERE i.org_id = o.id)
                OR EXISTS (SELECT 1 FROM organization_links l WHERE l.to_org = o.id)
             ORDER BY o.canonical_name",
            params![],
            "organisations",
        )?;
        ids.into_iter()
            .map(|id| self.organization_row(id))
            .collect()
    }

    pub(crate) fn organization_impl(
        &self,
        name: &str,
        resolver: &dyn Resolution,
    ) -> Result<OrganizationView, StoreError> {
        let key = resolver.name_key(name);
        let org_id: Option<i64> = self
            .conn()
            .query_row(
                "SELECT org_id FROM organization_names
                 WHERE name_key = ?1
                    OR (length(CAST(?1 AS TEXT)) >= ?2
                        AND substr(name_key, 1, length(CAST(?1 AS TEXT))) = CAST(?1 AS TEXT))
                 ORDER BY name_key = ?1 DESC, org_id LIMIT 1",
                params![key, MIN_PREFIX_KEY_CHARS],
                |r| r.get(0),
            )
            .optional()
            .ctx("finding an organisation")?;
        let org_id = org_id.ok_or_else(|| StoreError::NotFound {
            what: format!("organisation '{name}'"),
        })?;
        let organization = self.organization_row(org_id)?;
        let direct = query_summaries(
            &self.conn(),
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM incidents i WHERE i.org_id = ?
                 ORDER BY i.reported_on IS NULL, i.reported_on DESC, i.id"
            ),
            vec![Value::Int(org_id)],
        )?;
        // Links seen from this organisation: (other org, other's role relative to us, incident).
        let mut links: Vec<(i64, String, RelationRole, IncidentId)> = Vec::new();
        {
            let mut stmt = self
                .conn()
                .prepare_cached(
                    "SELECT l.to_org, o.canonical_name, l.role, l.incident_id, 0
                     FROM organization_links l JOIN organizations o ON o.id = l.to_org
                     WHERE l.from_org = ?1
                     UNION ALL
                     SELECT l.from_org, o.canonical_name, l.role, l.incident_id, 1
                     FROM organization_links l JOIN organizations o ON o.id = l.from_org
                     WHERE l.to_org = ?1",
                )
                .ctx("preparing the links query")?;
            let rows = stmt
                .query_map(params![org_id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, i64>(4)?,
                    ))
                })
                .ctx("reading links")?;
            for row in rows {
                let (other, other_name, role, incident, inverted) = row.ctx("reading a link")?;
                let role = RelationRole::from_str(&role).map_err(|e| {
                    StoreError::corrupt(format!("link of incident {incident}: {e}"))
                })?;
                let role = if inverted == 1 { inverse(role) } else { role };
                links.push((other, other_name, role, IncidentId(incident)));
            }
        }
        // Incidents at our processors and subsidiaries concern us indirectly.
        let mut indirect: Vec<IndirectIncident> = Vec::new();
        for (other, other_name, role, _) in &links {
            if !matches!(role, RelationRole::Processor | RelationRole::Subsidiary) {
                continue;
            }
            let theirs = query_summaries(
                &self.conn(),
                &format!(
                    "SELECT {SUMMARY_COLUMNS} FROM incidents i WHERE i.org_id = ?
                     ORDER BY i.reported_on IS NULL, i.reported_on DESC, i.id"
                ),
                vec![Value::Int(*other)],
            )?;
            for incident in theirs {
                if direct.iter().any(|d| d.id == incident.id)
                    || indirect.iter().any(|i| i.incident.id == incident.id)
                {
                    continue;
                }
                indirect.push(IndirectIncident {
                    incident,
                    via_org: other_name.clone(),
                    via_role: *role,
                });
            }
        }
        Ok(OrganizationView {
            organization,
            direct,
            indirect,
            links: links
                .into_iter()
                .map(|(_, name, role, incident)| (name, role, incident))
                .collect(),
        })
    }
}
