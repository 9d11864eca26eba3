//! The English extractor: breach notices, news, digests and dataset descriptions written in
//! English (`Document::language` = `En`, decided by `Language::detect`). Same shape as the
//! Japanese path: **candidates** (name runs and heading names in `orgs`, cause cues, counts,
//! data-type phrases and dates in `fields` and `dates`), **features** of each candidate (its
//! position in its sentence, its kind, the words around it) and a **weighted choice** (victim
//! weights in `data/en/victim_weights.txt`; cue weights in `data/en/cause_cues.txt`). Every
//! value carries its rule, confidence and evidence span.
//!
//! Stages: `text` (blocks, sentences, tokens) → `orgs` (mentions → entities → victim score)
//! → blocks per victim (the whole document, or each list item of a digest, or the passage
//! from a victim's first mention to the next victim's) → `fields` and `dates` per block.
//! Word lists are data files (`data/en/*.txt`, loaded by `words`).

pub mod counts;
pub mod dates;
pub mod fields;
pub mod orgs;
pub mod relations;
pub mod tables;
pub mod text;
pub mod words;

use crate::learn::linear::LinearModel;
use chrono::NaiveDate;
use leakwatch_model::{
    AffectedCount, CandidateIncident, Cause, CountQualifier, DataType, DateKind, DatedEvent,
    Document, Evidence, Field, RelatedOrg, RelationRole, Span, TraceNote,
};
use orgs::{Entity, VictimModel};
use text::Sent;
use words::Words;

/// The English extractor: word lists and weights, built once.
pub struct EnglishExtractor {
    words: Words,
    victims: VictimModel,
    /// The learned cause-group model (`data/en/cause_model.json`); None falls back to the
    /// cue sums.
    cause_model: Option<LinearModel>,
}

const CAUSE_MODEL: &str = include_str!("../../data/en/cause_model.json");

/// The shipped cause-group model, when its file holds one with the expected classes.
pub fn load_cause_model(json: &str) -> Option<LinearModel> {
    let mut m: LinearModel = serde_json::from_str(json).ok()?;
    m.validate().ok()?;
    if !fields::GROUPS.iter().all(|g| m.class_index(g).is_some()) {
        return None;
    }
    m.build_index();
    Some(m)
}

impl Default for EnglishExtractor {
    fn default() -> Self {
        EnglishExtractor::new()
    }
}

/// The names of chosen victims, for the trace.
fn victim_names(ents: &[Entity], victims: &[(usize, Vec<usize>)]) -> String {
    victims
        .iter()
        .map(|(ei, _)| ents[*ei].name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn note(incident: Option<usize>, field: &str, message: String) -> TraceNote {
    TraceNote {
        incident,
        field: field.to_string(),
        message,
    }
}

/// A digest written as stories rather than list items: sections that open with a short heading
/// line (`Halden Medical Group`, `Sunward Pharmacy Ltd – £30,000 fine`), or, without headings,
/// paragraphs. A section is a story when it tells of an incident and an eligible organisation
/// is named in its opening (the heading or the first sentence) and nowhere outside it: the
/// victim of a single-incident article is named across its paragraphs, a digest's victims each
/// in their own. Two or more such stories make the victims, each with its section as block.
/// Linear in the sentences and mentions (blocks are runs of consecutive sentences).
fn story_sections(
    lower: &str,
    sents: &[Sent],
    incident: &[bool],
    counted: &dyn Fn(usize) -> bool,
    ents: &[Entity],
    eligible: &dyn Fn(&Entity) -> bool,
) -> Option<Stories> {
    let n_blocks = sents.iter().map(|s| s.block + 1).max().unwrap_or(0);
    // Each block's first and last sentence.
    let mut spans: Vec<Option<(usize, usize)>> = vec![None; n_blocks];
    for (i, s) in sents.iter().enumerate() {
        let span = &mut spans[s.block];
        *span = Some(span.map_or((i, i), |(a, _)| (a, i)));
    }
    let len = |b: usize| {
        spans
            .get(b)
            .copied()
            .flatten()
            .map_or(0, |(a, z)| z + 1 - a)
    };
    // A heading: a block of one short sentence that is no title and no list item, followed by
    // a paragraph (several sentences, or one long one).
    let heading = |b: usize| -> bool {
        let Some((i, _)) = spans[b].filter(|_| len(b) == 1) else {
            return false;
        };
        let s = &sents[i];
        // Short, and without a sentence's full stop unless very short (`Rivermouth County,
        // Mich.`): a one-sentence paragraph is no heading.
        let line = lower.get(s.start..s.end).unwrap_or("").trim();
        let words = line.split_whitespace().count();
        // (A numbered digest heading, `2. Osaka trader emails customer list to 36 partners by
        // mistake`, may run longer.)
        let numbered = line.split_once(". ").is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit())
        });
        let most = if numbered { 14 } else { 10 };
        let short = words <= most && (words <= 4 || !line.ends_with(['.', '!', '?', ':', '"']));
        // The paragraph under it: several sentences, or one long one.
        let paragraph = len(b + 1) > 1
            || spans.get(b + 1).copied().flatten().is_some_and(|(a, _)| {
                let t = lower.get(sents[a].start..sents[a].end).unwrap_or("").trim();
                t.ends_with('.') && t.split_whitespace().count() >= 12
            });
        // A dateline or byline (`June 12, 2024 | Staff report`) heads no story.
        let dateline = line.contains(" | ")
            || line
                .split(|c: char| !c.is_ascii_digit())
                .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")));
        short && !s.title && !s.item && paragraph && !dateline
    };
    let headings: Vec<usize> = (0..n_blocks).filter(|&b| heading(b)).collect();
    let headed = headings.len() >= 2;
    let starts: Vec<usize> = if headed {
        headings
    } else {
        // Paragraphs of several sentences, or of one that states a number of people (`X said
        // information on 21,305 individuals was taken.`).
        (0..n_blocks)
            .filter(|&b| {
                spans[b].is_some_and(|(a, z)| {
                    !(a..=z).any(|i| sents[i].title) && (len(b) > 1 || counted(a))
                })
            })
            .collect()
    };
    if starts.len() < 2 {
        return None;
    }
    // The entities named in each sentence, and each entity's first and last sentence.
    let mut by_sent: Vec<Vec<usize>> = vec![Vec::new(); sents.len()];
    let mut extent: Vec<(usize, usize)> = vec![(usize::MAX, 0); ents.len()];
    // Under headings, mentions above the first story (a page's breadcrumb repeating the
    // headline) bound no story.
    let body_start = if headed {
        spans[starts[0]].map_or(0, |(a, _)| a)
    } else {
        0
    };
    for (ei, e) in ents.iter().enumerate() {
        for m in e.mentions.iter().filter(|m| m.sent >= body_start) {
            if let Some(list) = by_sent.get_mut(m.sent) {
                if !list.contains(&ei) {
                    list.push(ei);
                }
            }
        }
    }
    // Under headings, the sections after the last whose opening names an eligible
    // organisation (`Takeaways`, `What to do`) are commentary on the stories before them.
    let mut commentary = vec![false; sents.len()];
    if headed {
        for (k, &b) in starts.iter().enumerate().rev() {
            let end_block = starts.get(k + 1).copied().unwrap_or(n_blocks);
            let Some((first, _)) = spans[b] else { continue };
            let Some(last) = (b..end_block).rev().find_map(|x| spans[x].map(|(_, z)| z)) else {
                continue;
            };
            let opening = first..(first + 2).min(last + 1);
            // (A lone capitalised word opening a sentence, `Encrypt devices.`, names no one.)
            let names_one = opening.clone().any(|i| {
                by_sent[i].iter().any(|&x| {
                    eligible(&ents[x]) && ents[x].features.get("sentence_initial_single") == 0.0
                })
            });
            if names_one {
                break;
            }
            commentary[first..=last].fill(true);
        }
    }
    // A mention in passing bounds no one's story, so each organisation may go on to a section
    // of its own: without headings, a sentence that names three or more eligible organisations
    // (`two clients: X, which …, and Y in Ohio`) introduces them; under headings, a point of
    // the commentary (`• A documented analysis not acted on (as at X) …`) looks back on them.
    let passing = |si: usize| {
        if headed {
            commentary[si] && sents[si].item
        } else {
            by_sent[si].iter().filter(|&&x| eligible(&ents[x])).count() >= 3
        }
    };
    for (ei, e) in ents.iter().enumerate() {
        for m in e.mentions.iter().filter(|m| m.sent >= body_start) {
            if passing(m.sent) && e.mentions.iter().any(|o| !passing(o.sent)) {
                continue;
            }
            extent[ei] = (extent[ei].0.min(m.sent), extent[ei].1.max(m.sent));
        }
    }
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    // The most probable victim of the whole text. Under headings, a name written only above
    // the stories and in a copyright line (`© 2026 Example Media LLC`) is the page's owner,
    // publishing them.
    let copyright = |si: usize| {
        sents.get(si).is_some_and(|s| {
            let t = lower.get(s.start..s.end).unwrap_or("");
            t.contains('©') || t.contains("copyright") || t.starts_with("(c) ")
        })
    };
    let page_owner = |e: &Entity| {
        headed
            && e.mentions.iter().any(|m| copyright(m.sent))
            && !e
                .mentions
                .iter()
                .any(|m| m.sent >= body_start && !copyright(m.sent))
    };
    // (Its publications share its first word: `Example Weekly: …` over the stories.)
    let owner_words: Vec<&str> = ents
        .iter()
        .filter(|e| page_owner(e))
        .filter_map(|e| e.name.split_whitespace().next())
        .filter(|w| w.len() >= 4)
        .collect();
    let owned = |e: &Entity| {
        page_owner(e)
            || e.name
                .split_whitespace()
                .next()
                .is_some_and(|w| owner_words.contains(&w))
    };
    let top = ents
        .iter()
        .enumerate()
        .filter(|(_, e)| eligible(e) && !owned(e))
        .max_by(|a, b| a.1.score.total_cmp(&b.1.score))
        .map(|(i, _)| i);
    // Under headings, the story before the first one (a news article's lead, then `Dental
    // company also listed` over the next victim) is a story too when the text's most probable
    // victim is named in its first sentence about an incident.
    // (A notice's numbered sections, `1. Background`, tell one incident.)
    let numbered = starts.iter().any(|&b| {
        spans[b].is_some_and(|(a, _)| {
            lower
                .get(sents[a].start..sents[a].end)
                .is_some_and(|t| t.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        })
    });
    if let Some(t) = top.filter(|_| headed && !numbered) {
        let first_heading = spans[starts[0]].map_or(0, |(a, _)| a);
        let told_before = ents[t]
            .mentions
            .iter()
            .map(|m| m.sent)
            .find(|&si| si < first_heading && incident.get(si) == Some(&true));
        let named_after = ents[t].mentions.iter().any(|m| m.sent >= first_heading);
        if let Some(si) = told_before.filter(|_| !named_after) {
            out.push((t, (si..first_heading).collect()));
        }
    }
    for (k, &b) in starts.iter().enumerate() {
        let end_block = starts.get(k + 1).copied().unwrap_or(n_blocks);
        let Some((first, _)) = spans[b] else {
            continue;
        };
        let Some(last) = (b..end_block).rev().find_map(|x| spans[x].map(|(_, z)| z)) else {
            continue;
        };
        // Commentary tells no story.
        if commentary[first] {
            continue;
        }
        // Under headings a story may tell its incident in words the incident test does not
        // know (`emailed a document … to every parent`); a paragraph must tell one.
        // (A paragraph that opens with its number of people, `X said information on 9,870
        // people was taken`, tells its part of the text's incident.)
        if !headed && !(first..=last).any(|i| incident.get(i) == Some(&true)) && !counted(first) {
            continue;
        }
        // The opening: the heading and the section's next sentence, or the first sentence.
        let opening = if len(b) == 1 {
            first..(first + 2).min(last + 1)
        } else {
            first..first + 1
        };
        let best = opening
            .flat_map(|i| by_sent[i].iter().copied())
            .filter(|&ei| {
                eligible(&ents[ei])
                    && !owned(&ents[ei])
                    && extent[ei].0 >= first
                    && extent[ei].1 <= last
            })
            .max_by(|&a, &b| ents[a].score.total_cmp(&ents[b].score).then(a.cmp(&b)));
        if let Some(ei) = best {
            if !out.iter().any(|(x, _)| *x == ei) {
                out.push((ei, (first..=last).collect()));
            }
        }
    }
    // The most probable victim of the whole text must be one of them: a single incident's
    // victim, named across paragraphs, is no story of its own, and bystanders each named in
    // one paragraph (a researcher, a vendor) must not replace it.
    // Under headings, the text's most probable victim may be named later in one story (a
    // vendor's story goes on to the clients that notified their own customers): it is a
    // victim of that story too.
    if let Some(t) = top.filter(|t| headed && !out.iter().any(|(x, _)| x == t)) {
        let (a, z) = extent[t];
        if let Some(block) = out
            .iter()
            .find(|(_, blk)| blk.contains(&a) && blk.contains(&z))
            .map(|(_, blk)| blk.clone())
        {
            out.push((t, block));
        }
    }
    // Paragraphs without headings: when the text's most probable victim is told across them
    // (a contractor's breach) and two or more others each open with their own victim and a
    // number of people (`X said … about 86,000 residents`), those are incidents of their
    // own beside it — clients that announced theirs, or `three more companies` hit the same
    // way. The most probable victim keeps every sentence outside them.
    if let Some(t) = top.filter(|t| !headed && !out.iter().any(|(x, _)| x == t)) {
        let told: Vec<(usize, Vec<usize>)> = out
            .iter()
            .filter(|(_, blk)| blk.iter().take(2).any(|&i| counted(i)))
            .cloned()
            .collect();
        if told.len() >= 2 {
            return Some(Stories::told_beside(t, told, sents.len()));
        }
    }
    if out.len() < 2 || !top.is_some_and(|t| out.iter().any(|(x, _)| *x == t)) {
        // Under headings that make no digest, paragraphs that each open with their own
        // victim and a number of people (`Clients notify their members` over the clients'
        // numbers) are incidents beside the text's most probable victim, as without headings.
        // (Such paragraphs may come before the first heading: no breadcrumb states a count.)
        let t = top.filter(|_| headed)?;
        let mut told: Vec<(usize, Vec<usize>)> = Vec::new();
        // Paragraphs, and the sections under headings (`St. Aldric: 486,220 patients` over
        // paragraphs that name the client again).
        let sections = starts.iter().enumerate().filter_map(|(k, &b)| {
            let (a, _) = spans[b]?;
            let end_block = starts.get(k + 1).copied().unwrap_or(n_blocks);
            let z = (b..end_block)
                .rev()
                .find_map(|x| spans[x].map(|(_, z)| z))?;
            Some((a, z, true))
        });
        let units: Vec<(usize, usize, bool)> = spans
            .iter()
            .flatten()
            .map(|&(a, z)| (a, z, false))
            .chain(sections)
            .collect();
        for &(a, z, section) in &units {
            // Its number in its opening sentence or the next (`X told members on Tuesday that
            // … The credit union said up to 19,500 members were involved`), or, under its
            // heading, the one after.
            if !(counted(a) || a < z && counted(a + 1) || section && a + 1 < z && counted(a + 2)) {
                continue;
            }
            let own = (0..ents.len())
                .filter(|&ei| {
                    let ms = &ents[ei].mentions;
                    ei != t
                        && eligible(&ents[ei])
                        && ms.iter().any(|m| m.sent == a)
                        && ms.iter().all(|m| (a..=z).contains(&m.sent))
                })
                .max_by(|&x, &y| ents[x].score.total_cmp(&ents[y].score).then(x.cmp(&y)));
            if let Some(ei) = own.filter(|ei| !told.iter().any(|(x, _)| x == ei)) {
                told.push((ei, (a..=z).collect()));
            }
        }
        return (told.len() >= 2).then(|| Stories::told_beside(t, told, sents.len()));
    }
    // Paragraphs without headings are stories only when no organisation left out is more
    // probable a victim than the least of them (two councils fined in one article, the
    // first named again later, are one story told across paragraphs).
    if !headed {
        let least = out
            .iter()
            .map(|(x, _)| ents[*x].score)
            .fold(f32::INFINITY, f32::min);
        let outranked = ents
            .iter()
            .enumerate()
            .any(|(i, e)| eligible(e) && e.score > least && !out.iter().any(|(x, _)| *x == i));
        if outranked {
            return None;
        }
    }
    Some(Stories {
        victims: out,
        shared_event: false,
    })
}

/// Verbs after a speaker's name (`the board said`, `the District is writing to let you know`).
const SPEECH_VERBS: &[&str] = &[
    " said",
    " says",
    " announced",
    " confirmed",
    " told",
    " wrote",
    " notified",
    " stated",
    " is writing",
    " is notifying",
    " is informing",
];

/// The one school of a board's (district's) story that an incident sentence names, when the
/// story's victim is the board and the board speaks in it (`…, the district school board
/// said`): the board tells its school's incident. (A school named in a summary of the board's
/// breach, `a student at X hacked into a district computer`, stays a bystander.)
fn school_of_board(
    text: &str,
    ents: &[Entity],
    incident: &[bool],
    board: usize,
    block: &[usize],
    words: &Words,
) -> Option<usize> {
    let is_board = |name: &str| words.boards.iter().any(|b| name.contains(b));
    let speaks = ents.get(board)?.mentions.iter().any(|m| {
        text.get(m.end..)
            .is_some_and(|after| SPEECH_VERBS.iter().any(|v| after.starts_with(v)))
    });
    if !is_board(&ents[board].name) || !speaks {
        return None;
    }
    let mut schools = ents.iter().enumerate().filter(|(j, e)| {
        *j != board
            && !e.is_authority
            && !is_board(&e.name)
            && e.name
                .split_whitespace()
                .last()
                .is_some_and(|w| words.school_heads.contains(w))
            && e.mentions
                .iter()
                .any(|m| block.contains(&m.sent) && incident.get(m.sent) == Some(&true))
    });
    let (school, _) = schools.next()?;
    schools.next().is_none().then_some(school)
}

/// A table row's cells state its incident's count, the days of the breach and of its report
/// and the data exposed: the count cell is the figure the list's keeper was given (a
/// description's other numbers are parts of it); the reported day is the row's disclosure
/// and the breach's day its occurrence when the description tells none.
fn table_row_facts(
    doc: &Document,
    sents: &[Sent],
    row: &tables::TableRow,
    words: &Words,
    inc: &mut CandidateIncident,
    trace: &mut Vec<TraceNote>,
) {
    let text = doc.text.as_str();
    let ev = |a: usize, b: usize| {
        Some(Evidence {
            doc_id: doc.id.clone(),
            span: Span::new(a, b),
            sentence: sents
                .get(row.sent)
                .map(|s| text[s.start..s.end].replace('\n', " "))
                .unwrap_or_default(),
        })
    };
    if let Some((n, unit, a, b)) = &row.count {
        trace.push(note(
            None,
            "affected",
            format!("{}: {n} {unit} from its table row", inc.organization.value),
        ));
        inc.affected = Some(Field::new(
            AffectedCount {
                value: *n,
                qualifier: CountQualifier::Exact,
                unit: unit.clone(),
            },
            0.8,
            "en.count.table_cell",
            ev(*a, *b),
        ));
    }
    for (kind, cell) in [
        (DateKind::Disclosed, row.reported),
        (DateKind::Occurred, row.occurred),
        (DateKind::Detected, row.detected),
    ] {
        let Some((date, a, b)) = cell else { continue };
        // A date cell's date is the column's, whatever the row's other words make of it.
        inc.dates.retain(|d| {
            d.evidence
                .as_ref()
                .is_none_or(|e| e.span.end <= a || e.span.start >= b)
        });
        // The column's day beats what the row's other words make of the same event.
        inc.dates.retain(|d| d.value.kind != kind);
        inc.dates.push(Field::new(
            DatedEvent { kind, date },
            0.7,
            "en.date.table_cell",
            ev(a, b),
        ));
    }
    if let Some((a, b)) = row.data {
        let cell = text[a..b].to_ascii_lowercase();
        for h in words.data_types.find(&cell) {
            let Ok(dt) = words.data_types.entries[h.entry].tag.parse::<DataType>() else {
                continue;
            };
            if dt == DataType::CardNumber {
                inc.card_data = Some(Field::new(true, 0.7, "en.card.table_cell", ev(a, b)));
            }
            if !inc.data_types.iter().any(|d| d.value == dt) {
                inc.data_types.push(Field::new(
                    dt,
                    0.6,
                    "en.datatype.table_cell",
                    ev(a + h.start, a + h.end),
                ));
            }
        }
    }
}

/// Labels of a notification form's field that names the organisation whose data was breached.
const FORM_NAME_LABELS: &[&str] = &[
    "entity name:",
    "name of entity:",
    "organization name:",
    "name of organization:",
    "organisation name:",
    "company name:",
    "name of company:",
    "business name:",
    "name of business:",
    "name of covered entity:",
    "covered entity name:",
];

/// The notification form's name label opening sentence `s` (`entity name:`), if any.
fn form_name_label(lower: &str, s: &Sent) -> Option<&'static str> {
    let line_lower = lower.get(s.start..s.end).unwrap_or("").trim();
    FORM_NAME_LABELS
        .iter()
        .copied()
        .find(|l| line_lower.starts_with(l))
}

/// Fields of a listed company's notice header (`Company name: X` over `Representative: …`,
/// `(Securities code: 2893, …)`): the issuer of the notice, not a form's record.
const ISSUER_HEADER_FIELDS: &[&str] = &[
    "representative:",
    "representative director",
    "(securities code",
    "securities code:",
    "(code number",
    "code number:",
    "(stock code",
    "stock code:",
];

/// Whether the name field of sentence `si` heads a company's notice header: one of the next
/// three lines is another field of it.
fn issuer_header(lower: &str, sents: &[Sent], si: usize) -> bool {
    sents.iter().skip(si + 1).take(3).any(|s| {
        let line = lower.get(s.start..s.end).unwrap_or("").trim();
        ISSUER_HEADER_FIELDS.iter().any(|f| line.starts_with(f))
    })
}

/// The records of a breach-notification form page: each line `Entity Name: X` whose X is a
/// named entity opens X's record, which runs to the next record (entity index, block of
/// sentence indices). Empty when the page has no such field.
fn form_records(
    text: &str,
    lower: &str,
    sents: &[Sent],
    ents: &[Entity],
) -> Vec<(usize, Vec<usize>)> {
    let mut opens: Vec<(usize, usize)> = Vec::new(); // (sentence, entity)
    for (si, s) in sents.iter().enumerate() {
        let line = text.get(s.start..s.end).unwrap_or("").trim();
        let Some(label) = form_name_label(lower, s) else {
            continue;
        };
        if issuer_header(lower, sents, si) {
            continue;
        }
        let value = line[label.len()..].trim();
        let value_start = s.start + (s.end - s.start - line.len()) + label.len();
        // The entity named in the field: one whose mention lies in it, else one whose name
        // it is.
        let named = orgs::named_in(ents, value_start, s.end, value.trim_end_matches('.'));
        if let Some(ei) = named.filter(|&ei| !opens.iter().any(|&(_, x)| x == ei)) {
            opens.push((si, ei));
        }
    }
    opens
        .iter()
        .enumerate()
        .map(|(k, &(si, ei))| {
            let end = opens.get(k + 1).map_or(sents.len(), |&(next, _)| next);
            (ei, (si..end).collect())
        })
        .collect()
}

/// The victims of a text told in stories (entity index, block of sentence indices); with
/// `shared_event`, the first one's event is the others' too (a contractor's breach that its
/// clients announced): a story that names no cause of its own takes the first one's cause,
/// attacker and dates of the attack.
struct Stories {
    victims: Vec<(usize, Vec<usize>)>,
    shared_event: bool,
}

impl Stories {
    /// The text's most probable victim `t`, keeping every sentence outside the paragraphs
    /// `told`, beside the victims each of those tells: one event shared by all.
    fn told_beside(t: usize, told: Vec<(usize, Vec<usize>)>, n_sents: usize) -> Stories {
        let rest: Vec<usize> = (0..n_sents)
            .filter(|i| !told.iter().any(|(_, blk)| blk.contains(i)))
            .collect();
        let mut victims = vec![(t, rest)];
        victims.extend(told);
        Stories {
            victims,
            shared_event: true,
        }
    }
}

/// Words right before another organisation's name that recall an incident of its own
/// (`It follows a similar incident at X`, `an earlier breach at X`).
const RECALLED_INCIDENT_CUES: &[&str] = &[
    "similar incident at ",
    "similar breach at ",
    "similar attack on ",
    "similar attack at ",
    "similar cyberattack on ",
    "similar ransomware attack on ",
    "earlier breach at ",
    "earlier incident at ",
    "earlier attack on ",
    "previous breach at ",
    "a breach at ",
    "an attack on ",
    "the breach at ",
    "the attack on ",
];

/// Words of a sentence that opens another organisation's incident in the next one (`X is
/// not the only hospital to disclose a data incident this year. On October 17, Y disclosed…`).
const ANOTHER_INCIDENT_FRAMES: &[&str] = &[
    "is not the only",
    "was not the only",
    "is not the first",
    "was not the first",
    "latest in a string of",
    "latest in a series of",
    // `X is the second Ohio logistics company to report a breach this year.`
    "is the second ",
    "is the third ",
    "was the second ",
    "was the third ",
];

/// Whether sentence `s` tells an incident right after a sentence of its paragraph that frames
/// it as another organisation's.
fn framed_as_another(lower: &str, sents: &[Sent], incident: &[bool], s: usize) -> bool {
    let Some(prev) = s.checked_sub(1) else {
        return false;
    };
    incident.get(s) == Some(&true)
        && sents[prev].block == sents[s].block
        && lower
            .get(sents[prev].start..sents[prev].end)
            .is_some_and(|t| {
                ANOTHER_INCIDENT_FRAMES.iter().any(|f| t.contains(f)) || counts_another_incident(t)
            })
}

/// Whether a sentence counts the story's incident among others (`It is the county's second
/// data incident in two years.`): an ordinal, then within a few words an incident noun.
fn counts_another_incident(sentence: &str) -> bool {
    const ORDINALS: &[&str] = &["second", "third", "fourth"];
    const NOUNS: &[&str] = &["incident", "breach", "attack", "cyberattack", "leak"];
    sentence
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .windows(5)
        .any(|w| {
            ORDINALS.contains(&w[0])
                && w[1..]
                    .iter()
                    .any(|x| NOUNS.iter().any(|n| x.starts_with(n)))
        })
}

/// The victim of a single-victim story and the earlier incidents of other organisations it
/// recalls (`It follows a similar incident at X in March, when…`): each such X keeps the
/// passage from its mention to the end of its paragraph, the victim every other sentence.
fn recalled_incidents(
    lower: &str,
    sents: &[Sent],
    incident: &[bool],
    ents: &[Entity],
    best: usize,
    eligible: &dyn Fn(&Entity) -> bool,
    trace: &mut Vec<TraceNote>,
) -> Vec<(usize, Vec<usize>)> {
    let mut out = vec![(best, Vec::new())];
    let mut taken = vec![false; sents.len()];
    for (i, e) in ents.iter().enumerate() {
        if i == best || !eligible(e) || e.mentions.len() > 2 {
            continue;
        }
        let Some(first) = e.mentions.first() else {
            continue;
        };
        let recalled = e.mentions.iter().all(|m| {
            let sl = lower.get(sents[m.sent].start..m.start).unwrap_or("");
            RECALLED_INCIDENT_CUES.iter().any(|c| sl.ends_with(c))
        }) || framed_as_another(lower, sents, incident, first.sent);
        if !recalled {
            continue;
        }
        let block: Vec<usize> = (first.sent..sents.len())
            .take_while(|&k| sents[k].block == sents[first.sent].block)
            .filter(|&k| !taken[k])
            .collect();
        if block.is_empty() || !block.iter().any(|&k| incident[k]) {
            continue;
        }
        for &k in &block {
            taken[k] = true;
        }
        trace.push(note(
            None,
            "organizations",
            format!("{}: an earlier incident the story recalls", e.name),
        ));
        out.push((i, block));
    }
    out[0].1 = (0..sents.len()).filter(|&k| !taken[k]).collect();
    out
}

/// Openings of a passage that turns to an earlier incident of the same victim, after the
/// story of the current one (`Last year, X admitted a breach…`, `This is not the first time…`).
const EARLIER_INCIDENT_OPENERS: &[&str] = &[
    "last year,",
    "last year ",
    "the previous year,",
    "previously,",
    "earlier this year,",
    "in a separate incident",
    "in an earlier incident",
    "in an earlier breach",
    "this is the second time",
    "this is not the first time",
    "it is not the first time",
    "it's not the first time",
    "it is the second time",
];

/// Two organisations each the object of the attack in sentences of their own (`exploited a
/// flaw in the website of A, Inc. …`, `used stolen logins of an employee of B Credit Union`):
/// a prosecutor's release of one intruder's two breaches. The organisations besides `best`
/// that are such objects, when `best` is one (and no fine is told).
fn other_objects_of_attack(
    ents: &[Entity],
    best: usize,
    eligible: &dyn Fn(&Entity) -> bool,
) -> Vec<usize> {
    let object_of_attack = |e: &Entity| {
        e.features.get("victim_prep") > 0.0
            && ["org_head", "legal_form"]
                .iter()
                .any(|f| e.features.get(f) > 0.0)
    };
    if !object_of_attack(&ents[best]) || ents[best].features.get("fined") > 0.0 {
        return Vec::new();
    }
    (0..ents.len())
        .filter(|&i| {
            let e = &ents[i];
            let apart = e
                .mentions
                .iter()
                .all(|m| !ents[best].mentions.iter().any(|b| b.sent == m.sent));
            i != best
                && eligible(e)
                && object_of_attack(e)
                && e.features.get("incident_sentences") > 0.0
                && apart
        })
        .collect()
}

/// The first sentence of a passage about an earlier incident, when the story of the current
/// one comes first (at least two incident sentences before it) and the passage itself speaks
/// of a leak or an attack.
fn earlier_incident_start(
    lower: &str,
    sents: &[Sent],
    incident: &[bool],
    block: &[usize],
) -> Option<usize> {
    let opens = |i: usize| {
        let t = lower
            .get(sents[i].start..sents[i].end)
            .unwrap_or("")
            .trim_start();
        EARLIER_INCIDENT_OPENERS.iter().any(|o| t.starts_with(o))
    };
    let k = block.iter().copied().find(|&i| opens(i))?;
    let story_before = block
        .iter()
        .filter(|&&i| i < k && incident.get(i) == Some(&true))
        .count();
    let incident_after = block
        .iter()
        .any(|&i| i >= k && incident.get(i) == Some(&true));
    (story_before >= 2 && incident_after).then_some(k)
}

impl EnglishExtractor {
    pub fn new() -> EnglishExtractor {
        EnglishExtractor {
            words: Words::new(),
            victims: VictimModel::new(),
            cause_model: load_cause_model(CAUSE_MODEL),
        }
    }

    /// The incidents of an English document and the trace of every decision.
    /// Which sentences speak of a leak or an attack (not advice).
    fn incident_sentences(&self, lower: &str, sents: &[Sent]) -> Vec<bool> {
        sents
            .iter()
            .map(|s| {
                let t = &lower[s.start..s.end];
                !fields::advice(t)
                    && (self.words.leak.iter().any(|w| t.contains(w))
                        || self
                            .words
                            .causes
                            .find(t)
                            .iter()
                            .any(|h| self.words.causes.entries[h.entry].weight >= 2.0))
            })
            .collect()
    }

    pub fn extract(&self, doc: &Document) -> (Vec<CandidateIncident>, Vec<TraceNote>) {
        // A form's dot leaders (`Organization name ....... X`) are read as its colons (the
        // same bytes: evidence offsets hold).
        if let Some(colons) = text::dot_leaders_as_colons(&doc.text) {
            let doc = Document {
                text: colons,
                ..doc.clone()
            };
            return self.extract(&doc);
        }
        let mut text = doc.text.as_str();
        let mut lower = text.to_ascii_lowercase();
        let mut trace = Vec::new();
        let mut sents = text::sentences(text);
        let mut incident = self.incident_sentences(&lower, &sents);
        // The related stories, tags and newsletter box after the story are other text.
        if let Some(end) = text::story_end(text, &sents, &incident) {
            trace.push(note(
                None,
                "segmentation",
                format!("the story ends at byte {end}: a page's furniture follows"),
            ));
            text = &text[..end];
            lower.truncate(end);
            sents = text::sentences(text);
            incident = self.incident_sentences(&lower, &sents);
        }
        if !incident.iter().any(|x| *x) {
            trace.push(note(
                None,
                "organizations",
                "no sentence about a leak or attack: no incident".into(),
            ));
            return (Vec::new(), trace);
        }
        // Documents whose breach words tell no incident of their own.
        let no_incident: [(DocumentTest, &str); 3] = [
            (
                text::product_announcement,
                "a vendor's product announcement: its attacks are general, no incident",
            ),
            (
                text::advice_column,
                "a reader's-questions column: the breaches it speaks of are no incident",
            ),
            (
                text::statistics_report,
                "a statistics report: the breaches it counts are no incident of its own",
            ),
        ];
        if let Some((_, why)) = no_incident.iter().find(|(is, _)| is(&lower)) {
            trace.push(note(None, "organizations", (*why).into()));
            return (Vec::new(), trace);
        }
        let ms = orgs::mentions(text, &sents, &self.words);
        let mut ents = orgs::entities(ms, &self.words);
        orgs::score(
            text,
            &sents,
            &incident,
            &mut ents,
            &self.words,
            &self.victims,
        );
        let mut shared_event = false;
        let table_rows = tables::rows(text, &sents, &ents, &self.words);
        let mut victims = self.choose(
            text,
            &lower,
            &sents,
            &incident,
            &ents,
            &table_rows,
            &mut shared_event,
            &mut trace,
        );
        if let [(ei, block)] = victims.as_slice() {
            if let Some(k) = earlier_incident_start(&lower, &sents, &incident, block) {
                let (ei, block) = (*ei, block.clone());
                trace.push(note(
                    None,
                    "organizations",
                    format!(
                        "{}: an earlier incident of the same victim from sentence {k} on",
                        ents[ei].name
                    ),
                ));
                let (now, before): (Vec<usize>, Vec<usize>) =
                    block.into_iter().partition(|&s| s < k);
                victims = vec![(ei, now), (ei, before)];
            }
        }
        if victims.is_empty() {
            return (Vec::new(), trace);
        }
        // A board's notice about one of its schools: the school is the victim, the board its
        // parent.
        let mut boards: Vec<Option<usize>> = vec![None; victims.len()];
        for (k, (ei, block)) in victims.iter_mut().enumerate() {
            let Some(school) = school_of_board(text, &ents, &incident, *ei, block, &self.words)
            else {
                continue;
            };
            trace.push(note(
                None,
                "organizations",
                format!(
                    "{}: the school of the board {} that tells its incident",
                    ents[school].name, ents[*ei].name
                ),
            ));
            boards[k] = Some(*ei);
            *ei = school;
        }
        let doc_date = dates::document_date(text);
        let published = doc.published.or(doc_date.map(|d| d.0));
        let authorities: Vec<String> = ents
            .iter()
            .filter(|e| e.is_authority)
            .flat_map(|e| {
                let mut v = e.aliases.clone();
                v.insert(0, e.name.clone());
                v
            })
            .collect();
        let mut out = Vec::new();
        for (k, (ei, block)) in victims.iter().enumerate() {
            let mut inc = self.assemble(
                doc,
                &lower,
                &sents,
                &ents,
                *ei,
                block,
                published,
                doc_date,
                &authorities,
                &incident,
                k,
                &mut trace,
            );
            if let Some(board) = boards[k].map(|b| &ents[b]) {
                if !inc.related.iter().any(|r| r.value.name == board.name) {
                    inc.related.push(Field::new(
                        RelatedOrg {
                            name: board.name.clone(),
                            role: RelationRole::Parent,
                        },
                        0.6,
                        "en.related.school_board",
                        None,
                    ));
                }
            }
            if let Some(row) = table_rows
                .iter()
                .find(|r| r.entity == *ei && block.first() == Some(&r.sent))
            {
                table_row_facts(doc, &sents, row, &self.words, &mut inc, &mut trace);
            } else if block
                .first()
                .and_then(|&i| sents.get(i))
                .is_some_and(|s| form_name_label(&lower, s).is_some())
            {
                // A notification form's record (`Entity Name: X` opens it): its labelled
                // lines state its facts.
                if let Some(row) = tables::form_row(text, &sents, *ei, block, &self.words) {
                    table_row_facts(doc, &sents, &row, &self.words, &mut inc, &mut trace);
                }
            }
            // Related: the vendor or contractor its story names as holding its data.
            for (j, m) in relations::processors(&lower, &sents, &ents, *ei, block) {
                let other = &ents[j];
                if inc.related.iter().any(|r| r.value.name == other.name) {
                    continue;
                }
                let sentence = sents
                    .get(m.sent)
                    .map(|s| text[s.start..s.end].replace('\n', " "))
                    .unwrap_or_default();
                inc.related.push(Field::new(
                    RelatedOrg {
                        name: other.name.clone(),
                        role: RelationRole::Processor,
                    },
                    0.6,
                    "en.related.processor",
                    Some(Evidence {
                        doc_id: doc.id.clone(),
                        span: Span::new(m.start, m.end),
                        sentence,
                    }),
                ));
            }
            out.push(inc);
        }
        if shared_event {
            self.share_the_event(&lower, &sents, &victims, &mut out, &mut trace);
        }
        (out, trace)
    }

    /// A client's story that names no cause of its own (`the city said residents' data it
    /// had sent to the contractor may have leaked`) takes the contractor's cause, attacker
    /// and dates of the attack.
    fn share_the_event(
        &self,
        lower: &str,
        sents: &[Sent],
        victims: &[(usize, Vec<usize>)],
        out: &mut [CandidateIncident],
        trace: &mut Vec<TraceNote>,
    ) {
        let Some((lead, rest)) = out.split_first_mut() else {
            return;
        };
        for (inc, (_, block)) in rest.iter_mut().zip(victims.iter().skip(1)) {
            let own_cause = block.iter().any(|&si| {
                sents.get(si).is_some_and(|s| {
                    let t = &lower[s.start..s.end];
                    self.words
                        .causes
                        .find(t)
                        .iter()
                        .any(|h| self.words.causes.entries[h.entry].weight >= 2.0)
                })
            });
            if own_cause {
                continue;
            }
            inc.cause = lead.cause.clone();
            if inc.attacker.is_none() {
                inc.attacker = lead.attacker.clone();
            }
            for kind in [DateKind::Occurred, DateKind::Detected] {
                if let Some(d) = lead.dates.iter().find(|d| d.value.kind == kind) {
                    if inc.date(kind).is_none() {
                        inc.dates.push(d.clone());
                    }
                }
            }
            trace.push(note(
                None,
                "cause",
                format!(
                    "{}: no cause of its own; the event of {} (cause, attacker, dates)",
                    inc.organization.value, lead.organization.value
                ),
            ));
        }
    }

    /// The victims (entity index, block of sentence indices).
    #[allow(clippy::too_many_arguments)]
    fn choose(
        &self,
        text: &str,
        lower: &str,
        sents: &[Sent],
        incident: &[bool],
        ents: &[Entity],
        rows: &[tables::TableRow],
        shared_event: &mut bool,
        trace: &mut Vec<TraceNote>,
    ) -> Vec<(usize, Vec<usize>)> {
        let threshold = self.victims.threshold();
        let eligible = |e: &Entity| !e.is_authority && !e.is_actor && e.score >= threshold;
        for e in ents {
            trace.push(note(
                None,
                "organizations",
                format!(
                    "candidate {} score {:.2} ({})",
                    e.name,
                    e.score,
                    e.features
                        .0
                        .iter()
                        .map(|(n, v)| format!("{n} {v:.1}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        // Whether a sentence states a number of people (read only for paragraph stories).
        let counted = |i: usize| {
            sents
                .get(i)
                .is_some_and(|s| !fields::counts_in(text, s, &self.words).is_empty())
        };
        // A breach-notification form or a listing of them (a state attorney general's page):
        // each `Entity Name: X` field opens the record of X's incident.
        let records = form_records(text, lower, sents, ents);
        if !records.is_empty() {
            trace.push(note(
                None,
                "organizations",
                format!(
                    "{} notification form record(s): {}",
                    records.len(),
                    victim_names(ents, &records)
                ),
            ));
            return records;
        }
        // A table of breaches (a regulator's portal): each row opens its organisation's record.
        if !rows.is_empty() {
            trace.push(note(
                None,
                "organizations",
                format!(
                    "{} table row(s): {}",
                    rows.len(),
                    rows.iter()
                        .map(|r| ents[r.entity].name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
            return tables::records(rows, sents.len());
        }
        // A digest: list items about incidents, each with its own victim.
        let items: Vec<usize> = {
            let mut b: Vec<usize> = sents
                .iter()
                .enumerate()
                .filter(|(i, s)| s.item && incident[*i])
                .map(|(_, s)| s.block)
                .collect();
            b.dedup();
            b
        };
        if items.len() >= 2 {
            let mut out = Vec::new();
            for blk in items {
                let block: Vec<usize> = (0..sents.len())
                    .filter(|&i| sents[i].block == blk)
                    .collect();
                let best = ents
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| {
                        eligible(e) && e.mentions.iter().any(|m| sents[m.sent].block == blk)
                    })
                    .max_by(|a, b| a.1.score.total_cmp(&b.1.score));
                if let Some((ei, _)) = best {
                    if !out.iter().any(|(x, _): &(usize, Vec<usize>)| *x == ei) {
                        out.push((ei, block));
                    }
                }
            }
            if out.len() >= 2 {
                // A digest may mix items with stories under headings (`Acme University` over
                // its paragraph): those outside the items are incidents too.
                let outside_items =
                    |e: &Entity| eligible(e) && !e.mentions.iter().any(|m| sents[m.sent].item);
                if let Some(stories) =
                    story_sections(lower, sents, incident, &counted, ents, &outside_items)
                {
                    for (ei, block) in stories.victims {
                        let in_items = block.iter().any(|&i| sents[i].item);
                        if !in_items && !out.iter().any(|(x, _)| *x == ei) {
                            out.push((ei, block));
                        }
                    }
                    out.sort_by_key(|(_, block)| block.first().copied().unwrap_or(0));
                }
                trace.push(note(
                    None,
                    "organizations",
                    format!(
                        "{} list items about incidents, each with its own victim: {}",
                        out.len(),
                        victim_names(ents, &out)
                    ),
                ));
                return out;
            }
        }
        if let Some(stories) = story_sections(lower, sents, incident, &counted, ents, &eligible) {
            *shared_event = stories.shared_event;
            let out = stories.victims;
            trace.push(note(
                None,
                "organizations",
                format!(
                    "{} stories, each with its own victim named only in it: {}",
                    out.len(),
                    victim_names(ents, &out)
                ),
            ));
            return out;
        }
        let Some((best, _)) = ents
            .iter()
            .enumerate()
            .filter(|(_, e)| eligible(e))
            .max_by(|a, b| a.1.score.total_cmp(&b.1.score))
        else {
            trace.push(note(
                None,
                "organizations",
                "no candidate reaches the victim threshold: no incident".into(),
            ));
            return Vec::new();
        };
        // Several victims fined or hit in one article: each with its own cue.
        let mut chosen = vec![best];
        chosen.extend(other_objects_of_attack(ents, best, &eligible));
        if ents[best].features.get("fined") > 0.0 {
            // The others must look like organisations (a head word such as Council or
            // Association, a legal form, the object of the fine): a capitalised word opening
            // a sentence about the fine (`Housing association fined…`, `Under UK law…`) is not.
            let organisation = |e: &Entity| {
                ["org_head", "legal_form", "victim_prep"]
                    .iter()
                    .any(|f| e.features.get(f) > 0.0)
            };
            for (i, e) in ents.iter().enumerate() {
                if i != best && eligible(e) && e.features.get("fined") > 0.0 && organisation(e) {
                    chosen.push(i);
                }
            }
        }
        if chosen.len() == 1 {
            return recalled_incidents(lower, sents, incident, ents, best, &eligible, trace);
        }
        chosen.sort_by_key(|&i| ents[i].mentions.first().map_or(0, |m| m.sent));
        let firsts: Vec<usize> = chosen
            .iter()
            .map(|&i| ents[i].mentions.first().map_or(0, |m| m.sent))
            .collect();
        chosen
            .iter()
            .enumerate()
            .map(|(k, &ei)| {
                let from = firsts[k];
                let to = firsts.get(k + 1).copied().unwrap_or(sents.len());
                // The sentences naming it anywhere belong to its block too.
                let mut block: Vec<usize> = (from..to.max(from + 1)).collect();
                for m in &ents[ei].mentions {
                    if !block.contains(&m.sent) {
                        block.push(m.sent);
                    }
                }
                block.sort_unstable();
                (ei, block)
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn assemble(
        &self,
        doc: &Document,
        lower: &str,
        sents: &[Sent],
        ents: &[Entity],
        ei: usize,
        block: &[usize],
        published: Option<NaiveDate>,
        doc_date: Option<(NaiveDate, bool)>,
        authorities: &[String],
        incident: &[bool],
        k: usize,
        trace: &mut Vec<TraceNote>,
    ) -> CandidateIncident {
        let text = doc.text.as_str();
        let ev = |a: usize, b: usize| {
            let sentence = sents
                .iter()
                .find(|s| s.start <= a && a <= s.end)
                .map(|s| text[s.start..s.end].replace('\n', " "))
                .unwrap_or_default();
            Some(Evidence {
                doc_id: doc.id.clone(),
                span: Span::new(a, b),
                sentence,
            })
        };
        let e = &ents[ei];
        let first = e.mentions.first();
        let confidence = (1.0 / (1.0 + (-e.score).exp())).clamp(0.05, 0.99);
        let mut inc = CandidateIncident::new(Field::new(
            e.name.clone(),
            confidence,
            if e.features.get("name_line") > 0.0 {
                "en.victim.heading_name"
            } else {
                "en.victim.scored"
            },
            first.and_then(|m| ev(m.start, m.end)),
        ));
        for a in &e.aliases {
            inc.aliases
                .push(Field::new(a.clone(), 0.6, "en.alias.same_entity", None));
        }
        trace.push(note(
            Some(k),
            "organization",
            format!("{} (score {:.2})", e.name, e.score),
        ));
        let victim_sents: Vec<usize> = e.mentions.iter().map(|m| m.sent).collect();
        // Related: a parent named as `subsidiary of X`.
        for (j, other) in ents.iter().enumerate() {
            if j != ei && other.parent_of {
                inc.related.push(Field::new(
                    RelatedOrg {
                        name: other.name.clone(),
                        role: RelationRole::Parent,
                    },
                    0.6,
                    "en.related.parent",
                    other.mentions.first().and_then(|m| ev(m.start, m.end)),
                ));
            }
        }
        let evidence = fields::cause_evidence(lower, sents, block, &victim_sents, &self.words);
        let attacker = fields::attacker(text, sents, block, &self.words);
        let mut cause = fields::cause(&evidence, self.cause_model.as_ref());
        // An attack an extortion group is named for is ransomware, however it is worded.
        if let Some(c) = cause.as_mut() {
            if c.cause == Cause::UnauthorizedAccess
                && attacker.as_ref().is_some_and(|a| a.extortion)
            {
                c.cause = Cause::Ransomware;
            }
        }
        if let Some(c) = &cause {
            trace.push(note(
                Some(k),
                "cause",
                format!(
                    "{} (group {} p={:.2}; {})",
                    c.cause.as_str(),
                    fields::group(c.cause),
                    c.probability,
                    c.scores
                        .iter()
                        .map(|(c, w)| format!("{} {w:.1}", c.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
            inc.cause = Some(Field::new(
                c.cause,
                0.7,
                "en.cause.cue_groups",
                ev(c.start, c.end),
            ));
        }
        let counts: Vec<fields::CountChoice> = block
            .iter()
            .filter(|&&i| i < sents.len())
            .filter(|&&i| {
                incident.get(i).copied().unwrap_or(false) || {
                    let s = sents[i];
                    let t = &lower[s.start..s.end];
                    self.words.leak.iter().any(|w| t.contains(w))
                        || self.words.count_context.iter().any(|w| t.contains(w))
                        || s.title
                }
            })
            .map(|&i| &sents[i])
            .flat_map(|s| fields::counts_in(text, s, &self.words))
            .collect();
        if let Some(c) = fields::count(&counts) {
            inc.affected = Some(Field::new(
                AffectedCount {
                    value: c.value,
                    qualifier: c.qualifier,
                    unit: c.unit.clone(),
                },
                0.7,
                "en.count.number_unit",
                ev(c.start, c.end),
            ));
        }
        let types = fields::data_types(lower, sents, block, &self.words);
        for (dt, a, b) in &types {
            inc.data_types
                .push(Field::new(*dt, 0.6, "en.datatype.phrase", ev(*a, *b)));
        }
        let tvals: Vec<DataType> = types.iter().map(|t| t.0).collect();
        if fields::card(lower, sents, block, &tvals) {
            inc.card_data = Some(Field::new(true, 0.7, "en.card.words", None));
        }
        let confirmed = fields::confirmed(lower, sents, block, cause.as_ref().map(|c| c.cause));
        inc.confirmed = Some(Field::new(confirmed, 0.6, "en.confirmed.hedges", None));
        if let Some(fields::Attacker {
            name,
            start: a,
            end: b,
            ..
        }) = attacker
        {
            inc.attacker = Some(Field::new(
                name.clone(),
                0.7,
                "en.attacker.lexicon",
                ev(a, b),
            ));
            inc.related.push(Field::new(
                RelatedOrg {
                    name,
                    role: RelationRole::Attacker,
                },
                0.7,
                "en.related.attacker",
                ev(a, b),
            ));
            if inc
                .cause
                .as_ref()
                .is_none_or(|c| fields::group(c.value) != "hack")
            {
                inc.cause = Some(Field::new(
                    Cause::Ransomware,
                    0.6,
                    "en.cause.named_group",
                    ev(a, b),
                ));
            }
        }
        if let Some((v, a, b)) = fields::data_volume(text, sents, block) {
            inc.data_volume = Some(Field::new(v, 0.6, "en.volume", ev(a, b)));
        }
        if let Some((v, a, b)) = fields::regulator_action(text, sents, block, authorities) {
            inc.regulator_action = Some(Field::new(v, 0.5, "en.regulator.action", ev(a, b)));
        }
        self.dates(
            text, lower, sents, block, published, doc_date, &mut inc, &ev,
        );
        inc
    }

    #[allow(clippy::too_many_arguments)]
    fn dates(
        &self,
        text: &str,
        lower: &str,
        sents: &[Sent],
        block: &[usize],
        published: Option<NaiveDate>,
        doc_date: Option<(NaiveDate, bool)>,
        inc: &mut CandidateIncident,
        ev: &dyn Fn(usize, usize) -> Option<Evidence>,
    ) {
        let ms = dates::mentions(text);
        let sentence_end = |p: usize| {
            sents
                .iter()
                .find(|s| s.start <= p && p <= s.end)
                .map_or(text.len(), |s| s.end)
        };
        let mut resolved = dates::resolve(text, &ms, published, sentence_end);
        let anchored = dates::anchored(lower, &resolved);
        for (a, b, d) in dates::relative(lower, published)
            .into_iter()
            .chain(anchored)
        {
            resolved.push(dates::Resolved {
                start: a,
                end: b,
                date: d,
            });
        }
        resolved.sort_by_key(|r| r.start);
        for r in resolved {
            let Some(si) = sents
                .iter()
                .position(|s| s.start <= r.start && r.start < s.end)
            else {
                continue;
            };
            if !block.contains(&si) {
                continue;
            }
            let s = sents[si];
            let sl = &lower[s.start..s.end];
            // Court and regulator proceedings are not events of the incident (a court's
            // records system hit by ransomware is no proceeding).
            let proceeding = ["sentenc", "hearing", "pleaded", "fined", "penalty"]
                .iter()
                .any(|w| sl.contains(w))
                || sl
                    .match_indices("court")
                    .any(|(i, _)| !sl[i..].starts_with("court record"));
            if fields::advice(sl) || proceeding {
                continue;
            }
            // A dateline opening a release is its disclosure; a date-only line is the
            // document's date (published), not an event.
            let line_only = dates::is_date_only(text[s.start..s.end].trim())
                || (r.start < 600 && dates::is_byline(text[s.start..s.end].trim()));
            // A date in parentheses closing a digest's entry (`… recovered 150 of the
            // letters. (June 16, 2025)`) is the day the entry's organisation announced it.
            let closes_entry = text[..r.start].trim_end().ends_with('(')
                && text[r.end..].strip_prefix(')').is_some_and(|rest| {
                    rest.trim_start_matches([' ', '\t']).starts_with('\n') || rest.trim().is_empty()
                });
            // A date alone on the last line of one story of several (a newsletter's entry
            // closing with the day it was made public) is that day too.
            let closes_story = dates::is_date_only(text[s.start..s.end].trim())
                && block.len() < sents.len()
                && block.first().is_some_and(|&f| f > 0 && f < si)
                && !block.contains(&(si + 1));
            let kind = if closes_entry
                || closes_story
                || doc_date.is_some_and(|(d, dl)| dl && d == r.date) && r.start < 400
            {
                Some(DateKind::Disclosed)
            } else if line_only {
                None
            } else {
                dates::kind_of(sl, r.start - s.start, r.end - s.start)
            };
            if let Some(k) = kind {
                if published.is_some_and(|p| r.date > p) {
                    continue;
                }
                // The first announcement is the disclosure, wherever the story tells it
                // (`said Monday that letters went out` before `first disclosed … on Aug. 15`):
                // an earlier day said to be the first replaces a later one.
                let said_first = [
                    "first disclosed",
                    "first announced",
                    "first reported",
                    "first public",
                    "first posted",
                    "first notified",
                    "initially disclosed",
                    "initially announced",
                    "initial notice",
                    "initial announcement",
                ]
                .iter()
                .any(|w| sl.contains(w));
                if k == DateKind::Disclosed && said_first && inc.date(k).is_some_and(|d| r.date < d)
                {
                    inc.dates.retain(|d| d.value.kind != k);
                }
                if inc.date(k).is_none() {
                    inc.dates.push(Field::new(
                        DatedEvent {
                            kind: k,
                            date: r.date,
                        },
                        0.6,
                        format!("en.date.{}", k.as_str()),
                        ev(r.start, r.end),
                    ));
                }
            }
        }
    }
}

/// A test of a whole (lower-cased) document.
type DocumentTest = fn(&str) -> bool;

impl EnglishExtractor {
    /// The cause-group features of a whole document (training: one PRC description or
    /// notice per example).
    pub fn cause_features(&self, text: &str) -> crate::learn::linear::Features {
        let lower = text.to_ascii_lowercase();
        let sents = text::sentences(text);
        let block: Vec<usize> = (0..sents.len()).collect();
        fields::cause_evidence(&lower, &sents, &block, &[], &self.words).features
    }
}

#[cfg(test)]
mod tests;
