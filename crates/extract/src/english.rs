//! Owns the small English extractor: releases and notices written in English by Japanese
//! organisations (`X Co., Ltd.`, `Y Inc.`), with the same fields as the Japanese rules —
//! organisation, cause, affected count, data types, confirmed vs possible, and dates.
//! Deliberately compact: one victim per document (the issuer), phrases of notice language.

use chrono::{Datelike, NaiveDate};
use leakwatch_model::{
    AffectedCount, CandidateIncident, Cause, CountQualifier, DataType, DateKind, DatedEvent,
    Document, Evidence, Field, Span, TraceNote,
};
use regex::Regex;

/// Compiled patterns of the English extractor.
pub struct EnglishExtractor {
    org: Regex,
    count: Regex,
    month_date: Regex,
    iso_date: Regex,
    said_subject: Regex,
}

impl Default for EnglishExtractor {
    fn default() -> Self {
        EnglishExtractor::new()
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Cause phrases with a weight; the cause with the highest total wins.
const CAUSE_PHRASES: &[(&str, Cause, f32)] = &[
    ("ransomware", Cause::Ransomware, 3.0),
    ("unauthorized access", Cause::UnauthorizedAccess, 2.0),
    ("unauthorised access", Cause::UnauthorizedAccess, 2.0),
    (
        "accessed without authorization",
        Cause::UnauthorizedAccess,
        2.0,
    ),
    ("unauthorized login", Cause::UnauthorizedAccess, 1.5),
    ("cyberattack", Cause::UnauthorizedAccess, 1.5),
    ("cyber attack", Cause::UnauthorizedAccess, 1.5),
    ("hacked", Cause::UnauthorizedAccess, 1.5),
    ("intrusion", Cause::UnauthorizedAccess, 1.0),
    ("malware", Cause::Malware, 2.0),
    ("emotet", Cause::Malware, 2.0),
    ("misdelivered", Cause::Misdelivery, 3.0),
    ("sent to the wrong", Cause::Misdelivery, 3.0),
    ("wrong recipient", Cause::Misdelivery, 3.0),
    ("sent in error", Cause::Misdelivery, 3.0),
    ("erroneously sent", Cause::Misdelivery, 3.0),
    ("mistakenly sent", Cause::Misdelivery, 3.0),
    ("misconfigur", Cause::Misconfiguration, 3.0),
    ("configuration error", Cause::Misconfiguration, 3.0),
    ("publicly accessible", Cause::Misconfiguration, 1.5),
    ("lost", Cause::Loss, 2.0),
    ("misplaced", Cause::Loss, 2.0),
    ("stolen", Cause::Theft, 2.0),
    ("theft", Cause::Theft, 2.0),
    ("former employee", Cause::Insider, 3.0),
    ("insider", Cause::Insider, 2.0),
    ("phishing", Cause::Phishing, 1.0),
    ("vulnerability", Cause::Vulnerability, 0.5),
];

/// Data categories as English notices list them, most specific first.
const DATA_PHRASES: &[(&str, DataType)] = &[
    ("e-mail address", DataType::Email),
    ("email address", DataType::Email),
    ("mail address", DataType::Email),
    ("credit card number", DataType::CardNumber),
    ("card number", DataType::CardNumber),
    ("expiration date", DataType::CardExpiry),
    ("expiry date", DataType::CardExpiry),
    ("security code", DataType::CardCvv),
    ("cvv", DataType::CardCvv),
    ("bank account", DataType::BankAccount),
    ("company name", DataType::CustomerInfo),
    ("department", DataType::CustomerInfo),
    ("user name", DataType::LoginId),
    ("username", DataType::LoginId),
    ("login id", DataType::LoginId),
    ("user id", DataType::LoginId),
    ("password", DataType::Password),
    ("date of birth", DataType::BirthDate),
    ("birth date", DataType::BirthDate),
    ("birthday", DataType::BirthDate),
    ("gender", DataType::Gender),
    ("telephone number", DataType::Phone),
    ("phone number", DataType::Phone),
    ("my number", DataType::MyNumber),
    ("medical", DataType::Health),
    ("health", DataType::Health),
    ("employee", DataType::EmployeeInfo),
    ("address", DataType::Address),
    ("name", DataType::Name),
    ("history", DataType::Other),
    ("serial number", DataType::Other),
];

impl EnglishExtractor {
    pub fn new() -> EnglishExtractor {
        EnglishExtractor {
            org: Regex::new(
                r"\b((?:[A-Z][A-Za-z0-9&'\-]*\.? ){1,5}?)(Co\., ?Ltd\.|Company, Limited|Co\., ?Inc\.|Inc\.|Corporation|Corp\.|K\.K\.|Ltd\.|LLC|Holdings)",
            )
            .expect("english org regex"),
            count: Regex::new(
                r"(?i)\b(approximately |about |around |roughly |up to |a maximum of |maximum of |more than |over |at least |some )?(\d{1,3}(?:,\d{3})+|\d+)( thousand| million)? (?:[a-z\-]+ ){0,2}?(persons|people|individuals|customers|records|users|accounts|cases|items|members|employees|students|patients|entries|guests|clients|consumers|residents|subscribers|applicants)\b",
            )
            .expect("english count regex"),
            month_date: Regex::new(
                r"\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2})\b(?:,? (\d{4})\b)?",
            )
            .expect("english date regex"),
            iso_date: Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("iso date regex"),
            said_subject: Regex::new(
                r"(?:^|[.\n] ?|-- )((?:[A-Z][A-Za-z0-9&'\-]+ ){0,4}[A-Z][A-Za-z0-9&'\-]+)(?:, [^,\n]{1,90},)? (?:said|announced|disclosed|reported|revealed)\b",
            )
            .expect("said-subject regex"),
        }
    }

    /// Extracts at most one incident (the issuer's) from an English document.
    pub fn extract(&self, doc: &Document) -> (Vec<CandidateIncident>, Vec<TraceNote>) {
        let text = doc.text.as_str();
        let mut trace = Vec::new();
        let note = |field: &str, message: String| TraceNote {
            incident: Some(0),
            field: field.to_string(),
            message,
        };
        let lines = line_spans(text);
        let sentence_of = |pos: usize| -> String {
            lines
                .iter()
                .find(|(a, b)| *a <= pos && pos <= *b)
                .map(|&(a, b)| text[a..b].trim().to_string())
                .unwrap_or_default()
        };
        let ev = |a: usize, b: usize| {
            Some(Evidence {
                doc_id: doc.id.clone(),
                span: Span::new(a, b),
                sentence: sentence_of(a),
            })
        };
        // Organisation: the most frequent legal-form name, the one in the header breaking ties.
        let mut orgs: Vec<(String, String, usize, usize, usize)> = Vec::new();
        for c in self.org.captures_iter(text) {
            let (Some(all), Some(core)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let core_s = core.as_str().trim().to_string();
            let core_s = strip_leading_article(&core_s);
            if core_s.is_empty() {
                continue;
            }
            let name = format!(
                "{core_s} {}",
                &text[c.get(2).map_or(all.end(), |g| g.start())..all.end()]
            );
            match orgs.iter_mut().find(|o| o.0 == name) {
                Some(o) => o.2 += 1,
                None => orgs.push((name, core_s, 1, all.start(), all.end())),
            }
        }
        // Without a legal form, the subject of a news lead (`Hanamizu Cosmetics said on May 2
        // that…`, `Kita Hospital, a public hospital in Osaka, announced…`).
        if orgs.is_empty() {
            if let Some(c) = self.said_subject.captures(text) {
                if let Some(n) = c.get(1) {
                    let name = strip_leading_article(n.as_str().trim());
                    let stop = [
                        "The",
                        "Police",
                        "Japan",
                        "Tokyo",
                        "It",
                        "He",
                        "She",
                        "They",
                        "We",
                        "Officials",
                        "Investigators",
                        "Personal Information Protection Commission",
                    ];
                    if !name.is_empty() && !stop.contains(&name.as_str()) {
                        orgs.push((name.clone(), name, 1, n.start(), n.end()));
                    }
                }
            }
        }
        let Some(best) = orgs
            .iter()
            .max_by_key(|o| (o.2 + usize::from(o.3 < 400) * 2, usize::MAX - o.3))
            .cloned()
        else {
            trace.push(TraceNote {
                incident: None,
                field: "organizations".into(),
                message: "English document: no organisation with a legal form (Co., Ltd./Inc./Corporation)".into(),
            });
            return (Vec::new(), trace);
        };
        let lower = text.to_ascii_lowercase();
        let incident_words = [
            "unauthorized",
            "unauthorised",
            "leak",
            "exposed",
            "breach",
            "ransomware",
            "lost",
            "stolen",
            "sent to the wrong",
            "misdelivered",
            "personal information",
            "exposure",
            "publicly accessible",
            "viewable by",
            "viewed by",
            "misconfigur",
        ];
        if !incident_words.iter().any(|w| lower.contains(w)) {
            trace.push(TraceNote {
                incident: None,
                field: "organizations".into(),
                message: "English document without incident wording: no incidents".into(),
            });
            return (Vec::new(), trace);
        }
        let mut inc = CandidateIncident::new(Field::new(
            best.0.clone(),
            0.7,
            "en.org.legal_form",
            ev(best.3, best.4),
        ));
        if best.1 != best.0 {
            inc.aliases.push(Field::new(
                best.1.clone(),
                0.6,
                "en.alias.without_legal_form",
                None,
            ));
        }
        // Sentences on prevention, training or advice never set the cause or data types.
        let advice = |line: &str| {
            let l = line.to_ascii_lowercase();
            [
                "training",
                "awareness",
                "preventive",
                "prevent ",
                "we will",
                "please be careful",
                "recommend",
            ]
            .iter()
            .any(|w| l.contains(w))
        };
        let mut cause_scores: Vec<(Cause, f32, usize, usize)> = Vec::new();
        for &(a, b) in &lines {
            let line = &lower[a..b];
            if advice(line) {
                continue;
            }
            for (p, cause, w) in CAUSE_PHRASES {
                let mut from = 0;
                while let Some(pos) = line[from..].find(p) {
                    let at = from + pos;
                    from = at + p.len();
                    if !word_boundary(line, at, at + p.len()) && !p.ends_with("ur") {
                        continue;
                    }
                    match cause_scores.iter_mut().find(|c| c.0 == *cause) {
                        Some(c) => c.1 += w,
                        None => cause_scores.push((*cause, *w, a + at, a + at + p.len())),
                    }
                }
            }
        }
        if let Some(c) = cause_scores.iter().max_by(|x, y| x.1.total_cmp(&y.1)) {
            trace.push(note(
                "cause",
                format!("{} (weight {:.1})", c.0.as_str(), c.1),
            ));
            inc.cause = Some(Field::new(c.0, 0.7, "en.cause.phrase", ev(c.2, c.3)));
        }
        // Count: the largest stated number of persons/records.
        let mut best_count: Option<(u64, CountQualifier, String, usize, usize)> = None;
        for c in self.count.captures_iter(text) {
            let (Some(all), Some(num)) = (c.get(0), c.get(2)) else {
                continue;
            };
            let Ok(mut v) = num.as_str().replace(',', "").parse::<u64>() else {
                continue;
            };
            match c.get(3).map(|m| m.as_str().trim()) {
                Some("thousand") => v *= 1_000,
                Some("million") => v *= 1_000_000,
                _ => {}
            }
            let q = match c.get(1).map(|m| m.as_str().trim().to_ascii_lowercase()) {
                Some(ref s)
                    if ["approximately", "about", "around", "roughly", "some"]
                        .contains(&s.as_str()) =>
                {
                    CountQualifier::Approx
                }
                Some(ref s) if s.contains("up to") || s.contains("maximum") => CountQualifier::Max,
                Some(_) => CountQualifier::AtLeast,
                None => CountQualifier::Exact,
            };
            let mut unit = c
                .get(4)
                .map_or("persons", |m| m.as_str())
                .to_ascii_lowercase();
            if unit == "people" || unit == "individuals" {
                unit = "persons".into();
            }
            if best_count.as_ref().is_none_or(|b| v > b.0) {
                best_count = Some((v, q, unit, all.start(), all.end()));
            }
        }
        if let Some((v, q, unit, a, b)) = best_count {
            inc.affected = Some(Field::new(
                AffectedCount {
                    value: v,
                    qualifier: q,
                    unit,
                },
                0.7,
                "en.count.number_unit",
                ev(a, b),
            ));
        }
        // Data types: list items and exposure sentences, negated sentences excluded.
        let exposure = [
            "exposed",
            "viewed",
            "obtained",
            "taken",
            "posted",
            "leaked",
            "compromised",
            "included",
            "includes",
            "accessed",
            "information",
            "stolen",
            "lost",
            "contained",
            "including",
        ];
        // Sentences, so that a negation (`not associated with…`) stays in its own sentence.
        let mut sentences: Vec<(usize, usize)> = Vec::new();
        for &(a, b) in &lines {
            let mut s0 = a;
            for (i, _) in lower[a..b].match_indices(". ") {
                sentences.push((s0, a + i + 1));
                s0 = a + i + 2;
            }
            if s0 < b {
                sentences.push((s0, b));
            }
        }
        let mut in_data_section = false;
        for &(a, b) in &sentences {
            let line = &lower[a..b];
            let t = line.trim();
            let bullet = t.starts_with(['-', '*', '•', '・']);
            if !bullet {
                in_data_section = t.contains("information")
                    && (t.contains("exposed")
                        || t.contains("leaked")
                        || t.contains("affected")
                        || t.contains("may have"));
            }
            let negated = [
                " no ",
                "not ",
                "neither",
                " nor ",
                "never",
                "hashed",
                "excluding",
            ]
            .iter()
            .any(|w| line.contains(w))
                || t.starts_with("no ");
            if negated || advice(line) {
                continue;
            }
            let relevant = (bullet && in_data_section)
                || (!bullet && exposure.iter().any(|w| line.contains(w)) && line.contains(','));
            if !relevant {
                continue;
            }
            let mut covered: Vec<(usize, usize)> = Vec::new();
            for (p, dt) in DATA_PHRASES {
                let mut from = 0;
                while let Some(pos) = line[from..].find(p) {
                    let at = from + pos;
                    from = at + p.len();
                    if covered.iter().any(|&(x, y)| at < y && at + p.len() > x) {
                        continue;
                    }
                    let suffix_ok =
                        p.ends_with("name") || p.ends_with("address") || p.ends_with("number");
                    if !(word_boundary(line, at, at + p.len()) || suffix_ok) {
                        continue;
                    }
                    covered.push((at, at + p.len()));
                    if !inc.data_types.iter().any(|d| d.value == *dt) {
                        inc.data_types.push(Field::new(
                            *dt,
                            0.6,
                            "en.datatype.phrase",
                            ev(a + at, a + at + p.len()),
                        ));
                    }
                }
            }
        }
        if inc.data_types.iter().any(|d| d.value.is_card()) {
            inc.card_data = Some(Field::new(true, 0.7, "en.card.from_types", None));
        }
        // Confirmed vs only possible.
        let possible = [
            "may have",
            "might have",
            "possibly",
            "potentially",
            "could have",
            "not confirmed",
            "have not confirmed",
            "no evidence",
        ];
        let certain = [
            "was leaked",
            "were leaked",
            "has been confirmed",
            "we confirmed",
            "was stolen",
            "were stolen",
            "were exposed",
            "was exposed",
            "were sent to",
            "was sent to",
            "was viewed by",
            "were viewed by",
            "were downloaded",
            "was downloaded",
        ];
        let is_possible = possible.iter().any(|w| lower.contains(w));
        let is_certain = certain.iter().any(|w| lower.contains(w));
        inc.confirmed = Some(Field::new(
            !is_possible
                && (is_certain
                    || matches!(
                        inc.cause.as_ref().map(|c| c.value),
                        Some(Cause::Misdelivery | Cause::Loss)
                    )),
            0.6,
            "en.confirmed.hedges",
            None,
        ));
        // Dates by the verbs of their line.
        let mut dates: Vec<(NaiveDate, usize, usize)> = Vec::new();
        for c in self.month_date.captures_iter(text) {
            let m = c
                .get(1)
                .map(|m| m.as_str().to_ascii_lowercase())
                .unwrap_or_default();
            let month = MONTHS.iter().position(|x| *x == m).map(|i| i as u32 + 1);
            let day = c.get(2).and_then(|d| d.as_str().parse::<u32>().ok());
            // `on March 4`: the year of the latest full date before it, else of publication.
            let year = c
                .get(3)
                .and_then(|y| y.as_str().parse::<i32>().ok())
                .or_else(|| dates.last().map(|d: &(NaiveDate, usize, usize)| d.0.year()))
                .or_else(|| doc.published.map(|p| p.year()));
            if let (Some(mo), Some(d), Some(y), Some(all)) = (month, day, year, c.get(0)) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, mo, d) {
                    dates.push((date, all.start(), all.end()));
                }
            }
        }
        for c in self.iso_date.captures_iter(text) {
            let p = |i: usize| c.get(i).and_then(|g| g.as_str().parse::<u32>().ok());
            if let (Some(y), Some(mo), Some(d), Some(all)) = (p(1), p(2), p(3), c.get(0)) {
                if let Some(date) = NaiveDate::from_ymd_opt(y as i32, mo, d) {
                    dates.push((date, all.start(), all.end()));
                }
            }
        }
        dates.sort_by_key(|d| d.1);
        for (date, a, b) in dates {
            // The sentence holding the date (a line may hold several).
            let ctx = {
                let line = lines
                    .iter()
                    .find(|(x, y)| *x <= a && a <= *y)
                    .copied()
                    .unwrap_or((a, b));
                let head = &text[line.0..a];
                let s0 = head.rfind(". ").map_or(line.0, |i| line.0 + i + 2);
                let tail = &text[b.min(line.1)..line.1];
                let s1 = tail.find(". ").map_or(line.1, |i| b + i + 1);
                text[s0..s1.max(b)].to_ascii_lowercase()
            };
            let kind = if ctx.contains("police") {
                Some(DateKind::ReportedPolice)
            } else if ctx.contains("commission") || ctx.contains("ppc") {
                Some(DateKind::ReportedPpc)
            } else if ["resumed", "restored", "reopened"]
                .iter()
                .any(|w| ctx.contains(w))
            {
                Some(DateKind::ServiceRestored)
            } else if [
                "took place",
                "occurred",
                "first unauthorized",
                "began",
                "started",
                "was sent",
                "were sent",
                "lost",
                "onward",
                "became viewable",
                "were encrypted",
                "was encrypted",
                "was infected",
                "were infected",
                "was attacked",
                "became accessible",
                "became publicly",
                "changed the access",
            ]
            .iter()
            .any(|w| ctx.contains(w))
            {
                Some(DateKind::Occurred)
            } else if [
                "detected",
                "discovered",
                "noticed",
                "became aware",
                "identified",
                "found",
                "informed us",
                "notified us",
                "contacted us",
                "we learned",
            ]
            .iter()
            .any(|w| ctx.contains(w))
            {
                Some(DateKind::Detected)
            } else if [
                "announced",
                "disclosed",
                "published",
                "said on",
                "said it",
                "reported on",
            ]
            .iter()
            .any(|w| ctx.contains(w))
            {
                Some(DateKind::Disclosed)
            } else {
                None
            };
            if let Some(k) = kind {
                if inc.date(k).is_none() {
                    inc.dates.push(Field::new(
                        DatedEvent { kind: k, date },
                        0.6,
                        format!("en.date.{}", k.as_str()),
                        ev(a, b),
                    ));
                }
            }
        }
        if inc.date(DateKind::Disclosed).is_none() {
            if let Some(p) = doc.published {
                inc.dates.push(Field::new(
                    DatedEvent {
                        kind: DateKind::Disclosed,
                        date: p,
                    },
                    0.5,
                    "en.date.publication_is_disclosure",
                    None,
                ));
            }
        }
        if let Some((name, a, b)) = english_threat_actor(text) {
            inc.attacker = Some(Field::new(
                name.to_string(),
                0.7,
                "en.attacker.lexicon",
                ev(a, b),
            ));
            inc.related.push(Field::new(
                leakwatch_model::RelatedOrg {
                    name: name.to_string(),
                    role: leakwatch_model::RelationRole::Attacker,
                },
                0.7,
                "related.threat_actor",
                ev(a, b),
            ));
        }
        trace.push(note(
            "organization",
            format!("{} ({} mentions)", best.0, best.2),
        ));
        (vec![inc], trace)
    }
}

/// A threat actor named in English text (canonical name and span). Group names that are
/// everyday words (`Play`) count only in quotes or beside group/ransomware/gang.
fn english_threat_actor(text: &str) -> Option<(&'static str, usize, usize)> {
    for (canon, variants) in crate::lexicon::THREAT_ACTORS {
        for v in std::iter::once(canon)
            .chain(variants.iter())
            .filter(|v| v.is_ascii())
        {
            for (at, _) in text.match_indices(v) {
                let end = at + v.len();
                if !word_boundary(text, at, end) {
                    continue;
                }
                let before = &text[..at];
                let after = &text[end..];
                let quoted =
                    before.ends_with(['"', '“', '\'']) && after.starts_with(['"', '”', '\'']);
                let lower_after = after.to_ascii_lowercase();
                let lower_before = before.to_ascii_lowercase();
                let grouped = [
                    " ransomware",
                    " group",
                    " gang",
                    "\" group",
                    "\" ransomware",
                ]
                .iter()
                .any(|w| lower_after.starts_with(w))
                    || ["group ", "gang ", "calling itself "]
                        .iter()
                        .any(|w| lower_before.ends_with(w));
                let everyday =
                    v.chars().count() <= 5 && v.chars().skip(1).all(|c| c.is_ascii_lowercase());
                if quoted || grouped || !everyday {
                    return Some((canon, at, end));
                }
            }
        }
    }
    None
}

fn strip_leading_article(s: &str) -> String {
    let mut s = s.trim();
    for a in ["The ", "the ", "On ", "At ", "By ", "From ", "To "] {
        if let Some(r) = s.strip_prefix(a) {
            s = r;
        }
    }
    s.to_string()
}

fn word_boundary(s: &str, a: usize, b: usize) -> bool {
    let before = s[..a].chars().next_back();
    let after = s[b..].chars().next();
    !before.is_some_and(|c| c.is_ascii_alphanumeric())
        && !after.is_some_and(|c| c.is_ascii_alphabetic() && c != 's')
}

fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, text.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_model::{DocId, Language, MediaType, Origin};

    fn doc(text: &str) -> Document {
        Document {
            id: DocId("en-test".into()),
            origin: Origin::File {
                path: "t.txt".into(),
            },
            media_type: MediaType::Text,
            encoding: "UTF-8".into(),
            title: None,
            published: None,
            language: Language::En,
            text: text.to_string(),
            content_hash: String::new(),
        }
    }

    #[test]
    fn english_release_fields() {
        let text = "Notice of a data incident\nMay 1, 2024\nKumo Foods Co., Ltd.\n\nKumo Foods Co., Ltd. announces that its online shop suffered unauthorized access. On April 20, 2024, we detected suspicious activity. Information of up to 1,200 customers may have been exposed.\n- Names\n- Email addresses\n- Credit card numbers\nWe reported the matter to the Personal Information Protection Commission on April 22, 2024.\nWe will conduct phishing awareness training.\n";
        let (incs, _) = EnglishExtractor::new().extract(&doc(text));
        assert_eq!(incs.len(), 1);
        let i = &incs[0];
        assert_eq!(i.organization.value, "Kumo Foods Co., Ltd.");
        assert_eq!(i.cause_value(), Cause::UnauthorizedAccess);
        let c = i.affected.as_ref().unwrap();
        assert_eq!(
            (c.value.value, c.value.qualifier),
            (1200, CountQualifier::Max)
        );
        let types = i.data_type_values();
        assert!(types.contains(&DataType::Name) && types.contains(&DataType::Email));
        assert!(types.contains(&DataType::CardNumber) && i.card_data_value());
        assert!(!i.confirmed_value());
        assert_eq!(
            i.date(DateKind::Detected),
            NaiveDate::from_ymd_opt(2024, 4, 20)
        );
        assert_eq!(
            i.date(DateKind::ReportedPpc),
            NaiveDate::from_ymd_opt(2024, 4, 22)
        );
    }

    #[test]
    fn english_news_with_group_adjective_count_and_yearless_date() {
        let text = "OSAKA -- Data of more than 45,000 hotel guests may have been exposed after a ransomware attack on Minato Booking Inc., the company said on March 4. A group calling itself \"Play\" listed the company on its leak site.\n";
        let mut d = doc(text);
        d.published = NaiveDate::from_ymd_opt(2025, 3, 5);
        let (incs, _) = EnglishExtractor::new().extract(&d);
        let i = &incs[0];
        let c = i.affected.as_ref().unwrap();
        assert_eq!(
            (c.value.value, c.value.qualifier),
            (45_000, CountQualifier::AtLeast)
        );
        assert_eq!(i.attacker.as_ref().map(|a| a.value.as_str()), Some("Play"));
        assert_eq!(
            i.date(DateKind::Disclosed),
            NaiveDate::from_ymd_opt(2025, 3, 4)
        );
        // An everyday word is no group name outside quotes or group context.
        assert!(english_threat_actor("Children play outside.").is_none());
    }

    #[test]
    fn english_news_subject_without_a_legal_form() {
        let text = "Hanamizu Cosmetics said on May 2 that personal data of about 8,000 customers may have been exposed after unauthorized access to its online store.\n";
        let (incs, _) = EnglishExtractor::new().extract(&doc(text));
        assert_eq!(incs[0].organization.value, "Hanamizu Cosmetics");
        let none = "The police said on May 2 that a man was arrested.\n";
        assert!(EnglishExtractor::new().extract(&doc(none)).0.is_empty());
    }

    #[test]
    fn english_misdelivery_and_iso_dates() {
        let text = "Apology\nRiver Tech Inc. announced that an e-mail listing more than 300 customers was sent to the wrong recipient on 2023-11-02.\n";
        let (incs, _) = EnglishExtractor::new().extract(&doc(text));
        assert_eq!(incs[0].organization.value, "River Tech Inc.");
        assert_eq!(incs[0].cause_value(), Cause::Misdelivery);
        let c = incs[0].affected.as_ref().unwrap();
        assert_eq!(
            (c.value.value, c.value.qualifier),
            (300, CountQualifier::AtLeast)
        );
    }

    #[test]
    fn english_without_incident_is_empty() {
        let text = "Annual report\nRiver Tech Inc. reports growing sales in all regions.\n";
        assert!(EnglishExtractor::new().extract(&doc(text)).0.is_empty());
    }
}
