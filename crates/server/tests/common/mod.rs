//! A real server on a loopback port over a temporary database holding a few example releases,
//! a hostile document, and one account per role (with an API token each). Shared by every test
//! of a test binary (started once; password hashing and model loading are slow).

#![allow(dead_code)]

use leakwatch_app::accounts::{self, Role};
use leakwatch_server::ServerConfig;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

pub const PASSWORD: &str = "correct horse battery";
/// What hostile names and titles carry.
pub const SCRIPT: &str = "<script>alert(1)</script>";
pub const IMG: &str = "\"><img src=x onerror=alert(2)>";
/// Upload size limit of the test server.
pub const MAX_DOC_BYTES: u64 = 256 * 1024;

pub struct Fixture {
    pub base: String,
    pub db: PathBuf,
    pub viewer: String,
    pub analyst: String,
    pub admin: String,
    /// A revoked token of the analyst.
    pub revoked: String,
    /// The incident whose victim name and source title are hostile.
    pub hostile: i64,
    _dir: tempfile::TempDir,
}

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/documents")
}

fn seed(db: &std::path::Path) -> (String, String, String, String, i64) {
    let mut store = leakwatch_store::SqliteStore::open(db).unwrap();
    let extractor = leakwatch_extract::Extractor::new();
    let limits = leakwatch_ingest::Limits::default();
    leakwatch_app::ingest_paths(
        &mut store,
        &extractor,
        &[examples()],
        &limits,
        &leakwatch_app::NoProgress,
    )
    .unwrap();
    // A release whose page title carries markup.
    let body = std::fs::read_to_string(examples().join("06_izumi-jusetsu-insider.txt")).unwrap();
    let html = format!(
        "<html><head><title>{} {} お知らせ</title></head><body><pre>{}</pre></body></html>",
        SCRIPT.replace('<', "&lt;"),
        IMG.replace('<', "&lt;").replace('"', "&quot;"),
        body.replace("いずみ住設", "ほしかげ住設")
    );
    let out = leakwatch_app::ingest_bytes(
        &mut store,
        &extractor,
        "hostile.html",
        html.into_bytes(),
        &limits,
    )
    .unwrap();
    let hostile = out.created[0];
    for (name, role) in [
        ("vera", Role::Viewer),
        ("ana", Role::Analyst),
        ("adam", Role::Admin),
    ] {
        accounts::add_user(&mut store, name, role, PASSWORD).unwrap();
    }
    // The victim's name is hostile too (an analyst could type anything).
    leakwatch_app::correct_field(
        &mut store,
        hostile,
        "organization",
        &format!("ほしかげ{SCRIPT}{IMG}病院"),
        &leakwatch_app::Attribution {
            author: "seed",
            reason: "hostile name",
        },
    )
    .unwrap();
    let (_, viewer) = accounts::create_token(&mut store, "vera").unwrap();
    let (_, analyst) = accounts::create_token(&mut store, "ana").unwrap();
    let (_, admin) = accounts::create_token(&mut store, "adam").unwrap();
    let (rid, revoked) = accounts::create_token(&mut store, "ana").unwrap();
    accounts::revoke_token(&mut store, rid).unwrap();
    let _ = revoked.len();
    (viewer, analyst, admin, revoked, hostile.0)
}

/// Starts a server for `config` on a free loopback port; returns its address and a sender that
/// stops it (graceful shutdown) and a handle that ends when it has stopped.
pub fn start(
    mut config: ServerConfig,
) -> (
    SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    std::thread::JoinHandle<()>,
) {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    config.log_requests = false;
    let handle = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            addr_tx.send(listener.local_addr().unwrap()).unwrap();
            leakwatch_server::serve_on(listener, config, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
    });
    let addr = addr_rx.recv_timeout(Duration::from_secs(60)).unwrap();
    // Ready once /healthz answers (the state is built after binding).
    let agent = agent();
    for _ in 0..600 {
        if agent
            .get(format!("http://{addr}/healthz"))
            .call()
            .is_ok_and(|r| r.status() == 200)
        {
            return (addr, tx, handle);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the server did not come up");
}

pub fn config(db: &std::path::Path) -> ServerConfig {
    let mut c = ServerConfig::new(db.to_path_buf());
    c.limits.max_bytes = MAX_DOC_BYTES;
    c.login_attempts = 5;
    c
}

static FIXTURE: OnceLock<Fixture> = OnceLock::new();

/// The shared server (not public).
pub fn fixture() -> &'static Fixture {
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("server.db");
        let (viewer, analyst, admin, revoked, hostile) = seed(&db);
        let (addr, tx, _handle) = start(config(&db));
        // Runs until the test process exits.
        std::mem::forget(tx);
        Fixture {
            base: format!("http://{addr}"),
            db,
            viewer,
            analyst,
            admin,
            revoked,
            hostile,
            _dir: dir,
        }
    })
}

/// A client that returns every status (no error for 4xx/5xx) and follows no redirect.
pub fn agent() -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build(),
    )
}

pub fn body(mut r: ureq::http::Response<ureq::Body>) -> (u16, String) {
    let status = r.status().as_u16();
    let text = r
        .body_mut()
        .with_config()
        .limit(50 * 1024 * 1024)
        .read_to_string()
        .unwrap_or_default();
    (status, text)
}

pub fn get(url: &str, token: Option<&str>) -> (u16, String) {
    let mut req = agent().get(url);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    body(req.call().unwrap())
}

pub fn post_json(url: &str, token: Option<&str>, json: serde_json::Value) -> (u16, String) {
    let mut req = agent().post(url);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    body(req.send_json(json).unwrap())
}

/// A signed-in browser: its cookie header and CSRF token (read from a page's form).
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
}

pub fn login(base: &str, name: &str) -> Browser {
    let r = agent().get(format!("{base}/login")).call().unwrap();
    let set = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let login_cookie = set.split(';').next().unwrap().to_string();
    let (_, page) = body(r);
    let csrf = form_csrf(&page);
    let r = agent()
        .post(format!("{base}/login"))
        .header("Cookie", &login_cookie)
        .send_form([
            ("csrf", csrf.as_str()),
            ("name", name),
            ("password", PASSWORD),
        ])
        .unwrap();
    assert_eq!(r.status(), 303, "login of {name}");
    let session = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Strict"),
        "{session}"
    );
    let cookie = session.split(';').next().unwrap().to_string();
    let r = agent()
        .get(format!("{base}/"))
        .header("Cookie", &cookie)
        .call()
        .unwrap();
    let (status, page) = body(r);
    assert_eq!(status, 200);
    Browser {
        csrf: form_csrf(&page),
        cookie,
    }
}

/// The value of the first `name="csrf"` hidden field of a page.
pub fn form_csrf(page: &str) -> String {
    let at =
        page.find("name=\"csrf\" value=\"").expect("a CSRF field") + "name=\"csrf\" value=\"".len();
    page[at..].split('"').next().unwrap().to_string()
}

impl Browser {
    pub fn get(&self, url: &str) -> (u16, String) {
        body(
            agent()
                .get(url)
                .header("Cookie", &self.cookie)
                .call()
                .unwrap(),
        )
    }
    pub fn post_form(&self, url: &str, fields: &[(&str, &str)]) -> (u16, String) {
        body(
            agent()
                .post(url)
                .header("Cookie", &self.cookie)
                .send_form(fields.iter().copied())
                .unwrap(),
        )
    }
}
