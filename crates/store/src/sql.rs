//! The values and rows the backend-neutral code binds and reads (`Value`, `Row`, `params!`),
//! and the placeholder rewriting for PostgreSQL (`?N` → `$N`). The connection that runs them is
//! `db::Db`.

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

impl<T: Clone + Into<Value>> From<&T> for Value {
    fn from(v: &T) -> Self {
        v.clone().into()
    }
}

impl From<i32> for Value {
    fn from(v: i32) -> Self {
        Value::Int(i64::from(v))
    }
}

impl From<u32> for Value {
    fn from(v: u32) -> Self {
        Value::Int(i64::from(v))
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
        &[$($crate::sql::Value::from(&$v)),*][..]
    };
}
pub(crate) use params;

/// One result row; getters check the type (a mismatch is `Corrupt`, never a panic).
#[derive(Debug, Clone)]
pub(crate) struct Row(pub Vec<Value>);

/// A column index of `Row::get` (as rusqlite's `RowIndex`).
pub(crate) trait RowIndex {
    fn index(self) -> usize;
}

impl RowIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// A Rust value a column converts to.
pub(crate) trait FromValue: Sized {
    fn from_value(v: &Value) -> Result<Self, String>;
}

impl FromValue for i64 {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Int(n) => Ok(*n),
            other => Err(format!("expected an integer, found {other:?}")),
        }
    }
}

impl FromValue for i32 {
    fn from_value(v: &Value) -> Result<Self, String> {
        let n = i64::from_value(v)?;
        i32::try_from(n).map_err(|_| format!("{n} does not fit in 32 bits"))
    }
}

impl FromValue for bool {
    fn from_value(v: &Value) -> Result<Self, String> {
        Ok(i64::from_value(v)? != 0)
    }
}

impl FromValue for f64 {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Real(f) => Ok(*f),
            Value::Int(n) => Ok(*n as f64),
            other => Err(format!("expected a number, found {other:?}")),
        }
    }
}

impl FromValue for String {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Text(s) => Ok(s.clone()),
            other => Err(format!("expected text, found {other:?}")),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}

impl Row {
    /// Column `i` as `T` (rusqlite's `Row::get`); a type mismatch is an error, never a panic.
    pub fn get<I: RowIndex, T: FromValue>(&self, i: I) -> Result<T, crate::db::DbErr> {
        let i = i.index();
        let v = self
            .0
            .get(i)
            .ok_or_else(|| crate::db::DbErr::Conv(format!("a row has no column {i}")))?;
        T::from_value(v).map_err(|e| crate::db::DbErr::Conv(format!("column {i}: {e}")))
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
}
