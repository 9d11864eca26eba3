//! Owns the fan-out of a processor's incident to its clients, after the victims are chosen: a
//! business hit by an incident that processed the data of two or more named organisations
//! (`業務を委託していたA市、B町、C村の住民情報が流出した`, a release listing its 委託元) is one
//! incident, and each client is one too (the corpus convention). Reads the scan and the
//! entities only; the relations it records are written into incidents by the pipeline.

use super::{mention_role, Entity, Role};
use crate::lexicon::{is_authority, WordFile};
use crate::org::OrgKind;
use crate::scan::DocScan;
use leakwatch_model::RelationRole;

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

/// A bare name of kanji alone (`不正`, `上下水道局`) is far more often a word or a public
/// bureau than a business that processes others' data.
fn kanji_only(e: &Entity) -> bool {
    e.names
        .iter()
        .all(|(n, _)| n.chars().all(crate::text::is_kanji))
}

/// Whether `text` holds an outsourcing word.
fn speaks_of_outsourcing(text: &str) -> bool {
    OUTSOURCING_WORDS.words().iter().any(|w| text.contains(w))
}

/// The clause that follows a mention, up to the next 、 or 。.
fn clause_after<'t>(scan: &DocScan<'t>, m: &crate::org::OrgMention) -> &'t str {
    let after = crate::text::window_after(scan.text, m.end, 120);
    after.split(['、', '。']).next().unwrap_or("")
}

/// The clients of processor `p` among the `live` entities: organisations other than `p` with
/// a mention in a sentence that speaks of outsourcing (or follows one closely) where `p` is
/// named too or `p` is the document's issuer; a place that only locates (`本社・青葉市`) is no
/// client, nor is a bare or brand name the model did not choose.
/// `outsourcing[s]`: whether sentence `s` holds an outsourcing word.
fn clients_of(
    scan: &DocScan,
    entities: &[Entity],
    live: &[usize],
    victims: &[usize],
    outsourcing: &[bool],
    p: usize,
) -> Vec<usize> {
    let p_sentences: Vec<usize> = entities[p]
        .mentions
        .iter()
        .map(|&m| scan.mention_sentence[m])
        .collect();
    if p_sentences.is_empty() {
        return Vec::new();
    }
    // A release that speaks as the processor lists its clients under a heading; elsewhere
    // the outsourcing words stand in the client's sentence or the one before it.
    let reach = if entities[p].issuer { REACH } else { 2 };
    // In the processor's own release, a section (`■影響を受けたお客様`) that speaks of its
    // service's users lists them below, however long the list.
    let section_start = |s: usize| {
        let line = scan.line_of(s);
        (0..=line)
            .rev()
            .find(|&l| {
                scan.layout
                    .line_text(scan.text, l)
                    .trim_start()
                    .starts_with(crate::segment::HEADING_MARKS)
            })
            .map_or(s, |l| scan.layout.line_sentences[l].0)
    };
    let outsourcing_near = |s: usize| {
        outsourcing[s.saturating_sub(reach)..=s].contains(&true)
            || entities[p].issuer && outsourcing[section_start(s).min(s)..=s].contains(&true)
    };
    // Another business named between the processor and the client's sentence (a digest's
    // next item) claims the client instead; a bare word the model did not choose
    // (`有効期限`) is none.
    let named_between = |t: usize, s: usize| {
        live.iter().any(|&o| {
            o != p
                && is_business(&entities[o])
                && (victims.contains(&o) || !bare_only(&entities[o]))
                && entities[o].mentions.iter().any(|&m| {
                    let u = scan.mention_sentence[m];
                    t < u && u < s
                })
        })
    };
    let near_p = |s: usize| {
        entities[p].issuer
            || p_sentences
                .iter()
                .any(|&t| t <= s && s - t <= REACH && !named_between(t, s))
    };
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
                && !e.only_locates_named_municipalities(scan)
                && e.mentions.iter().any(|&m| {
                    let s = scan.mention_sentence[m];
                    near_p(s)
                        && outsourcing_near(s)
                        && !locates(scan, &scan.mentions[m])
                        && !aside(scan, &scan.mentions[m])
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

/// Whether a mention is a place that locates another organisation rather than a client
/// (`本社・青葉市`, `(東京都港区)`, `青葉市在住の`).
fn locates(scan: &DocScan, m: &crate::org::OrgMention) -> bool {
    m.kind == OrgKind::Municipality && mention_role(scan, m) == Role::Bystander
        || in_parentheses(scan, m)
}

/// Whether a mention stands aside (`A社などに比べると`) unless its own clause goes on to
/// outsource (`A社なども業務を委託しており`).
fn aside(scan: &DocScan, m: &crate::org::OrgMention) -> bool {
    mention_role(scan, m) == Role::Bystander && !speaks_of_outsourcing(clause_after(scan, m))
}

/// Whether a mention stands inside a parenthesised note (`株式会社A(東京都港区)`): a place
/// that locates the organisation before it, its prefecture perhaps first (`(柚ノ木県藤ヶ瀬市)`).
fn in_parentheses(scan: &DocScan, m: &crate::org::OrgMention) -> bool {
    let before = crate::text::window_before(scan.text, m.start, 24);
    let after = crate::text::window_after(scan.text, m.end, 24);
    let opened = before
        .rfind('(')
        .is_some_and(|i| !before[i..].contains(')'));
    let closed = after.find(')').is_some_and(|i| !after[..i].contains('('));
    opened && closed
}

/// Whether the organisation is named as one that outsources (`A社なども業務を委託しており`,
/// `B市は…を委託していた`): its clause goes on to the outsourcing verb, and not as the one
/// outsourced to (`Cに委託していた`).
fn named_as_client(scan: &DocScan, e: &Entity) -> bool {
    e.mentions.iter().any(|&m| {
        let clause = clause_after(scan, &scan.mentions[m]);
        (clause.contains("委託して") || clause.contains("業務を委託"))
            && !clause.starts_with(['に', 'へ'])
    })
}

/// Whether the organisation is itself hit in an incident sentence: its systems (`「A」のサーバーが
/// …感染`), or it as subject or target (`Aが不正アクセスを受け`, `Aに不正アクセス`).
fn hit_itself(scan: &DocScan, e: &Entity) -> bool {
    e.mentions.iter().any(|&m| {
        scan.has(scan.mention_sentence[m], crate::lexicon::mark::INCIDENT)
            && matches!(
                mention_role(scan, &scan.mentions[m]),
                Role::Possessive | Role::Subject | Role::Target
            )
    })
}

/// Whether a mention is introduced as a company (`会社「A」`): a business though its name
/// carries no legal form.
fn introduced_as_company(scan: &DocScan, e: &Entity) -> bool {
    e.mentions
        .iter()
        .any(|&m| crate::org::introduced_as_company(scan.text, scan.mentions[m].start))
}

/// Whether the organisation is named as the parent of the one hit (`東京ガスの子会社「…」`;
/// the parent words of `data/lexicon/relation_words.txt`).
fn named_as_parent(scan: &DocScan, e: &Entity) -> bool {
    e.mentions.iter().all(|&m| {
        let after = crate::text::window_after(scan.text, scan.mentions[m].end, 180);
        crate::actors::role_from_words_around("", after) == Some(RelationRole::Parent)
    })
}

/// Adds a processor and its clients to the victims when a business among the entities
/// processed the data of two or more named clients and either it or two of its clients were
/// chosen, or it was hit itself for a chosen victim that outsourced to it; records the relation
/// on both sides (`contractor_named` on the processor,
/// `委託元` on each client). Returns the processor fanned out, if any.
pub fn fan_out_to_clients(
    scan: &DocScan,
    entities: &mut [Entity],
    live: &[usize],
    victims: &mut Vec<usize>,
) -> Option<usize> {
    let outsourcing: Vec<bool> = (0..scan.layout.sentences.len())
        .map(|s| speaks_of_outsourcing(scan.sentence_text(s)))
        .collect();
    // Most documents speak of no outsourcing at all.
    if !outsourcing.contains(&true) {
        return None;
    }
    // A chosen victim that outsourced (`総務省が業務を委託していた会社`): a business hit itself
    // may be the one it outsourced to, though the model did not choose it.
    let chosen_outsourcer = victims.iter().any(|&v| named_as_client(scan, &entities[v]));
    let mut candidates: Vec<(usize, Vec<usize>)> = Vec::new();
    for &p in live {
        // A bare name is a business only when the model chose it, or when it is introduced
        // as a company and a chosen victim outsourced (`委託していた会社「A」`).
        let named_business = victims.contains(&p) && !kanji_only(&entities[p])
            || chosen_outsourcer && introduced_as_company(scan, &entities[p]);
        if !is_business(&entities[p])
            || entities[p].relation_hint.is_some()
            || bare_only(&entities[p]) && !named_business
            || named_as_parent(scan, &entities[p])
            || named_as_client(scan, &entities[p])
        {
            continue;
        }
        let clients = clients_of(scan, entities, live, victims, &outsourcing, p);
        let chosen = clients.iter().filter(|c| victims.contains(c)).count();
        let hit_for_a_chosen_client = chosen_outsourcer && hit_itself(scan, &entities[p]);
        if clients.len() >= 2 && (victims.contains(&p) || chosen >= 2 || hit_for_a_chosen_client) {
            candidates.push((p, clients));
        }
    }
    // Of several candidates (a digest's items follow each other), one that another candidate
    // counts among its clients, without being counted among its own, is that one's client;
    // then the one with the most clients.
    let dominated = |p: usize, clients: &[usize]| {
        candidates
            .iter()
            .any(|(o, oc)| *o != p && oc.contains(&p) && !clients.contains(o))
    };
    let (p, clients) = candidates
        .iter()
        .filter(|(p, c)| !dominated(*p, c))
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(&a.0)))
        .map(|(p, c)| (*p, c.clone()))?;
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
    use crate::victims::with_entities;

    /// Runs the fan-out on `text` as if the model had chosen `chosen`: the victims after it
    /// (by canonical name, sorted) and the processor it found.
    fn run(text: &str, chosen: &[&str]) -> (Vec<String>, Option<String>) {
        with_entities(text, |scan, ents, live| {
            let name = |i: usize, ents: &[Entity]| ents[i].canonical_name(scan).0;
            let mut victims: Vec<usize> = live
                .iter()
                .copied()
                .filter(|&i| chosen.contains(&name(i, ents).as_str()))
                .collect();
            assert_eq!(victims.len(), chosen.len(), "chosen names not all found");
            let p = fan_out_to_clients(scan, ents, live, &mut victims);
            let mut names: Vec<String> = victims.iter().map(|&i| name(i, ents)).collect();
            names.sort();
            (names, p.map(|p| name(p, ents)))
        })
    }

    /// The victims after the fan-out when the model chose `chosen`, by canonical name.
    fn fan_out(text: &str, chosen: &[&str]) -> Vec<String> {
        run(text, chosen).0
    }

    /// The processor the fan-out finds when the model chose `chosen`.
    fn processor(text: &str, chosen: &[&str]) -> Option<String> {
        run(text, chosen).1
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
    fn the_bodies_using_a_hosted_service_are_its_clients() {
        let text =
            "株式会社みさき工房\n当社が提供する予約受付サービスのサーバーが不正アクセスを受け、\
                    ご利用団体様からお預かりしていた個人情報が流出しました。\n\
                    ご利用団体　対象件数\n緑川市　1,284件\n株式会社山吹ガス　約2万3,000件\n";
        let got = fan_out(text, &["株式会社みさき工房"]);
        for n in ["緑川市", "株式会社山吹ガス"] {
            assert!(got.iter().any(|g| g == n), "{n} missing from {got:?}");
        }
    }

    #[test]
    fn the_businesses_using_a_service_that_news_names_are_its_clients() {
        let text = "株式会社みさき工房は26日、予約管理サービスの保存領域が公開設定になっていたと発表した。\n\
                    利用事業者のうち、ホテルを運営する株式会社山吹リゾートは、21日に株式会社みさき工房から連絡を受け、\
                    宿泊予約者約1万1千件が含まれていたと公表した。\n\
                    歯科医院を運営する医療法人社団こずえ会も、同じく連絡を受け、患者約2,400人分が含まれていたとした。\n";
        let got = fan_out(text, &["株式会社みさき工房"]);
        for n in ["株式会社山吹リゾート", "医療法人社団こずえ会"] {
            assert!(got.iter().any(|g| g == n), "{n} missing from {got:?}");
        }
    }

    #[test]
    fn the_users_listed_in_a_section_of_the_processor_s_release_are_its_clients() {
        let text = "株式会社みさき工房\n当社が提供する予約サービスのバックアップが外部から閲覧可能な状態となっておりました。\n\
                    ■影響を受けたお客様\n\
                    本件の対象は「みさき予約」をご利用の15団体・企業で、合計約1万件です。\n\
                    公表についてご了承をいただいた団体・企業は以下のとおりです。\n\
                    緑川市(施設予約)　4,218件\n氏名、電話番号、メールアドレス\n\
                    一般社団法人白浜観光協会(ツアー予約)　1,036件\n氏名、生年月日、電話番号\n\
                    株式会社山吹不動産(内見予約)　612件\n氏名、電話番号、希望物件\n\
                    ■再発防止策\n設定を2名で確認します。\n";
        let got = fan_out(text, &["株式会社みさき工房"]);
        for n in ["緑川市", "一般社団法人白浜観光協会", "株式会社山吹不動産"]
        {
            assert!(got.iter().any(|g| g == n), "{n} missing from {got:?}");
        }
    }

    #[test]
    fn the_place_in_brackets_after_the_processor_is_no_client() {
        let text = "自治体や企業から通知書の印刷・発送を請け負う株式会社若葉プリント(沖波ノ森県桐生台市)は、\
                    社内のサーバーが不正アクセスを受け、委託元の白浜町と桐生台ガス株式会社から預かっていた\
                    個人情報、合計約1万2,000件が流出した恐れがあると明らかにした。";
        let got = fan_out(text, &["株式会社若葉プリント"]);
        assert!(!got.iter().any(|g| g == "桐生台市"), "{got:?}");
        assert!(got.iter().any(|g| g == "白浜町"), "{got:?}");
    }

    #[test]
    fn a_service_providers_clients_named_two_sentences_on_fan_out() {
        let text = "決済代行の株式会社青葉ペイは3日、同社のサービスを利用する通販サイト2社の\
                    カード情報が流出した可能性があると発表した。有効期限も含まれるという。\
                    流出した可能性があるのは、株式会社緑川書店の約300件、株式会社白浜雑貨の約200件。";
        let got = fan_out(text, &["株式会社青葉ペイ"]);
        for n in ["株式会社緑川書店", "株式会社白浜雑貨"] {
            assert!(got.iter().any(|g| g == n), "{n} missing from {got:?}");
        }
    }

    #[test]
    fn a_company_hit_for_the_chosen_client_brings_its_other_named_clients() {
        // News that names the ministry that outsourced, the company whose server was hit
        // (introduced only as 会社「…」) and the municipalities that announced.
        let text = "経済産業省が調査業務を委託していた会社「ミドリ総研」のサーバーが\
                    ランサムウェアに感染し、個人情報が流出した可能性があることが分かりました。\
                    ミドリ総研によりますと、ほかにも自治体から委託された業務の情報が流出した\
                    可能性があるということです。\
                    この問題では、青森県の緑川市や東京都の白浜区が情報流出の可能性を公表しています。";
        let got = fan_out(text, &["経済産業省"]);
        assert_eq!(
            got,
            ["ミドリ総研", "白浜区", "経済産業省", "緑川市"],
            "{got:?}"
        );
        assert_eq!(
            processor(text, &["経済産業省"]).as_deref(),
            Some("ミドリ総研")
        );
        // The ministry alone, with nobody saying it outsourced, brings no company.
        let plain = text.replace("が調査業務を委託していた", "が所管する");
        assert_eq!(fan_out(&plain, &["経済産業省"]), ["経済産業省"]);
    }

    #[test]
    fn two_chosen_clients_bring_their_processor() {
        let text = "緑川市と白浜町は5日、業務を委託している株式会社青葉印刷のサーバーが\
                    不正アクセスを受け、住民の氏名や住所が流出した可能性があると発表した。";
        let got = fan_out(text, &["緑川市", "白浜町"]);
        assert!(got.iter().any(|g| g == "株式会社青葉印刷"), "{got:?}");
    }

    #[test]
    fn an_organisation_that_outsources_is_no_processor() {
        // The business that outsourced to the one hit is its client, not a processor.
        let text = "青葉チケット株式会社は3日、不正アクセスを受けたと発表した。\
                    株式会社緑川興業や株式会社白浜放送なども業務を委託しており、\
                    これら委託元の情報も流出した恐れがある。";
        let got = fan_out(text, &["青葉チケット株式会社"]);
        assert!(got.iter().any(|g| g == "株式会社緑川興業"), "{got:?}");
        assert!(got.iter().any(|g| g == "株式会社白浜放送"), "{got:?}");
        assert_eq!(
            processor(text, &["株式会社緑川興業", "株式会社白浜放送"]).as_deref(),
            Some("青葉チケット株式会社")
        );
    }

    #[test]
    fn in_a_digest_the_clients_belong_to_the_item_just_before() {
        let text = "今週の情報漏えい\n■青葉商事株式会社\n青葉商事株式会社は3日、不正アクセスを受けたと発表した。\n\
                    ■緑川チケット株式会社\n緑川チケット株式会社は4日、不正アクセスを受けたと発表した。\
                    なお、株式会社白浜興業や株式会社山吹放送なども業務を委託しており、これら委託元の情報も\
                    流出した。\n";
        assert_eq!(
            processor(text, &["青葉商事株式会社", "緑川チケット株式会社"]).as_deref(),
            Some("緑川チケット株式会社")
        );
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
