//! Charset detection and decoding: BOM, declared charset, HTML `<meta>`, ISO-2022-JP escapes,
//! UTF-8 validity, then chardetng; plus the binary-content check done before decoding.

use encoding_rs::{Encoding, ISO_2022_JP, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8};
use regex::bytes::Regex;
use std::sync::OnceLock;

/// How much of an HTML page is scanned for a `<meta>` charset declaration.
const META_PRESCAN_BYTES: usize = 4096;
/// How much of the input is inspected for binary content.
const BINARY_SNIFF_BYTES: usize = 8192;

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

/// C0 controls other than tab, LF, CR, form feed and ESC (ISO-2022-JP uses ESC), plus DEL.
fn is_binary_control_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || b == 0x7F
}

/// Whether decoded text is mostly control characters (for UTF-16 input that skipped the
/// byte-level check).
pub fn text_looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(BINARY_SNIFF_BYTES) {
        total += 1;
        if c == '\0' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')) {
            controls += 1;
        }
    }
    text.chars().take(BINARY_SNIFF_BYTES).any(|c| c == '\0') || controls * 10 > total
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

/// Guess from the bytes alone: ISO-2022-JP escapes, valid UTF-8, else chardetng.
pub fn sniff(bytes: &[u8]) -> &'static Encoding {
    if looks_iso_2022_jp(bytes) {
        return ISO_2022_JP;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true)
}

/// The encodings to try, in order, with why each was chosen. A BOM is definitive.
fn candidates(
    bytes: &[u8],
    declared: Option<&str>,
    is_html: bool,
) -> (usize, Vec<(&'static Encoding, Source)>) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return (bom_len, vec![(enc, Source::Bom)]);
    }
    let mut list = Vec::new();
    if let Some(enc) = declared.and_then(encoding_for_label) {
        list.push((enc, Source::Declared));
    }
    if is_html {
        if let Some(enc) = html_meta_charset(bytes) {
            list.push((enc, Source::Meta));
        }
    }
    list.push((sniff(bytes), Source::Sniffed));
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

/// Too many replacement characters: more than 50, or more than 1% of the characters.
fn too_many_replacements(replacements: usize, chars: usize) -> bool {
    replacements > 50 || replacements * 100 > chars.max(1)
}

/// Decodes `bytes`: BOM first, then the declared charset (e.g. from HTTP), then an HTML
/// `<meta>` charset, then sniffing. A declared charset that yields too many invalid
/// characters falls back to the next candidate.
pub fn decode_bytes(
    bytes: &[u8],
    declared: Option<&str>,
    is_html: bool,
) -> Result<Decoded, DecodeFailure> {
    // UTF-16 (BOM or declared) legitimately has NUL bytes: checked after decoding instead.
    let declared_utf16 = declared
        .and_then(encoding_for_label)
        .is_some_and(|e| e == UTF_16LE || e == UTF_16BE);
    if !declared_utf16 && looks_binary(bytes) {
        return Err(DecodeFailure::Binary);
    }
    let (bom_len, candidates) = candidates(bytes, declared, is_html);
    let body = &bytes[bom_len..];
    let mut first_failure: Option<&'static str> = None;
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
        if had_errors && too_many_replacements(replacements, text.chars().count()) {
            first_failure.get_or_insert(encoding.name());
            continue;
        }
        let text = text.into_owned();
        if text_looks_binary(&text) {
            return Err(DecodeFailure::Binary);
        }
        return Ok(Decoded {
            text,
            encoding,
            replacements,
        });
    }
    Err(DecodeFailure::Undecodable(
        first_failure.unwrap_or("unknown"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_JP, SHIFT_JIS};

    const SAMPLE: &str = "株式会社サンプル商事 お客様情報の流出に関するお詫び\n\
        このたび、当社の通販サイトにおいて第三者による不正アクセスが確認されました。";

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        enc.encode(s).0.into_owned()
    }

    #[test]
    fn sniffs_japanese_legacy_encodings() {
        for enc in [SHIFT_JIS, EUC_JP, ISO_2022_JP] {
            let bytes = encode(enc, SAMPLE);
            let decoded = decode_bytes(&bytes, None, false).expect("decodes");
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
        let decoded = decode_bytes(&bytes, Some("shift_jis"), false).expect("decodes");
        assert_eq!(decoded.encoding, UTF_16LE);
        assert_eq!(decoded.text, SAMPLE);

        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(SAMPLE.as_bytes());
        let decoded = decode_bytes(&bytes, None, false).expect("decodes");
        assert_eq!(decoded.encoding, UTF_8);
        assert_eq!(decoded.text, SAMPLE);
    }

    #[test]
    fn declared_charset_is_used_and_a_wrong_one_falls_back() {
        let sjis = encode(SHIFT_JIS, SAMPLE);
        let decoded = decode_bytes(&sjis, Some("Shift_JIS"), false).expect("decodes");
        assert_eq!(decoded.encoding, SHIFT_JIS);
        // Declared UTF-8 but the bytes are Shift_JIS: falls back to sniffing.
        let decoded = decode_bytes(&sjis, Some("utf-8"), false).expect("decodes");
        assert_eq!(decoded.encoding, SHIFT_JIS);
        assert_eq!(decoded.text, SAMPLE);
        // An unknown label is ignored.
        let decoded = decode_bytes(SAMPLE.as_bytes(), Some("x-nonsense"), false).expect("ok");
        assert_eq!(decoded.encoding, UTF_8);
    }

    #[test]
    fn declared_utf16_without_bom() {
        let bytes: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let decoded = decode_bytes(&bytes, Some("utf-16le"), false).expect("decodes");
        assert_eq!(decoded.text, SAMPLE);
        assert_eq!(
            decode_bytes(&bytes, None, false).err(),
            Some(DecodeFailure::Binary)
        );
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
            decode_bytes(b"\0\0\0\0", None, false).err(),
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
            decode_bytes(&bytes, None, false).err(),
            Some(DecodeFailure::Undecodable("windows-1252"))
        );
        let _ = decode_bytes(&bytes, Some("utf-8"), true);
        let _ = decode_bytes(&bytes[..1], Some("iso-2022-jp"), true);
    }

    #[test]
    fn latin_text_is_still_accepted() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1252.encode("Café data breach: 1,000 clients affectés.");
        let decoded = decode_bytes(&bytes, None, false).expect("decodes");
        assert_eq!(decoded.text, "Café data breach: 1,000 clients affectés.");
    }

    #[test]
    fn replacement_threshold() {
        assert!(!too_many_replacements(0, 0));
        assert!(!too_many_replacements(1, 1000));
        assert!(too_many_replacements(2, 100));
        assert!(too_many_replacements(51, 1_000_000));
    }
}
