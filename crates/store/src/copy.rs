//! Copying a whole database to another (any backend to any backend): every table row for row,
//! keys kept, in one transaction on the target, which must be empty. The tables are listed in
//! `TABLES` in foreign-key order; each backend's migrations create the same columns.

use crate::db::Db;
use crate::error::{SqlContext, StoreError};
use crate::sql::{Dialect, Value};
use crate::SqlStore;
use serde::Serialize;

/// Every table with data, parents before children (`schema_migrations` is each backend's own).
const TABLES: &[&str] = &[
    "documents",
    "organizations",
    "incidents",
    "incident_sources",
    "organization_names",
    "organization_links",
    "incident_names",
    "corrections",
    "source_pins",
    "audit_log",
    "sources",
    "source_items",
    "source_item_failures",
    "watch_entries",
    "alerts",
    "alert_deliveries",
    "watch_meta",
    "accounts",
    "api_tokens",
];

/// Tables whose `id` the database assigns (their counters are moved past the copied ids).
const ID_TABLES: &[&str] = &[
    "documents",
    "organizations",
    "incidents",
    "corrections",
    "audit_log",
    "sources",
    "watch_entries",
    "alerts",
    "accounts",
    "api_tokens",
];

/// Rows read and written per statement batch.
const PAGE: i64 = 2_000;

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
    for table in TABLES {
        let wanted = columns(&src, table)?;
        let present = columns(&tx, table)?;
        let cols: Vec<&String> = wanted.iter().filter(|c| present.contains(c)).collect();
        if cols.len() != wanted.len() {
            return Err(StoreError::invalid(format!(
                "table {table}: the target lacks columns {:?} (is it an older schema?)",
                wanted
                    .iter()
                    .filter(|c| !present.contains(c))
                    .collect::<Vec<_>>()
            )));
        }
        let list = cols
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let placeholders = (1..=cols.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let insert = format!("INSERT INTO {table} ({list}) VALUES ({placeholders})");
        // Pages in a stable order (by id, or by every column for tables without one).
        let order = if ID_TABLES.contains(table) {
            "id".to_string()
        } else {
            list.clone()
        };
        let select = format!("SELECT {list} FROM {table} ORDER BY {order} LIMIT ?1 OFFSET ?2");
        let mut copied = 0u64;
        let mut offset = 0i64;
        loop {
            let rows = src
                .query(&select, &[Value::Int(PAGE), Value::Int(offset)])
                .ctx(&format!("reading {table}"))?;
            for row in &rows {
                tx.execute(&insert, &row.0)
                    .ctx(&format!("writing {table}"))?;
            }
            copied += rows.len() as u64;
            if (rows.len() as i64) < PAGE {
                break;
            }
            offset += PAGE;
        }
        summary.tables.push((table.to_string(), copied));
    }
    if tx.dialect() == Dialect::Postgres {
        for table in ID_TABLES {
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
