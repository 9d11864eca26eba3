//! The web UI over real HTTP: sign-in (session cookie, CSRF on every form, rate limit), roles
//! on pages, hostile names and titles escaped on every page and in the feed, the review queue
//! (one-click correction, audited), sign-out, and the public mode.

mod common;

use common::*;

fn assert_escaped(what: &str, page: &str) {
    assert!(
        !page.contains("<script>alert"),
        "{what}: raw <script> in\n{page}"
    );
    assert!(!page.contains("<img src=x"), "{what}: raw <img> in\n{page}");
    assert!(
        !page.contains("\"><img"),
        "{what}: attribute break-out in\n{page}"
    );
}

#[test]
fn pages_need_a_session_and_login_sets_a_strict_cookie() {
    let f = fixture();
    for path in [
        "/",
        "/incidents",
        "/incidents/1",
        "/search?q=x",
        "/report",
        "/review",
        "/watchlists",
        "/alerts",
        "/check",
        "/feed.atom",
    ] {
        let (status, page) = get(&format!("{}{path}", f.base), None);
        assert_eq!(status, 401, "{path}");
        if !path.ends_with(".atom") {
            assert!(page.contains("/login"), "{path}: {page}");
        }
    }
    let (status, page) = get(&format!("{}/login", f.base), None);
    assert_eq!(status, 200);
    assert!(page.contains("name=\"password\""));
    let b = login(&f.base, "vera");
    for path in [
        "/",
        "/incidents",
        "/incidents/1",
        "/search?q=%E6%BC%8F%E3%81%88%E3%81%84",
        "/report?month=2025-09",
        "/review",
        "/watchlists",
        "/alerts",
        "/check?name=x",
        "/feed.atom",
    ] {
        let (status, page) = b.get(&format!("{}{path}", f.base));
        assert_eq!(status, 200, "{path}: {page}");
    }
    let (_, page) = b.get(&format!("{}/", f.base));
    assert_eq!(page.matches("<svg").count(), 2, "causes and trend charts");
    assert!(
        !page.contains("<script>")
            || page.contains("<script src=\"/static/app.js\" defer></script>")
    );
    assert!(!page.contains("style=\""), "no inline style under the CSP");
}

#[test]
fn wrong_passwords_are_refused_then_rate_limited() {
    // A server of its own: the limit is per client address, and every test comes from 127.0.0.1.
    let f = fixture();
    let (addr, tx, handle) = start(config(&f.db));
    let base = format!("http://{addr}");
    let (status, page) = {
        let r = agent().get(format!("{base}/login")).call().unwrap();
        let cookie = r
            .headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let (_, page) = body(r);
        let csrf = form_csrf(&page);
        // Without the login CSRF token: 403.
        let r = agent()
            .post(format!("{base}/login"))
            .send_form([("name", "vera"), ("password", "wrong")])
            .unwrap();
        assert_eq!(r.status(), 403);
        let mut last = (0, String::new());
        for _ in 0..6 {
            let r = agent()
                .post(format!("{base}/login"))
                .header("Cookie", &cookie)
                .send_form([
                    ("csrf", csrf.as_str()),
                    ("name", "mallory"),
                    ("password", "wrong password"),
                ])
                .unwrap();
            last = body(r);
            if last.0 == 429 {
                break;
            }
            assert_eq!(last.0, 401, "{}", last.1);
        }
        last
    };
    assert_eq!(status, 429, "{page}");
    // The right password is refused too while the address waits.
    let r = agent().get(format!("{base}/login")).call().unwrap();
    let cookie = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let csrf = form_csrf(&body(r).1);
    let r = agent()
        .post(format!("{base}/login"))
        .header("Cookie", &cookie)
        .send_form([
            ("csrf", csrf.as_str()),
            ("name", "vera"),
            ("password", PASSWORD),
        ])
        .unwrap();
    assert_eq!(r.status(), 429);
    tx.send(()).unwrap();
    handle.join().unwrap();
}

#[test]
fn csrf_is_required_on_every_session_write() {
    let f = fixture();
    let b = login(&f.base, "ana");
    let url = format!("{}/incidents/1/correct", f.base);
    let (status, _) = b.post_form(&url, &[("field", "attacker"), ("value", "csrf-test")]);
    assert_eq!(status, 403, "no token");
    let (status, _) = b.post_form(
        &url,
        &[
            ("csrf", "0000"),
            ("field", "attacker"),
            ("value", "csrf-test"),
        ],
    );
    assert_eq!(status, 403, "wrong token");
    // The API with a session cookie needs the header.
    let r = agent()
        .post(format!("{}/api/v1/incidents/1/corrections", f.base))
        .header("Cookie", &b.cookie)
        .send_json(serde_json::json!({"field": "attacker", "value": "csrf-test"}))
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = agent()
        .post(format!("{}/api/v1/incidents/1/corrections", f.base))
        .header("Cookie", &b.cookie)
        .header("X-CSRF-Token", &b.csrf)
        .send_json(serde_json::json!({"field": "attacker", "value": "csrf-test"}))
        .unwrap();
    assert_eq!(r.status(), 200);
    // Every form on the analyst's pages carries the token.
    for path in ["/incidents/1", "/review", "/watchlists", "/documents"] {
        let (status, page) = b.get(&format!("{}{path}", f.base));
        assert_eq!(status, 200, "{path}");
        let forms = page.matches("<form method=\"post\"").count();
        let tokens = page
            .matches(&format!("name=\"csrf\" value=\"{}\"", b.csrf))
            .count();
        assert!(
            forms > 0 && tokens >= forms,
            "{path}: {forms} forms, {tokens} tokens"
        );
    }
    // Viewers cannot write even with the token.
    let v = login(&f.base, "vera");
    let (status, _) = v.post_form(
        &url,
        &[
            ("csrf", v.csrf.as_str()),
            ("field", "attacker"),
            ("value", "x"),
        ],
    );
    assert_eq!(status, 403);
    let (status, _) = v.post_form(
        &format!("{}/watchlists", f.base),
        &[("csrf", v.csrf.as_str()), ("name", "株式会社ビューア")],
    );
    assert_eq!(status, 403);
}

#[test]
fn hostile_names_and_titles_are_escaped_everywhere() {
    let f = fixture();
    let b = login(&f.base, "vera");
    let id = f.hostile;
    let pages = [
        "/".to_string(),
        "/incidents".to_string(),
        format!("/incidents/{id}"),
        "/search?q=%E3%81%BB%E3%81%97%E3%81%8B%E3%81%92".to_string(),
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
        "/review".to_string(),
        "/check?name=%E3%81%BB%E3%81%97%E3%81%8B%E3%81%92".to_string(),
        "/check?name=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E".to_string(),
        "/feed.atom".to_string(),
        "/report?month=2025-10".to_string(),
        "/report?month=2025-09".to_string(),
    ];
    let mut seen_name = false;
    for p in &pages {
        let (status, page) = b.get(&format!("{}{p}", f.base));
        assert_eq!(status, 200, "{p}");
        assert_escaped(p, &page);
        seen_name |= page.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
    assert!(seen_name, "the hostile name is shown (escaped) somewhere");
    let (_, page) = b.get(&format!("{}/incidents/{id}", f.base));
    assert!(
        page.contains("&lt;script&gt;"),
        "escaped name on the incident page"
    );
    // The API returns the data as data (JSON strings), for clients to escape.
    let (_, json) = get(
        &format!("{}/api/v1/incidents/{id}", f.base),
        Some(&f.viewer),
    );
    assert!(json.contains("<script>alert(1)</script>"));
}

#[test]
fn incident_page_highlights_evidence_in_the_source_text() {
    let f = fixture();
    let b = login(&f.base, "vera");
    let (_, page) = b.get(&format!("{}/incidents/1", f.base));
    let marks = page.matches("<mark id=\"ev-").count();
    assert!(marks > 0, "{page}");
    assert!(page.contains("id=\"timeline\"") || !page.contains("タイムライン"));
    assert!(page.contains("id=\"assessment\""));
    // Each highlighted span links back from the evidence table.
    assert!(page.contains("href=\"#ev-0\""));
}

#[test]
fn review_queue_corrects_in_one_click_and_audits_it() {
    let f = fixture();
    let b = login(&f.base, "ana");
    let (status, page) = b.get(&format!("{}/review", f.base));
    assert_eq!(status, 200);
    // Correct the first correctable row with its one-click form.
    let at = page
        .find("action=\"/incidents/")
        .expect("a review row with a form");
    let rest = &page[at + "action=\"/incidents/".len()..];
    let id: i64 = rest.split('/').next().unwrap().parse().unwrap();
    let field_at = rest.find("name=\"field\" value=\"").unwrap() + "name=\"field\" value=\"".len();
    let field = rest[field_at..].split('"').next().unwrap().to_string();
    let value = match field.as_str() {
        "cause" => "loss",
        "affected_count" => "4321",
        "card_data" | "confirmed" => "true",
        f if f.starts_with("dates.") => "2025-01-02",
        "data_types" => "email",
        _ => "review-test",
    };
    let (status, _) = b.post_form(
        &format!("{}/incidents/{id}/correct", f.base),
        &[
            ("csrf", b.csrf.as_str()),
            ("field", field.as_str()),
            ("value", value),
            ("back", "review"),
        ],
    );
    assert_eq!(status, 303, "{field}={value}");
    let (_, page) = b.get(&format!("{}/incidents/{id}", f.base));
    let audit = &page[page.find("id=\"audit-log\"").unwrap()..];
    assert!(audit.contains("<strong>ana</strong>"), "{audit}");
}

#[test]
fn analysts_add_documents_by_pasting_them() {
    let f = fixture();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/documents/06_izumi-jusetsu-insider.txt"),
    )
    .unwrap()
    .replace("いずみ住設", "はるかぜ住設");
    let v = login(&f.base, "vera");
    assert_eq!(v.get(&format!("{}/documents", f.base)).0, 403);
    let (status, _) = v.post_form(
        &format!("{}/documents", f.base),
        &[
            ("csrf", v.csrf.as_str()),
            ("name", "x.txt"),
            ("text", text.as_str()),
        ],
    );
    assert_eq!(status, 403);
    let a = login(&f.base, "ana");
    let (status, _) = a.post_form(
        &format!("{}/documents", f.base),
        &[("name", "x.txt"), ("text", text.as_str())],
    );
    assert_eq!(status, 403, "no CSRF token");
    let (status, page) = a.post_form(
        &format!("{}/documents", f.base),
        &[
            ("csrf", a.csrf.as_str()),
            ("name", "harukaze.txt"),
            ("text", text.as_str()),
        ],
    );
    assert_eq!(status, 200, "{page}");
    let outcome = &page[page.find("id=\"upload-outcome\"").expect("an outcome")..];
    assert!(outcome.contains("href=\"/incidents/"), "{outcome}");
}

#[test]
fn analysts_merge_and_split_from_the_incident_page() {
    let f = fixture();
    // Two incidents of their own, from two pasted releases of different organisations.
    let read = |name: &str| {
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../examples/documents")
                .join(name),
        )
        .unwrap()
    };
    let a = login(&f.base, "ana");
    let mut ids = Vec::new();
    for (name, text) in [
        (
            "merge-a.txt",
            read("06_izumi-jusetsu-insider.txt").replace("いずみ住設", "あさなぎ住設"),
        ),
        (
            "merge-b.txt",
            read("03_aoba-city-mail.txt").replace("青葉市", "夕凪市"),
        ),
    ] {
        let (status, page) = a.post_form(
            &format!("{}/documents", f.base),
            &[
                ("csrf", a.csrf.as_str()),
                ("name", name),
                ("text", text.as_str()),
            ],
        );
        assert_eq!(status, 200, "{page}");
        let at = page.find("href=\"/incidents/").expect("an incident") + "href=\"/incidents/".len();
        ids.push(
            page[at..]
                .split('"')
                .next()
                .unwrap()
                .parse::<i64>()
                .unwrap(),
        );
    }
    let (keep, absorb) = (ids[0], ids[1]);
    assert_ne!(keep, absorb);
    let v = login(&f.base, "vera");
    let url = format!("{}/incidents/{keep}/merge", f.base);
    let absorb_s = absorb.to_string();
    let (status, _) = v.post_form(
        &url,
        &[("csrf", v.csrf.as_str()), ("absorb", absorb_s.as_str())],
    );
    assert_eq!(status, 403, "viewers cannot merge");
    let (status, _) = a.post_form(&url, &[("absorb", absorb_s.as_str())]);
    assert_eq!(status, 403, "no CSRF token");
    let (status, _) = a.post_form(&url, &[("csrf", a.csrf.as_str()), ("absorb", "abc")]);
    assert_eq!(status, 400);
    let (status, page) = a.post_form(
        &url,
        &[
            ("csrf", a.csrf.as_str()),
            ("absorb", absorb_s.as_str()),
            ("reason", "same event"),
        ],
    );
    assert_eq!(status, 303, "{page}");
    assert_eq!(a.get(&format!("{}/incidents/{absorb}", f.base)).0, 404);
    let (_, page) = a.get(&format!("{}/incidents/{keep}", f.base));
    assert!(page.contains("same event"), "the merge is in the audit log");
    // Split the second source out again.
    let at = page
        .find("name=\"document_key\" value=\"")
        .expect("split forms");
    let keys: Vec<String> = page[at..]
        .split("name=\"document_key\" value=\"")
        .skip(1)
        .map(|p| p.split('"').next().unwrap().to_string())
        .collect();
    assert!(keys.len() >= 2, "both incidents' sources: {keys:?}");
    let last = keys.last().unwrap();
    let (status, _) = a.post_form(
        &format!("{}/incidents/{keep}/split", f.base),
        &[
            ("csrf", a.csrf.as_str()),
            ("document_key", last.as_str()),
            ("reason", "two events"),
        ],
    );
    assert_eq!(status, 303);
    let (_, page) = a.get(&format!("{}/incidents/{keep}", f.base));
    let left = page.matches("name=\"document_key\" value=\"").count();
    // Split forms are shown only while an incident has two or more sources.
    assert!(
        left + 1 == keys.len() || (keys.len() == 2 && left == 0),
        "one source fewer: {left} of {keys:?}"
    );
    assert!(!page.contains(&format!("name=\"document_key\" value=\"{last}\"")));
}

#[test]
fn logout_ends_the_session() {
    let f = fixture();
    let b = login(&f.base, "vera");
    let (status, _) = b.post_form(&format!("{}/logout", f.base), &[]);
    assert_eq!(status, 403, "sign-out needs the token too");
    let (status, _) = b.post_form(&format!("{}/logout", f.base), &[("csrf", b.csrf.as_str())]);
    assert_eq!(status, 303);
    let (status, _) = b.get(&format!("{}/incidents", f.base));
    assert_eq!(status, 401);
}

#[test]
fn public_mode_opens_only_the_public_pages() {
    let f = fixture();
    let mut c = config(&f.db);
    c.public = true;
    let (addr, tx, handle) = start(c);
    let base = format!("http://{addr}");
    for path in [
        "/check?name=%E3%81%BB%E3%81%97%E3%81%8B%E3%81%92",
        "/feed.atom?cause=insider",
        "/incidents/1",
        "/login",
        "/healthz",
    ] {
        let (status, page) = get(&format!("{base}{path}"), None);
        assert_eq!(status, 200, "{path}");
        assert_escaped(path, &page);
        assert!(
            !page.contains("name=\"csrf\" value=\"\"")
                || path == "/login"
                || !page.contains("/correct"),
            "{path}"
        );
    }
    for path in [
        "/",
        "/incidents",
        "/search?q=a",
        "/review",
        "/api/v1/incidents",
        "/api/v1/incidents/1",
        "/metrics",
    ] {
        assert_eq!(get(&format!("{base}{path}"), None).0, 401, "{path}");
    }
    assert_eq!(
        get(&format!("{base}/feed.atom?watchlist=default"), None).0,
        401,
        "watchlists stay internal"
    );
    let (status, _) = get(
        &format!("{base}/feed.atom?watchlist=default"),
        Some(&f.viewer),
    );
    assert_eq!(status, 200);
    let (_, feed) = get(&format!("{base}/feed.atom"), None);
    assert!(
        feed.starts_with("<?xml") && feed.contains("<entry>"),
        "{feed}"
    );
    tx.send(()).unwrap();
    handle.join().unwrap();
}
