//! Owns the features of an organisation entity that the victim model weighs: what kind of name
//! it is, how often and where it is mentioned, the role its mentions take in their sentences
//! (subject, target, owner, bystander) and in incident sentences in particular, the positional
//! cues the mention finder saw, the relations the structural pass found (subsidiary, contractor,
//! client), and whether the document speaks as it (the issuer). Features only: the weights that
//! turn them into a decision are learned (`learn`), never set here.

use super::{
    bullet_heading_with_anaphor, closing_signature, header_or_signature, issuer_line, mention_role,
    ranking_entry_head, Entity, Role, LEAK_SITE_VICTIM,
};
use crate::learn::linear::Features;
use crate::lexicon::{is_authority, is_school_board, mark};
use crate::org::{police_name, OrgKind, VictimCue};
use crate::scan::DocScan;
use crate::text::{is_hiragana, is_kanji, is_katakana, window_after, window_before};

/// What every entity of a document shares.
pub struct DocContext {
    title: Option<usize>,
    /// Sentences in the first person (当社/本市) in a document about an incident.
    self_ref_sentences: usize,
    /// A school or facility other than a board is named.
    school_named: bool,
    n_entities: usize,
    /// Entities with a name of a recognised kind (legal form, municipality…), not bare runs.
    named_entities: usize,
    n_sentences: usize,
    /// Start of the tail (the last fifth) of the text.
    tail_start: usize,
    /// Lines opened by a list mark (■, ・, 1.) that report an incident.
    list_items: usize,
    /// The first sentence after the title: the lead of a news story or a notice.
    first_body_sentence: usize,
    /// Per entity: the first byte where it is mentioned.
    first_pos: Vec<usize>,
    /// Per entity: mentions in incident sentences as subject, target or owner.
    incident_roles: Vec<usize>,
    /// Per entity: the entities named in one coordinated list with it (`A大▽B大`, `A、B`).
    siblings: Vec<Vec<usize>>,
    /// Items of the document's lists.
    items: usize,
    /// Per entity: items whose marker line names it, and items whose first name it is.
    item_heads: Vec<usize>,
    item_firsts: Vec<usize>,
    /// Per entity: incident lines whose subject it is (the first name standing as subject,
    /// target or owner on a line that speaks of an incident), and the number of such lines.
    local_subject: Vec<usize>,
    incident_lines: usize,
    /// Per entity: anaphors that refer back to it (`同社は`, `市によると`, `同大の`).
    anaphors: Vec<usize>,
    /// The role of every mention (`DocScan::mentions` order).
    roles: Vec<Role>,
    /// Anonymised names (`A社`, `ある自治体`) in the text, and whether it apologises.
    anonymised: usize,
    apology: bool,
    /// Per sentence: which `SENTENCE_CONTEXTS` it holds (bit i for context i), found in one
    /// pass over the text.
    sentence_contexts: Vec<u8>,
    /// Groups of entities that stand in parallel: one coordinated list (`A大▽B大▽C大`), or
    /// the first names of the items of one list that speak of an incident. When one of a
    /// group is a victim, the others likely are too.
    pub parallel: Vec<Vec<usize>>,
}

/// Anaphors and the name endings (or kinds) of what they refer to. `None` as the ending means
/// a company (legal form, corporate suffix or bare name).
const ANAPHORS: &[(&str, Option<&str>)] = &[
    ("同社", None),
    ("同市", Some("市")),
    ("同町", Some("町")),
    ("同村", Some("村")),
    ("同区", Some("区")),
    ("同県", Some("県")),
    ("同大学", Some("大学")),
    ("同大", Some("大")),
    ("同病院", Some("病院")),
    ("同院", Some("院")),
    ("同署", Some("署")),
    ("同省", Some("省")),
    ("同庁", Some("庁")),
    ("同機構", Some("機構")),
    ("同協会", Some("協会")),
    ("同組合", Some("組合")),
    ("同センター", Some("センター")),
    ("同校", Some("校")),
    ("同行", Some("銀行")),
    ("市", Some("市")),
    ("町", Some("町")),
    ("村", Some("村")),
    ("区", Some("区")),
    ("県", Some("県")),
    ("県警", Some("県警")),
];

/// What may follow an anaphor: the particles of a subject, a source or an owner.
const ANAPHOR_FOLLOWERS: &[&str] = &["は", "が", "によると", "によれば", "では", "の", "も", "で"];

/// How many anaphors refer back to each entity: each goes to the nearest entity mentioned
/// before it whose name fits (`同社` a company, `市` a city…).
fn anaphor_counts(scan: &DocScan, entities: &[Entity], owner: &[usize]) -> Vec<usize> {
    let mut out = vec![0usize; entities.len()];
    let fits = |e: &Entity, ending: Option<&str>| match ending {
        Some(end) => e.names.iter().any(|(n, _)| n.ends_with(end)),
        None => e.names.iter().all(|(_, k)| {
            matches!(
                k,
                OrgKind::LegalForm
                    | OrgKind::CorporateSuffix
                    | OrgKind::Bare
                    | OrgKind::Foreign
                    | OrgKind::Brand
            )
        }),
    };
    let text = scan.text;
    static AUTOMATON: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let ac = AUTOMATON.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(ANAPHORS.iter().map(|(w, _)| w))
            .expect("anaphor words build")
    });
    for hit in ac.find_iter(text) {
        let (word, ending) = &ANAPHORS[hit.pattern().as_usize()];
        let at = hit.start();
        {
            let end = at + word.len();
            // A standalone word: not the tail of a longer name (`青葉市は`) nor the head of
            // a compound (`市民`).
            if text[..at]
                .chars()
                .next_back()
                .is_some_and(crate::text::is_name_char)
                || !ANAPHOR_FOLLOWERS.iter().any(|f| text[end..].starts_with(f))
            {
                continue;
            }
            let before = scan.mentions.partition_point(|m| m.start < at);
            let target = (0..before)
                .rev()
                .map(|k| owner[k])
                .find(|&o| o != usize::MAX && fits(&entities[o], *ending));
            if let Some(o) = target {
                out[o] += 1;
            }
        }
    }
    out
}

/// What may stand between two names of one list: a separator, perhaps after a note in
/// parentheses (`愛媛大(松山市)▽山梨大`).
const LIST_SEPARATORS: &[&str] = &[
    "▽",
    "、",
    "・",
    "と",
    "や",
    "及び",
    "および",
    "並びに",
    ",",
    "のほか、",
    "のほか",
    "、および",
    "、そして",
    "/",
];

fn coordinated(text: &str, a_end: usize, b_start: usize) -> bool {
    let Some(mut between) = text.get(a_end..b_start) else {
        return false;
    };
    if between.starts_with('(') {
        match between.find(')') {
            Some(close) if close < 60 => between = &between[close + 1..],
            _ => return false,
        }
    }
    let between = between
        .trim_start_matches(['」', '』'])
        .trim_end_matches(['「', '『'])
        .trim();
    LIST_SEPARATORS.contains(&between) || described_item(between)
}

/// A separator, then a short description of the next item ending in `の` (`、文具通販の`):
/// the next name of the list, described.
fn described_item(between: &str) -> bool {
    let Some(rest) = between.strip_prefix('、') else {
        return false;
    };
    rest.strip_suffix('の').is_some_and(|d| {
        (2..=10).contains(&d.chars().count())
            && !d.contains(['、', '。', '(', ')', '「', '」'])
            && !d.contains('の')
    })
}

/// The entities each entity is listed with, from adjacent mentions joined by a separator.
/// `owner`: each mention's entity ([`super::entities::mention_owners`]).
fn list_siblings(scan: &DocScan, owner: &[usize], n_entities: usize) -> Vec<Vec<usize>> {
    let mut sib: Vec<Vec<usize>> = vec![Vec::new(); n_entities];
    let link = |a: usize, b: usize, sib: &mut Vec<Vec<usize>>| {
        if a != b && a != usize::MAX && b != usize::MAX && !sib[a].contains(&b) {
            sib[a].push(b);
            sib[b].push(a);
        }
    };
    for i in 0..scan.mentions.len() {
        let a = &scan.mentions[i];
        // Past a note in parentheses after the name (`緑川大(緑川市)▽…`): the place named
        // inside it is no item of the list.
        let mut from = a.end;
        if let Some(rest) = scan.text[a.end..].strip_prefix('(') {
            if let Some(close) = rest.find(')').filter(|&c| c < 60) {
                from = a.end + 1 + close + 1;
            }
        }
        let Some(j) = (i + 1..scan.mentions.len()).find(|&j| scan.mentions[j].start >= from) else {
            continue;
        };
        if scan.mention_sentence[i] == scan.mention_sentence[j]
            && coordinated(scan.text, from, scan.mentions[j].start)
        {
            link(owner[i], owner[j], &mut sib);
        }
    }
    // Transitively: A、B、C are all one list.
    let mut changed = true;
    while changed {
        changed = false;
        for a in 0..sib.len() {
            for b in sib[a].clone() {
                for c in sib[b].clone() {
                    if c != a && !sib[a].contains(&c) {
                        sib[a].push(c);
                        changed = true;
                    }
                }
            }
        }
    }
    sib
}

/// Media outlets: they report incidents, and are victims only of their own.
const MEDIA_WORDS: &[&str] = &[
    "新聞",
    "日報",
    "民報",
    "新報",
    "通信社",
    "放送",
    "テレビ",
    "NHK",
    "TV",
    "ニュース",
    "ITmedia",
    "日経",
    "共同通信",
    "時事通信",
    "毎日",
    "朝日",
    "読売",
    "産経",
];

pub fn is_media_name(name: &str) -> bool {
    static MEDIA: crate::text::WordSet = crate::text::WordSet::new(MEDIA_WORDS);
    MEDIA.found_in(name)
}

fn is_list_item_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with([
        '■', '●', '◆', '◇', '□', '▼', '▶', '★', '◎', '○', '・', '【', '▽', '①', '②', '③',
    ]) || (t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .find(|c| !c.is_ascii_digit())
            .is_some_and(|c| matches!(c, '.' | ')' | '位' | ' ' | '/')))
        || t.starts_with("第") && t.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
}

impl DocContext {
    pub fn new(scan: &DocScan, entities: &[Entity]) -> DocContext {
        let n_sentences = scan.layout.sentences.len();
        // The role of every mention, worked out once.
        let roles: Vec<Role> = scan
            .mentions
            .iter()
            .map(|m| mention_role(scan, m))
            .collect();
        let any_incident = (0..n_sentences).any(|s| scan.has(s, mark::INCIDENT));
        let self_ref_sentences = if any_incident {
            (0..n_sentences)
                .filter(|&s| scan.has(s, mark::SELF_REF))
                .count()
        } else {
            0
        };
        let school_named = entities.iter().any(|e| {
            e.names.iter().any(|(n, k)| {
                !is_school_board(n)
                    && (*k == OrgKind::MunicipalFacility
                        || ["学校", "高校", "中学校", "小学校"]
                            .iter()
                            .any(|w| n.ends_with(w)))
            })
        });
        let list_items = (0..scan.layout.lines.len())
            .filter(|&l| {
                let (a, b) = scan.layout.line_sentences[l];
                is_list_item_line(scan.layout.line_text(scan.text, l))
                    && (a..b).any(|s| scan.has(s, mark::INCIDENT))
            })
            .count();
        let first_pos = entities
            .iter()
            .map(|e| {
                e.mentions
                    .iter()
                    .map(|&m| scan.mentions[m].start)
                    .min()
                    .unwrap_or(usize::MAX)
            })
            .collect();
        let incident_roles = entities
            .iter()
            .map(|e| {
                e.mentions
                    .iter()
                    .filter(|&&mi| {
                        scan.has(scan.mention_sentence[mi], mark::INCIDENT)
                            && matches!(roles[mi], Role::Subject | Role::Target | Role::Possessive)
                    })
                    .count()
            })
            .collect();
        let title = scan.title_line();
        let first_body_sentence = (0..n_sentences)
            .find(|&s| Some(scan.line_of(s)) != title)
            .unwrap_or(0);
        let owner = super::entities::mention_owners(scan, entities);
        let siblings = list_siblings(scan, &owner, entities.len());
        let items = scan.list_items();
        let mut item_heads = vec![0usize; entities.len()];
        let mut item_firsts = vec![0usize; entities.len()];
        let mut parallel: Vec<Vec<usize>> = Vec::new();
        let mut family_heads: Vec<(crate::lists::Marker, Vec<usize>)> = Vec::new();
        for item in items {
            let line = scan.layout.lines[item.first_line];
            let end = scan.layout.lines[item.last_line].end;
            let (a, _) = scan.layout.line_sentences[item.first_line];
            let (_, b) = scan.layout.line_sentences[item.last_line];
            let incident_item = (a..b).any(|x| scan.has(x, mark::INCIDENT));
            let mut first = true;
            for (mi, m) in scan.mentions.iter().enumerate() {
                if m.start < line.start || m.start >= end || owner[mi] == usize::MAX {
                    continue;
                }
                if first {
                    item_firsts[owner[mi]] += 1;
                    first = false;
                    if incident_item {
                        match family_heads.iter_mut().find(|(mk, _)| *mk == item.marker) {
                            Some((_, v)) => {
                                if !v.contains(&owner[mi]) {
                                    v.push(owner[mi]);
                                }
                            }
                            None => family_heads.push((item.marker, vec![owner[mi]])),
                        }
                    }
                }
                if m.start < line.end {
                    item_heads[owner[mi]] += 1;
                }
            }
        }
        let mut local_subject = vec![0usize; entities.len()];
        let mut incident_lines = 0usize;
        let mut mi = 0usize;
        for (l, line) in scan.layout.lines.iter().enumerate() {
            let (a, b) = scan.layout.line_sentences[l];
            let incident = (a..b).any(|s| scan.has(s, mark::INCIDENT));
            while mi < scan.mentions.len() && scan.mentions[mi].start < line.start {
                mi += 1;
            }
            if !incident {
                continue;
            }
            incident_lines += 1;
            let subject = (mi..scan.mentions.len())
                .take_while(|&k| scan.mentions[k].start < line.end)
                .find(|&k| {
                    owner[k] != usize::MAX
                        && matches!(roles[k], Role::Subject | Role::Target | Role::Possessive)
                });
            if let Some(k) = subject {
                local_subject[owner[k]] += 1;
            }
        }
        let anaphors = anaphor_counts(scan, entities, &owner);
        parallel.extend(
            family_heads
                .into_iter()
                .map(|(_, v)| v)
                .filter(|v| v.len() >= 2),
        );
        for (ei, sib) in siblings.iter().enumerate() {
            if sib.is_empty() || sib.iter().any(|&o| o < ei) {
                continue; // one group per coordinated list, from its lowest entity
            }
            let mut g = vec![ei];
            g.extend(sib.iter().copied());
            parallel.push(g);
        }
        let words = doc_words(scan);
        DocContext {
            anonymised: words.anonymised,
            apology: words.apology,
            roles,
            sentence_contexts: sentence_contexts(scan),
            parallel,
            anaphors,
            local_subject,
            incident_lines,
            items: items.len(),
            item_heads,
            item_firsts,
            siblings,
            first_body_sentence,
            title,
            self_ref_sentences,
            school_named,
            n_entities: entities.len(),
            named_entities: entities
                .iter()
                .filter(|e| {
                    !e.mentions.is_empty() && e.names.iter().any(|(_, k)| *k != OrgKind::Bare)
                })
                .count(),
            n_sentences,
            tail_start: scan.text.len() * 4 / 5,
            list_items,
            first_pos,
            incident_roles,
        }
    }
}

impl DocContext {
    /// Whether the document apologises (お詫び, 謝罪…).
    pub(super) fn apologises(&self) -> bool {
        self.apology
    }
}

/// The features of the "no victim" choice of a document: what makes a text advice, a
/// statistic or an anonymised case list rather than a report of an incident. The ranker
/// weighs it against the entities, so a document reports no incident when it scores highest.
pub fn none_features(scan: &DocScan, doc: &DocContext) -> Features {
    let mut f = Features::new();
    f.flag("none.bias", true);
    let n = doc.n_sentences.max(1) as f32;
    let share = |flag: u32| (0..doc.n_sentences).filter(|&s| scan.has(s, flag)).count() as f32 / n;
    f.add("none.incident_share", share(mark::INCIDENT));
    f.add("none.leak_share", share(mark::LEAK));
    f.add("none.generic_share", share(mark::GENERIC));
    f.add("none.advice_share", share(mark::ADVICE));
    f.add("none.statistics_share", share(mark::STAT));
    f.add("none.survey_share", share(mark::SURVEY));
    f.flag("none.first_person", doc.self_ref_sentences > 0);
    f.flag("none.no_named_entities", doc.named_entities == 0);
    f.count("none.named_entities", doc.named_entities);
    // Anonymised cases: `A社`, `B市`, `ある自治体`, `某大学`.
    f.count("none.anonymised", doc.anonymised);
    f.flag("none.apology", doc.apology);
    f.count("none.causes", scan.causes.len());
    f.count("none.list_items", doc.list_items);
    f
}

/// The longest line read as a table row.
const TABLE_ROW_MAX_BYTES: usize = 2_000;

/// Whether mention `mi` fills a cell of a table row (`|` on both sides, NFKC having made
/// `｜` ASCII) whose row tells an incident (a cause word, or a leak or incident word).
fn table_row_incident(scan: &DocScan, mi: usize) -> bool {
    let m = &scan.mentions[mi];
    let s = scan.mention_sentence[mi];
    let line = scan.layout.line_text(scan.text, scan.line_of(s));
    // A table row is short; a long line is never read once per mention.
    if line.len() > TABLE_ROW_MAX_BYTES {
        return false;
    }
    let line_start = line.as_ptr() as usize - scan.text.as_ptr() as usize;
    let (Some(a), Some(b)) = (
        m.start.checked_sub(line_start),
        m.end.checked_sub(line_start),
    ) else {
        return false;
    };
    let (Some(before), Some(after)) = (line.get(..a), line.get(b..)) else {
        return false;
    };
    let is_bar = |c: char| c == '|' || c == '｜';
    before.trim_end().ends_with(is_bar)
        && after.trim_start().starts_with(is_bar)
        && line.chars().filter(|&c| is_bar(c)).count() >= 3
        && (crate::lexicon::contains_cause_term(line)
            || scan.has(s, mark::LEAK)
            || scan.has(s, mark::INCIDENT))
}

/// The features of entity `ei`.
pub fn entity_features(
    scan: &DocScan,
    entities: &[Entity],
    ei: usize,
    doc: &DocContext,
) -> Features {
    let e = &entities[ei];
    let mut f = Features::new();
    // Kinds of name.
    let has_kind = |k: OrgKind| e.names.iter().any(|(_, nk)| *nk == k);
    f.flag("kind.legal_form", has_kind(OrgKind::LegalForm));
    f.flag("kind.corporate_suffix", has_kind(OrgKind::CorporateSuffix));
    f.flag("kind.municipality", has_kind(OrgKind::Municipality));
    f.flag(
        "kind.municipal_facility",
        has_kind(OrgKind::MunicipalFacility),
    );
    f.flag("kind.university", has_kind(OrgKind::University));
    f.flag("kind.hospital", has_kind(OrgKind::Hospital));
    f.flag("kind.government", has_kind(OrgKind::Government));
    f.flag("kind.foreign", has_kind(OrgKind::Foreign));
    let brand_only = e.names.iter().all(|(_, k)| *k == OrgKind::Brand);
    let bare_only = e.names.iter().all(|(_, k)| *k == OrgKind::Bare);
    f.flag("kind.brand_only", brand_only);
    f.flag("kind.bare_only", bare_only);
    f.flag(
        "name.introduced_as_company",
        e.mentions
            .iter()
            .any(|&mi| crate::org::introduced_as_company(scan.text, scan.mentions[mi].start)),
    );
    let names = || e.names.iter().map(|(n, _)| n.as_str());
    let police = names().any(police_name);
    let board = names().any(is_school_board);
    f.flag("name.police", police);
    f.flag("name.school_board", board);
    f.flag(
        "name.school_board_and_school_named",
        board && doc.school_named,
    );
    f.flag("name.operator_of_named_facility", e.operates_named_facility);
    f.flag("name.facility_of_named_operator", e.operated_by.is_some());
    f.flag(
        "name.authority",
        !police && !board && names().any(is_authority),
    );
    f.flag("name.media", names().any(is_media_name));
    f.flag(
        "name.on_credit_line",
        e.mentions
            .iter()
            .any(|&mi| super::roles::credited_mention(scan, mi)),
    );
    f.flag("name.threat_actor", e.is_threat_actor());
    // The shape of a name found only by its position tells a name from a word; a name with a
    // legal form or an organisation suffix needs no such test.
    if bare_only || brand_only {
        let (name, _) = e.canonical_name(scan);
        let chars: Vec<char> = name.chars().collect();
        f.flag("shape.latin", chars.iter().all(|c| c.is_ascii()));
        f.flag(
            "shape.katakana",
            chars
                .iter()
                .all(|&c| is_katakana(c) || c == 'ー' || c == '・'),
        );
        f.flag("shape.kanji", chars.iter().all(|&c| is_kanji(c)));
        f.flag(
            "shape.hiragana_inside",
            chars.iter().any(|&c| is_hiragana(c)),
        );
        f.flag("shape.short", chars.len() <= 3);
        f.flag("shape.long", chars.len() >= 12);
    }
    f.count("names", e.names.len());
    // Mentions and where they stand.
    f.count("mentions", e.mentions.len());
    let first = doc.first_pos[ei];
    let first_sentence = scan.layout.sentence_at(first).unwrap_or(0);
    let first_line = scan.line_of(first_sentence);
    f.flag("first.in_title", Some(first_line) == doc.title);
    f.flag("first.in_first_3_sentences", first_sentence < 3);
    f.add(
        "first.position",
        first_sentence as f32 / doc.n_sentences.max(1) as f32,
    );
    f.flag("first.in_tail", first >= doc.tail_start);
    let earliest = doc.first_pos.iter().copied().min().unwrap_or(usize::MAX);
    f.flag("rank.first_named", first == earliest);
    let max_roles = doc.incident_roles.iter().copied().max().unwrap_or(0);
    f.flag(
        "rank.most_incident_roles",
        max_roles > 0 && doc.incident_roles[ei] == max_roles,
    );
    let max_mentions = entities.iter().map(|x| x.mentions.len()).max().unwrap_or(0);
    f.flag("rank.most_mentions", e.mentions.len() == max_mentions);
    f.flag("rank.only_entity", doc.n_entities == 1);
    // Each mention: its role, in or out of incident sentences, and its cue.
    let mut counts = RoleCounts::default();
    for &mi in &e.mentions {
        let m = &scan.mentions[mi];
        let s = scan.mention_sentence[mi];
        let incident = scan.has(s, mark::INCIDENT);
        let role = doc.roles[mi];
        counts.add(role, incident);
        let title = Some(scan.line_of(s)) == doc.title;
        if title {
            counts.title += 1;
            if matches!(role, Role::Subject | Role::Target) {
                counts.title_subject += 1;
            }
        }
        counts.generic += usize::from(scan.has(s, mark::GENERIC));
        counts.background += usize::from(scan.has(s, mark::BACKGROUND));
        counts.survey += usize::from(scan.has(s, mark::SURVEY));
        counts.advice += usize::from(scan.has(s, mark::ADVICE));
        counts.stat += usize::from(scan.has(s, mark::STAT));
        counts.leak += usize::from(scan.has(s, mark::LEAK));
        counts.hedge += usize::from(scan.has(s, mark::HEDGE));
        match m.cue {
            VictimCue::Announcement => counts.announcement += 1,
            VictimCue::AttackTarget => counts.attack_target += 1,
            VictimCue::GroupList => counts.group_list += 1,
            VictimCue::Heading => counts.heading += 1,
            VictimCue::TitleSubject => counts.title_subject_cue += 1,
            VictimCue::BrandContext => counts.brand_context += 1,
            VictimCue::None => {}
        }
        if incident && ranking_entry_head(scan, m, s) {
            counts.ranking_head += 1;
        }
        let after = window_after(scan.text, m.end, 60);
        let after = after
            .strip_prefix('」')
            .or_else(|| after.strip_prefix('』'))
            .unwrap_or(after);
        if LEAK_SITE_VICTIM.iter().any(|w| after.starts_with(w)) {
            counts.leak_site += 1;
        }
        if ["によると", "によれば", "の発表によると"]
            .iter()
            .any(|w| after.starts_with(w))
        {
            counts.attribution += 1;
        }
        let before = window_before(scan.text, m.start, 30);
        if (before.ends_with("件の") || before.ends_with("人分の") || before.ends_with("名分の"))
            && incident
        {
            counts.count_prefix += 1;
        }
        if bullet_heading_with_anaphor(scan, m, s) {
            counts.bullet_anaphor += 1;
        }
        // A sentence that opens with the name.
        let sentence_start = scan.layout.sentences.get(s).map_or(0, |x| x.start);
        let lead = scan.text.get(sentence_start..m.start).unwrap_or("");
        if lead.trim().len() <= 6 && matches!(role, Role::Subject) {
            counts.sentence_opening_subject += 1;
        }
        if before.ends_with("委託先") || before.ends_with("委託先の") {
            counts.after_contractor_word += 1;
        }
        if m.relation_hint.is_some() {
            counts.relation_hint += 1;
        }
        // The particle right after the name (past a closing quote or a note in parentheses).
        let mut next = after;
        if let Some(rest) = next.strip_prefix('(') {
            if let Some(close) = rest.find(')') {
                next = &rest[close + 1..];
            }
        }
        for (i, (p, _)) in PARTICLES.iter().enumerate() {
            if next.starts_with(p) {
                counts.particles[i] += 1;
                break;
            }
        }
        if before.ends_with('の') {
            counts.after_no += 1;
        }
        // `森永製菓(164万8,922人)` / `J社の191万人`: a count stated right after the name.
        let note = next_note(after);
        if count_start(note) {
            counts.count_after += 1;
        }
        if before.ends_with('「') || before.ends_with('『') {
            counts.quoted += 1;
        }
        let context = doc.sentence_contexts.get(s).copied().unwrap_or(0);
        for (i, slot) in counts.contexts.iter_mut().enumerate() {
            if context & (1 << i) != 0 {
                *slot += 1;
            }
        }
        if s == doc.first_body_sentence {
            counts.lead_sentence += 1;
        }
        let line = scan.line_of(s);
        if header_or_signature(scan, line, 4) && issuer_line(scan, line, m) {
            counts.issuer_line += 1;
        }
        if closing_signature(scan, m) {
            counts.closing_signature += 1;
        }
    }
    counts.emit(&mut f);
    // Relations found by the structural pass.
    match e.relation_hint {
        Some("子会社") => f.flag("relation.subsidiary_hint", true),
        Some("親会社") => f.flag("relation.parent_hint", true),
        Some("委託先") => f.flag("relation.contractor_hint", true),
        Some("委託元") => f.flag("relation.client_hint", true),
        _ => {}
    }
    f.flag("relation.contractor_named_by_client", e.contractor_named);
    f.flag(
        "relation.subsidiary_in_incident_clause",
        e.subsidiary_in_clause,
    );
    // The document speaks as this organisation.
    f.flag("issuer.first_person", e.issuer);
    f.add("issuer.header_weight", e.header_weight.min(8.0) / 4.0);
    // A row of a table of incidents (`10/2|株式会社A|ランサムウェア|約2万件|…`).
    f.flag(
        "list.table_row_incident",
        e.mentions.iter().any(|&mi| table_row_incident(scan, mi)),
    );
    // Listed with others (`A大▽B大▽C大`): the list shares one predicate.
    let sib = &doc.siblings[ei];
    f.count("list.siblings", sib.len());
    let sib_roles = sib
        .iter()
        .map(|&o| doc.incident_roles[o])
        .max()
        .unwrap_or(0);
    f.count("list.sibling_incident_roles", sib_roles);
    f.flag(
        "list.sibling_same_kind",
        sib.iter().any(|&o| {
            entities[o]
                .names
                .iter()
                .any(|(_, k)| e.names.iter().any(|(_, ek)| ek == k))
        }),
    );
    // Referred back to (`同社は`, `市によると`): the organisation the text keeps speaking of.
    f.count("anaphors", doc.anaphors[ei]);
    // The subject of incident lines: a digest's or a news story's paragraphs each speak of
    // their own victim.
    f.count("line.local_subject", doc.local_subject[ei]);
    f.add(
        "line.local_subject_share",
        doc.local_subject[ei] as f32 / doc.incident_lines.max(1) as f32,
    );
    // Items of a digest, ranking or dated list: the first name of an item is its subject.
    f.count("item.heads", doc.item_heads[ei]);
    f.count("item.first_named", doc.item_firsts[ei]);
    f.flag(
        "item.none_in_list_doc",
        doc.items >= 2 && doc.item_heads[ei] + doc.item_firsts[ei] == 0,
    );
    // Document context: these shift every entity of the document alike.
    f.flag("doc.first_person", doc.self_ref_sentences > 0);
    f.count("doc.list_items", doc.list_items);
    f.count("doc.items", doc.items);
    f.flag(
        "doc.list_items_x_heading",
        doc.list_items >= 2 && counts_heading(&f),
    );
    // Conjunctions a linear model cannot form itself.
    let subj_incident = f.get("role.subject.incident") + f.get("role.target.incident") > 0.0;
    f.flag(
        "x.authority_subject_incident",
        f.get("name.authority") > 0.0 && subj_incident,
    );
    f.flag("x.police_subject_incident", police && subj_incident);
    f.flag(
        "x.media_subject_incident",
        f.get("name.media") > 0.0 && subj_incident,
    );
    f.flag(
        "x.brand_first_person",
        brand_only && doc.self_ref_sentences > 0,
    );
    // A bare name is usually a word; one the text refers back to (同社は) or that stands as the
    // subject of an incident sentence or a line is usually a name.
    f.flag("x.bare_with_anaphor", bare_only && doc.anaphors[ei] > 0);
    f.flag("x.bare_subject_incident", bare_only && subj_incident);
    f.flag(
        "x.bare_line_subject",
        bare_only && doc.local_subject[ei] > 0,
    );
    f.flag("x.bare_title", bare_only && f.get("title.mentions") > 0.0);
    f.flag(
        "x.strong_kind_subject_incident",
        subj_incident
            && (has_kind(OrgKind::LegalForm)
                || has_kind(OrgKind::Municipality)
                || has_kind(OrgKind::MunicipalFacility)
                || has_kind(OrgKind::University)
                || has_kind(OrgKind::Hospital)),
    );
    f
}

/// What follows a name past `(` or `の`: `(46万988人)` → `46万988人)`.
fn next_note(after: &str) -> &str {
    after
        .strip_prefix('(')
        .or_else(|| after.strip_prefix('の'))
        .unwrap_or("")
}

/// Whether `s` opens with a count of people or records (`約360件`, `191万3,854人`).
fn count_start(s: &str) -> bool {
    let s = s.strip_prefix('約').unwrap_or(s);
    let digits = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || ",万億千".contains(c)))
        .map_or(s.len(), |(i, _)| i);
    digits > 0 && s[digits..].starts_with(['人', '件', '名'])
}

fn counts_heading(f: &Features) -> bool {
    f.get("cue.heading") > 0.0
        || f.get("cue.ranking_head") > 0.0
        || f.get("cue.bullet_anaphor") > 0.0
}

/// Particles after a mention, and their feature names.
const PARTICLES: &[(&str, &str)] = &[
    ("では", "after.deha"),
    ("は", "after.wa"),
    ("が", "after.ga"),
    ("の", "after.no"),
    ("に", "after.ni"),
    ("で", "after.de"),
    ("から", "after.kara"),
    ("と", "after.to"),
    ("や", "after.ya"),
    ("も", "after.mo"),
    ("を", "after.wo"),
    ("へ", "after.he"),
    ("、", "after.comma"),
];

/// Words of a sentence that tell what the organisations in it are doing.
const SENTENCE_CONTEXTS: &[(&str, &[&str])] = &[
    ("sentence.apology", &["お詫び", "おわび", "謝罪", "陳謝"]),
    (
        "sentence.announced",
        &[
            "発表",
            "公表",
            "明らかにし",
            "明らかになっ",
            "分かった",
            "わかった",
        ],
    ),
    (
        "sentence.arrest",
        &["逮捕", "容疑", "送検", "起訴", "判決", "書類送"],
    ),
    (
        "sentence.reported_to",
        &["報告", "届け出", "届出", "相談", "通報", "連絡"],
    ),
    (
        "sentence.sanction",
        &["行政指導", "勧告", "命令", "処分", "指導"],
    ),
    ("sentence.contracted", &["委託", "受託", "外部業者"]),
    (
        "sentence.investigation",
        &["調査", "フォレンジック", "専門家", "セキュリティ会社"],
    ),
];

/// Words the "no victim" choice reads, counted in one pass.
struct DocWords {
    anonymised: usize,
    apology: bool,
}

fn doc_words(scan: &DocScan) -> DocWords {
    const ANONYMISED: &[&str] = &[
        "A社",
        "B社",
        "C社",
        "A市",
        "B市",
        "ある自治体",
        "ある企業",
        "某",
    ];
    // (`申し訳ございません` apologises too: a notice that says only that is an apology.)
    const APOLOGY: &[&str] = &[
        "お詫び",
        "おわび",
        "謝罪",
        "陳謝",
        "申し訳ござ",
        "申し訳あり",
    ];
    static AUTOMATON: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let ac = AUTOMATON.get_or_init(|| {
        aho_corasick::AhoCorasick::new(ANONYMISED.iter().chain(APOLOGY)).expect("doc words build")
    });
    let mut out = DocWords {
        anonymised: 0,
        apology: false,
    };
    for m in ac.find_iter(scan.text) {
        if m.pattern().as_usize() < ANONYMISED.len() {
            out.anonymised += 1;
        } else if !inside_quotes(scan.text, m.start()) {
            out.apology = true;
        }
    }
    out
}

/// Whether `at` lies inside 「」 opened on its line: words quoted (a scam's 「情報流出のお詫び」, a
/// release's title) are not the writer's own.
fn inside_quotes(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    before.matches('「').count() > before.matches('」').count()
}

/// The sentence contexts of every sentence, from one automaton pass over the text.
fn sentence_contexts(scan: &DocScan) -> Vec<u8> {
    static AUTOMATON: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<u8>)> =
        std::sync::OnceLock::new();
    let (ac, bits) = AUTOMATON.get_or_init(|| {
        let mut words = Vec::new();
        let mut bits = Vec::new();
        for (i, (_, ws)) in SENTENCE_CONTEXTS.iter().enumerate() {
            for w in *ws {
                words.push(*w);
                bits.push(1u8 << i);
            }
        }
        let ac = aho_corasick::AhoCorasick::new(words).expect("sentence context words build");
        (ac, bits)
    });
    let mut out = vec![0u8; scan.layout.sentences.len()];
    for m in ac.find_overlapping_iter(scan.text) {
        if let Some(s) = scan.layout.sentence_at(m.start()) {
            out[s] |= bits[m.pattern().as_usize()];
        }
    }
    out
}

#[derive(Default)]
struct RoleCounts {
    particles: [usize; 13],
    contexts: [usize; 7],
    after_no: usize,
    count_after: usize,
    quoted: usize,
    lead_sentence: usize,
    subject_incident: usize,
    target_incident: usize,
    possessive_incident: usize,
    other_incident: usize,
    bystander: usize,
    subject_other: usize,
    possessive_other: usize,
    other_other: usize,
    title: usize,
    title_subject: usize,
    generic: usize,
    background: usize,
    survey: usize,
    advice: usize,
    stat: usize,
    leak: usize,
    hedge: usize,
    announcement: usize,
    attack_target: usize,
    group_list: usize,
    heading: usize,
    title_subject_cue: usize,
    brand_context: usize,
    ranking_head: usize,
    leak_site: usize,
    attribution: usize,
    count_prefix: usize,
    bullet_anaphor: usize,
    sentence_opening_subject: usize,
    after_contractor_word: usize,
    relation_hint: usize,
    issuer_line: usize,
    /// Mentions that close the text as its signature.
    closing_signature: usize,
    total: usize,
}

impl RoleCounts {
    fn add(&mut self, role: Role, incident: bool) {
        self.total += 1;
        let slot = match (role, incident) {
            (Role::Subject, true) => &mut self.subject_incident,
            (Role::Target, true) => &mut self.target_incident,
            (Role::Possessive, true) => &mut self.possessive_incident,
            (Role::Other, true) => &mut self.other_incident,
            (Role::Bystander, _) => &mut self.bystander,
            (Role::Subject | Role::Target, false) => &mut self.subject_other,
            (Role::Possessive, false) => &mut self.possessive_other,
            (Role::Other, false) => &mut self.other_other,
        };
        *slot += 1;
    }

    fn emit(&self, f: &mut Features) {
        f.count("role.subject.incident", self.subject_incident);
        f.count("role.target.incident", self.target_incident);
        f.count("role.owner.incident", self.possessive_incident);
        f.count("role.other.incident", self.other_incident);
        f.count("role.bystander", self.bystander);
        f.count("role.subject.elsewhere", self.subject_other);
        f.count("role.owner.elsewhere", self.possessive_other);
        f.count("role.other.elsewhere", self.other_other);
        f.flag(
            "role.only_bystander",
            self.bystander == self.total && self.total > 0,
        );
        f.count("title.mentions", self.title);
        f.flag("title.subject", self.title_subject > 0);
        let n = self.total.max(1) as f32;
        f.add("sentences.generic", self.generic as f32 / n);
        f.add("sentences.background", self.background as f32 / n);
        f.add("sentences.survey", self.survey as f32 / n);
        f.add("sentences.advice", self.advice as f32 / n);
        f.add("sentences.statistics", self.stat as f32 / n);
        f.count("sentences.leak", self.leak);
        f.count("sentences.hedged", self.hedge);
        f.count("cue.announcement", self.announcement);
        f.count("cue.attack_target", self.attack_target);
        f.count("cue.group_list", self.group_list);
        f.count("cue.heading", self.heading);
        f.count("cue.title_subject", self.title_subject_cue);
        f.count("cue.brand_context", self.brand_context);
        f.count("cue.ranking_head", self.ranking_head);
        f.count("cue.leak_site", self.leak_site);
        f.count("cue.attribution", self.attribution);
        f.count("cue.count_before", self.count_prefix);
        f.count("cue.bullet_anaphor", self.bullet_anaphor);
        f.count(
            "cue.sentence_opening_subject",
            self.sentence_opening_subject,
        );
        f.count("cue.after_contractor_word", self.after_contractor_word);
        f.count("cue.relation_word", self.relation_hint);
        f.count("cue.issuer_line", self.issuer_line);
        f.flag("cue.closing_signature", self.closing_signature > 0);
        for (i, (_, name)) in PARTICLES.iter().enumerate() {
            f.count(name, self.particles[i]);
        }
        for (i, (name, _)) in SENTENCE_CONTEXTS.iter().enumerate() {
            f.count(name, self.contexts[i]);
        }
        f.count("before.no", self.after_no);
        f.count("cue.count_after", self.count_after);
        f.count("quoted", self.quoted);
        f.count("lead_sentence", self.lead_sentence);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;
    use crate::org::OrgFinder;
    use crate::victims::{group_entities, prepare_entities};

    /// The features of every entity of `text`, by canonical name.
    fn features(text: &str) -> Vec<(String, Features)> {
        let lex = Lexicons::new();
        let orgs = OrgFinder::new();
        let scan = DocScan::new(text, &lex, &orgs);
        let mut ents = group_entities(&scan);
        prepare_entities(&scan, &mut ents);
        let doc = DocContext::new(&scan, &ents);
        (0..ents.len())
            .filter(|&i| !ents[i].mentions.is_empty())
            .map(|i| {
                (
                    ents[i].canonical_name(&scan).0,
                    entity_features(&scan, &ents, i, &doc),
                )
            })
            .collect()
    }

    fn of<'a>(all: &'a [(String, Features)], name: &str) -> &'a Features {
        &all.iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| {
                panic!(
                    "{name} not among {:?}",
                    all.iter().map(|x| &x.0).collect::<Vec<_>>()
                )
            })
            .1
    }

    #[test]
    fn the_announcer_of_a_quoted_headline_is_its_subject() {
        let f = features(
            "1月に最も被害規模が大きかったのは、株式会社青葉商事による「青葉ストアに\
             不正アクセス、会員情報12万件が漏えいした可能性」の12万件だった。",
        );
        let shop = of(&f, "株式会社青葉商事");
        assert_eq!(shop.get("role.bystander"), 0.0, "{shop:?}");
        assert!(shop.get("role.subject.incident") > 0.0, "{shop:?}");
        let f = features(
            "筆者は、昨年取り上げた株式会社青葉商事による「青葉ストアに不正アクセス」以来、\
             半年ぶりに通知を受け取った。",
        );
        assert_eq!(of(&f, "株式会社青葉商事").get("role.subject.incident"), 0.0);
    }

    #[test]
    fn the_publisher_on_a_credit_line_is_marked_and_no_header() {
        let f = features(
            "緑川町の職員、住民名簿を外部に提供\n緑川町は5日、職員が住民120人の名簿を\
             自治会に渡していたと発表した。町は職員を処分する。\n© 株式会社青葉新報社",
        );
        let publisher = of(&f, "株式会社青葉新報社");
        assert!(publisher.get("name.on_credit_line") > 0.0);
        assert_eq!(publisher.get("issuer.header_weight"), 0.0);
        assert_eq!(of(&f, "緑川町").get("name.on_credit_line"), 0.0);
        assert!(super::super::roles::credit_line(
            "Copyright 2024 Aoba Shimpo. All rights reserved."
        ));
        assert!(!super::super::roles::credit_line(
            "株式会社青葉新報社は5日、発表した。"
        ));
        // A byline credits its publisher too.
        assert!(super::super::roles::credit_line(
            "掲載:2026年1月19日 文責:あおば安全通信 編集室"
        ));
        assert!(super::super::roles::credit_line(
            "2024年7月8日発行 発行:ことり情報研究会"
        ));
        // So does a news outlet's name alone in brackets, not a bracketed heading.
        assert!(super::super::roles::credit_line("[ひばりテレビ]"));
        assert!(super::super::roles::credit_line("(みなと経済新聞)"));
        assert!(!super::super::roles::credit_line("【株式会社みなと商事】"));
        // And a news site's masthead or its link back, not a company's own news heading.
        assert!(super::super::roles::credit_line("ひばりテレビ NEWS"));
        assert!(super::super::roles::credit_line(
            "ひばりテレビ NEWS トップへ"
        ));
        assert!(!super::super::roles::credit_line(
            "株式会社みなと商事 ニュース"
        ));
    }

    #[test]
    fn a_name_in_a_cell_of_an_incident_table_row() {
        let f = features(
            "公表日|組織名|原因|件数\n\
             11/4|株式会社青葉精機|ランサムウェア|約3千件\n\
             11/9|緑川市|メール誤送信|52件\n\
             11/12|株式会社しらさぎ総研|調査報告書の発行|第3号",
        );
        assert!(of(&f, "株式会社青葉精機").get("list.table_row_incident") > 0.0);
        assert!(of(&f, "緑川市").get("list.table_row_incident") > 0.0);
        // A cell of a row that tells no incident is no incident row.
        assert_eq!(
            of(&f, "株式会社しらさぎ総研").get("list.table_row_incident"),
            0.0
        );
    }

    #[test]
    fn a_copyright_mark_at_a_paragraphs_end_credits_the_publisher() {
        let long =
            "緑川町の病院がサイバー攻撃を受け、電子カルテが使えなくなったことが5日、分かった。\
             病院によると、4日夜に院内のプリンターが一斉に動き出し、英語の文書が大量に印刷された。\
             病院は新しい患者の受け入れを止めている。";
        let f = features(&format!("{long} (C)青葉通信社"));
        let publisher = of(&f, "青葉通信社");
        assert!(publisher.get("name.on_credit_line") > 0.0);
        assert_eq!(publisher.get("issuer.header_weight"), 0.0);
        // Without the mark, the same name at the paragraph's end is no credit.
        let f = features(&format!("{long} 青葉通信社"));
        assert_eq!(of(&f, "青葉通信社").get("name.on_credit_line"), 0.0);
    }

    #[test]
    fn anaphors_count_for_the_organisation_they_refer_to() {
        let f = features(
            "青葉精機株式会社は3日、不正アクセスを受けたと発表した。同社によると、顧客情報が流出した。\
             同社は警察に相談している。",
        );
        assert!(of(&f, "青葉精機株式会社").get("anaphors") > 1.0);
        let f =
            features("緑川市は3日、書類を紛失したと発表した。市によると、住所が記載されていた。");
        assert!(of(&f, "緑川市").get("anaphors") > 0.0);
    }

    #[test]
    fn names_of_one_list_are_siblings() {
        let f = features(
            "青葉大(青葉市)など三つの大学のサイトが攻撃を受けた。攻撃されたのは、青葉大のほか、\
             緑川大(緑川市)▽白浜大(白浜市)。",
        );
        assert!(of(&f, "緑川大").get("list.siblings") > 0.0);
        assert!(of(&f, "白浜大").get("list.siblings") > 0.0);
        // An item described before its name (`、文具通販の株式会社C`) is one of the list too.
        let f = features(
            "被害に遭ったのは、化粧品通販の株式会社みさき化粧品(大阪市北区)、文具通販の株式会社あかね文具(京都市)の2社。",
        );
        assert!(of(&f, "株式会社あかね文具").get("list.siblings") > 0.0);
    }

    #[test]
    fn a_count_right_after_a_name() {
        let f = features(
            "漏えい人数は、不正アクセスを受けたミドリ製菓(16万4,922人)、アオバ電工(4万988人)と続いた。",
        );
        assert!(of(&f, "ミドリ製菓").get("cue.count_after") > 0.0);
        assert!(count_start("約360件の"));
        assert!(!count_start("本社・東京都"));
    }

    #[test]
    fn the_subject_of_each_incident_line() {
        let f = features(
            "今週の事案\n■青葉精機株式会社、ランサムウェア被害\n青葉精機株式会社は3日、サーバーが暗号化されたと発表した。\n\
             ■緑川市、USBメモリ紛失\n緑川市は4日、職員がUSBメモリを紛失したと発表した。\n",
        );
        assert!(of(&f, "青葉精機株式会社").get("line.local_subject") > 0.0);
        assert!(of(&f, "緑川市").get("line.local_subject") > 0.0);
        assert!(of(&f, "緑川市").get("item.first_named") > 0.0);
    }

    #[test]
    fn advice_and_statistics_weigh_toward_no_victim() {
        let lex = Lexicons::new();
        let orgs = OrgFinder::new();
        let text = "パスワードの使い回しに注意しましょう\n\
                    近年、リスト型攻撃による被害が増えています。A社やB社の事例のように、対策が必要です。\
                    二段階認証を設定しましょう。";
        let scan = DocScan::new(text, &lex, &orgs);
        let ents = group_entities(&scan);
        let doc = DocContext::new(&scan, &ents);
        let f = none_features(&scan, &doc);
        assert_eq!(f.get("none.bias"), 1.0);
        assert!(f.get("none.generic_share") > 0.0);
        assert!(f.get("none.anonymised") > 0.0);
        assert_eq!(f.get("none.apology"), 0.0);
    }

    #[test]
    fn a_notice_that_says_it_is_sorry_apologises() {
        let lex = Lexicons::new();
        let orgs = OrgFinder::new();
        let scan = DocScan::new(
            "通知文書を誤って送付しました。ご迷惑をおかけし、誠に申し訳ございません。",
            &lex,
            &orgs,
        );
        assert!(doc_words(&scan).apology);
        let scan = DocScan::new("通知文書を送付しました。", &lex, &orgs);
        assert!(!doc_words(&scan).apology);
        // A scam's words, quoted, are not the writer's apology.
        let scan = DocScan::new(
            "「情報流出のお詫び」を装うSMSにご注意ください。",
            &lex,
            &orgs,
        );
        assert!(!doc_words(&scan).apology);
    }

    #[test]
    fn a_name_that_closes_the_text_is_its_signature() {
        let text = "弊社のサーバーがランサムウェアに感染しました。関係者の皆さまにおわび申し上げます。 青葉新報社";
        let f = features(text);
        assert!(of(&f, "青葉新報社").get("cue.closing_signature") > 0.0);
        // A name in the middle of a sentence, or followed by more text, signs nothing.
        let f = features("青葉新報社のサーバーがランサムウェアに感染した。復旧を進めている。");
        assert_eq!(of(&f, "青葉新報社").get("cue.closing_signature"), 0.0);
        let f = features("被害を確認しました。 青葉新報社によると、復旧には時間がかかる。");
        assert_eq!(of(&f, "青葉新報社").get("cue.closing_signature"), 0.0);
    }

    #[test]
    fn media_names() {
        assert!(is_media_name("青葉日報社"));
        assert!(is_media_name("NHK千葉放送局"));
        assert!(!is_media_name("青葉精機"));
    }
}
