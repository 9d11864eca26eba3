-- The full-text index is filled in batches instead of inside every document's transaction:
-- FTS5 writes a segment (and merges segments) per transaction that touches it, which cost a
-- third of an ingest's time. A new document's id goes to `fts_backlog` in its own
-- transaction (nothing can be lost); `SqlStore::index_pending` moves the backlog into
-- `documents_fts` in one statement (every 256 documents during an ingest, at its end, and
-- when a database is opened). Search also reads the backlog's documents, so nothing stored is
-- ever unsearchable.
CREATE TABLE fts_backlog (document_id INTEGER PRIMARY KEY);

DROP TRIGGER documents_fts_insert;
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO fts_backlog (document_id) VALUES (new.id);
END;

-- A document still in the backlog is not in the index: only indexed ones are removed from it.
DROP TRIGGER documents_fts_delete;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        SELECT 'delete', old.id, old.title, old.text
        WHERE NOT EXISTS (SELECT 1 FROM fts_backlog WHERE document_id = old.id);
    DELETE FROM fts_backlog WHERE document_id = old.id;
END;

DROP TRIGGER documents_fts_update;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents
WHEN NOT EXISTS (SELECT 1 FROM fts_backlog WHERE document_id = old.id) BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
