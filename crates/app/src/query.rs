//! Read-side use cases shared by the CLI and the server: incidents with their evidence for a
//! filter (the list-then-load loop `report` and `stats` used to hold), the inputs of a report,
//! and incident pages with an opaque cursor.

use crate::AppError;
use chrono::NaiveDate;
use leakwatch_model::{Incident, IncidentFilter, IncidentId, IncidentSummary, ListPosition};
use leakwatch_report::{monthly_trend, Period, ReportInput};
use leakwatch_store::Store;
use serde::Serialize;

/// Every incident matching `filter`, loaded with evidence and sources, in list order. An
/// incident merged away between the listing and its loading (another connection) is left out.
pub fn incidents(store: &dyn Store, filter: &IncidentFilter) -> Result<Vec<Incident>, AppError> {
    let ids: Vec<IncidentId> = store.list_incidents(filter)?.iter().map(|s| s.id).collect();
    Ok(store.incidents_by_id(&ids)?)
}

/// The first-report dates of incidents reported within `[from, to]`.
fn dates_between(
    store: &dyn Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<NaiveDate>, AppError> {
    Ok(store.reported_dates(from, to)?)
}

/// Everything a report of `period` needs: its incidents, the previous period's total and the
/// 12-month trend ending with it.
pub fn report_input(store: &dyn Store, period: Period) -> Result<ReportInput, AppError> {
    let filter = IncidentFilter {
        since: Some(period.from),
        until: Some(period.to),
        ..IncidentFilter::default()
    };
    let incidents = incidents(store, &filter)?;
    let previous = period.previous();
    let previous_total = dates_between(store, previous.from, previous.to)?.len() as u64;
    let months = period.trend_months(12);
    let trend = match (months.first(), months.last()) {
        (Some(first), Some(last)) => {
            monthly_trend(&period, &dates_between(store, first.from, last.to)?, 12)
        }
        _ => Vec::new(),
    };
    Ok(ReportInput {
        period,
        incidents,
        previous_total,
        trend,
    })
}

/// One page of the incident list.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentPage {
    pub items: Vec<IncidentSummary>,
    /// Give this as `cursor` to get the next page; None on the last page.
    pub next_cursor: Option<String>,
}

/// Largest page.
pub const MAX_PAGE: usize = 500;

/// A cursor names the last incident of the previous page; list order (newest first, then id)
/// is stable, so the next page starts right after it even when incidents were added since.
fn encode_cursor(s: &IncidentSummary) -> String {
    match s.reported_on {
        Some(d) => format!("{}_{}", d.format("%Y%m%d"), s.id),
        None => format!("n_{}", s.id),
    }
}

/// The sort key of a list entry: dated first, newest first, then by id.
fn sort_key(
    reported: Option<NaiveDate>,
    id: IncidentId,
) -> (bool, std::cmp::Reverse<Option<NaiveDate>>, IncidentId) {
    (reported.is_none(), std::cmp::Reverse(reported), id)
}

fn decode_cursor(cursor: &str) -> Result<(Option<NaiveDate>, IncidentId), AppError> {
    let bad = || {
        AppError::Store(leakwatch_store::StoreError::Invalid {
            message: "invalid cursor".to_string(),
        })
    };
    let (date, id) = cursor.split_once('_').ok_or_else(bad)?;
    let id = IncidentId(id.parse().map_err(|_| bad())?);
    let date = match date {
        "n" => None,
        d => Some(NaiveDate::parse_from_str(d, "%Y%m%d").map_err(|_| bad())?),
    };
    Ok((date, id))
}

/// Incidents matching `filter` (its `limit` ignored) after `cursor`, at most `limit`.
pub fn incident_page(
    store: &dyn Store,
    filter: &IncidentFilter,
    cursor: Option<&str>,
    limit: usize,
) -> Result<IncidentPage, AppError> {
    let limit = limit.clamp(1, MAX_PAGE);
    let after = cursor.map(decode_cursor).transpose()?;
    // The store reads only this page (keyset on its listing order), never every incident.
    let filter = IncidentFilter {
        limit: Some(limit + 1),
        after: after.map(|(reported_on, id)| ListPosition { reported_on, id }),
        ..filter.clone()
    };
    let mut items = store.list_incidents(&filter)?;
    debug_assert!(items
        .windows(2)
        .all(|w| sort_key(w[0].reported_on, w[0].id) < sort_key(w[1].reported_on, w[1].id)));
    let more = items.len() > limit;
    items.truncate(limit);
    let next_cursor = if more {
        items.last().map(encode_cursor)
    } else {
        None
    };
    Ok(IncidentPage { items, next_cursor })
}

/// One organisation by any of its names, with direct and indirect incidents.
pub fn organization_view(
    store: &dyn Store,
    name: &str,
) -> Result<leakwatch_model::OrganizationView, AppError> {
    Ok(store.organization(name, &leakwatch_resolve::Resolver)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let d = NaiveDate::from_ymd_opt(2025, 9, 12);
        assert_eq!(decode_cursor("20250912_7").unwrap(), (d, IncidentId(7)));
        assert_eq!(decode_cursor("n_3").unwrap(), (None, IncidentId(3)));
        for bad in ["", "x", "2025_1", "20250912_", "n_-x", "<script>_1"] {
            assert!(decode_cursor(bad).is_err(), "{bad}");
        }
        // Dated before undated, newer before older, then by id.
        assert!(sort_key(d, IncidentId(1)) < sort_key(None, IncidentId(0)));
        assert!(
            sort_key(d, IncidentId(5))
                < sort_key(NaiveDate::from_ymd_opt(2025, 9, 1), IncidentId(1))
        );
        assert!(sort_key(d, IncidentId(1)) < sort_key(d, IncidentId(2)));
    }
}
