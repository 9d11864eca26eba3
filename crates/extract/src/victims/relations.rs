//! Owns the structural pass before victims are chosen: relations between entities (a
//! subsidiary in its parent's announcement, clients whose data a contractor held, a contractor
//! named by its client), the issuer of a first-person release, and warnings about
//! impersonation that report no incident.

use super::*;
use crate::lexicon::{is_authority, is_school_board, mark};
use crate::org::OrgKind;
use crate::scan::DocScan;

/// First-person words a release defines its issuer as.
pub(crate) const SELF_WORDS: &[&str] = &[
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
pub(crate) fn defined_as_self(scan: &DocScan, entities: &[Entity]) -> Option<usize> {
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

/// `親会社は3日、子会社の○○が運営するサイトが不正アクセスを受け…と発表した`: the subsidiary
/// that stands in the incident clause is the victim; the announcing parent becomes related.
pub(crate) fn subsidiary_reported_by_parent(scan: &DocScan, entities: &mut [Entity]) {
    for e in 0..entities.len() {
        if entities[e].relation_hint != Some("子会社") {
            continue;
        }
        let hit = entities[e].mentions.iter().find_map(|&mi| {
            let m = &scan.mentions[mi];
            let s = scan.mention_sentence[mi];
            let role = mention_role(scan, m);
            // `当社の連結子会社であるA(以下…)およびBにおいて…`: named as the issuer's own
            // subsidiary in the incident sentence, whatever its role.
            (scan.has(s, mark::INCIDENT)
                && (matches!(role, Role::Subject | Role::Target | Role::Possessive)
                    || own_subsidiary_phrase(scan, s, m.start)))
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
        let own_subsidiary = || own_subsidiary_phrase(scan, s, pos);
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

/// Whether sentence `s` speaks, before `pos`, of the issuer's own group (`当社の連結子会社で
/// ある…`).
fn own_subsidiary_phrase(scan: &DocScan, s: usize, pos: usize) -> bool {
    // The phrase stands near the name; a long sentence is read 400 bytes back at most.
    let st = scan.layout.sentences[s].start;
    let window = crate::text::window_before(scan.text, pos, 400);
    let before = if pos - window.len() >= st {
        window
    } else {
        scan.text.get(st..pos).unwrap_or("")
    };
    [
        "当社の",
        "弊社の",
        "当社グループの",
        "当社連結子会社",
        "当社子会社",
    ]
    .iter()
    .any(|w| before.contains(w))
}

/// `委託元から預かっていたデータのうち、○○市の…データ約9万件、△△株式会社の…`: organisations
/// whose data a contractor held are its clients (data owners), not victims of their own.
pub(crate) fn clients_of_a_contractor(scan: &DocScan, entities: &mut [Entity]) {
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

/// Whether the name ending at `end` is followed by what it provides (`株式会社A(以下「A社」
/// といいます。)が提供するサービスが…不正アクセスを受け`): a vendor of the writer's
/// service, which the writer names as its contractor.
fn provides_the_service(text: &str, end: usize) -> bool {
    const PROVIDES: &[&str] = &[
        "が提供する",
        "の提供する",
        "が提供している",
        "が提供していた",
        "が提供しております",
        "が開発・提供する",
        "が開発した",
    ];
    text_after_name(text, end).is_some_and(|after| PROVIDES.iter().any(|w| after.starts_with(w)))
}

/// The text after the name ending at `end`, past a `社` and one parenthetical (`(以下「A社」と
/// いいます。)`); None when the parenthetical does not close.
fn text_after_name(text: &str, end: usize) -> Option<&str> {
    let after = crate::text::window_after(text, end, 200);
    let after = after.strip_prefix('社').unwrap_or(after);
    match after.strip_prefix('(') {
        Some(rest) => rest.find(')').map(|close| &rest[close + 1..]),
        None => Some(after),
    }
}

/// Whether the name between `lead` and `end` is the vendor of something the writer used
/// (`当社が利用していた株式会社A(以下「A社」)の入力支援サービスが…改ざんされ`): the vendor
/// is the writer's contractor.
fn vendor_of_a_used_service(text: &str, lead: &str, end: usize) -> bool {
    // `…に利用しております決済代行会社、株式会社A(以下「A社」)のシステムが`: a vendor's
    // role noun stands before the name.
    const VENDOR_ROLES: &[&str] = &[
        "決済代行会社",
        "決済代行業者",
        "決済代行事業者",
        "決済サービス会社",
        "システム会社",
        "システム開発会社",
        "保守会社",
        "保守業者",
        "運用会社",
        "受託事業者",
        "受託業者",
        "委託業者",
        "委託事業者",
    ];
    let role_lead = lead.trim_end_matches(['、', ' ']);
    let role_lead = role_lead.strip_suffix("である").unwrap_or(role_lead);
    const USED: &[&str] = &[
        "利用していた",
        "利用している",
        "利用しておりました",
        "導入していた",
        "導入している",
        "使用していた",
        "使用している",
        "採用していた",
        "採用している",
    ];
    const THINGS: &[&str] = &[
        "サービス",
        "システム",
        "プログラム",
        "ソフト",
        "ツール",
        "モジュール",
        "プラグイン",
        "クラウド",
    ];
    let used = USED.iter().any(|w| lead.ends_with(w))
        || VENDOR_ROLES.iter().any(|w| role_lead.ends_with(w));
    if !used {
        return false;
    }
    let Some(after) = text_after_name(text, end) else {
        return false;
    };
    after.strip_prefix('の').is_some_and(|rest| {
        let head = crate::text::window_after(rest, 0, 30);
        let head = head.split(['、', '。']).next().unwrap_or("");
        THINGS.iter().any(|w| head.contains(w))
    })
}

/// `当社が発送業務を委託している○○がランサムウェア被害に遭い…` / `A市は15日、保守を委託している
/// 株式会社Bが…と発表した`: the contractor named right after the contracting words is the
/// victim, and the client (the issuer, or the subject before it) owns the data.
pub(crate) fn contractors_named_by_their_clients(scan: &DocScan, entities: &mut [Entity]) {
    const CONTRACTED: &[&str] = &[
        "委託している",
        "委託していた",
        "委託先である",
        "委託先の",
        "業務委託先",
        "委託しております",
        "委託先",
    ];
    let owner_of = |c: usize, entities: &[Entity]| -> Option<(usize, usize)> {
        entities[c].mentions.iter().find_map(|&mi| {
            let m = &scan.mentions[mi];
            let s = scan.mention_sentence[mi];
            let st = scan.layout.sentences[s].start;
            let before = scan.text.get(st..m.start).unwrap_or("");
            let lead = before.trim_end_matches([' ', '　']);
            let contracted = matches!(mention_role(scan, m), Role::Subject | Role::Target)
                && CONTRACTED.iter().any(|w| lead.ends_with(w));
            if !scan.has(s, mark::INCIDENT)
                || !(contracted
                    || provides_the_service(scan.text, m.end)
                    || vendor_of_a_used_service(scan.text, lead, m.end))
            {
                return None;
            }
            // (The writer's "we" stands near the contractor; a bounded look-back keeps a
            // long sentence of many names linear.)
            if crate::lexicon::contains_self_reference(crate::text::window_before(
                before,
                before.len(),
                300,
            )) {
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

static PUBLICATION_VOICE: crate::lexicon::WordFile =
    crate::lexicon::WordFile::new(include_str!("../../data/lexicon/publication_voice.txt"));

/// The structural pass before victims are chosen: relations between entities (a subsidiary
/// in its parent's announcement, clients whose data a contractor held, a contractor named by
/// its client) and the issuer of a first-person release (whose brands join it). Records what
/// it finds on the entities; the choice itself is the model's.
pub fn prepare_entities(scan: &DocScan, entities: &mut [Entity]) {
    let title = scan.title_line();
    let any_incident = (0..scan.flags.len()).any(|s| scan.has(s, mark::INCIDENT));
    let self_ref_incident =
        any_incident && (0..scan.flags.len()).any(|s| scan.has(s, mark::SELF_REF));
    let publication_voice = PUBLICATION_VOICE
        .words()
        .iter()
        .any(|w| scan.text.contains(w));
    subsidiary_reported_by_parent(scan, entities);
    clients_of_a_contractor(scan, entities);
    for p in super::operators::operated_facilities(scan, entities) {
        entities[p.facility].operated_by = Some((p.operator, p.operator_mention));
        entities[p.operator].operates_named_facility = true;
    }
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
            // The publisher's credit line is no header: the page's owner only reports.
            if super::roles::credited_mention(scan, mi) {
                continue;
            }
            let strong_kind =
                !matches!(m.kind, OrgKind::Bare | OrgKind::Brand | OrgKind::Government)
                    || board_issuer(&m.name);
            if strong_kind && header_or_signature(scan, line, 12) && issuer_line(scan, line, m)
                || m.kind != OrgKind::Government && closing_signature(scan, m)
            {
                header += 4.0;
                continue;
            }
            if line > 12 {
                continue;
            }
            let lt = scan.layout.line_text(scan.text, line);
            let short = crate::text::names_little_else(lt, &m.name);
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
                        // (A broadcaster's or paper's masthead, `○○テレビ NEWS`, issues no
                        // release: it reports.)
                        && !super::features::is_media_name(&m.name)
                        && header_or_signature(scan, line, 8)
                        && issuer_line(scan, line, m)
                })
        });
    // `日本赤十字社(以下「当社」)`: the organisation the document defines as itself speaks.
    if let Some(ei) = defined_as_self(scan, entities) {
        entities[ei].issuer = true;
        // A name the document defines as itself is an organisation's, whatever its shape
        // (`朝霧書房社(以下「当社」)`): it is weighed as a body's name, not as a bare run.
        for (_, kind) in entities[ei].names.iter_mut() {
            if *kind == OrgKind::Bare {
                *kind = OrgKind::CorporateSuffix;
            }
        }
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
                    // A paper's or broadcaster's masthead over a page that never speaks of
                    // itself is the publisher of a story, not the issuer of a release.
                    && !publication_voice
                    && (self_ref_incident
                        || !e.names.iter().any(|(n, _)| super::features::is_media_name(n)))
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
    fn a_publication_s_masthead_issues_nothing_even_over_a_quoted_first_person() {
        let body = "\n\n株式会社あかね生命は、委託先のサーバーに不正アクセスがあり、顧客情報が流出した可能性があると発表した。\
            同社は「当社のシステムへの侵入はない」としている。\n";
        let issuers = |text: &str| {
            crate::victims::with_entities(text, |scan, ents, live| {
                live.iter()
                    .filter(|&&i| ents[i].issuer)
                    .map(|&i| ents[i].canonical_name(scan).0)
                    .collect::<Vec<_>>()
            })
        };
        let page = format!("セキュリティ・ウィークリー{body}本誌が取り上げた事案は52本だった。\n");
        assert!(issuers(&page).is_empty(), "{:?}", issuers(&page));
        // Without the publication's own word, the quoted first person makes a header an issuer.
        let page = format!("セキュリティ・ウィークリー{body}");
        assert!(!issuers(&page).is_empty());
    }

    #[test]
    fn the_vendor_of_a_used_service_is_a_contractor() {
        let text = "当社が利用していた株式会社カワセミ(以下「カワセミ社」)の決済支援サービスが改ざんされた。";
        let (a, b) = ("当社が利用していた", "株式会社カワセミ");
        let end = text.find(b).map(|i| i + b.len()).unwrap_or(0);
        assert!(vendor_of_a_used_service(text, a, end));
        // Used, but what follows is no service of it.
        let text = "当社が利用していた株式会社カワセミの社員が書類を紛失した。";
        let end = text.find(b).map(|i| i + b.len()).unwrap_or(0);
        assert!(!vendor_of_a_used_service(text, a, end));
        // A service named without the using words.
        let text = "株式会社カワセミの決済支援サービスが改ざんされた。";
        let end = text.find(b).map(|i| i + b.len()).unwrap_or(0);
        assert!(!vendor_of_a_used_service(text, "", end));
        // A vendor's role noun before the name.
        let text = "寄附に利用しております決済代行会社、株式会社カワセミのシステムが不正アクセスを受けた。";
        let end = text.find(b).map(|i| i + b.len()).unwrap_or(0);
        assert!(vendor_of_a_used_service(
            text,
            "寄附に利用しております決済代行会社、",
            end
        ));
    }
}
