-- A poll worker claims a source before polling it: several `poll` processes on one database
-- never poll the same source at once. `claimed_by` is the worker's process id; a claim whose
-- process is gone, or whose `claimed_until` (RFC 3339 UTC) has passed, is free again, so a
-- killed worker never blocks a source.
ALTER TABLE sources ADD COLUMN claimed_until TEXT;
ALTER TABLE sources ADD COLUMN claimed_by BIGINT;
