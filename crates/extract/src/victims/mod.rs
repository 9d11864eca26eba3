//! Owns deciding who the victims are: groups organisation mentions into entities (same core
//! name, short forms such as カシオ/カシオ計算機 or 損保ジャパン/損害保険ジャパン, `A(B)`
//! abbreviations, brand ↔ operator), scores each entity by the positions its mentions take in
//! incident sentences, and picks victims. Bystanders (regulators, police, card issuers,
//! security vendors, related companies) score low because of where they stand in sentences.

pub mod features;
pub mod select;

use crate::lexicon::{is_authority, is_school_board, mark};
use crate::org::{core_name, OrgKind, OrgMention};
use crate::scan::DocScan;
use crate::text::window_after;

/// An organisation as the document names it, with all its mentions.
#[derive(Debug, Clone)]
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
            if best.is_none_or(|(r, _, _)| rank > r) {
                best = Some((rank, name, *kind));
            }
        }
        best.map_or((String::new(), OrgKind::Bare), |(_, n, k)| (n.clone(), k))
    }
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
        // `X(以下「Y」という)` / `X(以下、Y)`: a short form the document defines.
        let alt = match alt.strip_prefix("以下") {
            Some(def) => {
                let def = def.trim_start_matches(['、', ',', ' ', '「', '『']);
                let end = def.find(['」', '』', 'と', ')']).unwrap_or(def.len());
                &def[..end]
            }
            None => alt,
        };
        let place = ["市", "県", "区", "町", "村", "都", "府", "都内", "本社"]
            .iter()
            .any(|p| alt.ends_with(p));
        (alt.chars().count() >= 2
            && alt.chars().count() <= 24
            && !alt.contains(['、', '。'])
            && !place)
            .then(|| core_name(alt))
    };
    for (i, m) in scan.mentions.iter().enumerate() {
        if let Some(alt) = pair_of(m) {
            if let Some(c) = cores.iter().find(|c| c.0 == alt) {
                union(&mut parent, i, c.2[0]);
            }
        }
    }
    for a in 0..cores.len() {
        for b in 0..cores.len() {
            if a == b {
                continue;
            }
            let (ca, ka, ia) = (&cores[a].0, cores[a].1, &cores[a].2);
            let (cb, kb, ib) = (&cores[b].0, cores[b].1, &cores[b].2);
            if same_organisation(ca, ka, cb, kb) {
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
                entities.push(Entity {
                    names: Vec::new(),
                    mentions: Vec::new(),
                    score: 0.0,
                    reasons: Vec::new(),
                    relation_hint: None,
                    issuer: false,
                    header_weight: 0.0,
                    contractor_named: false,
                    subsidiary_in_clause: false,
                });
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
    // Entities that ended up with one same name are one organisation.
    let mut i = 0;
    while i < entities.len() {
        let dup = (0..i).find(|&j| {
            entities[j].names.iter().any(|(a, _)| {
                entities[i]
                    .names
                    .iter()
                    .any(|(b, _)| core_name(a) == core_name(b))
            })
        });
        if let Some(j) = dup {
            let e = entities.remove(i);
            for nm in e.names {
                if !entities[j].names.contains(&nm) {
                    entities[j].names.push(nm);
                }
            }
            entities[j].mentions.extend(e.mentions);
            entities[j].mentions.sort_unstable();
            entities[j].relation_hint = entities[j].relation_hint.or(e.relation_hint);
        } else {
            i += 1;
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
    entities
}

/// First-person words a release defines its issuer as.
const SELF_WORDS: &[&str] = &[
    "当社",
    "弊社",
    "当組合",
    "当会",
    "本会",
    "当法人",
    "本法人",
    "当院",
    "本学",
    "当学",
    "本市",
    "当市",
    "本町",
    "当町",
    "本村",
    "本県",
    "当機構",
    "当協会",
    "当財団",
    "当行",
    "当校",
    "本校",
];

/// The entity a document defines as its first person: `X(以下「当社」といいます)`.
fn defined_as_self(scan: &DocScan, entities: &[Entity]) -> Option<usize> {
    for (at, _) in scan.text.match_indices("(以下") {
        let def = &scan.text[at + "(以下".len()..];
        let def = def.trim_start_matches(['、', ',', ' ', '「', '『']);
        if !SELF_WORDS.iter().any(|w| def.starts_with(w)) {
            continue;
        }
        let m = scan
            .mentions
            .iter()
            .rposition(|m| m.end <= at && at - m.end <= 3)?;
        return entities.iter().position(|e| e.mentions.contains(&m));
    }
    None
}

/// Nouns of a class of organisation that, standing alone, refer back to one named before.
const CLASS_NOUNS: &[&str] = &[
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

/// Short forms of one organisation: a prefix (カシオ / カシオ計算機) or an abbreviation that
/// keeps the first and last characters and the order (損保ジャパン / 損害保険ジャパン).
fn same_organisation(a: &str, ka: OrgKind, b: &str, kb: OrgKind) -> bool {
    let (short, long, ks, kl) = if a.chars().count() <= b.chars().count() {
        (a, b, ka, kb)
    } else {
        (b, a, kb, ka)
    };
    if short == long {
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
    if (ks == OrgKind::Brand || kl == OrgKind::Brand) && ns >= 3 {
        let sc: Vec<char> = short.chars().collect();
        let lc: Vec<char> = long.chars().collect();
        if sc.len() >= 2 && lc.len() >= 2 && sc[..2] == lc[..2] {
            let mut it = lc.iter();
            if sc.iter().all(|c| it.any(|x| x == c)) {
                return true;
            }
        }
    }
    // つるぎ町立半田病院 / 半田病院: a municipal facility named without its municipality.
    if kl == OrgKind::MunicipalFacility
        && ns >= 3
        && matches!(ks, OrgKind::Hospital | OrgKind::University | OrgKind::Bare)
    {
        if let Some(pos) = long.find('立') {
            if long[pos + '立'.len_utf8()..] == *short {
                return true;
            }
        }
    }
    // Two names both written with a legal form are two companies: 株式会社ヤマト重工 and
    // its subsidiary 株式会社ヤマト重工サービス.
    if ks == OrgKind::LegalForm && kl == OrgKind::LegalForm {
        return false;
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

/// How a mention stands in its sentence, from the words right after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Subject,
    Target,
    Possessive,
    Bystander,
    Other,
}

/// What follows a victim's name in leak-site news.
const LEAK_SITE_VICTIM: &[&str] = &[
    "の名前を掲載",
    "の名前を公開",
    "の社名を掲載",
    "の名称を掲載",
    "を被害組織",
    "のデータを窃取",
    "のデータを公開",
    "のデータを盗",
    "の情報を窃取",
    "の情報を公開",
];

/// The rest of the sentence from byte `at` (at most 200 bytes).
fn sentence_rest<'t>(scan: &DocScan<'t>, at: usize) -> &'t str {
    let w = window_after(scan.text, at, 200);
    w.split('。').next().unwrap_or(w)
}

/// Whether `line` is among the first `top` lines or in the closing signature (the last six).
fn header_or_signature(scan: &DocScan, line: usize, top: usize) -> bool {
    line <= top || line + 6 >= scan.layout.lines.len()
}

/// What a regulator does to the organisation it names with `に対し`.
const SANCTIONS: &[&str] = &[
    "行政指導",
    "勧告",
    "指導",
    "命令",
    "行政処分",
    "業務改善",
    "措置",
    "注意喚起を行",
];

pub fn mention_role(scan: &DocScan, m: &OrgMention) -> Role {
    // `株式会社あおば印刷(仙台市)は`: a place in parentheses after a name locates it.
    if m.kind == OrgKind::Municipality
        && scan.text[..m.start].ends_with('(')
        && scan.text[m.end..].starts_with(')')
    {
        return Role::Bystander;
    }
    // `新宿区の会社員の男`, `横浜市在住の`: a place where a person lives.
    if m.kind == OrgKind::Municipality {
        let after = window_after(scan.text, m.end, 30);
        if [
            "在住",
            "に住む",
            "の会社員",
            "の男",
            "の女",
            "の無職",
            "の自営業",
            "の元社員",
        ]
        .iter()
        .any(|w| after.starts_with(w))
        {
            return Role::Bystander;
        }
    }
    // `○○(本社:静岡県浜松市、…)` / `本社・大阪市`: a place that locates a company.
    if m.kind == OrgKind::Municipality {
        let before = crate::text::window_before(scan.text, m.start, 30);
        let clause = before.rsplit(['、', '。', ',']).next().unwrap_or(before);
        if ["本社", "本店", "所在地", "本部"]
            .iter()
            .any(|w| clause.contains(w))
        {
            return Role::Bystander;
        }
    }
    let mut after = window_after(scan.text, m.end, 60);
    if after.starts_with('」') || after.starts_with('』') {
        after = &after[3..];
    }
    // Skip a parenthesised note: 関通(尼崎市)は / IIJ(インターネットイニシアティブ)が /
    // 「○○」(本社・浜松市)の店舗
    if let Some(rest) = after.strip_prefix('(') {
        if let Some(close) = rest.find(')') {
            after = &rest[close + 1..];
        }
    }
    // `○○が運営する△△クリニックは`: the operator of a named facility stands aside (a
    // brand in 「」 is joined to its operator elsewhere).
    let after_at = after.as_ptr() as usize - scan.text.as_ptr() as usize;
    if let Some(p) = ["が運営する", "が運営している"]
        .iter()
        .find(|p| after.starts_with(**p))
    {
        let next = after_at + p.len();
        let from = scan.mentions.partition_point(|x| x.start < next);
        if scan.mentions[from..].iter().take(4).any(|x| {
            x.start >= next
                && x.start <= next + 12
                && scan
                    .text
                    .get(next..x.start)
                    .is_some_and(|h| h.chars().all(crate::text::is_hiragana))
                && (matches!(
                    x.kind,
                    OrgKind::Hospital | OrgKind::University | OrgKind::MunicipalFacility
                ) || [
                    "学校",
                    "高校",
                    "幼稚園",
                    "保育園",
                    "保育所",
                    "クリニック",
                    "医院",
                    "施設",
                ]
                .iter()
                .any(|t| x.name.ends_with(t)))
        }) {
            return Role::Other;
        }
    }
    const BYSTANDER: &[&str] = &[
        "から",
        "と",
        "による",
        "によると",
        "によれば",
        "に報告",
        "へ報告",
        "に相談",
        "へ相談",
        "を通じ",
        "に委託",
        "へ委託",
        "なども",
        "や",
        "の委託",
        "も業務",
        "を名乗",
        "に届",
        "へ届",
        "が調査",
        "の調査",
        "とともに",
        "に対し",
        "より",
        "に転職",
        "へ転職",
        "がまとめ",
        "の集計",
        "の調べ",
    ];
    // `総務省は…○○株式会社に対し、行政指導を行った`: the sanctioned company is the target.
    if after.starts_with("に対し")
        && SANCTIONS
            .iter()
            .any(|w| sentence_rest(scan, after_at).contains(w))
    {
        return Role::Target;
    }
    // `勤務していた○○から…データを持ち出した`: what was taken came from the organisation.
    if after.starts_with("から")
        && ["持ち出", "盗み出", "不正に取得", "複製して"]
            .iter()
            .any(|w| sentence_rest(scan, after_at).contains(w))
    {
        return Role::Target;
    }
    // `旭川市と東京都荒川区`, `森永製菓(…)、メタップス(…)と続いている`: a name coordinated with
    // another name shares its role; と/や before a name is no bystander's mark.
    let coordinated = ["と", "や"].iter().any(|p| {
        after.starts_with(p) && {
            let next = after_at + p.len();
            let from = scan.mentions.partition_point(|x| x.start < next);
            scan.mentions
                .get(from)
                .is_some_and(|x| x.start >= next && x.start <= next + 9)
        }
    });
    if coordinated {
        return Role::Other;
    }
    if BYSTANDER.iter().any(|p| after.starts_with(p)) {
        return Role::Bystander;
    }
    const SUBJECT: &[&str] = &["は", "が", "では", "も", "で", "にて", "において", "、"];
    const TARGET: &[&str] = &["に対する", "への", "に", "を狙", "を標的"];
    if ["において", "にて", "におけ"]
        .iter()
        .any(|p| after.starts_with(p))
    {
        return Role::Subject;
    }
    if let Some(p) = TARGET.iter().find(|p| after.starts_with(**p)) {
        // に/への is a target only when the attack or leak word follows closely.
        let rest = crate::text::window_after(after, p.len(), 60);
        const ATTACK: &[&str] = &[
            "不正",
            "攻撃",
            "ランサム",
            "感染",
            "侵入",
            "漏えい",
            "漏洩",
            "流出",
            "被害",
            "乗っ取",
            "紛失",
            "盗難",
            "誤送信",
            "脆弱性",
        ];
        if ATTACK.iter().any(|w| rest.contains(w)) {
            return Role::Target;
        }
        return Role::Other;
    }
    if SUBJECT.iter().any(|p| after.starts_with(p)) {
        return Role::Subject;
    }
    if let Some(rest) = after.strip_prefix('の') {
        let head = crate::text::window_after(rest, 0, 24);
        const OWN: &[&str] = &[
            "顧客",
            "会員",
            "利用者",
            "個人",
            "従業員",
            "サーバ",
            "システム",
            "サイト",
            "情報",
            "データ",
            "メール",
            "PC",
            "パソコン",
            "端末",
            "職員",
            "社員",
            "患者",
            "ネットワーク",
            "一部",
            "ユーザー",
            "お客様",
            "元社員",
            "社内",
            "業務",
            "委託",
            "事案",
            "事故",
            "インシデント",
            "被害",
            "流出",
            "漏えい",
            "漏洩",
            "誤送信",
            "不正アクセス",
            "ランサム",
            "教員",
            "教諭",
            "生徒",
            "児童",
            "学生",
            "保護者",
            "店舗",
            "店長",
            "担当者",
        ];
        if OWN.iter().any(|w| head.contains(w)) {
            return Role::Possessive;
        }
    }
    Role::Other
}

/// `親会社は3日、子会社の○○が運営するサイトが不正アクセスを受け…と発表した`: the subsidiary
/// that stands in the incident clause is the victim; the announcing parent becomes related.
fn subsidiary_reported_by_parent(scan: &DocScan, entities: &mut [Entity]) {
    for e in 0..entities.len() {
        if entities[e].relation_hint != Some("子会社") {
            continue;
        }
        let hit = entities[e].mentions.iter().find_map(|&mi| {
            let m = &scan.mentions[mi];
            let s = scan.mention_sentence[mi];
            let role = mention_role(scan, m);
            (scan.has(s, mark::INCIDENT)
                && matches!(role, Role::Subject | Role::Target | Role::Possessive))
            .then_some((s, m.start))
        });
        let Some((s, pos)) = hit else { continue };
        let parent = (0..entities.len()).find(|&o| {
            o != e
                && entities[o].relation_hint.is_none()
                && !entities[o]
                    .names
                    .iter()
                    .any(|(n, k)| *k == OrgKind::Government || is_authority(n))
                && entities[o].mentions.iter().any(|&mi| {
                    scan.mention_sentence[mi] == s
                        && scan.mentions[mi].start < pos
                        && mention_role(scan, &scan.mentions[mi]) == Role::Subject
                })
        });
        // `当社の連結子会社である○○が…`: the parent is the release's issuer, named only in its
        // header or signature.
        let own_subsidiary = || {
            let st = scan.layout.sentences[s].start;
            let before = scan.text.get(st..pos).unwrap_or("");
            [
                "当社の",
                "弊社の",
                "当社グループの",
                "当社連結子会社",
                "当社子会社",
            ]
            .iter()
            .any(|w| before.contains(w))
        };
        let parent = parent.or_else(|| {
            if !own_subsidiary() {
                return None;
            }
            (0..entities.len()).find(|&o| {
                o != e
                    && entities[o].relation_hint.is_none()
                    && entities[o].mentions.iter().any(|&mi| {
                        let m = &scan.mentions[mi];
                        let line = scan.line_of(scan.mention_sentence[mi]);
                        !matches!(m.kind, OrgKind::Bare | OrgKind::Brand | OrgKind::Government)
                            && header_or_signature(scan, line, 12)
                            && issuer_line(scan, line, m)
                    })
            })
        });
        if let Some(p) = parent {
            entities[e].relation_hint = None;
            entities[e].subsidiary_in_clause = true;
            entities[p].relation_hint = Some("親会社");
            entities[e].reasons.push(
                "subsidiary named in the incident clause of its parent's announcement".into(),
            );
        }
    }
}

/// `委託元から預かっていたデータのうち、○○市の…データ約9万件、△△株式会社の…`: organisations
/// whose data a contractor held are its clients (data owners), not victims of their own.
fn clients_of_a_contractor(scan: &DocScan, entities: &mut [Entity]) {
    const HELD: &[&str] = &[
        "委託元から",
        "から預か",
        "業務を受託",
        "受託していた",
        "受託した",
    ];
    // Before a public body these name the client; before a company, the contractor.
    const OUTSOURCED: &[&str] = &["委託していた", "委託している"];
    if !HELD.iter().chain(OUTSOURCED).any(|w| scan.text.contains(w)) {
        return;
    }
    // Which sentences speak of held data, computed once per sentence.
    let mut held_cache: Vec<Option<bool>> = vec![None; scan.flags.len()];
    let mut held_in = |s: usize| -> bool {
        match held_cache.get(s).copied().flatten() {
            Some(h) => h,
            None => {
                let t = scan.sentence_text(s);
                let h = HELD.iter().chain(OUTSOURCED).any(|w| t.contains(w));
                if let Some(slot) = held_cache.get_mut(s) {
                    *slot = Some(h);
                }
                h
            }
        }
    };
    for ent in entities.iter_mut() {
        if ent.relation_hint.is_some() || ent.mentions.is_empty() {
            continue;
        }
        // Cheap test first: most documents speak of no held data at all.
        if !ent
            .mentions
            .iter()
            .any(|&mi| held_in(scan.mention_sentence[mi]))
        {
            continue;
        }
        let mut any_held = false;
        let mut all_clientish = true;
        for &mi in &ent.mentions {
            let s = scan.mention_sentence[mi];
            let m = &scan.mentions[mi];
            let role = mention_role(scan, m);
            // The client is named after the held-data words (`同社が受託していた○○の顧客`)
            // or as their source (`○○から預かった`); a name before them is the contractor.
            let st = scan.layout.sentences[s].start;
            let held_before = scan
                .text
                .get(st..m.start)
                .is_some_and(|b| HELD.iter().any(|w| b.contains(w)));
            let source = scan.text[m.end..].starts_with("から預か");
            // `(あおば印刷が)業務を委託していた仙台市、宮城県…`: a public body named right after
            // the outsourcing words is the client.
            let lead = scan.text.get(st..m.start).unwrap_or("").trim_end();
            let public = matches!(m.kind, OrgKind::Municipality | OrgKind::Government);
            let outsourcer = public && OUTSOURCED.iter().any(|w| lead.ends_with(w));
            let client =
                (role == Role::Possessive && held_in(s) && (held_before || source)) || outsourcer;
            any_held |= client;
            if !(client
                || role == Role::Bystander
                || !scan.has(s, mark::INCIDENT) && role != Role::Possessive)
            {
                all_clientish = false;
                break;
            }
        }
        if any_held && all_clientish {
            ent.relation_hint = Some("委託元");
            ent.reasons
                .push("its data was held by a contractor (委託元から預かっていた)".into());
        }
    }
}

/// `当社が発送業務を委託している○○がランサムウェア被害に遭い…` / `A市は15日、保守を委託している
/// 株式会社Bが…と発表した`: the contractor named right after the contracting words is the
/// victim, and the client (the issuer, or the subject before it) owns the data.
fn contractors_named_by_their_clients(scan: &DocScan, entities: &mut [Entity]) {
    const CONTRACTED: &[&str] = &[
        "委託している",
        "委託していた",
        "委託先である",
        "委託先の",
        "業務委託先",
        "委託しております",
        "委託先",
    ];
    const SELF: &[&str] = &["当社", "弊社", "本市", "当院", "本学", "当法人", "当組合"];
    let owner_of = |c: usize, entities: &[Entity]| -> Option<(usize, usize)> {
        entities[c].mentions.iter().find_map(|&mi| {
            let m = &scan.mentions[mi];
            let s = scan.mention_sentence[mi];
            let st = scan.layout.sentences[s].start;
            let before = scan.text.get(st..m.start).unwrap_or("");
            let lead = before.trim_end_matches([' ', '　']);
            if !scan.has(s, mark::INCIDENT)
                || !matches!(mention_role(scan, m), Role::Subject | Role::Target)
                || !CONTRACTED.iter().any(|w| lead.ends_with(w))
            {
                return None;
            }
            if SELF.iter().any(|w| before.contains(w)) {
                return entities.iter().position(|e| e.issuer).map(|o| (o, mi));
            }
            // The sentence's subject before the contractor: the client that announces.
            (0..entities.len())
                .find(|&o| {
                    o != c
                        && entities[o].mentions.iter().any(|&oi| {
                            let om = &scan.mentions[oi];
                            scan.mention_sentence[oi] == s
                                && om.end <= m.start
                                && mention_role(scan, om) == Role::Subject
                        })
                })
                .map(|o| (o, mi))
        })
    };
    for c in 0..entities.len() {
        // A contractor is a business: a city or a ministry named after 委託していた is the
        // client (`業務を委託していた仙台市、宮城県…の顧客情報`).
        if entities[c].relation_hint.is_some()
            || entities[c].names.iter().any(|(_, k)| {
                matches!(
                    k,
                    OrgKind::Municipality
                        | OrgKind::Government
                        | OrgKind::MunicipalFacility
                        | OrgKind::University
                        | OrgKind::Hospital
                )
            })
        {
            continue;
        }
        let Some((owner, _)) = owner_of(c, entities) else {
            continue;
        };
        if owner == c {
            continue;
        }
        let name = entities[c]
            .names
            .first()
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        let o = &mut entities[owner];
        o.relation_hint = Some("委託元");
        o.reasons
            .push(format!("its contractor {name} was hit; it owns the data"));
        let e = &mut entities[c];
        e.contractor_named = true;
        e.reasons
            .push("named as the contractor whose systems or work leaked".into());
    }
}

/// Whether mention `m` (in sentence `s`) opens a ranking line: `1位 ○○`, `第2位:○○`.
fn ranking_entry_head(scan: &DocScan, m: &OrgMention, s: usize) -> bool {
    let line = scan.line_of(s);
    let Some(l) = scan.layout.lines.get(line) else {
        return false;
    };
    let Some(head) = scan.text.get(l.start..m.start) else {
        return false;
    };
    let head = head.trim_start().trim_start_matches('第');
    let digits = head.len() - head.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0
        && head[digits..]
            .trim_start()
            .strip_prefix('位')
            .is_some_and(|rest| rest.trim_matches([' ', ':', '　', '.']).is_empty())
}

/// A digest item's headline (`■○○、ランサムウェア被害`): the mention opens a bulleted line
/// that reports an incident, and the item's next sentences speak of it as 同社/同市/同大.
fn bullet_heading_with_anaphor(scan: &DocScan, m: &OrgMention, s: usize) -> bool {
    let line = scan.line_of(s);
    let Some(lstart) = scan.layout.lines.get(line).map(|l| l.start) else {
        return false;
    };
    // Only a mention within the first few characters of its line can head it.
    if m.start < lstart || m.start - lstart > 24 {
        return false;
    }
    let lt = scan.layout.line_text(scan.text, line);
    let full = scan.text.get(lstart..m.start).unwrap_or("");
    let lead = full.trim_start_matches([' ', '　', '\t']);
    let bulleted = lt.starts_with(['■', '●', '◆', '◇', '□', '▼', '▶', '★', '◎', '○', '・', '【'])
        || lt.chars().next().is_some_and(|c| c.is_ascii_digit());
    if !bulleted || lead.chars().count() > 4 || !scan.has(s, mark::INCIDENT) {
        return false;
    }
    let (_, line_end) = scan
        .layout
        .line_sentences
        .get(line)
        .copied()
        .unwrap_or((s, s + 1));
    (line_end..(line_end + 2).min(scan.flags.len())).any(|n| scan.has(n, mark::ANAPHOR))
}

/// Whether `line` holds only the organisation `m` (with its department or a date): the
/// header or signature line of a release (`青葉市 市民協働部 市民活動推進課`).
pub fn issuer_line(scan: &DocScan, line: usize, m: &OrgMention) -> bool {
    let lt = scan.layout.line_text(scan.text, line);
    let lt = lt.trim_start_matches(['　', ' ']);
    let lt = strip_issuer_label(lt);
    let Some(rest) = lt.strip_prefix(m.name.as_str()) else {
        return false;
    };
    let spaced = rest.starts_with([' ', '　', '\t']);
    let rest = rest.trim();
    if rest.is_empty() {
        return true;
    }
    if !spaced {
        return false;
    }
    let hira = rest
        .chars()
        .filter(|c| crate::text::is_hiragana(*c))
        .count();
    rest.chars().count() <= 30
        && hira <= 3
        && !rest.contains(['、', '。', ',', '「', '」'])
        && !rest.starts_with(['は', 'が', 'の', 'を'])
}

/// Words of a footer or header label that introduces the issuing organisation
/// (`運営:株式会社○○`, `販売元 ○○株式会社`, `発行者:○○市`).
const ISSUER_LABELS: &[&str] = &[
    "運営会社",
    "運営元",
    "運営者",
    "運営",
    "販売元",
    "販売者",
    "発行元",
    "発行者",
    "発行",
    "事業者",
    "会社名",
    "社名",
    "提供元",
    "提供",
    "発信者",
    "問い合わせ先",
    "お問い合わせ先",
];

/// `s` without a leading `label` whose characters may be spaced out (`会 社 名`).
fn strip_spaced_prefix<'a>(s: &'a str, label: &str) -> Option<&'a str> {
    let mut rest = s;
    for c in label.chars() {
        rest = rest.trim_start_matches([' ', '　']).strip_prefix(c)?;
    }
    Some(rest)
}

/// The line without a leading issuer label and its separator (`運営:` / `【運営】` / `運営 `).
fn strip_issuer_label(line: &str) -> &str {
    let inner = line.trim_start_matches(['【', '[', '(', '■', '●', '・']);
    for label in ISSUER_LABELS {
        if let Some(rest) = strip_spaced_prefix(inner, label) {
            let after = rest.trim_start_matches(['】', ']', ')', ':', ' ', '　', '\t']);
            if after.len() < rest.len() && !after.is_empty() {
                // `(運営:株式会社○○)`: the closing bracket goes with the opening one.
                return if inner.len() < line.len() {
                    after.trim_end_matches([')', '】', ']'])
                } else {
                    after
                };
            }
        }
    }
    line
}

/// A warning about fake sites or mails that impersonate the issuer (`「○○」を装った偽サイトに
/// ご注意ください`) whose text says its own systems and data were not breached: the issuer is
/// not the victim of a leak, and nobody else is named as one.
pub fn impersonation_warning(scan: &DocScan) -> bool {
    let Some(title) = scan.title_line() else {
        return false;
    };
    let t = scan.layout.line_text(scan.text, title);
    let impersonation = [
        "を装った",
        "をかたる",
        "を騙る",
        "をかたった",
        "なりすまし",
        "偽サイト",
        "偽メール",
        "不審なメール",
        "不審メール",
    ]
    .iter()
    .any(|w| t.contains(w));
    if !impersonation || !t.contains("注意") {
        return false;
    }
    (0..scan.layout.sentences.len()).any(|s| {
        let text = scan.sentence_text(s);
        scan.has(s, mark::NEGATION)
            && ["流出", "漏えい", "漏洩", "不正アクセス"]
                .iter()
                .any(|w| text.contains(w))
    })
}

/// The structural pass before victims are chosen: relations between entities (a subsidiary
/// in its parent's announcement, clients whose data a contractor held, a contractor named by
/// its client) and the issuer of a first-person release (whose brands join it). Records what
/// it finds on the entities; the choice itself is the model's.
pub fn prepare_entities(scan: &DocScan, entities: &mut [Entity]) {
    let title = scan.title_line();
    let any_incident = (0..scan.flags.len()).any(|s| scan.has(s, mark::INCIDENT));
    let self_ref_incident =
        any_incident && (0..scan.flags.len()).any(|s| scan.has(s, mark::SELF_REF));
    subsidiary_reported_by_parent(scan, entities);
    clients_of_a_contractor(scan, entities);
    let others_school = entities.iter().any(|e| {
        e.names.iter().any(|(n, k)| {
            !is_school_board(n)
                && (*k == OrgKind::MunicipalFacility
                    || ["学校", "高校", "中学校", "小学校"]
                        .iter()
                        .any(|w| n.ends_with(w)))
        })
    });
    // A school board may be the issuer unless the school it speaks about is named.
    let board_issuer = |n: &str| is_school_board(n) && !others_school;
    // How strongly the header and signature lines name each entity.
    for ent in entities.iter_mut() {
        if ent.relation_hint.is_some() {
            continue;
        }
        let mut header = 0.0f32;
        for &mi in &ent.mentions {
            let m = &scan.mentions[mi];
            let line = scan.line_of(scan.mention_sentence[mi]);
            let strong_kind =
                !matches!(m.kind, OrgKind::Bare | OrgKind::Brand | OrgKind::Government)
                    || board_issuer(&m.name);
            if strong_kind && header_or_signature(scan, line, 12) && issuer_line(scan, line, m) {
                header += 4.0;
                continue;
            }
            if line > 12 {
                continue;
            }
            let lt = scan.layout.line_text(scan.text, line);
            // (Byte lengths first: a long line is never counted character by character.)
            let short = lt.len() <= m.name.len() + 12 * 4
                && lt.chars().count() <= m.name.chars().count() + 12;
            if Some(line) == title || short {
                header += 3.0;
            } else {
                header += 1.0;
            }
        }
        ent.header_weight = header;
    }
    let header_only_issuer = any_incident
        && entities.iter().any(|ent| {
            ent.relation_hint.is_none()
                && ent.mentions.iter().any(|&mi| {
                    let m = &scan.mentions[mi];
                    let line = scan.line_of(scan.mention_sentence[mi]);
                    (board_issuer(&m.name)
                        || !matches!(m.kind, OrgKind::Bare | OrgKind::Brand | OrgKind::Government))
                        && header_or_signature(scan, line, 8)
                        && issuer_line(scan, line, m)
                })
        });
    // `日本赤十字社(以下「当社」)`: the organisation the document defines as itself speaks.
    if let Some(ei) = defined_as_self(scan, entities) {
        entities[ei].issuer = true;
        entities[ei]
            .reasons
            .push("defined as the document's first person (以下「当社」)".into());
    } else if self_ref_incident || header_only_issuer {
        let best = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.relation_hint.is_none()
                    && e.header_weight > 0.0
                    && !(e.names.len() == 1
                        && e.names.iter().any(|(n, k)| {
                            matches!(k, OrgKind::Government | OrgKind::Brand) && !board_issuer(n)
                        }))
            })
            .max_by(|a, b| {
                a.1.header_weight
                    .total_cmp(&b.1.header_weight)
                    .then(b.0.cmp(&a.0))
            })
            .map(|(i, _)| i);
        if let Some(ei) = best {
            entities[ei].issuer = true;
            entities[ei]
                .reasons
                .push("issuer of a first-person release (当社/弊社/本学…)".into());
            // Brands the issuer speaks of (弊社が運営する「○○」) are its own services.
            for b in 0..entities.len() {
                if b == ei
                    || entities[b].relation_hint.is_some()
                    || !entities[b].names.iter().all(|(_, k)| *k == OrgKind::Brand)
                {
                    continue;
                }
                let moved = std::mem::take(&mut entities[b].names);
                let mentions = std::mem::take(&mut entities[b].mentions);
                for nm in moved {
                    if !entities[ei].names.contains(&nm) {
                        entities[ei].names.push(nm);
                    }
                }
                entities[ei].mentions.extend(mentions);
            }
        }
    }
    contractors_named_by_their_clients(scan, entities);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_group() {
        use OrgKind::*;
        assert!(same_organisation("カシオ", Bare, "カシオ計算機", LegalForm));
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
