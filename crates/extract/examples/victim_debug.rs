//! Victim selection against gold labels, for development: for every gold incident of the
//! given directories, the entity that matches it (if any) with its victim probability and
//! rank, and every chosen entity that matches no gold incident.
//! Usage: victim_debug MODELS.json DIR...
use leakwatch_extract::learn::align::{best_similarity, MATCH_THRESHOLD};
use leakwatch_extract::learn::gold::parse_gold;
use leakwatch_extract::learn::models::Models;
use std::path::Path;

#[path = "score_corpus.rs"]
#[allow(dead_code)]
mod score_corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let models =
        Models::from_json(&std::fs::read_to_string(args.next().expect("models")).unwrap()).unwrap();
    let lex = leakwatch_extract::lexicon::Lexicons::new();
    let orgs = leakwatch_extract::org::OrgFinder::new();
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
            let scan = leakwatch_extract::scan::DocScan::new(&doc.text, &lex, &orgs);
            let mut ents = leakwatch_extract::victims::group_entities(&scan);
            leakwatch_extract::victims::prepare_entities(&scan, &mut ents);
            let choice =
                leakwatch_extract::victims::select::choose_victims(&scan, &mut ents, &models);
            let stem = gold_path.file_stem().unwrap().to_string_lossy().to_string();
            let mut lines = Vec::new();
            let top = (0..ents.len())
                .filter(|&i| !ents[i].mentions.is_empty())
                .max_by(|&a, &b| choice.rank[a].total_cmp(&choice.rank[b]));
            let mut used = Vec::new();
            for g in &gold.incidents {
                let names: Vec<&str> = std::iter::once(g.organization.as_str())
                    .chain(g.aliases.iter().map(String::as_str))
                    .collect();
                let best = (0..ents.len())
                    .filter(|&i| !ents[i].mentions.is_empty())
                    .map(|i| {
                        (
                            i,
                            best_similarity(
                                ents[i].names.iter().map(|(n, _)| n.as_str()),
                                names.iter().copied(),
                            ),
                        )
                    })
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                match best {
                    Some((i, s)) if s >= MATCH_THRESHOLD => {
                        used.push(i);
                        let chosen = choice.victims.contains(&i);
                        if !chosen {
                            lines.push(format!(
                                "  MISS {} : cand {} p={:.2} rank={:.2}{}",
                                g.organization,
                                ents[i].canonical_name(&scan).0,
                                choice.victim_probability[i],
                                choice.rank[i],
                                if Some(i) == top { " (top)" } else { "" }
                            ));
                        }
                    }
                    _ => lines.push(format!("  NOCAND {}", g.organization)),
                }
            }
            for &v in &choice.victims {
                if !used.contains(&v) {
                    lines.push(format!(
                        "  SPUR {} p={:.2} rank={:.2}{}",
                        ents[v].canonical_name(&scan).0,
                        choice.victim_probability[v],
                        choice.rank[v],
                        if Some(v) == top { " (top)" } else { "" }
                    ));
                }
            }
            if !lines.is_empty() {
                println!(
                    "{stem} [{} gold]\n{}",
                    gold.incidents.len(),
                    lines.join("\n")
                );
            }
        }
    }
}
