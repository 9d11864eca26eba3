//! Stateless extraction of one file: decode with the ingest stage, extract, return both — the
//! `leakwatch extract` command streams these one file at a time.

use leakwatch_extract::Extractor;
use leakwatch_ingest::{load_file, IngestError, Limits};
use leakwatch_model::{Document, Extraction};
use std::path::Path;

/// A decoded document and what the extractor found in it.
pub struct ExtractedFile {
    pub document: Document,
    pub extraction: Extraction,
}

/// Decodes and extracts one file. A bad file is an error naming the file and the reason.
pub fn extract_file(
    extractor: &Extractor,
    path: &Path,
    limits: &Limits,
) -> Result<ExtractedFile, IngestError> {
    let document = load_file(path, limits)?;
    let extraction = extractor.extract(&document);
    Ok(ExtractedFile {
        document,
        extraction,
    })
}
