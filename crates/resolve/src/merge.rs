//! Merge rules as data: how each field's headline value is chosen from the values every source
//! stated, how analyst corrections override them, and where sources disagree.

use crate::ResolveError;
use chrono::NaiveDate;
use leakwatch_model::{
    CandidateIncident, Correction, CountQualifier, DataType, DateKind, DocId, IncidentRecord,
};
use serde::Serialize;

/// How a field's headline value is chosen from its stated values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeRule {
    /// The most complete name: one with a legal form, else the longest.
    MostCompleteName,
    /// Every value any source stated, first-seen order.
    Union,
    /// The most specific cause (ransomware over unauthorized_access over unknown); ties go to
    /// the value stated by more sources, then the later source.
    MostSpecificCause,
    /// The largest count from a source that states the leak as confirmed, else the largest
    /// stated; its qualifier and unit come with it.
    LargestConfirmedElseLargest,
    /// The earliest date any source states.
    Earliest,
    /// True if any source says so.
    AnyTrue,
    /// The value stated by the earliest source that states one.
    FirstStated,
    /// The value stated by the latest source that states one.
    LatestStated,
    /// The largest amount.
    Largest,
}

/// The rule for every schema field — the single place merge behaviour is defined (also
/// printed in `show --json` consumers' docs and ARCHITECTURE.md).
pub const MERGE_RULES: &[(&str, MergeRule)] = &[
    ("organization", MergeRule::MostCompleteName),
    ("aliases", MergeRule::Union),
    ("related", MergeRule::Union),
    ("cause", MergeRule::MostSpecificCause),
    ("affected_count", MergeRule::LargestConfirmedElseLargest),
    ("data_volume", MergeRule::LatestStated),
    ("data_types", MergeRule::Union),
    ("card_data", MergeRule::AnyTrue),
    ("confirmed", MergeRule::AnyTrue),
    ("dates.occurred", MergeRule::Earliest),
    ("dates.detected", MergeRule::Earliest),
    ("dates.disclosed", MergeRule::Earliest),
    ("dates.reported_police", MergeRule::Earliest),
    ("dates.reported_ppc", MergeRule::Earliest),
    ("attacker", MergeRule::FirstStated),
    ("regulator_action", MergeRule::LatestStated),
    ("financial_impact_jpy", MergeRule::Largest),
];

/// One source's view, in source order (earliest publication first).
#[derive(Debug, Clone, Copy)]
pub struct SourceView<'a> {
    pub doc_id: &'a DocId,
    pub published: Option<NaiveDate>,
    pub candidate: &'a CandidateIncident,
}

/// Two or more sources stating different values for one field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub field: String,
    /// (value, the documents that stated it)
    pub values: Vec<(String, Vec<String>)>,
}

pub(crate) fn name_completeness(name: &str) -> (bool, usize) {
    (leakwatch_jatext::has_legal_form(name), name.chars().count())
}

fn push_unique<T: PartialEq>(out: &mut Vec<T>, v: T) {
    if !out.contains(&v) {
        out.push(v);
    }
}

/// The headline record of an incident with these sources (in order) and corrections: the
/// merge rules folded over the sources (`summary::absorb`), so a headline computed at once and
/// one grown a source at a time are the same.
pub fn merge_headline(
    sources: &[SourceView<'_>],
    corrections: &[Correction],
) -> Result<IncidentRecord, ResolveError> {
    if sources.is_empty() {
        return Err(ResolveError::NoSources);
    }
    let mut state = leakwatch_model::MergeSummary::default();
    for (i, s) in sources.iter().enumerate() {
        let pos = leakwatch_model::SourcePos {
            undated: false,
            published: None,
            document_key: i64::try_from(i).unwrap_or(i64::MAX),
            candidate_index: 0,
        };
        crate::summary::absorb(&mut state, s.candidate, s.published, pos);
    }
    crate::summary::finish(&state, corrections).map(|(record, _)| record)
}

fn parse_bool(field: &str, value: &str) -> Result<bool, ResolveError> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Ok(true),
        "false" | "no" | "0" => Ok(false),
        _ => Err(ResolveError::invalid(field, value, "true or false")),
    }
}

fn parse_opt_date(field: &str, value: &str) -> Result<Option<NaiveDate>, ResolveError> {
    if value.is_empty() || value == "null" {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ResolveError::invalid(field, value, "a date YYYY-MM-DD or null"))
}

fn opt_text(value: &str) -> Option<String> {
    (!value.is_empty() && value != "null").then(|| value.to_string())
}

fn list(value: &str) -> Vec<String> {
    value
        .split([',', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Checks that `value` is valid for `field` (what `leakwatch edit --set` accepts).
pub fn validate_correction(field: &str, value: &str) -> Result<(), ResolveError> {
    let mut scratch = CandidateIncident::new(leakwatch_model::Field::new(
        "x".to_string(),
        1.0,
        "validate",
        None,
    ))
    .to_record();
    apply_correction(&mut scratch, field, value)
}

/// The fields an analyst can correct.
pub const CORRECTABLE_FIELDS: &[&str] = &[
    "organization",
    "aliases",
    "cause",
    "affected_count",
    "affected_qualifier",
    "affected_unit",
    "data_volume",
    "data_types",
    "card_data",
    "confirmed",
    "dates.occurred",
    "dates.detected",
    "dates.disclosed",
    "dates.reported_police",
    "dates.reported_ppc",
    "attacker",
    "regulator_action",
    "financial_impact_jpy",
];

pub(crate) fn apply_correction(
    r: &mut IncidentRecord,
    field: &str,
    value: &str,
) -> Result<(), ResolveError> {
    let value = value.trim();
    match field {
        "organization" => {
            if value.is_empty() {
                return Err(ResolveError::invalid(field, value, "a non-empty name"));
            }
            r.organization = value.to_string();
        }
        "aliases" => r.aliases = list(value),
        "cause" => {
            r.cause = value
                .parse()
                .map_err(|e: leakwatch_model::ParseLabelError| {
                    ResolveError::invalid(field, value, &e.expected)
                })?
        }
        "affected_count" => {
            if value.is_empty() || value == "null" {
                r.affected_count = None;
                r.affected_qualifier = CountQualifier::Unknown;
                r.affected_unit = None;
            } else {
                let n = value
                    .replace(',', "")
                    .parse::<u64>()
                    .map_err(|_| ResolveError::invalid(field, value, "a whole number or null"))?;
                r.affected_count = Some(n);
                if r.affected_qualifier == CountQualifier::Unknown {
                    r.affected_qualifier = CountQualifier::Exact;
                }
                if r.affected_unit.is_none() {
                    r.affected_unit = Some("件".to_string());
                }
            }
        }
        "affected_qualifier" => {
            r.affected_qualifier =
                value
                    .parse()
                    .map_err(|e: leakwatch_model::ParseLabelError| {
                        ResolveError::invalid(field, value, &e.expected)
                    })?
        }
        "affected_unit" => r.affected_unit = opt_text(value),
        "data_volume" => r.data_volume = opt_text(value),
        "data_types" => {
            let mut types = Vec::new();
            for item in list(value) {
                let t: DataType = item
                    .parse()
                    .map_err(|e: leakwatch_model::ParseLabelError| {
                        ResolveError::invalid(field, &item, &e.expected)
                    })?;
                push_unique(&mut types, t);
            }
            r.data_types = types;
        }
        "card_data" => r.card_data = parse_bool(field, value)?,
        "confirmed" => r.confirmed = parse_bool(field, value)?,
        "dates.occurred" => r.dates.occurred = parse_opt_date(field, value)?,
        "dates.detected" => r.dates.detected = parse_opt_date(field, value)?,
        "dates.disclosed" => r.dates.disclosed = parse_opt_date(field, value)?,
        "dates.reported_police" => r.dates.reported_police = parse_opt_date(field, value)?,
        "dates.reported_ppc" => r.dates.reported_ppc = parse_opt_date(field, value)?,
        "attacker" => r.attacker = opt_text(value),
        "regulator_action" => r.regulator_action = opt_text(value),
        "financial_impact_jpy" => {
            r.financial_impact_jpy = if value.is_empty() || value == "null" {
                None
            } else {
                Some(value.replace(',', "").parse::<u64>().map_err(|_| {
                    ResolveError::invalid(field, value, "a whole number of yen or null")
                })?)
            }
        }
        _ => {
            return Err(ResolveError::UnknownField {
                field: field.to_string(),
                expected: CORRECTABLE_FIELDS.join(", "),
            })
        }
    }
    Ok(())
}

/// Fields on which sources disagree (count, cause, dates, attacker), with who said what.
pub fn conflicts(sources: &[SourceView<'_>]) -> Vec<Conflict> {
    let mut out = Vec::new();
    let mut check = |field: &str, get: &dyn Fn(&CandidateIncident) -> Option<String>| {
        let mut values: Vec<(String, Vec<String>)> = Vec::new();
        for s in sources {
            if let Some(v) = get(s.candidate) {
                match values.iter_mut().find(|(x, _)| *x == v) {
                    Some((_, docs)) => push_unique(docs, s.doc_id.0.clone()),
                    None => values.push((v, vec![s.doc_id.0.clone()])),
                }
            }
        }
        if values.len() > 1 {
            out.push(Conflict {
                field: field.to_string(),
                values,
            });
        }
    };
    check("affected_count", &|c| {
        c.affected.as_ref().map(|a| a.value.to_string())
    });
    check("cause", &|c| c.cause.as_ref().map(|f| f.value.to_string()));
    for kind in DateKind::SCHEMA {
        let name = format!("dates.{}", kind.as_str());
        check(&name, &|c| c.date(kind).map(|d| d.to_string()));
    }
    check("attacker", &|c| {
        c.attacker.as_ref().map(|f| f.value.clone())
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_model::{AffectedCount, Cause, DatedEvent, Field};

    fn f<T>(v: T) -> Field<T> {
        Field::new(v, 0.9, "test", None)
    }

    fn cand(org: &str) -> CandidateIncident {
        CandidateIncident::new(f(org.to_string()))
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn count(v: u64, q: CountQualifier) -> Field<AffectedCount> {
        f(AffectedCount {
            value: v,
            qualifier: q,
            unit: "件".into(),
        })
    }

    #[test]
    fn first_report_and_second_report_merge_by_the_rules() {
        let ids = [DocId::from("first"), DocId::from("second")];
        let mut first = cand("みなと物流");
        first.cause = Some(f(Cause::UnauthorizedAccess));
        first.dates.push(f(DatedEvent {
            kind: DateKind::Disclosed,
            date: d(9, 1),
        }));
        first.dates.push(f(DatedEvent {
            kind: DateKind::Detected,
            date: d(8, 28),
        }));
        first.data_types.push(f(DataType::Name));
        let mut second = cand("株式会社みなと物流");
        second.cause = Some(f(Cause::Ransomware));
        second.affected = Some(count(12_000, CountQualifier::Approx));
        second.dates.push(f(DatedEvent {
            kind: DateKind::Disclosed,
            date: d(10, 3),
        }));
        second.dates.push(f(DatedEvent {
            kind: DateKind::Detected,
            date: d(8, 27),
        }));
        second.data_types.push(f(DataType::Address));
        second.attacker = Some(f("Akira".to_string()));
        let views = [
            SourceView {
                doc_id: &ids[0],
                published: Some(d(9, 1)),
                candidate: &first,
            },
            SourceView {
                doc_id: &ids[1],
                published: Some(d(10, 3)),
                candidate: &second,
            },
        ];
        let r = merge_headline(&views, &[]).unwrap();
        assert_eq!(r.organization, "株式会社みなと物流");
        assert_eq!(r.aliases, vec!["みなと物流".to_string()]);
        assert_eq!(r.cause, Cause::Ransomware);
        assert_eq!(r.affected_count, Some(12_000));
        assert_eq!(r.affected_qualifier, CountQualifier::Approx);
        assert_eq!(r.data_types, vec![DataType::Name, DataType::Address]);
        assert_eq!(r.dates.disclosed, Some(d(9, 1)));
        assert_eq!(r.dates.detected, Some(d(8, 27)));
        assert_eq!(r.attacker.as_deref(), Some("Akira"));

        let c = conflicts(&views);
        let fields: Vec<&str> = c.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, vec!["cause", "dates.detected", "dates.disclosed"]);
    }

    #[test]
    fn confirmed_count_beats_a_larger_possible_one() {
        let ids = [DocId::from("a"), DocId::from("b")];
        let mut a = cand("青葉市");
        a.affected = Some(count(500, CountQualifier::Exact));
        a.confirmed = Some(f(true));
        let mut b = cand("青葉市");
        b.affected = Some(count(2_000, CountQualifier::Max));
        let views = [
            SourceView {
                doc_id: &ids[0],
                published: None,
                candidate: &a,
            },
            SourceView {
                doc_id: &ids[1],
                published: None,
                candidate: &b,
            },
        ];
        let r = merge_headline(&views, &[]).unwrap();
        assert_eq!(r.affected_count, Some(500));
        assert!(r.confirmed);
        let c = conflicts(&views);
        assert_eq!(c[0].field, "affected_count");
        assert_eq!(c[0].values.len(), 2);
    }

    #[test]
    fn corrections_win_and_bad_values_are_rejected() {
        let id = DocId::from("a");
        let mut a = cand("青葉市");
        a.cause = Some(f(Cause::Loss));
        let views = [SourceView {
            doc_id: &id,
            published: None,
            candidate: &a,
        }];
        let fix = |field: &str, value: &str| Correction {
            field: field.into(),
            value: value.into(),
            author: "analyst".into(),
            at: "2025-10-01T00:00:00Z".into(),
            reason: "checked the release".into(),
        };
        let r = merge_headline(
            &views,
            &[
                fix("cause", "theft"),
                fix("affected_count", "1,234"),
                fix("data_types", "name, address"),
            ],
        )
        .unwrap();
        assert_eq!(r.cause, Cause::Theft);
        assert_eq!(r.affected_count, Some(1234));
        assert_eq!(r.data_types, vec![DataType::Name, DataType::Address]);
        assert!(validate_correction("cause", "hacking").is_err());
        assert!(validate_correction("dates.disclosed", "2025/10/01").is_err());
        assert!(validate_correction("colour", "red").is_err());
        assert!(validate_correction("card_data", "yes").is_ok());
    }

    #[test]
    fn every_correctable_field_has_a_merge_rule() {
        for field in CORRECTABLE_FIELDS {
            let base = field.trim_start_matches("affected_").to_string();
            let known = MERGE_RULES.iter().any(|(f, _)| *f == *field)
                || matches!(base.as_str(), "qualifier" | "unit");
            assert!(known, "{field} has no merge rule");
        }
    }
}
