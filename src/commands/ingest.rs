//! `leakwatch ingest`: files and directories into the database, with a progress bar and a
//! summary line; exit code 1 when any file failed.

use super::limits;
use crate::cli::IngestArgs;
use crate::config::Settings;
use crate::render::BarProgress;
use anyhow::{Context, Result};
use leakwatch_app::{ingest_paths_with, IngestSummary};
use leakwatch_extract::Extractor;
use leakwatch_ingest::DiscoverOptions;
use std::process::ExitCode;

pub fn run(settings: &Settings, args: &IngestArgs) -> Result<ExitCode> {
    // A bulk load, as `import` is: a killed process still loses nothing reported done; a
    // power cut may lose the last commits, which a re-run restores (−6 % CPU on 5,000
    // generated documents into a database of 33,000).
    let mut store = super::open_for_bulk_load(settings, "ingest")?;
    let extractor = Extractor::new().without_trace();
    let progress = BarProgress::new(settings.quiet, "ingesting");
    let ingested = ingest_paths_with(
        &mut store,
        &extractor,
        &args.paths,
        &limits(settings),
        &DiscoverOptions {
            follow_links: args.follow,
        },
        &progress,
    );
    store
        .end_bulk_load()
        .context("restoring the database's settings after the ingest")?;
    let summary = ingested?;
    super::alerts::after_store(settings, &mut store, args.json, None)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    }
    if !settings.quiet {
        eprintln!("{}", summary_line(&summary));
    }
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn summary_line(s: &IngestSummary) -> String {
    format!(
        "{} documents read: {} new, {} skipped (already stored), {} failed; {} incidents created, {} merged",
        s.read + s.failed.len(),
        s.new,
        s.skipped,
        s.failed.len(),
        s.incidents_created,
        s.incidents_merged
    )
}
