//! The HTTP client policy: one `Fetcher` per run, shared by every source so the per-host delay
//! holds across feeds. Redirects are followed here (not by the library) so loops are detected,
//! the chain is reported, and every hop waits its turn for the host.

use crate::error::FetchError;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use ureq::http::header;
use url::Url;

/// The User-Agent every request carries.
pub const USER_AGENT: &str = concat!(
    "leakwatch/",
    env!("CARGO_PKG_VERSION"),
    " (+https://example.invalid/leakwatch)"
);

/// The longest `Retry-After` honoured before a retry (longer ones wait for the next poll).
const MAX_RETRY_AFTER_SECS: u64 = 30;

const ACCEPT: &str = "application/rss+xml, application/rdf+xml, application/atom+xml, \
                      application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5";

/// How politely and how patiently to fetch.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Whole request (connect, headers and body).
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Redirect hops followed before giving up.
    pub max_redirects: u32,
    /// Largest (decompressed) body accepted.
    pub max_bytes: u64,
    /// Minimum time between two requests to the same host.
    pub host_delay: Duration,
    /// Extra attempts after a 5xx, 429, timeout or connection failure.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    pub user_agent: String,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_redirects: 5,
            max_bytes: 10 * 1024 * 1024,
            host_delay: Duration::from_secs(1),
            retries: 2,
            backoff: Duration::from_millis(500),
            user_agent: USER_AGENT.to_string(),
        }
    }
}

/// Validators from an earlier response, sent back as `If-None-Match` / `If-Modified-Since`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful (2xx) response, body read and decompressed.
#[derive(Debug, Clone)]
pub struct Response {
    /// The URL after redirects.
    pub url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub validators: Validators,
    pub body: Vec<u8>,
    /// Every URL visited, the requested one first.
    pub chain: Vec<String>,
}

/// What a conditional GET gave.
#[derive(Debug, Clone)]
pub enum Fetched {
    /// 304: the resource has not changed since the validators were issued.
    NotModified {
        url: String,
    },
    Ok(Response),
}

/// A blocking HTTP client with leakwatch's policy.
pub struct Fetcher {
    agent: ureq::Agent,
    config: HttpConfig,
    last_request: Mutex<HashMap<String, Instant>>,
}

impl Fetcher {
    pub fn new(config: HttpConfig) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.connect_timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(config.user_agent.as_str())
            .build()
            .into();
        Fetcher {
            agent,
            config,
            last_request: Mutex::new(HashMap::new()),
        }
    }

    pub fn config(&self) -> &HttpConfig {
        &self.config
    }

    /// GETs `url`, sending `validators` as conditional headers.
    pub fn get(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let mut current = parse_http_url(url)?;
        let mut chain = vec![current.to_string()];
        loop {
            let mut resp = self.send_with_retries(&current, validators)?;
            let status = resp.status().as_u16();
            if (300..400).contains(&status) && status != 304 {
                let next = resp
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|loc| current.join(loc.trim()).ok())
                    .filter(|u| matches!(u.scheme(), "http" | "https"))
                    .ok_or_else(|| FetchError::BadRedirect {
                        url: current.to_string(),
                        status,
                    })?;
                let next_s = next.to_string();
                if chain.contains(&next_s) {
                    chain.push(next_s);
                    return Err(FetchError::RedirectLoop {
                        url: url.to_string(),
                        chain,
                    });
                }
                chain.push(next_s);
                if chain.len() as u32 > self.config.max_redirects + 1 {
                    return Err(FetchError::TooManyRedirects {
                        url: url.to_string(),
                        limit: self.config.max_redirects,
                        chain,
                    });
                }
                current = next;
                continue;
            }
            if status == 304 {
                return Ok(Fetched::NotModified {
                    url: current.to_string(),
                });
            }
            if !(200..300).contains(&status) {
                return Err(FetchError::HttpStatus {
                    url: current.to_string(),
                    status,
                    attempts: 1,
                });
            }
            let headers = resp.headers();
            let text = |name: header::HeaderName| {
                headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            let content_type = text(header::CONTENT_TYPE);
            let new_validators = Validators {
                etag: text(header::ETAG),
                last_modified: text(header::LAST_MODIFIED),
            };
            let encoded = text(header::CONTENT_ENCODING).is_some();
            let declared_len = text(header::CONTENT_LENGTH).and_then(|s| s.parse::<u64>().ok());
            let too_large = || FetchError::TooLarge {
                url: current.to_string(),
                limit: self.config.max_bytes,
            };
            if !encoded && declared_len.is_some_and(|n| n > self.config.max_bytes) {
                return Err(too_large());
            }
            let body = read_limited(&mut resp, self.config.max_bytes).map_err(|e| match e {
                LimitedRead::TooLarge => too_large(),
                LimitedRead::Http(other) => map_error(current.as_str(), other, 1),
            })?;
            return Ok(Fetched::Ok(Response {
                url: current.to_string(),
                status,
                content_type,
                validators: new_validators,
                body,
                chain,
            }));
        }
    }

    /// POSTs a body (used by the webhook notifier): same politeness, timeouts and retries.
    pub fn post(
        &self,
        url: &str,
        content_type: &str,
        headers: &[(&str, String)],
        body: &[u8],
    ) -> Result<u16, FetchError> {
        let target = parse_http_url(url)?;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            self.wait_for_host(&target);
            let mut req = self
                .agent
                .post(target.as_str())
                .header(header::CONTENT_TYPE, content_type);
            for (k, v) in headers {
                req = req.header(*k, v.as_str());
            }
            let result = req.send(body);
            let retry = match result {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    if (200..300).contains(&status) {
                        return Ok(status);
                    }
                    let err = FetchError::HttpStatus {
                        url: url.to_string(),
                        status,
                        attempts: attempt,
                    };
                    if status >= 500 || status == 429 || status == 408 {
                        err
                    } else {
                        return Err(err);
                    }
                }
                Err(e) if is_retryable(&e) => map_error(url, e, attempt),
                Err(e) => return Err(map_error(url, e, attempt)),
            };
            if attempt > self.config.retries {
                return Err(retry);
            }
            std::thread::sleep(self.backoff(attempt));
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        self.config
            .backoff
            .saturating_mul(1u32 << (attempt.saturating_sub(1)).min(10))
    }

    /// Sleeps until the host's delay since its last request has passed, then records now.
    fn wait_for_host(&self, url: &Url) {
        let key = format!(
            "{}:{}",
            url.host_str().unwrap_or(""),
            url.port_or_known_default().unwrap_or(0)
        );
        let wait = {
            let mut last = match self.last_request.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            let now = Instant::now();
            let wait = last
                .get(&key)
                .map(|t| {
                    self.config
                        .host_delay
                        .saturating_sub(now.duration_since(*t))
                })
                .unwrap_or_default();
            last.insert(key, now + wait);
            wait
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }

    /// One hop: GET with conditional headers, retried with backoff on 5xx/429/timeouts.
    fn send_with_retries(
        &self,
        url: &Url,
        validators: &Validators,
    ) -> Result<ureq::http::Response<ureq::Body>, FetchError> {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            self.wait_for_host(url);
            let mut req = self.agent.get(url.as_str()).header(header::ACCEPT, ACCEPT);
            if let Some(etag) = &validators.etag {
                req = req.header(header::IF_NONE_MATCH, etag.as_str());
            }
            if let Some(lm) = &validators.last_modified {
                req = req.header(header::IF_MODIFIED_SINCE, lm.as_str());
            }
            let mut wait = self.backoff(attempt);
            let failure = match req.call() {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    if status >= 500 || status == 429 || status == 408 {
                        // A server that says when to come back is believed, up to a bound.
                        if let Some(secs) = resp
                            .headers()
                            .get(header::RETRY_AFTER)
                            .and_then(|v| v.to_str().ok())
                            .and_then(|v| v.trim().parse::<u64>().ok())
                        {
                            wait = wait.max(Duration::from_secs(secs.min(MAX_RETRY_AFTER_SECS)));
                        }
                        FetchError::HttpStatus {
                            url: url.to_string(),
                            status,
                            attempts: attempt,
                        }
                    } else {
                        return Ok(resp);
                    }
                }
                Err(e) if is_retryable(&e) => map_error(url.as_str(), e, attempt),
                Err(e) => return Err(map_error(url.as_str(), e, attempt)),
            };
            if attempt > self.config.retries {
                return Err(failure);
            }
            std::thread::sleep(wait);
        }
    }
}

enum LimitedRead {
    TooLarge,
    Http(ureq::Error),
}

/// Reads a body, decompressed, counting the *decompressed* bytes against `max_bytes` (ureq's
/// own limit counts the bytes on the wire, so a gzip bomb would pass it). Memory stays within
/// `max_bytes` + one read buffer whatever the server sends.
fn read_limited(
    resp: &mut ureq::http::Response<ureq::Body>,
    max_bytes: u64,
) -> Result<Vec<u8>, LimitedRead> {
    use std::io::Read;
    let reader = resp
        .body_mut()
        .with_config()
        // The compressed stream can never usefully be longer than what it expands to.
        .limit(max_bytes.saturating_add(1))
        .reader();
    let mut body = Vec::new();
    let read = reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut body);
    match read {
        Ok(_) if body.len() as u64 > max_bytes => Err(LimitedRead::TooLarge),
        Ok(_) => Ok(body),
        Err(e) => {
            // ureq reports its own limit as an io::Error wrapping BodyExceedsLimit.
            match ureq::Error::from(e) {
                ureq::Error::BodyExceedsLimit(_) => Err(LimitedRead::TooLarge),
                other => Err(LimitedRead::Http(other)),
            }
        }
    }
}

/// Checks that `url` is an absolute http(s) URL with a host; returns it normalised.
pub fn validate_url(url: &str) -> Result<String, FetchError> {
    parse_http_url(url).map(|u| u.to_string())
}

fn parse_http_url(url: &str) -> Result<Url, FetchError> {
    let parsed = Url::parse(url.trim()).map_err(|e| FetchError::BadUrl {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(FetchError::BadUrl {
            url: url.to_string(),
            reason: "only http:// and https:// URLs with a host are fetched".into(),
        });
    }
    Ok(parsed)
}

fn is_retryable(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Timeout(_) | ureq::Error::Io(_) | ureq::Error::ConnectionFailed
    )
}

fn map_error(url: &str, e: ureq::Error, attempts: u32) -> FetchError {
    match e {
        ureq::Error::Timeout(what) => FetchError::Timeout {
            url: url.to_string(),
            what: what.to_string(),
            attempts,
        },
        ureq::Error::BadUri(reason) => FetchError::BadUrl {
            url: url.to_string(),
            reason,
        },
        ureq::Error::StatusCode(status) => FetchError::HttpStatus {
            url: url.to_string(),
            status,
            attempts,
        },
        other => FetchError::Transport {
            url: url.to_string(),
            message: other.to_string(),
            attempts,
        },
    }
}

/// The `charset` parameter of a Content-Type value (`text/html; charset="Shift_JIS"`).
pub fn charset_from_content_type(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        if k.trim().eq_ignore_ascii_case("charset") {
            let v = v.trim().trim_matches('"').trim_matches('\'').trim();
            (!v.is_empty()).then(|| v.to_string())
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_parameter_is_read() {
        assert_eq!(
            charset_from_content_type("text/html; charset=Shift_JIS").as_deref(),
            Some("Shift_JIS")
        );
        assert_eq!(
            charset_from_content_type("text/html;Charset=\"euc-jp\"").as_deref(),
            Some("euc-jp")
        );
        assert_eq!(charset_from_content_type("text/html"), None);
    }

    #[test]
    fn user_agent_names_leakwatch_and_a_contact() {
        assert!(USER_AGENT.starts_with("leakwatch/"));
        assert!(USER_AGENT.contains("(+https://"));
    }

    #[test]
    fn only_http_urls_are_accepted() {
        assert!(parse_http_url("ftp://x/y").is_err());
        assert!(parse_http_url("not a url").is_err());
        assert!(parse_http_url("https://example.invalid/feed").is_ok());
    }
}
