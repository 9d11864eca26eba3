//! Owns finding facilities named right beside the legal body that runs them
//! (`医療法人久仁会「鳴門山上病院」`, `医療法人社団A会 B病院`, `C病院(医療法人D会)`): by the corpus
//! convention the facility is the victim and its operator the `parent`. The words are data
//! (`data/lexicon/facility_operators.txt`). Feeds the victim features and the related
//! organisations; decides nothing itself.

use super::entities::Entity;
use crate::scan::DocScan;
use std::sync::OnceLock;

/// A facility and its operator, as entity indices, with the operator's mention beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperatedFacility {
    pub operator: usize,
    pub facility: usize,
    pub operator_mention: usize,
}

struct Words {
    operators: Vec<&'static str>,
    facilities: Vec<&'static str>,
    forward: Vec<&'static str>,
    backward: Vec<&'static str>,
    clause: Vec<&'static str>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut w = Words {
            operators: Vec::new(),
            facilities: Vec::new(),
            forward: Vec::new(),
            backward: Vec::new(),
            clause: Vec::new(),
        };
        for line in
            crate::lexicon::word_list(include_str!("../../data/lexicon/facility_operators.txt"))
        {
            let Some((kind, word)) = line.split_once(char::is_whitespace) else {
                continue;
            };
            let word = word.trim();
            match kind {
                "operator" => w.operators.push(word),
                "facility" => w.facilities.push(word),
                "forward" => w.forward.push(word),
                "backward" => w.backward.push(word),
                "clause" => w.clause.push(word),
                _ => {}
            }
        }
        w
    })
}

/// A name that starts like an operating body and does not itself name a facility
/// (`学校法人 法政大学` is the university).
pub fn is_operator_name(name: &str) -> bool {
    let w = words();
    w.operators.iter().any(|p| name.starts_with(p))
        && !w.facilities.iter().any(|s| name.ends_with(s))
}

/// A name that ends in a facility word and is no operating body.
pub fn is_facility_name(name: &str) -> bool {
    let w = words();
    w.facilities.iter().any(|s| name.ends_with(s))
        && !w.operators.iter().any(|p| name.starts_with(p))
}

/// The text between two mentions, without the spaces and quotes around names.
fn gap(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to)
        .unwrap_or("\u{0}")
        .trim_matches([' ', '　', '「', '」', '『', '』'])
}

/// Every facility named right beside its operator, in mention order, at most one pair per
/// facility.
pub fn operated_facilities(scan: &DocScan, entities: &[Entity]) -> Vec<OperatedFacility> {
    let owner = super::entities::mention_owners(scan, entities);
    let mut order: Vec<usize> = (0..scan.mentions.len()).collect();
    order.sort_by_key(|&m| scan.mentions[m].start);
    let w = words();
    let mut out: Vec<OperatedFacility> = Vec::new();
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (ea, eb) = (owner[a], owner[b]);
        if ea == usize::MAX || eb == usize::MAX || ea == eb {
            continue;
        }
        let (ma, mb) = (&scan.mentions[a], &scan.mentions[b]);
        if mb.start < ma.end {
            continue;
        }
        let between = gap(scan.text, ma.end, mb.start);
        let pair = if is_operator_name(&ma.name)
            && is_facility_name(&mb.name)
            && (between.is_empty() || w.forward.contains(&between))
        {
            Some(OperatedFacility {
                operator: ea,
                facility: eb,
                operator_mention: a,
            })
        } else if is_facility_name(&ma.name)
            && is_operator_name(&mb.name)
            && w.backward.contains(&between)
        {
            Some(OperatedFacility {
                operator: eb,
                facility: ea,
                operator_mention: b,
            })
        } else {
            None
        };
        if let Some(p) = pair {
            if !out.iter().any(|q| q.facility == p.facility) {
                out.push(p);
            }
        }
    }
    // `医療法人A会は5日、運営するB病院で…`: the operator, subject of the sentence, runs the
    // facility its clause names.
    for (b, mb) in scan.mentions.iter().enumerate() {
        let eb = owner[b];
        if eb == usize::MAX || !is_facility_name(&mb.name) || out.iter().any(|q| q.facility == eb) {
            continue;
        }
        let head = scan.text[..mb.start].trim_end_matches(['「', '『', ' ', '　']);
        if !w.clause.iter().any(|c| head.ends_with(c)) {
            continue;
        }
        let sentence = scan.mention_sentence[b];
        let operator = scan.mentions.iter().enumerate().find(|&(a, ma)| {
            a != b
                && ma.end <= mb.start
                && scan.mention_sentence[a] == sentence
                && owner[a] != usize::MAX
                && owner[a] != eb
                && is_operator_name(&ma.name)
                && scan.text[ma.end..].starts_with(['は', 'が'])
        });
        if let Some((a, _)) = operator {
            out.push(OperatedFacility {
                operator: owner[a],
                facility: eb,
                operator_mention: a,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::victims::with_entities;

    /// The (operator, facility) names paired in `text`.
    fn pairs(text: &str) -> Vec<(String, String)> {
        with_entities(text, |scan, ents, _| {
            let name = |i: usize| ents[i].canonical_name(scan).0;
            operated_facilities(scan, ents)
                .into_iter()
                .map(|p| (name(p.operator), name(p.facility)))
                .collect()
        })
    }

    #[test]
    fn a_facility_named_beside_its_operator() {
        let want = vec![(
            "医療法人社団ひばり会".to_string(),
            "みどり野記念病院".to_string(),
        )];
        assert_eq!(
            pairs("医療法人社団ひばり会「みどり野記念病院」で、患者の個人情報を記録したUSBメモリが紛失した。"),
            want
        );
        assert_eq!(
            pairs("医療法人社団ひばり会 みどり野記念病院は10日、患者情報の紛失を公表した。"),
            want
        );
        assert_eq!(
            pairs("みどり野記念病院(医療法人社団ひばり会)は10日、患者情報の紛失を公表した。"),
            want
        );
    }

    #[test]
    fn no_pair_when_the_two_stand_apart() {
        assert!(pairs(
            "医療法人社団ひばり会は、みどり野記念病院とは別の施設で起きた誤送信について公表した。"
        )
        .is_empty());
        assert!(pairs("株式会社みずほ台商事 みどり野記念病院は10日、公表した。").is_empty());
    }

    #[test]
    fn operators_and_facilities_by_their_names() {
        assert!(is_operator_name("医療法人社団ひばり会"));
        assert!(is_operator_name("社会福祉法人みずほ福祉会"));
        assert!(!is_operator_name("学校法人 北陵大学"));
        assert!(!is_operator_name("株式会社ひばり"));
        assert!(is_facility_name("みどり野記念病院"));
        assert!(is_facility_name("みずほ台クリニック"));
        assert!(!is_facility_name("学校法人 北陵大学"));
        assert!(!is_facility_name("ひばり商事"));
    }

    #[test]
    fn the_gap_drops_spaces_and_quotes() {
        let t = "医療法人A会「B病院」";
        let end = "医療法人A会".len();
        assert_eq!(gap(t, end, end + "「".len()), "");
        let t = "B病院(医療法人A会)";
        let end = "B病院".len();
        assert_eq!(gap(t, end, end + 1), "(");
        assert_eq!(gap(t, 1, 0), "\u{0}");
    }
}
