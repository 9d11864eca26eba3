//! Owns the other parties and amounts of an incident: the attacker (threat-actor lexicon with
//! katakana variants, or the company whose staff were arrested in an insider case), related
//! organisations (委託先→processor, 委託元→data_owner, 子会社/親会社), regulator actions
//! (行政指導, 業務改善命令, 逮捕, 書類送検, 懲戒処分 with who), stated monetary damage
//! (億円/万円 with 被害額/損失/解決金/賠償…), and data volumes (1.1TB, 1.1テラバイト).

use crate::context::VictimContext;
use crate::lexicon::{is_authority, is_school_board, mark, WordFile};
use crate::org::OrgKind;
use crate::text::{window_after, window_before};
use crate::victims::Entity;
use leakwatch_jatext::parse_japanese_number;
use leakwatch_model::{Cause, Field, RelatedOrg, RelationRole};
use regex::Regex;

pub struct AmountFinder {
    money: Regex,
    volume: Regex,
    action: Regex,
}

impl AmountFinder {
    pub fn new() -> AmountFinder {
        AmountFinder {
            money: Regex::new(r"(?P<num>\d[\d,]*(?:\.\d+)?(?:\s*[万億]\s*(?:\d[\d,]*)?)*)\s*(?P<unit>億円|万円|円)")
                .expect("money regex"),
            volume: Regex::new(r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>テラバイト|ギガバイト|メガバイト|TB|GB|MB)")
                .expect("volume regex"),
            action: Regex::new(
                r"行政指導|業務改善命令|業務停止命令|改善命令|措置命令|勧告|書類送検|逮捕|懲戒解雇|懲戒処分|停職|減給|戒告|諭旨解雇",
            )
            .expect("action regex"),
        }
    }

    /// Largest stated loss in the block's incident sentences.
    pub fn financial_impact(&self, ctx: &VictimContext) -> Option<Field<u64>> {
        const CONTEXT: &[&str] = &[
            "被害額",
            "損失",
            "解決金",
            "賠償",
            "逸失",
            "機会損失",
            "費用",
            "公金",
            "現金",
            "詐取",
            "損害",
            "特別損失",
            "身代金",
        ];
        let scan = ctx.scan;
        let mut best: Option<(u64, usize, usize, usize)> = None;
        for &s in &ctx.block.sentences {
            if scan.has(s, mark::GENERIC | mark::STAT | mark::SURVEY)
                || ctx.block.distance_of(s).unwrap_or(99) > 8
            {
                continue;
            }
            let sent = scan.layout.sentences[s];
            let t = scan.sentence_text(s);
            // `円` first: one byte search rules out most sentences before the word list.
            if !t.contains('円') || !CONTEXT.iter().any(|w| t.contains(w)) {
                continue;
            }
            for caps in self.money.captures_iter(t) {
                let (Some(w), Some(num), Some(unit)) =
                    (caps.get(0), caps.name("num"), caps.name("unit"))
                else {
                    continue;
                };
                let before = window_before(t, w.start(), 9);
                if before.ends_with('数') || before.ends_with('十') {
                    continue;
                }
                let raw: String = num
                    .as_str()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let mult = match unit.as_str() {
                    "億円" => 100_000_000u64,
                    "万円" => 10_000,
                    _ => 1,
                };
                let Some(v) = parse_japanese_number(&raw).and_then(|v| v.checked_mul(mult)) else {
                    continue;
                };
                if best.is_none_or(|b| v > b.0) {
                    best = Some((v, sent.start + w.start(), sent.start + w.end(), s));
                }
            }
        }
        best.map(|(v, a, b, s)| {
            Field::new(
                v,
                ctx.confidence(0.7, s),
                "money.stated_loss",
                Some(ctx.evidence(a, b, s)),
            )
        })
    }

    pub fn data_volume(&self, ctx: &VictimContext) -> Option<Field<String>> {
        let scan = ctx.scan;
        for &s in &ctx.block.sentences {
            if ctx.block.distance_of(s).unwrap_or(99) > 8 || scan.has(s, mark::GENERIC) {
                continue;
            }
            let sent = scan.layout.sentences[s];
            let t = scan.sentence_text(s);
            if !t.contains('B') && !t.contains("バイト") {
                continue; // every unit the pattern knows ends in one of these
            }
            for caps in self.volume.captures_iter(t) {
                let (Some(w), Some(num), Some(unit)) =
                    (caps.get(0), caps.name("num"), caps.name("unit"))
                else {
                    continue;
                };
                let u = match unit.as_str() {
                    "テラバイト" | "TB" => "TB",
                    "ギガバイト" | "GB" => "GB",
                    _ => "MB",
                };
                return Some(Field::new(
                    format!("{}{u}", num.as_str()),
                    ctx.confidence(0.8, s),
                    "volume.number_unit",
                    Some(ctx.evidence(sent.start + w.start(), sent.start + w.end(), s)),
                ));
            }
        }
        None
    }

    /// `総務省 行政指導`, `警視庁 逮捕`…
    pub fn regulator_action(&self, ctx: &VictimContext) -> Option<Field<String>> {
        let scan = ctx.scan;
        for &s in &ctx.block.sentences {
            if ctx.block.distance_of(s).unwrap_or(99) > 10 || scan.has(s, mark::GENERIC) {
                continue;
            }
            let t = scan.sentence_text(s);
            let Some(m) = self.action.find(t) else {
                continue;
            };
            // Who acted: an authority named in the sentence.
            let sent = scan.layout.sentences[s];
            let who = scan
                .mentions
                .iter()
                .filter(|om| om.start >= sent.start && om.end <= sent.end)
                .find(|om| om.kind == OrgKind::Government || is_authority(&om.name))
                .map(|om| om.name.clone())
                .or_else(|| {
                    [
                        "警視庁",
                        "警察",
                        "総務省",
                        "金融庁",
                        "個人情報保護委員会",
                        "県警",
                        "府警",
                    ]
                    .iter()
                    .find(|w| t.contains(*w))
                    .map(|w| w.to_string())
                });
            let value = match who {
                Some(w) => format!("{w} {}", m.as_str()),
                None => m.as_str().to_string(),
            };
            return Some(Field::new(
                value,
                ctx.confidence(0.7, s),
                format!("regulator.action:{}", m.as_str()),
                Some(ctx.evidence(sent.start + m.start(), sent.start + m.end(), s)),
            ));
        }
        None
    }
}

impl Default for AmountFinder {
    fn default() -> Self {
        AmountFinder::new()
    }
}

/// A named threat actor near the victim.
pub fn find_attacker(ctx: &VictimContext) -> Option<Field<String>> {
    let scan = ctx.scan;
    let Some(h) = scan
        .actors
        .iter()
        .filter(|h| {
            ctx.in_block(h.sentence) && ctx.block.distance_of(h.sentence).unwrap_or(99) <= 8
        })
        .find(|h| !scan.has(h.sentence, mark::GENERIC))
    else {
        return named_group(ctx).or_else(|| arrested_person(ctx));
    };
    let written = scan.text.get(h.start..h.end).unwrap_or(h.value).to_string();
    Some(Field::new(
        written,
        ctx.confidence(0.85, h.sentence),
        format!("attacker.threat_actor:{}", h.value),
        Some(ctx.evidence(h.start, h.end, h.sentence)),
    ))
}

/// The person a news report names as the suspect or the accused (`元社員の青山一郎容疑者(45)`,
/// `青山一郎被告(45)`, `青山一郎(あおやま・いちろう)容疑者`): the one who took or leaked the
/// data. A run of kanji (or katakana for a foreign name) right before the title, not a
/// description of a person (`男性`, `元社員`).
fn arrested_person(ctx: &VictimContext) -> Option<Field<String>> {
    let scan = ctx.scan;
    for &s in &ctx.block.sentences {
        if ctx.block.distance_of(s).unwrap_or(99) > 8 {
            continue;
        }
        let t = scan.sentence_text(s);
        let st = scan.layout.sentences[s].start;
        for title in ["容疑者", "被告"] {
            for (at, _) in t.match_indices(title) {
                let mut before = &t[..at];
                // A reading in parentheses between the name and the title.
                if let Some(open) = before.strip_suffix(')').and_then(|b| b.rfind('(')) {
                    if before.len() - open <= 40 {
                        before = &before[..open];
                    }
                }
                let name = person_name_before(before);
                if name.is_empty() {
                    continue;
                }
                let end = st + before.len();
                let start = end - name.len();
                return Some(Field::new(
                    name.to_string(),
                    ctx.confidence(0.6, s),
                    "attacker.suspect_named",
                    Some(ctx.evidence(start, end, s)),
                ));
            }
        }
    }
    None
}

/// The name that ends `before`: 2–6 kanji or 2–12 katakana, after a separator or the start.
fn person_name_before(before: &str) -> &str {
    let kanji = |c: char| crate::text::is_kanji(c) || c == '々';
    let katakana = |c: char| crate::text::is_katakana(c) || c == '・' || c == 'ー';
    let Some(last) = before.chars().last() else {
        return "";
    };
    let (class, max): (&dyn Fn(char) -> bool, usize) = if kanji(last) {
        (&kanji, 6)
    } else if katakana(last) {
        (&katakana, 12)
    } else {
        return "";
    };
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| class(c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let name = &before[start..];
    let n = name.chars().count();
    let descriptive = [
        '男', '女', '性', '員', '者', '長', '人', '生', '師', '職', '婦', '役', '官',
    ];
    if n < 2 || n > max || name.ends_with(descriptive) {
        return "";
    }
    name
}

/// A threat actor the lexicon does not know, named the way reports introduce one:
/// `ランサムウェアグループ「○○」`, `攻撃グループ「○○」`, `「○○」を名乗るグループ`.
fn named_group(ctx: &VictimContext) -> Option<Field<String>> {
    let scan = ctx.scan;
    for &s in &ctx.block.sentences {
        if ctx.block.distance_of(s).unwrap_or(99) > 8 || scan.has(s, mark::GENERIC) {
            continue;
        }
        let t = scan.sentence_text(s);
        if !t.contains('「') {
            continue;
        }
        let st = scan.layout.sentences[s].start;
        for (open, _) in t.match_indices('「') {
            let inner_start = open + '「'.len_utf8();
            let Some(len) = t[inner_start..].find('」') else {
                continue;
            };
            let name = &t[inner_start..inner_start + len];
            let n = name.chars().count();
            if !(2..=24).contains(&n) || name.contains(['、', '。', ' ']) {
                continue;
            }
            let before = crate::text::window_before(t, open, 48);
            let after = &t[inner_start + len + '」'.len_utf8()..];
            let introduced = crate::org::THREAT_GROUP_WORDS
                .iter()
                .any(|w| before.ends_with(w))
                || ["を名乗る", "と名乗る", "と称する"]
                    .iter()
                    .any(|w| after.starts_with(w));
            if introduced {
                let (a, b) = (st + inner_start, st + inner_start + len);
                return Some(Field::new(
                    name.to_string(),
                    ctx.confidence(0.7, s),
                    "attacker.named_group",
                    Some(ctx.evidence(a, b, s)),
                ));
            }
        }
    }
    None
}

static RELATION_WORDS: WordFile = WordFile::new(include_str!("../data/lexicon/relation_words.txt"));

/// Which side of a name a relation word stands on.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Before,
    After,
}

/// The entries of `data/lexicon/relation_words.txt` (`ROLE SIDE WORD`), read once; a line that
/// is not one is skipped (the unit tests check that every line is one).
fn relation_words() -> &'static [(RelationRole, Side, &'static str)] {
    static PARSED: std::sync::OnceLock<Vec<(RelationRole, Side, &'static str)>> =
        std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        RELATION_WORDS
            .words()
            .iter()
            .filter_map(|line| {
                let mut parts = line.splitn(3, ' ');
                let role = match parts.next()? {
                    "processor" => RelationRole::Processor,
                    "parent" => RelationRole::Parent,
                    _ => return None,
                };
                let side = match parts.next()? {
                    "before" => Side::Before,
                    "after" => Side::After,
                    _ => return None,
                };
                Some((role, side, parts.next()?))
            })
            .collect()
    })
}

/// The role the words right around a mention give it (`受託事業者(X)` → processor,
/// `X(以下「X社」)が提供するサービス` → processor, `X(SII)子会社の` → parent), from
/// `data/lexicon/relation_words.txt`: `before` ends where the name starts, `after` starts
/// where it ends.
pub(crate) fn role_from_words_around(before: &str, after: &str) -> Option<RelationRole> {
    let lead = before.trim_end_matches(['、', '(', '「', ' ', '　', ',']);
    let mut tail = after.trim_start_matches(['」', ' ', '　']);
    if let Some(rest) = tail.strip_prefix('(') {
        if let Some(close) = rest.find(')') {
            tail = &rest[close + 1..];
        }
    }
    relation_words()
        .iter()
        .find(|(_, side, word)| match side {
            Side::Before => lead.ends_with(word),
            Side::After => tail.starts_with(word),
        })
        .map(|(role, _, _)| *role)
}

/// Organisations related to the victim, from the words around their mentions in the block.
pub fn find_related(
    ctx: &VictimContext,
    entities: &[Entity],
    victim: usize,
    victims: &[usize],
    cause: Option<Cause>,
) -> (Vec<Field<RelatedOrg>>, Option<Field<String>>) {
    let scan = ctx.scan;
    let mut out: Vec<Field<RelatedOrg>> = Vec::new();
    let mut insider_attacker: Option<Field<String>> = None;
    // Other victims may be related too: a processor and the clients whose data it held are
    // each an incident, related to one another.
    let _ = victims;
    let client = entities[victim].relation_hint == Some("委託元");
    let victim_is_school = entities[victim].names_a_school();
    // The body that runs the victim facility, named beside it: its parent (the corpus
    // convention).
    let operator = entities[victim].operated_by;
    if let Some((operator, mention)) = operator {
        let m = &scan.mentions[mention];
        let s = scan.mention_sentence[mention];
        out.push(Field::new(
            RelatedOrg {
                name: entities[operator].canonical_name(scan).0,
                role: RelationRole::Parent,
            },
            ctx.confidence(0.65, s),
            "related.facility_operator",
            Some(ctx.evidence(m.start, m.end, s)),
        ));
    }
    for (ei, ent) in entities.iter().enumerate() {
        if operator.is_some_and(|(o, _)| o == ei) {
            continue;
        }
        // Two clients of one processor are not related to each other.
        if ei == victim || client && ent.relation_hint == Some("委託元") {
            continue;
        }
        // A school board beside the school it speaks of: the school's parent (the corpus
        // convention).
        if victim_is_school && ent.names.iter().any(|(n, _)| is_school_board(n)) {
            let near = ent.mentions.iter().find(|&&mi| {
                let s = scan.mention_sentence[mi];
                ctx.in_block(s) || s <= 1
            });
            if let Some(&mi) = near {
                let m = &scan.mentions[mi];
                let s = scan.mention_sentence[mi];
                out.push(Field::new(
                    RelatedOrg {
                        name: ent.canonical_name(scan).0,
                        role: RelationRole::Parent,
                    },
                    ctx.confidence(0.65, s),
                    "related.school_board",
                    Some(ctx.evidence(m.start, m.end, s)),
                ));
            }
            continue;
        }
        if ent
            .names
            .iter()
            .any(|(n, k)| *k == OrgKind::Government || is_authority(n))
        {
            continue;
        }
        // A name found only by its position (`固定資産税`, `痕跡`) is too often a thing to be
        // named as a related organisation on the words around it alone.
        if ent.relation_hint.is_none()
            && !ent.contractor_named
            && ent.names.iter().all(|(_, k)| *k == OrgKind::Bare)
        {
            continue;
        }
        for &mi in &ent.mentions {
            let m = &scan.mentions[mi];
            let s = scan.mention_sentence[mi];
            if !ctx.in_block(s) || ctx.block.distance_of(s).unwrap_or(99) > 3 {
                continue;
            }
            let before = window_before(scan.text, m.start, 30);
            let after = window_after(scan.text, m.end, 60);
            let role = match m.relation_hint.or(ent.relation_hint) {
                Some("子会社") => Some(RelationRole::Subsidiary),
                Some("親会社") => Some(RelationRole::Parent),
                Some("委託先") => Some(RelationRole::Processor),
                Some(_) => Some(RelationRole::DataOwner),
                None => {
                    if after.contains("委託元")
                        || after.contains("業務を委託")
                        || after.contains("の委託で")
                        || after.contains("から委託")
                    {
                        Some(RelationRole::DataOwner)
                    } else if after.contains("委託先")
                        || before.ends_with("委託先の")
                        || before.ends_with("委託先である")
                        || before.ends_with("委託している")
                        || before.ends_with("委託していた")
                    {
                        Some(RelationRole::Processor)
                    } else if let Some(role) = role_from_words_around(
                        before,
                        // Long enough to step over a `(以下「…」といいます。)` note.
                        window_after(scan.text, m.end, 180),
                    ) {
                        Some(role)
                    } else if before.ends_with("子会社の") || before.ends_with("子会社である")
                    {
                        Some(RelationRole::Subsidiary)
                    } else if before.ends_with("親会社の") || before.ends_with("親会社である")
                    {
                        Some(RelationRole::Parent)
                    } else {
                        None
                    }
                }
            };
            let t = scan.sentence_text(s);
            let arrest = ["逮捕", "書類送検", "容疑"].iter().any(|w| t.contains(w));
            if cause == Some(Cause::Insider)
                && arrest
                && ["の代表", "の社員", "の元社員", "の従業員", "代表", "に転職"]
                    .iter()
                    .any(|p| after.starts_with(p))
            {
                let name = ent.canonical_name(scan).0;
                out.push(Field::new(
                    RelatedOrg {
                        name: name.clone(),
                        role: RelationRole::Attacker,
                    },
                    ctx.confidence(0.6, s),
                    "related.arrested_staff_of",
                    Some(ctx.evidence(m.start, m.end, s)),
                ));
                if insider_attacker.is_none() {
                    insider_attacker = Some(Field::new(
                        name,
                        ctx.confidence(0.6, s),
                        "attacker.arrested_staff_of",
                        Some(ctx.evidence(m.start, m.end, s)),
                    ));
                }
                break;
            }
            if let Some(role) = role {
                out.push(Field::new(
                    RelatedOrg {
                        name: ent.canonical_name(scan).0,
                        role,
                    },
                    ctx.confidence(0.65, s),
                    format!("related.{}", role.as_str()),
                    Some(ctx.evidence(m.start, m.end, s)),
                ));
                break;
            }
        }
    }
    (out, insider_attacker)
}

#[cfg(test)]
mod tests {
    use super::{person_name_before, relation_words, role_from_words_around};
    use leakwatch_model::RelationRole;

    #[test]
    fn the_name_before_a_suspects_title() {
        assert_eq!(person_name_before("元社員の青山一郎"), "青山一郎");
        assert_eq!(person_name_before("無職、スミス・ジョン"), "スミス・ジョン");
        // A description of a person, or a run too long to be a name, is none.
        assert_eq!(person_name_before("元社員の男性"), "");
        assert_eq!(person_name_before("同社の元社員"), "");
        assert_eq!(person_name_before("大規模個人情報流出事件"), "");
        assert_eq!(person_name_before("の"), "");
    }

    #[test]
    fn words_that_name_a_processor_or_a_parent() {
        let processor = Some(RelationRole::Processor);
        assert_eq!(
            role_from_words_around("当該事務の受託事業者(", ")が、"),
            processor
        );
        assert_eq!(
            role_from_words_around("決済サービス会社、", "(以下「A社」)におきまして"),
            processor
        );
        assert_eq!(
            role_from_words_around(
                "当社サイトが導入していた、",
                "(以下、「A社」といいます。)が提供するサービスが"
            ),
            processor
        );
        assert_eq!(
            role_from_words_around("業務の委託を受けていた会社「", "」によりますと"),
            processor
        );
        let parent = Some(RelationRole::Parent);
        assert_eq!(
            role_from_words_around("", "(AS)子会社の青葉データが"),
            parent
        );
        assert_eq!(role_from_words_around("", "傘下の青葉ネットは"), parent);
        // A client, or a company merely named, has no role from these words.
        assert_eq!(role_from_words_around("当社は、", "と共同で"), None);
        assert_eq!(role_from_words_around("取引先の", "が、"), None);
        // Every line of the data file is an entry.
        assert_eq!(relation_words().len(), super::RELATION_WORDS.words().len());
    }
}
