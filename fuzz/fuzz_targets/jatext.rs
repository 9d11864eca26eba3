//! Japanese date and number parsing over arbitrary text: never panics, spans are on char
//! boundaries and inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for m in leakwatch_jatext::find_full_dates(text) {
        assert!(m.start <= m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    let _ = leakwatch_jatext::find_date_mentions(text);
    let _ = leakwatch_jatext::find_year_mentions(text);
    let _ = leakwatch_jatext::parse_japanese_number(text);
    for piece in text.split(|c: char| c.is_whitespace() || c == '件' || c == '名') {
        let _ = leakwatch_jatext::parse_japanese_number(piece);
    }
    let _ = leakwatch_jatext::normalize_org_name(text);
    let _ = leakwatch_jatext::has_legal_form(text);
    let _ = leakwatch_ingest::published::parse_date_value(text);
    let _ = leakwatch_ingest::published::find_published(text);
});
