//! Times the extraction of one file (a development aid for inputs that take long).
fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let raw = std::fs::read_to_string(&path).expect("read");
    let doc = leakwatch_model::Document {
        id: leakwatch_model::DocId("x".into()),
        origin: leakwatch_model::Origin::File {
            path: path.clone().into(),
        },
        media_type: leakwatch_model::MediaType::Text,
        encoding: "UTF-8".into(),
        title: None,
        published: None,
        language: leakwatch_model::Language::Ja,
        content_hash: String::new(),
        text: raw,
    };
    let e = leakwatch_extract::Extractor::new();
    let t = std::time::Instant::now();
    let ex = e.extract(&doc);
    eprintln!("{} incidents in {:?}", ex.incidents.len(), t.elapsed());
}
