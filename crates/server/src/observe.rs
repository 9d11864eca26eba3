//! Request logging, Prometheus metrics and the security headers every response carries.
//!
//! One log line per request on stderr: time, client, method, path (without the query, which can
//! hold search terms), status, duration. Metrics count requests by method, matched route and
//! status, and add up their durations per route.

use crate::state::Shared;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Instant;

/// The content security policy of every page: no inline script or style, nothing from other
/// origins, no framing.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                       connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The policy of the self-contained HTML report (its CSS is inline; it has no script at all).
pub const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                              frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

#[derive(Default)]
struct Counters {
    /// (method, route, status) → count
    requests: BTreeMap<(String, String, u16), u64>,
    /// route → (count, seconds)
    durations: BTreeMap<String, (u64, f64)>,
}

/// Request counters.
#[derive(Default)]
pub struct Metrics {
    counters: Mutex<Counters>,
}

impl Metrics {
    fn record(&self, method: &str, route: &str, status: u16, secs: f64) {
        let mut c = match self.counters.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        *c.requests
            .entry((method.to_string(), route.to_string(), status))
            .or_insert(0) += 1;
        let d = c.durations.entry(route.to_string()).or_insert((0, 0.0));
        d.0 += 1;
        d.1 += secs;
    }

    /// The Prometheus text exposition, with the store's row counts as gauges.
    pub fn render(&self, counts: Option<leakwatch_store::StoreCounts>) -> String {
        let c = match self.counters.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let mut s = String::new();
        s.push_str("# HELP leakwatch_http_requests_total HTTP requests by method, route and status.\n# TYPE leakwatch_http_requests_total counter\n");
        for ((m, r, st), n) in &c.requests {
            let _ = writeln!(
                s,
                "leakwatch_http_requests_total{{method=\"{m}\",route=\"{}\",status=\"{st}\"}} {n}",
                label(r)
            );
        }
        s.push_str("# HELP leakwatch_http_request_duration_seconds Time spent answering, by route.\n# TYPE leakwatch_http_request_duration_seconds summary\n");
        for (r, (n, secs)) in &c.durations {
            let _ = writeln!(
                s,
                "leakwatch_http_request_duration_seconds_sum{{route=\"{}\"}} {secs:.6}",
                label(r)
            );
            let _ = writeln!(
                s,
                "leakwatch_http_request_duration_seconds_count{{route=\"{}\"}} {n}",
                label(r)
            );
        }
        if let Some(counts) = counts {
            for (name, v, help) in [
                ("leakwatch_documents", counts.documents, "Stored documents."),
                ("leakwatch_incidents", counts.incidents, "Stored incidents."),
                (
                    "leakwatch_sources",
                    counts.sources,
                    "Incident-document links.",
                ),
            ] {
                let _ = writeln!(s, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {v}");
            }
        }
        s
    }
}

/// A Prometheus label value: backslash, quote and newline escaped.
fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The route template that answered (set by [`tag_route`], read by [`middleware`]).
#[derive(Clone)]
pub struct RouteTag(pub String);

/// Runs after routing: records which route template matched in the response.
pub async fn tag_route(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    let mut response = next.run(req).await;
    if let Some(r) = route {
        response.extensions_mut().insert(RouteTag(r));
    }
    response
}

/// Logs and counts each request, and adds the security headers.
pub async fn middleware(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().to_string();
    let path = leakwatch_model::hygiene::terminal_safe(req.uri().path(), false);
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "-".to_string(), |c| c.0.ip().to_string());
    let mut response = next.run(req).await;
    let secs = started.elapsed().as_secs_f64();
    // Unmatched paths share one label, so a scanner cannot grow the metrics without bound.
    let route = response
        .extensions()
        .get::<RouteTag>()
        .map_or_else(|| "unmatched".to_string(), |m| m.0.clone());
    let status = response.status().as_u16();
    state.metrics.record(&method, &route, status, secs);
    if state.config.log_requests {
        eprintln!(
            "{} {client} {method} {path} {status} {:.1}ms",
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            secs * 1000.0
        );
    }
    let h = response.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_render_counts_and_escape_labels() {
        let m = Metrics::default();
        m.record("GET", "/api/v1/incidents", 200, 0.5);
        m.record("GET", "/api/v1/incidents", 200, 0.25);
        m.record("GET", "a\"b", 404, 0.0);
        let text = m.render(Some(leakwatch_store::StoreCounts {
            documents: 3,
            incidents: 2,
            sources: 4,
        }));
        assert!(text.contains(
            "leakwatch_http_requests_total{method=\"GET\",route=\"/api/v1/incidents\",status=\"200\"} 2"
        ));
        assert!(text.contains("route=\"a\\\"b\""));
        assert!(text.contains(
            "leakwatch_http_request_duration_seconds_sum{route=\"/api/v1/incidents\"} 0.750000"
        ));
        assert!(text.contains("leakwatch_incidents 2"));
    }
}
