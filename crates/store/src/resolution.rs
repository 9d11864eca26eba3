//! Cross-document resolution on either backend: finding the known incidents a new document's
//! candidates may belong to, carrying out the resolve stage's plans inside one transaction,
//! keeping organisations (stable ids, canonical names, alias sets) and supply-chain links, and
//! the analyst operations (corrections, merge, split, re-extraction) with their audit log.
//! Each incident's running merge state is stored with it, so planning reads constant-size
//! `IncidentState`s. Organisation queries live in `orgs.rs`.
//!
//! The decisions themselves come from a `Resolution` (the resolve stage) passed in by the
//! caller; this module only reads and writes.

use crate::db::{Db, OptionalExtension};
use crate::error::{SqlContext, StoreError};
use crate::sql::{params, Value};
use crate::sqlite::{
    apply_plan, insert_document, insert_incident, key_by_hash, parse_date, parse_json,
    read_incident_headline, set_summary, update_incident, HeadlineParams,
};
use crate::IngestOutcome;
use chrono::NaiveDate;
use leakwatch_model::{
    AuditEntry, Correction, DocId, Document, Extraction, IncidentId, IncidentPlan, IncidentRecord,
    IncidentState, KnownIncident, KnownSource, Language, MediaType, MergeSummary, Origin,
    PlanAction, Resolution,
};
use serde::{Deserialize, Serialize};

/// Name keys shorter than this only match exactly.
pub(crate) const MIN_PREFIX_KEY_CHARS: i64 = 3;

/// Plans a stored document's candidates inside the ingest transaction (given its key).
pub(crate) type PlanFn<'a> = dyn Fn(&Db<'_>, i64) -> Result<Vec<IncidentPlan>, StoreError> + 'a;

/// What re-extracting one stored document changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReextractOutcome {
    pub document_key: i64,
    /// Incidents this document was a source of before and after.
    pub before: Vec<IncidentId>,
    pub after: Vec<IncidentId>,
    pub created: Vec<IncidentId>,
    /// Incidents deleted because no source and no correction was left.
    pub removed: Vec<IncidentId>,
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339()
}

fn candidate_keys_of(extraction: &Extraction, resolver: &dyn Resolution) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for c in &extraction.incidents {
        for k in resolver.candidate_keys(c) {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    keys
}

/// The incidents a document's candidates may merge into, as resolve matches them: by each
/// candidate's own name against every name an incident is known by, and by its aliases only
/// against incidents' headline organisation (`incidents.org_key`). Two organisations sharing
/// no more than an alias never match, so their incidents are not even read — a quoted name
/// shared by hundreds of incidents would otherwise load them all for every document.
fn candidate_incident_ids(
    conn: &Db<'_>,
    extraction: &Extraction,
    resolver: &dyn Resolution,
) -> Result<Vec<i64>, StoreError> {
    let mut own: Vec<String> = Vec::new();
    for c in &extraction.incidents {
        let k = resolver.name_key(&c.organization.value);
        if k.chars().count() >= 2 && !own.contains(&k) {
            own.push(k);
        }
    }
    let aliases: Vec<String> = candidate_keys_of(extraction, resolver)
        .into_iter()
        .filter(|k| !own.contains(k))
        .collect();
    let mut ids = incident_ids_for_keys(conn, &own)?;
    ids.extend(incident_ids_for_headline_keys(conn, &aliases)?);
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// At most this many incidents (the newest) are read per name and lookup: a name shared by
/// thousands of incidents (a big organisation over years, or a word mistaken for a name) would
/// otherwise make every document that names it read them all, and only recent ones can take a
/// new report (resolve merges within its event window).
const MAX_INCIDENTS_PER_NAME: usize = 64;

/// The three queries of a name lookup, each bound to a key (`?1`; the range also to `?2`):
/// names equal to it, and names in the range it starts (key .. key + U+10FFFF); the key's
/// own prefixes of 3+ characters are looked up with `shorter`.
struct NameQueries {
    exact: String,
    shorter: String,
    longer: String,
}

/// Ids of incidents one of whose names equals a key, or starts with it / is its start
/// (keys of 3+ characters), directly or through their organisation's alias set. Every lookup
/// is an index probe (the key's prefixes, and the range of names the key starts), so the cost
/// does not grow with the number of stored incidents.
fn incident_ids_for_keys(conn: &Db<'_>, keys: &[String]) -> Result<Vec<i64>, StoreError> {
    let queries = NameQueries {
        exact: format!(
            "SELECT id FROM (SELECT incident_id AS id FROM incident_names WHERE name_key = ?1
             UNION
             SELECT i.id FROM incidents i JOIN organization_names n ON n.org_id = i.org_id
             WHERE n.name_key = ?1) AS named ORDER BY id DESC LIMIT {MAX_INCIDENTS_PER_NAME}"
        ),
        shorter: format!(
            "SELECT incident_id FROM incident_names WHERE name_key = ?1
             ORDER BY incident_id DESC LIMIT {MAX_INCIDENTS_PER_NAME}"
        ),
        longer: format!(
            "SELECT incident_id FROM incident_names WHERE name_key > ?1 AND name_key < ?2
             ORDER BY incident_id DESC LIMIT {MAX_INCIDENTS_PER_NAME}"
        ),
    };
    probe_names(conn, keys, &queries)
}

/// The same lookup over incidents' headline organisation key only (`incidents.org_key`).
fn incident_ids_for_headline_keys(conn: &Db<'_>, keys: &[String]) -> Result<Vec<i64>, StoreError> {
    let exact = format!(
        "SELECT id FROM incidents WHERE org_key = ?1 ORDER BY id DESC LIMIT {MAX_INCIDENTS_PER_NAME}"
    );
    let queries = NameQueries {
        shorter: exact.clone(),
        exact,
        longer: format!(
            "SELECT id FROM incidents WHERE org_key > ?1 AND org_key < ?2
             ORDER BY id DESC LIMIT {MAX_INCIDENTS_PER_NAME}"
        ),
    };
    probe_names(conn, keys, &queries)
}

/// Runs a name lookup for every key; the ids found, sorted, each once.
fn probe_names(
    conn: &Db<'_>,
    keys: &[String],
    queries: &NameQueries,
) -> Result<Vec<i64>, StoreError> {
    let min = usize::try_from(MIN_PREFIX_KEY_CHARS).unwrap_or(3);
    let mut exact = conn
        .prepare_cached(&queries.exact)
        .ctx("preparing the name lookup")?;
    let mut shorter = conn
        .prepare_cached(&queries.shorter)
        .ctx("preparing the prefix lookup")?;
    let mut longer = conn
        .prepare_cached(&queries.longer)
        .ctx("preparing the prefix lookup")?;
    let mut ids: Vec<i64> = Vec::new();
    let mut push = |found: Vec<Result<i64, crate::db::DbErr>>| -> Result<(), StoreError> {
        for id in found {
            ids.push(id.ctx("reading an incident id")?);
        }
        Ok(())
    };
    for key in keys {
        push(
            exact
                .query_map(params![key], |r| r.get::<_, i64>(0))
                .ctx("looking up incidents by name")?
                .collect(),
        )?;
        let chars: Vec<(usize, char)> = key.char_indices().collect();
        if chars.len() < min {
            continue;
        }
        // Stored names of 3+ characters that this key starts with.
        for &(end, _) in chars.iter().skip(min) {
            push(
                shorter
                    .query_map(params![&key[..end]], |r| r.get::<_, i64>(0))
                    .ctx("looking up incidents by a shorter name")?
                    .collect(),
            )?;
        }
        // Stored names that start with this key (every string between key and key + U+10FFFF).
        push(
            longer
                .query_map(params![key, format!("{key}\u{10FFFF}")], |r| {
                    r.get::<_, i64>(0)
                })
                .ctx("looking up incidents by a longer name")?
                .collect(),
        )?;
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Every source of an incident with its candidate (evidence sentences restored from the
/// document), in merge-rule order: dated first, by publication, document, candidate.
pub(crate) fn load_sources(conn: &Db<'_>, id: IncidentId) -> Result<Vec<KnownSource>, StoreError> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT s.document_id, d.doc_id, d.published, s.candidate_json, d.text
             FROM incident_sources s JOIN documents d ON d.id = s.document_id
             WHERE s.incident_id = ?1
             ORDER BY d.published IS NULL, d.published, s.document_id, s.candidate_index",
        )
        .ctx("preparing the sources query")?;
    let rows = stmt
        .query_map(params![id.0], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .ctx("reading sources")?;
    let mut out = Vec::new();
    for row in rows {
        let (document_key, doc_id, published, json, text) = row.ctx("reading a source")?;
        out.push(known_source(
            id,
            document_key,
            doc_id,
            published,
            &json,
            &text,
        )?);
    }
    Ok(out)
}

/// One source of an incident as read back: its stored candidate, evidence sentences restored
/// from the document's text.
pub(crate) fn known_source(
    incident: IncidentId,
    document_key: i64,
    doc_id: String,
    published: Option<String>,
    candidate_json: &str,
    text: &str,
) -> Result<KnownSource, StoreError> {
    let what = format!("incident {incident}, source document {document_key}");
    let candidate = crate::sentences::parse_candidate(candidate_json, &doc_id, text, &what)?;
    Ok(KnownSource {
        document_key,
        doc_id: DocId(doc_id),
        published: parse_date(published, "published", document_key)?,
        candidate,
    })
}

fn load_corrections(conn: &Db<'_>, id: IncidentId) -> Result<Vec<Correction>, StoreError> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT field, value, author, at, reason FROM corrections
             WHERE incident_id = ?1 ORDER BY id",
        )
        .ctx("preparing the corrections query")?;
    let rows = stmt
        .query_map(params![id.0], |r| {
            Ok(Correction {
                field: r.get(0)?,
                value: r.get(1)?,
                author: r.get(2)?,
                at: r.get(3)?,
                reason: r.get(4)?,
            })
        })
        .ctx("reading corrections")?;
    rows.collect::<Result<Vec<_>, _>>()
        .ctx("reading corrections")
}

/// One known incident: headline, every source's candidate, corrections.
pub(crate) fn load_known(conn: &Db<'_>, id: IncidentId) -> Result<KnownIncident, StoreError> {
    let incident = read_incident_headline(conn, id)?;
    Ok(KnownIncident {
        id,
        headline: incident.to_record(),
        reported_on: incident.reported_on,
        sources: load_sources(conn, id)?,
        corrections: load_corrections(conn, id)?,
    })
}

/// An incident's stored merge state; computed from its sources when it predates the column.
fn load_summary(
    conn: &Db<'_>,
    id: IncidentId,
    resolver: &dyn Resolution,
) -> Result<MergeSummary, StoreError> {
    let json: Option<String> = conn
        .query_row(
            "SELECT summary_json FROM incidents WHERE id = ?1",
            params![id.0],
            |r| r.get(0),
        )
        .optional()
        .ctx("reading a merge summary")?
        .ok_or_else(|| StoreError::NotFound {
            what: format!("incident {id}"),
        })?;
    match json {
        Some(json) => parse_json::<MergeSummary>(&json, "merge summary", id.0),
        None => Ok(resolver.summarize(&load_sources(conn, id)?)),
    }
}

/// One incident as planning needs it: headline, name keys, merge state and corrections —
/// constant size whatever its number of sources.
fn load_state(
    conn: &Db<'_>,
    id: IncidentId,
    resolver: &dyn Resolution,
) -> Result<IncidentState, StoreError> {
    let incident = read_incident_headline(conn, id)?;
    let mut keys = resolver.headline_keys(&incident.to_record());
    for key in query_ids_text(
        conn,
        "SELECT name_key FROM incident_names WHERE incident_id = ?1 ORDER BY name_key",
        id.0,
    )? {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    Ok(IncidentState {
        id,
        headline: incident.to_record(),
        reported_on: incident.reported_on,
        keys,
        summary: load_summary(conn, id, resolver)?,
        corrections: load_corrections(conn, id)?,
    })
}

fn query_ids_text(conn: &Db<'_>, sql: &str, id: i64) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(sql).ctx("preparing a name query")?;
    let rows = stmt
        .query_map(params![id], |r| r.get::<_, String>(0))
        .ctx("reading names")?;
    rows.collect::<Result<Vec<_>, _>>().ctx("reading names")
}

fn load_states(
    conn: &Db<'_>,
    ids: &[i64],
    resolver: &dyn Resolution,
) -> Result<Vec<IncidentState>, StoreError> {
    ids.iter()
        .map(|id| load_state(conn, IncidentId(*id), resolver))
        .collect()
}

fn pins_for_document(
    conn: &Db<'_>,
    document_key: i64,
) -> Result<Vec<(String, IncidentId)>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT name_key, incident_id FROM source_pins WHERE document_id = ?1")
        .ctx("preparing the pins query")?;
    let rows = stmt
        .query_map(params![document_key], |r| {
            Ok((r.get::<_, String>(0)?, IncidentId(r.get::<_, i64>(1)?)))
        })
        .ctx("reading pins")?;
    rows.collect::<Result<Vec<_>, _>>().ctx("reading pins")
}

fn pin(conn: &Db<'_>, document_key: i64, key: &str, id: IncidentId) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO source_pins (document_id, name_key, incident_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (document_id, name_key) DO UPDATE SET incident_id = excluded.incident_id",
        params![document_key, key, id.0],
    )
    .ctx("pinning a source")?;
    Ok(())
}

/// The organisation a set of names belongs to, created when none is known yet. Returns its id.
fn organization_for(
    conn: &Db<'_>,
    name: &str,
    other_names: &[String],
    resolver: &dyn Resolution,
    now: &str,
) -> Result<Option<i64>, StoreError> {
    let mut names: Vec<(String, String)> = Vec::new();
    for n in std::iter::once(name.to_string()).chain(other_names.iter().cloned()) {
        let key = resolver.name_key(&n);
        if key.chars().count() >= 2 && !names.iter().any(|(_, k)| *k == key) {
            names.push((n, key));
        }
    }
    let Some((_, main_key)) = names.first().cloned() else {
        return Ok(None);
    };
    let mut found: Option<i64> = None;
    for (_, key) in &names {
        found = conn
            .query_row(
                "SELECT org_id FROM organization_names WHERE name_key = ?1 ORDER BY org_id LIMIT 1",
                params![key],
                |r| r.get(0),
            )
            .optional()
            .ctx("finding an organisation")?;
        if found.is_some() {
            break;
        }
    }
    let org_id = match found {
        Some(id) => {
            // A fuller legal name replaces a short canonical name.
            let canonical: String = conn
                .query_row(
                    "SELECT canonical_name FROM organizations WHERE id = ?1",
                    params![id],
                    |r| r.get(0),
                )
                .ctx("reading an organisation")?;
            if is_fuller_name(name, &canonical) {
                conn.execute(
                    "UPDATE organizations SET canonical_name = ?1 WHERE id = ?2",
                    params![name, id],
                )
                .ctx("renaming an organisation")?;
            }
            id
        }
        None => {
            conn.execute(
                "INSERT INTO organizations (canonical_name, org_key, created_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (org_key) DO NOTHING",
                params![name, main_key, now],
            )
            .ctx("creating an organisation")?;
            conn.query_row(
                "SELECT id FROM organizations WHERE org_key = ?1",
                params![&main_key],
                |r| r.get(0),
            )
            .ctx("reading a new organisation")?
        }
    };
    for (n, key) in &names {
        conn.execute(
            "INSERT INTO organization_names (org_id, name, name_key) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![org_id, n, key],
        )
        .ctx("recording an organisation name")?;
    }
    Ok(Some(org_id))
}

fn is_fuller_name(candidate: &str, current: &str) -> bool {
    let (has_form, had_form) = (
        leakwatch_jatext::has_legal_form(candidate),
        leakwatch_jatext::has_legal_form(current),
    );
    (has_form && !had_form)
        || (has_form == had_form
            && candidate.chars().count() > current.chars().count()
            && candidate.contains(current))
}

/// Records the names an incident is found by, its victim organisation and its links.
fn refresh_identity(
    conn: &Db<'_>,
    id: IncidentId,
    headline: &IncidentRecord,
    extra_keys: &[String],
    resolver: &dyn Resolution,
    now: &str,
) -> Result<(), StoreError> {
    for key in resolver
        .headline_keys(headline)
        .iter()
        .chain(extra_keys.iter())
    {
        conn.execute(
            "INSERT INTO incident_names (incident_id, name_key) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING",
            params![id.0, key],
        )
        .ctx("recording an incident name")?;
    }
    let org = organization_for(
        conn,
        &headline.organization,
        &headline.aliases,
        resolver,
        now,
    )?;
    conn.execute(
        "UPDATE incidents SET org_id = ?1 WHERE id = ?2",
        params![org, id.0],
    )
    .ctx("linking an incident to its organisation")?;
    conn.execute(
        "DELETE FROM organization_links WHERE incident_id = ?1",
        params![id.0],
    )
    .ctx("clearing links")?;
    if let Some(victim) = org {
        for rel in &headline.related {
            if let Some(other) = organization_for(conn, &rel.name, &[], resolver, now)? {
                if other != victim {
                    conn.execute(
                        "INSERT INTO organization_links (from_org, to_org, role, incident_id)
                         VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                        params![victim, other, rel.role.as_str(), id.0],
                    )
                    .ctx("recording a supply-chain link")?;
                }
            }
        }
    }
    Ok(())
}

fn set_headline(
    conn: &Db<'_>,
    id: IncidentId,
    headline: &IncidentRecord,
    reported_on: Option<NaiveDate>,
    now: &str,
) -> Result<(), StoreError> {
    let params = HeadlineParams::from_record(headline, reported_on, now)?;
    update_incident(conn, id, &params)
}

/// Recomputes an incident's headline from its merge state (`summary`, or — when sources were
/// taken away — the state of the sources it has now) and its corrections. An incident with no
/// source left keeps its headline (only corrections remain to say anything about it).
fn recompute(
    conn: &Db<'_>,
    id: IncidentId,
    summary: Option<MergeSummary>,
    resolver: &dyn Resolution,
    now: &str,
) -> Result<(), StoreError> {
    let summary = match summary {
        Some(s) => s,
        None => resolver.summarize(&load_sources(conn, id)?),
    };
    if summary.sources == 0 {
        return Ok(());
    }
    let corrections = load_corrections(conn, id)?;
    let (headline, reported_on) = resolver
        .headline(&summary, &corrections)
        .map_err(StoreError::invalid)?;
    set_headline(conn, id, &headline, reported_on, now)?;
    set_summary(conn, id, &summary)?;
    refresh_identity(conn, id, &headline, &[], resolver, now)
}

fn audit(conn: &Db<'_>, e: &AuditEntry) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO audit_log (at, author, action, incident_id, other_incident_id, detail, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            e.at,
            e.author,
            e.action,
            e.incident.map(|i| i.0),
            e.other_incident.map(|i| i.0),
            e.detail,
            e.reason
        ],
    )
    .ctx("writing the audit log")?;
    Ok(())
}

fn incident_exists(conn: &Db<'_>, id: IncidentId) -> Result<(), StoreError> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM incidents WHERE id = ?1",
            params![id.0],
            |r| r.get(0),
        )
        .optional()
        .ctx("checking an incident")?;
    found.map(|_| ()).ok_or_else(|| StoreError::NotFound {
        what: format!("incident {id}"),
    })
}

/// The ids a one-column query returns (`params` bound in order); `what` names it in errors.
pub(crate) fn query_ids(
    conn: &Db<'_>,
    sql: &str,
    params: &[Value],
    what: &str,
) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(sql).ctx(&format!("preparing {what}"))?;
    let rows = stmt
        .query_map(params, |r| r.get::<_, i64>(0))
        .ctx(&format!("reading {what}"))?;
    rows.collect::<Result<Vec<_>, _>>()
        .ctx(&format!("reading {what}"))
}

fn source_documents(conn: &Db<'_>, id: IncidentId) -> Result<Vec<i64>, StoreError> {
    query_ids(
        conn,
        "SELECT DISTINCT document_id FROM incident_sources WHERE incident_id = ?1 ORDER BY 1",
        params![id.0],
        "source documents",
    )
}

/// Pins every name of `id`'s candidates in `document_key` to `id`.
fn pin_sources_of(
    conn: &Db<'_>,
    id: IncidentId,
    document_key: Option<i64>,
    resolver: &dyn Resolution,
) -> Result<(), StoreError> {
    for s in load_sources(conn, id)? {
        if document_key.is_some_and(|k| k != s.document_key) {
            continue;
        }
        for key in resolver.candidate_keys(&s.candidate) {
            pin(conn, s.document_key, &key, id)?;
        }
    }
    Ok(())
}

fn read_document(conn: &Db<'_>, key: i64) -> Result<Document, StoreError> {
    let row = conn
        .query_row(
            "SELECT doc_id, origin, origin_kind, media_type, encoding, title, published, language,
                    text, content_hash
             FROM documents WHERE id = ?1",
            params![key],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                ))
            },
        )
        .optional()
        .ctx("reading a document")?
        .ok_or_else(|| StoreError::NotFound {
            what: format!("document {key}"),
        })?;
    let (doc_id, origin, origin_kind, media, encoding, title, published, language, text, hash) =
        row;
    let origin = match origin_kind.as_str() {
        "url" => Origin::Url { url: origin },
        _ => Origin::File {
            path: origin.into(),
        },
    };
    let media_type = match media.as_str() {
        "html" => MediaType::Html,
        "markdown" => MediaType::Markdown,
        _ => MediaType::Text,
    };
    Ok(Document {
        id: DocId(doc_id),
        origin,
        media_type,
        encoding,
        title,
        published: parse_date(published, "published", key)?,
        language: if language == "en" {
            Language::En
        } else {
            Language::Ja
        },
        text,
        content_hash: hash,
    })
}

/// Incident states already read in one transaction, by id: the documents of a batch often name
/// the same organisations, whose (up to [`MAX_INCIDENTS_PER_NAME`]) incidents would otherwise
/// be read and their merge summaries parsed again for every document. An incident a plan
/// writes to is forgotten ([`StateCache::forget`]); nothing else in an ingest transaction
/// changes a state, and the cache dies with the transaction (another writer may change them
/// between transactions).
#[derive(Default)]
struct StateCache {
    states: std::cell::RefCell<std::collections::HashMap<i64, IncidentState>>,
}

impl StateCache {
    fn load(
        &self,
        conn: &Db<'_>,
        ids: &[i64],
        resolver: &dyn Resolution,
    ) -> Result<Vec<IncidentState>, StoreError> {
        let mut states = self.states.borrow_mut();
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let state = match states.get(&id) {
                Some(state) => state.clone(),
                None => {
                    let state = load_state(conn, IncidentId(id), resolver)?;
                    states.insert(id, state.clone());
                    state
                }
            };
            out.push(state);
        }
        Ok(out)
    }

    fn forget(&self, outcome: &IngestOutcome) {
        let mut states = self.states.borrow_mut();
        for id in outcome.created.iter().chain(&outcome.merged) {
            states.remove(&id.0);
        }
    }
}

/// Plans a document's candidates against the known incidents sharing their names, read
/// inside the transaction (through `cache` when given).
fn resolving_plan<'a>(
    doc: &'a Document,
    extraction: &'a Extraction,
    resolver: &'a dyn Resolution,
    cache: Option<&'a StateCache>,
) -> impl Fn(&Db<'_>, i64) -> Result<Vec<IncidentPlan>, StoreError> + 'a {
    move |tx: &Db<'_>, document_key: i64| {
        let ids = candidate_incident_ids(tx, extraction, resolver)?;
        let known = match cache {
            Some(cache) => cache.load(tx, &ids, resolver)?,
            None => load_states(tx, &ids, resolver)?,
        };
        resolver
            .plan(doc, document_key, extraction, &known, &[])
            .map_err(StoreError::invalid)
    }
}

/// The one ingest path, inside the caller's transaction: skip known content, store the
/// document, plan (reading inside the transaction), carry out each plan, and — given a
/// resolver — record names, organisations and links.
fn ingest_in(
    tx: &Db<'_>,
    doc: &Document,
    extraction: &Extraction,
    plan: &PlanFn<'_>,
    resolver: Option<&dyn Resolution>,
) -> Result<IngestOutcome, StoreError> {
    if let Some(key) = key_by_hash(tx, &doc.content_hash)? {
        return Ok(IngestOutcome {
            document_key: key,
            new_document: false,
            created: Vec::new(),
            merged: Vec::new(),
        });
    }
    let now = now();
    let document_key = insert_document(tx, doc, extraction, &now)?;
    let plans = plan(tx, document_key)?;
    let mut outcome = IngestOutcome {
        document_key,
        new_document: true,
        created: Vec::new(),
        merged: Vec::new(),
    };
    for plan in &plans {
        let id = apply_plan(tx, document_key, doc, extraction, plan, &now)?;
        if let Some(resolver) = resolver {
            let candidate_keys = extraction
                .incidents
                .get(plan.candidate_index)
                .map(|c| resolver.candidate_keys(c))
                .unwrap_or_default();
            refresh_identity(tx, id, &plan.headline, &candidate_keys, resolver, &now)?;
        }
        let list = match plan.action {
            PlanAction::Create => &mut outcome.created,
            PlanAction::MergeInto(_) => &mut outcome.merged,
        };
        if !list.contains(&id) {
            list.push(id);
        }
    }
    Ok(outcome)
}

/// The short search terms of the documents a transaction stores (PostgreSQL only: SQLite's
/// full-text index has its own vocabulary), written once for the batch before it commits —
/// documents share most of theirs.
struct ShortTerms {
    postgres: bool,
    terms: std::collections::BTreeSet<String>,
}

impl ShortTerms {
    fn new(tx: &Db<'_>) -> Self {
        ShortTerms {
            postgres: tx.dialect() == crate::sql::Dialect::Postgres,
            terms: std::collections::BTreeSet::new(),
        }
    }

    fn add(&mut self, doc: &Document) {
        if self.postgres {
            crate::search::add_short_terms(doc.title.as_deref(), &doc.text, &mut self.terms);
        }
    }

    fn record(&self, tx: &Db<'_>) -> Result<(), StoreError> {
        crate::search::record_short_terms(tx, &self.terms)
    }
}

/// The Store operations of cross-document resolution, implemented for `SqliteStore`.
impl crate::SqliteStore {
    pub(crate) fn ingest_resolved_impl(
        &mut self,
        doc: &Document,
        extraction: &Extraction,
        resolver: &dyn Resolution,
    ) -> Result<IngestOutcome, StoreError> {
        let plan = resolving_plan(doc, extraction, resolver, None);
        self.ingest_with(doc, extraction, &plan, Some(resolver))
    }

    /// Several documents in ONE transaction (one commit, one write-ahead-log flush for the
    /// lot), each resolved against everything stored before it, the batch's earlier documents
    /// included. On error nothing of the batch is kept.
    pub(crate) fn ingest_resolved_many_impl(
        &mut self,
        items: &[(Document, Extraction)],
        resolver: &dyn Resolution,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let tx = self.begin("starting the ingest transaction")?;
        let mut outcomes = Vec::with_capacity(items.len());
        let mut terms = ShortTerms::new(&tx);
        let cache = StateCache::default();
        for (doc, extraction) in items {
            let plan = resolving_plan(doc, extraction, resolver, Some(&cache));
            let outcome = ingest_in(&tx, doc, extraction, &plan, Some(resolver))?;
            cache.forget(&outcome);
            if outcome.new_document {
                terms.add(doc);
            }
            outcomes.push(outcome);
        }
        terms.record(&tx)?;
        tx.commit().ctx("committing the ingest transaction")?;
        self.index_backlog_when_full()?;
        Ok(outcomes)
    }

    /// The one ingest path for one document in its own transaction (see [`ingest_in`]).
    pub(crate) fn ingest_with(
        &mut self,
        doc: &Document,
        extraction: &Extraction,
        plan: &PlanFn<'_>,
        resolver: Option<&dyn Resolution>,
    ) -> Result<IngestOutcome, StoreError> {
        let tx = self.begin("starting the ingest transaction")?;
        let outcome = ingest_in(&tx, doc, extraction, plan, resolver)?;
        if outcome.new_document {
            let mut terms = ShortTerms::new(&tx);
            terms.add(doc);
            terms.record(&tx)?;
            tx.commit().ctx("committing the ingest transaction")?;
            self.index_backlog_when_full()?;
        }
        Ok(outcome)
    }

    pub(crate) fn known_incident_impl(&self, id: IncidentId) -> Result<KnownIncident, StoreError> {
        load_known(&self.conn(), id)
    }

    pub(crate) fn correct_impl(
        &mut self,
        id: IncidentId,
        correction: &Correction,
        resolver: &dyn Resolution,
    ) -> Result<(), StoreError> {
        let tx = self.begin("starting a correction")?;
        incident_exists(&tx, id)?;
        tx.execute(
            "INSERT INTO corrections (incident_id, field, value, author, at, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id.0,
                correction.field,
                correction.value,
                correction.author,
                correction.at,
                correction.reason
            ],
        )
        .ctx("storing a correction")?;
        let now = now();
        let summary = load_summary(&tx, id, resolver)?;
        recompute(&tx, id, Some(summary), resolver, &now)?;
        audit(
            &tx,
            &AuditEntry {
                at: now.clone(),
                author: correction.author.to_string(),
                action: "set".to_string(),
                incident: Some(id),
                other_incident: None,
                detail: format!("{} = {}", correction.field, correction.value),
                reason: correction.reason.to_string(),
            },
        )?;
        tx.commit().ctx("committing a correction")
    }

    pub(crate) fn merge_incidents_impl(
        &mut self,
        keep: IncidentId,
        absorb: IncidentId,
        author: &str,
        reason: &str,
        resolver: &dyn Resolution,
    ) -> Result<(), StoreError> {
        if keep == absorb {
            return Err(StoreError::invalid(format!(
                "cannot merge incident {keep} into itself"
            )));
        }
        let tx = self.begin("starting a merge")?;
        incident_exists(&tx, keep)?;
        incident_exists(&tx, absorb)?;
        let summary = resolver.combine(
            &load_summary(&tx, keep, resolver)?,
            &load_summary(&tx, absorb, resolver)?,
        );
        for table in ["incident_sources", "corrections", "source_pins"] {
            tx.execute(
                &format!("UPDATE {table} SET incident_id = ?1 WHERE incident_id = ?2"),
                params![keep.0, absorb.0],
            )
            .ctx(&format!("moving {table}"))?;
        }
        tx.execute(
            "INSERT INTO incident_names (incident_id, name_key)
             SELECT ?1, name_key FROM incident_names WHERE incident_id = ?2
             ON CONFLICT DO NOTHING",
            params![keep.0, absorb.0],
        )
        .ctx("moving incident names")?;
        tx.execute("DELETE FROM incidents WHERE id = ?1", params![absorb.0])
            .ctx("removing the merged incident")?;
        // Re-extraction must not pull the sources apart again.
        pin_sources_of(&tx, keep, None, resolver)?;
        let now = now();
        recompute(&tx, keep, Some(summary), resolver, &now)?;
        audit(
            &tx,
            &AuditEntry {
                at: now.clone(),
                author: author.to_string(),
                action: "merge".to_string(),
                incident: Some(keep),
                other_incident: Some(absorb),
                detail: format!("incident {absorb} merged into {keep}"),
                reason: reason.to_string(),
            },
        )?;
        tx.commit().ctx("committing a merge")
    }

    pub(crate) fn split_source_impl(
        &mut self,
        id: IncidentId,
        document_key: i64,
        author: &str,
        reason: &str,
        resolver: &dyn Resolution,
    ) -> Result<IncidentId, StoreError> {
        let tx = self.begin("starting a split")?;
        incident_exists(&tx, id)?;
        let docs = source_documents(&tx, id)?;
        if !docs.contains(&document_key) {
            return Err(StoreError::invalid(format!(
                "document {document_key} is not a source of incident {id} (its sources: {docs:?})"
            )));
        }
        if docs.len() < 2 {
            return Err(StoreError::invalid(format!(
                "incident {id} has a single source document; nothing to split"
            )));
        }
        let now = now();
        let current = read_incident_headline(&tx, id)?.to_record();
        let new_id = insert_incident(&tx, &HeadlineParams::from_record(&current, None, &now)?)?;
        tx.execute(
            "UPDATE incident_sources SET incident_id = ?1 WHERE incident_id = ?2 AND document_id = ?3",
            params![new_id.0, id.0, document_key],
        )
        .ctx("moving incident_sources")?;
        pin_sources_of(&tx, new_id, Some(document_key), resolver)?;
        recompute(&tx, new_id, None, resolver, &now)?;
        recompute(&tx, id, None, resolver, &now)?;
        audit(
            &tx,
            &AuditEntry {
                at: now.clone(),
                author: author.to_string(),
                action: "split".to_string(),
                incident: Some(id),
                other_incident: Some(new_id),
                detail: format!(
                    "document {document_key} split from incident {id} into new incident {new_id}"
                ),
                reason: reason.to_string(),
            },
        )?;
        tx.commit().ctx("committing a split")?;
        Ok(new_id)
    }

    pub(crate) fn audit_log_impl(
        &self,
        id: Option<IncidentId>,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT at, author, action, incident_id, other_incident_id, detail, reason
                 FROM audit_log
                 WHERE CAST(?1 AS BIGINT) IS NULL OR incident_id = ?1 OR other_incident_id = ?1
                 ORDER BY id",
            )
            .ctx("preparing the audit query")?;
        let rows = stmt
            .query_map(params![id.map(|i| i.0)], |r| {
                Ok(AuditEntry {
                    at: r.get(0)?,
                    author: r.get(1)?,
                    action: r.get(2)?,
                    incident: r.get::<_, Option<i64>>(3)?.map(IncidentId),
                    other_incident: r.get::<_, Option<i64>>(4)?.map(IncidentId),
                    detail: r.get(5)?,
                    reason: r.get(6)?,
                })
            })
            .ctx("reading the audit log")?;
        rows.collect::<Result<Vec<_>, _>>()
            .ctx("reading the audit log")
    }

    pub(crate) fn document_keys_impl(&self) -> Result<Vec<i64>, StoreError> {
        query_ids(
            &self.conn(),
            "SELECT id FROM documents ORDER BY id",
            params![],
            "documents",
        )
    }

    pub(crate) fn stored_document_impl(&self, key: i64) -> Result<Document, StoreError> {
        read_document(&self.conn(), key)
    }

    pub(crate) fn reextract_document_impl(
        &mut self,
        document_key: i64,
        extraction: &Extraction,
        resolver: &dyn Resolution,
    ) -> Result<ReextractOutcome, StoreError> {
        let tx = self.begin("starting a re-extraction")?;
        let doc = read_document(&tx, document_key)?;
        let before: Vec<IncidentId> = query_ids(
            &tx,
            "SELECT DISTINCT incident_id FROM incident_sources WHERE document_id = ?1 ORDER BY 1",
            params![document_key],
            "the document's incidents",
        )?
        .into_iter()
        .map(IncidentId)
        .collect();
        tx.execute(
            "DELETE FROM incident_sources WHERE document_id = ?1",
            params![document_key],
        )
        .ctx("clearing old incident_sources")?;
        let extraction_json = crate::sqlite::stored_extraction_json(extraction)?;
        tx.execute(
            "UPDATE documents SET extraction_json = ?1, extractor_version = ?2 WHERE id = ?3",
            params![extraction_json, extraction.extractor_version, document_key],
        )
        .ctx("storing the new extraction")?;
        let keys = candidate_keys_of(extraction, resolver);
        let pins = pins_for_document(&tx, document_key)?;
        let mut ids = incident_ids_for_keys(&tx, &keys)?;
        for id in before.iter().chain(pins.iter().map(|(_, id)| id)) {
            if !ids.contains(&id.0) {
                ids.push(id.0);
            }
        }
        let known = load_states(&tx, &ids, resolver)?;
        let plans = resolver
            .plan(&doc, document_key, extraction, &known, &pins)
            .map_err(StoreError::invalid)?;
        let now = now();
        let mut outcome = ReextractOutcome {
            document_key,
            before: before.clone(),
            ..ReextractOutcome::default()
        };
        for plan in &plans {
            let id = apply_plan(&tx, document_key, &doc, extraction, plan, &now)?;
            let candidate_keys = extraction
                .incidents
                .get(plan.candidate_index)
                .map(|c| resolver.candidate_keys(c))
                .unwrap_or_default();
            refresh_identity(&tx, id, &plan.headline, &candidate_keys, resolver, &now)?;
            if plan.action == PlanAction::Create {
                outcome.created.push(id);
            }
            if !outcome.after.contains(&id) {
                outcome.after.push(id);
            }
        }
        // Incidents this document no longer supports: recompute from their other sources, or
        // remove them when nothing (no source, no correction) is left.
        for id in &before {
            if outcome.after.contains(id) {
                continue;
            }
            let known = load_known(&tx, *id)?;
            if known.sources.is_empty() && known.corrections.is_empty() {
                tx.execute("DELETE FROM incidents WHERE id = ?1", params![id.0])
                    .ctx("removing an unsupported incident")?;
                outcome.removed.push(*id);
            } else {
                recompute(&tx, *id, None, resolver, &now)?;
            }
        }
        // Corrections win over the new extraction too.
        for id in &outcome.after {
            recompute(&tx, *id, None, resolver, &now)?;
        }
        tx.commit().ctx("committing a re-extraction")?;
        Ok(outcome)
    }
}
