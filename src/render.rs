//! Terminal output: aligned tables that respect the double width of Japanese characters,
//! one-line excerpts, and the progress bar.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use leakwatch_app::Progress;
pub use leakwatch_model::hygiene::terminal_safe;
use std::io::IsTerminal;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `text` to at most `width` display columns, adding `…` when cut.
pub fn truncate_to_width(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Whitespace runs (newlines included) folded to one space, cut to `max_chars` characters.
pub fn one_line(text: &str, max_chars: usize) -> String {
    let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= max_chars {
        folded
    } else {
        let mut s: String = folded.chars().take(max_chars).collect();
        s.push('…');
        s
    }
}

/// A table with left-aligned columns padded by display width.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    max_widths: Vec<usize>,
}

impl Table {
    /// `columns`: (header, maximum display width of the column).
    pub fn new(columns: &[(&str, usize)]) -> Self {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            rows: Vec::new(),
            max_widths: columns.iter().map(|(_, w)| *w).collect(),
        }
    }

    /// Adds a row. Every cell is made safe first: control characters (escape sequences, a
    /// newline in a file name that would fake a row) removed, URL credentials redacted.
    pub fn row(&mut self, cells: Vec<String>) {
        let cells = cells
            .into_iter()
            .zip(&self.max_widths)
            .map(|(c, w)| truncate_to_width(&terminal_safe(&c, false), *w))
            .collect();
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.width());
            }
        }
        let mut out = String::new();
        let line = |cells: &[String], out: &mut String| {
            let mut parts = Vec::new();
            for (i, cell) in cells.iter().enumerate() {
                let pad = widths[i].saturating_sub(cell.width());
                if i + 1 == cells.len() {
                    parts.push(cell.clone());
                } else {
                    parts.push(format!("{cell}{}", " ".repeat(pad)));
                }
            }
            out.push_str(parts.join("  ").trim_end());
            out.push('\n');
        };
        line(&self.headers, &mut out);
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(&rule, &mut out);
        for row in &self.rows {
            line(row, &mut out);
        }
        out
    }
}

/// A progress bar on stderr, hidden when stderr is not a terminal or under `--quiet`.
/// Per-file messages are always printed (they are errors, not progress).
pub struct BarProgress {
    bar: ProgressBar,
}

impl BarProgress {
    pub fn new(quiet: bool, verb: &str) -> Self {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        if !quiet && std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        if let Ok(style) = ProgressStyle::with_template(
            "{prefix} [{bar:30}] {pos}/{len} {elapsed_precise} eta {eta} {wide_msg}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(verb.to_string());
        BarProgress { bar }
    }
}

impl Progress for BarProgress {
    fn start(&self, total: u64) {
        self.bar.set_length(total);
    }
    fn advance(&self, label: &str) {
        self.bar.set_message(label.to_string());
        self.bar.inc(1);
    }
    fn message(&self, text: &str) {
        let text = terminal_safe(text, false);
        self.bar.suspend(|| eprintln!("leakwatch: {text}"));
    }
    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_double_width() {
        assert_eq!(truncate_to_width("株式会社サンプル", 8), "株式会…");
        assert_eq!(truncate_to_width("abc", 8), "abc");
    }

    #[test]
    fn table_aligns_by_display_width() {
        let mut t = Table::new(&[("ID", 4), ("ORG", 20), ("CAUSE", 20)]);
        t.row(vec!["1".into(), "青葉市".into(), "loss".into()]);
        t.row(vec!["22".into(), "ACME".into(), "ransomware".into()]);
        let out = t.render();
        let lines: Vec<&str> = out.lines().collect();
        // The CAUSE column starts at the same display column on every row.
        let col = |l: &str| {
            l[..l
                .find("loss")
                .or(l.find("ransomware"))
                .or(l.find("CAUSE"))
                .unwrap()]
                .width()
        };
        assert_eq!(col(lines[0]), col(lines[2]));
        assert_eq!(col(lines[2]), col(lines[3]));
    }

    /// Issue 11 (5): a cell holding escape sequences or a newline stays one clean row.
    #[test]
    fn cells_lose_control_characters_and_credentials() {
        let mut t = Table::new(&[("ID", 4), ("TITLE", 40)]);
        t.row(vec![
            "1".into(),
            "evil\u{1b}]0;x\u{7}\u{1b}[2J\n2  fake row".into(),
        ]);
        t.row(vec!["2".into(), "http://u:p@h.invalid/".into()]);
        let out = t.render();
        assert_eq!(out.lines().count(), 4, "{out}");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("http://***@h.invalid/"), "{out}");
    }

    #[test]
    fn one_line_folds_whitespace() {
        assert_eq!(one_line("a\n b\t\tc", 10), "a b c");
        assert_eq!(one_line("あいうえお", 3), "あいう…");
    }
}
