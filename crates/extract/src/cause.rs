//! Owns the cause of an incident. Lexicon hits (ランサムウェア, 誤送信, 紛失, 設定ミス…) in the
//! victim's block become features — per cause, their strength weighted by how close they
//! stand to the victim, whether one stands in the title or in a sentence naming the victim,
//! which cause is named first — and the learned cause model picks the cause from them; the
//! evidence is the strongest hit of the chosen cause. A weakness that was exploited
//! (脆弱性を突いた) counts as unauthorized access; data "stolen" through an attack
//! (情報が盗まれ) is not a theft of things.

use crate::context::VictimContext;
use crate::learn::linear::{Features, LinearModel};
use crate::lexicon::mark;
use crate::text::{window_after, window_before};
use aho_corasick::AhoCorasick;
use leakwatch_model::{Cause, Field};
use std::sync::OnceLock;

/// The cue families of the cause model (`data/lexicon/cause_cues.txt`): kinds of words that
/// are no cause of their own (staff, taking, exposure, settings…), compiled once.
pub struct CueLexicon {
    automaton: AhoCorasick,
    /// Pattern index → family index.
    family_of: Vec<usize>,
    /// Per family: its name and its feature names (`fam.<name>`, `fam.<name>.near`).
    pub families: Vec<(&'static str, &'static str, &'static str)>,
    /// Pairs of families that mean more together in one sentence, with their feature name.
    pub pairs: Vec<(usize, usize, &'static str)>,
}

const CUE_FILE: &str = include_str!("../data/lexicon/cause_cues.txt");

/// A feature name built once from the data file (the lexicon lives for the whole process).
fn leak_name(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Reads the cue file: `[family]` headers, one term per line, `[pairs]` of family names.
pub fn parse_cue_lexicon(text: &'static str) -> Result<CueLexicon, String> {
    let mut families: Vec<(&'static str, &'static str, &'static str)> = Vec::new();
    let mut terms: Vec<&'static str> = Vec::new();
    let mut family_of = Vec::new();
    let mut pairs = Vec::new();
    let mut in_pairs = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_pairs = name == "pairs";
            if !in_pairs {
                if families.iter().any(|f| f.0 == name) {
                    return Err(format!("line {}: family {name} defined twice", n + 1));
                }
                families.push((
                    name,
                    leak_name(format!("fam.{name}")),
                    leak_name(format!("fam.{name}.near")),
                ));
            }
            continue;
        }
        if in_pairs {
            let mut it = line.split_whitespace();
            let find = |x: Option<&str>| families.iter().position(|f| Some(f.0) == x);
            let (Some(a), Some(b)) = (find(it.next()), find(it.next())) else {
                return Err(format!("line {}: a pair of known families expected", n + 1));
            };
            pairs.push((
                a,
                b,
                leak_name(format!("pair.{}+{}", families[a].0, families[b].0)),
            ));
            continue;
        }
        if families.is_empty() {
            return Err(format!("line {}: a term before any [family]", n + 1));
        }
        terms.push(line);
        family_of.push(families.len() - 1);
    }
    if families.len() > 64 {
        return Err("at most 64 families (one bit each)".into());
    }
    let automaton = AhoCorasick::new(&terms).map_err(|e| e.to_string())?;
    Ok(CueLexicon {
        automaton,
        family_of,
        families,
        pairs,
    })
}

/// The cue lexicon shipped with the build.
pub fn cue_lexicon() -> &'static CueLexicon {
    static LEX: OnceLock<CueLexicon> = OnceLock::new();
    LEX.get_or_init(|| parse_cue_lexicon(CUE_FILE).expect("the cause cue file is valid"))
}

impl CueLexicon {
    /// The families present in `text` (bit i = family i) and where the first hit of each
    /// family starts and ends.
    pub fn families_in(&self, text: &str) -> (u64, Vec<(usize, usize, usize)>) {
        let mut bits = 0u64;
        let mut first = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let Some(&f) = self.family_of.get(m.pattern().as_usize()) else {
                continue;
            };
            if bits & (1 << f) == 0 {
                bits |= 1 << f;
                first.push((f, m.start(), m.end()));
            }
        }
        (bits, first)
    }
}

/// The cue families of every sentence of the document, computed once.
fn sentence_families<'s>(
    scan: &'s crate::scan::DocScan,
    lex: &CueLexicon,
) -> &'s [crate::scan::SentenceFamilies] {
    scan.cue_families.get_or_init(|| {
        (0..scan.layout.sentences.len())
            .map(|s| lex.families_in(scan.sentence_text(s)))
            .collect()
    })
}

/// Insider terms that name a person, not an act.
const INSIDER_PERSONS: &[&str] = &["元社員", "元従業員", "元職員", "出向者が"];

/// Feature names per cause, in `Cause::ALL` order.
macro_rules! per_cause {
    ($prefix:literal) => {
        [
            concat!($prefix, ".unauthorized_access"),
            concat!($prefix, ".ransomware"),
            concat!($prefix, ".malware"),
            concat!($prefix, ".misdelivery"),
            concat!($prefix, ".misdisclosure"),
            concat!($prefix, ".misconfiguration"),
            concat!($prefix, ".loss"),
            concat!($prefix, ".theft"),
            concat!($prefix, ".insider"),
            concat!($prefix, ".phishing"),
            concat!($prefix, ".vulnerability"),
            concat!($prefix, ".other"),
            concat!($prefix, ".unknown"),
        ]
    };
}
const WEIGHTED: [&str; 13] = per_cause!("cue");
const STRONGEST: [&str; 13] = per_cause!("strongest");
const TITLE: [&str; 13] = per_cause!("title");
const NEAR: [&str; 13] = per_cause!("near_victim");
const FIRST: [&str; 13] = per_cause!("first");
const HEDGED: [&str; 13] = per_cause!("hedged");
const LEAD: [&str; 13] = per_cause!("lead");
/// The lead's cause for a victim whose block has no cause term of its own (a list item the
/// lead speaks of: `六つの大学のHPがサイバー攻撃を受けた`, then `…▽名城大▽…`).
const LEAD_ONLY: [&str; 13] = per_cause!("lead_only");

/// Sentences from the start of a document that make its lead: what a list article says of
/// all its victims at once (`六つの大学のHPがサイバー攻撃を受けた`) usually stands there.
const LEAD_SENTENCES: usize = 4;

fn index(c: Cause) -> usize {
    Cause::ALL
        .iter()
        .position(|x| *x == c)
        .unwrap_or(Cause::ALL.len() - 1)
}

/// The evidence for one cause: its strongest hit (weighted strength, start, end, sentence).
#[derive(Debug, Clone, Copy)]
struct Hit {
    value: f32,
    start: usize,
    end: usize,
    sentence: usize,
}

impl Hit {
    /// Puts `hit` in `slot` when it is stronger than the hit there (or the slot is empty).
    fn keep_stronger(slot: &mut Option<Hit>, hit: Hit) {
        if slot.is_none_or(|b| hit.value > b.value) {
            *slot = Some(hit);
        }
    }
}

/// The cause features of a victim's block, and the strongest hit of each cause.
pub struct CauseEvidence {
    pub features: Features,
    best: [Option<Hit>; 13],
    /// The strongest cue-family hit, for a cause the model reads from cues alone.
    cue_hit: Option<Hit>,
    /// The strongest hit of each cause in the document's lead, for a list item the lead
    /// speaks of (`六つの大学のHPがサイバー攻撃を受けた`, then `…▽名城大▽…`).
    lead_best: [Option<Hit>; 13],
}

/// Reads the cause terms of the block.
pub fn cause_evidence(ctx: &VictimContext) -> CauseEvidence {
    let scan = ctx.scan;
    let mut weighted = [0f32; 13];
    let mut best: [Option<Hit>; 13] = [None; 13];
    let mut title = [false; 13];
    let mut near = [false; 13];
    let mut hedged = [false; 13];
    let mut first: Option<(usize, usize)> = None;
    let mut lead = [0f32; 13];
    let mut lead_best: [Option<Hit>; 13] = [None; 13];
    let mut insider_person_only = true;
    let mut insider_taking_out_only = true;
    let mut any_insider = false;
    for h in &scan.causes {
        let (mut cause, strength) = h.value;
        let term = scan.text.get(h.start..h.end).unwrap_or("");
        if cause == Cause::Vulnerability {
            let after = window_after(scan.text, h.end, 30);
            if ["を突", "を悪用", "を狙", "を利用", "を突か"]
                .iter()
                .any(|p| after.starts_with(p))
            {
                cause = Cause::UnauthorizedAccess;
            }
        }
        // `顧客の情報が盗まれ`: data stolen through an attack, not a theft of things.
        if cause == Cause::Theft && term == "盗まれ" {
            let before = window_before(scan.text, h.start, 24);
            if before.contains("情報") || before.contains("データ") {
                cause = Cause::UnauthorizedAccess;
            }
        }
        // The document's lead (title and first sentences), whether or not it is part of the
        // victim's block.
        let in_lead =
            h.sentence < LEAD_SENTENCES || Some(scan.line_of(h.sentence)) == ctx.title_line;
        if in_lead && !scan.has(h.sentence, mark::ADVICE | mark::STAT | mark::SURVEY) {
            let i = index(cause);
            lead[i] += strength;
            Hit::keep_stronger(
                &mut lead_best[i],
                Hit {
                    value: strength,
                    start: h.start,
                    end: h.end,
                    sentence: h.sentence,
                },
            );
        }
        let w = ctx.weight(h.sentence);
        // Advice sections (対策/予防/警戒…) say what could happen, not what did.
        if w <= 0.0 || scan.has(h.sentence, mark::ADVICE | mark::RELATED) {
            continue;
        }
        if scan.has(h.sentence, mark::STAT | mark::SURVEY)
            && ctx.block.distance_of(h.sentence) != Some(0)
        {
            continue;
        }
        if cause == Cause::Insider {
            any_insider = true;
            if !INSIDER_PERSONS.contains(&term) {
                insider_person_only = false;
            }
            if !term.starts_with("持ち出") && !term.starts_with("持出") {
                insider_taking_out_only = false;
            }
        }
        let i = index(cause);
        let v = strength * w;
        weighted[i] += v;
        Hit::keep_stronger(
            &mut best[i],
            Hit {
                value: v,
                start: h.start,
                end: h.end,
                sentence: h.sentence,
            },
        );
        if Some(scan.line_of(h.sentence)) == ctx.title_line {
            title[i] = true;
        }
        if ctx.block.distance_of(h.sentence) == Some(0) {
            near[i] = true;
        }
        if scan.has(h.sentence, mark::HEDGE) {
            hedged[i] = true;
        }
        if first.is_none_or(|(p, _)| h.start < p) {
            first = Some((h.start, i));
        }
    }
    // A mail sent out that exposed the recipients' addresses is a misdelivery even when no
    // 誤送信 word is used: `メール送信する際に…メールアドレスを漏えい`.
    for &s in &ctx.block.sentences {
        let t = scan.sentence_text(s);
        if !scan.has(s, mark::LEAK | mark::CONFIRM) || !t.contains("メールアドレス") {
            continue;
        }
        let Some(pos) = [
            "メール送信",
            "送信する際",
            "送信した際",
            "一斉送信",
            "送付する際",
        ]
        .iter()
        .find_map(|w| t.find(w)) else {
            continue;
        };
        let i = index(Cause::Misdelivery);
        let v = 0.9 * ctx.weight(s);
        weighted[i] += v;
        let start = scan.layout.sentences[s].start + pos;
        Hit::keep_stronger(
            &mut best[i],
            Hit {
                value: v,
                start,
                end: start + "送信".len().min(t.len() - pos),
                sentence: s,
            },
        );
    }
    // Cue families and their pairs, per sentence of the block.
    let lex = cue_lexicon();
    let nf = lex.families.len();
    let mut fam_w = vec![0f32; nf];
    let mut fam_near = vec![false; nf];
    let mut pair_w = vec![0f32; lex.pairs.len()];
    let mut cue_hit: Option<Hit> = None;
    for &s in &ctx.block.sentences {
        let w = ctx.weight(s);
        let d = ctx.block.distance_of(s);
        if w <= 0.0
            || scan.has(s, mark::ADVICE)
            || scan.has(s, mark::STAT | mark::SURVEY) && d != Some(0)
        {
            continue;
        }
        let Some((bits, first)) = sentence_families(scan, lex).get(s) else {
            continue;
        };
        let bits = *bits;
        if bits == 0 {
            continue;
        }
        for (fi, fw) in fam_w.iter_mut().enumerate() {
            if bits & (1 << fi) != 0 {
                *fw += w;
                fam_near[fi] |= d == Some(0);
            }
        }
        let mut paired = false;
        for (pi, &(a, b, _)) in lex.pairs.iter().enumerate() {
            if bits & (1 << a) != 0 && bits & (1 << b) != 0 {
                pair_w[pi] += w;
                paired = true;
            }
        }
        // A sentence whose cues pair up is the best evidence a cause without a term of its
        // own can stand on; else the first cue of the closest sentence.
        let v = if paired { 2.0 * w } else { w };
        if cue_hit.is_none_or(|b| v > b.value) {
            let st = scan.layout.sentences[s].start;
            let (a, b) = first.first().map_or((0, 0), |&(_, a, b)| (st + a, st + b));
            cue_hit = Some(Hit {
                value: v,
                start: a,
                end: b,
                sentence: s,
            });
        }
    }
    // Staff who took, passed on or looked at data (`職員が…を漏らした`, `社員による持ち出し`)
    // or used others' credentials is an insider; a former employee who logs in after leaving
    // is an outsider. These read as hits of those causes, so the evidence is the sentence.
    for (cause, strength, bits) in &insider_hits(ctx, lex) {
        let i = index(*cause);
        for &(v, s) in bits {
            let v = strength * v;
            weighted[i] += v;
            let st = scan.layout.sentences[s];
            Hit::keep_stronger(
                &mut best[i],
                Hit {
                    value: v,
                    start: st.start,
                    end: st.end,
                    sentence: s,
                },
            );
        }
    }
    let mut f = Features::new();
    for (fi, &(_, weighted, near)) in lex.families.iter().enumerate() {
        f.add(weighted, fam_w[fi].min(3.0));
        f.flag(near, fam_near[fi]);
    }
    for (pi, &(_, _, name)) in lex.pairs.iter().enumerate() {
        f.add(name, pair_w[pi].min(3.0));
    }
    for i in 0..13 {
        f.add(WEIGHTED[i], weighted[i].min(6.0));
        f.add(STRONGEST[i], best[i].map_or(0.0, |b| b.value));
        f.flag(TITLE[i], title[i]);
        f.flag(NEAR[i], near[i]);
        f.flag(HEDGED[i], hedged[i]);
        f.add(LEAD[i], lead[i].min(3.0));
    }
    if let Some((_, i)) = first {
        f.flag(FIRST[i], true);
    }
    f.flag("insider.person_only", any_insider && insider_person_only);
    f.flag(
        "insider.taking_out_only",
        any_insider && insider_taking_out_only,
    );
    let total: f32 = weighted.iter().sum();
    f.flag("no_cause_terms", total == 0.0);
    for i in 0..13 {
        f.flag(LEAD_ONLY[i], total == 0.0 && lead[i] > 0.0);
    }
    f.add("cause_terms", total.min(10.0));
    CauseEvidence {
        features: f,
        best,
        cue_hit,
        lead_best,
    }
}

/// A cause read from pairs of cues, its strength, and the (sentence weight, sentence) it was
/// read in.
type PairHits = (Cause, f32, Vec<(f32, usize)>);

/// The sentences of the block where staff take data (insider) or a former employee logs in
/// (unauthorized access).
fn insider_hits(ctx: &VictimContext, lex: &CueLexicon) -> Vec<PairHits> {
    let fam = |name: &str| {
        lex.families
            .iter()
            .position(|f| f.0 == name)
            .map_or(0u64, |i| 1u64 << i)
    };
    let staff = fam("staff") | fam("by_staff");
    let former = fam("former_staff");
    let taking = fam("taking") | fam("insider_law");
    let access = fam("access");
    let mut took = Vec::new();
    let mut former_access = Vec::new();
    for &s in &ctx.block.sentences {
        let w = ctx.weight(s);
        if w <= 0.0 || ctx.scan.has(s, mark::ADVICE | mark::GENERIC) {
            continue;
        }
        let bits = sentence_families(ctx.scan, lex).get(s).map_or(0, |f| f.0);
        let by_staff = bits & (staff | former) != 0;
        if by_staff && bits & taking != 0
            || bits & staff != 0 && bits & former == 0 && bits & access != 0
        {
            took.push((w, s));
        } else if bits & former != 0 && bits & access != 0 {
            former_access.push((w, s));
        }
    }
    vec![
        (Cause::Insider, 0.8, took),
        (Cause::UnauthorizedAccess, 0.6, former_access),
    ]
}

/// The learned cause of the block, with the strongest hit of that cause as evidence. The
/// model's `unknown` (or a cause without any term in the block) gives no cause.
/// The strength of a ransom or encryption term in the block that makes an attack ransomware.
const RANSOM_OVERRIDE: f32 = 0.6;

pub fn infer_cause(ctx: &VictimContext, model: &LinearModel) -> (Option<Field<Cause>>, String) {
    let ev = cause_evidence(ctx);
    let p = model.probabilities(&ev.features);
    let mut ranked: Vec<(usize, f32)> = p.iter().copied().enumerate().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let summary: Vec<String> = ranked
        .iter()
        .take(3)
        .map(|&(k, q)| format!("{} {q:.2}", model.classes[k]))
        .collect();
    let explain = |k: usize| {
        model
            .contributions(&ev.features, k)
            .into_iter()
            .take(4)
            .map(|c| format!("{} {:+.2}", c.feature, c.amount))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for &(k, q) in &ranked {
        let Some(cause) = model.classes[k].parse::<Cause>().ok() else {
            continue;
        };
        if cause == Cause::Unknown {
            return (
                None,
                format!("model: unknown [{}]; {}", summary.join(", "), explain(k)),
            );
        }
        // A cause needs something in the block to stand on (its evidence): its own term, else
        // the cues it was read from (staff + taking for insider), else the lead's term when
        // the block has none of its own (a list item the lead speaks of); `other` may stand
        // on the block's leak sentence.
        let own = ev.best[index(cause)].or(ev.cue_hit);
        // (Only a lead of one cause speaks for all its items; a column's lead of several
        // causes does not.)
        let block_has_terms = ev.best.iter().any(Option::is_some);
        let lead_causes = ev.lead_best.iter().filter(|h| h.is_some()).count();
        let hit = own.or_else(|| {
            (!block_has_terms && lead_causes == 1)
                .then_some(ev.lead_best[index(cause)])
                .flatten()
        });
        let Some(hit) = hit.or_else(|| {
            (cause == Cause::Other).then(|| {
                ctx.block.refs.first().map(|&s| {
                    let st = ctx.scan.layout.sentences[s];
                    Hit {
                        value: 0.0,
                        start: st.start,
                        end: st.end,
                        sentence: s,
                    }
                })
            })?
        }) else {
            continue;
        };
        // An attack told with its ransom or encryption (`データを元に戻すことと引き換えに金銭を
        // 要求`) is ransomware, however the lead names it (`サイバー攻撃`). (The word
        // ランサムウェア itself the model weighs: it may be another organisation's, told beside.)
        let (cause, hit) = match ev.best[index(Cause::Ransomware)] {
            Some(r)
                if matches!(cause, Cause::UnauthorizedAccess | Cause::Malware)
                    && r.value >= RANSOM_OVERRIDE
                    && !ctx
                        .scan
                        .text
                        .get(r.start..r.end)
                        .is_some_and(|t| t.contains("ランサム")) =>
            {
                (Cause::Ransomware, r)
            }
            _ => (cause, hit),
        };
        let term = ctx.scan.text.get(hit.start..hit.end).unwrap_or("");
        let field = Field::new(
            cause,
            ctx.confidence(q.clamp(0.05, 0.99), hit.sentence),
            format!("cause.model:{}", leak_term(term)),
            Some(ctx.evidence(hit.start, hit.end, hit.sentence)),
        );
        return (
            Some(field),
            format!("model: {cause} [{}]; {}", summary.join(", "), explain(k)),
        );
    }
    (
        None,
        format!("no cause term near the victim [{}]", summary.join(", ")),
    )
}

/// The lexicon term as a static string for the rule name.
fn leak_term(term: &str) -> &'static str {
    crate::lexicon::CAUSE_TERMS
        .iter()
        .find(|(t, _, _)| *t == term)
        .map_or("term", |(t, _, _)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::count::test_support::with_context;

    fn cue(text: &str, name: &str) -> f32 {
        with_context(text, |ctx| cause_evidence(ctx).features.get(name))
    }

    #[test]
    fn the_cue_file_parses_and_finds_families() {
        let lex = parse_cue_lexicon(CUE_FILE).expect("valid");
        assert!(lex.families.iter().any(|f| f.0 == "staff"));
        assert!(lex.pairs.iter().any(|p| p.2 == "pair.staff+taking"));
        let (bits, first) = lex.families_in("臨時職員が顧客名簿を無断で持ち出した");
        let fam = |n: &str| lex.families.iter().position(|f| f.0 == n).expect("family");
        assert!(bits & (1 << fam("staff")) != 0 && bits & (1 << fam("taking")) != 0);
        assert!(!first.is_empty());
        assert!(parse_cue_lexicon("term before a family").is_err());
        assert!(parse_cue_lexicon("[a]\nx\n[pairs]\na b").is_err());
    }

    #[test]
    fn staff_who_take_or_pass_on_data_read_as_insider() {
        // No insider term of the cause lexicon: the pair of cues makes it one.
        let t = "市の係長級の職員が、住民の名簿を知人に渡していたことが分かった。";
        assert!(cue(t, "cue.insider") > 0.0);
        assert!(cue(t, "pair.staff+taking") > 0.0);
        // Staff using a colleague's credentials is an insider too; a former employee who logs
        // in after leaving is not.
        let t = "職員が同僚のIDとパスワードを使い、人事データを閲覧した。";
        assert!(cue(t, "cue.insider") > 0.0);
        // (元社員 alone stays a weak insider term, marked person-only for the model.)
        let t = "退職後の元社員が、元同僚のIDで不正ログインした。";
        assert_eq!(cue(t, "insider.person_only"), 1.0);
        assert!(cue(t, "cue.unauthorized_access") > cue(t, "cue.insider"));
        // Staff who only made a slip are no insider.
        let t = "職員が誤って別の住民に通知書を送付した。";
        assert_eq!(cue(t, "cue.insider"), 0.0);
    }

    #[test]
    fn a_list_item_without_a_cause_of_its_own_is_marked_with_the_leads() {
        let t = "青葉大など三つの大学のサイトがサイバー攻撃を受けた。\
                 被害を受けたのは、緑川大と白浜大。緑川大ではメールアドレスが流出した。";
        let lead_only = |first| {
            crate::count::test_support::with_context_from(t, first, |ctx| {
                cause_evidence(ctx)
                    .features
                    .get("lead_only.unauthorized_access")
            })
        };
        // The item's own sentences hold no cause term: the lead's cause marks it.
        assert!(lead_only(1) > 0.0);
        // The whole text holds the term itself: no mark.
        assert_eq!(lead_only(0), 0.0);
    }

    #[test]
    fn ransom_and_encryption_name_ransomware() {
        let t = "サーバーのファイルが暗号化され、身代金を支払うよう求める文書が残されていた。";
        assert!(cue(t, "cue.ransomware") > 1.0);
        assert!(cue(t, "fam.ransom") > 0.0);
    }

    #[test]
    fn an_attack_told_with_its_ransom_demand_is_ransomware() {
        let t = "A社にサイバー攻撃。サーバーのデータが開けなくなり、データを元に戻すことと引き換えに金銭を要求する画面が表示された。";
        let k = Cause::ALL.len();
        // A model that reads every attack as unauthorised access.
        let mut bias = vec![0.0f32; k];
        bias[index(Cause::UnauthorizedAccess)] = 5.0;
        let model = LinearModel::new(
            Cause::ALL.iter().map(|c| c.as_str().to_string()).collect(),
            bias,
            Default::default(),
        );
        let (field, _) = with_context(t, |ctx| infer_cause(ctx, &model));
        assert_eq!(field.map(|f| f.value), Some(Cause::Ransomware));
        // The word ランサムウェア told beside (another's) is the model's to weigh.
        let t = "A社にサイバー攻撃。同業のB社もランサムウェアの被害を受けた。";
        let (field, _) = with_context(t, |ctx| infer_cause(ctx, &model));
        assert_eq!(field.map(|f| f.value), Some(Cause::UnauthorizedAccess));
    }

    #[test]
    fn a_cause_read_from_cues_alone_stands_on_the_cue_sentence() {
        let t = "巡査長が捜査情報を第三者に漏らしていたとして懲戒免職となった。";
        let mut weights = std::collections::BTreeMap::new();
        let k = Cause::ALL.len();
        let mut w = vec![0.0f32; k];
        w[index(Cause::Insider)] = 3.0;
        weights.insert("pair.staff+taking".to_string(), w.clone());
        weights.insert("fam.insider_law".to_string(), w);
        let model = LinearModel::new(
            Cause::ALL.iter().map(|c| c.as_str().to_string()).collect(),
            vec![0.0; k],
            weights,
        );
        let (field, _) = with_context(t, |ctx| infer_cause(ctx, &model));
        let field = field.expect("a cause");
        assert_eq!(field.value, Cause::Insider);
        assert!(field.evidence.is_some());
    }

    #[test]
    fn a_list_item_without_a_term_stands_on_a_lead_of_one_cause() {
        // A model that always says unauthorized access, else unknown.
        let k = Cause::ALL.len();
        let mut bias = vec![0.0f32; k];
        bias[index(Cause::UnauthorizedAccess)] = 3.0;
        bias[index(Cause::Unknown)] = 2.0;
        let model = LinearModel::new(
            Cause::ALL.iter().map(|c| c.as_str().to_string()).collect(),
            bias,
            std::collections::BTreeMap::new(),
        );
        let item = |t: &str| {
            crate::count::test_support::with_context_from(t, 1, |ctx| {
                infer_cause(ctx, &model)
                    .0
                    .map(|f| (f.value, f.evidence.is_some()))
            })
        };
        let t = "青葉大など三つの大学のサイトがサイバー攻撃を受けた。\
                 被害を受けたのは、緑川大と白浜大。";
        assert_eq!(item(t), Some((Cause::UnauthorizedAccess, true)));
        // A lead of two causes speaks for no item in particular.
        let t = "青葉大のサイトがサイバー攻撃を受け、白浜大では書類を紛失した。\
                 ほかに、緑川大と黄瀬大。";
        assert_eq!(item(t), None);
    }

    #[test]
    fn feature_names_follow_the_cause_order() {
        for (i, c) in Cause::ALL.iter().enumerate() {
            assert!(WEIGHTED[i].ends_with(c.as_str()), "{} vs {c}", WEIGHTED[i]);
            assert!(FIRST[i].ends_with(c.as_str()));
        }
        assert_eq!(Cause::ALL.len(), 13);
    }
}
