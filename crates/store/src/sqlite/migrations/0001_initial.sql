-- leakwatch schema 1: documents (+ FTS5 trigram index), incidents, their sources and the
-- evidence of every stated value. Append-only: never edit this file once released; add 0002_….

CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    doc_id            TEXT NOT NULL,
    content_hash      TEXT NOT NULL UNIQUE,
    origin            TEXT NOT NULL,
    origin_kind       TEXT NOT NULL CHECK (origin_kind IN ('file', 'url')),
    media_type        TEXT NOT NULL,
    encoding          TEXT NOT NULL,
    title             TEXT,
    published         TEXT,
    language          TEXT NOT NULL,
    text              TEXT NOT NULL,
    ingested_at       TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    extraction_json   TEXT NOT NULL
);

CREATE INDEX documents_doc_id ON documents (doc_id);

-- External-content FTS index over title and text; the triggers keep it in step with
-- `documents` inside the same transaction.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title,
    text,
    content = 'documents',
    content_rowid = 'id',
    tokenize = 'trigram'
);

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;

CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE incidents (
    id                   INTEGER PRIMARY KEY,
    organization         TEXT NOT NULL,
    cause                TEXT NOT NULL,
    affected_count       INTEGER CHECK (affected_count IS NULL OR affected_count >= 0),
    affected_qualifier   TEXT NOT NULL,
    affected_unit        TEXT,
    data_volume          TEXT,
    card_data            INTEGER NOT NULL CHECK (card_data IN (0, 1)),
    confirmed            INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
    occurred             TEXT,
    detected             TEXT,
    disclosed            TEXT,
    reported_police      TEXT,
    reported_ppc         TEXT,
    attacker             TEXT,
    regulator_action     TEXT,
    financial_impact_jpy INTEGER CHECK (financial_impact_jpy IS NULL OR financial_impact_jpy >= 0),
    reported_on          TEXT,
    aliases_json         TEXT NOT NULL DEFAULT '[]',
    related_json         TEXT NOT NULL DEFAULT '[]',
    data_types_json      TEXT NOT NULL DEFAULT '[]',
    org_key              TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE INDEX incidents_cause ON incidents (cause);
CREATE INDEX incidents_reported_on ON incidents (reported_on);
CREATE INDEX incidents_org_key ON incidents (org_key);

-- Which candidate of which document an incident was read from, and why resolution decided so.
CREATE TABLE incident_sources (
    incident_id     INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    document_id     INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    candidate_index INTEGER NOT NULL CHECK (candidate_index >= 0),
    decision        TEXT NOT NULL CHECK (decision IN ('create', 'merge')),
    reason          TEXT NOT NULL,
    candidate_json  TEXT NOT NULL,
    PRIMARY KEY (incident_id, document_id, candidate_index)
);

CREATE INDEX incident_sources_document ON incident_sources (document_id);

-- Every stated value of every field (`CandidateIncident::stated_values`), with its sentence.
CREATE TABLE field_evidence (
    id              INTEGER PRIMARY KEY,
    incident_id     INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    document_id     INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    candidate_index INTEGER NOT NULL,
    field           TEXT NOT NULL,
    value           TEXT NOT NULL,
    confidence      REAL NOT NULL,
    rule            TEXT NOT NULL,
    span_start      INTEGER,
    span_end        INTEGER,
    sentence        TEXT
);

CREATE INDEX field_evidence_incident ON field_evidence (incident_id, field);
CREATE INDEX field_evidence_document ON field_evidence (document_id);
