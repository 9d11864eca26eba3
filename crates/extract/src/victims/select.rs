//! Owns choosing the victims among a document's entities with the learned entity model: every
//! entity's class probabilities (victim, processor, parent, reporter, bystander) from its
//! features, the victims at or above the threshold, the single most probable one when none
//! reaches it, and brands folded into the victim that operates them.

use super::entities::SCHOOL_WORDS;
use super::features::{entity_features, none_features, DocContext};
use super::Entity;
use crate::learn::linear::Features;
use crate::learn::models::{Models, Primary, Thresholds};
use crate::lexicon::{is_school_board, mark};
use crate::org::OrgKind;
use crate::scan::DocScan;

/// The model's view of every entity, and the victims chosen.
pub struct VictimChoice {
    /// Per entity: its features (empty for an entity folded into another).
    pub features: Vec<Features>,
    /// Per entity: the probability of each class of the entity model.
    pub probabilities: Vec<Vec<f32>>,
    /// Per entity: the probability of `victim`.
    pub victim_probability: Vec<f32>,
    /// Per entity: the ranker's score (the highest is the main victim).
    pub rank: Vec<f32>,
    /// The ranker's score of "no victim": above every entity, the document reports none.
    pub none_rank: f32,
    /// Chosen victims, in order of first mention.
    pub victims: Vec<usize>,
}

pub fn choose_victims(scan: &DocScan, entities: &mut [Entity], models: &Models) -> VictimChoice {
    let doc = DocContext::new(scan, entities);
    let vk = models.victim.class_index("victim").unwrap_or(1);
    let mut features = Vec::with_capacity(entities.len());
    let mut probabilities = Vec::with_capacity(entities.len());
    for ei in 0..entities.len() {
        if entities[ei].mentions.is_empty() {
            features.push(Features::new());
            probabilities.push(vec![0.0; models.victim.classes.len()]);
            continue;
        }
        let f = entity_features(scan, entities, ei, &doc);
        probabilities.push(models.victim.probabilities(&f));
        features.push(f);
    }
    let mut victim_probability: Vec<f32> = probabilities.iter().map(|p| p[vk]).collect();
    school_takes_its_boards_probability(scan, entities, &mut victim_probability);
    let rank: Vec<f32> = features
        .iter()
        .map(|f| models.victim_rank.logits(f)[0])
        .collect();
    let none_rank = models.victim_rank.logits(&none_features(scan, &doc))[0];
    let live: Vec<usize> = (0..entities.len())
        .filter(|&i| {
            !entities[i].mentions.is_empty()
                && !entities[i].only_class_nouns()
                && !entities[i].is_named_investigator(scan)
        })
        .collect();
    let victims = decide(
        &live,
        &victim_probability,
        &rank,
        none_rank,
        &doc.parallel,
        &models.thresholds,
    );
    let mut victims = victims;
    prose_entries_join(scan, entities, &live, &victim_probability, &mut victims);
    dated_entry_heads_join(
        scan,
        entities,
        &live,
        &victim_probability,
        models.thresholds.single_victim,
        &mut victims,
    );
    // A bare run that only describes (`重要`, `被害規模ワースト3`, `巡査長`) names no victim.
    // Dropped after the decision, not before: the models were trained seeing such candidates.
    // So does a body that receives reports (個人情報保護委員会): it stands beside the victim.
    victims.retain(|&i| !entities[i].is_description() && !entities[i].is_report_recipient());
    // Nor does a known threat actor (`ランサムウェア集団「Akira」が…同社から盗んだ`): the attacker.
    victims.retain(|&i| !entities[i].is_threat_actor());
    // A place that only locates an unnamed body (`大阪府の国立大学`) names no victim.
    victims.retain(|&i| !entities[i].only_locates_unnamed_bodies(scan));
    // So does a prefecture that only locates a named municipality (`東京都の荒川区`).
    victims.retain(|&i| !entities[i].only_locates_named_municipalities(scan));
    // Nor a place noted in brackets after an organisation (`株式会社A(和歌山県)`).
    victims.retain(|&i| !entities[i].only_notes_a_place(scan));
    // Nor a municipality that only tags a headline with its place, when another victim is
    // named in the story.
    if victims
        .iter()
        .any(|&i| !entities[i].only_tags_a_headline(scan))
    {
        victims.retain(|&i| !entities[i].only_tags_a_headline(scan));
    }
    // Nor the firm that announces a survey of others' incidents.
    victims.retain(|&i| !entities[i].only_publishes_a_survey(scan));
    // Nor the company whose name phishing mails borrow, in a warning that tells no leak of
    // its own (`当社「株式会社A」を装い…` / `当社から情報が流出した事実はございません`).
    if !tells_an_unnegated_leak(scan) {
        // An issuer warning of mails that borrow its name tells no one's leak: a service of
        // its own named in the warning (`インターネットバンキング`) is no victim either.
        let issuer_borrowed = entities.iter().any(|e| borrowed_in_own_words(scan, e));
        if issuer_borrowed {
            victims.clear();
        }
        victims.retain(|&i| !impersonated(scan, &entities[i]));
    }
    // An organisation named only in the related-articles list under the story is another
    // story's (kept when the story itself names no victim: the list mark may be misplaced).
    if victims
        .iter()
        .any(|&i| !entities[i].only_in_related_articles(scan))
    {
        victims.retain(|&i| !entities[i].only_in_related_articles(scan));
    }
    // A paper or broadcaster named only in its mastheads and menus, never in a sentence of
    // the story (`ひさぎのテレビ 最新ニュース`), published the story of the victim beside it.
    let only_publishes = |i: usize| {
        let e = &entities[i];
        e.names
            .iter()
            .any(|(n, _)| super::features::is_media_name(n))
            && e.mentions
                .iter()
                .all(|&m| !scan.has(scan.mention_sentence[m], mark::INCIDENT | mark::LEAK))
    };
    if victims.iter().any(|&i| !only_publishes(i)) {
        victims.retain(|&i| !only_publishes(i));
    }
    // In the issuer's own release, a firm introduced by what it is to the issuer
    // (`決済代行会社である株式会社X`) is its helper or processor, not a victim of its own.
    if let Some(&issuer) = victims.iter().find(|&&i| entities[i].issuer) {
        victims.retain(|&i| i == issuer || !entities[i].introduced_by_its_role(scan));
    }
    // Police that only arrest or refer a suspect report the incident of the victim beside them.
    if victims.len() >= 2 {
        let enforcing: Vec<usize> = victims
            .iter()
            .copied()
            .filter(|&i| entities[i].is_police_only_enforcing(scan))
            .collect();
        if enforcing.len() < victims.len() {
            victims.retain(|i| !enforcing.contains(i));
        }
    }
    // A municipality whose own school or facility is a victim (`凪浜市立石蕗中学校`) stands over
    // it (its board is the parent), not beside it as a second victim.
    let runs_a_victim = |m: usize, victims: &[usize]| {
        victims
            .iter()
            .any(|&f| f != m && runs(&entities[m], &entities[f]))
    };
    let run_by_a_victim: Vec<usize> = victims
        .iter()
        .copied()
        .filter(|&m| runs_a_victim(m, &victims))
        .collect();
    victims.retain(|i| !run_by_a_victim.contains(i));
    if victims.is_empty() && doc.apologises() {
        victims.extend(the_apologising_issuer(scan, entities, &live));
    }
    // A contractor its client names (`委託している株式会社A`, `株式会社Aが提供するサービス`) is
    // the client's processor, not an incident of its own: the corpus records one incident
    // with the processor related. (One hit with two or more clients is fanned out below.)
    if victims
        .iter()
        .any(|&j| entities[j].relation_hint == Some("委託元"))
    {
        victims.retain(|&i| !entities[i].contractor_named);
    }
    hand_over_to_the_entity_hit(scan, entities, &mut victims);
    fold_brands_into_operators(scan, entities, &mut victims, &victim_probability);
    // A processor hit with two or more named clients: it and each client are incidents.
    super::processors::fan_out_to_clients(scan, entities, &live, &mut victims);
    for &i in &victims {
        let p = victim_probability[i];
        entities[i].score = p;
    }
    victims.sort_by_key(|&i| {
        entities[i]
            .mentions
            .iter()
            .map(|&m| scan.mentions[m].start)
            .min()
    });
    VictimChoice {
        features,
        probabilities,
        victim_probability,
        rank,
        none_rank,
        victims,
    }
}

/// Words by which mails borrow a name (`を装`, `をかた`, `になりすま`).
const BORROWED: &[&str] = &[
    "を装",
    "をかた",
    "を騙",
    "になりすま",
    "の名をかた",
    "の名を騙",
];

/// Whether the issuer of a release says, in its own words, that mails borrow its name
/// (`当行を装ったフィッシングメール`).
fn borrowed_in_own_words(scan: &DocScan, e: &Entity) -> bool {
    const SELF: &[&str] = &[
        "当社",
        "弊社",
        "当行",
        "弊行",
        "当院",
        "本学",
        "当協会",
        "当組合",
        "当金庫",
    ];
    e.issuer
        && SELF.iter().any(|me| {
            BORROWED
                .iter()
                .any(|w| scan.text.contains(&format!("{me}{w}")))
        })
}

/// Whether `e` is the name a scam borrows: the issuer says so in its own words, or a mention
/// of `e` is followed, within its clause, by `を装`, `をかた`, `を騙`, `になりすま` or `の名をかた`
/// (`「株式会社A」または「Aオンライン」を装い`).
fn impersonated(scan: &DocScan, e: &Entity) -> bool {
    borrowed_in_own_words(scan, e)
        || e.mentions.iter().any(|&mi| {
            let after = crate::text::window_after(scan.text, scan.mentions[mi].end, 60);
            let clause = after.split(['。', '、', '\n']).next().unwrap_or("");
            BORROWED.iter().any(|w| clause.contains(w))
        })
}

/// Whether some sentence tells a leak, an intrusion or a loss without denying it (`流出した事実は
/// ございません` denies).
fn tells_an_unnegated_leak(scan: &DocScan) -> bool {
    const LEAK: &[&str] = &[
        "流出",
        "漏えい",
        "漏洩",
        "不正アクセス",
        "感染",
        "紛失",
        "誤送信",
    ];
    // (`ございません`, `おりません` end in `ません`.)
    const DENIAL: &[&str] = &["ません", "ない", "事実は"];
    (0..scan.layout.sentences.len()).any(|s| {
        let t = scan.sentence_text(s);
        LEAK.iter().any(|w| t.contains(w)) && !DENIAL.iter().any(|w| t.contains(w))
    })
}

/// A list told in prose (`最初に…のは株式会社A…。2社目の株式会社B…。3社目の株式会社C…`):
/// once a victim is chosen, each organisation introduced by an ordinal counter (`2社目の`,
/// `3件目の`, `もう1社の`) in a sentence about an incident is one too, and so is one that opens
/// a case counted in prose (`一つ目は、A会のケースだ`) and one whose leak a relative clause
/// right before its name tells (`…情報が流出した株式会社A`).
fn prose_entries_join(
    scan: &DocScan,
    entities: &[Entity],
    live: &[usize],
    p: &[f32],
    victims: &mut Vec<usize>,
) {
    /// The lowest probability an entry so introduced may have.
    const FLOOR: f32 = 0.2;
    if victims.is_empty() {
        return;
    }
    // A roundup told in paragraphs: three or more of them open with an organisation and its
    // leak (`自治体では水鏡市が同月21日、…と発表した`). (Two may be a parent that announces and
    // the subsidiary hit.)
    let roundup = live
        .iter()
        .filter(|&&e| {
            entities[e]
                .mentions
                .iter()
                .any(|&mi| opens_a_leak_paragraph(scan, mi))
        })
        .count()
        >= 3;
    // One organisation under a longer and a shorter name (`静岡県御殿場市教育委員会`,
    // `御殿場市教育委員会`) is one victim.
    let named_within = |a: usize, b: usize| {
        entities[a].names.iter().any(|(x, _)| {
            entities[b]
                .names
                .iter()
                .any(|(y, _)| x.ends_with(y.as_str()) || y.ends_with(x.as_str()))
        })
    };
    for &e in live {
        if victims.contains(&e) || p[e] < FLOOR {
            continue;
        }
        let introduced = entities[e].mentions.iter().any(|&mi| {
            introduced_by_leak_clause(scan, mi)
                || counted_case(scan, mi)
                || (roundup && opens_a_leak_paragraph(scan, mi))
                || introduced_by_ordinal(scan, mi) && {
                    let s = scan.mention_sentence[mi];
                    scan.has(s, mark::INCIDENT)
                        || scan.has(s + 1, mark::INCIDENT)
                        || scan.has(s, mark::LEAK)
                }
        });
        if introduced && !victims.iter().any(|&v| named_within(v, e)) {
            victims.push(e);
        }
    }
}

/// Whether mention `mi` is the subject of the first sentence of a paragraph (after a blank
/// line) that tells a leak or an attack: `Xが` / `Xは` / `Xの<incident>` (`…株式会社Aのランサム
/// ウェア被害だ`).
fn opens_a_leak_paragraph(scan: &DocScan, mi: usize) -> bool {
    const INCIDENT_NOUNS: &[&str] = &[
        "ランサムウェア",
        "ランサムウエア",
        "不正アクセス",
        "サイバー攻撃",
        "被害",
        "情報漏",
        "誤送信",
        "誤送付",
        "紛失",
    ];
    let s = scan.mention_sentence[mi];
    let line = scan.line_of(s);
    let paragraph_start = scan
        .layout
        .line_sentences
        .get(line)
        .is_some_and(|&(first, _)| first == s)
        && (line == 0 || scan.layout.line_text(scan.text, line - 1).trim().is_empty());
    if !paragraph_start || !(scan.has(s, mark::INCIDENT) || scan.has(s, mark::LEAK)) {
        return false;
    }
    let after = scan.text.get(scan.mentions[mi].end..).unwrap_or("");
    after.starts_with(['が', 'は'])
        || after
            .strip_prefix('の')
            .is_some_and(|rest| INCIDENT_NOUNS.iter().any(|w| rest.starts_with(w)))
}

/// Whether mention `mi` is the head of a relative clause that tells its leak (`…顧客約12万人分の
/// 情報が流出した株式会社A`, `不正アクセスを受けた株式会社A`): another incident the text recalls.
fn introduced_by_leak_clause(scan: &DocScan, mi: usize) -> bool {
    const LEAK_CLAUSE_ENDS: &[&str] = &[
        "情報が流出した",
        "情報が漏えいした",
        "情報が漏洩した",
        "不正アクセスを受けた",
        "サイバー攻撃を受けた",
        "ランサムウェアに感染した",
        "ランサムウエアに感染した",
    ];
    let before = crate::text::window_before(scan.text, scan.mentions[mi].start, 40);
    LEAK_CLAUSE_ENDS.iter().any(|w| before.ends_with(w))
}

/// Whether mention `mi` follows an ordinal counter (`2社目の`, `3件目は`, `もう1社の`).
fn introduced_by_ordinal(scan: &DocScan, mi: usize) -> bool {
    let before = crate::text::window_before(scan.text, scan.mentions[mi].start, 24);
    let before = before.trim_end_matches(['「', '『']);
    ["社目の", "件目の", "団体目の", "例目の", "社目は", "件目は"]
        .iter()
        .any(|w| {
            before.strip_suffix(w).is_some_and(|head| {
                head.ends_with(|c: char| c.is_ascii_digit() || "二三四五六七八九".contains(c))
            })
        })
        || ["もう1社の", "もう一社の", "もう1社は", "もう一社は"]
            .iter()
            .any(|w| before.ends_with(w))
}

/// Whether mention `mi` opens a case the text counts in prose (`一つ目は、社会福祉法人A会の
/// ケースだ。二つ目は、…`): the count itself says an incident follows, however it is told.
fn counted_case(scan: &DocScan, mi: usize) -> bool {
    let m = &scan.mentions[mi];
    // (A kind before the name is no case: `2番目はネット証券のコハク証券で`.)
    let after = scan.text.get(m.end..).unwrap_or("");
    if let Some(rest) = after.strip_prefix('の') {
        if !["ケース", "事案", "事例", "事故", "件", "問題"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            return false;
        }
    }
    let before = crate::text::window_before(scan.text, m.start, 24);
    let before = before.trim_end_matches(['「', '『']);
    [
        "つ目は、",
        "つ目は",
        "つ目が、",
        "番目は、",
        "番目は",
        "つ目の",
        "番目の",
    ]
    .iter()
    .any(|w| {
        before.strip_suffix(w).is_some_and(|head| {
            head.ends_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九".contains(c))
        })
    })
}

/// In a 事件簿 whose dated lines name their victims first (`2008/6/12 あさひ野信用組合 …`),
/// the organisation that heads a dated line is that entry's victim once another line's head
/// is one, however little its (perhaps cut-off) entry says: from the single-victim bar on.
fn dated_entry_heads_join(
    scan: &DocScan,
    entities: &[Entity],
    live: &[usize],
    p: &[f32],
    floor: f32,
    victims: &mut Vec<usize>,
) {
    // (Mentions are in text order: a line's first is found by bisection.)
    let heads: Vec<usize> = (0..scan.layout.lines.len())
        .filter(|&l| scan.dated_lines()[l])
        .filter_map(|l| {
            let line = scan.layout.lines[l];
            let first = scan.mentions.partition_point(|m| m.start < line.start);
            if scan.mentions.get(first)?.start >= line.end {
                return None;
            }
            live.iter()
                .copied()
                .find(|&e| entities[e].mentions.contains(&first))
        })
        .collect();
    if heads.len() < 2 || !heads.iter().any(|h| victims.contains(h)) {
        return;
    }
    for h in heads {
        if !victims.contains(&h) && p[h] >= floor {
            victims.push(h);
        }
    }
}

/// In a release that apologises for an incident, the one issuer (the organisation the text
/// speaks as) — its incident even when the models weigh no entity high enough (a processor's
/// leak told by its client, a newspaper's `弊社サーバーが…`). None when several or none speak.
/// Whether municipality `m` runs facility `f` by name (`凪浜市` and `凪浜市立石蕗中学校`,
/// `しろがね市` and `しろがね市民病院`).
fn runs(m: &Entity, f: &Entity) -> bool {
    f.names.iter().any(|(fname, fk)| {
        matches!(fk, OrgKind::MunicipalFacility | OrgKind::Hospital)
            && m.names.iter().any(|(mname, mk)| {
                *mk == OrgKind::Municipality
                    && fname
                        .strip_prefix(mname.as_str())
                        .is_some_and(|rest| rest.starts_with('立') || rest.starts_with("民病院"))
            })
    })
}

fn the_apologising_issuer(scan: &DocScan, entities: &[Entity], live: &[usize]) -> Option<usize> {
    if !scan.flags.iter().any(|f| f & mark::INCIDENT != 0) {
        return None;
    }
    let issuers: Vec<usize> = live
        .iter()
        .copied()
        .filter(|&i| {
            entities[i].issuer
                && !entities[i].is_description()
                && !entities[i].is_report_recipient()
        })
        .collect();
    match issuers[..] {
        [issuer] => Some(issuer),
        _ => None,
    }
}

/// The victims among the `live` entities: every one at or above the victim threshold, and the
/// first (by the ranker or by probability, as trained) when it outranks "no victim" and its
/// victim probability reaches the single-victim threshold; then the entities that stand in
/// parallel with a victim (one list, one list's items) from the parallel threshold on.
pub fn decide(
    live: &[usize],
    p: &[f32],
    rank: &[f32],
    none_rank: f32,
    parallel: &[Vec<usize>],
    th: &Thresholds,
) -> Vec<usize> {
    let mut victims: Vec<usize> = live
        .iter()
        .copied()
        .filter(|&i| p[i] >= th.victim)
        .collect();
    let key = |i: usize| match th.primary {
        Primary::Rank => rank[i],
        Primary::Probability => p[i],
    };
    let top = live
        .iter()
        .copied()
        .max_by(|&a, &b| key(a).total_cmp(&key(b)).then(b.cmp(&a)))
        .filter(|&t| th.primary == Primary::Probability || rank[t] > none_rank);
    if let Some(t) = top {
        if !victims.contains(&t) && p[t] >= th.single_victim {
            victims.push(t);
        }
    }
    if let Some(tp) = th.parallel {
        for g in parallel {
            if g.iter().any(|x| victims.contains(x)) {
                for &x in g {
                    if !victims.contains(&x) && live.contains(&x) && p[x] >= tp {
                        victims.push(x);
                    }
                }
            }
        }
    }
    victims
}

/// A school with a name of its own (`東谷町立東谷中学校`): `県立高校` names none.
fn is_named_school(e: &Entity) -> bool {
    e.names.iter().any(|(n, k)| {
        let kind_word = SCHOOL_WORDS.iter().find(|w| n.ends_with(**w));
        let stem = kind_word.map_or(n.as_str(), |w| &n[..n.len() - w.len()]);
        let stem = [
            "県立", "市立", "町立", "村立", "府立", "都立", "道立", "区立", "国立", "公立", "私立",
        ]
        .iter()
        .find_map(|p| stem.strip_suffix(p))
        .unwrap_or(stem);
        !is_school_board(n)
            && (*k == OrgKind::MunicipalFacility || kind_word.is_some())
            && !stem.is_empty()
    })
}

/// Whether a mention of `e` stands in an incident sentence, or heads one: a short heading
/// line (`▼青葉市立みどり小学校(青葉市教育委員会)`) over an incident sentence.
fn in_incident(scan: &DocScan, e: &Entity) -> bool {
    e.mentions.iter().any(|&m| {
        let s = scan.mention_sentence[m];
        let line = scan.layout.line_text(scan.text, scan.line_of(s));
        let heading = line.trim().chars().count() <= 40 && !line.contains('。');
        scan.has(s, mark::INCIDENT)
            || heading && s + 1 < scan.layout.sentences.len() && scan.has(s + 1, mark::INCIDENT)
    })
}

fn is_board(e: &Entity) -> bool {
    // A short form alone (`市教委`) counts once the entity has a board's full name.
    e.names.iter().any(|(n, _)| is_school_board(n))
        && e.names.iter().all(|(n, _)| {
            is_school_board(n) || crate::lexicon::SCHOOL_BOARD_WORDS.contains(&n.as_str())
        })
}

/// A board of education's notice about one named school splits the victim side's probability
/// between two names of one incident: the school (the victim, by the corpus convention) and
/// its board (the parent). The school is judged on both. Applied at decision time, as the
/// hand-over below is: the trainer's thresholds see the model's own probabilities.
fn school_takes_its_boards_probability(scan: &DocScan, entities: &[Entity], p: &mut [f32]) {
    let schools: Vec<usize> = (0..entities.len())
        .filter(|&i| {
            let e = &entities[i];
            is_named_school(e) && e.names_a_school() && in_incident(scan, e)
        })
        .collect();
    let boards: Vec<usize> = (0..entities.len())
        .filter(|&i| is_board(&entities[i]) && in_incident(scan, &entities[i]))
        .collect();
    let ([school], [board]) = (&schools[..], &boards[..]) else {
        return;
    };
    p[*school] = (p[*school] + p[*board]).min(1.0);
}

/// Relations the structural pass found decide between two organisations of one incident
/// (the model weighs them too, but the documents that show them are few): a parent announcing
/// its subsidiary's incident hands the incident to the subsidiary (`北浜HDは…子会社の北浜
/// トラベルが…`), and a school board to the school it names (`…教育委員会は、…中学校の教員が…`);
/// the one handing over becomes the incident's parent.
fn hand_over_to_the_entity_hit(scan: &DocScan, entities: &[Entity], victims: &mut Vec<usize>) {
    let mut i = 0;
    while i < victims.len() {
        let v = victims[i];
        let e = &entities[v];
        let heir = if e.relation_hint == Some("親会社") {
            (0..entities.len()).find(|&o| o != v && entities[o].subsidiary_in_clause)
        } else if is_board(e) {
            (0..entities.len()).find(|&o| {
                o != v && is_named_school(&entities[o]) && in_incident(scan, &entities[o])
            })
        } else if e.operates_named_facility {
            // `医療法人A会「B病院」が…`: the facility is the victim, its operator the parent.
            (0..entities.len()).find(|&o| entities[o].operated_by.is_some_and(|(op, _)| op == v))
        } else {
            // `ことぶき台市民病院 健診センターにおいて`: a unit named after its organisation is
            // that organisation's.
            unit_of(scan, entities, v)
        };
        match heir {
            Some(h) => {
                victims.remove(i);
                if !victims.contains(&h) {
                    victims.insert(i, h);
                    i += 1;
                }
            }
            None => i += 1,
        }
    }
}

/// The organisation whose unit entity `v` is: one of its mentions stands right after another
/// organisation's on the same line, a space apart, and its names end in a unit's word
/// (`…病院 健診センター`, `株式会社A 東京支店`).
fn unit_of(scan: &DocScan, entities: &[Entity], v: usize) -> Option<usize> {
    const UNIT_ENDS: &[&str] = &[
        "センター",
        "本部",
        "事業部",
        "支店",
        "支社",
        "営業所",
        "事務所",
        "部",
        "課",
        "局",
        "室",
    ];
    let e = &entities[v];
    if !e
        .names
        .iter()
        .all(|(n, _)| UNIT_ENDS.iter().any(|u| n.ends_with(u)))
    {
        return None;
    }
    e.mentions.iter().find_map(|&mi| {
        let before = &scan.text[..scan.mentions[mi].start];
        let trimmed = before.trim_end_matches([' ', '\u{3000}']);
        if trimmed.len() == before.len() || trimmed.ends_with('\n') {
            return None;
        }
        (0..entities.len()).find(|&o| {
            o != v
                && entities[o]
                    .mentions
                    .iter()
                    .any(|&om| scan.mentions[om].end == trimmed.len())
        })
    })
}

/// A brand chosen as a victim that shares a sentence with a chosen victim that is not a/// A brand chosen as a victim that shares a sentence with a chosen victim that is not a
/// brand is that organisation's service: its names and mentions join the operator.
fn fold_brands_into_operators(
    scan: &DocScan,
    entities: &mut [Entity],
    victims: &mut Vec<usize>,
    p: &[f32],
) {
    let brand_only = |e: &Entity| e.names.iter().all(|(_, k)| *k == OrgKind::Brand);
    let mut folded = Vec::new();
    for &b in victims.iter() {
        if !brand_only(&entities[b]) {
            continue;
        }
        let bsents: Vec<usize> = entities[b]
            .mentions
            .iter()
            .map(|&m| scan.mention_sentence[m])
            .collect();
        let host = victims
            .iter()
            .copied()
            .filter(|&o| o != b && !brand_only(&entities[o]) && entities[o].relation_hint.is_none())
            .filter(|&o| {
                entities[o]
                    .mentions
                    .iter()
                    .any(|&m| bsents.contains(&scan.mention_sentence[m]))
                    || owned_by_name(scan, &entities[b], &entities[o])
            })
            .max_by(|&x, &y| p[x].total_cmp(&p[y]));
        if let Some(h) = host {
            let names = std::mem::take(&mut entities[b].names);
            let mentions = std::mem::take(&mut entities[b].mentions);
            entities[h].names.extend(names);
            entities[h].mentions.extend(mentions);
            folded.push(b);
        }
    }
    victims.retain(|v| !folded.contains(v));
}

/// Whether a mention of `brand` is written as `owner`'s, by its name without a legal form
/// (`ルミエクラ化粧品の「ルミエクラオンライン」`, the owner's other mentions being
/// `株式会社ルミエクラ化粧品`).
fn owned_by_name(scan: &DocScan, brand: &Entity, owner: &Entity) -> bool {
    brand.mentions.iter().any(|&mi| {
        let before = crate::text::window_before(scan.text, scan.mentions[mi].start, 90);
        let Some(head) = before
            .strip_suffix("の「")
            .or_else(|| before.strip_suffix("の『"))
        else {
            return false;
        };
        owner.names.iter().any(|(n, _)| {
            let core = crate::org::core_name(n);
            core.chars().count() >= 2 && head.ends_with(core.as_str())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::victims::with_entities;

    #[test]
    fn a_unit_named_after_its_organisation_is_that_organisations() {
        let unit = |text: &str| {
            with_entities(text, |scan, ents, _| {
                let v = ents
                    .iter()
                    .position(|e| e.names.iter().any(|(n, _)| n == "健診センター"))?;
                unit_of(scan, ents, v).map(|o| ents[o].canonical_name(scan).0)
            })
        };
        assert_eq!(
            unit("健診センターからのお知らせ\nみずき野市民病院 健診センターにおいて、案内メールを誤送信しました。"),
            Some("みずき野市民病院".to_string())
        );
        assert_eq!(
            unit("みずき野市民病院と健診センターにおいて、案内メールを誤送信しました。"),
            None
        );
    }

    /// Whether some mention of the organisation `name` in `text` passes `test`.
    fn a_mention_of(text: &str, name: &str, test: fn(&DocScan, usize) -> bool) -> bool {
        with_entities(text, |scan, ents, _| {
            ents.iter()
                .filter(|e| e.names.iter().any(|(n, _)| n == name))
                .flat_map(|e| e.mentions.iter())
                .any(|&mi| test(scan, mi))
        })
    }

    #[test]
    fn a_paragraph_that_opens_with_an_organisation_and_its_leak_introduces_it() {
        let opens = |text: &str, name: &str| a_mention_of(text, name, opens_a_leak_paragraph);
        let text = "今月の振り返り\n\n自治体では湊坂市が6月19日、市民210人の氏名が流出したと発表した。\n\n委託先では株式会社あおば計算のランサムウェア被害が目立った。同社のサーバーが暗号化された。\n";
        assert!(opens(text, "湊坂市"));
        assert!(opens(text, "株式会社あおば計算"));
        // Named later in a paragraph, or in a paragraph that tells no leak, it opens nothing.
        let text = "今月の振り返り\n\n個人情報が流出した。湊坂市が6月19日に発表した。\n\n株式会社あおば計算は新社長を発表した。\n";
        assert!(!opens(text, "湊坂市"));
        assert!(!opens(text, "株式会社あおば計算"));
    }

    #[test]
    fn cases_counted_in_prose_open_with_their_organisations() {
        let counted = |text: &str, name: &str| a_mention_of(text, name, counted_case);
        let text = "秋の事案を振り返る。一つ目は、社会福祉法人あおぞら会のケースだ。同会は名簿を掲載していた。二つ目は、株式会社みさき不動産で、書類を紛失した。";
        assert!(counted(text, "社会福祉法人あおぞら会"));
        assert!(counted(text, "株式会社みさき不動産"));
        // A kind named before the organisation is no case.
        let text = "2番目はネット証券の株式会社みさき証券で、約148万人分が流出した。";
        assert!(!counted(text, "ネット証券"));
    }

    #[test]
    fn the_company_a_scam_impersonates_in_its_own_warning_is_no_victim() {
        let text = "不審なメールにご注意ください\n現在、当社「株式会社みさき生活」を装い、カード情報を盗み取ろうとするメールが確認されています。当社から情報が流出した事実はございません。";
        with_entities(text, |scan, ents, _| {
            let e = ents
                .iter()
                .find(|e| e.names.iter().any(|(n, _)| n == "株式会社みさき生活"))
                .expect("named");
            assert!(impersonated(scan, e));
            assert!(!tells_an_unnegated_leak(scan));
        });
        // A leak told as a fact keeps the company a victim, whatever scams follow.
        let text =
            "株式会社みさき生活は、サーバーへの不正アクセスにより顧客情報が流出したと発表した。";
        with_entities(text, |scan, _, _| assert!(tells_an_unnegated_leak(scan)));
    }

    #[test]
    fn a_city_runs_the_school_named_after_it() {
        let text = "浜木綿市立みずき中学校で成績ファイルを誤送信しました。浜木綿市教育委員会は浜木綿市のサイトで謝罪した。北浜市立しらさぎ小学校は無関係。浜木綿市民病院も同様。";
        with_entities(text, |_, ents, _| {
            let of = |name: &str| {
                ents.iter()
                    .find(|e| e.names.iter().any(|(n, _)| n == name))
                    .expect(name)
            };
            let (city, school) = (of("浜木綿市"), of("浜木綿市立みずき中学校"));
            assert!(runs(city, school));
            assert!(!runs(school, city));
            assert!(!runs(city, of("北浜市立しらさぎ小学校")));
            assert!(runs(city, of("浜木綿市民病院")));
        });
    }

    /// The apologising issuer of `text`, by name.
    fn issuer_of(text: &str) -> Option<String> {
        with_entities(text, |scan, ents, live| {
            the_apologising_issuer(scan, ents, live).map(|i| ents[i].canonical_name(scan).0)
        })
    }

    #[test]
    fn an_operator_chosen_hands_its_incident_to_the_facility_it_runs() {
        let text = "青葉県の医療法人社団ひばり会「みどり野記念病院」がランサムウェアによるサイバー攻撃を受けた。";
        let chosen = with_entities(text, |scan, ents, live| {
            let name = |i: usize| ents[i].canonical_name(scan).0;
            let mut victims: Vec<usize> = live
                .iter()
                .copied()
                .filter(|&i| name(i) == "医療法人社団ひばり会")
                .collect();
            assert_eq!(victims.len(), 1);
            hand_over_to_the_entity_hit(scan, ents, &mut victims);
            victims.iter().map(|&i| name(i)).collect::<Vec<_>>()
        });
        assert_eq!(chosen, vec!["みどり野記念病院".to_string()]);
    }

    #[test]
    fn a_brand_written_as_its_owner_s_by_the_owner_s_bare_name_is_the_owner_s() {
        let text = "株式会社ミモザ化粧品のサイトに侵入した疑い。最初に侵入されたのはミモザ化粧品の「ミモザオンライン」で、会員情報が盗まれた。";
        let owned = with_entities(text, |scan, ents, live| {
            let find = |n: &str| {
                live.iter()
                    .copied()
                    .find(|&i| ents[i].names.iter().any(|(x, _)| x == n))
                    .expect(n)
            };
            let brand = find("ミモザオンライン");
            let owner = find("株式会社ミモザ化粧品");
            (
                owned_by_name(scan, &ents[brand], &ents[owner]),
                owned_by_name(scan, &ents[owner], &ents[brand]),
            )
        });
        assert_eq!(owned, (true, false));
    }

    #[test]
    fn an_organisation_after_an_ordinal_counter_is_a_list_entry() {
        let scan = crate::dates::test_scan(
            "最初は株式会社ひばり精機だ。2社目の株式会社みなと冷蔵では感染した。もう1社の株式会社こだま食品も同様だ。一方、株式会社やまびこ商事は無事だった。",
        );
        let by_name = |n: &str| {
            scan.mentions
                .iter()
                .position(|m| m.name == n)
                .unwrap_or_else(|| {
                    panic!(
                        "{n}: {:?}",
                        scan.mentions.iter().map(|m| &m.name).collect::<Vec<_>>()
                    )
                })
        };
        assert!(introduced_by_ordinal(&scan, by_name("株式会社みなと冷蔵")));
        assert!(introduced_by_ordinal(&scan, by_name("株式会社こだま食品")));
        assert!(!introduced_by_ordinal(&scan, by_name("株式会社ひばり精機")));
        assert!(!introduced_by_ordinal(
            &scan,
            by_name("株式会社やまびこ商事")
        ));
        let scan = crate::dates::test_scan(
            "訴訟では、2019年に顧客約3万人分の情報が流出した株式会社あおば通信に対し賠償を命じた例がある。株式会社みずほ台商事が報告した。",
        );
        let by_name = |n: &str| scan.mentions.iter().position(|m| m.name == n).expect(n);
        assert!(introduced_by_leak_clause(
            &scan,
            by_name("株式会社あおば通信")
        ));
        assert!(!introduced_by_leak_clause(
            &scan,
            by_name("株式会社みずほ台商事")
        ));
    }

    #[test]
    fn a_known_threat_actor_is_never_a_victim() {
        let actor = |names: &[&str]| {
            Entity {
                names: names
                    .iter()
                    .map(|n| (n.to_string(), crate::org::OrgKind::Brand))
                    .collect(),
                ..Entity::default()
            }
            .is_threat_actor()
        };
        assert!(actor(&["Akira"]));
        assert!(actor(&["LockBit"]));
        assert!(!actor(&["Akira", "株式会社アキラ商会"]));
        assert!(!actor(&["みなと物流"]));
    }

    #[test]
    fn a_board_known_by_its_short_form_too_is_a_board() {
        let board = |names: &[&str]| {
            is_board(&Entity {
                names: names
                    .iter()
                    .map(|n| (n.to_string(), crate::org::OrgKind::Municipality))
                    .collect(),
                ..Entity::default()
            })
        };
        assert!(board(&["青葉市教育委員会", "市教委"]));
        assert!(board(&["青葉市教育委員会"]));
        assert!(!board(&["市教委"]));
        assert!(!board(&["青葉市教育委員会", "青葉市"]));
    }

    #[test]
    fn the_one_issuer_of_an_apology_for_an_incident() {
        assert_eq!(
            issuer_of("この度、ミナモト文化基金(以下「当財団」)への会費の決済に利用している決済代行会社において不正アクセスによる情報流出が発生いたしました。当財団の会員の皆様に深くお詫び申し上げます。"),
            Some("ミナモト文化基金".to_string())
        );
        // No incident told: no issuer's incident.
        assert_eq!(
            issuer_of("この度、ミナモト文化基金(以下「当財団」)の窓口の営業時間を変更いたします。ご不便をおかけし、お詫び申し上げます。"),
            None
        );
    }
}
