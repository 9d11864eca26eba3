//! Owns the document's geometry: lines, sentences (byte ranges into `Document::text`), and the
//! character classes that name scanning uses.

/// One line of the document (without its newline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

/// One sentence: a run of a line ended by 。!? or the line end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index into `Layout::lines`.
    pub line: usize,
}

/// Lines and sentences of a text, computed once per document.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub lines: Vec<Line>,
    pub sentences: Vec<Sentence>,
    /// For each line, the range of sentence indices it holds.
    pub line_sentences: Vec<(usize, usize)>,
}

impl Layout {
    /// Splits `text` into lines and sentences. Sentences never cross a newline; empty or
    /// whitespace-only pieces are dropped.
    pub fn new(text: &str) -> Layout {
        let mut layout = Layout::default();
        let bytes = text.as_bytes();
        let mut line_start = 0usize;
        let mut i = 0usize;
        while i <= bytes.len() {
            if i == bytes.len() || bytes[i] == b'\n' {
                let line = Line {
                    start: line_start,
                    end: i,
                };
                let first = layout.sentences.len();
                split_sentences(text, line, layout.lines.len(), &mut layout.sentences);
                layout.line_sentences.push((first, layout.sentences.len()));
                layout.lines.push(line);
                line_start = i + 1;
            }
            i += 1;
        }
        layout
    }

    /// The sentence index holding byte `pos` (the last sentence starting at or before it).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let idx = self.sentences.partition_point(|s| s.start <= pos);
        if idx == 0 {
            return None;
        }
        let s = self.sentences[idx - 1];
        (pos < s.end.max(s.start + 1)).then_some(idx - 1)
    }

    /// The text of sentence `i`.
    pub fn sentence_text<'a>(&self, text: &'a str, i: usize) -> &'a str {
        self.sentences
            .get(i)
            .and_then(|s| text.get(s.start..s.end))
            .unwrap_or("")
    }

    /// The text of line `i`, trimmed.
    pub fn line_text<'a>(&self, text: &'a str, i: usize) -> &'a str {
        self.lines
            .get(i)
            .and_then(|l| text.get(l.start..l.end))
            .unwrap_or("")
            .trim()
    }
}

fn split_sentences(text: &str, line: Line, line_idx: usize, out: &mut Vec<Sentence>) {
    let Some(s) = text.get(line.start..line.end) else {
        return;
    };
    let mut start = line.start;
    let push = |a: usize, b: usize, out: &mut Vec<Sentence>| {
        let piece = &text[a..b];
        let trimmed_start = a + (piece.len() - piece.trim_start().len());
        let trimmed_end = b - (piece.len() - piece.trim_end().len());
        if trimmed_end > trimmed_start {
            out.push(Sentence {
                start: trimmed_start,
                end: trimmed_end,
                line: line_idx,
            });
        }
    };
    let mut depth = 0i32;
    for (off, c) in s.char_indices() {
        match c {
            '「' | '『' | '(' | '【' => depth += 1,
            '」' | '』' | ')' | '】' => depth = (depth - 1).max(0),
            _ => {}
        }
        if matches!(c, '。' | '!' | '?' | '．') && depth == 0 {
            let end = line.start + off + c.len_utf8();
            push(start, end, out);
            start = end;
        }
    }
    push(start, line.end, out);
}

/// A list of endings, looked up by the last character: `any_ends(s)` tests only the endings
/// that share `s`'s last character instead of every one (the name tests run on every
/// candidate, and most endings never match).
pub struct Endings {
    by_last: std::collections::HashMap<char, Vec<&'static str>>,
}

impl Endings {
    pub fn new(words: &[&'static str]) -> Endings {
        let mut by_last: std::collections::HashMap<char, Vec<&'static str>> =
            std::collections::HashMap::new();
        for w in words {
            if let Some(c) = w.chars().next_back() {
                by_last.entry(c).or_default().push(w);
            }
        }
        Endings { by_last }
    }

    /// Whether `s` ends with one of the endings.
    pub fn any_ends(&self, s: &str) -> bool {
        s.chars()
            .next_back()
            .and_then(|c| self.by_last.get(&c))
            .is_some_and(|ws| ws.iter().any(|w| s.ends_with(w)))
    }
}

/// A word list searched as one automaton, built on first use: `found_in(s)` is
/// `words.iter().any(|w| s.contains(w))` in one pass over `s`.
pub struct WordSet {
    words: &'static [&'static str],
    automaton: std::sync::OnceLock<aho_corasick::AhoCorasick>,
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            automaton: std::sync::OnceLock::new(),
        }
    }

    pub fn found_in(&self, s: &str) -> bool {
        self.automaton
            .get_or_init(|| {
                aho_corasick::AhoCorasick::new(self.words).expect("word list automaton builds")
            })
            .is_match(s)
    }
}

/// Characters that can be part of an organisation or brand name: kanji, katakana, Latin
/// letters, digits and the few joiners names use.
pub fn is_name_char(c: char) -> bool {
    is_kanji(c)
        || is_katakana(c)
        || c.is_ascii_alphanumeric()
        || matches!(c, '・' | '&' | '.' | '-' | '_' | 'ー' | '々' | 'ヶ' | '〆')
}

pub fn is_kanji(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF) || c == '々'
}

pub fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF)
}

pub fn is_hiragana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x309F)
}

/// The largest char boundary ≤ `i`.
pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary ≥ `i`.
pub fn ceil_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether `line` holds little besides `name` (at most 12 more characters): a masthead, a
/// signature or a heading that names it. (Byte lengths first: a long line is never counted
/// character by character.)
pub fn names_little_else(line: &str, name: &str) -> bool {
    line.len() <= name.len() + 12 * 4 && line.chars().count() <= name.chars().count() + 12
}

/// `s[start..]` limited to about `max` bytes, on char boundaries.
pub fn window_after(s: &str, start: usize, max: usize) -> &str {
    let a = ceil_boundary(s, start);
    let b = floor_boundary(s, a.saturating_add(max));
    s.get(a..b).unwrap_or("")
}

/// `s[..end]` limited to its last `max` bytes, on char boundaries.
pub fn window_before(s: &str, end: usize, max: usize) -> &str {
    let b = floor_boundary(s, end);
    let a = ceil_boundary(s, b.saturating_sub(max));
    s.get(a..b).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_set_finds_what_contains_finds() {
        static WORDS: WordSet = WordSet::new(&["新聞", "テレビ", "NHK"]);
        for s in ["北日本新聞社", "みなとテレビ", "NHK", "新しい聞き方", ""] {
            assert_eq!(
                WORDS.found_in(s),
                ["新聞", "テレビ", "NHK"].iter().any(|w| s.contains(w)),
                "{s}"
            );
        }
    }

    #[test]
    fn endings_match_as_ends_with_does() {
        let words = ["会社", "運営会社", "サイト", "PC", "部"];
        let e = Endings::new(&words);
        for s in [
            "システム運営会社",
            "株式会社",
            "ウェブサイト",
            "社用PC",
            "営業部",
            "サイト名",
            "",
            "部長",
        ] {
            assert_eq!(e.any_ends(s), words.iter().any(|w| s.ends_with(w)), "{s}");
        }
    }

    #[test]
    fn splits_lines_and_sentences_with_spans() {
        let text = "見出し\n当社は公表した。調査中です!\n\n  最後 ";
        let l = Layout::new(text);
        assert_eq!(l.lines.len(), 4);
        let got: Vec<&str> = (0..l.sentences.len())
            .map(|i| l.sentence_text(text, i))
            .collect();
        assert_eq!(
            got,
            vec!["見出し", "当社は公表した。", "調査中です!", "最後"]
        );
        let pos = text.find("調査").unwrap();
        assert_eq!(l.sentence_at(pos), Some(2));
        assert_eq!(l.sentences[2].line, 1);
    }

    #[test]
    fn windows_respect_char_boundaries() {
        let s = "あいうえお";
        assert_eq!(window_after(s, 1, 4), "い");
        assert_eq!(window_before(s, 8, 4), "い");
        assert_eq!(window_before(s, 0, 4), "");
    }

    #[test]
    fn name_chars() {
        assert!(is_name_char('カ') && is_name_char('計') && is_name_char('A'));
        assert!(!is_name_char('が') && !is_name_char('、') && !is_name_char(' '));
    }
}
