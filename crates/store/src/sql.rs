//! What a backend gives the backend-neutral code: a connection (or transaction) that runs SQL
//! with positional parameters (`?1`, `?2`… — PostgreSQL's driver rewrites them to `$1`…) and
//! returns rows of plain values. Every query the two backends share is written once, in SQL both
//! SQLite and PostgreSQL accept; the few that differ ask `Sql::dialect`.

use crate::error::StoreError;

/// The SQL dialect behind a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

/// One value bound to or read from a query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Int(i64::from(v))
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// Builds a parameter list: `params![a, b]` is `&[Value::from(a), Value::from(b)]`.
macro_rules! params {
    ($($v:expr),* $(,)?) => {
        &[$($crate::sql::Value::from($v)),*][..]
    };
}
pub(crate) use params;

/// One result row; getters check the type (a mismatch is `Corrupt`, never a panic).
#[derive(Debug, Clone)]
pub(crate) struct Row(pub Vec<Value>);

impl Row {
    fn at(&self, i: usize) -> Result<&Value, StoreError> {
        self.0
            .get(i)
            .ok_or_else(|| StoreError::corrupt(format!("a row has no column {i}")))
    }

    pub fn opt_i64(&self, i: usize) -> Result<Option<i64>, StoreError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            Value::Int(n) => Ok(Some(*n)),
            other => Err(StoreError::corrupt(format!(
                "column {i}: expected an integer, found {other:?}"
            ))),
        }
    }

    pub fn i64(&self, i: usize) -> Result<i64, StoreError> {
        self.opt_i64(i)?
            .ok_or_else(|| StoreError::corrupt(format!("column {i}: unexpected NULL")))
    }

    pub fn opt_f64(&self, i: usize) -> Result<Option<f64>, StoreError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            Value::Real(n) => Ok(Some(*n)),
            Value::Int(n) => Ok(Some(*n as f64)),
            other => Err(StoreError::corrupt(format!(
                "column {i}: expected a number, found {other:?}"
            ))),
        }
    }

    pub fn f64(&self, i: usize) -> Result<f64, StoreError> {
        self.opt_f64(i)?
            .ok_or_else(|| StoreError::corrupt(format!("column {i}: unexpected NULL")))
    }

    pub fn opt_text(&self, i: usize) -> Result<Option<String>, StoreError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            Value::Text(s) => Ok(Some(s.clone())),
            other => Err(StoreError::corrupt(format!(
                "column {i}: expected text, found {other:?}"
            ))),
        }
    }

    pub fn text(&self, i: usize) -> Result<String, StoreError> {
        self.opt_text(i)?
            .ok_or_else(|| StoreError::corrupt(format!("column {i}: unexpected NULL")))
    }
}

/// A connection or transaction of one backend.
pub(crate) trait Sql {
    fn dialect(&self) -> Dialect;
    /// Runs a statement; returns the number of rows changed.
    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64, StoreError>;
    /// Runs a query; returns every row.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError>;
}

impl dyn Sql + '_ {
    /// The first row, if any.
    pub fn query_opt(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>, StoreError> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// Exactly one row (`NotFound` naming `what` when there is none).
    pub fn query_one(
        &mut self,
        sql: &str,
        params: &[Value],
        what: &str,
    ) -> Result<Row, StoreError> {
        self.query_opt(sql, params)?
            .ok_or_else(|| StoreError::NotFound {
                what: what.to_string(),
            })
    }

    /// The first column of every row, as integers.
    pub fn query_ids(&mut self, sql: &str, params: &[Value]) -> Result<Vec<i64>, StoreError> {
        self.query(sql, params)?.iter().map(|r| r.i64(0)).collect()
    }

    /// `INSERT … RETURNING id`: the new row's id.
    pub fn insert_id(&mut self, sql: &str, params: &[Value]) -> Result<i64, StoreError> {
        self.query_one(sql, params, "the inserted row")?.i64(0)
    }
}

/// The beginning of a statement, to name it in an error.
pub(crate) fn excerpt(sql: &str) -> String {
    let flat: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

/// Rewrites `?N` and bare `?` placeholders to PostgreSQL's `$N` (string literals untouched); a
/// bare `?` is numbered one above the largest number so far, as SQLite numbers it.
pub(crate) fn to_dollar_params(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut in_literal = false;
    let mut largest = 0u32;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            in_literal = !in_literal;
            out.push(c);
            continue;
        }
        if c != '?' || in_literal {
            out.push(c);
            continue;
        }
        let mut digits = String::new();
        while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(*d);
            chars.next();
        }
        out.push('$');
        let n = if digits.is_empty() {
            largest + 1
        } else {
            digits.parse().unwrap_or(largest + 1)
        };
        largest = largest.max(n);
        out.push_str(&n.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollar_params_outside_literals() {
        assert_eq!(
            to_dollar_params("SELECT ?1, ?2 WHERE x LIKE ? ESCAPE '\\' AND y = '?'"),
            "SELECT $1, $2 WHERE x LIKE $3 ESCAPE '\\' AND y = '?'"
        );
        assert_eq!(to_dollar_params("a = ? AND b = ?"), "a = $1 AND b = $2");
    }

    #[test]
    fn rows_check_types() {
        let row = Row(vec![Value::Int(3), Value::Null, Value::Text("x".into())]);
        assert_eq!(row.i64(0).unwrap(), 3);
        assert_eq!(row.opt_text(1).unwrap(), None);
        assert!(row.i64(2).is_err());
        assert!(row.text(1).is_err());
        assert!(row.text(9).is_err());
    }

    #[test]
    fn excerpts_are_short_and_flat() {
        assert_eq!(excerpt("SELECT\n  a\n FROM b"), "SELECT a FROM b");
        assert!(excerpt(&"x ".repeat(100)).ends_with('…'));
    }
}
