//! A fixed, fictional set of incidents for the report golden tests (shared by
//! `crates/report/tests/html.rs` and the workspace's `tests/report.rs` via `#[path]`). Built
//! from hand-written values — never from the extractor — so extractor changes never move a
//! golden file. Every organisation here is invented.
#![allow(dead_code)]

use chrono::NaiveDate;
use leakwatch_model::{
    AffectedCount, Cause, CountQualifier, DataType, DatesRecord, DocId, Incident, IncidentId,
    RelatedOrg, RelationRole, SourceRef,
};
use leakwatch_report::{monthly_trend, Period, ReportInput};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid fixture date")
}

pub fn source(key: i64, title: &str, published: NaiveDate) -> SourceRef {
    SourceRef {
        document_key: key,
        doc_id: DocId(format!("doc-{key:03}")),
        title: Some(title.to_string()),
        origin: format!("https://example.jp/news/{key}"),
        published: Some(published),
    }
}

fn count(value: u64, qualifier: CountQualifier, unit: &str) -> Option<AffectedCount> {
    Some(AffectedCount {
        value,
        qualifier,
        unit: unit.to_string(),
    })
}

pub fn incident(id: i64, org: &str, cause: Cause, reported_on: Option<NaiveDate>) -> Incident {
    Incident {
        id: IncidentId(id),
        organization: org.to_string(),
        aliases: vec![],
        related: vec![],
        cause,
        affected: None,
        data_volume: None,
        data_types: vec![],
        card_data: false,
        confirmed: false,
        dates: DatesRecord::default(),
        attacker: None,
        regulator_action: None,
        financial_impact_jpy: None,
        reported_on,
        evidence: vec![],
        sources: reported_on
            .map(|p| vec![source(id * 10, &format!("{org}に関するお知らせ"), p)])
            .unwrap_or_default(),
    }
}

/// Every incident of the fixed database: eight first reported in September 2025, two in
/// August, one in July, two count-less ones in October, and one undated.
pub fn all_incidents() -> Vec<Incident> {
    let mut v = Vec::new();

    // A processor hit by ransomware, affecting two clients; two sources.
    let mut i = incident(
        1,
        "株式会社みなと物流",
        Cause::Ransomware,
        Some(d(2025, 9, 5)),
    );
    i.aliases = vec!["みなと物流".into()];
    i.related = vec![
        RelatedOrg {
            name: "青葉市".into(),
            role: RelationRole::DataOwner,
        },
        RelatedOrg {
            name: "株式会社みなと銀行".into(),
            role: RelationRole::DataOwner,
        },
    ];
    i.affected = count(120_000, CountQualifier::Max, "名");
    i.data_types = vec![DataType::Name, DataType::Address, DataType::Phone];
    i.dates.detected = Some(d(2025, 9, 2));
    i.dates.disclosed = Some(d(2025, 9, 5));
    i.attacker = Some("BlackHarbor".into());
    i.sources = vec![
        source(
            11,
            "みなと物流にランサムウェア攻撃、最大12万名分の個人情報が流出した可能性",
            d(2025, 9, 5),
        ),
        source(
            12,
            "みなと物流の委託元、青葉市とみなと銀行が相次いで公表",
            d(2025, 9, 9),
        ),
    ];
    v.push(i);

    // A municipality's misdelivery (the same data owner as above, its own incident).
    let mut i = incident(2, "青葉市", Cause::Misdelivery, Some(d(2025, 9, 10)));
    i.affected = count(38, CountQualifier::Exact, "件");
    i.data_types = vec![DataType::Email];
    i.confirmed = true;
    v.push(i);

    // A card-skimming web shop with a known exposure window.
    let mut i = incident(
        3,
        "株式会社あおば通販",
        Cause::UnauthorizedAccess,
        Some(d(2025, 9, 12)),
    );
    i.aliases = vec!["あおばオンラインストア".into()];
    i.affected = count(2_400, CountQualifier::Approx, "件");
    i.data_types = vec![
        DataType::Name,
        DataType::CardNumber,
        DataType::CardExpiry,
        DataType::CardCvv,
    ];
    i.card_data = true;
    i.dates.occurred = Some(d(2025, 3, 1));
    i.dates.detected = Some(d(2025, 8, 20));
    i.dates.disclosed = Some(d(2025, 9, 12));
    v.push(i);

    // A hospital's lost USB stick with health data (要配慮個人情報).
    let mut i = incident(4, "青葉市立病院", Cause::Loss, Some(d(2025, 9, 15)));
    i.affected = count(1_050, CountQualifier::Exact, "名");
    i.data_types = vec![DataType::Name, DataType::Health];
    i.dates.detected = Some(d(2025, 9, 8));
    i.dates.disclosed = Some(d(2025, 9, 15));
    v.push(i);

    // Insider theft ending in an arrest.
    let mut i = incident(
        5,
        "株式会社しおさい食品",
        Cause::Insider,
        Some(d(2025, 9, 18)),
    );
    i.affected = count(3_000, CountQualifier::AtLeast, "件");
    i.data_types = vec![DataType::CustomerInfo];
    i.regulator_action = Some("元従業員を不正競争防止法違反の疑いで逮捕".into());
    v.push(i);

    // A bank's misconfiguration with a regulator order, no count stated.
    let mut i = incident(
        6,
        "みなと信用金庫",
        Cause::Misconfiguration,
        Some(d(2025, 9, 20)),
    );
    i.data_types = vec![DataType::Name, DataType::BankAccount];
    i.regulator_action = Some("金融庁 業務改善命令".into());
    v.push(i);

    // A second victim of the same attacker; card data, count unknown.
    let mut i = incident(
        7,
        "株式会社かもめ旅行",
        Cause::UnauthorizedAccess,
        Some(d(2025, 9, 25)),
    );
    i.card_data = true;
    i.related = vec![RelatedOrg {
        name: "BlackHarbor".into(),
        role: RelationRole::Attacker,
    }];
    i.dates.occurred = Some(d(2025, 9, 1));
    v.push(i);

    // A phishing victim; its processor is named on the victim's side.
    let mut i = incident(
        8,
        "株式会社ひばり出版",
        Cause::Phishing,
        Some(d(2025, 9, 30)),
    );
    i.related = vec![RelatedOrg {
        name: "株式会社みなと物流".into(),
        role: RelationRole::Processor,
    }];
    i.regulator_action = Some("担当社員を懲戒処分".into());
    v.push(i);

    // August 2025 (previous period).
    let mut i = incident(9, "株式会社あさひ工業", Cause::Malware, Some(d(2025, 8, 7)));
    i.affected = count(560, CountQualifier::Exact, "件");
    v.push(i);
    v.push(incident(
        10,
        "青葉市教育委員会",
        Cause::Loss,
        Some(d(2025, 8, 21)),
    ));

    // July 2025.
    v.push(incident(
        11,
        "株式会社こだま電機",
        Cause::Misdisclosure,
        Some(d(2025, 7, 3)),
    ));

    // October 2025: only count-less incidents.
    v.push(incident(
        12,
        "株式会社つばさ航空サービス",
        Cause::UnauthorizedAccess,
        Some(d(2025, 10, 2)),
    ));
    v.push(incident(
        13,
        "あおば大学",
        Cause::Misdelivery,
        Some(d(2025, 10, 14)),
    ));

    // Undated: belongs to no period.
    v.push(incident(14, "株式会社ゆうなぎ", Cause::Unknown, None));
    v
}

/// The report input for `period` over the fixed database, as the CLI would assemble it.
pub fn input_for(period: Period) -> ReportInput {
    let all = all_incidents();
    let previous = period.previous();
    let in_period = |p: &Period, i: &Incident| i.reported_on.is_some_and(|d| p.contains(d));
    let dates: Vec<NaiveDate> = all.iter().filter_map(|i| i.reported_on).collect();
    ReportInput {
        period,
        incidents: all
            .iter()
            .filter(|i| in_period(&period, i))
            .cloned()
            .collect(),
        previous_total: all.iter().filter(|i| in_period(&previous, i)).count() as u64,
        trend: monthly_trend(&period, &dates, 12),
    }
}
