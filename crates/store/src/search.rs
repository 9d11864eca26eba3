//! Full-text search: turning user input into literal terms, matching them (through the FTS5
//! trigram index for terms of three or more characters, `LIKE` on the text for shorter ones,
//! all ANDed; newest first), and building
//! highlighted snippets on character boundaries.

use crate::db::OptionalExtension;
use crate::error::{SqlContext, StoreError};
use crate::sql::{Dialect, Value};
use crate::sqlite::{summaries_for_document, RawSource, SOURCE_COLUMNS};
use crate::SqliteStore;
use leakwatch_model::SearchHit;
use unicode_normalization::UnicodeNormalization;

/// Characters of context shown on each side of the first match.
const CONTEXT_CHARS: usize = 40;
/// Opening and closing highlight markers.
const MARK_OPEN: &str = "[";
const MARK_CLOSE: &str = "]";
const ELLIPSIS: &str = "…";
/// The trigram tokenizer cannot match shorter terms.
const MIN_FTS_CHARS: usize = 3;
/// How many of the newest documents matching the indexed terms are ordered by date.
const RANK_WINDOW: usize = 1000;

/// Splits a query into literal terms: NFKC-normalised (documents are), split on whitespace
/// (including the ideographic space), surrounding quotes/brackets trimmed, control characters
/// dropped, duplicates removed. Nothing in the input is query syntax.
pub(crate) fn terms(query: &str) -> Vec<String> {
    const TRIM: &[char] = &['"', '\'', '「', '」', '『', '』', '(', ')', '【', '】'];
    let normalised: String = query.nfkc().collect();
    let mut out: Vec<String> = Vec::new();
    for raw in normalised.split_whitespace() {
        // Quotes and brackets around a word are trimmed, but a term made only of them
        // (`(`, `「」`) is searched for as written.
        let trimmed = raw.trim_matches(TRIM);
        let kept = if trimmed.is_empty() { raw } else { trimmed };
        let term: String = kept.chars().filter(|c| !c.is_control()).collect();
        if !term.is_empty() && !out.contains(&term) {
            out.push(term);
        }
    }
    out
}

/// The index condition for one term of three or more characters: LIKE on the indexed body.
/// FTS5 uses its trigrams only for a pattern without an ESCAPE clause, so the clause is added
/// only when the term holds `%`, `_` or `\` (that rare term is then checked document by
/// document).
fn fts_condition(term: &str) -> &'static str {
    if term.contains(['%', '_', '\\']) {
        "body LIKE ? ESCAPE '\\'"
    } else {
        "body LIKE ?"
    }
}

/// What the full-text index knows of a term under three characters.
enum ShortTerm {
    /// No indexed document holds it.
    Nowhere,
    /// The index's trigrams that start with it (at most `MAX_SHORT_TRIGRAMS`).
    Trigrams(Vec<String>),
    /// It starts more trigrams than that.
    Common,
}

/// More trigrams than this make a short term "common": scanning stops early for it.
const MAX_SHORT_TRIGRAMS: usize = 256;

/// The index's trigrams starting with `term` (folded as the tokenizer folds: ASCII lower
/// case), read from `documents_fts_vocab`.
fn trigrams_starting_with(store: &SqliteStore, term: &str) -> Result<ShortTerm, StoreError> {
    let folded = term.to_lowercase();
    let upper = format!("{folded}\u{10FFFF}");
    let conn = store.conn();
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT term FROM documents_fts_vocab WHERE term >= ?1 AND term < ?2 LIMIT {}",
            MAX_SHORT_TRIGRAMS + 1
        ))
        .ctx("preparing the trigram lookup")?;
    let rows = stmt
        .query_map(&[Value::Text(folded), Value::Text(upper)], |r| {
            r.get::<_, String>(0)
        })
        .ctx("looking up trigrams")?;
    let mut found = Vec::new();
    for row in rows {
        found.push(row.ctx("looking up trigrams")?);
    }
    Ok(match found.len() {
        0 => ShortTerm::Nowhere,
        n if n > MAX_SHORT_TRIGRAMS => ShortTerm::Common,
        _ => ShortTerm::Trigrams(found),
    })
}

/// An FTS5 expression matching any of `trigrams` (each a quoted single token, inner quotes
/// doubled, so nothing is parsed as query syntax).
fn match_any(trigrams: &[String]) -> String {
    let quoted: Vec<String> = trigrams
        .iter()
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect();
    format!("({})", quoted.join(" OR "))
}

/// The condition "the text or title of document `alias` holds a term"; its two arguments are
/// pushed by `push_text_or_title_args`.
fn text_or_title_like(alias: &str) -> String {
    format!(
        " AND ({alias}.text LIKE ? ESCAPE '\\' OR coalesce({alias}.title, '') LIKE ? ESCAPE '\\')"
    )
}

fn push_text_or_title_args(args: &mut Vec<Value>, term: &str) {
    let pattern = like_pattern(term);
    args.push(Value::Text(pattern.clone()));
    args.push(Value::Text(pattern));
}

/// A `LIKE … ESCAPE '\'` pattern matching `term` anywhere.
pub(crate) fn like_pattern(term: &str) -> String {
    let mut p = String::with_capacity(term.len() + 2);
    p.push('%');
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

pub(crate) fn search(
    store: &SqliteStore,
    query: &str,
    limit: usize,
) -> Result<Vec<SearchHit>, StoreError> {
    let terms = terms(query);
    if terms.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let (long, short): (Vec<&str>, Vec<&str>) = terms
        .iter()
        .map(String::as_str)
        .partition(|t| t.chars().count() >= MIN_FTS_CHARS);

    let conn = store.conn();
    if conn.dialect() == Dialect::Postgres {
        return search_postgres(store, &terms, limit);
    }
    // Only short terms: first a look at the newest documents in result order. When they hold
    // a page of matches, that page is the answer (the same order, every term checked with
    // LIKE), and the trigram lookup below — which makes FTS5 count every posting of a common
    // term's trigrams (40 ms for 漏洩 over a million documents) — is not needed.
    if long.is_empty() {
        let found = newest_matching(store, &short, limit)?;
        if found.len() == limit {
            return hits_of(store, &terms, found);
        }
    }
    // A short term is looked up among the index's trigrams that start with it (every
    // occurrence starts one: the indexed body ends with two newlines): none means no indexed
    // document holds it; a few become an index condition; many (a common character) leave it
    // to the LIKE scan, which stops at the first page of a common term.
    let mut short_in_index: Vec<String> = Vec::new();
    let mut short_nowhere = false;
    let mut short_scanned = false;
    for term in &short {
        match trigrams_starting_with(store, term)? {
            // No indexed document holds it: only the backlog can match, whatever the others.
            ShortTerm::Nowhere => {
                short_nowhere = true;
                break;
            }
            ShortTerm::Trigrams(t) => short_in_index.push(match_any(&t)),
            ShortTerm::Common => short_scanned = true,
        }
    }
    let mut args: Vec<Value> = Vec::new();
    // Step 1 picks the ids (reading no document text unless a short term must be matched with
    // LIKE); step 2 reads only those documents.
    let mut sql = String::from("SELECT d.id FROM ");
    if long.is_empty() && short_in_index.is_empty() && !short_nowhere {
        sql.push_str("documents d WHERE 1 = 1");
    } else {
        // The newest RANK_WINDOW indexed documents holding every long term (FTS5 narrows them
        // by trigrams and confirms each against its text), so a term found in a third of a
        // large database (不正アクセス) costs a bounded amount. (With a short term left to the
        // LIKE scan, every index match is a candidate.)
        let window = if short_scanned {
            String::new()
        } else {
            format!(" ORDER BY rowid DESC LIMIT {RANK_WINDOW}")
        };
        let mut fts_terms: Vec<&str> = long.iter().map(|t| fts_condition(t)).collect();
        if !short_in_index.is_empty() {
            fts_terms.push("documents_fts MATCH ?");
        }
        // A short term found in no indexed document: only the backlog can hold it.
        let indexed = if short_nowhere {
            "SELECT NULL AS id WHERE 0".to_string()
        } else {
            format!(
                "SELECT * FROM (SELECT rowid AS id FROM documents_fts WHERE {}{window})",
                fts_terms.join(" AND ")
            )
        };
        // Documents not yet in the index (`fts_backlog`, at most a batch) are matched with
        // LIKE (short terms below). CROSS JOIN keeps the backlog, and then the matches, the
        // outer loop: otherwise the planner may scan every document's text and probe them.
        let backlog_terms = long
            .iter()
            .map(|_| text_or_title_like("bd"))
            .collect::<String>();
        sql.push_str(&format!(
            "({indexed} \
             UNION ALL SELECT b.document_id AS id FROM fts_backlog b \
             CROSS JOIN documents bd ON bd.id = b.document_id WHERE 1 = 1{backlog_terms}) m \
             CROSS JOIN documents d ON d.id = m.id WHERE 1 = 1"
        ));
        if !short_nowhere {
            for term in &long {
                args.push(Value::Text(like_pattern(term)));
            }
            if !short_in_index.is_empty() {
                args.push(Value::Text(short_in_index.join(" AND ")));
            }
        }
        for term in &long {
            push_text_or_title_args(&mut args, term);
        }
    }
    // Short terms narrow the FTS hits (or, alone, scan): LIKE is case-insensitive for ASCII
    // like the trigram tokenizer, and covers the title as FTS does.
    for term in &short {
        sql.push_str(&text_or_title_like("d"));
        push_text_or_title_args(&mut args, term);
    }
    // Newest published first, as on PostgreSQL (the index keeps no positions to rank by).
    sql.push_str(" ORDER BY d.published IS NULL, d.published DESC, d.id");
    sql.push_str(" LIMIT ?");
    args.push(Value::Int(i64::try_from(limit).unwrap_or(i64::MAX)));

    let mut ids: Vec<i64> = Vec::new();
    {
        let mut stmt = conn.prepare(&sql).ctx("preparing the search query")?;
        let rows = stmt
            .query_map(&args, |r| r.get::<_, i64>(0))
            .ctx("searching documents")?;
        for row in rows {
            ids.push(row.ctx("searching documents")?);
        }
    }
    let by_id = format!("SELECT {SOURCE_COLUMNS}, d.text FROM documents d WHERE d.id = ?");
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        let row = conn
            .query_row(&by_id, &[Value::Int(id)], |r| {
                Ok((RawSource::from_row(r)?, r.get::<_, String>(5)?))
            })
            .ctx("reading a search hit")?;
        found.push(row);
    }
    hits_of(store, &terms, found)
}

/// How many of the newest documents the first look at a short-term query reads.
const FIRST_LOOK: usize = 200;

/// Among the newest `FIRST_LOOK` documents, read in result order until `limit` are found,
/// those holding every term in their text or title (as `LIKE '%term%'` matches: ASCII letters
/// in any case, everything else exactly), with their text.
fn newest_matching(
    store: &SqliteStore,
    terms: &[&str],
    limit: usize,
) -> Result<Vec<(RawSource, String)>, StoreError> {
    let folded: Vec<String> = terms.iter().map(|t| t.to_ascii_lowercase()).collect();
    let conn = store.conn();
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {SOURCE_COLUMNS}, d.text, coalesce(d.title, '') FROM (SELECT id FROM documents \
             ORDER BY published IS NULL, published DESC, id LIMIT {FIRST_LOOK}) r \
             CROSS JOIN documents d ON d.id = r.id"
        ))
        .ctx("preparing the search query")?;
    let rows = stmt
        .query_map(&[], |r| {
            Ok((
                RawSource::from_row(r)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .ctx("searching the newest documents")?;
    let mut found = Vec::new();
    for row in rows {
        let (raw, text, title) = row.ctx("searching the newest documents")?;
        let (folded_text, title) = (text.to_ascii_lowercase(), title.to_ascii_lowercase());
        if folded
            .iter()
            .all(|t| folded_text.contains(t.as_str()) || title.contains(t.as_str()))
        {
            found.push((raw, text));
            if found.len() == limit {
                break;
            }
        }
    }
    Ok(found)
}

/// PostgreSQL: every term a substring of the lower-cased title + text (documents are stored
/// NFKC-normalised) — the expression the `pg_trgm` GIN index is built on (migration 7; terms of
/// 3+ characters use it; shorter ones, as on SQLite, filter what the others leave, or scan).
/// The pattern has no ESCAPE clause: PostgreSQL's default escape is the backslash
/// `like_pattern` writes, and an explicit clause would hide the pattern from the index.
fn search_postgres(
    store: &SqliteStore,
    terms: &[String],
    limit: usize,
) -> Result<Vec<SearchHit>, StoreError> {
    // A short term in no document: no document holds every term.
    let mut short_terms_complete: Option<bool> = None;
    for term in terms {
        if short_term_absent(store, &crate::fold(term), &mut short_terms_complete)? {
            return Ok(Vec::new());
        }
    }
    let mut conditions = String::new();
    let mut args: Vec<Value> = Vec::new();
    for term in terms {
        conditions
            .push_str(" AND lower(coalesce(d.title, '') || ' ' || d.text) LIKE CAST(? AS TEXT)");
        args.push(Value::Text(like_pattern(&crate::fold(term))));
    }
    args.push(Value::Int(i64::try_from(limit).unwrap_or(i64::MAX)));
    const ORDER: &str = " ORDER BY d.published IS NULL, d.published DESC, d.id";
    // A common term: the newest PG_PROBE documents (read in result order through
    // `documents_recent`) hold a whole page of matches, and those are the answer (a bounded
    // cost: a larger first look cost more on rare terms than it saved on common ones).
    // Otherwise the trigram index finds every match, which are re-checked and sorted.
    let probe = format!(
        "SELECT {SOURCE_COLUMNS}, d.text FROM (SELECT * FROM documents d{ORDER} LIMIT {PG_PROBE}) d \
         WHERE 1 = 1{conditions}{ORDER} LIMIT ?"
    );
    let found = postgres_matches(store, &probe, &args)?;
    if found.len() >= limit {
        return hits_of(store, terms, found);
    }
    let full = format!(
        "SELECT {SOURCE_COLUMNS}, d.text FROM documents d WHERE 1 = 1{conditions}{ORDER} LIMIT ?"
    );
    let found = postgres_matches(store, &full, &args)?;
    hits_of(store, terms, found)
}

/// How many of the newest documents a PostgreSQL search reads first.
const PG_PROBE: usize = 500;

/// Adds the one- and two-character strings of a document's searchable body, as the PostgreSQL
/// search folds it (`lower(title || ' ' || text)`), to `terms`; strings holding white space are
/// left out (a query term never holds any).
pub(crate) fn add_short_terms(
    title: Option<&str>,
    text: &str,
    terms: &mut std::collections::BTreeSet<String>,
) {
    // Character by character, as PostgreSQL's `lower` maps them (a simple one-to-one mapping;
    // no NFKC: the search compares the stored text as it is).
    let lower = |c: char| {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(one), None) => one,
            _ => c,
        }
    };
    let chars: Vec<char> = title
        .unwrap_or("")
        .chars()
        .chain(std::iter::once(' '))
        .chain(text.chars())
        .map(lower)
        .collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            continue;
        }
        terms.insert(c.to_string());
        if let Some(next) = chars.get(i + 1).filter(|n| !n.is_whitespace()) {
            terms.insert(format!("{c}{next}"));
        }
    }
}

/// Writes short terms to `search_short_terms` (PostgreSQL; inside the caller's transaction):
/// one statement for the lot.
pub(crate) fn record_short_terms(
    conn: &crate::db::Db<'_>,
    terms: &std::collections::BTreeSet<String>,
) -> Result<(), StoreError> {
    if terms.is_empty() {
        return Ok(());
    }
    let lines = terms
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    conn.execute(
        "INSERT INTO search_short_terms (term)
         SELECT t FROM unnest(string_to_array(?1, E'\\n')) AS t WHERE t <> ''
         ON CONFLICT DO NOTHING",
        &[Value::Text(lines)],
    )
    .ctx("recording documents' short search terms")?;
    Ok(())
}

/// Documents read per transaction by [`complete_short_terms`].
const SHORT_TERMS_PAGE: i64 = 500;

/// `Store::complete_short_terms`: reads every document by key order, a page per transaction,
/// records its short terms, then marks the table complete.
pub(crate) fn complete_short_terms(store: &mut SqliteStore) -> Result<u64, StoreError> {
    if store.conn().dialect() != crate::sql::Dialect::Postgres {
        return Ok(0);
    }
    let complete = store
        .conn()
        .query_row("SELECT complete FROM search_short_terms_state", &[], |r| {
            r.get::<_, i64>(0).map(|v| v != 0)
        })
        .optional()
        .ctx("reading whether the short search terms are complete")?
        .unwrap_or(false);
    if complete {
        return Ok(0);
    }
    let mut read = 0u64;
    let mut after = 0i64;
    loop {
        let tx = store.begin("starting to record short search terms")?;
        let page: Vec<(i64, Option<String>, String)> = {
            let mut stmt = tx
                .prepare("SELECT id, title, text FROM documents WHERE id > ?1 ORDER BY id LIMIT ?2")
                .ctx("preparing to read documents for their short search terms")?;
            let rows = stmt
                .query_map(&[Value::Int(after), Value::Int(SHORT_TERMS_PAGE)], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .ctx("reading documents for their short search terms")?;
            rows.collect::<Result<_, _>>()
                .ctx("reading documents for their short search terms")?
        };
        let mut terms = std::collections::BTreeSet::new();
        for (_, title, text) in &page {
            add_short_terms(title.as_deref(), text, &mut terms);
        }
        record_short_terms(&tx, &terms)?;
        let last_page = (page.len() as i64) < SHORT_TERMS_PAGE;
        if last_page {
            tx.execute("UPDATE search_short_terms_state SET complete = TRUE", &[])
                .ctx("marking the short search terms complete")?;
        }
        tx.commit().ctx("committing short search terms")?;
        read += page.len() as u64;
        match page.last() {
            Some(&(id, _, _)) if !last_page => after = id,
            _ => return Ok(read),
        }
    }
}

/// Whether a short term is surely in no document: the table of short terms covers every
/// document and lacks it. Only terms whose characters have no case are trusted (the table is
/// folded by Rust, the search by PostgreSQL's `lower`, which may differ on cased letters
/// beyond ASCII); anything else answers false, and the search scans as before.
/// `complete` caches, for one search, whether the table covers every document (read once).
fn short_term_absent(
    store: &SqliteStore,
    term: &str,
    complete: &mut Option<bool>,
) -> Result<bool, StoreError> {
    let caseless = term.chars().all(|c| {
        c.is_ascii()
            || (c.to_lowercase().eq(std::iter::once(c)) && c.to_uppercase().eq(std::iter::once(c)))
    });
    if !caseless || term.chars().count() >= MIN_FTS_CHARS {
        return Ok(false);
    }
    let conn = store.conn();
    let covered = match *complete {
        Some(c) => c,
        None => {
            let c = conn
                .query_row("SELECT complete FROM search_short_terms_state", &[], |r| {
                    r.get::<_, i64>(0).map(|v| v != 0)
                })
                .optional()
                .ctx("reading whether the short search terms are complete")?
                .unwrap_or(false);
            *complete = Some(c);
            c
        }
    };
    if !covered {
        return Ok(false);
    }
    let known = conn
        .query_row(
            "SELECT 1 FROM search_short_terms WHERE term = ?1",
            &[Value::Text(term.to_string())],
            |r| r.get::<_, i64>(0),
        )
        .optional()
        .ctx("looking up a short search term")?;
    Ok(known.is_none())
}

fn postgres_matches(
    store: &SqliteStore,
    sql: &str,
    args: &[Value],
) -> Result<Vec<(RawSource, String)>, StoreError> {
    let conn = store.conn();
    let mut stmt = conn.prepare(sql).ctx("preparing the search query")?;
    let rows = stmt
        .query_map(args, |r| {
            Ok((RawSource::from_row(r)?, r.get::<_, String>(5)?))
        })
        .ctx("searching documents")?;
    let mut found = Vec::new();
    for row in rows {
        found.push(row.ctx("searching documents")?);
    }
    Ok(found)
}

/// Search hits from the documents found: snippet and incidents of each.
fn hits_of(
    store: &SqliteStore,
    terms: &[String],
    found: Vec<(RawSource, String)>,
) -> Result<Vec<SearchHit>, StoreError> {
    let conn = store.conn();
    let all: Vec<&str> = terms.iter().map(String::as_str).collect();
    let mut hits = Vec::with_capacity(found.len());
    for (raw, text) in found {
        let key = raw.key;
        hits.push(SearchHit {
            document: raw.into_source()?,
            snippet: snippet(&text, &all),
            incidents: summaries_for_document(&conn, key)?,
        });
    }
    Ok(hits)
}

/// A window of `text` around the first occurrence of any term (ASCII case-insensitive, as the
/// matching is), with up to `CONTEXT_CHARS` characters each side, every occurrence of a term
/// inside it marked `[…]`, line breaks flattened and `…` where text was cut. Cuts fall on
/// character boundaries. No occurrence (the match was in the title): the start of the text.
pub(crate) fn snippet(text: &str, terms: &[&str]) -> String {
    // ASCII lowercasing keeps every byte offset, so positions in `folded` are positions in `text`.
    let folded = text.to_ascii_lowercase();
    let mut needles: Vec<String> = terms
        .iter()
        .map(|t| t.to_ascii_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    // Longest first, so a longer term wins where two start at the same place.
    needles.sort_by_key(|t| std::cmp::Reverse(t.len()));

    let first = needles
        .iter()
        .filter_map(|n| folded.find(n.as_str()).map(|at| (at, at + n.len())))
        .min();
    let (start, end) = match first {
        Some((at, until)) => (
            back_chars(text, at, CONTEXT_CHARS),
            forward_chars(text, until, CONTEXT_CHARS),
        ),
        None => (0, forward_chars(text, 0, 2 * CONTEXT_CHARS)),
    };

    let mut out = String::new();
    if start > 0 {
        out.push_str(ELLIPSIS);
    }
    let mut pos = start;
    let mut end = end;
    while pos < end {
        let hit = needles
            .iter()
            .find(|n| folded[pos..].starts_with(n.as_str()))
            .map(|n| n.len());
        match hit {
            Some(len) => {
                out.push_str(MARK_OPEN);
                push_flat(&mut out, &text[pos..pos + len]);
                out.push_str(MARK_CLOSE);
                pos += len;
                // A mark running past the window widens it rather than being cut.
                end = end.max(pos);
            }
            None => {
                // `pos` is always on a char boundary: it starts on one and advances by whole
                // characters or whole (valid UTF-8) terms.
                let c = text[pos..].chars().next().unwrap_or(' ');
                push_flat(&mut out, c.encode_utf8(&mut [0; 4]));
                pos += c.len_utf8().max(1);
            }
        }
    }
    if end < text.len() {
        out.push_str(ELLIPSIS);
    }
    out
}

/// Appends `s` with line breaks and tabs as spaces, so a snippet stays on one line.
fn push_flat(out: &mut String, s: &str) {
    out.extend(s.chars().map(|c| {
        if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        }
    }));
}

/// The byte offset `n` characters before `at` (or 0).
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(at, |(i, _)| i)
}

/// The byte offset `n` characters after `at` (or the end).
fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_terms_are_every_character_and_pair_outside_white_space() {
        let mut terms = std::collections::BTreeSet::new();
        add_short_terms(Some("お知らせ"), "不正 AB\n漏洩", &mut terms);
        let want = [
            "お", "知", "ら", "せ", "お知", "知ら", "らせ", "不", "正", "不正", "ab", "a", "b",
            "漏", "洩", "漏洩",
        ];
        for w in want {
            assert!(terms.contains(w), "{w} missing from {terms:?}");
        }
        // No string across white space (title and text are joined by a space).
        assert!(!terms.iter().any(|t| t.chars().any(char::is_whitespace)));
        assert!(!terms.contains("せ不"));
        assert_eq!(terms.len(), want.len());
    }

    #[test]
    fn terms_are_literal_normalised_and_deduplicated() {
        assert_eq!(
            terms("  ランサムウェア　被害 被害 "),
            vec!["ランサムウェア", "被害"]
        );
        assert_eq!(terms("\"不正アクセス\""), vec!["不正アクセス"]);
        assert_eq!(terms("ＡＢＣ"), vec!["ABC"]);
        // Issue 11 (11): a term made only of brackets or quotes is searched for as written.
        assert_eq!(terms("\" ( ) \"\""), vec!["\"", "(", ")", "\"\""]);
        assert_eq!(terms("("), vec!["("]);
        assert_eq!(terms("AND * OR"), vec!["AND", "*", "OR"]);
        assert!(terms("").is_empty());
    }

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern("10%_x\\"), "%10\\%\\_x\\\\%");
    }

    #[test]
    fn snippet_marks_terms_with_context_on_char_boundaries() {
        let text = format!(
            "{}株式会社サンプル商事は不正アクセスにより約1万件の個人情報が漏洩した可能性があると発表した。{}",
            "前置き。".repeat(30),
            "後書き。".repeat(30)
        );
        let s = snippet(&text, &["不正アクセス", "漏洩"]);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("[不正アクセス]"), "{s}");
        assert!(s.contains("[漏洩]"), "{s}");
        // 40 characters each side of the first match plus the marks and ellipses.
        let chars = s.chars().count();
        assert!(
            chars <= 40 + "[不正アクセス]".chars().count() + 40 + 2 + 4,
            "{chars}: {s}"
        );
    }

    #[test]
    fn snippet_is_case_insensitive_for_ascii_and_flattens_lines() {
        let s = snippet("Lockbit による\n攻撃", &["LOCKBIT"]);
        assert_eq!(s, "[Lockbit] による 攻撃");
    }

    #[test]
    fn snippet_without_match_shows_the_start() {
        let s = snippet(&"あ".repeat(200), &["いい"]);
        assert_eq!(s.chars().count(), 81);
        assert!(s.ends_with('…'));
        assert_eq!(snippet("", &["x"]), "");
    }

    #[test]
    fn overlapping_terms_prefer_the_longest() {
        let s = snippet("不正アクセスの被害", &["不正", "不正アクセス"]);
        assert_eq!(s, "[不正アクセス]の被害");
    }
}
