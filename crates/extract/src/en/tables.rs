//! Owns tables of breaches as text extraction leaves them (a regulator's breach portal, a state
//! attorney general's list): a heading row and rows of cells separated by tabs, one row per
//! line. A heading row names its columns (`data/en/table_columns.txt`): the organisation whose
//! data was breached, the number affected, the day it was reported. Each row with a named
//! organisation opens that organisation's record, which runs to the next row (the row's
//! description lines belong to it). Reads text, sentences and entities; decides nothing else.

use super::dates;
use super::orgs::{named_in, Entity};
use super::text::Sent;
use super::words::Words;
use chrono::NaiveDate;

/// One row of a table of breaches.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// The entity named in the row's organisation cell.
    pub entity: usize,
    /// The sentence holding the row.
    pub sent: usize,
    /// The number in the row's count cell, its unit (from the column's heading) and the cell's
    /// byte span.
    pub count: Option<(u64, String, usize, usize)>,
    /// The date in the row's reported cell and the cell's byte span.
    pub reported: Option<(NaiveDate, usize, usize)>,
    /// The (first) date in the row's breach-date cell and the cell's byte span.
    pub occurred: Option<(NaiveDate, usize, usize)>,
    /// The date in the row's discovery cell (forms only) and the cell's byte span.
    pub detected: Option<(NaiveDate, usize, usize)>,
    /// The byte span of the row's cell of exposed data.
    pub data: Option<(usize, usize)>,
}

/// The trimmed cells of the line at `start` (byte spans in the document).
fn cells(line: &str, start: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = start;
    for cell in line.split('\t') {
        let lead = cell.len() - cell.trim_start().len();
        let a = at + lead;
        let b = a + cell.trim().len();
        out.push((a, b));
        at += cell.len() + 1;
    }
    out
}

/// A heading row's columns: the organisation's, the count's (with its unit) and the
/// reported day's.
struct Columns {
    width: usize,
    name: usize,
    count: Option<(usize, String)>,
    reported: Option<usize>,
    occurred: Option<usize>,
    data: Option<usize>,
}

fn columns(text: &str, spans: &[(usize, usize)], words: &Words) -> Option<Columns> {
    if spans.len() < 3 {
        return None;
    }
    let heads: Vec<String> = spans
        .iter()
        .map(|&(a, b)| text[a..b].trim_end_matches(':').trim().to_ascii_lowercase())
        .collect();
    let with_role = |role: &str, whole: bool| {
        heads.iter().position(|h| {
            words
                .table_columns
                .iter()
                .any(|(r, w)| *r == role && if whole { h == w } else { h.contains(w) })
        })
    };
    let name = with_role("name", true)?;
    let count = with_role("count", false).map(|c| {
        let unit = heads[c]
            .split_whitespace()
            .find(|w| {
                words
                    .units
                    .find(w)
                    .iter()
                    .any(|h| h.start == 0 && h.end == w.len())
            })
            .unwrap_or("records")
            .to_string();
        (c, unit)
    });
    Some(Columns {
        width: spans.len(),
        name,
        count,
        reported: with_role("reported", false),
        occurred: with_role("occurred", false),
        data: with_role("data", false),
    })
}

/// The rows of every table of breaches in `text` whose organisation cell names an entity.
pub fn rows(text: &str, sents: &[Sent], ents: &[Entity], words: &Words) -> Vec<TableRow> {
    let mut out: Vec<TableRow> = Vec::new();
    let mut table: Option<Columns> = None;
    let mut start = 0;
    for line in text.split('\n') {
        let line_start = start;
        start += line.len() + 1;
        if !line.contains('\t') {
            continue;
        }
        let spans = cells(line, line_start);
        if let Some(c) = columns(text, &spans, words) {
            table = Some(c);
            continue;
        }
        let Some(cols) = table.as_ref().filter(|c| c.width == spans.len()) else {
            continue;
        };
        let (a, b) = spans[cols.name];
        if a == b {
            continue;
        }
        let named = named_in(ents, a, b, &text[a..b]);
        let Some(entity) = named else { continue };
        if out.iter().any(|r| r.entity == entity) {
            continue;
        }
        let Some(sent) = sents.iter().position(|s| s.start <= a && a < s.end) else {
            continue;
        };
        let count = cols.count.as_ref().and_then(|(c, unit)| {
            let (x, y) = spans[*c];
            let digits: String = text[x..y].chars().filter(|&ch| ch != ',').collect();
            digits
                .parse::<u64>()
                .ok()
                .filter(|&n| n > 0)
                .map(|n| (n, unit.clone(), x, y))
        });
        let date_in = |c: Option<usize>| {
            let (x, y) = spans[c?];
            let m = dates::mentions(&text[x..y]).into_iter().next()?;
            let date = NaiveDate::from_ymd_opt(m.year?, m.month, m.day)?;
            Some((date, x, y))
        };
        out.push(TableRow {
            entity,
            sent,
            count,
            reported: date_in(cols.reported),
            occurred: date_in(cols.occurred),
            detected: None,
            data: cols.data.map(|c| spans[c]).filter(|(x, y)| x < y),
        });
    }
    out
}

/// The first date in `text[a..b]` with its span.
fn first_date(text: &str, a: usize, b: usize) -> Option<(NaiveDate, usize, usize)> {
    let m = dates::mentions(text.get(a..b)?).into_iter().next()?;
    let date = NaiveDate::from_ymd_opt(m.year?, m.month, m.day)?;
    Some((date, a, b))
}

/// The facts of a notification form's record as a table row: the lines `Label: value` of
/// `block` (its first line names `entity`) read by the table's column headings
/// (`Date(s) of Breach: 03/17/2025`, `Total Number of Persons Affected: 433`). A total beats a
/// part (`Number of Montana Residents Affected: 38`); the day consumers were notified beats
/// the day the list's keeper was; `Date Breach Discovered` is the detection.
pub fn form_row(
    text: &str,
    sents: &[Sent],
    entity: usize,
    block: &[usize],
    words: &Words,
) -> Option<TableRow> {
    let sent = *block.first()?;
    let role_of = |label: &str| {
        let label = label.to_ascii_lowercase();
        if label.contains("discover") {
            return Some("detected");
        }
        if label.contains("consumer") || label.contains("individuals notified") {
            return Some("notified");
        }
        words
            .table_columns
            .iter()
            .find(|(r, w)| *r != "name" && label.contains(w))
            .map(|(r, _)| *r)
    };
    let mut row = TableRow {
        entity,
        sent,
        count: None,
        reported: None,
        occurred: None,
        detected: None,
        data: None,
    };
    let (mut total, mut part, mut notified) = (None, None, None);
    // Every line of the record, from its first sentence to its last (a sentence may run
    // over several short lines).
    let from = sents.get(sent)?.start;
    let to = block
        .iter()
        .filter_map(|&i| sents.get(i))
        .map(|s| s.end)
        .max()?;
    let from = text[..from].rfind('\n').map_or(0, |i| i + 1);
    let mut next_line = from;
    for line in text.get(from..to)?.split('\n') {
        let line_start = next_line;
        next_line += line.len() + 1;
        let Some(colon) = line.find(':') else {
            continue;
        };
        let (label, value) = (&line[..colon], &line[colon + 1..]);
        if label.chars().count() > 60 {
            continue;
        }
        let a = line_start + colon + 1 + (value.len() - value.trim_start().len());
        let b = line_start + colon + 1 + value.trim_end().len();
        if a >= b {
            continue;
        }
        match role_of(label) {
            Some("count") => {
                let digits: String = text[a..b]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == ',')
                    .filter(|&c| c != ',')
                    .collect();
                let Some(n) = digits.parse::<u64>().ok().filter(|&n| n > 0) else {
                    continue;
                };
                let unit = if label.to_ascii_lowercase().contains("resident") {
                    "residents"
                } else {
                    "persons"
                };
                let cell = Some((n, unit.to_string(), a, b));
                if label.to_ascii_lowercase().contains("total") {
                    total = total.or(cell);
                } else {
                    part = part.or(cell);
                }
            }
            Some("occurred") => row.occurred = row.occurred.or(first_date(text, a, b)),
            Some("detected") => row.detected = row.detected.or(first_date(text, a, b)),
            Some("notified") => notified = notified.or(first_date(text, a, b)),
            Some("reported") => row.reported = row.reported.or(first_date(text, a, b)),
            Some("data") => row.data = row.data.or(Some((a, b))),
            _ => {}
        }
    }
    row.count = total.or(part);
    row.reported = notified.or(row.reported);
    Some(row)
}

/// Each row's record: its entity and the sentences from its row to the next row.
pub fn records(rows: &[TableRow], n_sents: usize) -> Vec<(usize, Vec<usize>)> {
    rows.iter()
        .enumerate()
        .map(|(k, r)| {
            let end = rows
                .get(k + 1)
                .map_or(n_sents, |next| next.sent.max(r.sent + 1));
            (r.entity, (r.sent..end).collect())
        })
        .collect()
}
