//! End-to-end tests of the extractor on short releases and digests written for these tests
//! (not taken from the corpus), plus odd inputs that must not panic.

use chrono::NaiveDate;
use leakwatch_extract::{Extractor, EXTRACTOR_VERSION};
use leakwatch_model::{
    Cause, CountQualifier, DataType, DocId, Document, IncidentRecord, Language, MediaType, Origin,
    RelationRole, TraceNote,
};

fn doc(text: &str, published: Option<NaiveDate>) -> Document {
    Document {
        id: DocId("t".into()),
        origin: Origin::File {
            path: "t.txt".into(),
        },
        media_type: MediaType::Text,
        encoding: "UTF-8".into(),
        title: text.lines().next().map(str::to_string),
        published,
        language: Language::detect(text),
        text: text.to_string(),
        content_hash: String::new(),
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn company_release_with_ransomware_count_dates_and_types() {
    let text = "不正アクセスによる個人情報漏えいに関するお知らせ\n\
株式会社ミナミ精機\n\
当社は、2024年3月2日、当社サーバーがランサムウェアに感染したことを確認いたしました。\n\
調査の結果、お客様の氏名、住所、電話番号を含む最大で約1万2000件の個人情報が流出した可能性があることが判明しました。\n\
3月4日に警察へ相談し、3月5日に個人情報保護委員会へ報告いたしました。\n\
クレジットカード情報は含まれておりません。";
    let ex = Extractor::new().extract(&doc(text, None));
    // The version names the rules and the models they ran with.
    assert!(ex.extractor_version.starts_with(EXTRACTOR_VERSION));
    assert!(ex.extractor_version.contains("+ja-learned-"));
    assert_eq!(ex.incidents.len(), 1, "{:?}", ex.trace);
    let r = ex.incidents[0].to_record();
    assert_eq!(r.organization, "株式会社ミナミ精機");
    assert_eq!(r.cause, Cause::Ransomware);
    assert_eq!(r.affected_count, Some(12_000));
    assert_eq!(r.affected_qualifier, CountQualifier::Max);
    assert_eq!(r.affected_unit.as_deref(), Some("件"));
    for t in [DataType::Name, DataType::Address, DataType::Phone] {
        assert!(r.data_types.contains(&t), "{:?}", r.data_types);
    }
    assert!(!r.card_data);
    assert!(!r.confirmed);
    assert_eq!(r.dates.occurred, Some(d(2024, 3, 2)));
    assert_eq!(r.dates.reported_police, Some(d(2024, 3, 4)));
    assert_eq!(r.dates.reported_ppc, Some(d(2024, 3, 5)));
    // Every field carries a rule and evidence pointing into the text.
    let inc = &ex.incidents[0];
    let cause = inc.cause.as_ref().unwrap();
    assert!(cause.rule.starts_with("cause.model:"), "{}", cause.rule);
    let ev = cause.evidence.as_ref().unwrap();
    assert_eq!(&text[ev.span.start..ev.span.end], "ランサムウェア");
    assert!(ev.sentence.contains("ランサムウェア"));
    assert!(ex.trace.iter().any(|t| t.field == "segmentation"));
}

#[test]
fn news_article_with_bare_company_name_and_misdelivery() {
    let text = "メール誤送信でアドレス流出\n\
家具販売のモクレン(札幌市)は9日、顧客向けのお知らせメールを送信した際、宛先を誤ってTO送信し、812人分のメールアドレスが他の受信者に表示されたと発表した。";
    let ex = Extractor::new().extract(&doc(text, Some(d(2023, 5, 10))));
    assert_eq!(ex.incidents.len(), 1, "{:?}", ex.trace);
    let r = ex.incidents[0].to_record();
    assert_eq!(r.organization, "モクレン");
    assert_eq!(r.cause, Cause::Misdelivery);
    assert_eq!(r.affected_count, Some(812));
    assert_eq!(r.affected_unit.as_deref(), Some("人"));
    assert!(r.data_types.contains(&DataType::Email));
    assert!(r.confirmed);
    assert_eq!(r.dates.disclosed, Some(d(2023, 5, 9)));
}

#[test]
fn municipality_loss_with_hedge() {
    let text = "書類の紛失について\n\
北川市は、市民課の職員が住民票の写し3件を紛失したと発表した。第三者に閲覧された恐れがあるという。";
    let ex = Extractor::new().extract(&doc(text, None));
    assert_eq!(ex.incidents.len(), 1, "{:?}", ex.trace);
    let r = ex.incidents[0].to_record();
    assert_eq!(r.organization, "北川市");
    assert_eq!(r.cause, Cause::Loss);
    assert!(!r.confirmed);
}

#[test]
fn digest_yields_one_incident_per_named_victim_and_skips_statistics() {
    let text = "今週のセキュリティニュース\n\
●ランキング\n\
1 位:ハナミズキ電機に不正アクセス、顧客情報流出の可能性\n\
件数:最大 3 万件\n\
2 位:「マルヤマ書店オンライン」に不正アクセス\n\
件数:不明\n\
 株式会社マルヤマが運営する「マルヤマ書店オンライン」では、カード情報が漏えいした可能性がある。\n\
●統計\n\
 2024年の漏えい事故は前年比8%増の200件だった。";
    let ex = Extractor::new().extract(&doc(text, Some(d(2025, 1, 5))));
    let names: Vec<String> = ex
        .incidents
        .iter()
        .map(|i| i.organization.value.clone())
        .collect();
    assert_eq!(ex.incidents.len(), 2, "{names:?} {:?}", ex.trace);
    let first = ex.incidents[0].to_record();
    assert_eq!(first.organization, "ハナミズキ電機");
    assert_eq!(first.affected_count, Some(30_000));
    assert_eq!(first.affected_qualifier, CountQualifier::Max);
    let second = ex.incidents[1].to_record();
    assert_eq!(second.organization, "株式会社マルヤマ");
    assert!(second
        .aliases
        .contains(&"マルヤマ書店オンライン".to_string()));
    assert!(second.card_data);
    assert_eq!(second.affected_count, None);
}

#[test]
fn vulnerability_report_without_leak() {
    let text = "通信機器大手のアサギネットは12日、家庭用ルーターの一部製品に脆弱性が確認されたと発表した。第三者が設定を改ざんできる恐れがあるという。";
    let ex = Extractor::new().extract(&doc(text, Some(d(2024, 2, 1))));
    assert_eq!(ex.incidents.len(), 1, "{:?}", ex.trace);
    assert_eq!(ex.incidents[0].to_record().cause, Cause::Vulnerability);
}

#[test]
fn english_text_without_a_named_organisation_yields_nothing() {
    let ex = Extractor::new().extract(&doc(
        "A breach affecting 1,000 users was disclosed by the provider yesterday.",
        None,
    ));
    assert_eq!(ex.language, Language::En);
    assert!(ex.incidents.is_empty());
    // The subject of a news lead names the organisation even without a legal form.
    let ex = Extractor::new().extract(&doc(
        "Example Corp disclosed a breach affecting 1,000 users.",
        None,
    ));
    assert_eq!(ex.incidents[0].to_record().organization, "Example Corp");
}

#[test]
fn odd_inputs_do_not_panic() {
    let e = Extractor::new();
    let huge_line = "株式会社テスト".repeat(150_000); // ~1 MB on one line
    let inputs: Vec<String> = vec![
        String::new(),
        "。。。、、、!!??「」『』()【】".into(),
        "「".into(),
        "99999999999999999999999999件が流出".into(),
        "最大で約9999999999999999億件".into(),
        "13月45日、0月0日、同日、翌日、前日に不正アクセス".into(),
        "\u{200b}\u{feff}ｱｲｳ\u{1F600}漢字🀄️ 株式会社\n株式会社\n(株)\n「」を運営する株式会社"
            .into(),
        huge_line,
        "市市市市市県県県町立立立病院大学大学".into(),
        "A(B)(C)(((((( 株式会社A(株式会社B(".into(),
    ];
    for text in inputs {
        let doc = doc(&text, None);
        let ex = e.extract(&doc);
        for inc in &ex.incidents {
            for v in inc.stated_values() {
                if let Some(ev) = v.evidence {
                    assert!(ev.span.start <= ev.span.end && ev.span.end <= text.len());
                    assert!(
                        text.is_char_boundary(ev.span.start) && text.is_char_boundary(ev.span.end)
                    );
                }
                assert!((0.0..=1.0).contains(&v.confidence));
                assert!(!v.rule.is_empty());
            }
        }
    }
}

#[test]
fn issuer_from_header_line_of_a_municipal_release() {
    let text = "メールの誤送信について\n令和6年4月10日\n北川市 総務部 情報管理課\n\n北川市情報管理課において、登録者52名に案内メールを送信した際、宛先を誤って送信しました。\n";
    let ex = Extractor::new().extract(&doc(text, Some(d(2024, 4, 10))));
    assert_eq!(ex.incidents.len(), 1, "{:?}", ex.trace);
    assert_eq!(ex.incidents[0].organization.value, "北川市");
}

#[test]
fn issuer_with_hiragana_name_owns_its_shop_brand() {
    let text = "弊社が運営する「もりのパン工房オンライン」への不正アクセスに関するお詫び\n2024年5月2日\n株式会社もりのベーカリー\n\nこのたび、弊社が運営する「もりのパン工房オンライン」において不正アクセスを受け、お客様のクレジットカード情報(最大800件)が漏えいした可能性があることが判明いたしました。\n";
    let ex = Extractor::new().extract(&doc(text, Some(d(2024, 5, 2))));
    assert_eq!(ex.incidents.len(), 1, "{:?}", ex.trace);
    let inc = &ex.incidents[0];
    assert_eq!(inc.organization.value, "株式会社もりのベーカリー");
    assert!(inc
        .aliases
        .iter()
        .any(|a| a.value == "もりのパン工房オンライン"));
}

#[test]
fn english_release_is_extracted() {
    let text = "Notice of unauthorized access\nJune 3, 2024\nSakura Parts Co., Ltd.\n\nSakura Parts Co., Ltd. announces that its server suffered unauthorized access, and information on approximately 2,100 customers may have been exposed.\n";
    let ex = Extractor::new().extract(&doc(text, Some(d(2024, 6, 3))));
    assert_eq!(ex.incidents.len(), 1, "{:?}", ex.trace);
    assert_eq!(ex.incidents[0].organization.value, "Sakura Parts Co., Ltd.");
    assert_eq!(ex.incidents[0].to_record().cause, Cause::UnauthorizedAccess);
}

#[test]
fn without_trace_finds_the_same_incidents_and_skips_the_entity_explanations() {
    let text = "不正アクセスによる個人情報漏えいに関するお知らせ\n\
株式会社ミナミ精機\n\
当社は、2024年3月2日、委託先である株式会社ヒガシ計算センターのサーバーがランサムウェアに感染したことを確認いたしました。\n\
お客様約1万2000件の氏名と住所が流出した可能性があります。";
    let d = doc(text, None);
    let traced = Extractor::new().extract(&d);
    let quiet = Extractor::new().without_trace().extract(&d);
    assert_eq!(traced.incidents, quiet.incidents);
    let explains = |ex: &leakwatch_model::Extraction| {
        ex.trace
            .iter()
            .any(|n| n.field == "organizations" || n.field == "organization")
    };
    assert!(explains(&traced), "{:?}", traced.trace);
    assert!(!explains(&quiet), "{:?}", quiet.trace);
}

/// Extracts `text` (published on `day`) and returns the first incident whose record `pick`
/// accepts, with the trace; fails naming what was extracted when none is.
fn incident_where(
    text: &str,
    day: NaiveDate,
    pick: impl Fn(&IncidentRecord) -> bool,
) -> (IncidentRecord, Vec<TraceNote>) {
    let ex = Extractor::new().extract(&doc(text, Some(day)));
    let r = ex.incidents.iter().map(|i| i.to_record()).find(|r| pick(r));
    match r {
        Some(r) => (r, ex.trace),
        None => panic!("no such incident: {:?}", ex.trace),
    }
}

#[test]
fn related_processor_and_school_board_from_the_words_around_them() {
    // A payment processor named as one (決済代行会社、…) is the victim's processor.
    let text = "当社サイトにおける不正アクセスについて\n\
株式会社青葉ギフトは、当社サイトで利用している決済代行会社、株式会社みどりペイメントのシステムが\
不正アクセスを受け、お客様のクレジットカード情報1,200件が流出した可能性があると発表いたしました。";
    let (r, _) = incident_where(text, d(2025, 3, 3), |r| {
        r.organization == "株式会社青葉ギフト"
    });
    assert!(
        r.related
            .iter()
            .any(|x| x.name == "株式会社みどりペイメント" && x.role == RelationRole::Processor),
        "{:?}",
        r.related
    );
    // A school named in its board's notice has the board as its parent.
    let text = "個人情報を含む書類の紛失について\n\
白浜県教育委員会は10日、県立白浜南高校で生徒120人分の氏名と住所が記載された名簿を紛失したと発表した。";
    let (r, _) = incident_where(text, d(2025, 4, 10), |r| r.organization.ends_with("高校"));
    assert!(
        r.related
            .iter()
            .any(|x| x.name == "白浜県教育委員会" && x.role == RelationRole::Parent),
        "{:?}",
        r.related
    );
}

#[test]
fn the_suspect_named_in_an_arrest_report_is_the_attacker() {
    let text = "顧客名簿持ち出しで元社員を逮捕\n\
県警は5日、青葉通信株式会社の顧客約3,000人分の名簿を持ち出したとして、同社元社員の\
緑川一郎容疑者(41)を不正競争防止法違反の疑いで逮捕した。";
    let (r, trace) = incident_where(text, d(2025, 6, 5), |r| {
        r.organization == "青葉通信株式会社"
    });
    assert_eq!(r.attacker.as_deref(), Some("緑川一郎"), "{trace:?}");
}

#[test]
fn incidents_in_series_of_one_city_are_two_incidents() {
    let text = "白浜台市で個人情報の流出相次ぐ\n\
白浜台市で、職員による個人情報の流出が相次いでいたことが分かりました。\n\
市によりますと、3月4日、保険年金課の職員が、国民健康保険の通知を別の世帯に誤って郵送しました。\
通知には、加入者26人の名前と保険証の番号が記載されていました。\n\
また、3月11日には、福祉課の職員が、家庭訪問に持ち出した名簿を帰庁する途中でなくしました。\n\
名簿には、高齢者9人の名前と住所が書かれていました。\n\
\n\
市は、関係する人たちに謝罪したということです。\n";
    let ex = Extractor::new().extract(&doc(text, Some(d(2025, 3, 14))));
    let records: Vec<IncidentRecord> = ex.incidents.iter().map(|i| i.to_record()).collect();
    assert_eq!(records.len(), 2, "{:?}", ex.trace);
    assert!(records.iter().all(|r| r.organization == "白浜台市"));
    let counts: Vec<Option<u64>> = records.iter().map(|r| r.affected_count).collect();
    assert!(
        counts.contains(&Some(26)) && counts.contains(&Some(9)),
        "{counts:?}"
    );
    // Without the words of a series, the second paragraph stays with the first incident.
    let single = text.replace("相次いでいた", "あった").replace("相次ぐ", "");
    assert_eq!(
        Extractor::new()
            .extract(&doc(&single, Some(d(2025, 3, 14))))
            .incidents
            .len(),
        1
    );
}

#[test]
fn the_first_of_two_notices_in_one_sentence_is_the_detection() {
    // A news item of the project's own sibling set (`13日に利用者から、翌14日にはカード会社から
    // …連絡を受けた`): the first notice is the detection.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/dev13/h1315_morino_foods_bakery_shop_card.txt"
    );
    let text = std::fs::read_to_string(path).expect("the sibling set is in the repository");
    let ex = Extractor::new().extract(&doc(&text, None));
    let r = ex.incidents[0].to_record();
    assert_eq!(r.dates.detected, Some(d(2023, 2, 13)));
}

#[test]
fn the_commission_is_reported_to_on_the_day_of_the_preliminary_report() {
    let text = "不正アクセスによる個人情報漏えいに関するお詫び（第2報）\n\
2025年3月10日\n\
株式会社ミナミ精機\n\
\n\
経緯\n\
・1月20日　当社サーバーへの不正アクセスを確認\n\
・1月23日　個人情報保護委員会へ報告（速報）\n\
・2月21日　個人情報保護委員会へ報告（確報）\n\
\n\
お客様の氏名、メールアドレス約3,100件が流出した可能性がございます。\n";
    let ex = Extractor::new().extract(&doc(text, None));
    assert_eq!(ex.incidents.len(), 1, "{:?}", ex.trace);
    let r = ex.incidents[0].to_record();
    assert_eq!(r.dates.reported_ppc, Some(d(2025, 1, 23)), "{:?}", ex.trace);
}
