//! `leakwatch reextract`: re-runs the current extractor over every stored document (after an
//! extractor upgrade) without losing analyst corrections, merges or splits.

use super::open_store_for_reading;
use crate::config::Settings;
use crate::render::BarProgress;
use anyhow::Result;
use clap::Args;
use leakwatch_app::reextract_all;
use leakwatch_extract::Extractor;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ReextractArgs {
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(settings: &Settings, args: &ReextractArgs) -> Result<ExitCode> {
    let mut store = open_store_for_reading(settings)?;
    let progress = BarProgress::new(settings.quiet, "re-extracting");
    let summary = reextract_all(&mut *store, &Extractor::new().without_trace(), &progress)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    }
    if !settings.quiet {
        eprintln!(
            "{} documents re-extracted: {} changed; {} incidents created, {} removed",
            summary.documents,
            summary.changed,
            summary.incidents_created,
            summary.incidents_removed
        );
        if summary.short_terms_documents > 0 {
            eprintln!(
                "short search terms recorded for {} documents stored before the table of short terms",
                summary.short_terms_documents
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
