//! Every date mention of a document with its resolved day, the kinds its clause rules read and
//! a snippet of its sentence, then the gold dates when a `<id>.json` lies beside the file.
//! A development aid for date resolution and date-role features.
//! Usage: date_mentions FILE.txt...
use leakwatch_extract::Extractor;
use std::path::Path;

#[path = "score_corpus.rs"]
#[allow(dead_code)]
mod score_corpus;

fn main() {
    let ex = Extractor::new();
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let Ok(raw) = std::fs::read_to_string(path) else {
            eprintln!("{arg}: unreadable");
            continue;
        };
        let doc = score_corpus::document_from_text(path, &raw);
        let an = ex.analyze(&doc);
        println!(
            "== {} published {:?} year {:?} ({})",
            doc.id.0, doc.published, an.doc_year, an.year_how
        );
        for (i, (dm, sent)) in an.scan.dates.iter().enumerate() {
            let kinds: Vec<&str> = an
                .date_kinds
                .of(&an.scan, i)
                .iter()
                .map(|k| k.as_str())
                .collect();
            let s = an.scan.layout.sentences[*sent];
            let from = an.scan.text[..dm.start]
                .char_indices()
                .rev()
                .nth(15)
                .map_or(s.start, |(j, _)| j.max(s.start));
            let to = an.scan.text[dm.end..]
                .char_indices()
                .nth(40)
                .map_or(s.end, |(j, _)| (dm.end + j).min(s.end));
            let snippet = an.scan.text.get(from..to).unwrap_or("").replace('\n', " ");
            println!(
                "  [{i:>2}] s{sent:<3} {:<10} {:<28} {:<24} {snippet}",
                an.resolved_dates[i].map_or("-".to_string(), |d| d.to_string()),
                format!("{:?}", dm.form),
                kinds.join(",")
            );
        }
        if let Ok(g) = std::fs::read_to_string(path.with_extension("json")) {
            let v: serde_json::Value = serde_json::from_str(&g).unwrap_or_default();
            println!("  gold published {}", v["published"]);
            for inc in v["incidents"].as_array().into_iter().flatten() {
                println!("  gold {} {}", inc["organization"], inc["dates"]);
            }
        }
    }
}
