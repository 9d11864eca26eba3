-- The columns SQLite's source claims use (kept so both schemas hold the same rows and a copy
-- between backends is exact). PostgreSQL workers claim a source with a session advisory lock
-- instead, which the server releases when the worker's connection ends (a killed worker).
ALTER TABLE sources ADD COLUMN claimed_until TEXT;
ALTER TABLE sources ADD COLUMN claimed_by BIGINT;
