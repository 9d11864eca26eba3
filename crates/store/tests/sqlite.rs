//! The SQLite store end to end on temporary database files: ingest (idempotent, transactional,
//! crash-safe), merges, list filters, `show` evidence, search, and schema migrations.

use chrono::NaiveDate;
use leakwatch_model::CandidateIncident;
use leakwatch_model::{
    AffectedCount, Cause, CountQualifier, DataType, DateKind, DatedEvent, DocId, Document,
    Evidence, Extraction, Field, IncidentFilter, IncidentId, IncidentPlan, Language, MediaType,
    Origin, PlanAction, RelatedOrg, RelationRole, Span,
};
use leakwatch_store::{SqliteStore, Store, StoreError};
use std::hash::{Hash, Hasher};
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// Fixtures, built by hand

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn hash(text: &str) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    format!("{:016x}", h.finish())
}

fn document(id: &str, title: &str, text: &str, published: Option<&str>) -> Document {
    Document {
        id: DocId::from(id),
        origin: Origin::Url {
            url: format!("https://example.jp/news/{id}"),
        },
        media_type: MediaType::Html,
        encoding: "UTF-8".into(),
        title: Some(title.into()),
        published: published.map(date),
        language: Language::Ja,
        text: text.into(),
        content_hash: hash(text),
    }
}

/// A field whose evidence is the first occurrence of `needle` in the document's text, with the
/// sentence (up to 。) around it.
fn found<T>(doc: &Document, value: T, needle: &str, rule: &str) -> Field<T> {
    let start = doc
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {}", doc.id));
    let end = start + needle.len();
    let s_start = doc.text[..start]
        .rfind('。')
        .map_or(0, |i| i + '。'.len_utf8());
    let s_end = doc.text[end..]
        .find('。')
        .map_or(doc.text.len(), |i| end + i + '。'.len_utf8());
    Field::new(
        value,
        0.9,
        rule,
        Some(Evidence {
            doc_id: doc.id.clone(),
            span: Span::new(start, end),
            sentence: doc.text[s_start..s_end].to_string(),
        }),
    )
}

fn extraction(doc: &Document, incidents: Vec<CandidateIncident>) -> Extraction {
    Extraction {
        doc_id: doc.id.clone(),
        language: Language::Ja,
        published: doc.published,
        extractor_version: "test-1".into(),
        incidents,
        trace: Vec::new(),
    }
}

fn plan(
    candidate_index: usize,
    action: PlanAction,
    candidate: &CandidateIncident,
    reported_on: Option<&str>,
) -> IncidentPlan {
    IncidentPlan {
        candidate_index,
        action,
        headline: candidate.to_record(),
        reported_on: reported_on.map(date),
        reason: match action {
            PlanAction::Create => "no stored incident of this organisation".into(),
            PlanAction::MergeInto(id) => format!("same organisation as incident {id}"),
        },
        summary: leakwatch_model::MergeSummary::default(),
    }
}

/// サンプル商事: unauthorised access, about 10,000 records, card data, disclosed 2025-03-10.
fn doc_sample() -> (Document, Extraction) {
    let doc = document(
        "sample-2025-03",
        "不正アクセスによる個人情報漏洩のお知らせ",
        "株式会社サンプル商事は、第三者による不正アクセスを受け、顧客情報約1万件が漏洩した可能性があると発表しました。\
         漏洩した情報にはクレジットカード番号が含まれます。同社は2025年3月10日に個人情報保護委員会へ報告しました。",
        Some("2025-03-10"),
    );
    let mut c = CandidateIncident::new(found(
        &doc,
        "株式会社サンプル商事".into(),
        "株式会社サンプル商事",
        "org.legal",
    ));
    c.aliases.push(found(
        &doc,
        "サンプル商事".into(),
        "サンプル商事",
        "org.short",
    ));
    c.cause = Some(found(
        &doc,
        Cause::UnauthorizedAccess,
        "不正アクセス",
        "cause.keyword",
    ));
    c.affected = Some(found(
        &doc,
        AffectedCount {
            value: 10_000,
            qualifier: CountQualifier::Approx,
            unit: "件".into(),
        },
        "約1万件",
        "count.man",
    ));
    c.data_types.push(found(
        &doc,
        DataType::CardNumber,
        "クレジットカード番号",
        "dtype.card",
    ));
    c.dates.push(found(
        &doc,
        DatedEvent {
            kind: DateKind::Disclosed,
            date: date("2025-03-10"),
        },
        "2025年3月10日",
        "date.disclosed",
    ));
    let ex = extraction(&doc, vec![c]);
    (doc, ex)
}

/// テスト工業: ransomware, no count, reported 2025-06-01; and its processor as a related org.
fn doc_ransom() -> (Document, Extraction) {
    let doc = document(
        "test-kogyo-2025-06",
        "ランサムウェア被害に関するお知らせ",
        "テスト工業株式会社は、ランサムウェアによる被害を受けたと公表した。\
         サーバーが暗号化され、取引先情報が流出したおそれがある。",
        Some("2025-06-01"),
    );
    let mut c = CandidateIncident::new(found(
        &doc,
        "テスト工業株式会社".into(),
        "テスト工業株式会社",
        "org.legal",
    ));
    c.cause = Some(found(
        &doc,
        Cause::Ransomware,
        "ランサムウェア",
        "cause.ransomware",
    ));
    c.data_types.push(found(
        &doc,
        DataType::PartnerInfo,
        "取引先情報",
        "dtype.partner",
    ));
    c.related.push(Field::new(
        RelatedOrg {
            name: "株式会社保守サービス".into(),
            role: RelationRole::Processor,
        },
        0.5,
        "related.inferred",
        None,
    ));
    let ex = extraction(&doc, vec![c]);
    (doc, ex)
}

/// ABC Holdings: a lost USB stick, no date at all.
fn doc_loss() -> (Document, Extraction) {
    let doc = document(
        "abc-loss",
        "USBメモリ紛失について",
        "ABC Holdingsの委託先で、会員情報を保存したUSBメモリの紛失が判明した。",
        None,
    );
    let mut c = CandidateIncident::new(found(
        &doc,
        "ABC Holdings".into(),
        "ABC Holdings",
        "org.latin",
    ));
    c.aliases
        .push(Field::new("エービーシー".into(), 0.4, "org.kana", None));
    c.cause = Some(found(&doc, Cause::Loss, "紛失", "cause.loss"));
    let ex = extraction(&doc, vec![c]);
    (doc, ex)
}

/// A follow-up on サンプル商事: the count grew to at most 12,000.
fn doc_sample_update() -> (Document, Extraction) {
    let doc = document(
        "sample-2025-06",
        "不正アクセスに関する続報",
        "株式会社サンプル商事は、不正アクセスによる漏洩件数が最大1万2000件に拡大したと発表した。",
        Some("2025-06-20"),
    );
    let mut c = CandidateIncident::new(found(
        &doc,
        "株式会社サンプル商事".into(),
        "株式会社サンプル商事",
        "org.legal",
    ));
    c.cause = Some(found(
        &doc,
        Cause::UnauthorizedAccess,
        "不正アクセス",
        "cause.keyword",
    ));
    c.affected = Some(found(
        &doc,
        AffectedCount {
            value: 12_000,
            qualifier: CountQualifier::Max,
            unit: "件".into(),
        },
        "最大1万2000件",
        "count.man",
    ));
    let ex = extraction(&doc, vec![c]);
    (doc, ex)
}

fn create_all(
    store: &mut dyn Store,
    (doc, ex): &(Document, Extraction),
    reported_on: Option<&str>,
) -> IncidentId {
    let plans: Vec<IncidentPlan> = ex
        .incidents
        .iter()
        .enumerate()
        .map(|(i, c)| plan(i, PlanAction::Create, c, reported_on))
        .collect();
    let outcome = store.ingest_document(doc, ex, &plans).unwrap();
    assert!(outcome.new_document);
    assert_eq!(outcome.created.len(), plans.len());
    outcome.created[0]
}

/// The three incidents of the fixtures: (サンプル商事, テスト工業, ABC Holdings).
fn seeded(store: &mut dyn Store) -> (IncidentId, IncidentId, IncidentId) {
    let a = create_all(store, &doc_sample(), Some("2025-03-10"));
    let b = create_all(store, &doc_ransom(), Some("2025-06-01"));
    let c = create_all(store, &doc_loss(), None);
    (a, b, c)
}

fn ids(list: &[leakwatch_model::IncidentSummary]) -> Vec<IncidentId> {
    list.iter().map(|s| s.id).collect()
}

fn db_path(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("nested/dir/leakwatch.db")
}

fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// The documents a search finds (at most 10), in result order.
fn search_ids(store: &SqliteStore, q: &str) -> Vec<String> {
    store
        .search(q, 10)
        .unwrap()
        .into_iter()
        .map(|h| h.document.doc_id.0)
        .collect()
}

/// The documents a search finds, sorted (for assertions on the set).
fn search_id_set(store: &SqliteStore, q: &str) -> Vec<String> {
    let mut v = search_ids(store, q);
    v.sort();
    v
}

/// The single integer a counting query returns.
fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Ingest

#[test]
fn reingesting_the_same_content_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(&db_path(&dir)).unwrap();
    let (doc, ex) = doc_sample();
    let plans = vec![plan(
        0,
        PlanAction::Create,
        &ex.incidents[0],
        Some("2025-03-10"),
    )];
    let first = store.ingest_document(&doc, &ex, &plans).unwrap();
    assert!(first.new_document);
    assert_eq!(first.created.len(), 1);
    assert!(first.merged.is_empty());
    let before = store.counts().unwrap();
    assert_eq!(
        (before.documents, before.incidents, before.sources),
        (1, 1, 1)
    );
    assert_eq!(
        store.document_key_by_hash(&doc.content_hash).unwrap(),
        Some(first.document_key)
    );
    assert_eq!(store.document_key_by_hash("no-such-hash").unwrap(), None);

    // Same content under another id: recognised by its hash.
    let mut again = doc.clone();
    again.id = DocId::from("copy-of-sample");
    let second = store.ingest_document(&again, &ex, &plans).unwrap();
    assert!(!second.new_document);
    assert_eq!(second.document_key, first.document_key);
    assert!(second.created.is_empty() && second.merged.is_empty());
    assert_eq!(store.counts().unwrap(), before);
}

#[test]
fn merge_updates_the_headline_and_adds_a_source() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let id = create_all(&mut store, &doc_sample(), Some("2025-03-10"));
    let (doc, ex) = doc_sample_update();
    let mut p = plan(
        0,
        PlanAction::MergeInto(id),
        &ex.incidents[0],
        Some("2025-03-10"),
    );
    // The resolve stage's merged headline: max count, union of data types, earliest disclosure.
    p.headline.data_types = vec![DataType::CardNumber];
    p.headline.card_data = true;
    p.headline.dates.disclosed = Some(date("2025-03-10"));
    p.headline.aliases = vec!["サンプル商事".into()];
    let outcome = store.ingest_document(&doc, &ex, &[p]).unwrap();
    assert!(outcome.new_document);
    assert!(outcome.created.is_empty());
    assert_eq!(outcome.merged, vec![id]);

    let inc = store.incident(id).unwrap();
    assert_eq!(
        inc.affected,
        Some(AffectedCount {
            value: 12_000,
            qualifier: CountQualifier::Max,
            unit: "件".into()
        })
    );
    assert!(inc.card_data);
    assert_eq!(inc.reported_on, Some(date("2025-03-10")));
    assert_eq!(inc.sources.len(), 2);
    assert_eq!(inc.sources[0].doc_id, DocId::from("sample-2025-03"));
    assert_eq!(inc.sources[1].doc_id, DocId::from("sample-2025-06"));
    // Evidence from both documents is kept: both stated counts survive the merge.
    let counts: Vec<&str> = inc
        .evidence
        .iter()
        .filter(|e| e.field == "affected_count")
        .map(|e| e.value.as_str())
        .collect();
    assert_eq!(counts, vec!["約 10000 件", "最大 12000 件"]);
    let list = store.list_incidents(&IncidentFilter::default()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].sources, 2);
    let c = store.counts().unwrap();
    assert_eq!((c.documents, c.incidents, c.sources), (2, 1, 2));
}

#[test]
fn a_failing_plan_rolls_back_the_whole_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let mut store = SqliteStore::open(&path).unwrap();
    create_all(&mut store, &doc_sample(), Some("2025-03-10"));
    let before = store.counts().unwrap();

    let (doc, ex) = doc_ransom();
    let plans = vec![
        plan(0, PlanAction::Create, &ex.incidents[0], Some("2025-06-01")),
        plan(
            0,
            PlanAction::MergeInto(IncidentId(999)),
            &ex.incidents[0],
            None,
        ),
    ];
    let err = store.ingest_document(&doc, &ex, &plans).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    assert!(err.to_string().contains("999"), "{err}");

    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(store.document_key_by_hash(&doc.content_hash).unwrap(), None);
    assert!(store.search("ランサムウェア", 10).unwrap().is_empty());
    let conn = raw(&path);
    let sources = count(&conn, "SELECT COUNT(*) FROM incident_sources");
    assert_eq!(sources, 1, "only the first document's source");

    // The same document goes in cleanly afterwards.
    create_all(&mut store, &(doc, ex), Some("2025-06-01"));
    assert_eq!(store.counts().unwrap().documents, 2);
}

#[test]
fn a_plan_for_a_missing_candidate_is_invalid_and_writes_nothing() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let (doc, ex) = doc_sample();
    let p = plan(3, PlanAction::Create, &ex.incidents[0], None);
    let err = store.ingest_document(&doc, &ex, &[p]).unwrap_err();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err}");
    assert_eq!(store.counts().unwrap().documents, 0);
}

#[test]
fn a_document_without_candidates_is_stored_and_searchable() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let doc = document(
        "notice",
        "お知らせ",
        "システムメンテナンスのお知らせです。",
        None,
    );
    let ex = extraction(&doc, Vec::new());
    let out = store.ingest_document(&doc, &ex, &[]).unwrap();
    assert!(out.new_document && out.created.is_empty());
    let hits = store.search("メンテナンス", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(hits[0].incidents.is_empty());
}

#[test]
fn committed_documents_survive_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    {
        let mut store = SqliteStore::open(&path).unwrap();
        seeded(&mut store);
        // Dropped without any explicit close or checkpoint.
    }
    let store = SqliteStore::open(&path).unwrap();
    let c = store.counts().unwrap();
    assert_eq!((c.documents, c.incidents, c.sources), (3, 3, 3));
    assert_eq!(store.search("不正アクセス", 10).unwrap().len(), 1);
    let mode: String = raw(&path)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

/// Not a test on its own: the writer that `kill_9_leaves_whole_documents_or_nothing` runs in a
/// child process and kills. Does nothing unless the environment names a database.
#[test]
fn crash_child_writer() {
    let Some(path) = std::env::var_os("LEAKWATCH_STORE_CRASH_DB") else {
        return;
    };
    let mut store = SqliteStore::open(Path::new(&path)).unwrap();
    let (template, _) = doc_sample();
    for n in 0.. {
        let mut doc = template.clone();
        doc.id = DocId(format!("crash-{n}"));
        doc.text = format!("{}{}", template.text, "追記。".repeat(n % 50 + 1)) + &n.to_string();
        doc.content_hash = hash(&doc.text);
        let ex = doc_sample().1;
        let c = ex.incidents[0].clone();
        let ex = extraction(&doc, vec![c.clone(), c.clone()]);
        let plans = vec![
            plan(0, PlanAction::Create, &c, Some("2025-03-10")),
            plan(1, PlanAction::Create, &c, Some("2025-03-10")),
        ];
        store.ingest_document(&doc, &ex, &plans).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn kill_9_leaves_whole_documents_or_nothing() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    // Create and migrate before the child starts writing.
    drop(SqliteStore::open(&path).unwrap());
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "crash_child_writer",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("LEAKWATCH_STORE_CRASH_DB", &path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let docs = SqliteStore::open(&path)
            .unwrap()
            .counts()
            .unwrap()
            .documents;
        if docs >= 30 || started.elapsed() > Duration::from_secs(20) {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let store = SqliteStore::open(&path).unwrap();
    let c = store.counts().unwrap();
    assert!(c.documents > 0, "the child wrote nothing");
    assert_eq!(c.incidents, 2 * c.documents, "{c:?}");
    assert_eq!(c.sources, 2 * c.documents, "{c:?}");
    let conn = raw(&path);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    conn.execute(
        "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')",
        [],
    )
    .unwrap();
    let bad: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM documents d WHERE
                 (SELECT COUNT(*) FROM incident_sources s WHERE s.document_id = d.id) != ?1",
            [2],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0);
}

// ---------------------------------------------------------------------------------------------
// list

#[test]
fn list_orders_dated_newest_first_then_undated() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let (a, b, c) = seeded(&mut store);
    let all = store.list_incidents(&IncidentFilter::default()).unwrap();
    assert_eq!(ids(&all), vec![b, a, c]);
    let first = &all[1];
    assert_eq!(first.organization, "株式会社サンプル商事");
    assert_eq!(first.cause, Cause::UnauthorizedAccess);
    assert_eq!(first.affected.as_ref().map(|a| a.value), Some(10_000));
    assert!(first.card_data);
    assert_eq!(first.reported_on, Some(date("2025-03-10")));
    assert_eq!(first.sources, 1);
    assert_eq!(all[2].reported_on, None);
    assert_eq!(all[2].affected, None);
}

#[test]
fn list_filters_alone_and_combined() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let (a, b, c) = seeded(&mut store);
    let list = |f: IncidentFilter| ids(&store.list_incidents(&f).unwrap());

    assert_eq!(
        list(IncidentFilter {
            cause: Some(Cause::Ransomware),
            ..Default::default()
        }),
        vec![b]
    );
    assert_eq!(
        list(IncidentFilter {
            cause: Some(Cause::Phishing),
            ..Default::default()
        }),
        vec![]
    );
    // Bounds are inclusive; undated incidents drop out when any bound is set.
    assert_eq!(
        list(IncidentFilter {
            since: Some(date("2025-03-10")),
            ..Default::default()
        }),
        vec![b, a]
    );
    assert_eq!(
        list(IncidentFilter {
            since: Some(date("2025-03-11")),
            ..Default::default()
        }),
        vec![b]
    );
    assert_eq!(
        list(IncidentFilter {
            until: Some(date("2025-06-01")),
            ..Default::default()
        }),
        vec![b, a]
    );
    assert_eq!(
        list(IncidentFilter {
            until: Some(date("2025-05-31")),
            ..Default::default()
        }),
        vec![a]
    );
    assert_eq!(
        list(IncidentFilter {
            since: Some(date("2025-04-01")),
            until: Some(date("2025-06-30")),
            ..Default::default()
        }),
        vec![b]
    );
    // Organisation: substring of the name or an alias, case- and width-insensitive.
    for needle in [
        "サンプル",
        "abc",
        "ＡＢＣ hold",
        "エービー",
        "テスト工業株式会社",
    ] {
        let got = list(IncidentFilter {
            org: Some(needle.into()),
            ..Default::default()
        });
        assert_eq!(got.len(), 1, "{needle}: {got:?}");
    }
    assert_eq!(
        list(IncidentFilter {
            org: Some("ｴｰﾋﾞｰｼｰ".into()),
            ..Default::default()
        }),
        vec![c]
    );
    assert_eq!(
        list(IncidentFilter {
            org: Some("存在しない会社".into()),
            ..Default::default()
        }),
        vec![]
    );
    // LIKE wildcards in the needle are literal.
    assert_eq!(
        list(IncidentFilter {
            org: Some("%".into()),
            ..Default::default()
        }),
        vec![]
    );
    assert_eq!(
        list(IncidentFilter {
            card_only: true,
            ..Default::default()
        }),
        vec![a]
    );
    assert_eq!(
        list(IncidentFilter {
            limit: Some(2),
            ..Default::default()
        }),
        vec![b, a]
    );
    assert_eq!(
        list(IncidentFilter {
            limit: Some(0),
            ..Default::default()
        }),
        vec![]
    );
    // Combined.
    assert_eq!(
        list(IncidentFilter {
            cause: Some(Cause::UnauthorizedAccess),
            since: Some(date("2025-01-01")),
            until: Some(date("2025-12-31")),
            org: Some("サンプル商事".into()),
            card_only: true,
            limit: Some(10),
            after: None,
        }),
        vec![a]
    );
    assert_eq!(
        list(IncidentFilter {
            cause: Some(Cause::Ransomware),
            card_only: true,
            ..Default::default()
        }),
        vec![]
    );
    assert_eq!(
        list(IncidentFilter {
            org: Some("abc".into()),
            since: Some(date("2000-01-01")),
            ..Default::default()
        }),
        vec![]
    );
}

// ---------------------------------------------------------------------------------------------
// show

#[test]
fn incident_has_headline_evidence_with_sentence_and_span_and_sources() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let (a, b, _) = seeded(&mut store);
    let (doc, _) = doc_sample();
    let inc = store.incident(a).unwrap();
    assert_eq!(inc.id, a);
    assert_eq!(inc.organization, "株式会社サンプル商事");
    assert_eq!(inc.aliases, vec!["サンプル商事".to_string()]);
    assert_eq!(inc.cause, Cause::UnauthorizedAccess);
    assert_eq!(inc.data_types, vec![DataType::CardNumber]);
    assert!(inc.card_data);
    assert!(!inc.confirmed);
    assert_eq!(inc.dates.disclosed, Some(date("2025-03-10")));
    assert_eq!(inc.reported_on, Some(date("2025-03-10")));

    let fields: Vec<&str> = inc.evidence.iter().map(|e| e.field.as_str()).collect();
    let mut sorted = fields.clone();
    sorted.sort();
    assert_eq!(fields, sorted, "evidence is ordered by field");
    let count = inc
        .evidence
        .iter()
        .find(|e| e.field == "affected_count")
        .unwrap();
    assert_eq!(count.value, "約 10000 件");
    assert_eq!(count.rule, "count.man");
    assert!((count.confidence - 0.9).abs() < 1e-6);
    assert_eq!(count.doc_id, DocId::from("sample-2025-03"));
    let span = count.span.unwrap();
    assert_eq!(&doc.text[span.start..span.end], "約1万件");
    assert!(count
        .sentence
        .as_deref()
        .unwrap()
        .contains("顧客情報約1万件が漏洩"));
    assert!(inc.evidence.iter().any(|e| e.field == "dates.disclosed"));

    assert_eq!(inc.sources.len(), 1);
    let src = &inc.sources[0];
    assert_eq!(src.doc_id, DocId::from("sample-2025-03"));
    assert_eq!(src.origin, "https://example.jp/news/sample-2025-03");
    assert_eq!(
        src.title.as_deref(),
        Some("不正アクセスによる個人情報漏洩のお知らせ")
    );
    assert_eq!(src.published, Some(date("2025-03-10")));

    // Inferred values have no span or sentence; related organisations round-trip.
    let inc = store.incident(b).unwrap();
    assert_eq!(
        inc.related,
        vec![RelatedOrg {
            name: "株式会社保守サービス".into(),
            role: RelationRole::Processor
        }]
    );
    let related = inc.evidence.iter().find(|e| e.field == "related").unwrap();
    assert_eq!((related.span, related.sentence.as_deref()), (None, None));
}

#[test]
fn a_missing_incident_is_not_found() {
    let store = SqliteStore::open_in_memory().unwrap();
    let err = store.incident(IncidentId(42)).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
}

#[test]
fn a_label_that_no_longer_parses_is_corrupt_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let mut store = SqliteStore::open(&path).unwrap();
    let (a, _, _) = seeded(&mut store);
    raw(&path)
        .execute(
            "UPDATE incidents SET cause = 'hacking' WHERE id = ?1",
            [a.0],
        )
        .unwrap();
    let err = store.incident(a).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("hacking"), "{err}");
    let err = store
        .list_incidents(&IncidentFilter::default())
        .unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    raw(&path)
        .execute(
            "UPDATE incidents SET cause = 'unknown', disclosed = '10 March' WHERE id = ?1",
            [a.0],
        )
        .unwrap();
    assert!(matches!(store.incident(a), Err(StoreError::Corrupt { .. })));
    // A value of the wrong type.
    raw(&path)
        .execute(
            "UPDATE incidents SET disclosed = NULL, affected_count = 'many' WHERE id = ?1",
            [a.0],
        )
        .unwrap();
    let err = store.incident(a).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    let err = store
        .list_incidents(&IncidentFilter::default())
        .unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

// ---------------------------------------------------------------------------------------------
// search

#[test]
fn search_short_long_and_mixed_terms() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let (a, b, _) = seeded(&mut store);
    let (d, ex) = doc_sample_update();
    store
        .ingest_document(
            &d,
            &ex,
            &[plan(
                0,
                PlanAction::MergeInto(a),
                &ex.incidents[0],
                Some("2025-03-10"),
            )],
        )
        .unwrap();
    let docs = |q: &str| search_id_set(&store, q);

    // Two characters: below the trigram minimum, found by LIKE.
    assert_eq!(docs("漏洩"), vec!["sample-2025-03", "sample-2025-06"]);
    // Three or more: FTS.
    assert_eq!(
        docs("不正アクセス"),
        vec!["sample-2025-03", "sample-2025-06"]
    );
    assert_eq!(docs("ランサムウェア"), vec!["test-kogyo-2025-06"]);
    // Mixed: the short term narrows, it does not empty the result.
    assert_eq!(docs("ランサムウェア 被害"), vec!["test-kogyo-2025-06"]);
    assert_eq!(docs("ランサムウェア　被害"), vec!["test-kogyo-2025-06"]);
    assert_eq!(docs("ランサムウェア 漏洩"), Vec::<String>::new());
    assert_eq!(docs("拡大 不正アクセス"), vec!["sample-2025-06"]);
    // Title-only match, ASCII case-insensitivity, full-width input.
    assert_eq!(docs("続報"), vec!["sample-2025-06"]);
    assert_eq!(docs("usbメモリ"), vec!["abc-loss"]);
    assert_eq!(docs("ＵＳＢ"), vec!["abc-loss"]);
    assert_eq!(docs("存在しない語句"), Vec::<String>::new());

    let hits = store.search("ランサムウェア 被害", 10).unwrap();
    let hit = &hits[0];
    assert!(hit.snippet.contains("[ランサムウェア]"), "{}", hit.snippet);
    assert!(hit.snippet.contains("[被害]"), "{}", hit.snippet);
    assert_eq!(
        hit.document.title.as_deref(),
        Some("ランサムウェア被害に関するお知らせ")
    );
    assert_eq!(ids(&hit.incidents), vec![b]);

    let hits = store.search("漏洩", 10).unwrap();
    for h in &hits {
        assert!(h.snippet.contains("[漏洩]"), "{}", h.snippet);
        assert_eq!(ids(&h.incidents), vec![a]);
        assert_eq!(h.incidents[0].sources, 2);
    }
    assert_eq!(store.search("漏洩", 1).unwrap().len(), 1);
    assert!(store.search("漏洩", 0).unwrap().is_empty());
}

#[test]
fn search_snippet_has_context_around_the_match() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let long = format!(
        "{}サンプル銀行でフィッシングによる被害が確認された。{}",
        "本文の前半です。".repeat(20),
        "本文の後半です。".repeat(20)
    );
    let doc = document("long", "長い記事", &long, Some("2025-01-01"));
    let ex = extraction(&doc, Vec::new());
    store.ingest_document(&doc, &ex, &[]).unwrap();
    let hit = &store.search("フィッシング", 5).unwrap()[0];
    let s = &hit.snippet;
    assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
    let (before, after) = s.split_once("[フィッシング]").unwrap();
    assert_eq!(before.chars().count(), 1 + 40, "{s}");
    assert_eq!(after.chars().count(), 40 + 1, "{s}");
}

#[test]
fn hostile_or_empty_queries_never_error() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    seeded(&mut store);
    for q in [
        "\"",
        "(",
        ")",
        "AND",
        "OR",
        "NOT",
        "*",
        "\"不正",
        "不正\" OR \"x",
        "a AND (b",
        "NEAR(x y)",
        "title:漏洩",
        "^",
        "%",
        "_",
        "\\",
        "'; DROP TABLE documents; --",
        "\u{0}",
        "-不正アクセス",
        "{title}: x",
        "\"\"\"\"",
        "ランサム*",
    ] {
        store
            .search(q, 10)
            .unwrap_or_else(|e| panic!("query {q:?} failed: {e}"));
    }
    assert!(store.search("", 10).unwrap().is_empty());
    assert!(store.search("   　 ", 10).unwrap().is_empty());
    assert!(store.search("\"", 10).unwrap().is_empty());
    // Quoted input is taken as the words inside.
    assert_eq!(store.search("\"不正アクセス\"", 10).unwrap().len(), 1);
    assert_eq!(store.counts().unwrap().documents, 3);
}

// ---------------------------------------------------------------------------------------------
// Migrations

#[test]
fn migrations_run_once_and_parent_dirs_are_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let store = SqliteStore::open(&path).unwrap();
    assert!(path.exists());
    assert_eq!(
        store.schema_version().unwrap(),
        leakwatch_store::supported_version()
    );
    drop(store);
    let applied_at: String = raw(&path)
        .query_row(
            "SELECT applied_at FROM schema_migrations WHERE version = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for _ in 0..3 {
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            leakwatch_store::supported_version()
        );
    }
    let conn = raw(&path);
    let rows: i64 = conn
        .query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, i64::from(leakwatch_store::supported_version()));
    let again: String = conn
        .query_row(
            "SELECT applied_at FROM schema_migrations WHERE version = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(again, applied_at);
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    {
        let mut store = SqliteStore::open(&path).unwrap();
        seeded(&mut store);
    }
    raw(&path)
        .execute_batch(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (99, 'future');
             CREATE TABLE from_the_future (x);",
        )
        .unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    match err {
        StoreError::NewerSchema { found, supported } => {
            assert_eq!(found, 99);
            assert_eq!(supported, leakwatch_store::supported_version());
        }
        other => panic!("expected NewerSchema, got {other}"),
    }
    let conn = raw(&path);
    let (max, docs): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT MAX(version) FROM schema_migrations), (SELECT COUNT(*) FROM documents)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((max, docs), (99, 3));
    conn.query_row("SELECT COUNT(*) FROM from_the_future", [], |r| {
        r.get::<_, i64>(0)
    })
    .unwrap();
}

#[test]
fn a_file_that_is_not_a_database_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "これはデータベースではありません。".repeat(200)).unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert!(err.to_string().contains("not an SQLite database"), "{err}");
}

#[test]
fn two_stores_on_one_file_take_turns_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let mut first = SqliteStore::open(&path).unwrap();
    let mut second = SqliteStore::open(&path).unwrap();
    create_all(&mut first, &doc_sample(), Some("2025-03-10"));
    create_all(&mut second, &doc_ransom(), Some("2025-06-01"));
    // The second sees the first's document as already stored.
    let (doc, ex) = doc_sample();
    let out = second.ingest_document(&doc, &ex, &[]).unwrap();
    assert!(!out.new_document);
    assert_eq!(first.counts().unwrap(), second.counts().unwrap());
    let hits = first.search("暗号化", 5).unwrap();
    assert_eq!(hits[0].snippet, "テスト工業株式会社は、ランサムウェアによる被害を受けたと公表した。サーバーが[暗号化]され、取引先情報が流出したおそれがある。");
}

// ---------------------------------------------------------------------------------------------
// Issue 11 (3, 10): concurrent first use of a new file; foreign SQLite files refused

#[test]
fn concurrent_first_open_of_a_new_file_never_fails() {
    for round in 0..8 {
        let dir = tempfile::tempdir().unwrap();
        let path = db_path(&dir);
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let path = path.clone();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    let mut store = SqliteStore::open(&path)?;
                    let (mut doc, ex) = doc_loss();
                    doc.id = DocId::from(format!("loss-{i}").as_str());
                    doc.text = format!("{} ({i})", doc.text);
                    doc.content_hash = hash(&doc.text);
                    store.ingest_document(&doc, &ex, &[])?;
                    Ok::<_, StoreError>(())
                })
            })
            .collect();
        for h in handles {
            h.join()
                .unwrap()
                .unwrap_or_else(|e| panic!("round {round}: {e}"));
        }
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.document_keys().unwrap().len(), 4, "round {round}");
    }
}

#[test]
fn a_leakwatch_database_carries_its_application_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    drop(SqliteStore::open(&path).unwrap());
    let id: i32 = raw(&path)
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, leakwatch_store::APPLICATION_ID);
    // A database from before the id (leakwatch tables, id 0) is adopted and marked.
    raw(&path)
        .execute_batch("PRAGMA application_id = 0")
        .unwrap();
    drop(SqliteStore::open(&path).unwrap());
    let id: i32 = raw(&path)
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, leakwatch_store::APPLICATION_ID);
}

#[test]
fn a_foreign_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photos.db");
    raw(&path)
        .execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        .unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert!(err.to_string().contains("photos"), "{err}");
    let tables: i64 = raw(&path)
        .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1, "nothing was added");
    // Another application's id.
    let other = dir.path().join("other.db");
    raw(&other)
        .execute_batch("PRAGMA application_id = 1234")
        .unwrap();
    assert!(matches!(
        SqliteStore::open(&other),
        Err(StoreError::Foreign { .. })
    ));
    // Not SQLite at all.
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "just some notes, not a database at all......................................................").unwrap();
    let err = SqliteStore::open(&text).unwrap_err();
    assert!(err.to_string().contains("not an SQLite database"), "{err}");
}

#[test]
fn a_bulk_load_merges_the_full_text_index_lazily_and_then_as_usual() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lw.db");
    let store = SqliteStore::open(&path).unwrap();
    let automerge = || -> Option<i64> {
        raw(&path)
            .query_row(
                "SELECT v FROM documents_fts_config WHERE k = 'automerge'",
                [],
                |r| r.get(0),
            )
            .ok()
    };
    store.relax_durability().unwrap();
    assert_eq!(automerge(), Some(16));
    store.end_bulk_load().unwrap();
    assert_eq!(automerge(), Some(4));
}

// ---------------------------------------------------------------------------------------------
// The full-text backlog

fn backlog(path: &Path) -> i64 {
    raw(path)
        .query_row("SELECT count(*) FROM fts_backlog", [], |r| r.get(0))
        .unwrap()
}

fn fts_rows(path: &Path, term: &str) -> i64 {
    raw(path)
        .query_row(
            "SELECT count(*) FROM documents_fts WHERE body LIKE ?1",
            [format!("%{term}%")],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn documents_waiting_for_the_index_are_found_and_indexed_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let mut store = SqliteStore::open(&path).unwrap();
    for i in 0..3 {
        let doc = document(
            &format!("n{i}"),
            "お知らせ",
            &format!("第{i}回 サーバー保守作業のお知らせです。"),
            None,
        );
        let ex = extraction(&doc, Vec::new());
        store.ingest_document(&doc, &ex, &[]).unwrap();
    }
    // Stored, not yet indexed: search reads the backlog.
    assert_eq!(backlog(&path), 3);
    assert_eq!(fts_rows(&path, "保守作業"), 0);
    assert_eq!(store.search("保守作業", 10).unwrap().len(), 3);
    assert_eq!(store.search("保守作業 第1回", 10).unwrap().len(), 1);
    assert!(store.search("存在しない語句", 10).unwrap().is_empty());
    store.index_pending().unwrap();
    assert_eq!(backlog(&path), 0);
    assert_eq!(fts_rows(&path, "保守作業"), 3);
    // Indexed documents are found once, not twice.
    assert_eq!(store.search("保守作業", 10).unwrap().len(), 3);
    // Deleting an indexed document removes it from the index (the trigger still works).
    raw(&path)
        .execute("DELETE FROM documents WHERE doc_id = 'n0'", [])
        .unwrap();
    assert_eq!(fts_rows(&path, "保守作業"), 2);
}

#[test]
fn a_backlog_left_by_a_killed_run_is_indexed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    {
        let mut store = SqliteStore::open(&path).unwrap();
        seeded(&mut store);
        // Dropped without index_pending, as a killed process would leave it.
    }
    assert_eq!(backlog(&path), 3);
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(backlog(&path), 0);
    assert_eq!(fts_rows(&path, "不正アクセス"), 1);
    assert_eq!(store.search("不正アクセス", 10).unwrap().len(), 1);
}

#[test]
fn a_long_ingest_indexes_in_batches() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let mut store = SqliteStore::open(&path).unwrap();
    for i in 0..300 {
        let doc = document(
            &format!("b{i}"),
            "お知らせ",
            &format!("整理番号{i:04} 定期点検のお知らせです。"),
            None,
        );
        let ex = extraction(&doc, Vec::new());
        store.ingest_document(&doc, &ex, &[]).unwrap();
    }
    // One batch of 256 went into the index during the run; the rest waits.
    assert_eq!(backlog(&path), 300 - 256);
    assert_eq!(fts_rows(&path, "定期点検"), 256);
    assert_eq!(store.search("定期点検", 500).unwrap().len(), 300);
}

#[test]
fn candidates_are_stored_once_with_their_incident() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let mut store = SqliteStore::open(&path).unwrap();
    seeded(&mut store);
    let conn = raw(&path);
    let with_candidates = count(
        &conn,
        "SELECT count(*) FROM documents WHERE extraction_json LIKE '%\"organization\"%'",
    );
    assert_eq!(with_candidates, 0, "the document row keeps no candidate");
    let sources = count(
        &conn,
        "SELECT count(*) FROM incident_sources WHERE candidate_json LIKE '%\"organization\"%'",
    );
    assert_eq!(sources, 3, "every source keeps its candidate");
    // …and the incidents read back whole from them.
    for summary in store
        .list_incidents(&leakwatch_model::IncidentFilter::default())
        .unwrap()
    {
        let known = store.known_incident(summary.id).unwrap();
        assert!(!known.sources.is_empty());
    }
}

#[test]
fn evidence_sentences_are_kept_by_their_place_in_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let mut store = SqliteStore::open(&path).unwrap();
    let (a, _, _) = seeded(&mut store);
    let (doc, ex) = doc_sample();
    let conn = raw(&path);
    let sentence_copies = count(
        &conn,
        "SELECT count(*) FROM incident_sources WHERE candidate_json LIKE '%漏洩した可能性%'",
    );
    assert_eq!(
        sentence_copies, 0,
        "the candidate keeps places, not sentences"
    );
    // The candidate and the field evidence read back exactly as extracted.
    let known = store.known_incident(a).unwrap();
    assert_eq!(known.sources[0].candidate, ex.incidents[0]);
    let inc = store.incident(a).unwrap();
    let stated = ex.incidents[0].stated_values();
    assert_eq!(inc.evidence.len(), stated.len());
    for sv in &stated {
        let e = inc
            .evidence
            .iter()
            .find(|e| e.field == sv.field && e.value == sv.value)
            .unwrap();
        let ev = sv.evidence.as_ref().unwrap();
        assert_eq!(e.span, Some(ev.span));
        assert_eq!(e.sentence.as_deref(), Some(ev.sentence.as_str()));
        assert!(doc.text.contains(&ev.sentence));
    }
}

#[test]
fn search_terms_with_wildcard_characters_match_literally() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let d = document(
        "pct",
        "お知らせ",
        "対象の約100%_が確認済みです。もう一つの文書とは違う。",
        Some("2025-01-02"),
    );
    store
        .ingest_document(&d, &extraction(&d, vec![]), &[])
        .unwrap();
    let e = document(
        "plain",
        "お知らせ",
        "対象の約100件が確認済みです。",
        Some("2025-01-03"),
    );
    store
        .ingest_document(&e, &extraction(&e, vec![]), &[])
        .unwrap();
    store.index_pending().unwrap();
    let docs = |q: &str| search_ids(&store, q);
    assert_eq!(docs("100%_が"), vec!["pct"]);
    assert_eq!(docs("100%"), vec!["pct"]);
    // Newest published first.
    assert_eq!(docs("確認済み"), vec!["plain", "pct"]);
}

#[test]
fn new_files_have_large_pages() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    drop(SqliteStore::open(&path).unwrap());
    let size: i64 = raw(&path)
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(size, 16_384);
}

#[test]
fn short_terms_are_looked_up_among_the_index_trigrams() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let add = |store: &mut SqliteStore, id: &str, title: &str, text: &str| {
        let d = document(id, title, text, Some("2025-01-02"));
        store
            .ingest_document(&d, &extraction(&d, vec![]), &[])
            .unwrap();
    };
    add(&mut store, "end", "お知らせ", "末尾に置いた語は漏洩");
    add(&mut store, "one", "お知らせ", "最後の一字は漏");
    add(&mut store, "title", "Ab社の件", "本文にはない");
    // Over MAX_SHORT_TRIGRAMS distinct trigrams start with 鍵: left to the LIKE scan.
    let common: String = (0..300u32)
        .map(|i| format!("鍵{}", char::from_u32(0x4E00 + i).unwrap()))
        .collect();
    add(&mut store, "common", "一覧", &common);
    store.index_pending().unwrap();
    assert_eq!(search_id_set(&store, "漏洩"), vec!["end"]);
    assert_eq!(search_id_set(&store, "漏"), vec!["end", "one"]);
    assert_eq!(search_id_set(&store, "ab"), vec!["title"]);
    assert_eq!(search_id_set(&store, "AB"), vec!["title"]);
    assert_eq!(search_id_set(&store, "鍵"), vec!["common"]);
    assert_eq!(search_id_set(&store, "鍵 一覧"), vec!["common"]);
    assert_eq!(search_id_set(&store, "漏洩 末尾"), vec!["end"]);
    assert_eq!(search_id_set(&store, "漏洩 お知らせ"), vec!["end"]);
    assert!(search_id_set(&store, "盗難").is_empty());
    // A term no indexed document holds is still found in one waiting for the index.
    add(&mut store, "waiting", "続報", "盗難の届け出");
    assert_eq!(search_id_set(&store, "盗難"), vec!["waiting"]);
    assert_eq!(search_id_set(&store, "盗難 届け出"), vec!["waiting"]);
    store.index_pending().unwrap();
    assert_eq!(search_id_set(&store, "盗難"), vec!["waiting"]);
}

#[test]
fn a_common_short_term_is_answered_from_the_newest_documents_in_order() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    // 30 documents, one a day; every third holds 流出, every one holds 情報 (in the title
    // for the first ten, as "Info" in ASCII for the rest).
    for day in 1..=30u32 {
        let id = format!("d{day:02}");
        // Distinct texts: the same content is stored once.
        let text = if day % 3 == 0 {
            format!("{day}日、顧客の情報が流出した")
        } else {
            format!("{day}日、点検の結果を公表した")
        };
        let title = if day <= 10 {
            "情報のお知らせ"
        } else {
            "INFO notice"
        };
        let d = document(&id, title, &text, Some(&format!("2025-03-{day:02}")));
        store
            .ingest_document(&d, &extraction(&d, vec![]), &[])
            .unwrap();
    }
    store.index_pending().unwrap();
    // Ten hits asked for: the ten newest holding the term, newest first.
    assert_eq!(
        search_ids(&store, "流出"),
        vec!["d30", "d27", "d24", "d21", "d18", "d15", "d12", "d09", "d06", "d03"]
    );
    let hits: Vec<String> = store
        .search("info", 3)
        .unwrap()
        .into_iter()
        .map(|h| h.document.doc_id.0)
        .collect();
    assert_eq!(hits, vec!["d30", "d29", "d28"]);
    // Both terms: only the documents holding both.
    assert_eq!(
        search_ids(&store, "流出 情報"),
        vec!["d30", "d27", "d24", "d21", "d18", "d15", "d12", "d09", "d06", "d03"]
    );
    // A short term found nowhere beside a common one: nothing.
    assert!(search_ids(&store, "流出 盗難").is_empty());
}
