//! Persistence for sources, watchlists, supply-chain links and alerts (SQLite migrations 0003,
//! 0004, 0006; PostgreSQL 0001–0002), as the `WatchStore` trait implemented for `SqlStore` on
//! both backends, with the poll workers' source claims. Rows are plain values (JSON for lists);
//! the watch and sources crates own their meaning. Must not touch the incident tables or the
//! `Store` trait's queries.

use crate::db::{DbErr, OptionalExtension};
use crate::error::{SqlContext, StoreError};
use crate::sql::{params, Row};
use crate::{SqliteStore, Store};
use serde::{Deserialize, Serialize};

/// A source to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    pub name: String,
    /// `rss`, `atom` or `page`.
    pub kind: String,
    pub url: String,
    pub every_secs: u64,
}

/// A stored source and its poll state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub url: String,
    pub every_secs: u64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub consecutive_failures: u32,
    pub healthy: bool,
    pub last_error: Option<String>,
    /// RFC 3339.
    pub last_polled_at: Option<String>,
    pub added_at: String,
}

/// The state a poll leaves behind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceStateUpdate {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub consecutive_failures: u32,
    pub healthy: bool,
    pub last_error: Option<String>,
    /// Item keys to remember as fetched (already-known ones are ignored).
    pub seen: Vec<String>,
    /// Items that failed this poll, each with its schedule.
    pub failures: Vec<ItemFailureRow>,
    /// Items that succeeded this poll: their failure rows are removed.
    pub cleared: Vec<String>,
}

/// A feed item that failed and when it is tried again (None: given up, it is marked seen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemFailureRow {
    pub item_key: String,
    pub attempts: u32,
    /// RFC 3339 UTC; None once given up.
    pub next_attempt_at: Option<String>,
    pub last_error: String,
}

/// An instant `after` from now, in the format schedules are stored in.
pub fn schedule_after(after: std::time::Duration) -> String {
    let after = chrono::Duration::from_std(after).unwrap_or(chrono::Duration::days(365));
    (chrono::Utc::now() + after).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Now, in the format schedules are stored in (comparable as text).
pub fn schedule_now() -> String {
    now()
}

/// A watchlist entry to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWatchRow {
    pub list: String,
    pub name: String,
    /// The normalised name (one entry per organisation per list).
    pub name_key: String,
    pub aliases: Vec<String>,
    pub domains: Vec<String>,
    pub kind: String,
}

/// A stored watchlist entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchRow {
    pub id: i64,
    pub list: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub domains: Vec<String>,
    pub kind: String,
}

/// A supply-chain relation: `to` is `from`'s `kind` (`processor`, `subsidiary`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRow {
    pub from_key: String,
    pub from_name: String,
    pub kind: String,
    pub to_key: String,
    pub to_name: String,
    pub incident_id: Option<i64>,
}

/// A stored alert; `payload` is the watch crate's alert as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertRow {
    pub id: i64,
    pub incident_id: i64,
    pub entry_id: i64,
    pub state_hash: String,
    pub created_at: String,
    pub read: bool,
    pub payload: String,
}

/// An alert still to be delivered to one notifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingDelivery {
    pub alert: AlertRow,
    pub notifier: String,
    pub attempts: u32,
}

/// Persistence of sources, watchlists and alerts.
pub trait WatchStore: Store {
    /// Adds a source; a duplicate name or URL is `StoreError::Invalid`.
    fn add_source(&mut self, source: &NewSource) -> Result<i64, StoreError>;
    fn sources(&self) -> Result<Vec<SourceRow>, StoreError>;
    /// Removes the source with this id or name (and its seen items); false when none.
    fn remove_source(&mut self, id_or_name: &str) -> Result<bool, StoreError>;
    /// Claims a source for one poll worker until `lease` has passed; false when another worker
    /// holds an unexpired claim (or is claiming it right now). Released by `release_source`.
    fn claim_source(
        &mut self,
        source_id: i64,
        lease: std::time::Duration,
    ) -> Result<bool, StoreError>;
    /// Gives a claimed source back.
    fn release_source(&mut self, source_id: i64) -> Result<(), StoreError>;
    /// Keys of the items already fetched from a source.
    fn seen_items(&self, source_id: i64) -> Result<Vec<String>, StoreError>;
    /// The failed items of a source with their schedules.
    fn item_failures(&self, source_id: i64) -> Result<Vec<ItemFailureRow>, StoreError>;
    /// Records a poll's outcome in one transaction.
    fn save_source_state(
        &mut self,
        source_id: i64,
        update: &SourceStateUpdate,
    ) -> Result<(), StoreError>;

    /// Adds a watchlist entry; the same organisation twice in one list is `Invalid`.
    fn add_watch(&mut self, entry: &NewWatchRow) -> Result<i64, StoreError>;
    fn watches(&self) -> Result<Vec<WatchRow>, StoreError>;
    /// Removes entries by id, or by name key (optionally within one list); returns how many.
    fn remove_watch(
        &mut self,
        id: Option<i64>,
        name_key: &str,
        list: Option<&str>,
    ) -> Result<usize, StoreError>;

    /// Every supply-chain link resolution has recorded (`from` has processor/subsidiary `to`).
    fn links(&self) -> Result<Vec<LinkRow>, StoreError>;

    /// The newest alert for an incident and entry.
    fn latest_alert(&self, incident_id: i64, entry_id: i64)
        -> Result<Option<AlertRow>, StoreError>;
    /// Records an alert and a pending delivery per notifier, in one transaction. `None` when
    /// the same (incident, entry, state) was already alerted.
    fn insert_alert(
        &mut self,
        incident_id: i64,
        entry_id: i64,
        state_hash: &str,
        payload: &str,
        notifiers: &[&str],
    ) -> Result<Option<AlertRow>, StoreError>;
    /// Alerts, newest first.
    fn alerts(&self, unread_only: bool) -> Result<Vec<AlertRow>, StoreError>;
    fn mark_alerts_read(&mut self, ids: &[i64]) -> Result<usize, StoreError>;
    /// Deliveries not yet made to these notifiers, tried fewer than `max_attempts` times.
    fn pending_deliveries(
        &self,
        notifiers: &[&str],
        max_attempts: u32,
    ) -> Result<Vec<PendingDelivery>, StoreError>;
    /// Incidents with a source document whose key is above `after`, and the highest document
    /// key (`after` when there is none): what alert evaluation has not seen yet.
    fn incidents_from_documents_after(&self, after: i64) -> Result<(Vec<i64>, i64), StoreError>;
    /// The highest document key whose incidents were evaluated for alerts (0 at first).
    fn alert_watermark(&self) -> Result<i64, StoreError>;
    fn set_alert_watermark(&mut self, document_key: i64) -> Result<(), StoreError>;
    /// Records one delivery attempt (`error` None: delivered). A failure is tried again once
    /// `retry_in` has passed (None: never again).
    fn record_delivery(
        &mut self,
        alert_id: i64,
        notifier: &str,
        error: Option<&str>,
        retry_in: Option<std::time::Duration>,
    ) -> Result<(), StoreError>;
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn to_json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

fn from_json(s: &str, what: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::corrupt(format!("{what}: {e}")))
}

fn is_unique_violation(e: &DbErr) -> bool {
    e.is_unique_violation()
}

/// PostgreSQL advisory lock keys of poll claims: this base plus the source id ("LkWs" << 32).
const PG_SOURCE_LOCK_BASE: i64 = 0x4C6B_5773 << 32;

/// Whether process `pid` of this machine still runs (where `/proc` tells; elsewhere a claim
/// waits for its lease to pass).
fn process_alive(pid: i64) -> bool {
    let proc = std::path::Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

const SOURCE_COLS: &str = "id, name, kind, url, every_secs, etag, last_modified, \
    consecutive_failures, healthy, last_error, last_polled_at, added_at";

const ALERT_COLS: &str = "id, incident_id, entry_id, state_hash, created_at, read_at, payload";

fn source_row(r: &Row) -> Result<SourceRow, DbErr> {
    Ok(SourceRow {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        url: r.get(3)?,
        every_secs: r.get::<_, i64>(4)?.max(1) as u64,
        etag: r.get(5)?,
        last_modified: r.get(6)?,
        consecutive_failures: r.get::<_, i64>(7)?.clamp(0, u32::MAX as i64) as u32,
        healthy: r.get::<_, i64>(8)? != 0,
        last_error: r.get(9)?,
        last_polled_at: r.get(10)?,
        added_at: r.get(11)?,
    })
}

fn alert_row(r: &Row) -> Result<AlertRow, DbErr> {
    Ok(AlertRow {
        id: r.get(0)?,
        incident_id: r.get(1)?,
        entry_id: r.get(2)?,
        state_hash: r.get(3)?,
        created_at: r.get(4)?,
        read: r.get::<_, Option<String>>(5)?.is_some(),
        payload: r.get(6)?,
    })
}

impl WatchStore for SqliteStore {
    fn add_source(&mut self, s: &NewSource) -> Result<i64, StoreError> {
        let every = i64::try_from(s.every_secs)
            .map_err(|_| StoreError::invalid("source interval too large"))?;
        match self.conn().query_row(
            "INSERT INTO sources (name, kind, url, every_secs, added_at) VALUES (?1, ?2, ?3, ?4, ?5)
             RETURNING id",
            params![s.name, s.kind, s.url, every, now()],
            |r| r.get::<_, i64>(0),
        ) {
            Ok(id) => Ok(id),
            Err(e) if is_unique_violation(&e) => Err(StoreError::invalid(format!(
                "a source named '{}' or with URL {} already exists",
                s.name, s.url
            ))),
            Err(e) => Err(e).ctx("adding a source"),
        }
    }

    fn sources(&self) -> Result<Vec<SourceRow>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {SOURCE_COLS} FROM sources ORDER BY id"))
            .ctx("listing sources")?;
        let rows = stmt
            .query_map(params![], source_row)
            .ctx("listing sources")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("reading sources")?;
        Ok(rows)
    }

    fn remove_source(&mut self, id_or_name: &str) -> Result<bool, StoreError> {
        let id: i64 = id_or_name.trim().parse().unwrap_or(-1);
        let n = self
            .conn()
            .execute(
                "DELETE FROM sources WHERE id = ?1 OR name = ?2",
                params![id, id_or_name],
            )
            .ctx("removing a source")?;
        Ok(n > 0)
    }

    fn claim_source(
        &mut self,
        source_id: i64,
        lease: std::time::Duration,
    ) -> Result<bool, StoreError> {
        let db = self.conn();
        if db.dialect() == crate::sql::Dialect::Postgres {
            // A session lock: released by `release_source` or when the connection ends.
            return db
                .query_row(
                    "SELECT pg_try_advisory_lock(?1)",
                    params![PG_SOURCE_LOCK_BASE + source_id],
                    |r| r.get::<_, bool>(0),
                )
                .ctx("claiming a source");
        }
        let me = i64::from(std::process::id());
        let claim = |holder: Option<i64>| -> Result<bool, StoreError> {
            let n = db
                .execute(
                    "UPDATE sources SET claimed_until = ?2, claimed_by = ?4
                     WHERE id = ?1 AND (claimed_until IS NULL OR claimed_until < ?3
                                        OR claimed_by = ?4 OR claimed_by = ?5)",
                    params![
                        source_id,
                        schedule_after(lease),
                        schedule_after(std::time::Duration::ZERO),
                        me,
                        holder
                    ],
                )
                .ctx("claiming a source")?;
            Ok(n == 1)
        };
        if claim(None)? {
            return Ok(true);
        }
        // Held: free it when the holder's process is gone (a killed worker).
        let holder: Option<i64> = db
            .query_row(
                "SELECT claimed_by FROM sources WHERE id = ?1",
                params![source_id],
                |r| r.get(0),
            )
            .optional()
            .ctx("reading a source claim")?
            .flatten();
        match holder {
            Some(pid) if !process_alive(pid) => claim(Some(pid)),
            _ => Ok(false),
        }
    }

    fn release_source(&mut self, source_id: i64) -> Result<(), StoreError> {
        let db = self.conn();
        if db.dialect() == crate::sql::Dialect::Postgres {
            db.query(
                "SELECT pg_advisory_unlock(?1)",
                params![PG_SOURCE_LOCK_BASE + source_id],
            )
            .ctx("releasing a source")?;
            return Ok(());
        }
        db.execute(
            "UPDATE sources SET claimed_until = NULL, claimed_by = NULL WHERE id = ?1",
            params![source_id],
        )
        .ctx("releasing a source")?;
        Ok(())
    }

    fn seen_items(&self, source_id: i64) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT item_key FROM source_items WHERE source_id = ?1")
            .ctx("reading seen items")?;
        let rows = stmt
            .query_map(params![source_id], |r| r.get(0))
            .ctx("reading seen items")?
            .collect::<Result<Vec<String>, _>>()
            .ctx("reading seen items")?;
        Ok(rows)
    }

    fn item_failures(&self, source_id: i64) -> Result<Vec<ItemFailureRow>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT item_key, attempts, next_attempt_at, last_error FROM source_item_failures
                 WHERE source_id = ?1 ORDER BY item_key",
            )
            .ctx("reading failed items")?;
        let rows = stmt
            .query_map(params![source_id], |r| {
                Ok(ItemFailureRow {
                    item_key: r.get(0)?,
                    attempts: r.get::<_, i64>(1)?.clamp(0, u32::MAX as i64) as u32,
                    next_attempt_at: r.get(2)?,
                    last_error: r.get(3)?,
                })
            })
            .ctx("reading failed items")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("reading failed items")?;
        Ok(rows)
    }

    fn save_source_state(
        &mut self,
        source_id: i64,
        u: &SourceStateUpdate,
    ) -> Result<(), StoreError> {
        let tx = self
            .conn()
            .begin()
            .ctx("starting a source-state transaction")?;
        let at = now();
        let n = tx
            .execute(
                "UPDATE sources SET etag = ?2, last_modified = ?3, consecutive_failures = ?4,
                 healthy = ?5, last_error = ?6, last_polled_at = ?7 WHERE id = ?1",
                params![
                    source_id,
                    u.etag,
                    u.last_modified,
                    u.consecutive_failures as i64,
                    u.healthy as i64,
                    u.last_error,
                    at
                ],
            )
            .ctx("saving source state")?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: format!("source {source_id}"),
            });
        }
        {
            let mut stmt = tx
                .prepare(
                    "INSERT INTO source_items (source_id, item_key, seen_at)
                     VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                )
                .ctx("recording seen items")?;
            for key in &u.seen {
                stmt.execute(params![source_id, key, at])
                    .ctx("recording a seen item")?;
            }
            let mut fail = tx
                .prepare(
                    "INSERT INTO source_item_failures
                       (source_id, item_key, attempts, next_attempt_at, last_error)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (source_id, item_key) DO UPDATE SET attempts = excluded.attempts,
                       next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error",
                )
                .ctx("recording failed items")?;
            for f in &u.failures {
                fail.execute(params![
                    source_id,
                    f.item_key,
                    f.attempts as i64,
                    f.next_attempt_at,
                    f.last_error
                ])
                .ctx("recording a failed item")?;
            }
            let mut clear = tx
                .prepare("DELETE FROM source_item_failures WHERE source_id = ?1 AND item_key = ?2")
                .ctx("clearing failed items")?;
            for key in &u.cleared {
                clear
                    .execute(params![source_id, key])
                    .ctx("clearing a failed item")?;
            }
        }
        tx.commit().ctx("committing source state")
    }

    fn add_watch(&mut self, e: &NewWatchRow) -> Result<i64, StoreError> {
        match self.conn().query_row(
            "INSERT INTO watch_entries (list, name, name_key, aliases, domains, kind, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
            params![
                e.list,
                e.name,
                e.name_key,
                to_json(&e.aliases),
                to_json(&e.domains),
                e.kind,
                now()
            ],
            |r| r.get::<_, i64>(0),
        ) {
            Ok(id) => Ok(id),
            Err(err) if is_unique_violation(&err) => Err(StoreError::invalid(format!(
                "'{}' is already on watchlist '{}' (or kind '{}' is not vendor, service, processor or self)",
                e.name, e.list, e.kind
            ))),
            Err(err) => Err(err).ctx("adding a watch entry"),
        }
    }

    fn watches(&self) -> Result<Vec<WatchRow>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT id, list, name, aliases, domains, kind FROM watch_entries
                 ORDER BY list, id",
            )
            .ctx("listing watch entries")?;
        let raw = stmt
            .query_map(params![], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .ctx("listing watch entries")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("reading watch entries")?;
        raw.into_iter()
            .map(|(id, list, name, aliases, domains, kind)| {
                Ok(WatchRow {
                    id,
                    list,
                    name,
                    aliases: from_json(&aliases, "watch entry aliases")?,
                    domains: from_json(&domains, "watch entry domains")?,
                    kind,
                })
            })
            .collect()
    }

    fn remove_watch(
        &mut self,
        id: Option<i64>,
        name_key: &str,
        list: Option<&str>,
    ) -> Result<usize, StoreError> {
        let n = self
            .conn()
            .execute(
                "DELETE FROM watch_entries WHERE (id = ?1 OR name_key = ?2)
                 AND (CAST(?3 AS TEXT) IS NULL OR list = ?3)",
                params![id.unwrap_or(-1), name_key, list],
            )
            .ctx("removing watch entries")?;
        Ok(n)
    }

    fn links(&self) -> Result<Vec<LinkRow>, StoreError> {
        // The links resolution records for every incident (victim → related organisation with
        // its role), turned into "`from` has processor/subsidiary `to`".
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT v.org_key, v.canonical_name, l.role, o.org_key, o.canonical_name,
                        l.incident_id
                 FROM organization_links l
                 JOIN organizations v ON v.id = l.from_org
                 JOIN organizations o ON o.id = l.to_org
                 WHERE l.role IN ('processor', 'data_owner', 'parent', 'subsidiary')
                 ORDER BY l.incident_id, l.role, o.org_key",
            )
            .ctx("preparing the supply-links query")?;
        let rows = stmt
            .query_map(params![], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })
            .ctx("reading supply links")?;
        let mut out = Vec::new();
        for row in rows {
            let (victim_key, victim, role, other_key, other, incident) =
                row.ctx("reading a supply link")?;
            let victim_side = (victim_key, victim);
            let other_side = (other_key, other);
            // (from, kind, to): the victim's processor; the data owner whose processor the
            // victim is; the parent of the victim; the victim's subsidiary.
            let (from, kind, to) = match role.as_str() {
                "processor" => (victim_side, "processor", other_side),
                "data_owner" => (other_side, "processor", victim_side),
                "parent" => (other_side, "subsidiary", victim_side),
                _ => (victim_side, "subsidiary", other_side),
            };
            out.push(LinkRow {
                from_key: from.0,
                from_name: from.1,
                kind: kind.to_string(),
                to_key: to.0,
                to_name: to.1,
                incident_id: Some(incident),
            });
        }
        Ok(out)
    }

    fn latest_alert(
        &self,
        incident_id: i64,
        entry_id: i64,
    ) -> Result<Option<AlertRow>, StoreError> {
        self.conn()
            .query_row(
                &format!(
                    "SELECT {ALERT_COLS} FROM alerts WHERE incident_id = ?1 AND entry_id = ?2
                     ORDER BY id DESC LIMIT 1"
                ),
                params![incident_id, entry_id],
                alert_row,
            )
            .optional()
            .ctx("reading the latest alert")
    }

    fn insert_alert(
        &mut self,
        incident_id: i64,
        entry_id: i64,
        state_hash: &str,
        payload: &str,
        notifiers: &[&str],
    ) -> Result<Option<AlertRow>, StoreError> {
        let tx = self.conn().begin().ctx("starting an alert transaction")?;
        let id: Option<i64> = tx
            .query_row(
                "INSERT INTO alerts (incident_id, entry_id, state_hash, created_at, payload)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING RETURNING id",
                params![incident_id, entry_id, state_hash, now(), payload],
                |r| r.get(0),
            )
            .optional()
            .ctx("recording an alert")?;
        let Some(id) = id else {
            return Ok(None);
        };
        for notifier in notifiers {
            tx.execute(
                "INSERT INTO alert_deliveries (alert_id, notifier) VALUES (?1, ?2)
                 ON CONFLICT DO NOTHING",
                params![id, notifier],
            )
            .ctx("queueing an alert delivery")?;
        }
        let row = tx
            .query_row(
                &format!("SELECT {ALERT_COLS} FROM alerts WHERE id = ?1"),
                params![id],
                alert_row,
            )
            .ctx("reading the new alert")?;
        tx.commit().ctx("committing an alert")?;
        Ok(Some(row))
    }

    fn alerts(&self, unread_only: bool) -> Result<Vec<AlertRow>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(&format!(
                "SELECT {ALERT_COLS} FROM alerts WHERE (?1 = 0 OR read_at IS NULL) ORDER BY id DESC"
            ))
            .ctx("listing alerts")?;
        let rows = stmt
            .query_map(params![unread_only as i64], alert_row)
            .ctx("listing alerts")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("reading alerts")?;
        Ok(rows)
    }

    fn mark_alerts_read(&mut self, ids: &[i64]) -> Result<usize, StoreError> {
        let tx = self
            .conn()
            .begin()
            .ctx("starting a mark-read transaction")?;
        let at = now();
        let mut n = 0;
        for id in ids {
            n += tx
                .execute(
                    "UPDATE alerts SET read_at = ?2 WHERE id = ?1 AND read_at IS NULL",
                    params![id, at],
                )
                .ctx("marking an alert read")?;
        }
        tx.commit().ctx("committing read marks")?;
        Ok(n)
    }

    fn pending_deliveries(
        &self,
        notifiers: &[&str],
        max_attempts: u32,
    ) -> Result<Vec<PendingDelivery>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT a.id, a.incident_id, a.entry_id, a.state_hash, a.created_at, a.read_at,
                        a.payload, d.notifier, d.attempts
                 FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
                 WHERE d.delivered_at IS NULL AND d.attempts < ?1
                   AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?2)
                 ORDER BY a.id, d.notifier",
            )
            .ctx("listing pending deliveries")?;
        let rows = stmt
            .query_map(params![max_attempts as i64, now()], |r| {
                Ok(PendingDelivery {
                    alert: alert_row(r)?,
                    notifier: r.get(7)?,
                    attempts: r.get::<_, i64>(8)?.clamp(0, u32::MAX as i64) as u32,
                })
            })
            .ctx("listing pending deliveries")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("reading pending deliveries")?;
        Ok(rows
            .into_iter()
            .filter(|d| notifiers.contains(&d.notifier.as_str()))
            .collect())
    }

    fn incidents_from_documents_after(&self, after: i64) -> Result<(Vec<i64>, i64), StoreError> {
        let max: Option<i64> = self
            .conn()
            .query_row("SELECT MAX(id) FROM documents", params![], |r| r.get(0))
            .ctx("reading the newest document key")?;
        let max = max.unwrap_or(0).max(after);
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT DISTINCT incident_id FROM incident_sources
                 WHERE document_id > ?1 AND document_id <= ?2 ORDER BY incident_id",
            )
            .ctx("listing incidents of new documents")?;
        let ids = stmt
            .query_map(params![after, max], |r| r.get(0))
            .ctx("listing incidents of new documents")?
            .collect::<Result<Vec<i64>, _>>()
            .ctx("reading incidents of new documents")?;
        Ok((ids, max))
    }

    fn alert_watermark(&self) -> Result<i64, StoreError> {
        let v: Option<i64> = self
            .conn()
            .query_row(
                "SELECT value FROM watch_meta WHERE key = 'alerts_evaluated_document'",
                params![],
                |r| r.get(0),
            )
            .optional()
            .ctx("reading the alert watermark")?;
        Ok(v.unwrap_or(0))
    }

    fn set_alert_watermark(&mut self, document_key: i64) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT INTO watch_meta (key, value) VALUES ('alerts_evaluated_document', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = CASE WHEN excluded.value > watch_meta.value
                     THEN excluded.value ELSE watch_meta.value END",
                params![document_key],
            )
            .ctx("saving the alert watermark")?;
        Ok(())
    }

    fn record_delivery(
        &mut self,
        alert_id: i64,
        notifier: &str,
        error: Option<&str>,
        retry_in: Option<std::time::Duration>,
    ) -> Result<(), StoreError> {
        let delivered = error.is_none().then(now);
        let next = error.and(retry_in).map(schedule_after);
        self.conn()
            .execute(
                "INSERT INTO alert_deliveries
                   (alert_id, notifier, attempts, delivered_at, last_error, next_attempt_at)
                 VALUES (?1, ?2, 1, ?3, ?4, ?5)
                 ON CONFLICT (alert_id, notifier) DO UPDATE SET attempts = alert_deliveries.attempts + 1,
                   delivered_at = excluded.delivered_at, last_error = excluded.last_error,
                   next_attempt_at = excluded.next_attempt_at",
                params![alert_id, notifier, delivered, error, next],
            )
            .ctx("recording a delivery")?;
        Ok(())
    }
}
