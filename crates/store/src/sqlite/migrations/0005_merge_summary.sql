-- The merge rules' running state of each incident (resolve's `MergeSummary`, JSON), so a new
-- source merges without reading the incident's earlier sources. NULL for incidents stored
-- before this migration: it is computed from their sources the first time they are needed.
ALTER TABLE incidents ADD COLUMN summary_json TEXT;
