//! Owns the geometry of an English document: blocks (a heading line, a paragraph of wrapped
//! lines, a list item), sentences inside them (split at `. ` before a capital, never after an
//! abbreviation such as `Inc.` or `U.S.`), and word tokens with their byte spans.

/// One sentence: a byte range of the document text (it may cross wrapped lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub start: usize,
    pub end: usize,
    /// Index of its block (heading, paragraph or list item).
    pub block: usize,
    /// The block is a list item (`- `, `* `, `• `).
    pub item: bool,
    /// The sentence is the document's first non-empty line standing alone (a title).
    pub title: bool,
}

/// Marks that open a list item.
pub(crate) const ITEM_MARKS: [char; 5] = ['-', '*', '•', '・', '–'];

/// Abbreviations after which a period ends no sentence.
const ABBREVIATIONS: &[&str] = &[
    "inc", "co", "corp", "ltd", "llc", "mr", "mrs", "ms", "dr", "st", "no", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "dept", "gov", "sen", "rep",
    "vs", "etc", "approx", "est", "jr", "sr", "u.s", "u.k", "e.g", "i.e", "a.m", "p.m", "n.a",
];

/// Whether `line` opens with a capitalised name of at most eight words and a spaced dash, then
/// goes on with the entry's text (`Harlan Logistics - The BlackSuit group claimed…`).
pub(crate) fn dash_headed(line: &str) -> bool {
    let line = line.trim();
    if !line.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let Some((head, rest)) = [" - ", " \u{2013} ", " \u{2014} "]
        .iter()
        .filter_map(|sep| line.split_once(sep))
        .min_by_key(|(head, _)| head.len())
    else {
        return false;
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    (1..=8).contains(&words.len())
        && !head.contains([',', ':', ';', '"'])
        && !head.trim_end_matches('.').contains(". ")
        && words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            * 2
            >= words.len()
        && rest.split_whitespace().count() >= 4
}

/// Splits `text` into sentences.
pub fn sentences(text: &str) -> Vec<Sent> {
    // Lines with their spans.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            lines.push((start, i));
            start = i + 1;
        }
    }
    lines.push((start, text.len()));
    // Blocks: consecutive lines joined when the first does not end a sentence and the next
    // continues it (wrapped text), never across a blank line or into a list item.
    let mut blocks: Vec<(usize, usize, bool)> = Vec::new();
    let mut cur: Option<(usize, usize, bool)> = None;
    let first_line = lines
        .iter()
        .find(|(a, b)| !text[*a..*b].trim().is_empty())
        .map(|(a, _)| *a);
    // A roundup's entries may be paragraphs headed by their name and a dash (`Pinecrest Health
    // System - The Oregon hospital operator said…`): two or more make them items.
    // (The title is no entry: `Data Breaches in June 2024 – 41 Incidents`.)
    let dash_entries = lines
        .iter()
        .filter(|(a, b)| Some(*a) != first_line && dash_headed(&text[*a..*b]))
        .count()
        >= 2;
    // (A rule of dashes or stars between records is no item.)
    let is_item = |line: &str| {
        (line.starts_with(ITEM_MARKS)
            && line.chars().count() > 2
            && !line
                .chars()
                .all(|c| ITEM_MARKS.contains(&c) || "=_ ".contains(c)))
            || (dash_entries && dash_headed(line))
    };
    // A list whose items are headings each followed by its own lines of text (`• Acme Ltd –
    // 1,200 records` then what happened): those lines belong to the item. Two or more such
    // items make the form, so a plain list that a paragraph follows keeps the paragraph.
    let described_items = lines
        .windows(2)
        .filter(|w| {
            let (this, next) = (text[w[0].0..w[0].1].trim(), text[w[1].0..w[1].1].trim());
            is_item(this) && !next.is_empty() && !is_item(next)
        })
        .count()
        >= 2;
    for &(a, b) in &lines {
        let line = text[a..b].trim();
        // A rule drawn between stories (`────────`, `-----`) parts blocks as a blank line does.
        if line.is_empty() || is_rule(line) {
            if let Some(c) = cur.take() {
                blocks.push(c);
            }
            continue;
        }
        // (A title headed by a dash is no entry.)
        let item = is_item(line) && (Some(a) != first_line || line.starts_with(ITEM_MARKS));
        match cur {
            Some((ca, _, true)) if described_items && !item => cur = Some((ca, b, true)),
            // The first line (a title) stands alone.
            Some((ca, _, citem)) if !item && Some(ca) != first_line => {
                let prev_line = text[..a].trim_end();
                let last_line = prev_line.rsplit('\n').next().unwrap_or("").trim();
                let ends = last_line.ends_with(['.', '!', '?', ':', '"', '\u{201d}', ';']);
                let last_word = last_line
                    .rsplit(' ')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let open_word = [
                    "the", "a", "an", "of", "and", "or", "to", "in", "on", "with", "by", "from",
                    "for", "at", "that", "than",
                ]
                .contains(&last_word.as_str());
                let wrapped = !ends
                    && (line.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
                        || (open_word && !citem));
                if wrapped {
                    cur = Some((ca, b, citem));
                } else {
                    if let Some(c) = cur.take() {
                        blocks.push(c);
                    }
                    cur = Some((a, b, item));
                }
            }
            _ => {
                if let Some(c) = cur.take() {
                    blocks.push(c);
                }
                cur = Some((a, b, item));
            }
        }
    }
    if let Some(c) = cur.take() {
        blocks.push(c);
    }
    let mut out = Vec::new();
    for (bi, &(a, b, item)) in blocks.iter().enumerate() {
        let bytes = text.as_bytes();
        let mut s0 = a;
        let mut i = a;
        // A described item's heading line is a sentence of its own.
        if item && described_items {
            if let Some(nl) = text[a..b].find('\n') {
                push(text, a, a + nl, bi, item, &mut out);
                s0 = a + nl + 1;
                i = s0;
            }
        }
        while i < b {
            let c = bytes[i];
            if matches!(c, b'.' | b'!' | b'?') && i + 1 < b && bytes[i + 1].is_ascii_whitespace() {
                // The next word must start with a capital, a digit or a quote.
                let rest = text[i + 1..b].trim_start();
                let next_ok = rest.starts_with(|ch: char| {
                    ch.is_uppercase() || ch.is_ascii_digit() || "\"'\u{201c}\u{2018}(".contains(ch)
                });
                let word = text[s0..i]
                    .rsplit(|ch: char| ch.is_whitespace() || ch == '(' || ch == '[')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                // A list number that opens its line (`2. Acme Ltd – $95,000 settlement`) ends
                // no sentence.
                let head = text[s0..i].trim_start();
                let head_start = i - head.len();
                let list_number = c == b'.'
                    && (1..=3).contains(&head.len())
                    && head.chars().all(|ch| ch.is_ascii_digit())
                    && (head_start == 0 || text[..head_start].ends_with('\n'));
                let abbrev = c == b'.'
                    && (list_number
                        || ABBREVIATIONS.contains(&word.as_str())
                        || (word.len() == 1 && word.chars().all(|ch| ch.is_alphabetic())));
                if next_ok && !abbrev {
                    push(text, s0, i + 1, bi, item, &mut out);
                    s0 = i + 1;
                }
            }
            i += 1;
        }
        push(text, s0, b, bi, item, &mut out);
    }
    if let Some(first) = out.first_mut() {
        let first_line_end = text
            .trim_start()
            .find('\n')
            .map(|e| e + (text.len() - text.trim_start().len()));
        if first_line_end.is_none_or(|e| first.end <= e) && first.block == 0 {
            first.title = blocks
                .first()
                .is_some_and(|&(a, b, _)| !text[a..b].contains('\n'));
        }
    }
    out
}

/// The sentence holding a scraped page's headline when the page's first line is its masthead
/// or menu: the first line of four to twenty-five words, no full stop, no menu bars or
/// breadcrumb, whose next few lines hold the byline or the date (a story's headline stands
/// over them). None when the first line is that line or no such line is found.
pub fn headline_sentence(text: &str, sents: &[Sent]) -> Option<usize> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(16)
        .collect();
    let dated = |l: &str| {
        super::dates::is_byline(l)
            || super::dates::is_date_only(l)
            || super::dates::mentions(l).iter().any(|m| m.year.is_some())
                && l.split_whitespace().count() <= 12
    };
    let at = lines.iter().enumerate().skip(1).find_map(|(i, l)| {
        let words = l.split_whitespace().count();
        // (Menus part their words with bars or wide gaps; buttons are bracketed.)
        let furniture = l.contains('|')
            || l.contains(" > ")
            || l.contains('›')
            || l.contains('»')
            || l.contains(['[', ']'])
            || l.contains("   ")
            || l.contains('\t');
        let headline = (4..=25).contains(&words)
            && !l.ends_with(['.', ':'])
            && !furniture
            && !dated(l)
            && lines.iter().skip(i + 1).take(5).any(|n| dated(n));
        headline.then_some(*l)
    })?;
    let start = text.find(at)?;
    sents
        .iter()
        .position(|s| s.start <= start && start < s.end.max(s.start + 1))
        .filter(|&si| !sents[si].title)
}

/// The text with each form line's dot leader (`Total number of persons affected ....... 12,904`)
/// turned into a colon and spaces of the same length, or None when it has none. A leader is a
/// run of four or more dots spaced off a label of at most 80 characters and a value.
pub fn dot_leaders_as_colons(text: &str) -> Option<String> {
    if !text.contains("....") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let Some(at) = line.find("....") else {
            out.push_str(line);
            continue;
        };
        let run = line[at..].bytes().take_while(|&b| b == b'.').count();
        let label = line[..at].trim();
        let value = line[at + run..].trim();
        // (Spaced off on both sides: `Wait.... what?` is prose.)
        let spaced = line[..at].ends_with(' ') && line[at + run..].starts_with([' ', '\t']);
        if !spaced || label.is_empty() || label.chars().count() > 80 || value.is_empty() {
            out.push_str(line);
            continue;
        }
        // The colon right after the label (`Organization name:`), as forms write it.
        let head = line[..at].trim_end();
        out.push_str(head);
        out.push(':');
        out.extend(std::iter::repeat_n(' ', at - head.len() + run - 1));
        out.push_str(&line[at + run..]);
        changed = true;
    }
    changed.then_some(out)
}

/// Whether `line` is only a rule of dashes, box-drawing or other separator characters.
fn is_rule(line: &str) -> bool {
    line.chars().count() >= 3
        && line
            .chars()
            .all(|c| "-–—―─━═=_*~·•".contains(c) || c.is_whitespace())
}

fn push(text: &str, a: usize, b: usize, block: usize, item: bool, out: &mut Vec<Sent>) {
    let piece = &text[a..b];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if piece.trim().is_empty() {
        return;
    }
    out.push(Sent {
        start: a + lead,
        end: b - trail,
        block,
        item,
        title: false,
    });
}

/// A word token: letters, digits and the marks names use inside (`&`, `'`, `.`, `-`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// The word tokens of `text[a..b]` (absolute spans). A trailing period is kept only on an
/// abbreviation-like token (`Inc.`, `U.S.`, `Co.`); a trailing possessive `'s` stays on.
pub fn tokens(text: &str, a: usize, b: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let s = &text[a..b];
    let mut start: Option<usize> = None;
    let is_word = |c: char| c.is_alphanumeric() || "&'\u{2019}.-$".contains(c);
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if is_word(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            let mut word = &s[st..i];
            // Trim leading marks and trailing marks except an abbreviation's period.
            let lead = word.len() - word.trim_start_matches(['\'', '\u{2019}', '.', '-']).len();
            word = &word[lead..];
            let mut end = word.len();
            let trimmed = word.trim_end_matches(['\'', '\u{2019}', '-', '.']);
            if trimmed.len() < word.len() {
                let abbrev = word.ends_with('.')
                    && (trimmed.contains('.')
                        || ABBREVIATIONS.contains(&trimmed.to_ascii_lowercase().as_str())
                        || (trimmed.len() <= 3
                            && trimmed.chars().next().is_some_and(char::is_uppercase)
                            && trimmed.chars().count() == 1));
                end = if abbrev {
                    trimmed.len() + 1
                } else {
                    trimmed.len()
                };
            }
            if end > 0 {
                out.push(Token {
                    start: a + st + lead,
                    end: a + st + lead + end,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_join_wrapped_lines_and_keep_abbreviations() {
        let text = "Kestrel Outdoor Co. Notice\n\nJune 2, 2024\n\nKestrel Outdoor Co. said that a laptop holding data on more than\n12,000 U.S. customers was stolen. The police were told.\n- Item one. Still one.\n";
        let s = sentences(text);
        let got: Vec<&str> = s.iter().map(|x| &text[x.start..x.end]).collect();
        assert_eq!(got[0], "Kestrel Outdoor Co. Notice");
        assert!(s[0].title);
        assert_eq!(got[1], "June 2, 2024");
        assert_eq!(
            got[2],
            "Kestrel Outdoor Co. said that a laptop holding data on more than\n12,000 U.S. customers was stolen."
        );
        assert_eq!(got[3], "The police were told.");
        assert!(s[4].item && s[5].item && s[4].block == s[5].block);
    }

    #[test]
    fn a_scraped_page_s_headline_stands_over_its_byline() {
        let text = "Retail Daily\nStores | Payments | Security\n[Subscribe]  [Sign In]\nSearch this site   [ Search ]\n\nSecurity\n\nAcme Home says attackers took over 4,100 customer accounts\n\nJane Roe\nNov. 24, 2026\n\nAcme Home said attackers logged in to accounts.\n";
        let s = sentences(text);
        let h = headline_sentence(text, &s).expect("headline");
        assert!(text[s[h].start..s[h].end].starts_with("Acme Home says"));
        // A page whose first line is its headline has no other.
        let text = "Acme Home says attackers took over accounts\nNov. 24, 2026\nAcme said so.\n";
        assert_eq!(headline_sentence(text, &sentences(text)), None);
    }

    #[test]
    fn a_form_s_dot_leaders_read_as_colons() {
        let text =
            "Organization name ........ Acme, Inc.\nTotal affected ..... 12,904\nWait.... what?\n";
        let got = dot_leaders_as_colons(text).expect("leaders");
        assert_eq!(got.len(), text.len());
        assert!(got.starts_with("Organization name:         Acme, Inc.\n"));
        assert!(got.contains("Total affected:      12,904"));
        assert_eq!(dot_leaders_as_colons("No leaders here.\n"), None);
        assert_eq!(dot_leaders_as_colons("Wait.... what?\n"), None);
    }

    #[test]
    fn a_rule_between_stories_parts_blocks() {
        let text = "Weekly\n\nIntro text here.\n────────────\n1. Harrowby Credit Union posts data\n\nAttackers encrypted its servers.\n";
        let s = sentences(text);
        let got: Vec<&str> = s.iter().map(|x| &text[x.start..x.end]).collect();
        assert!(
            got.contains(&"1. Harrowby Credit Union posts data"),
            "{got:?}"
        );
        assert!(!got.iter().any(|g| g.contains('─')), "{got:?}");
    }

    #[test]
    fn a_list_of_described_items_keeps_each_description_in_its_item() {
        let text = "Breaches this month\n\n\u{2022} Harrowby Credit Union \u{2013} 3,100 records\nAttackers encrypted its servers on 2 May. Disclosed: 9 May.\n\n\u{2022} Pell Street Dental \u{2013} 800 records\nA laptop was stolen from a car.\n\nOur view\nBoth could have been avoided.\n";
        let s = sentences(text);
        let got: Vec<(&str, bool, usize)> = s
            .iter()
            .map(|x| (&text[x.start..x.end], x.item, x.block))
            .collect();
        let harrowby = got.iter().find(|g| g.0.contains("Harrowby")).unwrap();
        let encrypted = got.iter().find(|g| g.0.starts_with("Attackers")).unwrap();
        assert!(encrypted.1 && encrypted.2 == harrowby.2);
        let stolen = got.iter().find(|g| g.0.starts_with("A laptop")).unwrap();
        assert!(stolen.1 && stolen.2 != harrowby.2);
        let view = got.iter().find(|g| g.0.starts_with("Both")).unwrap();
        assert!(!view.1);
        // A rule of dashes between records is no item.
        let s = sentences("Notices\n------------\nEntity Name: Acme Inc.\nCity: Dover\n");
        assert!(s.iter().all(|x| !x.item));
        // A plain list: the paragraph after it is no part of its last item.
        let text = "The files held:\n- names\n- addresses\nThe company said it was sorry.\n";
        let s = sentences(text);
        let said = s
            .iter()
            .find(|x| text[x.start..x.end].starts_with("The company"))
            .unwrap();
        assert!(!said.item);
    }

    #[test]
    fn a_list_number_opening_its_line_ends_no_sentence() {
        let text = "1. Harlow Dental Group \u{2013} $80,000 settlement\n\nThe practice lost a laptop. It paid.\n";
        let s = sentences(text);
        assert_eq!(
            &text[s[0].start..s[0].end],
            "1. Harlow Dental Group \u{2013} $80,000 settlement"
        );
        assert_eq!(s.len(), 3);
        // In running text a number before a full stop still ends its sentence.
        let s = sentences("The count rose to 12. Then it fell.");
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn tokens_keep_abbreviations_and_drop_sentence_periods() {
        let text = "Acme Corp. hit U.S. firms, Macy\u{2019}s said.";
        let t: Vec<&str> = tokens(text, 0, text.len())
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(
            t,
            vec![
                "Acme",
                "Corp.",
                "hit",
                "U.S.",
                "firms",
                "Macy\u{2019}s",
                "said"
            ]
        );
    }
}

/// Headings a news page puts after its story: the related stories, tags, the author's bio and
/// the newsletter box are other text (`Related Articles`, `Tags: Data Breach`).
const FURNITURE_HEADINGS: &[&str] = &[
    "related articles",
    "related stories",
    "related news",
    "related posts",
    "related content",
    "related coverage",
    "related",
    "read more",
    "read next",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "latest news",
    "latest stories",
    "most read",
    "most popular",
    "popular stories",
    "trending",
    "trending now",
    "about the author",
    "share this article",
    // a law firm's and a regulator's lists of their other cases
    "other active investigations",
    "other investigations",
    "more investigations",
    "recent investigations",
    "recent posts",
    "latest posts",
    "subscribe to our newsletter",
];

/// Line starts that open such furniture (`Tags: …`, `More from Example News`, `Sign up for …`).
const FURNITURE_STARTS: &[&str] = &[
    "tags:",
    "more from ",
    "more on ",
    "more in ",
    "sign up for ",
    // `Related: How retailers …`, `MOST READ IN SECURITY`
    "related:",
    "most read",
    "most popular",
    "more stories",
];

/// Whether a line is a heading of the furniture after a story.
pub fn is_furniture_heading(line: &str) -> bool {
    let l = line.trim().to_ascii_lowercase();
    let bare = l.trim_end_matches([':', ' ']);
    (l.len() <= 60 && FURNITURE_HEADINGS.contains(&bare))
        || FURNITURE_STARTS.iter().any(|s| l.starts_with(s)) && l.len() <= 80
        // `Related HIPAA Enforcement Actions`, `Related enforcement`: a heading, no sentence.
        || bare.starts_with("related ")
            && !bare.ends_with(['.', '!', '?'])
            && bare.split_whitespace().count() <= 5
}

/// The byte offset where the story ends: the first furniture heading line after a sentence
/// flagged in `incident`. `None` when the page has none.
pub fn story_end(text: &str, sents: &[Sent], incident: &[bool]) -> Option<usize> {
    let mut told = false;
    for (s, &inc) in sents.iter().zip(incident) {
        let line_start = text[..s.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[s.end..].find('\n').map_or(text.len(), |i| s.end + i);
        let whole_line = !text[s.start..s.end].contains('\n')
            && text[line_start..s.start].trim().is_empty()
            && text[s.end..line_end].trim().is_empty();
        // (A page's header may tag the story under its headline, `Tags: ransomware, …`,
        // before any of it is told.)
        let header_tags = in_header(text, s.start)
            && text[s.start..s.end]
                .to_ascii_lowercase()
                .starts_with("tags:");
        if told && whole_line && !header_tags && is_furniture_heading(&text[s.start..s.end]) {
            return Some(line_start);
        }
        told |= inc;
    }
    None
}

/// Whether byte `at` stands among a page's first lines (masthead, menus, headline, byline):
/// the first eight non-empty lines.
fn in_header(text: &str, at: usize) -> bool {
    text[..at].lines().filter(|l| !l.trim().is_empty()).count() < 8
}

/// Headline verbs that put a product on the market (`Acme Launches ShieldVault 4.0`).
const LAUNCH_VERBS: &[&str] = &[
    " launches ",
    " unveils ",
    " introduces ",
    " debuts ",
    " rolls out ",
];

/// Body phrases that announce a product's availability.
const AVAILABILITY: &[&str] = &[
    "general availability",
    "available today",
    "now available",
    "available immediately",
];

/// How many of the first non-empty lines may hold the headline (a wire release opens with its
/// credit line and share buttons).
const HEADLINE_LINES: usize = 8;

/// Whether the document is a vendor's product announcement: a headline that launches a product
/// and a body that announces its availability. Its breach words speak of attacks in general;
/// it reports no incident. `lower` is the document lower-cased.
pub fn product_announcement(lower: &str) -> bool {
    let headline = lower
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEADLINE_LINES)
        .any(|l| l.len() <= 200 && !l.ends_with('.') && LAUNCH_VERBS.iter().any(|v| l.contains(v)));
    headline && AVAILABILITY.iter().any(|w| lower.contains(w))
}

/// Whether the document is a statistics report: many shares (`38%`, `12 per cent`) and words
/// of counting (`statistics`, `our count`, `key findings`). The breaches it counts are unnamed
/// or only examples of a trend; it reports no incident of its own.
pub fn statistics_report(lower: &str) -> bool {
    const COUNTING: &[&str] = &[
        "statistics",
        "key findings",
        "our count",
        "our analysis",
        "our data",
        "survey",
        "the report found",
        "year-on-year",
        "year over year",
    ];
    let shares = lower.matches('%').count()
        + lower.matches(" per cent").count()
        + lower.matches(" percent").count();
    shares >= 6 && COUNTING.iter().any(|w| lower.contains(w))
}

/// Whether the document is a reader's-questions column: a headline that asks its columnist
/// (`Ask the Tech Desk: …`), a reader's letter and its answer (`Dear Marisol,` … `Dear Twice
/// Notified,`), or questions and answers (`Q:` / `A:`). The breaches it speaks of are the
/// reader's, unnamed; it reports no incident.
pub fn advice_column(lower: &str) -> bool {
    let lines: Vec<&str> = lower
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let asks = lines
        .iter()
        .take(HEADLINE_LINES)
        .any(|l| l.starts_with("ask ") && l.contains(':') && l.ends_with('?') && l.len() <= 200);
    let letters = lines
        .iter()
        .filter(|l| l.starts_with("dear ") && l.ends_with(',') && l.len() <= 50)
        .count();
    let questions = lines.iter().any(|l| l.starts_with("q:"));
    let answers = lines.iter().any(|l| l.starts_with("a:"));
    asks || letters >= 2 || (questions && answers)
}

#[cfg(test)]
mod furniture_tests {
    use super::*;

    #[test]
    fn a_reader_s_letter_and_its_answer_make_an_advice_column() {
        let column = "Weekend Money\n\nAsk Rosa: Should I worry about two breach letters?\n\nDear Rosa,\nMy clinic and my bank both wrote to me. - Worried in Elmira\n\nDear Worried,\nFreeze your credit.\n";
        assert!(advice_column(&column.to_ascii_lowercase()));
        let qa = "Tech Desk\n\nQ: Is this text a scam?\nA: Yes. Delete it.\n";
        assert!(advice_column(&qa.to_ascii_lowercase()));
        // A notice sent to the regulator and to the people affected is no column.
        let notice = "Dear Attorney General:\nWe write to notify you of an incident.\n\nDear [Name]:\nWe are writing to tell you about an incident at Harlow Dental.\n";
        assert!(!advice_column(&notice.to_ascii_lowercase()));
    }

    #[test]
    fn many_shares_and_counting_words_make_a_statistics_report() {
        let stats = "Mid-year breach statistics\n\nBreaches rose 6% to 1,200, by our count. \
                     Ransomware made up 38%, phishing 14%, human error 12%, lost devices 4% and \
                     vendors 29%.\n";
        assert!(statistics_report(&stats.to_ascii_lowercase()));
        let news = "Acme Corp said hackers stole records of 40% of its customers; shares fell 6%. \
                    The statistics office was not involved.\n";
        assert!(!statistics_report(&news.to_ascii_lowercase()));
    }

    #[test]
    fn a_product_launch_is_an_announcement_and_a_breach_notice_is_not() {
        let launch = "NEWS PROVIDED BY\nHarbin Cyber Inc.\n\nHarbin Cyber Launches VaultNine 2.0 to Stop Ransomware\n\nOMAHA -- Harbin Cyber today announced the general availability of VaultNine 2.0. Ransomware attacks stole data from thousands of firms last year.\n";
        assert!(product_announcement(&launch.to_ascii_lowercase()));
        // A company announcing an incident launches nothing.
        let notice = "Harbin Cyber Announces Data Security Incident\n\nHarbin Cyber today announced that an unauthorized party accessed its network. Credit monitoring is now available to those affected.\n";
        assert!(!product_announcement(&notice.to_ascii_lowercase()));
        // Launch words without availability are news, not a launch.
        let news = "Gang launches attack on Harbin Cyber\n\nThe group stole 40 GB of files.\n";
        assert!(!product_announcement(&news.to_ascii_lowercase()));
    }

    #[test]
    fn a_story_ends_at_the_first_furniture_heading_after_it_is_told() {
        let text = "Related\nAcme Corp said hackers stole data.\nRelated Articles\nOther Co says breach hit 80,000\nTags: Data Breach\n";
        let sents = sentences(text);
        let incident: Vec<bool> = sents
            .iter()
            .map(|s| {
                text[s.start..s.end].contains("stole") || text[s.start..s.end].contains("breach")
            })
            .collect();
        // The `Related` above the story is a section name, not its end.
        assert_eq!(
            story_end(text, &sents, &incident),
            text.find("Related Articles")
        );
        assert!(is_furniture_heading("Tags: Ransomware, Health"));
        assert!(is_furniture_heading("More from Example News"));
        assert!(is_furniture_heading("Other Active Investigations"));
        assert!(is_furniture_heading(
            "Related: How retailers harden loyalty programs against account takeover"
        ));
        assert!(is_furniture_heading("MOST READ IN SECURITY"));
        assert!(is_furniture_heading("Related HIPAA Enforcement Actions"));
        assert!(is_furniture_heading("More in Identity Theft"));
        assert!(!is_furniture_heading(
            "Related parties were notified of the incident on May 3."
        ));
        // A sentence wrapped over lines is no heading line (and is read without panicking).
        let wrapped = "A stolen laptop held data on\nmore than 26 million veterans. It was recovered.\nRead more\n";
        let sents = sentences(wrapped);
        let incident = vec![true; sents.len()];
        assert_eq!(
            story_end(wrapped, &sents, &incident),
            wrapped.find("Read more")
        );
    }
}
