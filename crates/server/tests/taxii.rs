//! The read-only TAXII 2.1 collection over real HTTP: discovery → API root → collections →
//! objects page by page (the same objects as the STIX export), the manifest, one object and
//! its versions, `added_after` after a new incident is written, negotiation, access and
//! errors in TAXII's format.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

const TAXII: &str = "application/taxii+json;version=2.1";
const ROOT: &str = "/taxii2/leakwatch/";

struct Answer {
    status: u16,
    content_type: String,
    first: Option<String>,
    last: Option<String>,
    body: Value,
}

fn call(url: &str, token: Option<&str>, accept: Option<&str>) -> Answer {
    let mut req = agent().get(url);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    if let Some(a) = accept {
        req = req.header("Accept", a);
    }
    let r = req.call().unwrap();
    let header = |name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header("content-type").unwrap_or_default();
    let first = header("x-taxii-date-added-first");
    let last = header("x-taxii-date-added-last");
    let (status, text) = body(r);
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        content_type,
        first,
        last,
        body,
    }
}

fn taxii(url: &str, token: &str) -> Answer {
    let a = call(url, Some(token), Some(TAXII));
    assert_eq!(a.content_type, TAXII, "{url}");
    a
}

/// Every object of the collection, read page by page with `limit` and `next`.
fn all_objects(f: &Fixture, collection_url: &str, limit: usize) -> (Vec<Value>, usize) {
    let mut objects = Vec::new();
    let mut pages = 0;
    let mut next: Option<String> = None;
    loop {
        let mut url = format!("{collection_url}objects/?limit={limit}");
        if let Some(n) = &next {
            url.push_str(&format!("&next={n}"));
        }
        let a = taxii(&url, &f.viewer);
        assert_eq!(a.status, 200, "{:?}", a.body);
        pages += 1;
        let page = a.body["objects"].as_array().cloned().unwrap_or_default();
        assert!(page.len() <= limit);
        assert!(a.first.is_some() && a.last.is_some() && a.first <= a.last);
        objects.extend(page);
        if a.body["more"] == true {
            next = Some(a.body["next"].as_str().unwrap().to_string());
        } else {
            assert!(a.body.get("next").is_none());
            return (objects, pages);
        }
    }
}

/// The ids of `leakwatch export --format stix`'s bundle of the same database.
fn stix_export(f: &Fixture) -> BTreeSet<String> {
    let store = leakwatch_store::SqlStore::open(&f.db).unwrap();
    let incidents = leakwatch_app::export_incidents(&store, &Default::default()).unwrap();
    leakwatch_interop::export::stix::bundle(&incidents)["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn discovery_leads_to_a_collection_holding_the_stix_export() {
    let f = fixture();
    let d = taxii(&format!("{}/taxii2/", f.base), &f.viewer);
    assert_eq!(d.status, 200);
    let root = d.body["default"].as_str().unwrap().to_string();
    assert_eq!(root, format!("{}{ROOT}", f.base));
    assert_eq!(d.body["api_roots"][0], root.as_str());
    let r = taxii(&root, &f.viewer);
    assert_eq!(r.body["versions"][0], TAXII);
    let cs = taxii(&format!("{root}collections/"), &f.viewer);
    let c = &cs.body["collections"][0];
    assert_eq!(c["can_read"], true);
    assert_eq!(c["can_write"], false);
    let id = c["id"].as_str().unwrap();
    let collection_url = format!("{root}collections/{id}/");
    let one = taxii(&collection_url, &f.viewer);
    assert_eq!(one.body["id"], id);

    // Paged reading gets every object of the STIX export exactly once.
    let (objects, pages) = all_objects(f, &collection_url, 7);
    assert!(pages > 2, "{pages} pages");
    let ids: Vec<String> = objects
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    let distinct: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(distinct.len(), ids.len(), "an object came twice");
    assert_eq!(distinct, stix_export(f));
    assert!(objects.iter().all(|o| o["spec_version"] == "2.1"));

    // The manifest lists the same objects with their versions.
    let m = taxii(&format!("{collection_url}manifest/?limit=1000"), &f.viewer);
    let listed: BTreeSet<String> = m.body["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["media_type"], "application/stix+json;version=2.1");
            assert!(e["date_added"].as_str().unwrap().ends_with('Z'));
            e["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(listed, distinct);

    // Filters: only incidents; one object by id, and its versions.
    let inc = taxii(
        &format!("{collection_url}objects/?match[type]=incident&limit=1000"),
        &f.viewer,
    );
    let incidents = inc.body["objects"].as_array().unwrap();
    assert!(!incidents.is_empty());
    assert!(incidents.iter().all(|o| o["type"] == "incident"));
    let first = incidents[0]["id"].as_str().unwrap();
    let o = taxii(&format!("{collection_url}objects/{first}/"), &f.viewer);
    assert_eq!(o.status, 200);
    assert_eq!(o.body["objects"].as_array().unwrap().len(), 1);
    assert_eq!(o.body["objects"][0]["id"], first);
    let v = taxii(
        &format!("{collection_url}objects/{first}/versions/"),
        &f.viewer,
    );
    assert_eq!(v.body["versions"][0], incidents[0]["modified"]);

    // Nothing was added after the newest object.
    let newest = m.last.clone().unwrap();
    let after = taxii(
        &format!("{collection_url}objects/?added_after={newest}"),
        &f.viewer,
    );
    assert_eq!(after.status, 200);
    assert_eq!(after.body["more"], false);
    assert!(after.body.get("objects").is_none(), "{:?}", after.body);
}

#[test]
fn errors_negotiation_and_access() {
    let f = fixture();
    let root = format!("{}{ROOT}", f.base);
    // Without credentials on a private server: 401 in TAXII's error format.
    let a = call(&format!("{}/taxii2/", f.base), None, Some(TAXII));
    assert_eq!(a.status, 401);
    assert_eq!(a.content_type, TAXII);
    assert_eq!(a.body["http_status"], "401");
    assert!(a.body["title"].is_string());
    let a = call(&root, Some(&f.revoked), Some(TAXII));
    assert_eq!(a.status, 401);
    // A client that cannot read TAXII 2.1.
    let a = call(
        &root,
        Some(&f.viewer),
        Some("application/taxii+json;version=2.0"),
    );
    assert_eq!(a.status, 406);
    assert_eq!(a.body["http_status"], "406");
    // An unknown collection or object, a bad parameter.
    let a = taxii(&format!("{root}collections/nope/objects/"), &f.viewer);
    assert_eq!(a.status, 404);
    let cs = taxii(&format!("{root}collections/"), &f.viewer);
    let id = cs.body["collections"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let a = taxii(
        &format!("{root}collections/{id}/objects/incident--00000000-0000-5000-8000-000000000000/"),
        &f.viewer,
    );
    assert_eq!(a.status, 404);
    for bad in [
        "limit=0",
        "added_after=yesterday",
        "next=garbage",
        "match[colour]=red",
    ] {
        let a = taxii(&format!("{root}collections/{id}/objects/?{bad}"), &f.viewer);
        assert_eq!(a.status, 400, "{bad}: {:?}", a.body);
        assert_eq!(a.body["http_status"], "400");
    }
    // Read-only: adding objects is forbidden.
    let r = agent()
        .post(format!("{root}collections/{id}/objects/"))
        .header("Authorization", format!("Bearer {}", f.analyst))
        .header("Accept", TAXII)
        .header("Content-Type", TAXII)
        .send("{\"objects\": []}")
        .unwrap();
    let (status, _) = body(r);
    assert_eq!(status, 403);
}

#[test]
fn a_new_incident_is_what_comes_after_the_last_poll() {
    // A server of its own: this test writes to the database.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("taxii.db");
    let mut store = leakwatch_store::SqlStore::open(&db).unwrap();
    let extractor = leakwatch_extract::Extractor::new();
    let limits = leakwatch_ingest::Limits::default();
    let examples =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/documents");
    leakwatch_app::ingest_paths(
        &mut store,
        &extractor,
        &[examples.join("01_hinata-store-card.txt")],
        &limits,
        &leakwatch_app::NoProgress,
    )
    .unwrap();
    leakwatch_app::accounts::add_user(
        &mut store,
        "vera",
        leakwatch_app::accounts::Role::Viewer,
        PASSWORD,
    )
    .unwrap();
    let (_, token) = leakwatch_app::accounts::create_token(&mut store, "vera").unwrap();
    let (addr, stop, handle) = start(config(&db));
    let base = format!("http://{addr}");
    let cs = taxii(&format!("{base}{ROOT}collections/"), &token);
    let id = cs.body["collections"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let objects_url = format!("{base}{ROOT}collections/{id}/objects/");
    let first = taxii(&objects_url, &token);
    let before: BTreeSet<String> = first.body["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    let last_seen = first.last.clone().unwrap();

    // A second notice of another organisation arrives.
    std::thread::sleep(std::time::Duration::from_millis(5));
    leakwatch_app::ingest_paths(
        &mut store,
        &extractor,
        &[examples.join("03_aoba-city-mail.txt")],
        &limits,
        &leakwatch_app::NoProgress,
    )
    .unwrap();
    let newer = taxii(&format!("{objects_url}?added_after={last_seen}"), &token);
    assert_eq!(newer.status, 200);
    let new: Vec<&Value> = newer.body["objects"].as_array().unwrap().iter().collect();
    assert!(new.iter().any(|o| o["type"] == "incident"));
    assert!(new
        .iter()
        .filter(|o| o["type"] == "incident")
        .all(|o| !before.contains(o["id"].as_str().unwrap())));
    assert!(newer.first.unwrap() > last_seen);
    stop.send(()).unwrap();
    handle.join().unwrap();
}
