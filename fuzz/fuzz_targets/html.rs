//! HTML cleaning of arbitrary markup: never panics, bounded time (libFuzzer's -timeout).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let parts = leakwatch_ingest::html::extract(&html);
    assert!(!parts.body.contains("\n\n\n"));
});
