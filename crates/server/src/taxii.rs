//! `/taxii2/…`: the incidents as a read-only TAXII 2.1 collection (issue 14). One API root
//! (`/taxii2/leakwatch/`) with one collection whose objects are those of
//! `leakwatch export --format stix`, each dated by the last write of its incident
//! (`leakwatch_app::stix_collection`). Discovery, API root, collections, collection, objects
//! (paged: `limit`, `next`, `added_after`, `match[id|type|version|spec_version]`), one object,
//! its versions and the manifest; responses are `application/taxii+json;version=2.1`, errors
//! are TAXII error messages. Who may read follows the Atom feed: signed-in viewers and tokens,
//! everyone when the server is public. The collection is computed once per state of the
//! incidents (`Store::incident_updates`) and cached.

use crate::auth::authenticate;
use crate::state::{db, Shared};
use crate::ApiError;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use leakwatch_app::DatedObject;
use leakwatch_store::IncidentUpdate;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

/// TAXII's media type.
pub const TAXII: &str = "application/taxii+json;version=2.1";
const STIX: &str = "application/stix+json;version=2.1";
/// The API root's path.
pub const ROOT: &str = "/taxii2/leakwatch/";
/// The collection's id: fixed, consumers key on it.
pub const COLLECTION: &str = "4c57b1e2-6a0d-5b7e-9f43-2d8c1a6e0b91";
/// Objects per page when the client asks for none, and at most.
const DEFAULT_LIMIT: usize = 100;
const MAX_LIMIT: usize = 1000;
/// The largest request body the API root accepts (it accepts none: it is read-only).
const MAX_CONTENT_LENGTH: u64 = 0;

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/taxii2/", get(discovery))
        .route("/taxii2/leakwatch/", get(api_root))
        .route("/taxii2/leakwatch/collections/", get(collections))
        .route("/taxii2/leakwatch/collections/{id}/", get(collection))
        .route(
            "/taxii2/leakwatch/collections/{id}/objects/",
            get(objects).post(read_only),
        )
        .route(
            "/taxii2/leakwatch/collections/{id}/objects/{object}/",
            get(object).delete(read_only),
        )
        .route(
            "/taxii2/leakwatch/collections/{id}/objects/{object}/versions/",
            get(versions),
        )
        .route(
            "/taxii2/leakwatch/collections/{id}/manifest/",
            get(manifest),
        )
}

// ---- errors --------------------------------------------------------------------------------

/// A TAXII error message (`title`, `description`, `http_status`).
#[derive(Debug)]
pub struct TaxiiError {
    status: StatusCode,
    title: &'static str,
    description: String,
}

impl TaxiiError {
    fn new(status: StatusCode, title: &'static str, description: impl Into<String>) -> Self {
        TaxiiError {
            status,
            title,
            description: description.into(),
        }
    }
    fn bad_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "Bad request", description)
    }
    fn not_found(description: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "Not found", description)
    }
}

impl From<ApiError> for TaxiiError {
    fn from(e: ApiError) -> Self {
        let title = match e.status {
            StatusCode::UNAUTHORIZED => "Unauthorized",
            StatusCode::FORBIDDEN => "Forbidden",
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::BAD_REQUEST => "Bad request",
            _ => "Server error",
        };
        TaxiiError::new(e.status, title, e.detail)
    }
}

impl IntoResponse for TaxiiError {
    fn into_response(self) -> Response {
        let body = json!({
            "title": self.title,
            "description": self.description,
            "http_status": self.status.as_u16().to_string(),
        });
        let mut res = taxii_json(self.status, &body);
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"leakwatch\""),
            );
        }
        res
    }
}

type Taxii<T = Response> = Result<T, TaxiiError>;

fn taxii_json(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(TAXII))],
        body.to_string(),
    )
        .into_response()
}

// ---- access and negotiation ----------------------------------------------------------------

/// Refuses clients that cannot read TAXII (406) and anonymous clients of a private server.
async fn admit(st: &Shared, headers: &HeaderMap) -> Taxii<()> {
    if !accepts_taxii(headers.get(header::ACCEPT)) {
        return Err(TaxiiError::new(
            StatusCode::NOT_ACCEPTABLE,
            "Not acceptable",
            format!("this server answers {TAXII}"),
        ));
    }
    let auth = authenticate(st, headers).await?;
    if auth.principal().is_none() && !st.config.public {
        return Err(ApiError::unauthorized().into());
    }
    Ok(())
}

/// True when `Accept` is absent or admits TAXII 2.1 (`application/taxii+json` without a
/// version or with 2.1, `application/*`, `*/*`).
fn accepts_taxii(accept: Option<&HeaderValue>) -> bool {
    let Some(accept) = accept else {
        return true;
    };
    let Ok(accept) = accept.to_str() else {
        return false;
    };
    accept.split(',').any(|range| {
        let mut parts = range.split(';').map(str::trim);
        let media = parts.next().unwrap_or("").to_ascii_lowercase();
        let params: Vec<String> = parts
            .map(|p| p.replace(' ', "").to_ascii_lowercase())
            .collect();
        match media.as_str() {
            "*/*" | "application/*" => true,
            "application/taxii+json" => params
                .iter()
                .filter_map(|p| p.strip_prefix("version="))
                .all(|v| v == "2.1"),
            _ => false,
        }
    })
}

fn check_collection(id: &str) -> Taxii<()> {
    if id == COLLECTION {
        Ok(())
    } else {
        Err(TaxiiError::not_found(format!("no collection '{id}'")))
    }
}

/// The server's own address as the client reached it (`Host`), for the URLs discovery lists.
fn base_url(st: &Shared, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c))
        });
    match host {
        Some(h) => {
            let scheme = if st.config.secure_cookies {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{h}")
        }
        None => String::new(),
    }
}

// ---- the simple resources ------------------------------------------------------------------

async fn discovery(State(st): State<Shared>, headers: HeaderMap) -> Taxii {
    admit(&st, &headers).await?;
    let root = format!("{}{ROOT}", base_url(&st, &headers));
    Ok(taxii_json(
        StatusCode::OK,
        &json!({
            "title": "leakwatch",
            "description": "Information-leak incidents collected by leakwatch, as STIX 2.1.",
            "default": root,
            "api_roots": [root],
        }),
    ))
}

async fn api_root(State(st): State<Shared>, headers: HeaderMap) -> Taxii {
    admit(&st, &headers).await?;
    Ok(taxii_json(
        StatusCode::OK,
        &json!({
            "title": "leakwatch incidents",
            "versions": [TAXII],
            "max_content_length": MAX_CONTENT_LENGTH,
        }),
    ))
}

fn collection_resource() -> Value {
    json!({
        "id": COLLECTION,
        "title": "Incidents",
        "description": "Every incident with its organisation, attacker, source reports and evidence notes (leakwatch export --format stix).",
        "can_read": true,
        "can_write": false,
        "media_types": [STIX],
    })
}

async fn collections(State(st): State<Shared>, headers: HeaderMap) -> Taxii {
    admit(&st, &headers).await?;
    Ok(taxii_json(
        StatusCode::OK,
        &json!({ "collections": [collection_resource()] }),
    ))
}

async fn collection(State(st): State<Shared>, headers: HeaderMap, Path(id): Path<String>) -> Taxii {
    admit(&st, &headers).await?;
    check_collection(&id)?;
    Ok(taxii_json(StatusCode::OK, &collection_resource()))
}

/// Adding or deleting objects: the collection is read-only.
async fn read_only(State(st): State<Shared>, headers: HeaderMap) -> Taxii {
    admit(&st, &headers).await?;
    Err(TaxiiError::new(
        StatusCode::FORBIDDEN,
        "Forbidden",
        "the collection is read-only (can_write: false)",
    ))
}

// ---- the collection's contents --------------------------------------------------------------

/// The collection as last computed, and the incident writes it was computed from.
#[derive(Default)]
pub struct Cache {
    current: Mutex<Option<Computed>>,
}

/// The incident writes seen, and the objects computed from them.
type Computed = (Vec<IncidentUpdate>, Arc<Vec<DatedObject>>);

/// The collection's objects, recomputed only when an incident was written since.
async fn contents(st: &Shared) -> Taxii<Arc<Vec<DatedObject>>> {
    let updates = db(st, |d| Ok(d.as_store().incident_updates()?)).await?;
    if let Ok(guard) = st.taxii.current.lock() {
        if let Some((seen, objects)) = guard.as_ref() {
            if *seen == updates {
                return Ok(objects.clone());
            }
        }
    }
    let for_build = updates.clone();
    let objects = Arc::new(
        db(st, move |d| {
            leakwatch_app::stix_collection(d.as_store(), &for_build)
        })
        .await?,
    );
    if let Ok(mut guard) = st.taxii.current.lock() {
        *guard = Some((updates, objects.clone()));
    }
    Ok(objects)
}

/// The filters and paging of the objects, object, versions and manifest endpoints.
#[derive(Debug, Default)]
struct Selection {
    added_after: Option<DateTime<Utc>>,
    limit: usize,
    next: Option<(DateTime<Utc>, String)>,
    ids: Option<Vec<String>>,
    types: Option<Vec<String>>,
    /// `last`, `first`, `all` (one version is kept per object: all three select it) or
    /// exact timestamps.
    versions: Option<Vec<String>>,
    spec_versions: Option<Vec<String>>,
}

fn list(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_time(what: &str, v: &str) -> Taxii<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(v)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| TaxiiError::bad_request(format!("{what} '{v}' is not an RFC 3339 time: {e}")))
}

/// TAXII's timestamps: microseconds, `Z`.
fn taxii_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// The opaque `next` of a page: the date added (µs since the epoch) and id of its last object.
fn encode_next(o: &DatedObject) -> String {
    format!("{}_{}", o.date_added.timestamp_micros(), o.id)
}

fn decode_next(v: &str) -> Taxii<(DateTime<Utc>, String)> {
    let bad = || TaxiiError::bad_request(format!("'{v}' is not a `next` this server gave"));
    let (micros, id) = v.split_once('_').ok_or_else(bad)?;
    let micros: i64 = micros.parse().map_err(|_| bad())?;
    let at = DateTime::from_timestamp_micros(micros).ok_or_else(bad)?;
    if id.is_empty() || !id.contains("--") {
        return Err(bad());
    }
    Ok((at, id.to_string()))
}

impl Selection {
    fn parse(pairs: Vec<(String, String)>, allowed: &[&str]) -> Taxii<Selection> {
        let mut s = Selection {
            limit: DEFAULT_LIMIT,
            ..Selection::default()
        };
        for (k, v) in pairs {
            if !allowed.contains(&k.as_str()) {
                return Err(TaxiiError::bad_request(format!(
                    "unknown parameter '{k}' (known here: {})",
                    allowed.join(", ")
                )));
            }
            match k.as_str() {
                "added_after" => s.added_after = Some(parse_time("added_after", &v)?),
                "limit" => {
                    let n: usize = v.parse().map_err(|_| {
                        TaxiiError::bad_request(format!("limit '{v}' is not a positive number"))
                    })?;
                    if n == 0 {
                        return Err(TaxiiError::bad_request("limit must be at least 1"));
                    }
                    s.limit = n.min(MAX_LIMIT);
                }
                "next" => s.next = Some(decode_next(&v)?),
                "match[id]" => s.ids = Some(list(&v)),
                "match[type]" => s.types = Some(list(&v)),
                "match[version]" => {
                    let vs = list(&v);
                    for x in &vs {
                        if !matches!(x.as_str(), "last" | "first" | "all") {
                            parse_time("match[version]", x)?;
                        }
                    }
                    s.versions = Some(vs);
                }
                "match[spec_version]" => s.spec_versions = Some(list(&v)),
                _ => {}
            }
        }
        Ok(s)
    }

    fn admits(&self, o: &DatedObject) -> bool {
        if self.added_after.is_some_and(|t| o.date_added <= t) {
            return false;
        }
        if let Some((at, id)) = &self.next {
            if (o.date_added, &o.id) <= (*at, id) {
                return false;
            }
        }
        if self.ids.as_ref().is_some_and(|ids| !ids.contains(&o.id)) {
            return false;
        }
        if self
            .types
            .as_ref()
            .is_some_and(|t| !t.contains(&o.object_type))
        {
            return false;
        }
        if let Some(vs) = &self.versions {
            let version = DateTime::parse_from_rfc3339(&o.version).ok();
            let ok = vs.iter().any(|v| match v.as_str() {
                "last" | "first" | "all" => true,
                t => DateTime::parse_from_rfc3339(t)
                    .ok()
                    .is_some_and(|t| Some(t) == version),
            });
            if !ok {
                return false;
            }
        }
        let spec = o
            .object
            .get("spec_version")
            .and_then(Value::as_str)
            .unwrap_or("2.1");
        if self
            .spec_versions
            .as_ref()
            .is_some_and(|s| !s.iter().any(|v| v == spec))
        {
            return false;
        }
        true
    }

    /// One page of what is admitted, and whether more follow.
    fn page<'a>(&self, all: &'a [DatedObject]) -> (Vec<&'a DatedObject>, bool) {
        let mut page = Vec::new();
        let mut more = false;
        for o in all.iter().filter(|o| self.admits(o)) {
            if page.len() == self.limit {
                more = true;
                break;
            }
            page.push(o);
        }
        (page, more)
    }
}

/// A page's body with the date-added headers (present when the page is not empty).
fn paged(page: &[&DatedObject], body: Value) -> Response {
    let mut res = taxii_json(StatusCode::OK, &body);
    if let (Some(first), Some(last)) = (page.first(), page.last()) {
        for (name, o) in [
            ("x-taxii-date-added-first", first),
            ("x-taxii-date-added-last", last),
        ] {
            if let Ok(v) = HeaderValue::from_str(&taxii_time(o.date_added)) {
                res.headers_mut().insert(HeaderName::from_static(name), v);
            }
        }
    }
    res
}

/// `{more, next, objects}`: `objects` and `next` only when there are objects and more.
fn envelope(page: &[&DatedObject], more: bool, key: &str, items: Vec<Value>) -> Value {
    let mut body = json!({ "more": more });
    if more {
        if let Some(last) = page.last() {
            body["next"] = json!(encode_next(last));
        }
    }
    if !items.is_empty() {
        body[key] = Value::Array(items);
    }
    body
}

type Params = Result<Query<Vec<(String, String)>>, QueryRejection>;

fn pairs(q: Params) -> Taxii<Vec<(String, String)>> {
    q.map(|Query(v)| v)
        .map_err(|e| TaxiiError::bad_request(e.body_text()))
}

const OBJECTS_PARAMS: &[&str] = &[
    "added_after",
    "limit",
    "next",
    "match[id]",
    "match[type]",
    "match[version]",
    "match[spec_version]",
];

async fn objects(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    q: Params,
) -> Taxii {
    admit(&st, &headers).await?;
    check_collection(&id)?;
    let sel = Selection::parse(pairs(q)?, OBJECTS_PARAMS)?;
    let all = contents(&st).await?;
    let (page, more) = sel.page(&all);
    let items = page.iter().map(|o| o.object.clone()).collect();
    Ok(paged(&page, envelope(&page, more, "objects", items)))
}

async fn manifest(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    q: Params,
) -> Taxii {
    admit(&st, &headers).await?;
    check_collection(&id)?;
    let sel = Selection::parse(pairs(q)?, OBJECTS_PARAMS)?;
    let all = contents(&st).await?;
    let (page, more) = sel.page(&all);
    let items = page
        .iter()
        .map(|o| {
            json!({
                "id": o.id,
                "date_added": taxii_time(o.date_added),
                "version": o.version,
                "media_type": STIX,
            })
        })
        .collect();
    Ok(paged(&page, envelope(&page, more, "objects", items)))
}

/// The versions of one object the selection admits; 404 when the collection has no such
/// object at all.
async fn one_object(
    st: &Shared,
    id: &str,
    object: &str,
    q: Params,
    allowed: &[&str],
) -> Taxii<(Arc<Vec<DatedObject>>, Selection)> {
    check_collection(id)?;
    let mut sel = Selection::parse(pairs(q)?, allowed)?;
    let all = contents(st).await?;
    if !all.iter().any(|o| o.id == object) {
        return Err(TaxiiError::not_found(format!(
            "the collection has no object '{object}'"
        )));
    }
    sel.ids = Some(vec![object.to_string()]);
    Ok((all, sel))
}

async fn object(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path((id, object)): Path<(String, String)>,
    q: Params,
) -> Taxii {
    admit(&st, &headers).await?;
    let allowed = &[
        "added_after",
        "limit",
        "next",
        "match[version]",
        "match[spec_version]",
    ];
    let (all, sel) = one_object(&st, &id, &object, q, allowed).await?;
    let (page, more) = sel.page(&all);
    let items = page.iter().map(|o| o.object.clone()).collect();
    Ok(paged(&page, envelope(&page, more, "objects", items)))
}

async fn versions(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path((id, object)): Path<(String, String)>,
    q: Params,
) -> Taxii {
    admit(&st, &headers).await?;
    let allowed = &["added_after", "limit", "next", "match[spec_version]"];
    let (all, sel) = one_object(&st, &id, &object, q, allowed).await?;
    let (page, more) = sel.page(&all);
    let items = page.iter().map(|o| json!(o.version)).collect();
    Ok(paged(&page, envelope(&page, more, "versions", items)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(micros: i64, id: &str, ty: &str) -> DatedObject {
        DatedObject {
            id: id.to_string(),
            object_type: ty.to_string(),
            date_added: DateTime::from_timestamp_micros(micros).unwrap(),
            version: "2025-09-01T00:00:00.000Z".to_string(),
            object: json!({"id": id, "type": ty, "spec_version": "2.1"}),
        }
    }

    fn sel(pairs: &[(&str, &str)]) -> Taxii<Selection> {
        Selection::parse(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            OBJECTS_PARAMS,
        )
    }

    #[test]
    fn accept_headers() {
        let h = |s: &'static str| HeaderValue::from_static(s);
        assert!(accepts_taxii(None));
        for ok in [
            "application/taxii+json;version=2.1",
            "application/taxii+json; version=2.1",
            "application/taxii+json",
            "text/html, */*;q=0.8",
            "application/*",
        ] {
            assert!(accepts_taxii(Some(&h(ok))), "{ok}");
        }
        for no in [
            "application/taxii+json;version=2.0",
            "text/html",
            "application/json",
        ] {
            assert!(!accepts_taxii(Some(&h(no))), "{no}");
        }
    }

    #[test]
    fn pages_follow_next_and_filters_combine() {
        let all = vec![
            obj(10, "identity--a", "identity"),
            obj(10, "incident--b", "incident"),
            obj(20, "incident--c", "incident"),
            obj(30, "note--d", "note"),
        ];
        let s = sel(&[("limit", "2")]).unwrap();
        let (p1, more) = s.page(&all);
        assert!(more);
        assert_eq!(p1.len(), 2);
        let next = encode_next(p1[1]);
        let s = sel(&[("limit", "2"), ("next", &next)]).unwrap();
        let (p2, more) = s.page(&all);
        assert!(!more);
        let ids: Vec<&str> = p1.iter().chain(&p2).map(|o| o.id.as_str()).collect();
        assert_eq!(
            ids,
            ["identity--a", "incident--b", "incident--c", "note--d"]
        );
        // added_after is strict; types and ids narrow.
        let after = taxii_time(DateTime::from_timestamp_micros(10).unwrap());
        let s = sel(&[("added_after", &after), ("match[type]", "incident,note")]).unwrap();
        let ids: Vec<&str> = s.page(&all).0.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["incident--c", "note--d"]);
        let s = sel(&[("match[id]", "note--d"), ("match[spec_version]", "2.1")]).unwrap();
        assert_eq!(s.page(&all).0.len(), 1);
        let s = sel(&[("match[spec_version]", "2.0")]).unwrap();
        assert!(s.page(&all).0.is_empty());
        let s = sel(&[("match[version]", "2025-09-01T00:00:00Z")]).unwrap();
        assert_eq!(s.page(&all).0.len(), 4);
        let s = sel(&[("match[version]", "2025-09-02T00:00:00Z")]).unwrap();
        assert!(s.page(&all).0.is_empty());
    }

    #[test]
    fn bad_parameters_are_refused() {
        for bad in [
            ("limit", "0"),
            ("limit", "-1"),
            ("added_after", "yesterday"),
            ("next", "abc"),
            ("next", "12_"),
            ("match[version]", "newest"),
            ("match[colour]", "red"),
        ] {
            let e = sel(&[bad]).unwrap_err();
            assert_eq!(e.status, StatusCode::BAD_REQUEST, "{bad:?}");
        }
        // An oversized limit is cut to the server's largest page.
        assert_eq!(sel(&[("limit", "99999")]).unwrap().limit, MAX_LIMIT);
    }
}
