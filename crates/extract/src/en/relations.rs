//! Owns the English processor relation: the organisation a victim's text names as the vendor,
//! contractor or service provider that held its data (`its printing contractor, Quayside Print
//! Services Ltd`, `Parallax Metrics LLC, an analytics contractor that processes …`). Reads
//! the text around each mention only; the victim is chosen elsewhere.

use super::orgs::{Entity, Mention};
use super::text::Sent;
use regex::Regex;
use std::sync::OnceLock;

/// The kinds of firms that hold another's data, as the victim's story calls them (`its
/// printing contractor, X`, `one of its vendors, billing services firm X`).
const VENDOR_NOUNS: &str = r"vendor|contractor|subcontractor|processor|provider|supplier|business associate|service company|services company|services firm|billing company|mailing house";

/// The same as an appositive after the name (`X, an analytics contractor`): words that also
/// name a firm's own trade (`a seafood processor`, `a gas supplier`, `a health provider`) are
/// left out unless they say whose service it is (`service provider`, `payment processor`).
const VENDOR_APPOSITIVES: &str = r"vendor|contractor|subcontractor|business associate|service provider|services provider|payment processor|card processor|data processor|(?:it|payroll|billing|hosting|software|cloud|mailing|printing|print|technology) (?:provider|vendor|company|firm)";

/// Words that may stand between a vendor noun and the name it introduces: descriptors, not
/// the prepositions and verbs of a clause (`a gas supplier in the Kansai region`).
const NOT_DESCRIPTORS: &[&str] = &[
    "in", "of", "to", "for", "at", "on", "with", "by", "from", "and", "or", "the", "a", "an",
    "that", "which", "who", "said", "says", "is", "was", "were", "has", "had", "its", "their",
];

fn before_pattern() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // The vendor noun, a comma or not, then at most four lower-case words before the name.
    R.get_or_init(|| {
        Regex::new(&format!(
            r"(?:{VENDOR_NOUNS})s?(?P<sep>,|\s+called|\s+named)?\s+(?P<words>(?:[a-z][a-z\-]*\s+){{0,4}})$"
        ))
        .expect("vendor pattern")
    })
}

fn after_pattern() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"^,\s+(?:a|an|its|the|their)\s+(?:[a-z][a-z\-]*\s+){{0,3}}(?:(?:{VENDOR_APPOSITIVES})\b|(?:firm|company|business) (?:that|which) (?:processes|handles|manages|hosts|prints|mails|runs|provides)\b)"
        ))
        .expect("vendor pattern")
    })
}

/// Whether the text before a mention introduces it as a vendor.
fn introduced_as_vendor(before: &str) -> bool {
    before_pattern().captures(before).is_some_and(|c| {
        c.name("words").is_none_or(|w| {
            // An article may open the description (`its business associates, the medical
            // transcription company X`).
            let mut words = w.as_str().split_whitespace().peekable();
            if words.peek().is_some_and(|x| ["the", "a", "an"].contains(x)) {
                words.next();
            }
            !words.any(|x| NOT_DESCRIPTORS.contains(&x))
        })
    })
}

/// The entities (indices into `ents`) and the mention that names each as the vendor or
/// contractor holding data, in the sentences of `block`. Never the victim itself, an
/// authority, an attacker or a parent; another incident's victim may be (a mailing house hit
/// itself is also its clients' processor). `lower` is the document lower-cased with
/// `to_ascii_lowercase` (the byte offsets of the original).
pub fn processors<'a>(
    lower: &str,
    sents: &[Sent],
    ents: &'a [Entity],
    victim: usize,
    block: &[usize],
) -> Vec<(usize, &'a Mention)> {
    let mut out = Vec::new();
    for (j, e) in ents.iter().enumerate() {
        if j == victim || e.is_authority || e.is_actor || e.parent_of {
            continue;
        }
        let named = e.mentions.iter().find(|m| {
            let Some(s) = sents.get(m.sent).filter(|_| block.contains(&m.sent)) else {
                return false;
            };
            let before = &lower[s.start..m.start];
            let after = &lower[m.end..s.end.max(m.end)];
            // Past a legal form's comma (`ClassTrail, Inc., an education technology company`).
            let after = [", inc.", ", llc", ", ltd"]
                .iter()
                .find_map(|f| after.strip_prefix(f))
                .unwrap_or(after);
            introduced_as_vendor(before) || after_pattern().is_match(after)
        });
        if let Some(m) = named {
            out.push((j, m));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_appositives() {
        let before = introduced_as_vendor;
        let after = |s: &str| after_pattern().is_match(s);
        assert!(before("a software error at its printing contractor, "));
        assert!(before(
            "exposed in a cyberattack on one of its vendors, billing services firm "
        ));
        assert!(before("a breach at third-party vendor "));
        assert!(!before("the company said "));
        assert!(!before("vendors said that in a separate case the "));
        assert!(!before("a city gas supplier in the "));
        assert!(before(
            "a cyberattack on one of its business associates, the medical transcription company "
        ));
        assert!(after(
            ", an analytics contractor that processes app usage data"
        ));
        assert!(after(", a company that provides payroll software"));
        assert!(after(", its mailing vendor, said"));
        assert!(!after(", a hospital in ohio, said"));
        assert!(!after(", a seafood processor in miyagi"));
        assert!(!after(", a mental health provider with clinics"));
    }
}
