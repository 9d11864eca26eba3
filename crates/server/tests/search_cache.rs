//! Search results are reused for a moment, but a write through the server is seen at once: a
//! search, an upload of a document with the searched word, the same search again.

mod common;

use common::*;
use serde_json::Value;

fn hits(base: &str, token: &str, q: &str) -> usize {
    let (status, text) = get(&format!("{base}/api/v1/search?q={q}"), Some(token));
    assert_eq!(status, 200, "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    v["hits"].as_array().unwrap().len()
}

/// An analyst account in the database at `db`, and its API token.
fn analyst_token(db: &std::path::Path) -> String {
    let mut store = leakwatch_store::SqlStore::open(db).unwrap();
    leakwatch_app::accounts::add_user(
        &mut store,
        "ana",
        leakwatch_app::accounts::Role::Analyst,
        PASSWORD,
    )
    .unwrap();
    leakwatch_app::accounts::create_token(&mut store, "ana")
        .unwrap()
        .1
}

/// Uploads `text` through the API as a document named `name`.
fn upload(base: &str, token: &str, name: &str, text: &str) {
    let r = agent()
        .post(format!("{base}/api/v1/documents?name={name}"))
        .header("Authorization", format!("Bearer {token}"))
        .send(text.as_bytes())
        .unwrap();
    let (status, text) = body(r);
    assert!(status == 200 || status == 201, "{status} {text}");
}

#[test]
fn an_upload_is_found_by_the_search_that_was_just_cached() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.db");
    let token = analyst_token(&db);
    let mut config = config(&db);
    config.search_cache = std::time::Duration::from_secs(600);
    let (addr, stop, handle) = start(config);
    let base = format!("http://{addr}");
    let word = "%E3%81%BB%E3%81%9F%E3%82%8B%E3%81%B3%E9%9B%BB%E6%A9%9F"; // ほたるび電機
    assert_eq!(hits(&base, &token, word), 0);
    let release =
        "ほたるび電機株式会社\n2025年11月4日\n不正アクセスによる個人情報漏えいのお知らせ\n\
        当社サーバーが第三者による不正アクセスを受け、お客様の氏名とメールアドレス約2,000件が\
        流出した可能性があることが判明しました。";
    upload(&base, &token, "hotarubi.txt", release);
    assert_eq!(
        hits(&base, &token, word),
        1,
        "the cached empty answer was not reused"
    );
    stop.send(()).unwrap();
    handle.join().unwrap();
}

fn listed(base: &str, token: &str) -> usize {
    let (status, text) = get(&format!("{base}/api/v1/incidents?limit=50"), Some(token));
    assert_eq!(status, 200, "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    v["items"].as_array().unwrap().len()
}

#[test]
fn a_listing_page_is_reused_until_a_write_through_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("listing.db");
    let token = analyst_token(&db);
    let mut config = config(&db);
    config.listing_cache = std::time::Duration::from_secs(600);
    let (addr, stop, handle) = start(config);
    let base = format!("http://{addr}");
    assert_eq!(listed(&base, &token), 0);
    // A write by another process (the CLI) is not seen while the page is fresh…
    let release_a = "かげろう運輸株式会社\n2025年10月2日\n個人情報漏えいのお知らせ\n\
        当社の配送管理サーバーが不正アクセスを受け、お客様の氏名と住所約3,100件が流出した\
        可能性があることが判明しました。";
    let file = dir.path().join("a.txt");
    std::fs::write(&file, release_a).unwrap();
    let mut store = leakwatch_store::SqlStore::open(&db).unwrap();
    leakwatch_app::ingest_paths(
        &mut store,
        &leakwatch_extract::Extractor::new(),
        &[file],
        &leakwatch_ingest::Limits::default(),
        &leakwatch_app::progress::NoProgress,
    )
    .unwrap();
    drop(store);
    assert_eq!(listed(&base, &token), 0, "the cached page was answered");
    // …but a write through the server clears it at once.
    let release_b =
        "ほしぞら書房株式会社\n2025年11月4日\n不正アクセスによる個人情報漏えいのお知らせ\n\
        当社の通販サイトが第三者による不正アクセスを受け、お客様のメールアドレス約900件が\
        流出した可能性があることが判明しました。";
    upload(&base, &token, "hoshizora.txt", release_b);
    assert_eq!(listed(&base, &token), 2);
    stop.send(()).unwrap();
    handle.join().unwrap();
}
