//! Runs the extractor over corpus `.txt` files and prints one gold-schema JSON line per
//! document (`extraction.to_record(None)`), for `shared/tools/score_extraction.py`.
//! Documents are built as the ingest stage builds them: NFKC text with CRLF→LF, title = first
//! non-empty line, published = ingest's `find_published`.

use leakwatch_extract::Extractor;
use leakwatch_model::{DocId, Document, Language, MediaType, Origin};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Builds a `Document` from a file's UTF-8 content the way ingest does.
pub fn document_from_text(path: &Path, raw: &str) -> Document {
    let text: String = raw
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .nfkc()
        .collect();
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string);
    // The publication date as ingest finds it, so that measurements here see the dates the
    // real pipeline (and training, which loads documents through ingest) sees.
    let published = leakwatch_ingest::published::find_published(&text);
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("doc")
        .to_string();
    Document {
        id: DocId(id),
        origin: Origin::File {
            path: path.to_path_buf(),
        },
        media_type: MediaType::Text,
        encoding: "UTF-8".into(),
        title,
        published,
        language: Language::detect(&text),
        content_hash: format!("len-{}", text.len()),
        text,
    }
}

fn main() {
    let extractor = Extractor::new();
    let explain = std::env::var("EXPLAIN").is_ok();
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let raw = match std::fs::read(path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                eprintln!("{arg}: {e}");
                continue;
            }
        };
        let doc = document_from_text(path, &raw);
        let ex = extractor.extract(&doc);
        if explain {
            for t in &ex.trace {
                eprintln!("[{}] {:?} {}: {}", doc.id, t.incident, t.field, t.message);
            }
        }
        match serde_json::to_string(&ex.to_record(None)) {
            Ok(line) => println!("{line}"),
            Err(e) => eprintln!("{arg}: {e}"),
        }
    }
}
