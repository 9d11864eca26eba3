//! The conformance story every backend must tell the same way (run by `tests/conformance.rs`
//! against SQLite and, given `LEAKWATCH_TEST_POSTGRES`, PostgreSQL). Cross-document resolution
//! with the real resolve stage and hand-built candidates (so these stories do not depend on
//! extractor quality): a first report and its
//! 第2報, one victim with two incidents years apart, brand vs operator names, a roundup citing
//! known incidents, supply-chain links, analyst corrections/merge/split, and re-extraction.

// The stories were written against an owned store; `&mut s` on the borrowed one reads the same.
#![allow(clippy::needless_borrow)]

use chrono::NaiveDate;
use leakwatch_model::{
    AffectedCount, CandidateIncident, Cause, Correction, CountQualifier, DataType, DateKind,
    DatedEvent, DocId, Document, Extraction, Field, IncidentFilter, IncidentId, Language,
    ListPosition, MediaType, Origin, RelatedOrg, RelationRole,
};
use leakwatch_resolve::Resolver;
use leakwatch_store::watch::*;
use leakwatch_store::{SqlStore, Store};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn doc(id: &str, published: &str) -> Document {
    Document {
        id: DocId::from(id),
        origin: Origin::File {
            path: format!("{id}.txt").into(),
        },
        media_type: MediaType::Text,
        encoding: "UTF-8".into(),
        title: Some(format!("{id} のお知らせ")),
        published: Some(date(published)),
        language: Language::Ja,
        text: format!("{id} 本文"),
        content_hash: format!("hash-{id}"),
    }
}

fn f<T>(v: T) -> Field<T> {
    Field::new(v, 0.9, "test", None)
}

fn cand(org: &str, aliases: &[&str], cause: Cause) -> CandidateIncident {
    let mut c = CandidateIncident::new(f(org.to_string()));
    c.aliases = aliases.iter().map(|a| f(a.to_string())).collect();
    c.cause = Some(f(cause));
    c
}

fn with_count(
    mut c: CandidateIncident,
    n: u64,
    q: CountQualifier,
    unit: &str,
) -> CandidateIncident {
    c.affected = Some(f(AffectedCount {
        value: n,
        qualifier: q,
        unit: unit.into(),
    }));
    c
}

fn with_date(mut c: CandidateIncident, kind: DateKind, d: &str) -> CandidateIncident {
    c.dates.push(f(DatedEvent {
        kind,
        date: date(d),
    }));
    c
}

fn extraction(d: &Document, incidents: Vec<CandidateIncident>) -> Extraction {
    Extraction {
        doc_id: d.id.clone(),
        language: Language::Ja,
        published: d.published,
        extractor_version: "test".into(),
        incidents,
        trace: vec![],
    }
}

fn ingest(
    store: &mut SqlStore,
    d: &Document,
    incidents: Vec<CandidateIncident>,
) -> leakwatch_store::IngestOutcome {
    store
        .ingest_resolved(d, &extraction(d, incidents), &Resolver)
        .unwrap()
}

fn all(store: &SqlStore) -> usize {
    store
        .list_incidents(&IncidentFilter::default())
        .unwrap()
        .len()
}

pub fn second_report_with_larger_count_merges_into_the_first(store: &mut SqlStore) {
    let mut s = store;
    let first = doc("minato-1", "2025-08-18");
    let out1 = ingest(
        &mut s,
        &first,
        vec![with_date(
            cand("株式会社みなと物流", &[], Cause::Ransomware),
            DateKind::Detected,
            "2025-08-15",
        )],
    );
    let second = doc("minato-2", "2025-09-19");
    let mut c2 = with_count(
        cand("みなと物流", &[], Cause::Ransomware),
        38_600,
        CountQualifier::Approx,
        "名",
    );
    c2.attacker = Some(f("Akira".into()));
    c2.data_types.push(f(DataType::Name));
    let out2 = ingest(&mut s, &second, vec![c2]);
    assert_eq!(out1.created.len(), 1);
    assert!(out2.created.is_empty());
    assert_eq!(out2.merged, out1.created);
    let id = out1.created[0];
    let i = s.incident(id).unwrap();
    assert_eq!(i.organization, "株式会社みなと物流");
    assert_eq!(i.affected.as_ref().map(|a| a.value), Some(38_600));
    assert_eq!(i.attacker.as_deref(), Some("Akira"));
    assert_eq!(i.dates.detected, Some(date("2025-08-15")));
    assert_eq!(i.reported_on, Some(date("2025-08-18")));
    assert_eq!(i.sources.len(), 2);
    assert_eq!(all(&s), 1);
}

/// Several documents in one transaction resolve as if stored one at a time: each sees what
/// the batch's earlier documents changed (the states read for planning are cached within the
/// transaction and an incident a plan wrote to is read again).
pub fn one_batch_resolves_like_documents_one_at_a_time(store: &mut SqlStore) {
    let first = doc("kaze-1", "2025-08-18");
    let second = doc("kaze-2", "2025-09-19");
    let third = doc("kaze-3", "2025-09-26");
    let other = doc("kaze-other", "2025-09-20");
    let c1 = with_date(
        cand("株式会社かぜ運輸", &[], Cause::Ransomware),
        DateKind::Detected,
        "2025-08-15",
    );
    let mut c2 = with_count(
        cand("かぜ運輸", &[], Cause::Ransomware),
        12_400,
        CountQualifier::Approx,
        "名",
    );
    c2.attacker = Some(f("Qilin".into()));
    let mut c3 = cand("かぜ運輸", &[], Cause::Ransomware);
    c3.data_types.push(f(DataType::Address));
    let items = vec![
        (first.clone(), extraction(&first, vec![c1])),
        (second.clone(), extraction(&second, vec![c2])),
        (
            other.clone(),
            extraction(
                &other,
                vec![cand("かぜ製菓株式会社", &[], Cause::Misdelivery)],
            ),
        ),
        (third.clone(), extraction(&third, vec![c3])),
    ];
    let outcomes = store.ingest_resolved_many(&items, &Resolver).unwrap();
    assert_eq!(outcomes.len(), 4);
    let id = outcomes[0].created[0];
    assert_eq!(outcomes[1].merged, vec![id]);
    assert_eq!(outcomes[3].merged, vec![id]);
    assert_eq!(outcomes[2].created.len(), 1);
    let i = store.incident(id).unwrap();
    assert_eq!(i.sources.len(), 3);
    // The third document was planned against the state the second one left.
    assert_eq!(i.affected.as_ref().map(|a| a.value), Some(12_400));
    assert_eq!(i.attacker.as_deref(), Some("Qilin"));
    assert!(i.data_types.contains(&DataType::Address));
    assert_eq!(all(store), 2);
}

pub fn same_company_years_apart_stays_two_incidents(store: &mut SqlStore) {
    let mut s = store;
    ingest(
        &mut s,
        &doc("hinata-2023", "2023-07-06"),
        vec![cand(
            "株式会社日向リビング",
            &["ひなた屋オンラインストア"],
            Cause::Misdelivery,
        )],
    );
    ingest(
        &mut s,
        &doc("hinata-2025", "2025-09-12"),
        vec![cand(
            "株式会社日向リビング",
            &["ひなた屋オンラインストア"],
            Cause::UnauthorizedAccess,
        )],
    );
    assert_eq!(all(&s), 2);
    // …but they are one organisation.
    let orgs = s.organizations().unwrap();
    let hinata: Vec<_> = orgs
        .iter()
        .filter(|o| o.canonical_name.contains("日向"))
        .collect();
    assert_eq!(hinata.len(), 1);
    assert_eq!(hinata[0].incidents, 2);
    assert!(hinata[0]
        .aliases
        .contains(&"ひなた屋オンラインストア".to_string()));
}

pub fn brand_name_report_merges_with_operator_report(store: &mut SqlStore) {
    let mut s = store;
    let out = ingest(
        &mut s,
        &doc("operator", "2025-09-12"),
        vec![cand(
            "株式会社日向リビング",
            &["ひなた屋オンラインストア"],
            Cause::UnauthorizedAccess,
        )],
    );
    let later = ingest(
        &mut s,
        &doc("news", "2025-09-20"),
        vec![with_count(
            cand("ひなた屋オンラインストア", &[], Cause::UnauthorizedAccess),
            4_812,
            CountQualifier::Max,
            "件",
        )],
    );
    assert_eq!(later.merged, out.created);
    let view = s.organization("ひなた屋", &Resolver).unwrap();
    assert_eq!(view.organization.canonical_name, "株式会社日向リビング");
    assert_eq!(view.direct.len(), 1);
}

pub fn roundup_citing_known_incidents_adds_sources_not_incidents(store: &mut SqlStore) {
    let mut s = store;
    let victims = [
        ("株式会社つばさモバイル", Cause::UnauthorizedAccess),
        ("株式会社みなと物流", Cause::Ransomware),
        ("株式会社ソラノテック", Cause::Misconfiguration),
        ("株式会社日向リビング", Cause::UnauthorizedAccess),
        ("青葉市", Cause::Misdelivery),
    ];
    let mut ids = Vec::new();
    for (i, (org, cause)) in victims.iter().enumerate() {
        let out = ingest(
            &mut s,
            &doc(&format!("release-{i}"), "2025-09-10"),
            vec![cand(org, &[], *cause)],
        );
        ids.extend(out.created);
    }
    let roundup = doc("roundup-2025-09", "2025-10-29");
    let out = ingest(
        &mut s,
        &roundup,
        victims
            .iter()
            .map(|(org, cause)| cand(&org.replace("株式会社", ""), &[], *cause))
            .chain(std::iter::once(cand(
                "株式会社しろがね印刷",
                &[],
                Cause::Ransomware,
            )))
            .collect(),
    );
    assert_eq!(out.merged.len(), 5, "{out:?}");
    assert_eq!(out.created.len(), 1);
    for id in &ids {
        assert_eq!(s.incident(*id).unwrap().sources.len(), 2);
    }
    assert_eq!(all(&s), 6);
    // Read together (what a report does), the incidents are the ones read one by one, in
    // the order asked, an id no longer stored left out.
    let mut asked: Vec<IncidentId> = s
        .list_incidents(&IncidentFilter::default())
        .unwrap()
        .iter()
        .map(|i| i.id)
        .rev()
        .collect();
    asked.insert(1, IncidentId(999_999));
    let one_by_one: Vec<_> = asked.iter().filter_map(|id| s.incident(*id).ok()).collect();
    assert_eq!(one_by_one.len(), 6);
    assert_eq!(s.incidents_by_id(&asked).unwrap(), one_by_one);
}

pub fn processor_leak_is_indirect_for_its_clients(store: &mut SqlStore) {
    let mut s = store;
    let mut c = cand("株式会社しろがね印刷", &[], Cause::Ransomware);
    for client in ["北浜ガス株式会社", "青葉市"] {
        c.related.push(f(RelatedOrg {
            name: client.into(),
            role: RelationRole::DataOwner,
        }));
    }
    let out = ingest(&mut s, &doc("shirogane", "2025-10-10"), vec![c]);
    let view = s.organization("北浜ガス", &Resolver).unwrap();
    assert!(view.direct.is_empty());
    assert_eq!(view.indirect.len(), 1);
    assert_eq!(view.indirect[0].incident.id, out.created[0]);
    assert_eq!(view.indirect[0].via_role, RelationRole::Processor);
    assert!(view.indirect[0].via_org.contains("しろがね印刷"));
}

pub fn corrections_merge_and_split_are_audited_and_survive_reextraction(store: &mut SqlStore) {
    let mut s = store;
    let d1 = doc("aoba-1", "2025-09-01");
    let a = ingest(
        &mut s,
        &d1,
        vec![with_count(
            cand("青葉市", &[], Cause::Misdelivery),
            148,
            CountQualifier::Exact,
            "名",
        )],
    )
    .created[0];
    // A different-looking name creates a second incident an analyst knows is the same.
    let d2 = doc("aoba-2", "2025-09-03");
    let b = ingest(&mut s, &d2, vec![cand("あおば市", &[], Cause::Unknown)]).created[0];
    assert_ne!(a, b);

    s.merge_incidents(a, b, "analyst", "same mail incident", &Resolver)
        .unwrap();
    assert_eq!(s.incident(a).unwrap().sources.len(), 2);
    assert!(s.incident(b).is_err());

    let correction = Correction {
        field: "affected_count".into(),
        value: "150".into(),
        author: "analyst".into(),
        at: "2025-09-05T00:00:00Z".into(),
        reason: "city's second release says 150".into(),
    };
    s.correct(a, &correction, &Resolver).unwrap();
    assert_eq!(s.incident(a).unwrap().affected.map(|c| c.value), Some(150));

    // Re-extraction with the same candidates (e.g. an extractor upgrade): ids, the merge and
    // the correction all stay.
    for key in s.document_keys().unwrap() {
        let d = s.stored_document(key).unwrap();
        let again = if d.id.0 == "aoba-1" {
            vec![with_count(
                cand("青葉市", &[], Cause::Misdelivery),
                148,
                CountQualifier::Exact,
                "名",
            )]
        } else {
            vec![cand("あおば市", &[], Cause::Unknown)]
        };
        s.reextract_document(key, &extraction(&d, again), &Resolver)
            .unwrap();
    }
    let i = s.incident(a).unwrap();
    assert_eq!(i.affected.map(|c| c.value), Some(150));
    assert_eq!(i.sources.len(), 2);
    assert_eq!(all(&s), 1);

    // Split the second document back out; it is pinned there through re-extraction.
    let d2_key = i
        .sources
        .iter()
        .find(|s| s.doc_id.0 == "aoba-2")
        .unwrap()
        .document_key;
    let c = s
        .split_source(a, d2_key, "analyst", "different event after all", &Resolver)
        .unwrap();
    assert_eq!(s.incident(a).unwrap().sources.len(), 1);
    assert_eq!(s.incident(c).unwrap().sources.len(), 1);
    let d2 = s.stored_document(d2_key).unwrap();
    let out = s
        .reextract_document(
            d2_key,
            &extraction(&d2, vec![cand("あおば市", &[], Cause::Misdelivery)]),
            &Resolver,
        )
        .unwrap();
    assert_eq!(out.after, vec![c], "the split pin wins over name matching");
    assert_eq!(all(&s), 2);

    let log = s.audit_log(Some(a)).unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["merge", "set", "split"]);
    assert_eq!(log[1].author, "analyst");
    assert!(log[1].detail.contains("affected_count = 150"));
}

pub fn reextraction_removes_incidents_nothing_supports_and_keeps_corrected_ones(
    store: &mut SqlStore,
) {
    let mut s = store;
    let d = doc("digest", "2025-09-01");
    let out = ingest(
        &mut s,
        &d,
        vec![
            cand("東雲精機株式会社", &[], Cause::Theft),
            cand("特殊詐欺グループ", &[], Cause::Insider),
            cand("やまびこ出版株式会社", &[], Cause::UnauthorizedAccess),
        ],
    );
    let (keep, spurious, corrected) = (out.created[0], out.created[1], out.created[2]);
    s.correct(
        corrected,
        &Correction {
            field: "cause".into(),
            value: "ransomware".into(),
            author: "analyst".into(),
            at: "2025-09-02T00:00:00Z".into(),
            reason: "confirmed by the company".into(),
        },
        &Resolver,
    )
    .unwrap();
    let key = s.document_keys().unwrap()[0];
    // The upgraded extractor no longer reports the fake victim nor the publisher.
    let r = s
        .reextract_document(
            key,
            &extraction(&d, vec![cand("東雲精機株式会社", &[], Cause::Theft)]),
            &Resolver,
        )
        .unwrap();
    assert_eq!(r.after, vec![keep]);
    assert_eq!(r.removed, vec![spurious]);
    assert!(s.incident(spurious).is_err());
    let kept = s.incident(corrected).unwrap();
    assert_eq!(
        kept.cause,
        Cause::Ransomware,
        "analyst-corrected incident is kept"
    );
    assert_eq!(kept.id, IncidentId(corrected.0));
}

// Sources, watchlists and alerts.

pub fn sources_state_and_seen_items_round_trip(store: &mut SqlStore) {
    let s = store;
    let id = s
        .add_source(&NewSource {
            name: "feed".into(),
            kind: "rss".into(),
            url: "http://127.0.0.1:1/feed".into(),
            every_secs: 1800,
        })
        .unwrap();
    assert!(s
        .add_source(&NewSource {
            name: "feed".into(),
            kind: "rss".into(),
            url: "http://127.0.0.1:1/other".into(),
            every_secs: 60,
        })
        .is_err());
    s.save_source_state(
        id,
        &SourceStateUpdate {
            etag: Some("\"v1\"".into()),
            healthy: true,
            seen: vec!["a".into(), "b".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let row = &s.sources().unwrap()[0];
    assert_eq!(row.etag.as_deref(), Some("\"v1\""));
    assert!(row.last_polled_at.is_some());
    assert_eq!(s.seen_items(id).unwrap().len(), 2);
    // Failed items with their schedule; a later success clears them.
    let failure = ItemFailureRow {
        item_key: "c".into(),
        attempts: 2,
        next_attempt_at: Some(schedule_after(std::time::Duration::from_secs(60))),
        last_error: "string or blob too big".into(),
    };
    s.save_source_state(
        id,
        &SourceStateUpdate {
            failures: vec![failure.clone()],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(s.item_failures(id).unwrap(), vec![failure]);
    s.save_source_state(
        id,
        &SourceStateUpdate {
            cleared: vec!["c".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert!(s.item_failures(id).unwrap().is_empty());
    assert!(s.remove_source("feed").unwrap());
    assert!(s.seen_items(id).unwrap().is_empty());
}

pub fn alerts_are_unique_per_state_and_deliveries_tracked(store: &mut SqlStore) {
    let s = store;
    let a = s
        .insert_alert(1, 2, "h1", "{}", &["stdout", "smtp"])
        .unwrap()
        .unwrap();
    assert!(s
        .insert_alert(1, 2, "h1", "{}", &["stdout"])
        .unwrap()
        .is_none());
    assert_eq!(
        s.pending_deliveries(&["stdout", "smtp"], 5).unwrap().len(),
        2
    );
    s.record_delivery(a.id, "stdout", None, None).unwrap();
    s.record_delivery(a.id, "smtp", Some("refused"), None)
        .unwrap();
    let pending = s.pending_deliveries(&["stdout", "smtp"], 5).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].attempts, 1);
    assert!(s
        .pending_deliveries(&["stdout", "smtp"], 1)
        .unwrap()
        .is_empty());
    // A failure scheduled for later is not pending until its time.
    s.record_delivery(
        a.id,
        "smtp",
        Some("refused again"),
        Some(std::time::Duration::from_secs(3600)),
    )
    .unwrap();
    assert!(s
        .pending_deliveries(&["stdout", "smtp"], 5)
        .unwrap()
        .is_empty());
    assert_eq!(s.alerts(true).unwrap().len(), 1);
    assert_eq!(s.mark_alerts_read(&[a.id]).unwrap(), 1);
    assert!(s.alerts(true).unwrap().is_empty());
    assert_eq!(s.latest_alert(1, 2).unwrap().unwrap().id, a.id);
}

pub fn watch_entries_are_unique_per_list(store: &mut SqlStore) {
    let s = store;
    let row = NewWatchRow {
        list: "default".into(),
        name: "株式会社みなとリテール".into(),
        name_key: "みなとリテール".into(),
        aliases: vec!["みなと".into()],
        domains: vec![],
        kind: "vendor".into(),
    };
    s.add_watch(&row).unwrap();
    assert!(s.add_watch(&row).is_err());
    s.add_watch(&NewWatchRow {
        list: "経理".into(),
        ..row.clone()
    })
    .unwrap();
    assert_eq!(s.watches().unwrap()[0].aliases, ["みなと"]);
    assert_eq!(
        s.remove_watch(None, "みなとリテール", Some("経理"))
            .unwrap(),
        1
    );
    assert_eq!(s.watches().unwrap().len(), 1);
}

// Search and the queries reports and lists are built from.
pub fn search_and_report_queries(store: &mut SqlStore) {
    let mut s = store;
    let mut d1 = doc("search-1", "2025-09-02");
    d1.title = Some("不正アクセスによる個人情報漏洩のお知らせ".into());
    d1.text =
        "弊社サーバーへの不正アクセスにより、LockBit を名乗る攻撃者が個人情報を窃取しました。"
            .into();
    d1.content_hash = "hash-search-1".into();
    let mut d2 = doc("search-2", "2025-10-20");
    d2.text = "誤送信により顧客情報が流出しました。".into();
    d2.content_hash = "hash-search-2".into();
    ingest(
        &mut s,
        &d1,
        vec![cand(
            "株式会社そよかぜ商会",
            &["そよかぜ"],
            Cause::UnauthorizedAccess,
        )],
    );
    ingest(&mut s, &d2, vec![cand("青葉市", &[], Cause::Misdelivery)]);
    // Long terms, short terms (under three characters), both, ASCII case, no hit, literal input.
    let keys = |q: &str| -> Vec<String> {
        s.search(q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.document.doc_id.0)
            .collect()
    };
    assert_eq!(keys("不正アクセス"), vec!["search-1"]);
    assert_eq!(keys("漏洩"), vec!["search-1"]);
    assert_eq!(keys("流出"), vec!["search-2"]);
    assert_eq!(keys("不正アクセス 漏洩"), vec!["search-1"]);
    assert_eq!(keys("lockbit"), vec!["search-1"]);
    assert_eq!(keys("情報"), vec!["search-2", "search-1"]);
    assert!(keys("ランサムウェア 漏洩").is_empty());
    // Short terms found in no document (PostgreSQL's table of short terms answers at once),
    // and a one-character term that is there.
    assert!(keys("満月").is_empty());
    assert!(keys("漏洩 満").is_empty());
    assert_eq!(keys("窃"), vec!["search-1"]);
    assert!(keys("100%_").is_empty());
    // A page smaller than the matches is the newest of them (PostgreSQL's first look at the
    // newest documents answers it).
    let first: Vec<String> = s
        .search("情報", 1)
        .unwrap()
        .into_iter()
        .map(|h| h.document.doc_id.0)
        .collect();
    assert_eq!(first, vec!["search-2"]);
    let hits = s.search("窃取", 10).unwrap();
    assert!(hits[0].snippet.contains("[窃取]"), "{}", hits[0].snippet);
    assert_eq!(hits[0].incidents.len(), 1);
    // Filters behind list and report: organisation (name or alias, width/case folded), cause,
    // period, card data.
    let list = |f: IncidentFilter| -> Vec<String> {
        s.list_incidents(&f)
            .unwrap()
            .into_iter()
            .map(|i| i.organization)
            .collect()
    };
    assert_eq!(
        list(IncidentFilter {
            org: Some("ソヨカゼ".into()),
            ..Default::default()
        })
        .len(),
        0
    );
    assert_eq!(
        list(IncidentFilter {
            org: Some("そよかぜ".into()),
            ..Default::default()
        }),
        vec!["株式会社そよかぜ商会"]
    );
    assert_eq!(
        list(IncidentFilter {
            since: Some(date("2025-10-01")),
            until: Some(date("2025-10-31")),
            ..Default::default()
        }),
        vec!["青葉市"]
    );
    // The report's trend reads first-report dates alone, with the same bounds as the list.
    let mut dates = s
        .reported_dates(date("2025-09-01"), date("2025-10-31"))
        .unwrap();
    dates.sort();
    assert_eq!(dates, vec![date("2025-09-02"), date("2025-10-20")]);
    assert_eq!(
        s.reported_dates(date("2025-10-01"), date("2025-10-31"))
            .unwrap(),
        vec![date("2025-10-20")]
    );
    assert!(s
        .reported_dates(date("2025-10-21"), date("2025-12-31"))
        .unwrap()
        .is_empty());
    assert_eq!(
        list(IncidentFilter {
            cause: Some(Cause::UnauthorizedAccess),
            ..Default::default()
        }),
        vec!["株式会社そよかぜ商会"]
    );
    assert!(list(IncidentFilter {
        card_only: true,
        ..Default::default()
    })
    .is_empty());
    assert_eq!(
        list(IncidentFilter {
            limit: Some(1),
            ..Default::default()
        }),
        vec!["青葉市"]
    );
    let counts = s.counts().unwrap();
    assert_eq!(
        (counts.documents, counts.incidents, counts.sources),
        (2, 2, 2)
    );
    // The same content again is a no-op.
    let again = ingest(
        &mut s,
        &d1,
        vec![cand("株式会社そよかぜ商会", &[], Cause::UnauthorizedAccess)],
    );
    assert!(!again.new_document);
    assert_eq!(s.counts().unwrap().documents, 2);
}

/// Several writers (own connections, own threads) ingesting the same 24 documents in different
/// orders: every document is stored once, every victim is one incident, no source is lost.
pub fn concurrent_ingesters_never_duplicate(open: &(dyn Fn() -> SqlStore + Sync)) {
    const WRITERS: usize = 4;
    const DOCS: usize = 24;
    const ORGS: usize = 6;
    let docs: Vec<(Document, CandidateIncident)> = (0..DOCS)
        .map(|i| {
            let d = doc(
                &format!("conc-{i:02}"),
                &format!("2025-09-{:02}", 1 + i % 20),
            );
            let c = cand(
                &format!("株式会社並行テスト{}", i % ORGS),
                &[],
                Cause::Ransomware,
            );
            (d, c)
        })
        .collect();
    std::thread::scope(|scope| {
        for w in 0..WRITERS {
            let docs = &docs;
            scope.spawn(move || {
                let mut s = open();
                for k in 0..DOCS {
                    let (d, c) = &docs[(k + w * 7) % DOCS];
                    ingest(&mut s, d, vec![c.clone()]);
                }
            });
        }
    });
    let s = open();
    let counts = s.counts().unwrap();
    assert_eq!(
        (counts.documents, counts.incidents, counts.sources),
        (DOCS as u64, ORGS as u64, DOCS as u64)
    );
    for i in s.list_incidents(&IncidentFilter::default()).unwrap() {
        assert_eq!(i.sources, DOCS / ORGS, "{}", i.organization);
    }
}

/// Server accounts and API tokens: unique names, tokens found only while unrevoked, an
/// account's removal takes its tokens.
pub fn accounts_and_tokens_round_trip(store: &mut SqlStore) {
    use leakwatch_store::accounts::AccountStore;
    use leakwatch_store::StoreError;
    let ana = store.add_account("ana", "analyst", "$argon2id$x").unwrap();
    let vic = store.add_account("vic", "viewer", "$argon2id$y").unwrap();
    assert_ne!(ana, vic);
    assert!(matches!(
        store.add_account("ana", "viewer", "h"),
        Err(StoreError::Invalid { .. })
    ));
    let names: Vec<String> = store
        .accounts()
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, vec!["ana", "vic"]);
    let t1 = store.add_token("ana", "hash-1").unwrap();
    let t2 = store.add_token("vic", "hash-2").unwrap();
    assert_ne!(t1, t2);
    assert_eq!(
        store.account_by_token("hash-1").unwrap().unwrap().role,
        "analyst"
    );
    assert!(store.revoke_token(t1).unwrap());
    assert!(!store.revoke_token(t1).unwrap());
    assert!(store.account_by_token("hash-1").unwrap().is_none());
    assert!(matches!(
        store.add_token("nobody", "x"),
        Err(StoreError::NotFound { .. })
    ));
    assert!(store.remove_account("vic").unwrap());
    assert!(store.account_by_token("hash-2").unwrap().is_none());
    let tokens = store.tokens().unwrap();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].account, "ana");
    assert!(tokens[0].revoked_at.is_some());
}

pub fn update_times_follow_writes(store: &mut SqlStore) {
    let mut s = store;
    let a = ingest(
        &mut s,
        &doc("kaede-1", "2025-05-01"),
        vec![cand("株式会社かえで書房", &[], Cause::UnauthorizedAccess)],
    );
    let b = ingest(
        &mut s,
        &doc("sakura-1", "2025-05-02"),
        vec![cand("さくら製菓株式会社", &[], Cause::Misdelivery)],
    );
    let before = s.incident_updates().unwrap();
    let ids: Vec<_> = before.iter().map(|u| u.id).collect();
    assert_eq!(ids, vec![a.created[0], b.created[0]], "in id order");
    std::thread::sleep(std::time::Duration::from_millis(20));
    // A second report of the first incident rewrites it; the second stays as it was.
    let again = ingest(
        &mut s,
        &doc("kaede-2", "2025-05-09"),
        vec![with_count(
            cand("かえで書房", &[], Cause::UnauthorizedAccess),
            1_200,
            CountQualifier::Exact,
            "件",
        )],
    );
    assert_eq!(again.merged, a.created);
    let after = s.incident_updates().unwrap();
    assert_eq!(after.len(), 2);
    assert!(
        after[0].updated_at > before[0].updated_at,
        "{after:?} vs {before:?}"
    );
    assert_eq!(after[1].updated_at, before[1].updated_at);
}

pub fn keyset_pages_walk_the_listing(store: &mut SqlStore) {
    let mut s = store;
    let names = [
        ("あかね電機株式会社", Some("2025-03-01")),
        ("いぶき商事株式会社", Some("2025-05-10")),
        ("うしお物流株式会社", Some("2025-05-10")),
        ("えびす食品株式会社", None),
        ("おぼろ薬品株式会社", Some("2024-12-24")),
        ("かすが工業株式会社", None),
        ("きさらぎ製作所株式会社", Some("2025-05-10")),
    ];
    for (n, (name, published)) in names.iter().enumerate() {
        let mut d = doc(&format!("keyset-{n}"), published.unwrap_or("2025-01-01"));
        d.published = published.map(date);
        ingest(&mut s, &d, vec![cand(name, &[], Cause::UnauthorizedAccess)]);
    }
    let whole = s.list_incidents(&IncidentFilter::default()).unwrap();
    assert_eq!(whole.len(), names.len());
    for limit in 1..=3 {
        let mut walked = Vec::new();
        let mut after = None;
        loop {
            let page = s
                .list_incidents(&IncidentFilter {
                    limit: Some(limit),
                    after,
                    ..IncidentFilter::default()
                })
                .unwrap();
            let Some(last) = page.last() else { break };
            after = Some(ListPosition {
                reported_on: last.reported_on,
                id: last.id,
            });
            walked.extend(page);
        }
        assert_eq!(walked, whole, "pages of {limit}");
    }
    // Undated incidents come last; a position among them continues by id.
    assert!(whole[..5].iter().all(|i| i.reported_on.is_some()));
    assert!(whole[5..].iter().all(|i| i.reported_on.is_none()));
    let rest = s
        .list_incidents(&IncidentFilter {
            after: Some(ListPosition {
                reported_on: None,
                id: whole[5].id,
            }),
            ..IncidentFilter::default()
        })
        .unwrap();
    assert_eq!(rest, whole[6..].to_vec());
}

/// A PostgreSQL database that held documents when its table of short search terms was added
/// (`raw` empties the table and marks it incomplete, as that migration leaves such a database)
/// gets the terms of every stored document from `complete_short_terms`, once; searches answer
/// the same throughout. SQLite (`raw` None) has nothing to complete.
pub fn short_terms_completed_after_an_upgrade(
    s: &mut SqlStore,
    raw: Option<&mut ::postgres::Client>,
) {
    for (i, text) in ["倉庫の鍵を紛失しました。", "満潮の時刻表が漏洩しました。"]
        .iter()
        .enumerate()
    {
        let mut d = doc(&format!("upgrade-{i}"), &format!("2025-11-{:02}", i + 1));
        d.text = (*text).into();
        ingest(s, &d, vec![cand("株式会社みなと倉庫", &[], Cause::Loss)]);
    }
    let keys = |s: &SqlStore, q: &str| -> Vec<String> {
        let mut k: Vec<String> = s
            .search(q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.document.doc_id.0)
            .collect();
        k.sort();
        k
    };
    let Some(raw) = raw else {
        assert_eq!(s.complete_short_terms().unwrap(), 0);
        assert_eq!(keys(s, "満潮"), vec!["upgrade-1"]);
        return;
    };
    let state = |raw: &mut ::postgres::Client| -> (bool, i64) {
        let complete: bool = raw
            .query_one("SELECT complete FROM search_short_terms_state", &[])
            .unwrap()
            .get(0);
        let terms: i64 = raw
            .query_one(
                "SELECT count(*) FROM search_short_terms WHERE term IN ('鍵', '満潮', '漏洩')",
                &[],
            )
            .unwrap()
            .get(0);
        (complete, terms)
    };
    // A database created empty is complete from the start.
    assert_eq!(state(raw), (true, 3));
    raw.batch_execute(
        "DELETE FROM search_short_terms; UPDATE search_short_terms_state SET complete = FALSE",
    )
    .unwrap();
    assert_eq!(state(raw), (false, 0));
    // Incomplete: short terms are searched in the texts, not trusted to the table.
    assert_eq!(keys(s, "満潮"), vec!["upgrade-1"]);
    assert!(keys(s, "満月").is_empty());
    assert_eq!(s.complete_short_terms().unwrap(), 2);
    assert_eq!(state(raw), (true, 3));
    assert_eq!(keys(s, "満潮"), vec!["upgrade-1"]);
    assert_eq!(keys(s, "鍵"), vec!["upgrade-0"]);
    assert!(keys(s, "満月").is_empty());
    // Done once: a second call reads nothing.
    assert_eq!(s.complete_short_terms().unwrap(), 0);
}
