//! Prints a document's organisation mentions with kind, cue, sentence flags and role: the
//! inputs of victim selection (a debugging aid; `leakwatch extract --explain` gives the verdicts).
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: mentions FILE");
        std::process::exit(2);
    };
    let raw = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let text: String = unicode_normalization::UnicodeNormalization::nfkc(raw.as_str()).collect();
    let lex = leakwatch_extract::lexicon::Lexicons::new();
    let orgs = leakwatch_extract::org::OrgFinder::new();
    let scan = leakwatch_extract::scan::DocScan::new(&text, &lex, &orgs);
    for (i, m) in scan.mentions.iter().enumerate() {
        let s = scan.mention_sentence[i];
        println!(
            "{:>6} {:?} {:?} {:?} hint={:?} flags={:#x} role={:?}",
            m.start,
            m.name,
            m.kind,
            m.cue,
            m.relation_hint,
            scan.flags[s],
            leakwatch_extract::victims::mention_role(&scan, m)
        );
    }
}
