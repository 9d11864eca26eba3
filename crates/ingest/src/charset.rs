//! Charset detection and decoding: BOM, declared charset, HTML `<meta>`, ISO-2022-JP escapes,
//! UTF-8 validity, UTF-16 without a BOM, then chardetng; plus the binary-content check done
//! before decoding.
//!
//! Decoding is lenient: a document with a few invalid bytes (a stray `0x80`, a cut-off last
//! character) is kept with U+FFFD in their place and the count reported, and is refused only
//! when the share of replacement characters passes [`DecodeLimits::max_invalid_per_mille`].
//! A declared or `<meta>` charset is checked against the bytes: strong evidence in the bytes
//! themselves (ISO-2022-JP escapes, well-formed multi-byte UTF-8) wins over a label.

use encoding_rs::{Encoding, ISO_2022_JP, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8};
use regex::bytes::Regex;
use std::sync::OnceLock;

/// How much of an HTML page is scanned for a `<meta>` charset declaration.
const META_PRESCAN_BYTES: usize = 4096;
/// How much of the input is inspected for binary content.
const BINARY_SNIFF_BYTES: usize = 8192;

/// How many invalid bytes a decoded document may hold and still be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeLimits {
    /// Replacement characters tolerated whatever the length (a short text with one cut-off
    /// character is still text).
    pub tolerated_replacements: usize,
    /// Past that, the largest share of replacement characters, in characters per thousand.
    pub max_invalid_per_mille: usize,
}

impl Default for DecodeLimits {
    fn default() -> Self {
        DecodeLimits {
            tolerated_replacements: 4,
            max_invalid_per_mille: 20,
        }
    }
}

impl DecodeLimits {
    /// Too many replacement characters among `chars` to trust the text.
    pub fn too_many_replacements(&self, replacements: usize, chars: usize) -> bool {
        replacements > self.tolerated_replacements
            && replacements.saturating_mul(1000)
                > chars.max(1).saturating_mul(self.max_invalid_per_mille)
    }
}

/// Why the encoding was chosen (useful when a declared charset turns out wrong).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Bom,
    Declared,
    Meta,
    Sniffed,
}

/// The outcome of a decode.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// Number of U+FFFD produced by invalid input.
    pub replacements: usize,
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeFailure {
    Binary,
    /// Too many invalid sequences for the best encoding found (its name).
    Undecodable(&'static str),
}

/// Whether the bytes look like a binary file: a known binary signature, a NUL byte in the
/// first 8 KB (unless a UTF-16 BOM says NULs are expected), or more than 10% control bytes.
pub fn looks_binary(bytes: &[u8]) -> bool {
    const SIGNATURES: &[&[u8]] = &[
        b"\x89PNG\r\n\x1a\n",
        b"GIF87a",
        b"GIF89a",
        b"\xFF\xD8\xFF",
        b"%PDF-",
        b"PK\x03\x04",
        b"\x7FELF",
        b"\x1F\x8B",
        b"BZh",
        b"7z\xBC\xAF\x27\x1C",
        b"Rar!\x1A\x07",
        b"RIFF",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        b"MZ\x90\x00",
        b"SQLite format 3\x00",
    ];
    if SIGNATURES.iter().any(|sig| bytes.starts_with(sig)) {
        return true;
    }
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        if enc == UTF_16LE || enc == UTF_16BE {
            return false; // checked after decoding instead
        }
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let controls = head.iter().filter(|&&b| is_binary_control_byte(b)).count();
    controls * 10 > head.len()
}

/// UTF-16 without a BOM: the first 8 KB hold NUL bytes (the high half of ASCII characters:
/// newlines, digits, spaces), and read in one byte order they are plausible text — letters,
/// kana, kanji, punctuation and whitespace, no NUL characters — while the other order is not.
pub fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 {
        return None;
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES) & !1];
    if !head.contains(&0) {
        return None;
    }
    let score = |encoding: &'static Encoding| -> usize {
        let (text, _) = encoding.decode_without_bom_handling(head);
        let mut total = 0usize;
        let mut plausible = 0usize;
        for c in text.chars() {
            total += 1;
            if c == '\0' {
                return 0;
            }
            if is_plausible_text_char(c) {
                plausible += 1;
            }
        }
        (plausible * 1000).checked_div(total).unwrap_or(0)
    };
    let (le, be) = (score(UTF_16LE), score(UTF_16BE));
    let (encoding, best, other) = if le >= be {
        (UTF_16LE, le, be)
    } else {
        (UTF_16BE, be, le)
    };
    (best >= 950 && other < 900).then_some(encoding)
}

/// Characters real documents are made of (for judging a UTF-16 guess). Kept narrow so that
/// the byte-swapped reading of Japanese text (kana become CJK extension A, kanji scatter) is
/// not plausible.
fn is_plausible_text_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{0C}'
        | ' '..='~'
        | '\u{A0}'..='\u{FF}'           // Latin-1
        | '\u{2010}'..='\u{2027}'       // dashes, quotes, ellipsis
        | '\u{2030}'..='\u{203B}'       // per mille, primes, reference mark
        | '\u{2190}'..='\u{21FF}'       // arrows
        | '\u{2460}'..='\u{24FF}'       // circled numbers
        | '\u{25A0}'..='\u{25FF}'       // squares, circles (■ ●)
        | '\u{3000}'..='\u{30FF}'       // CJK punctuation, kana
        | '\u{4E00}'..='\u{9FFF}'       // CJK unified ideographs
        | '\u{FF01}'..='\u{FF9F}') // full-width ASCII, half-width kana
}

/// C0 controls other than tab, LF, CR, form feed and ESC (ISO-2022-JP uses ESC), plus DEL.
fn is_binary_control_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || b == 0x7F
}

/// Whether decoded text is mostly control characters (for UTF-16 input that skipped the
/// byte-level check).
pub fn text_looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut controls = 0usize;
    let mut nul = false;
    for c in text.chars().take(BINARY_SNIFF_BYTES) {
        total += 1;
        nul |= c == '\0';
        if c == '\0' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')) {
            controls += 1;
        }
    }
    nul || controls * 10 > total
}

/// The encoding named by a charset label (`shift_jis`, `Windows-31J`, `x-sjis`, `utf8`…), if
/// encoding_rs knows it. The "replacement" encoding (for unsafe labels) counts as unknown.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    Encoding::for_label(label.as_bytes()).filter(|enc| *enc != REPLACEMENT)
}

fn meta_charset_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        // Covers `<meta charset="x">` and `<meta http-equiv="Content-Type" content="…; charset=x">`.
        Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)"#).ok()
    })
    .as_ref()
}

/// The charset an HTML page declares in a `<meta>` within its first 4 KB.
pub fn html_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let caps = meta_charset_regex()?.captures(head)?;
    let label = std::str::from_utf8(caps.get(1)?.as_bytes()).ok()?;
    let enc = encoding_for_label(label)?;
    // A page whose <meta> was readable as ASCII cannot really be UTF-16 (HTML spec rule).
    if enc == UTF_16LE || enc == UTF_16BE {
        Some(UTF_8)
    } else {
        Some(enc)
    }
}

/// ISO-2022-JP: 7-bit bytes only, with a JIS X 0208 / JIS X 0201 escape sequence.
pub fn looks_iso_2022_jp(bytes: &[u8]) -> bool {
    if bytes.iter().any(|&b| b >= 0x80) {
        return false;
    }
    bytes.windows(3).any(|w| {
        matches!(
            w,
            [0x1B, b'$', b'B'] | [0x1B, b'$', b'@'] | [0x1B, b'(', b'J'] | [0x1B, b'(', b'I']
        )
    })
}

/// What the UTF-8 structure of some bytes says: how many well-formed multi-byte characters and
/// how many invalid sequences they hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Utf8Evidence {
    pub multibyte: usize,
    pub invalid: usize,
    pub chars: usize,
}

impl Utf8Evidence {
    pub fn of(bytes: &[u8]) -> Utf8Evidence {
        let mut ev = Utf8Evidence::default();
        for chunk in bytes.utf8_chunks() {
            // Counted on bytes, not decoded: in valid UTF-8 every character has one byte that
            // is no continuation byte (10xxxxxx), and a multi-byte one a lead byte >= 0xC0.
            let valid = chunk.valid().as_bytes();
            ev.chars += valid.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            ev.multibyte += valid.iter().filter(|&&b| b >= 0xC0).count();
            if !chunk.invalid().is_empty() {
                ev.invalid += 1;
                ev.chars += 1;
            }
        }
        ev
    }

    /// Well-formed multi-byte UTF-8 at least four times as often as invalid sequences, and
    /// invalid ones within the limits: legacy encodings almost never look like that by chance.
    pub fn is_utf8(&self, limits: &DecodeLimits) -> bool {
        self.multibyte > 0
            && self.multibyte >= self.invalid.saturating_mul(4)
            && !limits.too_many_replacements(self.invalid, self.chars)
    }
}

/// Encodings the bytes themselves prove, whatever a label says: ISO-2022-JP escapes in 7-bit
/// text, or (mostly) well-formed multi-byte UTF-8.
pub fn evident_encoding(bytes: &[u8], limits: &DecodeLimits) -> Option<&'static Encoding> {
    ByteEvidence::of(bytes).evident(limits)
}

/// What the bytes say about their encoding, read once per document (decoding asks twice: with
/// the caller's limits and with the defaults).
struct ByteEvidence {
    iso_2022_jp: bool,
    utf8: Utf8Evidence,
}

impl ByteEvidence {
    fn of(bytes: &[u8]) -> ByteEvidence {
        let iso_2022_jp = looks_iso_2022_jp(bytes);
        ByteEvidence {
            iso_2022_jp,
            // 7-bit bytes with escapes never read as UTF-8 anyway: no need to count them.
            utf8: if iso_2022_jp {
                Utf8Evidence::default()
            } else {
                Utf8Evidence::of(bytes)
            },
        }
    }

    fn evident(&self, limits: &DecodeLimits) -> Option<&'static Encoding> {
        if self.iso_2022_jp {
            return Some(ISO_2022_JP);
        }
        self.utf8.is_utf8(limits).then_some(UTF_8)
    }
}

/// Guess from the bytes alone: ISO-2022-JP escapes, (mostly) valid UTF-8, else chardetng.
pub fn sniff(bytes: &[u8]) -> &'static Encoding {
    sniff_with(bytes, &ByteEvidence::of(bytes))
}

fn sniff_with(bytes: &[u8], evidence: &ByteEvidence) -> &'static Encoding {
    if let Some(enc) = evidence.evident(&DecodeLimits::default()) {
        return enc;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true)
}

/// The encodings to try, in order, with why each was chosen. A BOM is definitive; bytes that
/// prove their encoding (see [`evident_encoding`]) come before any label that disagrees.
fn candidates(
    bytes: &[u8],
    declared: Option<&str>,
    is_html: bool,
    limits: &DecodeLimits,
) -> (usize, Vec<(&'static Encoding, Source)>) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return (bom_len, vec![(enc, Source::Bom)]);
    }
    let mut list = Vec::new();
    if let Some(enc) = sniff_utf16(bytes) {
        list.push((enc, Source::Sniffed));
    }
    let evidence = ByteEvidence::of(bytes);
    if let Some(enc) = evidence.evident(limits) {
        list.push((enc, Source::Sniffed));
    }
    if let Some(enc) = declared.and_then(encoding_for_label) {
        list.push((enc, Source::Declared));
    }
    if is_html {
        if let Some(enc) = html_meta_charset(bytes) {
            list.push((enc, Source::Meta));
        }
    }
    list.push((sniff_with(bytes, &evidence), Source::Sniffed));
    let mut unique: Vec<(&'static Encoding, Source)> = Vec::new();
    for (enc, src) in list {
        if !unique.iter().any(|(e, _)| *e == enc) {
            unique.push((enc, src));
        }
    }
    (0, unique)
}

/// A single-byte guess (windows-1252…) for bytes that are mostly non-ASCII is noise, not text:
/// real Latin-script text is mostly ASCII.
fn implausible_single_byte(encoding: &'static Encoding, text: &str) -> bool {
    if !encoding.is_single_byte() {
        return false;
    }
    let mut total = 0usize;
    let mut non_ascii = 0usize;
    for c in text
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(BINARY_SNIFF_BYTES)
    {
        total += 1;
        if !c.is_ascii() {
            non_ascii += 1;
        }
    }
    non_ascii * 2 > total
}

/// Decodes `bytes`: BOM first, then encodings the bytes prove, the declared charset (e.g.
/// from HTTP), an HTML `<meta>` charset, and sniffing. The first candidate that decodes
/// without an invalid sequence wins; otherwise the one with the fewest replacement characters,
/// if that count is within `limits`.
pub fn decode_bytes(
    bytes: &[u8],
    declared: Option<&str>,
    is_html: bool,
    limits: &DecodeLimits,
) -> Result<Decoded, DecodeFailure> {
    // UTF-16 (BOM, declared or sniffed) legitimately has NUL bytes: checked after decoding.
    let declared_utf16 = declared
        .and_then(encoding_for_label)
        .is_some_and(|e| e == UTF_16LE || e == UTF_16BE);
    if !declared_utf16 && sniff_utf16(bytes).is_none() && looks_binary(bytes) {
        return Err(DecodeFailure::Binary);
    }
    let (bom_len, candidates) = candidates(bytes, declared, is_html, limits);
    let body = &bytes[bom_len..];
    let mut first_failure: Option<&'static str> = None;
    // The best lenient decode so far: (replacements, text, encoding).
    let mut best: Option<(usize, String, &'static Encoding)> = None;
    for (encoding, source) in candidates {
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if source == Source::Sniffed && implausible_single_byte(encoding, &text) {
            first_failure.get_or_insert(encoding.name());
            continue;
        }
        let replacements = if had_errors {
            text.chars().filter(|&c| c == '\u{FFFD}').count()
        } else {
            0
        };
        if replacements == 0 {
            return finish(text.into_owned(), encoding, 0);
        }
        if limits.too_many_replacements(replacements, text.chars().count()) {
            first_failure.get_or_insert(encoding.name());
            continue;
        }
        if best.as_ref().is_none_or(|(r, _, _)| replacements < *r) {
            best = Some((replacements, text.into_owned(), encoding));
        }
    }
    match best {
        Some((replacements, text, encoding)) => finish(text, encoding, replacements),
        None => Err(DecodeFailure::Undecodable(
            first_failure.unwrap_or("unknown"),
        )),
    }
}

fn finish(
    text: String,
    encoding: &'static Encoding,
    replacements: usize,
) -> Result<Decoded, DecodeFailure> {
    if text_looks_binary(&text) {
        return Err(DecodeFailure::Binary);
    }
    Ok(Decoded {
        text,
        encoding,
        replacements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_JP, SHIFT_JIS};

    const L: DecodeLimits = DecodeLimits {
        tolerated_replacements: 4,
        max_invalid_per_mille: 20,
    };

    const SAMPLE: &str = "株式会社サンプル商事 お客様情報の流出に関するお詫び\n\
        このたび、当社の通販サイトにおいて第三者による不正アクセスが確認されました。";

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        enc.encode(s).0.into_owned()
    }

    #[test]
    fn utf8_evidence_counts_characters_as_decoding_does() {
        // The reference: decode every valid run and count characters one by one.
        let reference = |bytes: &[u8]| {
            let mut ev = Utf8Evidence::default();
            for chunk in bytes.utf8_chunks() {
                for c in chunk.valid().chars() {
                    ev.chars += 1;
                    ev.multibyte += usize::from(!c.is_ascii());
                }
                if !chunk.invalid().is_empty() {
                    ev.invalid += 1;
                    ev.chars += 1;
                }
            }
            ev
        };
        let mut mixed = "個人情報 abc 😀".as_bytes().to_vec();
        mixed.extend_from_slice(&[0xff, 0xc3, b'x', 0xe3, 0x81]);
        mixed.extend_from_slice(&encode(SHIFT_JIS, SAMPLE));
        for bytes in [&b""[..], b"plain ascii", "漏えい".as_bytes(), &mixed] {
            let (got, want) = (Utf8Evidence::of(bytes), reference(bytes));
            assert_eq!(
                (got.chars, got.multibyte, got.invalid),
                (want.chars, want.multibyte, want.invalid)
            );
        }
    }

    #[test]
    fn sniffs_japanese_legacy_encodings() {
        for enc in [SHIFT_JIS, EUC_JP, ISO_2022_JP] {
            let bytes = encode(enc, SAMPLE);
            let decoded = decode_bytes(&bytes, None, false, &L).expect("decodes");
            assert_eq!(decoded.encoding, enc, "{}", enc.name());
            assert_eq!(decoded.text, SAMPLE);
        }
    }

    #[test]
    fn bom_wins_over_everything() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in SAMPLE.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode_bytes(&bytes, Some("shift_jis"), false, &L).expect("decodes");
        assert_eq!(decoded.encoding, UTF_16LE);
        assert_eq!(decoded.text, SAMPLE);

        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(SAMPLE.as_bytes());
        let decoded = decode_bytes(&bytes, None, false, &L).expect("decodes");
        assert_eq!(decoded.encoding, UTF_8);
        assert_eq!(decoded.text, SAMPLE);
    }

    #[test]
    fn declared_charset_is_used_and_a_wrong_one_falls_back() {
        let sjis = encode(SHIFT_JIS, SAMPLE);
        let decoded = decode_bytes(&sjis, Some("Shift_JIS"), false, &L).expect("decodes");
        assert_eq!(decoded.encoding, SHIFT_JIS);
        // Declared UTF-8 but the bytes are Shift_JIS: falls back to sniffing.
        let decoded = decode_bytes(&sjis, Some("utf-8"), false, &L).expect("decodes");
        assert_eq!(decoded.encoding, SHIFT_JIS);
        assert_eq!(decoded.text, SAMPLE);
        // An unknown label is ignored.
        let decoded = decode_bytes(SAMPLE.as_bytes(), Some("x-nonsense"), false, &L).expect("ok");
        assert_eq!(decoded.encoding, UTF_8);
    }

    #[test]
    fn declared_utf16_without_bom() {
        let bytes: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let decoded = decode_bytes(&bytes, Some("utf-16le"), false, &L).expect("decodes");
        assert_eq!(decoded.text, SAMPLE);
        // Without a BOM or a label, UTF-16 is recognised from its NULs and plausible text.
        let decoded = decode_bytes(&bytes, None, false, &L).expect("sniffed");
        assert_eq!(decoded.encoding, UTF_16LE);
        assert_eq!(decoded.text, SAMPLE);
    }

    #[test]
    fn html_meta_charset_forms() {
        assert_eq!(
            html_meta_charset(b"<html><head><meta charset=\"shift_jis\">"),
            Some(SHIFT_JIS)
        );
        assert_eq!(
            html_meta_charset(
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=EUC-JP\">"
            ),
            Some(EUC_JP)
        );
        assert_eq!(html_meta_charset(b"<meta charset='utf-16'>"), Some(UTF_8));
        assert_eq!(html_meta_charset(b"<meta name=x content=y>"), None);
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(looks_binary(b"text with a \0 nul"));
        assert!(looks_binary(&[1u8, 2, 3, 4, 5, b'a', b'b']));
        assert!(!looks_binary(SAMPLE.as_bytes()));
        assert!(!looks_binary(&encode(ISO_2022_JP, SAMPLE)));
        assert_eq!(
            decode_bytes(b"\0\0\0\0", None, false, &L).err(),
            Some(DecodeFailure::Binary)
        );
    }

    #[test]
    fn garbage_never_panics() {
        let mut state = 0x2545_F491_u32;
        let bytes: Vec<u8> = (0..5000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                0x80 | (state as u8)
            })
            .collect();
        assert_eq!(
            decode_bytes(&bytes, None, false, &L).err(),
            Some(DecodeFailure::Undecodable("windows-1252"))
        );
        let _ = decode_bytes(&bytes, Some("utf-8"), true, &L);
        let _ = decode_bytes(&bytes[..1], Some("iso-2022-jp"), true, &L);
    }

    #[test]
    fn latin_text_is_still_accepted() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1252.encode("Café data breach: 1,000 clients affectés.");
        let decoded = decode_bytes(&bytes, None, false, &L).expect("decodes");
        assert_eq!(decoded.text, "Café data breach: 1,000 clients affectés.");
    }

    #[test]
    fn replacement_threshold() {
        assert_eq!(L, DecodeLimits::default());
        assert!(!L.too_many_replacements(0, 0));
        assert!(!L.too_many_replacements(4, 10));
        assert!(!L.too_many_replacements(20, 1000));
        assert!(L.too_many_replacements(21, 1000));
        assert!(L.too_many_replacements(5, 100));
        assert!(!L.too_many_replacements(50_000, 10_000_000));
    }

    fn long_sample() -> String {
        SAMPLE.repeat(300)
    }

    #[test]
    fn a_stray_byte_in_utf8_is_replaced_not_fatal() {
        let text = long_sample();
        let mut bytes = text.as_bytes().to_vec();
        bytes.insert(bytes.len() / 2, 0x80);
        let decoded = decode_bytes(&bytes, None, false, &L).expect("kept");
        assert_eq!(decoded.encoding, UTF_8);
        assert_eq!(decoded.replacements, 1);
        assert_eq!(decoded.text.chars().count(), text.chars().count() + 1);
        // Cut in the middle of the last character.
        let cut = &text.as_bytes()[..text.len() - 1];
        let decoded = decode_bytes(cut, None, false, &L).expect("kept");
        assert_eq!(decoded.encoding, UTF_8);
        assert_eq!(decoded.replacements, 1);
        assert!(decoded.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn past_the_ratio_is_refused() {
        // One invalid byte after every 20 characters: 5% replacements.
        let mut bytes = Vec::new();
        for chunk in long_sample().chars().collect::<Vec<_>>().chunks(20) {
            bytes.extend_from_slice(chunk.iter().collect::<String>().as_bytes());
            bytes.push(0xFF);
        }
        assert!(decode_bytes(&bytes, Some("utf-8"), false, &L).is_err());
    }

    #[test]
    fn a_meta_charset_is_checked_against_the_bytes() {
        let body = format!(
            "<html><head><meta charset=\"utf-8\"></head><body><p>{SAMPLE}</p></body></html>"
        );
        let jis = encode(ISO_2022_JP, &body);
        let decoded = decode_bytes(&jis, None, true, &L).expect("decodes");
        assert_eq!(decoded.encoding, ISO_2022_JP);
        assert!(decoded.text.contains(SAMPLE));
        // UTF-8 bytes under a Shift_JIS label: the bytes win.
        let body = format!(
            "<html><head><meta charset=\"shift_jis\"></head><body><p>{SAMPLE}</p></body></html>"
        );
        let decoded = decode_bytes(body.as_bytes(), None, true, &L).expect("decodes");
        assert_eq!(decoded.encoding, UTF_8);
        // A right label is kept.
        let sjis = encode(SHIFT_JIS, &body);
        assert_eq!(
            decode_bytes(&sjis, None, true, &L)
                .expect("decodes")
                .encoding,
            SHIFT_JIS
        );
    }

    #[test]
    fn utf16_big_endian_without_bom_and_binary_with_nuls() {
        let text = format!("Report 2025: {SAMPLE}");
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let decoded = decode_bytes(&bytes, None, false, &L).expect("sniffed");
        assert_eq!(decoded.encoding, UTF_16BE);
        assert_eq!(decoded.text, text);
        assert_eq!(sniff_utf16(b"\0\0\0\0\0\0"), None);
        assert_eq!(sniff_utf16(b"a\0\x01\0\x02\0\x03\0"), None);
    }
}

/// Property tests (proptest; `.ci/run` runs them with more cases).
#[cfg(test)]
mod props {
    use super::*;
    use encoding_rs::{EUC_JP, SHIFT_JIS};
    use proptest::prelude::*;

    /// Japanese prose: kana, common kanji, punctuation, digits, spaces.
    const PROSE: &str = "[ぁ-んァ-ン一-龠、。「」0-9a-zA-Z \n]{20,300}";

    proptest! {
        #[test]
        fn utf8_text_decodes_to_itself(text in PROSE) {
            let decoded = decode_bytes(text.as_bytes(), None, false, &DecodeLimits::default());
            let decoded = decoded.map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            prop_assert_eq!(decoded.text, text);
            prop_assert_eq!(decoded.replacements, 0);
        }

        #[test]
        fn one_stray_byte_is_one_replacement(text in "[ぁ-んァ-ン一-龠、。]{200,400}", at in 0usize..10_000) {
            let mut bytes = text.as_bytes().to_vec();
            // Between two characters (all three bytes long here).
            let at = (at % (bytes.len() / 3)) * 3;
            bytes.insert(at, 0x80);
            let decoded = decode_bytes(&bytes, None, false, &DecodeLimits::default())
                .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            prop_assert_eq!(decoded.encoding, UTF_8);
            prop_assert_eq!(decoded.replacements, 1);
        }

        // Japanese prose never runs long without kana: a text of kanji alone is as much
        // Chinese as Japanese in EUC-JP bytes (GBK decodes it too), so runs of kanji here are
        // broken by kana as in any real notice.
        #[test]
        fn legacy_japanese_encodings_round_trip(
            text in "([個人情報漏洩不正株式会社件名流出確認調査原因対策氏名住所電話番号]{1,4}[ぁ-んァ-ン、。]{1,3}){8,60}"
        ) {
            for enc in [SHIFT_JIS, EUC_JP, ISO_2022_JP] {
                let (bytes, _, unmappable) = enc.encode(&text);
                prop_assert!(!unmappable);
                let decoded = decode_bytes(&bytes, None, false, &DecodeLimits::default())
                    .map_err(|e| TestCaseError::fail(format!("{}: {e:?}", enc.name())))?;
                prop_assert_eq!(&decoded.text, &text, "{}", enc.name());
            }
        }

        #[test]
        fn utf16_without_bom_is_recognised(text in PROSE) {
            for (enc, bytes) in [
                (UTF_16LE, text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()),
                (UTF_16BE, text.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>()),
            ] {
                // Only text with some ASCII has the NULs that tell UTF-16 apart.
                if !text.bytes().any(|b| b.is_ascii()) {
                    continue;
                }
                let decoded = decode_bytes(&bytes, None, false, &DecodeLimits::default())
                    .map_err(|e| TestCaseError::fail(format!("{}: {e:?}", enc.name())))?;
                prop_assert_eq!(decoded.encoding, enc);
                prop_assert_eq!(&decoded.text, &text);
            }
        }

        #[test]
        fn any_bytes_are_safe(bytes in proptest::collection::vec(any::<u8>(), 0..2000), html: bool) {
            let limits = DecodeLimits::default();
            if let Ok(d) = decode_bytes(&bytes, None, html, &limits) {
                prop_assert!(!limits.too_many_replacements(d.replacements, d.text.chars().count()));
            }
        }
    }
}
