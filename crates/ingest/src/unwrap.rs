//! Joins the lines of Japanese text a PDF converter or a fixed-width page broke at its margin
//! (`…USBメモリーを紛\n失した…`), and of Latin text a word wrapper broke, back into the
//! paragraph lines the extractor reads. Only a document most of whose long lines end at one
//! width (Japanese), or end where the next word would not have fitted (Latin), is taken as
//! wrapped: a page written one line per paragraph has no such margin, and a list of headlines
//! or an address block has no sharp one. Owns no knowledge of incidents.

/// Display columns of a character: two for wide (CJK, kana, full-width forms), one otherwise.
fn columns(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6);
    if wide {
        2
    } else {
        1
    }
}

fn width(line: &str) -> usize {
    line.chars().map(columns).sum()
}

fn is_japanese(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x30FF | 0x4E00..=0x9FFF)
}

/// Lines shorter than this many columns are never taken as wrapped at a margin.
const MIN_MARGIN: usize = 40;
/// How far short of the margin a wrapped line may end (a wide character that did not fit, a
/// word kept whole), and how far past it (punctuation hung in the margin).
const SHORT_OF_MARGIN: usize = 3;
const PAST_MARGIN: usize = 2;

/// The longest line joining makes, in bytes.
const MAX_PARAGRAPH_BYTES: usize = 8192;

/// Margins wider than this many columns are never looked for (widths past it are counted
/// together), so finding one costs a pass over the lines and a few hundred steps whatever the
/// document.
const MAX_MARGIN: usize = 400;

/// How many of `widths` fall at each width up to `MAX_MARGIN + 8`; wider ones in the last slot.
fn histogram(widths: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut h = vec![0usize; MAX_MARGIN + 9];
    for w in widths {
        h[w.min(MAX_MARGIN + 8)] += 1;
    }
    h
}

/// The margin the document's long lines were wrapped at, if they were: at least five lines end
/// within a few columns of one width, three in four of those within a column of it, they are at
/// least 40% of the lines longer than 20 columns, and hardly any line runs past it.
fn margin(widths: &[usize]) -> Option<usize> {
    let h = histogram(widths.iter().copied().filter(|&w| w > 20));
    let long: usize = h.iter().sum();
    let sum = |from: usize, to: usize| h[from..=to.min(h.len() - 1)].iter().sum::<usize>();
    let mut best: Option<(usize, usize)> = None;
    for m in (MIN_MARGIN..=MAX_MARGIN).filter(|&m| h[m] > 0) {
        let near = sum(m - SHORT_OF_MARGIN, m + PAST_MARGIN);
        if best.is_none_or(|(_, bn)| near >= bn) {
            best = Some((m, near));
        }
    }
    let (m, near) = best?;
    // (Most wrapped lines end within a column of the margin; headlines of about one length
    // spread over the whole window.)
    let at_margin = sum(m - 1, m + PAST_MARGIN);
    let beyond = sum(m + PAST_MARGIN + 3, h.len() - 1);
    (near >= 5 && at_margin * 4 >= near * 3 && near * 10 >= long * 4 && beyond * 10 <= long)
        .then_some(m)
}

/// Whether `line` opens an item of its own (a bullet, a heading mark, a numbered item, an
/// indented paragraph), which a wrapped line never runs on into.
fn opens_an_item(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return true;
    };
    // (and table rows: `| 発生日 | 6月5日 |`, `│…│`)
    if "・●■□◆◇○◎※▼▽★☆【［[〔<〈《　\t-*|│┃├└┌+".contains(first)
    {
        return true;
    }
    // `1.`, `(1)`, `(1)`, `第2条`: numbered items.
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0 && line[digits..].starts_with(['.', ')', '．', '）']))
        || line.starts_with(['(', '（'])
            && line
                .chars()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Columns of the first word of `line` (up to a space), the unit a word wrapper moves whole.
fn first_word(line: &str) -> usize {
    width(line.split(' ').next().unwrap_or(""))
}

/// Whether a Latin line ends where a word wrapper at margin `m` would have broken it: the next
/// line's first word would not have fitted after it.
fn word_wrapped(w: usize, next: &str, m: usize) -> bool {
    w <= m && w + 1 + first_word(next) > m
}

/// Whether `line` ends and `next` starts in Latin text a word wrapper may have parted.
fn latin_pair(line: &str, next: &str) -> bool {
    line.ends_with(|c: char| c.is_ascii_graphic())
        && !line.chars().any(is_japanese)
        && next.starts_with(|c: char| c.is_ascii_alphanumeric() || "\"'($".contains(c))
        && !opens_an_item(next)
}

/// The margin a word wrapper broke the document's Latin lines at, if it did: at least four
/// lines followed by more text end where the next word would not have fitted, they are most of
/// the lines of half the margin or more followed by text, and no line with a space runs past it.
fn word_margin(lines: &[&str], widths: &[usize]) -> Option<usize> {
    let pairs: Vec<(usize, usize)> = (0..lines.len().saturating_sub(1))
        .filter(|&i| latin_pair(lines[i].trim_end(), lines[i + 1]))
        .map(|i| (widths[i], first_word(lines[i + 1])))
        .collect();
    // Lines with a space wider than each margin, suffix-summed.
    let spaced = histogram(
        lines
            .iter()
            .zip(widths)
            .filter(|(l, _)| l.trim().contains(' '))
            .map(|(_, &w)| w),
    );
    let all = histogram(widths.iter().copied());
    // A pair fits margin m when m lies in [w, w + first word]: one range per pair.
    let mut fits = vec![0isize; MAX_MARGIN + 2];
    let mut halves = histogram(std::iter::empty());
    for &(w, f) in &pairs {
        if w <= MAX_MARGIN {
            fits[w] += 1;
            fits[(w + f + 1).min(MAX_MARGIN + 1)] -= 1;
        }
        halves[w.min(MAX_MARGIN + 8)] += 1;
    }
    let mut best: Option<(usize, usize)> = None;
    let mut running = 0isize;
    for m in 0..=MAX_MARGIN {
        running += fits[m];
        if m < MIN_MARGIN || all[m] == 0 {
            continue;
        }
        let past: usize = spaced[m + 1..].iter().sum();
        if past > 0 {
            continue;
        }
        let fit = running.max(0) as usize;
        let half: usize = halves[m.div_ceil(2)..].iter().sum();
        if fit >= 4 && fit * 10 >= half * 7 && best.is_none_or(|(_, bf)| fit > bf) {
            best = Some((m, fit));
        }
    }
    best.map(|(m, _)| m)
}

/// `text` with the lines a margin broke joined; the text itself when it shows no margin.
pub fn unwrap_margin_breaks(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let widths: Vec<usize> = lines.iter().map(|l| width(l.trim_end())).collect();
    let m = margin(&widths);
    let wm = word_margin(&lines, &widths);
    if m.is_none() && wm.is_none() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut line_start = 0;
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_end();
        out.push_str(line);
        let w = widths[i];
        let next = lines.get(i + 1).copied().unwrap_or("");
        // (No paragraph runs this long: past it, lines of one width are no wrapped prose.)
        let room = out.len() - line_start + next.len() <= MAX_PARAGRAPH_BYTES;
        let wrapped = room
            && m.is_some_and(|m| {
                w + SHORT_OF_MARGIN >= m
                    && w <= m + PAST_MARGIN
                    && line.chars().any(is_japanese)
                    && !line.ends_with(['|', '│', '┃'])
                    && !next.trim().is_empty()
                    && !opens_an_item(next)
            });
        let word = room
            && !wrapped
            && wm.is_some_and(|m| latin_pair(line, next) && word_wrapped(w, next, m));
        if i + 1 < lines.len() && !wrapped && !word {
            out.push('\n');
            line_start = out.len();
        } else if word && !line.ends_with('-') {
            out.push(' ');
        } else if wrapped
            && line.ends_with(|c: char| c.is_ascii_alphanumeric())
            && next.starts_with(|c: char| c.is_ascii_alphanumeric())
            && !line.ends_with(|c: char| c.is_ascii_digit())
        {
            // Two Latin words the margin parted keep their space.
            out.push(' ');
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(text: &str, at: usize) -> String {
        let mut out = String::new();
        for line in text.split('\n') {
            let mut w = 0;
            for c in line.chars() {
                if w + columns(c) > at {
                    out.push('\n');
                    w = 0;
                }
                out.push(c);
                w += columns(c);
            }
            out.push('\n');
        }
        out.pop();
        out
    }

    const NOTICE: &str = "個人情報を含む書類の紛失について\n\n令和6年6月5日\nみどり台市\n\n\
みどり台市こども未来課において、児童手当の申請書類46件を紛失する事案が発生しました。書類には申請者の氏名、住所、電話番号、口座番号が記載されていました。\n\n\
5月28日に職員が書類を確認したところ、保管していたはずのファイルが見当たらないことに気付きました。庁舎内を捜索しましたが、現在まで発見に至っておりません。\n\n\
・対象者には個別に連絡し、お詫びを申し上げております。\n・警察に遺失物届を提出しました。\n\n\
市民の皆様に多大なご迷惑とご心配をおかけしましたことを深くお詫び申し上げます。今後は書類の管理を徹底し、再発防止に努めてまいります。";

    #[test]
    fn lines_broken_at_a_margin_are_joined_back() {
        for at in [60, 70, 76] {
            let wrapped = wrap(NOTICE, at);
            assert_ne!(wrapped, NOTICE);
            assert_eq!(
                unwrap_margin_breaks(&wrapped).as_deref(),
                Some(NOTICE),
                "at {at}"
            );
        }
    }

    #[test]
    fn a_page_with_one_line_per_paragraph_has_no_margin() {
        assert_eq!(unwrap_margin_breaks(NOTICE), None);
        // Nor has a list of headlines of about one length.
        let list = "・みどり台市、児童手当の申請書類を紛失 46件分の氏名と口座番号\n\
・青葉精機、ランサムウェア被害で取引先の情報が流出した可能性\n\
・さくら薬局、処方情報を誤ってファクス送信 患者3人分が対象に\n\
・浜松中央病院、患者情報を含むUSBメモリーを紛失したと発表\n\
・ことぶき製菓の通販サイトに不正アクセス、カード情報流出か\n\
・東海第一生命、顧客への案内メールを誤送信 アドレス400件";
        assert!(unwrap_margin_breaks(list).is_none_or(|t| t == list));
    }

    const LETTER: &str = "Notice of Data Security Incident\n\nDear Sample Customer,\n\n\
Harbor Valley Medical Center is writing to inform you of an incident that may have involved some of your personal information. On March 3, 2024, we discovered suspicious activity in an employee email account. We immediately secured the account and began an investigation with the help of outside specialists.\n\n\
The investigation determined that an unauthorized party accessed the account between February 27 and March 3, 2024. The information involved may include your name, address, date of birth and medical record number.\n\n\
What you can do:\n- Review statements you receive from your health insurer.\n- Call us with any questions.\n\n\
Sincerely,\nHarbor Valley Medical Center";

    fn word_wrap(text: &str, at: usize) -> String {
        let mut out = Vec::new();
        for line in text.split('\n') {
            let mut cur = String::new();
            for word in line.split(' ') {
                if !cur.is_empty() && cur.len() + 1 + word.len() > at {
                    out.push(std::mem::take(&mut cur));
                } else if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(word);
            }
            out.push(cur);
        }
        out.join("\n")
    }

    #[test]
    fn latin_lines_a_word_wrapper_broke_are_joined_back() {
        for at in [60, 72, 80] {
            let wrapped = word_wrap(LETTER, at);
            assert_ne!(wrapped, LETTER);
            assert_eq!(
                unwrap_margin_breaks(&wrapped).as_deref(),
                Some(LETTER),
                "at {at}"
            );
        }
        // A letter written one line per paragraph shows no margin.
        assert_eq!(unwrap_margin_breaks(LETTER), None);
        // Nor does an address block of short lines.
        let block = "Harbor Valley Medical Center\nAttn: Privacy Office\n1200 Harbor Road, Suite 300\nSpringfield, IL 62701\nPhone: 555-0100";
        assert_eq!(unwrap_margin_breaks(block), None);
    }

    #[test]
    fn joined_lines_stop_at_a_paragraph_s_length() {
        let text =
            vec!["個人情報を含む書類を紛失したことが判明しました。"; 2000].join("\n");
        let joined = unwrap_margin_breaks(&text).expect("a margin");
        assert!(joined.lines().count() > 1);
        assert!(joined.lines().all(|l| l.len() <= MAX_PARAGRAPH_BYTES));
    }

    #[test]
    fn items_and_indented_paragraphs_start_their_own_lines() {
        let wrapped = wrap(NOTICE, 70);
        let joined = unwrap_margin_breaks(&wrapped).expect("a margin");
        assert!(joined.contains("\n・警察に遺失物届を提出しました。"));
        assert!(opens_an_item("(1)経緯"));
        assert!(opens_an_item("2. 対象"));
        assert!(opens_an_item("　今後は"));
        assert!(!opens_an_item("失した。"));
        assert!(!opens_an_item("2024年6月5日に"));
        assert!(opens_an_item("| 発生日 | 6月5日 |"));
    }
}
