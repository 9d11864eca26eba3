//! Owns names that a kind word tells beyond a plain suffix: a kind word that opens a name
//! written in kana (`ホテルさくら`, `JAみなみ`), and the kind-word suffixes that name no body of
//! their own (a hospital's department, schools counted or placed).

use super::*;

/// Words that open a name whose own part is written in kana (`JAみなみ`, `コープみらい`,
/// `ホテルさくら`, `旅館みどり`).
const KIND_PREFIXES: &[&str] = &["JA", "コープ", "生協", "ホテル", "旅館"];

/// Names a kind word opens and a kana run ends (`ホテルさくらは5日、…`): the kind word after
/// a boundary, then two to eight kana that open with no particle; a particle that ends the
/// run (`さくらは`) is the sentence's, not the name's.
pub(super) fn kind_prefix_mentions(text: &str, out: &mut Vec<OrgMention>) {
    const PARTICLES: &[char] = &['の', 'は', 'が', 'を', 'に', 'で', 'と', 'も', 'へ', 'や'];
    for prefix in KIND_PREFIXES {
        for (at, _) in text.match_indices(prefix) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| is_katakana(c) || c.is_ascii_alphanumeric() || c == 'ー') {
                continue;
            }
            let run_start = at + prefix.len();
            let mut run_end = scan_forward_with(text, run_start, 8, is_hiragana);
            let run = &text[run_start..run_end];
            if run.chars().count() < 2 || run.starts_with(PARTICLES) {
                continue;
            }
            if run.chars().count() > 2 && run.ends_with(PARTICLES) {
                run_end -= run.chars().next_back().map_or(0, char::len_utf8);
            }
            // (`ホテルさくら館`: a longer name goes on in kanji or katakana; not read here)
            if text[run_end..]
                .chars()
                .next()
                .is_some_and(|c| is_kanji(c) || is_katakana(c))
            {
                continue;
            }
            let name = text[at..run_end].to_string();
            if out.iter().any(|m| m.start <= at && run_end <= m.end) {
                continue;
            }
            out.push(OrgMention {
                start: at,
                end: run_end,
                core: name.clone(),
                name,
                kind: OrgKind::CorporateSuffix,
                cue: VictimCue::None,
                relation_hint: None,
            });
        }
    }
}

/// A field of medicine written after a facility's name (`浜松中央病院内科`, `…大学歯科`).
pub(super) fn department_of_a_facility(name: &str) -> bool {
    MEDICAL_FIELDS.iter().any(|f| {
        name.strip_suffix(f).is_some_and(|head| {
            ["病院", "医院", "センター", "大学", "クリニック"]
                .iter()
                .any(|h| head.ends_with(h))
        })
    })
}

/// Schools counted or placed, not named: `市内全小中学校`, `県内の各高校`, `町内小・中学校`;
/// and a cram school described by kanji words (`高校受験塾`, `個別指導塾`) — one named by the
/// kind word alone is written in kana or Latin letters before it (`みらい塾`, `ABC塾`).
pub(super) fn generic_school(name: &str) -> bool {
    if let Some(stem) = name.strip_suffix('塾') {
        if stem.chars().any(crate::text::is_kanji) {
            return true;
        }
    }
    const AREAS: &[&str] = &[
        "市内", "町内", "村内", "区内", "県内", "都内", "府内", "道内", "国内", "管内",
    ];
    name.contains(['全', '各'])
        || AREAS.iter().any(|a| name.starts_with(a))
        || ["小中学校", "小・中学校", "中高"]
            .iter()
            .any(|e| name.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::super::tests::names;

    #[test]
    fn a_kind_word_opens_a_kana_name() {
        for (text, name) in [
            (
                "JAみなみは5日、組合員の名簿を紛失したと発表した。",
                "JAみなみ",
            ),
            ("コープみらいで個人情報が流出", "コープみらい"),
            (
                "ホテルさくらは、宿泊客の情報が流出した可能性があると発表した。",
                "ホテルさくら",
            ),
            ("老舗の旅館みどりで予約情報が漏えい", "旅館みどり"),
        ] {
            let n = names(text);
            assert!(n.contains(&name.to_string()), "{name}: {n:?}");
        }
        // Inside a longer katakana word, or a particle opening the kana: no name.
        let n = names("ビジネスホテルさくらで流出");
        assert!(!n.iter().any(|x| x == "ホテルさくら"), "{n:?}");
        let n = names("ホテルのみで利用できる");
        assert!(!n.iter().any(|x| x.starts_with("ホテル")), "{n:?}");
    }

    #[test]
    fn a_kana_head_ending_in_to_after_a_comma_is_a_name() {
        let n = names("不正アクセスにより、みなと電機の会員情報3000件が流出した。");
        assert!(n.contains(&"みなと電機".to_string()), "{n:?}");
        // An adverb written with っと is none.
        let n = names("被害は、もっと銀行の顧客に及んだ。");
        assert!(!n.iter().any(|x| x.starts_with("もっと")), "{n:?}");
    }

    #[test]
    fn a_kana_head_makes_a_common_word_a_name() {
        let n = names("さくらインターネットは5日、顧客情報が流出した可能性があると発表した。");
        assert!(n.contains(&"さくらインターネット".to_string()), "{n:?}");
        // Without one, the common word stays none; a function word is no head.
        let n = names("インターネットは5日、停止したと発表した。");
        assert!(!n.iter().any(|x| x.contains("インターネット")), "{n:?}");
        let n = names("このシステムは5日、停止したと発表した。");
        assert!(!n.iter().any(|x| x.contains("システム")), "{n:?}");
    }
}
