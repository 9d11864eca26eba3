//! `leakwatch ingest`: files and directories into the database, with a progress bar and a
//! summary line; exit code 1 when any file failed.

use super::{limits, open_store_for_writing};
use crate::cli::IngestArgs;
use crate::config::Settings;
use crate::render::BarProgress;
use anyhow::Result;
use leakwatch_app::{ingest_paths_with, IngestSummary};
use leakwatch_extract::Extractor;
use leakwatch_ingest::DiscoverOptions;
use std::process::ExitCode;

pub fn run(settings: &Settings, args: &IngestArgs) -> Result<ExitCode> {
    let mut store = open_store_for_writing(settings)?;
    let extractor = Extractor::new().without_trace();
    let progress = BarProgress::new(settings.quiet, "ingesting");
    let summary = ingest_paths_with(
        &mut *store,
        &extractor,
        &args.paths,
        &limits(settings),
        &DiscoverOptions {
            follow_links: args.follow,
        },
        &progress,
    )?;
    super::alerts::after_store(settings, &mut *store, args.json, None)?;
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
