-- Storage that grows with the text, not with copies of it (issue: database ≤ 4 × the text).
--
-- 1. The full-text index keeps no token positions (`detail = 'none'`): on Japanese text the
--    positional trigram index was 1.9 × the text, this one about a third of it. A term is
--    matched with LIKE through the index: FTS5 narrows the documents by the term's trigrams and
--    confirms each against its text. Title and text are one column (through a view), so a term
--    is one index lookup. The body ends with two newlines so that every occurrence of a term of
--    one or two characters starts a trigram: such a term is looked up among the trigrams that
--    start with it (`documents_fts_vocab`), and one found nowhere costs nothing. Every document
--    is put back in the backlog and indexed again the next time the database is opened.
DROP TRIGGER documents_fts_delete;
DROP TRIGGER documents_fts_update;
DROP TABLE documents_fts;

CREATE VIEW documents_fts_body (id, body) AS
    SELECT id, coalesce(title, '') || char(10) || text || char(10) || char(10) FROM documents;

CREATE VIRTUAL TABLE documents_fts USING fts5 (
    body,
    content = 'documents_fts_body',
    content_rowid = 'id',
    tokenize = 'trigram',
    detail = 'none'
);

CREATE VIRTUAL TABLE documents_fts_vocab USING fts5vocab (documents_fts, 'row');

-- A document still in the backlog is not in the index: only indexed ones are removed from it.
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, body)
        SELECT 'delete', old.id, coalesce(old.title, '') || char(10) || old.text || char(10) || char(10)
        WHERE NOT EXISTS (SELECT 1 FROM fts_backlog WHERE document_id = old.id);
    DELETE FROM fts_backlog WHERE document_id = old.id;
END;

CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents
WHEN NOT EXISTS (SELECT 1 FROM fts_backlog WHERE document_id = old.id) BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, body)
        VALUES ('delete', old.id, coalesce(old.title, '') || char(10) || old.text || char(10) || char(10));
    INSERT INTO fts_backlog (document_id) VALUES (new.id);
END;

DELETE FROM fts_backlog;
INSERT INTO fts_backlog (document_id) SELECT id FROM documents;

-- 2. Field evidence is stored once, in the candidate each source keeps
--    (`incident_sources.candidate_json`, whose evidence sentences are places in the document's
--    text): an incident's field evidence is read from there.
DROP TABLE field_evidence;
