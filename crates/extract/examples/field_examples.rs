//! Prints the count ranker's training groups of gold-labelled documents as JSON lines (one per
//! gold victim's block: document, gold count, the candidate values and each candidate's
//! features, the target index), for studying features outside the trainer.
//! Usage: field_examples DIR... > groups.jsonl
use leakwatch_extract::context::VictimContext;
use leakwatch_extract::count::count_choices;
use leakwatch_extract::learn::gold::parse_gold;
use leakwatch_extract::learn::train::align_gold;
use leakwatch_extract::Extractor;
use leakwatch_model::Language;
use std::collections::BTreeMap;
use std::path::Path;

#[path = "score_corpus.rs"]
#[allow(dead_code)]
mod score_corpus;

fn main() {
    let ex = Extractor::new();
    for dir in std::env::args().skip(1) {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("directory")
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
            let Ok((gold, _)) =
                parse_gold(&std::fs::read_to_string(&gold_path).unwrap_or_default())
            else {
                continue;
            };
            let doc = score_corpus::document_from_text(Path::new(&txt), &raw);
            if doc.language != Language::Ja {
                continue;
            }
            let an = ex.analyze(&doc);
            let al = align_gold(&an, &gold);
            let mut victims: Vec<(usize, usize)> = al
                .matched
                .iter()
                .map(|&(li, gi, _)| (al.live[li], gi))
                .collect();
            victims.sort_by_key(|&(ei, _)| {
                an.entities[ei]
                    .mentions
                    .iter()
                    .map(|&m| an.scan.mentions[m].start)
                    .min()
            });
            let ids: Vec<usize> = victims.iter().map(|&(ei, _)| ei).collect();
            let jobs = ex.jobs(&an, &ids, &mut Vec::new());
            for job in jobs.iter().filter(|j| !j.secondary) {
                let Some(&(_, gi)) = victims.iter().find(|(ei, _)| *ei == job.entity) else {
                    continue;
                };
                let g = &gold.incidents[gi];
                let ctx = VictimContext {
                    scan: &an.scan,
                    block: &job.block,
                    doc_id: &doc.id,
                    title_line: an.title_line,
                };
                let choices = count_choices(&ctx, &an.counts, &an.entities[job.entity].mentions);
                let cands: Vec<BTreeMap<&str, f32>> = choices
                    .features
                    .iter()
                    .map(|f| f.0.iter().copied().collect())
                    .collect();
                let line = serde_json::json!({
                    "set": dir, "doc": doc.id.0, "org": g.organization, "gold": g.affected_count,
                    "target": choices.index_of(g.affected_count), "values": choices.values(),
                    "cands": cands,
                });
                println!("{line}");
            }
        }
    }
}
