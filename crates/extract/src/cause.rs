//! Owns the cause of an incident: lexicon hits (ランサムウェア, 誤送信, 紛失, 設定ミス…) in the
//! victim's block, weighted by how close they stand to the victim, then resolved by
//! specificity: a specific cause (ransomware, insider, misdelivery…) wins over the generic
//! 不正アクセス when it is stated with reasonable weight; a weakness that was exploited
//! (脆弱性を突いた) is unauthorized access, not a vulnerability report.

use crate::context::VictimContext;
use crate::text::window_after;
use leakwatch_model::{Cause, Field};

/// Causes in order of preference, each with the share of the strongest cause's score it
/// needs to be chosen.
const PREFERENCE: &[(Cause, f32)] = &[
    (Cause::Ransomware, 0.25),
    (Cause::Insider, 0.3),
    (Cause::Phishing, 0.45),
    (Cause::Misdelivery, 0.35),
    (Cause::Misconfiguration, 0.15),
    (Cause::Misdisclosure, 0.5),
    (Cause::Loss, 0.4),
    (Cause::Theft, 0.4),
    (Cause::Malware, 0.6),
    (Cause::UnauthorizedAccess, 0.0),
    (Cause::Vulnerability, 0.0),
];

/// Insider terms that name a person, not an act.
const INSIDER_PERSONS: &[&str] = &["元社員", "元従業員", "元職員", "出向者が"];

/// (weighted strength, start, end, sentence, term) of the strongest hit of one cause.
type BestHit = (f32, usize, usize, usize, &'static str);

/// The cause with its evidence, and a trace message.
pub fn infer_cause(ctx: &VictimContext) -> (Option<Field<Cause>>, String) {
    let scan = ctx.scan;
    let mut score = [0f32; 16];
    let mut best_hit: [Option<BestHit>; 16] = [None; 16];
    // Whether the insider evidence says more than that something was taken out (持ち出し),
    // and whether it names an act at all (not only a former employee).
    let mut insider_beyond_taking_out = false;
    let mut insider_act = false;
    let idx = |c: Cause| PREFERENCE.iter().position(|(x, _)| *x == c).unwrap_or(15);
    for h in &scan.causes {
        let w = ctx.weight(h.sentence);
        // Advice sections (対策/予防/警戒…) say what could happen, not what did.
        if w <= 0.0 || scan.has(h.sentence, crate::lexicon::mark::ADVICE) {
            continue;
        }
        if scan.has(
            h.sentence,
            crate::lexicon::mark::STAT | crate::lexicon::mark::SURVEY,
        ) && ctx.block.distance_of(h.sentence) != Some(0)
        {
            continue;
        }
        let (mut cause, strength) = h.value;
        if cause == Cause::Vulnerability {
            let after = window_after(scan.text, h.end, 30);
            if ["を突", "を悪用", "を狙", "を利用", "を突か"]
                .iter()
                .any(|p| after.starts_with(p))
            {
                cause = Cause::UnauthorizedAccess;
            }
        }
        // 「誤って」 alone is not misdelivery unless a sending word follows.
        let term = scan.text.get(h.start..h.end).unwrap_or("");
        // `顧客の情報が盗まれ`: data stolen through an attack, not a theft of things.
        if cause == Cause::Theft && term == "盗まれ" {
            let before = crate::text::window_before(scan.text, h.start, 24);
            if before.contains("情報") || before.contains("データ") {
                cause = Cause::UnauthorizedAccess;
            }
        }
        if cause == Cause::Insider && !term.starts_with("持ち出") && !term.starts_with("持出")
        {
            insider_beyond_taking_out = true;
        }
        if cause == Cause::Insider && !INSIDER_PERSONS.contains(&term) {
            insider_act = true;
        }
        let v = strength * w;
        let i = idx(cause);
        score[i] += v;
        if best_hit[i].is_none_or(|(bv, ..)| v > bv) {
            best_hit[i] = Some((v, h.start, h.end, h.sentence, leak_term(term)));
        }
    }
    // A mail sent out that exposed the recipients' addresses is a misdelivery even when no
    // 誤送信 word is used: `メール送信する際に…メールアドレスを漏えい`.
    for &s in &ctx.block.sentences {
        let t = scan.sentence_text(s);
        if !scan.has(
            s,
            crate::lexicon::mark::LEAK | crate::lexicon::mark::CONFIRM,
        ) || !t.contains("メールアドレス")
        {
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
        let w = ctx.weight(s);
        let i = idx(Cause::Misdelivery);
        let v = 0.9 * w;
        score[i] += v;
        let start = scan.layout.sentences[s].start + pos;
        if best_hit[i].is_none_or(|(bv, ..)| v > bv) {
            best_hit[i] = Some((
                v,
                start,
                start + "送信".len().min(t.len() - pos),
                s,
                "送信+メールアドレス+漏えい",
            ));
        }
    }
    // `USBメモリを院外に持ち出し、帰路で紛失した`: data carried out and then lost is a loss.
    if score[idx(Cause::Loss)] > 0.0 && !insider_beyond_taking_out {
        score[idx(Cause::Insider)] = 0.0;
    }
    // `元社員が…IDで不正にログインした`: a former employee breaking in is unauthorized access.
    if score[idx(Cause::UnauthorizedAccess)] > 0.0 && !insider_act {
        score[idx(Cause::Insider)] = 0.0;
    }
    let max = score.iter().cloned().fold(0f32, f32::max);
    if max < 0.2 {
        return (
            None,
            format!("no cause term near the victim (strongest evidence {max:.2} < 0.20)"),
        );
    }
    let mut summary: Vec<String> = PREFERENCE
        .iter()
        .enumerate()
        .filter(|(i, _)| score[*i] > 0.0)
        .map(|(i, (c, _))| format!("{c}={:.2}", score[i]))
        .collect();
    summary.sort();
    let (ua, vuln) = (idx(Cause::UnauthorizedAccess), idx(Cause::Vulnerability));
    for (i, (_, share)) in PREFERENCE.iter().enumerate() {
        // A weakness reported as found (脆弱性が確認された) outweighs attack words used only
        // to describe what it would allow.
        let i = if i == ua && score[vuln] >= score[ua] {
            vuln
        } else {
            i
        };
        let cause = &PREFERENCE[i].0;
        if score[i] > 0.0 && score[i] >= share * max {
            if let Some((_, s, e, sent, term)) = best_hit[i] {
                let conf = ctx.confidence(0.6 + 0.35 * (score[i] / max), sent);
                let field = Field::new(
                    *cause,
                    conf,
                    format!("cause.lexicon:{term}"),
                    Some(ctx.evidence(s, e, sent)),
                );
                let msg = format!(
                    "chose {cause} by specificity among [{}] (needs ≥{:.0}% of the strongest)",
                    summary.join(", "),
                    share * 100.0
                );
                return (Some(field), msg);
            }
        }
    }
    (
        None,
        format!("no cause passed its threshold: [{}]", summary.join(", ")),
    )
}

/// The lexicon term as a static string for the rule name.
fn leak_term(term: &str) -> &'static str {
    crate::lexicon::CAUSE_TERMS
        .iter()
        .find(|(t, _, _)| *t == term)
        .map_or("term", |(t, _, _)| t)
}
