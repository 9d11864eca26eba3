//! Victim finding on short documents written for these tests in the style of municipal
//! notices, school boards, hospitals, news leads and digests, plus the 0.3 rules (named second
//! cases, advice sections, group reports, release-header report dates).

use chrono::NaiveDate;
use leakwatch_extract::Extractor;
use leakwatch_model::{
    Cause, DataType, DocId, Document, Language, MediaType, Origin, RelationRole,
};

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
fn an_apology_for_a_late_report_is_no_second_incident() {
    let t = "決済サービスにおける情報流出に関するご報告\n\
 この度、株式会社ミドリ工房の通販サイトで利用している決済代行会社において、不正アクセスによる情報流出が発生いたしました。お客様に深くお詫び申し上げます。\n\
 また、情報流出の有無や影響範囲などの調査結果を待ち、皆様へのご報告が遅くなりましたこと、重ねてお詫び申し上げます。";
    let r = records(t);
    let mine: Vec<_> = r
        .iter()
        .filter(|x| x.organization.contains("ミドリ工房"))
        .collect();
    assert_eq!(mine.len(), 1, "{r:?}");
    // A further leak told with the same apology is a second incident.
    let t = "個人情報の漏えいについて\n\
 株式会社ミドリ工房は、顧客名簿を誤って別の取引先に送付し、顧客情報が漏えいしたと発表した。\n\
 また、同社の元従業員が顧客情報を持ち出し、外部に漏えいすることとなり、重ねてお詫び申し上げます。";
    let r = records(t);
    let mine = r
        .iter()
        .filter(|x| x.organization.contains("ミドリ工房"))
        .count();
    assert_eq!(mine, 2, "{r:?}");
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

fn dates_of(r: &leakwatch_model::IncidentRecord) -> [Option<NaiveDate>; 5] {
    [
        r.dates.occurred,
        r.dates.detected,
        r.dates.disclosed,
        r.dates.reported_police,
        r.dates.reported_ppc,
    ]
}

#[test]
fn school_board_yields_to_the_named_school() {
    let t = "生徒の成績一覧の誤送信について\n東谷町教育委員会\n\
東谷町教育委員会は、東谷町立東谷中学校の教員が生徒58名の成績一覧を保護者あてにメールで誤送信したと発表しました。";
    let o = orgs(t);
    assert!(o.iter().any(|x| x == "東谷町立東谷中学校"), "{o:?}");
    assert!(!o.iter().any(|x| x.contains("教育委員会")), "{o:?}");
}

#[test]
fn shinkin_bank_with_a_hiragana_name_and_digit_thousands() {
    let t = "お客さま情報の流出の可能性について\n2025年3月4日\nみなみ信用金庫\n\
当金庫のウェブサーバが不正アクセスを受け、お客さま約3千件の氏名と電話番号が流出した可能性があることが判明しました。";
    let r = records(t);
    assert!(
        r.iter().any(|x| x.organization == "みなみ信用金庫"),
        "{r:?}"
    );
    assert_eq!(r[0].affected_count, Some(3000));
}

#[test]
fn mixed_digit_and_kanji_counts() {
    let t =
        "通販サイトに不正アクセス\n(株)ミドリ商会は15日、運営する通販サイトが不正アクセスを受け、\
顧客のクレジットカード情報1万2千件が流出した可能性があると発表した。";
    let r = records(t);
    assert_eq!(r[0].affected_count, Some(12_000), "{r:?}");
    let t = "ランサム被害\nアオバ精工(株)(本社・大阪市)は2日、サーバーがランサムウェアに感染したと発表した。\
従業員の個人情報約2千5百人分が流出した恐れがある。";
    let r = records(t);
    assert!(r[0].organization.contains("アオバ精工"), "{r:?}");
    assert_eq!(r[0].affected_count, Some(2500));
}

#[test]
fn parent_announces_its_subsidiarys_breach() {
    let t = "旅行子会社に不正アクセス\n\
北浜ホールディングス(本社・札幌市)は3日、子会社の北浜トラベル(同)が運営する予約サイトが不正アクセスを受け、\
会員2万人超の個人情報が流出した可能性があると発表した。";
    let r = records(t);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].organization, "北浜トラベル");
    assert!(r[0]
        .related
        .iter()
        .any(|x| x.name.contains("北浜ホールディングス")));
}

#[test]
fn first_person_parent_release_about_a_subsidiary() {
    let t = "子会社への不正アクセスについて\n2025年5月1日\n株式会社ヤマト重工\n\
当社の連結子会社である株式会社ヤマト重工サービスのサーバが不正アクセスを受け、\
取引先の情報約200件が外部に流出した可能性があることが判明しました。";
    let r = records(t);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].organization, "株式会社ヤマト重工サービス");
}

#[test]
fn digest_item_named_only_in_its_headline() {
    let t = "今週のセキュリティニュース\n\
■ハナミズキ電機、ランサムウェア被害\n同社は17日、サーバーが暗号化される被害を受けたと発表した。\n\
■つくし食品の通販サイトに不正アクセス\n同社は18日、カード情報320件が流出したと発表した。\n";
    let o = orgs(t);
    assert!(o.iter().any(|x| x == "つくし食品"), "{o:?}");
    assert!(o.iter().any(|x| x == "ハナミズキ電機"), "{o:?}");
}

#[test]
#[ignore = "known miss (issue 10): a bare contractor name with a (本社・…) note scores below the victim threshold"]
fn contractor_ransomware_with_clients_listed() {
    let t = "発送代行にランサム攻撃\n\
 発送代行の青空ロジスティクス(本社・仙台市)がランサムウエア攻撃を受けた問題で、同社は9日、約8万件が流出した可能性があると明らかにした。\n\
 委託元から預かっていたデータのうち、東野市の納税通知書データ約5万件、西山電力株式会社の検針票データ約3万件などが保存されていた。";
    // The shared corpus convention (`shared/corpus/README.md`): a processor's leak that hit
    // named clients is an incident of the processor and of each named client.
    let r = records(t);
    assert!(
        r.iter()
            .any(|x| x.organization.contains("青空ロジスティクス")),
        "{r:?}"
    );
    assert!(r.iter().any(|x| x.organization == "東野市"), "{r:?}");
    assert!(
        r.iter().any(|x| x.organization.contains("西山電力")),
        "{r:?}"
    );
}

#[test]
fn threat_actor_in_brackets_is_not_a_victim() {
    let t = "週刊まとめ\n【ランサムウェア】生活協同組合コープかわせみ、宅配システムが停止\n\
 生活協同組合コープかわせみは3日、受注システムがランサムウェアに感染したと明らかにした。\
ランサムウェアグループ「Qilin」がリークサイトで犯行を主張している。";
    let o = orgs(t);
    assert!(o.iter().any(|x| x.contains("コープかわせみ")), "{o:?}");
    assert!(!o.iter().any(|x| x == "Qilin"), "{o:?}");
}

#[test]
fn arrested_shop_manager_names_the_employer() {
    let t = "携帯販売店の元店長を逮捕\n\
 逮捕されたのは、携帯電話販売代理店「株式会社ヒガシモバイル」(本社・静岡市)の店舗で店長を務めていた男。\
男は顧客約8千人分の氏名を持ち出し、名簿業者に売却した疑いがある。";
    let r = records(t);
    assert!(
        r.iter().any(|x| x.organization.contains("ヒガシモバイル")),
        "{r:?}"
    );
    assert_eq!(r[0].affected_count, Some(8000));
}

#[test]
fn city_notice_signed_only_at_the_end() {
    let t = "納税通知書の誤送付について\n令和7年7月18日\n\n\
 このたび、納税通知書を本来の送付先とは異なる世帯に送付する事案が発生しました。\n\
■件数\n 対象世帯数:31世帯\n\n北岬市 税務部 市民税課\n電話 0000-00-0000\n";
    let r = records(t);
    assert!(r.iter().any(|x| x.organization == "北岬市"), "{r:?}");
}

#[test]
fn timeline_kinds_are_extra_dates() {
    use leakwatch_model::DateKind;
    let t = "ランサムウェア被害について\n2025年9月10日\n株式会社サザナミ物産\n\
当社は、2025年9月1日にランサムウェアによる攻撃を受け、2025年9月2日に受注システムを停止しました。\
2025年9月8日に受注を再開しました。";
    let ex = Extractor::new().extract(&doc(t, NaiveDate::from_ymd_opt(2025, 9, 10)));
    let inc = &ex.incidents[0];
    let kinds: Vec<DateKind> = inc.dates.iter().map(|d| d.value.kind).collect();
    assert!(kinds.contains(&DateKind::ServiceStopped), "{kinds:?}");
    assert!(kinds.contains(&DateKind::ServiceRestored), "{kinds:?}");
    let r = inc.to_record();
    assert_eq!(
        dates_of(&r)[0],
        NaiveDate::from_ymd_opt(2025, 9, 1),
        "occurred stays a schema date"
    );
}

#[test]
fn news_lead_date_is_the_only_disclosure_date() {
    let t = "住宅設備会社の社員がPC置き忘れ\n\
 株式会社ミナトリフォームは11日、営業担当の社員が11月7日夜、顧客300件分の氏名を保存したノートPCを電車内に置き忘れたと発表した。";
    let ex = Extractor::new().extract(&doc(t, NaiveDate::from_ymd_opt(2025, 11, 17)));
    let r = ex.incidents[0].to_record();
    assert_eq!(r.dates.disclosed, NaiveDate::from_ymd_opt(2025, 11, 11));
    assert_eq!(r.dates.occurred, NaiveDate::from_ymd_opt(2025, 11, 7));
}

#[test]
fn next_day_with_a_day_number_follows_the_previous_date() {
    let t = "不審メール送信のお詫び\n特定非営利活動法人あおぞら支援会\n\
 2025年5月19日、当法人の職員が偽サイトにIDとパスワードを入力してしまいました。\
翌20日午前、同アカウントから不審なメールが送信されていることを把握しました。";
    let r = records(t);
    assert_eq!(r[0].cause, Cause::Phishing, "{r:?}");
    assert_eq!(r[0].dates.occurred, NaiveDate::from_ymd_opt(2025, 5, 19));
    assert_eq!(r[0].dates.detected, NaiveDate::from_ymd_opt(2025, 5, 20));
}

#[test]
fn english_notice_on_a_cloud_setting() {
    let t = "Notice Concerning the Exposure of Customer Data\nKitahama Foods Co., Ltd.\n\n\
Kitahama Foods Co., Ltd. announces that files containing customer data were publicly accessible because of an incorrect access setting.\n\
On July 2, 2025, an employee changed the access setting of a shared folder, and the folder became viewable by anyone. \
On July 9, 2025, a customer informed us of the problem.\n\
The folder contained more than 2,000 records, including names, delivery addresses and telephone numbers. \
Access logs show downloads from addresses not associated with the company.\n";
    let r = records(t);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].cause, Cause::Misconfiguration);
    assert_eq!(r[0].affected_count, Some(2000));
    assert_eq!(r[0].dates.occurred, NaiveDate::from_ymd_opt(2025, 7, 2));
    assert_eq!(r[0].dates.detected, NaiveDate::from_ymd_opt(2025, 7, 9));
    assert!(r[0].data_types.contains(&DataType::Name), "{r:?}");
    assert!(r[0].data_types.contains(&DataType::Phone), "{r:?}");
}

#[test]
fn card_data_said_to_be_safe_is_not_card_data() {
    let t = "予約サイトに不正アクセス\n\
 株式会社ハマナストラベルは3日、予約サイトが不正アクセスを受け、会員1万人の氏名とメールアドレスが流出した可能性があると発表した。\
クレジットカード情報は決済代行会社が管理しており、流出の恐れはないとしている。";
    let r = records(t);
    assert!(!r[0].card_data, "{r:?}");
    assert!(!r[0].data_types.contains(&DataType::CardNumber), "{r:?}");
}

#[test]
fn timeline_events_are_dated_beside_the_schema_dates() {
    let t = "ランサムウェア被害について(第2報)\n株式会社カワセミ運輸\n\
当社は、2025年7月3日にランサムウェアによるシステム障害を検知しました。\
また、2025年7月20日、攻撃者を名乗る集団が、自らのリークサイト上で当社のデータの一部を公開しました。\
当社は2025年7月28日に全ての配送業務を再開し、システムは全面的に復旧いたしました。\
なお、2025年8月5日、データを持ち出した元委託社員が警察に逮捕されました。";
    let ex = Extractor::new().extract(&doc(t, None));
    let inc = ex
        .incidents
        .iter()
        .find(|x| x.organization.value.contains("カワセミ運輸"))
        .unwrap();
    let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day);
    assert_eq!(inc.date(leakwatch_model::DateKind::Detected), d(7, 3));
    assert_eq!(inc.date(leakwatch_model::DateKind::AttackerClaim), d(7, 20));
    assert_eq!(
        inc.date(leakwatch_model::DateKind::ServiceRestored),
        d(7, 28)
    );
    assert_eq!(
        inc.date(leakwatch_model::DateKind::RegulatorAction),
        d(8, 5)
    );
}

#[test]
fn brand_release_names_its_operator_in_a_labelled_footer() {
    let t = "「はるいろ便」メール誤送信のお詫び\n2025年4月2日\n\
「はるいろ便」会員の皆様へ\n\
4月1日に送信したお知らせメールにおいて、当社担当者が宛先をBCCではなくCCに入力したため、\
会員様のメールアドレス312件が他の受信者に表示される状態となりました。\n\
深くお詫び申し上げます。\n\
――――\n季節の花の定期便「はるいろ便」\n運営:合同会社ミナミ花卉研究所\n〒000-0000 某県某市\n";
    let r = records(t);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].organization, "合同会社ミナミ花卉研究所");
    assert_eq!(r[0].cause, Cause::Misdelivery);
}

#[test]
fn parent_named_only_in_the_header_announces_its_subsidiarys_breach() {
    let t = "2025年8月1日\n各 位\n会 社 名 あさひね食品ホールディングス株式会社\n\
連結子会社における不正アクセスについて\n\
当社の連結子会社であるあさひね通販株式会社(本社:静岡県沼津市)が運営する通販サイトのサーバーが\
第三者による不正アクセスを受け、顧客の氏名、住所が流出した可能性があることが判明しました。\n";
    let r = records(t);
    let names: Vec<&str> = r.iter().map(|r| r.organization.as_str()).collect();
    assert_eq!(names, vec!["あさひね通販株式会社"], "{r:?}");
    assert!(
        r[0].related
            .iter()
            .any(|x| x.name.contains("あさひね食品ホールディングス")
                && x.role == RelationRole::Parent)
    );
}

#[test]
fn parent_announcing_two_subsidiaries_incidents_is_no_victim_itself() {
    let t = "2025年9月1日\n各 位\n会 社 名 あさひね食品ホールディングス株式会社\n\
連結子会社における個人情報の漏えいのおそれについて\n\
当社の連結子会社であるあさひね通販株式会社(以下「あさひね通販」)および株式会社あさひね物流\
(以下「あさひね物流」)において、それぞれ別個の事案により、個人情報が漏えいしたおそれがあることが判明いたしました。\n\
1.あさひね通販における不正アクセス\n\
あさひね通販の従業員のメールアカウントに第三者が不正にログインし、取引先の氏名が流出した可能性があります。\n\
2.あさひね物流における書類の紛失\n\
あさひね物流の営業所で、顧客120名分の配送伝票を紛失いたしました。\n";
    let r = records(t);
    let names: Vec<&str> = r.iter().map(|r| r.organization.as_str()).collect();
    assert!(
        !names.iter().any(|n| n.contains("ホールディングス")),
        "{names:?}"
    );
    assert!(names.contains(&"あさひね通販株式会社"), "{names:?}");
}

#[test]
fn regulator_sanction_names_the_company_as_victim() {
    let t = "総務省、通信会社に行政指導\n2025年11月20日\n\
総務省は19日、光回線サービスを提供する株式会社ミナトリンク(本社・横浜市)に対し、\
利用者のメール情報が外部から閲覧できる状態になっていた事案を巡り、行政指導を行った。\n";
    let o = orgs(t);
    assert_eq!(o, vec!["株式会社ミナトリンク"], "{o:?}");
}

#[test]
fn investigation_results_are_not_a_survey() {
    let t =
        "有限会社しおさい工房は4月11日、同社が運営する「しおさいストア」への不正アクセスについて、\
調査結果を発表した。決済画面が改ざんされ、カード情報が漏えいした可能性がある。\n";
    assert_eq!(orgs(t), vec!["有限会社しおさい工房"]);
}

#[test]
fn contractor_named_before_the_held_data_is_the_victim() {
    let t = "顧客情報持ち出しで元派遣社員を逮捕\n2025年10月8日\n\
県警は7日、元派遣社員の男を逮捕した。男は派遣先だった運営会社「北浜テレサービス」の端末から、\
同社が受託していた通信会社「ミヤマ光」の顧客の氏名など約2万件のデータを持ち出した疑い。\n";
    // The contractor whose terminal the data was taken from is an incident, with the client
    // whose data it held as data owner; the police that arrested are no party.
    let r = records(t);
    let contractor = r
        .iter()
        .find(|x| x.organization == "北浜テレサービス")
        .unwrap_or_else(|| panic!("{r:?}"));
    assert!(
        contractor
            .related
            .iter()
            .any(|x| x.name == "ミヤマ光" && x.role == RelationRole::DataOwner),
        "{r:?}"
    );
    assert!(!r.iter().any(|x| x.organization.contains("県警")), "{r:?}");
}

#[test]
fn unlisted_enumeration_items_are_other() {
    let t =
        "株式会社あおなみツアーは6月2日、予約システムへの不正アクセスで、顧客の氏名、電話番号、\
旅券番号が流出したと発表した。\n";
    let r = records(t);
    assert!(
        r[0].data_types.contains(&DataType::Other),
        "{:?}",
        r[0].data_types
    );
    assert!(r[0].data_types.contains(&DataType::Name));
}

#[test]
fn a_range_year_does_not_date_later_month_days() {
    let t = "株式会社ことりトラベルへの不正アクセスについて\n2025年7月30日\n\
当社システムへの不正アクセスにより、2021年1月以降にお申し込みのお客様の氏名が流出したことが判明しました。\n\
5月30日に個人情報保護委員会へ報告いたしました。\n";
    let r = records(t);
    assert_eq!(
        r[0].dates.reported_ppc,
        NaiveDate::from_ymd_opt(2025, 5, 30),
        "{:?}",
        r[0].dates
    );
}

#[test]
fn client_reports_its_contractors_ransomware() {
    let t = "委託先におけるランサムウェア被害について\n2025年7月3日\n株式会社ひばり工務店\n\
当社が発送業務を委託している株式会社ナギサ発送がランサムウェア攻撃の被害に遭い、\
当社が提供していたお客様の氏名、住所が外部に流出したことが判明いたしました。\n\
深くお詫び申し上げます。\n";
    // The shared corpus practice for a client's own release about the one contractor that held
    // its data: the client is the incident, the contractor its processor.
    let r = records(t);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].organization, "株式会社ひばり工務店");
    assert!(
        r[0].related
            .iter()
            .any(|x| x.name == "株式会社ナギサ発送" && x.role == RelationRole::Processor),
        "{r:?}"
    );
}

#[test]
fn impersonation_warning_is_no_incident() {
    let t = "【注意喚起】「そよかぜ便」を装った偽サイトにご注意ください\n2025年5月9日\n株式会社そよかぜ\n\
当社サービスの名称を無断で使用した偽サイトが確認されております。偽サイトではクレジットカード番号の入力を求められます。\n\
今回の件は第三者が当社を装って行っているものであり、当社が保有するお客様の情報が外部に流出した事実は確認されておりません。\n";
    assert!(records(t).is_empty());
}

#[test]
fn digest_bullets_continue_their_item() {
    let t = "週間セキュリティニュース\n2025年9月8日\n\
1. 協会が名簿を誤掲載\n\
・一般社団法人ひばり市陸上協会は9月5日、大会参加者の名簿をウェブサイトに掲載した際、本来は掲載しない住所を含むファイルを誤って掲載したと発表した。\n\
・対象は参加者1,208人。9月1日に掲載し、3日に参加者からの指摘で判明したため削除した。掲載期間中にファイルが閲覧されたかどうかは分かっていない。\n";
    let r = records(t);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].organization, "一般社団法人ひばり市陸上協会");
    assert_eq!(r[0].affected_count, Some(1208));
}

#[test]
fn an_unknown_group_introduced_as_such_is_the_attacker() {
    let t = "ランサムウェアグループ「GrimVeil」、化学メーカーのデータ2.1TBを窃取と主張\n2025年8月4日\n\
ランサムウェアグループ「GrimVeil」が、ダークウェブ上のリークサイトに化学メーカーのミズハ化成の名前を掲載し、\
約2.1TBのデータを窃取したと主張している。\n\
ミズハ化成は7月28日、同社のサーバーがランサムウェア攻撃を受けたことを公表していた。\n";
    let r = records(t);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].organization, "ミズハ化成");
    assert_eq!(r[0].attacker.as_deref(), Some("GrimVeil"));
    assert_eq!(r[0].data_volume.as_deref(), Some("2.1TB"));
}

#[test]
fn a_research_firms_survey_results_name_no_victim() {
    let t = "情報漏えい事故、2024年は過去最多の189件 上場企業の調査\n2025年1月20日\n\
調査会社のミナトリサーチは1月20日、上場企業とその子会社の個人情報漏えい・紛失事故の調査結果を発表した。\
2024年に公表された事故は189件で、前年比5.0%増となり過去最多を更新した。原因別では不正アクセスが約6割を占めた。\n";
    let o = orgs(t);
    assert!(!o.iter().any(|n| n.contains("ミナトリサーチ")), "{o:?}");
}

#[test]
fn a_kind_of_shop_is_no_name() {
    let t = "当社オンラインショップへの不正アクセスに関するお詫び\n2025年12月3日\n株式会社そよ風雑貨\n\
このたび、当社が運営するオンラインショップ「そよ風ストア」が第三者による不正アクセスを受け、\
お客様のクレジットカード情報(最大1,932件)及び個人情報(5,870件)が漏えいした可能性があることが判明いたしました。\n";
    let r = records(t);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].organization, "株式会社そよ風雑貨");
    assert_eq!(r[0].affected_count, Some(5870));
    assert!(r[0].card_data);
}

#[test]
fn a_slip_described_with_subekitokoro_is_no_advice() {
    let t = "【お詫び】メール誤送信による個人情報の流出について\n2025年6月2日\n一般財団法人みなみ福祉会\n\
当会職員が、5月30日にイベント参加者132名に案内メールを送信した際、宛先をBCCに入力すべきところをTOに入力したため、\
受信者全員のメールアドレスが他の受信者に表示される状態となりました。\n";
    let r = records(t);
    assert_eq!(r[0].data_types, vec![DataType::Email]);
    assert_eq!(r[0].cause, Cause::Misdelivery);
}

#[test]
fn data_taken_from_the_former_employer_names_it_not_the_mans_home() {
    let t = "元社員が顧客情報を持ち出し　警視庁が逮捕\n2025年9月4日\n\
警視庁は3日、東京都新宿区の会社員の男(41)を不正競争防止法違反の疑いで逮捕した。\
男は2024年3月、当時勤務していた株式会社ひかりスタッフから、取引先約2,800社の担当者名や連絡先を記録したデータを私用のUSBメモリに複製して持ち出した疑い。\n";
    let o = orgs(t);
    assert_eq!(o, vec!["株式会社ひかりスタッフ"], "{o:?}");
}

#[test]
fn prefectural_facility_with_hiragana_in_its_name() {
    let t = "週刊セキュリティトピックス\n\n■ 病院で患者情報入りUSBメモリ紛失\n\
県立みどり病院は10月10日、看護師が患者58人分の氏名や病名を記録したUSBメモリを紛失したと発表した。\n";
    let r = records(t);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].organization, "県立みどり病院");
    assert_eq!(r[0].cause, Cause::Loss);
}

#[test]
fn a_finding_about_an_earlier_intrusion_does_not_date_the_detection() {
    let t = "不正アクセスに関するお知らせ\n2025年9月30日\n株式会社みずいろ製作所\n\
1. 経緯\n2025年9月8日 当社サーバーへの不審な通信を検知\n2025年9月10日 個人情報保護委員会へ報告\n\
2. 原因\n調査の結果、2025年8月29日に、保守用VPN機器の脆弱性を悪用した第三者が当社ネットワークに侵入したことが判明しました。\n\
3. 漏えいした可能性のある情報\nお取引先様の氏名、電話番号 計3,120件\n";
    let r = records(t);
    assert_eq!(r[0].dates.occurred, NaiveDate::from_ymd_opt(2025, 8, 29));
    assert_eq!(r[0].dates.detected, NaiveDate::from_ymd_opt(2025, 9, 8));
    assert_eq!(
        r[0].dates.reported_ppc,
        NaiveDate::from_ymd_opt(2025, 9, 10)
    );
}

#[test]
fn ranking_entries_name_their_victims() {
    let t = "2025年7月の情報漏えい事故まとめ\n2025年8月5日\n\
7月に公表された情報漏えい事故は42件で、原因別では不正アクセスが18件(42.9%)だった。\n\
【被害件数の多かった事故】\n\
1位 株式会社しらさぎ交通 約18万件(不正アクセス)\nタクシー配車アプリの会員情報が流出した可能性。\n\
2位 たつの市 約2万3千件(誤送信)\n市民の氏名と住所を記載したファイルを誤って別の自治体に送信した。\n\
3位 株式会社ことのは出版 1万2,400件(ランサムウェア)\nランサムウェア「Akira」による攻撃で読者会員の情報が流出した可能性がある。\n";
    let o = orgs(t);
    assert_eq!(
        o,
        vec!["株式会社しらさぎ交通", "たつの市", "株式会社ことのは出版"],
        "{o:?}"
    );
}

#[test]
#[ignore = "known miss (issue 10): 宮城県の外郭団体 makes 宮城県 an incident"]
fn public_clients_named_after_the_outsourcing_words_are_data_owners() {
    let t = "印刷会社にランサムウェア攻撃、委託元4団体の個人情報流出か\n2025年10月3日\n\
印刷業務を請け負う株式会社あおば印刷(仙台市)は2日、同社のサーバーがランサムウェアによる攻撃を受け、\
業務を委託していた仙台市、宮城県の外郭団体など4団体の顧客情報計約9万件が流出した可能性があると発表した。\n";
    let r = records(t);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].organization, "株式会社あおば印刷");
    assert!(r[0]
        .related
        .iter()
        .any(|x| x.name == "仙台市" && x.role == RelationRole::DataOwner));
    assert!(
        !r[0].related.iter().any(|x| x.name.contains("団体")),
        "{r:?}"
    );
}

#[test]
fn a_bare_kind_of_company_is_no_related_party() {
    let t = "委託先のシステム会社に不正アクセス、2社の顧客情報が流出の可能性\n2025年9月18日\n\
保険代理店の株式会社あさひ保険企画と、不動産管理の株式会社ゆうなぎ不動産は17日、顧客管理システムの運用を委託していた\
株式会社クラウドブリッジが不正アクセスを受け、両社の顧客情報が流出した可能性があると発表した。\n";
    // The contractor hit and both named clients are incidents (shared corpus convention);
    // `システム会社` describes the contractor and is no party of its own.
    let r = records(t);
    assert!(
        r.iter()
            .any(|x| x.organization == "株式会社クラウドブリッジ"),
        "{r:?}"
    );
    assert!(
        !r.iter().any(|x| x.organization.contains("システム会社")
            || x.related.iter().any(|y| y.name.contains("システム会社"))),
        "{r:?}"
    );
}

#[test]
fn a_vendor_named_in_a_clients_release_is_its_processor() {
    let t = "不正アクセスによるお客様のクレジットカード情報漏えいに関するお詫びとお知らせ\n\
2025年9月12日\n株式会社こもれび化粧品\n\
このたび、当社の通販サイト「こもれびオンライン」が導入していた、株式会社ミナセシステム\
(以下「ミナセ社」といいます。)が提供する決済サービスが第三者による不正アクセスを受け、\
当社サイトでご利用いただいたお客様のクレジットカード情報1,204件が漏洩した可能性があることが判明しました。\n\
2025年6月30日、ミナセ社より、同社のプログラムが改ざんされていたとの連絡を受けました。\n";
    let r = records(t);
    assert_eq!(
        r.iter()
            .map(|x| x.organization.as_str())
            .collect::<Vec<_>>(),
        vec!["株式会社こもれび化粧品"],
        "{r:?}"
    );
    assert!(
        r[0].related
            .iter()
            .any(|x| x.name == "株式会社ミナセシステム" && x.role == RelationRole::Processor),
        "{r:?}"
    );
}

#[test]
fn a_related_articles_list_names_other_stories_but_a_ranking_may_name_this_months() {
    let page = "ホーム > ニュース\n\
あけぼの物流にランサムウェア攻撃 顧客情報流出の恐れ\n2023年8月4日\n\
 物流大手のあけぼの物流は3日、同社のサーバーがランサムウェアによるサイバー攻撃を受け、\
顧客の情報が流出した恐れがあると発表した。流出した可能性があるのは顧客約9000人分の氏名や住所。\n\
関連記事\n\
県立ささなみ医療センターでUSBメモリー紛失(2023/07/12)\n\
はやせ野市、住民情報を誤送付 12人分(2023/07/21)\n";
    assert_eq!(orgs(page), vec!["あけぼの物流".to_string()]);
    // The same headline under a ranking heading stays a candidate like any other line.
    let ranked = page.replace("関連記事\n", "関連記事\nアクセスランキング\n");
    assert!(orgs(&ranked).len() > 1, "{:?}", orgs(&ranked));
}

#[test]
fn the_stories_listed_after_an_article_are_not_its_victims_nor_its_data() {
    let page = "最新ニュース\n\
うしお銀行、顧客情報含む帳票を誤廃棄\n2024年2月9日\n\
 うしお銀行は8日、顧客約4,800人分の氏名や口座番号が記載された帳票を誤って廃棄していたと発表した。\
外部への流出は確認されていないとしている。\n\
次の記事\n\
あけぼの物流にランサムウェア攻撃、取引先情報流出の恐れ\n\
新着記事\n\
・ことぶき製菓の通販サイトに不正アクセス、カード情報1,200件流出か\n\
・しらかば大学で学生のメールアカウント乗っ取り被害\n";
    let r = records(page);
    assert_eq!(
        r.len(),
        1,
        "{:?}",
        r.iter().map(|x| &x.organization).collect::<Vec<_>>()
    );
    assert_eq!(r[0].organization, "うしお銀行");
    assert_eq!(r[0].affected_count, Some(4800));
    assert!(!r[0].card_data);
    assert!(
        !r[0].data_types.contains(&DataType::CardNumber),
        "{:?}",
        r[0].data_types
    );
    assert!(
        !r[0].data_types.contains(&DataType::PartnerInfo),
        "{:?}",
        r[0].data_types
    );
}

#[test]
fn a_municipal_page_s_latin_navigation_names_no_issuer() {
    let page = "本文へスキップ\n文字サイズ 標準 拡大\nForeign Language\n\
くらし・手続き 子育て・教育 市政情報\n個人情報を含む書類の紛失について\n更新日 令和6年7月12日\n\
 北浜市子ども家庭課において、児童手当の申請書類を紛失する事案が発生しましたので、お知らせします。\
関係する皆様に深くお詫び申し上げます。\n\
紛失した書類に記載された情報\n 申請者の氏名、住所、生年月日、口座番号\n\
このページに関するお問い合わせ\n子ども家庭課 児童給付係\nSite Map | Page Top\n";
    assert_eq!(orgs(page), vec!["北浜市".to_string()]);
}

#[test]
fn a_company_s_list_of_other_releases_is_no_incident_and_dates_nothing() {
    let page = "KAWASEMI DENKI\n製品情報 | 企業情報 | IR情報\nホーム > ニュースリリース > 2024年\n\
ニュースリリース\n2024.05.20\n当社サーバーへの不正アクセスに関するお詫びとお知らせ\n株式会社かわせみ電機\n\
 このたび、当社のサーバーが第三者による不正アクセスを受け、当社製品「カワセミルーター」をご購入いただいた\
お客様の個人情報の一部が外部に流出した可能性があることが判明いたしました。\n\
 2024年5月10日、当社サーバーにおいて不審な挙動を確認しました。\n\
 流出した可能性のある情報:「カワセミルーター」購入者 2,140名様の氏名、住所、電話番号\n以上\n\
ニュースリリース一覧\n\
2024.04.25 新型ルーター「カワセミルーターX」発売のお知らせ\n\
2024.02.14 株式会社ひばり技研との業務提携に関するお知らせ\n";
    let r = records(page);
    assert_eq!(
        r.len(),
        1,
        "{:?}",
        r.iter().map(|x| &x.organization).collect::<Vec<_>>()
    );
    assert_eq!(r[0].organization, "株式会社かわせみ電機");
    assert_eq!(r[0].dates.disclosed, None);
    assert_eq!(r[0].dates.detected, NaiveDate::from_ymd_opt(2024, 5, 10));
}

#[test]
fn a_firm_introduced_by_its_role_in_the_issuer_s_release_is_no_victim() {
    let t = "当社オンラインショップへの不正アクセスに関するお詫び\n2025年3月20日\n株式会社こまどり本舗\n\
2025年2月14日、カード会社から、本サイトで利用されたカードに不正利用の疑いがあるとの連絡があり、\
弊社は当日中に、決済代行会社である株式会社ペイリンクスに依頼してカード決済を停止いたしました。\n\
調査の結果、第三者の不正アクセスにより、お客様のカード情報が漏えいした可能性があることが判明いたしました。\n\
対象は最大2,400件です。\n";
    let r = records(t);
    assert_eq!(
        r.iter()
            .map(|x| x.organization.as_str())
            .collect::<Vec<_>>(),
        vec!["株式会社こまどり本舗"]
    );
    assert_eq!(r[0].dates.detected, NaiveDate::from_ymd_opt(2025, 2, 14));
}

#[test]
fn a_demand_for_money_after_files_were_locked_is_ransomware() {
    let t = "路線バス会社のサーバーに攻撃 会員情報流出のおそれ\n2025年2月3日\n\
 路線バスを運行する「あおさぎ交通」の社内サーバーが外部から攻撃を受け、保存していたデータが開けなくなっていることがわかりました。\n\
 会社によりますと、先月28日の早朝、出勤した社員が、サーバーにあるファイルを開けなくなっているのに気づきました。\
ファイルの名前は意味のわからない文字列に書き換えられ、サーバーには「データを戻したければ期限までに金銭を支払え」という趣旨の英語のメッセージが残されていたということです。\n\
 サーバーには会員最大8万人分の氏名や住所が保存されていました。\n";
    let r = records(t);
    assert_eq!(
        r.len(),
        1,
        "{:?}",
        r.iter().map(|x| &x.organization).collect::<Vec<_>>()
    );
    assert_eq!(r[0].cause, Cause::Ransomware);
}

#[test]
fn a_paywalled_article_s_keywords_and_recommendations_are_other_stories() {
    let page = "さざなみ生命、代理店経由で顧客情報流出 約7000人分\n2024年3月5日 [会員限定記事]\n\
 さざなみ生命保険は5日、保険代理店の元従業員が顧客約7000人分の氏名や契約内容を持ち出し、別の代理店に提供していたと発表した。\n\
この記事は会員限定です。続きを読むには会員登録が必要です。\n\
関連キーワード\nさざなみ生命 あけぼの損保 みなと海上 情報漏えい\n\
この記事を読んだ人におすすめ\nあけぼの損保、顧客情報を誤送信 3000件\nみなと海上で不正アクセス 契約者情報流出か\n";
    let r = records(page);
    assert_eq!(
        r.iter()
            .map(|x| x.organization.as_str())
            .collect::<Vec<_>>(),
        vec!["さざなみ生命"]
    );
    assert_eq!(r[0].affected_count, Some(7000));
}

#[test]
fn a_list_told_in_prose_with_ordinal_counters_names_every_victim() {
    let t = "暴露サイトに国内3社　ランサム被害相次ぐ\n2025年3月4日\n\
 ランサムウェア攻撃グループの暴露サイトに、2月以降、国内企業3社の名前が掲載された。\n\
 最初に掲載されたのは、工作機械を製造する株式会社ひばり精機(青葉県青葉市)だ。同社は2月3日、サーバーのファイルが暗号化されているのを確認したと公表した。\n\
 2社目の株式会社みなと冷蔵(港原市)では、2月10日に倉庫管理サーバーがランサムウェアに感染し、取引先情報約1200件が流出した可能性がある。\n\
 3社目の株式会社こだま食品(白浜市)は、2月20日に掲載が確認された。同社は「サーバーの一部が暗号化されたのは事実だ」と回答した。\n";
    let found = orgs(t);
    for want in [
        "株式会社ひばり精機",
        "株式会社みなと冷蔵",
        "株式会社こだま食品",
    ] {
        assert!(found.iter().any(|o| o == want), "{want} missing: {found:?}");
    }
}

#[test]
fn a_broadcaster_s_headline_place_tag_is_no_victim() {
    let t = "ひなたテレビ NEWS\n\n\
印刷会社に不正アクセス　取引先の顧客情報流出か　青葉市\n\n2026年02月10日 18時05分\n\n\
青葉市の印刷会社「こもれび印刷」は9日、サーバーが不正アクセスを受け、取引先の顧客約2,400人分の氏名や住所が流出したおそれがあると発表しました。\n\n\
会社によりますと、今月2日、サーバーの不審な通信に気付いたということです。\n\n\
県内ニュース\n・青葉市の梅まつり始まる\n";
    let o = orgs(t);
    assert_eq!(o, vec!["こもれび印刷".to_string()], "{o:?}");
    // A headline tag that is the story's subject too stays the victim.
    let t = "職員が個人情報を誤送信　青葉市\n\n2026年02月10日 18時05分\n\n\
青葉市は9日、職員が市民12人分の氏名と住所を記載したメールを誤って送信したと発表しました。\n";
    let o = orgs(t);
    assert!(o.iter().any(|n| n == "青葉市"), "{o:?}");
}

#[test]
fn a_bank_warning_of_mails_borrowing_its_name_reports_no_incident() {
    let t = "こもれび銀行\n個人のお客さま｜法人のお客さま｜インターネットバンキング\n\n2025年11月5日\n\n\
当行を装ったフィッシングメールにご注意ください\n\n株式会社こもれび銀行\n\n\
現在、当行を装って「ご本人様の確認が必要です」などと記載したメールが確認されています。\
偽のログイン画面にパスワードを入力すると、情報が盗み取られるおそれがあります。\n\n\
■当行のシステムは被害を受けておりません\n当行から情報が流出した事実はございません。\n\n\
・【重要】インターネットバンキングの再登録が必要です。\n";
    let o = orgs(t);
    assert!(o.is_empty(), "{o:?}");
}

#[test]
fn a_direct_debit_is_no_victim() {
    let t = "若葉市上下水道局\n水道の使用開始・中止｜料金・お支払い｜上下水道局について\n\
ホーム ＞ 上下水道局からのお知らせ ＞ 口座振替依頼書の所在不明について\n\n\
口座振替依頼書の所在不明について（お詫び）\n\n令和7年10月8日\n若葉市上下水道局\n\n\
このたび、上下水道局において、水道料金の口座振替のお申込みの際にご提出いただいた「口座振替依頼書」約300件が所在不明となりました。\
依頼書には、お客様の氏名、住所、口座番号が記載されています。誤って廃棄した可能性が高いと考えております。\n";
    let o = orgs(t);
    assert!(!o.iter().any(|n| n.starts_with("口座振替")), "{o:?}");
}

#[test]
fn a_city_site_telling_its_own_schools_leak_names_the_school_alone() {
    let t = "浜木綿市\nホーム > 子育て・教育 > 教育委員会からのお知らせ > 浜木綿市立みずき中学校における個人情報の漏えいについて\n\
浜木綿市立みずき中学校における個人情報の漏えいについて\n\
浜木綿市立みずき中学校において、教員が生徒の成績を記載したファイルを、誤って保護者のメールアドレスあてに送信する事案が発生しました。\
皆様に多大なご迷惑をおかけしましたことを、心よりお詫び申し上げます。\n\
【誤送信した情報】\n2年生88名の氏名及び定期テストの得点\n\
【再発防止策】\n本市では、個人情報を含むファイルをメールに添付しないことを、市内全小中学校に改めて通知しました。\n\
このページに関するお問い合わせ\n浜木綿市教育委員会 学校教育課\n";
    let o = orgs(t);
    assert!(o.iter().any(|n| n == "浜木綿市立みずき中学校"), "{o:?}");
    assert!(!o.iter().any(|n| n == "浜木綿市"), "{o:?}");
}

#[test]
fn a_body_the_release_defines_as_itself_is_its_victim_whatever_its_name() {
    // `○○社(以下「当社」)`: a name with no legal form or business word, made an
    // organisation's by the definition.
    let t = "寄付金決済サービスにおける情報流出について\n\n\
 この度、朝霧書房社(以下「当社」)への寄付の決済に利用しております決済代行会社、\
株式会社ミナモペイ(以下「ミナモ社」)におきまして、ミナモ社のデータベースへの不正アクセスによる\
情報流出が発生いたしました。\n\
 ミナモ社からの報告により、当社の寄付者の皆様の情報も流出した可能性があることが判明いたしました。";
    let o = orgs(t);
    assert!(o.iter().any(|n| n == "朝霧書房社"), "{o:?}");
}

#[test]
fn every_member_of_a_company_tally_is_a_victim() {
    // `A、B、Cの3社は`: the tally says each is a company, even a name of kanji alone with no
    // business word.
    let t = "損害保険代理店を通じた顧客情報の漏えい\n\n\
東雲日動、白浜松原、青柳の3社は、乗合代理店とのメール連絡の際に他社の顧客情報を\
誤って送信し、顧客情報が漏えいしていたと発表した。3社は調査結果を金融庁に報告した。";
    let o = orgs(t);
    for name in ["東雲日動", "白浜松原", "青柳"] {
        assert!(o.iter().any(|n| n == name), "{name}: {o:?}");
    }
}

#[test]
fn schools_and_nurseries_named_in_hiragana_are_victims() {
    // A kindergarten, a nursery or a school whose name is kana, with no kanji stem before its
    // kind word.
    for name in [
        "わかくさ幼稚園",
        "あおば保育園",
        "ひまわり保育所",
        "つばさ小学校",
    ] {
        let t = format!(
            "{name}で名簿を紛失\n\n{name}は5日、園児や児童46人の氏名と住所を記載した名簿を紛失したと発表した。"
        );
        let o = orgs(&t);
        assert_eq!(o, vec![name.to_string()], "{name}");
    }
    // Schools counted or placed are no name.
    let t = "市内全小中学校で一斉点検\n\n市教育委員会は5日、市内全小中学校で個人情報の管理状況を点検すると発表した。\
先月、児童12人分の成績を記載した書類を紛失した事案を受けた措置。";
    let o = orgs(t);
    assert!(!o.iter().any(|n| n.contains("全小中学校")), "{o:?}");
}

#[test]
fn a_facility_its_operator_runs_is_the_victim_and_the_operator_its_parent() {
    // Named under a digest's entry mark with its operator in brackets, and in a sentence whose
    // subject is the operator (`運営する…`).
    let digest = "今月の事案\n\n▼わかくさ幼稚園(学校法人わかくさ学園)\n\
\u{3000}保護者向けの連絡アプリで配信先の設定を誤り、46世帯の保護者に別のクラスの園児の写真と氏名が届いた。\n";
    let news = "わかくさ幼稚園で名簿紛失\n\n学校法人わかくさ学園は5日、運営するわかくさ幼稚園で\
園児46人の氏名と住所を記載した名簿を紛失したと発表した。";
    for t in [digest, news] {
        let r = records(t);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].organization, "わかくさ幼稚園");
        assert!(
            r[0].related
                .iter()
                .any(|x| x.name == "学校法人わかくさ学園" && x.role == RelationRole::Parent),
            "{r:?}"
        );
    }
    // A kind of facility named without a name is no victim.
    let t = "メール誤送信のお詫び\n\n社会福祉法人こもれび会は、運営する特別養護老人ホームの行事案内メールを送る際、\
宛先をBCCではなくCCに設定したため、利用者家族64名のメールアドレスが他の受信者に表示されたと発表した。";
    let o = orgs(t);
    assert_eq!(o, vec!["社会福祉法人こもれび会".to_string()], "{o:?}");
}

#[test]
fn clinics_named_by_their_field_are_victims() {
    for name in [
        "さくら眼科",
        "あおぞら内科",
        "みどり整形外科",
        "あおば整骨院",
        "ひかり歯科",
    ] {
        let t = format!(
            "{name}で患者情報を紛失\n\n{name}は5日、患者46人の氏名と住所を記載した書類を紛失したと発表した。"
        );
        let o = orgs(&t);
        assert_eq!(o, vec![name.to_string()], "{name}");
    }
    // A hospital's department is the hospital's.
    let t = "浜松中央病院で書類紛失\n\n浜松中央病院は5日、浜松中央病院内科で患者12人分の検査結果を記載した書類を紛失したと発表した。";
    let o = orgs(t);
    assert_eq!(o, vec!["浜松中央病院".to_string()], "{o:?}");
}

#[test]
fn a_department_of_schools_is_no_school() {
    let t = "生徒45人分の成績表紛失\n\n西海県教委は8月22日、県立高校の教諭が生徒45人分の成績表を紛失したと発表した。\n\
県教委高校教育課によると、紛失したのは40代の教諭。";
    let o = orgs(t);
    assert!(!o.iter().any(|n| n.ends_with("教委高校")), "{o:?}");
    assert!(o.iter().any(|n| n.contains("西海県")), "{o:?}");
}

#[test]
fn kinds_of_business_named_by_their_last_word_are_victims() {
    for name in [
        "あおば労働金庫",
        "みなと会計事務所",
        "ひかり税理士事務所",
        "あおばゼミナール",
        "やまや酒店",
        "浜名広域連合",
        "みらい塾",
        "つばさ学習塾",
    ] {
        let t = format!(
            "{name}で個人情報漏えい\n\n{name}は5日、利用者など46人の氏名と住所を記載した書類を紛失したと発表した。"
        );
        let o = orgs(&t);
        assert_eq!(o, vec![name.to_string()], "{name}");
    }
    // A cram school described in kanji words names none.
    let t = "塾で名簿紛失\n\n市内の高校受験塾で、講師が生徒11人の名簿を紛失した。";
    let o = orgs(t);
    assert!(!o.iter().any(|n| n.ends_with('塾')), "{o:?}");
}

#[test]
fn the_source_a_story_cites_is_its_victim_unless_an_authority() {
    // A name no word list knows, cited as the story's source, reported its own loss.
    let t = "USBメモリー紛失、顧客情報入り\n\nKDテクノによると、4日に従業員が顧客約800人分の情報を保存したUSBメモリーを紛失したという。";
    assert_eq!(orgs(t), vec!["KDテクノ".to_string()]);
    // The police telling of a case are no victim.
    let t = "USBメモリー紛失、顧客情報入り\n\n西海県警によると、4日に会社員の男性が顧客約800人分の情報を保存したUSBメモリーを紛失したという。";
    let o = orgs(t);
    assert!(!o.iter().any(|n| n.contains("県警")), "{o:?}");
}

#[test]
fn a_name_written_in_hiragana_alone_is_read_where_a_name_must_stand() {
    for t in [
        "顧客情報流出の恐れ\n\nしまむら(東京都港区)は5日、ランサムウエアによる攻撃を受け、取引先の情報約2万件が流出した恐れがあると発表した。",
        "個人情報漏えい\n\nしまむらは5日、利用者など46人の氏名と住所を記載した書類を紛失したと発表した。",
        "USBメモリー紛失\n\nしまむらによると、4日に従業員が顧客約800人分の情報を保存したUSBメモリーを紛失したという。",
    ] {
        assert_eq!(orgs(t), vec!["しまむら".to_string()], "{t}");
    }
    // The ward noted after the name is its address, never the victim.
    let t = "顧客情報流出の恐れ\n\nしまむら(東京都港区)は5日、取引先の情報約2万件が流出した恐れがあると発表した。";
    assert!(!orgs(t).iter().any(|n| n.contains("港区")));
}

#[test]
fn a_cleft_sentence_s_particles_are_no_part_of_the_name() {
    for name in ["十八銀行", "きらぼし銀行", "かがやき生協"] {
        let t = format!(
            "不正アクセスで個人情報流出\n\n流出したのは{name}の顧客情報で、氏名や電話番号など約5千件に上る。{name}は7日、ホームページで経緯を公表した。"
        );
        assert_eq!(orgs(&t), vec![name.to_string()], "{name}");
    }
}

#[test]
fn offices_of_the_state_pharmacies_and_chambers_are_named_by_their_kind() {
    for name in [
        "東京法務局",
        "浜松年金事務所",
        "府中刑務所",
        "浜松商工会議所",
        "さくら薬局",
    ] {
        let t = format!(
            "ノートパソコン盗難\n\n{name}の職員が、利用者約2千人分の個人情報が入ったノートパソコンを車上荒らしで盗まれていたことが9日、分かった。"
        );
        assert_eq!(orgs(&t), vec![name.to_string()], "{name}");
    }
    // A kind of pharmacy names none.
    let t = "処方情報を誤送信\n\n県内で調剤薬局を展開する株式会社ひばり野調剤は18日、患者3人分の書類を誤ってファクスで送信したと発表した。";
    let o = orgs(t);
    assert!(!o.iter().any(|n| n == "調剤薬局"), "{o:?}");
}

#[test]
fn a_name_after_a_bracketed_tag_keeps_its_kana() {
    let t = "【速報】ことぶき製菓でランサムウェア被害\n\nことぶき製菓で、サーバーがランサムウェアに感染し、ファイルが暗号化される被害があった。取引先など約300社の情報が流出した可能性がある。";
    assert_eq!(orgs(t), vec!["ことぶき製菓".to_string()]);
}

#[test]
fn the_organisation_data_leaked_from_is_the_victim() {
    let t = "顧客情報流出か\n\nKDテクノから顧客情報約3千件が外部に流出した可能性があることが10日、分かった。";
    assert_eq!(orgs(t), vec!["KDテクノ".to_string()]);
    // A kana-only owner before a common noun is no name with it.
    let t = "サーバーに不正アクセス\n\nしまむらのサーバーに外部から不正アクセスがあり、利用者約900人分のメールアドレスが流出した恐れがある。";
    let o = orgs(t);
    assert!(!o.iter().any(|n| n.contains("のサーバー")), "{o:?}");
}

#[test]
fn a_broadcaster_s_masthead_makes_no_release_of_the_city_in_its_headline() {
    // The masthead names the broadcaster; the headline ends with the place; the story names
    // the company hit and locates it in the city.
    let t = "みなとテレビ NEWS\nニュース 天気 番組表\n\n\
訪問介護の車から利用者情報入りタブレット盗まれる 約90人分 緑ヶ丘市\n\n\
2026年3月5日(木) 18:47\n\n\
緑ヶ丘市で訪問介護事業所を運営する会社の職員が、駐車中の車からタブレット端末を盗まれていたことがわかりました。\
被害にあったのは、緑ヶ丘市に本社がある株式会社あおば介護です。\
会社によりますと、利用者およそ90人分の氏名や住所が記録されていたということです。\n";
    let o = orgs(t);
    assert_eq!(o, vec!["株式会社あおば介護".to_string()], "{o:?}");
}

#[test]
fn a_quoted_phrase_of_days_is_no_name() {
    let t = "退職者のアカウント管理\n\n\
元社員がアカウントを使って顧客情報約2,000件を持ち出す事件が各地で起きています。\n\
1.アカウントは「退職日の当日」に止める\n2.共有パスワードは退職のたびに変える\n";
    let o = orgs(t);
    assert!(o.is_empty(), "{o:?}");
}

#[test]
fn insurance_agencies_and_water_unions_are_named_by_their_kind() {
    let t = "顧客情報持ち出しで元社員逮捕\n\n\
県警は20日、勤めていた保険代理店ミナト保険サービス(本社・緑ヶ丘市)の顧客約800件分の個人情報を持ち出し、名簿業者に売却したとして、元社員の男を逮捕した。\
ミナト保険サービスは「再発防止に努める」とコメントした。\n";
    let o = orgs(t);
    assert_eq!(o, vec!["ミナト保険サービス".to_string()], "{o:?}");
    let t = "ハンディターミナルの紛失について\n\n\
緑ヶ原水道企業団は、検針員が使用者約400件の情報を記録したハンディターミナルを紛失したと発表した。\n";
    let o = orgs(t);
    assert_eq!(o, vec!["緑ヶ原水道企業団".to_string()], "{o:?}");
}

#[test]
fn papers_thrown_away_by_mistake_are_a_loss() {
    let t = "個人情報の取り扱いに関するお詫び\n\n2026年3月10日\n株式会社青葉商事\n\n\
当社従業員が、お客様の情報が記載された書類を誤って廃棄しました。\n\n\
お客様には多大なご迷惑をおかけしますことを深くお詫び申し上げます。\n";
    let r = records(t);
    assert_eq!(
        r.len(),
        1,
        "{:?}",
        r.iter().map(|x| &x.organization).collect::<Vec<_>>()
    );
    assert_eq!(r[0].cause, leakwatch_model::Cause::Loss);
}
