-- Field evidence is stored once, in the candidate each source keeps
-- (`incident_sources.candidate_json`, whose sentences are places in the document's text): the
-- per-field copy is read from there. (SQLite's migration 12 drops the same table, so `copy`
-- moves the same tables.)
DROP TABLE field_evidence;
