//! Field extraction with the gold victims (perfect incident detection), printed as gold-schema
//! JSONL for the shared scorer: measures the cause, count, data-type and date extraction alone.
//! Usage: oracle_fields MODELS.json DIR > pred.jsonl
//! With `TRACE=1`, every field decision of every incident goes to stderr (`--explain` style).
use leakwatch_extract::learn::gold::parse_gold;
use leakwatch_extract::learn::models::Models;
use leakwatch_extract::Extractor;
use std::path::Path;

#[path = "score_corpus.rs"]
#[allow(dead_code)]
mod score_corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let models =
        Models::from_json(&std::fs::read_to_string(args.next().expect("models")).unwrap()).unwrap();
    let ex = Extractor::with_models(models);
    for dir in args {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for gold_path in files {
            let txt = gold_path.with_extension("txt");
            let Ok(raw) = std::fs::read_to_string(&txt) else {
                continue;
            };
            let (gold, _) = parse_gold(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
            let doc = score_corpus::document_from_text(Path::new(&txt), &raw);
            let mut extraction = ex.extract(&doc);
            let (incidents, trace) = ex.extract_gold_victims_traced(&doc, &gold);
            if std::env::var("TRACE").is_ok() {
                eprintln!("=== {}", doc.id.0);
                for (i, inc) in incidents.iter().enumerate() {
                    eprintln!("  [{i}] {}", inc.organization.value);
                }
                for n in trace.iter().filter(|n| n.incident.is_some()) {
                    eprintln!("  [{}] {}: {}", n.incident.unwrap_or(0), n.field, n.message);
                }
            }
            extraction.incidents = incidents;
            println!(
                "{}",
                serde_json::to_string(&extraction.to_record(None)).unwrap()
            );
        }
    }
}
