//! Building a `Report` from the incidents of a period: totals, breakdowns, worst N, card
//! leaks, actions, attackers, processors, records, trend, assessments — every entry carrying
//! its incident ids and sources so each figure can be traced. The JSON shape of `Report` is
//! the stable one documented in `docs/report.schema.json`.

use crate::assessment::{assess, Assessment};
use crate::format::{count_display, t};
use crate::period::{Period, PeriodKind, TrendPoint};
use crate::sector::infer_sector;
use crate::taxonomy::{breakdown, cause_label, veris_breakdown, CauseRow, Taxonomy};
use crate::Lang;
use chrono::NaiveDate;
use leakwatch_model::{Cause, CountQualifier, Incident, IncidentId, RelationRole};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The version of the JSON shape; bumped only on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// How to build a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    pub lang: Lang,
    /// The taxonomy of `by_cause` (all three are in `taxonomies`).
    pub taxonomy: Taxonomy,
    /// How many incidents the worst list shows.
    pub top: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            lang: Lang::Ja,
            taxonomy: Taxonomy::Column,
            top: 3,
        }
    }
}

/// Everything a report is built from (fetched by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct ReportInput {
    pub period: Period,
    /// The period's incidents with evidence and sources. Incidents whose `reported_on` is
    /// missing or outside the period are ignored.
    pub incidents: Vec<Incident>,
    /// How many incidents the previous period (`period.previous()`) had.
    pub previous_total: u64,
    /// Incidents per month for the trend chart (usually the 12 months ending with the period).
    pub trend: Vec<TrendPoint>,
}

/// A period as shown in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodInfo {
    pub kind: PeriodKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub label: String,
}

impl PeriodInfo {
    fn new(p: &Period, lang: Lang) -> Self {
        PeriodInfo {
            kind: p.kind,
            from: p.from,
            to: p.to,
            label: p.label(lang),
        }
    }
}

/// A source document an entry was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceLink {
    pub doc_id: String,
    pub title: Option<String>,
    /// A path or URL.
    pub origin: String,
    pub published: Option<NaiveDate>,
}

/// Change against the previous period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub count: i64,
    /// One decimal; None when the previous period had no incidents.
    pub percent: Option<f64>,
}

/// The breakdown in every taxonomy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Taxonomies {
    pub leakwatch: Vec<CauseRow>,
    pub column: Vec<CauseRow>,
    pub survey: Vec<CauseRow>,
}

/// One of the worst N incidents by affected count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorstEntry {
    pub rank: usize,
    pub incident_id: IncidentId,
    pub organization: String,
    pub affected_count: u64,
    /// exact | approx (約) | max (最大) | at_least (以上) | unknown
    pub qualifier: CountQualifier,
    pub unit: String,
    /// The count as stated: `最大 450,000 件`.
    pub display: String,
    pub cause: Cause,
    /// The cause's label in the report's taxonomy and language.
    pub cause_label: String,
    pub sources: Vec<SourceLink>,
}

/// The window card data was exposed in (occurred .. detected), when a source states either.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exposure {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// A payment-card leak.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardLeak {
    pub incident_id: IncidentId,
    pub organization: String,
    pub aliases: Vec<String>,
    /// None: the count is not stated (不明).
    pub affected_count: Option<u64>,
    pub qualifier: Option<CountQualifier>,
    /// `約 1,200 件` or `不明` / `unknown`.
    pub display: String,
    pub exposure: Option<Exposure>,
    pub cause: Cause,
    pub cause_label: String,
    pub sources: Vec<SourceLink>,
}

/// A regulator action, arrest or disciplinary action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionEntry {
    pub incident_id: IncidentId,
    pub organization: String,
    /// As stated (`総務省 行政指導`, `懲戒解雇`, …).
    pub action: String,
    /// `regulator` | `arrest` | `disciplinary`
    pub kind: String,
    pub sources: Vec<SourceLink>,
}

/// An incident of an attacker's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Victim {
    pub incident_id: IncidentId,
    pub organization: String,
}

/// A named attacker (ransomware group, …) and its victims in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttackerEntry {
    pub attacker: String,
    pub victims: Vec<Victim>,
}

/// An incident at a processor (委託先) and whose data it affected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcessorEntry {
    pub processor: String,
    /// The clients (委託元) and victims named with it.
    pub affected: Vec<String>,
    pub incident_ids: Vec<IncidentId>,
    pub sources: Vec<SourceLink>,
}

/// Sum of the stated counts of one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSum {
    pub unit: String,
    pub sum: u64,
    pub incidents: u64,
}

/// Totals of affected records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Records {
    /// Sum of the headline counts (units as stated, added together).
    pub sum: u64,
    pub with_count: u64,
    /// Incidents that state no count.
    pub without_count: u64,
    pub by_unit: Vec<UnitSum>,
}

/// One incident of the period (the appendix that every figure points into).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentLine {
    pub incident_id: IncidentId,
    pub organization: String,
    pub reported_on: Option<NaiveDate>,
    pub cause: Cause,
    /// The category in the report's taxonomy.
    pub category: String,
    pub affected: Option<String>,
    pub card_data: bool,
    pub sector: String,
    pub sources: Vec<SourceLink>,
}

/// A built report. Serialised as-is for `--format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: u32,
    pub lang: Lang,
    pub period: PeriodInfo,
    pub previous_period: PeriodInfo,
    /// How incidents are assigned to periods, in words.
    pub period_rule: String,
    pub total: u64,
    pub previous_total: u64,
    pub change: Change,
    /// Distinct source documents of the period's incidents.
    pub sources: u64,
    pub taxonomy: Taxonomy,
    pub by_cause: Vec<CauseRow>,
    pub taxonomies: Taxonomies,
    pub veris: Vec<CauseRow>,
    pub top: usize,
    pub worst: Vec<WorstEntry>,
    pub card_leaks: Vec<CardLeak>,
    pub actions: Vec<ActionEntry>,
    pub attackers: Vec<AttackerEntry>,
    pub processors: Vec<ProcessorEntry>,
    pub records: Records,
    pub trend: Vec<TrendPoint>,
    pub assessments: Vec<Assessment>,
    pub incidents: Vec<IncidentLine>,
}

impl Report {
    /// The sum of the cause percentages as shown (tenths added exactly), for the total row.
    pub fn cause_percent_total(&self) -> f64 {
        let tenths: u64 = self
            .by_cause
            .iter()
            .map(|c| (c.percent * 10.0).round() as u64)
            .sum();
        tenths as f64 / 10.0
    }

    /// `hacking 4 (100.0%), error 1 (…)`: the VERIS line under the cause table.
    pub fn veris_summary(&self) -> String {
        self.veris
            .iter()
            .map(|v| {
                format!(
                    "{} {} ({})",
                    v.key,
                    v.count,
                    crate::format::percent(v.percent)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn sources_of(i: &Incident) -> Vec<SourceLink> {
    let mut out: Vec<SourceLink> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut sources: Vec<_> = i.sources.iter().collect();
    sources.sort_by_key(|s| (s.published.is_none(), s.published, s.document_key));
    for s in sources {
        if seen.insert(s.document_key) {
            out.push(SourceLink {
                doc_id: s.doc_id.0.clone(),
                title: s.title.clone(),
                origin: s.origin.clone(),
                published: s.published,
            });
        }
    }
    out
}

/// `regulator`, `arrest` or `disciplinary`, from the words of the stated action.
pub fn action_kind(action: &str) -> &'static str {
    const ARREST: &[&str] = &[
        "逮捕", "送検", "起訴", "有罪", "判決", "懲役", "罰金", "arrest",
    ];
    const REGULATOR: &[&str] = &[
        "行政",
        "勧告",
        "指導",
        "命令",
        "委員会",
        "総務省",
        "金融庁",
        "経済産業省",
        "厚生労働省",
        "文部科学省",
        "業務改善",
        "注意喚起",
    ];
    const DISCIPLINARY: &[&str] = &[
        "懲戒",
        "免職",
        "解雇",
        "停職",
        "減給",
        "戒告",
        "訓告",
        "諭旨",
        "処分",
        "譴責",
        "けん責",
    ];
    if ARREST.iter().any(|w| action.contains(w)) {
        "arrest"
    } else if REGULATOR.iter().any(|w| action.contains(w)) {
        "regulator"
    } else if DISCIPLINARY.iter().any(|w| action.contains(w)) {
        "disciplinary"
    } else {
        "regulator"
    }
}

/// A key for grouping organisation names: no whitespace, no legal-form markers.
fn name_key(name: &str) -> String {
    leakwatch_jatext::normalize_org_name(name)
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| name_key(x) == name_key(s)) {
        v.push(s.to_string());
    }
}

fn period_rule(lang: Lang) -> String {
    t(
        lang,
        "各インシデントは、最初に公に報じられた日（公表日、なければ最も早い報道日。まとめ記事の項目は元記事の日付）が属する期間に数えています。数値は leakwatch のデータベースに収録した情報源から抽出したもので、全体の傾向を示すものではありません。",
        "An incident belongs to the period of its first public report: its disclosed date, else the earliest date it was reported (for a roundup item, the date of the article it cites). Figures are extracted from the sources in the leakwatch database and do not represent the overall trend.",
    )
    .to_string()
}

/// Builds the report.
pub fn build_report(input: &ReportInput, options: &ReportOptions) -> Report {
    let lang = options.lang;
    let period = &input.period;
    let mut incidents: Vec<&Incident> = input
        .incidents
        .iter()
        .filter(|i| i.reported_on.is_some_and(|d| period.contains(d)))
        .collect();
    incidents.sort_by_key(|i| (i.reported_on, i.id));
    // The same incident handed over twice counts once.
    let mut seen_ids = BTreeSet::new();
    incidents.retain(|i| seen_ids.insert(i.id));

    let total = incidents.len() as u64;
    let previous_total = input.previous_total;
    let change_count = total as i64 - previous_total as i64;
    let change = Change {
        count: change_count,
        percent: (previous_total > 0)
            .then(|| (change_count as f64 * 1000.0 / previous_total as f64).round() / 10.0),
    };
    let sources = incidents
        .iter()
        .flat_map(|i| i.sources.iter().map(|s| s.document_key))
        .collect::<BTreeSet<_>>()
        .len() as u64;

    let causes: Vec<Cause> = incidents.iter().map(|i| i.cause).collect();
    let taxonomies = Taxonomies {
        leakwatch: breakdown(Taxonomy::Leakwatch, &causes, lang),
        column: breakdown(Taxonomy::Column, &causes, lang),
        survey: breakdown(Taxonomy::Survey, &causes, lang),
    };
    let by_cause = match options.taxonomy {
        Taxonomy::Leakwatch => taxonomies.leakwatch.clone(),
        Taxonomy::Column => taxonomies.column.clone(),
        Taxonomy::Survey => taxonomies.survey.clone(),
    };
    let label_of = |c: Cause| options.taxonomy.category_of(c).label(lang).to_string();
    // With the coarser taxonomies, entries also name leakwatch's finer label:
    // 不正アクセス（ランサムウェア）.
    let detailed_label_of = |c: Cause| {
        let coarse = label_of(c);
        let fine = cause_label(c, lang);
        if options.taxonomy.category_of(c).key == c.as_str() || coarse.contains(fine) {
            coarse
        } else {
            match lang {
                Lang::Ja => format!("{coarse}（{fine}）"),
                Lang::En => format!("{coarse} ({fine})"),
            }
        }
    };

    let mut counted: Vec<&Incident> = incidents
        .iter()
        .copied()
        .filter(|i| i.affected.is_some())
        .collect();
    counted.sort_by(|a, b| {
        let va = a.affected.as_ref().map_or(0, |x| x.value);
        let vb = b.affected.as_ref().map_or(0, |x| x.value);
        vb.cmp(&va).then(a.id.cmp(&b.id))
    });
    let worst: Vec<WorstEntry> = counted
        .iter()
        .take(options.top)
        .enumerate()
        .filter_map(|(n, i)| {
            let a = i.affected.as_ref()?;
            Some(WorstEntry {
                rank: n + 1,
                incident_id: i.id,
                organization: i.organization.clone(),
                affected_count: a.value,
                qualifier: a.qualifier,
                unit: a.unit.clone(),
                display: count_display(a, lang),
                cause: i.cause,
                cause_label: detailed_label_of(i.cause),
                sources: sources_of(i),
            })
        })
        .collect();

    let card_leaks = incidents
        .iter()
        .filter(|i| i.card_data || i.data_types.iter().any(|d| d.is_card()))
        .map(|i| CardLeak {
            incident_id: i.id,
            organization: i.organization.clone(),
            aliases: i.aliases.clone(),
            affected_count: i.affected.as_ref().map(|a| a.value),
            qualifier: i.affected.as_ref().map(|a| a.qualifier),
            display: i.affected.as_ref().map_or_else(
                || t(lang, "不明", "unknown").to_string(),
                |a| count_display(a, lang),
            ),
            exposure: (i.dates.occurred.is_some() || i.dates.detected.is_some()).then_some(
                Exposure {
                    from: i.dates.occurred,
                    to: i.dates.detected,
                },
            ),
            cause: i.cause,
            cause_label: detailed_label_of(i.cause),
            sources: sources_of(i),
        })
        .collect();

    let actions = incidents
        .iter()
        .filter_map(|i| {
            let action = i.regulator_action.as_deref()?.trim();
            (!action.is_empty()).then(|| ActionEntry {
                incident_id: i.id,
                organization: i.organization.clone(),
                action: action.to_string(),
                kind: action_kind(action).to_string(),
                sources: sources_of(i),
            })
        })
        .collect();

    let mut attackers: Vec<AttackerEntry> = Vec::new();
    for i in &incidents {
        let names = i.attacker.iter().map(|s| s.trim().to_string()).chain(
            i.related
                .iter()
                .filter(|r| r.role == RelationRole::Attacker)
                .map(|r| r.name.trim().to_string()),
        );
        for name in names.filter(|n| !n.is_empty()) {
            let victim = Victim {
                incident_id: i.id,
                organization: i.organization.clone(),
            };
            match attackers
                .iter_mut()
                .find(|a| a.attacker.to_lowercase() == name.to_lowercase())
            {
                Some(a) => {
                    if !a.victims.contains(&victim) {
                        a.victims.push(victim);
                    }
                }
                None => attackers.push(AttackerEntry {
                    attacker: name,
                    victims: vec![victim],
                }),
            }
        }
    }
    attackers.sort_by(|a, b| {
        b.victims
            .len()
            .cmp(&a.victims.len())
            .then_with(|| a.attacker.cmp(&b.attacker))
    });

    let mut processors: Vec<ProcessorEntry> = Vec::new();
    for i in &incidents {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for r in &i.related {
            match r.role {
                RelationRole::DataOwner => pairs.push((i.organization.clone(), r.name.clone())),
                RelationRole::Processor => pairs.push((r.name.clone(), i.organization.clone())),
                _ => {}
            }
        }
        for (processor, affected) in pairs {
            let entry = match processors
                .iter_mut()
                .position(|p| name_key(&p.processor) == name_key(&processor))
            {
                Some(at) => &mut processors[at],
                None => {
                    processors.push(ProcessorEntry {
                        processor: processor.clone(),
                        affected: Vec::new(),
                        incident_ids: Vec::new(),
                        sources: Vec::new(),
                    });
                    let last = processors.len() - 1;
                    &mut processors[last]
                }
            };
            if processor.chars().count() > entry.processor.chars().count() {
                entry.processor = processor;
            }
            push_unique(&mut entry.affected, &affected);
            if !entry.incident_ids.contains(&i.id) {
                entry.incident_ids.push(i.id);
                for s in sources_of(i) {
                    if !entry.sources.contains(&s) {
                        entry.sources.push(s);
                    }
                }
            }
        }
    }

    let mut by_unit: Vec<UnitSum> = Vec::new();
    for a in incidents.iter().filter_map(|i| i.affected.as_ref()) {
        match by_unit.iter_mut().find(|u| u.unit == a.unit) {
            Some(u) => {
                u.sum = u.sum.saturating_add(a.value);
                u.incidents += 1;
            }
            None => by_unit.push(UnitSum {
                unit: a.unit.clone(),
                sum: a.value,
                incidents: 1,
            }),
        }
    }
    by_unit.sort_by(|a, b| b.sum.cmp(&a.sum).then_with(|| a.unit.cmp(&b.unit)));
    let with_count = incidents.iter().filter(|i| i.affected.is_some()).count() as u64;
    let records = Records {
        sum: by_unit.iter().fold(0u64, |s, u| s.saturating_add(u.sum)),
        with_count,
        without_count: total - with_count,
        by_unit,
    };

    let mut assessments: Vec<Assessment> = incidents.iter().map(|i| assess(i)).collect();
    assessments.sort_by_key(|a| a.incident_id);

    let lines = incidents
        .iter()
        .map(|i| IncidentLine {
            incident_id: i.id,
            organization: i.organization.clone(),
            reported_on: i.reported_on,
            cause: i.cause,
            category: detailed_label_of(i.cause),
            affected: i.affected.as_ref().map(|a| count_display(a, lang)),
            card_data: i.card_data,
            sector: infer_sector(&i.organization, &i.aliases)
                .label(lang)
                .to_string(),
            sources: sources_of(i),
        })
        .collect();

    Report {
        schema_version: SCHEMA_VERSION,
        lang,
        period: PeriodInfo::new(period, lang),
        previous_period: PeriodInfo::new(&period.previous(), lang),
        period_rule: period_rule(lang),
        total,
        previous_total,
        change,
        sources,
        taxonomy: options.taxonomy,
        by_cause,
        taxonomies,
        veris: veris_breakdown(&causes, lang),
        top: options.top,
        worst,
        card_leaks,
        actions,
        attackers,
        processors,
        records,
        trend: input.trend.clone(),
        assessments,
        incidents: lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_kinds() {
        assert_eq!(action_kind("総務省 行政指導"), "regulator");
        assert_eq!(action_kind("元社員を逮捕"), "arrest");
        assert_eq!(action_kind("懲戒処分"), "disciplinary");
        assert_eq!(action_kind("個人情報保護委員会 勧告"), "regulator");
        assert_eq!(action_kind("業務停止"), "regulator");
    }

    #[test]
    fn empty_period_is_a_valid_report() {
        let input = ReportInput {
            period: Period::parse_month("2025-09").unwrap(),
            incidents: vec![],
            previous_total: 0,
            trend: vec![],
        };
        let r = build_report(&input, &ReportOptions::default());
        assert_eq!(r.total, 0);
        assert_eq!(r.change.percent, None);
        assert!(r.by_cause.is_empty());
        assert_eq!(r.records.sum, 0);
    }
}
