//! Throughput of the whole extraction over a ≥5 MB Japanese corpus built by repeating the
//! shared corpus documents (skipped with a message when the corpus is absent).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use leakwatch_extract::Extractor;
use leakwatch_model::{DocId, Document, Language, MediaType, Origin};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        // The score-only sets are never read, not even as timing input.
        let score_only = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with("validate"));
        if p.is_dir() && !score_only {
            corpus_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

fn load_docs() -> Vec<Document> {
    let root = std::env::var("LEAKWATCH_CORPUS").unwrap_or_else(|_| "/work/shared/corpus".into());
    let mut files = Vec::new();
    corpus_files(Path::new(&root), &mut files);
    files.sort();
    let mut base = Vec::new();
    for f in &files {
        if let Ok(b) = std::fs::read(f) {
            let text: String = String::from_utf8_lossy(&b)
                .replace("\r\n", "\n")
                .nfkc()
                .collect();
            base.push((f.clone(), text));
        }
    }
    let mut docs = Vec::new();
    let mut total = 0usize;
    if base.is_empty() {
        return docs;
    }
    while total < 5 * 1024 * 1024 {
        for (i, (f, text)) in base.iter().enumerate() {
            total += text.len();
            docs.push(Document {
                id: DocId(format!("{}-{}", i, docs.len())),
                origin: Origin::File { path: f.clone() },
                media_type: MediaType::Text,
                encoding: "UTF-8".into(),
                title: text.lines().next().map(str::to_string),
                published: None,
                language: Language::detect(text),
                content_hash: String::new(),
                text: text.clone(),
            });
        }
    }
    docs
}

fn bench(c: &mut Criterion) {
    let docs = load_docs();
    if docs.is_empty() {
        eprintln!("throughput bench skipped: no corpus .txt files found (set LEAKWATCH_CORPUS)");
        return;
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let extractor = Extractor::new();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("corpus_x_repeat", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for d in &docs {
                n += extractor.extract(d).incidents.len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
