-- Search terms under three characters (`漏洩`, `被害`) cannot use the pg_trgm index: a query
-- for one that no document holds scanned every text (seconds over a million documents).
-- `search_short_terms` holds every one- and two-character string of every document's
-- searchable body (`lower(title || ' ' || text)`), written with the document; a short term
-- absent from it is in no document, and the search answers at once.
CREATE TABLE search_short_terms (
    term TEXT PRIMARY KEY
);

-- Whether the table covers every stored document: true for a database created empty (every
-- document is added by a build that writes the table), false for one that already held
-- documents (search keeps scanning for short terms there; `leakwatch copy` into a new
-- database fills it).
CREATE TABLE search_short_terms_state (
    complete BOOLEAN NOT NULL
);
INSERT INTO search_short_terms_state (complete) SELECT NOT EXISTS (SELECT 1 FROM documents);
