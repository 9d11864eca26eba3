//! `leakwatch user`, `leakwatch token` and `leakwatch serve` as a user runs them: an account
//! from a password on stdin, a token printed once and accepted by the API until revoked, the
//! `[server]` table and `--listen`, and a graceful stop on SIGTERM.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn leakwatch(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_leakwatch"));
    cmd.arg("--db").arg(db).arg("--config").arg("/dev/null");
    cmd
}

/// One HTTP/1.1 GET over a plain socket: (status, body).
fn get(port: u16, path: &str, token: Option<&str>) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\n{auth}Connection: close\r\n\r\n"
    )
    .ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    Some((status, body))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn accounts_tokens_and_serve_until_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("serve.db");
    // Accounts: the password comes from stdin, a short one is refused.
    let add = |name: &str, password: &str| {
        let mut child = leakwatch(&db)
            .args(["user", "add", name, "--role", "analyst"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{password}\n").as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    assert!(!add("ana", "short").status.success());
    assert!(add("ana", "a long password").status.success());
    let out = leakwatch(&db).args(["user", "list"]).output().unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        list.contains("ana") && list.contains("analyst") && !list.contains("argon2"),
        "{list}"
    );
    let out = leakwatch(&db)
        .args(["token", "create", "ana"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(token.starts_with("lw_"), "{token}");
    let out = leakwatch(&db)
        .args(["token", "create", "nobody"])
        .output()
        .unwrap();
    assert!(!out.status.success());

    // The server: [server] listen from the config file, overridden by --listen.
    let port = free_port();
    let cfg = dir.path().join("c.toml");
    std::fs::write(&cfg, "[server]\nlisten = '127.0.0.1:1'\npublic = false\n").unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_leakwatch"))
        .arg("--db")
        .arg(&db)
        .arg("--config")
        .arg(&cfg)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut up = false;
    for _ in 0..300 {
        if get(port, "/healthz", None).is_some_and(|(s, _)| s == 200) {
            up = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(up, "the server did not answer /healthz");
    assert_eq!(get(port, "/api/v1/incidents", None).unwrap().0, 401);
    let (status, body) = get(port, "/api/v1/incidents", Some(&token)).unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"items\""), "{body}");

    // Revoked (by id, from `token list`): 401 at once, without a restart.
    let out = leakwatch(&db).args(["token", "list"]).output().unwrap();
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    let id = listed
        .lines()
        .find(|l| l.contains("ana"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_string();
    assert!(leakwatch(&db)
        .args(["token", "revoke", &id])
        .status()
        .unwrap()
        .success());
    assert_eq!(get(port, "/api/v1/incidents", Some(&token)).unwrap().0, 401);

    // SIGTERM: a graceful stop with exit status 0.
    let pid = server.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let mut status = None;
    for _ in 0..300 {
        if let Some(s) = server.try_wait().unwrap() {
            status = Some(s);
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let Some(status) = status else {
        let _ = server.kill();
        panic!("the server did not stop on SIGTERM");
    };
    let mut log = String::new();
    server
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(status.success(), "{status}: {log}");
    assert!(log.contains("server stopped"), "{log}");
    assert!(
        log.contains("GET /api/v1/incidents 401"),
        "request log: {log}"
    );
}
