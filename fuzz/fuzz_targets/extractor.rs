//! The whole extractor on arbitrary documents: bytes decoded like a file (text, HTML or
//! Markdown by the first byte), then `Extractor::extract`; never panics, bounded time.
#![no_main]

use leakwatch_extract::Extractor;
use leakwatch_model::{DocId, MediaType, Origin, RawDocument};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let media_type = match selector % 3 {
        0 => MediaType::Text,
        1 => MediaType::Html,
        _ => MediaType::Markdown,
    };
    let raw = RawDocument {
        id: DocId::from("fuzz"),
        origin: Origin::Url {
            url: "https://fuzz.invalid/doc".into(),
        },
        media_type,
        declared_charset: None,
        bytes: bytes.to_vec(),
    };
    let Ok(doc) = leakwatch_ingest::decode(raw) else {
        return;
    };
    let _ = extractor().extract(&doc);
});
