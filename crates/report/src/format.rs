//! Small formatting helpers shared by the renderers: thousands separators, counts with their
//! qualifier as stated (最大 / 約 / 以上), yen amounts, and the ja/en phrase picker.

use crate::Lang;
use leakwatch_model::{AffectedCount, CountQualifier};

/// The Japanese or English phrase.
pub fn t(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// `450000` → `450,000`.
pub fn thousands(n: u64) -> String {
    let digits: Vec<char> = n.to_string().chars().collect();
    let groups: Vec<String> = digits
        .rchunks(3)
        .rev()
        .map(|g| g.iter().collect())
        .collect();
    groups.join(",")
}

/// `+2`, `-3`, `±0`.
pub fn signed(n: i64) -> String {
    match n {
        0 => "±0".to_string(),
        n if n > 0 => format!("+{}", thousands(n.unsigned_abs())),
        n => format!("-{}", thousands(n.unsigned_abs())),
    }
}

/// The qualifier word as the report prints it (`最大`, `約`, `以上`; empty for exact).
pub fn qualifier_word(q: CountQualifier, lang: Lang) -> &'static str {
    match q {
        CountQualifier::Max => t(lang, "最大", "up to"),
        CountQualifier::Approx => t(lang, "約", "about"),
        CountQualifier::AtLeast => t(lang, "以上", "at least"),
        CountQualifier::Exact | CountQualifier::Unknown => "",
    }
}

/// A stated count with its qualifier and unit: `最大 450,000 件`, `約 1,200 名`,
/// `150 社以上`; in English `up to 450,000 件`, `at least 150 社`.
pub fn count_display(a: &AffectedCount, lang: Lang) -> String {
    let n = thousands(a.value);
    let unit = a.unit.trim();
    let body = if unit.is_empty() {
        n
    } else {
        format!("{n} {unit}")
    };
    match (a.qualifier, lang) {
        (CountQualifier::AtLeast, Lang::Ja) => format!("{body}以上"),
        (CountQualifier::Exact | CountQualifier::Unknown, _) => body,
        (q, l) => format!("{} {body}", qualifier_word(q, l)),
    }
}

/// `1,234,000 円` / `JPY 1,234,000`.
pub fn yen(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{} 円", thousands(n)),
        Lang::En => format!("JPY {}", thousands(n)),
    }
}

/// A percentage with one decimal: `65.8%`.
pub fn percent(p: f64) -> String {
    format!("{p:.1}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(value: u64, qualifier: CountQualifier, unit: &str) -> AffectedCount {
        AffectedCount {
            value,
            qualifier,
            unit: unit.to_string(),
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(236450), "236,450");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(signed(2), "+2");
        assert_eq!(signed(-1500), "-1,500");
        assert_eq!(signed(0), "±0");
        assert_eq!(yen(1_000_000_000, Lang::Ja), "1,000,000,000 円");
    }

    #[test]
    fn counts_keep_their_qualifier() {
        assert_eq!(
            count_display(&count(450000, CountQualifier::Max, "件"), Lang::Ja),
            "最大 450,000 件"
        );
        assert_eq!(
            count_display(&count(1200, CountQualifier::Approx, "名"), Lang::Ja),
            "約 1,200 名"
        );
        assert_eq!(
            count_display(&count(150, CountQualifier::AtLeast, "社"), Lang::Ja),
            "150 社以上"
        );
        assert_eq!(
            count_display(&count(150, CountQualifier::AtLeast, "社"), Lang::En),
            "at least 150 社"
        );
        assert_eq!(
            count_display(&count(96, CountQualifier::Exact, "件"), Lang::En),
            "96 件"
        );
    }
}
