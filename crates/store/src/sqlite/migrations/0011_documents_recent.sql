-- A search made only of short terms (under three characters: 漏洩, 流出) cannot use the
-- trigram index; it scans documents with LIKE in the result order, newest first. This index
-- is that order, so a common term stops after the first page of matches instead of reading
-- every document and sorting them (流出 over 100,000 documents: 487 → 1 ms; a term found
-- nowhere still reads every document).
CREATE INDEX documents_recent ON documents ((published IS NULL), published DESC, id);
