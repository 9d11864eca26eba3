//! An incident's timeline: every dated event any source states, plus each source's own
//! publication, in date order, each with the document it came from.

use leakwatch_model::{DateKind, KnownSource, TimelineEvent};

/// Builds the timeline of an incident from its sources.
pub fn build_timeline(sources: &[KnownSource]) -> Vec<TimelineEvent> {
    let mut events: Vec<TimelineEvent> = Vec::new();
    for s in sources {
        if let Some(date) = s.published {
            events.push(TimelineEvent {
                date,
                kind: "report".to_string(),
                description: format!("report published ({})", s.doc_id),
                document_key: s.document_key,
                doc_id: s.doc_id.clone(),
            });
        }
        for d in &s.candidate.dates {
            // A `reported` date equal to the source's own publication is already its `report`.
            if d.value.kind == DateKind::Reported && Some(d.value.date) == s.published {
                continue;
            }
            let description = d
                .evidence
                .as_ref()
                .map(|e| e.sentence.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default();
            let event = TimelineEvent {
                date: d.value.date,
                kind: d.value.kind.as_str().to_string(),
                description,
                document_key: s.document_key,
                doc_id: s.doc_id.clone(),
            };
            // The same event stated by two sources is listed once per source, but never twice
            // from one source.
            if !events.iter().any(|e| {
                e.date == event.date && e.kind == event.kind && e.document_key == event.document_key
            }) {
                events.push(event);
            }
        }
    }
    // Stable: same-day events keep source order, and a report sorts after what it reports.
    events.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| (a.kind == "report").cmp(&(b.kind == "report")))
    });
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use leakwatch_model::{CandidateIncident, DatedEvent, DocId, Field};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    #[test]
    fn events_from_all_sources_in_date_order() {
        let mut first = CandidateIncident::new(Field::new("北浜物流".into(), 0.9, "t", None));
        first.dates.push(Field::new(
            DatedEvent {
                kind: DateKind::Detected,
                date: d(9, 3),
            },
            0.9,
            "t",
            None,
        ));
        first.dates.push(Field::new(
            DatedEvent {
                kind: DateKind::ServiceStopped,
                date: d(9, 3),
            },
            0.9,
            "t",
            None,
        ));
        let mut second = CandidateIncident::new(Field::new("北浜物流".into(), 0.9, "t", None));
        second.dates.push(Field::new(
            DatedEvent {
                kind: DateKind::ReportedPolice,
                date: d(9, 4),
            },
            0.9,
            "t",
            None,
        ));
        second.dates.push(Field::new(
            DatedEvent {
                kind: DateKind::ServiceRestored,
                date: d(10, 1),
            },
            0.9,
            "t",
            None,
        ));
        let sources = vec![
            KnownSource {
                document_key: 1,
                doc_id: DocId::from("first"),
                published: Some(d(9, 5)),
                candidate: first,
            },
            KnownSource {
                document_key: 2,
                doc_id: DocId::from("second"),
                published: Some(d(10, 2)),
                candidate: second,
            },
        ];
        let kinds: Vec<(NaiveDate, String)> = build_timeline(&sources)
            .into_iter()
            .map(|e| (e.date, e.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (d(9, 3), "detected".to_string()),
                (d(9, 3), "service_stopped".to_string()),
                (d(9, 4), "reported_police".to_string()),
                (d(9, 5), "report".to_string()),
                (d(10, 1), "service_restored".to_string()),
                (d(10, 2), "report".to_string()),
            ]
        );
    }
}
