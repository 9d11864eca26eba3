//! Times the parts of one document scan over the shared corpus (a profiling aid, not a test).
use leakwatch_extract::lexicon::Lexicons;
use leakwatch_extract::org::OrgFinder;
use leakwatch_extract::scan::DocScan;
use leakwatch_extract::text::Layout;
use std::time::Instant;

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/corpus".into());
    let mut texts = Vec::new();
    for dir in ["seeds", "dev"] {
        for e in std::fs::read_dir(format!("{root}/{dir}"))
            .expect("corpus dir")
            .flatten()
        {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                texts.push(std::fs::read_to_string(&p).expect("read"));
            }
        }
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    // `scan_profile [CORPUS] full`: only the whole extraction, many times (for perf record).
    let only_full = std::env::args().nth(2).is_some_and(|a| a == "full");
    let reps = std::env::var("REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(if only_full { 400 } else { 40 });
    let lex = Lexicons::new();
    let orgs = OrgFinder::new();
    let ex = leakwatch_extract::Extractor::new();
    let mb = (bytes * reps) as f64 / 1e6;
    let time = |name: &str, f: &dyn Fn(&str) -> usize| {
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..reps {
            for tx in &texts {
                n += f(tx);
            }
        }
        let s = t.elapsed().as_secs_f64();
        println!("{name:>24}: {:7.1} ms  {:7.1} MB/s  ({n})", s * 1e3, mb / s);
    };
    if !only_full {
        time("layout", &|t| Layout::new(t).sentences.len());
        time("lexicon overlapping", &|t| {
            lex.all.find_overlapping_iter(t).count()
        });
        time("date mentions", &|t| {
            leakwatch_jatext::find_date_mentions(t).len()
        });
        time("org anchors+doc", &|t| orgs.find_mentions(t, &[]).len());
        time("org all regions", &|t| {
            orgs.find_mentions(t, &[(0, t.len())]).len()
        });
        time("operator links", &|t| orgs.find_operator_links(t).len());
        time("DocScan::new", &|t| {
            DocScan::new(t, &lex, &orgs).mentions.len()
        });
    }
    time("full extract", &|t| {
        let doc = leakwatch_model::Document {
            id: leakwatch_model::DocId("x".into()),
            origin: leakwatch_model::Origin::File { path: "x".into() },
            media_type: leakwatch_model::MediaType::Text,
            encoding: "UTF-8".into(),
            title: None,
            published: None,
            language: leakwatch_model::Language::Ja,
            content_hash: String::new(),
            text: t.to_string(),
        };
        ex.extract(&doc).incidents.len()
    });
}
