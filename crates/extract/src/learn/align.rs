//! Owns matching extracted names to gold names the way the shared scorer does
//! (`score_extraction.py`: legal forms, spaces and punctuation removed; equal → 1.0, one inside
//! the other → 0.9, else the Dice coefficient of character bigrams), so that training labels a
//! candidate as the victim exactly when the scorer would count it as found.

use unicode_normalization::UnicodeNormalization;

const LEGAL_FORMS: &[&str] = &[
    "株式会社",
    "(株)",
    "㈱",
    "有限会社",
    "合同会社",
    "合資会社",
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
    "npo法人",
    "incorporated",
    "corporation",
    "company",
    "limited",
    "inc.",
    "inc",
    "corp.",
    "corp",
    "co.,",
    "co.",
    "ltd.",
    "ltd",
    "llc",
    "plc",
];

fn is_punct(c: char) -> bool {
    c.is_whitespace()
        || "\u{3000}・･.,，、。「」『』()（）[]【】<>〈〉\"'’‘“”!！?？:：;；/／-‐–—~〜".contains(c)
}

/// The scorer's comparison key of a name.
pub fn score_key(name: &str) -> String {
    let mut s: String = name.nfkc().collect::<String>().to_lowercase();
    for f in LEGAL_FORMS {
        if s.contains(f) {
            s = s.replace(f, "");
        }
    }
    s.chars().filter(|&c| !is_punct(c)).collect()
}

fn bigrams(s: &[char]) -> Vec<(char, char)> {
    let mut v: Vec<(char, char)> = if s.len() > 1 {
        s.windows(2).map(|w| (w[0], w[1])).collect()
    } else {
        s.iter().map(|&c| (c, '\0')).collect()
    };
    v.sort_unstable();
    v.dedup();
    v
}

/// The scorer's similarity of two names in 0..=1.
pub fn name_similarity(a: &str, b: &str) -> f32 {
    let (a, b) = (score_key(a), score_key(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.chars().count() >= 2 && long.contains(short.as_str()) {
        return 0.9;
    }
    let x = bigrams(&a.chars().collect::<Vec<_>>());
    let y = bigrams(&b.chars().collect::<Vec<_>>());
    let common = x.iter().filter(|g| y.binary_search(g).is_ok()).count();
    2.0 * common as f32 / (x.len() + y.len()) as f32
}

/// The best similarity between any name of one side and any name of the other.
pub fn best_similarity<'a>(
    left: impl IntoIterator<Item = &'a str> + Clone,
    right: impl IntoIterator<Item = &'a str> + Clone,
) -> f32 {
    let mut best = 0.0f32;
    for a in left {
        for b in right.clone() {
            best = best.max(name_similarity(a, b));
        }
    }
    best
}

/// The scorer counts a pair as the same organisation from this similarity on.
pub const MATCH_THRESHOLD: f32 = 0.5;

/// Greedy one-to-one matching by descending similarity (the scorer's `match`): pairs
/// `(left index, right index, similarity)`.
pub fn match_names(sim: &[Vec<f32>]) -> Vec<(usize, usize, f32)> {
    let mut pairs = Vec::new();
    for (i, row) in sim.iter().enumerate() {
        for (j, &s) in row.iter().enumerate() {
            if s >= MATCH_THRESHOLD {
                pairs.push((i, j, s));
            }
        }
    }
    // Descending similarity, then descending indices as Python's reverse tuple sort does.
    pairs.sort_by(|x, y| y.2.total_cmp(&x.2).then(y.0.cmp(&x.0)).then(y.1.cmp(&x.1)));
    let mut used_l = vec![false; sim.len()];
    let mut used_r = vec![false; sim.first().map_or(0, Vec::len)];
    let mut out = Vec::new();
    for (i, j, s) in pairs {
        if used_l[i] || used_r[j] {
            continue;
        }
        used_l[i] = true;
        used_r[j] = true;
        out.push((i, j, s));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_legal_forms_and_punctuation() {
        assert_eq!(score_key("株式会社 サンプル・商事"), "サンプル商事");
        assert_eq!(score_key("Sample Co., Ltd."), "sample");
    }

    #[test]
    fn similarity_follows_the_scorer() {
        assert_eq!(name_similarity("株式会社サンプル", "サンプル"), 1.0);
        assert_eq!(name_similarity("香川県警", "香川県警察本部"), 0.9);
        assert!(name_similarity("青葉市", "緑川町") < MATCH_THRESHOLD);
        // A one-character key is never "inside" another.
        assert!(name_similarity("市", "青葉市") < 0.9);
    }

    #[test]
    fn matching_is_one_to_one_best_first() {
        let sim = vec![vec![0.9, 0.6], vec![0.95, 0.1]];
        let m = match_names(&sim);
        assert_eq!(m, vec![(1, 0, 0.95), (0, 1, 0.6)]);
    }
}
