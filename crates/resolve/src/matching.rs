//! Same victim, same event? Decides whether a new candidate belongs to an incident already
//! known, and says why either way.

use chrono::NaiveDate;
use leakwatch_jatext::normalize_org_name;
use leakwatch_model::{
    CandidateIncident, Cause, DateKind, IncidentId, IncidentState, KnownIncident,
};

/// Two reports further apart than this (by their reference dates) are different events even
/// for the same victim.
pub const SAME_EVENT_WINDOW_DAYS: i64 = 180;

/// Name keys shorter than this only match exactly (a 2-character key inside a longer name is
/// too weak a signal).
const MIN_CONTAINED_KEY_CHARS: usize = 3;

/// The outcome of matching one candidate.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchDecision {
    Merge {
        incident: IncidentId,
        reason: String,
    },
    New {
        reason: String,
    },
}

/// Every name key of a candidate: the organisation and its aliases, normalised.
pub fn candidate_keys(c: &CandidateIncident) -> Vec<String> {
    let mut keys = Vec::new();
    for name in std::iter::once(&c.organization.value).chain(c.aliases.iter().map(|a| &a.value)) {
        let k = normalize_org_name(name);
        if k.chars().count() >= 2 && !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

/// Every name key of a known incident: headline name and aliases, and every source's names.
pub fn known_keys(k: &KnownIncident) -> Vec<String> {
    let mut keys = Vec::new();
    let names = std::iter::once(&k.headline.organization).chain(k.headline.aliases.iter());
    for name in names {
        let key = normalize_org_name(name);
        if key.chars().count() >= 2 && !keys.contains(&key) {
            keys.push(key);
        }
    }
    for s in &k.sources {
        for key in candidate_keys(&s.candidate) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// How strongly two key sets name the same organisation: 2 exact, 1 prefix containment, 0 none.
fn name_strength(a: &[String], b: &[String]) -> (u8, String) {
    let mut best = (0u8, String::new());
    for x in a {
        for y in b {
            if x == y {
                return (2, format!("same name key '{x}'"));
            }
            let (short, long) = if x.chars().count() <= y.chars().count() {
                (x, y)
            } else {
                (y, x)
            };
            if short.chars().count() >= MIN_CONTAINED_KEY_CHARS
                && long.starts_with(short.as_str())
                && best.0 < 1
            {
                best = (1, format!("'{short}' is the start of '{long}'"));
            }
        }
    }
    best
}

/// Causes that can describe one event seen at different stages (a first report says 不正アクセス,
/// a later one ランサムウェア).
fn cause_family(c: Cause) -> u8 {
    match c {
        Cause::UnauthorizedAccess
        | Cause::Ransomware
        | Cause::Malware
        | Cause::Phishing
        | Cause::Vulnerability => 1,
        Cause::Misdelivery | Cause::Misdisclosure | Cause::Misconfiguration => 2,
        Cause::Loss | Cause::Theft => 3,
        Cause::Insider => 4,
        Cause::Other | Cause::Unknown => 0,
    }
}

fn causes_compatible(a: Cause, b: Cause) -> bool {
    let (fa, fb) = (cause_family(a), cause_family(b));
    fa == 0 || fb == 0 || fa == fb
}

/// Sources close in time that name the same victim exactly are one event even when they
/// disagree on the cause (a first report says 持ち出し, a later one 不正アクセス).
const SAME_DAY_WINDOW_DAYS: i64 = 7;

/// How far apart in time a candidate and a known incident are: the smallest distance between
/// dates of the same kind (occurred with occurred, disclosed with disclosed, …) and between
/// their first-report dates. None when they share no comparable date. Comparing like with like
/// matters: an exposure window may start a year before the disclosure that reports it.
fn event_distance(
    c: &CandidateIncident,
    published: Option<NaiveDate>,
    k: &IncidentState,
) -> Option<i64> {
    let d = &k.headline.dates;
    let known = [
        d.occurred,
        d.detected,
        d.disclosed,
        d.reported_police,
        d.reported_ppc,
    ];
    let mut best: Option<i64> = None;
    let mut consider = |a: Option<NaiveDate>, b: Option<NaiveDate>| {
        if let (Some(a), Some(b)) = (a, b) {
            let days = (a - b).num_days().abs();
            best = Some(best.map_or(days, |x| x.min(days)));
        }
    };
    for (kind, known_date) in DateKind::SCHEMA.iter().zip(known) {
        consider(c.date(*kind), known_date);
    }
    let candidate_report = c
        .date(DateKind::Disclosed)
        .or_else(|| c.date(DateKind::Reported))
        .or(published);
    // (An incident without a first-report date has no dated source either.)
    let known_report = k.reported_on;
    consider(candidate_report, known_report);
    best
}

/// Decides whether `candidate` (from a document published on `published`) is an incident in
/// `known`; `taken` lists incidents already claimed by another candidate of the same document
/// (one document never reports the same incident twice).
pub fn match_candidate(
    candidate: &CandidateIncident,
    published: Option<NaiveDate>,
    known: &[IncidentState],
    taken: &[IncidentId],
) -> MatchDecision {
    let keys = candidate_keys(candidate);
    let cause = candidate.cause_value();
    let mut best: Option<(u8, i64, IncidentId, String)> = None;
    let mut rejections: Vec<String> = Vec::new();
    let own_key = [normalize_org_name(&candidate.organization.value)];
    for k in known {
        // The candidate's own name must match one of the incident's names, or one of the
        // candidate's names the incident's own: two different organisations that only share
        // an alias (the same quoted service or event name) are not one victim.
        let by_own_name = name_strength(&own_key, &k.keys);
        let by_headline = name_strength(&keys, &[normalize_org_name(&k.headline.organization)]);
        let (strength, name_reason) = if by_own_name.0 >= by_headline.0 {
            by_own_name
        } else {
            by_headline
        };
        if strength == 0 {
            continue;
        }
        if taken.contains(&k.id) {
            rejections.push(format!(
                "#{} already matched by another incident in this document",
                k.id
            ));
            continue;
        }
        let gap = event_distance(candidate, published, k);
        let same_moment = strength == 2 && gap.is_some_and(|d| d <= SAME_DAY_WINDOW_DAYS);
        if !causes_compatible(cause, k.headline.cause) && !same_moment {
            rejections.push(format!(
                "#{}: same victim but a different kind of event ({} vs {})",
                k.id, cause, k.headline.cause
            ));
            continue;
        }
        let distance = gap.unwrap_or(0);
        if distance > SAME_EVENT_WINDOW_DAYS {
            rejections.push(format!(
                "#{}: same victim but {} days apart (window {} days)",
                k.id, distance, SAME_EVENT_WINDOW_DAYS
            ));
            continue;
        }
        let reason = format!(
            "{name_reason}; {} days between reports; causes compatible ({} / {})",
            distance, cause, k.headline.cause
        );
        // Prefer the strongest name match, then the closest in time.
        let better = best
            .as_ref()
            .is_none_or(|b| (strength, -distance) > (b.0, -b.1));
        if better {
            best = Some((strength, distance, k.id, reason));
        }
    }
    match best {
        Some((_, _, incident, reason)) => MatchDecision::Merge { incident, reason },
        None if rejections.is_empty() => MatchDecision::New {
            reason: "no known incident for this victim".to_string(),
        },
        None => MatchDecision::New {
            reason: format!("new incident: {}", rejections.join("; ")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_model::{DatedEvent, DocId, Field, KnownSource};

    fn f<T>(v: T) -> Field<T> {
        Field::new(v, 0.9, "test", None)
    }

    fn cand(
        org: &str,
        aliases: &[&str],
        cause: Cause,
        disclosed: Option<NaiveDate>,
    ) -> CandidateIncident {
        let mut c = CandidateIncident::new(f(org.to_string()));
        c.aliases = aliases.iter().map(|a| f(a.to_string())).collect();
        c.cause = Some(f(cause));
        if let Some(date) = disclosed {
            c.dates.push(f(DatedEvent {
                kind: DateKind::Disclosed,
                date,
            }));
        }
        c
    }

    fn known(id: i64, c: CandidateIncident, published: Option<NaiveDate>) -> IncidentState {
        crate::incident_state(&KnownIncident {
            id: IncidentId(id),
            headline: c.to_record(),
            reported_on: published,
            sources: vec![KnownSource {
                document_key: id,
                doc_id: DocId::from("k"),
                published,
                candidate: c,
            }],
            corrections: vec![],
        })
    }

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn brand_named_later_report_merges_with_operator_incident() {
        let first = known(
            1,
            cand(
                "株式会社みなとリテール",
                &["みなとオンラインストア"],
                Cause::UnauthorizedAccess,
                ymd(2025, 9, 2),
            ),
            ymd(2025, 9, 2),
        );
        let later = cand("みなとオンラインストア", &[], Cause::Unknown, None);
        match match_candidate(&later, ymd(2025, 10, 29), &[first], &[]) {
            MatchDecision::Merge { incident, reason } => {
                assert_eq!(incident, IncidentId(1));
                assert!(reason.contains("みなとオンラインストア"), "{reason}");
            }
            other => panic!("expected merge, got {other:?}"),
        }
    }

    #[test]
    fn two_organisations_sharing_only_an_alias_stay_apart() {
        let first = known(
            1,
            cand(
                "かもめ精機株式会社",
                &["みなと川クリーン大作戦"],
                Cause::Misdelivery,
                ymd(2025, 9, 5),
            ),
            ymd(2025, 9, 5),
        );
        let other = cand(
            "つばめ物流株式会社",
            &["みなと川クリーン大作戦"],
            Cause::Misdelivery,
            ymd(2025, 9, 5),
        );
        assert!(matches!(
            match_candidate(&other, ymd(2025, 9, 5), std::slice::from_ref(&first), &[]),
            MatchDecision::New { .. }
        ));
        // The same organisation under its alias still merges, either way round.
        let by_alias = cand("みなと川クリーン大作戦", &[], Cause::Misdelivery, None);
        assert!(matches!(
            match_candidate(
                &by_alias,
                ymd(2025, 9, 6),
                std::slice::from_ref(&first),
                &[]
            ),
            MatchDecision::Merge { .. }
        ));
        let named_later = cand(
            "かもめ精機",
            &["みなと川クリーン大作戦"],
            Cause::Misdelivery,
            None,
        );
        assert!(matches!(
            match_candidate(&named_later, ymd(2025, 9, 6), &[first], &[]),
            MatchDecision::Merge { .. }
        ));
    }

    #[test]
    fn same_victim_years_apart_stays_two_incidents() {
        let old = known(
            1,
            cand("青葉市", &[], Cause::Misdelivery, ymd(2023, 5, 1)),
            ymd(2023, 5, 1),
        );
        let new = cand("青葉市", &[], Cause::Misdelivery, ymd(2025, 9, 12));
        match match_candidate(&new, ymd(2025, 9, 12), &[old], &[]) {
            MatchDecision::New { reason } => assert!(reason.contains("days apart"), "{reason}"),
            other => panic!("expected new, got {other:?}"),
        }
    }

    #[test]
    fn different_kind_of_event_is_a_new_incident() {
        let a = known(
            1,
            cand("北浜商事", &[], Cause::Loss, ymd(2025, 9, 1)),
            ymd(2025, 9, 1),
        );
        let b = cand("北浜商事", &[], Cause::Ransomware, ymd(2025, 9, 20));
        assert!(matches!(
            match_candidate(&b, None, &[a], &[]),
            MatchDecision::New { .. }
        ));
    }

    #[test]
    fn ransomware_update_merges_with_unauthorized_access_first_report() {
        let a = known(
            7,
            cand(
                "株式会社北浜物流",
                &[],
                Cause::UnauthorizedAccess,
                ymd(2025, 9, 1),
            ),
            ymd(2025, 9, 1),
        );
        let b = cand("北浜物流", &[], Cause::Ransomware, ymd(2025, 10, 1));
        assert!(matches!(
            match_candidate(&b, None, std::slice::from_ref(&a), &[]),
            MatchDecision::Merge {
                incident: IncidentId(7),
                ..
            }
        ));
        // …but not when another candidate of the same document already took it.
        assert!(matches!(
            match_candidate(&b, None, &[a], &[IncidentId(7)]),
            MatchDecision::New { .. }
        ));
    }

    #[test]
    fn an_exposure_window_long_before_disclosure_does_not_split_the_incident() {
        // The release states an exposure window from a year earlier; a roundup cites the same
        // disclosure date.
        let mut release = cand(
            "株式会社日向リビング",
            &[],
            Cause::UnauthorizedAccess,
            ymd(2025, 9, 12),
        );
        release.dates.push(f(DatedEvent {
            kind: DateKind::Occurred,
            date: ymd(2024, 11, 5).unwrap(),
        }));
        let known_release = known(1, release, ymd(2025, 9, 12));
        let roundup = cand(
            "日向リビング",
            &[],
            Cause::UnauthorizedAccess,
            ymd(2025, 9, 12),
        );
        assert!(matches!(
            match_candidate(&roundup, ymd(2025, 10, 29), &[known_release], &[]),
            MatchDecision::Merge {
                incident: IncidentId(1),
                ..
            }
        ));
    }

    #[test]
    fn same_name_same_week_merges_despite_a_cause_disagreement() {
        let a = known(
            1,
            cand(
                "株式会社つばさモバイル",
                &[],
                Cause::UnauthorizedAccess,
                ymd(2025, 9, 12),
            ),
            ymd(2025, 9, 12),
        );
        let b = cand(
            "株式会社つばさモバイル",
            &[],
            Cause::Insider,
            ymd(2025, 9, 12),
        );
        assert!(matches!(
            match_candidate(&b, None, std::slice::from_ref(&a), &[]),
            MatchDecision::Merge { .. }
        ));
        // …but a month later a different kind of event is a new incident.
        let c = cand(
            "株式会社つばさモバイル",
            &[],
            Cause::Insider,
            ymd(2025, 10, 20),
        );
        assert!(matches!(
            match_candidate(&c, None, &[a], &[]),
            MatchDecision::New { .. }
        ));
    }

    #[test]
    fn short_keys_do_not_match_by_containment() {
        let a = known(1, cand("東西", &[], Cause::Loss, None), None);
        let b = cand("東西電機", &[], Cause::Loss, None);
        assert!(matches!(
            match_candidate(&b, None, &[a], &[]),
            MatchDecision::New { .. }
        ));
        let c = known(
            2,
            cand("カシオ計算機株式会社", &[], Cause::Ransomware, None),
            None,
        );
        let d = cand("カシオ", &[], Cause::Ransomware, None);
        assert!(matches!(
            match_candidate(&d, None, &[c], &[]),
            MatchDecision::Merge { .. }
        ));
    }
}
