//! The JSON API over real HTTP on a loopback port: every route, every role, revoked tokens,
//! error bodies and statuses, body limits, hostile search strings, cursor pages, metrics and
//! graceful shutdown.

mod common;

use common::*;
use serde_json::{json, Value};

fn concrete(path: &str, f: &Fixture) -> String {
    path.replace("{id}", &f.hostile.to_string())
        .replace("{name}", "nobody")
}

fn is_error_body(text: &str) -> bool {
    serde_json::from_str::<Value>(text)
        .ok()
        .is_some_and(|v| v["error"].is_string() && v["detail"].is_string())
}

#[test]
fn openapi_lists_every_route_and_every_route_answers() {
    let f = fixture();
    let (status, text) = get(&format!("{}/api/v1/openapi.json", f.base), Some(&f.viewer));
    assert_eq!(status, 200);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let mut listed = 0;
    for (path, ops) in paths {
        listed += ops.as_object().unwrap().len();
        assert!(path.starts_with("/api/v1/"), "{path}");
    }
    assert_eq!(
        listed,
        leakwatch_server::API_ROUTES.len(),
        "no undocumented extras"
    );
    for (method, path) in leakwatch_server::API_ROUTES {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} missing from openapi.json"
        );
        // Without credentials: 401 with an error body.
        let url = format!("{}{}", f.base, concrete(path, f));
        let a = agent();
        let r = match *method {
            "get" => a.get(&url).call(),
            "delete" => a.delete(&url).call(),
            _ => a.post(&url).send_json(json!({})),
        }
        .unwrap();
        let (status, text) = body(r);
        assert_eq!(status, 401, "{method} {path}: {text}");
        assert!(is_error_body(&text), "{method} {path}: {text}");
        // As admin the route exists (whatever it answers to an empty body, never 404-route/405/500).
        let r = match *method {
            "get" => a
                .get(&url)
                .header("Authorization", format!("Bearer {}", f.admin))
                .call(),
            "delete" => a
                .delete(&url)
                .header("Authorization", format!("Bearer {}", f.admin))
                .call(),
            _ => a
                .post(&url)
                .header("Authorization", format!("Bearer {}", f.admin))
                .send_json(json!({})),
        }
        .unwrap();
        let (status, text) = body(r);
        assert!(
            status != 405 && status < 500,
            "{method} {path}: {status} {text}"
        );
        assert!(!text.contains("no such API route"), "{method} {path}");
    }
}

#[test]
fn health_is_open_and_unknown_api_routes_are_json_404() {
    let f = fixture();
    assert_eq!(
        get(&format!("{}/healthz", f.base), None),
        (200, "ok\n".to_string())
    );
    let (status, text) = get(&format!("{}/api/v1/nothing", f.base), Some(&f.viewer));
    assert_eq!(status, 404);
    assert!(is_error_body(&text), "{text}");
    let (status, text) = get(
        &format!("{}/api/v1/incidents/999999", f.base),
        Some(&f.viewer),
    );
    assert_eq!(status, 404, "{text}");
    assert!(is_error_body(&text));
    let (status, _) = get(&format!("{}/api/v1/incidents/-3", f.base), Some(&f.viewer));
    assert_eq!(status, 400);
    let (status, _) = get(
        &format!("{}/api/v1/incidents?since=yesterday", f.base),
        Some(&f.viewer),
    );
    assert_eq!(status, 400);
    let (status, _) = get(
        &format!("{}/api/v1/incidents?cause=aliens", f.base),
        Some(&f.viewer),
    );
    assert_eq!(status, 400);
}

#[test]
fn bad_revoked_and_malformed_tokens_are_401() {
    let f = fixture();
    let url = format!("{}/api/v1/incidents", f.base);
    assert_eq!(get(&url, Some(&f.revoked)).0, 401);
    assert_eq!(get(&url, Some("lw_0000")).0, 401);
    let r = agent()
        .get(&url)
        .header("Authorization", "Basic dmVyYTp4")
        .call()
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(get(&url, Some(&f.viewer)).0, 200);
}

#[test]
fn incident_detail_has_every_part() {
    let f = fixture();
    let (status, text) = get(&format!("{}/api/v1/incidents/1", f.base), Some(&f.viewer));
    assert_eq!(status, 200, "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    for key in [
        "organization",
        "cause",
        "evidence",
        "sources",
        "timeline",
        "conflicts",
        "audit",
        "assessment",
        "checklists",
        "dates",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert!(!v["evidence"].as_array().unwrap().is_empty());
    assert!(v["assessment"]["ppc"].is_object());
}

#[test]
fn roles_decide_who_writes() {
    let f = fixture();
    let url = format!("{}/api/v1/incidents/{}/corrections", f.base, f.hostile);
    let fix = json!({"field": "cause", "value": "loss", "reason": "checked the release"});
    // Viewer: 403 with a JSON error.
    let (status, text) = post_json(&url, Some(&f.viewer), fix.clone());
    assert_eq!(status, 403, "{text}");
    assert!(is_error_body(&text));
    // Analyst: applied and audited with the account name.
    let (status, text) = post_json(&url, Some(&f.analyst), fix);
    assert_eq!(status, 200, "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["cause"], "loss");
    assert!(
        v["audit"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["author"] == "ana" && a["reason"] == "checked the release"),
        "{}",
        v["audit"]
    );
    // A bad value is 422.
    let (status, text) = post_json(
        &url,
        Some(&f.analyst),
        json!({"field": "cause", "value": "aliens"}),
    );
    assert_eq!(status, 422, "{text}");
    let (status, _) = post_json(
        &url,
        Some(&f.analyst),
        json!({"field": "nope", "value": "x"}),
    );
    assert_eq!(status, 422);
    // Malformed JSON is 400 (or 415/422 from the JSON extractor), never 500.
    let r = agent()
        .post(&url)
        .header("Authorization", format!("Bearer {}", f.analyst))
        .header("Content-Type", "application/json")
        .send("{not json")
        .unwrap();
    assert_eq!(r.status(), 400);

    // Sources: admins only.
    let src =
        json!({"kind": "rss", "url": "https://example.invalid/feed.xml", "name": "roles-test"});
    let surl = format!("{}/api/v1/sources", f.base);
    assert_eq!(post_json(&surl, Some(&f.viewer), src.clone()).0, 403);
    assert_eq!(post_json(&surl, Some(&f.analyst), src.clone()).0, 403);
    let (status, text) = post_json(&surl, Some(&f.admin), src.clone());
    assert_eq!(status, 201, "{text}");
    let (status, _) = post_json(
        &surl,
        Some(&f.admin),
        json!({"kind": "rss", "url": "file:///etc/passwd"}),
    );
    assert_eq!(status, 422);
    let r = agent()
        .delete(format!("{surl}/roles-test"))
        .header("Authorization", format!("Bearer {}", f.analyst))
        .call()
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = agent()
        .delete(format!("{surl}/roles-test"))
        .header("Authorization", format!("Bearer {}", f.admin))
        .call()
        .unwrap();
    assert_eq!(r.status(), 204);

    // Accounts: admins only, never a password hash.
    assert_eq!(
        get(&format!("{}/api/v1/accounts", f.base), Some(&f.analyst)).0,
        403
    );
    let (status, text) = get(&format!("{}/api/v1/accounts", f.base), Some(&f.admin));
    assert_eq!(status, 200);
    assert!(
        text.contains("\"vera\"") && !text.contains("argon2"),
        "{text}"
    );
}

#[test]
fn watchlists_and_alerts_crud() {
    let f = fixture();
    let url = format!("{}/api/v1/watchlists", f.base);
    let entry = json!({"name": "株式会社みなと物流", "kind": "vendor", "list": "crud-test"});
    assert_eq!(post_json(&url, Some(&f.viewer), entry.clone()).0, 403);
    let (status, text) = post_json(&url, Some(&f.analyst), entry);
    assert_eq!(status, 201, "{text}");
    let id = serde_json::from_str::<Value>(&text).unwrap()["id"]
        .as_i64()
        .unwrap();
    let (_, text) = get(&url, Some(&f.viewer));
    assert!(text.contains("crud-test"));
    // The feed of that watchlist has that organisation's incidents only.
    let (status, feed) = get(
        &format!("{}/feed.atom?watchlist=crud-test", f.base),
        Some(&f.viewer),
    );
    assert_eq!(status, 200);
    let entries = feed.matches("<entry>").count();
    assert!(
        entries > 0 && entries == feed.matches("みなと物流").count() / 2,
        "{feed}"
    );
    let (_, all) = get(&format!("{}/feed.atom", f.base), Some(&f.viewer));
    assert!(all.matches("<entry>").count() > entries);
    let (_, insider) = get(
        &format!("{}/feed.atom?cause=insider", f.base),
        Some(&f.viewer),
    );
    let n = insider.matches("<entry>").count();
    assert!(
        n > 0 && insider.matches("term=\"insider\"").count() == n,
        "{insider}"
    );
    let (status, _) = post_json(
        &url,
        Some(&f.analyst),
        json!({"name": "株式会社", "kind": "vendor"}),
    );
    assert_eq!(status, 422, "a name that is only a legal form");
    let (status, text) = get(
        &format!("{}/api/v1/alerts?unread=true", f.base),
        Some(&f.viewer),
    );
    assert_eq!(status, 200, "{text}");
    let (status, text) = post_json(
        &format!("{}/api/v1/alerts/read", f.base),
        Some(&f.analyst),
        json!({"ids": []}),
    );
    assert_eq!(status, 200, "{text}");
    let r = agent()
        .delete(format!("{url}/{id}"))
        .header("Authorization", format!("Bearer {}", f.analyst))
        .call()
        .unwrap();
    assert_eq!(r.status(), 204);
    let r = agent()
        .delete(format!("{url}/{id}"))
        .header("Authorization", format!("Bearer {}", f.analyst))
        .call()
        .unwrap();
    assert_eq!(r.status(), 404);
}

/// Sends only the headers of a request announcing `length` bytes and reads the answer: the
/// server must refuse by the announced length without reading the body (a client that kept
/// writing would only see a reset).
fn announce(
    f: &Fixture,
    path: &str,
    token: &str,
    content_type: &str,
    length: u64,
) -> (u16, String) {
    use std::io::{Read, Write};
    let addr = f.base.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n{{"
    )
    .unwrap();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

#[test]
fn oversized_bodies_are_413() {
    let f = fixture();
    let (status, text) = announce(
        f,
        "/api/v1/incidents/1/corrections",
        &f.analyst,
        "application/json",
        200 * 1024,
    );
    assert_eq!(status, 413, "{text}");
    assert!(text.contains("\"error\":\"too_large\""), "{text}");
    let (status, text) = announce(
        f,
        "/api/v1/documents?name=big.txt",
        &f.analyst,
        "text/plain",
        MAX_DOC_BYTES + 10,
    );
    assert_eq!(status, 413, "{text}");
    // A body that fits the document limit but not the form limit is for uploads only.
    let (status, _) = announce(
        f,
        "/api/v1/incidents/1/merge",
        &f.analyst,
        "application/json",
        70 * 1024,
    );
    assert_eq!(status, 413);
}

#[test]
fn documents_upload_like_files() {
    let f = fixture();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/documents/03_aoba-city-mail.txt"),
    )
    .unwrap()
    .replace("青葉市", "若葉市");
    let url = format!("{}/api/v1/documents?name=wakaba.txt", f.base);
    let send = |token: &str| {
        body(
            agent()
                .post(&url)
                .header("Authorization", format!("Bearer {token}"))
                .send(text.as_bytes())
                .unwrap(),
        )
    };
    assert_eq!(send(&f.viewer).0, 403);
    let (status, out) = send(&f.analyst);
    assert_eq!(status, 201, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["new_document"], true);
    let incidents = v["created"].as_array().unwrap().len() + v["merged"].as_array().unwrap().len();
    assert!(incidents > 0, "{out}");
    // The same content again: stored once.
    let (status, out) = send(&f.analyst);
    assert_eq!(status, 200, "{out}");
    assert!(out.contains("\"new_document\":false"));
    // Binary junk is refused with a reason, not a 500.
    let r = agent()
        .post(format!("{}/api/v1/documents?name=x.bin", f.base))
        .header("Authorization", format!("Bearer {}", f.analyst))
        .send(&[0u8, 1, 2, 0, 0, 255, 254, 0][..])
        .unwrap();
    assert_eq!(r.status(), 422);
}

#[test]
fn hostile_search_strings_never_fail() {
    let f = fixture();
    let long = "あ".repeat(5000);
    let hostile = [
        "不正アクセス",
        "\"",
        "\"\"\"",
        "'",
        "*",
        "NEAR(a b)",
        "a OR b",
        "AND",
        "-",
        "^",
        "(",
        ")",
        "%",
        "_",
        "\\",
        "%25",
        "\u{0}",
        "\u{202e}",
        "🐍",
        "<script>",
        "' OR 1=1 --",
        "a\"b",
        "col:x",
        "{",
        "  ",
        "漏",
        "\u{3000}",
        &long,
        "a*b*c",
        "NOT",
        "\"漏えい",
        "ｱｸｾｽ",
    ];
    for q in hostile {
        for (path, tok) in [
            ("/api/v1/search", Some(f.viewer.as_str())),
            ("/search", None),
        ] {
            let url = format!("{}{path}", f.base);
            let mut req = agent().get(&url).query("q", q);
            let b;
            if let Some(t) = tok {
                req = req.header("Authorization", format!("Bearer {t}"));
            } else {
                b = login_once();
                req = req.header("Cookie", &b.cookie);
            }
            let (status, text) = body(req.call().unwrap());
            assert!(
                status == 200 || status == 400,
                "{path} {q:?}: {status} {text}"
            );
        }
    }
    let (status, text) = get(
        &format!(
            "{}/api/v1/search?q=%E4%B8%8D%E6%AD%A3%E3%82%A2%E3%82%AF%E3%82%BB%E3%82%B9",
            f.base
        ),
        Some(&f.viewer),
    );
    assert_eq!(status, 200);
    assert!(!serde_json::from_str::<Value>(&text).unwrap()["hits"]
        .as_array()
        .unwrap()
        .is_empty());
}

fn login_once() -> &'static Browser {
    static B: std::sync::OnceLock<Browser> = std::sync::OnceLock::new();
    B.get_or_init(|| login(&fixture().base, "vera"))
}

#[test]
fn cursor_pages_cover_the_list_once() {
    let f = fixture();
    let (_, all) = get(
        &format!("{}/api/v1/incidents?limit=500", f.base),
        Some(&f.viewer),
    );
    let all: Value = serde_json::from_str(&all).unwrap();
    let want: Vec<i64> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert!(want.len() > 5);
    let mut got = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let mut url = format!("{}/api/v1/incidents?limit=3", f.base);
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let (status, text) = get(&url, Some(&f.viewer));
        assert_eq!(status, 200);
        let page: Value = serde_json::from_str(&text).unwrap();
        got.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_i64().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    // Pages written meanwhile by other tests may add incidents; every listed one appears once.
    for id in &want {
        assert_eq!(
            got.iter().filter(|g| *g == id).count(),
            1,
            "{id} in {got:?}"
        );
    }
    assert_eq!(
        get(
            &format!("{}/api/v1/incidents?cursor=zzz", f.base),
            Some(&f.viewer)
        )
        .0,
        422
    );
}

#[test]
fn reports_in_three_formats() {
    let f = fixture();
    let base = format!("{}/api/v1/report?month=2025-09", f.base);
    let (status, text) = get(&format!("{base}&format=json"), Some(&f.viewer));
    assert_eq!(status, 200);
    assert!(
        serde_json::from_str::<Value>(&text).unwrap()["total"]
            .as_u64()
            .unwrap()
            > 0
    );
    let (status, text) = get(&format!("{base}&format=md"), Some(&f.viewer));
    assert_eq!(status, 200);
    assert!(text.starts_with('#'), "{}", &text[..50.min(text.len())]);
    let r = agent()
        .get(format!("{base}&format=html"))
        .header("Authorization", format!("Bearer {}", f.viewer))
        .call()
        .unwrap();
    let csp = r
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src") || csp.contains("default-src 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("script-src 'unsafe-inline'"));
    let (status, text) = body(r);
    assert_eq!(status, 200);
    assert!(text.contains("<svg"));
    assert_eq!(
        get(
            &format!("{}/api/v1/report?month=2025-13", f.base),
            Some(&f.viewer)
        )
        .0,
        400
    );
    assert_eq!(get(&format!("{base}&format=pdf"), Some(&f.viewer)).0, 400);
}

#[test]
fn metrics_count_requests_and_need_credentials() {
    let f = fixture();
    let _ = get(
        &format!("{}/api/v1/incidents?limit=1", f.base),
        Some(&f.viewer),
    );
    assert_eq!(get(&format!("{}/metrics", f.base), None).0, 401);
    let (status, text) = get(&format!("{}/metrics", f.base), Some(&f.viewer));
    assert_eq!(status, 200);
    assert!(text.contains("leakwatch_http_requests_total{method=\"GET\",route=\"/api/v1/incidents\",status=\"200\"}"), "{text}");
    assert!(text.contains("leakwatch_incidents "), "{text}");
}

#[test]
fn security_headers_on_every_answer() {
    let f = fixture();
    for path in ["/healthz", "/login", "/api/v1/incidents", "/nowhere"] {
        let r = agent().get(format!("{}{path}", f.base)).call().unwrap();
        let h = r.headers();
        let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe"),
            "{path}: {csp}"
        );
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(h.get("x-frame-options").unwrap(), "DENY");
    }
}

#[test]
fn graceful_shutdown_finishes_and_stops() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let (addr, tx, handle) = start(config(&db));
    assert_eq!(get(&format!("http://{addr}/healthz"), None).0, 200);
    tx.send(()).unwrap();
    handle.join().unwrap();
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "still listening"
    );
}
