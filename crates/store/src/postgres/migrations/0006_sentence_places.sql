-- An evidence sentence is a stretch of its document's text: new rows keep its place
-- (character offset and length, for SQL `substr`) and leave `sentence` NULL; rows written
-- before keep their copy. (The same columns as SQLite's migration 12, so `copy` moves them.)
ALTER TABLE field_evidence ADD COLUMN sentence_start BIGINT;
ALTER TABLE field_evidence ADD COLUMN sentence_chars BIGINT;
