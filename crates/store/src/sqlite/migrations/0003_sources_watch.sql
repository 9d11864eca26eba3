-- Sources polled by `leakwatch poll`, the feed items already fetched, watchlists, supply-chain
-- links learnt from incidents, alerts (unique per incident, entry and alert-worthy state) and
-- their delivery to each notifier.

CREATE TABLE sources (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL UNIQUE,
    kind                 TEXT NOT NULL CHECK (kind IN ('rss', 'atom', 'page')),
    url                  TEXT NOT NULL UNIQUE,
    every_secs           INTEGER NOT NULL CHECK (every_secs > 0),
    etag                 TEXT,
    last_modified        TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    healthy              INTEGER NOT NULL DEFAULT 1,
    last_error           TEXT,
    last_polled_at       TEXT,
    added_at             TEXT NOT NULL
);

CREATE TABLE source_items (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    item_key  TEXT NOT NULL,
    seen_at   TEXT NOT NULL,
    PRIMARY KEY (source_id, item_key)
) WITHOUT ROWID;

CREATE TABLE watch_entries (
    id       INTEGER PRIMARY KEY,
    list     TEXT NOT NULL,
    name     TEXT NOT NULL,
    -- normalize_org_name(name): one entry per organisation per list.
    name_key TEXT NOT NULL,
    aliases  TEXT NOT NULL DEFAULT '[]',
    domains  TEXT NOT NULL DEFAULT '[]',
    kind     TEXT NOT NULL CHECK (kind IN ('vendor', 'service', 'processor', 'self')),
    added_at TEXT NOT NULL,
    UNIQUE (list, name_key)
);

CREATE TABLE alerts (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL,
    entry_id    INTEGER NOT NULL,
    state_hash  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    read_at     TEXT,
    payload     TEXT NOT NULL,
    UNIQUE (incident_id, entry_id, state_hash)
);
CREATE INDEX alerts_unread ON alerts(read_at, id);

CREATE TABLE alert_deliveries (
    alert_id     INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    notifier     TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    delivered_at TEXT,
    last_error   TEXT,
    PRIMARY KEY (alert_id, notifier)
) WITHOUT ROWID;

-- Bookkeeping of the watch feature: `alerts_evaluated_document` is the highest document key
-- whose incidents were evaluated against the watchlists.
CREATE TABLE watch_meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
