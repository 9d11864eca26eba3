//! Owns incident dates: resolves every date mention to a calendar day (full dates; `X月Y日`
//! with the nearest preceding written year, else the document's year; 同日/翌日/前日 against the
//! previous date; 同年), then classifies each by the words of its clause — occurred (攻撃を受け,
//! 感染, 置き忘れ, the start of an exposure period `X日から`), detected (判明/検知/発覚/気付),
//! disclosed (発表/公表/告知), reported to police (警察 + 相談/届), reported to the PPC
//! (個人情報保護委員会 + 報告). Timeline entries (a date alone on a line) take the words of the
//! following line. Learned role models pick, per schema kind, the most probable mention of the victim's block.

mod features;
mod resolve;
pub(crate) mod words;

pub use features::mention_features;
pub use resolve::resolve_dates;
pub use words::DateKinds;

use crate::context::VictimContext;
use crate::learn::linear::{Features, LinearModel};
use crate::lexicon::mark;
use crate::scan::DocScan;
use chrono::{Datelike, NaiveDate};
use leakwatch_jatext::DateForm;
use leakwatch_model::{DateKind, DatedEvent, Field};

/// Dates of the victim's block: for each schema kind, the mention the learned role model
/// finds most probable, when it reaches the threshold.
#[allow(clippy::too_many_arguments)]
pub fn find_dates(
    ctx: &VictimContext,
    resolved: &[Option<NaiveDate>],
    date_kinds: &DateKinds,
    published: Option<NaiveDate>,
    models: &[LinearModel],
    threshold: f32,
) -> (Vec<Field<DatedEvent>>, String) {
    let scan = ctx.scan;
    let header = header_release_date(scan, resolved).map(|h| h.1);
    let latest_full = scan
        .dates
        .iter()
        .filter(|(d, _)| Some(d.start) != header)
        .filter(|(d, s)| {
            ctx.in_block(*s)
                && !scan.has(*s, mark::RELATED_LIST)
                && matches!(d.form, DateForm::Full(_))
        })
        .filter_map(|(d, _)| match d.form {
            DateForm::Full(x) => Some(x),
            _ => None,
        })
        .max();
    let mut unresolved = 0usize;
    let mut mentions: Vec<(usize, NaiveDate, Features)> = Vec::new();
    for (i, (_, sent)) in scan.dates.iter().enumerate() {
        // Other stories' headlines listed under the article carry their own dates.
        if !ctx.in_block(*sent) || ctx.weight(*sent) < 0.02 || scan.has(*sent, mark::RELATED_LIST) {
            continue;
        }
        let Some(date) = resolved.get(i).copied().flatten() else {
            unresolved += 1;
            continue;
        };
        let f = mention_features(ctx, i, resolved, date_kinds, published, header);
        mentions.push((i, date, f));
    }
    let mut out = Vec::new();
    let mut parts = Vec::new();
    let feats: Vec<&Features> = mentions.iter().map(|(_, _, f)| f).collect();
    for (role, (kind, model)) in DateKind::SCHEMA.iter().zip(models).enumerate() {
        let (probs, none, class) = role_probabilities(model, role, &feats);
        let best = mentions
            .iter()
            .zip(&probs)
            .map(|((i, d, f), p)| (*i, *d, *p, f))
            .max_by(|a, b| a.2.total_cmp(&b.2).then(b.0.cmp(&a.0)));
        let Some((mut i, mut date, mut p, mut f)) = best else {
            continue;
        };
        // A ranker's mention must beat choosing none, and any model's must reach the
        // threshold.
        let bar = none.map_or(threshold, |n| n.max(threshold));
        let taken = match none {
            Some(n) => p > n && p >= threshold,
            None => p >= threshold,
        };
        if !taken {
            // Why none was taken: the best candidate and what weighed against it.
            let against: Vec<String> = model
                .contributions(f, class)
                .into_iter()
                .filter(|c| c.amount < 0.0)
                .take(2)
                .map(|c| format!("{} {:+.2}", c.feature, c.amount))
                .collect();
            let what = if none.is_some() { "none" } else { "threshold" };
            parts.push(format!(
                "no {} (best {date} p {p:.2} < {what} {bar:.2}; {})",
                kind.as_str(),
                against.join(", ")
            ));
            continue;
        }
        // An earlier mention of the role stands for it when no less probable than half the
        // chosen one's: the first of two notices told in one sentence (`13日に利用者から、翌14日
        // にはカード会社から連絡を受けた`) is when the incident was detected, and of a
        // preliminary and a final report to the commission (速報, 確報) the first is the date
        // reported.
        let sent = scan.dates[i].1;
        let earlier_stands = |j: usize| match kind {
            DateKind::Detected => {
                // (Its own clause names only who gave notice: `13日に利用者から、`.)
                let clause = crate::text::window_after(scan.text, scan.dates[j].0.end, 30);
                let clause = &clause[..clause.find(['、', '。']).unwrap_or(clause.len())];
                scan.dates[j].1 == sent && clause.ends_with("から")
            }
            DateKind::ReportedPpc => date_kinds.of(scan, j).contains(kind),
            _ => false,
        };
        if let Some((j, d, q, g)) = mentions
            .iter()
            .zip(&probs)
            .filter(|((j, d, _), q)| *d < date && **q >= p * 0.5 && earlier_stands(*j))
            .map(|((j, d, g), q)| (*j, *d, *q, g))
            .min_by_key(|x| x.1)
        {
            (i, date, p, f) = (j, d, q, g);
        }
        let (dm, sent) = scan.dates[i];
        // A disclosure follows the events it reports: a month-day whose year was guessed (no
        // publication date to anchor it) and lands before the latest stated event moves to
        // that event's year.
        if *kind == DateKind::Disclosed
            && published.is_none()
            && matches!(dm.form, DateForm::MonthDay { .. })
        {
            if let Some(l) = latest_full.filter(|l| date < *l) {
                if let Some(d2) = NaiveDate::from_ymd_opt(l.year(), date.month(), date.day()) {
                    date = if d2 < l {
                        NaiveDate::from_ymd_opt(l.year() + 1, date.month(), date.day())
                            .unwrap_or(d2)
                    } else {
                        d2
                    };
                }
            }
        }
        let top: Vec<String> = model
            .contributions(f, class)
            .into_iter()
            .take(3)
            .map(|c| format!("{} {:+.2}", c.feature, c.amount))
            .collect();
        parts.push(format!(
            "{}={date} (p {p:.2}; {})",
            kind.as_str(),
            top.join(", ")
        ));
        out.push(Field::new(
            DatedEvent { kind: *kind, date },
            ctx.confidence(p.clamp(0.05, 0.99), sent),
            format!("date.model:{}", kind.as_str()),
            Some(ctx.evidence(dm.start, dm.end, sent)),
        ));
    }
    // Timeline events beside the schema dates (service stopped or restored, the attacker's
    // claim, an arrest or a regulator's action): the first mention whose clause states each.
    // They place the incident in time for analysts and are no schema date.
    for kind in [
        DateKind::ServiceStopped,
        DateKind::ServiceRestored,
        DateKind::AttackerClaim,
        DateKind::RegulatorAction,
    ] {
        let first = mentions
            .iter()
            .find(|(i, _, _)| date_kinds.of(scan, *i).contains(&kind));
        if let Some((i, date, _)) = first {
            let (dm, sent) = scan.dates[*i];
            parts.push(format!("{}={date} (clause rule)", kind.as_str()));
            out.push(Field::new(
                DatedEvent { kind, date: *date },
                ctx.confidence(0.6, sent),
                format!("date.timeline:{}", kind.as_str()),
                Some(ctx.evidence(dm.start, dm.end, sent)),
            ));
        }
    }
    let msg = if parts.is_empty() {
        format!(
            "no dated event near the victim ({} dates, {unresolved} without a known year)",
            mentions.len()
        )
    } else {
        format!("{} ({unresolved} unresolved)", parts.join("; "))
    };
    (out, msg)
}

/// The rule feature that proposes each schema role, in `DateKind::SCHEMA` order.
pub const ROLE_RULES: [&str; 5] = [
    "rule.occurred",
    "rule.detected",
    "rule.disclosed",
    "rule.reported_police",
    "rule.reported_ppc",
];

/// The features of choosing no mention of a block for schema role `role` (a ranker's extra
/// candidate): a bias, whether any mention's clause states the role, and how many mentions
/// there are.
pub fn none_features(role: usize, mentions: &[&Features]) -> Features {
    let rule = ROLE_RULES.get(role).copied().unwrap_or("");
    let mut f = Features::new();
    f.flag("none", true);
    f.flag(
        "none.rule_support",
        mentions.iter().any(|m| m.0.iter().any(|(n, _)| *n == rule)),
    );
    f.count("none.mentions", mentions.len());
    f
}

/// Each mention's probability of taking schema role `role`, the probability of none (for a
/// ranker, which scores the mentions and a no-mention candidate together; None for a
/// yes/no model, whose probabilities stand alone), and the class whose weights explain it.
pub fn role_probabilities(
    model: &LinearModel,
    role: usize,
    mentions: &[&Features],
) -> (Vec<f32>, Option<f32>, usize) {
    if let Some(yes) = model.class_index("yes") {
        let p = mentions
            .iter()
            .map(|f| model.probabilities(f)[yes])
            .collect();
        return (p, None, yes);
    }
    let mut z: Vec<f32> = mentions
        .iter()
        .map(|f| model.logits(f).first().copied().unwrap_or(0.0))
        .collect();
    z.push(
        model
            .logits(&none_features(role, mentions))
            .first()
            .copied()
            .unwrap_or(0.0),
    );
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = z.iter().map(|v| (v - max).exp()).collect();
    let sum: f32 = e.iter().sum::<f32>().max(f32::MIN_POSITIVE);
    let mut p: Vec<f32> = e.iter().map(|v| v / sum).collect();
    let none = p.pop();
    (p, none, 0)
}

/// The date line of a release's header (`2025年9月12日` / `令和7年9月5日` / `2023.07.06(木)` alone
/// on one of the first five lines): the day the issuer published it.
pub fn header_release_date(
    scan: &DocScan,
    resolved: &[Option<NaiveDate>],
) -> Option<(NaiveDate, usize, usize, usize)> {
    // Dates come in text order: stop at the first one past the header lines.
    scan.dates
        .iter()
        .enumerate()
        .take_while(|(_, (_, sent))| scan.line_of(*sent) <= 5)
        .find_map(|(i, (dm, sent))| {
            let lt = scan.layout.line_text(scan.text, scan.line_of(*sent));
            // A header date line is short; never copy a long paragraph line per date.
            if lt.len() > 80 {
                return None;
            }
            let rest = lt.replacen(scan.text.get(dm.start..dm.end)?, "", 1);
            let rest: String = rest
                .chars()
                .filter(|c| !c.is_whitespace() && !"()()月火水木金土日曜".contains(*c))
                .collect();
            let date = resolved.get(i).copied().flatten()?;
            (rest.is_empty() && matches!(dm.form, DateForm::Full(_)))
                .then_some((date, dm.start, dm.end, *sent))
        })
}

/// The date in a URL path such as `https://example.jp/article/2025/09/16/123.html`:
/// (date, start, end) of the `YYYY/MM/DD` part.
pub fn url_path_date(s: &str) -> Option<(NaiveDate, usize, usize)> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(pos) = s[from..].find("://") {
        let url_start = from + pos;
        let url_end = s[url_start..]
            .find(|c: char| c.is_whitespace() || !c.is_ascii())
            .map_or(s.len(), |e| url_start + e);
        let url = &s[url_start..url_end];
        for (i, _) in url.match_indices('/') {
            let rest = &url.as_bytes()[i + 1..];
            let digits = |r: &[u8], n: usize| r.len() >= n && r[..n].iter().all(u8::is_ascii_digit);
            if digits(rest, 4)
                && rest.get(4) == Some(&b'/')
                && digits(&rest[5..], 2)
                && rest.get(7) == Some(&b'/')
                && digits(&rest[8..], 2)
                && rest
                    .get(10)
                    .is_none_or(|c| *c == b'/' || *c == b'.' || *c == b'-' || *c == b'_')
            {
                let num = |a: usize, b: usize| url[i + 1 + a..i + 1 + b].parse::<u32>().ok();
                if let (Some(y), Some(m), Some(d)) = (num(0, 4), num(5, 7), num(8, 10)) {
                    if (1990..=2100).contains(&y) {
                        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                            let a = url_start + i + 1;
                            return Some((date, a, a + 10));
                        }
                    }
                }
            }
        }
        from = url_end.max(url_start + 3);
        if from >= bytes.len() {
            break;
        }
    }
    None
}

/// A scan of `text` with lexicons and name finders built once for all tests.
#[cfg(test)]
pub(crate) fn test_scan(text: &str) -> DocScan<'_> {
    use crate::lexicon::Lexicons;
    use crate::org::OrgFinder;
    static TOOLS: std::sync::OnceLock<(Lexicons, OrgFinder)> = std::sync::OnceLock::new();
    let (lex, orgs) = TOOLS.get_or_init(|| (Lexicons::new(), OrgFinder::new()));
    DocScan::new(text, lex, orgs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_date_from_article_url() {
        let line = "詳しくは https://news.example.com/it/2024/03/07/5512.html を参照";
        let (d, a, b) = url_path_date(line).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2024, 3, 7).unwrap());
        assert_eq!(&line[a..b], "2024/03/07");
        assert!(url_path_date("https://example.com/a/2024/13/40/x").is_none());
        assert!(url_path_date("2024/03/07 に発表").is_none());
    }
}
