//! The typed errors of fetching and parsing a source; every variant names the URL.

/// Why a URL could not be fetched or parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: not a valid http(s) URL: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("{url}: timed out ({what}) after {attempts} attempt(s)")]
    Timeout {
        url: String,
        what: String,
        attempts: u32,
    },
    #[error("{url}: redirect loop: {}", chain.join(" -> "))]
    RedirectLoop { url: String, chain: Vec<String> },
    #[error("{url}: more than {limit} redirects: {}", chain.join(" -> "))]
    TooManyRedirects {
        url: String,
        limit: u32,
        chain: Vec<String>,
    },
    #[error("{url}: redirect ({status}) without a usable Location header")]
    BadRedirect { url: String, status: u16 },
    #[error("{url}: response larger than the {limit}-byte limit, refused")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: HTTP {status} after {attempts} attempt(s)")]
    HttpStatus {
        url: String,
        status: u16,
        attempts: u32,
    },
    #[error("{url}: {message} (after {attempts} attempt(s))")]
    Transport {
        url: String,
        message: String,
        attempts: u32,
    },
    #[error("{url}: not a readable RSS/Atom feed: {message}")]
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
