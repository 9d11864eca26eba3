-- The incident listing (`list`, the API's pages, the feed) is ordered newest reported first,
-- undated last, then by id: an index in exactly that order, so a page reads its rows from the
-- index instead of sorting every incident.
CREATE INDEX incidents_listing ON incidents ((reported_on IS NULL), reported_on DESC, id);
