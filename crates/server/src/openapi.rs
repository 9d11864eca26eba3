//! The OpenAPI 3.1 document served at `/api/v1/openapi.json`, written out by hand from one table
//! of operations (method, path, summary, role, parameters, body, answer) so it stays small and
//! readable; `tests/http.rs` checks that it lists every route in `api::ROUTES`.

use serde_json::{json, Map, Value};

struct Op {
    method: &'static str,
    path: &'static str,
    summary: &'static str,
    /// The least role allowed (`viewer`, `analyst`, `admin`).
    role: &'static str,
    /// Query parameters: (name, type, description).
    query: &'static [(&'static str, &'static str, &'static str)],
    /// A JSON request body schema name, `binary` for raw bytes, or "".
    body: &'static str,
    /// The schema of a successful answer ("" for none).
    answer: &'static str,
    success: u16,
}

const LIST: &[(&str, &str, &str)] = &[
    (
        "cause",
        "string",
        "a cause label (unauthorized_access, ransomware, …)",
    ),
    ("since", "string", "first reported on or after YYYY-MM-DD"),
    ("until", "string", "first reported on or before YYYY-MM-DD"),
    (
        "org",
        "string",
        "substring of the organisation name or an alias",
    ),
    ("card", "boolean", "only card-data leaks"),
    ("limit", "integer", "page size (1-500, default 50)"),
    ("cursor", "string", "next_cursor of the previous page"),
];

const OPS: &[Op] = &[
    Op { method: "get", path: "/api/v1/incidents", summary: "List incidents, newest first, in pages", role: "viewer", query: LIST, body: "", answer: "IncidentPage", success: 200 },
    Op { method: "get", path: "/api/v1/incidents/{id}", summary: "One incident: every field, evidence, sources, timeline, conflicts, audit, PPC assessment and checklists", role: "viewer", query: &[], body: "", answer: "IncidentDetail", success: 200 },
    Op { method: "post", path: "/api/v1/incidents/{id}/corrections", summary: "Correct (or confirm) a field; audited with the account name", role: "analyst", query: &[], body: "Correction", answer: "IncidentDetail", success: 200 },
    Op { method: "post", path: "/api/v1/incidents/{id}/merge", summary: "Merge another incident into this one (audited)", role: "analyst", query: &[], body: "Merge", answer: "IncidentDetail", success: 200 },
    Op { method: "post", path: "/api/v1/incidents/{id}/split", summary: "Move one source document into a new incident (audited)", role: "analyst", query: &[], body: "Split", answer: "Split", success: 201 },
    Op { method: "get", path: "/api/v1/search", summary: "Full-text search over stored documents", role: "viewer", query: &[("q", "string", "the words to find (at most 200 characters)"), ("limit", "integer", "1-200, default 20")], body: "", answer: "SearchResult", success: 200 },
    Op { method: "get", path: "/api/v1/report", summary: "The monthly (or yearly) report as JSON, Markdown or HTML", role: "viewer", query: &[("month", "string", "YYYY-MM"), ("year", "string", "YYYY"), ("format", "string", "json (default), md or html"), ("lang", "string", "ja (default) or en"), ("taxonomy", "string", "column (default), leakwatch or survey"), ("top", "integer", "size of the worst list")], body: "", answer: "Report", success: 200 },
    Op { method: "get", path: "/api/v1/organizations", summary: "Organisations with their alias sets", role: "viewer", query: &[], body: "", answer: "Array", success: 200 },
    Op { method: "get", path: "/api/v1/organizations/{name}", summary: "One organisation's direct and indirect incidents and links", role: "viewer", query: &[], body: "", answer: "Object", success: 200 },
    Op { method: "get", path: "/api/v1/sources", summary: "Feeds and pages polled (URLs redacted)", role: "viewer", query: &[], body: "", answer: "Array", success: 200 },
    Op { method: "post", path: "/api/v1/sources", summary: "Add a feed or page", role: "admin", query: &[], body: "Source", answer: "Created", success: 201 },
    Op { method: "delete", path: "/api/v1/sources/{id}", summary: "Remove a source by id or name", role: "admin", query: &[], body: "", answer: "", success: 204 },
    Op { method: "get", path: "/api/v1/watchlists", summary: "Watchlist entries", role: "viewer", query: &[], body: "", answer: "Array", success: 200 },
    Op { method: "post", path: "/api/v1/watchlists", summary: "Add a watchlist entry", role: "analyst", query: &[], body: "WatchEntry", answer: "Created", success: 201 },
    Op { method: "delete", path: "/api/v1/watchlists/{id}", summary: "Remove a watchlist entry", role: "analyst", query: &[], body: "", answer: "", success: 204 },
    Op { method: "get", path: "/api/v1/alerts", summary: "Alerts raised for watched organisations, newest first", role: "viewer", query: &[("unread", "boolean", "only unread alerts")], body: "", answer: "Array", success: 200 },
    Op { method: "post", path: "/api/v1/alerts/read", summary: "Mark alerts read", role: "analyst", query: &[], body: "AlertIds", answer: "Object", success: 200 },
    Op { method: "post", path: "/api/v1/documents", summary: "Upload a document (raw bytes), ingested like a file of that name", role: "analyst", query: &[("name", "string", "file name: its stem is the document id, its extension the type (.txt .html .md)")], body: "binary", answer: "Upload", success: 201 },
    Op { method: "get", path: "/api/v1/review", summary: "Field values below the review threshold", role: "viewer", query: &[], body: "", answer: "Array", success: 200 },
    Op { method: "get", path: "/api/v1/audit", summary: "The audit log of analyst changes", role: "viewer", query: &[], body: "", answer: "Array", success: 200 },
    Op { method: "get", path: "/api/v1/accounts", summary: "Accounts (no password hashes)", role: "admin", query: &[], body: "", answer: "Array", success: 200 },
    Op { method: "post", path: "/api/v1/accounts", summary: "Create an account", role: "admin", query: &[], body: "Account", answer: "Created", success: 201 },
    Op { method: "delete", path: "/api/v1/accounts/{name}", summary: "Remove an account and its tokens", role: "admin", query: &[], body: "", answer: "", success: 204 },
    Op { method: "get", path: "/api/v1/openapi.json", summary: "This document", role: "viewer", query: &[], body: "", answer: "Object", success: 200 },
];

fn schemas() -> Value {
    let obj = |props: Value, required: &[&str]| json!({"type": "object", "properties": props, "required": required});
    json!({
        "Error": obj(json!({"error": {"type": "string"}, "detail": {"type": "string"}}), &["error", "detail"]),
        "IncidentSummary": obj(json!({
            "id": {"type": "integer"}, "organization": {"type": "string"}, "cause": {"type": "string"},
            "affected": {"type": ["object", "null"]}, "card_data": {"type": "boolean"},
            "confirmed": {"type": "boolean"}, "reported_on": {"type": ["string", "null"], "format": "date"},
            "sources": {"type": "integer"}}), &["id", "organization", "cause"]),
        "IncidentPage": obj(json!({
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/IncidentSummary"}},
            "next_cursor": {"type": ["string", "null"]}}), &["items", "next_cursor"]),
        "IncidentDetail": obj(json!({
            "id": {"type": "integer"}, "organization": {"type": "string"}, "aliases": {"type": "array"},
            "related": {"type": "array"}, "cause": {"type": "string"}, "affected": {"type": ["object", "null"]},
            "data_types": {"type": "array"}, "card_data": {"type": "boolean"}, "confirmed": {"type": "boolean"},
            "dates": {"type": "object"}, "attacker": {"type": ["string", "null"]},
            "regulator_action": {"type": ["string", "null"]}, "reported_on": {"type": ["string", "null"]},
            "evidence": {"type": "array"}, "sources": {"type": "array"}, "timeline": {"type": "array"},
            "conflicts": {"type": "array"}, "audit": {"type": "array"}, "assessment": {"type": "object"},
            "checklists": {"type": "array"}}), &["id", "organization", "evidence", "sources"]),
        "Correction": obj(json!({"field": {"type": "string"}, "value": {"type": "string"}, "reason": {"type": "string"}}), &["field", "value"]),
        "Merge": obj(json!({"absorb": {"type": "integer"}, "reason": {"type": "string"}}), &["absorb"]),
        "Split": obj(json!({"document_key": {"type": "integer"}, "reason": {"type": "string"}}), &["document_key"]),
        "SearchResult": obj(json!({"query": {"type": "string"}, "hits": {"type": "array"}}), &["query", "hits"]),
        "Report": {"description": "docs/report.schema.json (JSON), or Markdown / HTML text"},
        "Source": obj(json!({"kind": {"enum": ["rss", "atom", "page"]}, "url": {"type": "string"}, "name": {"type": "string"}, "every": {"type": "string"}}), &["kind", "url"]),
        "WatchEntry": obj(json!({"name": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}}, "domains": {"type": "array", "items": {"type": "string"}}, "kind": {"enum": ["vendor", "service", "processor", "self"]}, "list": {"type": "string"}}), &["name"]),
        "AlertIds": obj(json!({"ids": {"type": "array", "items": {"type": "integer"}}}), &["ids"]),
        "Upload": obj(json!({"document_key": {"type": "integer"}, "new_document": {"type": "boolean"}, "created": {"type": "array"}, "merged": {"type": "array"}, "warnings": {"type": "array"}}), &["document_key", "new_document"]),
        "Account": obj(json!({"name": {"type": "string"}, "role": {"enum": ["viewer", "analyst", "admin"]}, "password": {"type": "string", "minLength": 8}}), &["name", "role", "password"]),
        "Created": obj(json!({"id": {"type": "integer"}}), &["id"]),
        "Array": {"type": "array"},
        "Object": {"type": "object"},
    })
}

fn error_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

fn operation(op: &Op) -> Value {
    let mut params: Vec<Value> = op
        .query
        .iter()
        .map(|(name, ty, desc)| json!({"name": name, "in": "query", "required": false, "description": desc, "schema": {"type": ty}}))
        .collect();
    for seg in op.path.split('/') {
        if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            params.push(
                json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}),
            );
        }
    }
    let mut responses = Map::new();
    let ok = if op.answer.is_empty() {
        json!({"description": "done"})
    } else {
        json!({"description": "success", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{}", op.answer)}}}})
    };
    responses.insert(op.success.to_string(), ok);
    responses.insert("400".into(), error_response("bad request"));
    responses.insert("401".into(), error_response("no or bad credentials"));
    responses.insert(
        "403".into(),
        error_response(&format!(
            "needs the {} role (or a CSRF token with a session)",
            op.role
        )),
    );
    if op.path.contains('{') {
        responses.insert("404".into(), error_response("not found"));
    }
    if op.method != "get" {
        responses.insert("413".into(), error_response("body too large"));
        responses.insert("422".into(), error_response("invalid value"));
    }
    let mut o = json!({
        "summary": op.summary,
        "operationId": format!("{}{}", op.method, op.path.replace(['/', '{', '}', '.'], "_")),
        "parameters": params,
        "responses": responses,
        "x-leakwatch-role": op.role,
    });
    let body = match op.body {
        "" => None,
        "binary" => Some(
            json!({"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}),
        ),
        name => Some(
            json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}}}),
        ),
    };
    if let (Some(b), Some(map)) = (body, o.as_object_mut()) {
        map.insert("requestBody".into(), b);
    }
    o
}

/// The document.
pub fn document() -> Value {
    let mut paths = Map::new();
    for op in OPS {
        let entry = paths
            .entry(op.path.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(m) = entry.as_object_mut() {
            m.insert(op.method.to_string(), operation(op));
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "leakwatch API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Information-leak incidents with evidence. Authenticate with `Authorization: Bearer TOKEN` (`leakwatch token create NAME`) or a session cookie plus `X-CSRF-Token` for writes. Errors are {error, detail}."
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}, {"session": []}],
        "paths": paths,
        "components": {
            "schemas": schemas(),
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": crate::auth::SESSION_COOKIE}
            }
        }
    })
}
