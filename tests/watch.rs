//! End-to-end tests of sources, watchlists, alerts and playbooks: the real `leakwatch` binary
//! against a local HTTP server (feeds and pages, also the webhook receiver) and a local SMTP
//! sink, all on 127.0.0.1 with random ports. Fictional Japanese releases written for these
//! tests. Must not reach any other address.

use leakwatch_testkit::http::{reply, Reply, Server as Http};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- the binary

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_leakwatch"));
    cmd.env_remove("LEAKWATCH_DB")
        .env_remove("LEAKWATCH_CONFIG")
        .env_remove("LEAKWATCH_MAX_FILE_MB")
        .env_remove("LEAKWATCH_WEBHOOK_SECRET")
        .env_remove("LEAKWATCH_SMTP_PASSWORD");
    cmd
}

struct Env {
    _dir: tempfile::TempDir,
    db: PathBuf,
    config: PathBuf,
    root: PathBuf,
}

impl Env {
    fn new(config: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let config_path = root.join("leakwatch.toml");
        std::fs::write(&config_path, config).unwrap();
        Env {
            db: root.join("lw.db"),
            config: config_path,
            root,
            _dir: dir,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        bin()
            .arg("--db")
            .arg(&self.db)
            .arg("--config")
            .arg(&self.config)
            .args(args)
            .output()
            .expect("leakwatch runs")
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
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

// ---------------------------------------------------------------- a local SMTP sink

struct Smtp {
    port: u16,
    messages: Arc<Mutex<Vec<String>>>,
}

impl Smtp {
    fn start() -> Smtp {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let messages: Arc<Mutex<Vec<String>>> = Arc::default();
        let m2 = messages.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let m = m2.clone();
                std::thread::spawn(move || smtp_session(stream, &m));
            }
        });
        Smtp { port, messages }
    }

    fn messages(&self) -> Vec<String> {
        self.messages.lock().unwrap().clone()
    }
}

/// Speaks just enough SMTP (220/250/354/221) to accept messages and keep them.
fn smtp_session(stream: TcpStream, messages: &Mutex<Vec<String>>) {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut out = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let _ = out.write_all(b"220 sink.invalid ESMTP test sink\r\n");
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let cmd = line.trim_end().to_ascii_uppercase();
        let answer: &[u8] = if cmd.starts_with("EHLO") {
            b"250-sink.invalid\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if cmd.starts_with("HELO") || cmd.starts_with("MAIL") || cmd.starts_with("RCPT") {
            b"250 OK\r\n"
        } else if cmd.starts_with("DATA") {
            let _ = out.write_all(b"354 end with .\r\n");
            let mut data = String::new();
            loop {
                let mut l = String::new();
                match reader.read_line(&mut l) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                if l == ".\r\n" || l == ".\n" {
                    break;
                }
                data.push_str(l.strip_prefix('.').unwrap_or(&l));
            }
            messages.lock().unwrap().push(data);
            b"250 queued\r\n"
        } else if cmd.starts_with("QUIT") {
            let _ = out.write_all(b"221 bye\r\n");
            return;
        } else if cmd.starts_with("RSET") || cmd.starts_with("NOOP") {
            b"250 OK\r\n"
        } else {
            b"502 not implemented\r\n"
        };
        let _ = out.write_all(answer);
    }
}

/// Decodes the body of a captured message (base64 or quoted-printable, as lettre chose).
fn mail_text(raw: &str) -> String {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
    let head_l = head.to_ascii_lowercase();
    let decoded = if head_l.contains("content-transfer-encoding: base64") {
        base64_decode(&body.replace(['\r', '\n'], ""))
    } else if head_l.contains("content-transfer-encoding: quoted-printable") {
        qp_decode(body)
    } else {
        body.as_bytes().to_vec()
    };
    format!("{head}\n\n{}", String::from_utf8_lossy(&decoded))
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a') as u32 + 26,
            b'0'..=b'9' => (c - b'0') as u32 + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let Some(v) = val(c) else { continue };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn qp_decode(s: &str) -> Vec<u8> {
    let b = s.replace("=\r\n", "").replace("=\n", "");
    let bytes = b.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(&b[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

// ---------------------------------------------------------------- fictional releases

/// A card-data leak at 株式会社ミナトリテール (served in Shift_JIS, declared only in <meta>).
const MINATO_CARD: &str = "<!DOCTYPE html><html><head><meta charset=\"Shift_JIS\">\
<title>不正アクセスによるお客様のクレジットカード情報漏えいに関するお詫びとお知らせ</title></head><body>\
<nav>ホーム | 会社案内 | ニュース</nav>\
<h1>不正アクセスによるお客様のクレジットカード情報漏えいに関するお詫びとお知らせ</h1>\
<p>2025年10月20日</p><p>株式会社ミナトリテール</p>\
<p>このたび、株式会社ミナトリテールが運営する通販サイトが第三者による不正アクセスを受け、\
お客様のクレジットカード情報(最大3,150件)が漏えいした可能性があることが判明いたしました。</p>\
<p>漏えいした可能性のある情報は、カード名義人名、クレジットカード番号、有効期限、セキュリティコードです。</p>\
<p>お客様には多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。</p>\
<footer>Copyright 株式会社ミナトリテール</footer></body></html>";

/// Ransomware at an unrelated manufacturer (UTF-8, charset only in the Content-Type header).
const YAMABIKO_RANSOM: &str =
    "<html><head><title>ランサムウェア被害に関するお知らせ</title></head><body>\
<p>2025年10月22日</p><p>株式会社ヤマビコ製作所</p>\
<p>このたび、株式会社ヤマビコ製作所が運用する社内サーバーがランサムウェアに感染し、\
お取引先様の氏名、メールアドレス(約2,400件)が漏えいした可能性があることが判明いたしました。</p>\
</body></html>";

fn rss2(base: &str, paths: &[&str]) -> String {
    let items: String = paths
        .iter()
        .map(|p| {
            format!(
                "<item><title>お知らせ</title><link>{base}{p}</link><guid>{base}{p}</guid>\
                 <pubDate>Mon, 20 Oct 2025 09:00:00 +0900</pubDate></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
         <title>ニュースリリース</title><link>{base}/</link><description>お知らせ</description>\
         {items}</channel></rss>"
    )
}

fn sjis(text: &str) -> Vec<u8> {
    encoding_rs::SHIFT_JIS.encode(text).0.into_owned()
}

const SECRET: &str = "test-webhook-secret";

/// The news site: an RSS 2.0 feed (with ETag/Last-Modified, 304 when unchanged), its pages,
/// and a webhook receiver at /hook.
fn news_site() -> Http {
    Http::start(|req, nth| {
        let host = format!(
            "http://{}",
            req.headers.get("host").cloned().unwrap_or_default()
        );
        match (req.method.as_str(), req.path.as_str()) {
            // The receiver fails once: the webhook notifier retries.
            ("POST", "/hook") if nth == 1 => reply(503, "text/plain", "busy"),
            ("POST", "/hook") => reply(200, "text/plain", "ok"),
            (_, "/feed.xml") => {
                if req.headers.get("if-none-match").map(String::as_str) == Some("\"feed-v1\"") {
                    return Reply {
                        status: 304,
                        headers: vec![],
                        body: vec![],
                    };
                }
                let mut r = reply(
                    200,
                    "application/rss+xml; charset=utf-8",
                    rss2(&host, &["/news/minato.html", "/news/yamabiko.html"]),
                );
                r.headers.push(("ETag".into(), "\"feed-v1\"".into()));
                r.headers.push((
                    "Last-Modified".into(),
                    "Mon, 20 Oct 2025 00:00:00 GMT".into(),
                ));
                r
            }
            (_, "/news/minato.html") => reply(200, "text/html", sjis(MINATO_CARD)),
            (_, "/news/yamabiko.html") => reply(200, "text/html; charset=utf-8", YAMABIKO_RANSOM),
            _ => reply(404, "text/plain", "not found"),
        }
    })
}

fn notify_config(http: &Http, smtp: &Smtp) -> String {
    format!(
        "[notify]\nstdout = true\nlang = \"ja\"\nwebhook_url = \"{}\"\nwebhook_secret = \"{SECRET}\"\n\
         smtp_host = \"127.0.0.1\"\nsmtp_port = {}\nsmtp_security = \"none\"\n\
         smtp_from = \"leakwatch@example.invalid\"\nsmtp_to = [\"security@example.invalid\"]\n\
         retry_secs = 0\n",
        http.url("/hook"),
        smtp.port
    )
}

fn list_json(env: &Env) -> Vec<Value> {
    let out = env.ok(&["list", "--json"]);
    serde_json::from_slice(&out.stdout).unwrap()
}

// ---------------------------------------------------------------- the done-when story

#[test]
fn story_feed_watch_poll_alerts_each_notifier_once() {
    let http = news_site();
    let smtp = Smtp::start();
    let env = Env::new(&notify_config(&http, &smtp));

    env.ok(&[
        "source",
        "add",
        "--rss",
        &http.url("/feed.xml"),
        "--name",
        "news",
        "--every",
        "30m",
    ]);
    env.ok(&[
        "watch",
        "add",
        "ミナトリテール株式会社",
        "--alias",
        "ミナトマルシェ",
        "--kind",
        "service",
    ]);
    let first = env.ok(&["poll", "--once", "--host-delay-ms", "0"]);
    let out = stdout(&first);

    // Incidents were ingested from both pages (Shift_JIS and UTF-8).
    let incidents = list_json(&env);
    let orgs: Vec<&str> = incidents
        .iter()
        .filter_map(|i| i["organization"].as_str())
        .collect();
    assert!(
        orgs.iter().any(|o| o.contains("ミナトリテール")),
        "{orgs:?}\n{}",
        stderr(&first)
    );
    assert!(
        orgs.iter().any(|o| o.contains("ヤマビコ製作所")),
        "{orgs:?}"
    );

    // stdout: one alert, with the card checklist.
    assert_eq!(out.matches("== ALERT").count(), 1, "{out}");
    assert!(out.contains("ミナトリテール"), "{out}");
    assert!(out.contains("3〜6ヶ月"), "{out}");
    assert!(out.contains("社用カードの棚卸し"), "{out}");

    // Webhook: one signed POST answered 503: not retried in a loop but scheduled (here for
    // the next run, `retry_secs = 0`); the next run delivers it.
    assert_eq!(http.requests("/hook").len(), 1);
    assert!(stderr(&first).contains("will retry"), "{}", stderr(&first));
    env.ok(&["watch", "scan"]);
    let hooks = http.requests("/hook");
    assert_eq!(hooks.len(), 2);
    assert_eq!(hooks[0].body, hooks[1].body);
    let hook = &hooks[1];
    let expected = format!(
        "sha256={}",
        leakwatch_watch::sign(SECRET.as_bytes(), &hook.body)
    );
    assert_eq!(hook.headers["x-leakwatch-signature"], expected);
    assert_eq!(hook.headers["content-type"], "application/json");
    let payload: Value = serde_json::from_slice(&hook.body).unwrap();
    assert_eq!(payload["type"], "leakwatch.alert");
    assert!(payload["alert"]["organization"]
        .as_str()
        .unwrap()
        .contains("ミナトリテール"));
    assert_eq!(payload["alert"]["playbooks"][0], "card");
    assert!(payload["text"].as_str().unwrap().contains("番号変更"));

    // SMTP: one message with the checklist.
    let mails = smtp.messages();
    assert_eq!(mails.len(), 1);
    let mail = mail_text(&mails[0]);
    assert!(mail.contains("security@example.invalid"), "{mail}");
    assert!(mail.contains("3〜6ヶ月"), "{mail}");
    assert!(mail.contains("定期課金"), "{mail}");

    // The item pages carried the polite User-Agent.
    let page = &http.requests("/news/minato.html")[0];
    assert!(page.headers["user-agent"].starts_with("leakwatch/"));

    // Re-run: conditional GET answered 304, nothing new delivered anywhere.
    let again = env.ok(&["poll", "--once", "--host-delay-ms", "0"]);
    assert!(!stdout(&again).contains("== ALERT"), "{}", stdout(&again));
    let feed_reqs = http.requests("/feed.xml");
    assert_eq!(feed_reqs.len(), 2);
    assert_eq!(feed_reqs[1].headers["if-none-match"], "\"feed-v1\"");
    assert_eq!(
        feed_reqs[1].headers["if-modified-since"],
        "Mon, 20 Oct 2025 00:00:00 GMT"
    );
    assert_eq!(http.requests("/news/minato.html").len(), 1);
    assert_eq!(http.requests("/hook").len(), 2);
    assert_eq!(smtp.messages().len(), 1);

    // Re-ingesting the same release from a file delivers nothing new either.
    let file = env.root.join("minato.html");
    std::fs::write(&file, sjis(MINATO_CARD)).unwrap();
    let ingest = env.ok(&["ingest", file.to_str().unwrap()]);
    assert!(!stdout(&ingest).contains("== ALERT"));
    assert_eq!(http.requests("/hook").len(), 2);
    assert_eq!(smtp.messages().len(), 1);

    // alerts: one, unread; --mark-read empties the unread list.
    let alerts: Vec<Value> = serde_json::from_slice(&env.ok(&["alerts", "--json"]).stdout).unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0]["exposure"], "direct");
    assert_eq!(alerts[0]["read"], false);
    env.ok(&["alerts", "--unread", "--mark-read"]);
    let unread: Vec<Value> =
        serde_json::from_slice(&env.ok(&["alerts", "--unread", "--json"]).stdout).unwrap();
    assert!(unread.is_empty());

    // source list shows the feed healthy, polled.
    let sources: Vec<Value> =
        serde_json::from_slice(&env.ok(&["source", "list", "--json"]).stdout).unwrap();
    assert_eq!(sources[0]["healthy"], true);
    assert_eq!(sources[0]["etag"], "\"feed-v1\"");
}

// ---------------------------------------------------------------- supply chain

/// ペイサーブ株式会社 (a payment processor) reports that card data it processed for
/// 株式会社ミナトリテール (its 委託元) may have leaked.
const PAYSERVE: &str = "<html><head><meta charset=\"utf-8\"><title>決済代行システムへの不正アクセスについて</title></head><body>\
<p>2025年11月5日</p><p>ペイサーブ株式会社</p>\
<p>このたび、ペイサーブ株式会社が運用する決済代行システムが第三者による不正アクセスを受け、\
委託元である株式会社ミナトリテールのお客様のクレジットカード情報(最大900件)が漏えいした可能性があることが判明いたしました。</p>\
<p>漏えいした可能性のある情報は、クレジットカード番号、有効期限です。</p></body></html>";

/// A writer the test can read back (stands in for stdout).
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Decodes `html`, extracts it with the real extractor, makes sure the first candidate is
/// `org` with these related organisations (standing in for relation extraction), and stores
/// it through the same resolution path as `ingest`.
fn store_release(
    store: &mut leakwatch_store::SqliteStore,
    url: &str,
    html: &str,
    org: &str,
    related: &[(&str, leakwatch_model::RelationRole)],
) {
    use leakwatch_model::{CandidateIncident, Field, MediaType, Origin, RawDocument, RelatedOrg};
    use leakwatch_store::Store;
    let doc = leakwatch_ingest::decode(RawDocument {
        id: url.into(),
        origin: Origin::Url { url: url.into() },
        media_type: MediaType::Html,
        declared_charset: Some("utf-8".into()),
        bytes: html.as_bytes().to_vec(),
    })
    .unwrap();
    let mut ex = leakwatch_extract::Extractor::new().extract(&doc);
    if ex.incidents.is_empty() {
        ex.incidents.push(CandidateIncident::new(Field::new(
            org.to_string(),
            0.9,
            "test",
            None,
        )));
    }
    ex.incidents.truncate(1);
    ex.incidents[0].organization = Field::new(org.to_string(), 0.9, "test", None);
    for (name, role) in related {
        ex.incidents[0].related.push(Field::new(
            RelatedOrg {
                name: name.to_string(),
                role: *role,
            },
            0.9,
            "test:related",
            None,
        ));
    }
    store
        .ingest_resolved(&doc, &ex, &leakwatch_resolve::Resolver)
        .unwrap();
}

#[test]
fn leak_at_a_vendors_processor_is_an_indirect_alert_naming_the_link() {
    use leakwatch_model::RelationRole;
    use leakwatch_store::watch::{NewWatchRow, WatchStore};
    use leakwatch_watch::{Lang, Notifier, PlaybookSet, StdoutNotifier};
    let dir = tempfile::tempdir().unwrap();
    let mut store = leakwatch_store::SqliteStore::open(&dir.path().join("lw.db")).unwrap();
    for (name, kind) in [
        ("株式会社ミナトリテール", "vendor"),
        ("株式会社ウミカゼ物流", "vendor"),
    ] {
        store
            .add_watch(&NewWatchRow {
                list: "default".into(),
                name: name.into(),
                name_key: leakwatch_resolve::normalize_org_name(name),
                aliases: vec![],
                domains: vec![],
                kind: kind.into(),
            })
            .unwrap();
    }
    let out = Captured::default();
    let notifiers: Vec<Box<dyn Notifier>> = vec![Box::new(StdoutNotifier::to_writer(
        Lang::En,
        Box::new(out.clone()),
    ))];
    let books = PlaybookSet::shipped().unwrap();

    // The processor's own release names its client (委託元): indirect exposure of the client.
    store_release(
        &mut store,
        "http://127.0.0.1/payserve",
        PAYSERVE,
        "ペイサーブ株式会社",
        &[("株式会社ミナトリテール", RelationRole::DataOwner)],
    );
    let run = leakwatch_app::alerts::alert_on_new_documents(
        &mut store,
        &books,
        &notifiers,
        &Default::default(),
    )
    .unwrap();
    assert_eq!(run.created.len(), 1, "{}", out.text());
    assert_eq!(run.delivered, 1);
    let rows = store.alerts(false).unwrap();
    let alert = leakwatch_app::alerts::alert_from_row(&rows[0]).unwrap();
    assert_eq!(alert.draft.entry_name, "株式会社ミナトリテール");
    assert_eq!(alert.draft.exposure, leakwatch_watch::Exposure::Indirect);
    let link = alert.draft.link.clone().unwrap();
    assert!(link.contains("ペイサーブ株式会社"), "{link}");
    assert!(link.contains("processor"), "{link}");
    let text = out.text();
    assert!(text.contains("indirect"), "{text}");
    assert!(text.contains("Link: ペイサーブ株式会社"), "{text}");
    assert!(
        text.contains("3–6 months"),
        "card checklist expected: {text}"
    );

    // Nothing new on a re-run.
    let again = leakwatch_app::alerts::alert_on_new_documents(
        &mut store,
        &books,
        &notifiers,
        &Default::default(),
    )
    .unwrap();
    assert!(again.created.is_empty());
    assert_eq!(again.delivered, 0);

    // Later, ransomware at ペイサーブ is reported without naming any client: the link learnt
    // from the earlier incident still makes it indirect exposure for the client's watcher, and
    // ransomware at a supplier of a `vendor` entry brings the supplier checklist.
    store_release(
        &mut store,
        "http://127.0.0.1/payserve-ransom",
        &YAMABIKO_RANSOM.replace("ヤマビコ製作所", "ペイサーブ"),
        "ペイサーブ株式会社",
        &[],
    );
    let later = leakwatch_app::alerts::alert_on_new_documents(
        &mut store,
        &books,
        &notifiers,
        &Default::default(),
    )
    .unwrap();
    let rows = store.alerts(false).unwrap();
    let newest = leakwatch_app::alerts::alert_from_row(&rows[0]).unwrap();
    if newest.draft.incident_id != alert.draft.incident_id {
        // Resolution kept it a separate incident: the known link was followed.
        assert_eq!(later.created.len(), 1);
        assert_eq!(newest.draft.exposure, leakwatch_watch::Exposure::Indirect);
        assert!(newest.draft.link.as_deref().unwrap().contains("incident #"));
    }
    if newest.draft.cause == leakwatch_model::Cause::Ransomware {
        assert!(newest
            .draft
            .playbooks
            .contains(&"ransomware_supplier".to_string()));
    }
}

/// The same story through the binary: the extractor reads the 委託元 relation itself.
#[test]
fn indirect_alert_end_to_end_through_the_binary() {
    let http = Http::start(|req, _| {
        let host = format!(
            "http://{}",
            req.headers.get("host").cloned().unwrap_or_default()
        );
        match req.path.as_str() {
            "/feed.xml" => reply(200, "application/rss+xml", rss2(&host, &["/payserve.html"])),
            "/payserve.html" => reply(200, "text/html; charset=utf-8", PAYSERVE),
            _ => reply(404, "text/plain", ""),
        }
    });
    let env = Env::new("[notify]\nstdout = true\nlang = \"en\"\n");
    env.ok(&["source", "add", "--rss", &http.url("/feed.xml")]);
    env.ok(&["watch", "add", "株式会社ミナトリテール", "--kind", "vendor"]);
    let out = env.ok(&["poll", "--once", "--host-delay-ms", "0"]);
    let text = stdout(&out);
    assert!(text.contains("indirect"), "{text}");
    assert!(text.contains("Link: ペイサーブ株式会社"), "{text}");
}

// ---------------------------------------------------------------- failing sources

#[test]
fn failing_sources_are_reported_marked_unhealthy_and_do_not_stop_the_others() {
    let http = Http::start(|req, nth| {
        let host = format!(
            "http://{}",
            req.headers.get("host").cloned().unwrap_or_default()
        );
        let redirect = |to: &str| Reply {
            status: 302,
            headers: vec![("Location".into(), to.into())],
            body: vec![],
        };
        match req.path.as_str() {
            "/bad.xml" => reply(200, "application/rss+xml", "<rss><channel><item>壊れた"),
            "/good.xml" => reply(
                200,
                "application/rss+xml",
                rss2(&host, &["/loop", "/huge", "/flaky", "/yamabiko"]),
            ),
            "/loop" => redirect("/loop2"),
            "/loop2" => redirect("/loop"),
            "/huge" => reply(200, "text/html", vec![b'a'; 2 * 1024 * 1024]),
            "/flaky" if nth == 1 => reply(500, "text/plain", "oops"),
            "/flaky" => reply(
                200,
                "text/html; charset=utf-8",
                MINATO_CARD.replace("Shift_JIS", "utf-8"),
            ),
            "/yamabiko" => reply(200, "text/html; charset=utf-8", YAMABIKO_RANSOM),
            _ => reply(404, "text/plain", ""),
        }
    });
    let env = Env::new("[notify]\nstdout = false\n");
    env.ok(&[
        "source",
        "add",
        "--rss",
        &http.url("/bad.xml"),
        "--name",
        "bad",
    ]);
    env.ok(&[
        "source",
        "add",
        "--atom",
        &http.url("/good.xml"),
        "--name",
        "good",
    ]);
    let out = env.run(&[
        "poll",
        "--once",
        "--host-delay-ms",
        "0",
        "--max-file-mb",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("bad.xml"), "{err}");
    assert!(err.contains("redirect loop"), "{err}");
    assert!(err.contains("limit"), "{err}");
    // The flaky page was retried and ingested with the good one.
    assert_eq!(http.requests("/flaky").len(), 2);
    assert_eq!(list_json(&env).len(), 2, "{err}");

    for _ in 0..2 {
        env.run(&[
            "poll",
            "--once",
            "--host-delay-ms",
            "0",
            "--max-file-mb",
            "1",
        ]);
    }
    let sources: Vec<Value> =
        serde_json::from_slice(&env.ok(&["source", "list", "--json"]).stdout).unwrap();
    let bad = sources.iter().find(|s| s["name"] == "bad").unwrap();
    let good = sources.iter().find(|s| s["name"] == "good").unwrap();
    assert_eq!(bad["healthy"], false);
    assert_eq!(bad["consecutive_failures"], 3);
    assert!(bad["last_error"].as_str().unwrap().contains("bad.xml"));
    assert_eq!(good["healthy"], true);
    // Permanent item failures are not refetched; nothing was fetched twice.
    assert_eq!(http.requests("/loop").len(), 1);
    assert_eq!(http.requests("/huge").len(), 1);
    assert_eq!(http.requests("/yamabiko").len(), 1);
    let table = stdout(&env.ok(&["source", "list"]));
    assert!(table.contains("FAILING(3)"), "{table}");
}

// ---------------------------------------------------------------- the polling loop

#[test]
fn poll_without_once_runs_until_sigterm_then_exits_cleanly() {
    let http = news_site();
    let env = Env::new("[notify]\nstdout = false\n");
    env.ok(&[
        "source",
        "add",
        "--rss",
        &http.url("/feed.xml"),
        "--every",
        "90s",
    ]);
    let mut child = bin()
        .arg("--db")
        .arg(&env.db)
        .arg("--config")
        .arg(&env.config)
        .args(["poll", "--host-delay-ms", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while http.requests("/news/yamabiko.html").is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        !http.requests("/news/yamabiko.html").is_empty(),
        "first pass did not run"
    );
    std::thread::sleep(Duration::from_millis(500));
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "poll did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "{err}");
    assert!(err.contains("stopped polling"), "{err}");
    // Only one pass happened (the next is due in 90 s) and the state was saved.
    assert_eq!(http.requests("/feed.xml").len(), 1);
    let sources: Vec<Value> =
        serde_json::from_slice(&env.ok(&["source", "list", "--json"]).stdout).unwrap();
    assert!(sources[0]["last_polled_at"].is_string());
}

// ---------------------------------------------------------------- watchlists and playbooks

#[test]
fn watchlists_import_export_and_remove() {
    let env = Env::new("");
    let csv = env.root.join("in.csv");
    std::fs::write(
        &csv,
        "name,aliases,domains,kind,list\n\
         株式会社ミナトリテール,ミナトマルシェ,minato-retail.example.jp,service,経理\n\
         ペイサーブ株式会社,,payserve.example.jp,processor,\n\
         ミナトリテール(株),,,vendor,経理\n",
    )
    .unwrap();
    let out = env.ok(&["watch", "import", csv.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("2 entries imported"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("skipped"), "{}", stderr(&out));
    let exported = env.root.join("out.csv");
    env.ok(&["watch", "export", "--out", exported.to_str().unwrap()]);
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.starts_with("name,aliases,domains,kind,list"), "{text}");
    assert!(text
        .contains("株式会社ミナトリテール,ミナトマルシェ,minato-retail.example.jp,service,経理"));
    // Round trip into a fresh database.
    let env2 = Env::new("");
    env2.ok(&["watch", "import", exported.to_str().unwrap()]);
    let strip = |e: &Env| {
        let mut v: Vec<Value> =
            serde_json::from_slice(&e.ok(&["watch", "list", "--json"]).stdout).unwrap();
        for x in &mut v {
            x.as_object_mut().unwrap().remove("id");
        }
        v.sort_by_key(|x| x["name"].to_string());
        v
    };
    assert_eq!(strip(&env), strip(&env2));

    env.ok(&["watch", "remove", "ペイサーブ"]);
    let left: Vec<Value> =
        serde_json::from_slice(&env.ok(&["watch", "list", "--json"]).stdout).unwrap();
    assert_eq!(left.len(), 1);
    let bad = env.run(&["watch", "add", "うみかぜ", "--kind", "partner"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("partner"), "{}", stderr(&bad));
    let bad_csv = env.root.join("bad.csv");
    std::fs::write(&bad_csv, "name,kind\nうみかぜ,vendor\nやまびこ,friend\n").unwrap();
    let bad = env.run(&["watch", "import", bad_csv.to_str().unwrap()]);
    assert!(stderr(&bad).contains("bad.csv line 3"), "{}", stderr(&bad));
}

#[test]
fn playbook_selection_by_data_type_cause_and_kind() {
    let env = Env::new("");
    let card = stdout(&env.ok(&["playbook", "--data-type", "card_number", "--lang", "en"]));
    for needle in [
        "3–6 months",
        "small charges",
        "new number",
        "subscriptions",
        "one-time passwords",
        "Inventory company cards",
        "bulk reissue",
    ] {
        assert!(card.contains(needle), "missing {needle}:\n{card}");
    }
    let ja = stdout(&env.ok(&["playbook", "--data-type", "card_number"]));
    assert!(ja.contains("3〜6ヶ月"), "{ja}");
    let creds = stdout(&env.ok(&["playbook", "--data-type", "password", "--lang", "en"]));
    assert!(creds.contains("2FA"), "{creds}");
    assert!(creds.contains("everywhere else you reused"), "{creds}");
    let ransom = stdout(&env.ok(&[
        "playbook",
        "--cause",
        "ransomware",
        "--kind",
        "vendor",
        "--lang",
        "en",
    ]));
    assert!(ransom.contains("alternative suppliers"), "{ransom}");
    assert!(ransom.contains("what data you shared"), "{ransom}");
    let mail = stdout(&env.ok(&["playbook", "--data-type", "email", "--lang", "en"]));
    assert!(mail.contains("SPF/DKIM/DMARC"), "{mail}");
    let default = stdout(&env.ok(&["playbook", "--data-type", "name", "--lang", "en"]));
    assert!(default.contains("(default)"), "{default}");

    // A user directory overrides/extends the shipped playbooks.
    let dir = env.root.join("books");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("mynumber.toml"),
        "id = 'my_number'\n[title]\nja = 'マイナンバー'\nen = 'My Number leaked'\n\
         [when]\ndata_types = ['my_number']\n[[steps]]\naudience = 'individual'\n\
         ja = '市区町村に相談する'\nen = 'Ask your municipality about changing the number'\n",
    )
    .unwrap();
    let custom = stdout(&env.ok(&[
        "playbook",
        "--data-type",
        "my_number",
        "--lang",
        "en",
        "--playbooks",
        dir.to_str().unwrap(),
    ]));
    assert!(custom.contains("Ask your municipality"), "{custom}");
    let bad = env.run(&["playbook", "--data-type", "cardnumber"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("cardnumber"));
}

#[test]
fn bad_source_arguments_are_clear_errors() {
    let env = Env::new("");
    let out = env.run(&["source", "add", "--rss", "ftp://example.invalid/feed"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("ftp://example.invalid/feed"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&[
        "source",
        "add",
        "--page",
        "http://127.0.0.1:9/x",
        "--every",
        "soon",
    ]);
    assert!(stderr(&out).contains("soon"), "{}", stderr(&out));
    env.ok(&[
        "source",
        "add",
        "--page",
        "http://127.0.0.1:9/x",
        "--name",
        "x",
    ]);
    let dup = env.run(&[
        "source",
        "add",
        "--page",
        "http://127.0.0.1:9/x",
        "--name",
        "x",
    ]);
    assert!(stderr(&dup).contains("already exists"), "{}", stderr(&dup));
    let out = env.run(&["source", "remove", "nope"]);
    assert!(stderr(&out).contains("nope"));
    let cfg = Env::new("[notify]\nwebhok_url = 'x'\n");
    let out = cfg.run(&["playbook", "--data-type", "email"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("webhok_url"), "{}", stderr(&out));
    let _ = Path::new("");
}

#[test]
fn a_failed_delivery_is_retried_on_the_next_run_and_only_then() {
    let http = news_site();
    // Reserve a port with nothing listening on it yet.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = Env::new(&format!(
        "[notify]\nstdout = false\nsmtp_host = \"127.0.0.1\"\nsmtp_port = {port}\n\
         smtp_security = \"none\"\nsmtp_from = \"leakwatch@example.invalid\"\n\
         smtp_to = [\"security@example.invalid\"]\nretry_secs = 0\n"
    ));
    env.ok(&["source", "add", "--rss", &http.url("/feed.xml")]);
    env.ok(&["watch", "add", "株式会社ミナトリテール"]);
    let first = env.ok(&["poll", "--once", "--host-delay-ms", "0"]);
    let err = stderr(&first);
    assert!(err.contains("not delivered to smtp (will retry)"), "{err}");

    // The relay comes up: the next run delivers the pending alert once.
    let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
    let messages: Arc<Mutex<Vec<String>>> = Arc::default();
    let m2 = messages.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let m = m2.clone();
            std::thread::spawn(move || smtp_session(stream, &m));
        }
    });
    env.ok(&["poll", "--once", "--host-delay-ms", "0"]);
    assert_eq!(messages.lock().unwrap().len(), 1);
    env.ok(&["poll", "--once", "--host-delay-ms", "0"]);
    assert_eq!(messages.lock().unwrap().len(), 1);
}

#[test]
fn watch_scan_alerts_on_incidents_stored_before_the_watch_and_playbook_for_an_incident() {
    let env = Env::new("[notify]\nstdout = true\nlang = \"en\"\n");
    let file = env.root.join("minato.html");
    std::fs::write(&file, sjis(MINATO_CARD)).unwrap();
    let ingest = env.ok(&["ingest", file.to_str().unwrap()]);
    assert!(!stdout(&ingest).contains("== ALERT"));
    env.ok(&["watch", "add", "ミナトリテール", "--kind", "self"]);
    let scan = env.ok(&["watch", "scan"]);
    let text = stdout(&scan);
    assert_eq!(text.matches("== ALERT").count(), 1, "{text}");
    // Own organisation: the incident-response checklist first, then the card one.
    assert!(
        text.contains("Personal Information Protection Commission"),
        "{text}"
    );
    assert!(text.contains("3–6 months"), "{text}");
    let again = env.ok(&["watch", "scan"]);
    assert!(!stdout(&again).contains("== ALERT"));

    let id = list_json(&env)[0]["id"].as_i64().unwrap().to_string();
    let pb = stdout(&env.ok(&["playbook", "--incident", &id, "--lang", "en"]));
    assert!(pb.contains("watched: ミナトリテール (self)"), "{pb}");
    assert!(pb.contains("self, card"), "{pb}");
    assert!(pb.contains("bulk reissue"), "{pb}");
}
