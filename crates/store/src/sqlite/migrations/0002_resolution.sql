-- leakwatch schema 2: cross-document resolution. Organisations with stable ids, canonical names
-- and alias sets; supply-chain links between them; the name keys incidents are found by;
-- analyst corrections, pins and an audit log. Append-only: add 0003_… for later changes.

CREATE TABLE organizations (
    id             INTEGER PRIMARY KEY,
    canonical_name TEXT NOT NULL,
    org_key        TEXT NOT NULL UNIQUE,
    created_at     TEXT NOT NULL
);

-- Every name an organisation was reported under (its alias set), by normalised key.
CREATE TABLE organization_names (
    org_id   INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL,
    PRIMARY KEY (org_id, name_key)
);
CREATE INDEX organization_names_key ON organization_names (name_key);

ALTER TABLE incidents ADD COLUMN org_id INTEGER REFERENCES organizations (id);
CREATE INDEX incidents_org_id ON incidents (org_id);

-- `to_org` stands in `role` to `from_org` (the victim) in `incident_id`: e.g. the victim's
-- processor (委託先) or data owner (委託元), parent, subsidiary, attacker.
CREATE TABLE organization_links (
    from_org    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    to_org      INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    PRIMARY KEY (from_org, to_org, role, incident_id)
);
CREATE INDEX organization_links_to ON organization_links (to_org);

-- The normalised names an incident can be found by (headline name, aliases, every source's).
CREATE TABLE incident_names (
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    name_key    TEXT NOT NULL,
    PRIMARY KEY (incident_id, name_key)
);
CREATE INDEX incident_names_key ON incident_names (name_key);

-- Analyst corrections: they win over extraction and survive re-extraction.
CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    value       TEXT NOT NULL,
    author      TEXT NOT NULL,
    at          TEXT NOT NULL,
    reason      TEXT NOT NULL
);
CREATE INDEX corrections_incident ON corrections (incident_id);

-- An analyst's merge or split fixes which incident a name in a document belongs to.
CREATE TABLE source_pins (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    name_key    TEXT NOT NULL,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    PRIMARY KEY (document_id, name_key)
);

-- Who changed what, when and why. No foreign keys: entries outlive merged-away incidents.
CREATE TABLE audit_log (
    id                INTEGER PRIMARY KEY,
    at                TEXT NOT NULL,
    author            TEXT NOT NULL,
    action            TEXT NOT NULL,
    incident_id       INTEGER,
    other_incident_id INTEGER,
    detail            TEXT NOT NULL,
    reason            TEXT NOT NULL
);
CREATE INDEX audit_log_incident ON audit_log (incident_id);
