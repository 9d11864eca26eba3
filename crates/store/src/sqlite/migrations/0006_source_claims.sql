-- A poll worker claims a source before polling it (`claimed_until`, RFC 3339 UTC): several
-- `poll` processes on one database never poll the same source at once; a claim left by a
-- killed worker expires.
ALTER TABLE sources ADD COLUMN claimed_until TEXT;
