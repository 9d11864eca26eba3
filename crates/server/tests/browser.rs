//! Browser tests in headless Chromium, driven over the WebDriver protocol (chromedriver; a
//! small client on ureq, no extra driver crate): sign in, search, open an incident and see its
//! evidence highlighted, correct a field in the review queue and see the audit entry, sign
//! out; the dashboard's SVG charts are present and the console has no errors (a CSP violation
//! would be one). Screenshots go to `target/browser/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`bench/install-browser.sh`); without them
//! the test prints a notice and passes without running.

mod common;

use base64::Engine;
use common::{agent, PASSWORD};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find(cands: &[&str]) -> Option<PathBuf> {
    cands.iter().map(PathBuf::from).find(|p| p.is_file())
}

struct Driver {
    child: Child,
    base: String,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = agent()
            .delete(format!("{}/session/{}", self.base, self.session))
            .call();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn call(method: &str, url: &str, body: Option<Value>) -> Value {
    let a = agent();
    let r = match (method, body) {
        ("GET", _) => a.get(url).call(),
        ("DELETE", _) => a.delete(url).call(),
        (_, b) => a.post(url).send_json(b.unwrap_or_else(|| json!({}))),
    }
    .unwrap();
    let (status, text) = common::body(r);
    let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    assert!(status < 400, "{method} {url}: {status} {text}");
    v["value"].clone()
}

impl Driver {
    fn start(chromium: &Path, driver: &Path, profile: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if agent().get(format!("{base}/status")).call().is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--window-size=1280,1600",
                         format!("--user-data-dir={}", profile.display())]
            }
        }}});
        let mut d = Driver {
            child,
            base,
            session: String::new(),
        };
        let v = call("POST", &format!("{}/session", d.base), Some(caps));
        d.session = v["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        d
    }
    fn url(&self, rest: &str) -> String {
        format!("{}/session/{}{rest}", self.base, self.session)
    }
    fn go(&self, to: &str) {
        call("POST", &self.url("/url"), Some(json!({ "url": to })));
    }
    fn el(&self, css: &str) -> String {
        let v = call(
            "POST",
            &self.url("/element"),
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("{css}: {v}"))
            .to_string()
    }
    fn count(&self, css: &str) -> usize {
        call(
            "POST",
            &self.url("/elements"),
            Some(json!({"using": "css selector", "value": css})),
        )
        .as_array()
        .map_or(0, Vec::len)
    }
    fn type_into(&self, css: &str, text: &str) {
        let e = self.el(css);
        call(
            "POST",
            &self.url(&format!("/element/{e}/value")),
            Some(json!({ "text": text })),
        );
    }
    fn click(&self, css: &str) {
        let e = self.el(css);
        call(
            "POST",
            &self.url(&format!("/element/{e}/click")),
            Some(json!({})),
        );
    }
    fn source(&self) -> String {
        call("GET", &self.url("/source"), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }
    fn current(&self) -> String {
        call("GET", &self.url("/url"), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }
    fn screenshot(&self, dir: &Path, name: &str) {
        let b64 = call("GET", &self.url("/screenshot"), None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().unwrap())
            .unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
    /// Waits (up to 10 s) until `cond` holds for the current page; false if it never does.
    fn wait(&self, cond: impl Fn(&Driver) -> bool) -> bool {
        for _ in 0..100 {
            if cond(self) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
    /// True once the element `id` belongs to a document the browser has left
    /// (WebDriver answers "stale element reference" for it).
    fn is_stale(&self, id: &str) -> bool {
        let r = agent()
            .get(self.url(&format!("/element/{id}/name")))
            .call()
            .unwrap();
        let (_, text) = common::body(r);
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        v["value"]["error"] == "stale element reference"
    }
    /// Browser console entries at SEVERE level since the last call.
    fn console_errors(&self) -> Vec<String> {
        let r = agent()
            .post(self.url("/se/log"))
            .send_json(json!({"type": "browser"}))
            .unwrap();
        let (_, text) = common::body(r);
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        v["value"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[test]
fn sign_in_search_review_and_sign_out_in_chromium() {
    let (Some(chromium), Some(driver)) = (
        find(&["/usr/bin/chromium", "/usr/bin/chromium-browser"]),
        find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]),
    ) else {
        eprintln!("NOTICE: browser test skipped: chromium and chromium-driver are not installed (bench/install-browser.sh installs them)");
        return;
    };
    // A clean database: the shipped examples and one analyst.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("browser.db");
    {
        let mut store = leakwatch_store::SqliteStore::open(&db).unwrap();
        let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/documents");
        leakwatch_app::ingest_paths(
            &mut store,
            &leakwatch_extract::Extractor::new(),
            &[examples],
            &leakwatch_ingest::Limits::default(),
            &leakwatch_app::NoProgress,
        )
        .unwrap();
        leakwatch_app::accounts::add_user(
            &mut store,
            "ana",
            leakwatch_app::accounts::Role::Analyst,
            PASSWORD,
        )
        .unwrap();
    }
    let (addr, tx, handle) = common::start(common::config(&db));
    let base = format!("http://{addr}");
    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/browser");
    std::fs::create_dir_all(&shots).unwrap();
    let profile = dir.path().join("profile");
    let d = Driver::start(&chromium, &driver, &profile);

    // Sign in.
    d.go(&format!("{base}/login"));
    d.type_into("#name", "ana");
    d.type_into("#password", PASSWORD);
    d.click("#login-button");
    assert!(
        d.wait(|d| d.current() == format!("{base}/")),
        "{}",
        d.current()
    );
    assert_eq!(d.count("#causes svg"), 1, "cause chart");
    assert_eq!(d.count("#trend svg"), 1, "trend chart");
    assert!(d.source().contains("ana (analyst)"));
    d.screenshot(&shots, "dashboard");

    // Search.
    d.go(&format!("{base}/search"));
    d.type_into("#q", "不正アクセス");
    d.click("#search-button");
    assert!(d.wait(|d| d.count("#hits li") > 0), "search hits");
    d.screenshot(&shots, "search");

    // Open an incident from the hits: its evidence is highlighted in the source text.
    d.click("#hits li a");
    assert!(
        d.wait(|d| d.current().contains("/incidents/")),
        "{}",
        d.current()
    );
    assert!(d.count("mark.evidence") > 0, "highlighted evidence");
    d.click("#evidence a[href^='#ev-']");
    d.screenshot(&shots, "incident");

    // Correct a field in the review queue; the audit entry names the analyst.
    d.go(&format!("{base}/review"));
    let before = d.count("#review tbody tr");
    assert!(before > 0);
    d.screenshot(&shots, "review");
    let form = "#review tbody tr form:last-of-type";
    let field_css = format!("{form} input[name=field]");
    let field = call(
        "GET",
        &d.url(&format!("/element/{}/property/value", d.el(&field_css))),
        None,
    );
    let value = match field.as_str().unwrap_or("") {
        "cause" => "loss",
        "affected_count" => "1234",
        "card_data" | "confirmed" => "true",
        f if f.starts_with("dates.") => "2025-01-02",
        "data_types" => "email",
        _ => "browser-test",
    };
    let link = d.el("#review tbody tr td a");
    let incident = call("GET", &d.url(&format!("/element/{link}/text")), None);
    d.type_into(&format!("{form} input[name=value]"), value);
    // The page is already /review: wait for the submitted form's page to be
    // replaced, or the next navigation races the POST's redirect.
    let button = d.el(&format!("{form} button"));
    d.click(&format!("{form} button"));
    assert!(
        d.wait(|d| d.is_stale(&button) && d.current().ends_with("/review")),
        "{}",
        d.current()
    );
    d.go(&format!("{base}/incidents/{}", incident.as_str().unwrap()));
    let audit = d.source();
    let at = audit
        .find("id=\"audit-log\"")
        .unwrap_or_else(|| panic!("{incident} {}", &audit[..audit.len().min(3000)]));
    assert!(audit[at..].contains("<strong>ana</strong>"), "audit entry");

    // No console errors anywhere (a CSP violation or a script error would be one).
    let errors = d.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:?}");

    // Sign out.
    d.click("#logout");
    assert!(
        d.wait(|d| d.current().ends_with("/login")),
        "{}",
        d.current()
    );
    assert!(
        d.wait(|d| d.count("#login-button") == 1),
        "the sign-in page"
    );
    d.go(&format!("{base}/incidents"));
    assert!(d.source().contains("401"), "{}", d.source());
    drop(d);
    tx.send(()).unwrap();
    handle.join().unwrap();
}
