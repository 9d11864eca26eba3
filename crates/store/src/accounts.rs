//! Accounts and API tokens of the HTTP server (SQLite migration 0008, PostgreSQL 0004): the
//! `AccountStore` trait, implemented once for both backends. Stores only hashes; hashing, roles and checks live in the app crate.

use crate::db::OptionalExtension;
use crate::error::{SqlContext, StoreError};
use crate::sql::{params, Row};
use crate::SqliteStore;
use serde::{Deserialize, Serialize};

/// One account as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub name: String,
    /// `viewer`, `analyst` or `admin` (checked by the app).
    pub role: String,
    /// argon2 PHC string; never shown.
    #[serde(skip_serializing)]
    pub password_hash: String,
    pub created_at: String,
}

/// One API token (its hash only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRow {
    pub id: i64,
    pub account: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// Where accounts and tokens are kept. Object safe.
pub trait AccountStore {
    /// Adds an account; an existing name is `StoreError::Invalid`.
    fn add_account(
        &mut self,
        name: &str,
        role: &str,
        password_hash: &str,
    ) -> Result<i64, StoreError>;
    fn accounts(&self) -> Result<Vec<AccountRow>, StoreError>;
    fn account(&self, name: &str) -> Result<Option<AccountRow>, StoreError>;
    /// Removes an account and its tokens; false when there is none.
    fn remove_account(&mut self, name: &str) -> Result<bool, StoreError>;
    /// Records a token hash for an account (`NotFound` without the account).
    fn add_token(&mut self, account: &str, token_hash: &str) -> Result<i64, StoreError>;
    fn tokens(&self) -> Result<Vec<TokenRow>, StoreError>;
    /// The account owning a token that is not revoked.
    fn account_by_token(&self, token_hash: &str) -> Result<Option<AccountRow>, StoreError>;
    /// Marks a token revoked; false when there is no such unrevoked token.
    fn revoke_token(&mut self, id: i64) -> Result<bool, StoreError>;
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn account_row(r: &Row) -> Result<AccountRow, crate::db::DbErr> {
    Ok(AccountRow {
        id: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        password_hash: r.get(3)?,
        created_at: r.get(4)?,
    })
}

const ACCOUNT_COLS: &str = "a.id, a.name, a.role, a.password_hash, a.created_at";

impl AccountStore for SqliteStore {
    fn add_account(
        &mut self,
        name: &str,
        role: &str,
        password_hash: &str,
    ) -> Result<i64, StoreError> {
        match self.conn().query_row(
            "INSERT INTO accounts (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)
             RETURNING id",
            params![name, role, password_hash, now()],
            |r| r.get::<_, i64>(0),
        ) {
            Ok(id) => Ok(id),
            Err(e) if e.is_unique_violation() => Err(StoreError::invalid(format!(
                "an account named '{name}' already exists"
            ))),
            Err(e) => Err(e).ctx("adding an account"),
        }
    }

    fn accounts(&self) -> Result<Vec<AccountRow>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(&format!(
                "SELECT {ACCOUNT_COLS} FROM accounts a ORDER BY a.name"
            ))
            .ctx("listing accounts")?;
        let rows = stmt
            .query_map(params![], account_row)
            .ctx("listing accounts")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("reading accounts")?;
        Ok(rows)
    }

    fn account(&self, name: &str) -> Result<Option<AccountRow>, StoreError> {
        self.conn()
            .query_row(
                &format!("SELECT {ACCOUNT_COLS} FROM accounts a WHERE a.name = ?1"),
                params![name],
                account_row,
            )
            .optional()
            .ctx("reading an account")
    }

    fn remove_account(&mut self, name: &str) -> Result<bool, StoreError> {
        let tx = self.conn().begin().ctx("removing an account")?;
        tx.execute(
            "DELETE FROM api_tokens WHERE account_id IN (SELECT id FROM accounts WHERE name = ?1)",
            params![name],
        )
        .ctx("removing an account's tokens")?;
        let n = tx
            .execute("DELETE FROM accounts WHERE name = ?1", params![name])
            .ctx("removing an account")?;
        tx.commit().ctx("removing an account")?;
        Ok(n > 0)
    }

    fn add_token(&mut self, account: &str, token_hash: &str) -> Result<i64, StoreError> {
        let Some(row) = self.account(account)? else {
            return Err(StoreError::NotFound {
                what: format!("account '{account}'"),
            });
        };
        self.conn()
            .query_row(
                "INSERT INTO api_tokens (account_id, token_hash, created_at) VALUES (?1, ?2, ?3)
                 RETURNING id",
                params![row.id, token_hash, now()],
                |r| r.get::<_, i64>(0),
            )
            .ctx("adding a token")
    }

    fn tokens(&self) -> Result<Vec<TokenRow>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT t.id, a.name, t.created_at, t.revoked_at FROM api_tokens t \
                 JOIN accounts a ON a.id = t.account_id ORDER BY t.id",
            )
            .ctx("listing tokens")?;
        let rows = stmt
            .query_map(params![], |r| {
                Ok(TokenRow {
                    id: r.get(0)?,
                    account: r.get(1)?,
                    created_at: r.get(2)?,
                    revoked_at: r.get(3)?,
                })
            })
            .ctx("listing tokens")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("reading tokens")?;
        Ok(rows)
    }

    fn account_by_token(&self, token_hash: &str) -> Result<Option<AccountRow>, StoreError> {
        self.conn()
            .query_row(
                &format!(
                    "SELECT {ACCOUNT_COLS} FROM api_tokens t JOIN accounts a ON a.id = t.account_id \
                     WHERE t.token_hash = ?1 AND t.revoked_at IS NULL"
                ),
                params![token_hash],
                account_row,
            )
            .optional()
            .ctx("looking up a token")
    }

    fn revoke_token(&mut self, id: i64) -> Result<bool, StoreError> {
        let n = self
            .conn()
            .execute(
                "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                params![id, now()],
            )
            .ctx("revoking a token")?;
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_and_tokens_round_trip_and_revoke() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        s.add_account("ana", "analyst", "$argon2id$x").unwrap();
        assert!(matches!(
            s.add_account("ana", "viewer", "h"),
            Err(StoreError::Invalid { .. })
        ));
        let t = s.add_token("ana", "abc").unwrap();
        assert_eq!(s.account_by_token("abc").unwrap().unwrap().role, "analyst");
        assert!(s.account_by_token("abd").unwrap().is_none());
        assert!(s.revoke_token(t).unwrap());
        assert!(!s.revoke_token(t).unwrap());
        assert!(s.account_by_token("abc").unwrap().is_none());
        assert!(matches!(
            s.add_token("nobody", "x"),
            Err(StoreError::NotFound { .. })
        ));
        assert!(s.remove_account("ana").unwrap());
        assert!(s.accounts().unwrap().is_empty());
        assert!(s.tokens().unwrap().is_empty());
    }
}
