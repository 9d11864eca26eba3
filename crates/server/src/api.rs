//! The JSON API under `/api/v1`: incidents (list with cursor pages, detail), search, reports,
//! organisations, sources, watchlists, alerts, analyst corrections/merge/split, document
//! upload and accounts. Every handler authenticates, checks the role, and calls one `app` use
//! case on a pooled connection; errors are `{error, detail}` (see `error.rs`).

use crate::auth::authenticate;
use crate::error::ApiError;
use crate::state::{db, db_with_state, Shared};
use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use leakwatch_app::accounts::Role;
use leakwatch_app::Attribution;
use leakwatch_model::{Cause, IncidentFilter, IncidentId};
use leakwatch_report::{build_report, render, Format, Lang, Period, ReportOptions, Taxonomy};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Every API route: (method, path as in the OpenAPI document). The router is built from the
/// same handlers below; `tests/http.rs` checks each is in `openapi.json` and answers.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/incidents"),
    ("get", "/api/v1/incidents/{id}"),
    ("post", "/api/v1/incidents/{id}/corrections"),
    ("post", "/api/v1/incidents/{id}/merge"),
    ("post", "/api/v1/incidents/{id}/split"),
    ("get", "/api/v1/search"),
    ("get", "/api/v1/report"),
    ("get", "/api/v1/organizations"),
    ("get", "/api/v1/organizations/{name}"),
    ("get", "/api/v1/sources"),
    ("post", "/api/v1/sources"),
    ("delete", "/api/v1/sources/{id}"),
    ("get", "/api/v1/watchlists"),
    ("post", "/api/v1/watchlists"),
    ("delete", "/api/v1/watchlists/{id}"),
    ("get", "/api/v1/alerts"),
    ("post", "/api/v1/alerts/read"),
    ("post", "/api/v1/documents"),
    ("get", "/api/v1/review"),
    ("get", "/api/v1/audit"),
    ("get", "/api/v1/accounts"),
    ("post", "/api/v1/accounts"),
    ("delete", "/api/v1/accounts/{name}"),
    ("get", "/api/v1/openapi.json"),
];

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/api/v1/incidents", get(list_incidents))
        .route("/api/v1/incidents/{id}", get(incident))
        .route("/api/v1/incidents/{id}/corrections", post(correct))
        .route("/api/v1/incidents/{id}/merge", post(merge))
        .route("/api/v1/incidents/{id}/split", post(split))
        .route("/api/v1/search", get(search))
        .route("/api/v1/report", get(report))
        .route("/api/v1/organizations", get(organizations))
        .route("/api/v1/organizations/{name}", get(organization))
        .route("/api/v1/sources", get(sources).post(add_source))
        .route("/api/v1/sources/{id}", delete(remove_source))
        .route("/api/v1/watchlists", get(watchlists).post(add_watch))
        .route("/api/v1/watchlists/{id}", delete(remove_watch))
        .route("/api/v1/alerts", get(alerts))
        .route("/api/v1/alerts/read", post(mark_read))
        .route("/api/v1/review", get(review))
        .route("/api/v1/audit", get(audit))
        .route("/api/v1/accounts", get(accounts).post(add_account))
        .route("/api/v1/accounts/{name}", delete(remove_account))
        .route("/api/v1/openapi.json", get(openapi))
}

// ---- request helpers -------------------------------------------------------------------

/// A query string, or a 400 `{error, detail}`.
pub fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(v)| v)
        .map_err(|e| ApiError::bad_request(e.body_text()))
}

/// A JSON body, or `{error, detail}` with the rejection's status (413 when too large).
fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    b.map(|Json(v)| v).map_err(|e| {
        let status = e.status();
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "bad_request"
        };
        ApiError::new(status, code, e.body_text())
    })
}

pub fn incident_id(raw: &str) -> Result<IncidentId, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(IncidentId)
        .ok_or_else(|| ApiError::bad_request("the incident id must be a positive integer"))
}

fn csrf_header(headers: &HeaderMap) -> Option<&str> {
    headers.get("x-csrf-token").and_then(|v| v.to_str().ok())
}

pub fn parse_date(name: &str, v: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    v.filter(|s| !s.is_empty())
        .map(|s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| ApiError::bad_request(format!("{name} must be a date YYYY-MM-DD")))
        })
        .transpose()
}

pub fn parse_cause(v: Option<&str>) -> Result<Option<Cause>, ApiError> {
    v.filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<Cause>()
                .map_err(|e| ApiError::bad_request(e.to_string()))
        })
        .transpose()
}

// ---- incidents -------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub cause: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub org: Option<String>,
    pub card: Option<bool>,
    pub limit: Option<usize>,
    pub cursor: Option<String>,
}

impl ListQuery {
    pub fn filter(&self) -> Result<IncidentFilter, ApiError> {
        Ok(IncidentFilter {
            cause: parse_cause(self.cause.as_deref())?,
            since: parse_date("since", self.since.as_deref())?,
            until: parse_date("until", self.until.as_deref())?,
            org: self.org.clone().filter(|o| !o.trim().is_empty()),
            card_only: self.card.unwrap_or(false),
            limit: None,
            after: None,
        })
    }
}

async fn list_incidents(
    State(st): State<Shared>,
    headers: HeaderMap,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Viewer)?;
    let q = query(q)?;
    let filter = q.filter()?;
    let limit = q.limit.unwrap_or(50);
    let cursor = q.cursor;
    // The query string (filters, cursor, limit) names the page.
    let key = raw.unwrap_or_default();
    if let Some(page) = st.listing_cache.get(&key) {
        return Ok(Json(&*page).into_response());
    }
    let page = std::sync::Arc::new(
        db(&st, move |d| {
            leakwatch_app::incident_page(d.as_store(), &filter, cursor.as_deref(), limit)
        })
        .await?,
    );
    st.listing_cache.put(key, page.clone());
    Ok(Json(&*page).into_response())
}

/// Everything about one incident: the detail `show --json` prints.
#[derive(Serialize)]
pub struct IncidentFull {
    #[serde(flatten)]
    pub detail: leakwatch_app::IncidentDetail,
    pub assessment: leakwatch_report::Assessment,
    pub checklists: Vec<leakwatch_watch::AlertDraft>,
}

pub async fn load_incident(st: &Shared, id: IncidentId) -> Result<IncidentFull, ApiError> {
    db_with_state(st, move |s, d| {
        let detail = leakwatch_app::incident_detail(d.as_store(), id)?;
        let assessment = leakwatch_report::assess(&detail.incident);
        let checklists = leakwatch_app::alerts::incident_checklist(d.as_watch(), id, &s.playbooks)?;
        Ok(IncidentFull {
            detail,
            assessment,
            checklists,
        })
    })
    .await
}

async fn incident(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Viewer)?;
    let id = incident_id(&id)?;
    Ok(Json(load_incident(&st, id).await?).into_response())
}

#[derive(Deserialize)]
struct CorrectionBody {
    field: String,
    value: String,
    #[serde(default)]
    reason: String,
}

/// Applies one correction as `author` (shared by the API and the review queue).
pub async fn apply_correction(
    st: &Shared,
    id: IncidentId,
    author: String,
    field: String,
    value: String,
    reason: String,
) -> Result<(), ApiError> {
    db(st, move |d| {
        let who = Attribution {
            author: &author,
            reason: &reason,
        };
        leakwatch_app::correct_field(d.as_store_mut(), id, &field, &value, &who)
    })
    .await
}

async fn correct(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    b: Result<Json<CorrectionBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let auth = authenticate(&st, &headers).await?;
    let who = auth
        .require_write(Role::Analyst, csrf_header(&headers))?
        .name
        .clone();
    let id = incident_id(&id)?;
    let b = body(b)?;
    apply_correction(&st, id, who, b.field, b.value, b.reason).await?;
    Ok(Json(load_incident(&st, id).await?).into_response())
}

#[derive(Deserialize)]
struct MergeBody {
    absorb: i64,
    #[serde(default)]
    reason: String,
}

async fn merge(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    b: Result<Json<MergeBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let auth = authenticate(&st, &headers).await?;
    let who = auth
        .require_write(Role::Analyst, csrf_header(&headers))?
        .name
        .clone();
    let keep = incident_id(&id)?;
    let b = body(b)?;
    let absorb = incident_id(&b.absorb.to_string())?;
    if absorb == keep {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "an incident cannot absorb itself",
        ));
    }
    db(&st, move |d| {
        let a = Attribution {
            author: &who,
            reason: &b.reason,
        };
        leakwatch_app::merge(d.as_store_mut(), keep, absorb, &a)
    })
    .await?;
    Ok(Json(load_incident(&st, keep).await?).into_response())
}

#[derive(Deserialize)]
struct SplitBody {
    document_key: i64,
    #[serde(default)]
    reason: String,
}

async fn split(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    b: Result<Json<SplitBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let auth = authenticate(&st, &headers).await?;
    let who = auth
        .require_write(Role::Analyst, csrf_header(&headers))?
        .name
        .clone();
    let id = incident_id(&id)?;
    let b = body(b)?;
    let new_id = db(&st, move |d| {
        let a = Attribution {
            author: &who,
            reason: &b.reason,
        };
        leakwatch_app::split(d.as_store_mut(), id, b.document_key, &a)
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": id, "new_id": new_id })),
    )
        .into_response())
}

// ---- search and reports ----------------------------------------------------------------

#[derive(Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
    pub limit: Option<usize>,
}

/// Longest search string accepted (characters).
pub const MAX_QUERY_CHARS: usize = 200;

pub async fn run_search(
    st: &Shared,
    q: String,
    limit: usize,
) -> Result<std::sync::Arc<Vec<leakwatch_model::SearchHit>>, ApiError> {
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request(format!(
            "the query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    let limit = limit.clamp(1, 200);
    let key = crate::cache::search_key(&q, limit);
    if let Some(hits) = st.search_cache.get(&key) {
        return Ok(hits);
    }
    let hits = std::sync::Arc::new(db(st, move |d| Ok(d.as_store().search(&q, limit)?)).await?);
    st.search_cache.put(key, hits.clone());
    Ok(hits)
}

async fn search(
    State(st): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Viewer)?;
    let q = query(q)?;
    let text = q.q.unwrap_or_default();
    let hits = run_search(&st, text.clone(), q.limit.unwrap_or(20)).await?;
    Ok(Json(json!({ "query": text, "hits": hits.as_slice() })).into_response())
}

#[derive(Deserialize)]
pub struct ReportQuery {
    pub month: Option<String>,
    pub year: Option<String>,
    pub format: Option<String>,
    pub lang: Option<String>,
    pub taxonomy: Option<String>,
    pub top: Option<usize>,
}

/// A built report for a query (month or year; the current month when neither is given).
pub async fn build(st: &Shared, q: &ReportQuery) -> Result<leakwatch_report::Report, ApiError> {
    let bad = |e: leakwatch_report::ReportError| ApiError::bad_request(e.to_string());
    let period = match (&q.month, &q.year) {
        (Some(m), None) => Period::parse_month(m).map_err(bad)?,
        (None, Some(y)) => Period::parse_year(y).map_err(bad)?,
        (None, None) => {
            Period::parse_month(&chrono::Utc::now().format("%Y-%m").to_string()).map_err(bad)?
        }
        _ => return Err(ApiError::bad_request("give month or year, not both")),
    };
    let lang = match q.lang.as_deref() {
        None | Some("ja") => Lang::Ja,
        Some("en") => Lang::En,
        Some(_) => return Err(ApiError::bad_request("lang is ja or en")),
    };
    let taxonomy = match q.taxonomy.as_deref() {
        None | Some("column") => Taxonomy::Column,
        Some("leakwatch") => Taxonomy::Leakwatch,
        Some("survey") => Taxonomy::Survey,
        Some(_) => {
            return Err(ApiError::bad_request(
                "taxonomy is leakwatch, column or survey",
            ))
        }
    };
    let options = ReportOptions {
        lang,
        taxonomy,
        top: q.top.unwrap_or(3).clamp(1, 50),
    };
    let input = db(st, move |d| {
        leakwatch_app::report_input(d.as_store(), period)
    })
    .await?;
    Ok(build_report(&input, &options))
}

async fn report(
    State(st): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<ReportQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Viewer)?;
    let q = query(q)?;
    let format: Format = q
        .format
        .as_deref()
        .unwrap_or("json")
        .parse()
        .map_err(|e: leakwatch_report::ReportError| ApiError::bad_request(e.to_string()))?;
    let report = build(&st, &q).await?;
    let text = render(&report, format);
    Ok(report_response(format, text))
}

pub fn report_response(format: Format, text: String) -> Response {
    match format {
        Format::Json => (
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            text,
        )
            .into_response(),
        Format::Markdown => (
            [(header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
            text,
        )
            .into_response(),
        Format::Html => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CONTENT_SECURITY_POLICY, crate::observe::REPORT_CSP),
            ],
            text,
        )
            .into_response(),
    }
}

// ---- organisations, sources, watchlists, alerts ----------------------------------------

async fn organizations(State(st): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Viewer)?;
    let orgs = db(&st, |d| Ok(d.as_store().organizations()?)).await?;
    Ok(Json(orgs).into_response())
}

async fn organization(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Viewer)?;
    let view = db(&st, move |d| {
        leakwatch_app::organization_view(d.as_store(), &name)
    })
    .await?;
    Ok(Json(view).into_response())
}

async fn sources(State(st): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Viewer)?;
    let rows = db(&st, |d| Ok(d.as_watch().sources()?)).await?;
    // Source URLs may carry credentials: shown redacted.
    let rows: Vec<Value> = rows
        .into_iter()
        .map(|r| {
            json!({
                "id": r.id, "name": r.name, "kind": r.kind,
                "url": leakwatch_model::hygiene::redact_url(&r.url),
                "every_secs": r.every_secs, "healthy": r.healthy,
                "consecutive_failures": r.consecutive_failures,
                "last_error": r.last_error, "last_polled_at": r.last_polled_at,
                "added_at": r.added_at,
            })
        })
        .collect();
    Ok(Json(rows).into_response())
}

#[derive(Deserialize)]
struct SourceBody {
    kind: String,
    url: String,
    name: Option<String>,
    every: Option<String>,
}

async fn add_source(
    State(st): State<Shared>,
    headers: HeaderMap,
    b: Result<Json<SourceBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let auth = authenticate(&st, &headers).await?;
    auth.require_write(Role::Admin, csrf_header(&headers))?;
    let b = body(b)?;
    let id = db(&st, move |d| {
        leakwatch_app::manage::add_source(
            d.as_watch_mut(),
            &b.kind,
            &b.url,
            b.name.as_deref(),
            b.every.as_deref().unwrap_or("30m"),
        )
    })
    .await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response())
}

async fn remove_source(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let auth = authenticate(&st, &headers).await?;
    auth.require_write(Role::Admin, csrf_header(&headers))?;
    let removed = db(&st, move |d| Ok(d.as_watch_mut().remove_source(&id)?)).await?;
    if removed {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(ApiError::not_found("no such source"))
    }
}

async fn watchlists(State(st): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Viewer)?;
    let entries = db(&st, |d| leakwatch_app::alerts::watch_entries(d.as_watch())).await?;
    Ok(Json(entries).into_response())
}

#[derive(Deserialize)]
pub struct WatchBody {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub domains: Vec<String>,
    pub kind: Option<String>,
    pub list: Option<String>,
}

pub async fn create_watch(st: &Shared, b: WatchBody) -> Result<i64, ApiError> {
    let kind = b.kind.as_deref().unwrap_or("vendor").parse().map_err(
        |e: leakwatch_watch::WatchError| {
            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", e.to_string())
        },
    )?;
    let entry = leakwatch_watch::NewWatchEntry {
        name: b.name,
        aliases: b.aliases,
        domains: b.domains,
        kind,
        list: b.list.unwrap_or_default(),
    };
    db(st, move |d| {
        leakwatch_app::manage::add_watch(d.as_watch_mut(), entry)
    })
    .await
}

async fn add_watch(
    State(st): State<Shared>,
    headers: HeaderMap,
    b: Result<Json<WatchBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let auth = authenticate(&st, &headers).await?;
    auth.require_write(Role::Analyst, csrf_header(&headers))?;
    let id = create_watch(&st, body(b)?).await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response())
}

pub async fn delete_watch(st: &Shared, id: &str) -> Result<(), ApiError> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad_request("the entry id must be an integer"))?;
    let n = db(st, move |d| {
        Ok(d.as_watch_mut().remove_watch(Some(id), "", None)?)
    })
    .await?;
    if n == 0 {
        return Err(ApiError::not_found("no such watchlist entry"));
    }
    Ok(())
}

async fn remove_watch(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let auth = authenticate(&st, &headers).await?;
    auth.require_write(Role::Analyst, csrf_header(&headers))?;
    delete_watch(&st, &id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize)]
struct AlertsQuery {
    unread: Option<bool>,
}

pub async fn list_alerts(
    st: &Shared,
    unread: bool,
) -> Result<Vec<leakwatch_watch::Alert>, ApiError> {
    db(st, move |d| {
        d.as_watch()
            .alerts(unread)?
            .iter()
            .map(leakwatch_app::alerts::alert_from_row)
            .collect()
    })
    .await
}

async fn alerts(
    State(st): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<AlertsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Viewer)?;
    let q = query(q)?;
    Ok(Json(list_alerts(&st, q.unread.unwrap_or(false)).await?).into_response())
}

#[derive(Deserialize)]
struct ReadBody {
    ids: Vec<i64>,
}

async fn mark_read(
    State(st): State<Shared>,
    headers: HeaderMap,
    b: Result<Json<ReadBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let auth = authenticate(&st, &headers).await?;
    auth.require_write(Role::Analyst, csrf_header(&headers))?;
    let b = body(b)?;
    let n = db(&st, move |d| {
        Ok(d.as_watch_mut().mark_alerts_read(&b.ids)?)
    })
    .await?;
    Ok(Json(json!({ "marked": n })).into_response())
}

// ---- documents, review, audit ----------------------------------------------------------

#[derive(Deserialize)]
pub struct UploadQuery {
    pub name: Option<String>,
}

/// The upload handler (routed in `lib.rs` with the document size limit).
pub async fn upload_route(
    State(st): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<UploadQuery>, QueryRejection>,
    bytes: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    let auth = authenticate(&st, &headers).await?;
    auth.require_write(Role::Analyst, csrf_header(&headers))?;
    let q = query(q)?;
    let bytes = bytes.map_err(|e| {
        let status = e.status();
        ApiError::new(
            status,
            if status == StatusCode::PAYLOAD_TOO_LARGE {
                "too_large"
            } else {
                "bad_request"
            },
            e.body_text(),
        )
    })?;
    let name = q.name.unwrap_or_else(|| "upload.txt".to_string());
    let outcome = db_with_state(&st, move |s, d| {
        leakwatch_app::ingest_bytes(
            d.as_store_mut(),
            &s.extractor,
            &name,
            bytes.to_vec(),
            &s.config.limits,
        )
    })
    .await?;
    let status = if outcome.new_document {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(outcome)).into_response())
}

/// A field value below the review threshold, to confirm or correct.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewItem {
    pub incident_id: IncidentId,
    pub organization: String,
    pub field: String,
    pub value: String,
    pub confidence: f32,
    pub sentence: Option<String>,
}

/// Low-confidence values of the newest incidents (at most 500 incidents are looked at).
pub async fn review_items(st: &Shared) -> Result<Vec<ReviewItem>, ApiError> {
    let threshold = st.config.review_threshold;
    db(st, move |d| {
        let filter = IncidentFilter {
            limit: Some(500),
            ..IncidentFilter::default()
        };
        let mut items = Vec::new();
        for inc in leakwatch_app::incidents(d.as_store(), &filter)? {
            // A field an analyst has set (or confirmed) leaves the queue. (An incident merged
            // away meanwhile is skipped.)
            let known = match d.as_store().known_incident(inc.id) {
                Ok(k) => k,
                Err(leakwatch_store::StoreError::NotFound { .. }) => continue,
                Err(e) => return Err(e.into()),
            };
            let corrected: Vec<String> = known.corrections.into_iter().map(|c| c.field).collect();
            for e in &inc.evidence {
                if e.confidence < threshold && !corrected.contains(&e.field) {
                    items.push(ReviewItem {
                        incident_id: inc.id,
                        organization: inc.organization.clone(),
                        field: e.field.clone(),
                        value: e.value.clone(),
                        confidence: e.confidence,
                        sentence: e.sentence.clone(),
                    });
                }
            }
        }
        Ok(items)
    })
    .await
}

async fn review(State(st): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Viewer)?;
    Ok(Json(review_items(&st).await?).into_response())
}

async fn audit(State(st): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Viewer)?;
    let log = db(&st, |d| Ok(d.as_store().audit_log(None)?)).await?;
    Ok(Json(log).into_response())
}

// ---- accounts ----------------------------------------------------------------------------

async fn accounts(State(st): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Admin)?;
    let rows = db(&st, |d| {
        leakwatch_app::accounts::list_users(d.as_accounts())
    })
    .await?;
    Ok(Json(rows).into_response())
}

#[derive(Deserialize)]
struct AccountBody {
    name: String,
    role: String,
    password: String,
}

async fn add_account(
    State(st): State<Shared>,
    headers: HeaderMap,
    b: Result<Json<AccountBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let auth = authenticate(&st, &headers).await?;
    auth.require_write(Role::Admin, csrf_header(&headers))?;
    let b = body(b)?;
    let id = db(&st, move |d| {
        let role: Role = b.role.parse()?;
        leakwatch_app::accounts::add_user(d.as_accounts_mut(), &b.name, role, &b.password)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response())
}

async fn remove_account(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let auth = authenticate(&st, &headers).await?;
    auth.require_write(Role::Admin, csrf_header(&headers))?;
    let n = name.clone();
    let removed = db(&st, move |d| {
        leakwatch_app::accounts::remove_user(d.as_accounts_mut(), &n)
    })
    .await?;
    if !removed {
        return Err(ApiError::not_found("no such account"));
    }
    st.sessions.remove_account(&name);
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn openapi(State(st): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    authenticate(&st, &headers).await?.require(Role::Viewer)?;
    Ok(Json(crate::openapi::document()).into_response())
}

/// Unknown `/api/...` paths.
pub async fn not_found() -> ApiError {
    ApiError::not_found("no such API route")
}
