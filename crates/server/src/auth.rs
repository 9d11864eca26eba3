//! Who is asking: bearer tokens (API clients) and session cookies (the web UI), roles, CSRF
//! tokens and the login rate limit.
//!
//! A session cookie is `HttpOnly; SameSite=Strict; Path=/` (plus `Secure` when configured) and
//! names a random 256-bit id kept in memory with the account, its role, a CSRF token and an
//! expiry; restarting the server signs everyone out. Every state-changing request authenticated
//! by a session must carry that CSRF token (form field `csrf` or header `X-CSRF-Token`); bearer
//! requests need none (a browser never adds the header by itself).

use crate::error::ApiError;
use crate::state::{db, Shared};
use axum::http::{header, HeaderMap};
use leakwatch_app::accounts::{Principal, Role};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const SESSION_COOKIE: &str = "lw_session";
pub const LOGIN_CSRF_COOKIE: &str = "lw_login_csrf";

/// A signed-in browser.
#[derive(Debug, Clone)]
pub struct Session {
    pub principal: Principal,
    pub csrf: String,
    pub expires: Instant,
}

/// Sessions by id, in memory.
#[derive(Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    pub fn create(
        &self,
        principal: Principal,
        lifetime: Duration,
    ) -> Result<(String, Session), ApiError> {
        let id = leakwatch_app::accounts::random_hex(32).map_err(ApiError::internal)?;
        let session = Session {
            principal,
            csrf: leakwatch_app::accounts::random_hex(32).map_err(ApiError::internal)?,
            expires: Instant::now() + lifetime,
        };
        let mut map = lock(&self.map);
        let now = Instant::now();
        map.retain(|_, s| s.expires > now);
        map.insert(id.clone(), session.clone());
        Ok((id, session))
    }

    pub fn get(&self, id: &str) -> Option<Session> {
        let map = lock(&self.map);
        map.get(id).filter(|s| s.expires > Instant::now()).cloned()
    }

    pub fn remove(&self, id: &str) {
        lock(&self.map).remove(id);
    }

    /// Ends every session of an account (it was removed).
    pub fn remove_account(&self, name: &str) {
        lock(&self.map).retain(|_, s| s.principal.name != name);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

/// Failed logins per client address: after `max` failures within `window`, further attempts
/// are refused (429) until the window has passed.
pub struct LoginLimiter {
    max: u32,
    window: Duration,
    failures: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl LoginLimiter {
    pub fn new(max: u32, window: Duration) -> Self {
        LoginLimiter {
            max,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `ip` may try now.
    pub fn allowed(&self, ip: IpAddr) -> bool {
        let map = lock(&self.failures);
        match map.get(&ip) {
            Some((since, n)) => *n < self.max || since.elapsed() >= self.window,
            None => true,
        }
    }

    pub fn failed(&self, ip: IpAddr) {
        let mut map = lock(&self.failures);
        let entry = map.entry(ip).or_insert((Instant::now(), 0));
        if entry.0.elapsed() >= self.window {
            *entry = (Instant::now(), 0);
        }
        entry.1 += 1;
        if map.len() > 100_000 {
            let window = self.window;
            map.retain(|_, (since, _)| since.elapsed() < window);
        }
    }

    pub fn succeeded(&self, ip: IpAddr) {
        lock(&self.failures).remove(&ip);
    }
}

/// How a request was authenticated.
#[derive(Debug, Clone)]
pub enum Auth {
    Anonymous,
    Token(Principal),
    Session { id: String, session: Session },
}

impl Auth {
    pub fn principal(&self) -> Option<&Principal> {
        match self {
            Auth::Anonymous => None,
            Auth::Token(p) => Some(p),
            Auth::Session { session, .. } => Some(&session.principal),
        }
    }

    /// The CSRF token to put in forms (sessions only).
    pub fn csrf(&self) -> Option<&str> {
        match self {
            Auth::Session { session, .. } => Some(&session.csrf),
            _ => None,
        }
    }

    /// The account, if it has at least `role`: 401 without credentials, 403 with too little.
    pub fn require(&self, role: Role) -> Result<&Principal, ApiError> {
        let p = self.principal().ok_or_else(ApiError::unauthorized)?;
        if p.role >= role {
            Ok(p)
        } else {
            Err(ApiError::forbidden(format!(
                "this needs the {} role (you are {})",
                role.as_str(),
                p.role.as_str()
            )))
        }
    }

    /// For a state-changing request: `require(role)` plus, for a session, the CSRF token.
    pub fn require_write(&self, role: Role, csrf: Option<&str>) -> Result<&Principal, ApiError> {
        let p = self.require(role)?;
        if let Auth::Session { session, .. } = self {
            let ok = csrf.is_some_and(|c| constant_time_eq(c.as_bytes(), session.csrf.as_bytes()));
            if !ok {
                return Err(ApiError::forbidden("missing or wrong CSRF token"));
            }
        }
        Ok(p)
    }
}

/// Compares without an early exit.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A cookie's value from the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Authenticates a request: a bearer token (checked against the stored hashes) wins over a
/// session cookie. A token that is wrong or revoked is 401, not anonymous.
pub async fn authenticate(state: &Shared, headers: &HeaderMap) -> Result<Auth, ApiError> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(ApiError::unauthorized)?
            .to_string();
        let found = db(state, move |d| {
            leakwatch_app::accounts::verify_token(d.as_accounts(), &token)
        })
        .await?;
        return found.map(Auth::Token).ok_or_else(ApiError::unauthorized);
    }
    if let Some(id) = cookie(headers, SESSION_COOKIE) {
        if let Some(session) = state.sessions.get(id) {
            return Ok(Auth::Session {
                id: id.to_string(),
                session,
            });
        }
    }
    Ok(Auth::Anonymous)
}

/// The `Set-Cookie` value of a session (or of its removal with `max_age` 0).
pub fn session_cookie(id: &str, max_age: Duration, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
        max_age.as_secs(),
        if secure { "; Secure" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limiter_blocks_after_max_failures_and_forgets_on_success() {
        let l = LoginLimiter::new(3, Duration::from_secs(60));
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..3 {
            assert!(l.allowed(ip));
            l.failed(ip);
        }
        assert!(!l.allowed(ip));
        l.succeeded(ip);
        assert!(l.allowed(ip));
    }

    #[test]
    fn cookies_parse_and_compare() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; lw_session=abc; b=2".parse().unwrap());
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
