//! A tiny HTTP/1.1 server on 127.0.0.1 (random port) for tests: one request per connection,
//! every request logged, replies from a handler that also gets the request's 1-based index
//! among requests to the same path (to script retries and conditional GETs).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the server saw it (header names lower-cased).
#[derive(Debug, Clone)]
pub struct Req {
    pub method: String,
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
}

/// What the handler answers. A `Content-Length` is added unless the handler sets one, or
/// sets the marker header `X-No-Length` (which is not sent) to leave the length out.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A reply with a status, a content type and a body.
pub fn reply(status: u16, ctype: &str, body: impl Into<Vec<u8>>) -> Reply {
    Reply {
        status,
        headers: vec![("Content-Type".into(), ctype.into())],
        body: body.into(),
    }
}

type Handler = dyn Fn(&Req, usize) -> Reply + Send + Sync;

/// The running server; it lives until the test process ends.
pub struct Server {
    base: String,
    log: Arc<Mutex<Vec<Req>>>,
}

impl Server {
    /// Binds a random loopback port and serves every connection on its own thread.
    pub fn start(handler: impl Fn(&Req, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!(
            "http://{}",
            listener
                .local_addr()
                .expect("local address of the listener")
        );
        let log: Arc<Mutex<Vec<Req>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let l2 = log.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (log, handler) = (l2.clone(), handler.clone());
                std::thread::spawn(move || serve(stream, &log, &*handler));
            }
        });
        Server { base, log }
    }

    /// The absolute URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The requests received for `path`, in order.
    pub fn requests(&self, path: &str) -> Vec<Req> {
        let log = self.log.lock().expect("request log");
        log.iter().filter(|r| r.path == path).cloned().collect()
    }
}

fn serve(stream: TcpStream, log: &Mutex<Vec<Req>>, handler: &Handler) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.is_empty() {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("GET").to_string();
    let path = parts.next().unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let mut body = Vec::new();
    if let Some(n) = headers
        .get("content-length")
        .and_then(|n| n.parse::<usize>().ok())
    {
        body = vec![0; n];
        let _ = reader.read_exact(&mut body);
    }
    let req = Req {
        method,
        path,
        headers,
        body,
    };
    let nth = {
        let Ok(mut log) = log.lock() else { return };
        log.push(req.clone());
        log.iter().filter(|r| r.path == req.path).count()
    };
    let r = handler(&req, nth);
    let mut out = stream;
    let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", r.status);
    let mut has_len = false;
    for (k, v) in &r.headers {
        has_len |= k.eq_ignore_ascii_case("content-length") || k == "X-No-Length";
        if k == "X-No-Length" {
            continue;
        }
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !has_len {
        head.push_str(&format!("Content-Length: {}\r\n", r.body.len()));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(&r.body);
    let _ = out.flush();
}
