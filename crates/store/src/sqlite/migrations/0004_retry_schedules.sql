-- Retry schedules kept in the database instead of blocking loops (issue 11).
--
-- A feed item that was fetched but could not be fetched in full, decoded or stored is retried
-- on a backoff schedule (`next_attempt_at`, RFC 3339 UTC) instead of on every poll; after the
-- poll policy's last attempt it is marked seen (given up) and its row stays for the record.
CREATE TABLE source_item_failures (
    source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    item_key        TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at TEXT,
    last_error      TEXT NOT NULL,
    PRIMARY KEY (source_id, item_key)
) WITHOUT ROWID;

-- A failed delivery is retried once its time has come, not in a loop.
ALTER TABLE alert_deliveries ADD COLUMN next_attempt_at TEXT;
