//! Owns grouping a document's organisation mentions into entities: one per organisation,
//! joining short forms (カシオ/カシオ計算機), abbreviations (道教委/北海道教育委員会), `A(B)`
//! pairs and definitions (`X(以下「Y」)`), class nouns that refer back (`同協会`, `県警は`), and
//! brands with their operators.

use super::operators::{is_facility_name, is_operator_name};
use crate::lexicon::WordFile;
use crate::org::{core_name, OrgKind, OrgMention};
use crate::scan::DocScan;

/// An organisation as the document names it, with all its mentions.
#[derive(Debug, Clone, Default)]
pub struct Entity {
    /// Names as written (first-seen order), with how each was recognised.
    pub names: Vec<(String, OrgKind)>,
    /// Indices into `DocScan::mentions`.
    pub mentions: Vec<usize>,
    pub score: f32,
    /// Why the entity scored as it did (for the trace).
    pub reasons: Vec<String>,
    pub relation_hint: Option<&'static str>,
    /// True when the document speaks as this organisation (当社/弊社/本学).
    pub issuer: bool,
    /// How strongly header and signature lines name it as the issuer (0 when they do not).
    pub header_weight: f32,
    /// Named as the contractor whose systems or work leaked a client's data.
    pub contractor_named: bool,
    /// A subsidiary standing in the incident clause of its parent's announcement.
    pub subsidiary_in_clause: bool,
    /// The body that runs this facility, named right beside it (`医療法人A会「B病院」`): its
    /// entity and that mention (see `operators`).
    pub operated_by: Option<(usize, usize)>,
    /// Runs a facility named right beside it.
    pub operates_named_facility: bool,
}

impl Entity {
    /// The victim's name as the record gives it: a legal-form name when one is written, a
    /// municipality without its prefecture, else the most used name.
    pub fn canonical_name(&self, scan: &DocScan) -> (String, OrgKind) {
        let mut best: Option<(usize, &String, OrgKind)> = None;
        for (name, kind) in &self.names {
            let count = self
                .mentions
                .iter()
                .filter(|&&i| &scan.mentions[i].name == name)
                .count();
            let rank = match kind {
                OrgKind::LegalForm => 1000 + name.len(),
                OrgKind::MunicipalFacility | OrgKind::University | OrgKind::Hospital => {
                    900 + name.len()
                }
                OrgKind::Municipality => 800 + count,
                OrgKind::Brand => count,
                _ => {
                    // A Latin abbreviation yields to the spelled-out name: IIJ(インターネット…).
                    let latin = name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '&');
                    if latin {
                        count
                    } else {
                        100 + count * 10
                    }
                }
            };
            // A class noun that refers back (`協会`) names the organisation only when
            // nothing else does.
            let rank = if CLASS_NOUNS.contains(&name.as_str()) {
                0
            } else {
                rank
            };
            if best.is_none_or(|(r, _, _)| rank > r) {
                best = Some((rank, name, *kind));
            }
        }
        best.map_or((String::new(), OrgKind::Bare), |(_, n, k)| (n.clone(), k))
    }
}

/// Per mention (`DocScan::mentions` order): the entity it belongs to, `usize::MAX` for none.
pub fn mention_owners(scan: &DocScan, entities: &[Entity]) -> Vec<usize> {
    let mut owner = vec![usize::MAX; scan.mentions.len()];
    for (ei, e) in entities.iter().enumerate() {
        for &m in &e.mentions {
            owner[m] = ei;
        }
    }
    owner
}

/// Grouping of mentions into entities.
pub fn group_entities(scan: &DocScan) -> Vec<Entity> {
    let n = scan.mentions.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let union = |p: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra != rb {
            p[rb] = ra;
        }
    };
    // Distinct cores first, to keep this quadratic only in distinct names.
    let mut cores: Vec<(String, OrgKind, Vec<usize>)> = Vec::new();
    for (i, m) in scan.mentions.iter().enumerate() {
        if let Some(c) = cores.iter_mut().find(|c| c.0 == m.core) {
            c.2.push(i);
        } else {
            cores.push((m.core.clone(), m.kind, vec![i]));
        }
    }
    for c in &cores {
        for w in c.2.windows(2) {
            union(&mut parent, w[0], w[1]);
        }
    }
    // Pairs written as A(B) right after a mention.
    let pair_of = |m: &OrgMention| -> Option<String> {
        let rest = scan.text.get(m.end..)?;
        let inner = rest.strip_prefix('(')?;
        let close = inner.find(')')?;
        let alt = &inner[..close];
        // `X(以下「Y」という)` / `X(以下、Y)` / `X(略称:Y)`: a short form the document defines.
        // `X(当時の社名はY)`, `X(旧社名:Y)`: the name it had.
        let alt = ["当時の社名は", "旧社名", "現社名", "旧称"]
            .iter()
            .find_map(|p| alt.strip_prefix(p))
            .map_or(alt, |a| {
                a.trim_start_matches([':', '、', ' ', '「'])
                    .trim_end_matches('」')
            });
        let alt = match ["以下", "略称", "通称"]
            .iter()
            .find_map(|p| alt.strip_prefix(p))
        {
            Some(def) => {
                let def = def.trim_start_matches(['、', ',', ' ', '「', '『', ':']);
                let end = def.find(['」', '』', 'と', ')']).unwrap_or(def.len());
                &def[..end]
            }
            None => alt,
        };
        let place = ["市", "県", "区", "町", "村", "都", "府", "都内", "本社"]
            .iter()
            .any(|p| alt.ends_with(p));
        // A facility and the body that runs it (`B病院(医療法人A会)`) are two organisations.
        let operated = (is_facility_name(&m.name) && is_operator_name(alt))
            || (is_operator_name(&m.name) && is_facility_name(alt));
        if operated {
            return None;
        }
        (alt.chars().count() >= 2
            && alt.chars().count() <= 24
            && !alt.contains(['、', '。'])
            && !place)
            .then(|| core_name(alt))
    };
    for (i, m) in scan.mentions.iter().enumerate() {
        if let Some(alt) = pair_of(m) {
            // `スイス国際航空情報通信機構(SITA社)`: the short form is written with 社, its
            // mentions without.
            let bare = alt
                .strip_suffix('社')
                .filter(|a| a.chars().count() >= 2)
                .unwrap_or(&alt);
            if let Some(c) = cores.iter().find(|c| c.0 == alt || c.0 == bare) {
                union(&mut parent, i, c.2[0]);
            }
        }
    }
    // `same_organisation` orders its names by length, so for names of different lengths one
    // call answers both orders; names of equal length are asked both ways.
    let lengths: Vec<usize> = cores.iter().map(|c| c.0.chars().count()).collect();
    for a in 0..cores.len() {
        for b in a + 1..cores.len() {
            let (ca, ka, ia) = (&cores[a].0, cores[a].1, &cores[a].2);
            let (cb, kb, ib) = (&cores[b].0, cores[b].1, &cores[b].2);
            if same_organisation(ca, ka, cb, kb)
                || lengths[a] == lengths[b] && same_organisation(cb, kb, ca, ka)
            {
                union(&mut parent, ia[0], ib[0]);
            }
        }
    }
    // A bare class noun (`県警は`, `同協会`, `協会が`) stands for the organisation of that
    // class named last before it (`鹿児島県警`, `名古屋港運協会`).
    for (i, m) in scan.mentions.iter().enumerate() {
        if !CLASS_NOUNS.contains(&m.core.as_str()) {
            continue;
        }
        let refers = |j: &usize| {
            let o = &scan.mentions[*j];
            o.core.len() > m.core.len() && o.core.ends_with(m.core.as_str())
        };
        // The one named before it, else (a headline before the body) the first named after.
        let target = (0..i)
            .rev()
            .find(refers)
            .or_else(|| (i + 1..scan.mentions.len()).find(refers));
        if let Some(j) = target {
            union(&mut parent, i, j);
        }
    }
    for (brand, op) in &scan.operator_links {
        let bc = core_name(brand);
        let oc = core_name(op);
        let bi = cores.iter().find(|c| c.0 == bc).map(|c| c.2[0]);
        let oi = cores.iter().find(|c| c.0 == oc).map(|c| c.2[0]);
        if let (Some(x), Some(y)) = (bi, oi) {
            union(&mut parent, y, x);
        }
    }
    let mut entities: Vec<Entity> = Vec::new();
    let mut root_to_entity: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let r = find(&mut parent, i);
        let e = match root_to_entity[r] {
            Some(e) => e,
            None => {
                entities.push(Entity::default());
                root_to_entity[r] = Some(entities.len() - 1);
                entities.len() - 1
            }
        };
        let m = &scan.mentions[i];
        let ent = &mut entities[e];
        ent.mentions.push(i);
        if !ent.names.iter().any(|(nm, _)| nm == &m.name) {
            ent.names.push((m.name.clone(), m.kind));
        }
        if m.relation_hint.is_some() {
            ent.relation_hint = m.relation_hint;
        }
    }
    // Operators named only in an operator link (not otherwise found) join their brand.
    for (brand, op) in &scan.operator_links {
        let bc = core_name(brand);
        if let Some(ent) = entities
            .iter_mut()
            .find(|e| e.names.iter().any(|(nm, _)| core_name(nm) == bc))
        {
            if !ent
                .names
                .iter()
                .any(|(nm, _)| core_name(nm) == core_name(op))
            {
                ent.names.push((op.clone(), OrgKind::LegalForm));
            }
        }
    }
    // Entities that ended up with one same name are one organisation (one pass, by a map from
    // name keys to the first entity holding them).
    let mut first_with: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut merged: Vec<Entity> = Vec::with_capacity(entities.len());
    for e in entities {
        let keys: Vec<String> = e.names.iter().map(|(n, _)| core_name(n)).collect();
        match keys.iter().find_map(|k| first_with.get(k).copied()) {
            Some(j) => {
                let target = &mut merged[j];
                for nm in e.names {
                    if !target.names.contains(&nm) {
                        target.names.push(nm);
                    }
                }
                target.mentions.extend(e.mentions);
                target.mentions.sort_unstable();
                target.relation_hint = target.relation_hint.or(e.relation_hint);
                for k in keys {
                    first_with.entry(k).or_insert(j);
                }
            }
            None => {
                let j = merged.len();
                for k in keys {
                    first_with.entry(k).or_insert(j);
                }
                merged.push(e);
            }
        }
    }
    merged
}

/// Nouns of a class of organisation that, standing alone, refer back to one named before.
pub(crate) const CLASS_NOUNS: &[&str] = &[
    "県警",
    "府警",
    "道警",
    "協会",
    "病院",
    "大学",
    "学園",
    "銀行",
    "信用金庫",
    "組合",
    "機構",
    "財団",
    "法人",
    "委員会",
    "教委",
    "センター",
    "新聞社",
    "本部",
    "警察本部",
];

impl Entity {
    /// Every name only a kind of organisation (`地方銀行`, `NPO法人`, see
    /// [`crate::org::class_only`]) or a bare or bracketed run (no legal form or suffix) that
    /// only describes (see [`crate::org::is_description`]).
    pub fn is_description(&self) -> bool {
        !self.names.is_empty()
            && self.names.iter().all(|(n, k)| {
                crate::org::class_only(n)
                    || matches!(k, OrgKind::Bare | OrgKind::Brand) && crate::org::is_description(n)
            })
    }

    /// Whether one of its names ends in a school word (`…中学校`, `…高校`).
    pub fn names_a_school(&self) -> bool {
        self.names
            .iter()
            .any(|(n, _)| SCHOOL_WORDS.iter().any(|w| n.ends_with(w)))
    }

    /// A body that receives reports (`data/lexicon/report_recipients.txt`: 個人情報保護委員会,
    /// IPA, JPCERT) by one of its names (its other names are short forms: `委員会`): beside the
    /// victim, never the victim.
    pub fn is_report_recipient(&self) -> bool {
        self.names
            .iter()
            .any(|(n, _)| REPORT_RECIPIENTS.words().iter().any(|r| n.contains(r)))
    }

    /// Whether every name of the entity is a known threat actor's (`Akira`, `LockBit`): the
    /// attacker, never the victim.
    pub fn is_threat_actor(&self) -> bool {
        !self.names.is_empty()
            && self.names.iter().all(|(n, _)| {
                crate::lexicon::THREAT_ACTORS
                    .iter()
                    .any(|(_, vs)| vs.iter().any(|v| v.eq_ignore_ascii_case(n)))
            })
    }

    /// Police named only where they act on a suspect from outside (`警視庁は3日、…を逮捕
    /// した`): they report another's incident. Police named where their own staff lost or
    /// leaked data (`県警の巡査長が…を漏らした`, `…を紛失したとして巡査長を書類送検した`) are not
    /// only enforcing.
    pub fn is_police_only_enforcing(&self, scan: &DocScan) -> bool {
        const OWN_STAFF: &[&str] = &["巡査", "警部", "署員", "警察官", "警察職員"];
        // (Where the police are also cited or consulted, `県警によると`, `相談が県警に寄せられ`,
        // one sentence of enforcement is enough; their own officers' acts make them a victim.)
        let sentence = |mi: usize| scan.sentence_text(scan.mention_sentence[mi]);
        self.names.iter().any(|(n, _)| crate::org::police_name(n))
            && self.mentions.iter().any(|&mi| {
                let t = sentence(mi);
                ENFORCEMENT_WORDS.words().iter().any(|w| t.contains(w))
            })
            && !self.mentions.iter().any(|&mi| {
                let t = sentence(mi);
                OWN_STAFF.iter().any(|w| t.contains(w))
            })
    }

    /// An organisation introduced as the firm that investigates (`第三者調査機関「A株式会社」`,
    /// `専門調査会社であるB社`; `data/lexicon/investigator_words.txt`) where it is first named:
    /// it stands beside the victim.
    pub fn is_named_investigator(&self, scan: &DocScan) -> bool {
        let Some(&first) = self
            .mentions
            .iter()
            .min_by_key(|&&mi| scan.mentions[mi].start)
        else {
            return false;
        };
        let before = crate::text::window_before(scan.text, scan.mentions[first].start, 48);
        let before = before
            .trim_end_matches([' ', '　', '「', '『', '(', '、'])
            .trim_end_matches("である")
            .trim_end_matches('の');
        !self.issuer
            && INVESTIGATOR_WORDS
                .words()
                .iter()
                .any(|w| before.ends_with(w))
    }

    /// Whether every mention is the subject of a survey's announcement (`A社は1月17日、上場企業の
    /// 個人情報漏えい事故の調査結果を発表した`): the firm that counts others' incidents reports
    /// none of its own.
    pub fn only_publishes_a_survey(&self, scan: &DocScan) -> bool {
        !self.mentions.is_empty()
            && self.mentions.iter().all(|&mi| {
                scan.has(scan.mention_sentence[mi], crate::lexicon::mark::SURVEY)
                    && super::mention_role(scan, &scan.mentions[mi]) == super::Role::Subject
            })
    }

    /// Every mention introduced by what it is to the writer (`決済代行会社である株式会社X`,
    /// `委託先である株式会社X`): a third party in the issuer's story.
    pub fn introduced_by_its_role(&self, scan: &DocScan) -> bool {
        !self.mentions.is_empty()
            && self.mentions.len() <= 2
            && self.mentions.iter().all(|&mi| {
                let m = &scan.mentions[mi];
                crate::text::window_before(scan.text, m.start, 12)
                    .trim_end()
                    .ends_with("である")
            })
    }

    /// Named only in the headlines a news page lists under its article (`関連記事`): another
    /// story, not this one's.
    pub fn only_in_related_articles(&self, scan: &DocScan) -> bool {
        !self.mentions.is_empty()
            && self.mentions.iter().all(|&mi| {
                scan.has(
                    scan.mention_sentence[mi],
                    crate::lexicon::mark::RELATED_LIST,
                )
            })
    }

    /// A municipality named only as the place tag closing a headline (`…流出のおそれ　雪代市`)
    /// and in the related-articles list: where the story happened, told of another party.
    pub fn only_tags_a_headline(&self, scan: &DocScan) -> bool {
        !self.mentions.is_empty()
            && self.names.iter().all(|(_, k)| *k == OrgKind::Municipality)
            && self.mentions.iter().any(|&mi| headline_tag(scan, mi))
            && self.mentions.iter().all(|&mi| {
                headline_tag(scan, mi)
                    || scan.has(
                        scan.mention_sentence[mi],
                        crate::lexicon::mark::RELATED_LIST,
                    )
            })
    }

    /// A place every mention of which only locates an unnamed body (`大阪府の国立大学`,
    /// `北海道の公立大学の教員`, `A市の会社`): an anonymised case, whose victim is not named.
    pub fn only_locates_unnamed_bodies(&self, scan: &DocScan) -> bool {
        const OWNERS: &[&str] = &[
            "国立", "公立", "私立", "県立", "府立", "都立", "道立", "市立", "町立", "村立", "区立",
        ];
        const BODIES: &[&str] = &[
            "大学",
            "高校",
            "高等学校",
            "中学校",
            "小学校",
            "病院",
            "医療機関",
            "クリニック",
            "企業",
            "会社",
            "団体",
            "自治体",
            "銀行",
            "信用金庫",
            "法人",
            "事業者",
        ];
        !self.mentions.is_empty()
            && self.names.iter().all(|(_, k)| *k == OrgKind::Municipality)
            && self.mentions.iter().all(|&mi| {
                let after = crate::text::window_after(scan.text, scan.mentions[mi].end, 40);
                let Some(rest) = after.strip_prefix('の') else {
                    return false;
                };
                let rest = OWNERS
                    .iter()
                    .find_map(|o| rest.strip_prefix(o))
                    .unwrap_or(rest);
                BODIES.iter().any(|b| rest.starts_with(b))
            })
    }

    /// Whether every mention of a prefecture is followed by `の` and a municipality or a
    /// municipal facility named there (`東京都の荒川区`, `北海道の旭川市立病院`): the prefecture
    /// only says where the body that reports is.
    pub fn only_locates_named_municipalities(&self, scan: &DocScan) -> bool {
        let prefecture = |n: &str| n.ends_with(['県', '都', '府', '道']);
        !self.mentions.is_empty()
            && self
                .names
                .iter()
                .all(|(n, k)| *k == OrgKind::Municipality && prefecture(n))
            && self.mentions.iter().all(|&mi| {
                let after = scan.mentions[mi].end + 'の'.len_utf8();
                scan.text[scan.mentions[mi].end..].starts_with('の')
                    && scan.mentions.iter().any(|m| {
                        m.start == after
                            && matches!(m.kind, OrgKind::Municipality | OrgKind::MunicipalFacility)
                    })
            })
    }

    /// Whether every mention is a place noted in brackets after an organisation it locates
    /// (`株式会社A(和歌山県)`, `(運営:株式会社A、静岡県)`): an address, not a party.
    /// Also a place: where a business operates or a photo was taken (`X市などで42店舗を運営`,
    /// `＝9日午後、X市内`), or its head office's address in brackets (`(本社・X市)`).
    pub fn only_notes_a_place(&self, scan: &DocScan) -> bool {
        !self.mentions.is_empty()
            && self.names.iter().all(|(_, k)| *k == OrgKind::Municipality)
            && self.mentions.iter().all(|&mi| {
                let m = &scan.mentions[mi];
                let after = &scan.text[m.end..];
                if ["内", "などで", "を中心に"]
                    .iter()
                    .any(|w| after.starts_with(w))
                {
                    return true;
                }
                if !after.starts_with(')') {
                    return false;
                }
                let before = crate::text::window_before(scan.text, m.start, 60);
                let Some(open) = before.rfind('(') else {
                    return false;
                };
                let open = m.start - (before.len() - open);
                let inside = &scan.text[open + 1..m.start];
                if inside.contains(')') {
                    return false;
                }
                // Mentions are in text order: only those starting within the 150 bytes before
                // this one are read (a long name and a labelled note take 60:
                // `株式会社ミズナラ・ビジネスサービス(本社・X市)`).
                let from = scan.mentions.partition_point(|o| o.start + 150 < m.start);
                let near =
                    &scan.mentions[from..scan.mentions.partition_point(|o| o.start < m.start)];
                // (`(本社・X市)`: the head office's address, labelled.)
                let labelled = [
                    "本社・",
                    "本社:",
                    "本店・",
                    "本店:",
                    "本社所在地:",
                    "所在地:",
                ]
                .contains(&inside);
                // (`(東京都港区)`: a ward after its prefecture.)
                let places = inside.is_empty()
                    || inside.chars().all(crate::text::is_kanji)
                        && inside.ends_with(['都', '道', '府', '県', '市', '郡']);
                if places || labelled {
                    // Right after a name: `株式会社A(和歌山県)`.
                    near.iter().any(|o| o.end == open)
                } else {
                    // After the name it notes inside the brackets: `(運営:株式会社A、静岡県)`.
                    inside.ends_with('、')
                        && near
                            .iter()
                            .any(|o| o.start > open && o.end + '、'.len_utf8() == m.start)
                }
            })
    }

    /// Whether every name of the entity is a bare class noun (`協会`, `県警`) that found no
    /// organisation to refer to: a word, not a name.
    pub fn only_class_nouns(&self) -> bool {
        !self.names.is_empty()
            && self
                .names
                .iter()
                .all(|(n, _)| CLASS_NOUNS.contains(&n.as_str()))
    }
}

/// The words a school's name ends in.
pub(crate) const SCHOOL_WORDS: [&str; 5] = ["学校", "高校", "中学校", "小学校", "幼稚園"];

static REPORT_RECIPIENTS: WordFile =
    WordFile::new(include_str!("../../data/lexicon/report_recipients.txt"));
static INVESTIGATOR_WORDS: WordFile =
    WordFile::new(include_str!("../../data/lexicon/investigator_words.txt"));
static ENFORCEMENT_WORDS: WordFile =
    WordFile::new(include_str!("../../data/lexicon/enforcement_words.txt"));

/// Short forms of one organisation: a prefix (カシオ / カシオ計算機) or an abbreviation that
/// keeps the first and last characters and the order (損保ジャパン / 損害保険ジャパン).
/// The katakana of a hiragana letter; any other character as it is.
fn katakana_of(c: char) -> char {
    if ('\u{3041}'..='\u{3096}').contains(&c) {
        char::from_u32(c as u32 + 0x60).unwrap_or(c)
    } else {
        c
    }
}

pub(crate) fn same_organisation(a: &str, ka: OrgKind, b: &str, kb: OrgKind) -> bool {
    let (short, long, ks, kl) = if a.chars().count() <= b.chars().count() {
        (a, b, ka, kb)
    } else {
        (b, a, kb, ka)
    };
    if short == long {
        return true;
    }
    // 県教委 / 山梨県教委, 県警 / 香川県警: a level and a class stand for the one named in full.
    if short.chars().count() <= 4
        && long.ends_with(short)
        && short.starts_with(['県', '市', '町', '村', '区', '府', '都', '道'])
    {
        return true;
    }
    // 道教委 / 北海道教育委員会, 県教委 / 青葉県教育委員会.
    if let (Some(a), Some(b)) = (short.strip_suffix("教委"), long.strip_suffix("教育委員会"))
    {
        if !a.is_empty() && b.ends_with(a) {
            return true;
        }
    }
    let ns = short.chars().count();
    if ns < 2 {
        return false;
    }
    // A municipality is not the same as a facility or company named after it.
    if (ks == OrgKind::Municipality) != (kl == OrgKind::Municipality) {
        return false;
    }
    if ks == OrgKind::Municipality && kl == OrgKind::Municipality {
        return long.ends_with(short);
    }
    // A brand abbreviated: スイパラ / スイーツパラダイス…
    // Kana are compared folded: a brand may write in hiragana what the company writes in
    // katakana (`よるがお本舗` / `株式会社ヨルガオ化粧品`).
    if (ks == OrgKind::Brand || kl == OrgKind::Brand) && ns >= 3 {
        let sc: Vec<char> = short.chars().map(katakana_of).collect();
        let lc: Vec<char> = long.chars().map(katakana_of).collect();
        if sc.len() >= 2 && lc.len() >= 2 && sc[..2] == lc[..2] {
            let mut it = lc.iter();
            if sc.iter().all(|c| it.any(|x| x == c)) {
                return true;
            }
        }
    }
    // つるぎ町立半田病院 / 半田病院: a municipal facility named without its municipality.
    // The facility's own name may have lost a kana lead to a particle reading (`きわ台病院` of
    // `市立ときわ台病院`): a tail of the facility's name is it too.
    if kl == OrgKind::MunicipalFacility
        && ns >= 3
        && matches!(ks, OrgKind::Hospital | OrgKind::University | OrgKind::Bare)
    {
        if let Some(pos) = long.find('立') {
            if long[pos + '立'.len_utf8()..].ends_with(short) {
                return true;
            }
        }
    }
    // 市立中央図書館 / 香坂市立中央図書館: the facility named without its municipality.
    if ks == OrgKind::MunicipalFacility
        && kl == OrgKind::MunicipalFacility
        && short.starts_with(['市', '町', '村', '県', '都', '府', '道'])
        && short.chars().nth(1) == Some('立')
        && long.ends_with(short)
    {
        return true;
    }
    // Two names both written with a legal form are two companies: 株式会社ヤマト重工 and
    // its subsidiary 株式会社ヤマト重工サービス.
    if ks == OrgKind::LegalForm && kl == OrgKind::LegalForm {
        return false;
    }
    // 日本ハーブ文化協会 / ハーブ文化協会: a national body named again without its 日本 / 全国.
    if ns >= 4
        && ["日本", "全国", "全日本"]
            .iter()
            .any(|h| long.strip_prefix(h) == Some(short))
    {
        return true;
    }
    // みどりヶ丘クリニック / ヶ丘クリニック: a name whose hiragana head was cut off.
    if ns >= 3 && long.ends_with(short) {
        let head = &long[..long.len() - short.len()];
        if !head.is_empty() && head.chars().all(crate::text::is_hiragana) {
            return true;
        }
    }
    // 高鳥HD / 高鳥ホールディングス
    if let (Some(a), Some(b)) = (
        short.strip_suffix("HD"),
        long.strip_suffix("ホールディングス"),
    ) {
        if a == b && !a.is_empty() {
            return true;
        }
    }
    if long.starts_with(short) {
        // カシオ ⊂ カシオ計算機, but not a one-kanji-longer different name (三井 / 三井住友).
        return ns >= 3 || short.chars().all(|c| c.is_ascii_alphanumeric());
    }
    if ns >= 3 {
        let sc: Vec<char> = short.chars().collect();
        let lc: Vec<char> = long.chars().collect();
        if sc.first() == lc.first() && sc.last() == lc.last() {
            let mut it = lc.iter();
            return sc.iter().all(|c| it.any(|x| x == c));
        }
    }
    false
}

/// Whether mention `mi` closes one of the first lines after a space, as a broadcaster's
/// headline ends with its place (`観光バス会社にサイバー攻撃　雪代市`).
fn headline_tag(scan: &DocScan, mi: usize) -> bool {
    let m = &scan.mentions[mi];
    let l = scan.line_of(scan.mention_sentence[mi]);
    let Some(line) = scan.layout.lines.get(l) else {
        return false;
    };
    let (Some(before), Some(after)) = (
        scan.text.get(line.start..m.start),
        scan.text.get(m.end..line.end.max(m.end)),
    ) else {
        return false;
    };
    l < 8
        && after.trim().is_empty()
        && before.ends_with([' ', '\u{3000}'])
        && before.trim().chars().count() >= 8
        && !before.contains('。')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::OrgKind;

    fn entity(names: &[(&str, OrgKind)]) -> Entity {
        Entity {
            names: names.iter().map(|(n, k)| (n.to_string(), *k)).collect(),
            mentions: vec![0],
            ..Entity::default()
        }
    }

    #[test]
    fn descriptions_and_report_recipients_are_no_victims() {
        use OrgKind::*;
        // The PPC by its full name and its short form; a company is none.
        assert!(
            entity(&[("個人情報保護委員会", Government), ("委員会", Bare)]).is_report_recipient()
        );
        assert!(!entity(&[("株式会社みずなら通販", LegalForm)]).is_report_recipient());
        // A heading or a ranking label is a description; a bare name or a legal form is not.
        assert!(entity(&[("重要", Brand)]).is_description());
        assert!(entity(&[("被害規模ワースト3", Bare)]).is_description());
        assert!(!entity(&[("ワースト商会", Bare)]).is_description());
        assert!(!entity(&[("重要", LegalForm)]).is_description());
        // A kind of organisation with no name: a legal form or sector word, maybe described.
        assert!(entity(&[("NPO法人", LegalForm)]).is_description());
        assert!(entity(&[("地方銀行", Bare)]).is_description());
        assert!(entity(&[("ある病院", Hospital)]).is_description());
        assert!(entity(&[("病院・診療所", Hospital)]).is_description());
        assert!(!entity(&[("みなと銀行", CorporateSuffix)]).is_description());
        assert!(!entity(&[("地方銀行協会", Bare)]).is_description());
    }

    /// `ask` of an entity named `name` (of kind `kind`) made of every mention of that name in
    /// `text`.
    fn ask_entity<R>(
        text: &str,
        name: &str,
        kind: OrgKind,
        ask: impl FnOnce(&Entity, &DocScan) -> R,
    ) -> R {
        use crate::lexicon::Lexicons;
        use crate::org::OrgFinder;
        let (lex, orgs) = (Lexicons::new(), OrgFinder::new());
        let scan = DocScan::new(text, &lex, &orgs);
        let mentions: Vec<usize> = (0..scan.mentions.len())
            .filter(|&i| scan.mentions[i].name == name)
            .collect();
        assert!(!mentions.is_empty(), "no mention of {name} in {text}");
        let entity = Entity {
            names: vec![(name.into(), kind)],
            mentions,
            ..Entity::default()
        };
        ask(&entity, &scan)
    }

    #[test]
    fn police_that_only_arrest_report_another_incident() {
        let police_in = |text: &str| {
            ask_entity(text, "山形県警", OrgKind::Government, |e, scan| {
                e.is_police_only_enforcing(scan)
            })
        };
        assert!(police_in(
            "山形県警は3日、元社員の男を逮捕した。男は勤務先の顧客名簿を持ち出した疑い。"
        ));
        // Cited and consulted as well: still only the police of another's incident.
        assert!(police_in(
            "山形県警は3日、元社員の男を逮捕した。顧客からの相談が山形県警に寄せられていた。"
        ));
        // Its own officer leaked or lost the data: the police force is the victim.
        assert!(!police_in(
            "山形県警の巡査長が捜査資料を知人に漏らしていた。山形県警は巡査長を書類送検した。"
        ));
        assert!(!police_in(
            "山形県警は3日、捜査資料を紛失したとして巡査長を書類送検した。"
        ));
    }

    #[test]
    fn a_firm_brought_in_to_investigate_is_named_as_such() {
        let investigator_in = |text: &str, name: &str| {
            ask_entity(text, name, OrgKind::LegalForm, |e, scan| {
                e.is_named_investigator(scan)
            })
        };
        assert!(investigator_in(
            "外部の専門調査会社である「Blue Harbor Forensics株式会社」に調査を依頼しました。",
            "Blue Harbor Forensics株式会社"
        ));
        assert!(investigator_in(
            "第三者調査機関の株式会社しらかば解析に調査を依頼した。",
            "株式会社しらかば解析"
        ));
        // A business described by its trade is no investigator.
        assert!(!investigator_in(
            "市場調査会社の株式会社しらかば解析は、顧客情報の流出を公表した。",
            "株式会社しらかば解析"
        ));
    }

    #[test]
    fn a_firm_that_announces_a_survey_of_others_incidents_publishes_it() {
        let publisher_in = |text: &str| {
            ask_entity(
                text,
                "株式会社ひばり企業調査",
                OrgKind::LegalForm,
                |e, scan| e.only_publishes_a_survey(scan),
            )
        };
        assert!(publisher_in(
            "株式会社ひばり企業調査は1月20日、上場企業の個人情報漏えい・紛失事故の調査結果を発表した。\
             事故は前年比12%増の150件で、過去最多を更新した。"
        ));
        // A tally (`集計結果`) is a survey too.
        assert!(publisher_in(
            "株式会社ひばり企業調査は19日、国内企業が公表した漏えい事故の集計結果を発表した。\
             公表件数は前年度比11%増の214件で、最多となった。"
        ));
        // A company announcing what its own investigation found is the victim.
        assert!(!publisher_in(
            "株式会社ひばり企業調査は1月20日、当社サーバーへの不正アクセスについて調査結果を発表した。\
             顧客の氏名と住所が流出したことが分かった。"
        ));
    }

    /// A question about the place named `name` in `text`.
    fn ask_place(text: &str, name: &str, ask: fn(&Entity, &DocScan) -> bool) -> bool {
        ask_entity(text, name, OrgKind::Municipality, ask)
    }

    #[test]
    fn a_prefecture_that_only_locates_a_named_municipality_names_no_victim() {
        let place_in = |text: &str, name: &str| {
            ask_place(text, name, Entity::only_locates_named_municipalities)
        };
        assert!(place_in(
            "北浜県のみなと市や南国県の青葉区など少なくとも10の自治体が流出の可能性を公表した。",
            "南国県"
        ));
        // A prefecture that acts on its own is a body of its own.
        assert!(!place_in(
            "南国県の青葉区が公表した。南国県は調査を始めた。",
            "南国県"
        ));
    }

    #[test]
    fn a_place_noted_in_brackets_after_an_organisation_names_no_victim() {
        let note = |text: &str, name: &str| ask_place(text, name, Entity::only_notes_a_place);
        assert!(note(
            "流出したのは株式会社かえで堂(南国県)の520件。",
            "南国県"
        ));
        assert!(note(
            "・「森のはちみつ」(運営:合同会社ミツバ森林、南国県) 最大2,515件",
            "南国県"
        ));
        // A municipality named for what it did is a party.
        assert!(!note(
            "株式会社かえで堂(南国県)の520件。南国県は調査を始めた。",
            "南国県"
        ));
        // An unnamed body's place in brackets is its name given.
        assert!(!note("ある自治体(青葉市)が流出を公表した。", "青葉市"));
        // After a long name.
        assert!(note(
            "相談業務を委託している株式会社ミドリカワ・ビジネスサービス(本社・南国市)の従業員が、メールを誤送信した。",
            "南国市"
        ));
        // A ward written after its prefecture.
        assert!(note(
            "しまむら(南国県青葉区)は5日、流出を公表した。",
            "青葉区"
        ));
        // Where a business operates, a photo was taken, or its head office is.
        assert!(note(
            "［写真］店舗=9日午後、南国市内\n南国市などでスーパー42店舗を運営する水楢ストア(本社・南国市)は9日、発表した。",
            "南国市"
        ));
    }

    #[test]
    fn a_place_that_only_locates_an_unnamed_body_names_no_victim() {
        let place_in =
            |text: &str, name: &str| ask_place(text, name, Entity::only_locates_unnamed_bodies);
        assert!(place_in(
            "2017年12月13日、岐阜県の国立大学の学内システムが不正アクセスを受けた。",
            "岐阜県"
        ));
        assert!(place_in("福井県の会社員が顧客名簿を紛失した。", "福井県"));
        // The place's own office, or a named body in it, is no anonymised case.
        assert!(!place_in("岐阜県の職員が名簿を紛失した。", "岐阜県"));
        assert!(!place_in(
            "岐阜県は、県立高校の生徒名簿を紛失したと発表した。岐阜県の教育委員会が調べている。",
            "岐阜県"
        ));
    }

    #[test]
    fn a_short_form_in_parentheses_written_with_sha_groups() {
        let text =
            "青葉航空に予約システムを提供する国際航空予約通信機構(AVRS社)が不正アクセスを受けた。\
                    AVRSによると、会員情報が流出した。";
        let (long, short) = entities_holding(text, "国際航空予約通信機構", "AVRS");
        let long = long.expect("the long name is a mention");
        assert_eq!(short, Some(long));
    }

    /// The entities (by index) that hold each of two names after grouping `text`'s mentions.
    fn entities_holding(text: &str, a: &str, b: &str) -> (Option<usize>, Option<usize>) {
        use crate::lexicon::Lexicons;
        use crate::org::OrgFinder;
        let (lex, orgs) = (Lexicons::new(), OrgFinder::new());
        let scan = DocScan::new(text, &lex, &orgs);
        let entities = group_entities(&scan);
        let with = |n: &str| {
            entities
                .iter()
                .position(|e| e.names.iter().any(|(x, _)| x == n))
        };
        (with(a), with(b))
    }

    #[test]
    fn a_class_noun_that_refers_back_is_never_the_name() {
        use crate::lexicon::Lexicons;
        use crate::org::OrgFinder;
        let text = "研修を受託していたすずらん介護研修協会が資料を誤送信した。協会は謝罪した。\
                    協会は再発防止に努める。";
        let (lex, orgs) = (Lexicons::new(), OrgFinder::new());
        let scan = DocScan::new(text, &lex, &orgs);
        let entities = group_entities(&scan);
        let e = entities
            .iter()
            .find(|e| e.names.iter().any(|(x, _)| x == "協会"))
            .expect("協会 is a mention");
        assert_eq!(e.canonical_name(&scan).0, "すずらん介護研修協会");
    }

    #[test]
    fn a_former_name_in_parentheses_groups() {
        let text = "判決は、ひばりテクノロジー(当時の社名はひばりネットワークス)が管理を怠ったと認定した。\
                    ひばりネットワークスは会員に商品券を送った。";
        let (now, then) = entities_holding(text, "ひばりテクノロジー", "ひばりネットワークス");
        let now = now.expect("the name is a mention");
        assert_eq!(then, Some(now));
    }

    #[test]
    fn short_forms_group() {
        use OrgKind::*;
        assert!(same_organisation("カシオ", Bare, "カシオ計算機", LegalForm));
        // A national body named again without its 日本 / 全国.
        assert!(same_organisation(
            "薬膳文化検定協会",
            CorporateSuffix,
            "日本薬膳文化検定協会",
            LegalForm
        ));
        assert!(!same_organisation(
            "日本協会",
            CorporateSuffix,
            "全日本協会",
            LegalForm
        ));
        assert!(same_organisation(
            "市立中央図書館",
            MunicipalFacility,
            "香坂市立中央図書館",
            MunicipalFacility
        ));
        assert!(same_organisation(
            "きわ台病院",
            Hospital,
            "市立ときわ台病院",
            MunicipalFacility
        ));
        assert!(same_organisation(
            "すいぱら",
            Brand,
            "スイーツパラダイス",
            Bare
        ));
        assert!(!same_organisation(
            "市立中央図書館",
            MunicipalFacility,
            "香坂市立西図書館",
            MunicipalFacility
        ));
        assert!(same_organisation(
            "損保ジャパン",
            Bare,
            "損害保険ジャパン",
            Bare
        ));
        assert!(!same_organisation(
            "静岡県",
            Municipality,
            "静岡県立大学",
            University
        ));
        assert!(!same_organisation("三井", Bare, "三井住友海上", Bare));
        assert!(same_organisation(
            "みどり町立西病院",
            MunicipalFacility,
            "西病院",
            Hospital
        ));
        assert!(same_organisation(
            "上越市",
            Municipality,
            "新潟県上越市",
            Municipality
        ));
    }
}
