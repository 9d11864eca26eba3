//! `leakwatch copy --to DB` (issue 12): a database with documents, incidents, an analyst merge
//! and correction (audit log), a watchlist, a source and alerts is copied into a new file (and,
//! given `LEAKWATCH_TEST_POSTGRES`, into PostgreSQL and back); every export of the copy equals
//! the original's: list, every incident's `show --json`, organisations, watchlist, sources,
//! alerts and search.

use std::path::Path;
use std::process::{Command, Output};

fn bin(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leakwatch"))
        .env_remove("LEAKWATCH_DB")
        .env("LEAKWATCH_CONFIG", "/dev/null")
        .arg("--quiet")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("leakwatch runs")
}

fn ok(db: &str, args: &[&str]) -> String {
    let out = bin(db, args);
    assert!(
        out.status.success(),
        "leakwatch {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Everything the database can be asked, as text.
fn exports(db: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let list = ok(db, &["list", "--json"]);
    let ids: Vec<i64> = serde_json::from_str::<Vec<serde_json::Value>>(&list)
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    out.push(("list".into(), list));
    for id in ids {
        out.push((
            format!("show {id}"),
            ok(db, &["show", &id.to_string(), "--json"]),
        ));
    }
    for args in [
        &["orgs", "--json"][..],
        &["watch", "list", "--json"],
        &["source", "list"],
        &["alerts", "--json"],
        &["report", "--month", "2025-09", "--format", "json"],
    ] {
        out.push((args.join(" "), ok(db, args)));
    }
    // Search ranks differently per backend: compare the documents found.
    let mut found: Vec<String> = ok(db, &["search", "不正アクセス", "--json"])
        .lines()
        .filter(|l| l.contains("\"doc_id\""))
        .map(|l| l.trim().to_string())
        .collect();
    found.sort();
    out.push(("search".into(), found.join("\n")));
    out
}

fn build(db: &str) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/documents");
    ok(db, &["watch", "add", "株式会社みなと物流"]);
    ok(db, &["watch", "add", "青葉市", "--list", "municipal"]);
    ok(
        db,
        &[
            "source",
            "add",
            "--rss",
            "http://127.0.0.1:9/feed.xml",
            "--name",
            "feed",
        ],
    );
    ok(db, &["ingest", examples.to_str().unwrap()]);
    ok(
        db,
        &[
            "edit",
            "4",
            "--merge",
            "5",
            "--reason",
            "the university belongs to the school corporation",
        ],
    );
    ok(
        db,
        &[
            "edit",
            "1",
            "--set",
            "affected_count=5000",
            "--reason",
            "3rd report",
        ],
    );
}

fn assert_same(a: &[(String, String)], b: &[(String, String)]) {
    assert_eq!(a.len(), b.len());
    for ((what, x), (_, y)) in a.iter().zip(b) {
        assert_eq!(x, y, "{what} differs after the copy");
    }
}

#[test]
fn a_copy_answers_every_query_as_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("a.db").display().to_string();
    let copy = dir.path().join("b.db").display().to_string();
    build(&original);
    let before = exports(&original);
    assert!(before.len() > 10, "{} exports", before.len());
    ok(&original, &["copy", "--to", &copy]);
    assert_same(&before, &exports(&copy));
    // The copy keeps working: new ids continue after the copied ones.
    let extra = dir.path().join("extra.txt");
    std::fs::write(
        &extra,
        "2025年9月30日\n株式会社コピー検証商事\n不正アクセスによる個人情報漏えいのお知らせ\n\
         当社サーバーが不正アクセスを受け、顧客情報約300件が流出した可能性があります。\n",
    )
    .unwrap();
    ok(&copy, &["ingest", extra.to_str().unwrap()]);
    // A non-empty target is refused.
    let again = bin(&original, &["copy", "--to", &copy]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));

    let Ok(base) = std::env::var("LEAKWATCH_TEST_POSTGRES") else {
        eprintln!("skipped copying through PostgreSQL: LEAKWATCH_TEST_POSTGRES is unset");
        return;
    };
    let name = format!("lw_copy_{}", std::process::id());
    let mut admin = postgres::Client::connect(&base, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let pg = match base.split_once('?') {
        Some((head, query)) => format!("{}/{name}?{query}", &head[..head.rfind('/').unwrap()]),
        None => format!("{}/{name}", &base[..base.rfind('/').unwrap()]),
    };
    ok(&original, &["copy", "--to", &pg]);
    assert_same(&before, &exports(&pg));
    let back = dir.path().join("back.db").display().to_string();
    ok(&pg, &["copy", "--to", &back]);
    assert_same(&before, &exports(&back));
}
