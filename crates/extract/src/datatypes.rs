//! Owns what data leaked and how sure the report is: data types (氏名→name, カード番号→
//! card_number, 顧客情報→customer_info…; generic 個人情報 → whose it is (customers',
//! staff's, partners'), no type when that is unstated, and only when nothing more specific is
//! stated) read from leak statements, enumerations and the list items under a leak
//! heading; card_data; and `confirmed` (流出した/判明 vs 可能性/恐れ/懸念, negations).

use crate::context::VictimContext;
use crate::lexicon::mark;
use leakwatch_model::{Cause, DataType, Field};
use std::sync::OnceLock;

/// The word lists of `data/lexicon/data_subjects.txt`.
pub struct SubjectWords {
    pub employee: Vec<&'static str>,
    pub customer: Vec<&'static str>,
    pub partner: Vec<&'static str>,
    pub subject_link: Vec<&'static str>,
    pub subject_joint: Vec<&'static str>,
    pub password_protection: Vec<&'static str>,
    pub content_verbs: Vec<&'static str>,
    pub data_negation: Vec<&'static str>,
}

/// Reads `[section]` word lists; unknown sections are an error.
pub fn parse_subject_words(text: &'static str) -> Result<SubjectWords, String> {
    let mut w = SubjectWords {
        employee: Vec::new(),
        customer: Vec::new(),
        partner: Vec::new(),
        subject_link: Vec::new(),
        subject_joint: Vec::new(),
        password_protection: Vec::new(),
        content_verbs: Vec::new(),
        data_negation: Vec::new(),
    };
    let mut section: Option<&mut Vec<&'static str>> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = Some(match name {
                "employee" => &mut w.employee,
                "customer" => &mut w.customer,
                "partner" => &mut w.partner,
                "subject_link" => &mut w.subject_link,
                "subject_joint" => &mut w.subject_joint,
                "password_protection" => &mut w.password_protection,
                "content_verbs" => &mut w.content_verbs,
                "data_negation" => &mut w.data_negation,
                _ => return Err(format!("line {}: unknown section [{name}]", n + 1)),
            });
            continue;
        }
        match section.as_mut() {
            Some(v) => v.push(line),
            None => return Err(format!("line {}: a word before any [section]", n + 1)),
        }
    }
    Ok(w)
}

/// The subject word lists shipped with the build.
pub fn subject_words() -> &'static SubjectWords {
    static WORDS: OnceLock<SubjectWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        parse_subject_words(include_str!("../data/lexicon/data_subjects.txt"))
            .expect("the data subjects file is valid")
    })
}

/// List items: bullets, and numbered items in parentheses or circles (`(1)氏名`, `①氏名`).
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    let mut chars = line.chars();
    let first = chars.next();
    let second = chars.next();
    line.starts_with(['-', '・', '•', '※', '*', '○', '◯'])
        || first.is_some_and(|c| ('①'..='⑳').contains(&c))
        || first == Some('(') && second.is_some_and(|c| c.is_ascii_digit())
}

/// Whether the text right after a subject noun makes it the owner of the data: a link
/// (`の個人情報`, `情報`, `名簿`), after an optional count (`108人の個人情報`), or a
/// coordination with another subject that has one (`顧客や従業員の個人情報`).
pub fn owns_data(after: &str, words: &SubjectWords) -> bool {
    let rest = skip_count(after);
    if words.subject_link.iter().any(|l| rest.starts_with(l)) {
        return true;
    }
    words.subject_joint.iter().any(|j| {
        rest.strip_prefix(j).is_some_and(|r| {
            let r = crate::text::window_after(r, 0, 24);
            [
                "の個人情報",
                "の情報",
                "の氏名",
                "のデータ",
                "の名前",
                "の連絡先",
            ]
            .iter()
            .any(|l| r.contains(l))
        })
    })
}

/// Skips a count written after a noun: `108人`, `約2万人`, `ら`.
fn skip_count(s: &str) -> &str {
    let t = s.strip_prefix('約').unwrap_or(s);
    let digits = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, ',' | '万' | '千' | '百')))
        .map_or(t.len(), |(i, _)| i);
    if digits == 0 {
        return s.strip_prefix('ら').unwrap_or(s);
    }
    let r = &t[digits..];
    for unit in ["人分", "名分", "人", "名", "件"] {
        if let Some(x) = r.strip_prefix(unit) {
            return x;
        }
    }
    r
}

/// Whether a data term at `end` protects or was changed rather than leaked
/// (`パスワードを設定`, `パスワードを変更`).
fn protective(text: &str, end: usize, words: &SubjectWords) -> bool {
    let after = crate::text::window_after(text, end, 24);
    words
        .password_protection
        .iter()
        .any(|w| after.starts_with(w))
}

/// Whether a data hit in a sentence that holds a negation is outside the negated clause
/// (`客の名前や住所の情報で、カード情報は含まれていない`: the names leaked, the card data did
/// not). Clauses end at a comma after a verb or copula ending (hiragana: `で、`, `が、`,
/// `おり、`), not at the commas of an enumeration (`氏名、住所`) nor after a topic (`は、`).
fn outside_negation(sentence: &str, rel: usize) -> bool {
    let t = sentence;
    // Byte positions of the clause-ending commas; a position's clause is how many come before it.
    let mut breaks: Vec<usize> = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in t.char_indices() {
        if c == '、'
            && prev.is_some_and(|p| crate::text::is_hiragana(p) && !matches!(p, 'は' | 'も'))
        {
            breaks.push(i);
        }
        prev = Some(c);
    }
    let clause_of = |pos: usize| breaks.partition_point(|&b| b < pos);
    let hit_clause = clause_of(rel);
    let negations: Vec<usize> = negation_finder()
        .find_overlapping_iter(t)
        .map(|m| m.start())
        .collect();
    if negations.iter().any(|&p| clause_of(p) == hit_clause) {
        return false;
    }
    // A data term that is the topic (`カード情報は…管理しており、流出の恐れはない`) is what a
    // later negation speaks of, unless a contrast (`が、`, `ものの`) comes between.
    let rest = t.get(rel..).unwrap_or("");
    let clause_end = breaks
        .iter()
        .find(|&&b| b >= rel)
        .map_or(rest.len(), |&b| (b - rel + '、'.len_utf8()).min(rest.len()));
    let topic = rest.get(..clause_end).unwrap_or(rest).contains('は');
    !(topic
        && negations.iter().any(|&p| {
            p > rel
                && t.get(rel..p).is_some_and(|between| {
                    !["が、", "ものの", "けれど", "一方"]
                        .iter()
                        .any(|c| between.contains(c))
                })
        }))
}

/// One automaton for every negation (the lexicon's negation markers and the data-specific
/// ones), as `outside_negation` runs for every data term found.
fn negation_finder() -> &'static aho_corasick::AhoCorasick {
    static FINDER: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    FINDER.get_or_init(|| {
        let patterns: Vec<&str> = crate::lexicon::MARKERS
            .iter()
            .filter(|(_, f)| f & mark::NEGATION != 0)
            .map(|(w, _)| *w)
            .chain(subject_words().data_negation.iter().copied())
            .collect();
        aho_corasick::AhoCorasick::new(patterns).expect("negation words build")
    })
}

/// The sentences of the block that describe leaked data.
pub fn data_sentences(ctx: &VictimContext, count_sentence: Option<usize>) -> Vec<usize> {
    let scan = ctx.scan;
    let mut out = Vec::new();
    let mut header_ok = false;
    let mut since_header = 0usize;
    for &s in &ctx.block.sentences {
        let d = ctx.block.distance_of(s).unwrap_or(99);
        let line = scan.layout.line_text(scan.text, scan.line_of(s));
        // A negated sentence still lists data before a contrast (`名前が含まれるが、流出は
        // 確認されていない`); `find_data_types` keeps only those hits.
        // The headlines of other stories listed under the article speak of their own data.
        let excluded = scan.has(s, mark::GENERIC | mark::SURVEY | mark::ADVICE)
            || scan.has(s, mark::RELATED_LIST) && d != 0;
        let negated = scan.has(s, mark::NEGATION);
        let header_excluded = excluded || negated;
        // A labelled line (`項目:氏名、住所…`, `流出した情報:…`) is a list entry however long.
        let labelled = line.char_indices().take(12).any(|(_, c)| c == ':') && !line.contains('。');
        let item = is_list_item(line) || labelled;
        let list = item || line.chars().count() <= 30;
        let distinct = {
            let first = scan.data_types.partition_point(|h| h.sentence < s);
            let mut v: Vec<&[DataType]> = scan.data_types[first..]
                .iter()
                .take_while(|h| h.sentence == s)
                .map(|h| h.value)
                .collect();
            v.dedup();
            v.len()
        };
        let leak_stmt = scan.has(s, mark::LEAK | mark::CONFIRM | mark::INCIDENT) && d <= 8;
        // What a lost medium or a posted file held: `USBには…氏名や住所が保存されていた`.
        let content = distinct >= 1
            && d <= 8
            && subject_words()
                .content_verbs
                .iter()
                .any(|v| scan.sentence_text(s).contains(v));
        // A sentence broken over lines after a comma goes on on the next line.
        let continued = out.last().is_some_and(|&p| {
            p + 1 == s && scan.sentence_text(p).trim_end().ends_with(['、', ','])
        });
        let ok = !excluded
            && (leak_stmt
                || content
                || continued
                || distinct >= 3 && d <= 10
                || Some(s) == count_sentence);
        let in_list = list && header_ok && since_header <= 12 && !excluded && !negated;
        if ok || in_list {
            out.push(s);
        }
        if !list {
            let text = scan.sentence_text(s);
            // A paragraph right under a leak heading that describes the data keeps the list
            // open: `2.漏えいした情報` / `…期間のお客様のカード情報 最大N件` / `・カード番号`.
            let continues = header_ok && since_header == 0 && scan.has(s, mark::DATA);
            header_ok = !header_excluded
                && (continues
                    || (leak_stmt || text.contains("以下") || text.contains("項目"))
                        && (scan.has(s, mark::DATA | mark::LEAK)));
            since_header = 0;
        } else if !item
            && !header_excluded
            && (scan.has(s, mark::LEAK | mark::CONFIRM) || names_what_was_held(scan, s, line))
            && !line.contains('。')
        {
            // A short heading about the leak (`2.漏えいした可能性のある情報`) opens a list.
            header_ok = true;
            since_header = 0;
        } else {
            since_header += 1;
        }
    }
    out
}

/// Whether a short heading names the data a lost or stolen medium held (`盗まれた書類に含まれる
/// 個人情報`, `記載されていた情報`): it opens a list of data as a leak heading does.
fn names_what_was_held(scan: &crate::scan::DocScan, s: usize, line: &str) -> bool {
    scan.has(s, mark::DATA)
        && ["含まれ", "記載", "保存され", "入っていた"]
            .iter()
            .any(|w| line.contains(w))
}

/// Data types with evidence, in first-seen order.
pub fn find_data_types(ctx: &VictimContext, sentences: &[usize]) -> (Vec<Field<DataType>>, String) {
    let scan = ctx.scan;
    let words = subject_words();
    let mut out: Vec<Field<DataType>> = Vec::new();
    let kept = |s: usize, pos: usize| {
        scan.layout
            .sentences
            .get(s)
            .is_some_and(|st| outside_negation(scan.sentence_text(s), pos.saturating_sub(st.start)))
    };
    for h in &scan.data_types {
        if sentences.binary_search(&h.sentence).is_err() || !kept(h.sentence, h.start) {
            continue;
        }
        if h.value.contains(&DataType::Password) && protective(scan.text, h.end, words) {
            continue;
        }
        for dt in h.value {
            if out.iter().any(|f| f.value == *dt) {
                continue;
            }
            let term = scan.text.get(h.start..h.end).unwrap_or("");
            out.push(Field::new(
                *dt,
                ctx.confidence(0.8, h.sentence),
                format!("datatype.lexicon:{term}"),
                Some(ctx.evidence(h.start, h.end, h.sentence)),
            ));
        }
    }
    // Staff whose own data leaked (`職員108人の個人情報`, `顧客や従業員の氏名`): employee_info.
    // A member of staff who is only the actor (`従業員が誤って送信`) is not.
    if !out.iter().any(|f| f.value == DataType::EmployeeInfo) {
        if let Some((s, a, b)) = subject_hit(ctx, sentences, &words.employee, words) {
            out.push(Field::new(
                DataType::EmployeeInfo,
                ctx.confidence(0.7, s),
                "datatype.employee_subject",
                Some(ctx.evidence(a, b, s)),
            ));
        }
    }
    // `顧客情報` is the category for customers' data left unspecified: when the text names the
    // data (`顧客情報(氏名、住所)`, `氏名などの顧客情報`, or a later list of the items), the
    // specific types stand for it.
    let personal = |f: &Field<DataType>| {
        !matches!(
            f.value,
            DataType::CustomerInfo
                | DataType::EmployeeInfo
                | DataType::PartnerInfo
                | DataType::InternalDocuments
                | DataType::Other
        )
    };
    if out.iter().any(personal) {
        out.retain(|f| f.value != DataType::CustomerInfo);
    }
    // Items of a data enumeration that no category names (旅券番号, 顔写真, ポイント残高)
    // are recorded as `other`, as analysts do.
    if !out.iter().any(|f| f.value == DataType::Other) {
        if let Some((s, a, b)) = sentences.iter().find_map(|&s| unlisted_data_item(ctx, s)) {
            out.push(Field::new(
                DataType::Other,
                ctx.confidence(0.5, s),
                "datatype.unlisted_item",
                Some(ctx.evidence(a, b, s)),
            ));
        }
    }
    let specific = out.iter().any(|f| f.value != DataType::Other);
    let mut note = format!(
        "{} data types from {} data sentences: {}",
        out.len(),
        sentences.len(),
        out.iter()
            .map(|f| format!(
                "{}←{}",
                f.value.as_str(),
                f.rule.trim_start_matches("datatype.")
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !specific && !out.iter().any(|f| f.value == DataType::Other) {
        if let Some(h) = scan
            .generic_data
            .iter()
            .find(|h| sentences.binary_search(&h.sentence).is_ok() && kept(h.sentence, h.start))
        {
            // Unspecified personal data is the category of whose data it is: customers'
            // (`お客様の個人情報`), staff's, partners'; else `other`.
            let t = scan.sentence_text(h.sentence);
            let has = |list: &[&str]| list.iter().any(|w| t.contains(w));
            let (dt, why) = if has(&words.customer) {
                (DataType::CustomerInfo, "customers'")
            } else if has(&words.employee)
                && subject_hit(ctx, &[h.sentence], &words.employee, words).is_some()
            {
                (DataType::EmployeeInfo, "staff's")
            } else if has(&words.partner) {
                (DataType::PartnerInfo, "partners'")
            } else if ctx.block.sentences.iter().any(|&x| {
                let d = scan.sentence_text(x);
                words.customer.iter().any(|w| d.contains(w))
            }) {
                // The sentence names no one; another sentence of the block names the victim's
                // customers (`通販サイトに係る個人情報漏洩` … `対象はお客様の情報です`).
                (DataType::CustomerInfo, "customers' (in the block)")
            } else {
                // Whose data it is goes unstated: the corpus records no type (`other` is for
                // items named but in no category), so neither does the extractor.
                note.push_str("; generic 個人情報 of no stated subject → no type");
                return (out, note);
            };
            out.push(Field::new(
                dt,
                ctx.confidence(0.6, h.sentence),
                "datatype.generic_personal_data",
                Some(ctx.evidence(h.start, h.end, h.sentence)),
            ));
            note.push_str(&format!("; generic 個人情報, {why} → {}", dt.as_str()));
        }
    }
    (out, note)
}

/// The first mention of a subject noun in the data sentences whose data it is, as
/// (sentence, start, end).
fn subject_hit(
    ctx: &VictimContext,
    sentences: &[usize],
    nouns: &[&str],
    words: &SubjectWords,
) -> Option<(usize, usize, usize)> {
    let scan = ctx.scan;
    for &s in sentences {
        let st = scan.layout.sentences.get(s)?;
        let t = scan.sentence_text(s);
        for n in nouns {
            for (pos, _) in t.match_indices(n) {
                let end = pos + n.len();
                if owns_data(&t[end..], words) {
                    return Some((s, st.start + pos, st.start + end));
                }
            }
        }
    }
    None
}

/// Words that end an enumeration of data items.
const ENUMERATION_END: &[&str] = &[
    "など",
    "等",
    "が",
    "を",
    "の情報",
    "といった",
    "。",
    "に関する",
    "は",
    "も",
    "計",
];

/// Enumeration items that are no data item of their own.
const NOT_AN_ITEM: &[&str] = &[
    "情報",
    "一部",
    "その他",
    "個人情報",
    "及び",
    "および",
    "並びに",
    "または",
    "ならびに",
    "お客様",
    "顧客",
    "会員",
    "項目",
    "内容",
    "対象",
];

/// The first item of the data enumeration in sentence `s` that no data-type term covers
/// (`氏名、住所、旅券番号` → `旅券番号`), as (sentence, start, end). An enumeration is at
/// least two recognised items joined by 、/・/,.
fn unlisted_data_item(ctx: &VictimContext, s: usize) -> Option<(usize, usize, usize)> {
    let scan = ctx.scan;
    let first = scan.data_types.partition_point(|h| h.sentence < s);
    let hits: Vec<_> = scan.data_types[first..]
        .iter()
        .take_while(|h| h.sentence == s)
        .collect();
    if hits.len() < 2 {
        return None;
    }
    let start = hits.first()?.start;
    let last_end = hits.last()?.end;
    let sent_end = scan.layout.sentences.get(s)?.end;
    let tail = scan.text.get(last_end..sent_end)?;
    let tail_len = ENUMERATION_END
        .iter()
        .filter_map(|w| tail.find(w))
        .min()
        .unwrap_or(tail.len());
    let end = last_end + tail_len;
    let span = scan.text.get(start..end)?;
    let mut depth = 0i32;
    let mut item_start = start;
    let mut items = Vec::new();
    for (i, c) in span.char_indices() {
        let at = start + i;
        match c {
            '(' | '「' => depth += 1,
            ')' | '」' => depth -= 1,
            '、' | ',' | '・' | '/' if depth == 0 => {
                items.push((item_start, at));
                item_start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    items.push((item_start, end));
    items.into_iter().find_map(|(a, b)| {
        let raw = scan.text.get(a..b)?;
        // Drop a parenthesised note (`氏名(漢字・ローマ字)`).
        let item = raw.split('(').next().unwrap_or(raw).trim();
        let n = item.chars().count();
        let covered = hits.iter().any(|h| h.start < b && h.end > a)
            || scan.generic_data.iter().any(|h| h.start < b && h.end > a);
        let wordlike = item.chars().all(|c| {
            crate::text::is_kanji(c) || crate::text::is_katakana(c) || c.is_ascii_alphanumeric()
        });
        (!covered && wordlike && (2..=12).contains(&n) && !NOT_AN_ITEM.contains(&item)).then(|| {
            let at = a + raw.find(item).unwrap_or(0);
            (s, at, at + item.len())
        })
    })
}

/// Card data: a card data type, or クレジットカード in a leak statement that is not negated.
pub fn find_card_data(
    ctx: &VictimContext,
    types: &[Field<DataType>],
    sentences: &[usize],
) -> Option<Field<bool>> {
    if let Some(f) = types.iter().find(|f| f.value.is_card()) {
        return Some(Field::new(
            true,
            f.confidence,
            "card.implied_by_data_type",
            f.evidence.clone(),
        ));
    }
    let scan = ctx.scan;
    for &s in sentences {
        let t = scan.sentence_text(s);
        if let Some(pos) = t.find("クレジットカード") {
            if scan.has(s, mark::LEAK) && !scan.has(s, mark::NEGATION) {
                let start = scan.layout.sentences[s].start + pos;
                return Some(Field::new(
                    true,
                    ctx.confidence(0.7, s),
                    "card.credit_card_in_leak_statement",
                    Some(ctx.evidence(start, start + "クレジットカード".len(), s)),
                ));
            }
        }
    }
    None
}

/// Confirmed: a definitive leak statement without hedge or negation near the victim;
/// misdelivery is confirmed by its nature unless hedged.
pub fn find_confirmed(
    ctx: &VictimContext,
    cause: Option<&Field<Cause>>,
) -> (Option<Field<bool>>, String) {
    let scan = ctx.scan;
    let mut hedged = 0usize;
    for &s in &ctx.block.sentences {
        let d = ctx.block.distance_of(s).unwrap_or(99);
        if d > 10 || scan.has(s, mark::GENERIC | mark::SURVEY) || scan.has(s, mark::STAT) && d > 0 {
            continue;
        }
        if scan.has(s, mark::CONFIRM) {
            if scan.has(s, mark::HEDGE | mark::NEGATION) {
                hedged += 1;
                continue;
            }
            let sent = scan.layout.sentences[s];
            return (
                Some(Field::new(
                    true,
                    ctx.confidence(0.8, s),
                    "confirmed.definitive_leak_statement",
                    Some(ctx.evidence(sent.start, sent.end, s)),
                )),
                "definitive leak statement without hedge".into(),
            );
        }
        if scan.has(s, mark::LEAK | mark::INCIDENT) && scan.has(s, mark::HEDGE) {
            hedged += 1;
        }
    }
    if let Some(c) = cause {
        if c.value == Cause::Misdelivery {
            let hedge = c
                .evidence
                .as_ref()
                .and_then(|e| ctx.scan.layout.sentence_at(e.span.start))
                .is_some_and(|s| scan.has(s, mark::HEDGE));
            if !hedge {
                return (
                    Some(Field::new(
                        true,
                        0.7,
                        "confirmed.misdelivery_exposes_recipients",
                        c.evidence.clone(),
                    )),
                    "misdelivery: the recipients saw the data".into(),
                );
            }
        }
    }
    // Data taken by staff (持ち出し, 売却) is stated as fact unless a hedge says otherwise.
    if hedged == 0 {
        if let Some(c) = cause.filter(|c| c.value == Cause::Insider) {
            return (
                Some(Field::new(
                    true,
                    0.6,
                    "confirmed.insider_taking_without_hedge",
                    c.evidence.clone(),
                )),
                "insider taking stated without hedge".into(),
            );
        }
    }
    // `A、B、Cの3社は、…情報漏えいについて…公表した`: the leak named as the subject of a
    // report about the victim, with no hedge anywhere near it, is reported as fact.
    if hedged == 0 {
        for &s in &ctx.block.sentences {
            if ctx.block.distance_of(s) != Some(0)
                || !scan.has(s, mark::LEAK)
                || scan.has(s, mark::HEDGE | mark::NEGATION | mark::GENERIC | mark::STAT)
            {
                continue;
            }
            let t = scan.sentence_text(s);
            if REPORT_VERBS.iter().any(|v| t.contains(v)) {
                let sent = scan.layout.sentences[s];
                return (
                    Some(Field::new(
                        true,
                        ctx.confidence(0.6, s),
                        "confirmed.reported_leak_without_hedge",
                        Some(ctx.evidence(sent.start, sent.end, s)),
                    )),
                    "the leak is the subject of the victim's report, without hedge".into(),
                );
            }
        }
    }
    (
        None,
        format!("no definitive leak statement ({hedged} hedged or negated statements)"),
    )
}

/// Verbs of an organisation reporting an event as fact.
const REPORT_VERBS: &[&str] = &[
    "公表した",
    "発表した",
    "報告した",
    "公表しました",
    "発表しました",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::test_support::incident;

    fn types(text: &str, org: &str) -> Vec<DataType> {
        let (inc, _) = incident(text, org, None);
        let mut v: Vec<DataType> = inc.data_types.iter().map(|f| f.value).collect();
        v.sort_by_key(|t| t.as_str());
        v
    }

    #[test]
    fn a_heading_naming_what_a_stolen_medium_held_opens_its_list() {
        let t = "青葉市立若葉小学校における書類の盗難について\n青葉市教育委員会\n\
教諭が児童の個人情報を含む書類を盗まれる事案が発生しました。\n\
盗まれた書類に含まれる個人情報\n(1)児童30名の氏名及び評価\n(2)児童4名のアレルギーの一覧\n\
(3)保護者の在留カード番号\n※書類の封筒にはパスワードによるロックはありません。\n";
        let got = types(t, "青葉市立若葉小学校");
        assert!(got.contains(&DataType::Health), "{got:?}");
        assert!(!got.contains(&DataType::CardNumber), "{got:?}");
        // The account a salary is paid into is a bank account.
        let t = "不正アクセスによる情報流出のお知らせ\n株式会社もくれん堂\n\
当社サーバーが不正アクセスを受け、従業員の情報が流出した可能性があります。\n\
流出した可能性のある情報は、氏名、給与振込口座です。";
        assert!(types(t, "株式会社もくれん堂").contains(&DataType::BankAccount));
    }

    #[test]
    fn customer_information_itemised_later_is_its_items() {
        let t = "不正アクセスによる顧客情報流出のお知らせ\n株式会社もくれん堂\n\
当社サーバーが不正アクセスを受け、顧客情報が流出した可能性があります。\n\
流出した可能性のある情報は、氏名、住所、電話番号です。";
        assert_eq!(
            types(t, "株式会社もくれん堂"),
            vec![DataType::Address, DataType::Name, DataType::Phone]
        );
    }

    #[test]
    fn personal_data_of_no_stated_subject_is_no_type() {
        let t = "緑川市は3日、個人情報が入ったUSBメモリを紛失したと発表した。";
        assert_eq!(types(t, "緑川市"), vec![]);
        // Whose it is makes the category.
        let t = "株式会社緑川商事は3日、顧客の個人情報が入ったUSBメモリを紛失したと発表した。";
        assert_eq!(types(t, "株式会社緑川商事"), vec![DataType::CustomerInfo]);
    }

    #[test]
    fn the_subjects_file_parses() {
        let w = subject_words();
        assert!(w.employee.contains(&"職員"));
        assert!(w.content_verbs.contains(&"保存"));
        assert!(parse_subject_words("[nope]\nx").is_err());
        assert!(parse_subject_words("x").is_err());
    }

    #[test]
    fn staff_own_the_data_only_when_it_is_theirs() {
        let w = subject_words();
        assert!(owns_data("108人の個人情報が含まれていた", w));
        assert!(owns_data("名簿が流出した", w));
        assert!(owns_data("や従業員の個人情報", w));
        assert!(!owns_data("が誤ってメールを送信した", w));
        assert!(!owns_data("による持ち出し", w));
        assert_eq!(skip_count("約2,000人分の氏名"), "の氏名");
    }

    #[test]
    fn passwords_that_protect_are_no_data() {
        let w = subject_words();
        let t = "パスワードを設定していなかった";
        assert!(protective(t, "パスワード".len(), w));
        let t = "パスワードの組み合わせを用いた攻撃";
        assert!(protective(t, "パスワード".len(), w));
        let t = "パスワードは設定していなかった";
        assert!(protective(t, "パスワード".len(), w));
        let t = "パスワードによるロックを設定しておりました";
        assert!(protective(t, "パスワード".len(), w));
        let t = "他サービスで取得したパスワードを利用して不正にログインした";
        let at = t.find("パスワード").map_or(0, |i| i + "パスワード".len());
        assert!(protective(t, at, w));
        let t = "パスワードが流出した";
        assert!(!protective(t, "パスワード".len(), w));
    }

    #[test]
    fn a_negation_covers_its_own_clause() {
        let t = "客の名前や住所の情報で、カード情報は含まれていないということです";
        assert!(outside_negation(t, t.find("名前").unwrap_or(0)));
        assert!(!outside_negation(t, t.find("カード").unwrap_or(0)));
        // An enumeration's commas are no clause break.
        let t = "氏名、住所、電話番号は含まれておりません";
        assert!(!outside_negation(t, 0));
        let t = "カード情報は対象外です";
        assert!(!outside_negation(t, 0));
        // The topic of the sentence is what its later negation speaks of…
        let t = "カード情報は決済代行会社が管理しており、流出の恐れはないとしている";
        assert!(!outside_negation(t, 0));
        // …unless a contrast comes between.
        let t = "氏名は流出しましたが、カード情報は流出していません";
        assert!(outside_negation(t, 0));
    }

    #[test]
    fn numbered_items_are_list_items() {
        assert!(is_list_item("(1)氏名 (2)住所"));
        assert!(is_list_item("①氏名"));
        assert!(is_list_item("・電話番号"));
        assert!(!is_list_item("1.概要"));
    }

    #[test]
    fn staff_records_are_employee_info_staff_actors_are_not() {
        let t = "個人情報の漏えいについて\nつばめ市役所\n\
つばめ市は、職員312人分の氏名と住所を記載した名簿を紛失したと発表した。";
        let v = types(t, "つばめ市");
        assert!(v.contains(&DataType::EmployeeInfo), "{v:?}");
        assert!(v.contains(&DataType::Name));
        let t = "メール誤送信のお詫び\n株式会社ひばり通商\n\
当社の従業員が、お客様45名のメールアドレスを宛先に入れて送信し、漏えいしました。";
        let v = types(t, "株式会社ひばり通商");
        assert!(!v.contains(&DataType::EmployeeInfo), "{v:?}");
        assert!(v.contains(&DataType::Email));
    }

    #[test]
    fn rosters_holders_and_spelling_variants() {
        let t = "USBメモリー紛失のお知らせ\nはやせ市教育委員会\n\
生徒の名簿を保存したUSBメモリーを紛失しました。";
        assert!(types(t, "はやせ市教育委員会").contains(&DataType::Name));
        let t = "カード情報流出のお詫び\n株式会社かえで屋\n\
不正アクセスにより、カード名義人、カード番号、セキュリティーコードが流出した可能性があります。";
        let v = types(t, "株式会社かえで屋");
        assert!(
            v.contains(&DataType::Name) && v.contains(&DataType::CardCvv),
            "{v:?}"
        );
    }

    #[test]
    fn customer_info_yields_to_the_data_it_names() {
        let t = "お客様情報流出のお詫び\n株式会社かえで屋\n\
当社通販サイトへの不正アクセスにより、お客様の氏名、住所、電話番号が流出しました。";
        let v = types(t, "株式会社かえで屋");
        assert!(!v.contains(&DataType::CustomerInfo), "{v:?}");
        assert!(v.contains(&DataType::Name) && v.contains(&DataType::Phone));
        // Unspecified personal data of customers is customer_info.
        let t = "不正アクセスのお知らせ\n株式会社すずらん堂\n\
当社サーバーが不正アクセスを受け、お客様の個人情報が流出した可能性があります。";
        assert_eq!(types(t, "株式会社すずらん堂"), vec![DataType::CustomerInfo]);
        // Its sentence names no one; another data sentence of the block names the customers.
        let t = "個人情報流出の可能性に関するお知らせ\n株式会社もみじ堂\n\
当社通販サイトが不正アクセスを受け、個人情報が流出した可能性があります。\
対象は2023年に会員登録をされたお客様の情報です。";
        assert_eq!(types(t, "株式会社もみじ堂"), vec![DataType::CustomerInfo]);
    }

    #[test]
    fn what_a_lost_medium_held_and_lines_that_go_on() {
        let t = "USBメモリーの紛失について\nはやせ市教育委員会\n\
はやせ市教育委員会は、市立小学校でUSBメモリーを紛失したと発表した。\n\
USBメモリーには児童54人の氏名や成績が保存されていた。";
        let v = types(t, "はやせ市教育委員会");
        assert!(
            v.contains(&DataType::Name) && v.contains(&DataType::Other),
            "{v:?}"
        );
        let t = "FAX誤送信について\n朝霧県\n\
朝霧県は、県税の通知をFAXで誤送信したと発表した。送信した文書には所有者の住所、氏名、\n\
生年月日及び車両番号が記載されていた。";
        let v = types(t, "朝霧県");
        assert!(v.contains(&DataType::BirthDate), "{v:?}");
    }
}
