//! HTTP behaviour of the sources crate against a local server on 127.0.0.1 (random port):
//! feeds of every flavour, Shift_JIS and UTF-8 pages, conditional GET, retries, redirect loops,
//! size limits, gzip, malformed feeds and source health. Must not touch the network beyond
//! loopback.

use leakwatch_sources::{
    poll_source, FetchError, Fetched, Fetcher, HttpConfig, PollPolicy, SourceKind, SourceSpec,
    SourceState, Validators, USER_AGENT,
};
use leakwatch_testkit::http::{reply, Reply, Server};
use std::io::Write;
use std::net::TcpListener;
use std::time::{Duration, Instant};

fn fast() -> HttpConfig {
    HttpConfig {
        host_delay: Duration::ZERO,
        backoff: Duration::from_millis(20),
        timeout: Duration::from_secs(5),
        ..HttpConfig::default()
    }
}

fn spec(kind: SourceKind, url: String) -> SourceSpec {
    SourceSpec {
        id: 1,
        name: "test".into(),
        kind,
        url,
        every: Duration::from_secs(1800),
    }
}

const SJIS_PAGE: &str = "<html><head><meta charset=\"Shift_JIS\"><title>不正アクセスに関するお知らせ</title></head>\
    <body><p>株式会社みなとリテールは、不正アクセスにより最大1,200件のクレジットカード情報が漏えいした可能性があると公表しました。</p></body></html>";

fn sjis(text: &str) -> Vec<u8> {
    encoding_rs::SHIFT_JIS.encode(text).0.into_owned()
}

fn rss(base: &str, links: &[&str]) -> String {
    let items: String = links
        .iter()
        .map(|l| {
            format!(
                "<item><title>お知らせ</title><link>{base}{l}</link><guid>{base}{l}</guid></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>\
         <link>{base}/</link><description>d</description>{items}</channel></rss>"
    )
}

#[test]
fn rss_feed_items_become_documents_with_declared_charsets() {
    let server = Server::start(|req, _| match req.path.as_str() {
        "/feed.xml" => {
            let mut r = reply(200, "application/rss+xml", Vec::new());
            r.body = rss(
                &format!("http://{}", req.headers["host"]),
                &["/a.html", "/b.html", "/c.html"],
            )
            .into_bytes();
            r
        }
        // Shift_JIS declared in <meta> only.
        "/a.html" => reply(200, "text/html", sjis(SJIS_PAGE)),
        // Shift_JIS declared only in the Content-Type header.
        "/b.html" => reply(
            200,
            "text/html; charset=Shift_JIS",
            sjis(&SJIS_PAGE.replace("<meta charset=\"Shift_JIS\">", "")),
        ),
        "/c.html" => reply(
            200,
            "text/html; charset=utf-8",
            "<html><body>UTF-8 のページ</body></html>",
        ),
        _ => reply(404, "text/plain", "no"),
    });
    let fetcher = Fetcher::new(fast());
    let poll = poll_source(
        &fetcher,
        &spec(SourceKind::Rss, server.url("/feed.xml")),
        &SourceState::default(),
        &PollPolicy::default(),
    );
    assert!(poll.error.is_none(), "{:?}", poll.error);
    assert_eq!(poll.items_in_feed, 3);
    assert_eq!(poll.documents.len(), 3);
    let a = &poll.documents[0].document;
    assert_eq!(a.declared_charset, None);
    assert_eq!(a.bytes, sjis(SJIS_PAGE));
    assert_eq!(
        poll.documents[1].document.declared_charset.as_deref(),
        Some("Shift_JIS")
    );
    assert_eq!(
        poll.documents[2].document.declared_charset.as_deref(),
        Some("utf-8")
    );
    assert!(matches!(
        &a.origin,
        leakwatch_model::Origin::Url { url } if url.ends_with("/a.html")
    ));
    assert_eq!(poll.state.seen.len(), 3);
    // The User-Agent names leakwatch.
    assert_eq!(
        server.requests("/a.html")[0].headers["user-agent"],
        USER_AGENT
    );
}

#[test]
fn atom_and_rdf_feeds_are_read() {
    let server = Server::start(|req, _| {
        let host = format!("http://{}", req.headers["host"]);
        match req.path.as_str() {
            "/atom" => reply(
                200,
                "application/atom+xml",
                format!(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
                     <title>t</title><id>urn:t</id><updated>2025-11-01T00:00:00Z</updated>\
                     <entry><title>e</title><id>urn:e</id><updated>2025-11-01T00:00:00Z</updated>\
                     <link rel=\"alternate\" href=\"{host}/atom-item\"/></entry></feed>"
                ),
            ),
            "/rdf" => reply(
                200,
                "application/rdf+xml",
                format!(
                    "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
                     xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"{host}/\"><title>t</title>\
                     <link>{host}/</link><description>d</description></channel>\
                     <item rdf:about=\"{host}/rdf-item\"><title>r</title><link>{host}/rdf-item</link></item></rdf:RDF>"
                ),
            ),
            _ => reply(200, "text/html; charset=utf-8", "<p>本文</p>"),
        }
    });
    let fetcher = Fetcher::new(fast());
    for (kind, path, item) in [
        (SourceKind::Atom, "/atom", "/atom-item"),
        (SourceKind::Rss, "/rdf", "/rdf-item"),
    ] {
        let poll = poll_source(
            &fetcher,
            &spec(kind, server.url(path)),
            &SourceState::default(),
            &PollPolicy::default(),
        );
        assert!(poll.error.is_none(), "{path}: {:?}", poll.error);
        assert_eq!(poll.documents.len(), 1, "{path}");
        assert_eq!(server.requests(item).len(), 1);
    }
}

#[test]
fn second_poll_is_conditional_and_seen_items_are_never_refetched() {
    let server = Server::start(|req, nth| {
        let host = format!("http://{}", req.headers["host"]);
        match req.path.as_str() {
            "/feed.xml" => {
                if req.headers.get("if-none-match").map(String::as_str) == Some("\"v1\"")
                    && nth == 2
                {
                    return Reply {
                        status: 304,
                        headers: vec![],
                        body: vec![],
                    };
                }
                let links: &[&str] = if nth >= 3 { &["/1", "/2"] } else { &["/1"] };
                let mut r = reply(200, "application/rss+xml", rss(&host, links));
                r.headers.push((
                    "ETag".into(),
                    if nth >= 3 { "\"v2\"" } else { "\"v1\"" }.into(),
                ));
                r.headers.push((
                    "Last-Modified".into(),
                    "Sat, 01 Nov 2025 00:00:00 GMT".into(),
                ));
                r
            }
            _ => reply(200, "text/html; charset=utf-8", "<p>x</p>"),
        }
    });
    let fetcher = Fetcher::new(fast());
    let s = spec(SourceKind::Rss, server.url("/feed.xml"));
    let policy = PollPolicy::default();
    let first = poll_source(&fetcher, &s, &SourceState::default(), &policy);
    assert_eq!(first.documents.len(), 1);
    assert_eq!(first.state.validators.etag.as_deref(), Some("\"v1\""));

    let second = poll_source(&fetcher, &s, &first.state, &policy);
    assert!(second.not_modified);
    assert!(second.documents.is_empty());
    let sent = &server.requests("/feed.xml")[1].headers;
    assert_eq!(sent["if-none-match"], "\"v1\"");
    assert_eq!(sent["if-modified-since"], "Sat, 01 Nov 2025 00:00:00 GMT");

    // The feed changes: only the new item is fetched.
    let third = poll_source(&fetcher, &s, &second.state, &policy);
    assert_eq!(third.documents.len(), 1);
    assert!(third.documents[0].key.ends_with("/2"));
    assert_eq!(server.requests("/1").len(), 1);
    assert_eq!(server.requests("/2").len(), 1);
}

#[test]
fn server_error_is_retried_with_backoff() {
    let server = Server::start(|_, nth| {
        if nth == 1 {
            reply(503, "text/plain", "busy")
        } else {
            reply(200, "text/html; charset=utf-8", "<p>ok</p>")
        }
    });
    let fetcher = Fetcher::new(fast());
    let got = fetcher
        .get(&server.url("/flaky"), &Validators::default())
        .unwrap();
    assert!(matches!(got, Fetched::Ok(r) if r.body == b"<p>ok</p>"));
    assert_eq!(server.requests("/flaky").len(), 2);

    // Always failing: bounded attempts, then an error naming the URL and status.
    let always = Server::start(|_, _| reply(500, "text/plain", "down"));
    let err = fetcher
        .get(&always.url("/down"), &Validators::default())
        .unwrap_err();
    assert!(
        matches!(
            err,
            FetchError::HttpStatus {
                status: 500,
                attempts: 3,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(always.requests("/down").len(), 3);
    assert!(err.to_string().contains("/down"));
}

#[test]
fn redirect_loop_is_reported_and_not_fatal_for_the_source() {
    let server = Server::start(|req, _| {
        let host = format!("http://{}", req.headers["host"]);
        let redirect = |to: &str| Reply {
            status: 302,
            headers: vec![("Location".into(), to.into())],
            body: vec![],
        };
        match req.path.as_str() {
            "/feed.xml" => reply(200, "application/rss+xml", rss(&host, &["/loop/a", "/ok"])),
            "/loop/a" => redirect("/loop/b"),
            "/loop/b" => redirect(&format!("{host}/loop/a")),
            "/hop/1" => redirect("/hop/2"),
            "/hop/2" => redirect("/hop/3"),
            "/hop/3" => redirect("/ok"),
            _ => reply(200, "text/html; charset=utf-8", "<p>ok</p>"),
        }
    });
    let fetcher = Fetcher::new(fast());
    let poll = poll_source(
        &fetcher,
        &spec(SourceKind::Rss, server.url("/feed.xml")),
        &SourceState::default(),
        &PollPolicy::default(),
    );
    assert!(poll.error.is_none());
    assert_eq!(poll.documents.len(), 1);
    assert_eq!(poll.item_failures.len(), 1);
    let err = &poll.item_failures[0].error;
    assert!(matches!(err, FetchError::RedirectLoop { .. }), "{err}");
    assert!(err.to_string().contains("/loop/b"), "{err}");
    // A loop is permanent: the item is not fetched again.
    assert!(poll.state.seen.iter().any(|k| k.ends_with("/loop/a")));
    assert!(poll.state.healthy);

    // A chain longer than the limit is refused too.
    let short = Fetcher::new(HttpConfig {
        max_redirects: 2,
        ..fast()
    });
    let err = short
        .get(&server.url("/hop/1"), &Validators::default())
        .unwrap_err();
    assert!(
        matches!(err, FetchError::TooManyRedirects { limit: 2, .. }),
        "{err}"
    );
    assert!(Fetcher::new(fast())
        .get(&server.url("/hop/1"), &Validators::default())
        .is_ok());
}

#[test]
fn oversized_pages_are_refused() {
    let server = Server::start(|req, _| {
        let big = vec![b'a'; 200_000];
        match req.path.as_str() {
            "/declared" => reply(200, "text/html", big),
            // No Content-Length: the body itself is cut at the limit.
            _ => Reply {
                status: 200,
                headers: vec![
                    ("Content-Type".into(), "text/html".into()),
                    ("X-No-Length".into(), "".into()),
                ],
                body: big,
            },
        }
    });
    let fetcher = Fetcher::new(HttpConfig {
        max_bytes: 100_000,
        ..fast()
    });
    for path in ["/declared", "/undeclared"] {
        let err = fetcher
            .get(&server.url(path), &Validators::default())
            .unwrap_err();
        assert!(
            matches!(err, FetchError::TooLarge { limit: 100_000, .. }),
            "{path}: {err}"
        );
    }
}

#[test]
fn gzip_responses_are_decompressed() {
    let page = "<html><body>gzip で圧縮されたページ</body></html>".repeat(50);
    let page2 = page.clone();
    let server = Server::start(move |req, _| {
        let accepts = req
            .headers
            .get("accept-encoding")
            .is_some_and(|v| v.contains("gzip"));
        assert!(accepts, "client must offer gzip");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(page2.as_bytes()).unwrap();
        let mut r = reply(200, "text/html; charset=utf-8", enc.finish().unwrap());
        r.headers.push(("Content-Encoding".into(), "gzip".into()));
        r
    });
    let got = Fetcher::new(fast())
        .get(&server.url("/gz"), &Validators::default())
        .unwrap();
    let Fetched::Ok(resp) = got else {
        panic!("expected a body")
    };
    assert_eq!(resp.body, page.as_bytes());
}

#[test]
fn malformed_feed_marks_the_source_unhealthy_after_repeated_failures() {
    let server = Server::start(|_, _| {
        reply(
            200,
            "application/rss+xml",
            "<rss><channel><item><title>broken",
        )
    });
    let fetcher = Fetcher::new(fast());
    let s = spec(SourceKind::Rss, server.url("/bad.xml"));
    let policy = PollPolicy {
        unhealthy_after: 3,
        ..PollPolicy::default()
    };
    let mut state = SourceState::default();
    for n in 1..=3 {
        let poll = poll_source(&fetcher, &s, &state, &policy);
        let err = poll.error.clone().expect("a malformed feed is an error");
        assert!(matches!(err, FetchError::Feed { .. }), "{err}");
        assert!(err.to_string().contains("/bad.xml"));
        assert_eq!(poll.state.consecutive_failures, n);
        assert_eq!(poll.state.healthy, n < 3);
        assert_eq!(poll.became_unhealthy, n == 3);
        state = poll.state;
    }
    // Recovery resets the count.
    let good = Server::start(|req, _| {
        let host = format!("http://{}", req.headers["host"]);
        if req.path == "/feed" {
            reply(200, "application/rss+xml", rss(&host, &[]))
        } else {
            reply(404, "text/plain", "")
        }
    });
    let poll = poll_source(
        &fetcher,
        &spec(SourceKind::Rss, good.url("/feed")),
        &state,
        &policy,
    );
    assert!(poll.error.is_none());
    assert!(poll.state.healthy);
    assert_eq!(poll.state.consecutive_failures, 0);
}

#[test]
fn requests_to_one_host_are_spaced() {
    let server = Server::start(|_, _| reply(200, "text/plain", "x"));
    let fetcher = Fetcher::new(HttpConfig {
        host_delay: Duration::from_millis(250),
        ..fast()
    });
    let start = Instant::now();
    for _ in 0..3 {
        fetcher
            .get(&server.url("/p"), &Validators::default())
            .unwrap();
    }
    assert!(
        start.elapsed() >= Duration::from_millis(500),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn page_sources_fetch_one_page_and_connection_errors_are_not_panics() {
    let server = Server::start(|_, _| reply(200, "text/html; charset=EUC-JP", "<p>x</p>"));
    let fetcher = Fetcher::new(fast());
    let poll = poll_source(
        &fetcher,
        &spec(SourceKind::Page, server.url("/notice.html")),
        &SourceState::default(),
        &PollPolicy::default(),
    );
    assert_eq!(poll.documents.len(), 1);
    assert_eq!(
        poll.documents[0].document.declared_charset.as_deref(),
        Some("EUC-JP")
    );

    // Nothing listens on this port (bound then dropped).
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let poll = poll_source(
        &fetcher,
        &spec(SourceKind::Rss, format!("http://127.0.0.1:{port}/feed")),
        &SourceState::default(),
        &PollPolicy::default(),
    );
    let err = poll.error.expect("connection refused is an error");
    assert!(err.to_string().contains(&port.to_string()), "{err}");
}

#[test]
fn items_over_the_per_poll_limit_are_fetched_next_time_despite_validators() {
    let server = Server::start(|req, _| {
        let host = format!("http://{}", req.headers["host"]);
        if req.path == "/feed.xml" {
            if req.headers.contains_key("if-none-match") {
                return Reply {
                    status: 304,
                    headers: vec![],
                    body: vec![],
                };
            }
            let mut r = reply(200, "application/rss+xml", rss(&host, &["/1", "/2", "/3"]));
            r.headers.push(("ETag".into(), "\"same\"".into()));
            r
        } else {
            reply(200, "text/html; charset=utf-8", "<p>x</p>")
        }
    });
    let fetcher = Fetcher::new(fast());
    let s = spec(SourceKind::Rss, server.url("/feed.xml"));
    let policy = PollPolicy {
        max_items: 2,
        ..PollPolicy::default()
    };
    let first = poll_source(&fetcher, &s, &SourceState::default(), &policy);
    assert_eq!(first.documents.len(), 2);
    assert_eq!(first.state.validators, Validators::default());
    let second = poll_source(&fetcher, &s, &first.state, &policy);
    assert_eq!(second.documents.len(), 1);
    assert!(second.documents[0].key.ends_with("/3"));
    assert_eq!(second.state.validators.etag.as_deref(), Some("\"same\""));
    let third = poll_source(&fetcher, &s, &second.state, &policy);
    assert!(third.not_modified);
}

#[test]
fn slow_servers_time_out_after_bounded_retries() {
    let server = Server::start(|_, _| {
        std::thread::sleep(Duration::from_millis(1500));
        reply(200, "text/plain", "late")
    });
    let fetcher = Fetcher::new(HttpConfig {
        timeout: Duration::from_millis(300),
        retries: 1,
        ..fast()
    });
    let start = Instant::now();
    let err = fetcher
        .get(&server.url("/slow"), &Validators::default())
        .unwrap_err();
    assert!(
        matches!(err, FetchError::Timeout { attempts: 2, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("/slow"), "{err}");
    assert!(
        start.elapsed() < Duration::from_millis(1400),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn entries_without_a_link_use_their_inline_content() {
    let server = Server::start(|_, _| {
        reply(
            200,
            "application/atom+xml",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
             <title>t</title><id>urn:t</id><updated>2025-11-01T00:00:00Z</updated>\
             <entry><title>お知らせ</title><id>urn:inline-1</id><updated>2025-11-01T00:00:00Z</updated>\
             <content type=\"html\">&lt;p&gt;株式会社サンプルは不正アクセスを公表しました。&lt;/p&gt;</content>\
             </entry></feed>",
        )
    });
    let poll = poll_source(
        &Fetcher::new(fast()),
        &spec(SourceKind::Atom, server.url("/atom")),
        &SourceState::default(),
        &PollPolicy::default(),
    );
    assert!(poll.error.is_none(), "{:?}", poll.error);
    assert_eq!(poll.documents.len(), 1);
    let doc = &poll.documents[0];
    assert_eq!(doc.key, "id:urn:inline-1");
    let html = String::from_utf8(doc.document.bytes.clone()).unwrap();
    assert!(
        html.contains("株式会社サンプルは不正アクセスを公表しました。"),
        "{html}"
    );
    assert_eq!(server.requests("/atom").len(), 1);
}

#[test]
fn retry_after_is_honoured() {
    let server = Server::start(|_, nth| {
        if nth == 1 {
            let mut r = reply(503, "text/plain", "later");
            r.headers.push(("Retry-After".into(), "1".into()));
            r
        } else {
            reply(200, "text/plain", "now")
        }
    });
    let start = Instant::now();
    let got = Fetcher::new(fast())
        .get(&server.url("/busy"), &Validators::default())
        .unwrap();
    assert!(matches!(got, Fetched::Ok(_)));
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
}

/// Gzip of `n` zero bytes (a bomb: ~1000:1).
fn gzip_zeros(n: usize) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 16];
    let mut left = n;
    while left > 0 {
        let k = left.min(chunk.len());
        enc.write_all(&chunk[..k]).unwrap();
        left -= k;
    }
    enc.finish().unwrap()
}

/// Issue 11 (2): the size limit counts decompressed bytes, and a bomb among a feed's items
/// fails alone: the good item beside it is fetched.
#[test]
fn gzip_bombs_are_refused_by_their_decompressed_size_and_fail_alone() {
    let bomb = std::sync::Arc::new(gzip_zeros(64 << 20));
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let server = Server::start(move |req, _| match req.path.as_str() {
        "/feed.xml" => {
            let base = format!(
                "http://{}",
                req.headers.get("host").cloned().unwrap_or_default()
            );
            reply(
                200,
                "application/rss+xml",
                rss(&base, &["/bomb.html", "/good.html"]),
            )
        }
        "/bomb.html" => {
            let mut r = reply(200, "text/html", bomb.as_slice());
            r.headers.push(("Content-Encoding".into(), "gzip".into()));
            r
        }
        _ => reply(
            200,
            "text/html; charset=utf-8",
            "<html><body><p>良い記事</p></body></html>",
        ),
    });
    let fetcher = Fetcher::new(HttpConfig {
        max_bytes: 1 << 20,
        ..fast()
    });
    let err = fetcher
        .get(&server.url("/bomb.html"), &Validators::default())
        .unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { .. }), "{err}");

    let poll = poll_source(
        &fetcher,
        &spec(SourceKind::Rss, server.url("/feed.xml")),
        &SourceState::default(),
        &PollPolicy::default(),
    );
    assert!(poll.error.is_none(), "{:?}", poll.error);
    assert_eq!(poll.documents.len(), 1);
    assert!(poll.documents[0].key.ends_with("/good.html"));
    assert_eq!(poll.item_failures.len(), 1);
    assert!(poll.item_failures[0].key.ends_with("/bomb.html"));
}
