//! Victim finding on short documents written for these tests in the style of municipal
//! notices, school boards, hospitals, news leads and digests, plus the 0.3 rules (named second
//! cases, advice sections, group reports, release-header report dates).

use chrono::NaiveDate;
use leakwatch_extract::Extractor;
use leakwatch_model::{Cause, DataType, DocId, Document, Language, MediaType, Origin};

fn doc(text: &str, published: Option<NaiveDate>) -> Document {
    Document {
        id: DocId("v".into()),
        origin: Origin::File {
            path: "v.txt".into(),
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

fn records(text: &str) -> Vec<leakwatch_model::IncidentRecord> {
    let ex = Extractor::new().extract(&doc(text, None));
    ex.incidents.iter().map(|i| i.to_record()).collect()
}

fn orgs(text: &str) -> Vec<String> {
    records(text).into_iter().map(|r| r.organization).collect()
}

#[test]
fn municipal_notice_signed_by_a_department() {
    let t = "住民票の写しの誤交付について\n令和7年6月3日\n北浜市 市民課\n\
北浜市市民課において、住民票の写しを請求者とは別の市民に誤って交付する事案が発生しました。\
交付した書類には、氏名、住所、生年月日が記載されていました。\n\
関係者の皆様に深くお詫び申し上げます。";
    let o = orgs(t);
    assert!(o.iter().any(|n| n.starts_with("北浜市")), "{o:?}");
}

#[test]
#[ignore = "known gap: a 県教育委員会 reporting its own loss is not yet taken as the victim"]
fn school_board_reports_a_lost_usb_memory() {
    let t = "個人情報を含むUSBメモリの紛失について\n西海県教育委員会\n\
西海県教育委員会は、県立高校の教諭が生徒42名の成績を保存したUSBメモリを紛失したと発表しました。";
    let r = records(t);
    assert!(r.iter().any(|x| x.organization.contains("西海県")), "{r:?}");
    assert!(r
        .iter()
        .any(|x| x.cause == Cause::Loss && x.affected_count == Some(42)));
}

#[test]
fn city_hospital_misdelivery() {
    let t = "患者さまの個人情報を含むFAXの誤送信について\n東野市民病院\n\
当院において、患者さま3名の診療情報を記載した書類を、誤って別の医療機関にFAX送信する事案が発生いたしました。";
    let r = records(t);
    assert!(r.iter().any(|x| x.organization == "東野市民病院"), "{r:?}");
    assert!(r.iter().any(|x| x.cause == Cause::Misdelivery));
}

#[test]
fn news_lead_with_head_office_in_parentheses() {
    let t = "通販会社に不正アクセス カード情報流出か\n\
通信販売の株式会社ハルカゼ(本社・東京)は12日、同社の通販サイトが不正アクセスを受け、\
顧客のクレジットカード情報約3,000件が流出した可能性があると発表した。";
    let r = records(t);
    assert!(
        r.iter().any(|x| x.organization.contains("ハルカゼ")),
        "{r:?}"
    );
    let inc = r
        .iter()
        .find(|x| x.organization.contains("ハルカゼ"))
        .unwrap();
    assert_eq!(inc.cause, Cause::UnauthorizedAccess);
    assert_eq!(inc.affected_count, Some(3000));
    assert!(!inc.confirmed);
}

#[test]
fn company_named_with_trailing_kabushiki_abbreviation() {
    let t = "メール誤送信のお詫び\nアオゾラ商事(株)\n\
弊社担当者が、取引先様120名宛てのメールを送信する際、宛先をBCCではなくTOに設定したため、\
メールアドレスが他の受信者に表示される状態となりました。";
    let o = orgs(t);
    assert!(o.iter().any(|n| n.contains("アオゾラ商事")), "{o:?}");
}

#[test]
fn latin_letter_company_name() {
    let t = "不正アクセスに関するお知らせ\n株式会社KSP\n\
株式会社KSPは、当社サーバーが第三者による不正アクセスを受け、会員の氏名とメールアドレスが\
流出したことを確認しました。";
    let r = records(t);
    assert!(r.iter().any(|x| x.organization.contains("KSP")), "{r:?}");
    let inc = r.iter().find(|x| x.organization.contains("KSP")).unwrap();
    assert!(inc.data_types.contains(&DataType::Email));
    assert!(inc.confirmed);
}

#[test]
fn advice_section_never_sets_the_cause() {
    let t = "株式会社ミドリ工房に不正アクセス\n\
株式会社ミドリ工房は、同社サーバーが不正アクセスを受け、顧客情報が流出したと発表した。\n\
\n\
3. フィッシングへの警戒\n\
このような事件の後には、便乗したフィッシングメールが増えます。不審なメールは開かないでください。";
    let r = records(t);
    let inc = r
        .iter()
        .find(|x| x.organization.contains("ミドリ工房"))
        .unwrap();
    assert_eq!(inc.cause, Cause::UnauthorizedAccess);
}

#[test]
fn a_second_named_case_of_the_same_victim_is_its_own_incident() {
    let t = "保険会社の情報漏えいについて\n\
【ミナト損保】\n\
 誤送信事案は、代理店への連絡メールの宛先に他社の担当者が含まれていたため、顧客情報が漏えいしたもの。約5万件が漏えいした。\n\
 また、持ち出し事案は、ミナト損保の出向者が出向先の顧客情報を出向元に送付し漏えいを発生させていたもの。約2,000件の漏えいがあった。";
    let r = records(t);
    let mine: Vec<_> = r
        .iter()
        .filter(|x| x.organization.contains("ミナト損保"))
        .collect();
    assert_eq!(mine.len(), 2, "{r:?}");
    assert!(mine
        .iter()
        .any(|x| x.cause == Cause::Misdelivery && x.affected_count == Some(50_000)));
    assert!(mine
        .iter()
        .any(|x| x.cause == Cause::Insider && x.affected_count == Some(2000)));
}

#[test]
fn companies_reporting_a_leak_together_are_confirmed() {
    let t = "損保3社が情報漏えいの調査結果を公表\n\
 アサヒ損保、ユウヒ海上、ヨアケ火災の3社は、代理店経由の情報漏えいについて、その内容を金融庁に報告し、それぞれ公表した。";
    let r = records(t);
    assert!(r.len() >= 2, "{r:?}");
    assert!(r.iter().all(|x| x.confirmed), "{r:?}");
}

#[test]
fn release_header_date_is_a_report_date_not_a_disclosure_date() {
    let t = "会員情報流出に関するお詫び\n2025年4月7日\n株式会社サクラバ\n\
当社は、2025年3月28日、会員サーバーへの不正アクセスにより、会員の氏名が流出したことを確認いたしました。";
    let ex = Extractor::new().extract(&doc(t, None));
    let inc = ex
        .incidents
        .iter()
        .find(|x| x.organization.value.contains("サクラバ"))
        .unwrap();
    // Analysts record `disclosed` only when the text dates an announcement; the header date
    // still places the incident in time as the day it was reported.
    assert_eq!(inc.date(leakwatch_model::DateKind::Disclosed), None);
    assert_eq!(
        inc.date(leakwatch_model::DateKind::Reported),
        NaiveDate::from_ymd_opt(2025, 4, 7)
    );
    let r = inc.to_record();
    assert_eq!(
        r.dates.detected.or(r.dates.occurred),
        NaiveDate::from_ymd_opt(2025, 3, 28)
    );
}

#[test]
fn data_list_under_a_leak_heading() {
    let t = "カード情報漏えいの可能性について\n株式会社ツキミ堂\n\
当社サイトへの不正アクセスにより、カード情報が漏えいした可能性があります。\n\
2.漏えいした可能性のある情報\n\
2024年1月から3月までにカード決済をされたお客様のカード情報 最大800件\n\
・カード名義人名\n・クレジットカード番号\n・有効期限\n・セキュリティコード";
    let r = records(t);
    let inc = r
        .iter()
        .find(|x| x.organization.contains("ツキミ堂"))
        .unwrap();
    for dt in [
        DataType::Name,
        DataType::CardNumber,
        DataType::CardExpiry,
        DataType::CardCvv,
    ] {
        assert!(
            inc.data_types.contains(&dt),
            "{dt:?} in {:?}",
            inc.data_types
        );
    }
}
