//! Owns who the victims of an English document are: **candidates** (runs of capitalised words
//! — `Atrium Health`, `HM Revenue & Customs`, `Women's Health Enterprise, Inc.` — and a
//! heading line that is only a name above a dateline), grouped into entities (the same name,
//! a short form `Thales` of `Thales Group`, an acronym `CSV` of `Court Services Victoria`);
//! **features** of each entity (its position: subject of `said`/`disclosed`, object of
//! `breach at`/`attack on`, owner of `X's systems`, fined by a regulator; its kind: legal form,
//! organisation head word, authority, person, place, threat actor); and the **score**, a
//! weighted sum whose weights are a data file (`data/en/victim_weights.txt`).

use super::text::{tokens, Sent, Token};
use super::words::Words;
use crate::learn::linear::Features;
use std::collections::HashMap;

const WEIGHTS: &str = include_str!("../../data/en/victim_weights.txt");

/// Words that join capitalised words inside a name.
const CONNECTORS: &[&str] = &["of", "and", "for", "the", "de", "du", "la", "&"];

/// Nouns of a kind of organisation that describe the name right after them (`Norwegian
/// grocery chain Fjellmat`, `the regional insurer X`).
const KIND_NOUNS: &[&str] = &[
    "chain",
    "retailer",
    "company",
    "firm",
    "maker",
    "manufacturer",
    "operator",
    "provider",
    "insurer",
    "bank",
    "lender",
    "carrier",
    "brand",
    "group",
    "giant",
    "supplier",
    "distributor",
    "hospital",
    "clinic",
    "university",
    "college",
    "school",
    "charity",
    "council",
    "agency",
    "utility",
    "startup",
    "publisher",
    "broadcaster",
    "developer",
    "vendor",
    "platform",
];

/// A lead-in that only describes the name after it: at most five words, all lower case but a
/// first word (a nationality or place: `Norwegian`, `Ohio-based`), ending in a kind of
/// organisation.
fn described_lead(lead_in: &str) -> bool {
    let words: Vec<&str> = lead_in.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && words.last().is_some_and(|w| KIND_NOUNS.contains(w))
        && words
            .iter()
            .skip(1)
            .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
}

/// Verbs after a subject that reports or suffers the incident.
const SUBJECT_VERBS: &[&str] = &[
    "said",
    "says",
    "announced",
    "announces",
    "disclosed",
    "discloses",
    "reported",
    "reports",
    "revealed",
    "confirmed",
    "confirms",
    "notified",
    "notifies",
    "is",
    "was",
    "has",
    "had",
    "have",
    "discovered",
    "learned",
    "admitted",
    "suffered",
    "fell",
    "lost",
    "sent",
    "mailed",
    "posted",
    "published",
    "began",
    "warned",
    "warns",
    "informed",
    "informs",
    "apologized",
    "apologised",
    "became",
    "detected",
    "experienced",
    "recently",
    "accidentally",
    "inadvertently",
    "mistakenly",
    "gets",
    "got",
    "will",
    "issued",
    "launched",
    "started",
    "determined",
    "identified",
    "found",
    "believes",
    "stated",
    "states",
    // what an organisation did that exposed data (`X, an online marketplace …, left a database
    // open`)
    "left",
    "exposed",
    "leaked",
    "emailed",
    "failed",
    "allowed",
    "acknowledged",
    "agreed",
    "paid",
    "faces",
    "faced",
    "must",
    "employee",
    "employees",
    "staff",
    "officials",
    "said,",
    "hereby",
    "today",
    "also",
    "on",
    "last",
    "this",
    "yesterday",
    "suffered",
    "sustained",
    "fell",
];

/// Words before a name that make it the target of the incident.
const VICTIM_BEFORE: &[&str] = &[
    "breach at",
    "attack on",
    "attack against",
    "attacks on",
    "hit",
    "hits",
    "targeted",
    "breached",
    "hacked",
    "compromised",
    "infiltrated",
    "victim",
    "at",
    "against",
    "fined",
    "fines",
    "slaps",
    "penalised",
    "penalized",
    "sued",
    "sues",
    "suing",
    "hacking of",
    "breach of",
    "customers of",
    "patients of",
    "employees of",
    "members of",
    "users of",
    "students of",
    // what an organisation owns, told with `of` (`the website of X`, `an employee of X`)
    "employee of",
    "website of",
    "network of",
    "networks of",
    "systems of",
    "system of",
    "servers of",
    "server of",
    "database of",
    "databases of",
    "records of",
    "accounts of",
    "released",
    "leaked",
    "stolen from",
    "lost by",
    "misplaced by",
    "exposed by",
    "leaked by",
    "released by",
    "published by",
    "mailed by",
    "sent by",
    "posted by",
    "from",
];

/// Nouns after `X's` that make X the owner of what was hit.
const OWNED: &[&str] = &[
    "customers",
    "customer",
    "systems",
    "system",
    "network",
    "networks",
    "servers",
    "server",
    "website",
    "web",
    "site",
    "database",
    "databases",
    "employees",
    "employee",
    "patients",
    "patient",
    "students",
    "members",
    "users",
    "accounts",
    "data",
    "computer",
    "computers",
    "email",
    "e-mail",
    "online",
    "records",
    "staff",
    "files",
    "information",
    "it",
    "store",
    "payment",
    "checkout",
    "app",
    "platform",
    "pension",
    "offices",
    "office",
];

/// Title words before a person's name.
const PERSON_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "secretary",
    "chairman",
    "chair",
    "commissioner",
    "chancellor",
    "senator",
    "president",
    "director",
    "ceo",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "minister",
    "governor",
    "mayor",
    "judge",
    "attorney",
    "officer",
    "manager",
    "founder",
    "researcher",
    "analyst",
    "by",
    "affiliate",
    "sheriff",
    "detective",
    "lt",
    "sgt",
    "partner",
    "owner",
    "principal",
    "superintendent",
    "administrator",
    "chief",
    "counsel",
    "professor",
];

/// One mention of a name.
#[derive(Debug, Clone)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub sent: usize,
    pub tokens: usize,
    possessive: bool,
    name_line: bool,
}

/// An organisation named in the document, with its mentions and score.
#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
    pub features: Features,
    pub score: f32,
    pub is_authority: bool,
    pub is_actor: bool,
    pub parent_of: bool,
}

/// The weights of the victim score.
pub struct VictimModel {
    weights: HashMap<String, f32>,
}

impl VictimModel {
    pub fn new() -> VictimModel {
        let weights = WEIGHTS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut it = l.split('\t');
                Some((it.next()?.to_string(), it.next()?.trim().parse().ok()?))
            })
            .collect();
        VictimModel { weights }
    }

    pub fn weight(&self, name: &str) -> f32 {
        self.weights.get(name).copied().unwrap_or(0.0)
    }

    pub fn score(&self, f: &Features) -> f32 {
        self.weight("bias") + f.0.iter().map(|(n, v)| self.weight(n) * v).sum::<f32>()
    }

    pub fn threshold(&self) -> f32 {
        self.weight("threshold")
    }
}

impl Default for VictimModel {
    fn default() -> Self {
        VictimModel::new()
    }
}

fn is_cap(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_ascii_digit() => word.chars().any(|c| c.is_uppercase()),
        _ => false,
    }
}

fn strip_possessive(word: &str) -> (&str, bool) {
    for p in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(w) = word.strip_suffix(p) {
            if !w.is_empty() {
                return (w, true);
            }
        }
    }
    (word, false)
}

fn all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// The name key used to group mentions: lower case, legal forms and punctuation removed.
/// Words right before the name of a party a regulator sanctions short of a fine (`issued a
/// reprimand to X`): like a fine, the sanction makes X an incident's victim.
const SANCTIONED_BEFORE: &[&str] = &[
    "reprimand to",
    "reprimanded",
    "enforcement notice to",
    "enforcement notice on",
    "warning to",
];

/// Whether a capitalised word is never a name by itself: a listed word, or where a party is
/// based (`Boise-based`).
fn no_name_word(w: &str, words: &Words) -> bool {
    words.not_names.contains(w) || w.ends_with("-based")
}

pub fn key(name: &str, words: &Words) -> String {
    name.split_whitespace()
        .filter(|w| !words.legal_forms.contains(w.trim_end_matches(',')))
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether the first non-empty line is only a name above a dateline: a short line of
/// capitalised words (or one word) without sentence punctuation, followed by a line that is
/// a date.
fn name_line(text: &str) -> Option<(usize, usize)> {
    let mut lines = text
        .split('\n')
        .scan(0usize, |pos, l| {
            let start = *pos;
            *pos += l.len() + 1;
            Some((start, l))
        })
        .filter(|(_, l)| !l.trim().is_empty());
    let (a, first) = lines.next()?;
    let (_, second) = lines.next()?;
    let second = second.trim();
    let dateline = second.len() <= 40
        && second.chars().any(|c| c.is_ascii_digit())
        && super::dates::is_date_only(second);
    let t = first.trim();
    let core = &t[..t.find(" (").unwrap_or(t.len())];
    let words: Vec<&str> = core.split_whitespace().collect();
    let namelike = !t.is_empty()
        && t.len() <= 80
        && words.len() <= 8
        && !t.ends_with(['.', '!', '?', ':'])
        && (words.len() == 1
            || words
                .iter()
                .all(|w| is_cap(w) || CONNECTORS.contains(w) || w.starts_with('(')));
    if !(dateline && namelike) {
        return None;
    }
    let lead = first.len() - first.trim_start().len();
    // A trailing parenthesis (`Zoosk (2011)`) is no part of the name.
    let end = t.find(" (").unwrap_or(t.len());
    Some((a + lead, a + lead + end))
}

/// Finds the name mentions of the document.
pub fn mentions(text: &str, sents: &[Sent], words: &Words) -> Vec<Mention> {
    let mut out = Vec::new();
    let line = name_line(text);
    if let Some((a, b)) = line {
        out.push(Mention {
            start: a,
            end: b,
            name: text[a..b].trim().trim_end_matches(',').to_string(),
            sent: 0,
            tokens: text[a..b].split_whitespace().count(),
            possessive: false,
            name_line: true,
        });
    }
    for (si, s) in sents.iter().enumerate() {
        let toks = tokens(text, s.start, s.end);
        // A headline in Title Case: its long runs are phrases, not names.
        let heading = s.title
            || (s.start < 600
                && !text[s.start..s.end].ends_with(['.', '!', '?', '"', '\u{201d}'])
                && !text[s.start..s.end].contains('\n'));
        let title_case = heading && toks.len() >= 4 && {
            let caps = toks
                .iter()
                .filter(|t| is_cap(&text[t.start..t.end]))
                .count();
            caps * 10 >= toks.len() * 7
        };
        let mut i = 0;
        while i < toks.len() {
            let w = &text[toks[i].start..toks[i].end];
            if !is_cap(w) {
                i += 1;
                continue;
            }
            // Extend the run.
            let mut run: Vec<Token> = vec![toks[i]];
            let mut possessive = strip_possessive(w).1;
            let mut j = i + 1;
            while j < toks.len() {
                let prev = run[run.len() - 1];
                let gap = &text[prev.end..toks[j].start];
                let tw = &text[toks[j].start..toks[j].end];
                let legal = words.legal_forms.contains(tw);
                // A tab separates a table's cells, never the words of one name.
                let gap_ok = gap.chars().all(char::is_whitespace)
                    && !gap.contains("\n\n")
                    && !gap.contains('\t')
                    || (legal && (gap == ", " || gap == ","));
                if !gap_ok {
                    break;
                }
                if possessive {
                    // `Women's Health Enterprise`: a possessive inside a name only after one
                    // plain word, or a saint's name (`Saint Brigid's Community Hospital`).
                    let first = &text[run[0].start..run[0].end];
                    let saint = run.len() == 2 && ["Saint", "St.", "St"].contains(&first);
                    let base = strip_possessive(&text[run[run.len() - 1].start..prev.end]).0;
                    if (run.len() > 1 && !saint)
                        || all_caps(base)
                        || words.places.contains(base)
                        || !is_cap(tw)
                    {
                        break;
                    }
                }
                if is_cap(tw) || (CONNECTORS.contains(&tw) && j + 1 < toks.len()) {
                    run.push(toks[j]);
                    possessive = strip_possessive(tw).1;
                    j += 1;
                } else {
                    break;
                }
            }
            // Trailing connectors are no part of the name.
            while run.len() > 1
                && CONNECTORS.contains(&&text[run[run.len() - 1].start..run[run.len() - 1].end])
            {
                run.pop();
            }
            // Leading words that are no names (`The`, `According`, `Swedish`), unless the run
            // opens with an authority's name (`Personal Information Protection Commission`).
            let untrimmed = text[run[0].start..run[run.len() - 1].end].replace('\n', " ");
            let authority_led = words
                .authorities
                .iter()
                .any(|a| a.contains(' ') && untrimmed.starts_with(a.as_str()));
            let mut k = 0;
            while k < run.len() && !authority_led {
                let w = strip_possessive(&text[run[k].start..run[k].end]).0;
                let rest_is_name = k + 1 < run.len();
                if no_name_word(w, words)
                    || (rest_is_name
                        && words.places.contains(w)
                        && text[run[k].start..run[k].end].ends_with('s')
                        && strip_possessive(&text[run[k].start..run[k].end]).1)
                    || CONNECTORS.contains(&w)
                {
                    k += 1;
                } else {
                    break;
                }
            }
            // `the FBI and Veterans Affairs Department said`: an authority joined by `and` to
            // the name after it is a second party, not part of the name.
            if let Some(and) = (k + 1..run.len().saturating_sub(1))
                .find(|&x| &text[run[x].start..run[x].end] == "and")
            {
                let head = &text[run[k].start..run[and - 1].end];
                if words.authorities.contains(head) {
                    k = and + 1;
                }
            }
            let run = &run[k..];
            j = j.max(i + 1);
            if run.is_empty() {
                i = j;
                continue;
            }
            let start = run[0].start;
            let last = run[run.len() - 1];
            let (last_word, poss) = strip_possessive(&text[last.start..last.end]);
            let end = last.start + last_word.len();
            let name = text[start..end].replace('\n', " ");
            let all_stop = words.not_names.contains(name.as_str())
                || name
                    .split_whitespace()
                    .all(|w| no_name_word(w, words) || CONNECTORS.contains(&w));
            let place = words.places.contains(name.as_str())
                || city_of_a_state(text, end, &name, words)
                || places_joined(&name, words)
                || located_region(text, start, &name)
                || place_in_use(text, start, end, &name);
            // `Electronic Communications Regulations`, `Data Protection Act`: a law, not a body;
            // nor is a publication.
            let law = name.split_whitespace().count() >= 2
                && name.split_whitespace().last().is_some_and(|w| {
                    [
                        "Act",
                        "Acts",
                        "Regulation",
                        "Regulations",
                        "Directive",
                        "Rule",
                        "Rules",
                        "Law",
                        "Laws",
                        "Bill",
                        "Guidance",
                        "Guidelines",
                        "Code",
                        // a publication (`Data Breach Trends Report`)
                        "Report",
                        "Survey",
                        "Study",
                        "Roundup",
                        "Digest",
                        "Newsletter",
                        "Bulletin",
                        "Recap",
                    ]
                    .contains(&w)
                });
            let headline_phrase = title_case
                && run.len() >= 4
                && !run.iter().any(|t| {
                    let w = &text[t.start..t.end];
                    words.heads.contains(w) || words.legal_forms.contains(w)
                });
            // `Failing to notify…`, `Using the portal…`: a verb opening the sentence.
            let gerund_opening = run.len() == 1
                && i == 0
                && name.ends_with("ing")
                && [" to ", " a ", " an ", " the ", " your ", " their ", " its "]
                    .iter()
                    .any(|w| text[end..].starts_with(w));
            // `Healthcare reported the most breaches`, `University of …` cut short: a head
            // word alone names a kind of organisation, not one.
            let head_alone = run.len() == 1 && words.heads.contains(name.as_str());
            if !all_stop
                && !place
                && !law
                && !headline_phrase
                && !gerund_opening
                && !head_alone
                && name.chars().any(char::is_alphabetic)
            {
                out.push(Mention {
                    start,
                    end,
                    name,
                    sent: si,
                    tokens: run.len(),
                    possessive: poss,
                    name_line: line.is_some_and(|(a, b)| start >= a && end <= b),
                });
            }
            i = j;
        }
    }
    out
}

/// Whether `name` at `start` is a region that locates something (`the city government in
/// Nagano Prefecture said`, `a plant in Guangdong Province`): after `in`, a prefecture or a
/// province is a place; the prefecture's own government is written otherwise
/// (`Nagano Prefecture said`, `the Nagano Prefectural Government`).
fn located_region(text: &str, start: usize, name: &str) -> bool {
    let regional = ["Prefecture", "Province", "Oblast"]
        .iter()
        .any(|w| name.ends_with(w) && name.len() > w.len());
    regional && text[..start].trim_end().ends_with(" in")
}

/// Whether the one-word `name` ending at `end` is a city followed by its state
/// (`Raleigh, N.C.,`, `Austin, Texas,`): a place, not a body. Legal forms (`Acme, Inc.`) are
/// no states.
/// Whether a one-word name is used as a place: before the police of it or its residents
/// (`Millbrook police`), or as where someone lives (`34, of Millbrook,`).
fn place_in_use(text: &str, start: usize, end: usize, name: &str) -> bool {
    if name.contains(' ') {
        return false;
    }
    let after = text.get(end..).unwrap_or("");
    let before = text.get(..start).unwrap_or("");
    [" police", " officers", " residents", " resident"]
        .iter()
        .any(|w| after.starts_with(w))
        || before.ends_with(", of ")
}

fn city_of_a_state(text: &str, end: usize, name: &str, words: &Words) -> bool {
    if name.contains(' ') {
        return false;
    }
    let Some(after) = text.get(end..).and_then(|a| a.strip_prefix(", ")) else {
        return false;
    };
    let Some(comma) = after
        .char_indices()
        .take(24)
        .find(|&(_, c)| c == ',')
        .map(|(i, _)| i)
    else {
        return false;
    };
    let state = &after[..comma];
    if words.legal_forms.contains(state) || words.legal_forms.contains(state.trim_end_matches('.'))
    {
        return false;
    }
    // `N.C.`, `Calif.`, `Mass.`: an abbreviation of one to five letters with dots.
    let abbreviation = state.ends_with('.')
        && state.len() <= 8
        && state.starts_with(|c: char| c.is_ascii_uppercase())
        && state.chars().all(|c| c.is_ascii_alphabetic() || c == '.');
    abbreviation || words.places.contains(state)
}

/// Words that name a service provider (`vendor`, `provider`, `contractor`…).
fn is_vendor_word(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.', ';']);
    [
        "vendor",
        "vendors",
        "provider",
        "contractor",
        "subcontractor",
        "supplier",
        "processor",
    ]
    .contains(&w)
}

/// Whether a run is places joined by `and`/`or` (`the United States and the United Kingdom`).
fn places_joined(name: &str, words: &Words) -> bool {
    if !name.contains(" and ") && !name.contains(" or ") {
        return false;
    }
    let parts: Vec<&str> = name
        .split(" and ")
        .flat_map(|p| p.split(" or "))
        .map(|p| p.trim().trim_start_matches("the ").trim())
        .collect();
    parts.len() >= 2 && parts.iter().all(|p| words.places.contains(*p))
}

/// Whether an appositive (`a vendor that hosts…`, `the payroll provider`) names a service
/// provider within its first words; a provider of care (`a mental health provider`) is one
/// that treats patients, not a vendor.
fn names_a_vendor(appositive: &str) -> bool {
    let w: Vec<&str> = appositive.split_whitespace().take(5).collect();
    (1..w.len()).any(|i| {
        is_vendor_word(w[i])
            && !(w[i].starts_with("provider")
                && [
                    "health",
                    "healthcare",
                    "care",
                    "medical",
                    "dental",
                    "hospice",
                ]
                .contains(&w[i - 1].to_ascii_lowercase().as_str()))
    })
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| !CONNECTORS.contains(w))
        .map(|w| {
            if all_caps(w) {
                w.chars().filter(|c| c.is_alphabetic()).collect::<String>()
            } else {
                w.chars().take(1).collect()
            }
        })
        .collect()
}

/// The entity a field or a cell at bytes `a..b` names (`Entity Name: X`, a table's
/// organisation cell): the one whose mention opens first in it (the longer at a tie), else the
/// one whose name `value` is.
pub fn named_in(ents: &[Entity], a: usize, b: usize, value: &str) -> Option<usize> {
    ents.iter()
        .enumerate()
        .filter_map(|(ei, e)| {
            e.mentions
                .iter()
                .filter(|m| m.start >= a && m.end <= b)
                .map(|m| (m.start, std::cmp::Reverse(m.end), ei))
                .min()
        })
        .min()
        .map(|(_, _, ei)| ei)
        .or_else(|| ents.iter().position(|e| e.name.eq_ignore_ascii_case(value)))
}

/// Titles that open a judge's name: a court, never a victim.
const JUDGE_TITLES: &[&str] = &[
    "Judge ",
    "District Judge ",
    "Magistrate Judge ",
    "Chief Judge ",
    "Circuit Judge ",
    "Bankruptcy Judge ",
];

/// Groups mentions into entities (same key; a one-word short form of a longer name; an
/// acronym of one).
pub fn entities(mentions: Vec<Mention>, words: &Words) -> Vec<Entity> {
    let mut ents: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    // Longer names first, so short forms find them.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (usize::MAX - mentions[i].tokens, mentions[i].start));
    for i in order {
        let m = &mentions[i];
        let k = key(&m.name, words);
        if k.is_empty() {
            continue;
        }
        // A one-word short form of a longer name: the first word of one longer name, or of
        // the one organisation among several (`Minamikura` of `Minamikura City Government`,
        // not of `Minamikura Kogen Marathon`); of several organisations it is a place.
        let opens = |e: &Entity| {
            let first = e.name.split_whitespace().next().unwrap_or("");
            m.tokens == 1
                && e.name.split_whitespace().count() > 1
                && strip_possessive(first).0 == m.name
                && !words.heads.contains(&m.name)
                && !words.leads.contains(&m.name)
        };
        let organisation = |e: &Entity| {
            e.name
                .split_whitespace()
                .last()
                .is_some_and(|w| words.heads.contains(w) || words.legal_forms.contains(w))
        };
        // A longer short form: the opening words of one organisation's name (`Corbin & Vale`
        // of `Corbin & Vale Hospitality Group`).
        let opens_words = |e: &Entity| {
            m.tokens >= 2
                && e.name
                    .strip_prefix(m.name.as_str())
                    .is_some_and(|rest| rest.starts_with(' '))
                && organisation(e)
        };
        let opened_words: Vec<usize> = (0..ents.len()).filter(|&t| opens_words(&ents[t])).collect();
        let opened: Vec<usize> = (0..ents.len()).filter(|&t| opens(&ents[t])).collect();
        let short_of = match opened.as_slice() {
            [] if opened_words.len() == 1 => Some(opened_words[0]),
            [one] => Some(*one),
            several => {
                let orgs: Vec<usize> = several
                    .iter()
                    .copied()
                    .filter(|&t| organisation(&ents[t]))
                    .collect();
                (orgs.len() == 1).then(|| orgs[0])
            }
        };
        let target = by_key.get(&k).copied().or_else(|| {
            ents.iter().enumerate().position(|(t, e)| {
                let short = short_of == Some(t);
                let acronym = all_caps(&m.name) && m.name.len() >= 2 && {
                    let ini = initials(&e.name);
                    ini.len() > m.name.len() - 1
                        && (ini == m.name
                            || (ini.starts_with(&m.name) && ini.len() == m.name.len() + 1))
                };
                let words_e: Vec<&str> = e.name.split_whitespace().collect();
                let surname = m.tokens == 1
                    && (2..=3).contains(&words_e.len())
                    && words_e.last() == Some(&m.name.as_str())
                    && words_e.iter().all(|w| is_cap(w) && !all_caps(w))
                    && !words.heads.contains(&m.name)
                    && !words.legal_forms.contains(&m.name);
                short || acronym || surname
            })
        });
        match target {
            Some(t) => {
                if ents[t].name != m.name && !ents[t].aliases.contains(&m.name) {
                    ents[t].aliases.push(m.name.clone());
                }
                ents[t].mentions.push(m.clone());
                by_key.insert(k, t);
            }
            None => {
                by_key.insert(k, ents.len());
                ents.push(Entity {
                    name: m.name.clone(),
                    aliases: Vec::new(),
                    mentions: vec![m.clone()],
                    features: Features::new(),
                    score: 0.0,
                    is_authority: false,
                    is_actor: false,
                    parent_of: false,
                });
            }
        }
    }
    for e in &mut ents {
        e.mentions.sort_by_key(|m| m.start);
    }
    ents
}

fn words_before(text: &str, at: usize, n: usize) -> String {
    let head = &text[..at];
    let from = head
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(n)
        .map_or(0, |(i, _)| i);
    head[from..].trim().to_ascii_lowercase()
}

/// Whether the name at `at` is introduced as its owner's subsidiary (`its subsidiary X`,
/// `at its travel agency subsidiary, X`, `its UK unit, X`): a few words after `its`.
pub(super) fn introduced_as_subsidiary_at(text: &str, at: usize) -> bool {
    let before = words_before(text, at, 5);
    let before = before.trim_end_matches(',').trim_end();
    ["subsidiary", "unit", "affiliate"]
        .iter()
        .any(|w| before.ends_with(w))
        && before.rsplit_once("its ").is_some_and(|(head, rest)| {
            (head.is_empty() || head.ends_with(' ')) && rest.split_whitespace().count() <= 4
        })
}

/// What opens a sentence after a news story's dateline (`HARLOW CREEK, Ore. — The`): the
/// place written in capitals, an optional state, and a dash stand before the story's first
/// words.
pub(super) fn after_news_dateline(lead_in: &str) -> &str {
    let Some((place, rest)) = lead_in
        .split_once(" — ")
        .or_else(|| lead_in.split_once(" – "))
        .or_else(|| lead_in.split_once(" -- "))
    else {
        return lead_in;
    };
    let city = place.split(',').next().unwrap_or("");
    let capitals = city.chars().any(|c| c.is_ascii_uppercase())
        && !city.chars().any(|c| c.is_lowercase())
        && place.chars().count() <= 40;
    if capitals {
        rest.trim()
    } else {
        lead_in
    }
}

/// Whether a name is a page's section heading in capitals (`SCAM ALERTS`, `WHAT FAMILIES CAN
/// DO`): two or more words, every letter upper case, each word of three letters or more or a
/// short word of a sentence (an organisation's `OF`, `&` keep it a name).
fn capitals_heading(name: &str) -> bool {
    const SENTENCE_WORDS: &[&str] = &[
        "DO", "IS", "IT", "WE", "TO", "IN", "ON", "BE", "IF", "MY", "NO", "SO", "UP",
    ];
    name.split_whitespace().count() >= 2
        && name.split_whitespace().all(|w| {
            w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 3
                || SENTENCE_WORDS.contains(&w)
        })
        && !name.chars().any(|c| c.is_ascii_lowercase())
}

fn next_word(text: &str, at: usize) -> String {
    let mut rest = text[at..].trim_start_matches([' ', ',', '\n']);
    // A parenthesis after a name (`X (the "Company") announces`) is skipped.
    if rest.starts_with('(') {
        if let Some(i) = rest.find(')') {
            rest = rest[i + 1..].trim_start_matches([' ', ',', '\n']);
        }
    }
    rest.split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Computes every entity's features and score. `incident` marks sentences with a cause cue.
pub fn score(
    text: &str,
    sents: &[Sent],
    incident: &[bool],
    ents: &mut [Entity],
    words: &Words,
    model: &VictimModel,
) {
    // `the District`, `the Company`: how often the text refers back to an organisation by its
    // head word, counted once per document; it credits the one entity whose name ends so.
    let mut head_refs: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, _) in text.match_indices("the ").chain(text.match_indices("The ")) {
        let rest = &text[i + 4..];
        let word = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if let Some(head) = words.heads.get(word) {
            *head_refs.entry(head.as_str()).or_default() += 1;
        }
    }
    // A scraped page's headline under its masthead counts as its title.
    let headline = super::text::headline_sentence(text, sents);
    let mut head_owners: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for e in ents.iter() {
        let words_n = e.name.split_whitespace().count();
        if let Some(last) = e.name.split_whitespace().last().filter(|_| words_n > 1) {
            *head_owners.entry(last.to_string()).or_default() += 1;
        }
    }
    // Sentences that introduce a named subsidiary (`an email account at its travel agency
    // subsidiary, Hanazono Travel Service Co.`): its owner, the sentence's subject, is its
    // parent.
    let subsidiary_sents: Vec<usize> = ents
        .iter()
        .flat_map(|e| e.mentions.iter())
        .filter(|m| introduced_as_subsidiary_at(text, m.start))
        .map(|m| m.sent)
        .collect();
    for e in ents.iter_mut() {
        let mut f = Features::new();
        let name_words: Vec<&str> = e.name.split_whitespace().collect();
        let last = name_words.last().map_or("", |w| w.trim_end_matches(','));
        let first = name_words.first().copied().unwrap_or("");
        f.flag("name_line", e.mentions.iter().any(|m| m.name_line));
        f.flag(
            "title",
            e.mentions
                .iter()
                .any(|m| sents.get(m.sent).is_some_and(|s| s.title) || Some(m.sent) == headline),
        );
        let legal_form = words.legal_forms.contains(last);
        let org_head = name_words.len() > 1 && name_words.iter().any(|w| words.heads.contains(*w));
        f.flag("legal_form", legal_form);
        f.flag("org_head", org_head);
        f.flag(
            "org_lead",
            words.leads.contains(first) && name_words.len() > 1,
        );
        f.count("mentions", e.mentions.len());
        // `ClassTrail, Inc., the vendor that hosts…` / `our vendor, X`: a service provider to
        // the one writing, whose incident hit the writer's data.
        f.flag(
            "vendor",
            e.mentions.iter().any(|m| {
                let after = text[m.end..].trim_start_matches(['.', ' ']);
                let appositive = after.strip_prefix(", ").is_some_and(|a| {
                    let a = a.trim_start_matches("Inc., ").trim_start_matches("LLC, ");
                    ["a ", "an ", "the ", "our "]
                        .iter()
                        .any(|d| a.starts_with(d))
                        && names_a_vendor(a)
                });
                let before = words_before(text, m.start, 2);
                // `one of its business associates, the transcription company X`, `its payment
                // processor, the Dallas-based X`: the vendor named after its role.
                let named_after_role =
                    words_before(text, m.start, 7)
                        .split_once(", ")
                        .is_some_and(|(role, rest)| {
                            (role.ends_with("business associate")
                                || role.ends_with("business associates")
                                || role.split_whitespace().last().is_some_and(is_vendor_word))
                                && (rest.starts_with("the ") || rest.starts_with("a "))
                                && !rest.contains(',')
                        });
                appositive
                    || named_after_role
                    || before
                        .split_whitespace()
                        .last()
                        .is_some_and(|w| is_vendor_word(w.trim_end_matches(',')))
            }),
        );
        if name_words.len() > 1 && head_owners.get(last) == Some(&1) {
            f.count("head_word_refs", head_refs.get(last).copied().unwrap_or(0));
        }
        // The name scammers use (`texts claiming to be from "X Bank"`, `emails impersonating
        // X`): the organisation impersonated suffers no breach of its own.
        // (Where the text first names it: an advice quote later in a victim's story, `texts
        // claiming to be from X`, makes no impersonated body of it.)
        f.flag(
            "impersonated",
            e.mentions.iter().min_by_key(|m| m.start).is_some_and(|m| {
                let before = crate::text::window_before(text, m.start, 48)
                    .to_ascii_lowercase()
                    .trim_end_matches(['"', '\u{201c}', ' '])
                    .to_string();
                [
                    "claiming to be from",
                    "claiming to be",
                    "claim to be from",
                    "appear to come from",
                    "appears to come from",
                    "pretending to be",
                    "pretending to be from",
                    "impersonating",
                    "impersonate",
                    "posing as",
                    "spoofing",
                    "purporting to be from",
                    "purporting to be",
                ]
                .iter()
                .any(|w| before.ends_with(w))
            }),
        );
        // A page's section heading in capitals (`SCAM ALERTS`, `PRESS RELEASE`): two or more
        // words, every letter upper case.
        f.flag("all_caps_words", capitals_heading(&e.name));
        // A letterhead or signature line that is only the name.
        f.flag(
            "own_line",
            e.mentions.iter().any(|m| {
                let ls = text[..m.start].rfind('\n').map_or(0, |i| i + 1);
                let le = text[m.end..].find('\n').map_or(text.len(), |i| m.end + i);
                text[ls..le].trim().trim_end_matches(['.', ',']) == m.name.trim_end_matches('.')
                    && !m.name_line
            }),
        );
        // A digest entry's heading: a short line that opens with the name and goes on with the
        // entry's details (`Larkspur Pay (fintech, Ireland)`, `• Acme Ltd – 1,200 records`).
        f.flag(
            "entry_head",
            e.mentions.iter().any(|m| {
                let ls = text[..m.start].rfind('\n').map_or(0, |i| i + 1);
                let le = text[m.end..].find('\n').map_or(text.len(), |i| m.end + i);
                let lead = text[ls..m.start].trim_start_matches(|c: char| {
                    c.is_whitespace() || super::text::ITEM_MARKS.contains(&c)
                });
                // (A numbered entry, `5. Ambrose Payroll Cloud – 2.7 million workers`.)
                let lead = lead
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .trim_start_matches(['.', ')'])
                    .trim_start();
                let rest = &text[m.end..le];
                // (The line is a sentence of its own, not a paragraph's first line.)
                let whole_line = sents.get(m.sent).is_some_and(|s| s.end <= le);
                // (Or it heads an entry paragraph: `Harlan Logistics - The BlackSuit group…`.)
                let short_line = whole_line
                    && rest.split_whitespace().count() <= 10
                    && !rest.trim_end().ends_with(['.', ':']);
                let dash_item = sents.get(m.sent).is_some_and(|s| s.item)
                    && super::text::dash_headed(&text[ls..le]);
                lead.is_empty()
                    && (short_line || dash_item)
                    && !m.name_line
                    && [" (", " \u{2013} ", " - ", " \u{2014} "]
                        .iter()
                        .any(|sep| rest.starts_with(sep))
            }),
        );
        // The writer defines itself by the name (`Acme Inc. (the "Company")`, `Acme ("we")`): a
        // filing's or a notice's own organisation.
        f.flag(
            "self_defined",
            e.mentions.iter().any(|m| {
                let after = text[m.end..].trim_start();
                let after = after.get(..after.len().min(40)).unwrap_or(after);
                // (Curly quotes are read as straight ones; most text has none to replace.)
                let after: std::borrow::Cow<str> = if after.contains(['\u{201c}', '\u{201d}']) {
                    after.replace(['\u{201c}', '\u{201d}'], "\"").into()
                } else {
                    after.into()
                };
                [
                    "(the \"Company\"",
                    "(\"the Company\"",
                    "(the \"company\"",
                    "(\"we\"",
                    "(\"we,\"",
                    "(collectively, \"we\"",
                ]
                .iter()
                .any(|w| after.starts_with(w))
            }),
        );
        let mut subject = false;
        let mut prep = false;
        let mut owned = false;
        let mut fined = false;
        let mut parent = false;
        let mut owns_subsidiary = false;
        let mut named_subsidiary = false;
        let mut person = false;
        let mut source = false;
        // `…, according to X.`: a story's source (`according to Reuters`, `… to police`),
        // unless X is an organisation no authority or outlet, telling of its own case.
        let mut cited = false;
        let mut publisher = false;
        let mut inc_sents = 0;
        let mut item = false;
        for m in &e.mentions {
            let Some(s) = sents.get(m.sent) else { continue };
            item |= s.item;
            if incident.get(m.sent).copied().unwrap_or(false) {
                inc_sents += 1;
            }
            let before = words_before(text, m.start, 2);
            let before1 = words_before(text, m.start, 1);
            let introduced = introduced_as_subsidiary_at(text, m.start);
            named_subsidiary |= introduced && incident.get(m.sent).copied().unwrap_or(false);
            // `Security researchers at X said they had found …`, `chief information security
            // officer at X`: where a person works, neither the subject of `said` nor a place
            // the incident happened `at`.
            let researchers = before.strip_suffix(" at").is_some_and(|job| {
                [
                    "researchers",
                    "researcher",
                    "analysts",
                    "analyst",
                    "experts",
                    "expert",
                    "officer",
                    "director",
                    "manager",
                    "executive",
                    "engineer",
                    "professor",
                    "scientist",
                    "consultant",
                    "spokesperson",
                    "spokesman",
                    "spokeswoman",
                ]
                .iter()
                .any(|w| job.ends_with(w))
            });
            let after_text = &text[m.end..s.end.max(m.end)];
            let nw = next_word(text, m.end);
            // Subject: at the start of its sentence (after `The`), the verb next or after an
            // appositive (`X, an overseas subsidiary of Y, said`).
            let lead_in = text[s.start..m.start].trim();
            // `Separately, X …` / `Meanwhile, X …`: one adverb and a comma lead in; so does a
            // short phrase (`In a separate case, X …`, `Last week, X …`).
            let short_phrase = |p: &str| {
                let w: Vec<&str> = p.split_whitespace().collect();
                w.len() <= 4 && w.iter().skip(1).all(|x| x.chars().all(char::is_lowercase))
            };
            let lead_in = match lead_in.split_once(", ") {
                Some((adv, rest)) if short_phrase(adv) && rest.trim().is_empty() => "",
                _ => match lead_in.strip_suffix(',') {
                    Some(adv) if short_phrase(adv) => "",
                    _ => lead_in,
                },
            };
            let lead_in = lead_in
                .trim_start_matches(['-', '*', '•', '"', '\u{201c}'])
                .trim();
            let lead_in = after_news_dateline(lead_in);
            let at_start = lead_in.chars().filter(|c| c.is_alphanumeric()).count() <= 3
                || described_lead(lead_in);
            // `X now says …`, `X also said …`: an adverb between the name and its verb.
            let nw = if ["now", "also", "later", "previously", "initially", "further"]
                .contains(&nw.as_str())
            {
                next_word(
                    text,
                    m.end + text[m.end..].find(&*nw).map_or(0, |i| i + nw.len()),
                )
            } else {
                nw
            };
            let verb_next = SUBJECT_VERBS.contains(&nw.as_str());
            let appositive = after_text.starts_with(", ")
                && after_text[2..]
                    .find(", ")
                    .map(|i| next_word(after_text, i + 3))
                    .is_some_and(|w| SUBJECT_VERBS.contains(&w.as_str()));
            subject |= !researchers
                && ((at_start || m.possessive) && (verb_next || appositive)
                    || (verb_next
                        && [
                            "said",
                            "says",
                            "announced",
                            "disclosed",
                            "confirmed",
                            "admitted",
                            "revealed",
                            "fell",
                            "suffered",
                        ]
                        .contains(&nw.as_str())));
            prep |= !researchers
                && VICTIM_BEFORE.iter().any(|p| {
                    before.ends_with(p)
                        && (before.len() == p.len()
                            || before[..before.len() - p.len()].ends_with(' '))
                });
            owned |= m.possessive && OWNED.contains(&nw.as_str());
            let sl = text[s.start..s.end].to_ascii_lowercase();
            fined |= (at_start && (sl.contains(" fine") || sl.contains("penalty")))
                || before.ends_with("fined")
                || before.ends_with("fines")
                || before.ends_with("slaps")
                || after_text
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("was fined")
                || after_text
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("has been fined")
                || (before.ends_with("penalty on") || before.ends_with("fine on"))
                || SANCTIONED_BEFORE.iter().any(|p| before.ends_with(p));
            owns_subsidiary |= !introduced && subsidiary_sents.contains(&m.sent);
            parent |= before.ends_with("subsidiary of")
                || before.ends_with("parent company")
                || before.ends_with("parent network")
                || before.ends_with("unit of");
            // `Director of Incident Response`: a department named in a person's title.
            let department = ["director of", "head of", "president of", "manager of"]
                .iter()
                .any(|t| before.ends_with(t))
                && m.name.rsplit(' ').next().is_some_and(|w| {
                    [
                        "Response",
                        "Security",
                        "Communications",
                        "Operations",
                        "Marketing",
                        "Research",
                        "Engineering",
                        "Privacy",
                        "Compliance",
                        "Intelligence",
                        "Technology",
                        "Strategy",
                    ]
                    .contains(&w)
                });
            person |= department
                || PERSON_TITLES
                    .iter()
                    .any(|t| before1.ends_with(t) && before1.len() <= t.len() + 2)
                || after_text.starts_with(", 2")
                || after_text.starts_with(", 3")
                || after_text.starts_with(", 4")
                || after_text.starts_with(", 5")
                || after_text.starts_with(", 6")
                || after_text.starts_with(", chair")
                || after_text.starts_with(", the chair")
                || after_text.starts_with(", an ")
                    && next_word(after_text, 4)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
            // `X today released its annual Data Breach Trends Report`: the publisher of a study
            // of others' breaches.
            let publishes_study = {
                // (The sentence, lowercased above, from the end of the mention.)
                let a = sl.get(m.end.saturating_sub(s.start)..).unwrap_or("");
                let a = a.get(..a.len().min(90)).unwrap_or(a);
                // (In a title-case headline the verb ends the name run: `X Releases 2024 …`.)
                let headline_verb = ["Releases", "Publishes", "Issues", "Unveils", "Launches"]
                    .iter()
                    .any(|v| m.name.ends_with(v));
                (headline_verb
                    || ["released", "published", "issued"]
                        .iter()
                        .any(|v| a.contains(v)))
                    && ["report", "survey", "study", "index"]
                        .iter()
                        .any(|n| a.contains(n))
                    && !a.contains("notice")
            };
            // `A practical guide from the X Network`: the author of advice, not a victim.
            let writes_a_guide = {
                let b = words_before(text, m.start, 3);
                let b = b.strip_suffix(" the").unwrap_or(&b);
                ["guide from", "guide by", "tips from", "advice from"]
                    .iter()
                    .any(|g| b.ends_with(g))
            };
            // `X LLP is investigating claims on behalf of people whose…`: the law firm that
            // seeks the victim's customers as clients.
            let seeks_claimants = {
                let after = text[m.end..]
                    .get(..60.min(text.len() - m.end))
                    .unwrap_or("");
                let after = after.to_ascii_lowercase();
                [
                    " is investigating claims",
                    " is investigating potential claims",
                    " is investigating a potential class action",
                    " is investigating on behalf of",
                    " are investigating claims",
                ]
                .iter()
                .any(|w| after.starts_with(w))
            };
            publisher |= publishes_study || writes_a_guide || seeks_claimants;
            // A byline (`By Reiko Hanamura, Partner, Shirogane & Avery Law Office`) names who
            // wrote the text.
            // (A short line of its own: `By contrast, X said …` opens a sentence.)
            let line_start = text[..m.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[m.start..]
                .find('\n')
                .map_or(text.len(), |i| m.start + i);
            let line = text[line_start..line_end].trim();
            let byline = (line.starts_with("By ") || line.starts_with("Posted by "))
                && line.split_whitespace().count() <= 16
                && !line.ends_with('.');
            cited |= words_before(text, m.start, 3).contains("according to");
            source |= researchers
                || byline
                || before.ends_with("writes")
                || before.ends_with("told")
                || nw == "reported" && !incident.get(m.sent).copied().unwrap_or(false);
        }
        f.flag("subject_cue", subject);
        f.flag("publisher", publisher);
        f.flag("victim_prep", prep);
        f.flag("possessive_data", owned);
        f.flag("fined", fined);
        f.count("incident_sentences", inc_sents);
        f.flag("early", e.mentions.first().is_some_and(|m| m.sent <= 2));
        f.flag("item", item);
        f.flag("subsidiary_of", parent && !subject);
        f.flag("named_subsidiary", named_subsidiary);
        let holds_authority = |n: &str| {
            words.authorities.iter().any(|a| {
                // (`… {a}` and `{a} of …`, tested without building either string.)
                n == a
                    || (a.contains(' ')
                        && n.strip_suffix(a.as_str())
                            .is_some_and(|head| head.ends_with(' ')))
                    || n.strip_prefix(a.as_str())
                        .is_some_and(|rest| rest.starts_with(" of "))
                    || (a.split(' ').count() >= 3 && n.starts_with(a.as_str()))
            })
        };
        let authority = holds_authority(&e.name)
            || e.aliases
                .iter()
                .any(|a| words.authorities.contains(a.as_str()))
            || ["Police", "Court", "Commissioner", "Regulator"].contains(&last)
            // a judge named with the title (`District Judge Rosalind M. Carver`)
            || JUDGE_TITLES.iter().any(|t| e.name.starts_with(t))
            // a government site (`ReportFraud.ftc.gov`)
            || e.name.trim_end_matches('.').to_ascii_lowercase().ends_with(".gov");
        // A heading name above a dateline is the document's subject, even a court's.
        let authority = authority && !e.mentions.iter().any(|m| m.name_line);
        f.flag("authority", authority);
        let plain_person = (2..=3).contains(&name_words.len())
            && !e.mentions.iter().any(|m| m.name_line)
            && name_words.iter().all(|w| {
                is_cap(w)
                    && !all_caps(w)
                    && !words.heads.contains(*w)
                    && !words.legal_forms.contains(*w)
            });
        // People are named again by surname, organisations by their first word.
        let by_surname = (2..=3).contains(&name_words.len())
            && e.aliases
                .iter()
                .any(|a| name_words.last().is_some_and(|w| w == a));
        f.flag("person", (person || by_surname) && plain_person);
        // A gang the text introduces as one (`the Hollowpike ransomware group`, `X gang`).
        let introduced_gang = e.mentions.iter().any(|m| {
            let after = text[m.end..]
                .get(..40.min(text.len() - m.end))
                .unwrap_or("")
                .to_ascii_lowercase();
            [
                " ransomware group",
                " ransomware gang",
                " ransomware operation",
                " extortion group",
                " extortion gang",
                " hacking group",
                " threat group",
                " gang ",
                " gang'",
                " gang,",
                " gang.",
            ]
            .iter()
            .any(|w| after.starts_with(w))
        });
        let actor = words.actors.find(&e.name).iter().any(|h| h.start == 0) || introduced_gang;
        f.flag("actor", actor);
        let source = source || cited && (authority || !(legal_form || org_head));
        f.flag("source", source && !subject);
        let single_initial = name_words.len() == 1
            && !all_caps(first)
            && e.mentions.iter().all(|m| {
                sents
                    .get(m.sent)
                    .is_some_and(|s| opens_sentence(&text[s.start..m.start]))
            })
            && !e.mentions.iter().any(|m| m.name_line);
        f.flag("sentence_initial_single", single_initial);
        f.flag(
            "all_caps_short",
            all_caps(first) && name_words.len() == 1 && first.len() <= 4,
        );
        e.is_authority = authority;
        e.is_actor = actor;
        e.parent_of = parent && !subject || owns_subsidiary && subject && !named_subsidiary;
        e.score = model.score(&f);
        e.features = f;
    }
}

/// Whether what stands before a mention in its sentence is nothing but a list marker (`- `,
/// `• `, `3. `): the mention opens the sentence.
fn opens_sentence(before: &str) -> bool {
    before
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['-', '•', '*', '–', '—', '·', '●', '▪', '■', '.', ')'])
        .trim()
        // An opening quotation mark (`'Assume you will be hit': …`).
        .trim_start_matches(['"', '\'', '\u{201c}', '\u{2018}'])
        .is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::en::text::sentences;

    fn names(text: &str) -> Vec<String> {
        let w = Words::new();
        let s = sentences(text);
        mentions(text, &s, &w).into_iter().map(|m| m.name).collect()
    }

    /// The entities of `text`.
    fn ents(text: &str) -> Vec<Entity> {
        let w = Words::new();
        let s = sentences(text);
        entities(mentions(text, &s, &w), &w)
    }

    #[test]
    fn an_authority_joined_by_and_is_no_part_of_the_name_after_it() {
        let got = names("No data was taken, the FBI and Harwick County Department said.");
        assert!(
            got.iter().any(|n| n == "Harwick County Department"),
            "{got:?}"
        );
    }

    #[test]
    fn places_joined_and_a_head_word_alone_are_no_names() {
        let got = names("Regulators in the United States and the United Kingdom acted.");
        assert!(got.iter().all(|n| !n.contains("United")), "{got:?}");
        let got = names("Healthcare reported the most breaches, ahead of Pinefield Bank.");
        assert_eq!(got, ["Pinefield Bank"]);
        assert!(names_a_vendor("a payroll vendor that serves"));
        assert!(!names_a_vendor("a mental health provider with clinics"));
    }

    #[test]
    fn capitalised_runs_are_names_without_sentence_words() {
        let n = names("The Corvid Valley School District said hackers hit Pellworth Inc.'s servers. According to Reuters, Texas was calm.");
        assert!(
            n.contains(&"Corvid Valley School District".to_string()),
            "{n:?}"
        );
        assert!(n.contains(&"Pellworth Inc.".to_string()), "{n:?}");
        assert!(!n
            .iter()
            .any(|x| x == "The" || x == "Texas" || x == "According"));
    }

    #[test]
    fn question_words_opening_a_faq_heading_are_no_names() {
        let n = names("Do I Have To Report A Breach?\nWhat Happened\nHow Long Do I Have? Northfield Dental said it reported.");
        assert!(
            !n.iter()
                .any(|x| x.starts_with("Do") || x.starts_with("What") || x.starts_with("How")),
            "{n:?}"
        );
        assert!(n.contains(&"Northfield Dental".to_string()), "{n:?}");
        let n = names("Under the Privacy and Electronic Communications Regulations and the Data Protection Act, Northfield Dental reported.");
        assert_eq!(n, vec!["Northfield Dental".to_string()]);
    }

    #[test]
    fn a_capitalised_section_heading_with_short_words_is_flagged() {
        assert!(capitals_heading("WHAT FAMILIES CAN DO"));
        assert!(capitals_heading("SCAM ALERTS"));
        assert!(!capitals_heading("BANK OF AMERICA"));
        assert!(!capitals_heading("Salt Ridge School District"));
    }

    #[test]
    fn a_city_followed_by_its_state_is_a_place() {
        let n = names("The Raleigh, N.C., pediatric practice said. Sunbeam, Texas, officials agreed. Acme, Inc., said it was hit.");
        assert!(!n.contains(&"Raleigh".to_string()), "{n:?}");
        assert!(!n.contains(&"Sunbeam".to_string()), "{n:?}");
        assert!(n.iter().any(|x| x.starts_with("Acme")), "{n:?}");
    }

    #[test]
    fn heading_name_above_a_dateline_is_a_mention() {
        let n = names("quillbox (2019)\n2019-05-01\nIn May 2019 the site suffered a breach.\n");
        assert_eq!(n[0], "quillbox");
    }

    #[test]
    fn acronyms_and_short_forms_join_their_entity() {
        let text = "Marrow Bay Health Services (MBHS) said data was stolen. MBHS apologised. Marrow Bay Health Services thanked staff. Thistle Group said Thistle was fine.";
        let e = ents(text);
        let mb = e
            .iter()
            .find(|e| e.name == "Marrow Bay Health Services")
            .unwrap();
        assert!(mb.aliases.contains(&"MBHS".to_string()));
        assert_eq!(mb.mentions.len(), 4);
        let th = e.iter().find(|e| e.name == "Thistle Group").unwrap();
        assert_eq!(th.mentions.len(), 2);
    }

    #[test]
    fn a_place_named_by_its_police_or_as_where_someone_lives_is_no_mention() {
        let text = "The teller, 29, of Ashcombe, was fired, according to Ashcombe police. The Ashcombe Public Library will stay open.";
        let e = ents(text);
        assert!(
            e.iter()
                .all(|e| e.name != "Ashcombe" && !e.aliases.iter().any(|a| a == "Ashcombe")),
            "{:?}",
            e.iter().map(|e| (&e.name, &e.aliases)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_first_word_of_several_names_is_the_short_form_of_the_organisation_among_them() {
        let w = Words::new();
        let owner = |text: &str| {
            let s = sentences(text);
            entities(mentions(text, &s, &w), &w)
                .into_iter()
                .find(|e| e.aliases.iter().any(|a| a == "Hollybank"))
                .map(|e| e.name)
        };
        let text = "The Hollybank Summer Lantern Festival drew crowds. The Hollybank Town Council said an email exposed addresses. Hollybank said it was sorry.";
        assert_eq!(owner(text).as_deref(), Some("Hollybank Town Council"));
        // Of two organisations (or of none), it is a place.
        let text = "The Hollybank Public Library opened late. The Hollybank Courier Group reported it. A man of Hollybank was charged.";
        assert_eq!(owner(text), None);
    }
}
