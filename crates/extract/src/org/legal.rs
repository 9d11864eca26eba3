//! Owns names written with a legal form before or after them (株式会社○○, ○○株式会社,
//! 一般財団法人○○), including names that hold hiragana.

use super::*;

pub(super) fn legal_form_mention(text: &str, a: usize, b: usize) -> Option<OrgMention> {
    let form = &text[a..b];
    // Prefix form: 株式会社○○.
    let after = text[b..].trim_start_matches(' ');
    let after_start = text.len() - after.len();
    // 株式会社みなと物流 / 株式会社ほけんの窓口: names may hold hiragana; the name ends at a
    // particle that follows a non-hiragana character, or where the document confirms it.
    // `北浜ホールディングス株式会社様`: an honorific after the form ends the name before it.
    let end = if honorific_len(after) > 0 {
        after_start
    } else {
        legal_name_end(text, after_start)
    };
    // A list bullet (`・一般社団法人○○`) is no part of a name before the form.
    let mut before_start = hiragana_aware_start(text, a);
    while text[before_start..a].starts_with('・') {
        before_start += '・'.len_utf8();
    }
    let prefer_suffix = end == after_start
        || (before_start < a && text[b..].starts_with(|c: char| !is_name_char(c)));
    if !prefer_suffix && end > after_start {
        let core = text[after_start..end].to_string();
        if is_generic_name(&core) {
            return None;
        }
        return Some(OrgMention {
            start: a,
            end,
            name: format!("{form}{core}"),
            core,
            kind: OrgKind::LegalForm,
            cue: VictimCue::None,
            relation_hint: None,
        });
    }
    if before_start < a {
        let raw = &text[before_start..a];
        let core = strip_descriptors(raw);
        if core.chars().count() < 2 && !core.chars().all(|c| c.is_ascii_alphanumeric())
            || is_generic_name(&core)
        {
            return None;
        }
        let start = a - core.len();
        return Some(OrgMention {
            start,
            end: b,
            name: format!("{core}{form}"),
            core,
            kind: OrgKind::LegalForm,
            cue: VictimCue::None,
            relation_hint: None,
        });
    }
    None
}

/// After a name run that stops at hiragana, accepts `つり具`-like pieces when the whole run
/// then ends at a space, bracket or line end (header style), and the hiragana is no particle.
/// Particles and function words that end a name written after a legal form.
pub(super) const NAME_END_PARTICLES: &[&str] = &[
    "において",
    "における",
    "にて",
    "により",
    "による",
    "によって",
    "より",
    "から",
    "では",
    "には",
    "とは",
    "とともに",
    "として",
    "とする",
    "および",
    "ならびに",
    "は",
    "が",
    "の",
    "を",
    "に",
    "と",
    "へ",
    "で",
    "や",
    "も",
    "です",
    // the copula closing a sentence or clause (`…のは株式会社A精機だ。`)
    "だ。",
    "だ、",
    "だった",
    "だが",
    "など",
];

/// Whether `c` may appear inside an organisation name that carries a legal form.
pub(super) fn is_legal_name_char(c: char) -> bool {
    is_name_char(c) || is_hiragana(c) || matches!(c, '＆' | '〇')
}

/// The end of the name that follows a legal form starting at `start` (`start` when none).
/// Hiragana are allowed inside the name; the name is cut at a particle that follows a
/// non-hiragana character (みなと物流|は, ほけんの窓口|が), unless a longer reading of the
/// name occurs elsewhere in the document followed by a boundary (a line end, 、, 「…).
pub fn legal_name_end(text: &str, start: usize) -> usize {
    let end = legal_name_run_end(text, start);
    // `株式会社A電力分については`: 分 (the part of it) closing the run is no part of the name.
    match text[start..end].strip_suffix('分') {
        Some(core) if core.chars().count() >= 2 => start + core.len(),
        _ => end,
    }
}

fn legal_name_run_end(text: &str, start: usize) -> usize {
    let mut run_end = start;
    for (n, (i, c)) in text[start..].char_indices().enumerate() {
        if n >= 30 || !(is_legal_name_char(c) || (c == ' ' && latin_space(text, start + i))) {
            break;
        }
        // `株式会社みどり野様`: the honorific closes the name.
        if n > 0 && honorific_len(&text[start + i..]) > 0 {
            break;
        }
        run_end = start + i + c.len_utf8();
    }
    if run_end == start {
        return start;
    }
    // `株式会社A電力分21件` / `株式会社A電力分は`: 分 (the part of it) after a name and
    // before a count or at the run's end is no part of the name.
    let run_end = text[start..run_end]
        .char_indices()
        .skip(2)
        .find(|&(i, c)| {
            c == '分' && {
                let next = text[start + i + c.len_utf8()..run_end].chars().next();
                next.is_none_or(|n| n.is_ascii_digit() || ('０'..='９').contains(&n))
            }
        })
        .map_or(run_end, |(i, _)| start + i);
    // Candidate cuts: positions where a particle begins.
    let mut strong: Option<usize> = None;
    let mut cuts: Vec<usize> = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text[start..run_end].char_indices() {
        let p = start + i;
        if is_hiragana(c) && NAME_END_PARTICLES.iter().any(|w| text[p..].starts_with(w)) {
            let after_name_char = prev.is_some_and(|q| !is_hiragana(q));
            if prev.is_none() {
                // 株式会社は… / 株式会社において… : no name follows; 株式会社はるかぜ: a name.
                let multi = NAME_END_PARTICLES
                    .iter()
                    .any(|w| w.len() > 3 && text[p..].starts_with(w));
                let next = text[p + c.len_utf8()..].chars().next();
                if multi || !next.is_some_and(is_hiragana) {
                    return start;
                }
                prev = Some(c);
                continue;
            }
            cuts.push(p);
            // `生活協同組合コープあおぞらは19日、`: a topic particle before a date or a comma
            // ends the name even after hiragana.
            let before_date = matches!(c, 'は' | 'が')
                && text[p + c.len_utf8()..]
                    .trim_start()
                    .starts_with(|n: char| n.is_ascii_digit() || n == '、' || n == ',');
            if (after_name_char || before_date) && strong.is_none() {
                strong = Some(p);
            }
        }
        prev = Some(c);
    }
    let trim = |mut e: usize| {
        while e > start {
            match text[start..e].chars().next_back() {
                Some(c) if matches!(c, ' ' | '・' | '.' | '-' | '_') => e -= c.len_utf8(),
                _ => break,
            }
        }
        e
    };
    let has_hiragana = text[start..run_end].chars().any(is_hiragana);
    if !has_hiragana {
        return trim(run_end);
    }
    // A reading confirmed elsewhere in the document: the longest one wins.
    let is_boundary = |c: Option<char>| {
        c.is_none_or(|c| {
            matches!(
                c,
                '\n' | '\r'
                    | ' '
                    | '\t'
                    | '、'
                    | '。'
                    | ','
                    | '「'
                    | '」'
                    | '('
                    | ')'
                    | '【'
                    | '】'
                    | '　'
            )
        })
    };
    let mut first_end = strong.unwrap_or(run_end);
    // `社会福祉法人椋の実会`: one or two kanji, の, and kanji closing in an organisation's word
    // (会, 園…) are one name, not a name of one kanji cut at a particle.
    if let Some(p) = strong.filter(|&p| text[p..].starts_with('の') && p > start) {
        let head = text[start..p].chars().count();
        let after = p + 'の'.len_utf8();
        let tail_end = after
            + text[after..run_end]
                .char_indices()
                .find(|&(_, c)| !crate::text::is_kanji(c))
                .map_or(run_end - after, |(i, _)| i);
        let tail = &text[after..tail_end];
        if head <= 2
            && text[start..p].chars().all(crate::text::is_kanji)
            && (2..=4).contains(&tail.chars().count())
            && tail.ends_with(['会', '園', '苑', '院', '寮', '舎'])
        {
            first_end = tail_end;
        }
    }
    let mut ends: Vec<usize> = cuts.clone();
    ends.push(run_end);
    ends.sort_unstable();
    ends.dedup();
    for &e in ends.iter().rev() {
        if (strong.is_some() && e <= first_end) || e - start < 6 {
            continue;
        }
        let name = &text[start..e];
        for at in memchr::memmem::find_iter(text.as_bytes(), name.as_bytes()) {
            let next = text[at + name.len()..].chars().next();
            if at != start && is_boundary(next) {
                return trim(e);
            }
        }
    }
    trim(first_end)
}

/// Function words that may open a hiragana run right before a name (`…である`, `…による`).
pub(super) const RUN_OPENING_FUNCTION_WORDS: &[&str] = &[
    "である",
    "であった",
    "であり",
    "による",
    "において",
    "における",
    "として",
    "および",
    "ならびに",
    "または",
    "もしくは",
    "との",
    "での",
    "への",
    "からの",
    "などの",
];

/// Whether the legal form at `a` ends its name (`とちのき生活協同組合　`), rather than opening
/// one (`株式会社あさひね物流`).
fn form_ends_the_name(text: &str, a: usize) -> bool {
    let form = LEGAL_FORMS
        .iter()
        .filter(|f| text[a..].starts_with(**f))
        .map(|f| f.len())
        .max()
        .unwrap_or(0);
    let mut after = text[a + form..].chars();
    match after.next() {
        None => true,
        // A particle after the form ends the name when no hiragana follows it (`さくらんぼ株式
        // 会社が、`, `…組合は5日`); `株式会社がんばる` is a name after the form.
        Some('は' | 'が' | 'を' | 'に' | 'で' | 'と' | 'も' | 'の') => {
            after.next().is_none_or(|c| !is_hiragana(c))
        }
        Some(c) => !is_legal_name_char(c),
    }
}

/// The start of a name written before a legal form (○○株式会社), hiragana allowed inside the
/// name; a hiragana run after a non-hiragana character that ends like a particle or a verb
/// (当社は|, 管理する|) starts the name after it.
pub(super) fn hiragana_aware_start(text: &str, a: usize) -> usize {
    let plain = scan_backward(text, a, 24, is_name_char);
    let wide = scan_backward(text, a, 24, is_legal_name_char);
    if wide == plain {
        return plain;
    }
    let seg = &text[wide..a];
    let chars: Vec<(usize, char)> = seg.char_indices().collect();
    let mut start = wide;
    let mut i = 0;
    while i < chars.len() {
        if is_hiragana(chars[i].1) {
            let run_start = i;
            // `子会社である○○株式会社`: a function word opens the run; the name follows it.
            let rest = &seg[chars[i].0..];
            if let Some(w) = RUN_OPENING_FUNCTION_WORDS
                .iter()
                .find(|w| rest.starts_with(**w) && rest.len() > w.len())
            {
                let after = chars[i].0 + w.len();
                while i < chars.len() && chars[i].0 < after {
                    i += 1;
                }
                start = wide + after;
                continue;
            }
            while i < chars.len() && is_hiragana(chars[i].1) {
                i += 1;
            }
            let last = chars[i - 1].1;
            let middle = run_start > 0;
            // `業務を受託していたくるみ台ガス株式会社`: a verb's ending inside the run ends
            // the text before the name; the name's own kana follow it.
            let run = &seg[chars[run_start].0..chars.get(i).map_or(seg.len(), |c| c.0)];
            let verb_end = ["ていた", "ている", "ておる", "された", "される"]
                .iter()
                .filter_map(|w| run.rfind(w).map(|at| at + w.len()))
                .max()
                .filter(|&e| e < run.len());
            if let Some(e) = verb_end {
                start = wide + chars[run_start].0 + e;
                continue;
            }
            if i == chars.len() {
                // Hiragana right before the legal form is no name piece (`ことを株式会社`),
                // unless the name stands alone after a list number, bracket or space
                // (`（3）とちのき生活協同組合`): a name written all in hiragana.
                let alone = run_start == 0
                    && i >= 3
                    && text[..wide]
                        .chars()
                        .next_back()
                        .is_none_or(|c| "）)」』】]・ 　\n\t".contains(c))
                    && !matches!(
                        last,
                        'は' | 'が'
                            | 'を'
                            | 'に'
                            | 'の'
                            | 'で'
                            | 'と'
                            | 'へ'
                            | 'も'
                            | 'や'
                            | 'て'
                            | 'た'
                    )
                    // (`…)および株式会社A`: a conjunction, and a name after the form)
                    && !RUN_OPENING_FUNCTION_WORDS.iter().any(|w| seg.starts_with(w))
                    && !["あるいは", "かつ", "また", "なお"]
                        .iter()
                        .any(|w| seg.starts_with(w))
                    && form_ends_the_name(text, a);
                return if alone { wide } else { plain };
            }
            let first = chars[run_start].1;
            if middle
                && i - run_start >= 3
                && matches!(
                    first,
                    'は' | 'が' | 'を' | 'に' | 'の' | 'で' | 'と' | 'へ' | 'も'
                )
            {
                start = wide + chars[run_start].0 + first.len_utf8();
            } else if middle
                && matches!(
                    last,
                    'は' | 'が'
                        | 'の'
                        | 'を'
                        | 'に'
                        | 'と'
                        | 'へ'
                        | 'で'
                        | 'や'
                        | 'も'
                        | 'る'
                        | 'た'
                        | 'て'
                        | 'し'
                        | 'い'
                        | 'ら'
                        | 'か'
                )
            {
                start = wide + chars.get(i).map_or(seg.len(), |c| c.0);
            } else if middle
                && i - run_start == 1
                && matches!(last, 'う' | 'く' | 'す' | 'つ' | 'む' | 'ぶ' | 'ぐ')
                && crate::text::is_kanji(chars[run_start - 1].1)
            {
                // A verb's dictionary form, one kana after its kanji (`業務を請け負う|`,
                // `店を営む|`), ends the clause before the name.
                start = wide + chars.get(i).map_or(seg.len(), |c| c.0);
            }
        } else {
            i += 1;
        }
    }
    start
}

#[allow(dead_code)]
pub(super) fn extend_over_hiragana(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let hira_len: usize = rest
        .chars()
        .take_while(|c| is_hiragana(*c))
        .map(char::len_utf8)
        .sum();
    if hira_len == 0 || hira_len > 9 {
        return end;
    }
    let first = rest.chars().next().unwrap_or(' ');
    if matches!(
        first,
        'は' | 'が'
            | 'を'
            | 'に'
            | 'へ'
            | 'で'
            | 'と'
            | 'の'
            | 'や'
            | 'も'
            | 'か'
            | 'よ'
            | 'な'
            | 'ほ'
            | 'ら'
            | 'だ'
            | 'さ'
            | 'す'
            | 'し'
    ) {
        return end;
    }
    let after_hira = end + hira_len;
    let tail_end = scan_forward(text, after_hira, 12);
    if tail_end == after_hira {
        return end;
    }
    match text[tail_end..].chars().next() {
        None | Some(' ') | Some('\n') | Some('【') | Some('(') => tail_end,
        _ => end,
    }
}
