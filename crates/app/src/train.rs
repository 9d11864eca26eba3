//! Training the extractor's models from gold-labelled directories (`leakwatch train`): read
//! every `<id>.json` gold label with its `<id>.txt` document (decoded as ingest decodes files),
//! hand them to the extractor's trainer, return the models. Documents are taken in directory
//! order, then file-name order, so the same directories always give the same weights.

use leakwatch_extract::learn::gold::parse_gold;
use leakwatch_extract::learn::models::Models;
use leakwatch_extract::learn::train::{GoldDocument, TrainSettings};
use leakwatch_extract::Extractor;
use leakwatch_ingest::{load_file, Limits};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a gold label: {source}")]
    Gold {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path}: {source}")]
    Document {
        path: PathBuf,
        source: leakwatch_ingest::IngestError,
    },
    #[error("{0}: no gold labels (<id>.json beside <id>.txt) in this directory")]
    Empty(PathBuf),
}

/// The gold documents of one directory, in file-name order.
pub fn load_gold_dir(dir: &Path, limits: &Limits) -> Result<Vec<GoldDocument>, TrainError> {
    let entries = std::fs::read_dir(dir).map_err(|source| TrainError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut labels: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && p.with_extension("txt").is_file())
        .collect();
    labels.sort();
    if labels.is_empty() {
        return Err(TrainError::Empty(dir.to_path_buf()));
    }
    let set = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string());
    let mut out = Vec::with_capacity(labels.len());
    for path in labels {
        let json = std::fs::read_to_string(&path).map_err(|source| TrainError::Read {
            path: path.clone(),
            source,
        })?;
        let (gold, _skipped) = parse_gold(&json).map_err(|source| TrainError::Gold {
            path: path.clone(),
            source,
        })?;
        let txt = path.with_extension("txt");
        let document = load_file(&txt, limits).map_err(|source| TrainError::Document {
            path: txt.clone(),
            source,
        })?;
        out.push(GoldDocument {
            document,
            gold,
            set: set.clone(),
            weight: 1.0,
        });
    }
    Ok(out)
}

/// Trains the models on every gold directory given.
/// Trains the models on every gold directory given; `weights` (set name → weight, the set
/// name being the directory's name) makes some sets' examples count more.
pub fn train_models(
    dirs: &[PathBuf],
    weights: &[(String, f32)],
    limits: &Limits,
    settings: TrainSettings,
) -> Result<(Models, usize), TrainError> {
    let mut docs = Vec::new();
    for dir in dirs {
        let mut set = load_gold_dir(dir, limits)?;
        for d in &mut set {
            if let Some((_, w)) = weights.iter().find(|(n, _)| *n == d.set) {
                d.weight = *w;
            }
        }
        docs.extend(set);
    }
    let extractor = Extractor::new();
    Ok((extractor.train(&docs, settings), docs.len()))
}
