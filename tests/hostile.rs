//! Issue 11 — hostile input and concurrency, end to end: the real `leakwatch` binary against
//! each of the eleven failures the attack run found (one test each, asserting the fixed
//! behaviour), plus `kill -9` at random points of `ingest` and `poll`. Time and memory bounds
//! are measured by `bench/hostile.sh`, not asserted here. Servers are on 127.0.0.1 only.

use leakwatch_testkit::http::{reply, Reply, Server as Http};
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- the binary

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_leakwatch"));
    cmd.env_remove("LEAKWATCH_DB")
        .env_remove("LEAKWATCH_CONFIG")
        .env_remove("LEAKWATCH_MAX_FILE_MB")
        .env_remove("LEAKWATCH_WEBHOOK_SECRET")
        .env_remove("LEAKWATCH_SMTP_PASSWORD")
        // Never a developer's own config: an empty one unless a test writes its own.
        .env("HOME", std::env::temp_dir())
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("leakwatch-no-config"),
        );
    cmd
}

struct Env {
    dir: tempfile::TempDir,
    db: PathBuf,
    config: PathBuf,
}

impl Env {
    fn new(config: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let config_path = dir.path().join("leakwatch.toml");
        std::fs::write(&config_path, config).unwrap();
        Env {
            db: dir.path().join("lw.db"),
            config: config_path,
            dir,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = bin();
        c.arg("--db")
            .arg(&self.db)
            .arg("--config")
            .arg(&self.config)
            .args(args);
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("leakwatch runs")
    }

    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "leakwatch {args:?} failed: {}\n{}",
            stderr(&out),
            stdout(&out)
        );
        out
    }

    fn sql(&self, query: &str) -> i64 {
        count(&self.db, query)
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// [`count`], or 0 when the database has no such table yet (killed before its first
/// migration committed).
fn count_or_zero(db: &Path, query: &str) -> i64 {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| conn.query_row(query, [], |r| r.get(0)))
        .unwrap_or(0)
}

/// `leakwatch list --json` length: the number of stored incidents.
fn incident_count(env: &Env) -> usize {
    let out = env.ok(&["list", "--json", "--limit", "100000"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array().map_or(0, Vec::len)
}

/// One number from the database, read-only.
fn count(db: &Path, query: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open read-only");
    conn.query_row(query, [], |r| r.get(0)).expect(query)
}

const RELEASE: &str = "株式会社テスト商事 お客様情報流出に関するお詫び\n\n\
2025年10月1日\n\n当社は2025年9月20日、第三者による不正アクセスを受け、お客様の氏名、メールアドレス\
最大1,234件が流出した可能性があることを確認いたしました。";

fn release(n: usize) -> String {
    format!(
        "株式会社テスト{n}商事 お客様情報流出に関するお詫び\n\n2025年10月{}日\n\n当社は2025年9月20日、\
         第三者による不正アクセスを受け、お客様の氏名、メールアドレス最大{}件が流出した可能性が\
         あることを確認いたしました。(詳細は別紙)\n",
        1 + n % 28,
        1000 + n
    )
}

// ---------------------------------------------------------------- 1: nested HTML

/// (1) 100k nested `<div>`s and 100k unclosed `<div><span><b>` are ingested with their text
/// (their time is measured by bench/hostile.sh).
#[test]
fn deeply_nested_html_is_ingested() {
    let env = Env::new("");
    let nested = format!(
        "<html><body>{}<p>{RELEASE}</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(env.path("nested.html"), nested).unwrap();
    let unclosed = format!(
        "<html><body>{}<p>{}</p></body></html>",
        "<div><span><b>".repeat(100_000),
        release(7)
    );
    std::fs::write(env.path("unclosed.html"), unclosed).unwrap();
    let out = env.ok(&[
        "ingest",
        "--json",
        env.path("nested.html").to_str().unwrap(),
        env.path("unclosed.html").to_str().unwrap(),
    ]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["new"], 2, "{summary}");
    let out = env.ok(&["search", "テスト商事"]);
    assert!(stdout(&out).contains("テスト商事"), "{}", stdout(&out));
}

// ---------------------------------------------------------------- 2: gzip bombs in a feed

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn rss(base: &str, links: &[&str]) -> String {
    let items: String = links
        .iter()
        .map(|l| format!("<item><title>お知らせ</title><link>{base}{l}</link></item>"))
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>\
         <link>{base}/</link><description>d</description>{items}</channel></rss>"
    )
}

/// (2) A gzip bomb (64 MiB of zeros in ~64 KB) and a page expanding past the limit are
/// refused by their decompressed size; the good item of the same feed is stored; the poisoned
/// item is not fetched again on the next poll.
#[test]
fn gzip_bombs_fail_alone_and_are_not_refetched_every_poll() {
    let bomb = Arc::new(gzip(&vec![0u8; 64 << 20]));
    let expanding = Arc::new(gzip(
        format!("<html><body><p>{}</p></body></html>", "あ".repeat(3 << 20)).as_bytes(),
    ));
    let hits = Arc::new(AtomicUsize::new(0));
    let h = hits.clone();
    let server = Http::start(move |req, _| match req.path.as_str() {
        "/feed.xml" => {
            let base = format!(
                "http://{}",
                req.headers.get("host").cloned().unwrap_or_default()
            );
            reply(
                200,
                "application/rss+xml",
                rss(&base, &["/bomb.html", "/big.html", "/good.html"]),
            )
        }
        "/bomb.html" | "/big.html" => {
            h.fetch_add(1, Ordering::SeqCst);
            let body = if req.path == "/bomb.html" {
                &bomb
            } else {
                &expanding
            };
            let mut r = reply(200, "text/html; charset=utf-8", body.as_slice());
            r.headers.push(("Content-Encoding".into(), "gzip".into()));
            r
        }
        _ => reply(
            200,
            "text/plain; charset=utf-8",
            RELEASE.as_bytes().to_vec(),
        ),
    });
    let env = Env::new("");
    env.ok(&["source", "add", "--rss", &server.url("/feed.xml")]);
    let out = env.run(&[
        "--max-file-mb",
        "2",
        "poll",
        "--once",
        "--json",
        "--host-delay-ms",
        "0",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let text = format!("{report}");
    assert!(text.contains("limit"), "{text}\n{}", stderr(&out));
    assert_eq!(env.sql("SELECT COUNT(*) FROM documents"), 1, "{text}");
    assert_eq!(hits.load(Ordering::SeqCst), 2);
    // Refused for their size: permanent, never fetched again.
    env.run(&[
        "--max-file-mb",
        "2",
        "poll",
        "--once",
        "--host-delay-ms",
        "0",
    ]);
    assert_eq!(hits.load(Ordering::SeqCst), 2);
    assert_eq!(env.sql("SELECT COUNT(*) FROM documents"), 1);
}

/// (2) A feed item that fails transiently is recorded with a retry time in the database and
/// skipped until then (not retried on every poll); the good item beside it is stored.
#[test]
fn a_failing_item_is_retried_on_a_schedule_not_every_poll() {
    let hits = Arc::new(AtomicUsize::new(0));
    let h = hits.clone();
    let server = Http::start(move |req, _| match req.path.as_str() {
        "/feed.xml" => {
            let base = format!(
                "http://{}",
                req.headers.get("host").cloned().unwrap_or_default()
            );
            reply(
                200,
                "application/rss+xml",
                rss(&base, &["/flaky.html", "/good.html"]),
            )
        }
        "/flaky.html" => {
            h.fetch_add(1, Ordering::SeqCst);
            reply(503, "text/plain", "busy")
        }
        _ => reply(
            200,
            "text/plain; charset=utf-8",
            RELEASE.as_bytes().to_vec(),
        ),
    });
    let env = Env::new("");
    env.ok(&["source", "add", "--rss", &server.url("/feed.xml")]);
    env.run(&[
        "poll",
        "--once",
        "--host-delay-ms",
        "0",
        "--timeout-secs",
        "5",
    ]);
    let first = hits.load(Ordering::SeqCst);
    assert!(first >= 1);
    assert_eq!(env.sql("SELECT COUNT(*) FROM documents"), 1);
    assert_eq!(
        env.sql("SELECT COUNT(*) FROM source_item_failures WHERE next_attempt_at IS NOT NULL"),
        1
    );
    env.run(&[
        "poll",
        "--once",
        "--host-delay-ms",
        "0",
        "--timeout-secs",
        "5",
    ]);
    assert_eq!(
        hits.load(Ordering::SeqCst),
        first,
        "retried before its time"
    );
}

// ---------------------------------------------------------------- 3: concurrent first use

/// (3) Four `ingest` processes on a fresh database, many times: none fails, no document lost.
#[test]
fn concurrent_ingests_on_a_new_database_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..4 {
        std::fs::write(dir.path().join(format!("r{n}.txt")), release(n)).unwrap();
    }
    for round in 0..10 {
        let db = dir.path().join(format!("round{round}.db"));
        let children: Vec<_> = (0..4)
            .map(|n| {
                bin()
                    .arg("--db")
                    .arg(&db)
                    .arg("--quiet")
                    .arg("ingest")
                    .arg(dir.path().join(format!("r{n}.txt")))
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", stderr(&out));
        }
        assert_eq!(count(&db, "SELECT COUNT(*) FROM documents"), 4);
    }
}

// ---------------------------------------------------------------- 4: lenient decoding

/// (4) A stray 0x80 or a cut last byte keeps the document (with a warning and the count);
/// an ISO-2022-JP page labelled UTF-8 is read as ISO-2022-JP; UTF-16LE without a BOM is text.
#[test]
fn a_few_bad_bytes_do_not_reject_a_document() {
    let env = Env::new("");
    let long = release(1).repeat(40);
    let mut stray = long.clone().into_bytes();
    stray.insert(stray.len() / 2, 0x80);
    std::fs::write(env.path("stray.txt"), &stray).unwrap();
    // Cut in the middle of the last (three-byte) character.
    let cut = release(2).repeat(40).trim_end().to_string() + "。";
    std::fs::write(env.path("cut.txt"), &cut.as_bytes()[..cut.len() - 1]).unwrap();
    let page = format!(
        "<html><head><meta charset=\"utf-8\"><title>お知らせ</title></head><body><p>{}</p></body></html>",
        release(3)
    );
    let jis = encoding_rs::ISO_2022_JP.encode(&page).0.into_owned();
    std::fs::write(env.path("jis.html"), jis).unwrap();
    let utf16: Vec<u8> = release(4)
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(env.path("utf16.txt"), utf16).unwrap();
    let out = env.ok(&[
        "ingest",
        "--json",
        env.path("stray.txt").to_str().unwrap(),
        env.path("cut.txt").to_str().unwrap(),
        env.path("jis.html").to_str().unwrap(),
        env.path("utf16.txt").to_str().unwrap(),
    ]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["new"], 4, "{summary}\n{}", stderr(&out));
    let warnings = summary["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2, "{summary}");
    assert!(
        stderr(&out).contains("1 invalid byte sequence(s) replaced"),
        "{}",
        stderr(&out)
    );
    for n in [3, 4] {
        let out = env.ok(&["search", &format!("テスト{n}商事")]);
        assert!(
            stdout(&out).contains(&format!("テスト{n}商事")),
            "{n}: {}",
            stdout(&out)
        );
    }
}

// ---------------------------------------------------------------- 5, 6: terminal and Markdown

/// (5) A page title with OSC/CSI escape sequences is printed without them by `search`, `show`
/// and the Markdown report; a file name with a newline does not fake a table row.
#[test]
fn escape_sequences_never_reach_the_terminal() {
    let env = Env::new("");
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
    let page = format!(
        "<html><head><title>株式会社テスト商事{evil}のお詫び</title></head><body><p>{RELEASE}</p></body></html>"
    );
    std::fs::write(env.path("evil.html"), page).unwrap();
    let odd = env.path("line\n99  2025-01-01  FAKE ROW.txt");
    std::fs::write(&odd, release(5)).unwrap();
    env.ok(&[
        "ingest",
        env.path("evil.html").to_str().unwrap(),
        odd.to_str().unwrap(),
    ]);
    let outputs = [
        env.ok(&["search", "テスト商事"]),
        env.ok(&["show", "1"]),
        env.ok(&["list"]),
        env.ok(&[
            "report",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--format",
            "md",
        ]),
    ];
    for out in &outputs {
        let text = stdout(out);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(
            !text.contains("\nFAKE") && !text.lines().any(|l| l.starts_with("99 ")),
            "{text}"
        );
    }
    assert!(stdout(&outputs[0]).contains("テスト商事"));
}

/// (6) A unit set by `edit` is escaped in the Markdown totals line like every other field.
#[test]
fn an_edited_unit_is_escaped_in_the_markdown_totals() {
    let env = Env::new("");
    std::fs::write(env.path("r.txt"), RELEASE).unwrap();
    env.ok(&["ingest", env.path("r.txt").to_str().unwrap()]);
    env.ok(&[
        "edit",
        "1",
        "--set",
        "affected_unit=<img src=x onerror=alert(1)>",
    ]);
    let out = env.ok(&[
        "report",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--format",
        "md",
    ]);
    let md = stdout(&out);
    // Every `<img` is escaped (the totals line included).
    assert_eq!(
        md.matches("<img").count(),
        md.matches("\\<img").count(),
        "{md}"
    );
    let totals = md.lines().find(|l| l.contains("被害件数の合計")).unwrap();
    assert!(
        totals.contains("\\<img src=x onerror=alert(1)\\>"),
        "{totals}"
    );
}

// ---------------------------------------------------------------- 7: secrets

/// (7) A TOML error does not print the secret's line; URL credentials do not appear in errors,
/// in `source list`, or in the stored `last_error`.
#[test]
fn secrets_are_never_echoed() {
    let env = Env::new("[notify]\nwebhook_secret = \"hunter2-topsecret\nstdout = true\n");
    let out = env.run(&["list"]);
    assert!(!out.status.success());
    assert!(!stderr(&out).contains("hunter2"), "{}", stderr(&out));
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));

    let env = Env::new("");
    // A closed port: the poll fails and the error is stored.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://alice:hunter2@127.0.0.1:{port}/feed.xml?token=t0ken");
    env.ok(&["source", "add", "--rss", &url]);
    let out = env.run(&[
        "poll",
        "--once",
        "--timeout-secs",
        "2",
        "--host-delay-ms",
        "0",
    ]);
    let list = env.ok(&["source", "list"]);
    let json = env.ok(&["source", "list", "--json"]);
    for text in [
        stdout(&out),
        stderr(&out),
        stdout(&list),
        stderr(&list),
        stdout(&json),
    ] {
        assert!(
            !text.contains("hunter2") && !text.contains("t0ken"),
            "{text}"
        );
    }
    let stored: String = rusqlite::Connection::open(&env.db)
        .unwrap()
        .query_row("SELECT ifnull(last_error, '') FROM sources", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(
        !stored.is_empty() && !stored.contains("hunter2"),
        "{stored}"
    );
}

// ---------------------------------------------------------------- 8: deliveries

/// A webhook that accepts connections and never answers.
fn silent_webhook() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let c = connections.clone();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            c.fetch_add(1, Ordering::SeqCst);
            held.push(stream); // never answered, never closed
        }
    });
    (url, connections)
}

/// (8) Alerts to a webhook that never answers: each delivery ends at its deadline, the run
/// does not try every alert against the dead endpoint, and the retry is scheduled in the
/// database (an immediate second run does not connect again).
#[test]
fn a_silent_webhook_does_not_block_watch_scan() {
    let (url, connections) = silent_webhook();
    let env = Env::new(&format!(
        "[notify]\nstdout = false\nwebhook_url = \"{url}\"\ntimeout_secs = 1\n"
    ));
    for n in 0..3 {
        std::fs::write(env.path(&format!("r{n}.txt")), release(n)).unwrap();
    }
    env.ok(&["watch", "add", "株式会社テスト0商事"]);
    env.ok(&["watch", "add", "株式会社テスト1商事"]);
    env.ok(&["watch", "add", "株式会社テスト2商事"]);
    let started = Instant::now();
    env.run(&[
        "ingest",
        env.path("r0.txt").to_str().unwrap(),
        env.path("r1.txt").to_str().unwrap(),
        env.path("r2.txt").to_str().unwrap(),
    ]);
    env.run(&["watch", "scan"]);
    let elapsed = started.elapsed();
    assert_eq!(env.sql("SELECT COUNT(*) FROM alerts"), 3);
    assert_eq!(
        env.sql("SELECT COUNT(*) FROM alert_deliveries WHERE delivered_at IS NULL"),
        3
    );
    let scheduled = env.sql(
        "SELECT COUNT(*) FROM alert_deliveries WHERE attempts > 0 AND next_attempt_at IS NOT NULL",
    );
    assert!(scheduled >= 1, "no retry scheduled");
    let tried = connections.load(Ordering::SeqCst);
    assert!((1..=4).contains(&tried), "{tried} connections");
    env.run(&["watch", "scan"]);
    assert_eq!(
        connections.load(Ordering::SeqCst),
        tried,
        "retried before its time"
    );
    eprintln!("three alerts to a silent webhook: {elapsed:?}");
}

// ---------------------------------------------------------------- 9: unbounded reads

fn wait_with_deadline(mut child: std::process::Child, deadline: Duration) -> Output {
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            panic!("leakwatch still running after {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// (9) `--config /dev/zero`, `watch import /dev/zero` and a FIFO as either are refused at
/// once (a regression would fill memory or hang; the deadline here only detects a hang).
#[test]
fn devices_and_fifos_are_refused_as_config_and_import_files() {
    let env = Env::new("");
    let fifo = env.path("fifo");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let mut cases: Vec<Vec<String>> = vec![
        vec!["--config".into(), "/dev/zero".into(), "list".into()],
        vec!["watch".into(), "import".into(), "/dev/zero".into()],
    ];
    if made {
        cases.push(vec![
            "--config".into(),
            fifo.display().to_string(),
            "list".into(),
        ]);
        cases.push(vec![
            "watch".into(),
            "import".into(),
            fifo.display().to_string(),
        ]);
    }
    for args in cases {
        let child = bin()
            .arg("--db")
            .arg(&env.db)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = wait_with_deadline(child, Duration::from_secs(60));
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
    }
}

// ---------------------------------------------------------------- 10: roots and foreign files

/// (10) A symlink to a file outside the ingested folder is not stored (nor with --follow);
/// a foreign SQLite file given as --db is refused and left untouched.
#[cfg(unix)]
#[test]
fn ingest_stays_inside_its_roots_and_foreign_databases_are_refused() {
    let env = Env::new("");
    let folder = env.path("docs");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("r.txt"), RELEASE).unwrap();
    let secret = env.path("secret.txt");
    std::fs::write(
        &secret,
        "root:x:0:0:秘密のパスワードファイル:/root:/bin/bash\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&secret, folder.join("passwd.txt")).unwrap();
    env.run(&["ingest", folder.to_str().unwrap()]);
    env.run(&["ingest", "--follow", folder.to_str().unwrap()]);
    assert_eq!(env.sql("SELECT COUNT(*) FROM documents"), 1);
    let out = env.ok(&["search", "パスワード"]);
    assert!(!stdout(&out).contains("passwd"), "{}", stdout(&out));

    let foreign = env.path("photos.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
        .unwrap();
    let out = bin()
        .arg("--db")
        .arg(&foreign)
        .args(["ingest", folder.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not a leakwatch database"),
        "{}",
        stderr(&out)
    );
    let tables: i64 = count(&foreign, "SELECT COUNT(*) FROM sqlite_master");
    assert_eq!(tables, 1);
}

// ---------------------------------------------------------------- 11: smaller ones

/// (11) `list --since +10000-01-01` lists nothing (and `--until` it lists everything);
/// `search '('` finds the documents holding "("; a non-http webhook is refused at load.
#[test]
fn out_of_range_dates_brackets_and_non_http_webhooks() {
    let env = Env::new("");
    for n in 0..3 {
        std::fs::write(env.path(&format!("r{n}.txt")), release(n)).unwrap();
    }
    env.ok(&[
        "ingest",
        env.path("r0.txt").to_str().unwrap(),
        env.path("r1.txt").to_str().unwrap(),
        env.path("r2.txt").to_str().unwrap(),
    ]);
    let total = incident_count(&env);
    assert!(total >= 3);
    let list = |args: &[&str]| -> usize {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        let out = env.ok(&all);
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .unwrap()
            .as_array()
            .map_or(0, Vec::len)
    };
    assert_eq!(list(&["--since", "+10000-01-01"]), 0);
    assert_eq!(list(&["--until", "+10000-01-01"]), total);
    let out = env.ok(&["search", "--json", "("]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits.as_array().map_or(0, Vec::len), 3, "{hits}");

    let bad = Env::new("[notify]\nwebhook_url = \"ftp://hooks.invalid/x\"\n");
    let out = bad.run(&["list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("webhook_url"), "{}", stderr(&out));
}

// ---------------------------------------------------------------- kill -9

/// A small deterministic generator (no dependency): xorshift.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn integrity_ok(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let fk: i64 = conn
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0);
    // Killed before the first migration committed: an empty (new) database.
    let tables: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'incidents'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    if tables == 0 {
        return;
    }
    // Every incident has a source.
    let orphans: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM incidents i WHERE NOT EXISTS
               (SELECT 1 FROM incident_sources s WHERE s.incident_id = i.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
}

/// Runs `cmd()` and kills it with SIGKILL after a random delay, again and again, until
/// `wanted` runs were killed while still working (a run that finishes first is a complete
/// run; when one finds nothing left to do, `reset` starts from an empty database). After each
/// kill the database passes an integrity check. Returns the number of kills.
fn kill_loop(
    rng: &mut Rng,
    db: &Path,
    wanted: usize,
    cmd: &dyn Fn() -> Command,
    reset: &dyn Fn(),
    done: &dyn Fn() -> bool,
) -> usize {
    let mut kills = 0;
    for _ in 0..200 {
        if kills >= wanted {
            break;
        }
        if db.exists() && done() {
            reset();
        }
        let mut child = cmd()
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(5 + rng.below(700)));
        if child.try_wait().unwrap().is_none() {
            kills += 1;
        }
        child.kill().ok(); // SIGKILL
        child.wait().ok();
        if db.exists() {
            integrity_ok(db);
        }
    }
    kills
}

/// `kill -9` at random points of `ingest` (12 kills while working) and of `poll` (12), each
/// followed by an integrity check; complete runs afterwards reach exactly the counts of runs
/// that were never killed.
#[test]
fn kill_9_at_random_points_of_ingest_and_poll_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    const N: usize = 200;
    for n in 0..N {
        std::fs::write(docs.join(format!("r{n:03}.txt")), release(n)).unwrap();
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let ingest = |db: &Path| {
        let mut c = bin();
        c.arg("--db").arg(db).args(["--quiet", "ingest"]).arg(&docs);
        c
    };

    // ingest: the reference is one uninterrupted run.
    let reference = dir.path().join("ingest-reference.db");
    let out = ingest(&reference).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let ref_docs = count(&reference, "SELECT COUNT(*) FROM documents");
    let ref_incidents = count(&reference, "SELECT COUNT(*) FROM incidents");
    assert_eq!(ref_docs, N as i64);
    let killed = dir.path().join("ingest-killed.db");
    let ingest_kills = kill_loop(
        &mut rng,
        &killed,
        12,
        &|| ingest(&killed),
        &|| {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", killed.display()));
            }
        },
        &|| count_or_zero(&killed, "SELECT COUNT(*) FROM documents") == N as i64,
    );
    let out = ingest(&killed).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    integrity_ok(&killed);
    assert_eq!(count(&killed, "SELECT COUNT(*) FROM documents"), ref_docs);
    assert_eq!(
        count(&killed, "SELECT COUNT(*) FROM incidents"),
        ref_incidents
    );

    // poll: the same kind of documents served as a feed.
    let served = Arc::new((0..N).map(|n| release(N + n)).collect::<Vec<String>>());
    let s2 = served.clone();
    let server = Http::start(move |req, _| {
        if req.path == "/feed.xml" {
            let base = format!(
                "http://{}",
                req.headers.get("host").cloned().unwrap_or_default()
            );
            let links: Vec<String> = (0..s2.len()).map(|n| format!("/p/{n}")).collect();
            let refs: Vec<&str> = links.iter().map(String::as_str).collect();
            return reply(200, "application/rss+xml", rss(&base, &refs));
        }
        let n: usize = req
            .path
            .trim_start_matches("/p/")
            .parse()
            .unwrap_or(usize::MAX);
        match s2.get(n) {
            Some(text) => reply(200, "text/plain; charset=utf-8", text.as_bytes().to_vec()),
            None => Reply {
                status: 404,
                headers: Vec::new(),
                body: Vec::new(),
            },
        }
    });
    let feed = server.url("/feed.xml");
    let add_source = |db: &Path| {
        let out = bin()
            .arg("--db")
            .arg(db)
            .args(["--quiet", "source", "add", "--rss", &feed])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    };
    let poll = |db: &Path| {
        let mut c = bin();
        c.arg("--db")
            .arg(db)
            .args(["--quiet", "poll", "--once", "--host-delay-ms", "0"]);
        c
    };
    // A poll fetches at most 50 new items; the rest come with the next polls.
    let poll_until_done = |db: &Path| {
        for _ in 0..20 {
            let before = count(db, "SELECT COUNT(*) FROM source_items");
            let out = poll(db).output().unwrap();
            assert!(out.status.success(), "{}", stderr(&out));
            if count(db, "SELECT COUNT(*) FROM source_items") == before {
                break;
            }
        }
    };
    let reference = dir.path().join("poll-reference.db");
    add_source(&reference);
    poll_until_done(&reference);
    let ref_docs = count(&reference, "SELECT COUNT(*) FROM documents");
    let ref_incidents = count(&reference, "SELECT COUNT(*) FROM incidents");
    let ref_items = count(&reference, "SELECT COUNT(*) FROM source_items");
    assert_eq!(ref_docs, N as i64);
    let killed = dir.path().join("poll-killed.db");
    add_source(&killed);
    let poll_kills = kill_loop(
        &mut rng,
        &killed,
        12,
        &|| poll(&killed),
        &|| {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", killed.display()));
            }
            add_source(&killed);
        },
        &|| count_or_zero(&killed, "SELECT COUNT(*) FROM source_items") == N as i64,
    );
    poll_until_done(&killed);
    integrity_ok(&killed);
    assert_eq!(count(&killed, "SELECT COUNT(*) FROM documents"), ref_docs);
    assert_eq!(
        count(&killed, "SELECT COUNT(*) FROM incidents"),
        ref_incidents
    );
    assert_eq!(
        count(&killed, "SELECT COUNT(*) FROM source_items"),
        ref_items
    );

    assert!(
        ingest_kills >= 12 && poll_kills >= 12,
        "{ingest_kills} ingest and {poll_kills} poll runs killed while working"
    );
    eprintln!("killed {ingest_kills} ingest and {poll_kills} poll runs mid-way");
}
