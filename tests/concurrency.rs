//! Several leakwatch processes on one database (issue 12): 4 `ingest` runs of the same
//! directory and 3 `poll --once` workers over the same feeds (a loopback HTTP server), all at
//! once. Every document is stored once, incidents match a sequential run exactly, and every
//! feed item page is fetched by exactly one worker. On SQLite always; on PostgreSQL when
//! `LEAKWATCH_TEST_POSTGRES` holds a URL (`bench/with-postgres.sh cargo test --test
//! concurrency`), otherwise that test prints a notice and passes.

use leakwatch_store::{DbLocation, StoreCounts};
use leakwatch_testkit::http::{reply, Server as Http};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FEEDS: usize = 3;
const PAGES_PER_FEED: usize = 4;
const INGESTERS: usize = 4;
const POLLERS: usize = 3;

fn bin(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leakwatch"))
        .env_remove("LEAKWATCH_DB")
        .env_remove("LEAKWATCH_CONFIG")
        .env("LEAKWATCH_CONFIG", "/dev/null")
        .arg("--quiet")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("leakwatch runs")
}

fn ok(db: &str, args: &[&str]) -> Output {
    let out = bin(db, args);
    assert!(
        out.status.success(),
        "leakwatch {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The pages the feeds list: the development set's releases (text), one per path.
fn pages() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dev2");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .take(FEEDS * PAGES_PER_FEED)
        .enumerate()
        .map(|(i, p)| (format!("/p/{i}.txt"), std::fs::read_to_string(p).unwrap()))
        .collect()
}

fn site() -> Http {
    let pages = pages();
    Http::start(move |req, _| {
        let host = format!(
            "http://{}",
            req.headers.get("host").cloned().unwrap_or_default()
        );
        if let Some(n) = req
            .path
            .strip_prefix("/feed")
            .and_then(|r| r.strip_suffix(".xml"))
            .and_then(|n| n.parse::<usize>().ok())
        {
            let items: String = pages
                .iter()
                .skip(n * PAGES_PER_FEED)
                .take(PAGES_PER_FEED)
                .map(|(path, _)| {
                    format!(
                        "<item><title>お知らせ</title><link>{host}{path}</link>\
                         <guid>{host}{path}</guid></item>"
                    )
                })
                .collect();
            return reply(
                200,
                "application/rss+xml; charset=utf-8",
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
                     <title>feed {n}</title><link>{host}/</link><description>d</description>\
                     {items}</channel></rss>"
                ),
            );
        }
        match pages.iter().find(|(p, _)| *p == req.path) {
            Some((_, text)) => reply(200, "text/plain; charset=utf-8", text.clone()),
            None => reply(404, "text/plain", "not found"),
        }
    })
}

fn add_sources(db: &str, http: &Http) {
    for n in 0..FEEDS {
        ok(
            db,
            &[
                "source",
                "add",
                "--rss",
                &http.url(&format!("/feed{n}.xml")),
                "--name",
                &format!("feed{n}"),
            ],
        );
    }
}

fn examples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/documents")
        .display()
        .to_string()
}

fn counts(db: &str) -> (StoreCounts, Vec<String>) {
    let store = leakwatch_store::open(&DbLocation::parse(Path::new(db)).unwrap()).unwrap();
    let mut names: Vec<String> = store
        .list_incidents(&Default::default())
        .unwrap()
        .into_iter()
        .map(|i| format!("{} {}", i.organization, i.sources))
        .collect();
    names.sort();
    (store.counts().unwrap(), names)
}

/// The counts of one ingest and one poll, one after the other.
fn sequential(db: &str) -> (StoreCounts, Vec<String>) {
    let http = site();
    add_sources(db, &http);
    ok(db, &["ingest", &examples()]);
    ok(db, &["poll", "--once"]);
    counts(db)
}

/// Everything at once; returns the counts and how often each page was fetched.
fn concurrent(db: &str) -> ((StoreCounts, Vec<String>), Vec<usize>) {
    let http = site();
    add_sources(db, &http);
    let examples = examples();
    std::thread::scope(|scope| {
        let mut runs = Vec::new();
        for _ in 0..INGESTERS {
            runs.push(scope.spawn(|| bin(db, &["ingest", &examples])));
        }
        for _ in 0..POLLERS {
            runs.push(scope.spawn(|| bin(db, &["poll", "--once"])));
        }
        for r in runs {
            let out = r.join().unwrap();
            assert!(
                out.status.success(),
                "a concurrent run failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    });
    let fetches = pages()
        .iter()
        .map(|(path, _)| http.requests(path).len())
        .collect();
    (counts(db), fetches)
}

fn check(reference: &(StoreCounts, Vec<String>), db: &str) {
    let (got, fetches) = concurrent(db);
    assert_eq!(got.0, reference.0, "documents / incidents / sources");
    assert_eq!(got.1, reference.1, "incidents and their source counts");
    assert!(
        reference.0.documents as usize > FEEDS * PAGES_PER_FEED,
        "the examples and every page are documents: {:?}",
        reference.0
    );
    assert!(
        fetches.iter().all(|&n| n == 1),
        "each page fetched by exactly one worker: {fetches:?}"
    );
}

#[test]
fn sqlite_four_ingesters_and_three_pollers_store_everything_once() {
    let dir = tempfile::tempdir().unwrap();
    let seq = dir.path().join("seq.db").display().to_string();
    let conc = dir.path().join("conc.db").display().to_string();
    let reference = sequential(&seq);
    check(&reference, &conc);
}

#[test]
fn postgres_four_ingesters_and_three_pollers_store_everything_once() {
    let Ok(base) = std::env::var("LEAKWATCH_TEST_POSTGRES") else {
        eprintln!("skipped the PostgreSQL concurrency test: LEAKWATCH_TEST_POSTGRES is unset");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let seq = dir.path().join("seq.db").display().to_string();
    let reference = sequential(&seq);
    let name = format!("lw_concurrency_{}", std::process::id());
    let mut admin = postgres::Client::connect(&base, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let url = match base.split_once('?') {
        Some((head, query)) => format!("{}/{name}?{query}", &head[..head.rfind('/').unwrap()]),
        None => format!("{}/{name}", &base[..base.rfind('/').unwrap()]),
    };
    check(&reference, &url);
}
