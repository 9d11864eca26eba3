//! Owns the facts one document's incidents share after assembly: a processor's leak and its
//! clients' leaks (委託先 / 委託元) are one event, so the cause, whether it is confirmed, the
//! attacker, payment-card exposure and the dates stated for one hold for the other. The text
//! usually states them once, in the block of whichever it speaks of most; each incident that
//! lacks a fact takes it from its partner. Values an incident has of its own are kept, and
//! counts and data types stay per incident (each client's data is its own part of the whole).
//! Reads only the assembled incidents; never the text.

use crate::org::core_name;
use leakwatch_model::{CandidateIncident, DateKind, Field, RelationRole, TraceNote};

/// Confidence of a fact taken from the partner, relative to the partner's own.
const SHARED_CONFIDENCE: f32 = 0.9;

/// Fills, for each processor–client pair among `incidents`, what one states and the other lacks.
pub fn share_processor_facts(incidents: &mut [CandidateIncident], trace: &mut Vec<TraceNote>) {
    let cores: Vec<String> = incidents
        .iter()
        .map(|i| core_name(&i.organization.value))
        .collect();
    let mut pairs = Vec::new();
    for (ci, client) in incidents.iter().enumerate() {
        for rel in &client.related {
            if rel.value.role != RelationRole::Processor {
                continue;
            }
            let core = core_name(&rel.value.name);
            if let Some(pi) = (0..incidents.len()).find(|&pi| pi != ci && cores[pi] == core) {
                pairs.push((ci, pi));
            }
        }
    }
    for (ci, pi) in pairs {
        for (to, from) in [(ci, pi), (pi, ci)] {
            let (target, source) = pair_mut(incidents, to, from);
            let taken = fill_from(target, source, to == ci);
            if !taken.is_empty() {
                trace.push(TraceNote {
                    incident: Some(to),
                    field: "shared".into(),
                    message: format!(
                        "{} taken from {} (processor and client of one leak)",
                        taken.join(", "),
                        source.organization.value
                    ),
                });
            }
        }
    }
}

/// Incident `to` to write and incident `from` to read (`to != from`).
fn pair_mut(
    incidents: &mut [CandidateIncident],
    to: usize,
    from: usize,
) -> (&mut CandidateIncident, &CandidateIncident) {
    if to < from {
        let (head, tail) = incidents.split_at_mut(from);
        (&mut head[to], &tail[0])
    } else {
        let (head, tail) = incidents.split_at_mut(to);
        (&mut tail[0], &head[from])
    }
}

/// Copies into `to` each fact it lacks and `from` states; returns the names of those copied.
/// `to_is_client`: `to` is the client and `from` its processor.
fn fill_from(
    to: &mut CandidateIncident,
    from: &CandidateIncident,
    to_is_client: bool,
) -> Vec<&'static str> {
    let mut taken = Vec::new();
    if take(&mut to.cause, &from.cause, "cause.shared_with_partner") {
        taken.push("cause");
    }
    if take(
        &mut to.confirmed,
        &from.confirmed,
        "confirmed.shared_with_partner",
    ) {
        taken.push("confirmed");
    }
    if take(
        &mut to.card_data,
        &from.card_data,
        "card_data.shared_with_partner",
    ) {
        taken.push("card_data");
    }
    if take(
        &mut to.attacker,
        &from.attacker,
        "attacker.shared_with_partner",
    ) {
        taken.push("attacker");
    }
    for kind in DateKind::SCHEMA.iter().copied() {
        if to.dates.iter().any(|d| d.value.kind == kind) {
            continue;
        }
        if let Some(d) = from.dates.iter().find(|d| d.value.kind == kind) {
            to.dates.push(shared(d, "date.shared_with_partner"));
            taken.push("a date");
        }
    }
    // A client's data is part of what the processor held: a client whose block names none
    // lost the kinds the processor names.
    if to_is_client && to.data_types.is_empty() && !from.data_types.is_empty() {
        to.data_types = from
            .data_types
            .iter()
            .map(|t| shared(t, "datatype.shared_with_processor"))
            .collect();
        taken.push("data types");
    }
    taken.dedup();
    taken
}

fn take<T: Clone>(to: &mut Option<Field<T>>, from: &Option<Field<T>>, rule: &str) -> bool {
    match (&to, from) {
        (None, Some(f)) => {
            *to = Some(shared(f, rule));
            true
        }
        _ => false,
    }
}

fn shared<T: Clone>(f: &Field<T>, rule: &str) -> Field<T> {
    Field::new(
        f.value.clone(),
        f.confidence * SHARED_CONFIDENCE,
        rule,
        f.evidence.clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use leakwatch_model::{Cause, DatedEvent, RelatedOrg};

    fn incident(name: &str) -> CandidateIncident {
        CandidateIncident::new(Field::new(name.to_string(), 0.9, "test", None))
    }

    fn date(kind: DateKind, d: &str) -> Field<DatedEvent> {
        let date = NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("test date");
        Field::new(DatedEvent { kind, date }, 0.8, "test", None)
    }

    fn processor_case() -> Vec<CandidateIncident> {
        let mut printer = incident("株式会社サンプル印刷");
        printer.cause = Some(Field::new(Cause::Ransomware, 0.9, "test", None));
        printer.confirmed = Some(Field::new(true, 0.8, "test", None));
        printer.dates.push(date(DateKind::Occurred, "2024-05-02"));
        printer
            .dates
            .push(date(DateKind::ReportedPpc, "2024-05-09"));
        let mut town = incident("みどり町");
        town.related.push(Field::new(
            RelatedOrg {
                name: "サンプル印刷".into(),
                role: RelationRole::Processor,
            },
            0.7,
            "test",
            None,
        ));
        town.dates.push(date(DateKind::Disclosed, "2024-05-20"));
        let bystander = incident("あおば市");
        vec![printer, town, bystander]
    }

    #[test]
    fn client_and_processor_fill_each_other() {
        let mut incidents = processor_case();
        let mut trace = Vec::new();
        share_processor_facts(&mut incidents, &mut trace);
        let town = &incidents[1];
        assert_eq!(
            town.cause.as_ref().map(|c| c.value),
            Some(Cause::Ransomware)
        );
        assert_eq!(town.confirmed.as_ref().map(|c| c.value), Some(true));
        let kinds: Vec<DateKind> = town.dates.iter().map(|d| d.value.kind).collect();
        assert!(kinds.contains(&DateKind::Occurred) && kinds.contains(&DateKind::ReportedPpc));
        // The client's own announcement date is the processor's too.
        assert!(incidents[0]
            .dates
            .iter()
            .any(|d| d.value.kind == DateKind::Disclosed));
        assert!(!trace.is_empty());
    }

    #[test]
    fn own_values_and_unrelated_incidents_are_kept() {
        let mut incidents = processor_case();
        incidents[1].cause = Some(Field::new(Cause::Misdelivery, 0.6, "test", None));
        let mut trace = Vec::new();
        share_processor_facts(&mut incidents, &mut trace);
        assert_eq!(
            incidents[1].cause.as_ref().map(|c| c.value),
            Some(Cause::Misdelivery)
        );
        let bystander = &incidents[2];
        assert!(bystander.cause.is_none() && bystander.dates.is_empty());
    }
}
