//! Candidate recall: for every gold incident of the given corpus directories, whether any
//! organisation entity found in its document matches it (the scorer's name similarity).
//! A development aid for the candidate generators.
use leakwatch_extract::learn::align::{best_similarity, MATCH_THRESHOLD};
use std::path::Path;

#[path = "score_corpus.rs"]
#[allow(dead_code)]
mod score_corpus;

fn main() {
    let lex = leakwatch_extract::lexicon::Lexicons::new();
    let orgs = leakwatch_extract::org::OrgFinder::new();
    let (mut total, mut found) = (0, 0);
    let mut n_entities = 0;
    for dir in std::env::args().skip(1) {
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
            let gold: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
            let doc = score_corpus::document_from_text(Path::new(&txt), &raw);
            let scan = leakwatch_extract::scan::DocScan::new(&doc.text, &lex, &orgs);
            let entities = leakwatch_extract::victims::group_entities(&scan);
            n_entities += entities.len();
            for inc in gold["incidents"].as_array().unwrap() {
                let mut names = vec![inc["organization"].as_str().unwrap_or("").to_string()];
                for a in inc["aliases"].as_array().into_iter().flatten() {
                    names.push(a.as_str().unwrap_or("").to_string());
                }
                total += 1;
                let best = entities
                    .iter()
                    .map(|e| {
                        best_similarity(
                            e.names.iter().map(|(n, _)| n.as_str()),
                            names.iter().map(String::as_str),
                        )
                    })
                    .fold(0.0f32, f32::max);
                if best >= MATCH_THRESHOLD {
                    found += 1;
                } else {
                    println!(
                        "MISS {:50} {}",
                        gold_path.file_stem().unwrap().to_string_lossy(),
                        names.join(" / ")
                    );
                }
            }
        }
    }
    println!(
        "candidate recall {found}/{total} = {:.3}; {n_entities} entities",
        found as f64 / total as f64
    );
}
