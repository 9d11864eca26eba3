//! `/feed.atom`: the newest incidents as an Atom feed, optionally only one cause
//! (`?cause=ransomware`) or only organisations on one watchlist (`?watchlist=NAME`, accounts
//! only: watchlists are internal). Public when `public = true`, else for signed-in viewers and
//! tokens. Every text is XML-escaped.

use crate::api::parse_cause;
use crate::auth::authenticate;
use crate::error::ApiError;
use crate::state::{db, Shared};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use leakwatch_model::{IncidentFilter, IncidentSummary};
use serde::Deserialize;
use std::fmt::Write;

#[derive(Deserialize)]
pub struct FeedQuery {
    cause: Option<String>,
    watchlist: Option<String>,
}

/// Entries in the feed.
const ENTRIES: usize = 50;

fn xml(s: &str) -> String {
    leakwatch_report::svg::escape(s)
}

pub async fn atom(
    State(st): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<FeedQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let auth = authenticate(&st, &headers).await?;
    if auth.principal().is_none() && !st.config.public {
        return Err(ApiError::unauthorized());
    }
    let q = crate::api::query(q)?;
    let cause = parse_cause(q.cause.as_deref())?;
    let watchlist = q.watchlist.filter(|w| !w.is_empty());
    // Who is on a watchlist is internal: even a public feed filters by it only for accounts.
    if watchlist.is_some() && auth.principal().is_none() {
        return Err(ApiError::unauthorized());
    }
    let items = db(&st, move |d| {
        let filter = IncidentFilter {
            cause,
            limit: if watchlist.is_some() {
                None
            } else {
                Some(ENTRIES)
            },
            ..IncidentFilter::default()
        };
        let all = d.as_store().list_incidents(&filter)?;
        let Some(list) = watchlist else {
            return Ok(all);
        };
        // Organisations on the list, by the same name keys resolution compares.
        let keys: Vec<String> = leakwatch_app::alerts::watch_entries(d.as_watch())?
            .into_iter()
            .filter(|e| e.list == list)
            .flat_map(|e| std::iter::once(e.name).chain(e.aliases))
            .map(|n| leakwatch_store::org_key(&n))
            .filter(|k| !k.is_empty())
            .collect();
        Ok(all
            .into_iter()
            .filter(|s| keys.contains(&leakwatch_store::org_key(&s.organization)))
            .take(ENTRIES)
            .collect())
    })
    .await?;
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        render(&items),
    )
        .into_response())
}

fn render(items: &[IncidentSummary]) -> String {
    let updated = items
        .iter()
        .find_map(|s| s.reported_on)
        .map_or_else(|| "1970-01-01".to_string(), |d| d.to_string());
    let mut s = String::new();
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <title>leakwatch</title><id>urn:leakwatch:incidents</id><updated>{updated}T00:00:00Z</updated>\
         <link rel=\"self\" href=\"/feed.atom\"/>"
    );
    for i in items {
        let date = i
            .reported_on
            .map_or_else(|| updated.clone(), |d| d.to_string());
        let affected = i
            .affected
            .as_ref()
            .map_or_else(|| "-".to_string(), |a| a.to_string());
        let _ = write!(
            s,
            "<entry><id>urn:leakwatch:incident:{id}</id><title>{title}</title>\
             <updated>{date}T00:00:00Z</updated><link href=\"/incidents/{id}\"/>\
             <category term=\"{cause}\"/><summary>{summary}</summary></entry>",
            id = i.id,
            title = xml(&format!("{} — {}", i.organization, i.cause)),
            cause = xml(i.cause.as_str()),
            summary = xml(&format!("{}: {} ({affected})", i.organization, i.cause)),
        );
    }
    s.push_str("</feed>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_model::{Cause, IncidentId};

    #[test]
    fn feed_escapes_names() {
        let item = IncidentSummary {
            id: IncidentId(1),
            organization: "<script>alert(1)</script>\"><img src=x onerror=y>".into(),
            cause: Cause::Ransomware,
            affected: None,
            card_data: false,
            confirmed: false,
            reported_on: None,
            sources: 1,
        };
        let x = render(&[item]);
        assert!(!x.contains("<script>") && !x.contains("<img"), "{x}");
        assert!(x.contains("&lt;script&gt;"));
    }
}
