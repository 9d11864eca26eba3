//! leakwatch over HTTP (issue 13): `leakwatch serve` runs this crate's server — axum on tokio.
//!
//! - `/api/v1/…` — the JSON API (`api.rs`), described by an OpenAPI 3.1 document
//!   (`openapi.rs`, served at `/api/v1/openapi.json`);
//! - `/`, `/incidents`, `/search`, `/report`, `/review`, `/watchlists`, `/alerts`,
//!   `/documents`, `/check`, `/login` — the server-rendered web UI in Japanese and English
//!   (`web/`: pages, analyst forms, sign-in; templates in `templates/`), and `/feed.atom`
//!   (`feed.rs`);
//! - `/taxii2/…` — the STIX export as a read-only TAXII 2.1 collection (`taxii.rs`);
//! - `/healthz`, `/metrics` (Prometheus), one log line per request, security headers on every
//!   response (`observe.rs`); graceful shutdown on SIGTERM/Ctrl-C.
//!
//! Owns HTTP: routing, authentication (bearer tokens, session cookies, CSRF, roles —
//! `auth.rs`), rendering. Must not reach storage except through `leakwatch_app` use cases on
//! connections opened by `leakwatch_app::open_database` (`state.rs`).

mod api;
mod auth;
mod cache;
mod error;
mod feed;
mod observe;
mod openapi;
mod state;
mod taxii;
mod web;

pub use api::ROUTES as API_ROUTES;
pub use error::ApiError;
pub use openapi::document as openapi_document;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use leakwatch_ingest::Limits;
use state::{AppState, Pool, Shared};
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Everything the server is configured with (from the `[server]` table, flags and env).
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub db: PathBuf,
    /// Without credentials, also serve the check-a-service page, the Atom feed and read-only
    /// incident pages.
    pub public: bool,
    /// Mark cookies `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// How long a sign-in lasts.
    pub session_lifetime: Duration,
    /// Failed sign-ins per client address before it must wait `login_window`.
    pub login_attempts: u32,
    pub login_window: Duration,
    /// Document size limit (uploads); other request bodies are limited to `max_form_bytes`.
    pub limits: Limits,
    pub max_form_bytes: usize,
    pub review_threshold: f32,
    pub playbooks_dir: Option<PathBuf>,
    /// Database connections kept open.
    pub connections: usize,
    /// How long a search's results are reused for the same query (0: never).
    pub search_cache: Duration,
    /// How long a page of the incident listing is reused for the same query string (0: never).
    pub listing_cache: Duration,
    pub log_requests: bool,
}

impl ServerConfig {
    /// Defaults for a database file.
    pub fn new(db: PathBuf) -> Self {
        ServerConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db,
            public: false,
            secure_cookies: false,
            session_lifetime: Duration::from_secs(8 * 3600),
            login_attempts: 5,
            login_window: Duration::from_secs(300),
            limits: Limits::default(),
            max_form_bytes: 64 * 1024,
            review_threshold: 0.6,
            playbooks_dir: None,
            connections: 4,
            search_cache: Duration::from_secs(2),
            listing_cache: Duration::from_secs(2),
            log_requests: true,
        }
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    App(#[from] leakwatch_app::AppError),
    #[error("cannot load playbooks: {0}")]
    Playbooks(#[from] leakwatch_watch::WatchError),
    #[error("templates: {0}")]
    Templates(#[from] minijinja::Error),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

fn build_state(config: ServerConfig) -> Result<Shared, ServerError> {
    let pool = Pool::open(&config)?;
    let playbooks = leakwatch_watch::PlaybookSet::load(config.playbooks_dir.as_deref())?;
    let templates = web::templates()?;
    Ok(Arc::new(AppState {
        limiter: auth::LoginLimiter::new(config.login_attempts, config.login_window),
        sessions: auth::Sessions::default(),
        metrics: observe::Metrics::default(),
        taxii: taxii::Cache::default(),
        search_cache: cache::SearchCache::new(config.search_cache, 256),
        listing_cache: cache::ResponseCache::new(config.listing_cache, 256),
        extractor: leakwatch_extract::Extractor::new().without_trace(),
        pool,
        playbooks,
        templates,
        config,
    }))
}

/// The whole application.
fn router(state: Shared) -> Router {
    let uploads = state
        .config
        .limits
        .max_bytes
        .try_into()
        .unwrap_or(usize::MAX);
    let api = api::router().route(
        "/api/v1/documents",
        axum::routing::post(api::upload_route).layer(DefaultBodyLimit::max(uploads)),
    );
    // The upload form: pasted text, percent-encoded (up to 3 bytes per byte).
    let web = web::router().route(
        "/documents",
        get(web::upload_page)
            .post(web::upload)
            .layer(DefaultBodyLimit::max(uploads.saturating_mul(3))),
    );
    Router::new()
        .merge(api)
        .merge(web)
        .merge(taxii::router())
        .route("/feed.atom", get(feed::atom))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/metrics", get(metrics))
        .route("/api/{*rest}", axum::routing::any(api::not_found))
        .fallback(web::not_found)
        .route_layer(axum::middleware::from_fn(observe::tag_route))
        .layer(DefaultBodyLimit::max(state.config.max_form_bytes))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            announced_length,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            forget_searches_after_writes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            observe::middleware,
        ))
        .with_state(state)
}

/// Refuses a body whose announced `Content-Length` is over its route's limit at once (413),
/// before reading any of it; bodies without a length are cut by `DefaultBodyLimit` while read.
async fn announced_length(
    axum::extract::State(st): axum::extract::State<Shared>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let limit = match req.uri().path() {
        "/api/v1/documents" => st.config.limits.max_bytes,
        "/documents" => st.config.limits.max_bytes.saturating_mul(3),
        _ => st.config.max_form_bytes as u64,
    };
    let announced = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit) {
        return ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("the body is larger than {limit} bytes"),
        )
        .into_response();
    }
    next.run(req).await
}

/// Any request that may write (not GET or HEAD) clears the search cache once it is answered.
async fn forget_searches_after_writes(
    axum::extract::State(st): axum::extract::State<Shared>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let writes = !matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    let response = next.run(req).await;
    if writes {
        st.search_cache.clear();
        st.listing_cache.clear();
    }
    response
}

async fn metrics(
    axum::extract::State(st): axum::extract::State<Shared>,
    headers: axum::http::HeaderMap,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    auth::authenticate(&st, &headers)
        .await?
        .require(leakwatch_app::accounts::Role::Viewer)?;
    let counts = state::db(&st, |d| Ok(d.as_store().counts()?)).await.ok();
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        st.metrics.render(counts),
    )
        .into_response())
}

/// Serves on `listener` until `shutdown` completes, then finishes the requests in flight.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let state = tokio::task::spawn_blocking(move || build_state(config))
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))??;
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// `leakwatch serve`: binds `config.listen`, prints where it listens, serves until SIGTERM or
/// Ctrl-C. Blocks the calling thread.
pub fn run(config: ServerConfig) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let addr = config.listen;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServerError::Bind { addr, source })?;
        eprintln!(
            "leakwatch: serving {} on http://{}/ (Ctrl-C or SIGTERM stops)",
            config.db.display(),
            listener.local_addr()?
        );
        serve_on(listener, config, shutdown_signal()).await?;
        eprintln!("leakwatch: server stopped");
        Ok(())
    })
}
