//! Sector inferred from an organisation's name (and aliases) with a small lexicon: 自治体,
//! 医療, 教育, 金融, 通信, 小売/EC, 製造, その他. Used by `stats --by sector` and by the JNSA
//! 社会的責任度 in the assessment.

use crate::Lang;
use serde::{Deserialize, Serialize};

/// A coarse sector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    /// 自治体 and other public bodies (省庁, 公社, 独立行政法人).
    Government,
    Healthcare,
    Education,
    Finance,
    Telecom,
    /// 小売/EC
    Retail,
    Manufacturing,
    Other,
}

impl Sector {
    pub const ALL: [Sector; 8] = [
        Sector::Government,
        Sector::Healthcare,
        Sector::Education,
        Sector::Finance,
        Sector::Telecom,
        Sector::Retail,
        Sector::Manufacturing,
        Sector::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Government => "government",
            Sector::Healthcare => "healthcare",
            Sector::Education => "education",
            Sector::Finance => "finance",
            Sector::Telecom => "telecom",
            Sector::Retail => "retail",
            Sector::Manufacturing => "manufacturing",
            Sector::Other => "other",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Sector::Government, Lang::Ja) => "自治体",
            (Sector::Healthcare, Lang::Ja) => "医療",
            (Sector::Education, Lang::Ja) => "教育",
            (Sector::Finance, Lang::Ja) => "金融",
            (Sector::Telecom, Lang::Ja) => "通信",
            (Sector::Retail, Lang::Ja) => "小売/EC",
            (Sector::Manufacturing, Lang::Ja) => "製造",
            (Sector::Other, Lang::Ja) => "その他",
            (Sector::Government, Lang::En) => "government",
            (Sector::Healthcare, Lang::En) => "healthcare",
            (Sector::Education, Lang::En) => "education",
            (Sector::Finance, Lang::En) => "finance",
            (Sector::Telecom, Lang::En) => "telecom",
            (Sector::Retail, Lang::En) => "retail / e-commerce",
            (Sector::Manufacturing, Lang::En) => "manufacturing",
            (Sector::Other, Lang::En) => "other",
        }
    }

    /// Public bodies, hospitals, schools, finance and telecom carry a higher social
    /// responsibility in the JNSA model (社会的責任度 2).
    pub fn high_social_responsibility(self) -> bool {
        matches!(
            self,
            Sector::Government
                | Sector::Healthcare
                | Sector::Education
                | Sector::Finance
                | Sector::Telecom
        )
    }
}

/// Words that place a name in a sector, checked in this order (first match wins, so
/// 青葉市立病院 is 医療 and 県立大学 is 教育 before 自治体 is considered).
pub const SECTOR_WORDS: &[(Sector, &[&str])] = &[
    (
        Sector::Healthcare,
        &[
            "病院",
            "医療",
            "クリニック",
            "診療所",
            "医院",
            "歯科",
            "薬局",
            "医師会",
            "看護",
            "介護",
        ],
    ),
    (
        Sector::Education,
        &[
            "大学",
            "学校",
            "学園",
            "高校",
            "高等学校",
            "中学",
            "小学",
            "幼稚園",
            "保育",
            "教育委員会",
            "塾",
            "学院",
        ],
    ),
    (
        Sector::Finance,
        &[
            "銀行",
            "信用金庫",
            "信金",
            "信用組合",
            "労働金庫",
            "証券",
            "保険",
            "生命",
            "損保",
            "信託",
            "ファイナンス",
            "クレジット",
            "カード株式会社",
            "共済",
        ],
    ),
    (
        Sector::Telecom,
        &[
            "通信",
            "テレコム",
            "電話",
            "NTT",
            "KDDI",
            "ソフトバンク",
            "モバイル",
            "ケーブルテレビ",
            "プロバイダ",
        ],
    ),
    (
        Sector::Government,
        &[
            "市役所",
            "区役所",
            "町役場",
            "村役場",
            "県庁",
            "都庁",
            "府庁",
            "省",
            "庁",
            "公社",
            "独立行政法人",
            "国立",
            "県立",
            "市立",
            "町立",
            "村立",
            "区立",
            "都立",
            "府立",
            "議会",
        ],
    ),
    (
        Sector::Retail,
        &[
            "通販",
            "ストア",
            "ショップ",
            "オンライン",
            "ECサイト",
            "スーパー",
            "百貨店",
            "マート",
            "販売",
            "商店",
            "ドラッグ",
            "モール",
            "チケット",
            "プレイガイド",
        ],
    ),
    (
        Sector::Manufacturing,
        &[
            "工業",
            "製作所",
            "製薬",
            "化学",
            "電機",
            "重工",
            "製造",
            "精機",
            "工機",
            "食品",
            "製菓",
            "自動車",
            "鉄鋼",
            "製紙",
        ],
    ),
];

/// Name endings that make a name a local government (静岡県, 青葉市, 港区, 東京都, 大阪府,
/// 北海道, 〇〇町, 〇〇村).
const GOVERNMENT_SUFFIXES: &[char] = &['県', '市', '区', '町', '村', '都', '府', '道'];

/// The sector of an organisation, from its name and aliases.
pub fn infer_sector(organization: &str, aliases: &[String]) -> Sector {
    let names: Vec<String> = std::iter::once(organization)
        .chain(aliases.iter().map(String::as_str))
        .map(|n| n.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    let is_company = |n: &str| {
        ["株式会社", "有限会社", "合同会社", "(株)", "Inc", "Ltd"]
            .iter()
            .any(|f| n.contains(f))
    };
    for (sector, words) in SECTOR_WORDS {
        if *sector == Sector::Government {
            // A plain place name (静岡県, 青葉市) — but not 株式会社〇〇町 or the like.
            if names
                .iter()
                .any(|n| !is_company(n) && n.ends_with(GOVERNMENT_SUFFIXES))
            {
                return Sector::Government;
            }
        }
        if names.iter().any(|n| words.iter().any(|w| n.contains(w))) {
            return *sector;
        }
    }
    Sector::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(name: &str) -> Sector {
        infer_sector(name, &[])
    }

    #[test]
    fn lexicon() {
        assert_eq!(s("静岡県"), Sector::Government);
        assert_eq!(s("青葉市"), Sector::Government);
        assert_eq!(s("一般財団法人札幌市環境事業公社"), Sector::Government);
        assert_eq!(s("青葉市立病院"), Sector::Healthcare);
        assert_eq!(s("大阪急性期・総合医療センター"), Sector::Healthcare);
        assert_eq!(s("国立大学法人みなと大学"), Sector::Education);
        assert_eq!(s("株式会社みなと銀行"), Sector::Finance);
        assert_eq!(s("あおば信用金庫"), Sector::Finance);
        assert_eq!(s("みなとテレコム株式会社"), Sector::Telecom);
        assert_eq!(s("三浦工業"), Sector::Manufacturing);
        assert_eq!(s("株式会社みなと物流"), Sector::Other);
        assert_eq!(
            infer_sector("株式会社AKAISHI", &["AKAISHI公式通販サイト".to_string()]),
            Sector::Retail
        );
        assert_eq!(s("株式会社港町"), Sector::Other);
        assert!(Sector::Healthcare.high_social_responsibility());
        assert!(!Sector::Retail.high_social_responsibility());
    }
}
