//! Cause taxonomies as data: leakwatch's own labels, the monthly-column style, the
//! annual-survey style and VERIS action categories — and the largest-remainder percentages
//! that make every breakdown add up to exactly 100.0.

use crate::{Lang, ReportError};
use leakwatch_model::Cause;
use serde::{Deserialize, Serialize};

/// Which set of cause categories a breakdown uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Taxonomy {
    /// leakwatch's own cause labels (the gold schema's vocabulary).
    Leakwatch,
    /// The monthly-column style (ScanNetSecurity 「今日もどこかで情報漏えい」).
    Column,
    /// The annual-survey style (the categories of the yearly listed-company leak surveys).
    Survey,
}

impl Taxonomy {
    pub const ALL: [Taxonomy; 3] = [Taxonomy::Leakwatch, Taxonomy::Column, Taxonomy::Survey];

    pub fn as_str(self) -> &'static str {
        match self {
            Taxonomy::Leakwatch => "leakwatch",
            Taxonomy::Column => "column",
            Taxonomy::Survey => "survey",
        }
    }

    /// The categories, in display order.
    pub fn categories(self) -> &'static [Category] {
        match self {
            Taxonomy::Leakwatch => LEAKWATCH_CATEGORIES,
            Taxonomy::Column => COLUMN_CATEGORIES,
            Taxonomy::Survey => SURVEY_CATEGORIES,
        }
    }

    /// The category a cause counts under.
    pub fn category_of(self, cause: Cause) -> &'static Category {
        let key = match self {
            Taxonomy::Leakwatch => cause.as_str(),
            Taxonomy::Column => lookup(COLUMN_MAP, cause),
            Taxonomy::Survey => lookup(SURVEY_MAP, cause),
        };
        let cats = self.categories();
        cats.iter()
            .find(|c| c.key == key)
            .unwrap_or(&cats[cats.len() - 1])
    }

    /// Heading of the breakdown in `lang`.
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Taxonomy::Leakwatch, Lang::Ja) => "leakwatch 分類",
            (Taxonomy::Leakwatch, Lang::En) => "leakwatch labels",
            (Taxonomy::Column, Lang::Ja) => "月次コラム分類",
            (Taxonomy::Column, Lang::En) => "monthly-column categories",
            (Taxonomy::Survey, Lang::Ja) => "年次調査分類",
            (Taxonomy::Survey, Lang::En) => "annual-survey categories",
        }
    }
}

impl std::str::FromStr for Taxonomy {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Taxonomy::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| ReportError::UnknownOption {
                kind: "taxonomy",
                value: s.to_string(),
                expected: "leakwatch, column, survey".to_string(),
            })
    }
}

/// One category of a taxonomy: a stable key and its labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    pub key: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
}

impl Category {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

const fn cat(key: &'static str, ja: &'static str, en: &'static str) -> Category {
    Category { key, ja, en }
}

/// leakwatch's labels, in vocabulary order, with Japanese names.
pub const LEAKWATCH_CATEGORIES: &[Category] = &[
    cat("unauthorized_access", "不正アクセス", "unauthorized access"),
    cat("ransomware", "ランサムウェア", "ransomware"),
    cat("malware", "マルウェア感染", "malware"),
    cat("misdelivery", "誤送信", "misdelivery"),
    cat("misdisclosure", "誤表示・誤公開", "misdisclosure"),
    cat("misconfiguration", "設定ミス", "misconfiguration"),
    cat("loss", "紛失・誤廃棄", "loss / wrong disposal"),
    cat("theft", "盗難", "theft"),
    cat("insider", "内部不正・不正持ち出し", "insider misuse"),
    cat("phishing", "フィッシング", "phishing"),
    cat(
        "vulnerability",
        "脆弱性（漏えい未確認）",
        "vulnerability (no confirmed leak)",
    ),
    cat("other", "その他", "other"),
    cat("unknown", "不明", "unknown"),
];

/// The monthly column's categories (seed 001: 不正アクセス / システム管理上のミス /
/// 誤送信ほか操作ミス …). The last one is the catch-all.
pub const COLUMN_CATEGORIES: &[Category] = &[
    cat("unauthorized_access", "不正アクセス", "unauthorized access"),
    cat(
        "system_mismanagement",
        "システム管理上のミス",
        "system management error",
    ),
    cat(
        "operational_error",
        "誤送信ほか操作ミス",
        "misdelivery and other operator error",
    ),
    cat("loss", "紛失", "loss"),
    cat(
        "insider",
        "不正持ち出し・内部不正",
        "unauthorized removal / insider",
    ),
    cat("other", "その他", "other"),
];

/// Cause → monthly-column category.
///
/// - Every attack (ransomware, malware, phishing, plain unauthorised access) is 不正アクセス:
///   the column counts by how the data left, not by the tool.
/// - 設定ミス and a reported weakness (脆弱性) are システム管理上のミス.
/// - 誤送信 and 誤表示・誤公開 (someone published or sent the wrong thing) are 誤送信ほか操作ミス.
/// - 紛失 and 盗難 (a lost or stolen device or paper) are 紛失.
/// - 内部不正・不正持ち出し is its own category; other and unknown are その他.
pub const COLUMN_MAP: &[(Cause, &str)] = &[
    (Cause::UnauthorizedAccess, "unauthorized_access"),
    (Cause::Ransomware, "unauthorized_access"),
    (Cause::Malware, "unauthorized_access"),
    (Cause::Phishing, "unauthorized_access"),
    (Cause::Misconfiguration, "system_mismanagement"),
    (Cause::Vulnerability, "system_mismanagement"),
    (Cause::Misdelivery, "operational_error"),
    (Cause::Misdisclosure, "operational_error"),
    (Cause::Loss, "loss"),
    (Cause::Theft, "loss"),
    (Cause::Insider, "insider"),
    (Cause::Other, "other"),
    (Cause::Unknown, "other"),
];

/// The annual survey's categories (ウイルス感染・不正アクセス / 誤表示・誤送信 /
/// 紛失・誤廃棄 / 不正持ち出し・盗難 / その他).
pub const SURVEY_CATEGORIES: &[Category] = &[
    cat(
        "virus_unauthorized_access",
        "ウイルス感染・不正アクセス",
        "virus infection / unauthorized access",
    ),
    cat(
        "misdisplay_misdelivery",
        "誤表示・誤送信",
        "misdisplay / misdelivery",
    ),
    cat("loss_disposal", "紛失・誤廃棄", "loss / wrong disposal"),
    cat(
        "removal_theft",
        "不正持ち出し・盗難",
        "unauthorized removal / theft",
    ),
    cat("other", "その他", "other"),
];

/// Cause → annual-survey category.
///
/// - Attacks of any kind, and a reported weakness, are ウイルス感染・不正アクセス.
/// - 誤送信, 誤表示・誤公開 and 設定ミス (which the survey counts as 誤表示) are 誤表示・誤送信.
/// - 紛失・誤廃棄 is its own; 内部不正 (不正持ち出し) and 盗難 are 不正持ち出し・盗難.
/// - other and unknown are その他.
pub const SURVEY_MAP: &[(Cause, &str)] = &[
    (Cause::UnauthorizedAccess, "virus_unauthorized_access"),
    (Cause::Ransomware, "virus_unauthorized_access"),
    (Cause::Malware, "virus_unauthorized_access"),
    (Cause::Phishing, "virus_unauthorized_access"),
    (Cause::Vulnerability, "virus_unauthorized_access"),
    (Cause::Misdelivery, "misdisplay_misdelivery"),
    (Cause::Misdisclosure, "misdisplay_misdelivery"),
    (Cause::Misconfiguration, "misdisplay_misdelivery"),
    (Cause::Loss, "loss_disposal"),
    (Cause::Insider, "removal_theft"),
    (Cause::Theft, "removal_theft"),
    (Cause::Other, "other"),
    (Cause::Unknown, "other"),
];

/// VERIS action categories (plus `unknown`), in VERIS order.
pub const VERIS_CATEGORIES: &[Category] = &[
    cat("hacking", "ハッキング", "hacking"),
    cat("malware", "マルウェア", "malware"),
    cat("social", "ソーシャル", "social"),
    cat("error", "エラー", "error"),
    cat("misuse", "不正使用", "misuse"),
    cat("physical", "物理", "physical"),
    cat("unknown", "不明", "unknown"),
];

/// Cause → VERIS action category.
///
/// - unauthorized_access and vulnerability (exploitable weakness) → hacking;
/// - ransomware and malware → malware; phishing → social;
/// - misdelivery, misdisclosure, misconfiguration and loss → error (VERIS counts a lost
///   asset as an error, not a physical action);
/// - insider → misuse; theft → physical; other and unknown → unknown.
pub const VERIS_MAP: &[(Cause, &str)] = &[
    (Cause::UnauthorizedAccess, "hacking"),
    (Cause::Vulnerability, "hacking"),
    (Cause::Ransomware, "malware"),
    (Cause::Malware, "malware"),
    (Cause::Phishing, "social"),
    (Cause::Misdelivery, "error"),
    (Cause::Misdisclosure, "error"),
    (Cause::Misconfiguration, "error"),
    (Cause::Loss, "error"),
    (Cause::Insider, "misuse"),
    (Cause::Theft, "physical"),
    (Cause::Other, "unknown"),
    (Cause::Unknown, "unknown"),
];

fn lookup(map: &'static [(Cause, &'static str)], cause: Cause) -> &'static str {
    map.iter()
        .find(|(c, _)| *c == cause)
        .map_or("other", |(_, k)| *k)
}

/// The VERIS action category of a cause.
pub fn veris_of(cause: Cause) -> &'static Category {
    let key = lookup(VERIS_MAP, cause);
    VERIS_CATEGORIES
        .iter()
        .find(|c| c.key == key)
        .unwrap_or(&VERIS_CATEGORIES[VERIS_CATEGORIES.len() - 1])
}

/// The localised leakwatch label of a cause.
pub fn cause_label(cause: Cause, lang: Lang) -> &'static str {
    Taxonomy::Leakwatch.category_of(cause).label(lang)
}

/// One row of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CauseRow {
    /// Stable category key (`unauthorized_access`, `operational_error`, `hacking`, …).
    pub key: String,
    /// The category's label in the report language.
    pub label: String,
    pub count: u64,
    /// Percentage of the period's incidents, one decimal; a breakdown sums to exactly 100.0.
    pub percent: f64,
}

/// Counts `causes` into `categories` (via `category_of`), drops empty categories, sorts by
/// count (descending, stable on category order) and adds largest-remainder percentages.
pub fn breakdown_by(
    categories: &'static [Category],
    category_of: impl Fn(Cause) -> &'static Category,
    causes: &[Cause],
    lang: Lang,
) -> Vec<CauseRow> {
    let mut counts = vec![0u64; categories.len()];
    for c in causes {
        let key = category_of(*c).key;
        if let Some(i) = categories.iter().position(|k| k.key == key) {
            counts[i] += 1;
        }
    }
    let mut rows: Vec<(usize, u64)> = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| (i, *n))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let pct = percentages(&rows.iter().map(|r| r.1).collect::<Vec<_>>());
    rows.into_iter()
        .zip(pct)
        .map(|((i, n), p)| CauseRow {
            key: categories[i].key.to_string(),
            label: categories[i].label(lang).to_string(),
            count: n,
            percent: p,
        })
        .collect()
}

/// A breakdown of `causes` in `taxonomy`.
pub fn breakdown(taxonomy: Taxonomy, causes: &[Cause], lang: Lang) -> Vec<CauseRow> {
    breakdown_by(
        taxonomy.categories(),
        |c| taxonomy.category_of(c),
        causes,
        lang,
    )
}

/// A breakdown of `causes` into VERIS action categories.
pub fn veris_breakdown(causes: &[Cause], lang: Lang) -> Vec<CauseRow> {
    breakdown_by(VERIS_CATEGORIES, veris_of, causes, lang)
}

/// Percentages to one decimal that add up to exactly 100.0 (largest-remainder / Hamilton
/// method on tenths of a percent; ties go to the earlier entry). All zeros → all 0.0.
pub fn percentages(counts: &[u64]) -> Vec<f64> {
    percent_tenths(counts)
        .into_iter()
        .map(|t| t as f64 / 10.0)
        .collect()
}

/// Like `percentages`, in integer tenths of a percent (summing to 1000 when any count > 0).
pub fn percent_tenths(counts: &[u64]) -> Vec<u64> {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let exact: Vec<(u64, u64)> = counts
        .iter()
        .map(|c| {
            let scaled = u128::from(*c) * 1000;
            let t = u128::from(total);
            ((scaled / t) as u64, (scaled % t) as u64)
        })
        .collect();
    let mut tenths: Vec<u64> = exact.iter().map(|e| e.0).collect();
    let assigned: u64 = tenths.iter().sum();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1).then(a.cmp(b)));
    for i in order.into_iter().take((1000 - assigned) as usize) {
        tenths[i] += 1;
    }
    tenths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum_tenths(p: &[f64]) -> i64 {
        p.iter().map(|x| (x * 10.0).round() as i64).sum()
    }

    #[test]
    fn percentages_add_up_to_one_hundred() {
        assert_eq!(percentages(&[1, 1, 1]), vec![33.4, 33.3, 33.3]);
        assert_eq!(
            percentages(&[48, 7, 7, 5, 3, 3])
                .iter()
                .sum::<f64>()
                .round(),
            100.0
        );
        assert_eq!(percentages(&[2, 1]), vec![66.7, 33.3]);
        assert_eq!(percentages(&[5]), vec![100.0]);
        assert_eq!(percentages(&[0, 0]), vec![0.0, 0.0]);
        assert_eq!(percentages(&[]), Vec::<f64>::new());
        for n in 1..60u64 {
            let counts: Vec<u64> = (0..n).map(|i| (i * 7919) % 13 + 1).collect();
            assert_eq!(sum_tenths(&percentages(&counts)), 1000, "{counts:?}");
        }
    }

    #[test]
    fn seed_001_column_figures() {
        // The column printed 48 of 73 as 65.8 % and 7 of 73 as 9.6 % (plain rounding). With
        // the other 11 in one category plain rounding gives 65.8 + 9.6 + 9.6 + 15.1 = 100.1;
        // largest remainder takes the tenth from the smallest remainder (65.75…) instead.
        let p = percentages(&[48, 7, 7, 11]);
        assert_eq!(p, vec![65.7, 9.6, 9.6, 15.1]);
        assert_eq!(sum_tenths(&p), 1000);
        // When plain rounding already adds up, the results agree.
        assert_eq!(percentages(&[48, 25]), vec![65.8, 34.2]);
    }

    #[test]
    fn every_cause_maps_in_every_taxonomy() {
        for c in Cause::ALL {
            for t in Taxonomy::ALL {
                let map_has = match t {
                    Taxonomy::Leakwatch => true,
                    Taxonomy::Column => COLUMN_MAP.iter().any(|(x, _)| x == c),
                    Taxonomy::Survey => SURVEY_MAP.iter().any(|(x, _)| x == c),
                };
                assert!(map_has, "{c} missing in {t:?}");
                let key = t.category_of(*c).key;
                assert!(t.categories().iter().any(|k| k.key == key));
            }
            assert!(
                VERIS_MAP.iter().any(|(x, _)| x == c),
                "{c} missing in VERIS"
            );
        }
        assert_eq!(
            Taxonomy::Column.category_of(Cause::Ransomware).ja,
            "不正アクセス"
        );
        assert_eq!(
            Taxonomy::Column.category_of(Cause::Misdelivery).ja,
            "誤送信ほか操作ミス"
        );
        assert_eq!(
            Taxonomy::Survey.category_of(Cause::Theft).ja,
            "不正持ち出し・盗難"
        );
        assert_eq!(veris_of(Cause::Phishing).key, "social");
        assert_eq!(veris_of(Cause::Insider).key, "misuse");
    }

    #[test]
    fn breakdown_sorts_and_sums() {
        let causes = [
            Cause::Misdelivery,
            Cause::UnauthorizedAccess,
            Cause::Ransomware,
            Cause::Loss,
        ];
        let rows = breakdown(Taxonomy::Column, &causes, Lang::Ja);
        assert_eq!(rows[0].label, "不正アクセス");
        assert_eq!(rows[0].count, 2);
        assert_eq!(rows[0].percent, 50.0);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            sum_tenths(&rows.iter().map(|r| r.percent).collect::<Vec<_>>()),
            1000
        );
        assert!(breakdown(Taxonomy::Survey, &[], Lang::En).is_empty());
    }

    #[test]
    fn taxonomy_parses() {
        assert_eq!("survey".parse::<Taxonomy>().unwrap(), Taxonomy::Survey);
        assert!("veris".parse::<Taxonomy>().is_err());
    }
}
