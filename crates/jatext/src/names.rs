//! Organisation-name normalisation, shared by every stage that compares names (resolution,
//! storage keys, reports, watchlists): the key under which two spellings of one victim meet
//! (legal forms, full/half width, spaces and punctuation removed, case folded), and whether a
//! name carries a legal form (the fuller of two names).

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Legal-form words dropped from a name key, longest first so that 医療法人社団 is removed
/// whole rather than leaving 社団.
const LEGAL_FORMS: &[&str] = &[
    "地方独立行政法人",
    "特定非営利活動法人",
    "独立行政法人",
    "国立大学法人",
    "公立大学法人",
    "一般財団法人",
    "公益財団法人",
    "一般社団法人",
    "公益社団法人",
    "医療法人社団",
    "医療法人財団",
    "社会福祉法人",
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "学校法人",
    "医療法人",
    "npo法人",
    "(株)",
    "(有)",
    "corporation",
    "incorporated",
    "co.,ltd.",
    "co.,ltd",
    "co.ltd.",
    "company",
    "limited",
    "corp.",
    "inc.",
    "ltd.",
    "corp",
    "inc",
    "ltd",
    "llc",
    "plc",
];

/// The comparison key of an organisation name: NFKC, lower-case, legal forms, whitespace and
/// punctuation removed. `株式会社 サンプル` and `サンプル(株)` share the key `サンプル`.
pub fn normalize_org_name(name: &str) -> String {
    // NFKC turns ㈱ into (株) and full-width letters into ASCII before legal forms are matched.
    // Resolution keys every name of every document, so the common cases are cheap: a name
    // already in NFKC is not rebuilt, and a form is searched for only when the name holds a
    // character every form of its kind has (会/法/( for the Japanese ones, a Latin letter for
    // the English ones); removing a form never adds one, so the key is the same.
    let mut s: String = if is_nfkc_quick(name.chars()) == IsNormalized::Yes {
        name.to_lowercase()
    } else {
        name.nfkc().collect::<String>().to_lowercase()
    };
    let japanese = s.contains(['会', '法', '(']);
    let latin = s.bytes().any(|b| b.is_ascii_alphabetic());
    for form in LEGAL_FORMS {
        let possible = if form.is_ascii() { latin } else { japanese };
        if possible && s.contains(form) {
            s = s.replace(form, "");
        }
    }
    s.chars()
        .filter(|c| !c.is_whitespace() && !is_name_punctuation(*c))
        .collect()
}

fn is_name_punctuation(c: char) -> bool {
    matches!(
        c,
        '・' | '.'
            | ','
            | '、'
            | '。'
            | '「'
            | '」'
            | '『'
            | '』'
            | '('
            | ')'
            | '['
            | ']'
            | '【'
            | '】'
            | '<'
            | '>'
            | '〈'
            | '〉'
            | '"'
            | '\''
            | '’'
            | '‘'
            | '“'
            | '”'
            | '!'
            | '?'
            | ':'
            | ';'
            | '/'
            | '-'
            | '‐'
            | '–'
            | '—'
            | '~'
            | '〜'
            | '&'
            | '＆'
    )
}

/// Words that mark a name as a full legal name (株式会社…, …法人, 財団, 組合).
const LEGAL_MARKS: &[&str] = &[
    "株式会社",
    "(株)",
    "有限会社",
    "合同会社",
    "法人",
    "財団",
    "社団",
    "組合",
];

/// True when the name carries a legal form: `株式会社サンプル` rather than `サンプル`.
pub fn has_legal_form(name: &str) -> bool {
    LEGAL_MARKS.iter().any(|m| name.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key as computed before its fast paths: NFKC always, every form searched for.
    fn reference_key(name: &str) -> String {
        let mut s: String = name.nfkc().collect::<String>().to_lowercase();
        for form in LEGAL_FORMS {
            s = s.replace(form, "");
        }
        s.chars()
            .filter(|c| !c.is_whitespace() && !is_name_punctuation(*c))
            .collect()
    }

    #[test]
    fn every_form_holds_the_character_its_search_is_gated_on() {
        for form in LEGAL_FORMS {
            assert!(
                form.bytes().any(|b| b.is_ascii_alphabetic()) && form.is_ascii()
                    || form.contains(['会', '法', '(']),
                "{form}: a new legal form needs its gate in normalize_org_name"
            );
        }
    }

    #[test]
    fn fast_paths_give_the_reference_key() {
        let names = [
            "株式会社サンプル商事",
            "サンプル商事(株)",
            "㈱サンプル商事",
            "(有)やまびこ",
            "ＡＢＣ 物流",
            "Example Corp.",
            "EXAMPLE INC",
            "ｻﾝﾌﾟﾙｶﾌﾞｼｷｶﾞｲｼｬ",
            "医療法人社団 こもれび会",
            "NPO法人 みどりの会",
            "特定非営利活動法人 あおぞら",
            "夕霧市",
            "会社法人研究会",
            "Incorporated Society of Ltd Makers",
            "合同会社 Alpha Co.,Ltd.",
            "",
            "・",
        ];
        for name in names {
            assert_eq!(normalize_org_name(name), reference_key(name), "{name}");
        }
    }

    #[test]
    fn legal_forms_before_or_after_meet() {
        assert_eq!(normalize_org_name("株式会社サンプル商事"), "サンプル商事");
        assert_eq!(normalize_org_name("サンプル商事株式会社"), "サンプル商事");
        assert_eq!(normalize_org_name("サンプル商事(株)"), "サンプル商事");
        assert_eq!(normalize_org_name("㈱サンプル商事"), "サンプル商事");
    }

    #[test]
    fn legal_form_marks_the_fuller_name() {
        assert!(has_legal_form("株式会社サンプル商事"));
        assert!(has_legal_form("一般財団法人サンプル協会"));
        assert!(!has_legal_form("サンプル商事"));
    }

    #[test]
    fn width_space_and_case_fold() {
        assert_eq!(normalize_org_name("ＡＢＣ 物流"), "abc物流");
        assert_eq!(normalize_org_name("Example Corp."), "example");
        assert_eq!(normalize_org_name("医療法人社団 こもれび会"), "こもれび会");
        assert_eq!(
            normalize_org_name("大阪急性期・総合医療センター"),
            "大阪急性期総合医療センター"
        );
    }
}
