//! Owns splitting a document into per-victim blocks: which sentences speak about which
//! victim. A single-victim document gives every sentence to its victim; a digest, roundup or
//! ranking is cut at headings (●■【】, `3 位:`, numbered items) and at long paragraphs that
//! name no victim, and each sentence goes to the victims it names or, failing that, to the
//! victim of the sentences before it.

use crate::lexicon::{mark, WordFile};
use crate::scan::DocScan;
use crate::victims::Entity;

/// The sentences attributed to one victim, each with its distance (in sentences) to the
/// nearest sentence that names the victim.
#[derive(Debug, Clone, Default)]
pub struct Block {
    pub sentences: Vec<usize>,
    pub distance: Vec<usize>,
    /// Sentences that name the victim (or refer to it as 当社/同社).
    pub refs: Vec<usize>,
}

impl Block {
    pub fn distance_of(&self, sentence: usize) -> Option<usize> {
        self.sentences
            .binary_search(&sentence)
            .ok()
            .map(|i| self.distance[i])
    }
}

/// How the document was cut (for the trace).
pub struct Segmentation {
    pub blocks: Vec<Block>,
    pub note: String,
}

/// Marks that open a heading line (`◇株式会社A`, `■被害規模`, `【A】`).
pub(crate) const HEADING_MARKS: [char; 10] = ['●', '■', '◆', '□', '◇', '▼', '▽', '★', '☆', '【'];

fn is_heading_line(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(HEADING_MARKS) {
        return true;
    }
    // `3 位:` ranking entries and `1.` / `2)` numbered items.
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        let rest = t[digits.len()..].trim_start();
        return rest.starts_with('位')
            || rest.starts_with(". ")
            || rest.starts_with('.') && rest.chars().count() < 60;
    }
    false
}

static STORY_CONTINUATIONS: WordFile =
    WordFile::new(include_str!("../data/lexicon/story_continuations.txt"));

/// Whether a paragraph opens by counting from the day last told or with the next step
/// (`翌10日、委託先から報告があり…`): it goes on with the story above, whoever that named.
fn continues_the_story(line: &str) -> bool {
    let t = line.trim_start();
    STORY_CONTINUATIONS.words().iter().any(|w| t.starts_with(w))
}

static KIND_ANAPHORS: WordFile = WordFile::new(include_str!("../data/lexicon/kind_anaphors.txt"));

/// Whether `sentence` opens with the bare kind word `name` ends in, followed by a particle
/// (`市によると、…` / `市は…` about `茅萱市`): news refers back to its subject that way.
fn opens_with_kind_of(sentence: &str, name: &str) -> bool {
    let t = sentence.trim_start_matches(|c: char| c.is_whitespace() || c == '「');
    KIND_ANAPHORS.words().iter().any(|k| {
        name.ends_with(k)
            && name.chars().count() > k.chars().count()
            && t.strip_prefix(k).is_some_and(|rest| {
                [
                    "によると",
                    "によれば",
                    "では",
                    "は",
                    "が",
                    "も",
                    "の",
                    "として",
                    // `病院を運営する医療法人A会によると`: the body running it speaks
                    "を運営",
                    "、",
                ]
                .iter()
                .any(|p| rest.starts_with(p))
            })
    })
}

/// Whether `line` is only a rule drawn with dashes or box characters (`――――`, `-----`).
fn is_rule_line(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 3 && t.chars().all(|c| "-―─━=_~〜*・‐—".contains(c))
}

/// Attributes sentences to the victims (indices into `entities`).
pub fn segment(scan: &DocScan, entities: &[Entity], victims: &[usize]) -> Segmentation {
    let n = scan.layout.sentences.len();
    let mut refs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (vi, &ei) in victims.iter().enumerate() {
        for &mi in &entities[ei].mentions {
            let s = scan.mention_sentence[mi];
            if !refs[s].contains(&vi) {
                refs[s].push(vi);
            }
        }
    }
    let issuer = victims.iter().position(|&ei| entities[ei].issuer);
    let mut blocks = vec![Block::default(); victims.len()];
    if victims.is_empty() {
        return Segmentation {
            blocks,
            note: "no victim found: no blocks".into(),
        };
    }
    // Anaphors and first-person references count as mentions of the current victim.
    let note;
    if victims.len() == 1 {
        for (s, r) in refs.iter_mut().enumerate() {
            if r.is_empty() && (scan.has(s, mark::SELF_REF) || scan.has(s, mark::ANAPHOR)) {
                r.push(0);
            }
        }
        blocks[0].sentences = (0..n).collect();
        note = format!("single victim: all {n} sentences form one block");
    } else {
        let mut current: Vec<usize> = Vec::new();
        // The issuer when it speaks of itself (当社, 本学) and signs on a line of its own: the
        // document is its own notice (a digest's table row names an issuer too).
        let speaking_issuer = issuer.filter(|&vi| {
            (0..n).any(|s| scan.has(s, mark::SELF_REF))
                && entities[victims[vi]].mentions.iter().any(|&mi| {
                    let m = &scan.mentions[mi];
                    let line = scan
                        .layout
                        .line_text(scan.text, scan.line_of(scan.mention_sentence[mi]));
                    crate::text::names_little_else(line.trim(), &m.name)
                })
        });
        let mut last_line = usize::MAX;
        let mut cuts = 0usize;
        // A dated list whose lines name victims (`2025/05/02 株式会社A`) is a 事件簿: each
        // dated line heads an entry, also one whose victim is not named. A timeline of one
        // victim's events names no victim per line and is no such list.
        let dated_line = scan.dated_lines();
        let dated_entries = (0..dated_line.len())
            .filter(|&l| {
                dated_line[l] && {
                    let (a, b) = scan.layout.line_sentences[l];
                    (a..b).any(|x| !refs[x].is_empty())
                }
            })
            .count()
            >= 2;
        // Whether the line just read is a heading that names a victim (`◇株式会社A`): the
        // paragraph under it tells that victim's incident without naming it again.
        let mut named_heading = false;
        // Whether the entry read is under a marked heading that named its victim (`■2. …
        // ベーカリーA(設定ミス)`): its later paragraphs (`お店の説明によると…`) are still its own,
        // up to the next heading.
        let mut in_named_entry = false;
        // The sentences of the last line that is only a date (`■6月3日`, `6月10日(月)`): a
        // digest's date heading dates every entry under it, up to the next heading.
        let mut date_heading: Vec<usize> = Vec::new();
        let date_headings = scan.date_headings();
        // A sentence referring back to the one victim told above by its kind (`市は…`).
        let kind_anaphor = |x: usize, current: &[usize]| {
            let [v] = current else {
                return false;
            };
            entities[victims[*v]]
                .names
                .first()
                .is_some_and(|(name, _)| opens_with_kind_of(scan.sentence_text(x), name))
        };
        for s in 0..n {
            let line = scan.line_of(s);
            if line != last_line {
                let lt = scan.layout.line_text(scan.text, line);
                let under_named_heading = named_heading;
                if date_headings.contains(&line) {
                    // A date heading belongs to the entries under it, not to the one above.
                    let (a, b) = scan.layout.line_sentences[line];
                    date_heading = (a..b).collect();
                    current.clear();
                    cuts += 1;
                    last_line = line;
                    continue;
                } else if is_heading_line(lt) {
                    date_heading.clear();
                }
                // A rule line (`――――`) between a heading and its paragraph changes nothing.
                if is_rule_line(lt) {
                    last_line = line;
                    for &v in &current {
                        blocks[v].sentences.push(s);
                    }
                    continue;
                }
                let heading = is_heading_line(lt) || (dated_entries && dated_line[line]);
                // A short line that only names a victim (`・株式会社A`) heads its entry too.
                let name_line = lt.trim().chars().count() <= 40 && !lt.contains('。');
                named_heading = (heading || name_line) && {
                    let (a, b) = scan.layout.line_sentences[line];
                    (a..b).any(|x| !refs[x].is_empty())
                };
                if heading {
                    in_named_entry = named_heading && is_heading_line(lt);
                    current.clear();
                    // A victim issuing the document: its own sections (`2. 経緯`) that name no
                    // one tell its story, not a new entry's.
                    if !named_heading {
                        current.extend(speaking_issuer);
                    }
                    cuts += 1;
                } else if refs[s].is_empty()
                    && !under_named_heading
                    && !in_named_entry
                    && lt.len() > 150
                    // `・対象は参加者1,208人。…`: a bullet continues the item above it.
                    && !lt.starts_with(['・', '-', '*', '•'])
                    && !continues_the_story(lt)
                    // `8月31日(日)8時頃 …に気付き、…`: the next line of a timeline.
                    && !(dated_line[line] && last_line != usize::MAX && dated_line[last_line])
                    && !scan.has(s, mark::ANAPHOR)
                    && !scan.has(s, mark::SELF_REF)
                {
                    // A long paragraph that opens without naming anyone starts a new topic,
                    // unless it refers back (同社/当社), in any of its sentences.
                    let (a, b) = scan.layout.line_sentences[line];
                    if !(a..b).any(|x| {
                        !refs[x].is_empty()
                            || scan.has(x, mark::ANAPHOR)
                            || kind_anaphor(x, &current)
                    }) {
                        current.clear();
                        cuts += 1;
                    }
                }
                last_line = line;
            }
            if !refs[s].is_empty() {
                current = refs[s].clone();
            } else if scan.has(s, mark::SELF_REF) {
                if let Some(i) = issuer {
                    current = vec![i];
                    refs[s].push(i);
                }
            } else if (scan.has(s, mark::ANAPHOR) || kind_anaphor(s, &current))
                && current.len() == 1
            {
                refs[s].push(current[0]);
            }
            for &v in &current {
                blocks[v].sentences.push(s);
            }
            if !refs[s].is_empty() && !date_heading.contains(&s) {
                for &v in &refs[s] {
                    blocks[v].sentences.extend(&date_heading);
                }
            }
        }
        for b in &mut blocks {
            b.sentences.sort_unstable();
            b.sentences.dedup();
        }
        note = format!(
            "{} victims: blocks cut at {cuts} headings/topic changes; sentences go to the victims they name, else to the previous victim",
            victims.len()
        );
    }
    for (vi, b) in blocks.iter_mut().enumerate() {
        b.refs = (0..n).filter(|&s| refs[s].contains(&vi)).collect();
        b.distance = b
            .sentences
            .iter()
            .map(|&s| {
                let i = b.refs.partition_point(|&r| r < s);
                let after = b.refs.get(i).map(|&r| r - s);
                let before = i.checked_sub(1).and_then(|j| b.refs.get(j)).map(|&r| s - r);
                after
                    .into_iter()
                    .chain(before)
                    .min()
                    .unwrap_or(usize::MAX / 2)
            })
            .collect();
    }
    Segmentation { blocks, note }
}

/// The lines of a digest's date headings: lines that hold only a date (`date_only_line`),
/// marked as headings (`■6月3日`) or over bulleted entries, or — when most unmarked date lines
/// are so — over an entry that opens with an organisation's name (`2月3日\n株式会社Aが、…`);
/// all only when at least two distinct organisations open the entries under them (a release's
/// own date stands above its issuer's name only once, and its timeline's lines open with acts).
pub(crate) fn entry_date_headings(scan: &DocScan) -> Vec<usize> {
    let mut lines: Vec<usize> = scan.dates.iter().map(|(_, s)| scan.line_of(*s)).collect();
    lines.dedup();
    // Each date-only line: whether it is marked or over a bullet, and the organisation that
    // opens the entry under it.
    let heads: Vec<(usize, bool, Option<&str>)> = lines
        .iter()
        .filter(|&&line| date_only_line(scan, line))
        .filter_map(|&line| {
            let marked = scan
                .layout
                .line_text(scan.text, line)
                .trim_start()
                .starts_with(HEADING_MARKS);
            // (A blank line may stand between the heading and its first entry.)
            let entry_line = (line + 1..scan.layout.lines.len())
                .find(|&n| !scan.layout.line_text(scan.text, n).trim().is_empty())?;
            let l = scan.layout.lines.get(entry_line)?;
            let text = scan.text.get(l.start..l.end).unwrap_or("");
            let body = text.trim_start();
            let bullet = body.starts_with(['・', '-', '*', '•', '○']);
            let body = body.trim_start_matches(['・', '-', '*', '•', '○', ' ', '\u{3000}']);
            let at = l.start + (text.len() - body.len());
            let opener = scan
                .mention_starting_at(at)
                .filter(|m| m.end <= l.end)
                .and_then(|m| scan.text.get(m.start..m.end));
            // An unmarked heading's entry tells a leak or an incident on its first line (a
            // timeline's `個人情報保護委員会に報告しました。` tells neither).
            let (first_sent, end_sent) = scan.layout.line_sentences[entry_line];
            let tells = (first_sent..end_sent).any(|x| scan.has(x, mark::LEAK | mark::INCIDENT));
            let opener = opener.filter(|_| marked || bullet || tells);
            Some((line, marked || bullet, opener))
        })
        .collect();
    let unmarked = heads.iter().filter(|h| !h.1).count();
    let unmarked_opening = heads.iter().filter(|h| !h.1 && h.2.is_some()).count();
    let unmarked_heads = unmarked_opening >= 2 && unmarked_opening * 3 >= unmarked * 2;
    let mut openers: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for (line, marked, opener) in heads {
        if marked || (unmarked_heads && opener.is_some()) {
            out.push(line);
            if let Some(name) = opener.filter(|n| !openers.contains(n)) {
                openers.push(name);
            }
        }
    }
    if openers.len() < 2 {
        out.clear();
    }
    out
}

/// Whether line `line` holds nothing but a date (with a heading mark, brackets, a weekday or
/// a time around it, or the word that its entries are that day's announcements): `■6月3日`,
/// `【2024年6月10日】`, `6月12日(水)`, `■1月14日(火)の発表`.
pub(crate) fn date_only_line(scan: &DocScan, line: usize) -> bool {
    let Some(l) = scan.layout.lines.get(line) else {
        return false;
    };
    let Some((d, _)) = scan
        .dates
        .iter()
        .find(|(d, _)| d.start >= l.start && d.end <= l.end)
    else {
        return false;
    };
    let before = scan.text.get(l.start..d.start).unwrap_or("");
    let after = scan.text.get(d.end..l.end).unwrap_or("").trim();
    // `▼【公表日】2026/02/02　マルウェア感染`: a marked heading, the day labelled, then the
    // entry's kind in a few words.
    let labelled = before.trim_start().starts_with(HEADING_MARKS)
        && ["公表日", "発表日", "掲載日", "日付"]
            .iter()
            .fold(before.to_string(), |b, w| b.replace(w, ""))
            .chars()
            .all(|c| c.is_whitespace() || HEADING_MARKS.contains(&c) || "【】[]".contains(c))
        && after.chars().count() <= 12
        && !after.contains(['。', '、']);
    if labelled {
        return true;
    }
    let rest = format!("{before}{after}");
    // `■1月14日(火)の発表`: a heading may say its entries are that day's announcements.
    let rest = ["の発表", "発表分", "の公表", "公表分", "の報道", "掲載分"]
        .iter()
        .fold(rest, |r, w| r.replace(w, ""));
    rest.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !c.is_ascii_digit()
                && !HEADING_MARKS.contains(c)
                && !"()【】[]〔〕<>《》・-―─:時分頃午前後正月火水木金土日曜".contains(*c)
        })
        .count()
        == 0
}

/// Splits off the parts of a victim's block that report a second incident of the same
/// victim (`もう1件は…`, `…漏えいすることとなり、重ねてお詫び申し上げます`): each such part is the
/// rest of its paragraph. Returns the primary block and the secondary ones.
pub fn split_secondary(scan: &DocScan, block: &Block) -> (Block, Vec<Block>) {
    const OPENERS: &[&str] = &[
        "もう1件",
        "もう一件",
        "2件目",
        "二件目",
        "もう一つの事案",
        "別の事案",
    ];
    let mut parts: Vec<Vec<usize>> = Vec::new();
    // Which sentences a secondary part took (by sentence index: read once per sentence).
    let mut taken = vec![false; scan.layout.sentences.len()];
    // A report of incidents in series (`個人情報の流出が相次いだ`, `2件とも`) tells the next one
    // after `また、<date>には`.
    let series = block.sentences.iter().any(|&x| {
        let t = scan.sentence_text(x);
        SERIES_WORDS.iter().any(|w| t.contains(w))
    });
    for &s in &block.sentences {
        if taken.get(s).copied().unwrap_or(true) {
            continue;
        }
        let t = scan.sentence_text(s).trim_start();
        let opener = OPENERS.iter().any(|p| t.starts_with(p));
        // `また、…漏えいすることとなり、重ねてお詫び`: a further incident, not a repeated apology.
        // (`…報告が遅くなりましたこと、重ねてお詫び`: an apology for something else.)
        let again = t.starts_with("また")
            && t.contains("重ねて")
            && [
                "こととなり",
                "ことになり",
                "ことが判明",
                "ことが分かり",
                "ことが確認され",
            ]
            .iter()
            .any(|w| t.contains(w))
            && scan.has(s, mark::LEAK | mark::CONFIRM);
        // `また、出向者事案は、…漏えい`: a second named case (○○事案) after the block already
        // described another one.
        let named_case = t.starts_with("また")
            && scan.has(s, mark::LEAK | mark::CONFIRM)
            && case_label(t).is_some_and(|label| {
                block
                    .sentences
                    .iter()
                    .take_while(|&&x| x < s)
                    .filter_map(|&x| case_label(scan.sentence_text(x).trim_start()))
                    .any(|other| other != label)
            });
        let next_dated = series && t.starts_with("また") && opens_with_date(scan, s);
        // `また、市は同じ日、…が所在不明になっていることも明らかにしました`: news of a further
        // incident the same victim announced with the first.
        let also_announced = t.starts_with("また")
            && ALSO_ANNOUNCED.iter().any(|w| t.contains(w))
            && scan.has(s, mark::INCIDENT | mark::LEAK);
        let line = scan.line_of(s);
        // `【事案2】…`: the second (third…) numbered case of a notice, up to the next heading.
        let case_heading = scan.layout.line_sentences[line].0 == s
            && later_case_heading(scan.layout.line_text(scan.text, line));
        if !(opener || again || named_case || next_dated || also_announced || case_heading) {
            continue;
        }
        let (_, mut line_end) = scan.layout.line_sentences[line];
        if case_heading {
            let mut l = line + 1;
            while l < scan.layout.lines.len() {
                let text = scan.layout.line_text(scan.text, l);
                if text.trim_start().starts_with(HEADING_MARKS) {
                    break;
                }
                line_end = scan.layout.line_sentences[l].1;
                l += 1;
            }
        } else if next_dated || also_announced {
            // The next incident's paragraph: the lines up to a blank line.
            let mut l = line + 1;
            while l < scan.layout.lines.len() {
                let text = scan.layout.line_text(scan.text, l);
                if text.trim().is_empty() || text.trim_start().starts_with(HEADING_MARKS) {
                    break;
                }
                line_end = scan.layout.line_sentences[l].1;
                l += 1;
            }
        }
        let part: Vec<usize> = (s..line_end)
            .filter(|x| block.sentences.binary_search(x).is_ok())
            .collect();
        for &x in &part {
            taken[x] = true;
        }
        parts.push(part);
    }
    if parts.is_empty() {
        return (block.clone(), Vec::new());
    }
    let mut primary = Block::default();
    for (i, &s) in block.sentences.iter().enumerate() {
        if !taken[s] {
            primary.sentences.push(s);
            primary.distance.push(block.distance[i]);
        }
    }
    primary.refs = block.refs.iter().copied().filter(|&r| !taken[r]).collect();
    let secondary = parts
        .into_iter()
        .map(|p| Block {
            distance: vec![0; p.len()],
            refs: p.clone(),
            sentences: p,
        })
        .collect();
    (primary, secondary)
}

/// Whether `line` is a heading (`【事案2】…`, `■事例3 …`, or a short line without a mark,
/// `事案2 介護保険に関する書類の誤送信について`) that numbers a case after the first.
/// Endings of an office's name (`子育て支援課`, `保育係`): a line naming one is a contact.
const OFFICE_ENDINGS: &[&str] = &["課", "係", "室", "部", "担当", "窓口"];

fn later_case_heading(line: &str) -> bool {
    let t = line.trim_start();
    let (t, marked) = match t.chars().next().filter(|c| HEADING_MARKS.contains(c)) {
        Some(mark) => (t[mark.len_utf8()..].trim_start(), true),
        // Unmarked: a heading's length, no sentence's full stop, no contact line
        // (`事案2:市民税課 電話 000-000-6125`).
        None if t.chars().count() <= 40
            && !t.contains('。')
            && !["電話", "TEL", "Tel", "内線", "FAX"]
                .iter()
                .any(|w| t.contains(w)) =>
        {
            (t, false)
        }
        None => return false,
    };
    // (Unmarked, only `事案`: `事例2:パスワード使い回し` lists an illustration.)
    let words: &[&str] = if marked {
        &["事案", "事例", "案件", "事故"]
    } else {
        &["事案"]
    };
    words.iter().any(|w| {
        t.strip_prefix(w).is_some_and(|rest| {
            let rest = rest.trim_start();
            let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            // Unmarked, the number is followed by a space or a separator and the case's title
            // (`事案2について` refers to a case).
            // (A title that is an office, `事案2：こども未来部 子育て支援課`, heads contacts.)
            let titled = marked
                || rest[digits.len()..]
                    .strip_prefix([' ', '\u{3000}', ':', '：', '.', '．', '】', ')'])
                    .is_some_and(|title| {
                        let title = title.trim();
                        !title.is_empty() && !OFFICE_ENDINGS.iter().any(|e| title.ends_with(e))
                    });
            titled && digits.parse::<u32>().is_ok_and(|n| (2..=9).contains(&n))
        })
    })
}

/// A news report's words for a further matter announced with the first (`…も明らかにしました`).
const ALSO_ANNOUNCED: &[&str] = &[
    "も明らかにし",
    "も発表し",
    "も公表し",
    "も明らかになり",
    "も明らかになった",
];

/// Words of a report that tells several incidents of one victim in turn.
const SERIES_WORDS: &[&str] = &["相次", "2件とも", "2件の", "二つの事案", "2つの事案"];

/// Whether sentence `s` opens, after `また、`, with a date and `には` / `に` / `、`
/// (`また、1月18日には、別の職員が…`).
fn opens_with_date(scan: &DocScan, s: usize) -> bool {
    let Some(sent) = scan.layout.sentences.get(s) else {
        return false;
    };
    scan.dates.iter().any(|(d, ds)| {
        *ds == s
            && d.start >= sent.start
            && d.start - sent.start <= "また、今月".len()
            && scan
                .text
                .get(d.end..)
                .is_some_and(|after| after.starts_with(['に', '、']))
    })
}

/// The label of a case a sentence opens with: `乗合代理店事案は、…` → `乗合代理店`
/// (within the first 20 characters, after an optional `また、`).
fn case_label(t: &str) -> Option<&str> {
    let t = t.strip_prefix("また").unwrap_or(t);
    let t = t.trim_start_matches(['、', ',', ' ']);
    let head: usize = t.char_indices().nth(20).map_or(t.len(), |(i, _)| i);
    let pos = t[..head].find("事案は")?;
    let label = &t[..pos];
    (!label.is_empty() && !label.contains(['。', '、', 'の'])).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_lines() {
        assert!(is_heading_line("●被害規模"));
        assert!(is_heading_line("3 位:サンプル社に不正アクセス"));
        assert!(is_heading_line("【サンプル生命】"));
        assert!(is_heading_line("2. 概要"));
        assert!(!is_heading_line("2025年9月、"));
        assert!(!is_heading_line("当社は"));
    }

    /// The blocks of `text` segmented for two victims, and the index of the first sentence
    /// holding each word asked for.
    fn two_victim_blocks(text: &str, words: &[&str]) -> (Vec<Block>, Vec<usize>) {
        victim_blocks(
            text,
            &["株式会社みさき不動産", "株式会社あかね化粧品"],
            words,
        )
    }

    /// The blocks of `text` segmented for the victims named, and the index of the first
    /// sentence holding each word asked for.
    fn victim_blocks(text: &str, names: &[&str], words: &[&str]) -> (Vec<Block>, Vec<usize>) {
        use crate::lexicon::Lexicons;
        use crate::org::OrgFinder;
        let (lex, orgs) = (Lexicons::new(), OrgFinder::new());
        let scan = DocScan::new(text, &lex, &orgs);
        let entities = crate::victims::group_entities(&scan);
        let of = |name: &str| {
            entities
                .iter()
                .position(|e| e.names.iter().any(|(n, _)| n == name))
                .expect("named")
        };
        let victims: Vec<usize> = names.iter().map(|n| of(n)).collect();
        let seg = segment(&scan, &entities, &victims);
        let sentence_with = |w: &str| {
            (0..scan.layout.sentences.len())
                .find(|&i| {
                    let x = &scan.layout.sentences[i];
                    scan.text[x.start..x.end].contains(w)
                })
                .expect("sentence")
        };
        (seg.blocks, words.iter().map(|w| sentence_with(w)).collect())
    }

    #[test]
    fn a_digests_date_heading_goes_to_the_entries_under_it() {
        let text = "今週の情報漏えい\n\n6月10日(月)\n・株式会社みさき不動産、顧客名簿を紛失\n\n6月12日(水)\n・株式会社あかね化粧品に不正アクセス\n";
        let (blocks, s) = two_victim_blocks(text, &["6月10日", "6月12日"]);
        assert!(
            blocks[0].sentences.contains(&s[0]),
            "{:?}",
            blocks[0].sentences
        );
        assert!(
            !blocks[0].sentences.contains(&s[1]),
            "{:?}",
            blocks[0].sentences
        );
        assert!(
            blocks[1].sentences.contains(&s[1]),
            "{:?}",
            blocks[1].sentences
        );
        assert!(!blocks[1].sentences.contains(&s[0]));
        // A release's own date over its issuer's name is no digest heading.
        let text = "お知らせ\n\n2025年10月1日\n株式会社みさき不動産\n\n当社は、株式会社あかね化粧品から受託した名簿を紛失しました。\n";
        let scan = crate::dates::test_scan(text);
        assert!(entry_date_headings(&scan).is_empty());
        // A marked heading may label its day and name the entry's kind after it.
        let text =
            "週刊ダイジェスト\n\n▼【公表日】2026/02/02 マルウェア感染\n株式会社みさき不動産\n\
            営業担当者のPCがマルウェアに感染し、取引先情報が流出しました。\n\n\
            ▼【公表日】2026/02/03 メール誤送信\n株式会社あかね化粧品\n\
            会報のメールに名簿を誤って添付しました。\n";
        let scan = crate::dates::test_scan(text);
        assert_eq!(entry_date_headings(&scan).len(), 2);
        // Unmarked date lines over entries that open with distinct organisations and tell
        // their leaks head a digest; a release's timeline under unmarked dates does not.
        let text =
            "今月の事案\n\n2月3日\n株式会社みさき不動産が、顧客名簿が流出したと公表しました。\n\n\
            2月10日\n株式会社あかね化粧品が、会員情報が漏えいした可能性があると公表しました。\n";
        let scan = crate::dates::test_scan(text);
        assert_eq!(entry_date_headings(&scan).len(), 2);
        let text = "経緯\n\n2025年8月25日\n職員がUSBメモリを持ち出した。\n2025年8月27日\n\
            職員がUSBメモリの紛失に気付いた。\n2025年9月3日\n緑町警察署に遺失物届を提出した。\n\
            2025年9月12日\n株式会社みさき不動産 代表取締役\n";
        let scan = crate::dates::test_scan(text);
        assert!(entry_date_headings(&scan).is_empty());
        // A sentence after the day is no heading.
        let text = "▼【公表日】2026/02/02 同社は取引先に個別に連絡したと公表しました。\n";
        let scan = crate::dates::test_scan(text);
        assert!(!date_only_line(&scan, 0));
    }

    #[test]
    fn the_paragraph_under_a_named_heading_stays_with_its_victim() {
        let text = "個人情報漏えい事件簿\n\n◇株式会社みさき不動産\n\
            入居申込書をFAXで管理会社へ送る際に番号を誤り、無関係の事業所に送信した。\
            申込者3人分の氏名と勤務先が記載されていた。\n\n◇株式会社あかね化粧品\n\
            通販サイトの決済画面が改ざんされ、クレジットカード情報最大512件が流出した可能性がある。\n";
        let (blocks, at) = two_victim_blocks(text, &["FAX", "改ざん"]);
        assert!(blocks[0].sentences.contains(&at[0]));
        assert!(blocks[1].sentences.contains(&at[1]));
        assert!(!blocks[0].sentences.contains(&at[1]));
        // A bullet line that only names the victim heads its entry as a marked heading does.
        let bulleted = text.replace('◇', "・");
        let (blocks, at) = two_victim_blocks(&bulleted, &["FAX"]);
        assert!(blocks[0].sentences.contains(&at[0]));
        // The entry's later paragraphs, naming no one, are its own up to the next heading.
        let text = "四半期のまとめ\n\n■1. 10月21日公表 株式会社みさき不動産(設定ミス)\n\
            株式会社みさき不動産が、内覧予約のWebフォームでほかの予約者の回答が見られる状態になっていたと公表しました。\n\
            お店の説明によると、10月18日に受付を始めた際、送信後の画面にほかの回答を表示するリンクが出る設定になっていたそうです。それまでに予約した58名の氏名と電話番号が見える状態でした。\n\n\
            ■2. 11月5日公表 株式会社あかね化粧品(不正アクセス)\n\
            株式会社あかね化粧品は、通販サイトに不正アクセスを受けたと公表しました。\n";
        let (blocks, at) = two_victim_blocks(text, &["58名", "通販サイト"]);
        assert!(
            blocks[0].sentences.contains(&at[0]),
            "{:?}",
            blocks[0].sentences
        );
        assert!(!blocks[0].sentences.contains(&at[1]));
    }

    #[test]
    fn a_paragraph_counting_from_the_day_told_goes_on_with_the_victims_above() {
        let text = "書類の紛失について\n\n\
            6月2日、回収業者が株式会社みさき不動産の事務所と株式会社あかね化粧品の事務所で書類を回収した後、書類を入れた袋を紛失しました。\n\
            翌3日、回収業者から当課に報告があり、同日、回収業者が警察署に遺失届を提出しました。当課は、6月4日に監督官庁へ報告を行いました。\n\n\
            回収業者の倉庫で火災報知器の点検を行い、その結果を各事業所へ通知するとともに、今後の点検の日程を改めて調整することとしています。\n";
        let (blocks, at) = two_victim_blocks(text, &["遺失届", "6月4日", "火災報知器"]);
        for b in &blocks {
            assert!(b.sentences.contains(&at[0]), "{:?}", b.sentences);
            assert!(b.sentences.contains(&at[1]), "{:?}", b.sentences);
            // A long paragraph that opens with neither a name nor a day counted from the
            // last one still starts a new topic.
            assert!(!b.sentences.contains(&at[2]), "{:?}", b.sentences);
        }
        assert!(continues_the_story("同日夕方、担当者が気付いた。"));
        assert!(!continues_the_story("同社は調査を進めている。"));
    }

    #[test]
    fn an_issuers_own_sections_and_timeline_tell_its_story() {
        use crate::lexicon::Lexicons;
        use crate::org::OrgFinder;
        let text = "株式会社みさき不動産\n\n当社サーバーへの不正アクセスについて\n\n\
            当社は、株式会社あかね化粧品から委託を受けた業務のサーバーが不正アクセスを受けたことをお知らせいたします。\n\n\
            1.経緯\n\
            5月10日(土)23時頃 サーバー上のファイルが一斉に暗号化され、業務システムが停止する\n\
            5月11日(日)8時頃 休日出勤した従業員が業務システムに接続できないことに気付き、情報システム担当者に連絡して全サーバーをネットワークから切り離す\n\
            5月12日(月) 所轄の警察署に被害を相談\n\n\
            2.流出した可能性のある情報\n\
            株式会社あかね化粧品 顧客の氏名、住所 1,200件\n\n\
            株式会社みさき不動産\n";
        let (lex, orgs) = (Lexicons::new(), OrgFinder::new());
        // The issuer's and the client's blocks, and the sentences holding each word.
        let blocks_of = |text: &str| {
            let scan = DocScan::new(text, &lex, &orgs);
            let mut entities = crate::victims::group_entities(&scan);
            let of = |name: &str| {
                entities
                    .iter()
                    .position(|e| e.names.iter().any(|(n, _)| n == name))
                    .expect("named")
            };
            let (issuer, client) = (of("株式会社みさき不動産"), of("株式会社あかね化粧品"));
            entities[issuer].issuer = true;
            let seg = segment(&scan, &entities, &[issuer, client]);
            let at: Vec<usize> = ["暗号化", "気付き", "警察署"]
                .iter()
                .map(|w| {
                    (0..scan.layout.sentences.len())
                        .find(|&i| scan.sentence_text(i).contains(w))
                        .expect("sentence")
                })
                .collect();
            (seg.blocks, at)
        };
        let (blocks, at) = blocks_of(text);
        for s in &at {
            assert!(
                blocks[0].sentences.contains(s),
                "{s}: {:?}",
                blocks[0].sentences
            );
            assert!(!blocks[1].sentences.contains(s), "{s}");
        }
        // An issuer that never speaks of itself (a digest's masthead) gets no section.
        let (blocks, at) = blocks_of(&text.replace("当社", "同サイト"));
        assert!(
            !blocks[0].sentences.contains(&at[2]),
            "{:?}",
            blocks[0].sentences
        );
    }

    #[test]
    fn a_later_numbered_case_of_a_notice_is_a_secondary_part_up_to_the_next_heading() {
        assert!(later_case_heading("【事案2】通知書の誤送付(市民税課)"));
        assert!(later_case_heading("■事例 3 USBメモリの紛失"));
        assert!(!later_case_heading("【事案1】通知書の誤送付"));
        assert!(!later_case_heading("事案2について"));
        assert!(later_case_heading(
            "事案2 介護保険に関する書類の誤送信について"
        ));
        assert!(!later_case_heading(
            "事案2について:市民部 保険年金課 電話:0498-22-1131"
        ));
        assert!(!later_case_heading("事案1 通知書の誤封入について"));
        assert!(!later_case_heading(
            "事案2:市民税課 市民税係 電話 000-000-6125"
        ));
        // A contact line whose telephone number is on the next line.
        assert!(!later_case_heading("事案2:福祉部 介護保険課 認定係"));
        assert!(!later_case_heading("事例2:パスワード使い回し攻撃"));
        assert!(!later_case_heading("【再発防止策】"));
        let text = "通知書の誤送付について\n\nこのたび、本市で誤送付が2件ありました。\n\n\
            【事案1】介護保険課\n要介護認定の通知書を別の方に送付しました。1名分です。\n\n\
            【事案2】市民税課\n税額通知書に他事業所の分が混入していました。\n8名分です。\n\n\
            【再発防止策】\n封入作業は2名で確認します。\n";
        let (primary, secondary, at) =
            secondary_parts(text, &["市民税課", "混入", "8名分", "1名分", "封入作業"]);
        assert_eq!(secondary.len(), 1);
        for (w, s) in at.iter().enumerate().take(3) {
            assert!(secondary[0].sentences.contains(s), "{w}");
        }
        for s in &at[3..] {
            assert!(primary.sentences.contains(s), "{s}");
        }
    }

    /// The primary block and the secondary parts of `text` read as one victim's block, and
    /// the index of the first sentence holding each word asked for.
    fn secondary_parts(text: &str, words: &[&str]) -> (Block, Vec<Block>, Vec<usize>) {
        use crate::lexicon::Lexicons;
        use crate::org::OrgFinder;
        let (lex, orgs) = (Lexicons::new(), OrgFinder::new());
        let scan = DocScan::new(text, &lex, &orgs);
        let n = scan.layout.sentences.len();
        let block = Block {
            sentences: (0..n).collect(),
            distance: vec![0; n],
            refs: vec![0],
        };
        let (primary, secondary) = split_secondary(&scan, &block);
        let at = words
            .iter()
            .map(|w| {
                (0..n)
                    .find(|&i| scan.sentence_text(i).contains(w))
                    .expect("sentence")
            })
            .collect();
        (primary, secondary, at)
    }

    #[test]
    fn news_of_a_further_matter_announced_with_the_first_is_a_secondary_part() {
        let text = "みさき町で書類盗難\n\n　みさき町は8日、職員の車からかばんが盗まれ、町民12人の氏名が書かれた書類がなくなったと発表しました。\n\n　また、町は同じ日、別の課で申請書の一部が所在不明になっていることも明らかにしました。\n\n　町は職員に指導したとしています。\n";
        let (primary, secondary, at) = secondary_parts(text, &["所在不明", "12人", "指導"]);
        assert_eq!(secondary.len(), 1);
        assert!(secondary[0].sentences.contains(&at[0]));
        assert!(primary.sentences.contains(&at[1]));
        assert!(primary.sentences.contains(&at[2]));
    }

    #[test]
    fn each_dated_line_of_a_casebook_heads_its_entry_even_without_a_named_victim() {
        let text = "個人情報漏えい事件簿\n\n\
            2025/04/03　株式会社みさき不動産\n入居申込書を誤ってFAXで送信した。\n\n\
            2025/04/09　関東地方の私立高校\n生徒名簿を紛失した。学校名は公表されていない。\n\n\
            2025/04/15　株式会社あかね化粧品\n決済画面が改ざんされた。\n\n\
            2025/04/22　西日本の信用金庫\n顧客の書類を誤って廃棄した。\n";
        let (blocks, at) = two_victim_blocks(text, &["FAX", "2025/04/09", "改ざん", "2025/04/22"]);
        assert!(blocks[0].sentences.contains(&at[0]));
        // The unnamed school's and credit union's entries belong to no victim.
        assert!(!blocks[0].sentences.contains(&at[1]));
        assert!(blocks[1].sentences.contains(&at[2]));
        assert!(!blocks[1].sentences.contains(&at[3]));
    }

    #[test]
    fn a_long_paragraph_that_refers_back_later_stays_with_the_victim_before_it() {
        let text = "通販サイトでカード情報流出\n\n\
            株式会社あかね化粧品は、決済画面が改ざんされたと発表した。株式会社みさき不動産でも同様の被害があった。\n\
            株式会社あかね化粧品が調べたところ、プログラムの一部が書き換えられていた。\n\
            第三者調査機関による調査の結果、管理画面のログイン認証の脆弱性を突かれて管理者の権限を奪われ、\
            決済画面の表示に使うプログラムが書き換えられたことがわかった。\
            同社は10月24日に個人情報保護委員会に報告した。\n";
        let (blocks, at) = two_victim_blocks(text, &["10月24日"]);
        assert!(blocks[1].sentences.contains(&at[0]));
        assert!(!blocks[0].sentences.contains(&at[0]));
    }

    #[test]
    fn a_long_paragraph_opening_with_a_co_op_s_anaphor_stays_with_its_victim() {
        let text = "組合員情報を誤送信\n\n\
            株式会社あかね化粧品は、顧客情報を誤って送信したと発表した。\n\
            同JAによると、12日午後3時ごろ、支所の職員が業者に見積もり依頼書を送る際に番号を押し間違え、\
            県内の別の事業所に一覧表を送ってしまった。翌13日朝、受け取った事業所から連絡があり、誤送信が分かった。\n\
            株式会社みさき不動産も先月、同様の誤送信を公表している。\n";
        let (blocks, at) = two_victim_blocks(text, &["12日午後3時"]);
        assert!(blocks[1].sentences.contains(&at[0]));
    }

    #[test]
    fn a_paragraph_referring_back_by_the_victim_s_kind_stays_with_it() {
        let text = "ニュース\n\n\
            さくら台市は15日、職員が個人情報の入ったUSBメモリーを紛失したと発表した。\n\
            市によると、紛失したのは同課の40代の男性主査。昨年12月26日、業務用のUSBメモリーを私物のかばんに入れて持ち帰り、\
            その夜に忘年会に出席した。帰宅してすぐに、1本がなくなっていることに気づいたという。\n\
            主査は翌27日に警察に遺失届を出したが、上司に報告したのは今月5日だった。\
            市が個人情報保護委員会に報告したのは同月9日。データは暗号化されていなかった。\n\n\
            アクセスランキング\n1 株式会社あかね化粧品で顧客名簿が流出か\n";
        let words = ["昨年12月26日", "翌27日", "同月9日"];
        let (blocks, at) = victim_blocks(text, &["さくら台市", "株式会社あかね化粧品"], &words);
        for (w, s) in words.iter().zip(at) {
            assert!(blocks[0].sentences.contains(&s), "{w}");
        }
        assert!(opens_with_kind_of("市によると、紛失した。", "さくら台市"));
        assert!(opens_with_kind_of(
            "病院を運営する医療法人社団A会によりますと、",
            "みどり野記念病院"
        ));
        assert!(!opens_with_kind_of(
            "市場によると、紛失した。",
            "さくら台市"
        ));
        assert!(!opens_with_kind_of(
            "市によると、紛失した。",
            "株式会社あかね化粧品"
        ));
    }

    #[test]
    fn a_rule_line_between_a_named_heading_and_its_paragraph_keeps_the_paragraph_with_it() {
        let long =
            "通信サービスの会員管理システムに不正アクセスがあり、会員の氏名、住所、電話番号、\
            生年月日、契約プランが流出した可能性がある。";
        let text = format!(
            "漏えい件数ランキング\n\n――――――\n1位 株式会社みさき不動産 約31万件\n――――――\n{long}\n\n\
             ――――――\n2位 株式会社あかね化粧品 約12万件\n――――――\n会員サイトの脆弱性を突かれ、氏名が流出した。\n"
        );
        let (blocks, at) = two_victim_blocks(&text, &["契約プラン", "脆弱性"]);
        assert!(blocks[0].sentences.contains(&at[0]));
        assert!(!blocks[1].sentences.contains(&at[0]));
        assert!(blocks[1].sentences.contains(&at[1]));
        assert!(is_rule_line("――――――――"));
        assert!(!is_rule_line("――"));
        assert!(!is_rule_line("― 概要 ―"));
    }

    #[test]
    fn case_labels() {
        assert_eq!(
            case_label("誤送信事案は、担当者が宛先を誤ったもの。"),
            Some("誤送信")
        );
        assert_eq!(case_label("また、委託先事案は、…"), Some("委託先"));
        assert_eq!(case_label("本件の事案は"), None);
        assert_eq!(case_label("当社は、本日"), None);
    }
}
