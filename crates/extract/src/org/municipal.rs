//! Owns municipalities and their facilities (○○県, ○○市, ○○町立○○病院), and telling a place
//! name from a person's or a thing's.

use super::*;

/// Words that may follow a municipality name directly: 青葉市市民課, 青葉市長, 青葉市教育委員会.
pub(super) const MUNICIPAL_FOLLOWERS: &[&str] = &[
    "市民",
    "県民",
    "町民",
    "村民",
    "区民",
    "都民",
    "府民",
    "道民",
    "役所",
    "役場",
    "教育委員会",
    "議会",
    "長",
    "職員",
    "消防",
    "水道",
    "上下水道",
    "総務",
    "健康",
    "福祉",
    "環境",
    "企画",
    "税務",
    "選挙管理委員会",
    "監査",
    "交通局",
    "病院局",
    "保健",
    "子ども",
    "農政",
    "観光課",
    "情報政策",
    "デジタル",
    // `青葉市公式ホームページ`, `青葉市広報紙`: the page or paper the body publishes.
    "公式",
    "広報",
];

/// Words that end the name of a part of an organisation.
pub(crate) const DEPARTMENT_WORDS: &[&str] = &[
    "部",
    "課",
    "局",
    "室",
    "係",
    "センター",
    "事務所",
    "支部",
    "支店",
    "本部",
    "事業所",
    "研究科",
    "学部",
    "学科",
    "研究所",
    "附属病院",
    "付属病院",
    "営業所",
];

/// Whether a department name follows at `at` (`前橋市都市計画部`, `青葉市子育て支援課`): a short
/// run that ends in a department word before a non-kanji character.
pub(super) fn department_follows(text: &str, at: usize) -> bool {
    let end = scan_forward_with(text, at, 12, |c| is_kanji(c) || is_katakana(c));
    let run = &text[at..end];
    DEPARTMENT_WORDS.iter().any(|d| run.ends_with(d))
}

/// Whether a particle (は, が, を, に, で) follows a kanji or katakana inside `s`, the run right
/// after `…立`: `県立では…` or `県立病院で…` end a name there, but the が of `ひがし台小学校` is
/// part of a hiragana word.
fn particle_after_name_char(s: &str) -> bool {
    let mut prev: Option<char> = Some('立');
    for c in s.chars() {
        if matches!(c, 'は' | 'が' | 'を' | 'に' | 'で') && prev.is_some_and(|p| !is_hiragana(p))
        {
            return true;
        }
        prev = Some(c);
    }
    false
}

pub(super) fn is_municipal_char(c: char) -> bool {
    is_kanji(c) || matches!(c, 'ヶ' | 'ケ' | 'ノ')
}

/// Bodies of a municipality named after it (`data/lexicon/municipal_bureaus.txt`).
static MUNICIPAL_BUREAUS: crate::lexicon::WordFile =
    crate::lexicon::WordFile::new(include_str!("../../data/lexicon/municipal_bureaus.txt"));

/// The length in bytes of the municipal body's word right after a municipality name
/// (`水道局` in `青葉市水道局は`; the longest listed word), 0 when none follows.
fn bureau_after(text: &str, b: usize) -> usize {
    let rest = text.get(b..).unwrap_or("");
    MUNICIPAL_BUREAUS
        .words()
        .iter()
        .filter(|w| rest.starts_with(**w))
        .map(|w| w.len())
        .max()
        .unwrap_or(0)
}

/// Whether a hiragana municipality name may start after `c`: line start, punctuation, a
/// bracket, a bar or a heading mark.
fn opens_a_name(c: char) -> bool {
    matches!(
        c,
        '、' | '。' | ' ' | '\n' | '「' | '(' | '】' | '・' | '|' | '[' | '\t'
    ) || crate::segment::HEADING_MARKS.contains(&c)
}

/// Hiragana words that open a phrase, not a municipality's name (`この市`, `および北町`).
const FUNCTION_WORDS: &[&str] = &[
    "これ",
    "それ",
    "あれ",
    "どれ",
    "この",
    "その",
    "あの",
    "どの",
    "ある",
    "とある",
    "また",
    "なお",
    "すべて",
    "いずれ",
    "ほか",
    "よその",
    "どこの",
    "しかし",
    "そして",
    "ただし",
    "やはり",
    "さまざま",
    "いくつか",
    "それぞれ",
    "どちら",
    "および",
    "ならびに",
    "とともに",
    "または",
    "あるいは",
];

/// Where a municipality name of the form hiragana + one kanji starts (`こがね台町`,
/// `みどり野村`), given `start`, where its kanji run does: a hiragana run of two or more
/// right before the single kanji joins the name when a boundary (line start, punctuation, a
/// bracket or heading mark) comes before it and it ends in no particle.
fn hiragana_head(text: &str, start: usize, suffix_start: usize) -> usize {
    if text[start..suffix_start].chars().count() != 1 {
        return start;
    }
    let hs = scan_backward(text, start, 6, is_hiragana);
    let run = &text[hs..start];
    let before = text[..hs].chars().next_back();
    // `富山県ときわ野市`: a named prefecture written against the name bounds it (a bare `県と`
    // is `the prefecture and`).
    let named_prefecture = {
        let mut back = text[..hs].chars().rev();
        back.next()
            .is_some_and(|c| matches!(c, '県' | '都' | '府' | '道'))
            && back.next().is_some_and(crate::text::is_kanji)
    };
    let boundary = before.is_none_or(opens_a_name) || named_prefecture;
    // (`みなと` ends in a particle's kana: a run of three or more after a boundary is a name.)
    let particle_end = run.ends_with(['の', 'は', 'が', 'を', 'に', 'で', 'と', 'も', 'へ', 'や'])
        && !(run.ends_with('と')
            && run.chars().count() >= 3
            && before.is_none_or(opens_a_name)
            && !run.starts_with(PARTICLES));
    let function_word = FUNCTION_WORDS.iter().any(|w| run.starts_with(w));
    if run.chars().count() >= 2 && boundary && !particle_end && !function_word {
        return hs;
    }
    // `大阪府のみなと川市`: a particle after a name word, then the hiragana part (`みなと` may
    // end in a particle's kana when it is long enough).
    let min = if particle_end { 3 } else { 2 };
    past_a_particle(
        run,
        before,
        &['の', 'で', 'に', 'は', 'が', 'を', 'と'],
        min,
    )
    .map_or(start, |p| hs + p)
}

/// Particles that may stand between words, and around a hiragana name.
const PARTICLES: [char; 10] = ['の', 'は', 'が', 'を', 'に', 'で', 'と', 'も', 'へ', 'や'];

/// Where a hiragana name starts in `run` when the run opens with one of `openers` right after
/// a name word (`北海道のしらかば市`, `容疑でゆきぐに市`): past that particle, when at least `min`
/// kana remain that open with no particle and no function word. A byte offset in `run`.
fn past_a_particle(run: &str, before: Option<char>, openers: &[char], min: usize) -> Option<usize> {
    let first = run.chars().next()?;
    // A particle of two kana (`自治体ではさくら台市`, `県内にはつくば市`).
    if let Some(p) = ["では", "には", "とは", "でも", "にも"]
        .iter()
        .find(|p| run.starts_with(**p))
    {
        let rest = &run[p.len()..];
        return (before.is_some_and(is_name_char)
            && rest.chars().count() >= min
            && !rest.starts_with(PARTICLES)
            && !FUNCTION_WORDS.iter().any(|w| rest.starts_with(w)))
        .then_some(p.len());
    }
    let rest = &run[first.len_utf8()..];
    (openers.contains(&first)
        && before.is_some_and(is_name_char)
        && rest.chars().count() >= min
        && !rest.starts_with(PARTICLES)
        && !FUNCTION_WORDS.iter().any(|w| rest.starts_with(w)))
    .then_some(first.len_utf8())
}

/// Where a municipality name of the form kanji + の + kanji starts (`紀の川市`-like names),
/// given `start`, where its kanji run does: a single kanji and の right before the run join
/// the name when a boundary (line start, punctuation, a bracket, a prefecture) comes before
/// them. Two kanji or more before の (`大阪の`) read as a phrase, and a municipal word (`県の`,
/// `市の`) as a reference, so they never join.
fn single_kanji_no_head(text: &str, start: usize) -> usize {
    let before = &text[..start];
    let Some(head) = before.strip_suffix('の') else {
        return start;
    };
    let mut chars = head.char_indices().rev();
    let Some((k, kanji)) = chars.next() else {
        return start;
    };
    if !is_kanji(kanji) || "都道府県市町村区国同本当各他全両某".contains(kanji) {
        return start;
    }
    let boundary = chars.next().is_none_or(|(_, c)| {
        matches!(
            c,
            '、' | '。' | ' ' | '　' | '\n' | '「' | '(' | '【' | '】' | '・' | '県' | '■' | '●'
        )
    });
    if boundary {
        k
    } else {
        start
    }
}

/// Where the prefecture written right before a municipality starts (`北浜県` in
/// `北浜県青葉市`; `name_start` is where the municipality starts, `start` where the run of
/// kanji before it does): its stem is two characters, three for 神奈川/和歌山/鹿児島.
fn glued_prefecture_start(text: &str, start: usize, name_start: usize) -> usize {
    if name_start <= start {
        return name_start;
    }
    let head = &text[start..name_start];
    let stem_chars = if ["神奈川県", "和歌山県", "鹿児島県"]
        .iter()
        .any(|p| head.ends_with(p))
    {
        3
    } else {
        2
    };
    head.char_indices()
        .rev()
        .nth(stem_chars)
        .map_or(start, |(i, _)| start + i)
}

pub(super) fn municipal_mention(text: &str, a: usize, b: usize) -> Option<OrgMention> {
    let suffix = &text[a..b];
    let next = text[b..].chars().next();
    // ○○市立○○小学校 / つるぎ町立半田病院
    if next == Some('立') {
        let fac_start = b + '立'.len_utf8();
        let mut fac_end = scan_forward(text, fac_start, 20);
        if !FACILITY_SUFFIXES
            .iter()
            .any(|s| text[fac_start..fac_end].ends_with(s))
        {
            // 県立みどり病院: hiragana inside the facility name, up to its suffix.
            let wide_end = scan_forward_with(text, fac_start, 15, is_legal_name_char);
            let wide = &text[fac_start..wide_end];
            let hit = FACILITY_SUFFIXES
                .iter()
                .filter_map(|s| wide.find(s).map(|i| i + s.len()))
                .min();
            match hit {
                Some(e) if !particle_after_name_char(&wide[..e]) => {
                    fac_end = fac_start + e;
                }
                _ => return None,
            }
        }
        let mut start = scan_backward(text, a, 6, is_municipal_char);
        if start == a {
            // A hiragana place name right after a boundary (、つるぎ町立…); else `県立○○病院`
            // with no prefecture named is a name of its own.
            let hs = scan_backward(text, a, 5, is_hiragana);
            let before = text[..hs].chars().next_back();
            let boundary = |c: Option<char>| {
                c.is_none_or(|c| matches!(c, '、' | '。' | ' ' | '\n' | '「' | '(' | '】' | '■'))
            };
            let function_word_head = FUNCTION_WORDS.iter().any(|w| text[hs..a].starts_with(w));
            if hs < a && boundary(before) && !function_word_head {
                start = hs;
            } else {
                // The facility must carry a name of its own (`県立高校` is no name).
                let facility = &text[fac_start..fac_end];
                let stem_chars = FACILITY_SUFFIXES
                    .iter()
                    .filter_map(|s| facility.strip_suffix(s))
                    .map(|st| st.chars().count())
                    .min()
                    .unwrap_or(0);
                // `市立さくら台東高校`: a city's school named after the city was (the name
                // stands after a boundary, as a prefecture's does).
                let own_name_after_boundary = if hs == a {
                    boundary(before)
                } else {
                    boundary(text[..a].chars().next_back())
                };
                if !(matches!(suffix, "県" | "都" | "府" | "道" | "市" | "町" | "村")
                    && own_name_after_boundary
                    && stem_chars >= 2)
                {
                    return None;
                }
            }
        } else if matches!(suffix, "市" | "町" | "村") {
            // `いずみ野町立図書館`: hiragana and one kanji after a boundary.
            start = hiragana_head(text, start, a);
        }
        let name = text[start..fac_end].to_string();
        // `全県立学校`, `両市立病院`: every (both) such facility, no name.
        if name.starts_with(['同', '本', '当', '各', '他', '全', '両', '某']) {
            return None;
        }
        return Some(OrgMention {
            start,
            end: fac_end,
            core: name.clone(),
            name,
            kind: OrgKind::MunicipalFacility,
            cue: VictimCue::None,
            relation_hint: None,
        });
    }
    // `青葉市水道局`: the municipal body's word right after the name (0 when none).
    let bureau = bureau_after(text, b);
    // A municipality name ends at a non-kanji character (particle, punctuation), or runs on
    // into a lower-level municipality (新潟県上越市: handled when the 市 anchor is seen).
    if next.is_some_and(is_municipal_char)
        && honorific_len(&text[b..]) == 0
        && !MUNICIPAL_FOLLOWERS.iter().any(|w| text[b..].starts_with(w))
        && bureau == 0
        && !department_follows(text, b)
    {
        return None;
    }
    let mut start = scan_backward(text, a, 8, is_municipal_char);
    // `北部県税事務所`: a region of the prefecture, then its tax office (県税), is no prefecture.
    const REGION_STEMS: &[&str] = &[
        "北部", "南部", "東部", "西部", "中部", "県北", "県南", "県東", "県西", "県央",
    ];
    if suffix == "県" && REGION_STEMS.iter().any(|r| text[start..a].ends_with(r)) {
        return None;
    }
    if start == a && matches!(suffix, "市" | "町" | "村" | "区") {
        // さいたま市 / つくば市 / いわき市: a hiragana name that opens a clause or follows
        // its prefecture.
        let hs = scan_backward(text, a, 7, is_hiragana);
        let run = &text[hs..a];
        let before = text[..hs].chars().next_back();
        let boundary = before.is_none_or(|c| c == '県' || opens_a_name(c));
        // 南あわじ市 / 東かがわ市: one or two kanji open the hiragana name after a boundary.
        let kanji_head = if boundary {
            None
        } else {
            let ks = scan_backward(text, hs, 2, crate::text::is_kanji);
            let before_kanji = text[..ks].chars().next_back();
            // (`会見した市`: a verb's ending is no name's kana)
            let verb_end = [
                "した", "する", "れた", "れる", "いる", "ある", "ない", "った",
            ]
            .iter()
            .any(|w| run.ends_with(w));
            (ks < hs
                && !verb_end
                && !run.starts_with(['の', 'は', 'が', 'を', 'に', 'で', 'と', 'も', 'へ', 'や'])
                && before_kanji.is_none_or(|c| {
                    matches!(
                        c,
                        '、' | '。' | ' ' | '\n' | '「' | '(' | '】' | '・' | '◇' | '■' | '●'
                    )
                }))
            .then_some(ks)
        };
        // `北海道のしらかば市` / `容疑でゆきぐに市の`: a particle after a name word, then a
        // hiragana name of three or more that ends in no particle but の or に.
        let after_particle = kanji_head
            .is_none()
            .then(|| past_a_particle(run, before, &PARTICLES, 3))
            .flatten()
            .filter(|&p| !run[p..].ends_with(['は', 'が', 'を', 'で', 'と', 'も', 'へ', 'や']))
            .map(|p| hs + p);
        // (`かざはや市`: a longer run may end in や, と or も)
        let particle_kana_end = if run.chars().count() >= 3 {
            run.ends_with(['は', 'が', 'を', 'に', 'で', 'へ'])
        } else {
            run.ends_with(['は', 'が', 'を', 'に', 'で', 'と', 'も', 'へ', 'や'])
        };
        if run.chars().count() >= 2
            && (boundary || kanji_head.is_some())
            // (`県のほかの市`; と, も, や, に open names: とびしま市, にかほ市)
            && !run.starts_with(['の', 'が', 'を', 'で'])
            // (`の` may end one: たつの市; after its prefecture any kana may: 栃木県かみさと市)
            && (before == Some('県') || !particle_kana_end)
            && !FUNCTION_WORDS.iter().any(|w| run.starts_with(w))
        {
            start = kanji_head.unwrap_or(hs);
        } else if let Some(s) = after_particle {
            start = s;
        }
    } else if start < a && matches!(suffix, "市" | "町" | "村") {
        start = single_kanji_no_head(text, start);
        start = hiragana_head(text, start, a);
    }
    // `さいたま市大宮区`: a ward of a city whose name is hiragana; the city heads the name.
    if start < a && text[start..].starts_with(['市', '郡']) {
        let hs = scan_backward(text, start, 7, is_hiragana);
        let run = &text[hs..start];
        let before = text[..hs].chars().next_back();
        if run.chars().count() >= 2
            && before.is_none_or(|c| c == '県' || opens_a_name(c))
            && !FUNCTION_WORDS.iter().any(|w| run.starts_with(w))
        {
            start = hs;
        }
    }
    let stem_chars = text[start..a].chars().count();
    if stem_chars == 0
        || (suffix != "県" && suffix != "都" && suffix != "府" && suffix != "道" && stem_chars > 7)
    {
        return None;
    }
    if matches!(suffix, "都" | "道" | "府") {
        let stem = &text[start..a];
        let ok = (suffix == "都" && stem == "東京")
            || (suffix == "道" && stem == "北海")
            || (suffix == "府" && (stem == "大阪" || stem == "京都"));
        if !ok {
            return None;
        }
    }
    let full = &text[start..b];
    if full.starts_with([
        '同', '本', '当', '各', '他', '全', '両', '某', '市', '県', '町', '村', '区',
    ]) && full.chars().count() <= 2
    {
        return None;
    }
    // 新潟県上越市 → 上越市 (the prefecture is an alias).
    let mut name_start = start;
    if suffix != "県" {
        for p in ["県", "都", "府", "道"] {
            if let Some(pos) = full[..full.len() - suffix.len()].rfind(p) {
                let cand = start + pos + p.len();
                // 都, 道 and 府 end a prefecture only in its name (`東京都`, `京都府`): the 都 of
                // `京都市中京区` is the city's.
                let prefecture = match p {
                    "都" => full[..pos].ends_with("東京"),
                    "道" => full[..pos].ends_with("北海"),
                    "府" => full[..pos].ends_with("大阪") || full[..pos].ends_with("京都"),
                    _ => true,
                };
                if prefecture && b - cand >= 2 * 3 {
                    name_start = cand;
                }
            }
        }
    }
    let name = text[name_start..b].to_string();
    if is_generic_name(&name) || name.chars().count() < 2 || looks_like_non_place(&name) {
        return None;
    }
    // `石垣市の中山義隆市長`, `岸本聡子区長は`: a person named before the title of the office
    // they hold (a place name of four or more kanji before 市長/区長 is rare; a person's full
    // name usually has four).
    let stem_len = text[name_start..a].chars().count();
    if text[b..].starts_with('長')
        && ((text[..name_start].ends_with('の')
            && text[..name_start - 'の'.len_utf8()].ends_with(suffix))
            || (stem_len >= 4
                && !text.contains(&format!("{name}の"))
                && !text.contains(&format!("{name}は"))))
    {
        return None;
    }
    // `青葉市水道局`, `青葉県教育委員会`: the body named after the municipality is the mention,
    // its prefecture kept as written (`北浜県青葉市水道局`: the prefecture names no body here).
    let (name_start, end) = if bureau > 0 {
        (glued_prefecture_start(text, start, name_start), b + bureau)
    } else {
        (name_start, b)
    };
    let name = text[name_start..end].to_string();
    // A board of education keeps the kind its bare mentions have: an authority.
    let kind = if bureau > 0 && crate::lexicon::is_authority(&name) {
        OrgKind::Government
    } else {
        OrgKind::Municipality
    };
    Some(OrgMention {
        start: name_start,
        end,
        core: name.clone(),
        name,
        kind,
        cue: VictimCue::None,
        relation_hint: None,
    })
}

/// Kanji words ending in 市/町/区… that are not places (都市, 城下町, 地区, 選挙区 …).
pub(super) fn looks_like_non_place(name: &str) -> bool {
    const NON_PLACES: &[&str] = &[
        "都市",
        // villages as a kind of place (`農村の活性化`)
        "農村",
        "漁村",
        "山村",
        "城下町",
        "地区",
        "選挙区",
        "学区",
        "特区",
        "下町",
        "門前町",
        "朝市",
        "見本市",
        "政令市",
        "中核市",
        "各市",
        "全市",
        "区市",
        "市区町村",
        "市町村",
        "町村",
        "本県",
        "他県",
        "各県",
        "全県",
        "両県",
        "隣県",
        "都道府県",
        "同県",
        "同市",
        "同町",
        "当市",
        "本市",
    ];
    NON_PLACES
        .iter()
        .any(|w| name == *w || name.ends_with(w) && name.chars().count() <= w.chars().count() + 1)
}

pub(super) fn looks_like_place(name: &str) -> bool {
    MUNICIPAL_SUFFIXES.iter().any(|s| name.ends_with(s)) || name.ends_with("都内")
}
