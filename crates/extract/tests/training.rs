//! Training on a fixed small gold set: the same documents give the same models twice, the
//! file round-trips, and the trained models pick the victims they were shown. The documents are
//! invented for this test.

use chrono::NaiveDate;
use leakwatch_extract::learn::gold::parse_gold;
use leakwatch_extract::learn::models::Models;
use leakwatch_extract::learn::train::{GoldDocument, TrainSettings};
use leakwatch_extract::Extractor;
use leakwatch_model::{DocId, Document, Language, MediaType, Origin};

fn doc(id: &str, text: &str, published: Option<NaiveDate>) -> Document {
    Document {
        id: DocId(id.into()),
        origin: Origin::File {
            path: format!("{id}.txt").into(),
        },
        media_type: MediaType::Text,
        encoding: "UTF-8".into(),
        title: text.lines().next().map(str::to_string),
        published,
        language: Language::Ja,
        content_hash: format!("{id}-hash"),
        text: text.into(),
    }
}

fn gold(id: &str, org: &str, cause: &str, count: Option<u64>, occurred: Option<&str>) -> String {
    let incidents = if org.is_empty() {
        String::new()
    } else {
        format!(
            r#"{{"organization":"{org}","aliases":[],"related":[],"cause":"{cause}",
            "affected_count":{},"affected_qualifier":"{}","affected_unit":{},"data_volume":null,
            "data_types":["name"],"card_data":false,"confirmed":false,
            "dates":{{"occurred":{},"detected":null,"disclosed":null,"reported_police":null,"reported_ppc":null}},
            "attacker":null,"regulator_action":null,"financial_impact_jpy":null}}"#,
            count.map_or("null".into(), |c| c.to_string()),
            if count.is_some() { "exact" } else { "unknown" },
            if count.is_some() { "\"件\"" } else { "null" },
            occurred.map_or("null".into(), |d| format!("\"{d}\"")),
        )
    };
    format!(
        r#"{{"doc_id":"{id}","url":null,"published":null,"language":"ja","incidents":[{incidents}]}}"#
    )
}

fn gold_documents() -> Vec<GoldDocument> {
    let cases = [
        ("a", "株式会社あおば精機における不正アクセスについて\n株式会社あおば精機は2024年3月2日、サーバーが不正アクセスを受け、顧客の氏名1,200件が流出した可能性があると発表した。\n警察にも相談している。", "株式会社あおば精機", "unauthorized_access", Some(1200), Some("2024-03-02")),
        ("b", "USBメモリの紛失について\n緑川市\n緑川市は2024年5月8日、職員が市民の氏名を記録したUSBメモリ1個を紛失したと発表した。対象は310件。", "緑川市", "loss", Some(310), Some("2024-05-08")),
        ("c", "メールの誤送信について\n株式会社しらはま観光は2024年6月1日、会員の氏名を含むメールを誤送信したと発表した。対象は45件。個人情報保護委員会に報告した。", "株式会社しらはま観光", "misdelivery", Some(45), Some("2024-06-01")),
        ("d", "パスワードの使い回しに注意しましょう\n近年、リスト型攻撃が増えています。二段階認証を設定しましょう。", "", "", None, None),
        ("e", "ランサムウェア被害のお知らせ\n株式会社みなと物産は2024年7月9日、サーバーがランサムウェアに感染したと発表した。取引先の氏名約800件が流出した恐れがある。", "株式会社みなと物産", "ransomware", Some(800), Some("2024-07-09")),
        ("f", "書類の紛失について\n北浜町は2024年8月20日、住民の氏名が記載された書類を紛失したと発表した。対象は12件。", "北浜町", "loss", Some(12), Some("2024-08-20")),
    ];
    cases
        .iter()
        .map(|(id, text, org, cause, count, occurred)| {
            let (rec, skipped) = parse_gold(&gold(id, org, cause, *count, *occurred)).unwrap();
            assert!(skipped.is_empty(), "{skipped:?}");
            GoldDocument {
                document: doc(id, text, None),
                gold: rec,
                set: "fixture".into(),
                weight: 1.0,
            }
        })
        .collect()
}

#[test]
fn the_same_gold_gives_the_same_models_twice() {
    let docs = gold_documents();
    let settings = TrainSettings {
        folds: 3,
        ..TrainSettings::default()
    };
    let a = Extractor::new().train(&docs, settings);
    let b = Extractor::new().train(&docs, settings);
    assert_eq!(a, b);
    assert_eq!(a.to_json(), b.to_json());
    assert_eq!(a.trained_on, vec!["fixture (6 documents)".to_string()]);
    // The file round-trips and loads as the extractor's models.
    let back = Models::from_json(&a.to_json()).unwrap();
    assert_eq!(back, a);
    assert!(!a.victim.weights.is_empty());
    assert!(!a.cause.weights.is_empty());
}

#[test]
fn trained_models_choose_the_victims_they_were_shown() {
    let docs = gold_documents();
    let models = Extractor::new().train(
        &docs,
        TrainSettings {
            folds: 3,
            ..TrainSettings::default()
        },
    );
    let ex = Extractor::with_models(models);
    for gd in &docs {
        let out = ex.extract(&gd.document);
        let names: Vec<String> = out
            .incidents
            .iter()
            .map(|i| i.organization.value.clone())
            .collect();
        let expected: Vec<String> = gd
            .gold
            .incidents
            .iter()
            .map(|i| i.organization.clone())
            .collect();
        assert!(
            expected.iter().all(|e| names.contains(e)),
            "{}: {names:?} vs {expected:?}",
            gd.document.id.0
        );
    }
}
