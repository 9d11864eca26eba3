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
use leakwatch_model::{Cause, Field};

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

/// The cause features of a victim's block, and the strongest hit of each cause.
pub struct CauseEvidence {
    pub features: Features,
    best: [Option<Hit>; 13],
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
    let mut insider_person_only = true;
    let mut insider_taking_out_only = true;
    let mut any_insider = false;
    for h in &scan.causes {
        let w = ctx.weight(h.sentence);
        // Advice sections (対策/予防/警戒…) say what could happen, not what did.
        if w <= 0.0 || scan.has(h.sentence, mark::ADVICE) {
            continue;
        }
        if scan.has(h.sentence, mark::STAT | mark::SURVEY)
            && ctx.block.distance_of(h.sentence) != Some(0)
        {
            continue;
        }
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
        if best[i].is_none_or(|b| v > b.value) {
            best[i] = Some(Hit {
                value: v,
                start: h.start,
                end: h.end,
                sentence: h.sentence,
            });
        }
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
        if best[i].is_none_or(|b| v > b.value) {
            best[i] = Some(Hit {
                value: v,
                start,
                end: start + "送信".len().min(t.len() - pos),
                sentence: s,
            });
        }
    }
    let mut f = Features::new();
    for i in 0..13 {
        f.add(WEIGHTED[i], weighted[i].min(6.0));
        f.add(STRONGEST[i], best[i].map_or(0.0, |b| b.value));
        f.flag(TITLE[i], title[i]);
        f.flag(NEAR[i], near[i]);
        f.flag(HEDGED[i], hedged[i]);
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
    f.add("cause_terms", total.min(10.0));
    CauseEvidence { features: f, best }
}

/// The learned cause of the block, with the strongest hit of that cause as evidence. The
/// model's `unknown` (or a cause without any term in the block) gives no cause.
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
        // A cause needs a term in the block to stand on (its evidence); `other` may stand on
        // the block's leak sentence.
        let hit = ev.best[index(cause)];
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

    #[test]
    fn feature_names_follow_the_cause_order() {
        for (i, c) in Cause::ALL.iter().enumerate() {
            assert!(WEIGHTED[i].ends_with(c.as_str()), "{} vs {c}", WEIGHTED[i]);
            assert!(FIRST[i].ends_with(c.as_str()));
        }
        assert_eq!(Cause::ALL.len(), 13);
    }
}
