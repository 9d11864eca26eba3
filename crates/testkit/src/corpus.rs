//! The shared corpus as tests may read it: only the sets the project tunes on. The score-only
//! sets (`validate`, `en-validate`) are never read, not even by tests.

use std::path::{Path, PathBuf};

/// The shared corpus directory (`$LEAKWATCH_SHARED/corpus`, default `../shared/corpus` beside
/// the workspace). Panics with the path when it is missing: the tests that call this need it.
pub fn shared_corpus() -> PathBuf {
    let base = std::env::var_os("LEAKWATCH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = base.join("corpus");
    assert!(
        dir.is_dir(),
        "shared corpus {} not found (set LEAKWATCH_SHARED)",
        dir.display()
    );
    dir
}

/// The readable shared sets (seeds, dev, tune) as paths for a command line.
pub fn readable_sets() -> Vec<String> {
    let corpus = shared_corpus();
    ["seeds", "dev", "tune"]
        .iter()
        .map(|s| corpus.join(s).to_string_lossy().into_owned())
        .collect()
}

/// `prefix` followed by every readable shared set.
pub fn with_sets<'a>(prefix: &[&'a str], sets: &'a [String]) -> Vec<&'a str> {
    prefix
        .iter()
        .copied()
        .chain(sets.iter().map(String::as_str))
        .collect()
}
