-- Resolution clears an incident's supply-chain links on every merge: an index so that does not
-- scan every link.
CREATE INDEX organization_links_incident ON organization_links (incident_id);
