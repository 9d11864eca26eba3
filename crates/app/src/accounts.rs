//! Accounts, roles and API tokens (issue 13): passwords hashed with argon2id, tokens random
//! (32 bytes, shown once) and stored only as their SHA-256, roles ordered viewer < analyst <
//! admin. The CLI (`user`, `token`) and the server both call these.

use crate::AppError;
use leakwatch_store::accounts::{AccountRow, AccountStore, TokenRow};
use leakwatch_store::StoreError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What an account may do. Ordered: each role can do everything the ones before it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads everything.
    Viewer,
    /// Also corrects, merges, splits, uploads and manages watchlists.
    Analyst,
    /// Also manages sources and accounts.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Self, AppError> {
        match s {
            "viewer" => Ok(Role::Viewer),
            "analyst" => Ok(Role::Analyst),
            "admin" => Ok(Role::Admin),
            other => Err(invalid(format!(
                "unknown role '{other}' (viewer, analyst or admin)"
            ))),
        }
    }
}

/// An authenticated account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    pub name: String,
    pub role: Role,
}

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;

fn invalid(message: String) -> AppError {
    AppError::Store(StoreError::Invalid { message })
}

fn principal(row: &AccountRow) -> Result<Principal, AppError> {
    Ok(Principal {
        name: row.name.clone(),
        role: row.role.parse()?,
    })
}

/// Checks an account name: 1–64 characters, letters, digits, `.`, `_`, `-`, `@`.
pub fn validate_name(name: &str) -> Result<(), AppError> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(invalid(format!(
            "invalid account name '{}': 1-64 letters, digits, . _ - @",
            leakwatch_model::hygiene::terminal_safe(name, false)
        )))
    }
}

/// Creates an account with an argon2id password hash.
pub fn add_user(
    store: &mut dyn AccountStore,
    name: &str,
    role: Role,
    password: &str,
) -> Result<i64, AppError> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    validate_name(name)?;
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(invalid(format!(
            "the password must have at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    let mut salt_bytes = [0u8; 16];
    random_bytes(&mut salt_bytes)?;
    let salt = SaltString::encode_b64(&salt_bytes)
        .map_err(|e| invalid(format!("cannot hash the password: {e}")))?;
    let hash = argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| invalid(format!("cannot hash the password: {e}")))?
        .to_string();
    Ok(store.add_account(name, role.as_str(), &hash)?)
}

/// The account whose password this is, or None (unknown name or wrong password: the same
/// answer, and the same argon2 work in both cases).
pub fn verify_password(
    store: &dyn AccountStore,
    name: &str,
    password: &str,
) -> Result<Option<Principal>, AppError> {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    // A fixed hash to verify against when the name is unknown, so timing does not tell.
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$OXxtaF6Ky5c6t/ztrPi8V9Udl9DEtdBpkqYDnvkl9Gs";
    let row = store.account(name)?;
    let stored = row.as_ref().map_or(DUMMY, |r| r.password_hash.as_str());
    let Ok(parsed) = PasswordHash::new(stored) else {
        return Ok(None);
    };
    let ok = argon2::Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    match row {
        Some(r) if ok => Ok(Some(principal(&r)?)),
        _ => Ok(None),
    }
}

pub fn list_users(store: &dyn AccountStore) -> Result<Vec<AccountRow>, AppError> {
    Ok(store.accounts()?)
}

pub fn remove_user(store: &mut dyn AccountStore, name: &str) -> Result<bool, AppError> {
    Ok(store.remove_account(name)?)
}

/// A new API token for an account: (token id, the token — shown once, only its hash is kept).
pub fn create_token(store: &mut dyn AccountStore, name: &str) -> Result<(i64, String), AppError> {
    let token = format!("lw_{}", random_hex(32)?);
    let id = store.add_token(name, &token_hash(&token))?;
    Ok((id, token))
}

pub fn list_tokens(store: &dyn AccountStore) -> Result<Vec<TokenRow>, AppError> {
    Ok(store.tokens()?)
}

pub fn revoke_token(store: &mut dyn AccountStore, id: i64) -> Result<bool, AppError> {
    Ok(store.revoke_token(id)?)
}

/// The account a bearer token belongs to (None: unknown or revoked).
pub fn verify_token(store: &dyn AccountStore, token: &str) -> Result<Option<Principal>, AppError> {
    if token.is_empty() || token.len() > 256 {
        return Ok(None);
    }
    store
        .account_by_token(&token_hash(token))?
        .as_ref()
        .map(principal)
        .transpose()
}

/// SHA-256 hex of a token: what is stored and looked up.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// `n` random bytes from the operating system, as hex.
pub fn random_hex(n: usize) -> Result<String, AppError> {
    let mut buf = vec![0u8; n];
    random_bytes(&mut buf)?;
    Ok(hex::encode(buf))
}

fn random_bytes(buf: &mut [u8]) -> Result<(), AppError> {
    getrandom::getrandom(buf).map_err(|e| invalid(format!("no random numbers: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_store::SqliteStore;

    #[test]
    fn passwords_verify_and_tokens_revoke() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        add_user(&mut s, "ana", Role::Analyst, "correct horse").unwrap();
        assert!(add_user(&mut s, "bob", Role::Viewer, "short").is_err());
        assert!(add_user(&mut s, "<script>", Role::Viewer, "long enough").is_err());
        let p = verify_password(&s, "ana", "correct horse")
            .unwrap()
            .unwrap();
        assert_eq!(p.role, Role::Analyst);
        assert!(verify_password(&s, "ana", "wrong horse").unwrap().is_none());
        assert!(verify_password(&s, "nobody", "correct horse")
            .unwrap()
            .is_none());
        let (id, token) = create_token(&mut s, "ana").unwrap();
        assert!(token.starts_with("lw_") && token.len() == 67);
        assert_eq!(verify_token(&s, &token).unwrap().unwrap().name, "ana");
        assert!(!list_tokens(&s).unwrap()[0].account.is_empty());
        assert!(revoke_token(&mut s, id).unwrap());
        assert!(verify_token(&s, &token).unwrap().is_none());
        assert!(Role::Viewer < Role::Analyst && Role::Analyst < Role::Admin);
    }
}
