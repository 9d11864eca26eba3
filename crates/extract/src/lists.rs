//! Owns finding the items of the lists a document is made of: digests and roundups (■/●
//! headed items), numbered items (`1.`, `(2)`, `③`), rankings (`第3位`, `3位:`), dated 事件簿
//! lines (`2024/05/12 ○○市 …`). A marker counts only when at least two lines of the document
//! open with a marker of the same family, so a lone heading is not a list. Each item runs
//! from its marker line to the line before the next item of its family.

use crate::text::Layout;

/// The family of marker an item opens with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// ■ ● ◆ □ ◇ ▼ ▽ ★ ☆ ◎ ○ ・ 【
    Symbol(char),
    /// `1.` `2)` `(3)` `①`
    Number,
    /// `第3位` `3位:`
    Rank,
    /// `2024/05/12` `2024年5月12日` `5月12日` at the line start
    Date,
}

/// One item: its lines (inclusive) and marker family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub first_line: usize,
    pub last_line: usize,
    pub marker: Marker,
}

/// The marker a line opens with, if any.
pub fn line_marker(line: &str) -> Option<Marker> {
    let t = line.trim_start_matches([' ', '\u{3000}', '\t']);
    // A Markdown table's row (`| 1/8 | 株式会社A | …`): its first cell opens the line.
    let t = t
        .strip_prefix('|')
        .map_or(t, |r| r.trim_start_matches([' ', '\u{3000}', '\t']));
    let first = t.chars().next()?;
    if "■●◆□◇▼▽★☆◎○・【".contains(first) {
        return Some(Marker::Symbol(first));
    }
    if ('①'..='⑳').contains(&first) {
        return Some(Marker::Number);
    }
    let body = t.strip_prefix('第').unwrap_or(t);
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        let rest = &body[digits..];
        if rest.trim_start().starts_with('位') {
            return Some(Marker::Rank);
        }
        let after_sep = rest
            .strip_prefix(['/', '年', '.'])
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        if digits == 4 && after_sep {
            return Some(Marker::Date);
        }
        // `12月3日　株式会社A …` opens a dated entry; `12月27日に…を確認。` is a sentence.
        if digits <= 2 && rest.starts_with('月') && opens_dated_entry(&rest['月'.len_utf8()..]) {
            return Some(Marker::Date);
        }
        // `5/2<TAB>株式会社A …`: a month and day opening a dated list's line.
        if digits <= 2 {
            if let Some(day) = rest.strip_prefix('/') {
                let d = day.len() - day.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                // (`12/2|株式会社A|…`: a table's cells set off by bars.)
                if (1..=2).contains(&d) && day[d..].starts_with([' ', '\t', '\u{3000}', '|', '｜'])
                {
                    return Some(Marker::Date);
                }
            }
        }
        if digits <= 2 && (rest.starts_with(". ") || rest.starts_with(')') || rest.starts_with('.'))
        {
            return Some(Marker::Number);
        }
    }
    if let Some(inner) = t.strip_prefix('(') {
        let d = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if (1..=2).contains(&d) && inner[d..].starts_with(')') {
            return Some(Marker::Number);
        }
    }
    None
}

/// Whether the day after a month (`3日　…`, `3日(水) …`, `3日`) closes a date that heads an
/// entry rather than a date a sentence goes on from (`3日に`, `3日、`).
fn opens_dated_entry(after_month: &str) -> bool {
    let d = after_month.len()
        - after_month
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if !(1..=2).contains(&d) {
        return false;
    }
    let Some(rest) = after_month[d..].strip_prefix('日') else {
        return false;
    };
    rest.is_empty()
        || rest.starts_with([' ', '\t', '\u{3000}', '(', ')', '】', ']', ':', '：', '|'])
}

/// The list items of a document.
pub fn list_items(text: &str, layout: &Layout) -> Vec<ListItem> {
    let n = layout.lines.len();
    let markers: Vec<Option<Marker>> = (0..n)
        .map(|l| line_marker(layout.line_text(text, l)))
        .collect();
    let mut items = Vec::new();
    for (l, m) in markers.iter().enumerate() {
        let Some(m) = *m else { continue };
        let family = markers.iter().filter(|x| **x == Some(m)).count();
        if family < 2 {
            continue;
        }
        let next = (l + 1..n).find(|&k| markers[k] == Some(m)).unwrap_or(n);
        items.push(ListItem {
            first_line: l,
            last_line: next.saturating_sub(1).max(l),
            marker: m,
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_a_sentence_goes_on_from_heads_no_entry() {
        assert_eq!(
            line_marker("12月3日　株式会社A 不正アクセス"),
            Some(Marker::Date)
        );
        assert_eq!(line_marker("12月3日(水) B市 誤送信"), Some(Marker::Date));
        assert_eq!(
            line_marker("\u{3000}12月27日に社内サーバーの暗号化を確認。"),
            None
        );
        assert_eq!(line_marker("12月27日、職員が気づいた。"), None);
    }

    #[test]
    fn markers_of_each_family() {
        assert_eq!(
            line_marker("■青葉市、名簿を紛失"),
            Some(Marker::Symbol('■'))
        );
        assert_eq!(line_marker("第3位 サンプル社"), Some(Marker::Rank));
        assert_eq!(line_marker("2位:サンプル社"), Some(Marker::Rank));
        assert_eq!(
            line_marker("2024/05/12 青葉市 USBメモリ紛失"),
            Some(Marker::Date)
        );
        assert_eq!(line_marker("5月12日 青葉市"), Some(Marker::Date));
        assert_eq!(
            line_marker("5/12\t青葉市\tUSBメモリ紛失"),
            Some(Marker::Date)
        );
        assert_eq!(
            line_marker("12/2|株式会社青葉商事|タブレット端末を盗難|約1,100件"),
            Some(Marker::Date)
        );
        // A Markdown table's row: its first cell opens the line.
        assert_eq!(
            line_marker("| 1/8 | 株式会社青葉商事 | 不正アクセス | 約2万件 |"),
            Some(Marker::Date)
        );
        assert_eq!(line_marker("| 日付 | 組織名 | 概要 |"), None);
        assert_eq!(line_marker("6/14(金) 7:26配信"), None);
        assert_eq!(line_marker("1/3の職員"), None);
        assert_eq!(line_marker("1. 概要"), Some(Marker::Number));
        assert_eq!(line_marker("(2) 経緯"), Some(Marker::Number));
        assert_eq!(line_marker("②対象者"), Some(Marker::Number));
        assert_eq!(line_marker("2025年度の集計"), None);
        assert_eq!(line_marker("当社は"), None);
    }

    #[test]
    fn items_need_a_family_of_two() {
        let text = "見出し\n■A市、紛失\n本文A\n■B社、流出\n本文B\n●おわりに\n";
        let layout = Layout::new(text);
        let items = list_items(text, &layout);
        assert_eq!(items.len(), 2);
        assert_eq!((items[0].first_line, items[0].last_line), (1, 2));
        assert_eq!(items[1].first_line, 3);
    }
}
