//! The typed errors of fetching and parsing a source; every variant names the URL, with its
//! credentials redacted (`http://user:pass@host` is shown as `http://***@host`), so the
//! message can be printed, listed and stored as a source's `last_error`.

use leakwatch_model::hygiene::{redact_text, redact_url as r};

/// Why a URL could not be fetched or parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("{}: not a valid http(s) URL: {reason}", r(url))]
    BadUrl { url: String, reason: String },
    #[error("{}: timed out ({what}) after {attempts} attempt(s)", r(url))]
    Timeout {
        url: String,
        what: String,
        attempts: u32,
    },
    #[error("{}: redirect loop: {}", r(url), chain.iter().map(|u| r(u)).collect::<Vec<_>>().join(" -> "))]
    RedirectLoop { url: String, chain: Vec<String> },
    #[error("{}: more than {limit} redirects: {}", r(url), chain.iter().map(|u| r(u)).collect::<Vec<_>>().join(" -> "))]
    TooManyRedirects {
        url: String,
        limit: u32,
        chain: Vec<String>,
    },
    #[error("{}: redirect ({status}) without a usable Location header", r(url))]
    BadRedirect { url: String, status: u16 },
    #[error("{}: response larger than the {limit}-byte limit, refused", r(url))]
    TooLarge { url: String, limit: u64 },
    #[error("{}: HTTP {status} after {attempts} attempt(s)", r(url))]
    HttpStatus {
        url: String,
        status: u16,
        attempts: u32,
    },
    #[error("{}: {} (after {attempts} attempt(s))", r(url), redact_text(message))]
    Transport {
        url: String,
        message: String,
        attempts: u32,
    },
    #[error("{}: not a readable RSS/Atom feed: {}", r(url), redact_text(message))]
    Feed { url: String, message: String },
}

impl FetchError {
    /// True when trying again later cannot help (the item is marked seen and never refetched):
    /// bad URLs, redirect problems, oversized bodies and 4xx answers other than 408/429.
    pub fn is_permanent(&self) -> bool {
        match self {
            FetchError::BadUrl { .. }
            | FetchError::RedirectLoop { .. }
            | FetchError::TooManyRedirects { .. }
            | FetchError::BadRedirect { .. }
            | FetchError::TooLarge { .. }
            | FetchError::Feed { .. } => true,
            FetchError::HttpStatus { status, .. } => {
                (400..500).contains(status) && *status != 408 && *status != 429
            }
            FetchError::Timeout { .. } | FetchError::Transport { .. } => false,
        }
    }

    /// The URL the error is about.
    pub fn url(&self) -> &str {
        match self {
            FetchError::BadUrl { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::RedirectLoop { url, .. }
            | FetchError::TooManyRedirects { url, .. }
            | FetchError::BadRedirect { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::HttpStatus { url, .. }
            | FetchError::Transport { url, .. }
            | FetchError::Feed { url, .. } => url,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11 (7): credentials in a URL never appear in a message.
    #[test]
    fn messages_hide_url_credentials() {
        let e = FetchError::Timeout {
            url: "http://user:hunter2@hooks.invalid/x?token=abc".into(),
            what: "global".into(),
            attempts: 1,
        };
        let msg = e.to_string();
        assert!(!msg.contains("hunter2") && !msg.contains("abc"), "{msg}");
        assert!(
            msg.contains("http://***@hooks.invalid/x?token=***"),
            "{msg}"
        );
        let e = FetchError::Transport {
            url: "http://u:p@h.invalid/".into(),
            message: "connect to http://u:p@h.invalid/ failed".into(),
            attempts: 2,
        };
        assert!(!e.to_string().contains("u:p"), "{e}");
    }
}
