//! The server-rendered web UI (Japanese and English): dashboard, incidents, one incident with
//! its evidence highlighted in the source text, search, the monthly report, the review queue,
//! watchlists, alerts, the public check-a-service page, sign-in and sign-out.
//!
//! Templates (`templates/*.html`, embedded) are rendered by minijinja with HTML auto-escaping;
//! the only unescaped output is SVG written by `leakwatch_report::svg`, which escapes its text.
//! Pages use `static/app.css` and `static/app.js` only: no inline script or style (see the CSP
//! in `observe.rs`). Every form carries the session's CSRF token.

use crate::api::{self, ListQuery, ReportQuery, SearchQuery, WatchBody};
use crate::auth::{self, authenticate, Auth};
use crate::error::ApiError;
use crate::state::{db, Shared};
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use leakwatch_app::accounts::Role;
use leakwatch_model::IncidentFilter;
use minijinja::{context, Environment, Value};
use serde::{Deserialize, Serialize};

mod forms;
mod signin;

pub use forms::{upload, upload_page};

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "dashboard.html",
        include_str!("../../templates/dashboard.html"),
    ),
    (
        "incidents.html",
        include_str!("../../templates/incidents.html"),
    ),
    (
        "incident.html",
        include_str!("../../templates/incident.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    ("review.html", include_str!("../../templates/review.html")),
    (
        "watchlists.html",
        include_str!("../../templates/watchlists.html"),
    ),
    ("alerts.html", include_str!("../../templates/alerts.html")),
    ("check.html", include_str!("../../templates/check.html")),
    ("login.html", include_str!("../../templates/login.html")),
    ("error.html", include_str!("../../templates/error.html")),
    ("upload.html", include_str!("../../templates/upload.html")),
];

const APP_CSS: &str = include_str!("../../static/app.css");
const APP_JS: &str = include_str!("../../static/app.js");
const FAVICON: &str = include_str!("../../static/favicon.svg");

/// The template environment (auto-escaping HTML for `.html` names).
pub fn templates() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    for (name, source) in TEMPLATES {
        env.add_template(name, source)?;
    }
    // t(lang, ja, en): the text in the page's language.
    env.add_function("t", |lang: String, ja: String, en: String| -> String {
        if lang == "en" {
            en
        } else {
            ja
        }
    });
    Ok(env)
}

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/", get(dashboard))
        .route("/incidents", get(incidents))
        .route("/incidents/{id}", get(incident))
        .route("/incidents/{id}/correct", post(forms::correct))
        .route("/incidents/{id}/merge", post(forms::merge))
        .route("/incidents/{id}/split", post(forms::split))
        .route("/search", get(search))
        .route("/report", get(report))
        .route("/review", get(review))
        .route("/watchlists", get(watchlists).post(add_watch))
        .route("/watchlists/{id}/delete", post(delete_watch))
        .route("/alerts", get(alerts))
        .route("/check", get(check))
        .route("/login", get(signin::login_page).post(signin::login))
        .route("/logout", post(signin::logout))
        .route("/lang/{lang}", get(signin::set_lang))
        .route(
            "/static/app.css",
            get(|| async { static_file("text/css; charset=utf-8", APP_CSS) }),
        )
        .route(
            "/static/favicon.svg",
            get(|| async { static_file("image/svg+xml", FAVICON) }),
        )
        .route(
            "/favicon.ico",
            get(|| async { static_file("image/svg+xml", FAVICON) }),
        )
        .route(
            "/static/app.js",
            get(|| async { static_file("text/javascript; charset=utf-8", APP_JS) }),
        )
}

fn static_file(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// An error shown as a page (same status and words as the API's `{error, detail}`).
pub struct WebError(ApiError);

impl From<ApiError> for WebError {
    fn from(e: ApiError) -> Self {
        WebError(e)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let e = self.0;
        let login = if e.status == StatusCode::UNAUTHORIZED {
            "<p><a href=\"/login\">Sign in / ログイン</a></p>"
        } else {
            ""
        };
        let html = format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>{status}</title>\
             <link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main>\
             <h1>{status}</h1><p class=\"error\">{detail}</p>{login}<p><a href=\"/\">leakwatch</a></p>\
             </main></body></html>",
            status = e.status,
            detail = escape(&e.detail),
        );
        (
            e.status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response()
    }
}

/// HTML escaping for the few strings written outside templates.
pub fn escape(s: &str) -> String {
    leakwatch_report::svg::escape(s)
}

type WebResult = Result<Response, WebError>;

/// Page language: `lw_lang` cookie, else Japanese.
fn lang(headers: &HeaderMap) -> &'static str {
    match auth::cookie(headers, "lw_lang") {
        Some("en") => "en",
        _ => "ja",
    }
}

/// The context every page gets.
fn base(auth: &Auth, headers: &HeaderMap, st: &Shared, nav: &str) -> Value {
    let user = auth.principal().map(|p| {
        context! { name => p.name.clone(), role => p.role.as_str(),
        analyst => p.role >= Role::Analyst, admin => p.role >= Role::Admin }
    });
    context! {
        lang => lang(headers),
        user => user,
        csrf => auth.csrf().unwrap_or(""),
        public => st.config.public,
        nav => nav,
    }
}

fn render(st: &Shared, name: &str, ctx: Value) -> WebResult {
    let html = st
        .templates
        .get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(ApiError::internal)?;
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response())
}

/// Authenticates a page: viewers and up; anonymous visitors too when `public` allows it.
async fn page_auth(st: &Shared, headers: &HeaderMap, public_page: bool) -> Result<Auth, ApiError> {
    let auth = authenticate(st, headers).await?;
    if auth.principal().is_none() && !(public_page && st.config.public) {
        return Err(ApiError::unauthorized());
    }
    Ok(auth)
}

fn q<T>(r: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    api::query(r)
}

fn form<T>(r: Result<Form<T>, FormRejection>) -> Result<T, ApiError> {
    r.map(|Form(v)| v).map_err(|e| {
        let status = e.status();
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "bad_request"
        };
        ApiError::new(status, code, e.body_text())
    })
}

// ---- dashboard -------------------------------------------------------------------------

async fn dashboard(State(st): State<Shared>, headers: HeaderMap) -> WebResult {
    let auth = page_auth(&st, &headers, false).await?;
    let l = lang(&headers);
    // The month of the newest dated incident (or this month).
    let newest = db(&st, |d| {
        Ok(d.as_store().list_incidents(&IncidentFilter {
            limit: Some(10),
            ..IncidentFilter::default()
        })?)
    })
    .await?;
    let month = newest
        .iter()
        .find_map(|s| s.reported_on)
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
        .format("%Y-%m")
        .to_string();
    let report = api::build(
        &st,
        &ReportQuery {
            month: Some(month.clone()),
            year: None,
            format: None,
            lang: Some(l.to_string()),
            taxonomy: None,
            top: Some(5),
        },
    )
    .await?;
    // The report's own charts and section titles: the dashboard and the report page agree.
    let cause_svg = leakwatch_report::html::cause_chart(&report);
    let trend_svg = leakwatch_report::html::trend_chart(&report);
    use leakwatch_report::sections::{title, Kind};
    let cause_title = title(&report, Kind::Causes);
    let trend_title = title(&report, Kind::Trend);
    let ctx = context! {
        ..base(&auth, &headers, &st, "dashboard"),
        ..context! {
            month => month,
            total => report.total,
            previous_total => report.previous_total,
            cause_svg => Value::from_safe_string(cause_svg),
            cause_title => cause_title,
            trend_title => trend_title,
            trend_svg => Value::from_safe_string(trend_svg),
            newest => newest,
        }
    };
    render(&st, "dashboard.html", ctx)
}

// ---- incidents ---------------------------------------------------------------------------

async fn incidents(
    State(st): State<Shared>,
    headers: HeaderMap,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> WebResult {
    let auth = page_auth(&st, &headers, false).await?;
    let query = q(query)?;
    let filter = query.filter()?;
    let cursor = query.cursor.clone();
    let limit = query.limit.unwrap_or(50);
    let page = db(&st, move |d| {
        leakwatch_app::incident_page(d.as_store(), &filter, cursor.as_deref(), limit)
    })
    .await?;
    // The filters again, for the next-page link.
    let mut next = None;
    if let Some(c) = &page.next_cursor {
        let mut pairs = form_urlencoded(&[
            ("cause", query.cause.as_deref()),
            ("since", query.since.as_deref()),
            ("until", query.until.as_deref()),
            ("org", query.org.as_deref()),
            ("card", query.card.map(|b| if b { "true" } else { "false" })),
        ]);
        pairs.push_str(&format!("&limit={limit}&cursor={}", encode(c)));
        next = Some(format!("/incidents?{}", pairs.trim_start_matches('&')));
    }
    let causes: Vec<&str> = leakwatch_model::Cause::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    let ctx = context! {
        ..base(&auth, &headers, &st, "incidents"),
        ..context! {
            items => page.items,
            next => next,
            causes => causes,
            f_cause => query.cause.unwrap_or_default(),
            f_since => query.since.unwrap_or_default(),
            f_until => query.until.unwrap_or_default(),
            f_org => query.org.unwrap_or_default(),
            f_card => query.card.unwrap_or(false),
        }
    };
    render(&st, "incidents.html", ctx)
}

/// `application/x-www-form-urlencoded` pairs (empty values left out).
fn form_urlencoded(pairs: &[(&str, Option<&str>)]) -> String {
    pairs
        .iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("&{k}={}", encode(v)))
        })
        .collect()
}

/// Percent-encodes everything but unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A piece of a source text: plain, or the evidence of a field.
#[derive(Serialize)]
struct Segment {
    text: String,
    field: Option<String>,
    /// The evidence row it belongs to (for the anchor).
    evidence: Option<usize>,
}

/// Cuts `text` at the evidence spans (byte offsets; overlapping or invalid spans skipped).
/// An evidence span to mark: byte start, byte end, field, evidence row.
type Mark = (usize, usize, String, usize);

fn segments(text: &str, spans: &mut [Mark]) -> Vec<Segment> {
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out = Vec::new();
    let mut pos = 0;
    for (start, end, field, n) in spans.iter() {
        let (start, end) = (*start, *end);
        if start < pos || end <= start {
            continue;
        }
        let (Some(before), Some(marked)) = (text.get(pos..start), text.get(start..end)) else {
            continue;
        };
        if !before.is_empty() {
            out.push(Segment {
                text: before.to_string(),
                field: None,
                evidence: None,
            });
        }
        out.push(Segment {
            text: marked.to_string(),
            field: Some(field.clone()),
            evidence: Some(*n),
        });
        pos = end;
    }
    if let Some(rest) = text.get(pos..) {
        if !rest.is_empty() {
            out.push(Segment {
                text: rest.to_string(),
                field: None,
                evidence: None,
            });
        }
    }
    out
}

#[derive(Serialize)]
struct SourceText {
    document_key: i64,
    title: Option<String>,
    origin: String,
    published: Option<String>,
    segments: Vec<Segment>,
}

async fn incident(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> WebResult {
    let auth = page_auth(&st, &headers, true).await?;
    let id = api::incident_id(&id)?;
    let full = api::load_incident(&st, id).await?;
    // Each source document's text, with this incident's evidence marked.
    let mut wanted: Vec<(i64, Vec<Mark>)> = Vec::new();
    for s in &full.detail.incident.sources {
        wanted.push((s.document_key, Vec::new()));
    }
    for (n, e) in full.detail.incident.evidence.iter().enumerate() {
        if let (Some(span), Some(w)) = (e.span, wanted.iter_mut().find(|w| w.0 == e.document_key)) {
            w.1.push((span.start, span.end, e.field.clone(), n));
        }
    }
    let texts = db(&st, move |d| {
        let mut out = Vec::new();
        for (key, mut spans) in wanted {
            let doc = d.as_store().stored_document(key)?;
            out.push(SourceText {
                document_key: key,
                title: doc.title.clone(),
                origin: doc.origin.to_string(),
                published: doc.published.map(|p| p.to_string()),
                segments: segments(&doc.text, &mut spans),
            });
        }
        Ok(out)
    })
    .await?;
    let threshold = st.config.review_threshold;
    let ctx = context! {
        ..base(&auth, &headers, &st, "incidents"),
        ..context! {
            i => Value::from_serialize(&full.detail.incident),
            timeline => Value::from_serialize(&full.detail.timeline),
            conflicts => Value::from_serialize(&full.detail.conflicts),
            audit => Value::from_serialize(&full.detail.audit),
            assessment => Value::from_serialize(&full.assessment),
            checklists => Value::from_serialize(&full.checklists),
            texts => texts,
            threshold => threshold,
            fields => leakwatch_app::correctable_fields(),
        }
    };
    render(&st, "incident.html", ctx)
}

// ---- search, report, review --------------------------------------------------------------

async fn search(
    State(st): State<Shared>,
    headers: HeaderMap,
    query: Result<Query<SearchQuery>, QueryRejection>,
) -> WebResult {
    let auth = page_auth(&st, &headers, false).await?;
    let query = q(query)?;
    let text = query.q.unwrap_or_default();
    let hits = if text.trim().is_empty() {
        Vec::new()
    } else {
        api::run_search(&st, text.clone(), query.limit.unwrap_or(50))
            .await?
            .to_vec()
    };
    let ctx = context! {
        ..base(&auth, &headers, &st, "search"),
        ..context! { q => text, hits => Value::from_serialize(&hits) }
    };
    render(&st, "search.html", ctx)
}

async fn report(
    State(st): State<Shared>,
    headers: HeaderMap,
    query: Result<Query<ReportQuery>, QueryRejection>,
) -> WebResult {
    page_auth(&st, &headers, false).await?;
    let mut query = q(query)?;
    if query.lang.is_none() {
        query.lang = Some(lang(&headers).to_string());
    }
    let format: leakwatch_report::Format = query
        .format
        .as_deref()
        .unwrap_or("html")
        .parse()
        .map_err(|e: leakwatch_report::ReportError| ApiError::bad_request(e.to_string()))?;
    let built = api::build(&st, &query).await?;
    Ok(api::report_response(
        format,
        leakwatch_report::render(&built, format),
    ))
}

/// The value that confirms a shown value as a correction (None: not confirmable in one click).
fn confirm_value(field: &str, shown: &str) -> Option<String> {
    let fields = leakwatch_app::correctable_fields();
    if !fields.contains(&field) {
        return None;
    }
    match field {
        // One value of a list field: confirming it would replace the whole list.
        "data_types" | "aliases" => None,
        "affected_count" | "financial_impact_jpy" => {
            let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
            (!digits.is_empty()).then_some(digits)
        }
        _ => Some(shown.to_string()),
    }
}

async fn review(State(st): State<Shared>, headers: HeaderMap) -> WebResult {
    let auth = page_auth(&st, &headers, false).await?;
    let items = api::review_items(&st).await?;
    let rows: Vec<Value> = items
        .iter()
        .map(|i| {
            context! {
                incident_id => i.incident_id.0,
                organization => i.organization.clone(),
                field => i.field.clone(),
                value => i.value.clone(),
                confidence => format!("{:.2}", i.confidence),
                sentence => i.sentence.clone(),
                confirm => confirm_value(&i.field, &i.value),
                correctable => leakwatch_app::correctable_fields().contains(&i.field.as_str()),
            }
        })
        .collect();
    let ctx = context! {
        ..base(&auth, &headers, &st, "review"),
        ..context! { items => rows, threshold => format!("{:.2}", st.config.review_threshold) }
    };
    render(&st, "review.html", ctx)
}

// ---- watchlists, alerts ------------------------------------------------------------------

async fn watchlists(State(st): State<Shared>, headers: HeaderMap) -> WebResult {
    let auth = page_auth(&st, &headers, false).await?;
    let entries = db(&st, |d| leakwatch_app::alerts::watch_entries(d.as_watch())).await?;
    let ctx = context! {
        ..base(&auth, &headers, &st, "watchlists"),
        ..context! { entries => Value::from_serialize(&entries) }
    };
    render(&st, "watchlists.html", ctx)
}

#[derive(Deserialize)]
struct WatchForm {
    csrf: Option<String>,
    name: String,
    #[serde(default)]
    aliases: String,
    #[serde(default)]
    domains: String,
    kind: Option<String>,
    list: Option<String>,
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

async fn add_watch(
    State(st): State<Shared>,
    headers: HeaderMap,
    f: Result<Form<WatchForm>, FormRejection>,
) -> WebResult {
    let auth = authenticate(&st, &headers).await?;
    let f = form(f)?;
    auth.require_write(Role::Analyst, f.csrf.as_deref())?;
    api::create_watch(
        &st,
        WatchBody {
            name: f.name,
            aliases: split_list(&f.aliases),
            domains: split_list(&f.domains),
            kind: f.kind.filter(|k| !k.is_empty()),
            list: f.list.filter(|l| !l.is_empty()),
        },
    )
    .await?;
    Ok(Redirect::to("/watchlists").into_response())
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: Option<String>,
}

async fn delete_watch(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    f: Result<Form<CsrfForm>, FormRejection>,
) -> WebResult {
    let auth = authenticate(&st, &headers).await?;
    let f = form(f)?;
    auth.require_write(Role::Analyst, f.csrf.as_deref())?;
    api::delete_watch(&st, &id).await?;
    Ok(Redirect::to("/watchlists").into_response())
}

async fn alerts(State(st): State<Shared>, headers: HeaderMap) -> WebResult {
    let auth = page_auth(&st, &headers, false).await?;
    let list = api::list_alerts(&st, false).await?;
    let ctx = context! {
        ..base(&auth, &headers, &st, "alerts"),
        ..context! { alerts => Value::from_serialize(&list) }
    };
    render(&st, "alerts.html", ctx)
}

// ---- public check-a-service page -----------------------------------------------------------

#[derive(Deserialize)]
struct CheckQuery {
    name: Option<String>,
}

async fn check(
    State(st): State<Shared>,
    headers: HeaderMap,
    query: Result<Query<CheckQuery>, QueryRejection>,
) -> WebResult {
    let auth = page_auth(&st, &headers, true).await?;
    let name = q(query)?.name.unwrap_or_default();
    let name = name.trim().to_string();
    if name.chars().count() > api::MAX_QUERY_CHARS {
        return Err(ApiError::bad_request("the name is too long").into());
    }
    let found = if name.is_empty() {
        Vec::new()
    } else {
        let n = name.clone();
        db(&st, move |d| {
            Ok(d.as_store().list_incidents(&IncidentFilter {
                org: Some(n),
                limit: Some(50),
                ..IncidentFilter::default()
            })?)
        })
        .await?
    };
    let ctx = context! {
        ..base(&auth, &headers, &st, "check"),
        ..context! { name => name, found => found }
    };
    render(&st, "check.html", ctx)
}

/// Unknown pages.
pub async fn not_found() -> WebError {
    WebError(ApiError::not_found("no such page"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_mark_spans_and_skip_bad_ones() {
        let text = "あいうえお漏えい1000件";
        let a = text.find("漏えい").unwrap();
        let b = text.find("件").unwrap();
        let mut spans = vec![
            (a, a + "漏えい".len(), "cause".to_string(), 0),
            (a + 1, a + 2, "bad".to_string(), 1), // not a char boundary
            (a + 3, a + 6, "overlap".to_string(), 2), // inside the first
            (b, b + 1000, "past the end".to_string(), 3),
        ];
        let segs = segments(text, &mut spans);
        let marked: Vec<_> = segs.iter().filter(|s| s.field.is_some()).collect();
        assert_eq!(marked.len(), 1);
        assert_eq!(marked[0].text, "漏えい");
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn confirm_values_are_correctable() {
        assert_eq!(
            confirm_value("affected_count", "最大 4,812 件").as_deref(),
            Some("4812")
        );
        assert_eq!(
            confirm_value("cause", "insider").as_deref(),
            Some("insider")
        );
        assert_eq!(confirm_value("victim_role", "x"), None);
        assert_eq!(
            confirm_value("data_types", "email"),
            None,
            "would replace the list"
        );
        assert_eq!(encode("a b/漏"), "a%20b%2F%E6%BC%8F");
    }
}
