//! Charset detection and decoding of arbitrary bytes: never panics, and whatever is accepted
//! is valid text whose replacement count stays within the stated ratio.
#![no_main]

use leakwatch_ingest::charset::{decode_bytes, DecodeLimits};
use libfuzzer_sys::fuzz_target;

/// Labels a server or a `<meta>` may declare, chosen by the first input byte.
const LABELS: &[Option<&str>] = &[
    None,
    Some("utf-8"),
    Some("shift_jis"),
    Some("euc-jp"),
    Some("iso-2022-jp"),
    Some("utf-16le"),
    Some("utf-16be"),
    Some("windows-1252"),
    Some("x-nonsense"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let declared = LABELS[usize::from(selector) % LABELS.len()];
    let is_html = selector & 0x80 != 0;
    let limits = DecodeLimits::default();
    if let Ok(decoded) = decode_bytes(bytes, declared, is_html, &limits) {
        let chars = decoded.text.chars().count();
        assert!(
            !limits.too_many_replacements(decoded.replacements, chars),
            "{} replacements in {} chars accepted",
            decoded.replacements,
            chars
        );
    }
});
