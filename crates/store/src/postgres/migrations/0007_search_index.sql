-- The search index of 0001 was built on lw_fold(title + text), and PostgreSQL never used it:
-- the SQL function is inlined (lower(normalize(…, NFKC))) before expressions are matched to
-- indexes, so every search was a sequential scan normalising every document (5,000 documents:
-- 464 ms for one term). Documents are stored NFKC-normalised already, so the index and the
-- search fold case only (5,000 documents: 33 ms through the index).
DROP INDEX documents_search_trgm;
CREATE INDEX documents_search_trgm ON documents
    USING gin (lower(coalesce(title, '') || ' ' || text) gin_trgm_ops);

-- Documents in search-result order (as SQLite's migration 11): a search first reads the
-- newest few hundred documents in this order, and a common term's page is found there.
CREATE INDEX documents_recent ON documents ((published IS NULL), published DESC, id);
