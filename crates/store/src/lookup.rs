//! Finding stored incidents by organisation name key: the lookup resolution plans with.

use crate::error::{SqlContext, StoreError};
use crate::resolution::MIN_PREFIX_KEY_CHARS;
use rusqlite::{params, Connection};

/// Ids of incidents one of whose names equals a key, or starts with it / is its start
/// (keys of 3+ characters), directly or through their organisation's alias set.
///
/// Every branch is an index lookup on `name_key` (names starting with the key: a range scan;
/// names the key starts with: one equality per prefix of the key), so bulk imports stay linear
/// instead of scanning every stored name per key.
pub(crate) fn incident_ids_for_keys(
    conn: &Connection,
    keys: &[String],
) -> Result<Vec<i64>, StoreError> {
    let mut ids: Vec<i64> = Vec::new();
    let mut starting = conn
        .prepare_cached(
            "SELECT DISTINCT incident_id FROM incident_names
             WHERE name_key >= ?1 AND name_key < ?1 || char(1114111)
               AND (name_key = ?1
                    OR (length(?1) >= ?2 AND substr(name_key, 1, length(?1)) = ?1))
             UNION
             SELECT i.id FROM incidents i JOIN organization_names n ON n.org_id = i.org_id
             WHERE n.name_key = ?1",
        )
        .ctx("preparing the name lookup")?;
    let mut exact = conn
        .prepare_cached("SELECT DISTINCT incident_id FROM incident_names WHERE name_key = ?1")
        .ctx("preparing the name prefix lookup")?;
    let mut push = |id: i64| {
        if !ids.contains(&id) {
            ids.push(id);
        }
    };
    for key in keys {
        let rows = starting
            .query_map(params![key, MIN_PREFIX_KEY_CHARS], |r| r.get::<_, i64>(0))
            .ctx("looking up incidents by name")?;
        for row in rows {
            push(row.ctx("reading an incident id")?);
        }
        // Stored names that are a start (3+ characters) of the key.
        let chars: Vec<(usize, char)> = key.char_indices().collect();
        for n in (MIN_PREFIX_KEY_CHARS as usize)..chars.len() {
            let prefix = &key[..chars[n].0];
            let rows = exact
                .query_map(params![prefix], |r| r.get::<_, i64>(0))
                .ctx("looking up incidents by a name prefix")?;
            for row in rows {
                push(row.ctx("reading an incident id")?);
            }
        }
    }
    ids.sort_unstable();
    Ok(ids)
}
