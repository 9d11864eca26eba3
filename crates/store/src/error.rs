//! The store's typed errors (`StoreError`) and the helper that attaches context to SQLite errors.

use std::path::PathBuf;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A requested row (incident, document) does not exist.
    #[error("{what} not found")]
    NotFound { what: String },

    /// SQLite reported an error while doing `context`.
    #[error("database error while {context}: {source}")]
    Sqlite {
        context: String,
        #[source]
        source: rusqlite::Error,
    },

    /// PostgreSQL reported an error while doing `context`.
    #[error("database error while {context}: {source}")]
    Postgres {
        context: String,
        #[source]
        source: postgres::Error,
    },

    /// The database URL names a scheme this build cannot open, or does not parse.
    #[error("unsupported database '{url}': {reason}")]
    Unsupported { url: String, reason: String },

    /// A schema migration failed; the database is left at the previous version.
    #[error("schema migration {version} failed: {message}")]
    Migration { version: u32, message: String },

    /// Stored data that no longer reads back (an unknown label, a malformed date or JSON).
    #[error("corrupt database: {message}")]
    Corrupt { message: String },

    /// The database was written by a newer leakwatch; it is left untouched.
    #[error(
        "database schema version {found} is newer than this leakwatch supports ({supported}); \
         upgrade leakwatch to open it"
    )]
    NewerSchema { found: u32, supported: u32 },

    /// The file is not a leakwatch database (another application's SQLite file, or not
    /// SQLite at all); nothing was written to it.
    #[error("{}: not a leakwatch database ({reason}); refusing to use it", path.display())]
    Foreign { path: PathBuf, reason: String },

    /// The database's directory could not be created.
    #[error("cannot create directory {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The caller passed something the store cannot hold (a plan pointing at a missing
    /// candidate, a count beyond `i64::MAX`, …). Nothing is written.
    #[error("invalid input: {message}")]
    Invalid { message: String },
}

impl StoreError {
    /// Another connection held a lock (SQLITE_BUSY / SQLITE_LOCKED), or PostgreSQL gave up a
    /// transaction on a conflict (serialization failure, deadlock): worth retrying.
    pub fn is_busy(&self) -> bool {
        match self {
            StoreError::Postgres { source, .. } => source.code().is_some_and(|c| {
                *c == postgres::error::SqlState::T_R_SERIALIZATION_FAILURE
                    || *c == postgres::error::SqlState::T_R_DEADLOCK_DETECTED
                    || *c == postgres::error::SqlState::LOCK_NOT_AVAILABLE
            }),
            StoreError::Sqlite {
                source: rusqlite::Error::SqliteFailure(e, _),
                ..
            } => matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ),
            _ => false,
        }
    }

    pub(crate) fn corrupt(message: impl Into<String>) -> Self {
        StoreError::Corrupt {
            message: message.into(),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        StoreError::Invalid {
            message: message.into(),
        }
    }
}

/// Attaches what the store was doing to a `postgres::Error`.
pub(crate) trait PgContext<T> {
    fn pg_ctx(self, context: &str) -> Result<T, StoreError>;
}

impl<T> PgContext<T> for Result<T, postgres::Error> {
    fn pg_ctx(self, context: &str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Postgres {
            context: context.to_string(),
            source,
        })
    }
}

impl<T> SqlContext<T> for Result<T, crate::db::DbErr> {
    fn ctx(self, context: &str) -> Result<T, StoreError> {
        use crate::db::DbErr;
        self.map_err(|e| match e {
            DbErr::Sqlite(source) => StoreError::Sqlite {
                context: context.to_string(),
                source,
            },
            DbErr::Pg(source) => StoreError::Postgres {
                context: context.to_string(),
                source,
            },
            DbErr::NoRows => StoreError::NotFound {
                what: format!("a row ({context})"),
            },
            DbErr::Conv(message) => StoreError::corrupt(format!("{context}: {message}")),
        })
    }
}

/// Attaches what the store was doing to a `rusqlite::Error`.
pub(crate) trait SqlContext<T> {
    fn ctx(self, context: &str) -> Result<T, StoreError>;
}

impl<T> SqlContext<T> for Result<T, rusqlite::Error> {
    /// A stored value of the wrong type is `Corrupt`; anything else is `Sqlite`.
    fn ctx(self, context: &str) -> Result<T, StoreError> {
        self.map_err(|source| match source {
            rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::IntegralValueOutOfRange(..) => {
                StoreError::corrupt(format!("{context}: {source}"))
            }
            source => StoreError::Sqlite {
                context: context.to_string(),
                source,
            },
        })
    }
}
