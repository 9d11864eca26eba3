//! Owns names recognised by a suffix (○○工業, ○○大学, ○○病院, ○○省, ○○県警), with a
//! hiragana head where one opens the name.

use super::*;

/// Country names that stand at the head of organisation names (`日本○○協会`).
const COUNTRY_STEMS: &[&str] = &["日本", "米国", "韓国", "中国"];

/// Conjugations of する that turn a suffix word (印刷, 輸送, 工業…) into the verb it names.
const VERBAL_ENDINGS: &[&str] = &["され", "する", "した", "して", "しない", "しま", "でき"];

pub(super) fn suffix_mention(text: &str, a: usize, b: usize, kind: OrgKind) -> Option<OrgMention> {
    // The suffix must end the name: 病院長 / 大学生 are not names, but 新聞社元社員 names the
    // newspaper whose former employee it was.
    let next = text[b..].chars().next();
    if next.is_some_and(|c| is_kanji(c) || is_katakana(c))
        && honorific_len(&text[b..]) == 0
        && !subject::owned_noun_at(text, b)
        && !department_follows(text, b)
    {
        return None;
    }
    // A suffix word conjugated as a verb (`転送・印刷されていない`, `輸送した`) is the
    // action, not a name's end.
    if VERBAL_ENDINGS.iter().any(|v| text[b..].starts_with(v)) {
        return None;
    }
    let mut start = scan_backward(text, a, 20, is_name_char);
    start = hiragana_led_start(text, start, a);
    // A list bullet (`・北浜鉄道「…」`) is no part of the name.
    while start < a && text[start..a].starts_with(['・', '-', '.']) {
        start += text[start..].chars().next().map_or(1, char::len_utf8);
    }
    if start == a {
        return None;
    }
    let raw = &text[start..b];
    let name = strip_descriptors(raw);
    let name = strip_embedded_legal_form(&name);
    let stem = &name[..name.len().saturating_sub(b - a)];
    // `ファイル交換ネットワーク`: a katakana class word after common nouns is a description.
    let katakana_suffix = text[a..b].chars().all(|c| is_katakana(c) || c == 'ー');
    if katakana_suffix && subject::made_of_common_nouns(stem) {
        return None;
    }
    if stem.chars().count() < 1
        || (stem.starts_with(['同', '本', '当', '各', '他', '全', '某', '両', '貴', '弊'])
            && !["全国", "全日本"].iter().any(|p| stem.starts_with(p)))
        || is_generic_name(&name)
        // (A country opens many names — 日本銀行, 中国電力 — and is generic only alone.)
        || is_generic_name(stem) && !COUNTRY_STEMS.contains(&stem)
        || is_criminal_group(&name)
        || anonymised(stem)
        || super::subject::made_of_common_nouns(&name)
    {
        return None;
    }
    let kind = if is_authority(&name) {
        OrgKind::Government
    } else {
        kind
    };
    Some(OrgMention {
        start: b - name.len(),
        end: b,
        core: core_name(&name),
        name,
        kind,
        cue: VictimCue::None,
        relation_hint: None,
    })
}

/// Names that begin in hiragana (みなみ信用金庫, きらら銀行): the hiragana run before `start`
/// joins the name when it opens a line, a clause or a bracket and is not a function word.
/// Marks that open a digest's entry (`▼うぐいす幼稚園(…)`, `◆ひばり台病院`): a name after one
/// starts there.
const LIST_BULLETS: &[char] = &[
    '▼', '▽', '◆', '◇', '○', '◎', '□', '★', '☆', '※', '▶', '▷', '＊', '*',
];

/// Verb endings that close a clause inside a run of kana before a name.
const VERB_ENDINGS: &[&str] = &[
    "する",
    "した",
    "される",
    "された",
    // (past tenses: `被害を受けたしらゆり乳業`)
    "けた",
    "れた",
    "った",
    "いた",
    "めた",
    "えた",
    "せた",
    // (the passive and potential: `とみられる`)
    "れる",
    "ている",
];

pub(super) fn hiragana_led_start(text: &str, start: usize, suffix_start: usize) -> usize {
    let mut hs = scan_backward(text, start, 8, is_hiragana);
    if hs == start {
        return start;
    }
    // `…が運営するさくら看護専門学校`: a verb or particle ending inside the run closes the
    // clause before the name.
    let mut split = false;
    let run = &text[hs..start];
    // A run that ends in a verb form is the clause before the suffix, not a name's kana
    // (`漏れたとみられる大学`: the suffix stands alone).
    if VERB_ENDINGS.iter().any(|w| run.ends_with(w)) {
        return start;
    }
    // A run that opens its line or list item (`・ことぶき製菓の…`) starts with the name: its
    // particles (the と of ことぶき) are the name's.
    let run_prev = text[..hs].chars().next_back();
    let opens_item = run_prev.is_none_or(|c| {
        matches!(c, '\n' | '・' | '■' | '●' | '【' | '】' | '「' | '『')
            || LIST_BULLETS.contains(&c)
    });
    let particles: &[&str] = if opens_item {
        &[]
    } else {
        &["の", "が", "は", "を", "で", "と"]
    };
    if let Some(cut) = VERB_ENDINGS
        .iter()
        .chain(particles)
        // The first ending that leaves a name of two or more characters (`のはやて運輸`: the
        // name is はやて, not やて).
        .flat_map(|w| run.match_indices(w).map(move |(i, _)| i + w.len()))
        .filter(|&cut| run[cut..].chars().count() >= 2)
        .min()
    {
        // `流出したのは十八銀行の…`, `被害を受けたのはきらぼし銀行`: the cleft's の and its
        // particle after a verb are no part of the name either.
        let mut cut = cut;
        if VERB_ENDINGS.iter().any(|v| run[..cut].ends_with(v)) {
            if let Some(c) = ["のは", "のが", "のも"]
                .iter()
                .find(|c| run[cut..].starts_with(**c))
            {
                cut += c.len();
                if run[cut..].chars().count() < 2 {
                    return start;
                }
            }
        }
        if run_prev.is_some_and(|c| !is_hiragana(c)) {
            hs += cut;
            split = true;
        }
    }
    let before = text[..hs].chars().next_back();
    // `私立こもれび学院高校`: who runs a school is no part of its name.
    let boundary = split
        || text[..hs].ends_with("私立")
        || before.is_none_or(|c| {
            matches!(
                c,
                '\n' | ' '
                    | '　'
                    | '「'
                    | '『'
                    | '('
                    | '、'
                    | '。'
                    | '■'
                    | '●'
                    | '【'
                    | '】'
                    | '・'
                    | '\t'
            ) || LIST_BULLETS.contains(&c)
        });
    // `健康いきいき倶楽部`: up to four kanji open the name before its hiragana, after a
    // boundary or a verb that ends the clause before it (`…を運営する健康いきいき倶楽部`).
    let mut kanji_head = None;
    if !boundary {
        let head_boundary_at = |ks: usize| {
            text[..ks].chars().next_back().is_none_or(|c| {
                matches!(
                    c,
                    '\n' | ' '
                        | '　'
                        | '「'
                        | '『'
                        | '('
                        | '、'
                        | '。'
                        | '■'
                        | '●'
                        | '【'
                        | '】'
                        | '◇'
                )
            }) || ["する", "した", "される", "された", "ている"]
                .iter()
                .any(|w| text[..ks].ends_with(w))
        };
        let ks = scan_backward(text, hs, 4, is_kanji);
        let head_boundary = head_boundary_at(ks);
        // `北陸医療機構しらなみ医療センター`: the body that runs a facility, written before its
        // kana name, heads the name whatever its length.
        let operator_start = ["機構", "法人", "協会", "財団", "事業団", "連合会"]
            .iter()
            .any(|w| text[..hs].ends_with(w))
            .then(|| scan_backward(text, hs, 16, is_kanji))
            .filter(|&os| os < hs && head_boundary_at(os));
        // `徳島県つるぎ町立…`: a prefecture before the hiragana is a place that bounds the
        // name, not its head.
        let prefecture = ["県", "都", "府", "道"]
            .iter()
            .any(|p| text[..hs].ends_with(p));
        kanji_head = if prefecture {
            Some(hs)
        } else if operator_start.is_some() {
            operator_start
        } else if ks < hs && head_boundary {
            Some(ks)
        } else {
            None
        };
    }
    let boundary = boundary || kanji_head.is_some();
    let run = &text[hs..start];
    const FUNCTION_WORDS: &[&str] = &[
        "また",
        "なお",
        "この",
        "その",
        "あの",
        "さらに",
        "および",
        "ならびに",
        "これ",
        "それ",
        "ただし",
        "しかし",
        "ついて",
        "より",
        "など",
        "ほか",
        "すべて",
        "いずれ",
        "こちら",
        "わが",
        "ご",
        "お",
        "ため",
        "このため",
        "そのため",
    ];
    // After a line start or an opening mark a run ending like a particle is still a name
    // (みなと工科大学); after 、 or a space it is more likely a particle.
    // So is a space after a dated line's date (`2019/4/11 みなと運輸 …`, a 事件簿's head).
    let after_line_date = {
        let line_start = text[..hs].rfind('\n').map_or(0, |i| i + 1);
        let lead = text[line_start..hs].trim_end();
        lead.len() < hs - line_start
            && lead.chars().next().is_some_and(|c| c.is_ascii_digit())
            && lead
                .chars()
                .all(|c| c.is_ascii_digit() || "/.-年月日".contains(c))
    };
    let strong_boundary = split
        || after_line_date
        || before
            .is_none_or(|c| matches!(c, '\n' | '「' | '『' | '(' | '■' | '●' | '【' | '】' | '・'));
    // What a particle cut leaves of a verb (`手がける伊織`: `ける`) is no name's head.
    const VERB_TAILS: &[&str] = &[
        "ける", "げる", "せる", "てる", "れる", "める", "べる", "える", "いる",
    ];
    let functional = FUNCTION_WORDS.iter().any(|w| run.starts_with(w))
        || (split && VERB_TAILS.contains(&run))
        || run.chars().count() < 2
        || !strong_boundary
            && run.ends_with(['は', 'が', 'を', 'に', 'で', 'の', 'と', 'も', 'や', 'へ'])
            // (`、みなと電機`, `、やまと運輸`: と ends names of three kana or more; the adverbs
            // it ends are written with っ — `もっと`, `きっと`.)
            && !(run.ends_with('と') && !run.ends_with("っと") && run.chars().count() >= 3);
    // Only a short kanji/katakana stem may follow (みなみ信用金庫, ひまわり農業協同組合);
    // a longer one when the run opens its line or a bracket (`みどり台中央総合病院` on the
    // page's masthead).
    let stem_chars = text[start..suffix_start].chars().count();
    let stem_limit = if strong_boundary && !split { 8 } else { 4 };
    if boundary && !functional && stem_chars <= stem_limit {
        kanji_head.unwrap_or(hs)
    } else {
        start
    }
}

pub(super) fn strip_embedded_legal_form(name: &str) -> String {
    for lf in LEGAL_FORMS {
        if let Some(pos) = name.find(lf) {
            let rest = &name[pos + lf.len()..];
            if rest.chars().count() >= 2 {
                return rest.to_string();
            }
        }
    }
    name.to_string()
}

pub(super) fn government_mention(text: &str, a: usize, b: usize) -> Option<OrgMention> {
    // `沖波県警察本部`: the shorter `県警` matched first; the name runs on to 察本部 / 察.
    let b = if text[a..b].ends_with('警') {
        ["察本部", "察"]
            .iter()
            .find(|t| text[b..].starts_with(*t))
            .map_or(b, |t| b + t.len())
    } else {
        b
    };
    let next = text[b..].chars().next();
    if next.is_some_and(is_kanji) {
        return None;
    }
    // Place names may hold a small kana between kanji (`柚ノ木県警`, `霧ヶ丘警察署`).
    let place_char = |c: char| is_kanji(c) || matches!(c, 'ノ' | 'ヶ' | 'ケ');
    let mut start = scan_backward(text, a, 8, place_char);
    while let Some(c) = text[start..a].chars().next().filter(|c| !is_kanji(*c)) {
        start += c.len_utf8();
    }
    if start == a || a - start < 2 * 3 {
        return None;
    }
    let name = text[start..b].to_string();
    if name.starts_with(['同', '本', '当', '各', '他', '両']) {
        return None;
    }
    Some(OrgMention {
        start,
        end: b,
        core: name.clone(),
        name,
        kind: OrgKind::Government,
        cue: VictimCue::None,
        relation_hint: None,
    })
}

/// A stem that hides a name (`A病院`, `B社`, `○○大学`, `X1市`): an anonymised case, no victim
/// anyone could look up.
pub fn anonymised(stem: &str) -> bool {
    let t = stem.trim();
    let mut cs = t.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), None, _) => a.is_ascii_uppercase() || "○◯×●某".contains(a),
        (Some(a), Some(b), None) => {
            (a.is_ascii_uppercase() && (b.is_ascii_digit() || b == '\''))
                || ("○◯×●".contains(a) && a == b)
        }
        _ => false,
    }
}
