//! Documents with several incidents give one incident per named victim, and documents that
//! report none (advice, statistics, anonymised cases) give none. The documents in
//! `tests/fixtures/` were written for these tests; the shipped models never saw them.

use leakwatch_extract::Extractor;
use leakwatch_model::{DocId, Document, Language, MediaType, Origin};

fn extract(name: &str) -> Vec<String> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = Document {
        id: DocId(name.into()),
        origin: Origin::File { path: path.into() },
        media_type: MediaType::Text,
        encoding: "UTF-8".into(),
        title: text.lines().next().map(str::to_string),
        published: None,
        language: Language::Ja,
        content_hash: String::new(),
        text,
    };
    Extractor::new()
        .extract(&doc)
        .incidents
        .into_iter()
        .map(|i| i.organization.value)
        .collect()
}

#[test]
fn a_digest_gives_one_incident_per_named_victim() {
    let names = extract("digest_weekly.txt");
    for expected in ["ひまわり運輸", "こだま市", "株式会社ルリカケ"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing: {names:?}"
        );
    }
    // The unnamed university is no incident.
    assert!(!names.iter().any(|n| n.contains("大学")), "{names:?}");
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn a_ranking_gives_one_incident_per_entry() {
    let names = extract("ranking_breaches.txt");
    for expected in [
        "グレンフォード・モバイル",
        "オルテア銀行",
        "ノースブリッジ・ネット",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing: {names:?}"
        );
    }
}

#[test]
fn documents_without_an_incident_give_none() {
    for name in [
        "advice_column.txt",
        "statistics_no_victim.txt",
        "anonymised_cases.txt",
    ] {
        let names = extract(name);
        assert!(names.is_empty(), "{name}: {names:?}");
    }
}

#[test]
fn a_regulator_reported_to_and_a_notice_heading_are_no_victims() {
    // The company is the victim; the PPC it reported to and the 「重要なお知らせ」 heading are not.
    assert_eq!(
        extract("regulator_and_heading.txt"),
        vec!["株式会社みずなら通販".to_string()]
    );
}

#[test]
fn each_dated_line_of_an_incident_log_heads_its_victim_even_cut_off() {
    let names = extract("dated_incident_log_cut_off.txt");
    for expected in [
        "株式会社コマドリ商事",
        "あおば台信用金庫",
        "さくら環状道路公社",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing: {names:?}"
        );
    }
}

#[test]
fn a_roundup_told_in_paragraphs_gives_the_organisation_each_paragraph_opens_with() {
    let names = extract("prose_roundup_paragraphs.txt");
    for want in [
        "株式会社つばめケアサービス",
        "学校法人しらかわ学院",
        "湊坂市",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} missing: {names:?}");
    }
    assert_eq!(names.len(), 3, "{names:?}");
}
