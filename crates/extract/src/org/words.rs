//! Owns the word tables organisation names are recognised by: legal forms, corporate,
//! university, hospital, government and municipal suffixes, facility kinds, and the descriptors
//! that stand before a name (大手, 子会社…).

use crate::text::{is_kanji, is_katakana};

pub(super) const LEGAL_FORMS: &[&str] = &[
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "一般財団法人",
    "公益財団法人",
    "一般社団法人",
    "公益社団法人",
    "地方独立行政法人",
    "独立行政法人",
    "国立大学法人",
    "公立大学法人",
    "学校法人",
    "医療法人社団",
    "医療法人財団",
    "医療法人",
    "社会福祉法人",
    "特定非営利活動法人",
    "NPO法人",
    "社会医療法人",
    // professional and religious corporations
    "税理士法人",
    "弁護士法人",
    "司法書士法人",
    "行政書士法人",
    "社会保険労務士法人",
    "特許業務法人",
    "宗教法人",
    // 医療生協: the form's full name, so 医療 is not read as the name before 生活協同組合.
    "医療福祉生活協同組合",
    "医療生活協同組合",
    "生活協同組合",
    "(株)",
    "(有)",
    "㈱",
];

/// Words that end corporate names written without a legal form.
pub(super) const CORPORATE_SUFFIXES: &[&str] = &[
    "工業",
    "商事",
    "産業",
    "製作所",
    "電機",
    "電気",
    "電工",
    "銀行",
    "信用金庫",
    "信用組合",
    "証券",
    "生命",
    "損保",
    "海上",
    "火災",
    "建設",
    "不動産",
    "物産",
    "運輸",
    "交通",
    "鉄道",
    "航空",
    "通信",
    "電力",
    "ガス",
    "製薬",
    "薬品",
    "化学",
    "食品",
    "百貨店",
    "ホールディングス",
    "グループ",
    "ジャパン",
    "システムズ",
    "ソリューションズ",
    "商会",
    "商店",
    "工務店",
    "新聞社",
    "日報社",
    "通信社",
    "出版社",
    "赤十字社",
    "倶楽部",
    "放送局",
    "放送",
    "テレビ",
    "出版",
    "書店",
    "学園",
    "協会",
    "機構",
    "公社",
    "公団",
    "組合",
    "連合会",
    "財団",
    "委員会",
    "協議会",
    // residents' and alumni associations, chambers of commerce
    "自治会",
    "町内会",
    "同窓会",
    "後援会",
    "商工会",
    "商工会議所",
    // consumer co-operatives in short (`かがやき生協`)
    "生協",
    "バス",
    "観光",
    "旅行",
    "印刷",
    "物流",
    "倉庫",
    "製菓",
    "酒造",
    "計算機",
    "自動車",
    "電子",
    "精機",
    "重工",
    "興業",
    "経営",
    "カンパニー",
    "コーポレーション",
    "ネットワーク",
    "ネットワークス",
    "テクノロジー",
    "テクノロジーズ",
    "ラボ",
    "研究所",
    // Industries that end company names (`しらゆり乳業`, `潮見紙器`, `浜ノ宮水産`).
    "乳業",
    "紙器",
    "製紙",
    "水産",
    "化成",
    "化工",
    "工機",
    "技研",
    "商船",
    "海運",
    "石油",
    "醸造",
    "製粉",
    "紡績",
    "住販",
    "地所",
    "興産",
    "製鋼",
    "鉄工",
    "精工",
    "書房",
    "本舗",
    // Research institutes and newspapers in short (`まちなみ総研`, `みすず野新報社`).
    "総研",
    "新報社",
    // Labour banks, accountants' offices, cram schools, liquor shops and municipal unions
    // (`みなと会計事務所`, `あおばゼミナール`, `浜名広域連合`). (Not 法律事務所: law firms write
    // the columns about leaks more often than they suffer one, and those with a legal form are
    // found by it.)
    "労働金庫",
    "会計事務所",
    "税理士事務所",
    "司法書士事務所",
    "学習塾",
    "ゼミナール",
    "酒店",
    "広域連合",
    // Insurance agencies and water-supply unions (`ヤマボウシ保険サービス`, `鷸ヶ原水道企業団`):
    // `サービス` alone ends too many services' names; these two words end bodies'.
    "保険サービス",
    "企業団",
];

/// Offices of the state and of prefectures named by their kind (`横浜中税務署`, `東京法務局`,
/// `浜松年金事務所`): they lose papers and misdeliver like any body that holds personal data,
/// unlike the regulators and police of `lexicon::AUTHORITY_SUFFIXES`, so they are found like
/// companies' names.
pub(super) const PUBLIC_OFFICE_SUFFIXES: &[&str] = &[
    "法務局",
    "刑務所",
    "拘置所",
    "少年院",
    "年金事務所",
    "税務署",
    "労働基準監督署",
    "労働局",
    "公共職業安定所",
    "税関",
    "財務局",
    "運輸局",
    "保健所",
    "児童相談所",
];

/// Whether `name` ends in a word that makes it a company, university, hospital or government
/// body (a suffix of those tables), with something before it.
pub(super) fn ends_with_organisation_suffix(name: &str) -> bool {
    CORPORATE_SUFFIXES
        .iter()
        .chain(PUBLIC_OFFICE_SUFFIXES)
        .chain(UNIVERSITY_SUFFIXES)
        .chain(HOSPITAL_SUFFIXES)
        .chain(MEDICAL_FIELDS)
        .chain(GOVERNMENT_SUFFIXES)
        .any(|s| name.len() > s.len() && name.ends_with(s))
}

pub(super) const UNIVERSITY_SUFFIXES: &[&str] = &["大学院", "大学", "短期大学", "高等専門学校"];
/// Schools and childcare facilities named by a suffix (`さくら幼稚園`, `みどり台高等学校`).
pub(super) const SCHOOL_SUFFIXES: &[&str] = &[
    "高等学校",
    "高校",
    "中学校",
    "小学校",
    "中等教育学校",
    "特別支援学校",
    "専門学校",
    "幼稚園",
    "保育園",
    "保育所",
    "こども園",
    "塾",
];
/// Fields of medicine that end a clinic's name (`さくら眼科`, `あおぞら内科`) — hospital
/// suffixes too, and a hospital's department when they follow its name (`…病院内科`).
pub(super) const MEDICAL_FIELDS: &[&str] = &[
    "歯科",
    "眼科",
    "内科",
    "外科",
    "皮膚科",
    "小児科",
    "耳鼻咽喉科",
];
pub(super) const HOSPITAL_SUFFIXES: &[&str] = &[
    "病院",
    "医療センター",
    "総合医療センター",
    "クリニック",
    "診療所",
    "医院",
    "がんセンター",
    // bone-setters (clinics named by their field are `MEDICAL_FIELDS`)
    "整骨院",
    "接骨院",
    "鍼灸院",
    "薬局",
];
pub(super) const GOVERNMENT_SUFFIXES: &[&str] =
    &["省", "庁", "県警", "府警", "道警", "警察署", "警察本部"];
pub(super) const MUNICIPAL_SUFFIXES: &[&str] = &["都", "道", "府", "県", "市", "町", "村", "区"];
pub(super) const FACILITY_SUFFIXES: &[&str] = &[
    "病院",
    "医療センター",
    "小学校",
    "中学校",
    "高等学校",
    "高校",
    "中等教育学校",
    "特別支援学校",
    "学校",
    "大学",
    "図書館",
    "保育園",
    "保育所",
    "幼稚園",
    "こども園",
    "美術館",
    "博物館",
    "センター",
    "診療所",
];

/// Descriptors that end just before a name: 通販大手アスクル → アスクル.
pub(super) const NAME_PREFIX_DESCRIPTORS: &[&str] = &[
    "大手",
    "中堅",
    "老舗",
    "傘下",
    "系列",
    "子会社",
    "親会社",
    "関係会社",
    "関連会社",
    "委託先",
    "委託元",
    "当社",
    "弊社",
    "同社",
    "グループ会社",
    "連結子会社",
    "運営会社",
    "同業他社",
    "同業他",
    "事業者",
    "会社",
];

/// Words that describe a kind of organisation without naming one (`地方銀行`, `ある病院`).
const CLASS_DESCRIPTORS: &[&str] = &[
    "地方",
    "地域",
    "大手",
    "中堅",
    "中小",
    "老舗",
    "国内",
    "県内",
    "市内",
    "都内",
    "外資系",
    "ある",
    "某",
    "一部の",
    "複数の",
];

/// Whether `name` only says what kind of organisation it is: a legal form, a company,
/// school or hospital word, alone or after a descriptor (`NPO法人`, `信用組合`, `地方銀行`,
/// `ある病院`, `病院・診療所`). An anonymised case names no victim.
pub fn class_only(name: &str) -> bool {
    let core = CLASS_DESCRIPTORS
        .iter()
        .find_map(|d| name.strip_prefix(d))
        .unwrap_or(name);
    !core.is_empty()
        && core.split('・').all(|part| {
            LEGAL_FORMS
                .iter()
                .chain(CORPORATE_SUFFIXES)
                .chain(UNIVERSITY_SUFFIXES)
                .chain(HOSPITAL_SUFFIXES)
                .chain(MEDICAL_FIELDS)
                .chain(FACILITY_SUFFIXES)
                .any(|w| *w == part)
        })
}

/// The length in bytes of an honorific written right after a name (`北浜ホールディングス株式会社様`,
/// `紅葉台市様`, `総務課御中`): a contractor's release names its clients so. The honorific is
/// no part of the name; `様式` runs on into a word and is no honorific. (殿 is left out: it
/// ends names such as `宮殿` more often than it follows one.)
pub(super) fn honorific_len(rest: &str) -> usize {
    for h in ["様", "御中"] {
        if let Some(after) = rest.strip_prefix(h) {
            let next = after.chars().next();
            if !next.is_some_and(|c| is_kanji(c) || is_katakana(c)) {
                return h.len();
            }
        }
    }
    0
}
