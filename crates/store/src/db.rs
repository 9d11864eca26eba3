//! One connection API over both backends, so every query of the store is written once: `Db`
//! runs SQL with positional parameters (`?1`, `?` — rewritten to `$N` for PostgreSQL) on an
//! SQLite connection or a PostgreSQL client and returns rows of plain `Value`s; `Tx` is a
//! transaction on it (`BEGIN IMMEDIATE` on SQLite; on PostgreSQL `BEGIN` plus a transaction-level
//! advisory lock, so writers of one database — any number of processes — take turns exactly as
//! SQLite's single writer does, and resolution never sees a half-written neighbour).
//!
//! The surface mimics rusqlite's (`execute`, `query_row`, `prepare_cached` + `query_map`,
//! `optional`) so the store's code reads the same on both.

use crate::sql::{to_dollar_params, Dialect, Row, Value};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// The advisory lock key every PostgreSQL writer takes (ASCII "LkWtWrit").
pub(crate) const PG_WRITE_LOCK: i64 = 0x4C6B_5774_5772_6974;

/// A PostgreSQL client and its prepared statements (prepared once per connection).
pub(crate) struct PgConn {
    pub client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
}

impl PgConn {
    pub fn new(client: postgres::Client) -> Self {
        PgConn {
            client,
            statements: HashMap::new(),
        }
    }

    fn statement(&mut self, sql: &str) -> Result<postgres::Statement, DbErr> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let stmt = self
            .client
            .prepare(&to_dollar_params(sql))
            .map_err(DbErr::Pg)?;
        self.statements.insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }
}

/// An error of either driver, or a value of an unexpected type.
#[derive(Debug)]
pub(crate) enum DbErr {
    Sqlite(rusqlite::Error),
    Pg(postgres::Error),
    /// `query_row` found no row (`optional()` turns it into `None`).
    NoRows,
    /// A value that does not convert (a type mismatch, a number out of range).
    Conv(String),
}

impl From<rusqlite::Error> for DbErr {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => DbErr::NoRows,
            e => DbErr::Sqlite(e),
        }
    }
}

impl DbErr {
    /// A UNIQUE (or primary key) constraint refused the row.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            DbErr::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => {
                f.code == rusqlite::ErrorCode::ConstraintViolation
                    && matches!(
                        f.extended_code,
                        rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                            | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                    )
            }
            DbErr::Pg(e) => e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION),
            _ => false,
        }
    }
}

/// `query_row(..).optional()`: no row is `Ok(None)`.
pub(crate) trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>, DbErr>;
}

impl<T> OptionalExtension<T> for Result<T, DbErr> {
    fn optional(self) -> Result<Option<T>, DbErr> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(DbErr::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A connection of either backend (borrowed from the store).
#[derive(Clone, Copy)]
pub(crate) enum Db<'a> {
    Sqlite(&'a rusqlite::Connection),
    Pg(&'a RefCell<PgConn>),
}

impl<'a> Db<'a> {
    pub fn dialect(&self) -> Dialect {
        match self {
            Db::Sqlite(_) => Dialect::Sqlite,
            Db::Pg(_) => Dialect::Postgres,
        }
    }

    /// Runs a statement; the number of rows it changed.
    pub fn execute(&self, sql: &str, params: &[Value]) -> Result<usize, DbErr> {
        match self {
            Db::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                Ok(stmt.execute(rusqlite::params_from_iter(params.iter()))?)
            }
            Db::Pg(pg) => {
                let mut pg = pg.borrow_mut();
                let stmt = pg.statement(sql)?;
                let n = pg
                    .client
                    .execute(&stmt, &pg_params(params))
                    .map_err(DbErr::Pg)?;
                usize::try_from(n).map_err(|_| DbErr::Conv(format!("{n} rows changed")))
            }
        }
    }

    /// Runs a query; every row.
    pub fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbErr> {
        match self {
            Db::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let n = stmt.column_count();
                let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
                let mut out = Vec::new();
                while let Some(r) = rows.next()? {
                    let mut values = Vec::with_capacity(n);
                    for i in 0..n {
                        values.push(from_sqlite(r.get_ref(i)?)?);
                    }
                    out.push(Row(values));
                }
                Ok(out)
            }
            Db::Pg(pg) => {
                let mut pg = pg.borrow_mut();
                let stmt = pg.statement(sql)?;
                let rows = pg
                    .client
                    .query(&stmt, &pg_params(params))
                    .map_err(DbErr::Pg)?;
                rows.iter().map(from_pg_row).collect()
            }
        }
    }

    /// The first row through `f`; `DbErr::NoRows` when there is none.
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: &[Value],
        f: impl FnOnce(&Row) -> Result<T, DbErr>,
    ) -> Result<T, DbErr> {
        let rows = self.query(sql, params)?;
        match rows.first() {
            Some(r) => f(r),
            None => Err(DbErr::NoRows),
        }
    }

    /// A statement to run several times (prepared once per connection by either driver).
    pub fn prepare_cached(&self, sql: &str) -> Result<Stmt<'a>, DbErr> {
        Ok(Stmt {
            db: *self,
            sql: sql.to_string(),
        })
    }

    pub fn prepare(&self, sql: &str) -> Result<Stmt<'a>, DbErr> {
        self.prepare_cached(sql)
    }

    /// Runs several statements without parameters.
    pub fn execute_batch(&self, sql: &str) -> Result<(), DbErr> {
        match self {
            Db::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Db::Pg(pg) => pg.borrow_mut().client.batch_execute(sql).map_err(DbErr::Pg),
        }
    }

    /// Starts a write transaction (see the module comment); rolled back unless committed.
    pub fn begin(&self) -> Result<Tx<'a>, DbErr> {
        match self {
            Db::Sqlite(_) => self.execute_batch("BEGIN IMMEDIATE")?,
            Db::Pg(_) => {
                self.execute_batch("BEGIN")?;
                let locked = self.execute(
                    "SELECT pg_advisory_xact_lock(?1)",
                    &[Value::Int(PG_WRITE_LOCK)],
                );
                if let Err(e) = locked {
                    let _ = self.execute_batch("ROLLBACK");
                    return Err(e);
                }
            }
        }
        Ok(Tx {
            db: *self,
            done: Cell::new(false),
        })
    }
}

/// A prepared statement of `Db`.
pub(crate) struct Stmt<'a> {
    db: Db<'a>,
    sql: String,
}

impl Stmt<'_> {
    pub fn execute(&mut self, params: &[Value]) -> Result<usize, DbErr> {
        self.db.execute(&self.sql, params)
    }

    /// Every row through `f` (collected first: the connection is free again when this returns).
    pub fn query_map<T>(
        &mut self,
        params: &[Value],
        mut f: impl FnMut(&Row) -> Result<T, DbErr>,
    ) -> Result<std::vec::IntoIter<Result<T, DbErr>>, DbErr> {
        let rows = self.db.query(&self.sql, params)?;
        Ok(rows.iter().map(&mut f).collect::<Vec<_>>().into_iter())
    }
}

/// A transaction on `Db` (derefs to it); dropped without `commit`, it rolls back.
pub(crate) struct Tx<'a> {
    db: Db<'a>,
    done: Cell<bool>,
}

impl<'a> std::ops::Deref for Tx<'a> {
    type Target = Db<'a>;
    fn deref(&self) -> &Db<'a> {
        &self.db
    }
}

impl Tx<'_> {
    pub fn commit(self) -> Result<(), DbErr> {
        self.done.set(true);
        self.db.execute_batch("COMMIT")
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done.get() {
            let _ = self.db.execute_batch("ROLLBACK");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Values in and out of each driver

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(n) => ToSqlOutput::Borrowed(ValueRef::Integer(*n)),
            Value::Real(f) => ToSqlOutput::Borrowed(ValueRef::Real(*f)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        })
    }
}

fn from_sqlite(v: rusqlite::types::ValueRef<'_>) -> Result<Value, DbErr> {
    use rusqlite::types::ValueRef;
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::Int(n),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(
            String::from_utf8(t.to_vec()).map_err(|e| DbErr::Conv(format!("text: {e}")))?,
        ),
        ValueRef::Blob(_) => return Err(DbErr::Conv("unexpected blob".into())),
    })
}

fn pg_params(params: &[Value]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|v| v as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

fn from_pg_row(row: &postgres::Row) -> Result<Row, DbErr> {
    use postgres::types::Type;
    let mut values = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let pg = |e: postgres::Error| DbErr::Pg(e);
        let ty = col.type_();
        let v = if *ty == Type::INT8 {
            row.try_get::<_, Option<i64>>(i)
                .map_err(pg)?
                .map(Value::Int)
        } else if *ty == Type::INT4 {
            row.try_get::<_, Option<i32>>(i)
                .map_err(pg)?
                .map(|n| Value::Int(n.into()))
        } else if *ty == Type::INT2 {
            row.try_get::<_, Option<i16>>(i)
                .map_err(pg)?
                .map(|n| Value::Int(n.into()))
        } else if *ty == Type::BOOL {
            row.try_get::<_, Option<bool>>(i)
                .map_err(pg)?
                .map(|b| Value::Int(b.into()))
        } else if *ty == Type::FLOAT8 {
            row.try_get::<_, Option<f64>>(i)
                .map_err(pg)?
                .map(Value::Real)
        } else if *ty == Type::FLOAT4 {
            row.try_get::<_, Option<f32>>(i)
                .map_err(pg)?
                .map(|f| Value::Real(f.into()))
        } else if [
            Type::TEXT,
            Type::VARCHAR,
            Type::BPCHAR,
            Type::NAME,
            Type::UNKNOWN,
        ]
        .contains(ty)
        {
            row.try_get::<_, Option<String>>(i)
                .map_err(pg)?
                .map(Value::Text)
        } else if *ty == Type::VOID {
            None
        } else {
            return Err(DbErr::Conv(format!(
                "column {} has PostgreSQL type {ty} (cast it in the query)",
                col.name()
            )));
        };
        values.push(v.unwrap_or(Value::Null));
    }
    Ok(Row(values))
}

impl postgres::types::ToSql for Value {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::{IsNull, Type};
        let text_like = [
            Type::TEXT,
            Type::VARCHAR,
            Type::BPCHAR,
            Type::NAME,
            Type::UNKNOWN,
        ];
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(n) => {
                if *ty == Type::INT8 {
                    n.to_sql(ty, out)
                } else if *ty == Type::INT4 {
                    i32::try_from(*n)?.to_sql(ty, out)
                } else if *ty == Type::INT2 {
                    i16::try_from(*n)?.to_sql(ty, out)
                } else if *ty == Type::FLOAT8 {
                    (*n as f64).to_sql(ty, out)
                } else if *ty == Type::BOOL {
                    (*n != 0).to_sql(ty, out)
                } else if text_like.contains(ty) {
                    n.to_string().to_sql(&Type::TEXT, out)
                } else {
                    Err(format!("cannot bind an integer as {ty}").into())
                }
            }
            Value::Real(f) => {
                if *ty == Type::FLOAT8 {
                    f.to_sql(ty, out)
                } else if *ty == Type::FLOAT4 {
                    (*f as f32).to_sql(ty, out)
                } else {
                    Err(format!("cannot bind a real as {ty}").into())
                }
            }
            Value::Text(s) => {
                if text_like.contains(ty) {
                    s.as_str().to_sql(&Type::TEXT, out)
                } else if *ty == Type::INT8 {
                    s.parse::<i64>()?.to_sql(ty, out)
                } else {
                    Err(format!("cannot bind text as {ty}").into())
                }
            }
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}
