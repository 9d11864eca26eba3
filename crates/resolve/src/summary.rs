//! The merge rules as a running state (`MergeSummary`): `absorb` adds one source, `combine` joins
//! two incidents' states, `finish` reads the headline back out. Folding every source in any order
//! gives the state `merge_headline` would compute over the sorted sources, so merging a new
//! source is constant work however many sources an incident already has.

use crate::merge::{apply_correction, name_completeness};
use crate::{reported_on, source_report_date, ResolveError};
use leakwatch_model::{
    CandidateIncident, CauseTally, Correction, CountQualifier, DateKind, IncidentRecord,
    MergeSummary, Placed, SourcePos,
};

/// The position of candidate `candidate_index` of document `document_key`.
pub fn source_pos(
    published: Option<chrono::NaiveDate>,
    document_key: i64,
    candidate_index: usize,
) -> SourcePos {
    SourcePos {
        undated: published.is_none(),
        published,
        document_key,
        candidate_index: u32::try_from(candidate_index).unwrap_or(u32::MAX),
    }
}

/// Keeps, per distinct value, the earliest (pos, sub) it was stated at.
fn keep_first<T: PartialEq + Clone>(list: &mut Vec<Placed<T>>, item: Placed<T>) {
    match list.iter_mut().find(|p| p.value == item.value) {
        Some(p) => {
            if (item.pos, item.sub) < (p.pos, p.sub) {
                p.pos = item.pos;
                p.sub = item.sub;
            }
        }
        None => list.push(item),
    }
}

/// Keeps the better of two placed values by `key` (ties: the later position).
fn keep_max<T: Clone, K: PartialOrd>(
    slot: &mut Option<Placed<T>>,
    item: Placed<T>,
    key: impl Fn(&T) -> K,
) {
    let better = match slot {
        None => true,
        Some(cur) => {
            let (a, b) = (key(&item.value), key(&cur.value));
            a > b || (a == b && item.pos > cur.pos)
        }
    };
    if better {
        *slot = Some(item);
    }
}

fn keep_earliest<T: Clone>(slot: &mut Option<Placed<T>>, item: Placed<T>) {
    if slot.as_ref().is_none_or(|cur| item.pos < cur.pos) {
        *slot = Some(item);
    }
}

fn keep_latest<T: Clone>(slot: &mut Option<Placed<T>>, item: Placed<T>) {
    if slot.as_ref().is_none_or(|cur| item.pos > cur.pos) {
        *slot = Some(item);
    }
}

fn min_date(
    a: Option<chrono::NaiveDate>,
    b: Option<chrono::NaiveDate>,
) -> Option<chrono::NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn placed<T>(value: T, pos: SourcePos, sub: usize) -> Placed<T> {
    Placed {
        value,
        pos,
        sub: u32::try_from(sub).unwrap_or(u32::MAX),
    }
}

/// Adds one source's candidate (at `pos`, published on `published`) to `s`.
pub fn absorb(
    s: &mut MergeSummary,
    candidate: &CandidateIncident,
    published: Option<chrono::NaiveDate>,
    pos: SourcePos,
) {
    let r = candidate.to_record();
    s.sources += 1;
    keep_first(
        &mut s.names,
        placed(candidate.organization.value.clone(), pos, 0),
    );
    for (sub, name) in std::iter::once(r.organization.clone())
        .chain(r.aliases.iter().cloned())
        .enumerate()
    {
        keep_first(&mut s.aliases, placed(name, pos, sub));
    }
    for (sub, rel) in r.related.iter().enumerate() {
        keep_first(&mut s.related, placed(rel.clone(), pos, sub));
    }
    for (sub, d) in r.data_types.iter().enumerate() {
        keep_first(&mut s.data_types, placed(*d, pos, sub));
    }
    tally(
        &mut s.causes,
        CauseTally {
            cause: candidate.cause_value(),
            sources: 1,
            latest: pos,
        },
    );
    if let Some(a) = &candidate.affected {
        let item = placed(a.value.clone(), pos, 0);
        if candidate.confirmed_value() {
            keep_max(&mut s.count_confirmed, item.clone(), |c| c.value);
        }
        keep_max(&mut s.count_any, item, |c| c.value);
    }
    if let Some(v) = &candidate.data_volume {
        keep_latest(&mut s.data_volume, placed(v.value.clone(), pos, 0));
    }
    s.card_data |= candidate.card_data_value();
    s.confirmed |= candidate.confirmed_value();
    let d = &mut s.dates;
    d.occurred = min_date(d.occurred, candidate.date(DateKind::Occurred));
    d.detected = min_date(d.detected, candidate.date(DateKind::Detected));
    d.disclosed = min_date(d.disclosed, candidate.date(DateKind::Disclosed));
    d.reported_police = min_date(d.reported_police, candidate.date(DateKind::ReportedPolice));
    d.reported_ppc = min_date(d.reported_ppc, candidate.date(DateKind::ReportedPpc));
    if let Some(a) = &candidate.attacker {
        keep_earliest(&mut s.attacker, placed(a.value.clone(), pos, 0));
    }
    if let Some(a) = &candidate.regulator_action {
        keep_latest(&mut s.regulator_action, placed(a.value.clone(), pos, 0));
    }
    if let Some(f) = &candidate.financial_impact_jpy {
        s.financial_impact_jpy = s.financial_impact_jpy.max(Some(f.value));
    }
    s.first_report = min_date(s.first_report, source_report_date(candidate, published));
}

fn tally(causes: &mut Vec<CauseTally>, t: CauseTally) {
    match causes.iter_mut().find(|c| c.cause == t.cause) {
        Some(c) => {
            c.sources += t.sources;
            c.latest = c.latest.max(t.latest);
        }
        None => causes.push(t),
    }
}

/// The state of two disjoint sets of sources together.
pub fn combine(a: &MergeSummary, b: &MergeSummary) -> MergeSummary {
    let mut s = a.clone();
    s.sources += b.sources;
    for n in &b.names {
        keep_first(&mut s.names, n.clone());
    }
    for n in &b.aliases {
        keep_first(&mut s.aliases, n.clone());
    }
    for r in &b.related {
        keep_first(&mut s.related, r.clone());
    }
    for d in &b.data_types {
        keep_first(&mut s.data_types, d.clone());
    }
    for c in &b.causes {
        tally(&mut s.causes, c.clone());
    }
    if let Some(c) = &b.count_confirmed {
        keep_max(&mut s.count_confirmed, c.clone(), |c| c.value);
    }
    if let Some(c) = &b.count_any {
        keep_max(&mut s.count_any, c.clone(), |c| c.value);
    }
    if let Some(v) = &b.data_volume {
        keep_latest(&mut s.data_volume, v.clone());
    }
    s.card_data |= b.card_data;
    s.confirmed |= b.confirmed;
    let (d, e) = (&mut s.dates, &b.dates);
    d.occurred = min_date(d.occurred, e.occurred);
    d.detected = min_date(d.detected, e.detected);
    d.disclosed = min_date(d.disclosed, e.disclosed);
    d.reported_police = min_date(d.reported_police, e.reported_police);
    d.reported_ppc = min_date(d.reported_ppc, e.reported_ppc);
    if let Some(v) = &b.attacker {
        keep_earliest(&mut s.attacker, v.clone());
    }
    if let Some(v) = &b.regulator_action {
        keep_latest(&mut s.regulator_action, v.clone());
    }
    s.financial_impact_jpy = s.financial_impact_jpy.max(b.financial_impact_jpy);
    s.first_report = min_date(s.first_report, b.first_report);
    s
}

/// The headline record (merge rules, then corrections) and first-report date of a state.
pub fn finish(
    s: &MergeSummary,
    corrections: &[Correction],
) -> Result<(IncidentRecord, Option<chrono::NaiveDate>), ResolveError> {
    let best_name = s
        .names
        .iter()
        .max_by(|a, b| {
            (name_completeness(&a.value), a.pos)
                .partial_cmp(&(name_completeness(&b.value), b.pos))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .ok_or(ResolveError::NoSources)?;
    let organization = best_name.value.clone();
    let ordered = |items: Vec<(SourcePos, u32, usize)>| {
        let mut items = items;
        items.sort();
        items.into_iter().map(|(_, _, i)| i).collect::<Vec<_>>()
    };
    let alias_order = ordered(
        s.aliases
            .iter()
            .enumerate()
            .map(|(i, p)| (p.pos, p.sub, i))
            .collect(),
    );
    let aliases: Vec<String> = alias_order
        .into_iter()
        .map(|i| s.aliases[i].value.clone())
        .filter(|n| *n != organization)
        .collect();
    let related = ordered(
        s.related
            .iter()
            .enumerate()
            .map(|(i, p)| (p.pos, p.sub, i))
            .collect(),
    )
    .into_iter()
    .map(|i| s.related[i].value.clone())
    .collect();
    let data_types = ordered(
        s.data_types
            .iter()
            .enumerate()
            .map(|(i, p)| (p.pos, p.sub, i))
            .collect(),
    )
    .into_iter()
    .map(|i| s.data_types[i].value)
    .collect();
    let cause = s
        .causes
        .iter()
        .max_by_key(|c| (c.cause.specificity(), c.sources, c.latest))
        .map_or(leakwatch_model::Cause::Unknown, |c| c.cause);
    let count = s.count_confirmed.as_ref().or(s.count_any.as_ref());
    let mut record = IncidentRecord {
        organization,
        aliases,
        related,
        cause,
        affected_count: count.map(|c| c.value.value),
        affected_qualifier: count.map_or(CountQualifier::Unknown, |c| c.value.qualifier),
        affected_unit: count.map(|c| c.value.unit.clone()),
        data_volume: s.data_volume.as_ref().map(|v| v.value.clone()),
        data_types,
        card_data: s.card_data,
        confirmed: s.confirmed,
        dates: s.dates.clone(),
        attacker: s.attacker.as_ref().map(|v| v.value.clone()),
        regulator_action: s.regulator_action.as_ref().map(|v| v.value.clone()),
        financial_impact_jpy: s.financial_impact_jpy,
    };
    for c in corrections {
        apply_correction(&mut record, &c.field, &c.value)?;
    }
    let on = reported_on(record.dates.disclosed, s.first_report);
    Ok((record, on))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::{merge_headline, SourceView};
    use leakwatch_model::{AffectedCount, Cause, DataType, DatedEvent, DocId, Field};

    fn f<T>(v: T) -> Field<T> {
        Field::new(v, 0.9, "test", None)
    }

    fn d(m: u32, day: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn sources() -> Vec<(CandidateIncident, Option<chrono::NaiveDate>)> {
        let mut a = CandidateIncident::new(f("みなと物流".to_string()));
        a.cause = Some(f(Cause::UnauthorizedAccess));
        a.data_types.push(f(DataType::Name));
        a.attacker = Some(f("A".to_string()));
        let mut b = CandidateIncident::new(f("株式会社みなと物流".to_string()));
        b.cause = Some(f(Cause::Ransomware));
        b.affected = Some(f(AffectedCount {
            value: 100,
            qualifier: CountQualifier::Approx,
            unit: "件".into(),
        }));
        b.data_types.push(f(DataType::Address));
        b.attacker = Some(f("B".to_string()));
        b.dates.push(f(DatedEvent {
            kind: DateKind::Disclosed,
            date: d(9, 3),
        }));
        let mut c = CandidateIncident::new(f("株式会社みなと物流".to_string()));
        c.cause = Some(f(Cause::Ransomware));
        c.affected = Some(f(AffectedCount {
            value: 100,
            qualifier: CountQualifier::Exact,
            unit: "名".into(),
        }));
        c.data_volume = Some(f("2GB".to_string()));
        vec![(a, Some(d(9, 1))), (b, Some(d(9, 5))), (c, None)]
    }

    /// Folding sources in any order gives the headline merge_headline computes over them sorted.
    #[test]
    fn any_arrival_order_gives_the_sorted_headline() {
        let srcs = sources();
        let ids: Vec<DocId> = (0..srcs.len())
            .map(|i| DocId::from(format!("d{i}").as_str()))
            .collect();
        let views: Vec<SourceView<'_>> = srcs
            .iter()
            .zip(&ids)
            .map(|((c, p), id)| SourceView {
                doc_id: id,
                published: *p,
                candidate: c,
            })
            .collect();
        let expected = merge_headline(&views, &[]).unwrap();
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1]] {
            let mut state = MergeSummary::default();
            for i in order {
                let (c, p) = &srcs[i];
                absorb(&mut state, c, *p, source_pos(*p, i as i64 + 1, 0));
            }
            let (record, on) = finish(&state, &[]).unwrap();
            assert_eq!(record, expected, "order {order:?}");
            assert_eq!(on, Some(d(9, 3)));
            // Two halves combined are the whole.
            let mut left = MergeSummary::default();
            let mut right = MergeSummary::default();
            for (n, i) in order.iter().enumerate() {
                let (c, p) = &srcs[*i];
                let half = if n == 0 { &mut left } else { &mut right };
                absorb(half, c, *p, source_pos(*p, *i as i64 + 1, 0));
            }
            assert_eq!(finish(&combine(&left, &right), &[]).unwrap().0, expected);
        }
        assert_eq!(expected.cause, Cause::Ransomware);
        assert_eq!(expected.attacker.as_deref(), Some("A"));
        assert_eq!(expected.affected_unit.as_deref(), Some("名"));
    }
}
