//! Feed parsing (RSS 0.9x/1.0/2.0, Atom) of arbitrary bytes: never panics; every link it
//! returns is an absolute http(s) URL.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(items) = leakwatch_sources::parse_feed(data, "http://feed.invalid/dir/feed.xml") {
        for item in items {
            if let Some(link) = &item.link {
                let url = url::Url::parse(link).expect("links are absolute URLs");
                assert!(matches!(url.scheme(), "http" | "https"), "link {link}");
            }
            assert!(!item.key.is_empty());
        }
    }
});
