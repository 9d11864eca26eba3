//! Owns the fan-out of a processor's incident to its clients, after the victims are chosen: a
//! business hit by an incident that processed the data of two or more named organisations
//! (`業務を委託していたA市、B町、C村の住民情報が流出した`, a release listing its 委託元) is one
//! incident, and each client is one too (the corpus convention). Reads the scan and the
//! entities only; the relations it records are written into incidents by the pipeline.

use super::{mention_role, Entity, Role};
use crate::lexicon::{is_authority, WordFile};
use crate::org::OrgKind;
use crate::scan::DocScan;

static OUTSOURCING_WORDS: WordFile =
    WordFile::new(include_str!("../../data/lexicon/outsourcing_words.txt"));

/// How many sentences before a client's mention an outsourcing word may stand (a heading
/// `委託元様と情報` over the listed clients).
const REACH: usize = 3;

/// Endings of a public body's bureau named without its city (`上下水道局`, `税務課`).
const PUBLIC_ENDINGS: &[&str] = &["局", "庁", "省", "課", "署", "委員会"];

/// Whether an entity can be a processor: a business, not a public body, school or hospital.
fn is_business(e: &Entity) -> bool {
    !e.names.is_empty()
        && e.names.iter().all(|(n, k)| {
            !matches!(
                k,
                OrgKind::Municipality
                    | OrgKind::Government
                    | OrgKind::MunicipalFacility
                    | OrgKind::University
                    | OrgKind::Hospital
            ) && !is_authority(n)
                && !crate::org::police_name(n)
                && !PUBLIC_ENDINGS.iter().any(|w| n.ends_with(w))
        })
}

/// Names found only by their position or as a brand (`印刷・発送業務`, `痕跡`): a client
/// must be named as an organisation unless the model chose it already.
fn bare_only(e: &Entity) -> bool {
    e.names
        .iter()
        .all(|(_, k)| matches!(k, OrgKind::Bare | OrgKind::Brand))
}

/// Whether sentence `s` or one of the `REACH` sentences before it speaks of outsourcing.
fn outsourcing_near(scan: &DocScan, s: usize) -> bool {
    (s.saturating_sub(REACH)..=s).any(|t| {
        let text = scan.sentence_text(t);
        OUTSOURCING_WORDS.words().iter().any(|w| text.contains(w))
    })
}

/// The clients of processor `p` among the `live` entities: organisations other than `p` with
/// a mention in a sentence that speaks of outsourcing (or follows one closely) where `p` is
/// named too or `p` is the document's issuer; a place that only locates (`本社・青葉市`) is no
/// client, nor is a bare or brand name the model did not choose.
fn clients_of(
    scan: &DocScan,
    entities: &[Entity],
    live: &[usize],
    victims: &[usize],
    p: usize,
) -> Vec<usize> {
    let p_sentences: Vec<usize> = entities[p]
        .mentions
        .iter()
        .map(|&m| scan.mention_sentence[m])
        .collect();
    let near_p =
        |s: usize| entities[p].issuer || p_sentences.iter().any(|&t| t <= s && s - t <= REACH);
    let found: Vec<usize> = live
        .iter()
        .copied()
        .filter(|&c| {
            let e = &entities[c];
            c != p
                && !e.is_report_recipient()
                && !e.is_description()
                && !e
                    .names
                    .iter()
                    .any(|(n, _)| is_authority(n) || crate::org::police_name(n))
                && (victims.contains(&c) || !bare_only(e))
                && e.mentions.iter().any(|&m| {
                    let s = scan.mention_sentence[m];
                    !p_sentences.is_empty()
                        && near_p(s)
                        && outsourcing_near(scan, s)
                        && mention_role(scan, &scan.mentions[m]) != Role::Bystander
                        && !in_parentheses(scan, &scan.mentions[m])
                })
        })
        .collect();
    // `郡山市` beside `郡山市上下水道局`: a body and its bureau are one client.
    let within = |a: usize, b: usize| {
        entities[a].names.iter().all(|(n, _)| {
            entities[b]
                .names
                .iter()
                .any(|(o, _)| o.len() > n.len() && o.starts_with(n.as_str()))
        })
    };
    found
        .iter()
        .copied()
        .filter(|&c| !found.iter().any(|&o| o != c && within(c, o)))
        .collect()
}

/// Whether a mention stands inside a parenthesised note (`株式会社A(東京都港区)`): a place
/// that locates the organisation before it.
fn in_parentheses(scan: &DocScan, m: &crate::org::OrgMention) -> bool {
    let before = crate::text::window_before(scan.text, m.start, 12);
    let after = crate::text::window_after(scan.text, m.end, 12);
    let opened = before
        .rfind('(')
        .is_some_and(|i| !before[i..].contains(')'));
    let closed = after.find(')').is_some_and(|i| !after[..i].contains('('));
    opened && closed
}

/// Whether the organisation is named as the parent of the one hit (`東京ガスの子会社「…」`).
fn named_as_parent(scan: &DocScan, e: &Entity) -> bool {
    e.mentions.iter().all(|&m| {
        let after = scan.text.get(scan.mentions[m].end..).unwrap_or("");
        ["の子会社", "のグループ会社", "傘下の"]
            .iter()
            .any(|w| after.starts_with(w))
    })
}

/// Adds a processor and its clients to the victims when a business among the entities
/// processed the data of two or more named clients and either it or two of its clients were
/// chosen; records the relation on both sides (`contractor_named` on the processor,
/// `委託元` on each client). Returns the processor fanned out, if any.
pub fn fan_out_to_clients(
    scan: &DocScan,
    entities: &mut [Entity],
    live: &[usize],
    victims: &mut Vec<usize>,
) -> Option<usize> {
    let mut best: Option<(usize, Vec<usize>)> = None;
    for &p in live {
        if !is_business(&entities[p])
            || entities[p].relation_hint.is_some()
            || !victims.contains(&p) && bare_only(&entities[p])
            || named_as_parent(scan, &entities[p])
        {
            continue;
        }
        let clients = clients_of(scan, entities, live, victims, p);
        let chosen = clients.iter().filter(|c| victims.contains(c)).count();
        if clients.len() < 2 || !(victims.contains(&p) || chosen >= 2) {
            continue;
        }
        if best.as_ref().is_none_or(|(_, b)| clients.len() > b.len()) {
            best = Some((p, clients));
        }
    }
    let (p, clients) = best?;
    if !victims.contains(&p) {
        victims.push(p);
    }
    entities[p].contractor_named = true;
    entities[p].reasons.push(format!(
        "processed the data of {} named clients",
        clients.len()
    ));
    for c in clients {
        if !victims.contains(&c) {
            victims.push(c);
        }
        entities[c].relation_hint = Some("委託元");
        entities[c]
            .reasons
            .push("a client of the processor hit (委託元)".into());
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;
    use crate::org::OrgFinder;
    use crate::victims::{group_entities, prepare_entities};

    /// The victims after the fan-out when the model chose `chosen`, by canonical name.
    fn fan_out(text: &str, chosen: &[&str]) -> Vec<String> {
        let lex = Lexicons::new();
        let orgs = OrgFinder::new();
        let scan = DocScan::new(text, &lex, &orgs);
        let mut ents = group_entities(&scan);
        prepare_entities(&scan, &mut ents);
        let live: Vec<usize> = (0..ents.len())
            .filter(|&i| !ents[i].mentions.is_empty())
            .collect();
        let name = |i: usize, ents: &[Entity]| ents[i].canonical_name(&scan).0;
        let mut victims: Vec<usize> = live
            .iter()
            .copied()
            .filter(|&i| chosen.contains(&name(i, &ents).as_str()))
            .collect();
        assert_eq!(victims.len(), chosen.len(), "chosen names not all found");
        fan_out_to_clients(&scan, &mut ents, &live, &mut victims);
        let mut names: Vec<String> = victims.iter().map(|&i| name(i, &ents)).collect();
        names.sort();
        names
    }

    #[test]
    fn a_processor_with_named_clients_fans_out() {
        let text = "青葉データサービス株式会社は3日、ランサムウェア攻撃を受け、業務を委託していた\
                    緑川市、白浜町、株式会社山吹ガスの顧客情報が流出した恐れがあると発表した。";
        let got = fan_out(text, &["青葉データサービス株式会社"]);
        for n in [
            "緑川市",
            "白浜町",
            "株式会社山吹ガス",
            "青葉データサービス株式会社",
        ] {
            assert!(got.iter().any(|g| g == n), "{n} missing from {got:?}");
        }
    }

    #[test]
    fn two_chosen_clients_bring_their_processor() {
        let text = "緑川市と白浜町は5日、業務を委託している株式会社青葉印刷のサーバーが\
                    不正アクセスを受け、住民の氏名や住所が流出した可能性があると発表した。";
        let got = fan_out(text, &["緑川市", "白浜町"]);
        assert!(got.iter().any(|g| g == "株式会社青葉印刷"), "{got:?}");
    }

    #[test]
    fn one_client_or_a_place_in_parentheses_is_no_fan_out() {
        // One client only: the client's incident stands alone (processor as related).
        let text = "株式会社青葉印刷(緑川市)は3日、ランサムウェア攻撃を受け、業務を委託していた\
                    株式会社山吹ガスの顧客情報が流出した恐れがあると発表した。";
        let got = fan_out(text, &["株式会社青葉印刷"]);
        assert_eq!(got, vec!["株式会社青葉印刷".to_string()]);
        // Without outsourcing words, organisations named together are not clients.
        let text = "株式会社青葉印刷は3日、ランサムウェア攻撃を受けたと発表した。\
                    緑川市や白浜町でも同様の被害が出ている。";
        let got = fan_out(text, &["株式会社青葉印刷"]);
        assert_eq!(got, vec!["株式会社青葉印刷".to_string()]);
    }
}
