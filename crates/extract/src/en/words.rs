//! Owns the English word lists (`data/en/*.txt`, embedded at build time) and the one matcher
//! that finds their phrases in text: an Aho-Corasick automaton over lower-cased ASCII text,
//! leftmost-longest, with word boundaries checked and a trailing `*` matching any word ending.
//! Curly apostrophes are matched like straight ones.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashSet;

const CAUSE_CUES: &str = include_str!("../../data/en/cause_cues.txt");
const DATA_TYPES: &str = include_str!("../../data/en/data_types.txt");
const COUNT_UNITS: &str = include_str!("../../data/en/count_units.txt");
const COUNT_CONTEXT: &str = include_str!("../../data/en/count_context.txt");
const LEAK_WORDS: &str = include_str!("../../data/en/leak_words.txt");
const ORG_WORDS: &str = include_str!("../../data/en/org_words.txt");
const AUTHORITIES: &str = include_str!("../../data/en/authorities.txt");
const NOT_NAMES: &str = include_str!("../../data/en/not_names.txt");
const PLACES: &str = include_str!("../../data/en/places.txt");
const THREAT_ACTORS: &str = include_str!("../../data/en/threat_actors.txt");
const TABLE_COLUMNS: &str = include_str!("../../data/en/table_columns.txt");

/// One phrase of a list: its tag (first column), weight and whether it takes any ending.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The phrase as written in the list: a static name for learned features.
    pub raw: &'static str,
    pub tag: String,
    pub weight: f32,
    pub phrase: String,
    pub wildcard: bool,
}

/// A phrase found in text: the entry and its byte span.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub entry: usize,
    pub start: usize,
    pub end: usize,
}

/// A list of phrases with its automaton.
pub struct PhraseSet {
    pub entries: Vec<Entry>,
    ac: Option<AhoCorasick>,
    /// Pattern index → entry index (curly-apostrophe variants share their entry).
    pattern_entry: Vec<usize>,
    case_sensitive: bool,
}

impl PhraseSet {
    fn build(entries: Vec<Entry>, case_sensitive: bool) -> PhraseSet {
        let mut patterns = Vec::new();
        let mut pattern_entry = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            patterns.push(e.phrase.clone());
            pattern_entry.push(i);
            if e.phrase.contains('\'') {
                patterns.push(e.phrase.replace('\'', "\u{2019}"));
                pattern_entry.push(i);
            }
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        PhraseSet {
            entries,
            ac,
            pattern_entry,
            case_sensitive,
        }
    }

    /// Every phrase in `text` on word boundaries. `text` must be lower-cased with
    /// `to_ascii_lowercase` for a case-insensitive set (byte offsets stay those of the original).
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in ac.find_iter(text) {
            let entry = self.pattern_entry[m.pattern().as_usize()];
            let e = &self.entries[entry];
            let (start, mut end) = (m.start(), m.end());
            if !boundary_before(text, start) {
                continue;
            }
            if e.wildcard {
                end += text[end..]
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(text.len() - end);
            } else if !boundary_after(text, end, self.case_sensitive) {
                continue;
            }
            out.push(Hit { entry, start, end });
        }
        out
    }
}

fn boundary_before(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
}

fn boundary_after(text: &str, at: usize, _case_sensitive: bool) -> bool {
    !text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
}

/// The English lists, built once per extractor.
pub struct Words {
    /// Cause cues, tag = cause label.
    pub causes: PhraseSet,
    /// Data-type phrases, tag = data type label or `-`.
    pub data_types: PhraseSet,
    /// Nouns a count of affected people or records stands before.
    pub units: PhraseSet,
    /// Lower-case substrings that let a sentence that is no incident sentence give the count.
    pub count_context: Vec<&'static str>,
    /// Lower-case substrings that make a sentence part of an incident (`data/en/leak_words.txt`).
    pub leak: Vec<&'static str>,
    pub legal_forms: HashSet<String>,
    pub heads: HashSet<String>,
    pub leads: HashSet<String>,
    /// Words inside the name of a body that runs schools (`School Board`, `Board of Education`).
    pub boards: Vec<&'static str>,
    /// The last word of a school's name (`School`, `Academy`).
    pub school_heads: HashSet<String>,
    /// Case-sensitive: authorities, news outlets and researchers.
    pub authorities: HashSet<String>,
    pub not_names: HashSet<String>,
    pub places: HashSet<String>,
    /// Case-sensitive threat actor names, tag = canonical name.
    pub actors: PhraseSet,
    /// Column headings of a table of breaches: (role, lower-case heading).
    pub table_columns: Vec<(&'static str, &'static str)>,
}

/// Non-empty, non-comment lines split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn entry(tag: &str, weight: f32, phrase: &'static str, lower: bool) -> Entry {
    let raw = phrase.trim();
    let phrase = raw;
    let (phrase, wildcard) = match phrase.strip_suffix('*') {
        Some(p) => (p, true),
        None => (phrase, false),
    };
    Entry {
        raw,
        tag: tag.to_string(),
        weight,
        phrase: if lower {
            phrase.to_ascii_lowercase()
        } else {
            phrase.to_string()
        },
        wildcard,
    }
}

impl Words {
    pub fn new() -> Words {
        let causes = rows(CAUSE_CUES)
            .filter_map(|r| match r.as_slice() {
                [tag, w, phrase] => Some(entry(tag, w.parse().unwrap_or(1.0), phrase, true)),
                _ => None,
            })
            .collect();
        let data_types = rows(DATA_TYPES)
            .filter_map(|r| match r.as_slice() {
                [tag, phrase] => Some(entry(tag, 1.0, phrase, true)),
                _ => None,
            })
            .collect();
        let units = rows(COUNT_UNITS)
            .filter_map(|r| r.first().map(|p| entry("unit", 1.0, p, true)))
            .collect();
        let mut legal_forms = HashSet::new();
        let mut heads = HashSet::new();
        let mut leads = HashSet::new();
        let mut boards = Vec::new();
        let mut school_heads = HashSet::new();
        for r in rows(ORG_WORDS) {
            if let [class, word] = r.as_slice() {
                let set = match *class {
                    "legal" => &mut legal_forms,
                    "head" => &mut heads,
                    "board" => {
                        boards.push(word.trim());
                        continue;
                    }
                    "school" => &mut school_heads,
                    _ => &mut leads,
                };
                set.insert(word.trim().to_string());
            }
        }
        let set = |data: &'static str| -> HashSet<String> {
            rows(data)
                .filter_map(|r| r.first().map(|s| s.trim().to_string()))
                .collect()
        };
        let actors = rows(THREAT_ACTORS)
            .filter_map(|r| match r.as_slice() {
                // Weight 1 for extortion groups, 0 for crews marked `hack`.
                [canon] => Some(entry(canon, 1.0, canon, false)),
                [canon, variant] => Some(entry(canon, 1.0, variant, false)),
                [canon, variant, kind] if *kind == "hack" => {
                    Some(entry(canon, 0.0, variant, false))
                }
                _ => None,
            })
            .collect();
        Words {
            causes: PhraseSet::build(causes, false),
            data_types: PhraseSet::build(data_types, false),
            units: PhraseSet::build(units, false),
            count_context: rows(COUNT_CONTEXT)
                .filter_map(|r| r.first().map(|w| w.trim()))
                .collect(),
            leak: rows(LEAK_WORDS)
                .filter_map(|r| r.first().map(|w| w.trim()))
                .collect(),
            legal_forms,
            heads,
            leads,
            boards,
            school_heads,
            authorities: set(AUTHORITIES),
            not_names: set(NOT_NAMES),
            places: set(PLACES),
            actors: PhraseSet::build(actors, true),
            table_columns: rows(TABLE_COLUMNS)
                .filter_map(|r| match r.as_slice() {
                    [role, heading] => Some((*role, heading.trim())),
                    _ => None,
                })
                .collect(),
        }
    }
}

impl Default for Words {
    fn default() -> Self {
        Words::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_phrases_match_on_word_boundaries() {
        let w = Words::new();
        assert!(w.causes.entries.len() > 50 && w.data_types.entries.len() > 50);
        assert!(w.heads.contains("University") && w.legal_forms.contains("Inc."));
        let text = "hackers stole passwords and email addresses; the mailing went to a chemist.";
        let hits = w.causes.find(text);
        let tags: Vec<&str> = hits
            .iter()
            .map(|h| w.causes.entries[h.entry].tag.as_str())
            .collect();
        assert!(tags.contains(&"unauthorized_access") && tags.contains(&"theft"));
        // `chemist` holds no cue; `hackers` matches `hacker*`.
        assert!(hits.iter().all(|h| &text[h.start..h.end] != "chemist"));
        let d = w
            .data_types
            .find("their driver\u{2019}s licenses and company names");
        let dt: Vec<&str> = d
            .iter()
            .map(|h| w.data_types.entries[h.entry].tag.as_str())
            .collect();
        assert_eq!(dt, vec!["other", "-"]);
    }
}
