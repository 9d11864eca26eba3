//! Copying a whole database to another (any backend to any backend): every table row for row,
//! keys kept, in one transaction on the target, which must be empty. The tables are listed in
//! `TABLES` in foreign-key order; each backend's migrations create the same columns.

use crate::db::Db;
use crate::error::{SqlContext, StoreError};
use crate::sql::{Dialect, Row, Value};
use crate::SqlStore;
use serde::Serialize;

/// Every table with data, parents before children (`schema_migrations` is each backend's own),
/// with the columns of its primary key: rows are read in key order, a page at a time after the
/// last key read (never by OFFSET, which re-reads every earlier row for each page).
const TABLES: &[(&str, &[&str])] = &[
    ("documents", &["id"]),
    ("organizations", &["id"]),
    ("incidents", &["id"]),
    (
        "incident_sources",
        &["incident_id", "document_id", "candidate_index"],
    ),
    ("organization_names", &["org_id", "name_key"]),
    (
        "organization_links",
        &["from_org", "to_org", "role", "incident_id"],
    ),
    ("incident_names", &["incident_id", "name_key"]),
    ("corrections", &["id"]),
    ("source_pins", &["document_id", "name_key"]),
    ("audit_log", &["id"]),
    ("sources", &["id"]),
    ("source_items", &["source_id", "item_key"]),
    ("source_item_failures", &["source_id", "item_key"]),
    ("watch_entries", &["id"]),
    ("alerts", &["id"]),
    ("alert_deliveries", &["alert_id", "notifier"]),
    ("watch_meta", &["key"]),
    ("accounts", &["id"]),
    ("api_tokens", &["id"]),
];

/// Rows read per page.
const PAGE: usize = 2_000;

/// Parameters per INSERT: several rows go in one statement (one round trip to a server), well
/// under both backends' limits (SQLite 32,766, PostgreSQL 65,535).
const MAX_PARAMS: usize = 8_000;

/// Rows copied per table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CopySummary {
    pub tables: Vec<(String, u64)>,
}

fn columns(db: &Db<'_>, table: &str) -> Result<Vec<String>, StoreError> {
    let sql = match db.dialect() {
        Dialect::Sqlite => "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
        Dialect::Postgres => {
            "SELECT CAST(column_name AS TEXT) FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position"
        }
    };
    db.query(sql, &[Value::Text(table.to_string())])
        .ctx(&format!("listing the columns of {table}"))?
        .iter()
        .map(|r| r.get::<_, String>(0).ctx("reading a column name"))
        .collect()
}

/// Copies every row of `from` into `to` (which must hold no documents, incidents, sources or
/// watch entries).
pub fn copy_database(from: &SqlStore, to: &mut SqlStore) -> Result<CopySummary, StoreError> {
    let src = from.conn();
    let tx = to.begin("starting the copy")?;
    for table in [
        "documents",
        "incidents",
        "sources",
        "watch_entries",
        "alerts",
        "accounts",
    ] {
        let n: i64 = tx
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), &[], |r| r.get(0))
            .ctx("checking the target is empty")?;
        if n > 0 {
            return Err(StoreError::invalid(format!(
                "the target database is not empty ({n} rows in {table}); copy needs a new one"
            )));
        }
    }
    let mut summary = CopySummary::default();
    for (table, key) in TABLES {
        let copied = copy_table(&src, &tx, table, key)?;
        summary.tables.push((table.to_string(), copied));
    }
    if tx.dialect() == Dialect::Postgres {
        // Tables keyed by `id`, which the database assigns.
        for (table, _) in TABLES.iter().filter(|(_, key)| *key == ["id"]) {
            tx.query(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                                   COALESCE(MAX(id), 0) + 1, false) FROM {table}"
                ),
                &[],
            )
            .ctx(&format!("moving the id counter of {table}"))?;
        }
    }
    tx.commit().ctx("committing the copy")?;
    Ok(summary)
}

/// Copies one table in pages of its primary-key order; returns the rows copied.
fn copy_table(src: &Db<'_>, tx: &Db<'_>, table: &str, key: &[&str]) -> Result<u64, StoreError> {
    let wanted = columns(src, table)?;
    let present = columns(tx, table)?;
    let missing: Vec<&String> = wanted.iter().filter(|c| !present.contains(c)).collect();
    if !missing.is_empty() {
        return Err(StoreError::invalid(format!(
            "table {table}: the target lacks columns {missing:?} (is it an older schema?)"
        )));
    }
    let key_at: Vec<usize> = key
        .iter()
        .map(|k| {
            wanted.iter().position(|c| c == k).ok_or_else(|| {
                StoreError::invalid(format!("table {table}: no key column {k} in the source"))
            })
        })
        .collect::<Result<_, _>>()?;
    let list = wanted.join(", ");
    let order = key.join(", ");
    let first = format!("SELECT {list} FROM {table} ORDER BY {order} LIMIT {PAGE}");
    let after = format!(
        "SELECT {list} FROM {table} WHERE ({order}) > ({}) ORDER BY {order} LIMIT {PAGE}",
        (1..=key.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let per_insert = (MAX_PARAMS / wanted.len().max(1)).max(1);
    let mut copied = 0u64;
    let mut last: Option<Vec<Value>> = None;
    loop {
        let rows = match &last {
            None => src.query(&first, &[]),
            Some(k) => src.query(&after, k),
        }
        .ctx(&format!("reading {table}"))?;
        for batch in rows.chunks(per_insert) {
            let values = (0..batch.len())
                .map(|r| {
                    let at = r * wanted.len();
                    let row = (1..=wanted.len())
                        .map(|c| format!("?{}", at + c))
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!("({row})")
                })
                .collect::<Vec<_>>()
                .join(", ");
            let params: Vec<Value> = batch.iter().flat_map(|r| r.0.iter().cloned()).collect();
            tx.execute(
                &format!("INSERT INTO {table} ({list}) VALUES {values}"),
                &params,
            )
            .ctx(&format!("writing {table}"))?;
            if table == "documents" && tx.dialect() == Dialect::Postgres {
                record_short_terms(tx, &wanted, batch)?;
            }
        }
        copied += rows.len() as u64;
        match rows.last() {
            Some(row) if rows.len() == PAGE => {
                last = Some(
                    key_at
                        .iter()
                        .map(|&i| row.0.get(i).cloned().unwrap_or(Value::Null))
                        .collect(),
                );
            }
            _ => break,
        }
    }
    Ok(copied)
}

/// The short search terms of copied documents (a new PostgreSQL database's table must cover
/// every document it holds).
fn record_short_terms(tx: &Db<'_>, columns: &[String], rows: &[Row]) -> Result<(), StoreError> {
    let at = |name: &str| columns.iter().position(|c| c == name);
    let (Some(title_at), Some(text_at)) = (at("title"), at("text")) else {
        return Err(StoreError::invalid(
            "table documents: no title or text column in the source",
        ));
    };
    let mut terms = std::collections::BTreeSet::new();
    for row in rows {
        let text = |i: usize| match row.0.get(i) {
            Some(Value::Text(t)) => Some(t.as_str()),
            _ => None,
        };
        crate::search::add_short_terms(text(title_at), text(text_at).unwrap_or(""), &mut terms);
    }
    crate::search::record_short_terms(tx, &terms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SqliteStore;

    fn rows(store: &SqlStore, sql: &str) -> Vec<Vec<Value>> {
        store
            .conn()
            .query(sql, &[])
            .unwrap()
            .into_iter()
            .map(|r| r.0)
            .collect()
    }

    /// More rows than a page, under a composite key and a text key: every row arrives once.
    #[test]
    fn pages_of_every_key_kind_copy_every_row_once() {
        let from = SqliteStore::open_in_memory().unwrap();
        {
            let tx = from.begin("test").unwrap();
            for org in 1..=3i64 {
                tx.execute(
                    "INSERT INTO organizations (id, canonical_name, org_key, created_at)
                     VALUES (?1, ?2, ?3, '2026-01-01')",
                    &[
                        Value::Int(org),
                        Value::Text(format!("組織{org}")),
                        Value::Text(format!("組織{org}")),
                    ],
                )
                .unwrap();
            }
            // 3 × 1,700 names: the pages end inside an organisation's names.
            for org in 1..=3i64 {
                for n in 0..1_700 {
                    tx.execute(
                        "INSERT INTO organization_names (org_id, name, name_key) VALUES (?1, ?2, ?2)",
                        &[Value::Int(org), Value::Text(format!("名前{n:05}"))],
                    )
                    .unwrap();
                }
            }
            for n in 0..(PAGE + 5) {
                tx.execute(
                    "INSERT INTO watch_meta (key, value) VALUES (?1, ?2)",
                    &[Value::Text(format!("k{n}")), Value::Int(n as i64)],
                )
                .unwrap();
            }
            tx.commit().unwrap();
        }
        let mut to = SqliteStore::open_in_memory().unwrap();
        let summary = copy_database(&from, &mut to).unwrap();
        let count = |t: &str| summary.tables.iter().find(|(n, _)| n == t).map(|x| x.1);
        assert_eq!(count("organization_names"), Some(5_100));
        assert_eq!(count("watch_meta"), Some(PAGE as u64 + 5));
        for sql in [
            "SELECT org_id, name, name_key FROM organization_names ORDER BY org_id, name_key",
            "SELECT key, value FROM watch_meta ORDER BY key",
            "SELECT id, canonical_name FROM organizations ORDER BY id",
        ] {
            assert_eq!(rows(&from, sql), rows(&to, sql), "{sql}");
        }
    }
}
