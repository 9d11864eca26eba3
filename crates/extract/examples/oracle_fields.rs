//! Field extraction with the gold victims (perfect incident detection), printed as gold-schema
//! JSONL for the shared scorer: measures the cause, count, data-type and date extraction alone.
//! Usage: oracle_fields MODELS.json DIR > pred.jsonl
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
            extraction.incidents = ex.extract_gold_victims(&doc, &gold);
            println!(
                "{}",
                serde_json::to_string(&extraction.to_record(None)).unwrap()
            );
        }
    }
}
